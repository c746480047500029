package api_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/identity"
	"sendqa/domain/store"
)

const testPassword = "correct horse battery staple"

// setPassword gives a fixture person a password, as the owner.
func (e *env) setPassword(personID uuid.UUID, password string) {
	e.t.Helper()
	hash, err := identity.HashPassword(password)
	if err != nil {
		e.t.Fatal(err)
	}
	owner := e.db.OpenOwner(e.t)
	err = owner.InScope(context.Background(), domain.Scope{}, func(ctx context.Context) error {
		return store.Identity{}.SavePassword(ctx, personID, hash)
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// browser keeps cookies between requests, as a browser would.
type browser struct {
	e       *env
	mu      sync.Mutex
	cookies map[string]*http.Cookie
	noCSRF  bool
}

func (e *env) browser() *browser { return &browser{e: e, cookies: map[string]*http.Cookie{}} }

func (b *browser) do(method, path string, body any) response {
	b.e.t.Helper()
	r := req{method: method, path: path, body: body, header: map[string]string{}}
	if method != "GET" && !b.noCSRF {
		r.header["X-Requested-With"] = "sendqa"
	}
	b.mu.Lock()
	var parts []string
	for _, c := range b.cookies {
		parts = append(parts, c.Name+"="+c.Value)
	}
	b.mu.Unlock()
	if len(parts) > 0 {
		r.header["Cookie"] = strings.Join(parts, "; ")
	}
	res := b.e.do(r)
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, c := range (&http.Response{Header: res.header}).Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
			continue
		}
		b.cookies[c.Name] = c
	}
	return res
}

func (b *browser) login(email, password string) response {
	return b.do("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": password})
}

func (e *env) signedIn(personID uuid.UUID, email string) *browser {
	e.t.Helper()
	e.setPassword(personID, testPassword)
	b := e.browser()
	if r := b.login(email, testPassword); r.status != 200 {
		e.t.Fatalf("login: got %d %s", r.status, r.body)
	}
	return b
}

func TestLoginSetsHardenedCookies(t *testing.T) {
	e := newEnv(t)
	e.setPassword(e.lead(), testPassword)
	b := e.browser()
	r := b.login(e.fixture.A.Member.Email, testPassword)
	if r.status != 200 {
		t.Fatalf("login: got %d %s", r.status, r.body)
	}
	me := r.json(t)
	ms := me["memberships"].([]any)
	if len(ms) != 1 || ms[0].(map[string]any)["tenant"] != e.fixture.A.Tenant.Slug {
		t.Fatalf("memberships %v, want area-a only", ms)
	}
	for _, c := range (&http.Response{Header: r.header}).Cookies() {
		if !strings.HasPrefix(c.Name, "__Host-") || !c.HttpOnly || !c.Secure || c.Path != "/" ||
			c.SameSite != http.SameSiteLaxMode || c.Domain != "" {
			t.Errorf("cookie %s is %+v; want __Host-, HttpOnly, Secure, SameSite=Lax, Path=/", c.Name, c)
		}
	}
	if len(b.cookies) != 2 {
		t.Fatalf("got cookies %v, want access and refresh", b.cookies)
	}
	if r := b.do("GET", e.orgs(), nil); r.status != 200 {
		t.Fatalf("signed-in request: got %d", r.status)
	}
	if r := b.do("GET", "/api/v1/auth/me", nil); r.status != 200 || r.json(t)["session"] == nil {
		t.Fatalf("me: got %d %s", r.status, r.body)
	}
}

