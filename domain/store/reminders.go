package store

import (
	"context"

	"github.com/google/uuid"
)

// AllTenants lists every tenant, for work the job queue does in each.
type AllTenants struct{}

// ListTenantIDs returns every tenant's id, oldest first.
func (AllTenants) ListTenantIDs(ctx context.Context) ([]uuid.UUID, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	rows, err := db.Raw(`SELECT id FROM tenants ORDER BY created_at, id`).Rows()
	if err != nil {
		return nil, translate(err, "tenant")
	}
	defer rows.Close()
	for rows.Next() {
		var id uuid.UUID
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
