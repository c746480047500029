package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
)

// instrumentRoutes are the routes of the catalogue of instruments: reading
// it, scoring answers without saving them, writing the area's own
// instruments and sharing them with other areas.
func (s *Server) instrumentRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/instrument-schema", Access: signedIn(), handler: s.instrumentSchema},
		{Method: "GET", Path: "/api/v1/t/:tenant/instruments",
			Access: tenant("instruments", "read"), handler: s.listInstruments},
		{Method: "GET", Path: "/api/v1/t/:tenant/instruments/:key",
			Access: tenant("instruments", "read"), handler: s.getInstrument},
		{Method: "GET", Path: "/api/v1/t/:tenant/instruments/:key/versions",
			Access: tenant("instruments", "read"), handler: s.listInstrumentVersions},
		{Method: "GET", Path: "/api/v1/t/:tenant/instruments/:key/versions/:version",
			Access: tenant("instruments", "read"), handler: s.getInstrumentVersion},
		{Method: "GET", Path: "/api/v1/t/:tenant/instruments/:key/versions/:version/export",
			Access: tenant("instruments", "read"), handler: s.exportInstrumentVersion},
		{Method: "POST", Path: "/api/v1/t/:tenant/instruments/:key/versions/:version/preview",
			Access: tenant("instruments", "preview"), handler: s.previewInstrumentVersion},
		{Method: "GET", Path: "/api/v1/t/:tenant/instruments/:key/compare",
			Access: tenant("instruments", "read"), handler: s.compareInstrumentVersions},
		{Method: "GET", Path: "/api/v1/t/:tenant/instrument-uses",
			Access: tenant("instruments", "read"), handler: s.listInstrumentUses},

		// Writing: drafts, publication, retirement and new versions.
		{Method: "POST", Path: "/api/v1/t/:tenant/instruments", Creates: true,
			Access: tenant("instruments", "write"), handler: s.createInstrument},
		{Method: "POST", Path: "/api/v1/t/:tenant/instruments/imports", Creates: true,
			Access: tenant("instruments", "write"), handler: s.importInstrument},
		{Method: "PUT", Path: "/api/v1/t/:tenant/instruments/:key/versions/:version",
			Access: tenant("instruments", "write"), handler: s.updateInstrumentDraft},
		{Method: "POST", Path: "/api/v1/t/:tenant/instruments/:key/versions/:version/publish",
			Access: tenant("instruments", "write"), handler: s.publishInstrumentVersion},
		{Method: "POST", Path: "/api/v1/t/:tenant/instruments/:key/retire",
			Access: tenant("instruments", "write"), handler: s.retireInstrument},
		{Method: "POST", Path: "/api/v1/t/:tenant/instruments/:key/versions", Creates: true,
			Access: tenant("instruments", "write"), handler: s.newInstrumentVersion},

		// Sharing between areas, and using what others share.
		{Method: "GET", Path: "/api/v1/t/:tenant/instruments/:key/shares",
			Access: tenant("instruments", "read"), handler: s.listInstrumentShares},
		{Method: "POST", Path: "/api/v1/t/:tenant/instruments/:key/shares", Creates: true,
			Access: tenant("instruments", "share"), handler: s.shareInstrument},
		{Method: "DELETE", Path: "/api/v1/t/:tenant/instruments/:key/shares/:id",
			Access: tenant("instruments", "share"), handler: s.withdrawInstrumentShare},
		{Method: "POST", Path: "/api/v1/t/:tenant/instruments/:key/local-layers", Creates: true,
			Access: tenant("instruments", "write"), handler: s.addLocalLayer},
		{Method: "POST", Path: "/api/v1/t/:tenant/instruments/:key/adopt", Creates: true,
			Access: tenant("instruments", "write"), handler: s.adoptInstrument},
	}
}

