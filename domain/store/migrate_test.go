package store_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
	"sendqa/migrations"
)

// A database missing the newest of our migrations or of River's is named
// for what it lacks, so that a stale test template cannot pass unseen.
func TestCheckSchemaNamesWhatADatabaseLacks(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, forget, want string
	}{
		{"river", "DELETE FROM river_migration WHERE version = (SELECT max(version) FROM river_migration)",
			"River migration"},
		{"ours", "DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)",
			"lacks migrations"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := storetest.New(t)
			if err := store.CheckSchema(ctx, d.OwnerURL, migrations.FS); err != nil {
				t.Fatalf("a fresh database: %v", err)
			}
			if _, err := d.OpenOwner(t).SQL().ExecContext(ctx, tc.forget); err != nil {
				t.Fatal(err)
			}
			err := store.CheckSchema(ctx, d.OwnerURL, migrations.FS)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error naming the %s", err, tc.want)
			}
		})
	}
}

// The digest changes with any migration file's name or content.
func TestSchemaDigestFollowsTheMigrations(t *testing.T) {
	digest := func(files fstest.MapFS) string {
		t.Helper()
		sum, err := store.SchemaDigest(files)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	base := digest(fstest.MapFS{"00001_a.sql": {Data: []byte("CREATE TABLE a ();")}})
	if again := digest(fstest.MapFS{"00001_a.sql": {Data: []byte("CREATE TABLE a ();")}}); again != base {
		t.Fatal("the same migrations gave two digests")
	}
	for name, files := range map[string]fstest.MapFS{
		"content": {"00001_a.sql": {Data: []byte("CREATE TABLE b ();")}},
		"name":    {"00002_a.sql": {Data: []byte("CREATE TABLE a ();")}},
		"added": {"00001_a.sql": {Data: []byte("CREATE TABLE a ();")},
			"00002_b.sql": {Data: []byte("")}},
	} {
		if digest(files) == base {
			t.Errorf("a change of %s kept the digest", name)
		}
	}
}
