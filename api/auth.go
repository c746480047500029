package api

import (
	"context"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/identity"
	"sendqa/domain/tenancy"
)

// LoginRequest signs a person in.
type LoginRequest struct {
	Email    string `json:"email" example:"qa_lead@wolverhampton.example.org"`
	Password string `json:"password" example:"demo-password-2026"`
} // @name LoginRequest

// PersonResponse is the signed-in person.
type PersonResponse struct {
	ID            string `json:"id" format:"uuid"`
	Email         string `json:"email"`
	Name          string `json:"name"`
	PlatformAdmin bool   `json:"platform_admin"`
} // @name Person

// MembershipResponse is one tenant the person belongs to, with their roles.
type MembershipResponse struct {
	Tenant     string   `json:"tenant" example:"wolverhampton"`
	TenantName string   `json:"tenant_name" example:"City of Wolverhampton Council"`
	Region     *string  `json:"region" example:"black-country"`
	Roles      []string `json:"roles" example:"qa_lead"`
} // @name Membership

// SessionResponse says when the browser session ends unless refreshed.
type SessionResponse struct {
	IdleExpiresAt     time.Time `json:"idle_expires_at"`
	AbsoluteExpiresAt time.Time `json:"absolute_expires_at"`
} // @name Session

// MeResponse is who is signed in and where they belong.
type MeResponse struct {
	Person      PersonResponse       `json:"person"`
	Memberships []MembershipResponse `json:"memberships"`
	Session     *SessionResponse     `json:"session"`
} // @name Me

// login signs a person in and sets the session cookies.
//
//	@Summary		Sign in
//	@Description	Sets __Host- cookies holding a short-lived access token and a rotating refresh token.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			X-Requested-With	header		string			true	"Must be sendqa"
//	@Param			body				body		LoginRequest	true	"Credentials"
//	@Success		200					{object}	MeResponse
//	@Failure		400					{object}	Problem
//	@Failure		401					{object}	Problem
//	@Failure		403					{object}	Problem
//	@Failure		415					{object}	Problem
//	@Failure		429					{object}	Problem
//	@Router			/api/v1/auth/login [post]
func (s *Server) login(c echo.Context) error {
	var req LoginRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var tokens identity.Tokens
	// Failures are counted even though the answer is an error, so the
	// transaction commits whatever the outcome.
	outcome := s.commitAlways(c, func(ctx context.Context) (err error) {
		tokens, err = s.identity.Login(ctx, req.Email, req.Password, c.RealIP())
		return err
	})
	if outcome != nil {
		return outcome
	}
	setSessionCookies(c, tokens)
	return s.writeMe(c, tokens.PersonID, &SessionResponse{
		IdleExpiresAt: tokens.IdleExpiresAt.UTC(), AbsoluteExpiresAt: tokens.AbsoluteExpiresAt.UTC()})
}

// refresh rotates the refresh token and issues a new access token.
//
//	@Summary	Refresh the session
//	@Tags		auth
//	@Produce	json
//	@Param		X-Requested-With	header		string	true	"Must be sendqa"
//	@Success	200					{object}	MeResponse
//	@Failure	401					{object}	Problem
//	@Failure	403					{object}	Problem
//	@Router		/api/v1/auth/refresh [post]
func (s *Server) refresh(c echo.Context) error {
	cookie, err := c.Cookie(refreshCookie)
	if err != nil || cookie.Value == "" {
		clearSessionCookies(c)
		return identity.ErrSessionEnded
	}
	var tokens identity.Tokens
	outcome := s.commitAlways(c, func(ctx context.Context) (err error) {
		tokens, err = s.identity.Refresh(ctx, cookie.Value)
		return err
	})
	if outcome != nil {
		clearSessionCookies(c)
		return outcome
	}
	setSessionCookies(c, tokens)
	return s.writeMe(c, tokens.PersonID, &SessionResponse{
		IdleExpiresAt: tokens.IdleExpiresAt.UTC(), AbsoluteExpiresAt: tokens.AbsoluteExpiresAt.UTC()})
}

