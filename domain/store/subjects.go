package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
	"sendqa/domain/subject"
)

// Subjects keeps subjects, their imports and the retention rule.
type Subjects struct{}

var _ subject.Store = Subjects{}

const subjectColumns = `s.id, s.kind, s.local_id, s.primary_need, s.setting_urn, s.setting_name,
	s.setting_type, s.ncy, s.key_stage, s.issued_on, s.amended, s.services, s.personal,
	coalesce(s.personal_key, ''), s.personal_since, s.version, s.created_at, s.updated_at`

func scanSubjects(db *gorm.DB, query string, args ...any) ([]subject.Subject, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []subject.Subject
	for rows.Next() {
		var (
			s        subject.Subject
			kind     string
			services textArray
		)
		if err := rows.Scan(&s.ID, &kind, &s.LocalID, &s.PrimaryNeed, &s.SettingURN, &s.SettingName,
			&s.SettingType, &s.NCY, &s.KeyStage, &s.IssuedOn, &s.Amended, &services, &s.Sealed,
			&s.SealedKey, &s.PersonalSince, &s.Version, &s.CreatedAt, &s.UpdatedAt); err != nil {
			return nil, err
		}
		s.Kind, s.Services = instrument.SubjectKind(kind), []string(services)
		if s.Services == nil {
			s.Services = []string{}
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// subjectWhere turns a filter into conditions on the current tenant.
func subjectWhere(ctx context.Context, f subject.Filter) (string, []any) {
	where := []string{"s.tenant_id = ?"}
	args := []any{tenantOf(ctx)}
	add := func(cond string, v any) {
		where = append(where, cond)
		args = append(args, v)
	}
	if f.Kind != nil {
		add("s.kind = ?", string(*f.Kind))
	}
	if f.PrimaryNeed != nil {
		add("s.primary_need = ?", strings.ToUpper(*f.PrimaryNeed))
	}
	if f.KeyStage != nil {
		add("s.key_stage = ?", *f.KeyStage)
	}
	if f.SettingType != nil {
		add("lower(s.setting_type) = lower(?)", *f.SettingType)
	}
	if f.Service != nil {
		add("EXISTS (SELECT FROM unnest(s.services) v WHERE lower(v) = lower(?))", *f.Service)
	}
	if f.Query != nil && *f.Query != "" {
		add("upper(s.local_id) LIKE ?", escapeLike(strings.ToUpper(*f.Query))+"%")
	}
	return strings.Join(where, " AND "), args
}

// ListSubjects returns a page of the current tenant's subjects by local id.
func (Subjects) ListSubjects(
	ctx context.Context,
	f subject.Filter,
	p domain.Page,
) (domain.List[subject.Subject], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[subject.Subject]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[subject.Subject]{}, err
	}
	where, args := subjectWhere(ctx, f)
	if c.ID != "" {
		where += " AND (s.local_id, s.id) > (?, ?)"
		args = append(args, c.Key, c.ID)
	}
	args = append(args, p.Limit+1)
	list, err := scanSubjects(db, "SELECT "+subjectColumns+" FROM subjects s WHERE "+where+
		" ORDER BY s.local_id, s.id LIMIT ?", args...)
	if err != nil {
		return domain.List[subject.Subject]{}, translate(err, "subject")
	}
	return page(list, p.Limit, func(s subject.Subject) (string, string) {
		return s.LocalID, s.ID.String()
	}), nil
}

// ListAllSubjects returns up to limit subjects by local id.
func (Subjects) ListAllSubjects(ctx context.Context, f subject.Filter, limit int) ([]subject.Subject, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	where, args := subjectWhere(ctx, f)
	list, err := scanSubjects(db, "SELECT "+subjectColumns+" FROM subjects s WHERE "+where+
		" ORDER BY s.local_id, s.id LIMIT ?", append(args, limit)...)
	return list, translate(err, "subject")
}

// FindSubject returns one of the current tenant's subjects.
func (Subjects) FindSubject(ctx context.Context, id uuid.UUID) (subject.Subject, error) {
	db, err := conn(ctx)
	if err != nil {
		return subject.Subject{}, err
	}
	list, err := scanSubjects(db, "SELECT "+subjectColumns+
		" FROM subjects s WHERE s.tenant_id = ? AND s.id = ?", tenantOf(ctx), id)
	if err != nil {
		return subject.Subject{}, translate(err, "subject")
	}
	if len(list) == 0 {
		return subject.Subject{}, domain.NotFound("subject")
	}
	return list[0], nil
}

// SubjectIDsByLocalID maps upper-cased local ids to subject ids.
func (Subjects) SubjectIDsByLocalID(ctx context.Context, localIDs []string) (map[string]uuid.UUID, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	upper := make([]string, len(localIDs))
	for i, id := range localIDs {
		upper[i] = strings.ToUpper(id)
	}
	rows, err := db.Raw(`SELECT upper(local_id), id FROM subjects
		WHERE tenant_id = ? AND upper(local_id) = ANY (?::text[])`, tenantOf(ctx), textArray(upper)).Rows()
	if err != nil {
		return nil, translate(err, "subject")
	}
	defer rows.Close()
	out := map[string]uuid.UUID{}
	for rows.Next() {
		var (
			local string
			id    uuid.UUID
		)
		if err := rows.Scan(&local, &id); err != nil {
			return nil, err
		}
		out[local] = id
	}
	return out, rows.Err()
}

// subjectBatch is how many subjects one INSERT writes: 16 parameters a
// row keeps a batch well under PostgreSQL's 65535.
const subjectBatch = 1000

// SaveSubjects inserts or updates subjects by id, in batches of one
// statement each, so that a large import is a few round trips.
func (Subjects) SaveSubjects(ctx context.Context, subjects []subject.Subject) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	for start := 0; start < len(subjects); start += subjectBatch {
		batch := subjects[start:min(start+subjectBatch, len(subjects))]
		if err := saveSubjectBatch(ctx, db, batch); err != nil {
			return translate(err, "subject")
		}
	}
	return nil
}

func saveSubjectBatch(ctx context.Context, db *gorm.DB, batch []subject.Subject) error {
	values := make([]string, len(batch))
	args := make([]any, 0, 16*len(batch))
	for i, s := range batch {
		values[i] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::boolean, ?::text[], ?::bytea, ?, ?::timestamptz)"
		var issued *string
		if s.IssuedOn != nil {
			d := s.IssuedOn.Format(time.DateOnly)
			issued = &d
		}
		var (
			sealed []byte
			key    *string
			since  *time.Time
		)
		if s.HasPersonal() {
			sealed, key, since = s.Sealed, &s.SealedKey, s.PersonalSince
		}
		args = append(args, tenantOf(ctx), s.ID, string(s.Kind), s.LocalID, s.PrimaryNeed, s.SettingURN,
			s.SettingName, s.SettingType, s.NCY, s.KeyStage, issued, s.Amended, textArray(s.Services),
			sealed, key, since)
	}
	return db.Exec(`
		INSERT INTO subjects (tenant_id, id, kind, local_id, primary_need, setting_urn, setting_name,
			setting_type, ncy, key_stage, issued_on, amended, services, personal, personal_key,
			personal_since)
		VALUES `+strings.Join(values, ", ")+`
		ON CONFLICT (tenant_id, id) DO UPDATE SET
			kind = excluded.kind, local_id = excluded.local_id, primary_need = excluded.primary_need,
			setting_urn = excluded.setting_urn, setting_name = excluded.setting_name,
			setting_type = excluded.setting_type, ncy = excluded.ncy, key_stage = excluded.key_stage,
			issued_on = excluded.issued_on, amended = excluded.amended, services = excluded.services,
			personal = excluded.personal, personal_key = excluded.personal_key,
			personal_since = excluded.personal_since,
			version = subjects.version + 1, updated_at = now()`, args...).Error
}

