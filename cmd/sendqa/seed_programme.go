package main

import (
	"context"
	"fmt"
	"time"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/demo"
	"sendqa/domain/instrument"
	"sendqa/domain/response"
	"sendqa/domain/round"
	"sendqa/domain/store"
	"sendqa/domain/subject"
	"sendqa/domain/tenancy"
)

// programme loads Wolverhampton's audit programme: the cohort's services,
// the EHC plan sample as subjects, and one round drawn and allocated, in
// progress. It does nothing once the area has a round.
func (s seeder) programme(ctx context.Context, t tenancy.Tenant, cohort []map[string]string) error {
	scope := domain.Scope{TenantID: t.ID, RegionID: t.RegionID}
	trail := audit.Recorder{Store: store.Trail{}}
	subjects := subject.Service{Store: store.Subjects{}, Keys: s.keys, Trail: trail}
	instruments := catalogue.Service{Store: store.Catalogue{}, Trail: trail}
	rounds := round.Service{Store: store.Rounds{}, Trail: trail, Instruments: instruments}

	var existing domain.List[round.Round]
	err := s.db.InScope(ctx, scope, func(ctx context.Context) (err error) {
		existing, err = rounds.ListRounds(ctx, domain.Page{Limit: 1})
		return err
	})
	if err != nil || len(existing.Items) > 0 {
		return err
	}
	if err := s.auditorServices(ctx, scope, rounds, cohort); err != nil {
		return err
	}
	data, err := demo.File("ehcp_sample_wolverhampton.csv")
	if err != nil {
		return err
	}
	var im subject.Import
	err = s.db.InScope(ctx, scope, func(ctx context.Context) (err error) {
		im, err = subjects.PreviewImport(ctx, instrument.SubjectEHCPlan, "ehcp_sample_wolverhampton.csv", data)
		if err == nil {
			im, err = subjects.ConfirmImport(ctx, im.ID)
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("import the plan sample: %w", err)
	}
	var out round.Outcome
	err = s.db.InScope(ctx, scope, func(ctx context.Context) error {
		r, err := rounds.CreateRound(ctx, round.Round{Name: "Autumn 2026 EHC plan audit",
			InstrumentKey: "ehcp_quality_audit", InstrumentVersion: 1, Term: round.Autumn,
			AcademicYear: 2026, OpensOn: day(2026, 10, 5), DueOn: day(2026, 11, 13),
			Sampling: round.Sampling{Method: round.Stratified, StrataBy: round.ByPrimaryNeed}})
		if err != nil {
			return err
		}
		seed := int64(2026)
		if r, err = rounds.DrawSample(ctx, r.ID, r.Version, &seed); err != nil {
			return err
		}
		out, err = rounds.AllocateSample(ctx, r.ID, r.Version, nil)
		return err
	})
	if err != nil {
		return fmt.Errorf("draw the demo round: %w", err)
	}
	fmt.Fprintf(s.out, "Wolverhampton: %d EHC plans imported; round %q allocated %d audits\n",
		im.New+im.Updated, out.Round.Name, out.Allocated)
	return s.demoDraft(ctx, scope, trail, instruments)
}

// demoDraft starts the demo auditor's first audit, so their inbox shows
// one in progress beside those not started.
func (s seeder) demoDraft(ctx context.Context, scope domain.Scope, trail audit.Recorder,
	instruments catalogue.Service) error {
	responses := response.Service{Store: store.Responses{}, Keys: s.keys, Trail: trail,
		Instruments: &catalogue.Definitions{Versions: instruments}}
	err := s.db.InScope(ctx, scope, func(ctx context.Context) error {
		auditor, err := s.tenancy.FindPersonByEmail(ctx, "auditor@wolverhampton.example.org")
		if err != nil {
			return err
		}
		viewer := response.Viewer{PersonID: auditor.ID}
		inbox, err := responses.Inbox(ctx, viewer)
		if err != nil || len(inbox) == 0 {
			return err
		}
		_, _, err = responses.Start(ctx, viewer, inbox[0].AllocationID)
		return err
	})
	if err != nil {
		return fmt.Errorf("start the demo auditor's draft: %w", err)
	}
	return nil
}

// auditorServices records the service each cohort member works for.
func (s seeder) auditorServices(
	ctx context.Context,
	scope domain.Scope,
	rounds round.Service,
	cohort []map[string]string,
) error {
	service := map[string]string{}
	for _, r := range cohort {
		service[r["email"]] = r["service"]
	}
	return s.db.InScope(ctx, scope, func(ctx context.Context) error {
		auditors, err := rounds.ListAuditors(ctx)
		if err != nil {
			return err
		}
		for _, a := range auditors {
			if name, ok := service[a.Email]; ok && a.Version == 0 {
				if _, err := rounds.SetAuditorServices(ctx, a.PersonID, []string{name}, 0); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
