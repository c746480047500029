package response

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/mail"
	"sendqa/domain/round"
)

// NoticeKind is why a person is told something.
type NoticeKind string

// The notices.
const (
	NoticeAllocated NoticeKind = "allocated"
	NoticeDueSoon   NoticeKind = "due_soon"
	NoticeOverdue   NoticeKind = "overdue"
	NoticeReopened  NoticeKind = "reopened"
)

// DueSoonDays is how long before the due date the reminder goes.
const DueSoonDays = 3

// Notice is a notice to send about an allocation, as a background job
// carries it: ids only, never personal data.
type Notice struct {
	Kind         NoticeKind
	AllocationID uuid.UUID
	// Serial tells apart notices of one kind about one allocation that
	// should each be sent, such as two reopenings.
	Serial int
	// RunAt is when to send it; zero means now.
	RunAt time.Time
}

// Jobs enqueues background work in the caller's transaction, so that it
// is queued exactly when the change that causes it is kept. The tenant
// comes from the transaction's scope.
type Jobs interface {
	Notify(ctx context.Context, notices []Notice) error
	// Rescan asks for an evidence file to be scanned again later.
	Rescan(ctx context.Context, evidenceID uuid.UUID) error
}

// Notification is one notice to one person, as the app lists it.
type Notification struct {
	ID        uuid.UUID
	PersonID  uuid.UUID
	Kind      NoticeKind
	Title     string
	Body      string
	Link      string
	DedupeKey string
	ReadAt    *time.Time
	MailedAt  *time.Time
	CreatedAt time.Time
}

// Preference is whether a person wants notices by e-mail.
type Preference struct {
	PersonID uuid.UUID
	Email    bool
	Version  int // zero before it is first set
}

// Person is who a notice goes to.
type Person struct {
	ID    uuid.UUID
	Name  string
	Email string
}

// NoticeStore keeps notices and preferences.
type NoticeStore interface {
	// AddNotification stores a notice unless one with its dedupe key
	// exists, and returns the stored one and whether it is new.
	AddNotification(ctx context.Context, n Notification) (Notification, bool, error)
	MarkMailed(ctx context.Context, id uuid.UUID, at time.Time) error
	ListNotifications(ctx context.Context, personID uuid.UUID, p domain.Page) (domain.List[Notification], error)
	MarkRead(ctx context.Context, personID, id uuid.UUID, at time.Time) error
	FindPreference(ctx context.Context, personID uuid.UUID) (Preference, error)
	SavePreference(ctx context.Context, p Preference, version int) (Preference, error)
	FindPerson(ctx context.Context, id uuid.UUID) (Person, error)
	// FindTenantLabel returns the current tenant's name and slug.
	FindTenantLabel(ctx context.Context) (name, slug string, err error)
}

// Outgoing is a notice ready to deliver: the stored notification and,
// when the person wants e-mail and it has not gone yet, the message.
type Outgoing struct {
	Notification Notification
	Mail         *mail.Message
}

// PrepareNotice decides what a notice job does on its run, in the job's
// tenant: it records the in-app notice once (however often the job runs)
// and returns the e-mail still to send. A reminder for an audit already
// submitted, or moved to someone else since, sends nothing.
func (s Service) PrepareNotice(ctx context.Context, n Notice) (*Outgoing, error) {
	a, err := s.Store.FindAssignment(ctx, n.AllocationID, false)
	if domain.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if a.AuditorID == uuid.Nil {
		return nil, nil
	}
	if (n.Kind == NoticeDueSoon || n.Kind == NoticeOverdue) && a.Status == round.StatusSubmitted {
		return nil, nil
	}
	text := noticeText(n.Kind, a)
	return s.PrepareReminder(ctx, Reminder{PersonID: a.AuditorID, Kind: n.Kind, Title: text.title,
		Body: text.body, Link: "/assignments",
		DedupeKey: fmt.Sprintf("%s:%s:%s:%d", n.Kind, a.AllocationID, a.AuditorID, n.Serial)})
}

// Reminder is a notice to one person about anything, such as an overdue
// action; its dedupe key says when two reminders are the same one.
type Reminder struct {
	PersonID uuid.UUID
	Kind     NoticeKind
	Title    string
	Body     string
	// Link is the page the notice is about within the person's area,
	// such as /assignments; the notice links there in the area, and its
	// e-mail through the app's public address.
	Link string
	// OutsideArea says Link is a page of the app outside any area, such
	// as a provider's inbox.
	OutsideArea bool
	DedupeKey   string
}

// PrepareReminder records the in-app notice once per dedupe key, in the
// current tenant, and returns the e-mail still to send: none when the
// person does not want e-mail or it went already.
func (s Service) PrepareReminder(ctx context.Context, r Reminder) (*Outgoing, error) {
	tenantName, slug, err := s.Store.FindTenantLabel(ctx)
	if err != nil {
		return nil, err
	}
	link := r.Link
	if link != "" && !r.OutsideArea {
		link = "/t/" + slug + r.Link
	}
	note, _, err := s.Store.AddNotification(ctx, Notification{ID: uuid.New(), PersonID: r.PersonID,
		Kind: r.Kind, Title: r.Title, Body: r.Body, Link: link, DedupeKey: r.DedupeKey})
	if err != nil {
		return nil, err
	}
	out := &Outgoing{Notification: note}
	if note.MailedAt != nil {
		return out, nil
	}
	pref, err := s.Store.FindPreference(ctx, r.PersonID)
	if err != nil {
		return nil, err
	}
	if !pref.Email {
		return out, nil
	}
	person, err := s.Store.FindPerson(ctx, r.PersonID)
	if err != nil {
		return nil, err
	}
	if link != "" {
		link = s.PublicURL + link
	}
	msg, err := mail.NoticeMessage(mail.Notice{To: person.Email, Name: person.Name,
		TenantName: tenantName, Title: r.Title, Body: r.Body, Link: link})
	if err != nil {
		return nil, err
	}
	out.Mail = &msg
	return out, nil
}

