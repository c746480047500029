package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/agreement"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
	"sendqa/domain/moderation"
	"sendqa/domain/store"
)

// moderationRoutes are moderation, the agreement statistics and the
// feedback sent to services.
func (s *Server) moderationRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/moderations",
			Access: tenant("moderations", "read"), handler: s.listModerations},
		{Method: "POST", Path: "/api/v1/t/:tenant/moderations", Creates: true,
			Access: tenant("moderations", "manage"), handler: s.drawModerations},
		{Method: "GET", Path: "/api/v1/t/:tenant/moderations/:id",
			Access: tenant("moderations", "read"), handler: s.getModeration},
		{Method: "PUT", Path: "/api/v1/t/:tenant/moderations/:id/answers",
			Access: tenant("moderations", "write"), handler: s.saveModeration},
		{Method: "POST", Path: "/api/v1/t/:tenant/moderations/:id/submit",
			Access: tenant("moderations", "write"), handler: s.submitModeration},
		{Method: "GET", Path: "/api/v1/t/:tenant/moderations/:id/comparison",
			Access: tenant("moderations", "read"), handler: s.compareModeration},
		{Method: "POST", Path: "/api/v1/t/:tenant/moderations/:id/agreement",
			Access: tenant("moderations", "write"), handler: s.agreeModeration},
		{Method: "GET", Path: "/api/v1/t/:tenant/agreement",
			Access: tenant("agreement", "read"), handler: s.getAgreement},
		{Method: "GET", Path: "/api/v1/t/:tenant/feedback",
			Access: tenant("feedback", "read"), handler: s.listFeedback},
		{Method: "POST", Path: "/api/v1/t/:tenant/feedback/release",
			Access: tenant("feedback", "read_all"), handler: s.releaseFeedback},
		{Method: "GET", Path: "/api/v1/t/:tenant/feedback/:id",
			Access: tenant("feedback", "read"), handler: s.getFeedback},
		{Method: "PUT", Path: "/api/v1/t/:tenant/feedback/:id/reply",
			Access: tenant("feedback", "write"), handler: s.replyFeedback},
	}
}

// moderationService is the moderation service on the server's stores.
// Its jobs go through the response service's enqueuer, which queues in
// the request's transaction, and it reads the date from the same clock.
func (s *Server) moderationService() moderation.Service {
	jobs, _ := s.responses.Jobs.(moderation.Jobs)
	return moderation.Service{Store: store.Moderations{}, Rounds: store.Rounds{},
		Instruments: s.catalogue, Notices: s.responses, Jobs: jobs,
		Trail: audit.Recorder{Store: store.Trail{}, Now: s.responses.Now}, Now: s.responses.Now}
}

func (s *Server) moderationViewer(c echo.Context) (moderation.Viewer, error) {
	p, _ := principalOf(c)
	manage, err := s.policy.Allowed(p.PersonID, tenantOf(c).ID, "moderations", "manage")
	return moderation.Viewer{PersonID: p.PersonID, Manage: manage}, err
}

func (s *Server) feedbackViewer(c echo.Context) (moderation.FeedbackViewer, error) {
	p, _ := principalOf(c)
	all, err := s.policy.Allowed(p.PersonID, tenantOf(c).ID, "feedback", "read_all")
	return moderation.FeedbackViewer{PersonID: p.PersonID, All: all}, err
}

// DrawModerationRequest draws a round's moderation sample.
type DrawModerationRequest struct {
	RoundID string `json:"round_id" format:"uuid"`
	// Percent is the share of submitted responses to moderate; give it or
	// PerAuditor.
	Percent int `json:"percent,omitempty" example:"10"`
	// PerAuditor is how many of each auditor's responses to moderate.
	PerAuditor int    `json:"per_auditor,omitempty" example:"1"`
	DueOn      string `json:"due_on" format:"date" example:"2026-12-11"`
} // @name DrawModerationRequest

