package api

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/instrument"
	"sendqa/domain/subject"
)

// subjectRoutes are the routes of what the audit programme audits: the
// subjects, their import from CSV, and the children's personal data that
// comes with them.
func (s *Server) subjectRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/t/:tenant/subjects",
			Access: tenant("subjects", "read"), handler: s.listSubjects},
		{Method: "GET", Path: "/api/v1/t/:tenant/subjects/export",
			Access: tenant("subjects", "export"), handler: s.exportSubjects},
		{Method: "GET", Path: "/api/v1/t/:tenant/subjects/:id",
			Access: tenant("subjects", "read"), handler: s.getSubject},
		{Method: "GET", Path: "/api/v1/t/:tenant/subjects/:id/access-export",
			Access: tenant("personal_data", "access_request"), handler: s.subjectAccessExport},
		{Method: "POST", Path: "/api/v1/t/:tenant/subjects/imports", Creates: true,
			BodyLimit: subject.MaxImportBytes, Access: tenant("subjects", "write"), handler: s.previewSubjectImport},
		{Method: "GET", Path: "/api/v1/t/:tenant/subjects/imports/:id",
			Access: tenant("subjects", "write"), handler: s.getSubjectImport},
		{Method: "POST", Path: "/api/v1/t/:tenant/subjects/imports/:id/confirm",
			Access: tenant("subjects", "write"), handler: s.confirmSubjectImport},
		{Method: "GET", Path: "/api/v1/t/:tenant/personal-data/retention",
			Access: tenant("personal_data", "retention"), handler: s.getRetention},
		{Method: "PUT", Path: "/api/v1/t/:tenant/personal-data/retention",
			Access: tenant("personal_data", "retention"), handler: s.setRetention},
		{Method: "POST", Path: "/api/v1/t/:tenant/personal-data/purge",
			Access: tenant("personal_data", "retention"), handler: s.purgePersonalData},
	}
}

// SubjectResponse is one subject. Personal is given only on request to
// roles allowed to see children's personal data.
type SubjectResponse struct {
	ID          string   `json:"id" format:"uuid"`
	Kind        string   `json:"kind" example:"ehc_plan"`
	LocalID     string   `json:"local_id" example:"WV700000"`
	PrimaryNeed string   `json:"primary_need" example:"ASD"`
	SettingURN  string   `json:"setting_urn" example:"993848"`
	SettingName string   `json:"setting_name" example:"Willow Park Special"`
	SettingType string   `json:"setting_type" example:"Free school"`
	NCY         string   `json:"ncy" example:"R"`
	KeyStage    string   `json:"key_stage" example:"EYFS"`
	IssuedOn    *string  `json:"issued_on" format:"date"`
	Amended     *bool    `json:"amended"`
	Services    []string `json:"contributing_services" example:"SENSTART"`
	// HasPersonalData says whether a child's personal data is kept.
	HasPersonalData bool `json:"has_personal_data"`
	// Personal is present only when asked for with include=personal by a
	// role allowed to see it; every such view is recorded.
	Personal  *PersonalData `json:"personal,omitempty"`
	Version   int           `json:"version" example:"1"`
	CreatedAt time.Time     `json:"created_at"`
	UpdatedAt time.Time     `json:"updated_at"`
} // @name SubjectResponse

// PersonalData is a child's personal data.
type PersonalData struct {
	Name        string `json:"name" example:"Freya Owen"`
	DateOfBirth string `json:"date_of_birth" format:"date"`
	NHSNumber   string `json:"nhs_number" example:"9434765919"`
} // @name PersonalData

// SubjectList is a page of subjects.
type SubjectList struct {
	Items      []SubjectResponse `json:"items"`
	NextCursor *string           `json:"next_cursor"`
} // @name SubjectList

