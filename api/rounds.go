package api

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/round"
)

// roundRoutes are the routes of the audit cycle: rounds, their draw and
// allocation, and the services auditors work for.
func (s *Server) roundRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/rounds",
			Access: tenant("rounds", "read"), handler: s.listRounds},
		{Method: "POST", Path: "/api/v1/t/:tenant/rounds", Creates: true,
			Access: tenant("rounds", "write"), handler: s.createRound},
		{Method: "GET", Path: "/api/v1/t/:tenant/rounds/:id",
			Access: tenant("rounds", "read"), handler: s.getRound},
		{Method: "POST", Path: "/api/v1/t/:tenant/rounds/:id/draw",
			Access: tenant("rounds", "write"), handler: s.drawRound},
		{Method: "GET", Path: "/api/v1/t/:tenant/rounds/:id/allocations",
			Access: tenant("rounds", "read"), handler: s.listAllocations},
		{Method: "POST", Path: "/api/v1/t/:tenant/rounds/:id/allocations",
			Access: tenant("rounds", "write"), handler: s.allocateRound},
		{Method: "PATCH", Path: "/api/v1/t/:tenant/rounds/:id/allocations/:allocation",
			Access: tenant("rounds", "write"), handler: s.moveAllocation},
		{Method: "POST", Path: "/api/v1/t/:tenant/rounds/:id/allocations/reassign",
			Access: tenant("rounds", "write"), handler: s.reassignLeaver},
		{Method: "GET", Path: "/api/v1/t/:tenant/auditors",
			Access: tenant("auditors", "read"), handler: s.listAuditors},
		{Method: "PUT", Path: "/api/v1/t/:tenant/auditors/:person/services",
			Access: tenant("auditors", "write"), handler: s.setAuditorServices},
	}
}

// RoundRequest plans a round.
type RoundRequest struct {
	Name              string `json:"name" example:"Autumn 2026 plan audit"`
	InstrumentKey     string `json:"instrument_key" example:"ehcp_quality_audit"`
	InstrumentVersion int    `json:"instrument_version" example:"1"`
	Term              string `json:"term" enums:"autumn,spring,summer" example:"autumn"`
	// AcademicYear is the year the school year starts in.
	AcademicYear   int    `json:"academic_year" example:"2026"`
	OpensOn        string `json:"opens_on" format:"date" example:"2026-10-01"`
	DueOn          string `json:"due_on" format:"date" example:"2026-10-30"`
	SamplingMethod string `json:"sampling_method" enums:"random,stratified" example:"stratified"`
	StrataBy       string `json:"strata_by,omitempty" enums:"primary_need,setting_type,key_stage"`
	// SampleSize defaults to the number of auditors times per_auditor.
	SampleSize int `json:"sample_size,omitempty" example:"40"`
	PerAuditor int `json:"per_auditor,omitempty" example:"2"`
} // @name RoundRequest

