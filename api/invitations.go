package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/identity"
	"sendqa/domain/invite"
	"sendqa/domain/store"
)

// InvitationRequest invites one person to the local area.
type InvitationRequest struct {
	Email string   `json:"email" example:"quinn.kaur@wolverhampton.example.gov.uk"`
	Name  string   `json:"name" example:"Quinn Kaur"`
	Roles []string `json:"roles" example:"auditor"`
} // @name InvitationRequest

// InvitationResponse is an invitation waiting to be accepted. Its secret
// goes to the invitee by mail and never appears here.
type InvitationResponse struct {
	ID        string    `json:"id" format:"uuid"`
	Email     string    `json:"email" example:"quinn.kaur@wolverhampton.example.gov.uk"`
	Name      string    `json:"name" example:"Quinn Kaur"`
	Roles     []string  `json:"roles" example:"auditor"`
	InvitedBy *string   `json:"invited_by" format:"uuid"`
	ExpiresAt time.Time `json:"expires_at"`
	Expired   bool      `json:"expired"`
	CreatedAt time.Time `json:"created_at"`
} // @name Invitation

// InvitationList is a page of invitations.
type InvitationList struct {
	Items      []InvitationResponse `json:"items"`
	NextCursor *string              `json:"next_cursor"`
} // @name InvitationList

// InvitationImportResponse says what an import did, or with dry_run would
// do.
type InvitationImportResponse struct {
	DryRun bool `json:"dry_run"`
	// Rows is the number of people in the file.
	Rows int `json:"rows" example:"20"`
	// Invited is the number of invitations sent (none in a dry run).
	Invited int `json:"invited" example:"20"`
	// Replaced is the number of people whose waiting invitation is (or
	// would be) replaced by a new one.
	Replaced int `json:"replaced" example:"0"`
} // @name InvitationImport

func (s *Server) invitationResponse(now time.Time) func(invite.Invitation) InvitationResponse {
	return func(inv invite.Invitation) InvitationResponse {
		out := InvitationResponse{ID: inv.ID.String(), Email: inv.Email, Name: inv.Name,
			Roles: roleNames(inv.Roles), ExpiresAt: inv.ExpiresAt.UTC(),
			Expired: !now.Before(inv.ExpiresAt), CreatedAt: inv.CreatedAt.UTC()}
		if inv.InvitedBy != uuid.Nil {
			by := inv.InvitedBy.String()
			out.InvitedBy = &by
		}
		return out
	}
}

func (s *Server) now() time.Time {
	if s.identity.Now != nil {
		return s.identity.Now()
	}
	return time.Now()
}

// listInvitations lists the invitations waiting to be accepted, expired
// ones included so that they can be sent again.
//
//	@Summary	List waiting invitations
//	@Tags		members
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		limit	query		int		false	"Page size (1 to 200)"
//	@Param		cursor	query		string	false	"Cursor from the previous page"
//	@Success	200		{object}	InvitationList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/invitations [get]
func (s *Server) listInvitations(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.invites.ListOpenInvitations(c.Request().Context(), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, s.invitationResponse(s.now())))
}

// createInvitation invites a person by e-mail with roles. The invitation
// mail, with its link, is queued in the same transaction; a waiting
// invitation to the same address is replaced.
//
//	@Summary		Invite a person
//	@Description	Someone who already has a sendqa account, but is not a member here, is invited too. A member gets 409.
//	@Tags			members
//	@Accept			json
//	@Produce		json
//	@Param			tenant			path		string				true	"Tenant slug"
//	@Param			Idempotency-Key	header		string				false	"Makes a retried request safe"
//	@Param			body			body		InvitationRequest	true	"Who and with which roles"
//	@Success		201				{object}	InvitationResponse
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		413				{object}	Problem
//	@Failure		415				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Security		cookieAuth
//	@Security		bearerAuth
//	@Router			/api/v1/t/{tenant}/invitations [post]
func (s *Server) createInvitation(c echo.Context) error {
	var req InvitationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	inv, err := s.invites.CreateInvitation(c.Request().Context(), invite.Invitee{
		Email: req.Email, Name: req.Name, Roles: parseRoles(req.Roles)})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, s.invitationResponse(s.now())(inv))
}

