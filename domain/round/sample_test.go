package round_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"sendqa/domain/round"
)

var needs = []string{"ASD", "SEMH", "SLCN", "MLD", "PD"}

// population is 100 candidates whose primary needs are spread unevenly:
// 40 ASD, 25 SEMH, 20 SLCN, 10 MLD, 5 PD.
func population() []round.Candidate {
	sizes := []int{40, 25, 20, 10, 5}
	var out []round.Candidate
	for i, n := range sizes {
		for j := range n {
			id := fmt.Sprintf("WV%02d%03d", i, j)
			out = append(out, round.Candidate{ID: id, LocalID: id,
				Strata: map[round.StrataBy]string{round.ByPrimaryNeed: needs[i]}})
		}
	}
	return out
}

func ids(picks []round.Pick) []string {
	out := make([]string, len(picks))
	for i, p := range picks {
		out[i] = p.Candidate.LocalID
	}
	return out
}

func TestARandomDrawRepeatsFromItsSeed(t *testing.T) {
	pop := population()
	rule := round.Sampling{Method: round.Random}
	first, _ := round.Draw(pop, rule, 12, 42)
	if len(first) != 12 {
		t.Fatalf("drew %d, want 12", len(first))
	}

	shuffled := slices.Clone(pop)
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	again, _ := round.Draw(shuffled, rule, 12, 42)
	if !slices.Equal(ids(first), ids(again)) {
		t.Fatalf("the same seed drew differently when the candidates came in another order:\n%v\n%v",
			ids(first), ids(again))
	}
	other, _ := round.Draw(pop, rule, 12, 43)
	if slices.Equal(ids(first), ids(other)) {
		t.Fatal("seeds 42 and 43 drew the same sample")
	}
	seen := map[string]bool{}
	for _, id := range ids(first) {
		if seen[id] {
			t.Fatalf("%s drawn twice", id)
		}
		seen[id] = true
	}
}

func TestAStratifiedDrawGivesEachStratumItsShare(t *testing.T) {
	rule := round.Sampling{Method: round.Stratified, StrataBy: round.ByPrimaryNeed}
	for _, size := range []int{1, 7, 10, 20, 33, 100, 150} {
		t.Run(fmt.Sprint(size), func(t *testing.T) {
			picks, strata := round.Draw(population(), rule, size, 7)
			want := min(size, 100)
			if len(picks) != want {
				t.Fatalf("drew %d, want %d", len(picks), want)
			}
			counts := map[string]int{}
			for _, p := range picks {
				if p.Candidate.Strata[round.ByPrimaryNeed] != p.Stratum {
					t.Fatalf("%s drawn into stratum %s", p.Candidate.LocalID, p.Stratum)
				}
				counts[p.Stratum]++
			}
			for _, s := range strata {
				exact := float64(s.Population*want) / 100
				if counts[s.Value] != s.Drawn || float64(s.Drawn) < exact-1 || float64(s.Drawn) > exact+1 {
					t.Errorf("stratum %s of %d: drew %d (recorded %d), want within one of %.2f",
						s.Value, s.Population, counts[s.Value], s.Drawn, exact)
				}
			}
		})
	}
	a, _ := round.Draw(population(), rule, 20, 99)
	b, _ := round.Draw(population(), rule, 20, 99)
	if !slices.Equal(ids(a), ids(b)) {
		t.Fatal("a stratified draw did not repeat from its seed")
	}
	// 20 of 100 is exactly proportional: 8, 5, 4, 2, 1.
	_, strata := round.Draw(population(), rule, 20, 99)
	got := map[string]int{}
	for _, s := range strata {
		got[s.Value] = s.Drawn
	}
	if fmt.Sprint(got) != fmt.Sprint(map[string]int{"ASD": 8, "SEMH": 5, "SLCN": 4, "MLD": 2, "PD": 1}) {
		t.Fatalf("strata %v", got)
	}
}
