package api

import (
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/apaudit"
	"sendqa/domain/store"
)

// providerInboxRoutes are a provider's own: one inbox across every
// council that audits it. They need only a sign-in: the database shows a
// person only their own provider's audits in councils whose access is in
// force, and each audit's writes run in its council, where the policy must
// still give the person the provider role.
func (s *Server) providerInboxRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/provider/audits", Access: signedIn(),
			handler: s.providerInbox},
		{Method: "GET", Path: "/api/v1/provider/audits/:id", Access: signedIn(),
			handler: s.getOwnProviderAudit},
		{Method: "PUT", Path: "/api/v1/provider/audits/:id/standards/:key", Access: signedIn(),
			handler: s.saveProviderStatement},
		{Method: "POST", Path: "/api/v1/provider/audits/:id/standards/:key/evidence", Creates: true,
			BodyLimit: evidenceBodyLimit, Access: signedIn(), handler: s.uploadProviderEvidence},
		{Method: "GET", Path: "/api/v1/provider/audits/:id/evidence/:file", Access: signedIn(),
			handler: s.downloadOwnProviderEvidence},
		{Method: "POST", Path: "/api/v1/provider/audits/:id/submit", Access: signedIn(),
			handler: s.submitProviderEvidence},
		{Method: "POST", Path: "/api/v1/provider/audits/:id/extension-request", Access: signedIn(),
			handler: s.requestProviderExtension},
		{Method: "POST", Path: "/api/v1/provider/audits/:id/challenges", Creates: true, Access: signedIn(),
			handler: s.raiseProviderChallenge},
	}
}

// ownAudit finds the caller's provider's audit under the provider policy
// and moves the request's transaction into the audit's council, once the
// policy there still gives the caller the provider role. Anyone else gets
// 404.
func (s *Server) ownAudit(c echo.Context) (uuid.UUID, error) {
	id, err := pathID(c, "id", "provider audit")
	if err != nil {
		return uuid.Nil, err
	}
	p, _ := principalOf(c)
	ctx := c.Request().Context()
	a, err := s.apAudits().FindOwnAudit(ctx, p.PersonID, id)
	if err != nil {
		return uuid.Nil, err
	}
	ok, err := s.policy.Allowed(p.PersonID, a.TenantID, "provider_audits", "answer")
	if err != nil {
		return uuid.Nil, err
	}
	if !ok {
		return uuid.Nil, domain.NotFound("provider audit")
	}
	t, err := s.tenancy.FindTenantByID(ctx, a.TenantID)
	if err != nil {
		return uuid.Nil, err
	}
	ctx, err = store.SetScope(ctx,
		domain.Scope{TenantID: t.ID, PersonID: p.PersonID, RegionID: t.RegionID})
	if err != nil {
		return uuid.Nil, err
	}
	c.SetRequest(c.Request().WithContext(ctx))
	return id, nil
}

// providerInbox lists the caller's provider's audits in every council.
//
//	@Summary	List my provider's audits
//	@Tags		provider inbox
//	@Produce	json
//	@Param		limit	query		int		false	"Page size, 1 to 200"
//	@Param		cursor	query		string	false	"Next page"
//	@Success	200		{object}	ProviderAuditList
//	@Failure	401		{object}	Problem
//	@Failure	404		{object}	Problem	"The caller speaks for no provider"
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/provider/audits [get]
func (s *Server) providerInbox(c echo.Context) error {
	pg, err := pageParams(c)
	if err != nil {
		return err
	}
	p, _ := principalOf(c)
	list, err := s.apAudits().Inbox(c.Request().Context(), p.PersonID, pg)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, providerAuditResponse))
}

