package api

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
)

// InstrumentChange is one difference between two versions, by stable item
// id.
type InstrumentChange struct {
	Item string `json:"item" example:"chronology"`
	Kind string `json:"kind" enums:"added,removed,relabelled,moved,retyped" example:"relabelled"`
	// From and To hold the old and new label, section id or kind; empty
	// where the change has no such side.
	From string `json:"from" example:"Is there a chronology?"`
	To   string `json:"to" example:"Is there an up-to-date chronology?"`
	// Description says the change in words.
	Description string `json:"description" example:"chronology relabelled from \"Is there a chronology?\" to \"Is there an up-to-date chronology?\""`
} // @name InstrumentChange

// InstrumentComparison lists how one version's items differ from
// another's.
type InstrumentComparison struct {
	Key     string             `json:"key" example:"case_file_check"`
	From    int                `json:"from" example:"1"`
	To      int                `json:"to" example:"2"`
	Changes []InstrumentChange `json:"changes"`
} // @name InstrumentComparison

func describeChange(c instrument.Change) string {
	switch c.Kind {
	case instrument.ChangeAdded:
		return fmt.Sprintf("%s added: %q", c.Item, c.To)
	case instrument.ChangeRemoved:
		return fmt.Sprintf("%s removed: %q", c.Item, c.From)
	case instrument.ChangeMoved:
		return fmt.Sprintf("%s moved from section %s to section %s", c.Item, c.From, c.To)
	case instrument.ChangeRetyped:
		return fmt.Sprintf("%s changed from %s to %s", c.Item, c.From, c.To)
	}
	return fmt.Sprintf("%s relabelled from %q to %q", c.Item, c.From, c.To)
}

// versionResponse is a version as the API shows it.
func versionResponse(v catalogue.Version) (InstrumentVersionResponse, error) {
	def, err := instrument.MarshalDefinition(v.Definition)
	if err != nil {
		return InstrumentVersionResponse{}, err
	}
	return InstrumentVersionResponse{Key: v.Key, Source: string(v.Source), Number: v.Number,
		State: string(v.State), Title: v.Title, RuleVersion: v.RuleVersion, Version: v.Revision,
		CreatedAt: v.CreatedAt.UTC(), PublishedAt: optionalTime(v.PublishedAt),
		RetiredAt: optionalTime(v.RetiredAt), Definition: def}, nil
}

// writeVersion answers with a version and its revision as the ETag.
func writeVersion(c echo.Context, status int, v catalogue.Version) error {
	out, err := versionResponse(v)
	if err != nil {
		return err
	}
	setETag(c, v.Revision)
	if status == http.StatusCreated {
		c.Response().Header().Set(echo.HeaderLocation, fmt.Sprintf("/api/v1/t/%s/instruments/%s/versions/%d",
			c.Param("tenant"), v.InstrumentID, v.Number))
	}
	return c.JSON(status, out)
}

// readDefinition reads a request body that is a definition in its JSON
// form. The engine's parser, not bindJSON, reads it, so that every problem
// is reported by its path in the definition.
func readDefinition(c echo.Context) (instrument.Definition, error) {
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || mt != echo.MIMEApplicationJSON {
		return instrument.Definition{}, newHTTPError(http.StatusUnsupportedMediaType,
			"send the body as application/json")
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return instrument.Definition{}, readError(err)
	}
	return instrument.ParseDefinition(body)
}

// createInstrument adds a definition as a draft: a new instrument, or the
// next version of the tenant's instrument with the same key.
//
//	@Summary	Create a draft from a definition
//	@Tags		instruments
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		Idempotency-Key	header		string	false	"Replays the first response for 24 hours"
//	@Param		body			body		object	true	"A definition; see /api/v1/instrument-schema"
//	@Success	201				{object}	InstrumentVersionResponse
//	@Header		201				{string}	ETag		"The draft's revision"
//	@Header		201				{string}	Location	"The draft"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"The key is a built-in instrument's, or a draft exists"
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem	"Every problem, by its path in the definition"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments [post]
func (s *Server) createInstrument(c echo.Context) error {
	def, err := readDefinition(c)
	if err != nil {
		return err
	}
	v, err := s.catalogue.CreateDraft(c.Request().Context(), def)
	if err != nil {
		return err
	}
	return writeVersion(c, http.StatusCreated, v)
}

// importInstrument adds an exported definition file as a draft. Nothing is
// written when any part of the file is wrong.
//
//	@Summary	Import a definition file as a draft
//	@Tags		instruments
//	@Accept		json
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		Idempotency-Key	header		string	false	"Replays the first response for 24 hours"
//	@Param		body			body		object	true	"A definition as export writes it"
//	@Success	201				{object}	InstrumentVersionResponse
//	@Header		201				{string}	ETag		"The draft's revision"
//	@Header		201				{string}	Location	"The draft"
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"The key is a built-in instrument's, or a draft exists"
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem
//	@Failure	422				{object}	Problem	"Every problem, by its path in the file"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/imports [post]
func (s *Server) importInstrument(c echo.Context) error {
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || mt != echo.MIMEApplicationJSON {
		return newHTTPError(http.StatusUnsupportedMediaType, "send the file as application/json")
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return readError(err)
	}
	v, err := s.catalogue.ImportDefinition(c.Request().Context(), body)
	if err != nil {
		return err
	}
	return writeVersion(c, http.StatusCreated, v)
}

