package instrument

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"sendqa/domain"
)

// The wire structs below are the JSON form of a definition. They are kept
// apart from the domain types so that the domain carries no tags and the
// JSON can change shape without the engine noticing.

type wireDefinition struct {
	Key         string        `json:"key"`
	Version     int           `json:"version"`
	Title       string        `json:"title"`
	Description string        `json:"description,omitempty"`
	Subject     string        `json:"subject"`
	CompletedBy []string      `json:"completed_by"`
	Scoring     wireScoring   `json:"scoring"`
	FollowUp    *wireFollowUp `json:"follow_up,omitempty"`
	Sections    []wireSection `json:"sections"`
	DerivedFrom *wireOrigin   `json:"derived_from,omitempty"`
}

type wireOrigin struct {
	Tenant  string `json:"tenant,omitempty"`
	Key     string `json:"key"`
	Version int    `json:"version"`
}

type wireScoring struct {
	RuleVersion string    `json:"rule_version"`
	Sections    *wireRule `json:"sections,omitempty"`
	Overall     wireRule  `json:"overall"`
}

type wireRule struct {
	Method        string          `json:"method"`
	Over          string          `json:"over,omitempty"`
	Items         []string        `json:"items,omitempty"`
	Thresholds    []wireThreshold `json:"thresholds,omitempty"`
	Clauses       []wireClause    `json:"clauses,omitempty"`
	StatutoryOnly bool            `json:"statutory_only,omitempty"`
}

type wireThreshold struct {
	Min   float64 `json:"min"`
	Label string  `json:"label"`
}

type wireClause struct {
	Count   string   `json:"count,omitempty"`
	AtLeast int      `json:"at_least,omitempty"`
	Label   string   `json:"label"`
	Value   *float64 `json:"value,omitempty"`
}

type wireFollowUp struct {
	PoorLabels  []string `json:"poor_labels"`
	Action      string   `json:"action"`
	Description string   `json:"description,omitempty"`
}

type wireSection struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Guidance    string         `json:"guidance,omitempty"`
	EasyRead    string         `json:"easy_read,omitempty"`
	AppliesWhen *wireCondition `json:"applies_when,omitempty"`
	Rule        *wireRule      `json:"rule,omitempty"`
	Items       []wireItem     `json:"items"`
}

type wireItem struct {
	ID                 string            `json:"id"`
	Kind               string            `json:"kind"`
	Label              string            `json:"label"`
	Guidance           string            `json:"guidance,omitempty"`
	EasyRead           string            `json:"easy_read,omitempty"`
	Required           bool              `json:"required,omitempty"`
	AppliesWhen        *wireCondition    `json:"applies_when,omitempty"`
	Options            []wireOption      `json:"options,omitempty"`
	Descriptors        map[string]string `json:"descriptors,omitempty"`
	AllowBlue          bool              `json:"allow_blue,omitempty"`
	AllowPartial       bool              `json:"allow_partial,omitempty"`
	AllowNotApplicable bool              `json:"allow_not_applicable,omitempty"`
	PersonalKind       string            `json:"personal_kind,omitempty"`
	Milestone          *wireMilestone    `json:"milestone,omitempty"`
	Compute            *wireCompute      `json:"compute,omitempty"`
}

type wireOption struct {
	Key        string   `json:"key"`
	Label      string   `json:"label"`
	EasyRead   string   `json:"easy_read,omitempty"`
	Descriptor string   `json:"descriptor,omitempty"`
	Picture    string   `json:"picture,omitempty"`
	Value      *float64 `json:"value,omitempty"`
}

type wireMilestone struct {
	Due            wireDue  `json:"due"`
	Cap            *wireDue `json:"cap,omitempty"`
	Statutory      bool     `json:"statutory"`
	LegalReference string   `json:"legal_reference,omitempty"`
	Exceptions     []string `json:"exceptions,omitempty"`
}

type wireDue struct {
	From     string `json:"from,omitempty"`
	Offset   int    `json:"offset,omitempty"`
	Unit     string `json:"unit,omitempty"`
	Month    int    `json:"month,omitempty"`
	Day      int    `json:"day,omitempty"`
	YearFrom string `json:"year_from,omitempty"`
}

type wireCompute struct {
	Func string `json:"func"`
	From string `json:"from"`
	To   string `json:"to,omitempty"`
}

