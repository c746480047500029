package api

import (
	"context"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/schedule"
	"sendqa/domain/store"
)

// scheduleRoutes are the QA schedule, its completions and calendar feeds.
func (s *Server) scheduleRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/schedule",
			Access: tenant("schedule", "read"), handler: s.listSchedule},
		{Method: "POST", Path: "/api/v1/t/:tenant/schedule", Creates: true,
			Access: tenant("schedule", "write"), handler: s.createActivity},
		{Method: "POST", Path: "/api/v1/t/:tenant/schedule/framework",
			Access: tenant("schedule", "write"), handler: s.startScheduleFromFramework},
		{Method: "PUT", Path: "/api/v1/t/:tenant/schedule/:id",
			Access: tenant("schedule", "write"), handler: s.updateActivity},
		{Method: "POST", Path: "/api/v1/t/:tenant/schedule/:id/completions", Creates: true,
			Access: tenant("schedule", "write"), handler: s.completeOccurrence},
		{Method: "GET", Path: "/api/v1/t/:tenant/schedule/feed",
			Access: tenant("schedule", "read"), handler: s.getFeed},
		{Method: "POST", Path: "/api/v1/t/:tenant/schedule/feed",
			Access: tenant("schedule", "read"), handler: s.createFeed},
		{Method: "DELETE", Path: "/api/v1/t/:tenant/schedule/feed",
			Access: tenant("schedule", "read"), handler: s.revokeFeed},
		{Method: "GET", Path: "/api/v1/t/:tenant/calendar/:token",
			Access: public(), handler: s.calendarFeed},
	}
}

func (s *Server) schedule() schedule.Service {
	now := s.responses.Now
	return schedule.Service{Store: store.Schedule{},
		Trail: audit.Recorder{Store: store.Trail{}, Now: now}, Now: now}
}

// ActivityRequest is one activity of the schedule.
type ActivityRequest struct {
	What      string `json:"what" example:"Moderation sessions"`
	Who       string `json:"who" example:"Auditor cohort"`
	Frequency string `json:"frequency" enums:"monthly,termly,three_times_a_year,annual"`
	// Months it falls due in, 1 for January.
	Months  []int   `json:"months" example:"11,4,7"`
	DueDay  int     `json:"due_day" example:"14"`
	Outcome string  `json:"outcome"`
	OwnerID *string `json:"owner_id" format:"uuid"`
	// Archived takes the activity off the schedule (changes only).
	Archived bool `json:"archived,omitempty"`
} // @name ActivityRequest

// OccurrenceResponse is one due date of an activity.
type OccurrenceResponse struct {
	DueOn string `json:"due_on" format:"date"`
	State string `json:"state" enums:"done,overdue,due_soon,upcoming"`
} // @name OccurrenceResponse

// CompletionResponse is an occurrence marked done.
type CompletionResponse struct {
	DueOn         string `json:"due_on" format:"date"`
	CompletedOn   string `json:"completed_on" format:"date"`
	CompletedName string `json:"completed_name"`
	Note          string `json:"note"`
} // @name CompletionResponse

// ActivityResponse is an activity with where it stands today.
type ActivityResponse struct {
	ID        string               `json:"id" format:"uuid"`
	What      string               `json:"what"`
	Who       string               `json:"who"`
	Frequency string               `json:"frequency" enums:"monthly,termly,three_times_a_year,annual"`
	Months    []int                `json:"months"`
	DueDay    int                  `json:"due_day"`
	Outcome   string               `json:"outcome"`
	OwnerID   *string              `json:"owner_id" format:"uuid"`
	OwnerName string               `json:"owner_name"`
	Overdue   []OccurrenceResponse `json:"overdue"`
	Next      *OccurrenceResponse  `json:"next"`
	LastDone  *CompletionResponse  `json:"last_done"`
	Version   int                  `json:"version"`
} // @name ActivityResponse

// ScheduleResponse is the schedule as it stands today.
type ScheduleResponse struct {
	Today      string             `json:"today" format:"date"`
	Items      []ActivityResponse `json:"items"`
	NextCursor *string            `json:"next_cursor"`
} // @name ScheduleResponse

// CompletionRequest marks an occurrence done.
type CompletionRequest struct {
	DueOn string `json:"due_on" format:"date"`
	Note  string `json:"note"`
} // @name CompletionRequest

// FeedResponse says whether the caller has a calendar feed; url and token
// are given once, when it is made.
type FeedResponse struct {
	Active bool       `json:"active"`
	Since  *time.Time `json:"since"`
	URL    string     `json:"url,omitempty"`
} // @name FeedResponse

