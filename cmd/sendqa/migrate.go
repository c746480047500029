package main

import (
	"context"
	"fmt"
	"log/slog"

	"sendqa/domain/instrument"
	"sendqa/domain/store"
	"sendqa/migrations"
)

// migrate applies pending migrations as the owner, loads the built-in
// instrument library and prepares the runtime role the server connects as.
func migrate(ctx context.Context, cfg config, log *slog.Logger) error {
	if cfg.DatabaseURL == "" {
		return fmt.Errorf("migrate: set DATABASE_URL to the schema owner's URL")
	}
	n, err := store.Migrate(ctx, cfg.DatabaseURL, migrations.FS, log)
	if err != nil {
		return err
	}
	library, err := instrument.Library()
	if err != nil {
		return fmt.Errorf("read the built-in instruments: %w", err)
	}
	added, err := store.SyncLibrary(ctx, cfg.DatabaseURL, library)
	if err != nil {
		return err
	}
	if err := store.EnsureRuntimeRole(ctx, cfg.DatabaseURL, cfg.AppDBRole, cfg.AppDBPassword); err != nil {
		return err
	}
	log.Info("database ready", "migrations_applied", n, "library_versions_added", added,
		"runtime_role", cfg.AppDBRole)
	return nil
}
