package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/report"
	"sendqa/domain/store"
)

// reportRoutes are the practice reports and their downloads.
func (s *Server) reportRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/reports",
			Access: tenant("reports", "read"), handler: s.listReports},
		{Method: "POST", Path: "/api/v1/t/:tenant/reports", Creates: true,
			Access: tenant("reports", "write"), handler: s.createReport},
		{Method: "GET", Path: "/api/v1/t/:tenant/reports/:id",
			Access: tenant("reports", "read"), handler: s.getReport},
		{Method: "PATCH", Path: "/api/v1/t/:tenant/reports/:id",
			Access: tenant("reports", "write"), handler: s.updateReport},
		{Method: "POST", Path: "/api/v1/t/:tenant/reports/:id/publication",
			Access: tenant("reports", "write"), handler: s.publishReport},
		{Method: "GET", Path: "/api/v1/t/:tenant/reports/:id/pdf",
			Access: tenant("reports", "read"), handler: s.reportPDF},
		{Method: "GET", Path: "/api/v1/t/:tenant/reports/:id/xlsx",
			Access: tenant("reports", "read"), handler: s.reportXLSX},
	}
}

// reports is the report service.
func (s *Server) reports() report.Service {
	return report.Service{Store: store.Reports{}, Agreements: s.moderationService(),
		Matrices: s.triangulation(), Actions: s.actionPlans(),
		Definitions: s.responses.Instruments,
		Trail:       audit.Recorder{Store: store.Trail{}, Now: time.Now}, Now: time.Now}
}

// ReportRequest starts a draft report for a period.
type ReportRequest struct {
	Title string `json:"title" example:"Spring term 2026 practice report"`
	From  string `json:"from" format:"date" example:"2026-01-01"`
	To    string `json:"to" format:"date" example:"2026-04-30"`
	// Narrative holds text by section: summary, audits, moderation,
	// timeliness, themes, plan, voice, next_steps.
	Narrative map[string]string `json:"narrative,omitempty"`
} // @name ReportRequest

// ReportPatchRequest changes a draft's title or narrative; a section
// given as "" is removed.
type ReportPatchRequest struct {
	Title     *string           `json:"title,omitempty"`
	Narrative map[string]string `json:"narrative,omitempty"`
} // @name ReportPatchRequest

// ReportSummary is a report without its figures, for lists.
type ReportSummary struct {
	ID          string            `json:"id" format:"uuid"`
	Title       string            `json:"title"`
	From        string            `json:"from" format:"date"`
	To          string            `json:"to" format:"date"`
	State       string            `json:"state" enums:"draft,published"`
	Narrative   map[string]string `json:"narrative"`
	PublishedAt *time.Time        `json:"published_at"`
	Version     int               `json:"version" example:"1"`
	CreatedAt   time.Time         `json:"created_at"`
	UpdatedAt   time.Time         `json:"updated_at"`
} // @name ReportSummary

// ReportList is a page of reports.
type ReportList struct {
	Items      []ReportSummary `json:"items"`
	NextCursor *string         `json:"next_cursor"`
} // @name ReportList

// ActivityFigures are one instrument's audits in the period.
type ActivityFigures struct {
	Instrument   string       `json:"instrument" example:"ehcp_quality_audit"`
	Title        string       `json:"title"`
	Responses    int          `json:"responses"`
	Grades       []GradeCount `json:"grades"`
	GoodOrBetter int          `json:"good_or_better"`
	Poor         int          `json:"poor"`
} // @name ActivityFigures

// AgreementFigures are one round's moderation agreement.
type AgreementFigures struct {
	Round     string   `json:"round"`
	Pairs     int      `json:"pairs"`
	Agreement float64  `json:"agreement"`
	Kappa     *float64 `json:"kappa"`
	Band      string   `json:"band"`
} // @name AgreementFigures

// ShareFigures are steps done in time out of those judged.
type ShareFigures struct {
	OnTime int      `json:"on_time"`
	Judged int      `json:"judged"`
	Share  *float64 `json:"share"`
} // @name ShareFigures

