package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/identity"
	"sendqa/domain/instrument"
	"sendqa/domain/store"
	"sendqa/domain/visit"
)

// visitRoutes are young people's site visits and their accounts.
func (s *Server) visitRoutes() []Route {
	return []Route{
		{Method: "POST", Path: "/api/v1/auth/code-login", Access: auth(), handler: s.codeLogin},
		{Method: "GET", Path: "/api/v1/t/:tenant/young-people",
			Access: tenant("young_people", "read"), handler: s.listYoungPeople},
		{Method: "POST", Path: "/api/v1/t/:tenant/young-people", Creates: true,
			Access: tenant("young_people", "write"), handler: s.createYoungPerson},
		{Method: "POST", Path: "/api/v1/t/:tenant/young-people/:id/code",
			Access: tenant("young_people", "write"), handler: s.resetYoungPersonCode},
		{Method: "GET", Path: "/api/v1/t/:tenant/visits",
			Access: tenant("visits", "read"), handler: s.listVisits},
		{Method: "POST", Path: "/api/v1/t/:tenant/visits", Creates: true,
			Access: tenant("visits", "write"), handler: s.createVisit},
		{Method: "GET", Path: "/api/v1/t/:tenant/visits/overview",
			Access: tenant("visits", "overview"), handler: s.visitOverview},
		{Method: "GET", Path: "/api/v1/t/:tenant/visits/instrument",
			Access: tenant("visits", "read"), handler: s.visitInstrument},
		{Method: "GET", Path: "/api/v1/t/:tenant/visits/:id",
			Access: tenant("visits", "read"), handler: s.getVisit},
		{Method: "PUT", Path: "/api/v1/t/:tenant/visits/:id",
			Access: tenant("visits", "write"), handler: s.saveVisit},
		{Method: "POST", Path: "/api/v1/t/:tenant/visits/:id/submit",
			Access: tenant("visits", "write"), handler: s.submitVisit},
		{Method: "POST", Path: "/api/v1/t/:tenant/visits/:id/photos", Creates: true,
			BodyLimit: visit.MaxPhotoBytes + 1<<10,
			Access:    tenant("visits", "write"), handler: s.addVisitPhoto},
		{Method: "GET", Path: "/api/v1/t/:tenant/visits/:id/photos/:photo_id",
			Access: tenant("visits", "read"), handler: s.getVisitPhoto},
		{Method: "POST", Path: "/api/v1/t/:tenant/visits/:id/review",
			Access: tenant("visits", "review"), handler: s.reviewVisit},
		{Method: "POST", Path: "/api/v1/t/:tenant/visits/:id/concern",
			Access: tenant("visits", "review"), handler: s.raiseVisitConcern},
		{Method: "PUT", Path: "/api/v1/t/:tenant/visits/:id/answer",
			Access: tenant("visits", "answer"), handler: s.answerVisit},
	}
}

// visitService is the visit service on the server's stores, with the
// response service's photo bucket and clock.
func (s *Server) visitService() visit.Service {
	return visit.Service{Store: store.Visits{}, People: s.tenancy, Codes: s.identity,
		Plans: s.actionPlans(), Notices: store.Responses{}, Blobs: s.responses.Blobs,
		Trail: audit.Recorder{Store: store.Trail{}, Now: s.responses.Now}, Now: s.responses.Now}
}

func (s *Server) visitViewer(c echo.Context) (visit.Viewer, error) {
	p, _ := principalOf(c)
	t := tenantOf(c).ID
	v := visit.Viewer{PersonID: p.PersonID}
	var err error
	if v.Review, err = s.policy.Allowed(p.PersonID, t, "visits", "review"); err != nil {
		return v, err
	}
	if v.Answer, err = s.policy.Allowed(p.PersonID, t, "visits", "answer"); err != nil {
		return v, err
	}
	v.AllServices, err = s.policy.Allowed(p.PersonID, t, "action_plans", "manage_all")
	return v, err
}

