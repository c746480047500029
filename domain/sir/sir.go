// Package sir runs the yearly checks of schools' and settings' SEN
// information reports: the register of settings, imported from CSV and
// kept up to date by re-import; a round that samples settings at random
// by a recorded seed, by phase if asked; each setting's check against
// regulation 51 and Schedule 1 of the SEND Regulations 2014 and section 69
// of the Children and Families Act 2014, with the built-in checklist's
// wording; the feedback letter to the setting's SENCO as a PDF; and the
// summary across the sample.
package sir

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/instrument"
	"sendqa/domain/round"
)

// InstrumentKey names the built-in SEN information report check, whose
// Schedule 1, disability and accessibility items are the checklist.
const InstrumentKey = "sen_information_report_check"

// Rating is how far a report meets one required item.
type Rating string

// Ratings, as the built-in check words them.
const (
	Met          Rating = "met"
	PartiallyMet Rating = "partially_met"
	NotMet       Rating = "not_met"
)

// Ratings lists every rating, best first.
var Ratings = []Rating{Met, PartiallyMet, NotMet}

// Label is the rating as a letter or page shows it.
func (r Rating) Label() string {
	switch r {
	case Met:
		return "Met"
	case PartiallyMet:
		return "Partially met"
	case NotMet:
		return "Not met"
	}
	return ""
}

// ByPhase is the attribute a round's sample is stratified by.
const ByPhase round.StrataBy = "phase"

// Item is one required content of a report, as the built-in check words
// it, with the provision that requires it.
type Item struct {
	ID       string
	Section  string
	Label    string
	Guidance string
}

// Checklist reads the required items from the built-in check: every
// scale item, in the order the check asks them.
func Checklist(def instrument.Definition) []Item {
	var out []Item
	for _, s := range def.Sections {
		for _, it := range s.Items {
			if it.Kind != instrument.KindScale {
				continue
			}
			out = append(out, Item{ID: it.ID, Section: s.Title, Label: it.Label,
				Guidance: it.Guidance})
		}
	}
	return out
}

// BuiltInChecklist is the checklist of the built-in check in the library
// compiled into the program. Returns an error only if the library is
// broken, which its own tests prevent.
func BuiltInChecklist() ([]Item, error) {
	defs, err := instrument.Library()
	if err != nil {
		return nil, fmt.Errorf("read the instrument library: %w", err)
	}
	for _, d := range defs {
		if d.Key == InstrumentKey {
			return Checklist(d), nil
		}
	}
	return nil, fmt.Errorf("the library has no %s", InstrumentKey)
}

// Assessment is one item's rating and the officer's comment on it.
type Assessment struct {
	Rating  Rating
	Comment string
}

// Round is one year's check of a random sample of the area's settings.
type Round struct {
	ID         uuid.UUID
	Name       string
	Year       int
	SampleSize int
	ByPhase    bool
	// Seed drew the sample: the same register and seed draw it again.
	Seed int64
	// Strata are the phases drawn from when the sample is by phase.
	Strata []round.Stratum
	// Population is how many settings the sample was drawn from.
	Population int
	DueOn      instrument.Date
	CreatedBy  uuid.UUID
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time

	// Counts of the round's checks, filled in by the store.
	Checks, Allocated, Completed int
}

// Validate checks a new round's fields.
func (r Round) Validate() error {
	var p domain.Problems
	switch n := len([]rune(r.Name)); {
	case n == 0:
		p.Add("name", "enter a name for the round")
	case n > 200:
		p.Add("name", "use 200 characters or fewer")
	}
	if r.Year < 2014 || r.Year > 2100 {
		p.Add("year", "enter a year from 2014 to 2100")
	}
	if r.SampleSize < 1 || r.SampleSize > 1000 {
		p.Add("sample_size", "enter a sample size from 1 to 1000")
	}
	if r.DueOn.IsZero() {
		p.Add("due_on", "enter the date the checks are due")
	}
	return p.Err()
}

// State is where a check is.
type State string

// Check states.
const (
	Unallocated State = "unallocated"
	Allocated   State = "allocated"
	Completed   State = "completed"
)

// Copy is the captured copy of a report as it was on the day of a check.
type Copy struct {
	Key  string // where the bytes are kept in the evidence bucket
	Name string
	Type string // application/pdf or text/html
	Size int64
}

