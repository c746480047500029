package api_test

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"
)

// allocation gives a new auditor in area A one EHCNA case to audit, due
// in ten days, and returns the auditor and the allocation.
func (e *env) allocation(localID string) (auditor uuid.UUID, allocation string) {
	e.t.Helper()
	auditor = e.addMember("auditor")
	owner := e.db.OpenOwner(e.t)
	tenant := e.fixture.A.Tenant.ID
	due := time.Now().UTC().AddDate(0, 0, 10).Format(time.DateOnly)
	err := owner.SQL().QueryRow(`
		WITH s AS (INSERT INTO subjects (tenant_id, kind, local_id, services)
				VALUES ($1, 'ehcna_case', $3, '{SENSTART}') RETURNING id),
			r AS (INSERT INTO rounds (tenant_id, name, instrument_key, instrument_version, subject_kind, term,
					academic_year, opens_on, due_on, sampling_method, state, seed)
				VALUES ($1, 'EHCNA spring audit ' || $3, 'ehcna_file_audit', 1, 'ehcna_case', 'spring', 2026,
					'2026-01-05', $4::date, 'random', 'allocated', 1) RETURNING id)
		INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, auditor_id, status)
		SELECT $1, r.id, s.id, 1, $2, 'allocated' FROM r, s RETURNING id`,
		tenant, auditor, localID, due).Scan(&allocation)
	if err != nil {
		e.t.Fatal(err)
	}
	return auditor, allocation
}

func etag(r response) map[string]string { return map[string]string{"If-Match": r.header.Get("ETag")} }

// ehcnaAnswers is a not-to-assess EHCNA case whose decision came a week
// late, excused by the family's exceptional circumstances, with a
// formula where a spreadsheet would run it.
const ehcnaAnswers = `{"child_name": "Ada Testchild", "local_id": "EH1", "date_of_birth": "2015-04-02",
	"nc_year": 5, "requestor": "parent_carer", "date_received": "2026-01-05",
	"allocated_officer": "=HYPERLINK(\"http://evil.example\",\"click\")",
	"acknowledged": {"actual": "2026-01-08"},
	"decision_to_assess": {"actual": "2026-02-23", "reason": "The family was abroad",
		"exception": {"kind": "personal_circumstances", "from": "2026-01-20", "to": "2026-02-20"}},
	"assessment_decision": "not_assess"}`

