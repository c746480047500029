// Package apaudit assures the quality of alternative provision (AP):
// providers as organisations with their own people, known to every
// council that audits them; audits of a provider against an instrument's
// quality standards, where the provider gives a statement and evidence per
// standard and an officer rates each Red, Amber or Green with feedback;
// challenges of a rating; the overall result by the instrument's rule with
// a decision and a review date; and a council's explicit, revocable share
// of a result with the other councils of its region.
package apaudit

import (
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/instrument"
	"sendqa/domain/response"
)

// AccessPeriod is how long a provider's people keep access to a council
// after the council last opened an audit of them.
const AccessPeriod = 365 * 24 * time.Hour

// Provider is an alternative provision provider, one however many
// councils know it.
type Provider struct {
	ID   uuid.UUID
	Name string
}

// LinkState says whether a council still works with a provider.
type LinkState string

// Link states.
const (
	LinkActive LinkState = "active"
	LinkEnded  LinkState = "ended"
)

// Link is a council's knowledge of a provider: a row of its register.
type Link struct {
	ProviderID   uuid.UUID
	ProviderName string
	State        LinkState
	ContactEmail string
	// AccessUntil is the last day the provider's people may work with the
	// council unless a new audit is opened.
	AccessUntil time.Time
	InvitedBy   uuid.UUID
	EndedAt     *time.Time
	Version     int
	CreatedAt   time.Time
	// The register's figures, read with the link.
	Current        *Current
	Outstanding    int
	OpenChallenges int
	OpenAudits     int
}

// Current is a provider's latest decided result in one council.
type Current struct {
	AuditID   uuid.UUID
	Overall   string
	Decision  Decision
	DecidedAt time.Time
	ReviewOn  time.Time
}

// State is where an audit is.
type State string

// Audit states: the council asked for evidence; the provider submitted
// it; the officer asked for more on some standards; the officer decided.
const (
	Requested    State = "requested"
	Submitted    State = "submitted"
	MoreEvidence State = "more_evidence"
	Decided      State = "decided"
)

// Decision is what the council decided about a provider.
type Decision string

// Decisions.
const (
	Approved               Decision = "approved"
	ApprovedWithConditions Decision = "approved_with_conditions"
	NotApproved            Decision = "not_approved"
)

// Decisions lists every decision.
var Decisions = []Decision{Approved, ApprovedWithConditions, NotApproved}

// Ratings lists the ratings a standard may have.
var Ratings = []string{"red", "amber", "green"}

// Audit is one audit of a provider by a council.
type Audit struct {
	ID                uuid.UUID
	TenantID          uuid.UUID
	TenantSlug        string
	TenantName        string
	ProviderID        uuid.UUID
	ProviderName      string
	InstrumentKey     string
	InstrumentVersion int
	Definition        instrument.Definition
	State             State
	EvidenceDueOn     time.Time
	// ExtensionUntil is the date the provider asked to have, until the
	// officer grants it.
	ExtensionUntil  *time.Time
	ExtensionReason string
	VisitOn         *time.Time
	VisitNotes      string
	Overall         string
	Decision        Decision
	Conditions      string
	ReviewOn        *time.Time
	DecidedBy       uuid.UUID
	DecidedAt       *time.Time
	SubmittedAt     *time.Time
	OpenedBy        uuid.UUID
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time

	Standards  []Standard
	Challenges []Challenge
	Shares     []Share
	// Outstanding counts the standards waiting for the provider, and
	// OpenChallenges the challenges waiting for an answer; lists fill
	// them in.
	Outstanding    int
	OpenChallenges int
	Shared         bool
}

// StandardState is where one standard is.
type StandardState string

// Standard states: waiting for the provider, saved as a draft, submitted,
// rated by the officer.
const (
	StandardRequested StandardState = "requested"
	StandardDraft     StandardState = "draft"
	StandardSubmitted StandardState = "submitted"
	StandardRated     StandardState = "rated"
)

// Standard is one quality standard of an audit.
type Standard struct {
	Key       string
	Position  int
	Theme     string
	Title     string
	Guidance  string
	State     StandardState
	Statement string
	Rating    string
	Feedback  string
	// MoreRequest says what more evidence the officer asked for.
	MoreRequest string
	Version     int
	UpdatedAt   time.Time
	Evidence    []response.Evidence
}

// open reports whether the provider may still change the standard.
func (s Standard) open() bool {
	return s.State == StandardRequested || s.State == StandardDraft
}

