// Package report assembles the practice report for a period from what
// sendqa holds: a section per quality assurance activity with its grade
// distribution, moderation agreement, statutory timeliness as the DfE's
// SEN2 return counts it, the triangulated themes, the improvement plan's
// progress and the voice of young people and families, beside the
// narrative the practitioner writes. A published report is frozen with
// its figures, and the next one compares with it.
package report

import (
	"slices"
	"time"

	"sendqa/domain/actionplan"
	"sendqa/domain/triangulation"
)

// Figures are every number a report shows. They are stored as JSON when
// a report is published, by their Go field names, so a published report
// keeps the figures it was published with.
type Figures struct {
	From, To   time.Time
	Activities []Activity
	Agreement  []Agreement
	Timeliness Timeliness
	Themes     []ThemeFigure
	Plan       PlanProgress
	Voice      []Voice
	// Trend is each activity's share rated good or better in the earlier
	// published reports, oldest first, then in this one.
	Trend []TrendPoint
}

// Activity is one instrument's audits in the period.
type Activity struct {
	Instrument, Title string
	Responses         int
	// Grades counts the overall results, in the instrument's order of
	// labels, best first, where it is known.
	Grades []LabelCount
	// GoodOrBetter counts results labelled as strengths (outstanding,
	// good, met, compliant, green, blue); Poor those that are areas for
	// development.
	GoodOrBetter, Poor int
}

// GoodShare is the share of results good or better, and false with no
// result.
func (a Activity) GoodShare() (float64, bool) { return share(a.GoodOrBetter, a.Responses) }

// LabelCount is how many results had one label.
type LabelCount struct {
	Label string
	Count int
}

// Agreement is the agreement of one round's moderated audits.
type Agreement struct {
	Round string
	Pairs int
	// Agreement is the share of rated items in exact agreement.
	Agreement float64
	// Kappa is the weighted kappa of the round's graded items, when it
	// can be worked out.
	Kappa        float64
	KappaDefined bool
	Band         string
}

// Timeliness are the statutory clocks.
type Timeliness struct {
	// EHCNA counts final plans against the 20-week limit.
	EHCNA EHCNA
	// HealthAdvice counts health advice given within 6 weeks of being
	// asked for, from EHCNA files and health advice audits.
	HealthAdvice Share
	// AnnualReviews counts the statutory steps of annual reviews done in
	// time.
	AnnualReviews Share
}

// EHCNA counts final EHC plans against the 20-week limit as the SEN2
// return does: plans issued within 20 weeks out of all plans issued
// (including exceptions), and out of those issued without an exception
// that excuses lateness (excluding exceptions). A plan not yet issued
// past its 20 weeks is counted apart as overdue and is in neither share.
type EHCNA struct {
	OnTime, Late, Excused, Overdue int
}

// Issued is every plan issued: on time, late, or late with an exception.
func (e EHCNA) Issued() int { return e.OnTime + e.Late + e.Excused }

// WithExceptions is the share of issued plans within 20 weeks, counting
// exception cases in the total.
func (e EHCNA) WithExceptions() (float64, bool) { return share(e.OnTime, e.Issued()) }

// WithoutExceptions is the share within 20 weeks of the plans issued
// without an exception.
func (e EHCNA) WithoutExceptions() (float64, bool) { return share(e.OnTime, e.OnTime+e.Late) }

// Share is a count of steps done in time out of those judged.
type Share struct {
	OnTime, Judged int
}

// Value is the share, and false when nothing was judged.
func (s Share) Value() (float64, bool) { return share(s.OnTime, s.Judged) }

func share(n, of int) (float64, bool) {
	if of == 0 {
		return 0, false
	}
	return float64(n) / float64(of), true
}

// ThemeFigure is one theme's findings in the period.
type ThemeFigure struct {
	Theme                   string
	Sources                 int
	Strengths, Developments int
	Triangulated            bool
}

// PlanProgress counts the practice improvement plan's actions.
type PlanProgress struct {
	Total                                        int
	NotStarted, InProgress, Completed, Cancelled int
	Red, Amber, Green                            int
	Overdue                                      int
}

// CompletedShare is the share of actions completed, cancelled ones left
// out, and false with no action.
func (p PlanProgress) CompletedShare() (float64, bool) {
	return share(p.Completed, p.Total-p.Cancelled)
}

// Voice is something children, young people or families said.
type Voice struct {
	Source   string
	Polarity string
	Body     string
	FoundOn  time.Time
}

// TrendPoint is one activity's share good or better in one report.
type TrendPoint struct {
	Report            string
	From, To          time.Time
	Instrument, Title string
	Responses         int
	GoodOrBetter      int
}

