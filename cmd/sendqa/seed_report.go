package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/demo"
	"sendqa/domain/tenancy"
)

// springTerm loads Wolverhampton's completed spring term 2026 (see
// domain/demo/data/spring_term.sql), so that its practice report has
// figures to show. It does nothing once the spring round is there.
func (s seeder) springTerm(ctx context.Context, t tenancy.Tenant) error {
	var exists bool
	err := s.db.SQL().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM rounds
		WHERE tenant_id = $1 AND name = 'Spring 2026 EHC plan audit')`, t.ID).Scan(&exists)
	if err != nil || exists {
		return err
	}
	var auditor, lead tenancy.Person
	err = s.db.InScope(ctx, domain.Scope{TenantID: t.ID, RegionID: t.RegionID},
		func(ctx context.Context) (err error) {
			auditor, err = s.tenancy.FindPersonByEmail(ctx, "auditor@wolverhampton.example.org")
			if err != nil {
				return err
			}
			lead, err = s.tenancy.FindPersonByEmail(ctx, "qa_lead@wolverhampton.example.org")
			return err
		})
	if err != nil {
		return fmt.Errorf("find the spring term's auditor and QA lead: %w", err)
	}
	script, err := demo.File("spring_term.sql")
	if err != nil {
		return err
	}
	tx, err := s.db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// The ids are uuid.UUID values, written in as literals: some statements
	// use only some of them, which parameters cannot do.
	ids := strings.NewReplacer("$1", literal(t.ID), "$2", literal(auditor.ID), "$3", literal(lead.ID))
	for i, stmt := range strings.Split(string(script), "\n-- next\n") {
		if _, err := tx.ExecContext(ctx, ids.Replace(stmt)); err != nil {
			return fmt.Errorf("load the spring term, statement %d: %w", i+1, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	fmt.Fprintln(s.out, "Wolverhampton: spring term 2026 audits, moderation and findings loaded")
	return nil
}

func literal(id uuid.UUID) string { return "'" + id.String() + "'::uuid" }
