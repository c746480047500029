package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/dashboard"
	"sendqa/domain/stats"
	"sendqa/domain/store"
)

// dashboardRoutes are each role's dashboard, the area's consent to
// regional benchmarks, and the benchmarks of a region.
func (s *Server) dashboardRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/dashboards/programme",
			Access: tenant("dashboards", "programme"), handler: s.programmeDashboard},
		{Method: "GET", Path: "/api/v1/t/:tenant/dashboards/service",
			Access: tenant("dashboards", "service"), handler: s.serviceDashboard},
		{Method: "GET", Path: "/api/v1/t/:tenant/dashboards/board",
			Access: tenant("dashboards", "board"), handler: s.boardDashboard},
		{Method: "GET", Path: "/api/v1/t/:tenant/benchmark-consent",
			Access: tenant("benchmarks", "read"), handler: s.getConsent},
		{Method: "POST", Path: "/api/v1/t/:tenant/benchmark-consent",
			Access: tenant("benchmarks", "consent"), handler: s.giveConsent},
		{Method: "DELETE", Path: "/api/v1/t/:tenant/benchmark-consent",
			Access: tenant("benchmarks", "consent"), handler: s.withdrawConsent},
		{Method: "GET", Path: "/api/v1/regions/:region/benchmarks",
			Access: signedIn(), handler: s.regionBenchmark},
	}
}

// CountResponse is a count that may be withheld: value is null when it
// is under five or would give such a count away.
type CountResponse struct {
	Value      *int `json:"value" example:"12"`
	Suppressed bool `json:"suppressed"`
} // @name CountResponse

// PartResponse is one labelled count of a breakdown.
type PartResponse struct {
	Label string        `json:"label" example:"good"`
	Count CountResponse `json:"count"`
} // @name PartResponse

// BreakdownResponse is a distribution with its total.
type BreakdownResponse struct {
	Key   string         `json:"key" example:"grades"`
	Title string         `json:"title"`
	Parts []PartResponse `json:"parts"`
	Total CountResponse  `json:"total"`
} // @name BreakdownResponse

// ProportionResponse is a proportion; percent is null when withheld.
type ProportionResponse struct {
	Key     string        `json:"key" example:"good_or_better"`
	Title   string        `json:"title"`
	Percent *int          `json:"percent" example:"64"`
	Of      CountResponse `json:"of"`
} // @name ProportionResponse

// DashboardResponse is one role's figures for a period and filter.
type DashboardResponse struct {
	Kind        string               `json:"kind" enums:"programme,service,board"`
	From        string               `json:"from" format:"date"`
	To          string               `json:"to" format:"date"`
	PrimaryNeed string               `json:"primary_need"`
	KeyStage    string               `json:"key_stage"`
	SettingType string               `json:"setting_type"`
	Services    []string             `json:"services"`
	Breakdowns  []BreakdownResponse  `json:"breakdowns"`
	Shares      []ProportionResponse `json:"shares"`
	// Plain are counts about plans, not children, shown as they are.
	Plain []BreakdownResponse `json:"plain"`
} // @name DashboardResponse

func countResponse(c stats.Count) CountResponse {
	if v, ok := c.Shown(); ok {
		return CountResponse{Value: &v}
	}
	return CountResponse{Suppressed: true}
}

func breakdownResponses(list []dashboard.Breakdown) []BreakdownResponse {
	out := make([]BreakdownResponse, len(list))
	for i, b := range list {
		out[i] = BreakdownResponse{Key: b.Key, Title: b.Title, Total: countResponse(b.Total),
			Parts: make([]PartResponse, len(b.Parts))}
		for j, p := range b.Parts {
			out[i].Parts[j] = PartResponse{Label: p.Label, Count: countResponse(p.Count)}
		}
	}
	return out
}

// dashboardPeriod reads from and to, defaulting to the school year so far.
func dashboardPeriod(c echo.Context, svc dashboard.Service) (time.Time, time.Time, error) {
	from, to := svc.DefaultPeriod()
	var p domain.Problems
	if v := c.QueryParam("from"); v != "" {
		from = parseDate("from", v, &p)
	}
	if v := c.QueryParam("to"); v != "" {
		to = parseDate("to", v, &p)
	}
	return from, to, p.Err()
}

