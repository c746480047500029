package api_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"sendqa/domain/demo"
	"sendqa/domain/identity"
)

// sentMail is a row of outbound_mail.
type sentMail struct{ subject, text, html string }

// mailTo returns the mail queued for an address, oldest first.
func (e *env) mailTo(address string) []sentMail {
	e.t.Helper()
	rows, err := e.db.OpenOwner(e.t).SQL().Query(`SELECT subject, text_body, html_body
		FROM outbound_mail WHERE recipient = $1 ORDER BY created_at`, address)
	if err != nil {
		e.t.Fatal(err)
	}
	defer rows.Close()
	var out []sentMail
	for rows.Next() {
		var m sentMail
		if err := rows.Scan(&m.subject, &m.text, &m.html); err != nil {
			e.t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// tokenIn finds the secret in the link of a mail's text, checking that
// the link leads to path under the public address.
func tokenIn(t *testing.T, m sentMail, path string) string {
	t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta("https://sendqa.test"+path+"?token=") + `(sq[ip]_[A-Za-z0-9_-]+)`)
	found := re.FindStringSubmatch(m.text)
	if found == nil {
		t.Fatalf("no link to %s in the mail:\n%s", path, m.text)
	}
	if !strings.Contains(m.html, `href="https://sendqa.test`+path+`?token=`+found[1]+`"`) {
		t.Fatalf("the HTML part lacks the link:\n%s", m.html)
	}
	return found[1]
}

func (e *env) invite(email, name string, roles ...string) string {
	e.t.Helper()
	r := e.do(req{method: "POST", path: e.tenantPath("/invitations"), as: e.lead(),
		body: map[string]any{"email": email, "name": name, "roles": roles}})
	if r.status != http.StatusCreated {
		e.t.Fatalf("invite %s: got %d %s", email, r.status, r.body)
	}
	return r.json(e.t)["id"].(string)
}

func TestInvitationIsAcceptedWithANewPassword(t *testing.T) {
	e := newEnv(t)
	const email = "quinn.kaur@wolverhampton.example.gov.uk"
	trail := []struct {
		entity, action string
		before         int
	}{{"invitation", "create", 0}, {"membership", "create", 0}, {"invitation", "update", 0}}
	for i, ev := range trail {
		trail[i].before = e.auditCount(ev.entity, ev.action)
	}
	r := e.do(req{method: "POST", path: e.tenantPath("/invitations"), as: e.lead(),
		body: map[string]any{"email": email, "name": "Quinn Kaur", "roles": []string{"auditor", "viewer"}}})
	if r.status != http.StatusCreated {
		t.Fatalf("invite: got %d %s", r.status, r.body)
	}
	if strings.Contains(string(r.body), "sqi_") {
		t.Fatalf("the answer to the inviter holds the secret: %s", r.body)
	}

	sent := e.mailTo(email)
	if len(sent) != 1 || !strings.Contains(sent[0].subject, e.fixture.A.Tenant.Name) {
		t.Fatalf("got mail %+v, want one invitation naming the area", sent)
	}
	token := tokenIn(t, sent[0], "/invitations/accept")
	var stored []byte
	if err := e.db.OpenOwner(t).SQL().QueryRow(`SELECT token_hash FROM invitations WHERE email = $1`,
		email).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(stored, []byte(token)) {
		t.Fatal("the invitation's secret is stored in the clear")
	}

	welcome := e.browser().do("GET", "/api/v1/auth/invitations/"+token, nil)
	if welcome.status != http.StatusOK {
		t.Fatalf("read invitation: got %d %s", welcome.status, welcome.body)
	}
	w := welcome.json(t)
	if w["tenant"] != e.fixture.A.Tenant.Slug || w["tenant_name"] != e.fixture.A.Tenant.Name ||
		w["email"] != email || w["name"] != "Quinn Kaur" || w["has_password"] != false {
		t.Fatalf("invitation reads %v", w)
	}

	b := e.browser()
	people := e.countRows("people")
	p := b.do("POST", "/api/v1/auth/invitations/accept", map[string]any{"token": token, "password": "password1"}).
		problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Field != "password" {
		t.Fatalf("got errors %+v, want the common password refused on password", p.Errors)
	}
	if e.countRows("people") != people {
		t.Fatal("a refused acceptance created a person")
	}
	b.noCSRF = true
	b.do("POST", "/api/v1/auth/invitations/accept", map[string]any{"token": token, "password": testPassword}).
		problem(t, http.StatusForbidden)
	b.noCSRF = false

	r = b.do("POST", "/api/v1/auth/invitations/accept", map[string]any{"token": token, "password": testPassword})
	if r.status != http.StatusOK {
		t.Fatalf("accept: got %d %s", r.status, r.body)
	}
	if len(b.cookies) != 2 {
		t.Fatalf("got cookies %v, want access and refresh", b.cookies)
	}
	me := r.json(t)
	ms := me["memberships"].([]any)
	if len(ms) != 1 || ms[0].(map[string]any)["tenant"] != e.fixture.A.Tenant.Slug ||
		fmt.Sprint(ms[0].(map[string]any)["roles"]) != "[auditor viewer]" {
		t.Fatalf("memberships %v, want auditor and viewer in area-a", ms)
	}

	if err := e.enforcer.Reload(t.Context()); err != nil {
		t.Fatal(err)
	}
	if r := b.do("GET", e.orgs(), nil); r.status != http.StatusOK {
		t.Fatalf("the new member reading organisations: got %d %s", r.status, r.body)
	}
	if r := e.browser().login(email, testPassword); r.status != http.StatusOK {
		t.Fatalf("signing in with the chosen password: got %d", r.status)
	}
	var personID string
	members := e.do(req{method: "GET", path: e.tenantPath("/members"), as: e.lead()}).json(t)
	for _, it := range members["items"].([]any) {
		if m := it.(map[string]any); m["email"] == email {
			personID = m["person_id"].(string)
			if fmt.Sprint(m["roles"]) != "[auditor viewer]" || m["name"] != "Quinn Kaur" {
				t.Fatalf("members lists %v", m)
			}
		}
	}
	if personID == "" {
		t.Fatal("the new member is not listed")
	}

	// The link works once.
	e.browser().do("GET", "/api/v1/auth/invitations/"+token, nil).problem(t, http.StatusNotFound)
	b.do("POST", "/api/v1/auth/invitations/accept", map[string]any{"token": token, "password": testPassword}).
		problem(t, http.StatusNotFound)
	for _, ev := range trail {
		if got := e.auditCount(ev.entity, ev.action) - ev.before; got != 1 {
			t.Errorf("the trail gained %d events %s %s, want 1", got, ev.entity, ev.action)
		}
	}
}

func TestInvitingPeopleWhoAlreadyHaveAccounts(t *testing.T) {
	e := newEnv(t)
	p := e.do(req{method: "POST", path: e.tenantPath("/invitations"), as: e.lead(),
		body: map[string]any{"email": e.fixture.A.Member.Email, "name": "Lead", "roles": []string{"viewer"}}}).
		problem(t, http.StatusConflict)
	if !strings.Contains(p.Detail, "already a member") {
		t.Fatalf("got %q, want it to say the person is already a member", p.Detail)
	}

	// Area B's lead has an account but is not a member of area A.
	other := e.fixture.B.Member
	e.setPassword(other.ID, testPassword)
	e.invite(other.Email, other.Name, "auditor")
	token := tokenIn(t, e.mailTo(other.Email)[0], "/invitations/accept")
	if w := e.browser().do("GET", "/api/v1/auth/invitations/"+token, nil).json(t); w["has_password"] != true {
		t.Fatalf("invitation reads %v, want has_password true", w)
	}
	b := e.browser()
	wrong := map[string]any{"token": token, "password": "not mine at all"}
	q := b.do("POST", "/api/v1/auth/invitations/accept", wrong).problem(t, http.StatusUnprocessableEntity)
	if q.Errors[0].Field != "password" {
		t.Fatalf("got errors %+v, want the wrong password refused on password", q.Errors)
	}
	r := b.do("POST", "/api/v1/auth/invitations/accept", map[string]any{"token": token, "password": testPassword})
	if r.status != http.StatusOK || len(r.json(t)["memberships"].([]any)) != 2 {
		t.Fatalf("accept: got %d %s, want memberships of both areas", r.status, r.body)
	}
}

func TestInvitationsCanBeRevokedReplacedAndExpire(t *testing.T) {
	e := newEnv(t)
	const email = "sami.ahmed@example.org"
	id := e.invite(email, "Sami Ahmed", "auditor")
	first := tokenIn(t, e.mailTo(email)[0], "/invitations/accept")
	path := e.tenantPath("/invitations/" + id)
	if r := e.do(req{method: "DELETE", path: path, as: e.lead()}); r.status != http.StatusNoContent {
		t.Fatalf("revoke: got %d %s", r.status, r.body)
	}
	e.do(req{method: "DELETE", path: path, as: e.lead()}).problem(t, http.StatusNotFound)
	e.browser().do("GET", "/api/v1/auth/invitations/"+first, nil).problem(t, http.StatusNotFound)

	// Inviting again replaces a waiting invitation: only the newest link works.
	e.invite(email, "Sami Ahmed", "auditor")
	e.invite(email, "Sami Ahmed", "qa_lead")
	sent := e.mailTo(email)
	second, third := tokenIn(t, sent[1], "/invitations/accept"), tokenIn(t, sent[2], "/invitations/accept")
	e.browser().do("GET", "/api/v1/auth/invitations/"+second, nil).problem(t, http.StatusNotFound)
	list := e.do(req{method: "GET", path: e.tenantPath("/invitations"), as: e.lead()}).json(t)["items"].([]any)
	waiting := 0
	for _, it := range list {
		if it.(map[string]any)["email"] == email {
			waiting++
		}
	}
	if waiting != 1 {
		t.Fatalf("%d invitations to %s are waiting, want 1", waiting, email)
	}

	e.clock.Advance(identity.DefaultSettings.InvitationTTL + time.Minute)
	e.browser().do("GET", "/api/v1/auth/invitations/"+third, nil).problem(t, http.StatusNotFound)
	e.browser().do("POST", "/api/v1/auth/invitations/accept",
		map[string]any{"token": third, "password": testPassword}).problem(t, http.StatusNotFound)
	list = e.do(req{method: "GET", path: e.tenantPath("/invitations"), as: e.lead()}).json(t)["items"].([]any)
	for _, it := range list {
		if m := it.(map[string]any); m["email"] == email && m["expired"] != true {
			t.Fatalf("the expired invitation lists as %v", m)
		}
	}
	e.browser().do("GET", "/api/v1/auth/invitations/not-a-token", nil).problem(t, http.StatusNotFound)
}

// csvType is the header of a CSV file sent as the whole body.
var csvType = map[string]string{"Content-Type": "text/csv"}

func TestImportTheAuditorCohort(t *testing.T) {
	e := newEnv(t)
	cohort, err := demo.File("auditor_cohort_wolverhampton.csv")
	if err != nil {
		t.Fatal(err)
	}
	invitations, mail := e.countRows("invitations"), e.countRows("outbound_mail")
	r := e.do(req{method: "POST", path: e.tenantPath("/invitations/imports?dry_run=true"), as: e.lead(),
		body: cohort, header: csvType})
	if r.status != http.StatusOK {
		t.Fatalf("dry run: got %d %s", r.status, r.body)
	}
	if got := r.json(t); got["rows"] != float64(20) || got["invited"] != float64(0) || got["dry_run"] != true {
		t.Fatalf("dry run reports %v", got)
	}
	if e.countRows("invitations") != invitations || e.countRows("outbound_mail") != mail {
		t.Fatal("the dry run wrote something")
	}

	// The real import, as a browser uploads a file from a form.
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	part, _ := form.CreateFormFile("file", "cohort.csv")
	part.Write(cohort)
	form.WriteField("default_role", "auditor")
	form.Close()
	r = e.do(req{method: "POST", path: e.tenantPath("/invitations/imports"), as: e.lead(),
		body: body.Bytes(), header: map[string]string{"Content-Type": form.FormDataContentType()}})
	if r.status != http.StatusCreated || r.json(t)["invited"] != float64(20) {
		t.Fatalf("import: got %d %s", r.status, r.body)
	}
	if got := e.countRows("invitations") - invitations; got != 20 {
		t.Fatalf("got %d new invitations, want 20", got)
	}
	if got := e.countRows("outbound_mail") - mail; got != 20 {
		t.Fatalf("got %d new mails, want 20", got)
	}
	tokenIn(t, e.mailTo("xander.hughes19@wolverhampton.example.gov.uk")[0], "/invitations/accept")
	list := e.do(req{method: "GET", path: e.tenantPath("/invitations"), as: e.lead()}).json(t)["items"].([]any)
	if len(list) != 21 { // and the fixture's own
		t.Fatalf("got %d waiting invitations, want 21", len(list))
	}
}

func TestImportRefusesBadRowsAndWritesNothing(t *testing.T) {
	e := newEnv(t)
	const header = "name,email,roles\n"
	good := "Ben Jones,ben.jones@example.org,\n"
	cases := []struct {
		name, csv string
		fields    []string
	}{
		{"a missing e-mail", header + good + "Sami Ahmed,,auditor\n", []string{"rows[3].email"}},
		{"a malformed e-mail", header + good + "Sami Ahmed,sami.ahmed@,auditor\n", []string{"rows[3].email"}},
		{"an unknown role", header + good + "Sami Ahmed,sami@example.org,auditor;wizard\n",
			[]string{"rows[3].roles[1]"}},
		{"a duplicate e-mail", header + good + "Sami Ahmed,sami@example.org,\nBen Again,BEN.JONES@example.org,\n",
			[]string{"rows[4].email"}},
		{"a member already", header + "Lead," + e.fixture.A.Member.Email + ",\n", []string{"rows[2].email"}},
		{"a wrong column count", header + "Ben Jones,ben@example.org,auditor,extra\n", []string{"rows[2]"}},
		{"every kind at once", header + good + ",missing.name@example.org,\nSami,sami@,\n" +
			"Ola,ola@example.org,pilot\nBen Jones,ben.jones@example.org,\n",
			[]string{"rows[3].name", "rows[4].email", "rows[5].roles[0]", "rows[6].email"}},
		{"no e-mail column", "name,job_title\nBen,Manager\n", []string{"file"}},
		{"an empty file", "", []string{"file"}},
		{"a header only", header, []string{"file"}},
		{"a stray quotation mark", header + good + "\"Sami,sami@example.org,\n", []string{"rows[3]"}},
	}
	invitations, mail := e.countRows("invitations"), e.countRows("outbound_mail")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := e.do(req{method: "POST", path: e.tenantPath("/invitations/imports"), as: e.lead(),
				body: c.csv, header: csvType}).problem(t, http.StatusUnprocessableEntity)
			var got []string
			for _, f := range p.Errors {
				got = append(got, f.Field)
				if f.Message == "" {
					t.Errorf("field %s has no message", f.Field)
				}
				if strings.HasPrefix(f.Field, "rows[") && !strings.HasPrefix(f.Message, "line ") {
					t.Errorf("message %q does not name its line", f.Message)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(c.fields) {
				t.Fatalf("got errors on %v, want %v\n%+v", got, c.fields, p.Errors)
			}
		})
	}
	if e.countRows("invitations") != invitations || e.countRows("outbound_mail") != mail {
		t.Fatal("a refused import wrote invitations or mail")
	}

	t.Run("not text", func(t *testing.T) {
		e.do(req{method: "POST", path: e.tenantPath("/invitations/imports"), as: e.lead(),
			body: []byte("%PDF-1.7\x00\x01\x02"), header: csvType}).problem(t, http.StatusUnsupportedMediaType)
		e.do(req{method: "POST", path: e.tenantPath("/invitations/imports"), as: e.lead(),
			body: map[string]any{"name": "x"}}).problem(t, http.StatusUnsupportedMediaType)
	})
	t.Run("over a megabyte", func(t *testing.T) {
		big := header + strings.Repeat("Ben Jones,ben.jones@example.org,auditor\n", 30000)
		e.do(req{method: "POST", path: e.tenantPath("/invitations/imports"), as: e.lead(),
			body: big, header: csvType}).problem(t, http.StatusRequestEntityTooLarge)
	})
	t.Run("an unknown default role", func(t *testing.T) {
		p := e.do(req{method: "POST", path: e.tenantPath("/invitations/imports?default_role=pilot"), as: e.lead(),
			body: header + good, header: csvType}).problem(t, http.StatusUnprocessableEntity)
		if p.Errors[0].Field != "default_role" {
			t.Fatalf("got %+v, want an error on default_role", p.Errors)
		}
	})
}

func TestPasswordResetAnswersAlikeAndWorksOnce(t *testing.T) {
	e := newEnv(t)
	lead := e.fixture.A.Member
	b := e.signedIn(lead.ID, lead.Email)

	anon := e.browser()
	unknown := anon.do("POST", "/api/v1/auth/password-resets", map[string]any{"email": "nobody@example.org"})
	known := anon.do("POST", "/api/v1/auth/password-resets", map[string]any{"email": lead.Email})
	if unknown.status != http.StatusAccepted || known.status != http.StatusAccepted ||
		string(unknown.body) != string(known.body) {
		t.Fatalf("unknown %d %s vs known %d %s; want identical 202s",
			unknown.status, unknown.body, known.status, known.body)
	}
	if n := len(e.mailTo("nobody@example.org")); n != 0 {
		t.Fatalf("mail went to an unknown address")
	}
	sent := e.mailTo(lead.Email)
	if len(sent) != 1 {
		t.Fatalf("got %d reset mails, want 1", len(sent))
	}
	token := tokenIn(t, sent[0], "/password-reset")

	complete := func(token, password string) response {
		return anon.do("POST", "/api/v1/auth/password-resets/complete",
			map[string]any{"token": token, "password": password})
	}
	p := complete(token, "password1").problem(t, http.StatusUnprocessableEntity)
	if p.Errors[0].Field != "password" {
		t.Fatalf("got %+v, want the common password refused on password", p.Errors)
	}
	if r := complete(token, "a brand new passphrase"); r.status != http.StatusNoContent {
		t.Fatalf("complete: got %d %s", r.status, r.body)
	}
	if r := e.browser().login(lead.Email, "a brand new passphrase"); r.status != http.StatusOK {
		t.Fatalf("login with the new password: got %d %s", r.status, r.body)
	}
	e.browser().login(lead.Email, testPassword).problem(t, http.StatusUnauthorized)
	b.do("POST", "/api/v1/auth/refresh", nil).problem(t, http.StatusUnauthorized)

	for name, tok := range map[string]string{"used": token, "unknown": "sqp_nothing", "malformed": "x"} {
		p := complete(tok, "another new passphrase").problem(t, http.StatusUnprocessableEntity)
		if len(p.Errors) != 1 || p.Errors[0].Field != "token" {
			t.Fatalf("%s token: got %+v, want an error on token", name, p.Errors)
		}
	}

	anon.do("POST", "/api/v1/auth/password-resets", map[string]any{"email": lead.Email})
	late := tokenIn(t, e.mailTo(lead.Email)[1], "/password-reset")
	e.clock.Advance(identity.DefaultSettings.PasswordResetTTL + time.Minute)
	if p := complete(late, "another new passphrase").problem(t, 422); p.Errors[0].Field != "token" {
		t.Fatalf("expired token: got %+v", p.Errors)
	}
}

func TestPasswordResetsAreRateLimitedPerAddress(t *testing.T) {
	e := newEnv(t)
	b := e.browser()
	for i := range identity.DefaultSettings.ResetAddressLimit {
		r := b.do("POST", "/api/v1/auth/password-resets", map[string]any{"email": fmt.Sprintf("p%d@example.org", i)})
		if r.status != http.StatusAccepted {
			t.Fatalf("request %d: got %d", i, r.status)
		}
	}
	b.do("POST", "/api/v1/auth/password-resets", map[string]any{"email": "one.more@example.org"}).
		problem(t, http.StatusTooManyRequests)
}