// RoundResponse is a round with its draw and progress.
type RoundResponse struct {
	ID                string `json:"id" format:"uuid"`
	Name              string `json:"name"`
	InstrumentKey     string `json:"instrument_key" example:"ehcp_quality_audit"`
	InstrumentVersion int    `json:"instrument_version" example:"1"`
	SubjectKind       string `json:"subject_kind" example:"ehc_plan"`
	Term              string `json:"term" enums:"autumn,spring,summer"`
	AcademicYear      int    `json:"academic_year" example:"2026"`
	OpensOn           string `json:"opens_on" format:"date"`
	DueOn             string `json:"due_on" format:"date"`
	SamplingMethod    string `json:"sampling_method" enums:"random,stratified"`
	StrataBy          string `json:"strata_by" enums:",primary_need,setting_type,key_stage"`
	SampleSize        int    `json:"sample_size" example:"0"`
	PerAuditor        int    `json:"per_auditor" example:"2"`
	// Seed is the seed of the last draw, null until drawn: drawing again
	// with it gives the same sample.
	Seed        *int64            `json:"seed" example:"42"`
	Strata      []StratumResponse `json:"strata"`
	State       string            `json:"state" enums:"planned,drawn,allocated"`
	DrawnAt     *time.Time        `json:"drawn_at"`
	AllocatedAt *time.Time        `json:"allocated_at"`
	Progress    *RoundProgress    `json:"progress,omitempty"`
	// Purpose is programme for the programme's own rounds; a re-audit or
	// dip sample names the action that scheduled it.
	Purpose   string    `json:"purpose" enums:"programme,re_audit,dip_sample"`
	ActionID  *string   `json:"action_id" format:"uuid"`
	Version   int       `json:"version" example:"1"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
} // @name RoundResponse

// StratumResponse is one group of a stratified draw.
type StratumResponse struct {
	Value      string `json:"value" example:"ASD"`
	Population int    `json:"population" example:"12"`
	Drawn      int    `json:"drawn" example:"5"`
} // @name StratumResponse

// RoundProgress counts a round's audits.
type RoundProgress struct {
	Sampled     int           `json:"sampled"`
	Unallocated int           `json:"unallocated"`
	Allocated   int           `json:"allocated"`
	InProgress  int           `json:"in_progress"`
	Submitted   int           `json:"submitted"`
	ByAuditor   []AuditorLoad `json:"by_auditor"`
} // @name RoundProgress

// AuditorLoad is one auditor's share of a round.
type AuditorLoad struct {
	PersonID  string   `json:"person_id" format:"uuid"`
	Name      string   `json:"name"`
	Services  []string `json:"services"`
	Allocated int      `json:"allocated"`
	Submitted int      `json:"submitted"`
	Left      bool     `json:"left"`
} // @name AuditorLoad

// RoundList is a page of rounds.
type RoundList struct {
	Items      []RoundResponse `json:"items"`
	NextCursor *string         `json:"next_cursor"`
} // @name RoundList

func roundResponse(r round.Round) RoundResponse {
	out := RoundResponse{ID: r.ID.String(), Name: r.Name, InstrumentKey: r.InstrumentKey,
		InstrumentVersion: r.InstrumentVersion, SubjectKind: string(r.SubjectKind), Term: string(r.Term),
		AcademicYear: r.AcademicYear, OpensOn: r.OpensOn.Format(time.DateOnly),
		DueOn: r.DueOn.Format(time.DateOnly), SamplingMethod: string(r.Sampling.Method),
		StrataBy: string(r.Sampling.StrataBy), SampleSize: r.SampleSize, PerAuditor: r.PerAuditor,
		Seed: r.Seed, Strata: []StratumResponse{}, State: string(r.State), DrawnAt: r.DrawnAt,
		AllocatedAt: r.AllocatedAt, Purpose: string(r.Purpose), Version: r.Version,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if r.ActionID != nil {
		id := r.ActionID.String()
		out.ActionID = &id
	}
	for _, st := range r.Strata {
		out.Strata = append(out.Strata, StratumResponse(st))
	}
	return out
}

func progressResponse(p round.Progress) *RoundProgress {
	out := &RoundProgress{Sampled: p.Sampled, Unallocated: p.Unallocated, Allocated: p.Allocated,
		InProgress: p.InProgress, Submitted: p.Submitted, ByAuditor: []AuditorLoad{}}
	for _, l := range p.ByAuditor {
		services := l.Services
		if services == nil {
			services = []string{}
		}
		out.ByAuditor = append(out.ByAuditor, AuditorLoad{PersonID: l.PersonID.String(), Name: l.Name,
			Services: services, Allocated: l.Allocated, Submitted: l.Submitted, Left: l.Left})
	}
	return out
}

// roundWithProgress is a round as the API shows it, with its progress.
func (s *Server) roundWithProgress(c echo.Context, r round.Round) (RoundResponse, error) {
	p, err := s.rounds.FindProgress(c.Request().Context(), r.ID)
	if err != nil {
		return RoundResponse{}, err
	}
	out := roundResponse(r)
	out.Progress = progressResponse(p)
	return out, nil
}

// writeRound answers with a round, its progress and its ETag.
func (s *Server) writeRound(c echo.Context, status int, r round.Round) error {
	out, err := s.roundWithProgress(c, r)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(status, out)
}

// listRounds lists the area's rounds, newest school year first.
//
//	@Summary	List rounds
//	@Tags		rounds
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		limit	query		int		false	"Page size, 1 to 200"
//	@Param		cursor	query		string	false	"Next page"
//	@Success	200		{object}	RoundList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/rounds [get]
func (s *Server) listRounds(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.rounds.ListRounds(c.Request().Context(), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, roundResponse))
}

func parseDate(field, s string, p *domain.Problems) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		p.Add(field, "enter a real date as YYYY-MM-DD")
	}
	return t
}

// createRound plans a round.
//
//	@Summary	Plan a round
//	@Tags		rounds
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		RoundRequest	true	"The round"
//	@Success	201				{object}	RoundResponse
//	@Header		201				{string}	ETag		"The round's version"
//	@Header		201				{string}	Location	"The round"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/rounds [post]
func (s *Server) createRound(c echo.Context) error {
	var req RoundRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	r := round.Round{Name: req.Name, InstrumentKey: req.InstrumentKey, InstrumentVersion: req.InstrumentVersion,
		Term: round.Term(req.Term), AcademicYear: req.AcademicYear,
		OpensOn: parseDate("opens_on", req.OpensOn, &p), DueOn: parseDate("due_on", req.DueOn, &p),
		Sampling: round.Sampling{Method: round.Method(req.SamplingMethod),
			StrataBy: round.StrataBy(req.StrataBy)},
		SampleSize: req.SampleSize, PerAuditor: req.PerAuditor}
	if err := p.Err(); err != nil {
		return err
	}
	out, err := s.rounds.CreateRound(c.Request().Context(), r)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", c.Request().URL.Path+"/"+out.ID.String())
	return s.writeRound(c, http.StatusCreated, out)
}

// getRound returns a round with its draw and progress.
//
//	@Summary	Get a round
//	@Tags		rounds
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Round id"	format(uuid)
//	@Success	200		{object}	RoundResponse
//	@Header		200		{string}	ETag	"The round's version"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/rounds/{id} [get]
func (s *Server) getRound(c echo.Context) error {
	id, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	r, err := s.rounds.FindRound(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return s.writeRound(c, http.StatusOK, r)
}

// DrawRequest draws a round's sample.
type DrawRequest struct {
	// Seed repeats an earlier draw; a new random seed is used and recorded
	// when it is left out.
	Seed *int64 `json:"seed,omitempty" example:"42"`
} // @name DrawRequest

// drawRound draws, or draws again, the round's sample.
//
//	@Summary	Draw a round's sample
//	@Tags		rounds
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string		true	"Tenant slug"
//	@Param		id			path		string		true	"Round id"	format(uuid)
//	@Param		If-Match	header		string		true	"The round's ETag"
//	@Param		body		body		DrawRequest	true	"The seed, if repeating a draw"
//	@Success	200			{object}	RoundResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"The round is allocated"
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem	"Nothing to draw from"
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/rounds/{id}/draw [post]
func (s *Server) drawRound(c echo.Context) error {
	id, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req DrawRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := s.rounds.DrawSample(c.Request().Context(), id, version, req.Seed)
	if err != nil {
		return err
	}
	return s.writeRound(c, http.StatusOK, r)
}

// AllocationResponse is one sampled subject of a round and its auditor.
type AllocationResponse struct {
	ID          string   `json:"id" format:"uuid"`
	SubjectID   string   `json:"subject_id" format:"uuid"`
	LocalID     string   `json:"local_id" example:"WV700000"`
	Services    []string `json:"contributing_services"`
	Stratum     string   `json:"stratum" example:"ASD"`
	Position    int      `json:"position" example:"1"`
	AuditorID   *string  `json:"auditor_id" format:"uuid"`
	AuditorName string   `json:"auditor_name"`
	Status      string   `json:"status" enums:"sampled,allocated,in_progress,submitted"`
	// Reason says why a person last moved it.
	Reason    string    `json:"reason"`
	Version   int       `json:"version" example:"1"`
	UpdatedAt time.Time `json:"updated_at"`
} // @name AllocationResponse

// AllocationList is a round's whole sample, by position.
type AllocationList struct {
	Items      []AllocationResponse `json:"items"`
	NextCursor *string              `json:"next_cursor"`
} // @name AllocationList

func allocationResponse(a round.Allocation) AllocationResponse {
	out := AllocationResponse{ID: a.ID.String(), SubjectID: a.SubjectID.String(), LocalID: a.LocalID,
		Services: a.Services, Stratum: a.Stratum, Position: a.Position, AuditorName: a.AuditorName,
		Status: string(a.Status), Reason: a.Reason, Version: a.Version, UpdatedAt: a.UpdatedAt}
	if a.AuditorID != uuid.Nil {
		id := a.AuditorID.String()
		out.AuditorID = &id
	}
	if out.Services == nil {
		out.Services = []string{}
	}
	return out
}

// listAllocations lists a round's sample with each subject's auditor.
//
//	@Summary	List a round's allocations
//	@Tags		rounds
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Round id"	format(uuid)
//	@Success	200		{object}	AllocationList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/rounds/{id}/allocations [get]
func (s *Server) listAllocations(c echo.Context) error {
	id, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	list, err := s.rounds.ListAllocations(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(domain.List[round.Allocation]{Items: list}, allocationResponse))
}

// AllocateRequest allocates a drawn round.
type AllocateRequest struct {
	// AuditorIDs is the cohort; every auditor of the area when left out.
	AuditorIDs []string `json:"auditor_ids,omitempty"`
} // @name AllocateRequest

// AllocateResponse is what an automatic allocation did.
type AllocateResponse struct {
	Round       RoundResponse `json:"round"`
	Allocated   int           `json:"allocated" example:"40"`
	Unallocated int           `json:"unallocated" example:"0"`
} // @name AllocateResponse

// allocateRound allocates a drawn round's sample to the cohort, balanced
// and never to an auditor whose service contributed to the subject.
//
//	@Summary	Allocate a round automatically
//	@Tags		rounds
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Round id"	format(uuid)
//	@Param		If-Match	header		string			true	"The round's ETag"
//	@Param		body		body		AllocateRequest	true	"The cohort, if not every auditor"
//	@Success	200			{object}	AllocateResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"The round is not drawn, or already allocated"
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/rounds/{id}/allocations [post]
func (s *Server) allocateRound(c echo.Context) error {
	id, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req AllocateRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var ids []uuid.UUID
	var p domain.Problems
	for i, s := range req.AuditorIDs {
		id, err := uuid.Parse(s)
		if err != nil {
			p.Add(domain.Path("auditor_ids", i), "is not an id")
		}
		ids = append(ids, id)
	}
	if err := p.Err(); err != nil {
		return err
	}
	out, err := s.rounds.AllocateSample(c.Request().Context(), id, version, ids)
	if err != nil {
		return err
	}
	allocated, err := s.roundWithProgress(c, out.Round)
	if err != nil {
		return err
	}
	setETag(c, out.Round.Version)
	return c.JSON(http.StatusOK, AllocateResponse{Round: allocated, Allocated: out.Allocated,
		Unallocated: out.Unallocated})
}

// MoveRequest gives an audit to another auditor.
type MoveRequest struct {
	AuditorID string `json:"auditor_id" format:"uuid"`
	Reason    string `json:"reason" example:"Ruby is on leave until November"`
} // @name MoveRequest

// moveAllocation gives one sampled subject to another auditor, for a
// reason the trail keeps.
//
//	@Summary	Move an allocation
//	@Tags		rounds
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string		true	"Tenant slug"
//	@Param		id			path		string		true	"Round id"	format(uuid)
//	@Param		allocation	path		string		true	"Allocation id"	format(uuid)
//	@Param		If-Match	header		string		true	"The allocation's version"
//	@Param		body		body		MoveRequest	true	"The auditor and the reason"
//	@Success	200			{object}	AllocationResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"The audit is submitted"
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem	"No reason, or the auditor is conflicted"
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/rounds/{id}/allocations/{allocation} [patch]
func (s *Server) moveAllocation(c echo.Context) error {
	roundID, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	id, err := pathID(c, "allocation", "allocation")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req MoveRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	auditor, err := uuid.Parse(req.AuditorID)
	if err != nil {
		return domain.InvalidField("auditor_id", "choose an auditor")
	}
	a, err := s.rounds.MoveAllocation(c.Request().Context(), roundID, id, version, auditor, req.Reason)
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	return c.JSON(http.StatusOK, allocationResponse(a))
}

// ReassignRequest hands on a leaver's audits.
type ReassignRequest struct {
	AuditorID string `json:"auditor_id" format:"uuid"`
	Reason    string `json:"reason" example:"Left the council"`
} // @name ReassignRequest

// ReassignResponse is what handing on a leaver's audits did.
type ReassignResponse struct {
	Moved       int `json:"moved" example:"2"`
	Unallocated int `json:"unallocated" example:"0"`
} // @name ReassignResponse

// reassignLeaver hands every unsubmitted audit of an auditor who left to
// the rest of the cohort.
//
//	@Summary	Reassign a leaver's audits
//	@Tags		rounds
//	@Accept		json
//	@Produce	json
//	@Param		tenant	path		string			true	"Tenant slug"
//	@Param		id		path		string			true	"Round id"	format(uuid)
//	@Param		body	body		ReassignRequest	true	"The leaver and the reason"
//	@Success	200		{object}	ReassignResponse
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	415		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/rounds/{id}/allocations/reassign [post]
func (s *Server) reassignLeaver(c echo.Context) error {
	roundID, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	var req ReassignRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	leaver, err := uuid.Parse(req.AuditorID)
	if err != nil {
		return domain.InvalidField("auditor_id", "choose the auditor who left")
	}
	got, err := s.rounds.ReassignLeaver(c.Request().Context(), roundID, leaver, req.Reason)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ReassignResponse{Moved: got.Moved, Unallocated: got.Unallocated})
}

// AuditorResponse is a member holding the auditor role.
type AuditorResponse struct {
	PersonID string   `json:"person_id" format:"uuid"`
	Name     string   `json:"name"`
	Email    string   `json:"email"`
	Services []string `json:"services" example:"Educational Psychology"`
	// Version is 0 until services are first recorded.
	Version int `json:"version"`
} // @name AuditorResponse

// AuditorList is every auditor of the area, by name.
type AuditorList struct {
	Items      []AuditorResponse `json:"items"`
	NextCursor *string           `json:"next_cursor"`
} // @name AuditorList

// AuditorServicesRequest sets the services an auditor works for.
type AuditorServicesRequest struct {
	Services []string `json:"services" example:"Educational Psychology"`
} // @name AuditorServicesRequest

func auditorResponse(a round.AuditorRecord) AuditorResponse {
	services := a.Services
	if services == nil {
		services = []string{}
	}
	return AuditorResponse{PersonID: a.PersonID.String(), Name: a.Name, Email: a.Email,
		Services: services, Version: a.Version}
}

// listAuditors lists the area's auditors with their services.
//
//	@Summary	List auditors
//	@Tags		rounds
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	AuditorList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/auditors [get]
func (s *Server) listAuditors(c echo.Context) error {
	list, err := s.rounds.ListAuditors(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(domain.List[round.AuditorRecord]{Items: list}, auditorResponse))
}

// setAuditorServices records the services an auditor works for, which
// decide their conflicts of interest.
//
//	@Summary	Set an auditor's services
//	@Tags		rounds
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string					true	"Tenant slug"
//	@Param		person		path		string					true	"The auditor's person id"	format(uuid)
//	@Param		If-Match	header		string					true	"The record's version (\"0\" for none yet)"
//	@Param		body		body		AuditorServicesRequest	true	"The services"
//	@Success	200			{object}	AuditorResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/auditors/{person}/services [put]
func (s *Server) setAuditorServices(c echo.Context) error {
	person, err := pathID(c, "person", "auditor")
	if err != nil {
		return err
	}
	version, err := ifMatchOrNew(c)
	if err != nil {
		return err
	}
	var req AuditorServicesRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	a, err := s.rounds.SetAuditorServices(c.Request().Context(), person, req.Services, version)
	if err != nil {
		return err
	}
	setETag(c, a.Version)
	return c.JSON(http.StatusOK, auditorResponse(a))
}