// getOwnProviderAudit reads one of the provider's audits: standards with
// the statements, evidence, ratings and feedback, and challenges.
//
//	@Summary	Read my provider's audit
//	@Tags		provider inbox
//	@Produce	json
//	@Param		id	path		string	true	"Audit id"	format(uuid)
//	@Success	200	{object}	ProviderAuditResponse
//	@Header		200	{string}	ETag	"The version, for If-Match"
//	@Failure	401	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/provider/audits/{id} [get]
func (s *Server) getOwnProviderAudit(c echo.Context) error {
	id, err := s.ownAudit(c)
	if err != nil {
		return err
	}
	p, _ := principalOf(c)
	a, err := s.apAudits().OwnAudit(c.Request().Context(), p.PersonID, id)
	if err != nil {
		return err
	}
	return writeAudit(c, a)
}

// ProviderStatementRequest saves a statement as a draft.
type ProviderStatementRequest struct {
	Statement string `json:"statement" example:"Every placement starts with a meeting to read the plan."`
} // @name ProviderStatementRequest

// saveProviderStatement saves the statement of one standard as a draft.
//
//	@Summary	Save a statement
//	@Tags		provider inbox
//	@Accept		json
//	@Produce	json
//	@Param		id			path		string						true	"Audit id"	format(uuid)
//	@Param		key			path		string						true	"Standard key"
//	@Param		If-Match	header		string						true	"The standard's version"
//	@Param		body		body		ProviderStatementRequest	true	"The statement"
//	@Success	200			{object}	ProviderStandardResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"The standard is submitted"
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/provider/audits/{id}/standards/{key} [put]
func (s *Server) saveProviderStatement(c echo.Context) error {
	id, err := s.ownAudit(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req ProviderStatementRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	p, _ := principalOf(c)
	st, err := s.apAudits().SaveStatement(c.Request().Context(), p.PersonID, id, c.Param("key"), version,
		req.Statement)
	if err != nil {
		return err
	}
	setETag(c, st.Version)
	return c.JSON(http.StatusOK, providerStandardResponse(st))
}

// uploadProviderEvidence attaches a file to one standard. The body is the
// file itself, its Content-Type the file's type, which must match its
// content.
//
//	@Summary	Attach evidence to a standard
//	@Tags		provider inbox
//	@Accept		application/pdf,image/png,image/jpeg,text/plain,text/csv
//	@Produce	json
//	@Param		id				path		string	true	"Audit id"	format(uuid)
//	@Param		key				path		string	true	"Standard key"
//	@Param		file_name		query		string	false	"The file's name, for display"
//	@Param		Idempotency-Key	header		string	false	"Replays the first response for 24 hours"
//	@Param		body			body		string	true	"The file"
//	@Success	201				{object}	ProviderEvidenceResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"The standard is submitted"
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem	"Not an accepted type, or content that does not match it"
//	@Failure	422				{object}	Problem	"The virus scanner found something"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/provider/audits/{id}/standards/{key}/evidence [post]
func (s *Server) uploadProviderEvidence(c echo.Context) error {
	id, err := s.ownAudit(c)
	if err != nil {
		return err
	}
	p, _ := principalOf(c)
	e, err := s.apAudits().AddStandardEvidence(c.Request().Context(), p.PersonID, apaudit.StandardUpload{
		AuditID: id, Key: c.Param("key"), FileName: c.QueryParam("file_name"),
		DeclaredType: c.Request().Header.Get(echo.HeaderContentType), Body: c.Request().Body})
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return readError(err)
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location",
		"/api/v1/provider/audits/"+id.String()+"/evidence/"+e.ID.String())
	return c.JSON(http.StatusCreated, providerEvidenceResponse(e))
}

// downloadOwnProviderEvidence sends one of the provider's own files.
//
//	@Summary	Download my provider's evidence
//	@Tags		provider inbox
//	@Produce	octet-stream
//	@Param		id		path		string	true	"Audit id"	format(uuid)
//	@Param		file	path		string	true	"Evidence id"	format(uuid)
//	@Success	200		{file}		file
//	@Failure	401		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	409		{object}	Problem	"Waiting for the virus scan, or removed by it"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/provider/audits/{id}/evidence/{file} [get]
func (s *Server) downloadOwnProviderEvidence(c echo.Context) error {
	id, err := s.ownAudit(c)
	if err != nil {
		return err
	}
	file, err := pathID(c, "file", "evidence")
	if err != nil {
		return err
	}
	p, _ := principalOf(c)
	e, body, err := s.apAudits().OpenOwnEvidence(c.Request().Context(), p.PersonID, id, file)
	if err != nil {
		return err
	}
	return sendFile(c, e, body)
}

