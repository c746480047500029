package api

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/instrument"
	"sendqa/domain/sir"
)

// sirRoutes are the SEN information report rounds, their checks, the
// feedback letters and the summary across the sample.
func (s *Server) sirRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/sir-checklist",
			Access: tenant("sir", "read"), handler: s.getSIRChecklist},
		{Method: "GET", Path: "/api/v1/t/:tenant/sir-rounds",
			Access: tenant("sir", "read"), handler: s.listSIRRounds},
		{Method: "POST", Path: "/api/v1/t/:tenant/sir-rounds", Creates: true,
			Access: tenant("sir", "manage"), handler: s.createSIRRound},
		{Method: "GET", Path: "/api/v1/t/:tenant/sir-rounds/:id",
			Access: tenant("sir", "read"), handler: s.getSIRRound},
		{Method: "POST", Path: "/api/v1/t/:tenant/sir-rounds/:id/allocation",
			Access: tenant("sir", "manage"), handler: s.allocateSIRRound},
		{Method: "GET", Path: "/api/v1/t/:tenant/sir-rounds/:id/summary",
			Access: tenant("sir", "read"), handler: s.getSIRSummary},
		{Method: "GET", Path: "/api/v1/t/:tenant/sir-rounds/:id/summary/export",
			Access: tenant("sir", "read"), handler: s.exportSIRSummary},
		{Method: "GET", Path: "/api/v1/t/:tenant/sir-checks",
			Access: tenant("sir", "read"), handler: s.listSIRChecks},
		{Method: "GET", Path: "/api/v1/t/:tenant/sir-checks/:id",
			Access: tenant("sir", "read"), handler: s.getSIRCheck},
		{Method: "PUT", Path: "/api/v1/t/:tenant/sir-checks/:id",
			Access: tenant("sir", "write"), handler: s.saveSIRCheck},
		{Method: "POST", Path: "/api/v1/t/:tenant/sir-checks/:id/complete",
			Access: tenant("sir", "write"), handler: s.completeSIRCheck},
		{Method: "PUT", Path: "/api/v1/t/:tenant/sir-checks/:id/copy",
			BodyLimit: sir.MaxCopyBytes, Access: tenant("sir", "write"), handler: s.saveSIRCopy},
		{Method: "GET", Path: "/api/v1/t/:tenant/sir-checks/:id/copy",
			Access: tenant("sir", "read"), handler: s.downloadSIRCopy},
		{Method: "POST", Path: "/api/v1/t/:tenant/sir-checks/:id/letter", Creates: true,
			Access: tenant("sir", "write"), handler: s.generateSIRLetter},
		{Method: "GET", Path: "/api/v1/t/:tenant/sir-checks/:id/letter",
			Access: tenant("sir", "read"), handler: s.getSIRLetter},
		{Method: "GET", Path: "/api/v1/t/:tenant/sir-checks/:id/letter/pdf",
			Access: tenant("sir", "read"), handler: s.downloadSIRLetter},
		{Method: "POST", Path: "/api/v1/t/:tenant/sir-checks/:id/letter/review",
			Access: tenant("sir", "write"), handler: s.reviewSIRLetter},
		{Method: "POST", Path: "/api/v1/t/:tenant/sir-checks/:id/letter/send",
			Access: tenant("sir", "write"), handler: s.sendSIRLetter},
	}
}

func (s *Server) sirCaller(c echo.Context) (sir.Caller, error) {
	p, _ := principalOf(c)
	manage, err := s.policy.Allowed(p.PersonID, tenantOf(c).ID, "sir", "manage")
	return sir.Caller{PersonID: p.PersonID, Manage: manage}, err
}

// SIRItem is one required content of a report.
type SIRItem struct {
	ID       string `json:"id" example:"senco_contact"`
	Section  string `json:"section" example:"What the SEND Regulations 2014 require"`
	Label    string `json:"label" example:"The name and contact details of the SEN co-ordinator"`
	Guidance string `json:"guidance" example:"SEND Regulations 2014, Sch 1, para 9."`
} // @name SIRItem

// SIRChecklist is the items every check rates.
type SIRChecklist struct {
	Items []SIRItem `json:"items"`
} // @name SIRChecklist

