package instrument

import (
	"slices"
	"testing"
)

// formDef is a small form with one item of each answerable kind, a
// statutory milestone and a question that applies only from age 14.
func formDef(t testing.TB) Definition {
	t.Helper()
	return mustParse(t, oneSection(`
		{"id": "rating", "kind": "grade", "label": "Grade", "required": true},
		{"id": "flags", "kind": "multi_choice", "label": "Flags",
			"options": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}]},
		{"id": "count", "kind": "number", "label": "Count"},
		{"id": "received", "kind": "date", "label": "Received", "required": true},
		{"id": "note", "kind": "text", "label": "Note"},
		{"id": "story", "kind": "long_text", "label": "Story"},
		{"id": "org", "kind": "organisation", "label": "Organisation"},
		{"id": "files", "kind": "evidence", "label": "Files"},
		{"id": "nhs", "kind": "personal", "personal_kind": "nhs_number", "label": "NHS number"},
		{"id": "dob", "kind": "personal", "personal_kind": "date_of_birth", "label": "Born",
			"required": true},
		{"id": "age", "kind": "computed", "label": "Age",
			"compute": {"func": "age_in_years_at", "from": "dob"}},
		{"id": "adulthood", "kind": "yes_no", "label": "Adulthood", "required": true,
			"applies_when": {"item": "age", "op": "ge", "value": 14}},
		{"id": "decision", "kind": "milestone", "label": "Decision", "milestone": {
			"due": {"from": "received", "offset": 6, "unit": "weeks"}, "statutory": true,
			"legal_reference": "SEND Regulations 2014, reg 5",
			"exceptions": ["away_from_area", "school_closure"]}}`))
}

func TestDecodeAnswersErrorPaths(t *testing.T) {
	def := formDef(t)
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"not an object", `[1]`, []string{"answers"}},
		{"unknown item", `{"colour": "red"}`, []string{"answers.colour"}},
		{"computed item", `{"age": 14}`, []string{"answers.age"}},
		{"grade as a number", `{"rating": 3}`, []string{"answers.rating"}},
		{"multi_choice as text", `{"flags": "a"}`, []string{"answers.flags"}},
		{"number as text", `{"count": "3"}`, []string{"answers.count"}},
		{"date in the wrong form", `{"received": "01/02/2025"}`, []string{"answers.received"}},
		{"date that does not exist", `{"received": "2025-02-30"}`, []string{"answers.received"}},
		{"text as a number", `{"note": 1}`, []string{"answers.note"}},
		{"milestone as a date", `{"decision": "2025-01-01"}`, []string{"answers.decision"}},
		{"milestone with an unknown field", `{"decision": {"when": "2025-01-01"}}`,
			[]string{"answers.decision.when"}},
		{"milestone with a bad actual date", `{"decision": {"actual": "2025-13-01"}}`,
			[]string{"answers.decision.actual"}},
		{"exception without a kind", `{"decision": {"exception": {"from": "2025-01-01"}}}`,
			[]string{"answers.decision.exception.kind"}},
		{"exception with a bad date", `{"decision": {"exception": {"kind": "away_from_area", "to": "soon"}}}`,
			[]string{"answers.decision.exception.to"}},
		{"evidence files as text", `{"files": {"files": "a.pdf"}}`, []string{"answers.files.files"}},
		{"several at once, in id order", `{"note": 1, "count": "x"}`,
			[]string{"answers.count", "answers.note"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeAnswers(def, []byte(tc.src))
			if got := fieldNames(err); !slices.Equal(got, tc.want) {
				t.Errorf("got fields %q, want %q (%v)", got, tc.want, fieldsOf(err))
			}
		})
	}
}

func TestDecodeAnswersNullClears(t *testing.T) {
	def := formDef(t)
	a := mustAnswers(t, def, `{"note": null, "count": 2}`)
	if _, ok := a["note"]; ok {
		t.Errorf("got an answer for note, want none")
	}
	if got := a["count"]; got != NumberValue(2) {
		t.Errorf("count: got %v, want 2", got)
	}
}

