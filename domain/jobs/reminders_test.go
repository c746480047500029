package jobs_test

import (
	"strings"
	"testing"
	"time"

	"sendqa/domain/jobs"
	"sendqa/domain/personal"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

// On a frozen day after the fixture's actions fell due, the daily job
// reminds each owner once per overdue action, in their own area, by
// notice and by e-mail through the outbox; running again adds nothing,
// and actions still in time or completed get no reminder.
func TestOverdueActionsAreRemindedOnceADay(t *testing.T) {
	t.Parallel()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	owner := d.OpenOwner(t).SQL()
	_, err := owner.Exec(`INSERT INTO actions (tenant_id, plan_id, title, owner_id, due_on, status, rag,
			created_by)
		SELECT $1, id, t.title, $2, t.due::date, t.status, 'green', $2 FROM action_plans,
			(VALUES ('Still in time', '2100-02-01', 'in_progress'),
				('Done late', '2099-11-01', 'completed')) t(title, due, status)
		WHERE tenant_id = $1`, f.A.Tenant.ID, f.A.Member.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, err = owner.Exec(`INSERT INTO notification_preferences (tenant_id, person_id, email) VALUES ($1, $2, false)
		ON CONFLICT (tenant_id, person_id) DO UPDATE SET email = false`, f.B.Tenant.ID, f.B.Member.ID)
	if err != nil {
		t.Fatal(err)
	}

	frozen := func() time.Time { return time.Date(2100, 1, 10, 9, 0, 0, 0, time.UTC) }
	server, sender := mailServer(t)
	enqueuer, err := jobs.NewEnqueuer(store.SQLTx)
	if err != nil {
		t.Fatal(err)
	}
	runner := startRunner(t, d.AppURL, jobs.Deps{DB: db, Mail: sender, Mailbox: store.Outbox{},
		Outbox:    jobs.MailQueue{Mailbox: store.Outbox{}, Jobs: enqueuer},
		Responses: storetest.Responses(t, personal.DevelopmentKeyring(), frozen),
		Actions:   storetest.ActionPlans(frozen), Tenants: store.AllTenants{},
		PublicURL: "https://sendqa.test"})

	var jobID int64
	finished := func(attempt int) func() bool { return jobCompleted(owner, "action_reminders", &jobID, attempt) }
	waitFor(t, "the reminders run when the queue starts", finished(1))
	waitFor(t, "the reminder's e-mail", func() bool { return len(server.Messages()) >= 1 })

	reminders := func() map[string]string {
		rows, err := owner.Query(`SELECT t.slug || ' ' || n.title, coalesce(n.mailed_at::text, 'in app only')
			FROM notifications n JOIN tenants t ON t.id = n.tenant_id
			WHERE n.dedupe_key LIKE 'action_overdue:%' AND n.person_id IN ($1, $2)`,
			f.A.Member.ID, f.B.Member.ID)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		got := map[string]string{}
		for rows.Next() {
			var what, mailed string
			if err := rows.Scan(&what, &mailed); err != nil {
				t.Fatal(err)
			}
			got[what] = mailed
		}
		return got
	}
	got := reminders()
	wantA := f.A.Tenant.Slug + " Action overdue: Write outcomes that are SMART"
	wantB := f.B.Tenant.Slug + " Action overdue: Write outcomes that are SMART"
	if len(got) != 2 || got[wantA] == "" || got[wantA] == "in app only" || got[wantB] != "in app only" {
		t.Fatalf("reminders: got %v, want one mailed in area A and one in the app only in area B", got)
	}

	retryJob(t, runner, jobID)
	waitFor(t, "the reminders run again", finished(2))
	if again := reminders(); len(again) != 2 {
		t.Errorf("after a second run: %v, want the same two reminders", again)
	}
	time.Sleep(500 * time.Millisecond) // time for a second message, were one queued
	msgs := server.Messages()
	if len(msgs) != 1 {
		t.Fatalf("the server got %d messages, want 1", len(msgs))
	}
	for _, want := range []string{"Subject: Action overdue: Write outcomes that are SMART",
		"https://sendqa.test/t/area-a/actions/"} {
		if !strings.Contains(msgs[0], want) {
			t.Errorf("the message lacks %q:\n%s", want, msgs[0])
		}
	}
}
