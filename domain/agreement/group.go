package agreement

import (
	"cmp"
	"slices"
)

// Pair is one item rated by two auditors: the first audit and the
// moderator's second audit of the same subject.
type Pair struct {
	Round   string
	Section string
	Item    string
	Scale   Scale
	// First and Second name the two auditors; First rated first.
	First, Second             string
	FirstAnswer, SecondAnswer string
}

// AuditorPair names two auditors in a stable order, whichever of them
// rated first, so that their pairs gather in one group.
type AuditorPair struct{ A, B string }

func auditorPair(p Pair) (AuditorPair, bool) {
	if p.First <= p.Second {
		return AuditorPair{A: p.First, B: p.Second}, false
	}
	return AuditorPair{A: p.Second, B: p.First}, true
}

// Group is the agreement of a set of pairs. Kappa only makes sense within
// one scale, so a group that mixes scales (a section with grades and yes
// or no items) has one set of statistics per scale, in order of first
// appearance; its percentage agreement spans every scale.
type Group struct {
	Key       string
	Pairs     int
	Skipped   int
	Agreement float64 // share of pairs in exact agreement
	// HasPairs is false when the group had no pair on any scale, and
	// Agreement then means nothing.
	HasPairs bool
	ByScale  []Statistics
	// Change is the difference in percentage agreement from the previous
	// round, in a trend only; HasChange is false for the first round.
	Change    float64
	HasChange bool
}

// builder gathers one group's pairs into a matrix per scale.
type builder struct {
	key      string
	matrices []*Matrix
}

func (b *builder) add(p Pair, swap bool) error {
	var m *Matrix
	for _, x := range b.matrices {
		if x.Scale.Name == p.Scale.Name {
			m = x
		}
	}
	if m == nil {
		var err error
		if m, err = NewMatrix(p.Scale); err != nil {
			return err
		}
		b.matrices = append(b.matrices, m)
	}
	if swap {
		m.Add(p.SecondAnswer, p.FirstAnswer)
	} else {
		m.Add(p.FirstAnswer, p.SecondAnswer)
	}
	return nil
}

func (b *builder) group() Group {
	g := Group{Key: b.key}
	same := 0
	for _, m := range b.matrices {
		st := m.Compute()
		g.ByScale = append(g.ByScale, st)
		g.Pairs += m.Pairs
		g.Skipped += m.Skipped
		for i := range m.Counts {
			same += m.Counts[i][i]
		}
	}
	if g.Pairs > 0 {
		g.Agreement, g.HasPairs = float64(same)/float64(g.Pairs), true
	}
	return g
}

// groupBy gathers pairs under the key each is given, keys in order of
// first appearance. swap reports whether a pair's answers are to be
// turned round (to orient auditor pairs).
func groupBy(pairs []Pair, key func(Pair) (string, bool)) ([]Group, error) {
	var order []*builder
	index := map[string]*builder{}
	for _, p := range pairs {
		k, swap := key(p)
		b := index[k]
		if b == nil {
			b = &builder{key: k}
			index[k] = b
			order = append(order, b)
		}
		if err := b.add(p, swap); err != nil {
			return nil, err
		}
	}
	out := make([]Group, len(order))
	for i, b := range order {
		out[i] = b.group()
	}
	return out, nil
}

// ByItem is the agreement on each item, keyed "section/item".
func ByItem(pairs []Pair) ([]Group, error) {
	return groupBy(pairs, func(p Pair) (string, bool) { return p.Section + "/" + p.Item, false })
}

// BySection is the agreement on each section's items together.
func BySection(pairs []Pair) ([]Group, error) {
	return groupBy(pairs, func(p Pair) (string, bool) { return p.Section, false })
}

// ByRound is the agreement on every item of each round.
func ByRound(pairs []Pair) ([]Group, error) {
	return groupBy(pairs, func(p Pair) (string, bool) { return p.Round, false })
}

// ByAuditorPair is the agreement of each two auditors who rated the same
// subjects, keyed "A+B" with the two names in sorted order. Which of them
// rated first does not matter: kappa is the same either way round.
func ByAuditorPair(pairs []Pair) ([]Group, error) {
	return groupBy(pairs, func(p Pair) (string, bool) {
		ap, swap := auditorPair(p)
		return ap.A + "+" + ap.B, swap
	})
}

// Trend is the agreement of each round in the order given (oldest
// first), each with its change in percentage agreement from the round
// before it. A round in the order with no pairs still appears, without
// pairs, so that a gap shows; rounds missing from the order are left out.
func Trend(pairs []Pair, rounds []string) ([]Group, error) {
	byRound, err := ByRound(pairs)
	if err != nil {
		return nil, err
	}
	out := make([]Group, 0, len(rounds))
	for _, r := range rounds {
		g := Group{Key: r}
		if i := slices.IndexFunc(byRound, func(x Group) bool { return x.Key == r }); i >= 0 {
			g = byRound[i]
		}
		out = append(out, g)
	}
	prev := -1
	for i := range out {
		if !out[i].HasPairs {
			continue
		}
		if prev >= 0 {
			out[i].Change, out[i].HasChange = out[i].Agreement-out[prev].Agreement, true
		}
		prev = i
	}
	return out, nil
}

// SortByAgreement orders groups from the least agreed to the most, so that
// the items most in need of a moderation discussion come first; groups
// without pairs go last.
func SortByAgreement(groups []Group) {
	slices.SortStableFunc(groups, func(a, b Group) int {
		if a.HasPairs != b.HasPairs {
			if a.HasPairs {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.Agreement, b.Agreement)
	})
}
