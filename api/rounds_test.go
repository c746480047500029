package api_test

import (
	"fmt"
	"net/http"
	"testing"
)

func (e *env) roundsPath() string { return "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/rounds" }

func TestARoundIsPlannedDrawnAllocatedAndAdjusted(t *testing.T) {
	e := newEnv(t)
	lead := e.lead()
	e.confirm(lead, e.upload(lead, "ehc_plan", "ehcp_sample_wolverhampton.csv")["id"].(string))
	services := []string{"SENSTART", "Educational Psychology", "Social Care", "Community Paediatrics"}
	auditors := map[string]string{}
	for _, svc := range services {
		id := e.addMember("auditor")
		r := e.do(req{method: "PUT", path: "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/auditors/" + id.String() + "/services",
			as: lead, body: map[string]any{"services": []string{svc}}, header: map[string]string{"If-Match": `"0"`}})
		if r.status != 200 {
			t.Fatalf("set services: %d %s", r.status, r.body)
		}
		auditors[id.String()] = svc
	}

	bad := e.do(req{method: "POST", path: e.roundsPath(), as: lead, body: map[string]any{
		"name": "", "instrument_key": "ehcp_quality_audit", "instrument_version": 1, "term": "winter",
		"academic_year": 2026, "opens_on": "2026-10-31", "due_on": "2026-10-01", "sampling_method": "stratified"}})
	fields := map[string]bool{}
	for _, f := range bad.problem(t, http.StatusUnprocessableEntity).Errors {
		fields[f.Field] = true
	}
	for _, want := range []string{"name", "term", "due_on", "strata_by"} {
		if !fields[want] {
			t.Errorf("the invalid round has no error for %s: %v", want, fields)
		}
	}

	created := e.do(req{method: "POST", path: e.roundsPath(), as: lead, body: map[string]any{
		"name": "Autumn 2026", "instrument_key": "ehcp_quality_audit", "instrument_version": 1,
		"term": "autumn", "academic_year": 2026, "opens_on": "2026-10-01", "due_on": "2026-10-30",
		"sampling_method": "stratified", "strata_by": "key_stage"}})
	if created.status != 201 {
		t.Fatalf("create: %d %s", created.status, created.body)
	}
	rnd := created.json(t)
	path := e.roundsPath() + "/" + rnd["id"].(string)

	drawn := e.do(req{method: "POST", path: path + "/draw", as: lead, body: map[string]any{"seed": 7},
		header: map[string]string{"If-Match": `"1"`}}).json(t)
	if drawn["state"] != "drawn" || drawn["seed"] != 7.0 || drawn["progress"].(map[string]any)["sampled"] != 8.0 {
		t.Fatalf("draw: %v", drawn)
	}
	redrawn := e.do(req{method: "POST", path: path + "/draw", as: lead, body: map[string]any{"seed": 7},
		header: map[string]string{"If-Match": fmt.Sprintf(`"%v"`, drawn["version"])}}).json(t)
	first := e.do(req{method: "GET", path: path + "/allocations", as: lead}).json(t)["items"].([]any)

	alloc := e.do(req{method: "POST", path: path + "/allocations", as: lead, body: map[string]any{},
		header: map[string]string{"If-Match": fmt.Sprintf(`"%v"`, redrawn["version"])}})
	if alloc.status != 200 || alloc.json(t)["allocated"] != 8.0 {
		t.Fatalf("allocate: %d %s", alloc.status, alloc.body)
	}
	allocated := alloc.json(t)["round"].(map[string]any)
	progress, _ := allocated["progress"].(map[string]any)
	if progress == nil || progress["allocated"] != 8.0 ||
		alloc.header.Get("ETag") != fmt.Sprintf(`"%v"`, allocated["version"]) {
		t.Errorf("the allocated round comes with its progress and ETag: %s %v", alloc.body, alloc.header)
	}
	items := e.do(req{method: "GET", path: path + "/allocations", as: lead}).json(t)["items"].([]any)
	loads := map[string]int{}
	for i, it := range items {
		a := it.(map[string]any)
		if a["local_id"] != first[i].(map[string]any)["local_id"] {
			t.Fatal("drawing again with the same seed changed the sample")
		}
		who := a["auditor_id"].(string)
		for _, s := range a["contributing_services"].([]any) {
			if s == auditors[who] {
				t.Fatalf("%s went to an auditor of %s", a["local_id"], s)
			}
		}
		loads[who]++
	}
	for who, n := range loads {
		if n != 2 {
			t.Fatalf("auditor %s has %d audits, want 2 each", who, n)
		}
	}

	target := items[0].(map[string]any)
	var to string
	for id, svc := range auditors {
		conflicted := false
		for _, s := range target["contributing_services"].([]any) {
			conflicted = conflicted || s == svc
		}
		if id != target["auditor_id"] && !conflicted {
			to = id
		}
	}
	move := func(body map[string]any) response {
		return e.do(req{method: "PATCH", path: path + "/allocations/" + target["id"].(string), as: lead,
			body: body, header: map[string]string{"If-Match": `"2"`}})
	}
	move(map[string]any{"auditor_id": to, "reason": " "}).problem(t, http.StatusUnprocessableEntity)
	moved := move(map[string]any{"auditor_id": to, "reason": "on leave in October"})
	if moved.status != 200 || moved.json(t)["auditor_id"] != to || moved.json(t)["reason"] != "on leave in October" {
		t.Fatalf("move: %d %s", moved.status, moved.body)
	}
	move(map[string]any{"auditor_id": to, "reason": "again"}).problem(t, http.StatusPreconditionFailed)

	got := e.do(req{method: "GET", path: path, as: lead}).json(t)
	if got["state"] != "allocated" || got["progress"].(map[string]any)["allocated"] != 8.0 {
		t.Fatalf("round after allocation: %v", got)
	}
	e.do(req{method: "POST", path: path + "/draw", as: lead, body: map[string]any{},
		header: map[string]string{"If-Match": fmt.Sprintf(`"%v"`, got["version"])}}).problem(t, http.StatusConflict)

	reassigned := e.do(req{method: "POST", path: path + "/allocations/reassign", as: lead,
		body: map[string]any{"auditor_id": to, "reason": "left the council"}}).json(t)
	if reassigned["moved"].(float64)+reassigned["unallocated"].(float64) != 3 {
		t.Fatalf("reassign: %v, want the leaver's 3 audits handed on", reassigned)
	}
}