// CodeLoginRequest signs a young person in without e-mail.
type CodeLoginRequest struct {
	Tenant string `json:"tenant" example:"wolverhampton"`
	// Code is the invitation code from their participation officer, in
	// any case, with or without the hyphen.
	Code string `json:"code" example:"K7PM-X4QA"`
	// Passphrase is chosen at the first sign-in with a code.
	Passphrase string `json:"passphrase" example:"green bus stop"`
} // @name CodeLoginRequest

// codeLogin signs a young person in with their invitation code and
// passphrase.
//
//	@Summary		Sign in with an invitation code
//	@Description	For young people, who have no e-mail. At the first sign-in with a code the passphrase given becomes theirs (at least 8 characters, not a common password). Attempts are slowed per code and per address; nothing locks the account, and the participation officer can issue a new code.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			X-Requested-With	header		string				true	"Must be sendqa"
//	@Param			body				body		CodeLoginRequest	true	"Code and passphrase"
//	@Success		200					{object}	MeResponse
//	@Failure		400					{object}	Problem
//	@Failure		401					{object}	Problem
//	@Failure		403					{object}	Problem
//	@Failure		415					{object}	Problem
//	@Failure		422					{object}	Problem	"The first passphrase is too short or too common"
//	@Failure		429					{object}	Problem
//	@Router			/api/v1/auth/code-login [post]
func (s *Server) codeLogin(c echo.Context) error {
	var req CodeLoginRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := s.tenants.find(ctx, req.Tenant)
	if domain.IsNotFound(err) {
		return identity.ErrBadCode
	}
	if err != nil {
		return err
	}
	var tokens identity.Tokens
	// Attempts are counted even when the answer is an error, so the
	// transaction commits whatever the outcome.
	var outcome error
	err = s.db.InScope(ctx, domain.Scope{TenantID: t.ID}, func(ctx context.Context) error {
		tokens, outcome = s.identity.CodeLogin(ctx, req.Code, req.Passphrase, c.RealIP())
		if errors.Is(outcome, domain.ErrInvalid) {
			return outcome // a refused first passphrase saves nothing
		}
		return nil
	})
	if err != nil {
		return err
	}
	if outcome != nil {
		return outcome
	}
	setSessionCookies(c, tokens)
	return s.writeMe(c, tokens.PersonID, &SessionResponse{
		IdleExpiresAt: tokens.IdleExpiresAt.UTC(), AbsoluteExpiresAt: tokens.AbsoluteExpiresAt.UTC()})
}

// YoungPersonRequest creates a young person's account: a first name and
// nothing else.
type YoungPersonRequest struct {
	FirstName string `json:"first_name" example:"Amir"`
} // @name YoungPersonRequest

// YoungPersonResponse is a young person's account. Code is present only
// in the answer that issues it; the sign-in details are for officers.
type YoungPersonResponse struct {
	ID            string     `json:"id" format:"uuid"`
	FirstName     string     `json:"first_name"`
	Code          string     `json:"code,omitempty" example:"K7PM-X4QA"`
	CodeIssuedAt  *time.Time `json:"code_issued_at,omitempty"`
	HasPassphrase bool       `json:"has_passphrase"`
	LastSignInAt  *time.Time `json:"last_sign_in_at,omitempty"`
} // @name YoungPerson

// YoungPersonList is the area's young people.
type YoungPersonList struct {
	Items []YoungPersonResponse `json:"items"`
} // @name YoungPersonList

func youngPersonResponse(y visit.YoungPerson) YoungPersonResponse {
	out := YoungPersonResponse{ID: y.ID.String(), FirstName: y.FirstName,
		HasPassphrase: y.HasPassphrase}
	if !y.CodeIssuedAt.IsZero() {
		at := y.CodeIssuedAt.UTC()
		out.CodeIssuedAt = &at
	}
	if !y.LastSignInAt.IsZero() {
		at := y.LastSignInAt.UTC()
		out.LastSignInAt = &at
	}
	return out
}

