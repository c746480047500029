package subject

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
)

// FindRetention returns the area's retention period for personal data.
func (s Service) FindRetention(ctx context.Context) (Retention, error) {
	return s.Store.FindRetention(ctx)
}

// SetRetention changes the area's retention period if the rule is still
// at version (zero while the default applies). Callers must hold
// personal_data retention. Returns domain.ErrInvalid for a period outside
// 30 to 5000 days and domain.ErrStale.
func (s Service) SetRetention(ctx context.Context, days, version int) (Retention, error) {
	if days < 30 || days > 5000 {
		return Retention{}, domain.InvalidField("retention_days", "enter a number of days from 30 to 5000")
	}
	before, err := s.Store.FindRetention(ctx)
	if err != nil {
		return Retention{}, err
	}
	if before.Version != version {
		return Retention{}, domain.Stale("the retention rule")
	}
	after, err := s.Store.SaveRetention(ctx, Retention{Days: days, Version: version})
	if err != nil {
		return Retention{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "personal_data_rule", uuid.Nil,
		map[string]any{"retention_days": before.Days}, map[string]any{"retention_days": days})
	return after, err
}

// Purge is what a retention run removed.
type Purge struct {
	Subjects    int
	TrailEvents int
}

// PurgeExpired removes the personal data of every subject whose data was
// last imported longer ago than the area's retention period, and its
// sealed copies in the trail. The subject stays, known by its local id.
// Previews never confirmed go once expired. It runs for the tenant in ctx: the daily job, or an administrator
// holding personal_data retention.
func (s Service) PurgeExpired(ctx context.Context) (Purge, error) {
	if err := s.Store.DeleteExpiredImports(ctx, s.now()); err != nil {
		return Purge{}, err
	}
	r, err := s.Store.FindRetention(ctx)
	if err != nil {
		return Purge{}, err
	}
	cutoff := s.now().AddDate(0, 0, -r.Days)
	ids, err := s.Store.ListExpiredPersonal(ctx, cutoff)
	if err != nil || len(ids) == 0 {
		return Purge{}, err
	}
	n, err := s.Store.PurgePersonal(ctx, ids)
	if err != nil {
		return Purge{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionDelete, "personal_data", uuid.Nil, nil,
		map[string]any{"subjects": len(ids), "trail_events": n, "retention_days": r.Days,
			"stored_before": cutoff.Format(time.RFC3339)})
	return Purge{Subjects: len(ids), TrailEvents: n}, err
}

// Reseal seals again, under the current key, up to limit subjects whose
// personal data an older configured key sealed, and returns how many it changed; run
// it until it returns zero before removing an old key. Limitation: the
// sealed copies in the trail keep the key that sealed them, so an old key
// must stay configured until retention has purged what it sealed.
func (s Service) Reseal(ctx context.Context, limit int) (int, error) {
	var older []string
	for _, id := range s.Keys.KeyIDs() {
		if id != s.Keys.CurrentKey() {
			older = append(older, id)
		}
	}
	if len(older) == 0 {
		return 0, nil
	}
	subjects, err := s.Store.ListSealedWithKeys(ctx, older, limit)
	if err != nil {
		return 0, err
	}
	for _, sub := range subjects {
		p, err := s.open(ctx, sub)
		if err != nil {
			return 0, err
		}
		if sub.Sealed, sub.SealedKey, err = s.seal(ctx, sub.ID, p); err != nil {
			return 0, err
		}
		if err := s.Store.UpdateSealed(ctx, sub); err != nil {
			return 0, fmt.Errorf("reseal subject %s: %w", sub.ID, err)
		}
	}
	return len(subjects), nil
}
