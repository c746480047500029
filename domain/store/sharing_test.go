package store_test

import (
	"context"
	"testing"

	"sendqa/domain"
	"sendqa/domain/catalogue"
	"sendqa/domain/store/storetest"
	"sendqa/domain/tenancy"
)

// The shared_with_region policies: another tenant reads an instrument
// only through a share in force that reaches it, reads its published
// versions but never a draft, and writes nothing.
func TestSharePolicyReachesOnlyItsScope(t *testing.T) {
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	owner := d.OpenOwner(t)
	app := connect(t, d.AppURL)
	ctx := domain.WithActor(context.Background(), domain.Actor{PersonID: f.A.Member.ID})
	svc := storetest.Services()
	cat := storetest.Catalogue()

	var outsider tenancy.Tenant
	err := owner.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		r, err := svc.CreateRegion(ctx, tenancy.Region{Slug: "elsewhere", Name: "Elsewhere"})
		if err != nil {
			return err
		}
		outsider, err = svc.CreateTenant(ctx, tenancy.Tenant{Slug: "area-c", Name: "Area C"}, r.Slug)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	outside := domain.Scope{TenantID: outsider.ID, RegionID: outsider.RegionID}
	instrumentID := f.A.Instrument.InstrumentID

	// counts is what a scope reads of A's instrument: the instrument, its
	// versions, and the shares of it.
	counts := func(s domain.Scope) [3]int {
		t.Helper()
		tx := scoped(t, app, s)
		defer tx.Rollback(context.Background())
		var n [3]int
		for i, q := range []string{
			"SELECT count(*) FROM instruments WHERE id = $1",
			"SELECT count(*) FROM instrument_versions WHERE instrument_id = $1",
			"SELECT count(*) FROM instrument_shares WHERE instrument_id = $1",
		} {
			if err := tx.QueryRow(context.Background(), q, instrumentID).Scan(&n[i]); err != nil {
				t.Fatal(err)
			}
		}
		return n
	}
	share := func(scope catalogue.ShareScope) catalogue.Share {
		t.Helper()
		var sh catalogue.Share
		err := db.InScope(ctx, f.A.Scope(), func(ctx context.Context) (err error) {
			sh, err = cat.ShareInstrument(ctx, f.A.Instrument.Key, catalogue.Share{Scope: scope})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return sh
	}
	withdraw := func(sh catalogue.Share) {
		t.Helper()
		err := db.InScope(ctx, f.A.Scope(), func(ctx context.Context) error {
			_, err := cat.WithdrawShare(ctx, f.A.Instrument.Key, sh.ID, sh.Revision)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}

	if got := counts(f.B.Scope()); got != [3]int{} {
		t.Fatalf("before any share in force, B reads %v of A's rows, want none", got)
	}

	regional := share(catalogue.ScopeRegion)
	// A draft of version 2 stays the owner's alone.
	err = db.InScope(ctx, f.A.Scope(), func(ctx context.Context) error {
		_, err := cat.NewVersion(ctx, f.A.Instrument.Key)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := counts(f.B.Scope()), [3]int{1, 1, 1}; got != want {
		t.Errorf("with a region share, B in the region reads %v, want %v (no draft)", got, want)
	}
	if got := counts(outside); got != [3]int{} {
		t.Errorf("with a region share, a tenant of another region reads %v, want none", got)
	}
	noTenant := domain.Scope{RegionID: f.Region.ID}
	if got := counts(noTenant); got != [3]int{} {
		t.Errorf("with no tenant in the request, the region's share shows %v, want none", got)
	}

	t.Run("others cannot write", func(t *testing.T) {
		tx := scoped(t, app, f.B.Scope())
		defer tx.Rollback(context.Background())
		for _, q := range []string{
			"UPDATE instruments SET title = 'taken' WHERE id = $1",
			"UPDATE instrument_versions SET state = 'retired' WHERE instrument_id = $1",
			"UPDATE instrument_shares SET withdrawn_at = now() WHERE instrument_id = $1",
			"DELETE FROM instrument_shares WHERE instrument_id = $1",
		} {
			tag, err := tx.Exec(context.Background(), q, instrumentID)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if tag.RowsAffected() != 0 {
				t.Errorf("%s as B changed %d of A's rows", q, tag.RowsAffected())
			}
		}
	})

	withdraw(regional)
	if got := counts(f.B.Scope()); got != [3]int{} {
		t.Errorf("after withdrawal, B reads %v, want none", got)
	}

	everyone := share(catalogue.ScopeAll)
	if got, want := counts(outside), [3]int{1, 1, 1}; got != want {
		t.Errorf("with a share for all, a tenant of another region reads %v, want %v", got, want)
	}
	withdraw(everyone)
	if got := counts(outside); got != [3]int{} {
		t.Errorf("after withdrawal, the other region reads %v, want none", got)
	}
}
