package store

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/schedule"
)

// Schedule keeps the QA schedule's activities, their completions and
// people's calendar feeds.
type Schedule struct{}

var _ schedule.Store = Schedule{}

const activityColumns = `a.id, a.what, a.who, a.frequency, array_to_string(a.months, ','), a.due_day,
	a.outcome, a.owner_id, coalesce(p.name, ''), a.archived_at, a.version, a.created_at, a.updated_at`

const activityFrom = ` FROM qa_activities a LEFT JOIN people p ON p.id = a.owner_id`

func monthsLiteral(months []int) string {
	parts := make([]string, len(months))
	for i, m := range months {
		parts[i] = strconv.Itoa(m)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func scanActivities(db *gorm.DB, query string, args ...any) ([]schedule.Activity, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, translate(err, "activity")
	}
	defer rows.Close()
	var out []schedule.Activity
	for rows.Next() {
		var (
			a                 schedule.Activity
			frequency, months string
		)
		if err := rows.Scan(&a.ID, &a.What, &a.Who, &frequency, &months, &a.DueDay, &a.Outcome,
			&a.OwnerID, &a.OwnerName, &a.ArchivedAt, &a.Version, &a.CreatedAt,
			&a.UpdatedAt); err != nil {
			return nil, err
		}
		a.Frequency = schedule.Frequency(frequency)
		for _, m := range strings.Split(months, ",") {
			if n, err := strconv.Atoi(m); err == nil {
				a.Months = append(a.Months, n)
			}
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// CreateActivity stores a new activity.
func (st Schedule) CreateActivity(ctx context.Context, a schedule.Activity) (schedule.Activity, error) {
	db, err := conn(ctx)
	if err != nil {
		return schedule.Activity{}, err
	}
	err = db.Exec(`INSERT INTO qa_activities (tenant_id, id, what, who, frequency, months, due_day,
			outcome, owner_id)
		VALUES (?, ?, ?, ?, ?, ?::integer[], ?, ?, ?)`, tenantOf(ctx), a.ID, a.What, a.Who,
		string(a.Frequency), monthsLiteral(a.Months), a.DueDay, a.Outcome, a.OwnerID).Error
	if err != nil {
		return schedule.Activity{}, translate(err, "activity")
	}
	return st.FindActivity(ctx, a.ID, false)
}

// FindActivity returns one of the area's activities.
func (Schedule) FindActivity(ctx context.Context, id uuid.UUID, lock bool) (schedule.Activity, error) {
	db, err := conn(ctx)
	if err != nil {
		return schedule.Activity{}, err
	}
	q := "SELECT " + activityColumns + activityFrom + " WHERE a.tenant_id = ? AND a.id = ?"
	if lock {
		q += " FOR UPDATE OF a"
	}
	list, err := scanActivities(db, q, tenantOf(ctx), id)
	if err != nil {
		return schedule.Activity{}, err
	}
	if len(list) == 0 {
		return schedule.Activity{}, domain.NotFound("activity")
	}
	return list[0], nil
}

// ListActivities lists the activities not archived, by what they are.
func (Schedule) ListActivities(ctx context.Context) ([]schedule.Activity, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	return scanActivities(db, "SELECT "+activityColumns+activityFrom+
		" WHERE a.tenant_id = ? AND a.archived_at IS NULL ORDER BY a.created_at, a.id", tenantOf(ctx))
}

// SaveActivity saves an activity if it is still at version.
func (st Schedule) SaveActivity(
	ctx context.Context,
	a schedule.Activity,
	version int,
) (schedule.Activity, error) {
	db, err := conn(ctx)
	if err != nil {
		return schedule.Activity{}, err
	}
	res := db.Exec(`UPDATE qa_activities SET what = ?, who = ?, frequency = ?, months = ?::integer[],
			due_day = ?, outcome = ?, owner_id = ?, archived_at = ?, version = version + 1,
			updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`, a.What, a.Who, string(a.Frequency),
		monthsLiteral(a.Months), a.DueDay, a.Outcome, a.OwnerID, a.ArchivedAt, tenantOf(ctx), a.ID,
		version)
	if res.Error != nil {
		return schedule.Activity{}, translate(res.Error, "activity")
	}
	if res.RowsAffected == 0 {
		return schedule.Activity{}, domain.Stale("the activity")
	}
	return st.FindActivity(ctx, a.ID, false)
}

// ListCompletions lists the completions of occurrences due from from.
func (Schedule) ListCompletions(ctx context.Context, from time.Time) ([]schedule.Completion, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT c.activity_id, c.due_on, c.completed_on, c.completed_by,
			coalesce(p.name, ''), c.note
		FROM qa_activity_completions c LEFT JOIN people p ON p.id = c.completed_by
		WHERE c.tenant_id = ? AND c.due_on >= ?::date ORDER BY c.due_on`,
		tenantOf(ctx), from.Format(time.DateOnly)).Rows()
	if err != nil {
		return nil, translate(err, "completion")
	}
	defer rows.Close()
	var out []schedule.Completion
	for rows.Next() {
		var c schedule.Completion
		var by *uuid.UUID
		if err := rows.Scan(&c.ActivityID, &c.DueOn, &c.CompletedOn, &by, &c.CompletedName,
			&c.Note); err != nil {
			return nil, err
		}
		c.CompletedBy = deref(by)
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddCompletion records an occurrence done unless it already is.
func (Schedule) AddCompletion(ctx context.Context, c schedule.Completion) (bool, error) {
	db, err := conn(ctx)
	if err != nil {
		return false, err
	}
	res := db.Exec(`INSERT INTO qa_activity_completions (tenant_id, activity_id, due_on, completed_on,
			completed_by, note)
		VALUES (?, ?, ?::date, ?::date, ?, ?) ON CONFLICT DO NOTHING`, tenantOf(ctx), c.ActivityID,
		c.DueOn.Format(time.DateOnly), c.CompletedOn.Format(time.DateOnly), ptr(c.CompletedBy), c.Note)
	if res.Error != nil {
		return false, translate(res.Error, "completion")
	}
	return res.RowsAffected == 1, nil
}

// ReplaceFeed revokes a person's feeds and keeps a new one's hash.
func (st Schedule) ReplaceFeed(ctx context.Context, personID uuid.UUID, hash []byte) error {
	if _, err := st.RevokeFeeds(ctx, personID); err != nil {
		return err
	}
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	err = db.Exec(`INSERT INTO calendar_feeds (tenant_id, person_id, token_hash) VALUES (?, ?, ?)`,
		tenantOf(ctx), personID, hash).Error
	return translate(err, "calendar feed")
}

// RevokeFeeds revokes a person's current feeds.
func (Schedule) RevokeFeeds(ctx context.Context, personID uuid.UUID) (int, error) {
	db, err := conn(ctx)
	if err != nil {
		return 0, err
	}
	res := db.Exec(`UPDATE calendar_feeds SET revoked_at = now()
		WHERE tenant_id = ? AND person_id = ? AND revoked_at IS NULL`, tenantOf(ctx), personID)
	return int(res.RowsAffected), translate(res.Error, "calendar feed")
}

// FindFeed returns the person whose current feed has the hash; the
// person must still belong to the area.
func (Schedule) FindFeed(ctx context.Context, hash []byte) (uuid.UUID, error) {
	db, err := conn(ctx)
	if err != nil {
		return uuid.Nil, err
	}
	var ids []uuid.UUID
	err = db.Raw(`SELECT f.person_id FROM calendar_feeds f
		JOIN memberships m ON m.tenant_id = f.tenant_id AND m.person_id = f.person_id
		WHERE f.tenant_id = ? AND f.token_hash = ? AND f.revoked_at IS NULL`,
		tenantOf(ctx), hash).Scan(&ids).Error
	if err != nil {
		return uuid.Nil, translate(err, "calendar feed")
	}
	if len(ids) == 0 {
		return uuid.Nil, domain.NotFound("calendar feed")
	}
	return ids[0], nil
}

// HasFeed says since when the person has had their current feed.
func (Schedule) HasFeed(ctx context.Context, personID uuid.UUID) (*time.Time, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var at []time.Time
	err = db.Raw(`SELECT created_at FROM calendar_feeds
		WHERE tenant_id = ? AND person_id = ? AND revoked_at IS NULL`, tenantOf(ctx), personID).
		Scan(&at).Error
	if err != nil || len(at) == 0 {
		return nil, translate(err, "calendar feed")
	}
	return &at[0], nil
}
