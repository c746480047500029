// Package api is sendqa's HTTP interface: the Echo router, its middleware,
// the request and response types and the mapping of domain errors to
// problem+json. It holds no business rules.
//
//	@title						sendqa API
//	@version					1
//	@description				Quality assurance of SEND support for English local areas.
//	@BasePath					/
//	@securityDefinitions.apikey	cookieAuth
//	@in							cookie
//	@name						__Host-sendqa_access
//	@securityDefinitions.apikey	bearerAuth
//	@in							header
//	@name						Authorization
package api

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/identity"
	"sendqa/domain/invite"
	"sendqa/domain/response"
	"sendqa/domain/round"
	"sendqa/domain/store"
	"sendqa/domain/subject"
	"sendqa/domain/tenancy"
)

// Deps are what the server needs from the rest of the program.
type Deps struct {
	Log       *slog.Logger
	DB        *store.DB
	Auth      Authenticator
	Policy    Policy
	Tenancy   tenancy.Service
	Audit     audit.Service
	Identity  identity.Service
	Catalogue catalogue.Service
	// Invites sends invitations and password resets; its PublicURL starts
	// every link in the mail.
	Invites  invite.Service
	Subjects subject.Service
	Rounds   round.Service
	// Responses completes audits: inbox, drafts, evidence, results.
	Responses response.Service
	Registry  *prometheus.Registry
	// Frontend serves the single-page app for every path the API does not
	// own; nil serves nothing there.
	Frontend http.Handler
	// OpenAPI is the OpenAPI 3.0 document served at /api/openapi.json.
	OpenAPI []byte
}

// Server is the HTTP interface.
type Server struct {
	echo      *echo.Echo
	log       *slog.Logger
	db        *store.DB
	auth      Authenticator
	policy    Policy
	tenancy   tenancy.Service
	audit     audit.Service
	identity  identity.Service
	invites   invite.Service
	catalogue catalogue.Service
	subjects  subject.Service
	rounds    round.Service
	responses response.Service
	openapi   []byte
	tenants   *tenantCache
	routes    []Route
	draining  atomic.Bool
}

// Access classifies a route: who may call it and how it is authorised.
type Access struct {
	Kind   AccessKind
	Object string // for tenant routes: the policy object
	Action string // for tenant routes: the policy action
}

// AccessKind is a route's class of caller.
type AccessKind int

// Route classes.
const (
	// Public routes need no sign-in (health, documents).
	Public AccessKind = iota
	// Auth routes sign people in and out: no sign-in needed, but browsers
	// must send the CSRF header since they carry cookies.
	Auth
	// SignedIn routes need a principal and nothing else.
	SignedIn
	// Platform routes are for the instance's operators only.
	Platform
	// Tenant routes need membership of the tenant and a policy grant.
	Tenant
)

// Route is one row of the route table.
type Route struct {
	Method string
	Path   string
	Access Access
	// Creates marks a POST that accepts Idempotency-Key.
	Creates bool
	// BodyLimit overrides the JSON body limit, for file uploads.
	BodyLimit int64
	handler   echo.HandlerFunc
}

func public() Access   { return Access{Kind: Public} }
func auth() Access     { return Access{Kind: Auth} }
func signedIn() Access { return Access{Kind: SignedIn} }
func platform() Access { return Access{Kind: Platform} }
func tenant(object, action string) Access {
	return Access{Kind: Tenant, Object: object, Action: action}
}

const (
	jsonBodyLimit  = 1 << 20
	idempotencyTTL = 24 * time.Hour
)

// New builds the router.
func New(d Deps) *Server {
	s := &Server{log: d.Log, db: d.DB, auth: d.Auth, policy: d.Policy,
		tenancy: d.Tenancy, audit: d.Audit, identity: d.Identity, invites: d.Invites,
		catalogue: d.Catalogue, subjects: d.Subjects, rounds: d.Rounds, responses: d.Responses,
		openapi: d.OpenAPI}
	s.tenants = newTenantCache(d.DB, d.Tenancy, tenantCacheTTL)
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// Addresses come from the connection itself. Behind a load balancer the
	// proxy's forwarded header would need trusting explicitly; until that
	// is configurable, per-address limits count the proxy's address.
	e.IPExtractor = echo.ExtractIPDirect()
	e.HTTPErrorHandler = errorHandler(d.Log)
	e.Use(withRequestID, recoverPanics(d.Log), logRequests(d.Log), canonicalPaths)
	s.echo = e

	s.routes = s.routeTable()
	for _, r := range s.routes {
		e.Add(r.Method, r.Path, r.handler, s.chain(r)...)
	}
	e.GET("/metrics", echo.WrapHandler(metricsHandler(d.Registry)))
	e.GET("/api/docs", s.swaggerUI)
	e.Any("/api/*", func(echo.Context) error {
		return newHTTPError(http.StatusNotFound, "there is nothing at this address")
	})
	if d.Frontend != nil {
		e.GET("/*", echo.WrapHandler(d.Frontend))
	}
	return s
}

