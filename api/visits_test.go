package api_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func (e *env) youngPeoplePath() string {
	return "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/young-people"
}

func (e *env) visitsPath() string { return "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/visits" }

// mustCreateYoungPerson has the officer create a young person's account
// and returns its id and invitation code.
func (e *env) mustCreateYoungPerson(
	t *testing.T, officer uuid.UUID, name string,
) (uuid.UUID, string) {
	t.Helper()
	r := e.do(req{method: "POST", path: e.youngPeoplePath(), as: officer,
		body: map[string]any{"first_name": name}})
	if r.status != http.StatusCreated {
		t.Fatalf("create young person: got %d %s", r.status, r.body)
	}
	body := r.json(t)
	if err := e.enforcer.Reload(context.Background()); err != nil {
		t.Fatal(err)
	}
	return uuid.MustParse(body["id"].(string)), body["code"].(string)
}

func (e *env) codeLogin(code, passphrase string) response {
	e.t.Helper()
	return e.browser().do("POST", "/api/v1/auth/code-login", map[string]any{
		"tenant": e.fixture.A.Tenant.Slug, "code": code, "passphrase": passphrase})
}

// visitAnswers answers every required question of the site visit.
func visitAnswers(overall string) map[string]any {
	return map[string]any{"welcoming": "face_4", "getting_around": "face_3",
		"staff_listened": "face_5", "information_clear": "face_2", "overall_rating": overall,
		"what_was_good": "The staff said hello.", "could_be_better": "The signs were too small."}
}

// mustSubmitVisit has a young person record and send a visit to the
// fixture's service.
func (e *env) mustSubmitVisit(t *testing.T, young uuid.UUID) map[string]any {
	t.Helper()
	created := e.do(req{method: "POST", path: e.visitsPath(), as: young, body: map[string]any{
		"place": "Youth centre", "visit_date": time.Now().UTC().Format(time.DateOnly),
		"organisation_id": e.fixture.A.Organisation.ID.String(), "answers": visitAnswers("face_4")}})
	if created.status != http.StatusCreated {
		t.Fatalf("create visit: got %d %s", created.status, created.body)
	}
	id := created.json(t)["id"].(string)
	sent := e.do(req{method: "POST", path: e.visitsPath() + "/" + id + "/submit", as: young,
		body: map[string]any{}, header: map[string]string{"If-Match": created.header.Get("ETag")}})
	if sent.status != http.StatusOK {
		t.Fatalf("submit visit: got %d %s", sent.status, sent.body)
	}
	return sent.json(t)
}

// versionTag is the entity tag of a record's version as a body gave it.
func versionTag(body map[string]any) string {
	return strconv.Quote(strconv.Itoa(int(body["version"].(float64))))
}

