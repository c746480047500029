// Package jobs runs sendqa's background work on River, a job queue kept in
// PostgreSQL so that any number of replicas share it: notices (allocated,
// due soon, overdue, reopened) with their e-mail, and scans of evidence
// files that waited for the virus scanner. Jobs are enqueued in the
// transaction of the change that causes them, carry ids only, never
// personal data, and their workers set the tenant from those ids.
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"sendqa/domain"
	"sendqa/domain/mail"
	"sendqa/domain/response"
)

// NoticeArgs is a notice job: which tenant, which allocation, what kind.
type NoticeArgs struct {
	TenantID     uuid.UUID `json:"tenant_id"`
	AllocationID uuid.UUID `json:"allocation_id"`
	Notice       string    `json:"notice"`
	Serial       int       `json:"serial"`
}

// Kind names the job for River.
func (NoticeArgs) Kind() string { return "notice" }

// ScanArgs asks for an evidence file to be scanned again.
type ScanArgs struct {
	TenantID   uuid.UUID `json:"tenant_id"`
	EvidenceID uuid.UUID `json:"evidence_id"`
}

// Kind names the job for River.
func (ScanArgs) Kind() string { return "evidence_scan" }

// Enqueuer inserts jobs in the caller's transaction. It never works jobs.
type Enqueuer struct {
	client *river.Client[*sql.Tx]
	// Tx returns the database/sql transaction carried by ctx.
	Tx func(ctx context.Context) (*sql.Tx, error)
}

var _ response.Jobs = (*Enqueuer)(nil)

// NewEnqueuer builds an insert-only client.
func NewEnqueuer(tx func(ctx context.Context) (*sql.Tx, error)) (*Enqueuer, error) {
	c, err := river.NewClient(riverdatabasesql.New(nil), &river.Config{})
	if err != nil {
		return nil, err
	}
	return &Enqueuer{client: c, Tx: tx}, nil
}

// Notify enqueues notices about the current tenant's allocations.
func (e *Enqueuer) Notify(ctx context.Context, notices []response.Notice) error {
	tx, err := e.Tx(ctx)
	if err != nil {
		return err
	}
	tenant := domain.ScopeFrom(ctx).TenantID
	params := make([]river.InsertManyParams, len(notices))
	for i, n := range notices {
		opts := &river.InsertOpts{MaxAttempts: 10}
		if !n.RunAt.IsZero() {
			opts.ScheduledAt = n.RunAt
		}
		params[i] = river.InsertManyParams{Args: NoticeArgs{TenantID: tenant, AllocationID: n.AllocationID,
			Notice: string(n.Kind), Serial: n.Serial}, InsertOpts: opts}
	}
	if len(params) == 0 {
		return nil
	}
	_, err = e.client.InsertManyTx(ctx, tx, params)
	return err
}

// Rescan enqueues a scan of a file that waited for the scanner.
func (e *Enqueuer) Rescan(ctx context.Context, evidenceID uuid.UUID) error {
	tx, err := e.Tx(ctx)
	if err != nil {
		return err
	}
	_, err = e.client.InsertTx(ctx, tx, ScanArgs{TenantID: domain.ScopeFrom(ctx).TenantID, EvidenceID: evidenceID},
		&river.InsertOpts{MaxAttempts: 25, ScheduledAt: time.Now().Add(time.Minute)})
	return err
}

// Scoper runs fn in a transaction scoped to a tenant.
type Scoper interface {
	InScope(ctx context.Context, s domain.Scope, fn func(ctx context.Context) error) error
}

// Sender delivers an e-mail now.
type Sender interface {
	Send(ctx context.Context, m mail.Message) error
}

// Deps are what the workers need.
type Deps struct {
	DB        Scoper
	Responses response.Service
	// Feedback runs the feedback rule after a poor result.
	Feedback FeedbackRule
	// Mail sends notices' e-mail and the mailbox's messages; nil keeps
	// them in the outbox table.
	Mail   Sender
	Outbox mail.Outbox
	// Mailbox holds the messages that MailQueue enqueued jobs for.
	Mailbox Mailbox
	// Actions and Tenants, when both set, turn on the daily reminders of
	// overdue actions; Feedback and Tenants, the daily sweep that sends
	// results left unmoderated past their deadline to their services.
	Actions OverdueActions
	Tenants Tenants
	// Reviews, with Tenants, turns on the daily reminders of AP review
	// dates; Now is their clock, the system's when nil.
	Reviews ReviewsDue
	Now     func() time.Time
	// Schedule, with Tenants, turns on the daily reminders of the QA
	// schedule.
	Schedule  ScheduleReminders
	PublicURL string
	Log       *slog.Logger
}

