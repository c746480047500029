package storetest

import (
	"context"
	"testing"

	"sendqa/domain/store"
)

// seedTriangulation gives an area a finding from the parent carer forum
// on one of its dip themes (seeded with the tenant) and a draft report.
func seedTriangulation(t testing.TB, owner *store.DB, a Area) {
	t.Helper()
	ctx := context.Background()
	_, err := owner.SQL().ExecContext(ctx, `INSERT INTO findings (tenant_id, theme_id, source_kind,
			polarity, body, found_on, origin, created_by)
		SELECT $1, id, 'parent_carer_forum', 'development', 'Families wait for health advice',
			'2026-03-02', 'entered', $2
		FROM themes WHERE tenant_id = $1 AND name = 'Quality of health advice'`,
		a.Tenant.ID, a.Member.ID)
	must(t, err)
	_, err = owner.SQL().ExecContext(ctx, `INSERT INTO reports (tenant_id, title, period_from,
			period_to, state, created_by)
		VALUES ($1, 'Spring term 2026 practice report', '2026-01-01', '2026-04-30', 'draft', $2)`,
		a.Tenant.ID, a.Member.ID)
	must(t, err)
}