// dashboard answers one kind of dashboard.
func (s *Server) dashboard(k dashboard.Kind) echo.HandlerFunc {
	return func(c echo.Context) error {
		svc := dashboard.Service{Store: store.Dashboards{}, Now: s.responses.Now}
		from, to, err := dashboardPeriod(c, svc)
		if err != nil {
			return err
		}
		f := dashboard.Filter{From: from, To: to, PrimaryNeed: c.QueryParam("primary_need"),
			KeyStage: c.QueryParam("key_stage"), SettingType: c.QueryParam("setting_type")}
		p, _ := principalOf(c)
		d, err := svc.FindDashboard(c.Request().Context(), k, f, p.PersonID)
		if err != nil {
			return err
		}
		out := DashboardResponse{Kind: string(d.Kind), From: d.Filter.From.Format(time.DateOnly),
			To: d.Filter.To.Format(time.DateOnly), PrimaryNeed: d.Filter.PrimaryNeed,
			KeyStage: d.Filter.KeyStage, SettingType: d.Filter.SettingType,
			Services: d.Filter.Services, Breakdowns: breakdownResponses(d.Breakdowns),
			Plain: breakdownResponses(d.Plain), Shares: make([]ProportionResponse, len(d.Shares))}
		if out.Services == nil {
			out.Services = []string{}
		}
		for i, sh := range d.Shares {
			out.Shares[i] = ProportionResponse{Key: sh.Key, Title: sh.Title, Percent: sh.Percent,
				Of: countResponse(sh.Of)}
		}
		return c.JSON(http.StatusOK, out)
	}
}

// programmeDashboard answers the QA lead's programme at a glance.
//
//	@Summary	The QA lead's programme at a glance
//	@Tags		dashboards
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		from			query		string	false	"Start of the period (default 1 September)"	format(date)
//	@Param		to				query		string	false	"End of the period (default today)"	format(date)
//	@Param		primary_need	query		string	false	"Only children with this primary need"
//	@Param		key_stage		query		string	false	"Only children in this key stage"
//	@Param		setting_type	query		string	false	"Only children in this type of setting"
//	@Success	200				{object}	DashboardResponse
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/dashboards/programme [get]
func (s *Server) programmeDashboard(c echo.Context) error {
	return s.dashboard(dashboard.ForProgramme)(c)
}

// serviceDashboard answers the figures of the services whose local plans the caller leads.
//
//	@Summary	A service manager's own services
//	@Tags		dashboards
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		from			query		string	false	"Start of the period (default 1 September)"	format(date)
//	@Param		to				query		string	false	"End of the period (default today)"	format(date)
//	@Param		primary_need	query		string	false	"Only children with this primary need"
//	@Param		key_stage		query		string	false	"Only children in this key stage"
//	@Param		setting_type	query		string	false	"Only children in this type of setting"
//	@Success	200				{object}	DashboardResponse
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/dashboards/service [get]
func (s *Server) serviceDashboard(c echo.Context) error {
	return s.dashboard(dashboard.ForService)(c)
}

// boardDashboard answers the board's headline indicators.
//
//	@Summary	The partnership board's headline indicators
//	@Tags		dashboards
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		from			query		string	false	"Start of the period (default 1 September)"	format(date)
//	@Param		to				query		string	false	"End of the period (default today)"	format(date)
//	@Param		primary_need	query		string	false	"Only children with this primary need"
//	@Param		key_stage		query		string	false	"Only children in this key stage"
//	@Param		setting_type	query		string	false	"Only children in this type of setting"
//	@Success	200				{object}	DashboardResponse
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/dashboards/board [get]
func (s *Server) boardDashboard(c echo.Context) error {
	return s.dashboard(dashboard.ForBoard)(c)
}

// ConsentResponse is the area's consent to regional benchmarks.
type ConsentResponse struct {
	Consents    bool       `json:"consents"`
	GivenByName string     `json:"given_by_name"`
	GivenAt     *time.Time `json:"given_at"`
	Region      string     `json:"region" example:"black-country"`
} // @name ConsentResponse

func (s *Server) consentResponse(c echo.Context) error {
	con, err := dashboard.Benchmarks{Store: store.Benchmarks{}}.FindConsent(c.Request().Context())
	if err != nil {
		return err
	}
	out := ConsentResponse{}
	if r, err := (store.Benchmarks{}).RegionSlug(c.Request().Context(), tenantOf(c).RegionID); err == nil {
		out.Region = r
	}
	if con != nil {
		out.Consents, out.GivenByName, out.GivenAt = true, con.GivenByName, &con.GivenAt
	}
	return c.JSON(http.StatusOK, out)
}

// getConsent says whether the area takes part in its region's benchmarks.
//
//	@Summary	The area's consent to regional benchmarks
//	@Tags		dashboards
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	ConsentResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/benchmark-consent [get]
func (s *Server) getConsent(c echo.Context) error { return s.consentResponse(c) }

