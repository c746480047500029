package identity

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
)

// Credentials are what a person signs in with.
type Credentials struct {
	PersonID       uuid.UUID
	Email          string
	PasswordHash   string
	FailedAttempts int
	LockedUntil    time.Time
}

// Session is one refresh token of a sign-in (a family of tokens).
type Session struct {
	ID                uuid.UUID
	FamilyID          uuid.UUID
	PersonID          uuid.UUID
	StartedAt         time.Time
	IdleExpiresAt     time.Time
	AbsoluteExpiresAt time.Time
	RotatedAt         time.Time // zero while current
	SuccessorSealed   []byte
	RevokedAt         time.Time
}

// AccessToken is a personal access token for programs.
type AccessToken struct {
	ID         uuid.UUID
	PersonID   uuid.UUID
	Name       string
	ExpiresOn  time.Time
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// Store keeps credentials, sessions, tokens and rate limits.
type Store interface {
	FindCredentialsByEmail(ctx context.Context, email string) (Credentials, error)
	FindCredentialsByPerson(ctx context.Context, personID uuid.UUID) (Credentials, error)
	SavePassword(ctx context.Context, personID uuid.UUID, hash string) error
	RecordLoginFailure(ctx context.Context, personID uuid.UUID, threshold int, lockUntil time.Time) error
	ClearLoginFailures(ctx context.Context, personID uuid.UUID) error

	CreateSession(ctx context.Context, s Session, refreshHash []byte) error
	// FindSessionForUpdate locks the session row until the transaction ends.
	FindSessionForUpdate(ctx context.Context, refreshHash []byte) (Session, error)
	MarkSessionRotated(ctx context.Context, id uuid.UUID, at time.Time, successorSealed []byte) error
	RevokeSessionFamily(ctx context.Context, familyID uuid.UUID, at time.Time) error
	RevokePersonSessions(ctx context.Context, personID uuid.UUID, at time.Time) error

	CreateAccessToken(ctx context.Context, t AccessToken, hash []byte) error
	FindAccessTokenByHash(ctx context.Context, hash []byte) (AccessToken, error)
	TouchAccessToken(ctx context.Context, id uuid.UUID, at time.Time) error
	ListAccessTokens(ctx context.Context, personID uuid.UUID) ([]AccessToken, error)
	RevokeAccessToken(ctx context.Context, personID, id uuid.UUID, at time.Time) error

	// IsPlatformAdmin reports whether the person operates the instance.
	IsPlatformAdmin(ctx context.Context, personID uuid.UUID) (bool, error)

	// FindYoungLogin returns the young person's login of the current
	// tenant whose invitation code hashes to codeHash.
	FindYoungLogin(ctx context.Context, codeHash []byte) (YoungLogin, error)
	// SaveYoungLogin gives a young person of the current tenant a new code
	// and clears their passphrase.
	SaveYoungLogin(ctx context.Context, personID uuid.UUID, codeHash []byte, issuedBy uuid.UUID) error
	SaveYoungPassphrase(ctx context.Context, personID uuid.UUID, hash string) error
	TouchYoungLogin(ctx context.Context, personID uuid.UUID, at time.Time) error
	ListYoungLogins(ctx context.Context) ([]YoungLogin, error)

	// HitRateLimit counts one hit against key in a fixed window and reports
	// whether the count is still within limit.
	HitRateLimit(ctx context.Context, key string, window time.Duration, limit int) (bool, error)
}

// Settings bound sessions, lockouts and rate limits.
type Settings struct {
	AccessTTL         time.Duration // lifetime of an access token
	IdleTimeout       time.Duration // a session ends after this long unused
	AbsoluteTimeout   time.Duration // and this long after sign-in, whatever
	RotationGrace     time.Duration // a rotated refresh token still works this long
	LockoutThreshold  int           // failures in a row before an account locks
	LockoutDuration   time.Duration
	AddressLimit      int // sign-in attempts per address per window
	AddressWindow     time.Duration
	MaxTokenLifetime  time.Duration // personal access tokens
	InvitationTTL     time.Duration
	PasswordResetTTL  time.Duration
	ResetAddressLimit int // reset requests per address per window
}

// DefaultSettings are the production defaults.
var DefaultSettings = Settings{
	AccessTTL:         5 * time.Minute,
	IdleTimeout:       30 * time.Minute,
	AbsoluteTimeout:   12 * time.Hour,
	RotationGrace:     10 * time.Second,
	LockoutThreshold:  10,
	LockoutDuration:   15 * time.Minute,
	AddressLimit:      50,
	AddressWindow:     15 * time.Minute,
	MaxTokenLifetime:  366 * 24 * time.Hour,
	InvitationTTL:     14 * 24 * time.Hour,
	PasswordResetTTL:  time.Hour,
	ResetAddressLimit: 10,
}

// Service signs people in.
type Service struct {
	Store    Store
	Keys     *Keys
	Settings Settings
	Now      func() time.Time
}

func (s Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Tokens are what a browser holds after signing in or refreshing.
type Tokens struct {
	PersonID          uuid.UUID
	PlatformAdmin     bool
	Access            string
	AccessExpiresAt   time.Time
	Refresh           string
	IdleExpiresAt     time.Time
	AbsoluteExpiresAt time.Time
}

// ErrBadCredentials is the one answer to a failed sign-in, whether the
// e-mail is unknown, the password wrong or the account locked, so that
// nobody learns which accounts exist.
var ErrBadCredentials = &domain.Error{
	Kind: domain.KindUnauthenticated,
	Message: "enter a correct email address and password; after repeated failures " +
		"an account is locked for a while",
}

// ErrTooManyAttempts means an address made too many attempts.
var ErrTooManyAttempts = &domain.Error{
	Kind:    domain.KindRateLimited,
	Message: "too many attempts from your network; wait 15 minutes and try again",
}

// ErrSessionEnded means the refresh token is unknown, expired or revoked.
var ErrSessionEnded = &domain.Error{
	Kind:    domain.KindUnauthenticated,
	Message: "your session has ended; sign in again",
}

// dummyHash is verified against when the e-mail is unknown, so that an
// unknown address takes as long to refuse as a wrong password.
var dummyHash, _ = HashPassword("not a real password, only for timing")

// Login checks an e-mail address and password and starts a session. It
// returns ErrBadCredentials for any failure of the credentials and
// ErrTooManyAttempts when the address is over its limit.
func (s Service) Login(ctx context.Context, email, password, address string) (Tokens, error) {
	ok, err := s.Store.HitRateLimit(ctx, "login:"+address, s.Settings.AddressWindow, s.Settings.AddressLimit)
	if err != nil {
		return Tokens{}, fmt.Errorf("check rate limit: %w", err)
	}
	if !ok {
		return Tokens{}, ErrTooManyAttempts
	}
	if len(password) > MaxPasswordLength*4 || len(email) > 320 {
		return Tokens{}, ErrBadCredentials
	}
	cred, err := s.Store.FindCredentialsByEmail(ctx, strings.TrimSpace(email))
	if domain.IsNotFound(err) {
		_, _ = VerifyPassword(dummyHash, password)
		return Tokens{}, ErrBadCredentials
	}
	if err != nil {
		return Tokens{}, fmt.Errorf("find credentials: %w", err)
	}
	match, err := VerifyPassword(cred.PasswordHash, password)
	if err != nil {
		return Tokens{}, fmt.Errorf("verify password: %w", err)
	}
	if !cred.LockedUntil.IsZero() && s.now().Before(cred.LockedUntil) {
		return Tokens{}, ErrBadCredentials
	}
	if !match {
		err := s.Store.RecordLoginFailure(ctx, cred.PersonID, s.Settings.LockoutThreshold,
			s.now().Add(s.Settings.LockoutDuration))
		if err != nil {
			return Tokens{}, fmt.Errorf("record failure: %w", err)
		}
		return Tokens{}, ErrBadCredentials
	}
	if cred.FailedAttempts > 0 {
		if err := s.Store.ClearLoginFailures(ctx, cred.PersonID); err != nil {
			return Tokens{}, fmt.Errorf("clear failures: %w", err)
		}
	}
	return s.StartSession(ctx, cred.PersonID)
}

// StartSession begins a new family of refresh tokens for a person who has
// proved who they are.
func (s Service) StartSession(ctx context.Context, personID uuid.UUID) (Tokens, error) {
	now := s.now()
	sess := Session{
		ID: uuid.New(), PersonID: personID, StartedAt: now,
		IdleExpiresAt:     now.Add(s.Settings.IdleTimeout),
		AbsoluteExpiresAt: now.Add(s.Settings.AbsoluteTimeout),
	}
	sess.FamilyID = sess.ID
	refresh := newSecret(refreshPrefix)
	if err := s.Store.CreateSession(ctx, sess, HashSecret(refresh)); err != nil {
		return Tokens{}, fmt.Errorf("create session: %w", err)
	}
	return s.tokens(ctx, sess, refresh, now)
}

func (s Service) tokens(ctx context.Context, sess Session, refresh string, now time.Time) (Tokens, error) {
	admin, err := s.Store.IsPlatformAdmin(ctx, sess.PersonID)
	if err != nil {
		return Tokens{}, fmt.Errorf("read platform role: %w", err)
	}
	access, err := s.Keys.signAccess(accessGrant{
		PersonID: sess.PersonID, SessionID: sess.ID, PlatformAdmin: admin,
		IdleExpiresAt: sess.IdleExpiresAt, AbsoluteExpiresAt: sess.AbsoluteExpiresAt,
	}, now, s.Settings.AccessTTL)
	if err != nil {
		return Tokens{}, fmt.Errorf("sign access token: %w", err)
	}
	return Tokens{PersonID: sess.PersonID, PlatformAdmin: admin, Access: access,
		AccessExpiresAt: now.Add(s.Settings.AccessTTL), Refresh: refresh,
		IdleExpiresAt: sess.IdleExpiresAt, AbsoluteExpiresAt: sess.AbsoluteExpiresAt}, nil
}

// Refresh exchanges a refresh token for a new pair. A token rotated less
// than the grace period ago yields the same successor (two tabs refreshing
// at once); one rotated earlier is a sign of theft, and revokes the whole
// family. Returns ErrSessionEnded when the session cannot continue.
func (s Service) Refresh(ctx context.Context, refresh string) (Tokens, error) {
	return s.refresh(ctx, refresh, true, 0)
}

// refresh rotates the token when rotate is set; a token reached through a
// rotated predecessor's grace is handed out again as it is, so that every
// tab ends up holding the same current token.
func (s Service) refresh(ctx context.Context, refresh string, rotate bool, depth int) (Tokens, error) {
	if !strings.HasPrefix(refresh, refreshPrefix) || depth > 3 {
		return Tokens{}, ErrSessionEnded
	}
	now := s.now()
	sess, err := s.Store.FindSessionForUpdate(ctx, HashSecret(refresh))
	if domain.IsNotFound(err) {
		return Tokens{}, ErrSessionEnded
	}
	if err != nil {
		return Tokens{}, fmt.Errorf("find session: %w", err)
	}
	if !sess.RevokedAt.IsZero() || !now.Before(sess.IdleExpiresAt) || !now.Before(sess.AbsoluteExpiresAt) {
		return Tokens{}, ErrSessionEnded
	}
	if !sess.RotatedAt.IsZero() {
		if now.Sub(sess.RotatedAt) <= s.Settings.RotationGrace && sess.SuccessorSealed != nil {
			successor, err := s.Keys.open(sess.SuccessorSealed)
			if err == nil {
				return s.refresh(ctx, successor, false, depth+1)
			}
		}
		if err := s.Store.RevokeSessionFamily(ctx, sess.FamilyID, now); err != nil {
			return Tokens{}, fmt.Errorf("revoke session family: %w", err)
		}
		return Tokens{}, errReused
	}
	if !rotate {
		return s.tokens(ctx, sess, refresh, now)
	}

	next := Session{
		ID: uuid.New(), FamilyID: sess.FamilyID, PersonID: sess.PersonID, StartedAt: sess.StartedAt,
		IdleExpiresAt:     minTime(now.Add(s.Settings.IdleTimeout), sess.AbsoluteExpiresAt),
		AbsoluteExpiresAt: sess.AbsoluteExpiresAt,
	}
	nextRefresh := newSecret(refreshPrefix)
	if err := s.Store.CreateSession(ctx, next, HashSecret(nextRefresh)); err != nil {
		return Tokens{}, fmt.Errorf("create session: %w", err)
	}
	if err := s.Store.MarkSessionRotated(ctx, sess.ID, now, s.Keys.seal(nextRefresh)); err != nil {
		return Tokens{}, fmt.Errorf("rotate session: %w", err)
	}
	return s.tokens(ctx, next, nextRefresh, now)
}

// errReused is ErrSessionEnded for a reused token; callers must commit the
// revocation it caused, so it is told apart with IsReuse.
var errReused = &domain.Error{Kind: domain.KindUnauthenticated, Message: ErrSessionEnded.Message,
	Err: errors.New("a rotated refresh token was used again; the session family is revoked")}

// IsReuse reports whether err came from a refresh token used after its
// rotation, whose family has been revoked in the current transaction.
func IsReuse(err error) bool { return errors.Is(err, errReused.Err) }

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Logout ends the session family of a refresh token. Unknown tokens are
// ignored: signing out always succeeds.
func (s Service) Logout(ctx context.Context, refresh string) error {
	sess, err := s.Store.FindSessionForUpdate(ctx, HashSecret(refresh))
	if domain.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("find session: %w", err)
	}
	return s.Store.RevokeSessionFamily(ctx, sess.FamilyID, s.now())
}

// Authenticate verifies an access token from a browser cookie.
func (s Service) Authenticate(token string) (AccessClaims, uuid.UUID, error) {
	claims, err := s.Keys.ParseAccess(token, s.now())
	if err != nil {
		return AccessClaims{}, uuid.Nil, domain.ErrUnauthenticated
	}
	id, err := uuid.Parse(claims.Subject)
	if err != nil {
		return AccessClaims{}, uuid.Nil, domain.ErrUnauthenticated
	}
	return claims, id, nil
}

// AuthenticateAccessToken verifies a personal access token and returns
// its owner. Expired and revoked tokens fail like unknown ones.
func (s Service) AuthenticateAccessToken(ctx context.Context, token string) (uuid.UUID, error) {
	if !strings.HasPrefix(token, accessTokenPrefix) || len(token) > 100 {
		return uuid.Nil, domain.ErrUnauthenticated
	}
	t, err := s.Store.FindAccessTokenByHash(ctx, HashSecret(token))
	if domain.IsNotFound(err) {
		return uuid.Nil, domain.ErrUnauthenticated
	}
	if err != nil {
		return uuid.Nil, fmt.Errorf("find access token: %w", err)
	}
	now := s.now()
	if !t.RevokedAt.IsZero() || !now.Before(t.ExpiresOn.AddDate(0, 0, 1)) {
		return uuid.Nil, domain.ErrUnauthenticated
	}
	if now.Sub(t.LastUsedAt) > time.Minute {
		if err := s.Store.TouchAccessToken(ctx, t.ID, now); err != nil {
			return uuid.Nil, fmt.Errorf("touch access token: %w", err)
		}
	}
	return t.PersonID, nil
}

// CreateAccessToken issues a personal access token to its owner, valid to
// the end of expiresOn. The secret is returned once and stored hashed.
func (s Service) CreateAccessToken(
	ctx context.Context, personID uuid.UUID, name string, expiresOn time.Time,
) (AccessToken, string, error) {
	var p domain.Problems
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		p.Add("name", "enter a name of up to 100 characters, to recognise the token by")
	}
	today := s.now().Truncate(24 * time.Hour)
	switch {
	case expiresOn.IsZero():
		p.Add("expires_on", "enter the date the token stops working")
	case expiresOn.Before(today):
		p.Add("expires_on", "the date must be today or later")
	case expiresOn.After(today.Add(s.Settings.MaxTokenLifetime)):
		p.Add("expires_on", "the date must be within a year")
	}
	if err := p.Err(); err != nil {
		return AccessToken{}, "", err
	}
	t := AccessToken{ID: uuid.New(), PersonID: personID, Name: name, ExpiresOn: expiresOn, CreatedAt: s.now()}
	secret := newSecret(accessTokenPrefix)
	if err := s.Store.CreateAccessToken(ctx, t, HashSecret(secret)); err != nil {
		return AccessToken{}, "", fmt.Errorf("create access token: %w", err)
	}
	return t, secret, nil
}

