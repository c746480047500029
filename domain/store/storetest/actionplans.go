package storetest

import (
	"context"
	"testing"
	"time"

	"sendqa/domain/actionplan"
	"sendqa/domain/audit"
	"sendqa/domain/store"
)

// seedActionPlans gives an area its practice improvement plan with one
// action, linked to a finding, and a progress update on it.
func seedActionPlans(t testing.TB, owner *store.DB, a Area) {
	t.Helper()
	ctx := context.Background()
	_, err := owner.SQL().ExecContext(ctx, `INSERT INTO action_plans (tenant_id, kind, title, lead_id,
			created_by)
		VALUES ($1, 'practice', 'Practice improvement plan', $2, $2)`, a.Tenant.ID, a.Member.ID)
	must(t, err)
	_, err = owner.SQL().ExecContext(ctx, `INSERT INTO actions (tenant_id, plan_id, title, owner_id,
			due_on, status, rag, source_kind, source_id, created_by)
		SELECT $1, id, 'Write outcomes that are SMART', $2, '2099-12-01', 'in_progress', 'amber',
			'response', gen_random_uuid(), $2
		FROM action_plans WHERE tenant_id = $1`, a.Tenant.ID, a.Member.ID)
	must(t, err)
	_, err = owner.SQL().ExecContext(ctx, `INSERT INTO action_updates (tenant_id, action_id, written_on,
			body, author_id)
		SELECT $1, id, '2026-10-01', 'Training booked for every coordinator', $2
		FROM actions WHERE tenant_id = $1`, a.Tenant.ID, a.Member.ID)
	must(t, err)
}

// ActionPlans returns the action plan service wired to the store, reading
// the date from now.
func ActionPlans(now func() time.Time) actionplan.Service {
	return actionplan.Service{Store: store.ActionPlans{},
		Trail: audit.Recorder{Store: store.Trail{}, Now: now}, Now: now}
}