// listYoungPeople lists the area's young people by first name; officers
// also see whether each has signed in.
//
//	@Summary	List young people
//	@Tags		visits
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	YoungPersonList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/young-people [get]
func (s *Server) listYoungPeople(c echo.Context) error {
	p, _ := principalOf(c)
	full, err := s.policy.Allowed(p.PersonID, tenantOf(c).ID, "young_people", "write")
	if err != nil {
		return err
	}
	list, err := s.visitService().ListYoungPeople(c.Request().Context(), full)
	if err != nil {
		return err
	}
	out := YoungPersonList{Items: make([]YoungPersonResponse, len(list))}
	for i, y := range list {
		out.Items[i] = youngPersonResponse(y)
	}
	return c.JSON(http.StatusOK, out)
}

// createYoungPerson gives a young person an account and an invitation
// code, shown only in this answer.
//
//	@Summary	Create a young person's account
//	@Tags		visits
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string				true	"Tenant slug"
//	@Param		Idempotency-Key	header		string				false	"Replays the first response for 24 hours"
//	@Param		body			body		YoungPersonRequest	true	"First name"
//	@Success	201				{object}	YoungPersonResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/young-people [post]
func (s *Server) createYoungPerson(c echo.Context) error {
	var req YoungPersonRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	p, _ := principalOf(c)
	y, code, err := s.visitService().CreateYoungPerson(c.Request().Context(), p.PersonID,
		req.FirstName)
	if err != nil {
		return err
	}
	out := youngPersonResponse(y)
	out.Code = code
	c.Response().Header().Set(echo.HeaderLocation, c.Request().URL.Path+"/"+y.ID.String())
	return c.JSON(http.StatusCreated, out)
}

// resetYoungPersonCode issues a new invitation code: the old one stops
// working, the passphrase is cleared and sessions end.
//
//	@Summary	Give a young person a new code
//	@Tags		visits
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Young person id"	format(uuid)
//	@Success	200		{object}	YoungPersonResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/young-people/{id}/code [post]
func (s *Server) resetYoungPersonCode(c echo.Context) error {
	id, err := pathID(c, "id", "young person")
	if err != nil {
		return err
	}
	p, _ := principalOf(c)
	ctx := c.Request().Context()
	code, err := s.visitService().ResetCode(ctx, p.PersonID, id)
	if err != nil {
		return err
	}
	out := YoungPersonResponse{ID: id.String(), Code: code}
	if list, err := s.visitService().ListYoungPeople(ctx, true); err == nil {
		for _, y := range list {
			if y.ID == id {
				out = youngPersonResponse(y)
				out.Code = code
			}
		}
	}
	return c.JSON(http.StatusOK, out)
}

// VisitRequest is a young person's visit: its details and answers.
type VisitRequest struct {
	// OrganisationID is the service visited, when it is one of the area's.
	OrganisationID *string `json:"organisation_id,omitempty" format:"uuid"`
	Place          string  `json:"place,omitempty" example:"Youth centre, Stafford Street"`
	VisitDate      string  `json:"visit_date,omitempty" format:"date" example:"2026-11-20"`
	// People are the other young people who went.
	People []string `json:"people,omitempty" format:"uuid"`
	// Answers are the site visit instrument's answers keyed by question.
	Answers json.RawMessage `json:"answers,omitempty" swaggertype:"object"`
} // @name VisitRequest

func (r VisitRequest) details() (visit.Details, error) {
	var p domain.Problems
	d := visit.Details{Place: r.Place}
	if r.OrganisationID != nil && *r.OrganisationID != "" {
		id, err := uuid.Parse(*r.OrganisationID)
		if err != nil {
			p.Add("organisation_id", "choose one of the services listed")
		}
		d.OrganisationID = id
	}
	if r.VisitDate != "" {
		t, err := time.Parse(time.DateOnly, r.VisitDate)
		if err != nil {
			p.Add("visit_date", "enter the day you went, like 2026-11-20")
		}
		d.VisitDate = t
	}
	for i, s := range r.People {
		id, err := uuid.Parse(s)
		if err != nil {
			p.Add(domain.Path("people", i), "choose young people from the list")
		}
		d.People = append(d.People, id)
	}
	return d, p.Err()
}

