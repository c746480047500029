package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"

	"sendqa/domain/instrument"
	"sendqa/domain/store/storetest"
)

// emptyDatabase creates a database with no schema at all, unlike
// storetest.New, whose databases come migrated, and drops it at the end.
func emptyDatabase(t *testing.T) storetest.DB {
	t.Helper()
	ctx := context.Background()
	admin := storetest.AdminURL()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "sendqa_t_empty_" + hex.EncodeToString(b[:])
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), admin)
		if err != nil {
			t.Logf("drop database %s: %v", name, err)
			return
		}
		defer c.Close(context.Background())
		_, _ = c.Exec(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})

	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	owner := u.String()
	u.User = url.User(storetest.RuntimeRole)
	return storetest.DB{Name: name, OwnerURL: owner, AppURL: u.String()}
}

func TestMigrateLoadsTheLibraryOnce(t *testing.T) {
	d := emptyDatabase(t)
	cfg := testConfig(t, d)
	ctx := context.Background()
	defs, err := instrument.Library()
	if err != nil {
		t.Fatal(err)
	}

	for run := 1; run <= 2; run++ {
		if err := migrate(ctx, cfg, quiet()); err != nil {
			t.Fatalf("migrate, run %d: %v", run, err)
		}
		conn, err := pgx.Connect(ctx, d.OwnerURL)
		if err != nil {
			t.Fatal(err)
		}
		var rows, keys, newest int
		err = conn.QueryRow(ctx, `SELECT count(*), count(DISTINCT key), max(version)
			FROM library_instruments`).Scan(&rows, &keys, &newest)
		conn.Close(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if rows != len(defs) || keys != len(defs) || newest != 1 {
			t.Fatalf("run %d: got %d rows of %d keys up to version %d, want %d at version 1",
				run, rows, keys, newest, len(defs))
		}
	}
}
