package catalogue

import (
	"context"
	"fmt"
	"time"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
)

// ImportDefinition reads a definition from JSON, as export writes it, and
// adds it as a draft exactly as CreateDraft does. Nothing is written when
// any part of it is wrong. Tenant administrators and QA leads; returns
// domain.ErrInvalid listing every problem by its path in the JSON, and
// CreateDraft's errors.
func (s Service) ImportDefinition(ctx context.Context, data []byte) (Version, error) {
	def, err := instrument.ParseDefinition(data)
	if err != nil {
		return Version{}, err
	}
	return s.CreateDraft(ctx, def)
}

// UpdateDraft replaces the definition of a draft that the caller loaded at
// revision. The key, the number and the origin stay as they are; a
// published version is frozen. Tenant administrators and QA leads; returns
// domain.ErrNotFound, ownOnly's errors, domain.ErrConflict for a version
// that is not a draft, domain.ErrStale, and domain.ErrInvalid for a
// definition that does not validate or moves a statutory milestone of the
// built-in instrument it was copied from.
func (s Service) UpdateDraft(
	ctx context.Context,
	ref string,
	number, revision int,
	def instrument.Definition,
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
	if !v.State.Editable() {
		return Version{}, domain.Conflict(
			"version %d is %s and frozen; start a new version to change it", v.Number, v.State)
	}
	if v.Revision != revision {
		return Version{}, domain.Stale("the version")
	}
	if def.Key != in.Key {
		return Version{}, domain.InvalidField("key", "must stay "+in.Key)
	}
	def.Version, def.DerivedFrom = number, v.Definition.DerivedFrom
	if err := instrument.ValidateDefinition(def); err != nil {
		return Version{}, err
	}
	if err := s.checkOrigin(ctx, def); err != nil {
		return Version{}, err
	}

	before := v.fields()
	changes := len(instrument.Diff(v.Definition, def))
	v.Definition, v.Title, v.RuleVersion = def, def.Title, def.Scoring.RuleVersion
	saved, err := s.Store.UpdateVersionDefinition(ctx, v, revision)
	if err != nil {
		return Version{}, fmt.Errorf("save draft: %w", err)
	}
	if in.CurrentVersion == number {
		if _, err := s.Store.UpdateInstrument(ctx, mirror(in, saved), in.Version); err != nil {
			return Version{}, fmt.Errorf("update instrument: %w", err)
		}
	}
	after := saved.fields()
	after["item_changes"] = changes
	err = s.Trail.Record(ctx, audit.ActionUpdate, "instrument_version", saved.ID, before, after)
	if err != nil {
		return Version{}, fmt.Errorf("record draft change: %w", err)
	}
	return saved, nil
}

// RetireInstrument retires the published version of one of the tenant's
// instruments that the caller loaded at version: no new audit may use it,
// while responses already given keep it. Tenant administrators and QA
// leads; returns domain.ErrNotFound, ownOnly's errors, domain.ErrStale,
// and domain.ErrConflict when no version is published.
func (s Service) RetireInstrument(ctx context.Context, ref string, version int) (Instrument, error) {
	in, err := s.FindInstrument(ctx, ref)
	if err != nil {
		return Instrument{}, err
	}
	if err := ownOnly(in); err != nil {
		return Instrument{}, err
	}
	if in.Version != version {
		return Instrument{}, domain.Stale("the instrument")
	}
	v, err := s.Store.FindVersion(ctx, in, in.CurrentVersion)
	if err != nil {
		return Instrument{}, fmt.Errorf("load current version: %w", err)
	}
	before := v.fields()
	if v.State, err = v.State.Transition(instrument.StateRetired); err != nil {
		return Instrument{}, err
	}
	v.RetiredAt = time.Now().UTC()
	saved, err := s.Store.UpdateVersionState(ctx, v, v.Revision)
	if err != nil {
		return Instrument{}, fmt.Errorf("retire version: %w", err)
	}
	out, err := s.Store.UpdateInstrument(ctx, mirror(in, saved), in.Version)
	if err != nil {
		return Instrument{}, fmt.Errorf("update instrument: %w", err)
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "instrument_version", saved.ID, before, saved.fields())
	if err != nil {
		return Instrument{}, fmt.Errorf("record retirement: %w", err)
	}
	return out, nil
}

// NewVersion copies the current version of one of the tenant's
// instruments, which must be published, into a new draft numbered after
// the newest. Items keep their stable ids, so answers to both versions
// line up. Tenant administrators and QA leads; returns domain.ErrNotFound,
// ownOnly's errors, and domain.ErrConflict when the current version is not
// published or a draft already exists.
func (s Service) NewVersion(ctx context.Context, ref string) (Version, error) {
	in, err := s.FindInstrument(ctx, ref)
	if err != nil {
		return Version{}, err
	}
	if err := ownOnly(in); err != nil {
		return Version{}, err
	}
	current, err := s.Store.FindVersion(ctx, in, in.CurrentVersion)
	if err != nil {
		return Version{}, fmt.Errorf("load current version: %w", err)
	}
	if current.State != instrument.StatePublished {
		return Version{}, domain.Conflict(
			"version %d is %s; only a published version can start a new one", current.Number, current.State)
	}
	return s.CreateDraft(ctx, current.Definition)
}

// CompareVersions lists how the items of version to differ from those of
// version from, by stable item id, and returns the instrument compared.
// Any member who may read instruments; returns domain.ErrNotFound for an
// unknown instrument or version.
func (s Service) CompareVersions(
	ctx context.Context,
	ref string,
	from, to int,
) (Instrument, []instrument.Change, error) {
	in, err := s.FindInstrument(ctx, ref)
	if err != nil {
		return Instrument{}, nil, err
	}
	a, err := s.Store.FindVersion(ctx, in, from)
	if err != nil {
		return Instrument{}, nil, err
	}
	b, err := s.Store.FindVersion(ctx, in, to)
	if err != nil {
		return Instrument{}, nil, err
	}
	return in, instrument.Diff(a.Definition, b.Definition), nil
}

// checkOrigin keeps a copy of a built-in instrument to the law: its
// statutory milestones cannot be moved or made local. A copy of another
// area's instrument carries no such check, since that area's own version
// may already differ from the built-in one it started from.
func (s Service) checkOrigin(ctx context.Context, def instrument.Definition) error {
	o := def.DerivedFrom
	if o == nil || o.Tenant != "" {
		return nil
	}
	base, err := s.Store.FindVersion(ctx, Instrument{Key: o.Key, Source: SourceBuiltIn}, o.Version)
	if domain.IsNotFound(err) {
		return domain.InvalidField("derived_from", "is not a version of a built-in instrument")
	}
	if err != nil {
		return fmt.Errorf("load built-in origin: %w", err)
	}
	return instrument.CheckStatutoryUnchanged(base.Definition, def)
}
