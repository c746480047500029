package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/instrument"
	"sendqa/domain/response"
	"sendqa/domain/round"
)

// Responses keeps responses, their evidence files, notices and e-mail
// preferences.
type Responses struct{}

var _ response.Store = Responses{}

// SQLTx returns the database/sql transaction carried by ctx, for
// libraries that must write in it (the job queue).
func SQLTx(ctx context.Context) (*sql.Tx, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	tx, ok := db.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return nil, errNoTx
	}
	return tx, nil
}

const assignmentQuery = `SELECT rs.id, rs.round_id, r.name, s.local_id, r.subject_kind, r.instrument_key,
	r.instrument_version, r.due_on, rs.status, rs.auditor_id, resp.id, coalesce(resp.version, 0), rs.updated_at
	FROM round_subjects rs
	JOIN rounds r ON r.tenant_id = rs.tenant_id AND r.id = rs.round_id
	JOIN subjects s ON s.tenant_id = rs.tenant_id AND s.id = rs.subject_id
	LEFT JOIN responses resp ON resp.tenant_id = rs.tenant_id AND resp.allocation_id = rs.id`

func scanAssignments(db *gorm.DB, query string, args ...any) ([]response.Assignment, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []response.Assignment
	for rows.Next() {
		var (
			a              response.Assignment
			kind, status   string
			auditor, resID *uuid.UUID
		)
		if err := rows.Scan(&a.AllocationID, &a.RoundID, &a.RoundName, &a.LocalID, &kind, &a.InstrumentKey,
			&a.InstrumentVersion, &a.DueOn, &status, &auditor, &resID, &a.ResponseVersion, &a.UpdatedAt); err != nil {
			return nil, err
		}
		a.SubjectKind, a.Status = instrument.SubjectKind(kind), round.Status(status)
		a.AuditorID, a.ResponseID = deref(auditor), deref(resID)
		out = append(out, a)
	}
	return out, rows.Err()
}

// ListAssignments lists a person's allocations in allocated rounds,
// soonest due first.
func (Responses) ListAssignments(ctx context.Context, personID uuid.UUID) ([]response.Assignment, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	list, err := scanAssignments(db, assignmentQuery+` WHERE rs.tenant_id = ? AND rs.auditor_id = ?
		AND r.state = 'allocated' ORDER BY r.due_on, s.local_id`, tenantOf(ctx), personID)
	return list, translate(err, "assignment")
}

// FindAssignment returns one allocation as an assignment.
func (Responses) FindAssignment(ctx context.Context, id uuid.UUID, lock bool) (response.Assignment, error) {
	db, err := conn(ctx)
	if err != nil {
		return response.Assignment{}, err
	}
	q := assignmentQuery + ` WHERE rs.tenant_id = ? AND rs.id = ?`
	if lock {
		q += " FOR UPDATE OF rs"
	}
	list, err := scanAssignments(db, q, tenantOf(ctx), id)
	if err != nil {
		return response.Assignment{}, translate(err, "allocation")
	}
	if len(list) == 0 {
		return response.Assignment{}, domain.NotFound("allocation")
	}
	return list[0], nil
}

const responseColumns = `resp.id, resp.allocation_id, resp.round_id, resp.auditor_id, coalesce(p.name, ''),
	s.local_id, s.services, resp.instrument_key, resp.instrument_version, resp.state, resp.answers,
	resp.personal, coalesce(resp.personal_key, ''), resp.result, resp.as_of, resp.submitted_at,
	resp.reopened_reason, resp.saved_by, resp.version, resp.created_at, resp.updated_at`

const responseFrom = ` FROM responses resp
	JOIN round_subjects rs ON rs.tenant_id = resp.tenant_id AND rs.id = resp.allocation_id
	JOIN subjects s ON s.tenant_id = rs.tenant_id AND s.id = rs.subject_id
	LEFT JOIN people p ON p.id = resp.auditor_id`

