package store

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"

	"sendqa/domain"
	"sendqa/domain/identity"
)

// Identity keeps credentials, sessions, access tokens and rate limits.
type Identity struct{}

var _ identity.Store = Identity{}

// FindCredentialsByEmail returns the password credentials of the person
// with that e-mail address, in any case.
func (Identity) FindCredentialsByEmail(ctx context.Context, email string) (identity.Credentials, error) {
	return findCredentials(ctx, "lower(p.email) = lower(?)", email)
}

// FindCredentialsByPerson returns a person's password credentials.
func (Identity) FindCredentialsByPerson(
	ctx context.Context, personID uuid.UUID,
) (identity.Credentials, error) {
	return findCredentials(ctx, "p.id = ?", personID)
}

func findCredentials(ctx context.Context, where string, arg any) (identity.Credentials, error) {
	db, err := conn(ctx)
	if err != nil {
		return identity.Credentials{}, err
	}
	var row struct {
		PersonID       uuid.UUID
		Email          string
		PasswordHash   string
		FailedAttempts int
		LockedUntil    *time.Time
	}
	err = db.Table("credentials c").Joins("JOIN people p ON p.id = c.person_id").
		Select("c.person_id, p.email, c.password_hash, c.failed_attempts, c.locked_until").
		Where(where, arg).Take(&row).Error
	if err != nil {
		return identity.Credentials{}, translate(err, "credentials")
	}
	return identity.Credentials{PersonID: row.PersonID, Email: row.Email, PasswordHash: row.PasswordHash,
		FailedAttempts: row.FailedAttempts, LockedUntil: deref(row.LockedUntil)}, nil
}

// SavePassword sets a person's password hash and clears any lockout.
func (Identity) SavePassword(ctx context.Context, personID uuid.UUID, hash string) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`
		INSERT INTO credentials (person_id, password_hash) VALUES (?, ?)
		ON CONFLICT (person_id) DO UPDATE
		SET password_hash = excluded.password_hash, changed_at = now(),
		    failed_attempts = 0, locked_until = NULL`, personID, hash).Error, "credentials")
}

// RecordLoginFailure counts a failed sign-in and locks the account until
// lockUntil once threshold failures in a row are reached.
func (Identity) RecordLoginFailure(
	ctx context.Context, personID uuid.UUID, threshold int, lockUntil time.Time,
) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`
		UPDATE credentials
		SET failed_attempts = failed_attempts + 1,
		    locked_until = CASE WHEN failed_attempts + 1 >= ?
		                        THEN ?::timestamptz ELSE locked_until END
		WHERE person_id = ?`, threshold, lockUntil, personID).Error, "credentials")
}

// ClearLoginFailures resets the count after a successful sign-in.
func (Identity) ClearLoginFailures(ctx context.Context, personID uuid.UUID) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`UPDATE credentials SET failed_attempts = 0, locked_until = NULL
		WHERE person_id = ?`, personID).Error, "credentials")
}

type sessionRow struct {
	ID                uuid.UUID
	FamilyID          uuid.UUID
	PersonID          uuid.UUID
	RefreshHash       []byte
	StartedAt         time.Time
	IdleExpiresAt     time.Time
	AbsoluteExpiresAt time.Time
	RotatedAt         *time.Time
	SuccessorSealed   []byte
	RevokedAt         *time.Time
}

func (sessionRow) TableName() string { return "sessions" }

// CreateSession stores a refresh token's session.
func (Identity) CreateSession(ctx context.Context, s identity.Session, refreshHash []byte) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	row := sessionRow{ID: s.ID, FamilyID: s.FamilyID, PersonID: s.PersonID, RefreshHash: refreshHash,
		StartedAt: s.StartedAt, IdleExpiresAt: s.IdleExpiresAt, AbsoluteExpiresAt: s.AbsoluteExpiresAt}
	return translate(db.Create(&row).Error, "session")
}

// FindSessionForUpdate returns the session of a refresh token and locks it
// until the transaction ends, so that concurrent refreshes queue.
func (Identity) FindSessionForUpdate(ctx context.Context, refreshHash []byte) (identity.Session, error) {
	db, err := conn(ctx)
	if err != nil {
		return identity.Session{}, err
	}
	var r sessionRow
	err = db.Clauses(clause.Locking{Strength: "UPDATE"}).Where("refresh_hash = ?", refreshHash).Take(&r).Error
	if err != nil {
		return identity.Session{}, translate(err, "session")
	}
	return identity.Session{ID: r.ID, FamilyID: r.FamilyID, PersonID: r.PersonID, StartedAt: r.StartedAt,
		IdleExpiresAt: r.IdleExpiresAt, AbsoluteExpiresAt: r.AbsoluteExpiresAt,
		RotatedAt: deref(r.RotatedAt), SuccessorSealed: r.SuccessorSealed, RevokedAt: deref(r.RevokedAt)}, nil
}

