package api

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"sendqa/domain"
)

// PasswordResetRequest asks for a password reset link.
type PasswordResetRequest struct {
	Email string `json:"email" example:"qa_lead@wolverhampton.example.org"`
} // @name PasswordResetRequest

// PasswordResetAccepted is the one answer to a reset request, whether or
// not the address has an account.
type PasswordResetAccepted struct {
	Message string `json:"message"`
} // @name PasswordResetAccepted

// CompletePasswordResetRequest sets a new password with a reset link.
type CompletePasswordResetRequest struct {
	Token    string `json:"token" example:"sqp_..."`
	Password string `json:"password"`
} // @name CompletePasswordResetRequest

const resetAccepted = "If this email address has a sendqa account, we have sent it a link " +
	"to choose a new password. The link works for a short time and only once. " +
	"If nothing arrives, check the address and your junk mail folder."

// requestPasswordReset mails a reset link to the address, if it has an
// account. The answer is the same either way.
//
//	@Summary	Ask for a password reset link
//	@Tags		auth
//	@Accept		json
//	@Produce	json
//	@Param		X-Requested-With	header		string					true	"Must be sendqa"
//	@Param		body				body		PasswordResetRequest	true	"The account's e-mail address"
//	@Success	202					{object}	PasswordResetAccepted
//	@Failure	400					{object}	Problem
//	@Failure	403					{object}	Problem
//	@Failure	415					{object}	Problem
//	@Failure	422					{object}	Problem
//	@Failure	429					{object}	Problem
//	@Router		/api/v1/auth/password-resets [post]
func (s *Server) requestPasswordReset(c echo.Context) error {
	var req PasswordResetRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	err := s.db.InScope(c.Request().Context(), domain.Scope{}, func(ctx context.Context) error {
		return s.invites.RequestPasswordReset(ctx, req.Email, c.RealIP())
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, PasswordResetAccepted{Message: resetAccepted})
}

// completePasswordReset sets a new password and signs the person out of
// every session.
//
//	@Summary	Choose a new password with a reset link
//	@Tags		auth
//	@Accept		json
//	@Param		X-Requested-With	header	string							true	"Must be sendqa"
//	@Param		body				body	CompletePasswordResetRequest	true	"The secret from the link and the new password"
//	@Success	204
//	@Failure	400	{object}	Problem
//	@Failure	403	{object}	Problem
//	@Failure	415	{object}	Problem
//	@Failure	422	{object}	Problem
//	@Router		/api/v1/auth/password-resets/complete [post]
func (s *Server) completePasswordReset(c echo.Context) error {
	var req CompletePasswordResetRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	err := s.db.InScope(c.Request().Context(), domain.Scope{}, func(ctx context.Context) error {
		return s.invites.CompletePasswordReset(ctx, req.Token, req.Password)
	})
	if err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
