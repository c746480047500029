// Package invite lets people in by e-mail: invitations to join a local
// area with roles, and password resets. Both are single-use links whose
// secret is mailed to the person and stored only as a hash.
package invite

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/identity"
	"sendqa/domain/mail"
	"sendqa/domain/tenancy"
)

// Invitation asks a person to join a tenant with roles.
type Invitation struct {
	ID         uuid.UUID
	TenantID   uuid.UUID
	TenantSlug string // filled when found by token
	TenantName string // filled when found by token
	Email      string
	Name       string
	Roles      []domain.Role
	InvitedBy  uuid.UUID // zero when the system invited
	ExpiresAt  time.Time
	CreatedAt  time.Time
}

// PasswordReset lets a person choose a new password.
type PasswordReset struct {
	ID        uuid.UUID
	PersonID  uuid.UUID
	ExpiresAt time.Time
	UsedAt    time.Time // zero until used
}

// Store keeps invitations and password resets. Every method runs in the
// transaction carried by ctx.
type Store interface {
	CreateInvitation(ctx context.Context, inv Invitation, tokenHash []byte) error
	// ListOpenInvitations lists the current tenant's invitations that are
	// neither accepted nor revoked, expired ones included.
	ListOpenInvitations(ctx context.Context, p domain.Page) (domain.List[Invitation], error)
	// RevokeInvitation revokes one open invitation of the current tenant.
	RevokeInvitation(ctx context.Context, id uuid.UUID, at time.Time) (Invitation, error)
	// RevokeInvitationsTo revokes the current tenant's open invitations to
	// an address and returns their ids.
	RevokeInvitationsTo(ctx context.Context, email string, at time.Time) ([]uuid.UUID, error)
	// FindInvitationByToken finds an open invitation in any tenant by the
	// hash of its secret; it needs no tenant scope.
	FindInvitationByToken(ctx context.Context, tokenHash []byte) (Invitation, error)
	// MarkInvitationAccepted closes an open invitation of the current
	// tenant; domain.ErrNotFound when it is no longer open.
	MarkInvitationAccepted(ctx context.Context, id uuid.UUID, at time.Time) error

	CreatePasswordReset(ctx context.Context, r PasswordReset, tokenHash []byte) error
	// FindPasswordResetForUpdate locks the reset until the transaction ends.
	FindPasswordResetForUpdate(ctx context.Context, tokenHash []byte) (PasswordReset, error)
	// MarkPasswordResetsUsed closes every open reset of a person.
	MarkPasswordResetsUsed(ctx context.Context, personID uuid.UUID, at time.Time) error
}

// Service invites people and resets passwords. Every change is written to
// the audit trail, and every mail to the outbox, in the caller's
// transaction.
type Service struct {
	Store    Store
	Outbox   mail.Outbox
	Tenancy  tenancy.Service
	Identity identity.Service
	Trail    audit.Recorder
	// PublicURL is the address people reach the app at, without a
	// trailing slash; links in mail start with it.
	PublicURL string
}

func (s Service) now() time.Time {
	if s.Identity.Now != nil {
		return s.Identity.Now().UTC()
	}
	return time.Now().UTC()
}

func (s Service) link(path, token string) string {
	return strings.TrimSuffix(s.PublicURL, "/") + path + "?" + url.Values{"token": {token}}.Encode()
}

// Invitee is one person to invite. Line is where they appear in an
// imported file, or zero.
type Invitee struct {
	Line  int
	Email string
	Name  string
	Roles []domain.Role
	// shape says what is wrong with the row's columns, if anything.
	shape string
}

// InviteResult says what inviting did.
type InviteResult struct {
	Invitations []Invitation
	// Replaced counts earlier invitations that were still open and no
	// longer work: a new invitation to the same address replaces them.
	Replaced int
}

// CreateInvitation invites one person to the current tenant and mails
// them a link. Tenant administrators. A waiting invitation to the same
// address is replaced. Returns domain.ErrInvalid for bad fields and
// domain.ErrConflict when the person is already a member or operates the
// platform.
func (s Service) CreateInvitation(ctx context.Context, who Invitee) (Invitation, error) {
	var p domain.Problems
	s.checkInvitee(&p, "", who)
	if err := p.Err(); err != nil {
		return Invitation{}, err
	}
	if err := s.checkNotMember(ctx, who.Email); err != nil {
		return Invitation{}, err
	}
	res, err := s.invite(ctx, []Invitee{who})
	if err != nil {
		return Invitation{}, err
	}
	return res.Invitations[0], nil
}

