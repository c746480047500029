package catalogue_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"sendqa/domain"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
	"sendqa/domain/store/storetest"
)

// A local layer adds questions without moving the shared core's score, so
// that results of the same instrument compare across areas.
func TestLocalItemsLeaveTheCoreScoreAlone(t *testing.T) {
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	cat := storetest.Catalogue()
	ctx := context.Background()
	as := func(a storetest.Area) context.Context {
		return domain.WithActor(ctx, domain.Actor{PersonID: a.Member.ID, RequestID: "test"})
	}

	err := db.InScope(as(f.A), f.A.Scope(), func(ctx context.Context) error {
		_, err := cat.ShareInstrument(ctx, f.A.Instrument.Key, catalogue.Share{Scope: catalogue.ScopeRegion})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var layer catalogue.Use
	err = db.InScope(as(f.B), f.B.Scope(), func(ctx context.Context) (err error) {
		layer, err = cat.AddLocalLayer(ctx, f.A.Instrument.InstrumentID.String(), 0, "",
			json.RawMessage(`[{"id": "local_panel", "kind": "yes_no", "label": "Local panel?"}]`))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if layer.Version != 1 || layer.Source.TenantID != f.A.Tenant.ID || layer.Kind != catalogue.UseLayer {
		t.Fatalf("layer %+v, want a layer on A's version 1", layer)
	}

	score := func(def instrument.Definition, answers string) instrument.Outcome {
		t.Helper()
		decoded, err := instrument.DecodeAnswers(def, []byte(answers))
		if err != nil {
			t.Fatal(err)
		}
		r, err := instrument.Score(def, decoded, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return r.Overall
	}
	core := score(f.A.Instrument.Definition, `{"chronology": "yes"}`)
	layered := score(layer.Definition, `{"chronology": "yes", "local_panel": "no"}`)
	if core.Value != layered.Value || core.Label != layered.Label || core.Count != layered.Count {
		t.Errorf("with a local answer the score is %+v, want the core's %+v", layered, core)
	}
}
