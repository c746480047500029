package store

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain/dashboard"
)

// Dashboards counts the figures of dashboards in the current tenant.
type Dashboards struct{}

var _ dashboard.Store = Dashboards{}

// subjectFilter narrows rows joined to subjects as s by the filter.
func subjectFilter(f dashboard.Filter) (string, []any) {
	where, args := "", []any{}
	for _, c := range []struct{ column, value string }{
		{"s.primary_need", f.PrimaryNeed}, {"s.key_stage", f.KeyStage},
		{"s.setting_type", f.SettingType}} {
		if c.value != "" {
			where += " AND " + c.column + " = ?"
			args = append(args, c.value)
		}
	}
	if f.Services != nil {
		where += " AND EXISTS (SELECT 1 FROM unnest(s.services) v WHERE lower(v) = ANY(?::text[]))"
		lower := make(textArray, len(f.Services))
		for i, n := range f.Services {
			lower[i] = strings.ToLower(n)
		}
		args = append(args, lower)
	}
	return where, args
}

func labelled(db *gorm.DB, query string, args ...any) ([]dashboard.Labelled, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, translate(err, "figures")
	}
	defer rows.Close()
	var out []dashboard.Labelled
	for rows.Next() {
		var l dashboard.Labelled
		if err := rows.Scan(&l.Label, &l.Count); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// CountFigures counts what a dashboard of kind k shows for the filter.
func (Dashboards) CountFigures(
	ctx context.Context,
	k dashboard.Kind,
	f dashboard.Filter,
	today time.Time,
	personID uuid.UUID,
) (dashboard.Counts, error) {
	db, err := conn(ctx)
	if err != nil {
		return dashboard.Counts{}, err
	}
	tenant := tenantOf(ctx)
	from, to := f.From.Format(time.DateOnly), f.To.Format(time.DateOnly)
	filter, fargs := subjectFilter(f)
	var c dashboard.Counts

	submitted := `FROM responses r
		JOIN round_subjects rs ON rs.tenant_id = r.tenant_id AND rs.id = r.allocation_id
		JOIN subjects s ON s.tenant_id = rs.tenant_id AND s.id = rs.subject_id
		WHERE r.tenant_id = ? AND r.state = 'submitted'
			AND r.submitted_at >= ?::date AND r.submitted_at < ?::date + 1` + filter
	args := append([]any{tenant, from, to}, fargs...)
	if c.Grades, err = labelled(db, `SELECT coalesce(r.result->'overall'->>'label', ''), count(*) `+
		submitted+` AND r.result->'overall'->>'scored' = 'true' GROUP BY 1`, args...); err != nil {
		return c, err
	}

	switch k {
	case dashboard.ForProgramme:
		c.Audits, err = labelled(db, `SELECT CASE
				WHEN rs.status = 'submitted' THEN 'submitted'
				WHEN ro.due_on < ?::date THEN 'overdue'
				WHEN rs.status = 'in_progress' THEN 'in_progress'
				ELSE 'not_started' END, count(*)
			FROM round_subjects rs
			JOIN rounds ro ON ro.tenant_id = rs.tenant_id AND ro.id = rs.round_id
			JOIN subjects s ON s.tenant_id = rs.tenant_id AND s.id = rs.subject_id
			WHERE rs.tenant_id = ? AND rs.auditor_id IS NOT NULL
				AND ro.due_on BETWEEN ?::date AND ?::date`+filter+` GROUP BY 1`,
			append([]any{today.Format(time.DateOnly), tenant, from, to}, fargs...)...)
		if err != nil {
			return c, err
		}
		err = db.Raw(`SELECT count(*), count(*) FILTER (WHERE m.result->'overall'->>'label' =
				r.result->'overall'->>'label')
			FROM moderations m
			JOIN responses r ON r.tenant_id = m.tenant_id AND r.id = m.response_id
			JOIN round_subjects rs ON rs.tenant_id = r.tenant_id AND rs.id = r.allocation_id
			JOIN subjects s ON s.tenant_id = rs.tenant_id AND s.id = rs.subject_id
			WHERE m.tenant_id = ? AND m.state IN ('submitted', 'agreed')
				AND m.submitted_at >= ?::date AND m.submitted_at < ?::date + 1`+filter,
			append([]any{tenant, from, to}, fargs...)...).Row().Scan(&c.Moderated, &c.Agreed)
		if err != nil {
			return c, translate(err, "figures")
		}
	case dashboard.ForBoard:
		c.FinalPlans, err = labelled(db, `SELECT m->>'status', count(*)
			FROM responses r
			CROSS JOIN jsonb_array_elements(CASE WHEN jsonb_typeof(r.result->'milestones') = 'array'
				THEN r.result->'milestones' ELSE '[]' END) m
			JOIN round_subjects rs ON rs.tenant_id = r.tenant_id AND rs.id = r.allocation_id
			JOIN subjects s ON s.tenant_id = rs.tenant_id AND s.id = rs.subject_id
			WHERE r.tenant_id = ? AND r.state = 'submitted'
				AND r.submitted_at >= ?::date AND r.submitted_at < ?::date + 1`+filter+`
				AND m->>'item' = 'final_plan' GROUP BY 1`, args...)
		if err != nil {
			return c, err
		}
	}

	feedbackWhere, feedbackArgs := "", []any{}
	if f.Services != nil {
		feedbackWhere = " AND lower(service) = ANY(?::text[])"
		feedbackArgs = append(feedbackArgs, fargs[len(fargs)-1])
	}
	if c.Feedback, err = labelled(db, `SELECT state, count(*) FROM feedback
		WHERE tenant_id = ? AND created_at >= ?::date AND created_at < ?::date + 1`+feedbackWhere+
		` GROUP BY 1`, append([]any{tenant, from, to}, feedbackArgs...)...); err != nil {
		return c, err
	}
	actionWhere, actionArgs := "", []any{today.Format(time.DateOnly), tenant}
	if k == dashboard.ForService {
		actionWhere = " AND (a.owner_id = ? OR p.lead_id = ?)"
		actionArgs = append(actionArgs, personID, personID)
	}
	c.Actions, err = labelled(db, `SELECT CASE
			WHEN a.status IN ('completed', 'cancelled') THEN 'completed'
			WHEN a.due_on < ? THEN 'overdue' ELSE 'open' END, count(*)
		FROM actions a JOIN action_plans p ON p.tenant_id = a.tenant_id AND p.id = a.plan_id
		WHERE a.tenant_id = ?`+actionWhere+` GROUP BY 1`, actionArgs...)
	return c, err
}

// ServicesLedBy names the organisations whose local plans the person
// leads.
func (Dashboards) ServicesLedBy(ctx context.Context, personID uuid.UUID) ([]string, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	names := []string{}
	err = db.Raw(`SELECT DISTINCT o.name FROM action_plans p
		JOIN organisations o ON o.tenant_id = p.tenant_id AND o.id = p.organisation_id
		WHERE p.tenant_id = ? AND p.lead_id = ? ORDER BY 1`, tenantOf(ctx), personID).
		Scan(&names).Error
	return names, translate(err, "services")
}
