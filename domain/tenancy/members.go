package tenancy

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
)

// Member is a person as a member of the current tenant.
type Member struct {
	MembershipID uuid.UUID
	PersonID     uuid.UUID
	Name         string
	Email        string
	Roles        []domain.Role
	Version      int // of the membership
	JoinedAt     time.Time
}

// IsAdmin reports whether the member administers the tenant.
func (m Member) IsAdmin() bool { return slices.Contains(m.Roles, domain.RoleTenantAdmin) }

// ListMembers returns a page of the current tenant's members by name.
// Tenant administrators and QA leads.
func (s Service) ListMembers(ctx context.Context, p domain.Page) (domain.List[Member], error) {
	return s.Store.ListMembers(ctx, p.Normalised())
}

// FindMember returns one member of the current tenant. Tenant
// administrators and QA leads; returns domain.ErrNotFound when the person
// is not a member.
func (s Service) FindMember(ctx context.Context, personID uuid.UUID) (Member, error) {
	return s.Store.FindMember(ctx, personID)
}

// ChangeMemberRoles gives a member exactly these roles, if their
// membership is still at version. Tenant administrators. Returns
// domain.ErrInvalid for bad roles, domain.ErrNotFound, domain.ErrStale,
// and domain.ErrConflict when the change would take the tenant_admin role
// from the caller or from the tenant's last administrator.
func (s Service) ChangeMemberRoles(
	ctx context.Context,
	personID uuid.UUID,
	version int,
	roles []domain.Role,
) (Member, error) {
	if err := CheckRoles(roles); err != nil {
		return Member{}, err
	}
	current, err := s.Store.FindMember(ctx, personID)
	if err != nil {
		return Member{}, fmt.Errorf("load member: %w", err)
	}
	if current.Version != version {
		return Member{}, domain.Stale("the membership")
	}
	if current.IsAdmin() && !slices.Contains(roles, domain.RoleTenantAdmin) {
		if err := s.checkAdminMayGo(ctx, current); err != nil {
			return Member{}, err
		}
	}
	saved, err := s.Store.UpdateMemberRoles(ctx, personID, version, roles)
	if err != nil {
		return Member{}, fmt.Errorf("update membership: %w", err)
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "membership", current.MembershipID,
		map[string]any{"person_id": personID.String(), "roles": roleNames(current.Roles)},
		map[string]any{"person_id": personID.String(), "roles": roleNames(saved.Roles)})
	if err != nil {
		return Member{}, fmt.Errorf("record membership change: %w", err)
	}
	return saved, nil
}

// RemoveMember ends a person's membership of the current tenant, if it is
// still at version. Tenant administrators. Returns domain.ErrNotFound,
// domain.ErrStale, and domain.ErrConflict for the caller's own
// administrator membership or the tenant's last administrator.
func (s Service) RemoveMember(ctx context.Context, personID uuid.UUID, version int) error {
	current, err := s.Store.FindMember(ctx, personID)
	if err != nil {
		return fmt.Errorf("load member: %w", err)
	}
	if current.Version != version {
		return domain.Stale("the membership")
	}
	if current.IsAdmin() {
		if err := s.checkAdminMayGo(ctx, current); err != nil {
			return err
		}
	}
	if err := s.Store.DeleteMembership(ctx, personID, version); err != nil {
		return fmt.Errorf("delete membership: %w", err)
	}
	err = s.Trail.Record(ctx, audit.ActionDelete, "membership", current.MembershipID,
		map[string]any{"person_id": personID.String(), "roles": roleNames(current.Roles)}, nil)
	if err != nil {
		return fmt.Errorf("record membership removal: %w", err)
	}
	return nil
}

// checkAdminMayGo refuses to take the tenant_admin role from the caller,
// who would lock themselves out, or from the last administrator, which
// would leave nobody able to manage the tenant's people.
func (s Service) checkAdminMayGo(ctx context.Context, m Member) error {
	if domain.ActorFrom(ctx).PersonID == m.PersonID {
		return domain.Conflict("you cannot remove your own administrator role; " +
			"ask another administrator of this local area to do it")
	}
	admins, err := s.Store.LockTenantAdmins(ctx)
	if err != nil {
		return fmt.Errorf("lock administrators: %w", err)
	}
	if len(admins) <= 1 && slices.Contains(admins, m.PersonID) {
		return domain.Conflict("%s is the last administrator of this local area; "+
			"make someone else an administrator first", m.Name)
	}
	return nil
}
