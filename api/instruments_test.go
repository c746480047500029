package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
	"sendqa/domain/store/storetest"
)

func (e *env) instruments() string { return "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/instruments" }

// mustCreateInstrument adds a draft of an instrument of tenant A's own,
// with the given key and title, and publishes it when asked.
func (e *env) mustCreateInstrument(key, title string, publish bool) catalogue.Version {
	e.t.Helper()
	def := storetest.OwnInstrument(e.t)
	def.Key, def.Title = key, title
	owner := e.db.OpenOwner(e.t)
	cat := storetest.Catalogue()
	var v catalogue.Version
	err := owner.InScope(context.Background(), e.fixture.A.Scope(), func(ctx context.Context) (err error) {
		v, err = cat.CreateDraft(ctx, def)
		if err != nil || !publish {
			return err
		}
		v, err = cat.PublishVersion(ctx, v.Key, v.Number, v.Revision)
		return err
	})
	if err != nil {
		e.t.Fatalf("create instrument %s: %v", key, err)
	}
	return v
}

// listKeys reads every page of a list of instruments and returns
// "source/key" for each item, in order.
func (e *env) listKeys(path string) []string {
	e.t.Helper()
	var keys []string
	next := ""
	for range 20 {
		p := path
		if next != "" {
			p += "&cursor=" + next
		}
		r := e.do(req{method: "GET", path: p, as: e.lead()})
		if r.status != http.StatusOK {
			e.t.Fatalf("GET %s: got %d\n%s", p, r.status, r.body)
		}
		body := r.json(e.t)
		for _, it := range body["items"].([]any) {
			m := it.(map[string]any)
			keys = append(keys, m["source"].(string)+"/"+m["key"].(string))
		}
		cursor, _ := body["next_cursor"].(string)
		if cursor == "" {
			return keys
		}
		next = cursor
	}
	e.t.Fatalf("GET %s: the list never ended", path)
	return nil
}

func libraryKeys(t *testing.T) []string {
	t.Helper()
	defs, err := instrument.Library()
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]string, len(defs))
	for i, d := range defs {
		keys[i] = "built_in/" + d.Key
	}
	slices.Sort(keys)
	return keys
}

func TestEveryTenantSeesTheLibrary(t *testing.T) {
	e := newEnv(t)
	want := libraryKeys(t)
	for _, area := range []storetest.Area{e.fixture.A, e.fixture.B} {
		r := e.do(req{method: "GET", path: "/api/v1/t/" + area.Tenant.Slug + "/instruments?source=built_in",
			as: area.Member.ID})
		if r.status != http.StatusOK {
			t.Fatalf("%s: got %d\n%s", area.Tenant.Slug, r.status, r.body)
		}
		var got []string
		for _, it := range r.json(t)["items"].([]any) {
			m := it.(map[string]any)
			got = append(got, m["source"].(string)+"/"+m["key"].(string))
			if m["id"] != nil || m["state"] != "published" || m["current_version"] != float64(1) {
				t.Errorf("%s: built-in %v has id %v, state %v, version %v; want no id, published, 1",
					area.Tenant.Slug, m["key"], m["id"], m["state"], m["current_version"])
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", area.Tenant.Slug, got, want)
		}
	}
}

func TestInstrumentListFilters(t *testing.T) {
	e := newEnv(t)
	e.mustCreateInstrument("local_dip", "Local dip sample", false)
	cases := []struct {
		query string
		want  []string
	}{
		{"subject=advice", []string{"built_in/health_advice_quality", "built_in/eps_advice_quality"}},
		{"subject=ehcna_case", []string{"own/case_file_check", "built_in/ehcna_file_audit", "own/local_dip"}},
		{"q=PSYCHOLOGICAL", []string{"built_in/eps_advice_quality"}},
		{"q=case_file", []string{"own/case_file_check"}},
		{"source=own", []string{"own/case_file_check", "own/local_dip"}},
		{"state=draft", []string{"own/local_dip"}},
		{"source=own&state=published", []string{"own/case_file_check"}},
		{"q=100%25", nil},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			got := e.listKeys(e.instruments() + "?" + c.query)
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Fatalf("got %v, want %v", got, c.want)
			}
		})
	}

	for _, field := range []string{"subject", "source", "state"} {
		t.Run("bad "+field, func(t *testing.T) {
			p := e.do(req{method: "GET", path: e.instruments() + "?" + field + "=castle", as: e.lead()}).
				problem(t, http.StatusUnprocessableEntity)
			if len(p.Errors) != 1 || p.Errors[0].Field != field {
				t.Fatalf("got errors %+v, want one on %s", p.Errors, field)
			}
		})
	}
}

