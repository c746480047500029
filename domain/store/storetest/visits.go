package storetest

import (
	"context"
	"strings"
	"testing"

	"sendqa/domain/store"
)

// seedVisits gives an area's member a young person's login and a sent
// visit with a photo, and raises a safeguarding concern from it.
func seedVisits(t testing.TB, owner *store.DB, a Area) {
	t.Helper()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO young_person_logins (tenant_id, person_id, code_hash)
			VALUES ($1, $2, sha256(convert_to($1::uuid::text, 'UTF8')))`,
		`INSERT INTO visits (tenant_id, organisation_id, place, visit_date, state, answers,
				created_by, submitted_at)
			VALUES ($1, $3, 'Youth centre', '2026-11-20', 'submitted', '{}', $2, now())`,
		`INSERT INTO visit_people (tenant_id, visit_id, person_id)
			SELECT $1, id, $2 FROM visits WHERE tenant_id = $1`,
		`INSERT INTO visit_photos (tenant_id, visit_id, content_type, size, blob_key, uploaded_by)
			SELECT $1, id, 'image/png', 1, 'fixture', $2 FROM visits WHERE tenant_id = $1`,
		`INSERT INTO safeguarding_concerns (tenant_id, visit_id, note, raised_by)
			SELECT $1, id, 'Fixture concern', $2 FROM visits WHERE tenant_id = $1`,
	} {
		args := []any{a.Tenant.ID, a.Member.ID}
		if strings.Contains(q, "$3") {
			args = append(args, a.Organisation.ID)
		}
		_, err := owner.SQL().ExecContext(ctx, q, args...)
		must(t, err)
	}
}
