package instrument

import (
	"errors"
	"time"
)

// Date is a calendar date without a time of day or a zone, as the statutory
// clocks count them. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Errors returned by ParseDate.
var (
	ErrDateFormat = errors.New("must be a date written as YYYY-MM-DD")
	ErrDateUnreal = errors.New("is not a real date")
)

// ParseDate reads a date written exactly as YYYY-MM-DD and rejects dates
// that do not exist, such as 2025-02-29. Years run from 0001 to 9999.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, ErrDateFormat
	}

	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, ErrDateFormat
	}
	if year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, time.Month(month)) {
		return Date{}, ErrDateUnreal
	}

	return Date{Year: year, Month: time.Month(month), Day: day}, nil
}

// digits reads a run of ASCII digits; it refuses signs and spaces, which
// strconv.Atoi would let through.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// DateOf returns the calendar date of t in t's own location, so a caller
// that passes a time in Europe/London gets the date a person there sees.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String writes d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// AddDays returns the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	return DateOf(d.Time().AddDate(0, 0, n))
}

// AddMonths returns the date n months after d. When the day does not exist
// in the target month it falls back to that month's last day (31 January
// plus one month is the end of February), because a deadline "within a
// month" must not spill into the month after.
func (d Date) AddMonths(n int) Date {
	first := time.Date(d.Year, d.Month+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	day := min(d.Day, daysIn(first.Year(), first.Month()))
	return Date{Year: first.Year(), Month: first.Month(), Day: day}
}

// DaysUntil returns the number of days from d to e, negative when e is
// earlier.
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Hours() / 24)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, the same as or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	default:
		return cmpInt(d.Day, e.Day)
	}
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
