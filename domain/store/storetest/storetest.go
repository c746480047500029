// Package storetest gives each test a fresh, migrated PostgreSQL database
// on the real server: never a mock. Databases are cloned from a template
// migrated once per set of migrations, so a new one takes milliseconds.
package storetest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"sendqa/domain/instrument"
	"sendqa/domain/store"
	"sendqa/migrations"
)

// RuntimeRole is the role tests connect as, like the server.
const RuntimeRole = "sendqa_app"

// DB is a fresh database.
type DB struct {
	Name string
	// OwnerURL connects as the schema owner, which bypasses RLS.
	OwnerURL string
	// AppURL connects as the runtime role, bound by RLS.
	AppURL string
}

// AdminURL is the server tests create databases on, from
// SENDQA_TEST_DATABASE_URL or the local server with trust auth.
func AdminURL() string {
	if u := os.Getenv("SENDQA_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// New creates a database for one test and drops it when the test ends.
func New(t testing.TB) DB {
	t.Helper()
	ctx := context.Background()
	admin := AdminURL()
	template, err := ensureTemplate(ctx, admin)
	if err != nil {
		t.Fatalf("prepare template database: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "sendqa_t_" + hex.EncodeToString(b[:])

	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connect to %s: %v", redact(admin), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template)); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			t.Logf("drop database %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
	})
	db := DB{Name: name, OwnerURL: withDatabase(admin, name, ""), AppURL: withDatabase(admin, name, RuntimeRole)}
	checkTemplate(t, template, db)
	return db
}

// checked holds the templates whose first clone had every migration.
var checked sync.Map

// checkTemplate fails the test, once per template, if a clone of it lacks
// a migration that the template's name should have promised, rather than
// let tests fail later on a missing table.
func checkTemplate(t testing.TB, template string, db DB) {
	t.Helper()
	if _, ok := checked.Load(template); ok {
		return
	}
	if err := store.CheckSchema(context.Background(), db.OwnerURL, migrations.FS); err != nil {
		t.Fatalf("template database %s is out of date (%v): its name should change with the schema; "+
			"drop it and it will be built again", template, err)
	}
	checked.Store(template, true)
}

// Open connects to the database as the runtime role and closes the pool
// when the test ends.
func (d DB) Open(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), d.AppURL, store.Options{MaxOpenConns: 20, MaxIdleConns: 20})
	if err != nil {
		t.Fatalf("open database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// OpenOwner connects as the owner, for fixtures that cross tenants.
func (d DB) OpenOwner(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), d.OwnerURL, store.Options{MaxOpenConns: 4})
	if err != nil {
		t.Fatalf("open database as owner: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// ensureTemplate migrates a template database named after a hash of what
// shapes its schema (our migrations and River's) and of the built-in
// instruments and loads those instruments, once, under a lock so that
// parallel test binaries agree.
func ensureTemplate(ctx context.Context, admin string) (string, error) {
	sum, err := migrationsHash()
	if err != nil {
		return "", err
	}
	library, err := instrument.Library()
	if err != nil {
		return "", err
	}
	libSum, err := libraryHash(library)
	if err != nil {
		return "", err
	}
	name := "sendqa_tmpl_" + sum[:16] + "_" + libSum[:8]
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", fmt.Errorf("connect to %s: %w", redact(admin), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(7311)"); err != nil {
		return "", err
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock(7311)")

	var ready bool
	err = conn.QueryRow(ctx,
		"SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1 AND datistemplate)", name).Scan(&ready)
	if err != nil || ready {
		return name, err
	}
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	owner := withDatabase(admin, name, "")
	if _, err := store.Migrate(ctx, owner, migrations.FS, slog.New(slog.DiscardHandler)); err != nil {
		return "", err
	}
	if _, err := store.SyncLibrary(ctx, owner, library); err != nil {
		return "", err
	}
	if err := store.EnsureRuntimeRole(ctx, owner, RuntimeRole, ""); err != nil {
		return "", err
	}
	_, err = conn.Exec(ctx, "ALTER DATABASE "+name+" WITH is_template true ALLOW_CONNECTIONS false")
	return name, err
}

func migrationsHash() (string, error) {
	sum, err := store.SchemaDigest(migrations.FS)
	if err != nil {
		return "", err
	}
	// The runtime role's grants are part of what a template holds.
	h := sha256.Sum256([]byte(sum + "grants-v2"))
	return hex.EncodeToString(h[:]), nil
}

// libraryHash digests the built-in instruments as they are loaded, so that
// a change to a library file builds a new template.
func libraryHash(defs []instrument.Definition) (string, error) {
	h := sha256.New()
	for _, d := range defs {
		b, err := instrument.MarshalDefinition(d)
		if err != nil {
			return "", err
		}
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// withDatabase returns the admin URL pointed at another database and,
// when user is set, another role.
func withDatabase(admin, db, user string) string {
	u, err := url.Parse(admin)
	if err != nil {
		return admin
	}
	u.Path = "/" + db
	if user != "" {
		u.User = url.User(user)
	}
	return u.String()
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "the test database"
	}
	return u.Redacted()
}
