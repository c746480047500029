package api

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/apaudit"
	"sendqa/domain/audit"
	"sendqa/domain/invite"
	"sendqa/domain/response"
	"sendqa/domain/store"
	"sendqa/domain/tenancy"
)

// providerRoutes are a council's register of alternative provision
// providers and its audits of them.
func (s *Server) providerRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/providers",
			Access: tenant("providers", "read"), handler: s.listProviders},
		{Method: "POST", Path: "/api/v1/t/:tenant/providers", Creates: true,
			Access: tenant("providers", "write"), handler: s.inviteProvider},
		{Method: "POST", Path: "/api/v1/t/:tenant/providers/from-share", Creates: true,
			Access: tenant("providers", "write"), handler: s.addSharedProvider},
		{Method: "GET", Path: "/api/v1/t/:tenant/providers/:id",
			Access: tenant("providers", "read"), handler: s.getProvider},
		{Method: "POST", Path: "/api/v1/t/:tenant/providers/:id/end",
			Access: tenant("providers", "write"), handler: s.endProviderAccess},

		{Method: "GET", Path: "/api/v1/t/:tenant/provider-audits",
			Access: tenant("provider_audits", "read"), handler: s.listProviderAudits},
		{Method: "POST", Path: "/api/v1/t/:tenant/provider-audits", Creates: true,
			Access: tenant("provider_audits", "write"), handler: s.openProviderAudit},
		{Method: "GET", Path: "/api/v1/t/:tenant/provider-audits/shared",
			Access: tenant("provider_audits", "read"), handler: s.listSharedProviderResults},
		{Method: "GET", Path: "/api/v1/t/:tenant/provider-audits/shared/:id",
			Access: tenant("provider_audits", "read"), handler: s.getSharedProviderResult},
		{Method: "GET", Path: "/api/v1/t/:tenant/provider-audits/:id",
			Access: tenant("provider_audits", "read"), handler: s.getProviderAudit},
		{Method: "PATCH", Path: "/api/v1/t/:tenant/provider-audits/:id",
			Access: tenant("provider_audits", "write"), handler: s.recordProviderVisit},
		{Method: "POST", Path: "/api/v1/t/:tenant/provider-audits/:id/extension",
			Access: tenant("provider_audits", "write"), handler: s.grantProviderExtension},
		{Method: "PUT", Path: "/api/v1/t/:tenant/provider-audits/:id/standards/:key/rating",
			Access: tenant("provider_audits", "write"), handler: s.rateProviderStandard},
		{Method: "POST", Path: "/api/v1/t/:tenant/provider-audits/:id/more-evidence",
			Access: tenant("provider_audits", "write"), handler: s.requestMoreProviderEvidence},
		{Method: "POST", Path: "/api/v1/t/:tenant/provider-audits/:id/decision",
			Access: tenant("provider_audits", "write"), handler: s.decideProviderAudit},
		{Method: "POST", Path: "/api/v1/t/:tenant/provider-audits/:id/challenges/:challenge/answer",
			Access: tenant("provider_audits", "write"), handler: s.answerProviderChallenge},
		{Method: "POST", Path: "/api/v1/t/:tenant/provider-audits/:id/shares", Creates: true,
			Access: tenant("provider_audits", "share"), handler: s.shareProviderResult},
		{Method: "DELETE", Path: "/api/v1/t/:tenant/provider-audits/:id/shares/:share",
			Access: tenant("provider_audits", "share"), handler: s.withdrawProviderShare},
		{Method: "GET", Path: "/api/v1/t/:tenant/provider-audits/:id/evidence/:file",
			Access: tenant("provider_audits", "read"), handler: s.downloadProviderEvidence},
	}
}

// apAudits is the AP quality assurance service on the server's stores.
func (s *Server) apAudits() apaudit.Service {
	return apaudit.Service{Store: store.APAudits{}, Files: auditFiles{s.responses},
		Instruments: s.catalogue, People: providerPeople{s.tenancy, s.invites},
		Notices: auditNotices{s.responses},
		Trail:   audit.Recorder{Store: store.Trail{}, Now: time.Now}, Now: time.Now}
}

// auditNotices tells people of an AP audit's steps in the app and, if
// they want it, by e-mail queued in the request's transaction.
type auditNotices struct{ responses response.Service }

func (n auditNotices) Notify(ctx context.Context, r response.Reminder) error {
	return n.responses.Tell(ctx, r)
}

// auditFiles gives the AP service the response service's evidence files.
type auditFiles struct{ response.Service }

func (f auditFiles) FindEvidence(ctx context.Context, id uuid.UUID) (response.Evidence, error) {
	return f.Store.FindEvidence(ctx, id)
}

