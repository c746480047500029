// Package store keeps sendqa's records in PostgreSQL. It is the only
// package that speaks SQL or imports GORM. Every method runs in the
// transaction that the caller opened with DB.Begin or DB.InScope, so that
// row-level security sees the request's tenant and nothing else.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sendqa/domain"
)

// DB is a pool of connections under one database role.
type DB struct {
	gorm *gorm.DB
	sql  *sql.DB
}

// Options tune the connection pool.
type Options struct {
	MaxOpenConns int
	MaxIdleConns int
}

// Open connects to PostgreSQL at url and checks that it answers.
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	g, err := gorm.Open(postgres.New(postgres.Config{DSN: url}), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
		TranslateError:         false,
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	s, err := g.DB()
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if opts.MaxOpenConns > 0 {
		s.SetMaxOpenConns(opts.MaxOpenConns)
	}
	if opts.MaxIdleConns > 0 {
		s.SetMaxIdleConns(opts.MaxIdleConns)
	}
	s.SetConnMaxIdleTime(5 * time.Minute)
	if err := s.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("reach database: %w", err)
	}
	return &DB{gorm: g, sql: s}, nil
}

// Close releases the pool.
func (db *DB) Close() error { return db.sql.Close() }

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.sql.PingContext(ctx) }

// SQL returns the underlying pool, for health checks and tests.
func (db *DB) SQL() *sql.DB { return db.sql }

type txKey struct{}

// Tx is a transaction whose scope is set. Commit or Rollback ends it.
type Tx struct {
	g    *gorm.DB
	done bool
}

// Begin opens a transaction, sets its scope with set_config(..., true) so
// that it ends with the transaction and never leaks to the connection's
// next user, and returns a context that carries both.
func (db *DB) Begin(ctx context.Context, s domain.Scope) (context.Context, *Tx, error) {
	g := db.gorm.WithContext(ctx).Begin()
	if g.Error != nil {
		return ctx, nil, fmt.Errorf("begin: %w", g.Error)
	}
	tx := &Tx{g: g}
	if err := tx.setScope(s); err != nil {
		tx.Rollback()
		return ctx, nil, err
	}
	ctx = domain.WithScope(ctx, s)
	return context.WithValue(ctx, txKey{}, tx), tx, nil
}

// SetScope changes the scope of the transaction carried by ctx, for a
// request that learns its tenant after it began.
func SetScope(ctx context.Context, s domain.Scope) (context.Context, error) {
	tx, ok := ctx.Value(txKey{}).(*Tx)
	if !ok {
		return ctx, errNoTx
	}
	if err := tx.setScope(s); err != nil {
		return ctx, err
	}
	return domain.WithScope(ctx, s), nil
}

func (tx *Tx) setScope(s domain.Scope) error {
	err := tx.g.Exec(
		`SELECT set_config('app.tenant_id', ?, true),
		        set_config('app.person_id', ?, true),
		        set_config('app.region_id', ?, true)`,
		idSetting(s.TenantID), idSetting(s.PersonID), idSetting(s.RegionID),
	).Error
	if err != nil {
		return fmt.Errorf("set scope: %w", err)
	}
	return nil
}

func idSetting(id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	return id.String()
}

// Commit ends the transaction, keeping its changes.
func (tx *Tx) Commit() error {
	if tx.done {
		return errors.New("commit: transaction already ended")
	}
	tx.done = true
	if err := tx.g.Commit().Error; err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Rollback ends the transaction, dropping its changes. It is safe to call
// after Commit, which makes it convenient in a defer.
func (tx *Tx) Rollback() {
	if tx.done {
		return
	}
	tx.done = true
	tx.g.Rollback()
}

// InScope runs fn in a transaction with the given scope and commits when fn
// returns nil. Background work and commands use it; requests use Begin.
func (db *DB) InScope(ctx context.Context, s domain.Scope, fn func(ctx context.Context) error) error {
	ctx, tx, err := db.Begin(ctx, s)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(ctx); err != nil {
		return err
	}
	return tx.Commit()
}

// tenantOf is the scope's tenant, for explicit filters. Row-level security
// already confines the runtime role; the filter also confines the owner
// (which bypasses it, for migrations and seeding) and leads every index.
func tenantOf(ctx context.Context) uuid.UUID { return domain.ScopeFrom(ctx).TenantID }

var errNoTx = errors.New("store: no transaction in context; open one with Begin or InScope")

// conn returns the transaction carried by ctx. Reading or writing outside a
// scoped transaction is a programming error, reported rather than run.
func conn(ctx context.Context) (*gorm.DB, error) {
	tx, ok := ctx.Value(txKey{}).(*Tx)
	if !ok || tx.done {
		return nil, errNoTx
	}
	return tx.g.WithContext(ctx), nil
}
