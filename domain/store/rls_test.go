package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"sendqa/domain"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
	"sendqa/domain/tenancy"
)

// Policies other than tenant_isolation that a tenant table may have. Each
// is a designed exception of the security brief; anything else fails.
var allowedExtraPolicies = map[string]string{
	"memberships.own_rows":      "a person reads their own memberships in every tenant, to sign in",
	"idempotency_keys.own_rows": "platform routes have no tenant; their keys belong to the person",
	"instrument_shares.shared_with_region": "SELECT only: other tenants read a share in force " +
		"that reaches them (region or all), to find what is shared",
	"instruments.shared_with_region": "SELECT only: an instrument is readable by the tenants an " +
		"un-withdrawn share reaches; writes stay tenant-only",
	"visits.drafts_own_rows": "RESTRICTIVE: a draft visit is seen only by the young people who " +
		"went (app.person_id); it narrows the tenant policy and never reaches beyond the tenant",
	"instrument_versions.shared_with_region": "SELECT only: published versions named by a share " +
		"in force are readable by the tenants it reaches; drafts never",
	"tenant_providers.provider_own_rows": "SELECT only: a provider's people read which councils " +
		"know their provider, for their inbox",
	"provider_audits.provider_own_rows": "SELECT only: a provider's people read their own " +
		"provider's audits in every council whose access is in force",
	"provider_standards.provider_own_rows":  "SELECT only: as provider_audits",
	"provider_challenges.provider_own_rows": "SELECT only: as provider_audits",
	"provider_shares.shared_with_region": "SELECT only: a share in force of a decided AP result " +
		"reaches the other tenants of the sharing tenant's region",
	"provider_audits.shared_with_region": "SELECT only: a decided AP audit named by a share in " +
		"force is readable by the tenants of the region; writes stay tenant-only",
	"provider_standards.shared_with_region": "SELECT only: the ratings and feedback of a shared " +
		"AP audit, as provider_audits",
}

// Tables without tenant_id. They hold nothing about children.
var globalTables = map[string]string{
	"regions":               "groups of tenants",
	"tenants":               "one row per local area",
	"people":                "identities shared across tenants: e-mail and name of staff",
	"platform_audit_events": "changes to tenants and regions by platform operators",
	"casbin_rule":           "role permissions",
	"goose_db_version":      "applied migrations",
	"credentials":           "password hashes of people",
	"sessions":              "refresh tokens of browser sessions, hashed",
	"access_tokens":         "personal access tokens, hashed",
	"rate_limits":           "counters of attempts per address",
	"password_resets":       "reset tokens, hashed",
	"outbound_mail":         "mail to staff waiting to be sent: invitations, resets, notices; nothing about children",
	"library_instruments":   "the built-in instruments' definitions, read-only: forms, never answers",
	"providers":             "alternative provision providers known to several tenants: names only",
	"provider_people":       "which people speak for which provider: ids only",
}

func tenantTables(t *testing.T, conn *pgx.Conn) []string {
	t.Helper()
	rows, err := conn.Query(context.Background(), `
		SELECT c.relname FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
		ORDER BY c.relname`)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 {
		t.Fatal("found no tenant tables; the introspection query is wrong")
	}
	return names
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// Test 1: every table with tenant_id has RLS enabled and forced and a
// tenant_isolation policy on the tenant setting for reads and writes.
func TestEveryTenantTableHasForcedRowLevelSecurity(t *testing.T) {
	db := storetest.New(t)
	conn := connect(t, db.OwnerURL)
	ctx := context.Background()

	for _, table := range tenantTables(t, conn) {
		t.Run(table, func(t *testing.T) {
			var enabled, forced bool
			err := conn.QueryRow(ctx, `SELECT relrowsecurity, relforcerowsecurity FROM pg_class
				WHERE relname = $1 AND relnamespace = 'public'::regnamespace`, table).Scan(&enabled, &forced)
			if err != nil {
				t.Fatal(err)
			}
			if !enabled || !forced {
				t.Fatalf("row level security enabled=%v forced=%v, want both true", enabled, forced)
			}
			rows, err := conn.Query(ctx, `SELECT policyname, cmd, coalesce(qual, ''), coalesce(with_check, '')
				FROM pg_policies WHERE schemaname = 'public' AND tablename = $1`, table)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for rows.Next() {
				var name, cmd, qual, check string
				if err := rows.Scan(&name, &cmd, &qual, &check); err != nil {
					t.Fatal(err)
				}
				if name == "tenant_isolation" {
					found = true
					if cmd != "ALL" || !strings.Contains(qual, "app_tenant_id()") ||
						!strings.Contains(check, "app_tenant_id()") {
						t.Errorf("tenant_isolation is %s USING %q WITH CHECK %q; want ALL on app_tenant_id()",
							cmd, qual, check)
					}
					continue
				}
				if _, ok := allowedExtraPolicies[table+"."+name]; !ok {
					t.Errorf("policy %s is not a designed exception; add it to allowedExtraPolicies "+
						"with its reason, or remove it", name)
				}
			}
			if !found {
				t.Error("no tenant_isolation policy")
			}
		})
	}
}

// Tables without tenant_id must be listed, with what they hold.
func TestGlobalTablesAreListed(t *testing.T) {
	db := storetest.New(t)
	conn := connect(t, db.OwnerURL)
	rows, err := conn.Query(context.Background(), `
		SELECT c.relname FROM pg_class c
		WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
		  AND NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid
		                  AND a.attname = 'tenant_id' AND NOT a.attisdropped)`)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		if _, ok := globalTables[n]; !ok && !strings.HasPrefix(n, "river_") {
			t.Errorf("table %s has no tenant_id and is not a listed global table", n)
		}
	}
}

