package jobs_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"sendqa/domain"
	"sendqa/domain/jobs"
	"sendqa/domain/mail"
	"sendqa/domain/personal"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

var invitation = mail.Message{To: "new.auditor@area-a.example.org", Subject: "You are invited to sendqa",
	Text: "Accept at https://sendqa.test/invitations/accept", HTML: "<p>Accept your invitation.</p>"}

// queueIn queues a message in a transaction of area A's, which commits
// unless fail is set.
func queueIn(t *testing.T, db *store.DB, scope domain.Scope, q jobs.MailQueue, fail bool) {
	t.Helper()
	errRolledBack := errors.New("the change failed")
	err := db.InScope(context.Background(), scope, func(ctx context.Context) error {
		if err := q.Queue(ctx, invitation); err != nil {
			return err
		}
		if fail {
			return errRolledBack
		}
		return nil
	})
	if err != nil && !(fail && errors.Is(err, errRolledBack)) {
		t.Fatal(err)
	}
}

func countRows(t *testing.T, owner *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := owner.QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// With a mail server, queued mail goes out through a job enqueued with
// it, once even when the job runs again, and is marked sent; mail of a
// change that rolled back neither stays nor goes.
func TestQueuedMailIsSentOnceThroughAJob(t *testing.T) {
	t.Parallel()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	owner := d.OpenOwner(t).SQL()
	before := countRows(t, owner, `SELECT count(*) FROM outbound_mail`)
	enqueuer, err := jobs.NewEnqueuer(store.SQLTx)
	if err != nil {
		t.Fatal(err)
	}
	q := jobs.MailQueue{Mailbox: store.Outbox{}, Jobs: enqueuer}
	queueIn(t, db, f.A.Scope(), q, true)
	queueIn(t, db, f.A.Scope(), q, false)
	if n := countRows(t, owner, `SELECT count(*) FROM outbound_mail`); n != before+1 {
		t.Fatalf("%d messages kept, want %d: the rolled-back one must go with its change", n, before+1)
	}
	if n := countRows(t, owner, `SELECT count(*) FROM river_job WHERE kind = 'outbound_mail'`); n != 1 {
		t.Fatalf("%d mail jobs enqueued, want 1", n)
	}

	server, sender := mailServer(t)
	runner := startRunner(t, d.AppURL, jobs.Deps{DB: db, Mail: sender, Mailbox: store.Outbox{},
		Responses: storetest.Responses(t, personal.DevelopmentKeyring(), nil)})

	var jobID int64
	finished := func(attempt int) func() bool { return jobCompleted(owner, "outbound_mail", &jobID, attempt) }
	waitFor(t, "the mail job", finished(1))
	msgs := server.Messages()
	if len(msgs) != 1 {
		t.Fatalf("the server got %d messages, want 1", len(msgs))
	}
	for _, want := range []string{invitation.To, "Subject: " + invitation.Subject, "text/plain", "text/html"} {
		if !strings.Contains(msgs[0], want) {
			t.Errorf("the message lacks %q:\n%s", want, msgs[0])
		}
	}
	if n := countRows(t, owner, `SELECT count(*) FROM outbound_mail
		WHERE recipient = 'new.auditor@area-a.example.org' AND sent_at IS NOT NULL`); n != 1 {
		t.Errorf("%d messages marked sent, want 1", n)
	}

	retryJob(t, runner, jobID)
	waitFor(t, "the retried job", finished(2))
	if n := len(server.Messages()); n != 1 {
		t.Errorf("after a retry the server holds %d messages, want 1", n)
	}
}

// Without a mail server, mail waits in the table and no job is enqueued.
func TestQueuedMailWaitsInTheTableWithoutAMailServer(t *testing.T) {
	t.Parallel()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	owner := d.OpenOwner(t).SQL()
	queueIn(t, db, f.A.Scope(), jobs.MailQueue{Mailbox: store.Outbox{}}, false)
	if n := countRows(t, owner, `SELECT count(*) FROM outbound_mail
		WHERE recipient = 'new.auditor@area-a.example.org' AND sent_at IS NULL`); n != 1 {
		t.Errorf("%d messages waiting, want 1", n)
	}
	if n := countRows(t, owner, `SELECT count(*) FROM river_job`); n != 0 {
		t.Errorf("%d jobs enqueued, want none", n)
	}
}
