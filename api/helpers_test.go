package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/api"
	"sendqa/domain"
	"sendqa/domain/access"
	"sendqa/domain/audit"
	"sendqa/domain/identity"
	"sendqa/domain/invite"
	"sendqa/domain/personal"
	responsesvc "sendqa/domain/response"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
	"sendqa/domain/tenancy"
)

// headerAuth authenticates tests by a header naming the person, and
// otherwise hands the request to the real authenticator (cookies and
// bearer tokens). The header exists only in tests.
type headerAuth struct {
	platformAdmins map[uuid.UUID]bool
	real           api.Authenticator
}

func (h headerAuth) Authenticate(c echo.Context) (api.Principal, error) {
	named := c.Request().Header.Get("X-Test-Person")
	if named == "" {
		return h.real.Authenticate(c)
	}
	id, err := uuid.Parse(named)
	if err != nil {
		return api.Principal{}, domain.ErrUnauthenticated
	}
	return api.Principal{PersonID: id, PlatformAdmin: h.platformAdmins[id],
		ByCookie: c.Request().Header.Get("X-Test-Cookie") != ""}, nil
}

type env struct {
	t        testing.TB
	db       storetest.DB
	fixture  storetest.Fixture
	server   *api.Server
	enforcer *access.Enforcer
	platform uuid.UUID
	tenancy  tenancy.Service
	identity identity.Service
	clock    *clock
	// responses is the service the server uses, for tests that work its
	// jobs or swap its scanner.
	responses responsesvc.Service
	deps      api.Deps
}

// clock is a settable time for session limits.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newEnv gives a test its own database and server. Tests share nothing, so
// they run in parallel: most of their time is spent waiting on PostgreSQL.
func newEnv(t *testing.T) *env {
	t.Helper()
	t.Parallel()
	return newEnvTB(t)
}

func newEnvTB(t testing.TB) *env {
	t.Helper()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	e := &env{t: t, db: d, fixture: f, platform: uuid.New(), tenancy: storetest.Services(),
		clock: &clock{now: time.Now().UTC()}}
	keys, err := identity.NewKeys([]byte("test session key of at least thirty-two bytes"))
	if err != nil {
		t.Fatal(err)
	}
	e.identity = identity.Service{Store: store.Identity{}, Keys: keys, Settings: identity.DefaultSettings,
		Now: e.clock.Now}

	adapter, err := db.PolicyAdapter()
	if err != nil {
		t.Fatal(err)
	}
	e.enforcer, err = access.NewEnforcer(context.Background(), adapter, db)
	if err != nil {
		t.Fatal(err)
	}
	responses := storetest.Responses(t, personal.DevelopmentKeyring(), e.clock.Now)
	rounds := storetest.Rounds(e.clock.Now)
	rounds.Notices = responsesvc.AllocationNotifier{Jobs: responses.Jobs, Now: e.clock.Now}
	responses.Outbox, responses.PublicURL = store.Outbox{}, "https://sendqa.test"
	e.responses = responses
	e.deps = api.Deps{
		Log: slog.New(slog.DiscardHandler),
		DB:  db,
		Auth: headerAuth{platformAdmins: map[uuid.UUID]bool{e.platform: true},
			real: api.NewSessionAuthenticator(e.identity, db)},
		Identity:  e.identity,
		Catalogue: storetest.Catalogue(),
		Invites: invite.Service{Store: store.Invitations{}, Outbox: store.Outbox{}, Tenancy: e.tenancy,
			Identity: e.identity, Trail: audit.Recorder{Store: store.Trail{}}, PublicURL: "https://sendqa.test"},
		Policy:    e.enforcer,
		Tenancy:   e.tenancy,
		Audit:     audit.Service{Store: store.Trail{}},
		Subjects:  storetest.Subjects(personal.DevelopmentKeyring(), e.clock.Now),
		Rounds:    rounds,
		Responses: responses,
	}
	e.server = api.New(e.deps)
	return e
}

// response is what a test request got back.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json(t testing.TB) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("response is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

// problem checks that the response is a problem of the given status and
// returns it.
func (r response) problem(t *testing.T, status int) api.Problem {
	t.Helper()
	if r.status != status {
		t.Fatalf("got status %d, want %d\n%s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("got Content-Type %q, want application/problem+json", ct)
	}
	var p api.Problem
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatalf("problem does not parse: %v", err)
	}
	if p.Status != status || p.Title == "" || p.Type == "" || p.Detail == "" {
		t.Fatalf("problem %+v lacks type, title, status or detail", p)
	}
	return p
}

type req struct {
	method, path string
	as           uuid.UUID
	body         any
	header       map[string]string
}

func (e *env) do(r req) response {
	e.t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	if body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.as != uuid.Nil {
		hr.Header.Set("X-Test-Person", r.as.String())
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	e.server.ServeHTTP(w, hr)
	return response{status: w.Code, header: w.Header(), body: w.Body.Bytes()}
}

func (e *env) lead() uuid.UUID  { return e.fixture.A.Member.ID }
func (e *env) other() uuid.UUID { return e.fixture.B.Member.ID }
func (e *env) orgs() string     { return "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/organisations" }

// countRows counts a table's rows as the owner, across tenants.
func (e *env) countRows(table string) int {
	e.t.Helper()
	db := e.db.OpenOwner(e.t)
	var n int
	if err := db.SQL().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// addMember adds a person with the given roles to tenant A and reloads the
// policy, as the NOTIFY listener would.
func (e *env) addMember(roles ...string) uuid.UUID {
	e.t.Helper()
	ctx := context.Background()
	owner := e.db.OpenOwner(e.t)
	svc := storetest.Services()
	var id uuid.UUID
	err := owner.InScope(ctx, e.fixture.A.Scope(), func(ctx context.Context) error {
		p, err := svc.CreatePerson(ctx, tenancy.Person{
			Email: uuid.NewString()[:8] + "@example.org", Name: "Member " + strings.Join(roles, " "),
		})
		if err != nil {
			return err
		}
		id = p.ID
		rs := make([]domain.Role, len(roles))
		for i, r := range roles {
			rs[i] = domain.Role(r)
		}
		_, err = svc.SetRoles(ctx, id, rs)
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.enforcer.Reload(ctx); err != nil {
		e.t.Fatal(err)
	}
	return id
}
