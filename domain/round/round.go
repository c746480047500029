// Package round runs the audit cycle: rounds on the termly calendar, a
// sample drawn from the area's subjects by a recorded seed, and its
// allocation to a multi-agency cohort of auditors, never giving an auditor
// a subject their own service contributed to.
package round

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/instrument"
)

// Method is how a sample is drawn.
type Method string

// Sampling methods.
const (
	Random     Method = "random"
	Stratified Method = "stratified"
)

// StrataBy is the attribute a stratified sample is grouped by.
type StrataBy string

// Attributes a sample can be stratified by.
const (
	ByPrimaryNeed StrataBy = "primary_need"
	BySettingType StrataBy = "setting_type"
	ByKeyStage    StrataBy = "key_stage"
)

// StrataAttributes lists every attribute a sample can be stratified by.
var StrataAttributes = []StrataBy{ByPrimaryNeed, BySettingType, ByKeyStage}

// Sampling is a round's sampling rule.
type Sampling struct {
	Method   Method
	StrataBy StrataBy // set for stratified draws only
}

// Term is when in the school year a round runs. The framework allocates
// in October (autumn), February or March (spring) and June (summer).
type Term string

// Terms of the school year.
const (
	Autumn Term = "autumn"
	Spring Term = "spring"
	Summer Term = "summer"
)

// Terms lists the terms in calendar order within a school year.
var Terms = []Term{Autumn, Spring, Summer}

// State is where a round is in its cycle.
type State string

// Round states.
const (
	Planned   State = "planned"
	Drawn     State = "drawn"
	Allocated State = "allocated"
)

// Purpose is why a round runs: the programme's own cycle, or a follow-up
// that an action of an improvement plan scheduled.
type Purpose string

// Round purposes.
const (
	Programme Purpose = "programme"
	ReAudit   Purpose = "re_audit"
	DipSample Purpose = "dip_sample"
)

// Round is one audit round.
type Round struct {
	ID                uuid.UUID
	Name              string
	InstrumentKey     string
	InstrumentVersion int
	SubjectKind       instrument.SubjectKind
	Term              Term
	// AcademicYear is the year the school year starts in: 2026 for
	// 2026/27.
	AcademicYear int
	OpensOn      time.Time
	DueOn        time.Time
	Sampling     Sampling
	// SampleSize is how many subjects to draw; zero means the cohort's
	// size times PerAuditor, worked out at the draw.
	SampleSize int
	PerAuditor int
	// Seed is the seed of the last draw, recorded so it can be repeated.
	Seed        *int64
	Strata      []Stratum
	State       State
	DrawnAt     *time.Time
	AllocatedAt *time.Time
	CreatedBy   uuid.UUID
	// Purpose is Programme for the rounds of the programme; a follow-up
	// names the action that scheduled it.
	Purpose   Purpose
	ActionID  *uuid.UUID
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks a new round's fields.
func (r Round) Validate() error {
	var p domain.Problems
	if n := len([]rune(r.Name)); n < 1 || n > 200 {
		p.Add("name", "enter a name of 1 to 200 characters")
	}
	if r.InstrumentKey == "" {
		p.Add("instrument_key", "choose the instrument the round uses")
	}
	if r.InstrumentVersion < 1 {
		p.Add("instrument_version", "choose a published version of the instrument")
	}
	if !slices.Contains(Terms, r.Term) {
		p.Add("term", "choose autumn, spring or summer")
	}
	if r.AcademicYear < 2000 || r.AcademicYear > 2100 {
		p.Add("academic_year", "enter the year the school year starts in, such as 2026")
	}
	if r.OpensOn.IsZero() {
		p.Add("opens_on", "enter the date audits open")
	}
	if r.DueOn.IsZero() {
		p.Add("due_on", "enter the date audits are due")
	} else if !r.OpensOn.IsZero() && r.DueOn.Before(r.OpensOn) {
		p.Add("due_on", "the due date must be on or after the opening date")
	}
	switch r.Sampling.Method {
	case Random:
		if r.Sampling.StrataBy != "" {
			p.Add("strata_by", "only a stratified sample has strata; leave this out for a random one")
		}
	case Stratified:
		if !slices.Contains(StrataAttributes, r.Sampling.StrataBy) {
			p.Add("strata_by", "choose primary_need, setting_type or key_stage")
		}
	default:
		p.Add("sampling_method", "choose random or stratified")
	}
	if r.SampleSize < 0 || r.SampleSize > 10_000 {
		p.Add("sample_size", "enter a number from 1 to 10000, or leave it out")
	}
	if r.PerAuditor < 1 || r.PerAuditor > 50 {
		p.Add("per_auditor", "enter a number from 1 to 50")
	}
	return p.Err()
}

// Status is where one allocated audit is.
type Status string

// Allocation statuses.
const (
	StatusSampled    Status = "sampled"
	StatusAllocated  Status = "allocated"
	StatusInProgress Status = "in_progress"
	StatusSubmitted  Status = "submitted"
)

// Allocation is one sampled subject of a round and its auditor, if any.
type Allocation struct {
	ID          uuid.UUID
	RoundID     uuid.UUID
	SubjectID   uuid.UUID
	LocalID     string
	Services    []string
	Stratum     string
	Position    int
	AuditorID   uuid.UUID // zero until allocated
	AuditorName string
	Status      Status
	Reason      string
	Version     int
	UpdatedAt   time.Time
}

// CohortMember is one auditor of a round with the services they worked
// for when it was allocated.
type CohortMember struct {
	PersonID uuid.UUID
	Name     string
	Services []string
	LeftAt   *time.Time
}

// Progress counts a round's audits by status and by auditor.
type Progress struct {
	Sampled     int
	Allocated   int
	InProgress  int
	Submitted   int
	Unallocated int
	ByAuditor   []AuditorLoad
}

// AuditorLoad is how many of a round's audits one auditor holds.
type AuditorLoad struct {
	PersonID  uuid.UUID
	Name      string
	Services  []string
	Allocated int
	Submitted int
	Left      bool
}