// Test 15: unknown e-mail and wrong password answer alike; the lockout
// threshold holds; passwords are argon2id with the set parameters.
func TestFailedLoginsAnswerAlikeAndLockTheAccount(t *testing.T) {
	e := newEnv(t)
	e.setPassword(e.lead(), testPassword)
	b := e.browser()
	unknown := b.login("nobody@example.org", testPassword)
	wrong := b.login(e.fixture.A.Member.Email, "wrong password!")
	if unknown.status != 401 || wrong.status != 401 || string(unknown.body) != string(wrong.body) {
		t.Fatalf("unknown e-mail %d %s vs wrong password %d %s; want identical 401s",
			unknown.status, unknown.body, wrong.status, wrong.body)
	}
	for range identity.DefaultSettings.LockoutThreshold - 1 {
		b.login(e.fixture.A.Member.Email, "wrong password!")
	}
	locked := b.login(e.fixture.A.Member.Email, testPassword)
	if locked.status != 401 || string(locked.body) != string(wrong.body) {
		t.Fatalf("right password on a locked account: got %d %s, want the same 401", locked.status, locked.body)
	}
	e.clock.Advance(identity.DefaultSettings.LockoutDuration + time.Second)
	if r := b.login(e.fixture.A.Member.Email, testPassword); r.status != 200 {
		t.Fatalf("after the lockout: got %d %s", r.status, r.body)
	}

	var hash string
	owner := e.db.OpenOwner(t)
	if err := owner.SQL().QueryRow("SELECT password_hash FROM credentials WHERE person_id = $1",
		e.lead()).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("stored hash %q, want argon2id m=19456 t=2 p=1", hash[:40])
	}
}

func TestLoginIsRateLimitedPerAddress(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	var last response
	for range identity.DefaultSettings.AddressLimit + 1 {
		last = b.login("nobody@example.org", "whatever password")
	}
	last.problem(t, http.StatusTooManyRequests)
}

// Test 12: reusing a rotated refresh token revokes the whole family; two
// tabs refreshing at once share one successor.
func TestRefreshRotationAndReuse(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn(e.lead(), e.fixture.A.Member.Email)
	stolen := *b.cookies["__Host-sendqa_refresh"]

	// Two tabs refresh with the same token at once.
	tab2 := &browser{e: e, cookies: map[string]*http.Cookie{stolen.Name: &stolen}}
	var wg sync.WaitGroup
	var r1, r2 response
	wg.Add(2)
	go func() { defer wg.Done(); r1 = b.do("POST", "/api/v1/auth/refresh", nil) }()
	go func() { defer wg.Done(); r2 = tab2.do("POST", "/api/v1/auth/refresh", nil) }()
	wg.Wait()
	if r1.status != 200 || r2.status != 200 {
		t.Fatalf("parallel refreshes: got %d and %d, want both 200", r1.status, r2.status)
	}
	if b.cookies["__Host-sendqa_refresh"].Value != tab2.cookies["__Host-sendqa_refresh"].Value {
		t.Fatal("the two tabs hold different successors")
	}

	// After the grace period the old token is a stolen one.
	e.clock.Advance(identity.DefaultSettings.RotationGrace + time.Second)
	thief := &browser{e: e, cookies: map[string]*http.Cookie{stolen.Name: &stolen}}
	thief.do("POST", "/api/v1/auth/refresh", nil).problem(t, http.StatusUnauthorized)
	b.do("POST", "/api/v1/auth/refresh", nil).problem(t, http.StatusUnauthorized)
}

