package apaudit

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
	"sendqa/domain/invite"
	"sendqa/domain/response"
	"sendqa/domain/tenancy"
)

// Store keeps providers, their links to councils, audits, standards,
// challenges and shares. Every method runs in the transaction carried by
// ctx; methods named Own read across councils under the provider policy,
// methods named Shared under the region's shares, all others in the
// current tenant.
type Store interface {
	FindProviderOfPerson(ctx context.Context, personID uuid.UUID) (Provider, error)
	CreateProvider(ctx context.Context, p Provider) (Provider, error)
	AddProviderPerson(ctx context.Context, providerID, personID uuid.UUID) error
	ListProviderPeople(ctx context.Context, providerID uuid.UUID) ([]uuid.UUID, error)

	// SaveLink adds the provider to the register or makes an ended link
	// active again.
	SaveLink(ctx context.Context, l Link) (Link, error)
	FindLink(ctx context.Context, providerID uuid.UUID) (Link, error)
	UpdateLink(ctx context.Context, l Link, version int) (Link, error)
	ListRegister(ctx context.Context, p domain.Page) (domain.List[Link], error)

	CreateAudit(ctx context.Context, a Audit) (Audit, error)
	// FindAudit returns an audit of the current tenant with its standards,
	// challenges and shares, locked until the transaction ends when lock
	// is set.
	FindAudit(ctx context.Context, id uuid.UUID, lock bool) (Audit, error)
	ListAudits(ctx context.Context, f AuditFilter, p domain.Page) (domain.List[Audit], error)
	UpdateAudit(ctx context.Context, a Audit, version int) (Audit, error)
	UpdateStandard(ctx context.Context, auditID uuid.UUID, s Standard,
		by uuid.UUID) (Standard, error)
	CreateChallenge(ctx context.Context, c Challenge) (Challenge, error)
	UpdateChallenge(ctx context.Context, c Challenge, version int) (Challenge, error)
	CreateShare(ctx context.Context, s Share) (Share, error)
	WithdrawShare(ctx context.Context, id, by uuid.UUID, at time.Time) (Share, error)

	// FindOwnAudit and ListOwnAudits read a provider's audits in every
	// council that still works with it.
	FindOwnAudit(ctx context.Context, providerID, id uuid.UUID) (Audit, error)
	ListOwnAudits(ctx context.Context, providerID uuid.UUID,
		p domain.Page) (domain.List[Audit], error)

	// ListSharedResults and FindSharedResult read other councils' decided
	// audits shared with the current tenant's region.
	ListSharedResults(ctx context.Context, f AuditFilter, p domain.Page) (domain.List[Audit], error)
	FindSharedResult(ctx context.Context, id uuid.UUID) (Audit, error)
}

// Files keeps evidence files: the response service's checked, scanned
// uploads under generated keys.
type Files interface {
	KeepEvidence(ctx context.Context, e response.Evidence, declared string,
		body io.Reader) (response.Evidence, error)
	OpenKeptEvidence(ctx context.Context,
		e response.Evidence) (response.Evidence, io.ReadCloser, error)
	FindEvidence(ctx context.Context, id uuid.UUID) (response.Evidence, error)
	ListAuditEvidence(ctx context.Context, auditID uuid.UUID) ([]response.Evidence, error)
}

// Instruments finds the instrument an audit uses.
type Instruments interface {
	FindInstrument(ctx context.Context, ref string) (catalogue.Instrument, error)
	FindVersion(ctx context.Context, ref string, number int) (catalogue.Version, error)
}

// People finds and admits the people of a provider: the tenancy and
// invitation services.
type People interface {
	FindPersonByEmail(ctx context.Context, email string) (tenancy.Person, error)
	CreatePerson(ctx context.Context, p tenancy.Person) (tenancy.Person, error)
	FindMember(ctx context.Context, personID uuid.UUID) (tenancy.Member, error)
	SetRoles(ctx context.Context, personID uuid.UUID,
		roles []domain.Role) (tenancy.Membership, error)
	RemoveMember(ctx context.Context, personID uuid.UUID, version int) error
	CreateInvitation(ctx context.Context, who invite.Invitee) (invite.Invitation, error)
}

// Notifier tells one person something, in the app and by e-mail if they
// want it, in the caller's transaction and once per dedupe key.
type Notifier interface {
	Notify(ctx context.Context, r response.Reminder) error
}

// AuditFilter narrows a list of audits.
type AuditFilter struct {
	ProviderID *uuid.UUID
	State      *State
}

// Service runs AP quality assurance, writing every change to the trail in
// the same transaction.
type Service struct {
	Store       Store
	Files       Files
	Instruments Instruments
	People      People
	// Notices, when set, tells the provider's people and the officer of
	// each step the other side takes.
	Notices Notifier
	Trail   audit.Recorder
	Now     func() time.Time
}

// NoticeKind is the kind of every AP notice.
const NoticeKind = response.NoticeKind("ap_audit")

