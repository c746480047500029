package api

import (
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain/audit"
	"sendqa/domain/sir"
	"sendqa/domain/store"
)

// settingRoutes are the register of schools and settings and its import
// from CSV.
func (s *Server) settingRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/settings",
			Access: tenant("settings", "read"), handler: s.listSettings},
		{Method: "POST", Path: "/api/v1/t/:tenant/settings/imports", Creates: true,
			BodyLimit: sir.MaxRegisterBytes, Access: tenant("settings", "write"),
			handler: s.previewSettingImport},
		{Method: "GET", Path: "/api/v1/t/:tenant/settings/imports/:id",
			Access: tenant("settings", "write"), handler: s.getSettingImport},
		{Method: "POST", Path: "/api/v1/t/:tenant/settings/imports/:id/confirm",
			Access: tenant("settings", "write"), handler: s.confirmSettingImport},
		{Method: "GET", Path: "/api/v1/t/:tenant/settings/:id",
			Access: tenant("settings", "read"), handler: s.getSetting},
		{Method: "GET", Path: "/api/v1/t/:tenant/settings/:id/sir-history",
			Access: tenant("sir", "read"), handler: s.settingHistory},
	}
}

// sirService is the SEN information report service on the server's
// stores: captured copies go to the evidence bucket through the same
// scanner, and letters through the outbox of invitations.
func (s *Server) sirService() sir.Service {
	svc := sir.Service{Store: store.SIR{}, Outbox: s.invites.Outbox, Blobs: s.responses.Blobs,
		Trail: audit.Recorder{Store: store.Trail{}, Now: s.responses.Now}, Now: s.responses.Now}
	if s.responses.Scanner != nil {
		svc.Scanner = s.responses.Scanner
	}
	return svc
}

// SettingResponse is one school or setting of the register.
type SettingResponse struct {
	ID          string `json:"id" format:"uuid"`
	URN         string `json:"urn" example:"470723"`
	Name        string `json:"name" example:"Oak Lane Secondary"`
	Phase       string `json:"phase" example:"Secondary"`
	SettingType string `json:"setting_type" example:"Free school"`
	ReportURL   string `json:"report_url" example:"https://oak-lane-secondary.example.sch.uk/send-information-report"`
	SENCOEmail  string `json:"senco_email" example:"senco@oak-lane-secondary.example.sch.uk"`
	Archived    bool   `json:"archived"`
	Version     int    `json:"version" example:"1"`
} // @name SettingResponse

// SettingList is a page of the register.
type SettingList struct {
	Items      []SettingResponse `json:"items"`
	NextCursor *string           `json:"next_cursor"`
} // @name SettingList

func settingResponse(st sir.Setting) SettingResponse {
	return SettingResponse{ID: st.ID.String(), URN: st.URN, Name: st.Name, Phase: st.Phase,
		SettingType: st.Type, ReportURL: st.ReportURL, SENCOEmail: st.SENCOEmail,
		Archived: st.Archived, Version: st.Version}
}

// listSettings lists the register by name.
//
//	@Summary	List the register of settings
//	@Tags		settings
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		phase	query		string	false	"Only this phase"
//	@Param		q		query		string	false	"Part of the name, or the start of the URN"
//	@Param		limit	query		int		false	"Page size, 1 to 200"
//	@Param		cursor	query		string	false	"Next page"
//	@Success	200		{object}	SettingList
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/settings [get]
func (s *Server) listSettings(c echo.Context) error {
	pg, err := pageParams(c)
	if err != nil {
		return err
	}
	var f sir.SettingFilter
	if v := strings.TrimSpace(c.QueryParam("phase")); v != "" {
		f.Phase = &v
	}
	if v := strings.TrimSpace(c.QueryParam("q")); v != "" {
		f.Query = &v
	}
	list, err := s.sirService().ListSettings(c.Request().Context(), f, pg)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, settingResponse))
}

// getSetting reads one setting of the register.
//
//	@Summary	Read a setting
//	@Tags		settings
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Setting id"	format(uuid)
//	@Success	200		{object}	SettingResponse
//	@Header		200		{string}	ETag	"The version"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/settings/{id} [get]
func (s *Server) getSetting(c echo.Context) error {
	id, err := pathID(c, "id", "setting")
	if err != nil {
		return err
	}
	st, err := s.sirService().FindSetting(c.Request().Context(), id)
	if err != nil {
		return err
	}
	setETag(c, st.Version)
	return c.JSON(http.StatusOK, settingResponse(st))
}

// SettingImportResponse is an uploaded register, checked: what it would
// add and change, and every row it rejects with its line and reasons.
type SettingImportResponse struct {
	ID                string               `json:"id" format:"uuid"`
	FileName          string               `json:"file_name" example:"settings_wolverhampton.csv"`
	State             string               `json:"state" enums:"previewed,confirmed"`
	TotalRows         int                  `json:"total_rows" example:"60"`
	ValidRows         int                  `json:"valid_rows" example:"60"`
	NewSettings       int                  `json:"new_settings" example:"60"`
	UpdatedSettings   int                  `json:"updated_settings" example:"0"`
	UnchangedSettings int                  `json:"unchanged_settings" example:"0"`
	Rejected          []RejectedSettingRow `json:"rejected"`
	IgnoredColumns    []string             `json:"ignored_columns"`
	CreatedAt         time.Time            `json:"created_at"`
	ConfirmedAt       *time.Time           `json:"confirmed_at"`
	ExpiresAt         time.Time            `json:"expires_at"`
} // @name SettingImportResponse

