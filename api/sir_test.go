package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"sendqa/domain/demo"
)

// sirPaths are tenant A's SEN information report routes.
func (e *env) sir(path string) string {
	return "/api/v1/t/" + e.fixture.A.Tenant.Slug + path
}

func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("response does not parse: %v\n%s", err, r.body)
	}
	return v
}

func mustStatus(t *testing.T, r response, want int) {
	t.Helper()
	if r.status != want {
		t.Fatalf("got status %d, want %d\n%s", r.status, want, r.body)
	}
}

// importRegister previews and confirms a register file in tenant A.
func (e *env) importRegister(t *testing.T, csv []byte) map[string]any {
	t.Helper()
	r := e.do(req{method: "POST", path: e.sir("/settings/imports?file_name=register.csv"),
		as: e.lead(), body: csv, header: map[string]string{"Content-Type": "text/csv"}})
	mustStatus(t, r, http.StatusCreated)
	id := r.json(t)["id"].(string)
	r = e.do(req{method: "POST", path: e.sir("/settings/imports/" + id + "/confirm"), as: e.lead()})
	mustStatus(t, r, http.StatusOK)
	return r.json(t)
}

func TestTheRegisterIsImportedWithAPreviewAndKeptUpToDate(t *testing.T) {
	e := newEnv(t)
	data, err := demo.File("settings_wolverhampton.csv")
	if err != nil {
		t.Fatal(err)
	}
	bad := append(append([]byte{}, data...), []byte("12,Short URN,Primary,Maintained,,\n")...)
	r := e.do(req{method: "POST", path: e.sir("/settings/imports"), as: e.lead(), body: bad,
		header: map[string]string{"Content-Type": "text/csv"}})
	mustStatus(t, r, http.StatusCreated)
	preview := r.json(t)
	if preview["new_settings"] != float64(60) || preview["valid_rows"] != float64(60) {
		t.Errorf("preview: got %v new of %v valid, want 60 of 60", preview["new_settings"],
			preview["valid_rows"])
	}
	rejected := preview["rejected"].([]any)
	if len(rejected) != 1 || rejected[0].(map[string]any)["line"] != float64(62) {
		t.Fatalf("rejected: got %v, want line 62", rejected)
	}
	before := e.countRows("organisations")

	id := preview["id"].(string)
	mustStatus(t, e.do(req{method: "POST", path: e.sir("/settings/imports/" + id + "/confirm"),
		as: e.lead()}), http.StatusOK)
	if got := e.countRows("organisations") - before; got != 60 {
		t.Errorf("confirming added %d organisations, want 60", got)
	}
	again := e.do(req{method: "POST", path: e.sir("/settings/imports/" + id + "/confirm"),
		as: e.lead()})
	again.problem(t, http.StatusConflict)

	changed := strings.Replace(string(data), "senco@oak-lane-secondary.example.sch.uk",
		"new.senco@oak-lane-secondary.example.sch.uk", 1)
	out := e.importRegister(t, []byte(changed))
	if out["updated_settings"] != float64(1) || out["new_settings"] != float64(0) ||
		out["unchanged_settings"] != float64(59) {
		t.Errorf("re-import: got %v new, %v updated, %v unchanged; want 0, 1, 59",
			out["new_settings"], out["updated_settings"], out["unchanged_settings"])
	}
	list := e.do(req{method: "GET", path: e.sir("/settings?q=470723"), as: e.lead()}).json(t)
	items := list["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["senco_email"] !=
		"new.senco@oak-lane-secondary.example.sch.uk" {
		t.Errorf("after re-import the register holds %v", items)
	}

	// Tenant B sees none of it.
	other := e.do(req{method: "GET",
		path: "/api/v1/t/" + e.fixture.B.Tenant.Slug + "/settings?q=470723", as: e.other()}).json(t)
	if n := len(other["items"].([]any)); n != 0 {
		t.Errorf("another tenant's register shows %d of these settings", n)
	}
}

type checkBody struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Setting struct {
		URN string `json:"urn"`
	} `json:"setting"`
	State string `json:"state"`
	Stale bool   `json:"stale"`
}

