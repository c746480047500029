package schedule

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/response"
)

// Store keeps activities, their completions and calendar feeds. Every
// method runs in the transaction carried by ctx, in its tenant.
type Store interface {
	CreateActivity(ctx context.Context, a Activity) (Activity, error)
	// FindActivity returns an activity; lock holds it to the transaction.
	FindActivity(ctx context.Context, id uuid.UUID, lock bool) (Activity, error)
	// ListActivities lists the activities not archived, by what they are.
	ListActivities(ctx context.Context) ([]Activity, error)
	// SaveActivity saves an activity if it is still at version.
	SaveActivity(ctx context.Context, a Activity, version int) (Activity, error)
	// ListCompletions lists the completions of occurrences due from from.
	ListCompletions(ctx context.Context, from time.Time) ([]Completion, error)
	// AddCompletion records an occurrence done unless it already is, and
	// says whether it was new.
	AddCompletion(ctx context.Context, c Completion) (bool, error)
	// ReplaceFeed revokes a person's feeds and keeps a new one's hash.
	ReplaceFeed(ctx context.Context, personID uuid.UUID, hash []byte) error
	// RevokeFeeds revokes a person's feeds and says how many there were.
	RevokeFeeds(ctx context.Context, personID uuid.UUID) (int, error)
	// FindFeed returns the person whose current feed has the hash.
	FindFeed(ctx context.Context, hash []byte) (uuid.UUID, error)
	// HasFeed says whether the person has a current feed, and since when.
	HasFeed(ctx context.Context, personID uuid.UUID) (*time.Time, error)
}

// Service keeps the schedule, writing every change to the trail.
type Service struct {
	Store Store
	Trail audit.Recorder
	Now   func() time.Time
}

