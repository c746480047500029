package instrument

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"sendqa/domain"
)

// mustParse parses a definition written as JSON in a test.
func mustParse(t testing.TB, src string) Definition {
	t.Helper()
	def, err := ParseDefinition([]byte(src))
	if err != nil {
		t.Fatalf("ParseDefinition: %v (%v)", err, fieldsOf(err))
	}
	return def
}

// wrapItems builds a one-section definition around item JSON objects.
func wrapItems(t testing.TB, items json.RawMessage) Definition {
	t.Helper()
	var list []json.RawMessage
	if err := json.Unmarshal(items, &list); err != nil {
		t.Fatalf("items: %v", err)
	}
	src := `{"key": "vector", "version": 1, "title": "Vector", "subject": "theme",
		"completed_by": ["auditor"], "scoring": {"rule_version": "v1",
		"overall": {"method": "none"}}, "sections": [{"id": "s", "title": "S",
		"items": ` + string(items) + `}]}`
	return mustParse(t, src)
}

// mustAnswers decodes answers written as JSON in a test.
func mustAnswers(t testing.TB, def Definition, src string) Answers {
	t.Helper()
	a, err := DecodeAnswers(def, []byte(src))
	if err != nil {
		t.Fatalf("DecodeAnswers: %v (%v)", err, fieldsOf(err))
	}
	return a
}

// mustDate parses a date written in a test.
func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

// on returns midnight UTC on a date written YYYY-MM-DD.
func on(t testing.TB, s string) time.Time {
	t.Helper()
	return mustDate(t, s).Time()
}

// fieldsOf lists the field errors of a domain error as "field: message".
func fieldsOf(err error) []string {
	var de *domain.Error
	if !errors.As(err, &de) {
		return nil
	}
	var out []string
	for _, f := range de.Fields {
		out = append(out, f.Field+": "+f.Message)
	}
	return out
}

// fieldNames lists just the fields of a domain error's field errors.
func fieldNames(err error) []string {
	var de *domain.Error
	if !errors.As(err, &de) {
		return nil
	}
	var out []string
	for _, f := range de.Fields {
		out = append(out, f.Field)
	}
	return out
}

func readJSON(t testing.TB, path string, into any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
