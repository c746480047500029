package moderation

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain/instrument"
	"sendqa/domain/round"
)

func TestNobodyModeratesTheirOwnAuditOrAServiceTheyWorkFor(t *testing.T) {
	first, other := uuid.New(), uuid.New()
	c := Candidate{ResponseID: uuid.New(), AuditorID: first, Services: []string{"Health", "Social Care"}}
	cases := []struct {
		name string
		a    round.AuditorRecord
		want bool
	}{
		{"the first auditor", round.AuditorRecord{PersonID: first}, false},
		{"a colleague of a contributing service", round.AuditorRecord{PersonID: other,
			Services: []string{" social care"}}, false},
		{"an auditor from elsewhere", round.AuditorRecord{PersonID: other, Services: []string{"Education"}}, true},
		{"an auditor with no services", round.AuditorRecord{PersonID: other}, true},
	}
	for _, tc := range cases {
		if got := MayModerate(tc.a, c); got != tc.want {
			t.Errorf("%s: may moderate = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestASampleTakesItsShareRoundedUpOrItsNumberPerAuditor(t *testing.T) {
	a, b := uuid.New(), uuid.New()
	var cs []Candidate
	for i := range 7 {
		auditor := a
		if i >= 5 {
			auditor = b
		}
		cs = append(cs, Candidate{ResponseID: uuid.New(), AuditorID: auditor})
	}
	if n := len(pick(cs, Sample{Percent: 10})); n != 1 {
		t.Errorf("10%% of 7 drew %d, want 1", n)
	}
	if n := len(pick(cs, Sample{Percent: 50})); n != 4 {
		t.Errorf("50%% of 7 drew %d, want 4", n)
	}
	per := map[uuid.UUID]int{}
	for _, c := range pick(cs, Sample{PerAuditor: 3}) {
		per[c.AuditorID]++
	}
	if per[a] != 3 || per[b] != 2 {
		t.Errorf("3 per auditor drew %v, want 3 of a's and both of b's", per)
	}
}

func TestFeedbackWaitsForAnAgreedResultOrTheDeadline(t *testing.T) {
	today := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	first := First{Result: &instrument.Result{Overall: instrument.Outcome{Label: "good"}}}
	future, past := today.AddDate(0, 0, 7), today.AddDate(0, 0, -1)
	cases := []struct {
		name      string
		src       Source
		wantLabel string
		wantOK    bool
	}{
		{"unmoderated before the round's deadline", Source{First: first, RoundDueOn: future}, "", false},
		{"unmoderated after it", Source{First: first, RoundDueOn: past}, "good", true},
		{"moderation under way", Source{First: first, RoundDueOn: past,
			Moderation: &Record{State: Submitted, DueOn: future}}, "", false},
		{"moderation overdue", Source{First: first, RoundDueOn: past,
			Moderation: &Record{State: Draft, DueOn: past}}, "good", true},
		{"agreed", Source{First: first, RoundDueOn: future,
			Moderation: &Record{State: Agreed, AgreedLabel: "inadequate", DueOn: future}}, "inadequate", true},
	}
	for _, tc := range cases {
		label, _, ok := settled(tc.src, today)
		if label != tc.wantLabel || ok != tc.wantOK {
			t.Errorf("%s: got %q %v, want %q %v", tc.name, label, ok, tc.wantLabel, tc.wantOK)
		}
	}
}