func (s Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s Service) today() time.Time {
	y, m, d := s.now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Today is the date the schedule counts from.
func (s Service) Today() time.Time { return s.today() }

// ListSchedule returns every activity with its overdue occurrences, the
// next one due and the last one done. Callers must hold schedule read.
func (s Service) ListSchedule(ctx context.Context) ([]Item, error) {
	today := s.today()
	activities, err := s.Store.ListActivities(ctx)
	if err != nil {
		return nil, err
	}
	from := today.AddDate(0, 0, -LookBackDays)
	done, err := s.Store.ListCompletions(ctx, from.AddDate(-1, 0, 0))
	if err != nil {
		return nil, err
	}
	out := make([]Item, len(activities))
	for i, a := range activities {
		out[i] = itemOf(a, done, from, today)
	}
	return out, nil
}

func itemOf(a Activity, done []Completion, from, today time.Time) Item {
	item := Item{Activity: a}
	doneOn := func(due time.Time) *Completion {
		i := slices.IndexFunc(done, func(c Completion) bool {
			return c.ActivityID == a.ID && c.DueOn.Equal(due)
		})
		if i < 0 {
			return nil
		}
		return &done[i]
	}
	for _, c := range done {
		if c.ActivityID == a.ID && (item.LastDone == nil || c.DueOn.After(item.LastDone.DueOn)) {
			item.LastDone = &c
		}
	}
	for _, due := range a.DueDates(from, today.AddDate(1, 0, 0)) {
		c := doneOn(due)
		o := Occurrence{ActivityID: a.ID, DueOn: due, State: stateOn(due, today, c), Completion: c}
		switch {
		case o.State == Overdue:
			item.Overdue = append(item.Overdue, o)
		case !due.Before(today) && item.Next == nil && o.State != Done:
			item.Next = &o
		}
	}
	return item
}

// CreateActivity adds an activity. Callers must hold schedule write.
// Returns domain.ErrInvalid with fields.
func (s Service) CreateActivity(ctx context.Context, a Activity) (Activity, error) {
	if err := a.Validate(); err != nil {
		return Activity{}, err
	}
	a.ID = uuid.New()
	out, err := s.Store.CreateActivity(ctx, a)
	if err != nil {
		return Activity{}, err
	}
	return out, s.Trail.Record(ctx, audit.ActionCreate, "qa_activity", out.ID, nil,
		map[string]any{"what": out.What, "frequency": string(out.Frequency)})
}

// UpdateActivity changes an activity, or archives it when archive is
// set. Callers must hold schedule write. Returns domain.ErrNotFound,
// domain.ErrStale and domain.ErrInvalid with fields.
func (s Service) UpdateActivity(ctx context.Context, id uuid.UUID, version int, a Activity,
	archive bool) (Activity, error) {
	if err := a.Validate(); err != nil {
		return Activity{}, err
	}
	old, err := s.Store.FindActivity(ctx, id, true)
	if err != nil {
		return Activity{}, err
	}
	if old.Version != version {
		return Activity{}, domain.Stale("the activity")
	}
	a.ID, a.ArchivedAt = id, old.ArchivedAt
	if archive && a.ArchivedAt == nil {
		now := s.now()
		a.ArchivedAt = &now
	}
	out, err := s.Store.SaveActivity(ctx, a, version)
	if err != nil {
		return Activity{}, err
	}
	return out, s.Trail.Record(ctx, "update", "qa_activity", id,
		map[string]any{"what": old.What, "frequency": string(old.Frequency)},
		map[string]any{"what": out.What, "frequency": string(out.Frequency), "archived": archive})
}

// CompleteOccurrence marks one due date of an activity done. Callers
// must hold schedule write. Returns domain.ErrNotFound, domain.ErrInvalid
// for a date the activity does not fall due on, and domain.ErrConflict
// when it is already done.
func (s Service) CompleteOccurrence(ctx context.Context, id uuid.UUID, dueOn time.Time,
	note string) (Completion, error) {
	a, err := s.Store.FindActivity(ctx, id, false)
	if err != nil {
		return Completion{}, err
	}
	if len(a.DueDates(dueOn, dueOn)) != 1 {
		return Completion{}, domain.InvalidField("due_on", "the activity does not fall due on this date")
	}
	note = strings.TrimSpace(note)
	if len([]rune(note)) > 2000 {
		return Completion{}, domain.InvalidField("note", "write the note in up to 2,000 characters")
	}
	c := Completion{ActivityID: id, DueOn: dueOn, CompletedOn: s.today(),
		CompletedBy: domain.ActorFrom(ctx).PersonID, Note: note}
	created, err := s.Store.AddCompletion(ctx, c)
	if err != nil {
		return Completion{}, err
	}
	if !created {
		return Completion{}, domain.Conflict("this occurrence is already done")
	}
	return c, s.Trail.Record(ctx, "complete", "qa_activity", id, nil,
		map[string]any{"due_on": dueOn.Format(time.DateOnly)})
}

// StartFromFramework adds to the schedule each activity of the
// framework's own that it does not have by name, owned by the caller.
// Callers must hold schedule write. Returns domain.ErrConflict when the
// schedule has them all already.
func (s Service) StartFromFramework(ctx context.Context) ([]Activity, error) {
	existing, err := s.Store.ListActivities(ctx)
	if err != nil {
		return nil, err
	}
	owner := domain.ActorFrom(ctx).PersonID
	var out []Activity
	for _, a := range Framework() {
		if slices.ContainsFunc(existing, func(e Activity) bool {
			return strings.EqualFold(e.What, a.What)
		}) {
			continue
		}
		if owner != uuid.Nil {
			a.OwnerID = &owner
		}
		made, err := s.CreateActivity(ctx, a)
		if err != nil {
			return nil, fmt.Errorf("add %s: %w", a.What, err)
		}
		out = append(out, made)
	}
	if len(out) == 0 {
		return nil, domain.Conflict("the schedule has every activity of the framework already")
	}
	return out, nil
}

// Reminders are the notices the day's schedule causes: one to each
// owner for every occurrence overdue or due soon, once per occurrence
// and state however often they are asked for.
func (s Service) Reminders(ctx context.Context) ([]response.Reminder, error) {
	items, err := s.ListSchedule(ctx)
	if err != nil {
		return nil, err
	}
	var out []response.Reminder
	for _, it := range items {
		a := it.Activity
		if a.OwnerID == nil {
			continue
		}
		remind := func(o Occurrence, title, body string) {
			out = append(out, response.Reminder{PersonID: *a.OwnerID, Kind: response.NoticeKind(
				"schedule_" + string(o.State)), Title: title + a.What, Body: body, Link: "/schedule",
				DedupeKey: fmt.Sprintf("schedule_%s:%s:%s", o.State, a.ID, o.DueOn.Format(time.DateOnly))})
		}
		for _, o := range it.Overdue {
			remind(o, "Overdue: ", fmt.Sprintf("%s was due on %s and is not marked done. "+
				"Mark it done on the QA schedule once it has happened.", a.What, longDate(o.DueOn)))
		}
		if n := it.Next; n != nil && n.State == DueSoon {
			remind(*n, "Due soon: ", fmt.Sprintf("%s is due on %s.", a.What, longDate(n.DueOn)))
		}
	}
	return out, nil
}

func longDate(d time.Time) string { return d.Format("2 January 2006") }

// NewFeed gives the person a calendar feed of the schedule at a new
// secret address, ending any feed they had. The token is returned once
// and only its hash is kept. Callers must hold schedule read.
func (s Service) NewFeed(ctx context.Context, personID uuid.UUID) (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("make feed token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(b[:])
	if err := s.Store.ReplaceFeed(ctx, personID, feedHash(token)); err != nil {
		return "", err
	}
	return token, s.Trail.Record(ctx, audit.ActionCreate, "calendar_feed", personID, nil, nil)
}

// RevokeFeed ends the person's calendar feed. Returns domain.ErrNotFound
// when they have none.
func (s Service) RevokeFeed(ctx context.Context, personID uuid.UUID) error {
	n, err := s.Store.RevokeFeeds(ctx, personID)
	if err != nil {
		return err
	}
	if n == 0 {
		return domain.NotFound("calendar feed")
	}
	return s.Trail.Record(ctx, "revoke", "calendar_feed", personID, nil, nil)
}

// FeedSince says since when the person has had their current feed; nil
// when they have none.
func (s Service) FeedSince(ctx context.Context, personID uuid.UUID) (*time.Time, error) {
	return s.Store.HasFeed(ctx, personID)
}

// Calendar returns the schedule of the feed with the token, for anyone
// who holds the address. Returns domain.ErrNotFound for an unknown or
// revoked token.
func (s Service) Calendar(ctx context.Context, token string) ([]Item, error) {
	if len(token) < 20 || len(token) > 100 {
		return nil, domain.NotFound("calendar feed")
	}
	if _, err := s.Store.FindFeed(ctx, feedHash(token)); err != nil {
		return nil, err
	}
	return s.ListSchedule(ctx)
}

func feedHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
