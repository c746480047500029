package api

import (
	"io"
	"mime"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/actionplan"
	"sendqa/domain/audit"
	"sendqa/domain/store"
	"sendqa/domain/triangulation"
)

// triangulationRoutes are the area's themes, the findings recorded
// against them and the matrix of themes by source.
func (s *Server) triangulationRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/themes",
			Access: tenant("triangulation", "read"), handler: s.listThemes},
		{Method: "POST", Path: "/api/v1/t/:tenant/themes", Creates: true,
			Access: tenant("triangulation", "write"), handler: s.createTheme},
		{Method: "GET", Path: "/api/v1/t/:tenant/themes/:id",
			Access: tenant("triangulation", "read"), handler: s.getTheme},
		{Method: "PATCH", Path: "/api/v1/t/:tenant/themes/:id",
			Access: tenant("triangulation", "write"), handler: s.updateTheme},
		{Method: "POST", Path: "/api/v1/t/:tenant/themes/:id/actions", Creates: true,
			Access: tenant("action_plans", "write"), handler: s.createThemeAction},
		{Method: "GET", Path: "/api/v1/t/:tenant/findings",
			Access: tenant("triangulation", "read"), handler: s.listFindings},
		{Method: "POST", Path: "/api/v1/t/:tenant/findings", Creates: true,
			Access: tenant("triangulation", "write"), handler: s.createFinding},
		{Method: "POST", Path: "/api/v1/t/:tenant/findings/imports",
			Access: tenant("triangulation", "write"), BodyLimit: triangulation.MaxImportBytes,
			handler: s.importFindings},
		{Method: "POST", Path: "/api/v1/t/:tenant/findings/derivations",
			Access: tenant("triangulation", "write"), handler: s.deriveFindings},
		{Method: "GET", Path: "/api/v1/t/:tenant/findings/:id",
			Access: tenant("triangulation", "read"), handler: s.getFinding},
		{Method: "PATCH", Path: "/api/v1/t/:tenant/findings/:id",
			Access: tenant("triangulation", "write"), handler: s.updateFinding},
		{Method: "GET", Path: "/api/v1/t/:tenant/triangulation",
			Access: tenant("triangulation", "read"), handler: s.getTriangulation},
	}
}

// triangulation is the themes and findings service.
func (s *Server) triangulation() triangulation.Service {
	return triangulation.Service{Store: store.Triangulation{},
		Trail: audit.Recorder{Store: store.Trail{}, Now: time.Now}, Definitions: s.responses.Instruments}
}

// ThemeRequest adds a theme.
type ThemeRequest struct {
	Name        string `json:"name" example:"Quality of health advice"`
	Description string `json:"description,omitempty"`
	// Links name instruments or instrument sections ("key/section") whose
	// ratings are findings on the theme.
	Links []string `json:"links,omitempty" example:"ehcp_quality_audit/section_e"`
	// Position orders the theme; 0 puts it last.
	Position int `json:"position,omitempty"`
} // @name ThemeRequest

// ThemePatchRequest changes some fields of a theme.
type ThemePatchRequest struct {
	Name        *string   `json:"name,omitempty"`
	Description *string   `json:"description,omitempty"`
	Links       *[]string `json:"links,omitempty"`
	Position    *int      `json:"position,omitempty"`
	Archived    *bool     `json:"archived,omitempty"`
} // @name ThemePatchRequest

// ThemeResponse is a theme.
type ThemeResponse struct {
	ID          string    `json:"id" format:"uuid"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Links       []string  `json:"links"`
	Position    int       `json:"position"`
	Archived    bool      `json:"archived"`
	Version     int       `json:"version" example:"1"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
} // @name ThemeResponse

// ThemeList is every theme.
type ThemeList struct {
	Items      []ThemeResponse `json:"items"`
	NextCursor *string         `json:"next_cursor"`
} // @name ThemeList

func themeResponse(t triangulation.Theme) ThemeResponse {
	return ThemeResponse{ID: t.ID.String(), Name: t.Name, Description: t.Description,
		Links: append([]string{}, t.Links...), Position: t.Position, Archived: t.Archived,
		Version: t.Version, CreatedAt: t.CreatedAt.UTC(), UpdatedAt: t.UpdatedAt.UTC()}
}

// listThemes lists the area's themes in order; an area starts with the
// framework's dip themes.
//
//	@Summary	List themes
//	@Tags		triangulation
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		archived	query		bool	false	"Include archived themes"
//	@Success	200			{object}	ThemeList
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/themes [get]
func (s *Server) listThemes(c echo.Context) error {
	list, err := s.triangulation().ListThemes(c.Request().Context(),
		c.QueryParam("archived") == "true")
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(domain.List[triangulation.Theme]{Items: list},
		themeResponse))
}

