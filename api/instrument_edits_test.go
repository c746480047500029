package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// newInstrumentJSON is a definition written from nothing: a condition on
// one item and a mean scoring rule with thresholds.
const newInstrumentJSON = `{"key": "ap_visit", "version": 1, "title": "AP visit check",
	"subject": "provider", "completed_by": ["auditor"],
	"scoring": {"rule_version": "ap-visit-1", "overall": {"method": "mean",
		"thresholds": [{"min": 0.75, "label": "good"}, {"min": 0, "label": "poor"}]}},
	"sections": [{"id": "visit", "title": "The visit", "items": [
		{"id": "pupils_on_roll", "kind": "number", "label": "Pupils on roll"},
		{"id": "safeguarding", "kind": "yes_no", "label": "Is safeguarding in place?", "required": true},
		{"id": "transport", "kind": "yes_no", "label": "Is transport arranged?",
			"applies_when": {"item": "pupils_on_roll", "op": "gt", "value": 0}}]}]}`

// mustDo sends a request and fails unless it gets want, returning the
// response.
func (e *env) mustDo(r req, want int) response {
	e.t.Helper()
	got := e.do(r)
	if got.status != want {
		e.t.Fatalf("%s %s: got %d, want %d\n%s", r.method, r.path, got.status, want, got.body)
	}
	return got
}

// relabel returns a definition with one item's label changed.
func relabel(t *testing.T, def, from, to string) string {
	t.Helper()
	if !strings.Contains(def, from) {
		t.Fatalf("definition has no %q", from)
	}
	return strings.Replace(def, from, to, 1)
}

func withETag(r response) map[string]string {
	return map[string]string{"If-Match": r.header.Get("ETag")}
}

func TestInstrumentFromNothingToNewVersion(t *testing.T) {
	e := newEnv(t)
	base := e.instruments()
	audited := e.countRows("audit_events")

	created := e.mustDo(req{method: "POST", path: base, as: e.lead(), body: newInstrumentJSON},
		http.StatusCreated)
	body := created.json(t)
	if body["state"] != "draft" || body["number"] != float64(1) || created.header.Get("ETag") != `"1"` {
		t.Fatalf("created %v with ETag %s, want draft 1 at revision 1", body, created.header.Get("ETag"))
	}
	draft := base + "/ap_visit/versions/1"

	preview := e.mustDo(req{method: "POST", path: draft + "/preview", as: e.lead(),
		body: map[string]any{"answers": map[string]any{"pupils_on_roll": 3, "safeguarding": "yes",
			"transport": "no"}}}, http.StatusOK).json(t)
	overall := preview["overall"].(map[string]any)
	if overall["value"] != 0.5 || overall["label"] != "poor" {
		t.Fatalf("preview scored %v, want 0.5 poor", overall)
	}

	edited := relabel(t, newInstrumentJSON, "Is transport arranged?", "Is safe transport arranged?")
	t.Run("edit needs If-Match", func(t *testing.T) {
		e.do(req{method: "PUT", path: draft, as: e.lead(), body: edited}).
			problem(t, http.StatusPreconditionRequired)
		e.do(req{method: "PUT", path: draft, as: e.lead(), body: edited,
			header: map[string]string{"If-Match": `"7"`}}).problem(t, http.StatusPreconditionFailed)
	})
	changed := e.mustDo(req{method: "PUT", path: draft, as: e.lead(), body: edited,
		header: withETag(created)}, http.StatusOK)
	if changed.header.Get("ETag") != `"2"` {
		t.Fatalf("edited draft has ETag %s, want \"2\"", changed.header.Get("ETag"))
	}
	e.do(req{method: "PUT", path: draft, as: e.lead(), body: edited, header: withETag(created)}).
		problem(t, http.StatusPreconditionFailed)

	e.do(req{method: "POST", path: draft + "/publish", as: e.lead()}).
		problem(t, http.StatusPreconditionRequired)
	published := e.mustDo(req{method: "POST", path: draft + "/publish", as: e.lead(),
		header: withETag(changed)}, http.StatusOK)
	if published.json(t)["state"] != "published" {
		t.Fatalf("publish answered %s", published.body)
	}

	p := e.do(req{method: "PUT", path: draft, as: e.lead(), body: edited, header: withETag(published)}).
		problem(t, http.StatusConflict)
	if !strings.Contains(p.Detail, "frozen") {
		t.Errorf("editing a published version: detail %q does not say it is frozen", p.Detail)
	}

	next := e.mustDo(req{method: "POST", path: base + "/ap_visit/versions", as: e.lead()},
		http.StatusCreated)
	if n := next.json(t)["number"]; n != float64(2) {
		t.Fatalf("new version is number %v, want 2", n)
	}
	second := strings.Replace(relabel(t, edited, "Pupils on roll", "Pupils on the roll"),
		`"version": 1`, `"version": 2`, 1)
	e.mustDo(req{method: "PUT", path: base + "/ap_visit/versions/2", as: e.lead(), body: second,
		header: withETag(next)}, http.StatusOK)

	diff := e.mustDo(req{method: "GET", path: base + "/ap_visit/compare?from=1&to=2", as: e.lead()},
		http.StatusOK).json(t)
	changes := diff["changes"].([]any)
	if diff["key"] != "ap_visit" || diff["from"] != float64(1) || diff["to"] != float64(2) {
		t.Errorf("compare answered %v, want ap_visit from 1 to 2", diff)
	}
	if len(changes) != 1 {
		t.Fatalf("compare listed %v, want one change", changes)
	}
	c := changes[0].(map[string]any)
	if c["item"] != "pupils_on_roll" || c["kind"] != "relabelled" || c["to"] != "Pupils on the roll" ||
		!strings.Contains(c["description"].(string), "relabelled") {
		t.Errorf("compare gave %v, want pupils_on_roll relabelled", c)
	}
	e.do(req{method: "GET", path: base + "/ap_visit/compare?from=1", as: e.lead()}).
		problem(t, http.StatusUnprocessableEntity)

	retire := e.mustDo(req{method: "GET", path: base + "/ap_visit", as: e.lead()}, http.StatusOK)
	// Version 2 is still a draft; the current version is the published 1.
	retired := e.mustDo(req{method: "POST", path: base + "/ap_visit/retire", as: e.lead(),
		header: withETag(retire)}, http.StatusOK).json(t)
	if retired["state"] != "retired" {
		t.Errorf("retire answered %v, want state retired", retired)
	}

	// Create, three edits (two refused), publish, new version, edit, retire.
	if got := e.countRows("audit_events") - audited; got != 6 {
		t.Errorf("the trail gained %d events, want 6", got)
	}
}