func TestValidateAnswers(t *testing.T) {
	def := formDef(t)
	const complete = `"rating": "good", "received": "2025-01-06", "dob": "2015-05-01"`
	tests := []struct {
		name string
		mode Mode
		src  string
		asOf string
		want []string
	}{
		{"draft accepts a partial form", Draft, `{"count": 2}`, "2025-09-01", nil},
		{"submit needs required items", Submit, `{"count": 2}`, "2025-09-01",
			[]string{"answers.rating", "answers.received", "answers.dob"}},
		{"submit of a complete form", Submit, `{` + complete + `, "decision": {"actual": "2025-02-17"}}`,
			"2025-09-01", nil},
		{"unknown option", Draft, `{"rating": "superb"}`, "2025-09-01", []string{"answers.rating"}},
		{"unknown key in a multi_choice", Draft, `{"flags": ["a", "c"]}`, "2025-09-01",
			[]string{"answers.flags[1]"}},
		{"the same key twice", Draft, `{"flags": ["a", "a"]}`, "2025-09-01", []string{"answers.flags[1]"}},
		{"invalid NHS number", Draft, `{"nhs": "9434765918"}`, "2025-09-01", []string{"answers.nhs"}},
		{"valid NHS number", Draft, `{"nhs": "943 476 5919"}`, "2025-09-01", nil},
		{"blank evidence file id", Draft, `{"files": {"files": ["a", " "]}}`, "2025-09-01",
			[]string{"answers.files.files[1]"}},
		{"blank option key", Draft, `{"rating": ""}`, "2025-09-01", []string{"answers.rating"}},
		{"blank optional text is accepted", Submit,
			`{"rating": "good", "received": "2025-01-06", "dob": "2015-05-01", "note": " "}`,
			"2025-02-01", nil},
		{"late milestone needs a reason", Submit, `{` + complete + `, "decision": {"actual": "2025-02-18"}}`,
			"2025-09-01", []string{"answers.decision.reason"}},
		{"late milestone with a reason", Submit,
			`{` + complete + `, "decision": {"actual": "2025-02-18", "reason": "Advice was late"}}`,
			"2025-09-01", nil},
		{"missing milestone needs a reason", Submit, `{` + complete + `, "decision": {}}`,
			"2025-09-01", []string{"answers.decision.reason"}},
		{"milestone not yet due needs nothing", Submit, `{` + complete + `}`, "2025-02-17", nil},
		{"exception the milestone does not allow", Draft,
			`{"decision": {"exception": {"kind": "missed_appointment", "from": "2025-01-01", "to": "2025-03-01"}}}`,
			"2025-09-01", []string{"answers.decision.exception.kind"}},
		{"exception without dates", Draft,
			`{"decision": {"exception": {"kind": "away_from_area"}}}`,
			"2025-09-01", []string{"answers.decision.exception.from"}},
		{"exception ending before it starts", Draft,
			`{"decision": {"exception": {"kind": "away_from_area", "from": "2025-03-01", "to": "2025-01-01"}}}`,
			"2025-09-01", []string{"answers.decision.exception.to"}},
		{"absence shorter than four weeks", Draft,
			`{"decision": {"exception": {"kind": "away_from_area", "from": "2025-03-01", "to": "2025-03-28"}}}`,
			"2025-09-01", []string{"answers.decision.exception.to"}},
		{"excused late milestone needs no reason", Submit, `{` + complete + `, "decision": {"actual": "2025-03-20",
			"exception": {"kind": "away_from_area", "from": "2025-01-10", "to": "2025-02-28"}}}`,
			"2025-09-01", nil},
		{"item for 14 and over, at 14", Submit, `{` + complete + `, "dob": "2011-09-01", "decision": {}}`,
			"2025-09-01", []string{"answers.adulthood", "answers.decision.reason"}},
		{"item for 14 and over, at 13", Submit,
			`{` + complete + `, "dob": "2011-09-02", "adulthood": "yes", "decision": {"actual": "2025-02-01"}}`,
			"2025-09-01", []string{"answers.adulthood"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			answers := mustAnswers(t, def, tc.src)
			err := ValidateAnswers(def, answers, tc.mode, on(t, tc.asOf))
			if got := fieldNames(err); !slices.Equal(got, tc.want) {
				t.Errorf("got fields %q, want %q (%v)", got, tc.want, fieldsOf(err))
			}
		})
	}
}

func TestValidateAnswersRefusesWrongGoTypes(t *testing.T) {
	def := formDef(t)
	answers := Answers{
		"rating":   NumberValue(3),
		"flags":    Choice("a"),
		"count":    TextValue("3"),
		"received": TextValue("2025-01-01"),
		"note":     Choices{"a"},
		"decision": DateValue(mustDate(t, "2025-01-01")),
		"files":    TextValue("a.pdf"),
		"dob":      TextValue("2015-01-01"),
	}
	err := ValidateAnswers(def, answers, Draft, on(t, "2025-09-01"))
	want := []string{"answers.count", "answers.decision", "answers.dob", "answers.files",
		"answers.flags", "answers.note", "answers.rating", "answers.received"}
	if got := fieldNames(err); !slices.Equal(got, want) {
		t.Errorf("got fields %q, want %q", got, want)
	}
}

func TestMarshalAnswersRoundTrip(t *testing.T) {
	def := formDef(t)
	src := `{"rating": "good", "flags": ["b", "a"], "count": 2.5, "received": "2025-01-06",
		"note": "n", "story": "s", "org": "org-1", "files": {"files": ["f1"], "note": "x"},
		"nhs": "9434765919", "dob": "2015-05-01",
		"decision": {"actual": "2025-03-01", "reason": "late",
			"exception": {"kind": "away_from_area", "from": "2025-01-10", "to": "2025-02-28"}}}`
	first := mustAnswers(t, def, src)
	data, err := MarshalAnswers(first)
	if err != nil {
		t.Fatalf("MarshalAnswers: %v", err)
	}
	second := mustAnswers(t, def, string(data))
	for id, v := range first {
		if Format(second[id]) != Format(v) {
			t.Errorf("%s: got %v, want %v", id, second[id], v)
		}
	}
	if len(first) != len(second) {
		t.Errorf("got %d answers, want %d", len(second), len(first))
	}
}

func TestPersonalItemsAreFlaggedAndCanBeRemoved(t *testing.T) {
	def := mustLibrary(t)["ehcna_file_audit"]
	want := []string{"child_name", "local_id", "date_of_birth"}
	if got := def.PersonalItems(); !slices.Equal(got, want) {
		t.Errorf("PersonalItems: got %v, want %v", got, want)
	}

	answers := mustAnswers(t, def, `{"child_name": "A Child", "local_id": "WV-1",
		"date_of_birth": "2016-04-02", "nc_year": 4}`)
	got := WithoutPersonal(def, answers)
	if len(got) != 1 || got["nc_year"] != NumberValue(4) {
		t.Errorf("WithoutPersonal: got %v, want only nc_year", got)
	}
	if len(answers) != 4 {
		t.Errorf("WithoutPersonal changed its input: %v", answers)
	}
}