// ModerationResponse is a moderation. The first audit's auditor, answers
// and result are null for the moderator until they have submitted.
type ModerationResponse struct {
	ID                string          `json:"id" format:"uuid"`
	RoundID           string          `json:"round_id" format:"uuid"`
	RoundName         string          `json:"round_name"`
	ResponseID        string          `json:"response_id" format:"uuid"`
	LocalID           string          `json:"local_id"`
	InstrumentKey     string          `json:"instrument_key"`
	InstrumentVersion int             `json:"instrument_version"`
	ModeratorID       string          `json:"moderator_id" format:"uuid"`
	ModeratorName     string          `json:"moderator_name"`
	State             string          `json:"state" enums:"allocated,draft,submitted,agreed"`
	DueOn             string          `json:"due_on" format:"date"`
	FirstHidden       bool            `json:"first_hidden"`
	FirstAuditorID    *string         `json:"first_auditor_id" format:"uuid"`
	FirstAuditorName  *string         `json:"first_auditor_name"`
	FirstResult       *ScoreResponse  `json:"first_result"`
	Answers           json.RawMessage `json:"answers,omitempty" swaggertype:"object"`
	// Definition is the instrument version, without personal items.
	Definition  json.RawMessage `json:"definition,omitempty" swaggertype:"object"`
	Result      *ScoreResponse  `json:"result"`
	SubmittedAt *time.Time      `json:"submitted_at"`
	Discussion  string          `json:"discussion"`
	AgreedLabel *string         `json:"agreed_label"`
	AgreedAt    *time.Time      `json:"agreed_at"`
	Version     int             `json:"version"`
	UpdatedAt   time.Time       `json:"updated_at"`
} // @name ModerationResponse

// ModerationList is every moderation the caller may see.
type ModerationList struct {
	Items []ModerationResponse `json:"items"`
} // @name ModerationList

// DrawResponse is a draw's outcome.
type DrawResponse struct {
	Items []ModerationResponse `json:"items"`
	// Unmatched lists the local ids drawn that no auditor could moderate
	// without a conflict.
	Unmatched []string `json:"unmatched"`
} // @name DrawResponse

func optionalScore(r *instrument.Result) *ScoreResponse {
	if r == nil {
		return nil
	}
	out := scoreResponse(*r)
	return &out
}