// EHCNAFigures count final plans against the 20-week limit as SEN2 does.
type EHCNAFigures struct {
	OnTime  int `json:"on_time"`
	Late    int `json:"late"`
	Excused int `json:"excused"`
	// Overdue plans are not yet issued past 20 weeks: in neither share.
	Overdue int `json:"overdue"`
	Issued  int `json:"issued"`
	// WithExceptions is on time out of every plan issued.
	WithExceptions *float64 `json:"with_exceptions"`
	// WithoutExceptions is on time out of the plans issued without an
	// exception.
	WithoutExceptions *float64 `json:"without_exceptions"`
} // @name EHCNAFigures

// TimelinessFigures are the statutory clocks.
type TimelinessFigures struct {
	EHCNA         EHCNAFigures `json:"ehcna"`
	HealthAdvice  ShareFigures `json:"health_advice"`
	AnnualReviews ShareFigures `json:"annual_reviews"`
} // @name TimelinessFigures

// ThemeFigures are one theme's findings in the period.
type ThemeFigures struct {
	Theme        string `json:"theme"`
	Sources      int    `json:"sources"`
	Strengths    int    `json:"strengths"`
	Developments int    `json:"developments"`
	Triangulated bool   `json:"triangulated"`
} // @name ThemeFigures

// PlanFigures count the practice improvement plan's actions.
type PlanFigures struct {
	Total          int      `json:"total"`
	NotStarted     int      `json:"not_started"`
	InProgress     int      `json:"in_progress"`
	Completed      int      `json:"completed"`
	Cancelled      int      `json:"cancelled"`
	Red            int      `json:"red"`
	Amber          int      `json:"amber"`
	Green          int      `json:"green"`
	Overdue        int      `json:"overdue"`
	CompletedShare *float64 `json:"completed_share"`
} // @name PlanFigures

// VoiceFigure is something young people or families said.
type VoiceFigure struct {
	Source   string `json:"source"`
	Polarity string `json:"polarity" enums:"strength,development"`
	Body     string `json:"body"`
	FoundOn  string `json:"found_on" format:"date"`
} // @name VoiceFigure

// TrendFigure is one activity's results in one report.
type TrendFigure struct {
	Report       string `json:"report"`
	From         string `json:"from" format:"date"`
	To           string `json:"to" format:"date"`
	Instrument   string `json:"instrument"`
	Title        string `json:"title"`
	Responses    int    `json:"responses"`
	GoodOrBetter int    `json:"good_or_better"`
} // @name TrendFigure

// HeadlineFigure is a main figure beside the previous report's.
type HeadlineFigure struct {
	Key     string  `json:"key" example:"ehcna_20_weeks"`
	Label   string  `json:"label"`
	Value   float64 `json:"value"`
	Defined bool    `json:"defined"`
	// Percent is true for shares (0 to 1), shown as percentages.
	Percent  bool     `json:"percent"`
	Previous *float64 `json:"previous"`
} // @name HeadlineFigure

// ReportFigures are every number of a report.
type ReportFigures struct {
	Activities []ActivityFigures  `json:"activities"`
	Agreement  []AgreementFigures `json:"agreement"`
	Timeliness TimelinessFigures  `json:"timeliness"`
	Themes     []ThemeFigures     `json:"themes"`
	Plan       PlanFigures        `json:"plan"`
	Voice      []VoiceFigure      `json:"voice"`
	Trend      []TrendFigure      `json:"trend"`
} // @name ReportFigures

// ReportResponse is a report with its figures and headlines beside the
// previous published report's.
type ReportResponse struct {
	ReportSummary
	PreviousID    *string          `json:"previous_id" format:"uuid"`
	PreviousTitle string           `json:"previous_title"`
	Headlines     []HeadlineFigure `json:"headlines"`
	Figures       ReportFigures    `json:"figures"`
} // @name ReportResponse

