package api_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"sendqa/domain"
)

func (e *env) tenantPath(rest string) string { return "/api/v1/t/" + e.fixture.A.Tenant.Slug + rest }

func (e *env) memberPath(id uuid.UUID) string { return e.tenantPath("/members/" + id.String()) }

func ifMatchHeader(v string) map[string]string { return map[string]string{"If-Match": v} }

// memberRoles returns the roles GET /members lists for a person, or nil.
func (e *env) memberRoles(id uuid.UUID) []any {
	e.t.Helper()
	r := e.do(req{method: "GET", path: e.tenantPath("/members"), as: e.lead()})
	if r.status != http.StatusOK {
		e.t.Fatalf("list members: got %d %s", r.status, r.body)
	}
	for _, it := range r.json(e.t)["items"].([]any) {
		m := it.(map[string]any)
		if m["person_id"] == id.String() {
			return m["roles"].([]any)
		}
	}
	return nil
}

// auditCount counts tenant A's audit events about an entity and action.
func (e *env) auditCount(entity, action string) int {
	e.t.Helper()
	var n int
	err := e.db.OpenOwner(e.t).SQL().QueryRow(`SELECT count(*) FROM audit_events
		WHERE tenant_id = $1 AND entity = $2 AND action = $3`,
		e.fixture.A.Tenant.ID, entity, action).Scan(&n)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func TestMemberRolesChangeWithIfMatch(t *testing.T) {
	e := newEnv(t)
	auditor := e.addMember("auditor")
	path := e.memberPath(auditor)

	r := e.do(req{method: "GET", path: path, as: e.lead()})
	if r.status != http.StatusOK || r.header.Get("ETag") != `"1"` {
		t.Fatalf("read: got %d with ETag %q, want 200 and \"1\"", r.status, r.header.Get("ETag"))
	}
	change := map[string]any{"roles": []string{"qa_lead", "auditor"}}
	e.do(req{method: "PATCH", path: path, as: e.lead(), body: change}).
		problem(t, http.StatusPreconditionRequired)
	e.do(req{method: "PATCH", path: path, as: e.lead(), body: change, header: ifMatchHeader(`"7"`)}).
		problem(t, http.StatusPreconditionFailed)
	p := e.do(req{method: "PATCH", path: path, as: e.lead(), header: ifMatchHeader(`"1"`),
		body: map[string]any{"roles": []string{"wizard"}}}).problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "roles[0]" {
		t.Fatalf("got errors %+v, want one on roles[0]", p.Errors)
	}

	r = e.do(req{method: "PATCH", path: path, as: e.lead(), body: change, header: ifMatchHeader(`"1"`)})
	if r.status != http.StatusOK || r.header.Get("ETag") != `"2"` {
		t.Fatalf("change: got %d with ETag %q\n%s", r.status, r.header.Get("ETag"), r.body)
	}
	if got := e.memberRoles(auditor); len(got) != 2 || got[0] != "qa_lead" || got[1] != "auditor" {
		t.Fatalf("members list shows roles %v, want [qa_lead auditor]", got)
	}
	if n := e.auditCount("membership", "update"); n != 1 {
		t.Fatalf("got %d membership updates in the trail, want 1", n)
	}
	// The change reaches the policy once the enforcer reloads, as every
	// replica does on the NOTIFY.
	if err := e.enforcer.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := e.do(req{method: "GET", path: e.tenantPath("/members"), as: auditor}); r.status != http.StatusOK {
		t.Fatalf("as a QA lead now, listing members: got %d", r.status)
	}
}

func TestAdministratorsKeepTheTenantManageable(t *testing.T) {
	e := newEnv(t)
	self := e.memberPath(e.lead())
	demote := map[string]any{"roles": []string{"qa_lead"}}

	e.do(req{method: "PATCH", path: self, as: e.lead(), body: demote, header: ifMatchHeader(`"1"`)}).
		problem(t, http.StatusConflict)
	e.do(req{method: "DELETE", path: self, as: e.lead(), header: ifMatchHeader(`"1"`)}).
		problem(t, http.StatusConflict)

	// With a second administrator, either may demote the other.
	second := e.addMember("tenant_admin")
	r := e.do(req{method: "PATCH", path: self, as: second, body: demote, header: ifMatchHeader(`"1"`)})
	if r.status != http.StatusOK {
		t.Fatalf("second administrator demoting the first: got %d %s", r.status, r.body)
	}

	// Now the second is the last administrator. Only they could act, and
	// the own-role rule stops them; the last-administrator rule also holds
	// for callers outside a request, such as a command.
	owner := e.db.OpenOwner(t)
	err := owner.InScope(context.Background(), e.fixture.A.Scope(), func(ctx context.Context) error {
		_, err := e.tenancy.ChangeMemberRoles(ctx, second, 1, []domain.Role{domain.RoleViewer})
		return err
	})
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("demoting the last administrator: got %v, want a conflict", err)
	}
	err = owner.InScope(context.Background(), e.fixture.A.Scope(), func(ctx context.Context) error {
		return e.tenancy.RemoveMember(ctx, second, 1)
	})
	if !errors.Is(err, domain.ErrConflict) {
		t.Fatalf("removing the last administrator: got %v, want a conflict", err)
	}
	if got := e.memberRoles(second); len(got) != 1 || got[0] != "tenant_admin" {
		t.Fatalf("the last administrator has roles %v", got)
	}
}

