package agreement

import (
	"math"
	"testing"
)

// matrix builds a confusion matrix from counts, rows the first rater.
func matrix(t *testing.T, s Scale, counts [][]int) *Matrix {
	t.Helper()
	m, err := NewMatrix(s)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range counts {
		for j, n := range row {
			for range n {
				m.Add(s.Categories[i], s.Categories[j])
			}
		}
	}
	return m
}

func near(got, want float64) bool { return math.Abs(got-want) < 1e-9 }

func checkKappa(t *testing.T, name string, got Kappa, want float64, band Band) {
	t.Helper()
	if !got.Defined {
		t.Fatalf("%s: undefined (%s), want %.6f", name, got.Undefined, want)
	}
	if !near(got.Value, want) {
		t.Errorf("%s: got %.9f, want %.9f", name, got.Value, want)
	}
	if got.Band != band {
		t.Errorf("%s band: got %s, want %s", name, got.Band, band)
	}
}

// The worked example of the Wikipedia article "Cohen's kappa": two readers
// of 50 grant proposals; both said yes to 20 and no to 15, reader A alone
// said yes to 5 and reader B alone to 10.
//
//	po = (20 + 15) / 50 = 0.70
//	A said yes to 25/50 = 0.5, B to 30/50 = 0.6
//	pe = 0.5 * 0.6 + 0.5 * 0.4 = 0.50
//	kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40
//
// On two categories every weighting gives the same figure.
func TestPublishedGrantProposalExample(t *testing.T) {
	m := matrix(t, YesNo, [][]int{{20, 5}, {10, 15}})
	st := m.Compute()
	if !near(st.Agreement, 0.70) {
		t.Errorf("agreement: got %v, want 0.70", st.Agreement)
	}
	if !near(st.Kappa.Expected, 0.50) {
		t.Errorf("expected agreement: got %v, want 0.50", st.Kappa.Expected)
	}
	checkKappa(t, "kappa", st.Kappa, 0.40, BandFair)
	checkKappa(t, "linear", st.Linear, 0.40, BandFair)
	checkKappa(t, "quadratic", st.Quadratic, 0.40, BandFair)
}

// Three-point inclusion scale, 20 pairs (rows first auditor):
//
//	            fully partially not
//	fully         6      2       0     row 8  (0.40)
//	partially     1      4       1     row 6  (0.30)
//	not           0      2       4     row 6  (0.30)
//	columns       7      8       5  = (0.35, 0.40, 0.25)
//
// Unweighted: po = 14/20 = 0.70; pe = .4*.35 + .3*.4 + .3*.25 = 0.335;
// kappa = 0.365 / 0.665 = 0.548872...
// Neighbouring cells (6 pairs, 0.30) and their chance share
// .4*.4 + .3*.35 + .3*.25 + .3*.4 = 0.46.
// Linear (credit 1/2 one step apart): po = .70 + .5*.30 = 0.85,
// pe = .335 + .5*.46 = 0.565, kappa = 0.285 / 0.435 = 0.655172...
// Quadratic (credit 3/4): po = .70 + .75*.30 = 0.925,
// pe = .335 + .75*.46 = 0.68, kappa = 0.245 / 0.32 = 0.765625.
func TestInclusionScaleWeightedKappa(t *testing.T) {
	st := matrix(t, Inclusion, [][]int{{6, 2, 0}, {1, 4, 1}, {0, 2, 4}}).Compute()
	if !near(st.Agreement, 0.70) {
		t.Errorf("agreement: got %v, want 0.70", st.Agreement)
	}
	checkKappa(t, "kappa", st.Kappa, 0.365/0.665, BandModerate)
	checkKappa(t, "linear", st.Linear, 0.285/0.435, BandSubstantial)
	checkKappa(t, "quadratic", st.Quadratic, 0.765625, BandSubstantial)
}

// Four grades, four pairs: (outstanding, outstanding), (good, good),
// (outstanding, inadequate), (requires improvement, good).
//
//	rows (first auditor) = (.50, .25, .25, 0); columns = (.25, .50, 0, .25)
//	Unweighted: po = 2/4 = .5; pe = .5*.25 + .25*.5 = .25; kappa = .25/.75 = 1/3.
//	Linear credits 1, 2/3, 1/3, 0 by distance:
//	  po = (1 + 1 + 0 + 2/3) / 4 = 2/3 = 48/72
//	  pe = .5*(.25 + 2/3*.5) + .25*(2/3*.25 + .5 + 1/3*.25)
//	     + .25*(1/3*.25 + 2/3*.5 + 2/3*.25) = 45/72
//	  kappa = (3/72) / (27/72) = 1/9
//	Quadratic credits 1, 8/9, 5/9, 0:
//	  po = (2 + 8/9) / 4 = 52/72
//	  pe = .5*(.25 + 8/9*.5) + .25*(8/9*.25 + .5 + 5/9*.25)
//	     + .25*(5/9*.25 + 8/9*.5 + 8/9*.25) = 55/72
//	  kappa = (-3/72) / (17/72) = -3/17
//
// The one wide miss (outstanding against inadequate) costs most under
// quadratic weights, which take agreement below chance.
func TestGradesWideMissWeighsHeaviestQuadratically(t *testing.T) {
	m, err := NewMatrix(Grades)
	if err != nil {
		t.Fatal(err)
	}
	m.Add("outstanding", "outstanding")
	m.Add("good", "good")
	m.Add("outstanding", "inadequate")
	m.Add("requires_improvement", "good")
	st := m.Compute()
	checkKappa(t, "kappa", st.Kappa, 1.0/3, BandFair)
	checkKappa(t, "linear", st.Linear, 1.0/9, BandSlight)
	checkKappa(t, "quadratic", st.Quadratic, -3.0/17, BandPoor)
	if !near(st.Linear.Observed, 48.0/72) || !near(st.Linear.Expected, 45.0/72) {
		t.Errorf("linear po, pe: got %v, %v, want 48/72, 45/72", st.Linear.Observed, st.Linear.Expected)
	}
	if !near(st.Quadratic.Expected, 55.0/72) {
		t.Errorf("quadratic pe: got %v, want 55/72", st.Quadratic.Expected)
	}
}

