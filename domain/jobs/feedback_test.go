package jobs_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/jobs"
	"sendqa/domain/moderation"
	"sendqa/domain/personal"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

// An inadequate plan left unmoderated past its round's deadline reaches
// the service that contributed, once, even when River runs the job again.
func TestFeedbackReachesAServiceOnceEvenWhenItsJobIsRetried(t *testing.T) {
	t.Parallel()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	owner := d.OpenOwner(t).SQL()
	tenant, lead := f.A.Tenant.ID, f.A.Member.ID
	responseID := mustSubmitPoorResponse(t, owner, tenant, lead)

	svc := storetest.Responses(t, personal.DevelopmentKeyring(), nil)
	svc.Outbox, svc.PublicURL = store.Outbox{}, "https://sendqa.test"
	ctx := context.Background()
	err := db.InScope(ctx, domain.Scope{TenantID: tenant}, func(ctx context.Context) error {
		return svc.Jobs.(*jobs.Enqueuer).FeedbackDue(ctx, []uuid.UUID{responseID})
	})
	if err != nil {
		t.Fatal(err)
	}
	rule := moderation.Service{Store: store.Moderations{}, Rounds: store.Rounds{},
		Instruments: storetest.Catalogue(), Notices: svc,
		Trail: audit.Recorder{Store: store.Trail{}}}
	runner := startRunner(t, d.AppURL, jobs.Deps{DB: db, Responses: svc, Feedback: rule,
		Outbox: store.Outbox{}, PublicURL: "https://sendqa.test"})

	var jobID int64
	finished := func(attempt int) func() bool { return jobCompleted(owner, "feedback", &jobID, attempt) }
	told := func() (feedback, notices, mails int) {
		t.Helper()
		err := owner.QueryRow(`SELECT (SELECT count(*) FROM feedback WHERE response_id = $1),
				(SELECT count(*) FROM notifications WHERE kind = 'feedback' AND person_id = $2),
				(SELECT count(*) FROM outbound_mail WHERE subject LIKE 'Feedback for %')`,
			responseID, lead).Scan(&feedback, &notices, &mails)
		if err != nil {
			t.Fatal(err)
		}
		return feedback, notices, mails
	}
	waitFor(t, "the feedback job", finished(1))
	if fb, n, m := told(); fb != 1 || n != 1 || m != 1 {
		t.Fatalf("after the job: %d feedback, %d notices and %d e-mails, want 1 of each", fb, n, m)
	}
	var text string
	if err := owner.QueryRow(`SELECT text_body FROM outbound_mail
		WHERE subject LIKE 'Feedback for %'`).Scan(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "https://sendqa.test/t/area-a/feedback/") {
		t.Errorf("the e-mail does not link to the feedback in the area:\n%s", text)
	}
	var findings string
	if err := owner.QueryRow(`SELECT findings::text FROM feedback WHERE response_id = $1`,
		responseID).Scan(&findings); err != nil || findings == "[]" {
		t.Errorf("the feedback carries no findings: %q (%v)", findings, err)
	}

	retryJob(t, runner, jobID)
	waitFor(t, "the retried job", finished(2))
	if fb, n, m := told(); fb != 1 || n != 1 || m != 1 {
		t.Errorf("after a retry: %d feedback, %d notices and %d e-mails, want 1 of each", fb, n, m)
	}
}