// ServeHTTP lets the server be used as an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// Echo returns the router, for tests that list its routes.
func (s *Server) Echo() *echo.Echo { return s.echo }

// Routes returns the route table.
func (s *Server) Routes() []Route { return s.routes }

// Drain makes readiness fail, so that load balancers stop sending new
// requests while in-flight ones finish.
func (s *Server) Drain() { s.draining.Store(true) }

// chain builds a route's middleware from its access class.
func (s *Server) chain(r Route) []echo.MiddlewareFunc {
	limit := int64(jsonBodyLimit)
	if r.BodyLimit > 0 {
		limit = r.BodyLimit
	}
	m := []echo.MiddlewareFunc{apiHeaders, bodyLimit(limit)}
	switch r.Access.Kind {
	case Public:
		return m
	case Auth:
		return append(m, requireCSRFHeader)
	case SignedIn:
		m = append(m, authenticate(s.auth), inTransaction(s.db))
	case Platform:
		m = append(m, authenticate(s.auth), requirePlatformAdmin, inTransaction(s.db))
	case Tenant:
		m = append(m, authenticate(s.auth), s.resolveTenant,
			s.authorize(r.Access.Object, r.Access.Action), inTransaction(s.db))
	}
	if r.Creates {
		m = append(m, idempotent(idempotencyTTL))
	}
	return m
}

// routeTable is every API route with its access class, assembled from one
// table per resource, each kept beside its handlers.
func (s *Server) routeTable() []Route {
	var routes []Route
	for _, group := range [][]Route{
		s.operationRoutes(),
		s.authRoutes(),
		s.invitationAuthRoutes(),
		s.platformRoutes(),
		s.organisationRoutes(),
		s.memberRoutes(),
		s.invitationRoutes(),
		s.auditRoutes(),
		s.instrumentRoutes(),
		s.subjectRoutes(),
		s.roundRoutes(),
		s.responseRoutes(),
		s.resultRoutes(),
		s.actionPlanRoutes(),
		s.moderationRoutes(),
		s.providerRoutes(),
		s.providerInboxRoutes(),
		s.settingRoutes(),
		s.sirRoutes(),
		s.scheduleRoutes(),
		s.dashboardRoutes(),
		s.visitRoutes(),
		s.triangulationRoutes(),
		s.reportRoutes(),
	} {
		routes = append(routes, group...)
	}
	return routes
}

func (s *Server) operationRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/healthz", Access: public(), handler: s.healthz},
		{Method: "GET", Path: "/readyz", Access: public(), handler: s.readyz},
		{Method: "GET", Path: "/api/openapi.json", Access: public(), handler: s.openAPIDocument},
	}
}

// healthz answers while the process is alive.
//
//	@Summary	Liveness
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	HealthResponse
//	@Router		/healthz [get]
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, HealthResponse{Status: "ok"})
}

// readyz answers 200 while the database is reachable and the server is not
// shutting down.
//
//	@Summary	Readiness
//	@Tags		operations
//	@Produce	json
//	@Success	200	{object}	HealthResponse
//	@Failure	503	{object}	Problem
//	@Router		/readyz [get]
func (s *Server) readyz(c echo.Context) error {
	if s.draining.Load() {
		return newHTTPError(http.StatusServiceUnavailable, "shutting down")
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		s.log.WarnContext(ctx, "database unreachable", "error", err)
		return newHTTPError(http.StatusServiceUnavailable, "the database is not reachable")
	}
	return c.JSON(http.StatusOK, HealthResponse{Status: "ready"})
}

// HealthResponse reports liveness or readiness.
type HealthResponse struct {
	Status string `json:"status" example:"ok"`
} // @name HealthResponse
