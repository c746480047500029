package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/demo"
	"sendqa/domain/identity"
	"sendqa/domain/personal"
	"sendqa/domain/store"
	"sendqa/domain/tenancy"
)

// seeder loads the demo region. Each step finds what is already there, so
// running it twice changes nothing.
type seeder struct {
	db       *store.DB
	tenancy  tenancy.Service
	out      io.Writer
	password string // one argon2id hash shared by every demo person
	keys     *personal.Keyring
}

func seedDemo(ctx context.Context, cfg config, stdout io.Writer, log *slog.Logger) error {
	if cfg.Env == "production" {
		return errors.New("seed-demo refuses to run when SENDQA_ENV=production")
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{MaxOpenConns: 4})
	if err != nil {
		return err
	}
	defer db.Close()
	hash, err := identity.HashPassword(cfg.DemoPassword)
	if err != nil {
		return err
	}
	keys, err := cfg.keyring()
	if err != nil {
		return err
	}
	s := seeder{db: db, out: stdout, password: hash, keys: keys, tenancy: tenancy.Service{
		Store: store.Tenancy{}, Trail: audit.Recorder{Store: store.Trail{}},
	}}
	if err := s.run(ctx); err != nil {
		return fmt.Errorf("seed demo data: %w", err)
	}
	log.Info("demo data loaded")
	return nil
}

func (s seeder) run(ctx context.Context) error {
	region, err := s.region(ctx, "black-country", "Black Country")
	if err != nil {
		return err
	}
	rows, err := demo.Records("tenants.csv")
	if err != nil {
		return err
	}
	var tenants []tenancy.Tenant
	for _, r := range rows {
		t, err := s.tenant(ctx, r["slug"], r["name"], region)
		if err != nil {
			return err
		}
		tenants = append(tenants, t)
	}

	if _, err := s.person(ctx, "platform@sendqa.example.org", "Platform Operator", true); err != nil {
		return err
	}
	icb, err := s.person(ctx, "icb.auditor@blackcountry.example.org", "Black Country ICB Auditor", false)
	if err != nil {
		return err
	}
	for _, t := range tenants {
		if err := s.tenantPeople(ctx, t); err != nil {
			return err
		}
		if err := s.roles(ctx, t, icb.ID, domain.RoleAuditor); err != nil {
			return err
		}
	}
	if err := s.providers(ctx, tenants); err != nil {
		return err
	}
	for _, t := range tenants {
		if t.Slug == "wolverhampton" {
			if err := s.wolverhampton(ctx, t); err != nil {
				return err
			}
		}
	}
	for _, t := range tenants {
		if err := s.schedule(ctx, t); err != nil {
			return fmt.Errorf("start %s's schedule: %w", t.Slug, err)
		}
		if err := s.finishedAudits(ctx, t); err != nil {
			return fmt.Errorf("finish %s's demo audits: %w", t.Slug, err)
		}
	}
	return nil
}

func (s seeder) region(ctx context.Context, slug, name string) (r tenancy.Region, err error) {
	err = s.db.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		r, err = s.tenancy.Store.FindRegionBySlug(ctx, slug)
		if domain.IsNotFound(err) {
			r, err = s.tenancy.CreateRegion(ctx, tenancy.Region{Slug: slug, Name: name})
		}
		return err
	})
	return r, err
}

func (s seeder) tenant(
	ctx context.Context, slug, name string, region tenancy.Region,
) (t tenancy.Tenant, err error) {
	err = s.db.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		t, err = s.tenancy.FindTenantBySlug(ctx, slug)
		if domain.IsNotFound(err) {
			t, err = s.tenancy.CreateTenant(ctx, tenancy.Tenant{Slug: slug, Name: name}, region.Slug)
		}
		return err
	})
	return t, err
}

func (s seeder) person(
	ctx context.Context, email, name string, platformAdmin bool,
) (p tenancy.Person, err error) {
	err = s.db.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		p, err = s.tenancy.FindPersonByEmail(ctx, email)
		if domain.IsNotFound(err) {
			p, err = s.tenancy.CreatePerson(ctx,
				tenancy.Person{Email: email, Name: name, PlatformAdmin: platformAdmin})
		}
		if err != nil {
			return err
		}
		_, err = store.Identity{}.FindCredentialsByPerson(ctx, p.ID)
		if domain.IsNotFound(err) {
			err = store.Identity{}.SavePassword(ctx, p.ID, s.password)
		}
		return err
	})
	return p, err
}

func (s seeder) roles(ctx context.Context, t tenancy.Tenant, personID uuid.UUID, roles ...domain.Role) error {
	scope := domain.Scope{TenantID: t.ID, RegionID: t.RegionID}
	return s.db.InScope(ctx, scope, func(ctx context.Context) error {
		_, err := s.tenancy.SetRoles(ctx, personID, roles)
		return err
	})
}

// demoNames gives each role's demo person a name people can greet, so the
// pages read as they will with real staff. The area follows in brackets so
// that lists spanning areas still tell the people apart.
var demoNames = map[domain.Role]string{
	domain.RoleTenantAdmin:          "Dana Whitfield",
	domain.RoleQALead:               "Priya Sandhu",
	domain.RoleAuditor:              "Tom Okafor",
	domain.RoleServiceManager:       "Gemma Price",
	domain.RoleProvider:             "Lee Harper",
	domain.RoleParticipationOfficer: "Aisha Khan",
	domain.RoleViewer:               "Martin Cole",
}