// mustSubmitPoorResponse gives the area a plan, audited as inadequate in a
// round whose deadline has passed, unmoderated, to which Educational
// Psychology contributed; that service has a local plan that lead leads.
func mustSubmitPoorResponse(t *testing.T, owner *sql.DB, tenant, lead uuid.UUID) uuid.UUID {
	t.Helper()
	var responseID uuid.UUID
	err := owner.QueryRow(`
		WITH s AS (INSERT INTO subjects (tenant_id, kind, local_id, services)
				VALUES ($1, 'ehc_plan', 'EHCP9', '{Educational Psychology}') RETURNING id),
			r AS (INSERT INTO rounds (tenant_id, name, instrument_key, instrument_version, subject_kind, term,
					academic_year, opens_on, due_on, sampling_method, state, seed)
				VALUES ($1, 'Autumn plans', 'ehcp_quality_audit', 1, 'ehc_plan', 'autumn', 2026,
					'2026-09-01', '2026-10-01', 'random', 'allocated', 1) RETURNING id),
			a AS (INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, auditor_id, status)
				SELECT $1, r.id, s.id, 1, $2, 'submitted' FROM r, s RETURNING id, round_id),
			o AS (INSERT INTO organisations (tenant_id, kind, name)
				VALUES ($1, 'service', 'Educational Psychology') RETURNING id),
			p AS (INSERT INTO action_plans (tenant_id, kind, title, organisation_id, lead_id)
				SELECT $1, 'local', 'EP plan', o.id, $2 FROM o)
		INSERT INTO responses (tenant_id, allocation_id, round_id, auditor_id, instrument_key,
			instrument_version, state, answers, result, as_of, submitted_at)
		SELECT $1, a.id, a.round_id, $2, 'ehcp_quality_audit', 1, 'submitted', '{}',
			'{"rule_version": "1", "overall": {"scored": true, "value": 1, "label": "inadequate"},
				"sections": [{"id": "section_e", "applies": true,
					"outcome": {"scored": true, "value": 1, "label": "inadequate"}}]}',
			'2026-09-20', now()
		FROM a RETURNING id`, tenant, lead).Scan(&responseID)
	if err != nil {
		t.Fatal(err)
	}
	return responseID
}

// A poor result left unmoderated past its round's deadline reaches its
// service through the daily sweep, with nobody releasing the round, and
// the sweep running again queues and sends nothing more.
func TestTheDailySweepSendsAnUnreleasedPoorResultOnce(t *testing.T) {
	t.Parallel()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	owner := d.OpenOwner(t).SQL()
	tenant, lead := f.A.Tenant.ID, f.A.Member.ID
	responseID := mustSubmitPoorResponse(t, owner, tenant, lead)

	svc := storetest.Responses(t, personal.DevelopmentKeyring(), nil)
	rule := moderation.Service{Store: store.Moderations{}, Rounds: store.Rounds{},
		Instruments: storetest.Catalogue(), Notices: svc, Jobs: svc.Jobs.(*jobs.Enqueuer),
		Trail: audit.Recorder{Store: store.Trail{}}}
	runner := startRunner(t, d.AppURL, jobs.Deps{DB: db, Responses: svc, Feedback: rule,
		Tenants: store.AllTenants{}, Outbox: store.Outbox{}})

	count := func(query string) int {
		t.Helper()
		var n int
		if err := owner.QueryRow(query, responseID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	feedbackJobs := `SELECT count(*) FROM river_job
		WHERE kind = 'feedback' AND args->>'response_id' = $1::text`
	sent := `SELECT count(*) FROM feedback WHERE response_id = $1`
	var sweepID int64
	waitFor(t, "the sweep", jobCompleted(owner, "feedback_sweep", &sweepID, 1))
	waitFor(t, "the feedback", func() bool { return count(sent) == 1 })
	if n := count(`SELECT count(*) FROM feedback_rulings WHERE response_id = $1 AND poor`); n != 1 {
		t.Errorf("got %d rulings on the response, want 1 that it was poor", n)
	}

	retryJob(t, runner, sweepID)
	waitFor(t, "the sweep again", jobCompleted(owner, "feedback_sweep", &sweepID, 2))
	time.Sleep(300 * time.Millisecond) // time for a second feedback job, were one queued
	if n := count(feedbackJobs); n != 1 {
		t.Errorf("the response was queued %d times, want once", n)
	}
	if n := count(sent); n != 1 {
		t.Errorf("after a second sweep: %d feedback, want 1", n)
	}
}
