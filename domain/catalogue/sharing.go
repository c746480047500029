package catalogue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
)

// ShareScope says whom a share reaches.
type ShareScope string

// The scopes of a share.
const (
	// ScopeRegion reaches the tenants in the owner's region.
	ScopeRegion ShareScope = "region"
	// ScopeAll reaches every tenant of the instance.
	ScopeAll ShareScope = "all"
)

// Share is an owner's explicit, recorded and revocable share of one of its
// instruments. Withdrawing it stops new use; what others already use or
// adopted stays theirs.
type Share struct {
	ID           uuid.UUID
	InstrumentID uuid.UUID
	// VersionNumber is the one version shared, or zero for every
	// published version, present and future.
	VersionNumber int
	Scope         ShareScope
	CreatedBy     uuid.UUID
	CreatedAt     time.Time
	WithdrawnBy   uuid.UUID
	WithdrawnAt   time.Time
	// Revision changes whenever the share does; the API sends it as the
	// ETag.
	Revision int
}

// Withdrawn reports whether the owner has withdrawn the share.
func (s Share) Withdrawn() bool { return !s.WithdrawnAt.IsZero() }

// SharedInstrument is another tenant's instrument as the tenants it is
// shared with list it.
type SharedInstrument struct {
	Instrument
	// SharedVersion is the newest published version shared with the
	// caller.
	SharedVersion int
	// UsedVersion is the newest version of it the caller uses or adopted,
	// zero when it uses none.
	UsedVersion int
}

// NewerVersionAvailable reports whether the owner has shared a version
// newer than the one the caller uses, so that users can choose to move.
func (s SharedInstrument) NewerVersionAvailable() bool {
	return s.UsedVersion > 0 && s.SharedVersion > s.UsedVersion
}

// UseKind says how a tenant uses another tenant's instrument.
type UseKind string

// The kinds of use.
const (
	// UseLayer uses the shared version as it is, its core locked, with
	// the tenant's own items in a local section.
	UseLayer UseKind = "layer"
	// UseAdopted made the tenant its own copy.
	UseAdopted UseKind = "adopted"
)

// Use records that the current tenant uses a version of another tenant's
// instrument. A layer keeps the whole definition it uses, so that a new
// version or a withdrawal by the owner changes nothing for it.
type Use struct {
	ID      uuid.UUID
	Kind    UseKind
	Source  Owner
	Key     string
	Version int
	// SourceInstrumentID is the owner's instrument.
	SourceInstrumentID uuid.UUID
	// Definition is a layer's core and local items together.
	Definition instrument.Definition
	// AdoptedInstrumentID is the copy an adoption made.
	AdoptedInstrumentID uuid.UUID
	CreatedBy           uuid.UUID
	CreatedAt           time.Time
}

// LocalSection is the id of the section that holds a layer's own items.
const LocalSection = "local"

// ownOnly refuses changes to anything but the tenant's own instruments:
// a built-in one is sendqa's (a conflict: copy it instead), a shared one
// another tenant's (forbidden: readable, never editable).
func ownOnly(in Instrument) error {
	switch in.Source {
	case SourceOwn:
		return nil
	case SourceShared:
		return domain.Forbidden("a shared instrument belongs to the area that shared it; " +
			"adopt a copy to change it")
	}
	return domain.Conflict("built-in instruments come with sendqa; adopt a copy to change one")
}

