package sir

import (
	"time"

	"github.com/google/uuid"

	"sendqa/domain/instrument"
)

// LetterState is where a feedback letter is.
type LetterState string

// Letter states: drafted from the check, reviewed by the officer, sent to
// the SENCO.
const (
	LetterDraft    LetterState = "draft"
	LetterReviewed LetterState = "reviewed"
	LetterSent     LetterState = "sent"
)

// Finding is one item as the letter reports it.
type Finding struct {
	ItemID  string
	Label   string
	Rating  Rating
	Comment string
}

// Findings is what a letter says: which items are met, which are partly
// met and which are not met, and whether the report was published and
// up to date.
type Findings struct {
	SettingName string
	URN         string
	ReportURL   string
	CheckedOn   instrument.Date
	Published   bool
	LastUpdated instrument.Date
	Stale       bool
	Met         []Finding
	Partly      []Finding
	NotMet      []Finding
	RespondBy   instrument.Date
}

// Letter is the feedback letter of one check.
type Letter struct {
	ID          uuid.UUID
	CheckID     uuid.UUID
	State       LetterState
	Findings    Findings
	PDF         []byte
	GeneratedBy uuid.UUID
	GeneratedAt time.Time
	ReviewedBy  uuid.UUID
	ReviewedAt  *time.Time
	SentTo      string
	SentAt      *time.Time
	// CheckVersion is the version of the check it was written from: a
	// letter of an older version must be written again before it goes.
	CheckVersion int
	Version      int
}

// respondWeeks is how long a setting has to update its report after the
// letter, the half term the framework allows.
const respondWeeks = 6

// Compose works out a completed check's findings, items in the
// checklist's order. Every item rated Not met is in NotMet and nowhere
// else, and likewise for the other ratings.
func Compose(c Check, items []Item, today instrument.Date) Findings {
	f := Findings{SettingName: c.Setting.Name, URN: c.Setting.URN, ReportURL: c.ReportURL,
		CheckedOn: c.CheckedOn, Published: c.Published != nil && *c.Published,
		LastUpdated: c.LastUpdated, Stale: c.Stale(), RespondBy: today.AddDays(7 * respondWeeks)}
	for _, it := range items {
		a := c.Ratings[it.ID]
		finding := Finding{ItemID: it.ID, Label: it.Label, Rating: a.Rating, Comment: a.Comment}
		switch a.Rating {
		case Met:
			f.Met = append(f.Met, finding)
		case PartiallyMet:
			f.Partly = append(f.Partly, finding)
		case NotMet:
			f.NotMet = append(f.NotMet, finding)
		}
	}
	return f
}

// ToDo is what the letter asks the setting to do, one line each: publish
// or update the report, and add each item partly or not met.
func (f Findings) ToDo() []string {
	var out []string
	if !f.Published {
		out = append(out, "Publish your SEN information report on your website.")
	}
	if f.Stale {
		out = append(out, "Review your SEN information report and publish the updated report "+
			"with the date of the review: it must be updated at least every year.")
	}
	for _, x := range f.NotMet {
		out = append(out, "Add to the report: "+lowerFirst(x.Label)+".")
	}
	for _, x := range f.Partly {
		out = append(out, "Say more in the report about "+lowerFirst(x.Label)+".")
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" || len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s // an acronym such as "SEN" stays as it is
	}
	if s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
