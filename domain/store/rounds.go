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
	"sendqa/domain/instrument"
	"sendqa/domain/round"
)

// Rounds keeps audit rounds, their samples, allocations and cohorts, and
// the services auditors work for.
type Rounds struct{}

var _ round.Store = Rounds{}

const roundColumns = `id, name, instrument_key, instrument_version, subject_kind, term, academic_year,
	opens_on, due_on, sampling_method, strata_by, coalesce(sample_size, 0), per_auditor, seed, strata,
	state, drawn_at, allocated_at, created_by, purpose, action_id, version, created_at, updated_at`

type stratumJSON struct {
	Value      string `json:"value"`
	Population int    `json:"population"`
	Drawn      int    `json:"drawn"`
}

func scanRounds(db *gorm.DB, query string, args ...any) ([]round.Round, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []round.Round
	for rows.Next() {
		var (
			r                                   round.Round
			kind, term, method, strataBy, state string
			purpose                             string
			strata                              []byte
			createdBy                           *uuid.UUID
		)
		if err := rows.Scan(&r.ID, &r.Name, &r.InstrumentKey, &r.InstrumentVersion, &kind, &term,
			&r.AcademicYear, &r.OpensOn, &r.DueOn, &method, &strataBy, &r.SampleSize, &r.PerAuditor,
			&r.Seed, &strata, &state, &r.DrawnAt, &r.AllocatedAt, &createdBy, &purpose, &r.ActionID,
			&r.Version, &r.CreatedAt, &r.UpdatedAt); err != nil {
			return nil, err
		}
		r.SubjectKind, r.Term, r.State = instrument.SubjectKind(kind), round.Term(term), round.State(state)
		r.Sampling = round.Sampling{Method: round.Method(method), StrataBy: round.StrataBy(strataBy)}
		r.CreatedBy, r.Purpose = deref(createdBy), round.Purpose(purpose)
		var list []stratumJSON
		if err := json.Unmarshal(strata, &list); err != nil {
			return nil, fmt.Errorf("decode strata: %w", err)
		}
		for _, s := range list {
			r.Strata = append(r.Strata, round.Stratum(s))
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreateRound stores a new round.
func (st Rounds) CreateRound(ctx context.Context, r round.Round) (round.Round, error) {
	db, err := conn(ctx)
	if err != nil {
		return round.Round{}, err
	}
	err = db.Exec(`INSERT INTO rounds (tenant_id, id, name, instrument_key, instrument_version,
			subject_kind, term, academic_year, opens_on, due_on, sampling_method, strata_by, sample_size,
			per_auditor, state, created_by, purpose, action_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?::date, ?, ?, ?, ?, ?, ?, ?, ?)`,
		tenantOf(ctx), r.ID, r.Name, r.InstrumentKey, r.InstrumentVersion, string(r.SubjectKind),
		string(r.Term), r.AcademicYear, r.OpensOn.Format(time.DateOnly), r.DueOn.Format(time.DateOnly),
		string(r.Sampling.Method), string(r.Sampling.StrataBy), ptr(r.SampleSize), r.PerAuditor,
		string(r.State), ptr(r.CreatedBy), string(r.Purpose), r.ActionID).Error
	if err != nil {
		return round.Round{}, translate(err, "round")
	}
	return st.FindRound(ctx, r.ID, false)
}

// FindRound returns one of the current tenant's rounds.
func (Rounds) FindRound(ctx context.Context, id uuid.UUID, lock bool) (round.Round, error) {
	db, err := conn(ctx)
	if err != nil {
		return round.Round{}, err
	}
	q := "SELECT " + roundColumns + " FROM rounds WHERE tenant_id = ? AND id = ?"
	if lock {
		q += " FOR UPDATE"
	}
	list, err := scanRounds(db, q, tenantOf(ctx), id)
	if err != nil {
		return round.Round{}, translate(err, "round")
	}
	if len(list) == 0 {
		return round.Round{}, domain.NotFound("round")
	}
	return list[0], nil
}

// ListRounds lists rounds, newest school year first.
func (Rounds) ListRounds(ctx context.Context, p domain.Page) (domain.List[round.Round], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[round.Round]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[round.Round]{}, err
	}
	where, args := "tenant_id = ?", []any{tenantOf(ctx)}
	if c.ID != "" {
		year, at, _ := strings.Cut(c.Key, "/")
		where += " AND (academic_year, created_at, id) < (?::integer, ?::timestamptz, ?::uuid)"
		args = append(args, year, at, c.ID)
	}
	list, err := scanRounds(db, "SELECT "+roundColumns+" FROM rounds WHERE "+where+
		" ORDER BY academic_year DESC, created_at DESC, id DESC LIMIT ?", append(args, p.Limit+1)...)
	if err != nil {
		return domain.List[round.Round]{}, translate(err, "round")
	}
	return page(list, p.Limit, func(r round.Round) (string, string) {
		return fmt.Sprintf("%d/%s", r.AcademicYear, r.CreatedAt.Format(time.RFC3339Nano)), r.ID.String()
	}), nil
}

// UpdateRound saves a round's draw, allocation and state.
func (st Rounds) UpdateRound(ctx context.Context, r round.Round) (round.Round, error) {
	db, err := conn(ctx)
	if err != nil {
		return round.Round{}, err
	}
	strata := make([]stratumJSON, len(r.Strata))
	for i, s := range r.Strata {
		strata[i] = stratumJSON(s)
	}
	raw, err := json.Marshal(strata)
	if err != nil {
		return round.Round{}, err
	}
	err = db.Exec(`UPDATE rounds SET seed = ?, strata = ?::jsonb, state = ?, drawn_at = ?,
			allocated_at = ?, version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ?`, r.Seed, string(raw), string(r.State), r.DrawnAt,
		r.AllocatedAt, tenantOf(ctx), r.ID).Error
	if err != nil {
		return round.Round{}, translate(err, "round")
	}
	return st.FindRound(ctx, r.ID, false)
}

// ListCandidates lists the current tenant's subjects of a kind.
func (Rounds) ListCandidates(
	ctx context.Context,
	kind instrument.SubjectKind,
) ([]round.CandidateSubject, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT id, local_id, primary_need, setting_type, key_stage, services
		FROM subjects WHERE tenant_id = ? AND kind = ? ORDER BY local_id`, tenantOf(ctx), string(kind)).Rows()
	if err != nil {
		return nil, translate(err, "subject")
	}
	defer rows.Close()
	var out []round.CandidateSubject
	for rows.Next() {
		var (
			c        round.CandidateSubject
			services textArray
		)
		if err := rows.Scan(&c.ID, &c.LocalID, &c.PrimaryNeed, &c.SettingType, &c.KeyStage, &services); err != nil {
			return nil, err
		}
		c.Services = services
		out = append(out, c)
	}
	return out, rows.Err()
}

// ReplaceSample removes a round's sample and stores a new one.
func (Rounds) ReplaceSample(ctx context.Context, roundID uuid.UUID, sample []round.Allocation) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	if err := db.Exec(`DELETE FROM round_subjects WHERE tenant_id = ? AND round_id = ?`,
		tenantOf(ctx), roundID).Error; err != nil {
		return translate(err, "sample")
	}
	for start := 0; start < len(sample); start += 1000 {
		batch := sample[start:min(start+1000, len(sample))]
		values := make([]string, len(batch))
		args := make([]any, 0, 7*len(batch))
		for i, a := range batch {
			values[i] = "(?, ?, ?, ?, ?, ?, ?)"
			args = append(args, tenantOf(ctx), a.ID, roundID, a.SubjectID, a.Stratum, a.Position, string(a.Status))
		}
		err := db.Exec(`INSERT INTO round_subjects (tenant_id, id, round_id, subject_id, stratum, position, status)
			VALUES `+strings.Join(values, ", "), args...).Error
		if err != nil {
			return translate(err, "sample")
		}
	}
	return nil
}

const allocationQuery = `SELECT rs.id, rs.round_id, rs.subject_id, s.local_id, s.services, rs.stratum,
		rs.position, rs.auditor_id, coalesce(p.name, ''), rs.status, rs.reason, rs.version, rs.updated_at
	FROM round_subjects rs
	JOIN subjects s ON s.tenant_id = rs.tenant_id AND s.id = rs.subject_id
	LEFT JOIN people p ON p.id = rs.auditor_id
	WHERE rs.tenant_id = ? AND rs.round_id = ?`

func scanAllocations(db *gorm.DB, query string, args ...any) ([]round.Allocation, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []round.Allocation
	for rows.Next() {
		var (
			a        round.Allocation
			services textArray
			auditor  *uuid.UUID
			status   string
		)
		if err := rows.Scan(&a.ID, &a.RoundID, &a.SubjectID, &a.LocalID, &services, &a.Stratum, &a.Position,
			&auditor, &a.AuditorName, &status, &a.Reason, &a.Version, &a.UpdatedAt); err != nil {
			return nil, err
		}
		a.Services, a.AuditorID, a.Status = services, deref(auditor), round.Status(status)
		out = append(out, a)
	}
	return out, rows.Err()
}

// ListAllocations lists a round's sample by position.
func (Rounds) ListAllocations(ctx context.Context, roundID uuid.UUID) ([]round.Allocation, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	list, err := scanAllocations(db, allocationQuery+" ORDER BY rs.position", tenantOf(ctx), roundID)
	return list, translate(err, "allocation")
}

// FindAllocation returns one sampled subject of a round.
func (Rounds) FindAllocation(ctx context.Context, roundID, id uuid.UUID) (round.Allocation, error) {
	db, err := conn(ctx)
	if err != nil {
		return round.Allocation{}, err
	}
	list, err := scanAllocations(db, allocationQuery+" AND rs.id = ?", tenantOf(ctx), roundID, id)
	if err != nil {
		return round.Allocation{}, translate(err, "allocation")
	}
	if len(list) == 0 {
		return round.Allocation{}, domain.NotFound("allocation")
	}
	return list[0], nil
}

// SaveAllocation saves one allocation if it is still at version.
func (st Rounds) SaveAllocation(
	ctx context.Context,
	a round.Allocation,
	version int,
) (round.Allocation, error) {
	db, err := conn(ctx)
	if err != nil {
		return round.Allocation{}, err
	}
	res := db.Exec(`UPDATE round_subjects SET auditor_id = ?, status = ?, reason = ?,
			version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND round_id = ? AND id = ? AND version = ?`,
		ptr(a.AuditorID), string(a.Status), a.Reason, tenantOf(ctx), a.RoundID, a.ID, version)
	if res.Error != nil {
		return round.Allocation{}, translate(res.Error, "allocation")
	}
	if res.RowsAffected == 0 {
		return round.Allocation{}, domain.Stale("the allocation")
	}
	return st.FindAllocation(ctx, a.RoundID, a.ID)
}

// SaveAllocations saves many allocations' auditors, statuses and reasons.
func (Rounds) SaveAllocations(ctx context.Context, list []round.Allocation) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	for start := 0; start < len(list); start += 1000 {
		batch := list[start:min(start+1000, len(list))]
		values := make([]string, len(batch))
		args := []any{}
		for i, a := range batch {
			values[i] = "(?::uuid, ?::uuid, ?, ?)"
			args = append(args, a.ID, ptr(a.AuditorID), string(a.Status), a.Reason)
		}
		args = append(args, tenantOf(ctx))
		err := db.Exec(`UPDATE round_subjects rs SET auditor_id = v.auditor, status = v.status,
				reason = v.reason, version = rs.version + 1, updated_at = now()
			FROM (VALUES `+strings.Join(values, ", ")+`) AS v(id, auditor, status, reason)
			WHERE rs.tenant_id = ? AND rs.id = v.id`, args...).Error
		if err != nil {
			return translate(err, "allocation")
		}
	}
	return nil
}

// SaveCohort adds or updates members of a round's cohort.
func (Rounds) SaveCohort(ctx context.Context, roundID uuid.UUID, cohort []round.CohortMember) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	for _, m := range cohort {
		err := db.Exec(`INSERT INTO round_auditors (tenant_id, round_id, person_id, services, left_at)
			VALUES (?, ?, ?, ?::text[], ?)
			ON CONFLICT (tenant_id, round_id, person_id) DO UPDATE
			SET services = excluded.services, left_at = excluded.left_at`,
			tenantOf(ctx), roundID, m.PersonID, textArray(m.Services), m.LeftAt).Error
		if err != nil {
			return translate(err, "cohort")
		}
	}
	return nil
}

// ListCohort lists a round's auditors by name.
func (Rounds) ListCohort(ctx context.Context, roundID uuid.UUID) ([]round.CohortMember, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT ra.person_id, p.name, ra.services, ra.left_at
		FROM round_auditors ra JOIN people p ON p.id = ra.person_id
		WHERE ra.tenant_id = ? AND ra.round_id = ? ORDER BY lower(p.name), ra.person_id`,
		tenantOf(ctx), roundID).Rows()
	if err != nil {
		return nil, translate(err, "cohort")
	}
	defer rows.Close()
	var out []round.CohortMember
	for rows.Next() {
		var (
			m        round.CohortMember
			services textArray
		)
		if err := rows.Scan(&m.PersonID, &m.Name, &services, &m.LeftAt); err != nil {
			return nil, err
		}
		m.Services = services
		out = append(out, m)
	}
	return out, rows.Err()
}

// ListAuditors lists members holding the auditor role, by name.
func (Rounds) ListAuditors(ctx context.Context) ([]round.AuditorRecord, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT m.person_id, p.name, coalesce(p.email, ''), coalesce(a.services, '{}'),
			coalesce(a.version, 0)
		FROM memberships m JOIN people p ON p.id = m.person_id
		LEFT JOIN auditor_services a ON a.tenant_id = m.tenant_id AND a.person_id = m.person_id
		WHERE m.tenant_id = ? AND 'auditor' = ANY (m.roles)
		ORDER BY lower(p.name), m.person_id`, tenantOf(ctx)).Rows()
	if err != nil {
		return nil, translate(err, "auditor")
	}
	defer rows.Close()
	var out []round.AuditorRecord
	for rows.Next() {
		var (
			a        round.AuditorRecord
			services textArray
		)
		if err := rows.Scan(&a.PersonID, &a.Name, &a.Email, &services, &a.Version); err != nil {
			return nil, err
		}
		a.Services = services
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveAuditorServices records an auditor's services if still at version.
func (Rounds) SaveAuditorServices(
	ctx context.Context,
	a round.AuditorRecord,
	version int,
) (round.AuditorRecord, error) {
	db, err := conn(ctx)
	if err != nil {
		return round.AuditorRecord{}, err
	}
	err = db.Raw(`INSERT INTO auditor_services (tenant_id, person_id, services) VALUES (?, ?, ?::text[])
		ON CONFLICT (tenant_id, person_id) DO UPDATE SET services = excluded.services,
			version = auditor_services.version + 1, updated_at = now()
		WHERE auditor_services.version = ?
		RETURNING version`, tenantOf(ctx), a.PersonID, textArray(a.Services), version).Row().Scan(&a.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return round.AuditorRecord{}, domain.Stale("the auditor's services")
	}
	return a, translate(err, "auditor")
}

// ListFollowUps lists the rounds an action scheduled, newest first, with
// each audit's status and, once submitted, its overall result.
func (Rounds) ListFollowUps(ctx context.Context, actionID uuid.UUID) ([]round.FollowUpRound, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rounds, err := scanRounds(db, "SELECT "+roundColumns+` FROM rounds
		WHERE tenant_id = ? AND action_id = ? ORDER BY created_at DESC, id DESC`,
		tenantOf(ctx), actionID)
	if err != nil {
		return nil, translate(err, "round")
	}
	out := make([]round.FollowUpRound, len(rounds))
	index := make(map[uuid.UUID]int, len(rounds))
	ids := make([]string, len(rounds))
	for i, r := range rounds {
		out[i] = round.FollowUpRound{Round: r, Audits: []round.FollowUpAudit{}}
		index[r.ID], ids[i] = i, r.ID.String()
	}
	if len(rounds) == 0 {
		return out, nil
	}
	rows, err := db.Raw(`SELECT rs.round_id, rs.id, s.local_id, coalesce(p.name, ''), rs.status,
			coalesce(r.result->'overall'->>'label', ''), r.submitted_at
		FROM round_subjects rs
		JOIN subjects s ON s.tenant_id = rs.tenant_id AND s.id = rs.subject_id
		LEFT JOIN people p ON p.id = rs.auditor_id
		LEFT JOIN responses r ON r.tenant_id = rs.tenant_id AND r.allocation_id = rs.id
			AND r.state = 'submitted'
		WHERE rs.tenant_id = ? AND rs.round_id = ANY(?::uuid[])
		ORDER BY rs.round_id, rs.position`, tenantOf(ctx), "{"+strings.Join(ids, ",")+"}").Rows()
	if err != nil {
		return nil, translate(err, "follow-up")
	}
	defer rows.Close()
	for rows.Next() {
		var (
			roundID uuid.UUID
			a       round.FollowUpAudit
			status  string
		)
		if err := rows.Scan(&roundID, &a.AllocationID, &a.LocalID, &a.AuditorName, &status,
			&a.Result, &a.SubmittedAt); err != nil {
			return nil, err
		}
		a.Status = round.Status(status)
		i := index[roundID]
		out[i].Audits = append(out[i].Audits, a)
	}
	return out, rows.Err()
}
