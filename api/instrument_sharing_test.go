package api_test

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/store/storetest"
	"sendqa/domain/tenancy"
)

// mustCreateOutsider adds a third area in a region of its own, with a QA
// lead, and returns the area's slug and the lead.
func (e *env) mustCreateOutsider() (string, uuid.UUID) {
	e.t.Helper()
	region := e.mustDo(req{method: "POST", path: "/api/v1/admin/regions", as: e.platform,
		body: map[string]any{"slug": "elsewhere", "name": "Elsewhere"}}, http.StatusCreated).json(e.t)
	area := e.mustDo(req{method: "POST", path: "/api/v1/admin/tenants", as: e.platform,
		body: map[string]any{"slug": "area-c", "name": "Area C", "region": "elsewhere"}},
		http.StatusCreated).json(e.t)
	scope := domain.Scope{TenantID: uuid.MustParse(area["id"].(string)),
		RegionID: uuid.MustParse(region["id"].(string))}

	ctx := context.Background()
	svc := storetest.Services()
	var lead uuid.UUID
	err := e.db.OpenOwner(e.t).InScope(ctx, scope, func(ctx context.Context) error {
		p, err := svc.CreatePerson(ctx, tenancy.Person{Email: "lead@area-c.example.org", Name: "Lead C"})
		if err != nil {
			return err
		}
		lead = p.ID
		_, err = svc.SetRoles(ctx, lead, []domain.Role{domain.RoleQALead})
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.enforcer.Reload(ctx); err != nil {
		e.t.Fatal(err)
	}
	return "area-c", lead
}

// sharedItems lists the instruments shared with an area, by id.
func (e *env) sharedItems(slug string, as uuid.UUID) map[string]map[string]any {
	e.t.Helper()
	r := e.mustDo(req{method: "GET", path: "/api/v1/t/" + slug + "/instruments?source=shared", as: as},
		http.StatusOK)
	out := map[string]map[string]any{}
	for _, it := range r.json(e.t)["items"].([]any) {
		m := it.(map[string]any)
		out[m["id"].(string)] = m
	}
	return out
}

func TestSharingWithTheRegion(t *testing.T) {
	e := newEnv(t)
	a, b := e.fixture.A, e.fixture.B
	private := e.mustCreateInstrument("private_check", "Private check", true)
	outsider, outsiderLead := e.mustCreateOutsider()

	id := a.Instrument.InstrumentID.String()
	ours := e.instruments() + "/" + id
	theirs := "/api/v1/t/" + b.Tenant.Slug + "/instruments"
	asB := func(method, path string, body any) response {
		return e.do(req{method: method, path: path, as: e.other(), body: body,
			header: map[string]string{"If-Match": `"1"`}})
	}

	t.Run("nothing is shared by default", func(t *testing.T) {
		if got := e.sharedItems(b.Tenant.Slug, e.other()); len(got) != 0 {
			t.Fatalf("B sees %v shared before any share", got)
		}
		asB("GET", theirs+"/"+id, nil).problem(t, http.StatusNotFound)
	})

	share := e.mustDo(req{method: "POST", path: ours + "/shares", as: e.lead(),
		body: map[string]any{"scope": "region"}}, http.StatusCreated)
	shareID := share.json(t)["id"].(string)
	e.do(req{method: "POST", path: ours + "/shares", as: e.lead(), body: map[string]any{"scope": "region"}}).
		problem(t, http.StatusConflict)

	t.Run("B in the region reads it", func(t *testing.T) {
		got := e.sharedItems(b.Tenant.Slug, e.other())
		item, ok := got[id]
		if len(got) != 1 || !ok {
			t.Fatalf("B sees %v shared, want only A's instrument", got)
		}
		owner := item["owner"].(map[string]any)
		if item["source"] != "shared" || owner["tenant"] != a.Tenant.Slug ||
			owner["tenant_name"] != a.Tenant.Name || item["shared_version"] != float64(1) ||
			item["newer_version_available"] != false {
			t.Errorf("B's listing is %v", item)
		}
		r := asB("GET", theirs+"/"+id, nil)
		if r.status != http.StatusOK {
			t.Fatalf("B reading the shared instrument: got %d\n%s", r.status, r.body)
		}
		read := r.json(t)
		if read["source"] != "shared" || read["owner"].(map[string]any)["tenant"] != a.Tenant.Slug {
			t.Errorf("B reads source %v owner %v, want shared by %s", read["source"], read["owner"],
				a.Tenant.Slug)
		}
		e.mustDo(req{method: "POST", path: theirs + "/" + id + "/versions/1/preview", as: e.other(),
			body: map[string]any{"answers": map[string]any{"chronology": "yes"}}}, http.StatusOK)
	})

	t.Run("B cannot change it", func(t *testing.T) {
		def := e.mustDo(req{method: "GET", path: ours + "/versions/1/export", as: e.lead()},
			http.StatusOK).body
		for _, r := range []struct {
			method, path string
			body         any
		}{
			{"PUT", theirs + "/" + id + "/versions/1", def},
			{"POST", theirs + "/" + id + "/versions/1/publish", nil},
			{"POST", theirs + "/" + id + "/versions", nil},
			{"POST", theirs + "/" + id + "/retire", nil},
			{"POST", theirs + "/" + id + "/shares", map[string]any{"scope": "all"}},
			{"GET", theirs + "/" + id + "/shares", nil},
			{"DELETE", theirs + "/" + id + "/shares/" + shareID, nil},
		} {
			got := asB(r.method, r.path, r.body).status
			if got != http.StatusForbidden && got != http.StatusNotFound {
				t.Errorf("%s %s as B: got %d, want 403 or 404", r.method, r.path, got)
			}
		}
	})

	t.Run("a private instrument stays invisible", func(t *testing.T) {
		asB("GET", theirs+"/"+private.InstrumentID.String(), nil).problem(t, http.StatusNotFound)
	})

	t.Run("an area outside the region sees nothing", func(t *testing.T) {
		if got := e.sharedItems(outsider, outsiderLead); len(got) != 0 {
			t.Fatalf("the outsider sees %v shared", got)
		}
		e.do(req{method: "GET", path: "/api/v1/t/" + outsider + "/instruments/" + id, as: outsiderLead}).
			problem(t, http.StatusNotFound)
		e.do(req{method: "POST", path: "/api/v1/t/" + outsider + "/instruments/" + id + "/adopt",
			as: outsiderLead, body: map[string]any{}}).problem(t, http.StatusNotFound)
	})

	layer := e.mustDo(req{method: "POST", path: theirs + "/" + id + "/local-layers", as: e.other(),
		body: map[string]any{"title": "Our questions", "items": []any{
			map[string]any{"id": "local_panel", "kind": "yes_no", "label": "Went to the local panel?"},
		}}}, http.StatusCreated).json(t)
	t.Run("the layer adds to a locked core", func(t *testing.T) {
		def := layer["definition"].(map[string]any)
		sections := def["sections"].([]any)
		last := sections[len(sections)-1].(map[string]any)
		if len(sections) != 2 || last["id"] != "local" || layer["instrument_version"] != float64(1) {
			t.Fatalf("layer is %v, want the core and one local section", layer)
		}
		p := e.do(req{method: "POST", path: theirs + "/" + id + "/local-layers", as: e.other(),
			body: map[string]any{"items": []any{
				map[string]any{"id": "chronology", "kind": "text", "label": "Chronology, again"},
				map[string]any{"id": "extra", "kind": "yes_no", "label": ""},
			}}}).problem(t, http.StatusUnprocessableEntity)
		fields := map[string]bool{}
		for _, f := range p.Errors {
			fields[f.Field] = true
		}
		if !fields["items[0].id"] || !fields["items[1].label"] {
			t.Errorf("a layer that redefines a core item: got %v, want items[0].id and items[1].label",
				p.Errors)
		}
	})

	adopted := e.mustDo(req{method: "POST", path: theirs + "/" + id + "/adopt", as: e.other(),
		body: map[string]any{"key": "adopted_check"}}, http.StatusCreated).json(t)
	t.Run("the copy remembers its origin", func(t *testing.T) {
		origin := adopted["definition"].(map[string]any)["derived_from"].(map[string]any)
		if origin["tenant"] != a.Tenant.Slug || origin["key"] != a.Instrument.Key ||
			origin["version"] != float64(1) || adopted["source"] != "own" {
			t.Errorf("the copy is %v with derived_from %v", adopted, origin)
		}
	})

	t.Run("a newer version is announced, not imposed", func(t *testing.T) {
		next := e.mustDo(req{method: "POST", path: ours + "/versions", as: e.lead()}, http.StatusCreated)
		e.mustDo(req{method: "POST", path: ours + "/versions/2/publish", as: e.lead(),
			header: withETag(next)}, http.StatusOK)
		item := e.sharedItems(b.Tenant.Slug, e.other())[id]
		if item["shared_version"] != float64(2) || item["used_version"] != float64(1) ||
			item["newer_version_available"] != true {
			t.Errorf("after version 2, B's listing is %v", item)
		}
	})

	e.do(req{method: "DELETE", path: ours + "/shares/" + shareID, as: e.lead()}).
		problem(t, http.StatusPreconditionRequired)
	e.mustDo(req{method: "DELETE", path: ours + "/shares/" + shareID, as: e.lead(),
		header: withETag(share)}, http.StatusOK)

	t.Run("withdrawal stops new use and keeps what B has", func(t *testing.T) {
		if got := e.sharedItems(b.Tenant.Slug, e.other()); len(got) != 0 {
			t.Errorf("after withdrawal B still sees %v", got)
		}
		asB("GET", theirs+"/"+id, nil).problem(t, http.StatusNotFound)
		e.do(req{method: "POST", path: theirs + "/" + id + "/local-layers", as: e.other(),
			body: map[string]any{}}).problem(t, http.StatusNotFound)

		uses := e.mustDo(req{method: "GET", path: "/api/v1/t/" + b.Tenant.Slug + "/instrument-uses",
			as: e.other()}, http.StatusOK).json(t)["items"].([]any)
		kinds := map[string]string{}
		for _, u := range uses {
			m := u.(map[string]any)
			kinds[m["id"].(string)] = m["kind"].(string)
		}
		adoptedKept := slices.Contains(slices.Collect(maps.Values(kinds)), "adopted")
		if kinds[layer["id"].(string)] != "layer" || !adoptedKept {
			t.Errorf("B's uses after withdrawal: %v, want the layer and the adoption", kinds)
		}
		e.mustDo(req{method: "GET", path: theirs + "/adopted_check", as: e.other()}, http.StatusOK)
	})
}