func TestYoungPersonSignsInWithCodeAndPassphrase(t *testing.T) {
	e := newEnv(t)
	officer := e.addMember("participation_officer")
	id, code := e.mustCreateYoungPerson(t, officer, "Amir")

	t.Run("the account holds a first name and no e-mail", func(t *testing.T) {
		owner := e.db.OpenOwner(t)
		var email *string
		var name string
		err := owner.SQL().QueryRow("SELECT email, name FROM people WHERE id = $1", id).
			Scan(&email, &name)
		if err != nil {
			t.Fatal(err)
		}
		if email != nil || name != "Amir" {
			t.Fatalf("got email %v and name %q, want no e-mail and Amir", email, name)
		}
	})
	t.Run("a first passphrase that is too short is refused and saves nothing", func(t *testing.T) {
		p := e.codeLogin(code, "bus").problem(t, http.StatusUnprocessableEntity)
		if len(p.Errors) != 1 || p.Errors[0].Field != "passphrase" {
			t.Fatalf("got errors %+v, want one on passphrase", p.Errors)
		}
	})
	t.Run("the first sign-in sets the passphrase and signs in", func(t *testing.T) {
		r := e.codeLogin(strings.ToLower(code), "green bus stop")
		if r.status != http.StatusOK {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		ms := r.json(t)["memberships"].([]any)
		roles := ms[0].(map[string]any)["roles"].([]any)
		if len(roles) != 1 || roles[0] != "young_person" {
			t.Fatalf("got roles %v, want young_person", roles)
		}
	})
	t.Run("a wrong passphrase is refused", func(t *testing.T) {
		e.codeLogin(code, "red bus stop").problem(t, http.StatusUnauthorized)
	})
	t.Run("the same passphrase signs in again", func(t *testing.T) {
		if r := e.codeLogin(code, "green bus stop"); r.status != http.StatusOK {
			t.Fatalf("got %d %s", r.status, r.body)
		}
	})
	t.Run("an unknown area answers like a wrong code", func(t *testing.T) {
		r := e.browser().do("POST", "/api/v1/auth/code-login", map[string]any{
			"tenant": "nowhere", "code": code, "passphrase": "green bus stop"})
		r.problem(t, http.StatusUnauthorized)
	})
	t.Run("many tries with one code are slowed, never locked", func(t *testing.T) {
		var last int
		for range 12 {
			last = e.codeLogin(code, "wrong words here").status
		}
		if last != http.StatusTooManyRequests {
			t.Fatalf("after 12 wrong tries got %d, want 429", last)
		}
		owner := e.db.OpenOwner(t)
		if _, err := owner.SQL().Exec(`DELETE FROM rate_limits WHERE key LIKE 'code:%'`); err != nil {
			t.Fatal(err)
		}
		if r := e.codeLogin(code, "green bus stop"); r.status != http.StatusOK {
			t.Fatalf("once the window passed got %d %s, want the account still usable", r.status, r.body)
		}
	})
	t.Run("the officer's new code replaces the old one and clears the passphrase", func(t *testing.T) {
		r := e.do(req{method: "POST", path: e.youngPeoplePath() + "/" + id.String() + "/code",
			as: officer, body: map[string]any{}})
		if r.status != http.StatusOK {
			t.Fatalf("reset: got %d %s", r.status, r.body)
		}
		fresh := r.json(t)["code"].(string)
		e.codeLogin(code, "green bus stop").problem(t, http.StatusUnauthorized)
		if r := e.codeLogin(fresh, "purple kite day"); r.status != http.StatusOK {
			t.Fatalf("new code: got %d %s", r.status, r.body)
		}
	})
	t.Run("a young person cannot issue codes", func(t *testing.T) {
		r := e.do(req{method: "POST", path: e.youngPeoplePath() + "/" + id.String() + "/code",
			as: id, body: map[string]any{}})
		r.problem(t, http.StatusForbidden)
	})
}

func TestYoungPersonSeesOnlyTheirOwnVisits(t *testing.T) {
	e := newEnv(t)
	officer := e.addMember("participation_officer")
	amir, _ := e.mustCreateYoungPerson(t, officer, "Amir")
	bea, _ := e.mustCreateYoungPerson(t, officer, "Bea")

	draft := e.do(req{method: "POST", path: e.visitsPath(), as: amir, body: map[string]any{
		"place": "Library", "visit_date": time.Now().UTC().Format(time.DateOnly),
		"answers": map[string]any{"what_was_good": "Quiet room"}}})
	if draft.status != http.StatusCreated {
		t.Fatalf("create draft: got %d %s", draft.status, draft.body)
	}
	id := draft.json(t)["id"].(string)
	sent := e.mustSubmitVisit(t, amir)

	t.Run("another young person cannot read the draft", func(t *testing.T) {
		e.do(req{method: "GET", path: e.visitsPath() + "/" + id, as: bea}).problem(t, http.StatusNotFound)
	})
	t.Run("nor change it", func(t *testing.T) {
		r := e.do(req{method: "PUT", path: e.visitsPath() + "/" + id, as: bea,
			body: map[string]any{"answers": map[string]any{}}, header: map[string]string{"If-Match": `"1"`}})
		r.problem(t, http.StatusNotFound)
	})
	t.Run("nor find any of Amir's visits in their list", func(t *testing.T) {
		items := e.do(req{method: "GET", path: e.visitsPath(), as: bea}).json(t)["items"].([]any)
		if len(items) != 0 {
			t.Fatalf("got %d visits, want none", len(items))
		}
	})
	t.Run("the officer does not see the draft either, only the sent visit", func(t *testing.T) {
		e.do(req{method: "GET", path: e.visitsPath() + "/" + id, as: officer}).
			problem(t, http.StatusNotFound)
		items := e.do(req{method: "GET", path: e.visitsPath(), as: officer}).json(t)["items"].([]any)
		ids := map[any]bool{}
		for _, it := range items {
			ids[it.(map[string]any)["id"]] = true
		}
		if ids[id] || !ids[sent["id"]] {
			t.Fatalf("got %v, want the sent visit and not the draft", items)
		}
	})
	t.Run("the database itself keeps the draft from everyone who did not go", func(t *testing.T) {
		app := e.db.Open(t)
		var n int
		for who, person := range map[string]uuid.UUID{"Bea": bea, "the officer": officer} {
			_, err := app.SQL().Exec("SELECT 1")
			if err != nil {
				t.Fatal(err)
			}
			tx, err := app.SQL().Begin()
			if err != nil {
				t.Fatal(err)
			}
			_, err = tx.Exec(`SELECT set_config('app.tenant_id', $1, true),
				set_config('app.person_id', $2, true)`, e.fixture.A.Tenant.ID.String(), person.String())
			if err == nil {
				err = tx.QueryRow("SELECT count(*) FROM visits WHERE state = 'draft'").Scan(&n)
			}
			_ = tx.Rollback()
			if err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%s reads %d drafts, want 0", who, n)
			}
		}
	})
	t.Run("Amir lists both his visits", func(t *testing.T) {
		items := e.do(req{method: "GET", path: e.visitsPath(), as: amir}).json(t)["items"].([]any)
		if len(items) != 2 {
			t.Fatalf("got %d visits, want 2", len(items))
		}
	})
}

