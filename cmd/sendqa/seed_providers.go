package main

import (
	"context"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/apaudit"
	"sendqa/domain/store"
	"sendqa/domain/tenancy"
)

// demoProvider is the demo region's alternative provision provider: one
// organisation serving every Black Country area, whose people are each
// area's provider@<tenant>.example.org, so that one sign-in sees one inbox
// across the councils.
const demoProvider = "Pathways Alternative Provision"

// providers makes the demo provider, gives it each area's provider
// person, and puts it on every area's register. Running again changes
// nothing.
func (s seeder) providers(ctx context.Context, tenants []tenancy.Tenant) error {
	st := store.APAudits{}
	var provider apaudit.Provider
	for i, t := range tenants {
		var person tenancy.Person
		err := s.db.InScope(ctx, domain.Scope{}, func(ctx context.Context) (err error) {
			person, err = s.tenancy.FindPersonByEmail(ctx, "provider@"+t.Slug+".example.org")
			if err != nil {
				return err
			}
			if i == 0 {
				provider, err = st.FindProviderOfPerson(ctx, person.ID)
				if domain.IsNotFound(err) {
					provider, err = st.CreateProvider(ctx, apaudit.Provider{ID: uuid.New(), Name: demoProvider})
				}
				if err != nil {
					return err
				}
			}
			return st.AddProviderPerson(ctx, provider.ID, person.ID)
		})
		if err != nil {
			return err
		}
		scope := domain.Scope{TenantID: t.ID, RegionID: t.RegionID}
		err = s.db.InScope(ctx, scope, func(ctx context.Context) error {
			if _, err := st.FindLink(ctx, provider.ID); err == nil || !domain.IsNotFound(err) {
				return err
			}
			_, err := st.SaveLink(ctx, apaudit.Link{ProviderID: provider.ID, State: apaudit.LinkActive,
				ContactEmail: person.Email, AccessUntil: time.Now().UTC().Add(apaudit.AccessPeriod)})
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
