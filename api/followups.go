package api

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/round"
)

// FollowUpRequest schedules a re-audit or a dip sample for an action.
type FollowUpRequest struct {
	Purpose string `json:"purpose" enums:"re_audit,dip_sample"`
	// Name defaults to the purpose and the action's title.
	Name              string `json:"name,omitempty" example:"Re-audit: SMART outcomes"`
	InstrumentKey     string `json:"instrument_key" example:"ehcp_quality_audit"`
	InstrumentVersion int    `json:"instrument_version" example:"1"`
	// SubjectLocalIDs are the area's own ids of the subjects to audit.
	SubjectLocalIDs []string `json:"subject_local_ids" example:"EHCP-0012"`
	AuditorID       string   `json:"auditor_id" format:"uuid"`
	OpensOn         string   `json:"opens_on" format:"date"`
	DueOn           string   `json:"due_on" format:"date"`
} // @name FollowUpRequest

// FollowUpAuditResponse is one audit of a follow-up and its result.
type FollowUpAuditResponse struct {
	AllocationID string `json:"allocation_id" format:"uuid"`
	LocalID      string `json:"local_id" example:"EHCP-0012"`
	AuditorName  string `json:"auditor_name"`
	Status       string `json:"status" enums:"sampled,allocated,in_progress,submitted"`
	// Result is the overall result's label; empty until submitted.
	Result      string     `json:"result" example:"good"`
	SubmittedAt *time.Time `json:"submitted_at"`
} // @name FollowUpAuditResponse

// FollowUpResponse is a follow-up round an action scheduled, with its
// audits.
type FollowUpResponse struct {
	Round  RoundResponse           `json:"round"`
	Audits []FollowUpAuditResponse `json:"audits"`
} // @name FollowUpResponse

// FollowUpList is an action's follow-ups, newest first.
type FollowUpList struct {
	Items      []FollowUpResponse `json:"items"`
	NextCursor *string            `json:"next_cursor"`
} // @name FollowUpList

func followUpResponse(f round.FollowUpRound) FollowUpResponse {
	out := FollowUpResponse{Round: roundResponse(f.Round),
		Audits: make([]FollowUpAuditResponse, len(f.Audits))}
	for i, a := range f.Audits {
		out.Audits[i] = FollowUpAuditResponse{AllocationID: a.AllocationID.String(),
			LocalID: a.LocalID, AuditorName: a.AuditorName, Status: string(a.Status),
			Result: a.Result, SubmittedAt: a.SubmittedAt}
	}
	return out
}

// listFollowUps lists the re-audits and dip samples an action scheduled,
// with their results.
//
//	@Summary	List an action's follow-up audits
//	@Tags		action plans
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Action id"	format(uuid)
//	@Success	200		{object}	FollowUpList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/actions/{id}/follow-ups [get]
func (s *Server) listFollowUps(c echo.Context) error {
	id, err := pathID(c, "id", "action")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := s.actionPlans().FindActionByID(ctx, id); err != nil {
		return err
	}
	list, err := s.rounds.ListFollowUps(ctx, id)
	if err != nil {
		return err
	}
	out := FollowUpList{Items: make([]FollowUpResponse, len(list))}
	for i, f := range list {
		out.Items[i] = followUpResponse(f)
	}
	return c.JSON(http.StatusOK, out)
}

// scheduleFollowUp plans a re-audit or a dip sample for an action and
// gives it to the auditor at once; its results are read from the action.
//
//	@Summary	Schedule a re-audit or dip sample for an action
//	@Tags		action plans
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		id				path		string			true	"Action id"	format(uuid)
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		FollowUpRequest	true	"The follow-up"
//	@Success	201				{object}	FollowUpResponse
//	@Header		201				{string}	Location	"The follow-up's round"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/actions/{id}/follow-ups [post]
func (s *Server) scheduleFollowUp(c echo.Context) error {
	id, err := pathID(c, "id", "action")
	if err != nil {
		return err
	}
	var req FollowUpRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ctx := c.Request().Context()
	action, err := s.actionPlans().FindActionByID(ctx, id)
	if err != nil {
		return err
	}
	var p domain.Problems
	f := round.FollowUp{ActionID: id, Purpose: round.Purpose(req.Purpose), Name: req.Name,
		InstrumentKey: req.InstrumentKey, InstrumentVersion: req.InstrumentVersion,
		LocalIDs: req.SubjectLocalIDs, OpensOn: parseDate("opens_on", req.OpensOn, &p),
		DueOn: parseDate("due_on", req.DueOn, &p)}
	if req.AuditorID != "" {
		if f.AuditorID, err = uuid.Parse(req.AuditorID); err != nil {
			p.Add("auditor_id", "give the auditor's id")
		}
	}
	if err := p.Err(); err != nil {
		return err
	}
	if f.Name == "" {
		f.Name = followUpName(f.Purpose, action.Title)
	}
	r, err := s.rounds.ScheduleFollowUp(ctx, f)
	if err != nil {
		return err
	}
	list, err := s.rounds.ListFollowUps(ctx, id)
	if err != nil {
		return err
	}
	for _, got := range list {
		if got.Round.ID == r.ID {
			c.Response().Header().Set("Location", "/api/v1/t/"+tenantOf(c).Slug+"/rounds/"+r.ID.String())
			return c.JSON(http.StatusCreated, followUpResponse(got))
		}
	}
	return domain.NotFound("follow-up")
}

// followUpName is a follow-up's default name, within a round name's 200
// characters.
func followUpName(p round.Purpose, title string) string {
	prefix := "Re-audit: "
	if p == round.DipSample {
		prefix = "Dip sample: "
	}
	name := []rune(prefix + title)
	if len(name) > 200 {
		name = append(name[:199], '…')
	}
	return string(name)
}
