package catalogue

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
)

// Store keeps the built-in library and the current tenant's instruments.
// Every method runs in the transaction carried by ctx, under its scope.
type Store interface {
	// ListInstruments lists the library and the tenant's own instruments
	// together, by title and then key.
	ListInstruments(ctx context.Context, f Filter, p domain.Page) (domain.List[Instrument], error)
	FindLibraryInstrument(ctx context.Context, key string) (Instrument, error)
	FindOwnInstrumentByKey(ctx context.Context, key string) (Instrument, error)
	FindOwnInstrumentByID(ctx context.Context, id uuid.UUID) (Instrument, error)
	// ListVersions lists an instrument's versions, newest first.
	ListVersions(
		ctx context.Context,
		in Instrument,
		p domain.Page,
	) (domain.List[VersionSummary], error)
	FindVersion(ctx context.Context, in Instrument, number int) (Version, error)

	CreateInstrument(ctx context.Context, in Instrument) (Instrument, error)
	// UpdateInstrument saves what the instrument mirrors of its current
	// version if it is still at version, and returns domain.ErrStale if not.
	UpdateInstrument(ctx context.Context, in Instrument, version int) (Instrument, error)
	CreateVersion(ctx context.Context, v Version) (Version, error)
	// UpdateVersionState saves a version's state and the time it changed if
	// the version is still at revision.
	UpdateVersionState(ctx context.Context, v Version, revision int) (Version, error)
	// RetirePublishedVersions retires every published version of the
	// instrument except number, and returns the numbers it retired.
	RetirePublishedVersions(ctx context.Context, instrumentID uuid.UUID, number int) ([]int, error)
	// UpdateVersionDefinition saves a draft's definition if the draft is
	// still at revision.
	UpdateVersionDefinition(ctx context.Context, v Version, revision int) (Version, error)

	// FindSharedInstrument returns another tenant's instrument that a
	// share in force lets the current tenant read, at the newest version
	// it may read.
	FindSharedInstrument(ctx context.Context, id uuid.UUID) (Instrument, error)
	ListSharedInstruments(ctx context.Context, p domain.Page) (domain.List[SharedInstrument], error)
	CreateShare(ctx context.Context, s Share) (Share, error)
	FindShare(ctx context.Context, instrumentID, id uuid.UUID) (Share, error)
	// ListShares lists an instrument's shares, newest first.
	ListShares(ctx context.Context, instrumentID uuid.UUID) ([]Share, error)
	// WithdrawShare saves a share's withdrawal if it is still at revision.
	WithdrawShare(ctx context.Context, s Share, revision int) (Share, error)
	CreateUse(ctx context.Context, u Use) (Use, error)
	// ListUses lists the current tenant's uses, newest first.
	ListUses(ctx context.Context, p domain.Page) (domain.List[Use], error)
}

// Service reads the catalogue, scores answers without saving them, and
// creates and publishes a tenant's own versions, writing each change to
// the audit trail in the same transaction.
type Service struct {
	Store Store
	Trail audit.Recorder
}

// ListInstruments returns a page of the instruments the current tenant can
// use: the built-in library and its own. Any member who may read
// instruments; returns domain.ErrInvalid for a bad filter or cursor.
func (s Service) ListInstruments(
	ctx context.Context,
	f Filter,
	p domain.Page,
) (domain.List[Instrument], error) {
	if err := f.Validate(); err != nil {
		return domain.List[Instrument]{}, err
	}
	return s.Store.ListInstruments(ctx, f, p.Normalised())
}

// FindInstrument returns an instrument by reference: the key of a built-in
// or own instrument, or the id of an own one or of one another tenant
// shares with this one. A built-in instrument wins over an own one with
// the same key, which its id still reaches. Returns domain.ErrNotFound for
// anything the tenant cannot see.
func (s Service) FindInstrument(ctx context.Context, ref string) (Instrument, error) {
	if id, err := uuid.Parse(ref); err == nil {
		in, err := s.Store.FindOwnInstrumentByID(ctx, id)
		if domain.IsNotFound(err) {
			return s.Store.FindSharedInstrument(ctx, id)
		}
		return in, err
	}
	in, err := s.Store.FindLibraryInstrument(ctx, ref)
	if domain.IsNotFound(err) {
		return s.Store.FindOwnInstrumentByKey(ctx, ref)
	}
	return in, err
}

