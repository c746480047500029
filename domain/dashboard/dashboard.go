// Package dashboard assembles the figures each role acts on, and the
// regional benchmarks, from counts the store makes. Every count about
// children is withheld below the threshold the way official statistics
// do (package stats); counts about plans and actions are not.
package dashboard

import (
	"context"
	"slices"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/stats"
)

// Kind is whose dashboard it is.
type Kind string

// The dashboards.
const (
	ForProgramme Kind = "programme" // the QA lead's programme at a glance
	ForService   Kind = "service"   // a service manager's own services
	ForBoard     Kind = "board"     // the partnership board's headline indicators
)

// Filter narrows a dashboard to a period and to children by their
// attributes; empty strings do not narrow.
type Filter struct {
	From, To    time.Time
	PrimaryNeed string
	KeyStage    string
	SettingType string
	// Services narrows to subjects any of these services contributed to.
	Services []string
}

// Validate checks the period.
func (f Filter) Validate() error {
	var p domain.Problems
	if f.From.IsZero() || f.To.IsZero() {
		p.Add("from", "give the period as two dates")
	} else if f.To.Before(f.From) {
		p.Add("to", "the end of the period must be on or after its start")
	} else if f.To.Sub(f.From) > 5*366*24*time.Hour {
		p.Add("to", "choose a period of up to five years")
	}
	return p.Err()
}

// Labelled is a count with its label, as the store reads it.
type Labelled struct {
	Label string
	Count int
}

// Counts are the raw figures of one area for a filter.
type Counts struct {
	// Grades are submitted audits by overall result.
	Grades []Labelled
	// Audits are the period's allocated audits by status: submitted,
	// in_progress, not_started, overdue.
	Audits []Labelled
	// Moderated counts agreed moderations; Agreed those whose moderator
	// reached the first auditor's overall result.
	Moderated, Agreed int
	// FinalPlans are EHCNA final-plan milestones by status.
	FinalPlans []Labelled
	// Actions are actions by state: open, overdue, completed.
	Actions []Labelled
	// Feedback is feedback to services by state: sent, answered.
	Feedback []Labelled
}

// Store counts what a dashboard shows, in the current tenant.
type Store interface {
	CountFigures(ctx context.Context, k Kind, f Filter, today time.Time, personID uuid.UUID) (Counts, error)
	// ServicesLedBy names the services whose local plans the person leads.
	ServicesLedBy(ctx context.Context, personID uuid.UUID) ([]string, error)
}

// Breakdown is a distribution with its total, after suppression.
type Breakdown struct {
	Key, Title string
	Parts      []Part
	Total      stats.Count
}

// Part is one labelled count of a breakdown.
type Part struct {
	Label string
	Count stats.Count
}

// Share is a proportion, withheld when either of its counts is.
type Share struct {
	Key, Title string
	// Percent is the share in whole percent, nil when withheld.
	Percent *int
	// Of is the denominator.
	Of stats.Count
}

// Dashboard is one role's figures for a filter.
type Dashboard struct {
	Kind       Kind
	Filter     Filter
	Breakdowns []Breakdown
	Shares     []Share
	// Plain are counts not about children (actions, feedback), shown as
	// they are.
	Plain []Breakdown
}

// breakdown suppresses labelled counts in the given order of labels;
// labels not listed follow in the order met.
func breakdown(key, title string, list []Labelled, order []string) Breakdown {
	labels := slices.Clone(order)
	for _, l := range list {
		if !slices.Contains(labels, l.Label) {
			labels = append(labels, l.Label)
		}
	}
	values := make([]int, len(labels))
	for _, l := range list {
		values[slices.Index(labels, l.Label)] += l.Count
	}
	parts, total := stats.Distribution(values)
	b := Breakdown{Key: key, Title: title, Total: total}
	for i, l := range labels {
		b.Parts = append(b.Parts, Part{Label: l, Count: parts[i]})
	}
	return b
}

