package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
)

// setDay puts the test's clock at noon on a date.
func (e *env) setDay(date string) {
	e.t.Helper()
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		e.t.Fatal(err)
	}
	e.clock.mu.Lock()
	e.clock.now = d.Add(12 * time.Hour)
	e.clock.mu.Unlock()
}

func findActivity(t *testing.T, r response, what string) map[string]any {
	t.Helper()
	for _, it := range r.json(t)["items"].([]any) {
		if a := it.(map[string]any); a["what"] == what {
			return a
		}
	}
	t.Fatalf("no activity %q in %s", what, r.body)
	return nil
}

// A QA lead starts the schedule from the framework's; an activity whose
// month has passed is overdue until marked done, and a reminder of it
// is due to its owner once.
func TestTheScheduleShowsOverdueActivitiesUntilTheyAreDone(t *testing.T) {
	e := newEnv(t)
	e.setDay("2026-12-04")
	path := e.tenantPath("/schedule")
	// The fixture's schedule has its moderation sessions already.
	if r := e.do(req{method: "POST", path: path + "/framework", as: e.lead()}); r.status != http.StatusCreated ||
		len(r.json(t)["items"].([]any)) != 9 {
		t.Fatalf("start from the framework: %d %s", r.status, r.body)
	}
	if r := e.do(req{method: "POST", path: path + "/framework", as: e.lead()}); r.status != http.StatusConflict {
		t.Errorf("starting again: %d, want 409", r.status)
	}
	list := e.do(req{method: "GET", path: path, as: e.lead()})
	health := findActivity(t, list, "Audit of health advice")
	overdue := health["overdue"].([]any)
	if len(overdue) != 3 || overdue[len(overdue)-1].(map[string]any)["due_on"] != "2026-11-28" {
		t.Fatalf("health advice audits overdue: %v", overdue)
	}
	if next := health["next"].(map[string]any); next["due_on"] != "2026-12-28" || next["state"] != "upcoming" {
		t.Errorf("next health advice audit: %v", next)
	}

	id := health["id"].(string)
	bad := e.do(req{method: "POST", path: path + "/" + id + "/completions", as: e.lead(),
		body: map[string]any{"due_on": "2026-11-27"}})
	if bad.status != 422 || !strings.Contains(string(bad.body), "due_on") {
		t.Errorf("a date it does not fall due on: %d %s", bad.status, bad.body)
	}
	done := e.do(req{method: "POST", path: path + "/" + id + "/completions", as: e.lead(),
		body: map[string]any{"due_on": "2026-11-28", "note": "Twelve advices audited"}})
	if done.status != http.StatusCreated || len(done.json(t)["overdue"].([]any)) != 2 {
		t.Errorf("mark November done: %d %s", done.status, done.body)
	}
	if r := e.do(req{method: "POST", path: path + "/" + id + "/completions", as: e.lead(),
		body: map[string]any{"due_on": "2026-11-28"}}); r.status != http.StatusConflict {
		t.Errorf("marking it done twice: %d, want 409", r.status)
	}
	if r := e.do(req{method: "POST", path: path, as: e.lead(), body: map[string]any{
		"what": "Moderation", "frequency": "three_times_a_year", "months": []int{11, 4},
		"due_day": 14}}); r.status != 422 || !strings.Contains(string(r.body), `"months"`) {
		t.Errorf("two months for three times a year: %d %s", r.status, r.body)
	}
	auditor := e.addMember("auditor")
	if r := e.do(req{method: "POST", path: path + "/" + id + "/completions", as: auditor,
		body: map[string]any{"due_on": "2026-10-28"}}); r.status != http.StatusForbidden {
		t.Errorf("an auditor marking it done: %d, want 403", r.status)
	}
	if r := e.do(req{method: "GET", path: path, as: auditor}); r.status != http.StatusOK {
		t.Errorf("an auditor reading the schedule: %d", r.status)
	}
}

// A calendar feed answers without a session at its secret address, as
// iCalendar a calendar program reads, until it is revoked.
func TestACalendarFeedWorksWithoutASessionUntilRevoked(t *testing.T) {
	e := newEnv(t)
	e.setDay("2026-12-04")
	e.do(req{method: "POST", path: e.tenantPath("/schedule/framework"), as: e.lead()})
	made := e.do(req{method: "POST", path: e.tenantPath("/schedule/feed"), as: e.lead()})
	url, _ := made.json(t)["url"].(string)
	if made.status != http.StatusCreated || !strings.HasPrefix(url, e.tenantPath("/calendar/")) {
		t.Fatalf("make a feed: %d %s", made.status, made.body)
	}
	feed := e.do(req{method: "GET", path: url})
	if feed.status != 200 || !strings.HasPrefix(feed.header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("the feed: %d %s", feed.status, feed.header)
	}
	cal, err := ics.ParseCalendar(strings.NewReader(string(feed.body)))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cal.Events()); n < 20 {
		t.Errorf("the feed holds %d events", n)
	}
	other := strings.Replace(url, e.fixture.A.Tenant.Slug, e.fixture.B.Tenant.Slug, 1)
	if r := e.do(req{method: "GET", path: other}); r.status != http.StatusNotFound {
		t.Errorf("the secret under another area: %d, want 404", r.status)
	}
	if r := e.do(req{method: "GET", path: url + "x"}); r.status != http.StatusNotFound {
		t.Errorf("a wrong secret: %d, want 404", r.status)
	}
	if r := e.do(req{method: "DELETE", path: e.tenantPath("/schedule/feed"), as: e.lead()}); r.status != 204 {
		t.Fatalf("revoke: %d %s", r.status, r.body)
	}
	if r := e.do(req{method: "GET", path: url}); r.status != http.StatusNotFound {
		t.Errorf("a revoked feed: %d, want 404", r.status)
	}
}
