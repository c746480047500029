package instrument

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// benchDefinition builds a definition of n items in sections of ten: a
// date anchor, a milestone, a conditional yes_no, and grades, so that a
// benchmark pays for conditions, milestones and values alike.
func benchDefinition(tb testing.TB, n int) (Definition, Answers) {
	tb.Helper()
	var sections []string
	answers := []string{`"start": "2025-01-06"`}
	items := []string{`{"id": "start", "kind": "date", "label": "Start"}`}
	for i := 1; i < n; i++ {
		id := fmt.Sprintf("item_%d", i)
		switch i % 10 {
		case 1:
			items = append(items, fmt.Sprintf(`{"id": "%s", "kind": "milestone", "label": "M",
				"milestone": {"due": {"from": "start", "offset": %d, "unit": "weeks"},
				"statutory": true, "legal_reference": "reg 13(2)"}}`, id, i%20))
			answers = append(answers, fmt.Sprintf(`"%s": {"actual": "2025-03-01", "reason": "r"}`, id))
		case 2:
			items = append(items, fmt.Sprintf(`{"id": "%s", "kind": "yes_no", "label": "Y",
				"allow_partial": true, "applies_when": {"all": [{"item": "start", "op": "answered"},
				{"not": {"item": "item_%d", "op": "eq", "value": "inadequate"}}]}}`, id, i+1))
			answers = append(answers, fmt.Sprintf(`"%s": "partial"`, id))
		default:
			items = append(items, fmt.Sprintf(`{"id": "%s", "kind": "grade", "label": "G"}`, id))
			answers = append(answers, fmt.Sprintf(`"%s": "good"`, id))
		}
		if len(items) == 10 || i == n-1 {
			sections = append(sections, fmt.Sprintf(`{"id": "s%d", "title": "S", "items": [%s]}`,
				len(sections), strings.Join(items, ",")))
			items = nil
		}
	}
	src := `{"key": "bench", "version": 1, "title": "Bench", "subject": "theme",
		"completed_by": ["auditor"], "scoring": {"rule_version": "b1",
		"sections": {"method": "mean", "thresholds": [{"min": 2.5, "label": "good"},
			{"min": 0, "label": "poor"}]},
		"overall": {"method": "mean", "over": "sections",
			"thresholds": [{"min": 2.5, "label": "good"}, {"min": 0, "label": "poor"}]}},
		"sections": [` + strings.Join(sections, ",") + `]}`
	def := mustParse(tb, src)
	return def, mustAnswers(tb, def, "{"+strings.Join(answers, ",")+"}")
}

func BenchmarkScore50Items(b *testing.B) {
	def, answers := benchDefinition(b, 50)
	asOf := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	if r, err := Score(def, answers, asOf); err != nil || !r.Overall.Scored {
		b.Fatalf("Score: %+v %v", r.Overall, err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Score(def, answers, asOf); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateDefinition500Items(b *testing.B) {
	def, _ := benchDefinition(b, 500)
	if n := len(indexItems(&def)); n != 500 {
		b.Fatalf("got %d items, want 500", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := ValidateDefinition(def); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDefinition500Items(b *testing.B) {
	def, _ := benchDefinition(b, 500)
	data, err := MarshalDefinition(def)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseDefinition(data); err != nil {
			b.Fatal(err)
		}
	}
}