// updateInstrumentDraft replaces a draft's definition. A published version
// is frozen.
//
//	@Summary	Change a draft
//	@Tags		instruments
//	@Accept		json
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		key			path		string	true	"Instrument key, or the id of the area's own instrument"
//	@Param		version		path		int		true	"Version number"
//	@Param		If-Match	header		string	true	"The draft's ETag"
//	@Param		body		body		object	true	"The whole definition; its key must stay the same"
//	@Success	200			{object}	InstrumentVersionResponse
//	@Header		200			{string}	ETag	"The draft's new revision"
//	@Failure	400			{object}	Problem
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem	"Not allowed, or another area's shared instrument"
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"The version is published or retired, or built in"
//	@Failure	412			{object}	Problem
//	@Failure	413			{object}	Problem
//	@Failure	415			{object}	Problem
//	@Failure	422			{object}	Problem	"Every problem, by its path in the definition"
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/versions/{version} [put]
func (s *Server) updateInstrumentDraft(c echo.Context) error {
	n, err := pathVersion(c)
	if err != nil {
		return err
	}
	revision, err := ifMatch(c)
	if err != nil {
		return err
	}
	def, err := readDefinition(c)
	if err != nil {
		return err
	}
	v, err := s.catalogue.UpdateDraft(c.Request().Context(), c.Param("key"), n, revision, def)
	if err != nil {
		return err
	}
	return writeVersion(c, http.StatusOK, v)
}

// publishInstrumentVersion freezes a draft and makes it current; the
// version published before it is retired.
//
//	@Summary	Publish a draft
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		key			path		string	true	"Instrument key, or the id of the area's own instrument"
//	@Param		version		path		int		true	"Version number"
//	@Param		If-Match	header		string	true	"The draft's ETag"
//	@Success	200			{object}	InstrumentVersionResponse
//	@Header		200			{string}	ETag	"The version's new revision"
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"The version is not a draft, or is built in"
//	@Failure	412			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/versions/{version}/publish [post]
func (s *Server) publishInstrumentVersion(c echo.Context) error {
	n, err := pathVersion(c)
	if err != nil {
		return err
	}
	revision, err := ifMatch(c)
	if err != nil {
		return err
	}
	v, err := s.catalogue.PublishVersion(c.Request().Context(), c.Param("key"), n, revision)
	if err != nil {
		return err
	}
	return writeVersion(c, http.StatusOK, v)
}

// retireInstrument retires an instrument's published version: no new
// audit may use it; responses already given keep it.
//
//	@Summary	Retire an instrument
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant		path		string	true	"Tenant slug"
//	@Param		key			path		string	true	"Instrument key, or the id of the area's own instrument"
//	@Param		If-Match	header		string	true	"The instrument's ETag"
//	@Success	200			{object}	InstrumentSummary
//	@Header		200			{string}	ETag	"The instrument's new version"
//	@Failure	401			{object}	Problem
//	@Failure	403			{object}	Problem
//	@Failure	404			{object}	Problem
//	@Failure	409			{object}	Problem	"Nothing is published, or the instrument is built in"
//	@Failure	412			{object}	Problem
//	@Failure	428			{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/retire [post]
func (s *Server) retireInstrument(c echo.Context) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	in, err := s.catalogue.RetireInstrument(c.Request().Context(), c.Param("key"), version)
	if err != nil {
		return err
	}
	setETag(c, in.Version)
	return c.JSON(http.StatusOK, instrumentSummary(in))
}

// newInstrumentVersion copies the current published version into a new
// draft; items keep their stable ids.
//
//	@Summary	Start a new version
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		key				path		string	true	"Instrument key, or the id of the area's own instrument"
//	@Param		Idempotency-Key	header		string	false	"Replays the first response for 24 hours"
//	@Success	201				{object}	InstrumentVersionResponse
//	@Header		201				{string}	ETag		"The draft's revision"
//	@Header		201				{string}	Location	"The draft"
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"Nothing is published, a draft exists, or the instrument is built in"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/versions [post]
func (s *Server) newInstrumentVersion(c echo.Context) error {
	v, err := s.catalogue.NewVersion(c.Request().Context(), c.Param("key"))
	if err != nil {
		return err
	}
	return writeVersion(c, http.StatusCreated, v)
}

// compareInstrumentVersions lists how two versions' items differ.
//
//	@Summary	Compare two versions
//	@Tags		instruments
//	@Produce	json
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		key		path		string	true	"Instrument key, or the id of an own or shared instrument"
//	@Param		from	query		int		true	"The older version"
//	@Param		to		query		int		true	"The newer version"
//	@Success	200		{object}	InstrumentComparison
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	422		{object}	Problem
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/instruments/{key}/compare [get]
func (s *Server) compareInstrumentVersions(c echo.Context) error {
	var p domain.Problems
	number := func(name string) int {
		n, err := strconv.Atoi(c.QueryParam(name))
		if err != nil || n < 1 {
			p.Add(name, "enter a version number")
		}
		return n
	}
	from, to := number("from"), number("to")
	if err := p.Err(); err != nil {
		return err
	}
	in, changes, err := s.catalogue.CompareVersions(c.Request().Context(), c.Param("key"), from, to)
	if err != nil {
		return err
	}
	out := InstrumentComparison{Key: in.Key, From: from, To: to,
		Changes: make([]InstrumentChange, len(changes))}
	for i, ch := range changes {
		out.Changes[i] = InstrumentChange{Item: ch.Item, Kind: string(ch.Kind), From: ch.From,
			To: ch.To, Description: describeChange(ch)}
	}
	return c.JSON(http.StatusOK, out)
}
