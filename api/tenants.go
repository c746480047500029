package api

import (
	"context"
	"sync"
	"time"

	"sendqa/domain"
	"sendqa/domain/store"
	"sendqa/domain/tenancy"
)

// tenantCacheTTL bounds how long a replica may keep using a tenant's
// slug, name and region after they change elsewhere. Tenants change
// rarely; who may see them is decided per request, never cached here.
const tenantCacheTTL = 30 * time.Second

// tenantCache maps slugs to tenants, so that a tenant route needs no
// database round trip before its scoped transaction begins.
type tenantCache struct {
	db      *store.DB
	tenancy tenancy.Service
	ttl     time.Duration

	mu      sync.Mutex
	entries map[string]cachedTenant
}

type cachedTenant struct {
	tenant  tenancy.Tenant
	expires time.Time
}

func newTenantCache(db *store.DB, svc tenancy.Service, ttl time.Duration) *tenantCache {
	return &tenantCache{db: db, tenancy: svc, ttl: ttl, entries: map[string]cachedTenant{}}
}

// find returns the tenant with the slug. Only tenants that exist are
// cached, so a new tenant is found at once.
func (c *tenantCache) find(ctx context.Context, slug string) (tenancy.Tenant, error) {
	now := time.Now()
	c.mu.Lock()
	e, ok := c.entries[slug]
	c.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.tenant, nil
	}
	var t tenancy.Tenant
	err := c.db.InScope(ctx, domain.Scope{}, func(ctx context.Context) (err error) {
		t, err = c.tenancy.FindTenantBySlug(ctx, slug)
		return err
	})
	if err != nil {
		return tenancy.Tenant{}, err
	}
	c.mu.Lock()
	if len(c.entries) > 10000 {
		clear(c.entries)
	}
	c.entries[slug] = cachedTenant{tenant: t, expires: now.Add(c.ttl)}
	c.mu.Unlock()
	return t, nil
}
