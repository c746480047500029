package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"time"

	"sendqa/domain/actionplan"
	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/files"
	"sendqa/domain/jobs"
	"sendqa/domain/mail"
	"sendqa/domain/personal"
	"sendqa/domain/response"
	"sendqa/domain/scan"
	"sendqa/domain/schedule"
	"sendqa/domain/store"
)

// newResponses wires completing audits: the evidence bucket, the virus
// scanner, the job queue and its workers, and mail. The returned stop
// lets running jobs finish and closes what was opened.
func newResponses(
	ctx context.Context,
	cfg config,
	log *slog.Logger,
	db *store.DB,
	instruments catalogue.Service,
	keys *personal.Keyring,
	trail audit.Recorder,
) (response.Service, func(), error) {
	bucketURL := cfg.EvidenceURL
	if bucketURL == "" {
		dir, err := filepath.Abs(filepath.Join(".data", "evidence"))
		if err != nil {
			return response.Service{}, nil, err
		}
		bucketURL = "file://" + filepath.ToSlash(dir)
	}
	bucket, err := files.Open(ctx, bucketURL)
	if err != nil {
		return response.Service{}, nil, err
	}
	enqueuer, err := jobs.NewEnqueuer(store.SQLTx)
	if err != nil {
		bucket.Close()
		return response.Service{}, nil, err
	}
	outbox, err := newOutbox(cfg)
	if err != nil {
		bucket.Close()
		return response.Service{}, nil, err
	}
	svc := response.Service{Store: store.Responses{},
		Instruments: &catalogue.Definitions{Versions: instruments},
		Keys:        keys, Trail: trail, Jobs: enqueuer, Blobs: bucket,
		MaxFileSize: int64(cfg.EvidenceMaxMB) << 20, Outbox: outbox, PublicURL: cfg.PublicURL}
	if cfg.ClamdAddr != "" {
		svc.Scanner = scan.Clamd{Address: cfg.ClamdAddr}
	}
	var sender jobs.Sender
	if cfg.SMTPURL != "" {
		if sender, err = mail.NewSMTP(cfg.SMTPURL, cfg.MailFrom); err != nil {
			bucket.Close()
			return response.Service{}, nil, err
		}
	}
	stop := func() { bucket.Close() }
	if cfg.JobWorkers > 0 {
		runner, err := jobs.Start(ctx, cfg.AppDatabaseURL, jobs.Deps{DB: db, Responses: svc,
			Feedback: feedbackRule(instruments, svc, enqueuer, trail),
			Mail:     sender, Outbox: outbox, Mailbox: store.Outbox{},
			Actions: actionplan.Service{Store: store.ActionPlans{}}, Tenants: store.AllTenants{},
			Reviews:   store.APAudits{},
			Schedule:  schedule.Service{Store: store.Schedule{}},
			PublicURL: cfg.PublicURL, Log: log}, cfg.JobWorkers)
		if err != nil {
			bucket.Close()
			return response.Service{}, nil, err
		}
		stop = func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			runner.Stop(stopCtx)
			bucket.Close()
		}
	}
	return svc, stop, nil
}

// newOutbox keeps invitations' and password resets' mail in outbound_mail
// and, when a mail server is configured, enqueues its sending in the same
// transaction. Without one the mail waits there, never logged.
func newOutbox(cfg config) (jobs.MailQueue, error) {
	q := jobs.MailQueue{Mailbox: store.Outbox{}}
	if cfg.SMTPURL == "" {
		return q, nil
	}
	var err error
	q.Jobs, err = jobs.NewEnqueuer(store.SQLTx)
	return q, err
}
