package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/moderation"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

// ehcpAnswers answers the EHCP quality audit of a year 5 child's plan
// with one grade throughout and an overall comment.
func ehcpAnswers(grade, comment string) map[string]any {
	a := map[string]any{"plan_reference": "EHCP-1", "plan_issued_on": "2026-01-10", "plan_status": "new",
		"nc_year": 5, "contributing_services": []string{"educational_psychology"}, "no_conflict": "yes",
		"strengths": comment}
	for _, g := range []string{"a", "b", "c", "d", "e", "f", "g", "h1", "h2", "i", "j", "k",
		"golden_thread"} {
		a[g+"_grade"] = grade
	}
	return a
}

// moderatorAnswers are a moderator's answers, without the child's details.
func moderatorAnswers(grade string) map[string]any {
	a := ehcpAnswers(grade, "Moderated")
	delete(a, "plan_reference")
	return a
}

// submittedRound makes an EHCP round due yesterday with n plans, to which
// Educational Psychology contributed, each audited by first and
// submitted through the API with grade and comment.
func (e *env) submittedRound(name string, n int, first uuid.UUID, grade, comment string) (round string,
	responses []string) {
	e.t.Helper()
	owner := e.db.OpenOwner(e.t)
	tenant := e.fixture.A.Tenant.ID
	due := time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	err := owner.SQL().QueryRow(`INSERT INTO rounds (tenant_id, name, instrument_key, instrument_version,
			subject_kind, term, academic_year, opens_on, due_on, sampling_method, state, seed)
		VALUES ($1, $2, 'ehcp_quality_audit', 1, 'ehc_plan', 'autumn', 2026, '2026-01-05', $3::date, 'random',
			'allocated', 1) RETURNING id`, tenant, name, due).Scan(&round)
	if err != nil {
		e.t.Fatal(err)
	}
	for i := range n {
		var alloc string
		err := owner.SQL().QueryRow(`
			WITH s AS (INSERT INTO subjects (tenant_id, kind, local_id, services)
					VALUES ($1, 'ehc_plan', $3, '{Educational Psychology}') RETURNING id)
			INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, auditor_id, status)
			SELECT $1, $2, s.id, $4, $5, 'allocated' FROM s RETURNING id`,
			tenant, round, fmt.Sprintf("%s-%d", name, i), i+1, first).Scan(&alloc)
		if err != nil {
			e.t.Fatal(err)
		}
		start := e.do(req{method: "POST", path: e.tenantPath("/responses"), as: first,
			body: map[string]any{"allocation_id": alloc}})
		id := start.json(e.t)["id"].(string)
		sub := e.do(req{method: "POST", path: e.tenantPath("/responses/" + id + "/submit"), as: first,
			header: etag(start), body: map[string]any{"answers": ehcpAnswers(grade, comment)}})
		if sub.status != http.StatusOK {
			e.t.Fatalf("submit the first audit: %d %s", sub.status, sub.body)
		}
		responses = append(responses, id)
	}
	return round, responses
}

// worksFor records the services an auditor works for.
func (e *env) worksFor(person uuid.UUID, services ...string) {
	e.t.Helper()
	_, err := e.db.OpenOwner(e.t).SQL().Exec(`INSERT INTO auditor_services (tenant_id, person_id, services)
		VALUES ($1, $2, $3)`, e.fixture.A.Tenant.ID, person, "{"+strings.Join(services, ",")+"}")
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) draw(body map[string]any) map[string]any {
	e.t.Helper()
	r := e.do(req{method: "POST", path: e.tenantPath("/moderations"), as: e.lead(), body: body})
	if r.status != http.StatusCreated {
		e.t.Fatalf("draw: %d %s", r.status, r.body)
	}
	return r.json(e.t)
}

func dueIn(days int) string { return time.Now().UTC().AddDate(0, 0, days).Format(time.DateOnly) }

