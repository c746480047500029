package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
)

// Trail keeps the audit trail.
type Trail struct{}

var _ audit.Store = Trail{}

type auditRow struct {
	ID         uuid.UUID
	TenantID   uuid.UUID
	OccurredAt time.Time
	ActorID    *uuid.UUID
	Action     string
	Entity     string
	EntityID   *uuid.UUID
	Before     []byte `gorm:"type:jsonb"`
	After      []byte `gorm:"type:jsonb"`
	RequestID  string
}

func (auditRow) TableName() string { return "audit_events" }

func (r auditRow) domain() audit.Event {
	e := audit.Event{ID: r.ID, TenantID: r.TenantID, OccurredAt: r.OccurredAt,
		ActorID: deref(r.ActorID), Action: r.Action, Entity: r.Entity,
		EntityID: deref(r.EntityID), RequestID: r.RequestID}
	// The trail is written only by this package, so its JSON always parses.
	_ = json.Unmarshal(r.Before, &e.Before)
	_ = json.Unmarshal(r.After, &e.After)
	return e
}

func auditToRow(e audit.Event) (auditRow, error) {
	row := auditRow{ID: e.ID, TenantID: e.TenantID, OccurredAt: e.OccurredAt,
		ActorID: ptr(e.ActorID), Action: e.Action, Entity: e.Entity,
		EntityID: ptr(e.EntityID), RequestID: e.RequestID}
	var err error
	if e.Before != nil {
		if row.Before, err = json.Marshal(e.Before); err != nil {
			return row, fmt.Errorf("encode before: %w", err)
		}
	}
	if e.After != nil {
		if row.After, err = json.Marshal(e.After); err != nil {
			return row, fmt.Errorf("encode after: %w", err)
		}
	}
	return row, nil
}

// RecordEvent appends an event to the current tenant's trail.
func (Trail) RecordEvent(ctx context.Context, e audit.Event) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	row, err := auditToRow(e)
	if err != nil {
		return err
	}
	return translate(db.Create(&row).Error, "audit event")
}

// RecordPlatformEvent appends an event to the platform's trail.
func (Trail) RecordPlatformEvent(ctx context.Context, e audit.Event) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	row, err := auditToRow(e)
	if err != nil {
		return err
	}
	return translate(db.Table("platform_audit_events").Omit("TenantID").Create(&row).Error, "audit event")
}

// ListEvents returns the current tenant's trail, newest first.
func (Trail) ListEvents(
	ctx context.Context, f audit.Filter, p domain.Page,
) (domain.List[audit.Event], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[audit.Event]{}, err
	}
	c, err := decodeCursor(p.Cursor)
	if err != nil {
		return domain.List[audit.Event]{}, err
	}
	q := db.Model(&auditRow{}).Where("tenant_id = ?", tenantOf(ctx)).Order("occurred_at DESC, id DESC")
	if c.ID != "" {
		at, perr := time.Parse(time.RFC3339Nano, c.Key)
		if perr != nil {
			return domain.List[audit.Event]{}, domain.InvalidField("cursor", "the cursor is not one this list gave out")
		}
		q = q.Where("(occurred_at, id) < (?, ?)", at, c.ID)
	}
	if f.Entity != nil {
		q = q.Where("entity = ?", *f.Entity)
	}
	if f.EntityID != nil {
		q = q.Where("entity_id = ?", *f.EntityID)
	}
	if f.ActorID != nil {
		q = q.Where("actor_id = ?", *f.ActorID)
	}
	if f.Action != nil {
		q = q.Where("action = ?", *f.Action)
	}
	if f.From != nil {
		q = q.Where("occurred_at >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("occurred_at < ?", *f.To)
	}
	var rows []auditRow
	if err := q.Limit(p.Limit + 1).Find(&rows).Error; err != nil {
		return domain.List[audit.Event]{}, translate(err, "audit event")
	}
	return page(mapSlice(rows, auditRow.domain), p.Limit, func(e audit.Event) (string, string) {
		return e.OccurredAt.Format(time.RFC3339Nano), e.ID.String()
	}), nil
}