// createTheme adds a theme.
//
//	@Summary	Add a theme
//	@Tags		triangulation
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		ThemeRequest	true	"The theme"
//	@Success	201				{object}	ThemeResponse
//	@Header		201				{string}	ETag		"The theme's version"
//	@Header		201				{string}	Location	"The theme"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/themes [post]
func (s *Server) createTheme(c echo.Context) error {
	var req ThemeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	t, err := s.triangulation().CreateTheme(c.Request().Context(), triangulation.Theme{
		Name: req.Name, Description: req.Description, Links: req.Links, Position: req.Position})
	if err != nil {
		return err
	}
	return writeCreated(c, t.ID, t.Version, themeResponse(t))
}

// getTheme reads one theme.
//
//	@Summary	Read a theme
//	@Tags		triangulation
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Theme id"	format(uuid)
//	@Success	200		{object}	ThemeResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/themes/{id} [get]
func (s *Server) getTheme(c echo.Context) error {
	id, err := pathID(c, "id", "theme")
	if err != nil {
		return err
	}
	t, err := s.triangulation().FindThemeByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(http.StatusOK, themeResponse(t))
}

// updateTheme renames, relinks, reorders or archives a theme.
//
//	@Summary	Change a theme
//	@Tags		triangulation
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string				true	"Tenant slug"
//	@Param		id			path		string				true	"Theme id"	format(uuid)
//	@Param		If-Match	header		string				true	"The ETag of the version being changed"
//	@Param		body		body		ThemePatchRequest	true	"The fields to change"
//	@Success	200			{object}	ThemeResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/themes/{id} [patch]
func (s *Server) updateTheme(c echo.Context) error {
	id, err := pathID(c, "id", "theme")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req ThemePatchRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	t, err := s.triangulation().UpdateTheme(c.Request().Context(), id, version,
		triangulation.ThemePatch{Name: req.Name, Description: req.Description, Links: req.Links,
			Position: req.Position, Archived: req.Archived})
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(http.StatusOK, themeResponse(t))
}

// ThemeActionRequest turns a theme into an action of the practice
// improvement plan.
type ThemeActionRequest struct {
	// Title defaults to the theme's name.
	Title       string `json:"title,omitempty" example:"Improve the quality of health advice"`
	Description string `json:"description,omitempty"`
	OwnerID     string `json:"owner_id" format:"uuid"`
	DueOn       string `json:"due_on" format:"date" example:"2027-03-31"`
} // @name ThemeActionRequest

// createThemeAction adds an action on a theme to the practice improvement
// plan, setting the plan up when the area has none; the action names the
// theme as its source.
//
//	@Summary	Turn a theme into an action
//	@Tags		triangulation
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string				true	"Tenant slug"
//	@Param		id				path		string				true	"Theme id"	format(uuid)
//	@Param		Idempotency-Key	header		string				false	"Replays the first response for 24 hours"
//	@Param		body			body		ThemeActionRequest	true	"The action"
//	@Success	201				{object}	ActionResponse
//	@Header		201				{string}	ETag		"The action's version"
//	@Header		201				{string}	Location	"The action"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/themes/{id}/actions [post]
func (s *Server) createThemeAction(c echo.Context) error {
	id, err := pathID(c, "id", "theme")
	if err != nil {
		return err
	}
	var req ThemeActionRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	theme, err := s.triangulation().FindThemeByID(ctx, id)
	if err != nil {
		return err
	}
	var p domain.Problems
	a := actionplan.Action{Title: req.Title, Description: req.Description,
		OwnerID: parseRequiredID("owner_id", req.OwnerID, &p), DueOn: parseDate("due_on", req.DueOn, &p),
		Status: actionplan.NotStarted, RAG: actionplan.Amber,
		Source: &actionplan.Source{Kind: actionplan.SourceTheme, ID: theme.ID}}
	if err := p.Err(); err != nil {
		return err
	}
	if a.Title == "" {
		a.Title = theme.Name
	}
	plans := s.actionPlans()
	practice := actionplan.Practice
	list, err := plans.ListPlans(ctx, actionplan.PlanFilter{Kind: &practice}, domain.Page{Limit: 1})
	if err != nil {
		return err
	}
	caller, err := s.planCaller(c)
	if err != nil {
		return err
	}
	if len(list.Items) == 0 {
		// An area's first action on a theme sets up its practice plan.
		plan, err := plans.CreatePlan(ctx, caller, actionplan.Plan{Kind: actionplan.Practice,
			Title: "Practice improvement plan", LeadID: caller.PersonID})
		if err != nil {
			return err
		}
		list.Items = append(list.Items, plan)
	}
	a.PlanID = list.Items[0].ID
	created, err := plans.CreateAction(ctx, caller, a)
	if err != nil {
		return err
	}
	setETag(c, created.Version)
	c.Response().Header().Set(echo.HeaderLocation,
		"/api/v1/t/"+tenantOf(c).Slug+"/actions/"+created.ID.String())
	return c.JSON(http.StatusCreated, actionResponse(plans.Today())(created))
}

