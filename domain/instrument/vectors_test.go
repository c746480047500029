package instrument

import (
	"encoding/json"
	"testing"
)

func TestConditionVectors(t *testing.T) {
	var file struct {
		Description string
		Items       json.RawMessage
		Cases       []struct {
			Name      string
			Condition json.RawMessage
			Answers   json.RawMessage
			AsOf      string `json:"as_of"`
			Want      bool
		}
	}
	readJSON(t, "testdata/vectors/conditions.json", &file)

	def := wrapItems(t, file.Items)
	for _, tc := range file.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			// The probe item carries the case's condition so that the
			// condition goes through the same parsing and validation as
			// any definition's.
			var items []json.RawMessage
			if err := json.Unmarshal(file.Items, &items); err != nil {
				t.Fatal(err)
			}
			probe := `{"id": "probe", "kind": "text", "label": "Probe", "applies_when": ` +
				string(tc.Condition) + `}`
			items = append(items, json.RawMessage(probe))
			all, _ := json.Marshal(items)
			withProbe := wrapItems(t, all)

			answers := mustAnswers(t, def, string(tc.Answers))
			got := Applicable(withProbe, answers, on(t, tc.AsOf))["probe"]
			if got != tc.Want {
				t.Errorf("got %v, want %v", got, tc.Want)
			}
			cond := *withProbe.Sections[0].Items[len(items)-1].AppliesWhen
			if got := EvaluateCondition(def, cond, answers, on(t, tc.AsOf)); got != tc.Want {
				t.Errorf("EvaluateCondition: got %v, want %v", got, tc.Want)
			}
		})
	}
}

func TestComputedVectors(t *testing.T) {
	var file struct {
		Description string
		Items       json.RawMessage
		Cases       []struct {
			Name    string
			Answers json.RawMessage
			AsOf    string `json:"as_of"`
			Want    map[string]*float64
		}
	}
	readJSON(t, "testdata/vectors/computed.json", &file)

	def := wrapItems(t, file.Items)
	for _, tc := range file.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			r, err := Score(def, mustAnswers(t, def, string(tc.Answers)), on(t, tc.AsOf))
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			for id, want := range tc.Want {
				got, ok := r.Computed[id]
				switch {
				case want == nil && ok:
					t.Errorf("%s: got %v, want no value", id, got)
				case want != nil && !ok:
					t.Errorf("%s: got no value, want %v", id, *want)
				case want != nil && got != *want:
					t.Errorf("%s: got %v, want %v", id, got, *want)
				}
			}
		})
	}
}

type wantOutcome struct {
	Scored bool
	Value  *float64
	Label  *string
}

func checkOutcome(t *testing.T, what string, got Outcome, want wantOutcome) {
	t.Helper()
	if got.Scored != want.Scored {
		t.Errorf("%s scored: got %v, want %v", what, got.Scored, want.Scored)
	}
	if want.Value != nil && !near(got.Value, *want.Value) {
		t.Errorf("%s value: got %v, want %v", what, got.Value, *want.Value)
	}
	if want.Label != nil && got.Label != *want.Label {
		t.Errorf("%s label: got %q, want %q", what, got.Label, *want.Label)
	}
}

func TestScoringVectors(t *testing.T) {
	var file struct {
		Description string
		Cases       []struct {
			Name       string
			Definition json.RawMessage
			Answers    json.RawMessage
			AsOf       string `json:"as_of"`
			Want       struct {
				Overall    *wantOutcome
				Sections   map[string]wantOutcome
				Items      map[string]float64
				Milestones map[string]struct{ Due, Status string }
				Poor       *bool
			}
		}
	}
	readJSON(t, "testdata/vectors/scoring.json", &file)

	for _, tc := range file.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			def := mustParse(t, string(tc.Definition))
			r, err := Score(def, mustAnswers(t, def, string(tc.Answers)), on(t, tc.AsOf))
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			if r.RuleVersion != def.Scoring.RuleVersion {
				t.Errorf("rule version: got %q, want %q", r.RuleVersion, def.Scoring.RuleVersion)
			}
			if w := tc.Want.Overall; w != nil {
				checkOutcome(t, "overall", r.Overall, *w)
			}
			for _, s := range r.Sections {
				if w, ok := tc.Want.Sections[s.ID]; ok {
					checkOutcome(t, "section "+s.ID, s.Outcome, w)
				}
			}
			for id, want := range tc.Want.Items {
				if got, ok := r.Items[id]; !ok || !near(got, want) {
					t.Errorf("item %s: got %v (present %v), want %v", id, got, ok, want)
				}
			}
			for _, m := range r.Milestones {
				w, ok := tc.Want.Milestones[m.Item]
				if !ok {
					continue
				}
				if m.Due.String() != w.Due || string(m.Status) != w.Status {
					t.Errorf("milestone %s: got due %s %s, want due %s %s",
						m.Item, m.Due, m.Status, w.Due, w.Status)
				}
			}
			if w := tc.Want.Poor; w != nil && r.Poor != *w {
				t.Errorf("poor: got %v, want %v", r.Poor, *w)
			}
		})
	}
}
