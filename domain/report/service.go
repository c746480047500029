package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/actionplan"
	"sendqa/domain/audit"
	"sendqa/domain/moderation"
	"sendqa/domain/triangulation"
)

// State is where a report stands.
type State string

// Report states: a draft's figures follow the data; a published report's
// are frozen.
const (
	Draft     State = "draft"
	Published State = "published"
)

// NarrativeSections are the sections the practitioner writes, in the
// report's order.
var NarrativeSections = []string{"summary", "audits", "moderation", "timeliness", "themes",
	"plan", "voice", "next_steps"}

// Report is a practice report for a period.
type Report struct {
	ID       uuid.UUID
	Title    string
	From, To time.Time
	State    State
	// Narrative holds the practitioner's text by section.
	Narrative map[string]string
	// Figures are frozen at publication; nil for a draft.
	Figures *Figures
	// PreviousID is the published report this one compares with.
	PreviousID  uuid.UUID
	PublishedAt *time.Time
	PublishedBy uuid.UUID
	CreatedBy   uuid.UUID
	Version     int
	CreatedAt,
	UpdatedAt time.Time
}

// Validate checks a report's own fields.
func (r Report) Validate() error {
	var p domain.Problems
	if n := len([]rune(strings.TrimSpace(r.Title))); n < 1 || n > 200 {
		p.Add("title", "enter a title of 1 to 200 characters")
	}
	if r.From.IsZero() {
		p.Add("from", "enter the first day of the period")
	}
	if r.To.IsZero() {
		p.Add("to", "enter the last day of the period")
	}
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Before(r.From) {
		p.Add("to", "the end of the period must not be before its start")
	}
	for k, v := range r.Narrative {
		if !slices.Contains(NarrativeSections, k) {
			p.Add(domain.Path("narrative", k), "choose one of the report's sections")
		}
		if len([]rune(v)) > 20000 {
			p.Add(domain.Path("narrative", k), "keep a section to 20,000 characters")
		}
	}
	return p.Err()
}

// Patch changes a draft's title or narrative; a nil field stays, and a
// narrative section given empty is removed.
type Patch struct {
	Title     *string
	Narrative map[string]string
}

// Store keeps reports and reads the results a report counts. Every
// method runs in the transaction carried by ctx, in the current tenant.
type Store interface {
	CreateReport(ctx context.Context, r Report) (Report, error)
	FindReport(ctx context.Context, id uuid.UUID) (Report, error)
	ListReports(ctx context.Context, p domain.Page) (domain.List[Report], error)
	UpdateReport(ctx context.Context, r Report, version int) (Report, error)
	// PublishReport freezes a report at version with its figures.
	PublishReport(ctx context.Context, r Report, version int) (Report, error)
	// ListPublishedBefore lists the published reports whose period ends
	// before day, oldest first.
	ListPublishedBefore(ctx context.Context, day time.Time) ([]Report, error)
	// ListResults lists the responses submitted in the period.
	ListResults(ctx context.Context, from, to time.Time) ([]Result, error)
	// ListModeratedRounds lists the rounds with a moderation submitted in
	// the period, by due date.
	ListModeratedRounds(ctx context.Context, from, to time.Time) ([]RoundRef, error)
}

// RoundRef names a round.
type RoundRef struct {
	ID   uuid.UUID
	Name string
}

// Agreements work out moderation agreement (the moderation service).
type Agreements interface {
	Agreement(ctx context.Context, roundID *uuid.UUID) (moderation.Report, error)
}

// Matrices lay findings out by theme and source (the triangulation
// service).
type Matrices interface {
	Triangulate(ctx context.Context, p triangulation.Period) (triangulation.Matrix, error)
	ListFindings(ctx context.Context, f triangulation.FindingFilter,
		p domain.Page) (domain.List[triangulation.Finding], error)
}

// Actions list improvement plan actions (the action plan service).
type Actions interface {
	ListActions(ctx context.Context, f actionplan.ActionFilter,
		p domain.Page) (domain.List[actionplan.Action], error)
	Today() time.Time
}

// Service keeps reports and assembles their figures. Callers must hold
// reports write for changes and reports read for the rest; the route
// table checks it.
type Service struct {
	Store      Store
	Agreements Agreements
	Matrices   Matrices
	Actions    Actions
	// Definitions give activities their instruments' titles and labels.
	Definitions triangulation.Definitions
	Trail       audit.Recorder
	Now         func() time.Time
}

