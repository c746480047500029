package actionplan

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
)

// Store keeps plans, actions and progress updates. Every method runs in
// the transaction carried by ctx, in the current tenant.
type Store interface {
	CreatePlan(ctx context.Context, p Plan) (Plan, error)
	FindPlan(ctx context.Context, id uuid.UUID) (Plan, error)
	ListPlans(ctx context.Context, f PlanFilter, p domain.Page) (domain.List[Plan], error)
	UpdatePlan(ctx context.Context, p Plan, version int) (Plan, error)

	CreateAction(ctx context.Context, a Action) (Action, error)
	// FindAction returns an action with its plan and owner, locked until
	// the transaction ends when lock is set.
	FindAction(ctx context.Context, id uuid.UUID, lock bool) (Action, error)
	ListActions(ctx context.Context, f ActionFilter, p domain.Page) (domain.List[Action], error)
	UpdateAction(ctx context.Context, a Action, version int) (Action, error)

	AddUpdate(ctx context.Context, u Update) (Update, error)
	ListUpdates(ctx context.Context, actionID uuid.UUID) ([]Update, error)

	// IsMember reports whether the person belongs to the current tenant.
	IsMember(ctx context.Context, personID uuid.UUID) (bool, error)
	// IsOrganisation reports whether the organisation is the tenant's.
	IsOrganisation(ctx context.Context, id uuid.UUID) (bool, error)
}

// Caller is who asks for a change and whether the policy lets them keep
// every plan (QA leads and administrators) or only the plans they lead.
type Caller struct {
	PersonID  uuid.UUID
	ManageAll bool
}

// Service keeps plans and actions and writes each change to the trail in
// the same transaction. A daily job on the job queue reminds each owner
// of an overdue action once per action and due date (see OverdueActions).
type Service struct {
	Store Store
	Trail audit.Recorder
	Now   func() time.Time
}

func (s Service) today() time.Time {
	if s.Now == nil {
		return dateOf(time.Now())
	}
	return dateOf(s.Now())
}

// mayKeep reports whether the caller may change the plan and its actions:
// QA leads and administrators any plan, anyone else the plans they lead.
func mayKeep(c Caller, p Plan) bool {
	return c.ManageAll || (p.LeadID != uuid.Nil && p.LeadID == c.PersonID)
}

func (s Service) checkMember(ctx context.Context, field string, id uuid.UUID) error {
	if id == uuid.Nil {
		return nil
	}
	ok, err := s.Store.IsMember(ctx, id)
	if err != nil {
		return fmt.Errorf("check member: %w", err)
	}
	if !ok {
		return domain.InvalidField(field, "choose a member of this area")
	}
	return nil
}