// revokeInvitation withdraws an invitation; its link stops working.
//
//	@Summary	Revoke an invitation
//	@Tags		members
//	@Param		tenant	path	string	true	"Tenant slug"
//	@Param		id		path	string	true	"Invitation id"	format(uuid)
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/invitations/{id} [delete]
func (s *Server) revokeInvitation(c echo.Context) error {
	id, err := pathID(c, "id", "invitation")
	if err != nil {
		return err
	}
	if err := s.invites.RevokeInvitation(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// importInvitations invites everyone in a CSV file, or nobody.
//
//	@Summary		Invite people from a CSV file
//	@Description	The first line names the columns: name and email are required; roles (separated by ";") is optional, and rows without it get default_role (auditor unless given). Other columns are ignored. Send the file as text/csv, or as multipart/form-data with a part named file and optionally one named default_role. If any row is wrong nothing is written, and the 422 lists every wrong row as rows[<line>].<column>, the header being line 1. With dry_run=true the file is only checked.
//	@Tags			members
//	@Accept			mpfd
//	@Produce		json
//	@Param			tenant			path		string	true	"Tenant slug"
//	@Param			dry_run			query		bool	false	"Only check the file and report what would happen"
//	@Param			default_role	query		string	false	"Role for rows without roles"	Enums(tenant_admin, qa_lead, auditor, service_manager, provider, young_person, participation_officer, viewer)
//	@Param			file			formData	file	true	"The CSV file, at most 1 MB"
//	@Success		200				{object}	InvitationImportResponse	"Dry run"
//	@Success		201				{object}	InvitationImportResponse
//	@Failure		400				{object}	Problem
//	@Failure		401				{object}	Problem
//	@Failure		403				{object}	Problem
//	@Failure		404				{object}	Problem
//	@Failure		409				{object}	Problem
//	@Failure		413				{object}	Problem
//	@Failure		415				{object}	Problem
//	@Failure		422				{object}	Problem
//	@Security		cookieAuth
//	@Security		bearerAuth
//	@Router			/api/v1/t/{tenant}/invitations/imports [post]
func (s *Server) importInvitations(c echo.Context) error {
	dryRun := false
	if v := c.QueryParam("dry_run"); v != "" {
		var err error
		if dryRun, err = strconv.ParseBool(v); err != nil {
			return domain.InvalidField("dry_run", "must be true or false")
		}
	}
	data, defaultRole, err := readCSVUpload(c)
	if err != nil {
		return err
	}
	if defaultRole == "" {
		defaultRole = c.QueryParam("default_role")
	}
	if defaultRole == "" {
		defaultRole = string(domain.RoleAuditor)
	}
	who, err := invite.ParseInvitees(data, domain.Role(defaultRole))
	if err != nil {
		return err
	}
	res, err := s.invites.ImportInvitations(c.Request().Context(), who, dryRun)
	if err != nil {
		return err
	}
	out := InvitationImportResponse{DryRun: dryRun, Rows: len(who), Invited: len(res.Invitations),
		Replaced: res.Replaced}
	if dryRun {
		return c.JSON(http.StatusOK, out)
	}
	return c.JSON(http.StatusCreated, out)
}

// readCSVUpload reads a CSV file sent as the whole body (text/csv) or as
// the part named file of a multipart form, with the form's default_role.
// The route's body limit bounds both while they are read; the content
// must be text, whatever its declared type.
func readCSVUpload(c echo.Context) (data []byte, defaultRole string, err error) {
	mt, params, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	switch mt {
	case "text/csv":
		if data, err = io.ReadAll(c.Request().Body); err != nil {
			return nil, "", readError(err)
		}
	case echo.MIMEMultipartForm:
		if data, defaultRole, err = readMultipartCSV(c, params["boundary"]); err != nil {
			return nil, "", err
		}
	default:
		return nil, "", newHTTPError(http.StatusUnsupportedMediaType,
			"send the file as text/csv, or as multipart/form-data with a part named file")
	}
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, "", newHTTPError(http.StatusUnsupportedMediaType,
			"the file is not CSV text; save it from your spreadsheet as CSV UTF-8")
	}
	return data, defaultRole, nil
}

func readMultipartCSV(c echo.Context, boundary string) (data []byte, defaultRole string, err error) {
	if boundary == "" {
		return nil, "", badRequest("the multipart body has no boundary")
	}
	r, err := c.Request().MultipartReader()
	if err != nil {
		return nil, "", badRequest("the multipart body could not be read")
	}
	found := false
	for {
		part, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, "", multipartError(err)
		}
		switch part.FormName() {
		case "file":
			if data, err = io.ReadAll(part); err != nil {
				return nil, "", multipartError(err)
			}
			found = true
		case "default_role":
			b, err := io.ReadAll(io.LimitReader(part, 100))
			if err != nil {
				return nil, "", multipartError(err)
			}
			defaultRole = string(b)
		}
		part.Close()
	}
	if !found {
		return nil, "", domain.InvalidField("file", "choose a CSV file to upload")
	}
	return data, defaultRole, nil
}

func multipartError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return readError(err)
	}
	return badRequest("the multipart body could not be read")
}

// InvitationWelcomeResponse is what the invitee sees before accepting.
type InvitationWelcomeResponse struct {
	Tenant     string    `json:"tenant" example:"wolverhampton"`
	TenantName string    `json:"tenant_name" example:"City of Wolverhampton Council"`
	Email      string    `json:"email" example:"quinn.kaur@wolverhampton.example.gov.uk"`
	Name       string    `json:"name" example:"Quinn Kaur"`
	Roles      []string  `json:"roles" example:"auditor"`
	ExpiresAt  time.Time `json:"expires_at"`
	// HasPassword says the person already signs in to sendqa: accepting
	// needs their current password instead of a new one.
	HasPassword bool `json:"has_password"`
} // @name InvitationWelcome