func sirItem(it sir.Item) SIRItem {
	return SIRItem{ID: it.ID, Section: it.Section, Label: it.Label, Guidance: it.Guidance}
}

// getSIRChecklist lists the items of the built-in check.
//
//	@Summary	The SEN information report checklist
//	@Tags		sir
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	SIRChecklist
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checklist [get]
func (s *Server) getSIRChecklist(c echo.Context) error {
	items, err := s.sirService().Checklist()
	if err != nil {
		return err
	}
	out := SIRChecklist{Items: make([]SIRItem, len(items))}
	for i, it := range items {
		out.Items[i] = sirItem(it)
	}
	return c.JSON(http.StatusOK, out)
}

// SIRRoundRequest sets up a year's round and draws its sample.
type SIRRoundRequest struct {
	Name       string `json:"name" example:"SEN information reports 2026"`
	Year       int    `json:"year" example:"2026"`
	SampleSize int    `json:"sample_size" example:"10"`
	// ByPhase draws each phase's proportional share.
	ByPhase bool `json:"by_phase"`
	// Seed draws the sample again; left out, a new seed is drawn and
	// recorded. A whole number, as a string since it may exceed what
	// JavaScript numbers hold.
	Seed  *string `json:"seed,omitempty" example:"20261204"`
	DueOn string  `json:"due_on" format:"date"`
} // @name SIRRoundRequest

// SIRStratum is one phase of a sample drawn by phase.
type SIRStratum struct {
	Phase      string `json:"phase" example:"Primary"`
	Population int    `json:"population" example:"11"`
	Drawn      int    `json:"drawn" example:"2"`
} // @name SIRStratum

// SIRRoundResponse is a round with its sample's progress.
type SIRRoundResponse struct {
	ID         string       `json:"id" format:"uuid"`
	Name       string       `json:"name" example:"SEN information reports 2026"`
	Year       int          `json:"year" example:"2026"`
	SampleSize int          `json:"sample_size" example:"10"`
	ByPhase    bool         `json:"by_phase"`
	Seed       string       `json:"seed" example:"20261204"`
	Strata     []SIRStratum `json:"strata"`
	Population int          `json:"population" example:"60"`
	DueOn      string       `json:"due_on" format:"date"`
	Checks     int          `json:"checks" example:"10"`
	Allocated  int          `json:"allocated" example:"10"`
	Completed  int          `json:"completed" example:"2"`
	Version    int          `json:"version" example:"1"`
	CreatedAt  time.Time    `json:"created_at"`
} // @name SIRRoundResponse

// SIRRoundList is a page of rounds.
type SIRRoundList struct {
	Items      []SIRRoundResponse `json:"items"`
	NextCursor *string            `json:"next_cursor"`
} // @name SIRRoundList

func sirRoundResponse(r sir.Round) SIRRoundResponse {
	out := SIRRoundResponse{ID: r.ID.String(), Name: r.Name, Year: r.Year,
		SampleSize: r.SampleSize, ByPhase: r.ByPhase, Seed: strconv.FormatInt(r.Seed, 10),
		Strata: []SIRStratum{}, Population: r.Population, DueOn: r.DueOn.String(),
		Checks: r.Checks, Allocated: r.Allocated, Completed: r.Completed, Version: r.Version,
		CreatedAt: r.CreatedAt.UTC()}
	for _, st := range r.Strata {
		out.Strata = append(out.Strata, SIRStratum{Phase: st.Value, Population: st.Population,
			Drawn: st.Drawn})
	}
	return out
}

// listSIRRounds lists rounds, newest year first.
//
//	@Summary	List SEN information report rounds
//	@Tags		sir
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		limit	query		int		false	"Page size, 1 to 200"
//	@Param		cursor	query		string	false	"Next page"
//	@Success	200		{object}	SIRRoundList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-rounds [get]
func (s *Server) listSIRRounds(c echo.Context) error {
	pg, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.sirService().ListRounds(c.Request().Context(), pg)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, sirRoundResponse))
}