func subjectResponse(sub subject.Subject) SubjectResponse {
	out := SubjectResponse{ID: sub.ID.String(), Kind: string(sub.Kind), LocalID: sub.LocalID,
		PrimaryNeed: sub.PrimaryNeed, SettingURN: sub.SettingURN, SettingName: sub.SettingName,
		SettingType: sub.SettingType, NCY: sub.NCY, KeyStage: sub.KeyStage, Amended: sub.Amended,
		Services: sub.Services, HasPersonalData: sub.HasPersonal(), Version: sub.Version,
		CreatedAt: sub.CreatedAt, UpdatedAt: sub.UpdatedAt}
	if sub.IssuedOn != nil {
		d := sub.IssuedOn.Format(time.DateOnly)
		out.IssuedOn = &d
	}
	if out.Services == nil {
		out.Services = []string{}
	}
	return out
}

// subjectFilter reads the list and export filters from the query string.
func subjectFilter(c echo.Context) subject.Filter {
	var f subject.Filter
	opt := func(name string) *string {
		if v := strings.TrimSpace(c.QueryParam(name)); v != "" {
			return &v
		}
		return nil
	}
	if k := opt("kind"); k != nil {
		kind := instrument.SubjectKind(*k)
		f.Kind = &kind
	}
	f.PrimaryNeed, f.KeyStage, f.SettingType = opt("primary_need"), opt("key_stage"), opt("setting_type")
	f.Service, f.Query = opt("service"), opt("q")
	return f
}

// listSubjects lists the area's subjects, without personal data.
//
//	@Summary	List subjects
//	@Tags		subjects
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		kind			query		string	false	"Kind of subject"	Enums(ehc_plan, ehcna_case, advice, annual_review, provider, setting, service)
//	@Param		primary_need	query		string	false	"Primary need code"
//	@Param		key_stage		query		string	false	"Key stage"	Enums(EYFS, KS1, KS2, KS3, KS4, post_16, post_19)
//	@Param		setting_type	query		string	false	"Type of setting"
//	@Param		service			query		string	false	"A contributing service"
//	@Param		q				query		string	false	"Start of the local id"
//	@Param		limit			query		int		false	"Page size, 1 to 200"
//	@Param		cursor			query		string	false	"Next page"
//	@Success	200				{object}	SubjectList
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	422				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/subjects [get]
func (s *Server) listSubjects(c echo.Context) error {
	p, err := pageParams(c)
	if err != nil {
		return err
	}
	list, err := s.subjects.ListSubjects(c.Request().Context(), subjectFilter(c), p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, listOf(list, subjectResponse))
}

// mayReadPersonal asks the policy whether the caller may see children's
// personal data in the route's tenant.
func (s *Server) mayReadPersonal(c echo.Context) (bool, error) {
	p, _ := principalOf(c)
	return s.policy.Allowed(p.PersonID, tenantOf(c).ID, "personal_data", "read")
}

// getSubject returns one subject. With include=personal, a role allowed to
// see children's personal data gets it too, and the view is recorded in
// the trail; any other role is refused.
//
//	@Summary	Get a subject
//	@Tags		subjects
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Subject id"	format(uuid)
//	@Param		include	query		string	false	"personal: show the child's personal data"	Enums(personal)
//	@Success	200		{object}	SubjectResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem	"Personal data asked for by a role that may not see it"
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/subjects/{id} [get]
func (s *Server) getSubject(c echo.Context) error {
	id, err := pathID(c, "id", "subject")
	if err != nil {
		return err
	}
	withPersonal := c.QueryParam("include") == "personal"
	if withPersonal {
		ok, err := s.mayReadPersonal(c)
		if err != nil {
			return err
		}
		if !ok {
			return domain.Forbidden("your role may not see children's personal data")
		}
	}
	sub, pd, err := s.subjects.FindSubject(c.Request().Context(), id, withPersonal)
	if err != nil {
		return err
	}
	out := subjectResponse(sub)
	if pd != nil {
		out.Personal = &PersonalData{Name: pd.Name, DateOfBirth: pd.DateOfBirth, NHSNumber: pd.NHSNumber}
	}
	setETag(c, sub.Version)
	return c.JSON(http.StatusOK, out)
}