// VisitPerson is a young person who went, by first name.
type VisitPerson struct {
	ID        string `json:"id" format:"uuid"`
	FirstName string `json:"first_name"`
} // @name VisitPerson

// VisitHidden is a part of a visit hidden from the service.
type VisitHidden struct {
	Item   string `json:"item" example:"could_be_better"`
	Reason string `json:"reason"`
} // @name VisitHidden

// VisitPhotoResponse is a photo of a visit.
type VisitPhotoResponse struct {
	ID          string    `json:"id" format:"uuid"`
	ContentType string    `json:"content_type" enums:"image/jpeg,image/png"`
	Size        int64     `json:"size"`
	Hidden      bool      `json:"hidden"`
	CreatedAt   time.Time `json:"created_at"`
} // @name VisitPhoto

// VisitActionResponse is an action raised from a visit's answer.
type VisitActionResponse struct {
	ID     string `json:"id" format:"uuid"`
	Title  string `json:"title"`
	DueOn  string `json:"due_on" format:"date"`
	Status string `json:"status"`
} // @name VisitAction

// VisitResponse is a visit as the caller may see it: the service never
// sees hidden parts, and only officers see the review note.
type VisitResponse struct {
	ID               string                `json:"id" format:"uuid"`
	OrganisationID   *string               `json:"organisation_id" format:"uuid"`
	OrganisationName string                `json:"organisation_name"`
	Place            string                `json:"place"`
	VisitDate        string                `json:"visit_date" format:"date"`
	State            string                `json:"state" enums:"draft,submitted,approved,answered"`
	People           []VisitPerson         `json:"people"`
	Answers          json.RawMessage       `json:"answers" swaggertype:"object"`
	OverallLabel     *string               `json:"overall_label" enums:"good,okay,needs_work"`
	Ratings          map[string]float64    `json:"ratings"`
	Hidden           []VisitHidden         `json:"hidden"`
	ReviewNote       string                `json:"review_note"`
	Safeguarding     bool                  `json:"safeguarding"`
	Answer           string                `json:"answer"`
	Actions          []VisitActionResponse `json:"actions"`
	Photos           []VisitPhotoResponse  `json:"photos"`
	SubmittedAt      *time.Time            `json:"submitted_at"`
	ApprovedAt       *time.Time            `json:"approved_at"`
	AnsweredAt       *time.Time            `json:"answered_at"`
	Version          int                   `json:"version"`
	UpdatedAt        time.Time             `json:"updated_at"`
} // @name Visit

// VisitList is a page of visits.
type VisitList struct {
	Items      []VisitResponse `json:"items"`
	NextCursor *string         `json:"next_cursor"`
} // @name VisitList

