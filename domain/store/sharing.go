package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
)

// The shared_with_region policies of migration 00006 decide what other
// tenants' rows the runtime role reads. The queries below repeat their
// conditions, so that they hold for the owner too and say what they mean.
const (
	// shareReaches is a share in force that reaches the caller.
	shareReaches = `EXISTS (SELECT FROM instrument_shares s
		WHERE s.tenant_id = i.tenant_id AND s.instrument_id = i.id
		  AND app_share_reaches(s.tenant_id, s.scope, s.withdrawn_at)`
	// sharedVersionReaches also names the version, v.
	sharedVersionReaches = shareReaches + `
		  AND (s.version_number IS NULL OR s.version_number = v.number))`
)

// sharedVersionFilter narrows ownVersions to the versions of another
// tenant shared with the caller: never a draft.
const sharedVersionFilter = ` AND v.state <> 'draft' AND EXISTS (SELECT FROM instrument_shares s
	WHERE s.tenant_id = v.tenant_id AND s.instrument_id = v.instrument_id
	  AND (s.version_number IS NULL OR s.version_number = v.number)
	  AND app_share_reaches(s.tenant_id, s.scope, s.withdrawn_at))`

// sharedInstruments are the instruments of other tenants shared with the
// caller, each with the newest published version shared with it (null
// when none is) and the newest version the caller uses.
const sharedInstruments = `
	SELECT i.id, i.key, i.title, i.description, i.subject,
	       i.current_version, i.state, i.version, i.created_by, i.created_at, i.updated_at,
	       t.id AS owner_id, t.slug AS owner_slug, t.name AS owner_name,
	       (SELECT max(v.number) FROM instrument_versions v
	        WHERE v.tenant_id = i.tenant_id AND v.instrument_id = i.id AND v.state = 'published'
	          AND ` + sharedVersionReaches + `) AS shared_version,
	       (SELECT max(v.number) FROM instrument_versions v
	        WHERE v.tenant_id = i.tenant_id AND v.instrument_id = i.id AND v.state <> 'draft'
	          AND ` + sharedVersionReaches + `) AS readable_version,
	       (SELECT max(u.source_version) FROM instrument_uses u
	        WHERE u.tenant_id = ? AND u.source_instrument_id = i.id) AS used_version
	FROM instruments i
	JOIN tenants t ON t.id = i.tenant_id
	WHERE i.tenant_id IS DISTINCT FROM ? AND ` + shareReaches + `)`

type sharedRow struct {
	instrumentRow
	OwnerID         uuid.UUID
	OwnerSlug       string
	OwnerName       string
	SharedVersion   *int
	ReadableVersion *int
	UsedVersion     *int
}

func (r sharedRow) domain() catalogue.SharedInstrument {
	in := r.instrumentRow.domain()
	in.Source = catalogue.SourceShared
	in.Owner = catalogue.Owner{TenantID: r.OwnerID, Slug: r.OwnerSlug, Name: r.OwnerName}
	// Another tenant sees the newest version it may read, never the
	// owner's draft.
	in.CurrentVersion = deref(r.ReadableVersion)
	in.State = instrument.StatePublished
	if deref(r.SharedVersion) == 0 {
		in.State = instrument.StateRetired
	}
	return catalogue.SharedInstrument{Instrument: in, SharedVersion: deref(r.SharedVersion),
		UsedVersion: deref(r.UsedVersion)}
}

func scanShared(db *gorm.DB, query string, args ...any) ([]sharedRow, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sharedRow
	for rows.Next() {
		var r sharedRow
		if err := rows.Scan(&r.ID, &r.Key, &r.Title, &r.Description, &r.Subject,
			&r.CurrentVersion, &r.State, &r.Version, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt,
			&r.OwnerID, &r.OwnerSlug, &r.OwnerName, &r.SharedVersion, &r.ReadableVersion,
			&r.UsedVersion); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// FindSharedInstrument returns another tenant's instrument shared with the
// current tenant, if any of its versions may be read.
func (Catalogue) FindSharedInstrument(
	ctx context.Context,
	id uuid.UUID,
) (catalogue.Instrument, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Instrument{}, err
	}
	tenant := tenantOf(ctx)
	rows, err := scanShared(db, "SELECT * FROM ("+sharedInstruments+" AND i.id = ?) shared "+
		"WHERE readable_version IS NOT NULL", tenant, tenant, id)
	if err != nil {
		return catalogue.Instrument{}, translate(err, "instrument")
	}
	if len(rows) == 0 {
		return catalogue.Instrument{}, domain.NotFound("instrument")
	}
	return rows[0].domain().Instrument, nil
}

// ListSharedInstruments returns the instruments shared with the current
// tenant that have a published version it may start using, by title.
func (Catalogue) ListSharedInstruments(
	ctx context.Context,
	p domain.Page,
) (domain.List[catalogue.SharedInstrument], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[catalogue.SharedInstrument]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[catalogue.SharedInstrument]{}, err
	}
	tenant := tenantOf(ctx)
	query := "SELECT * FROM (" + sharedInstruments + ") shared WHERE shared_version IS NOT NULL"
	args := []any{tenant, tenant}
	if c.ID != "" {
		query += " AND (lower(title), id::text) > (?, ?)"
		args = append(args, c.Key, c.ID)
	}
	query += " ORDER BY lower(title), id::text LIMIT ?"
	args = append(args, p.Limit+1)

	rows, err := scanShared(db, query, args...)
	if err != nil {
		return domain.List[catalogue.SharedInstrument]{}, translate(err, "instrument")
	}
	key := func(s catalogue.SharedInstrument) (string, string) {
		return strings.ToLower(s.Title), s.ID.String()
	}
	return page(mapSlice(rows, sharedRow.domain), p.Limit, key), nil
}