// plain keeps counts as they are.
func plain(key, title string, list []Labelled, order []string) Breakdown {
	b := Breakdown{Key: key, Title: title}
	for _, l := range order {
		n := 0
		for _, x := range list {
			if x.Label == l {
				n += x.Count
			}
		}
		b.Parts = append(b.Parts, Part{Label: l, Count: stats.Count{Value: n}})
		b.Total.Value += n
	}
	return b
}

// share is part of whole, withheld when the part, the rest or the whole
// is under the threshold, since any of them gives the others away.
func share(key, title string, part, whole int) Share {
	t := stats.Suppress([][]int{{part, whole - part}})
	s := Share{Key: key, Title: title, Of: t.RowTotals[0]}
	if !t.Cells[0][0].Suppressed && !t.Cells[0][1].Suppressed && whole > 0 {
		p := (part*100 + whole/2) / whole
		s.Percent = &p
	}
	return s
}

// GradeOrder is the order results are shown in.
var GradeOrder = []string{"outstanding", "good", "requires_improvement", "inadequate"}

// Service assembles dashboards.
type Service struct {
	Store Store
	Now   func() time.Time
}

func (s Service) today() time.Time {
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	y, m, d := now.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DefaultPeriod is the school year so far: from 1 September to today.
func (s Service) DefaultPeriod() (time.Time, time.Time) {
	today := s.today()
	year := today.Year()
	if today.Month() < time.September {
		year--
	}
	return time.Date(year, time.September, 1, 0, 0, 0, 0, time.UTC), today
}

// FindDashboard assembles a dashboard for the viewer. A service
// manager's dashboard covers the services whose local plans they lead.
// Callers must hold the dashboard's own right. Returns domain.ErrInvalid.
func (s Service) FindDashboard(ctx context.Context, k Kind, f Filter,
	viewer uuid.UUID) (Dashboard, error) {
	if err := f.Validate(); err != nil {
		return Dashboard{}, err
	}
	if k == ForService {
		services, err := s.Store.ServicesLedBy(ctx, viewer)
		if err != nil {
			return Dashboard{}, err
		}
		f.Services = services
	}
	c, err := s.Store.CountFigures(ctx, k, f, s.today(), viewer)
	if err != nil {
		return Dashboard{}, err
	}
	d := Dashboard{Kind: k, Filter: f}
	grades := breakdown("grades", "Audits by overall result", c.Grades, GradeOrder)
	d.Breakdowns = append(d.Breakdowns, grades)
	good := 0
	for _, l := range c.Grades {
		if l.Label == "outstanding" || l.Label == "good" {
			good += l.Count
		}
	}
	whole := 0
	for _, l := range c.Grades {
		whole += l.Count
	}
	d.Shares = append(d.Shares, share("good_or_better", "Audits rated good or better", good, whole))

	switch k {
	case ForProgramme:
		d.Breakdowns = append(d.Breakdowns, breakdown("audits", "The period's audits by progress",
			c.Audits, []string{"submitted", "in_progress", "not_started", "overdue"}))
		d.Shares = append(d.Shares, share("moderation_agreement",
			"Moderated audits whose moderator reached the same result", c.Agreed, c.Moderated))
		d.Plain = append(d.Plain, plain("feedback", "Feedback to services", c.Feedback,
			[]string{"sent", "answered"}))
	case ForService:
		d.Plain = append(d.Plain, plain("feedback", "Feedback to your services", c.Feedback,
			[]string{"sent", "answered"}))
	case ForBoard:
		onTime, late, excused := 0, 0, 0
		for _, l := range c.FinalPlans {
			switch l.Label {
			case "on_time":
				onTime += l.Count
			case "late", "missing":
				late += l.Count
			case "excused":
				excused += l.Count
			}
		}
		d.Shares = append(d.Shares,
			share("ehcna_20_weeks", "EHC plans issued within 20 weeks, excluding exceptions",
				onTime, onTime+late),
			share("ehcna_20_weeks_all", "EHC plans issued within 20 weeks, including exceptions",
				onTime, onTime+late+excused))
	}
	d.Plain = append(d.Plain, plain("actions", "Improvement plan actions", c.Actions,
		[]string{"open", "overdue", "completed"}))
	return d, nil
}