func scanResponses(db *gorm.DB, query string, args ...any) ([]response.Record, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []response.Record
	for rows.Next() {
		var (
			r        response.Record
			services textArray
			state    string
			result   []byte
			asOf     *time.Time
			savedBy  *uuid.UUID
		)
		if err := rows.Scan(&r.ID, &r.AllocationID, &r.RoundID, &r.AuditorID, &r.AuditorName, &r.LocalID,
			&services, &r.InstrumentKey, &r.InstrumentVersion, &state, &r.Answers, &r.Personal, &r.PersonalKey,
			&result, &asOf, &r.SubmittedAt, &r.ReopenedReason, &savedBy, &r.Version, &r.CreatedAt,
			&r.UpdatedAt); err != nil {
			return nil, err
		}
		r.Services, r.State, r.AsOf, r.SavedBy = services, response.State(state), deref(asOf), deref(savedBy)
		if result != nil {
			res, err := decodeResult(result)
			if err != nil {
				return nil, err
			}
			r.Result = &res
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreateResponse stores a new draft unless the allocation has a response.
func (st Responses) CreateResponse(ctx context.Context, r response.Record) (response.Record, error) {
	db, err := conn(ctx)
	if err != nil {
		return response.Record{}, err
	}
	err = db.Exec(`INSERT INTO responses (tenant_id, id, allocation_id, round_id, auditor_id, instrument_key,
			instrument_version, state, answers, saved_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
		ON CONFLICT (tenant_id, allocation_id) DO NOTHING`,
		tenantOf(ctx), r.ID, r.AllocationID, r.RoundID, r.AuditorID, r.InstrumentKey, r.InstrumentVersion,
		string(r.State), string(r.Answers), ptr(r.SavedBy)).Error
	if err != nil {
		return response.Record{}, translate(err, "response")
	}
	list, err := scanResponses(db, "SELECT "+responseColumns+responseFrom+
		" WHERE resp.tenant_id = ? AND resp.allocation_id = ?", tenantOf(ctx), r.AllocationID)
	if err != nil {
		return response.Record{}, translate(err, "response")
	}
	if len(list) == 0 {
		return response.Record{}, domain.NotFound("response")
	}
	return list[0], nil
}

// FindResponse returns one response.
func (Responses) FindResponse(ctx context.Context, id uuid.UUID, lock bool) (response.Record, error) {
	db, err := conn(ctx)
	if err != nil {
		return response.Record{}, err
	}
	q := "SELECT " + responseColumns + responseFrom + " WHERE resp.tenant_id = ? AND resp.id = ?"
	if lock {
		q += " FOR UPDATE OF resp"
	}
	list, err := scanResponses(db, q, tenantOf(ctx), id)
	if err != nil {
		return response.Record{}, translate(err, "response")
	}
	if len(list) == 0 {
		return response.Record{}, domain.NotFound("response")
	}
	return list[0], nil
}

// SaveResponse saves a response if it is still at version.
func (Responses) SaveResponse(ctx context.Context, r response.Record, version int) (response.Record, error) {
	db, err := conn(ctx)
	if err != nil {
		return response.Record{}, err
	}
	var result any
	if r.Result != nil {
		b, err := encodeResult(*r.Result)
		if err != nil {
			return response.Record{}, err
		}
		result = string(b)
	}
	var asOf any
	if !r.AsOf.IsZero() && r.Result != nil {
		asOf = r.AsOf.Format(time.DateOnly)
	}
	// The row comes back from the UPDATE itself: the caller read the
	// rest (auditor's name, subject) under lock in the same transaction.
	rows, err := db.Raw(`UPDATE responses SET state = ?, answers = ?::jsonb, personal = ?, personal_key = ?,
			result = ?::jsonb, as_of = ?::date, submitted_at = ?, reopened_reason = ?, saved_by = ?,
			version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?
		RETURNING version, updated_at`,
		string(r.State), string(r.Answers), r.Personal, ptr(r.PersonalKey), result, asOf, r.SubmittedAt,
		r.ReopenedReason, ptr(r.SavedBy), tenantOf(ctx), r.ID, version).Rows()
	if err != nil {
		return response.Record{}, translate(err, "response")
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return response.Record{}, translate(err, "response")
		}
		return response.Record{}, domain.Stale("the response")
	}
	if err := rows.Scan(&r.Version, &r.UpdatedAt); err != nil {
		return response.Record{}, translate(err, "response")
	}
	if r.Result == nil {
		r.AsOf = time.Time{}
	}
	return r, translate(rows.Err(), "response")
}

// SetAllocationStatus moves an allocation on as its response does.
func (Responses) SetAllocationStatus(ctx context.Context, id uuid.UUID, s round.Status) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`UPDATE round_subjects SET status = ?, version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ?`, string(s), tenantOf(ctx), id).Error, "allocation")
}

