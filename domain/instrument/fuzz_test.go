package instrument

import (
	"reflect"
	"testing"
	"time"
)

// Seed corpora live in testdata/fuzz; these targets add the library so the
// fuzzer starts from realistic definitions.

func FuzzParseDefinition(f *testing.F) {
	names := []string{"library/02_ehcna_file_audit.json", "library/07_hy5_site_visit.json"}
	for _, name := range names {
		data, err := libraryFiles.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
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