func visitResponse(v visit.Visit) VisitResponse {
	out := VisitResponse{ID: v.ID.String(), OrganisationID: optionalID(v.OrganisationID),
		OrganisationName: v.OrganisationName, Place: v.Place,
		VisitDate: v.VisitDate.Format(time.DateOnly), State: string(v.State),
		People: make([]VisitPerson, len(v.People)), Answers: v.Answers,
		OverallLabel: optionalText(v.OverallLabel), Ratings: v.Ratings,
		Hidden: make([]VisitHidden, len(v.Hidden)), ReviewNote: v.ReviewNote,
		Safeguarding: v.Safeguarding, Answer: v.Answer,
		Actions: make([]VisitActionResponse, len(v.Actions)),
		Photos:  make([]VisitPhotoResponse, len(v.Photos)), SubmittedAt: v.SubmittedAt,
		ApprovedAt: v.ApprovedAt, AnsweredAt: v.AnsweredAt, Version: v.Version,
		UpdatedAt: v.UpdatedAt.UTC()}
	if len(out.Answers) == 0 {
		out.Answers = json.RawMessage("{}")
	}
	if out.Ratings == nil {
		out.Ratings = map[string]float64{}
	}
	for i, p := range v.People {
		out.People[i] = VisitPerson{ID: p.ID.String(), FirstName: p.FirstName}
	}
	for i, h := range v.Hidden {
		out.Hidden[i] = VisitHidden{Item: h.Item, Reason: h.Reason}
	}
	for i, a := range v.Actions {
		out.Actions[i] = VisitActionResponse{ID: a.ID.String(), Title: a.Title,
			DueOn: a.DueOn.Format(time.DateOnly), Status: a.Status}
	}
	for i, p := range v.Photos {
		out.Photos[i] = VisitPhotoResponse{ID: p.ID.String(), ContentType: p.ContentType, Size: p.Size,
			Hidden: p.Hidden, CreatedAt: p.CreatedAt.UTC()}
	}
	return out
}

func writeVisit(c echo.Context, status int, v visit.Visit) error {
	setETag(c, v.Version)
	return c.JSON(status, visitResponse(v))
}

// listVisits lists the visits the caller may see, latest visit first:
// a young person's own, every visit sent for officers, and approved
// visits to their services for managers.
//
//	@Summary	List visits
//	@Tags		visits
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		limit	query		int		false	"Page size, at most 200"
//	@Param		cursor	query		string	false	"From the previous page"
//	@Success	200		{object}	VisitList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits [get]
func (s *Server) listVisits(c echo.Context) error {
	pg, err := pageParams(c)
	if err != nil {
		return err
	}
	v, err := s.visitViewer(c)
	if err != nil {
		return err
	}
	list, err := s.visitService().ListVisits(c.Request().Context(), v, pg)
	if err != nil {
		return err
	}
	l := listOf(list, visitResponse)
	return c.JSON(http.StatusOK, VisitList{Items: l.Items, NextCursor: l.NextCursor})
}

// createVisit starts a young person's visit as a draft, seen only by the
// young people who went.
//
//	@Summary	Start a visit
//	@Tags		visits
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		VisitRequest	true	"The visit"
//	@Success	201				{object}	VisitResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits [post]
func (s *Server) createVisit(c echo.Context) error {
	var req VisitRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	d, err := req.details()
	if err != nil {
		return err
	}
	v, err := s.visitViewer(c)
	if err != nil {
		return err
	}
	created, err := s.visitService().CreateVisit(c.Request().Context(), v, d, req.Answers)
	if err != nil {
		return err
	}
	return writeCreated(c, created.ID, created.Version, visitResponse(created))
}

// getVisit returns a visit as the caller may see it.
//
//	@Summary	Get a visit
//	@Tags		visits
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Visit id"	format(uuid)
//	@Success	200		{object}	VisitResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits/{id} [get]
func (s *Server) getVisit(c echo.Context) error {
	id, err := pathID(c, "id", "visit")
	if err != nil {
		return err
	}
	v, err := s.visitViewer(c)
	if err != nil {
		return err
	}
	found, err := s.visitService().FindVisit(c.Request().Context(), v, id)
	if err != nil {
		return err
	}
	return writeVisit(c, http.StatusOK, found)
}

// saveVisit saves a draft's details and answers.
//
//	@Summary	Save a draft visit
//	@Tags		visits
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Visit id"	format(uuid)
//	@Param		If-Match	header		string			true	"The version being changed"
//	@Param		body		body		VisitRequest	true	"The visit"
//	@Success	200			{object}	VisitResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Already sent"
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits/{id} [put]
func (s *Server) saveVisit(c echo.Context) error {
	return s.changeDraft(c, visit.Service.SaveDraft)
}

type draftChange func(visit.Service, context.Context, visit.Viewer, uuid.UUID, int, *visit.Details,
	[]byte) (visit.Visit, error)

