package api

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"

	"sendqa/domain/response"
)

// resultRoutes are a round's results and exports, and each person's
// notices and e-mail preference.
func (s *Server) resultRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/rounds/:id/results",
			Access: tenant("results", "read"), handler: s.roundResults},
		{Method: "GET", Path: "/api/v1/t/:tenant/rounds/:id/results/export",
			Access: tenant("results", "read"), handler: s.exportResults},
		{Method: "GET", Path: "/api/v1/t/:tenant/notifications",
			Access: tenant("notifications", "read"), handler: s.listNotifications},
		{Method: "POST", Path: "/api/v1/t/:tenant/notifications/:id/read",
			Access: tenant("notifications", "read"), handler: s.markNotificationRead},
		{Method: "GET", Path: "/api/v1/t/:tenant/notification-preferences",
			Access: tenant("notifications", "read"), handler: s.getNotificationPreference},
		{Method: "PUT", Path: "/api/v1/t/:tenant/notification-preferences",
			Access: tenant("notifications", "read"), handler: s.setNotificationPreference},
	}
}

// ServiceProgressResponse counts one contributing service's audits.
type ServiceProgressResponse struct {
	Service    string `json:"service" example:"SENSTART"`
	Sample     int    `json:"sample"`
	Allocated  int    `json:"allocated"`
	InProgress int    `json:"in_progress"`
	Submitted  int    `json:"submitted"`
} // @name ServiceProgressResponse

// OptionCountResponse is how often one answer was given.
type OptionCountResponse struct {
	Key   string `json:"key" example:"good"`
	Label string `json:"label" example:"Good"`
	Count int    `json:"count"`
} // @name OptionCountResponse

// ItemResultResponse sums the submitted answers to one item.
type ItemResultResponse struct {
	ItemID    string                `json:"item_id"`
	Label     string                `json:"label"`
	SectionID string                `json:"section_id"`
	Answered  int                   `json:"answered"`
	Mean      *float64              `json:"mean"`
	Options   []OptionCountResponse `json:"options"`
} // @name ItemResultResponse

// GradeCount is how many submitted audits got one overall result.
type GradeCount struct {
	Label string `json:"label" example:"good"`
	Count int    `json:"count"`
} // @name GradeCount

// ResultsResponse is a round's progress and findings.
type ResultsResponse struct {
	RoundID       string                    `json:"round_id" format:"uuid"`
	RoundName     string                    `json:"round_name"`
	InstrumentKey string                    `json:"instrument_key"`
	Progress      *RoundProgress            `json:"progress"`
	ByService     []ServiceProgressResponse `json:"by_service"`
	Items         []ItemResultResponse      `json:"items"`
	Grades        []GradeCount              `json:"grades"`
	Compliance    ComplianceCounts          `json:"compliance"`
	// StatutoryCompliance counts only the milestones the law sets; excused
	// delays are counted apart from late ones.
	StatutoryCompliance ComplianceCounts `json:"statutory_compliance"`
} // @name ResultsResponse

// roundResults sums a round: progress by auditor and service, results per
// item, the grade distribution and milestone compliance.
//
//	@Summary	A round's results
//	@Tags		results
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Round id"	format(uuid)
//	@Success	200		{object}	ResultsResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/rounds/{id}/results [get]
func (s *Server) roundResults(c echo.Context) error {
	id, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	res, _, err := s.responses.RoundResults(c.Request().Context(), s.rounds, id)
	if err != nil {
		return err
	}
	out := ResultsResponse{RoundID: res.Round.ID.String(), RoundName: res.Round.Name,
		InstrumentKey: res.Round.InstrumentKey, Progress: progressResponse(res.Progress),
		ByService: []ServiceProgressResponse{}, Items: []ItemResultResponse{}, Grades: []GradeCount{},
		Compliance: complianceCounts(res.Compliance), StatutoryCompliance: complianceCounts(res.Statutory)}
	for _, p := range res.ByService {
		out.ByService = append(out.ByService, ServiceProgressResponse{Service: p.Service, Sample: p.Sample,
			Allocated: p.Allocated, InProgress: p.InProgress, Submitted: p.Submitted})
	}
	for _, it := range res.Items {
		item := ItemResultResponse{ItemID: it.ItemID, Label: it.Label, SectionID: it.SectionID,
			Answered: it.Answered, Options: []OptionCountResponse{}}
		if it.Scored > 0 {
			mean := it.Mean
			item.Mean = &mean
		}
		for _, o := range it.Options {
			item.Options = append(item.Options, OptionCountResponse(o))
		}
		out.Items = append(out.Items, item)
	}
	for _, g := range res.Grades {
		out.Grades = append(out.Grades, GradeCount(g))
	}
	return c.JSON(http.StatusOK, out)
}

// exportResults writes a round's responses as a spreadsheet, one row per
// sampled subject. Cells that a spreadsheet would run as formulas are
// neutralised; for roles that may not see children's personal data,
// local ids become pseudonyms and personal answers are withheld.
//
//	@Summary	Export a round's results
//	@Tags		results
//	@Produce	text/csv
//	@Produce	application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Round id"	format(uuid)
//	@Param		format	query		string	false	"csv (the default) or xlsx"	Enums(csv, xlsx)
//	@Success	200		{file}		file
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/rounds/{id}/results/export [get]
func (s *Server) exportResults(c echo.Context) error {
	id, err := pathID(c, "id", "round")
	if err != nil {
		return err
	}
	format := c.QueryParam("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "xlsx" {
		return newHTTPError(http.StatusUnprocessableEntity, "format must be csv or xlsx")
	}
	ctx := c.Request().Context()
	res, recs, err := s.responses.RoundResults(ctx, s.rounds, id)
	if err != nil {
		return err
	}
	sample, err := s.rounds.ListAllocations(ctx, id)
	if err != nil {
		return err
	}
	personal, err := s.mayReadPersonal(c)
	if err != nil {
		return err
	}
	rows := s.responses.ExportTable(res, sample, recs, personal)
	if err := s.responses.RecordExport(ctx, id, format, len(rows)-1, personal); err != nil {
		return err
	}
	today := time.Now().UTC().Format(time.DateOnly)
	name := fmt.Sprintf("results-%s-%s.%s", res.Round.InstrumentKey, today, format)
	setDownloadHeaders(c, name)
	if format == "xlsx" {
		body, err := xlsxOf(rows)
		if err != nil {
			return err
		}
		return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body)
	}
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", csvOf(rows))
}