// Runner works the queue with its own pgx pool.
type Runner struct {
	Client *river.Client[pgx.Tx]
	pool   *pgxpool.Pool
}

// Start connects a pool of its own to url (the runtime role) and starts
// working jobs until Stop.
func Start(ctx context.Context, url string, d Deps, workers int) (*Runner, error) {
	// The notices workers tell go out through the workers' own outbox
	// and links, unless the response service brings its own.
	if d.Responses.PublicURL == "" {
		d.Responses.PublicURL = d.PublicURL
	}
	if d.Responses.Outbox == nil {
		d.Responses.Outbox = d.Outbox
	}
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("connect job queue: %w", err)
	}
	w := river.NewWorkers()
	river.AddWorker(w, &noticeWorker{d: d})
	river.AddWorker(w, &scanWorker{d: d})
	river.AddWorker(w, &mailWorker{d: d})
	river.AddWorker(w, &feedbackWorker{d: d})
	var periodic []*river.PeriodicJob
	if d.Actions != nil && d.Tenants != nil {
		river.AddWorker(w, &actionRemindersWorker{d: d})
		periodic = append(periodic, actionReminders())
	}
	if d.Schedule != nil && d.Tenants != nil {
		river.AddWorker(w, &scheduleRemindersWorker{d: d})
		periodic = append(periodic, scheduleReminders())
	}
	if d.Feedback != nil && d.Tenants != nil {
		river.AddWorker(w, &feedbackSweepWorker{d: d})
		periodic = append(periodic, feedbackSweep())
	}
	if d.Reviews != nil && d.Tenants != nil {
		river.AddWorker(w, &reviewRemindersWorker{d: d})
		periodic = append(periodic, reviewReminders())
	}
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues:  map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: workers}},
		Workers: w, Logger: d.Log, FetchPollInterval: 200 * time.Millisecond, PeriodicJobs: periodic,
	})
	if err != nil {
		pool.Close()
		return nil, err
	}
	if err := client.Start(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return &Runner{Client: client, pool: pool}, nil
}

// Stop lets running jobs finish, within ctx, and closes the pool.
func (r *Runner) Stop(ctx context.Context) {
	_ = r.Client.Stop(ctx)
	r.pool.Close()
}

type noticeWorker struct {
	river.WorkerDefaults[NoticeArgs]
	d Deps
}

// Work records the notice in the job's tenant, then sends its e-mail and
// records that it went. A retry after the e-mail went finds it recorded
// and sends nothing, so a person gets each notice once.
func (w *noticeWorker) Work(ctx context.Context, job *river.Job[NoticeArgs]) error {
	scope := domain.Scope{TenantID: job.Args.TenantID}
	n := response.Notice{Kind: response.NoticeKind(job.Args.Notice), AllocationID: job.Args.AllocationID,
		Serial: job.Args.Serial}
	var out *response.Outgoing
	err := w.d.DB.InScope(ctx, scope, func(ctx context.Context) (err error) {
		out, err = w.d.Responses.PrepareNotice(ctx, n)
		if err != nil || out == nil || out.Mail == nil || w.d.Mail != nil {
			return err
		}
		// Without a mail server the message waits in the outbox, queued
		// in this transaction with the notice.
		if err := w.d.Outbox.Queue(ctx, *out.Mail); err != nil {
			return err
		}
		out.Mail = nil
		return w.d.Responses.MarkMailed(ctx, out.Notification.ID)
	})
	if err != nil || out == nil || out.Mail == nil {
		return err
	}
	if err := w.d.Mail.Send(ctx, *out.Mail); err != nil {
		return fmt.Errorf("send notice: %w", err)
	}
	return w.d.DB.InScope(ctx, scope, func(ctx context.Context) error {
		return w.d.Responses.MarkMailed(ctx, out.Notification.ID)
	})
}

type scanWorker struct {
	river.WorkerDefaults[ScanArgs]
	d Deps
}

// Work scans the file again; while the scanner is down it fails, and
// River tries again later with a growing delay.
func (w *scanWorker) Work(ctx context.Context, job *river.Job[ScanArgs]) error {
	return w.d.DB.InScope(ctx, domain.Scope{TenantID: job.Args.TenantID}, func(ctx context.Context) error {
		return w.d.Responses.Rescan(ctx, job.Args.EvidenceID)
	})
}
