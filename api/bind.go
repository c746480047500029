package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"sendqa/domain"
)

// bindJSON decodes a JSON request body into v, refusing other content
// types, unknown fields, trailing data and bodies over the route's limit.
func bindJSON(c echo.Context, v any) error {
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if err != nil || mt != echo.MIMEApplicationJSON {
		return newHTTPError(http.StatusUnsupportedMediaType, "send the body as application/json")
	}
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return readError(err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return badRequest("the body holds more than one JSON value")
	}
	return nil
}

func readError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return newHTTPError(http.StatusRequestEntityTooLarge,
			fmt.Sprintf("the request body is larger than %d bytes", tooLarge.Limit))
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return he
	}
	return badRequest("the request body could not be read")
}

// decodeError explains a JSON decoding failure without echoing Go's text.
func decodeError(err error) error {
	var (
		syntax    *json.SyntaxError
		typeError *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &syntax), errors.Is(err, io.ErrUnexpectedEOF):
		return badRequest("the body is not valid JSON")
	case errors.Is(err, io.EOF):
		return badRequest("the body is empty; send a JSON object")
	case errors.As(err, &typeError):
		field := typeError.Field
		if field == "" {
			return badRequest("the body must be a JSON object")
		}
		return &httpError{status: http.StatusBadRequest, detail: "a field has the wrong type",
			fields: []FieldProblem{{Field: field, Message: "must be " + jsonKind(typeError.Type.Kind().String())}}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &httpError{status: http.StatusBadRequest, detail: "the body has a field this route does not take",
			fields: []FieldProblem{{Field: name, Message: "is not a field of this request"}}}
	}
	return readError(err)
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "a list"
	case "struct", "map":
		return "an object"
	}
	return "a number"
}

// pageParams reads limit and cursor from the query string.
func pageParams(c echo.Context) (domain.Page, error) {
	p := domain.Page{Cursor: c.QueryParam("cursor")}
	if s := c.QueryParam("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > domain.MaxPageLimit {
			return p, domain.InvalidField("limit",
				fmt.Sprintf("enter a whole number from 1 to %d", domain.MaxPageLimit))
		}
		p.Limit = n
	}
	return p.Normalised(), nil
}

// pathID reads a UUID path parameter; a malformed one is simply not found.
func pathID(c echo.Context, name, what string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param(name))
	if err != nil {
		return uuid.Nil, domain.NotFound(what)
	}
	return id, nil
}

// ListResponse is the shape of every list.
type ListResponse[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func listOf[A, B any](l domain.List[A], convert func(A) B) ListResponse[B] {
	out := ListResponse[B]{Items: make([]B, len(l.Items))}
	for i, a := range l.Items {
		out.Items[i] = convert(a)
	}
	if l.NextCursor != "" {
		out.NextCursor = &l.NextCursor
	}
	return out
}
