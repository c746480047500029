package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain/tenancy"
)

// RegionRequest creates a region.
type RegionRequest struct {
	Slug string `json:"slug" example:"black-country"`
	Name string `json:"name" example:"Black Country"`
} // @name RegionRequest

// RegionResponse is a region.
type RegionResponse struct {
	ID        string    `json:"id" format:"uuid"`
	Slug      string    `json:"slug" example:"black-country"`
	Name      string    `json:"name" example:"Black Country"`
	Version   int       `json:"version" example:"1"`
	CreatedAt time.Time `json:"created_at"`
} // @name RegionResponse

func regionResponse(r tenancy.Region) RegionResponse {
	return RegionResponse{ID: r.ID.String(), Slug: r.Slug, Name: r.Name, Version: r.Version,
		CreatedAt: r.CreatedAt.UTC()}
}

// TenantRequest creates a tenant.
type TenantRequest struct {
	Slug   string `json:"slug" example:"wolverhampton"`
	Name   string `json:"name" example:"City of Wolverhampton Council"`
	Region string `json:"region,omitempty" example:"black-country"`
} // @name TenantRequest

// TenantResponse is a tenant.
type TenantResponse struct {
	ID        string    `json:"id" format:"uuid"`
	Slug      string    `json:"slug" example:"wolverhampton"`
	Name      string    `json:"name" example:"City of Wolverhampton Council"`
	Region    *string   `json:"region" example:"black-country"`
	Version   int       `json:"version" example:"1"`
	CreatedAt time.Time `json:"created_at"`
} // @name TenantResponse

func tenantResponse(t tenancy.Tenant) TenantResponse {
	out := TenantResponse{ID: t.ID.String(), Slug: t.Slug, Name: t.Name, Version: t.Version,
		CreatedAt: t.CreatedAt.UTC()}
	if t.RegionSlug != "" {
		out.Region = &t.RegionSlug
	}
	return out
}

// listRegions lists regions.
//
//	@Summary	List regions
//	@Tags		platform
//	@Produce	json
//	@Param		limit	query		int		false	"Page size (1 to 200)"
//	@Param		cursor	query		string	false	"Cursor from the previous page"
//	@Success	200		{object}	RegionList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/admin/regions [get]
func (s *Server) listRegions(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.tenancy.ListRegions(c.Request().Context(), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, regionResponse))
}

// RegionList is a page of regions.
type RegionList struct {
	Items      []RegionResponse `json:"items"`
	NextCursor *string          `json:"next_cursor"`
} // @name RegionList

// createRegion adds a region.
//
//	@Summary	Create a region
//	@Tags		platform
//	@Accept		json
//	@Produce	json
//	@Param		Idempotency-Key	header		string			false	"Makes a retried request safe"
//	@Param		body			body		RegionRequest	true	"The region"
//	@Success	201				{object}	RegionResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	409				{object}	Problem
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/admin/regions [post]
func (s *Server) createRegion(c echo.Context) error {
	var req RegionRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := s.tenancy.CreateRegion(c.Request().Context(), tenancy.Region{Slug: req.Slug, Name: req.Name})
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(http.StatusCreated, regionResponse(r))
}

// listTenants lists tenants.
//
//	@Summary	List tenants
//	@Tags		platform
//	@Produce	json
//	@Param		limit	query		int		false	"Page size (1 to 200)"
//	@Param		cursor	query		string	false	"Cursor from the previous page"
//	@Success	200		{object}	TenantList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/admin/tenants [get]
func (s *Server) listTenants(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.tenancy.ListTenants(c.Request().Context(), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, tenantResponse))
}

// TenantList is a page of tenants.
type TenantList struct {
	Items      []TenantResponse `json:"items"`
	NextCursor *string          `json:"next_cursor"`
} // @name TenantList

// createTenant adds a local area.
//
//	@Summary	Create a tenant
//	@Tags		platform
//	@Accept		json
//	@Produce	json
//	@Param		Idempotency-Key	header		string			false	"Makes a retried request safe"
//	@Param		body			body		TenantRequest	true	"The tenant"
//	@Success	201				{object}	TenantResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	409				{object}	Problem
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/admin/tenants [post]
func (s *Server) createTenant(c echo.Context) error {
	var req TenantRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	t, err := s.tenancy.CreateTenant(c.Request().Context(),
		tenancy.Tenant{Slug: req.Slug, Name: req.Name}, req.Region)
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(http.StatusCreated, tenantResponse(t))
}

// getTenant reads one tenant.
//
//	@Summary	Read a tenant
//	@Tags		platform
//	@Produce	json
//	@Param		slug	path		string	true	"Tenant slug"
//	@Success	200		{object}	TenantResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/admin/tenants/{slug} [get]
func (s *Server) getTenant(c echo.Context) error {
	t, err := s.tenancy.FindTenantBySlug(c.Request().Context(), c.Param("slug"))
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	return c.JSON(http.StatusOK, tenantResponse(t))
}

// platformRoutes are the operators' own: regions and tenants.
func (s *Server) platformRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/admin/regions", Access: platform(), handler: s.listRegions},
		{Method: "POST", Path: "/api/v1/admin/regions", Access: platform(), Creates: true,
			handler: s.createRegion},
		{Method: "GET", Path: "/api/v1/admin/tenants", Access: platform(), handler: s.listTenants},
		{Method: "POST", Path: "/api/v1/admin/tenants", Access: platform(), Creates: true,
			handler: s.createTenant},
		{Method: "GET", Path: "/api/v1/admin/tenants/:slug", Access: platform(), handler: s.getTenant},
	}
}
