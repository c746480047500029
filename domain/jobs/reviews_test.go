package jobs_test

import (
	"testing"
	"time"

	"sendqa/domain/jobs"
	"sendqa/domain/personal"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

// A month before a provider's review date, the daily job reminds the
// officer who decided, in their own area, once per audit and review date;
// running again adds nothing, and a review still far off gets nothing.
func TestReviewDatesAreRemindedOnce(t *testing.T) {
	t.Parallel()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	owner := d.OpenOwner(t).SQL()
	// The fixture's audits are reviewed a year from today; area B's is
	// moved two years on, out of the reminder's reach.
	_, err := owner.Exec(`UPDATE provider_audits SET review_on = current_date + 730 WHERE tenant_id = $1`,
		f.B.Tenant.ID)
	if err != nil {
		t.Fatal(err)
	}

	soon := func() time.Time { return time.Now().UTC().AddDate(0, 11, 10) }
	server, sender := mailServer(t)
	enqueuer, err := jobs.NewEnqueuer(store.SQLTx)
	if err != nil {
		t.Fatal(err)
	}
	runner := startRunner(t, d.AppURL, jobs.Deps{DB: db, Mail: sender, Mailbox: store.Outbox{},
		Outbox:    jobs.MailQueue{Mailbox: store.Outbox{}, Jobs: enqueuer},
		Responses: storetest.Responses(t, personal.DevelopmentKeyring(), soon),
		Reviews:   store.APAudits{}, Tenants: store.AllTenants{}, Now: soon,
		PublicURL: "https://sendqa.test"})

	var jobID int64
	finished := func(attempt int) func() bool {
		return jobCompleted(owner, "ap_review_reminders", &jobID, attempt)
	}
	waitFor(t, "the review reminders run when the queue starts", finished(1))
	count := func() (a, b int) {
		err := owner.QueryRow(`SELECT count(*) FILTER (WHERE tenant_id = $1), count(*) FILTER (WHERE tenant_id = $2)
			FROM notifications WHERE dedupe_key LIKE 'ap_review:%' AND title = 'Review due: Fixture Pathways'`,
			f.A.Tenant.ID, f.B.Tenant.ID).Scan(&a, &b)
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	}
	if a, b := count(); a != 1 || b != 0 {
		t.Fatalf("reminders: got %d in area A and %d in area B, want 1 and 0", a, b)
	}
	waitFor(t, "the reminder's e-mail", func() bool { return len(server.Messages()) >= 1 })

	retryJob(t, runner, jobID)
	waitFor(t, "the review reminders run again", finished(2))
	if a, b := count(); a != 1 || b != 0 {
		t.Errorf("after a second run: %d and %d reminders, want the same one", a, b)
	}
}