// MarkSessionRotated records that a refresh token has a successor.
func (Identity) MarkSessionRotated(
	ctx context.Context, id uuid.UUID, at time.Time, successorSealed []byte,
) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Model(&sessionRow{}).Where("id = ?", id).
		Updates(map[string]any{"rotated_at": at, "successor_sealed": successorSealed}).Error, "session")
}

// RevokeSessionFamily ends every token of one sign-in.
func (Identity) RevokeSessionFamily(ctx context.Context, familyID uuid.UUID, at time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Model(&sessionRow{}).Where("family_id = ? AND revoked_at IS NULL", familyID).
		Updates(map[string]any{"revoked_at": at, "successor_sealed": nil}).Error, "session")
}

// RevokePersonSessions ends every sign-in of a person.
func (Identity) RevokePersonSessions(ctx context.Context, personID uuid.UUID, at time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Model(&sessionRow{}).Where("person_id = ? AND revoked_at IS NULL", personID).
		Updates(map[string]any{"revoked_at": at, "successor_sealed": nil}).Error, "session")
}

type accessTokenRow struct {
	ID         uuid.UUID
	PersonID   uuid.UUID
	Name       string
	TokenHash  []byte
	ExpiresOn  time.Time
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

func (accessTokenRow) TableName() string { return "access_tokens" }

func (r accessTokenRow) domain() identity.AccessToken {
	return identity.AccessToken{ID: r.ID, PersonID: r.PersonID, Name: r.Name, ExpiresOn: r.ExpiresOn,
		CreatedAt: r.CreatedAt, LastUsedAt: deref(r.LastUsedAt), RevokedAt: deref(r.RevokedAt)}
}

// CreateAccessToken stores a personal access token by its hash.
func (Identity) CreateAccessToken(ctx context.Context, t identity.AccessToken, hash []byte) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	row := accessTokenRow{ID: t.ID, PersonID: t.PersonID, Name: t.Name, TokenHash: hash,
		ExpiresOn: t.ExpiresOn, CreatedAt: t.CreatedAt}
	return translate(db.Omit("LastUsedAt", "RevokedAt").Create(&row).Error, "access token")
}

// FindAccessTokenByHash returns the token with that hash.
func (Identity) FindAccessTokenByHash(ctx context.Context, hash []byte) (identity.AccessToken, error) {
	db, err := conn(ctx)
	if err != nil {
		return identity.AccessToken{}, err
	}
	var r accessTokenRow
	if err := db.Where("token_hash = ?", hash).Take(&r).Error; err != nil {
		return identity.AccessToken{}, translate(err, "access token")
	}
	return r.domain(), nil
}

// TouchAccessToken records when a token was last used.
func (Identity) TouchAccessToken(ctx context.Context, id uuid.UUID, at time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Model(&accessTokenRow{}).Where("id = ?", id).Update("last_used_at", at).Error,
		"access token")
}

// ListAccessTokens returns a person's tokens, newest first.
func (Identity) ListAccessTokens(ctx context.Context, personID uuid.UUID) ([]identity.AccessToken, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var rows []accessTokenRow
	err = db.Where("person_id = ?", personID).Order("created_at DESC, id").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "access token")
	}
	return mapSlice(rows, accessTokenRow.domain), nil
}

// RevokeAccessToken revokes one of the person's tokens.
func (Identity) RevokeAccessToken(ctx context.Context, personID, id uuid.UUID, at time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	res := db.Model(&accessTokenRow{}).Where("id = ? AND person_id = ? AND revoked_at IS NULL", id, personID).
		Update("revoked_at", at)
	if res.Error != nil {
		return translate(res.Error, "access token")
	}
	if res.RowsAffected == 0 {
		return domain.NotFound("access token")
	}
	return nil
}

// HitRateLimit counts a hit in key's current window. It runs as its own
// statement so that a failed sign-in still counts when the request's
// transaction rolls back: the count must survive the failure it counts.
func (Identity) HitRateLimit(ctx context.Context, key string, window time.Duration, limit int) (bool, error) {
	db, err := conn(ctx)
	if err != nil {
		return false, err
	}
	var hits int
	err = db.Raw(`
		INSERT INTO rate_limits AS r (key, window_start, hits) VALUES (?, now(), 1)
		ON CONFLICT (key) DO UPDATE
		SET hits = CASE WHEN r.window_start <= now() - make_interval(secs => ?) THEN 1 ELSE r.hits + 1 END,
		    window_start = CASE WHEN r.window_start <= now() - make_interval(secs => ?)
		                        THEN now() ELSE r.window_start END
		RETURNING hits`, key, window.Seconds(), window.Seconds()).Scan(&hits).Error
	if err != nil {
		return false, translate(err, "rate limit")
	}
	return hits <= limit, nil
}

// IsPlatformAdmin reports whether the person operates the instance.
func (Identity) IsPlatformAdmin(ctx context.Context, personID uuid.UUID) (bool, error) {
	db, err := conn(ctx)
	if err != nil {
		return false, err
	}
	var admin bool
	err = db.Raw("SELECT platform_admin FROM people WHERE id = ?", personID).Scan(&admin).Error
	return admin, translate(err, "person")
}
