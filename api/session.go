package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/identity"
	"sendqa/domain/store"
)

// Cookie names. The __Host- prefix makes browsers insist on Secure, Path=/
// and no Domain, so no other site or subdomain can set or read them.
// Browsers and Go treat http://localhost and 127.0.0.1 as secure, so the
// cookies stay Secure in development too.
const (
	accessCookie  = "__Host-sendqa_access"
	refreshCookie = "__Host-sendqa_refresh"
)

// maxAuthorizationHeader bounds the Authorization header: nothing longer
// is parsed, so a huge header is refused without work.
const maxAuthorizationHeader = 1024

// sessionAuth authenticates browsers by their access cookie and programs by
// a personal access token in the Authorization header.
type sessionAuth struct {
	identity identity.Service
	db       *store.DB
}

// NewSessionAuthenticator is the server's real authenticator.
func NewSessionAuthenticator(svc identity.Service, db *store.DB) Authenticator {
	return sessionAuth{identity: svc, db: db}
}

func (a sessionAuth) Authenticate(c echo.Context) (Principal, error) {
	if h := c.Request().Header.Get(echo.HeaderAuthorization); h != "" {
		return a.bearer(c, h)
	}
	cookie, err := c.Cookie(accessCookie)
	if err != nil || cookie.Value == "" || len(cookie.Value) > 4096 {
		return Principal{}, domain.ErrUnauthenticated
	}
	claims, personID, err := a.identity.Authenticate(cookie.Value)
	if err != nil {
		return Principal{}, err
	}
	c.Set(claimsKey, claims)
	return Principal{PersonID: personID, PlatformAdmin: claims.PlatformAdmin, ByCookie: true}, nil
}

func (a sessionAuth) bearer(c echo.Context, header string) (Principal, error) {
	token, ok := strings.CutPrefix(header, "Bearer ")
	if !ok || len(header) > maxAuthorizationHeader {
		return Principal{}, domain.ErrUnauthenticated
	}
	var p Principal
	err := a.db.InScope(c.Request().Context(), domain.Scope{}, func(ctx context.Context) error {
		id, err := a.identity.AuthenticateAccessToken(ctx, token)
		if err != nil {
			return err
		}
		admin, err := a.identity.Store.IsPlatformAdmin(ctx, id)
		p = Principal{PersonID: id, PlatformAdmin: admin}
		return err
	})
	return p, err
}

const claimsKey = "sendqa.claims"

func setSessionCookies(c echo.Context, t identity.Tokens) {
	c.SetCookie(sessionCookie(accessCookie, t.Access, t.AccessExpiresAt))
	c.SetCookie(sessionCookie(refreshCookie, t.Refresh, t.AbsoluteExpiresAt))
}

func clearSessionCookies(c echo.Context) {
	for _, name := range []string{accessCookie, refreshCookie} {
		ck := sessionCookie(name, "", time.Unix(0, 0))
		ck.MaxAge = -1
		c.SetCookie(ck)
	}
}

func sessionCookie(name, value string, expires time.Time) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", Expires: expires.UTC(),
		MaxAge: max(int(time.Until(expires).Seconds()), 1), HttpOnly: true, Secure: true,
		SameSite: http.SameSiteLaxMode}
}

// requireCSRFHeader guards the public auth routes, which browsers call
// with cookies before (or instead of) being authenticated.
func requireCSRFHeader(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if unsafeMethod(c.Request().Method) && !hasCSRFHeader(c) {
			return domain.Forbidden("send the header X-Requested-With: sendqa with this request")
		}
		return next(c)
	}
}
