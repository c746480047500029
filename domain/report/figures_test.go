package report_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain/actionplan"
	"sendqa/domain/report"
	"sendqa/domain/triangulation"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func final(status string) []report.Milestone {
	return []report.Milestone{{Item: report.FinalPlanItem, Status: status, Statutory: true}}
}

// The SEN2 return counts plans issued within 20 weeks out of every plan
// issued, and again leaving out plans whose lateness an exception
// excuses; a plan not yet issued is in neither.
func TestEHCNATimelinessCountsAsSEN2Does(t *testing.T) {
	var results []report.Result
	for _, st := range []string{"on_time", "on_time", "on_time", "late", "excused", "missing"} {
		results = append(results, report.Result{Instrument: report.EHCNAInstrument,
			Milestones: final(st)})
	}
	f := report.Assemble(report.Inputs{Results: results})
	e := f.Timeliness.EHCNA
	if e.Issued() != 5 || e.Overdue != 1 {
		t.Fatalf("issued %d, overdue %d: want 5 and 1", e.Issued(), e.Overdue)
	}
	if got, ok := e.WithExceptions(); !ok || got != 3.0/5 {
		t.Errorf("including exceptions: got %v, want 3/5", got)
	}
	if got, ok := e.WithoutExceptions(); !ok || got != 3.0/4 {
		t.Errorf("excluding exceptions: got %v, want 3/4", got)
	}
}

func TestHealthAdviceAndAnnualReviewsCountJudgedStepsOnly(t *testing.T) {
	results := []report.Result{
		{Instrument: report.EHCNAInstrument, Milestones: []report.Milestone{
			{Item: report.HealthAdviceItem, Status: "on_time"},
			{Item: "advice_social_care", Status: "late"}}},
		{Instrument: report.EHCNAInstrument, Milestones: []report.Milestone{
			{Item: report.HealthAdviceItem, Status: "excused"}}},
		{Instrument: report.HealthAuditInstrument,
			Items: map[string]float64{report.ReturnedInTimeItem: 0}},
		{Instrument: report.HealthAuditInstrument,
			Items: map[string]float64{report.ReturnedInTimeItem: 1}},
		{Instrument: report.AnnualReviewInstrument, Milestones: []report.Milestone{
			{Item: "meeting_held", Status: "on_time", Statutory: true},
			{Item: "report_circulated", Status: "missing", Statutory: true},
			{Item: "la_decision", Status: "not_due", Statutory: true},
			{Item: "local_step", Status: "late", Statutory: false}}},
	}
	tm := report.Assemble(report.Inputs{Results: results}).Timeliness
	if tm.HealthAdvice != (report.Share{OnTime: 2, Judged: 3}) {
		t.Errorf("health advice: got %+v, want 2 of 3", tm.HealthAdvice)
	}
	if tm.AnnualReviews != (report.Share{OnTime: 1, Judged: 2}) {
		t.Errorf("annual reviews: got %+v, want 1 of 2", tm.AnnualReviews)
	}
}

func TestGradeDistributionsKeepTheInstrumentsOrder(t *testing.T) {
	labels := []string{"outstanding", "good", "requires_improvement", "inadequate"}
	var results []report.Result
	for _, l := range []string{"good", "good", "inadequate", "outstanding", ""} {
		results = append(results, report.Result{Instrument: "ehcp_quality_audit",
			Title: "EHCP quality audit", Labels: labels, Overall: l})
	}
	f := report.Assemble(report.Inputs{Results: results})
	if len(f.Activities) != 1 {
		t.Fatalf("got %d activities, want 1", len(f.Activities))
	}
	a := f.Activities[0]
	want := []report.LabelCount{{"outstanding", 1}, {"good", 2}, {"requires_improvement", 0},
		{"inadequate", 1}}
	for i, g := range want {
		if a.Grades[i] != g {
			t.Errorf("grade %d: got %+v, want %+v", i, a.Grades[i], g)
		}
	}
	if a.Responses != 5 || a.GoodOrBetter != 3 || a.Poor != 1 {
		t.Errorf("got %d responses, %d good or better, %d poor; want 5, 3, 1",
			a.Responses, a.GoodOrBetter, a.Poor)
	}
	if got, _ := a.GoodShare(); got != 3.0/5 {
		t.Errorf("good share: got %v, want 3/5", got)
	}
}

func TestPlanProgressAndThemesAndComparison(t *testing.T) {
	today := day("2026-04-01")
	actions := []actionplan.Action{
		{Status: actionplan.Completed, RAG: actionplan.Green, DueOn: day("2026-02-01")},
		{Status: actionplan.InProgress, RAG: actionplan.Amber, DueOn: day("2026-03-01")},
		{Status: actionplan.NotStarted, RAG: actionplan.Red, DueOn: day("2026-05-01")},
		{Status: actionplan.Cancelled, RAG: actionplan.Amber, DueOn: day("2026-01-01")},
	}
	theme := triangulation.Theme{ID: uuid.New(), Name: "Quality of health advice"}
	m := triangulation.BuildMatrix(triangulation.Period{}, []triangulation.Theme{theme},
		[]triangulation.Count{
			{ThemeID: theme.ID, Kind: "audit", Polarity: triangulation.Development, N: 2},
			{ThemeID: theme.ID, Kind: "iass", Polarity: triangulation.Development, N: 1},
			{ThemeID: theme.ID, Kind: "hy5_visit", Polarity: triangulation.Strength, N: 1}})
	f := report.Assemble(report.Inputs{Actions: actions, Today: today, Matrix: m,
		Agreement: []report.Agreement{{Round: "A", Pairs: 10, Agreement: 0.8},
			{Round: "B", Pairs: 30, Agreement: 0.6}}})
	want := report.PlanProgress{Total: 4, NotStarted: 1, InProgress: 1, Completed: 1,
		Cancelled: 1, Red: 1, Amber: 2, Green: 1, Overdue: 1}
	if f.Plan != want {
		t.Errorf("plan: got %+v, want %+v", f.Plan, want)
	}
	if got, _ := f.Plan.CompletedShare(); got != 1.0/3 {
		t.Errorf("completed share: got %v, want 1/3 (cancelled left out)", got)
	}
	if len(f.Themes) != 1 || !f.Themes[0].Triangulated || f.Themes[0].Sources != 3 ||
		f.Themes[0].Developments != 3 || f.Themes[0].Strengths != 1 {
		t.Errorf("themes: got %+v, want one seen in 3 sources, 3 for development, 1 strength",
			f.Themes)
	}
	prev := report.Assemble(report.Inputs{Agreement: []report.Agreement{
		{Round: "Z", Pairs: 4, Agreement: 0.5}}})
	changes := report.Compare(f, &prev)
	for _, c := range changes {
		if c.Key != "moderation_agreement" {
			continue
		}
		if c.Value != (0.8*10+0.6*30)/40 || !c.HasPrevious || c.Previous != 0.5 {
			t.Errorf("agreement change: got %+v, want 0.65 against 0.5", c)
		}
		return
	}
	t.Error("no moderation agreement headline")
}
