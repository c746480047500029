package api

import (
	"bytes"

	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/store"
	"sendqa/domain/tenancy"
)

const requestIDKey = "sendqa.request_id"

func requestID(c echo.Context) string {
	id, _ := c.Get(requestIDKey).(string)
	return id
}

// withRequestID gives every request an id, taken from X-Request-Id when a
// proxy set a sane one, and returns it in the response.
func withRequestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if len(id) < 8 || len(id) > 64 || strings.ContainsFunc(id, func(r rune) bool {
			return !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
		}) {
			var b [12]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Set(requestIDKey, id)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

// logRequests writes one line per request at Info: never a body, a query
// string, a token or anything personal, only the route pattern.
func logRequests(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			log.LogAttrs(c.Request().Context(), slog.LevelInfo, "request",
				slog.String("request_id", requestID(c)),
				slog.String("method", c.Request().Method),
				slog.String("route", c.Path()),
				slog.Int("status", c.Response().Status),
				slog.Int64("bytes", c.Response().Size),
				slog.Duration("duration", time.Since(start)),
			)
			return nil
		}
	}
}

// recoverPanics turns a panic in a handler into a 500 and a log line.
func recoverPanics(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if r := recover(); r != nil {
					if r == http.ErrAbortHandler {
						panic(r)
					}
					log.ErrorContext(c.Request().Context(), "handler panicked",
						"request_id", requestID(c), "route", c.Path(), "panic", r)
					err = errors.New("handler panicked")
				}
			}()
			return next(c)
		}
	}
}

// canonicalPaths refuses any path that is not in its one canonical form:
// doubled or dotted segments, encoded slashes and trailing slashes could
// otherwise be read differently by a proxy, the router and a policy.
func canonicalPaths(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := c.Request().URL
		raw := u.EscapedPath()
		lower := strings.ToLower(raw)
		if strings.Contains(raw, "//") || strings.Contains(raw, "/./") ||
			strings.Contains(raw, "/../") || strings.HasSuffix(raw, "/.") ||
			strings.HasSuffix(raw, "/..") || strings.Contains(lower, "%2f") ||
			strings.Contains(lower, "%5c") || strings.Contains(lower, "%2e") ||
			(len(raw) > 1 && strings.HasSuffix(raw, "/")) {
			return newHTTPError(http.StatusNotFound, "there is nothing at this address")
		}
		return next(c)
	}
}

// apiHeaders keeps API responses out of caches and out of content sniffing.
func apiHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		return next(c)
	}
}

// bodyLimit caps a request body while it is read: a declared length over
// the limit is refused at once, an undeclared one when it passes the limit.
func bodyLimit(limit int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if r.ContentLength > limit {
				return newHTTPError(http.StatusRequestEntityTooLarge, "the request body is too large")
			}
			r.Body = http.MaxBytesReader(c.Response(), r.Body, limit)
			return next(c)
		}
	}
}

// authenticate requires a principal. Browser sessions must also send the
// CSRF header on unsafe requests: a cross-site form cannot set it.
func authenticate(auth Authenticator) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p, err := auth.Authenticate(c)
			if err != nil {
				return err
			}
			if p.ByCookie && unsafeMethod(c.Request().Method) && !hasCSRFHeader(c) {
				return domain.Forbidden("send the header X-Requested-With: sendqa with this request")
			}
			c.Set(principalKey, p)
			ctx := domain.WithActor(c.Request().Context(),
				domain.Actor{PersonID: p.PersonID, RequestID: requestID(c)})
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

func hasCSRFHeader(c echo.Context) bool {
	return c.Request().Header.Get("X-Requested-With") == "sendqa"
}

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// requirePlatformAdmin admits only operators of the instance.
func requirePlatformAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p, ok := principalOf(c); !ok || !p.PlatformAdmin {
			return domain.Forbidden("only the platform's operators may do this")
		}
		return next(c)
	}
}