// Check is one sampled setting's SEN information report check.
type Check struct {
	ID        uuid.UUID
	RoundID   uuid.UUID
	RoundName string
	Year      int
	DueOn     instrument.Date

	Setting Setting
	Stratum string

	OfficerID   uuid.UUID // zero while unallocated
	OfficerName string
	State       State

	ReportURL   string
	CheckedOn   instrument.Date
	Published   *bool
	LastUpdated instrument.Date
	Ratings     map[string]Assessment
	Copy        *Copy

	CompletedAt *time.Time
	Version     int
	CreatedAt   time.Time
	UpdatedAt   time.Time

	// LetterState is the state of its letter, empty when none is drafted.
	LetterState LetterState
}

// Stale reports whether the check found the report last updated more
// than twelve months before the check.
func (c Check) Stale() bool {
	return !c.LastUpdated.IsZero() && !c.CheckedOn.IsZero() &&
		OverTwelveMonths(c.LastUpdated, c.CheckedOn)
}

// OverTwelveMonths reports whether a report last updated on updated was
// more than twelve months old on checked. Twelve months before a day is
// the same day a year earlier, or the end of February when that day is
// the 29th: a report updated on that day is still within twelve months.
func OverTwelveMonths(updated, checked instrument.Date) bool {
	return updated.Before(checked.AddMonths(-12))
}

// Draft is what an officer saves of a check; nil fields stay as they are.
type Draft struct {
	ReportURL   *string
	CheckedOn   *instrument.Date
	Published   *bool
	LastUpdated *instrument.Date
	// Ratings replaces the ratings given, item by item.
	Ratings map[string]Assessment
}

const maxComment = 2000

// apply returns the check with the draft's fields changed and any
// problems with them, paths as the request names them.
func (c Check) apply(d Draft, items []Item, today instrument.Date) (Check, error) {
	var p domain.Problems
	if d.ReportURL != nil {
		c.ReportURL = *d.ReportURL
	}
	if c.ReportURL != "" {
		checkURL(&p, "report_url", c.ReportURL)
	}
	if d.CheckedOn != nil {
		c.CheckedOn = *d.CheckedOn
	}
	if !c.CheckedOn.IsZero() && c.CheckedOn.After(today) {
		p.Add("checked_on", "the date of the check cannot be in the future")
	}
	if d.Published != nil {
		c.Published = d.Published
	}
	if d.LastUpdated != nil {
		c.LastUpdated = *d.LastUpdated
	}
	if !c.LastUpdated.IsZero() && !c.CheckedOn.IsZero() && c.LastUpdated.After(c.CheckedOn) {
		p.Add("last_updated", "the report cannot have been updated after the check")
	}

	known := map[string]bool{}
	for _, it := range items {
		known[it.ID] = true
	}
	ratings := make(map[string]Assessment, len(c.Ratings)+len(d.Ratings))
	for id, a := range c.Ratings {
		ratings[id] = a
	}
	for id, a := range d.Ratings {
		path := domain.Path("ratings", id)
		switch {
		case !known[id]:
			p.Add(path, "is not an item of the check")
			continue
		case a.Rating != "" && a.Rating != Met && a.Rating != PartiallyMet && a.Rating != NotMet:
			p.Add(domain.Path(path, "rating"), "choose Met, Partially met or Not met")
		}
		if len([]rune(a.Comment)) > maxComment {
			p.Add(domain.Path(path, "comment"), "use %d characters or fewer", maxComment)
		}
		ratings[id] = a
	}
	c.Ratings = ratings
	return c, p.Err()
}

// checkComplete lists what a check still needs before it can be
// completed.
func (c Check) checkComplete(items []Item) error {
	var p domain.Problems
	if c.ReportURL == "" {
		p.Add("report_url", "enter the web address of the report")
	}
	if c.CheckedOn.IsZero() {
		p.Add("checked_on", "enter the date of the check")
	}
	if c.Published == nil {
		p.Add("published", "say whether the report is published on the setting's website")
	}
	if c.Published != nil && *c.Published && c.LastUpdated.IsZero() {
		p.Add("last_updated", "enter the date the report says it was last updated")
	}
	for _, it := range items {
		a := c.Ratings[it.ID]
		if a.Rating == "" {
			p.Add(domain.Path("ratings", it.ID, "rating"), "choose Met, Partially met or Not met")
		}
		if a.Rating != "" && a.Rating != Met && a.Comment == "" {
			p.Add(domain.Path("ratings", it.ID, "comment"),
				"say what is missing, so that the setting knows what to add")
		}
	}
	return p.Err()
}

// Counts tallies a check's ratings.
func (c Check) Counts() (met, partial, notMet int) {
	for _, a := range c.Ratings {
		switch a.Rating {
		case Met:
			met++
		case PartiallyMet:
			partial++
		case NotMet:
			notMet++
		}
	}
	return met, partial, notMet
}