func (s *Server) changeDraft(c echo.Context, change draftChange) error {
	id, err := pathID(c, "id", "visit")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req VisitRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var details *visit.Details
	if req.Place != "" || req.VisitDate != "" {
		d, err := req.details()
		if err != nil {
			return err
		}
		details = &d
	}
	v, err := s.visitViewer(c)
	if err != nil {
		return err
	}
	saved, err := change(s.visitService(), c.Request().Context(), v, id, version, details, req.Answers)
	if err != nil {
		return err
	}
	return writeVisit(c, http.StatusOK, saved)
}

// submitVisit sends a draft to the participation officer.
//
//	@Summary	Send a visit
//	@Tags		visits
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Visit id"	format(uuid)
//	@Param		If-Match	header		string			true	"The version being sent"
//	@Param		body		body		VisitRequest	true	"The visit's latest details and answers, or {}"
//	@Success	200			{object}	VisitResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Already sent"
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits/{id}/submit [post]
func (s *Server) submitVisit(c echo.Context) error {
	return s.changeDraft(c, visit.Service.Submit)
}

// addVisitPhoto adds a photo to a draft. The body is the picture itself,
// JPEG or PNG; it is stored re-encoded, without location or any other
// metadata.
//
//	@Summary	Add a photo
//	@Tags		visits
//	@Accept		image/jpeg,image/png
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		id				path		string	true	"Visit id"	format(uuid)
//	@Param		Idempotency-Key	header		string	false	"Replays the first response for 24 hours"
//	@Param		body			body		string	true	"The picture"
//	@Success	201				{object}	VisitPhotoResponse
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"Already sent"
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits/{id}/photos [post]
func (s *Server) addVisitPhoto(c echo.Context) error {
	id, err := pathID(c, "id", "visit")
	if err != nil {
		return err
	}
	v, err := s.visitViewer(c)
	if err != nil {
		return err
	}
	p, err := s.visitService().AddPhoto(c.Request().Context(), v, id, c.Request().Body)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return readError(err)
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, c.Request().URL.Path+"/"+p.ID.String())
	return c.JSON(http.StatusCreated, VisitPhotoResponse{ID: p.ID.String(), ContentType: p.ContentType,
		Size: p.Size, Hidden: p.Hidden, CreatedAt: p.CreatedAt.UTC()})
}

// getVisitPhoto sends a photo the caller may see.
//
//	@Summary	Get a photo
//	@Tags		visits
//	@Produce	image/jpeg,image/png
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		id			path		string	true	"Visit id"	format(uuid)
//	@Param		photo_id	path		string	true	"Photo id"	format(uuid)
//	@Success	200			{file}		file
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits/{id}/photos/{photo_id} [get]
func (s *Server) getVisitPhoto(c echo.Context) error {
	visitID, err := pathID(c, "id", "visit")
	if err != nil {
		return err
	}
	id, err := pathID(c, "photo_id", "photo")
	if err != nil {
		return err
	}
	v, err := s.visitViewer(c)
	if err != nil {
		return err
	}
	p, body, err := s.visitService().OpenPhoto(c.Request().Context(), v, id)
	if err != nil {
		return err
	}
	defer body.Close()
	if p.VisitID != visitID {
		return domain.NotFound("photo")
	}
	ext := ".jpg"
	if p.ContentType == "image/png" {
		ext = ".png"
	}
	setDownloadHeaders(c, "visit-photo"+ext)
	c.Response().Header().Set(echo.HeaderContentLength, strconv.FormatInt(p.Size, 10))
	return c.Stream(http.StatusOK, p.ContentType, body)
}

// VisitReviewRequest is the participation officer's review.
type VisitReviewRequest struct {
	// Answers, when given, replace the young people's answers.
	Answers      json.RawMessage `json:"answers,omitempty" swaggertype:"object"`
	Hidden       []VisitHidden   `json:"hidden,omitempty"`
	HiddenPhotos []string        `json:"hidden_photos,omitempty" format:"uuid"`
	Note         string          `json:"note,omitempty"`
	Approve      bool            `json:"approve,omitempty"`
} // @name VisitReviewRequest

