package jobs

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"sendqa/domain"
	"sendqa/domain/moderation"
)

// FeedbackArgs asks for the feedback rule to run on one response.
type FeedbackArgs struct {
	TenantID   uuid.UUID `json:"tenant_id"`
	ResponseID uuid.UUID `json:"response_id"`
}

// Kind names the job for River.
func (FeedbackArgs) Kind() string { return "feedback" }

var _ moderation.Jobs = (*Enqueuer)(nil)

// FeedbackDue enqueues the feedback rule for responses of the current
// tenant. River keeps one job per response while one waits or runs, but
// not once it is done: a rule that found a result still unsettled must be
// able to run again after the deadline. The feedback table's unique key
// makes any later run send nothing twice.
func (e *Enqueuer) FeedbackDue(ctx context.Context, responseIDs []uuid.UUID) error {
	tx, err := e.Tx(ctx)
	if err != nil {
		return err
	}
	tenant := domain.ScopeFrom(ctx).TenantID
	for _, id := range responseIDs {
		_, err := e.client.InsertTx(ctx, tx, FeedbackArgs{TenantID: tenant, ResponseID: id},
			&river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: waiting}})
		if err != nil {
			return err
		}
	}
	return nil
}

// waiting are the states in which a feedback job is not queued again.
var waiting = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
	rivertype.JobStateRetryable, rivertype.JobStateRunning, rivertype.JobStateScheduled}

// FeedbackRule runs the feedback rule for one response in its tenant,
// and queues it for every response of a tenant whose result has settled.
type FeedbackRule interface {
	PrepareFeedback(ctx context.Context, responseID uuid.UUID) (int, error)
	SweepFeedback(ctx context.Context) (int, error)
}

// FeedbackSweepArgs asks for the day's sweep of settled results.
type FeedbackSweepArgs struct{}

// Kind names the job for River.
func (FeedbackSweepArgs) Kind() string { return "feedback_sweep" }

// feedbackSweep runs the sweep once a day on River's leader, and once when
// the queue starts, so that a result left unmoderated past its deadline
// reaches its services without anyone releasing the round.
func feedbackSweep() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
		func() (river.JobArgs, *river.InsertOpts) {
			return FeedbackSweepArgs{}, &river.InsertOpts{MaxAttempts: 5,
				UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
		}, &river.PeriodicJobOpts{RunOnStart: true})
}

type feedbackSweepWorker struct {
	river.WorkerDefaults[FeedbackSweepArgs]
	d Deps
}

// Work queues the rule in each tenant's own transaction. A response the
// rule has ruled on is never queued again, and one queued but not yet
// run is not queued twice.
func (w *feedbackSweepWorker) Work(ctx context.Context, _ *river.Job[FeedbackSweepArgs]) error {
	return eachTenant(ctx, w.d, func(ctx context.Context) error {
		_, err := w.d.Feedback.SweepFeedback(ctx)
		return err
	})
}

type feedbackWorker struct {
	river.WorkerDefaults[FeedbackArgs]
	d Deps
}

// Work runs the rule in the job's tenant; feedback and notices are kept
// at most once per response and service, so a retry sends nothing twice.
func (w *feedbackWorker) Work(ctx context.Context, job *river.Job[FeedbackArgs]) error {
	return w.d.DB.InScope(ctx, domain.Scope{TenantID: job.Args.TenantID}, func(ctx context.Context) error {
		_, err := w.d.Feedback.PrepareFeedback(ctx, job.Args.ResponseID)
		return err
	})
}
