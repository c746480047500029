package dashboard

import (
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestABenchmarkHidesAnAreaBelowTheThreshold(t *testing.T) {
	big, small, other := Area{ID: uuid.New(), Name: "Big"}, Area{ID: uuid.New(), Name: "Small"},
		Area{ID: uuid.New(), Name: "Other"}
	counts := []RegionCount{
		{big.ID, "good", 30}, {big.ID, "inadequate", 12},
		{small.ID, "good", 3},
		{other.ID, "good", 20}, {other.ID, "inadequate", 9},
	}
	b := buildBenchmark("ehcp_quality_audit", time.Time{}, time.Time{},
		[]Area{big, small, other}, counts)
	row := b.Areas[1]
	if _, ok := row.Total.Shown(); ok {
		t.Errorf("the small area's total of 3 is shown")
	}
	for i, p := range row.Parts {
		if v, ok := p.Shown(); ok && v < 5 {
			t.Errorf("the small area's %s shows %d", b.Labels[i], v)
		}
	}
	if v, ok := b.Areas[0].Total.Shown(); !ok || v != 42 {
		t.Errorf("the big area's total: %d %v, want 42 shown", v, ok)
	}
	// With the region's total shown, one hidden area total would be the
	// region's less the others: a second one is hidden too.
	hidden := 0
	for _, a := range b.Areas {
		if a.Total.Suppressed {
			hidden++
		}
	}
	if _, ok := b.Region.Total.Shown(); ok && hidden < 2 {
		t.Errorf("the region's total is shown with only %d area total hidden", hidden)
	}
}
