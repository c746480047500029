package instrument

import (
	"slices"
	"strings"
	"time"

	"sendqa/domain"
)

// Milestone says when a step of a process is due. The due date is either an
// offset from another date item (the date a request was received, six
// weeks) or a fixed day of a year another item gives (15 February of the
// year of transfer). Cap, when set, is a second due date and the earlier of
// the two applies: "8 weeks from the notice, and 12 weeks from the meeting
// at most".
type Milestone struct {
	Due       Due
	Cap       *Due
	Statutory bool
	// LegalReference names the law that sets a statutory deadline, such
	// as "SEND Regulations 2014, reg 13(2)".
	LegalReference string
	// Exceptions lists the legal exceptions that can excuse lateness.
	Exceptions []ExceptionKind
}

// Due is one way of computing a due date: From plus Offset Units, or the
// given Month and Day of the year that YearFrom gives (a number item
// holding the year, or a date item whose year is used).
type Due struct {
	From   string
	Offset int
	Unit   Unit

	Month    int
	Day      int
	YearFrom string
}

// Fixed reports whether the due date is a fixed day of a year.
func (d Due) Fixed() bool { return d.YearFrom != "" }

// Unit is the unit of a milestone offset.
type Unit string

// The offset units.
const (
	UnitDays   Unit = "days"
	UnitWeeks  Unit = "weeks"
	UnitMonths Unit = "months"
)

var units = []Unit{UnitDays, UnitWeeks, UnitMonths}

// ExceptionKind names a legal exception that excuses a late step.
type ExceptionKind string

// The exceptions of the SEND Regulations 2014, regs 5(4), 8(2), 10(4) and
// 13(3).
const (
	// ExceptionSchoolClosure: the authority asked a school or early years
	// setting for advice from one week before a closure of at least four
	// weeks until one week before it reopened.
	ExceptionSchoolClosure ExceptionKind = "school_closure"
	// ExceptionPersonalCircumstances: exceptional personal circumstances
	// of the child or the family.
	ExceptionPersonalCircumstances ExceptionKind = "personal_circumstances"
	// ExceptionAwayFromArea: the child or family was away from the area
	// for at least four weeks.
	ExceptionAwayFromArea ExceptionKind = "away_from_area"
	// ExceptionMissedAppointment: the family did not keep an appointment;
	// the only exception to the six-week advice deadline.
	ExceptionMissedAppointment ExceptionKind = "missed_appointment"
)

var exceptionKinds = []ExceptionKind{
	ExceptionSchoolClosure, ExceptionPersonalCircumstances,
	ExceptionAwayFromArea, ExceptionMissedAppointment,
}

// minExceptionDays is the four weeks that a closure or an absence from the
// area must last for the law to excuse a delay.
const minExceptionDays = 28

// Exception records a legal exception and the dates it ran between.
type Exception struct {
	Kind ExceptionKind
	From Date
	To   Date
}

// Status is the state of a milestone on the audit date.
type Status string

// The milestone statuses. Excused is kept apart from late so that
// compliance figures can show both.
const (
	StatusOnTime  Status = "on_time"
	StatusLate    Status = "late"
	StatusMissing Status = "missing"
	StatusExcused Status = "excused"
	StatusNotDue  Status = "not_due"
	// StatusUnknown means the due date cannot be worked out because the
	// item it is anchored on is not answered.
	StatusUnknown Status = "unknown"
)

// Judge decides a milestone's status from its due date, the answer and the
// audit date. A step done on the due date is on time; a step not done by a
// due date that is still today or later is not yet due. An exception
// excuses only a step that would otherwise be late or missing, and only
// when the milestone allows that kind and the exception itself is valid.
func Judge(m *Milestone, due Date, a MilestoneAnswer, asOf Date) Status {
	done := !a.Actual.IsZero()
	switch {
	case done && !a.Actual.After(due):
		return StatusOnTime
	case !done && !asOf.After(due):
		return StatusNotDue
	case a.Exception != nil && m != nil && exceptionProblem(m, *a.Exception) == "":
		return StatusExcused
	case done:
		return StatusLate
	}
	return StatusMissing
}

