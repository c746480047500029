package response

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"

	"github.com/google/uuid"

	"sendqa/domain"
)

// ScanState is where a file is in the virus scan.
type ScanState string

// Scan states. Only a clean file can be downloaded.
const (
	ScanPending  ScanState = "pending"
	ScanClean    ScanState = "clean"
	ScanInfected ScanState = "infected"
)

// DefaultMaxFileSize is the largest evidence file taken unless configured.
const DefaultMaxFileSize = 20 << 20

// maxExpanded is the most an office document may hold once unpacked, so
// that a small archive cannot expand into gigabytes.
const maxExpanded = 100 << 20

// Evidence is a file attached to a response or one of its items, or to
// a standard of a provider audit (ProviderAuditID set, ResponseID zero).
type Evidence struct {
	ID              uuid.UUID
	ResponseID      uuid.UUID
	ProviderAuditID uuid.UUID
	ItemID          string
	FileName        string
	ContentType     string
	Size            int64
	SHA256          []byte
	BlobKey         string
	ScanState       ScanState
	ScannedAt       *time.Time
	UploadedBy      uuid.UUID
	CreatedAt       time.Time
}

// EvidenceStore keeps evidence files' records.
type EvidenceStore interface {
	CreateEvidence(ctx context.Context, e Evidence) (Evidence, error)
	FindEvidence(ctx context.Context, id uuid.UUID) (Evidence, error)
	ListEvidence(ctx context.Context, responseID uuid.UUID) ([]Evidence, error)
	SetScanState(ctx context.Context, id uuid.UUID, s ScanState, at time.Time) error
}

// Blobs keeps files' bytes under generated keys.
type Blobs interface {
	Put(ctx context.Context, key, contentType string, data []byte) error
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
}

// Scanner checks a file for viruses. found names what it found, empty for
// a clean file; an error means the scanner could not say.
type Scanner interface {
	Scan(ctx context.Context, data []byte) (found string, err error)
}

// accepted maps each type a file may be, as sniffed from its bytes, to
// the types its uploader may declare for it.
var accepted = map[string][]string{
	"application/pdf": {"application/pdf"},
	"image/png":       {"image/png"},
	"image/jpeg":      {"image/jpeg", "image/jpg"},
	"text/plain":      {"text/plain", "text/csv"},
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
}

// Upload is one evidence file as received.
type Upload struct {
	ResponseID   uuid.UUID
	ItemID       string
	FileName     string
	DeclaredType string
	Body         io.Reader
}

// AddEvidence stores a file on the viewer's own response. The size limit
// holds while reading; the type is checked from the bytes and must match
// what was declared; office documents are refused when they would expand
// hugely; the name is cleaned and the file stored under a generated key.
// With a scanner configured, an infected file is refused and kept
// nowhere, and while the scanner cannot be reached the file is kept but
// stays unavailable until a later scan passes it. Callers must hold
// evidence write. Returns domain.ErrNotFound, domain.ErrConflict for a
// submitted response, KindTooLarge, KindUnsupported and domain.ErrInvalid.
func (s Service) AddEvidence(ctx context.Context, v Viewer, u Upload) (Evidence, error) {
	rec, err := s.Store.FindResponse(ctx, u.ResponseID, true)
	if err != nil {
		return Evidence{}, err
	}
	if rec.AuditorID != v.PersonID {
		return Evidence{}, errNotYours
	}
	if rec.State != Draft {
		return Evidence{}, domain.Conflict("the response is submitted; a QA lead must reopen it to add evidence")
	}
	if err := s.checkItem(ctx, rec, u.ItemID); err != nil {
		return Evidence{}, err
	}
	return s.KeepEvidence(ctx, Evidence{ResponseID: rec.ID, ItemID: u.ItemID, UploadedBy: v.PersonID,
		FileName: u.FileName}, u.DeclaredType, u.Body)
}