func TestAnAuditorCompletesAnAuditThatAQALeadReopens(t *testing.T) {
	e := newEnv(t)
	auditor, alloc := e.allocation("EH1")
	other := e.addMember("auditor")

	inbox := e.do(req{method: "GET", path: e.tenantPath("/assignments"), as: auditor})
	items := inbox.json(t)["items"].([]any)
	if inbox.status != 200 || len(items) != 1 || items[0].(map[string]any)["local_id"] != "EH1" {
		t.Fatalf("inbox: %d %s", inbox.status, inbox.body)
	}
	if n := len(e.do(req{method: "GET", path: e.tenantPath("/assignments"), as: other}).json(t)["items"].([]any)); n != 0 {
		t.Fatalf("another auditor's inbox lists %d assignments", n)
	}

	start := e.do(req{method: "POST", path: e.tenantPath("/responses"), as: auditor,
		body: map[string]any{"allocation_id": alloc}})
	if start.status != http.StatusCreated || start.header.Get("ETag") != `"1"` {
		t.Fatalf("start: %d %s", start.status, start.body)
	}
	id := start.json(t)["id"].(string)
	path := e.tenantPath("/responses/" + id)
	again := e.do(req{method: "POST", path: e.tenantPath("/responses"), as: auditor,
		body: map[string]any{"allocation_id": alloc}})
	if again.status != 200 || again.json(t)["id"] != id {
		t.Fatalf("resuming on another device: %d %s", again.status, again.body)
	}
	if r := e.do(req{method: "POST", path: e.tenantPath("/responses"), as: other,
		body: map[string]any{"allocation_id": alloc}}); r.status != 404 {
		t.Fatalf("another auditor started someone else's audit: %d", r.status)
	}

	// Test 20: two tabs save version 1; the second is refused and the
	// record holds only the first tab's change.
	tab1 := e.do(req{method: "PUT", path: path + "/answers", as: auditor, header: etag(start),
		body: `{"answers": {"nc_year": 5, "child_name": "Ada Testchild"}}`})
	if tab1.status != 200 || tab1.header.Get("ETag") != `"2"` {
		t.Fatalf("first save: %d %s", tab1.status, tab1.body)
	}
	tab2 := e.do(req{method: "PUT", path: path + "/answers", as: auditor, header: etag(start),
		body: `{"answers": {"nc_year": 9}}`})
	p := tab2.problem(t, http.StatusPreconditionFailed)
	if !strings.Contains(p.Detail, "version 2") || !strings.Contains(p.Detail, "another tab") {
		t.Errorf("the stale save does not name the conflict: %q", p.Detail)
	}
	saved := e.do(req{method: "GET", path: path, as: auditor}).json(t)["answers"].(map[string]any)
	if saved["nc_year"] != 5.0 || saved["child_name"] != "Ada Testchild" {
		t.Fatalf("saved answers %v, want the first tab's", saved)
	}
	if r := e.do(req{method: "PUT", path: path + "/answers", as: auditor, body: `{"answers": {}}`}); r.status != 428 {
		t.Errorf("a save without If-Match: %d, want 428", r.status)
	}
	if r := e.do(req{method: "PUT", path: path + "/answers", as: auditor, header: etag(tab1),
		body: `{"answers": {"nc_year": "five"}}`}); r.status != 422 {
		t.Errorf("a mistyped answer saved: %d", r.status)
	}
	if r := e.do(req{method: "GET", path: path, as: other}); r.status != 404 {
		t.Errorf("another auditor read the response: %d", r.status)
	}
	var sealed []byte
	if err := e.db.OpenOwner(t).SQL().QueryRow(`SELECT answers::text::bytea FROM responses WHERE id = $1`,
		id).Scan(&sealed); err != nil || bytes.Contains(sealed, []byte("Ada")) {
		t.Errorf("the child's name is stored in the clear: %s %v", sealed, err)
	}

	incomplete := e.do(req{method: "POST", path: path + "/submit", as: auditor, header: etag(tab1),
		body: `{"answers": {"nc_year": 5}}`})
	fields := map[string]bool{}
	for _, f := range incomplete.problem(t, 422).Errors {
		fields[f.Field] = true
	}
	if !fields["answers.date_received"] || !fields["answers.decision_to_assess"] {
		t.Errorf("an incomplete submission does not name what is missing: %v", fields)
	}

	// Test 19: a replay returns the same response and creates nothing; the
	// same key with another body is refused.
	submit := func(body string) response {
		h := etag(tab1)
		h["Idempotency-Key"] = "submit-" + id
		return e.do(req{method: "POST", path: path + "/submit", as: auditor, header: h, body: body})
	}
	first := submit(`{"answers": ` + ehcnaAnswers + `}`)
	if first.status != 200 {
		t.Fatalf("submit: %d %s", first.status, first.body)
	}
	result := first.json(t)["result"].(map[string]any)
	if result["overall"].(map[string]any)["scored"] != false || result["statutory_compliance"].(map[string]any)["excused"] != 1.0 {
		t.Errorf("result %v, want the excused delay counted apart and nothing left to judge", result)
	}
	ms := map[string]any{}
	for _, m := range result["milestones"].([]any) {
		if m.(map[string]any)["item"] == "decision_to_assess" {
			ms = m.(map[string]any)
		}
	}
	if ms["status"] != "excused" || ms["exception"] != "personal_circumstances" {
		t.Errorf("decision to assess judged %v, want excused", ms)
	}
	trail := e.countRows("audit_events")
	replay := submit(`{"answers": ` + ehcnaAnswers + `}`)
	if replay.status != 200 || !bytes.Equal(replay.body, first.body) || e.countRows("audit_events") != trail {
		t.Errorf("the replay differs or recorded more: %d", replay.status)
	}
	if r := submit(`{"answers": {}}`); r.status != 422 {
		t.Errorf("the same key with another body: %d, want 422", r.status)
	}
	if r := e.do(req{method: "GET", path: e.tenantPath("/assignments"), as: auditor}); !strings.Contains(
		string(r.body), `"status":"submitted"`) {
		t.Errorf("the inbox does not show the audit submitted: %s", r.body)
	}

	// Reopening needs the right and a reason, which the trail keeps.
	done := e.do(req{method: "GET", path: path, as: e.lead()})
	if done.status != 200 || done.json(t)["answers"].(map[string]any)["child_name"] != "Ada Testchild" {
		t.Fatalf("the QA lead cannot read the response: %d %s", done.status, done.body)
	}
	if r := e.do(req{method: "POST", path: path + "/reopen", as: auditor, header: etag(done),
		body: map[string]any{"reason": "mine"}}); r.status != 403 {
		t.Errorf("an auditor reopened: %d", r.status)
	}
	if r := e.do(req{method: "POST", path: path + "/reopen", as: e.lead(), header: etag(done),
		body: map[string]any{"reason": " "}}); r.status != 422 {
		t.Errorf("a reopening without a reason: %d", r.status)
	}
	reopened := e.do(req{method: "POST", path: path + "/reopen", as: e.lead(), header: etag(done),
		body: map[string]any{"reason": "The decision date belongs to another case"}})
	if reopened.status != 200 || reopened.json(t)["state"] != "draft" {
		t.Fatalf("reopen: %d %s", reopened.status, reopened.body)
	}
	var reason string
	err := e.db.OpenOwner(t).SQL().QueryRow(`SELECT after->>'reason' FROM audit_events
		WHERE action = 'reopen' AND entity_id = $1`, id).Scan(&reason)
	if err != nil || reason != "The decision date belongs to another case" {
		t.Errorf("the trail keeps reason %q (%v)", reason, err)
	}
	var jobs int
	err = e.db.OpenOwner(t).SQL().QueryRow(`SELECT count(*) FROM river_job
		WHERE kind = 'notice' AND args->>'notice' = 'reopened' AND args->>'allocation_id' = $1`, alloc).Scan(&jobs)
	if err != nil || jobs != 1 {
		t.Errorf("reopening enqueued %d notices (%v), want 1", jobs, err)
	}
}

