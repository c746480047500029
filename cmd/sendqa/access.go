package main

import (
	"context"
	"log/slog"

	"github.com/labstack/echo/v4"

	"sendqa/api"
	"sendqa/domain"
	"sendqa/domain/access"
	"sendqa/domain/store"
)

// newAccess builds the policy enforcer, keeps it in step with role changes
// announced by the database, and builds the authenticator.
func newAccess(ctx context.Context, cfg config, db *store.DB, log *slog.Logger) (api.Policy, api.Authenticator, func(), error) {
	adapter, err := db.PolicyAdapter()
	if err != nil {
		return nil, nil, nil, err
	}
	enforcer, err := access.NewEnforcer(ctx, adapter, db)
	if err != nil {
		return nil, nil, nil, err
	}
	listenCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		store.ListenPolicyChanges(listenCtx, cfg.AppDatabaseURL, log, func(ctx context.Context) {
			if err := enforcer.Reload(ctx); err != nil && ctx.Err() == nil {
				log.ErrorContext(ctx, "reload policy", "error", err)
			}
		})
	}()
	stop := func() {
		cancel()
		<-done
	}
	return enforcer, refuseAll{}, stop, nil
}

// refuseAll authenticates nobody. Limitation: sign-in is not built yet, so
// every route that needs a person answers 401.
type refuseAll struct{}

func (refuseAll) Authenticate(echo.Context) (api.Principal, error) {
	return api.Principal{}, domain.ErrUnauthenticated
}
