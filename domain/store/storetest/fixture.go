package storetest

import (
	"context"
	"testing"
	"time"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
	"sendqa/domain/store"
	"sendqa/domain/tenancy"
)

// Area is one tenant of a fixture with a member in it.
type Area struct {
	Tenant       tenancy.Tenant
	Member       tenancy.Person
	Organisation tenancy.Organisation
	// Instrument is the area's own instrument, published at version 1.
	Instrument catalogue.Version
}

// Scope is the area's scope as its member sees it.
func (a Area) Scope() domain.Scope {
	return domain.Scope{TenantID: a.Tenant.ID, PersonID: a.Member.ID, RegionID: a.Tenant.RegionID}
}

// Fixture is two tenants in one region, each with a row in every tenant
// table. The row-level security tests require that: a table added later
// must get a row here, or those tests fail.
type Fixture struct {
	Region tenancy.Region
	A, B   Area
}

// Services returns the tenancy service wired to the store.
func Services() tenancy.Service {
	return tenancy.Service{Store: store.Tenancy{}, Trail: audit.Recorder{Store: store.Trail{}}}
}

// Catalogue returns the catalogue service wired to the store.
func Catalogue() catalogue.Service {
	return catalogue.Service{Store: store.Catalogue{}, Trail: audit.Recorder{Store: store.Trail{}}}
}

// ownInstrument is a small instrument of the area's own, with one scored
// item and one personal item.
const ownInstrument = `{"key": "case_file_check", "version": 1, "title": "Case file check",
	"subject": "ehcna_case", "completed_by": ["auditor"],
	"scoring": {"rule_version": "case-file-1", "overall": {"method": "mean",
		"thresholds": [{"min": 0.75, "label": "good"}, {"min": 0, "label": "poor"}]}},
	"sections": [{"id": "file", "title": "The file", "items": [
		{"id": "child_name", "kind": "personal", "personal_kind": "name", "label": "Child's name"},
		{"id": "chronology", "kind": "yes_no", "label": "Is there a chronology?", "required": true,
			"allow_partial": true}]}]}`

// OwnInstrument is the definition of every fixture area's own instrument.
func OwnInstrument(t testing.TB) instrument.Definition {
	t.Helper()
	def, err := instrument.ParseDefinition([]byte(ownInstrument))
	must(t, err)
	return def
}

// Seed fills the database with a fixture, as the owner.
func Seed(t testing.TB, d DB) Fixture {
	t.Helper()
	ctx := context.Background()
	owner := d.OpenOwner(t)
	svc := Services()
	var f Fixture
	must(t, owner.InScope(ctx, domain.Scope{}, func(ctx context.Context) (err error) {
		f.Region, err = svc.CreateRegion(ctx, tenancy.Region{Slug: "test-region", Name: "Test Region"})
		return err
	}))
	f.A = seedArea(t, owner, svc, "area-a", f.Region)
	f.B = seedArea(t, owner, svc, "area-b", f.Region)
	seedSharing(t, owner, f.A, f.B)
	seedSharing(t, owner, f.B, f.A)
	seedProgramme(t, owner, f.A)
	seedProgramme(t, owner, f.B)
	seedResponses(t, owner, f.A)
	seedResponses(t, owner, f.B)
	seedActionPlans(t, owner, f.A)
	seedActionPlans(t, owner, f.B)
	seedModerations(t, owner, f.A)
	seedModerations(t, owner, f.B)
	seedAPAudits(t, owner, f.A, f.B)
	seedSIR(t, owner, f.A)
	seedSIR(t, owner, f.B)
	seedSchedule(t, owner, f.A)
	seedSchedule(t, owner, f.B)
	seedVisits(t, owner, f.A)
	seedVisits(t, owner, f.B)
	seedTriangulation(t, owner, f.A)
	seedTriangulation(t, owner, f.B)
	return f
}

// seedSharing gives the owner area a share of its instrument, already
// withdrawn so that nothing is visible across tenants, and the user area a
// local layer it made of that instrument while the share was in force.
func seedSharing(t testing.TB, owner *store.DB, from, to Area) {
	t.Helper()
	ctx := context.Background()
	_, err := owner.SQL().ExecContext(ctx, `INSERT INTO instrument_shares
		(tenant_id, instrument_id, scope, created_by, withdrawn_at)
		VALUES ($1, $2, 'region', $3, now())`,
		from.Tenant.ID, from.Instrument.InstrumentID, from.Member.ID)
	must(t, err)
	def, err := instrument.MarshalDefinition(from.Instrument.Definition)
	must(t, err)
	_, err = owner.SQL().ExecContext(ctx, `INSERT INTO instrument_uses
		(tenant_id, kind, source_tenant_id, source_instrument_id, source_key, source_version,
		 definition, created_by)
		VALUES ($1, 'layer', $2, $3, $4, $5, $6::jsonb, $7)`,
		to.Tenant.ID, from.Tenant.ID, from.Instrument.InstrumentID, from.Instrument.Key,
		from.Instrument.Number, string(def), to.Member.ID)
	must(t, err)
}

func seedArea(t testing.TB, owner *store.DB, svc tenancy.Service, slug string, r tenancy.Region) Area {
	t.Helper()
	ctx := context.Background()
	var a Area
	must(t, owner.InScope(ctx, domain.Scope{}, func(ctx context.Context) (err error) {
		a.Tenant, err = svc.CreateTenant(ctx, tenancy.Tenant{Slug: slug, Name: "Area " + slug}, r.Slug)
		if err != nil {
			return err
		}
		a.Member, err = svc.CreatePerson(ctx, tenancy.Person{Email: "lead@" + slug + ".example.org", Name: "Lead " + slug})
		return err
	}))
	ctx = domain.WithActor(ctx, domain.Actor{PersonID: a.Member.ID, RequestID: "fixture"})
	must(t, owner.InScope(ctx, a.Scope(), func(ctx context.Context) (err error) {
		if _, err = svc.SetRoles(ctx, a.Member.ID, []domain.Role{domain.RoleTenantAdmin, domain.RoleQALead}); err != nil {
			return err
		}
		a.Organisation, err = svc.CreateOrganisation(ctx, tenancy.Organisation{
			Kind: tenancy.KindSchool, Name: "Shared Name School", URN: "100001",
		})
		if err != nil {
			return err
		}
		cat := Catalogue()
		draft, err := cat.CreateDraft(ctx, OwnInstrument(t))
		if err != nil {
			return err
		}
		a.Instrument, err = cat.PublishVersion(ctx, draft.Key, draft.Number, draft.Revision)
		if err != nil {
			return err
		}
		return store.SaveIdempotentResponse(ctx, store.IdempotencyKey{
			TenantID: a.Tenant.ID, PersonID: a.Member.ID, Route: "POST /fixture", Key: "k1",
		}, store.StoredResponse{RequestHash: []byte{1}, Status: 201, ContentType: "application/json",
			Body: []byte(`{}`)}, time.Hour)
	}))
	_, err := owner.SQL().ExecContext(ctx, `INSERT INTO invitations
		(tenant_id, email, name, roles, token_hash, expires_at)
		VALUES ($1, 'invitee@example.org', 'Invitee', '{auditor}', sha256($2::bytea), now() + interval '1 day')`,
		a.Tenant.ID, []byte(slug))
	must(t, err)
	return a
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("seed fixture: %v", err)
	}
}