// Test 2: the runtime role is not a superuser, cannot bypass RLS and owns
// nothing.
func TestRuntimeRoleIsUnprivileged(t *testing.T) {
	db := storetest.New(t)
	conn := connect(t, db.OwnerURL)
	ctx := context.Background()
	var super, bypass, createRole, createDB bool
	err := conn.QueryRow(ctx, `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb
		FROM pg_roles WHERE rolname = $1`, storetest.RuntimeRole).Scan(&super, &bypass, &createRole, &createDB)
	if err != nil {
		t.Fatal(err)
	}
	if super || bypass || createRole || createDB {
		t.Fatalf("runtime role super=%v bypassrls=%v createrole=%v createdb=%v, want all false",
			super, bypass, createRole, createDB)
	}
	var owned []string
	rows, err := conn.Query(ctx, `SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
		WHERE r.rolname = $1`, storetest.RuntimeRole)
	if err != nil {
		t.Fatal(err)
	}
	owned, err = pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	if len(owned) > 0 {
		t.Fatalf("runtime role owns %v, want nothing", owned)
	}
}

// Test 3: as tenant A, tenant B's rows are invisible and cannot be written.
func TestTenantCannotReadOrWriteAnotherTenant(t *testing.T) {
	db := storetest.New(t)
	f := storetest.Seed(t, db)
	owner := connect(t, db.OwnerURL)
	app := connect(t, db.AppURL)
	ctx := context.Background()

	for _, table := range tenantTables(t, owner) {
		t.Run(table, func(t *testing.T) {
			for _, a := range []storetest.Area{f.A, f.B} {
				var n int
				q := fmt.Sprintf("SELECT count(*) FROM %s WHERE tenant_id = $1", table)
				if err := owner.QueryRow(ctx, q, a.Tenant.ID).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n == 0 {
					t.Fatalf("the fixture has no %s row in %s; extend storetest.Seed", table, a.Tenant.Slug)
				}
			}

			tx := scoped(t, app, f.A.Scope())
			defer tx.Rollback(ctx)
			var foreign int
			q := fmt.Sprintf("SELECT count(*) FROM %s WHERE tenant_id IS DISTINCT FROM $1", table)
			if err := tx.QueryRow(ctx, q, f.A.Tenant.ID).Scan(&foreign); err != nil {
				t.Fatal(err)
			}
			if foreign != 0 {
				t.Fatalf("tenant A sees %d rows of other tenants, want 0", foreign)
			}

			// An update either touches nothing or is refused outright (the
			// audit trail grants no UPDATE at all); both keep B's rows safe.
			savepoint(t, tx)
			tag, err := tx.Exec(ctx, fmt.Sprintf("UPDATE %s SET tenant_id = tenant_id WHERE tenant_id = $1", table),
				f.B.Tenant.ID)
			if err == nil && tag.RowsAffected() != 0 {
				t.Fatalf("tenant A updated %d of tenant B's rows", tag.RowsAffected())
			}
			rollbackToSavepoint(t, tx)
			_, err = tx.Exec(ctx, copyRowInto(t, owner, table), f.B.Tenant.ID, f.A.Tenant.ID)
			var pg *pgconn.PgError
			if !errors.As(err, &pg) || pg.Code != "42501" {
				t.Fatalf("writing a row for tenant B as tenant A: got %v, want a row-level security error", err)
			}
		})
	}
}

func savepoint(t *testing.T, tx pgx.Tx) {
	t.Helper()
	if _, err := tx.Exec(context.Background(), "SAVEPOINT step"); err != nil {
		t.Fatal(err)
	}
}

func rollbackToSavepoint(t *testing.T, tx pgx.Tx) {
	t.Helper()
	if _, err := tx.Exec(context.Background(), "ROLLBACK TO SAVEPOINT step"); err != nil {
		t.Fatal(err)
	}
}