type wireCondition struct {
	All   []wireCondition `json:"all,omitempty"`
	Any   []wireCondition `json:"any,omitempty"`
	Not   *wireCondition  `json:"not,omitempty"`
	Item  string          `json:"item,omitempty"`
	Op    string          `json:"op,omitempty"`
	Value any             `json:"value,omitempty"`
}

// ParseDefinition reads a definition from JSON and validates it. Unknown
// fields, values of the wrong type and broken rules are all reported as one
// domain.Invalid error whose fields are paths into the JSON.
func ParseDefinition(data []byte) (Definition, error) {
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return Definition{}, domain.InvalidField("", jsonProblem(err))
	}

	var p domain.Problems
	checkShape(&p, "", raw, reflect.TypeFor[wireDefinition]())
	if p.Len() > 0 {
		return Definition{}, p.Err()
	}
	var w wireDefinition
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		// checkShape should have caught anything Decode refuses; this is
		// the backstop, so it names no field.
		return Definition{}, domain.InvalidField("", jsonProblem(err))
	}

	def := w.toDomain(&p)
	if p.Len() > 0 {
		return Definition{}, p.Err()
	}
	if err := ValidateDefinition(def); err != nil {
		return Definition{}, err
	}
	return def, nil
}

// MarshalDefinition writes a valid definition as indented JSON that
// ParseDefinition reads back to an identical definition.
func MarshalDefinition(def Definition) ([]byte, error) {
	if err := ValidateDefinition(def); err != nil {
		return nil, fmt.Errorf("marshal definition %q: %w", def.Key, err)
	}
	data, err := json.MarshalIndent(toWire(def), "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal definition %q: %w", def.Key, err)
	}
	return append(data, '\n'), nil
}

// jsonProblem describes a JSON error in words safe to show to a user.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Sprintf("is not valid JSON: the error is near byte %d", syntax.Offset)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Sprintf("is not valid: %s must not be %s", typ.Field, typ.Value)
	}
	return "is not valid JSON"
}

// checkShape compares decoded JSON with the wire type it must fill, so that
// an unknown field or a value of the wrong type is reported with its path
// rather than as encoding/json's pathless message.
func checkShape(p *domain.Problems, path string, raw any, t reflect.Type) {
	if raw == nil {
		return
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}

	switch t.Kind() {
	case reflect.Struct:
		obj, ok := raw.(map[string]any)
		if !ok {
			p.Add(path, "must be an object")
			return
		}
		fields := jsonFields(t)
		for _, key := range sortedAnyKeys(obj) {
			f, ok := fields[key]
			if !ok {
				p.Add(domain.Path(path, key), "is not a known field")
				continue
			}
			checkShape(p, domain.Path(path, key), obj[key], f)
		}
	case reflect.Slice:
		list, ok := raw.([]any)
		if !ok {
			p.Add(path, "must be a list")
			return
		}
		for i, el := range list {
			checkShape(p, domain.Path(path, i), el, t.Elem())
		}
	case reflect.Map:
		obj, ok := raw.(map[string]any)
		if !ok {
			p.Add(path, "must be an object")
			return
		}
		for _, key := range sortedAnyKeys(obj) {
			checkShape(p, domain.Path(path, key), obj[key], t.Elem())
		}
	case reflect.String:
		if _, ok := raw.(string); !ok {
			p.Add(path, "must be text")
		}
	case reflect.Bool:
		if _, ok := raw.(bool); !ok {
			p.Add(path, "must be true or false")
		}
	case reflect.Int:
		n, ok := raw.(float64)
		if !ok || n != math.Trunc(n) || math.Abs(n) > 1e9 {
			p.Add(path, "must be a whole number")
		}
	case reflect.Float64:
		if _, ok := raw.(float64); !ok {
			p.Add(path, "must be a number")
		}
	}
}

// jsonFields maps each JSON name of a struct's fields to the field's type.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	fields := make(map[string]reflect.Type, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		fields[name] = f.Type
	}
	return fields
}

func sortedAnyKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (w *wireDefinition) toDomain(p *domain.Problems) Definition {
	d := Definition{
		Key:         w.Key,
		Version:     w.Version,
		Title:       w.Title,
		Description: w.Description,
		Subject:     SubjectKind(w.Subject),
		Scoring: Scoring{
			RuleVersion: w.Scoring.RuleVersion,
			Sections:    ruleFromWire(w.Scoring.Sections),
			Overall:     *ruleFromWire(&w.Scoring.Overall),
		},
	}
	for _, r := range w.CompletedBy {
		d.CompletedBy = append(d.CompletedBy, domain.Role(r))
	}
	if o := w.DerivedFrom; o != nil {
		d.DerivedFrom = &Origin{Tenant: o.Tenant, Key: o.Key, Version: o.Version}
	}
	if f := w.FollowUp; f != nil {
		d.FollowUp = &FollowUp{
			PoorLabels:  nonEmpty(f.PoorLabels),
			Action:      FollowUpAction(f.Action),
			Description: f.Description,
		}
	}

	for i, ws := range w.Sections {
		path := domain.Path("sections", i)
		s := Section{
			ID:          ws.ID,
			Title:       ws.Title,
			Guidance:    ws.Guidance,
			EasyRead:    ws.EasyRead,
			AppliesWhen: conditionFromWire(p, domain.Path(path, "applies_when"), ws.AppliesWhen),
			Rule:        ruleFromWire(ws.Rule),
		}
		for j, wi := range ws.Items {
			s.Items = append(s.Items, wi.toDomain(p, domain.Path(path, "items", j)))
		}
		d.Sections = append(d.Sections, s)
	}
	return d
}

func (w *wireItem) toDomain(p *domain.Problems, path string) Item {
	it := Item{
		ID:                 w.ID,
		Kind:               ItemKind(w.Kind),
		Label:              w.Label,
		Guidance:           w.Guidance,
		EasyRead:           w.EasyRead,
		Required:           w.Required,
		AppliesWhen:        conditionFromWire(p, domain.Path(path, "applies_when"), w.AppliesWhen),
		AllowBlue:          w.AllowBlue,
		AllowPartial:       w.AllowPartial,
		AllowNotApplicable: w.AllowNotApplicable,
		PersonalKind:       PersonalKind(w.PersonalKind),
	}
	for _, o := range w.Options {
		it.Options = append(it.Options, Option(o))
	}
	if len(w.Descriptors) > 0 {
		it.Descriptors = w.Descriptors
	}
	if m := w.Milestone; m != nil {
		it.Milestone = &Milestone{
			Due:            dueFromWire(m.Due),
			Statutory:      m.Statutory,
			LegalReference: m.LegalReference,
		}
		if m.Cap != nil {
			c := dueFromWire(*m.Cap)
			it.Milestone.Cap = &c
		}
		for _, e := range m.Exceptions {
			it.Milestone.Exceptions = append(it.Milestone.Exceptions, ExceptionKind(e))
		}
	}
	if c := w.Compute; c != nil {
		it.Compute = &Computation{Func: ComputeFunc(c.Func), From: c.From, To: c.To}
	}
	return it
}

func dueFromWire(w wireDue) Due {
	return Due{
		From: w.From, Offset: w.Offset, Unit: Unit(w.Unit),
		Month: w.Month, Day: w.Day, YearFrom: w.YearFrom,
	}
}

func ruleFromWire(w *wireRule) *Rule {
	if w == nil {
		return nil
	}
	r := &Rule{
		Method:        Method(w.Method),
		Over:          Over(w.Over),
		Items:         nonEmpty(w.Items),
		StatutoryOnly: w.StatutoryOnly,
	}
	for _, t := range w.Thresholds {
		r.Thresholds = append(r.Thresholds, Threshold(t))
	}
	for _, c := range w.Clauses {
		r.Clauses = append(r.Clauses, Clause(c))
	}
	return r
}

func conditionFromWire(p *domain.Problems, path string, w *wireCondition) *Condition {
	if w == nil {
		return nil
	}
	c := &Condition{Item: w.Item, Op: Op(w.Op)}
	if w.All != nil {
		c.All = make([]Condition, len(w.All))
		for i := range w.All {
			c.All[i] = *conditionFromWire(p, domain.Path(path, "all", i), &w.All[i])
		}
	}
	if w.Any != nil {
		c.Any = make([]Condition, len(w.Any))
		for i := range w.Any {
			c.Any[i] = *conditionFromWire(p, domain.Path(path, "any", i), &w.Any[i])
		}
	}
	c.Not = conditionFromWire(p, domain.Path(path, "not"), w.Not)
	c.Value = operandFromWire(p, domain.Path(path, "value"), w.Value, true)
	return c
}

func operandFromWire(p *domain.Problems, path string, v any, listOK bool) Operand {
	switch x := v.(type) {
	case nil:
		return Operand{}
	case float64:
		return Number(x)
	case string:
		return Text(x)
	case []any:
		if listOK {
			o := Operand{Kind: OperandList, List: make([]Operand, len(x))}
			for i, el := range x {
				o.List[i] = operandFromWire(p, domain.Path(path, i), el, false)
			}
			return o
		}
	}
	p.Add(path, "must be a number or a text")
	return Operand{}
}

func nonEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func toWire(d Definition) wireDefinition {
	w := wireDefinition{
		Key:         d.Key,
		Version:     d.Version,
		Title:       d.Title,
		Description: d.Description,
		Subject:     string(d.Subject),
		Scoring: wireScoring{
			RuleVersion: d.Scoring.RuleVersion,
			Sections:    ruleToWire(d.Scoring.Sections),
			Overall:     *ruleToWire(&d.Scoring.Overall),
		},
	}
	for _, r := range d.CompletedBy {
		w.CompletedBy = append(w.CompletedBy, string(r))
	}
	if o := d.DerivedFrom; o != nil {
		w.DerivedFrom = &wireOrigin{Tenant: o.Tenant, Key: o.Key, Version: o.Version}
	}
	if f := d.FollowUp; f != nil {
		w.FollowUp = &wireFollowUp{
			PoorLabels: f.PoorLabels, Action: string(f.Action), Description: f.Description,
		}
	}
	for _, s := range d.Sections {
		ws := wireSection{
			ID:          s.ID,
			Title:       s.Title,
			Guidance:    s.Guidance,
			EasyRead:    s.EasyRead,
			AppliesWhen: conditionToWire(s.AppliesWhen),
			Rule:        ruleToWire(s.Rule),
		}
		for _, it := range s.Items {
			ws.Items = append(ws.Items, itemToWire(it))
		}
		w.Sections = append(w.Sections, ws)
	}
	return w
}

func itemToWire(it Item) wireItem {
	w := wireItem{
		ID:                 it.ID,
		Kind:               string(it.Kind),
		Label:              it.Label,
		Guidance:           it.Guidance,
		EasyRead:           it.EasyRead,
		Required:           it.Required,
		AppliesWhen:        conditionToWire(it.AppliesWhen),
		Descriptors:        it.Descriptors,
		AllowBlue:          it.AllowBlue,
		AllowPartial:       it.AllowPartial,
		AllowNotApplicable: it.AllowNotApplicable,
		PersonalKind:       string(it.PersonalKind),
	}
	for _, o := range it.Options {
		w.Options = append(w.Options, wireOption(o))
	}
	if m := it.Milestone; m != nil {
		w.Milestone = &wireMilestone{
			Due:            dueToWire(m.Due),
			Statutory:      m.Statutory,
			LegalReference: m.LegalReference,
		}
		if m.Cap != nil {
			c := dueToWire(*m.Cap)
			w.Milestone.Cap = &c
		}
		for _, e := range m.Exceptions {
			w.Milestone.Exceptions = append(w.Milestone.Exceptions, string(e))
		}
	}
	if c := it.Compute; c != nil {
		w.Compute = &wireCompute{Func: string(c.Func), From: c.From, To: c.To}
	}
	return w
}

func dueToWire(d Due) wireDue {
	return wireDue{
		From: d.From, Offset: d.Offset, Unit: string(d.Unit),
		Month: d.Month, Day: d.Day, YearFrom: d.YearFrom,
	}
}

func ruleToWire(r *Rule) *wireRule {
	if r == nil {
		return nil
	}
	w := &wireRule{
		Method:        string(r.Method),
		Over:          string(r.Over),
		Items:         r.Items,
		StatutoryOnly: r.StatutoryOnly,
	}
	for _, t := range r.Thresholds {
		w.Thresholds = append(w.Thresholds, wireThreshold(t))
	}
	for _, c := range r.Clauses {
		w.Clauses = append(w.Clauses, wireClause(c))
	}
	return w
}

func conditionToWire(c *Condition) *wireCondition {
	if c == nil {
		return nil
	}
	w := &wireCondition{Item: c.Item, Op: string(c.Op), Value: operandToWire(c.Value)}
	for i := range c.All {
		w.All = append(w.All, *conditionToWire(&c.All[i]))
	}
	for i := range c.Any {
		w.Any = append(w.Any, *conditionToWire(&c.Any[i]))
	}
	w.Not = conditionToWire(c.Not)
	return w
}

func operandToWire(o Operand) any {
	switch o.Kind {
	case OperandNumber:
		return o.Number
	case OperandText:
		return o.Text
	case OperandList:
		list := make([]any, len(o.List))
		for i, el := range o.List {
			list[i] = operandToWire(el)
		}
		return list
	}
	return nil
}
