-- At most one open invitation per address in a tenant: inviting someone
-- again replaces the earlier invitation, and two administrators inviting
-- the same person at once get a conflict rather than two working links.

-- +goose Up
CREATE UNIQUE INDEX invitations_open_email_key ON invitations (tenant_id, lower(email))
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- +goose Down
DROP INDEX invitations_open_email_key;
