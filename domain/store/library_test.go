package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"sendqa/domain/instrument"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

func mustLibrary(t *testing.T) []instrument.Definition {
	t.Helper()
	defs, err := instrument.Library()
	if err != nil {
		t.Fatal(err)
	}
	return defs
}

func libraryVersions(t *testing.T, db storetest.DB, key string) []int {
	t.Helper()
	conn := connect(t, db.OwnerURL)
	rows, err := conn.Query(context.Background(),
		"SELECT version FROM library_instruments WHERE key = $1 ORDER BY version", key)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// Loading the library again changes nothing; a changed definition adds a
// version and keeps the old one.
func TestSyncLibraryAddsAVersionOnlyForAChange(t *testing.T) {
	db := storetest.New(t)
	ctx := context.Background()
	defs := mustLibrary(t)

	added, err := store.SyncLibrary(ctx, db.OwnerURL, defs)
	if err != nil || added != 0 {
		t.Fatalf("loading the template's library again: added %d (%v), want 0", added, err)
	}

	changed := mustLibrary(t)
	changed[2].Title += " (revised)"
	added, err = store.SyncLibrary(ctx, db.OwnerURL, changed)
	if err != nil || added != 1 {
		t.Fatalf("after one change: added %d (%v), want 1", added, err)
	}
	if got := libraryVersions(t, db, changed[2].Key); len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Fatalf("%s has versions %v, want [1 2]", changed[2].Key, got)
	}
	if added, err = store.SyncLibrary(ctx, db.OwnerURL, changed); err != nil || added != 0 {
		t.Fatalf("loading the change twice: added %d (%v), want 0", added, err)
	}

	// The stored definition says which version it is.
	conn := connect(t, db.OwnerURL)
	var stored []byte
	err = conn.QueryRow(ctx, `SELECT definition FROM library_instruments WHERE key = $1 AND version = 2`,
		changed[2].Key).Scan(&stored)
	if err != nil {
		t.Fatal(err)
	}
	def, err := instrument.ParseDefinition(stored)
	if err != nil || def.Version != 2 || def.Title != changed[2].Title {
		t.Fatalf("stored version 2 is %q version %d (%v)", def.Title, def.Version, err)
	}
}

// The runtime role reads the library and cannot change it.
func TestRuntimeRoleOnlyReadsTheLibrary(t *testing.T) {
	db := storetest.New(t)
	app := connect(t, db.AppURL)
	ctx := context.Background()

	var n int
	if err := app.QueryRow(ctx, "SELECT count(*) FROM library_instruments").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if want := len(mustLibrary(t)); n != want {
		t.Fatalf("the runtime role sees %d library rows, want %d", n, want)
	}
	for _, stmt := range []string{
		"UPDATE library_instruments SET title = 'Changed'",
		"DELETE FROM library_instruments",
		`INSERT INTO library_instruments (key, version, title, subject, definition, digest)
			VALUES ('forged', 1, 'Forged', 'theme', '{}', '\x00')`,
	} {
		_, err := app.Exec(ctx, stmt)
		var pg *pgconn.PgError
		if !errors.As(err, &pg) || pg.Code != "42501" {
			t.Errorf("%s: got %v, want permission denied", stmt, err)
		}
	}
}
