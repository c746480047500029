// Package schedule keeps an area's QA schedule: the activities of its
// quality assurance programme, when each falls due, which occurrences are
// done, and the calendar feeds that carry them into people's calendars.
package schedule

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
)

// Frequency is how often an activity falls due.
type Frequency string

// The frequencies of the framework's schedule.
const (
	Monthly         Frequency = "monthly"
	Termly          Frequency = "termly"
	ThreeTimesAYear Frequency = "three_times_a_year"
	Annual          Frequency = "annual"
)

// monthsFor is how many months in the year each frequency falls due in.
var monthsFor = map[Frequency]int{Monthly: 12, Termly: 3, ThreeTimesAYear: 3, Annual: 1}

// Activity is one line of the schedule: what is done, by whom, how often,
// in which months and on which day of them, and the outcome expected.
type Activity struct {
	ID        uuid.UUID
	What      string
	Who       string
	Frequency Frequency
	// Months are the months it falls due in, 1 for January.
	Months  []int
	DueDay  int
	Outcome string
	// OwnerID is who is reminded when it falls due; nil reminds no one.
	OwnerID    *uuid.UUID
	OwnerName  string
	ArchivedAt *time.Time
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Validate checks an activity's fields.
func (a Activity) Validate() error {
	var p domain.Problems
	if n := len([]rune(a.What)); n < 1 || n > 200 {
		p.Add("what", "enter what the activity is, in up to 200 characters")
	}
	if len([]rune(a.Who)) > 500 {
		p.Add("who", "say who does it in up to 500 characters")
	}
	if len([]rune(a.Outcome)) > 2000 {
		p.Add("outcome", "describe the outcome in up to 2,000 characters")
	}
	want, ok := monthsFor[a.Frequency]
	if !ok {
		p.Add("frequency", "choose monthly, termly, three times a year or annual")
	}
	months := slices.Clone(a.Months)
	slices.Sort(months)
	switch {
	case slices.ContainsFunc(months, func(m int) bool { return m < 1 || m > 12 }):
		p.Add("months", "give months from 1 (January) to 12 (December)")
	case len(slices.Compact(months)) != len(a.Months):
		p.Add("months", "give each month once")
	case ok && len(a.Months) != want:
		p.Add("months", "choose %d months for an activity that is %s", want, words[a.Frequency])
	}
	if a.DueDay < 1 || a.DueDay > 28 {
		p.Add("due_day", "give a day of the month from 1 to 28")
	}
	return p.Err()
}

var words = map[Frequency]string{Monthly: "monthly", Termly: "termly",
	ThreeTimesAYear: "three times a year", Annual: "annual"}

// DueDates lists the dates the activity falls due on from from to to,
// both included, in order.
func (a Activity) DueDates(from, to time.Time) []time.Time {
	var out []time.Time
	start := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
	for m := start; !m.After(to); m = m.AddDate(0, 1, 0) {
		if !slices.Contains(a.Months, int(m.Month())) {
			continue
		}
		due := time.Date(m.Year(), m.Month(), a.DueDay, 0, 0, 0, 0, time.UTC)
		if !due.Before(from) && !due.After(to) {
			out = append(out, due)
		}
	}
	return out
}

// State is where an occurrence stands on a given day.
type State string

// Occurrence states.
const (
	Done     State = "done"
	Overdue  State = "overdue"
	DueSoon  State = "due_soon"
	Upcoming State = "upcoming"
)

// DueSoonDays is how far ahead an occurrence counts as due soon.
const DueSoonDays = 14

// LookBackDays is how far back an occurrence not done still counts as
// overdue; older ones are history.
const LookBackDays = 92

// Completion records an occurrence as done.
type Completion struct {
	ActivityID    uuid.UUID
	DueOn         time.Time
	CompletedOn   time.Time
	CompletedBy   uuid.UUID
	CompletedName string
	Note          string
}

// Occurrence is one due date of an activity and its state.
type Occurrence struct {
	ActivityID uuid.UUID
	DueOn      time.Time
	State      State
	Completion *Completion
}

// stateOn is an occurrence's state on today.
func stateOn(due, today time.Time, done *Completion) State {
	switch {
	case done != nil:
		return Done
	case due.Before(today):
		return Overdue
	case !due.After(today.AddDate(0, 0, DueSoonDays)):
		return DueSoon
	}
	return Upcoming
}

// Item is an activity as the schedule shows it on a day: its occurrences
// still overdue, the next one, and the last one done.
type Item struct {
	Activity Activity
	Overdue  []Occurrence
	Next     *Occurrence
	LastDone *Completion
}