// CreatePlan sets up the practice improvement plan or a service's local
// plan. QA leads and administrators only; returns domain.ErrInvalid for
// bad fields, domain.ErrForbidden for anyone else and domain.ErrConflict
// when the area or service already has that plan.
func (s Service) CreatePlan(ctx context.Context, c Caller, p Plan) (Plan, error) {
	if err := p.Validate(); err != nil {
		return Plan{}, err
	}
	if !c.ManageAll {
		return Plan{}, domain.Forbidden("only a QA lead or an administrator sets up plans")
	}
	if err := s.checkMember(ctx, "lead_id", p.LeadID); err != nil {
		return Plan{}, err
	}
	if p.OrganisationID != uuid.Nil {
		ok, err := s.Store.IsOrganisation(ctx, p.OrganisationID)
		if err != nil {
			return Plan{}, fmt.Errorf("check organisation: %w", err)
		}
		if !ok {
			return Plan{}, domain.InvalidField("organisation_id", "choose one of this area's services")
		}
	}
	p.ID, p.CreatedBy = uuid.New(), c.PersonID
	created, err := s.Store.CreatePlan(ctx, p)
	if err != nil {
		return Plan{}, fmt.Errorf("create plan: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "action_plan", created.ID, nil,
		created.fields()); err != nil {
		return Plan{}, fmt.Errorf("record plan creation: %w", err)
	}
	return created, nil
}

// FindPlanByID returns one of the area's plans. Anyone who reads plans.
func (s Service) FindPlanByID(ctx context.Context, id uuid.UUID) (Plan, error) {
	return s.Store.FindPlan(ctx, id)
}

// ListPlans returns a page of plans, the practice plan first, then local
// plans by service name. Anyone who reads plans.
func (s Service) ListPlans(ctx context.Context, f PlanFilter, p domain.Page) (domain.List[Plan], error) {
	return s.Store.ListPlans(ctx, f, p.Normalised())
}

// UpdatePlan changes a plan loaded at version. QA leads and administrators
// change anything; a plan's lead may retitle it but not hand it on.
// Returns domain.ErrStale, domain.ErrForbidden or domain.ErrInvalid.
func (s Service) UpdatePlan(ctx context.Context, c Caller, id uuid.UUID, version int,
	patch PlanPatch) (Plan, error) {
	current, err := s.Store.FindPlan(ctx, id)
	if err != nil {
		return Plan{}, fmt.Errorf("load plan: %w", err)
	}
	if !mayKeep(c, current) || (patch.LeadID != nil && !c.ManageAll) {
		return Plan{}, domain.Forbidden("you may not change this plan")
	}
	if current.Version != version {
		return Plan{}, domain.Stale("the plan")
	}
	changed := current.Apply(patch)
	if err := changed.Validate(); err != nil {
		return Plan{}, err
	}
	if err := s.checkMember(ctx, "lead_id", changed.LeadID); err != nil {
		return Plan{}, err
	}
	saved, err := s.Store.UpdatePlan(ctx, changed, version)
	if err != nil {
		return Plan{}, fmt.Errorf("update plan: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "action_plan", saved.ID, current.fields(),
		saved.fields()); err != nil {
		return Plan{}, fmt.Errorf("record plan change: %w", err)
	}
	return saved, nil
}

// CreateAction adds an action to a plan. QA leads and administrators, and
// the plan's lead; returns domain.ErrInvalid (a missing plan is an invalid
// plan_id) or domain.ErrForbidden.
func (s Service) CreateAction(ctx context.Context, c Caller, a Action) (Action, error) {
	if a.PlanID == uuid.Nil {
		return Action{}, domain.InvalidField("plan_id", "choose the plan this action belongs to")
	}
	if err := a.Validate(); err != nil {
		return Action{}, err
	}
	plan, err := s.Store.FindPlan(ctx, a.PlanID)
	if domain.IsNotFound(err) {
		return Action{}, domain.InvalidField("plan_id", "choose one of this area's plans")
	}
	if err != nil {
		return Action{}, fmt.Errorf("load plan: %w", err)
	}
	if !mayKeep(c, plan) {
		return Action{}, domain.Forbidden("only the plan's lead, a QA lead or an administrator adds actions")
	}
	if err := s.checkMember(ctx, "owner_id", a.OwnerID); err != nil {
		return Action{}, err
	}
	a.ID, a.CreatedBy = uuid.New(), c.PersonID
	created, err := s.Store.CreateAction(ctx, a)
	if err != nil {
		return Action{}, fmt.Errorf("create action: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "action", created.ID, nil,
		created.fields()); err != nil {
		return Action{}, fmt.Errorf("record action creation: %w", err)
	}
	return created, nil
}

// FindActionByID returns an action with its plan, owner and progress
// updates. Anyone who reads plans.
func (s Service) FindActionByID(ctx context.Context, id uuid.UUID) (Action, error) {
	a, err := s.Store.FindAction(ctx, id, false)
	if err != nil {
		return Action{}, err
	}
	if a.Updates, err = s.Store.ListUpdates(ctx, id); err != nil {
		return Action{}, fmt.Errorf("list progress updates: %w", err)
	}
	return a, nil
}

// ListActions returns a page of actions, soonest due first. Anyone who
// reads plans.
func (s Service) ListActions(ctx context.Context, f ActionFilter,
	p domain.Page) (domain.List[Action], error) {
	f.Today = s.today()
	return s.Store.ListActions(ctx, f, p.Normalised())
}

// OverdueActions lists every open action of the current tenant past its
// due date, for the daily reminders. No caller: the job queue runs it.
func (s Service) OverdueActions(ctx context.Context) ([]Action, error) {
	overdue := true
	f := ActionFilter{Overdue: &overdue, Today: s.today()}
	var out []Action
	page := domain.Page{Limit: domain.MaxPageLimit}
	for {
		list, err := s.Store.ListActions(ctx, f, page)
		if err != nil {
			return nil, err
		}
		out = append(out, list.Items...)
		if list.NextCursor == "" {
			return out, nil
		}
		page.Cursor = list.NextCursor
	}
}

// Today is the date the service counts overdue actions from.
func (s Service) Today() time.Time { return s.today() }

// UpdateAction changes an action loaded at version. QA leads and
// administrators, and the lead of the action's plan; returns
// domain.ErrStale, domain.ErrForbidden or domain.ErrInvalid.
func (s Service) UpdateAction(ctx context.Context, c Caller, id uuid.UUID, version int,
	patch ActionPatch) (Action, error) {
	current, err := s.Store.FindAction(ctx, id, true)
	if err != nil {
		return Action{}, fmt.Errorf("load action: %w", err)
	}
	if !mayKeep(c, current.Plan) {
		return Action{}, domain.Forbidden("only the plan's lead, a QA lead or an administrator changes actions")
	}
	if current.Version != version {
		return Action{}, domain.Stale("the action")
	}
	changed := current.Apply(patch)
	if err := changed.Validate(); err != nil {
		return Action{}, err
	}
	if patch.OwnerID != nil {
		if err := s.checkMember(ctx, "owner_id", changed.OwnerID); err != nil {
			return Action{}, err
		}
	}
	saved, err := s.Store.UpdateAction(ctx, changed, version)
	if err != nil {
		return Action{}, fmt.Errorf("update action: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "action", saved.ID, current.fields(),
		saved.fields()); err != nil {
		return Action{}, fmt.Errorf("record action change: %w", err)
	}
	return s.FindActionByID(ctx, id)
}

// AddUpdate appends a progress update to an action and returns the action
// with every update. QA leads and administrators, the plan's lead and the
// action's owner; returns domain.ErrInvalid or domain.ErrForbidden.
func (s Service) AddUpdate(ctx context.Context, c Caller, actionID uuid.UUID, u Update) (Action, error) {
	a, err := s.Store.FindAction(ctx, actionID, false)
	if err != nil {
		return Action{}, fmt.Errorf("load action: %w", err)
	}
	if err := u.Validate(s.today()); err != nil {
		return Action{}, err
	}
	if !mayKeep(c, a.Plan) && a.OwnerID != c.PersonID {
		return Action{}, domain.Forbidden("only the action's owner, the plan's lead, a QA lead " +
			"or an administrator writes progress")
	}
	u.ID, u.ActionID, u.AuthorID = uuid.New(), actionID, c.PersonID
	saved, err := s.Store.AddUpdate(ctx, u)
	if err != nil {
		return Action{}, fmt.Errorf("add progress update: %w", err)
	}
	after := map[string]any{"action_id": actionID.String(),
		"written_on": saved.WrittenOn.Format(time.DateOnly), "body": saved.Body}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "action_update", saved.ID, nil, after); err != nil {
		return Action{}, fmt.Errorf("record progress update: %w", err)
	}
	return s.FindActionByID(ctx, actionID)
}

func (p Plan) fields() map[string]any {
	out := map[string]any{"kind": string(p.Kind), "title": p.Title}
	if p.OrganisationID != uuid.Nil {
		out["organisation_id"] = p.OrganisationID.String()
	}
	if p.LeadID != uuid.Nil {
		out["lead_id"] = p.LeadID.String()
	}
	return out
}

func (a Action) fields() map[string]any {
	out := map[string]any{"plan_id": a.PlanID.String(), "title": a.Title,
		"description": a.Description, "owner_id": a.OwnerID.String(),
		"due_on": a.DueOn.Format(time.DateOnly), "status": string(a.Status), "rag": string(a.RAG),
		"impact": a.Impact}
	if a.Source != nil {
		out["source_kind"], out["source_id"] = string(a.Source.Kind), a.Source.ID.String()
	}
	return out
}