// InstrumentSummary is one instrument in a list, described by its current
// version: the newest published one, or the newest when none is.
type InstrumentSummary struct {
	// ID is null for built-in instruments, which are known by key.
	ID             *string   `json:"id" format:"uuid"`
	Key            string    `json:"key" example:"eps_advice_quality"`
	Source         string    `json:"source" enums:"built_in,own,shared" example:"built_in"`
	Title          string    `json:"title" example:"Quality assurance of psychological advice"`
	Description    string    `json:"description"`
	Subject        string    `json:"subject" example:"advice"`
	State          string    `json:"state" enums:"draft,published,retired" example:"published"`
	CurrentVersion int       `json:"current_version" example:"1"`
	UpdatedAt      time.Time `json:"updated_at"`
	// Owner, SharedVersion, UsedVersion and NewerVersionAvailable are
	// given for shared instruments only.
	Owner *InstrumentOwner `json:"owner,omitempty"`
	// SharedVersion is the newest published version shared with the area.
	SharedVersion int `json:"shared_version,omitempty" example:"2"`
	// UsedVersion is the newest version the area uses or adopted.
	UsedVersion *int `json:"used_version,omitempty" example:"1"`
	// NewerVersionAvailable says the owner has shared a version newer than
	// the one the area uses; the area chooses when to move.
	NewerVersionAvailable *bool `json:"newer_version_available,omitempty"`
} // @name InstrumentSummary

// InstrumentList is a page of instruments.
type InstrumentList struct {
	Items      []InstrumentSummary `json:"items"`
	NextCursor *string             `json:"next_cursor"`
} // @name InstrumentList

