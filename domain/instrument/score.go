package instrument

import (
	"cmp"
	"math"
	"slices"
	"time"

	"sendqa/domain"
)

// Scoring says how a response is scored: a default rule for each section,
// a rule for the overall result, and the version of those rules, which is
// stored beside every result so that a result can always be explained.
type Scoring struct {
	RuleVersion string
	// Sections is the rule for every section that does not set its own;
	// nil leaves such sections unscored.
	Sections *Rule
	Overall  Rule
}

// Rule is one scoring rule.
type Rule struct {
	Method Method
	// Over says whether the overall rule reads items or section results.
	// Section rules always read items.
	Over Over
	// Items, when set, limits the rule to these item ids.
	Items []string
	// Thresholds map a value to a label: the first whose Min the value
	// reaches wins, so they run from the highest Min down.
	Thresholds []Threshold
	// Clauses are the ordered clauses of a count rule.
	Clauses []Clause
	// StatutoryOnly limits milestone compliance to statutory milestones.
	StatutoryOnly bool
}

// Method names a scoring method.
type Method string

// The scoring methods.
const (
	// MethodNone gives no result.
	MethodNone Method = "none"
	// MethodMean averages the values and labels the mean by thresholds.
	MethodMean Method = "mean"
	// MethodWorstOf takes the lowest value and its label (or the
	// thresholds' label for it).
	MethodWorstOf Method = "worst_of"
	// MethodCount applies the first clause whose count is reached.
	MethodCount Method = "count"
	// MethodMilestoneCompliance is the share of judged milestones that
	// were on time: on time / (on time + late + missing). Excused and not
	// yet due milestones are counted apart and left out of the share.
	MethodMilestoneCompliance Method = "milestone_compliance"
)

var methods = []Method{
	MethodNone, MethodMean, MethodWorstOf, MethodCount, MethodMilestoneCompliance,
}

// Over says what an overall rule reads.
type Over string

// What an overall rule can read.
const (
	OverItems    Over = "items"
	OverSections Over = "sections"
)

// Threshold labels every value at or above Min not claimed by a higher
// threshold.
type Threshold struct {
	Min   float64
	Label string
}

// Clause is one clause of a count rule: when at least AtLeast members have
// the key Count (an option key such as "red", or a section's label), the
// result is Label. A clause with no Count always applies, so it belongs
// last as "otherwise". Value, when set, is the result's value.
type Clause struct {
	Count   string
	AtLeast int
	Label   string
	Value   *float64
}

// Result is the scored outcome of one response.
type Result struct {
	RuleVersion string
	Overall     Outcome
	Sections    []SectionResult
	// Items holds the value of each scored item that applies and is
	// answered with a valued option.
	Items map[string]float64
	// Computed holds each computed item that could be worked out.
	Computed   map[string]float64
	Milestones []MilestoneResult
	// Compliance counts every milestone that applies; Statutory counts
	// only the statutory ones.
	Compliance Compliance
	Statutory  Compliance
	// Poor reports that the overall label is one the definition's
	// follow-up names as poor.
	Poor bool
}

// Outcome is the result of one rule.
type Outcome struct {
	Scored bool
	Value  float64
	Label  string
	// Count is how many items, sections or milestones the rule read.
	Count int
}

// SectionResult is a section's outcome.
type SectionResult struct {
	ID      string
	Applies bool
	Outcome Outcome
}

// MilestoneResult is the state of one milestone item that applies.
type MilestoneResult struct {
	Item      string
	Statutory bool
	Due       Date
	Actual    Date
	Status    Status
	// DaysLate is how many days after the due date the step happened, or
	// for a missing step how many days have passed since it was due.
	DaysLate  int
	Exception ExceptionKind
}

// Compliance counts milestone statuses.
type Compliance struct {
	OnTime, Late, Missing, Excused, NotDue, Unknown int
}

// Judged is the number of milestones that count towards the share.
func (c Compliance) Judged() int { return c.OnTime + c.Late + c.Missing }

// Share is the fraction of judged milestones that were on time, and false
// when none was judged.
func (c Compliance) Share() (float64, bool) {
	if c.Judged() == 0 {
		return 0, false
	}
	return float64(c.OnTime) / float64(c.Judged()), true
}

func (c *Compliance) add(s Status) {
	switch s {
	case StatusOnTime:
		c.OnTime++
	case StatusLate:
		c.Late++
	case StatusMissing:
		c.Missing++
	case StatusExcused:
		c.Excused++
	case StatusNotDue:
		c.NotDue++
	default:
		c.Unknown++
	}
}

// thresholdSlack absorbs floating-point error in means such as 2.5 that
// come out as 2.4999999999.
const thresholdSlack = 1e-9

