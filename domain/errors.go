// Package domain holds sendqa's business vocabulary: the records a local
// area keeps, the rules they obey and the small set of errors its services
// return. It knows nothing of HTTP or SQL.
package domain

import (
	"errors"
	"fmt"
	"strings"
)

// Kind classifies a domain error so that callers can decide what to do
// without matching on message text.
type Kind int

const (
	// KindInternal is anything the caller cannot act upon.
	KindInternal Kind = iota
	// KindNotFound means the record does not exist or is not the caller's.
	KindNotFound
	// KindInvalid means the input broke a rule; Fields says where.
	KindInvalid
	// KindConflict means the request clashes with the current state.
	KindConflict
	// KindStale means the caller's version of a record is out of date.
	KindStale
	// KindForbidden means the caller is known but not allowed.
	KindForbidden
	// KindUnauthenticated means the caller is not signed in.
	KindUnauthenticated
	// KindTooLarge means the input exceeds a size limit.
	KindTooLarge
	// KindUnsupported means the input is of a type that is not accepted.
	KindUnsupported
	// KindRateLimited means the caller must wait before trying again.
	KindRateLimited
)

// FieldError names one offending part of an input by its path, such as
// "sections[2].items[0].label", and says what is wrong with it.
type FieldError struct {
	Field   string
	Message string
}

// Error is the one error type the domain returns to its callers. Message
// is safe to show to a user; the wrapped error is for logs only.
type Error struct {
	Kind    Kind
	Message string
	Fields  []FieldError
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Is lets errors.Is match a domain error by kind: errors.Is(err, ErrNotFound).
func (e *Error) Is(target error) bool {
	var t *Error
	if !errors.As(target, &t) {
		return false
	}
	return t.Kind == e.Kind && t.Message == "" && t.Err == nil && t.Fields == nil
}

// Sentinels for errors.Is; they match any domain error of their kind.
var (
	ErrNotFound        = &Error{Kind: KindNotFound}
	ErrInvalid         = &Error{Kind: KindInvalid}
	ErrConflict        = &Error{Kind: KindConflict}
	ErrStale           = &Error{Kind: KindStale}
	ErrForbidden       = &Error{Kind: KindForbidden}
	ErrUnauthenticated = &Error{Kind: KindUnauthenticated}
)

// NotFound reports that a record of the named kind does not exist or does
// not belong to the caller; the two are deliberately indistinguishable.
func NotFound(what string) *Error {
	return &Error{Kind: KindNotFound, Message: what + " not found"}
}

// Conflict reports a clash with the current state of a record.
func Conflict(format string, args ...any) *Error {
	return &Error{Kind: KindConflict, Message: fmt.Sprintf(format, args...)}
}

// Forbidden reports that the caller may not do what was asked.
func Forbidden(message string) *Error {
	return &Error{Kind: KindForbidden, Message: message}
}

// Stale reports that the caller edited an out-of-date version.
func Stale(what string) *Error {
	return &Error{
		Kind:    KindStale,
		Message: what + " has changed since you loaded it",
	}
}

// Invalid wraps field errors into one error. It returns nil when fields is
// empty so that validators can end with `return domain.Invalid(errs)`.
func Invalid(fields []FieldError) error {
	if len(fields) == 0 {
		return nil
	}
	return &Error{
		Kind:    KindInvalid,
		Message: "the request has invalid fields",
		Fields:  fields,
	}
}

// InvalidField is Invalid for a single field.
func InvalidField(field, message string) error {
	return Invalid([]FieldError{{Field: field, Message: message}})
}

// Problems collects field errors while a validator walks an input.
type Problems struct {
	list []FieldError
}

// Add records that the field at path is wrong for the given reason.
func (p *Problems) Add(path, format string, args ...any) {
	p.list = append(p.list, FieldError{Field: path, Message: fmt.Sprintf(format, args...)})
}

// Len reports how many problems were recorded.
func (p *Problems) Len() int { return len(p.list) }

// List returns the recorded problems in the order they were found.
func (p *Problems) List() []FieldError { return p.list }

// Err returns the problems as an Invalid error, or nil when there are none.
func (p *Problems) Err() error { return Invalid(p.list) }

// Path joins path segments: Path("sections", 2, "items", 0) is
// "sections[2].items[0]".
func Path(parts ...any) string {
	var b strings.Builder
	for _, part := range parts {
		switch v := part.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", v)
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(v)
		default:
			fmt.Fprintf(&b, ".%v", v)
		}
	}
	return b.String()
}

// IsNotFound reports whether err is a domain not-found error.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
