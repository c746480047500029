package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

// seedLargeTerm gives area A a spring term of 10,000 submitted EHC plan
// audits of 30 graded items each, 50 of them moderated, and an EHCNA
// file audit of 200 cases, written as the owner in a few statements.
func seedLargeTerm(b *testing.B, e *env) {
	b.Helper()
	a := e.fixture.A
	owner := e.db.OpenOwner(b).SQL()
	ctx := context.Background()
	for _, q := range []string{
		`INSERT INTO rounds (tenant_id, name, instrument_key, instrument_version, subject_kind, term,
			academic_year, opens_on, due_on, sampling_method, state, seed, created_by)
		VALUES ($1, 'Bench EHC plan audit', 'ehcp_quality_audit', 1, 'ehc_plan', 'spring', 2025,
			'2026-01-05', '2026-03-27', 'random', 'allocated', 1, $2),
			($1, 'Bench EHCNA audit', 'ehcna_file_audit', 1, 'ehcna_case', 'spring', 2025,
			'2026-01-05', '2026-03-27', 'random', 'allocated', 1, $2)`,
		`INSERT INTO subjects (tenant_id, kind, local_id, primary_need, services)
		SELECT $1, 'ehc_plan', 'B' || n, 'ASD', '{SENSTART}'::text[]
		FROM generate_series(1, 10200) n`,
		`INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, auditor_id, status)
		SELECT $1, r.id, s.id, substr(s.local_id, 2)::int, $2, 'submitted'
		FROM subjects s JOIN rounds r ON r.tenant_id = s.tenant_id
			AND r.name = CASE WHEN substr(s.local_id, 2)::int <= 10000 THEN 'Bench EHC plan audit'
				ELSE 'Bench EHCNA audit' END
		WHERE s.tenant_id = $1 AND s.local_id LIKE 'B%'`,
		`INSERT INTO responses (tenant_id, allocation_id, round_id, auditor_id, instrument_key,
			instrument_version, state, answers, result, as_of, submitted_at)
		SELECT $1, rs.id, rs.round_id, $2, r.instrument_key, 1, 'submitted',
			(SELECT jsonb_object_agg('item_' || i, (ARRAY['outstanding', 'good',
				'requires_improvement', 'inadequate'])[1 + (rs.position + i) % 4])
			 FROM generate_series(1, 30) i),
			CASE WHEN r.instrument_key = 'ehcp_quality_audit' THEN jsonb_build_object(
				'rule_version', 'bench',
				'overall', jsonb_build_object('scored', true, 'label', (ARRAY['outstanding', 'good',
					'requires_improvement', 'inadequate'])[1 + rs.position % 4]),
				'items', (SELECT jsonb_object_agg('item_' || i, 1 + (rs.position + i) % 4)
					FROM generate_series(1, 30) i),
				'sections', (SELECT jsonb_agg(jsonb_build_object('id', 'section_' || i,
					'applies', true, 'outcome', jsonb_build_object('label', 'good')))
					FROM generate_series(1, 14) i))
			ELSE jsonb_build_object('rule_version', 'bench',
				'overall', jsonb_build_object('label', 'compliant'),
				'milestones', jsonb_build_array(
					jsonb_build_object('item', 'final_plan', 'statutory', true, 'status',
						(ARRAY['on_time', 'late', 'excused', 'missing'])[1 + rs.position % 4]),
					jsonb_build_object('item', 'advice_health', 'statutory', true, 'status',
						(ARRAY['on_time', 'late'])[1 + rs.position % 2])))
			END,
			date '2026-02-01', timestamp '2026-02-01 10:00' + (rs.position % 60) * interval '1 day'
		FROM round_subjects rs JOIN rounds r ON r.tenant_id = rs.tenant_id AND r.id = rs.round_id
		WHERE rs.tenant_id = $1 AND r.name LIKE 'Bench%'`,
		`INSERT INTO moderations (tenant_id, round_id, response_id, moderator_id, state, answers,
			result, submitted_at, due_on)
		SELECT tenant_id, round_id, id, $2, 'submitted', answers, '{"rule_version": "bench"}',
			timestamp '2026-03-01 10:00', date '2026-03-27'
		FROM responses WHERE tenant_id = $1 AND instrument_key = 'ehcp_quality_audit'
			AND submitted_at >= '2026-01-01' ORDER BY id LIMIT 50`,
		`ANALYZE`,
	} {
		args := []any{a.Tenant.ID, a.Member.ID}
		switch {
		case !strings.Contains(q, "$1"):
			args = nil
		case !strings.Contains(q, "$2"):
			args = args[:1]
		}
		if _, err := owner.ExecContext(ctx, q, args...); err != nil {
			b.Fatalf("seed the benchmark's term: %v", err)
		}
	}
}