func reportSummary(r report.Report) ReportSummary {
	out := ReportSummary{ID: r.ID.String(), Title: r.Title, From: r.From.Format(time.DateOnly),
		To: r.To.Format(time.DateOnly), State: string(r.State), Narrative: r.Narrative,
		Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	if out.Narrative == nil {
		out.Narrative = map[string]string{}
	}
	if r.PublishedAt != nil {
		at := r.PublishedAt.UTC()
		out.PublishedAt = &at
	}
	return out
}

func shareOf(v float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &v
}

func figuresResponse(f report.Figures) ReportFigures {
	out := ReportFigures{Activities: []ActivityFigures{}, Agreement: []AgreementFigures{},
		Themes: []ThemeFigures{}, Voice: []VoiceFigure{}, Trend: []TrendFigure{}}
	for _, a := range f.Activities {
		af := ActivityFigures{Instrument: a.Instrument, Title: a.Title, Responses: a.Responses,
			Grades: []GradeCount{}, GoodOrBetter: a.GoodOrBetter, Poor: a.Poor}
		for _, g := range a.Grades {
			af.Grades = append(af.Grades, GradeCount{Label: g.Label, Count: g.Count})
		}
		out.Activities = append(out.Activities, af)
	}
	for _, a := range f.Agreement {
		out.Agreement = append(out.Agreement, AgreementFigures{Round: a.Round, Pairs: a.Pairs,
			Agreement: a.Agreement, Kappa: shareOf(a.Kappa, a.KappaDefined), Band: a.Band})
	}
	e := f.Timeliness.EHCNA
	out.Timeliness.EHCNA = EHCNAFigures{OnTime: e.OnTime, Late: e.Late, Excused: e.Excused,
		Overdue: e.Overdue, Issued: e.Issued(), WithExceptions: shareOf(e.WithExceptions()),
		WithoutExceptions: shareOf(e.WithoutExceptions())}
	share := func(s report.Share) ShareFigures {
		return ShareFigures{OnTime: s.OnTime, Judged: s.Judged, Share: shareOf(s.Value())}
	}
	out.Timeliness.HealthAdvice = share(f.Timeliness.HealthAdvice)
	out.Timeliness.AnnualReviews = share(f.Timeliness.AnnualReviews)
	for _, t := range f.Themes {
		out.Themes = append(out.Themes, ThemeFigures(t))
	}
	p := f.Plan
	out.Plan = PlanFigures{Total: p.Total, NotStarted: p.NotStarted, InProgress: p.InProgress,
		Completed: p.Completed, Cancelled: p.Cancelled, Red: p.Red, Amber: p.Amber, Green: p.Green,
		Overdue: p.Overdue, CompletedShare: shareOf(p.CompletedShare())}
	for _, v := range f.Voice {
		out.Voice = append(out.Voice, VoiceFigure{Source: v.Source, Polarity: v.Polarity,
			Body: v.Body, FoundOn: v.FoundOn.Format(time.DateOnly)})
	}
	for _, t := range f.Trend {
		out.Trend = append(out.Trend, TrendFigure{Report: t.Report,
			From: t.From.Format(time.DateOnly), To: t.To.Format(time.DateOnly),
			Instrument: t.Instrument, Title: t.Title, Responses: t.Responses,
			GoodOrBetter: t.GoodOrBetter})
	}
	return out
}

func reportResponse(v report.View) ReportResponse {
	out := ReportResponse{ReportSummary: reportSummary(v.Report), Headlines: []HeadlineFigure{},
		Figures: figuresResponse(v.Figures)}
	if v.Previous != nil {
		id := v.Previous.ID.String()
		out.PreviousID, out.PreviousTitle = &id, v.Previous.Title
	}
	for _, c := range v.Changes {
		h := HeadlineFigure{Key: c.Key, Label: c.Label, Value: c.Value, Defined: c.Defined,
			Percent: c.Percent}
		if c.HasPrevious {
			prev := c.Previous
			h.Previous = &prev
		}
		out.Headlines = append(out.Headlines, h)
	}
	return out
}

// listReports lists reports, latest period first.
//
//	@Summary	List practice reports
//	@Tags		reports
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		limit	query		int		false	"Page size, 1 to 200"
//	@Param		cursor	query		string	false	"Next page"
//	@Success	200		{object}	ReportList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/reports [get]
func (s *Server) listReports(c echo.Context) error {
	pg, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.reports().ListReports(c.Request().Context(), pg)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, reportSummary))
}