// SettingsByURN reads the current tenant's register of schools and
// settings.
func (Subjects) SettingsByURN(ctx context.Context) (map[string]subject.Setting, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT urn, name, setting_type FROM organisations
		WHERE tenant_id = ? AND urn IS NOT NULL`, tenantOf(ctx)).Rows()
	if err != nil {
		return nil, translate(err, "organisation")
	}
	defer rows.Close()
	out := map[string]subject.Setting{}
	for rows.Next() {
		var urn string
		var s subject.Setting
		if err := rows.Scan(&urn, &s.Name, &s.Type); err != nil {
			return nil, err
		}
		out[urn] = s
	}
	return out, rows.Err()
}

// NeededPersonal reads the personal items of every instrument the tenant
// can use for a kind of subject: the built-in library at its newest
// versions, the tenant's published versions and the shared versions it
// layered.
func (Subjects) NeededPersonal(
	ctx context.Context,
	kind instrument.SubjectKind,
) ([]instrument.PersonalKind, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`
		SELECT DISTINCT item->>'personal_kind'
		FROM (SELECT DISTINCT ON (key) definition FROM library_instruments ORDER BY key, version DESC) d
		     CROSS JOIN jsonb_array_elements(d.definition->'sections') sec
		     CROSS JOIN jsonb_array_elements(sec->'items') item
		WHERE d.definition->>'subject' = ? AND item->>'kind' = 'personal'
		UNION
		SELECT item->>'personal_kind'
		FROM (SELECT definition FROM instrument_versions WHERE tenant_id = ? AND state = 'published'
		      UNION ALL
		      SELECT definition FROM instrument_uses WHERE tenant_id = ? AND kind = 'layer') d
		     CROSS JOIN jsonb_array_elements(d.definition->'sections') sec
		     CROSS JOIN jsonb_array_elements(sec->'items') item
		WHERE d.definition->>'subject' = ? AND item->>'kind' = 'personal'`,
		string(kind), tenantOf(ctx), tenantOf(ctx), string(kind)).Rows()
	if err != nil {
		return nil, translate(err, "instrument")
	}
	defer rows.Close()
	var out []instrument.PersonalKind
	for rows.Next() {
		var k *string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		if k != nil {
			out = append(out, instrument.PersonalKind(*k))
		}
	}
	return out, rows.Err()
}

// importSummary is what an import row keeps in its summary column.
type importSummary struct {
	Total    int               `json:"total"`
	Valid    int               `json:"valid"`
	New      int               `json:"new"`
	Updated  int               `json:"updated"`
	Rejected []importRejection `json:"rejected"`
	Ignored  []string          `json:"ignored"`
	Dropped  []string          `json:"dropped"`
}

type importRejection struct {
	Line     int                 `json:"line"`
	LocalID  string              `json:"local_id"`
	Problems []domain.FieldError `json:"problems"`
}

// CreateImport stores a previewed import.
func (Subjects) CreateImport(ctx context.Context, im subject.Import) (subject.Import, error) {
	db, err := conn(ctx)
	if err != nil {
		return subject.Import{}, err
	}
	sum := importSummary{Total: im.Total, Valid: im.Valid, New: im.New, Updated: im.Updated,
		Ignored: im.Ignored, Rejected: make([]importRejection, len(im.Rejected))}
	for i, r := range im.Rejected {
		sum.Rejected[i] = importRejection(r)
	}
	for _, d := range im.Dropped {
		sum.Dropped = append(sum.Dropped, string(d))
	}
	raw, err := json.Marshal(sum)
	if err != nil {
		return subject.Import{}, fmt.Errorf("encode import summary: %w", err)
	}
	err = db.Raw(`INSERT INTO subject_imports (tenant_id, id, kind, file_name, state, summary,
			rows_sealed, rows_key, created_by, expires_at)
		VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) RETURNING created_at`,
		tenantOf(ctx), im.ID, string(im.Kind), im.FileName, string(im.State), string(raw),
		im.SealedRows, im.SealedKey, ptr(im.CreatedBy), im.ExpiresAt).Row().Scan(&im.CreatedAt)
	return im, translate(err, "import")
}

// FindImport returns one of the current tenant's imports.
func (Subjects) FindImport(ctx context.Context, id uuid.UUID) (subject.Import, error) {
	db, err := conn(ctx)
	if err != nil {
		return subject.Import{}, err
	}
	var (
		im        subject.Import
		kind      string
		state     string
		raw       []byte
		createdBy *uuid.UUID
	)
	err = db.Raw(`SELECT id, kind, file_name, state, summary, rows_sealed, rows_key, created_by,
			created_at, confirmed_at, expires_at
		FROM subject_imports WHERE tenant_id = ? AND id = ?`, tenantOf(ctx), id).Row().
		Scan(&im.ID, &kind, &im.FileName, &state, &raw, &im.SealedRows, &im.SealedKey, &createdBy,
			&im.CreatedAt, &im.ConfirmedAt, &im.ExpiresAt)
	if errors.Is(err, sql.ErrNoRows) {
		return subject.Import{}, domain.NotFound("import")
	}
	if err != nil {
		return subject.Import{}, translate(err, "import")
	}
	var sum importSummary
	if err := json.Unmarshal(raw, &sum); err != nil {
		return subject.Import{}, fmt.Errorf("decode import summary: %w", err)
	}
	im.Kind, im.State, im.CreatedBy = instrument.SubjectKind(kind), subject.ImportState(state), deref(createdBy)
	im.Total, im.Valid, im.New, im.Updated, im.Ignored = sum.Total, sum.Valid, sum.New, sum.Updated, sum.Ignored
	im.Rejected = make([]subject.Rejection, len(sum.Rejected))
	for i, r := range sum.Rejected {
		im.Rejected[i] = subject.Rejection(r)
	}
	for _, d := range sum.Dropped {
		im.Dropped = append(im.Dropped, instrument.PersonalKind(d))
	}
	return im, nil
}

// ConfirmImport marks an import confirmed and drops its sealed rows.
func (Subjects) ConfirmImport(ctx context.Context, im subject.Import) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	res := db.Exec(`UPDATE subject_imports SET state = 'confirmed', confirmed_at = ?, rows_sealed = '',
			version = version + 1
		WHERE tenant_id = ? AND id = ? AND state = 'previewed'`, im.ConfirmedAt, tenantOf(ctx), im.ID)
	if res.Error != nil {
		return translate(res.Error, "import")
	}
	if res.RowsAffected == 0 {
		return domain.Conflict("this import was confirmed already")
	}
	return nil
}

// DeleteExpiredImports removes expired previews of the current tenant.
func (Subjects) DeleteExpiredImports(ctx context.Context, now time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`DELETE FROM subject_imports
		WHERE tenant_id = ? AND state = 'previewed' AND expires_at < ?`, tenantOf(ctx), now).Error, "import")
}

// FindRetention returns the tenant's rule, or the default.
func (Subjects) FindRetention(ctx context.Context) (subject.Retention, error) {
	db, err := conn(ctx)
	if err != nil {
		return subject.Retention{}, err
	}
	r := subject.Retention{Days: subject.DefaultRetentionDays}
	err = db.Raw(`SELECT retention_days, version FROM personal_data_rules WHERE tenant_id = ?`,
		tenantOf(ctx)).Row().Scan(&r.Days, &r.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return r, nil
	}
	return r, translate(err, "retention rule")
}

// SaveRetention writes the tenant's rule if it is still at r.Version.
func (Subjects) SaveRetention(ctx context.Context, r subject.Retention) (subject.Retention, error) {
	db, err := conn(ctx)
	if err != nil {
		return subject.Retention{}, err
	}
	out := subject.Retention{Days: r.Days}
	err = db.Raw(`INSERT INTO personal_data_rules (tenant_id, retention_days) VALUES (?, ?)
		ON CONFLICT (tenant_id) DO UPDATE SET retention_days = excluded.retention_days,
			version = personal_data_rules.version + 1, updated_at = now()
		WHERE personal_data_rules.version = ?
		RETURNING version`, tenantOf(ctx), r.Days, r.Version).Row().Scan(&out.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return subject.Retention{}, domain.Stale("the retention rule")
	}
	return out, translate(err, "retention rule")
}

// ListExpiredPersonal lists subjects with personal data stored before the
// given time.
func (Subjects) ListExpiredPersonal(ctx context.Context, before time.Time) ([]uuid.UUID, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	err = db.Raw(`SELECT id FROM subjects WHERE tenant_id = ? AND personal IS NOT NULL
		AND personal_since < ? ORDER BY id`, tenantOf(ctx), before).Scan(&ids).Error
	return ids, translate(err, "subject")
}

// PurgePersonal clears the subjects' personal data and, through the one
// function allowed to change the trail, its sealed copies there.
func (Subjects) PurgePersonal(ctx context.Context, ids []uuid.UUID) (int, error) {
	db, err := conn(ctx)
	if err != nil {
		return 0, err
	}
	list := make(textArray, len(ids))
	for i, id := range ids {
		list[i] = id.String()
	}
	err = db.Exec(`UPDATE subjects SET personal = NULL, personal_key = NULL, personal_since = NULL,
			version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ANY (?::text[]::uuid[])`, tenantOf(ctx), list).Error
	if err != nil {
		return 0, translate(err, "subject")
	}
	var n int
	err = db.Raw(`SELECT app_purge_trail_personal(?::text[]::uuid[])`, list).Row().Scan(&n)
	return n, translate(err, "audit event")
}

// ListSealedWithKeys lists subjects sealed with one of the keys.
func (Subjects) ListSealedWithKeys(ctx context.Context, keys []string, limit int) ([]subject.Subject, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	list, err := scanSubjects(db, "SELECT "+subjectColumns+` FROM subjects s
		WHERE s.tenant_id = ? AND s.personal IS NOT NULL AND s.personal_key = ANY (?::text[])
		ORDER BY s.id LIMIT ?`, tenantOf(ctx), textArray(keys), limit)
	return list, translate(err, "subject")
}

// UpdateSealed saves a subject's personal data sealed again.
func (Subjects) UpdateSealed(ctx context.Context, s subject.Subject) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`UPDATE subjects SET personal = ?, personal_key = ?
		WHERE tenant_id = ? AND id = ?`, s.Sealed, s.SealedKey, tenantOf(ctx), s.ID).Error, "subject")
}

// ListSubjectRounds lists the rounds a subject was sampled in.
func (Subjects) ListSubjectRounds(ctx context.Context, id uuid.UUID) ([]subject.SubjectRound, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT r.id, r.name, coalesce(p.name, ''), rs.status
		FROM round_subjects rs
		JOIN rounds r ON r.tenant_id = rs.tenant_id AND r.id = rs.round_id
		LEFT JOIN people p ON p.id = rs.auditor_id
		WHERE rs.tenant_id = ? AND rs.subject_id = ? ORDER BY r.created_at`, tenantOf(ctx), id).Rows()
	if err != nil {
		return nil, translate(err, "round")
	}
	defer rows.Close()
	var out []subject.SubjectRound
	for rows.Next() {
		var r subject.SubjectRound
		if err := rows.Scan(&r.RoundID, &r.RoundName, &r.AuditorName, &r.Status); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RecordEvents appends many events to the current tenant's trail at once.
func (Subjects) RecordEvents(ctx context.Context, events []audit.Event) error {
	if len(events) == 0 {
		return nil
	}
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	rows := make([]auditRow, len(events))
	for i, e := range events {
		if rows[i], err = auditToRow(e); err != nil {
			return err
		}
	}
	return translate(db.CreateInBatches(rows, 1000).Error, "audit event")
}
