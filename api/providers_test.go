package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/store/storetest"
	"sendqa/domain/tenancy"
)

func ifMatchVersion(v any) map[string]string {
	return map[string]string{"If-Match": fmt.Sprintf(`"%v"`, v)}
}

func day(offset int) string { return time.Now().UTC().AddDate(0, 0, offset).Format(time.DateOnly) }

// inviteProvider puts a provider on a council's register through the API
// and lets its contact accept the invitation, as the e-mailed link would.
func (e *env) inviteProvider(slug string, scope domain.Scope, as uuid.UUID, name,
	email string) (providerID string, person uuid.UUID) {
	e.t.Helper()
	res := e.do(req{method: "POST", path: "/api/v1/t/" + slug + "/providers", as: as,
		body: map[string]any{"name": name, "contact_email": email, "contact_name": "Contact of " + name}})
	if res.status != http.StatusCreated {
		e.t.Fatalf("invite %s: got %d %s", name, res.status, res.body)
	}
	providerID = res.json(e.t)["provider_id"].(string)
	owner := e.db.OpenOwner(e.t)
	ctx := context.Background()
	err := owner.InScope(ctx, scope, func(ctx context.Context) error {
		p, err := e.tenancy.FindPersonByEmail(ctx, email)
		if err != nil {
			return err
		}
		person = p.ID
		if m, err := e.tenancy.FindMember(ctx, p.ID); err == nil && len(m.Roles) > 0 {
			return nil
		}
		_, err = e.tenancy.SetRoles(ctx, p.ID, []domain.Role{domain.RoleProvider})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.enforcer.Reload(ctx); err != nil {
		e.t.Fatal(err)
	}
	return providerID, person
}

// otherRegionMember makes a council in another region with a QA lead.
func (e *env) otherRegionMember() (slug string, lead uuid.UUID) {
	e.t.Helper()
	owner := e.db.OpenOwner(e.t)
	ctx := context.Background()
	svc := storetest.Services()
	var t tenancy.Tenant
	err := owner.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		r, err := svc.CreateRegion(ctx, tenancy.Region{Slug: "far-region", Name: "Far Region"})
		if err != nil {
			return err
		}
		t, err = svc.CreateTenant(ctx, tenancy.Tenant{Slug: "far-area", Name: "Far Area"}, r.Slug)
		if err != nil {
			return err
		}
		p, err := svc.CreatePerson(ctx, tenancy.Person{Email: "lead@far.example.org", Name: "Far Lead"})
		lead = p.ID
		return err
	})
	if err == nil {
		err = owner.InScope(ctx, domain.Scope{TenantID: t.ID, PersonID: lead, RegionID: t.RegionID},
			func(ctx context.Context) error {
				_, err := svc.SetRoles(ctx, lead, []domain.Role{domain.RoleQALead})
				return err
			})
	}
	if err == nil {
		err = e.enforcer.Reload(ctx)
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return t.Slug, lead
}

// openProviderAudit opens an audit through the API and returns its id.
func (e *env) openProviderAudit(slug string, as uuid.UUID, providerID string) string {
	e.t.Helper()
	res := e.do(req{method: "POST", path: "/api/v1/t/" + slug + "/provider-audits", as: as,
		body: map[string]any{"provider_id": providerID, "evidence_due_on": day(14)}})
	if res.status != http.StatusCreated {
		e.t.Fatalf("open audit: got %d %s", res.status, res.body)
	}
	return res.json(e.t)["id"].(string)
}

// answerStandard gives a standard a statement and a file from the
// provider's own sign-in.
func (e *env) answerStandard(provider uuid.UUID, audit string, st map[string]any) {
	e.t.Helper()
	key := st["key"].(string)
	base := "/api/v1/provider/audits/" + audit + "/standards/" + key
	res := e.do(req{method: "PUT", path: base, as: provider, header: ifMatchVersion(st["version"]),
		body: map[string]any{"statement": "How we meet " + key}})
	if res.status != http.StatusOK {
		e.t.Fatalf("save statement %s: got %d %s", key, res.status, res.body)
	}
	up := e.do(req{method: "POST", path: base + "/evidence?file_name=" + key + ".txt", as: provider,
		body: "Evidence for " + key, header: map[string]string{"Content-Type": "text/plain"}})
	if up.status != http.StatusCreated {
		e.t.Fatalf("upload evidence %s: got %d %s", key, up.status, up.body)
	}
}

func standardsOf(t testing.TB, audit map[string]any) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, s := range audit["standards"].([]any) {
		out = append(out, s.(map[string]any))
	}
	return out
}

