package api_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestErrorsAreProblems(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name   string
		req    req
		status int
		field  string
	}{
		{"unknown API path", req{method: "GET", path: "/api/v1/nothing-here"}, 404, ""},
		{"not signed in", req{method: "GET", path: e.orgs()}, 401, ""},
		{"tenant the caller does not belong to",
			req{method: "GET", path: e.orgs(), as: e.other()}, 404, ""},
		{"tenant that does not exist",
			req{method: "GET", path: "/api/v1/t/atlantis/organisations", as: e.lead()}, 404, ""},
		{"malformed JSON", req{method: "POST", path: e.orgs(), as: e.lead(), body: `{"kind":`}, 400, ""},
		{"unknown field", req{method: "POST", path: e.orgs(), as: e.lead(),
			body: `{"kind":"service","name":"X","colour":"red"}`}, 400, "colour"},
		{"wrong type", req{method: "POST", path: e.orgs(), as: e.lead(),
			body: `{"kind":"service","name":7}`}, 400, "name"},
		{"invalid field", req{method: "POST", path: e.orgs(), as: e.lead(),
			body: map[string]any{"kind": "castle", "name": "X"}}, 422, "kind"},
		{"bad limit", req{method: "GET", path: e.orgs() + "?limit=500", as: e.lead()}, 422, "limit"},
		{"forged cursor", req{method: "GET", path: e.orgs() + "?cursor=bm9wZQ", as: e.lead()}, 422, "cursor"},
		{"platform route as a tenant member",
			req{method: "GET", path: "/api/v1/admin/tenants", as: e.lead()}, 403, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := e.do(c.req).problem(t, c.status)
			if c.field == "" {
				return
			}
			for _, f := range p.Errors {
				if f.Field == c.field && f.Message != "" {
					return
				}
			}
			t.Fatalf("got errors %+v, want one for field %q", p.Errors, c.field)
		})
	}
}

func TestNoDriverTextReachesClients(t *testing.T) {
	e := newEnv(t)
	body := map[string]any{"kind": "school", "name": "Another", "urn": "100001"}
	r := e.do(req{method: "POST", path: e.orgs(), as: e.lead(), body: body})
	p := r.problem(t, http.StatusConflict)
	for _, leak := range []string{"SQLSTATE", "duplicate key", "organisations_urn_key", "pq:", "ERROR"} {
		if strings.Contains(string(r.body), leak) {
			t.Fatalf("problem %q reveals %q", p.Detail, leak)
		}
	}
}

func TestUnsupportedContentType(t *testing.T) {
	e := newEnv(t)
	r := e.do(req{method: "POST", path: e.orgs(), as: e.lead(), body: `kind=service`,
		header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}})
	r.problem(t, http.StatusUnsupportedMediaType)
}

func TestOversizedBodyIsRefusedBeforeItIsRead(t *testing.T) {
	e := newEnv(t)
	big := `{"kind":"service","name":"` + strings.Repeat("x", 2<<20) + `"}`
	r := e.do(req{method: "POST", path: e.orgs(), as: e.lead(), body: big})
	r.problem(t, http.StatusRequestEntityTooLarge)
	if n := e.countRows("organisations"); n != 2 {
		t.Fatalf("got %d organisations, want the fixture's 2", n)
	}
}

func TestCSRFHeaderIsRequiredForBrowserSessions(t *testing.T) {
	e := newEnv(t)
	body := map[string]any{"kind": "service", "name": "Speech and Language Therapy"}
	r := e.do(req{method: "POST", path: e.orgs(), as: e.lead(), body: body,
		header: map[string]string{"X-Test-Cookie": "1"}})
	r.problem(t, http.StatusForbidden)

	r = e.do(req{method: "POST", path: e.orgs(), as: e.lead(), body: body,
		header: map[string]string{"X-Test-Cookie": "1", "X-Requested-With": "sendqa"}})
	if r.status != http.StatusCreated {
		t.Fatalf("with the header: got %d, want 201\n%s", r.status, r.body)
	}
}

func TestPathTricksNeverReachAHandler(t *testing.T) {
	e := newEnv(t)
	slug := e.fixture.A.Tenant.Slug
	for _, path := range []string{
		"/api/v1/t/" + slug + "//organisations",
		"/api/v1/t/" + slug + "/./organisations",
		"/api/v1/t/" + slug + "/x/../organisations",
		"/api/v1/t/" + slug + "%2Forganisations",
		"/api/v1/t/" + slug + "/organisations/",
		"/api/v1/t/" + strings.ToUpper(slug) + "/organisations",
		"/API/v1/t/" + slug + "/organisations",
		"/api/v1/t/" + slug + "/%6frganisations",
	} {
		t.Run(path, func(t *testing.T) {
			r := e.do(req{method: "GET", path: path, as: e.lead()})
			if r.status != http.StatusNotFound {
				t.Fatalf("got %d, want 404\n%s", r.status, r.body)
			}
		})
	}
}

func TestHealth(t *testing.T) {
	e := newEnv(t)
	if r := e.do(req{method: "GET", path: "/healthz"}); r.status != 200 {
		t.Fatalf("healthz: got %d", r.status)
	}
	if r := e.do(req{method: "GET", path: "/readyz"}); r.status != 200 {
		t.Fatalf("readyz: got %d", r.status)
	}
	e.server.Drain()
	e.do(req{method: "GET", path: "/readyz"}).problem(t, http.StatusServiceUnavailable)
}