func cellText(v any) string {
	switch x := v.(type) {
	case string:
		return response.NeutraliseFormula(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		return strconv.Itoa(x)
	}
	return ""
}

func csvOf(rows [][]any) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, row := range rows {
		rec := make([]string, len(row))
		for i, v := range row {
			rec[i] = cellText(v)
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// xlsxOf writes rows to one sheet: numbers as numbers, text as text that
// never starts a formula.
func xlsxOf(rows [][]any) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Results"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	for r, row := range rows {
		for i, v := range row {
			cell, err := excelize.CoordinatesToCellName(i+1, r+1)
			if err != nil {
				return nil, err
			}
			switch x := v.(type) {
			case float64, int:
				err = f.SetCellValue(sheet, cell, x)
			default:
				err = f.SetCellStr(sheet, cell, cellText(v))
			}
			if err != nil {
				return nil, err
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// NotificationResponse is one notice.
type NotificationResponse struct {
	ID        string     `json:"id" format:"uuid"`
	Kind      string     `json:"kind" enums:"allocated,due_soon,overdue,reopened,moderation,feedback"`
	Title     string     `json:"title"`
	Body      string     `json:"body"`
	Link      string     `json:"link"`
	ReadAt    *time.Time `json:"read_at"`
	CreatedAt time.Time  `json:"created_at"`
} // @name NotificationResponse

// NotificationList is a page of notices.
type NotificationList struct {
	Items      []NotificationResponse `json:"items"`
	NextCursor *string                `json:"next_cursor"`
} // @name NotificationList

func notificationResponse(n response.Notification) NotificationResponse {
	return NotificationResponse{ID: n.ID.String(), Kind: string(n.Kind), Title: n.Title, Body: n.Body,
		Link: n.Link, ReadAt: n.ReadAt, CreatedAt: n.CreatedAt.UTC()}
}

// listNotifications lists the caller's notices, newest first.
//
//	@Summary	My notices
//	@Tags		notifications
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		limit	query		int		false	"Page size, 1 to 200"
//	@Param		cursor	query		string	false	"Next page"
//	@Success	200		{object}	NotificationList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/notifications [get]
func (s *Server) listNotifications(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	v, err := s.viewer(c)
	if err != nil {
		return err
	}
	list, err := s.responses.ListNotifications(c.Request().Context(), v, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, notificationResponse))
}

// markNotificationRead marks one of the caller's notices read.
//
//	@Summary	Mark a notice read
//	@Tags		notifications
//	@Param		tenant	path	string	true	"Tenant slug"
//	@Param		id		path	string	true	"Notice id"	format(uuid)
//	@Success	204
//	@Failure	401	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	404	{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/notifications/{id}/read [post]
func (s *Server) markNotificationRead(c echo.Context) error {
	id, err := pathID(c, "id", "notification")
	if err != nil {
		return err
	}
	v, err := s.viewer(c)
	if err != nil {
		return err
	}
	if err := s.responses.MarkRead(c.Request().Context(), v, id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// PreferenceRequest says whether notices come by e-mail too.
type PreferenceRequest struct {
	Email bool `json:"email"`
} // @name PreferenceRequest

// PreferenceResponse is the caller's e-mail preference.
type PreferenceResponse struct {
	Email bool `json:"email"`
	// Version is 0 until the preference is first set.
	Version int `json:"version"`
} // @name PreferenceResponse

// getNotificationPreference says whether the caller gets notices by
// e-mail as well as in the app (yes until they choose).
//
//	@Summary	My e-mail preference
//	@Tags		notifications
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	PreferenceResponse
//	@Header		200		{string}	ETag	"The preference's version, \"0\" before it is set"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/notification-preferences [get]
func (s *Server) getNotificationPreference(c echo.Context) error {
	v, err := s.viewer(c)
	if err != nil {
		return err
	}
	p, err := s.responses.FindPreference(c.Request().Context(), v)
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	return c.JSON(http.StatusOK, PreferenceResponse{Email: p.Email, Version: p.Version})
}

// setNotificationPreference chooses whether notices come by e-mail.
//
//	@Summary	Set my e-mail preference
//	@Tags		notifications
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string				true	"Tenant slug"
//	@Param		If-Match	header		string				true	"The preference's ETag, \"0\" before it is set"
//	@Param		body		body		PreferenceRequest	true	"The preference"
//	@Success	200			{object}	PreferenceResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/notification-preferences [put]
func (s *Server) setNotificationPreference(c echo.Context) error {
	version, err := ifMatchOrNew(c)
	if err != nil {
		return err
	}
	var req PreferenceRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := s.viewer(c)
	if err != nil {
		return err
	}
	p, err := s.responses.SetPreference(c.Request().Context(), v, req.Email, version)
	if err != nil {
		return err
	}
	setETag(c, p.Version)
	return c.JSON(http.StatusOK, PreferenceResponse{Email: p.Email, Version: p.Version})
}