// The whole journey of the issue through the API: a council invites a
// provider, opens an audit, the provider answers all fifteen standards
// from its own sign-in, the officer rates them with one red, asks for
// more on one, the provider answers and challenges the red, the officer
// answers and decides, and shares; another council of the region sees
// the result, a council outside it never does, and withdrawal hides it.
func TestProviderAuditJourney(t *testing.T) {
	e := newEnv(t)
	a, b := e.fixture.A, e.fixture.B
	lead := e.lead()
	providerID, provider := e.inviteProvider(a.Tenant.Slug, a.Scope(), lead, "Pathways", "office@pathways.example.org")
	if n := e.countRows("invitations"); n == 0 {
		t.Fatal("the contact was not invited by e-mail")
	}
	audit := e.openProviderAudit(a.Tenant.Slug, lead, providerID)
	councilAudit := "/api/v1/t/" + a.Tenant.Slug + "/provider-audits/" + audit
	own := "/api/v1/provider/audits/" + audit

	inbox := e.do(req{method: "GET", path: "/api/v1/provider/audits", as: provider}).json(t)
	if items := inbox["items"].([]any); len(items) != 1 || items[0].(map[string]any)["tenant"] != a.Tenant.Slug {
		t.Fatalf("provider inbox: got %v, want the one audit in %s", inbox["items"], a.Tenant.Slug)
	}
	got := e.do(req{method: "GET", path: own, as: provider})
	standards := standardsOf(t, got.json(t))
	if len(standards) != 15 {
		t.Fatalf("got %d standards, want fifteen", len(standards))
	}
	if th := standards[0]["theme"]; th != "Assessment and understanding" {
		t.Errorf("first theme: got %v", th)
	}

	early := e.do(req{method: "POST", path: own + "/submit", as: provider, header: etag(got)})
	if p := early.problem(t, http.StatusUnprocessableEntity); len(p.Errors) != 30 {
		t.Errorf("submitting nothing: got %d field errors, want a statement and a file for each of 15",
			len(p.Errors))
	}
	ext := e.do(req{method: "POST", path: own + "/extension-request", as: provider, header: etag(got),
		body: map[string]any{"until": day(28), "reason": "Our lead is away"}})
	if ext.status != http.StatusOK {
		t.Fatalf("ask for more time: got %d %s", ext.status, ext.body)
	}
	grant := e.do(req{method: "POST", path: councilAudit + "/extension", as: lead, header: etag(ext),
		body: map[string]any{}})
	if grant.status != http.StatusOK || grant.json(t)["evidence_due_on"] != day(28) {
		t.Fatalf("grant more time: got %d %s", grant.status, grant.body)
	}

	for _, st := range standards {
		e.answerStandard(provider, audit, st)
	}
	got = e.do(req{method: "GET", path: own, as: provider})
	sub := e.do(req{method: "POST", path: own + "/submit", as: provider, header: etag(got)})
	if sub.status != http.StatusOK || sub.json(t)["state"] != "submitted" {
		t.Fatalf("submit: got %d %s", sub.status, sub.body)
	}

	rate := func(st map[string]any, rating string) {
		t.Helper()
		res := e.do(req{method: "PUT", path: councilAudit + "/standards/" + st["key"].(string) + "/rating",
			as: lead, header: ifMatchVersion(st["version"]),
			body: map[string]any{"rating": rating, "feedback": "Feedback on " + st["key"].(string)}})
		if res.status != http.StatusOK {
			t.Fatalf("rate %s: got %d %s", st["key"], res.status, res.body)
		}
	}
	view := e.do(req{method: "GET", path: councilAudit, as: lead})
	for _, st := range standardsOf(t, view.json(t)) {
		if n := len(st["evidence"].([]any)); n != 1 {
			t.Fatalf("standard %s shows %d files, want 1", st["key"], n)
		}
		rating := "green"
		if st["key"] == "l2" {
			rating = "red"
		}
		rate(st, rating)
	}
	view = e.do(req{method: "GET", path: councilAudit, as: lead})
	more := e.do(req{method: "POST", path: councilAudit + "/more-evidence", as: lead, header: etag(view),
		body: map[string]any{"standards": []map[string]any{{"key": "p1", "request": "Send this term's targets"}}}})
	if more.status != http.StatusOK || more.json(t)["state"] != "more_evidence" {
		t.Fatalf("ask for more: got %d %s", more.status, more.body)
	}
	for _, st := range standardsOf(t, more.json(t)) {
		want := "rated"
		if st["key"] == "p1" {
			want = "requested"
		}
		if st["state"] != want {
			t.Errorf("after asking more on p1, %s is %v, want %s", st["key"], st["state"], want)
		}
	}

	got = e.do(req{method: "GET", path: own, as: provider})
	for _, st := range standardsOf(t, got.json(t)) {
		if st["key"] == "p1" {
			e.answerStandard(provider, audit, st)
		}
		if st["key"] == "a1" {
			refused := e.do(req{method: "PUT", path: own + "/standards/a1", as: provider,
				header: ifMatchVersion(st["version"]), body: map[string]any{"statement": "changed"}})
			refused.problem(t, http.StatusConflict)
		}
	}
	got = e.do(req{method: "GET", path: own, as: provider})
	if sub := e.do(req{method: "POST", path: own + "/submit", as: provider, header: etag(got)}); sub.status != 200 {
		t.Fatalf("submit the more evidence: got %d %s", sub.status, sub.body)
	}
	view = e.do(req{method: "GET", path: councilAudit, as: lead})
	for _, st := range standardsOf(t, view.json(t)) {
		if st["key"] == "p1" {
			rate(st, "green")
		}
	}

	ch := e.do(req{method: "POST", path: own + "/challenges", as: provider,
		body: map[string]any{"standard_key": "l2", "reasons": "The log was sent"}})
	if ch.status != http.StatusCreated {
		t.Fatalf("challenge: got %d %s", ch.status, ch.body)
	}
	view = e.do(req{method: "GET", path: councilAudit, as: lead})
	decision := map[string]any{"decision": "approved_with_conditions", "conditions": "Safeguarding log monthly",
		"review_on": day(365)}
	e.do(req{method: "POST", path: councilAudit + "/decision", as: lead, header: etag(view),
		body: decision}).problem(t, http.StatusConflict)
	answer := e.do(req{method: "POST", path: councilAudit + "/challenges/" + ch.json(t)["id"].(string) + "/answer",
		as: lead, header: etag(ch), body: map[string]any{"outcome": "not_upheld", "answer": "The log is incomplete"}})
	if answer.status != http.StatusOK {
		t.Fatalf("answer challenge: got %d %s", answer.status, answer.body)
	}
	view = e.do(req{method: "GET", path: councilAudit, as: lead})
	visit := e.do(req{method: "PATCH", path: councilAudit, as: lead, header: etag(view),
		body: map[string]any{"visit_on": day(-1), "visit_notes": "Calm rooms"}})
	if visit.status != http.StatusOK || visit.json(t)["visit_notes"] != "Calm rooms" {
		t.Fatalf("record the visit: got %d %s", visit.status, visit.body)
	}
	decided := e.do(req{method: "POST", path: councilAudit + "/decision", as: lead, header: etag(visit),
		body: decision})
	if decided.status != http.StatusOK {
		t.Fatalf("decide: got %d %s", decided.status, decided.body)
	}
	if d := decided.json(t); d["overall"] != "red" || d["state"] != "decided" {
		t.Fatalf("decision: got overall %v state %v, want red (one standard red) and decided", d["overall"], d["state"])
	}
	mine := e.do(req{method: "GET", path: own, as: provider}).json(t)
	if len(mine["challenges"].([]any)) != 1 || mine["challenges"].([]any)[0].(map[string]any)["answer"] == "" {
		t.Error("the provider does not see the challenge and its answer")
	}

	// Nothing is shared by default.
	sharedB := "/api/v1/t/" + b.Tenant.Slug + "/provider-audits/shared"
	if n := len(e.do(req{method: "GET", path: sharedB, as: e.other()}).json(t)["items"].([]any)); n != 0 {
		t.Fatalf("before sharing, tenant B sees %d shared results", n)
	}
	share := e.do(req{method: "POST", path: councilAudit + "/shares", as: lead})
	if share.status != http.StatusCreated {
		t.Fatalf("share: got %d %s", share.status, share.body)
	}
	list := e.do(req{method: "GET", path: sharedB, as: e.other()}).json(t)["items"].([]any)
	if len(list) != 1 {
		t.Fatalf("tenant B sees %d shared results, want 1", len(list))
	}
	if notes := list[0].(map[string]any)["visit_notes"]; notes != "" {
		t.Errorf("the shared list shows the site-visit notes %q", notes)
	}
	inboxNow := e.do(req{method: "GET", path: "/api/v1/provider/audits", as: provider}).json(t)["items"].([]any)
	if notes := inboxNow[0].(map[string]any)["visit_notes"]; notes != "" {
		t.Errorf("the provider's inbox shows the site-visit notes %q", notes)
	}
	result := e.do(req{method: "GET", path: sharedB + "/" + audit, as: e.other()})
	if result.status != http.StatusOK {
		t.Fatalf("tenant B reads the shared result: got %d %s", result.status, result.body)
	}
	r := result.json(t)
	if r["overall"] != "red" || r["tenant"] != a.Tenant.Slug {
		t.Errorf("shared result: got overall %v from %v", r["overall"], r["tenant"])
	}
	for _, st := range standardsOf(t, r) {
		if st["feedback"] == "" || st["statement"] != "" || len(st["evidence"].([]any)) != 0 {
			t.Errorf("shared standard %s: want feedback only, got %v", st["key"], st)
		}
	}
	if res := e.do(req{method: "GET", path: "/api/v1/t/" + b.Tenant.Slug + "/provider-audits/" + audit,
		as: e.other()}); res.status != http.StatusNotFound {
		t.Errorf("tenant B reads the audit itself: got %d, want 404", res.status)
	}
	added := e.do(req{method: "POST", path: "/api/v1/t/" + b.Tenant.Slug + "/providers/from-share",
		as: e.other(), body: map[string]any{"audit_id": audit}})
	if added.status != http.StatusCreated || added.json(t)["provider_id"] != providerID {
		t.Fatalf("tenant B adds the shared result's provider: got %d %s", added.status, added.body)
	}
	if err := e.enforcer.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	ownB := e.openProviderAudit(b.Tenant.Slug, e.other(), providerID)
	inbox = e.do(req{method: "GET", path: "/api/v1/provider/audits", as: provider}).json(t)
	if n := len(inbox["items"].([]any)); n != 2 {
		t.Errorf("after tenant B starts its own audit the provider's inbox holds %d, want 2", n)
	}
	if res := e.do(req{method: "GET", path: "/api/v1/provider/audits/" + ownB, as: provider}); res.status != 200 {
		t.Errorf("the provider reads tenant B's audit: got %d %s", res.status, res.body)
	}

	farSlug, far := e.otherRegionMember()
	farShared := "/api/v1/t/" + farSlug + "/provider-audits/shared"
	if n := len(e.do(req{method: "GET", path: farShared, as: far}).json(t)["items"].([]any)); n != 0 {
		t.Errorf("a council outside the region sees %d shared results, want 0", n)
	}
	if res := e.do(req{method: "GET", path: farShared + "/" + audit, as: far}); res.status != http.StatusNotFound {
		t.Errorf("a council outside the region reads the result: got %d, want 404", res.status)
	}

	view = e.do(req{method: "GET", path: councilAudit, as: lead})
	shareID := share.json(t)["id"].(string)
	withdrawn := e.do(req{method: "DELETE", path: councilAudit + "/shares/" + shareID, as: lead, header: etag(view)})
	if withdrawn.status != http.StatusOK {
		t.Fatalf("withdraw: got %d %s", withdrawn.status, withdrawn.body)
	}
	if n := len(e.do(req{method: "GET", path: sharedB, as: e.other()}).json(t)["items"].([]any)); n != 0 {
		t.Errorf("after withdrawal tenant B sees %d shared results, want 0", n)
	}
	if res := e.do(req{method: "GET", path: sharedB + "/" + audit, as: e.other()}); res.status != http.StatusNotFound {
		t.Errorf("after withdrawal tenant B reads the result: got %d, want 404", res.status)
	}

	var toProvider, toOfficer int
	err := e.db.OpenOwner(t).SQL().QueryRow(`SELECT count(*) FILTER (WHERE person_id = $1),
			count(*) FILTER (WHERE person_id = $2)
		FROM notifications WHERE kind = 'ap_audit' AND tenant_id = $3`, provider, lead, a.Tenant.ID).
		Scan(&toProvider, &toOfficer)
	if err != nil {
		t.Fatal(err)
	}
	// Asked for evidence, for more, and decided; evidence sent twice and a
	// challenge raised.
	if toProvider != 3 || toOfficer != 3 {
		t.Errorf("notices: %d to the provider and %d to the officer, want 3 and 3", toProvider, toOfficer)
	}

	register := e.do(req{method: "GET", path: "/api/v1/t/" + a.Tenant.Slug + "/providers", as: lead}).json(t)
	row := register["items"].([]any)
	var pathways map[string]any
	for _, it := range row {
		if m := it.(map[string]any); m["provider_id"] == providerID {
			pathways = m
		}
	}
	if pathways == nil || pathways["current"].(map[string]any)["overall"] != "red" ||
		pathways["current"].(map[string]any)["review_on"] != day(365) {
		t.Errorf("register row: got %v", pathways)
	}
}

