package store

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/casbin/casbin/v2/persist"
	gormadapter "github.com/casbin/gorm-adapter/v3"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"sendqa/domain/access"
)

// PolicyAdapter reads the role permissions from casbin_rule. The table is
// created by a migration, so the adapter's own AutoMigrate is turned off.
func (db *DB) PolicyAdapter() (persist.Adapter, error) {
	g := db.gorm.Session(&gorm.Session{NewDB: true})
	gormadapter.TurnOffAutoMigrate(g)
	a, err := gormadapter.NewAdapterByDBUseTableName(g, "", "casbin_rule")
	if err != nil {
		return nil, fmt.Errorf("open policy adapter: %w", err)
	}
	return a, nil
}

// ListGrants returns every role grant in every tenant, through the one
// function that may read memberships across tenants.
func (db *DB) ListGrants(ctx context.Context) ([]access.Grant, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT person_id, role, tenant_id FROM policy_grants()`)
	if err != nil {
		return nil, fmt.Errorf("list grants: %w", err)
	}
	defer rows.Close()
	var out []access.Grant
	for rows.Next() {
		var (
			g              access.Grant
			person, tenant uuid.UUID
		)
		if err := rows.Scan(&person, &g.Role, &tenant); err != nil {
			return nil, fmt.Errorf("read grant: %w", err)
		}
		g.PersonID, g.TenantID = person, tenant
		out = append(out, g)
	}
	return out, rows.Err()
}

// PolicyChannel is the channel on which role and permission changes are
// announced when they commit.
const PolicyChannel = "sendqa_policy"

// ListenPolicyChanges calls onChange after every announced change of roles
// or permissions, and once after each (re)connection in case one was
// missed while disconnected. It returns when ctx ends.
func ListenPolicyChanges(ctx context.Context, url string, log *slog.Logger, onChange func(context.Context)) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := listenOnce(ctx, url, onChange)
		if ctx.Err() != nil {
			return
		}
		log.WarnContext(ctx, "policy listener lost its connection", "error", err, "retry_in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

func listenOnce(ctx context.Context, url string, onChange func(context.Context)) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+PolicyChannel); err != nil {
		return err
	}
	onChange(ctx)
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		onChange(ctx)
	}
}