// handWrittenReport is the report's figures as hand-written SQL: the
// grade distribution by instrument, the EHCNA and health advice
// milestones, the moderated rounds' exact agreement over the answers,
// the plan's actions by status and the findings by theme and source.
const handWrittenReport = `
WITH period AS (
	SELECT * FROM responses
	WHERE state = 'submitted' AND submitted_at >= '2026-01-01' AND submitted_at < '2026-05-01')
SELECT 'grade', instrument_key, result->'overall'->>'label', count(*) FROM period
GROUP BY 2, 3
UNION ALL
SELECT 'milestone', m->>'item', m->>'status', count(*)
FROM period, jsonb_array_elements(result->'milestones') m
WHERE instrument_key IN ('ehcna_file_audit', 'annual_review_compliance')
GROUP BY 2, 3
UNION ALL
SELECT 'agreement', rd.name, (f.value = s.value)::text, count(*)
FROM moderations m
	JOIN responses r ON r.tenant_id = m.tenant_id AND r.id = m.response_id
	JOIN rounds rd ON rd.tenant_id = m.tenant_id AND rd.id = m.round_id,
	jsonb_each(r.answers) f JOIN jsonb_each(m.answers) s ON s.key = f.key
WHERE m.state IN ('submitted', 'agreed') AND m.submitted_at >= '2026-01-01'
	AND m.submitted_at < '2026-05-01'
GROUP BY 2, 3
UNION ALL
SELECT 'action', status, rag, count(*) FROM actions GROUP BY 2, 3
UNION ALL
SELECT 'finding', theme_id::text, source_kind || ':' || polarity, count(*) FROM findings
WHERE found_on BETWEEN '2026-01-01' AND '2026-04-30' GROUP BY 2, 3`

// BenchmarkReportAssembly reads a draft report over a tenant with 10,000
// responses of 30 items through the whole stack, beside the same figures
// from one hand-written query in a scoped transaction.
func BenchmarkReportAssembly(b *testing.B) {
	e := newEnvTB(b)
	seedLargeTerm(b, e)
	created := e.do(req{method: "POST", path: e.tenantPath("/reports"), as: e.lead(),
		body: map[string]any{"title": "Bench", "from": "2026-01-01", "to": "2026-04-30"}})
	if created.status != http.StatusCreated {
		b.Fatalf("create report: %d %s", created.status, created.body)
	}
	path := e.tenantPath("/reports/" + created.json(b)["id"].(string))
	h := e.server.Echo()

	b.Run("full_stack", func(b *testing.B) {
		for b.Loop() {
			r := httptest.NewRequest("GET", path, nil)
			r.Header.Set("X-Test-Person", e.lead().String())
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != http.StatusOK {
				b.Fatalf("got %d", w.Code)
			}
		}
	})

	b.Run("sql_hand_written", func(b *testing.B) {
		ctx := context.Background()
		pool, err := pgxpool.New(ctx, e.db.AppURL)
		if err != nil {
			b.Fatal(err)
		}
		defer pool.Close()
		scope := e.fixture.A.Scope()
		for b.Loop() {
			tx, err := pool.Begin(ctx)
			if err != nil {
				b.Fatal(err)
			}
			_, err = tx.Exec(ctx, `SELECT set_config('app.tenant_id', $1, true),
				set_config('app.person_id', $2, true)`, scope.TenantID.String(),
				scope.PersonID.String())
			if err != nil {
				b.Fatal(err)
			}
			rows, err := tx.Query(ctx, handWrittenReport)
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				var kind, key, label string
				var count int
				if err := rows.Scan(&kind, &key, &label, &count); err != nil {
					b.Fatal(err)
				}
				n++
			}
			if rows.Err() != nil || n == 0 {
				b.Fatalf("got %d rows, err %v", n, rows.Err())
			}
			if err := tx.Commit(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
