package api_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"sendqa/domain/tenancy"
)

// BenchmarkOrganisationList compares a page of 50 organisations through the
// whole stack (router, conventions, RLS transaction, GORM, JSON) with the
// same scoped query through bare pgx.
func BenchmarkOrganisationList(b *testing.B) {
	e := newBenchEnv(b)

	b.Run("full_stack", func(b *testing.B) {
		for b.Loop() {
			r := httptest.NewRequest("GET", e.orgs()+"?limit=50", nil)
			r.Header.Set("X-Test-Person", e.lead().String())
			w := httptest.NewRecorder()
			e.server.ServeHTTP(w, r)
			if w.Code != 200 {
				b.Fatalf("got %d", w.Code)
			}
		}
	})

	b.Run("bare_pgx", func(b *testing.B) { benchBarePgx(b, e) })
}

// benchBarePgx runs the organisation page's query the leanest correct way:
// a pgx pool, a transaction with the scope set, the query and a scan.
func benchBarePgx(b *testing.B, e *env) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, e.db.AppURL)
	if err != nil {
		b.Fatal(err)
	}
	defer pool.Close()
	scope := e.fixture.A.Scope()
	for b.Loop() {
		tx, err := pool.Begin(ctx)
		if err != nil {
			b.Fatal(err)
		}
		_, err = tx.Exec(ctx, `SELECT set_config('app.tenant_id', $1, true),
			set_config('app.person_id', $2, true), set_config('app.region_id', $3, true)`,
			scope.TenantID.String(), scope.PersonID.String(), scope.RegionID.String())
		if err != nil {
			b.Fatal(err)
		}
		rows, err := tx.Query(ctx, `SELECT id, tenant_id, kind, name, parent_id, urn, phase,
			setting_type, sir_url, contact_email, archived, version, created_at, updated_at
			FROM organisations ORDER BY lower(name), id LIMIT 51`)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			var (
				o            tenancy.Organisation
				parent       *uuid.UUID
				urn          *string
				kind         string
				created, upd time.Time
			)
			if err := rows.Scan(&o.ID, &o.TenantID, &kind, &o.Name, &parent, &urn, &o.Phase,
				&o.SettingType, &o.SIRURL, &o.ContactEmail, &o.Archived, &o.Version, &created, &upd); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if rows.Err() != nil || n != 51 {
			b.Fatalf("got %d rows, err %v", n, rows.Err())
		}
		if err := tx.Commit(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

func newBenchEnv(b *testing.B) *env {
	b.Helper()
	e := newEnvTB(b)
	ctx := context.Background()
	owner := e.db.OpenOwner(b)
	svc := e.tenancy
	err := owner.InScope(ctx, e.fixture.A.Scope(), func(ctx context.Context) error {
		for i := range 100 {
			_, err := svc.CreateOrganisation(ctx, tenancy.Organisation{
				Kind: tenancy.KindService, Name: fmt.Sprintf("Service %03d", i)})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkAuthenticatedList is the organisation list as a signed-in
// browser makes it: the access JWT verified, the policy decided, the RLS
// transaction run, beside the same scoped query through bare pgx (see
// BenchmarkOrganisationList/bare_pgx).
func BenchmarkAuthenticatedList(b *testing.B) {
	e := newBenchEnv(b)
	e.setPassword(e.lead(), testPassword)
	br := e.browser()
	if r := br.login(e.fixture.A.Member.Email, testPassword); r.status != 200 {
		b.Fatalf("login: got %d", r.status)
	}
	cookie := "__Host-sendqa_access=" + br.cookies["__Host-sendqa_access"].Value
	b.Run("full_stack_with_jwt", func(b *testing.B) {
		for b.Loop() {
			r := httptest.NewRequest("GET", e.orgs()+"?limit=50", nil)
			r.Header.Set("Cookie", cookie)
			w := httptest.NewRecorder()
			e.server.ServeHTTP(w, r)
			if w.Code != 200 {
				b.Fatalf("got %d", w.Code)
			}
		}
	})
	b.Run("bare_pgx", func(b *testing.B) { benchBarePgx(b, e) })
}

// BenchmarkPolicyDecision is one Casbin decision on its own.
func BenchmarkPolicyDecision(b *testing.B) {
	e := newEnvTB(b)
	person, tenant := e.lead(), e.fixture.A.Tenant.ID
	for b.Loop() {
		ok, err := e.enforcer.Allowed(person, tenant, "organisations", "write")
		if err != nil || !ok {
			b.Fatalf("got %v %v", ok, err)
		}
	}
}
