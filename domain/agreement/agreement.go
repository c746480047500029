// Package agreement measures how far two auditors who rated the same items
// agree: percentage agreement, Cohen's kappa and weighted kappa (linear and
// quadratic weights, for ordered scales), with the Landis and Koch band
// and the confusion matrix behind them. It is pure arithmetic over rating
// pairs; where the ratings come from is the caller's business.
package agreement

import (
	"fmt"
	"math"
)

// Scale is the list of answers an item offers, in order, so that weighted
// kappa can tell a near miss from a wide one. Answers outside the scale
// (Not applicable, a blank) are left out of the statistics.
type Scale struct {
	Name       string
	Categories []string
}

// The fixed answer scales of the instruments, best first.
var (
	Grades = Scale{Name: "grade",
		Categories: []string{"outstanding", "good", "requires_improvement", "inadequate"}}
	Inclusion = Scale{Name: "inclusion", Categories: []string{"fully", "partially", "not_included"}}
	YesNo     = Scale{Name: "yes_no", Categories: []string{"yes", "no"}}
)

// index returns a category's position on the scale, or -1.
func (s Scale) index(category string) int {
	for i, c := range s.Categories {
		if c == category {
			return i
		}
	}
	return -1
}

// Weighting says how much credit a disagreement earns by its distance.
type Weighting int

// Weightings: unweighted kappa credits exact agreement only; linear and
// quadratic weights give 1 - d/(k-1) and 1 - (d/(k-1))^2 for categories d
// steps apart on a scale of k.
const (
	Unweighted Weighting = iota
	Linear
	Quadratic
)

func (w Weighting) credit(i, j, k int) float64 {
	if i == j {
		return 1
	}
	d := math.Abs(float64(i-j)) / float64(k-1)
	switch w {
	case Linear:
		return 1 - d
	case Quadratic:
		return 1 - d*d
	}
	return 0
}

// Matrix is the confusion matrix of two raters on one scale: Counts[i][j]
// is how often the first rater chose category i and the second j.
type Matrix struct {
	Scale  Scale
	Counts [][]int
	// Pairs counts the pairs in the matrix; Skipped the pairs left out
	// because an answer was outside the scale.
	Pairs   int
	Skipped int
}

// NewMatrix returns an empty matrix over the scale, which needs at least
// two categories for agreement to mean anything.
func NewMatrix(s Scale) (*Matrix, error) {
	if len(s.Categories) < 2 {
		return nil, fmt.Errorf("scale %q has %d categories; agreement needs two or more",
			s.Name, len(s.Categories))
	}
	counts := make([][]int, len(s.Categories))
	for i := range counts {
		counts[i] = make([]int, len(s.Categories))
	}
	return &Matrix{Scale: s, Counts: counts}, nil
}

// Add counts one pair of answers; a pair with an answer outside the scale
// is counted as skipped.
func (m *Matrix) Add(first, second string) {
	i, j := m.Scale.index(first), m.Scale.index(second)
	if i < 0 || j < 0 {
		m.Skipped++
		return
	}
	m.Counts[i][j]++
	m.Pairs++
}

// merge adds another matrix over the same scale.
func (m *Matrix) merge(o *Matrix) {
	for i := range m.Counts {
		for j := range m.Counts[i] {
			m.Counts[i][j] += o.Counts[i][j]
		}
	}
	m.Pairs += o.Pairs
	m.Skipped += o.Skipped
}

// Band is the Landis and Koch (1977) description of a kappa.
type Band string

// The Landis and Koch bands.
const (
	BandPoor          Band = "poor"           // below 0
	BandSlight        Band = "slight"         // 0 to 0.20
	BandFair          Band = "fair"           // 0.21 to 0.40
	BandModerate      Band = "moderate"       // 0.41 to 0.60
	BandSubstantial   Band = "substantial"    // 0.61 to 0.80
	BandAlmostPerfect Band = "almost_perfect" // 0.81 to 1
)

// BandOf places a kappa in its Landis and Koch band.
func BandOf(kappa float64) Band {
	switch {
	case kappa < 0:
		return BandPoor
	case kappa <= 0.20:
		return BandSlight
	case kappa <= 0.40:
		return BandFair
	case kappa <= 0.60:
		return BandModerate
	case kappa <= 0.80:
		return BandSubstantial
	}
	return BandAlmostPerfect
}

// Kappa is a kappa statistic, or the reason there is none. It is undefined
// when there are no pairs, and when chance alone would give complete
// agreement (both raters kept to one and the same category), since kappa
// then divides nought by nought; a number there would be invented.
type Kappa struct {
	Value     float64
	Observed  float64 // weighted observed agreement
	Expected  float64 // weighted agreement expected by chance
	Defined   bool
	Undefined string
	Band      Band
}

// Reasons a kappa is undefined.
const (
	NoPairs         = "there are no rated pairs"
	CertainByChance = "both auditors gave every pair the same single answer, so agreement " +
		"expected by chance is complete and kappa cannot be worked out"
)

// Kappa computes kappa over the matrix with the given weights:
// (po - pe) / (1 - pe), where po sums the credited observed proportions
// and pe the credit expected from the two raters' marginal proportions.
func (m *Matrix) Kappa(w Weighting) Kappa {
	if m.Pairs == 0 {
		return Kappa{Undefined: NoPairs}
	}
	k, n := len(m.Counts), float64(m.Pairs)
	rows, cols := make([]float64, k), make([]float64, k)
	for i := range k {
		for j := range k {
			rows[i] += float64(m.Counts[i][j]) / n
			cols[j] += float64(m.Counts[i][j]) / n
		}
	}
	var po, pe float64
	for i := range k {
		for j := range k {
			c := w.credit(i, j, k)
			po += c * float64(m.Counts[i][j]) / n
			pe += c * rows[i] * cols[j]
		}
	}
	out := Kappa{Observed: po, Expected: pe}
	// Chance agreement is complete only when every pair sits in one
	// diagonal cell; a tolerance absorbs the rounding of the sums.
	if pe > 1-1e-12 {
		out.Undefined = CertainByChance
		return out
	}
	out.Value, out.Defined = (po-pe)/(1-pe), true
	out.Band = BandOf(out.Value)
	return out
}

// Agreement is the share of pairs on which the raters gave the same
// answer, and whether there were any pairs at all.
func (m *Matrix) Agreement() (float64, bool) {
	if m.Pairs == 0 {
		return 0, false
	}
	same := 0
	for i := range m.Counts {
		same += m.Counts[i][i]
	}
	return float64(same) / float64(m.Pairs), true
}

// Statistics are the agreement figures of one matrix.
type Statistics struct {
	Matrix    *Matrix
	Agreement float64 // share of pairs in exact agreement; 0 when there are none
	Kappa     Kappa
	Linear    Kappa
	Quadratic Kappa
}

// Compute works out every statistic of the matrix.
func (m *Matrix) Compute() Statistics {
	agreement, _ := m.Agreement()
	return Statistics{Matrix: m, Agreement: agreement, Kappa: m.Kappa(Unweighted),
		Linear: m.Kappa(Linear), Quadratic: m.Kappa(Quadratic)}
}
