package apaudit

import (
	"testing"
	"time"

	"sendqa/domain/instrument"
)

func apDefinition(t *testing.T) instrument.Definition {
	t.Helper()
	lib, err := instrument.Library()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range lib {
		if d.Key == DefaultInstrument {
			return d
		}
	}
	t.Fatalf("the library has no %s", DefaultInstrument)
	return instrument.Definition{}
}

// The built-in instrument's standards are fifteen, three in each of five
// themes, named by their rating item's label.
func TestStandardsOfTheBuiltInInstrument(t *testing.T) {
	standards := standardsOf(apDefinition(t))
	if len(standards) != 15 {
		t.Fatalf("got %d standards, want 15", len(standards))
	}
	themes := map[string]int{}
	for _, s := range standards {
		themes[s.Theme]++
		if s.State != StandardRequested || s.Title == "" || s.Key == "" {
			t.Errorf("standard %+v is not a fresh, titled standard", s)
		}
	}
	if len(themes) != 5 {
		t.Errorf("got themes %v, want five", themes)
	}
	for theme, n := range themes {
		if n != 3 {
			t.Errorf("theme %s has %d standards, want 3", theme, n)
		}
	}
	if s := standards[0]; s.Key != "a1" || s.Title != "Information before the placement" {
		t.Errorf("first standard: got %s %q", s.Key, s.Title)
	}
}

// The overall rating follows the instrument's count rule: red when any
// standard is red, green when at least twelve are green, amber otherwise.
func TestOverallFollowsTheCountRule(t *testing.T) {
	def := apDefinition(t)
	rated := func(green, amber, red int) []Standard {
		var out []Standard
		for i, s := range standardsOf(def) {
			switch {
			case i < green:
				s.Rating = "green"
			case i < green+amber:
				s.Rating = "amber"
			case i < green+amber+red:
				s.Rating = "red"
			}
			out = append(out, s)
		}
		return out
	}
	for _, tc := range []struct {
		name              string
		green, amber, red int
		want              string
	}{
		{"one red among greens", 14, 0, 1, "red"},
		{"twelve green", 12, 3, 0, "green"},
		{"eleven green", 11, 4, 0, "amber"},
		{"all green", 15, 0, 0, "green"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := overall(def, rated(tc.green, tc.amber, tc.red), time.Now())
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}
