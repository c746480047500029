package actionplan

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func fieldsOf(err error) map[string]bool {
	out := map[string]bool{}
	if e, ok := err.(*domain.Error); ok {
		for _, f := range e.Fields {
			out[f.Field] = true
		}
	}
	return out
}

// An action is overdue only while open and only from the day after it
// was due; the time of day does not count.
func TestOverdueMeansOpenAndPastItsDueDay(t *testing.T) {
	late := time.Date(2026, 12, 2, 0, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		due    string
		status Status
		now    time.Time
		want   bool
	}{
		{"2026-12-01", InProgress, late, true},
		{"2026-12-01", NotStarted, late, true},
		{"2026-12-01", Completed, late, false},
		{"2026-12-01", Cancelled, late, false},
		{"2026-12-02", InProgress, late.Add(23 * time.Hour), false},
	} {
		a := Action{DueOn: date(c.due), Status: c.status}
		if got := a.Overdue(c.now); got != c.want {
			t.Errorf("due %s, %s, at %s: got %v, want %v", c.due, c.status, c.now, got, c.want)
		}
	}
}

func TestActionValidationNamesEveryBadField(t *testing.T) {
	err := Action{Title: " ", Status: "done", RAG: "blue",
		Source: &Source{Kind: "rumour"}}.Validate()
	got := fieldsOf(err)
	for _, want := range []string{"title", "owner_id", "due_on", "status", "rag", "source.kind", "source.id"} {
		if !got[want] {
			t.Errorf("no error for %s in %v", want, got)
		}
	}
	ok := Action{Title: "Train coordinators", OwnerID: uuid.New(), DueOn: date("2027-01-31"),
		Status: NotStarted, RAG: Amber, Source: &Source{Kind: SourceModeration, ID: uuid.New()}}
	if err := ok.Validate(); err != nil {
		t.Errorf("a good action was refused: %v", err)
	}
}

func TestPlansBelongToAServiceOnlyWhenLocal(t *testing.T) {
	org := uuid.New()
	if got := fieldsOf(Plan{Kind: Local, Title: "Local"}.Validate()); !got["organisation_id"] {
		t.Errorf("a local plan without a service: got %v", got)
	}
	practice := Plan{Kind: Practice, Title: "PIP", OrganisationID: org}
	if got := fieldsOf(practice.Validate()); !got["organisation_id"] {
		t.Errorf("a practice plan with a service: got %v", got)
	}
	if err := (Plan{Kind: Local, Title: "Local", OrganisationID: org}).Validate(); err != nil {
		t.Errorf("a good local plan was refused: %v", err)
	}
}

func TestProgressIsDatedTodayOrBefore(t *testing.T) {
	today := time.Date(2026, 12, 3, 18, 0, 0, 0, time.UTC)
	if got := fieldsOf(Update{Body: "Done", WrittenOn: date("2026-12-04")}.Validate(today)); !got["written_on"] {
		t.Errorf("tomorrow's update was accepted: %v", got)
	}
	if got := fieldsOf(Update{Body: " ", WrittenOn: date("2026-12-03")}.Validate(today)); !got["body"] {
		t.Errorf("an empty update was accepted: %v", got)
	}
	if err := (Update{Body: "Done", WrittenOn: date("2026-12-03")}).Validate(today); err != nil {
		t.Errorf("today's update was refused: %v", err)
	}
}
