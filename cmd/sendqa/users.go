package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/store"
	"sendqa/domain/tenancy"
)

// createTenant adds a local area from the command line, as the owner.
func createTenant(ctx context.Context, cfg config, args []string, stdout io.Writer) error {
	if len(args) < 2 || len(args) > 3 {
		return errUsage
	}
	region := ""
	if len(args) == 3 {
		region = args[2]
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{MaxOpenConns: 2})
	if err != nil {
		return err
	}
	defer db.Close()
	svc := tenancy.Service{Store: store.Tenancy{}, Trail: audit.Recorder{Store: store.Trail{}}}
	return db.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		t, err := svc.CreateTenant(ctx, tenancy.Tenant{Slug: args[0], Name: args[1]}, region)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "created tenant %s (%s)\n", t.Slug, t.ID)
		return nil
	})
}

// createUser adds a person and, when a tenant and roles are given, makes
// them a member with those roles.
func createUser(ctx context.Context, cfg config, args []string, stdout io.Writer) error {
	platformAdmin := false
	var rest []string
	for _, a := range args {
		if a == "--platform-admin" {
			platformAdmin = true
			continue
		}
		rest = append(rest, a)
	}
	if len(rest) != 2 && len(rest) != 4 {
		return errUsage
	}
	db, err := store.Open(ctx, cfg.DatabaseURL, store.Options{MaxOpenConns: 2})
	if err != nil {
		return err
	}
	defer db.Close()
	svc := tenancy.Service{Store: store.Tenancy{}, Trail: audit.Recorder{Store: store.Trail{}}}

	var person tenancy.Person
	err = db.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		person, err = svc.CreatePerson(ctx,
			tenancy.Person{Email: rest[0], Name: rest[1], PlatformAdmin: platformAdmin})
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created person %s (%s)\n", person.Email, person.ID)
	if len(rest) == 2 {
		return nil
	}

	var t tenancy.Tenant
	err = db.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		t, err = svc.FindTenantBySlug(ctx, rest[2])
		return err
	})
	if err != nil {
		return err
	}
	var roles []domain.Role
	for _, r := range strings.Split(rest[3], ",") {
		roles = append(roles, domain.Role(strings.TrimSpace(r)))
	}
	scope := domain.Scope{TenantID: t.ID, RegionID: t.RegionID}
	return db.InScope(ctx, scope, func(ctx context.Context) error {
		if _, err := svc.SetRoles(ctx, person.ID, roles); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "gave %s the roles %s in %s\n", person.Email, rest[3], t.Slug)
		return nil
	})
}