// ImportInvitations invites everyone in a list, or nobody: every bad row
// is reported against "rows[<line>]" and nothing is written. With dryRun
// it only checks, and reports what it would do. Tenant administrators.
func (s Service) ImportInvitations(ctx context.Context, who []Invitee, dryRun bool) (InviteResult, error) {
	var p domain.Problems
	if len(who) == 0 {
		p.Add("file", "the file has no rows of people to invite")
	}
	seen := map[string]int{}
	for _, w := range who {
		prefix := domain.Path("rows", w.Line)
		before := p.Len()
		if w.shape != "" {
			p.Add(prefix, "line %d: %s", w.Line, w.shape)
		}
		s.checkInvitee(&p, prefix, w)
		if p.Len() > before {
			continue
		}
		key := strings.ToLower(w.Email)
		if line, dup := seen[key]; dup {
			p.Add(prefix+".email", "line %d: %s is also on line %d; list each person once", w.Line, w.Email, line)
			continue
		}
		seen[key] = w.Line
		err := s.checkNotMember(ctx, w.Email)
		var conflict *domain.Error
		if errors.As(err, &conflict) && conflict.Kind == domain.KindConflict {
			p.Add(prefix+".email", "line %d: %s", w.Line, conflict.Message)
			continue
		}
		if err != nil {
			return InviteResult{}, err
		}
	}
	if err := p.Err(); err != nil {
		return InviteResult{}, err
	}
	if dryRun {
		open, err := s.countOpen(ctx, who)
		return InviteResult{Replaced: open}, err
	}
	return s.invite(ctx, who)
}

// checkInvitee checks one invitee's fields, reporting them under prefix
// and, for a row of a file, naming its line.
func (s Service) checkInvitee(p *domain.Problems, prefix string, w Invitee) {
	var q domain.Problems
	tenancy.CheckName(&q, "name", w.Name)
	tenancy.CheckEmail(&q, "email", w.Email)
	if len(w.Email) > 254 {
		q.Add("email", "use an email address of 254 characters or fewer")
	}
	var roleErr *domain.Error
	if errors.As(tenancy.CheckRoles(w.Roles), &roleErr) {
		for _, f := range roleErr.Fields {
			q.Add(f.Field, "%s", f.Message)
		}
	}
	for _, f := range q.List() {
		field, message := f.Field, f.Message
		if prefix != "" {
			field = prefix + "." + field
			message = fmt.Sprintf("line %d: %s", w.Line, message)
		}
		p.Add(field, "%s", message)
	}
}

// checkNotMember refuses people who are already members of the current
// tenant, and the platform's operators, who belong to no tenant.
func (s Service) checkNotMember(ctx context.Context, email string) error {
	person, err := s.Tenancy.FindPersonByEmail(ctx, email)
	if domain.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("find person: %w", err)
	}
	if person.PlatformAdmin {
		return domain.Conflict("%s belongs to an operator of the platform, who cannot join a local area", email)
	}
	_, err = s.Tenancy.FindMember(ctx, person.ID)
	if err == nil {
		return domain.Conflict("%s is already a member of this local area; change their roles instead", email)
	}
	if !domain.IsNotFound(err) {
		return fmt.Errorf("find member: %w", err)
	}
	return nil
}

// countOpen counts the invitees who have an invitation waiting.
func (s Service) countOpen(ctx context.Context, who []Invitee) (int, error) {
	open := map[string]bool{}
	p := domain.Page{Limit: domain.MaxPageLimit}
	for {
		list, err := s.Store.ListOpenInvitations(ctx, p)
		if err != nil {
			return 0, fmt.Errorf("list invitations: %w", err)
		}
		for _, inv := range list.Items {
			open[strings.ToLower(inv.Email)] = true
		}
		if list.NextCursor == "" {
			break
		}
		p.Cursor = list.NextCursor
	}
	n := 0
	for _, w := range who {
		if open[strings.ToLower(w.Email)] {
			n++
		}
	}
	return n, nil
}

