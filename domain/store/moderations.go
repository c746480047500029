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
	"sendqa/domain/moderation"
)

// Moderations keeps moderations of responses and the feedback sent to
// services.
type Moderations struct{}

var _ moderation.Store = Moderations{}

// firstFrom joins a response to its round, subject and auditor.
const firstFrom = ` FROM responses r
	JOIN rounds rd ON rd.tenant_id = r.tenant_id AND rd.id = r.round_id
	JOIN round_subjects rs ON rs.tenant_id = r.tenant_id AND rs.id = r.allocation_id
	JOIN subjects s ON s.tenant_id = r.tenant_id AND s.id = rs.subject_id
	JOIN people pa ON pa.id = r.auditor_id`

const firstColumns = `r.id, r.round_id, rd.name, r.auditor_id, pa.name, s.local_id, s.services,
	r.instrument_key, r.instrument_version, r.answers, r.result`

const moderationQuery = `SELECT m.id, m.moderator_id, pm.name, m.state, m.answers, m.result, m.submitted_at,
	m.due_on, m.discussion, coalesce(m.agreed_label, ''), m.agreed_by, m.agreed_at, m.saved_by, m.version,
	m.created_at, m.updated_at, ` + firstColumns + `
	FROM moderations m
	JOIN people pm ON pm.id = m.moderator_id
	JOIN responses r ON r.tenant_id = m.tenant_id AND r.id = m.response_id
	JOIN rounds rd ON rd.tenant_id = r.tenant_id AND rd.id = r.round_id
	JOIN round_subjects rs ON rs.tenant_id = r.tenant_id AND rs.id = r.allocation_id
	JOIN subjects s ON s.tenant_id = r.tenant_id AND s.id = rs.subject_id
	JOIN people pa ON pa.id = r.auditor_id
	WHERE m.tenant_id = ?`

func scanFirst(f *moderation.First) ([]any, func() error) {
	var (
		services textArray
		result   []byte
	)
	dest := []any{&f.ResponseID, &f.RoundID, &f.RoundName, &f.AuditorID, &f.AuditorName, &f.LocalID,
		&services, &f.InstrumentKey, &f.InstrumentVersion, &f.Answers, &result}
	return dest, func() error {
		f.Services = services
		if result == nil {
			return nil
		}
		r, err := decodeResult(result)
		f.Result = &r
		return err
	}
}

