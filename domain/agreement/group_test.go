package agreement

import "testing"

func pair(round, section, item string, s Scale, first, second, a, b string) Pair {
	return Pair{Round: round, Section: section, Item: item, Scale: s,
		First: first, Second: second, FirstAnswer: a, SecondAnswer: b}
}

// A section mixing a grade and a yes or no item keeps one set of
// statistics per scale, while its percentage agreement spans both:
// 3 of 4 pairs agree, 0.75.
func TestSectionMixingScalesKeepsOneMatrixPerScale(t *testing.T) {
	pairs := []Pair{
		pair("autumn", "a", "grade", Grades, "ann", "bob", "good", "good"),
		pair("autumn", "a", "grade", Grades, "ann", "bob", "good", "inadequate"),
		pair("autumn", "a", "views", YesNo, "ann", "bob", "yes", "yes"),
		pair("autumn", "a", "views", YesNo, "ann", "bob", "no", "no"),
		pair("autumn", "a", "views", YesNo, "ann", "bob", "not_applicable", "no"),
	}
	groups, err := BySection(pairs)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 1 {
		t.Fatalf("got %d groups, want 1", len(groups))
	}
	g := groups[0]
	if g.Pairs != 4 || g.Skipped != 1 || !near(g.Agreement, 0.75) {
		t.Errorf("got %d pairs, %d skipped, agreement %v; want 4, 1, 0.75", g.Pairs, g.Skipped, g.Agreement)
	}
	if len(g.ByScale) != 2 || g.ByScale[0].Matrix.Scale.Name != "grade" ||
		g.ByScale[1].Matrix.Scale.Name != "yes_no" {
		t.Fatalf("got scales %+v, want grade then yes_no", g.ByScale)
	}
	// Yes/no: rows (.5, .5), columns (.5, .5), po = 1, pe = .5, kappa = 1.
	checkKappa(t, "yes/no kappa", g.ByScale[1].Kappa, 1, BandAlmostPerfect)
	// Grades: the first auditor said good twice, so chance agreement is
	// certain only if the second did too; they did not, pe = 1*.5 = .5,
	// po = .5, kappa = 0.
	checkKappa(t, "grade kappa", g.ByScale[0].Kappa, 0, BandSlight)
}

// Items are keyed by section and item, and each keeps its own matrix.
func TestByItemSeparatesItems(t *testing.T) {
	pairs := []Pair{
		pair("r", "a", "x", YesNo, "ann", "bob", "yes", "no"),
		pair("r", "b", "x", YesNo, "ann", "bob", "yes", "yes"),
		pair("r", "a", "x", YesNo, "cat", "bob", "no", "no"),
	}
	groups, err := ByItem(pairs)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 || groups[0].Key != "a/x" || groups[1].Key != "b/x" {
		t.Fatalf("got %+v, want a/x then b/x", groups)
	}
	if groups[0].Pairs != 2 || !near(groups[0].Agreement, 0.5) {
		t.Errorf("a/x: got %d pairs at %v, want 2 at 0.5", groups[0].Pairs, groups[0].Agreement)
	}
	SortByAgreement(groups)
	if groups[0].Key != "a/x" {
		t.Errorf("least agreed first: got %s, want a/x", groups[0].Key)
	}
}

// Ann moderating Bob and Bob moderating Ann are one auditor pair; the
// answers of the second are turned round so that rows stay Ann's:
// Ann yes / Bob no twice, Ann no / Bob no once.
func TestAuditorPairsGatherEitherWayRound(t *testing.T) {
	pairs := []Pair{
		pair("r", "a", "x", YesNo, "bob", "ann", "no", "yes"),
		pair("r", "a", "y", YesNo, "ann", "bob", "yes", "no"),
		pair("r", "a", "z", YesNo, "bob", "ann", "no", "no"),
		pair("r", "a", "x", YesNo, "ann", "cat", "yes", "yes"),
	}
	groups, err := ByAuditorPair(pairs)
	if err != nil {
		t.Fatal(err)
	}
	if len(groups) != 2 || groups[0].Key != "ann+bob" || groups[1].Key != "ann+cat" {
		t.Fatalf("got keys %v, want ann+bob and ann+cat", keys(groups))
	}
	counts := groups[0].ByScale[0].Matrix.Counts
	if counts[0][1] != 2 || counts[1][1] != 1 || counts[1][0] != 0 || counts[0][0] != 0 {
		t.Errorf("got matrix %v, want [[0 2] [0 1]] with Ann's answers as rows", counts)
	}
}

// Rounds appear in the order asked, a round without pairs as a gap, and
// each change is measured from the last round that had pairs:
// spring 1/2 = .5, summer none, autumn 2/2 = 1, change +.5.
func TestTrendFollowsTheGivenOrderAndSkipsGaps(t *testing.T) {
	pairs := []Pair{
		pair("autumn", "a", "x", YesNo, "ann", "bob", "yes", "yes"),
		pair("autumn", "a", "x", YesNo, "ann", "bob", "no", "no"),
		pair("spring", "a", "x", YesNo, "ann", "bob", "yes", "no"),
		pair("spring", "a", "x", YesNo, "ann", "bob", "yes", "yes"),
		pair("old", "a", "x", YesNo, "ann", "bob", "yes", "yes"),
	}
	trend, err := Trend(pairs, []string{"spring", "summer", "autumn"})
	if err != nil {
		t.Fatal(err)
	}
	if got := keys(trend); len(got) != 3 || got[0] != "spring" || got[1] != "summer" || got[2] != "autumn" {
		t.Fatalf("got %v, want spring, summer, autumn", got)
	}
	if trend[0].HasChange || trend[1].HasPairs || trend[1].HasChange {
		t.Errorf("first round or gap has a change or pairs: %+v", trend[:2])
	}
	if !trend[2].HasChange || !near(trend[2].Change, 0.5) {
		t.Errorf("autumn change: got %v (%v), want +0.5", trend[2].Change, trend[2].HasChange)
	}
}

func TestGroupingRejectsAOneCategoryScale(t *testing.T) {
	bad := Scale{Name: "single", Categories: []string{"met"}}
	if _, err := ByRound([]Pair{pair("r", "a", "x", bad, "ann", "bob", "met", "met")}); err == nil {
		t.Error("a one-category scale was accepted")
	}
}

func keys(groups []Group) []string {
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i] = g.Key
	}
	return out
}
