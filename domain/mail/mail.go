// Package mail writes the messages sendqa sends to people: invitations and
// password resets, each with a plain-text and an HTML part, in plain
// English.
package mail

import "context"

// Message is one e-mail to one recipient.
type Message struct {
	To      string
	Subject string
	Text    string
	HTML    string
	// Attachments go with the message, such as a letter as a PDF.
	Attachments []Attachment
}

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string
	ContentType string
	Data        []byte
}

// Outbox queues mail in the caller's transaction, so that a message is
// kept, and later sent, exactly when the change that caused it is.
type Outbox interface {
	Queue(ctx context.Context, m Message) error
}
