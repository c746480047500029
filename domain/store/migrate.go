package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
)

// Migrate applies every pending migration as the schema's owner, one
// transaction per file, and returns how many it applied.
func Migrate(ctx context.Context, ownerURL string, migrations fs.FS, log *slog.Logger) (int, error) {
	db, err := sql.Open("pgx", ownerURL)
	if err != nil {
		return 0, fmt.Errorf("open owner connection: %w", err)
	}
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations)
	if err != nil {
		return 0, fmt.Errorf("load migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return 0, fmt.Errorf("apply migrations: %w", err)
	}
	for _, r := range results {
		log.InfoContext(ctx, "migration applied", "version", r.Source.Version,
			"file", r.Source.Path, "duration", r.Duration)
	}
	// The job queue's tables are River's own, versioned by River.
	m, err := jobQueueMigrator(db)
	if err != nil {
		return 0, err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return 0, fmt.Errorf("apply job queue migrations: %w", err)
	}
	return len(results), nil
}

// EnsureRuntimeRole creates the login role the server runs as, if it is
// missing, and grants it what it needs and nothing more: it owns nothing, is
// not a superuser and cannot bypass row-level security, and it may add to
// the audit trail but never change or remove a row of it, and it only
// reads the built-in instrument library, which `migrate` loads. Run it after
// every migration so that new tables get their grants.
func EnsureRuntimeRole(ctx context.Context, ownerURL, role, password string) error {
	conn, err := pgx.Connect(ctx, ownerURL)
	if err != nil {
		return fmt.Errorf("connect as owner: %w", err)
	}
	defer conn.Close(ctx)

	ident := pgx.Identifier{role}.Sanitize()
	statements := []string{
		fmt.Sprintf(`DO $$ BEGIN
			IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = %s) THEN
				CREATE ROLE %s LOGIN;
			END IF;
		END $$`, quoteLiteral(role), ident),
		fmt.Sprintf(`ALTER ROLE %s LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`, ident),
		fmt.Sprintf(`GRANT USAGE ON SCHEMA public TO %s`, ident),
		fmt.Sprintf(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %s`, ident),
		fmt.Sprintf(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %s`, ident),
		fmt.Sprintf(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, platform_audit_events FROM %s`, ident),
		fmt.Sprintf(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON library_instruments FROM %s`, ident),
		fmt.Sprintf(`REVOKE ALL ON goose_db_version FROM %s`, ident),
	}
	if password != "" {
		statements = append(statements,
			fmt.Sprintf(`ALTER ROLE %s PASSWORD %s`, ident, quoteLiteral(password)))
	}
	for _, s := range statements {
		if _, err := conn.Exec(ctx, s); err != nil {
			return fmt.Errorf("prepare runtime role: %w", err)
		}
	}
	return nil
}

func quoteLiteral(s string) string {
	out := []byte{'\''}
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, '\'')
		}
		out = append(out, s[i])
	}
	return string(append(out, '\''))
}

// jobQueueMigrator reads River's migrations; db may be nil when only the
// list of versions is wanted.
func jobQueueMigrator(db *sql.DB) (*rivermigrate.Migrator[*sql.Tx], error) {
	m, err := rivermigrate.New(riverdatabasesql.New(db), nil)
	if err != nil {
		return nil, fmt.Errorf("load job queue migrations: %w", err)
	}
	return m, nil
}

// SchemaDigest digests everything Migrate applies: our migration files by
// name and content, and River's migrations by version and SQL, so that a
// database built from one digest can be told from one built from another,
// whichever of the two changed.
func SchemaDigest(migrations fs.FS) (string, error) {
	h := sha256.New()
	names, err := fs.Glob(migrations, "*.sql")
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(migrations, n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	m, err := jobQueueMigrator(nil)
	if err != nil {
		return "", err
	}
	for _, v := range m.AllVersions() {
		fmt.Fprintf(h, "river %d\x00%d\x00%s", v.Version, len(v.SQLUp), v.SQLUp)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// CheckSchema reports a database that lacks a migration Migrate would
// apply, ours or River's, naming the newest version of each it has and
// should have.
func CheckSchema(ctx context.Context, ownerURL string, migrations fs.FS) error {
	db, err := sql.Open("pgx", ownerURL)
	if err != nil {
		return fmt.Errorf("open owner connection: %w", err)
	}
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations)
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return fmt.Errorf("read applied migrations: %w", err)
	}
	if pending {
		have, _ := p.GetDBVersion(ctx)
		return fmt.Errorf("the schema lacks migrations after version %d", have)
	}
	m, err := jobQueueMigrator(db)
	if err != nil {
		return err
	}
	all := m.AllVersions()
	applied, err := m.ExistingVersions(ctx)
	if err != nil {
		return fmt.Errorf("read applied job queue migrations: %w", err)
	}
	have, want := 0, all[len(all)-1].Version
	for _, v := range applied {
		have = max(have, v.Version)
	}
	if have != want {
		return fmt.Errorf("the job queue's tables are at River migration %d, not %d", have, want)
	}
	return nil
}