// Tell records a notice for a person once per dedupe key and, when they
// want e-mail and it has not gone yet, queues the message in the outbox
// in the same transaction and marks the notice mailed, so that a retried
// caller neither repeats the notice nor sends the message twice.
func (s Service) Tell(ctx context.Context, r Reminder) error {
	out, err := s.PrepareReminder(ctx, r)
	if err != nil || out.Mail == nil || s.Outbox == nil {
		return err
	}
	if err := s.Outbox.Queue(ctx, *out.Mail); err != nil {
		return fmt.Errorf("queue notice mail: %w", err)
	}
	return s.MarkMailed(ctx, out.Notification.ID)
}

type noticeWords struct{ title, body string }

// noticeText says what a notice is about without naming the child: the
// area's local id is enough for an auditor to find the file.
func noticeText(k NoticeKind, a Assignment) noticeWords {
	due := a.DueOn.Format("2 January 2006")
	switch k {
	case NoticeDueSoon:
		return noticeWords{"Audit due soon: " + a.LocalID, fmt.Sprintf(
			"Your audit of %s in %s is due on %s. Anything you have saved is kept; submit it when it is complete.",
			a.LocalID, a.RoundName, due)}
	case NoticeOverdue:
		return noticeWords{"Audit overdue: " + a.LocalID, fmt.Sprintf(
			"Your audit of %s in %s was due on %s and has not been submitted. "+
				"If you cannot finish it, tell your QA lead so that it can be moved.", a.LocalID, a.RoundName, due)}
	case NoticeReopened:
		return noticeWords{"Audit reopened: " + a.LocalID, fmt.Sprintf(
			"Your QA lead reopened your audit of %s in %s. Open it to see why, change it and submit it again.",
			a.LocalID, a.RoundName)}
	}
	return noticeWords{"New audit for you: " + a.LocalID, fmt.Sprintf(
		"You have been given %s to audit in %s. It is due on %s.", a.LocalID, a.RoundName, due)}
}

// MarkMailed records that a notice's e-mail went.
func (s Service) MarkMailed(ctx context.Context, id uuid.UUID) error {
	return s.Store.MarkMailed(ctx, id, s.now())
}

// AllocationNotices returns the notices an allocation causes: one now, a
// reminder before the due date and one the day after it.
func AllocationNotices(allocationID uuid.UUID, due, now time.Time) []Notice {
	out := []Notice{{Kind: NoticeAllocated, AllocationID: allocationID}}
	if soon := due.AddDate(0, 0, -DueSoonDays); soon.After(now) {
		out = append(out, Notice{Kind: NoticeDueSoon, AllocationID: allocationID, RunAt: soon})
	}
	return append(out, Notice{Kind: NoticeOverdue, AllocationID: allocationID, RunAt: due.AddDate(0, 0, 1)})
}

// ListNotifications lists the viewer's own notices, newest first.
func (s Service) ListNotifications(
	ctx context.Context, v Viewer, p domain.Page,
) (domain.List[Notification], error) {
	return s.Store.ListNotifications(ctx, v.PersonID, p)
}

// MarkRead marks one of the viewer's notices read. Returns
// domain.ErrNotFound for anyone else's.
func (s Service) MarkRead(ctx context.Context, v Viewer, id uuid.UUID) error {
	return s.Store.MarkRead(ctx, v.PersonID, id, s.now())
}

// FindPreference returns the viewer's e-mail preference.
func (s Service) FindPreference(ctx context.Context, v Viewer) (Preference, error) {
	return s.Store.FindPreference(ctx, v.PersonID)
}

// SetPreference records whether the viewer wants notices by e-mail, if
// the preference is still at version (zero before the first). Returns
// domain.ErrStale.
func (s Service) SetPreference(ctx context.Context, v Viewer, email bool, version int) (Preference, error) {
	return s.Store.SavePreference(ctx, Preference{PersonID: v.PersonID, Email: email}, version)
}

// AllocationNotifier enqueues the notices of new allocations.
type AllocationNotifier struct {
	Jobs Jobs
	Now  func() time.Time
}

// Allocated enqueues, for each allocation, its notice now and its
// reminders before and after the due date.
func (n AllocationNotifier) Allocated(ctx context.Context, due time.Time, ids []uuid.UUID) error {
	now := time.Now()
	if n.Now != nil {
		now = n.Now()
	}
	var notices []Notice
	for _, id := range ids {
		notices = append(notices, AllocationNotices(id, due, now)...)
	}
	return n.Jobs.Notify(ctx, notices)
}
