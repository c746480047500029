package sir

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
	"sendqa/domain/mail"
	"sendqa/domain/round"
)

// SettingFilter narrows the register; nil fields match all.
type SettingFilter struct {
	Phase *string
	Query *string // part of the name or the start of the URN
}

// CheckFilter narrows a list of checks; nil fields match all.
type CheckFilter struct {
	RoundID        *uuid.UUID
	OrganisationID *uuid.UUID
	OfficerID      *uuid.UUID
}

// Store keeps the register, rounds, checks and letters. Every method runs
// in the transaction carried by ctx, in the current tenant.
type Store interface {
	// SettingsByURN returns every setting of the register by its URN.
	SettingsByURN(ctx context.Context) (map[string]Setting, error)
	// SaveSettings creates the settings without an id's version and
	// updates the others in place.
	SaveSettings(ctx context.Context, settings []Setting) error
	FindSetting(ctx context.Context, id uuid.UUID) (Setting, error)
	ListSettings(ctx context.Context, f SettingFilter, p domain.Page) (domain.List[Setting], error)

	CreateRegisterImport(ctx context.Context, im RegisterImport) (RegisterImport, error)
	FindRegisterImport(ctx context.Context, id uuid.UUID) (RegisterImport, error)
	ConfirmRegisterImport(ctx context.Context, im RegisterImport) error

	CreateRound(ctx context.Context, r Round, checks []Check) (Round, error)
	FindRound(ctx context.Context, id uuid.UUID) (Round, error)
	ListRounds(ctx context.Context, p domain.Page) (domain.List[Round], error)

	FindCheck(ctx context.Context, id uuid.UUID, lock bool) (Check, error)
	ListChecks(ctx context.Context, f CheckFilter, p domain.Page) (domain.List[Check], error)
	SaveCheck(ctx context.Context, c Check, version int) (Check, error)
	// Allocate gives each check, by id, to an officer.
	Allocate(ctx context.Context, roundID uuid.UUID, officers map[uuid.UUID]uuid.UUID) error
	// OfficerName returns the name of a member of the area who may check
	// reports (an auditor or a QA lead); ok is false for anyone else.
	OfficerName(ctx context.Context, personID uuid.UUID) (name string, ok bool, err error)
	// AreaName is the current tenant's name.
	AreaName(ctx context.Context) (string, error)
	// RecordEvents adds many trail rows at once.
	RecordEvents(ctx context.Context, events []audit.Event) error

	FindLetter(ctx context.Context, checkID uuid.UUID) (Letter, error)
	// SaveLetter creates the letter at version 0 or saves it if it is
	// still at version.
	SaveLetter(ctx context.Context, l Letter, version int) (Letter, error)
}

// Blobs keeps captured copies under generated keys.
type Blobs interface {
	Put(ctx context.Context, key, contentType string, data []byte) error
	Open(ctx context.Context, key string) (io.ReadCloser, error)
}

// Scanner checks a file for viruses: found names what it found.
type Scanner interface {
	Scan(ctx context.Context, data []byte) (found string, err error)
}

// Caller is who acts and whether the policy lets them run rounds
// (QA leads): they may work any check, others only their own.
type Caller struct {
	PersonID uuid.UUID
	Manage   bool
}

// Service runs the register, rounds, checks and letters, writing each
// change to the trail in the same transaction.
type Service struct {
	Store Store
	Trail audit.Recorder
	// Outbox queues the letters' mail in the request's transaction.
	Outbox mail.Outbox
	Blobs  Blobs
	// Scanner checks captured copies; nil passes every file.
	Scanner Scanner
	// Items is the checklist; nil reads the built-in check's.
	Items []Item
	Now   func() time.Time
}

// MaxCopyBytes caps a captured copy of a report.
const MaxCopyBytes = 20 << 20

