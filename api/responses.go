package api

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/instrument"
	"sendqa/domain/response"
)

// responseRoutes are the routes of completing audits: the inbox, the
// responses with their drafts, submission and reopening, and evidence.
func (s *Server) responseRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/assignments",
			Access: tenant("assignments", "read"), handler: s.listAssignments},
		{Method: "POST", Path: "/api/v1/t/:tenant/responses", Creates: true,
			Access: tenant("responses", "write"), handler: s.startResponse},
		{Method: "GET", Path: "/api/v1/t/:tenant/responses/:id",
			Access: tenant("responses", "read"), handler: s.getResponse},
		{Method: "PUT", Path: "/api/v1/t/:tenant/responses/:id/answers",
			Access: tenant("responses", "write"), handler: s.saveAnswers},
		{Method: "POST", Path: "/api/v1/t/:tenant/responses/:id/submit", Creates: true,
			Access: tenant("responses", "write"), handler: s.submitResponse},
		{Method: "POST", Path: "/api/v1/t/:tenant/responses/:id/reopen",
			Access: tenant("responses", "reopen"), handler: s.reopenResponse},
		{Method: "POST", Path: "/api/v1/t/:tenant/evidence", Creates: true, BodyLimit: evidenceBodyLimit,
			Access: tenant("evidence", "write"), handler: s.uploadEvidence},
		{Method: "GET", Path: "/api/v1/t/:tenant/evidence/:id",
			Access: tenant("evidence", "read"), handler: s.downloadEvidence},
	}
}

// evidenceBodyLimit lets the service say how large a file may be; the
// body limit only stops a body far past it before anything is read.
const evidenceBodyLimit = response.DefaultMaxFileSize + 1<<20

// viewer is the caller as the response service sees them.
func (s *Server) viewer(c echo.Context) (response.Viewer, error) {
	p, _ := principalOf(c)
	t := tenantOf(c).ID
	all, err := s.policy.Allowed(p.PersonID, t, "responses", "read_all")
	if err != nil {
		return response.Viewer{}, err
	}
	personal, err := s.policy.Allowed(p.PersonID, t, "personal_data", "read")
	if err != nil {
		return response.Viewer{}, err
	}
	return response.Viewer{PersonID: p.PersonID, All: all, Personal: personal}, nil
}

// AssignmentResponse is one allocated subject in an auditor's inbox.
type AssignmentResponse struct {
	AllocationID      string  `json:"allocation_id" format:"uuid"`
	RoundID           string  `json:"round_id" format:"uuid"`
	RoundName         string  `json:"round_name" example:"Autumn 2026 EHCNA audit"`
	LocalID           string  `json:"local_id" example:"WV700001"`
	SubjectKind       string  `json:"subject_kind" example:"ehcna_case"`
	InstrumentKey     string  `json:"instrument_key" example:"ehcna_file_audit"`
	InstrumentVersion int     `json:"instrument_version" example:"1"`
	DueOn             string  `json:"due_on" format:"date"`
	Status            string  `json:"status" enums:"allocated,in_progress,submitted"`
	ResponseID        *string `json:"response_id" format:"uuid"`
	ResponseVersion   int     `json:"response_version" example:"3"`
	Overdue           bool    `json:"overdue"`
} // @name AssignmentResponse

// AssignmentList is an auditor's inbox.
type AssignmentList struct {
	Items      []AssignmentResponse `json:"items"`
	NextCursor *string              `json:"next_cursor"`
} // @name AssignmentList

func assignmentResponse(a response.Assignment, today time.Time) AssignmentResponse {
	out := AssignmentResponse{AllocationID: a.AllocationID.String(), RoundID: a.RoundID.String(),
		RoundName: a.RoundName, LocalID: a.LocalID, SubjectKind: string(a.SubjectKind),
		InstrumentKey: a.InstrumentKey, InstrumentVersion: a.InstrumentVersion,
		DueOn: a.DueOn.Format(time.DateOnly), Status: string(a.Status), ResponseVersion: a.ResponseVersion,
		Overdue: a.Status != "submitted" && today.After(a.DueOn)}
	if a.ResponseID != uuid.Nil {
		id := a.ResponseID.String()
		out.ResponseID = &id
	}
	return out
}

// listAssignments lists what is allocated to the caller, soonest due
// first.
//
//	@Summary	My assignments
//	@Tags		responses
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	AssignmentList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/assignments [get]
func (s *Server) listAssignments(c echo.Context) error {
	v, err := s.viewer(c)
	if err != nil {
		return err
	}
	list, err := s.responses.Inbox(c.Request().Context(), v)
	if err != nil {
		return err
	}
	today := instrument.DateOf(time.Now().UTC()).Time()
	out := AssignmentList{Items: make([]AssignmentResponse, len(list))}
	for i, a := range list {
		out.Items[i] = assignmentResponse(a, today)
	}
	return c.JSON(http.StatusOK, out)
}

