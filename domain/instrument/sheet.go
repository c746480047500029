package instrument

// itemRef locates an item in its definition.
type itemRef struct {
	item    *Item
	section int
}

// sheet is the working state of one evaluation: a definition, its answers
// and the audit date, with memos so that each applicability and computed
// value is worked out once however many conditions read it.
type sheet struct {
	def      *Definition
	index    map[string]itemRef
	answers  Answers
	asOf     Date
	state    map[string]applyState
	computed map[string]computedValue
}

type applyState uint8

const (
	applyUnknown applyState = iota
	applyBusy
	applyYes
	applyNo
)

type computedValue struct {
	n  float64
	ok bool
}

func newSheet(def *Definition, answers Answers, asOf Date) *sheet {
	return &sheet{
		def:     def,
		index:   indexItems(def),
		answers: answers,
		asOf:    asOf,
		state:   map[string]applyState{},
	}
}

func indexItems(def *Definition) map[string]itemRef {
	n := 0
	for i := range def.Sections {
		n += len(def.Sections[i].Items)
	}
	index := make(map[string]itemRef, n)
	for i := range def.Sections {
		for j := range def.Sections[i].Items {
			item := &def.Sections[i].Items[j]
			if _, dup := index[item.ID]; !dup {
				index[item.ID] = itemRef{item: item, section: i}
			}
		}
	}
	return index
}

// applies reports whether an item's section and the item itself apply.
// A cycle, which validation rejects, reads as "does not apply" here so that
// a broken definition can never loop.
func (s *sheet) applies(id string) bool {
	switch s.state[id] {
	case applyYes:
		return true
	case applyNo, applyBusy:
		return false
	}
	ref, ok := s.index[id]
	if !ok {
		return false
	}

	s.state[id] = applyBusy
	section := &s.def.Sections[ref.section]
	yes := (section.AppliesWhen == nil || section.AppliesWhen.holds(s, 0)) &&
		(ref.item.AppliesWhen == nil || ref.item.AppliesWhen.holds(s, 0))
	s.state[id] = applyNo
	if yes {
		s.state[id] = applyYes
	}
	return yes
}

// value returns an item's answer when the item applies and is answered
// with a value of the right type; computed items are worked out.
func (s *sheet) value(id string) (Value, bool) {
	ref, ok := s.index[id]
	if !ok || !s.applies(id) {
		return nil, false
	}
	if ref.item.Kind == KindComputed {
		n, ok := s.compute(ref.item)
		return NumberValue(n), ok
	}

	v, ok := s.answers[id]
	if !ok || !fits(ref.item, v) || !answered(v) {
		return nil, false
	}
	return v, true
}

// date returns the date an item gives: a date answer, a date of birth or
// the actual date of a milestone.
func (s *sheet) date(id string) (Date, bool) {
	v, ok := s.value(id)
	if !ok {
		return Date{}, false
	}
	switch x := v.(type) {
	case DateValue:
		return Date(x), true
	case MilestoneAnswer:
		return x.Actual, !x.Actual.IsZero()
	}
	return Date{}, false
}

// number returns the number an item gives.
func (s *sheet) number(id string) (float64, bool) {
	v, ok := s.value(id)
	if !ok {
		return 0, false
	}
	n, ok := v.(NumberValue)
	return float64(n), ok
}
