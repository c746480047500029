package store

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/tenancy"
)

// Tenancy keeps regions, tenants, people, memberships and organisations.
type Tenancy struct{}

var _ tenancy.Store = Tenancy{}

type regionRow struct {
	ID        uuid.UUID
	Slug      string
	Name      string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (regionRow) TableName() string { return "regions" }

func (r regionRow) domain() tenancy.Region {
	return tenancy.Region{ID: r.ID, Slug: r.Slug, Name: r.Name, Version: r.Version,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// CreateRegion inserts a region.
func (Tenancy) CreateRegion(ctx context.Context, r tenancy.Region) (tenancy.Region, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Region{}, err
	}
	row := regionRow{ID: r.ID, Slug: r.Slug, Name: r.Name, Version: 1}
	if err := db.Create(&row).Error; err != nil {
		return tenancy.Region{}, translate(err, "region")
	}
	return row.domain(), nil
}

// FindRegionBySlug returns a region.
func (Tenancy) FindRegionBySlug(ctx context.Context, slug string) (tenancy.Region, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Region{}, err
	}
	var row regionRow
	if err := db.Where("slug = ?", slug).Take(&row).Error; err != nil {
		return tenancy.Region{}, translate(err, "region")
	}
	return row.domain(), nil
}

// ListRegions returns regions by slug.
func (Tenancy) ListRegions(ctx context.Context, p domain.Page) (domain.List[tenancy.Region], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[tenancy.Region]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[tenancy.Region]{}, err
	}
	q := db.Order("slug")
	if c.ID != "" {
		q = q.Where("slug > ?", c.Key)
	}
	var rows []regionRow
	if err := q.Limit(p.Limit + 1).Find(&rows).Error; err != nil {
		return domain.List[tenancy.Region]{}, translate(err, "region")
	}
	return page(mapSlice(rows, regionRow.domain), p.Limit, func(r tenancy.Region) (string, string) {
		return r.Slug, r.ID.String()
	}), nil
}

type tenantRow struct {
	ID         uuid.UUID
	Slug       string
	Name       string
	RegionID   *uuid.UUID
	RegionSlug string `gorm:"->;-:migration"`
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

func (tenantRow) TableName() string { return "tenants" }

func (r tenantRow) domain() tenancy.Tenant {
	return tenancy.Tenant{ID: r.ID, Slug: r.Slug, Name: r.Name, RegionID: deref(r.RegionID),
		RegionSlug: r.RegionSlug, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func tenantQuery(db *gorm.DB) *gorm.DB {
	return db.Table("tenants t").
		Select("t.id, t.slug, t.name, t.region_id, coalesce(r.slug, '') AS region_slug, " +
			"t.version, t.created_at, t.updated_at").
		Joins("LEFT JOIN regions r ON r.id = t.region_id")
}

// CreateTenant inserts a tenant.
func (Tenancy) CreateTenant(ctx context.Context, t tenancy.Tenant) (tenancy.Tenant, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Tenant{}, err
	}
	row := tenantRow{ID: t.ID, Slug: t.Slug, Name: t.Name, RegionID: ptr(t.RegionID), Version: 1}
	if err := db.Omit("RegionSlug").Create(&row).Error; err != nil {
		return tenancy.Tenant{}, translate(err, "tenant")
	}
	out := row.domain()
	out.RegionSlug = t.RegionSlug
	return out, nil
}

// FindTenantBySlug returns a tenant.
func (Tenancy) FindTenantBySlug(ctx context.Context, slug string) (tenancy.Tenant, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Tenant{}, err
	}
	var row tenantRow
	if err := tenantQuery(db).Where("t.slug = ?", slug).Take(&row).Error; err != nil {
		return tenancy.Tenant{}, translate(err, "tenant")
	}
	return row.domain(), nil
}

// FindTenantByID returns a tenant.
func (Tenancy) FindTenantByID(ctx context.Context, id uuid.UUID) (tenancy.Tenant, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Tenant{}, err
	}
	var row tenantRow
	if err := tenantQuery(db).Where("t.id = ?", id).Take(&row).Error; err != nil {
		return tenancy.Tenant{}, translate(err, "tenant")
	}
	return row.domain(), nil
}

