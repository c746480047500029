package api_test

import (
	"net/http"
	"testing"
)

// shownCounts walks a body and returns every count shown in it.
func shownCounts(v any) []float64 {
	var out []float64
	switch x := v.(type) {
	case map[string]any:
		if n, ok := x["value"].(float64); ok {
			if _, isCount := x["suppressed"]; isCount {
				out = append(out, n)
			}
		}
		for k, y := range x {
			if k != "plain" {
				out = append(out, shownCounts(y)...)
			}
		}
	case []any:
		for _, y := range x {
			out = append(out, shownCounts(y)...)
		}
	}
	return out
}

// The QA lead's dashboard counts the period's results and shows no
// count about children under five, nor one that a total gives away.
func TestDashboardsWithholdSmallCounts(t *testing.T) {
	e := newEnv(t)
	first := e.addMember("auditor")
	e.submittedRound("Good plans", 7, first, "good", "Clear outcomes")
	e.submittedRound("Poor plans", 2, first, "inadequate", "No outcomes")
	r := e.do(req{method: "GET", path: e.tenantPath("/dashboards/programme"), as: e.lead()})
	if r.status != http.StatusOK {
		t.Fatalf("programme dashboard: %d %s", r.status, r.body)
	}
	body := r.json(t)
	for _, n := range shownCounts(body) {
		if n < 5 {
			t.Errorf("a count of %v is shown: %s", n, r.body)
		}
	}
	grades := body["breakdowns"].([]any)[0].(map[string]any)
	if total := grades["total"].(map[string]any)["value"]; total != float64(9+1) && total != float64(9) {
		t.Errorf("audits by result: total %v, want the nine submitted (and the fixture's)", total)
	}
	for _, p := range grades["parts"].([]any) {
		part := p.(map[string]any)
		if part["label"] == "good" && part["count"].(map[string]any)["value"] != nil {
			t.Errorf("the seven good results are shown although the rest is only two: %v", part)
		}
	}
	viewer := e.addMember("viewer")
	if r := e.do(req{method: "GET", path: e.tenantPath("/dashboards/board"), as: viewer}); r.status != 200 {
		t.Errorf("the board's dashboard as a viewer: %d %s", r.status, r.body)
	}
	if r := e.do(req{method: "GET", path: e.tenantPath("/dashboards/programme"), as: viewer}); r.status != 403 {
		t.Errorf("the programme dashboard as a viewer: %d, want 403", r.status)
	}
	if r := e.do(req{method: "GET", path: e.tenantPath("/dashboards/programme?from=2026-13-01"),
		as: e.lead()}); r.status != 422 {
		t.Errorf("a period that is no date: %d, want 422", r.status)
	}
}

// A regional benchmark shows each consenting area beside the region,
// withholds an area below the threshold, is refused to anyone without an
// area in the region, and drops an area that withdraws its consent.
func TestARegionalBenchmarkWithholdsASmallAreaAndHonoursConsent(t *testing.T) {
	e := newEnv(t)
	first := e.addMember("auditor")
	e.submittedRound("Plans", 12, first, "good", "Clear outcomes")
	path := "/api/v1/regions/" + e.fixture.Region.Slug + "/benchmarks?instrument=ehcp_quality_audit"
	r := e.do(req{method: "GET", path: path, as: e.lead()})
	if r.status != http.StatusOK {
		t.Fatalf("benchmark: %d %s", r.status, r.body)
	}
	body := r.json(t)
	areas := body["areas"].([]any)
	if len(areas) != 2 {
		t.Fatalf("got %d areas, want both consenting areas: %s", len(areas), r.body)
	}
	// B has no results: its row is withheld, and so is A's, which would
	// otherwise give B's away from the region's total.
	for _, a := range areas {
		row := a.(map[string]any)
		if total := row["total"].(map[string]any); total["value"] != nil {
			t.Errorf("%s's total is shown beside a withheld one: %v", row["slug"], total["value"])
		}
	}
	if total := body["overall"].(map[string]any)["total"].(map[string]any); total["value"] != float64(12) {
		t.Errorf("the region's total: %v, want 12", total)
	}
	for _, n := range shownCounts(body) {
		if n < 5 {
			t.Errorf("a count of %v is shown", n)
		}
	}
	if r := e.do(req{method: "GET", path: path, as: first}); r.status != http.StatusNotFound {
		t.Errorf("an auditor, whose role reads no benchmarks: %d, want 404", r.status)
	}
	if r := e.do(req{method: "GET", path: "/api/v1/regions/nowhere/benchmarks?instrument=x",
		as: e.lead()}); r.status != http.StatusNotFound {
		t.Errorf("an unknown region: %d, want 404", r.status)
	}
	if r := e.do(req{method: "DELETE", path: "/api/v1/t/" + e.fixture.B.Tenant.Slug + "/benchmark-consent",
		as: e.other()}); r.status != http.StatusOK || r.json(t)["consents"] != false {
		t.Fatalf("B withdraws: %d %s", r.status, r.body)
	}
	after := e.do(req{method: "GET", path: path, as: e.lead()}).json(t)
	rows := after["areas"].([]any)
	if len(rows) != 1 {
		t.Fatalf("after B withdrew: %d areas, want 1", len(rows))
	}
	if v := rows[0].(map[string]any)["total"].(map[string]any)["value"]; v != float64(12) {
		t.Errorf("A alone: total %v, want its 12 shown", v)
	}
}
