// Package tenancy holds the records that say who is who: regions, tenants
// (one per local area), people, their memberships and roles, and the
// organisations of a tenant.
package tenancy

import (
	"net/mail"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
)

// Region groups tenants that may share instruments and results.
type Region struct {
	ID        uuid.UUID
	Slug      string
	Name      string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Tenant is one local area.
type Tenant struct {
	ID         uuid.UUID
	Slug       string
	Name       string
	RegionID   uuid.UUID // zero when the tenant belongs to no region
	RegionSlug string
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Person is one identity across tenants.
type Person struct {
	ID            uuid.UUID
	Email         string
	Name          string
	PlatformAdmin bool
	Version       int
	CreatedAt     time.Time
}

// Membership gives a person roles in one tenant.
type Membership struct {
	ID         uuid.UUID
	TenantID   uuid.UUID
	TenantSlug string
	TenantName string
	RegionSlug string
	PersonID   uuid.UUID
	Roles      []domain.Role
	Version    int
}

// OrganisationKind says what an organisation is.
type OrganisationKind string

// Organisation kinds.
const (
	KindService  OrganisationKind = "service"
	KindTeam     OrganisationKind = "team"
	KindSchool   OrganisationKind = "school"
	KindSetting  OrganisationKind = "setting"
	KindProvider OrganisationKind = "provider"
)

var organisationKinds = []OrganisationKind{KindService, KindTeam, KindSchool, KindSetting, KindProvider}

// Organisation is a service, team, school or setting, or a provider.
type Organisation struct {
	ID           uuid.UUID
	TenantID     uuid.UUID
	Kind         OrganisationKind
	Name         string
	ParentID     uuid.UUID // zero when it has no parent
	URN          string    // schools and settings: the DfE unique reference number
	Phase        string
	SettingType  string
	SIRURL       string // where the setting publishes its SEN information report
	ContactEmail string
	Archived     bool
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// OrganisationFilter narrows a list of organisations; nil fields match all.
type OrganisationFilter struct {
	Kind     *OrganisationKind
	Query    *string // part of the name, any case
	Archived *bool
}

// OrganisationPatch changes some fields of an organisation; nil fields stay.
type OrganisationPatch struct {
	Name         *string
	ParentID     *uuid.UUID
	URN          *string
	Phase        *string
	SettingType  *string
	SIRURL       *string
	ContactEmail *string
	Archived     *bool
}

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	urnPattern  = regexp.MustCompile(`^[0-9]{6,7}$`)
)

func checkSlug(p *domain.Problems, field, slug string) {
	switch {
	case slug == "":
		p.Add(field, "enter a slug")
	case len(slug) > 63:
		p.Add(field, "use 63 characters or fewer")
	case !slugPattern.MatchString(slug):
		p.Add(field, "use lower-case letters, digits and single hyphens only")
	}
}

// CheckName reports whether name is a usable name for a person or record.
func CheckName(p *domain.Problems, field, name string) {
	switch {
	case strings.TrimSpace(name) == "":
		p.Add(field, "enter a name")
	case len([]rune(name)) > 200:
		p.Add(field, "use 200 characters or fewer")
	}
}

// CheckEmail reports whether s is a plain e-mail address.
func CheckEmail(p *domain.Problems, field, s string) {
	a, err := mail.ParseAddress(s)
	if s == "" {
		p.Add(field, "enter an email address")
		return
	}
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndex(s, "@"):], ".") {
		p.Add(field, "enter an email address in the correct format, like name@example.org")
	}
}

// Validate checks a region before it is saved.
func (r Region) Validate() error {
	var p domain.Problems
	checkSlug(&p, "slug", r.Slug)
	CheckName(&p, "name", r.Name)
	return p.Err()
}

// Validate checks a tenant before it is saved.
func (t Tenant) Validate() error {
	var p domain.Problems
	checkSlug(&p, "slug", t.Slug)
	CheckName(&p, "name", t.Name)
	return p.Err()
}

// Validate checks an organisation before it is saved.
func (o Organisation) Validate() error {
	var p domain.Problems
	if !contains(organisationKinds, o.Kind) {
		p.Add("kind", "choose one of service, team, school, setting or provider")
	}
	CheckName(&p, "name", o.Name)
	if o.URN != "" && !urnPattern.MatchString(o.URN) {
		p.Add("urn", "enter a unique reference number of 6 or 7 digits")
	}
	if o.ContactEmail != "" {
		CheckEmail(&p, "contact_email", o.ContactEmail)
	}
	if o.SIRURL != "" && !strings.HasPrefix(o.SIRURL, "https://") &&
		!strings.HasPrefix(o.SIRURL, "http://") {
		p.Add("sir_url", "enter a web address starting with https://")
	}
	if o.ParentID != uuid.Nil && o.ParentID == o.ID {
		p.Add("parent_id", "an organisation cannot be its own parent")
	}
	return p.Err()
}

// Apply returns the organisation with the patch's fields changed.
func (o Organisation) Apply(p OrganisationPatch) Organisation {
	set(&o.Name, p.Name)
	set(&o.ParentID, p.ParentID)
	set(&o.URN, p.URN)
	set(&o.Phase, p.Phase)
	set(&o.SettingType, p.SettingType)
	set(&o.SIRURL, p.SIRURL)
	set(&o.ContactEmail, p.ContactEmail)
	set(&o.Archived, p.Archived)
	return o
}

func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