// KeepEvidence reads, checks, scans and stores one file for an owner that
// the caller has already checked: e names the response or provider audit,
// the item, the uploader and the file's name as given. The size limit
// holds while reading, the type is checked from the bytes, and the file
// is stored under a generated key and written to the trail. Returns
// KindTooLarge, KindUnsupported and domain.ErrInvalid.
func (s Service) KeepEvidence(ctx context.Context, e Evidence, declared string,
	body io.Reader) (Evidence, error) {
	data, err := s.readLimited(body)
	if err != nil {
		return Evidence{}, err
	}
	kind, err := checkContent(data, declared)
	if err != nil {
		return Evidence{}, err
	}
	state, err := s.scan(ctx, data)
	if err != nil {
		return Evidence{}, err
	}
	sum := sha256.Sum256(data)
	e.ID, e.FileName, e.ContentType = uuid.New(), CleanFileName(e.FileName), kind
	e.Size, e.SHA256, e.ScanState = int64(len(data)), sum[:], state
	e.BlobKey = fmt.Sprintf("evidence/%s/%s", domain.ScopeFrom(ctx).TenantID, e.ID)
	if err := s.Blobs.Put(ctx, e.BlobKey, kind, data); err != nil {
		return Evidence{}, fmt.Errorf("store evidence: %w", err)
	}
	out, err := s.Store.CreateEvidence(ctx, e)
	if err != nil {
		return Evidence{}, err
	}
	if state == ScanPending {
		if err := s.Jobs.Rescan(ctx, e.ID); err != nil {
			return Evidence{}, err
		}
	}
	owner := map[string]any{"response_id": e.ResponseID.String()}
	if e.ProviderAuditID != uuid.Nil {
		owner = map[string]any{"provider_audit_id": e.ProviderAuditID.String()}
	}
	owner["item_id"], owner["size"], owner["type"], owner["scan"] = e.ItemID, e.Size, kind, string(state)
	err = s.Trail.Record(ctx, "attach", "evidence", e.ID, nil, owner)
	return out, err
}

func (s Service) checkItem(ctx context.Context, rec Record, itemID string) error {
	if itemID == "" {
		return nil
	}
	def, err := s.definition(ctx, rec)
	if err != nil {
		return err
	}
	for i := range def.Sections {
		for _, it := range def.Sections[i].Items {
			if it.ID == itemID {
				return nil
			}
		}
	}
	return domain.InvalidField("item_id", "the instrument has no item "+itemID)
}

func (s Service) readLimited(r io.Reader) ([]byte, error) {
	limit := s.MaxFileSize
	if limit <= 0 {
		limit = DefaultMaxFileSize
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &domain.Error{Kind: domain.KindTooLarge,
			Message: fmt.Sprintf("the file is larger than %d MB", limit>>20)}
	}
	if len(data) == 0 {
		return nil, domain.InvalidField("file", "the file is empty")
	}
	return data, nil
}

// checkContent sniffs the file's type from its bytes and checks it
// against the declared one, returning the type it is stored as.
func checkContent(data []byte, declared string) (string, error) {
	declared = strings.ToLower(strings.TrimSpace(strings.Split(declared, ";")[0]))
	sniffed := strings.Split(http.DetectContentType(data), ";")[0]
	if sniffed == "application/zip" {
		office, err := officeType(data)
		if err != nil {
			return "", err
		}
		sniffed = office
	}
	allowed, ok := accepted[sniffed]
	if !ok {
		return "", unsupported("PDF, PNG, JPEG, plain text, CSV, Word (.docx) or Excel (.xlsx)")
	}
	for _, t := range allowed {
		if t == declared {
			return sniffed, nil
		}
	}
	return "", unsupported("a file whose content matches its type: this one's content is " + sniffed)
}

func unsupported(what string) error {
	return &domain.Error{Kind: domain.KindUnsupported, Message: "attach " + what}
}

// officeType tells a Word or Excel document from any other zip archive,
// and refuses one that would expand past maxExpanded.
func officeType(data []byte) (string, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", unsupported("a document that opens: this archive is damaged")
	}
	var total uint64
	kind := ""
	for _, f := range z.File {
		total += f.UncompressedSize64
		switch {
		case strings.HasPrefix(f.Name, "word/"):
			kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		case strings.HasPrefix(f.Name, "xl/"):
			kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		}
	}
	if total > maxExpanded {
		return "", &domain.Error{Kind: domain.KindTooLarge,
			Message: "the document would expand to more than 100 MB; attach a smaller one"}
	}
	if kind == "" {
		return "", unsupported("Word or Excel documents only; other archives are not accepted")
	}
	return kind, nil
}

