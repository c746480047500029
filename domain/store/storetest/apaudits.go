package storetest

import (
	"context"
	"testing"

	"sendqa/domain/store"
)

// seedAPAudits puts one provider, known to both areas, on each area's
// register with a decided audit of one standard, a challenge answered and
// a share already withdrawn, so that nothing is visible across tenants.
// The provider has no people: the fixture's members speak for none.
func seedAPAudits(t testing.TB, owner *store.DB, areas ...Area) {
	t.Helper()
	ctx := context.Background()
	var providerID string
	err := owner.SQL().QueryRowContext(ctx, `INSERT INTO providers (name) VALUES ('Fixture Pathways')
		RETURNING id`).Scan(&providerID)
	must(t, err)
	for _, a := range areas {
		_, err := owner.SQL().ExecContext(ctx, `INSERT INTO tenant_providers (tenant_id, provider_id, state,
				contact_email, access_until, invited_by)
			VALUES ($1, $2, 'active', 'contact@pathways.example.org', current_date + 365, $3)`,
			a.Tenant.ID, providerID, a.Member.ID)
		must(t, err)
		var auditID string
		err = owner.SQL().QueryRowContext(ctx, `INSERT INTO provider_audits (tenant_id, provider_id,
				instrument_key, instrument_version, definition, state, evidence_due_on, overall, decision,
				review_on, decided_by, decided_at, opened_by)
			VALUES ($1, $2, 'ap_quality_standards', 1, '{}', 'decided', current_date, 'green', 'approved',
				current_date + 365, $3, now(), $3)
			RETURNING id`, a.Tenant.ID, providerID, a.Member.ID).Scan(&auditID)
		must(t, err)
		_, err = owner.SQL().ExecContext(ctx, `INSERT INTO provider_standards (tenant_id, audit_id,
				provider_id, key, position, theme, title, state, statement, rating, feedback)
			VALUES ($1, $2, $3, 'a1', 1, 'Assessment and understanding', 'Information before the placement',
				'rated', 'We read every plan', 'green', 'Clear evidence')`, a.Tenant.ID, auditID, providerID)
		must(t, err)
		_, err = owner.SQL().ExecContext(ctx, `INSERT INTO provider_challenges (tenant_id, audit_id,
				provider_id, standard_key, rating, reasons, raised_by, outcome, answer, answered_by,
				answered_at)
			VALUES ($1, $2, $3, 'a1', 'green', 'Fixture reasons', $4, 'not_upheld', 'Fixture answer', $4,
				now())`, a.Tenant.ID, auditID, providerID, a.Member.ID)
		must(t, err)
		_, err = owner.SQL().ExecContext(ctx, `INSERT INTO provider_shares (tenant_id, audit_id, provider_id,
				region_id, shared_by, withdrawn_by, withdrawn_at)
			VALUES ($1, $2, $3, $4, $5, $5, now())`, a.Tenant.ID, auditID, providerID, a.Tenant.RegionID,
			a.Member.ID)
		must(t, err)
	}
}