func TestASIRRoundFromSampleToLetter(t *testing.T) {
	e := newEnv(t)
	data, _ := demo.File("settings_wolverhampton.csv")
	e.importRegister(t, data)
	auditor := e.addMember("auditor")

	round := func(name string) map[string]any {
		r := e.do(req{method: "POST", path: e.sir("/sir-rounds"), as: e.lead(),
			body: map[string]any{"name": name, "year": 2026, "sample_size": 10,
				"seed": "20261204", "due_on": "2026-12-18"}})
		mustStatus(t, r, http.StatusCreated)
		return r.json(t)
	}
	first := round("SIR 2026 first draw")
	second := round("SIR 2026 second draw")
	urnsOf := func(id string) []string {
		list := decode[struct{ Items []checkBody }](t, e.do(req{method: "GET",
			path: e.sir("/sir-checks?round_id=" + id), as: e.lead()}))
		var out []string
		for _, c := range list.Items {
			out = append(out, c.Setting.URN)
		}
		return out
	}
	a, b := urnsOf(first["id"].(string)), urnsOf(second["id"].(string))
	if len(a) != 10 || fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("the same seed drew %v and then %v", a, b)
	}
	if first["seed"] != "20261204" {
		t.Errorf("seed recorded as %v", first["seed"])
	}

	roundID := first["id"].(string)
	alloc := e.do(req{method: "POST", path: e.sir("/sir-rounds/" + roundID + "/allocation"),
		as: auditor, body: map[string]any{"officer_ids": []string{auditor.String()}}})
	alloc.problem(t, http.StatusForbidden)
	alloc = e.do(req{method: "POST", path: e.sir("/sir-rounds/" + roundID + "/allocation"),
		as: e.lead(), body: map[string]any{"officer_ids": []string{auditor.String()}}})
	mustStatus(t, alloc, http.StatusOK)

	checks := decode[struct{ Items []checkBody }](t, e.do(req{method: "GET",
		path: e.sir("/sir-checks?mine=true"), as: auditor})).Items
	if len(checks) < 10 {
		t.Fatalf("the auditor has %d checks, want 10", len(checks))
	}
	check := checks[0]
	checklist := decode[struct{ Items []struct{ ID string } }](t,
		e.do(req{method: "GET", path: e.sir("/sir-checklist"), as: auditor})).Items
	ratings := map[string]any{}
	for _, it := range checklist {
		ratings[it.ID] = map[string]any{"rating": "met"}
	}
	ratings["senco_contact"] = map[string]any{"rating": "not_met",
		"comment": "No e-mail or telephone number for the SENCO"}
	path := e.sir("/sir-checks/" + check.ID)

	other := e.addMember("auditor")
	r := e.do(req{method: "PUT", path: path, as: other, body: map[string]any{},
		header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, check.Version)}})
	r.problem(t, http.StatusForbidden)

	r = e.do(req{method: "PUT", path: path, as: auditor, body: map[string]any{
		"report_url": "https://example.sch.uk/sir", "checked_on": e.clock.Now().Format("2006-01-02"),
		"published": true, "last_updated": e.clock.Now().AddDate(-1, 0, -1).Format("2006-01-02"),
		"ratings": ratings}, header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, check.Version)}})
	mustStatus(t, r, http.StatusOK)
	saved := decode[checkBody](t, r)
	if !saved.Stale {
		t.Error("a report updated a year and a day before the check is not flagged")
	}
	stale := e.do(req{method: "PUT", path: path, as: auditor, body: map[string]any{},
		header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, check.Version)}})
	stale.problem(t, http.StatusPreconditionFailed)

	early := e.do(req{method: "POST", path: path + "/letter", as: auditor})
	early.problem(t, http.StatusConflict)
	r = e.do(req{method: "POST", path: path + "/complete", as: auditor,
		header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, saved.Version)}})
	mustStatus(t, r, http.StatusOK)

	r = e.do(req{method: "POST", path: path + "/letter", as: auditor})
	mustStatus(t, r, http.StatusCreated)
	letter := r.json(t)
	notMet := letter["not_met"].([]any)
	if len(notMet) != 1 || notMet[0].(map[string]any)["item_id"] != "senco_contact" {
		t.Errorf("the letter's not met items: got %v, want senco_contact alone", notMet)
	}
	pdf := e.do(req{method: "GET", path: path + "/letter/pdf", as: auditor})
	mustStatus(t, pdf, http.StatusOK)
	if !strings.HasPrefix(string(pdf.body), "%PDF-") ||
		pdf.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("the letter is not a PDF download")
	}

	unreviewed := e.do(req{method: "POST", path: path + "/letter/send", as: auditor,
		header: map[string]string{"If-Match": `"1"`}})
	unreviewed.problem(t, http.StatusConflict)
	mustStatus(t, e.do(req{method: "POST", path: path + "/letter/review", as: auditor,
		header: map[string]string{"If-Match": `"1"`}}), http.StatusOK)

	// A change to the check after the letter was written holds the letter
	// back until it is written and read again.
	completed := decode[checkBody](t, e.do(req{method: "GET", path: path, as: auditor}))
	ratings["senco_contact"] = map[string]any{"rating": "not_met",
		"comment": "No e-mail, telephone number or name for the SENCO"}
	mustStatus(t, e.do(req{method: "PUT", path: path, as: auditor,
		body:   map[string]any{"ratings": ratings},
		header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, completed.Version)}}), http.StatusOK)
	outdated := e.do(req{method: "POST", path: path + "/letter/send", as: auditor,
		header: map[string]string{"If-Match": `"2"`}})
	outdated.problem(t, http.StatusConflict)
	mustStatus(t, e.do(req{method: "POST", path: path + "/letter", as: auditor}), http.StatusCreated)
	mustStatus(t, e.do(req{method: "POST", path: path + "/letter/review", as: auditor,
		header: map[string]string{"If-Match": `"3"`}}), http.StatusOK)
	saved.Version = completed.Version

	mail := e.countRows("outbound_mail")
	r = e.do(req{method: "POST", path: path + "/letter/send", as: auditor,
		header: map[string]string{"If-Match": `"4"`}})
	mustStatus(t, r, http.StatusOK)
	if e.countRows("outbound_mail") != mail+1 {
		t.Fatal("sending queued no mail")
	}
	owner := e.db.OpenOwner(t)
	var to, name string
	var size int
	err := owner.SQL().QueryRow(`SELECT recipient, attachment_name, length(attachment)
		FROM outbound_mail ORDER BY created_at DESC LIMIT 1`).Scan(&to, &name, &size)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(to, "senco@") || !strings.HasSuffix(name, ".pdf") || size < 1000 {
		t.Errorf("queued mail to %s with %s of %d bytes", to, name, size)
	}
	after := e.do(req{method: "PUT", path: path, as: auditor, body: map[string]any{},
		header: map[string]string{"If-Match": fmt.Sprintf(`"%d"`, saved.Version+1)}})
	after.problem(t, http.StatusConflict)

	sum := e.do(req{method: "GET", path: e.sir("/sir-rounds/" + roundID + "/summary"), as: e.lead()})
	mustStatus(t, sum, http.StatusOK)
	s := sum.json(t)
	if s["completed"] != float64(1) || s["stale"] != float64(1) {
		t.Errorf("summary: %v completed, %v stale; want 1 and 1", s["completed"], s["stale"])
	}
	gaps := s["common_gaps"].([]any)
	if len(gaps) != 1 || gaps[0].(map[string]any)["id"] != "senco_contact" {
		t.Errorf("common gaps: got %v", gaps)
	}
	csv := e.do(req{method: "GET", path: e.sir("/sir-rounds/" + roundID + "/summary/export"),
		as: e.lead()})
	mustStatus(t, csv, http.StatusOK)
	if !strings.Contains(string(csv.body), "item,senco_contact,") {
		t.Errorf("the export lacks the SENCO item:\n%s", csv.body)
	}

	history := e.do(req{method: "GET", path: e.sir("/settings/" + firstSettingID(t, e, check.ID) +
		"/sir-history"), as: e.lead()}).json(t)
	if n := len(history["checks"].([]any)); n != 2 {
		t.Errorf("the setting's history has %d checks, want one in each round", n)
	}
}

