package triangulation

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
)

// Store keeps themes and findings. Every method runs in the transaction
// carried by ctx, in the current tenant.
type Store interface {
	// ListThemes lists the area's themes in their order, archived ones
	// too when all is set.
	ListThemes(ctx context.Context, all bool) ([]Theme, error)
	FindTheme(ctx context.Context, id uuid.UUID) (Theme, error)
	CreateTheme(ctx context.Context, t Theme) (Theme, error)
	UpdateTheme(ctx context.Context, t Theme, version int) (Theme, error)

	// CreateFinding stores a finding and reports false, storing nothing,
	// when a finding with the same derived key exists.
	CreateFinding(ctx context.Context, f Finding) (bool, error)
	FindFinding(ctx context.Context, id uuid.UUID) (Finding, error)
	ListFindings(ctx context.Context, f FindingFilter, p domain.Page) (domain.List[Finding], error)
	UpdateFinding(ctx context.Context, f Finding, version int) (Finding, error)
	// CountFindings sums the findings of a period by theme, source and
	// polarity.
	CountFindings(ctx context.Context, p Period) ([]Count, error)
	// ListRated lists the submitted responses, moderations and feedback
	// of a period with their ratings.
	ListRated(ctx context.Context, p Period) ([]Rated, error)
}

// Service keeps themes and findings and writes each change to the trail
// in the same transaction. Callers must hold triangulation write for the
// changes and triangulation read for the rest; the route table checks it.
type Service struct {
	Store Store
	Trail audit.Recorder
	// Definitions, when set, give derived findings their instruments' and
	// sections' titles.
	Definitions Definitions
}

// Definitions read an instrument's definition.
type Definitions interface {
	Definition(ctx context.Context, ref string, number int) (instrument.Definition, error)
}

// title fills a rated record's instrument and section titles from its
// definition, keeping the titles it came with.
func (s Service) title(ctx context.Context, r Rated) Rated {
	if s.Definitions == nil {
		return r
	}
	def, err := s.Definitions.Definition(ctx, r.Instrument, r.Version)
	if err != nil {
		return r
	}
	if r.Title == "" {
		r.Title = def.Title
	}
	for i, sec := range r.Sections {
		for _, d := range def.Sections {
			if d.ID == sec.ID && sec.Title == "" {
				r.Sections[i].Title = d.Title
			}
		}
	}
	return r
}

// ListThemes returns the area's themes in order.
func (s Service) ListThemes(ctx context.Context, all bool) ([]Theme, error) {
	return s.Store.ListThemes(ctx, all)
}

// FindThemeByID returns one theme, or domain.ErrNotFound.
func (s Service) FindThemeByID(ctx context.Context, id uuid.UUID) (Theme, error) {
	return s.Store.FindTheme(ctx, id)
}

