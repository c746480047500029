package instrument

import "time"

// Condition is a node of the small expression tree that decides whether a
// section or item applies. Exactly one of All, Any, Not or Item is set:
//
//	{"all": [...]}  every child holds (an empty list holds)
//	{"any": [...]}  at least one child holds (an empty list does not)
//	{"not": {...}}  the child does not hold
//	{"item": "age_at_audit", "op": "ge", "value": 14}
//
// A comparison on an item that is unanswered or does not apply is false,
// whatever the operator, so {"not": ...} is how to say "unless".
type Condition struct {
	All   []Condition
	Any   []Condition
	Not   *Condition
	Item  string
	Op    Op
	Value Operand
}

// Op is the operator of a comparison.
type Op string

// The comparison operators. On a multi_choice item eq and ne ask whether
// the key is among those chosen, and in whether any listed key is.
const (
	OpEq       Op = "eq"
	OpNe       Op = "ne"
	OpLt       Op = "lt"
	OpLe       Op = "le"
	OpGt       Op = "gt"
	OpGe       Op = "ge"
	OpIn       Op = "in"
	OpAnswered Op = "answered"
)

var ops = []Op{OpEq, OpNe, OpLt, OpLe, OpGt, OpGe, OpIn, OpAnswered}

// maxConditionDepth bounds nesting so that a hostile definition cannot
// make evaluation recurse without limit.
const maxConditionDepth = 16

// OperandKind says what an Operand holds.
type OperandKind int

// The kinds of operand.
const (
	OperandNone OperandKind = iota
	OperandNumber
	OperandText
	OperandList
)

// Operand is the right-hand side of a comparison: a number, a text (an
// option key, a free text or a date written YYYY-MM-DD), or for "in" a list
// of numbers or texts.
type Operand struct {
	Kind   OperandKind
	Number float64
	Text   string
	List   []Operand
}

// Number returns a numeric operand.
func Number(n float64) Operand { return Operand{Kind: OperandNumber, Number: n} }

// Text returns a text operand.
func Text(s string) Operand { return Operand{Kind: OperandText, Text: s} }

// List returns a list operand for "in".
func List(items ...Operand) Operand { return Operand{Kind: OperandList, List: items} }

// Compare builds the comparison {"item": item, "op": op, "value": v}.
func Compare(item string, op Op, v Operand) Condition {
	return Condition{Item: item, Op: op, Value: v}
}

// holds evaluates the condition against a sheet of answers.
func (c *Condition) holds(s *sheet, depth int) bool {
	if depth > maxConditionDepth {
		return false
	}
	switch {
	case c.All != nil:
		for i := range c.All {
			if !c.All[i].holds(s, depth+1) {
				return false
			}
		}
		return true
	case c.Any != nil:
		for i := range c.Any {
			if c.Any[i].holds(s, depth+1) {
				return true
			}
		}
		return false
	case c.Not != nil:
		return !c.Not.holds(s, depth+1)
	}

	return s.compare(c.Item, c.Op, c.Value)
}

// compare evaluates one comparison of an item's current value.
func (s *sheet) compare(id string, op Op, operand Operand) bool {
	ref, ok := s.index[id]
	if !ok {
		return false
	}
	v, ok := s.value(id)
	if !ok {
		return false
	}
	if op == OpAnswered {
		return true
	}

	item := ref.item
	switch x := v.(type) {
	case Choice:
		return compareChoice(item, string(x), op, operand)
	case Choices:
		return compareChoices(x, op, operand)
	case NumberValue:
		return compareNumber(float64(x), op, operand)
	case DateValue:
		return compareDate(Date(x), op, operand)
	case MilestoneAnswer:
		if x.Actual.IsZero() {
			return false
		}
		return compareDate(x.Actual, op, operand)
	case TextValue:
		return compareText(string(x), op, operand)
	}
	return false
}

func compareChoice(item *Item, key string, op Op, operand Operand) bool {
	switch op {
	case OpEq, OpNe, OpIn:
		return compareText(key, op, operand)
	}

	n, ok := optionValue(item, key)
	if !ok {
		return false
	}
	return compareNumber(n, op, operand)
}

func compareChoices(keys Choices, op Op, operand Operand) bool {
	has := func(k string) bool {
		for _, key := range keys {
			if key == k {
				return true
			}
		}
		return false
	}

	switch op {
	case OpEq:
		return operand.Kind == OperandText && has(operand.Text)
	case OpNe:
		return operand.Kind == OperandText && !has(operand.Text)
	case OpIn:
		for _, o := range operand.List {
			if o.Kind == OperandText && has(o.Text) {
				return true
			}
		}
	}
	return false
}

func compareNumber(n float64, op Op, operand Operand) bool {
	if op == OpIn {
		for _, o := range operand.List {
			if o.Kind == OperandNumber && o.Number == n {
				return true
			}
		}
		return false
	}
	if operand.Kind != OperandNumber {
		return false
	}

	return ordered(cmpFloat(n, operand.Number), op)
}

func compareDate(d Date, op Op, operand Operand) bool {
	if op == OpIn {
		for _, o := range operand.List {
			if e, err := ParseDate(o.Text); err == nil && d == e {
				return true
			}
		}
		return false
	}
	e, err := ParseDate(operand.Text)
	if operand.Kind != OperandText || err != nil {
		return false
	}

	return ordered(d.Compare(e), op)
}

func compareText(s string, op Op, operand Operand) bool {
	switch op {
	case OpEq:
		return operand.Kind == OperandText && s == operand.Text
	case OpNe:
		return operand.Kind == OperandText && s != operand.Text
	case OpIn:
		for _, o := range operand.List {
			if o.Kind == OperandText && o.Text == s {
				return true
			}
		}
	}
	return false
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ordered applies an operator to the result of a three-way comparison.
func ordered(cmp int, op Op) bool {
	switch op {
	case OpEq:
		return cmp == 0
	case OpNe:
		return cmp != 0
	case OpLt:
		return cmp < 0
	case OpLe:
		return cmp <= 0
	case OpGt:
		return cmp > 0
	case OpGe:
		return cmp >= 0
	}
	return false
}

// refs appends the ids of the items a condition reads.
func (c *Condition) refs(out []string) []string {
	if c == nil {
		return out
	}
	for i := range c.All {
		out = c.All[i].refs(out)
	}
	for i := range c.Any {
		out = c.Any[i].refs(out)
	}
	out = c.Not.refs(out)
	if c.Item != "" {
		out = append(out, c.Item)
	}
	return out
}

// EvaluateCondition reports whether c holds for answers on asOf, the audit
// date, reading items of def. Items that do not apply read as unanswered.
func EvaluateCondition(def Definition, c Condition, answers Answers, asOf time.Time) bool {
	return c.holds(newSheet(&def, answers, DateOf(asOf)), 0)
}

// Applicable reports, for every item of def, whether it applies given
// answers on asOf, so that a form can show and hide questions.
func Applicable(def Definition, answers Answers, asOf time.Time) map[string]bool {
	s := newSheet(&def, answers, DateOf(asOf))
	out := make(map[string]bool, len(s.index))
	for id := range s.index {
		out[id] = s.applies(id)
	}
	return out
}
