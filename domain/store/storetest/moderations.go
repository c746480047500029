package storetest

import (
	"context"
	"testing"

	"sendqa/domain/store"
)

// seedModerations gives an area's submitted response a moderation with an
// agreed result, feedback to one of the services that contributed, and
// the ruling that sent it.
func seedModerations(t testing.TB, owner *store.DB, a Area) {
	t.Helper()
	ctx := context.Background()
	_, err := owner.SQL().ExecContext(ctx, `INSERT INTO moderations (tenant_id, round_id, response_id,
			moderator_id, state, answers, result, submitted_at, due_on, discussion, agreed_label, agreed_by,
			agreed_at)
		SELECT $1, round_id, id, $2, 'agreed', '{}', '{"rule_version": "fixture"}', now(), '2026-12-11',
			'Agreed after discussion', 'requires_improvement', $2, now()
		FROM responses WHERE tenant_id = $1`, a.Tenant.ID, a.Member.ID)
	must(t, err)
	_, err = owner.SQL().ExecContext(ctx, `INSERT INTO feedback (tenant_id, response_id, moderation_id,
			round_id, service, overall, findings, state)
		SELECT $1, response_id, id, round_id, 'Educational Psychology', 'requires_improvement',
			'[{"section": "section_e", "title": "Section E", "label": "inadequate"}]', 'sent'
		FROM moderations WHERE tenant_id = $1`, a.Tenant.ID)
	must(t, err)
	_, err = owner.SQL().ExecContext(ctx, `INSERT INTO feedback_rulings (tenant_id, response_id,
			overall, poor)
		SELECT $1, response_id, agreed_label, true FROM moderations WHERE tenant_id = $1`, a.Tenant.ID)
	must(t, err)
}
