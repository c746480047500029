package catalogue_test

import (
	"bytes"
	"context"
	"testing"

	"sendqa/domain"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
	"sendqa/domain/store/storetest"
)

// countingFinder counts the reads that reach the database.
type countingFinder struct {
	catalogue.VersionFinder
	reads int
}

func (c *countingFinder) FindVersion(ctx context.Context, ref string, number int) (catalogue.Version, error) {
	c.reads++
	return c.VersionFinder.FindVersion(ctx, ref, number)
}

// A published version is read once per tenant; a draft, which can still
// change, every time.
func TestDefinitionsReadAPublishedVersionOncePerTenant(t *testing.T) {
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	finder := &countingFinder{VersionFinder: storetest.Catalogue()}
	defs := &catalogue.Definitions{Versions: finder}
	key := f.A.Instrument.Key
	read := func(area storetest.Area, number int, want string) {
		t.Helper()
		ctx := domain.WithActor(context.Background(), domain.Actor{PersonID: area.Member.ID, RequestID: "test"})
		err := db.InScope(ctx, area.Scope(), func(ctx context.Context) error {
			def, err := defs.Definition(ctx, key, number)
			if err == nil && def.Title != want {
				t.Errorf("%s version %d: got %q, want %q", area.Tenant.Slug, number, def.Title, want)
			}
			return err
		})
		if err != nil {
			t.Fatalf("%s version %d: %v", area.Tenant.Slug, number, err)
		}
	}
	wantReads := func(n int, after string) {
		t.Helper()
		if finder.reads != n {
			t.Fatalf("after %s: %d reads reached the database, want %d", after, finder.reads, n)
		}
	}

	read(f.A, 1, f.A.Instrument.Definition.Title)
	read(f.A, 1, f.A.Instrument.Definition.Title)
	wantReads(1, "reading a published version twice")
	ctxA := domain.WithActor(context.Background(), domain.Actor{PersonID: f.A.Member.ID, RequestID: "test"})
	err := db.InScope(ctxA, f.A.Scope(), func(ctx context.Context) error {
		text, err := defs.DefinitionJSON(ctx, key, 1)
		if err != nil {
			return err
		}
		def, err := instrument.ParseDefinition(text)
		if err == nil && (def.Title != f.A.Instrument.Definition.Title || bytes.Contains(text, []byte("\n"))) {
			t.Errorf("the JSON is not the compact definition: %.200s", text)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	wantReads(1, "writing a published version as JSON")

	read(f.B, 1, f.B.Instrument.Definition.Title)
	wantReads(2, "another tenant reading its own instrument of the same key")

	err = db.InScope(ctxA, f.A.Scope(), func(ctx context.Context) error {
		def := storetest.OwnInstrument(t)
		def.Title = "Case file check, second edition"
		_, err := storetest.Catalogue().CreateDraft(ctx, def)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	read(f.A, 2, "Case file check, second edition")
	read(f.A, 2, "Case file check, second edition")
	wantReads(4, "reading a draft twice")
}
