package instrument

import (
	"testing"
)

func TestJudge(t *testing.T) {
	m := &Milestone{Exceptions: []ExceptionKind{ExceptionSchoolClosure, ExceptionAwayFromArea,
		ExceptionPersonalCircumstances}}
	advice := &Milestone{Exceptions: []ExceptionKind{ExceptionMissedAppointment}}
	due := "2025-02-17"
	exc := func(kind ExceptionKind, from, to string) *Exception {
		return &Exception{Kind: kind, From: mustDate(t, from), To: mustDate(t, to)}
	}

	tests := []struct {
		name   string
		m      *Milestone
		actual string
		exc    *Exception
		asOf   string
		want   Status
	}{
		{"done before the due date", m, "2025-02-10", nil, "2025-09-01", StatusOnTime},
		{"done on the due date", m, "2025-02-17", nil, "2025-09-01", StatusOnTime},
		{"done a day late", m, "2025-02-18", nil, "2025-09-01", StatusLate},
		{"not done, due today", m, "", nil, "2025-02-17", StatusNotDue},
		{"not done, due tomorrow", m, "", nil, "2025-02-16", StatusNotDue},
		{"not done, due yesterday", m, "", nil, "2025-02-18", StatusMissing},
		{"late, school closed four weeks", m, "2025-03-01",
			exc(ExceptionSchoolClosure, "2025-01-01", "2025-01-29"), "2025-09-01", StatusExcused},
		{"late, school closed a day under four weeks", m, "2025-03-01",
			exc(ExceptionSchoolClosure, "2025-01-01", "2025-01-28"), "2025-09-01", StatusLate},
		{"late, away from the area for five weeks", m, "2025-03-01",
			exc(ExceptionAwayFromArea, "2025-01-01", "2025-02-05"), "2025-09-01", StatusExcused},
		{"late, exceptional personal circumstances of any length", m, "2025-03-01",
			exc(ExceptionPersonalCircumstances, "2025-02-01", "2025-02-03"), "2025-09-01", StatusExcused},
		{"missing but excused", m, "",
			exc(ExceptionPersonalCircumstances, "2025-02-01", "2025-02-03"), "2025-09-01", StatusExcused},
		{"an exception does not turn on time into excused", m, "2025-02-01",
			exc(ExceptionPersonalCircumstances, "2025-02-01", "2025-02-03"), "2025-09-01", StatusOnTime},
		{"an exception does not make a future step excused", m, "",
			exc(ExceptionPersonalCircumstances, "2025-02-01", "2025-02-03"), "2025-02-10", StatusNotDue},
		{"advice: a missed appointment excuses", advice, "2025-03-01",
			exc(ExceptionMissedAppointment, "2025-02-01", "2025-02-01"), "2025-09-01", StatusExcused},
		{"advice: a school closure does not excuse", advice, "2025-03-01",
			exc(ExceptionSchoolClosure, "2025-01-01", "2025-03-01"), "2025-09-01", StatusLate},
		{"an exception ending before it starts does not excuse", m, "2025-03-01",
			exc(ExceptionPersonalCircumstances, "2025-02-03", "2025-02-01"), "2025-09-01", StatusLate},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := MilestoneAnswer{Exception: tc.exc}
			if tc.actual != "" {
				a.Actual = mustDate(t, tc.actual)
			}
			got := Judge(tc.m, mustDate(t, due), a, mustDate(t, tc.asOf))
			if got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestMilestoneDueDates(t *testing.T) {
	def := mustParse(t, oneSection(`
		{"id": "received", "kind": "date", "label": "Received"},
		{"id": "meeting", "kind": "milestone", "label": "Meeting", "milestone": {
			"due": {"from": "received", "offset": 12, "unit": "months"}, "statutory": false}},
		{"id": "invites", "kind": "milestone", "label": "Invitations", "milestone": {
			"due": {"from": "meeting", "offset": -2, "unit": "weeks"}, "statutory": false}},
		{"id": "ten_days", "kind": "milestone", "label": "Ten days", "milestone": {
			"due": {"from": "received", "offset": 10, "unit": "days"}, "statutory": false}},
		{"id": "notice", "kind": "date", "label": "Notice"},
		{"id": "final", "kind": "milestone", "label": "Final", "milestone": {
			"due": {"from": "notice", "offset": 8, "unit": "weeks"},
			"cap": {"from": "meeting", "offset": 12, "unit": "weeks"}, "statutory": false}},
		{"id": "year", "kind": "number", "label": "Year of transfer"},
		{"id": "february", "kind": "milestone", "label": "By 15 February", "milestone": {
			"due": {"month": 2, "day": 15, "year_from": "year"}, "statutory": false}},
		{"id": "leap", "kind": "milestone", "label": "By 29 February", "milestone": {
			"due": {"month": 2, "day": 29, "year_from": "received"}, "statutory": false}}`))

	tests := []struct {
		name    string
		answers string
		want    map[string]string
	}{
		{"offsets in months, signed weeks and days",
			`{"received": "2024-01-31", "meeting": {"actual": "2025-01-20"}}`,
			map[string]string{"meeting": "2025-01-31", "invites": "2025-01-06", "ten_days": "2024-02-10"}},
		{"an anchor milestone not yet held leaves the due date unknown",
			`{"received": "2024-01-31"}`,
			map[string]string{"invites": ""}},
		{"cap earlier than the main due date wins",
			`{"received": "2024-01-01", "meeting": {"actual": "2024-12-02"}, "notice": "2025-01-10"}`,
			map[string]string{"final": "2025-02-24"}},
		{"main due date earlier than the cap wins",
			`{"received": "2024-01-01", "meeting": {"actual": "2024-12-02"}, "notice": "2024-12-20"}`,
			map[string]string{"final": "2025-02-14"}},
		{"cap without its anchor is ignored",
			`{"notice": "2024-12-09"}`,
			map[string]string{"final": "2025-02-03"}},
		{"fixed day of a year from a number", `{"year": 2026}`,
			map[string]string{"february": "2026-02-15"}},
		{"a year that is not whole leaves the due date unknown", `{"year": 2026.5}`,
			map[string]string{"february": ""}},
		{"fixed 29 February in a common year falls on the 28th", `{"received": "2025-06-01"}`,
			map[string]string{"leap": "2025-02-28"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Score(def, mustAnswers(t, def, tc.answers), on(t, "2030-01-01"))
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			got := map[string]string{}
			for _, m := range r.Milestones {
				got[m.Item] = m.Due.String()
			}
			for id, want := range tc.want {
				if got[id] != want {
					t.Errorf("%s due: got %q, want %q", id, got[id], want)
				}
			}
		})
	}
}

func TestMilestoneResultsDaysLateAndCompliance(t *testing.T) {
	def := mustParse(t, oneSection(`
		{"id": "received", "kind": "date", "label": "Received"},
		{"id": "a", "kind": "milestone", "label": "A", "milestone": {
			"due": {"from": "received", "offset": 6, "unit": "weeks"}, "statutory": true,
			"legal_reference": "reg 5", "exceptions": ["personal_circumstances"]}},
		{"id": "b", "kind": "milestone", "label": "B", "milestone": {
			"due": {"from": "received", "offset": 12, "unit": "weeks"}, "statutory": false}},
		{"id": "c", "kind": "milestone", "label": "C", "milestone": {
			"due": {"from": "received", "offset": 20, "unit": "weeks"}, "statutory": true,
			"legal_reference": "reg 13(2)"}},
		{"id": "d", "kind": "milestone", "label": "D", "milestone": {
			"due": {"from": "received", "offset": 40, "unit": "weeks"}, "statutory": true,
			"legal_reference": "reg 13(2)"}}`))
	answers := mustAnswers(t, def, `{"received": "2025-01-06",
		"a": {"actual": "2025-02-20", "reason": "family ill",
			"exception": {"kind": "personal_circumstances", "from": "2025-02-01", "to": "2025-02-14"}},
		"b": {"actual": "2025-04-03", "reason": "officer away"}}`)

	r, err := Score(def, answers, on(t, "2025-06-01"))
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	want := []MilestoneResult{
		{Item: "a", Statutory: true, Due: mustDate(t, "2025-02-17"), Actual: mustDate(t, "2025-02-20"),
			Status: StatusExcused, DaysLate: 3, Exception: ExceptionPersonalCircumstances},
		{Item: "b", Due: mustDate(t, "2025-03-31"), Actual: mustDate(t, "2025-04-03"),
			Status: StatusLate, DaysLate: 3},
		{Item: "c", Statutory: true, Due: mustDate(t, "2025-05-26"), Status: StatusMissing, DaysLate: 6},
		{Item: "d", Statutory: true, Due: mustDate(t, "2025-10-13"), Status: StatusNotDue},
	}
	for i, w := range want {
		if i >= len(r.Milestones) || r.Milestones[i] != w {
			t.Errorf("milestone %d: got %+v, want %+v", i, r.Milestones[min(i, len(r.Milestones)-1)], w)
		}
	}
	wantAll := Compliance{Late: 1, Missing: 1, Excused: 1, NotDue: 1}
	if r.Compliance != wantAll {
		t.Errorf("compliance: got %+v, want %+v", r.Compliance, wantAll)
	}
	wantStat := Compliance{Missing: 1, Excused: 1, NotDue: 1}
	if r.Statutory != wantStat {
		t.Errorf("statutory: got %+v, want %+v", r.Statutory, wantStat)
	}
	if share, ok := r.Statutory.Share(); !ok || share != 0 {
		t.Errorf("statutory share: got %v %v, want 0 true", share, ok)
	}
}
