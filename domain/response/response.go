// Package response completes audits: each auditor's inbox of allocated
// subjects, their answers saved as drafts under a version check, the
// submission with its computed result, reopening by a QA lead for a
// recorded reason, the evidence files on a response, the notices that
// remind people, and a round's results and exports.
package response

import (
	"context"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
	"sendqa/domain/round"
)

// State is where a response is.
type State string

// Response states. A reopened response is a draft again.
const (
	Draft     State = "draft"
	Submitted State = "submitted"
)

// Assignment is one allocated subject in an auditor's inbox.
type Assignment struct {
	AllocationID      uuid.UUID
	RoundID           uuid.UUID
	RoundName         string
	LocalID           string
	SubjectKind       instrument.SubjectKind
	InstrumentKey     string
	InstrumentVersion int
	DueOn             time.Time
	Status            round.Status
	AuditorID         uuid.UUID
	ResponseID        uuid.UUID // zero until started
	ResponseVersion   int
	UpdatedAt         time.Time
}

// Record is a response as the store keeps it: answers without personal
// items, and the personal items sealed.
type Record struct {
	ID                uuid.UUID
	AllocationID      uuid.UUID
	RoundID           uuid.UUID
	AuditorID         uuid.UUID
	AuditorName       string
	LocalID           string
	Services          []string
	InstrumentKey     string
	InstrumentVersion int
	State             State
	Answers           []byte // JSON object keyed by item id
	Personal          []byte // sealed JSON object, nil when none
	PersonalKey       string
	Result            *instrument.Result
	AsOf              time.Time // the audit date the result was worked out on
	SubmittedAt       *time.Time
	ReopenedReason    string
	SavedBy           uuid.UUID
	Version           int
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Response is a response as its readers see it, with the instrument
// version it answers.
type Response struct {
	Record
	Answers    instrument.Answers
	Definition instrument.Definition
	// DefinitionJSON is Definition as compact JSON, for readers that
	// send it on; callers never change it.
	DefinitionJSON []byte
	// PersonalHidden says personal answers were left out because the
	// reader may not see them.
	PersonalHidden bool
	Evidence       []Evidence
}

// Viewer is who reads or changes a response and what their roles allow.
type Viewer struct {
	PersonID uuid.UUID
	// All lets the viewer see every response in the area, not only
	// their own.
	All bool
	// Personal lets the viewer see children's personal data in any
	// response; an auditor always sees what they entered themselves.
	Personal bool
}

// Store keeps responses, evidence and notices. Every method runs in the
// transaction carried by ctx.
type Store interface {
	ListAssignments(ctx context.Context, personID uuid.UUID) ([]Assignment, error)
	// FindAssignment returns one allocation as an assignment; lock holds
	// it until the transaction ends.
	FindAssignment(ctx context.Context, allocationID uuid.UUID, lock bool) (Assignment, error)
	// CreateResponse stores a new draft unless the allocation has one, and
	// returns the allocation's response either way.
	CreateResponse(ctx context.Context, r Record) (Record, error)
	// FindResponse returns a response; lock holds it until the
	// transaction ends.
	FindResponse(ctx context.Context, id uuid.UUID, lock bool) (Record, error)
	// SaveResponse saves answers, state, result and reason if the
	// response is still at version, and returns domain.ErrStale if not.
	SaveResponse(ctx context.Context, r Record, version int) (Record, error)
	SetAllocationStatus(ctx context.Context, allocationID uuid.UUID, s round.Status) error
	ListRoundResponses(ctx context.Context, roundID uuid.UUID) ([]Record, error)
	EvidenceStore
	NoticeStore
}

// Instruments finds the instrument version an allocation's round uses.
// Definition may hand out a shared copy, which callers never change.
type Instruments interface {
	FindVersion(ctx context.Context, ref string, number int) (catalogue.Version, error)
	Definition(ctx context.Context, ref string, number int) (instrument.Definition, error)
	// DefinitionJSON is the same definition as compact JSON, which may
	// also be shared.
	DefinitionJSON(ctx context.Context, ref string, number int) ([]byte, error)
}

// Sealer seals and opens children's personal data.
type Sealer interface {
	Seal(plaintext, context []byte) ([]byte, string, error)
	Open(sealed []byte, keyID string, context []byte) ([]byte, error)
}

// Recorder writes the trail.
type Recorder interface {
	Record(ctx context.Context, action, entity string, id uuid.UUID, before, after map[string]any) error
}

// errNotYours hides another auditor's response: it is simply not found.
var errNotYours = domain.NotFound("response")
