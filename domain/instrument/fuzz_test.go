package instrument

import (
	"reflect"
	"testing"
	"time"
)

// Seed corpora live in testdata/fuzz. The seeds here are small on purpose:
// when the fuzzer finds a new input it spends up to a minute shrinking it,
// and shrinking a whole library file stalls a 30-second run.

// fuzzSeedDefinition touches every part of the format in a few lines.
const fuzzSeedDefinition = `{"key": "k", "version": 1, "title": "T", "subject": "ehcna_case",
	"completed_by": ["qa_lead"], "follow_up": {"poor_labels": ["late"], "action": "improvement_plan"},
	"scoring": {"rule_version": "v1", "sections": {"method": "mean",
		"thresholds": [{"min": 1, "label": "ok"}, {"min": 0, "label": "late"}]},
		"overall": {"method": "milestone_compliance", "statutory_only": true}},
	"sections": [{"id": "s", "title": "S", "items": [
		{"id": "dob", "kind": "personal", "personal_kind": "date_of_birth", "label": "Born"},
		{"id": "age", "kind": "computed", "label": "Age",
			"compute": {"func": "age_in_years_at", "from": "dob"}},
		{"id": "got", "kind": "date", "label": "Received", "required": true},
		{"id": "y", "kind": "number", "label": "Year"},
		{"id": "m", "kind": "milestone", "label": "M", "milestone": {
			"due": {"from": "got", "offset": 6, "unit": "weeks"},
			"cap": {"month": 2, "day": 15, "year_from": "y"}, "statutory": true,
			"legal_reference": "reg 5", "exceptions": ["away_from_area"]}},
		{"id": "g", "kind": "yes_no", "label": "G", "allow_partial": true,
			"applies_when": {"all": [{"item": "age", "op": "ge", "value": 14},
				{"not": {"item": "c", "op": "in", "value": ["a"]}}]}},
		{"id": "c", "kind": "multi_choice", "label": "C", "options": [
			{"key": "a", "label": "A", "value": 1}, {"key": "b", "label": "B"}]}]}]}`

func FuzzParseDefinition(f *testing.F) {
	f.Add([]byte(fuzzSeedDefinition))
	f.Add([]byte(`{"key": "k", "version": 1, "title": "T", "subject": "provider",
		"completed_by": ["provider"], "scoring": {"rule_version": "v1", "overall": {
		"method": "count", "clauses": [{"count": "red", "at_least": 1, "label": "red"},
		{"label": "amber"}]}}, "sections": [{"id": "s", "title": "S", "items": [
		{"id": "r", "kind": "rag", "label": "R", "descriptors": {"red": "bad"}}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		def, err := ParseDefinition(data)
		if err != nil {
			return
		}
		// Whatever parses must export and import to the same definition,
		// and score an empty response without failing.
		out, err := MarshalDefinition(def)
		if err != nil {
			t.Fatalf("MarshalDefinition of a parsed definition: %v", err)
		}
		back, err := ParseDefinition(out)
		if err != nil {
			t.Fatalf("ParseDefinition of an export: %v", fieldsOf(err))
		}
		if !reflect.DeepEqual(back, def) {
			t.Fatalf("export and import changed the definition")
		}
		if _, err := Score(def, Answers{}, time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatalf("Score of no answers: %v", err)
		}
		_ = Applicable(def, Answers{}, time.Now())
	})
}

func FuzzValidateAnswers(f *testing.F) {
	f.Add([]byte(`{"rating": "good", "received": "2025-01-06", "dob": "2011-09-01"}`), int64(0))
	f.Add([]byte(`{"decision": {"actual": "2025-03-01", "exception": {"kind": "away_from_area",
		"from": "2025-01-01", "to": "2025-02-01"}}}`), int64(400))
	f.Add([]byte(`{"flags": ["a", "a", "b"], "files": {"files": ["", "x"]}, "count": 1e308}`), int64(-1))
	f.Add([]byte(`{"nhs": "943 476 5919", "note": null}`), int64(99999))

	def := formDef(f)
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte, days int64) {
		asOf := base.AddDate(0, 0, int(days%100000))
		answers, err := DecodeAnswers(def, data)
		if err != nil {
			return
		}
		draft := ValidateAnswers(def, answers, Draft, asOf)
		_ = ValidateAnswers(def, answers, Submit, asOf)
		_, scoreErr := Score(def, answers, asOf)
		// Score refuses exactly the answers a draft check refuses.
		if (draft == nil) != (scoreErr == nil) {
			t.Fatalf("draft check %v but Score %v", draft, scoreErr)
		}
	})
}
