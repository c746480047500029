package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/mail"
)

// Outbox keeps outgoing mail in outbound_mail, in the caller's
// transaction, and records what has been sent. Without a mail server the
// messages stay there, unsent and never logged, for an operator to read.
type Outbox struct{}

var _ mail.Outbox = Outbox{}

// Queue stores a message to be sent.
func (o Outbox) Queue(ctx context.Context, m mail.Message) error {
	_, err := o.Keep(ctx, m)
	return err
}

// Keep stores a message to be sent and returns its id.
func (Outbox) Keep(ctx context.Context, m mail.Message) (uuid.UUID, error) {
	db, err := conn(ctx)
	if err != nil {
		return uuid.Nil, err
	}
	if len(m.Attachments) > 1 {
		return uuid.Nil, fmt.Errorf("keep mail: the outbox keeps one attachment a message")
	}
	var (
		id               uuid.UUID
		attName, attType string
		attData          []byte
	)
	if len(m.Attachments) == 1 {
		a := m.Attachments[0]
		attName, attType, attData = a.Name, a.ContentType, a.Data
	}
	err = db.Raw(`INSERT INTO outbound_mail (recipient, subject, text_body, html_body,
			attachment_name, attachment_type, attachment)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, m.To, m.Subject, m.Text, m.HTML,
		attName, attType, attData).Row().Scan(&id)
	return id, translate(err, "mail")
}

// LockUnsent returns a message that has not been sent, holding it until
// the transaction ends so that no one else sends it meanwhile; unsent is
// false once it has gone.
func (Outbox) LockUnsent(ctx context.Context, id uuid.UUID) (m mail.Message, unsent bool, err error) {
	db, err := conn(ctx)
	if err != nil {
		return mail.Message{}, false, err
	}
	var (
		attName, attType string
		attData          []byte
	)
	err = db.Raw(`SELECT recipient, subject, text_body, html_body, attachment_name,
			attachment_type, attachment
		FROM outbound_mail WHERE id = ? AND sent_at IS NULL FOR UPDATE`, id).Row().
		Scan(&m.To, &m.Subject, &m.Text, &m.HTML, &attName, &attType, &attData)
	if err == nil && attData != nil {
		m.Attachments = []mail.Attachment{{Name: attName, ContentType: attType, Data: attData}}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return mail.Message{}, false, nil
	}
	if err != nil {
		return mail.Message{}, false, translate(err, "mail")
	}
	return m, true, nil
}

// MarkSent records that a message has gone.
func (Outbox) MarkSent(ctx context.Context, id uuid.UUID) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	res := db.Exec(`UPDATE outbound_mail SET sent_at = now() WHERE id = ? AND sent_at IS NULL`, id)
	if res.Error != nil {
		return translate(res.Error, "mail")
	}
	if res.RowsAffected == 0 {
		return domain.NotFound("unsent mail")
	}
	return nil
}
