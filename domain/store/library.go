package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"sendqa/domain/instrument"
)

// SyncLibrary loads the built-in instruments into library_instruments as
// the schema's owner, after the migrations, and returns how many versions
// it added. An unchanged definition adds nothing, so running it again is
// harmless; a changed one adds a version numbered after the newest (or the
// definition's own number, if higher) and keeps the old ones, because a
// version that responses use never changes.
func SyncLibrary(ctx context.Context, ownerURL string, defs []instrument.Definition) (int, error) {
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return 0, fmt.Errorf("connect as owner: %w", err)
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("begin library load: %w", err)
	}
	defer tx.Rollback(ctx)

	// Replicas that migrate at once must not both add the same version.
	_, err = tx.Exec(ctx, "LOCK TABLE library_instruments IN SHARE ROW EXCLUSIVE MODE")
	if err != nil {
		return 0, fmt.Errorf("lock library: %w", err)
	}
	added := 0
	for _, def := range defs {
		ok, err := syncDefinition(ctx, tx, def)
		if err != nil {
			return 0, fmt.Errorf("load %s: %w", def.Key, err)
		}
		if ok {
			added++
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("commit library load: %w", err)
	}
	return added, nil
}

// syncDefinition adds def as a new version unless the newest stored
// version was loaded from the same definition.
func syncDefinition(ctx context.Context, tx pgx.Tx, def instrument.Definition) (bool, error) {
	shipped, err := instrument.MarshalDefinition(def)
	if err != nil {
		return false, err
	}
	digest := sha256.Sum256(shipped)

	var (
		newest     int
		lastDigest []byte
	)
	err = tx.QueryRow(ctx, `SELECT version, digest FROM library_instruments
		WHERE key = $1 ORDER BY version DESC LIMIT 1`, def.Key).Scan(&newest, &lastDigest)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return false, err
	}
	if bytes.Equal(lastDigest, digest[:]) {
		return false, nil
	}

	// The stored definition carries the number it is stored under, so that
	// an export names the version it came from.
	def.Version = max(newest+1, def.Version)
	stored, err := instrument.MarshalDefinition(def)
	if err != nil {
		return false, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO library_instruments
		(key, version, title, subject, definition, digest)
		VALUES ($1, $2, $3, $4, $5::jsonb, $6)`,
		def.Key, def.Version, def.Title, string(def.Subject), string(stored), digest[:])
	return err == nil, err
}