func firstSettingID(t *testing.T, e *env, checkID string) string {
	t.Helper()
	c := e.do(req{method: "GET", path: e.sir("/sir-checks/" + checkID), as: e.lead()}).json(t)
	return c["setting"].(map[string]any)["id"].(string)
}

func TestACheckKeepsACapturedCopyOfTheReport(t *testing.T) {
	e := newEnv(t)
	data, _ := demo.File("settings_wolverhampton.csv")
	e.importRegister(t, data)
	r := e.do(req{method: "POST", path: e.sir("/sir-rounds"), as: e.lead(),
		body: map[string]any{"name": "Copies", "year": 2026, "sample_size": 1, "due_on": "2026-12-18"}})
	mustStatus(t, r, http.StatusCreated)
	roundID := r.json(t)["id"].(string)
	mustStatus(t, e.do(req{method: "POST", path: e.sir("/sir-rounds/" + roundID + "/allocation"),
		as: e.lead(), body: map[string]any{"officer_ids": []string{e.lead().String()}}}), http.StatusOK)
	check := decode[struct{ Items []checkBody }](t, e.do(req{method: "GET",
		path: e.sir("/sir-checks?round_id=" + roundID), as: e.lead()})).Items[0]
	path := e.sir("/sir-checks/" + check.ID + "/copy")

	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	refused := e.do(req{method: "PUT", path: path, as: e.lead(), body: png,
		header: map[string]string{"Content-Type": "application/pdf",
			"If-Match": fmt.Sprintf(`"%d"`, check.Version)}})
	refused.problem(t, http.StatusUnsupportedMediaType)

	page := []byte("<!DOCTYPE html><html><body><h1>SEN information report</h1></body></html>")
	r = e.do(req{method: "PUT", path: path + "?file_name=../../report.html", as: e.lead(), body: page,
		header: map[string]string{"Content-Type": "text/html",
			"If-Match": fmt.Sprintf(`"%d"`, check.Version)}})
	mustStatus(t, r, http.StatusOK)
	cp := r.json(t)["copy"].(map[string]any)
	if cp["file_name"] != "report.html" || cp["content_type"] != "text/html" {
		t.Errorf("copy kept as %v", cp)
	}

	got := e.do(req{method: "GET", path: path, as: e.lead()})
	mustStatus(t, got, http.StatusOK)
	if string(got.body) != string(page) {
		t.Errorf("the copy came back as %q", got.body)
	}
	for header, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "default-src 'none'; sandbox",
		"Cache-Control":           "no-store",
	} {
		if v := got.header.Get(header); v != want {
			t.Errorf("%s: got %q, want %q", header, v, want)
		}
	}
	if !strings.HasPrefix(got.header.Get("Content-Disposition"), "attachment;") {
		t.Errorf("the copy is not served as an attachment")
	}
}