func TestRemoveMember(t *testing.T) {
	e := newEnv(t)
	auditor := e.addMember("auditor")
	path := e.memberPath(auditor)

	e.do(req{method: "DELETE", path: path, as: e.lead()}).problem(t, http.StatusPreconditionRequired)
	e.do(req{method: "DELETE", path: path, as: e.lead(), header: ifMatchHeader(`"2"`)}).
		problem(t, http.StatusPreconditionFailed)
	if r := e.do(req{method: "DELETE", path: path, as: e.lead(), header: ifMatchHeader(`"1"`)}); r.status != 204 {
		t.Fatalf("remove: got %d %s", r.status, r.body)
	}
	e.do(req{method: "GET", path: path, as: e.lead()}).problem(t, http.StatusNotFound)
	if roles := e.memberRoles(auditor); roles != nil {
		t.Fatalf("the removed member is still listed with %v", roles)
	}
	if n := e.auditCount("membership", "delete"); n != 1 {
		t.Fatalf("got %d membership removals in the trail, want 1", n)
	}
	if err := e.enforcer.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.do(req{method: "GET", path: e.orgs(), as: auditor}).problem(t, http.StatusNotFound)
}

// Every member route refuses roles without the right with 403, and
// members of another tenant with 404, changing nothing.
func TestMemberRoutesRefuseOthers(t *testing.T) {
	e := newEnv(t)
	target := e.addMember("auditor")
	invitation := uuid.NewString()
	csv := "name,email\nX,x@example.org\n"
	routes := []struct {
		name string
		req  req
		read bool
	}{
		{"list members", req{method: "GET", path: e.tenantPath("/members")}, true},
		{"read member", req{method: "GET", path: e.memberPath(target)}, true},
		{"change roles", req{method: "PATCH", path: e.memberPath(target), header: ifMatchHeader(`"1"`),
			body: map[string]any{"roles": []string{"viewer"}}}, false},
		{"remove member", req{method: "DELETE", path: e.memberPath(target), header: ifMatchHeader(`"1"`)}, false},
		{"list invitations", req{method: "GET", path: e.tenantPath("/invitations")}, true},
		{"invite", req{method: "POST", path: e.tenantPath("/invitations"),
			body: map[string]any{"email": "y@example.org", "name": "Y", "roles": []string{"viewer"}}}, false},
		{"revoke invitation", req{method: "DELETE", path: e.tenantPath("/invitations/" + invitation)}, false},
		{"import invitations", req{method: "POST", path: e.tenantPath("/invitations/imports"), body: csv,
			header: map[string]string{"Content-Type": "text/csv"}}, false},
	}
	qaLead := e.addMember("qa_lead")
	callers := []struct {
		name string
		who  uuid.UUID
	}{
		{"viewer", e.addMember("viewer")},
		{"auditor", e.addMember("auditor")},
		{"qa_lead", qaLead},
		{"another tenant's administrator", e.other()},
	}
	invitations, mail := e.countRows("invitations"), e.countRows("outbound_mail")
	for _, c := range callers {
		for _, r := range routes {
			t.Run(c.name+"/"+r.name, func(t *testing.T) {
				rq := r.req
				rq.as = c.who
				got := e.do(rq)
				switch {
				case c.who == e.other():
					got.problem(t, http.StatusNotFound)
				case c.who == qaLead && r.read:
					if got.status != http.StatusOK {
						t.Fatalf("got %d, want 200\n%s", got.status, got.body)
					}
				default:
					got.problem(t, http.StatusForbidden)
				}
			})
		}
	}
	if got := e.memberRoles(target); len(got) != 1 || got[0] != "auditor" {
		t.Fatalf("the target's roles became %v", got)
	}
	if e.countRows("invitations") != invitations || e.countRows("outbound_mail") != mail {
		t.Fatal("a refused request wrote an invitation or mail")
	}
}
