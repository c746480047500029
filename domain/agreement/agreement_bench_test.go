package agreement_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/jackc/pgx/v5"

	"sendqa/domain/agreement"
	"sendqa/domain/store/storetest"
)

// Five thousand moderated audits of thirty items: ten graded, ten on the
// inclusion scale and ten yes or no, in five sections, over six rounds
// and twenty auditors, the second auditor agreeing about seven times in
// ten and otherwise picking a neighbouring answer or any answer.
const (
	benchAudits   = 5000
	benchItems    = 30
	benchAuditors = 20
	benchRounds   = 6
)

var benchScales = []agreement.Scale{agreement.Grades, agreement.Inclusion, agreement.YesNo}

func benchPairs() []agreement.Pair {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]agreement.Pair, 0, benchAudits*benchItems)
	for a := range benchAudits {
		first := rng.IntN(benchAuditors)
		second := (first + 1 + rng.IntN(benchAuditors-1)) % benchAuditors
		for it := range benchItems {
			s := benchScales[it%len(benchScales)]
			k := len(s.Categories)
			i := rng.IntN(k)
			j := i
			switch r := rng.Float64(); {
			case r > 0.9:
				j = rng.IntN(k)
			case r > 0.7:
				j = min(k-1, max(0, i+1-2*rng.IntN(2)))
			}
			answer := s.Categories[j]
			if s.Name == "yes_no" && rng.IntN(50) == 0 {
				answer = "not_applicable"
			}
			out = append(out, agreement.Pair{Round: fmt.Sprintf("round-%d", a%benchRounds),
				Section: fmt.Sprintf("s%d", it/6), Item: fmt.Sprintf("item-%02d", it), Scale: s,
				First: fmt.Sprintf("auditor-%02d", first), Second: fmt.Sprintf("auditor-%02d", second),
				FirstAnswer: s.Categories[i], SecondAnswer: answer})
		}
	}
	return out
}

// loadBenchTable creates the table of pairs in the benchmark's own
// database and fills it.
func loadBenchTable(b *testing.B, conn *pgx.Conn, pairs []agreement.Pair) {
	b.Helper()
	ctx := context.Background()
	_, err := conn.Exec(ctx, `
		CREATE TABLE bench_scales (name text PRIMARY KEY, categories text[] NOT NULL);
		CREATE TABLE bench_pairs (round text, section text, item text, scale text,
			first_auditor text, second_auditor text, first_answer text, second_answer text)`)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range benchScales {
		if _, err := conn.Exec(ctx, `INSERT INTO bench_scales VALUES ($1, $2)`, s.Name, s.Categories); err != nil {
			b.Fatal(err)
		}
	}
	rows := make([][]any, len(pairs))
	for i, p := range pairs {
		rows[i] = []any{p.Round, p.Section, p.Item, p.Scale.Name, p.First, p.Second,
			p.FirstAnswer, p.SecondAnswer}
	}
	_, err = conn.CopyFrom(ctx, pgx.Identifier{"bench_pairs"}, []string{"round", "section", "item",
		"scale", "first_auditor", "second_auditor", "first_answer", "second_answer"}, pgx.CopyFromRows(rows))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `ANALYZE bench_pairs`); err != nil {
		b.Fatal(err)
	}
}

// agreementSQL is the per-item computation as one query: percentage
// agreement and the three kappas, left null when chance agreement is
// complete, as the Go code leaves them undefined.
const agreementSQL = `
WITH p AS (
    SELECT b.item, array_length(s.categories, 1) - 1 AS span,
        array_position(s.categories, b.first_answer) AS i,
        array_position(s.categories, b.second_answer) AS j
    FROM bench_pairs b JOIN bench_scales s ON s.name = b.scale
), ok AS (SELECT * FROM p WHERE i IS NOT NULL AND j IS NOT NULL),
n AS (SELECT item, span, count(*)::float8 AS n FROM ok GROUP BY item, span),
cells AS (SELECT item, i, j, count(*)::float8 AS c FROM ok GROUP BY item, i, j),
rowm AS (SELECT item, i, sum(c) AS r FROM cells GROUP BY item, i),
colm AS (SELECT item, j, sum(c) AS c FROM cells GROUP BY item, j),
obs AS (
    SELECT x.item,
        coalesce(sum(x.c) FILTER (WHERE x.i = x.j), 0) / n.n AS po,
        sum(x.c * (1 - abs(x.i - x.j)::float8 / n.span)) / n.n AS po_l,
        sum(x.c * (1 - ((x.i - x.j)::float8 / n.span) ^ 2)) / n.n AS po_q
    FROM cells x JOIN n USING (item) GROUP BY x.item, n.n
), chance AS (
    SELECT r.item,
        coalesce(sum(r.r * c.c) FILTER (WHERE r.i = c.j), 0) / (n.n * n.n) AS pe,
        sum(r.r * c.c * (1 - abs(r.i - c.j)::float8 / n.span)) / (n.n * n.n) AS pe_l,
        sum(r.r * c.c * (1 - ((r.i - c.j)::float8 / n.span) ^ 2)) / (n.n * n.n) AS pe_q
    FROM rowm r JOIN colm c USING (item) JOIN n USING (item) GROUP BY r.item, n.n
)
SELECT item, po,
    CASE WHEN pe < 1 - 1e-12 THEN (po - pe) / (1 - pe) END,
    CASE WHEN pe_l < 1 - 1e-12 THEN (po_l - pe_l) / (1 - pe_l) END,
    CASE WHEN pe_q < 1 - 1e-12 THEN (po_q - pe_q) / (1 - pe_q) END
FROM obs JOIN chance USING (item) ORDER BY item`