// Complete agreement spread over the grades (2, 3, 1, 4 of 10 pairs):
// po = 1; pe = .2² + .3² + .1² + .4² = 0.30; kappa = 0.70 / 0.70 = 1.
func TestCompleteAgreementIsOne(t *testing.T) {
	st := matrix(t, Grades, [][]int{{2, 0, 0, 0}, {0, 3, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 4}}).Compute()
	if !near(st.Kappa.Expected, 0.30) {
		t.Errorf("pe: got %v, want 0.30", st.Kappa.Expected)
	}
	checkKappa(t, "kappa", st.Kappa, 1, BandAlmostPerfect)
	checkKappa(t, "quadratic", st.Quadratic, 1, BandAlmostPerfect)
}

// Opposite answers every time, half yes and half no each:
// po = 0; pe = .5*.5 + .5*.5 = .5; kappa = -0.5 / 0.5 = -1.
func TestSystematicDisagreementIsMinusOne(t *testing.T) {
	st := matrix(t, YesNo, [][]int{{0, 3}, {3, 0}}).Compute()
	checkKappa(t, "kappa", st.Kappa, -1, BandPoor)
}

// One auditor always says yes, the other says yes to 3 of 4:
// rows (1, 0), columns (.75, .25); po = .75; pe = 1*.75 = .75; kappa = 0.
// One constant rater is not degenerate: chance agreement is not certain.
func TestOneConstantRaterGivesZero(t *testing.T) {
	st := matrix(t, YesNo, [][]int{{3, 1}, {0, 0}}).Compute()
	checkKappa(t, "kappa", st.Kappa, 0, BandSlight)
}

// Both auditors grade every plan Good: po = 1 and pe = 1, so kappa is
// 0/0. It must say so rather than give a number.
func TestOneSharedCategoryLeavesKappaUndefined(t *testing.T) {
	st := matrix(t, Grades, [][]int{{0, 0, 0, 0}, {0, 5, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}).Compute()
	if !near(st.Agreement, 1) {
		t.Errorf("agreement: got %v, want 1", st.Agreement)
	}
	for name, k := range map[string]Kappa{"kappa": st.Kappa, "linear": st.Linear, "quadratic": st.Quadratic} {
		if k.Defined || k.Undefined != CertainByChance {
			t.Errorf("%s: got defined=%v value %v (%q), want undefined: %s",
				name, k.Defined, k.Value, k.Undefined, CertainByChance)
		}
	}
}

func TestNoPairsLeavesEverythingUndefined(t *testing.T) {
	m, err := NewMatrix(Inclusion)
	if err != nil {
		t.Fatal(err)
	}
	m.Add("not_applicable", "fully")
	if _, ok := m.Agreement(); ok {
		t.Error("agreement over no pairs reported as defined")
	}
	if k := m.Kappa(Linear); k.Defined || k.Undefined != NoPairs {
		t.Errorf("got %+v, want undefined: %s", k, NoPairs)
	}
	if m.Skipped != 1 || m.Pairs != 0 {
		t.Errorf("got %d pairs and %d skipped, want 0 and 1", m.Pairs, m.Skipped)
	}
}

func TestScaleNeedsTwoCategories(t *testing.T) {
	if _, err := NewMatrix(Scale{Name: "one", Categories: []string{"met"}}); err == nil {
		t.Error("a one-category scale was accepted")
	}
}

func TestLandisKochBands(t *testing.T) {
	for _, c := range []struct {
		kappa float64
		want  Band
	}{
		{-0.01, BandPoor}, {0, BandSlight}, {0.20, BandSlight}, {0.21, BandFair}, {0.40, BandFair},
		{0.41, BandModerate}, {0.60, BandModerate}, {0.61, BandSubstantial}, {0.80, BandSubstantial},
		{0.81, BandAlmostPerfect}, {1, BandAlmostPerfect},
	} {
		if got := BandOf(c.kappa); got != c.want {
			t.Errorf("BandOf(%v): got %s, want %s", c.kappa, got, c.want)
		}
	}
}
