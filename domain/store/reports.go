package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/report"
)

// Reports keeps practice reports and reads the results they count.
type Reports struct{}

var _ report.Store = Reports{}

const reportColumns = `id, title, period_from, period_to, state, narrative, figures, previous_id,
	published_at, published_by, created_by, version, created_at, updated_at`

func queryReports(db *gorm.DB, query string, args ...any) ([]report.Report, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []report.Report
	for rows.Next() {
		var (
			r                          report.Report
			state                      string
			narrative, figures         []byte
			previous, pubBy, createdBy *uuid.UUID
		)
		if err := rows.Scan(&r.ID, &r.Title, &r.From, &r.To, &state, &narrative, &figures,
			&previous, &r.PublishedAt, &pubBy, &createdBy, &r.Version, &r.CreatedAt,
			&r.UpdatedAt); err != nil {
			return nil, fmt.Errorf("read report: %w", err)
		}
		r.State = report.State(state)
		r.PreviousID, r.PublishedBy, r.CreatedBy = deref(previous), deref(pubBy), deref(createdBy)
		if err := json.Unmarshal(narrative, &r.Narrative); err != nil {
			return nil, fmt.Errorf("decode narrative: %w", err)
		}
		if figures != nil {
			r.Figures = &report.Figures{}
			if err := json.Unmarshal(figures, r.Figures); err != nil {
				return nil, fmt.Errorf("decode figures: %w", err)
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreateReport stores a new draft.
func (st Reports) CreateReport(ctx context.Context, r report.Report) (report.Report, error) {
	db, err := conn(ctx)
	if err != nil {
		return report.Report{}, err
	}
	narrative, err := json.Marshal(r.Narrative)
	if err != nil {
		return report.Report{}, fmt.Errorf("encode narrative: %w", err)
	}
	err = db.Exec(`INSERT INTO reports (tenant_id, id, title, period_from, period_to, state,
			narrative, created_by)
		VALUES (?, ?, ?, ?::date, ?::date, 'draft', ?::jsonb, ?)`, tenantOf(ctx), r.ID, r.Title,
		r.From.Format(time.DateOnly), r.To.Format(time.DateOnly), string(narrative),
		ptr(r.CreatedBy)).Error
	if err != nil {
		return report.Report{}, translate(err, "report")
	}
	return st.FindReport(ctx, r.ID)
}

// FindReport returns one of the area's reports.
func (Reports) FindReport(ctx context.Context, id uuid.UUID) (report.Report, error) {
	db, err := conn(ctx)
	if err != nil {
		return report.Report{}, err
	}
	list, err := queryReports(db, "SELECT "+reportColumns+
		" FROM reports WHERE tenant_id = ? AND id = ?", tenantOf(ctx), id)
	if err != nil {
		return report.Report{}, translate(err, "report")
	}
	if len(list) == 0 {
		return report.Report{}, domain.NotFound("report")
	}
	return list[0], nil
}

// ListReports lists reports, latest period first.
func (Reports) ListReports(
	ctx context.Context,
	pg domain.Page,
) (domain.List[report.Report], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[report.Report]{}, err
	}
	c, err := decodeCursor(pg.Cursor)
	if err != nil {
		return domain.List[report.Report]{}, err
	}
	q, args := "SELECT "+reportColumns+" FROM reports WHERE tenant_id = ?", []any{tenantOf(ctx)}
	if c.ID != "" {
		q += " AND (period_to, id) < (?::date, ?::uuid)"
		args = append(args, c.Key, c.ID)
	}
	list, err := queryReports(db, q+" ORDER BY period_to DESC, id DESC LIMIT ?",
		append(args, pg.Limit+1)...)
	if err != nil {
		return domain.List[report.Report]{}, translate(err, "report")
	}
	return page(list, pg.Limit, func(r report.Report) (string, string) {
		return r.To.Format(time.DateOnly), r.ID.String()
	}), nil
}

// UpdateReport saves a draft's title and narrative if it is still at
// version.
func (st Reports) UpdateReport(ctx context.Context, r report.Report,
	version int) (report.Report, error) {
	db, err := conn(ctx)
	if err != nil {
		return report.Report{}, err
	}
	narrative, err := json.Marshal(r.Narrative)
	if err != nil {
		return report.Report{}, fmt.Errorf("encode narrative: %w", err)
	}
	res := db.Exec(`UPDATE reports SET title = ?, narrative = ?::jsonb, version = version + 1,
			updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ? AND state = 'draft'`, r.Title,
		string(narrative), tenantOf(ctx), r.ID, version)
	if res.Error != nil {
		return report.Report{}, translate(res.Error, "report")
	}
	if res.RowsAffected == 0 {
		return report.Report{}, domain.Stale("the report")
	}
	return st.FindReport(ctx, r.ID)
}

// PublishReport freezes a draft with its figures.
func (st Reports) PublishReport(ctx context.Context, r report.Report,
	version int) (report.Report, error) {
	db, err := conn(ctx)
	if err != nil {
		return report.Report{}, err
	}
	figures, err := json.Marshal(r.Figures)
	if err != nil {
		return report.Report{}, fmt.Errorf("encode figures: %w", err)
	}
	res := db.Exec(`UPDATE reports SET state = 'published', figures = ?::jsonb, previous_id = ?,
			published_at = ?, published_by = ?, version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ? AND state = 'draft'`, string(figures),
		ptr(r.PreviousID), r.PublishedAt, ptr(r.PublishedBy), tenantOf(ctx), r.ID, version)
	if res.Error != nil {
		return report.Report{}, translate(res.Error, "report")
	}
	if res.RowsAffected == 0 {
		return report.Report{}, domain.Stale("the report")
	}
	return st.FindReport(ctx, r.ID)
}

// ListPublishedBefore lists published reports ending before day, oldest
// first.
func (Reports) ListPublishedBefore(ctx context.Context, day time.Time) ([]report.Report, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	list, err := queryReports(db, "SELECT "+reportColumns+` FROM reports
		WHERE tenant_id = ? AND state = 'published' AND period_to < ?::date
		ORDER BY period_to, published_at, id`, tenantOf(ctx), day.Format(time.DateOnly))
	return list, translate(err, "report")
}

// resultsQuery reads what a report counts of each submitted response:
// milestones only of the instruments with statutory clocks, and of the
// items only the health advice audit's six-week answer.
const resultsQuery = `SELECT instrument_key, instrument_version,
	coalesce(result->'overall'->>'label', ''),
	CASE WHEN instrument_key IN ('ehcna_file_audit', 'annual_review_compliance')
		THEN result->'milestones' END,
	CASE WHEN instrument_key = 'health_advice_quality'
		THEN (result->'items'->>'returned_within_6_weeks')::float8 END
FROM responses
WHERE tenant_id = ? AND state = 'submitted' AND submitted_at >= ?::date
	AND submitted_at < ?::date + 1
ORDER BY instrument_key, submitted_at, id`

// ListResults lists what a report counts of the responses submitted in
// the period.
func (Reports) ListResults(ctx context.Context, from, to time.Time) ([]report.Result, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(resultsQuery, tenantOf(ctx), from.Format(time.DateOnly),
		to.Format(time.DateOnly)).Rows()
	if err != nil {
		return nil, translate(err, "result")
	}
	defer rows.Close()
	var out []report.Result
	for rows.Next() {
		var (
			r          report.Result
			milestones []byte
			inTime     *float64
		)
		if err := rows.Scan(&r.Instrument, &r.Version, &r.Overall, &milestones,
			&inTime); err != nil {
			return nil, fmt.Errorf("read result: %w", err)
		}
		if milestones != nil {
			var ms []milestoneJSON
			if err := json.Unmarshal(milestones, &ms); err != nil {
				return nil, fmt.Errorf("decode milestones: %w", err)
			}
			for _, m := range ms {
				r.Milestones = append(r.Milestones, report.Milestone{Item: m.Item,
					Status: m.Status, Statutory: m.Statutory})
			}
		}
		if inTime != nil {
			r.Items = map[string]float64{report.ReturnedInTimeItem: *inTime}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ListModeratedRounds lists the rounds with a moderation submitted in the
// period.
func (Reports) ListModeratedRounds(
	ctx context.Context,
	from, to time.Time,
) ([]report.RoundRef, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT rd.id, rd.name FROM rounds rd
		WHERE rd.tenant_id = ? AND EXISTS (SELECT 1 FROM moderations m
			WHERE m.tenant_id = rd.tenant_id AND m.round_id = rd.id
			  AND m.state IN ('submitted', 'agreed')
			  AND m.submitted_at >= ?::date AND m.submitted_at < ?::date + 1)
		ORDER BY rd.due_on, rd.id`, tenantOf(ctx), from.Format(time.DateOnly),
		to.Format(time.DateOnly)).Rows()
	if err != nil {
		return nil, translate(err, "round")
	}
	defer rows.Close()
	var out []report.RoundRef
	for rows.Next() {
		var r report.RoundRef
		if err := rows.Scan(&r.ID, &r.Name); err != nil {
			return nil, fmt.Errorf("read round: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
