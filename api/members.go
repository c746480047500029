package api

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/tenancy"
)

// MemberResponse is a person as a member of a local area.
type MemberResponse struct {
	PersonID string    `json:"person_id" format:"uuid"`
	Name     string    `json:"name" example:"Quinn Kaur"`
	Email    string    `json:"email" example:"quinn.kaur@wolverhampton.example.gov.uk"`
	Roles    []string  `json:"roles" example:"auditor"`
	Version  int       `json:"version" example:"1"`
	JoinedAt time.Time `json:"joined_at"`
} // @name Member

// MemberList is a page of members.
type MemberList struct {
	Items      []MemberResponse `json:"items"`
	NextCursor *string          `json:"next_cursor"`
} // @name MemberList

// MemberPatchRequest changes a member's roles.
type MemberPatchRequest struct {
	Roles []string `json:"roles" example:"auditor,qa_lead"`
} // @name MemberPatchRequest

func memberResponse(m tenancy.Member) MemberResponse {
	return MemberResponse{PersonID: m.PersonID.String(), Name: m.Name, Email: m.Email,
		Roles: roleNames(m.Roles), Version: m.Version, JoinedAt: m.JoinedAt.UTC()}
}

func parseRoles(names []string) []domain.Role {
	roles := make([]domain.Role, len(names))
	for i, n := range names {
		roles[i] = domain.Role(n)
	}
	return roles
}

// listMembers lists the people of the local area and their roles.
//
//	@Summary	List members
//	@Tags		members
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		limit	query		int		false	"Page size (1 to 200)"
//	@Param		cursor	query		string	false	"Cursor from the previous page"
//	@Success	200		{object}	MemberList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/members [get]
func (s *Server) listMembers(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.tenancy.ListMembers(c.Request().Context(), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, memberResponse))
}

// getMember reads one member, with the version of the membership.
//
//	@Summary	Read a member
//	@Tags		members
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		person_id	path		string	true	"Person id"	format(uuid)
//	@Success	200			{object}	MemberResponse
//	@Header		200			{string}	ETag	"The membership's version, for If-Match"
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/members/{person_id} [get]
func (s *Server) getMember(c echo.Context) error {
	id, err := pathID(c, "person_id", "member")
	if err != nil {
		return err
	}
	m, err := s.tenancy.FindMember(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, m.Version)
	return c.JSON(http.StatusOK, memberResponse(m))
}

// changeMemberRoles gives a member exactly the roles sent. An
// administrator cannot take the administrator role from themselves or
// from the last administrator of the local area.
//
//	@Summary	Change a member's roles
//	@Tags		members
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string				true	"Tenant slug"
//	@Param		person_id	path		string				true	"Person id"	format(uuid)
//	@Param		If-Match	header		string				true	"The ETag of the membership version being changed"
//	@Param		body		body		MemberPatchRequest	true	"The roles"
//	@Success	200			{object}	MemberResponse
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
//	@Router		/api/v1/t/{tenant}/members/{person_id} [patch]
func (s *Server) changeMemberRoles(c echo.Context) error {
	id, err := pathID(c, "person_id", "member")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req MemberPatchRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	m, err := s.tenancy.ChangeMemberRoles(c.Request().Context(), id, version, parseRoles(req.Roles))
	if err != nil {
		return err
	}
	setETag(c, m.Version)
	return c.JSON(http.StatusOK, memberResponse(m))
}

// removeMember ends a person's membership of the local area. Their
// account stays, with any other areas' memberships.
//
//	@Summary	Remove a member
//	@Tags		members
//	@Param		tenant		path	string	true	"Tenant slug"
//	@Param		person_id	path	string	true	"Person id"	format(uuid)
//	@Param		If-Match	header	string	true	"The ETag of the membership version being removed"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Failure	409	{object}	Problem
//	@Failure	412	{object}	Problem
//	@Failure	428	{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/members/{person_id} [delete]
func (s *Server) removeMember(c echo.Context) error {
	id, err := pathID(c, "person_id", "member")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	if err := s.tenancy.RemoveMember(c.Request().Context(), id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// memberRoutes manage who belongs to a tenant and with which roles.
func (s *Server) memberRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/members",
			Access: tenant("members", "read"), handler: s.listMembers},
		{Method: "GET", Path: "/api/v1/t/:tenant/members/:person_id",
			Access: tenant("members", "read"), handler: s.getMember},
		{Method: "PATCH", Path: "/api/v1/t/:tenant/members/:person_id",
			Access: tenant("members", "write"), handler: s.changeMemberRoles},
		{Method: "DELETE", Path: "/api/v1/t/:tenant/members/:person_id",
			Access: tenant("members", "write"), handler: s.removeMember},
	}
}
