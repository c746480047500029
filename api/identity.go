package api

import (
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/tenancy"
)

// Principal is who a request comes from.
type Principal struct {
	PersonID      uuid.UUID
	PlatformAdmin bool
	// ByCookie is true for browser sessions, which must send the CSRF header
	// on unsafe requests; programs use bearer tokens and need not.
	ByCookie bool
}

// Authenticator finds the principal of a request. It returns
// domain.ErrUnauthenticated (or an error of that kind) when the request
// carries no valid credentials.
type Authenticator interface {
	Authenticate(c echo.Context) (Principal, error)
}

// Policy decides whether a person may take an action on an object in a
// tenant. Objects and actions are the names used in the route table.
type Policy interface {
	Allowed(personID, tenantID uuid.UUID, object, action string) (bool, error)
	// Roles lists the person's roles in the tenant; none means not a member.
	Roles(personID, tenantID uuid.UUID) []domain.Role
}

const (
	principalKey = "sendqa.principal"
	rolesKey     = "sendqa.roles"
	tenantKey    = "sendqa.tenant"
)

func principalOf(c echo.Context) (Principal, bool) {
	p, ok := c.Get(principalKey).(Principal)
	return p, ok
}

// tenantOf returns the tenant a tenant route is about; the tenant
// middleware guarantees it on every such route.
func tenantOf(c echo.Context) tenancy.Tenant {
	t, _ := c.Get(tenantKey).(tenancy.Tenant)
	return t
}

// rolesOf returns the caller's roles in the route's tenant.
func rolesOf(c echo.Context) []domain.Role {
	roles, _ := c.Get(rolesKey).([]domain.Role)
	return roles
}
