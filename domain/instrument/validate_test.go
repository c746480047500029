package instrument

import (
	"slices"
	"strings"
	"testing"
)

// defWith writes a definition around the given sections and overall rule.
func defWith(sections, overall string) string {
	if overall == "" {
		overall = `{"method": "none"}`
	}
	return `{"key": "test", "version": 1, "title": "Test", "subject": "theme",
		"completed_by": ["auditor"],
		"scoring": {"rule_version": "t1", "overall": ` + overall + `},
		"sections": ` + sections + `}`
}

// oneSection writes a definition with one section holding the items.
func oneSection(items string) string {
	return defWith(`[{"id": "s", "title": "S", "items": [`+items+`]}]`, "")
}

func TestParseDefinitionErrorPaths(t *testing.T) {
	const num = `{"id": "n", "kind": "number", "label": "N"}`
	const txt = `{"id": "t", "kind": "text", "label": "T"}`
	const pick = `{"id": "p", "kind": "choice", "label": "P",
		"options": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}]}`
	// probed writes a definition of the item first and an item x that
	// applies under cond.
	probed := func(first, cond string) string {
		return oneSection(first + `, {"id": "x", "kind": "text", "label": "X", "applies_when": ` +
			cond + `}`)
	}

	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"not JSON", `{"key": `, []string{""}},
		{"unknown top-level field", strings.Replace(oneSection(num), `"key"`, `"colour": 1, "key"`, 1),
			[]string{"colour"}},
		{"unknown item field", oneSection(num + `, {"id": "y", "kind": "text", "labell": "Y"}`),
			[]string{"sections[0].items[1].labell"}},
		{"field in the wrong case", oneSection(`{"id": "n", "kind": "number", "Label": "N"}`),
			[]string{"sections[0].items[0].Label"}},
		{"version as text", strings.Replace(oneSection(num), `"version": 1`, `"version": "1"`, 1),
			[]string{"version"}},
		{"version not whole", strings.Replace(oneSection(num), `"version": 1`, `"version": 1.5`, 1),
			[]string{"version"}},
		{"items not a list", defWith(`[{"id": "s", "title": "S", "items": {}}]`, ""),
			[]string{"sections[0].items"}},
		{"bad key", strings.Replace(oneSection(num), `"key": "test"`, `"key": "Test Key"`, 1),
			[]string{"key"}},
		{"unknown subject", strings.Replace(oneSection(num), `"theme"`, `"school"`, 1),
			[]string{"subject"}},
		{"unknown role", strings.Replace(oneSection(num), `["auditor"]`, `["auditor", "owner"]`, 1),
			[]string{"completed_by[1]"}},
		{"empty label", oneSection(`{"id": "n", "kind": "number", "label": " "}`),
			[]string{"sections[0].items[0].label"}},
		{"duplicate item id across sections",
			defWith(`[{"id": "a", "title": "A", "items": [`+num+`]},
				{"id": "b", "title": "B", "items": [`+num+`]}]`, ""),
			[]string{"sections[1].items[0].id"}},
		{"duplicate section id",
			defWith(`[{"id": "a", "title": "A", "items": [`+num+`]},
				{"id": "a", "title": "B", "items": [`+txt+`]}]`, ""),
			[]string{"sections[1].id"}},
		{"unknown kind", oneSection(`{"id": "n", "kind": "slider", "label": "N"}`),
			[]string{"sections[0].items[0].kind"}},
		{"scale option without value", oneSection(`{"id": "s1", "kind": "scale", "label": "S",
			"options": [{"key": "a", "label": "A", "value": 1}, {"key": "b", "label": "B"}]}`),
			[]string{"sections[0].items[0].options[1].value"}},
		{"duplicate option key", oneSection(`{"id": "c", "kind": "choice", "label": "C",
			"options": [{"key": "a", "label": "A"}, {"key": "a", "label": "B"}]}`),
			[]string{"sections[0].items[0].options[1].key"}},
		{"options on a number", oneSection(`{"id": "n", "kind": "number", "label": "N",
			"options": [{"key": "a", "label": "A"}]}`),
			[]string{"sections[0].items[0].options"}},
		{"unknown descriptor", oneSection(`{"id": "g", "kind": "grade", "label": "G",
			"descriptors": {"good": "ok", "excellent": "?"}}`),
			[]string{"sections[0].items[0].descriptors.excellent"}},
		{"blue on a grade", oneSection(`{"id": "g", "kind": "grade", "label": "G", "allow_blue": true}`),
			[]string{"sections[0].items[0].allow_blue"}},
		{"personal without its kind", oneSection(`{"id": "p", "kind": "personal", "label": "P"}`),
			[]string{"sections[0].items[0].personal_kind"}},
		{"required computed", oneSection(`{"id": "d", "kind": "date", "label": "D"},
			{"id": "c", "kind": "computed", "label": "C", "required": true,
			 "compute": {"func": "days_between", "from": "d"}}`),
			[]string{"sections[0].items[1].required"}},
		{"unknown compute function", oneSection(`{"id": "d", "kind": "date", "label": "D"},
			{"id": "c", "kind": "computed", "label": "C", "compute": {"func": "sum", "from": "d"}}`),
			[]string{"sections[0].items[1].compute.func"}},
		{"compute from a text item", oneSection(txt + `,
			{"id": "c", "kind": "computed", "label": "C", "compute": {"func": "days_between", "from": "t"}}`),
			[]string{"sections[0].items[1].compute.from"}},
		{"milestone anchored on text", oneSection(txt + `,
			{"id": "m", "kind": "milestone", "label": "M",
			 "milestone": {"due": {"from": "t", "offset": 6, "unit": "weeks"}, "statutory": false}}`),
			[]string{"sections[0].items[1].milestone.due.from"}},
		{"statutory milestone without a reference", oneSection(`{"id": "d", "kind": "date", "label": "D"},
			{"id": "m", "kind": "milestone", "label": "M",
			 "milestone": {"due": {"from": "d", "offset": 6, "unit": "weeks"}, "statutory": true}}`),
			[]string{"sections[0].items[1].milestone.legal_reference"}},
		{"unknown exception", oneSection(`{"id": "d", "kind": "date", "label": "D"},
			{"id": "m", "kind": "milestone", "label": "M",
			 "milestone": {"due": {"from": "d", "offset": 6, "unit": "weeks"}, "statutory": false,
			 "exceptions": ["snow"]}}`),
			[]string{"sections[0].items[1].milestone.exceptions[0]"}},
		{"unknown unit", oneSection(`{"id": "d", "kind": "date", "label": "D"},
			{"id": "m", "kind": "milestone", "label": "M",
			 "milestone": {"due": {"from": "d", "offset": 6, "unit": "fortnights"}, "statutory": false}}`),
			[]string{"sections[0].items[1].milestone.due.unit"}},
		{"fixed day that does not exist", oneSection(`{"id": "y", "kind": "number", "label": "Y"},
			{"id": "m", "kind": "milestone", "label": "M",
			 "milestone": {"due": {"month": 2, "day": 30, "year_from": "y"}, "statutory": false}}`),
			[]string{"sections[0].items[1].milestone.due.day"}},
		{"condition on a missing item", probed(num, `{"item": "zz", "op": "answered"}`),
			[]string{"sections[0].items[1].applies_when.item"}},
		{"condition with an unknown operator", probed(num, `{"item": "n", "op": "like", "value": 1}`),
			[]string{"sections[0].items[1].applies_when.op"}},
		{"number compared with text", probed(num, `{"item": "n", "op": "ge", "value": "14"}`),
			[]string{"sections[0].items[1].applies_when.value"}},
		{"option key that does not exist", probed(pick, `{"item": "p", "op": "eq", "value": "c"}`),
			[]string{"sections[0].items[1].applies_when.value"}},
		{"in with an empty list", probed(pick, `{"item": "p", "op": "in", "value": []}`),
			[]string{"sections[0].items[1].applies_when.value"}},
		{"in with a nested list", probed(pick, `{"item": "p", "op": "in", "value": [["a"]]}`),
			[]string{"sections[0].items[1].applies_when.value[0]"}},
		{"answered with a value", probed(num, `{"item": "n", "op": "answered", "value": 1}`),
			[]string{"sections[0].items[1].applies_when.value"}},
		{"text ordered", probed(txt, `{"item": "t", "op": "lt", "value": "m"}`),
			[]string{"sections[0].items[1].applies_when.value"}},
		{"two kinds of node at once", probed(num,
			`{"item": "n", "op": "answered", "not": {"item": "n", "op": "answered"}}`),
			[]string{"sections[0].items[1].applies_when"}},
		{"empty all", probed(num, `{"all": []}`),
			[]string{"sections[0].items[1].applies_when"}},
		{"nested error path", probed(num, `{"all": [{"item": "n", "op": "answered"},
			{"not": {"item": "n", "op": "gt", "value": "x"}}]}`),
			[]string{"sections[0].items[1].applies_when.all[1].not.value"}},
		{"unknown field in a condition", probed(num, `{"item": "n", "op": "answered", "vaule": 1}`),
			[]string{"sections[0].items[1].applies_when.vaule"}},
		{"cycle between two items", oneSection(
			`{"id": "a", "kind": "number", "label": "A", "applies_when": {"item": "b", "op": "answered"}},
			 {"id": "b", "kind": "number", "label": "B", "applies_when": {"item": "a", "op": "answered"}}`),
			[]string{"sections[0].items[0]"}},
		{"item that depends on itself", oneSection(
			`{"id": "a", "kind": "number", "label": "A", "applies_when": {"item": "a", "op": "gt", "value": 1}}`),
			[]string{"sections[0].items[0]"}},
		{"section that depends on its own item",
			defWith(`[{"id": "s", "title": "S", "applies_when": {"item": "a", "op": "answered"},
				"items": [{"id": "a", "kind": "number", "label": "A"}]}]`, ""),
			[]string{"sections[0].items[0]"}},
		{"thresholds out of order", defWith(`[{"id": "s", "title": "S", "items": [`+num+`]}]`,
			`{"method": "mean", "thresholds": [{"min": 1, "label": "a"}, {"min": 2, "label": "b"}]}`),
			[]string{"scoring.overall.thresholds[1].min"}},
		{"unknown rule item", defWith(`[{"id": "s", "title": "S", "items": [`+num+`]}]`,
			`{"method": "mean", "items": ["zz"]}`),
			[]string{"scoring.overall.items[0]"}},
		{"clause after an otherwise", defWith(`[{"id": "s", "title": "S", "items": [`+num+`]}]`,
			`{"method": "count", "clauses": [{"label": "amber"}, {"count": "red", "at_least": 1, "label": "red"}]}`),
			[]string{"scoring.overall.clauses[1]"}},
		{"count clause without a number", defWith(`[{"id": "s", "title": "S", "items": [`+num+`]}]`,
			`{"method": "count", "clauses": [{"count": "red", "label": "red"}]}`),
			[]string{"scoring.overall.clauses[0].at_least"}},
		{"unknown method", defWith(`[{"id": "s", "title": "S", "items": [`+num+`]}]`,
			`{"method": "median"}`),
			[]string{"scoring.overall.method"}},
		{"statutory_only on a mean", defWith(`[{"id": "s", "title": "S", "items": [`+num+`]}]`,
			`{"method": "mean", "statutory_only": true}`),
			[]string{"scoring.overall.statutory_only"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseDefinition([]byte(tc.src))
			if err == nil {
				t.Fatalf("got no error, want errors at %q", tc.want)
			}
			if got := fieldNames(err); !slices.Equal(got, tc.want) {
				t.Errorf("got fields %q, want %q (%v)", got, tc.want, fieldsOf(err))
			}
		})
	}
}

func TestValidateDefinitionAcceptsEveryKind(t *testing.T) {
	def := mustParse(t, oneSection(`
		{"id": "sc", "kind": "scale", "label": "Scale", "options": [
			{"key": "lo", "label": "Low", "value": 0}, {"key": "hi", "label": "High", "value": 1}]},
		{"id": "gr", "kind": "grade", "label": "Grade", "descriptors": {"good": "Good because"}},
		{"id": "rg", "kind": "rag", "label": "RAG", "allow_blue": true},
		{"id": "yn", "kind": "yes_no", "label": "Yes or no", "allow_partial": true,
			"allow_not_applicable": true},
		{"id": "dt", "kind": "date", "label": "Date"},
		{"id": "ms", "kind": "milestone", "label": "Milestone", "milestone": {
			"due": {"from": "dt", "offset": 6, "unit": "weeks"}, "statutory": true,
			"legal_reference": "SEND Regulations 2014, reg 5", "exceptions": ["away_from_area"]}},
		{"id": "nm", "kind": "number", "label": "Number"},
		{"id": "tx", "kind": "text", "label": "Text"},
		{"id": "lt", "kind": "long_text", "label": "Long text"},
		{"id": "ch", "kind": "choice", "label": "Choice", "options": [{"key": "a", "label": "A"}]},
		{"id": "mc", "kind": "multi_choice", "label": "Multi", "options": [{"key": "a", "label": "A"}]},
		{"id": "og", "kind": "organisation", "label": "Organisation"},
		{"id": "ev", "kind": "evidence", "label": "Evidence", "required": true},
		{"id": "pn", "kind": "personal", "label": "Name", "personal_kind": "name"},
		{"id": "pd", "kind": "personal", "label": "Born", "personal_kind": "date_of_birth"},
		{"id": "ph", "kind": "personal", "label": "NHS number", "personal_kind": "nhs_number"},
		{"id": "pl", "kind": "personal", "label": "Local ID", "personal_kind": "local_id"},
		{"id": "cp", "kind": "computed", "label": "Age", "compute": {"func": "age_in_years_at", "from": "pd"}}`))

	seen := map[ItemKind]bool{}
	for _, it := range def.Sections[0].Items {
		seen[it.Kind] = true
		if it.IsPersonal() != (it.Kind == KindPersonal) {
			t.Errorf("%s: IsPersonal got %v", it.ID, it.IsPersonal())
		}
		if it.IsPersonal() && it.IsScored() {
			t.Errorf("%s: a personal item must never be scored", it.ID)
		}
	}
	for _, k := range ItemKinds {
		if !seen[k] {
			t.Errorf("kind %s: not covered", k)
		}
	}
}

func TestChoicesOfFixedKinds(t *testing.T) {
	tests := []struct {
		name string
		item Item
		want string
	}{
		{"grade", Item{Kind: KindGrade}, "outstanding=4 good=3 requires_improvement=2 inadequate=1"},
		{"rag", Item{Kind: KindRAG}, "red=1 amber=2 green=3"},
		{"rag with blue", Item{Kind: KindRAG, AllowBlue: true}, "red=1 amber=2 green=3 blue=4"},
		{"yes_no", Item{Kind: KindYesNo}, "yes=1 no=0"},
		{"yes_no with partial and N/A", Item{Kind: KindYesNo, AllowPartial: true, AllowNotApplicable: true},
			"yes=1 partial=0.5 no=0 not_applicable=-"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var parts []string
			for _, o := range tc.item.Choices() {
				v := "-"
				if o.Value != nil {
					v = Format(NumberValue(*o.Value))
				}
				parts = append(parts, o.Key+"="+v)
				n, ok := optionValue(&tc.item, o.Key)
				if ok != (o.Value != nil) || ok && n != *o.Value {
					t.Errorf("optionValue(%s): got %v %v, want %v", o.Key, n, ok, o.Value)
				}
			}
			if got := strings.Join(parts, " "); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}