// createSIRRound sets up a year's round and draws its sample at once.
//
//	@Summary	Set up a SEN information report round and draw its sample
//	@Tags		sir
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		SIRRoundRequest	true	"The round"
//	@Success	201				{object}	SIRRoundResponse
//	@Header		201				{string}	ETag		"The round's version"
//	@Header		201				{string}	Location	"The round"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-rounds [post]
func (s *Server) createSIRRound(c echo.Context) error {
	var req SIRRoundRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	r := sir.Round{Name: req.Name, Year: req.Year, SampleSize: req.SampleSize, ByPhase: req.ByPhase}
	if req.DueOn != "" {
		d, err := instrument.ParseDate(req.DueOn)
		if err != nil {
			p.Add("due_on", "enter a real date as YYYY-MM-DD")
		}
		r.DueOn = d
	}
	var seed *int64
	if req.Seed != nil && *req.Seed != "" {
		n, err := strconv.ParseInt(*req.Seed, 10, 64)
		if err != nil || n < 0 {
			p.Add("seed", "enter a whole number of up to 18 digits")
		}
		seed = &n
	}
	if err := p.Err(); err != nil {
		return err
	}
	caller, err := s.sirCaller(c)
	if err != nil {
		return err
	}
	created, err := s.sirService().CreateRound(c.Request().Context(), caller, r, seed)
	if err != nil {
		return err
	}
	return writeCreated(c, created.ID, created.Version, sirRoundResponse(created))
}

// getSIRRound reads a round.
//
//	@Summary	Read a SEN information report round
//	@Tags		sir
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Round id"	format(uuid)
//	@Success	200		{object}	SIRRoundResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-rounds/{id} [get]
func (s *Server) getSIRRound(c echo.Context) error {
	id, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	r, err := s.sirService().FindRound(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(http.StatusOK, sirRoundResponse(r))
}

// SIRAllocationRequest names the officers who share a round's checks.
type SIRAllocationRequest struct {
	OfficerIDs []string `json:"officer_ids" format:"uuid"`
} // @name SIRAllocationRequest

// allocateSIRRound shares the unallocated checks among officers in turn.
//
//	@Summary	Allocate a round's checks to officers
//	@Tags		sir
//	@Accept		json
//	@Produce	json
//	@Param		tenant	path		string					true	"Tenant slug"
//	@Param		id		path		string					true	"Round id"	format(uuid)
//	@Param		body	body		SIRAllocationRequest	true	"The officers"
//	@Success	200		{object}	SIRRoundResponse
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	409		{object}	Problem	"Every check is allocated already"
//	@Failure	415		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-rounds/{id}/allocation [post]
func (s *Server) allocateSIRRound(c echo.Context) error {
	id, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	var req SIRAllocationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var (
		p        domain.Problems
		officers []uuid.UUID
	)
	for i, v := range req.OfficerIDs {
		o, err := uuid.Parse(v)
		if err != nil {
			p.Add(domain.Path("officer_ids", i), "must be an id")
		}
		officers = append(officers, o)
	}
	if err := p.Err(); err != nil {
		return err
	}
	caller, err := s.sirCaller(c)
	if err != nil {
		return err
	}
	r, err := s.sirService().Allocate(c.Request().Context(), caller, id, officers)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, sirRoundResponse(r))
}

// SIRCounts tallies a check's ratings.
type SIRCounts struct {
	Met          int `json:"met" example:"20"`
	PartiallyMet int `json:"partially_met" example:"2"`
	NotMet       int `json:"not_met" example:"2"`
} // @name SIRCounts

// SIRCheckBrief is a check as lists show it.
type SIRCheckBrief struct {
	ID          string          `json:"id" format:"uuid"`
	RoundID     string          `json:"round_id" format:"uuid"`
	RoundName   string          `json:"round_name"`
	Year        int             `json:"year" example:"2026"`
	Setting     SettingResponse `json:"setting"`
	Stratum     string          `json:"stratum" example:"Primary"`
	OfficerID   *string         `json:"officer_id" format:"uuid"`
	OfficerName string          `json:"officer_name"`
	State       string          `json:"state" enums:"unallocated,allocated,completed"`
	CheckedOn   *string         `json:"checked_on" format:"date"`
	LastUpdated *string         `json:"last_updated" format:"date"`
	// Stale says the report was last updated more than twelve months
	// before the check.
	Stale       bool       `json:"stale"`
	Counts      SIRCounts  `json:"counts"`
	LetterState string     `json:"letter_state" enums:",draft,reviewed,sent"`
	CompletedAt *time.Time `json:"completed_at"`
	Version     int        `json:"version" example:"1"`
} // @name SIRCheckBrief

