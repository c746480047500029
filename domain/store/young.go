package store

import (
	"context"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/identity"
)

type youngLoginRow struct {
	TenantID       uuid.UUID
	PersonID       uuid.UUID
	PassphraseHash *string
	CodeIssuedAt   time.Time
	LastSignInAt   *time.Time
}

func (r youngLoginRow) domain() identity.YoungLogin {
	return identity.YoungLogin{TenantID: r.TenantID, PersonID: r.PersonID,
		PassphraseHash: deref(r.PassphraseHash), CodeIssuedAt: r.CodeIssuedAt,
		LastSignInAt: deref(r.LastSignInAt)}
}

const youngLoginColumns = `tenant_id, person_id, passphrase_hash, code_issued_at, last_sign_in_at`

// FindYoungLogin returns the login of the current tenant's young person
// whose code hashes to codeHash.
func (Identity) FindYoungLogin(ctx context.Context, codeHash []byte) (identity.YoungLogin, error) {
	db, err := conn(ctx)
	if err != nil {
		return identity.YoungLogin{}, err
	}
	var rows []youngLoginRow
	err = db.Raw(`SELECT `+youngLoginColumns+` FROM young_person_logins
		WHERE tenant_id = ? AND code_hash = ? FOR UPDATE`, tenantOf(ctx), codeHash).Scan(&rows).Error
	if err != nil {
		return identity.YoungLogin{}, translate(err, "young person's login")
	}
	if len(rows) == 0 {
		return identity.YoungLogin{}, domain.NotFound("young person's login")
	}
	return rows[0].domain(), nil
}

// SaveYoungLogin sets a new code for a young person of the current
// tenant and clears their passphrase.
func (Identity) SaveYoungLogin(
	ctx context.Context, personID uuid.UUID, codeHash []byte, issuedBy uuid.UUID,
) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`
		INSERT INTO young_person_logins (tenant_id, person_id, code_hash, issued_by)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (tenant_id, person_id) DO UPDATE
		SET code_hash = excluded.code_hash, issued_by = excluded.issued_by,
		    passphrase_hash = NULL, code_issued_at = now()`,
		tenantOf(ctx), personID, codeHash, nilUUID(issuedBy)).Error, "young person's login")
}

// SaveYoungPassphrase keeps the passphrase a young person chose.
func (Identity) SaveYoungPassphrase(ctx context.Context, personID uuid.UUID, hash string) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`UPDATE young_person_logins SET passphrase_hash = ?
		WHERE tenant_id = ? AND person_id = ?`, hash, tenantOf(ctx), personID).Error,
		"young person's login")
}

// TouchYoungLogin records a young person's sign-in.
func (Identity) TouchYoungLogin(ctx context.Context, personID uuid.UUID, at time.Time) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`UPDATE young_person_logins SET last_sign_in_at = ?
		WHERE tenant_id = ? AND person_id = ?`, at, tenantOf(ctx), personID).Error,
		"young person's login")
}

// ListYoungLogins returns every young person's login of the tenant.
func (Identity) ListYoungLogins(ctx context.Context) ([]identity.YoungLogin, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var rows []youngLoginRow
	err = db.Raw(`SELECT `+youngLoginColumns+` FROM young_person_logins WHERE tenant_id = ?`,
		tenantOf(ctx)).Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "young person's login")
	}
	return mapSlice(rows, youngLoginRow.domain), nil
}
