package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"sendqa/domain"
	"sendqa/domain/actionplan"
	"sendqa/domain/response"
)

// ActionRemindersArgs asks for the day's reminders of overdue actions.
type ActionRemindersArgs struct{}

// Kind names the job for River.
func (ActionRemindersArgs) Kind() string { return "action_reminders" }

// OverdueActions lists the current tenant's open actions past their due
// date.
type OverdueActions interface {
	OverdueActions(ctx context.Context) ([]actionplan.Action, error)
}

// Tenants lists every tenant.
type Tenants interface {
	ListTenantIDs(ctx context.Context) ([]uuid.UUID, error)
}

// actionReminders runs the reminders once a day, on one replica (River's
// leader), and once when the queue starts, so that a restart at the wrong
// moment never skips a day.
func actionReminders() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
		func() (river.JobArgs, *river.InsertOpts) {
			return ActionRemindersArgs{}, &river.InsertOpts{MaxAttempts: 5,
				UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
		}, &river.PeriodicJobOpts{RunOnStart: true})
}

type actionRemindersWorker struct {
	river.WorkerDefaults[ActionRemindersArgs]
	d Deps
}

// Work reminds the owner of each overdue action, in each tenant's own
// transaction: an in-app notice once per action and due date and, if
// they want e-mail, a message put in the outbox with it. Running again
// on the same day, or the next, adds nothing for an action already
// reminded of; a new due date or owner makes it due a new reminder.
func (w *actionRemindersWorker) Work(ctx context.Context, _ *river.Job[ActionRemindersArgs]) error {
	return eachTenant(ctx, w.d, w.remindTenant)
}

// eachTenant runs fn once for every tenant, each in its own transaction
// scoped to that tenant.
func eachTenant(ctx context.Context, d Deps, fn func(ctx context.Context) error) error {
	var tenants []uuid.UUID
	err := d.DB.InScope(ctx, domain.Scope{}, func(ctx context.Context) (err error) {
		tenants, err = d.Tenants.ListTenantIDs(ctx)
		return err
	})
	if err != nil {
		return err
	}
	for _, t := range tenants {
		if err := d.DB.InScope(ctx, domain.Scope{TenantID: t}, fn); err != nil {
			return fmt.Errorf("tenant %s: %w", t, err)
		}
	}
	return nil
}

func (w *actionRemindersWorker) remindTenant(ctx context.Context) error {
	actions, err := w.d.Actions.OverdueActions(ctx)
	if err != nil {
		return err
	}
	for _, a := range actions {
		if a.OwnerID == uuid.Nil {
			continue
		}
		if err := w.d.Responses.Tell(ctx, actionReminder(a)); err != nil {
			return err
		}
	}
	return nil
}

// actionReminder says which action is late without naming anyone else.
func actionReminder(a actionplan.Action) response.Reminder {
	due := a.DueOn.Format("2 January 2006")
	return response.Reminder{PersonID: a.OwnerID, Kind: response.NoticeOverdue,
		Title: "Action overdue: " + a.Title,
		Body: fmt.Sprintf("The action %q in %s was due on %s and is still open. "+
			"Write its progress, or agree a new due date with the plan's lead.", a.Title, a.Plan.Title, due),
		Link:      "/actions/" + a.ID.String(),
		DedupeKey: fmt.Sprintf("action_overdue:%s:%s:%s", a.ID, a.OwnerID, a.DueOn.Format(time.DateOnly))}
}

// ScheduleRemindersArgs asks for the day's reminders of the QA schedule.
type ScheduleRemindersArgs struct{}

// Kind names the job for River.
func (ScheduleRemindersArgs) Kind() string { return "schedule_reminders" }

// ScheduleReminders lists the current tenant's schedule reminders due.
type ScheduleReminders interface {
	Reminders(ctx context.Context) ([]response.Reminder, error)
}

// scheduleReminders runs once a day on River's leader, and when the
// queue starts.
func scheduleReminders() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
		func() (river.JobArgs, *river.InsertOpts) {
			return ScheduleRemindersArgs{}, &river.InsertOpts{MaxAttempts: 5,
				UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
		}, &river.PeriodicJobOpts{RunOnStart: true})
}

type scheduleRemindersWorker struct {
	river.WorkerDefaults[ScheduleRemindersArgs]
	d Deps
}

// Work tells each activity's owner of its occurrences overdue or due
// soon, in the app and by e-mail if they want it, once per occurrence.
func (w *scheduleRemindersWorker) Work(ctx context.Context, _ *river.Job[ScheduleRemindersArgs]) error {
	return eachTenant(ctx, w.d, func(ctx context.Context) error {
		list, err := w.d.Schedule.Reminders(ctx)
		if err != nil {
			return err
		}
		for _, r := range list {
			if err := w.d.Responses.Tell(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
}
