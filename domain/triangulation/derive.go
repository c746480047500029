package triangulation

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Rated is a record sendqa holds whose ratings are findings: a submitted
// audit response, a moderation, or feedback to a service.
type Rated struct {
	Kind SourceKind
	ID   uuid.UUID
	// Label says where it came from: the round's name.
	Label string
	// Instrument and Version name the instrument; Title is its title.
	Instrument, Title string
	Version           int
	On                time.Time
	Overall           string
	Sections          []RatedSection
}

// RatedSection is one section's rating.
type RatedSection struct {
	ID, Title, Label string
}

// Labels a rating may carry that make it a strength or an area for
// development; any other label (such as "mixed" or "okay") is neither.
var (
	StrengthLabels = []string{"outstanding", "good", "met", "compliant", "green", "blue"}
	PoorLabels     = []string{"inadequate", "requires_improvement", "not_compliant", "red",
		"not_met", "needs_work"}
)

func polarityOf(label string) (Polarity, bool) {
	switch {
	case slices.Contains(StrengthLabels, label):
		return Strength, true
	case slices.Contains(PoorLabels, label):
		return Development, true
	}
	return "", false
}

// Derive turns ratings into findings: a section rated well or poorly is a
// finding on every theme linked to that section, and an overall result on
// every theme linked to the whole instrument. Each finding's DerivedKey
// names its record, section and theme, so that deriving again adds
// nothing twice.
func Derive(themes []Theme, rated []Rated) []Finding {
	var out []Finding
	add := func(r Rated, t Theme, part, title, label string) {
		pol, ok := polarityOf(label)
		if !ok {
			return
		}
		what := r.Title
		if title != "" {
			what = title
		}
		out = append(out, Finding{ID: uuid.New(), ThemeID: t.ID, ThemeName: t.Name,
			SourceKind: r.Kind, SourceID: r.ID, SourceLabel: r.Label, Polarity: pol,
			Body: fmt.Sprintf("%s rated %s", what, humanLabel(label)), FoundOn: r.On,
			Origin: Derived, DerivedKey: fmt.Sprintf("%s:%s:%s:%s", r.Kind, r.ID, part, t.ID)})
	}
	for _, r := range rated {
		for _, t := range themes {
			if t.Archived {
				continue
			}
			if slices.Contains(t.Links, r.Instrument) {
				add(r, t, "overall", "", r.Overall)
			}
			for _, s := range r.Sections {
				if slices.Contains(t.Links, r.Instrument+"/"+s.ID) {
					add(r, t, s.ID, s.Title, s.Label)
				}
			}
		}
	}
	return out
}

// humanLabel words a result label: "requires_improvement" reads
// "requires improvement".
func humanLabel(label string) string { return strings.ReplaceAll(label, "_", " ") }
