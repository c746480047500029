package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/dashboard"
	"sendqa/domain/response"
	"sendqa/domain/round"
	"sendqa/domain/schedule"
	"sendqa/domain/store"
	"sendqa/domain/tenancy"
)

// demoResults are how many audits of EHC plans each demo area has
// finished, by overall result: Dudley's three stay under the threshold,
// so benchmarks withhold its figures.
var demoResults = map[string][]string{
	"wolverhampton": {"good", "good", "good", "good", "good", "good", "requires_improvement",
		"requires_improvement", "requires_improvement", "requires_improvement", "requires_improvement",
		"inadequate", "outstanding", "outstanding", "outstanding", "outstanding", "outstanding"},
	"dudley": {"good", "good", "inadequate"},
	"sandwell": {"good", "good", "good", "good", "good", "good", "good", "requires_improvement",
		"requires_improvement", "requires_improvement", "requires_improvement", "requires_improvement"},
	"walsall": {"good", "good", "good", "good", "good", "outstanding", "outstanding", "outstanding",
		"outstanding", "outstanding", "inadequate", "inadequate"},
}

// schedule starts the area's QA schedule from the framework's, owned by
// its QA lead, and records its consent to regional benchmarks. It does
// nothing to an area that has a schedule.
func (s seeder) schedule(ctx context.Context, t tenancy.Tenant) error {
	scope := domain.Scope{TenantID: t.ID, RegionID: t.RegionID}
	lead, err := s.personID(ctx, "qa_lead@"+t.Slug+".example.org")
	if err != nil {
		return err
	}
	trail := audit.Recorder{Store: store.Trail{}}
	svc := schedule.Service{Store: store.Schedule{}, Trail: trail}
	return s.db.InScope(ctx, scope, func(ctx context.Context) error {
		if items, err := svc.ListSchedule(ctx); err != nil || len(items) > 0 {
			return err
		}
		ctx = domain.WithActor(ctx, domain.Actor{PersonID: lead})
		if _, err := svc.StartFromFramework(ctx); err != nil {
			return err
		}
		_, err = dashboard.Benchmarks{Store: store.Benchmarks{}}.GiveConsent(ctx, lead)
		return err
	})
}

func (s seeder) personID(ctx context.Context, email string) (id uuid.UUID, err error) {
	err = s.db.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		p, err := s.tenancy.FindPersonByEmail(ctx, email)
		id = p.ID
		return err
	})
	return id, err
}

// finishedAudits gives the area a round of EHC plan audits already
// submitted by its demo auditor, so that dashboards and benchmarks have
// figures. An area without plans of its own (all but Wolverhampton) gets
// made-up ones holding no personal data. It does nothing once the area
// has the round.
func (s seeder) finishedAudits(ctx context.Context, t tenancy.Tenant) error {
	grades := demoResults[t.Slug]
	scope := domain.Scope{TenantID: t.ID, RegionID: t.RegionID}
	trail := audit.Recorder{Store: store.Trail{}}
	instruments := catalogue.Service{Store: store.Catalogue{}, Trail: trail}
	rounds := round.Service{Store: store.Rounds{}, Trail: trail, Instruments: instruments}
	responses := response.Service{Store: store.Responses{}, Keys: s.keys, Trail: trail,
		Instruments: &catalogue.Definitions{Versions: instruments}}
	auditor, err := s.personID(ctx, "auditor@"+t.Slug+".example.org")
	if err != nil {
		return err
	}
	const name = "September 2026 EHC plan audit"
	return s.db.InScope(ctx, scope, func(ctx context.Context) error {
		list, err := rounds.ListRounds(ctx, domain.Page{Limit: 200})
		if err != nil {
			return err
		}
		for _, r := range list.Items {
			if r.Name == name {
				return nil
			}
		}
		prefix := map[string]string{"wolverhampton": "WVS", "dudley": "DYS", "sandwell": "SWS",
			"walsall": "WSS"}[t.Slug]
		var plans int
		if err := s.db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM subjects
			WHERE tenant_id = $1 AND kind = 'ehc_plan'`, t.ID).Scan(&plans); err != nil {
			return err
		}
		for i := range grades {
			if plans > 0 {
				break
			}
			_, err := s.db.SQL().ExecContext(ctx, `INSERT INTO subjects (tenant_id, kind, local_id,
					primary_need, key_stage, setting_type, services)
				VALUES ($1, 'ehc_plan', $2, $3, $4, 'Mainstream', '{Educational Psychology}')
				ON CONFLICT DO NOTHING`, t.ID, fmt.Sprintf("%s%03d", prefix, i+1),
				[]string{"ASD", "SEMH", "SLCN", "MLD"}[i%4], []string{"KS1", "KS2", "KS3", "KS4"}[i%4])
			if err != nil {
				return fmt.Errorf("add a demo subject: %w", err)
			}
		}
		r, err := rounds.CreateRound(ctx, round.Round{Name: name, InstrumentKey: "ehcp_quality_audit",
			InstrumentVersion: 1, Term: round.Autumn, AcademicYear: 2026, OpensOn: day(2026, 9, 7),
			DueOn: day(2026, 10, 2), SampleSize: len(grades), PerAuditor: 50,
			Sampling: round.Sampling{Method: round.Random}})
		if err != nil {
			return err
		}
		seed := int64(9)
		if r, err = rounds.DrawSample(ctx, r.ID, r.Version, &seed); err != nil {
			return err
		}
		if _, err = rounds.AllocateSample(ctx, r.ID, r.Version, []uuid.UUID{auditor}); err != nil {
			return err
		}
		allocations, err := rounds.ListAllocations(ctx, r.ID)
		if err != nil {
			return err
		}
		viewer := response.Viewer{PersonID: auditor}
		for i, a := range allocations {
			started, _, err := responses.Start(ctx, viewer, a.ID)
			if err != nil {
				return err
			}
			answers, err := json.Marshal(demoAnswers(a.LocalID, grades[i%len(grades)]))
			if err != nil {
				return err
			}
			if _, err := responses.Submit(ctx, viewer, started.ID, started.Version, answers); err != nil {
				var de *domain.Error
				if errors.As(err, &de) {
					return fmt.Errorf("submit a demo audit: %v: %w", de.Fields, err)
				}
				return fmt.Errorf("submit a demo audit: %w", err)
			}
		}
		return nil
	})
}

// demoAnswers grade every section of the EHCP quality audit alike; the
// plan's reference is its local id.
func demoAnswers(reference, grade string) map[string]any {
	a := map[string]any{"plan_reference": reference, "plan_issued_on": "2026-01-10",
		"plan_status": "new", "nc_year": 5,
		"contributing_services": []string{"educational_psychology"}, "no_conflict": "yes",
		"strengths": "Outcomes are written with the family"}
	for _, g := range []string{"a", "b", "c", "d", "e", "f", "g", "h1", "h2", "i", "j", "k",
		"golden_thread"} {
		a[g+"_grade"] = grade
	}
	return a
}