func (f auditFiles) ListAuditEvidence(
	ctx context.Context,
	id uuid.UUID,
) ([]response.Evidence, error) {
	return store.Responses{}.ListAuditEvidence(ctx, id)
}

// providerPeople gives the AP service people, memberships and
// invitations.
type providerPeople struct {
	tenancy.Service
	invites invite.Service
}

func (p providerPeople) CreateInvitation(
	ctx context.Context,
	who invite.Invitee,
) (invite.Invitation, error) {
	return p.invites.CreateInvitation(ctx, who)
}

// ProviderInviteRequest puts a provider on the register and invites its
// contact.
type ProviderInviteRequest struct {
	Name         string `json:"name" example:"Black Country Pathways"`
	ContactEmail string `json:"contact_email" example:"office@pathways.example.org"`
	ContactName  string `json:"contact_name" example:"Sam Patel"`
} // @name ProviderInviteRequest

// ProviderCurrentResponse is a provider's latest decided result.
type ProviderCurrentResponse struct {
	AuditID   string    `json:"audit_id" format:"uuid"`
	Overall   string    `json:"overall" enums:"red,amber,green"`
	Decision  string    `json:"decision" enums:"approved,approved_with_conditions,not_approved"`
	DecidedAt time.Time `json:"decided_at"`
	ReviewOn  string    `json:"review_on" format:"date"`
} // @name ProviderCurrent

// ProviderResponse is one provider of the register.
type ProviderResponse struct {
	ProviderID   string `json:"provider_id" format:"uuid"`
	ProviderName string `json:"provider_name"`
	State        string `json:"state" enums:"active,ended"`
	ContactEmail string `json:"contact_email"`
	// AccessUntil is the last day the provider's people may work with the
	// council unless a new audit is opened.
	AccessUntil         string                   `json:"access_until" format:"date"`
	Current             *ProviderCurrentResponse `json:"current"`
	EvidenceOutstanding int                      `json:"evidence_outstanding"`
	ChallengesOpen      int                      `json:"challenges_open"`
	AuditsInProgress    int                      `json:"audits_in_progress"`
	Version             int                      `json:"version" example:"1"`
	CreatedAt           time.Time                `json:"created_at"`
} // @name ProviderResponse

// ProviderList is a page of the register.
type ProviderList struct {
	Items      []ProviderResponse `json:"items"`
	NextCursor *string            `json:"next_cursor"`
} // @name ProviderList

func providerResponse(l apaudit.Link) ProviderResponse {
	out := ProviderResponse{ProviderID: l.ProviderID.String(), ProviderName: l.ProviderName,
		State: string(l.State), ContactEmail: l.ContactEmail, AccessUntil: l.AccessUntil.Format(time.DateOnly),
		EvidenceOutstanding: l.Outstanding, ChallengesOpen: l.OpenChallenges, AuditsInProgress: l.OpenAudits,
		Version: l.Version, CreatedAt: l.CreatedAt.UTC()}
	if cur := l.Current; cur != nil {
		out.Current = &ProviderCurrentResponse{AuditID: cur.AuditID.String(), Overall: cur.Overall,
			Decision: string(cur.Decision), DecidedAt: cur.DecidedAt.UTC(),
			ReviewOn: cur.ReviewOn.Format(time.DateOnly)}
	}
	return out
}

// listProviders lists the register by provider name.
//
//	@Summary	List the provider register
//	@Tags		providers
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		limit	query		int		false	"Page size, 1 to 200"
//	@Param		cursor	query		string	false	"Next page"
//	@Success	200		{object}	ProviderList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/providers [get]
func (s *Server) listProviders(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.apAudits().ListRegister(c.Request().Context(), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, providerResponse))
}

// inviteProvider puts a provider on the register and invites its contact
// by e-mail with the provider role. An address that already speaks for a
// provider links that provider: one provider, one set of people.
//
//	@Summary	Invite a provider
//	@Tags		providers
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string					true	"Tenant slug"
//	@Param		Idempotency-Key	header		string					false	"Replays the first response for 24 hours"
//	@Param		body			body		ProviderInviteRequest	true	"The provider and its contact"
//	@Success	201				{object}	ProviderResponse
//	@Header		201				{string}	ETag		"The link's version"
//	@Header		201				{string}	Location	"The provider"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"Already on the register"
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/providers [post]
func (s *Server) inviteProvider(c echo.Context) error {
	var req ProviderInviteRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	l, err := s.apAudits().InviteProvider(c.Request().Context(), apaudit.Invitation{Name: req.Name,
		ContactEmail: req.ContactEmail, ContactName: req.ContactName})
	if err != nil {
		return err
	}
	return writeCreated(c, l.ProviderID, l.Version, providerResponse(l))
}

