package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/actionplan"
)

// ActionPlans keeps improvement plans, their actions and progress updates.
type ActionPlans struct{}

var _ actionplan.Store = ActionPlans{}

const planColumns = `p.id, p.kind, p.title, p.organisation_id, coalesce(o.name, ''), p.lead_id,
	coalesce(l.name, ''), p.created_by, p.version, p.created_at, p.updated_at`

const planFrom = ` FROM action_plans p
	LEFT JOIN organisations o ON o.tenant_id = p.tenant_id AND o.id = p.organisation_id
	LEFT JOIN people l ON l.id = p.lead_id`

type rowScanner interface{ Scan(dest ...any) error }

func scanPlan(r rowScanner, dest *actionplan.Plan, extra ...any) error {
	var (
		kind                 string
		org, lead, createdBy *uuid.UUID
	)
	err := r.Scan(append([]any{&dest.ID, &kind, &dest.Title, &org, &dest.OrganisationName, &lead,
		&dest.LeadName, &createdBy, &dest.Version, &dest.CreatedAt, &dest.UpdatedAt}, extra...)...)
	if err != nil {
		return err
	}
	dest.Kind = actionplan.Kind(kind)
	dest.OrganisationID, dest.LeadID, dest.CreatedBy = deref(org), deref(lead), deref(createdBy)
	return nil
}