// ListTenants returns tenants by slug.
func (Tenancy) ListTenants(ctx context.Context, p domain.Page) (domain.List[tenancy.Tenant], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[tenancy.Tenant]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[tenancy.Tenant]{}, err
	}
	q := tenantQuery(db).Order("t.slug")
	if c.ID != "" {
		q = q.Where("t.slug > ?", c.Key)
	}
	var rows []tenantRow
	if err := q.Limit(p.Limit + 1).Find(&rows).Error; err != nil {
		return domain.List[tenancy.Tenant]{}, translate(err, "tenant")
	}
	return page(mapSlice(rows, tenantRow.domain), p.Limit, func(t tenancy.Tenant) (string, string) {
		return t.Slug, t.ID.String()
	}), nil
}

// UpdateTenant saves a tenant's name and region if it is still at version.
func (Tenancy) UpdateTenant(ctx context.Context, t tenancy.Tenant, version int) (tenancy.Tenant, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Tenant{}, err
	}
	res := db.Table("tenants").Where("id = ? AND version = ?", t.ID, version).Updates(map[string]any{
		"name": t.Name, "region_id": ptr(t.RegionID),
		"version": gorm.Expr("version + 1"), "updated_at": gorm.Expr("now()"),
	})
	if res.Error != nil {
		return tenancy.Tenant{}, translate(res.Error, "tenant")
	}
	if res.RowsAffected == 0 {
		return tenancy.Tenant{}, domain.Stale("the tenant")
	}
	return Tenancy{}.FindTenantBySlug(ctx, t.Slug)
}

type personRow struct {
	ID            uuid.UUID
	Email         *string
	Name          string
	PlatformAdmin bool
	Version       int
	CreatedAt     time.Time
}

func (personRow) TableName() string { return "people" }

func (r personRow) domain() tenancy.Person {
	return tenancy.Person{ID: r.ID, Email: deref(r.Email), Name: r.Name,
		PlatformAdmin: r.PlatformAdmin, Version: r.Version, CreatedAt: r.CreatedAt}
}

// CreatePerson inserts a person.
func (Tenancy) CreatePerson(ctx context.Context, p tenancy.Person) (tenancy.Person, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Person{}, err
	}
	row := personRow{ID: p.ID, Email: ptr(p.Email), Name: p.Name, PlatformAdmin: p.PlatformAdmin, Version: 1}
	if err := db.Omit("CreatedAt").Create(&row).Error; err != nil {
		return tenancy.Person{}, translate(err, "person")
	}
	return Tenancy{}.FindPersonByID(ctx, row.ID)
}

// FindPersonByID returns a person.
func (Tenancy) FindPersonByID(ctx context.Context, id uuid.UUID) (tenancy.Person, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Person{}, err
	}
	var row personRow
	if err := db.Where("id = ?", id).Take(&row).Error; err != nil {
		return tenancy.Person{}, translate(err, "person")
	}
	return row.domain(), nil
}

// FindPersonByEmail returns a person by e-mail address, in any case.
func (Tenancy) FindPersonByEmail(ctx context.Context, email string) (tenancy.Person, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Person{}, err
	}
	var row personRow
	if err := db.Where("lower(email) = lower(?)", email).Take(&row).Error; err != nil {
		return tenancy.Person{}, translate(err, "person")
	}
	return row.domain(), nil
}

type membershipRow struct {
	ID         uuid.UUID
	TenantID   uuid.UUID
	PersonID   uuid.UUID
	Roles      string `gorm:"type:text[]"`
	Version    int
	TenantSlug string `gorm:"->;-:migration"`
	TenantName string `gorm:"->;-:migration"`
	RegionSlug string `gorm:"->;-:migration"`
}