// SIRCheckList is a page of checks.
type SIRCheckList struct {
	Items      []SIRCheckBrief `json:"items"`
	NextCursor *string         `json:"next_cursor"`
} // @name SIRCheckList

func sirCheckBrief(ch sir.Check) SIRCheckBrief {
	met, partial, notMet := ch.Counts()
	out := SIRCheckBrief{ID: ch.ID.String(), RoundID: ch.RoundID.String(), RoundName: ch.RoundName,
		Year: ch.Year, Setting: settingResponse(ch.Setting), Stratum: ch.Stratum,
		OfficerName: ch.OfficerName, State: string(ch.State), CheckedOn: optionalDate(ch.CheckedOn),
		LastUpdated: optionalDate(ch.LastUpdated), Stale: ch.Stale(),
		Counts:      SIRCounts{Met: met, PartiallyMet: partial, NotMet: notMet},
		LetterState: string(ch.LetterState), CompletedAt: ch.CompletedAt, Version: ch.Version}
	if ch.OfficerID != uuid.Nil {
		id := ch.OfficerID.String()
		out.OfficerID = &id
	}
	return out
}

// SIRRating is one item's rating and comment.
type SIRRating struct {
	Rating  string `json:"rating" enums:"met,partially_met,not_met"`
	Comment string `json:"comment" example:"The report names the SENCO but gives no way to contact them."`
} // @name SIRRating

// SIRCopyResponse describes a check's captured copy of the report.
type SIRCopyResponse struct {
	FileName    string `json:"file_name" example:"oak-lane-sir.pdf"`
	ContentType string `json:"content_type" example:"application/pdf"`
	Size        int64  `json:"size" example:"48213"`
} // @name SIRCopyResponse

// SIRCheckResponse is a check with everything the officer recorded.
type SIRCheckResponse struct {
	SIRCheckBrief
	ReportURL string               `json:"report_url"`
	Published *bool                `json:"published"`
	Ratings   map[string]SIRRating `json:"ratings"`
	Copy      *SIRCopyResponse     `json:"copy"`
	DueOn     string               `json:"due_on" format:"date"`
} // @name SIRCheckResponse

func sirCheckResponse(ch sir.Check) SIRCheckResponse {
	out := SIRCheckResponse{SIRCheckBrief: sirCheckBrief(ch), ReportURL: ch.ReportURL,
		Published: ch.Published, Ratings: map[string]SIRRating{}, DueOn: ch.DueOn.String()}
	for id, a := range ch.Ratings {
		out.Ratings[id] = SIRRating{Rating: string(a.Rating), Comment: a.Comment}
	}
	if ch.Copy != nil {
		out.Copy = &SIRCopyResponse{FileName: ch.Copy.Name, ContentType: ch.Copy.Type,
			Size: ch.Copy.Size}
	}
	return out
}

// listSIRChecks lists checks by setting name.
//
//	@Summary	List SEN information report checks
//	@Tags		sir
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		round_id	query		string	false	"Only this round's"	format(uuid)
//	@Param		mine		query		bool	false	"Only the caller's own"
//	@Param		limit		query		int		false	"Page size, 1 to 200"
//	@Param		cursor		query		string	false	"Next page"
//	@Success	200			{object}	SIRCheckList
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks [get]
func (s *Server) listSIRChecks(c echo.Context) error {
	pg, err := pageParams(c)
	if err != nil {
		return err
	}
	var f sir.CheckFilter
	if f.RoundID, err = queryID(c, "round_id"); err != nil {
		return err
	}
	if c.QueryParam("mine") == "true" {
		p, _ := principalOf(c)
		f.OfficerID = &p.PersonID
	}
	list, err := s.sirService().ListChecks(c.Request().Context(), f, pg)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, sirCheckBrief))
}

