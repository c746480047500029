package subject

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
)

// stagedRow is a valid row as it waits, sealed, for confirmation.
type stagedRow struct {
	Line        int            `json:"l"`
	LocalID     string         `json:"i"`
	PrimaryNeed string         `json:"p,omitempty"`
	SettingURN  string         `json:"u,omitempty"`
	NCY         string         `json:"y,omitempty"`
	IssuedOn    *time.Time     `json:"o,omitempty"`
	Amended     *bool          `json:"a,omitempty"`
	Services    []string       `json:"s,omitempty"`
	Personal    sealedPersonal `json:"x"`
}

func importContext(ctx context.Context, id uuid.UUID) []byte {
	return []byte("import:" + domain.ScopeFrom(ctx).TenantID.String() + ":" + id.String())
}

// PreviewImport checks a CSV file of subjects of one kind and keeps its
// valid rows, sealed, until the uploader confirms them; no subject changes
// yet. Personal fields that no instrument of the area asks for are dropped
// here and never stored. Callers must hold subjects write. Returns
// domain.ErrInvalid for a kind it does not know or a file it cannot read.
func (s Service) PreviewImport(
	ctx context.Context,
	kind instrument.SubjectKind,
	fileName string,
	data []byte,
) (Import, error) {
	if !ValidKind(kind) {
		return Import{}, domain.InvalidField("kind", "choose a kind of subject")
	}
	parsed, err := ParseCSV(data, s.now())
	if err != nil {
		return Import{}, err
	}
	needed, err := s.Store.NeededPersonal(ctx, kind)
	if err != nil {
		return Import{}, err
	}
	im := Import{ID: uuid.New(), Kind: kind, FileName: cleanFileName(fileName), State: ImportPreviewed,
		Total: len(parsed.Rows) + len(parsed.Rejected), Valid: len(parsed.Rows),
		Rejected: parsed.Rejected, Ignored: parsed.Ignored,
		CreatedBy: domain.ActorFrom(ctx).PersonID, ExpiresAt: s.now().Add(importLifetime)}
	im.Dropped = keepNeeded(parsed.Rows, needed)

	localIDs := make([]string, len(parsed.Rows))
	for i, r := range parsed.Rows {
		localIDs[i] = r.LocalID
	}
	existing, err := s.Store.SubjectIDsByLocalID(ctx, localIDs)
	if err != nil {
		return Import{}, err
	}
	im.Updated = len(existing)
	im.New = im.Valid - im.Updated

	staged := make([]stagedRow, len(parsed.Rows))
	for i, r := range parsed.Rows {
		staged[i] = stagedRow{Line: r.Line, LocalID: r.LocalID, PrimaryNeed: r.PrimaryNeed,
			SettingURN: r.SettingURN, NCY: r.NCY, IssuedOn: r.IssuedOn, Amended: r.Amended,
			Services: r.Services, Personal: sealedPersonal(r.Personal)}
	}
	plain, err := json.Marshal(staged)
	if err != nil {
		return Import{}, fmt.Errorf("encode import rows: %w", err)
	}
	if im.SealedRows, im.SealedKey, err = s.Keys.Seal(plain, importContext(ctx, im.ID)); err != nil {
		return Import{}, err
	}
	return s.Store.CreateImport(ctx, im)
}

// keepNeeded blanks the personal fields no instrument asks for and says
// which of them the file held.
func keepNeeded(rows []Row, needed []instrument.PersonalKind) []instrument.PersonalKind {
	var dropped []instrument.PersonalKind
	drop := func(kind instrument.PersonalKind, field *string) {
		if *field == "" || slices.Contains(needed, kind) {
			return
		}
		*field = ""
		if !slices.Contains(dropped, kind) {
			dropped = append(dropped, kind)
		}
	}
	for i := range rows {
		p := &rows[i].Personal
		drop(instrument.PersonalName, &p.Name)
		drop(instrument.PersonalDateOfBirth, &p.DateOfBirth)
		drop(instrument.PersonalNHSNumber, &p.NHSNumber)
	}
	slices.Sort(dropped)
	return dropped
}

// cleanFileName keeps a file name for display only: its last path part,
// printable and short.
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

// FindImport returns an import's preview. Returns domain.ErrNotFound.
func (s Service) FindImport(ctx context.Context, id uuid.UUID) (Import, error) {
	return s.Store.FindImport(ctx, id)
}