// Result is what the assembly reads of one submitted response.
type Result struct {
	Instrument, Title string
	Version           int
	Overall           string
	// Labels are the instrument's overall labels, best first.
	Labels     []string
	Milestones []Milestone
	Items      map[string]float64
}

// Milestone is one milestone of a result.
type Milestone struct {
	Item, Status string
	Statutory    bool
}

// Milestone statuses, as the instrument engine writes them.
const (
	onTime  = "on_time"
	late    = "late"
	missing = "missing"
	excused = "excused"
)

// Instruments and items the statutory clocks are read from.
const (
	EHCNAInstrument        = "ehcna_file_audit"
	FinalPlanItem          = "final_plan"
	HealthAdviceItem       = "advice_health"
	HealthAuditInstrument  = "health_advice_quality"
	ReturnedInTimeItem     = "returned_within_6_weeks"
	AnnualReviewInstrument = "annual_review_compliance"
)

// Inputs are the data a report is assembled from.
type Inputs struct {
	From, To  time.Time
	Results   []Result
	Agreement []Agreement
	Matrix    triangulation.Matrix
	Actions   []actionplan.Action
	Today     time.Time
	Voice     []triangulation.Finding
	// Earlier are the earlier published reports, oldest first.
	Earlier []Earlier
}

// Earlier is an earlier report's title, period and frozen figures.
type Earlier struct {
	Title   string
	Figures Figures
}

// Assemble works out every figure of a report from its inputs.
func Assemble(in Inputs) Figures {
	f := Figures{From: in.From, To: in.To, Activities: activities(in.Results),
		Agreement: slices.Clone(in.Agreement), Timeliness: timeliness(in.Results),
		Plan: progress(in.Actions, in.Today)}
	for _, r := range in.Matrix.Rows {
		if r.Strengths+r.Developments == 0 {
			continue
		}
		f.Themes = append(f.Themes, ThemeFigure{Theme: r.Theme.Name, Sources: r.Sources,
			Strengths: r.Strengths, Developments: r.Developments, Triangulated: r.Triangulated()})
	}
	slices.SortStableFunc(f.Themes, func(a, b ThemeFigure) int { return b.Sources - a.Sources })
	for _, v := range in.Voice {
		f.Voice = append(f.Voice, Voice{Source: triangulation.SourceOf(v.SourceKind).Label,
			Polarity: string(v.Polarity), Body: v.Body, FoundOn: v.FoundOn})
	}
	for _, e := range in.Earlier {
		f.Trend = append(f.Trend, trendOf(e.Title, e.Figures)...)
	}
	f.Trend = append(f.Trend, trendOf("This report", f)...)
	return f
}

func trendOf(title string, f Figures) []TrendPoint {
	var out []TrendPoint
	for _, a := range f.Activities {
		out = append(out, TrendPoint{Report: title, From: f.From, To: f.To,
			Instrument: a.Instrument, Title: a.Title, Responses: a.Responses,
			GoodOrBetter: a.GoodOrBetter})
	}
	return out
}

func activities(results []Result) []Activity {
	var out []Activity
	index := map[string]int{}
	for _, r := range results {
		i, ok := index[r.Instrument]
		if !ok {
			i = len(out)
			index[r.Instrument] = i
			a := Activity{Instrument: r.Instrument, Title: r.Title}
			for _, l := range r.Labels {
				a.Grades = append(a.Grades, LabelCount{Label: l})
			}
			out = append(out, a)
		}
		a := &out[i]
		a.Responses++
		if r.Overall == "" {
			continue
		}
		j := slices.IndexFunc(a.Grades, func(g LabelCount) bool { return g.Label == r.Overall })
		if j < 0 {
			a.Grades = append(a.Grades, LabelCount{Label: r.Overall})
			j = len(a.Grades) - 1
		}
		a.Grades[j].Count++
		switch {
		case slices.Contains(triangulation.StrengthLabels, r.Overall):
			a.GoodOrBetter++
		case slices.Contains(triangulation.PoorLabels, r.Overall):
			a.Poor++
		}
	}
	slices.SortStableFunc(out, func(a, b Activity) int {
		switch {
		case a.Title < b.Title:
			return -1
		case a.Title > b.Title:
			return 1
		}
		return 0
	})
	return out
}