// getSIRCheck reads a check.
//
//	@Summary	Read a SEN information report check
//	@Tags		sir
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Check id"	format(uuid)
//	@Success	200		{object}	SIRCheckResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks/{id} [get]
func (s *Server) getSIRCheck(c echo.Context) error {
	id, err := pathID(c, "id", "check")
	if err != nil {
		return err
	}
	ch, err := s.sirService().FindCheck(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, ch.Version)
	return c.JSON(http.StatusOK, sirCheckResponse(ch))
}

// SIRCheckRequest saves what an officer found; fields left out stay.
type SIRCheckRequest struct {
	ReportURL *string `json:"report_url,omitempty"`
	CheckedOn *string `json:"checked_on,omitempty" format:"date"`
	Published *bool   `json:"published,omitempty"`
	// LastUpdated is the date the report says it was last updated; an
	// empty string clears it.
	LastUpdated *string              `json:"last_updated,omitempty" format:"date"`
	Ratings     map[string]SIRRating `json:"ratings,omitempty"`
} // @name SIRCheckRequest

func sirDraft(req SIRCheckRequest) (sir.Draft, error) {
	var p domain.Problems
	d := sir.Draft{ReportURL: req.ReportURL, Published: req.Published}
	date := func(field string, s *string) *instrument.Date {
		if s == nil {
			return nil
		}
		var v instrument.Date
		if *s != "" {
			var err error
			if v, err = instrument.ParseDate(*s); err != nil {
				p.Add(field, "enter a real date as YYYY-MM-DD")
			}
		}
		return &v
	}
	d.CheckedOn = date("checked_on", req.CheckedOn)
	d.LastUpdated = date("last_updated", req.LastUpdated)
	if req.Ratings != nil {
		d.Ratings = map[string]sir.Assessment{}
		for id, r := range req.Ratings {
			d.Ratings[id] = sir.Assessment{Rating: sir.Rating(r.Rating), Comment: r.Comment}
		}
	}
	return d, p.Err()
}

// saveSIRCheck saves a check's draft: nothing is required yet.
//
//	@Summary	Save a SEN information report check
//	@Tags		sir
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Check id"	format(uuid)
//	@Param		If-Match	header		string			true	"The ETag of the version being changed"
//	@Param		body		body		SIRCheckRequest	true	"What was found"
//	@Success	200			{object}	SIRCheckResponse
//	@Header		200			{string}	ETag	"The new version"
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Not allocated, or its letter has gone"
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks/{id} [put]
func (s *Server) saveSIRCheck(c echo.Context) error {
	id, err := pathID(c, "id", "check")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req SIRCheckRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	d, err := sirDraft(req)
	if err != nil {
		return err
	}
	caller, err := s.sirCaller(c)
	if err != nil {
		return err
	}
	ch, err := s.sirService().SaveCheck(c.Request().Context(), caller, id, version, d)
	if err != nil {
		return err
	}
	setETag(c, ch.Version)
	return c.JSON(http.StatusOK, sirCheckResponse(ch))
}

// completeSIRCheck completes a check once every item is rated.
//
//	@Summary	Complete a SEN information report check
//	@Tags		sir
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		id			path		string	true	"Check id"	format(uuid)
//	@Param		If-Match	header		string	true	"The ETag of the version being completed"
//	@Success	200			{object}	SIRCheckResponse
//	@Header		200			{string}	ETag	"The new version"
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem	"What is still missing, by field"
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks/{id}/complete [post]
func (s *Server) completeSIRCheck(c echo.Context) error {
	id, err := pathID(c, "id", "check")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	caller, err := s.sirCaller(c)
	if err != nil {
		return err
	}
	ch, err := s.sirService().CompleteCheck(c.Request().Context(), caller, id, version)
	if err != nil {
		return err
	}
	setETag(c, ch.Version)
	return c.JSON(http.StatusOK, sirCheckResponse(ch))
}

