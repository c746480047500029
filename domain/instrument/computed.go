package instrument

// Computation derives a number from other items. There is a small fixed
// set of functions and no expression language, so that the browser can
// compute the same values from the same JSON.
type Computation struct {
	Func ComputeFunc
	// From is the id of the first date item.
	From string
	// To is the id of the second date item; empty means the audit date.
	To string
}

// ComputeFunc names a function a computed item applies.
type ComputeFunc string

// The computed-item functions. Each reads two dates, From and To.
const (
	// FuncAgeInYearsAt is the age in whole years at To of someone born on
	// From; someone born on 29 February turns a year older on 1 March in
	// other years.
	FuncAgeInYearsAt ComputeFunc = "age_in_years_at"
	// FuncWeeksBetween is the number of whole weeks from From to To,
	// rounded towards zero.
	FuncWeeksBetween ComputeFunc = "weeks_between"
	// FuncDaysBetween is the number of days from From to To.
	FuncDaysBetween ComputeFunc = "days_between"
)

var computeFuncs = []ComputeFunc{FuncAgeInYearsAt, FuncWeeksBetween, FuncDaysBetween}

// compute works out a computed item, or reports false when an input is
// missing.
func (s *sheet) compute(ref itemRef) (float64, bool) {
	if cv := s.computed[ref.ord]; cv.done {
		return cv.n, cv.ok
	}
	// Mark before recursing so that a cycle ends as "no value".
	s.computed[ref.ord] = computedValue{done: true}

	n, ok := s.computeFresh(ref.item.Compute)
	s.computed[ref.ord] = computedValue{n: n, ok: ok, done: true}
	return n, ok
}

func (s *sheet) computeFresh(c *Computation) (float64, bool) {
	if c == nil {
		return 0, false
	}
	from, ok := s.date(c.From)
	if !ok {
		return 0, false
	}
	to := s.asOf
	if c.To != "" {
		if to, ok = s.date(c.To); !ok {
			return 0, false
		}
	}
	if to.IsZero() {
		return 0, false
	}

	return Apply(c.Func, from, to)
}

// Apply evaluates a computed-item function on two dates. It reports false
// for an unknown function.
func Apply(f ComputeFunc, from, to Date) (float64, bool) {
	switch f {
	case FuncAgeInYearsAt:
		return float64(ageAt(from, to)), true
	case FuncWeeksBetween:
		// Go's integer division rounds towards zero, as documented.
		return float64(from.DaysUntil(to) / 7), true
	case FuncDaysBetween:
		return float64(from.DaysUntil(to)), true
	}
	return 0, false
}

// ageAt counts whole years from birth to at, negative when at is earlier.
func ageAt(birth, at Date) int {
	years := at.Year - birth.Year
	if at.Month < birth.Month || at.Month == birth.Month && at.Day < birth.Day {
		years--
	}
	return years
}
