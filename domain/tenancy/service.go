package tenancy

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
)

// Store keeps regions, tenants, people, memberships and organisations.
// Every method runs in the transaction carried by ctx, under its scope.
type Store interface {
	CreateRegion(ctx context.Context, r Region) (Region, error)
	FindRegionBySlug(ctx context.Context, slug string) (Region, error)
	ListRegions(ctx context.Context, p domain.Page) (domain.List[Region], error)

	CreateTenant(ctx context.Context, t Tenant) (Tenant, error)
	FindTenantBySlug(ctx context.Context, slug string) (Tenant, error)
	FindTenantByID(ctx context.Context, id uuid.UUID) (Tenant, error)
	ListTenants(ctx context.Context, p domain.Page) (domain.List[Tenant], error)
	UpdateTenant(ctx context.Context, t Tenant, version int) (Tenant, error)

	CreatePerson(ctx context.Context, p Person) (Person, error)
	FindPersonByID(ctx context.Context, id uuid.UUID) (Person, error)
	FindPersonByEmail(ctx context.Context, email string) (Person, error)

	SaveMembership(ctx context.Context, m Membership) (Membership, error)
	ListPersonMemberships(ctx context.Context, personID uuid.UUID) ([]Membership, error)

	ListMembers(ctx context.Context, p domain.Page) (domain.List[Member], error)
	FindMember(ctx context.Context, personID uuid.UUID) (Member, error)
	UpdateMemberRoles(ctx context.Context, personID uuid.UUID, version int,
		roles []domain.Role) (Member, error)
	DeleteMembership(ctx context.Context, personID uuid.UUID, version int) error
	// LockTenantAdmins lists the current tenant's administrators and locks
	// their memberships until the transaction ends, so that two changes
	// cannot each remove one of the last two.
	LockTenantAdmins(ctx context.Context) ([]uuid.UUID, error)

	CreateOrganisation(ctx context.Context, o Organisation) (Organisation, error)
	FindOrganisationByID(ctx context.Context, id uuid.UUID) (Organisation, error)
	ListOrganisations(ctx context.Context, f OrganisationFilter, p domain.Page) (domain.List[Organisation], error)
	UpdateOrganisation(ctx context.Context, o Organisation, version int) (Organisation, error)
}

// Service manages the records of tenancy and writes each change to the
// audit trail in the same transaction.
type Service struct {
	Store Store
	Trail audit.Recorder
}

// CreateRegion adds a region. Platform administrators only; returns
// domain.ErrInvalid or domain.ErrConflict when the slug is taken.
func (s Service) CreateRegion(ctx context.Context, r Region) (Region, error) {
	if err := r.Validate(); err != nil {
		return Region{}, err
	}
	r.ID = uuid.New()
	created, err := s.Store.CreateRegion(ctx, r)
	if err != nil {
		return Region{}, fmt.Errorf("create region: %w", err)
	}
	after := map[string]any{"slug": created.Slug, "name": created.Name}
	if err := s.Trail.RecordPlatform(ctx, audit.ActionCreate, "region", created.ID, nil, after); err != nil {
		return Region{}, fmt.Errorf("record region creation: %w", err)
	}
	return created, nil
}

// ListRegions returns a page of regions by slug. Platform administrators.
func (s Service) ListRegions(ctx context.Context, p domain.Page) (domain.List[Region], error) {
	return s.Store.ListRegions(ctx, p.Normalised())
}

// CreateTenant adds a local area, in a region when regionSlug is given.
// Platform administrators only; returns domain.ErrInvalid for bad fields or
// an unknown region and domain.ErrConflict when the slug is taken.
func (s Service) CreateTenant(ctx context.Context, t Tenant, regionSlug string) (Tenant, error) {
	if err := t.Validate(); err != nil {
		return Tenant{}, err
	}
	if regionSlug != "" {
		r, err := s.Store.FindRegionBySlug(ctx, regionSlug)
		if domain.IsNotFound(err) {
			return Tenant{}, domain.InvalidField("region", "no region has that slug")
		}
		if err != nil {
			return Tenant{}, fmt.Errorf("find region: %w", err)
		}
		t.RegionID, t.RegionSlug = r.ID, r.Slug
	}
	t.ID = uuid.New()
	created, err := s.Store.CreateTenant(ctx, t)
	if err != nil {
		return Tenant{}, fmt.Errorf("create tenant: %w", err)
	}
	after := map[string]any{"slug": created.Slug, "name": created.Name, "region": created.RegionSlug}
	if err := s.Trail.RecordPlatform(ctx, audit.ActionCreate, "tenant", created.ID, nil, after); err != nil {
		return Tenant{}, fmt.Errorf("record tenant creation: %w", err)
	}
	return created, nil
}