func queryPlans(db *gorm.DB, query string, args ...any) ([]actionplan.Plan, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []actionplan.Plan
	for rows.Next() {
		var p actionplan.Plan
		if err := scanPlan(rows, &p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreatePlan stores a new plan.
func (st ActionPlans) CreatePlan(ctx context.Context, p actionplan.Plan) (actionplan.Plan, error) {
	db, err := conn(ctx)
	if err != nil {
		return actionplan.Plan{}, err
	}
	err = db.Exec(`INSERT INTO action_plans (tenant_id, id, kind, title, organisation_id, lead_id,
			created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, tenantOf(ctx), p.ID, string(p.Kind), p.Title,
		ptr(p.OrganisationID), ptr(p.LeadID), ptr(p.CreatedBy)).Error
	if err != nil {
		return actionplan.Plan{}, planConflict(translate(err, "plan"), p)
	}
	return st.FindPlan(ctx, p.ID)
}

// planConflict words the clash of a second practice plan, or a second
// local plan for one service.
func planConflict(err error, p actionplan.Plan) error {
	if !errors.Is(err, domain.ErrConflict) {
		return err
	}
	if p.Kind == actionplan.Practice {
		return domain.Conflict("this area already has a practice improvement plan")
	}
	return domain.Conflict("this service already has a local plan")
}

// FindPlan returns one of the current tenant's plans.
func (ActionPlans) FindPlan(ctx context.Context, id uuid.UUID) (actionplan.Plan, error) {
	db, err := conn(ctx)
	if err != nil {
		return actionplan.Plan{}, err
	}
	list, err := queryPlans(db, "SELECT "+planColumns+planFrom+
		" WHERE p.tenant_id = ? AND p.id = ?", tenantOf(ctx), id)
	if err != nil {
		return actionplan.Plan{}, translate(err, "plan")
	}
	if len(list) == 0 {
		return actionplan.Plan{}, domain.NotFound("plan")
	}
	return list[0], nil
}

// planSortKey puts the practice plan first, then local plans by service.
const planSortKey = `(CASE p.kind WHEN 'practice' THEN '0' ELSE '1' || lower(coalesce(o.name, '')) END)`

// ListPlans lists plans, the practice plan first, then by service name.
func (ActionPlans) ListPlans(ctx context.Context, f actionplan.PlanFilter,
	pg domain.Page) (domain.List[actionplan.Plan], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[actionplan.Plan]{}, err
	}
	c, err := decodeCursor(pg.Cursor)
	if err != nil {
		return domain.List[actionplan.Plan]{}, err
	}
	where, args := []string{"p.tenant_id = ?"}, []any{tenantOf(ctx)}
	if f.Kind != nil {
		where, args = append(where, "p.kind = ?"), append(args, string(*f.Kind))
	}
	if f.OrganisationID != nil {
		where, args = append(where, "p.organisation_id = ?"), append(args, *f.OrganisationID)
	}
	if c.ID != "" {
		where = append(where, "("+planSortKey+", p.id) > (?, ?::uuid)")
		args = append(args, c.Key, c.ID)
	}
	rows, err := db.Raw("SELECT "+planColumns+", "+planSortKey+planFrom+" WHERE "+
		strings.Join(where, " AND ")+" ORDER BY 12, p.id LIMIT ?", append(args, pg.Limit+1)...).Rows()
	if err != nil {
		return domain.List[actionplan.Plan]{}, translate(err, "plan")
	}
	defer rows.Close()
	var (
		list []actionplan.Plan
		keys = map[uuid.UUID]string{}
	)
	for rows.Next() {
		var (
			p   actionplan.Plan
			key string
		)
		if err := scanPlan(rows, &p, &key); err != nil {
			return domain.List[actionplan.Plan]{}, err
		}
		keys[p.ID] = key
		list = append(list, p)
	}
	if err := rows.Err(); err != nil {
		return domain.List[actionplan.Plan]{}, err
	}
	return page(list, pg.Limit, func(p actionplan.Plan) (string, string) {
		return keys[p.ID], p.ID.String()
	}), nil
}

// UpdatePlan saves a plan if it is still at version.
func (st ActionPlans) UpdatePlan(ctx context.Context, p actionplan.Plan,
	version int) (actionplan.Plan, error) {
	db, err := conn(ctx)
	if err != nil {
		return actionplan.Plan{}, err
	}
	res := db.Exec(`UPDATE action_plans SET title = ?, lead_id = ?, version = version + 1,
			updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`, p.Title, ptr(p.LeadID), tenantOf(ctx), p.ID,
		version)
	if res.Error != nil {
		return actionplan.Plan{}, translate(res.Error, "plan")
	}
	if res.RowsAffected == 0 {
		return actionplan.Plan{}, domain.Stale("the plan")
	}
	return st.FindPlan(ctx, p.ID)
}

const actionColumns = `a.id, a.plan_id, a.title, a.description, a.owner_id, coalesce(ow.name, ''),
	a.due_on, a.status, a.rag, a.impact, a.source_kind, a.source_id, a.created_by, a.version,
	a.created_at, a.updated_at, ` + planColumns

const actionFrom = ` FROM actions a
	JOIN action_plans p ON p.tenant_id = a.tenant_id AND p.id = a.plan_id
	LEFT JOIN organisations o ON o.tenant_id = p.tenant_id AND o.id = p.organisation_id
	LEFT JOIN people l ON l.id = p.lead_id
	LEFT JOIN people ow ON ow.id = a.owner_id`

func queryActions(db *gorm.DB, query string, args ...any) ([]actionplan.Action, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []actionplan.Action
	for rows.Next() {
		var (
			a                   actionplan.Action
			status, rag         string
			sourceKind          *string
			sourceID, createdBy *uuid.UUID
			plan                actionplan.Plan
		)
		err := scanPlanAfter(rows, &plan, &a.ID, &a.PlanID, &a.Title, &a.Description, &a.OwnerID,
			&a.OwnerName, &a.DueOn, &status, &rag, &a.Impact, &sourceKind, &sourceID, &createdBy,
			&a.Version, &a.CreatedAt, &a.UpdatedAt)
		if err != nil {
			return nil, err
		}
		a.Status, a.RAG, a.CreatedBy, a.Plan = actionplan.Status(status), actionplan.RAG(rag),
			deref(createdBy), plan
		if sourceKind != nil && sourceID != nil {
			a.Source = &actionplan.Source{Kind: actionplan.SourceKind(*sourceKind), ID: *sourceID}
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// scanPlanAfter scans the leading columns into before and the plan's
// columns that follow them into plan.
func scanPlanAfter(r rowScanner, plan *actionplan.Plan, before ...any) error {
	return scanPlan(prefixScanner{r: r, before: before}, plan)
}

// prefixScanner scans a row whose first columns belong to someone else.
type prefixScanner struct {
	r      rowScanner
	before []any
}

func (p prefixScanner) Scan(dest ...any) error { return p.r.Scan(append(p.before, dest...)...) }

func sourceColumns(s *actionplan.Source) (*string, *uuid.UUID) {
	if s == nil {
		return nil, nil
	}
	kind := string(s.Kind)
	return &kind, &s.ID
}

// CreateAction stores a new action.
func (st ActionPlans) CreateAction(ctx context.Context, a actionplan.Action) (actionplan.Action, error) {
	db, err := conn(ctx)
	if err != nil {
		return actionplan.Action{}, err
	}
	kind, id := sourceColumns(a.Source)
	err = db.Exec(`INSERT INTO actions (tenant_id, id, plan_id, title, description, owner_id, due_on,
			status, rag, impact, source_kind, source_id, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?::date, ?, ?, ?, ?, ?, ?)`, tenantOf(ctx), a.ID, a.PlanID, a.Title,
		a.Description, a.OwnerID, a.DueOn.Format(time.DateOnly), string(a.Status), string(a.RAG),
		a.Impact, kind, id, ptr(a.CreatedBy)).Error
	if err != nil {
		return actionplan.Action{}, translate(err, "action")
	}
	return st.FindAction(ctx, a.ID, false)
}

// FindAction returns one of the current tenant's actions with its plan.
func (ActionPlans) FindAction(ctx context.Context, id uuid.UUID, lock bool) (actionplan.Action, error) {
	db, err := conn(ctx)
	if err != nil {
		return actionplan.Action{}, err
	}
	q := "SELECT " + actionColumns + actionFrom + " WHERE a.tenant_id = ? AND a.id = ?"
	if lock {
		q += " FOR UPDATE OF a"
	}
	list, err := queryActions(db, q, tenantOf(ctx), id)
	if err != nil {
		return actionplan.Action{}, translate(err, "action")
	}
	if len(list) == 0 {
		return actionplan.Action{}, domain.NotFound("action")
	}
	return list[0], nil
}

// ListActions lists actions, soonest due first.
func (ActionPlans) ListActions(ctx context.Context, f actionplan.ActionFilter,
	pg domain.Page) (domain.List[actionplan.Action], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[actionplan.Action]{}, err
	}
	c, err := decodeCursor(pg.Cursor)
	if err != nil {
		return domain.List[actionplan.Action]{}, err
	}
	where, args := actionWhere(ctx, f)
	if c.ID != "" {
		where = append(where, "(a.due_on, a.id) > (?::date, ?::uuid)")
		args = append(args, c.Key, c.ID)
	}
	list, err := queryActions(db, "SELECT "+actionColumns+actionFrom+" WHERE "+
		strings.Join(where, " AND ")+" ORDER BY a.due_on, a.id LIMIT ?", append(args, pg.Limit+1)...)
	if err != nil {
		return domain.List[actionplan.Action]{}, translate(err, "action")
	}
	return page(list, pg.Limit, func(a actionplan.Action) (string, string) {
		return a.DueOn.Format(time.DateOnly), a.ID.String()
	}), nil
}

func actionWhere(ctx context.Context, f actionplan.ActionFilter) ([]string, []any) {
	where, args := []string{"a.tenant_id = ?"}, []any{tenantOf(ctx)}
	add := func(cond string, v any) {
		where, args = append(where, cond), append(args, v)
	}
	if f.PlanID != nil {
		add("a.plan_id = ?", *f.PlanID)
	}
	if f.PlanKind != nil {
		add("p.kind = ?", string(*f.PlanKind))
	}
	if f.OrganisationID != nil {
		add("p.organisation_id = ?", *f.OrganisationID)
	}
	if f.OwnerID != nil {
		add("a.owner_id = ?", *f.OwnerID)
	}
	if f.Status != nil {
		add("a.status = ?", string(*f.Status))
	}
	if f.RAG != nil {
		add("a.rag = ?", string(*f.RAG))
	}
	if f.Overdue != nil {
		cond := "a.status IN ('not_started', 'in_progress') AND a.due_on < ?::date"
		if !*f.Overdue {
			cond = "NOT (" + cond + ")"
		}
		add(cond, f.Today.Format(time.DateOnly))
	}
	return where, args
}

// UpdateAction saves an action if it is still at version.
func (st ActionPlans) UpdateAction(ctx context.Context, a actionplan.Action,
	version int) (actionplan.Action, error) {
	db, err := conn(ctx)
	if err != nil {
		return actionplan.Action{}, err
	}
	kind, id := sourceColumns(a.Source)
	res := db.Exec(`UPDATE actions SET title = ?, description = ?, owner_id = ?, due_on = ?::date,
			status = ?, rag = ?, impact = ?, source_kind = ?, source_id = ?, version = version + 1,
			updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`, a.Title, a.Description, a.OwnerID,
		a.DueOn.Format(time.DateOnly), string(a.Status), string(a.RAG), a.Impact, kind, id,
		tenantOf(ctx), a.ID, version)
	if res.Error != nil {
		return actionplan.Action{}, translate(res.Error, "action")
	}
	if res.RowsAffected == 0 {
		return actionplan.Action{}, domain.Stale("the action")
	}
	return st.FindAction(ctx, a.ID, false)
}

// AddUpdate appends a progress update.
func (ActionPlans) AddUpdate(ctx context.Context, u actionplan.Update) (actionplan.Update, error) {
	db, err := conn(ctx)
	if err != nil {
		return actionplan.Update{}, err
	}
	err = db.Raw(`INSERT INTO action_updates (tenant_id, id, action_id, written_on, body, author_id)
		VALUES (?, ?, ?, ?::date, ?, ?) RETURNING recorded_at`, tenantOf(ctx), u.ID, u.ActionID,
		u.WrittenOn.Format(time.DateOnly), u.Body, u.AuthorID).Row().Scan(&u.RecordedAt)
	if err != nil {
		return actionplan.Update{}, translate(err, "progress update")
	}
	return u, nil
}

// ListUpdates lists an action's progress updates, oldest first.
func (ActionPlans) ListUpdates(ctx context.Context, actionID uuid.UUID) ([]actionplan.Update, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT u.id, u.action_id, u.written_on, u.body, u.author_id,
			coalesce(pe.name, ''), u.recorded_at
		FROM action_updates u LEFT JOIN people pe ON pe.id = u.author_id
		WHERE u.tenant_id = ? AND u.action_id = ?
		ORDER BY u.written_on, u.recorded_at, u.id`, tenantOf(ctx), actionID).Rows()
	if err != nil {
		return nil, translate(err, "progress update")
	}
	defer rows.Close()
	out := []actionplan.Update{}
	for rows.Next() {
		var u actionplan.Update
		if err := rows.Scan(&u.ID, &u.ActionID, &u.WrittenOn, &u.Body, &u.AuthorID, &u.AuthorName,
			&u.RecordedAt); err != nil {
			return nil, fmt.Errorf("read progress update: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// IsMember reports whether the person belongs to the current tenant.
func (ActionPlans) IsMember(ctx context.Context, personID uuid.UUID) (bool, error) {
	return exists(ctx, `SELECT EXISTS (SELECT 1 FROM memberships WHERE tenant_id = ? AND person_id = ?)`,
		tenantOf(ctx), personID)
}

// IsOrganisation reports whether the organisation is the current tenant's.
func (ActionPlans) IsOrganisation(ctx context.Context, id uuid.UUID) (bool, error) {
	return exists(ctx, `SELECT EXISTS (SELECT 1 FROM organisations WHERE tenant_id = ? AND id = ?)`,
		tenantOf(ctx), id)
}

func exists(ctx context.Context, query string, args ...any) (bool, error) {
	db, err := conn(ctx)
	if err != nil {
		return false, err
	}
	var ok bool
	if err := db.Raw(query, args...).Row().Scan(&ok); err != nil {
		return false, err
	}
	return ok, nil
}