// createReport starts a draft report for a period; its figures follow
// the data until it is published.
//
//	@Summary	Start a practice report
//	@Tags		reports
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		ReportRequest	true	"The report"
//	@Success	201				{object}	ReportResponse
//	@Header		201				{string}	ETag		"The report's version"
//	@Header		201				{string}	Location	"The report"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/reports [post]
func (s *Server) createReport(c echo.Context) error {
	var req ReportRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	r := report.Report{Title: req.Title, From: parseDate("from", req.From, &p),
		To: parseDate("to", req.To, &p), Narrative: req.Narrative}
	if err := p.Err(); err != nil {
		return err
	}
	principal, _ := principalOf(c)
	ctx := c.Request().Context()
	svc := s.reports()
	created, err := svc.CreateReport(ctx, principal.PersonID, r)
	if err != nil {
		return err
	}
	v, err := svc.FindReport(ctx, created.ID)
	if err != nil {
		return err
	}
	return writeCreated(c, created.ID, created.Version, reportResponse(v))
}

// getReport reads a report with its figures: a draft's worked out from
// the data now, a published report's as frozen.
//
//	@Summary	Read a practice report
//	@Tags		reports
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Report id"	format(uuid)
//	@Success	200		{object}	ReportResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/reports/{id} [get]
func (s *Server) getReport(c echo.Context) error {
	v, err := s.reportView(c)
	if err != nil {
		return err
	}
	setETag(c, v.Report.Version)
	return c.JSON(http.StatusOK, reportResponse(v))
}

func (s *Server) reportView(c echo.Context) (report.View, error) {
	id, err := pathID(c, "id", "report")
	if err != nil {
		return report.View{}, err
	}
	return s.reports().FindReport(c.Request().Context(), id)
}

// updateReport changes a draft's title or narrative.
//
//	@Summary	Change a draft practice report
//	@Tags		reports
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string				true	"Tenant slug"
//	@Param		id			path		string				true	"Report id"	format(uuid)
//	@Param		If-Match	header		string				true	"The ETag of the version being changed"
//	@Param		body		body		ReportPatchRequest	true	"The fields to change"
//	@Success	200			{object}	ReportResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"The report is published and frozen"
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/reports/{id} [patch]
func (s *Server) updateReport(c echo.Context) error {
	id, err := pathID(c, "id", "report")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req ReportPatchRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	svc := s.reports()
	saved, err := svc.UpdateReport(ctx, id, version,
		report.Patch{Title: req.Title, Narrative: req.Narrative})
	if err != nil {
		return err
	}
	v, err := svc.FindReport(ctx, saved.ID)
	if err != nil {
		return err
	}
	setETag(c, saved.Version)
	return c.JSON(http.StatusOK, reportResponse(v))
}

// publishReport freezes a draft with its figures as they stand; the next
// report compares with it.
//
//	@Summary	Publish a practice report
//	@Tags		reports
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		id			path		string	true	"Report id"	format(uuid)
//	@Param		If-Match	header		string	true	"The ETag of the version being published"
//	@Success	200			{object}	ReportResponse
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Already published"
//	@Failure	412			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/reports/{id}/publication [post]
func (s *Server) publishReport(c echo.Context) error {
	id, err := pathID(c, "id", "report")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	principal, _ := principalOf(c)
	v, err := s.reports().PublishReport(c.Request().Context(), principal.PersonID, id, version)
	if err != nil {
		return err
	}
	setETag(c, v.Report.Version)
	return c.JSON(http.StatusOK, reportResponse(v))
}