// ListVersions returns a page of an instrument's versions, newest first.
// Returns domain.ErrNotFound as FindInstrument does.
func (s Service) ListVersions(
	ctx context.Context,
	ref string,
	p domain.Page,
) (domain.List[VersionSummary], error) {
	in, err := s.FindInstrument(ctx, ref)
	if err != nil {
		return domain.List[VersionSummary]{}, err
	}
	return s.Store.ListVersions(ctx, in, p.Normalised())
}

// FindVersion returns one version of an instrument with its definition.
// Returns domain.ErrNotFound for an unknown instrument or number.
func (s Service) FindVersion(ctx context.Context, ref string, number int) (Version, error) {
	in, err := s.FindInstrument(ctx, ref)
	if err != nil {
		return Version{}, err
	}
	return s.Store.FindVersion(ctx, in, number)
}

// Preview is how strictly PreviewScore checks answers.
type Preview struct {
	Mode instrument.Mode
	// AsOf is the audit date that computed items, conditions and
	// milestones are worked out on.
	AsOf time.Time
}

// PreviewScore checks answers, given as a JSON object keyed by item id,
// against a version and scores them, saving and recording nothing: the
// answers may hold a child's personal data, so they go nowhere but the
// result. Any member who may preview; returns domain.ErrNotFound for an
// unknown version and domain.ErrInvalid with fields such as
// "answers.date_received.reason" for answers that do not fit.
func (s Service) PreviewScore(
	ctx context.Context,
	ref string,
	number int,
	answers []byte,
	opt Preview,
) (instrument.Result, error) {
	v, err := s.FindVersion(ctx, ref, number)
	if err != nil {
		return instrument.Result{}, err
	}
	decoded, err := instrument.DecodeAnswers(v.Definition, answers)
	if err != nil {
		return instrument.Result{}, err
	}
	if err := instrument.ValidateAnswers(v.Definition, decoded, opt.Mode, opt.AsOf); err != nil {
		return instrument.Result{}, err
	}
	return instrument.Score(v.Definition, decoded, opt.AsOf)
}

