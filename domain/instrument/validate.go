package instrument

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sendqa/domain"
)

// Size limits that keep a definition something a person can fill in, and
// keep validation and scoring fast on hostile input.
const (
	maxSections    = 200
	maxItems       = 2000
	maxOptions     = 100
	maxIDLen       = 64
	maxLabelLen    = 1000
	maxGuidanceLen = 5000
)

// maxOffset bounds a milestone offset to about ten years in each unit.
var maxOffset = map[Unit]int{UnitDays: 3660, UnitWeeks: 522, UnitMonths: 120}

// ValidateDefinition checks every rule a definition must keep. Errors are
// domain.Invalid with fields named as the JSON spells them, such as
// "sections[2].items[0].label".
func ValidateDefinition(def Definition) error {
	v := validator{def: &def, index: indexItems(&def)}
	v.definition()
	return v.p.Err()
}

type validator struct {
	def   *Definition
	index map[string]itemRef
	p     domain.Problems
}

// originTenant is a tenant's slug, or empty for a built-in instrument.
var originTenant = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*)?$`)

func (v *validator) definition() {
	d := v.def
	if !isID(d.Key) {
		v.p.Add("key", idRule)
	}
	if d.Version < 1 {
		v.p.Add("version", "must be 1 or more")
	}
	v.text("title", d.Title, maxLabelLen, true)
	v.text("description", d.Description, maxGuidanceLen, false)
	if !slices.Contains(subjectKinds, d.Subject) {
		v.p.Add("subject", "must be one of: %s", joinNames(subjectKinds))
	}
	if len(d.CompletedBy) == 0 {
		v.p.Add("completed_by", "name at least one role")
	}
	for i, r := range d.CompletedBy {
		if !completingRole(r) {
			v.p.Add(domain.Path("completed_by", i), "must be a tenant role other than viewer")
		} else if slices.Index(d.CompletedBy, r) < i {
			v.p.Add(domain.Path("completed_by", i), "is listed twice")
		}
	}

	v.scoring()
	if f := d.FollowUp; f != nil {
		if len(f.PoorLabels) == 0 {
			v.p.Add("follow_up.poor_labels", "name at least one label")
		}
		if !slices.Contains(followUpActions, f.Action) {
			v.p.Add("follow_up.action", "must be one of: %s", joinNames(followUpActions))
		}
		v.text("follow_up.description", f.Description, maxGuidanceLen, false)
	}

	if o := d.DerivedFrom; o != nil {
		if !isID(o.Key) {
			v.p.Add("derived_from.key", idRule)
		}
		if o.Version < 1 {
			v.p.Add("derived_from.version", "must be 1 or more")
		}
		if len(o.Tenant) > 63 || !originTenant.MatchString(o.Tenant) {
			v.p.Add("derived_from.tenant", "must be a tenant's slug, or left out for a built-in instrument")
		}
	}

	v.sections()
	if v.p.Len() == 0 {
		v.cycles()
	}
}

func (v *validator) scoring() {
	s := v.def.Scoring
	if strings.TrimSpace(s.RuleVersion) == "" || len(s.RuleVersion) > maxIDLen {
		v.p.Add("scoring.rule_version", "must name the version of the scoring rules")
	}
	if s.Sections != nil {
		v.rule("scoring.sections", s.Sections, false)
	}
	v.rule("scoring.overall", &s.Overall, true)
}

func (v *validator) rule(path string, r *Rule, overall bool) {
	if !slices.Contains(methods, r.Method) {
		v.p.Add(domain.Path(path, "method"), "must be one of: %s", joinNames(methods))
		return
	}
	switch {
	case r.Over != "" && r.Over != OverItems && r.Over != OverSections:
		v.p.Add(domain.Path(path, "over"), "must be items or sections")
	case r.Over == OverSections && !overall:
		v.p.Add(domain.Path(path, "over"), "a section rule can only read items")
	case r.Over == OverSections && len(r.Items) > 0:
		v.p.Add(domain.Path(path, "items"), "cannot be used with over: sections")
	}
	for i, id := range r.Items {
		if _, ok := v.index[id]; !ok {
			v.p.Add(domain.Path(path, "items", i), "is not an item of this instrument")
		}
	}
	if r.StatutoryOnly && r.Method != MethodMilestoneCompliance {
		v.p.Add(domain.Path(path, "statutory_only"), "applies only to milestone_compliance")
	}

	if r.Method == MethodCount {
		v.clauses(path, r)
	} else if len(r.Clauses) > 0 {
		v.p.Add(domain.Path(path, "clauses"), "apply only to the count method")
	}
	if r.Method == MethodNone || r.Method == MethodCount {
		if len(r.Thresholds) > 0 {
			v.p.Add(domain.Path(path, "thresholds"), "do not apply to the %s method", r.Method)
		}
		return
	}
	for i, t := range r.Thresholds {
		tp := domain.Path(path, "thresholds", i)
		if math.IsNaN(t.Min) || math.IsInf(t.Min, 0) {
			v.p.Add(domain.Path(tp, "min"), "must be a number")
		} else if i > 0 && t.Min >= r.Thresholds[i-1].Min {
			v.p.Add(domain.Path(tp, "min"), "must be lower than the threshold before it")
		}
		v.label(domain.Path(tp, "label"), t.Label)
	}
}

func (v *validator) clauses(path string, r *Rule) {
	if len(r.Clauses) == 0 {
		v.p.Add(domain.Path(path, "clauses"), "give at least one clause")
	}
	for i, c := range r.Clauses {
		cp := domain.Path(path, "clauses", i)
		if i > 0 && r.Clauses[i-1].Count == "" {
			v.p.Add(cp, "can never apply: the clause before it always does")
		}
		if c.Count != "" && c.AtLeast < 1 {
			v.p.Add(domain.Path(cp, "at_least"), "must be 1 or more")
		}
		if c.Count == "" && c.AtLeast != 0 {
			v.p.Add(domain.Path(cp, "at_least"), "needs a key to count")
		}
		if c.Value != nil && (math.IsNaN(*c.Value) || math.IsInf(*c.Value, 0)) {
			v.p.Add(domain.Path(cp, "value"), "must be a number")
		}
		v.label(domain.Path(cp, "label"), c.Label)
	}
}

func (v *validator) sections() {
	d := v.def
	if len(d.Sections) == 0 {
		v.p.Add("sections", "give at least one section")
	}
	if len(d.Sections) > maxSections {
		v.p.Add("sections", "must be %d sections or fewer", maxSections)
		return
	}
	if len(v.index) > maxItems {
		v.p.Add("sections", "must hold %d items or fewer", maxItems)
		return
	}

	seenItems := map[string]string{}
	for i := range d.Sections {
		sec := &d.Sections[i]
		path := domain.Path("sections", i)
		if !isID(sec.ID) {
			v.p.Add(domain.Path(path, "id"), idRule)
		}
		for j := 0; j < i; j++ {
			if d.Sections[j].ID == sec.ID {
				v.p.Add(domain.Path(path, "id"), "is also the id of sections[%d]", j)
				break
			}
		}
		v.textAt(path, "title", sec.Title, maxLabelLen, true)
		v.textAt(path, "guidance", sec.Guidance, maxGuidanceLen, false)
		v.textAt(path, "easy_read", sec.EasyRead, maxGuidanceLen, false)
		if sec.AppliesWhen != nil {
			v.condition(domain.Path(path, "applies_when"), sec.AppliesWhen, 0)
		}
		if sec.Rule != nil {
			v.rule(domain.Path(path, "rule"), sec.Rule, false)
		}
		if len(sec.Items) == 0 {
			v.p.Add(domain.Path(path, "items"), "give at least one item")
		}
		for j := range sec.Items {
			ipath := domain.Path(path, "items", j)
			id := sec.Items[j].ID
			if first, dup := seenItems[id]; dup {
				v.p.Add(domain.Path(ipath, "id"), "is also the id of %s", first)
			} else {
				seenItems[id] = ipath
			}
			v.item(ipath, &sec.Items[j])
		}
	}
}

func (v *validator) item(path string, it *Item) {
	if !isID(it.ID) {
		v.p.Add(domain.Path(path, "id"), idRule)
	}
	if !slices.Contains(ItemKinds, it.Kind) {
		v.p.Add(domain.Path(path, "kind"), "must be one of: %s", joinNames(ItemKinds))
		return
	}
	v.textAt(path, "label", it.Label, maxLabelLen, true)
	v.textAt(path, "guidance", it.Guidance, maxGuidanceLen, false)
	v.textAt(path, "easy_read", it.EasyRead, maxGuidanceLen, false)
	if it.AppliesWhen != nil {
		v.condition(domain.Path(path, "applies_when"), it.AppliesWhen, 0)
	}
	if it.Required && it.Kind == KindComputed {
		v.p.Add(domain.Path(path, "required"),
			"a computed item is never answered, so it cannot be required")
	}

	v.options(path, it)
	v.only(path, "allow_blue", it.AllowBlue, it.Kind == KindRAG)
	v.only(path, "allow_partial", it.AllowPartial, it.Kind == KindYesNo)
	v.only(path, "allow_not_applicable", it.AllowNotApplicable, it.Kind == KindYesNo)
	v.only(path, "personal_kind", it.PersonalKind != "", it.Kind == KindPersonal)
	v.only(path, "milestone", it.Milestone != nil, it.Kind == KindMilestone)
	v.only(path, "compute", it.Compute != nil, it.Kind == KindComputed)

	switch it.Kind {
	case KindPersonal:
		if !slices.Contains(personalKinds, it.PersonalKind) {
			v.p.Add(domain.Path(path, "personal_kind"), "must be one of: %s", joinNames(personalKinds))
		}
	case KindMilestone:
		if it.Milestone == nil {
			v.p.Add(domain.Path(path, "milestone"), "say when the step is due")
		} else {
			v.milestone(domain.Path(path, "milestone"), it)
		}
	case KindComputed:
		if it.Compute == nil {
			v.p.Add(domain.Path(path, "compute"), "say what the item is computed from")
		} else {
			v.compute(domain.Path(path, "compute"), it)
		}
	}
}

// only records a problem when a field is set on a kind it does not belong to.
func (v *validator) only(path, field string, set, allowed bool) {
	if set && !allowed {
		v.p.Add(domain.Path(path, field), "does not apply to this kind of item")
	}
}

func (v *validator) options(path string, it *Item) {
	own := it.Kind == KindScale || it.Kind == KindChoice || it.Kind == KindMultiChoice
	fixed := it.Kind == KindGrade || it.Kind == KindRAG || it.Kind == KindYesNo
	v.only(path, "options", len(it.Options) > 0, own)
	v.only(path, "descriptors", len(it.Descriptors) > 0, fixed)

	if fixed && len(it.Descriptors) > 0 {
		keys := optionKeys(it)
		for _, k := range sortedKeys(it.Descriptors) {
			dp := domain.Path(path, "descriptors", k)
			if !slices.Contains(keys, k) {
				v.p.Add(dp, "must describe one of: %s", strings.Join(keys, ", "))
			}
			v.text(dp, it.Descriptors[k], maxGuidanceLen, true)
		}
	}
	if !own {
		return
	}
	if len(it.Options) < 2 && it.Kind == KindScale {
		v.p.Add(domain.Path(path, "options"), "a scale needs at least two options")
	} else if len(it.Options) == 0 {
		v.p.Add(domain.Path(path, "options"), "give at least one option")
	}
	if len(it.Options) > maxOptions {
		v.p.Add(domain.Path(path, "options"), "must be %d options or fewer", maxOptions)
		return
	}
	for i, o := range it.Options {
		op := path + ".options[" + strconv.Itoa(i) + "]"
		if !isID(o.Key) {
			v.p.Add(domain.Path(op, "key"), idRule)
		}
		for j := 0; j < i; j++ {
			if it.Options[j].Key == o.Key {
				v.p.Add(domain.Path(op, "key"), "is also the key of options[%d]", j)
				break
			}
		}
		v.textAt(op, "label", o.Label, maxLabelLen, true)
		v.textAt(op, "easy_read", o.EasyRead, maxGuidanceLen, false)
		v.textAt(op, "descriptor", o.Descriptor, maxGuidanceLen, false)
		if o.Picture != "" && !isID(o.Picture) {
			v.p.Add(domain.Path(op, "picture"), "must name a picture: %s", idRule)
		}
		switch {
		case o.Value == nil && it.Kind == KindScale:
			v.p.Add(domain.Path(op, "value"), "every option of a scale needs a value")
		case o.Value != nil && (math.IsNaN(*o.Value) || math.IsInf(*o.Value, 0)):
			v.p.Add(domain.Path(op, "value"), "must be a number")
		}
	}
}

func (v *validator) milestone(path string, it *Item) {
	m := it.Milestone
	v.due(domain.Path(path, "due"), it.ID, m.Due)
	if m.Cap != nil {
		v.due(domain.Path(path, "cap"), it.ID, *m.Cap)
	}
	if m.Statutory && strings.TrimSpace(m.LegalReference) == "" {
		v.p.Add(domain.Path(path, "legal_reference"), "name the law that sets a statutory deadline")
	}
	v.textAt(path, "legal_reference", m.LegalReference, maxLabelLen, false)
	for i, e := range m.Exceptions {
		ep := domain.Path(path, "exceptions", i)
		if !slices.Contains(exceptionKinds, e) {
			v.p.Add(ep, "must be one of: %s", joinNames(exceptionKinds))
		} else if slices.Index(m.Exceptions, e) < i {
			v.p.Add(ep, "is listed twice")
		}
	}
}

func (v *validator) due(path, self string, d Due) {
	if d.Fixed() {
		if d.From != "" || d.Offset != 0 || d.Unit != "" {
			v.p.Add(path, "give either from, offset and unit, or month, day and year_from")
		}
		if d.Month < 1 || d.Month > 12 {
			v.p.Add(domain.Path(path, "month"), "must be from 1 to 12")
		} else if d.Day < 1 || d.Day > daysIn(2000, time.Month(d.Month)) {
			v.p.Add(domain.Path(path, "day"), "must be a day of that month")
		}
		ref, ok := v.index[d.YearFrom]
		switch {
		case !ok || d.YearFrom == self:
			v.p.Add(domain.Path(path, "year_from"), "must be another item of this instrument")
		case !ref.item.givesDate() && ref.item.Kind != KindNumber:
			v.p.Add(domain.Path(path, "year_from"), "must be a number or date item")
		}
		return
	}

	if d.Month != 0 || d.Day != 0 {
		v.p.Add(path, "give either from, offset and unit, or month, day and year_from")
	}
	v.dateRef(domain.Path(path, "from"), self, d.From)
	if !slices.Contains(units, d.Unit) {
		v.p.Add(domain.Path(path, "unit"), "must be one of: %s", joinNames(units))
	} else if abs(d.Offset) > maxOffset[d.Unit] {
		v.p.Add(domain.Path(path, "offset"), "must be within 10 years")
	}
}

func (v *validator) compute(path string, it *Item) {
	c := it.Compute
	if !slices.Contains(computeFuncs, c.Func) {
		v.p.Add(domain.Path(path, "func"), "must be one of: %s", joinNames(computeFuncs))
	}
	v.dateRef(domain.Path(path, "from"), it.ID, c.From)
	if c.To != "" {
		v.dateRef(domain.Path(path, "to"), it.ID, c.To)
	}
}

// dateRef checks that id names another item that gives a date.
func (v *validator) dateRef(path, self, id string) {
	ref, ok := v.index[id]
	switch {
	case !ok || id == self:
		v.p.Add(path, "must be another item of this instrument")
	case !ref.item.givesDate():
		v.p.Add(path, "must be a date, date of birth or milestone item")
	}
}

func (v *validator) condition(path string, c *Condition, depth int) {
	if depth >= maxConditionDepth {
		v.p.Add(path, "nests more than %d levels deep", maxConditionDepth)
		return
	}
	set := 0
	for _, b := range []bool{c.All != nil, c.Any != nil, c.Not != nil, c.Item != ""} {
		if b {
			set++
		}
	}
	if set != 1 {
		v.p.Add(path, "must have exactly one of all, any, not or item")
		return
	}

	switch {
	case c.All != nil && len(c.All) == 0, c.Any != nil && len(c.Any) == 0:
		v.p.Add(path, "give at least one condition in the list")
	case c.All != nil:
		for i := range c.All {
			v.condition(domain.Path(path, "all", i), &c.All[i], depth+1)
		}
	case c.Any != nil:
		for i := range c.Any {
			v.condition(domain.Path(path, "any", i), &c.Any[i], depth+1)
		}
	case c.Not != nil:
		v.condition(domain.Path(path, "not"), c.Not, depth+1)
	default:
		v.comparison(path, c)
	}
}

func (v *validator) comparison(path string, c *Condition) {
	ref, ok := v.index[c.Item]
	if !ok {
		v.p.Add(domain.Path(path, "item"), "is not an item of this instrument")
		return
	}
	if !slices.Contains(ops, c.Op) {
		v.p.Add(domain.Path(path, "op"), "must be one of: %s", joinNames(ops))
		return
	}

	vp := domain.Path(path, "value")
	item := ref.item
	switch {
	case c.Op == OpAnswered:
		if c.Value.Kind != OperandNone {
			v.p.Add(vp, "is not used with answered")
		}
		return
	case c.Op == OpIn:
		if c.Value.Kind != OperandList || len(c.Value.List) == 0 {
			v.p.Add(vp, "must be a list of values for in")
			return
		}
		for i, o := range c.Value.List {
			if msg := operandProblem(item, OpEq, o); msg != "" {
				v.p.Add(domain.Path(vp, i), "%s", msg)
			}
		}
		return
	}
	if msg := operandProblem(item, c.Op, c.Value); msg != "" {
		v.p.Add(vp, "%s", msg)
	}
}

// operandProblem says why an operand cannot be compared with an item by
// op, or returns "" when it can.
func operandProblem(item *Item, op Op, o Operand) string {
	order := op != OpEq && op != OpNe
	switch {
	case item.Kind == KindEvidence:
		return "an evidence item can only be tested with answered"
	case item.givesNumber():
		if o.Kind != OperandNumber {
			return "must be a number"
		}
	case item.givesDate():
		if _, err := ParseDate(o.Text); o.Kind != OperandText || err != nil {
			return "must be a date written as YYYY-MM-DD"
		}
	case item.Kind.hasOptions() && order:
		if item.Kind == KindMultiChoice {
			return "a multi_choice item can only be tested with eq, ne, in or answered"
		}
		if o.Kind != OperandNumber {
			return "must be a number to compare with the option values"
		}
	case item.Kind.hasOptions():
		if o.Kind != OperandText {
			return "must be an option key"
		}
		if _, ok := item.choice(o.Text); !ok {
			return "must be one of: " + strings.Join(optionKeys(item), ", ")
		}
	case item.givesText():
		if order {
			return "text can only be tested with eq, ne, in or answered"
		}
		if o.Kind != OperandText {
			return "must be text"
		}
	}
	return ""
}

// cycles rejects items that depend on themselves through conditions,
// computations or milestone anchors, which would make them undecidable.
func (v *validator) cycles() {
	const (
		white = iota
		grey
		black
	)
	colour := map[string]int{}
	var stack []string
	var found []string

	var visit func(id string) bool
	visit = func(id string) bool {
		switch colour[id] {
		case grey:
			start := slices.Index(stack, id)
			found = append(slices.Clone(stack[start:]), id)
			return true
		case black:
			return false
		}
		colour[id] = grey
		stack = append(stack, id)
		for _, dep := range v.dependencies(id) {
			if visit(dep) {
				return true
			}
		}
		stack = stack[:len(stack)-1]
		colour[id] = black
		return false
	}

	for i := range v.def.Sections {
		for j := range v.def.Sections[i].Items {
			id := v.def.Sections[i].Items[j].ID
			if colour[id] == white && visit(id) {
				v.p.Add(domain.Path("sections", i, "items", j),
					"depends on itself: %s", strings.Join(found, " → "))
				return
			}
		}
	}
}

// dependencies lists the items whose values an item's applicability or
// value is worked out from.
func (v *validator) dependencies(id string) []string {
	ref, ok := v.index[id]
	if !ok {
		return nil
	}
	it := ref.item
	deps := v.def.Sections[ref.section].AppliesWhen.refs(nil)
	deps = it.AppliesWhen.refs(deps)
	if c := it.Compute; c != nil {
		deps = append(deps, c.From, c.To)
	}
	if m := it.Milestone; m != nil {
		deps = append(deps, m.Due.From, m.Due.YearFrom)
		if m.Cap != nil {
			deps = append(deps, m.Cap.From, m.Cap.YearFrom)
		}
	}
	return deps
}

func (v *validator) text(path, s string, limit int, required bool) {
	v.textAt(path, "", s, limit, required)
}

// textAt checks the text at base.field; it joins the path only when there
// is a problem, since it runs for every label of every item.
func (v *validator) textAt(base, field, s string, limit int, required bool) {
	var msg string
	switch {
	case required && strings.TrimSpace(s) == "":
		msg = "must not be empty"
	case !utf8.ValidString(s):
		msg = "must be readable text"
	case len(s) > limit && utf8.RuneCountInString(s) > limit:
		msg = fmt.Sprintf("must be %d characters or fewer", limit)
	default:
		return
	}
	path := base
	if field != "" {
		path = domain.Path(base, field)
	}
	v.p.Add(path, "%s", msg)
}

func (v *validator) label(path, s string) {
	v.text(path, s, maxIDLen, true)
}

// idRule says what isID accepts, in words for a person.
const idRule = "must be lower-case letters, digits and underscores, starting with a letter"

// isID reports whether s is a snake_case identifier.
func isID(s string) bool {
	if s == "" || len(s) > maxIDLen || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func joinNames[T ~string](names []T) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = string(n)
	}
	return strings.Join(parts, ", ")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
