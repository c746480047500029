package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/visit"
)

// Visits keeps young people's site visits, their people and photos,
// safeguarding concerns, and reads young people's accounts.
type Visits struct{}

var _ visit.Store = Visits{}

// hiddenPart is how a hidden part of a visit is kept in its JSON column.
type hiddenPart struct {
	Item   string `json:"item"`
	Reason string `json:"reason"`
}

const visitColumns = `v.id, v.organisation_id, coalesce(o.name, ''), v.place, v.visit_date, v.state,
	v.answers, coalesce(v.overall_label, ''), v.ratings, v.hidden, v.review_note, v.safeguarding,
	v.answer, v.created_by, v.submitted_at, v.approved_by, v.approved_at, v.answered_by,
	v.answered_at, v.version, v.created_at, v.updated_at
	FROM visits v
	LEFT JOIN organisations o ON o.tenant_id = v.tenant_id AND o.id = v.organisation_id`

func scanVisit(rows *sql.Rows) (visit.Visit, error) {
	var (
		v                             visit.Visit
		org, approvedBy, answeredBy   *uuid.UUID
		state                         string
		ratings, hidden               []byte
		submitted, approved, answered sql.NullTime
	)
	err := rows.Scan(&v.ID, &org, &v.OrganisationName, &v.Place, &v.VisitDate, &state, &v.Answers,
		&v.OverallLabel, &ratings, &hidden, &v.ReviewNote, &v.Safeguarding, &v.Answer, &v.CreatedBy,
		&submitted, &approvedBy, &approved, &answeredBy, &answered, &v.Version, &v.CreatedAt,
		&v.UpdatedAt)
	if err != nil {
		return visit.Visit{}, err
	}
	v.OrganisationID, v.ApprovedBy, v.AnsweredBy = deref(org), deref(approvedBy), deref(answeredBy)
	v.State = visit.State(state)
	v.SubmittedAt, v.ApprovedAt, v.AnsweredAt = nullTime(submitted), nullTime(approved),
		nullTime(answered)
	if err := json.Unmarshal(ratings, &v.Ratings); err != nil {
		return visit.Visit{}, fmt.Errorf("read ratings: %w", err)
	}
	var parts []hiddenPart
	if err := json.Unmarshal(hidden, &parts); err != nil {
		return visit.Visit{}, fmt.Errorf("read hidden parts: %w", err)
	}
	for _, p := range parts {
		v.Hidden = append(v.Hidden, visit.Hidden{Item: p.Item, Reason: p.Reason})
	}
	return v, nil
}

func nullTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func queryVisits(db *gorm.DB, query string, args ...any) ([]visit.Visit, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []visit.Visit
	for rows.Next() {
		v, err := scanVisit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// CreateVisit stores a new visit and who went.
func (st Visits) CreateVisit(ctx context.Context, v visit.Visit) (visit.Visit, error) {
	db, err := conn(ctx)
	if err != nil {
		return visit.Visit{}, err
	}
	err = db.Exec(`INSERT INTO visits (id, tenant_id, organisation_id, place, visit_date, state,
			answers, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)`, v.ID, tenantOf(ctx), nilUUID(v.OrganisationID),
		v.Place, v.VisitDate, string(v.State), string(v.Answers), v.CreatedBy).Error
	if err != nil {
		return visit.Visit{}, translate(err, "visit")
	}
	if err := savePeople(db, tenantOf(ctx), v.ID, v.People); err != nil {
		return visit.Visit{}, err
	}
	return st.FindVisit(ctx, v.ID, false)
}

func nilUUID(id uuid.UUID) *uuid.UUID {
	if id == uuid.Nil {
		return nil
	}
	return &id
}

func savePeople(db *gorm.DB, tenant, visitID uuid.UUID, people []visit.Person) error {
	err := db.Exec(`DELETE FROM visit_people WHERE tenant_id = ? AND visit_id = ?`, tenant, visitID).Error
	if err != nil {
		return translate(err, "visit")
	}
	for _, p := range people {
		err := db.Exec(`INSERT INTO visit_people (tenant_id, visit_id, person_id) VALUES (?, ?, ?)`,
			tenant, visitID, p.ID).Error
		if err != nil {
			return translate(err, "visit")
		}
	}
	return nil
}

// FindVisit returns one of the tenant's visits with its people, photos and
// the actions raised from it.
func (Visits) FindVisit(ctx context.Context, id uuid.UUID, lock bool) (visit.Visit, error) {
	db, err := conn(ctx)
	if err != nil {
		return visit.Visit{}, err
	}
	q := "SELECT " + visitColumns + " WHERE v.tenant_id = ? AND v.id = ?"
	if lock {
		q += " FOR UPDATE OF v"
	}
	list, err := queryVisits(db, q, tenantOf(ctx), id)
	if err != nil {
		return visit.Visit{}, translate(err, "visit")
	}
	if len(list) == 0 {
		return visit.Visit{}, domain.NotFound("visit")
	}
	v := list[0]
	if err := fillPeople(db, tenantOf(ctx), []*visit.Visit{&v}); err != nil {
		return visit.Visit{}, err
	}
	if v.Photos, err = listPhotos(db, tenantOf(ctx), id); err != nil {
		return visit.Visit{}, err
	}
	if v.Actions, err = listVisitActions(db, tenantOf(ctx), id); err != nil {
		return visit.Visit{}, err
	}
	return v, nil
}

func fillPeople(db *gorm.DB, tenant uuid.UUID, visits []*visit.Visit) error {
	if len(visits) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(visits))
	byID := map[uuid.UUID]*visit.Visit{}
	for i, v := range visits {
		ids[i], byID[v.ID] = v.ID, v
	}
	rows, err := db.Raw(`SELECT vp.visit_id, p.id, p.name FROM visit_people vp
		JOIN people p ON p.id = vp.person_id
		WHERE vp.tenant_id = ? AND vp.visit_id IN ? ORDER BY lower(p.name), p.id`, tenant, ids).Rows()
	if err != nil {
		return translate(err, "visit")
	}
	defer rows.Close()
	for rows.Next() {
		var (
			visitID uuid.UUID
			p       visit.Person
		)
		if err := rows.Scan(&visitID, &p.ID, &p.FirstName); err != nil {
			return err
		}
		byID[visitID].People = append(byID[visitID].People, p)
	}
	return rows.Err()
}

func listPhotos(db *gorm.DB, tenant, visitID uuid.UUID) ([]visit.Photo, error) {
	rows, err := db.Raw(`SELECT id, visit_id, content_type, size, blob_key, hidden, uploaded_by,
			created_at
		FROM visit_photos WHERE tenant_id = ? AND visit_id = ? ORDER BY created_at, id`,
		tenant, visitID).Rows()
	if err != nil {
		return nil, translate(err, "photo")
	}
	defer rows.Close()
	var out []visit.Photo
	for rows.Next() {
		var p visit.Photo
		if err := rows.Scan(&p.ID, &p.VisitID, &p.ContentType, &p.Size, &p.BlobKey, &p.Hidden,
			&p.UploadedBy, &p.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func listVisitActions(db *gorm.DB, tenant, visitID uuid.UUID) ([]visit.ActionRef, error) {
	rows, err := db.Raw(`SELECT id, title, due_on, status FROM actions
		WHERE tenant_id = ? AND source_kind = 'visit' AND source_id = ? ORDER BY due_on, id`,
		tenant, visitID).Rows()
	if err != nil {
		return nil, translate(err, "action")
	}
	defer rows.Close()
	var out []visit.ActionRef
	for rows.Next() {
		var a visit.ActionRef
		if err := rows.Scan(&a.ID, &a.Title, &a.DueOn, &a.Status); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// fillActions reads the actions raised from answered visits, so that a
// list shows what the services will do.
func fillActions(db *gorm.DB, tenant uuid.UUID, visits []*visit.Visit) error {
	byID := map[uuid.UUID]*visit.Visit{}
	var ids []uuid.UUID
	for _, v := range visits {
		if v.State == visit.Answered {
			ids, byID[v.ID] = append(ids, v.ID), v
		}
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := db.Raw(`SELECT source_id, id, title, due_on, status FROM actions
		WHERE tenant_id = ? AND source_kind = 'visit' AND source_id IN ? ORDER BY due_on, id`,
		tenant, ids).Rows()
	if err != nil {
		return translate(err, "action")
	}
	defer rows.Close()
	for rows.Next() {
		var (
			visitID uuid.UUID
			a       visit.ActionRef
		)
		if err := rows.Scan(&visitID, &a.ID, &a.Title, &a.DueOn, &a.Status); err != nil {
			return err
		}
		byID[visitID].Actions = append(byID[visitID].Actions, a)
	}
	return rows.Err()
}

// ListVisits lists visits, the latest visit first.
func (Visits) ListVisits(ctx context.Context, f visit.Filter,
	pg domain.Page) (domain.List[visit.Visit], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[visit.Visit]{}, err
	}
	c, err := decodeCursor(pg.Cursor)
	if err != nil {
		return domain.List[visit.Visit]{}, err
	}
	where, args := []string{"v.tenant_id = ?"}, []any{tenantOf(ctx)}
	if f.ParticipantID != nil {
		where = append(where, `EXISTS (SELECT 1 FROM visit_people vp WHERE vp.tenant_id = v.tenant_id
			AND vp.visit_id = v.id AND vp.person_id = ?)`)
		args = append(args, *f.ParticipantID)
	}
	if len(f.States) > 0 {
		states := make([]string, len(f.States))
		for i, s := range f.States {
			states[i] = string(s)
		}
		where, args = append(where, "v.state IN ?"), append(args, states)
	}
	if f.NoSafeguarding {
		where = append(where, "NOT v.safeguarding")
	}
	if f.LeadID != nil {
		where = append(where, `EXISTS (SELECT 1 FROM action_plans ap WHERE ap.tenant_id = v.tenant_id
			AND ap.kind = 'local' AND ap.organisation_id = v.organisation_id AND ap.lead_id = ?)`)
		args = append(args, *f.LeadID)
	}
	if f.OrganisationID != nil {
		where, args = append(where, "v.organisation_id = ?"), append(args, *f.OrganisationID)
	}
	if c.ID != "" {
		where = append(where, "(v.visit_date, v.id) < (?::date, ?::uuid)")
		args = append(args, c.Key, c.ID)
	}
	list, err := queryVisits(db, "SELECT "+visitColumns+" WHERE "+strings.Join(where, " AND ")+
		" ORDER BY v.visit_date DESC, v.id DESC LIMIT ?", append(args, pg.Limit+1)...)
	if err != nil {
		return domain.List[visit.Visit]{}, translate(err, "visit")
	}
	ptrs := make([]*visit.Visit, len(list))
	for i := range list {
		ptrs[i] = &list[i]
	}
	if err := fillPeople(db, tenantOf(ctx), ptrs); err != nil {
		return domain.List[visit.Visit]{}, err
	}
	if err := fillActions(db, tenantOf(ctx), ptrs); err != nil {
		return domain.List[visit.Visit]{}, err
	}
	return page(list, pg.Limit, func(v visit.Visit) (string, string) {
		return v.VisitDate.Format(time.DateOnly), v.ID.String()
	}), nil
}

// SaveVisit writes a visit loaded at version, with its people and which
// photos are hidden.
func (st Visits) SaveVisit(ctx context.Context, v visit.Visit, version int) (visit.Visit, error) {
	db, err := conn(ctx)
	if err != nil {
		return visit.Visit{}, err
	}
	ratings, err := json.Marshal(v.Ratings)
	if err != nil {
		return visit.Visit{}, err
	}
	parts := make([]hiddenPart, len(v.Hidden))
	for i, h := range v.Hidden {
		parts[i] = hiddenPart{Item: h.Item, Reason: h.Reason}
	}
	hidden, err := json.Marshal(parts)
	if err != nil {
		return visit.Visit{}, err
	}
	res := db.Exec(`UPDATE visits SET organisation_id = ?, place = ?, visit_date = ?, state = ?,
			answers = ?::jsonb, overall_label = nullif(?, ''), ratings = ?::jsonb, hidden = ?::jsonb,
			review_note = ?, safeguarding = ?, answer = ?, submitted_at = ?, approved_by = ?,
			approved_at = ?, answered_by = ?, answered_at = ?, version = version + 1,
			updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`,
		nilUUID(v.OrganisationID), v.Place, v.VisitDate, string(v.State), string(v.Answers),
		v.OverallLabel, string(ratings), string(hidden), v.ReviewNote, v.Safeguarding, v.Answer,
		v.SubmittedAt, nilUUID(v.ApprovedBy), v.ApprovedAt, nilUUID(v.AnsweredBy), v.AnsweredAt,
		tenantOf(ctx), v.ID, version)
	if res.Error != nil {
		return visit.Visit{}, translate(res.Error, "visit")
	}
	if res.RowsAffected == 0 {
		return visit.Visit{}, domain.Stale("the visit")
	}
	if err := savePeople(db, tenantOf(ctx), v.ID, v.People); err != nil {
		return visit.Visit{}, err
	}
	hiddenPhotos := []uuid.UUID{}
	for _, p := range v.Photos {
		if p.Hidden {
			hiddenPhotos = append(hiddenPhotos, p.ID)
		}
	}
	err = db.Exec(`UPDATE visit_photos SET hidden = (id::text = ANY(string_to_array(?, ',')))
		WHERE tenant_id = ? AND visit_id = ?`, joinIDs(hiddenPhotos), tenantOf(ctx), v.ID).Error
	if err != nil {
		return visit.Visit{}, translate(err, "photo")
	}
	return st.FindVisit(ctx, v.ID, false)
}

func joinIDs(ids []uuid.UUID) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = id.String()
	}
	return strings.Join(s, ",")
}

// AddPhoto records a stored photo.
func (Visits) AddPhoto(ctx context.Context, p visit.Photo) (visit.Photo, error) {
	db, err := conn(ctx)
	if err != nil {
		return visit.Photo{}, err
	}
	err = db.Raw(`INSERT INTO visit_photos (id, tenant_id, visit_id, content_type, size, blob_key,
			uploaded_by)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING created_at`, p.ID, tenantOf(ctx), p.VisitID,
		p.ContentType, p.Size, p.BlobKey, p.UploadedBy).Row().Scan(&p.CreatedAt)
	return p, translate(err, "photo")
}

// FindPhoto returns one of the tenant's photos.
func (Visits) FindPhoto(ctx context.Context, id uuid.UUID) (visit.Photo, error) {
	db, err := conn(ctx)
	if err != nil {
		return visit.Photo{}, err
	}
	var p visit.Photo
	err = db.Raw(`SELECT id, visit_id, content_type, size, blob_key, hidden, uploaded_by, created_at
		FROM visit_photos WHERE tenant_id = ? AND id = ?`, tenantOf(ctx), id).Row().
		Scan(&p.ID, &p.VisitID, &p.ContentType, &p.Size, &p.BlobKey, &p.Hidden, &p.UploadedBy,
			&p.CreatedAt)
	if err == sql.ErrNoRows {
		return visit.Photo{}, domain.NotFound("photo")
	}
	return p, translate(err, "photo")
}

// AddConcern records a safeguarding concern.
func (Visits) AddConcern(ctx context.Context, c visit.Concern) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`INSERT INTO safeguarding_concerns (id, tenant_id, visit_id, note,
			raised_by)
		VALUES (?, ?, ?, ?, ?)`, c.ID, tenantOf(ctx), c.VisitID, c.Note, c.RaisedBy).Error,
		"safeguarding concern")
}

// ListYoungPeople lists the tenant's young people with a login, by first
// name.
func (Visits) ListYoungPeople(ctx context.Context) ([]visit.YoungPerson, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT p.id, p.name, l.code_issued_at, l.passphrase_hash IS NOT NULL,
			l.last_sign_in_at
		FROM young_person_logins l
		JOIN people p ON p.id = l.person_id
		JOIN memberships m ON m.tenant_id = l.tenant_id AND m.person_id = l.person_id
		WHERE l.tenant_id = ? AND 'young_person' = ANY (m.roles)
		ORDER BY lower(p.name), p.id`, tenantOf(ctx)).Rows()
	if err != nil {
		return nil, translate(err, "young person")
	}
	defer rows.Close()
	var out []visit.YoungPerson
	for rows.Next() {
		var (
			y    visit.YoungPerson
			last sql.NullTime
		)
		if err := rows.Scan(&y.ID, &y.FirstName, &y.CodeIssuedAt, &y.HasPassphrase, &last); err != nil {
			return nil, err
		}
		if last.Valid {
			y.LastSignInAt = last.Time
		}
		out = append(out, y)
	}
	return out, rows.Err()
}

// IsOrganisation reports whether the organisation is the current tenant's.
func (Visits) IsOrganisation(ctx context.Context, id uuid.UUID) (bool, error) {
	return exists(ctx, `SELECT EXISTS (SELECT 1 FROM organisations WHERE tenant_id = ? AND id = ?)`,
		tenantOf(ctx), id)
}
