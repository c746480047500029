package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/tenancy"
)

// OrganisationRequest creates an organisation.
type OrganisationRequest struct {
	Kind         string  `json:"kind" enums:"service,team,school,setting,provider" example:"service"`
	Name         string  `json:"name" example:"Educational Psychology"`
	ParentID     *string `json:"parent_id,omitempty" format:"uuid"`
	URN          string  `json:"urn,omitempty" example:"470723"`
	Phase        string  `json:"phase,omitempty" example:"Secondary"`
	SettingType  string  `json:"setting_type,omitempty" example:"Academy"`
	SIRURL       string  `json:"sir_url,omitempty" example:"https://school.example.sch.uk/send"`
	ContactEmail string  `json:"contact_email,omitempty" example:"senco@school.example.sch.uk"`
} // @name OrganisationRequest

// OrganisationPatchRequest changes some fields of an organisation.
type OrganisationPatchRequest struct {
	Name         *string `json:"name,omitempty"`
	ParentID     *string `json:"parent_id,omitempty" format:"uuid"`
	URN          *string `json:"urn,omitempty"`
	Phase        *string `json:"phase,omitempty"`
	SettingType  *string `json:"setting_type,omitempty"`
	SIRURL       *string `json:"sir_url,omitempty"`
	ContactEmail *string `json:"contact_email,omitempty"`
	Archived     *bool   `json:"archived,omitempty"`
} // @name OrganisationPatchRequest

