package schedule

import (
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/google/uuid"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestTheFrameworkScheduleIsValid(t *testing.T) {
	for _, a := range Framework() {
		if err := a.Validate(); err != nil {
			t.Errorf("%s: %v", a.What, err)
		}
	}
}

func TestAnActivityNeedsAsManyMonthsAsItsFrequencySays(t *testing.T) {
	a := Activity{What: "Moderation", Frequency: ThreeTimesAYear, Months: []int{11, 4}, DueDay: 14}
	if err := a.Validate(); err == nil || !strings.Contains(err.Error(), "invalid") {
		t.Errorf("two months for three times a year: %v", err)
	}
	a.Months = []int{11, 4, 4}
	if err := a.Validate(); err == nil {
		t.Error("a month given twice was accepted")
	}
	a.Months, a.DueDay = []int{11, 4, 7}, 29
	if err := a.Validate(); err == nil {
		t.Error("day 29 was accepted")
	}
}

func TestDueDatesAndStates(t *testing.T) {
	a := Activity{ID: uuid.New(), What: "EHCP audits", Frequency: ThreeTimesAYear,
		Months: []int{10, 3, 6}, DueDay: 28}
	got := a.DueDates(day("2026-03-28"), day("2026-10-28"))
	want := []string{"2026-03-28", "2026-06-28", "2026-10-28"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Format(time.DateOnly) != want[i] {
			t.Errorf("date %d: got %s, want %s", i, got[i].Format(time.DateOnly), want[i])
		}
	}

	today := day("2026-10-20")
	done := []Completion{{ActivityID: a.ID, DueOn: day("2026-06-28")}}
	item := itemOf(a, done, today.AddDate(0, 0, -LookBackDays), today)
	if len(item.Overdue) != 0 {
		t.Errorf("the June audits are done, yet overdue: %v", item.Overdue)
	}
	if item.Next == nil || item.Next.State != DueSoon || item.Next.DueOn != day("2026-10-28") {
		t.Errorf("next: got %+v, want 28 October due soon", item.Next)
	}
	july := day("2026-07-10")
	item = itemOf(a, nil, july.AddDate(0, 0, -LookBackDays), july)
	if len(item.Overdue) != 1 || item.Overdue[0].DueOn != day("2026-06-28") {
		t.Errorf("without the June audits done: overdue %v", item.Overdue)
	}
}

func TestTheFeedIsICalendarACalendarProgramReads(t *testing.T) {
	a := Activity{ID: uuid.New(), What: "Audit of health advice, monthly", Who: "DCO",
		Frequency: Monthly, Months: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, DueDay: 28,
		Outcome: "Feedback to practitioners; actions fed into local plans, and a long line " +
			"of outcome text that has to be folded at seventy-five octets by the writer"}
	text := ICalendar("Wolverhampton", []Item{{Activity: a}}, day("2026-12-04"))
	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	events := cal.Events()
	if len(events) != 15 { // three months back and twelve ahead
		t.Fatalf("got %d events, want 15", len(events))
	}
	start, err := events[0].GetAllDayStartAt()
	if err != nil || start.Format(time.DateOnly) != "2026-09-28" {
		t.Errorf("first event starts %v (%v), want 28 September", start, err)
	}
	if s := events[0].GetProperty(ics.ComponentPropertySummary); s == nil || s.Value != a.What {
		t.Errorf("summary %v", s)
	}
	for _, line := range strings.Split(text, "\r\n") {
		if len(line) > 75 {
			t.Errorf("an unfolded line of %d octets: %q", len(line), line)
		}
	}
}
