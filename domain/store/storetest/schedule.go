package storetest

import (
	"context"
	"testing"

	"sendqa/domain/store"
)

// seedSchedule gives an area a schedule activity with one occurrence
// done, a calendar feed for its member and the area's consent to
// benchmarks.
func seedSchedule(t testing.TB, owner *store.DB, a Area) {
	t.Helper()
	ctx := context.Background()
	exec := func(query string, args ...any) {
		t.Helper()
		_, err := owner.SQL().ExecContext(ctx, query, args...)
		must(t, err)
	}
	exec(`INSERT INTO qa_activities (tenant_id, what, frequency, months, owner_id)
		VALUES ($1, 'Moderation sessions', 'three_times_a_year', '{11,4,7}', $2)`,
		a.Tenant.ID, a.Member.ID)
	exec(`INSERT INTO qa_activity_completions (tenant_id, activity_id, due_on, completed_on,
			completed_by)
		SELECT $1, id, '2026-11-28', '2026-11-27', $2 FROM qa_activities WHERE tenant_id = $1`,
		a.Tenant.ID, a.Member.ID)
	exec(`INSERT INTO calendar_feeds (tenant_id, person_id, token_hash)
		VALUES ($1, $2, sha256(convert_to($3, 'UTF8')))`, a.Tenant.ID, a.Member.ID,
		a.Tenant.ID.String())
	exec(`INSERT INTO benchmark_consents (tenant_id, given_by) VALUES ($1, $2)`,
		a.Tenant.ID, a.Member.ID)
}