// saveSIRCopy keeps a captured copy of the report, replacing any other.
//
//	@Summary	Keep a captured copy of the report
//	@Tags		sir
//	@Accept		application/pdf
//	@Accept		text/html
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		id			path		string	true	"Check id"	format(uuid)
//	@Param		file_name	query		string	false	"The file's name, for display"
//	@Param		If-Match	header		string	true	"The ETag of the check's version"
//	@Param		body		body		string	true	"The PDF or saved web page"
//	@Success	200			{object}	SIRCheckResponse
//	@Header		200			{string}	ETag	"The new version"
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Not allocated, or the virus scanner cannot be reached"
//	@Failure	412			{object}	Problem
//	@Failure	413			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks/{id}/copy [put]
func (s *Server) saveSIRCopy(c echo.Context) error {
	id, err := pathID(c, "id", "check")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return readError(err)
	}
	caller, err := s.sirCaller(c)
	if err != nil {
		return err
	}
	ch, err := s.sirService().SaveCopy(c.Request().Context(), caller, id, version,
		c.QueryParam("file_name"), body)
	if err != nil {
		return err
	}
	setETag(c, ch.Version)
	return c.JSON(http.StatusOK, sirCheckResponse(ch))
}

// downloadSIRCopy sends the captured copy as an attachment that browsers
// neither sniff, run nor keep.
//
//	@Summary	Download the captured copy of the report
//	@Tags		sir
//	@Produce	octet-stream
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Check id"	format(uuid)
//	@Success	200		{file}		file
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks/{id}/copy [get]
func (s *Server) downloadSIRCopy(c echo.Context) error {
	id, err := pathID(c, "id", "check")
	if err != nil {
		return err
	}
	cp, data, err := s.sirService().OpenCopy(c.Request().Context(), id)
	if err != nil {
		return err
	}
	name := cp.Name
	if name == "" {
		name = "report-copy"
	}
	setDownloadHeaders(c, name)
	return c.Blob(http.StatusOK, cp.Type, data)
}

// SIRFinding is one item as a letter reports it.
type SIRFinding struct {
	ItemID  string `json:"item_id" example:"senco_contact"`
	Label   string `json:"label"`
	Rating  string `json:"rating" enums:"met,partially_met,not_met"`
	Comment string `json:"comment"`
} // @name SIRFinding

// SIRLetterResponse is a check's feedback letter.
type SIRLetterResponse struct {
	ID           string       `json:"id" format:"uuid"`
	CheckID      string       `json:"check_id" format:"uuid"`
	State        string       `json:"state" enums:"draft,reviewed,sent"`
	SettingName  string       `json:"setting_name"`
	Published    bool         `json:"published"`
	Stale        bool         `json:"stale"`
	LastUpdated  *string      `json:"last_updated" format:"date"`
	Met          []SIRFinding `json:"met"`
	PartiallyMet []SIRFinding `json:"partially_met"`
	NotMet       []SIRFinding `json:"not_met"`
	ToDo         []string     `json:"to_do"`
	RespondBy    string       `json:"respond_by" format:"date"`
	GeneratedAt  time.Time    `json:"generated_at"`
	ReviewedAt   *time.Time   `json:"reviewed_at"`
	SentTo       string       `json:"sent_to"`
	SentAt       *time.Time   `json:"sent_at"`
	Version      int          `json:"version" example:"1"`
} // @name SIRLetterResponse

func sirFindings(list []sir.Finding) []SIRFinding {
	out := make([]SIRFinding, len(list))
	for i, f := range list {
		out[i] = SIRFinding{ItemID: f.ItemID, Label: f.Label, Rating: string(f.Rating),
			Comment: f.Comment}
	}
	return out
}

func sirLetterResponse(l sir.Letter) SIRLetterResponse {
	f := l.Findings
	todo := f.ToDo()
	if todo == nil {
		todo = []string{}
	}
	return SIRLetterResponse{ID: l.ID.String(), CheckID: l.CheckID.String(), State: string(l.State),
		SettingName: f.SettingName, Published: f.Published, Stale: f.Stale,
		LastUpdated: optionalDate(f.LastUpdated), Met: sirFindings(f.Met),
		PartiallyMet: sirFindings(f.Partly), NotMet: sirFindings(f.NotMet), ToDo: todo,
		RespondBy: f.RespondBy.String(), GeneratedAt: l.GeneratedAt.UTC(),
		ReviewedAt: l.ReviewedAt, SentTo: l.SentTo, SentAt: l.SentAt, Version: l.Version}
}

