package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"sendqa/domain/store/storetest"
)

func testConfig(t *testing.T, d storetest.DB) config {
	t.Helper()
	env := map[string]string{
		"DATABASE_URL":            d.OwnerURL,
		"SENDQA_APP_DATABASE_URL": d.AppURL,
		"SENDQA_ENV":              "test",
		"SENDQA_HTTP_ADDR":        "127.0.0.1:0",
		"SENDQA_SESSION_KEY":      "a shared key for both replicas in this test",
		"SENDQA_SHUTDOWN_TIMEOUT": "10s",
	}
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func quiet() *slog.Logger { return slog.New(slog.DiscardHandler) }

// seeded returns a database with the demo data loaded through seed-demo.
func seeded(t *testing.T) (storetest.DB, config) {
	t.Helper()
	d := storetest.New(t)
	cfg := testConfig(t, d)
	var out bytes.Buffer
	if err := seedDemo(context.Background(), cfg, &out, quiet()); err != nil {
		t.Fatalf("seed-demo: %v", err)
	}
	return d, cfg
}

type client struct {
	t    *testing.T
	base string
	http *http.Client
}

func newClient(t *testing.T, base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: base, http: &http.Client{Jar: jar}}
}

func (c *client) do(method, path string, body any) (int, []byte) {
	c.t.Helper()
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, c.base+path, r)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Requested-With", "sendqa")
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func (c *client) login(email string) {
	c.t.Helper()
	status, body := c.do("POST", "/api/v1/auth/login", map[string]string{
		"email": email, "password": "demo-password-2026"})
	if status != 200 {
		c.t.Fatalf("login %s: got %d %s", email, status, body)
	}
}

func TestSeedDemoLoadsTheRegionAndIsRepeatable(t *testing.T) {
	d, cfg := seeded(t)
	var out bytes.Buffer
	if err := seedDemo(context.Background(), cfg, &out, quiet()); err != nil {
		t.Fatalf("second seed-demo: %v", err)
	}
	owner := d.OpenOwner(t)
	checks := map[string]int{
		"SELECT count(*) FROM tenants":                     4,
		"SELECT count(*) FROM regions":                     1,
		"SELECT count(*) FROM memberships":                 4*8 + 4 + 20,
		"SELECT count(*) FROM people WHERE platform_admin": 1,
		"SELECT count(*) FROM young_person_logins":         4,
		// Every role's demo person has a name to greet, not just its area.
		"SELECT count(*) FROM people WHERE name LIKE ' %'":                        0,
		"SELECT count(*) FROM people WHERE name = 'Priya Sandhu (Wolverhampton)'": 1,
		"SELECT count(*) FROM organisations o JOIN tenants t ON t.id = o.tenant_id " +
			"WHERE t.slug = 'wolverhampton' AND o.kind IN ('school', 'setting')": 60,
		// One provider serves every area, its people each area's provider.
		"SELECT count(*) FROM providers":                               1,
		"SELECT count(*) FROM provider_people":                         4,
		"SELECT count(*) FROM tenant_providers WHERE state = 'active'": 4,
	}
	for q, want := range checks {
		var got int
		if err := owner.SQL().QueryRow(q).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
	cfg.Env = "production"
	if err := seedDemo(context.Background(), cfg, &out, quiet()); err == nil {
		t.Fatal("seed-demo ran in production")
	}
}

func TestSeedDemoPrintsACodeTheYoungPersonSignsInWith(t *testing.T) {
	d := storetest.New(t)
	cfg := testConfig(t, d)
	var out bytes.Buffer
	if err := seedDemo(context.Background(), cfg, &out, quiet()); err != nil {
		t.Fatalf("seed-demo: %v", err)
	}
	_, line, ok := strings.Cut(out.String(), "Young person in dudley: ")
	if !ok {
		t.Fatalf("seed-demo printed no code for Dudley's young person:\n%s", out.String())
	}
	_, code, _ := strings.Cut(strings.SplitN(line, "\n", 2)[0], "with code ")
	a, err := newApp(context.Background(), cfg, quiet())
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.server)
	t.Cleanup(func() { srv.Close(); a.close() })
	status, body := newClient(t, srv.URL).do("POST", "/api/v1/auth/code-login",
		map[string]string{"tenant": "dudley", "code": code, "passphrase": "green bus stop"})
	if status != 200 || !strings.Contains(string(body), "young_person") {
		t.Fatalf("code-login with %q: got %d %s", code, status, body)
	}
}

