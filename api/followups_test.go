package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// fields lists the field paths of a problem's errors.
func fields(t *testing.T, r response) []string {
	t.Helper()
	var out []string
	list, _ := r.json(t)["errors"].([]any)
	for _, e := range list {
		out = append(out, e.(map[string]any)["field"].(string))
	}
	return out
}

// A QA lead schedules a re-audit from an action; the auditor finds it in
// their inbox, and once they submit it the action shows its result.
func TestAnActionSchedulesAReAuditWhoseResultLinksBack(t *testing.T) {
	e := newEnv(t)
	first, second, conflicted := e.addMember("auditor"), e.addMember("auditor"), e.addMember("auditor")
	e.worksFor(conflicted, "Educational Psychology")
	_, _ = e.submittedRound("Plans", 1, first, "inadequate", "Outcomes are not SMART")
	var action string
	if err := e.db.OpenOwner(t).SQL().QueryRow(`SELECT id FROM actions WHERE tenant_id = $1`,
		e.fixture.A.Tenant.ID).Scan(&action); err != nil {
		t.Fatal(err)
	}
	path := e.tenantPath("/actions/" + action + "/follow-ups")
	opens := time.Now().UTC().Format(time.DateOnly)
	due := time.Now().UTC().AddDate(0, 0, 28).Format(time.DateOnly)
	body := func(purpose, local, auditor string) map[string]any {
		return map[string]any{"purpose": purpose, "instrument_key": "ehcp_quality_audit",
			"instrument_version": 1, "subject_local_ids": []string{local}, "auditor_id": auditor,
			"opens_on": opens, "due_on": due}
	}

	for name, c := range map[string]struct {
		body  map[string]any
		field string
	}{
		"no purpose":      {body("again", "Plans-0", second.String()), "purpose"},
		"unknown subject": {body("dip_sample", "NOPE", second.String()), "subject_local_ids[0]"},
		"not an auditor":  {body("re_audit", "Plans-0", e.other().String()), "auditor_id"},
	} {
		bad := e.do(req{method: "POST", path: path, as: e.lead(), body: c.body})
		if got := strings.Join(fields(t, bad), " "); bad.status != 422 || got != c.field {
			t.Errorf("%s: %d %s, want 422 naming %s", name, bad.status, bad.body, c.field)
		}
	}
	clash := e.do(req{method: "POST", path: path, as: e.lead(),
		body: body("re_audit", "Plans-0", conflicted.String())})
	if got := fields(t, clash); clash.status != 422 || len(got) != 1 || got[0] != "subject_local_ids[0]" ||
		!strings.Contains(string(clash.body), "contributed") {
		t.Errorf("an auditor whose service contributed: %d %s", clash.status, clash.body)
	}
	if r := e.do(req{method: "POST", path: path, as: second,
		body: body("re_audit", "Plans-0", second.String())}); r.status != http.StatusForbidden {
		t.Errorf("an auditor scheduling their own re-audit: %d, want 403", r.status)
	}
	if n := e.count(`SELECT count(*) FROM rounds WHERE action_id IS NOT NULL`); n != 0 {
		t.Fatalf("refused follow-ups left %d rounds behind", n)
	}

	made := e.do(req{method: "POST", path: path, as: e.lead(),
		body: body("re_audit", "plans-0", second.String())})
	if made.status != http.StatusCreated {
		t.Fatalf("schedule: %d %s", made.status, made.body)
	}
	got := made.json(t)
	rnd := got["round"].(map[string]any)
	if rnd["purpose"] != "re_audit" || rnd["action_id"] != action || rnd["state"] != "allocated" ||
		!strings.HasPrefix(rnd["name"].(string), "Re-audit: ") {
		t.Errorf("the follow-up's round: %v", rnd)
	}
	if loc := made.header.Get("Location"); !strings.HasSuffix(loc, "/rounds/"+rnd["id"].(string)) {
		t.Errorf("Location %q", loc)
	}
	audits := got["audits"].([]any)
	if len(audits) != 1 || audits[0].(map[string]any)["status"] != "allocated" ||
		audits[0].(map[string]any)["result"] != "" {
		t.Fatalf("the follow-up's audits: %v", audits)
	}
	alloc := audits[0].(map[string]any)["allocation_id"].(string)
	if n := e.count(`SELECT count(*) FROM river_job WHERE kind = 'notice'
		AND args->>'allocation_id' = $1 AND args->>'notice' = 'allocated'`, alloc); n != 1 {
		t.Errorf("the auditor was told %d times, want once", n)
	}
	inbox := e.do(req{method: "GET", path: e.tenantPath("/assignments"), as: second})
	if !strings.Contains(string(inbox.body), alloc) {
		t.Errorf("the re-audit is not in the auditor's inbox: %s", inbox.body)
	}

	start := e.do(req{method: "POST", path: e.tenantPath("/responses"), as: second,
		body: map[string]any{"allocation_id": alloc}})
	id, _ := start.json(t)["id"].(string)
	sub := e.do(req{method: "POST", path: e.tenantPath("/responses/" + id + "/submit"), as: second,
		header: etag(start), body: map[string]any{"answers": ehcpAnswers("good", "Outcomes are SMART now")}})
	if sub.status != http.StatusOK {
		t.Fatalf("submit the re-audit: %d %s", sub.status, sub.body)
	}
	label := sub.json(t)["result"].(map[string]any)["overall"].(map[string]any)["label"]

	list := e.do(req{method: "GET", path: path, as: e.lead()})
	items := list.json(t)["items"].([]any)
	if list.status != 200 || len(items) != 1 {
		t.Fatalf("the action's follow-ups: %d %s", list.status, list.body)
	}
	audit := items[0].(map[string]any)["audits"].([]any)[0].(map[string]any)
	if audit["status"] != "submitted" || audit["result"] != label || label == "" {
		t.Errorf("the follow-up's audit %v, want it submitted with result %v", audit, label)
	}
	if r := e.do(req{method: "GET", path: e.tenantPath("/actions/" + e.fixture.A.Tenant.ID.String() +
		"/follow-ups"), as: e.lead()}); r.status != http.StatusNotFound {
		t.Errorf("the follow-ups of no action: %d, want 404", r.status)
	}
}