func TestInstrumentListPages(t *testing.T) {
	e := newEnv(t)
	e.mustCreateInstrument("aardvark_check", "Audit of EHC plans", true)

	whole := e.listKeys(e.instruments() + "?limit=200")
	paged := e.listKeys(e.instruments() + "?limit=3")
	if len(whole) != 12 {
		t.Fatalf("got %d instruments, want the 10 built in and 2 own: %v", len(whole), whole)
	}
	if !slices.Equal(paged, whole) {
		t.Fatalf("pages of 3 gave %v, want %v", paged, whole)
	}
	var titles []string
	r := e.do(req{method: "GET", path: e.instruments() + "?limit=200", as: e.lead()})
	for _, it := range r.json(t)["items"].([]any) {
		titles = append(titles, strings.ToLower(it.(map[string]any)["title"].(string)))
	}
	if !slices.IsSorted(titles) {
		t.Fatalf("titles are not in order: %v", titles)
	}
	e.do(req{method: "GET", path: e.instruments() + "?cursor=bm9wZQ", as: e.lead()}).
		problem(t, http.StatusUnprocessableEntity)
}

func mustLibraryDefinition(t *testing.T, key string) instrument.Definition {
	t.Helper()
	defs, err := instrument.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range defs {
		if d.Key == key {
			return d
		}
	}
	t.Fatalf("no built-in instrument %s", key)
	return instrument.Definition{}
}

