package storetest

import (
	"context"
	"testing"
	"time"

	"sendqa/domain/audit"
	"sendqa/domain/personal"
	"sendqa/domain/round"
	"sendqa/domain/store"
	"sendqa/domain/subject"
)

// seedProgramme gives an area a subject (with the same local id in every
// area), a confirmed
// import, a retention rule, an auditor's services, and a round with its
// cohort and one allocated subject.
func seedProgramme(t testing.TB, owner *store.DB, a Area) {
	t.Helper()
	ctx := context.Background()
	exec := func(query string, args ...any) {
		t.Helper()
		_, err := owner.SQL().ExecContext(ctx, query, args...)
		must(t, err)
	}
	tenant, person := a.Tenant.ID, a.Member.ID
	exec(`INSERT INTO subjects (tenant_id, kind, local_id, primary_need, services)
		VALUES ($1, 'ehc_plan', 'WV1', 'ASD', '{SENSTART}')`, tenant)
	exec(`INSERT INTO subject_imports (tenant_id, kind, state, summary, rows_sealed, rows_key,
			created_by, expires_at)
		VALUES ($1, 'ehc_plan', 'confirmed', '{}', '', 'fixture', $2, now())`, tenant, person)
	exec(`INSERT INTO personal_data_rules (tenant_id, retention_days) VALUES ($1, 365)`, tenant)
	exec(`INSERT INTO auditor_services (tenant_id, person_id, services) VALUES ($1, $2, '{ICB}')`,
		tenant, person)
	exec(`INSERT INTO rounds (tenant_id, name, instrument_key, instrument_version, subject_kind, term,
			academic_year, opens_on, due_on, sampling_method, state, seed, created_by)
		VALUES ($1, 'Autumn round', 'ehcp_quality_audit', 1, 'ehc_plan', 'autumn', 2026,
			'2026-10-01', '2026-10-31', 'random', 'allocated', 1, $2)`, tenant, person)
	exec(`INSERT INTO round_auditors (tenant_id, round_id, person_id, services)
		SELECT $1, id, $2, '{ICB}' FROM rounds WHERE tenant_id = $1`, tenant, person)
	exec(`INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, auditor_id, status)
		SELECT $1, r.id, s.id, 1, $2, 'allocated'
		FROM rounds r, subjects s WHERE r.tenant_id = $1 AND s.tenant_id = $1`, tenant, person)
}

// Subjects returns the subject service wired to the store, sealing with
// keys and reading the time from now.
func Subjects(keys *personal.Keyring, now func() time.Time) subject.Service {
	return subject.Service{Store: store.Subjects{}, Keys: keys,
		Trail: audit.Recorder{Store: store.Trail{}, Now: now}, Now: now}
}

// Rounds returns the round service wired to the store.
func Rounds(now func() time.Time) round.Service {
	return round.Service{Store: store.Rounds{}, Instruments: Catalogue(),
		Trail: audit.Recorder{Store: store.Trail{}, Now: now}, Now: now}
}
