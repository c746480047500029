package catalogue_test

import (
	"context"
	"errors"
	"testing"

	"sendqa/domain"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
	"sendqa/domain/store/storetest"
)

// inAreaA runs fn as area A's member, in one transaction that it commits.
func inAreaA(t *testing.T, fn func(ctx context.Context, cat catalogue.Service) error) error {
	t.Helper()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	ctx := domain.WithActor(context.Background(), domain.Actor{PersonID: f.A.Member.ID, RequestID: "test"})
	return db.InScope(ctx, f.A.Scope(), func(ctx context.Context) error {
		return fn(ctx, storetest.Catalogue())
	})
}

func wantKind(t *testing.T, err error, kind domain.Kind, what string) {
	t.Helper()
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind != kind {
		t.Fatalf("%s: got %v, want a domain error of kind %d", what, err, kind)
	}
}

// Publishing a new version makes it current and retires the one before.
func TestPublishingRetiresTheVersionBefore(t *testing.T) {
	err := inAreaA(t, func(ctx context.Context, cat catalogue.Service) error {
		def := storetest.OwnInstrument(t)
		def.Title = "Case file check, second edition"
		draft, err := cat.CreateDraft(ctx, def)
		if err != nil {
			return err
		}
		if draft.Number != 2 || draft.State != instrument.StateDraft || draft.Definition.Version != 2 {
			t.Fatalf("draft: got number %d state %s definition version %d, want 2 draft 2",
				draft.Number, draft.State, draft.Definition.Version)
		}
		_, err = cat.CreateDraft(ctx, def)
		wantKind(t, err, domain.KindConflict, "a second draft")

		_, err = cat.PublishVersion(ctx, draft.Key, draft.Number, draft.Revision+1)
		wantKind(t, err, domain.KindStale, "publishing a stale revision")
		published, err := cat.PublishVersion(ctx, draft.Key, draft.Number, draft.Revision)
		if err != nil {
			return err
		}
		if published.State != instrument.StatePublished || published.PublishedAt.IsZero() {
			t.Fatalf("published: got %s at %v", published.State, published.PublishedAt)
		}
		_, err = cat.PublishVersion(ctx, draft.Key, draft.Number, published.Revision)
		wantKind(t, err, domain.KindConflict, "publishing twice")

		in, err := cat.FindInstrument(ctx, draft.Key)
		if err != nil {
			return err
		}
		if in.CurrentVersion != 2 || in.State != instrument.StatePublished || in.Title != def.Title {
			t.Fatalf("instrument: got version %d %s %q, want the second edition published",
				in.CurrentVersion, in.State, in.Title)
		}
		first, err := cat.FindVersion(ctx, draft.Key, 1)
		if err != nil {
			return err
		}
		if first.State != instrument.StateRetired || first.RetiredAt.IsZero() {
			t.Fatalf("version 1: got %s, want retired", first.State)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCreateDraftRefuses(t *testing.T) {
	err := inAreaA(t, func(ctx context.Context, cat catalogue.Service) error {
		def := storetest.OwnInstrument(t)
		def.Key = "eps_advice_quality"
		_, err := cat.CreateDraft(ctx, def)
		wantKind(t, err, domain.KindConflict, "a built-in instrument's key")

		def = storetest.OwnInstrument(t)
		def.Key, def.Sections[0].Items[1].Label = "fresh_check", ""
		_, err = cat.CreateDraft(ctx, def)
		var de *domain.Error
		if !errors.As(err, &de) || de.Kind != domain.KindInvalid || len(de.Fields) != 1 ||
			de.Fields[0].Field != "sections[0].items[1].label" {
			t.Fatalf("a definition without a label: got %v, want one error on sections[0].items[1].label", err)
		}

		_, err = cat.PublishVersion(ctx, "eps_advice_quality", 1, 1)
		wantKind(t, err, domain.KindConflict, "publishing a built-in instrument")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
