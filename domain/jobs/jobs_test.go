package jobs_test

import (
	"bufio"
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/jobs"
	"sendqa/domain/mail"
	"sendqa/domain/personal"
	"sendqa/domain/response"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

// smtpServer is a minimal SMTP server that keeps every message it is
// given. mailpit and maildev are not installed here, so the test speaks
// the protocol itself; go-mail on the other end is the real client.
type smtpServer struct {
	addr string
	mu   sync.Mutex
	msgs []string
}

func newSMTPServer(t *testing.T) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	s := &smtpServer{addr: ln.Addr().String()}
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(conn)
		}
	}()
	return s
}

func (s *smtpServer) serve(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	say := func(line string) { _, _ = conn.Write([]byte(line + "\r\n")) }
	say("220 test ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.Fields(line + " x")[0])
		switch verb {
		case "EHLO", "HELO":
			say("250-test")
			say("250 8BITMIME")
		case "DATA":
			say("354 go ahead")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			s.mu.Lock()
			s.msgs = append(s.msgs, b.String())
			s.mu.Unlock()
			say("250 kept")
		case "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func (s *smtpServer) messages() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.msgs...)
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// A reminder really reaches the mail server, once, even when River runs
// its job again.
func TestANoticeIsMailedOnceEvenWhenItsJobIsRetried(t *testing.T) {
	t.Parallel()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	owner := d.OpenOwner(t).SQL()
	var alloc uuid.UUID
	err := owner.QueryRow(`
		WITH s AS (INSERT INTO subjects (tenant_id, kind, local_id) VALUES ($1, 'ehcna_case', 'EH9') RETURNING id),
			r AS (INSERT INTO rounds (tenant_id, name, instrument_key, instrument_version, subject_kind, term,
					academic_year, opens_on, due_on, sampling_method, state, seed)
				VALUES ($1, 'Spring EHCNA audit', 'ehcna_file_audit', 1, 'ehcna_case', 'spring', 2026,
					'2026-01-05', '2026-03-31', 'random', 'allocated', 1) RETURNING id)
		INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, auditor_id, status)
		SELECT $1, r.id, s.id, 1, $2, 'allocated' FROM r, s RETURNING id`,
		f.A.Tenant.ID, f.A.Member.ID).Scan(&alloc)
	if err != nil {
		t.Fatal(err)
	}

	svc := storetest.Responses(t, personal.DevelopmentKeyring(), nil)
	ctx := context.Background()
	err = db.InScope(ctx, domain.Scope{TenantID: f.A.Tenant.ID}, func(ctx context.Context) error {
		return svc.Jobs.Notify(ctx, []response.Notice{{Kind: response.NoticeDueSoon, AllocationID: alloc}})
	})
	if err != nil {
		t.Fatal(err)
	}

	server := newSMTPServer(t)
	sender, err := mail.NewSMTP("smtp://"+server.addr, "sendqa <no-reply@sendqa.test>")
	if err != nil {
		t.Fatal(err)
	}
	runner, err := jobs.Start(ctx, d.AppURL, jobs.Deps{DB: db, Responses: svc, Mail: sender,
		Outbox: store.Outbox{}, PublicURL: "https://sendqa.test"}, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		runner.Stop(stop)
	})

	var jobID int64
	finished := func(attempt int) func() bool {
		return func() bool {
			var state string
			var attempts int
			err := owner.QueryRow(`SELECT id, state, attempt FROM river_job WHERE kind = 'notice'`).
				Scan(&jobID, &state, &attempts)
			return err == nil && state == "completed" && attempts >= attempt
		}
	}
	waitFor(t, "the notice job", finished(1))
	msgs := server.messages()
	if len(msgs) != 1 {
		t.Fatalf("the server got %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	for _, want := range []string{"lead@area-a.example.org", "Subject: Audit due soon: EH9", "text/plain",
		"text/html", "https://sendqa.test/assignments"} {
		if !strings.Contains(m, want) {
			t.Errorf("the message lacks %q:\n%s", want, m)
		}
	}

	if _, err := runner.Client.JobRetry(ctx, jobID); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the retried job", finished(2))
	if n := len(server.messages()); n != 1 {
		t.Errorf("after a retry the server holds %d messages, want 1", n)
	}
	var notices int
	if err := owner.QueryRow(`SELECT count(*) FROM notifications WHERE tenant_id = $1 AND kind = 'due_soon'
		AND mailed_at IS NOT NULL`, f.A.Tenant.ID).Scan(&notices); err != nil || notices != 1 {
		t.Errorf("%d notices recorded as mailed (%v), want 1", notices, err)
	}
}
