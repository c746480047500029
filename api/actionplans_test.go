package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
)

func (e *env) plansPath() string   { return "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/action-plans" }
func (e *env) actionsPath() string { return "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/actions" }

func etagOf(r response) map[string]string {
	return map[string]string{"If-Match": r.header.Get("ETag")}
}

func fieldsOf(t *testing.T, r response) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, f := range r.problem(t, http.StatusUnprocessableEntity).Errors {
		out[f.Field] = true
	}
	return out
}

// setUpLocalPlan adds a service, a manager and the service's local plan
// led by that manager, and returns the plan's id and the manager.
func (e *env) setUpLocalPlan(t *testing.T) (string, string) {
	t.Helper()
	org := e.do(req{method: "POST", path: e.orgs(), as: e.lead(),
		body: map[string]any{"kind": "service", "name": "Educational Psychology"}}).json(t)
	manager := e.addMember("service_manager")
	created := e.do(req{method: "POST", path: e.plansPath(), as: e.lead(), body: map[string]any{
		"kind": "local", "title": "Educational Psychology plan", "organisation_id": org["id"],
		"lead_id": manager.String()}})
	if created.status != http.StatusCreated {
		t.Fatalf("create local plan: %d %s", created.status, created.body)
	}
	wantCreatedAt(t, created, e.plansPath())
	plan := created.json(t)
	if plan["organisation_name"] != "Educational Psychology" || plan["lead_id"] != manager.String() {
		t.Fatalf("local plan: %v", plan)
	}
	return plan["id"].(string), manager.String()
}

func (e *env) practicePlanID(t *testing.T) string {
	t.Helper()
	list := e.do(req{method: "GET", path: e.plansPath() + "?kind=practice", as: e.lead()}).json(t)
	items := list["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("got %d practice plans, want the fixture's one", len(items))
	}
	return items[0].(map[string]any)["id"].(string)
}

func TestPlansAreSetUpByQALeadsOnly(t *testing.T) {
	e := newEnv(t)
	e.practicePlanID(t)
	second := e.do(req{method: "POST", path: e.plansPath(), as: e.lead(),
		body: map[string]any{"kind": "practice", "title": "Another plan"}})
	second.problem(t, http.StatusConflict)

	bad := e.do(req{method: "POST", path: e.plansPath(), as: e.lead(),
		body: map[string]any{"kind": "local", "title": ""}})
	fields := fieldsOf(t, bad)
	if !fields["title"] || !fields["organisation_id"] {
		t.Errorf("invalid plan: got fields %v, want title and organisation_id", fields)
	}

	_, manager := e.setUpLocalPlan(t)
	mine := e.do(req{method: "POST", path: e.plansPath(), as: uuidOf(t, manager),
		body: map[string]any{"kind": "practice", "title": "My own plan"}})
	mine.problem(t, http.StatusForbidden)

	list := e.do(req{method: "GET", path: e.plansPath(), as: e.lead()}).json(t)["items"].([]any)
	if len(list) != 2 || list[0].(map[string]any)["kind"] != "practice" {
		t.Errorf("plans: got %v, want the practice plan then the local one", list)
	}
}

