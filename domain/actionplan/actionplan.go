// Package actionplan keeps an area's improvement plans: the practice
// improvement plan and each service's local plan, their actions with an
// owner, a due date, a status and a RAG rating, the progress written
// against each action and the evidence of its impact, and a link to the
// finding that caused it.
package actionplan

import (
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
)

// Kind says which plan a plan is.
type Kind string

// Plan kinds: one practice improvement plan per area, one local plan per
// service.
const (
	Practice Kind = "practice"
	Local    Kind = "local"
)

// Kinds lists every plan kind.
var Kinds = []Kind{Practice, Local}

// Plan is a plan of actions.
type Plan struct {
	ID   uuid.UUID
	Kind Kind
	// Title names the plan: "Practice improvement plan 2026/27".
	Title string
	// OrganisationID is the service a local plan belongs to; nil for the
	// practice plan. OrganisationName is read with it.
	OrganisationID   uuid.UUID
	OrganisationName string
	// LeadID is the member who leads the plan. A local plan's lead (its
	// service's manager) may keep it and its actions.
	LeadID    uuid.UUID
	LeadName  string
	CreatedBy uuid.UUID
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks a plan's own fields.
func (p Plan) Validate() error {
	var probs domain.Problems
	if !slices.Contains(Kinds, p.Kind) {
		probs.Add("kind", "choose practice or local")
	}
	if t := strings.TrimSpace(p.Title); t == "" || len([]rune(t)) > 200 {
		probs.Add("title", "enter a title of 1 to 200 characters")
	}
	switch {
	case p.Kind == Local && p.OrganisationID == uuid.Nil:
		probs.Add("organisation_id", "choose the service this local plan belongs to")
	case p.Kind == Practice && p.OrganisationID != uuid.Nil:
		probs.Add("organisation_id", "the practice improvement plan belongs to no one service")
	}
	return probs.Err()
}

// PlanPatch changes some fields of a plan; nil fields stay.
type PlanPatch struct {
	Title  *string
	LeadID *uuid.UUID // uuid.Nil removes the lead
}

// Apply returns the plan with the patch applied.
func (p Plan) Apply(patch PlanPatch) Plan {
	if patch.Title != nil {
		p.Title = strings.TrimSpace(*patch.Title)
	}
	if patch.LeadID != nil {
		p.LeadID = *patch.LeadID
	}
	return p
}

// PlanFilter narrows a list of plans; nil fields match all.
type PlanFilter struct {
	Kind           *Kind
	OrganisationID *uuid.UUID
}

// Status is where an action stands.
type Status string

// Action statuses.
const (
	NotStarted Status = "not_started"
	InProgress Status = "in_progress"
	Completed  Status = "completed"
	Cancelled  Status = "cancelled"
)

// Statuses lists every status in the order of an action's life.
var Statuses = []Status{NotStarted, InProgress, Completed, Cancelled}

// open reports whether work on an action is still expected.
func (s Status) open() bool { return s == NotStarted || s == InProgress }

// RAG is the plan's red, amber or green rating of an action: off track, at
// risk, on track.
type RAG string

// RAG ratings.
const (
	Red   RAG = "red"
	Amber RAG = "amber"
	Green RAG = "green"
)

// RAGs lists every rating.
var RAGs = []RAG{Red, Amber, Green}

// SourceKind names what kind of finding caused an action.
type SourceKind string

// Finding kinds an action can link to: an audit response, a moderation,
// feedback to a service, a young people's site visit, a triangulated theme.
const (
	SourceResponse   SourceKind = "response"
	SourceModeration SourceKind = "moderation"
	SourceFeedback   SourceKind = "feedback"
	SourceVisit      SourceKind = "visit"
	SourceTheme      SourceKind = "theme"
)

// SourceKinds lists every finding kind.
var SourceKinds = []SourceKind{SourceResponse, SourceModeration, SourceFeedback, SourceVisit,
	SourceTheme}

// Source is the finding that caused an action. Limitation: the finding is
// recorded as given and not yet checked to exist; the services that raise
// actions from responses, moderations and feedback fill it themselves.
type Source struct {
	Kind SourceKind
	ID   uuid.UUID
}

// Action is one action of a plan.
type Action struct {
	ID          uuid.UUID
	PlanID      uuid.UUID
	Title       string
	Description string
	OwnerID     uuid.UUID
	DueOn       time.Time
	Status      Status
	RAG         RAG
	// Impact is the evidence that the action made a difference.
	Impact    string
	Source    *Source
	CreatedBy uuid.UUID
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time

	// Read with the action: its plan and owner, for lists.
	Plan      Plan
	OwnerName string
	// Updates are the action's progress updates, oldest first; filled
	// only when one action is read.
	Updates []Update
}

// Overdue reports whether the action is still open after its due date.
func (a Action) Overdue(today time.Time) bool {
	return a.Status.open() && a.DueOn.Before(dateOf(today))
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Validate checks an action's own fields.
func (a Action) Validate() error {
	var p domain.Problems
	if t := strings.TrimSpace(a.Title); t == "" || len([]rune(t)) > 300 {
		p.Add("title", "enter a title of 1 to 300 characters")
	}
	if len([]rune(a.Description)) > 4000 {
		p.Add("description", "keep the description to 4,000 characters")
	}
	if len([]rune(a.Impact)) > 4000 {
		p.Add("impact", "keep the evidence of impact to 4,000 characters")
	}
	if a.OwnerID == uuid.Nil {
		p.Add("owner_id", "choose who owns the action")
	}
	if a.DueOn.IsZero() {
		p.Add("due_on", "enter the date the action is due")
	}
	if !slices.Contains(Statuses, a.Status) {
		p.Add("status", "choose not started, in progress, completed or cancelled")
	}
	if !slices.Contains(RAGs, a.RAG) {
		p.Add("rag", "choose red, amber or green")
	}
	if a.Source != nil {
		if !slices.Contains(SourceKinds, a.Source.Kind) {
			p.Add("source.kind", "choose response, moderation, feedback, visit or theme")
		}
		if a.Source.ID == uuid.Nil {
			p.Add("source.id", "give the id of the finding")
		}
	}
	return p.Err()
}

// ActionPatch changes some fields of an action; nil fields stay. A
// non-nil Source that is nil inside clears the link.
type ActionPatch struct {
	Title       *string
	Description *string
	OwnerID     *uuid.UUID
	DueOn       *time.Time
	Status      *Status
	RAG         *RAG
	Impact      *string
	Source      **Source
}

// Apply returns the action with the patch applied.
func (a Action) Apply(p ActionPatch) Action {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	set(&a.Title, p.Title)
	set(&a.Description, p.Description)
	set(&a.Impact, p.Impact)
	if p.OwnerID != nil {
		a.OwnerID = *p.OwnerID
	}
	if p.DueOn != nil {
		a.DueOn = *p.DueOn
	}
	if p.Status != nil {
		a.Status = *p.Status
	}
	if p.RAG != nil {
		a.RAG = *p.RAG
	}
	if p.Source != nil {
		a.Source = *p.Source
	}
	return a
}

// ActionFilter narrows a list of actions; nil fields match all. Overdue
// picks open actions past their due date as of the service's today.
type ActionFilter struct {
	PlanID         *uuid.UUID
	PlanKind       *Kind
	OrganisationID *uuid.UUID
	OwnerID        *uuid.UUID
	Status         *Status
	RAG            *RAG
	Overdue        *bool
	// Today is set by the service, for Overdue.
	Today time.Time
}

// Update is a progress update on an action.
type Update struct {
	ID         uuid.UUID
	ActionID   uuid.UUID
	WrittenOn  time.Time
	Body       string
	AuthorID   uuid.UUID
	AuthorName string
	RecordedAt time.Time
}

// Validate checks an update.
func (u Update) Validate(today time.Time) error {
	var p domain.Problems
	if b := strings.TrimSpace(u.Body); b == "" || len([]rune(b)) > 4000 {
		p.Add("body", "enter the progress made, up to 4,000 characters")
	}
	switch {
	case u.WrittenOn.IsZero():
		p.Add("written_on", "enter the date of the update")
	case u.WrittenOn.After(dateOf(today)):
		p.Add("written_on", "the date of the update must be today or in the past")
	}
	return p.Err()
}