// Score scores a response on asOf, the audit date. The definition must be
// valid (ParseDefinition and Library only return valid ones); answers are
// checked for type first, and an answer of the wrong type is an Invalid
// error. Items that do not apply, Not applicable answers and unvalued
// options leave the item out. The same inputs always give the same result.
func Score(def Definition, answers Answers, asOf time.Time) (Result, error) {
	s := newSheet(&def, answers, DateOf(asOf))
	var p domain.Problems
	for id, v := range answers {
		s.checkType(&p, id, v)
	}
	if p.Len() > 0 {
		slices.SortFunc(p.List(), func(a, b domain.FieldError) int {
			return cmp.Compare(a.Field, b.Field)
		})
		return Result{}, p.Err()
	}

	r := Result{
		RuleVersion: def.Scoring.RuleVersion,
		Items:       make(map[string]float64, len(s.index)),
		Computed:    map[string]float64{},
	}
	facts := s.collect(&r)
	r.Sections = make([]SectionResult, len(def.Sections))
	for i := range def.Sections {
		sec := &def.Sections[i]
		r.Sections[i].ID = sec.ID
		r.Sections[i].Applies = sec.AppliesWhen == nil || sec.AppliesWhen.holds(s, 0)
		rule := sec.Rule
		if rule == nil {
			rule = def.Scoring.Sections
		}
		if rule != nil && r.Sections[i].Applies {
			from := s.starts[i]
			r.Sections[i].Outcome = s.scoreItems(rule, facts[from:from+len(sec.Items)])
		}
	}

	if def.Scoring.Overall.Over == OverSections {
		r.Overall = scoreSections(&def.Scoring.Overall, r.Sections, &r)
	} else {
		r.Overall = s.scoreItems(&def.Scoring.Overall, facts)
	}
	if f := def.FollowUp; f != nil && r.Overall.Scored {
		r.Poor = slices.Contains(f.PoorLabels, r.Overall.Label)
	}
	return r, nil
}

// fact is what scoring needs to know about one item that applies.
type fact struct {
	item    *Item
	applies bool
	// status is a milestone's status.
	status Status
	// value is a scored item's value when valued is true.
	value  float64
	valued bool
	// label is the key of a single-choice answer; keys the keys of a
	// multi_choice answer.
	label string
	keys  []string
}

// collect fills in item values, computed values and milestone results, and
// returns a fact for every item, in order.
func (s *sheet) collect(r *Result) []fact {
	facts := make([]fact, len(s.items))
	for ord, item := range s.items {
		f := &facts[ord]
		f.item = item
		ref := s.ref(ord)
		if !s.appliesRef(ref) {
			continue
		}
		f.applies = true
		switch {
		case item.Kind == KindComputed:
			if n, ok := s.compute(ref); ok {
				r.Computed[item.ID] = n
			}
		case item.Kind == KindMilestone:
			m := s.judge(item)
			f.status = m.Status
			r.Milestones = append(r.Milestones, m)
			r.Compliance.add(m.Status)
			if m.Statutory {
				r.Statutory.add(m.Status)
			}
		case item.IsScored():
			v, ok := s.valueRef(ref)
			if !ok {
				continue
			}
			switch x := v.(type) {
			case Choice:
				f.label = string(x)
			case Choices:
				f.keys = x
			}
			if f.value, f.valued = itemValue(item, v); f.valued {
				r.Items[item.ID] = f.value
			}
		}
	}
	return facts
}

// judge works out one milestone's result.
func (s *sheet) judge(item *Item) MilestoneResult {
	m := MilestoneResult{Item: item.ID, Status: StatusUnknown}
	if item.Milestone != nil {
		m.Statutory = item.Milestone.Statutory
	}
	var a MilestoneAnswer
	if v, ok := s.value(item.ID); ok {
		a = v.(MilestoneAnswer)
	}
	m.Actual = a.Actual
	due, ok := s.due(item)
	if !ok {
		return m
	}

	m.Due = due
	m.Status = Judge(item.Milestone, due, a, s.asOf)
	switch m.Status {
	case StatusLate:
		m.DaysLate = due.DaysUntil(a.Actual)
	case StatusMissing:
		m.DaysLate = due.DaysUntil(s.asOf)
	case StatusExcused:
		m.Exception = a.Exception.Kind
		if !a.Actual.IsZero() {
			m.DaysLate = due.DaysUntil(a.Actual)
		}
	}
	return m
}

// itemValue is the value an option answer scores: its option's value, or
// for a multi_choice the sum of the chosen options' values.
func itemValue(item *Item, v Value) (float64, bool) {
	switch x := v.(type) {
	case Choice:
		return optionValue(item, string(x))
	case Choices:
		sum, any := 0.0, false
		for _, key := range x {
			if n, ok := optionValue(item, key); ok {
				sum, any = sum+n, true
			}
		}
		return sum, any
	}
	return 0, false
}