// ConfirmImport writes a previewed import's valid rows: new local ids
// become subjects and known ones are updated in place. Every subject
// written gets a trail row, holding its personal data only sealed.
// Callers must hold subjects write. Returns domain.ErrNotFound, and
// domain.ErrConflict when the import was confirmed already or expired.
func (s Service) ConfirmImport(ctx context.Context, id uuid.UUID) (Import, error) {
	im, err := s.Store.FindImport(ctx, id)
	if err != nil {
		return Import{}, err
	}
	switch {
	case im.State != ImportPreviewed:
		return Import{}, domain.Conflict("this import was confirmed already")
	case s.now().After(im.ExpiresAt):
		return Import{}, domain.Conflict("this preview has expired; upload the file again")
	}
	plain, err := s.Keys.Open(im.SealedRows, im.SealedKey, importContext(ctx, im.ID))
	if err != nil {
		return Import{}, fmt.Errorf("open import rows: %w", err)
	}
	var staged []stagedRow
	if err := json.Unmarshal(plain, &staged); err != nil {
		return Import{}, fmt.Errorf("decode import rows: %w", err)
	}
	subjects, err := s.subjectsFromRows(ctx, im.Kind, staged)
	if err != nil {
		return Import{}, err
	}
	if err := s.Store.SaveSubjects(ctx, subjects); err != nil {
		return Import{}, err
	}
	if err := s.Store.RecordEvents(ctx, s.importEvents(ctx, im, subjects)); err != nil {
		return Import{}, err
	}
	now := s.now()
	im.State, im.ConfirmedAt = ImportConfirmed, &now
	if err := s.Store.ConfirmImport(ctx, im); err != nil {
		return Import{}, err
	}
	return im, nil
}

// subjectsFromRows builds the subjects an import writes, keeping the ids
// of those already stored and sealing each one's personal data to it.
func (s Service) subjectsFromRows(
	ctx context.Context,
	kind instrument.SubjectKind,
	rows []stagedRow,
) ([]Subject, error) {
	localIDs := make([]string, len(rows))
	for i, r := range rows {
		localIDs[i] = r.LocalID
	}
	existing, err := s.Store.SubjectIDsByLocalID(ctx, localIDs)
	if err != nil {
		return nil, err
	}
	settings, err := s.Store.SettingsByURN(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]Subject, len(rows))
	for i, r := range rows {
		id, known := existing[strings.ToUpper(r.LocalID)]
		if !known {
			id = uuid.New()
		}
		setting := settings[r.SettingURN]
		sub := Subject{ID: id, Kind: kind, LocalID: r.LocalID, PrimaryNeed: r.PrimaryNeed,
			SettingURN: r.SettingURN, SettingName: setting.Name, SettingType: setting.Type,
			NCY: r.NCY, KeyStage: KeyStageOf(r.NCY), IssuedOn: r.IssuedOn, Amended: r.Amended,
			Services: r.Services, Version: 0}
		if known {
			sub.Version = 1 // any stored version: SaveSubjects updates in place
		}
		if sub.Sealed, sub.SealedKey, err = s.seal(ctx, id, Personal(r.Personal)); err != nil {
			return nil, err
		}
		if sub.HasPersonal() {
			sub.PersonalSince = &now
		}
		out[i] = sub
	}
	return out, nil
}

// importEvents is one trail row per subject written and one for the file.
func (s Service) importEvents(ctx context.Context, im Import, subjects []Subject) []audit.Event {
	events := make([]audit.Event, 0, len(subjects)+1)
	for _, sub := range subjects {
		action := audit.ActionCreate
		if sub.Version > 0 {
			action = audit.ActionUpdate
		}
		after := map[string]any{"kind": string(sub.Kind), "local_id": sub.LocalID,
			"primary_need": sub.PrimaryNeed, "setting_urn": sub.SettingURN, "ncy": sub.NCY,
			"services": sub.Services, "import_id": im.ID.String()}
		if sub.HasPersonal() {
			after["personal"] = trailPersonal(sub)
		}
		events = append(events, s.Trail.Event(ctx, action, "subject", sub.ID, nil, after))
	}
	events = append(events, s.Trail.Event(ctx, audit.ActionCreate, "subject_import", im.ID, nil,
		map[string]any{"file_name": im.FileName, "kind": string(im.Kind), "new": im.New,
			"updated": im.Updated, "rejected": len(im.Rejected)}))
	return events
}