// Test 10: with two replicas on one database, a revoked role is refused by
// both within five seconds.
func TestRevokedRoleIsRefusedOnEveryReplica(t *testing.T) {
	d, cfg := seeded(t)
	ctx := context.Background()
	var replicas []*client
	for range 2 {
		a, err := newApp(ctx, cfg, quiet())
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(a.server)
		t.Cleanup(func() { srv.Close(); a.close() })
		c := newClient(t, srv.URL)
		c.login("qa_lead@dudley.example.org")
		replicas = append(replicas, c)
	}
	for i, c := range replicas {
		if status, body := c.do("GET", "/api/v1/t/dudley/audit-log", nil); status != 200 {
			t.Fatalf("replica %d before revocation: got %d %s", i, status, body)
		}
	}

	owner := d.OpenOwner(t)
	_, err := owner.SQL().Exec(`UPDATE memberships SET roles = '{viewer}'
		WHERE person_id = (SELECT id FROM people WHERE email = 'qa_lead@dudley.example.org')`)
	if err != nil {
		t.Fatal(err)
	}
	revoked := time.Now()
	for i, c := range replicas {
		for {
			status, _ := c.do("GET", "/api/v1/t/dudley/audit-log", nil)
			if status == http.StatusForbidden {
				t.Logf("replica %d refused after %s", i, time.Since(revoked).Round(time.Millisecond))
				break
			}
			if time.Since(revoked) > 5*time.Second {
				t.Fatalf("replica %d still allows the revoked role after 5s (status %d)", i, status)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// Test 22, first half: on shutdown readiness turns 503 at once and an
// in-flight request finishes.
func TestGracefulShutdownFinishesRequestsInFlight(t *testing.T) {
	d, cfg := seeded(t)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, quiet(), ready) }()
	var addr string
	select {
	case a := <-ready:
		addr = a.String()
	case err := <-done:
		t.Fatalf("serve stopped before it was ready: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("serve was not ready after 30s")
	}
	c := newClient(t, "http://"+addr)
	c.login("qa_lead@wolverhampton.example.org")

	// Hold the organisations table so that a request waits on it.
	owner := d.OpenOwner(t)
	tx, err := owner.SQL().Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("LOCK TABLE organisations IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	inFlight := make(chan int, 1)
	go func() {
		status, _ := c.do("GET", "/api/v1/t/wolverhampton/organisations", nil)
		inFlight <- status
	}()
	time.Sleep(300 * time.Millisecond) // the request is now waiting on the lock

	probe := newClient(t, "http://"+addr)
	keepAlive := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	probe.http = keepAlive
	if status, _ := probe.do("GET", "/readyz", nil); status != 200 {
		t.Fatalf("readyz before shutdown: got %d", status)
	}
	cancel()
	time.Sleep(100 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("serve returned while a request was in flight: %v", err)
	default:
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	select {
	case status := <-inFlight:
		if status != 200 {
			t.Fatalf("in-flight request: got %d, want 200", status)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the in-flight request never finished")
	}
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
}

func TestConfigMasksSecrets(t *testing.T) {
	cfg, err := loadConfig(func(k string) string {
		return map[string]string{
			"DATABASE_URL":       "postgres://owner:hunter2@db:5432/sendqa",
			"SENDQA_SESSION_KEY": strings.Repeat("k", 40),
		}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	printed := cfg.String()
	if strings.Contains(printed, "hunter2") || strings.Contains(printed, strings.Repeat("k", 40)) {
		t.Fatalf("configuration printed a secret:\n%s", printed)
	}
	if !strings.Contains(cfg.AppDatabaseURL, "sendqa_app@db:5432") {
		t.Fatalf("derived runtime URL %q, want the runtime role on the same server", cfg.AppDatabaseURL)
	}
	if _, err := loadConfig(func(k string) string {
		return map[string]string{"DATABASE_URL": "postgres://x@y/z", "SENDQA_ENV": "production"}[k]
	}); err == nil || !strings.Contains(err.Error(), "SENDQA_SESSION_KEY") {
		t.Fatalf("production without a session key: got %v", err)
	}
}
