package main

import (
	"context"
	"log/slog"

	"sendqa/api"
	"sendqa/domain/access"
	"sendqa/domain/store"
)

// newPolicy builds the policy enforcer and keeps it in step with role
// changes announced by the database.
func newPolicy(ctx context.Context, cfg config, db *store.DB, log *slog.Logger) (api.Policy, func(), error) {
	adapter, err := db.PolicyAdapter()
	if err != nil {
		return nil, nil, err
	}
	enforcer, err := access.NewEnforcer(ctx, adapter, db)
	if err != nil {
		return nil, nil, err
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
	return enforcer, stop, nil
}
