package round

import (
	"errors"
	"testing"
	"time"

	"sendqa/domain"
)

func TestTermOfADateFollowsTheSchoolYear(t *testing.T) {
	for _, c := range []struct {
		date string
		term Term
		year int
	}{
		{"2026-09-01", Autumn, 2026},
		{"2026-12-31", Autumn, 2026},
		{"2027-01-01", Spring, 2026},
		{"2027-04-30", Spring, 2026},
		{"2027-05-01", Summer, 2026},
		{"2027-08-31", Summer, 2026},
	} {
		d, _ := time.Parse(time.DateOnly, c.date)
		if term, year := TermOf(d); term != c.term || year != c.year {
			t.Errorf("%s: got %s %d, want %s %d", c.date, term, year, c.term, c.year)
		}
	}
}

func TestAFollowUpSampleRefusesUnknownRepeatedAndConflictedSubjects(t *testing.T) {
	subjects := []CandidateSubject{{LocalID: "A1", Services: []string{"SENSTART"}},
		{LocalID: "B2", Services: []string{"Educational Psychology"}}}
	for i := range subjects {
		subjects[i].ID = [16]byte{byte(i + 1)}
	}
	auditor := Auditor{ID: "x", Services: []string{"educational psychology"}}
	_, err := followUpSample(Round{SubjectKind: "ehc_plan"}, subjects,
		[]string{"a1", "A1", "B2", "C3"}, auditor)
	got := fieldsOf(err)
	want := []string{"subject_local_ids[1]", "subject_local_ids[2]", "subject_local_ids[3]"}
	if len(got) != len(want) {
		t.Fatalf("got fields %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d: got %s, want %s", i, got[i], want[i])
		}
	}
	sample, err := followUpSample(Round{}, subjects, []string{" a1 "}, auditor)
	if err != nil || len(sample) != 1 || sample[0].LocalID != "A1" || sample[0].Position != 1 {
		t.Errorf("a clean sample: %v, %v", sample, err)
	}
}

func fieldsOf(err error) []string {
	var de *domain.Error
	if !errors.As(err, &de) {
		return nil
	}
	out := make([]string, len(de.Fields))
	for i, f := range de.Fields {
		out[i] = f.Field
	}
	return out
}