// giveConsent records the area's consent to show its figures beside its
// region's.
//
//	@Summary	Take part in regional benchmarks
//	@Tags		dashboards
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	ConsentResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	409		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/benchmark-consent [post]
func (s *Server) giveConsent(c echo.Context) error {
	p, _ := principalOf(c)
	ctx := c.Request().Context()
	if _, err := (dashboard.Benchmarks{Store: store.Benchmarks{}}).GiveConsent(ctx, p.PersonID); err != nil {
		return err
	}
	trail := s.schedule().Trail
	if err := trail.Record(ctx, "give", "benchmark_consent", tenantOf(c).ID, nil, nil); err != nil {
		return err
	}
	return s.consentResponse(c)
}

// withdrawConsent takes the area out of regional benchmarks at once.
//
//	@Summary	Stop taking part in regional benchmarks
//	@Tags		dashboards
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	ConsentResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/benchmark-consent [delete]
func (s *Server) withdrawConsent(c echo.Context) error {
	p, _ := principalOf(c)
	ctx := c.Request().Context()
	if err := (dashboard.Benchmarks{Store: store.Benchmarks{}}).WithdrawConsent(ctx, p.PersonID); err != nil {
		return err
	}
	trail := s.schedule().Trail
	if err := trail.Record(ctx, "withdraw", "benchmark_consent", tenantOf(c).ID, nil, nil); err != nil {
		return err
	}
	return s.consentResponse(c)
}

// BenchmarkRowResponse is one area's results, or the region's.
type BenchmarkRowResponse struct {
	Area  string          `json:"area"`
	Slug  string          `json:"slug"`
	Parts []CountResponse `json:"parts"`
	Total CountResponse   `json:"total"`
} // @name BenchmarkRowResponse

// BenchmarkResponse is an instrument's results in each consenting area of
// a region beside the region's, small counts withheld.
type BenchmarkResponse struct {
	Region     string                 `json:"region"`
	Instrument string                 `json:"instrument"`
	From       string                 `json:"from" format:"date"`
	To         string                 `json:"to" format:"date"`
	Labels     []string               `json:"labels"`
	Areas      []BenchmarkRowResponse `json:"areas"`
	Overall    BenchmarkRowResponse   `json:"overall"`
} // @name BenchmarkResponse

func benchmarkRow(r dashboard.BenchmarkRow) BenchmarkRowResponse {
	out := BenchmarkRowResponse{Area: r.Area.Name, Slug: r.Area.Slug, Total: countResponse(r.Total),
		Parts: make([]CountResponse, len(r.Parts))}
	for i, p := range r.Parts {
		out.Parts[i] = countResponse(p)
	}
	return out
}

// regionBenchmark compares an instrument's results across the region's
// consenting areas. Only members of an area of the region whose roles
// let them read benchmarks may ask; anyone else is told the region does
// not exist.
//
//	@Summary	Regional benchmark
//	@Tags		dashboards
//	@Produce	json
//	@Param		region		path		string	true	"Region slug"
//	@Param		instrument	query		string	true	"Instrument key"
//	@Param		from		query		string	false	"Start of the period (default 1 September)"	format(date)
//	@Param		to			query		string	false	"End of the period (default today)"	format(date)
//	@Success	200			{object}	BenchmarkResponse
//	@Failure	401			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/regions/{region}/benchmarks [get]
func (s *Server) regionBenchmark(c echo.Context) error {
	ctx := c.Request().Context()
	p, _ := principalOf(c)
	region, err := s.tenancy.Store.FindRegionBySlug(ctx, c.Param("region"))
	if err != nil {
		return domain.NotFound("region")
	}
	areas, err := store.Benchmarks{}.ListRegionAreas(ctx, region.ID)
	if err != nil {
		return err
	}
	member := false
	for _, a := range areas {
		ok, err := s.policy.Allowed(p.PersonID, a.ID, "benchmarks", "read")
		if err != nil {
			return err
		}
		member = member || ok
	}
	if !member {
		return domain.NotFound("region")
	}
	ctx, err = store.SetScope(ctx, domain.Scope{PersonID: p.PersonID, RegionID: region.ID})
	if err != nil {
		return err
	}
	svc := dashboard.Service{Now: s.responses.Now}
	from, to, err := dashboardPeriod(c, svc)
	if err != nil {
		return err
	}
	b, err := dashboard.Benchmarks{Store: store.Benchmarks{}}.FindBenchmark(ctx, region.ID,
		c.QueryParam("instrument"), from, to)
	if err != nil {
		return err
	}
	out := BenchmarkResponse{Region: region.Name, Instrument: b.Instrument,
		From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), Labels: b.Labels,
		Areas: make([]BenchmarkRowResponse, len(b.Areas)), Overall: benchmarkRow(b.Region)}
	out.Overall.Area = region.Name
	for i, r := range b.Areas {
		out.Areas[i] = benchmarkRow(r)
	}
	return c.JSON(http.StatusOK, out)
}