func optionalText(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func moderationResponse(v moderation.View) ModerationResponse {
	r := v.Record
	out := ModerationResponse{ID: r.ID.String(), RoundID: r.First.RoundID.String(), RoundName: r.First.RoundName,
		ResponseID: r.First.ResponseID.String(), LocalID: r.First.LocalID,
		InstrumentKey: r.First.InstrumentKey, InstrumentVersion: r.First.InstrumentVersion,
		ModeratorID: r.ModeratorID.String(), ModeratorName: r.ModeratorName, State: string(r.State),
		DueOn: r.DueOn.Format(time.DateOnly), FirstHidden: v.FirstHidden,
		FirstResult: optionalScore(r.First.Result), Result: optionalScore(r.Result),
		SubmittedAt: r.SubmittedAt, Discussion: r.Discussion, AgreedLabel: optionalText(r.AgreedLabel),
		AgreedAt: r.AgreedAt, Version: r.Version, UpdatedAt: r.UpdatedAt.UTC()}
	if !v.FirstHidden {
		out.FirstAuditorID, out.FirstAuditorName = optionalID(r.First.AuditorID), &r.First.AuditorName
	}
	return out
}

// withForm adds the answers and the instrument to a moderation.
func withForm(v moderation.View) (ModerationResponse, error) {
	out := moderationResponse(v)
	answers, err := instrument.MarshalAnswers(v.Answers)
	if err != nil {
		return out, err
	}
	def, err := instrument.MarshalDefinition(v.Definition)
	out.Answers, out.Definition = answers, def
	return out, err
}

// listModerations lists the caller's moderations, or every one for a QA
// lead, optionally of one round.
//
//	@Summary	List moderations
//	@Tags		moderation
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		round_id	query		string	false	"Only this round's"	format(uuid)
//	@Success	200			{object}	ModerationList
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/moderations [get]
func (s *Server) listModerations(c echo.Context) error {
	roundID, err := queryID(c, "round_id")
	if err != nil {
		return err
	}
	v, err := s.moderationViewer(c)
	if err != nil {
		return err
	}
	list, err := s.moderationService().List(c.Request().Context(), v, moderation.Filter{RoundID: roundID})
	if err != nil {
		return err
	}
	out := ModerationList{Items: make([]ModerationResponse, len(list))}
	for i, m := range list {
		out.Items[i] = moderationResponse(m)
	}
	return c.JSON(http.StatusOK, out)
}

// drawModerations draws a round's moderation sample and gives each drawn
// response to a second auditor without a conflict.
//
//	@Summary	Draw a moderation sample
//	@Tags		moderation
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string					true	"Tenant slug"
//	@Param		Idempotency-Key	header		string					false	"Replays the first response for 24 hours"
//	@Param		body			body		DrawModerationRequest	true	"The sample"
//	@Success	201				{object}	DrawResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/moderations [post]
func (s *Server) drawModerations(c echo.Context) error {
	var req DrawModerationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var probs domain.Problems
	roundID, err := uuid.Parse(req.RoundID)
	if err != nil {
		probs.Add("round_id", "choose a round")
	}
	due := parseDate("due_on", req.DueOn, &probs)
	if err := probs.Err(); err != nil {
		return err
	}
	drawn, err := s.moderationService().Draw(c.Request().Context(), roundID,
		moderation.Sample{Percent: req.Percent, PerAuditor: req.PerAuditor, DueOn: due})
	if err != nil {
		return err
	}
	v, err := s.moderationViewer(c)
	if err != nil {
		return err
	}
	all, err := s.moderationService().List(c.Request().Context(), v, moderation.Filter{RoundID: &roundID})
	if err != nil {
		return err
	}
	out := DrawResponse{Items: []ModerationResponse{}, Unmatched: []string{}}
	for _, m := range all {
		for _, d := range drawn.Moderations {
			if d.ID == m.ID {
				out.Items = append(out.Items, moderationResponse(m))
			}
		}
	}
	for _, u := range drawn.Unmatched {
		out.Unmatched = append(out.Unmatched, u.LocalID)
	}
	return c.JSON(http.StatusCreated, out)
}

// getModeration reads a moderation with its form.
//
//	@Summary	Read a moderation
//	@Tags		moderation
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Moderation id"	format(uuid)
//	@Success	200		{object}	ModerationResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/moderations/{id} [get]
func (s *Server) getModeration(c echo.Context) error {
	id, err := pathID(c, "id", "moderation")
	if err != nil {
		return err
	}
	v, err := s.moderationViewer(c)
	if err != nil {
		return err
	}
	m, err := s.moderationService().Find(c.Request().Context(), v, id)
	if err != nil {
		return err
	}
	return s.sendModeration(c, m)
}

func (s *Server) sendModeration(c echo.Context, m moderation.View) error {
	out, err := withForm(m)
	if err != nil {
		return err
	}
	setETag(c, m.Version)
	return c.JSON(http.StatusOK, out)
}

// saveModeration saves the moderator's draft answers.
//
//	@Summary	Save a moderation's answers
//	@Tags		moderation
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Moderation id"	format(uuid)
//	@Param		If-Match	header		string			true	"The ETag of the version being changed"
//	@Param		body		body		AnswersRequest	true	"The answers so far"
//	@Success	200			{object}	ModerationResponse
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
//	@Router		/api/v1/t/{tenant}/moderations/{id}/answers [put]
func (s *Server) saveModeration(c echo.Context) error {
	return s.writeModeration(c, moderation.Service.Save)
}

// submitModeration submits the moderator's audit.
//
//	@Summary	Submit a moderation
//	@Tags		moderation
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Moderation id"	format(uuid)
//	@Param		If-Match	header		string			true	"The ETag of the version being changed"
//	@Param		body		body		AnswersRequest	true	"The answers, or {} to submit those saved"
//	@Success	200			{object}	ModerationResponse
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
//	@Router		/api/v1/t/{tenant}/moderations/{id}/submit [post]
func (s *Server) submitModeration(c echo.Context) error {
	return s.writeModeration(c, moderation.Service.Submit)
}

type moderationWrite func(moderation.Service, context.Context, moderation.Viewer, uuid.UUID, int, []byte) (
	moderation.View, error)

func (s *Server) writeModeration(c echo.Context, write moderationWrite) error {
	id, err := pathID(c, "id", "moderation")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req AnswersRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := s.moderationViewer(c)
	if err != nil {
		return err
	}
	m, err := write(s.moderationService(), c.Request().Context(), v, id, version, req.body())
	if err != nil {
		return err
	}
	return s.sendModeration(c, m)
}

// ComparisonItem is one item's two answers.
type ComparisonItem struct {
	SectionID    string          `json:"section_id"`
	SectionTitle string          `json:"section_title"`
	ItemID       string          `json:"item_id"`
	Label        string          `json:"label"`
	Kind         string          `json:"kind"`
	First        json.RawMessage `json:"first" swaggertype:"object"`
	Second       json.RawMessage `json:"second" swaggertype:"object"`
	Differs      bool            `json:"differs"`
} // @name ComparisonItem

// ComparisonResponse sets the two audits side by side.
type ComparisonResponse struct {
	Moderation    ModerationResponse `json:"moderation"`
	Items         []ComparisonItem   `json:"items"`
	Disagreements int                `json:"disagreements"`
	// Labels are the results an agreed result may take.
	Labels []string `json:"labels"`
} // @name ComparisonResponse

// compareModeration sets the first audit beside the moderator's, once the
// moderator has submitted.
//
//	@Summary	Compare a moderation with the first audit
//	@Tags		moderation
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Moderation id"	format(uuid)
//	@Success	200		{object}	ComparisonResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	409		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/moderations/{id}/comparison [get]
func (s *Server) compareModeration(c echo.Context) error {
	id, err := pathID(c, "id", "moderation")
	if err != nil {
		return err
	}
	v, err := s.moderationViewer(c)
	if err != nil {
		return err
	}
	cmp, err := s.moderationService().Compare(c.Request().Context(), v, id)
	if err != nil {
		return err
	}
	out := ComparisonResponse{Moderation: moderationResponse(moderation.View{Record: cmp.Record}),
		Items: make([]ComparisonItem, len(cmp.Items)), Disagreements: cmp.Disagreements,
		Labels: moderation.OverallLabels(cmp.Definition)}
	for i, it := range cmp.Items {
		out.Items[i] = ComparisonItem{SectionID: it.SectionID, SectionTitle: it.SectionTitle, ItemID: it.ItemID,
			Label: it.Label, Kind: string(it.Kind), First: orNull(it.First), Second: orNull(it.Second),
			Differs: it.Differs}
	}
	setETag(c, cmp.Version)
	return c.JSON(http.StatusOK, out)
}

func orNull(m json.RawMessage) json.RawMessage {
	if len(m) == 0 {
		return json.RawMessage("null")
	}
	return m
}

// AgreeRequest records the agreed result.
type AgreeRequest struct {
	AgreedLabel string `json:"agreed_label" example:"requires_improvement"`
	Discussion  string `json:"discussion" example:"We agreed outcomes in section E are not SMART."`
} // @name AgreeRequest

// agreeModeration records the result the two auditors agreed; the QA
// lead or the moderator records it, and the feedback rule is queued.
//
//	@Summary	Record the agreed result
//	@Tags		moderation
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Moderation id"	format(uuid)
//	@Param		If-Match	header		string			true	"The ETag of the version being changed"
//	@Param		body		body		AgreeRequest	true	"The agreed result"
//	@Success	200			{object}	ModerationResponse
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
//	@Router		/api/v1/t/{tenant}/moderations/{id}/agreement [post]
func (s *Server) agreeModeration(c echo.Context) error {
	id, err := pathID(c, "id", "moderation")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req AgreeRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := s.moderationViewer(c)
	if err != nil {
		return err
	}
	r, err := s.moderationService().Agree(c.Request().Context(), v, id, version, req.AgreedLabel, req.Discussion)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(http.StatusOK, moderationResponse(moderation.View{Record: r}))
}

// KappaResponse is a kappa statistic or why there is none.
type KappaResponse struct {
	Value     *float64 `json:"value"`
	Band      string   `json:"band" enums:"poor,slight,fair,moderate,substantial,almost_perfect,"`
	Undefined string   `json:"undefined"`
} // @name KappaResponse

// ScaleStatistics are one scale's statistics within a group.
type ScaleStatistics struct {
	Scale      string        `json:"scale"`
	Categories []string      `json:"categories"`
	Matrix     [][]int       `json:"matrix"`
	Pairs      int           `json:"pairs"`
	Agreement  float64       `json:"agreement"`
	Kappa      KappaResponse `json:"kappa"`
	Linear     KappaResponse `json:"linear"`
	Quadratic  KappaResponse `json:"quadratic"`
} // @name ScaleStatistics

// AgreementGroup is the agreement of one item, section, round or pair.
type AgreementGroup struct {
	Key       string            `json:"key"`
	Label     string            `json:"label"`
	Pairs     int               `json:"pairs"`
	Agreement *float64          `json:"agreement"`
	Change    *float64          `json:"change"`
	ByScale   []ScaleStatistics `json:"by_scale"`
} // @name AgreementGroup

// AgreementResponse is the agreement between first audits and their
// moderations.
type AgreementResponse struct {
	Moderations   int              `json:"moderations"`
	ByItem        []AgreementGroup `json:"by_item"`
	BySection     []AgreementGroup `json:"by_section"`
	ByRound       []AgreementGroup `json:"by_round"`
	ByAuditorPair []AgreementGroup `json:"by_auditor_pair"`
	Trend         []AgreementGroup `json:"trend"`
} // @name AgreementResponse

func kappaResponse(k agreement.Kappa) KappaResponse {
	out := KappaResponse{Undefined: k.Undefined}
	if k.Defined {
		v := k.Value
		out.Value, out.Band = &v, string(k.Band)
	}
	return out
}

func agreementGroups(groups []agreement.Group, labels map[string]string) []AgreementGroup {
	out := make([]AgreementGroup, len(groups))
	for i, g := range groups {
		a := AgreementGroup{Key: g.Key, Label: labels[g.Key], Pairs: g.Pairs, ByScale: []ScaleStatistics{}}
		if a.Label == "" {
			a.Label = g.Key
		}
		if g.HasPairs {
			v := g.Agreement
			a.Agreement = &v
		}
		if g.HasChange {
			v := g.Change
			a.Change = &v
		}
		for _, st := range g.ByScale {
			a.ByScale = append(a.ByScale, ScaleStatistics{Scale: st.Matrix.Scale.Name,
				Categories: st.Matrix.Scale.Categories, Matrix: st.Matrix.Counts, Pairs: st.Matrix.Pairs,
				Agreement: st.Agreement, Kappa: kappaResponse(st.Kappa), Linear: kappaResponse(st.Linear),
				Quadratic: kappaResponse(st.Quadratic)})
		}
		out[i] = a
	}
	return out
}

// getAgreement works out the agreement statistics of every submitted
// moderation, or one round's.
//
//	@Summary	Agreement statistics
//	@Tags		moderation
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		round_id	query		string	false	"Only this round"	format(uuid)
//	@Success	200			{object}	AgreementResponse
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/agreement [get]
func (s *Server) getAgreement(c echo.Context) error {
	roundID, err := queryID(c, "round_id")
	if err != nil {
		return err
	}
	r, err := s.moderationService().Agreement(c.Request().Context(), roundID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, AgreementResponse{Moderations: r.Pairs,
		ByItem: agreementGroups(r.ByItem, r.Labels), BySection: agreementGroups(r.BySection, r.Labels),
		ByRound: agreementGroups(r.ByRound, r.Labels), ByAuditorPair: agreementGroups(r.ByAuditorPair, r.Labels),
		Trend: agreementGroups(r.Trend, r.Labels)})
}

// FindingResponse is one poor section.
type FindingResponse struct {
	Section string `json:"section"`
	Title   string `json:"title"`
	Label   string `json:"label"`
} // @name FindingResponse

// FeedbackResponse is a poor result's findings sent to a service.
type FeedbackResponse struct {
	ID               string            `json:"id" format:"uuid"`
	ResponseID       string            `json:"response_id" format:"uuid"`
	ModerationID     *string           `json:"moderation_id" format:"uuid"`
	RoundID          string            `json:"round_id" format:"uuid"`
	RoundName        string            `json:"round_name"`
	LocalID          string            `json:"local_id"`
	Service          string            `json:"service"`
	OrganisationID   *string           `json:"organisation_id" format:"uuid"`
	OrganisationName string            `json:"organisation_name"`
	Overall          string            `json:"overall"`
	Findings         []FindingResponse `json:"findings"`
	State            string            `json:"state" enums:"sent,answered"`
	Reply            string            `json:"reply"`
	RepliedAt        *time.Time        `json:"replied_at"`
	Version          int               `json:"version"`
	CreatedAt        time.Time         `json:"created_at"`
} // @name FeedbackResponse

// FeedbackList is the feedback the caller may read.
type FeedbackList struct {
	Items []FeedbackResponse `json:"items"`
} // @name FeedbackList

func idText(id *uuid.UUID) *string {
	if id == nil {
		return nil
	}
	s := id.String()
	return &s
}

func feedbackResponse(f moderation.Feedback) FeedbackResponse {
	out := FeedbackResponse{ID: f.ID.String(), ResponseID: f.ResponseID.String(),
		ModerationID: idText(f.ModerationID), RoundID: f.RoundID.String(), RoundName: f.RoundName,
		LocalID: f.LocalID, Service: f.Service, OrganisationID: idText(f.OrganisationID),
		OrganisationName: f.OrganisationName, Overall: f.Overall, Findings: []FindingResponse{},
		State: string(f.State), Reply: f.Reply, RepliedAt: f.RepliedAt, Version: f.Version,
		CreatedAt: f.CreatedAt.UTC()}
	for _, x := range f.Findings {
		out.Findings = append(out.Findings, FindingResponse(x))
	}
	return out
}

// listFeedback lists feedback: a service manager's to the services whose
// local plan they lead, every one for QA leads.
//
//	@Summary	List feedback to services
//	@Tags		moderation
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		round_id	query		string	false	"Only this round's"	format(uuid)
//	@Param		state		query		string	false	"Only in this state"	Enums(sent, answered)
//	@Success	200			{object}	FeedbackList
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/feedback [get]
func (s *Server) listFeedback(c echo.Context) error {
	var f moderation.FeedbackFilter
	var err error
	if f.RoundID, err = queryID(c, "round_id"); err != nil {
		return err
	}
	if st := c.QueryParam("state"); st != "" {
		state := moderation.FeedbackState(st)
		if state != moderation.FeedbackSent && state != moderation.FeedbackAnswered {
			return domain.InvalidField("state", "choose sent or answered")
		}
		f.State = &state
	}
	v, err := s.feedbackViewer(c)
	if err != nil {
		return err
	}
	list, err := s.moderationService().ListFeedback(c.Request().Context(), v, f)
	if err != nil {
		return err
	}
	out := FeedbackList{Items: make([]FeedbackResponse, len(list))}
	for i, x := range list {
		out.Items[i] = feedbackResponse(x)
	}
	return c.JSON(http.StatusOK, out)
}

// ReleaseRequest names the round whose settled results go to services.
type ReleaseRequest struct {
	RoundID string `json:"round_id" format:"uuid"`
} // @name ReleaseRequest

// ReleaseResponse counts the responses queued for the feedback rule.
type ReleaseResponse struct {
	Queued int `json:"queued"`
} // @name ReleaseResponse

// releaseFeedback queues the feedback rule for every submitted response
// of a round: agreed results, and unmoderated ones past their deadline,
// that meet the instrument's rule go to the contributing services once.
//
//	@Summary	Send a round's feedback
//	@Tags		moderation
//	@Accept		json
//	@Produce	json
//	@Param		tenant	path		string			true	"Tenant slug"
//	@Param		body	body		ReleaseRequest	true	"The round"
//	@Success	202		{object}	ReleaseResponse
//	@Failure	400		{object}	Problem
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	415		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/feedback/release [post]
func (s *Server) releaseFeedback(c echo.Context) error {
	var req ReleaseRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	roundID, err := uuid.Parse(req.RoundID)
	if err != nil {
		return domain.InvalidField("round_id", "choose a round")
	}
	n, err := s.moderationService().Release(c.Request().Context(), roundID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, ReleaseResponse{Queued: n})
}

// getFeedback reads one piece of feedback.
//
//	@Summary	Read feedback to a service
//	@Tags		moderation
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Feedback id"	format(uuid)
//	@Success	200		{object}	FeedbackResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/feedback/{id} [get]
func (s *Server) getFeedback(c echo.Context) error {
	id, err := pathID(c, "id", "feedback")
	if err != nil {
		return err
	}
	v, err := s.feedbackViewer(c)
	if err != nil {
		return err
	}
	f, err := s.moderationService().FindFeedback(c.Request().Context(), v, id)
	if err != nil {
		return err
	}
	setETag(c, f.Version)
	return c.JSON(http.StatusOK, feedbackResponse(f))
}

// ReplyRequest is a service's response to its feedback.
type ReplyRequest struct {
	Reply string `json:"reply" example:"We will retrain our advice writers on SMART outcomes."`
} // @name ReplyRequest

// replyFeedback records the service's response to its feedback.
//
//	@Summary	Answer feedback
//	@Tags		moderation
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Feedback id"	format(uuid)
//	@Param		If-Match	header		string			true	"The ETag of the version being changed"
//	@Param		body		body		ReplyRequest	true	"The response"
//	@Success	200			{object}	FeedbackResponse
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
//	@Router		/api/v1/t/{tenant}/feedback/{id}/reply [put]
func (s *Server) replyFeedback(c echo.Context) error {
	id, err := pathID(c, "id", "feedback")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req ReplyRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := s.feedbackViewer(c)
	if err != nil {
		return err
	}
	f, err := s.moderationService().Reply(c.Request().Context(), v, id, version, req.Reply)
	if err != nil {
		return err
	}
	setETag(c, f.Version)
	return c.JSON(http.StatusOK, feedbackResponse(f))
}
