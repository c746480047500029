package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/triangulation"
)

// Triangulation keeps themes and findings.
type Triangulation struct{}

var _ triangulation.Store = Triangulation{}

const themeColumns = `id, name, description, links, position, archived, version, created_at,
	updated_at`

func queryThemes(db *gorm.DB, query string, args ...any) ([]triangulation.Theme, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []triangulation.Theme{}
	for rows.Next() {
		var (
			t     triangulation.Theme
			links textArray
		)
		if err := rows.Scan(&t.ID, &t.Name, &t.Description, &links, &t.Position, &t.Archived,
			&t.Version, &t.CreatedAt, &t.UpdatedAt); err != nil {
			return nil, fmt.Errorf("read theme: %w", err)
		}
		t.Links = append([]string{}, links...)
		out = append(out, t)
	}
	return out, rows.Err()
}

// ListThemes lists the area's themes by position and name.
func (Triangulation) ListThemes(ctx context.Context, all bool) ([]triangulation.Theme, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	q := "SELECT " + themeColumns + " FROM themes WHERE tenant_id = ?"
	if !all {
		q += " AND NOT archived"
	}
	list, err := queryThemes(db, q+" ORDER BY position, lower(name), id", tenantOf(ctx))
	return list, translate(err, "theme")
}

// FindTheme returns one of the area's themes.
func (Triangulation) FindTheme(ctx context.Context, id uuid.UUID) (triangulation.Theme, error) {
	db, err := conn(ctx)
	if err != nil {
		return triangulation.Theme{}, err
	}
	list, err := queryThemes(db, "SELECT "+themeColumns+
		" FROM themes WHERE tenant_id = ? AND id = ?", tenantOf(ctx), id)
	if err != nil {
		return triangulation.Theme{}, translate(err, "theme")
	}
	if len(list) == 0 {
		return triangulation.Theme{}, domain.NotFound("theme")
	}
	return list[0], nil
}

func themeConflict(err error) error {
	if errors.Is(err, domain.ErrConflict) {
		return domain.Conflict("the area already has a theme of that name")
	}
	return err
}

// CreateTheme stores a new theme, after the area's others unless it
// names its position.
func (st Triangulation) CreateTheme(ctx context.Context,
	t triangulation.Theme) (triangulation.Theme, error) {
	db, err := conn(ctx)
	if err != nil {
		return triangulation.Theme{}, err
	}
	err = db.Exec(`INSERT INTO themes (tenant_id, id, name, description, links, position)
		VALUES (?, ?, ?, ?, ?::text[], CASE WHEN ? > 0 THEN ? ELSE (SELECT coalesce(max(position), 0) + 1
			FROM themes WHERE tenant_id = ?) END)`, tenantOf(ctx), t.ID, t.Name, t.Description,
		textArray(t.Links), t.Position, t.Position, tenantOf(ctx)).Error
	if err != nil {
		return triangulation.Theme{}, themeConflict(translate(err, "theme"))
	}
	return st.FindTheme(ctx, t.ID)
}

// UpdateTheme saves a theme if it is still at version.
func (st Triangulation) UpdateTheme(ctx context.Context, t triangulation.Theme,
	version int) (triangulation.Theme, error) {
	db, err := conn(ctx)
	if err != nil {
		return triangulation.Theme{}, err
	}
	res := db.Exec(`UPDATE themes SET name = ?, description = ?, links = ?::text[], position = ?,
			archived = ?, version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`, t.Name, t.Description, textArray(t.Links),
		t.Position, t.Archived, tenantOf(ctx), t.ID, version)
	if res.Error != nil {
		return triangulation.Theme{}, themeConflict(translate(res.Error, "theme"))
	}
	if res.RowsAffected == 0 {
		return triangulation.Theme{}, domain.Stale("the theme")
	}
	return st.FindTheme(ctx, t.ID)
}

const findingColumns = `f.id, f.theme_id, t.name, f.source_kind, f.source_id, f.source_label,
	f.polarity, f.body, f.found_on, f.origin, coalesce(f.derived_key, ''), f.created_by,
	f.version, f.created_at, f.updated_at`

const findingFrom = ` FROM findings f
	JOIN themes t ON t.tenant_id = f.tenant_id AND t.id = f.theme_id`

func queryFindings(db *gorm.DB, query string, args ...any) ([]triangulation.Finding, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []triangulation.Finding
	for rows.Next() {
		var (
			f                      triangulation.Finding
			kind, polarity, origin string
			sourceID, createdBy    *uuid.UUID
		)
		if err := rows.Scan(&f.ID, &f.ThemeID, &f.ThemeName, &kind, &sourceID, &f.SourceLabel,
			&polarity, &f.Body, &f.FoundOn, &origin, &f.DerivedKey, &createdBy, &f.Version,
			&f.CreatedAt, &f.UpdatedAt); err != nil {
			return nil, fmt.Errorf("read finding: %w", err)
		}
		f.SourceKind, f.Polarity, f.Origin = triangulation.SourceKind(kind),
			triangulation.Polarity(polarity), triangulation.Origin(origin)
		f.SourceID, f.CreatedBy = deref(sourceID), deref(createdBy)
		out = append(out, f)
	}
	return out, rows.Err()
}

