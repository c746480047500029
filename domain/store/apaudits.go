package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/apaudit"
	"sendqa/domain/instrument"
)

// APAudits keeps alternative provision providers, their links to
// councils, audits, standards, challenges and shares.
type APAudits struct{}

var _ apaudit.Store = APAudits{}

// FindProviderOfPerson returns the provider a person speaks for.
func (APAudits) FindProviderOfPerson(
	ctx context.Context,
	personID uuid.UUID,
) (apaudit.Provider, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Provider{}, err
	}
	var p apaudit.Provider
	err = db.Raw(`SELECT p.id, p.name FROM providers p
		JOIN provider_people pp ON pp.provider_id = p.id WHERE pp.person_id = ?`, personID).
		Row().Scan(&p.ID, &p.Name)
	if err == sql.ErrNoRows {
		return apaudit.Provider{}, domain.NotFound("provider")
	}
	return p, translate(err, "provider")
}

// CreateProvider adds a provider.
func (APAudits) CreateProvider(ctx context.Context, p apaudit.Provider) (apaudit.Provider, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Provider{}, err
	}
	err = db.Exec(`INSERT INTO providers (id, name) VALUES (?, ?)`, p.ID, p.Name).Error
	return p, translate(err, "provider")
}

// AddProviderPerson makes a person one of a provider's people.
func (APAudits) AddProviderPerson(ctx context.Context, providerID, personID uuid.UUID) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	return translate(db.Exec(`INSERT INTO provider_people (provider_id, person_id) VALUES (?, ?)
		ON CONFLICT DO NOTHING`, providerID, personID).Error, "provider's person")
}