// tellProvider tells the provider's people who belong to the council.
func (s Service) tellProvider(ctx context.Context, a Audit, title, body string) error {
	if s.Notices == nil {
		return nil
	}
	people, err := s.Store.ListProviderPeople(ctx, a.ProviderID)
	if err != nil {
		return fmt.Errorf("list provider people: %w", err)
	}
	for _, id := range people {
		if _, err := s.People.FindMember(ctx, id); domain.IsNotFound(err) {
			continue
		} else if err != nil {
			return fmt.Errorf("find member: %w", err)
		}
		err := s.Notices.Notify(ctx, response.Reminder{PersonID: id, Kind: NoticeKind, Title: title,
			Body: body, Link: "/provider/audits/" + a.ID.String(), OutsideArea: true,
			DedupeKey: fmt.Sprintf("ap:%s:%s:%d", a.ID, id, a.Version)})
		if err != nil {
			return fmt.Errorf("notify provider: %w", err)
		}
	}
	return nil
}

// tellOfficer tells the officer who opened the audit.
func (s Service) tellOfficer(ctx context.Context, a Audit, title, body string) error {
	if s.Notices == nil || a.OpenedBy == uuid.Nil {
		return nil
	}
	err := s.Notices.Notify(ctx, response.Reminder{PersonID: a.OpenedBy, Kind: NoticeKind,
		Title: title, Body: body, Link: "/provider-audits/" + a.ID.String(),
		DedupeKey: fmt.Sprintf("ap:%s:%s:%d", a.ID, a.OpenedBy, a.Version)})
	if err != nil {
		return fmt.Errorf("notify officer: %w", err)
	}
	return nil
}