func queryModerations(db *gorm.DB, query string, args ...any) ([]moderation.Record, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []moderation.Record
	for rows.Next() {
		var (
			m                 moderation.Record
			state             string
			result            []byte
			agreedBy, savedBy *uuid.UUID
		)
		firstDest, finish := scanFirst(&m.First)
		err := rows.Scan(append([]any{&m.ID, &m.ModeratorID, &m.ModeratorName, &state, &m.Answers, &result,
			&m.SubmittedAt, &m.DueOn, &m.Discussion, &m.AgreedLabel, &agreedBy, &m.AgreedAt, &savedBy,
			&m.Version, &m.CreatedAt, &m.UpdatedAt}, firstDest...)...)
		if err != nil {
			return nil, err
		}
		if err := finish(); err != nil {
			return nil, err
		}
		m.State, m.AgreedBy, m.SavedBy = moderation.State(state), deref(agreedBy), deref(savedBy)
		if result != nil {
			r, err := decodeResult(result)
			if err != nil {
				return nil, err
			}
			m.Result = &r
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ListCandidates lists a round's submitted responses without a moderation.
func (Moderations) ListCandidates(ctx context.Context, roundID uuid.UUID) ([]moderation.Candidate, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT r.id, r.auditor_id, s.local_id, s.services`+firstFrom+`
		WHERE r.tenant_id = ? AND r.round_id = ? AND r.state = 'submitted'
			AND NOT EXISTS (SELECT 1 FROM moderations m WHERE m.tenant_id = r.tenant_id AND m.response_id = r.id)
		ORDER BY s.local_id`, tenantOf(ctx), roundID).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []moderation.Candidate
	for rows.Next() {
		var (
			c        moderation.Candidate
			services textArray
		)
		if err := rows.Scan(&c.ResponseID, &c.AuditorID, &c.LocalID, &services); err != nil {
			return nil, err
		}
		c.Services = services
		out = append(out, c)
	}
	return out, rows.Err()
}

// CountByModerator counts each moderator's moderations.
func (Moderations) CountByModerator(ctx context.Context) (map[uuid.UUID]int, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT moderator_id, count(*) FROM moderations WHERE tenant_id = ?
		GROUP BY moderator_id`, tenantOf(ctx)).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[uuid.UUID]int{}
	for rows.Next() {
		var (
			id uuid.UUID
			n  int
		)
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// CreateModeration stores a new moderation.
func (Moderations) CreateModeration(ctx context.Context, r moderation.Record) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	err = db.Exec(`INSERT INTO moderations (tenant_id, id, round_id, response_id, moderator_id, state, due_on)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, tenantOf(ctx), r.ID, r.First.RoundID, r.First.ResponseID, r.ModeratorID,
		string(r.State), r.DueOn.Format(time.DateOnly)).Error
	return translate(err, "moderation")
}

// FindModeration returns one moderation with its first audit.
func (Moderations) FindModeration(ctx context.Context, id uuid.UUID, lock bool) (moderation.Record, error) {
	db, err := conn(ctx)
	if err != nil {
		return moderation.Record{}, err
	}
	q := moderationQuery + " AND m.id = ?"
	if lock {
		q += " FOR UPDATE OF m"
	}
	list, err := queryModerations(db, q, tenantOf(ctx), id)
	if err != nil {
		return moderation.Record{}, translate(err, "moderation")
	}
	if len(list) == 0 {
		return moderation.Record{}, domain.NotFound("moderation")
	}
	return list[0], nil
}

// ListModerations lists moderations by subject.
func (Moderations) ListModerations(ctx context.Context, f moderation.Filter) ([]moderation.Record, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	q, args := moderationQuery, []any{tenantOf(ctx)}
	if f.RoundID != nil {
		q, args = q+" AND m.round_id = ?", append(args, *f.RoundID)
	}
	if f.ModeratorID != nil {
		q, args = q+" AND m.moderator_id = ?", append(args, *f.ModeratorID)
	}
	return queryModerations(db, q+" ORDER BY m.due_on, s.local_id, m.id", args...)
}

// SaveModeration saves a moderation if it is still at version.
func (st Moderations) SaveModeration(ctx context.Context, r moderation.Record,
	version int) (moderation.Record, error) {
	db, err := conn(ctx)
	if err != nil {
		return moderation.Record{}, err
	}
	var result []byte
	if r.Result != nil {
		if result, err = encodeResult(*r.Result); err != nil {
			return moderation.Record{}, err
		}
	}
	var label *string
	if r.AgreedLabel != "" {
		label = &r.AgreedLabel
	}
	res := db.Exec(`UPDATE moderations SET state = ?, answers = ?, result = ?, submitted_at = ?,
			discussion = ?, agreed_label = ?, agreed_by = ?, agreed_at = ?, saved_by = ?,
			version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`, string(r.State), string(r.Answers), result,
		r.SubmittedAt, r.Discussion, label, ptr(r.AgreedBy), r.AgreedAt, ptr(r.SavedBy), tenantOf(ctx), r.ID,
		version)
	if res.Error != nil {
		return moderation.Record{}, translate(res.Error, "moderation")
	}
	if res.RowsAffected == 0 {
		return moderation.Record{}, domain.Stale("the moderation")
	}
	return st.FindModeration(ctx, r.ID, false)
}

// ListCompared lists the moderations the moderator has submitted, oldest
// round first.
func (Moderations) ListCompared(ctx context.Context, roundID *uuid.UUID) ([]moderation.Record, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	q, args := moderationQuery+" AND m.state IN ('submitted', 'agreed')", []any{tenantOf(ctx)}
	if roundID != nil {
		q, args = q+" AND m.round_id = ?", append(args, *roundID)
	}
	return queryModerations(db, q+" ORDER BY rd.due_on, rd.id, m.id", args...)
}

// FindSource reads what the feedback rule needs about a response.
func (st Moderations) FindSource(ctx context.Context, responseID uuid.UUID) (moderation.Source, error) {
	db, err := conn(ctx)
	if err != nil {
		return moderation.Source{}, err
	}
	var src moderation.Source
	dest, finish := scanFirst(&src.First)
	row := db.Raw(`SELECT `+firstColumns+`, rd.due_on`+firstFrom+`
		WHERE r.tenant_id = ? AND r.id = ? AND r.state = 'submitted'`, tenantOf(ctx), responseID).Row()
	if err := row.Scan(append(dest, &src.RoundDueOn)...); err != nil {
		return moderation.Source{}, translate(noRows(err), "response")
	}
	if err := finish(); err != nil {
		return moderation.Source{}, err
	}
	list, err := queryModerations(db, moderationQuery+" AND m.response_id = ?", tenantOf(ctx), responseID)
	if err != nil {
		return moderation.Source{}, err
	}
	if len(list) > 0 {
		src.Moderation = &list[0]
	}
	return src, nil
}

// ListSubmittedResponses lists a round's submitted responses.
func (Moderations) ListSubmittedResponses(ctx context.Context, roundID uuid.UUID) ([]uuid.UUID, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	err = db.Raw(`SELECT id FROM responses WHERE tenant_id = ? AND round_id = ? AND state = 'submitted'
		ORDER BY id`, tenantOf(ctx), roundID).Scan(&ids).Error
	return ids, err
}

// ListSettledUnruled lists the ids of submitted responses whose result
// has settled by today (agreed, or past its moderation's or, unmoderated,
// its round's due date) and that the feedback rule has not ruled on.
func (Moderations) ListSettledUnruled(ctx context.Context, today time.Time) ([]uuid.UUID, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	err = db.Raw(`SELECT r.id
		FROM responses r
		JOIN rounds ro ON ro.tenant_id = r.tenant_id AND ro.id = r.round_id
		LEFT JOIN moderations m ON m.tenant_id = r.tenant_id AND m.response_id = r.id
		WHERE r.tenant_id = ? AND r.state = 'submitted'
			AND NOT EXISTS (SELECT 1 FROM feedback_rulings f
				WHERE f.tenant_id = r.tenant_id AND f.response_id = r.id)
			AND CASE WHEN m.id IS NULL THEN ro.due_on < ?::date
				ELSE m.state = 'agreed' OR m.due_on < ?::date END
		ORDER BY r.id`, tenantOf(ctx), today.Format(time.DateOnly),
		today.Format(time.DateOnly)).Scan(&ids).Error
	return ids, translate(err, "response")
}

// RecordRuling keeps the result the feedback rule settled on for a
// response; a response already ruled on keeps its first ruling.
func (Moderations) RecordRuling(ctx context.Context, responseID uuid.UUID, overall string,
	poor bool) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	err = db.Exec(`INSERT INTO feedback_rulings (tenant_id, response_id, overall, poor)
		VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, response_id) DO NOTHING`,
		tenantOf(ctx), responseID, overall, poor).Error
	return translate(err, "ruling")
}

// MatchServices finds each named service's organisation, by name in any
// case, and the lead of its local plan.
func (Moderations) MatchServices(ctx context.Context, names []string) ([]moderation.ServiceMatch, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]moderation.ServiceMatch, 0, len(names))
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || seen[strings.ToLower(n)] {
			continue
		}
		seen[strings.ToLower(n)] = true
		m := moderation.ServiceMatch{Name: n}
		var org, lead *uuid.UUID
		row := db.Raw(`SELECT o.id, p.lead_id FROM organisations o
			LEFT JOIN action_plans p ON p.tenant_id = o.tenant_id AND p.organisation_id = o.id
				AND p.kind = 'local'
			WHERE o.tenant_id = ? AND lower(o.name) = lower(?) AND NOT o.archived
			ORDER BY (o.kind = 'service') DESC, o.id LIMIT 1`, tenantOf(ctx), n).Row()
		if err := row.Scan(&org, &lead); err != nil && noRows(err) != gorm.ErrRecordNotFound {
			return nil, err
		}
		m.OrganisationID, m.LeadID = org, lead
		out = append(out, m)
	}
	return out, nil
}

const feedbackQuery = `SELECT f.id, f.response_id, f.moderation_id, f.round_id, rd.name, s.local_id,
	f.service,
	f.organisation_id, coalesce(o.name, ''), p.lead_id, f.overall, f.findings, f.state, f.reply,
	f.replied_by, f.replied_at, f.version, f.created_at, f.updated_at
	FROM feedback f
	JOIN rounds rd ON rd.tenant_id = f.tenant_id AND rd.id = f.round_id
	JOIN responses r ON r.tenant_id = f.tenant_id AND r.id = f.response_id
	JOIN round_subjects rs ON rs.tenant_id = r.tenant_id AND rs.id = r.allocation_id
	JOIN subjects s ON s.tenant_id = r.tenant_id AND s.id = rs.subject_id
	LEFT JOIN organisations o ON o.tenant_id = f.tenant_id AND o.id = f.organisation_id
	LEFT JOIN action_plans p ON p.tenant_id = f.tenant_id AND p.organisation_id = f.organisation_id
		AND p.kind = 'local'
	WHERE f.tenant_id = ?`

func queryFeedback(db *gorm.DB, query string, args ...any) ([]moderation.Feedback, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []moderation.Feedback
	for rows.Next() {
		var (
			f        moderation.Feedback
			findings []byte
			state    string
		)
		if err := rows.Scan(&f.ID, &f.ResponseID, &f.ModerationID, &f.RoundID, &f.RoundName, &f.LocalID,
			&f.Service, &f.OrganisationID, &f.OrganisationName, &f.LeadID, &f.Overall, &findings, &state,
			&f.Reply, &f.RepliedBy, &f.RepliedAt, &f.Version, &f.CreatedAt, &f.UpdatedAt); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(findings, &f.Findings); err != nil {
			return nil, fmt.Errorf("decode findings: %w", err)
		}
		f.State = moderation.FeedbackState(state)
		out = append(out, f)
	}
	return out, rows.Err()
}

// AddFeedback stores feedback unless the response sent some to that
// service already.
func (st Moderations) AddFeedback(ctx context.Context,
	f moderation.Feedback) (moderation.Feedback, bool, error) {
	db, err := conn(ctx)
	if err != nil {
		return moderation.Feedback{}, false, err
	}
	findings, err := json.Marshal(f.Findings)
	if err != nil {
		return moderation.Feedback{}, false, err
	}
	res := db.Exec(`INSERT INTO feedback (tenant_id, id, response_id, moderation_id, round_id, service,
			organisation_id, overall, findings, state)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (tenant_id, response_id, lower(service)) DO NOTHING`, tenantOf(ctx), f.ID, f.ResponseID,
		f.ModerationID, f.RoundID, f.Service, f.OrganisationID, f.Overall, string(findings), string(f.State))
	if res.Error != nil {
		return moderation.Feedback{}, false, translate(res.Error, "feedback")
	}
	list, err := queryFeedback(db, feedbackQuery+" AND f.response_id = ? AND lower(f.service) = lower(?)",
		tenantOf(ctx), f.ResponseID, f.Service)
	if err != nil || len(list) == 0 {
		return moderation.Feedback{}, false, fmt.Errorf("read feedback back: %w", err)
	}
	return list[0], res.RowsAffected == 1, nil
}

// FindFeedback returns one piece of feedback.
func (Moderations) FindFeedback(ctx context.Context, id uuid.UUID, lock bool) (moderation.Feedback, error) {
	db, err := conn(ctx)
	if err != nil {
		return moderation.Feedback{}, err
	}
	q := feedbackQuery + " AND f.id = ?"
	if lock {
		q += " FOR UPDATE OF f"
	}
	list, err := queryFeedback(db, q, tenantOf(ctx), id)
	if err != nil {
		return moderation.Feedback{}, translate(err, "feedback")
	}
	if len(list) == 0 {
		return moderation.Feedback{}, domain.NotFound("feedback")
	}
	return list[0], nil
}

// ListFeedback lists feedback, newest first.
func (Moderations) ListFeedback(ctx context.Context,
	f moderation.FeedbackFilter) ([]moderation.Feedback, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	q, args := feedbackQuery, []any{tenantOf(ctx)}
	if f.RoundID != nil {
		q, args = q+" AND f.round_id = ?", append(args, *f.RoundID)
	}
	if f.LeadID != nil {
		q, args = q+" AND p.lead_id = ?", append(args, *f.LeadID)
	}
	if f.State != nil {
		q, args = q+" AND f.state = ?", append(args, string(*f.State))
	}
	return queryFeedback(db, q+" ORDER BY f.created_at DESC, f.id LIMIT 500", args...)
}

// SaveFeedback saves a reply if the feedback is still at version.
func (st Moderations) SaveFeedback(ctx context.Context, f moderation.Feedback,
	version int) (moderation.Feedback, error) {
	db, err := conn(ctx)
	if err != nil {
		return moderation.Feedback{}, err
	}
	res := db.Exec(`UPDATE feedback SET state = ?, reply = ?, replied_by = ?, replied_at = ?,
			version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`, string(f.State), f.Reply, f.RepliedBy, f.RepliedAt,
		tenantOf(ctx), f.ID, version)
	if res.Error != nil {
		return moderation.Feedback{}, translate(res.Error, "feedback")
	}
	if res.RowsAffected == 0 {
		return moderation.Feedback{}, domain.Stale("the feedback")
	}
	return st.FindFeedback(ctx, f.ID, false)
}

// noRows turns database/sql's empty result into gorm's, which translate
// words as not found.
func noRows(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return gorm.ErrRecordNotFound
	}
	return err
}