// scan returns the state a new file starts in.
func (s Service) scan(ctx context.Context, data []byte) (ScanState, error) {
	if s.Scanner == nil {
		return ScanClean, nil
	}
	found, err := s.Scanner.Scan(ctx, data)
	if err != nil {
		return ScanPending, nil
	}
	if found != "" {
		return "", domain.InvalidField("file", "the virus scanner found "+found+
			" in this file, so it was not kept")
	}
	return ScanClean, nil
}

// Rescan scans a file that is waiting for the scanner, removing it when
// it is infected. It returns an error while the scanner still cannot be
// reached, so that the job tries again later.
func (s Service) Rescan(ctx context.Context, id uuid.UUID) error {
	e, err := s.Store.FindEvidence(ctx, id)
	if domain.IsNotFound(err) {
		return nil
	}
	if err != nil || e.ScanState != ScanPending || s.Scanner == nil {
		return err
	}
	r, err := s.Blobs.Open(ctx, e.BlobKey)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(r)
	r.Close()
	if err != nil {
		return err
	}
	found, err := s.Scanner.Scan(ctx, data)
	if err != nil {
		return fmt.Errorf("scanner unavailable: %w", err)
	}
	state := ScanClean
	if found != "" {
		state = ScanInfected
		if err := s.Blobs.Delete(ctx, e.BlobKey); err != nil {
			return err
		}
	}
	return s.Store.SetScanState(ctx, e.ID, state, s.now())
}

// OpenEvidence returns a file and its bytes for a viewer who may read its
// response, once it has been scanned clean. Callers must hold evidence
// read. Returns domain.ErrNotFound and domain.ErrConflict while the file
// waits for its scan or was found infected.
func (s Service) OpenEvidence(ctx context.Context, v Viewer, id uuid.UUID) (Evidence, io.ReadCloser, error) {
	e, err := s.Store.FindEvidence(ctx, id)
	if err != nil {
		return Evidence{}, nil, err
	}
	rec, err := s.Store.FindResponse(ctx, e.ResponseID, false)
	if err != nil {
		return Evidence{}, nil, err
	}
	if rec.AuditorID != v.PersonID && !v.All {
		return Evidence{}, nil, domain.NotFound("evidence")
	}
	return s.OpenKeptEvidence(ctx, e)
}

// OpenKeptEvidence returns the bytes of a file whose owner the caller has
// already checked, once it has been scanned clean, and writes the
// download to the trail. Returns domain.ErrConflict while the file waits
// for its scan or was found infected.
func (s Service) OpenKeptEvidence(ctx context.Context, e Evidence) (Evidence, io.ReadCloser, error) {
	switch e.ScanState {
	case ScanPending:
		return Evidence{}, nil, domain.Conflict("the file is waiting for its virus scan; try again later")
	case ScanInfected:
		return Evidence{}, nil, domain.Conflict("the virus scanner found something in this file; it was removed")
	}
	r, err := s.Blobs.Open(ctx, e.BlobKey)
	if err != nil {
		return Evidence{}, nil, err
	}
	owner := map[string]any{"response_id": e.ResponseID.String()}
	if e.ProviderAuditID != uuid.Nil {
		owner = map[string]any{"provider_audit_id": e.ProviderAuditID.String()}
	}
	if err := s.Trail.Record(ctx, "download", "evidence", e.ID, nil, owner); err != nil {
		r.Close()
		return Evidence{}, nil, err
	}
	return e, r, nil
}

// CleanFileName keeps a file name fit to show and to offer on download:
// no folders, no control or quoting characters, at most 120 characters.
// The file is stored under a generated key whatever its name.
func CleanFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsControl(r), strings.ContainsRune(`"/\<>:|?*;`, r):
			b.WriteRune('_')
		default:
			b.WriteRune(r)
		}
	}
	out := strings.Trim(strings.TrimSpace(b.String()), ".")
	if r := []rune(out); len(r) > 120 {
		out = string(r[len(r)-120:])
	}
	if out == "" || out == "_" {
		return "evidence"
	}
	return out
}
