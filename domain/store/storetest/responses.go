package storetest

import (
	"context"
	"testing"
	"time"

	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/files"
	"sendqa/domain/jobs"
	"sendqa/domain/personal"
	"sendqa/domain/response"
	"sendqa/domain/store"
)

// seedResponses gives an area's allocated subject a submitted response
// with an evidence file, a notice and an e-mail preference.
func seedResponses(t testing.TB, owner *store.DB, a Area) {
	t.Helper()
	ctx := context.Background()
	exec := func(query string, args ...any) {
		t.Helper()
		_, err := owner.SQL().ExecContext(ctx, query, args...)
		must(t, err)
	}
	tenant, person := a.Tenant.ID, a.Member.ID
	exec(`INSERT INTO responses (tenant_id, allocation_id, round_id, auditor_id, instrument_key,
			instrument_version, state, answers, result, as_of, submitted_at)
		SELECT $1, rs.id, rs.round_id, $2, 'ehcp_quality_audit', 1, 'submitted', '{}',
			'{"rule_version": "fixture"}', '2026-10-20', now()
		FROM round_subjects rs WHERE rs.tenant_id = $1`, tenant, person)
	exec(`INSERT INTO evidence_files (tenant_id, response_id, file_name, content_type, size_bytes, sha256,
			blob_key, scan_state)
		SELECT $1, id, 'note.txt', 'text/plain', 5, '\x00', 'evidence/fixture', 'clean'
		FROM responses WHERE tenant_id = $1`, tenant)
	exec(`INSERT INTO notifications (tenant_id, person_id, kind, title, body, dedupe_key)
		VALUES ($1, $2, 'allocated', 'New audit for you: WV1', 'You have been given WV1 to audit.', 'fixture')`,
		tenant, person)
	exec(`INSERT INTO notification_preferences (tenant_id, person_id, email) VALUES ($1, $2, true)`,
		tenant, person)
}

// Responses returns the response service wired to the store, with
// evidence in a folder of the test's own, no virus scanner and jobs
// enqueued in the request's transaction.
func Responses(t testing.TB, keys *personal.Keyring, now func() time.Time) response.Service {
	t.Helper()
	bucket, err := files.Open(context.Background(), "file://"+t.TempDir())
	must(t, err)
	t.Cleanup(func() { bucket.Close() })
	enqueuer, err := jobs.NewEnqueuer(store.SQLTx)
	must(t, err)
	return response.Service{Store: store.Responses{}, Instruments: &catalogue.Definitions{Versions: Catalogue()},
		Keys: keys, Trail: audit.Recorder{Store: store.Trail{}, Now: now}, Jobs: enqueuer, Blobs: bucket,
		Now: now}
}