// invite writes checked invitations, their mail and their audit events.
func (s Service) invite(ctx context.Context, who []Invitee) (InviteResult, error) {
	tenantID := domain.ScopeFrom(ctx).TenantID
	tenant, inviter, err := s.names(ctx)
	if err != nil {
		return InviteResult{}, err
	}
	now := s.now()
	var res InviteResult
	for _, w := range who {
		replaced, err := s.Store.RevokeInvitationsTo(ctx, w.Email, now)
		if err != nil {
			return InviteResult{}, fmt.Errorf("replace invitations: %w", err)
		}
		for _, id := range replaced {
			err := s.Trail.Record(ctx, audit.ActionUpdate, "invitation", id,
				map[string]any{"state": "open"}, map[string]any{"state": "replaced"})
			if err != nil {
				return InviteResult{}, fmt.Errorf("record invitation replaced: %w", err)
			}
		}
		res.Replaced += len(replaced)

		inv := Invitation{ID: uuid.New(), TenantID: tenantID, Email: strings.TrimSpace(w.Email),
			Name: strings.TrimSpace(w.Name), Roles: w.Roles, InvitedBy: domain.ActorFrom(ctx).PersonID,
			ExpiresAt: now.Add(s.Identity.Settings.InvitationTTL), CreatedAt: now}
		token := identity.NewInvitationToken()
		if err := s.Store.CreateInvitation(ctx, inv, identity.HashSecret(token)); err != nil {
			return InviteResult{}, fmt.Errorf("create invitation: %w", err)
		}
		msg, err := mail.InvitationMessage(mail.Invitation{To: inv.Email, Name: inv.Name,
			InvitedBy: inviter, TenantName: tenant, Roles: inv.Roles,
			Link: s.link("/invitations/accept", token), ExpiresAt: inv.ExpiresAt})
		if err != nil {
			return InviteResult{}, fmt.Errorf("write invitation mail: %w", err)
		}
		if err := s.Outbox.Queue(ctx, msg); err != nil {
			return InviteResult{}, fmt.Errorf("queue invitation mail: %w", err)
		}
		err = s.Trail.Record(ctx, audit.ActionCreate, "invitation", inv.ID, nil, inv.fields())
		if err != nil {
			return InviteResult{}, fmt.Errorf("record invitation: %w", err)
		}
		res.Invitations = append(res.Invitations, inv)
	}
	return res, nil
}

// names returns the current tenant's name and the acting person's, for
// the mail.
func (s Service) names(ctx context.Context) (tenant, actor string, err error) {
	t, err := s.Tenancy.FindTenantByID(ctx, domain.ScopeFrom(ctx).TenantID)
	if err != nil {
		return "", "", fmt.Errorf("find tenant: %w", err)
	}
	if id := domain.ActorFrom(ctx).PersonID; id != uuid.Nil {
		p, err := s.Tenancy.FindPersonByID(ctx, id)
		if err != nil && !domain.IsNotFound(err) {
			return "", "", fmt.Errorf("find inviter: %w", err)
		}
		actor = p.Name
	}
	return t.Name, actor, nil
}

// ListOpenInvitations returns a page of the current tenant's invitations
// that are waiting to be accepted, expired ones included. Tenant
// administrators and QA leads.
func (s Service) ListOpenInvitations(ctx context.Context, p domain.Page) (domain.List[Invitation], error) {
	return s.Store.ListOpenInvitations(ctx, p.Normalised())
}

// RevokeInvitation stops an invitation's link from working. Tenant
// administrators; returns domain.ErrNotFound when the invitation is not
// the tenant's or is no longer open.
func (s Service) RevokeInvitation(ctx context.Context, id uuid.UUID) error {
	inv, err := s.Store.RevokeInvitation(ctx, id, s.now())
	if err != nil {
		return fmt.Errorf("revoke invitation: %w", err)
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "invitation", inv.ID,
		map[string]any{"state": "open"}, map[string]any{"state": "revoked"})
	if err != nil {
		return fmt.Errorf("record invitation revoked: %w", err)
	}
	return nil
}

// fields is the invitation as the audit trail records it: a member of
// staff's work address and roles, nothing about a child.
func (inv Invitation) fields() map[string]any {
	roles := make([]string, len(inv.Roles))
	for i, r := range inv.Roles {
		roles[i] = string(r)
	}
	return map[string]any{"email": inv.Email, "name": inv.Name, "roles": roles,
		"expires_at": inv.ExpiresAt.Format(time.RFC3339), "state": "open"}
}

// ErrInvitationNotFound is the one answer for a token that is unknown,
// used, revoked or expired, so that nobody learns which it was.
var ErrInvitationNotFound = &domain.Error{Kind: domain.KindNotFound,
	Message: "this invitation link has expired, has been used or was withdrawn; " +
		"ask the person who invited you to send a new one"}

// Welcome is what the person opening an invitation link sees before
// accepting it.
type Welcome struct {
	Invitation Invitation
	// HasPassword says the person already signs in to sendqa, so accepting
	// needs their current password rather than a new one.
	HasPassword bool
}

// FindInvitationByToken returns the open invitation a link's secret
// belongs to. Anyone holding the secret; needs no scope. Returns
// ErrInvitationNotFound.
func (s Service) FindInvitationByToken(ctx context.Context, token string) (Welcome, error) {
	if !identity.IsInvitationToken(token) {
		return Welcome{}, ErrInvitationNotFound
	}
	inv, err := s.Store.FindInvitationByToken(ctx, identity.HashSecret(token))
	if domain.IsNotFound(err) {
		return Welcome{}, ErrInvitationNotFound
	}
	if err != nil {
		return Welcome{}, fmt.Errorf("find invitation: %w", err)
	}
	if !s.now().Before(inv.ExpiresAt) {
		return Welcome{}, ErrInvitationNotFound
	}
	_, err = s.Identity.Store.FindCredentialsByEmail(ctx, inv.Email)
	if err != nil && !domain.IsNotFound(err) {
		return Welcome{}, fmt.Errorf("find credentials: %w", err)
	}
	return Welcome{Invitation: inv, HasPassword: err == nil}, nil
}

