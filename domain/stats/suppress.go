// Package stats withholds small numbers from published figures the way
// official statistics do: no count under the threshold is shown, and no
// withheld count can be worked out by subtracting the counts that are
// shown from a total that is.
package stats

import "slices"

// Threshold is the smallest count shown; every count below it, zero
// included, is withheld.
const Threshold = 5

// Count is a figure that may be withheld. Value is kept so that callers
// can compute with it, but must never be shown when Suppressed.
type Count struct {
	Value      int
	Suppressed bool
}

// Shown returns the value and true, or zero and false when withheld.
func (c Count) Shown() (int, bool) {
	if c.Suppressed {
		return 0, false
	}
	return c.Value, true
}

// Table is a grid of counts with its margins: each row's total, each
// column's total and the grand total, after suppression.
type Table struct {
	Cells     [][]Count
	RowTotals []Count
	ColTotals []Count
	Total     Count
}

// Distribution withholds the small counts of one breakdown and its
// total: the counts are the parts, and their sum is the total shown
// beside them.
func Distribution(values []int) (parts []Count, total Count) {
	t := Suppress([][]int{values})
	return t.Cells[0], t.RowTotals[0]
}

// Suppress withholds counts in a grid (rows of equal length) and its
// margins. First every count under the threshold is withheld; then, until
// nothing changes, every line (a row with its total, a column with its
// total, the row totals with the grand total, the column totals with the
// grand total) whose total is shown but has exactly one withheld part, or
// withheld parts that add up to less than the threshold, has its smallest
// shown part withheld too. A line with no part left to withhold has its
// total withheld instead.
func Suppress(grid [][]int) Table {
	rows := len(grid)
	cols := 0
	if rows > 0 {
		cols = len(grid[0])
	}
	t := Table{Cells: make([][]Count, rows), RowTotals: make([]Count, rows),
		ColTotals: make([]Count, cols)}
	for i, row := range grid {
		t.Cells[i] = make([]Count, cols)
		for j := range cols {
			v := 0
			if j < len(row) {
				v = row[j]
			}
			t.Cells[i][j] = Count{Value: v}
			t.RowTotals[i].Value += v
			t.ColTotals[j].Value += v
			t.Total.Value += v
		}
	}
	primary := func(c *Count) {
		if c.Value < Threshold {
			c.Suppressed = true
		}
	}
	for i := range t.Cells {
		for j := range t.Cells[i] {
			primary(&t.Cells[i][j])
		}
		primary(&t.RowTotals[i])
	}
	for j := range t.ColTotals {
		primary(&t.ColTotals[j])
	}
	primary(&t.Total)

	for changed := true; changed; {
		changed = false
		for i := range t.Cells {
			changed = protect(ptrs(t.Cells[i]), &t.RowTotals[i]) || changed
		}
		for j := range cols {
			col := make([]*Count, rows)
			for i := range rows {
				col[i] = &t.Cells[i][j]
			}
			changed = protect(col, &t.ColTotals[j]) || changed
		}
		changed = protect(ptrs(t.RowTotals), &t.Total) || changed
		changed = protect(ptrs(t.ColTotals), &t.Total) || changed
	}
	return t
}

func ptrs(list []Count) []*Count {
	out := make([]*Count, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}

// protect makes one line safe and reports whether it withheld anything.
// A withheld total protects its parts already; otherwise the withheld
// parts must be none, or at least two adding up to the threshold or more.
func protect(parts []*Count, total *Count) bool {
	if total.Suppressed {
		return false
	}
	changed := false
	for {
		hidden, sum := 0, 0
		for _, p := range parts {
			if p.Suppressed {
				hidden++
				sum += p.Value
			}
		}
		if hidden == 0 || (hidden >= 2 && sum >= Threshold) {
			return changed
		}
		shown := slices.IndexFunc(parts, func(p *Count) bool { return !p.Suppressed })
		if shown < 0 {
			total.Suppressed = true
			return true
		}
		for i, p := range parts {
			if !p.Suppressed && p.Value < parts[shown].Value {
				shown = i
			}
		}
		parts[shown].Suppressed = true
		changed = true
	}
}