// generateSIRLetter drafts, or drafts again, a completed check's letter.
//
//	@Summary	Draft the feedback letter of a check
//	@Tags		sir
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		id				path		string	true	"Check id"	format(uuid)
//	@Param		Idempotency-Key	header		string	false	"Replays the first response for 24 hours"
//	@Success	201				{object}	SIRLetterResponse
//	@Header		201				{string}	ETag	"The letter's version"
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"Not completed, or sent already"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks/{id}/letter [post]
func (s *Server) generateSIRLetter(c echo.Context) error {
	id, err := pathID(c, "id", "check")
	if err != nil {
		return err
	}
	caller, err := s.sirCaller(c)
	if err != nil {
		return err
	}
	l, err := s.sirService().GenerateLetter(c.Request().Context(), caller, id)
	if err != nil {
		return err
	}
	setETag(c, l.Version)
	c.Response().Header().Set(echo.HeaderLocation, c.Request().URL.Path)
	return c.JSON(http.StatusCreated, sirLetterResponse(l))
}

// getSIRLetter reads a check's letter.
//
//	@Summary	Read the feedback letter of a check
//	@Tags		sir
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Check id"	format(uuid)
//	@Success	200		{object}	SIRLetterResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks/{id}/letter [get]
func (s *Server) getSIRLetter(c echo.Context) error {
	id, err := pathID(c, "id", "check")
	if err != nil {
		return err
	}
	l, err := s.sirService().FindLetter(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, l.Version)
	return c.JSON(http.StatusOK, sirLetterResponse(l))
}