// FindingRequest records a finding.
type FindingRequest struct {
	ThemeID    string `json:"theme_id" format:"uuid"`
	SourceKind string `json:"source_kind" example:"parent_carer_forum"`
	// SourceID is the record the finding came from, when sendqa holds it.
	SourceID    *string `json:"source_id,omitempty" format:"uuid"`
	SourceLabel string  `json:"source_label,omitempty" example:"Forum meeting, 12 March"`
	Polarity    string  `json:"polarity" enums:"strength,development"`
	Body        string  `json:"body" example:"Parents say annual reviews now start on time"`
	FoundOn     string  `json:"found_on" format:"date" example:"2026-03-12"`
} // @name FindingRequest

// FindingPatchRequest changes some fields of a finding.
type FindingPatchRequest struct {
	ThemeID     *string `json:"theme_id,omitempty" format:"uuid"`
	SourceLabel *string `json:"source_label,omitempty"`
	Polarity    *string `json:"polarity,omitempty" enums:"strength,development"`
	Body        *string `json:"body,omitempty"`
	FoundOn     *string `json:"found_on,omitempty" format:"date"`
} // @name FindingPatchRequest

// ThemeFindingResponse is a finding.
type ThemeFindingResponse struct {
	ID          string    `json:"id" format:"uuid"`
	ThemeID     string    `json:"theme_id" format:"uuid"`
	ThemeName   string    `json:"theme_name"`
	SourceKind  string    `json:"source_kind"`
	SourceName  string    `json:"source_name"`
	SourceID    *string   `json:"source_id" format:"uuid"`
	SourceLabel string    `json:"source_label"`
	Polarity    string    `json:"polarity" enums:"strength,development"`
	Body        string    `json:"body"`
	FoundOn     string    `json:"found_on" format:"date"`
	Origin      string    `json:"origin" enums:"entered,imported,derived"`
	Version     int       `json:"version" example:"1"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
} // @name ThemeFindingResponse

// FindingList is a page of findings.
type FindingList struct {
	Items      []ThemeFindingResponse `json:"items"`
	NextCursor *string                `json:"next_cursor"`
} // @name FindingList

func findingResponse(f triangulation.Finding) ThemeFindingResponse {
	return ThemeFindingResponse{ID: f.ID.String(), ThemeID: f.ThemeID.String(), ThemeName: f.ThemeName,
		SourceKind: string(f.SourceKind), SourceName: triangulation.SourceOf(f.SourceKind).Label,
		SourceID: optionalID(f.SourceID), SourceLabel: f.SourceLabel, Polarity: string(f.Polarity),
		Body: f.Body, FoundOn: f.FoundOn.Format(time.DateOnly), Origin: string(f.Origin),
		Version: f.Version, CreatedAt: f.CreatedAt.UTC(), UpdatedAt: f.UpdatedAt.UTC()}
}

// periodParams reads the from and to dates of a period from the query.
func periodParams(c echo.Context) (triangulation.Period, error) {
	var p domain.Problems
	out := triangulation.Period{From: parseDate("from", c.QueryParam("from"), &p),
		To: parseDate("to", c.QueryParam("to"), &p)}
	return out, p.Err()
}

// listFindings lists findings, oldest first.
//
//	@Summary	List findings
//	@Tags		triangulation
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		from		query		string	false	"Found on or after"	format(date)
//	@Param		to			query		string	false	"Found on or before"	format(date)
//	@Param		theme_id	query		string	false	"Only this theme's"	format(uuid)
//	@Param		source_kind	query		string	false	"Only this source's"
//	@Param		polarity	query		string	false	"Only strengths or areas for development"	Enums(strength, development)
//	@Param		limit		query		int		false	"Page size, 1 to 200"
//	@Param		cursor		query		string	false	"Next page"
//	@Success	200			{object}	FindingList
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/findings [get]
func (s *Server) listFindings(c echo.Context) error {
	pg, err := pageParams(c)
	if err != nil {
		return err
	}
	var f triangulation.FindingFilter
	if f.Period, err = periodParams(c); err != nil {
		return err
	}
	if f.ThemeID, err = queryID(c, "theme_id"); err != nil {
		return err
	}
	if v := c.QueryParam("source_kind"); v != "" {
		k := triangulation.SourceKind(v)
		f.SourceKind = &k
	}
	if v := c.QueryParam("polarity"); v != "" {
		pol := triangulation.Polarity(v)
		f.Polarity = &pol
	}
	list, err := s.triangulation().ListFindings(c.Request().Context(), f, pg)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, findingResponse))
}

// createFinding records a finding entered by hand.
//
//	@Summary	Record a finding
//	@Tags		triangulation
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		FindingRequest	true	"The finding"
//	@Success	201				{object}	ThemeFindingResponse
//	@Header		201				{string}	ETag		"The finding's version"
//	@Header		201				{string}	Location	"The finding"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/findings [post]
func (s *Server) createFinding(c echo.Context) error {
	var req FindingRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	f := triangulation.Finding{ThemeID: parseRequiredID("theme_id", req.ThemeID, &p),
		SourceKind: triangulation.SourceKind(req.SourceKind), SourceLabel: req.SourceLabel,
		Polarity: triangulation.Polarity(req.Polarity), Body: req.Body,
		FoundOn: parseDate("found_on", req.FoundOn, &p)}
	if req.SourceID != nil {
		f.SourceID = parseRequiredID("source_id", *req.SourceID, &p)
	}
	if err := p.Err(); err != nil {
		return err
	}
	principal, _ := principalOf(c)
	saved, err := s.triangulation().RecordFinding(c.Request().Context(), principal.PersonID, f)
	if err != nil {
		return err
	}
	return writeCreated(c, saved.ID, saved.Version, findingResponse(saved))
}

// FindingImportResponse says how many findings a file recorded.
type FindingImportResponse struct {
	Imported int `json:"imported" example:"12"`
} // @name FindingImportResponse

// importFindings records the findings of a CSV file, all or none.
//
//	@Summary	Import findings from CSV
//	@Description	Columns theme, source, polarity, finding, date and optionally where.
//	@Description	A file with any bad row records nothing and lists every row's problems.
//	@Tags		triangulation
//	@Accept		text/csv
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		body	body		string	true	"The CSV file, UTF-8, with a header row"
//	@Success	201		{object}	FindingImportResponse
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	413		{object}	Problem
//	@Failure	415		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/findings/imports [post]
func (s *Server) importFindings(c echo.Context) error {
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || (mt != "text/csv" && mt != "text/plain") {
		return newHTTPError(http.StatusUnsupportedMediaType, "send the file as text/csv")
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return readError(err)
	}
	principal, _ := principalOf(c)
	n, err := s.triangulation().ImportFindings(c.Request().Context(), principal.PersonID, body)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, FindingImportResponse{Imported: n})
}

// DerivationRequest names the period whose records findings are derived
// from.
type DerivationRequest struct {
	From string `json:"from" format:"date" example:"2026-01-01"`
	To   string `json:"to" format:"date" example:"2026-04-30"`
} // @name DerivationRequest

// DerivationResponse says how many new findings were derived.
type DerivationResponse struct {
	Derived int `json:"derived" example:"8"`
} // @name DerivationResponse

// deriveFindings records the findings of a period's submitted audits,
// moderations and feedback: each section rated well or poorly on the
// themes linked to it. Running it again adds only what is new.
//
//	@Summary	Derive findings from audits, moderation and feedback
//	@Tags		triangulation
//	@Accept		json
//	@Produce	json
//	@Param		tenant	path		string				true	"Tenant slug"
//	@Param		body	body		DerivationRequest	true	"The period"
//	@Success	200		{object}	DerivationResponse
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	415		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/findings/derivations [post]
func (s *Server) deriveFindings(c echo.Context) error {
	var req DerivationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	period := triangulation.Period{From: parseDate("from", req.From, &p),
		To: parseDate("to", req.To, &p)}
	if err := p.Err(); err != nil {
		return err
	}
	principal, _ := principalOf(c)
	n, err := s.triangulation().DeriveFindings(c.Request().Context(), principal.PersonID, period)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, DerivationResponse{Derived: n})
}

// getFinding reads one finding.
//
//	@Summary	Read a finding
//	@Tags		triangulation
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Finding id"	format(uuid)
//	@Success	200		{object}	ThemeFindingResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/findings/{id} [get]
func (s *Server) getFinding(c echo.Context) error {
	id, err := pathID(c, "id", "finding")
	if err != nil {
		return err
	}
	f, err := s.triangulation().FindFindingByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, f.Version)
	return c.JSON(http.StatusOK, findingResponse(f))
}

// updateFinding changes a finding.
//
//	@Summary	Change a finding
//	@Tags		triangulation
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string				true	"Tenant slug"
//	@Param		id			path		string				true	"Finding id"	format(uuid)
//	@Param		If-Match	header		string				true	"The ETag of the version being changed"
//	@Param		body		body		FindingPatchRequest	true	"The fields to change"
//	@Success	200			{object}	ThemeFindingResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/findings/{id} [patch]
func (s *Server) updateFinding(c echo.Context) error {
	id, err := pathID(c, "id", "finding")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req FindingPatchRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	patch := triangulation.FindingPatch{SourceLabel: req.SourceLabel, Body: req.Body}
	if req.ThemeID != nil {
		t := parseRequiredID("theme_id", *req.ThemeID, &p)
		patch.ThemeID = &t
	}
	if req.Polarity != nil {
		pol := triangulation.Polarity(*req.Polarity)
		patch.Polarity = &pol
	}
	if req.FoundOn != nil {
		d := parseDate("found_on", *req.FoundOn, &p)
		patch.FoundOn = &d
	}
	if err := p.Err(); err != nil {
		return err
	}
	f, err := s.triangulation().UpdateFinding(c.Request().Context(), id, version, patch)
	if err != nil {
		return err
	}
	setETag(c, f.Version)
	return c.JSON(http.StatusOK, findingResponse(f))
}

// SourceColumn is one source of the matrix.
type SourceColumn struct {
	Kind  string `json:"kind" example:"parent_carer_forum"`
	Label string `json:"label" example:"Parent carer forum"`
	// Entered is true for sources whose findings are entered or imported.
	Entered bool `json:"entered"`
	Voice   bool `json:"voice"`
} // @name SourceColumn

// TriangulationCell counts one theme's findings from one source.
type TriangulationCell struct {
	Kind         string `json:"kind"`
	Strengths    int    `json:"strengths"`
	Developments int    `json:"developments"`
} // @name TriangulationCell

// TriangulationRow is one theme across every source.
type TriangulationRow struct {
	Theme        ThemeResponse       `json:"theme"`
	Cells        []TriangulationCell `json:"cells"`
	Sources      int                 `json:"sources"`
	Strengths    int                 `json:"strengths"`
	Developments int                 `json:"developments"`
	// Triangulated is true when at least three sources saw the theme.
	Triangulated bool `json:"triangulated"`
} // @name TriangulationRow

// TriangulationResponse is themes against sources for a period.
type TriangulationResponse struct {
	From    *string            `json:"from" format:"date"`
	To      *string            `json:"to" format:"date"`
	Sources []SourceColumn     `json:"sources"`
	Rows    []TriangulationRow `json:"rows"`
} // @name TriangulationResponse

// dayOrNil is a date as the API writes it, or null when unset.
func dayOrNil(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

func triangulationResponse(m triangulation.Matrix) TriangulationResponse {
	out := TriangulationResponse{From: dayOrNil(m.Period.From), To: dayOrNil(m.Period.To),
		Sources: []SourceColumn{}, Rows: []TriangulationRow{}}
	for _, s := range m.Sources {
		out.Sources = append(out.Sources, SourceColumn{Kind: string(s.Kind), Label: s.Label,
			Entered: s.Entered, Voice: s.Voice})
	}
	for _, r := range m.Rows {
		row := TriangulationRow{Theme: themeResponse(r.Theme), Sources: r.Sources,
			Strengths: r.Strengths, Developments: r.Developments, Triangulated: r.Triangulated()}
		for _, c := range r.Cells {
			row.Cells = append(row.Cells, TriangulationCell{Kind: string(c.Kind),
				Strengths: c.Strengths, Developments: c.Developments})
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// getTriangulation lays out a period's findings as themes against
// sources; a theme seen in three or more sources is triangulated.
//
//	@Summary	Themes against sources
//	@Tags		triangulation
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		from	query		string	false	"Findings on or after"	format(date)
//	@Param		to		query		string	false	"Findings on or before"	format(date)
//	@Success	200		{object}	TriangulationResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/triangulation [get]
func (s *Server) getTriangulation(c echo.Context) error {
	period, err := periodParams(c)
	if err != nil {
		return err
	}
	m, err := s.triangulation().Triangulate(c.Request().Context(), period)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, triangulationResponse(m))
}
