package dashboard_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"sendqa/domain"
	"sendqa/domain/dashboard"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

const (
	benchAreas     = 150
	benchResponses = 2000
)

// loadRegion makes a region of benchAreas consenting areas, each with
// benchResponses submitted EHCP audits spread over the four results.
func loadRegion(b *testing.B, conn *pgx.Conn) uuid.UUID {
	b.Helper()
	ctx := context.Background()
	var region uuid.UUID
	err := conn.QueryRow(ctx, `INSERT INTO regions (slug, name) VALUES ('bench', 'Bench region')
		RETURNING id`).Scan(&region)
	if err != nil {
		b.Fatal(err)
	}
	for _, step := range []struct {
		query string
		args  []any
	}{
		{`INSERT INTO tenants (slug, name, region_id)
			SELECT 'area-' || n, 'Area ' || n, $1 FROM generate_series(1, $2) n`,
			[]any{region, benchAreas}},
		{`INSERT INTO benchmark_consents (tenant_id) SELECT id FROM tenants WHERE region_id = $1`,
			[]any{region}},
		{`INSERT INTO rounds (tenant_id, name, instrument_key, instrument_version, subject_kind, term,
				academic_year, opens_on, due_on, sampling_method, state, seed)
			SELECT id, 'Autumn', 'ehcp_quality_audit', 1, 'ehc_plan', 'autumn', 2026, '2026-09-01',
				'2026-10-01', 'random', 'allocated', 1 FROM tenants WHERE region_id = $1`,
			[]any{region}},
		{`INSERT INTO subjects (tenant_id, kind, local_id)
			SELECT t.id, 'ehc_plan', 'P' || n FROM tenants t, generate_series(1, $2) n
			WHERE t.region_id = $1`, []any{region, benchResponses}},
		{`INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, status)
			SELECT s.tenant_id, r.id, s.id, row_number() OVER (PARTITION BY s.tenant_id), 'submitted'
			FROM subjects s JOIN rounds r ON r.tenant_id = s.tenant_id
			JOIN tenants t ON t.id = s.tenant_id WHERE t.region_id = $1`, []any{region}},
	} {
		if _, err := conn.Exec(ctx, step.query, step.args...); err != nil {
			b.Fatalf("%s: %v", step.query, err)
		}
	}
	var auditor uuid.UUID
	if err := conn.QueryRow(ctx, `INSERT INTO people (email, name) VALUES ('bench@example.org', 'Bench')
		RETURNING id`).Scan(&auditor); err != nil {
		b.Fatal(err)
	}
	_, err = conn.Exec(ctx, `INSERT INTO responses (tenant_id, allocation_id, round_id, auditor_id,
			instrument_key, instrument_version, state, result, as_of, submitted_at)
		SELECT rs.tenant_id, rs.id, rs.round_id, $2, 'ehcp_quality_audit', 1, 'submitted',
			jsonb_build_object('overall', jsonb_build_object('scored', true, 'label',
				(ARRAY['outstanding', 'good', 'requires_improvement', 'inadequate'])[1 + rs.position % 4])),
			'2026-10-01', '2026-10-01'
		FROM round_subjects rs JOIN tenants t ON t.id = rs.tenant_id WHERE t.region_id = $1`,
		region, auditor)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `ANALYZE`); err != nil {
		b.Fatal(err)
	}
	return region
}

// handWritten is the same count written as one query by hand, run as the
// owner: no function, no consent list, no suppression.
func handWritten(b *testing.B, conn *pgx.Conn, region uuid.UUID) int {
	b.Helper()
	rows, err := conn.Query(context.Background(), `SELECT r.tenant_id,
			r.result->'overall'->>'label', count(*)
		FROM responses r JOIN tenants t ON t.id = r.tenant_id
		WHERE t.region_id = $1 AND r.state = 'submitted'
			AND r.result->'overall'->>'scored' = 'true'
			AND r.instrument_key = 'ehcp_quality_audit'
			AND r.submitted_at >= '2026-09-01' AND r.submitted_at < '2026-12-01'
			AND EXISTS (SELECT 1 FROM benchmark_consents c
				WHERE c.tenant_id = r.tenant_id AND c.withdrawn_at IS NULL)
		GROUP BY 1, 2`, region)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	total := 0
	for rows.Next() {
		var (
			tenant uuid.UUID
			label  string
			n      int
		)
		if err := rows.Scan(&tenant, &label, &n); err != nil {
			b.Fatal(err)
		}
		total += n
	}
	return total
}

// A regional benchmark over 150 areas of 2,000 results each, through the
// store's counting function and the suppression, beside the same count
// as one hand-written query.
func BenchmarkRegionalBenchmark(b *testing.B) {
	ctx := context.Background()
	d := storetest.New(b)
	conn, err := pgx.Connect(ctx, d.OwnerURL)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	region := loadRegion(b, conn)
	db := d.Open(b)
	svc := dashboard.Benchmarks{Store: store.Benchmarks{}}
	from := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	to := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	find := func() dashboard.Benchmark {
		var out dashboard.Benchmark
		err := db.InScope(ctx, domain.Scope{RegionID: region}, func(ctx context.Context) (err error) {
			out, err = svc.FindBenchmark(ctx, region, "ehcp_quality_audit", from, to)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		return out
	}
	got := find()
	if v, ok := got.Region.Total.Shown(); !ok || v != benchAreas*benchResponses || len(got.Areas) != benchAreas {
		b.Fatalf("the benchmark counts %d (shown %v) in %d areas", v, ok, len(got.Areas))
	}
	if n := handWritten(b, conn, region); n != benchAreas*benchResponses {
		b.Fatalf("the hand-written query counts %d", n)
	}

	b.Run("sql", func(b *testing.B) {
		for b.Loop() {
			handWritten(b, conn, region)
		}
	})
	b.Run("sendqa", func(b *testing.B) {
		for b.Loop() {
			find()
		}
	})
}
