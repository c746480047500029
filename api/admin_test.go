package api_test

import (
	"net/http"
	"testing"
)

func TestPlatformAdminManagesTenants(t *testing.T) {
	e := newEnv(t)
	r := e.do(req{method: "POST", path: "/api/v1/admin/tenants", as: e.platform,
		body: map[string]any{"slug": "dudley", "name": "Dudley Metropolitan Borough Council", "region": "test-region"}})
	if r.status != http.StatusCreated || r.json(t)["region"] != "test-region" {
		t.Fatalf("create tenant: got %d %s", r.status, r.body)
	}
	e.do(req{method: "POST", path: "/api/v1/admin/tenants", as: e.platform,
		body: map[string]any{"slug": "dudley", "name": "Again"}}).problem(t, http.StatusConflict)
	p := e.do(req{method: "POST", path: "/api/v1/admin/tenants", as: e.platform,
		body: map[string]any{"slug": "Not A Slug", "name": "", "region": "nowhere"}}).problem(t, 422)
	if len(p.Errors) != 2 {
		t.Fatalf("got errors %+v, want slug and name", p.Errors)
	}
	list := e.do(req{method: "GET", path: "/api/v1/admin/tenants", as: e.platform}).json(t)
	if n := len(list["items"].([]any)); n != 3 {
		t.Fatalf("got %d tenants, want 3", n)
	}
	r = e.do(req{method: "POST", path: "/api/v1/admin/regions", as: e.platform,
		body: map[string]any{"slug": "greater-manchester", "name": "Greater Manchester"}})
	if r.status != http.StatusCreated {
		t.Fatalf("create region: got %d %s", r.status, r.body)
	}

	// Platform operators read no tenant's records by default.
	e.do(req{method: "GET", path: e.orgs(), as: e.platform}).problem(t, http.StatusNotFound)
}
