package domain

import "slices"

// Role is what a person may do in one tenant. Platform administration is a
// property of the person, not a tenant role.
type Role string

// The tenant roles of the API conventions.
const (
	RoleTenantAdmin          Role = "tenant_admin"
	RoleQALead               Role = "qa_lead"
	RoleAuditor              Role = "auditor"
	RoleServiceManager       Role = "service_manager"
	RoleProvider             Role = "provider"
	RoleYoungPerson          Role = "young_person"
	RoleParticipationOfficer Role = "participation_officer"
	RoleViewer               Role = "viewer"
)

// Roles lists every tenant role in a stable order.
var Roles = []Role{
	RoleTenantAdmin, RoleQALead, RoleAuditor, RoleServiceManager,
	RoleProvider, RoleYoungPerson, RoleParticipationOfficer, RoleViewer,
}

// Valid reports whether r is one of the tenant roles.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }
