// Package audit is the append-only trail of what changed in a tenant, who
// changed it and when, and of every view or export of a child's record.
package audit

import (
	"context"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
)

// Actions recorded in the trail.
const (
	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionView   = "view"
	ActionExport = "export"
)

// Event is one row of the trail. Before and After hold the record's fields
// as they were and became, with personal fields left out or encrypted by
// whoever builds the event.
type Event struct {
	ID         uuid.UUID
	TenantID   uuid.UUID // zero for platform events
	OccurredAt time.Time
	ActorID    uuid.UUID
	Action     string
	Entity     string
	EntityID   uuid.UUID
	Before     map[string]any
	After      map[string]any
	RequestID  string
}

// Filter narrows the trail; nil fields match all.
type Filter struct {
	Entity   *string
	EntityID *uuid.UUID
	ActorID  *uuid.UUID
	Action   *string
	From     *time.Time
	To       *time.Time
}

// Store keeps the trail. Implementations write in the caller's transaction
// so that an event is saved exactly when the change it describes is.
type Store interface {
	RecordEvent(ctx context.Context, e Event) error
	RecordPlatformEvent(ctx context.Context, e Event) error
	ListEvents(ctx context.Context, f Filter, p domain.Page) (domain.List[Event], error)
}

// Recorder fills in who, when and which request before storing an event.
type Recorder struct {
	Store Store
	Now   func() time.Time
}

// Record stores an event about a tenant's record in the current tenant.
func (r Recorder) Record(
	ctx context.Context, action, entity string, id uuid.UUID, before, after map[string]any,
) error {
	return r.Store.RecordEvent(ctx, r.event(ctx, action, entity, id, before, after))
}

// RecordPlatform stores an event about the platform's own records.
func (r Recorder) RecordPlatform(
	ctx context.Context, action, entity string, id uuid.UUID, before, after map[string]any,
) error {
	return r.Store.RecordPlatformEvent(ctx, r.event(ctx, action, entity, id, before, after))
}

// Event builds an event as Record would store it, for callers that store
// many events at once.
func (r Recorder) Event(
	ctx context.Context, action, entity string, id uuid.UUID, before, after map[string]any,
) Event {
	return r.event(ctx, action, entity, id, before, after)
}

func (r Recorder) event(
	ctx context.Context, action, entity string, id uuid.UUID, before, after map[string]any,
) Event {
	actor := domain.ActorFrom(ctx)
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	return Event{
		ID:         uuid.New(),
		TenantID:   domain.ScopeFrom(ctx).TenantID,
		OccurredAt: now().UTC(),
		ActorID:    actor.PersonID,
		Action:     action,
		Entity:     entity,
		EntityID:   id,
		Before:     before,
		After:      after,
		RequestID:  actor.RequestID,
	}
}

// Service reads the trail.
type Service struct {
	Store Store
}

// ListEvents returns a page of the current tenant's trail, newest first.
// Callers must hold the audit log read permission; it returns
// domain.ErrInvalid for a malformed cursor.
func (s Service) ListEvents(ctx context.Context, f Filter, p domain.Page) (domain.List[Event], error) {
	return s.Store.ListEvents(ctx, f, p.Normalised())
}
