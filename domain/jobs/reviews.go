package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"sendqa/domain"
	"sendqa/domain/apaudit"
	"sendqa/domain/response"
)

// ReviewRemindersArgs asks for the day's reminders of AP review dates.
type ReviewRemindersArgs struct{}

// Kind names the job for River.
func (ReviewRemindersArgs) Kind() string { return "ap_review_reminders" }

// ReviewsDue lists the current tenant's providers whose review date is
// near.
type ReviewsDue interface {
	ReviewsDue(ctx context.Context, until time.Time) ([]apaudit.ReviewDue, error)
}

// reviewReminders runs once a day on River's leader, and when the queue
// starts.
func reviewReminders() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
		func() (river.JobArgs, *river.InsertOpts) {
			return ReviewRemindersArgs{}, &river.InsertOpts{MaxAttempts: 5,
				UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
		}, &river.PeriodicJobOpts{RunOnStart: true})
}

type reviewRemindersWorker struct {
	river.WorkerDefaults[ReviewRemindersArgs]
	d Deps
}

// Work reminds, in each tenant's own transaction, the officer who decided
// and the provider's people of a review date within apaudit.ReviewLead:
// an in-app notice once per audit, person and review date, and e-mail
// through the outbox for those who want it.
func (w *reviewRemindersWorker) Work(ctx context.Context, _ *river.Job[ReviewRemindersArgs]) error {
	var tenants []uuid.UUID
	err := w.d.DB.InScope(ctx, domain.Scope{}, func(ctx context.Context) (err error) {
		tenants, err = w.d.Tenants.ListTenantIDs(ctx)
		return err
	})
	if err != nil {
		return err
	}
	for _, t := range tenants {
		if err := w.d.DB.InScope(ctx, domain.Scope{TenantID: t}, w.remindTenant); err != nil {
			return fmt.Errorf("remind tenant %s of reviews: %w", t, err)
		}
	}
	return nil
}

func (w *reviewRemindersWorker) remindTenant(ctx context.Context) error {
	now := time.Now
	if w.d.Now != nil {
		now = w.d.Now
	}
	due, err := w.d.Reviews.ReviewsDue(ctx, now().UTC().Add(apaudit.ReviewLead))
	if err != nil {
		return err
	}
	for _, r := range due {
		for _, person := range r.People {
			if err := w.d.Responses.Tell(ctx, reviewReminder(r, person)); err != nil {
				return err
			}
		}
	}
	return nil
}

// reviewReminder names the provider and its review date, nothing more.
func reviewReminder(r apaudit.ReviewDue, person uuid.UUID) response.Reminder {
	on := r.ReviewOn.Format("2 January 2006")
	return response.Reminder{PersonID: person, Kind: "ap_review_due",
		Title: "Review due: " + r.ProviderName,
		Body: fmt.Sprintf("The quality standards review of %s is due on %s. "+
			"Open a new audit, or rely on a result another council of the region shares.", r.ProviderName, on),
		Link:      "/provider-audits/" + r.AuditID.String(),
		DedupeKey: fmt.Sprintf("ap_review:%s:%s:%s", r.AuditID, person, r.ReviewOn.Format(time.DateOnly))}
}