// CreateTheme adds a theme. Returns domain.ErrInvalid, or
// domain.ErrConflict when the area has a theme of that name.
func (s Service) CreateTheme(ctx context.Context, t Theme) (Theme, error) {
	t = t.Apply(ThemePatch{Name: &t.Name, Description: &t.Description})
	if err := t.Validate(); err != nil {
		return Theme{}, err
	}
	t.ID = uuid.New()
	created, err := s.Store.CreateTheme(ctx, t)
	if err != nil {
		return Theme{}, fmt.Errorf("create theme: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "theme", created.ID, nil,
		created.fields()); err != nil {
		return Theme{}, fmt.Errorf("record theme creation: %w", err)
	}
	return created, nil
}

// UpdateTheme changes a theme loaded at version. Returns domain.ErrStale,
// domain.ErrInvalid or domain.ErrConflict.
func (s Service) UpdateTheme(ctx context.Context, id uuid.UUID, version int,
	patch ThemePatch) (Theme, error) {
	current, err := s.Store.FindTheme(ctx, id)
	if err != nil {
		return Theme{}, fmt.Errorf("load theme: %w", err)
	}
	if current.Version != version {
		return Theme{}, domain.Stale("the theme")
	}
	changed := current.Apply(patch)
	if err := changed.Validate(); err != nil {
		return Theme{}, err
	}
	saved, err := s.Store.UpdateTheme(ctx, changed, version)
	if err != nil {
		return Theme{}, fmt.Errorf("update theme: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "theme", saved.ID, current.fields(),
		saved.fields()); err != nil {
		return Theme{}, fmt.Errorf("record theme change: %w", err)
	}
	return saved, nil
}

func (s Service) checkTheme(ctx context.Context, id uuid.UUID) error {
	t, err := s.Store.FindTheme(ctx, id)
	if domain.IsNotFound(err) || err == nil && t.Archived {
		return domain.InvalidField("theme_id", "choose one of the area's themes")
	}
	if err != nil {
		return fmt.Errorf("load theme: %w", err)
	}
	return nil
}

// RecordFinding records a finding entered by hand. Returns
// domain.ErrInvalid for bad fields or a theme not the area's.
func (s Service) RecordFinding(ctx context.Context, by uuid.UUID, f Finding) (Finding, error) {
	f.Origin, f.DerivedKey, f.CreatedBy = Entered, "", by
	if err := f.Validate(); err != nil {
		return Finding{}, err
	}
	if err := s.checkTheme(ctx, f.ThemeID); err != nil {
		return Finding{}, err
	}
	f.ID = uuid.New()
	if err := s.create(ctx, f); err != nil {
		return Finding{}, err
	}
	return s.Store.FindFinding(ctx, f.ID)
}

func (s Service) create(ctx context.Context, f Finding) error {
	ok, err := s.Store.CreateFinding(ctx, f)
	if err != nil {
		return fmt.Errorf("create finding: %w", err)
	}
	if !ok {
		return nil
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "finding", f.ID, nil,
		f.fields()); err != nil {
		return fmt.Errorf("record finding: %w", err)
	}
	return nil
}

// ImportFindings records every finding of a CSV file (see ParseImport),
// all or none. Returns how many were recorded, or domain.ErrInvalid with
// each row's problems.
func (s Service) ImportFindings(ctx context.Context, by uuid.UUID, data []byte) (int, error) {
	if len(data) > MaxImportBytes {
		return 0, domain.InvalidField("file", "a findings file may be at most 4 MB")
	}
	themes, err := s.Store.ListThemes(ctx, false)
	if err != nil {
		return 0, fmt.Errorf("list themes: %w", err)
	}
	list, err := ParseImport(data, themes)
	if err != nil {
		return 0, err
	}
	for _, f := range list {
		f.CreatedBy = by
		if err := s.create(ctx, f); err != nil {
			return 0, err
		}
	}
	return len(list), nil
}

// DeriveFindings records the findings of the period's submitted audits,
// moderations and feedback (see Derive). Findings already derived are
// kept as they are. Returns how many were new.
func (s Service) DeriveFindings(ctx context.Context, by uuid.UUID, p Period) (int, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	themes, err := s.Store.ListThemes(ctx, false)
	if err != nil {
		return 0, fmt.Errorf("list themes: %w", err)
	}
	rated, err := s.Store.ListRated(ctx, p)
	if err != nil {
		return 0, fmt.Errorf("list rated records: %w", err)
	}
	for i := range rated {
		rated[i] = s.title(ctx, rated[i])
	}
	n := 0
	for _, f := range Derive(themes, rated) {
		f.CreatedBy = by
		ok, err := s.Store.CreateFinding(ctx, f)
		if err != nil {
			return 0, fmt.Errorf("create finding: %w", err)
		}
		if ok {
			n++
			if err := s.Trail.Record(ctx, audit.ActionCreate, "finding", f.ID, nil,
				f.fields()); err != nil {
				return 0, fmt.Errorf("record finding: %w", err)
			}
		}
	}
	return n, nil
}

// FindFindingByID returns one finding, or domain.ErrNotFound.
func (s Service) FindFindingByID(ctx context.Context, id uuid.UUID) (Finding, error) {
	return s.Store.FindFinding(ctx, id)
}

// ListFindings returns a page of findings, oldest first.
func (s Service) ListFindings(ctx context.Context, f FindingFilter,
	p domain.Page) (domain.List[Finding], error) {
	if err := f.Period.Validate(); err != nil {
		return domain.List[Finding]{}, err
	}
	return s.Store.ListFindings(ctx, f, p.Normalised())
}

// UpdateFinding changes a finding loaded at version. Returns
// domain.ErrStale or domain.ErrInvalid.
func (s Service) UpdateFinding(ctx context.Context, id uuid.UUID, version int,
	patch FindingPatch) (Finding, error) {
	current, err := s.Store.FindFinding(ctx, id)
	if err != nil {
		return Finding{}, fmt.Errorf("load finding: %w", err)
	}
	if current.Version != version {
		return Finding{}, domain.Stale("the finding")
	}
	changed := current.Apply(patch)
	if err := changed.Validate(); err != nil {
		return Finding{}, err
	}
	if patch.ThemeID != nil {
		if err := s.checkTheme(ctx, changed.ThemeID); err != nil {
			return Finding{}, err
		}
	}
	saved, err := s.Store.UpdateFinding(ctx, changed, version)
	if err != nil {
		return Finding{}, fmt.Errorf("update finding: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "finding", saved.ID, current.fields(),
		saved.fields()); err != nil {
		return Finding{}, fmt.Errorf("record finding change: %w", err)
	}
	return saved, nil
}

// Triangulate lays out the period's findings as themes against sources.
func (s Service) Triangulate(ctx context.Context, p Period) (Matrix, error) {
	if err := p.Validate(); err != nil {
		return Matrix{}, err
	}
	themes, err := s.Store.ListThemes(ctx, true)
	if err != nil {
		return Matrix{}, fmt.Errorf("list themes: %w", err)
	}
	counts, err := s.Store.CountFindings(ctx, p)
	if err != nil {
		return Matrix{}, fmt.Errorf("count findings: %w", err)
	}
	return BuildMatrix(p, themes, counts), nil
}

func (t Theme) fields() map[string]any {
	return map[string]any{"name": t.Name, "description": t.Description, "links": t.Links,
		"position": t.Position, "archived": t.Archived}
}

func (f Finding) fields() map[string]any {
	out := map[string]any{"theme_id": f.ThemeID.String(), "source_kind": string(f.SourceKind),
		"source_label": f.SourceLabel, "polarity": string(f.Polarity), "body": f.Body,
		"found_on": f.FoundOn.Format(time.DateOnly), "origin": string(f.Origin)}
	if f.SourceID != uuid.Nil {
		out["source_id"] = f.SourceID.String()
	}
	return out
}
