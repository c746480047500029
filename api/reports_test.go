package api_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// audited is one submitted response to seed: its result and answers as
// stored, and the day it was submitted.
type audited struct {
	result, answers, on string
}

// seedAudits adds, as the owner, a round of one instrument in area A
// with a submitted response per audit, and returns the responses' ids.
func (e *env) seedAudits(t *testing.T, round, instrument string, audits ...audited) []string {
	t.Helper()
	ctx := context.Background()
	owner := e.db.OpenOwner(t).SQL()
	a := e.fixture.A
	var roundID string
	err := owner.QueryRowContext(ctx, `INSERT INTO rounds (tenant_id, name, instrument_key,
			instrument_version, subject_kind, term, academic_year, opens_on, due_on, sampling_method,
			state, seed, created_by)
		VALUES ($1, $2, $3, 1, 'ehc_plan', 'spring', 2025, '2026-01-05', '2026-03-27', 'random',
			'allocated', 1, $4) RETURNING id`, a.Tenant.ID, round, instrument, a.Member.ID).Scan(&roundID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, au := range audits {
		var id string
		err := owner.QueryRowContext(ctx, `WITH s AS (
				INSERT INTO subjects (tenant_id, kind, local_id, primary_need, services)
				VALUES ($1, 'ehc_plan', $2, 'ASD', '{SENSTART}') RETURNING id),
			rs AS (
				INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, auditor_id, status)
				SELECT $1, $3, s.id, $4, $5, 'submitted' FROM s RETURNING id)
			INSERT INTO responses (tenant_id, allocation_id, round_id, auditor_id, instrument_key,
				instrument_version, state, answers, result, as_of, submitted_at)
			SELECT $1, rs.id, $3, $5, $6, 1, 'submitted', $7::jsonb, $8::jsonb, $9::date,
				$9::date + time '12:00'
			FROM rs RETURNING id`, a.Tenant.ID, fmt.Sprintf("%s-%d", round, i), roundID, i+1,
			a.Member.ID, instrument, au.answers, au.result, au.on).Scan(&id)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// moderate adds a submitted moderation of a response with the
// moderator's answers.
func (e *env) moderate(t *testing.T, responseID, answers, on string) {
	t.Helper()
	_, err := e.db.OpenOwner(t).SQL().ExecContext(context.Background(), `INSERT INTO moderations
			(tenant_id, round_id, response_id, moderator_id, state, answers, result, submitted_at,
			 due_on)
		SELECT tenant_id, round_id, id, $2, 'submitted', $3::jsonb, '{"rule_version": "x"}',
			$4::date + time '12:00', $4::date
		FROM responses WHERE id = $1`, responseID, e.fixture.A.Member.ID, answers, on)
	if err != nil {
		t.Fatal(err)
	}
}

func grade(label string, sections ...string) string {
	return fmt.Sprintf(`{"rule_version": "t", "overall": {"scored": true, "label": %q},
		"sections": [%s]}`, label, strings.Join(sections, ","))
}

func section(id, label string) string {
	return fmt.Sprintf(`{"id": %q, "applies": true, "outcome": {"scored": true, "label": %q}}`,
		id, label)
}

func milestones(overall string, ms ...string) string {
	return fmt.Sprintf(`{"rule_version": "t", "overall": {"label": %q}, "milestones": [%s]}`,
		overall, strings.Join(ms, ","))
}

func milestone(item, status string, statutory bool) string {
	return fmt.Sprintf(`{"item": %q, "status": %q, "statutory": %t}`, item, status, statutory)
}

// seedSpringTerm gives area A a spring term with known answers, and one
// audit before it that no spring figure may count.
func (e *env) seedSpringTerm(t *testing.T) {
	t.Helper()
	first := `{"a_grade": "good", "b_grade": "good"}`
	ehcp := e.seedAudits(t, "Spring 2026 EHC plan audit", "ehcp_quality_audit",
		audited{grade("good", section("section_c", "good")), first, "2026-02-10"},
		audited{grade("good"), "{}", "2026-02-11"},
		audited{grade("inadequate", section("section_e", "inadequate")), "{}", "2026-02-12"},
		audited{grade("outstanding"), "{}", "2026-03-01"})
	e.seedAudits(t, "Autumn 2025 EHC plan audit", "ehcp_quality_audit",
		audited{grade("inadequate"), "{}", "2025-12-01"})
	e.moderate(t, ehcp[0], `{"a_grade": "good", "b_grade": "inadequate"}`, "2026-02-20")
	e.seedAudits(t, "Spring 2026 EHCNA file audit", "ehcna_file_audit",
		audited{milestones("compliant", milestone("final_plan", "on_time", true),
			milestone("advice_health", "on_time", true)), "{}", "2026-02-02"},
		audited{milestones("not_compliant", milestone("final_plan", "late", true),
			milestone("advice_health", "late", true)), "{}", "2026-02-03"},
		audited{milestones("compliant", milestone("final_plan", "excused", true)), "{}",
			"2026-02-04"})
	e.seedAudits(t, "Spring 2026 health advice audit", "health_advice_quality",
		audited{`{"rule_version": "t", "overall": {"label": ""},
			"items": {"returned_within_6_weeks": 1}}`, "{}", "2026-03-10"},
		audited{`{"rule_version": "t", "overall": {"label": ""},
			"items": {"returned_within_6_weeks": 0}}`, "{}", "2026-03-11"})
	e.seedAudits(t, "Spring 2026 annual review audit", "annual_review_compliance",
		audited{milestones("not_compliant", milestone("meeting_held", "on_time", true),
			milestone("report_circulated", "late", true), milestone("la_decision", "not_due", true)),
			"{}", "2026-03-12"})
}

func (e *env) themeID(t *testing.T, name string) string {
	t.Helper()
	list := e.do(req{method: "GET", path: e.tenantPath("/themes"), as: e.lead()}).json(t)
	for _, it := range list["items"].([]any) {
		th := it.(map[string]any)
		if th["name"] == name {
			return th["id"].(string)
		}
	}
	t.Fatalf("no theme %q", name)
	return ""
}

func TestAnAreaStartsWithTheFrameworksDipThemes(t *testing.T) {
	e := newEnv(t)
	list := e.do(req{method: "GET", path: e.tenantPath("/themes"), as: e.lead()}).json(t)
	items := list["items"].([]any)
	if len(items) != 16 {
		t.Fatalf("got %d themes, want the 16 of Appendix C", len(items))
	}
	if got := items[0].(map[string]any)["name"]; got != "Social care advice" {
		t.Errorf("first theme: got %v, want Social care advice", got)
	}
	created := e.do(req{method: "POST", path: e.tenantPath("/themes"), as: e.lead(),
		body: map[string]any{"name": "social care advice"}})
	if created.status != http.StatusConflict {
		t.Errorf("a second theme of the same name: got %d, want 409", created.status)
	}
	bad := e.do(req{method: "POST", path: e.tenantPath("/themes"), as: e.lead(),
		body: map[string]any{"name": "Waiting times", "links": []string{"Not A Key"}}})
	if f := fieldsOf(t, bad); !f["links[0]"] {
		t.Errorf("a bad link: got fields %v, want links[0]", f)
	}
}

func TestFindingsAreImportedWholeOrNotAtAll(t *testing.T) {
	e := newEnv(t)
	csv := "theme,source,polarity,finding,date,where\n" +
		"Quality of health advice,iass,development,Families chase advice,2026-02-01,Drop-in\n" +
		"Nobody's theme,iass,strength,Good,2026-02-01,\n" +
		"Short breaks,audit,strength,Good,31/02/2026,\n"
	before := e.countRows("findings")
	r := e.do(req{method: "POST", path: e.tenantPath("/findings/imports"), as: e.lead(),
		body: csv, header: map[string]string{"Content-Type": "text/csv"}})
	fields := fieldsOf(t, r)
	for _, want := range []string{"rows[2].theme", "rows[3].source", "rows[3].date"} {
		if !fields[want] {
			t.Errorf("bad file: no problem at %s in %v", want, fields)
		}
	}
	if fields["rows[1].theme"] {
		t.Error("the good row was reported as bad")
	}
	if got := e.countRows("findings"); got != before {
		t.Errorf("a bad file recorded %d findings, want none", got-before)
	}
	good := "Theme,Source,Polarity,Finding,Date\n" +
		"quality of health advice,IASS,area for development,Families chase advice,01/02/2026\n" +
		"Short breaks,Local offer feedback,strength,Short breaks page is clear,2026-02-03\n"
	r = e.do(req{method: "POST", path: e.tenantPath("/findings/imports"), as: e.lead(),
		body: good, header: map[string]string{"Content-Type": "text/csv"}})
	if r.status != http.StatusCreated || r.json(t)["imported"] != 2.0 {
		t.Fatalf("good file: got %d %s, want 2 imported", r.status, r.body)
	}
}

// The spring term's report counts exactly the spring term's data, each
// figure against a known answer; publishing freezes it, and the next
// report compares with it.
func TestTheSpringReportsFiguresComeFromTheData(t *testing.T) {
	e := newEnv(t)
	e.seedSpringTerm(t)
	health := e.themeID(t, "Quality of health advice")
	entered := e.do(req{method: "POST", path: e.tenantPath("/findings"), as: e.lead(),
		body: map[string]any{"theme_id": health, "source_kind": "senco_survey",
			"polarity": "strength", "body": "SENCOs rate the health advice", "found_on": "2026-03-15"}})
	if entered.status != http.StatusCreated {
		t.Fatalf("record finding: %d %s", entered.status, entered.body)
	}
	csv := "theme,source,polarity,finding,date\n" +
		"Quality of health advice,iass,development,Families chase advice,2026-02-01\n"
	if r := e.do(req{method: "POST", path: e.tenantPath("/findings/imports"), as: e.lead(),
		body: csv, header: map[string]string{"Content-Type": "text/csv"}}); r.status != 201 {
		t.Fatalf("import: %d %s", r.status, r.body)
	}
	period := map[string]any{"from": "2026-01-01", "to": "2026-04-30"}
	derived := e.do(req{method: "POST", path: e.tenantPath("/findings/derivations"), as: e.lead(),
		body: period}).json(t)
	// Section C rated good (health), section E inadequate (SEN support),
	// and the annual review not compliant (transitions).
	if derived["derived"] != 3.0 {
		t.Errorf("derived: got %v, want 3", derived["derived"])
	}
	again := e.do(req{method: "POST", path: e.tenantPath("/findings/derivations"), as: e.lead(),
		body: period}).json(t)
	if again["derived"] != 0.0 {
		t.Errorf("deriving again: got %v new findings, want 0", again["derived"])
	}

	matrix := e.do(req{method: "GET",
		path: e.tenantPath("/triangulation?from=2026-01-01&to=2026-04-30"),
		as:   e.lead()}).json(t)
	kinds := []string{}
	for _, s := range matrix["sources"].([]any) {
		kinds = append(kinds, s.(map[string]any)["kind"].(string))
	}
	for _, want := range []string{"audit", "ap_audit", "sir_check", "hy5_visit", "iass"} {
		if !strings.Contains(strings.Join(kinds, " "), want) {
			t.Errorf("sources %v lack %s", kinds, want)
		}
	}
	var row map[string]any
	for _, r := range matrix["rows"].([]any) {
		if r.(map[string]any)["theme"].(map[string]any)["id"] == health {
			row = r.(map[string]any)
		}
	}
	// The fixture's forum finding, the SENCO survey, IASS and the audit.
	if row["sources"] != 4.0 || row["triangulated"] != true || row["strengths"] != 2.0 ||
		row["developments"] != 2.0 {
		t.Errorf("health advice row: got %v sources, %v strengths, %v developments, "+
			"triangulated %v; want 4, 2, 2, true", row["sources"], row["strengths"],
			row["developments"], row["triangulated"])
	}

	action := e.do(req{method: "POST", path: e.tenantPath("/themes/" + health + "/actions"),
		as: e.lead(), body: map[string]any{"owner_id": e.lead().String(), "due_on": "2026-01-15"}})
	if action.status != http.StatusCreated {
		t.Fatalf("theme to action: %d %s", action.status, action.body)
	}
	a := action.json(t)
	if a["title"] != "Quality of health advice" || a["plan"].(map[string]any)["kind"] != "practice" ||
		a["source"].(map[string]any)["kind"] != "theme" ||
		a["source"].(map[string]any)["id"] != health {
		t.Errorf("action: %v", a)
	}

	created := e.do(req{method: "POST", path: e.tenantPath("/reports"), as: e.lead(),
		body: map[string]any{"title": "Spring term 2026 practice report", "from": "2026-01-01",
			"to": "2026-04-30", "narrative": map[string]string{"summary": "A steady term."}}})
	if created.status != http.StatusCreated {
		t.Fatalf("create report: %d %s", created.status, created.body)
	}
	spring := created.json(t)
	figures := spring["figures"].(map[string]any)
	byTitle := map[string]map[string]any{}
	for _, a := range figures["activities"].([]any) {
		byTitle[a.(map[string]any)["instrument"].(string)] = a.(map[string]any)
	}
	ehcp := byTitle["ehcp_quality_audit"]
	if ehcp["responses"] != 4.0 || ehcp["good_or_better"] != 3.0 || ehcp["poor"] != 1.0 {
		t.Errorf("EHCP audits: got %v responses, %v good or better, %v poor; want 4, 3, 1",
			ehcp["responses"], ehcp["good_or_better"], ehcp["poor"])
	}
	wantGrades := "outstanding=1 good=2 requires_improvement=0 inadequate=1"
	var grades []string
	for _, g := range ehcp["grades"].([]any) {
		grades = append(grades, fmt.Sprintf("%v=%v", g.(map[string]any)["label"],
			g.(map[string]any)["count"]))
	}
	if got := strings.Join(grades, " "); got != wantGrades {
		t.Errorf("EHCP grades: got %s, want %s", got, wantGrades)
	}
	tl := figures["timeliness"].(map[string]any)
	ehcna := tl["ehcna"].(map[string]any)
	if ehcna["issued"] != 3.0 || ehcna["with_exceptions"] != 1.0/3 ||
		ehcna["without_exceptions"] != 0.5 {
		t.Errorf("EHCNA 20 weeks: got %v", ehcna)
	}
	if ha := tl["health_advice"].(map[string]any); ha["on_time"] != 2.0 || ha["judged"] != 4.0 {
		t.Errorf("health advice: got %v, want 2 of 4", ha)
	}
	if ar := tl["annual_reviews"].(map[string]any); ar["on_time"] != 1.0 || ar["judged"] != 2.0 {
		t.Errorf("annual reviews: got %v, want 1 of 2", ar)
	}
	agreement := figures["agreement"].([]any)
	if len(agreement) != 1 {
		t.Fatalf("agreement: got %v, want the spring round only", agreement)
	}
	if ag := agreement[0].(map[string]any); ag["round"] != "Spring 2026 EHC plan audit" ||
		ag["pairs"] != 2.0 || ag["agreement"] != 0.5 {
		t.Errorf("agreement: got %v, want 2 pairs at 0.5", ag)
	}
	plan := figures["plan"].(map[string]any)
	// The fixture's action in progress and the new one, overdue.
	if plan["total"] != 2.0 || plan["in_progress"] != 1.0 || plan["not_started"] != 1.0 ||
		plan["overdue"] != 1.0 {
		t.Errorf("plan: got %v", plan)
	}
	voice := figures["voice"].([]any)
	if len(voice) != 2 {
		t.Errorf("voice: got %d findings, want the forum's and IASS's", len(voice))
	}

	publish := e.do(req{method: "POST", path: e.tenantPath("/reports/" + spring["id"].(string) +
		"/publication"), as: e.lead(), header: map[string]string{"If-Match": `"1"`}})
	if publish.status != http.StatusOK || publish.json(t)["state"] != "published" {
		t.Fatalf("publish: %d %s", publish.status, publish.body)
	}
	e.seedAudits(t, "Late entries", "ehcp_quality_audit",
		audited{grade("inadequate"), "{}", "2026-03-20"})
	frozen := e.do(req{method: "GET", path: e.tenantPath("/reports/" + spring["id"].(string)),
		as: e.lead()}).json(t)
	for _, a := range frozen["figures"].(map[string]any)["activities"].([]any) {
		if a.(map[string]any)["instrument"] == "ehcp_quality_audit" &&
			a.(map[string]any)["responses"] != 4.0 {
			t.Errorf("a published report changed: %v responses, want 4", a.(map[string]any)["responses"])
		}
	}
	patch := e.do(req{method: "PATCH", path: e.tenantPath("/reports/" + spring["id"].(string)),
		as: e.lead(), body: map[string]any{"title": "Changed"},
		header: map[string]string{"If-Match": publish.header.Get("ETag")}})
	if patch.status != http.StatusConflict {
		t.Errorf("changing a published report: got %d, want 409", patch.status)
	}

	summer := e.do(req{method: "POST", path: e.tenantPath("/reports"), as: e.lead(),
		body: map[string]any{"title": "Summer term 2026 practice report", "from": "2026-05-01",
			"to": "2026-08-31"}}).json(t)
	if summer["previous_id"] != spring["id"] {
		t.Errorf("summer compares with %v, want the spring report", summer["previous_id"])
	}
	trend := map[string]any{}
	for _, p := range summer["figures"].(map[string]any)["trend"].([]any) {
		p := p.(map[string]any)
		if p["report"] == "Spring term 2026 practice report" && p["instrument"] == "ehcp_quality_audit" {
			trend = p
		}
	}
	if trend["responses"] != 4.0 || trend["good_or_better"] != 3.0 {
		t.Errorf("summer's trend of the spring EHCP audits: got %v, want 4 with 3 good or better",
			trend)
	}
	for _, h := range summer["headlines"].([]any) {
		h := h.(map[string]any)
		if h["key"] == "audits" && (h["value"] != 0.0 || h["previous"] != 10.0) {
			t.Errorf("audits headline: got %v against %v, want 0 against all 10 spring audits",
				h["value"], h["previous"])
		}
	}

	pdf := e.do(req{method: "GET", path: e.tenantPath("/reports/" + spring["id"].(string) + "/pdf"),
		as: e.lead()})
	if pdf.status != http.StatusOK || !bytes.HasPrefix(pdf.body, []byte("%PDF")) {
		t.Fatalf("pdf: %d", pdf.status)
	}
	for _, want := range []string{"Spring term 2026 practice report", "Headline figures",
		"Statutory timeliness", "/Subtype /Image", "33%", "A steady term."} {
		if !bytes.Contains(pdf.body, []byte(want)) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if pdf.header.Get("Content-Disposition") == "" || pdf.header.Get("Cache-Control") != "no-store" {
		t.Errorf("pdf headers: %v", pdf.header)
	}
	xlsx := e.do(req{method: "GET", path: e.tenantPath("/reports/" + spring["id"].(string) +
		"/xlsx"), as: e.lead()})
	book, err := excelize.OpenReader(bytes.NewReader(xlsx.body))
	if err != nil {
		t.Fatalf("open xlsx: %v", err)
	}
	rows, err := book.GetRows("Statutory timeliness")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[1][1] != "1" || rows[1][2] != "3" || rows[1][3] != "33%" {
		t.Errorf("timeliness sheet: got %v", rows)
	}
}

func TestReportsAreReadByViewersAndKeptByQALeads(t *testing.T) {
	e := newEnv(t)
	viewer := e.addMember("viewer")
	r := e.do(req{method: "POST", path: e.tenantPath("/reports"), as: viewer,
		body: map[string]any{"title": "x", "from": "2026-01-01", "to": "2026-04-30"}})
	if r.status != http.StatusForbidden {
		t.Errorf("a viewer starting a report: got %d, want 403", r.status)
	}
	list := e.do(req{method: "GET", path: e.tenantPath("/reports"), as: viewer})
	if list.status != http.StatusOK || len(list.json(t)["items"].([]any)) != 1 {
		t.Errorf("a viewer's list: %d %s", list.status, list.body)
	}
	bad := e.do(req{method: "POST", path: e.tenantPath("/reports"), as: e.lead(),
		body: map[string]any{"title": "", "from": "2026-04-30", "to": "2026-01-01",
			"narrative": map[string]string{"gossip": "x"}}})
	f := fieldsOf(t, bad)
	for _, want := range []string{"title", "to", "narrative.gossip"} {
		if !f[want] {
			t.Errorf("bad report: no problem at %s in %v", want, f)
		}
	}
}

func TestAThemeBecomesAnAreasFirstPracticePlanAction(t *testing.T) {
	e := newEnv(t)
	// The fixture's practice plan becomes its school's local plan.
	_, err := e.db.OpenOwner(t).SQL().ExecContext(context.Background(), `UPDATE action_plans
		SET kind = 'local', organisation_id = $2 WHERE tenant_id = $1`,
		e.fixture.A.Tenant.ID, e.fixture.A.Organisation.ID)
	if err != nil {
		t.Fatal(err)
	}
	health := e.themeID(t, "Quality of health advice")
	r := e.do(req{method: "POST", path: e.tenantPath("/themes/" + health + "/actions"),
		as: e.lead(), body: map[string]any{"owner_id": e.lead().String(), "due_on": "2027-01-15"}})
	if r.status != http.StatusCreated {
		t.Fatalf("theme to action with no plan: %d %s", r.status, r.body)
	}
	if plan := r.json(t)["plan"].(map[string]any); plan["kind"] != "practice" ||
		plan["title"] != "Practice improvement plan" {
		t.Errorf("plan: got %v, want a new practice improvement plan", plan)
	}
	manager := e.addMember("service_manager")
	r = e.do(req{method: "POST", path: e.tenantPath("/themes/" + health + "/actions"),
		as: manager, body: map[string]any{"owner_id": e.lead().String(), "due_on": "2027-01-15"}})
	if r.status != http.StatusForbidden {
		t.Errorf("a service manager adding to the practice plan: got %d, want 403", r.status)
	}
}
