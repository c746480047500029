package store

import (
	"context"
	"encoding/hex"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"

	"sendqa/domain"
	"sendqa/domain/invite"
)

// Invitations keeps invitations to tenants and password resets.
type Invitations struct{}

var _ invite.Store = Invitations{}

type invitationRow struct {
	ID         uuid.UUID
	TenantID   uuid.UUID
	TenantSlug string `gorm:"->;-:migration"`
	TenantName string `gorm:"->;-:migration"`
	Email      string
	Name       string
	Roles      string
	InvitedBy  *uuid.UUID
	ExpiresAt  time.Time
	CreatedAt  time.Time
}

func (r invitationRow) domain() invite.Invitation {
	return invite.Invitation{ID: r.ID, TenantID: r.TenantID, TenantSlug: r.TenantSlug,
		TenantName: r.TenantName, Email: r.Email, Name: r.Name, Roles: parseRoles(r.Roles),
		InvitedBy: deref(r.InvitedBy), ExpiresAt: r.ExpiresAt, CreatedAt: r.CreatedAt}
}

const invitationColumns = "id, tenant_id, email, name, roles, invited_by, expires_at, created_at"

// CreateInvitation stores an invitation to the current tenant by the hash
// of its secret.
func (Invitations) CreateInvitation(ctx context.Context, inv invite.Invitation, tokenHash []byte) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`
		INSERT INTO invitations (id, tenant_id, email, name, roles, token_hash, invited_by, expires_at, created_at)
		VALUES (?, ?, ?, ?, ?::text[], ?, ?, ?, ?)`,
		inv.ID, tenantOf(ctx), inv.Email, inv.Name, formatRoles(inv.Roles), tokenHash,
		ptr(inv.InvitedBy), inv.ExpiresAt, inv.CreatedAt).Error, "waiting invitation")
}

// ListOpenInvitations returns the current tenant's open invitations by
// e-mail address.
func (Invitations) ListOpenInvitations(
	ctx context.Context,
	p domain.Page,
) (domain.List[invite.Invitation], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[invite.Invitation]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[invite.Invitation]{}, err
	}
	q := db.Table("invitations").Select(invitationColumns).
		Where("tenant_id = ? AND accepted_at IS NULL AND revoked_at IS NULL", tenantOf(ctx)).
		Order("lower(email), id")
	if c.ID != "" {
		q = q.Where("(lower(email), id) > (?, ?)", c.Key, c.ID)
	}
	var rows []invitationRow
	if err := q.Limit(p.Limit + 1).Find(&rows).Error; err != nil {
		return domain.List[invite.Invitation]{}, translate(err, "invitation")
	}
	return page(mapSlice(rows, invitationRow.domain), p.Limit, func(i invite.Invitation) (string, string) {
		return strings.ToLower(i.Email), i.ID.String()
	}), nil
}

// RevokeInvitation revokes one open invitation of the current tenant.
func (Invitations) RevokeInvitation(
	ctx context.Context,
	id uuid.UUID,
	at time.Time,
) (invite.Invitation, error) {
	db, err := conn(ctx)
	if err != nil {
		return invite.Invitation{}, err
	}
	var rows []invitationRow
	err = db.Raw(`
		UPDATE invitations SET revoked_at = ?
		WHERE tenant_id = ? AND id = ? AND accepted_at IS NULL AND revoked_at IS NULL
		RETURNING `+invitationColumns, at, tenantOf(ctx), id).Scan(&rows).Error
	if err != nil {
		return invite.Invitation{}, translate(err, "invitation")
	}
	if len(rows) == 0 {
		return invite.Invitation{}, domain.NotFound("invitation")
	}
	return rows[0].domain(), nil
}

// RevokeInvitationsTo revokes the current tenant's open invitations to an
// address, in any case.
func (Invitations) RevokeInvitationsTo(ctx context.Context, email string, at time.Time) ([]uuid.UUID, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	err = db.Raw(`
		UPDATE invitations SET revoked_at = ?
		WHERE tenant_id = ? AND lower(email) = lower(?) AND accepted_at IS NULL AND revoked_at IS NULL
		RETURNING id`, at, tenantOf(ctx), email).Scan(&ids).Error
	return ids, translate(err, "invitation")
}

// FindInvitationByToken finds an open invitation in any tenant through
// find_invitation, which alone may look across tenants, and only by a
// token's hash.
func (Invitations) FindInvitationByToken(ctx context.Context, tokenHash []byte) (invite.Invitation, error) {
	db, err := conn(ctx)
	if err != nil {
		return invite.Invitation{}, err
	}
	// GORM spreads a []byte argument of Raw into a list, so the hash
	// travels as hex.
	var rows []invitationRow
	err = db.Raw(`
		SELECT i.id, i.tenant_id, t.slug AS tenant_slug, t.name AS tenant_name,
		       i.email, i.name, i.roles, i.expires_at
		FROM find_invitation(decode(?, 'hex')) i
		JOIN tenants t ON t.id = i.tenant_id`, hex.EncodeToString(tokenHash)).Scan(&rows).Error
	if err != nil {
		return invite.Invitation{}, translate(err, "invitation")
	}
	if len(rows) == 0 {
		return invite.Invitation{}, domain.NotFound("invitation")
	}
	return rows[0].domain(), nil
}

// MarkInvitationAccepted closes an open invitation of the current tenant.
func (Invitations) MarkInvitationAccepted(ctx context.Context, id uuid.UUID, at time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	res := db.Exec(`
		UPDATE invitations SET accepted_at = ?
		WHERE tenant_id = ? AND id = ? AND accepted_at IS NULL AND revoked_at IS NULL`,
		at, tenantOf(ctx), id)
	if res.Error != nil {
		return translate(res.Error, "invitation")
	}
	if res.RowsAffected == 0 {
		return domain.NotFound("invitation")
	}
	return nil
}

type passwordResetRow struct {
	ID        uuid.UUID
	PersonID  uuid.UUID
	TokenHash []byte
	ExpiresAt time.Time
	UsedAt    *time.Time
}

func (passwordResetRow) TableName() string { return "password_resets" }

// CreatePasswordReset stores a reset by the hash of its secret.
func (Invitations) CreatePasswordReset(ctx context.Context, r invite.PasswordReset, tokenHash []byte) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	row := passwordResetRow{ID: r.ID, PersonID: r.PersonID, TokenHash: tokenHash, ExpiresAt: r.ExpiresAt}
	return translate(db.Omit("UsedAt").Create(&row).Error, "password reset")
}

// FindPasswordResetForUpdate returns the reset with that token hash and
// locks it, so that two uses of one link queue and the second fails.
func (Invitations) FindPasswordResetForUpdate(
	ctx context.Context,
	tokenHash []byte,
) (invite.PasswordReset, error) {
	db, err := conn(ctx)
	if err != nil {
		return invite.PasswordReset{}, err
	}
	var row passwordResetRow
	err = db.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", tokenHash).Take(&row).Error
	if err != nil {
		return invite.PasswordReset{}, translate(err, "password reset")
	}
	return invite.PasswordReset{ID: row.ID, PersonID: row.PersonID, ExpiresAt: row.ExpiresAt,
		UsedAt: deref(row.UsedAt)}, nil
}

// MarkPasswordResetsUsed closes every open reset of a person.
func (Invitations) MarkPasswordResetsUsed(ctx context.Context, personID uuid.UUID, at time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Model(&passwordResetRow{}).Where("person_id = ? AND used_at IS NULL", personID).
		Update("used_at", at).Error, "password reset")
}