// CreateFinding stores a finding, or nothing when its derived key is
// taken.
func (Triangulation) CreateFinding(ctx context.Context, f triangulation.Finding) (bool, error) {
	db, err := conn(ctx)
	if err != nil {
		return false, err
	}
	var key *string
	if f.DerivedKey != "" {
		key = &f.DerivedKey
	}
	res := db.Exec(`INSERT INTO findings (tenant_id, id, theme_id, source_kind, source_id,
			source_label, polarity, body, found_on, origin, derived_key, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::date, ?, ?, ?)
		ON CONFLICT (tenant_id, derived_key) WHERE derived_key IS NOT NULL DO NOTHING`,
		tenantOf(ctx), f.ID, f.ThemeID, string(f.SourceKind), ptr(f.SourceID), f.SourceLabel,
		string(f.Polarity), f.Body, f.FoundOn.Format(time.DateOnly), string(f.Origin), key,
		ptr(f.CreatedBy))
	if res.Error != nil {
		return false, translate(res.Error, "finding")
	}
	return res.RowsAffected == 1, nil
}

// FindFinding returns one of the area's findings.
func (Triangulation) FindFinding(ctx context.Context, id uuid.UUID) (triangulation.Finding, error) {
	db, err := conn(ctx)
	if err != nil {
		return triangulation.Finding{}, err
	}
	list, err := queryFindings(db, "SELECT "+findingColumns+findingFrom+
		" WHERE f.tenant_id = ? AND f.id = ?", tenantOf(ctx), id)
	if err != nil {
		return triangulation.Finding{}, translate(err, "finding")
	}
	if len(list) == 0 {
		return triangulation.Finding{}, domain.NotFound("finding")
	}
	return list[0], nil
}

func periodWhere(column string, p triangulation.Period, where []string,
	args []any) ([]string, []any) {
	if !p.From.IsZero() {
		where, args = append(where, column+" >= ?::date"), append(args, p.From.Format(time.DateOnly))
	}
	if !p.To.IsZero() {
		where, args = append(where, column+" <= ?::date"), append(args, p.To.Format(time.DateOnly))
	}
	return where, args
}

// ListFindings lists findings, oldest first.
func (Triangulation) ListFindings(ctx context.Context, f triangulation.FindingFilter,
	pg domain.Page) (domain.List[triangulation.Finding], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[triangulation.Finding]{}, err
	}
	c, err := decodeCursor(pg.Cursor)
	if err != nil {
		return domain.List[triangulation.Finding]{}, err
	}
	where, args := periodWhere("f.found_on", f.Period, []string{"f.tenant_id = ?"},
		[]any{tenantOf(ctx)})
	if f.ThemeID != nil {
		where, args = append(where, "f.theme_id = ?"), append(args, *f.ThemeID)
	}
	if f.SourceKind != nil {
		where, args = append(where, "f.source_kind = ?"), append(args, string(*f.SourceKind))
	}
	if f.Polarity != nil {
		where, args = append(where, "f.polarity = ?"), append(args, string(*f.Polarity))
	}
	if c.ID != "" {
		where = append(where, "(f.found_on, f.id) > (?::date, ?::uuid)")
		args = append(args, c.Key, c.ID)
	}
	list, err := queryFindings(db, "SELECT "+findingColumns+findingFrom+" WHERE "+
		strings.Join(where, " AND ")+" ORDER BY f.found_on, f.id LIMIT ?",
		append(args, pg.Limit+1)...)
	if err != nil {
		return domain.List[triangulation.Finding]{}, translate(err, "finding")
	}
	return page(list, pg.Limit, func(f triangulation.Finding) (string, string) {
		return f.FoundOn.Format(time.DateOnly), f.ID.String()
	}), nil
}

// UpdateFinding saves a finding if it is still at version.
func (st Triangulation) UpdateFinding(ctx context.Context, f triangulation.Finding,
	version int) (triangulation.Finding, error) {
	db, err := conn(ctx)
	if err != nil {
		return triangulation.Finding{}, err
	}
	res := db.Exec(`UPDATE findings SET theme_id = ?, source_label = ?, polarity = ?, body = ?,
			found_on = ?::date, version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`, f.ThemeID, f.SourceLabel,
		string(f.Polarity), f.Body, f.FoundOn.Format(time.DateOnly), tenantOf(ctx), f.ID, version)
	if res.Error != nil {
		return triangulation.Finding{}, translate(res.Error, "finding")
	}
	if res.RowsAffected == 0 {
		return triangulation.Finding{}, domain.Stale("the finding")
	}
	return st.FindFinding(ctx, f.ID)
}

