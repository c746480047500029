package dashboard

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/stats"
)

// RegionCount is one consenting area's count of results with a label.
type RegionCount struct {
	TenantID uuid.UUID
	Label    string
	Count    int
}

// Area is an area of a region, as a benchmark names it.
type Area struct {
	ID   uuid.UUID
	Slug string
	Name string
}

// BenchmarkStore counts results across the consenting areas of the
// region set on the transaction, and records each area's consent.
type BenchmarkStore interface {
	// CountRegionResults counts submitted results of an instrument by
	// overall label, for each consenting area of the scope's region.
	CountRegionResults(ctx context.Context, instrument string, from, to time.Time) ([]RegionCount, error)
	// ListConsentingAreas lists the region's areas that consent now.
	ListConsentingAreas(ctx context.Context, regionID uuid.UUID) ([]Area, error)
	// FindConsent returns the current tenant's consent, nil for none.
	FindConsent(ctx context.Context) (*Consent, error)
	GiveConsent(ctx context.Context, by uuid.UUID) (Consent, error)
	// WithdrawConsent ends the current consent and says whether there was one.
	WithdrawConsent(ctx context.Context, by uuid.UUID) (bool, error)
}

// Consent is an area's agreement to be shown in its region's benchmarks.
type Consent struct {
	GivenBy     uuid.UUID
	GivenByName string
	GivenAt     time.Time
}

// BenchmarkRow is one area's figures, or the region's.
type BenchmarkRow struct {
	Area  Area
	Parts []stats.Count
	Total stats.Count
}

// Benchmark is an instrument's results in each consenting area of a
// region beside the region's own, with small counts withheld across the
// whole table, margins included.
type Benchmark struct {
	Instrument string
	From, To   time.Time
	Labels     []string
	Areas      []BenchmarkRow
	Region     BenchmarkRow
}

// Benchmarks builds regional benchmarks and keeps consent.
type Benchmarks struct {
	Store BenchmarkStore
}

// FindBenchmark counts an instrument's results across the region's
// consenting areas. The caller's scope must carry the region; callers
// must hold benchmarks read in an area of it.
func (b Benchmarks) FindBenchmark(ctx context.Context, regionID uuid.UUID, instrument string,
	from, to time.Time) (Benchmark, error) {
	if instrument == "" {
		return Benchmark{}, domain.InvalidField("instrument", "choose the instrument to compare")
	}
	if err := (Filter{From: from, To: to}).Validate(); err != nil {
		return Benchmark{}, err
	}
	areas, err := b.Store.ListConsentingAreas(ctx, regionID)
	if err != nil {
		return Benchmark{}, err
	}
	counts, err := b.Store.CountRegionResults(ctx, instrument, from, to)
	if err != nil {
		return Benchmark{}, err
	}
	return buildBenchmark(instrument, from, to, areas, counts), nil
}

func buildBenchmark(instrument string, from, to time.Time, areas []Area,
	counts []RegionCount) Benchmark {
	labels := slices.Clone(GradeOrder)
	for _, c := range counts {
		if !slices.Contains(labels, c.Label) {
			labels = append(labels, c.Label)
		}
	}
	grid := make([][]int, len(areas))
	for i, a := range areas {
		grid[i] = make([]int, len(labels))
		for _, c := range counts {
			if c.TenantID == a.ID {
				grid[i][slices.Index(labels, c.Label)] += c.Count
			}
		}
	}
	t := stats.Suppress(grid)
	out := Benchmark{Instrument: instrument, From: from, To: to, Labels: labels,
		Region: BenchmarkRow{Parts: t.ColTotals, Total: t.Total}}
	for i, a := range areas {
		out.Areas = append(out.Areas, BenchmarkRow{Area: a, Parts: t.Cells[i], Total: t.RowTotals[i]})
	}
	return out
}

// FindConsent returns the area's current consent, nil when it gives none.
func (b Benchmarks) FindConsent(ctx context.Context) (*Consent, error) {
	return b.Store.FindConsent(ctx)
}

// GiveConsent records the area's consent to appear in benchmarks.
// Callers must hold benchmarks consent. Returns domain.ErrConflict when it
// is given already.
func (b Benchmarks) GiveConsent(ctx context.Context, by uuid.UUID) (Consent, error) {
	if c, err := b.Store.FindConsent(ctx); err != nil || c != nil {
		if err == nil {
			err = domain.Conflict("the area already takes part in benchmarks")
		}
		return Consent{}, err
	}
	return b.Store.GiveConsent(ctx, by)
}

// WithdrawConsent takes the area out of benchmarks at once. Callers must
// hold benchmarks consent. Returns domain.ErrNotFound when it gave none.
func (b Benchmarks) WithdrawConsent(ctx context.Context, by uuid.UUID) error {
	ok, err := b.Store.WithdrawConsent(ctx, by)
	if err == nil && !ok {
		err = domain.NotFound("consent")
	}
	return err
}