func TestReadABuiltInInstrument(t *testing.T) {
	e := newEnv(t)
	r := e.do(req{method: "GET", path: e.instruments() + "/eps_advice_quality", as: e.lead()})
	if r.status != http.StatusOK || r.header.Get("ETag") != `"1"` {
		t.Fatalf("got %d with ETag %q, want 200 and \"1\"\n%s", r.status, r.header.Get("ETag"), r.body)
	}
	var got struct {
		Key           string          `json:"key"`
		Source        string          `json:"source"`
		Subject       string          `json:"subject"`
		CompletedBy   []string        `json:"completed_by"`
		PersonalItems []string        `json:"personal_items"`
		Scoring       json.RawMessage `json:"scoring"`
		Definition    json.RawMessage `json:"definition"`
		Versions      []struct {
			Number      int    `json:"number"`
			State       string `json:"state"`
			RuleVersion string `json:"rule_version"`
		} `json:"versions"`
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	if got.Key != "eps_advice_quality" || got.Source != "built_in" || got.Subject != "advice" {
		t.Errorf("got %s from %s about %s", got.Key, got.Source, got.Subject)
	}
	if fmt.Sprint(got.PersonalItems) != "[child_name date_of_birth]" {
		t.Errorf("personal items: got %v", got.PersonalItems)
	}
	if len(got.Versions) != 1 || got.Versions[0].Number != 1 || got.Versions[0].State != "published" ||
		got.Versions[0].RuleVersion != "eps-advice-1" {
		t.Errorf("versions: got %+v, want version 1 published under eps-advice-1", got.Versions)
	}
	if !strings.Contains(string(got.Scoring), `"method":"mean"`) &&
		!strings.Contains(string(got.Scoring), `"method": "mean"`) {
		t.Errorf("scoring: got %s, want the mean rule", got.Scoring)
	}

	// The definition is the engine's JSON form of the shipped definition.
	def, err := instrument.ParseDefinition(got.Definition)
	if err != nil {
		t.Fatalf("the definition does not parse: %v", err)
	}
	want, _ := instrument.MarshalDefinition(mustLibraryDefinition(t, "eps_advice_quality"))
	if have, _ := instrument.MarshalDefinition(def); string(have) != string(want) {
		t.Errorf("the definition differs from the shipped one:\n%s", have)
	}

	e.do(req{method: "GET", path: e.instruments() + "/no_such_instrument", as: e.lead()}).
		problem(t, http.StatusNotFound)
}

func TestInstrumentVersions(t *testing.T) {
	e := newEnv(t)
	own := e.fixture.A.Instrument
	path := e.instruments() + "/" + own.Key

	// A second version as a draft leaves the published one current.
	def := storetest.OwnInstrument(t)
	def.Title = "Case file check, revised"
	owner := e.db.OpenOwner(t)
	err := owner.InScope(context.Background(), e.fixture.A.Scope(), func(ctx context.Context) error {
		_, err := storetest.Catalogue().CreateDraft(ctx, def)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	body := e.do(req{method: "GET", path: path, as: e.lead()}).json(t)
	if body["current_version"] != float64(1) || body["state"] != "published" || body["title"] != "Case file check" {
		t.Errorf("instrument: got version %v %v %q, want the published version 1",
			body["current_version"], body["state"], body["title"])
	}
	if body["id"] != own.InstrumentID.String() {
		t.Errorf("id: got %v, want %s", body["id"], own.InstrumentID)
	}

	list := e.do(req{method: "GET", path: path + "/versions", as: e.lead()}).json(t)
	var states []string
	for _, it := range list["items"].([]any) {
		m := it.(map[string]any)
		states = append(states, fmt.Sprintf("%v %v", m["number"], m["state"]))
	}
	if fmt.Sprint(states) != "[2 draft 1 published]" {
		t.Errorf("versions: got %v, want [2 draft 1 published]", states)
	}
	paged := e.do(req{method: "GET", path: path + "/versions?limit=1", as: e.lead()}).json(t)
	next, _ := paged["next_cursor"].(string)
	second := e.do(req{method: "GET", path: path + "/versions?limit=1&cursor=" + next, as: e.lead()}).json(t)
	if items := second["items"].([]any); len(items) != 1 || items[0].(map[string]any)["number"] != float64(1) {
		t.Errorf("second page: got %v, want version 1", items)
	}

	r := e.do(req{method: "GET", path: path + "/versions/2", as: e.lead()})
	v := r.json(t)
	if r.status != http.StatusOK || v["state"] != "draft" || v["title"] != "Case file check, revised" ||
		r.header.Get("ETag") != `"1"` {
		t.Fatalf("version 2: got %d %v %v with ETag %q", r.status, v["state"], v["title"], r.header.Get("ETag"))
	}
	if d := v["definition"].(map[string]any); d["version"] != float64(2) || d["key"] != own.Key {
		t.Errorf("version 2's definition says %v version %v", d["key"], d["version"])
	}

	// The instrument's id reaches it as well as its key.
	byID := e.do(req{method: "GET", path: e.instruments() + "/" + own.InstrumentID.String() + "/versions/1",
		as: e.lead()})
	if byID.status != http.StatusOK {
		t.Errorf("by id: got %d", byID.status)
	}
	for _, missing := range []string{"/versions/3", "/versions/0", "/versions/one", "/versions/-1"} {
		e.do(req{method: "GET", path: path + missing, as: e.lead()}).problem(t, http.StatusNotFound)
	}
}

func TestExportAVersion(t *testing.T) {
	e := newEnv(t)
	r := e.do(req{method: "GET", path: e.instruments() + "/health_advice_quality/versions/1/export",
		as: e.lead()})
	if r.status != http.StatusOK {
		t.Fatalf("got %d\n%s", r.status, r.body)
	}
	if got := r.header.Get("Content-Disposition"); got != `attachment; filename="health_advice_quality-v1.json"` {
		t.Errorf("Content-Disposition: got %q", got)
	}
	if got := r.header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type: got %q, want application/json", got)
	}
	def, err := instrument.ParseDefinition(r.body)
	if err != nil {
		t.Fatalf("the export does not parse: %v", err)
	}
	want, _ := instrument.MarshalDefinition(mustLibraryDefinition(t, "health_advice_quality"))
	if string(r.body) != string(want) || def.Key != "health_advice_quality" {
		t.Errorf("the export differs from the shipped definition")
	}
}

func TestInstrumentSchema(t *testing.T) {
	e := newEnv(t)
	r := e.do(req{method: "GET", path: "/api/v1/instrument-schema", as: e.lead()})
	if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/schema+json" {
		t.Fatalf("got %d %q, want 200 application/schema+json", r.status, r.header.Get("Content-Type"))
	}
	if string(r.body) != string(instrument.JSONSchema()) {
		t.Error("the schema differs from the engine's")
	}
	e.do(req{method: "GET", path: "/api/v1/instrument-schema"}).problem(t, http.StatusUnauthorized)
}

// The answer sets and results are the engine's own, from
// TestLibraryScoresRealisticAnswers.
const (
	epsAnswers = `{"child_name": "A Child", "date_of_birth": "2011-03-10", "psychologist": "EP One",
		"auditor_name": "Senior EP", "formulation": "fully", "child_views": "partially",
		"parent_views": "fully", "context": "fully", "strengths": "fully",
		"needs_summary": "fully", "cognition_learning": "fully", "semh": "partially",
		"communication": "fully", "physical_sensory": "not_included",
		"outcomes_smart": "partially", "outcomes_needs": "fully",
		"outcomes_aspirations": "fully", "outcomes_adulthood": "partially", "provision_matched": "fully",
		"provision_evidence": "fully", "provision_strengths": "fully", "boundaries": "fully",
		"language": "fully"}`
	healthAnswers = `{"nhs_number": "943 476 5919", "team": "org-camhs",
		"returned_within_6_weeks": "yes", "demographics_complete": "yes",
		"language_clear": "yes", "jargon_free": "partial",
		"diagnosis_explained": "not_applicable", "impact_explained": "not_applicable",
		"strengths_clear": "yes", "priorities_clear": "partial",
		"education_needs_detailed": "yes", "other_needs_detailed": "no",
		"within_expertise": "yes", "separate_outcomes": "no", "outcomes_smart": "partial",
		"provision_clear": "partial", "clear_to_colleague": "yes"}`
)

func preview(answers string, asOf string) string {
	return `{"answers": ` + answers + `, "as_of": "` + asOf + `"}`
}

func TestPreviewScoresAsTheEngineDoes(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		key, body string
		overall   string
		poor      bool
		sections  map[string]string
		computed  map[string]float64
		rule      string
	}{
		{key: "eps_advice_quality", body: preview(epsAnswers, "2025-06-01"), overall: "1.684211 good",
			computed: map[string]float64{"age_at_audit": 14}, rule: "eps-advice-1"},
		{key: "health_advice_quality", body: preview(healthAnswers, "2025-06-01"),
			overall: "0.666667 requires_improvement", poor: true,
			sections: map[string]string{"details": "1 kpi_met", "quality": "0.666667 requires_improvement"}},
	}
	before := e.fingerprint(context.Background())
	for _, c := range cases {
		t.Run(c.key, func(t *testing.T) {
			r := e.do(req{method: "POST", path: e.instruments() + "/" + c.key + "/versions/1/preview?mode=submit",
				as: e.lead(), body: c.body})
			if r.status != http.StatusOK {
				t.Fatalf("got %d\n%s", r.status, r.body)
			}
			var got struct {
				RuleVersion string `json:"rule_version"`
				Overall     outcome
				Sections    []struct {
					ID      string  `json:"id"`
					Outcome outcome `json:"outcome"`
				} `json:"sections"`
				Items    map[string]float64 `json:"items"`
				Computed map[string]float64 `json:"computed"`
				Poor     bool               `json:"poor"`
			}
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatal(err)
			}
			if s := got.Overall.String(); s != c.overall {
				t.Errorf("overall: got %s, want %s", s, c.overall)
			}
			if got.Poor != c.poor {
				t.Errorf("poor: got %v, want %v", got.Poor, c.poor)
			}
			for _, s := range got.Sections {
				if want, ok := c.sections[s.ID]; ok && s.Outcome.String() != want {
					t.Errorf("section %s: got %s, want %s", s.ID, s.Outcome, want)
				}
			}
			for id, want := range c.computed {
				if got.Computed[id] != want {
					t.Errorf("computed %s: got %v, want %v", id, got.Computed[id], want)
				}
			}
			if c.rule != "" && got.RuleVersion != c.rule {
				t.Errorf("rule version: got %q, want %q", got.RuleVersion, c.rule)
			}
			if len(got.Items) == 0 {
				t.Error("no item values")
			}
		})
	}
	if after := e.fingerprint(context.Background()); after != before {
		t.Errorf("a preview changed the database:\n before %s\n after  %s", before, after)
	}
}

