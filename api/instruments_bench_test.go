package api_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"sendqa/domain/instrument"
)

// BenchmarkInstrumentPreview compares scoring the EPS advice audit's
// answers through the whole stack (router, policy, RLS transaction, loading
// and parsing the stored definition, JSON) with the engine alone.
func BenchmarkInstrumentPreview(b *testing.B) {
	e := newEnvTB(b)
	path := e.instruments() + "/eps_advice_quality/versions/1/preview?mode=submit"
	body := preview(epsAnswers, "2025-06-01")

	b.Run("full_stack", func(b *testing.B) {
		for b.Loop() {
			r := httptest.NewRequest("POST", path, strings.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("X-Test-Person", e.lead().String())
			w := httptest.NewRecorder()
			e.server.ServeHTTP(w, r)
			if w.Code != 200 {
				b.Fatalf("got %d", w.Code)
			}
		}
	})

	b.Run("bare_engine", func(b *testing.B) {
		defs, err := instrument.Library()
		if err != nil {
			b.Fatal(err)
		}
		var def instrument.Definition
		for _, d := range defs {
			if d.Key == "eps_advice_quality" {
				def = d
			}
		}
		asOf, _ := instrument.ParseDate("2025-06-01")
		for b.Loop() {
			answers, err := instrument.DecodeAnswers(def, []byte(epsAnswers))
			if err == nil {
				err = instrument.ValidateAnswers(def, answers, instrument.Submit, asOf.Time())
			}
			if err == nil {
				_, err = instrument.Score(def, answers, asOf.Time())
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}
