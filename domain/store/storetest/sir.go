package storetest

import (
	"context"
	"testing"

	"sendqa/domain/store"
)

// seedSIR gives an area's school a confirmed register import, a SEN
// information report round whose check of that school is completed, and
// the check's letter, sent.
func seedSIR(t testing.TB, owner *store.DB, a Area) {
	t.Helper()
	ctx := context.Background()
	db := owner.SQL()
	school := a.Organisation.ID
	_, err := db.ExecContext(ctx, `INSERT INTO setting_imports (tenant_id, file_name, state,
			total_rows, new_count, updated_count, unchanged, confirmed_at, expires_at)
		VALUES ($1, 'register.csv', 'confirmed', 1, 1, 0, 0, now(), now() + interval '1 day')`,
		a.Tenant.ID)
	must(t, err)
	var roundID, checkID string
	err = db.QueryRowContext(ctx, `INSERT INTO sir_rounds (tenant_id, name, year, sample_size,
			seed, population, due_on, created_by)
		VALUES ($1, 'SIR checks 2026', 2026, 1, 42, 1, '2026-12-18', $2) RETURNING id`,
		a.Tenant.ID, a.Member.ID).Scan(&roundID)
	must(t, err)
	err = db.QueryRowContext(ctx, `INSERT INTO sir_checks (tenant_id, round_id, organisation_id,
			officer_id, state, report_url, checked_on, published, last_updated, ratings,
			completed_at)
		VALUES ($1, $2, $3, $4, 'completed', 'https://school.example.sch.uk/sir',
			'2026-11-02', true, '2025-09-01', '{"kinds_of_sen": {"rating": "met"}}', now())
		RETURNING id`, a.Tenant.ID, roundID, school, a.Member.ID).Scan(&checkID)
	must(t, err)
	_, err = db.ExecContext(ctx, `INSERT INTO sir_letters (tenant_id, check_id, state, findings,
			respond_by, pdf, sent_to, sent_at)
		VALUES ($1, $2, 'sent', '{}', '2026-12-14', '\x255044462d', 'senco@school.example.sch.uk',
			now())`, a.Tenant.ID, checkID)
	must(t, err)
}
