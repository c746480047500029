package round

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"sort"
)

// Candidate is a subject that may be drawn, with the value of each
// attribute a draw can be stratified by.
type Candidate struct {
	ID      string
	LocalID string
	Strata  map[StrataBy]string
}

// Pick is one drawn candidate and the stratum it was drawn from.
type Pick struct {
	Candidate Candidate
	Stratum   string
}

// Stratum is one group of a stratified draw: how many candidates it held
// and how many were drawn from it.
type Stratum struct {
	Value      string
	Population int
	Drawn      int
}

// Draw picks size candidates with a generator seeded by seed. The result
// depends only on the candidates' local ids, the rule and the seed, never
// on the order the candidates come in, so the same draw can be repeated
// and explained. A stratified draw gives each stratum its proportional
// share, the remainders going to the largest fractions (ties to the
// stratum named first), and draws at random within each stratum.
func Draw(candidates []Candidate, rule Sampling, size int, seed int64) ([]Pick, []Stratum) {
	sorted := slices.Clone(candidates)
	slices.SortFunc(sorted, func(a, b Candidate) int { return cmp.Compare(a.LocalID, b.LocalID) })
	size = min(size, len(sorted))
	rng := newRand(seed)

	if rule.Method != Stratified {
		shuffle(rng, sorted)
		picks := make([]Pick, size)
		for i := range picks {
			picks[i] = Pick{Candidate: sorted[i]}
		}
		return picks, nil
	}

	groups := map[string][]Candidate{}
	for _, c := range sorted {
		v := c.Strata[rule.StrataBy]
		groups[v] = append(groups[v], c)
	}
	strata := make([]Stratum, 0, len(groups))
	for v, g := range groups {
		strata = append(strata, Stratum{Value: v, Population: len(g)})
	}
	sort.Slice(strata, func(i, j int) bool { return strata[i].Value < strata[j].Value })
	apportion(strata, size)

	var picks []Pick
	for _, s := range strata {
		g := groups[s.Value]
		shuffle(rng, g)
		for _, c := range g[:s.Drawn] {
			picks = append(picks, Pick{Candidate: c, Stratum: s.Value})
		}
	}
	return picks, strata
}

// apportion shares size among the strata in proportion to their
// populations by the largest remainder method.
func apportion(strata []Stratum, size int) {
	total := 0
	for _, s := range strata {
		total += s.Population
	}
	if total == 0 {
		return
	}
	type share struct{ index, remainder int }
	shares := make([]share, len(strata))
	given := 0
	for i := range strata {
		exact := strata[i].Population * size
		strata[i].Drawn = exact / total
		given += strata[i].Drawn
		shares[i] = share{i, exact % total}
	}
	sort.SliceStable(shares, func(a, b int) bool { return shares[a].remainder > shares[b].remainder })
	for _, sh := range shares[:size-given] {
		strata[sh.index].Drawn++
	}
}

// newRand is a PCG generator: its sequence for a seed is fixed by its
// published algorithm, so a recorded seed draws the same sample on any
// version of Go.
func newRand(seed int64) *rand.PCG {
	return rand.NewPCG(uint64(seed), 0x5e4d_9a11_c0ff_ee01)
}

// shuffle is a Fisher-Yates shuffle written out here rather than taken
// from math/rand, whose shuffling need not stay the same across versions.
func shuffle[T any](rng *rand.PCG, s []T) {
	for i := len(s) - 1; i > 0; i-- {
		j := int(below(rng, uint64(i+1)))
		s[i], s[j] = s[j], s[i]
	}
}

// below returns a uniform number in [0, n) by rejection sampling.
func below(rng *rand.PCG, n uint64) uint64 {
	limit := -n % n // 2^64 mod n: values below it would bias the result
	for {
		v := rng.Uint64()
		if v >= limit {
			return v % n
		}
	}
}
