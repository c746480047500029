package stats

import (
	"math/rand/v2"
	"testing"
)

// safe reports what is wrong with one line of a suppressed table, or "".
func unsafeLine(parts []Count, total Count) string {
	if total.Suppressed {
		return ""
	}
	hidden, sum := 0, 0
	for _, p := range parts {
		if p.Suppressed {
			hidden++
			sum += p.Value
		}
	}
	switch {
	case hidden == 1:
		return "one withheld part is the total less the shown parts"
	case hidden > 1 && sum < Threshold:
		return "the withheld parts add up to fewer than the threshold"
	}
	return ""
}

func checkTable(t *testing.T, grid [][]int, got Table) {
	t.Helper()
	all := append([]Count{got.Total}, got.RowTotals...)
	all = append(all, got.ColTotals...)
	for _, row := range got.Cells {
		all = append(all, row...)
	}
	for _, c := range all {
		if v, ok := c.Shown(); ok && v < Threshold {
			t.Fatalf("%v: a count of %d is shown", grid, v)
		}
	}
	for i, row := range got.Cells {
		if why := unsafeLine(row, got.RowTotals[i]); why != "" {
			t.Fatalf("%v: row %d: %s", grid, i, why)
		}
	}
	for j := range got.ColTotals {
		col := make([]Count, len(got.Cells))
		for i := range got.Cells {
			col[i] = got.Cells[i][j]
		}
		if why := unsafeLine(col, got.ColTotals[j]); why != "" {
			t.Fatalf("%v: column %d: %s", grid, j, why)
		}
	}
	if why := unsafeLine(got.RowTotals, got.Total); why != "" {
		t.Fatalf("%v: row totals: %s", grid, why)
	}
	if why := unsafeLine(got.ColTotals, got.Total); why != "" {
		t.Fatalf("%v: column totals: %s", grid, why)
	}
}

func TestNoSmallCountIsShownOrLeftToSubtraction(t *testing.T) {
	for name, grid := range map[string][][]int{
		"one small part":                 {{12, 3, 20}},
		"two small parts summing to few": {{1, 2, 30}},
		"a small total":                  {{1, 2}},
		"zeros":                          {{0, 0, 40}},
		"nothing":                        {{0, 0, 0}},
		"a small row in a table":         {{20, 30}, {1, 2}, {15, 25}},
		"a small column in a table":      {{20, 1}, {30, 2}, {15, 0}},
		"large everywhere":               {{20, 30}, {10, 25}},
	} {
		t.Run(name, func(t *testing.T) { checkTable(t, grid, Suppress(grid)) })
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20_000 {
		rows, cols := 1+rng.IntN(6), 1+rng.IntN(6)
		grid := make([][]int, rows)
		for i := range grid {
			grid[i] = make([]int, cols)
			for j := range grid[i] {
				if rng.IntN(3) == 0 {
					grid[i][j] = rng.IntN(Threshold)
				} else {
					grid[i][j] = rng.IntN(60)
				}
			}
		}
		checkTable(t, grid, Suppress(grid))
	}
}

func TestLargeCountsAreShownAsTheyAre(t *testing.T) {
	parts, total := Distribution([]int{12, 3, 20})
	if v, ok := total.Shown(); !ok || v != 35 {
		t.Errorf("total: got %d %v, want 35 shown", v, ok)
	}
	if _, ok := parts[1].Shown(); ok {
		t.Error("the 3 is shown")
	}
	if _, ok := parts[0].Shown(); ok {
		t.Error("the 12 is shown, so the 3 is 35 - 12 - 20")
	}
	if v, ok := parts[2].Shown(); !ok || v != 20 {
		t.Errorf("the 20: got %d %v, want shown", v, ok)
	}
}
