package apaudit

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/response"
)

// The provider's side. Each method takes the person acting and finds
// their provider; the audit is read under the provider policy (its own
// rows in every council that still works with it), and writes run in the
// audit's council, whose scope the caller sets after FindOwnAudit.

// errNotProvider answers a person who speaks for no provider as if the
// audit did not exist.
var errNotProvider = domain.NotFound("provider audit")

// ProviderOf returns the provider the person speaks for. Returns
// domain.ErrNotFound for anyone else.
func (s Service) ProviderOf(ctx context.Context, personID uuid.UUID) (Provider, error) {
	p, err := s.Store.FindProviderOfPerson(ctx, personID)
	if domain.IsNotFound(err) {
		return Provider{}, errNotProvider
	}
	return p, err
}

// Inbox returns a page of the person's provider's audits in every council
// that still works with it, newest first. Any signed-in person; someone
// who speaks for no provider gets domain.ErrNotFound.
func (s Service) Inbox(
	ctx context.Context,
	personID uuid.UUID,
	p domain.Page,
) (domain.List[Audit], error) {
	prov, err := s.ProviderOf(ctx, personID)
	if err != nil {
		return domain.List[Audit]{}, err
	}
	list, err := s.Store.ListOwnAudits(ctx, prov.ID, p.Normalised())
	for i := range list.Items {
		// The site-visit notes are the council's own.
		list.Items[i].VisitNotes = ""
	}
	return list, err
}

// FindOwnAudit returns one of the person's provider's audits, without its
// evidence list (which is read in the council's scope by OwnAudit).
// Returns domain.ErrNotFound for any other audit.
func (s Service) FindOwnAudit(ctx context.Context, personID, id uuid.UUID) (Audit, error) {
	prov, err := s.ProviderOf(ctx, personID)
	if err != nil {
		return Audit{}, err
	}
	return s.Store.FindOwnAudit(ctx, prov.ID, id)
}

// OwnAudit returns the person's provider's audit with its evidence, in
// the council's scope, hiding the officer's site-visit notes. Returns
// domain.ErrNotFound.
func (s Service) OwnAudit(ctx context.Context, personID, id uuid.UUID) (Audit, error) {
	a, err := s.own(ctx, personID, id, false)
	if err != nil {
		return Audit{}, err
	}
	a, err = s.withEvidence(ctx, a)
	a.VisitNotes, a.Shares = "", nil
	return a, err
}

// own loads the provider's audit in the council's scope and checks that
// it is the person's provider's.
func (s Service) own(ctx context.Context, personID, id uuid.UUID, lock bool) (Audit, error) {
	prov, err := s.ProviderOf(ctx, personID)
	if err != nil {
		return Audit{}, err
	}
	a, err := s.Store.FindAudit(ctx, id, lock)
	if err != nil {
		return Audit{}, err
	}
	if a.ProviderID != prov.ID {
		return Audit{}, errNotProvider
	}
	return a, nil
}

// gathering reports whether the provider may still send evidence.
func (a Audit) gathering() bool { return a.State == Requested || a.State == MoreEvidence }

// SaveStatement saves the provider's statement on one standard as a
// draft, at the standard's version. Returns domain.ErrNotFound,
// domain.ErrStale, domain.ErrInvalid and domain.ErrConflict for a
// standard already submitted.
func (s Service) SaveStatement(ctx context.Context, personID, id uuid.UUID, key string, version int,
	statement string) (Standard, error) {
	a, err := s.own(ctx, personID, id, true)
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
	checkText(&p, "statement", statement, 0, 10000, "")
	if err := p.Err(); err != nil {
		return Standard{}, err
	}
	if !a.gathering() || !st.open() {
		return Standard{}, domain.Conflict("this standard is submitted; the council has not asked for more on it")
	}
	before := st
	st.State, st.Statement = StandardDraft, strings.TrimSpace(statement)
	return s.saveStandard(ctx, a, before, st)
}

// StandardUpload is one evidence file for a standard.
type StandardUpload struct {
	AuditID      uuid.UUID
	Key          string
	FileName     string
	DeclaredType string
	Body         io.Reader
}

// AddStandardEvidence keeps a file as evidence for one standard still
// open to the provider, through the checked, scanned upload of responses.
// Returns domain.ErrNotFound, domain.ErrConflict, KindTooLarge,
// KindUnsupported and domain.ErrInvalid.
func (s Service) AddStandardEvidence(ctx context.Context, personID uuid.UUID,
	u StandardUpload) (response.Evidence, error) {
	a, err := s.own(ctx, personID, u.AuditID, true)
	if err != nil {
		return response.Evidence{}, err
	}
	i, ok := a.standard(u.Key)
	if !ok {
		return response.Evidence{}, domain.NotFound("standard")
	}
	st := a.Standards[i]
	if !a.gathering() || !st.open() {
		return response.Evidence{}, domain.Conflict("this standard is submitted; the council has not asked for more on it")
	}
	e, err := s.Files.KeepEvidence(ctx, response.Evidence{ProviderAuditID: a.ID, ItemID: st.Key,
		FileName: u.FileName, UploadedBy: personID}, u.DeclaredType, u.Body)
	if err != nil {
		return response.Evidence{}, err
	}
	if st.State == StandardRequested {
		before := st
		st.State = StandardDraft
		if _, err := s.saveStandard(ctx, a, before, st); err != nil {
			return response.Evidence{}, err
		}
	} else if err := s.touch(ctx, a); err != nil {
		return response.Evidence{}, err
	}
	return e, nil
}