// logout ends the session and clears the cookies.
//
//	@Summary	Sign out
//	@Tags		auth
//	@Param		X-Requested-With	header	string	true	"Must be sendqa"
//	@Success	204
//	@Failure	403	{object}	Problem
//	@Router		/api/v1/auth/logout [post]
func (s *Server) logout(c echo.Context) error {
	if cookie, err := c.Cookie(refreshCookie); err == nil && cookie.Value != "" {
		err := s.db.InScope(c.Request().Context(), domain.Scope{}, func(ctx context.Context) error {
			return s.identity.Logout(ctx, cookie.Value)
		})
		if err != nil {
			return err
		}
	}
	clearSessionCookies(c)
	return c.NoContent(http.StatusNoContent)
}

// me says who is signed in.
//
//	@Summary	Who am I
//	@Tags		auth
//	@Produce	json
//	@Success	200	{object}	MeResponse
//	@Failure	401	{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/auth/me [get]
func (s *Server) me(c echo.Context) error {
	p, _ := principalOf(c)
	var session *SessionResponse
	if claims, ok := c.Get(claimsKey).(identity.AccessClaims); ok {
		session = &SessionResponse{IdleExpiresAt: time.Unix(claims.IdleExpiresAt, 0).UTC(),
			AbsoluteExpiresAt: time.Unix(claims.AbsoluteExpiresAt, 0).UTC()}
	}
	return s.writeMe(c, p.PersonID, session)
}

func (s *Server) writeMe(c echo.Context, personID uuid.UUID, session *SessionResponse) error {
	var (
		person      tenancy.Person
		memberships []tenancy.Membership
	)
	work := func(ctx context.Context) (err error) {
		if person, err = s.tenancy.FindPersonByID(ctx, personID); err != nil {
			return err
		}
		memberships, err = s.tenancy.ListPersonMemberships(ctx, personID)
		return err
	}
	var err error
	if _, inTx := c.Get(principalKey).(Principal); inTx {
		err = work(c.Request().Context())
	} else {
		err = s.db.InScope(c.Request().Context(), domain.Scope{PersonID: personID}, work)
	}
	if err != nil {
		return err
	}
	out := MeResponse{
		Person: PersonResponse{ID: person.ID.String(), Email: person.Email, Name: person.Name,
			PlatformAdmin: person.PlatformAdmin},
		Memberships: make([]MembershipResponse, len(memberships)),
		Session:     session,
	}
	for i, m := range memberships {
		out.Memberships[i] = MembershipResponse{Tenant: m.TenantSlug, TenantName: m.TenantName,
			Roles: roleNames(m.Roles)}
		if m.RegionSlug != "" {
			out.Memberships[i].Region = &m.RegionSlug
		}
	}
	return c.JSON(http.StatusOK, out)
}

func roleNames(roles []domain.Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}

// commitAlways runs fn in its own transaction and commits it whatever fn
// returns, for work whose failures must still be recorded (failed sign-ins,
// a revoked session family). It returns fn's error, or the commit's.
func (s *Server) commitAlways(c echo.Context, fn func(ctx context.Context) error) error {
	var outcome error
	err := s.db.InScope(c.Request().Context(), domain.Scope{}, func(ctx context.Context) error {
		outcome = fn(ctx)
		return nil
	})
	if err != nil {
		return err
	}
	return outcome
}

// ChangePasswordRequest replaces the signed-in person's password.
type ChangePasswordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
} // @name ChangePasswordRequest

