package mail

import (
	"bytes"
	"embed"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"

	"sendqa/domain"
)

//go:embed templates
var templateFiles embed.FS

var (
	textTemplates = texttemplate.Must(texttemplate.New("").Funcs(texttemplate.FuncMap{
		"date": longDate,
	}).ParseFS(templateFiles, "templates/*.txt"))
	htmlTemplates = htmltemplate.Must(htmltemplate.New("").Funcs(htmltemplate.FuncMap{
		"date": longDate,
	}).ParseFS(templateFiles, "templates/*.html"))
)

// Invitation is what an invitation to join a local area says.
type Invitation struct {
	To         string
	Name       string
	InvitedBy  string // empty when the system sent it
	TenantName string
	Roles      []domain.Role
	Link       string
	ExpiresAt  time.Time
}

// InvitationMessage writes the invitation e-mail.
func InvitationMessage(inv Invitation) (Message, error) {
	data := struct {
		Invitation
		RoleList string
	}{inv, roleList(inv.Roles)}
	return render(inv.To, "You are invited to join "+inv.TenantName+" on sendqa", "invitation", data)
}

// PasswordReset is what a password reset e-mail says.
type PasswordReset struct {
	To       string
	Name     string
	Link     string
	ValidFor time.Duration
}

// PasswordResetMessage writes the password reset e-mail.
func PasswordResetMessage(r PasswordReset) (Message, error) {
	data := struct {
		PasswordReset
		Minutes int
	}{r, int(r.ValidFor.Minutes())}
	return render(r.To, "Reset your sendqa password", "password_reset", data)
}

func render(to, subject, name string, data any) (Message, error) {
	var text, html bytes.Buffer
	if err := textTemplates.ExecuteTemplate(&text, name+".txt", data); err != nil {
		return Message{}, err
	}
	if err := htmlTemplates.ExecuteTemplate(&html, name+".html", data); err != nil {
		return Message{}, err
	}
	return Message{To: to, Subject: subject, Text: text.String(), HTML: html.String()}, nil
}

// roleNames are the roles as people call them.
var roleNames = map[domain.Role]string{
	domain.RoleTenantAdmin:          "administrator",
	domain.RoleQALead:               "quality assurance lead",
	domain.RoleAuditor:              "auditor",
	domain.RoleServiceManager:       "service manager",
	domain.RoleProvider:             "provider",
	domain.RoleYoungPerson:          "young person",
	domain.RoleParticipationOfficer: "participation officer",
	domain.RoleViewer:               "viewer",
}

// roleList joins role names as a sentence would: "auditor and viewer".
func roleList(roles []domain.Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = roleNames[r]
		if names[i] == "" {
			names[i] = string(r)
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// longDate writes a date as people in England do: 4 March 2027.
func longDate(t time.Time) string { return t.UTC().Format("2 January 2006") }

// Notice is a reminder or notice about an audit, as e-mailed.
type Notice struct {
	To         string
	Name       string
	TenantName string
	Title      string
	Body       string
	Link       string
}

// NoticeMessage writes a notice's e-mail.
func NoticeMessage(n Notice) (Message, error) {
	return render(n.To, n.Title, "notice", n)
}
