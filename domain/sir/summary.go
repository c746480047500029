package sir

import (
	"cmp"
	"slices"
)

// ItemSummary is how the completed checks rated one item.
type ItemSummary struct {
	Item                Item
	Met, Partly, NotMet int
	// CompliancePercent is the share of checks that met the item fully.
	CompliancePercent int
}

// PhaseSummary is how the completed checks of one phase came out.
type PhaseSummary struct {
	Phase  string
	Checks int
	// CompliancePercent is the share of the phase's ratings that are Met.
	CompliancePercent int
	Stale             int
	NotPublished      int
}

// Summary is the picture across a round's sample.
type Summary struct {
	Sampled, Completed  int
	Stale, NotPublished int
	Items               []ItemSummary
	Phases              []PhaseSummary
	// Gaps are the items most often not fully met, worst first, at most
	// five, and only those some check did not meet.
	Gaps []ItemSummary
}

func percent(part, whole int) int {
	if whole == 0 {
		return 0
	}
	return (part*100 + whole/2) / whole
}

// Summarise tallies the completed checks of a sample.
func Summarise(checks []Check, items []Item) Summary {
	s := Summary{Sampled: len(checks)}
	byItem := make([]ItemSummary, len(items))
	for i, it := range items {
		byItem[i].Item = it
	}
	type tally struct{ checks, met, ratings, stale, unpublished int }
	phases := map[string]*tally{}
	for _, c := range checks {
		if c.State != Completed {
			continue
		}
		s.Completed++
		ph := phases[c.Setting.Phase]
		if ph == nil {
			ph = &tally{}
			phases[c.Setting.Phase] = ph
		}
		ph.checks++
		if c.Stale() {
			s.Stale++
			ph.stale++
		}
		if c.Published != nil && !*c.Published {
			s.NotPublished++
			ph.unpublished++
		}
		for i, it := range items {
			switch c.Ratings[it.ID].Rating {
			case Met:
				byItem[i].Met++
				ph.met++
			case PartiallyMet:
				byItem[i].Partly++
			case NotMet:
				byItem[i].NotMet++
			default:
				continue
			}
			ph.ratings++
		}
	}
	for i := range byItem {
		byItem[i].CompliancePercent = percent(byItem[i].Met, s.Completed)
	}
	s.Items = byItem

	for name, t := range phases {
		s.Phases = append(s.Phases, PhaseSummary{Phase: name, Checks: t.checks,
			CompliancePercent: percent(t.met, t.ratings), Stale: t.stale,
			NotPublished: t.unpublished})
	}
	slices.SortFunc(s.Phases, func(a, b PhaseSummary) int { return cmp.Compare(a.Phase, b.Phase) })

	gaps := slices.Clone(byItem)
	slices.SortStableFunc(gaps, func(a, b ItemSummary) int {
		if c := cmp.Compare(b.NotMet+b.Partly, a.NotMet+a.Partly); c != 0 {
			return c
		}
		return cmp.Compare(b.NotMet, a.NotMet)
	})
	for _, g := range gaps {
		if len(s.Gaps) == 5 || g.NotMet+g.Partly == 0 {
			break
		}
		s.Gaps = append(s.Gaps, g)
	}
	return s
}