// RejectedSettingRow is one register row an import will not take.
type RejectedSettingRow struct {
	Line     int            `json:"line" example:"3"`
	URN      string         `json:"urn" example:"12"`
	Problems []FieldProblem `json:"problems"`
} // @name RejectedSettingRow

func settingImportResponse(im sir.RegisterImport) SettingImportResponse {
	out := SettingImportResponse{ID: im.ID.String(), FileName: im.FileName, State: string(im.State),
		TotalRows: im.Total, ValidRows: len(im.Rows), NewSettings: im.New,
		UpdatedSettings: im.Updated, UnchangedSettings: im.Same, Rejected: []RejectedSettingRow{},
		IgnoredColumns: []string{}, CreatedAt: im.CreatedAt.UTC(), ConfirmedAt: im.ConfirmedAt,
		ExpiresAt: im.ExpiresAt.UTC()}
	for _, r := range im.Rejected {
		row := RejectedSettingRow{Line: r.Line, URN: r.URN, Problems: []FieldProblem{}}
		for _, p := range r.Problems {
			row.Problems = append(row.Problems, FieldProblem{Field: p.Field, Message: p.Message})
		}
		out.Rejected = append(out.Rejected, row)
	}
	out.IgnoredColumns = append(out.IgnoredColumns, im.Ignored...)
	return out
}

// previewSettingImport checks a register file and keeps its valid rows
// until they are confirmed. Nothing changes until then.
//
//	@Summary	Upload the register of settings as CSV for a preview
//	@Tags		settings
//	@Accept		text/csv
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		file_name		query		string	false	"The file's name, for display"
//	@Param		Idempotency-Key	header		string	false	"Replays the first response for 24 hours"
//	@Param		body			body		string	true	"The CSV file, UTF-8, with a header row: urn, name, phase, type, sir_url, senco_email"
//	@Success	201				{object}	SettingImportResponse
//	@Header		201				{string}	Location	"The import"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem	"The header cannot be used; rejected rows are listed in a 201"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/settings/imports [post]
func (s *Server) previewSettingImport(c echo.Context) error {
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || (mt != "text/csv" && mt != "text/plain") {
		return newHTTPError(http.StatusUnsupportedMediaType, "send the file as text/csv")
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return readError(err)
	}
	im, err := s.sirService().PreviewRegister(c.Request().Context(), c.QueryParam("file_name"), body)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", c.Request().URL.Path+"/"+im.ID.String())
	return c.JSON(http.StatusCreated, settingImportResponse(im))
}

// getSettingImport returns a register import's preview.
//
//	@Summary	Get a register import
//	@Tags		settings
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Import id"	format(uuid)
//	@Success	200		{object}	SettingImportResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/settings/imports/{id} [get]
func (s *Server) getSettingImport(c echo.Context) error {
	id, err := pathID(c, "id", "import")
	if err != nil {
		return err
	}
	im, err := s.sirService().FindRegisterImport(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, settingImportResponse(im))
}

// confirmSettingImport writes a register import: new URNs become
// settings, known ones are brought up to date.
//
//	@Summary	Confirm a register import
//	@Tags		settings
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Import id"	format(uuid)
//	@Success	200		{object}	SettingImportResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	409		{object}	Problem	"Confirmed already, expired, or a name another organisation holds"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/settings/imports/{id}/confirm [post]
func (s *Server) confirmSettingImport(c echo.Context) error {
	id, err := pathID(c, "id", "import")
	if err != nil {
		return err
	}
	im, err := s.sirService().ConfirmRegister(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, settingImportResponse(im))
}

// SettingHistory is a setting's SEN information report checks year on
// year, newest first.
type SettingHistory struct {
	Setting SettingResponse `json:"setting"`
	Checks  []SIRCheckBrief `json:"checks"`
} // @name SettingHistory

// settingHistory lists a setting's checks year on year.
//
//	@Summary	A setting's SEN information report checks year on year
//	@Tags		settings
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Setting id"	format(uuid)
//	@Success	200		{object}	SettingHistory
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/settings/{id}/sir-history [get]
func (s *Server) settingHistory(c echo.Context) error {
	id, err := pathID(c, "id", "setting")
	if err != nil {
		return err
	}
	svc := s.sirService()
	st, err := svc.FindSetting(c.Request().Context(), id)
	if err != nil {
		return err
	}
	checks, err := svc.History(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := SettingHistory{Setting: settingResponse(st), Checks: make([]SIRCheckBrief, len(checks))}
	for i, ch := range checks {
		out.Checks[i] = sirCheckBrief(ch)
	}
	return c.JSON(http.StatusOK, out)
}