// Acceptance is what a person sends to accept an invitation.
type Acceptance struct {
	Token string
	// Password is a new password for someone new to sendqa, or the current
	// one of someone who already signs in.
	Password string
	// Name replaces the name the inviter gave, for someone new.
	Name string
}

// AcceptInvitation makes the invitee a member of the invitation's tenant
// with its roles, creating their account if they are new, and returns
// their id. Anyone holding the secret; ctx must be scoped to the tenant of
// the invitation, as FindInvitationByToken found it. Returns
// ErrInvitationNotFound, domain.ErrInvalid on "password" or "name", and
// domain.ErrConflict for an operator of the platform.
//
// Limitation: a wrong current password here does not count towards the
// account's lockout; the secret of the link is needed to try at all.
func (s Service) AcceptInvitation(ctx context.Context, a Acceptance) (uuid.UUID, error) {
	w, err := s.FindInvitationByToken(ctx, a.Token)
	if err != nil {
		return uuid.Nil, err
	}
	inv := w.Invitation
	if inv.TenantID != domain.ScopeFrom(ctx).TenantID {
		return uuid.Nil, fmt.Errorf("accept invitation: scoped to another tenant")
	}
	personID, err := s.admit(ctx, inv, a)
	if err != nil {
		return uuid.Nil, err
	}
	actor := domain.ActorFrom(ctx)
	ctx = domain.WithActor(ctx, domain.Actor{PersonID: personID, RequestID: actor.RequestID})

	roles := inv.Roles
	if m, err := s.Tenancy.FindMember(ctx, personID); err == nil {
		roles = union(m.Roles, inv.Roles)
	} else if !domain.IsNotFound(err) {
		return uuid.Nil, fmt.Errorf("find member: %w", err)
	}
	if _, err := s.Tenancy.SetRoles(ctx, personID, roles); err != nil {
		return uuid.Nil, fmt.Errorf("set roles: %w", err)
	}
	if err := s.Store.MarkInvitationAccepted(ctx, inv.ID, s.now()); err != nil {
		if domain.IsNotFound(err) {
			return uuid.Nil, ErrInvitationNotFound
		}
		return uuid.Nil, fmt.Errorf("mark invitation accepted: %w", err)
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "invitation", inv.ID,
		map[string]any{"state": "open"}, map[string]any{"state": "accepted", "person_id": personID.String()})
	if err != nil {
		return uuid.Nil, fmt.Errorf("record invitation accepted: %w", err)
	}
	return personID, nil
}

// admit finds or creates the invitee's account and checks they may use
// it: a new person sets a password, someone who has one proves it.
func (s Service) admit(ctx context.Context, inv Invitation, a Acceptance) (uuid.UUID, error) {
	person, err := s.Tenancy.FindPersonByEmail(ctx, inv.Email)
	if domain.IsNotFound(err) {
		name := strings.TrimSpace(a.Name)
		if name == "" {
			name = inv.Name
		}
		var p domain.Problems
		tenancy.CheckName(&p, "name", name)
		identity.CheckPassword(&p, "password", a.Password, inv.Email)
		if err := p.Err(); err != nil {
			return uuid.Nil, err
		}
		person, err = s.Tenancy.CreatePerson(ctx, tenancy.Person{Email: inv.Email, Name: name})
		if err != nil {
			return uuid.Nil, err
		}
		return person.ID, s.Identity.SetPassword(ctx, person.ID, inv.Email, a.Password, "password")
	}
	if err != nil {
		return uuid.Nil, fmt.Errorf("find person: %w", err)
	}
	if person.PlatformAdmin {
		return uuid.Nil, domain.Conflict("operators of the platform cannot join a local area")
	}
	cred, err := s.Identity.Store.FindCredentialsByPerson(ctx, person.ID)
	if domain.IsNotFound(err) {
		// Known, perhaps from another area's records, but never signed in.
		return person.ID, s.Identity.SetPassword(ctx, person.ID, inv.Email, a.Password, "password")
	}
	if err != nil {
		return uuid.Nil, fmt.Errorf("find credentials: %w", err)
	}
	ok, err := identity.VerifyPassword(cred.PasswordHash, a.Password)
	if err != nil {
		return uuid.Nil, fmt.Errorf("verify password: %w", err)
	}
	if !ok || (!cred.LockedUntil.IsZero() && s.now().Before(cred.LockedUntil)) {
		return uuid.Nil, domain.InvalidField("password",
			"enter the password you already use to sign in to sendqa")
	}
	return person.ID, nil
}

func union(a, b []domain.Role) []domain.Role {
	out := slices.Clone(a)
	for _, r := range b {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