func TestModerationIsNeverGivenToTheFirstAuditorOrAConflictedOne(t *testing.T) {
	e := newEnv(t)
	first := e.addMember("auditor")
	conflicted := e.addMember("auditor")
	e.worksFor(conflicted, "educational psychology ")
	clean := []uuid.UUID{e.addMember("auditor"), e.addMember("auditor")}
	round, _ := e.submittedRound("Autumn", 6, first, "good", "Clear outcomes")

	drawn := e.draw(map[string]any{"round_id": round, "percent": 100, "due_on": dueIn(14)})
	items := drawn["items"].([]any)
	if len(items) != 6 || len(drawn["unmatched"].([]any)) != 0 {
		t.Fatalf("drew %d moderations, %v unmatched; want 6 and none", len(items), drawn["unmatched"])
	}
	loads := map[string]int{}
	for _, it := range items {
		loads[it.(map[string]any)["moderator_id"].(string)]++
	}
	for id := range loads {
		if id == first.String() || id == conflicted.String() {
			t.Errorf("a moderation went to %s, the first auditor or one with a conflict", id)
		}
	}
	if loads[clean[0].String()] != 3 || loads[clean[1].String()] != 3 {
		t.Errorf("moderations are not spread evenly: %v", loads)
	}
	if n := e.count(`SELECT count(*) FROM notifications WHERE kind = 'moderation' AND person_id = $1`,
		clean[0]); n != 3 {
		t.Errorf("a moderator got %d notices of 3 moderations", n)
	}
	again := e.do(req{method: "POST", path: e.tenantPath("/moderations"), as: e.lead(),
		body: map[string]any{"round_id": round, "percent": 100, "due_on": dueIn(14)}})
	again.problem(t, http.StatusConflict)

	// With only the first auditor and a conflicted one left, nobody may
	// moderate: the draw says so rather than break the rule.
	lone := newEnvTB(t)
	a, b := lone.addMember("auditor"), lone.addMember("auditor")
	lone.worksFor(b, "Educational Psychology")
	r2, _ := lone.submittedRound("Spring", 2, a, "good", "Fine")
	out := lone.draw(map[string]any{"round_id": r2, "per_auditor": 2, "due_on": dueIn(14)})
	if len(out["items"].([]any)) != 0 || len(out["unmatched"].([]any)) != 2 {
		t.Errorf("with no eligible moderator: %v", out)
	}
	bad := lone.do(req{method: "POST", path: lone.tenantPath("/moderations"), as: lone.lead(),
		body: map[string]any{"round_id": r2, "percent": 10, "per_auditor": 1}})
	p := bad.problem(t, http.StatusUnprocessableEntity)
	if !strings.Contains(fmt.Sprint(p.Errors), "percent") || !strings.Contains(fmt.Sprint(p.Errors), "due_on") {
		t.Errorf("a muddled sample is not explained: %+v", p.Errors)
	}
	if r := lone.do(req{method: "POST", path: lone.tenantPath("/moderations"), as: a,
		body: map[string]any{"round_id": r2, "percent": 10, "due_on": dueIn(3)}}); r.status != 403 {
		t.Errorf("an auditor drew a moderation sample: %d", r.status)
	}
}

// fill puts ids in a route's path parameters.
func fill(path, slug, id string) string {
	out := strings.Replace(path, ":tenant", slug, 1)
	for _, p := range []string{":id", ":slug", ":key", ":version", ":number", ":token", ":round", ":item"} {
		out = strings.ReplaceAll(out, p, id)
	}
	return out
}