func (s Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

func (s Service) today() time.Time { return dateOf(s.now()) }

// Invitation names a provider and the person a council invites for it.
type Invitation struct {
	Name         string
	ContactEmail string
	ContactName  string
}

// InviteProvider puts a provider on the current council's register and
// invites its contact by e-mail with the provider role. When the address
// already belongs to a provider's person, that provider is the one linked
// (one provider, one set of people, however many councils), and its people
// who already belong to the council are given the role at once. QA leads
// and administrators. Returns domain.ErrInvalid and domain.ErrConflict
// when the provider is already on the register.
func (s Service) InviteProvider(ctx context.Context, inv Invitation) (Link, error) {
	var p domain.Problems
	checkText(&p, "name", inv.Name, 1, 200, "enter the provider's name")
	checkText(&p, "contact_name", inv.ContactName, 1, 200, "enter the name of the provider's contact")
	email := strings.TrimSpace(inv.ContactEmail)
	if !strings.Contains(email, "@") || len(email) > 254 {
		p.Add("contact_email", "enter the contact's e-mail address, like name@example.org")
	}
	if err := p.Err(); err != nil {
		return Link{}, err
	}

	person, err := s.People.FindPersonByEmail(ctx, email)
	switch {
	case domain.IsNotFound(err):
		person, err = s.People.CreatePerson(ctx, tenancy.Person{Email: email,
			Name: strings.TrimSpace(inv.ContactName)})
		if err != nil {
			return Link{}, fmt.Errorf("create contact: %w", err)
		}
	case err != nil:
		return Link{}, fmt.Errorf("find contact: %w", err)
	case person.PlatformAdmin:
		return Link{}, domain.InvalidField("contact_email",
			"operators of the platform cannot speak for a provider")
	}
	provider, err := s.Store.FindProviderOfPerson(ctx, person.ID)
	if domain.IsNotFound(err) {
		provider, err = s.Store.CreateProvider(ctx,
			Provider{ID: uuid.New(), Name: strings.TrimSpace(inv.Name)})
		if err == nil {
			err = s.Store.AddProviderPerson(ctx, provider.ID, person.ID)
		}
	}
	if err != nil {
		return Link{}, fmt.Errorf("find or create provider: %w", err)
	}

	if l, err := s.Store.FindLink(ctx, provider.ID); err == nil && l.State == LinkActive {
		return Link{}, domain.Conflict("%s is already on your register", l.ProviderName)
	} else if err != nil && !domain.IsNotFound(err) {
		return Link{}, fmt.Errorf("find link: %w", err)
	}
	link, err := s.Store.SaveLink(ctx, Link{ProviderID: provider.ID, State: LinkActive,
		ContactEmail: email, AccessUntil: s.today().Add(AccessPeriod),
		InvitedBy: domain.ActorFrom(ctx).PersonID})
	if err != nil {
		return Link{}, fmt.Errorf("save link: %w", err)
	}
	if err := s.admitPeople(ctx, provider.ID, person.ID, email, inv.ContactName); err != nil {
		return Link{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionCreate, "provider_link", provider.ID, nil,
		map[string]any{"provider_id": provider.ID.String(), "state": string(LinkActive)})
	if err != nil {
		return Link{}, fmt.Errorf("record provider link: %w", err)
	}
	return link, nil
}

// AddSharedProvider puts the provider of a result that another council of
// the region shares on the current council's register, so that it can
// rely on that result or open an audit of its own; the provider's people
// get the provider role here at once. QA leads and administrators.
// Returns domain.ErrNotFound when no share in force reaches the council,
// and domain.ErrConflict when the provider is on the register already.
func (s Service) AddSharedProvider(ctx context.Context, auditID uuid.UUID) (Link, error) {
	a, err := s.Store.FindSharedResult(ctx, auditID)
	if err != nil {
		return Link{}, err
	}
	if l, err := s.Store.FindLink(ctx, a.ProviderID); err == nil && l.State == LinkActive {
		return Link{}, domain.Conflict("%s is already on your register", l.ProviderName)
	} else if err != nil && !domain.IsNotFound(err) {
		return Link{}, fmt.Errorf("find link: %w", err)
	}
	link, err := s.Store.SaveLink(ctx, Link{ProviderID: a.ProviderID, State: LinkActive,
		AccessUntil: s.today().Add(AccessPeriod), InvitedBy: domain.ActorFrom(ctx).PersonID})
	if err != nil {
		return Link{}, fmt.Errorf("save link: %w", err)
	}
	if err := s.admitPeople(ctx, a.ProviderID, uuid.Nil, "", ""); err != nil {
		return Link{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionCreate, "provider_link", a.ProviderID, nil,
		map[string]any{"provider_id": a.ProviderID.String(), "state": string(LinkActive),
			"from_shared_audit": a.ID.String()})
	if err != nil {
		return Link{}, fmt.Errorf("record provider link: %w", err)
	}
	return link, nil
}

// admitPeople gives the provider's people the provider role in the
// current council: members already get it at once, the invited contact
// gets an invitation by e-mail unless they are a member already.
func (s Service) admitPeople(
	ctx context.Context,
	providerID, contactID uuid.UUID,
	email, name string,
) error {
	people, err := s.Store.ListProviderPeople(ctx, providerID)
	if err != nil {
		return fmt.Errorf("list provider people: %w", err)
	}
	for _, id := range people {
		m, err := s.People.FindMember(ctx, id)
		switch {
		case err == nil:
			if !slices.Contains(m.Roles, domain.RoleProvider) {
				roles := append(slices.Clone(m.Roles), domain.RoleProvider)
				if _, err := s.People.SetRoles(ctx, id, roles); err != nil {
					return fmt.Errorf("give provider role: %w", err)
				}
			}
		case !domain.IsNotFound(err):
			return fmt.Errorf("find member: %w", err)
		case id == contactID:
			_, err := s.People.CreateInvitation(ctx, invite.Invitee{Email: email,
				Name: strings.TrimSpace(name), Roles: []domain.Role{domain.RoleProvider}})
			if err != nil {
				return fmt.Errorf("invite contact: %w", err)
			}
		default:
			if _, err := s.People.SetRoles(ctx, id, []domain.Role{domain.RoleProvider}); err != nil {
				return fmt.Errorf("give provider role: %w", err)
			}
		}
	}
	return nil
}

// ListRegister returns a page of the council's providers with their
// current rating, review date, evidence outstanding and open challenges.
// Anyone who reads providers.
func (s Service) ListRegister(ctx context.Context, p domain.Page) (domain.List[Link], error) {
	return s.Store.ListRegister(ctx, p.Normalised())
}

// FindLink returns one provider of the register. Returns
// domain.ErrNotFound.
func (s Service) FindLink(ctx context.Context, providerID uuid.UUID) (Link, error) {
	return s.Store.FindLink(ctx, providerID)
}

// EndAccess ends the council's work with a provider at version: its
// people lose the provider role here, and the provider's audits here are
// hidden from them. Other councils' access is untouched. QA leads and
// administrators. Returns domain.ErrNotFound, domain.ErrStale and
// domain.ErrConflict when it has ended already.
func (s Service) EndAccess(ctx context.Context, providerID uuid.UUID, version int) (Link, error) {
	l, err := s.Store.FindLink(ctx, providerID)
	if err != nil {
		return Link{}, err
	}
	if l.Version != version {
		return Link{}, domain.Stale("the provider")
	}
	if l.State == LinkEnded {
		return Link{}, domain.Conflict("access has ended already")
	}
	now := s.now()
	l.State, l.EndedAt = LinkEnded, &now
	saved, err := s.Store.UpdateLink(ctx, l, version)
	if err != nil {
		return Link{}, fmt.Errorf("end link: %w", err)
	}
	people, err := s.Store.ListProviderPeople(ctx, providerID)
	if err != nil {
		return Link{}, fmt.Errorf("list provider people: %w", err)
	}
	for _, id := range people {
		if err := s.dropProviderRole(ctx, id); err != nil {
			return Link{}, err
		}
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "provider_link", providerID,
		map[string]any{"state": string(LinkActive)}, map[string]any{"state": string(LinkEnded)})
	if err != nil {
		return Link{}, fmt.Errorf("record access ended: %w", err)
	}
	return saved, nil
}

func (s Service) dropProviderRole(ctx context.Context, personID uuid.UUID) error {
	m, err := s.People.FindMember(ctx, personID)
	if domain.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("find member: %w", err)
	}
	rest := slices.DeleteFunc(slices.Clone(m.Roles),
		func(r domain.Role) bool { return r == domain.RoleProvider })
	switch {
	case len(rest) == len(m.Roles):
		return nil
	case len(rest) == 0:
		err = s.People.RemoveMember(ctx, personID, m.Version)
	default:
		_, err = s.People.SetRoles(ctx, personID, rest)
	}
	if err != nil {
		return fmt.Errorf("take provider role: %w", err)
	}
	return nil
}

// NewAudit opens an audit of a provider on the register.
type NewAudit struct {
	ProviderID uuid.UUID
	// Instrument is the key or id of the instrument; the built-in AP
	// quality standards when empty. Its current published version is used.
	Instrument    string
	EvidenceDueOn time.Time
}

// DefaultInstrument is the built-in AP quality standards instrument.
const DefaultInstrument = "ap_quality_standards"

// OpenAudit opens an audit and asks the provider for evidence by a date;
// it renews the provider's access for AccessPeriod. QA leads and
// administrators. Returns domain.ErrInvalid (an unknown provider or an
// instrument without standards among them) and domain.ErrConflict when
// the provider already has an audit in progress here.
func (s Service) OpenAudit(ctx context.Context, n NewAudit) (Audit, error) {
	var p domain.Problems
	if n.EvidenceDueOn.IsZero() || !n.EvidenceDueOn.After(s.today()) {
		p.Add("evidence_due_on", "enter a date after today for the evidence")
	}
	if n.ProviderID == uuid.Nil {
		p.Add("provider_id", "choose a provider on your register")
	}
	if err := p.Err(); err != nil {
		return Audit{}, err
	}
	link, err := s.Store.FindLink(ctx, n.ProviderID)
	if domain.IsNotFound(err) || (err == nil && link.State != LinkActive) {
		return Audit{}, domain.InvalidField("provider_id", "choose a provider on your register")
	}
	if err != nil {
		return Audit{}, fmt.Errorf("find link: %w", err)
	}
	if link.OpenAudits > 0 {
		return Audit{}, domain.Conflict("%s already has an audit in progress", link.ProviderName)
	}
	ref := n.Instrument
	if ref == "" {
		ref = DefaultInstrument
	}
	in, err := s.Instruments.FindInstrument(ctx, ref)
	if domain.IsNotFound(err) {
		return Audit{}, domain.InvalidField("instrument", "choose an instrument the area can use")
	}
	if err != nil {
		return Audit{}, fmt.Errorf("find instrument: %w", err)
	}
	v, err := s.Instruments.FindVersion(ctx, ref, in.CurrentVersion)
	if err != nil {
		return Audit{}, fmt.Errorf("find instrument version: %w", err)
	}
	if v.State != instrument.StatePublished {
		return Audit{}, domain.InvalidField("instrument", "choose an instrument with a published version")
	}
	standards := standardsOf(v.Definition)
	if v.Definition.Subject != instrument.SubjectProvider || len(standards) == 0 {
		return Audit{}, domain.InvalidField("instrument",
			"choose an instrument for providers with Red, Amber, Green standards")
	}

	a := Audit{ID: uuid.New(), ProviderID: n.ProviderID, InstrumentKey: v.Key,
		InstrumentVersion: v.Number, Definition: v.Definition, State: Requested, EvidenceDueOn: dateOf(n.EvidenceDueOn),
		OpenedBy: domain.ActorFrom(ctx).PersonID, Standards: standards}
	created, err := s.Store.CreateAudit(ctx, a)
	if err != nil {
		return Audit{}, fmt.Errorf("create audit: %w", err)
	}
	link.AccessUntil = s.today().Add(AccessPeriod)
	if _, err := s.Store.UpdateLink(ctx, link, link.Version); err != nil {
		return Audit{}, fmt.Errorf("renew access: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "provider_audit", created.ID, nil,
		created.fields()); err != nil {
		return Audit{}, fmt.Errorf("record audit: %w", err)
	}
	err = s.tellProvider(ctx, created, created.TenantName+" asks for evidence",
		fmt.Sprintf("%s asks for a statement and evidence on each quality standard by %s.",
			created.TenantName, created.EvidenceDueOn.Format("2 January 2006")))
	if err != nil {
		return Audit{}, err
	}
	return created, nil
}

// ListAudits returns a page of the council's audits, newest first.
// Anyone who reads provider audits.
func (s Service) ListAudits(
	ctx context.Context,
	f AuditFilter,
	p domain.Page,
) (domain.List[Audit], error) {
	return s.Store.ListAudits(ctx, f, p.Normalised())
}

// FindAudit returns one of the council's audits with its standards,
// evidence, challenges and shares. Returns domain.ErrNotFound.
func (s Service) FindAudit(ctx context.Context, id uuid.UUID) (Audit, error) {
	a, err := s.Store.FindAudit(ctx, id, false)
	if err != nil {
		return Audit{}, err
	}
	return s.withEvidence(ctx, a)
}

func (s Service) withEvidence(ctx context.Context, a Audit) (Audit, error) {
	files, err := s.Files.ListAuditEvidence(ctx, a.ID)
	if err != nil {
		return Audit{}, fmt.Errorf("list evidence: %w", err)
	}
	for i := range a.Standards {
		a.Standards[i].Evidence = []response.Evidence{}
	}
	for _, f := range files {
		if i, ok := a.standard(f.ItemID); ok {
			a.Standards[i].Evidence = append(a.Standards[i].Evidence, f)
		}
	}
	return a, nil
}

// load locks an audit of the current tenant and checks its version.
func (s Service) load(ctx context.Context, id uuid.UUID, version int) (Audit, error) {
	a, err := s.Store.FindAudit(ctx, id, true)
	if err != nil {
		return Audit{}, err
	}
	if version != 0 && a.Version != version {
		return Audit{}, domain.Stale("the audit")
	}
	return a, nil
}

// save writes an audit's own fields, records the change and returns the
// audit as read again.
func (s Service) save(ctx context.Context, before, after Audit, version int) (Audit, error) {
	if _, err := s.Store.UpdateAudit(ctx, after, version); err != nil {
		return Audit{}, fmt.Errorf("update audit: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "provider_audit", after.ID, before.fields(),
		after.fields()); err != nil {
		return Audit{}, fmt.Errorf("record audit change: %w", err)
	}
	return s.FindAudit(ctx, after.ID)
}

// touch bumps an audit's version after a change to one of its standards
// or challenges, so that a page holding the audit's ETag learns of it.
func (s Service) touch(ctx context.Context, a Audit) error {
	if _, err := s.Store.UpdateAudit(ctx, a, a.Version); err != nil {
		return fmt.Errorf("update audit: %w", err)
	}
	return nil
}

// GrantExtension moves the evidence date of an audit at version, to the
// date the provider asked for when until is zero. QA leads and
// administrators. Returns domain.ErrNotFound, domain.ErrStale,
// domain.ErrInvalid and domain.ErrConflict once evidence is in.
func (s Service) GrantExtension(
	ctx context.Context,
	id uuid.UUID,
	version int,
	until time.Time,
) (Audit, error) {
	a, err := s.load(ctx, id, version)
	if err != nil {
		return Audit{}, err
	}
	if a.State != Requested && a.State != MoreEvidence {
		return Audit{}, domain.Conflict("the provider is not gathering evidence now")
	}
	if until.IsZero() && a.ExtensionUntil != nil {
		until = *a.ExtensionUntil
	}
	if until.IsZero() || !until.After(a.EvidenceDueOn) {
		return Audit{}, domain.InvalidField("evidence_due_on", "enter a date after the current one")
	}
	after := a
	after.EvidenceDueOn, after.ExtensionUntil, after.ExtensionReason = dateOf(until), nil, ""
	return s.save(ctx, a, after, version)
}

// VisitNotes are the officer's notes of a site visit.
type VisitNotes struct {
	VisitOn *time.Time
	Notes   string
}

// RecordVisit keeps the site visit's date and notes on an audit at
// version. QA leads and administrators. Returns domain.ErrNotFound,
// domain.ErrStale and domain.ErrInvalid.
func (s Service) RecordVisit(
	ctx context.Context,
	id uuid.UUID,
	version int,
	v VisitNotes,
) (Audit, error) {
	a, err := s.load(ctx, id, version)
	if err != nil {
		return Audit{}, err
	}
	var p domain.Problems
	checkText(&p, "visit_notes", v.Notes, 0, 10000, "")
	if v.VisitOn != nil && v.VisitOn.After(s.today()) {
		p.Add("visit_on", "the visit date must be today or earlier")
	}
	if err := p.Err(); err != nil {
		return Audit{}, err
	}
	after := a
	after.VisitOn, after.VisitNotes = v.VisitOn, strings.TrimSpace(v.Notes)
	return s.save(ctx, a, after, version)
}

// Rating is an officer's rating of one standard.
type Rating struct {
	Rating   string
	Feedback string
}

// RateStandard rates one submitted standard at the standard's version.
// QA leads and administrators. Returns domain.ErrNotFound,
// domain.ErrStale, domain.ErrInvalid and domain.ErrConflict for a
// standard the provider has not submitted or a decided audit.
func (s Service) RateStandard(ctx context.Context, id uuid.UUID, key string, version int,
	r Rating) (Standard, error) {
	a, err := s.load(ctx, id, 0)
	if err != nil {
		return Standard{}, err
	}
	i, ok := a.standard(key)
	if !ok {
		return Standard{}, domain.NotFound("standard")
	}
	st := a.Standards[i]
	if st.Version != version {
		return Standard{}, domain.Stale("the standard")
	}
	var p domain.Problems
	if !slices.Contains(Ratings, r.Rating) {
		p.Add("rating", "choose red, amber or green")
	}
	checkText(&p, "feedback", r.Feedback, 1, 4000, "give the provider feedback on this standard")
	if err := p.Err(); err != nil {
		return Standard{}, err
	}
	if a.State == Decided {
		return Standard{}, domain.Conflict("the audit is decided; answer a challenge to change a rating")
	}
	if st.State != StandardSubmitted && st.State != StandardRated {
		return Standard{}, domain.Conflict("the provider has not submitted this standard yet")
	}
	before := st
	st.State, st.Rating, st.Feedback = StandardRated, r.Rating, strings.TrimSpace(r.Feedback)
	return s.saveStandard(ctx, a, before, st)
}

func (s Service) saveStandard(ctx context.Context, a Audit, before, st Standard) (Standard, error) {
	saved, err := s.Store.UpdateStandard(ctx, a.ID, st, domain.ActorFrom(ctx).PersonID)
	if err != nil {
		return Standard{}, fmt.Errorf("update standard: %w", err)
	}
	if err := s.touch(ctx, a); err != nil {
		return Standard{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "provider_standard", a.ID,
		map[string]any{"key": before.Key, "state": string(before.State), "rating": before.Rating},
		map[string]any{"key": st.Key, "state": string(st.State), "rating": st.Rating})
	if err != nil {
		return Standard{}, fmt.Errorf("record standard change: %w", err)
	}
	return saved, nil
}

// MoreRequest asks for more evidence on one standard.
type MoreRequest struct {
	Key     string
	Request string
}

// RequestMoreEvidence reopens only the named standards of a submitted
// audit at version, saying what more is needed, and asks the provider for
// it. QA leads and administrators. Returns domain.ErrNotFound,
// domain.ErrStale, domain.ErrInvalid on "standards[i]" and
// domain.ErrConflict unless the audit is submitted.
func (s Service) RequestMoreEvidence(ctx context.Context, id uuid.UUID, version int,
	asks []MoreRequest) (Audit, error) {
	a, err := s.load(ctx, id, version)
	if err != nil {
		return Audit{}, err
	}
	var p domain.Problems
	if len(asks) == 0 {
		p.Add("standards", "choose at least one standard to ask more evidence for")
	}
	seen := map[string]bool{}
	for n, ask := range asks {
		i, ok := a.standard(ask.Key)
		switch {
		case !ok:
			p.Add(domain.Path("standards", n, "key"), "the audit has no standard %s", ask.Key)
		case seen[ask.Key]:
			p.Add(domain.Path("standards", n, "key"), "this standard is named twice")
		case a.Standards[i].open():
			p.Add(domain.Path("standards", n, "key"), "the provider is still working on this standard")
		}
		seen[ask.Key] = true
		checkText(&p, domain.Path("standards", n, "request"), ask.Request, 1, 2000,
			"say what more evidence the provider should send")
	}
	if err := p.Err(); err != nil {
		return Audit{}, err
	}
	if a.State != Submitted {
		return Audit{}, domain.Conflict("ask for more evidence once the provider has submitted theirs")
	}
	for _, ask := range asks {
		i, _ := a.standard(ask.Key)
		st := a.Standards[i]
		st.State, st.Rating, st.MoreRequest = StandardRequested, "", strings.TrimSpace(ask.Request)
		_, err := s.Store.UpdateStandard(ctx, a.ID, st, domain.ActorFrom(ctx).PersonID)
		if err != nil {
			return Audit{}, fmt.Errorf("reopen standard: %w", err)
		}
	}
	after := a
	after.State = MoreEvidence
	saved, err := s.save(ctx, a, after, version)
	if err != nil {
		return Audit{}, err
	}
	err = s.tellProvider(ctx, saved, saved.TenantName+" asks for more evidence",
		fmt.Sprintf("%s asks for more evidence on %d standards.", saved.TenantName, len(asks)))
	return saved, err
}

// DecisionInput is the officer's decision on an audit.
type DecisionInput struct {
	Decision   Decision
	Conditions string
	ReviewOn   time.Time
}

// Decide gives the overall result, by the instrument's rule over the
// standards' ratings, and the decision with its review date, on a
// submitted audit at version whose standards are all rated and whose
// challenges are answered. QA leads and administrators. Returns
// domain.ErrNotFound, domain.ErrStale, domain.ErrInvalid and
// domain.ErrConflict.
func (s Service) Decide(
	ctx context.Context,
	id uuid.UUID,
	version int,
	d DecisionInput,
) (Audit, error) {
	a, err := s.load(ctx, id, version)
	if err != nil {
		return Audit{}, err
	}
	var p domain.Problems
	if !slices.Contains(Decisions, d.Decision) {
		p.Add("decision", "choose approved, approved with conditions or not approved")
	}
	if d.Decision == ApprovedWithConditions {
		checkText(&p, "conditions", d.Conditions, 1, 4000, "say what the conditions are")
	}
	if d.ReviewOn.IsZero() || !d.ReviewOn.After(s.today()) {
		p.Add("review_on", "enter a review date after today")
	}
	if err := p.Err(); err != nil {
		return Audit{}, err
	}
	if a.State != Submitted {
		return Audit{}, domain.Conflict("decide once the provider has submitted all the evidence asked for")
	}
	for _, st := range a.Standards {
		if st.State != StandardRated {
			return Audit{}, domain.Conflict("rate every standard first: %s is not rated", st.Title)
		}
		if a.openChallenge(st.Key) {
			return Audit{}, domain.Conflict("answer the challenge to %s first", st.Title)
		}
	}
	label, err := overall(a.Definition, a.Standards, s.now())
	if err != nil {
		return Audit{}, err
	}
	now, review := s.now(), dateOf(d.ReviewOn)
	after := a
	after.State, after.Overall, after.Decision = Decided, label, d.Decision
	after.Conditions, after.ReviewOn = strings.TrimSpace(d.Conditions), &review
	after.DecidedBy, after.DecidedAt = domain.ActorFrom(ctx).PersonID, &now
	saved, err := s.save(ctx, a, after, version)
	if err != nil {
		return Audit{}, err
	}
	err = s.tellProvider(ctx, saved, saved.TenantName+" has decided",
		fmt.Sprintf("%s has rated each standard and decided; the review is due by %s.",
			saved.TenantName, review.Format("2 January 2006")))
	return saved, err
}

// ChallengeAnswer is the officer's answer to a challenge.
type ChallengeAnswer struct {
	Outcome string
	Answer  string
	// NewRating is the standard's rating when the challenge is upheld.
	NewRating string
}

// AnswerChallenge answers a provider's challenge at its version. Upheld,
// the standard takes the new rating, and a decided audit's overall result
// is worked out again. QA leads and administrators. Returns
// domain.ErrNotFound, domain.ErrStale, domain.ErrInvalid and
// domain.ErrConflict when it is answered already.
func (s Service) AnswerChallenge(ctx context.Context, auditID, id uuid.UUID, version int,
	ans ChallengeAnswer) (Challenge, error) {
	a, err := s.load(ctx, auditID, 0)
	if err != nil {
		return Challenge{}, err
	}
	ci := slices.IndexFunc(a.Challenges, func(c Challenge) bool { return c.ID == id })
	if ci < 0 {
		return Challenge{}, domain.NotFound("challenge")
	}
	c := a.Challenges[ci]
	if c.Version != version {
		return Challenge{}, domain.Stale("the challenge")
	}
	var p domain.Problems
	if ans.Outcome != Upheld && ans.Outcome != NotUpheld {
		p.Add("outcome", "choose upheld or not upheld")
	}
	checkText(&p, "answer", ans.Answer, 1, 4000, "give the provider your answer")
	badRating := !slices.Contains(Ratings, ans.NewRating) || ans.NewRating == c.Rating
	if ans.Outcome == Upheld && badRating {
		p.Add("new_rating", "choose the standard's new rating")
	}
	if err := p.Err(); err != nil {
		return Challenge{}, err
	}
	if c.AnsweredAt != nil {
		return Challenge{}, domain.Conflict("the challenge is answered already")
	}
	now := s.now()
	c.Outcome, c.Answer, c.AnsweredBy, c.AnsweredAt = ans.Outcome, strings.TrimSpace(ans.Answer),
		domain.ActorFrom(ctx).PersonID, &now
	if ans.Outcome == Upheld {
		c.NewRating = ans.NewRating
	}
	saved, err := s.Store.UpdateChallenge(ctx, c, version)
	if err != nil {
		return Challenge{}, fmt.Errorf("answer challenge: %w", err)
	}
	if ans.Outcome == Upheld {
		i, _ := a.standard(c.StandardKey)
		a.Standards[i].Rating = ans.NewRating
		if _, err := s.Store.UpdateStandard(ctx, a.ID, a.Standards[i], c.AnsweredBy); err != nil {
			return Challenge{}, fmt.Errorf("change rating: %w", err)
		}
		if a.State == Decided {
			before := a
			if a.Overall, err = overall(a.Definition, a.Standards, now); err != nil {
				return Challenge{}, err
			}
			if _, err := s.save(ctx, before, a, a.Version); err != nil {
				return Challenge{}, err
			}
		} else if err := s.touch(ctx, a); err != nil {
			return Challenge{}, err
		}
	} else if err := s.touch(ctx, a); err != nil {
		return Challenge{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "provider_challenge", c.ID,
		map[string]any{"state": "open"},
		map[string]any{"outcome": c.Outcome, "new_rating": c.NewRating})
	if err != nil {
		return Challenge{}, fmt.Errorf("record challenge answer: %w", err)
	}
	return saved, nil
}

// ShareResult shares a decided audit's result with the council's region:
// the other councils there read the provider's rating, its date and the
// standard-by-standard feedback. QA leads and administrators. Returns
// domain.ErrNotFound and domain.ErrConflict for an undecided audit, one
// shared already, or a council in no region.
func (s Service) ShareResult(ctx context.Context, id uuid.UUID) (Share, error) {
	a, err := s.load(ctx, id, 0)
	if err != nil {
		return Share{}, err
	}
	if a.State != Decided {
		return Share{}, domain.Conflict("share the result once the audit is decided")
	}
	if _, ok := a.ShareInForce(); ok {
		return Share{}, domain.Conflict("the result is shared with the region already")
	}
	region := domain.ScopeFrom(ctx).RegionID
	if region == uuid.Nil {
		return Share{}, domain.Conflict("your area is in no region to share with")
	}
	sh, err := s.Store.CreateShare(ctx, Share{ID: uuid.New(), AuditID: a.ID, RegionID: region,
		SharedBy: domain.ActorFrom(ctx).PersonID})
	if err != nil {
		return Share{}, fmt.Errorf("create share: %w", err)
	}
	if err := s.touch(ctx, a); err != nil {
		return Share{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionCreate, "provider_share", sh.ID, nil,
		map[string]any{"audit_id": a.ID.String(), "region_id": region.String()})
	if err != nil {
		return Share{}, fmt.Errorf("record share: %w", err)
	}
	return sh, nil
}

// WithdrawShare withdraws a share in force of an audit at version: the
// region no longer sees the result. The share stays as the record that it
// existed. QA leads and administrators. Returns domain.ErrNotFound,
// domain.ErrStale and domain.ErrConflict when it is withdrawn already.
func (s Service) WithdrawShare(
	ctx context.Context,
	auditID, shareID uuid.UUID,
	version int,
) (Share, error) {
	a, err := s.load(ctx, auditID, version)
	if err != nil {
		return Share{}, err
	}
	i := slices.IndexFunc(a.Shares, func(sh Share) bool { return sh.ID == shareID })
	if i < 0 {
		return Share{}, domain.NotFound("share")
	}
	if !a.Shares[i].InForce() {
		return Share{}, domain.Conflict("the share is withdrawn already")
	}
	sh, err := s.Store.WithdrawShare(ctx, shareID, domain.ActorFrom(ctx).PersonID, s.now())
	if err != nil {
		return Share{}, fmt.Errorf("withdraw share: %w", err)
	}
	if err := s.touch(ctx, a); err != nil {
		return Share{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "provider_share", sh.ID,
		map[string]any{"state": "in_force"}, map[string]any{"state": "withdrawn"})
	if err != nil {
		return Share{}, fmt.Errorf("record share withdrawn: %w", err)
	}
	return sh, nil
}

// ListSharedResults returns a page of the results other councils of the
// region share, read-only. Anyone who reads provider audits.
func (s Service) ListSharedResults(ctx context.Context, f AuditFilter,
	p domain.Page) (domain.List[Audit], error) {
	list, err := s.Store.ListSharedResults(ctx, f, p.Normalised())
	for i := range list.Items {
		list.Items[i] = sharedView(list.Items[i])
	}
	return list, err
}

// sharedView keeps what a share shows: the ratings, their date and the
// feedback. Statements, evidence, requests, challenges, site-visit notes
// and the provider's reasons for more time stay with the auditing council.
func sharedView(a Audit) Audit {
	for i := range a.Standards {
		a.Standards[i].Statement, a.Standards[i].MoreRequest = "", ""
		a.Standards[i].Evidence = nil
	}
	a.VisitNotes, a.ExtensionReason, a.ExtensionUntil = "", "", nil
	a.Challenges, a.Shares, a.OpenChallenges, a.Outstanding = nil, nil, 0, 0
	return a
}

// FindSharedResult returns one shared result with its standards' ratings
// and feedback; statements and evidence stay with the auditing council.
// Returns domain.ErrNotFound once the share is withdrawn.
func (s Service) FindSharedResult(ctx context.Context, id uuid.UUID) (Audit, error) {
	a, err := s.Store.FindSharedResult(ctx, id)
	if err != nil {
		return Audit{}, err
	}
	return sharedView(a), nil
}

// OpenAuditEvidence returns one of a council audit's files, once scanned
// clean. Anyone who reads provider audits. Returns domain.ErrNotFound and
// domain.ErrConflict while the file waits for its scan.
func (s Service) OpenAuditEvidence(ctx context.Context, auditID, fileID uuid.UUID) (response.Evidence,
	io.ReadCloser, error) {
	if _, err := s.Store.FindAudit(ctx, auditID, false); err != nil {
		return response.Evidence{}, nil, err
	}
	return s.openFile(ctx, auditID, fileID)
}

func (s Service) openFile(ctx context.Context, auditID, fileID uuid.UUID) (response.Evidence,
	io.ReadCloser, error) {
	e, err := s.Files.FindEvidence(ctx, fileID)
	if err != nil {
		return response.Evidence{}, nil, err
	}
	if e.ProviderAuditID != auditID {
		return response.Evidence{}, nil, domain.NotFound("evidence file")
	}
	return s.Files.OpenKeptEvidence(ctx, e)
}