// ListTenants returns a page of tenants by slug. Platform administrators.
func (s Service) ListTenants(ctx context.Context, p domain.Page) (domain.List[Tenant], error) {
	return s.Store.ListTenants(ctx, p.Normalised())
}

// FindTenantBySlug returns a tenant. Any caller; the tenant list itself is
// not secret from the platform, only from other tenants' members, which the
// API ensures by answering 404 to non-members.
func (s Service) FindTenantBySlug(ctx context.Context, slug string) (Tenant, error) {
	return s.Store.FindTenantBySlug(ctx, slug)
}

// FindTenantByID returns a tenant. Any caller, as FindTenantBySlug.
func (s Service) FindTenantByID(ctx context.Context, id uuid.UUID) (Tenant, error) {
	return s.Store.FindTenantByID(ctx, id)
}

// FindPersonByID returns a person by id.
func (s Service) FindPersonByID(ctx context.Context, id uuid.UUID) (Person, error) {
	return s.Store.FindPersonByID(ctx, id)
}

// ListPersonMemberships returns every membership of a person, across
// tenants. The scope's person must be that person.
func (s Service) ListPersonMemberships(ctx context.Context, personID uuid.UUID) ([]Membership, error) {
	return s.Store.ListPersonMemberships(ctx, personID)
}

// CreateOrganisation adds an organisation to the current tenant. Tenant
// administrators and QA leads; returns domain.ErrInvalid or
// domain.ErrConflict when the name or URN is taken.
func (s Service) CreateOrganisation(ctx context.Context, o Organisation) (Organisation, error) {
	o.ID = uuid.New()
	o.TenantID = domain.ScopeFrom(ctx).TenantID
	if err := o.Validate(); err != nil {
		return Organisation{}, err
	}
	if err := s.checkParent(ctx, o); err != nil {
		return Organisation{}, err
	}
	created, err := s.Store.CreateOrganisation(ctx, o)
	if err != nil {
		return Organisation{}, fmt.Errorf("create organisation: %w", err)
	}
	err = s.Trail.Record(ctx, audit.ActionCreate, "organisation", created.ID, nil, created.fields())
	if err != nil {
		return Organisation{}, fmt.Errorf("record organisation creation: %w", err)
	}
	return created, nil
}

// FindOrganisationByID returns one of the current tenant's organisations.
func (s Service) FindOrganisationByID(ctx context.Context, id uuid.UUID) (Organisation, error) {
	return s.Store.FindOrganisationByID(ctx, id)
}

// ListOrganisations returns a page of the current tenant's organisations,
// by name.
func (s Service) ListOrganisations(
	ctx context.Context, f OrganisationFilter, p domain.Page,
) (domain.List[Organisation], error) {
	return s.Store.ListOrganisations(ctx, f, p.Normalised())
}

// UpdateOrganisation changes an organisation that the caller loaded at
// version. Returns domain.ErrStale when someone saved it since.
func (s Service) UpdateOrganisation(
	ctx context.Context, id uuid.UUID, version int, patch OrganisationPatch,
) (Organisation, error) {
	current, err := s.Store.FindOrganisationByID(ctx, id)
	if err != nil {
		return Organisation{}, fmt.Errorf("load organisation: %w", err)
	}
	if current.Version != version {
		return Organisation{}, domain.Stale("the organisation")
	}
	changed := current.Apply(patch)
	if err := changed.Validate(); err != nil {
		return Organisation{}, err
	}
	if err := s.checkParent(ctx, changed); err != nil {
		return Organisation{}, err
	}
	saved, err := s.Store.UpdateOrganisation(ctx, changed, version)
	if err != nil {
		return Organisation{}, fmt.Errorf("update organisation: %w", err)
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "organisation", saved.ID, current.fields(), saved.fields())
	if err != nil {
		return Organisation{}, fmt.Errorf("record organisation change: %w", err)
	}
	return saved, nil
}

