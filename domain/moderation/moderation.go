// Package moderation checks auditors against each other: a sample of each
// round's submitted responses audited again, blind, by a second auditor
// without a conflict of interest; the two audits compared item by item and
// an agreed result recorded; the agreement statistics of those pairs; and
// the feedback loop that sends a poor result's findings to the services
// that contributed to the plan, whose managers answer it.
package moderation

import (
	"context"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
	"sendqa/domain/response"
	"sendqa/domain/round"
)

// State is where a moderation is.
type State string

// Moderation states: given to a moderator, started, submitted by the
// moderator, and with an agreed result.
const (
	Allocated State = "allocated"
	Draft     State = "draft"
	Submitted State = "submitted"
	Agreed    State = "agreed"
)

// Done reports whether the moderator has submitted, so that both audits
// are in and may be compared.
func (s State) Done() bool { return s == Submitted || s == Agreed }

// First is the audit a moderation checks, as the store reads it.
type First struct {
	ResponseID        uuid.UUID
	RoundID           uuid.UUID
	RoundName         string
	AuditorID         uuid.UUID
	AuditorName       string
	LocalID           string
	Services          []string
	InstrumentKey     string
	InstrumentVersion int
	Answers           []byte // JSON object without personal items
	Result            *instrument.Result
}

// Record is a moderation with the audit it checks.
type Record struct {
	ID            uuid.UUID
	ModeratorID   uuid.UUID
	ModeratorName string
	State         State
	Answers       []byte // the moderator's answers, without personal items
	Result        *instrument.Result
	SubmittedAt   *time.Time
	DueOn         time.Time
	Discussion    string
	AgreedLabel   string
	AgreedBy      uuid.UUID
	AgreedAt      *time.Time
	SavedBy       uuid.UUID
	Version       int
	CreatedAt     time.Time
	UpdatedAt     time.Time
	First         First
}

// Candidate is a submitted response that may be drawn for moderation.
type Candidate struct {
	ResponseID uuid.UUID
	AuditorID  uuid.UUID
	LocalID    string
	Services   []string
}

// Filter narrows a list of moderations.
type Filter struct {
	RoundID     *uuid.UUID
	ModeratorID *uuid.UUID
}

// Viewer is who reads or changes moderations: Manage lets a QA lead see
// every moderation and record agreed results.
type Viewer struct {
	PersonID uuid.UUID
	Manage   bool
}

// Feedback is a poor result's findings sent to one contributing service.
type Feedback struct {
	ID               uuid.UUID
	ResponseID       uuid.UUID
	ModerationID     *uuid.UUID
	RoundID          uuid.UUID
	RoundName        string
	LocalID          string
	Service          string
	OrganisationID   *uuid.UUID
	OrganisationName string
	// LeadID is the manager who leads the service's local plan, who is
	// told of the feedback and answers it.
	LeadID    *uuid.UUID
	Overall   string
	Findings  []Finding
	State     FeedbackState
	Reply     string
	RepliedBy *uuid.UUID
	RepliedAt *time.Time
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Finding is one poor section of a result.
type Finding struct {
	Section string `json:"section"`
	Title   string `json:"title"`
	Label   string `json:"label"`
}

// FeedbackState is whether a service has answered its feedback.
type FeedbackState string

// Feedback states.
const (
	FeedbackSent     FeedbackState = "sent"
	FeedbackAnswered FeedbackState = "answered"
)

// FeedbackFilter narrows a list of feedback; LeadID keeps the feedback to
// services whose local plan that person leads.
type FeedbackFilter struct {
	RoundID *uuid.UUID
	LeadID  *uuid.UUID
	State   *FeedbackState
}

// ServiceMatch is a contributing service as the area knows it: the
// organisation of that name and the lead of its local plan, when any.
type ServiceMatch struct {
	Name           string
	OrganisationID *uuid.UUID
	LeadID         *uuid.UUID
}

// Source is what the feedback rule reads about one response: the first
// audit, its round's due date, and its moderation when it has one.
type Source struct {
	First      First
	RoundDueOn time.Time
	Moderation *Record
}

// Store keeps moderations and feedback. Every method runs in the
// transaction carried by ctx.
type Store interface {
	ListCandidates(ctx context.Context, roundID uuid.UUID) ([]Candidate, error)
	// CountByModerator counts every moderator's moderations in the area.
	CountByModerator(ctx context.Context) (map[uuid.UUID]int, error)
	CreateModeration(ctx context.Context, r Record) error
	FindModeration(ctx context.Context, id uuid.UUID, lock bool) (Record, error)
	ListModerations(ctx context.Context, f Filter) ([]Record, error)
	SaveModeration(ctx context.Context, r Record, version int) (Record, error)
	// ListCompared lists every moderation the moderator has submitted,
	// in rounds order by due date, for the agreement statistics.
	ListCompared(ctx context.Context, roundID *uuid.UUID) ([]Record, error)
	FindSource(ctx context.Context, responseID uuid.UUID) (Source, error)
	// ListSubmittedResponses lists the ids of a round's submitted responses.
	ListSubmittedResponses(ctx context.Context, roundID uuid.UUID) ([]uuid.UUID, error)
	MatchServices(ctx context.Context, names []string) ([]ServiceMatch, error)
	// ListSettledUnruled lists submitted responses whose result has
	// settled by today and that the feedback rule has not ruled on.
	ListSettledUnruled(ctx context.Context, today time.Time) ([]uuid.UUID, error)
	// RecordRuling keeps the settled result the rule read, once.
	RecordRuling(ctx context.Context, responseID uuid.UUID, overall string, poor bool) error
	// AddFeedback stores feedback unless the response already sent some
	// to that service, and says whether it is new.
	AddFeedback(ctx context.Context, f Feedback) (Feedback, bool, error)
	FindFeedback(ctx context.Context, id uuid.UUID, lock bool) (Feedback, error)
	ListFeedback(ctx context.Context, f FeedbackFilter) ([]Feedback, error)
	SaveFeedback(ctx context.Context, f Feedback, version int) (Feedback, error)
}

// Rounds finds rounds and the area's auditors with their services.
type Rounds interface {
	FindRound(ctx context.Context, id uuid.UUID, lock bool) (round.Round, error)
	ListAuditors(ctx context.Context) ([]round.AuditorRecord, error)
}

// Instruments finds the instrument version a round uses.
type Instruments interface {
	FindVersion(ctx context.Context, ref string, number int) (catalogue.Version, error)
}

// Notices tells a person something once per dedupe key: in the app and,
// if they want it, by e-mail queued in the caller's transaction.
type Notices interface {
	Tell(ctx context.Context, r response.Reminder) error
}

// Jobs enqueues the feedback rule's run for a response in the caller's
// transaction; a response already queued is not queued again.
type Jobs interface {
	FeedbackDue(ctx context.Context, responseIDs []uuid.UUID) error
}

// Recorder writes the trail.
type Recorder interface {
	Record(ctx context.Context, action, entity string, id uuid.UUID, before, after map[string]any) error
}

var errNotYours = domain.NotFound("moderation")
