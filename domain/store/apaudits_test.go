package store_test

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/store/storetest"
)

// The designed exceptions for AP audits, checked in the database itself
// under the runtime role with no help from the queries' own filters: a
// provider's person reads their own provider's rows in every council whose
// access is in force and nothing else; a share in force reaches the other
// tenants of the region only, and nothing once withdrawn.
func TestProviderAndSharePoliciesConfineRows(t *testing.T) {
	db := storetest.New(t)
	f := storetest.Seed(t, db)
	owner := connect(t, db.OwnerURL)
	app := connect(t, db.AppURL)
	ctx := context.Background()

	var providerID uuid.UUID
	err := owner.QueryRow(ctx, `SELECT id FROM providers WHERE name = 'Fixture Pathways'`).Scan(&providerID)
	if err != nil {
		t.Fatal(err)
	}
	person, stranger := uuid.New(), uuid.New()
	_, err = owner.Exec(ctx, `INSERT INTO people (id, email, name) VALUES ($1, 'p@pathways.example.org', 'P'),
		($2, 's@rival.example.org', 'S')`, person, stranger)
	if err != nil {
		t.Fatal(err)
	}
	_, err = owner.Exec(ctx, `WITH rival AS (INSERT INTO providers (name) VALUES ('Rival') RETURNING id)
		INSERT INTO provider_people (provider_id, person_id)
		SELECT $1::uuid, $2::uuid UNION ALL SELECT id, $3 FROM rival`, providerID, person, stranger)
	if err != nil {
		t.Fatal(err)
	}

	count := func(s domain.Scope, table string) int {
		t.Helper()
		tx := scoped(t, app, s)
		defer tx.Rollback(ctx)
		var n int
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	own := domain.Scope{PersonID: person}
	for _, table := range []string{"provider_audits", "provider_standards", "provider_challenges",
		"tenant_providers"} {
		if got := count(own, table); got != 2 {
			t.Errorf("the provider's person sees %d rows of %s, want its own in both areas", got, table)
		}
		if got := count(domain.Scope{PersonID: stranger}, table); got != 0 {
			t.Errorf("another provider's person sees %d rows of %s, want none", got, table)
		}
	}
	if got := count(own, "provider_shares"); got != 0 {
		t.Errorf("the provider's person sees %d shares, want none", got)
	}

	_, err = owner.Exec(ctx, `UPDATE tenant_providers SET state = 'ended', ended_at = now() WHERE tenant_id = $1`,
		f.A.Tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := count(own, "provider_audits"); got != 1 {
		t.Errorf("after area A ends access the person sees %d audits, want area B's only", got)
	}
	_, err = owner.Exec(ctx, `UPDATE tenant_providers SET access_until = current_date - 1 WHERE tenant_id = $1`,
		f.B.Tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := count(own, "provider_audits"); got != 0 {
		t.Errorf("after area B's access period the person sees %d audits, want none", got)
	}

	// Area A shares its result; area B reads it; a tenant of another region
	// does not, nor does area B once the share is withdrawn.
	var far domain.Scope
	err = owner.QueryRow(ctx, `WITH r AS (INSERT INTO regions (slug, name) VALUES ('far', 'Far') RETURNING id)
		INSERT INTO tenants (slug, name, region_id) SELECT 'far-area', 'Far Area', id FROM r
		RETURNING id, region_id`).Scan(&far.TenantID, &far.RegionID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = owner.Exec(ctx, `INSERT INTO provider_shares (tenant_id, audit_id, provider_id, region_id)
		SELECT tenant_id, id, provider_id, $2 FROM provider_audits WHERE tenant_id = $1`,
		f.A.Tenant.ID, f.A.Tenant.RegionID)
	if err != nil {
		t.Fatal(err)
	}
	foreign := func(s domain.Scope, table string) int {
		t.Helper()
		tx := scoped(t, app, s)
		defer tx.Rollback(ctx)
		var n int
		err := tx.QueryRow(ctx, "SELECT count(*) FROM "+table+" WHERE tenant_id = $1", f.A.Tenant.ID).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for table, want := range map[string]int{"provider_audits": 1, "provider_standards": 1,
		"provider_shares": 1, "provider_challenges": 0, "tenant_providers": 0} {
		if got := foreign(f.B.Scope(), table); got != want {
			t.Errorf("area B sees %d of area A's %s under the share, want %d", got, table, want)
		}
		if got := foreign(far, table); got != 0 {
			t.Errorf("a tenant of another region sees %d of area A's %s, want none", got, table)
		}
	}
	b := f.B.Scope()
	b.RegionID = far.RegionID
	if got := foreign(b, "provider_audits"); got != 0 {
		t.Errorf("area B claiming another region sees %d of area A's audits, want none", got)
	}
	_, err = owner.Exec(ctx, `UPDATE provider_shares SET withdrawn_at = now() WHERE tenant_id = $1`, f.A.Tenant.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := foreign(f.B.Scope(), "provider_audits"); got != 0 {
		t.Errorf("after withdrawal area B sees %d of area A's audits, want none", got)
	}
	tx := scoped(t, app, f.B.Scope())
	defer tx.Rollback(ctx)
	tag, err := tx.Exec(ctx, `UPDATE provider_standards SET feedback = 'changed' WHERE tenant_id = $1`,
		f.A.Tenant.ID)
	if err == nil && tag.RowsAffected() != 0 {
		t.Errorf("area B changed %d of area A's standards", tag.RowsAffected())
	}
}
