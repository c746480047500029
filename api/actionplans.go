package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/actionplan"
	"sendqa/domain/audit"
	"sendqa/domain/store"
)

// actionPlanRoutes are the practice improvement plan, services' local
// plans and their actions.
func (s *Server) actionPlanRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/action-plans",
			Access: tenant("action_plans", "read"), handler: s.listActionPlans},
		{Method: "POST", Path: "/api/v1/t/:tenant/action-plans", Creates: true,
			Access: tenant("action_plans", "write"), handler: s.createActionPlan},
		{Method: "GET", Path: "/api/v1/t/:tenant/action-plans/:id",
			Access: tenant("action_plans", "read"), handler: s.getActionPlan},
		{Method: "PATCH", Path: "/api/v1/t/:tenant/action-plans/:id",
			Access: tenant("action_plans", "write"), handler: s.updateActionPlan},
		{Method: "GET", Path: "/api/v1/t/:tenant/actions",
			Access: tenant("action_plans", "read"), handler: s.listActions},
		{Method: "POST", Path: "/api/v1/t/:tenant/actions", Creates: true,
			Access: tenant("action_plans", "write"), handler: s.createAction},
		{Method: "GET", Path: "/api/v1/t/:tenant/actions/:id",
			Access: tenant("action_plans", "read"), handler: s.getAction},
		{Method: "PATCH", Path: "/api/v1/t/:tenant/actions/:id",
			Access: tenant("action_plans", "write"), handler: s.updateAction},
		{Method: "POST", Path: "/api/v1/t/:tenant/actions/:id/updates", Creates: true,
			Access: tenant("action_plans", "write"), handler: s.addActionUpdate},
		{Method: "GET", Path: "/api/v1/t/:tenant/actions/:id/follow-ups",
			Access: tenant("action_plans", "read"), handler: s.listFollowUps},
		{Method: "POST", Path: "/api/v1/t/:tenant/actions/:id/follow-ups", Creates: true,
			Access: tenant("rounds", "write"), handler: s.scheduleFollowUp},
	}
}

// actionPlans is the plan service, built on the server's database and
// trail, reading today's date from the clock.
func (s *Server) actionPlans() actionplan.Service {
	return actionplan.Service{Store: store.ActionPlans{},
		Trail: audit.Recorder{Store: store.Trail{}, Now: time.Now}, Now: time.Now}
}

// planCaller is the caller as the plan service sees them: whether the
// policy lets them keep every plan, or only the ones they lead.
func (s *Server) planCaller(c echo.Context) (actionplan.Caller, error) {
	p, _ := principalOf(c)
	all, err := s.policy.Allowed(p.PersonID, tenantOf(c).ID, "action_plans", "manage_all")
	if err != nil {
		return actionplan.Caller{}, err
	}
	return actionplan.Caller{PersonID: p.PersonID, ManageAll: all}, nil
}

// ActionPlanRequest sets up a plan.
type ActionPlanRequest struct {
	Kind  string `json:"kind" enums:"practice,local" example:"local"`
	Title string `json:"title" example:"Educational Psychology local plan"`
	// OrganisationID is the service a local plan belongs to.
	OrganisationID *string `json:"organisation_id,omitempty" format:"uuid"`
	// LeadID is the member who leads the plan; a local plan's lead keeps it.
	LeadID *string `json:"lead_id,omitempty" format:"uuid"`
} // @name ActionPlanRequest

// ActionPlanPatchRequest changes a plan's title or lead.
type ActionPlanPatchRequest struct {
	Title *string `json:"title,omitempty"`
	// LeadID "" removes the lead.
	LeadID *string `json:"lead_id,omitempty" format:"uuid"`
} // @name ActionPlanPatchRequest

