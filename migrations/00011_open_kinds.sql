-- Several later capabilities tell people things and link actions to what
-- caused them. Their kinds are checked by the Go code that writes them;
-- the database keeps only the shape of a kind, so that each capability's
-- migration does not have to restate every other's list.

-- +goose Up
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind ~ '^[a-z][a-z_]{1,39}$');

ALTER TABLE actions DROP CONSTRAINT actions_source_kind_check;
ALTER TABLE actions ADD CONSTRAINT actions_source_kind_check
    CHECK (source_kind ~ '^[a-z][a-z_]{1,39}$');

-- +goose Down
DELETE FROM notifications
    WHERE kind NOT IN ('allocated', 'due_soon', 'overdue', 'reopened', 'moderation', 'feedback');
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('allocated', 'due_soon', 'overdue', 'reopened', 'moderation', 'feedback'));

UPDATE actions SET source_kind = NULL, source_id = NULL
    WHERE source_kind NOT IN ('response', 'moderation', 'feedback');
ALTER TABLE actions DROP CONSTRAINT actions_source_kind_check;
ALTER TABLE actions ADD CONSTRAINT actions_source_kind_check
    CHECK (source_kind IN ('response', 'moderation', 'feedback'));
