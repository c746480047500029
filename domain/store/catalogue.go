package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
)

// Catalogue keeps the built-in library, which every tenant reads, and each
// tenant's own instruments and their versions.
type Catalogue struct{}

var _ catalogue.Store = Catalogue{}

// libraryLatest is each built-in instrument at its newest version, shaped
// like a row of instruments. Library rows hold no tenant_id: they are
// global and read-only, and the runtime role may only read them.
const libraryLatest = `
	SELECT 'built_in' AS source, NULL::uuid AS id, l.key, l.title,
	       coalesce(l.definition->>'description', '') AS description, l.subject,
	       l.version AS current_version, 'published' AS state, l.version,
	       NULL::uuid AS created_by,
	       (SELECT min(f.created_at) FROM library_instruments f WHERE f.key = l.key) AS created_at,
	       l.created_at AS updated_at
	FROM (SELECT DISTINCT ON (key) * FROM library_instruments ORDER BY key, version DESC) l`

const ownInstruments = `
	SELECT 'own' AS source, i.id, i.key, i.title, i.description, i.subject,
	       i.current_version, i.state, i.version, i.created_by, i.created_at, i.updated_at
	FROM instruments i
	WHERE i.tenant_id = ?`

type instrumentRow struct {
	Source         string
	ID             *uuid.UUID
	Key            string
	Title          string
	Description    string
	Subject        string
	CurrentVersion int
	State          string
	Version        int
	CreatedBy      *uuid.UUID
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (r instrumentRow) domain() catalogue.Instrument {
	return catalogue.Instrument{ID: deref(r.ID), Key: r.Key, Source: catalogue.Source(r.Source),
		Title: r.Title, Description: r.Description, Subject: instrument.SubjectKind(r.Subject),
		CurrentVersion: r.CurrentVersion, State: instrument.State(r.State), Version: r.Version,
		CreatedBy: deref(r.CreatedBy), CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// scanInstruments reads rows by hand, as every list here does.
func scanInstruments(db *gorm.DB, query string, args ...any) ([]instrumentRow, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []instrumentRow
	for rows.Next() {
		var r instrumentRow
		if err := rows.Scan(&r.Source, &r.ID, &r.Key, &r.Title, &r.Description, &r.Subject,
			&r.CurrentVersion, &r.State, &r.Version, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ListInstruments returns the library and the current tenant's own
// instruments together, by title, then key, then source.
func (Catalogue) ListInstruments(
	ctx context.Context,
	f catalogue.Filter,
	p domain.Page,
) (domain.List[catalogue.Instrument], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[catalogue.Instrument]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[catalogue.Instrument]{}, err
	}

	var parts []string
	args := []any{}
	if f.Source == nil || *f.Source == catalogue.SourceBuiltIn {
		parts = append(parts, libraryLatest)
	}
	if f.Source == nil || *f.Source == catalogue.SourceOwn {
		parts = append(parts, ownInstruments)
		args = append(args, tenantOf(ctx))
	}
	where := []string{"true"}
	if f.Subject != nil {
		where = append(where, "subject = ?")
		args = append(args, string(*f.Subject))
	}
	if f.State != nil {
		where = append(where, "state = ?")
		args = append(args, string(*f.State))
	}
	if f.Query != nil && *f.Query != "" {
		like := "%" + escapeLike(*f.Query) + "%"
		where = append(where, "(title ILIKE ? OR key ILIKE ? OR description ILIKE ?)")
		args = append(args, like, like, like)
	}
	if c.ID != "" {
		source, key, _ := strings.Cut(c.ID, "/")
		where = append(where, "(lower(title), key, source) > (?, ?, ?)")
		args = append(args, c.Key, key, source)
	}
	query := "SELECT * FROM (" + strings.Join(parts, " UNION ALL ") + ") catalogue WHERE " +
		strings.Join(where, " AND ") + " ORDER BY lower(title), key, source LIMIT ?"
	args = append(args, p.Limit+1)

	rows, err := scanInstruments(db, query, args...)
	if err != nil {
		return domain.List[catalogue.Instrument]{}, translate(err, "instrument")
	}
	key := func(in catalogue.Instrument) (string, string) {
		return strings.ToLower(in.Title), string(in.Source) + "/" + in.Key
	}
	return page(mapSlice(rows, instrumentRow.domain), p.Limit, key), nil
}

// FindLibraryInstrument returns a built-in instrument at its newest version.
func (Catalogue) FindLibraryInstrument(
	ctx context.Context,
	key string,
) (catalogue.Instrument, error) {
	return findInstrument(ctx, "SELECT * FROM ("+libraryLatest+") l WHERE key = ?", key)
}

// FindOwnInstrumentByKey returns one of the current tenant's instruments.
func (Catalogue) FindOwnInstrumentByKey(
	ctx context.Context,
	key string,
) (catalogue.Instrument, error) {
	return findInstrument(ctx, ownInstruments+" AND i.key = ?", tenantOf(ctx), key)
}

// FindOwnInstrumentByID returns one of the current tenant's instruments.
func (Catalogue) FindOwnInstrumentByID(
	ctx context.Context,
	id uuid.UUID,
) (catalogue.Instrument, error) {
	return findInstrument(ctx, ownInstruments+" AND i.id = ?", tenantOf(ctx), id)
}

func findInstrument(ctx context.Context, query string, args ...any) (catalogue.Instrument, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Instrument{}, err
	}
	rows, err := scanInstruments(db, query, args...)
	if err != nil {
		return catalogue.Instrument{}, translate(err, "instrument")
	}
	if len(rows) == 0 {
		return catalogue.Instrument{}, domain.NotFound("instrument")
	}
	return rows[0].domain(), nil
}

// Versions of built-in instruments: the newest is published and each
// older one was retired when the next was loaded.
const libraryVersions = `
	SELECT l.id, l.version AS number,
	       CASE WHEN l.next_at IS NULL THEN 'published' ELSE 'retired' END AS state,
	       l.title, coalesce(l.definition #>> '{scoring,rule_version}', '') AS rule_version,
	       l.definition, NULL::uuid AS created_by, 1 AS revision,
	       l.created_at, l.created_at AS published_at, l.next_at AS retired_at
	FROM (SELECT NULL::uuid AS id, v.*,
	             (SELECT min(n.created_at) FROM library_instruments n
	              WHERE n.key = v.key AND n.version > v.version) AS next_at
	      FROM library_instruments v WHERE v.key = ?) l`

const ownVersions = `
	SELECT v.id, v.number, v.state, coalesce(v.definition->>'title', '') AS title,
	       coalesce(v.definition #>> '{scoring,rule_version}', '') AS rule_version,
	       v.definition, v.created_by, v.version AS revision,
	       v.created_at, v.published_at, v.retired_at
	FROM instrument_versions v
	WHERE v.tenant_id = ? AND v.instrument_id = ?`

type versionRow struct {
	ID          *uuid.UUID
	Number      int
	State       string
	Title       string
	RuleVersion string
	Definition  []byte
	CreatedBy   *uuid.UUID
	Revision    int
	CreatedAt   time.Time
	PublishedAt *time.Time
	RetiredAt   *time.Time
}

func (r versionRow) summary() catalogue.VersionSummary {
	return catalogue.VersionSummary{Number: r.Number, State: instrument.State(r.State), Title: r.Title,
		RuleVersion: r.RuleVersion, CreatedAt: r.CreatedAt, PublishedAt: deref(r.PublishedAt),
		RetiredAt: deref(r.RetiredAt)}
}

// versionQuery picks the built-in or own versions of an instrument, with
// the arguments of the query's placeholders.
func versionQuery(ctx context.Context, in catalogue.Instrument) (string, []any) {
	if in.Source == catalogue.SourceBuiltIn {
		return "SELECT * FROM (" + libraryVersions + ") versions WHERE true", []any{in.Key}
	}
	if in.Source == catalogue.SourceShared {
		return "SELECT * FROM (" + ownVersions + sharedVersionFilter + ") versions WHERE true",
			[]any{in.Owner.TenantID, in.ID}
	}
	return "SELECT * FROM (" + ownVersions + ") versions WHERE true", []any{tenantOf(ctx), in.ID}
}

// scanVersions reads version rows by hand.
func scanVersions(db *gorm.DB, query string, args ...any) ([]versionRow, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []versionRow
	for rows.Next() {
		var r versionRow
		if err := rows.Scan(&r.ID, &r.Number, &r.State, &r.Title, &r.RuleVersion, &r.Definition,
			&r.CreatedBy, &r.Revision, &r.CreatedAt, &r.PublishedAt, &r.RetiredAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// ListVersions returns an instrument's versions, newest first.
func (Catalogue) ListVersions(
	ctx context.Context,
	in catalogue.Instrument,
	p domain.Page,
) (domain.List[catalogue.VersionSummary], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[catalogue.VersionSummary]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[catalogue.VersionSummary]{}, err
	}
	query, args := versionQuery(ctx, in)
	if c.ID != "" {
		n, err := strconv.Atoi(c.Key)
		if err != nil {
			return domain.List[catalogue.VersionSummary]{}, domain.InvalidField("cursor",
				"the cursor is not one this list gave out")
		}
		query += " AND number < ?"
		args = append(args, n)
	}
	query += " ORDER BY number DESC LIMIT ?"
	args = append(args, p.Limit+1)

	rows, err := scanVersions(db, query, args...)
	if err != nil {
		return domain.List[catalogue.VersionSummary]{}, translate(err, "version")
	}
	key := func(v catalogue.VersionSummary) (string, string) {
		n := strconv.Itoa(v.Number)
		return n, n
	}
	return page(mapSlice(rows, versionRow.summary), p.Limit, key), nil
}

// FindVersion returns one version of an instrument with its definition.
func (Catalogue) FindVersion(
	ctx context.Context,
	in catalogue.Instrument,
	number int,
) (catalogue.Version, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Version{}, err
	}
	query, args := versionQuery(ctx, in)
	rows, err := scanVersions(db, query+" AND number = ?", append(args, number)...)
	if err != nil {
		return catalogue.Version{}, translate(err, "version")
	}
	if len(rows) == 0 {
		return catalogue.Version{}, domain.NotFound("version")
	}
	r := rows[0]
	def, err := instrument.ParseDefinition(r.Definition)
	if err != nil {
		// A stored definition was valid when saved. If it no longer parses
		// the engine changed under it; that is ours to fix, not the
		// caller's, so the field errors are kept out of the error chain.
		return catalogue.Version{}, fmt.Errorf("stored definition %s version %d no longer parses: %v",
			in.Key, number, err)
	}
	return catalogue.Version{VersionSummary: r.summary(), ID: deref(r.ID), InstrumentID: in.ID,
		Key: in.Key, Source: in.Source, Definition: def, CreatedBy: deref(r.CreatedBy),
		Revision: r.Revision}, nil
}

// CreateInstrument inserts one of the current tenant's instruments.
func (Catalogue) CreateInstrument(
	ctx context.Context,
	in catalogue.Instrument,
) (catalogue.Instrument, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Instrument{}, err
	}
	err = db.Exec(`INSERT INTO instruments
		(id, tenant_id, key, title, description, subject, current_version, state, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		in.ID, tenantOf(ctx), in.Key, in.Title, in.Description, string(in.Subject),
		in.CurrentVersion, string(in.State), ptr(in.CreatedBy)).Error
	if err != nil {
		return catalogue.Instrument{}, translate(err, "instrument")
	}
	return Catalogue{}.FindOwnInstrumentByID(ctx, in.ID)
}

// UpdateInstrument saves what an instrument mirrors of its current version
// if it is still at version.
func (Catalogue) UpdateInstrument(
	ctx context.Context,
	in catalogue.Instrument,
	version int,
) (catalogue.Instrument, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Instrument{}, err
	}
	res := db.Exec(`UPDATE instruments
		SET title = ?, description = ?, subject = ?, current_version = ?, state = ?,
		    version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`,
		in.Title, in.Description, string(in.Subject), in.CurrentVersion, string(in.State),
		tenantOf(ctx), in.ID, version)
	if res.Error != nil {
		return catalogue.Instrument{}, translate(res.Error, "instrument")
	}
	if res.RowsAffected == 0 {
		return catalogue.Instrument{}, domain.Stale("the instrument")
	}
	return Catalogue{}.FindOwnInstrumentByID(ctx, in.ID)
}

// CreateVersion inserts a version of one of the current tenant's
// instruments.
func (Catalogue) CreateVersion(
	ctx context.Context,
	v catalogue.Version,
) (catalogue.Version, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Version{}, err
	}
	def, err := instrument.MarshalDefinition(v.Definition)
	if err != nil {
		return catalogue.Version{}, err
	}
	err = db.Exec(`INSERT INTO instrument_versions
		(id, tenant_id, instrument_id, number, state, definition, created_by, published_at, retired_at)
		VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)`,
		v.ID, tenantOf(ctx), v.InstrumentID, v.Number, string(v.State), string(def), ptr(v.CreatedBy),
		ptr(v.PublishedAt), ptr(v.RetiredAt)).Error
	if err != nil {
		return catalogue.Version{}, translate(err, "version")
	}
	return findOwnVersion(ctx, v)
}

// UpdateVersionState saves a version's state and the times it was
// published and retired if it is still at revision.
func (Catalogue) UpdateVersionState(
	ctx context.Context,
	v catalogue.Version,
	revision int,
) (catalogue.Version, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Version{}, err
	}
	res := db.Exec(`UPDATE instrument_versions
		SET state = ?, published_at = ?, retired_at = ?, version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`,
		string(v.State), ptr(v.PublishedAt), ptr(v.RetiredAt), tenantOf(ctx), v.ID, revision)
	if res.Error != nil {
		return catalogue.Version{}, translate(res.Error, "version")
	}
	if res.RowsAffected == 0 {
		return catalogue.Version{}, domain.Stale("the version")
	}
	return findOwnVersion(ctx, v)
}

func findOwnVersion(ctx context.Context, v catalogue.Version) (catalogue.Version, error) {
	return Catalogue{}.FindVersion(ctx, catalogue.Instrument{ID: v.InstrumentID, Key: v.Key,
		Source: catalogue.SourceOwn}, v.Number)
}

// RetirePublishedVersions retires the instrument's published versions
// other than number.
func (Catalogue) RetirePublishedVersions(
	ctx context.Context,
	instrumentID uuid.UUID,
	number int,
) ([]int, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`UPDATE instrument_versions
		SET state = 'retired', retired_at = now(), version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND instrument_id = ? AND state = 'published' AND number <> ?
		RETURNING number`, tenantOf(ctx), instrumentID, number).Rows()
	if err != nil {
		return nil, translate(err, "version")
	}
	defer rows.Close()
	var retired []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, translate(err, "version")
		}
		retired = append(retired, n)
	}
	return retired, translate(rows.Err(), "version")
}