func (s Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

func (s Service) today() instrument.Date { return instrument.DateOf(s.now()) }

// Checklist returns the items every check rates.
func (s Service) Checklist() ([]Item, error) {
	if s.Items != nil {
		return s.Items, nil
	}
	return BuiltInChecklist()
}

// PreviewRegister checks a register file and keeps its valid rows until
// the uploader confirms them; nothing in the register changes yet.
// Callers must hold settings write. Returns domain.ErrInvalid for a file
// it cannot use.
func (s Service) PreviewRegister(
	ctx context.Context,
	fileName string,
	data []byte,
) (RegisterImport, error) {
	parsed, err := ParseRegister(data)
	if err != nil {
		return RegisterImport{}, err
	}
	known, err := s.Store.SettingsByURN(ctx)
	if err != nil {
		return RegisterImport{}, fmt.Errorf("load register: %w", err)
	}
	now := s.now()
	im := RegisterImport{ID: uuid.New(), FileName: cleanFileName(fileName), State: ImportPreviewed,
		Total: len(parsed.Rows) + len(parsed.Rejected), Rows: parsed.Rows,
		Rejected: parsed.Rejected, Ignored: parsed.Ignored,
		CreatedBy: domain.ActorFrom(ctx).PersonID, CreatedAt: now, ExpiresAt: now.Add(importLifetime)}
	for _, r := range parsed.Rows {
		switch old, ok := known[r.URN]; {
		case !ok:
			im.New++
		case r.differs(old):
			im.Updated++
		default:
			im.Same++
		}
	}
	return s.Store.CreateRegisterImport(ctx, im)
}

// FindRegisterImport returns an import's preview. Returns
// domain.ErrNotFound.
func (s Service) FindRegisterImport(ctx context.Context, id uuid.UUID) (RegisterImport, error) {
	return s.Store.FindRegisterImport(ctx, id)
}

// ConfirmRegister writes a previewed import: new URNs become settings,
// known ones are brought up to date, and a setting archived before comes
// back. Callers must hold settings write. Returns domain.ErrNotFound,
// and domain.ErrConflict when the import was confirmed already or
// expired.
func (s Service) ConfirmRegister(ctx context.Context, id uuid.UUID) (RegisterImport, error) {
	im, err := s.Store.FindRegisterImport(ctx, id)
	if err != nil {
		return RegisterImport{}, err
	}
	switch {
	case im.State != ImportPreviewed:
		return RegisterImport{}, domain.Conflict("this import was confirmed already")
	case s.now().After(im.ExpiresAt):
		return RegisterImport{}, domain.Conflict("this preview has expired; upload the file again")
	}
	known, err := s.Store.SettingsByURN(ctx)
	if err != nil {
		return RegisterImport{}, fmt.Errorf("load register: %w", err)
	}
	var (
		changed []Setting
		events  []audit.Event
	)
	im.New, im.Updated, im.Same = 0, 0, 0
	for _, r := range im.Rows {
		old, ok := known[r.URN]
		if ok && !r.differs(old) {
			im.Same++
			continue
		}
		set := Setting{ID: uuid.New(), URN: r.URN, Name: r.Name, Phase: r.Phase, Type: r.Type,
			ReportURL: r.ReportURL, SENCOEmail: r.SENCOEmail}
		action := audit.ActionCreate
		if ok {
			set.ID, set.Version, action = old.ID, old.Version, audit.ActionUpdate
			im.Updated++
		} else {
			im.New++
		}
		changed = append(changed, set)
		events = append(events, s.Trail.Event(ctx, action, "organisation", set.ID, nil,
			map[string]any{"urn": set.URN, "name": set.Name, "phase": set.Phase,
				"setting_type": set.Type, "sir_url": set.ReportURL, "import_id": im.ID.String()}))
	}
	if err := s.Store.SaveSettings(ctx, changed); err != nil {
		return RegisterImport{}, fmt.Errorf("save settings: %w", err)
	}
	events = append(events, s.Trail.Event(ctx, audit.ActionCreate, "setting_import", im.ID, nil,
		map[string]any{"file_name": im.FileName, "new": im.New, "updated": im.Updated,
			"rejected": len(im.Rejected)}))
	if err := s.Store.RecordEvents(ctx, events); err != nil {
		return RegisterImport{}, fmt.Errorf("record import: %w", err)
	}
	now := s.now()
	im.State, im.ConfirmedAt = ImportConfirmed, &now
	if err := s.Store.ConfirmRegisterImport(ctx, im); err != nil {
		return RegisterImport{}, fmt.Errorf("confirm import: %w", err)
	}
	return im, nil
}

// cleanFileName keeps a file name for display only.
func cleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(name, ""))
	if r := []rune(name); len(r) > 100 {
		name = string(r[:100])
	}
	return name
}