func (s Service) checkParent(ctx context.Context, o Organisation) error {
	if o.ParentID == uuid.Nil {
		return nil
	}
	_, err := s.Store.FindOrganisationByID(ctx, o.ParentID)
	if domain.IsNotFound(err) {
		return domain.InvalidField("parent_id", "no organisation in this area has that id")
	}
	return err
}

// fields is the organisation as the audit trail records it. Organisations
// hold no personal data about children.
func (o Organisation) fields() map[string]any {
	m := map[string]any{"kind": string(o.Kind), "name": o.Name, "archived": o.Archived}
	for k, v := range map[string]string{
		"urn": o.URN, "phase": o.Phase, "setting_type": o.SettingType,
		"sir_url": o.SIRURL, "contact_email": o.ContactEmail,
	} {
		if v != "" {
			m[k] = v
		}
	}
	if o.ParentID != uuid.Nil {
		m["parent_id"] = o.ParentID.String()
	}
	return m
}

// CreatePerson adds a person, an identity shared by every tenant. Returns
// domain.ErrInvalid or domain.ErrConflict when the e-mail is taken.
func (s Service) CreatePerson(ctx context.Context, p Person) (Person, error) {
	var probs domain.Problems
	CheckName(&probs, "name", p.Name)
	if p.Email != "" {
		CheckEmail(&probs, "email", p.Email)
	}
	if err := probs.Err(); err != nil {
		return Person{}, err
	}
	p.ID = uuid.New()
	created, err := s.Store.CreatePerson(ctx, p)
	if err != nil {
		return Person{}, fmt.Errorf("create person: %w", err)
	}
	return created, nil
}

// FindPersonByEmail returns a person by e-mail address.
func (s Service) FindPersonByEmail(ctx context.Context, email string) (Person, error) {
	return s.Store.FindPersonByEmail(ctx, email)
}

// SetRoles gives a person exactly these roles in the current tenant,
// making them a member if they were not. Tenant administrators.
func (s Service) SetRoles(ctx context.Context, personID uuid.UUID, roles []domain.Role) (Membership, error) {
	if err := CheckRoles(roles); err != nil {
		return Membership{}, err
	}
	tenantID := domain.ScopeFrom(ctx).TenantID
	var before map[string]any
	if ms, err := s.Store.ListPersonMemberships(ctx, personID); err == nil {
		for _, m := range ms {
			if m.TenantID == tenantID {
				before = map[string]any{"roles": roleNames(m.Roles)}
			}
		}
	}
	m, err := s.Store.SaveMembership(ctx, Membership{TenantID: tenantID, PersonID: personID, Roles: roles})
	if err != nil {
		return Membership{}, fmt.Errorf("save membership: %w", err)
	}
	after := map[string]any{"person_id": personID.String(), "roles": roleNames(m.Roles)}
	action := audit.ActionUpdate
	if before == nil {
		action = audit.ActionCreate
	}
	if err := s.Trail.Record(ctx, action, "membership", m.ID, before, after); err != nil {
		return Membership{}, fmt.Errorf("record membership change: %w", err)
	}
	return m, nil
}

// CheckRoles reports whether roles is a non-empty list of distinct tenant
// roles, against the field "roles".
func CheckRoles(roles []domain.Role) error {
	var p domain.Problems
	if len(roles) == 0 {
		p.Add("roles", "choose at least one role")
	}
	seen := map[domain.Role]bool{}
	for i, r := range roles {
		switch {
		case !r.Valid():
			p.Add(domain.Path("roles", i), "%q is not a role", string(r))
		case seen[r]:
			p.Add(domain.Path("roles", i), "%q is listed twice", string(r))
		}
		seen[r] = true
	}
	return p.Err()
}

func roleNames(roles []domain.Role) []string {
	out := make([]string, len(roles))
	for i, r := range roles {
		out[i] = string(r)
	}
	return out
}