func TestResultsAndExportsPseudonymiseAndNeutraliseFormulas(t *testing.T) {
	e := newEnv(t)
	auditor, alloc := e.allocation("EH77")
	start := e.do(req{method: "POST", path: e.tenantPath("/responses"), as: auditor,
		body: map[string]any{"allocation_id": alloc}})
	id := start.json(t)["id"].(string)
	onTime := strings.Replace(ehcnaAnswers, `"actual": "2026-02-23"`, `"actual": "2026-02-10"`, 1)
	if r := e.do(req{method: "POST", path: e.tenantPath("/responses/" + id + "/submit"), as: auditor,
		header: etag(start), body: `{"answers": ` + onTime + `}`}); r.status != 200 {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	var roundID string
	if err := e.db.OpenOwner(t).SQL().QueryRow(`SELECT round_id FROM round_subjects WHERE id = $1`,
		alloc).Scan(&roundID); err != nil {
		t.Fatal(err)
	}
	results := e.do(req{method: "GET", path: e.tenantPath("/rounds/" + roundID + "/results"), as: e.lead()})
	body := results.json(t)
	if g := body["grades"].([]any); len(g) != 1 || g[0].(map[string]any)["label"] != "compliant" {
		t.Errorf("grade distribution %v", body["grades"])
	}
	if c := body["statutory_compliance"].(map[string]any); c["on_time"] != 1.0 || c["late"] != 0.0 {
		t.Errorf("statutory compliance %v, want one on time", c)
	}
	if p := body["progress"].(map[string]any); p["submitted"] != 1.0 {
		t.Errorf("progress %v", p)
	}

	manager := e.addMember("service_manager")
	export := func(as uuid.UUID, format string) response {
		r := e.do(req{method: "GET", path: e.tenantPath("/rounds/" + roundID + "/results/export?format=" + format), as: as})
		if r.status != 200 {
			t.Fatalf("export %s: %d %s", format, r.status, r.body)
		}
		for h, want := range map[string]string{"Content-Disposition": "attachment;",
			"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox",
			"Cache-Control": "no-store"} {
			if !strings.HasPrefix(r.header.Get(h), want) {
				t.Errorf("export %s: %s is %q", format, h, r.header.Get(h))
			}
		}
		return r
	}
	rows, err := csv.NewReader(bytes.NewReader(export(manager, "csv").body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	row := rows[1]
	if !strings.HasPrefix(row[0], "S-") || strings.Contains(strings.Join(row, ","), "Ada") ||
		row[col["child_name"]] != "[withheld]" {
		t.Errorf("a service manager's export identifies the child: %v", row)
	}
	if got := row[col["allocated_officer"]]; !strings.HasPrefix(got, "'=HYPERLINK") {
		t.Errorf("the formula is not neutralised: %q", got)
	}

	lead := export(e.lead(), "xlsx")
	f, err := excelize.OpenReader(bytes.NewReader(lead.body))
	if err != nil {
		t.Fatalf("the XLSX export does not open: %v", err)
	}
	defer f.Close()
	sheet, err := f.GetRows("Results")
	if err != nil || len(sheet) != 2 {
		t.Fatalf("sheet rows %d (%v)", len(sheet), err)
	}
	xcol := map[string]int{}
	for i, h := range sheet[0] {
		xcol[h] = i
	}
	if sheet[1][0] != "EH77" || sheet[1][xcol["child_name"]] != "Ada Testchild" {
		t.Errorf("the QA lead's export lacks the case: %v", sheet[1])
	}
	cell, _ := excelize.CoordinatesToCellName(xcol["allocated_officer"]+1, 2)
	if formula, _ := f.GetCellFormula("Results", cell); formula != "" {
		t.Errorf("the XLSX holds a formula: %q", formula)
	}
	if v, _ := f.GetCellValue("Results", cell); !strings.HasPrefix(v, "'=") {
		t.Errorf("the XLSX cell is %q, want it neutralised", v)
	}
	if n := e.countRows("audit_events WHERE action = 'export' AND entity = 'round_results'"); n != 2 {
		t.Errorf("the trail records %d exports, want 2", n)
	}
}