func TestActionsAreKeptByTheirPlansLeadAndWrittenUpByTheirOwner(t *testing.T) {
	e := newEnv(t)
	practice := e.practicePlanID(t)
	local, managerID := e.setUpLocalPlan(t)
	manager := uuidOf(t, managerID)
	soon := time.Now().AddDate(0, 1, 0).Format(time.DateOnly)

	bad := e.do(req{method: "POST", path: e.actionsPath(), as: e.lead(), body: map[string]any{
		"plan_id": practice, "title": "", "due_on": "2026-02-30", "rag": "purple"}})
	fields := fieldsOf(t, bad)
	for _, want := range []string{"due_on"} {
		if !fields[want] {
			t.Errorf("invalid action: no error for %s in %v", want, fields)
		}
	}
	bad = e.do(req{method: "POST", path: e.actionsPath(), as: e.lead(), body: map[string]any{
		"plan_id": practice, "title": "", "due_on": soon, "rag": "purple",
		"source": map[string]any{"kind": "rumour", "id": "6f1c2a39-7c5e-4d0e-9c55-1f7e3b2a0d11"}}})
	fields = fieldsOf(t, bad)
	for _, want := range []string{"title", "owner_id", "rag", "source.kind"} {
		if !fields[want] {
			t.Errorf("invalid action: no error for %s in %v", want, fields)
		}
	}

	headers := map[string]string{"Idempotency-Key": "create-smart-outcomes"}
	body := map[string]any{"plan_id": practice, "title": "Make every outcome SMART",
		"owner_id": e.lead().String(), "due_on": soon, "rag": "green",
		"source": map[string]any{"kind": "response", "id": "6f1c2a39-7c5e-4d0e-9c55-1f7e3b2a0d11"}}
	first := e.do(req{method: "POST", path: e.actionsPath(), as: e.lead(), body: body, header: headers})
	replay := e.do(req{method: "POST", path: e.actionsPath(), as: e.lead(), body: body, header: headers})
	if first.status != 201 || replay.status != 201 || first.json(t)["id"] != replay.json(t)["id"] {
		t.Fatalf("create and replay: %d %s / %d %s", first.status, first.body, replay.status, replay.body)
	}
	wantCreatedAt(t, first, e.actionsPath())
	practiceAction := first.json(t)
	if practiceAction["status"] != "not_started" || practiceAction["overdue"] != false ||
		practiceAction["source"].(map[string]any)["kind"] != "response" {
		t.Errorf("created action: %v", practiceAction)
	}

	notTheirs := e.do(req{method: "POST", path: e.actionsPath(), as: manager, body: map[string]any{
		"plan_id": practice, "title": "Something", "owner_id": managerID, "due_on": soon}})
	notTheirs.problem(t, http.StatusForbidden)
	created := e.do(req{method: "POST", path: e.actionsPath(), as: manager, body: map[string]any{
		"plan_id": local, "title": "Advice within six weeks", "owner_id": managerID, "due_on": soon}})
	if created.status != 201 {
		t.Fatalf("the lead adds to their plan: %d %s", created.status, created.body)
	}
	localPath := e.actionsPath() + "/" + created.json(t)["id"].(string)

	future := e.do(req{method: "POST", path: localPath + "/updates", as: manager,
		body: map[string]any{"body": "Done", "written_on": time.Now().AddDate(0, 0, 3).Format(time.DateOnly)}})
	if !fieldsOf(t, future)["written_on"] {
		t.Error("a progress update dated in the future was accepted")
	}
	written := e.do(req{method: "POST", path: localPath + "/updates", as: manager,
		body: map[string]any{"body": "Two extra psychologists recruited"}})
	if written.status != 201 {
		t.Fatalf("progress update: %d %s", written.status, written.body)
	}
	updates := written.json(t)["updates"].([]any)
	if len(updates) != 1 || updates[0].(map[string]any)["author_id"] != managerID {
		t.Errorf("updates: %v", updates)
	}

	practicePath := e.actionsPath() + "/" + practiceAction["id"].(string)
	e.do(req{method: "PATCH", path: practicePath, as: manager, body: map[string]any{"rag": "red"},
		header: map[string]string{"If-Match": `"1"`}}).problem(t, http.StatusForbidden)
	e.do(req{method: "POST", path: practicePath + "/updates", as: manager,
		body: map[string]any{"body": "Not mine"}}).problem(t, http.StatusForbidden)

	current := e.do(req{method: "GET", path: localPath, as: manager})
	e.do(req{method: "PATCH", path: localPath, as: manager, body: map[string]any{"status": "completed"},
		header: map[string]string{"If-Match": `"9"`}}).problem(t, http.StatusPreconditionFailed)
	done := e.do(req{method: "PATCH", path: localPath, as: manager, header: etagOf(current),
		body: map[string]any{"status": "completed", "rag": "green", "impact": "Waits fell to five weeks"}})
	if done.status != 200 {
		t.Fatalf("complete: %d %s", done.status, done.body)
	}
	if a := done.json(t); a["status"] != "completed" || a["impact"] != "Waits fell to five weeks" ||
		len(a["updates"].([]any)) != 1 {
		t.Errorf("completed action: %v", a)
	}

	viewer := e.addMember("viewer")
	if r := e.do(req{method: "GET", path: localPath, as: viewer}); r.status != 200 {
		t.Errorf("a viewer reads an action: got %d", r.status)
	}
	e.do(req{method: "POST", path: localPath + "/updates", as: viewer,
		body: map[string]any{"body": "Hello"}}).problem(t, http.StatusForbidden)

	var trail int
	owner := e.db.OpenOwner(t)
	err := owner.SQL().QueryRow(`SELECT count(*) FROM audit_events
		WHERE tenant_id = $1 AND entity IN ('action_plan', 'action', 'action_update')`,
		e.fixture.A.Tenant.ID).Scan(&trail)
	if err != nil {
		t.Fatal(err)
	}
	// The local plan, two actions, one update, one change.
	if trail != 5 {
		t.Errorf("trail rows: got %d, want 5", trail)
	}
	if _, err := owner.SQL().Exec(`UPDATE action_updates SET body = 'rewritten'`); err == nil {
		t.Error("a progress update was rewritten")
	}
}