// outcome is a score outcome as the API writes it.
type outcome struct {
	Scored bool     `json:"scored"`
	Value  *float64 `json:"value"`
	Label  string   `json:"label"`
}

func (o outcome) String() string {
	if !o.Scored || o.Value == nil {
		return "unscored"
	}
	v := strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.6f", *o.Value), "0"), ".")
	return v + " " + o.Label
}

func TestPreviewRefusesAnswersThatDoNotFit(t *testing.T) {
	e := newEnv(t)
	path := e.instruments() + "/eps_advice_quality/versions/1/preview"
	cases := []struct {
		name, query, body string
		field             string
	}{
		{"an option the item lacks", "", `{"answers": {"formulation": "sometimes"}}`, "answers.formulation"},
		{"an item the instrument lacks", "", `{"answers": {"shoe_size": 9}}`, "answers.shoe_size"},
		{"a date that is no date", "", `{"answers": {"date_of_birth": "2011-02-30"}}`, "answers.date_of_birth"},
		{"answers that are not an object", "", `{"answers": ["fully"]}`, "answers"},
		{"a missing required answer on submit", "?mode=submit",
			preview(strings.Replace(epsAnswers, `"formulation": "fully", `, "", 1), "2025-06-01"),
			"answers.formulation"},
		{"an answer to a question that does not apply", "?mode=submit",
			preview(strings.Replace(epsAnswers, "2011-03-10", "2012-03-10", 1), "2025-06-01"),
			"answers.outcomes_adulthood"},
		{"an audit date that is no date", "", `{"answers": {}, "as_of": "1 June"}`, "as_of"},
		{"an unknown mode", "?mode=final", `{"answers": {}}`, "mode"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := e.do(req{method: "POST", path: path + c.query, as: e.lead(), body: c.body}).
				problem(t, http.StatusUnprocessableEntity)
			if len(p.Errors) != 1 || p.Errors[0].Field != c.field || p.Errors[0].Message == "" {
				t.Fatalf("got errors %+v, want one on %s", p.Errors, c.field)
			}
		})
	}

	// In draft mode a partial set of answers scores what it can.
	r := e.do(req{method: "POST", path: path, as: e.lead(), body: `{"answers": {"formulation": "fully"}}`})
	if r.status != http.StatusOK {
		t.Fatalf("a partial draft: got %d\n%s", r.status, r.body)
	}
	e.do(req{method: "POST", path: e.instruments() + "/eps_advice_quality/versions/9/preview", as: e.lead(),
		body: `{"answers": {}}`}).problem(t, http.StatusNotFound)
}

