package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
	"sendqa/domain/store"
)

// Problem is an RFC 9457 problem details body, the shape of every error.
type Problem struct {
	Type   string         `json:"type" example:"about:blank"`
	Title  string         `json:"title" example:"Unprocessable Entity"`
	Status int            `json:"status" example:"422"`
	Detail string         `json:"detail,omitempty" example:"the request has invalid fields"`
	Errors []FieldProblem `json:"errors,omitempty"`
} // @name Problem

// FieldProblem names one invalid part of a request body by its path.
type FieldProblem struct {
	Field   string `json:"field" example:"sections[2].items[0].label"`
	Message string `json:"message" example:"enter a label"`
} // @name FieldProblem

const problemType = "application/problem+json"

// statusOf is the one table from domain error kinds to HTTP statuses.
var statusOf = map[domain.Kind]int{
	domain.KindNotFound:        http.StatusNotFound,
	domain.KindInvalid:         http.StatusUnprocessableEntity,
	domain.KindConflict:        http.StatusConflict,
	domain.KindStale:           http.StatusPreconditionFailed,
	domain.KindForbidden:       http.StatusForbidden,
	domain.KindUnauthenticated: http.StatusUnauthorized,
	domain.KindTooLarge:        http.StatusRequestEntityTooLarge,
	domain.KindUnsupported:     http.StatusUnsupportedMediaType,
	domain.KindRateLimited:     http.StatusTooManyRequests,
}

// defaultDetail explains an error that carries no message of its own.
var defaultDetail = map[domain.Kind]string{
	domain.KindNotFound:        "there is nothing at this address",
	domain.KindInvalid:         "the request has invalid fields",
	domain.KindConflict:        "the request clashes with the current state of the record",
	domain.KindStale:           "the record has changed since you loaded it; load it again",
	domain.KindForbidden:       "you are not allowed to do this",
	domain.KindUnauthenticated: "sign in to continue",
	domain.KindTooLarge:        "the request is too large",
	domain.KindUnsupported:     "the request's content type is not accepted",
	domain.KindRateLimited:     "too many attempts; wait a while and try again",
}

// httpError is an error raised by the API layer itself (a missing header,
// a body that is not JSON), carrying its status and a safe message.
type httpError struct {
	status int
	detail string
	fields []FieldProblem
}

func (e *httpError) Error() string { return e.detail }

func newHTTPError(status int, detail string) error {
	return &httpError{status: status, detail: detail}
}

func badRequest(detail string) error { return newHTTPError(http.StatusBadRequest, detail) }

// problemFor turns any error into the problem the client sees, and says
// whether it was unexpected (and so worth logging at Error).
func problemFor(err error) (Problem, bool) {
	var (
		he  *httpError
		de  *domain.Error
		ee  *echo.HTTPError
		pbe *problemError
	)
	switch {
	case errors.As(err, &pbe):
		return pbe.p, false
	case errors.As(err, &he):
		return newProblem(he.status, he.detail, he.fields), false
	case errors.Is(err, store.ErrKeyBusy):
		return newProblem(http.StatusConflict, "a request with this Idempotency-Key is still running; "+
			"try again when it has finished", nil), false
	case errors.As(err, &de) && de.Kind != domain.KindInternal:
		fields := make([]FieldProblem, len(de.Fields))
		for i, f := range de.Fields {
			fields[i] = FieldProblem{Field: f.Field, Message: f.Message}
		}
		detail := de.Message
		if detail == "" {
			detail = defaultDetail[de.Kind]
		}
		return newProblem(statusOf[de.Kind], detail, fields), false
	case errors.As(err, &ee):
		return newProblem(ee.Code, echoDetail(ee), nil), ee.Code >= 500
	}
	return newProblem(http.StatusInternalServerError,
		"something went wrong on our side; try again, and tell us if it keeps happening", nil), true
}

// echoDetail gives a safe message for Echo's own errors (no route, method
// not allowed, body too large), whose internal text we never echo back.
func echoDetail(e *echo.HTTPError) string {
	switch e.Code {
	case http.StatusNotFound:
		return "there is nothing at this address"
	case http.StatusMethodNotAllowed:
		return "this address does not accept that method"
	case http.StatusRequestEntityTooLarge:
		return "the request body is too large"
	case http.StatusUnsupportedMediaType:
		return "send the body as application/json"
	}
	if msg, ok := e.Message.(string); ok && e.Code < 500 {
		return msg
	}
	return http.StatusText(e.Code)
}

func newProblem(status int, detail string, fields []FieldProblem) Problem {
	return Problem{Type: "about:blank", Title: http.StatusText(status), Status: status,
		Detail: detail, Errors: fields}
}

// problemError carries a ready-made problem, for replayed responses.
type problemError struct{ p Problem }

func (e *problemError) Error() string { return e.p.Detail }

// errorHandler is Echo's one error handler: every error becomes a
// problem+json response, unknown ones a 500 whose detail stays in the log.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p, unexpected := problemFor(err)
		if unexpected {
			log.ErrorContext(c.Request().Context(), "request failed",
				"request_id", requestID(c), "route", c.Path(), "error", err)
		}
		writeProblem(c, p)
	}
}

func writeProblem(c echo.Context, p Problem) {
	body, _ := json.Marshal(p)
	c.Response().Header().Set(echo.HeaderContentType, problemType)
	c.Response().Header().Set("Cache-Control", "no-store")
	if c.Request().Method == http.MethodHead {
		_ = c.NoContent(p.Status)
		return
	}
	_ = c.Blob(p.Status, problemType, body)
}
