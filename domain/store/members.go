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

type memberRow struct {
	MembershipID uuid.UUID
	PersonID     uuid.UUID
	Name         string
	Email        *string
	Roles        string
	Version      int
	JoinedAt     time.Time
}

func (r memberRow) domain() tenancy.Member {
	return tenancy.Member{MembershipID: r.MembershipID, PersonID: r.PersonID, Name: r.Name,
		Email: deref(r.Email), Roles: parseRoles(r.Roles), Version: r.Version, JoinedAt: r.JoinedAt}
}

// memberQuery reads the current tenant's memberships with their people.
// People are global; the tenant filter on memberships confines the rows.
func memberQuery(ctx context.Context, db *gorm.DB) *gorm.DB {
	return db.Table("memberships m").
		Select("m.id AS membership_id, m.person_id, p.name, p.email, m.roles, m.version, "+
			"m.created_at AS joined_at").
		Joins("JOIN people p ON p.id = m.person_id").
		Where("m.tenant_id = ?", tenantOf(ctx))
}

// ListMembers returns the current tenant's members by name.
func (Tenancy) ListMembers(ctx context.Context, p domain.Page) (domain.List[tenancy.Member], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[tenancy.Member]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[tenancy.Member]{}, err
	}
	q := memberQuery(ctx, db).Order("lower(p.name), m.person_id")
	if c.ID != "" {
		q = q.Where("(lower(p.name), m.person_id) > (?, ?)", c.Key, c.ID)
	}
	var rows []memberRow
	if err := q.Limit(p.Limit + 1).Find(&rows).Error; err != nil {
		return domain.List[tenancy.Member]{}, translate(err, "member")
	}
	return page(mapSlice(rows, memberRow.domain), p.Limit, func(m tenancy.Member) (string, string) {
		return strings.ToLower(m.Name), m.PersonID.String()
	}), nil
}

// FindMember returns one member of the current tenant.
func (Tenancy) FindMember(ctx context.Context, personID uuid.UUID) (tenancy.Member, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Member{}, err
	}
	var row memberRow
	if err := memberQuery(ctx, db).Where("m.person_id = ?", personID).Take(&row).Error; err != nil {
		return tenancy.Member{}, translate(err, "member")
	}
	return row.domain(), nil
}

// UpdateMemberRoles replaces a member's roles if the membership is still
// at version.
func (Tenancy) UpdateMemberRoles(
	ctx context.Context,
	personID uuid.UUID,
	version int,
	roles []domain.Role,
) (tenancy.Member, error) {
	db, err := conn(ctx)
	if err != nil {
		return tenancy.Member{}, err
	}
	res := db.Exec(`
		UPDATE memberships
		SET roles = ?::text[], version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND person_id = ? AND version = ?`,
		formatRoles(roles), tenantOf(ctx), personID, version)
	if res.Error != nil {
		return tenancy.Member{}, translate(res.Error, "membership")
	}
	if res.RowsAffected == 0 {
		return tenancy.Member{}, domain.Stale("the membership")
	}
	return Tenancy{}.FindMember(ctx, personID)
}

// DeleteMembership ends a membership of the current tenant if it is still
// at version.
func (Tenancy) DeleteMembership(ctx context.Context, personID uuid.UUID, version int) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	res := db.Exec(`DELETE FROM memberships WHERE tenant_id = ? AND person_id = ? AND version = ?`,
		tenantOf(ctx), personID, version)
	if res.Error != nil {
		return translate(res.Error, "membership")
	}
	if res.RowsAffected == 0 {
		return domain.Stale("the membership")
	}
	return nil
}

// LockTenantAdmins lists the current tenant's administrators, locking
// their memberships. A concurrent change that removed one is seen once it
// commits, because PostgreSQL checks a locked row's condition again.
func (Tenancy) LockTenantAdmins(ctx context.Context) ([]uuid.UUID, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	err = db.Raw(`
		SELECT person_id FROM memberships
		WHERE tenant_id = ? AND 'tenant_admin' = ANY (roles)
		ORDER BY person_id
		FOR UPDATE`, tenantOf(ctx)).Scan(&ids).Error
	if err != nil {
		return nil, translate(err, "membership")
	}
	return ids, nil
}
