package instrument

// itemRef locates an item in its definition.
type itemRef struct {
	item    *Item
	section int
	// ord is the item's position in the whole definition, which indexes
	// the sheet's memo slices.
	ord int
}

// sheet is the working state of one evaluation: a definition, its answers
// and the audit date, with memos so that each applicability and computed
// value is worked out once however many conditions read it.
type sheet struct {
	def      *Definition
	index    map[string]itemRef
	answers  Answers
	asOf     Date
	state    []applyState
	computed []computedValue

	// items lists every item in order, so items[ord] is the item at ord
	// and sectionOf[ord] its section; starts[i] is the ord of section i's
	// first item.
	items     []*Item
	sectionOf []int
	starts    []int
}

type applyState uint8

const (
	applyUnknown applyState = iota
	applyBusy
	applyYes
	applyNo
)

type computedValue struct {
	n    float64
	ok   bool
	done bool
}

func newSheet(def *Definition, answers Answers, asOf Date) *sheet {
	n := 0
	starts := make([]int, len(def.Sections))
	for i := range def.Sections {
		starts[i] = n
		n += len(def.Sections[i].Items)
	}
	items := make([]*Item, 0, n)
	sectionOf := make([]int, 0, n)
	for i := range def.Sections {
		for j := range def.Sections[i].Items {
			items = append(items, &def.Sections[i].Items[j])
			sectionOf = append(sectionOf, i)
		}
	}
	return &sheet{
		def:       def,
		index:     indexItems(def),
		answers:   answers,
		asOf:      asOf,
		state:     make([]applyState, n),
		computed:  make([]computedValue, n),
		items:     items,
		sectionOf: sectionOf,
		starts:    starts,
	}
}

// ref returns the itemRef of the item at ord.
func (s *sheet) ref(ord int) itemRef {
	return itemRef{item: s.items[ord], section: s.sectionOf[ord], ord: ord}
}

func indexItems(def *Definition) map[string]itemRef {
	n := 0
	for i := range def.Sections {
		n += len(def.Sections[i].Items)
	}
	index := make(map[string]itemRef, n)
	ord := 0
	for i := range def.Sections {
		for j := range def.Sections[i].Items {
			item := &def.Sections[i].Items[j]
			if _, dup := index[item.ID]; !dup {
				index[item.ID] = itemRef{item: item, section: i, ord: ord}
			}
			ord++
		}
	}
	return index
}

// applies reports whether an item's section and the item itself apply.
func (s *sheet) applies(id string) bool {
	ref, ok := s.index[id]
	return ok && s.appliesRef(ref)
}

// appliesRef is applies for an item already looked up. A cycle, which
// validation rejects, reads as "does not apply" so that a broken
// definition can never loop.
func (s *sheet) appliesRef(ref itemRef) bool {
	switch s.state[ref.ord] {
	case applyYes:
		return true
	case applyNo, applyBusy:
		return false
	}

	s.state[ref.ord] = applyBusy
	section := &s.def.Sections[ref.section]
	yes := (section.AppliesWhen == nil || section.AppliesWhen.holds(s, 0)) &&
		(ref.item.AppliesWhen == nil || ref.item.AppliesWhen.holds(s, 0))
	s.state[ref.ord] = applyNo
	if yes {
		s.state[ref.ord] = applyYes
	}
	return yes
}

// value returns an item's answer when the item applies and is answered
// with a value of the right type; computed items are worked out.
func (s *sheet) value(id string) (Value, bool) {
	ref, ok := s.index[id]
	if !ok {
		return nil, false
	}
	return s.valueRef(ref)
}

func (s *sheet) valueRef(ref itemRef) (Value, bool) {
	if !s.appliesRef(ref) {
		return nil, false
	}
	if ref.item.Kind == KindComputed {
		n, ok := s.compute(ref)
		return NumberValue(n), ok
	}

	v, ok := s.answers[ref.item.ID]
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