func TestAnotherTenantsInstrumentIsInvisible(t *testing.T) {
	e := newEnv(t)
	v := e.mustCreateInstrument("only_in_a", "Only in area A", true)
	other := "/api/v1/t/" + e.fixture.B.Tenant.Slug + "/instruments"
	for _, path := range []string{
		other + "/only_in_a",
		other + "/only_in_a/versions",
		other + "/only_in_a/versions/1",
		other + "/only_in_a/versions/1/export",
		other + "/" + v.InstrumentID.String(),
		other + "/" + e.fixture.A.Instrument.InstrumentID.String() + "/versions/1",
	} {
		e.do(req{method: "GET", path: path, as: e.other()}).problem(t, http.StatusNotFound)
	}
	e.do(req{method: "POST", path: other + "/only_in_a/versions/1/preview", as: e.other(),
		body: `{"answers": {}}`}).problem(t, http.StatusNotFound)

	r := e.do(req{method: "GET", path: other + "?source=own", as: e.other()})
	var ids []any
	for _, it := range r.json(t)["items"].([]any) {
		ids = append(ids, it.(map[string]any)["id"])
	}
	if len(ids) != 1 || ids[0] != e.fixture.B.Instrument.InstrumentID.String() {
		t.Fatalf("B's own instruments: got %v, want only B's fixture instrument", ids)
	}

	// The same key in B names B's own instrument, not A's.
	body := e.do(req{method: "GET", path: other + "/case_file_check", as: e.other()}).json(t)
	if body["id"] != e.fixture.B.Instrument.InstrumentID.String() {
		t.Fatalf("case_file_check in B: got id %v, want B's", body["id"])
	}
}

func TestInstrumentAccessByRole(t *testing.T) {
	e := newEnv(t)
	previewPath := e.instruments() + "/health_advice_quality/versions/1/preview"
	cases := []struct {
		role   string
		status int
	}{
		{"viewer", http.StatusOK},
		{"auditor", http.StatusOK},
		{"participation_officer", http.StatusOK},
		{"young_person", http.StatusForbidden},
		{"provider", http.StatusForbidden},
	}
	for _, c := range cases {
		t.Run(c.role, func(t *testing.T) {
			id := e.addMember(c.role)
			for _, r := range []req{
				{method: "GET", path: e.instruments(), as: id},
				{method: "GET", path: e.instruments() + "/health_advice_quality", as: id},
				{method: "POST", path: previewPath, as: id, body: preview(healthAnswers, "2025-06-01")},
			} {
				if got := e.do(r); got.status != c.status {
					t.Errorf("%s %s: got %d, want %d", r.method, r.path, got.status, c.status)
				}
			}
		})
	}
}