// tenantPeople adds one person for every role: role@tenant.example.org.
func (s seeder) tenantPeople(ctx context.Context, t tenancy.Tenant) error {
	place := strings.ToUpper(t.Slug[:1]) + t.Slug[1:]
	for _, role := range domain.Roles {
		name := demoNames[role] + " (" + place + ")"
		if role == domain.RoleYoungPerson {
			name = "Sam" // young people's accounts hold a first name only
		}
		p, err := s.person(ctx, string(role)+"@"+t.Slug+".example.org", name, false)
		if err != nil {
			return err
		}
		if err := s.roles(ctx, t, p.ID, role); err != nil {
			return err
		}
		if role == domain.RoleYoungPerson {
			if err := s.youngCode(ctx, t, p.ID); err != nil {
				return err
			}
		}
	}
	_, err := s.organisation(ctx, t, tenancy.Organisation{
		Kind: tenancy.KindProvider, Name: "Pathways Alternative Provision",
	})
	return err
}

// wolverhampton loads the framework's own area: its services, its settings
// register and its multi-agency auditor cohort.
func (s seeder) wolverhampton(ctx context.Context, t tenancy.Tenant) error {
	services := map[string]bool{}
	cohort, err := demo.Records("auditor_cohort_wolverhampton.csv")
	if err != nil {
		return err
	}
	for _, r := range cohort {
		services[r["service"]] = true
	}
	plans, err := demo.Records("ehcp_sample_wolverhampton.csv")
	if err != nil {
		return err
	}
	for _, r := range plans {
		for _, name := range strings.Split(r["contributing_services"], ";") {
			services[strings.TrimSpace(name)] = true
		}
	}
	names := make([]string, 0, len(services))
	for name := range services {
		if name != "" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		if _, err := s.organisation(ctx, t, tenancy.Organisation{Kind: tenancy.KindService, Name: name}); err != nil {
			return err
		}
	}

	settings, err := demo.Records("settings_wolverhampton.csv")
	if err != nil {
		return err
	}
	for _, r := range settings {
		kind := tenancy.KindSchool
		if r["phase"] == "Nursery" || r["phase"] == "Post-16" || r["phase"] == "College" {
			kind = tenancy.KindSetting
		}
		_, err := s.organisation(ctx, t, tenancy.Organisation{
			Kind: kind, Name: r["name"], URN: r["urn"], Phase: r["phase"],
			SettingType: r["type"], SIRURL: r["sir_url"], ContactEmail: r["senco_email"],
		})
		if err != nil {
			return err
		}
	}

	for _, r := range cohort {
		p, err := s.person(ctx, r["email"], r["name"], false)
		if err != nil {
			return err
		}
		if err := s.roles(ctx, t, p.ID, domain.RoleAuditor); err != nil {
			return err
		}
	}
	fmt.Fprintf(s.out, "Wolverhampton: %d services, %d settings, %d auditors in the cohort\n",
		len(names), len(settings), len(cohort))
	if err := s.programme(ctx, t, cohort); err != nil {
		return err
	}
	return s.springTerm(ctx, t)
}

// organisation adds an organisation unless one of that kind and name is
// there already.
func (s seeder) organisation(
	ctx context.Context, t tenancy.Tenant, o tenancy.Organisation,
) (out tenancy.Organisation, err error) {
	scope := domain.Scope{TenantID: t.ID, RegionID: t.RegionID}
	err = s.db.InScope(ctx, scope, func(ctx context.Context) error {
		kind, name := o.Kind, o.Name
		list, err := s.tenancy.ListOrganisations(ctx,
			tenancy.OrganisationFilter{Kind: &kind, Query: &name}, domain.Page{Limit: domain.MaxPageLimit})
		if err != nil {
			return err
		}
		for _, existing := range list.Items {
			if strings.EqualFold(existing.Name, name) {
				out = existing
				return nil
			}
		}
		out, err = s.tenancy.CreateOrganisation(ctx, o)
		return err
	})
	return out, err
}

// demoCode is the demo young person's invitation code in an area: the
// same on every run, so seeding twice changes nothing and the code
// printed stays true. Real codes are random (identity.NewInvitationCode).
func demoCode(slug string) string {
	const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	sum := sha256.Sum256([]byte("sendqa demo young person " + slug))
	out := make([]byte, 0, identity.CodeLength+1)
	for i := range identity.CodeLength {
		if i == identity.CodeLength/2 {
			out = append(out, '-')
		}
		out = append(out, alphabet[int(sum[i])%len(alphabet)])
	}
	return string(out)
}

// youngCode gives the area's demo young person their invitation code,
// once, and prints it with where to sign in.
func (s seeder) youngCode(ctx context.Context, t tenancy.Tenant, personID uuid.UUID) error {
	code := demoCode(t.Slug)
	scope := domain.Scope{TenantID: t.ID, RegionID: t.RegionID}
	err := s.db.InScope(ctx, scope, func(ctx context.Context) error {
		logins, err := store.Identity{}.ListYoungLogins(ctx)
		if err != nil {
			return err
		}
		for _, l := range logins {
			if l.PersonID == personID {
				return nil
			}
		}
		return store.Identity{}.SaveYoungLogin(ctx, personID, identity.HashCode(code), uuid.Nil)
	})
	if err != nil {
		return fmt.Errorf("give the demo young person a code: %w", err)
	}
	fmt.Fprintf(s.out, "Young person in %s: sign in at /sign-in/code?area=%s with code %s\n",
		t.Slug, t.Slug, code)
	return nil
}