// exportSubjects writes the subjects that match the filters as CSV. With
// personal=true a role allowed to see children's personal data gets names,
// dates of birth and NHS numbers; otherwise the local id stands in for the
// child. Cells that look like formulas are written as text, and every
// child exported is recorded in the trail.
//
//	@Summary	Export subjects as CSV
//	@Tags		subjects
//	@Produce	text/csv
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		kind			query		string	false	"Kind of subject"
//	@Param		primary_need	query		string	false	"Primary need code"
//	@Param		key_stage		query		string	false	"Key stage"
//	@Param		setting_type	query		string	false	"Type of setting"
//	@Param		service			query		string	false	"A contributing service"
//	@Param		q				query		string	false	"Start of the local id"
//	@Param		personal		query		bool	false	"Include children's personal data"
//	@Success	200				{string}	string	"CSV"
//	@Header		200				{string}	Content-Disposition	"attachment; filename=\"subjects.csv\""
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/subjects/export [get]
func (s *Server) exportSubjects(c echo.Context) error {
	withPersonal := c.QueryParam("personal") == "true"
	if withPersonal {
		ok, err := s.mayReadPersonal(c)
		if err != nil {
			return err
		}
		if !ok {
			return domain.Forbidden("your role may not export children's personal data; " +
				"export without it to get local ids only")
		}
	}
	var buf bytes.Buffer
	if err := s.subjects.ExportCSV(c.Request().Context(), subjectFilter(c), withPersonal, &buf); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", `attachment; filename="subjects.csv"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// SubjectAccessExport is all sendqa holds about one child.
type SubjectAccessExport struct {
	Subject  SubjectResponse      `json:"subject"`
	Personal PersonalData         `json:"personal"`
	Rounds   []SubjectAccessRound `json:"rounds"`
	Trail    []AuditEventResponse `json:"trail"`
} // @name SubjectAccessExport

// SubjectAccessRound is a round a child's record was sampled in.
type SubjectAccessRound struct {
	RoundID string `json:"round_id" format:"uuid"`
	Name    string `json:"name"`
	Auditor string `json:"auditor"`
	Status  string `json:"status"`
} // @name SubjectAccessRound

// subjectAccessExport gathers all of one child's data for a subject access
// request, as a JSON file, and records the export.
//
//	@Summary	Subject access export of one child's record
//	@Tags		subjects
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Subject id"	format(uuid)
//	@Success	200		{object}	SubjectAccessExport
//	@Header		200		{string}	Content-Disposition	"attachment; filename=\"subject-access-<local id>.json\""
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/subjects/{id}/access-export [get]
func (s *Server) subjectAccessExport(c echo.Context) error {
	id, err := pathID(c, "id", "subject")
	if err != nil {
		return err
	}
	rec, err := s.subjects.AccessExport(c.Request().Context(), id, s.audit.Store)
	if err != nil {
		return err
	}
	out := SubjectAccessExport{Subject: subjectResponse(rec.Subject),
		Personal: PersonalData{Name: rec.Personal.Name, DateOfBirth: rec.Personal.DateOfBirth,
			NHSNumber: rec.Personal.NHSNumber},
		Rounds: []SubjectAccessRound{}, Trail: []AuditEventResponse{}}
	for _, r := range rec.Rounds {
		out.Rounds = append(out.Rounds, SubjectAccessRound{RoundID: r.RoundID.String(), Name: r.RoundName,
			Auditor: r.AuditorName, Status: r.Status})
	}
	for _, e := range rec.Trail {
		out.Trail = append(out.Trail, auditEventResponse(e))
	}
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, rec.Subject.LocalID)
	c.Response().Header().Set("Content-Disposition", `attachment; filename="subject-access-`+name+`.json"`)
	return c.JSON(http.StatusOK, out)
}