// reviewVisit records the officer's review: edits, hidden parts with
// reasons, and approval for the service.
//
//	@Summary	Review a visit
//	@Tags		visits
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string				true	"Tenant slug"
//	@Param		id			path		string				true	"Visit id"	format(uuid)
//	@Param		If-Match	header		string				true	"The version reviewed"
//	@Param		body		body		VisitReviewRequest	true	"The review"
//	@Success	200			{object}	VisitResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Not waiting for review"
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits/{id}/review [post]
func (s *Server) reviewVisit(c echo.Context) error {
	id, err := pathID(c, "id", "visit")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req VisitReviewRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r := visit.Review{Answers: req.Answers, Note: req.Note, Approve: req.Approve}
	for _, h := range req.Hidden {
		r.Hidden = append(r.Hidden, visit.HideRequest{Item: h.Item, Reason: h.Reason})
	}
	for i, p := range req.HiddenPhotos {
		pid, err := uuid.Parse(p)
		if err != nil {
			return domain.InvalidField(domain.Path("hidden_photos", i), "choose photos of this visit")
		}
		r.HiddenPhotos = append(r.HiddenPhotos, pid)
	}
	v, err := s.visitViewer(c)
	if err != nil {
		return err
	}
	saved, err := s.visitService().ReviewVisit(c.Request().Context(), v, id, version, r)
	if err != nil {
		return err
	}
	return writeVisit(c, http.StatusOK, saved)
}

// VisitConcernRequest raises a safeguarding concern from a visit.
type VisitConcernRequest struct {
	Note string `json:"note"`
} // @name VisitConcernRequest

// raiseVisitConcern records a safeguarding concern for the council's
// safeguarding route and hides the visit from everyone but officers.
//
//	@Summary	Raise a safeguarding concern
//	@Tags		visits
//	@Accept		json
//	@Produce	json
//	@Param		tenant	path		string				true	"Tenant slug"
//	@Param		id		path		string				true	"Visit id"	format(uuid)
//	@Param		body	body		VisitConcernRequest	true	"What the concern is"
//	@Success	200		{object}	VisitResponse
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits/{id}/concern [post]
func (s *Server) raiseVisitConcern(c echo.Context) error {
	id, err := pathID(c, "id", "visit")
	if err != nil {
		return err
	}
	var req VisitConcernRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := s.visitViewer(c)
	if err != nil {
		return err
	}
	saved, err := s.visitService().RaiseConcern(c.Request().Context(), v, id, req.Note)
	if err != nil {
		return err
	}
	return writeVisit(c, http.StatusOK, saved)
}

// VisitAnswerRequest is the service's "you said, we did".
type VisitAnswerRequest struct {
	Answer  string                  `json:"answer"`
	Actions []VisitNewActionRequest `json:"actions,omitempty"`
} // @name VisitAnswerRequest

// VisitNewActionRequest is an action for the service's local plan.
type VisitNewActionRequest struct {
	Title string `json:"title"`
	DueOn string `json:"due_on" format:"date"`
} // @name VisitNewActionRequest

