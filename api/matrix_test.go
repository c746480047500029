package api_test

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"sendqa/api"
	"sendqa/domain"
)

// Echo routes outside the route table, with the reason each needs no
// classification.
var unclassified = map[string]string{
	"GET /metrics":    "operational metrics, no tenant data",
	"GET /api/docs":   "Swagger UI page",
	"GET /api/docs/*": "Swagger UI files",
	"/api/*":          "problem+json 404 for unknown API paths",
	"GET /*":          "the single-page app's files",
}

var pathParam = regexp.MustCompile(`:([a-z_]+)`)

// Test 7: every route, called as every tenant role without the right and
// as a member of another tenant, is refused and changes nothing; every
// route Echo serves is classified.
func TestRouteMatrix(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	table := map[string]api.Route{}
	for _, r := range e.server.Routes() {
		table[r.Method+" "+r.Path] = r
	}
	for _, r := range e.server.Echo().Routes() {
		key := r.Method + " " + r.Path
		_, classified := table[key]
		_, exempt := unclassified[key]
		if !classified && !exempt && unclassified[r.Path] == "" {
			t.Errorf("route %s is served but has no access class in the route table", key)
		}
	}

	members := map[domain.Role]uuid.UUID{}
	for _, role := range domain.Roles {
		members[role] = e.addMember(string(role))
	}
	before := e.fingerprint(ctx)

	var allowed []func()
	for _, r := range e.server.Routes() {
		path := fillParams(r.Path, e.fixture.A.Tenant.Slug)
		call := func(as uuid.UUID) response {
			var body any
			if r.Method != "GET" && r.Method != "DELETE" {
				body = map[string]any{}
			}
			return e.do(req{method: r.Method, path: path, as: as, body: body,
				header: map[string]string{"If-Match": `"1"`, "X-Requested-With": "sendqa"}})
		}
		switch r.Access.Kind {
		case api.Tenant:
			if got := call(e.other()).status; got != http.StatusNotFound {
				t.Errorf("%s %s as another tenant's admin: got %d, want 404", r.Method, r.Path, got)
			}
			if got := call(e.platform).status; got != http.StatusNotFound {
				t.Errorf("%s %s as a platform operator: got %d, want 404", r.Method, r.Path, got)
			}
			for role, id := range members {
				perms, err := e.enforcer.RolePermissions(string(role))
				if err != nil {
					t.Fatal(err)
				}
				if slices.Contains(perms, r.Access.Object+":"+r.Access.Action) {
					allowed = append(allowed, func() {
						if got := call(id).status; got == http.StatusForbidden || got == http.StatusNotFound && r.Method == "GET" && !strings.Contains(r.Path, ":") {
							t.Errorf("%s %s as %s, which the policy allows: got %d", r.Method, r.Path, role, got)
						}
					})
					continue
				}
				if got := call(id).status; got != http.StatusForbidden {
					t.Errorf("%s %s as %s: got %d, want 403", r.Method, r.Path, role, got)
				}
			}
		case api.Platform:
			for role, id := range members {
				if got := call(id).status; got != http.StatusForbidden {
					t.Errorf("%s %s as %s: got %d, want 403", r.Method, r.Path, role, got)
				}
			}
		}
		if r.Access.Kind != api.Public && r.Access.Kind != api.Auth {
			if got := call(uuid.Nil).status; got != http.StatusUnauthorized {
				t.Errorf("%s %s signed out: got %d, want 401", r.Method, r.Path, got)
			}
		}
	}
	if after := e.fingerprint(ctx); after != before {
		t.Errorf("refused requests changed the database:\n before %s\n after  %s", before, after)
	}
	for _, f := range allowed {
		f()
	}
}

func fillParams(path, tenant string) string {
	return pathParam.ReplaceAllStringFunc(path, func(p string) string {
		switch p {
		case ":tenant", ":slug":
			return tenant
		case ":token":
			return "sqi_not-a-real-token"
		}
		return uuid.NewString()
	})
}

// fingerprint digests every row of every table, as the owner, except the
// counters that any request may touch.
func (e *env) fingerprint(ctx context.Context) string {
	e.t.Helper()
	owner := e.db.OpenOwner(e.t)
	rows, err := owner.SQL().QueryContext(ctx, `SELECT relname FROM pg_class
		WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
		  AND relname NOT IN ('goose_db_version', 'rate_limits') ORDER BY relname`)
	if err != nil {
		e.t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			e.t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	var b strings.Builder
	for _, tbl := range tables {
		var digest string
		q := fmt.Sprintf(`SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '')
			FROM %s t`, tbl)
		if err := owner.SQL().QueryRowContext(ctx, q).Scan(&digest); err != nil {
			e.t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%s ", tbl, digest)
	}
	return b.String()
}
