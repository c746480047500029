package api_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"sendqa/domain/demo"
)

func (e *env) subjectsPath() string { return "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/subjects" }

// upload previews a sample file as a person and returns the preview.
func (e *env) upload(as uuid.UUID, kind, file string) map[string]any {
	e.t.Helper()
	data, err := demo.File(file)
	if err != nil {
		e.t.Fatal(err)
	}
	r := e.do(req{method: "POST", path: e.subjectsPath() + "/imports?kind=" + kind + "&file_name=" + file,
		as: as, body: data, header: map[string]string{"Content-Type": "text/csv"}})
	if r.status != http.StatusCreated {
		e.t.Fatalf("upload %s: got %d\n%s", file, r.status, r.body)
	}
	return r.json(e.t)
}

func (e *env) confirm(as uuid.UUID, id string) map[string]any {
	e.t.Helper()
	r := e.do(req{method: "POST", path: e.subjectsPath() + "/imports/" + id + "/confirm", as: as})
	if r.status != http.StatusOK {
		e.t.Fatalf("confirm: got %d\n%s", r.status, r.body)
	}
	return r.json(e.t)
}

func TestImportingSubjectsPreviewsThenWrites(t *testing.T) {
	e := newEnv(t)
	lead := e.lead()
	before := e.countRows("subjects")

	good := e.upload(lead, "ehc_plan", "ehcp_sample_wolverhampton.csv")
	if good["valid_rows"] != 48.0 || good["new_subjects"] != 48.0 || good["state"] != "previewed" {
		t.Fatalf("preview: %v", good)
	}
	if fmt.Sprint(good["dropped_personal_fields"]) != "[date_of_birth name]" {
		t.Fatalf("dropped %v: no EHC plan instrument of the area asks for names or dates of birth",
			good["dropped_personal_fields"])
	}
	if n := e.countRows("subjects"); n != before {
		t.Fatalf("a preview wrote %d subjects", n-before)
	}
	done := e.confirm(lead, good["id"].(string))
	if done["state"] != "confirmed" || e.countRows("subjects") != before+48 {
		t.Fatalf("confirm: %v, %d subjects", done["state"], e.countRows("subjects")-before)
	}
	if r := e.do(req{method: "POST", path: e.subjectsPath() + "/imports/" + good["id"].(string) + "/confirm",
		as: lead}); r.status != http.StatusConflict {
		t.Fatalf("confirming twice: got %d, want 409", r.status)
	}

	bad := e.upload(lead, "ehc_plan", "ehcp_sample_bad.csv")
	var lines []string
	for _, row := range bad["rejected"].([]any) {
		r := row.(map[string]any)
		lines = append(lines, fmt.Sprint(r["line"]))
		if len(r["problems"].([]any)) == 0 {
			t.Errorf("line %v is rejected without a reason", r["line"])
		}
	}
	if strings.Join(lines, " ") != "2 3 4 5 7 9" || bad["valid_rows"] != 2.0 {
		t.Fatalf("bad file: rejected lines %v and %v valid, want 2 3 4 5 7 9 and 2", lines, bad["valid_rows"])
	}

	list := e.do(req{method: "GET", path: e.subjectsPath() + "?primary_need=VI&key_stage=KS4", as: lead}).json(t)
	items := list["items"].([]any)
	if len(items) == 0 {
		t.Fatal("filtering by need and key stage found nothing")
	}
	for _, it := range items {
		s := it.(map[string]any)
		if s["primary_need"] != "VI" || s["key_stage"] != "KS4" || s["personal"] != nil {
			t.Fatalf("filtered list holds %v", s)
		}
	}
}

func TestImportRefusesWhatItCannotRead(t *testing.T) {
	e := newEnv(t)
	cases := map[string]struct {
		contentType, body string
		want              int
	}{
		"not CSV":      {"application/json", `{}`, http.StatusUnsupportedMediaType},
		"no local id":  {"text/csv", "name,dob\nA,2010-01-01\n", http.StatusUnprocessableEntity},
		"unknown kind": {"text/csv", "local_id\nA\n", http.StatusUnprocessableEntity},
		"empty file":   {"text/csv", "", http.StatusUnprocessableEntity},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := e.subjectsPath() + "/imports"
			if name == "unknown kind" {
				path += "?kind=child"
			}
			r := e.do(req{method: "POST", path: path, as: e.lead(), body: c.body,
				header: map[string]string{"Content-Type": c.contentType}})
			r.problem(t, c.want)
		})
	}
}