// Challenge is a provider's challenge of one standard's rating.
type Challenge struct {
	ID          uuid.UUID
	AuditID     uuid.UUID
	StandardKey string
	Rating      string
	Reasons     string
	RaisedBy    uuid.UUID
	RaisedAt    time.Time
	Outcome     string
	Answer      string
	NewRating   string
	AnsweredBy  uuid.UUID
	AnsweredAt  *time.Time
	Version     int
}

// Challenge outcomes.
const (
	Upheld    = "upheld"
	NotUpheld = "not_upheld"
)

// Share is a council's share of a decided result with its region.
type Share struct {
	ID          uuid.UUID
	AuditID     uuid.UUID
	RegionID    uuid.UUID
	SharedBy    uuid.UUID
	SharedAt    time.Time
	WithdrawnAt *time.Time
}

// InForce reports whether the share still reaches the region.
func (s Share) InForce() bool { return s.WithdrawnAt == nil }

// standardsOf reads the quality standards of a definition: every rag item
// whose id ends in _rating is a standard, with the statement, evidence and
// feedback items of the same stem beside it and its section as its theme.
// The built-in AP instrument and a tenant's own follow that convention.
func standardsOf(def instrument.Definition) []Standard {
	var out []Standard
	for i := range def.Sections {
		sec := &def.Sections[i]
		for _, it := range sec.Items {
			stem, ok := strings.CutSuffix(it.ID, "_rating")
			if !ok || it.Kind != instrument.KindRAG {
				continue
			}
			title, _, _ := strings.Cut(it.Label, ": ")
			out = append(out, Standard{Key: stem, Position: len(out) + 1, Theme: sec.Title,
				Title: title, Guidance: it.Guidance, State: StandardRequested})
		}
	}
	return out
}

// overall works out the overall result from the standards' ratings by the
// definition's own rule: the built-in instrument's count rule is red when
// any standard is red, green when at least twelve are green, and amber
// otherwise.
func overall(def instrument.Definition, standards []Standard, asOf time.Time) (string, error) {
	answers := instrument.Answers{}
	for _, s := range standards {
		if s.Rating != "" {
			answers[s.Key+"_rating"] = instrument.Choice(s.Rating)
		}
	}
	r, err := instrument.Score(def, answers, asOf)
	if err != nil {
		return "", err
	}
	if !r.Overall.Scored {
		return "", domain.Conflict("the instrument's rule gives no overall result for these ratings")
	}
	return r.Overall.Label, nil
}

// standard returns the audit's standard with key.
func (a Audit) standard(key string) (int, bool) {
	i := slices.IndexFunc(a.Standards, func(s Standard) bool { return s.Key == key })
	return i, i >= 0
}

// openChallenge reports whether a standard has a challenge not yet
// answered.
func (a Audit) openChallenge(key string) bool {
	return slices.ContainsFunc(a.Challenges, func(c Challenge) bool {
		return c.StandardKey == key && c.AnsweredAt == nil
	})
}

// ShareInForce returns the audit's share in force, if any.
func (a Audit) ShareInForce() (Share, bool) {
	for _, s := range a.Shares {
		if s.InForce() {
			return s, true
		}
	}
	return Share{}, false
}

// fields is what the trail keeps of an audit: no statements, only states.
func (a Audit) fields() map[string]any {
	f := map[string]any{"provider_id": a.ProviderID.String(), "state": string(a.State),
		"instrument": a.InstrumentKey, "evidence_due_on": a.EvidenceDueOn.Format(time.DateOnly)}
	if a.Overall != "" {
		f["overall"], f["decision"] = a.Overall, string(a.Decision)
	}
	if a.ReviewOn != nil {
		f["review_on"] = a.ReviewOn.Format(time.DateOnly)
	}
	return f
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func checkText(p *domain.Problems, field, v string, min, max int, what string) {
	n := len([]rune(strings.TrimSpace(v)))
	switch {
	case n < min:
		p.Add(field, "%s", what)
	case n > max:
		p.Add(field, "keep it to %d characters", max)
	}
}

// ReviewLead is how long before a review date its reminder goes.
const ReviewLead = 30 * 24 * time.Hour

// ReviewDue is a provider's latest decided audit whose review date is
// near, and who should hear of it: the officer who decided and the
// provider's people who belong to the council.
type ReviewDue struct {
	AuditID      uuid.UUID
	ProviderName string
	ReviewOn     time.Time
	People       []uuid.UUID
}