func TestMalformedImportListsEveryProblemAndWritesNothing(t *testing.T) {
	e := newEnv(t)
	bad := `{"key": "Bad Key", "version": 1, "title": "", "subject": "castle",
		"completed_by": ["auditor"],
		"scoring": {"rule_version": "x-1", "overall": {"method": "mean"}},
		"sections": [{"id": "one", "title": "One", "items": [
			{"id": "a", "kind": "yes_no", "label": "A"}]},
		{"id": "two", "title": "Two", "items": [
			{"id": "b", "kind": "yes_no", "label": ""},
			{"id": "a", "kind": "scale", "label": "Again"}]}]}`
	before := e.fingerprint(t.Context())

	p := e.do(req{method: "POST", path: e.instruments() + "/imports", as: e.lead(), body: bad}).
		problem(t, http.StatusUnprocessableEntity)
	fields := map[string]bool{}
	for _, f := range p.Errors {
		fields[f.Field] = true
	}
	for _, want := range []string{"key", "title", "subject", "sections[1].items[0].label",
		"sections[1].items[1].id"} {
		if !fields[want] {
			t.Errorf("no problem at %s; got %v", want, p.Errors)
		}
	}

	p = e.do(req{method: "POST", path: e.instruments() + "/imports", as: e.lead(),
		body: `{"key": "x", "sections": [{"id": 1, "colour": "red"}]`}).
		problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) == 0 {
		t.Errorf("JSON that does not parse: got no field problems")
	}
	p = e.do(req{method: "POST", path: e.instruments() + "/imports", as: e.lead(),
		body: `{"key": "x", "colour": "red", "sections": [{"id": 1, "shade": "blue"}]}`}).
		problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) < 2 {
		t.Errorf("a definition of the wrong shape: got %v, want every problem", p.Errors)
	}

	if after := e.fingerprint(t.Context()); after != before {
		t.Errorf("a refused import changed the database:\n before %s\n after  %s", before, after)
	}
}

func TestExportThenImportGivesAnIdenticalDefinition(t *testing.T) {
	e := newEnv(t)
	created := e.mustDo(req{method: "POST", path: e.instruments(), as: e.lead(), body: newInstrumentJSON},
		http.StatusCreated)
	e.mustDo(req{method: "POST", path: e.instruments() + "/ap_visit/versions/1/publish", as: e.lead(),
		header: withETag(created)}, http.StatusOK)
	exported := e.mustDo(req{method: "GET", path: e.instruments() + "/ap_visit/versions/1/export",
		as: e.lead()}, http.StatusOK).body

	other := "/api/v1/t/" + e.fixture.B.Tenant.Slug + "/instruments"
	e.mustDo(req{method: "POST", path: other + "/imports", as: e.other(), body: exported},
		http.StatusCreated)
	again := e.mustDo(req{method: "GET", path: other + "/ap_visit/versions/1/export", as: e.other()},
		http.StatusOK).body
	if !bytes.Equal(exported, again) {
		t.Errorf("the import exports differently:\n%s\nwant\n%s", again, exported)
	}
}

func TestCopyOfABuiltInKeepsStatutoryMilestones(t *testing.T) {
	e := newEnv(t)
	copied := e.mustDo(req{method: "POST", path: e.instruments() + "/ehcna_file_audit/adopt",
		as: e.lead(), body: map[string]any{"key": "our_ehcna_audit"}}, http.StatusCreated)
	var v struct {
		Definition map[string]any `json:"definition"`
	}
	if err := json.Unmarshal(copied.body, &v); err != nil {
		t.Fatal(err)
	}
	origin, _ := v.Definition["derived_from"].(map[string]any)
	if origin["key"] != "ehcna_file_audit" || origin["version"] != float64(1) || origin["tenant"] != nil {
		t.Fatalf("the copy's derived_from is %v, want the built-in ehcna_file_audit 1", origin)
	}

	def, err := json.Marshal(v.Definition)
	if err != nil {
		t.Fatal(err)
	}
	// decision_to_assess is due 6 weeks after the request, by law.
	moved := strings.Replace(string(def), `"offset":6`, `"offset":8`, 1)
	if moved == string(def) {
		t.Fatal("found no 6-week offset to move")
	}
	p := e.do(req{method: "PUT", path: e.instruments() + "/our_ehcna_audit/versions/1", as: e.lead(),
		body: moved, header: withETag(copied)}).problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || !strings.HasSuffix(p.Errors[0].Field, ".milestone.due") {
		t.Errorf("moving a statutory milestone: got %v, want one problem at its milestone.due", p.Errors)
	}
}