// changePassword replaces the password and ends every other session.
//
//	@Summary	Change my password
//	@Tags		auth
//	@Accept		json
//	@Param		body	body	ChangePasswordRequest	true	"Current and new password"
//	@Success	204
//	@Failure	400	{object}	Problem
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	422	{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/auth/password [post]
func (s *Server) changePassword(c echo.Context) error {
	var req ChangePasswordRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	p, _ := principalOf(c)
	tokens, err := s.identity.ChangePassword(c.Request().Context(), p.PersonID, req.CurrentPassword, req.NewPassword)
	if err != nil {
		return err
	}
	if p.ByCookie {
		setSessionCookies(c, tokens)
	}
	return c.NoContent(http.StatusNoContent)
}

// AccessTokenRequest creates a personal access token.
type AccessTokenRequest struct {
	Name      string `json:"name" example:"Monthly export script"`
	ExpiresOn string `json:"expires_on" format:"date" example:"2027-03-31"`
} // @name AccessTokenRequest

// AccessTokenResponse describes a personal access token. Token is present
// only in the answer to its creation.
type AccessTokenResponse struct {
	ID         string     `json:"id" format:"uuid"`
	Name       string     `json:"name"`
	Token      string     `json:"token,omitempty"`
	ExpiresOn  string     `json:"expires_on" format:"date"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	Revoked    bool       `json:"revoked"`
} // @name AccessToken

// AccessTokenList is the person's tokens.
type AccessTokenList struct {
	Items      []AccessTokenResponse `json:"items"`
	NextCursor *string               `json:"next_cursor"`
} // @name AccessTokenList

func accessTokenResponse(t identity.AccessToken) AccessTokenResponse {
	out := AccessTokenResponse{ID: t.ID.String(), Name: t.Name, ExpiresOn: t.ExpiresOn.Format(time.DateOnly),
		CreatedAt: t.CreatedAt.UTC(), Revoked: !t.RevokedAt.IsZero()}
	if !t.LastUsedAt.IsZero() {
		at := t.LastUsedAt.UTC()
		out.LastUsedAt = &at
	}
	return out
}

// createAccessToken issues a personal access token; its secret is shown
// only in this response.
//
//	@Summary	Create a personal access token
//	@Tags		auth
//	@Accept		json
//	@Produce	json
//	@Param		Idempotency-Key	header		string				false	"Makes a retried request safe"
//	@Param		body			body		AccessTokenRequest	true	"Name and expiry"
//	@Success	201				{object}	AccessTokenResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/auth/tokens [post]
func (s *Server) createAccessToken(c echo.Context) error {
	var req AccessTokenRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var expires time.Time
	if req.ExpiresOn != "" {
		var err error
		if expires, err = time.Parse(time.DateOnly, req.ExpiresOn); err != nil {
			return domain.InvalidField("expires_on", "enter a date like 2027-03-31")
		}
	}
	p, _ := principalOf(c)
	t, secret, err := s.identity.CreateAccessToken(c.Request().Context(), p.PersonID, req.Name, expires)
	if err != nil {
		return err
	}
	out := accessTokenResponse(t)
	out.Token = secret
	return c.JSON(http.StatusCreated, out)
}

// listAccessTokens lists the signed-in person's tokens.
//
//	@Summary	List my personal access tokens
//	@Tags		auth
//	@Produce	json
//	@Success	200	{object}	AccessTokenList
//	@Failure	401	{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/auth/tokens [get]
func (s *Server) listAccessTokens(c echo.Context) error {
	p, _ := principalOf(c)
	tokens, err := s.identity.ListAccessTokens(c.Request().Context(), p.PersonID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(domain.List[identity.AccessToken]{Items: tokens}, accessTokenResponse))
}

// revokeAccessToken revokes one of the signed-in person's tokens.
//
//	@Summary	Revoke a personal access token
//	@Tags		auth
//	@Param		id	path	string	true	"Token id"	format(uuid)
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/auth/tokens/{id} [delete]
func (s *Server) revokeAccessToken(c echo.Context) error {
	id, err := pathID(c, "id", "access token")
	if err != nil {
		return err
	}
	p, _ := principalOf(c)
	if err := s.identity.RevokeAccessToken(c.Request().Context(), p.PersonID, id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// authRoutes sign people in and out and manage their own credentials.
func (s *Server) authRoutes() []Route {
	return []Route{
		{Method: "POST", Path: "/api/v1/auth/login", Access: auth(), handler: s.login},
		{Method: "POST", Path: "/api/v1/auth/refresh", Access: auth(), handler: s.refresh},
		{Method: "POST", Path: "/api/v1/auth/logout", Access: auth(), handler: s.logout},
		{Method: "GET", Path: "/api/v1/auth/me", Access: signedIn(), handler: s.me},
		{Method: "POST", Path: "/api/v1/auth/password", Access: signedIn(), handler: s.changePassword},
		{Method: "GET", Path: "/api/v1/auth/tokens", Access: signedIn(), handler: s.listAccessTokens},
		{Method: "POST", Path: "/api/v1/auth/tokens", Access: signedIn(), Creates: true,
			handler: s.createAccessToken},
		{Method: "DELETE", Path: "/api/v1/auth/tokens/:id", Access: signedIn(), handler: s.revokeAccessToken},
	}
}
