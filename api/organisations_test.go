package api_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

func (e *env) createOrg(name string) map[string]any {
	e.t.Helper()
	r := e.do(req{method: "POST", path: e.orgs(), as: e.lead(),
		body: map[string]any{"kind": "service", "name": name}})
	if r.status != http.StatusCreated {
		e.t.Fatalf("create %s: got %d\n%s", name, r.status, r.body)
	}
	wantCreatedAt(e.t, r, e.orgs())
	return r.json(e.t)
}

// wantCreatedAt checks that a 201 names the new record's address below
// collection and its version.
func wantCreatedAt(t testing.TB, r response, collection string) {
	t.Helper()
	made := r.json(t)
	if at := r.header.Get("Location"); at != collection+"/"+made["id"].(string) {
		t.Errorf("Location %q, want the record below %s", at, collection)
	}
	if tag := r.header.Get("ETag"); tag != fmt.Sprintf(`"%v"`, made["version"]) {
		t.Errorf("ETag %q, want version %v", tag, made["version"])
	}
}

func TestOrganisationLifecycle(t *testing.T) {
	e := newEnv(t)
	created := e.createOrg("Educational Psychology")
	path := e.orgs() + "/" + created["id"].(string)

	r := e.do(req{method: "GET", path: path, as: e.lead()})
	if r.status != 200 || r.header.Get("ETag") != `"1"` {
		t.Fatalf("read: got %d with ETag %q, want 200 and \"1\"", r.status, r.header.Get("ETag"))
	}

	rename := map[string]any{"name": "Educational Psychology Service"}
	e.do(req{method: "PATCH", path: path, as: e.lead(), body: rename}).
		problem(t, http.StatusPreconditionRequired)

	r = e.do(req{method: "PATCH", path: path, as: e.lead(), body: rename,
		header: map[string]string{"If-Match": `"1"`}})
	if r.status != 200 || r.json(t)["name"] != "Educational Psychology Service" || r.header.Get("ETag") != `"2"` {
		t.Fatalf("update: got %d %s", r.status, r.body)
	}

	e.do(req{method: "PATCH", path: path, as: e.lead(), body: map[string]any{"name": "Stale"},
		header: map[string]string{"If-Match": `"1"`}}).problem(t, http.StatusPreconditionFailed)
	if got := e.do(req{method: "GET", path: path, as: e.lead()}).json(t)["name"]; got != "Educational Psychology Service" {
		t.Fatalf("after a stale write the name is %q", got)
	}

	// The other tenant cannot see it, even knowing its id.
	r = e.do(req{method: "GET", path: "/api/v1/t/" + e.fixture.B.Tenant.Slug + "/organisations/" +
		created["id"].(string), as: e.other()})
	r.problem(t, http.StatusNotFound)
}

// Test 20: of two writers of the same version one wins, the other gets
// 412, and the record holds only the winner's change.
func TestConcurrentWritersOfOneVersion(t *testing.T) {
	e := newEnv(t)
	path := e.orgs() + "/" + e.createOrg("Physiotherapy")["id"].(string)
	var (
		wg       sync.WaitGroup
		statuses [2]int
	)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = e.do(req{method: "PATCH", path: path, as: e.lead(),
				body:   map[string]any{"name": fmt.Sprintf("Writer %d", i)},
				header: map[string]string{"If-Match": `"1"`}}).status
		}()
	}
	wg.Wait()
	wins := map[int]int{}
	for _, s := range statuses {
		wins[s]++
	}
	if wins[200] != 1 || wins[412] != 1 {
		t.Fatalf("got statuses %v, want one 200 and one 412", statuses)
	}
	got := e.do(req{method: "GET", path: path, as: e.lead()}).json(t)
	winner := 0
	if statuses[1] == 200 {
		winner = 1
	}
	if got["name"] != fmt.Sprintf("Writer %d", winner) || got["version"] != float64(2) {
		t.Fatalf("saved %v at version %v, want the winner's name at version 2", got["name"], got["version"])
	}
}

func TestOrganisationListPages(t *testing.T) {
	e := newEnv(t)
	for i := range 5 {
		e.createOrg(fmt.Sprintf("Service %02d", i))
	}
	var names []string
	cursor := ""
	for pages := 0; pages < 10; pages++ {
		path := e.orgs() + "?kind=service&limit=2"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		body := e.do(req{method: "GET", path: path, as: e.lead()}).json(t)
		for _, it := range body["items"].([]any) {
			names = append(names, it.(map[string]any)["name"].(string))
		}
		next, _ := body["next_cursor"].(string)
		if next == "" {
			break
		}
		cursor = next
	}
	want := []string{"Service 00", "Service 01", "Service 02", "Service 03", "Service 04"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Fatalf("got %v, want %v", names, want)
	}
}

// Test 19: a replayed Idempotency-Key returns the first response and
// creates nothing; the same key with another body gets 422.
func TestIdempotentCreate(t *testing.T) {
	e := newEnv(t)
	key := map[string]string{"Idempotency-Key": "3f9c1c1e-create-org"}
	body := map[string]any{"kind": "team", "name": "SENSTART North"}
	first := e.do(req{method: "POST", path: e.orgs(), as: e.lead(), body: body, header: key})
	if first.status != http.StatusCreated {
		t.Fatalf("first: got %d\n%s", first.status, first.body)
	}
	before := e.countRows("organisations")
	replay := e.do(req{method: "POST", path: e.orgs(), as: e.lead(), body: body, header: key})
	if replay.status != http.StatusCreated || string(replay.body) != string(first.body) {
		t.Fatalf("replay: got %d %s, want the first response", replay.status, replay.body)
	}
	if after := e.countRows("organisations"); after != before {
		t.Fatalf("the replay created %d organisations", after-before)
	}
	p := e.do(req{method: "POST", path: e.orgs(), as: e.lead(),
		body: map[string]any{"kind": "team", "name": "Something else"}, header: key}).problem(t, 422)
	if len(p.Errors) != 1 || p.Errors[0].Field != "Idempotency-Key" {
		t.Fatalf("got errors %+v, want one on Idempotency-Key", p.Errors)
	}
	// Another person's identical key is theirs alone.
	other := e.do(req{method: "POST", path: "/api/v1/t/" + e.fixture.B.Tenant.Slug + "/organisations",
		as: e.other(), body: body, header: key})
	if other.status != http.StatusCreated || string(other.body) == string(first.body) {
		t.Fatalf("another tenant's request with the same key: got %d %s", other.status, other.body)
	}
}

func TestRolesWithoutTheRightAreRefused(t *testing.T) {
	e := newEnv(t)
	viewer := e.addMember("viewer")
	r := e.do(req{method: "GET", path: e.orgs(), as: viewer})
	if r.status != 200 {
		t.Fatalf("viewer reading organisations: got %d", r.status)
	}
	e.do(req{method: "POST", path: e.orgs(), as: viewer,
		body: map[string]any{"kind": "service", "name": "X"}}).problem(t, http.StatusForbidden)
	e.do(req{method: "GET", path: "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/audit-log", as: viewer}).
		problem(t, http.StatusForbidden)
}