func (membershipRow) TableName() string { return "memberships" }

func (r membershipRow) domain() tenancy.Membership {
	return tenancy.Membership{ID: r.ID, TenantID: r.TenantID, TenantSlug: r.TenantSlug,
		TenantName: r.TenantName, RegionSlug: r.RegionSlug, PersonID: r.PersonID,
		Roles: parseRoles(r.Roles), Version: r.Version}
}

// SaveMembership gives a person roles in the current tenant, replacing the
// roles they had.
func (Tenancy) SaveMembership(ctx context.Context, m tenancy.Membership) (tenancy.Membership, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Membership{}, err
	}
	if m.ID == uuid.Nil {
		m.ID = uuid.New()
	}
	err = db.Exec(`
		INSERT INTO memberships (id, tenant_id, person_id, roles)
		VALUES (?, ?, ?, ?::text[])
		ON CONFLICT (tenant_id, person_id) DO UPDATE
		SET roles = excluded.roles, version = memberships.version + 1, updated_at = now()`,
		m.ID, m.TenantID, m.PersonID, formatRoles(m.Roles)).Error
	if err != nil {
		return tenancy.Membership{}, translate(err, "membership")
	}
	var row membershipRow
	err = membershipQuery(db).Where("m.tenant_id = ? AND m.person_id = ?", m.TenantID, m.PersonID).
		Take(&row).Error
	return row.domain(), translate(err, "membership")
}

func membershipQuery(db *gorm.DB) *gorm.DB {
	return db.Table("memberships m").
		Select("m.id, m.tenant_id, m.person_id, m.roles, m.version, t.slug AS tenant_slug, " +
			"t.name AS tenant_name, coalesce(r.slug, '') AS region_slug").
		Joins("JOIN tenants t ON t.id = m.tenant_id").
		Joins("LEFT JOIN regions r ON r.id = t.region_id")
}

// ListPersonMemberships returns a person's memberships in every tenant the
// scope lets it see: all of them when the scope's person is that person.
func (Tenancy) ListPersonMemberships(ctx context.Context, personID uuid.UUID) ([]tenancy.Membership, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var rows []membershipRow
	err = membershipQuery(db).Where("m.person_id = ?", personID).Order("t.slug").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "membership")
	}
	return mapSlice(rows, membershipRow.domain), nil
}

