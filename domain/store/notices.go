package store

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/response"
)

const evidenceColumns = `id, response_id, provider_audit_id, item_id, file_name, content_type, size_bytes, sha256, blob_key,
	scan_state, scanned_at, uploaded_by, created_at`

func scanEvidence(db *gorm.DB, query string, args ...any) ([]response.Evidence, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []response.Evidence{}
	for rows.Next() {
		var (
			e     response.Evidence
			state string
			by    *uuid.UUID
			resp  *uuid.UUID
			audit *uuid.UUID
		)
		if err := rows.Scan(&e.ID, &resp, &audit, &e.ItemID, &e.FileName, &e.ContentType, &e.Size, &e.SHA256,
			&e.BlobKey, &state, &e.ScannedAt, &by, &e.CreatedAt); err != nil {
			return nil, err
		}
		e.ScanState, e.UploadedBy = response.ScanState(state), deref(by)
		e.ResponseID, e.ProviderAuditID = deref(resp), deref(audit)
		out = append(out, e)
	}
	return out, rows.Err()
}

// CreateEvidence stores an evidence file's record.
func (st Responses) CreateEvidence(ctx context.Context, e response.Evidence) (response.Evidence, error) {
	db, err := conn(ctx)
	if err != nil {
		return response.Evidence{}, err
	}
	err = db.Exec(`INSERT INTO evidence_files (tenant_id, id, response_id, provider_audit_id, item_id,
			file_name, content_type, size_bytes, sha256, blob_key, scan_state, scanned_at, uploaded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? = 'pending' THEN NULL ELSE now() END, ?)`,
		tenantOf(ctx), e.ID, ptr(e.ResponseID), ptr(e.ProviderAuditID), e.ItemID, e.FileName, e.ContentType, e.Size, e.SHA256, e.BlobKey,
		string(e.ScanState), string(e.ScanState), ptr(e.UploadedBy)).Error
	if err != nil {
		return response.Evidence{}, translate(err, "evidence file")
	}
	return st.FindEvidence(ctx, e.ID)
}

// FindEvidence returns one evidence file's record.
func (Responses) FindEvidence(ctx context.Context, id uuid.UUID) (response.Evidence, error) {
	db, err := conn(ctx)
	if err != nil {
		return response.Evidence{}, err
	}
	list, err := scanEvidence(db, "SELECT "+evidenceColumns+
		" FROM evidence_files WHERE tenant_id = ? AND id = ?", tenantOf(ctx), id)
	if err != nil {
		return response.Evidence{}, translate(err, "evidence file")
	}
	if len(list) == 0 {
		return response.Evidence{}, domain.NotFound("evidence file")
	}
	return list[0], nil
}

// ListEvidence lists a response's files, oldest first.
func (Responses) ListEvidence(ctx context.Context, responseID uuid.UUID) ([]response.Evidence, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	list, err := scanEvidence(db, "SELECT "+evidenceColumns+
		" FROM evidence_files WHERE tenant_id = ? AND response_id = ? ORDER BY created_at, id",
		tenantOf(ctx), responseID)
	return list, translate(err, "evidence file")
}

// ListAuditEvidence lists a provider audit's files, oldest first.
func (Responses) ListAuditEvidence(ctx context.Context, auditID uuid.UUID) ([]response.Evidence, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	list, err := scanEvidence(db, "SELECT "+evidenceColumns+
		" FROM evidence_files WHERE tenant_id = ? AND provider_audit_id = ? ORDER BY created_at, id",
		tenantOf(ctx), auditID)
	return list, translate(err, "evidence file")
}

// SetScanState records a scan's outcome.
func (Responses) SetScanState(ctx context.Context, id uuid.UUID, s response.ScanState, at time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`UPDATE evidence_files SET scan_state = ?, scanned_at = ?
		WHERE tenant_id = ? AND id = ?`, string(s), at, tenantOf(ctx), id).Error, "evidence file")
}

const notificationColumns = `id, person_id, kind, title, body, link, dedupe_key, read_at, mailed_at, created_at`

func scanNotifications(db *gorm.DB, query string, args ...any) ([]response.Notification, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []response.Notification
	for rows.Next() {
		var (
			n    response.Notification
			kind string
		)
		if err := rows.Scan(&n.ID, &n.PersonID, &kind, &n.Title, &n.Body, &n.Link, &n.DedupeKey, &n.ReadAt,
			&n.MailedAt, &n.CreatedAt); err != nil {
			return nil, err
		}
		n.Kind = response.NoticeKind(kind)
		out = append(out, n)
	}
	return out, rows.Err()
}

// AddNotification stores a notice unless its dedupe key is taken.
func (Responses) AddNotification(
	ctx context.Context, n response.Notification,
) (response.Notification, bool, error) {
	db, err := conn(ctx)
	if err != nil {
		return response.Notification{}, false, err
	}
	res := db.Exec(`INSERT INTO notifications (tenant_id, id, person_id, kind, title, body, link, dedupe_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, dedupe_key) DO NOTHING`,
		tenantOf(ctx), n.ID, n.PersonID, string(n.Kind), n.Title, n.Body, n.Link, n.DedupeKey)
	if res.Error != nil {
		return response.Notification{}, false, translate(res.Error, "notification")
	}
	list, err := scanNotifications(db, "SELECT "+notificationColumns+
		" FROM notifications WHERE tenant_id = ? AND dedupe_key = ? FOR UPDATE", tenantOf(ctx), n.DedupeKey)
	if err != nil || len(list) == 0 {
		return response.Notification{}, false, fmt.Errorf("read notification back: %w", translate(err, "notification"))
	}
	return list[0], res.RowsAffected == 1, nil
}

