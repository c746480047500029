package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"sendqa/api"
	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/identity"
	"sendqa/domain/invite"
	"sendqa/domain/response"
	"sendqa/domain/round"
	"sendqa/domain/store"
	"sendqa/domain/subject"
	"sendqa/domain/tenancy"
	"sendqa/frontend"
	"sendqa/openapi"
)

// app is the wired program: everything serve needs, built in a visible
// order so that tests can build the same thing on port 0.
type app struct {
	db     *store.DB
	server *api.Server
	close  func()
}

func newApp(ctx context.Context, cfg config, log *slog.Logger) (*app, error) {
	db, err := store.Open(ctx, cfg.AppDatabaseURL, store.Options{
		MaxOpenConns: cfg.DBMaxConns, MaxIdleConns: cfg.DBMaxConns,
	})
	if err != nil {
		return nil, err
	}
	trail := audit.Recorder{Store: store.Trail{}}
	tenancySvc := tenancy.Service{Store: store.Tenancy{}, Trail: trail}
	auditSvc := audit.Service{Store: store.Trail{}}

	keys, err := identity.NewKeys(cfg.SessionKey)
	if err != nil {
		db.Close()
		return nil, err
	}
	identitySvc := identity.Service{Store: store.Identity{}, Keys: keys, Settings: identity.DefaultSettings}
	auth := api.NewSessionAuthenticator(identitySvc, db)
	outbox, err := newOutbox(cfg)
	if err != nil {
		db.Close()
		return nil, err
	}
	inviteSvc := invite.Service{Store: store.Invitations{}, Outbox: outbox, Tenancy: tenancySvc,
		Identity: identitySvc, Trail: trail, PublicURL: cfg.PublicURL}

	sealing, err := cfg.keyring()
	if err != nil {
		db.Close()
		return nil, err
	}
	catalogueSvc := catalogue.Service{Store: store.Catalogue{}, Trail: trail}

	policy, stopPolicy, err := newPolicy(ctx, cfg, db, log)
	if err != nil {
		db.Close()
		return nil, err
	}

	responses, stopWork, err := newResponses(ctx, cfg, log, db, catalogueSvc, sealing, trail)
	if err != nil {
		stopPolicy()
		db.Close()
		return nil, err
	}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	server := api.New(api.Deps{
		Log: log, DB: db, Auth: auth, Policy: policy,
		Tenancy: tenancySvc, Audit: auditSvc, Identity: identitySvc, Invites: inviteSvc, Registry: reg,
		Catalogue: catalogueSvc,
		Subjects:  subject.Service{Store: store.Subjects{}, Keys: sealing, Trail: trail},
		Rounds: round.Service{Store: store.Rounds{}, Instruments: catalogueSvc, Trail: trail,
			Notices: response.AllocationNotifier{Jobs: responses.Jobs}},
		Responses: responses,
		Frontend:  frontend.Handler(), OpenAPI: openapi.Document,
	})
	return &app{db: db, server: server, close: func() {
		stopWork()
		stopPolicy()
		db.Close()
	}}, nil
}

// serve runs the HTTP server until ctx ends, then stops taking requests,
// turns readiness to 503 and lets in-flight requests finish within the
// shutdown timeout. When ready is not nil it receives the bound address.
func serve(ctx context.Context, cfg config, log *slog.Logger, ready chan<- net.Addr) error {
	a, err := newApp(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.close()

	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.HTTPAddr, err)
	}
	srv := &http.Server{
		Handler:           a.server,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errs := make(chan error, 1)
	go func() { errs <- srv.Serve(ln) }()
	log.Info("serving", "addr", ln.Addr().String(), "version", version)
	if ready != nil {
		ready <- ln.Addr()
	}

	select {
	case err := <-errs:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	a.server.Drain()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	if err := <-errs; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}