// answerVisit records the service's answer, adds its actions to the
// service's local plan and tells the young people who went.
//
//	@Summary	Answer a visit
//	@Tags		visits
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string				true	"Tenant slug"
//	@Param		id			path		string				true	"Visit id"	format(uuid)
//	@Param		If-Match	header		string				true	"The version answered"
//	@Param		body		body		VisitAnswerRequest	true	"The answer"
//	@Success	200			{object}	VisitResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Already answered, or no local plan for the actions"
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits/{id}/answer [put]
func (s *Server) answerVisit(c echo.Context) error {
	id, err := pathID(c, "id", "visit")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req VisitAnswerRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r := visit.Reply{Answer: req.Answer}
	for i, a := range req.Actions {
		due, err := time.Parse(time.DateOnly, a.DueOn)
		if err != nil && a.DueOn != "" {
			return domain.InvalidField(domain.Path("actions", i, "due_on"), "enter a date like 2027-03-31")
		}
		r.Actions = append(r.Actions, visit.NewAction{Title: a.Title, DueOn: due})
	}
	v, err := s.visitViewer(c)
	if err != nil {
		return err
	}
	saved, err := s.visitService().AnswerVisit(c.Request().Context(), v, id, version, r)
	if err != nil {
		return err
	}
	return writeVisit(c, http.StatusOK, saved)
}

// VisitTheme is one rated question across visits.
type VisitTheme struct {
	Item  string  `json:"item" example:"staff_listened"`
	Label string  `json:"label"`
	Mean  float64 `json:"mean"`
	Count int     `json:"count"`
} // @name VisitTheme

// VisitServiceSummary is the visits to one service.
type VisitServiceSummary struct {
	OrganisationID *string      `json:"organisation_id" format:"uuid"`
	Name           string       `json:"name"`
	Visits         int          `json:"visits"`
	MeanOverall    float64      `json:"mean_overall"`
	Themes         []VisitTheme `json:"themes"`
} // @name VisitServiceSummary

// VisitMonth is the visits of one month.
type VisitMonth struct {
	Month       string  `json:"month" example:"2026-11"`
	Visits      int     `json:"visits"`
	MeanOverall float64 `json:"mean_overall"`
} // @name VisitMonth

// VisitOverviewResponse is the visits page: by service, themes, ratings
// over time. Ratings run from 1 (very unhappy) to 5 (very happy).
type VisitOverviewResponse struct {
	Visits   int                   `json:"visits"`
	Services []VisitServiceSummary `json:"services"`
	Themes   []VisitTheme          `json:"themes"`
	Months   []VisitMonth          `json:"months"`
} // @name VisitOverview

func themes(ts []visit.Theme) []VisitTheme {
	out := make([]VisitTheme, len(ts))
	for i, t := range ts {
		out[i] = VisitTheme{Item: t.Item, Label: t.Label, Mean: t.Mean, Count: t.Count}
	}
	return out
}

// visitOverview summarises the visits the caller may see, without
// drafts or visits with a safeguarding concern.
//
//	@Summary	Visits overview
//	@Tags		visits
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	VisitOverviewResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits/overview [get]
func (s *Server) visitOverview(c echo.Context) error {
	v, err := s.visitViewer(c)
	if err != nil {
		return err
	}
	o, err := s.visitService().Overview(c.Request().Context(), v)
	if err != nil {
		return err
	}
	out := VisitOverviewResponse{Visits: o.Visits,
		Services: make([]VisitServiceSummary, len(o.Services)), Themes: themes(o.Themes),
		Months: make([]VisitMonth, len(o.Months))}
	for i, sv := range o.Services {
		out.Services[i] = VisitServiceSummary{OrganisationID: optionalID(sv.OrganisationID),
			Name: sv.Name, Visits: sv.Visits, MeanOverall: sv.MeanOverall, Themes: themes(sv.Themes)}
	}
	for i, m := range o.Months {
		out.Months[i] = VisitMonth{Month: m.Month, Visits: m.Visits, MeanOverall: m.MeanOverall}
	}
	return c.JSON(http.StatusOK, out)
}

// visitInstrument returns the built-in site visit instrument the visit
// form draws its questions from.
//
//	@Summary	The site visit instrument
//	@Tags		visits
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	object
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/visits/instrument [get]
func (s *Server) visitInstrument(c echo.Context) error {
	def, err := visit.Definition()
	if err != nil {
		return err
	}
	body, err := instrument.MarshalDefinition(def)
	if err != nil {
		return err
	}
	return c.JSONBlob(http.StatusOK, body)
}