// downloadSIRLetter sends the letter's PDF.
//
//	@Summary	Download the feedback letter as a PDF
//	@Tags		sir
//	@Produce	application/pdf
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Check id"	format(uuid)
//	@Success	200		{file}		file
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks/{id}/letter/pdf [get]
func (s *Server) downloadSIRLetter(c echo.Context) error {
	id, err := pathID(c, "id", "check")
	if err != nil {
		return err
	}
	l, err := s.sirService().FindLetter(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setDownloadHeaders(c, "sen-information-report-feedback-"+l.Findings.URN+".pdf")
	return c.Blob(http.StatusOK, "application/pdf", l.PDF)
}

// reviewSIRLetter records that the officer has read the letter.
//
//	@Summary	Mark the feedback letter reviewed
//	@Tags		sir
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		id			path		string	true	"Check id"	format(uuid)
//	@Param		If-Match	header		string	true	"The ETag of the letter's version"
//	@Success	200			{object}	SIRLetterResponse
//	@Header		200			{string}	ETag	"The new version"
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Sent already"
//	@Failure	412			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks/{id}/letter/review [post]
func (s *Server) reviewSIRLetter(c echo.Context) error {
	return s.letterStep(c, sir.Service.ReviewLetter)
}

// sendSIRLetter sends a reviewed letter to the SENCO with its PDF.
//
//	@Summary	Send the feedback letter to the setting's SENCO
//	@Tags		sir
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		id			path		string	true	"Check id"	format(uuid)
//	@Param		If-Match	header		string	true	"The ETag of the letter's version"
//	@Success	200			{object}	SIRLetterResponse
//	@Header		200			{string}	ETag	"The new version"
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Not reviewed, sent already, or no SENCO e-mail"
//	@Failure	412			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-checks/{id}/letter/send [post]
func (s *Server) sendSIRLetter(c echo.Context) error {
	return s.letterStep(c, sir.Service.SendLetter)
}

// letterStepFunc is a step of a letter's life taken at a version.
type letterStepFunc func(
	sir.Service, context.Context, sir.Caller, uuid.UUID, int,
) (sir.Letter, error)

func (s *Server) letterStep(c echo.Context, step letterStepFunc) error {
	id, err := pathID(c, "id", "check")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	caller, err := s.sirCaller(c)
	if err != nil {
		return err
	}
	l, err := step(s.sirService(), c.Request().Context(), caller, id, version)
	if err != nil {
		return err
	}
	setETag(c, l.Version)
	return c.JSON(http.StatusOK, sirLetterResponse(l))
}

// SIRItemSummary is how the completed checks rated one item.
type SIRItemSummary struct {
	SIRItem
	Met               int `json:"met" example:"7"`
	PartiallyMet      int `json:"partially_met" example:"2"`
	NotMet            int `json:"not_met" example:"1"`
	CompliancePercent int `json:"compliance_percent" example:"70"`
} // @name SIRItemSummary

// SIRPhaseSummary is how one phase's completed checks came out.
type SIRPhaseSummary struct {
	Phase             string `json:"phase" example:"Primary"`
	Checks            int    `json:"checks" example:"2"`
	CompliancePercent int    `json:"compliance_percent" example:"88"`
	Stale             int    `json:"stale" example:"1"`
	NotPublished      int    `json:"not_published" example:"0"`
} // @name SIRPhaseSummary

// SIRSummary is the picture across a round's sample.
type SIRSummary struct {
	Round        SIRRoundResponse  `json:"round"`
	Sampled      int               `json:"sampled" example:"10"`
	Completed    int               `json:"completed" example:"2"`
	Stale        int               `json:"stale" example:"1"`
	NotPublished int               `json:"not_published" example:"0"`
	Items        []SIRItemSummary  `json:"items"`
	Phases       []SIRPhaseSummary `json:"phases"`
	CommonGaps   []SIRItemSummary  `json:"common_gaps"`
} // @name SIRSummary

func sirItemSummaries(list []sir.ItemSummary) []SIRItemSummary {
	out := make([]SIRItemSummary, len(list))
	for i, is := range list {
		out[i] = SIRItemSummary{SIRItem: sirItem(is.Item), Met: is.Met, PartiallyMet: is.Partly,
			NotMet: is.NotMet, CompliancePercent: is.CompliancePercent}
	}
	return out
}

// getSIRSummary is the summary across a round's sample.
//
//	@Summary	Summary of a SEN information report round
//	@Tags		sir
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Round id"	format(uuid)
//	@Success	200		{object}	SIRSummary
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-rounds/{id}/summary [get]
func (s *Server) getSIRSummary(c echo.Context) error {
	id, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	r, sum, err := s.sirService().Summarise(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := SIRSummary{Round: sirRoundResponse(r), Sampled: sum.Sampled, Completed: sum.Completed,
		Stale: sum.Stale, NotPublished: sum.NotPublished, Items: sirItemSummaries(sum.Items),
		Phases: []SIRPhaseSummary{}, CommonGaps: sirItemSummaries(sum.Gaps)}
	for _, p := range sum.Phases {
		out.Phases = append(out.Phases, SIRPhaseSummary{Phase: p.Phase, Checks: p.Checks,
			CompliancePercent: p.CompliancePercent, Stale: p.Stale, NotPublished: p.NotPublished})
	}
	return c.JSON(http.StatusOK, out)
}

// exportSIRSummary writes the summary's figures as CSV: one row per item,
// then one per phase.
//
//	@Summary	Export the summary of a round as CSV
//	@Tags		sir
//	@Produce	text/csv
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Round id"	format(uuid)
//	@Success	200		{file}		file
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/sir-rounds/{id}/summary/export [get]
func (s *Server) exportSIRSummary(c echo.Context) error {
	id, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	r, sum, err := s.sirService().Summarise(c.Request().Context(), id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write([]string{"group", "item", "label", "met", "partially_met", "not_met",
		"compliance_percent", "checks", "stale", "not_published"})
	for _, is := range sum.Items {
		_ = w.Write([]string{"item", is.Item.ID, safeCell(is.Item.Label), strconv.Itoa(is.Met),
			strconv.Itoa(is.Partly), strconv.Itoa(is.NotMet), strconv.Itoa(is.CompliancePercent),
			strconv.Itoa(sum.Completed), "", ""})
	}
	for _, p := range sum.Phases {
		_ = w.Write([]string{"phase", "", safeCell(p.Phase), "", "", "",
			strconv.Itoa(p.CompliancePercent), strconv.Itoa(p.Checks), strconv.Itoa(p.Stale),
			strconv.Itoa(p.NotPublished)})
	}
	w.Flush()
	c.Response().Header().Set(echo.HeaderContentDisposition,
		fmt.Sprintf(`attachment; filename="sir-summary-%d.csv"`, r.Year))
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// safeCell keeps a spreadsheet from reading a cell as a formula.
func safeCell(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
