package api_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"sendqa/domain/demo"
)

// tenThousandRows is a CSV file of 10,000 EHC plans, the sample's 48 rows
// repeated under new local ids.
func tenThousandRows(b *testing.B, prefix string) string {
	b.Helper()
	data, err := demo.File("ehcp_sample_wolverhampton.csv")
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	var sb strings.Builder
	sb.WriteString(lines[0] + "\n")
	for i := range 10_000 {
		row := lines[1+i%(len(lines)-1)]
		_, rest, _ := strings.Cut(row, ",")
		fmt.Fprintf(&sb, "%s%05d,%s\n", prefix, i, rest)
	}
	return sb.String()
}

// BenchmarkSubjectImport uploads 10,000 rows for a preview and confirms
// them, through the whole stack: router, policy, RLS transaction, CSV
// checks, sealing, the batched upsert and the trail. The target is under
// 5 s for both requests.
func BenchmarkSubjectImport(b *testing.B) {
	e := newEnvTB(b)
	path := "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/subjects/imports"
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		body := tenThousandRows(b, fmt.Sprintf("B%02d-", n))
		b.StartTimer()

		r := httptest.NewRequest("POST", path+"?kind=ehc_plan", strings.NewReader(body))
		r.Header.Set("Content-Type", "text/csv")
		r.Header.Set("X-Test-Person", e.lead().String())
		w := httptest.NewRecorder()
		e.server.ServeHTTP(w, r)
		if w.Code != 201 {
			b.Fatalf("preview: got %d %s", w.Code, w.Body.String())
		}
		id := between(w.Body.String(), `"id":"`, `"`)
		r = httptest.NewRequest("POST", path+"/"+id+"/confirm", nil)
		r.Header.Set("X-Test-Person", e.lead().String())
		w = httptest.NewRecorder()
		e.server.ServeHTTP(w, r)
		if w.Code != 200 || !strings.Contains(w.Body.String(), `"new_subjects":10000`) {
			b.Fatalf("confirm: got %d %.300s", w.Code, w.Body.String())
		}
	}
}

func between(s, start, end string) string {
	_, after, _ := strings.Cut(s, start)
	v, _, _ := strings.Cut(after, end)
	return v
}