// ShareInstrument shares one of the tenant's instruments, one published
// version or (VersionNumber zero) every published version, with its region
// or with every tenant. Tenant administrators and QA leads; returns
// domain.ErrNotFound, domain.ErrForbidden or domain.ErrConflict as ownOnly
// does, domain.ErrInvalid for a bad scope or version, and
// domain.ErrConflict when the tenant belongs to no region.
func (s Service) ShareInstrument(ctx context.Context, ref string, sh Share) (Share, error) {
	in, err := s.FindInstrument(ctx, ref)
	if err != nil {
		return Share{}, err
	}
	if err := ownOnly(in); err != nil {
		return Share{}, err
	}
	var p domain.Problems
	if sh.Scope != ScopeRegion && sh.Scope != ScopeAll {
		p.Add("scope", "must be region or all")
	}
	if sh.VersionNumber < 0 {
		p.Add("version", "must be a version number, or left out for every published version")
	}
	if err := p.Err(); err != nil {
		return Share{}, err
	}
	if sh.VersionNumber > 0 {
		v, err := s.Store.FindVersion(ctx, in, sh.VersionNumber)
		if domain.IsNotFound(err) || err == nil && v.State != instrument.StatePublished {
			return Share{}, domain.InvalidField("version", "must be a published version")
		}
		if err != nil {
			return Share{}, fmt.Errorf("find version: %w", err)
		}
	}
	if sh.Scope == ScopeRegion && domain.ScopeFrom(ctx).RegionID == uuid.Nil {
		return Share{}, domain.Conflict("this area belongs to no region; share with everyone instead")
	}
	existing, err := s.Store.ListShares(ctx, in.ID)
	if err != nil {
		return Share{}, fmt.Errorf("list shares: %w", err)
	}
	for _, e := range existing {
		if !e.Withdrawn() && e.Scope == sh.Scope && e.VersionNumber == sh.VersionNumber {
			return Share{}, domain.Conflict("the instrument is already shared like this")
		}
	}

	sh.ID, sh.InstrumentID = uuid.New(), in.ID
	sh.CreatedBy = domain.ActorFrom(ctx).PersonID
	saved, err := s.Store.CreateShare(ctx, sh)
	if err != nil {
		return Share{}, fmt.Errorf("create share: %w", err)
	}
	err = s.Trail.Record(ctx, audit.ActionCreate, "instrument_share", saved.ID, nil, saved.fields(in.Key))
	if err != nil {
		return Share{}, fmt.Errorf("record share: %w", err)
	}
	return saved, nil
}

// ListShares returns every share of one of the tenant's instruments,
// withdrawn ones included, newest first. Returns domain.ErrNotFound, and
// ownOnly's errors for instruments that are not the tenant's.
func (s Service) ListShares(ctx context.Context, ref string) ([]Share, error) {
	in, err := s.FindInstrument(ctx, ref)
	if err != nil {
		return nil, err
	}
	if err := ownOnly(in); err != nil {
		return nil, err
	}
	return s.Store.ListShares(ctx, in.ID)
}

// WithdrawShare withdraws a share the caller loaded at revision. Tenants
// that use or adopted the instrument keep what they have; nobody may start
// using it through this share again. Tenant administrators and QA leads;
// returns domain.ErrNotFound, domain.ErrStale, and domain.ErrConflict for
// a share already withdrawn.
func (s Service) WithdrawShare(
	ctx context.Context,
	ref string,
	id uuid.UUID,
	revision int,
) (Share, error) {
	in, err := s.FindInstrument(ctx, ref)
	if err != nil {
		return Share{}, err
	}
	if err := ownOnly(in); err != nil {
		return Share{}, err
	}
	sh, err := s.Store.FindShare(ctx, in.ID, id)
	if err != nil {
		return Share{}, err
	}
	if sh.Withdrawn() {
		return Share{}, domain.Conflict("the share was already withdrawn")
	}
	if sh.Revision != revision {
		return Share{}, domain.Stale("the share")
	}
	before := sh.fields(in.Key)
	sh.WithdrawnAt = time.Now().UTC()
	sh.WithdrawnBy = domain.ActorFrom(ctx).PersonID
	saved, err := s.Store.WithdrawShare(ctx, sh, revision)
	if err != nil {
		return Share{}, fmt.Errorf("withdraw share: %w", err)
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "instrument_share", saved.ID, before,
		saved.fields(in.Key))
	if err != nil {
		return Share{}, fmt.Errorf("record withdrawal: %w", err)
	}
	return saved, nil
}

// ListSharedInstruments returns a page of the instruments other tenants
// share with the current one, by title. Any member who may read
// instruments.
func (s Service) ListSharedInstruments(
	ctx context.Context,
	p domain.Page,
) (domain.List[SharedInstrument], error) {
	return s.Store.ListSharedInstruments(ctx, p.Normalised())
}

