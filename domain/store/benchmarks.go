package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"sendqa/domain/dashboard"
)

// Benchmarks counts results across a region's consenting areas and keeps
// each area's consent.
type Benchmarks struct{}

var _ dashboard.BenchmarkStore = Benchmarks{}

// CountRegionResults counts through region_result_counts, the one
// function that reads across areas: it returns counts only, for the
// consenting areas of the region set on the transaction.
func (Benchmarks) CountRegionResults(
	ctx context.Context,
	instrument string,
	from, to time.Time,
) ([]dashboard.RegionCount, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT tenant_id, label, responses FROM region_result_counts(?, ?::date, ?::date)`,
		instrument, from.Format(time.DateOnly), to.Format(time.DateOnly)).Rows()
	if err != nil {
		return nil, translate(err, "benchmark")
	}
	defer rows.Close()
	var out []dashboard.RegionCount
	for rows.Next() {
		var c dashboard.RegionCount
		if err := rows.Scan(&c.TenantID, &c.Label, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ListConsentingAreas lists the region's areas whose consent stands. The
// consent rows are read through the same counting function's rule: an
// area's consent is public within its region, as a list of names.
func (Benchmarks) ListConsentingAreas(ctx context.Context, regionID uuid.UUID) ([]dashboard.Area, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT t.id, t.slug, t.name FROM tenants t
		WHERE t.region_id = ? AND t.id IN (SELECT tenant_id FROM region_consenting_areas())
		ORDER BY t.name`, regionID).Rows()
	if err != nil {
		return nil, translate(err, "benchmark")
	}
	defer rows.Close()
	var out []dashboard.Area
	for rows.Next() {
		var a dashboard.Area
		if err := rows.Scan(&a.ID, &a.Slug, &a.Name); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// FindConsent returns the current tenant's consent, nil for none.
func (Benchmarks) FindConsent(ctx context.Context) (*dashboard.Consent, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT c.given_by, coalesce(p.name, ''), c.given_at
		FROM benchmark_consents c LEFT JOIN people p ON p.id = c.given_by
		WHERE c.tenant_id = ? AND c.withdrawn_at IS NULL`, tenantOf(ctx)).Rows()
	if err != nil {
		return nil, translate(err, "consent")
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	var c dashboard.Consent
	var by *uuid.UUID
	if err := rows.Scan(&by, &c.GivenByName, &c.GivenAt); err != nil {
		return nil, err
	}
	c.GivenBy = deref(by)
	return &c, nil
}

// GiveConsent records the current tenant's consent.
func (st Benchmarks) GiveConsent(ctx context.Context, by uuid.UUID) (dashboard.Consent, error) {
	db, err := conn(ctx)
	if err != nil {
		return dashboard.Consent{}, err
	}
	if err := db.Exec(`INSERT INTO benchmark_consents (tenant_id, given_by) VALUES (?, ?)`,
		tenantOf(ctx), by).Error; err != nil {
		return dashboard.Consent{}, translate(err, "consent")
	}
	c, err := st.FindConsent(ctx)
	if err != nil || c == nil {
		return dashboard.Consent{}, err
	}
	return *c, nil
}

// WithdrawConsent ends the current tenant's consent.
func (Benchmarks) WithdrawConsent(ctx context.Context, by uuid.UUID) (bool, error) {
	db, err := conn(ctx)
	if err != nil {
		return false, err
	}
	res := db.Exec(`UPDATE benchmark_consents SET withdrawn_at = now(), withdrawn_by = ?
		WHERE tenant_id = ? AND withdrawn_at IS NULL`, by, tenantOf(ctx))
	return res.RowsAffected > 0, translate(res.Error, "consent")
}

// ListRegionAreas lists every area of a region; the tenants table holds
// nothing about children and is read without a tenant.
func (Benchmarks) ListRegionAreas(ctx context.Context, regionID uuid.UUID) ([]dashboard.Area, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var out []dashboard.Area
	rows, err := db.Raw(`SELECT id, slug, name FROM tenants WHERE region_id = ? ORDER BY name`,
		regionID).Rows()
	if err != nil {
		return nil, translate(err, "region")
	}
	defer rows.Close()
	for rows.Next() {
		var a dashboard.Area
		if err := rows.Scan(&a.ID, &a.Slug, &a.Name); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// RegionSlug names a region by its slug.
func (Benchmarks) RegionSlug(ctx context.Context, regionID uuid.UUID) (string, error) {
	db, err := conn(ctx)
	if err != nil {
		return "", err
	}
	var slug string
	err = db.Raw(`SELECT slug FROM regions WHERE id = ?`, regionID).Row().Scan(&slug)
	return slug, translate(err, "region")
}