func TestTheModeratorIsBlindToTheFirstAuditUntilBothAreIn(t *testing.T) {
	e := newEnv(t)
	first := e.addMember("auditor")
	moderator := e.addMember("auditor")
	const marker = "FIRST-AUDITOR-SAW-THIS"
	round, responses := e.submittedRound("Autumn", 1, first, "inadequate", marker)
	drawn := e.draw(map[string]any{"round_id": round, "per_auditor": 1, "due_on": dueIn(14)})
	mod := drawn["items"].([]any)[0].(map[string]any)
	if mod["moderator_id"] != moderator.String() {
		t.Fatalf("moderation went to %v", mod["moderator_id"])
	}
	id := mod["id"].(string)
	var alloc string
	if err := e.db.OpenOwner(t).SQL().QueryRow(`SELECT allocation_id FROM responses WHERE id = $1`,
		responses[0]).Scan(&alloc); err != nil {
		t.Fatal(err)
	}

	// Every GET route, with every id the moderator might guess, and with
	// the round as a filter: none shows the first audit's words, auditor
	// or result.
	leaks := func(stage string) {
		t.Helper()
		for _, r := range e.server.Routes() {
			if r.Method != "GET" {
				continue
			}
			for _, x := range []string{id, responses[0], round, alloc} {
				path := fill(r.Path, e.fixture.A.Tenant.Slug, x)
				if strings.Contains(path, "/t/") {
					path += "?round_id=" + round
				}
				got := e.do(req{method: "GET", path: path, as: moderator})
				body := string(got.body)
				if strings.Contains(body, marker) || strings.Contains(body, first.String()) {
					t.Errorf("%s: GET %s shows the moderator the first audit (%d)", stage, path, got.status)
				}
				if got.status == 200 && strings.Contains(body, `"first_result":{`) {
					t.Errorf("%s: GET %s shows the moderator the first result", stage, path)
				}
			}
		}
	}
	leaks("allocated")
	view := e.do(req{method: "GET", path: e.tenantPath("/moderations/" + id), as: moderator})
	if view.status != 200 || view.json(t)["first_hidden"] != true {
		t.Fatalf("the moderator's view: %d %s", view.status, view.body)
	}
	saved := e.do(req{method: "PUT", path: e.tenantPath("/moderations/" + id + "/answers"), as: moderator,
		header: etag(view), body: map[string]any{"answers": map[string]any{"a_grade": "good"}}})
	if saved.status != 200 {
		t.Fatalf("save: %d %s", saved.status, saved.body)
	}
	leaks("draft")
	if r := e.do(req{method: "GET", path: e.tenantPath("/moderations/" + id + "/comparison"),
		as: moderator}); r.status != http.StatusConflict {
		t.Errorf("the comparison before the moderator submitted: %d", r.status)
	}
	if r := e.do(req{method: "GET", path: e.tenantPath("/moderations/" + id), as: first}); r.status != 404 {
		t.Errorf("the first auditor read the moderation: %d", r.status)
	}

	sub := e.do(req{method: "POST", path: e.tenantPath("/moderations/" + id + "/submit"), as: moderator,
		header: etag(saved), body: map[string]any{"answers": moderatorAnswers("requires_improvement")}})
	if sub.status != 200 {
		t.Fatalf("submit: %d %s", sub.status, sub.body)
	}
	cmp := e.do(req{method: "GET", path: e.tenantPath("/moderations/" + id + "/comparison"), as: moderator})
	if cmp.status != 200 || !strings.Contains(string(cmp.body), marker) {
		t.Errorf("once both are in, the moderator compares: %d %s", cmp.status, cmp.body)
	}
}

// feedbackRule is the service the job workers run.
func (e *env) feedbackRule() moderation.Service {
	return moderation.Service{Store: store.Moderations{}, Rounds: store.Rounds{},
		Instruments: storetest.Catalogue(), Notices: e.responses,
		Trail: audit.Recorder{Store: store.Trail{}}, Now: e.clock.Now}
}

// runFeedback runs the feedback rule for a response as its job does.
func (e *env) runFeedback(responseID string) int {
	e.t.Helper()
	var sent int
	err := e.db.Open(e.t).InScope(context.Background(), domain.Scope{TenantID: e.fixture.A.Tenant.ID},
		func(ctx context.Context) (err error) {
			sent, err = e.feedbackRule().PrepareFeedback(ctx, uuid.MustParse(responseID))
			return err
		})
	if err != nil {
		e.t.Fatal(err)
	}
	return sent
}