func timeliness(results []Result) Timeliness {
	var t Timeliness
	for _, r := range results {
		switch r.Instrument {
		case EHCNAInstrument:
			for _, m := range r.Milestones {
				switch m.Item {
				case FinalPlanItem:
					switch m.Status {
					case onTime:
						t.EHCNA.OnTime++
					case late:
						t.EHCNA.Late++
					case excused:
						t.EHCNA.Excused++
					case missing:
						t.EHCNA.Overdue++
					}
				case HealthAdviceItem:
					t.HealthAdvice.add(m.Status)
				}
			}
		case HealthAuditInstrument:
			if v, ok := r.Items[ReturnedInTimeItem]; ok {
				t.HealthAdvice.Judged++
				if v == 1 {
					t.HealthAdvice.OnTime++
				}
			}
		case AnnualReviewInstrument:
			for _, m := range r.Milestones {
				if m.Statutory {
					t.AnnualReviews.add(m.Status)
				}
			}
		}
	}
	return t
}

// add counts a milestone the way compliance does: on time, late and
// missing are judged; excused and not yet due steps are not.
func (s *Share) add(status string) {
	switch status {
	case onTime:
		s.OnTime++
		s.Judged++
	case late, missing:
		s.Judged++
	}
}

func progress(actions []actionplan.Action, today time.Time) PlanProgress {
	var p PlanProgress
	for _, a := range actions {
		p.Total++
		switch a.Status {
		case actionplan.NotStarted:
			p.NotStarted++
		case actionplan.InProgress:
			p.InProgress++
		case actionplan.Completed:
			p.Completed++
		case actionplan.Cancelled:
			p.Cancelled++
		}
		switch a.RAG {
		case actionplan.Red:
			p.Red++
		case actionplan.Amber:
			p.Amber++
		case actionplan.Green:
			p.Green++
		}
		if a.Overdue(today) {
			p.Overdue++
		}
	}
	return p
}

// Headline is one of the figures a board member reads first.
type Headline struct {
	Key, Label string
	Value      float64
	Defined    bool
	// Percent is true for shares, shown as percentages.
	Percent bool
}

// Headlines are the report's main figures in order.
func (f Figures) Headlines() []Headline {
	var out []Headline
	pct := func(key, label string, v float64, ok bool) {
		out = append(out, Headline{Key: key, Label: label, Value: v, Defined: ok, Percent: true})
	}
	n := 0
	good := 0
	for _, a := range f.Activities {
		n += a.Responses
		good += a.GoodOrBetter
	}
	out = append(out, Headline{Key: "audits", Label: "Audits completed", Value: float64(n),
		Defined: true})
	v, ok := share(good, n)
	pct("good_or_better", "Audits rated good or better (or compliant)", v, ok)
	v, ok = f.Timeliness.EHCNA.WithExceptions()
	pct("ehcna_20_weeks", "EHC plans issued within 20 weeks, including exceptions", v, ok)
	v, ok = f.Timeliness.EHCNA.WithoutExceptions()
	pct("ehcna_20_weeks_excluding", "EHC plans issued within 20 weeks, excluding exceptions",
		v, ok)
	v, ok = f.Timeliness.HealthAdvice.Value()
	pct("health_advice_6_weeks", "Health advice within 6 weeks", v, ok)
	v, ok = f.Timeliness.AnnualReviews.Value()
	pct("annual_reviews", "Annual review steps on time", v, ok)
	pairs, same := 0, 0.0
	for _, a := range f.Agreement {
		pairs += a.Pairs
		same += a.Agreement * float64(a.Pairs)
	}
	if pairs > 0 {
		pct("moderation_agreement", "Moderation agreement", same/float64(pairs), true)
	} else {
		pct("moderation_agreement", "Moderation agreement", 0, false)
	}
	tri := 0
	for _, t := range f.Themes {
		if t.Triangulated {
			tri++
		}
	}
	out = append(out, Headline{Key: "triangulated_themes",
		Label: "Themes seen in three or more sources",
		Value: float64(tri), Defined: true})
	v, ok = f.Plan.CompletedShare()
	pct("actions_completed", "Improvement plan actions completed", v, ok)
	out = append(out, Headline{Key: "actions_overdue", Label: "Improvement plan actions overdue",
		Value: float64(f.Plan.Overdue), Defined: true})
	return out
}

// Change is a headline beside the same figure in the previous report.
type Change struct {
	Headline
	Previous    float64
	HasPrevious bool
}

// Compare sets each headline beside the previous report's, when there is
// one.
func Compare(current Figures, previous *Figures) []Change {
	var prev map[string]Headline
	if previous != nil {
		prev = map[string]Headline{}
		for _, h := range previous.Headlines() {
			prev[h.Key] = h
		}
	}
	var out []Change
	for _, h := range current.Headlines() {
		c := Change{Headline: h}
		if p, ok := prev[h.Key]; ok && p.Defined {
			c.Previous, c.HasPrevious = p.Value, true
		}
		out = append(out, c)
	}
	return out
}