// inTransaction runs the rest of the request in one database transaction
// scoped to the signed-in person and, on tenant routes, to the tenant and
// its region. Responses to unsafe requests are held back until the
// transaction commits, so a client is never told that something was saved
// when it was not.
func inTransaction(db *store.DB) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p, _ := principalOf(c)
			scope := domain.Scope{PersonID: p.PersonID}
			if t, ok := c.Get(tenantKey).(tenancy.Tenant); ok {
				scope.TenantID, scope.RegionID = t.ID, t.RegionID
			}
			ctx, tx, err := db.Begin(c.Request().Context(), scope)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			c.SetRequest(c.Request().WithContext(ctx))

			if !unsafeMethod(c.Request().Method) {
				if err := next(c); err != nil {
					return err
				}
				return tx.Commit()
			}

			res := c.Response()
			held := &heldWriter{header: res.Writer.Header()}
			original := res.Writer
			res.Writer = held
			err = next(c)
			res.Writer = original
			if err == nil && res.Status < 400 {
				err = tx.Commit()
			}
			if err != nil {
				res.Committed, res.Status, res.Size = false, 0, 0
				return err
			}
			if held.status != 0 {
				original.WriteHeader(held.status)
			}
			_, err = original.Write(held.body.Bytes())
			return err
		}
	}
}

// heldWriter keeps a response in memory until the transaction commits.
type heldWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *heldWriter) Header() http.Header         { return w.header }
func (w *heldWriter) WriteHeader(status int)      { w.status = status }
func (w *heldWriter) Write(b []byte) (int, error) { return w.body.Write(b) }

// resolveTenant reads the tenant slug of a tenant route and answers 404
// unless the caller holds a role there, so that nobody learns which
// tenants exist. Roles come from the policy's mirror of the memberships.
func (s *Server) resolveTenant(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		p, _ := principalOf(c)
		t, err := s.tenants.find(ctx, c.Param("tenant"))
		if domain.IsNotFound(err) {
			return domain.NotFound("local area")
		}
		if err != nil {
			return err
		}
		roles := s.policy.Roles(p.PersonID, t.ID)
		if len(roles) == 0 {
			return domain.NotFound("local area")
		}
		c.Set(tenantKey, t)
		c.Set(rolesKey, roles)
		return next(c)
	}
}

// authorize asks the policy whether the caller may take the route's action
// on its object in the route's tenant.
func (s *Server) authorize(object, action string) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p, _ := principalOf(c)
			ok, err := s.policy.Allowed(p.PersonID, tenantOf(c).ID, object, action)
			if err != nil {
				return err
			}
			if !ok {
				return domain.Forbidden("your roles in this local area do not allow this")
			}
			return next(c)
		}
	}
}

// idempotent replays the first response to a create request that carries
// an Idempotency-Key, scoped to the person, the tenant and the route.
func idempotent(ttl time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			key := c.Request().Header.Get("Idempotency-Key")
			if key == "" {
				return next(c)
			}
			if len(key) > 255 {
				return badRequest("Idempotency-Key must be at most 255 characters")
			}
			body, err := io.ReadAll(c.Request().Body)
			if err != nil {
				return readError(err)
			}
			c.Request().Body = io.NopCloser(bytes.NewReader(body))
			sum := sha256.Sum256(body)

			ctx := c.Request().Context()
			p, _ := principalOf(c)
			k := store.IdempotencyKey{TenantID: tenantOf(c).ID, PersonID: p.PersonID,
				Route: c.Request().Method + " " + c.Path(), Key: key}
			stored, err := store.ClaimIdempotencyKey(ctx, k)
			if err != nil {
				return err
			}
			if stored != nil {
				if !bytes.Equal(stored.RequestHash, sum[:]) {
					return domain.InvalidField("Idempotency-Key",
						"this key was used with a different request body; use a new key")
				}
				c.Response().Header().Set("Idempotent-Replayed", "true")
				return c.Blob(stored.Status, stored.ContentType, stored.Body)
			}

			rec := &recordingWriter{ResponseWriter: c.Response().Writer}
			c.Response().Writer = rec
			if err := next(c); err != nil {
				return err
			}
			if c.Response().Status >= 400 {
				return nil
			}
			return store.SaveIdempotentResponse(ctx, k, store.StoredResponse{
				RequestHash: sum[:], Status: c.Response().Status,
				ContentType: c.Response().Header().Get(echo.HeaderContentType), Body: rec.body.Bytes(),
			}, ttl)
		}
	}
}

type recordingWriter struct {
	http.ResponseWriter
	body bytes.Buffer
}

func (w *recordingWriter) Write(b []byte) (int, error) {
	w.body.Write(b)
	return w.ResponseWriter.Write(b)
}
