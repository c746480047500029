package api_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

func TestAuditLogRecordsChanges(t *testing.T) {
	e := newEnv(t)
	created := e.createOrg("Social Care")
	path := e.orgs() + "/" + created["id"].(string)
	e.do(req{method: "PATCH", path: path, as: e.lead(), body: map[string]any{"archived": true},
		header: map[string]string{"If-Match": `"1"`}})

	logPath := "/api/v1/t/" + e.fixture.A.Tenant.Slug + "/audit-log?entity=organisation&entity_id=" +
		created["id"].(string)
	body := e.do(req{method: "GET", path: logPath, as: e.lead()}).json(t)
	items := body["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("got %d events, want 2 (create, update)\n%v", len(items), items)
	}
	update := items[0].(map[string]any)
	if update["action"] != "update" || update["actor_id"] != e.lead().String() {
		t.Fatalf("newest event %v, want the lead's update", update)
	}
	if update["before"].(map[string]any)["archived"] != false || update["after"].(map[string]any)["archived"] != true {
		t.Fatalf("before/after %v %v do not show the change", update["before"], update["after"])
	}
	if update["request_id"] == "" {
		t.Fatal("event has no request id")
	}

	// Tenant B's trail holds none of it.
	other := e.do(req{method: "GET", path: "/api/v1/t/" + e.fixture.B.Tenant.Slug + "/audit-log?entity_id=" +
		created["id"].(string), as: e.other()}).json(t)
	if n := len(other["items"].([]any)); n != 0 {
		t.Fatalf("tenant B sees %d of A's events", n)
	}
	e.do(req{method: "GET", path: logPath + "&from=yesterday", as: e.lead()}).problem(t, http.StatusUnprocessableEntity)
}

func TestRuntimeRoleCannotChangeTheTrail(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, e.db.AppURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, stmt := range []string{
		"UPDATE audit_events SET action = 'tampered'",
		"DELETE FROM audit_events",
		"TRUNCATE audit_events",
		"UPDATE platform_audit_events SET action = 'tampered'",
		"DELETE FROM platform_audit_events",
	} {
		t.Run(stmt, func(t *testing.T) {
			tx, err := conn.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx)
			_, err = tx.Exec(ctx, "SELECT set_config('app.tenant_id', $1, true)", e.fixture.A.Tenant.ID.String())
			if err != nil {
				t.Fatal(err)
			}
			_, err = tx.Exec(ctx, stmt)
			var pg *pgconn.PgError
			if !errors.As(err, &pg) || pg.Code != "42501" {
				t.Fatalf("got %v, want permission denied", err)
			}
		})
	}
}