// SubjectImportResponse is an uploaded file, checked: what it would add
// and change, and every row it rejects with its line and reasons.
type SubjectImportResponse struct {
	ID              string        `json:"id" format:"uuid"`
	Kind            string        `json:"kind" example:"ehc_plan"`
	FileName        string        `json:"file_name" example:"ehcp_sample_wolverhampton.csv"`
	State           string        `json:"state" enums:"previewed,confirmed"`
	TotalRows       int           `json:"total_rows" example:"48"`
	ValidRows       int           `json:"valid_rows" example:"48"`
	NewSubjects     int           `json:"new_subjects" example:"48"`
	UpdatedSubjects int           `json:"updated_subjects" example:"0"`
	Rejected        []RejectedRow `json:"rejected"`
	IgnoredColumns  []string      `json:"ignored_columns"`
	// DroppedPersonalFields are personal fields in the file that no
	// instrument of the area asks for, so they are not kept.
	DroppedPersonalFields []string   `json:"dropped_personal_fields" example:"date_of_birth"`
	CreatedAt             time.Time  `json:"created_at"`
	ConfirmedAt           *time.Time `json:"confirmed_at"`
	ExpiresAt             time.Time  `json:"expires_at"`
} // @name SubjectImportResponse

// RejectedRow is one row an import will not take.
type RejectedRow struct {
	Line     int            `json:"line" example:"3"`
	LocalID  string         `json:"local_id" example:"WV3"`
	Problems []FieldProblem `json:"problems"`
} // @name RejectedRow

func subjectImportResponse(im subject.Import) SubjectImportResponse {
	out := SubjectImportResponse{ID: im.ID.String(), Kind: string(im.Kind), FileName: im.FileName,
		State: string(im.State), TotalRows: im.Total, ValidRows: im.Valid, NewSubjects: im.New,
		UpdatedSubjects: im.Updated, Rejected: []RejectedRow{}, IgnoredColumns: []string{},
		DroppedPersonalFields: []string{}, CreatedAt: im.CreatedAt, ConfirmedAt: im.ConfirmedAt,
		ExpiresAt: im.ExpiresAt}
	for _, r := range im.Rejected {
		row := RejectedRow{Line: r.Line, LocalID: r.LocalID, Problems: []FieldProblem{}}
		for _, p := range r.Problems {
			row.Problems = append(row.Problems, FieldProblem{Field: p.Field, Message: p.Message})
		}
		out.Rejected = append(out.Rejected, row)
	}
	out.IgnoredColumns = append(out.IgnoredColumns, im.Ignored...)
	for _, d := range im.Dropped {
		out.DroppedPersonalFields = append(out.DroppedPersonalFields, string(d))
	}
	return out
}

// previewSubjectImport checks a CSV file of subjects and keeps its valid
// rows until they are confirmed. Nothing changes until then.
//
//	@Summary	Upload a CSV file of subjects for a preview
//	@Tags		subjects
//	@Accept		text/csv
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		kind			query		string	false	"Kind of subject in the file (ehc_plan when left out)"
//	@Param		file_name		query		string	false	"The file's name, for display"
//	@Param		Idempotency-Key	header		string	false	"Replays the first response for 24 hours"
//	@Param		body			body		string	true	"The CSV file, UTF-8, with a header row"
//	@Success	201				{object}	SubjectImportResponse
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
//	@Router		/api/v1/t/{tenant}/subjects/imports [post]
func (s *Server) previewSubjectImport(c echo.Context) error {
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || (mt != "text/csv" && mt != "text/plain") {
		return newHTTPError(http.StatusUnsupportedMediaType, "send the file as text/csv")
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return readError(err)
	}
	kind := instrument.SubjectKind(c.QueryParam("kind"))
	if kind == "" {
		kind = instrument.SubjectEHCPlan
	}
	im, err := s.subjects.PreviewImport(c.Request().Context(), kind, c.QueryParam("file_name"), body)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", c.Request().URL.Path+"/"+im.ID.String())
	return c.JSON(http.StatusCreated, subjectImportResponse(im))
}