// exceptionProblem says what is wrong with an exception for a milestone,
// or returns "" when it is sound.
func exceptionProblem(m *Milestone, e Exception) string {
	switch {
	case !slices.Contains(m.Exceptions, e.Kind):
		return "is not an exception the law allows for this step"
	case e.From.IsZero() || e.To.IsZero():
		return "needs the dates it started and ended"
	case e.To.Before(e.From):
		return "must end on or after the day it started"
	}
	long := e.Kind == ExceptionSchoolClosure || e.Kind == ExceptionAwayFromArea
	if long && e.From.DaysUntil(e.To) < minExceptionDays {
		return "must have lasted at least 4 weeks to excuse a delay"
	}
	return ""
}

// checkMilestoneAnswer records the problems of a milestone answer that do
// not depend on the rest of the response.
func checkMilestoneAnswer(p *domain.Problems, path func() string, item *Item, m MilestoneAnswer) {
	if len(m.Reason) > maxLongTextLen {
		p.Add(domain.Path(path(), "reason"), "must be %d characters or fewer", maxLongTextLen)
	}
	e := m.Exception
	if e == nil || item.Milestone == nil {
		return
	}

	epath := domain.Path(path(), "exception")
	switch {
	case !slices.Contains(item.Milestone.Exceptions, e.Kind):
		p.Add(domain.Path(epath, "kind"), "must be one of: %s",
			strings.Join(exceptionNames(item.Milestone.Exceptions), ", "))
	case e.From.IsZero():
		p.Add(domain.Path(epath, "from"), "enter the date the exception started")
	case e.To.IsZero():
		p.Add(domain.Path(epath, "to"), "enter the date the exception ended")
	default:
		if msg := exceptionProblem(item.Milestone, *e); msg != "" {
			p.Add(domain.Path(epath, "to"), "%s", msg)
		}
	}
}

func exceptionNames(kinds []ExceptionKind) []string {
	if len(kinds) == 0 {
		return []string{"none: no exception excuses this step"}
	}
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = string(k)
	}
	return names
}

// due works out a milestone item's due date, or reports false when the
// items it is anchored on are not answered.
func (s *sheet) due(item *Item) (Date, bool) {
	if item.Milestone == nil {
		return Date{}, false
	}
	due, ok := s.dueOf(item.Milestone.Due)
	if !ok {
		return Date{}, false
	}
	if c := item.Milestone.Cap; c != nil {
		if capped, ok := s.dueOf(*c); ok && capped.Before(due) {
			due = capped
		}
	}
	return due, true
}

func (s *sheet) dueOf(d Due) (Date, bool) {
	if d.Fixed() {
		year, ok := s.year(d.YearFrom)
		if !ok || year < 1 || year > 9999 || d.Month < 1 || d.Month > 12 {
			return Date{}, false
		}
		day := min(d.Day, daysIn(year, time.Month(d.Month)))
		return Date{Year: year, Month: time.Month(d.Month), Day: day}, true
	}

	from, ok := s.date(d.From)
	if !ok {
		return Date{}, false
	}
	return Offset(from, d.Offset, d.Unit), true
}

// year reads a year from a number item or from the year of a date item.
func (s *sheet) year(id string) (int, bool) {
	if d, ok := s.date(id); ok {
		return d.Year, true
	}
	n, ok := s.number(id)
	if !ok || n != float64(int(n)) {
		return 0, false
	}
	return int(n), true
}

// Offset moves a date by a signed number of days, weeks or months.
func Offset(d Date, n int, u Unit) Date {
	switch u {
	case UnitWeeks:
		return d.AddDays(7 * n)
	case UnitMonths:
		return d.AddMonths(n)
	}
	return d.AddDays(n)
}
