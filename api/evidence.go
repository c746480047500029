package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/response"
)

// uploadEvidence attaches a file to the caller's draft response, or to
// one of its items. The body is the file itself, its Content-Type the
// file's type, which must match its content.
//
//	@Summary	Attach evidence
//	@Tags		responses
//	@Accept		application/pdf,image/png,image/jpeg,text/plain,text/csv
//	@Produce	json
//	@Param		tenant			path		string	true	"Tenant slug"
//	@Param		response_id		query		string	true	"The response"	format(uuid)
//	@Param		item_id			query		string	false	"The item the file is evidence for"
//	@Param		file_name		query		string	false	"The file's name, for display"
//	@Param		Idempotency-Key	header		string	false	"Replays the first response for 24 hours"
//	@Param		body			body		string	true	"The file"
//	@Success	201				{object}	EvidenceResponse
//	@Failure	400				{object}	Problem
//	@Failure	401				{object}	Problem
//	@Failure	403				{object}	Problem
//	@Failure	404				{object}	Problem
//	@Failure	409				{object}	Problem	"The response is submitted"
//	@Failure	413				{object}	Problem
//	@Failure	415				{object}	Problem	"Not an accepted type, or content that does not match it"
//	@Failure	422				{object}	Problem	"The virus scanner found something"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/evidence [post]
func (s *Server) uploadEvidence(c echo.Context) error {
	id, err := uuid.Parse(c.QueryParam("response_id"))
	if err != nil {
		return domain.InvalidField("response_id", "name the response the file is evidence for")
	}
	v, err := s.viewer(c)
	if err != nil {
		return err
	}
	e, err := s.responses.AddEvidence(c.Request().Context(), v, response.Upload{ResponseID: id,
		ItemID: c.QueryParam("item_id"), FileName: c.QueryParam("file_name"),
		DeclaredType: c.Request().Header.Get(echo.HeaderContentType), Body: c.Request().Body})
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return readError(err)
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set("Location", c.Request().URL.Path+"/"+e.ID.String())
	return c.JSON(http.StatusCreated, evidenceResponse(e))
}

// downloadEvidence sends a file once it has been scanned clean, as an
// attachment that browsers neither sniff, run nor keep.
//
//	@Summary	Download evidence
//	@Tags		responses
//	@Produce	octet-stream
//	@Param		tenant	path		string	true	"Tenant slug"
//	@Param		id		path		string	true	"Evidence id"	format(uuid)
//	@Success	200		{file}		file
//	@Failure	401		{object}	Problem
//	@Failure	403		{object}	Problem
//	@Failure	404		{object}	Problem
//	@Failure	409		{object}	Problem	"Waiting for the virus scan, or removed by it"
//	@Security	cookieAuth
//	@Security	bearerAuth
//	@Router		/api/v1/t/{tenant}/evidence/{id} [get]
func (s *Server) downloadEvidence(c echo.Context) error {
	id, err := pathID(c, "id", "evidence")
	if err != nil {
		return err
	}
	v, err := s.viewer(c)
	if err != nil {
		return err
	}
	e, body, err := s.responses.OpenEvidence(c.Request().Context(), v, id)
	if err != nil {
		return err
	}
	defer body.Close()
	setDownloadHeaders(c, e.FileName)
	c.Response().Header().Set(echo.HeaderContentLength, strconv.FormatInt(e.Size, 10))
	c.Response().Header().Set(echo.HeaderContentType, e.ContentType)
	c.Response().WriteHeader(http.StatusOK)
	_, err = io.Copy(c.Response(), body)
	return err
}

// setDownloadHeaders marks a response as a file to save, never to show or
// run: the four headers every download carries.
func setDownloadHeaders(c echo.Context, name string) {
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`,
		asciiName(name), url.PathEscape(name)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "no-store")
}

// asciiName keeps the printable ASCII of a file name for the plain
// filename parameter; filename* carries the rest.
func asciiName(name string) string {
	out := make([]rune, 0, len(name))
	for _, r := range name {
		if r >= 0x20 && r < 0x7f && r != '"' && r != '\\' {
			out = append(out, r)
		} else {
			out = append(out, '_')
		}
	}
	return string(out)
}