// optionValue is the value of an option key. The fixed answers of grade,
// rag and yes_no are looked up without building their option lists, since
// scoring does this for every item.
func optionValue(item *Item, key string) (float64, bool) {
	switch item.Kind {
	case KindGrade:
		switch key {
		case "outstanding":
			return 4, true
		case "good":
			return 3, true
		case "requires_improvement":
			return 2, true
		case "inadequate":
			return 1, true
		}
		return 0, false
	case KindRAG:
		switch key {
		case "red":
			return 1, true
		case "amber":
			return 2, true
		case "green":
			return 3, true
		case "blue":
			return 4, item.AllowBlue
		}
		return 0, false
	case KindYesNo:
		switch key {
		case "yes":
			return 1, true
		case "partial":
			return 0.5, item.AllowPartial
		case "no":
			return 0, true
		}
		return 0, false
	}
	for i := range item.Options {
		if o := &item.Options[i]; o.Key == key && o.Value != nil {
			return *o.Value, true
		}
	}
	return 0, false
}

// member is one thing a rule reads: an item or a section result.
type member struct {
	value  float64
	valued bool
	// label is the option key of a single-choice item or a section's
	// label; keys are the keys of a multi_choice. Count rules count both.
	label string
	keys  []string
}

// scoreItems applies a rule to the facts of a run of items.
func (s *sheet) scoreItems(rule *Rule, facts []fact) Outcome {
	if rule.Method == MethodNone || rule.Method == "" {
		return Outcome{}
	}
	if rule.Method == MethodMilestoneCompliance {
		var c Compliance
		for i := range facts {
			f := &facts[i]
			if !f.applies || f.item.Kind != KindMilestone || !inScope(rule, f.item.ID) {
				continue
			}
			m := f.item.Milestone
			if rule.StatutoryOnly && (m == nil || !m.Statutory) {
				continue
			}
			c.add(f.status)
		}
		return complianceOutcome(rule, c)
	}

	members := make([]member, 0, len(facts))
	for i := range facts {
		f := &facts[i]
		if !f.applies || (f.label == "" && f.keys == nil) || !inScope(rule, f.item.ID) {
			continue
		}
		members = append(members, member{value: f.value, valued: f.valued, label: f.label, keys: f.keys})
	}
	return apply(rule, members)
}

// scoreSections applies an overall rule to the section results.
func scoreSections(rule *Rule, sections []SectionResult, r *Result) Outcome {
	if rule.Method == MethodMilestoneCompliance {
		c := r.Compliance
		if rule.StatutoryOnly {
			c = r.Statutory
		}
		return complianceOutcome(rule, c)
	}

	members := make([]member, 0, len(sections))
	for _, sec := range sections {
		o := sec.Outcome
		if !o.Scored {
			continue
		}
		members = append(members, member{value: o.Value, valued: true, label: o.Label})
	}
	return apply(rule, members)
}

func complianceOutcome(rule *Rule, c Compliance) Outcome {
	share, ok := c.Share()
	if !ok {
		return Outcome{}
	}
	return Outcome{
		Scored: true,
		Value:  share,
		Label:  label(rule.Thresholds, share),
		Count:  c.Judged(),
	}
}

// apply runs a mean, worst_of or count rule over its members.
func apply(rule *Rule, members []member) Outcome {
	switch rule.Method {
	case MethodMean:
		sum, n := 0.0, 0
		for _, m := range members {
			if m.valued {
				sum += m.value
				n++
			}
		}
		if n == 0 {
			return Outcome{}
		}
		mean := sum / float64(n)
		return Outcome{Scored: true, Value: mean, Label: label(rule.Thresholds, mean), Count: n}

	case MethodWorstOf:
		worst, n := member{value: math.Inf(1)}, 0
		for _, m := range members {
			if m.valued {
				n++
				if m.value < worst.value {
					worst = m
				}
			}
		}
		if n == 0 {
			return Outcome{}
		}
		l := worst.label
		if len(rule.Thresholds) > 0 {
			l = label(rule.Thresholds, worst.value)
		}
		return Outcome{Scored: true, Value: worst.value, Label: l, Count: n}

	case MethodCount:
		return count(rule, members)
	}
	return Outcome{}
}

func count(rule *Rule, members []member) Outcome {
	if len(members) == 0 {
		return Outcome{}
	}
	for _, c := range rule.Clauses {
		if c.Count != "" && countKey(members, c.Count) < c.AtLeast {
			continue
		}
		o := Outcome{Scored: true, Label: c.Label, Count: len(members)}
		if c.Value != nil {
			o.Value = *c.Value
		}
		return o
	}
	return Outcome{}
}

// countKey counts the members answered with key.
func countKey(members []member, key string) int {
	n := 0
	for _, m := range members {
		if m.label == key {
			n++
		}
		for _, k := range m.keys {
			if k == key {
				n++
			}
		}
	}
	return n
}

func label(thresholds []Threshold, v float64) string {
	for _, t := range thresholds {
		if v >= t.Min-thresholdSlack {
			return t.Label
		}
	}
	return ""
}

func inScope(rule *Rule, id string) bool {
	return len(rule.Items) == 0 || slices.Contains(rule.Items, id)
}
