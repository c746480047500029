// Package subject keeps what the audit programme audits: EHC plans,
// needs-assessment cases, advices, providers, settings and services, each
// known by the local area's own id, imported from the council's case list.
// A child's personal data comes with some of them; it is kept only where
// the area's instruments ask for it, sealed at rest, shown only to roles
// allowed to see it, and purged when the area's retention period ends.
package subject

import (
	"slices"
	"time"

	"github.com/google/uuid"

	"sendqa/domain/instrument"
)

// Kinds lists the subject kinds that can be imported.
var Kinds = []instrument.SubjectKind{
	instrument.SubjectEHCPlan, instrument.SubjectEHCNACase, instrument.SubjectAdvice,
	instrument.SubjectAnnualReview, instrument.SubjectProvider, instrument.SubjectSetting,
	instrument.SubjectService,
}

// ValidKind reports whether k is a kind of subject this package keeps.
func ValidKind(k instrument.SubjectKind) bool { return slices.Contains(Kinds, k) }

// PrimaryNeeds are the DfE school census codes of primary need, with NSA
// for no specialist assessment.
var PrimaryNeeds = []string{
	"SPLD", "MLD", "SLD", "PMLD", "SLCN", "ASD", "SEMH", "HI", "VI", "MSI", "PD", "OTH", "NSA",
}

// Subject is one thing that can be audited.
type Subject struct {
	ID          uuid.UUID
	Kind        instrument.SubjectKind
	LocalID     string
	PrimaryNeed string
	SettingURN  string
	// SettingName and SettingType come from the area's register of
	// settings when the URN is in it.
	SettingName string
	SettingType string
	// NCY is the national curriculum year: N1, N2, R, 1 to 14 or Post-19.
	NCY      string
	KeyStage string
	// IssuedOn is the date the plan was issued or last amended, if known.
	IssuedOn *time.Time
	Amended  *bool
	// Services are the names of the services that contributed.
	Services []string

	// Sealed is the child's personal data as stored: opaque bytes that
	// only the keyring opens. HasPersonal says whether there is any.
	Sealed        []byte
	SealedKey     string
	PersonalSince *time.Time

	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// HasPersonal reports whether the subject holds a child's personal data.
func (s Subject) HasPersonal() bool { return len(s.Sealed) > 0 }

// Personal is a child's personal data, in clear. It is never logged and
// is shown only to roles allowed to see it.
type Personal struct {
	Name        string
	DateOfBirth string // YYYY-MM-DD
	NHSNumber   string // ten digits, check digit valid
}

// Empty reports whether no field is set.
func (p Personal) Empty() bool { return p == Personal{} }

// Filter narrows a list of subjects; nil fields match all.
type Filter struct {
	Kind        *instrument.SubjectKind
	PrimaryNeed *string
	KeyStage    *string
	SettingType *string
	// Service matches subjects a service contributed to, in any case.
	Service *string
	// Query matches the start of the local id, in any case.
	Query *string
}

// KeyStageOf is the key stage of a national curriculum year: EYFS for
// nursery and reception, KS1 to KS4, post-16 for years 12 to 14 and
// post-19 beyond; empty when the year is unknown.
func KeyStageOf(ncy string) string {
	switch ncy {
	case "N1", "N2", "R":
		return "EYFS"
	case "1", "2":
		return "KS1"
	case "3", "4", "5", "6":
		return "KS2"
	case "7", "8", "9":
		return "KS3"
	case "10", "11":
		return "KS4"
	case "12", "13", "14":
		return "post_16"
	case "Post-19":
		return "post_19"
	}
	return ""
}

// KeyStages lists every key stage KeyStageOf gives, in order.
var KeyStages = []string{"EYFS", "KS1", "KS2", "KS3", "KS4", "post_16", "post_19"}
