package api

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/audit"
)

// AuditEventResponse is one row of the audit trail.
type AuditEventResponse struct {
	ID         string         `json:"id" format:"uuid"`
	OccurredAt time.Time      `json:"occurred_at"`
	ActorID    *string        `json:"actor_id" format:"uuid"`
	Action     string         `json:"action" example:"update"`
	Entity     string         `json:"entity" example:"organisation"`
	EntityID   *string        `json:"entity_id" format:"uuid"`
	Before     map[string]any `json:"before"`
	After      map[string]any `json:"after"`
	RequestID  string         `json:"request_id"`
} // @name AuditEvent

// AuditEventList is a page of the audit trail.
type AuditEventList struct {
	Items      []AuditEventResponse `json:"items"`
	NextCursor *string              `json:"next_cursor"`
} // @name AuditEventList

func auditEventResponse(e audit.Event) AuditEventResponse {
	return AuditEventResponse{ID: e.ID.String(), OccurredAt: e.OccurredAt.UTC(),
		ActorID: optionalID(e.ActorID), Action: e.Action, Entity: e.Entity,
		EntityID: optionalID(e.EntityID), Before: e.Before, After: e.After, RequestID: e.RequestID}
}

func optionalID(id uuid.UUID) *string {
	if id == uuid.Nil {
		return nil
	}
	s := id.String()
	return &s
}

// listAuditEvents reads the tenant's audit trail, newest first.
//
//	@Summary	Read the audit trail
//	@Tags		audit
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		entity		query		string	false	"Only this kind of record"
//	@Param		entity_id	query		string	false	"Only this record"	format(uuid)
//	@Param		actor_id	query		string	false	"Only this person's actions"	format(uuid)
//	@Param		action		query		string	false	"Only this action"	Enums(create, update, delete, view, export)
//	@Param		from		query		string	false	"From this time (RFC 3339)"
//	@Param		to			query		string	false	"Before this time (RFC 3339)"
//	@Param		limit		query		int		false	"Page size (1 to 200)"
//	@Param		cursor		query		string	false	"Cursor from the previous page"
//	@Success	200			{object}	AuditEventList
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/audit-log [get]
func (s *Server) listAuditEvents(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	var (
		f     audit.Filter
		probs domain.Problems
	)
	if v := c.QueryParam("entity"); v != "" {
		f.Entity = &v
	}
	if v := c.QueryParam("action"); v != "" {
		f.Action = &v
	}
	for name, dst := range map[string]**uuid.UUID{"entity_id": &f.EntityID, "actor_id": &f.ActorID} {
		if v := c.QueryParam(name); v != "" {
			id, err := uuid.Parse(v)
			if err != nil {
				probs.Add(name, "must be an id")
				continue
			}
			*dst = &id
		}
	}
	for name, dst := range map[string]**time.Time{"from": &f.From, "to": &f.To} {
		if v := c.QueryParam(name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				probs.Add(name, "must be a time like 2026-09-01T00:00:00Z")
				continue
			}
			*dst = &t
		}
	}
	if err := probs.Err(); err != nil {
		return err
	}
	list, err := s.audit.ListEvents(c.Request().Context(), f, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, auditEventResponse))
}

// auditRoutes read a tenant's trail.
func (s *Server) auditRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/audit-log",
			Access: tenant("audit_log", "read"), handler: s.listAuditEvents},
	}
}