// submitProviderEvidence submits every standard the provider is working
// on, once each has a statement and a file.
//
//	@Summary	Submit evidence
//	@Tags		provider inbox
//	@Produce	json
//	@Param		id			path		string	true	"Audit id"	format(uuid)
//	@Param		If-Match	header		string	true	"The audit's ETag"
//	@Success	200			{object}	ProviderAuditResponse
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Submitted already"
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem	"Statements or files missing, at standards.<key>"
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/provider/audits/{id}/submit [post]
func (s *Server) submitProviderEvidence(c echo.Context) error {
	id, err := s.ownAudit(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	p, _ := principalOf(c)
	a, err := s.apAudits().SubmitEvidence(c.Request().Context(), p.PersonID, id, version)
	if err != nil {
		return err
	}
	return writeAudit(c, a)
}

// ProviderExtensionRequest asks for more time.
type ProviderExtensionRequest struct {
	Until  string `json:"until" format:"date" example:"2027-01-08"`
	Reason string `json:"reason" example:"Our safeguarding lead is away until January."`
} // @name ProviderExtensionRequest

// requestProviderExtension asks the council for more time to send
// evidence.
//
//	@Summary	Ask for more time
//	@Tags		provider inbox
//	@Accept		json
//	@Produce	json
//	@Param		id			path		string						true	"Audit id"	format(uuid)
//	@Param		If-Match	header		string						true	"The audit's ETag"
//	@Param		body		body		ProviderExtensionRequest	true	"The date and reason"
//	@Success	200			{object}	ProviderAuditResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Submitted already"
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/provider/audits/{id}/extension-request [post]
func (s *Server) requestProviderExtension(c echo.Context) error {
	id, err := s.ownAudit(c)
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req ProviderExtensionRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	until := parseDate("until", req.Until, &p)
	if err := p.Err(); err != nil {
		return err
	}
	who, _ := principalOf(c)
	a, err := s.apAudits().RequestExtension(c.Request().Context(), who.PersonID, id, version,
		until, req.Reason)
	if err != nil {
		return err
	}
	return writeAudit(c, a)
}

// ProviderChallengeRequest challenges a rating.
type ProviderChallengeRequest struct {
	StandardKey string `json:"standard_key" example:"l2"`
	Reasons     string `json:"reasons" example:"The log was sent on 3 December; see the second file."`
} // @name ProviderChallengeRequest

// raiseProviderChallenge challenges the rating of a standard with reasons.
//
//	@Summary	Challenge a rating
//	@Tags		provider inbox
//	@Accept		json
//	@Produce	json
//	@Param		id				path		string						true	"Audit id"	format(uuid)
//	@Param		Idempotency-Key	header		string						false	"Replays the first response for 24 hours"
//	@Param		body			body		ProviderChallengeRequest	true	"The challenge"
//	@Success	201				{object}	ProviderChallengeResponse
//	@Header		201				{string}	ETag	"The challenge's version"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"Not rated, or challenged already"
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/provider/audits/{id}/challenges [post]
func (s *Server) raiseProviderChallenge(c echo.Context) error {
	id, err := s.ownAudit(c)
	if err != nil {
		return err
	}
	var req ProviderChallengeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	p, _ := principalOf(c)
	ch, err := s.apAudits().RaiseChallenge(c.Request().Context(), p.PersonID, id,
		req.StandardKey, req.Reasons)
	if err != nil {
		return err
	}
	setETag(c, ch.Version)
	c.Response().Header().Set("Location", c.Request().URL.Path+"/"+ch.ID.String())
	return c.JSON(http.StatusCreated, providerChallengeResponse(ch))
}