// OrganisationResponse is an organisation.
type OrganisationResponse struct {
	ID           string    `json:"id" format:"uuid"`
	Kind         string    `json:"kind" example:"service"`
	Name         string    `json:"name" example:"Educational Psychology"`
	ParentID     *string   `json:"parent_id" format:"uuid"`
	URN          string    `json:"urn" example:"470723"`
	Phase        string    `json:"phase"`
	SettingType  string    `json:"setting_type"`
	SIRURL       string    `json:"sir_url"`
	ContactEmail string    `json:"contact_email"`
	Archived     bool      `json:"archived"`
	Version      int       `json:"version" example:"1"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
} // @name OrganisationResponse

// OrganisationList is a page of organisations.
type OrganisationList struct {
	Items      []OrganisationResponse `json:"items"`
	NextCursor *string                `json:"next_cursor"`
} // @name OrganisationList

func organisationResponse(o tenancy.Organisation) OrganisationResponse {
	out := OrganisationResponse{ID: o.ID.String(), Kind: string(o.Kind), Name: o.Name, URN: o.URN,
		Phase: o.Phase, SettingType: o.SettingType, SIRURL: o.SIRURL, ContactEmail: o.ContactEmail,
		Archived: o.Archived, Version: o.Version, CreatedAt: o.CreatedAt.UTC(), UpdatedAt: o.UpdatedAt.UTC()}
	if o.ParentID != uuid.Nil {
		id := o.ParentID.String()
		out.ParentID = &id
	}
	return out
}

func parseOptionalID(field string, s *string) (uuid.UUID, error) {
	if s == nil || *s == "" {
		return uuid.Nil, nil
	}
	id, err := uuid.Parse(*s)
	if err != nil {
		return uuid.Nil, domain.InvalidField(field, "must be an id")
	}
	return id, nil
}

// listOrganisations lists the tenant's organisations by name.
//
//	@Summary	List organisations
//	@Tags		organisations
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		kind		query		string	false	"Only this kind"	Enums(service, team, school, setting, provider)
//	@Param		q			query		string	false	"Part of the name"
//	@Param		archived	query		bool	false	"Archived or not"
//	@Param		limit		query		int		false	"Page size (1 to 200)"
//	@Param		cursor		query		string	false	"Cursor from the previous page"
//	@Success	200			{object}	OrganisationList
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/organisations [get]
func (s *Server) listOrganisations(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	var f tenancy.OrganisationFilter
	if k := c.QueryParam("kind"); k != "" {
		kind := tenancy.OrganisationKind(k)
		f.Kind = &kind
	}
	if q := c.QueryParam("q"); q != "" {
		f.Query = &q
	}
	if a := c.QueryParam("archived"); a != "" {
		archived, err := strconv.ParseBool(a)
		if err != nil {
			return domain.InvalidField("archived", "must be true or false")
		}
		f.Archived = &archived
	}
	list, err := s.tenancy.ListOrganisations(c.Request().Context(), f, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, organisationResponse))
}

// createOrganisation adds an organisation to the tenant.
//
//	@Summary	Create an organisation
//	@Tags		organisations
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string				true	"Tenant slug"
//	@Param		Idempotency-Key	header		string				false	"Makes a retried request safe"
//	@Param		body			body		OrganisationRequest	true	"The organisation"
//	@Success	201				{object}	OrganisationResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/organisations [post]
func (s *Server) createOrganisation(c echo.Context) error {
	var req OrganisationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	parent, err := parseOptionalID("parent_id", req.ParentID)
	if err != nil {
		return err
	}
	o, err := s.tenancy.CreateOrganisation(c.Request().Context(), tenancy.Organisation{
		Kind: tenancy.OrganisationKind(req.Kind), Name: req.Name, ParentID: parent, URN: req.URN,
		Phase: req.Phase, SettingType: req.SettingType, SIRURL: req.SIRURL, ContactEmail: req.ContactEmail,
	})
	if err != nil {
		return err
	}
	return writeCreated(c, o.ID, o.Version, organisationResponse(o))
}

// getOrganisation reads one organisation.
//
//	@Summary	Read an organisation
//	@Tags		organisations
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Organisation id"	format(uuid)
//	@Success	200		{object}	OrganisationResponse
//	@Header		200		{string}	ETag	"The version, for If-Match"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/organisations/{id} [get]
func (s *Server) getOrganisation(c echo.Context) error {
	id, err := pathID(c, "id", "organisation")
	if err != nil {
		return err
	}
	o, err := s.tenancy.FindOrganisationByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, o.Version)
	return c.JSON(http.StatusOK, organisationResponse(o))
}

// updateOrganisation changes some fields of an organisation.
//
//	@Summary	Change an organisation
//	@Tags		organisations
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string						true	"Tenant slug"
//	@Param		id			path		string						true	"Organisation id"	format(uuid)
//	@Param		If-Match	header		string						true	"The ETag of the version being changed"
//	@Param		body		body		OrganisationPatchRequest	true	"The fields to change"
//	@Success	200			{object}	OrganisationResponse
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
//	@Router		/api/v1/t/{tenant}/organisations/{id} [patch]
func (s *Server) updateOrganisation(c echo.Context) error {
	id, err := pathID(c, "id", "organisation")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req OrganisationPatchRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	patch := tenancy.OrganisationPatch{Name: req.Name, URN: req.URN, Phase: req.Phase,
		SettingType: req.SettingType, SIRURL: req.SIRURL, ContactEmail: req.ContactEmail,
		Archived: req.Archived}
	if req.ParentID != nil {
		parent, err := parseOptionalID("parent_id", req.ParentID)
		if err != nil {
			return err
		}
		patch.ParentID = &parent
	}
	o, err := s.tenancy.UpdateOrganisation(c.Request().Context(), id, version, patch)
	if err != nil {
		return err
	}
	setETag(c, o.Version)
	return c.JSON(http.StatusOK, organisationResponse(o))
}

// organisationRoutes are a tenant's services, teams, settings and providers.
func (s *Server) organisationRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/organisations",
			Access: tenant("organisations", "read"), handler: s.listOrganisations},
		{Method: "POST", Path: "/api/v1/t/:tenant/organisations",
			Access: tenant("organisations", "write"), Creates: true, handler: s.createOrganisation},
		{Method: "GET", Path: "/api/v1/t/:tenant/organisations/:id",
			Access: tenant("organisations", "read"), handler: s.getOrganisation},
		{Method: "PATCH", Path: "/api/v1/t/:tenant/organisations/:id",
			Access: tenant("organisations", "write"), handler: s.updateOrganisation},
	}
}