// A provider known to two councils is one provider with one inbox; a
// provider never sees another's audits; people who speak for no provider
// have no inbox; ending access in one council hides that council's
// audits only.
func TestProviderIsolation(t *testing.T) {
	e := newEnv(t)
	a, b := e.fixture.A, e.fixture.B
	pathways, person := e.inviteProvider(a.Tenant.Slug, a.Scope(), e.lead(), "Pathways", "office@pathways.example.org")
	again, _ := e.inviteProvider(b.Tenant.Slug, b.Scope(), e.other(), "Pathways Ltd", "office@pathways.example.org")
	if again != pathways {
		t.Fatalf("the second council got provider %s, want the same provider %s", again, pathways)
	}
	other, rival := e.inviteProvider(a.Tenant.Slug, a.Scope(), e.lead(), "Rival", "office@rival.example.org")
	inA := e.openProviderAudit(a.Tenant.Slug, e.lead(), pathways)
	inB := e.openProviderAudit(b.Tenant.Slug, e.other(), pathways)
	rivalAudit := e.openProviderAudit(a.Tenant.Slug, e.lead(), other)

	inbox := e.do(req{method: "GET", path: "/api/v1/provider/audits", as: person}).json(t)["items"].([]any)
	seen := map[string]bool{}
	for _, it := range inbox {
		seen[it.(map[string]any)["id"].(string)] = true
	}
	if len(inbox) != 2 || !seen[inA] || !seen[inB] {
		t.Fatalf("one inbox across councils: got %v, want the audits in %s and %s", seen, a.Tenant.Slug,
			b.Tenant.Slug)
	}
	for _, path := range []string{"/api/v1/provider/audits/" + rivalAudit,
		"/api/v1/provider/audits/" + rivalAudit + "/standards/a1"} {
		method := "GET"
		if len(path) > 60 {
			method = "PUT"
		}
		if res := e.do(req{method: method, path: path, as: person, header: ifMatchVersion(1),
			body: map[string]any{"statement": "x"}}); res.status != http.StatusNotFound {
			t.Errorf("%s %s as another provider: got %d, want 404", method, path, res.status)
		}
	}
	if n := len(e.do(req{method: "GET", path: "/api/v1/provider/audits", as: rival}).json(t)["items"].([]any)); n != 1 {
		t.Errorf("the rival sees %d audits, want only its own", n)
	}
	if res := e.do(req{method: "GET", path: "/api/v1/provider/audits", as: e.lead()}); res.status != http.StatusNotFound {
		t.Errorf("a council officer's provider inbox: got %d, want 404", res.status)
	}
	for _, path := range []string{"/subjects", "/rounds", "/provider-audits", "/providers"} {
		if res := e.do(req{method: "GET", path: e.tenantPath(path), as: person}); res.status != http.StatusForbidden {
			t.Errorf("provider reads %s: got %d, want 403", path, res.status)
		}
	}

	link := e.do(req{method: "GET", path: e.tenantPath("/providers/" + pathways), as: e.lead()})
	end := e.do(req{method: "POST", path: e.tenantPath("/providers/" + pathways + "/end"), as: e.lead(),
		header: etag(link)})
	if end.status != http.StatusOK || end.json(t)["state"] != "ended" {
		t.Fatalf("end access: got %d %s", end.status, end.body)
	}
	if err := e.enforcer.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	inbox = e.do(req{method: "GET", path: "/api/v1/provider/audits", as: person}).json(t)["items"].([]any)
	if len(inbox) != 1 || inbox[0].(map[string]any)["id"] != inB {
		t.Errorf("after council A ends access the inbox holds %v, want only the audit in B", inbox)
	}
	if res := e.do(req{method: "GET", path: "/api/v1/provider/audits/" + inA, as: person}); res.status != 404 {
		t.Errorf("reading council A's audit after access ended: got %d, want 404", res.status)
	}

	owner := e.db.OpenOwner(t)
	if _, err := owner.SQL().Exec(`UPDATE tenant_providers SET access_until = current_date - 1
		WHERE provider_id = $1`, pathways); err != nil {
		t.Fatal(err)
	}
	if n := len(e.do(req{method: "GET", path: "/api/v1/provider/audits", as: person}).json(t)["items"].([]any)); n != 0 {
		t.Errorf("after the access period without an audit the inbox holds %d audits, want none", n)
	}
}
