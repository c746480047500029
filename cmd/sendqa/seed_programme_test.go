package main

import (
	"bytes"
	"context"
	"testing"
)

func TestSeedDemoLoadsAnAllocatedRoundOnce(t *testing.T) {
	d, cfg := seeded(t)
	if err := seedDemo(context.Background(), cfg, &bytes.Buffer{}, quiet()); err != nil {
		t.Fatalf("second seed-demo: %v", err)
	}
	owner := d.OpenOwner(t)
	checks := map[string]int{
		// Wolverhampton's 48 plans, the spring term's twelve plans and four
		// cases, and the made-up plans of the other areas' finished
		// September audits (3, 12 and 12).
		"SELECT count(*) FROM subjects": 48 + 16 + 27,
		// The autumn round, the spring term's two, and the four areas'
		// finished September rounds.
		"SELECT count(*) FROM rounds WHERE state = 'allocated'": 1 + 2 + 4,
		// 22 auditors (the cohort, the demo auditor and the ICB auditor) take
		// two each of the autumn round; the demo auditors completed the
		// spring term's and September's.
		"SELECT count(*) FROM round_subjects WHERE auditor_id IS NOT NULL": 44 + 16 + 44,
		"SELECT count(*) FROM auditor_services":                            20,
		"SELECT count(*) FROM round_subjects rs JOIN subjects s ON s.id = rs.subject_id " +
			"JOIN auditor_services a ON a.person_id = rs.auditor_id " +
			"WHERE s.services && a.services": 0,
		// The demo auditor has one draft begun, and only one, after two runs,
		// beside the submitted audits, moderations and findings.
		"SELECT count(*) FROM responses WHERE state = 'draft'":               1,
		"SELECT count(*) FROM responses WHERE state = 'submitted'":           16 + 44,
		"SELECT count(*) FROM moderations":                                   4,
		"SELECT count(*) FROM findings WHERE origin = 'entered'":             7,
		"SELECT count(*) FROM qa_activities":                                 4 * 9,
		"SELECT count(*) FROM benchmark_consents WHERE withdrawn_at IS NULL": 4,
		"SELECT count(*) FROM responses r JOIN people p ON p.id = r.auditor_id " +
			"WHERE p.email = 'auditor@wolverhampton.example.org' AND r.state = 'draft'": 1,
		"SELECT count(*) FROM round_subjects rs JOIN people p ON p.id = rs.auditor_id " +
			"WHERE p.email = 'auditor@wolverhampton.example.org' AND rs.status = 'in_progress'": 1,
		"SELECT count(*) FROM round_subjects rs JOIN people p ON p.id = rs.auditor_id " +
			"WHERE p.email = 'icb.auditor@blackcountry.example.org'": 2,
	}
	for q, want := range checks {
		var got int
		if err := owner.SQL().QueryRow(q).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: got %d, want %d", q, got, want)
		}
	}
}