func (e *env) count(query string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.db.OpenOwner(e.t).SQL().QueryRow(query, args...).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// serviceWithPlan makes the Educational Psychology service with a local
// plan led by a new service manager.
func (e *env) serviceWithPlan() (manager uuid.UUID, plan string) {
	e.t.Helper()
	manager = e.addMember("service_manager")
	err := e.db.OpenOwner(e.t).SQL().QueryRow(`
		WITH o AS (INSERT INTO organisations (tenant_id, kind, name) VALUES ($1, 'service',
				'Educational Psychology') RETURNING id)
		INSERT INTO action_plans (tenant_id, kind, title, organisation_id, lead_id)
		SELECT $1, 'local', 'EP local plan', o.id, $2 FROM o RETURNING id`,
		e.fixture.A.Tenant.ID, manager).Scan(&plan)
	if err != nil {
		e.t.Fatal(err)
	}
	return manager, plan
}

func TestAModerationGoesFromDrawToAgreedResultAndFeedbackToTheService(t *testing.T) {
	e := newEnv(t)
	first := e.addMember("auditor")
	moderator := e.addMember("auditor")
	manager, plan := e.serviceWithPlan()
	otherManager := e.addMember("service_manager")
	round, responses := e.submittedRound("Autumn", 1, first, "inadequate", "Outcomes are vague")
	drawn := e.draw(map[string]any{"round_id": round, "per_auditor": 1, "due_on": dueIn(14)})
	id := drawn["items"].([]any)[0].(map[string]any)["id"].(string)
	path := e.tenantPath("/moderations/" + id)

	view := e.do(req{method: "GET", path: path, as: moderator})
	if _, ok := view.json(t)["definition"].(map[string]any); !ok {
		t.Fatalf("the moderator gets no form: %s", view.body)
	}
	if strings.Contains(string(view.body), `"plan_reference"`) {
		t.Errorf("the moderator's form asks for the child's details")
	}
	incomplete := e.do(req{method: "POST", path: path + "/submit", as: moderator, header: etag(view),
		body: map[string]any{"answers": map[string]any{"a_grade": "good"}}})
	incomplete.problem(t, http.StatusUnprocessableEntity)
	answers := ehcpAnswers("requires_improvement", "Some outcomes need work")
	answers["a_grade"], answers["b_grade"] = "inadequate", "inadequate"
	delete(answers, "plan_reference")
	sub := e.do(req{method: "POST", path: path + "/submit", as: moderator, header: etag(view),
		body: map[string]any{"answers": answers}})
	if sub.status != 200 || sub.json(t)["state"] != "submitted" {
		t.Fatalf("submit: %d %s", sub.status, sub.body)
	}

	cmp := e.do(req{method: "GET", path: path + "/comparison", as: e.lead()})
	c := cmp.json(t)
	if cmp.status != 200 || c["disagreements"] != 11.0 {
		t.Fatalf("comparison: %d, %v disagreements", cmp.status, c["disagreements"])
	}
	for _, it := range c["items"].([]any) {
		m := it.(map[string]any)
		_, answered := answers[m["item_id"].(string)]
		want := answered && strings.HasSuffix(m["item_id"].(string), "_grade") && m["item_id"] != "a_grade" &&
			m["item_id"] != "b_grade"
		if m["differs"] != want {
			t.Errorf("item %v differs = %v, want %v", m["item_id"], m["differs"], want)
		}
	}

	bad := e.do(req{method: "POST", path: path + "/agreement", as: e.lead(), header: etag(cmp),
		body: map[string]any{"agreed_label": "dreadful", "discussion": ""}})
	if p := bad.problem(t, http.StatusUnprocessableEntity); len(p.Errors) != 2 {
		t.Errorf("a bad agreed result: %+v", p.Errors)
	}
	if r := e.do(req{method: "POST", path: path + "/agreement", as: first, header: etag(cmp),
		body: map[string]any{"agreed_label": "good", "discussion": "x"}}); r.status != 404 {
		t.Errorf("the first auditor recorded the agreed result: %d", r.status)
	}
	agreed := e.do(req{method: "POST", path: path + "/agreement", as: e.lead(), header: etag(cmp),
		body: map[string]any{"agreed_label": "inadequate", "discussion": "Sections A and B fall short"}})
	if agreed.status != 200 || agreed.json(t)["agreed_label"] != "inadequate" {
		t.Fatalf("agree: %d %s", agreed.status, agreed.body)
	}
	original := e.do(req{method: "GET", path: e.tenantPath("/responses/" + responses[0]), as: e.lead()}).json(t)
	if original["answers"].(map[string]any)["a_grade"] != "inadequate" ||
		original["result"].(map[string]any)["overall"].(map[string]any)["label"] != "inadequate" {
		t.Errorf("the first audit changed: %v", original["result"])
	}
	if n := e.count(`SELECT count(*) FROM audit_events WHERE entity = 'moderation' AND action IN
		('allocate', 'submit', 'agree')`); n != 3 {
		t.Errorf("%d moderation events in the trail, want 3", n)
	}

	stats := e.do(req{method: "GET", path: e.tenantPath("/agreement?round_id=" + round), as: e.lead()}).json(t)
	byRound := stats["by_round"].([]any)
	if stats["moderations"] != 1.0 || len(byRound) != 1 {
		t.Fatalf("agreement: %v", stats)
	}
	// 2 of 13 grades agree, and so do the plan's status and "no conflict".
	if got := byRound[0].(map[string]any)["agreement"].(float64); got < 0.266 || got > 0.267 {
		t.Errorf("round agreement %v, want 4 of 15", got)
	}
	if r := e.do(req{method: "GET", path: e.tenantPath("/agreement"), as: moderator}); r.status != 403 {
		t.Errorf("an auditor read the agreement statistics: %d", r.status)
	}

	// The feedback rule: queued once in the agreement's transaction, and
	// however often it runs, one piece of feedback and one notice.
	jobs := `SELECT count(*) FROM river_job WHERE kind = 'feedback' AND args->>'response_id' = $1`
	if n := e.count(jobs, responses[0]); n != 1 {
		t.Fatalf("%d feedback jobs queued, want 1", n)
	}
	release := e.do(req{method: "POST", path: e.tenantPath("/feedback/release"), as: e.lead(),
		body: map[string]any{"round_id": round}})
	if release.status != http.StatusAccepted || e.count(jobs, responses[0]) != 1 {
		t.Errorf("releasing the round queued the response again: %d, %d jobs", release.status,
			e.count(jobs, responses[0]))
	}
	if sent := e.runFeedback(responses[0]); sent != 1 {
		t.Fatalf("the first run sent %d pieces of feedback, want 1", sent)
	}
	if sent := e.runFeedback(responses[0]); sent != 0 {
		t.Errorf("a retry sent %d more", sent)
	}
	// Once the job is done, releasing the round queues the rule again,
	// and that run too sends nothing more.
	if _, err := e.db.OpenOwner(t).SQL().Exec(`UPDATE river_job SET state = 'completed',
		finalized_at = now() WHERE kind = 'feedback'`); err != nil {
		t.Fatal(err)
	}
	e.do(req{method: "POST", path: e.tenantPath("/feedback/release"), as: e.lead(),
		body: map[string]any{"round_id": round}})
	if n := e.count(jobs, responses[0]); n != 2 {
		t.Errorf("after the first job was done, releasing queued %d jobs in all, want 2", n)
	}
	if sent := e.runFeedback(responses[0]); sent != 0 {
		t.Errorf("the job run again sent %d more", sent)
	}
	if n := e.count(`SELECT count(*) FROM feedback WHERE response_id = $1`, responses[0]); n != 1 {
		t.Errorf("%d feedback rows, want 1", n)
	}
	if n := e.count(`SELECT count(*) FROM notifications WHERE kind = 'feedback' AND person_id = $1`,
		manager); n != 1 {
		t.Errorf("the manager got %d notices, want 1", n)
	}

	inbox := e.do(req{method: "GET", path: e.tenantPath("/feedback"), as: manager}).json(t)["items"].([]any)
	if len(inbox) != 1 {
		t.Fatalf("the manager's feedback: %v", inbox)
	}
	fb := inbox[0].(map[string]any)
	if fb["overall"] != "inadequate" || len(fb["findings"].([]any)) == 0 {
		t.Errorf("feedback without its findings: %v", fb)
	}
	fbPath := e.tenantPath("/feedback/" + fb["id"].(string))
	others := e.do(req{method: "GET", path: e.tenantPath("/feedback"), as: otherManager})
	if n := len(others.json(t)["items"].([]any)); n != 0 {
		t.Errorf("another service's manager sees %d pieces of feedback", n)
	}
	if r := e.do(req{method: "GET", path: fbPath, as: otherManager}); r.status != 404 {
		t.Errorf("another service's manager read the feedback: %d", r.status)
	}
	got := e.do(req{method: "GET", path: fbPath, as: manager})
	reply := e.do(req{method: "PUT", path: fbPath + "/reply", as: manager, header: etag(got),
		body: map[string]any{"reply": "We will retrain our advice writers."}})
	if reply.status != 200 || reply.json(t)["state"] != "answered" {
		t.Fatalf("reply: %d %s", reply.status, reply.body)
	}
	action := e.do(req{method: "POST", path: e.tenantPath("/actions"), as: manager, body: map[string]any{
		"plan_id": plan, "title": "Retrain advice writers on SMART outcomes", "owner_id": manager.String(),
		"due_on": dueIn(60), "source": map[string]any{"kind": "feedback", "id": fb["id"]}}})
	if action.status != http.StatusCreated {
		t.Fatalf("the manager's remedial action: %d %s", action.status, action.body)
	}
	listed := e.do(req{method: "GET", path: e.tenantPath("/actions?plan_id=" + plan), as: e.lead()})
	if !strings.Contains(string(listed.body), "Retrain advice writers") {
		t.Errorf("the action is not in the service's plan: %s", listed.body)
	}
}
