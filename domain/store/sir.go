package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
	"sendqa/domain/round"
	"sendqa/domain/sir"
)

// SIR keeps the register of settings (the area's organisations with a
// URN), the SEN information report rounds, their checks and letters.
type SIR struct{}

var _ sir.Store = SIR{}

const settingColumns = `o.id, coalesce(o.urn, ''), o.name, o.phase, o.setting_type, o.sir_url,
	o.contact_email, o.archived, o.version`

func scanSetting(r rowScanner, s *sir.Setting, extra ...any) error {
	return r.Scan(append([]any{&s.ID, &s.URN, &s.Name, &s.Phase, &s.Type, &s.ReportURL,
		&s.SENCOEmail, &s.Archived, &s.Version}, extra...)...)
}

// SettingsByURN returns every setting of the register by URN.
func (SIR) SettingsByURN(ctx context.Context) (map[string]sir.Setting, error) {
	db, err := conn(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.Raw("SELECT "+settingColumns+` FROM organisations o
		WHERE o.tenant_id = ? AND o.urn IS NOT NULL AND o.kind IN ('school', 'setting')`,
		tenantOf(ctx)).Rows()
	if err != nil {
		return nil, translate(err, "setting")
	}
	defer rows.Close()
	out := map[string]sir.Setting{}
	for rows.Next() {
		var s sir.Setting
		if err := scanSetting(rows, &s); err != nil {
			return nil, err
		}
		out[s.URN] = s
	}
	return out, rows.Err()
}

// SaveSettings creates settings at version 0 and updates the others,
// bringing an archived one back.
func (SIR) SaveSettings(ctx context.Context, settings []sir.Setting) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	for _, s := range settings {
		if s.Version == 0 {
			err = db.Exec(`INSERT INTO organisations (tenant_id, id, kind, name, urn, phase,
					setting_type, sir_url, contact_email)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, tenantOf(ctx), s.ID, string(sir.KindOf(s.Phase)),
				s.Name, s.URN, s.Phase, s.Type, s.ReportURL, s.SENCOEmail).Error
		} else {
			err = db.Exec(`UPDATE organisations SET name = ?, phase = ?, setting_type = ?,
					sir_url = ?, contact_email = ?, archived = false, version = version + 1,
					updated_at = now()
				WHERE tenant_id = ? AND id = ?`, s.Name, s.Phase, s.Type, s.ReportURL,
				s.SENCOEmail, tenantOf(ctx), s.ID).Error
		}
		if err != nil {
			return settingConflict(translate(err, "setting"), s)
		}
	}
	return nil
}

// settingConflict words the clash of a new setting with an organisation
// of the same name.
func settingConflict(err error, s sir.Setting) error {
	var de *domain.Error
	if ok := asDomain(err, &de); ok && de.Kind == domain.KindConflict {
		return domain.Conflict("another organisation is already called %s; "+
			"rename it or give it URN %s", s.Name, s.URN)
	}
	return err
}

func asDomain(err error, target **domain.Error) bool {
	return errors.As(err, target)
}

// FindSetting returns one setting of the register.
func (SIR) FindSetting(ctx context.Context, id uuid.UUID) (sir.Setting, error) {
	db, err := conn(ctx)
	if err != nil {
		return sir.Setting{}, err
	}
	var s sir.Setting
	err = scanSetting(db.Raw("SELECT "+settingColumns+` FROM organisations o
		WHERE o.tenant_id = ? AND o.id = ? AND o.urn IS NOT NULL`, tenantOf(ctx), id).Row(), &s)
	return s, translateRow(err, "setting")
}

// translateRow treats a missing row as not found.
func translateRow(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return domain.NotFound(what)
	}
	return translate(err, what)
}

// ListSettings returns a page of the register by name.
func (SIR) ListSettings(
	ctx context.Context, f sir.SettingFilter, pg domain.Page,
) (domain.List[sir.Setting], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[sir.Setting]{}, err
	}
	c, err := decodeCursor(pg.Cursor)
	if err != nil {
		return domain.List[sir.Setting]{}, err
	}
	where := []string{"o.tenant_id = ?", "o.urn IS NOT NULL", "o.kind IN ('school', 'setting')"}
	args := []any{tenantOf(ctx)}
	if f.Phase != nil {
		where, args = append(where, "o.phase = ?"), append(args, *f.Phase)
	}
	if f.Query != nil && *f.Query != "" {
		where = append(where, "(o.name ILIKE ? OR o.urn LIKE ?)")
		args = append(args, "%"+escapeLike(*f.Query)+"%", escapeLike(*f.Query)+"%")
	}
	if c.ID != "" {
		where = append(where, "(lower(o.name), o.id) > (?, ?::uuid)")
		args = append(args, c.Key, c.ID)
	}
	rows, err := db.Raw("SELECT "+settingColumns+" FROM organisations o WHERE "+
		strings.Join(where, " AND ")+" ORDER BY lower(o.name), o.id LIMIT ?",
		append(args, pg.Limit+1)...).Rows()
	if err != nil {
		return domain.List[sir.Setting]{}, translate(err, "setting")
	}
	defer rows.Close()
	var list []sir.Setting
	for rows.Next() {
		var s sir.Setting
		if err := scanSetting(rows, &s); err != nil {
			return domain.List[sir.Setting]{}, err
		}
		list = append(list, s)
	}
	if err := rows.Err(); err != nil {
		return domain.List[sir.Setting]{}, err
	}
	return page(list, pg.Limit, func(s sir.Setting) (string, string) {
		return strings.ToLower(s.Name), s.ID.String()
	}), nil
}

type rejectionJSON struct {
	Line     int         `json:"line"`
	URN      string      `json:"urn"`
	Problems [][2]string `json:"problems"`
}

type registerRowJSON struct {
	Line       int    `json:"l"`
	URN        string `json:"u"`
	Name       string `json:"n"`
	Phase      string `json:"p"`
	Type       string `json:"t"`
	ReportURL  string `json:"r"`
	SENCOEmail string `json:"e"`
}

// CreateRegisterImport keeps a checked register file.
func (st SIR) CreateRegisterImport(
	ctx context.Context,
	im sir.RegisterImport,
) (sir.RegisterImport, error) {
	db, err := conn(ctx)
	if err != nil {
		return sir.RegisterImport{}, err
	}
	rows := make([]registerRowJSON, len(im.Rows))
	for i, r := range im.Rows {
		rows[i] = registerRowJSON(r)
	}
	rejected := make([]rejectionJSON, len(im.Rejected))
	for i, r := range im.Rejected {
		rejected[i] = rejectionJSON{Line: r.Line, URN: r.URN}
		for _, p := range r.Problems {
			rejected[i].Problems = append(rejected[i].Problems, [2]string{p.Field, p.Message})
		}
	}
	rowsJSON, _ := json.Marshal(rows)
	rejJSON, _ := json.Marshal(rejected)
	ignored := im.Ignored
	if ignored == nil {
		ignored = []string{}
	}
	ignJSON, _ := json.Marshal(ignored)
	err = db.Exec(`INSERT INTO setting_imports (tenant_id, id, file_name, state, total_rows,
			new_count, updated_count, unchanged, rows, rejected, ignored, created_by, created_at,
			expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)`,
		tenantOf(ctx), im.ID, im.FileName, string(im.State), im.Total, im.New, im.Updated, im.Same,
		string(rowsJSON), string(rejJSON), string(ignJSON), ptr(im.CreatedBy), im.CreatedAt,
		im.ExpiresAt).Error
	if err != nil {
		return sir.RegisterImport{}, translate(err, "import")
	}
	return st.FindRegisterImport(ctx, im.ID)
}

// FindRegisterImport returns a register import.
func (SIR) FindRegisterImport(ctx context.Context, id uuid.UUID) (sir.RegisterImport, error) {
	db, err := conn(ctx)
	if err != nil {
		return sir.RegisterImport{}, err
	}
	var (
		im                         sir.RegisterImport
		state                      string
		rowsJSON, rejJSON, ignJSON []byte
		createdBy                  *uuid.UUID
	)
	err = db.Raw(`SELECT id, file_name, state, total_rows, new_count, updated_count, unchanged,
			rows, rejected, ignored, created_by, created_at, confirmed_at, expires_at
		FROM setting_imports WHERE tenant_id = ? AND id = ?`, tenantOf(ctx), id).Row().Scan(
		&im.ID, &im.FileName, &state, &im.Total, &im.New, &im.Updated, &im.Same, &rowsJSON,
		&rejJSON, &ignJSON, &createdBy, &im.CreatedAt, &im.ConfirmedAt, &im.ExpiresAt)
	if err != nil {
		return sir.RegisterImport{}, translateRow(err, "import")
	}
	im.State, im.CreatedBy = sir.ImportState(state), deref(createdBy)
	var rows []registerRowJSON
	var rejected []rejectionJSON
	if err := json.Unmarshal(rowsJSON, &rows); err != nil {
		return sir.RegisterImport{}, fmt.Errorf("decode import rows: %w", err)
	}
	if err := json.Unmarshal(rejJSON, &rejected); err != nil {
		return sir.RegisterImport{}, fmt.Errorf("decode rejected rows: %w", err)
	}
	if err := json.Unmarshal(ignJSON, &im.Ignored); err != nil {
		return sir.RegisterImport{}, fmt.Errorf("decode ignored columns: %w", err)
	}
	for _, r := range rows {
		im.Rows = append(im.Rows, sir.RegisterRow(r))
	}
	for _, r := range rejected {
		rej := sir.Rejection{Line: r.Line, URN: r.URN}
		for _, p := range r.Problems {
			rej.Problems = append(rej.Problems, domain.FieldError{Field: p[0], Message: p[1]})
		}
		im.Rejected = append(im.Rejected, rej)
	}
	return im, nil
}

// ConfirmRegisterImport records that an import was written.
func (SIR) ConfirmRegisterImport(ctx context.Context, im sir.RegisterImport) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	res := db.Exec(`UPDATE setting_imports SET state = ?, confirmed_at = ?, new_count = ?,
			updated_count = ?, unchanged = ?
		WHERE tenant_id = ? AND id = ? AND state = 'previewed'`, string(im.State), im.ConfirmedAt,
		im.New, im.Updated, im.Same, tenantOf(ctx), im.ID)
	if res.Error != nil {
		return translate(res.Error, "import")
	}
	if res.RowsAffected == 0 {
		return domain.Conflict("this import was confirmed already")
	}
	return nil
}

// CreateRound stores a round and its drawn checks.
func (st SIR) CreateRound(ctx context.Context, r sir.Round, checks []sir.Check) (sir.Round, error) {
	db, err := conn(ctx)
	if err != nil {
		return sir.Round{}, err
	}
	strata := make([]stratumJSON, len(r.Strata))
	for i, s := range r.Strata {
		strata[i] = stratumJSON(s)
	}
	strataJSON, _ := json.Marshal(strata)
	err = db.Exec(`INSERT INTO sir_rounds (tenant_id, id, name, year, sample_size, by_phase, seed,
			strata, population, due_on, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)`, tenantOf(ctx), r.ID, r.Name, r.Year,
		r.SampleSize, r.ByPhase, r.Seed, string(strataJSON), r.Population, r.DueOn.Time(),
		ptr(r.CreatedBy)).Error
	if err != nil {
		err = translate(err, "round")
		var de *domain.Error
		if asDomain(err, &de) && de.Kind == domain.KindConflict {
			return sir.Round{}, domain.Conflict("a round called %s exists already", r.Name)
		}
		return sir.Round{}, err
	}
	for _, c := range checks {
		err := db.Exec(`INSERT INTO sir_checks (tenant_id, id, round_id, organisation_id, stratum,
				state, report_url)
			VALUES (?, ?, ?, ?, ?, 'unallocated', ?)`, tenantOf(ctx), c.ID, r.ID, c.Setting.ID,
			c.Stratum, c.ReportURL).Error
		if err != nil {
			return sir.Round{}, translate(err, "check")
		}
	}
	return st.FindRound(ctx, r.ID)
}

const sirRoundColumns = `r.id, r.name, r.year, r.sample_size, r.by_phase, r.seed, r.strata,
	r.population, r.due_on, r.created_by, r.version, r.created_at, r.updated_at,
	(SELECT count(*) FROM sir_checks c WHERE c.tenant_id = r.tenant_id AND c.round_id = r.id),
	(SELECT count(*) FROM sir_checks c WHERE c.tenant_id = r.tenant_id AND c.round_id = r.id
		AND c.state <> 'unallocated'),
	(SELECT count(*) FROM sir_checks c WHERE c.tenant_id = r.tenant_id AND c.round_id = r.id
		AND c.state = 'completed')`

func scanRound(rs rowScanner, r *sir.Round) error {
	var (
		strata    []byte
		dueOn     time.Time
		createdBy *uuid.UUID
	)
	if err := rs.Scan(&r.ID, &r.Name, &r.Year, &r.SampleSize, &r.ByPhase, &r.Seed, &strata,
		&r.Population, &dueOn, &createdBy, &r.Version, &r.CreatedAt, &r.UpdatedAt, &r.Checks,
		&r.Allocated, &r.Completed); err != nil {
		return err
	}
	var list []stratumJSON
	if err := json.Unmarshal(strata, &list); err != nil {
		return fmt.Errorf("decode strata: %w", err)
	}
	for _, s := range list {
		r.Strata = append(r.Strata, round.Stratum(s))
	}
	r.DueOn, r.CreatedBy = instrument.DateOf(dueOn), deref(createdBy)
	return nil
}

// FindRound returns a round with its counts.
func (SIR) FindRound(ctx context.Context, id uuid.UUID) (sir.Round, error) {
	db, err := conn(ctx)
	if err != nil {
		return sir.Round{}, err
	}
	var r sir.Round
	err = scanRound(db.Raw("SELECT "+sirRoundColumns+` FROM sir_rounds r
		WHERE r.tenant_id = ? AND r.id = ?`, tenantOf(ctx), id).Row(), &r)
	return r, translateRow(err, "round")
}

// ListRounds returns a page of rounds, newest year first.
func (SIR) ListRounds(ctx context.Context, pg domain.Page) (domain.List[sir.Round], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[sir.Round]{}, err
	}
	c, err := decodeCursor(pg.Cursor)
	if err != nil {
		return domain.List[sir.Round]{}, err
	}
	where, args := "r.tenant_id = ?", []any{tenantOf(ctx)}
	if c.ID != "" {
		// Newest year first: a later page has a smaller year, or the same
		// year and a larger id.
		where += " AND (r.year < ?::int OR r.year = ?::int AND r.id > ?::uuid)"
		args = append(args, c.Key, c.Key, c.ID)
	}
	rows, err := db.Raw("SELECT "+sirRoundColumns+" FROM sir_rounds r WHERE "+where+
		" ORDER BY r.year DESC, r.id LIMIT ?", append(args, pg.Limit+1)...).Rows()
	if err != nil {
		return domain.List[sir.Round]{}, translate(err, "round")
	}
	defer rows.Close()
	var list []sir.Round
	for rows.Next() {
		var r sir.Round
		if err := scanRound(rows, &r); err != nil {
			return domain.List[sir.Round]{}, err
		}
		list = append(list, r)
	}
	if err := rows.Err(); err != nil {
		return domain.List[sir.Round]{}, err
	}
	return page(list, pg.Limit, func(r sir.Round) (string, string) {
		return fmt.Sprint(r.Year), r.ID.String()
	}), nil
}

const checkColumns = `c.id, c.round_id, r.name, r.year, r.due_on, c.stratum, c.officer_id,
	coalesce(p.name, ''), c.state, c.report_url, c.checked_on, c.published, c.last_updated,
	c.ratings, c.copy_key, c.copy_name, c.copy_type, c.copy_size, c.completed_at, c.version,
	c.created_at, c.updated_at, coalesce(l.state, ''), ` + settingColumns

const checkFrom = ` FROM sir_checks c
	JOIN sir_rounds r ON r.tenant_id = c.tenant_id AND r.id = c.round_id
	JOIN organisations o ON o.tenant_id = c.tenant_id AND o.id = c.organisation_id
	LEFT JOIN people p ON p.id = c.officer_id
	LEFT JOIN sir_letters l ON l.tenant_id = c.tenant_id AND l.check_id = c.id`

type assessmentJSON struct {
	Rating  string `json:"rating"`
	Comment string `json:"comment,omitempty"`
}

func scanCheck(rs rowScanner, c *sir.Check, extra ...any) error {
	var (
		dueOn                  time.Time
		officer                *uuid.UUID
		state, letter          string
		checkedOn, lastUpdated *time.Time
		ratings                []byte
		copyKey                *string
		cp                     sir.Copy
	)
	err := rs.Scan(append([]any{&c.ID, &c.RoundID, &c.RoundName, &c.Year, &dueOn, &c.Stratum,
		&officer, &c.OfficerName, &state, &c.ReportURL, &checkedOn, &c.Published, &lastUpdated,
		&ratings, &copyKey, &cp.Name, &cp.Type, &cp.Size, &c.CompletedAt, &c.Version,
		&c.CreatedAt, &c.UpdatedAt, &letter, &c.Setting.ID, &c.Setting.URN, &c.Setting.Name,
		&c.Setting.Phase, &c.Setting.Type, &c.Setting.ReportURL, &c.Setting.SENCOEmail,
		&c.Setting.Archived, &c.Setting.Version}, extra...)...)
	if err != nil {
		return err
	}
	c.DueOn, c.OfficerID, c.State = instrument.DateOf(dueOn), deref(officer), sir.State(state)
	c.LetterState = sir.LetterState(letter)
	if checkedOn != nil {
		c.CheckedOn = instrument.DateOf(*checkedOn)
	}
	if lastUpdated != nil {
		c.LastUpdated = instrument.DateOf(*lastUpdated)
	}
	if copyKey != nil {
		cp.Key = *copyKey
		c.Copy = &cp
	}
	var m map[string]assessmentJSON
	if err := json.Unmarshal(ratings, &m); err != nil {
		return fmt.Errorf("decode ratings: %w", err)
	}
	c.Ratings = make(map[string]sir.Assessment, len(m))
	for id, a := range m {
		c.Ratings[id] = sir.Assessment{Rating: sir.Rating(a.Rating), Comment: a.Comment}
	}
	return nil
}

// FindCheck returns a check with its setting, locked until the
// transaction ends when lock is set.
func (SIR) FindCheck(ctx context.Context, id uuid.UUID, lock bool) (sir.Check, error) {
	db, err := conn(ctx)
	if err != nil {
		return sir.Check{}, err
	}
	q := "SELECT " + checkColumns + checkFrom + " WHERE c.tenant_id = ? AND c.id = ?"
	if lock {
		q += " FOR UPDATE OF c"
	}
	var c sir.Check
	err = scanCheck(db.Raw(q, tenantOf(ctx), id).Row(), &c)
	return c, translateRow(err, "check")
}

// ListChecks returns a page of checks by setting name.
func (SIR) ListChecks(
	ctx context.Context, f sir.CheckFilter, pg domain.Page,
) (domain.List[sir.Check], error) {
	db, err := conn(ctx)
	if err != nil {
		return domain.List[sir.Check]{}, err
	}
	cur, err := decodeCursor(pg.Cursor)
	if err != nil {
		return domain.List[sir.Check]{}, err
	}
	where, args := []string{"c.tenant_id = ?"}, []any{tenantOf(ctx)}
	if f.RoundID != nil {
		where, args = append(where, "c.round_id = ?"), append(args, *f.RoundID)
	}
	if f.OrganisationID != nil {
		where, args = append(where, "c.organisation_id = ?"), append(args, *f.OrganisationID)
	}
	if f.OfficerID != nil {
		where, args = append(where, "c.officer_id = ?"), append(args, *f.OfficerID)
	}
	if cur.ID != "" {
		where = append(where, "(lower(o.name), c.id) > (?, ?::uuid)")
		args = append(args, cur.Key, cur.ID)
	}
	rows, err := db.Raw("SELECT "+checkColumns+checkFrom+" WHERE "+strings.Join(where, " AND ")+
		" ORDER BY lower(o.name), c.id LIMIT ?", append(args, pg.Limit+1)...).Rows()
	if err != nil {
		return domain.List[sir.Check]{}, translate(err, "check")
	}
	defer rows.Close()
	var list []sir.Check
	for rows.Next() {
		var c sir.Check
		if err := scanCheck(rows, &c); err != nil {
			return domain.List[sir.Check]{}, err
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return domain.List[sir.Check]{}, err
	}
	return page(list, pg.Limit, func(c sir.Check) (string, string) {
		return strings.ToLower(c.Setting.Name), c.ID.String()
	}), nil
}

func datePtr(d instrument.Date) *time.Time {
	if d.IsZero() {
		return nil
	}
	t := d.Time()
	return &t
}

// SaveCheck saves a check if it is still at version.
func (st SIR) SaveCheck(ctx context.Context, c sir.Check, version int) (sir.Check, error) {
	db, err := conn(ctx)
	if err != nil {
		return sir.Check{}, err
	}
	ratings := make(map[string]assessmentJSON, len(c.Ratings))
	for id, a := range c.Ratings {
		ratings[id] = assessmentJSON{Rating: string(a.Rating), Comment: a.Comment}
	}
	ratingsJSON, _ := json.Marshal(ratings)
	var (
		copyKey        *string
		cpName, cpType string
		cpSize         int64
	)
	if c.Copy != nil {
		copyKey, cpName, cpType, cpSize = &c.Copy.Key, c.Copy.Name, c.Copy.Type, c.Copy.Size
	}
	res := db.Exec(`UPDATE sir_checks SET state = ?, report_url = ?, checked_on = ?, published = ?,
			last_updated = ?, ratings = ?::jsonb, copy_key = ?, copy_name = ?, copy_type = ?,
			copy_size = ?, completed_at = ?, saved_by = ?, version = version + 1,
			updated_at = now()
		WHERE tenant_id = ? AND id = ? AND version = ?`, string(c.State), c.ReportURL,
		datePtr(c.CheckedOn), c.Published, datePtr(c.LastUpdated), string(ratingsJSON), copyKey,
		cpName, cpType, cpSize, c.CompletedAt, ptr(domain.ActorFrom(ctx).PersonID),
		tenantOf(ctx), c.ID, version)
	if res.Error != nil {
		return sir.Check{}, translate(res.Error, "check")
	}
	if res.RowsAffected == 0 {
		return sir.Check{}, domain.Stale("the check")
	}
	return st.FindCheck(ctx, c.ID, false)
}

// Allocate gives checks to officers.
func (SIR) Allocate(
	ctx context.Context,
	roundID uuid.UUID,
	officers map[uuid.UUID]uuid.UUID,
) error {
	db, err := conn(ctx)
	if err != nil {
		return err
	}
	for check, officer := range officers {
		err := db.Exec(`UPDATE sir_checks SET officer_id = ?, state = 'allocated',
				version = version + 1, updated_at = now()
			WHERE tenant_id = ? AND round_id = ? AND id = ? AND state = 'unallocated'`,
			officer, tenantOf(ctx), roundID, check).Error
		if err != nil {
			return translate(err, "check")
		}
	}
	return nil
}

// OfficerName returns the name of an auditor or QA lead of the area.
func (SIR) OfficerName(ctx context.Context, personID uuid.UUID) (string, bool, error) {
	db, err := conn(ctx)
	if err != nil {
		return "", false, err
	}
	var names []string
	err = db.Raw(`SELECT p.name FROM memberships m JOIN people p ON p.id = m.person_id
		WHERE m.tenant_id = ? AND m.person_id = ?
		  AND (m.roles && ARRAY['auditor', 'qa_lead']::text[])`, tenantOf(ctx),
		personID).Scan(&names).Error
	if err != nil {
		return "", false, translate(err, "person")
	}
	if len(names) == 0 {
		return "", false, nil
	}
	return names[0], true, nil
}

// AreaName is the current tenant's name.
func (SIR) AreaName(ctx context.Context) (string, error) {
	db, err := conn(ctx)
	if err != nil {
		return "", err
	}
	var name string
	err = db.Raw(`SELECT name FROM tenants WHERE id = ?`, tenantOf(ctx)).Row().Scan(&name)
	return name, translateRow(err, "area")
}

// RecordEvents adds trail rows in the caller's transaction.
func (SIR) RecordEvents(ctx context.Context, events []audit.Event) error {
	return Subjects{}.RecordEvents(ctx, events)
}

type letterJSON struct {
	SettingName string        `json:"setting_name"`
	URN         string        `json:"urn"`
	ReportURL   string        `json:"report_url"`
	CheckedOn   string        `json:"checked_on"`
	Published   bool          `json:"published"`
	LastUpdated string        `json:"last_updated"`
	Stale       bool          `json:"stale"`
	Met         []findingJSON `json:"met"`
	Partly      []findingJSON `json:"partly"`
	NotMet      []findingJSON `json:"not_met"`
	// CheckVersion is the version of the check the letter was written from.
	CheckVersion int `json:"check_version"`
}

type findingJSON struct {
	ItemID  string `json:"item_id"`
	Label   string `json:"label"`
	Rating  string `json:"rating"`
	Comment string `json:"comment,omitempty"`
}

func findingsToJSON(list []sir.Finding) []findingJSON {
	out := make([]findingJSON, len(list))
	for i, f := range list {
		out[i] = findingJSON{ItemID: f.ItemID, Label: f.Label, Rating: string(f.Rating),
			Comment: f.Comment}
	}
	return out
}

func findingsFromJSON(list []findingJSON) []sir.Finding {
	out := make([]sir.Finding, len(list))
	for i, f := range list {
		out[i] = sir.Finding{ItemID: f.ItemID, Label: f.Label, Rating: sir.Rating(f.Rating),
			Comment: f.Comment}
	}
	return out
}

func parseDateOrZero(s string) instrument.Date {
	d, _ := instrument.ParseDate(s)
	return d
}

// FindLetter returns a check's letter.
func (SIR) FindLetter(ctx context.Context, checkID uuid.UUID) (sir.Letter, error) {
	db, err := conn(ctx)
	if err != nil {
		return sir.Letter{}, err
	}
	var (
		l                   sir.Letter
		state               string
		findings            []byte
		respondBy           time.Time
		generated, reviewer *uuid.UUID
	)
	err = db.Raw(`SELECT id, check_id, state, findings, respond_by, pdf, generated_by,
			generated_at, reviewed_by, reviewed_at, sent_to, sent_at, version
		FROM sir_letters WHERE tenant_id = ? AND check_id = ?`, tenantOf(ctx), checkID).Row().Scan(
		&l.ID, &l.CheckID, &state, &findings, &respondBy, &l.PDF, &generated, &l.GeneratedAt,
		&reviewer, &l.ReviewedAt, &l.SentTo, &l.SentAt, &l.Version)
	if err != nil {
		return sir.Letter{}, translateRow(err, "letter")
	}
	var f letterJSON
	if err := json.Unmarshal(findings, &f); err != nil {
		return sir.Letter{}, fmt.Errorf("decode findings: %w", err)
	}
	l.State, l.GeneratedBy, l.ReviewedBy = sir.LetterState(state), deref(generated), deref(reviewer)
	l.Findings = sir.Findings{SettingName: f.SettingName, URN: f.URN, ReportURL: f.ReportURL,
		CheckedOn: parseDateOrZero(f.CheckedOn), Published: f.Published,
		LastUpdated: parseDateOrZero(f.LastUpdated), Stale: f.Stale,
		Met: findingsFromJSON(f.Met), Partly: findingsFromJSON(f.Partly),
		NotMet: findingsFromJSON(f.NotMet), RespondBy: instrument.DateOf(respondBy)}
	l.CheckVersion = f.CheckVersion
	return l, nil
}

// SaveLetter creates a letter at version 0 or saves it at version.
func (st SIR) SaveLetter(ctx context.Context, l sir.Letter, version int) (sir.Letter, error) {
	db, err := conn(ctx)
	if err != nil {
		return sir.Letter{}, err
	}
	f := l.Findings
	findings, _ := json.Marshal(letterJSON{SettingName: f.SettingName, URN: f.URN,
		ReportURL: f.ReportURL, CheckedOn: f.CheckedOn.String(), Published: f.Published,
		LastUpdated: f.LastUpdated.String(), Stale: f.Stale, Met: findingsToJSON(f.Met),
		Partly: findingsToJSON(f.Partly), NotMet: findingsToJSON(f.NotMet),
		CheckVersion: l.CheckVersion})
	var res *gorm.DB
	if version == 0 {
		res = db.Exec(`INSERT INTO sir_letters (tenant_id, id, check_id, state, findings,
				respond_by, pdf, generated_by, generated_at)
			VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)`, tenantOf(ctx), l.ID, l.CheckID,
			string(l.State), string(findings), f.RespondBy.Time(), l.PDF, ptr(l.GeneratedBy),
			l.GeneratedAt)
	} else {
		res = db.Exec(`UPDATE sir_letters SET state = ?, findings = ?::jsonb, respond_by = ?,
				pdf = ?, generated_by = ?, generated_at = ?, reviewed_by = ?, reviewed_at = ?,
				sent_to = ?, sent_at = ?, version = version + 1
			WHERE tenant_id = ? AND check_id = ? AND version = ?`, string(l.State),
			string(findings), f.RespondBy.Time(), l.PDF, ptr(l.GeneratedBy), l.GeneratedAt,
			ptr(l.ReviewedBy), l.ReviewedAt, l.SentTo, l.SentAt, tenantOf(ctx), l.CheckID, version)
	}
	if res.Error != nil {
		return sir.Letter{}, translate(res.Error, "letter")
	}
	if res.RowsAffected == 0 {
		return sir.Letter{}, domain.Stale("the letter")
	}
	return st.FindLetter(ctx, l.CheckID)
}