// The built-in file audit asks for names and dates of birth of
// needs-assessment cases, so a case file keeps them: only the QA lead sees them, each view is in
// the trail, and the export neutralises formulas.
func TestPersonalDataIsShownOnlyToAllowedRoles(t *testing.T) {
	e := newEnv(t)
	lead := e.lead()
	im := e.upload(lead, "ehcna_case", "ehcp_sample_bad.csv")
	if fmt.Sprint(im["dropped_personal_fields"]) != "[]" {
		t.Fatalf("dropped %v, want nothing", im["dropped_personal_fields"])
	}
	e.confirm(lead, im["id"].(string))
	list := e.do(req{method: "GET", path: e.subjectsPath() + "?kind=ehcna_case&q=WV7", as: lead}).json(t)
	id := list["items"].([]any)[0].(map[string]any)["id"].(string)
	admin := e.addMember("tenant_admin")
	qaLead := e.addMember("qa_lead")

	plain := e.do(req{method: "GET", path: e.subjectsPath() + "/" + id, as: admin}).json(t)
	if plain["personal"] != nil || plain["has_personal_data"] != true {
		t.Fatalf("without include=personal: %v", plain)
	}
	e.do(req{method: "GET", path: e.subjectsPath() + "/" + id + "?include=personal", as: admin}).
		problem(t, http.StatusForbidden)
	shown := e.do(req{method: "GET", path: e.subjectsPath() + "/" + id + "?include=personal", as: qaLead}).json(t)
	pd, _ := shown["personal"].(map[string]any)
	if pd["name"] != `=HYPERLINK("http://x.example","click")` {
		t.Fatalf("the QA lead sees %v", shown["personal"])
	}
	trail := e.do(req{method: "GET", path: "/api/v1/t/" + e.fixture.A.Tenant.Slug +
		"/audit-log?entity=subject&action=view", as: lead}).json(t)
	if n := len(trail["items"].([]any)); n != 1 {
		t.Fatalf("the trail has %d views, want 1", n)
	}

	e.do(req{method: "GET", path: e.subjectsPath() + "/export?personal=true", as: admin}).
		problem(t, http.StatusForbidden)
	pseudo := e.do(req{method: "GET", path: e.subjectsPath() + "/export?kind=ehcna_case", as: admin})
	if pseudo.status != 200 || strings.Contains(string(pseudo.body), "HYPERLINK") ||
		strings.Contains(string(pseudo.body), "child_name") {
		t.Fatalf("the pseudonymised export: %d\n%s", pseudo.status, pseudo.body)
	}
	full := e.do(req{method: "GET", path: e.subjectsPath() + "/export?kind=ehcna_case&personal=true", as: qaLead})
	records, err := csv.NewReader(strings.NewReader(string(full.body))).ReadAll()
	if err != nil || len(records) != 3 {
		t.Fatalf("export: %v %d\n%s", err, len(records), full.body)
	}
	for _, rec := range records[1:] {
		for _, cell := range rec {
			if strings.HasPrefix(cell, "=") {
				t.Fatalf("the export has a cell a spreadsheet would run: %q", cell)
			}
		}
	}
	if cd := full.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
		t.Fatalf("Content-Disposition %q", cd)
	}

	sar := e.do(req{method: "GET", path: e.subjectsPath() + "/" + id + "/access-export", as: admin}).json(t)
	if sar["personal"].(map[string]any)["name"] == "" || len(sar["trail"].([]any)) < 2 {
		t.Fatalf("subject access export: %v", sar)
	}
}

func TestRetentionIsSetAndPurgedByAnAdministrator(t *testing.T) {
	e := newEnv(t)
	admin := e.addMember("tenant_admin")
	path := "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/personal-data/retention"
	got := e.do(req{method: "GET", path: path, as: admin})
	if got.status != 200 || got.header.Get("ETag") != `"1"` {
		t.Fatalf("get: %d %s %s", got.status, got.header.Get("ETag"), got.body)
	}
	put := func(days int, etag string) response {
		return e.do(req{method: "PUT", path: path, as: admin, body: map[string]any{"retention_days": days},
			header: map[string]string{"If-Match": etag}})
	}
	put(10, `"1"`).problem(t, http.StatusUnprocessableEntity)
	if r := put(400, `"1"`); r.status != 200 || r.json(t)["version"] != 2.0 {
		t.Fatalf("set: %d %s", r.status, r.body)
	}
	put(500, `"1"`).problem(t, http.StatusPreconditionFailed)
	purge := e.do(req{method: "POST", path: "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/personal-data/purge", as: admin})
	if purge.status != 200 {
		t.Fatalf("purge: %d %s", purge.status, purge.body)
	}
}
