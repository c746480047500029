package store

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// IdempotencyKey identifies one create request that a client may repeat.
type IdempotencyKey struct {
	TenantID uuid.UUID // zero on platform routes
	PersonID uuid.UUID
	Route    string
	Key      string
}

// StoredResponse is the first response given to a keyed request.
type StoredResponse struct {
	RequestHash []byte
	Status      int
	ContentType string
	Body        []byte
}

// ErrKeyBusy means another request with the same key is still running.
var ErrKeyBusy = errors.New("a request with this idempotency key is still running")

type idempotencyRow struct {
	TenantID    *uuid.UUID
	PersonID    uuid.UUID
	Route       string
	Key         string
	RequestHash []byte
	Status      int
	ContentType string
	Body        []byte
	ExpiresAt   time.Time
}

func (idempotencyRow) TableName() string { return "idempotency_keys" }

// ClaimIdempotencyKey takes a transaction-long lock on the key, so that a
// concurrent request with the same key gets ErrKeyBusy instead of running
// twice, and returns the stored response of an earlier request, if any.
func ClaimIdempotencyKey(ctx context.Context, k IdempotencyKey) (*StoredResponse, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var locked bool
	err = db.Raw(`SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))`,
		k.TenantID.String()+"|"+k.PersonID.String()+"|"+k.Route+"|"+k.Key).Scan(&locked).Error
	if err != nil {
		return nil, translate(err, "idempotency key")
	}
	if !locked {
		return nil, ErrKeyBusy
	}
	var row idempotencyRow
	err = db.Where("tenant_id IS NOT DISTINCT FROM ? AND person_id = ? AND route = ? AND key = ? "+
		"AND expires_at > now()", ptr(k.TenantID), k.PersonID, k.Route, k.Key).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, translate(err, "idempotency key")
	}
	return &StoredResponse{RequestHash: row.RequestHash, Status: row.Status,
		ContentType: row.ContentType, Body: row.Body}, nil
}

// SaveIdempotentResponse stores the response to a keyed request in the
// same transaction as the work it reports, replacing an expired one.
func SaveIdempotentResponse(
	ctx context.Context, k IdempotencyKey, r StoredResponse, ttl time.Duration,
) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	err = db.Exec(`
		INSERT INTO idempotency_keys
		    (tenant_id, person_id, route, key, request_hash, status, content_type, body, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))
		ON CONFLICT (tenant_id, person_id, route, key) DO UPDATE
		SET request_hash = excluded.request_hash, status = excluded.status,
		    content_type = excluded.content_type, body = excluded.body,
		    created_at = now(), expires_at = excluded.expires_at
		WHERE idempotency_keys.expires_at <= now()`,
		ptr(k.TenantID), k.PersonID, k.Route, k.Key, r.RequestHash, r.Status, r.ContentType,
		r.Body, ttl.Seconds()).Error
	return translate(err, "idempotency key")
}
