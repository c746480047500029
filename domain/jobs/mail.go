package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"sendqa/domain"
	"sendqa/domain/mail"
)

// MailArgs asks for one message in the outbox to be sent.
type MailArgs struct {
	MailID uuid.UUID `json:"mail_id"`
}

// Kind names the job for River.
func (MailArgs) Kind() string { return "outbound_mail" }

// Mailbox keeps outgoing mail and records what has been sent.
type Mailbox interface {
	// Keep stores a message in the caller's transaction.
	Keep(ctx context.Context, m mail.Message) (uuid.UUID, error)
	// LockUnsent returns a message not yet sent, held until the
	// transaction ends; unsent is false once it has gone.
	LockUnsent(ctx context.Context, id uuid.UUID) (m mail.Message, unsent bool, err error)
	MarkSent(ctx context.Context, id uuid.UUID) error
}

// MailQueue is the outbox of invitations and password resets: each
// message is kept in the mailbox and, when a mail server is configured,
// a job to send it is enqueued in the same transaction, so a message goes
// exactly when the change that wrote it is kept. Without a mail server
// the messages wait in the mailbox.
type MailQueue struct {
	Mailbox Mailbox
	// Jobs enqueues the sending; nil leaves every message waiting.
	Jobs *Enqueuer
}

var _ mail.Outbox = MailQueue{}

// Queue keeps a message and enqueues its sending.
func (q MailQueue) Queue(ctx context.Context, m mail.Message) error {
	id, err := q.Mailbox.Keep(ctx, m)
	if err != nil || q.Jobs == nil {
		return err
	}
	tx, err := q.Jobs.Tx(ctx)
	if err != nil {
		return err
	}
	_, err = q.Jobs.client.InsertTx(ctx, tx, MailArgs{MailID: id}, &river.InsertOpts{MaxAttempts: 25})
	return err
}

type mailWorker struct {
	river.WorkerDefaults[MailArgs]
	d Deps
}

// Work sends a message from the outbox and marks it sent, holding its row
// meanwhile. A retry of a message already marked sends nothing, so each
// goes once; only a failure between the server taking a message and the
// mark being committed can send it again.
func (w *mailWorker) Work(ctx context.Context, job *river.Job[MailArgs]) error {
	if w.d.Mail == nil || w.d.Mailbox == nil {
		return river.JobCancel(errors.New("no mail server is configured; the message waits in outbound_mail"))
	}
	id := job.Args.MailID
	return w.d.DB.InScope(ctx, domain.Scope{}, func(ctx context.Context) error {
		m, unsent, err := w.d.Mailbox.LockUnsent(ctx, id)
		if err != nil || !unsent {
			return err
		}
		if err := w.d.Mail.Send(ctx, m); err != nil {
			// The job's errors are kept and logged: leave the address out.
			return fmt.Errorf("send mail %s: %s", id, strings.ReplaceAll(err.Error(), m.To, "the recipient"))
		}
		return w.d.Mailbox.MarkSent(ctx, id)
	})
}