func completionResponse(c schedule.Completion) CompletionResponse {
	return CompletionResponse{DueOn: c.DueOn.Format(time.DateOnly),
		CompletedOn: c.CompletedOn.Format(time.DateOnly), CompletedName: c.CompletedName, Note: c.Note}
}

func activityResponse(it schedule.Item) ActivityResponse {
	a := it.Activity
	out := ActivityResponse{ID: a.ID.String(), What: a.What, Who: a.Who,
		Frequency: string(a.Frequency), Months: a.Months, DueDay: a.DueDay, Outcome: a.Outcome,
		OwnerName: a.OwnerName, Overdue: []OccurrenceResponse{}, Version: a.Version}
	if a.OwnerID != nil {
		id := a.OwnerID.String()
		out.OwnerID = &id
	}
	for _, o := range it.Overdue {
		out.Overdue = append(out.Overdue, OccurrenceResponse{DueOn: o.DueOn.Format(time.DateOnly),
			State: string(o.State)})
	}
	if n := it.Next; n != nil {
		out.Next = &OccurrenceResponse{DueOn: n.DueOn.Format(time.DateOnly), State: string(n.State)}
	}
	if it.LastDone != nil {
		c := completionResponse(*it.LastDone)
		out.LastDone = &c
	}
	return out
}

func (req ActivityRequest) activity() (schedule.Activity, error) {
	a := schedule.Activity{What: req.What, Who: req.Who, Frequency: schedule.Frequency(req.Frequency),
		Months: req.Months, DueDay: req.DueDay, Outcome: req.Outcome}
	if req.OwnerID != nil && *req.OwnerID != "" {
		id, err := uuid.Parse(*req.OwnerID)
		if err != nil {
			return a, domain.InvalidField("owner_id", "choose a member of the area")
		}
		a.OwnerID = &id
	}
	return a, nil
}

// writeActivity answers with one activity as the schedule shows it.
func (s *Server) writeActivity(c echo.Context, status int, id uuid.UUID) error {
	items, err := s.schedule().ListSchedule(c.Request().Context())
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.Activity.ID == id {
			setETag(c, it.Activity.Version)
			return c.JSON(status, activityResponse(it))
		}
	}
	return domain.NotFound("activity")
}

// listSchedule lists the schedule's activities with their due and
// overdue occurrences.
//
//	@Summary	The QA schedule
//	@Tags		schedule
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	ScheduleResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/schedule [get]
func (s *Server) listSchedule(c echo.Context) error {
	return s.writeSchedule(c, http.StatusOK)
}

func (s *Server) writeSchedule(c echo.Context, status int) error {
	svc := s.schedule()
	items, err := svc.ListSchedule(c.Request().Context())
	if err != nil {
		return err
	}
	out := ScheduleResponse{Today: svc.Today().Format(time.DateOnly),
		Items: make([]ActivityResponse, len(items))}
	for i, it := range items {
		out.Items[i] = activityResponse(it)
	}
	return c.JSON(status, out)
}

// createActivity adds an activity to the schedule.
//
//	@Summary	Add an activity to the schedule
//	@Tags		schedule
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string			true	"Tenant slug"
//	@Param		Idempotency-Key	header		string			false	"Replays the first response for 24 hours"
//	@Param		body			body		ActivityRequest	true	"The activity"
//	@Success	201				{object}	ActivityResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/schedule [post]
func (s *Server) createActivity(c echo.Context) error {
	var req ActivityRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	a, err := req.activity()
	if err != nil {
		return err
	}
	made, err := s.schedule().CreateActivity(c.Request().Context(), a)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, c.Request().URL.Path+"/"+made.ID.String())
	return s.writeActivity(c, http.StatusCreated, made.ID)
}

// startScheduleFromFramework fills an empty schedule with the framework's.
//
//	@Summary	Start the schedule from the framework's
//	@Tags		schedule
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	201		{object}	ScheduleResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	409		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/schedule/framework [post]
func (s *Server) startScheduleFromFramework(c echo.Context) error {
	if _, err := s.schedule().StartFromFramework(c.Request().Context()); err != nil {
		return err
	}
	return s.writeSchedule(c, http.StatusCreated)
}