// StartRequest opens the response to an allocation.
type StartRequest struct {
	AllocationID string `json:"allocation_id" format:"uuid"`
} // @name StartRequest

// ResponseResponse is a response with its answers and, once submitted,
// its result.
type ResponseResponse struct {
	ID                string `json:"id" format:"uuid"`
	AllocationID      string `json:"allocation_id" format:"uuid"`
	RoundID           string `json:"round_id" format:"uuid"`
	AuditorID         string `json:"auditor_id" format:"uuid"`
	AuditorName       string `json:"auditor_name"`
	LocalID           string `json:"local_id" example:"WV700001"`
	InstrumentKey     string `json:"instrument_key" example:"ehcna_file_audit"`
	InstrumentVersion int    `json:"instrument_version" example:"1"`
	State             string `json:"state" enums:"draft,submitted"`
	// Answers are keyed by item id, each typed by its item's kind.
	Answers json.RawMessage `json:"answers" swaggertype:"object"`
	// PersonalHidden says answers about the child were left out because
	// the caller may not see them.
	PersonalHidden bool `json:"personal_hidden"`
	// Definition is the instrument version answered; see
	// /api/v1/instrument-schema.
	Definition json.RawMessage `json:"definition" swaggertype:"object"`
	// Result is the computed result, null until submitted.
	Result         *ScoreResponse     `json:"result"`
	AsOf           *string            `json:"as_of" format:"date"`
	SubmittedAt    *time.Time         `json:"submitted_at"`
	ReopenedReason string             `json:"reopened_reason"`
	Evidence       []EvidenceResponse `json:"evidence"`
	Version        int                `json:"version" example:"1"`
	UpdatedAt      time.Time          `json:"updated_at"`
} // @name ResponseResponse

// EvidenceResponse is a file attached to a response.
type EvidenceResponse struct {
	ID          string `json:"id" format:"uuid"`
	ResponseID  string `json:"response_id" format:"uuid"`
	ItemID      string `json:"item_id" example:"advice_received"`
	FileName    string `json:"file_name" example:"advice.pdf"`
	ContentType string `json:"content_type" example:"application/pdf"`
	Size        int64  `json:"size" example:"48213"`
	// ScanState is clean once the file may be downloaded.
	ScanState string    `json:"scan_state" enums:"pending,clean,infected"`
	CreatedAt time.Time `json:"created_at"`
} // @name EvidenceResponse

func evidenceResponse(e response.Evidence) EvidenceResponse {
	return EvidenceResponse{ID: e.ID.String(), ResponseID: e.ResponseID.String(), ItemID: e.ItemID,
		FileName: e.FileName, ContentType: e.ContentType, Size: e.Size, ScanState: string(e.ScanState),
		CreatedAt: e.CreatedAt.UTC()}
}

func responseResponse(r response.Response) (ResponseResponse, error) {
	answers, err := instrument.MarshalAnswers(r.Answers)
	if err != nil {
		return ResponseResponse{}, err
	}
	def := json.RawMessage(r.DefinitionJSON)
	if def == nil {
		if def, err = instrument.MarshalDefinition(r.Definition); err != nil {
			return ResponseResponse{}, err
		}
	}
	out := ResponseResponse{
		ID: r.ID.String(), AllocationID: r.AllocationID.String(), RoundID: r.RoundID.String(),
		AuditorID: r.AuditorID.String(), AuditorName: r.AuditorName, LocalID: r.LocalID,
		InstrumentKey: r.InstrumentKey, InstrumentVersion: r.InstrumentVersion, State: string(r.State),
		Answers: answers, PersonalHidden: r.PersonalHidden, Definition: def, SubmittedAt: r.SubmittedAt,
		ReopenedReason: r.ReopenedReason, Evidence: []EvidenceResponse{}, Version: r.Version,
		UpdatedAt: r.UpdatedAt.UTC()}
	if r.Result != nil {
		score := scoreResponse(*r.Result)
		out.Result = &score
		asOf := r.Record.AsOf.Format(time.DateOnly)
		out.AsOf = &asOf
	}
	for _, e := range r.Evidence {
		out.Evidence = append(out.Evidence, evidenceResponse(e))
	}
	return out, nil
}

func writeResponse(c echo.Context, status int, r response.Response) error {
	out, err := responseResponse(r)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(status, out)
}

// startResponse opens the response to an allocation given to the caller:
// a new draft (201), or the one already started, on this device or
// another (200).
//
//	@Summary	Start or resume a response
//	@Tags		responses
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		StartRequest	true	"The allocation"
//	@Success	200				{object}	ResponseResponse	"The response already started"
//	@Success	201				{object}	ResponseResponse
//	@Header		201				{string}	ETag	"The response's version"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/responses [post]
func (s *Server) startResponse(c echo.Context) error {
	var req StartRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	id, err := uuid.Parse(req.AllocationID)
	if err != nil {
		return domain.InvalidField("allocation_id", "choose one of your assignments")
	}
	v, err := s.viewer(c)
	if err != nil {
		return err
	}
	r, created, err := s.responses.Start(c.Request().Context(), v, id)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	c.Response().Header().Set("Location", c.Request().URL.Path+"/"+r.ID.String())
	return writeResponse(c, status, r)
}

