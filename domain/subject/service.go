package subject

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
	"sendqa/domain/personal"
)

// Setting is a school or setting of the area's register, by URN.
type Setting struct {
	Name string
	Type string
}

// Import is an uploaded file, checked and waiting to be confirmed. Nothing
// of it is a subject until ConfirmImport.
type Import struct {
	ID       uuid.UUID
	Kind     instrument.SubjectKind
	FileName string
	State    ImportState
	Total    int
	Valid    int
	New      int
	Updated  int
	Rejected []Rejection
	Ignored  []string
	// Dropped lists the personal fields the file held that no instrument
	// of the area asks for, so they were not kept.
	Dropped     []instrument.PersonalKind
	CreatedBy   uuid.UUID
	CreatedAt   time.Time
	ConfirmedAt *time.Time
	ExpiresAt   time.Time
	// SealedRows holds the valid rows, sealed, between preview and
	// confirmation.
	SealedRows []byte
	SealedKey  string
}

// ImportState is where an import is.
type ImportState string

// Import states.
const (
	ImportPreviewed ImportState = "previewed"
	ImportConfirmed ImportState = "confirmed"
)

// importLifetime is how long a preview waits for confirmation.
const importLifetime = 24 * time.Hour

// Retention is how long an area keeps a child's personal data after it was
// last imported.
type Retention struct {
	Days    int
	Version int // zero while the area uses the default
}

// DefaultRetentionDays applies until an area sets its own period.
const DefaultRetentionDays = 3 * 365

// SubjectRound is a round a subject was sampled in, for a subject access
// export.
type SubjectRound struct {
	RoundID     uuid.UUID
	RoundName   string
	AuditorName string
	Status      string
}

// Store keeps subjects, imports and retention rules. Every method runs in
// the transaction carried by ctx, under its tenant.
type Store interface {
	ListSubjects(ctx context.Context, f Filter, p domain.Page) (domain.List[Subject], error)
	// ListAllSubjects returns up to limit subjects by local id, for export.
	ListAllSubjects(ctx context.Context, f Filter, limit int) ([]Subject, error)
	FindSubject(ctx context.Context, id uuid.UUID) (Subject, error)
	// SubjectIDsByLocalID maps the given local ids, upper-cased, to the
	// ids of the subjects that hold them.
	SubjectIDsByLocalID(ctx context.Context, localIDs []string) (map[string]uuid.UUID, error)
	// SaveSubjects inserts the subjects or, for an id already stored,
	// replaces its attributes and personal data.
	SaveSubjects(ctx context.Context, subjects []Subject) error
	SettingsByURN(ctx context.Context) (map[string]Setting, error)
	// NeededPersonal lists the kinds of personal item that any instrument
	// the area can use for subjects of this kind asks for.
	NeededPersonal(ctx context.Context, kind instrument.SubjectKind) ([]instrument.PersonalKind, error)
	CreateImport(ctx context.Context, im Import) (Import, error)
	FindImport(ctx context.Context, id uuid.UUID) (Import, error)
	// DeleteExpiredImports removes previews never confirmed that expired
	// before now, with the sealed rows they held.
	DeleteExpiredImports(ctx context.Context, now time.Time) error
	// ConfirmImport marks a previewed import confirmed and forgets its
	// rows; it returns domain.ErrConflict when it is no longer previewed.
	ConfirmImport(ctx context.Context, im Import) error
	FindRetention(ctx context.Context) (Retention, error)
	SaveRetention(ctx context.Context, r Retention) (Retention, error)
	// ListExpiredPersonal lists subjects whose personal data was stored
	// before the given time.
	ListExpiredPersonal(ctx context.Context, before time.Time) ([]uuid.UUID, error)
	// PurgePersonal removes the subjects' personal data and its sealed
	// copies in the trail, and returns how many trail rows it changed.
	PurgePersonal(ctx context.Context, ids []uuid.UUID) (int, error)
	// ListSealedWithKeys returns up to limit subjects whose personal data
	// is sealed with one of the keys.
	ListSealedWithKeys(ctx context.Context, keys []string, limit int) ([]Subject, error)
	UpdateSealed(ctx context.Context, s Subject) error
	ListSubjectRounds(ctx context.Context, id uuid.UUID) ([]SubjectRound, error)
	RecordEvents(ctx context.Context, events []audit.Event) error
}

// Service imports subjects and guards their personal data.
type Service struct {
	Store Store
	Keys  *personal.Keyring
	Trail audit.Recorder
	Now   func() time.Time
}

func (s Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// sealedPersonal is the sealed form of Personal.
type sealedPersonal struct {
	Name        string `json:"n,omitempty"`
	DateOfBirth string `json:"d,omitempty"`
	NHSNumber   string `json:"h,omitempty"`
}

// subjectContext binds a subject's sealed data to its tenant and id.
func subjectContext(ctx context.Context, id uuid.UUID) []byte {
	return []byte("subject:" + domain.ScopeFrom(ctx).TenantID.String() + ":" + id.String())
}

func (s Service) seal(ctx context.Context, id uuid.UUID, p Personal) ([]byte, string, error) {
	if p.Empty() {
		return nil, "", nil
	}
	plain, err := json.Marshal(sealedPersonal(p))
	if err != nil {
		return nil, "", fmt.Errorf("encode personal data: %w", err)
	}
	return s.Keys.Seal(plain, subjectContext(ctx, id))
}

// open returns a subject's personal data in clear.
func (s Service) open(ctx context.Context, sub Subject) (Personal, error) {
	if !sub.HasPersonal() {
		return Personal{}, nil
	}
	plain, err := s.Keys.Open(sub.Sealed, sub.SealedKey, subjectContext(ctx, sub.ID))
	if err != nil {
		return Personal{}, fmt.Errorf("open personal data of subject %s: %w", sub.ID, err)
	}
	var p sealedPersonal
	if err := json.Unmarshal(plain, &p); err != nil {
		return Personal{}, fmt.Errorf("decode personal data of subject %s: %w", sub.ID, err)
	}
	return Personal(p), nil
}

// ListSubjects returns a page of subjects by kind and local id, without
// personal data. Callers must hold subjects read.
func (s Service) ListSubjects(ctx context.Context, f Filter, p domain.Page) (domain.List[Subject], error) {
	if f.Kind != nil && !ValidKind(*f.Kind) {
		return domain.List[Subject]{}, domain.InvalidField("kind", "choose a kind of subject")
	}
	return s.Store.ListSubjects(ctx, f, p.Normalised())
}

// FindSubject returns a subject. With personal set (callers must hold
// personal_data read) it also opens the child's personal data and records
// the view in the trail. Returns domain.ErrNotFound.
func (s Service) FindSubject(
	ctx context.Context,
	id uuid.UUID,
	withPersonal bool,
) (Subject, *Personal, error) {
	sub, err := s.Store.FindSubject(ctx, id)
	if err != nil || !withPersonal || !sub.HasPersonal() {
		return sub, nil, err
	}
	p, err := s.open(ctx, sub)
	if err != nil {
		return sub, nil, err
	}
	err = s.Trail.Record(ctx, audit.ActionView, "subject", sub.ID, nil,
		map[string]any{"local_id": sub.LocalID, "personal": "shown"})
	return sub, &p, err
}

// trailPersonal is the sealed copy of personal data an event keeps, so the
// trail holds nothing in clear and retention can strip it.
func trailPersonal(sub Subject) map[string]any {
	return map[string]any{"key": sub.SealedKey, "sealed": base64.StdEncoding.EncodeToString(sub.Sealed)}
}

// Limitation: an export holds at most this many subjects; filter to
// export more.
const maxExport = 50_000
