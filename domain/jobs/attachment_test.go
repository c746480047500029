package jobs_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"

	"sendqa/domain/jobs"
	sqmail "sendqa/domain/mail"
	"sendqa/domain/personal"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

// A letter queued with its PDF reaches the mail server with the file
// attached, byte for byte.
func TestMailKeepsItsAttachmentThroughTheOutbox(t *testing.T) {
	t.Parallel()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	db := d.Open(t)
	owner := d.OpenOwner(t).SQL()
	enqueuer, err := jobs.NewEnqueuer(store.SQLTx)
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.3\nA letter (Not met) about the SENCO\n%%EOF\n")
	letter := sqmail.Message{To: "senco@oak-lane.example.sch.uk", Subject: "Feedback on your report",
		Text: "The letter is attached.", Attachments: []sqmail.Attachment{
			{Name: "feedback-470723.pdf", ContentType: "application/pdf", Data: pdf}}}
	q := jobs.MailQueue{Mailbox: store.Outbox{}, Jobs: enqueuer}
	if err := db.InScope(context.Background(), f.A.Scope(), func(ctx context.Context) error {
		return q.Queue(ctx, letter)
	}); err != nil {
		t.Fatal(err)
	}

	server, sender := mailServer(t)
	startRunner(t, d.AppURL, jobs.Deps{DB: db, Mail: sender, Mailbox: store.Outbox{},
		Responses: storetest.Responses(t, personal.DevelopmentKeyring(), nil)})
	var jobID int64
	waitFor(t, "the mail job", jobCompleted(owner, "outbound_mail", &jobID, 1))

	msgs := server.Messages()
	if len(msgs) != 1 {
		t.Fatalf("the server got %d messages, want 1", len(msgs))
	}
	name, data := attachmentOf(t, msgs[0])
	if name != "feedback-470723.pdf" || !bytes.Equal(data, pdf) {
		t.Errorf("attachment %q of %d bytes, want the letter's PDF of %d", name, len(data), len(pdf))
	}
}

// attachmentOf finds the first attached file of a raw message.
func attachmentOf(t *testing.T, raw string) (string, []byte) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(h map[string][]string, body io.Reader) (string, []byte)
	walk = func(h map[string][]string, body io.Reader) (string, []byte) {
		mt, params, _ := mime.ParseMediaType(first(h["Content-Type"]))
		if strings.HasPrefix(mt, "multipart/") {
			r := multipart.NewReader(body, params["boundary"])
			for {
				p, err := r.NextPart()
				if err != nil {
					return "", nil
				}
				if n, d := walk(p.Header, p); n != "" {
					return n, d
				}
			}
		}
		_, dp, _ := mime.ParseMediaType(first(h["Content-Disposition"]))
		if dp["filename"] == "" {
			return "", nil
		}
		b, _ := io.ReadAll(body)
		dec, err := decodeBase64(b)
		if err != nil {
			t.Fatal(err)
		}
		return dp["filename"], dec
	}
	name, data := walk(msg.Header, msg.Body)
	if name == "" {
		t.Fatalf("the message has no attachment:\n%s", raw)
	}
	return name, data
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func decodeBase64(b []byte) ([]byte, error) {
	clean := strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == ' ' {
			return -1
		}
		return r
	}, string(b))
	return base64.StdEncoding.DecodeString(clean)
}