// UpdateVersionDefinition saves a draft's definition if it is still a
// draft at revision.
func (Catalogue) UpdateVersionDefinition(
	ctx context.Context,
	v catalogue.Version,
	revision int,
) (catalogue.Version, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Version{}, err
	}
	def, err := instrument.MarshalDefinition(v.Definition)
	if err != nil {
		return catalogue.Version{}, err
	}
	res := db.Exec(`UPDATE instrument_versions
		SET definition = ?::jsonb, version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ? AND state = 'draft'`,
		string(def), tenantOf(ctx), v.ID, revision)
	if res.Error != nil {
		return catalogue.Version{}, translate(res.Error, "version")
	}
	if res.RowsAffected == 0 {
		return catalogue.Version{}, domain.Stale("the version")
	}
	return findOwnVersion(ctx, v)
}

const shareColumns = `id, instrument_id, coalesce(version_number, 0), scope, created_by, created_at,
	withdrawn_by, withdrawn_at, version`

func scanShares(db *gorm.DB, query string, args ...any) ([]catalogue.Share, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []catalogue.Share
	for rows.Next() {
		var (
			s                     catalogue.Share
			scope                 string
			createdBy, withdrewBy *uuid.UUID
			withdrawnAt           *time.Time
		)
		if err := rows.Scan(&s.ID, &s.InstrumentID, &s.VersionNumber, &scope, &createdBy,
			&s.CreatedAt, &withdrewBy, &withdrawnAt, &s.Revision); err != nil {
			return nil, err
		}
		s.Scope, s.CreatedBy, s.WithdrawnBy = catalogue.ShareScope(scope), deref(createdBy), deref(withdrewBy)
		s.WithdrawnAt = deref(withdrawnAt)
		out = append(out, s)
	}
	return out, rows.Err()
}

// CreateShare inserts a share of one of the current tenant's instruments.
func (Catalogue) CreateShare(ctx context.Context, s catalogue.Share) (catalogue.Share, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Share{}, err
	}
	var number *int
	if s.VersionNumber > 0 {
		number = &s.VersionNumber
	}
	err = db.Exec(`INSERT INTO instrument_shares
		(id, tenant_id, instrument_id, version_number, scope, created_by)
		VALUES (?, ?, ?, ?, ?, ?)`,
		s.ID, tenantOf(ctx), s.InstrumentID, number, string(s.Scope), ptr(s.CreatedBy)).Error
	if err != nil {
		return catalogue.Share{}, translate(err, "share")
	}
	return Catalogue{}.FindShare(ctx, s.InstrumentID, s.ID)
}

// FindShare returns one share of one of the current tenant's instruments.
func (Catalogue) FindShare(ctx context.Context, instrumentID, id uuid.UUID) (catalogue.Share, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Share{}, err
	}
	shares, err := scanShares(db, "SELECT "+shareColumns+` FROM instrument_shares
		WHERE tenant_id = ? AND instrument_id = ? AND id = ?`, tenantOf(ctx), instrumentID, id)
	if err != nil {
		return catalogue.Share{}, translate(err, "share")
	}
	if len(shares) == 0 {
		return catalogue.Share{}, domain.NotFound("share")
	}
	return shares[0], nil
}

// ListShares returns an instrument's shares, newest first.
func (Catalogue) ListShares(ctx context.Context, instrumentID uuid.UUID) ([]catalogue.Share, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	shares, err := scanShares(db, "SELECT "+shareColumns+` FROM instrument_shares
		WHERE tenant_id = ? AND instrument_id = ? ORDER BY created_at DESC, id`,
		tenantOf(ctx), instrumentID)
	return shares, translate(err, "share")
}