// getResponse returns a response: the caller's own, or any in the area
// for those who see all. Answers about the child show only to the auditor
// who gave them and roles allowed to see children's personal data.
//
//	@Summary	Get a response
//	@Tags		responses
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Response id"	format(uuid)
//	@Success	200		{object}	ResponseResponse
//	@Header		200		{string}	ETag	"The response's version"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/responses/{id} [get]
func (s *Server) getResponse(c echo.Context) error {
	id, err := pathID(c, "id", "response")
	if err != nil {
		return err
	}
	v, err := s.viewer(c)
	if err != nil {
		return err
	}
	r, err := s.responses.Find(c.Request().Context(), v, id)
	if err != nil {
		return err
	}
	return writeResponse(c, http.StatusOK, r)
}

// AnswersRequest carries a response's answers.
type AnswersRequest struct {
	// Answers are keyed by item id, each typed by its item's kind.
	Answers json.RawMessage `json:"answers" swaggertype:"object"`
} // @name AnswersRequest

func (r AnswersRequest) body() []byte {
	if len(r.Answers) == 0 || string(r.Answers) == "null" {
		return nil
	}
	return r.Answers
}

// saveAnswers saves the caller's draft answers, checked for type only so
// that partial work saves. A save against an older version is refused
// with 412 naming the newer save, so two tabs never overwrite each other.
//
//	@Summary	Save a draft
//	@Tags		responses
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Response id"	format(uuid)
//	@Param		If-Match	header		string			true	"The response's ETag"
//	@Param		body		body		AnswersRequest	true	"The answers so far"
//	@Success	200			{object}	ResponseResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"The response is submitted"
//	@Failure	412			{object}	Problem	"Saved elsewhere since it was loaded"
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/responses/{id}/answers [put]
func (s *Server) saveAnswers(c echo.Context) error {
	id, version, v, err := s.responseChange(c)
	if err != nil {
		return err
	}
	var req AnswersRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	answers := req.body()
	if answers == nil {
		answers = []byte("{}")
	}
	r, err := s.responses.SaveDraft(c.Request().Context(), v, id, version, answers)
	if err != nil {
		return err
	}
	return writeResponse(c, http.StatusOK, r)
}

// responseChange reads what every change to a response needs.
func (s *Server) responseChange(c echo.Context) (uuid.UUID, int, response.Viewer, error) {
	id, err := pathID(c, "id", "response")
	if err != nil {
		return uuid.Nil, 0, response.Viewer{}, err
	}
	version, err := ifMatch(c)
	if err != nil {
		return uuid.Nil, 0, response.Viewer{}, err
	}
	v, err := s.viewer(c)
	return id, version, v, err
}

// submitResponse checks the answers as a submission needs, scores them
// and answers with the computed result at once. answers, when sent,
// replace the saved draft first.
//
//	@Summary	Submit a response
//	@Tags		responses
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		id				path		string			true	"Response id"	format(uuid)
//	@Param		If-Match		header		string			true	"The response's ETag"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		AnswersRequest	true	"The final answers, or {} for the saved ones"
//	@Success	200				{object}	ResponseResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"Already submitted"
//	@Failure	412				{object}	Problem
//	@Failure	422				{object}	Problem	"Required answers missing, reasons for late milestones missing"
//	@Failure	428				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/responses/{id}/submit [post]
func (s *Server) submitResponse(c echo.Context) error {
	id, version, v, err := s.responseChange(c)
	if err != nil {
		return err
	}
	var req AnswersRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := s.responses.Submit(c.Request().Context(), v, id, version, req.body())
	if err != nil {
		return err
	}
	return writeResponse(c, http.StatusOK, r)
}

// ReopenRequest reopens a submitted response.
type ReopenRequest struct {
	Reason string `json:"reason" example:"The decision date was entered for the wrong case"`
} // @name ReopenRequest

// reopenResponse turns a submitted response back into a draft for its
// auditor; the reason is kept in the trail and the auditor is told.
//
//	@Summary	Reopen a submitted response
//	@Tags		responses
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Response id"	format(uuid)
//	@Param		If-Match	header		string			true	"The response's ETag"
//	@Param		body		body		ReopenRequest	true	"Why"
//	@Success	200			{object}	ResponseResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Not submitted"
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/responses/{id}/reopen [post]
func (s *Server) reopenResponse(c echo.Context) error {
	id, version, v, err := s.responseChange(c)
	if err != nil {
		return err
	}
	var req ReopenRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := s.responses.Reopen(c.Request().Context(), v, id, version, req.Reason)
	if err != nil {
		return err
	}
	return writeResponse(c, http.StatusOK, r)
}