// ListUses returns the shared versions the current tenant uses or adopted,
// newest first. They stay listed after the owner withdraws a share.
func (s Service) ListUses(ctx context.Context, p domain.Page) (domain.List[Use], error) {
	return s.Store.ListUses(ctx, p.Normalised())
}

// sharedVersion loads a version of a shared instrument for new use: one
// that is published now.
func (s Service) sharedVersion(
	ctx context.Context,
	ref string,
	number int,
) (Instrument, Version, error) {
	in, err := s.FindInstrument(ctx, ref)
	if err != nil {
		return Instrument{}, Version{}, err
	}
	if number == 0 {
		number = in.CurrentVersion
	}
	v, err := s.Store.FindVersion(ctx, in, number)
	if domain.IsNotFound(err) {
		return Instrument{}, Version{}, domain.InvalidField("version", "is not a version shared with you")
	}
	if err != nil {
		return Instrument{}, Version{}, err
	}
	if v.State != instrument.StatePublished {
		return Instrument{}, Version{}, domain.Conflict(
			"version %d is %s; use the version that is published now", v.Number, v.State)
	}
	return in, v, nil
}

// AddLocalLayer starts using a version of another tenant's shared
// instrument as it is, with the tenant's own items (JSON, as in a
// definition's section) added in a section of their own. The core stays
// locked: the items can only be added, and they are left out of the
// overall score so that results compare across areas. Zero number means
// the version published now. Tenant administrators and QA leads; returns
// domain.ErrNotFound, domain.ErrConflict for the tenant's own or a
// built-in instrument, and domain.ErrInvalid with fields such as
// "items[0].label".
func (s Service) AddLocalLayer(
	ctx context.Context,
	ref string,
	number int,
	title string,
	items json.RawMessage,
) (Use, error) {
	in, v, err := s.sharedVersion(ctx, ref, number)
	if err != nil {
		return Use{}, err
	}
	if in.Source != SourceShared {
		return Use{}, domain.Conflict("local layers are for instruments other areas share; " +
			"change your own instrument or adopt a built-in one instead")
	}
	def, err := withLocalItems(v.Definition, title, items)
	if err != nil {
		return Use{}, err
	}
	u, err := s.Store.CreateUse(ctx, Use{ID: uuid.New(), Kind: UseLayer, Source: in.Owner,
		Key: in.Key, Version: v.Number, SourceInstrumentID: in.ID, Definition: def,
		CreatedBy: domain.ActorFrom(ctx).PersonID})
	if err != nil {
		return Use{}, fmt.Errorf("create local layer: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "instrument_use", u.ID, nil, u.fields()); err != nil {
		return Use{}, fmt.Errorf("record local layer: %w", err)
	}
	return u, nil
}

// localItemPath finds the local section's items in the composed
// definition's field paths.
var localItemPath = regexp.MustCompile(`^sections\[(\d+)\]\.items`)

// withLocalItems adds a section of local items to a copy of core. It goes
// through the definition's JSON form so that the items are read and
// checked exactly as any definition's are.
func withLocalItems(
	core instrument.Definition,
	title string,
	items json.RawMessage,
) (instrument.Definition, error) {
	if strings.TrimSpace(title) == "" {
		title = "Local questions"
	}
	if slices.ContainsFunc(core.Sections, func(s instrument.Section) bool { return s.ID == LocalSection }) {
		return instrument.Definition{}, domain.Conflict(
			"this instrument already has a section called %s and cannot take a local layer", LocalSection)
	}
	if len(items) == 0 || string(items) == "null" {
		items = json.RawMessage("[]")
	}

	// The overall rule keeps reading the core's items only.
	if core.Scoring.Overall.Over != instrument.OverSections && len(core.Scoring.Overall.Items) == 0 {
		for _, sec := range core.Sections {
			for _, it := range sec.Items {
				core.Scoring.Overall.Items = append(core.Scoring.Overall.Items, it.ID)
			}
		}
	}
	raw, err := instrument.MarshalDefinition(core)
	if err != nil {
		return instrument.Definition{}, fmt.Errorf("marshal core: %w", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return instrument.Definition{}, fmt.Errorf("read core: %w", err)
	}
	doc["sections"] = append(doc["sections"].([]any), map[string]any{
		"id": LocalSection, "title": title, "rule": map[string]any{"method": "none"}, "items": items,
	})
	composed, err := json.Marshal(doc)
	if err != nil {
		return instrument.Definition{}, fmt.Errorf("compose layer: %w", err)
	}

	def, err := instrument.ParseDefinition(composed)
	if err == nil {
		return def, nil
	}
	local := strconv.Itoa(len(core.Sections))
	var de *domain.Error
	if !errors.As(err, &de) {
		return instrument.Definition{}, err
	}
	fields := make([]domain.FieldError, len(de.Fields))
	for i, f := range de.Fields {
		if m := localItemPath.FindStringSubmatch(f.Field); m != nil && m[1] == local {
			f.Field = "items" + strings.TrimPrefix(f.Field, m[0])
		} else if strings.HasPrefix(f.Field, "sections["+local+"]") {
			f.Field = "title"
		}
		fields[i] = f
	}
	return instrument.Definition{}, domain.Invalid(fields)
}

// AdoptInstrument makes the tenant its own draft copy of a version of a
// shared or built-in instrument, under key (the original's when empty).
// The copy remembers where it came from, and statutory milestones of a
// built-in stay as the law sets them. Zero number means the version
// published now. Tenant administrators and QA leads; returns
// domain.ErrNotFound, domain.ErrConflict when the key is taken or the
// instrument is the tenant's own.
func (s Service) AdoptInstrument(
	ctx context.Context,
	ref string,
	number int,
	key string,
) (Version, error) {
	in, v, err := s.sharedVersion(ctx, ref, number)
	if err != nil {
		return Version{}, err
	}
	if in.Source == SourceOwn {
		return Version{}, domain.Conflict("this is already your own instrument; start a new version instead")
	}
	if key == "" {
		key = in.Key
	}
	_, err = s.Store.FindOwnInstrumentByKey(ctx, key)
	if err == nil {
		return Version{}, domain.Conflict("you already have an instrument with the key %s; "+
			"choose another key", key)
	}
	if !domain.IsNotFound(err) {
		return Version{}, fmt.Errorf("find instrument: %w", err)
	}

	def := v.Definition
	def.Key, def.Version = key, 1
	def.DerivedFrom = &instrument.Origin{Tenant: in.Owner.Slug, Key: in.Key, Version: v.Number}
	copied, err := s.CreateDraft(ctx, def)
	if err != nil {
		return Version{}, err
	}
	if in.Source != SourceShared {
		return copied, nil
	}
	u, err := s.Store.CreateUse(ctx, Use{ID: uuid.New(), Kind: UseAdopted, Source: in.Owner,
		Key: in.Key, Version: v.Number, SourceInstrumentID: in.ID,
		AdoptedInstrumentID: copied.InstrumentID, CreatedBy: domain.ActorFrom(ctx).PersonID})
	if err != nil {
		return Version{}, fmt.Errorf("record adoption: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "instrument_use", u.ID, nil, u.fields()); err != nil {
		return Version{}, fmt.Errorf("record adoption: %w", err)
	}
	return copied, nil
}

// fields is the share as the audit trail records it.
func (s Share) fields(key string) map[string]any {
	f := map[string]any{"key": key, "scope": string(s.Scope), "version": s.VersionNumber}
	if s.Withdrawn() {
		f["withdrawn_at"] = s.WithdrawnAt.UTC().Format(time.RFC3339)
	}
	return f
}

// fields is the use as the audit trail records it.
func (u Use) fields() map[string]any {
	return map[string]any{"kind": string(u.Kind), "source_tenant": u.Source.Slug, "key": u.Key,
		"version": u.Version}
}