// photoWithLocation is a JPEG carrying an EXIF segment with a GPS position
// and a camera name, as a phone writes them.
func photoWithLocation(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 32, 24))
	for x := range 32 {
		for y := range 24 {
			img.Set(x, y, color.RGBA{R: uint8(x * 8), G: uint8(y * 10), B: 120, A: 255})
		}
	}
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, img, nil); err != nil {
		t.Fatal(err)
	}
	payload := []byte("Exif\x00\x00MM\x00*GPSLatitude 52.5862N GPSLongitude 2.1288W Model PhoneCam")
	segment := []byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	b := plain.Bytes()
	out := append([]byte{}, b[:2]...) // SOI
	out = append(out, segment...)
	out = append(out, payload...)
	return append(out, b[2:]...)
}

func TestPhotosLoseTheirMetadata(t *testing.T) {
	e := newEnv(t)
	officer := e.addMember("participation_officer")
	amir, _ := e.mustCreateYoungPerson(t, officer, "Amir")
	created := e.do(req{method: "POST", path: e.visitsPath(), as: amir, body: map[string]any{
		"place": "Park", "visit_date": time.Now().UTC().Format(time.DateOnly)}}).json(t)
	id := created["id"].(string)

	original := photoWithLocation(t)
	if !bytes.Contains(original, []byte("GPSLatitude")) {
		t.Fatal("the test photo lacks its location")
	}
	r := e.do(req{method: "POST", path: e.visitsPath() + "/" + id + "/photos", as: amir,
		body: original, header: map[string]string{"Content-Type": "image/jpeg"}})
	if r.status != http.StatusCreated {
		t.Fatalf("upload: got %d %s", r.status, r.body)
	}
	photo := r.json(t)["id"].(string)

	got := e.do(req{method: "GET", path: e.visitsPath() + "/" + id + "/photos/" + photo, as: amir})
	if got.status != http.StatusOK {
		t.Fatalf("download: got %d %s", got.status, got.body)
	}
	for _, marker := range []string{"Exif", "GPS", "PhoneCam", "52.5862"} {
		if bytes.Contains(got.body, []byte(marker)) {
			t.Errorf("the stored photo still holds %q", marker)
		}
	}
	for i := 2; i+1 < len(got.body) && got.body[i] == 0xFF; {
		marker := got.body[i+1]
		if marker == 0xE1 || marker == 0xED || marker == 0xEE || marker == 0xFE {
			t.Errorf("the stored photo has a metadata segment 0xFF%X", marker)
		}
		if marker == 0xDA { // start of scan: no more headers
			break
		}
		i += 2 + int(got.body[i+2])<<8 + int(got.body[i+3])
	}
	if _, err := jpeg.Decode(bytes.NewReader(got.body)); err != nil {
		t.Fatalf("the stored photo is no longer a JPEG: %v", err)
	}
	for _, h := range []string{"Content-Disposition", "X-Content-Type-Options",
		"Content-Security-Policy", "Cache-Control"} {
		if got.header.Get(h) == "" {
			t.Errorf("the photo lacks the %s header", h)
		}
	}

	t.Run("anything but a picture is refused by its content", func(t *testing.T) {
		r := e.do(req{method: "POST", path: e.visitsPath() + "/" + id + "/photos", as: amir,
			body: []byte("%PDF-1.4 not a photo"), header: map[string]string{"Content-Type": "image/jpeg"}})
		r.problem(t, http.StatusUnsupportedMediaType)
	})
	t.Run("another young person cannot see the photo", func(t *testing.T) {
		bea, _ := e.mustCreateYoungPerson(t, officer, "Bea")
		e.do(req{method: "GET", path: e.visitsPath() + "/" + id + "/photos/" + photo, as: bea}).
			problem(t, http.StatusNotFound)
	})
}