// OpenOwnEvidence returns one of the provider's files on its audit.
// Returns domain.ErrNotFound and domain.ErrConflict while it waits for its
// scan.
func (s Service) OpenOwnEvidence(ctx context.Context, personID, auditID, fileID uuid.UUID) (
	response.Evidence, io.ReadCloser, error) {
	if _, err := s.own(ctx, personID, auditID, false); err != nil {
		return response.Evidence{}, nil, err
	}
	return s.openFile(ctx, auditID, fileID)
}

// SubmitEvidence submits every standard the provider is working on, at
// the audit's version, once each has a statement and at least one file.
// Returns domain.ErrNotFound, domain.ErrStale, domain.ErrInvalid on
// "standards.<key>.statement" and ".evidence", and domain.ErrConflict
// when nothing is asked for.
func (s Service) SubmitEvidence(
	ctx context.Context,
	personID, id uuid.UUID,
	version int,
) (Audit, error) {
	a, err := s.own(ctx, personID, id, true)
	if err != nil {
		return Audit{}, err
	}
	if a.Version != version {
		return Audit{}, domain.Stale("the audit")
	}
	if !a.gathering() {
		return Audit{}, domain.Conflict("the evidence is submitted already")
	}
	a, err = s.withEvidence(ctx, a)
	if err != nil {
		return Audit{}, err
	}
	var p domain.Problems
	for _, st := range a.Standards {
		if !st.open() {
			continue
		}
		if strings.TrimSpace(st.Statement) == "" {
			p.Add(domain.Path("standards", st.Key, "statement"),
				"%s: say how you meet this standard", st.Title)
		}
		if len(st.Evidence) == 0 {
			p.Add(domain.Path("standards", st.Key, "evidence"),
				"%s: upload at least one file", st.Title)
		}
	}
	if err := p.Err(); err != nil {
		return Audit{}, err
	}
	for _, st := range a.Standards {
		if st.open() {
			st.State = StandardSubmitted
			if _, err := s.Store.UpdateStandard(ctx, a.ID, st, personID); err != nil {
				return Audit{}, fmt.Errorf("submit standard: %w", err)
			}
		}
	}
	now := s.now()
	after := a
	after.State, after.SubmittedAt = Submitted, &now
	saved, err := s.save(ctx, a, after, version)
	if err != nil {
		return Audit{}, err
	}
	err = s.tellOfficer(ctx, saved, saved.ProviderName+" has sent its evidence",
		saved.ProviderName+" has submitted its statements and evidence; rate each standard.")
	if err != nil {
		return Audit{}, err
	}
	return s.OwnAudit(ctx, personID, id)
}

// RequestExtension asks for more time to send evidence, at the audit's
// version. Returns domain.ErrNotFound, domain.ErrStale, domain.ErrInvalid
// and domain.ErrConflict once the evidence is in.
func (s Service) RequestExtension(ctx context.Context, personID, id uuid.UUID, version int,
	until time.Time, reason string) (Audit, error) {
	a, err := s.own(ctx, personID, id, true)
	if err != nil {
		return Audit{}, err
	}
	if a.Version != version {
		return Audit{}, domain.Stale("the audit")
	}
	var p domain.Problems
	if until.IsZero() || !until.After(a.EvidenceDueOn) {
		p.Add("until", "enter a date after %s", a.EvidenceDueOn.Format("2 January 2006"))
	}
	checkText(&p, "reason", reason, 1, 2000, "say why you need more time")
	if err := p.Err(); err != nil {
		return Audit{}, err
	}
	if !a.gathering() {
		return Audit{}, domain.Conflict("the evidence is submitted already")
	}
	after := a
	u := dateOf(until)
	after.ExtensionUntil, after.ExtensionReason = &u, strings.TrimSpace(reason)
	if _, err := s.save(ctx, a, after, version); err != nil {
		return Audit{}, err
	}
	return s.OwnAudit(ctx, personID, id)
}

// RaiseChallenge challenges the rating of one rated standard with
// reasons. Returns domain.ErrNotFound, domain.ErrInvalid and
// domain.ErrConflict for an unrated standard or one already challenged
// and not yet answered.
func (s Service) RaiseChallenge(ctx context.Context, personID, id uuid.UUID, key,
	reasons string) (Challenge, error) {
	a, err := s.own(ctx, personID, id, true)
	if err != nil {
		return Challenge{}, err
	}
	var p domain.Problems
	i, ok := a.standard(key)
	if !ok {
		p.Add("standard_key", "choose one of the audit's standards")
	}
	checkText(&p, "reasons", reasons, 1, 4000, "give your reasons for challenging the rating")
	if err := p.Err(); err != nil {
		return Challenge{}, err
	}
	st := a.Standards[i]
	if st.State != StandardRated {
		return Challenge{}, domain.Conflict("only a rated standard can be challenged")
	}
	if a.openChallenge(key) {
		return Challenge{}, domain.Conflict("this rating is already challenged; wait for the answer")
	}
	c, err := s.Store.CreateChallenge(ctx, Challenge{ID: uuid.New(), AuditID: a.ID,
		StandardKey: key, Rating: st.Rating, Reasons: strings.TrimSpace(reasons), RaisedBy: personID})
	if err != nil {
		return Challenge{}, fmt.Errorf("create challenge: %w", err)
	}
	if err := s.touch(ctx, a); err != nil {
		return Challenge{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionCreate, "provider_challenge", c.ID, nil,
		map[string]any{"audit_id": a.ID.String(), "standard": key, "rating": st.Rating})
	if err != nil {
		return Challenge{}, fmt.Errorf("record challenge: %w", err)
	}
	a.Version++
	err = s.tellOfficer(ctx, a, a.ProviderName+" challenges a rating",
		fmt.Sprintf("%s challenges the rating of %s; answer it before deciding.",
			a.ProviderName, st.Title))
	if err != nil {
		return Challenge{}, err
	}
	return c, nil
}