// WithdrawShare saves a share's withdrawal if it is still at revision.
func (Catalogue) WithdrawShare(
	ctx context.Context,
	s catalogue.Share,
	revision int,
) (catalogue.Share, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Share{}, err
	}
	res := db.Exec(`UPDATE instrument_shares
		SET withdrawn_at = ?, withdrawn_by = ?, version = version + 1
		WHERE tenant_id = ? AND id = ? AND version = ? AND withdrawn_at IS NULL`,
		s.WithdrawnAt, ptr(s.WithdrawnBy), tenantOf(ctx), s.ID, revision)
	if res.Error != nil {
		return catalogue.Share{}, translate(res.Error, "share")
	}
	if res.RowsAffected == 0 {
		return catalogue.Share{}, domain.Stale("the share")
	}
	return Catalogue{}.FindShare(ctx, s.InstrumentID, s.ID)
}

// CreateUse records that the current tenant uses another tenant's
// instrument.
func (Catalogue) CreateUse(ctx context.Context, u catalogue.Use) (catalogue.Use, error) {
	db, err := conn(ctx)
	if err != nil {
		return catalogue.Use{}, err
	}
	var def *string
	if u.Kind == catalogue.UseLayer {
		raw, err := instrument.MarshalDefinition(u.Definition)
		if err != nil {
			return catalogue.Use{}, err
		}
		s := string(raw)
		def = &s
	}
	err = db.Exec(`INSERT INTO instrument_uses
		(id, tenant_id, kind, source_tenant_id, source_instrument_id, source_key, source_version,
		 definition, adopted_instrument_id, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)`,
		u.ID, tenantOf(ctx), string(u.Kind), u.Source.TenantID, u.SourceInstrumentID, u.Key,
		u.Version, def, ptr(u.AdoptedInstrumentID), ptr(u.CreatedBy)).Error
	if err != nil {
		return catalogue.Use{}, translate(err, "use")
	}
	uses, err := listUses(ctx, db, " AND u.id = ?", u.ID)
	if err != nil {
		return catalogue.Use{}, err
	}
	if len(uses) == 0 {
		return catalogue.Use{}, domain.NotFound("use")
	}
	return uses[0], nil
}

// ListUses returns the current tenant's uses, newest first.
func (Catalogue) ListUses(ctx context.Context, p domain.Page) (domain.List[catalogue.Use], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[catalogue.Use]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[catalogue.Use]{}, err
	}
	var (
		where string
		args  []any
	)
	if c.ID != "" {
		where = " AND (u.created_at, u.id::text) < (?::timestamptz, ?)"
		args = append(args, c.Key, c.ID)
	}
	uses, err := listUses(ctx, db, where+" ORDER BY u.created_at DESC, u.id::text DESC LIMIT ?",
		append(args, p.Limit+1)...)
	if err != nil {
		return domain.List[catalogue.Use]{}, err
	}
	key := func(u catalogue.Use) (string, string) {
		return u.CreatedAt.UTC().Format(time.RFC3339Nano), u.ID.String()
	}
	return page(uses, p.Limit, key), nil
}

// listUses reads uses with the owner tenant's slug and name. The owner is
// named from the global tenants table, so a use stays readable after the
// share that allowed it is withdrawn.
func listUses(ctx context.Context, db *gorm.DB, tail string, args ...any) ([]catalogue.Use, error) {
	rows, err := db.Raw(`SELECT u.id, u.kind, u.source_tenant_id, t.slug, t.name,
		       u.source_instrument_id, u.source_key, u.source_version, u.definition,
		       u.adopted_instrument_id, u.created_by, u.created_at
		FROM instrument_uses u JOIN tenants t ON t.id = u.source_tenant_id
		WHERE u.tenant_id = ?`+tail, append([]any{tenantOf(ctx)}, args...)...).Rows()
	if err != nil {
		return nil, translate(err, "use")
	}
	defer rows.Close()
	var out []catalogue.Use
	for rows.Next() {
		var (
			u                  catalogue.Use
			kind               string
			def                []byte
			adopted, createdBy *uuid.UUID
		)
		if err := rows.Scan(&u.ID, &kind, &u.Source.TenantID, &u.Source.Slug, &u.Source.Name,
			&u.SourceInstrumentID, &u.Key, &u.Version, &def, &adopted, &createdBy,
			&u.CreatedAt); err != nil {
			return nil, translate(err, "use")
		}
		u.Kind, u.AdoptedInstrumentID, u.CreatedBy = catalogue.UseKind(kind), deref(adopted), deref(createdBy)
		if def != nil {
			if u.Definition, err = instrument.ParseDefinition(def); err != nil {
				return nil, fmt.Errorf("stored layer %s no longer parses: %v", u.ID, err)
			}
		}
		out = append(out, u)
	}
	return out, translate(rows.Err(), "use")
}