// ActionPlanResponse is a plan.
type ActionPlanResponse struct {
	ID               string    `json:"id" format:"uuid"`
	Kind             string    `json:"kind" enums:"practice,local"`
	Title            string    `json:"title"`
	OrganisationID   *string   `json:"organisation_id" format:"uuid"`
	OrganisationName string    `json:"organisation_name"`
	LeadID           *string   `json:"lead_id" format:"uuid"`
	LeadName         string    `json:"lead_name"`
	Version          int       `json:"version" example:"1"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
} // @name ActionPlanResponse

// ActionPlanList is a page of plans.
type ActionPlanList struct {
	Items      []ActionPlanResponse `json:"items"`
	NextCursor *string              `json:"next_cursor"`
} // @name ActionPlanList

func actionPlanResponse(p actionplan.Plan) ActionPlanResponse {
	return ActionPlanResponse{ID: p.ID.String(), Kind: string(p.Kind), Title: p.Title,
		OrganisationID: optionalID(p.OrganisationID), OrganisationName: p.OrganisationName,
		LeadID: optionalID(p.LeadID), LeadName: p.LeadName, Version: p.Version,
		CreatedAt: p.CreatedAt.UTC(), UpdatedAt: p.UpdatedAt.UTC()}
}

// listActionPlans lists the practice plan, then local plans by service.
//
//	@Summary	List improvement plans
//	@Tags		action plans
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		kind			query		string	false	"Only this kind"	Enums(practice, local)
//	@Param		organisation_id	query		string	false	"Only this service's plan"	format(uuid)
//	@Param		limit			query		int		false	"Page size, 1 to 200"
//	@Param		cursor			query		string	false	"Next page"
//	@Success	200				{object}	ActionPlanList
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/action-plans [get]
func (s *Server) listActionPlans(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	var f actionplan.PlanFilter
	if k := c.QueryParam("kind"); k != "" {
		kind := actionplan.Kind(k)
		f.Kind = &kind
	}
	if f.OrganisationID, err = queryID(c, "organisation_id"); err != nil {
		return err
	}
	list, err := s.actionPlans().ListPlans(c.Request().Context(), f, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, actionPlanResponse))
}

// queryID reads an optional id from the query string.
func queryID(c echo.Context, name string) (*uuid.UUID, error) {
	v := c.QueryParam(name)
	if v == "" {
		return nil, nil
	}
	id, err := uuid.Parse(v)
	if err != nil {
		return nil, domain.InvalidField(name, "must be an id")
	}
	return &id, nil
}

// createActionPlan sets up the practice plan or a service's local plan.
//
//	@Summary	Set up an improvement plan
//	@Tags		action plans
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string				true	"Tenant slug"
//	@Param		Idempotency-Key	header		string				false	"Replays the first response for 24 hours"
//	@Param		body			body		ActionPlanRequest	true	"The plan"
//	@Success	201				{object}	ActionPlanResponse
//	@Header		201				{string}	ETag		"The plan's version"
//	@Header		201				{string}	Location	"The plan"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/action-plans [post]
func (s *Server) createActionPlan(c echo.Context) error {
	var req ActionPlanRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	org, err := parseOptionalID("organisation_id", req.OrganisationID)
	if err != nil {
		return err
	}
	lead, err := parseOptionalID("lead_id", req.LeadID)
	if err != nil {
		return err
	}
	caller, err := s.planCaller(c)
	if err != nil {
		return err
	}
	p, err := s.actionPlans().CreatePlan(c.Request().Context(), caller, actionplan.Plan{
		Kind: actionplan.Kind(req.Kind), Title: req.Title, OrganisationID: org, LeadID: lead})
	if err != nil {
		return err
	}
	return writeCreated(c, p.ID, p.Version, actionPlanResponse(p))
}

// getActionPlan reads one plan.
//
//	@Summary	Read an improvement plan
//	@Tags		action plans
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Plan id"	format(uuid)
//	@Success	200		{object}	ActionPlanResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/action-plans/{id} [get]
func (s *Server) getActionPlan(c echo.Context) error {
	id, err := pathID(c, "id", "plan")
	if err != nil {
		return err
	}
	p, err := s.actionPlans().FindPlanByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	return c.JSON(http.StatusOK, actionPlanResponse(p))
}

// updateActionPlan retitles a plan or hands it to another lead.
//
//	@Summary	Change an improvement plan
//	@Tags		action plans
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string					true	"Tenant slug"
//	@Param		id			path		string					true	"Plan id"	format(uuid)
//	@Param		If-Match	header		string					true	"The ETag of the version being changed"
//	@Param		body		body		ActionPlanPatchRequest	true	"The fields to change"
//	@Success	200			{object}	ActionPlanResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/action-plans/{id} [patch]
func (s *Server) updateActionPlan(c echo.Context) error {
	id, err := pathID(c, "id", "plan")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req ActionPlanPatchRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	patch := actionplan.PlanPatch{Title: req.Title}
	if req.LeadID != nil {
		lead, err := parseOptionalID("lead_id", req.LeadID)
		if err != nil {
			return err
		}
		patch.LeadID = &lead
	}
	caller, err := s.planCaller(c)
	if err != nil {
		return err
	}
	p, err := s.actionPlans().UpdatePlan(c.Request().Context(), caller, id, version, patch)
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	return c.JSON(http.StatusOK, actionPlanResponse(p))
}

// SourceBody names the finding that caused an action.
type SourceBody struct {
	Kind string `json:"kind" enums:"response,moderation,feedback,visit" example:"response"`
	ID   string `json:"id" format:"uuid"`
} // @name ActionSource

// ActionRequest adds an action to a plan.
type ActionRequest struct {
	PlanID      string `json:"plan_id" format:"uuid"`
	Title       string `json:"title" example:"Make every outcome SMART"`
	Description string `json:"description,omitempty"`
	OwnerID     string `json:"owner_id" format:"uuid"`
	DueOn       string `json:"due_on" format:"date" example:"2026-12-01"`
	// Status defaults to not_started, RAG to amber.
	Status string      `json:"status,omitempty" enums:"not_started,in_progress,completed,cancelled"`
	RAG    string      `json:"rag,omitempty" enums:"red,amber,green"`
	Impact string      `json:"impact,omitempty"`
	Source *SourceBody `json:"source,omitempty"`
} // @name ActionRequest

// ActionPatchRequest changes some fields of an action.
type ActionPatchRequest struct {
	Title       *string     `json:"title,omitempty"`
	Description *string     `json:"description,omitempty"`
	OwnerID     *string     `json:"owner_id,omitempty" format:"uuid"`
	DueOn       *string     `json:"due_on,omitempty" format:"date"`
	Status      *string     `json:"status,omitempty" enums:"not_started,in_progress,completed,cancelled"`
	RAG         *string     `json:"rag,omitempty" enums:"red,amber,green"`
	Impact      *string     `json:"impact,omitempty"`
	Source      *SourceBody `json:"source,omitempty"`
} // @name ActionPatchRequest

// ActionUpdateRequest writes progress on an action.
type ActionUpdateRequest struct {
	// WrittenOn defaults to today.
	WrittenOn string `json:"written_on,omitempty" format:"date" example:"2026-11-02"`
	Body      string `json:"body" example:"Training delivered to all coordinators"`
} // @name ActionUpdateRequest

// ActionUpdateResponse is one progress update.
type ActionUpdateResponse struct {
	ID         string    `json:"id" format:"uuid"`
	WrittenOn  string    `json:"written_on" format:"date"`
	Body       string    `json:"body"`
	AuthorID   string    `json:"author_id" format:"uuid"`
	AuthorName string    `json:"author_name"`
	RecordedAt time.Time `json:"recorded_at"`
} // @name ActionUpdateResponse

// ActionResponse is an action with its plan, and on its own page its
// progress updates.
type ActionResponse struct {
	ID          string             `json:"id" format:"uuid"`
	Plan        ActionPlanResponse `json:"plan"`
	Title       string             `json:"title"`
	Description string             `json:"description"`
	OwnerID     string             `json:"owner_id" format:"uuid"`
	OwnerName   string             `json:"owner_name"`
	DueOn       string             `json:"due_on" format:"date"`
	Status      string             `json:"status" enums:"not_started,in_progress,completed,cancelled"`
	RAG         string             `json:"rag" enums:"red,amber,green"`
	// Overdue is true when the action is still open after its due date.
	Overdue   bool                   `json:"overdue"`
	Impact    string                 `json:"impact"`
	Source    *SourceBody            `json:"source"`
	Updates   []ActionUpdateResponse `json:"updates"`
	Version   int                    `json:"version" example:"1"`
	CreatedAt time.Time              `json:"created_at"`
	UpdatedAt time.Time              `json:"updated_at"`
} // @name ActionResponse

// ActionList is a page of actions.
type ActionList struct {
	Items      []ActionResponse `json:"items"`
	NextCursor *string          `json:"next_cursor"`
} // @name ActionList

func actionResponse(today time.Time) func(actionplan.Action) ActionResponse {
	return func(a actionplan.Action) ActionResponse {
		out := ActionResponse{ID: a.ID.String(), Plan: actionPlanResponse(a.Plan), Title: a.Title,
			Description: a.Description, OwnerID: a.OwnerID.String(), OwnerName: a.OwnerName,
			DueOn: a.DueOn.Format(time.DateOnly), Status: string(a.Status), RAG: string(a.RAG),
			Overdue: a.Overdue(today), Impact: a.Impact, Updates: []ActionUpdateResponse{},
			Version: a.Version, CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC()}
		if a.Source != nil {
			out.Source = &SourceBody{Kind: string(a.Source.Kind), ID: a.Source.ID.String()}
		}
		for _, u := range a.Updates {
			out.Updates = append(out.Updates, ActionUpdateResponse{ID: u.ID.String(),
				WrittenOn: u.WrittenOn.Format(time.DateOnly), Body: u.Body, AuthorID: u.AuthorID.String(),
				AuthorName: u.AuthorName, RecordedAt: u.RecordedAt.UTC()})
		}
		return out
	}
}

func parseSource(b *SourceBody, p *domain.Problems) *actionplan.Source {
	if b == nil {
		return nil
	}
	id, err := uuid.Parse(b.ID)
	if err != nil {
		p.Add("source.id", "must be an id")
	}
	return &actionplan.Source{Kind: actionplan.SourceKind(b.Kind), ID: id}
}

func parseRequiredID(field, s string, p *domain.Problems) uuid.UUID {
	if s == "" {
		return uuid.Nil
	}
	id, err := uuid.Parse(s)
	if err != nil {
		p.Add(field, "must be an id")
	}
	return id
}

// listActions lists actions, soonest due first.
//
//	@Summary	List actions
//	@Tags		action plans
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		plan_id			query		string	false	"Only this plan's actions"	format(uuid)
//	@Param		plan_kind		query		string	false	"Only actions of this kind of plan"	Enums(practice, local)
//	@Param		organisation_id	query		string	false	"Only this service's local plan"	format(uuid)
//	@Param		owner_id		query		string	false	"Only this owner's actions"	format(uuid)
//	@Param		status			query		string	false	"Only this status"	Enums(not_started, in_progress, completed, cancelled)
//	@Param		rag				query		string	false	"Only this rating"	Enums(red, amber, green)
//	@Param		overdue			query		bool	false	"Only open actions past their due date, or only the others"
//	@Param		limit			query		int		false	"Page size, 1 to 200"
//	@Param		cursor			query		string	false	"Next page"
//	@Success	200				{object}	ActionList
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/actions [get]
func (s *Server) listActions(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	f, err := actionFilter(c)
	if err != nil {
		return err
	}
	svc := s.actionPlans()
	list, err := svc.ListActions(c.Request().Context(), f, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, actionResponse(svc.Today())))
}

func actionFilter(c echo.Context) (actionplan.ActionFilter, error) {
	var (
		f   actionplan.ActionFilter
		err error
	)
	for name, dst := range map[string]**uuid.UUID{"plan_id": &f.PlanID,
		"organisation_id": &f.OrganisationID, "owner_id": &f.OwnerID} {
		if *dst, err = queryID(c, name); err != nil {
			return f, err
		}
	}
	if v := c.QueryParam("plan_kind"); v != "" {
		k := actionplan.Kind(v)
		f.PlanKind = &k
	}
	if v := c.QueryParam("status"); v != "" {
		st := actionplan.Status(v)
		f.Status = &st
	}
	if v := c.QueryParam("rag"); v != "" {
		r := actionplan.RAG(v)
		f.RAG = &r
	}
	if v := c.QueryParam("overdue"); v != "" {
		overdue, err := strconv.ParseBool(v)
		if err != nil {
			return f, domain.InvalidField("overdue", "must be true or false")
		}
		f.Overdue = &overdue
	}
	return f, nil
}

// createAction adds an action to a plan.
//
//	@Summary	Add an action
//	@Tags		action plans
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		ActionRequest	true	"The action"
//	@Success	201				{object}	ActionResponse
//	@Header		201				{string}	ETag		"The action's version"
//	@Header		201				{string}	Location	"The action"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/actions [post]
func (s *Server) createAction(c echo.Context) error {
	var req ActionRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	a := actionplan.Action{PlanID: parseRequiredID("plan_id", req.PlanID, &p), Title: req.Title,
		Description: req.Description, OwnerID: parseRequiredID("owner_id", req.OwnerID, &p),
		DueOn: parseDate("due_on", req.DueOn, &p), Status: actionplan.Status(req.Status),
		RAG: actionplan.RAG(req.RAG), Impact: req.Impact, Source: parseSource(req.Source, &p)}
	if err := p.Err(); err != nil {
		return err
	}
	if a.Status == "" {
		a.Status = actionplan.NotStarted
	}
	if a.RAG == "" {
		a.RAG = actionplan.Amber
	}
	caller, err := s.planCaller(c)
	if err != nil {
		return err
	}
	svc := s.actionPlans()
	out, err := svc.CreateAction(c.Request().Context(), caller, a)
	if err != nil {
		return err
	}
	return writeCreated(c, out.ID, out.Version, actionResponse(svc.Today())(out))
}

// getAction reads an action with its progress updates.
//
//	@Summary	Read an action
//	@Tags		action plans
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Action id"	format(uuid)
//	@Success	200		{object}	ActionResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/actions/{id} [get]
func (s *Server) getAction(c echo.Context) error {
	id, err := pathID(c, "id", "action")
	if err != nil {
		return err
	}
	svc := s.actionPlans()
	a, err := svc.FindActionByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	return c.JSON(http.StatusOK, actionResponse(svc.Today())(a))
}

// updateAction changes an action: its status, RAG, owner, due date or
// evidence of impact.
//
//	@Summary	Change an action
//	@Tags		action plans
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string				true	"Tenant slug"
//	@Param		id			path		string				true	"Action id"	format(uuid)
//	@Param		If-Match	header		string				true	"The ETag of the version being changed"
//	@Param		body		body		ActionPatchRequest	true	"The fields to change"
//	@Success	200			{object}	ActionResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/actions/{id} [patch]
func (s *Server) updateAction(c echo.Context) error {
	id, err := pathID(c, "id", "action")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req ActionPatchRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	patch, err := actionPatch(req)
	if err != nil {
		return err
	}
	caller, err := s.planCaller(c)
	if err != nil {
		return err
	}
	svc := s.actionPlans()
	a, err := svc.UpdateAction(c.Request().Context(), caller, id, version, patch)
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	return c.JSON(http.StatusOK, actionResponse(svc.Today())(a))
}

func actionPatch(req ActionPatchRequest) (actionplan.ActionPatch, error) {
	var p domain.Problems
	patch := actionplan.ActionPatch{Title: req.Title, Description: req.Description, Impact: req.Impact}
	if req.OwnerID != nil {
		owner := parseRequiredID("owner_id", *req.OwnerID, &p)
		patch.OwnerID = &owner
	}
	if req.DueOn != nil {
		due := parseDate("due_on", *req.DueOn, &p)
		patch.DueOn = &due
	}
	if req.Status != nil {
		st := actionplan.Status(*req.Status)
		patch.Status = &st
	}
	if req.RAG != nil {
		r := actionplan.RAG(*req.RAG)
		patch.RAG = &r
	}
	if req.Source != nil {
		src := parseSource(req.Source, &p)
		patch.Source = &src
	}
	return patch, p.Err()
}

// addActionUpdate writes progress on an action. Progress updates are
// never changed or removed.
//
//	@Summary	Write progress on an action
//	@Tags		action plans
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string				true	"Tenant slug"
//	@Param		id				path		string				true	"Action id"	format(uuid)
//	@Param		Idempotency-Key	header		string				false	"Replays the first response for 24 hours"
//	@Param		body			body		ActionUpdateRequest	true	"The progress"
//	@Success	201				{object}	ActionResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/actions/{id}/updates [post]
func (s *Server) addActionUpdate(c echo.Context) error {
	id, err := pathID(c, "id", "action")
	if err != nil {
		return err
	}
	var req ActionUpdateRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	svc := s.actionPlans()
	var p domain.Problems
	written := svc.Today()
	if req.WrittenOn != "" {
		written = parseDate("written_on", req.WrittenOn, &p)
	}
	if err := p.Err(); err != nil {
		return err
	}
	caller, err := s.planCaller(c)
	if err != nil {
		return err
	}
	a, err := svc.AddUpdate(c.Request().Context(), caller, id,
		actionplan.Update{WrittenOn: written, Body: req.Body})
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	return c.JSON(http.StatusCreated, actionResponse(svc.Today())(a))
}
