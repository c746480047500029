package instrument

import (
	"reflect"
	"slices"
	"testing"
)

func TestScoreRules(t *testing.T) {
	const grades = `[{"id": "one", "title": "One", "items": [
			{"id": "g1", "kind": "grade", "label": "G1"},
			{"id": "g2", "kind": "grade", "label": "G2"}]},
		{"id": "two", "title": "Two", "items": [
			{"id": "g3", "kind": "grade", "label": "G3"}]}]`
	const gradeThresholds = `[{"min": 3.5, "label": "outstanding"}, {"min": 2.5, "label": "good"},
		{"min": 1.5, "label": "requires_improvement"}, {"min": 0, "label": "inadequate"}]`
	withSectionMean := func(overall string) string {
		return `{"key": "test", "version": 1, "title": "Test", "subject": "theme",
			"completed_by": ["auditor"], "scoring": {"rule_version": "t1",
			"sections": {"method": "mean", "thresholds": ` + gradeThresholds + `},
			"overall": ` + overall + `}, "sections": ` + grades + `}`
	}
	const answers = `{"g1": "outstanding", "g2": "inadequate", "g3": "good"}`

	tests := []struct {
		name    string
		src     string
		answers string
		value   float64
		label   string
		count   int
	}{
		{"mean of items with thresholds", defWith(grades, `{"method": "mean", "thresholds": `+gradeThresholds+`}`),
			answers, 8.0 / 3, "good", 3},
		{"mean over sections", withSectionMean(
			`{"method": "mean", "over": "sections", "thresholds": ` + gradeThresholds + `}`),
			answers, 2.75, "good", 2},
		{"mean exactly on a threshold", defWith(grades, `{"method": "mean", "thresholds": `+gradeThresholds+`}`),
			`{"g1": "good", "g2": "requires_improvement"}`, 2.5, "good", 2},
		{"mean just under a threshold", defWith(grades, `{"method": "mean", "thresholds": `+gradeThresholds+`}`),
			`{"g1": "good", "g2": "requires_improvement", "g3": "requires_improvement"}`, 7.0 / 3,
			"requires_improvement", 3},
		{"mean limited to listed items", defWith(grades, `{"method": "mean", "items": ["g3"]}`),
			answers, 3, "", 1},
		{"worst of items takes the option key", defWith(grades, `{"method": "worst_of"}`),
			answers, 1, "inadequate", 3},
		{"worst of items with thresholds", defWith(grades,
			`{"method": "worst_of", "thresholds": [{"min": 2, "label": "fine"}, {"min": 0, "label": "poor"}]}`),
			`{"g1": "good", "g3": "requires_improvement"}`, 2, "fine", 2},
		{"worst of sections takes the section label", withSectionMean(`{"method": "worst_of", "over": "sections"}`),
			answers, 2.5, "good", 2},
		{"count over section labels", withSectionMean(`{"method": "count", "over": "sections", "clauses": [
				{"count": "inadequate", "at_least": 1, "label": "inadequate"},
				{"count": "good", "at_least": 2, "label": "good"},
				{"label": "mixed"}]}`),
			answers, 0, "good", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			def := mustParse(t, tc.src)
			r, err := Score(def, mustAnswers(t, def, tc.answers), on(t, "2025-09-01"))
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			o := r.Overall
			if !o.Scored || !near(o.Value, tc.value) || o.Label != tc.label || o.Count != tc.count {
				t.Errorf("got %+v, want value %v label %q count %d", o, tc.value, tc.label, tc.count)
			}
		})
	}
}