type itemKappas struct {
	agreement                float64
	kappa, linear, quadratic *float64
}

func querySQL(b *testing.B, conn *pgx.Conn) map[string]itemKappas {
	rows, err := conn.Query(context.Background(), agreementSQL)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	out := map[string]itemKappas{}
	for rows.Next() {
		var (
			item string
			k    itemKappas
		)
		if err := rows.Scan(&item, &k.agreement, &k.kappa, &k.linear, &k.quadratic); err != nil {
			b.Fatal(err)
		}
		out[item] = k
	}
	if rows.Err() != nil {
		b.Fatal(rows.Err())
	}
	return out
}

func loadPairs(b *testing.B, conn *pgx.Conn) []agreement.Pair {
	scales := map[string]agreement.Scale{}
	for _, s := range benchScales {
		scales[s.Name] = s
	}
	// Per-item figures need neither the round nor the auditors, so, like
	// the query, the read leaves them out.
	rows, err := conn.Query(context.Background(), `SELECT section, item, scale, first_answer,
		second_answer FROM bench_pairs`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	out := make([]agreement.Pair, 0, benchAudits*benchItems)
	for rows.Next() {
		var (
			p     agreement.Pair
			scale string
		)
		if err := rows.Scan(&p.Section, &p.Item, &scale, &p.FirstAnswer, &p.SecondAnswer); err != nil {
			b.Fatal(err)
		}
		p.Scale = scales[scale]
		out = append(out, p)
	}
	if rows.Err() != nil {
		b.Fatal(rows.Err())
	}
	return out
}

func byItem(b *testing.B, pairs []agreement.Pair) []agreement.Group {
	groups, err := agreement.ByItem(pairs)
	if err != nil {
		b.Fatal(err)
	}
	return groups
}

// BenchmarkAgreement works out percentage agreement and the three kappas
// per item over 5,000 moderated audits of 30 items (150,000 rated pairs),
// in Go from the rows of a table (target under 200 ms) and as one SQL
// query over the same table; go_in_memory leaves out the read and adds
// the section, round and auditor-pair groupings. Before timing, it checks
// that Go and SQL give the same figures.
func BenchmarkAgreement(b *testing.B) {
	ctx := context.Background()
	db := storetest.New(b)
	conn, err := pgx.Connect(ctx, db.OwnerURL)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	pairs := benchPairs()
	loadBenchTable(b, conn, pairs)
	checkSameFigures(b, byItem(b, loadPairs(b, conn)), querySQL(b, conn))

	b.Run("sql", func(b *testing.B) {
		for b.Loop() {
			querySQL(b, conn)
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			byItem(b, loadPairs(b, conn))
		}
	})
	b.Run("go_in_memory", func(b *testing.B) {
		for b.Loop() {
			byItem(b, pairs)
			for _, f := range []func([]agreement.Pair) ([]agreement.Group, error){
				agreement.BySection, agreement.ByRound, agreement.ByAuditorPair,
			} {
				if _, err := f(pairs); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

func checkSameFigures(b *testing.B, groups []agreement.Group, fromSQL map[string]itemKappas) {
	b.Helper()
	if len(groups) != benchItems || len(fromSQL) != benchItems {
		b.Fatalf("got %d items in Go and %d in SQL, want %d", len(groups), len(fromSQL), benchItems)
	}
	for _, g := range groups {
		st, s := g.ByScale[0], fromSQL[g.Key[len("sN/"):]]
		same := func(k agreement.Kappa, v *float64) bool {
			return k.Defined == (v != nil) && (v == nil || abs(k.Value-*v) < 1e-9)
		}
		if abs(st.Agreement-s.agreement) > 1e-9 || !same(st.Kappa, s.kappa) ||
			!same(st.Linear, s.linear) || !same(st.Quadratic, s.quadratic) {
			b.Fatalf("%s: Go %+v differs from SQL %+v", g.Key, st, s)
		}
	}
}

func abs(x float64) float64 { return max(x, -x) }