// CreateDraft adds def as a new draft version of the current tenant's
// instrument with def's key, creating the instrument when it is new. The
// draft's number is one more than the newest version's, whatever def says.
// Tenant administrators and QA leads; returns domain.ErrInvalid for a
// definition that does not validate, and domain.ErrConflict when the key
// is a built-in instrument's or the instrument already has a draft.
func (s Service) CreateDraft(ctx context.Context, def instrument.Definition) (Version, error) {
	if def.Version < 1 {
		def.Version = 1
	}
	if err := instrument.ValidateDefinition(def); err != nil {
		return Version{}, err
	}
	if err := s.checkOrigin(ctx, def); err != nil {
		return Version{}, err
	}
	_, err := s.Store.FindLibraryInstrument(ctx, def.Key)
	if err == nil {
		return Version{}, domain.Conflict("a built-in instrument has the key %s; choose another", def.Key)
	}
	if !domain.IsNotFound(err) {
		return Version{}, fmt.Errorf("find built-in instrument: %w", err)
	}

	actor := domain.ActorFrom(ctx).PersonID
	in, err := s.Store.FindOwnInstrumentByKey(ctx, def.Key)
	number := 1
	switch {
	case domain.IsNotFound(err):
		in, err = s.Store.CreateInstrument(ctx, Instrument{
			ID: uuid.New(), Key: def.Key, Source: SourceOwn, Title: def.Title,
			Description: def.Description, Subject: def.Subject, CurrentVersion: 1,
			State: instrument.StateDraft, CreatedBy: actor,
		})
		if err != nil {
			return Version{}, fmt.Errorf("create instrument: %w", err)
		}
	case err != nil:
		return Version{}, fmt.Errorf("find instrument: %w", err)
	default:
		newest, err := s.Store.ListVersions(ctx, in, domain.Page{Limit: 1})
		if err != nil {
			return Version{}, fmt.Errorf("list versions: %w", err)
		}
		if len(newest.Items) > 0 {
			last := newest.Items[0]
			if last.State == instrument.StateDraft {
				return Version{}, domain.Conflict(
					"version %d is still a draft; publish it or change it", last.Number)
			}
			number = last.Number + 1
		}
	}

	def.Version = number
	v, err := s.Store.CreateVersion(ctx, Version{
		VersionSummary: VersionSummary{Number: number, State: instrument.StateDraft, Title: def.Title,
			RuleVersion: def.Scoring.RuleVersion},
		ID: uuid.New(), InstrumentID: in.ID, Key: in.Key, Source: SourceOwn, Definition: def,
		CreatedBy: actor,
	})
	if err != nil {
		return Version{}, fmt.Errorf("create version: %w", err)
	}
	if in.State != instrument.StatePublished && in.CurrentVersion != number {
		if _, err := s.Store.UpdateInstrument(ctx, mirror(in, v), in.Version); err != nil {
			return Version{}, fmt.Errorf("update instrument: %w", err)
		}
	}
	err = s.Trail.Record(ctx, audit.ActionCreate, "instrument_version", v.ID, nil, v.fields())
	if err != nil {
		return Version{}, fmt.Errorf("record draft creation: %w", err)
	}
	return v, nil
}

// PublishVersion freezes a draft that the caller loaded at revision and
// makes it the instrument's current version; any version published before
// it is retired, so new audits use the new one while existing responses
// keep theirs. Tenant administrators and QA leads; returns
// domain.ErrNotFound, domain.ErrStale when the draft changed since, and
// domain.ErrConflict for a version that is not a draft or is built in.
func (s Service) PublishVersion(
	ctx context.Context,
	ref string,
	number, revision int,
) (Version, error) {
	in, err := s.FindInstrument(ctx, ref)
	if err != nil {
		return Version{}, err
	}
	if err := ownOnly(in); err != nil {
		return Version{}, err
	}
	v, err := s.Store.FindVersion(ctx, in, number)
	if err != nil {
		return Version{}, err
	}
	if v.Revision != revision {
		return Version{}, domain.Stale("the version")
	}
	before := v.fields()
	if v.State, err = v.State.Transition(instrument.StatePublished); err != nil {
		return Version{}, err
	}
	v.PublishedAt = time.Now().UTC()
	saved, err := s.Store.UpdateVersionState(ctx, v, revision)
	if err != nil {
		return Version{}, fmt.Errorf("publish version: %w", err)
	}
	retired, err := s.Store.RetirePublishedVersions(ctx, in.ID, number)
	if err != nil {
		return Version{}, fmt.Errorf("retire earlier versions: %w", err)
	}
	if _, err := s.Store.UpdateInstrument(ctx, mirror(in, saved), in.Version); err != nil {
		return Version{}, fmt.Errorf("update instrument: %w", err)
	}
	after := saved.fields()
	if len(retired) > 0 {
		after["retired_versions"] = retired
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "instrument_version", saved.ID, before, after)
	if err != nil {
		return Version{}, fmt.Errorf("record publication: %w", err)
	}
	return saved, nil
}

// mirror copies what an instrument shows of its current version.
func mirror(in Instrument, v Version) Instrument {
	in.CurrentVersion, in.State = v.Number, v.State
	in.Title, in.Description = v.Definition.Title, v.Definition.Description
	in.Subject = v.Definition.Subject
	return in
}

// fields is the version as the audit trail records it. Definitions are
// forms; they hold nothing about a child.
func (v Version) fields() map[string]any {
	return map[string]any{"key": v.Key, "number": v.Number, "state": string(v.State), "title": v.Title}
}