// FindSetting returns one setting of the register. Returns
// domain.ErrNotFound.
func (s Service) FindSetting(ctx context.Context, id uuid.UUID) (Setting, error) {
	return s.Store.FindSetting(ctx, id)
}

// ListSettings returns a page of the register by name.
func (s Service) ListSettings(
	ctx context.Context,
	f SettingFilter,
	p domain.Page,
) (domain.List[Setting], error) {
	return s.Store.ListSettings(ctx, f, p.Normalised())
}

// History is a setting's checks year on year, newest first.
func (s Service) History(ctx context.Context, settingID uuid.UUID) ([]Check, error) {
	if _, err := s.Store.FindSetting(ctx, settingID); err != nil {
		return nil, err
	}
	list, err := s.Store.ListChecks(ctx, CheckFilter{OrganisationID: &settingID},
		domain.Page{Limit: 1000})
	if err != nil {
		return nil, fmt.Errorf("list checks: %w", err)
	}
	slices.SortStableFunc(list.Items, func(a, b Check) int { return b.Year - a.Year })
	return list.Items, nil
}

// NewSeed is a random seed for a draw that was given none.
func NewSeed() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return int64(binary.BigEndian.Uint64(b[:]) >> 1)
}

// Draw samples size settings of the register with seed, by phase when
// byPhase is set. The same register and seed always draw the same sample.
func Draw(settings []Setting, size int, byPhase bool, seed int64) ([]round.Pick, []round.Stratum) {
	candidates := make([]round.Candidate, 0, len(settings))
	for _, st := range settings {
		if st.Archived {
			continue
		}
		candidates = append(candidates, round.Candidate{ID: st.ID.String(), LocalID: st.URN,
			Strata: map[round.StrataBy]string{ByPhase: st.Phase}})
	}
	rule := round.Sampling{Method: round.Random}
	if byPhase {
		rule = round.Sampling{Method: round.Stratified, StrataBy: ByPhase}
	}
	return round.Draw(candidates, rule, size, seed)
}