// ListProviderPeople lists a provider's people.
func (APAudits) ListProviderPeople(ctx context.Context, providerID uuid.UUID) ([]uuid.UUID, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	var ids []uuid.UUID
	rows, err := db.Raw(`SELECT person_id FROM provider_people WHERE provider_id = ? ORDER BY created_at`,
		providerID).Rows()
	if err != nil {
		return nil, translate(err, "provider's person")
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

// linkQuery reads links of the current tenant with the register's
// figures: the latest decided audit, standards waiting for the provider in
// audits in progress, unanswered challenges and audits in progress.
const linkQuery = `SELECT l.provider_id, p.name, l.state, l.contact_email, l.access_until, l.invited_by,
		l.ended_at, l.version, l.created_at,
		cur.id, cur.overall, cur.decision, cur.decided_at, cur.review_on,
		(SELECT count(*) FROM provider_standards s JOIN provider_audits a
			ON a.tenant_id = s.tenant_id AND a.id = s.audit_id
		 WHERE s.tenant_id = l.tenant_id AND s.provider_id = l.provider_id
		   AND a.state IN ('requested', 'more_evidence') AND s.state IN ('requested', 'draft')),
		(SELECT count(*) FROM provider_challenges c
		 WHERE c.tenant_id = l.tenant_id AND c.provider_id = l.provider_id AND c.answered_at IS NULL),
		(SELECT count(*) FROM provider_audits a
		 WHERE a.tenant_id = l.tenant_id AND a.provider_id = l.provider_id AND a.state <> 'decided')
	FROM tenant_providers l
	JOIN providers p ON p.id = l.provider_id
	LEFT JOIN LATERAL (SELECT a.id, a.overall, a.decision, a.decided_at, a.review_on FROM provider_audits a
		WHERE a.tenant_id = l.tenant_id AND a.provider_id = l.provider_id AND a.state = 'decided'
		ORDER BY a.decided_at DESC LIMIT 1) cur ON true
	WHERE l.tenant_id = ?`

func queryLinks(db *gorm.DB, query string, args ...any) ([]apaudit.Link, error) {
	rows, err := db.Raw(query, args...).Rows()
	if err != nil {
		return nil, translate(err, "provider")
	}
	defer rows.Close()
	var out []apaudit.Link
	for rows.Next() {
		var (
			l                 apaudit.Link
			state             string
			invitedBy, curID  *uuid.UUID
			overall, decision *string
			decidedAt         *time.Time
			reviewOn          *time.Time
		)
		err := rows.Scan(&l.ProviderID, &l.ProviderName, &state, &l.ContactEmail, &l.AccessUntil, &invitedBy,
			&l.EndedAt, &l.Version, &l.CreatedAt, &curID, &overall, &decision, &decidedAt, &reviewOn,
			&l.Outstanding, &l.OpenChallenges, &l.OpenAudits)
		if err != nil {
			return nil, err
		}
		l.State, l.InvitedBy = apaudit.LinkState(state), deref(invitedBy)
		if curID != nil {
			l.Current = &apaudit.Current{AuditID: *curID, Overall: deref(overall),
				Decision: apaudit.Decision(deref(decision)), DecidedAt: deref(decidedAt), ReviewOn: deref(reviewOn)}
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// SaveLink adds a provider to the register, or makes an ended link active.
func (st APAudits) SaveLink(ctx context.Context, l apaudit.Link) (apaudit.Link, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Link{}, err
	}
	err = db.Exec(`INSERT INTO tenant_providers (tenant_id, provider_id, state, contact_email, access_until,
			invited_by)
		VALUES (?, ?, 'active', ?, ?, ?)
		ON CONFLICT (tenant_id, provider_id) DO UPDATE SET state = 'active', ended_at = NULL, ended_by = NULL,
			contact_email = excluded.contact_email, access_until = excluded.access_until,
			version = tenant_providers.version + 1, updated_at = now()`,
		tenantOf(ctx), l.ProviderID, l.ContactEmail, l.AccessUntil, ptr(l.InvitedBy)).Error
	if err != nil {
		return apaudit.Link{}, translate(err, "provider")
	}
	return st.FindLink(ctx, l.ProviderID)
}

// FindLink returns one provider of the register.
func (APAudits) FindLink(ctx context.Context, providerID uuid.UUID) (apaudit.Link, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Link{}, err
	}
	list, err := queryLinks(db, linkQuery+" AND l.provider_id = ?", tenantOf(ctx), providerID)
	if err != nil {
		return apaudit.Link{}, err
	}
	if len(list) == 0 {
		return apaudit.Link{}, domain.NotFound("provider")
	}
	return list[0], nil
}

// UpdateLink writes a link's state and access date if it is at version.
func (st APAudits) UpdateLink(
	ctx context.Context,
	l apaudit.Link,
	version int,
) (apaudit.Link, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Link{}, err
	}
	res := db.Exec(`UPDATE tenant_providers SET state = ?, access_until = ?, ended_at = ?,
			ended_by = CASE WHEN ? = 'ended' THEN ?::uuid END, version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND provider_id = ? AND version = ?`,
		string(l.State), l.AccessUntil, l.EndedAt, string(l.State), ptr(domain.ActorFrom(ctx).PersonID),
		tenantOf(ctx), l.ProviderID, version)
	if res.Error != nil {
		return apaudit.Link{}, translate(res.Error, "provider")
	}
	if res.RowsAffected == 0 {
		return apaudit.Link{}, domain.Stale("the provider")
	}
	return st.FindLink(ctx, l.ProviderID)
}

// ListRegister lists the register by provider name.
func (APAudits) ListRegister(
	ctx context.Context,
	pg domain.Page,
) (domain.List[apaudit.Link], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[apaudit.Link]{}, err
	}
	c, err := decodeCursor(pg.Cursor)
	if err != nil {
		return domain.List[apaudit.Link]{}, err
	}
	q, args := linkQuery, []any{tenantOf(ctx)}
	if c.ID != "" {
		q += " AND (lower(p.name), l.provider_id) > (?, ?::uuid)"
		args = append(args, c.Key, c.ID)
	}
	list, err := queryLinks(db, q+" ORDER BY lower(p.name), l.provider_id LIMIT ?", append(args, pg.Limit+1)...)
	if err != nil {
		return domain.List[apaudit.Link]{}, err
	}
	return page(list, pg.Limit, func(l apaudit.Link) (string, string) {
		return strings.ToLower(l.ProviderName), l.ProviderID.String()
	}), nil
}

// auditColumns are an audit's own columns; %s is the definition, or NULL
// in lists.
const auditColumns = `a.id, a.tenant_id, t.slug, t.name, a.provider_id, p.name, a.instrument_key,
	a.instrument_version, %s, a.state, a.evidence_due_on, a.extension_until, a.extension_reason, a.visit_on,
	a.visit_notes, coalesce(a.overall, ''), coalesce(a.decision, ''), a.conditions, a.review_on,
	a.decided_by, a.decided_at, a.submitted_at, a.opened_by, a.version, a.created_at, a.updated_at,
	(SELECT count(*) FROM provider_standards s WHERE s.tenant_id = a.tenant_id AND s.audit_id = a.id
		AND s.state IN ('requested', 'draft')),
	(SELECT count(*) FROM provider_challenges c WHERE c.tenant_id = a.tenant_id AND c.audit_id = a.id
		AND c.answered_at IS NULL),
	EXISTS (SELECT FROM provider_shares sh WHERE sh.tenant_id = a.tenant_id AND sh.audit_id = a.id
		AND sh.withdrawn_at IS NULL)`

const auditFrom = ` FROM provider_audits a
	JOIN tenants t ON t.id = a.tenant_id
	JOIN providers p ON p.id = a.provider_id`

func queryAudits(
	db *gorm.DB,
	withDefinition bool,
	query string,
	args ...any,
) ([]apaudit.Audit, error) {
	def := "NULL::jsonb"
	if withDefinition {
		def = "a.definition"
	}
	rows, err := db.Raw("SELECT "+fmt.Sprintf(auditColumns, def)+auditFrom+" "+query, args...).Rows()
	if err != nil {
		return nil, translate(err, "provider audit")
	}
	defer rows.Close()
	var out []apaudit.Audit
	for rows.Next() {
		var (
			a                   apaudit.Audit
			definition          []byte
			state, decision     string
			decidedBy, openedBy *uuid.UUID
		)
		err := rows.Scan(&a.ID, &a.TenantID, &a.TenantSlug, &a.TenantName, &a.ProviderID, &a.ProviderName,
			&a.InstrumentKey, &a.InstrumentVersion, &definition, &state, &a.EvidenceDueOn, &a.ExtensionUntil,
			&a.ExtensionReason, &a.VisitOn, &a.VisitNotes, &a.Overall, &decision, &a.Conditions, &a.ReviewOn,
			&decidedBy, &a.DecidedAt, &a.SubmittedAt, &openedBy, &a.Version, &a.CreatedAt, &a.UpdatedAt,
			&a.Outstanding, &a.OpenChallenges, &a.Shared)
		if err != nil {
			return nil, err
		}
		a.State, a.Decision = apaudit.State(state), apaudit.Decision(decision)
		a.DecidedBy, a.OpenedBy = deref(decidedBy), deref(openedBy)
		if definition != nil {
			if a.Definition, err = instrument.ParseDefinition(definition); err != nil {
				return nil, fmt.Errorf("read audit definition: %w", err)
			}
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// CreateAudit writes an audit and its standards.
func (st APAudits) CreateAudit(ctx context.Context, a apaudit.Audit) (apaudit.Audit, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Audit{}, err
	}
	def, err := instrument.MarshalDefinition(a.Definition)
	if err != nil {
		return apaudit.Audit{}, fmt.Errorf("write audit definition: %w", err)
	}
	err = db.Exec(`INSERT INTO provider_audits (id, tenant_id, provider_id, instrument_key, instrument_version,
			definition, state, evidence_due_on, opened_by)
		VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)`,
		a.ID, tenantOf(ctx), a.ProviderID, a.InstrumentKey, a.InstrumentVersion, string(def), string(a.State),
		a.EvidenceDueOn, ptr(a.OpenedBy)).Error
	if err != nil {
		return apaudit.Audit{}, translate(err, "provider audit")
	}
	for _, s := range a.Standards {
		err := db.Exec(`INSERT INTO provider_standards (tenant_id, audit_id, provider_id, key, position, theme,
				title, guidance, state)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			tenantOf(ctx), a.ID, a.ProviderID, s.Key, s.Position, s.Theme, s.Title, s.Guidance,
			string(s.State)).Error
		if err != nil {
			return apaudit.Audit{}, translate(err, "standard")
		}
	}
	return st.FindAudit(ctx, a.ID, false)
}

// FindAudit returns an audit of the current tenant with its parts.
func (st APAudits) FindAudit(ctx context.Context, id uuid.UUID, lock bool) (apaudit.Audit, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Audit{}, err
	}
	if lock {
		err := db.Exec(`SELECT 1 FROM provider_audits WHERE tenant_id = ? AND id = ? FOR UPDATE`,
			tenantOf(ctx), id).Error
		if err != nil {
			return apaudit.Audit{}, translate(err, "provider audit")
		}
	}
	return st.findWhole(db, "WHERE a.tenant_id = ? AND a.id = ?", tenantOf(ctx), id)
}

// findWhole reads one audit with its standards, challenges and shares.
func (APAudits) findWhole(db *gorm.DB, where string, args ...any) (apaudit.Audit, error) {
	list, err := queryAudits(db, true, where, args...)
	if err != nil {
		return apaudit.Audit{}, err
	}
	if len(list) == 0 {
		return apaudit.Audit{}, domain.NotFound("provider audit")
	}
	a := list[0]
	if a.Standards, err = queryStandards(db, a.TenantID, a.ID); err != nil {
		return apaudit.Audit{}, err
	}
	if a.Challenges, err = queryChallenges(db, a.TenantID, a.ID); err != nil {
		return apaudit.Audit{}, err
	}
	if a.Shares, err = queryShares(db, a.TenantID, a.ID); err != nil {
		return apaudit.Audit{}, err
	}
	return a, nil
}

func queryStandards(db *gorm.DB, tenantID, auditID uuid.UUID) ([]apaudit.Standard, error) {
	rows, err := db.Raw(`SELECT key, position, theme, title, guidance, state, statement, coalesce(rating, ''),
			feedback, more_request, version, updated_at
		FROM provider_standards WHERE tenant_id = ? AND audit_id = ? ORDER BY position`, tenantID, auditID).Rows()
	if err != nil {
		return nil, translate(err, "standard")
	}
	defer rows.Close()
	var out []apaudit.Standard
	for rows.Next() {
		var (
			s     apaudit.Standard
			state string
		)
		if err := rows.Scan(&s.Key, &s.Position, &s.Theme, &s.Title, &s.Guidance, &state, &s.Statement,
			&s.Rating, &s.Feedback, &s.MoreRequest, &s.Version, &s.UpdatedAt); err != nil {
			return nil, err
		}
		s.State = apaudit.StandardState(state)
		out = append(out, s)
	}
	return out, rows.Err()
}

func queryChallenges(db *gorm.DB, tenantID, auditID uuid.UUID) ([]apaudit.Challenge, error) {
	rows, err := db.Raw(`SELECT id, audit_id, standard_key, rating, reasons, raised_by, raised_at,
			coalesce(outcome, ''), answer, coalesce(new_rating, ''), answered_by, answered_at, version
		FROM provider_challenges WHERE tenant_id = ? AND audit_id = ? ORDER BY raised_at, id`,
		tenantID, auditID).Rows()
	if err != nil {
		return nil, translate(err, "challenge")
	}
	defer rows.Close()
	out := []apaudit.Challenge{}
	for rows.Next() {
		var (
			c  apaudit.Challenge
			by *uuid.UUID
		)
		if err := rows.Scan(&c.ID, &c.AuditID, &c.StandardKey, &c.Rating, &c.Reasons, &c.RaisedBy, &c.RaisedAt,
			&c.Outcome, &c.Answer, &c.NewRating, &by, &c.AnsweredAt, &c.Version); err != nil {
			return nil, err
		}
		c.AnsweredBy = deref(by)
		out = append(out, c)
	}
	return out, rows.Err()
}

func queryShares(db *gorm.DB, tenantID, auditID uuid.UUID) ([]apaudit.Share, error) {
	rows, err := db.Raw(`SELECT id, audit_id, region_id, shared_by, shared_at, withdrawn_at
		FROM provider_shares WHERE tenant_id = ? AND audit_id = ? ORDER BY shared_at, id`,
		tenantID, auditID).Rows()
	if err != nil {
		return nil, translate(err, "share")
	}
	defer rows.Close()
	out := []apaudit.Share{}
	for rows.Next() {
		var (
			s  apaudit.Share
			by *uuid.UUID
		)
		if err := rows.Scan(&s.ID, &s.AuditID, &s.RegionID, &by, &s.SharedAt, &s.WithdrawnAt); err != nil {
			return nil, err
		}
		s.SharedBy = deref(by)
		out = append(out, s)
	}
	return out, rows.Err()
}

// auditPage runs a keyset page of audits, newest first.
func auditPage(db *gorm.DB, where []string, args []any,
	pg domain.Page) (domain.List[apaudit.Audit], error) {
	c, err := decodeCursor(pg.Cursor)
	if err != nil {
		return domain.List[apaudit.Audit]{}, err
	}
	if c.ID != "" {
		where = append(where, "(a.created_at, a.id) < (?::timestamptz, ?::uuid)")
		args = append(args, c.Key, c.ID)
	}
	list, err := queryAudits(db, false, "WHERE "+strings.Join(where, " AND ")+
		" ORDER BY a.created_at DESC, a.id DESC LIMIT ?", append(args, pg.Limit+1)...)
	if err != nil {
		return domain.List[apaudit.Audit]{}, err
	}
	return page(list, pg.Limit, func(a apaudit.Audit) (string, string) {
		return a.CreatedAt.UTC().Format(time.RFC3339Nano), a.ID.String()
	}), nil
}

func filterAudits(f apaudit.AuditFilter, where []string, args []any) ([]string, []any) {
	if f.ProviderID != nil {
		where, args = append(where, "a.provider_id = ?"), append(args, *f.ProviderID)
	}
	if f.State != nil {
		where, args = append(where, "a.state = ?"), append(args, string(*f.State))
	}
	return where, args
}

// ListAudits lists the current tenant's audits, newest first.
func (APAudits) ListAudits(ctx context.Context, f apaudit.AuditFilter,
	pg domain.Page) (domain.List[apaudit.Audit], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[apaudit.Audit]{}, err
	}
	where, args := filterAudits(f, []string{"a.tenant_id = ?"}, []any{tenantOf(ctx)})
	return auditPage(db, where, args, pg)
}

// UpdateAudit writes an audit's own fields if it is at version.
func (APAudits) UpdateAudit(
	ctx context.Context,
	a apaudit.Audit,
	version int,
) (apaudit.Audit, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Audit{}, err
	}
	res := db.Exec(`UPDATE provider_audits SET state = ?, evidence_due_on = ?, extension_until = ?,
			extension_reason = ?, visit_on = ?, visit_notes = ?, overall = nullif(?, ''),
			decision = nullif(?, ''), conditions = ?, review_on = ?, decided_by = ?, decided_at = ?,
			submitted_at = ?, version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`,
		string(a.State), a.EvidenceDueOn, a.ExtensionUntil, a.ExtensionReason, a.VisitOn, a.VisitNotes,
		a.Overall, string(a.Decision), a.Conditions, a.ReviewOn, ptr(a.DecidedBy), a.DecidedAt, a.SubmittedAt,
		tenantOf(ctx), a.ID, version)
	if res.Error != nil {
		return apaudit.Audit{}, translate(res.Error, "provider audit")
	}
	if res.RowsAffected == 0 {
		return apaudit.Audit{}, domain.Stale("the audit")
	}
	return a, nil
}

// UpdateStandard writes one standard and bumps its version.
func (APAudits) UpdateStandard(ctx context.Context, auditID uuid.UUID, s apaudit.Standard,
	by uuid.UUID) (apaudit.Standard, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Standard{}, err
	}
	err = db.Raw(`UPDATE provider_standards SET state = ?, statement = ?, rating = nullif(?, ''), feedback = ?,
			more_request = ?, saved_by = ?, version = version + 1, updated_at = now()
		WHERE tenant_id = ? AND audit_id = ? AND key = ?
		RETURNING version, updated_at`,
		string(s.State), s.Statement, s.Rating, s.Feedback, s.MoreRequest, ptr(by), tenantOf(ctx), auditID,
		s.Key).Row().Scan(&s.Version, &s.UpdatedAt)
	if err == sql.ErrNoRows {
		return apaudit.Standard{}, domain.NotFound("standard")
	}
	return s, translate(err, "standard")
}

// CreateChallenge writes a challenge.
func (APAudits) CreateChallenge(
	ctx context.Context,
	c apaudit.Challenge,
) (apaudit.Challenge, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Challenge{}, err
	}
	err = db.Raw(`INSERT INTO provider_challenges (id, tenant_id, audit_id, provider_id, standard_key, rating,
			reasons, raised_by)
		SELECT ?, a.tenant_id, a.id, a.provider_id, ?, ?, ?, ? FROM provider_audits a
		WHERE a.tenant_id = ? AND a.id = ?
		RETURNING raised_at, version`,
		c.ID, c.StandardKey, c.Rating, c.Reasons, c.RaisedBy, tenantOf(ctx), c.AuditID).
		Row().Scan(&c.RaisedAt, &c.Version)
	if err == sql.ErrNoRows {
		return apaudit.Challenge{}, domain.NotFound("provider audit")
	}
	return c, translate(err, "challenge")
}

// UpdateChallenge writes a challenge's answer if it is at version.
func (APAudits) UpdateChallenge(ctx context.Context, c apaudit.Challenge, version int) (apaudit.Challenge,
	error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Challenge{}, err
	}
	err = db.Raw(`UPDATE provider_challenges SET outcome = ?, answer = ?, new_rating = nullif(?, ''),
			answered_by = ?, answered_at = ?, version = version + 1
		WHERE tenant_id = ? AND id = ? AND version = ?
		RETURNING version`,
		c.Outcome, c.Answer, c.NewRating, ptr(c.AnsweredBy), c.AnsweredAt, tenantOf(ctx), c.ID, version).
		Row().Scan(&c.Version)
	if err == sql.ErrNoRows {
		return apaudit.Challenge{}, domain.Stale("the challenge")
	}
	return c, translate(err, "challenge")
}

// CreateShare writes a share in force.
func (APAudits) CreateShare(ctx context.Context, s apaudit.Share) (apaudit.Share, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Share{}, err
	}
	err = db.Raw(`INSERT INTO provider_shares (id, tenant_id, audit_id, provider_id, region_id, shared_by)
		SELECT ?, a.tenant_id, a.id, a.provider_id, ?, ? FROM provider_audits a
		WHERE a.tenant_id = ? AND a.id = ?
		RETURNING shared_at`,
		s.ID, s.RegionID, ptr(s.SharedBy), tenantOf(ctx), s.AuditID).Row().Scan(&s.SharedAt)
	if err == sql.ErrNoRows {
		return apaudit.Share{}, domain.NotFound("provider audit")
	}
	return s, translate(err, "share")
}

// WithdrawShare withdraws a share in force.
func (APAudits) WithdrawShare(
	ctx context.Context,
	id, by uuid.UUID,
	at time.Time,
) (apaudit.Share, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Share{}, err
	}
	var s apaudit.Share
	var sharedBy *uuid.UUID
	err = db.Raw(`UPDATE provider_shares SET withdrawn_by = ?, withdrawn_at = ?
		WHERE tenant_id = ? AND id = ? AND withdrawn_at IS NULL
		RETURNING id, audit_id, region_id, shared_by, shared_at, withdrawn_at`,
		ptr(by), at, tenantOf(ctx), id).Row().Scan(&s.ID, &s.AuditID, &s.RegionID, &sharedBy, &s.SharedAt,
		&s.WithdrawnAt)
	if err == sql.ErrNoRows {
		return apaudit.Share{}, domain.NotFound("share")
	}
	s.SharedBy = deref(sharedBy)
	return s, translate(err, "share")
}

// ownFilter confines a query to a provider's audits in councils that
// still work with it. Row-level security already does so for the runtime
// role (provider_own_rows); the filter also confines the owner.
const ownFilter = `a.provider_id = ? AND EXISTS (SELECT FROM tenant_providers l
	WHERE l.tenant_id = a.tenant_id AND l.provider_id = a.provider_id AND l.state = 'active'
	  AND l.access_until >= current_date)`

// FindOwnAudit returns one of a provider's audits in any council.
func (st APAudits) FindOwnAudit(
	ctx context.Context,
	providerID, id uuid.UUID,
) (apaudit.Audit, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Audit{}, err
	}
	return st.findWhole(db, "WHERE a.id = ? AND "+ownFilter, id, providerID)
}

// ListOwnAudits lists a provider's audits in every council, newest first.
func (APAudits) ListOwnAudits(ctx context.Context, providerID uuid.UUID,
	pg domain.Page) (domain.List[apaudit.Audit], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[apaudit.Audit]{}, err
	}
	return auditPage(db, []string{ownFilter}, []any{providerID}, pg)
}

// sharedFilter confines a query to other councils' decided audits shared,
// by a share in force, with the current tenant's region. Row-level
// security already does so for the runtime role (shared_with_region); the
// filter also confines the owner.
const sharedFilter = `a.tenant_id <> ? AND a.state = 'decided' AND EXISTS (
	SELECT FROM provider_shares s JOIN tenants me ON me.id = ?
	WHERE s.tenant_id = a.tenant_id AND s.audit_id = a.id AND s.withdrawn_at IS NULL
	  AND s.region_id = me.region_id AND t.region_id = me.region_id)`

// ListSharedResults lists results other councils share with the region.
func (APAudits) ListSharedResults(ctx context.Context, f apaudit.AuditFilter,
	pg domain.Page) (domain.List[apaudit.Audit], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[apaudit.Audit]{}, err
	}
	where, args := filterAudits(f, []string{sharedFilter}, []any{tenantOf(ctx), tenantOf(ctx)})
	return auditPage(db, where, args, pg)
}

// FindSharedResult returns one result shared with the region.
func (st APAudits) FindSharedResult(ctx context.Context, id uuid.UUID) (apaudit.Audit, error) {
	db, err := conn(ctx)
	if err != nil {
		return apaudit.Audit{}, err
	}
	return st.findWhole(db, "WHERE a.id = ? AND "+sharedFilter, id, tenantOf(ctx), tenantOf(ctx))
}

// ReviewsDue lists the current tenant's providers still on the register
// whose latest decided audit is due for review by until, with the officer
// who decided and the provider's people who are members here.
func (APAudits) ReviewsDue(ctx context.Context, until time.Time) ([]apaudit.ReviewDue, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw(`SELECT a.id, p.name, a.review_on,
			array_remove(array_cat(ARRAY[a.decided_by], ARRAY(
				SELECT pp.person_id FROM provider_people pp
				JOIN memberships m ON m.tenant_id = a.tenant_id AND m.person_id = pp.person_id
				WHERE pp.provider_id = a.provider_id)), NULL)::text[]
		FROM provider_audits a
		JOIN providers p ON p.id = a.provider_id
		JOIN tenant_providers l ON l.tenant_id = a.tenant_id AND l.provider_id = a.provider_id
		WHERE a.tenant_id = ? AND a.state = 'decided' AND a.review_on <= ? AND l.state = 'active'
		  AND NOT EXISTS (SELECT FROM provider_audits later WHERE later.tenant_id = a.tenant_id
			AND later.provider_id = a.provider_id AND later.created_at > a.created_at)
		ORDER BY a.review_on, a.id`, tenantOf(ctx), until).Rows()
	if err != nil {
		return nil, translate(err, "provider audit")
	}
	defer rows.Close()
	var out []apaudit.ReviewDue
	for rows.Next() {
		var (
			r      apaudit.ReviewDue
			people textArray
		)
		if err := rows.Scan(&r.AuditID, &r.ProviderName, &r.ReviewOn, &people); err != nil {
			return nil, err
		}
		for _, p := range people {
			id, err := uuid.Parse(p)
			if err != nil {
				return nil, fmt.Errorf("read reminded person: %w", err)
			}
			if !slices.Contains(r.People, id) {
				r.People = append(r.People, id)
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