func TestVisitFromReviewToYouSaidWeDid(t *testing.T) {
	e := newEnv(t)
	officer := e.addMember("participation_officer")
	amir, _ := e.mustCreateYoungPerson(t, officer, "Amir")
	manager := e.addMember("service_manager")
	other := e.addMember("service_manager")
	created := e.do(req{method: "POST", path: e.plansPath(), as: e.lead(), body: map[string]any{
		"kind": "local", "title": "Youth service plan",
		"organisation_id": e.fixture.A.Organisation.ID.String(), "lead_id": manager.String()}})
	if created.status != http.StatusCreated {
		t.Fatalf("create local plan: %d %s", created.status, created.body)
	}
	sent := e.mustSubmitVisit(t, amir)
	id := sent["id"].(string)
	path := e.visitsPath() + "/" + id

	t.Run("the service sees nothing before the officer approves", func(t *testing.T) {
		e.do(req{method: "GET", path: path, as: manager}).problem(t, http.StatusNotFound)
	})
	var version string
	t.Run("the officer hides a part with a reason and approves", func(t *testing.T) {
		r := e.do(req{method: "POST", path: path + "/review", as: officer, body: map[string]any{
			"hidden": []any{map[string]any{"item": "what_was_good", "reason": "Names a member of staff"}},
			"note":   "Checked with Amir", "approve": true},
			header: map[string]string{"If-Match": versionTag(sent)}})
		if r.status != http.StatusOK {
			t.Fatalf("review: got %d %s", r.status, r.body)
		}
		if got := r.json(t)["state"]; got != "approved" {
			t.Fatalf("got state %v, want approved", got)
		}
	})
	t.Run("the manager reads it without the hidden part or the officer's note", func(t *testing.T) {
		r := e.do(req{method: "GET", path: path, as: manager})
		if r.status != http.StatusOK {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		body := r.json(t)
		answers := body["answers"].(map[string]any)
		if _, ok := answers["what_was_good"]; ok || body["review_note"] != "" {
			t.Fatalf("the service sees hidden parts: %v, note %q", answers, body["review_note"])
		}
		if answers["could_be_better"] != "The signs were too small." {
			t.Fatalf("got answers %v, want the rest", answers)
		}
		version = r.header.Get("ETag")
	})
	t.Run("another service's manager does not see it", func(t *testing.T) {
		e.do(req{method: "GET", path: path, as: other}).problem(t, http.StatusNotFound)
	})
	t.Run("the manager answers with an action that joins the local plan", func(t *testing.T) {
		due := time.Now().UTC().AddDate(0, 1, 0).Format(time.DateOnly)
		r := e.do(req{method: "PUT", path: path + "/answer", as: manager, body: map[string]any{
			"answer":  "We have put up bigger signs.",
			"actions": []any{map[string]any{"title": "Replace the signs", "due_on": due}}},
			header: map[string]string{"If-Match": version}})
		if r.status != http.StatusOK {
			t.Fatalf("answer: got %d %s", r.status, r.body)
		}
		actions := e.do(req{method: "GET", path: "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/actions",
			as: e.lead()}).json(t)["items"].([]any)
		found := false
		for _, a := range actions {
			src, _ := a.(map[string]any)["source"].(map[string]any)
			if src != nil && src["kind"] == "visit" && src["id"] == id {
				found = true
			}
		}
		if !found {
			t.Fatalf("no action from the visit in %v", actions)
		}
	})
	t.Run("the young person sees the answer and gets a notice", func(t *testing.T) {
		body := e.do(req{method: "GET", path: path, as: amir}).json(t)
		if body["answer"] != "We have put up bigger signs." || len(body["actions"].([]any)) != 1 {
			t.Fatalf("got %v", body)
		}
		notices := e.do(req{method: "GET",
			path: "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/notifications", as: amir})
		if notices.status != http.StatusOK || !bytes.Contains(notices.body, []byte("You said, we did")) {
			t.Fatalf("notices: got %d %s", notices.status, notices.body)
		}
	})
}

func TestSafeguardingConcernHidesTheVisitFromTheService(t *testing.T) {
	e := newEnv(t)
	officer := e.addMember("participation_officer")
	amir, _ := e.mustCreateYoungPerson(t, officer, "Amir")
	manager := e.addMember("service_manager")
	created := e.do(req{method: "POST", path: e.plansPath(), as: e.lead(), body: map[string]any{
		"kind": "local", "title": "Youth service plan",
		"organisation_id": e.fixture.A.Organisation.ID.String(), "lead_id": manager.String()}})
	if created.status != http.StatusCreated {
		t.Fatalf("create local plan: %d %s", created.status, created.body)
	}
	sent := e.mustSubmitVisit(t, amir)
	id := sent["id"].(string)
	path := e.visitsPath() + "/" + id
	etag := versionTag(sent)
	approved := e.do(req{method: "POST", path: path + "/review", as: officer,
		body: map[string]any{"approve": true}, header: map[string]string{"If-Match": etag}})
	if approved.status != http.StatusOK {
		t.Fatalf("approve: got %d %s", approved.status, approved.body)
	}
	if r := e.do(req{method: "GET", path: path, as: manager}); r.status != http.StatusOK {
		t.Fatalf("before the concern the manager got %d", r.status)
	}

	r := e.do(req{method: "POST", path: path + "/concern", as: officer,
		body: map[string]any{"note": "Amir wrote that someone at home hurts him."}})
	if r.status != http.StatusOK || r.json(t)["safeguarding"] != true {
		t.Fatalf("raise concern: got %d %s", r.status, r.body)
	}

	t.Run("the manager no longer finds it", func(t *testing.T) {
		e.do(req{method: "GET", path: path, as: manager}).problem(t, http.StatusNotFound)
		items := e.do(req{method: "GET", path: e.visitsPath(), as: manager}).json(t)["items"].([]any)
		if len(items) != 0 {
			t.Fatalf("got %d visits, want none", len(items))
		}
	})
	t.Run("nor can a QA lead, nor answer it", func(t *testing.T) {
		e.do(req{method: "GET", path: path, as: e.lead()}).problem(t, http.StatusNotFound)
		e.do(req{method: "PUT", path: path + "/answer", as: manager, body: map[string]any{"answer": "x"},
			header: map[string]string{"If-Match": approved.header.Get("ETag")}}).
			problem(t, http.StatusNotFound)
	})
	t.Run("the overview leaves it out", func(t *testing.T) {
		o := e.do(req{method: "GET", path: e.visitsPath() + "/overview", as: manager}).json(t)
		if o["visits"].(float64) != 0 {
			t.Fatalf("overview counts %v visits, want 0", o["visits"])
		}
	})
	t.Run("the concern is recorded and the officer still sees the visit", func(t *testing.T) {
		if n := e.countRows("safeguarding_concerns"); n != 3 { // two in the fixture
			t.Fatalf("got %d concerns, want 3", n)
		}
		if r := e.do(req{method: "GET", path: path, as: officer}); r.status != http.StatusOK {
			t.Fatalf("officer got %d", r.status)
		}
	})
}