// CountFindings sums a period's findings by theme, source and polarity.
func (Triangulation) CountFindings(ctx context.Context,
	p triangulation.Period) ([]triangulation.Count, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	where, args := periodWhere("found_on", p, []string{"tenant_id = ?"}, []any{tenantOf(ctx)})
	rows, err := db.Raw(`SELECT theme_id, source_kind, polarity, count(*) FROM findings
		WHERE `+strings.Join(where, " AND ")+`
		GROUP BY theme_id, source_kind, polarity ORDER BY theme_id, source_kind, polarity`,
		args...).Rows()
	if err != nil {
		return nil, translate(err, "finding")
	}
	defer rows.Close()
	var out []triangulation.Count
	for rows.Next() {
		var (
			c              triangulation.Count
			kind, polarity string
		)
		if err := rows.Scan(&c.ThemeID, &kind, &polarity, &c.N); err != nil {
			return nil, fmt.Errorf("read finding count: %w", err)
		}
		c.Kind, c.Polarity = triangulation.SourceKind(kind), triangulation.Polarity(polarity)
		out = append(out, c)
	}
	return out, rows.Err()
}

// ratedQuery lists submitted responses, moderations and feedback with
// their ratings; each branch's sections are [{id, title, label}].
const ratedQuery = `
SELECT 'audit', r.id, rd.name, r.instrument_key, r.instrument_version, r.submitted_at::date,
	coalesce(r.result->'overall'->>'label', ''),
	coalesce((SELECT jsonb_agg(jsonb_build_object('id', s->>'id', 'title', '',
		'label', s->'outcome'->>'label'))
		FROM jsonb_array_elements(coalesce(r.result->'sections', '[]')) s
		WHERE (s->>'applies')::boolean), '[]')
FROM responses r JOIN rounds rd ON rd.tenant_id = r.tenant_id AND rd.id = r.round_id
WHERE r.tenant_id = @tenant AND r.state = 'submitted'
	AND r.submitted_at::date BETWEEN @from AND @to
UNION ALL
SELECT 'moderation', m.id, rd.name, r.instrument_key, r.instrument_version, m.submitted_at::date,
	coalesce(m.agreed_label, m.result->'overall'->>'label', ''),
	coalesce((SELECT jsonb_agg(jsonb_build_object('id', s->>'id', 'title', '',
		'label', s->'outcome'->>'label'))
		FROM jsonb_array_elements(coalesce(m.result->'sections', '[]')) s
		WHERE (s->>'applies')::boolean), '[]')
FROM moderations m
	JOIN responses r ON r.tenant_id = m.tenant_id AND r.id = m.response_id
	JOIN rounds rd ON rd.tenant_id = m.tenant_id AND rd.id = m.round_id
WHERE m.tenant_id = @tenant AND m.state IN ('submitted', 'agreed')
	AND m.submitted_at::date BETWEEN @from AND @to
UNION ALL
SELECT 'feedback', f.id, rd.name || ': ' || f.service, r.instrument_key, r.instrument_version,
	f.created_at::date, '',
	coalesce((SELECT jsonb_agg(jsonb_build_object('id', x->>'section', 'title', x->>'title',
		'label', x->>'label')) FROM jsonb_array_elements(f.findings) x), '[]')
FROM feedback f
	JOIN responses r ON r.tenant_id = f.tenant_id AND r.id = f.response_id
	JOIN rounds rd ON rd.tenant_id = f.tenant_id AND rd.id = f.round_id
WHERE f.tenant_id = @tenant AND f.created_at::date BETWEEN @from AND @to
ORDER BY 6, 2`

// ListRated lists a period's submitted responses, moderations and
// feedback with their section ratings.
func (Triangulation) ListRated(ctx context.Context,
	p triangulation.Period) ([]triangulation.Rated, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	from, to := "0001-01-01", "9999-12-31"
	if !p.From.IsZero() {
		from = p.From.Format(time.DateOnly)
	}
	if !p.To.IsZero() {
		to = p.To.Format(time.DateOnly)
	}
	rows, err := db.Raw(ratedQuery, map[string]any{"tenant": tenantOf(ctx), "from": from,
		"to": to}).Rows()
	if err != nil {
		return nil, translate(err, "rated record")
	}
	defer rows.Close()
	var out []triangulation.Rated
	for rows.Next() {
		var (
			r        triangulation.Rated
			kind     string
			sections []byte
		)
		if err := rows.Scan(&kind, &r.ID, &r.Label, &r.Instrument, &r.Version, &r.On, &r.Overall,
			&sections); err != nil {
			return nil, fmt.Errorf("read rated record: %w", err)
		}
		var secs []struct{ ID, Title, Label string }
		if err := json.Unmarshal(sections, &secs); err != nil {
			return nil, fmt.Errorf("decode rated sections: %w", err)
		}
		for _, s := range secs {
			r.Sections = append(r.Sections, triangulation.RatedSection(s))
		}
		r.Kind = triangulation.SourceKind(kind)
		out = append(out, r)
	}
	return out, rows.Err()
}
