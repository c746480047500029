package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"sendqa/domain"
)

// translate turns driver errors into domain errors at the storage boundary,
// so that callers use errors.Is and no SQL text reaches a client. what names
// the record for messages ("organisation").
func translate(err error, what string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return domain.NotFound(what)
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505": // unique_violation
			return &domain.Error{
				Kind:    domain.KindConflict,
				Message: "a " + what + " with those details already exists",
				Err:     err,
			}
		case "23503": // foreign_key_violation
			return &domain.Error{
				Kind:    domain.KindInvalid,
				Message: "the " + what + " refers to a record that does not exist",
				Err:     err,
			}
		case "23514", "22P02", "22001": // check, invalid text, too long
			return &domain.Error{
				Kind:    domain.KindInvalid,
				Message: "the " + what + " has a value the database does not accept",
				Err:     err,
			}
		case "42501": // insufficient_privilege, including row-level security
			return &domain.Error{
				Kind:    domain.KindForbidden,
				Message: "not allowed",
				Err:     err,
			}
		}
	}
	return err
}