// AcceptInvitationRequest accepts an invitation.
type AcceptInvitationRequest struct {
	Token string `json:"token" example:"sqi_..."`
	// Password is a new password for someone new to sendqa, or the current
	// one of someone who already has an account.
	Password string `json:"password,omitempty"`
	// Name replaces the name the inviter gave, for someone new.
	Name string `json:"name,omitempty" example:"Quinn Kaur"`
} // @name AcceptInvitationRequest

// findInvitation shows an invitation to the person holding its link.
//
//	@Summary	Read an invitation by its link's secret
//	@Tags		auth
//	@Produce	json
//	@Param		token	path		string	true	"The secret from the invitation link"
//	@Success	200		{object}	InvitationWelcomeResponse
//	@Failure	404		{object}	Problem
//	@Router		/api/v1/auth/invitations/{token} [get]
func (s *Server) findInvitation(c echo.Context) error {
	var w invite.Welcome
	err := s.db.InScope(c.Request().Context(), domain.Scope{}, func(ctx context.Context) (err error) {
		w, err = s.invites.FindInvitationByToken(ctx, c.Param("token"))
		return err
	})
	if err != nil {
		return err
	}
	inv := w.Invitation
	return c.JSON(http.StatusOK, InvitationWelcomeResponse{Tenant: inv.TenantSlug,
		TenantName: inv.TenantName, Email: inv.Email, Name: inv.Name, Roles: roleNames(inv.Roles),
		ExpiresAt: inv.ExpiresAt.UTC(), HasPassword: w.HasPassword})
}

// acceptInvitation joins the invitation's local area and signs in.
//
//	@Summary		Accept an invitation
//	@Description	Someone new sends a password for their new account (and may correct their name); someone who already has an account sends their current password. Sets the session cookies, as sign-in does.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			X-Requested-With	header		string					true	"Must be sendqa"
//	@Param			body				body		AcceptInvitationRequest	true	"The secret and a password"
//	@Success		200					{object}	MeResponse
//	@Failure		400					{object}	Problem
//	@Failure		403					{object}	Problem
//	@Failure		404					{object}	Problem
//	@Failure		409					{object}	Problem
//	@Failure		415					{object}	Problem
//	@Failure		422					{object}	Problem
//	@Router			/api/v1/auth/invitations/accept [post]
func (s *Server) acceptInvitation(c echo.Context) error {
	var req AcceptInvitationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ctx := domain.WithActor(c.Request().Context(), domain.Actor{RequestID: requestID(c)})
	var tokens identity.Tokens
	err := s.db.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		w, err := s.invites.FindInvitationByToken(ctx, req.Token)
		if err != nil {
			return err
		}
		// The invitee has no scope yet: the invitation's tenant becomes it.
		ctx, err = store.SetScope(ctx, domain.Scope{TenantID: w.Invitation.TenantID})
		if err != nil {
			return err
		}
		personID, err := s.invites.AcceptInvitation(ctx, invite.Acceptance{
			Token: req.Token, Password: req.Password, Name: req.Name})
		if err != nil {
			return err
		}
		tokens, err = s.identity.StartSession(ctx, personID)
		return err
	})
	if err != nil {
		return err
	}
	setSessionCookies(c, tokens)
	return s.writeMe(c, tokens.PersonID, &SessionResponse{
		IdleExpiresAt: tokens.IdleExpiresAt.UTC(), AbsoluteExpiresAt: tokens.AbsoluteExpiresAt.UTC()})
}

// invitationRoutes invite people into a tenant, one by one or from a file.
func (s *Server) invitationRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/invitations",
			Access: tenant("members", "read"), handler: s.listInvitations},
		{Method: "POST", Path: "/api/v1/t/:tenant/invitations",
			Access: tenant("invitations", "write"), Creates: true, handler: s.createInvitation},
		{Method: "DELETE", Path: "/api/v1/t/:tenant/invitations/:id",
			Access: tenant("invitations", "write"), handler: s.revokeInvitation},
		{Method: "POST", Path: "/api/v1/t/:tenant/invitations/imports",
			Access: tenant("invitations", "write"), handler: s.importInvitations},
	}
}

// invitationAuthRoutes are for people who are not signed in yet: accepting
// an invitation and resetting a forgotten password.
func (s *Server) invitationAuthRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/auth/invitations/:token", Access: auth(), handler: s.findInvitation},
		{Method: "POST", Path: "/api/v1/auth/invitations/accept", Access: auth(), handler: s.acceptInvitation},
		{Method: "POST", Path: "/api/v1/auth/password-resets", Access: auth(),
			handler: s.requestPasswordReset},
		{Method: "POST", Path: "/api/v1/auth/password-resets/complete", Access: auth(),
			handler: s.completePasswordReset},
	}
}
