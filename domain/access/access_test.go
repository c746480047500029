package access_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/uuid"

	"sendqa/domain/access"
	"sendqa/domain/store/storetest"
)

// Test 8: an administrator of tenant A is denied every object and action
// in tenant B, while holding them in A.
func TestAdminOfOneTenantIsDeniedEverythingInAnother(t *testing.T) {
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	adapter, err := db.PolicyAdapter()
	if err != nil {
		t.Fatal(err)
	}
	e, err := access.NewEnforcer(context.Background(), adapter, db)
	if err != nil {
		t.Fatal(err)
	}
	perms := map[string]bool{}
	for _, role := range []string{"tenant_admin", "qa_lead", "auditor", "service_manager", "provider",
		"young_person", "participation_officer", "viewer"} {
		ps, err := e.RolePermissions(role)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			perms[p] = true
		}
	}
	if len(perms) < 5 {
		t.Fatalf("found only %d permissions; the policy did not load", len(perms))
	}
	admin := f.A.Member.ID // tenant_admin and qa_lead in A only
	for p := range perms {
		obj, act, _ := cut(p)
		inB, err := e.Allowed(admin, f.B.Tenant.ID, obj, act)
		if err != nil {
			t.Fatal(err)
		}
		if inB {
			t.Errorf("A's administrator may %s in B", p)
		}
	}
	for _, p := range []string{"organisations:write", "audit_log:read", "members:write"} {
		obj, act, _ := cut(p)
		inA, err := e.Allowed(admin, f.A.Tenant.ID, obj, act)
		if err != nil || !inA {
			t.Errorf("A's administrator may not %s in A (err %v)", p, err)
		}
	}
	if roles := e.Roles(admin, f.B.Tenant.ID); len(roles) != 0 {
		t.Errorf("A's administrator has roles %v in B", roles)
	}
	if roles := e.Roles(uuid.New(), f.A.Tenant.ID); len(roles) != 0 {
		t.Errorf("a stranger has roles %v in A", roles)
	}
}

func cut(p string) (string, string, bool) { return strings.Cut(p, ":") }