// ListAccessTokens lists a person's tokens, never their secrets.
func (s Service) ListAccessTokens(ctx context.Context, personID uuid.UUID) ([]AccessToken, error) {
	return s.Store.ListAccessTokens(ctx, personID)
}

// RevokeAccessToken revokes one of the person's tokens.
func (s Service) RevokeAccessToken(ctx context.Context, personID, id uuid.UUID) error {
	return s.Store.RevokeAccessToken(ctx, personID, id, s.now())
}

// SetPassword checks and stores a new password and ends every session of
// the person, so that a stolen session dies with the old password.
func (s Service) SetPassword(ctx context.Context, personID uuid.UUID, email, password, field string) error {
	var p domain.Problems
	CheckPassword(&p, field, password, email)
	if err := p.Err(); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	if err := s.Store.SavePassword(ctx, personID, hash); err != nil {
		return fmt.Errorf("save password: %w", err)
	}
	return s.Store.RevokePersonSessions(ctx, personID, s.now())
}

// ChangePassword replaces a signed-in person's password after checking
// the current one, and starts a fresh session.
func (s Service) ChangePassword(
	ctx context.Context, personID uuid.UUID, current, next string,
) (Tokens, error) {
	cred, err := s.Store.FindCredentialsByPerson(ctx, personID)
	if err != nil && !domain.IsNotFound(err) {
		return Tokens{}, fmt.Errorf("find credentials: %w", err)
	}
	ok := false
	if err == nil {
		ok, _ = VerifyPassword(cred.PasswordHash, current)
	}
	if !ok {
		return Tokens{}, domain.InvalidField("current_password", "your current password is not right")
	}
	if current == next {
		return Tokens{}, domain.InvalidField("new_password", "choose a password different from the current one")
	}
	if err := s.SetPassword(ctx, personID, cred.Email, next, "new_password"); err != nil {
		return Tokens{}, err
	}
	return s.StartSession(ctx, personID)
}