// InstrumentResponse is an instrument with its current version's full
// definition, in the JSON form that export and import use.
type InstrumentResponse struct {
	ID             *string   `json:"id" format:"uuid"`
	Key            string    `json:"key" example:"eps_advice_quality"`
	Source         string    `json:"source" enums:"built_in,own,shared" example:"built_in"`
	Title          string    `json:"title" example:"Quality assurance of psychological advice"`
	Description    string    `json:"description"`
	Subject        string    `json:"subject" example:"advice"`
	State          string    `json:"state" enums:"draft,published,retired" example:"published"`
	CurrentVersion int       `json:"current_version" example:"1"`
	CompletedBy    []string  `json:"completed_by" example:"auditor"`
	PersonalItems  []string  `json:"personal_items" example:"child_name"`
	Version        int       `json:"version" example:"1"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	// Scoring is the current version's scoring rule, as in its definition.
	Scoring json.RawMessage `json:"scoring" swaggertype:"object"`
	// Definition is the current version's definition; see
	// /api/v1/instrument-schema.
	Definition json.RawMessage `json:"definition" swaggertype:"object"`
	// Versions lists up to 200 versions, newest first: for a shared
	// instrument, those shared with the area.
	Versions []InstrumentVersionSummary `json:"versions"`
	// Owner is given for another area's shared instrument only.
	Owner *InstrumentOwner `json:"owner,omitempty"`
} // @name InstrumentResponse

// InstrumentVersionSummary is one version of an instrument.
type InstrumentVersionSummary struct {
	Number      int        `json:"number" example:"1"`
	State       string     `json:"state" enums:"draft,published,retired" example:"published"`
	Title       string     `json:"title"`
	RuleVersion string     `json:"rule_version" example:"eps-advice-1"`
	CreatedAt   time.Time  `json:"created_at"`
	PublishedAt *time.Time `json:"published_at"`
	RetiredAt   *time.Time `json:"retired_at"`
} // @name InstrumentVersionSummary

// InstrumentVersionList is a page of versions, newest first.
type InstrumentVersionList struct {
	Items      []InstrumentVersionSummary `json:"items"`
	NextCursor *string                    `json:"next_cursor"`
} // @name InstrumentVersionList

// InstrumentVersionResponse is one version with its full definition.
type InstrumentVersionResponse struct {
	Key         string     `json:"key" example:"eps_advice_quality"`
	Source      string     `json:"source" enums:"built_in,own,shared" example:"built_in"`
	Number      int        `json:"number" example:"1"`
	State       string     `json:"state" enums:"draft,published,retired" example:"published"`
	Title       string     `json:"title"`
	RuleVersion string     `json:"rule_version" example:"eps-advice-1"`
	Version     int        `json:"version" example:"1"`
	CreatedAt   time.Time  `json:"created_at"`
	PublishedAt *time.Time `json:"published_at"`
	RetiredAt   *time.Time `json:"retired_at"`
	// Definition is the version's definition; see /api/v1/instrument-schema.
	Definition json.RawMessage `json:"definition" swaggertype:"object"`
} // @name InstrumentVersionResponse

// PreviewRequest is a set of answers to score without saving them.
type PreviewRequest struct {
	// Answers are keyed by item id, each typed by its item's kind.
	Answers json.RawMessage `json:"answers" swaggertype:"object"`
	// AsOf is the audit date; today (UTC) when left out.
	AsOf string `json:"as_of,omitempty" format:"date" example:"2025-06-01"`
} // @name PreviewRequest

// ScoreOutcome is the result of one scoring rule.
type ScoreOutcome struct {
	Scored bool `json:"scored"`
	// Value is null when nothing was scored.
	Value *float64 `json:"value" example:"1.684211"`
	Label string   `json:"label" example:"good"`
	// Count is how many items, sections or milestones the rule read.
	Count int `json:"count" example:"19"`
} // @name ScoreOutcome

// SectionScore is one section's result.
type SectionScore struct {
	ID      string       `json:"id" example:"quality"`
	Applies bool         `json:"applies"`
	Outcome ScoreOutcome `json:"outcome"`
} // @name SectionScore

// MilestoneScore is the state of one milestone that applies.
type MilestoneScore struct {
	Item      string  `json:"item" example:"decision_to_assess"`
	Statutory bool    `json:"statutory"`
	Due       *string `json:"due" format:"date"`
	Actual    *string `json:"actual" format:"date"`
	Status    string  `json:"status" enums:"on_time,late,missing,excused,not_due,unknown" example:"on_time"`
	DaysLate  int     `json:"days_late"`
	Exception string  `json:"exception,omitempty" example:"missed_appointment"`
} // @name MilestoneScore

// ComplianceCounts counts milestones by status.
type ComplianceCounts struct {
	OnTime  int `json:"on_time"`
	Late    int `json:"late"`
	Missing int `json:"missing"`
	Excused int `json:"excused"`
	NotDue  int `json:"not_due"`
	Unknown int `json:"unknown"`
	// Share is on time / (on time + late + missing), null when none of
	// those.
	Share *float64 `json:"share" example:"0.666667"`
} // @name ComplianceCounts

// ScoreResponse is the result of scoring a set of answers.
type ScoreResponse struct {
	RuleVersion string             `json:"rule_version" example:"eps-advice-1"`
	Overall     ScoreOutcome       `json:"overall"`
	Sections    []SectionScore     `json:"sections"`
	Items       map[string]float64 `json:"items"`
	Computed    map[string]float64 `json:"computed"`
	Milestones  []MilestoneScore   `json:"milestones"`
	Compliance  ComplianceCounts   `json:"compliance"`
	// StatutoryCompliance counts only the milestones the law sets.
	StatutoryCompliance ComplianceCounts `json:"statutory_compliance"`
	// Poor says the overall label is one the instrument's follow-up
	// treats as poor.
	Poor bool `json:"poor"`
} // @name ScoreResponse

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

func instrumentSummary(in catalogue.Instrument) InstrumentSummary {
	return InstrumentSummary{ID: optionalID(in.ID), Key: in.Key, Source: string(in.Source),
		Title: in.Title, Description: in.Description, Subject: string(in.Subject),
		State: string(in.State), CurrentVersion: in.CurrentVersion, UpdatedAt: in.UpdatedAt.UTC()}
}

func versionSummary(v catalogue.VersionSummary) InstrumentVersionSummary {
	return InstrumentVersionSummary{Number: v.Number, State: string(v.State), Title: v.Title,
		RuleVersion: v.RuleVersion, CreatedAt: v.CreatedAt.UTC(),
		PublishedAt: optionalTime(v.PublishedAt), RetiredAt: optionalTime(v.RetiredAt)}
}

func scoreOutcome(o instrument.Outcome) ScoreOutcome {
	out := ScoreOutcome{Scored: o.Scored, Label: o.Label, Count: o.Count}
	if o.Scored {
		v := o.Value
		out.Value = &v
	}
	return out
}

func optionalDate(d instrument.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func complianceCounts(c instrument.Compliance) ComplianceCounts {
	out := ComplianceCounts{OnTime: c.OnTime, Late: c.Late, Missing: c.Missing, Excused: c.Excused,
		NotDue: c.NotDue, Unknown: c.Unknown}
	if share, ok := c.Share(); ok {
		out.Share = &share
	}
	return out
}

func scoreResponse(r instrument.Result) ScoreResponse {
	out := ScoreResponse{RuleVersion: r.RuleVersion, Overall: scoreOutcome(r.Overall),
		Sections: make([]SectionScore, len(r.Sections)), Items: r.Items, Computed: r.Computed,
		Milestones: make([]MilestoneScore, len(r.Milestones)), Compliance: complianceCounts(r.Compliance),
		StatutoryCompliance: complianceCounts(r.Statutory), Poor: r.Poor}
	for i, s := range r.Sections {
		out.Sections[i] = SectionScore{ID: s.ID, Applies: s.Applies, Outcome: scoreOutcome(s.Outcome)}
	}
	for i, m := range r.Milestones {
		out.Milestones[i] = MilestoneScore{Item: m.Item, Statutory: m.Statutory, Due: optionalDate(m.Due),
			Actual: optionalDate(m.Actual), Status: string(m.Status), DaysLate: m.DaysLate,
			Exception: string(m.Exception)}
	}
	if out.Items == nil {
		out.Items = map[string]float64{}
	}
	if out.Computed == nil {
		out.Computed = map[string]float64{}
	}
	return out
}

// pathVersion reads a version number from the path; anything but a
// positive whole number is simply not found.
func pathVersion(c echo.Context) (int, error) {
	n, err := strconv.Atoi(c.Param("version"))
	if err != nil || n < 1 {
		return 0, domain.NotFound("version")
	}
	return n, nil
}

// instrumentSchema publishes the JSON Schema of the definition format.
//
//	@Summary	The JSON Schema of instrument definitions
//	@Tags		instruments
//	@Produce	json
//	@Success	200	{object}	object	"A JSON Schema (draft 2020-12)"
//	@Failure	401	{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/instrument-schema [get]
func (s *Server) instrumentSchema(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/schema+json", instrument.JSONSchema())
}

// listInstruments lists the built-in library and the tenant's own
// instruments, by title.
//
//	@Summary	List instruments
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		subject	query		string	false	"Only this kind of subject"	Enums(ehc_plan, ehcna_case, advice, annual_review, provider, setting, service, visit, conversation, theme)
//	@Param		q		query		string	false	"Part of the title, key or description"
//	@Param		source	query		string	false	"Built in, the area's own, or shared with it by other areas"	Enums(built_in, own, shared)
//	@Param		state	query		string	false	"State of the current version"	Enums(draft, published, retired)
//	@Param		limit	query		int		false	"Page size (1 to 200)"
//	@Param		cursor	query		string	false	"Cursor from the previous page"
//	@Success	200		{object}	InstrumentList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments [get]
func (s *Server) listInstruments(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	var f catalogue.Filter
	if v := c.QueryParam("subject"); v != "" {
		subject := instrument.SubjectKind(v)
		f.Subject = &subject
	}
	if v := c.QueryParam("q"); v != "" {
		f.Query = &v
	}
	if v := c.QueryParam("source"); v != "" {
		source := catalogue.Source(v)
		f.Source = &source
	}
	if f.Source != nil && *f.Source == catalogue.SourceShared {
		// What others share is listed with its owner and the version the
		// area uses; the other filters do not apply to it.
		list, err := s.catalogue.ListSharedInstruments(c.Request().Context(), p)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, listOf(list, sharedSummary))
	}
	if v := c.QueryParam("state"); v != "" {
		state := instrument.State(v)
		f.State = &state
	}
	list, err := s.catalogue.ListInstruments(c.Request().Context(), f, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, instrumentSummary))
}

// getInstrument reads an instrument with its current version's definition
// and its versions.
//
//	@Summary	Read an instrument
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		key		path		string	true	"Instrument key, or the id of the area's own instrument"
//	@Success	200		{object}	InstrumentResponse
//	@Header		200		{string}	ETag	"The instrument's version"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key} [get]
func (s *Server) getInstrument(c echo.Context) error {
	ctx := c.Request().Context()
	cat := s.catalogue
	in, err := cat.FindInstrument(ctx, c.Param("key"))
	if err != nil {
		return err
	}
	ref := in.Key
	if in.Source != catalogue.SourceBuiltIn {
		ref = in.ID.String()
	}
	current, err := cat.FindVersion(ctx, ref, in.CurrentVersion)
	if err != nil {
		return fmt.Errorf("load current version: %w", err)
	}
	versions, err := cat.ListVersions(ctx, ref, domain.Page{Limit: domain.MaxPageLimit})
	if err != nil {
		return err
	}
	def, err := instrument.MarshalDefinition(current.Definition)
	if err != nil {
		return err
	}

	out := InstrumentResponse{ID: optionalID(in.ID), Key: in.Key, Source: string(in.Source),
		Title: in.Title, Description: in.Description, Subject: string(in.Subject),
		State: string(in.State), CurrentVersion: in.CurrentVersion, Version: in.Version,
		PersonalItems: current.Definition.PersonalItems(), CreatedAt: in.CreatedAt.UTC(),
		UpdatedAt: in.UpdatedAt.UTC(), Definition: def,
		Versions: make([]InstrumentVersionSummary, len(versions.Items))}
	for _, r := range current.Definition.CompletedBy {
		out.CompletedBy = append(out.CompletedBy, string(r))
	}
	if out.PersonalItems == nil {
		out.PersonalItems = []string{}
	}
	var parts struct {
		Scoring json.RawMessage `json:"scoring"`
	}
	if err := json.Unmarshal(def, &parts); err != nil {
		return fmt.Errorf("read scoring rule: %w", err)
	}
	out.Scoring = parts.Scoring
	if in.Source == catalogue.SourceShared {
		out.Owner = &InstrumentOwner{Tenant: in.Owner.Slug, TenantName: in.Owner.Name}
	}
	for i, v := range versions.Items {
		out.Versions[i] = versionSummary(v)
	}
	setETag(c, in.Version)
	return c.JSON(http.StatusOK, out)
}

// listInstrumentVersions lists an instrument's versions, newest first.
//
//	@Summary	List an instrument's versions
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		key		path		string	true	"Instrument key, or the id of the area's own instrument"
//	@Param		limit	query		int		false	"Page size (1 to 200)"
//	@Param		cursor	query		string	false	"Cursor from the previous page"
//	@Success	200		{object}	InstrumentVersionList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/versions [get]
func (s *Server) listInstrumentVersions(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.catalogue.ListVersions(c.Request().Context(), c.Param("key"), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, versionSummary))
}

// findVersion loads the version a route names.
func (s *Server) findVersion(c echo.Context) (catalogue.Version, error) {
	n, err := pathVersion(c)
	if err != nil {
		return catalogue.Version{}, err
	}
	return s.catalogue.FindVersion(c.Request().Context(), c.Param("key"), n)
}

// getInstrumentVersion reads one version with its full definition.
//
//	@Summary	Read a version of an instrument
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		key		path		string	true	"Instrument key, or the id of the area's own instrument"
//	@Param		version	path		int		true	"Version number"
//	@Success	200		{object}	InstrumentVersionResponse
//	@Header		200		{string}	ETag	"The version's revision"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/versions/{version} [get]
func (s *Server) getInstrumentVersion(c echo.Context) error {
	v, err := s.findVersion(c)
	if err != nil {
		return err
	}
	def, err := instrument.MarshalDefinition(v.Definition)
	if err != nil {
		return err
	}
	setETag(c, v.Revision)
	return c.JSON(http.StatusOK, InstrumentVersionResponse{Key: v.Key, Source: string(v.Source),
		Number: v.Number, State: string(v.State), Title: v.Title, RuleVersion: v.RuleVersion,
		Version: v.Revision, CreatedAt: v.CreatedAt.UTC(), PublishedAt: optionalTime(v.PublishedAt),
		RetiredAt: optionalTime(v.RetiredAt), Definition: def})
}

// exportInstrumentVersion downloads a version's definition as a JSON file
// that import reads back.
//
//	@Summary	Export a version's definition
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		key		path		string	true	"Instrument key, or the id of the area's own instrument"
//	@Param		version	path		int		true	"Version number"
//	@Success	200		{object}	object	"The definition; see /api/v1/instrument-schema"
//	@Header		200		{string}	Content-Disposition	"attachment; filename=\"<key>-v<number>.json\""
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/versions/{version}/export [get]
func (s *Server) exportInstrumentVersion(c echo.Context) error {
	v, err := s.findVersion(c)
	if err != nil {
		return err
	}
	def, err := instrument.MarshalDefinition(v.Definition)
	if err != nil {
		return err
	}
	// Keys are lower-case letters, digits and underscores, so the name
	// needs no quoting beyond the quotes themselves.
	c.Response().Header().Set(echo.HeaderContentDisposition,
		fmt.Sprintf(`attachment; filename="%s-v%d.json"`, v.Key, v.Number))
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, def)
}

// previewInstrumentVersion checks a set of answers against a version and
// scores them without saving anything. Answers may hold a child's personal
// data: they are neither stored nor logged.
//
//	@Summary	Score answers without saving them
//	@Tags		instruments
//	@Accept		json
//	@Produce	json
//	@Param		tenant	path		string			true	"Tenant slug"
//	@Param		key		path		string			true	"Instrument key, or the id of the area's own instrument"
//	@Param		version	path		int				true	"Version number"
//	@Param		mode	query		string			false	"draft checks types only; submit also requires what a submitted response needs"	Enums(draft, submit)
//	@Param		body	body		PreviewRequest	true	"The answers"
//	@Success	200		{object}	ScoreResponse
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	413		{object}	Problem
//	@Failure	415		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/versions/{version}/preview [post]
func (s *Server) previewInstrumentVersion(c echo.Context) error {
	n, err := pathVersion(c)
	if err != nil {
		return err
	}
	opt := catalogue.Preview{Mode: instrument.Draft, AsOf: instrument.DateOf(time.Now().UTC()).Time()}
	switch c.QueryParam("mode") {
	case "", "draft":
	case "submit":
		opt.Mode = instrument.Submit
	default:
		return domain.InvalidField("mode", "must be draft or submit")
	}
	var req PreviewRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	if req.AsOf != "" {
		d, err := instrument.ParseDate(req.AsOf)
		if err != nil {
			return domain.InvalidField("as_of", "enter a date as YYYY-MM-DD")
		}
		opt.AsOf = d.Time()
	}
	answers := []byte(req.Answers)
	if len(answers) == 0 || string(answers) == "null" {
		answers = []byte("{}")
	}

	r, err := s.catalogue.PreviewScore(c.Request().Context(), c.Param("key"), n, answers, opt)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, scoreResponse(r))
}