// getSubjectImport returns an import's preview.
//
//	@Summary	Get an import
//	@Tags		subjects
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Import id"	format(uuid)
//	@Success	200		{object}	SubjectImportResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/subjects/imports/{id} [get]
func (s *Server) getSubjectImport(c echo.Context) error {
	id, err := pathID(c, "id", "import")
	if err != nil {
		return err
	}
	im, err := s.subjects.FindImport(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, subjectImportResponse(im))
}

// confirmSubjectImport writes an import's valid rows: new local ids become
// subjects, known ones are updated.
//
//	@Summary	Confirm an import
//	@Tags		subjects
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Import id"	format(uuid)
//	@Success	200		{object}	SubjectImportResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	409		{object}	Problem	"Confirmed already, or expired"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/subjects/imports/{id}/confirm [post]
func (s *Server) confirmSubjectImport(c echo.Context) error {
	id, err := pathID(c, "id", "import")
	if err != nil {
		return err
	}
	im, err := s.subjects.ConfirmImport(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, subjectImportResponse(im))
}

// RetentionResponse is how long the area keeps children's personal data.
type RetentionResponse struct {
	RetentionDays int `json:"retention_days" example:"1095"`
	// Version is 0 while the default applies.
	Version int `json:"version" example:"1"`
} // @name RetentionResponse

// RetentionRequest sets the retention period.
type RetentionRequest struct {
	RetentionDays int `json:"retention_days" example:"1095"`
} // @name RetentionRequest

// getRetention returns the area's retention period for personal data.
//
//	@Summary	Get the retention period of personal data
//	@Tags		subjects
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	RetentionResponse
//	@Header		200		{string}	ETag	"The rule's version; \"0\" while the default applies"
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/personal-data/retention [get]
func (s *Server) getRetention(c echo.Context) error {
	r, err := s.subjects.FindRetention(c.Request().Context())
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(http.StatusOK, RetentionResponse{RetentionDays: r.Days, Version: r.Version})
}

// ifMatchOrNew is ifMatch that also takes "0", the version of a record
// that does not exist yet.
func ifMatchOrNew(c echo.Context) (int, error) {
	if strings.TrimSpace(c.Request().Header.Get("If-Match")) == `"0"` {
		return 0, nil
	}
	return ifMatch(c)
}

// setRetention changes the area's retention period for personal data.
//
//	@Summary	Set the retention period of personal data
//	@Tags		subjects
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string				true	"Tenant slug"
//	@Param		If-Match	header		string				true	"The rule's ETag (\"0\" for the default)"
//	@Param		body		body		RetentionRequest	true	"The period"
//	@Success	200			{object}	RetentionResponse
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	412			{object}	Problem
//	@Failure	422			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/personal-data/retention [put]
func (s *Server) setRetention(c echo.Context) error {
	version, err := ifMatchOrNew(c)
	if err != nil {
		return err
	}
	var req RetentionRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := s.subjects.SetRetention(c.Request().Context(), req.RetentionDays, version)
	if err != nil {
		return err
	}
	setETag(c, r.Version)
	return c.JSON(http.StatusOK, RetentionResponse{RetentionDays: r.Days, Version: r.Version})
}

// PurgeResponse is what a retention run removed.
type PurgeResponse struct {
	Subjects    int `json:"subjects" example:"48"`
	TrailEvents int `json:"trail_events" example:"48"`
} // @name PurgeResponse

// purgePersonalData removes, now, the personal data whose retention period
// has ended, from subjects and from the trail.
//
//	@Summary	Purge personal data past its retention period
//	@Tags		subjects
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Success	200		{object}	PurgeResponse
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/personal-data/purge [post]
func (s *Server) purgePersonalData(c echo.Context) error {
	p, err := s.subjects.PurgeExpired(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, PurgeResponse{Subjects: p.Subjects, TrailEvents: p.TrailEvents})
}