func (s Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// CreateReport starts a draft report for a period. Returns
// domain.ErrInvalid.
func (s Service) CreateReport(ctx context.Context, by uuid.UUID, r Report) (Report, error) {
	r.Title = strings.TrimSpace(r.Title)
	if r.Narrative == nil {
		r.Narrative = map[string]string{}
	}
	if err := r.Validate(); err != nil {
		return Report{}, err
	}
	r.ID, r.State, r.CreatedBy, r.Figures = uuid.New(), Draft, by, nil
	created, err := s.Store.CreateReport(ctx, r)
	if err != nil {
		return Report{}, fmt.Errorf("create report: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "report", created.ID, nil,
		created.fields()); err != nil {
		return Report{}, fmt.Errorf("record report creation: %w", err)
	}
	return created, nil
}

// ListReports returns a page of reports, latest period first.
func (s Service) ListReports(ctx context.Context, p domain.Page) (domain.List[Report], error) {
	return s.Store.ListReports(ctx, p.Normalised())
}

// View is a report with its figures and the previous report's.
type View struct {
	Report   Report
	Figures  Figures
	Previous *Report
	Changes  []Change
}

// FindReport returns a report with its figures: a draft's worked out
// now, a published report's as frozen. Returns domain.ErrNotFound.
func (s Service) FindReport(ctx context.Context, id uuid.UUID) (View, error) {
	r, err := s.Store.FindReport(ctx, id)
	if err != nil {
		return View{}, err
	}
	v := View{Report: r}
	earlier, err := s.Store.ListPublishedBefore(ctx, r.From)
	if err != nil {
		return View{}, fmt.Errorf("list earlier reports: %w", err)
	}
	if r.Figures != nil {
		v.Figures = *r.Figures
		for i := range earlier {
			if earlier[i].ID == r.PreviousID {
				v.Previous = &earlier[i]
			}
		}
	} else {
		if v.Figures, err = s.Assemble(ctx, r.From, r.To, earlier); err != nil {
			return View{}, err
		}
		if len(earlier) > 0 {
			v.Previous = &earlier[len(earlier)-1]
		}
	}
	var prev *Figures
	if v.Previous != nil {
		prev = v.Previous.Figures
	}
	v.Changes = Compare(v.Figures, prev)
	return v, nil
}

// Assemble works out a period's figures from the data, beside the
// earlier published reports.
func (s Service) Assemble(ctx context.Context, from, to time.Time,
	earlier []Report) (Figures, error) {
	in := Inputs{From: from, To: to, Today: s.Actions.Today()}
	var err error
	if in.Results, err = s.Store.ListResults(ctx, from, to); err != nil {
		return Figures{}, fmt.Errorf("list results: %w", err)
	}
	s.describe(ctx, in.Results)
	rounds, err := s.Store.ListModeratedRounds(ctx, from, to)
	if err != nil {
		return Figures{}, fmt.Errorf("list moderated rounds: %w", err)
	}
	for _, rd := range rounds {
		rep, err := s.Agreements.Agreement(ctx, &rd.ID)
		if err != nil {
			return Figures{}, fmt.Errorf("work out agreement: %w", err)
		}
		in.Agreement = append(in.Agreement, agreementOf(rd.Name, rep))
	}
	period := triangulation.Period{From: from, To: to}
	if in.Matrix, err = s.Matrices.Triangulate(ctx, period); err != nil {
		return Figures{}, err
	}
	if in.Voice, err = s.voice(ctx, period); err != nil {
		return Figures{}, err
	}
	if in.Actions, err = s.practiceActions(ctx); err != nil {
		return Figures{}, err
	}
	for _, e := range earlier {
		if e.Figures != nil {
			in.Earlier = append(in.Earlier, Earlier{Title: e.Title, Figures: *e.Figures})
		}
	}
	return Assemble(in), nil
}

// agreementOf sums a round's moderation report: the percentage agreement
// over every rated item, and the quadratic-weighted kappa of the graded
// items (the scale the quality audits use), when there are any.
func agreementOf(name string, rep moderation.Report) Agreement {
	a := Agreement{Round: name}
	for _, g := range rep.ByRound {
		a.Pairs, a.Agreement = g.Pairs, g.Agreement
		for _, st := range g.ByScale {
			if st.Matrix != nil && st.Matrix.Scale.Name == "grade" && st.Quadratic.Defined {
				a.Kappa, a.KappaDefined, a.Band = st.Quadratic.Value, true, string(st.Quadratic.Band)
			}
		}
		if !a.KappaDefined && len(g.ByScale) > 0 && g.ByScale[0].Quadratic.Defined {
			k := g.ByScale[0].Quadratic
			a.Kappa, a.KappaDefined, a.Band = k.Value, true, string(k.Band)
		}
	}
	return a
}

func (s Service) voice(
	ctx context.Context,
	p triangulation.Period,
) ([]triangulation.Finding, error) {
	var out []triangulation.Finding
	for _, src := range triangulation.Sources {
		if !src.Voice {
			continue
		}
		kind := src.Kind
		list, err := s.Matrices.ListFindings(ctx, triangulation.FindingFilter{Period: p,
			SourceKind: &kind}, domain.Page{Limit: 20})
		if err != nil {
			return nil, fmt.Errorf("list voice findings: %w", err)
		}
		out = append(out, list.Items...)
	}
	return out, nil
}

func (s Service) practiceActions(ctx context.Context) ([]actionplan.Action, error) {
	practice := actionplan.Practice
	f := actionplan.ActionFilter{PlanKind: &practice}
	var out []actionplan.Action
	page := domain.Page{Limit: domain.MaxPageLimit}
	for {
		list, err := s.Actions.ListActions(ctx, f, page)
		if err != nil {
			return nil, fmt.Errorf("list actions: %w", err)
		}
		out = append(out, list.Items...)
		if list.NextCursor == "" {
			return out, nil
		}
		page.Cursor = list.NextCursor
	}
}

// UpdateReport changes a draft loaded at version. Returns domain.ErrStale,
// domain.ErrInvalid, or domain.ErrConflict for a published report.
func (s Service) UpdateReport(ctx context.Context, id uuid.UUID, version int,
	patch Patch) (Report, error) {
	current, err := s.Store.FindReport(ctx, id)
	if err != nil {
		return Report{}, fmt.Errorf("load report: %w", err)
	}
	if current.State == Published {
		return Report{}, domain.Conflict("a published report is frozen")
	}
	if current.Version != version {
		return Report{}, domain.Stale("the report")
	}
	changed := current
	changed.Narrative = map[string]string{}
	for k, v := range current.Narrative {
		changed.Narrative[k] = v
	}
	if patch.Title != nil {
		changed.Title = strings.TrimSpace(*patch.Title)
	}
	for k, v := range patch.Narrative {
		// An unknown section is kept, however empty, for Validate to refuse.
		if strings.TrimSpace(v) == "" && slices.Contains(NarrativeSections, k) {
			delete(changed.Narrative, k)
			continue
		}
		changed.Narrative[k] = v
	}
	if err := changed.Validate(); err != nil {
		return Report{}, err
	}
	saved, err := s.Store.UpdateReport(ctx, changed, version)
	if err != nil {
		return Report{}, fmt.Errorf("update report: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "report", saved.ID, current.fields(),
		saved.fields()); err != nil {
		return Report{}, fmt.Errorf("record report change: %w", err)
	}
	return saved, nil
}

// PublishReport freezes a draft loaded at version with its figures as
// they stand, comparing with the latest earlier published report.
// Returns domain.ErrStale, or domain.ErrConflict when already published.
func (s Service) PublishReport(ctx context.Context, by, id uuid.UUID, version int) (View, error) {
	current, err := s.Store.FindReport(ctx, id)
	if err != nil {
		return View{}, fmt.Errorf("load report: %w", err)
	}
	if current.State == Published {
		return View{}, domain.Conflict("the report is already published")
	}
	if current.Version != version {
		return View{}, domain.Stale("the report")
	}
	earlier, err := s.Store.ListPublishedBefore(ctx, current.From)
	if err != nil {
		return View{}, fmt.Errorf("list earlier reports: %w", err)
	}
	figures, err := s.Assemble(ctx, current.From, current.To, earlier)
	if err != nil {
		return View{}, err
	}
	now := s.now()
	current.State, current.Figures, current.PublishedAt, current.PublishedBy =
		Published, &figures, &now, by
	current.PreviousID = uuid.Nil
	if len(earlier) > 0 {
		current.PreviousID = earlier[len(earlier)-1].ID
	}
	saved, err := s.Store.PublishReport(ctx, current, version)
	if err != nil {
		return View{}, fmt.Errorf("publish report: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "report", saved.ID,
		map[string]any{"state": string(Draft)}, map[string]any{"state": string(Published)}); err != nil {
		return View{}, fmt.Errorf("record publication: %w", err)
	}
	return s.FindReport(ctx, id)
}

func (r Report) fields() map[string]any {
	return map[string]any{"title": r.Title, "from": r.From.Format(time.DateOnly),
		"to": r.To.Format(time.DateOnly), "state": string(r.State), "narrative": r.Narrative}
}

// describe gives each result its instrument's title and overall labels,
// best first. An instrument whose definition cannot be read keeps its key
// as its title.
func (s Service) describe(ctx context.Context, results []Result) {
	type described struct {
		title  string
		labels []string
	}
	seen := map[string]described{}
	for i, r := range results {
		key := fmt.Sprintf("%s@%d", r.Instrument, r.Version)
		d, ok := seen[key]
		if !ok {
			d = described{title: r.Instrument}
			if s.Definitions != nil {
				if def, err := s.Definitions.Definition(ctx, r.Instrument, r.Version); err == nil {
					d.title = def.Title
					for _, t := range def.Scoring.Overall.Thresholds {
						d.labels = append(d.labels, t.Label)
					}
					if len(d.labels) == 0 {
						for _, c := range def.Scoring.Overall.Clauses {
							if !slices.Contains(d.labels, c.Label) {
								d.labels = append(d.labels, c.Label)
							}
						}
					}
				}
			}
			seen[key] = d
		}
		results[i].Title, results[i].Labels = d.title, d.labels
	}
}