// updateActivity changes an activity or takes it off the schedule.
//
//	@Summary	Change an activity
//	@Tags		schedule
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string			true	"Tenant slug"
//	@Param		id			path		string			true	"Activity id"	format(uuid)
//	@Param		If-Match	header		string			true	"The ETag of the version being changed"
//	@Param		body		body		ActivityRequest	true	"The activity"
//	@Success	200			{object}	ActivityResponse
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
//	@Router		/api/v1/t/{tenant}/schedule/{id} [put]
func (s *Server) updateActivity(c echo.Context) error {
	id, err := pathID(c, "id", "activity")
	if err != nil {
		return err
	}
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var req ActivityRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	a, err := req.activity()
	if err != nil {
		return err
	}
	out, err := s.schedule().UpdateActivity(c.Request().Context(), id, version, a, req.Archived)
	if err != nil {
		return err
	}
	if out.ArchivedAt != nil {
		setETag(c, out.Version)
		return c.JSON(http.StatusOK, activityResponse(schedule.Item{Activity: out}))
	}
	return s.writeActivity(c, http.StatusOK, id)
}

// completeOccurrence marks one due date of an activity done.
//
//	@Summary	Mark an occurrence done
//	@Tags		schedule
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string				true	"Tenant slug"
//	@Param		id				path		string				true	"Activity id"	format(uuid)
//	@Param		Idempotency-Key	header		string				false	"Replays the first response for 24 hours"
//	@Param		body			body		CompletionRequest	true	"The occurrence"
//	@Success	201				{object}	ActivityResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/schedule/{id}/completions [post]
func (s *Server) completeOccurrence(c echo.Context) error {
	id, err := pathID(c, "id", "activity")
	if err != nil {
		return err
	}
	var req CompletionRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var p domain.Problems
	due := parseDate("due_on", req.DueOn, &p)
	if due.IsZero() && p.Err() == nil {
		p.Add("due_on", "give the date the occurrence was due")
	}
	if err := p.Err(); err != nil {
		return err
	}
	if _, err := s.schedule().CompleteOccurrence(c.Request().Context(), id, due, req.Note); err != nil {
		return err
	}
	return s.writeActivity(c, http.StatusCreated, id)
}

// getFeed says whether the caller has a calendar feed.
//
//	@Summary	Your calendar feed
//	@Tags		schedule
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	FeedResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/schedule/feed [get]
func (s *Server) getFeed(c echo.Context) error {
	p, _ := principalOf(c)
	since, err := s.schedule().FeedSince(c.Request().Context(), p.PersonID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, FeedResponse{Active: since != nil, Since: since})
}

// createFeed gives the caller a calendar feed at a new secret address,
// ending the one they had; the address is shown once.
//
//	@Summary	Make your calendar feed
//	@Tags		schedule
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	201		{object}	FeedResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/schedule/feed [post]
func (s *Server) createFeed(c echo.Context) error {
	p, _ := principalOf(c)
	ctx := c.Request().Context()
	svc := s.schedule()
	token, err := svc.NewFeed(ctx, p.PersonID)
	if err != nil {
		return err
	}
	since, err := svc.FeedSince(ctx, p.PersonID)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, FeedResponse{Active: true, Since: since,
		URL: "/api/v1/t/" + tenantOf(c).Slug + "/calendar/" + token})
}

// revokeFeed ends the caller's calendar feed; its address stops working.
//
//	@Summary	End your calendar feed
//	@Tags		schedule
//	@Param		tenant	path	string	true	"Tenant slug"
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/schedule/feed [delete]
func (s *Server) revokeFeed(c echo.Context) error {
	p, _ := principalOf(c)
	if err := s.schedule().RevokeFeed(c.Request().Context(), p.PersonID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// calendarFeed serves the schedule as iCalendar to whoever holds the
// secret address; calendar programs send no cookies, so the address is
// the credential, and revoking it ends it. An unknown area or address
// answers 404 alike.
//
//	@Summary	The QA schedule as an iCalendar feed
//	@Tags		schedule
//	@Produce	text/calendar
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		token	path		string	true	"The feed's secret"
//	@Success	200		{string}	string	"iCalendar"
//	@Failure	404		{object}	Problem
//	@Router		/api/v1/t/{tenant}/calendar/{token} [get]
func (s *Server) calendarFeed(c echo.Context) error {
	ctx := c.Request().Context()
	t, err := s.tenants.find(ctx, c.Param("tenant"))
	if err != nil {
		return domain.NotFound("calendar feed")
	}
	svc := s.schedule()
	var body string
	err = s.db.InScope(ctx, domain.Scope{TenantID: t.ID, RegionID: t.RegionID},
		func(ctx context.Context) error {
			items, err := svc.Calendar(ctx, c.Param("token"))
			if err != nil {
				return err
			}
			body = schedule.ICalendar(t.Name, items, svc.Today())
			return nil
		})
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", `inline; filename="qa-schedule.ics"`)
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", []byte(body))
}