func TestScoreOptionValues(t *testing.T) {
	def := mustParse(t, defWith(`[{"id": "s", "title": "S", "items": [
		{"id": "pick", "kind": "choice", "label": "Pick", "options": [
			{"key": "a", "label": "A", "value": 2}, {"key": "b", "label": "B"}]},
		{"id": "many", "kind": "multi_choice", "label": "Many", "options": [
			{"key": "x", "label": "X", "value": 1}, {"key": "y", "label": "Y", "value": 2},
			{"key": "z", "label": "Z"}]},
		{"id": "rag", "kind": "rag", "label": "RAG", "allow_blue": true},
		{"id": "yn", "kind": "yes_no", "label": "YN", "allow_not_applicable": true},
		{"id": "nhs", "kind": "personal", "personal_kind": "nhs_number", "label": "NHS"}]}]`,
		`{"method": "mean"}`))

	tests := []struct {
		name    string
		answers string
		items   map[string]float64
	}{
		{"valued choice and summed multi_choice", `{"pick": "a", "many": ["x", "y", "z"]}`,
			map[string]float64{"pick": 2, "many": 3}},
		{"unvalued choice is left out", `{"pick": "b", "many": ["z"]}`, map[string]float64{}},
		{"blue rag", `{"rag": "blue"}`, map[string]float64{"rag": 4}},
		{"yes and no", `{"yn": "no", "rag": "red"}`, map[string]float64{"yn": 0, "rag": 1}},
		{"not applicable is left out", `{"yn": "not_applicable"}`, map[string]float64{}},
		{"personal data is never scored", `{"nhs": "9434765919"}`, map[string]float64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Score(def, mustAnswers(t, def, tc.answers), on(t, "2025-09-01"))
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			if !reflect.DeepEqual(r.Items, tc.items) {
				t.Errorf("got %v, want %v", r.Items, tc.items)
			}
			if len(tc.items) == 0 && r.Overall.Scored {
				t.Errorf("got a scored overall %+v, want none", r.Overall)
			}
		})
	}
}

func TestScoreSectionThatDoesNotApply(t *testing.T) {
	def := mustParse(t, `{"key": "test", "version": 1, "title": "Test", "subject": "theme",
		"completed_by": ["auditor"], "scoring": {"rule_version": "t1",
		"sections": {"method": "mean"}, "overall": {"method": "mean", "over": "sections"}},
		"sections": [
		{"id": "main", "title": "Main", "items": [
			{"id": "year", "kind": "number", "label": "Year"},
			{"id": "g1", "kind": "grade", "label": "G1"}]},
		{"id": "adulthood", "title": "Adulthood",
			"applies_when": {"item": "year", "op": "ge", "value": 9},
			"items": [{"id": "g2", "kind": "grade", "label": "G2"}]}]}`)

	r, err := Score(def, mustAnswers(t, def, `{"year": 8, "g1": "good", "g2": "inadequate"}`),
		on(t, "2025-09-01"))
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	if r.Sections[1].Applies || r.Sections[1].Outcome.Scored {
		t.Errorf("adulthood: got %+v, want not applying and unscored", r.Sections[1])
	}
	if _, ok := r.Items["g2"]; ok {
		t.Errorf("got a value for g2, want none: its section does not apply")
	}
	if r.Overall.Value != 3 {
		t.Errorf("overall: got %v, want 3", r.Overall.Value)
	}
}

func TestScoreRefusesMistypedAnswers(t *testing.T) {
	def := formDef(t)
	_, err := Score(def, Answers{"rating": NumberValue(3), "zz": TextValue("x")}, on(t, "2025-09-01"))
	want := []string{"answers.rating", "answers.zz"}
	if got := fieldNames(err); !slices.Equal(got, want) {
		t.Errorf("got fields %q, want %q", got, want)
	}
}

func TestScoreIsDeterministic(t *testing.T) {
	lib := mustLibrary(t)
	def := lib["ap_quality_standards"]
	answers := apAnswers(t, def)
	first, err := Score(def, answers, on(t, "2025-09-01"))
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	for i := 0; i < 20; i++ {
		again, _ := Score(def, answers, on(t, "2025-09-01"))
		if !reflect.DeepEqual(first, again) {
			t.Fatalf("run %d: got %+v, want %+v", i, again, first)
		}
	}
}