// copyRowInto builds an INSERT that copies one of tenant $2's rows into
// tenant $1 with fresh ids, from the table's own column list.
func copyRowInto(t *testing.T, conn *pgx.Conn, table string) string {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT attname FROM pg_attribute
		WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`, table)
	if err != nil {
		t.Fatal(err)
	}
	cols, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	values := make([]string, len(cols))
	for i, c := range cols {
		switch c {
		case "tenant_id":
			values[i] = "$1::uuid"
		case "id":
			values[i] = "gen_random_uuid()"
		default:
			values[i] = c
		}
	}
	return fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s WHERE tenant_id = $2 LIMIT 1",
		table, strings.Join(cols, ", "), strings.Join(values, ", "), table)
}

func scoped(t *testing.T, conn *pgx.Conn, s domain.Scope) pgx.Tx {
	t.Helper()
	ctx := context.Background()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tx.Exec(ctx, `SELECT set_config('app.tenant_id', $1, true), set_config('app.person_id', $2, true),
		set_config('app.region_id', $3, true)`, s.TenantID.String(), s.PersonID.String(), s.RegionID.String())
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// Test 4: with no tenant set, an empty setting or a malformed one, every
// tenant table returns no row.
func TestMissingOrMalformedTenantFailsClosed(t *testing.T) {
	db := storetest.New(t)
	storetest.Seed(t, db)
	owner := connect(t, db.OwnerURL)
	app := connect(t, db.AppURL)
	ctx := context.Background()
	settings := map[string][]string{
		"unset":                 nil,
		"empty":                 {"SELECT set_config('app.tenant_id', '', true)"},
		"malformed":             {"SELECT set_config('app.tenant_id', 'not-a-uuid''; --', true)"},
		"reset":                 {"SELECT set_config('app.tenant_id', 'x', true)", "RESET app.tenant_id"},
		"nil uuid":              {"SELECT set_config('app.tenant_id', '00000000-0000-0000-0000-000000000000', true)"},
		"other tenant's person": {"SELECT set_config('app.person_id', gen_random_uuid()::text, true)"},
	}
	for _, table := range tenantTables(t, owner) {
		for name, setup := range settings {
			t.Run(table+"/"+name, func(t *testing.T) {
				tx, err := app.Begin(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback(ctx)
				for _, stmt := range setup {
					if _, err := tx.Exec(ctx, stmt); err != nil {
						t.Fatal(err)
					}
				}
				var n int
				if err := tx.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
					t.Fatalf("got error %v, want an empty result", err)
				}
				if n != 0 {
					t.Fatalf("got %d rows, want 0", n)
				}
			})
		}
	}
}

// Test 5: the scope never outlives its transaction on a pooled connection,
// and concurrent requests for different tenants see only their own rows.
func TestScopeDoesNotLeakThroughThePool(t *testing.T) {
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	ctx := context.Background()
	db, err := store.Open(ctx, d.AppURL, store.Options{MaxOpenConns: 1, MaxIdleConns: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := storetest.Services()

	for _, a := range []storetest.Area{f.A, f.B} {
		err := db.InScope(ctx, a.Scope(), func(ctx context.Context) error {
			_, err := svc.ListOrganisations(ctx, tenancy.OrganisationFilter{}, domain.Page{})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var setting *string
		if err := db.SQL().QueryRowContext(ctx, "SELECT current_setting('app.tenant_id', true)").Scan(&setting); err != nil {
			t.Fatal(err)
		}
		if setting != nil && *setting != "" {
			t.Fatalf("after the transaction the connection still has tenant %q", *setting)
		}
	}

	pool := d.Open(t)
	var wg sync.WaitGroup
	errs := make(chan error, 500)
	for i := range 500 {
		a := []storetest.Area{f.A, f.B}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- pool.InScope(ctx, a.Scope(), func(ctx context.Context) error {
				list, err := svc.ListOrganisations(ctx, tenancy.OrganisationFilter{}, domain.Page{})
				if err != nil {
					return err
				}
				if len(list.Items) == 0 {
					return fmt.Errorf("tenant %s saw none of its own organisations", a.Tenant.Slug)
				}
				for _, o := range list.Items {
					if o.TenantID != a.Tenant.ID {
						return fmt.Errorf("tenant %s saw organisation %s of tenant %s", a.Tenant.Slug, o.ID, o.TenantID)
					}
				}
				return nil
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// Test 6: the same reference can exist in two tenants, and a duplicate
// within one tenant says nothing about any other.
func TestSameReferenceInTwoTenants(t *testing.T) {
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	svc := storetest.Services()
	ctx := context.Background()

	// The fixture already gave both tenants a school with URN 100001.
	if f.A.Organisation.URN != f.B.Organisation.URN {
		t.Fatalf("fixture URNs %q and %q differ", f.A.Organisation.URN, f.B.Organisation.URN)
	}
	err := db.InScope(ctx, f.A.Scope(), func(ctx context.Context) error {
		_, err := svc.CreateOrganisation(ctx, tenancy.Organisation{
			Kind: tenancy.KindSchool, Name: "Another School", URN: "100001",
		})
		return err
	})
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind != domain.KindConflict {
		t.Fatalf("duplicate URN in one tenant: got %v, want a conflict", err)
	}
	for _, leak := range []string{f.B.Tenant.ID.String(), "area-b", "organisations_urn_key", "duplicate key"} {
		if strings.Contains(de.Message, leak) {
			t.Fatalf("conflict message %q reveals %q", de.Message, leak)
		}
	}
	_ = uuid.Nil
}
