// Package visit keeps HY5! site visits: young people with SEND visit a
// service or place and say what it was like with the built-in site visit
// instrument; a participation officer reviews each visit before the
// service sees it, may hide parts of it with a reason or raise a
// safeguarding concern from it, and approves it; the service's manager
// answers ("you said, we did") with actions that join the action plans,
// and the young people who went read the answer.
package visit

import (
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
)

// InstrumentKey is the built-in instrument every visit is recorded with.
const InstrumentKey = "hy5_site_visit"

// State is where a visit is in its life.
type State string

// Visit states, in order.
const (
	Draft     State = "draft"
	Submitted State = "submitted"
	Approved  State = "approved"
	Answered  State = "answered"
)

// Person is a young person as a visit names them: by first name only.
type Person struct {
	ID        uuid.UUID
	FirstName string
}

// Hidden is a part of a visit the participation officer hid from the
// service, with the reason they gave.
type Hidden struct {
	Item   string
	Reason string
}

// Photo is a photo of a visit, kept without its metadata.
type Photo struct {
	ID          uuid.UUID
	VisitID     uuid.UUID
	ContentType string
	Size        int64
	BlobKey     string
	Hidden      bool
	UploadedBy  uuid.UUID
	CreatedAt   time.Time
}

// ActionRef is an action of a plan raised from a visit's answer.
type ActionRef struct {
	ID     uuid.UUID
	Title  string
	DueOn  time.Time
	Status string
}

