// Package catalogue is the set of instruments a local area can use: the
// built-in library that ships with sendqa, global and read-only, and the
// area's own instruments with their draft, published and retired versions.
// A tenant sees the library and its own instruments, never another
// tenant's.
package catalogue

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/instrument"
)

// Source says where an instrument comes from.
type Source string

// The sources of instruments.
const (
	// SourceBuiltIn is the library shipped in the binary.
	SourceBuiltIn Source = "built_in"
	// SourceOwn is an instrument the local area wrote or copied.
	SourceOwn Source = "own"
	// SourceShared is another tenant's instrument shared with this one:
	// readable, never editable.
	SourceShared Source = "shared"
)

// Sources lists every source in a fixed order.
var Sources = []Source{SourceBuiltIn, SourceOwn, SourceShared}

// Instrument is one instrument as a catalogue lists it: what its current
// version says about itself. The current version is the newest published
// one, or the newest of any state when none is published.
type Instrument struct {
	// ID is zero for built-in instruments, which are known by key alone.
	ID          uuid.UUID
	Key         string
	Source      Source
	Title       string
	Description string
	Subject     instrument.SubjectKind
	// CurrentVersion is the number of the current version, and State its
	// state.
	CurrentVersion int
	State          instrument.State
	// Version changes whenever the instrument or its current version
	// does; the API sends it as the ETag.
	Version   int
	CreatedBy uuid.UUID
	CreatedAt time.Time
	UpdatedAt time.Time
	// Owner is the tenant that owns a shared instrument; zero otherwise.
	Owner Owner
}

// Owner names the tenant a shared instrument belongs to.
type Owner struct {
	TenantID uuid.UUID
	Slug     string
	Name     string
}

// VersionSummary describes one version without its definition.
type VersionSummary struct {
	Number      int
	State       instrument.State
	Title       string
	RuleVersion string
	CreatedAt   time.Time
	PublishedAt time.Time
	RetiredAt   time.Time
}

// Version is one version of an instrument with its full definition, whose
// Version field is the version's number.
type Version struct {
	VersionSummary
	// ID is zero for built-in versions.
	ID           uuid.UUID
	InstrumentID uuid.UUID
	Key          string
	Source       Source
	Definition   instrument.Definition
	CreatedBy    uuid.UUID
	// Revision changes whenever the version row does (a draft's edits, a
	// change of state); the API sends it as the ETag.
	Revision int
}

var states = []instrument.State{
	instrument.StateDraft, instrument.StatePublished, instrument.StateRetired,
}

// Filter narrows a list of instruments; nil fields match all.
type Filter struct {
	Subject *instrument.SubjectKind
	// Query matches part of the title, the key or the description, in
	// any case.
	Query  *string
	Source *Source
	// State is the state of the current version.
	State *instrument.State
}

// Validate checks the filter's values, naming the query parameter at fault.
func (f Filter) Validate() error {
	var p domain.Problems
	if f.Subject != nil && !slices.Contains(instrument.SubjectKinds(), *f.Subject) {
		p.Add("subject", "must be one of the subject kinds of the definition format")
	}
	if f.Source != nil && !slices.Contains(Sources, *f.Source) {
		p.Add("source", "must be built_in, own or shared")
	}
	if f.State != nil && !slices.Contains(states, *f.State) {
		p.Add("state", "must be draft, published or retired")
	}
	if f.Query != nil && len(*f.Query) > 200 {
		p.Add("q", "must be 200 characters or fewer")
	}
	return p.Err()
}