// MarkMailed records that a notice's e-mail went.
func (Responses) MarkMailed(ctx context.Context, id uuid.UUID, at time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`UPDATE notifications SET mailed_at = ? WHERE tenant_id = ? AND id = ?`,
		at, tenantOf(ctx), id).Error, "notification")
}

// ListNotifications lists a person's notices, newest first.
func (Responses) ListNotifications(
	ctx context.Context,
	personID uuid.UUID,
	p domain.Page,
) (domain.List[response.Notification], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[response.Notification]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[response.Notification]{}, err
	}
	where, args := "tenant_id = ? AND person_id = ?", []any{tenantOf(ctx), personID}
	if c.ID != "" {
		where += " AND (created_at, id) < (?::timestamptz, ?::uuid)"
		args = append(args, c.Key, c.ID)
	}
	list, err := scanNotifications(db, "SELECT "+notificationColumns+" FROM notifications WHERE "+where+
		" ORDER BY created_at DESC, id DESC LIMIT ?", append(args, p.Limit+1)...)
	if err != nil {
		return domain.List[response.Notification]{}, translate(err, "notification")
	}
	return page(list, p.Limit, func(n response.Notification) (string, string) {
		return n.CreatedAt.Format(time.RFC3339Nano), n.ID.String()
	}), nil
}

// MarkRead marks one of a person's notices read.
func (Responses) MarkRead(ctx context.Context, personID, id uuid.UUID, at time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	res := db.Exec(`UPDATE notifications SET read_at = coalesce(read_at, ?)
		WHERE tenant_id = ? AND person_id = ? AND id = ?`, at, tenantOf(ctx), personID, id)
	if res.Error != nil {
		return translate(res.Error, "notification")
	}
	if res.RowsAffected == 0 {
		return domain.NotFound("notification")
	}
	return nil
}

// FindPreference returns a person's e-mail preference: e-mail on until
// they choose.
func (Responses) FindPreference(ctx context.Context, personID uuid.UUID) (response.Preference, error) {
	db, err := conn(ctx)
	if err != nil {
		return response.Preference{}, err
	}
	p := response.Preference{PersonID: personID, Email: true}
	rows, err := db.Raw(`SELECT email, version FROM notification_preferences
		WHERE tenant_id = ? AND person_id = ?`, tenantOf(ctx), personID).Rows()
	if err != nil {
		return p, translate(err, "preference")
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&p.Email, &p.Version); err != nil {
			return p, err
		}
	}
	return p, rows.Err()
}

// SavePreference records a person's e-mail preference if it is still at
// version (zero before the first).
func (st Responses) SavePreference(
	ctx context.Context, p response.Preference, version int,
) (response.Preference, error) {
	db, err := conn(ctx)
	if err != nil {
		return response.Preference{}, err
	}
	var res *gorm.DB
	if version == 0 {
		res = db.Exec(`INSERT INTO notification_preferences (tenant_id, person_id, email) VALUES (?, ?, ?)
			ON CONFLICT (tenant_id, person_id) DO NOTHING`, tenantOf(ctx), p.PersonID, p.Email)
	} else {
		res = db.Exec(`UPDATE notification_preferences SET email = ?, version = version + 1, updated_at = now()
			WHERE tenant_id = ? AND person_id = ? AND version = ?`, p.Email, tenantOf(ctx), p.PersonID, version)
	}
	if res.Error != nil {
		return response.Preference{}, translate(res.Error, "preference")
	}
	if res.RowsAffected == 0 {
		return response.Preference{}, domain.Stale("your e-mail preference")
	}
	return st.FindPreference(ctx, p.PersonID)
}

// FindPerson returns a member's name and e-mail address.
func (Responses) FindPerson(ctx context.Context, id uuid.UUID) (response.Person, error) {
	db, err := conn(ctx)
	if err != nil {
		return response.Person{}, err
	}
	p := response.Person{ID: id}
	rows, err := db.Raw(`SELECT p.name, p.email FROM people p
		JOIN memberships m ON m.person_id = p.id AND m.tenant_id = ?
		WHERE p.id = ?`, tenantOf(ctx), id).Rows()
	if err != nil {
		return p, translate(err, "person")
	}
	defer rows.Close()
	if !rows.Next() {
		return p, domain.NotFound("person")
	}
	return p, rows.Scan(&p.Name, &p.Email)
}

// FindTenantLabel returns the current tenant's name and slug.
func (Responses) FindTenantLabel(ctx context.Context) (name, slug string, err error) {
	db, err := conn(ctx)
	if err != nil {
		return "", "", err
	}
	err = db.Raw(`SELECT name, slug FROM tenants WHERE id = ?`, tenantOf(ctx)).Row().
		Scan(&name, &slug)
	return name, slug, translate(err, "tenant")
}