// ListRoundResponses lists a round's responses by subject.
func (Responses) ListRoundResponses(ctx context.Context, roundID uuid.UUID) ([]response.Record, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	list, err := scanResponses(db, "SELECT "+responseColumns+responseFrom+
		" WHERE resp.tenant_id = ? AND resp.round_id = ? ORDER BY rs.position", tenantOf(ctx), roundID)
	return list, translate(err, "response")
}

// resultJSON is a scored result as stored with its response, so that a
// later change to the engine never changes a submitted result.
type resultJSON struct {
	RuleVersion string                `json:"rule_version"`
	Overall     outcomeJSON           `json:"overall"`
	Sections    []sectionJSON         `json:"sections"`
	Items       map[string]float64    `json:"items"`
	Computed    map[string]float64    `json:"computed"`
	Milestones  []milestoneJSON       `json:"milestones"`
	Compliance  instrument.Compliance `json:"compliance"`
	Statutory   instrument.Compliance `json:"statutory"`
	Poor        bool                  `json:"poor"`
}

type outcomeJSON struct {
	Scored bool    `json:"scored"`
	Value  float64 `json:"value"`
	Label  string  `json:"label"`
	Count  int     `json:"count"`
}

type sectionJSON struct {
	ID      string      `json:"id"`
	Applies bool        `json:"applies"`
	Outcome outcomeJSON `json:"outcome"`
}

type milestoneJSON struct {
	Item      string `json:"item"`
	Statutory bool   `json:"statutory"`
	Due       string `json:"due"`
	Actual    string `json:"actual"`
	Status    string `json:"status"`
	DaysLate  int    `json:"days_late"`
	Exception string `json:"exception"`
}

func encodeResult(r instrument.Result) ([]byte, error) {
	w := resultJSON{RuleVersion: r.RuleVersion, Overall: outcomeJSON(r.Overall), Items: r.Items,
		Computed: r.Computed, Compliance: r.Compliance, Statutory: r.Statutory, Poor: r.Poor}
	for _, s := range r.Sections {
		w.Sections = append(w.Sections, sectionJSON{ID: s.ID, Applies: s.Applies, Outcome: outcomeJSON(s.Outcome)})
	}
	for _, m := range r.Milestones {
		w.Milestones = append(w.Milestones, milestoneJSON{Item: m.Item, Statutory: m.Statutory,
			Due: dateText(m.Due), Actual: dateText(m.Actual), Status: string(m.Status), DaysLate: m.DaysLate,
			Exception: string(m.Exception)})
	}
	return json.Marshal(w)
}

func dateText(d instrument.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func parseDateText(s string) (instrument.Date, error) {
	if s == "" {
		return instrument.Date{}, nil
	}
	return instrument.ParseDate(s)
}

func decodeResult(b []byte) (instrument.Result, error) {
	var w resultJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return instrument.Result{}, fmt.Errorf("decode result: %w", err)
	}
	r := instrument.Result{RuleVersion: w.RuleVersion, Overall: instrument.Outcome(w.Overall), Items: w.Items,
		Computed: w.Computed, Compliance: w.Compliance, Statutory: w.Statutory, Poor: w.Poor}
	for _, s := range w.Sections {
		r.Sections = append(r.Sections, instrument.SectionResult{ID: s.ID, Applies: s.Applies,
			Outcome: instrument.Outcome(s.Outcome)})
	}
	for _, m := range w.Milestones {
		due, err := parseDateText(m.Due)
		if err != nil {
			return instrument.Result{}, err
		}
		actual, err := parseDateText(m.Actual)
		if err != nil {
			return instrument.Result{}, err
		}
		r.Milestones = append(r.Milestones, instrument.MilestoneResult{Item: m.Item, Statutory: m.Statutory,
			Due: due, Actual: actual, Status: instrument.Status(m.Status), DaysLate: m.DaysLate,
			Exception: instrument.ExceptionKind(m.Exception)})
	}
	return r, nil
}
