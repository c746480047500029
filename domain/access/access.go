// Package access decides who may do what in which tenant. Permissions are
// Casbin policies per role; who holds a role comes from memberships alone,
// mirrored into the enforcer and reloaded whenever they change.
package access

import (
	"context"
	_ "embed"
	"fmt"
	"sync/atomic"

	"github.com/casbin/casbin/v2"
	"github.com/casbin/casbin/v2/model"
	"github.com/casbin/casbin/v2/persist"
	"github.com/google/uuid"

	"sendqa/domain"
)

//go:embed model.conf
var modelText string

// Grant says that a person holds a role in a tenant.
type Grant struct {
	PersonID uuid.UUID
	Role     string
	TenantID uuid.UUID
}

// GrantSource lists every role grant, from the memberships.
type GrantSource interface {
	ListGrants(ctx context.Context) ([]Grant, error)
}

// Enforcer answers policy questions from an immutable snapshot of the
// permissions and grants, swapped whole on Reload so that a decision never
// sees a half-loaded policy.
type Enforcer struct {
	permissions persist.Adapter
	grants      GrantSource
	current     atomic.Pointer[casbin.SyncedCachedEnforcer]
}

// NewEnforcer loads the permissions and grants once.
func NewEnforcer(ctx context.Context, permissions persist.Adapter, grants GrantSource) (*Enforcer, error) {
	e := &Enforcer{permissions: permissions, grants: grants}
	if err := e.Reload(ctx); err != nil {
		return nil, err
	}
	return e, nil
}

// Reload reads the permissions and grants again.
func (e *Enforcer) Reload(ctx context.Context) error {
	m, err := model.NewModelFromString(modelText)
	if err != nil {
		return fmt.Errorf("parse policy model: %w", err)
	}
	// Each snapshot caches its own decisions; a reload starts a new cache,
	// so a revoked grant is never served from an old one.
	ce, err := casbin.NewSyncedCachedEnforcer(m, e.permissions)
	if err != nil {
		return fmt.Errorf("load permissions: %w", err)
	}
	ce.EnableAutoSave(false)
	grants, err := e.grants.ListGrants(ctx)
	if err != nil {
		return fmt.Errorf("load grants: %w", err)
	}
	rules := make([][]string, len(grants))
	for i, g := range grants {
		rules[i] = []string{g.PersonID.String(), g.Role, g.TenantID.String()}
	}
	if len(rules) > 0 {
		if _, err := ce.AddGroupingPoliciesEx(rules); err != nil {
			return fmt.Errorf("apply grants: %w", err)
		}
	}
	e.current.Store(ce)
	return nil
}

// Allowed reports whether the person may take action on object in tenant.
func (e *Enforcer) Allowed(personID, tenantID uuid.UUID, object, action string) (bool, error) {
	ok, err := e.current.Load().Enforce(personID.String(), tenantID.String(), object, action)
	if err != nil {
		return false, fmt.Errorf("enforce policy: %w", err)
	}
	return ok, nil
}

// Roles lists the person's roles in the tenant, from the grants.
func (e *Enforcer) Roles(personID, tenantID uuid.UUID) []domain.Role {
	names := e.current.Load().GetRolesForUserInDomain(personID.String(), tenantID.String())
	roles := make([]domain.Role, len(names))
	for i, n := range names {
		roles[i] = domain.Role(n)
	}
	return roles
}

// RolePermissions lists the objects and actions a role holds in every
// tenant, as "object:action" strings, for documentation and tests.
func (e *Enforcer) RolePermissions(role string) ([]string, error) {
	rules, err := e.current.Load().GetFilteredPolicy(0, role, "*")
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(rules))
	for _, r := range rules {
		if len(r) >= 5 && r[4] == "allow" {
			out = append(out, r[2]+":"+r[3])
		}
	}
	return out, nil
}