type organisationRow struct {
	ID           uuid.UUID
	TenantID     uuid.UUID
	Kind         string
	Name         string
	ParentID     *uuid.UUID
	URN          *string `gorm:"column:urn"`
	Phase        string
	SettingType  string
	SIRURL       string `gorm:"column:sir_url"`
	ContactEmail string
	Archived     bool
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

func (organisationRow) TableName() string { return "organisations" }

func (r organisationRow) domain() tenancy.Organisation {
	return tenancy.Organisation{ID: r.ID, TenantID: r.TenantID, Kind: tenancy.OrganisationKind(r.Kind),
		Name: r.Name, ParentID: deref(r.ParentID), URN: deref(r.URN), Phase: r.Phase,
		SettingType: r.SettingType, SIRURL: r.SIRURL, ContactEmail: r.ContactEmail,
		Archived: r.Archived, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func organisationToRow(o tenancy.Organisation) organisationRow {
	return organisationRow{ID: o.ID, TenantID: o.TenantID, Kind: string(o.Kind), Name: o.Name,
		ParentID: ptr(o.ParentID), URN: ptr(o.URN), Phase: o.Phase, SettingType: o.SettingType,
		SIRURL: o.SIRURL, ContactEmail: o.ContactEmail, Archived: o.Archived, Version: o.Version}
}

// CreateOrganisation inserts an organisation.
func (Tenancy) CreateOrganisation(ctx context.Context, o tenancy.Organisation) (tenancy.Organisation, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Organisation{}, err
	}
	row := organisationToRow(o)
	row.Version = 1
	if err := db.Create(&row).Error; err != nil {
		return tenancy.Organisation{}, translate(err, "organisation")
	}
	return row.domain(), nil
}

// FindOrganisationByID returns an organisation of the current tenant.
func (Tenancy) FindOrganisationByID(ctx context.Context, id uuid.UUID) (tenancy.Organisation, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Organisation{}, err
	}
	var row organisationRow
	if err := db.Where("tenant_id = ? AND id = ?", tenantOf(ctx), id).Take(&row).Error; err != nil {
		return tenancy.Organisation{}, translate(err, "organisation")
	}
	return row.domain(), nil
}

// ListOrganisations returns the current tenant's organisations by name.
func (Tenancy) ListOrganisations(
	ctx context.Context, f tenancy.OrganisationFilter, p domain.Page,
) (domain.List[tenancy.Organisation], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[tenancy.Organisation]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[tenancy.Organisation]{}, err
	}
	q := db.Table("organisations").Select(organisationColumns).Where("tenant_id = ?", tenantOf(ctx)).
		Order("lower(name), id")
	if c.ID != "" {
		q = q.Where("(lower(name), id) > (?, ?)", c.Key, c.ID)
	}
	if f.Kind != nil {
		q = q.Where("kind = ?", string(*f.Kind))
	}
	if f.Query != nil && *f.Query != "" {
		q = q.Where("name ILIKE ?", "%"+escapeLike(*f.Query)+"%")
	}
	if f.Archived != nil {
		q = q.Where("archived = ?", *f.Archived)
	}
	rows, err := scanOrganisations(q.Limit(p.Limit + 1))
	if err != nil {
		return domain.List[tenancy.Organisation]{}, translate(err, "organisation")
	}
	return page(mapSlice(rows, organisationRow.domain), p.Limit, func(o tenancy.Organisation) (string, string) {
		return strings.ToLower(o.Name), o.ID.String()
	}), nil
}

const organisationColumns = "id, tenant_id, kind, name, parent_id, urn, phase, setting_type, " +
	"sir_url, contact_email, archived, version, created_at, updated_at"

// scanOrganisations reads rows by hand: lists are the hot path, and GORM's
// reflective scan costs more than the query itself.
func scanOrganisations(q *gorm.DB) ([]organisationRow, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []organisationRow
	for rows.Next() {
		var r organisationRow
		if err := rows.Scan(&r.ID, &r.TenantID, &r.Kind, &r.Name, &r.ParentID, &r.URN, &r.Phase,
			&r.SettingType, &r.SIRURL, &r.ContactEmail, &r.Archived, &r.Version,
			&r.CreatedAt, &r.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// UpdateOrganisation saves an organisation if it is still at version.
func (Tenancy) UpdateOrganisation(
	ctx context.Context, o tenancy.Organisation, version int,
) (tenancy.Organisation, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Organisation{}, err
	}
	row := organisationToRow(o)
	res := db.Model(&organisationRow{}).Where("tenant_id = ? AND id = ? AND version = ?", tenantOf(ctx), o.ID, version).
		Updates(map[string]any{
			"name": row.Name, "parent_id": row.ParentID, "urn": row.URN, "phase": row.Phase,
			"setting_type": row.SettingType, "sir_url": row.SIRURL,
			"contact_email": row.ContactEmail, "archived": row.Archived,
			"version": gorm.Expr("version + 1"), "updated_at": gorm.Expr("now()"),
		})
	if res.Error != nil {
		return tenancy.Organisation{}, translate(res.Error, "organisation")
	}
	if res.RowsAffected == 0 {
		return tenancy.Organisation{}, domain.Stale("the organisation")
	}
	return Tenancy{}.FindOrganisationByID(ctx, o.ID)
}