// Test 13's server side: idle and absolute limits end a session.
func TestSessionLimits(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn(e.lead(), e.fixture.A.Member.Email)
	e.clock.Advance(identity.DefaultSettings.IdleTimeout + time.Second)
	b.do("POST", "/api/v1/auth/refresh", nil).problem(t, http.StatusUnauthorized)

	b = e.signedIn(e.lead(), e.fixture.A.Member.Email)
	for elapsed := time.Duration(0); elapsed < identity.DefaultSettings.AbsoluteTimeout; elapsed += 20 * time.Minute {
		e.clock.Advance(20 * time.Minute)
		r := b.do("POST", "/api/v1/auth/refresh", nil)
		if elapsed+20*time.Minute < identity.DefaultSettings.AbsoluteTimeout && r.status != 200 {
			t.Fatalf("refresh after %s: got %d", elapsed, r.status)
		}
		if elapsed+20*time.Minute >= identity.DefaultSettings.AbsoluteTimeout {
			r.problem(t, http.StatusUnauthorized)
		}
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn(e.lead(), e.fixture.A.Member.Email)
	refresh := *b.cookies["__Host-sendqa_refresh"]
	if r := b.do("POST", "/api/v1/auth/logout", nil); r.status != 204 || len(b.cookies) != 0 {
		t.Fatalf("logout: got %d, cookies left %v", r.status, b.cookies)
	}
	replay := &browser{e: e, cookies: map[string]*http.Cookie{refresh.Name: &refresh}}
	replay.do("POST", "/api/v1/auth/refresh", nil).problem(t, http.StatusUnauthorized)
}

// Test 14: an unsafe cookie request without the custom header is refused,
// the auth routes included.
func TestCSRFHeaderOnCookieRequests(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn(e.lead(), e.fixture.A.Member.Email)
	b.noCSRF = true
	b.do("POST", e.orgs(), map[string]any{"kind": "service", "name": "X"}).problem(t, http.StatusForbidden)
	b.do("POST", "/api/v1/auth/refresh", nil).problem(t, http.StatusForbidden)
	b.do("POST", "/api/v1/auth/logout", nil).problem(t, http.StatusForbidden)
	b.login(e.fixture.A.Member.Email, testPassword).problem(t, http.StatusForbidden)
}

func TestCORSGrantsNothingToOtherOrigins(t *testing.T) {
	e := newEnv(t)
	r := e.do(req{method: "OPTIONS", path: e.orgs(), header: map[string]string{
		"Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "x-requested-with"}})
	for k := range r.header {
		if strings.HasPrefix(strings.ToLower(k), "access-control-allow") {
			t.Fatalf("preflight from another origin got %s: %s", k, r.header.Get(k))
		}
	}
}

// Test 11: forged, expired and malformed access tokens are refused.
func TestForgedTokensAreRefused(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn(e.lead(), e.fixture.A.Member.Email)
	good := b.cookies["__Host-sendqa_access"].Value
	refresh := b.cookies["__Host-sendqa_refresh"].Value
	parts := strings.Split(good, ".")
	claims := func(edit func(jwt.MapClaims)) jwt.MapClaims {
		m := jwt.MapClaims{}
		if _, _, err := jwt.NewParser().ParseUnverified(good, m); err != nil {
			t.Fatal(err)
		}
		edit(m)
		return m
	}
	otherKey := []byte("another key of at least thirty-two bytes long")
	sign := func(method jwt.SigningMethod, key any, m jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(method, m).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	none := func(m jwt.MapClaims) string {
		s, _ := jwt.NewWithClaims(jwt.SigningMethodNone, m).SignedString(jwt.UnsafeAllowNoneSignatureType)
		return s
	}
	now := time.Now()
	cases := map[string]string{
		"alg none":        none(claims(func(jwt.MapClaims) {})),
		"other key":       sign(jwt.SigningMethodHS256, otherKey, claims(func(jwt.MapClaims) {})),
		"HS512":           sign(jwt.SigningMethodHS512, otherKey, claims(func(jwt.MapClaims) {})),
		"wrong issuer":    sign(jwt.SigningMethodHS256, otherKey, claims(func(m jwt.MapClaims) { m["iss"] = "evil" })),
		"wrong audience":  sign(jwt.SigningMethodHS256, otherKey, claims(func(m jwt.MapClaims) { m["aud"] = "other" })),
		"tampered claims": parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"`+e.other().String()+`"}`)) + "." + parts[2],
		"expired": signWithServerKey(t, claims(func(m jwt.MapClaims) {
			m["exp"] = now.Add(-time.Minute).Unix()
		})),
		"not yet valid": signWithServerKey(t, claims(func(m jwt.MapClaims) { m["nbf"] = now.Add(time.Hour).Unix() })),
		"no expiry":     signWithServerKey(t, claims(func(m jwt.MapClaims) { delete(m, "exp") })),
		"refresh token": refresh,
		"garbage":       "not.a.token",
	}
	for name, token := range cases {
		t.Run(name, func(t *testing.T) {
			r := e.do(req{method: "GET", path: e.orgs(), header: map[string]string{
				"Cookie": "__Host-sendqa_access=" + token}})
			r.problem(t, http.StatusUnauthorized)
		})
	}
	t.Run("server key control", func(t *testing.T) {
		r := e.do(req{method: "GET", path: e.orgs(), header: map[string]string{
			"Cookie": "__Host-sendqa_access=" + signWithServerKey(t, claims(func(jwt.MapClaims) {}))}})
		if r.status != 200 {
			t.Fatalf("a token signed with the server's own key: got %d, want 200", r.status)
		}
	})
}

// signWithServerKey signs claims as the server would, to show that a
// refused token is refused for its claims, not its signature.
func signWithServerKey(t *testing.T, m jwt.MapClaims) string {
	t.Helper()
	secret := []byte("test session key of at least thirty-two bytes")
	key := identity.SigningKeyForTests(secret)
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, m).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestHugeAuthorizationHeaderIsRefusedFast(t *testing.T) {
	e := newEnv(t)
	huge := "Bearer " + strings.Repeat("a", 1<<20)
	start := time.Now()
	r := e.do(req{method: "GET", path: e.orgs(), header: map[string]string{"Authorization": huge}})
	r.problem(t, http.StatusUnauthorized)
	if d := time.Since(start); d > 2*time.Second {
		t.Fatalf("took %s to refuse", d)
	}
}

func TestPersonalAccessTokens(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn(e.lead(), e.fixture.A.Member.Email)
	expires := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)
	r := b.do("POST", "/api/v1/auth/tokens", map[string]any{"name": "export script", "expires_on": expires})
	if r.status != 201 {
		t.Fatalf("create token: got %d %s", r.status, r.body)
	}
	created := r.json(t)
	token := created["token"].(string)

	bearer := map[string]string{"Authorization": "Bearer " + token}
	if r := e.do(req{method: "GET", path: e.orgs(), header: bearer}); r.status != 200 {
		t.Fatalf("bearer request: got %d %s", r.status, r.body)
	}
	// Programs need no CSRF header.
	r = e.do(req{method: "POST", path: e.orgs(), header: bearer, body: map[string]any{"kind": "team", "name": "T"}})
	if r.status != 201 {
		t.Fatalf("bearer create: got %d %s", r.status, r.body)
	}
	list := b.do("GET", "/api/v1/auth/tokens", nil).json(t)["items"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["token"] != nil {
		t.Fatalf("token list %v must hold one token without its secret", list)
	}
	var stored []byte
	owner := e.db.OpenOwner(t)
	if err := owner.SQL().QueryRow("SELECT token_hash FROM access_tokens").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(stored), token) {
		t.Fatal("the token is stored in the clear")
	}
	if r := b.do("DELETE", "/api/v1/auth/tokens/"+created["id"].(string), nil); r.status != 204 {
		t.Fatalf("revoke: got %d", r.status)
	}
	e.do(req{method: "GET", path: e.orgs(), header: bearer}).problem(t, http.StatusUnauthorized)

	b.do("POST", "/api/v1/auth/tokens", map[string]any{"name": "", "expires_on": "2020-01-01"}).
		problem(t, http.StatusUnprocessableEntity)
}

func TestChangePassword(t *testing.T) {
	e := newEnv(t)
	b := e.signedIn(e.lead(), e.fixture.A.Member.Email)
	other := e.browser()
	other.login(e.fixture.A.Member.Email, testPassword)

	p := b.do("POST", "/api/v1/auth/password", map[string]any{
		"current_password": testPassword, "new_password": "password1"}).problem(t, 422)
	if p.Errors[0].Field != "new_password" {
		t.Fatalf("got %+v, want the common password refused on new_password", p.Errors)
	}
	b.do("POST", "/api/v1/auth/password", map[string]any{
		"current_password": "wrong", "new_password": "a much better passphrase"}).problem(t, 422)
	if r := b.do("POST", "/api/v1/auth/password", map[string]any{
		"current_password": testPassword, "new_password": "a much better passphrase"}); r.status != 204 {
		t.Fatalf("change: got %d %s", r.status, r.body)
	}
	other.do("POST", "/api/v1/auth/refresh", nil).problem(t, http.StatusUnauthorized)
	if r := b.do("POST", "/api/v1/auth/refresh", nil); r.status != 200 {
		t.Fatalf("the changing browser's new session: got %d", r.status)
	}
	if r := e.browser().login(e.fixture.A.Member.Email, "a much better passphrase"); r.status != 200 {
		t.Fatalf("login with the new password: got %d", r.status)
	}
}