// ProviderFromShareRequest names a shared result whose provider the
// council adds to its register.
type ProviderFromShareRequest struct {
	AuditID string `json:"audit_id" format:"uuid"`
} // @name ProviderFromShareRequest

// addSharedProvider puts the provider of a result another council of the
// region shares on the register, to rely on it or audit it anew.
//
//	@Summary	Add a shared result's provider to the register
//	@Tags		providers
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string						true	"Tenant slug"
//	@Param		Idempotency-Key	header		string						false	"Replays the first response for 24 hours"
//	@Param		body			body		ProviderFromShareRequest	true	"The shared result"
//	@Success	201				{object}	ProviderResponse
//	@Header		201				{string}	ETag		"The link's version"
//	@Header		201				{string}	Location	"The provider"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem	"No share in force reaches the council"
//	@Failure	409				{object}	Problem	"Already on the register"
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/providers/from-share [post]
func (s *Server) addSharedProvider(c echo.Context) error {
	var req ProviderFromShareRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	id, err := uuid.Parse(req.AuditID)
	if err != nil {
		return domain.InvalidField("audit_id", "choose a result shared with your region")
	}
	l, err := s.apAudits().AddSharedProvider(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return writeCreated(c, l.ProviderID, l.Version, providerResponse(l))
}

// getProvider reads one provider of the register.
//
//	@Summary	Read a provider
//	@Tags		providers
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Provider id"	format(uuid)
//	@Success	200		{object}	ProviderResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/providers/{id} [get]
func (s *Server) getProvider(c echo.Context) error {
	id, err := pathID(c, "id", "provider")
	if err != nil {
		return err
	}
	l, err := s.apAudits().FindLink(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, l.Version)
	return c.JSON(http.StatusOK, providerResponse(l))
}

// endProviderAccess ends the council's work with a provider: its people
// lose the provider role here. Other councils are untouched.
//
//	@Summary	End a provider's access
//	@Tags		providers
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		id			path		string	true	"Provider id"	format(uuid)
//	@Param		If-Match	header		string	true	"The provider's ETag"
//	@Success	200			{object}	ProviderResponse
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Ended already"
//	@Failure	412			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/providers/{id}/end [post]
func (s *Server) endProviderAccess(c echo.Context) error {
	id, err := pathID(c, "id", "provider")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	l, err := s.apAudits().EndAccess(c.Request().Context(), id, version)
	if err != nil {
		return err
	}
	setETag(c, l.Version)
	return c.JSON(http.StatusOK, providerResponse(l))
}

// ProviderAuditRequest opens an audit of a provider.
type ProviderAuditRequest struct {
	ProviderID string `json:"provider_id" format:"uuid"`
	// Instrument is the key or id of the instrument; the built-in AP
	// quality standards when empty.
	Instrument    string `json:"instrument,omitempty" example:"ap_quality_standards"`
	EvidenceDueOn string `json:"evidence_due_on" format:"date" example:"2026-12-18"`
} // @name ProviderAuditRequest

// ProviderEvidenceResponse is one evidence file of a standard.
type ProviderEvidenceResponse struct {
	ID          string    `json:"id" format:"uuid"`
	StandardKey string    `json:"standard_key" example:"a1"`
	FileName    string    `json:"file_name" example:"admissions-policy.pdf"`
	ContentType string    `json:"content_type" example:"application/pdf"`
	Size        int64     `json:"size" example:"48213"`
	ScanState   string    `json:"scan_state" enums:"pending,clean,infected"`
	CreatedAt   time.Time `json:"created_at"`
} // @name ProviderEvidence

func providerEvidenceResponse(e response.Evidence) ProviderEvidenceResponse {
	return ProviderEvidenceResponse{ID: e.ID.String(), StandardKey: e.ItemID, FileName: e.FileName,
		ContentType: e.ContentType, Size: e.Size, ScanState: string(e.ScanState), CreatedAt: e.CreatedAt.UTC()}
}

// ProviderStandardResponse is one quality standard of an audit.
type ProviderStandardResponse struct {
	Key      string `json:"key" example:"a1"`
	Position int    `json:"position" example:"1"`
	Theme    string `json:"theme" example:"Assessment and understanding"`
	Title    string `json:"title" example:"Information before the placement"`
	Guidance string `json:"guidance"`
	State    string `json:"state" enums:"requested,draft,submitted,rated"`
	// Statement is the provider's; empty in results shared by another
	// council.
	Statement string `json:"statement"`
	Rating    string `json:"rating" enums:",red,amber,green"`
	Feedback  string `json:"feedback"`
	// MoreRequest says what more evidence the officer asked for.
	MoreRequest string                     `json:"more_request"`
	Version     int                        `json:"version" example:"1"`
	Evidence    []ProviderEvidenceResponse `json:"evidence"`
} // @name ProviderStandard

// ProviderChallengeResponse is a challenge of a rating and its answer.
type ProviderChallengeResponse struct {
	ID          string     `json:"id" format:"uuid"`
	StandardKey string     `json:"standard_key" example:"l2"`
	Rating      string     `json:"rating" enums:"red,amber,green"`
	Reasons     string     `json:"reasons"`
	RaisedAt    time.Time  `json:"raised_at"`
	Outcome     string     `json:"outcome" enums:",upheld,not_upheld"`
	Answer      string     `json:"answer"`
	NewRating   string     `json:"new_rating" enums:",red,amber,green"`
	AnsweredAt  *time.Time `json:"answered_at"`
	Version     int        `json:"version" example:"1"`
} // @name ProviderChallenge

// ProviderShareResponse is a share of a result with the region.
type ProviderShareResponse struct {
	ID          string     `json:"id" format:"uuid"`
	RegionID    string     `json:"region_id" format:"uuid"`
	SharedAt    time.Time  `json:"shared_at"`
	WithdrawnAt *time.Time `json:"withdrawn_at"`
} // @name ProviderShare

// ProviderAuditResponse is an audit of a provider.
type ProviderAuditResponse struct {
	ID                string  `json:"id" format:"uuid"`
	Tenant            string  `json:"tenant" example:"wolverhampton"`
	TenantName        string  `json:"tenant_name"`
	ProviderID        string  `json:"provider_id" format:"uuid"`
	ProviderName      string  `json:"provider_name"`
	InstrumentKey     string  `json:"instrument_key" example:"ap_quality_standards"`
	InstrumentVersion int     `json:"instrument_version" example:"1"`
	State             string  `json:"state" enums:"requested,submitted,more_evidence,decided"`
	EvidenceDueOn     string  `json:"evidence_due_on" format:"date"`
	ExtensionUntil    *string `json:"extension_until" format:"date"`
	ExtensionReason   string  `json:"extension_reason"`
	VisitOn           *string `json:"visit_on" format:"date"`
	// VisitNotes are the officer's; empty for the provider.
	VisitNotes string `json:"visit_notes"`
	// Overall is the result by the instrument's rule, once decided.
	Overall             string                      `json:"overall" enums:",red,amber,green"`
	Decision            string                      `json:"decision" enums:",approved,approved_with_conditions,not_approved"`
	Conditions          string                      `json:"conditions"`
	ReviewOn            *string                     `json:"review_on" format:"date"`
	DecidedAt           *time.Time                  `json:"decided_at"`
	SubmittedAt         *time.Time                  `json:"submitted_at"`
	EvidenceOutstanding int                         `json:"evidence_outstanding"`
	ChallengesOpen      int                         `json:"challenges_open"`
	Shared              bool                        `json:"shared"`
	Standards           []ProviderStandardResponse  `json:"standards"`
	Challenges          []ProviderChallengeResponse `json:"challenges"`
	Shares              []ProviderShareResponse     `json:"shares"`
	Version             int                         `json:"version" example:"1"`
	CreatedAt           time.Time                   `json:"created_at"`
	UpdatedAt           time.Time                   `json:"updated_at"`
} // @name ProviderAuditResponse

// ProviderAuditList is a page of audits.
type ProviderAuditList struct {
	Items      []ProviderAuditResponse `json:"items"`
	NextCursor *string                 `json:"next_cursor"`
} // @name ProviderAuditList

func optionalDay(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format(time.DateOnly)
	return &s
}

func optionalUTC(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func providerStandardResponse(st apaudit.Standard) ProviderStandardResponse {
	out := ProviderStandardResponse{Key: st.Key, Position: st.Position, Theme: st.Theme, Title: st.Title,
		Guidance: st.Guidance, State: string(st.State), Statement: st.Statement, Rating: st.Rating,
		Feedback: st.Feedback, MoreRequest: st.MoreRequest, Version: st.Version,
		Evidence: []ProviderEvidenceResponse{}}
	for _, e := range st.Evidence {
		out.Evidence = append(out.Evidence, providerEvidenceResponse(e))
	}
	return out
}

func providerChallengeResponse(c apaudit.Challenge) ProviderChallengeResponse {
	return ProviderChallengeResponse{ID: c.ID.String(), StandardKey: c.StandardKey, Rating: c.Rating,
		Reasons: c.Reasons, RaisedAt: c.RaisedAt.UTC(), Outcome: c.Outcome, Answer: c.Answer,
		NewRating: c.NewRating, AnsweredAt: optionalUTC(c.AnsweredAt), Version: c.Version}
}

func providerShareResponse(sh apaudit.Share) ProviderShareResponse {
	return ProviderShareResponse{ID: sh.ID.String(), RegionID: sh.RegionID.String(),
		SharedAt: sh.SharedAt.UTC(), WithdrawnAt: optionalUTC(sh.WithdrawnAt)}
}

func providerAuditResponse(a apaudit.Audit) ProviderAuditResponse {
	out := ProviderAuditResponse{ID: a.ID.String(), Tenant: a.TenantSlug, TenantName: a.TenantName,
		ProviderID: a.ProviderID.String(), ProviderName: a.ProviderName, InstrumentKey: a.InstrumentKey,
		InstrumentVersion: a.InstrumentVersion, State: string(a.State),
		EvidenceDueOn: a.EvidenceDueOn.Format(time.DateOnly), ExtensionUntil: optionalDay(a.ExtensionUntil),
		ExtensionReason: a.ExtensionReason, VisitOn: optionalDay(a.VisitOn), VisitNotes: a.VisitNotes,
		Overall: a.Overall, Decision: string(a.Decision), Conditions: a.Conditions,
		ReviewOn: optionalDay(a.ReviewOn), DecidedAt: optionalUTC(a.DecidedAt),
		SubmittedAt: optionalUTC(a.SubmittedAt), EvidenceOutstanding: a.Outstanding,
		ChallengesOpen: a.OpenChallenges, Shared: a.Shared, Version: a.Version,
		CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC(),
		Standards:  []ProviderStandardResponse{},
		Challenges: []ProviderChallengeResponse{}, Shares: []ProviderShareResponse{}}
	for _, st := range a.Standards {
		out.Standards = append(out.Standards, providerStandardResponse(st))
	}
	for _, c := range a.Challenges {
		out.Challenges = append(out.Challenges, providerChallengeResponse(c))
	}
	for _, sh := range a.Shares {
		out.Shares = append(out.Shares, providerShareResponse(sh))
	}
	return out
}

func auditFilter(c echo.Context) (apaudit.AuditFilter, error) {
	var f apaudit.AuditFilter
	var err error
	if f.ProviderID, err = queryID(c, "provider_id"); err != nil {
		return f, err
	}
	if v := c.QueryParam("state"); v != "" {
		st := apaudit.State(v)
		f.State = &st
	}
	return f, nil
}

// listProviderAudits lists the council's audits of providers, newest
// first.
//
//	@Summary	List provider audits
//	@Tags		providers
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		provider_id	query		string	false	"Only this provider's"	format(uuid)
//	@Param		state		query		string	false	"Only audits in this state"	Enums(requested, submitted, more_evidence, decided)
//	@Param		limit		query		int		false	"Page size, 1 to 200"
//	@Param		cursor		query		string	false	"Next page"
//	@Success	200			{object}	ProviderAuditList
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits [get]
func (s *Server) listProviderAudits(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	list, err := s.apAudits().ListAudits(c.Request().Context(), f, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, providerAuditResponse))
}

// openProviderAudit opens an audit of a provider on the register and asks
// for evidence by a date.
//
//	@Summary	Open a provider audit
//	@Tags		providers
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string					true	"Tenant slug"
//	@Param		Idempotency-Key	header		string					false	"Replays the first response for 24 hours"
//	@Param		body			body		ProviderAuditRequest	true	"The audit"
//	@Success	201				{object}	ProviderAuditResponse
//	@Header		201				{string}	ETag		"The audit's version"
//	@Header		201				{string}	Location	"The audit"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"An audit of the provider is in progress"
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits [post]
func (s *Server) openProviderAudit(c echo.Context) error {
	var req ProviderAuditRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	provider, err := uuid.Parse(req.ProviderID)
	if err != nil {
		p.Add("provider_id", "choose a provider on your register")
	}
	due := parseDate("evidence_due_on", req.EvidenceDueOn, &p)
	if err := p.Err(); err != nil {
		return err
	}
	a, err := s.apAudits().OpenAudit(c.Request().Context(), apaudit.NewAudit{ProviderID: provider,
		Instrument: req.Instrument, EvidenceDueOn: due})
	if err != nil {
		return err
	}
	return writeCreated(c, a.ID, a.Version, providerAuditResponse(a))
}

// getProviderAudit reads one audit with its standards, evidence,
// challenges and shares.
//
//	@Summary	Read a provider audit
//	@Tags		providers
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Audit id"	format(uuid)
//	@Success	200		{object}	ProviderAuditResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/{id} [get]
func (s *Server) getProviderAudit(c echo.Context) error {
	id, err := pathID(c, "id", "provider audit")
	if err != nil {
		return err
	}
	a, err := s.apAudits().FindAudit(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return writeAudit(c, a)
}

func writeAudit(c echo.Context, a apaudit.Audit) error {
	setETag(c, a.Version)
	return c.JSON(http.StatusOK, providerAuditResponse(a))
}

// ProviderVisitRequest records the site visit.
type ProviderVisitRequest struct {
	VisitOn    *string `json:"visit_on,omitempty" format:"date" example:"2026-11-20"`
	VisitNotes string  `json:"visit_notes"`
} // @name ProviderVisitRequest

// recordProviderVisit keeps the site visit's date and notes.
//
//	@Summary	Record the site visit
//	@Tags		providers
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string					true	"Tenant slug"
//	@Param		id			path		string					true	"Audit id"	format(uuid)
//	@Param		If-Match	header		string					true	"The audit's ETag"
//	@Param		body		body		ProviderVisitRequest	true	"The visit"
//	@Success	200			{object}	ProviderAuditResponse
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
//	@Router		/api/v1/t/{tenant}/provider-audits/{id} [patch]
func (s *Server) recordProviderVisit(c echo.Context) error {
	id, version, err := auditAndVersion(c)
	if err != nil {
		return err
	}
	var req ProviderVisitRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	var on *time.Time
	if req.VisitOn != nil && *req.VisitOn != "" {
		d := parseDate("visit_on", *req.VisitOn, &p)
		on = &d
	}
	if err := p.Err(); err != nil {
		return err
	}
	a, err := s.apAudits().RecordVisit(c.Request().Context(), id, version,
		apaudit.VisitNotes{VisitOn: on, Notes: req.VisitNotes})
	if err != nil {
		return err
	}
	return writeAudit(c, a)
}

func auditAndVersion(c echo.Context) (uuid.UUID, int, error) {
	id, err := pathID(c, "id", "provider audit")
	if err != nil {
		return uuid.Nil, 0, err
	}
	version, err := ifMatch(c)
	return id, version, err
}

// ProviderExtensionGrant moves the evidence date.
type ProviderExtensionGrant struct {
	// EvidenceDueOn defaults to the date the provider asked for.
	EvidenceDueOn string `json:"evidence_due_on,omitempty" format:"date" example:"2027-01-08"`
} // @name ProviderExtensionGrant

// grantProviderExtension gives the provider more time for evidence.
//
//	@Summary	Grant more time for evidence
//	@Tags		providers
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string					true	"Tenant slug"
//	@Param		id			path		string					true	"Audit id"	format(uuid)
//	@Param		If-Match	header		string					true	"The audit's ETag"
//	@Param		body		body		ProviderExtensionGrant	true	"The new date"
//	@Success	200			{object}	ProviderAuditResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"The evidence is in"
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/{id}/extension [post]
func (s *Server) grantProviderExtension(c echo.Context) error {
	id, version, err := auditAndVersion(c)
	if err != nil {
		return err
	}
	var req ProviderExtensionGrant
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	until := parseDate("evidence_due_on", req.EvidenceDueOn, &p)
	if err := p.Err(); err != nil {
		return err
	}
	a, err := s.apAudits().GrantExtension(c.Request().Context(), id, version, until)
	if err != nil {
		return err
	}
	return writeAudit(c, a)
}

// ProviderRatingRequest rates one standard.
type ProviderRatingRequest struct {
	Rating   string `json:"rating" enums:"red,amber,green"`
	Feedback string `json:"feedback" example:"The policy is clear; show it in use."`
} // @name ProviderRatingRequest

// rateProviderStandard rates one submitted standard with feedback.
//
//	@Summary	Rate a standard
//	@Tags		providers
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string					true	"Tenant slug"
//	@Param		id			path		string					true	"Audit id"	format(uuid)
//	@Param		key			path		string					true	"Standard key"
//	@Param		If-Match	header		string					true	"The standard's version"
//	@Param		body		body		ProviderRatingRequest	true	"The rating"
//	@Success	200			{object}	ProviderStandardResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Not submitted, or the audit is decided"
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/{id}/standards/{key}/rating [put]
func (s *Server) rateProviderStandard(c echo.Context) error {
	id, version, err := auditAndVersion(c)
	if err != nil {
		return err
	}
	var req ProviderRatingRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	st, err := s.apAudits().RateStandard(c.Request().Context(), id, c.Param("key"), version,
		apaudit.Rating{Rating: req.Rating, Feedback: req.Feedback})
	if err != nil {
		return err
	}
	setETag(c, st.Version)
	return c.JSON(http.StatusOK, providerStandardResponse(st))
}

// ProviderMoreEvidenceRequest reopens some standards.
type ProviderMoreEvidenceRequest struct {
	Standards []ProviderMoreEvidenceItem `json:"standards"`
} // @name ProviderMoreEvidenceRequest

// ProviderMoreEvidenceItem asks for more evidence on one standard.
type ProviderMoreEvidenceItem struct {
	Key     string `json:"key" example:"l2"`
	Request string `json:"request" example:"Send the safer recruitment log for this term."`
} // @name ProviderMoreEvidenceItem

// requestMoreProviderEvidence reopens only the named standards and asks
// the provider for more on them.
//
//	@Summary	Ask for more evidence
//	@Tags		providers
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string						true	"Tenant slug"
//	@Param		id			path		string						true	"Audit id"	format(uuid)
//	@Param		If-Match	header		string						true	"The audit's ETag"
//	@Param		body		body		ProviderMoreEvidenceRequest	true	"The standards and what is needed"
//	@Success	200			{object}	ProviderAuditResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"The audit is not submitted"
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/{id}/more-evidence [post]
func (s *Server) requestMoreProviderEvidence(c echo.Context) error {
	id, version, err := auditAndVersion(c)
	if err != nil {
		return err
	}
	var req ProviderMoreEvidenceRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	asks := make([]apaudit.MoreRequest, len(req.Standards))
	for i, r := range req.Standards {
		asks[i] = apaudit.MoreRequest{Key: r.Key, Request: r.Request}
	}
	a, err := s.apAudits().RequestMoreEvidence(c.Request().Context(), id, version, asks)
	if err != nil {
		return err
	}
	return writeAudit(c, a)
}

// ProviderDecisionRequest decides an audit.
type ProviderDecisionRequest struct {
	Decision   string `json:"decision" enums:"approved,approved_with_conditions,not_approved"`
	Conditions string `json:"conditions,omitempty"`
	ReviewOn   string `json:"review_on" format:"date" example:"2027-11-30"`
} // @name ProviderDecisionRequest

// decideProviderAudit gives the overall result by the instrument's rule
// and the decision with a review date.
//
//	@Summary	Decide a provider audit
//	@Tags		providers
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string					true	"Tenant slug"
//	@Param		id			path		string					true	"Audit id"	format(uuid)
//	@Param		If-Match	header		string					true	"The audit's ETag"
//	@Param		body		body		ProviderDecisionRequest	true	"The decision"
//	@Success	200			{object}	ProviderAuditResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Standards unrated or challenges unanswered"
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/{id}/decision [post]
func (s *Server) decideProviderAudit(c echo.Context) error {
	id, version, err := auditAndVersion(c)
	if err != nil {
		return err
	}
	var req ProviderDecisionRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	review := parseDate("review_on", req.ReviewOn, &p)
	if err := p.Err(); err != nil {
		return err
	}
	a, err := s.apAudits().Decide(c.Request().Context(), id, version, apaudit.DecisionInput{
		Decision: apaudit.Decision(req.Decision), Conditions: req.Conditions, ReviewOn: review})
	if err != nil {
		return err
	}
	return writeAudit(c, a)
}

// ProviderChallengeAnswerRequest answers a challenge.
type ProviderChallengeAnswerRequest struct {
	Outcome string `json:"outcome" enums:"upheld,not_upheld"`
	Answer  string `json:"answer"`
	// NewRating is the standard's rating when the challenge is upheld.
	NewRating string `json:"new_rating,omitempty" enums:"red,amber,green"`
} // @name ProviderChallengeAnswerRequest

// answerProviderChallenge answers a provider's challenge of a rating.
//
//	@Summary	Answer a challenge
//	@Tags		providers
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string							true	"Tenant slug"
//	@Param		id			path		string							true	"Audit id"	format(uuid)
//	@Param		challenge	path		string							true	"Challenge id"	format(uuid)
//	@Param		If-Match	header		string							true	"The challenge's version"
//	@Param		body		body		ProviderChallengeAnswerRequest	true	"The answer"
//	@Success	200			{object}	ProviderChallengeResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Answered already"
//	@Failure	412			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/{id}/challenges/{challenge}/answer [post]
func (s *Server) answerProviderChallenge(c echo.Context) error {
	id, version, err := auditAndVersion(c)
	if err != nil {
		return err
	}
	challenge, err := pathID(c, "challenge", "challenge")
	if err != nil {
		return err
	}
	var req ProviderChallengeAnswerRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	ch, err := s.apAudits().AnswerChallenge(c.Request().Context(), id, challenge, version,
		apaudit.ChallengeAnswer{Outcome: req.Outcome, Answer: req.Answer, NewRating: req.NewRating})
	if err != nil {
		return err
	}
	setETag(c, ch.Version)
	return c.JSON(http.StatusOK, providerChallengeResponse(ch))
}

// shareProviderResult shares a decided result with the council's region,
// by an explicit, recorded and revocable share.
//
//	@Summary	Share a result with the region
//	@Tags		providers
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		id				path		string	true	"Audit id"	format(uuid)
//	@Param		Idempotency-Key	header		string	false	"Replays the first response for 24 hours"
//	@Success	201				{object}	ProviderShareResponse
//	@Header		201				{string}	Location	"The share"
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"Undecided, or shared already"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/{id}/shares [post]
func (s *Server) shareProviderResult(c echo.Context) error {
	id, err := pathID(c, "id", "provider audit")
	if err != nil {
		return err
	}
	sh, err := s.apAudits().ShareResult(c.Request().Context(), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", c.Request().URL.Path+"/"+sh.ID.String())
	return c.JSON(http.StatusCreated, providerShareResponse(sh))
}

// withdrawProviderShare withdraws a share: the region no longer sees the
// result; the share stays on record.
//
//	@Summary	Withdraw a share of a result
//	@Tags		providers
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		id			path		string	true	"Audit id"	format(uuid)
//	@Param		share		path		string	true	"Share id"	format(uuid)
//	@Param		If-Match	header		string	true	"The audit's ETag"
//	@Success	200			{object}	ProviderShareResponse
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Withdrawn already"
//	@Failure	412			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/{id}/shares/{share} [delete]
func (s *Server) withdrawProviderShare(c echo.Context) error {
	id, version, err := auditAndVersion(c)
	if err != nil {
		return err
	}
	share, err := pathID(c, "share", "share")
	if err != nil {
		return err
	}
	sh, err := s.apAudits().WithdrawShare(c.Request().Context(), id, share, version)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, providerShareResponse(sh))
}

// listSharedProviderResults lists the results other councils of the
// region share, read-only.
//
//	@Summary	List results shared by the region
//	@Tags		providers
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		provider_id	query		string	false	"Only this provider's"	format(uuid)
//	@Param		limit		query		int		false	"Page size, 1 to 200"
//	@Param		cursor		query		string	false	"Next page"
//	@Success	200			{object}	ProviderAuditList
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/shared [get]
func (s *Server) listSharedProviderResults(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	f, err := auditFilter(c)
	if err != nil {
		return err
	}
	list, err := s.apAudits().ListSharedResults(c.Request().Context(), f, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, providerAuditResponse))
}

// getSharedProviderResult reads one shared result: the rating, its date
// and the standard-by-standard feedback.
//
//	@Summary	Read a result shared by the region
//	@Tags		providers
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Audit id"	format(uuid)
//	@Success	200		{object}	ProviderAuditResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem	"Not shared with the region, or withdrawn"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/shared/{id} [get]
func (s *Server) getSharedProviderResult(c echo.Context) error {
	id, err := pathID(c, "id", "shared result")
	if err != nil {
		return err
	}
	a, err := s.apAudits().FindSharedResult(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, providerAuditResponse(a))
}

// downloadProviderEvidence sends one of an audit's files once scanned
// clean, as an attachment.
//
//	@Summary	Download a provider's evidence
//	@Tags		providers
//	@Produce	octet-stream
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Audit id"	format(uuid)
//	@Param		file	path		string	true	"Evidence id"	format(uuid)
//	@Success	200		{file}		file
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	409		{object}	Problem	"Waiting for the virus scan, or removed by it"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/provider-audits/{id}/evidence/{file} [get]
func (s *Server) downloadProviderEvidence(c echo.Context) error {
	id, err := pathID(c, "id", "provider audit")
	if err != nil {
		return err
	}
	file, err := pathID(c, "file", "evidence")
	if err != nil {
		return err
	}
	e, body, err := s.apAudits().OpenAuditEvidence(c.Request().Context(), id, file)
	if err != nil {
		return err
	}
	return sendFile(c, e, body)
}

func sendFile(c echo.Context, e response.Evidence, body io.ReadCloser) error {
	defer body.Close()
	setDownloadHeaders(c, e.FileName)
	c.Response().Header().Set(echo.HeaderContentLength, strconv.FormatInt(e.Size, 10))
	c.Response().Header().Set(echo.HeaderContentType, e.ContentType)
	c.Response().WriteHeader(http.StatusOK)
	_, err := io.Copy(c.Response(), body)
	return err
}