// Visit is one visit to a service or place.
type Visit struct {
	ID uuid.UUID
	// OrganisationID is the service visited, when it is one of the area's;
	// OrganisationName is read with it.
	OrganisationID   uuid.UUID
	OrganisationName string
	Place            string
	VisitDate        time.Time
	State            State
	// People are the young people who went; each sees the visit.
	People []Person
	// Answers are the instrument's answers as JSON keyed by item id.
	Answers []byte
	// OverallLabel and Ratings are the scored result once submitted:
	// good, okay or needs_work, and each rated item's value from 1 to 5.
	OverallLabel string
	Ratings      map[string]float64
	Hidden       []Hidden
	ReviewNote   string
	Safeguarding bool
	// Answer is the service's "you said, we did".
	Answer      string
	Actions     []ActionRef
	Photos      []Photo
	CreatedBy   uuid.UUID
	SubmittedAt *time.Time
	ApprovedBy  uuid.UUID
	ApprovedAt  *time.Time
	AnsweredBy  uuid.UUID
	AnsweredAt  *time.Time
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Includes reports whether the person went on the visit.
func (v Visit) Includes(personID uuid.UUID) bool {
	return slices.ContainsFunc(v.People, func(p Person) bool { return p.ID == personID })
}

// HiddenItem reports whether the officer hid an item from the service.
func (v Visit) HiddenItem(id string) bool {
	return slices.ContainsFunc(v.Hidden, func(h Hidden) bool { return h.Item == id })
}

// Details are what a young person says about a visit before the
// questions: where, when, which service and who went.
type Details struct {
	OrganisationID uuid.UUID
	Place          string
	VisitDate      time.Time
	// People are the other young people who went, by id; the one
	// recording is always among them.
	People []uuid.UUID
}

// Validate checks the details on the date today.
func (d Details) Validate(today time.Time) error {
	var p domain.Problems
	if t := strings.TrimSpace(d.Place); t == "" || len([]rune(t)) > 200 {
		p.Add("place", "write where you went, in 200 letters or fewer")
	}
	switch {
	case d.VisitDate.IsZero():
		p.Add("visit_date", "say what day you went")
	case d.VisitDate.After(today):
		p.Add("visit_date", "the day you went must be today or before")
	case d.VisitDate.Before(today.AddDate(-2, 0, 0)):
		p.Add("visit_date", "the day you went must be in the last two years")
	}
	if len(d.People) > 30 {
		p.Add("people", "name up to 30 young people")
	}
	return p.Err()
}

// HideRequest hides parts of a visit from the service; each needs a reason.
type HideRequest struct {
	Item   string
	Reason string
}

// Review is the participation officer's decision on a submitted visit.
type Review struct {
	// Answers, when not empty, replace the young people's answers: the
	// officer's edits, recorded in the trail.
	Answers []byte
	Hidden  []HideRequest
	// HiddenPhotos are photos kept from the service.
	HiddenPhotos []uuid.UUID
	Note         string
	// Approve sends the visit to the service; without it the review is
	// saved and the visit waits.
	Approve bool
}

// ValidateHidden checks the parts to hide name items of the instrument
// and give reasons.
func ValidateHidden(hidden []HideRequest, items []string) error {
	var p domain.Problems
	for i, h := range hidden {
		if !slices.Contains(items, h.Item) {
			p.Add(domain.Path("hidden", i, "item"), "choose a question of the visit")
		}
		if r := strings.TrimSpace(h.Reason); r == "" || len([]rune(r)) > 500 {
			p.Add(domain.Path("hidden", i, "reason"), "give the reason for hiding it, up to 500 characters")
		}
	}
	return p.Err()
}

// Reply is the service's answer to an approved visit.
type Reply struct {
	Answer  string
	Actions []NewAction
}

// NewAction is an action the answer adds to the service's local plan.
type NewAction struct {
	Title string
	DueOn time.Time
}

// Validate checks the reply.
func (r Reply) Validate() error {
	var p domain.Problems
	if a := strings.TrimSpace(r.Answer); a == "" || len([]rune(a)) > 4000 {
		p.Add("answer", "write what you did or will do, up to 4,000 characters")
	}
	for i, a := range r.Actions {
		if t := strings.TrimSpace(a.Title); t == "" || len([]rune(t)) > 300 {
			p.Add(domain.Path("actions", i, "title"), "enter the action in 1 to 300 characters")
		}
		if a.DueOn.IsZero() {
			p.Add(domain.Path("actions", i, "due_on"), "enter the date the action is due")
		}
	}
	return p.Err()
}

// Filter narrows a list of visits; nil and empty fields match all.
type Filter struct {
	// ParticipantID keeps visits the person went on.
	ParticipantID *uuid.UUID
	States        []State
	// NoSafeguarding leaves out visits with a safeguarding concern.
	NoSafeguarding bool
	// LeadID keeps visits to services whose local plan the person leads.
	LeadID         *uuid.UUID
	OrganisationID *uuid.UUID
}

// Viewer is who reads or changes visits and what the policy lets them do.
type Viewer struct {
	PersonID uuid.UUID
	// Review is the participation officer's right: every visit sent,
	// safeguarding concerns included.
	Review bool
	// Answer lets a service manager answer the approved visits to the
	// services whose local plan they lead; with AllServices (QA leads),
	// any approved visit.
	Answer      bool
	AllServices bool
}

// Concern is a safeguarding concern raised from a visit.
type Concern struct {
	ID       uuid.UUID
	VisitID  uuid.UUID
	Note     string
	RaisedBy uuid.UUID
}

// YoungPerson is a young person's account as their officer sees it.
type YoungPerson struct {
	ID            uuid.UUID
	FirstName     string
	CodeIssuedAt  time.Time
	HasPassphrase bool
	LastSignInAt  time.Time
}

// CheckFirstName applies the only rule on a young person's name: a first
// name, nothing more, so that nothing personal is kept that is not
// needed.
func CheckFirstName(p *domain.Problems, field, name string) {
	n := strings.TrimSpace(name)
	switch {
	case n == "" || len([]rune(n)) > 40:
		p.Add(field, "enter their first name, up to 40 letters")
	case strings.ContainsAny(n, "@0123456789"):
		p.Add(field, "enter their first name only, with no e-mail or numbers")
	case len(strings.Fields(n)) > 2:
		p.Add(field, "enter their first name only")
	}
}