func TestActionListsFilterAndPage(t *testing.T) {
	e := newEnv(t)
	practice := e.practicePlanID(t)
	local, manager := e.setUpLocalPlan(t)
	yesterday := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	later := time.Now().AddDate(0, 2, 0).Format(time.DateOnly)
	for _, a := range []map[string]any{
		{"plan_id": practice, "title": "Late", "owner_id": e.lead().String(), "due_on": yesterday,
			"status": "in_progress", "rag": "red"},
		{"plan_id": practice, "title": "Late but done", "owner_id": e.lead().String(),
			"due_on": yesterday, "status": "completed", "rag": "green"},
		{"plan_id": local, "title": "Local", "owner_id": manager, "due_on": later},
	} {
		if r := e.do(req{method: "POST", path: e.actionsPath(), as: e.lead(), body: a}); r.status != 201 {
			t.Fatalf("create %v: %d %s", a["title"], r.status, r.body)
		}
	}
	titles := func(query string) []string {
		t.Helper()
		r := e.do(req{method: "GET", path: e.actionsPath() + query, as: e.lead()})
		var out []string
		for _, it := range r.json(t)["items"].([]any) {
			out = append(out, it.(map[string]any)["title"].(string))
		}
		return out
	}
	for query, want := range map[string]string{
		"?overdue=true":                        "[Late]",
		"?plan_id=" + local:                    "[Local]",
		"?owner_id=" + manager:                 "[Local]",
		"?status=completed":                    "[Late but done]",
		"?plan_kind=local":                     "[Local]",
		"?rag=red&plan_kind=practice":          "[Late]",
		"?overdue=false&plan_kind=local":       "[Local]",
		"?plan_id=" + practice + "&rag=purple": "[]",
	} {
		if got := fmt.Sprint(titles(query)); got != want {
			t.Errorf("%s: got %s, want %s", query, got, want)
		}
	}
	e.do(req{method: "GET", path: e.actionsPath() + "?overdue=soon", as: e.lead()}).
		problem(t, http.StatusUnprocessableEntity)

	seen := map[string]bool{}
	path := e.actionsPath() + "?limit=2"
	for pages := 0; path != ""; pages++ {
		if pages > 3 {
			t.Fatal("the cursor never ends")
		}
		page := e.do(req{method: "GET", path: path, as: e.lead()}).json(t)
		for _, it := range page["items"].([]any) {
			seen[it.(map[string]any)["id"].(string)] = true
		}
		path = ""
		if next, ok := page["next_cursor"].(string); ok {
			path = e.actionsPath() + "?limit=2&cursor=" + next
		}
	}
	// Three new actions and the fixture's one.
	if len(seen) != 4 {
		t.Errorf("paging saw %d actions, want 4", len(seen))
	}
}

func uuidOf(t *testing.T, s string) uuid.UUID {
	t.Helper()
	id, err := uuid.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
