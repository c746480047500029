package jobs_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/jobs"
	"sendqa/domain/mail"
	"sendqa/domain/mail/mailtest"
	"sendqa/domain/personal"
	"sendqa/domain/response"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

// mailServer starts an SMTP server for the test and a sender that delivers to it.
func mailServer(t *testing.T) (*mailtest.Server, *mail.SMTP) {
	t.Helper()
	server := mailtest.NewServer(t)
	sender, err := mail.NewSMTP(server.URL(), "sendqa <no-reply@sendqa.test>")
	if err != nil {
		t.Fatal(err)
	}
	return server, sender
}

// startRunner works the queue of the database at url until the test ends.
func startRunner(t *testing.T, url string, deps jobs.Deps) *jobs.Runner {
	t.Helper()
	runner, err := jobs.Start(context.Background(), url, deps, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		runner.Stop(stop)
	})
	return runner
}

// jobCompleted is a condition for waitFor: the one job of kind has
// completed at least its attempt-th run. It keeps the job's id in id.
func jobCompleted(owner *sql.DB, kind string, id *int64, attempt int) func() bool {
	return func() bool {
		var state string
		var attempts int
		err := owner.QueryRow(`SELECT id, state, attempt FROM river_job WHERE kind = $1`, kind).
			Scan(id, &state, &attempts)
		return err == nil && state == "completed" && attempts >= attempt
	}
}

// retryJob has River run a finished job again.
func retryJob(t *testing.T, runner *jobs.Runner, id int64) {
	t.Helper()
	if _, err := runner.Client.JobRetry(context.Background(), id); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// A reminder really reaches the mail server, once, even when River runs
// its job again.
func TestANoticeIsMailedOnceEvenWhenItsJobIsRetried(t *testing.T) {
	t.Parallel()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	owner := d.OpenOwner(t).SQL()
	var alloc uuid.UUID
	err := owner.QueryRow(`
		WITH s AS (INSERT INTO subjects (tenant_id, kind, local_id) VALUES ($1, 'ehcna_case', 'EH9') RETURNING id),
			r AS (INSERT INTO rounds (tenant_id, name, instrument_key, instrument_version, subject_kind, term,
					academic_year, opens_on, due_on, sampling_method, state, seed)
				VALUES ($1, 'Spring EHCNA audit', 'ehcna_file_audit', 1, 'ehcna_case', 'spring', 2026,
					'2026-01-05', '2026-03-31', 'random', 'allocated', 1) RETURNING id)
		INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, auditor_id, status)
		SELECT $1, r.id, s.id, 1, $2, 'allocated' FROM r, s RETURNING id`,
		f.A.Tenant.ID, f.A.Member.ID).Scan(&alloc)
	if err != nil {
		t.Fatal(err)
	}

	svc := storetest.Responses(t, personal.DevelopmentKeyring(), nil)
	ctx := context.Background()
	err = db.InScope(ctx, domain.Scope{TenantID: f.A.Tenant.ID}, func(ctx context.Context) error {
		return svc.Jobs.Notify(ctx, []response.Notice{{Kind: response.NoticeDueSoon, AllocationID: alloc}})
	})
	if err != nil {
		t.Fatal(err)
	}

	server, sender := mailServer(t)
	runner := startRunner(t, d.AppURL, jobs.Deps{DB: db, Responses: svc, Mail: sender,
		Outbox: store.Outbox{}, PublicURL: "https://sendqa.test"})

	var jobID int64
	finished := func(attempt int) func() bool { return jobCompleted(owner, "notice", &jobID, attempt) }
	waitFor(t, "the notice job", finished(1))
	msgs := server.Messages()
	if len(msgs) != 1 {
		t.Fatalf("the server got %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	for _, want := range []string{"lead@area-a.example.org", "Subject: Audit due soon: EH9", "text/plain",
		"text/html", "https://sendqa.test/t/area-a/assignments"} {
		if !strings.Contains(m, want) {
			t.Errorf("the message lacks %q:\n%s", want, m)
		}
	}

	retryJob(t, runner, jobID)
	waitFor(t, "the retried job", finished(2))
	if n := len(server.Messages()); n != 1 {
		t.Errorf("after a retry the server holds %d messages, want 1", n)
	}
	var notices int
	if err := owner.QueryRow(`SELECT count(*) FROM notifications WHERE tenant_id = $1 AND kind = 'due_soon'
		AND mailed_at IS NOT NULL`, f.A.Tenant.ID).Scan(&notices); err != nil || notices != 1 {
		t.Errorf("%d notices recorded as mailed (%v), want 1", notices, err)
	}
}
