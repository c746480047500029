package invite

import (
	"context"
	"fmt"
	"strings"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/identity"
	"sendqa/domain/mail"
)

// ErrResetTokenInvalid is the one answer for a reset link that is unknown,
// used or expired.
var ErrResetTokenInvalid = domain.InvalidField("token",
	"this link has expired or has already been used; ask for a new one")

// RequestPasswordReset mails a reset link to the person with that e-mail
// address, if there is one. Anyone; it answers alike whether or not the
// address is known, so that nobody learns who has an account. Returns
// identity.ErrTooManyAttempts when the network address asks too often.
// A known e-mail address asking too often gets no more mail, silently.
func (s Service) RequestPasswordReset(ctx context.Context, email, address string) error {
	settings := s.Identity.Settings
	ok, err := s.Identity.Store.HitRateLimit(ctx, "reset:"+address, settings.AddressWindow,
		settings.ResetAddressLimit)
	if err != nil {
		return fmt.Errorf("check rate limit: %w", err)
	}
	if !ok {
		return identity.ErrTooManyAttempts
	}
	email = strings.TrimSpace(email)
	var p domain.Problems
	if len(email) > 254 {
		p.Add("email", "use an email address of 254 characters or fewer")
	}
	if email == "" {
		p.Add("email", "enter your email address")
	}
	if err := p.Err(); err != nil {
		return err
	}

	person, err := s.Tenancy.FindPersonByEmail(ctx, email)
	if domain.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("find person: %w", err)
	}
	ok, err = s.Identity.Store.HitRateLimit(ctx, "reset-person:"+person.ID.String(),
		settings.AddressWindow, settings.ResetAddressLimit)
	if err != nil {
		return fmt.Errorf("check rate limit: %w", err)
	}
	if !ok {
		return nil // enough mail for now; the answer must not differ
	}
	now := s.now()
	r := PasswordReset{ID: uuid.New(), PersonID: person.ID, ExpiresAt: now.Add(settings.PasswordResetTTL)}
	token := identity.NewResetToken()
	if err := s.Store.CreatePasswordReset(ctx, r, identity.HashSecret(token)); err != nil {
		return fmt.Errorf("create password reset: %w", err)
	}
	msg, err := mail.PasswordResetMessage(mail.PasswordReset{To: person.Email, Name: person.Name,
		Link: s.link("/password-reset", token), ValidFor: settings.PasswordResetTTL})
	if err != nil {
		return fmt.Errorf("write password reset mail: %w", err)
	}
	if err := s.Outbox.Queue(ctx, msg); err != nil {
		return fmt.Errorf("queue password reset mail: %w", err)
	}
	return nil
}

// CompletePasswordReset sets a new password with the secret of a reset
// link, closes every open reset of the person and ends all their
// sessions. Anyone holding the secret. Returns ErrResetTokenInvalid and
// domain.ErrInvalid on "password".
func (s Service) CompletePasswordReset(ctx context.Context, token, password string) error {
	if !identity.IsResetToken(token) {
		return ErrResetTokenInvalid
	}
	r, err := s.Store.FindPasswordResetForUpdate(ctx, identity.HashSecret(token))
	if domain.IsNotFound(err) {
		return ErrResetTokenInvalid
	}
	if err != nil {
		return fmt.Errorf("find password reset: %w", err)
	}
	now := s.now()
	if !r.UsedAt.IsZero() || !now.Before(r.ExpiresAt) {
		return ErrResetTokenInvalid
	}
	person, err := s.Tenancy.FindPersonByID(ctx, r.PersonID)
	if err != nil {
		return fmt.Errorf("find person: %w", err)
	}
	if err := s.Identity.SetPassword(ctx, person.ID, person.Email, password, "password"); err != nil {
		return err
	}
	if err := s.Store.MarkPasswordResetsUsed(ctx, person.ID, now); err != nil {
		return fmt.Errorf("close password resets: %w", err)
	}
	return nil
}