// CreateRound sets up a year's round and draws its sample from the
// register at once, with the round's seed or a new one, recorded. QA
// leads only. Returns domain.ErrInvalid for bad fields or an empty
// register, domain.ErrForbidden and domain.ErrConflict for a name in use.
func (s Service) CreateRound(ctx context.Context, c Caller, r Round, seed *int64) (Round, error) {
	if !c.Manage {
		return Round{}, domain.Forbidden("only a QA lead runs SEN information report rounds")
	}
	if err := r.Validate(); err != nil {
		return Round{}, err
	}
	register, err := s.Store.SettingsByURN(ctx)
	if err != nil {
		return Round{}, fmt.Errorf("load register: %w", err)
	}
	settings := make([]Setting, 0, len(register))
	for _, st := range register {
		settings = append(settings, st)
	}
	if len(settings) == 0 {
		return Round{}, domain.InvalidField("sample_size",
			"the register has no settings yet; import it first")
	}
	r.Seed = NewSeed()
	if seed != nil {
		r.Seed = *seed
	}
	r.ID, r.CreatedBy = uuid.New(), c.PersonID
	picks, strata := Draw(settings, r.SampleSize, r.ByPhase, r.Seed)
	r.Strata, r.Population = strata, len(settings)
	checks := make([]Check, len(picks))
	for i, p := range picks {
		id, _ := uuid.Parse(p.Candidate.ID)
		st := register[p.Candidate.LocalID]
		checks[i] = Check{ID: uuid.New(), RoundID: r.ID, Setting: Setting{ID: id}, Stratum: p.Stratum,
			State: Unallocated, ReportURL: st.ReportURL, Ratings: map[string]Assessment{}}
	}
	created, err := s.Store.CreateRound(ctx, r, checks)
	if err != nil {
		return Round{}, fmt.Errorf("create round: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "sir_round", created.ID, nil,
		map[string]any{"name": r.Name, "year": r.Year, "sample_size": r.SampleSize,
			"by_phase": r.ByPhase, "seed": r.Seed, "drawn": len(checks)}); err != nil {
		return Round{}, fmt.Errorf("record round: %w", err)
	}
	return created, nil
}

// FindRound returns a round. Returns domain.ErrNotFound.
func (s Service) FindRound(ctx context.Context, id uuid.UUID) (Round, error) {
	return s.Store.FindRound(ctx, id)
}

// ListRounds returns a page of rounds, newest year first.
func (s Service) ListRounds(ctx context.Context, p domain.Page) (domain.List[Round], error) {
	return s.Store.ListRounds(ctx, p.Normalised())
}

// ListChecks returns a page of checks by setting name.
func (s Service) ListChecks(
	ctx context.Context,
	f CheckFilter,
	p domain.Page,
) (domain.List[Check], error) {
	return s.Store.ListChecks(ctx, f, p.Normalised())
}

// Allocate shares a round's unallocated checks among officers in turn,
// in the order of the settings' names. QA leads only. Returns
// domain.ErrInvalid when an officer is not an auditor or QA lead of the
// area, and domain.ErrNotFound for an unknown round.
func (s Service) Allocate(
	ctx context.Context,
	c Caller,
	roundID uuid.UUID,
	officers []uuid.UUID,
) (Round, error) {
	if !c.Manage {
		return Round{}, domain.Forbidden("only a QA lead allocates checks")
	}
	if _, err := s.Store.FindRound(ctx, roundID); err != nil {
		return Round{}, err
	}
	if len(officers) == 0 {
		return Round{}, domain.InvalidField("officer_ids", "choose at least one officer")
	}
	var p domain.Problems
	for i, id := range officers {
		if _, ok, err := s.Store.OfficerName(ctx, id); err != nil {
			return Round{}, fmt.Errorf("check officer: %w", err)
		} else if !ok {
			p.Add(domain.Path("officer_ids", i), "choose an auditor or a QA lead of this area")
		}
	}
	if err := p.Err(); err != nil {
		return Round{}, err
	}
	list, err := s.Store.ListChecks(ctx, CheckFilter{RoundID: &roundID}, domain.Page{Limit: 1000})
	if err != nil {
		return Round{}, fmt.Errorf("list checks: %w", err)
	}
	given := map[uuid.UUID]uuid.UUID{}
	for _, ch := range list.Items {
		if ch.State == Unallocated {
			given[ch.ID] = officers[len(given)%len(officers)]
		}
	}
	if len(given) == 0 {
		return Round{}, domain.Conflict("every check of this round is allocated already")
	}
	if err := s.Store.Allocate(ctx, roundID, given); err != nil {
		return Round{}, fmt.Errorf("allocate checks: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "sir_round", roundID, nil,
		map[string]any{"allocated": len(given)}); err != nil {
		return Round{}, fmt.Errorf("record allocation: %w", err)
	}
	return s.Store.FindRound(ctx, roundID)
}

// mayWork reports whether the caller may change a check.
func mayWork(c Caller, ch Check) bool {
	return c.Manage || ch.OfficerID != uuid.Nil && ch.OfficerID == c.PersonID
}

// FindCheck returns a check. Returns domain.ErrNotFound.
func (s Service) FindCheck(ctx context.Context, id uuid.UUID) (Check, error) {
	return s.Store.FindCheck(ctx, id, false)
}

func (s Service) loadWorkable(
	ctx context.Context,
	c Caller,
	id uuid.UUID,
	version int,
) (Check, error) {
	ch, err := s.Store.FindCheck(ctx, id, true)
	if err != nil {
		return Check{}, err
	}
	switch {
	case !mayWork(c, ch):
		return Check{}, domain.Forbidden("only the officer it is allocated to may change this check")
	case ch.State == Unallocated:
		return Check{}, domain.Conflict("allocate this check to an officer first")
	case ch.Version != version:
		return Check{}, domain.Stale("the check")
	}
	return ch, nil
}

// SaveCheck saves a check's draft at version: nothing is required yet.
// Its allocated officer or a QA lead; a completed check can still be
// corrected until its letter is sent. Returns domain.ErrStale,
// domain.ErrForbidden, domain.ErrInvalid and domain.ErrConflict.
func (s Service) SaveCheck(
	ctx context.Context,
	c Caller,
	id uuid.UUID,
	version int,
	d Draft,
) (Check, error) {
	ch, err := s.loadWorkable(ctx, c, id, version)
	if err != nil {
		return Check{}, err
	}
	if ch.LetterState == LetterSent {
		return Check{}, domain.Conflict("the letter has been sent; the check can no longer change")
	}
	items, err := s.Checklist()
	if err != nil {
		return Check{}, err
	}
	changed, err := ch.apply(d, items, s.today())
	if err != nil {
		return Check{}, err
	}
	if ch.State == Completed {
		if err := changed.checkComplete(items); err != nil {
			return Check{}, err
		}
	}
	return s.saveCheck(ctx, changed, version, audit.ActionUpdate)
}

// CompleteCheck completes a check at version once every item is rated,
// each not met one with a comment. Returns what SaveCheck does, with
// domain.ErrInvalid listing what is still missing.
func (s Service) CompleteCheck(
	ctx context.Context,
	c Caller,
	id uuid.UUID,
	version int,
) (Check, error) {
	ch, err := s.loadWorkable(ctx, c, id, version)
	if err != nil {
		return Check{}, err
	}
	items, err := s.Checklist()
	if err != nil {
		return Check{}, err
	}
	if err := ch.checkComplete(items); err != nil {
		return Check{}, err
	}
	if ch.State != Completed {
		now := s.now()
		ch.State, ch.CompletedAt = Completed, &now
	}
	return s.saveCheck(ctx, ch, version, audit.ActionUpdate)
}

func (s Service) saveCheck(
	ctx context.Context,
	ch Check,
	version int,
	action string,
) (Check, error) {
	saved, err := s.Store.SaveCheck(ctx, ch, version)
	if err != nil {
		return Check{}, fmt.Errorf("save check: %w", err)
	}
	met, partial, notMet := saved.Counts()
	if err := s.Trail.Record(ctx, action, "sir_check", saved.ID, nil,
		map[string]any{"state": string(saved.State), "checked_on": saved.CheckedOn.String(),
			"last_updated": saved.LastUpdated.String(), "stale": saved.Stale(),
			"met": met, "partially_met": partial, "not_met": notMet}); err != nil {
		return Check{}, fmt.Errorf("record check: %w", err)
	}
	return saved, nil
}

// SaveCopy keeps a captured copy of the report, a PDF or a saved HTML
// page checked by its content, replacing any earlier one. Returns
// domain.ErrUnsupported for another kind of file, domain.ErrTooLarge and
// what SaveCheck does; with a scanner configured, a file it flags or
// cannot scan is refused and nothing is kept.
func (s Service) SaveCopy(
	ctx context.Context, c Caller, id uuid.UUID, version int, name string, data []byte,
) (Check, error) {
	ch, err := s.loadWorkable(ctx, c, id, version)
	if err != nil {
		return Check{}, err
	}
	if len(data) > MaxCopyBytes {
		return Check{}, &domain.Error{Kind: domain.KindTooLarge,
			Message: fmt.Sprintf("the file is larger than %d MB", MaxCopyBytes>>20)}
	}
	if len(data) == 0 {
		return Check{}, domain.InvalidField("file", "the file is empty")
	}
	kind := strings.Split(http.DetectContentType(data), ";")[0]
	if kind != "application/pdf" && kind != "text/html" {
		return Check{}, &domain.Error{Kind: domain.KindUnsupported,
			Message: "send the report as a PDF or a saved web page (HTML)"}
	}
	if s.Scanner != nil {
		found, err := s.Scanner.Scan(ctx, data)
		if err != nil {
			return Check{}, domain.Conflict("the virus scanner cannot be reached; try again later")
		}
		if found != "" {
			return Check{}, domain.InvalidField("file", "the file holds a virus and was not kept")
		}
	}
	key := "sir-copies/" + uuid.NewString()
	if err := s.Blobs.Put(ctx, key, kind, data); err != nil {
		return Check{}, fmt.Errorf("keep copy: %w", err)
	}
	ch.Copy = &Copy{Key: key, Name: cleanFileName(name), Type: kind, Size: int64(len(data))}
	return s.saveCheck(ctx, ch, version, audit.ActionUpdate)
}

// OpenCopy returns a check's captured copy. Returns domain.ErrNotFound
// when it has none.
func (s Service) OpenCopy(ctx context.Context, id uuid.UUID) (Copy, []byte, error) {
	ch, err := s.Store.FindCheck(ctx, id, false)
	if err != nil {
		return Copy{}, nil, err
	}
	if ch.Copy == nil {
		return Copy{}, nil, domain.NotFound("copy of the report")
	}
	r, err := s.Blobs.Open(ctx, ch.Copy.Key)
	if err != nil {
		return Copy{}, nil, fmt.Errorf("open copy: %w", err)
	}
	defer r.Close()
	var b bytes.Buffer
	if _, err := io.Copy(&b, io.LimitReader(r, MaxCopyBytes+1)); err != nil {
		return Copy{}, nil, fmt.Errorf("read copy: %w", err)
	}
	return *ch.Copy, b.Bytes(), nil
}

// GenerateLetter drafts, or drafts again, the feedback letter of a
// completed check as a PDF. The check's officer or a QA lead. Returns
// domain.ErrConflict before the check is completed or once the letter is
// sent, and domain.ErrForbidden.
func (s Service) GenerateLetter(ctx context.Context, c Caller, checkID uuid.UUID) (Letter, error) {
	ch, err := s.Store.FindCheck(ctx, checkID, true)
	if err != nil {
		return Letter{}, err
	}
	if !mayWork(c, ch) {
		return Letter{}, domain.Forbidden("only the check's officer may write its letter")
	}
	if ch.State != Completed {
		return Letter{}, domain.Conflict("complete the check before writing its letter")
	}
	old, err := s.Store.FindLetter(ctx, checkID)
	if err != nil && !domain.IsNotFound(err) {
		return Letter{}, fmt.Errorf("load letter: %w", err)
	}
	if old.State == LetterSent {
		return Letter{}, domain.Conflict("the letter has been sent already")
	}
	items, err := s.Checklist()
	if err != nil {
		return Letter{}, err
	}
	area, err := s.Store.AreaName(ctx)
	if err != nil {
		return Letter{}, fmt.Errorf("load area: %w", err)
	}
	now := s.now()
	findings := Compose(ch, items, instrument.DateOf(now))
	pdf, err := RenderLetter(findings, LetterHead{AreaName: area, Officer: ch.OfficerName, Date: now})
	if err != nil {
		return Letter{}, err
	}
	l := Letter{ID: old.ID, CheckID: checkID, State: LetterDraft, Findings: findings, PDF: pdf,
		GeneratedBy: c.PersonID, GeneratedAt: now, CheckVersion: ch.Version}
	if l.ID == uuid.Nil {
		l.ID = uuid.New()
	}
	saved, err := s.Store.SaveLetter(ctx, l, old.Version)
	if err != nil {
		return Letter{}, fmt.Errorf("save letter: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "sir_letter", saved.ID, nil,
		map[string]any{"check_id": checkID.String(), "not_met": len(findings.NotMet),
			"partially_met": len(findings.Partly), "stale": findings.Stale}); err != nil {
		return Letter{}, fmt.Errorf("record letter: %w", err)
	}
	return saved, nil
}

// FindLetter returns a check's letter. Returns domain.ErrNotFound.
func (s Service) FindLetter(ctx context.Context, checkID uuid.UUID) (Letter, error) {
	return s.Store.FindLetter(ctx, checkID)
}

// ReviewLetter records that the officer has read the letter at version
// and it may go. Returns domain.ErrStale, domain.ErrForbidden and
// domain.ErrConflict once it is sent.
func (s Service) ReviewLetter(
	ctx context.Context,
	c Caller,
	checkID uuid.UUID,
	version int,
) (Letter, error) {
	l, ch, err := s.loadLetter(ctx, c, checkID, version)
	if err != nil {
		return Letter{}, err
	}
	if l.State == LetterSent {
		return Letter{}, domain.Conflict("the letter has been sent already")
	}
	now := s.now()
	l.State, l.ReviewedBy, l.ReviewedAt = LetterReviewed, c.PersonID, &now
	saved, err := s.Store.SaveLetter(ctx, l, version)
	if err != nil {
		return Letter{}, fmt.Errorf("save letter: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "sir_letter", saved.ID, nil,
		map[string]any{"state": string(saved.State), "check_id": ch.ID.String()}); err != nil {
		return Letter{}, fmt.Errorf("record review: %w", err)
	}
	return saved, nil
}

// SendLetter sends a reviewed letter at version to the setting's SENCO
// with the PDF attached, queued in the caller's transaction. Returns
// domain.ErrConflict before review, once sent, or when the register has
// no SENCO e-mail for the setting, and what ReviewLetter does.
func (s Service) SendLetter(
	ctx context.Context,
	c Caller,
	checkID uuid.UUID,
	version int,
) (Letter, error) {
	l, ch, err := s.loadLetter(ctx, c, checkID, version)
	if err != nil {
		return Letter{}, err
	}
	switch {
	case l.State == LetterSent:
		return Letter{}, domain.Conflict("the letter has been sent already")
	case l.State != LetterReviewed:
		return Letter{}, domain.Conflict("review the letter before sending it")
	case l.CheckVersion != ch.Version:
		return Letter{}, domain.Conflict("the check has changed since the letter was written; " +
			"write the letter again and read it before sending")
	case ch.Setting.SENCOEmail == "":
		return Letter{}, domain.Conflict("the register has no SENCO e-mail for this setting; " +
			"add it and import the register again")
	}
	area, err := s.Store.AreaName(ctx)
	if err != nil {
		return Letter{}, fmt.Errorf("load area: %w", err)
	}
	msg := letterMail(area, l.Findings)
	msg.To = ch.Setting.SENCOEmail
	msg.Attachments = []mail.Attachment{{Name: "sen-information-report-feedback-" +
		ch.Setting.URN + ".pdf", ContentType: "application/pdf", Data: l.PDF}}
	if err := s.Outbox.Queue(ctx, msg); err != nil {
		return Letter{}, fmt.Errorf("queue letter: %w", err)
	}
	now := s.now()
	l.State, l.SentAt, l.SentTo = LetterSent, &now, ch.Setting.SENCOEmail
	saved, err := s.Store.SaveLetter(ctx, l, version)
	if err != nil {
		return Letter{}, fmt.Errorf("save letter: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "sir_letter", saved.ID, nil,
		map[string]any{"state": string(saved.State), "sent_to": saved.SentTo}); err != nil {
		return Letter{}, fmt.Errorf("record sending: %w", err)
	}
	return saved, nil
}

func (s Service) loadLetter(
	ctx context.Context,
	c Caller,
	checkID uuid.UUID,
	version int,
) (Letter, Check, error) {
	ch, err := s.Store.FindCheck(ctx, checkID, true)
	if err != nil {
		return Letter{}, Check{}, err
	}
	l, err := s.Store.FindLetter(ctx, checkID)
	if err != nil {
		return Letter{}, Check{}, err
	}
	switch {
	case !mayWork(c, ch):
		return Letter{}, Check{}, domain.Forbidden(
			"only the check's officer may review and send its letter")
	case l.Version != version:
		return Letter{}, Check{}, domain.Stale("the letter")
	}
	return l, ch, nil
}

// letterMail is the covering e-mail of a letter.
func letterMail(area string, f Findings) mail.Message {
	text := fmt.Sprintf("Dear SENCO,\n\n%s has checked the SEN information report of %s. "+
		"The attached letter sets out what the report meets, what is missing and what to do "+
		"by %s.\n\nItems not met: %d. Items partially met: %d.\n\n%s SEND quality assurance\n",
		area, f.SettingName, f.RespondBy.Time().Format("2 January 2006"), len(f.NotMet),
		len(f.Partly), area)
	return mail.Message{Subject: "Feedback on your SEN information report: " + f.SettingName,
		Text: text}
}

// Summarise is the summary of a round's sample. Anyone who reads rounds.
// Returns domain.ErrNotFound.
func (s Service) Summarise(ctx context.Context, roundID uuid.UUID) (Round, Summary, error) {
	r, err := s.Store.FindRound(ctx, roundID)
	if err != nil {
		return Round{}, Summary{}, err
	}
	list, err := s.Store.ListChecks(ctx, CheckFilter{RoundID: &roundID}, domain.Page{Limit: 1000})
	if err != nil {
		return Round{}, Summary{}, fmt.Errorf("list checks: %w", err)
	}
	items, err := s.Checklist()
	if err != nil {
		return Round{}, Summary{}, err
	}
	return r, Summarise(list.Items, items), nil
}
