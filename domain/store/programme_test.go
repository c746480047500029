package store_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/demo"
	"sendqa/domain/instrument"
	"sendqa/domain/personal"
	"sendqa/domain/round"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
	"sendqa/domain/subject"
	"sendqa/domain/tenancy"
)

// frozen is a clock that moves only when told.
type frozen struct {
	mu  sync.Mutex
	now time.Time
}

func (c *frozen) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *frozen) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.now = c.now.Add(d) }

type programme struct {
	t     *testing.T
	d     storetest.DB
	f     storetest.Fixture
	db    *store.DB
	owner *store.DB
	clock *frozen
	keys  *personal.Keyring
}

func newProgramme(t *testing.T) *programme {
	t.Helper()
	d := storetest.New(t)
	f := storetest.Seed(t, d)
	return &programme{t: t, d: d, f: f, db: d.Open(t), owner: d.OpenOwner(t),
		clock: &frozen{now: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)},
		keys:  mustKeys(t, "k1", "k1")}
}

func mustKeys(t *testing.T, current string, ids ...string) *personal.Keyring {
	t.Helper()
	keys := map[string][]byte{}
	for _, id := range ids {
		keys[id] = bytes.Repeat([]byte(id[len(id)-1:]), personal.KeySize)
	}
	k, err := personal.NewKeyring(current, keys)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func (p *programme) subjects() subject.Service { return storetest.Subjects(p.keys, p.clock.Now) }

// in runs fn as area a's member.
func (p *programme) in(a storetest.Area, fn func(ctx context.Context) error) {
	p.t.Helper()
	ctx := domain.WithActor(context.Background(), domain.Actor{PersonID: a.Member.ID, RequestID: "test"})
	if err := p.db.InScope(ctx, a.Scope(), fn); err != nil {
		p.t.Fatal(err)
	}
}

// planInstrument publishes an instrument of area a's own for EHC plans
// that asks for the child's name and date of birth.
func (p *programme) planInstrument(a storetest.Area) {
	p.t.Helper()
	def, err := instrument.ParseDefinition([]byte(`{"key": "plan_file_check", "version": 1,
		"title": "Plan file check", "subject": "ehc_plan", "completed_by": ["auditor"],
		"scoring": {"rule_version": "plan-file-1", "overall": {"method": "none"}},
		"sections": [{"id": "who", "title": "The child", "items": [
			{"id": "child_name", "kind": "personal", "personal_kind": "name", "label": "Child's name"},
			{"id": "dob", "kind": "personal", "personal_kind": "date_of_birth", "label": "Date of birth"},
			{"id": "ok", "kind": "yes_no", "label": "Is the plan on file?"}]}]}`))
	if err != nil {
		p.t.Fatal(err)
	}
	p.in(a, func(ctx context.Context) error {
		cat := storetest.Catalogue()
		draft, err := cat.CreateDraft(ctx, def)
		if err == nil {
			_, err = cat.PublishVersion(ctx, draft.Key, draft.Number, draft.Revision)
		}
		return err
	})
}

func (p *programme) importFile(a storetest.Area, file string) subject.Import {
	p.t.Helper()
	data, err := demo.File(file)
	if err != nil {
		p.t.Fatal(err)
	}
	var im subject.Import
	p.in(a, func(ctx context.Context) (err error) {
		im, err = p.subjects().PreviewImport(ctx, instrument.SubjectEHCPlan, file, data)
		return err
	})
	p.in(a, func(ctx context.Context) (err error) {
		_, err = p.subjects().ConfirmImport(ctx, im.ID)
		return err
	})
	return im
}

func (p *programme) ownerCount(query string, args ...any) int {
	p.t.Helper()
	var n int
	if err := p.owner.SQL().QueryRow(query, args...).Scan(&n); err != nil {
		p.t.Fatal(err)
	}
	return n
}

func TestBothSampleFilesImportWithExactlyTheExpectedRejections(t *testing.T) {
	p := newProgramme(t)
	a := p.f.A
	p.planInstrument(a)

	good := p.importFile(a, "ehcp_sample_wolverhampton.csv")
	if good.Valid != 48 || good.New != 48 || len(good.Rejected) != 0 || len(good.Dropped) != 0 {
		t.Fatalf("good file: %d valid, %d new, rejected %v, dropped %v", good.Valid, good.New, good.Rejected, good.Dropped)
	}
	bad := p.importFile(a, "ehcp_sample_bad.csv")
	var lines []int
	for _, r := range bad.Rejected {
		lines = append(lines, r.Line)
	}
	if bad.Valid != 2 || !slices.Equal(lines, []int{2, 3, 4, 5, 7, 9}) {
		t.Fatalf("bad file: %d valid, rejected lines %v; want 2 valid and lines 2 3 4 5 7 9", bad.Valid, lines)
	}
	// The fixture's WV1 is the only subject before; the bad file's WV1
	// was rejected, so it is untouched.
	if n := p.ownerCount(`SELECT count(*) FROM subjects WHERE tenant_id = $1`, a.Tenant.ID); n != 51 {
		t.Fatalf("tenant A has %d subjects, want 1 + 48 + 2", n)
	}
	if n := p.ownerCount(`SELECT count(*) FROM subjects WHERE position('Freya' in personal::text) > 0
		OR position('HYPERLINK' in encode(personal, 'escape')) > 0`); n != 0 {
		t.Fatalf("%d subjects hold a name in clear", n)
	}

	again := p.importFile(a, "ehcp_sample_wolverhampton.csv")
	if again.New != 0 || again.Updated != 48 {
		t.Fatalf("re-import: %d new, %d updated; want 0 and 48", again.New, again.Updated)
	}

	var out bytes.Buffer
	p.in(a, func(ctx context.Context) error {
		return p.subjects().ExportCSV(ctx, subject.Filter{}, true, &out)
	})
	records, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(records) != 52 {
		t.Fatalf("export: %v, %d records, want a header and 51", err, len(records))
	}
	name := ""
	for _, r := range records {
		if r[0] == "WV7" {
			name = r[slices.Index(records[0], "child_name")]
		}
	}
	if name != `'=HYPERLINK("http://x.example","click")` {
		t.Fatalf("the formula-looking name is exported as %q, want it neutralised as text", name)
	}
	if n := p.ownerCount(`SELECT count(*) FROM audit_events WHERE action = 'export' AND entity = 'subject'`); n != 51 {
		t.Fatalf("exporting 51 children wrote %d trail rows, want 51", n)
	}
}

func TestPersonalDataNoInstrumentAsksForIsNotKept(t *testing.T) {
	p := newProgramme(t)
	im := p.importFile(p.f.B, "ehcp_sample_wolverhampton.csv")
	if fmt.Sprint(im.Dropped) != "[date_of_birth name]" {
		t.Fatalf("dropped %v, want the date of birth and name: the built-in plan audit asks for neither", im.Dropped)
	}
	if n := p.ownerCount(`SELECT count(*) FROM subjects WHERE tenant_id = $1 AND personal IS NOT NULL
		AND local_id <> 'WV1'`, p.f.B.Tenant.ID); n != 0 {
		t.Fatalf("%d subjects kept personal data no instrument asks for", n)
	}
}

func TestViewingAChildsRecordIsInTheTrail(t *testing.T) {
	p := newProgramme(t)
	p.planInstrument(p.f.A)
	p.importFile(p.f.A, "ehcp_sample_wolverhampton.csv")
	var id uuid.UUID
	p.in(p.f.A, func(ctx context.Context) error {
		q := "WV700000"
		list, err := p.subjects().ListSubjects(ctx, subject.Filter{Query: &q}, domain.Page{})
		if err != nil {
			return err
		}
		id = list.Items[0].ID
		_, pd, err := p.subjects().FindSubject(ctx, id, true)
		if err == nil && (pd == nil || pd.Name != "Freya Owen" || pd.DateOfBirth != "2022-11-12") {
			err = fmt.Errorf("personal data read as %+v", pd)
		}
		return err
	})
	if n := p.ownerCount(`SELECT count(*) FROM audit_events WHERE action = 'view' AND entity_id = $1`, id); n != 1 {
		t.Fatalf("viewing wrote %d trail rows, want 1", n)
	}
}

func TestRetentionPurgesPersonalDataAndItsTrailCopiesOnAFrozenClock(t *testing.T) {
	p := newProgramme(t)
	a := p.f.A
	p.planInstrument(a)
	p.importFile(a, "ehcp_sample_wolverhampton.csv")
	p.planInstrument(p.f.B)
	p.importFile(p.f.B, "ehcp_sample_wolverhampton.csv")
	p.clock.Add(20 * 24 * time.Hour)
	p.importFile(a, "ehcp_sample_bad.csv") // WV5 and WV7, 20 days younger
	data, _ := demo.File("ehcp_sample_bad.csv")
	p.in(a, func(ctx context.Context) error { // a preview never confirmed
		_, err := p.subjects().PreviewImport(ctx, instrument.SubjectEHCPlan, "left.csv", data)
		return err
	})
	p.in(a, func(ctx context.Context) error {
		_, err := p.subjects().SetRetention(ctx, 30, 1)
		return err
	})
	purge := func() subject.Purge {
		var got subject.Purge
		p.in(a, func(ctx context.Context) (err error) {
			got, err = p.subjects().PurgeExpired(ctx)
			return err
		})
		return got
	}
	trailCopies := func() int {
		return p.ownerCount(`SELECT count(*) FROM audit_events WHERE tenant_id = $1 AND entity = 'subject'
			AND after ? 'personal'`, a.Tenant.ID)
	}
	if n := trailCopies(); n != 50 {
		t.Fatalf("the trail holds %d sealed copies before the purge, want 50", n)
	}

	p.clock.Add(9 * 24 * time.Hour) // 29 days after the first import
	if got := purge(); got.Subjects != 0 {
		t.Fatalf("purged %d subjects before the period ended", got.Subjects)
	}
	p.clock.Add(2 * 24 * time.Hour) // 31 days after the first, 11 after the second
	if got := purge(); got.Subjects != 48 || got.TrailEvents != 48 {
		t.Fatalf("purged %+v, want the 48 older subjects and their 48 trail copies", got)
	}
	if n := p.ownerCount(`SELECT count(*) FROM subjects WHERE tenant_id = $1 AND personal IS NOT NULL`,
		a.Tenant.ID); n != 2 {
		t.Fatalf("%d subjects keep personal data, want the 2 younger ones", n)
	}
	if n := p.ownerCount(`SELECT count(*) FROM subject_imports WHERE state = 'previewed'`); n != 0 {
		t.Fatalf("%d expired previews are kept with their sealed rows", n)
	}
	if n := trailCopies(); n != 2 {
		t.Fatalf("the trail keeps %d sealed copies, want 2", n)
	}
	if n := p.ownerCount(`SELECT count(*) FROM subjects WHERE tenant_id = $1`, a.Tenant.ID); n != 51 {
		t.Fatalf("the purge removed subjects: %d left, want 51 known by local id", n)
	}
	if n := p.ownerCount(`SELECT count(*) FROM subjects WHERE tenant_id = $1 AND personal IS NOT NULL`,
		p.f.B.Tenant.ID); n != 48 {
		t.Fatalf("area B keeps %d subjects' personal data, want 48: the purge ran in A only", n)
	}

}

func TestKeyRotationResealsUnderTheNewKey(t *testing.T) {
	p := newProgramme(t)
	p.planInstrument(p.f.A)
	p.importFile(p.f.A, "ehcp_sample_wolverhampton.csv")

	p.keys = mustKeys(t, "k2", "k1", "k2")
	var resealed int
	p.in(p.f.A, func(ctx context.Context) (err error) {
		resealed, err = p.subjects().Reseal(ctx, 1000)
		return err
	})
	if resealed != 48 {
		t.Fatalf("resealed %d, want 48", resealed)
	}
	p.keys = mustKeys(t, "k2", "k2")
	p.in(p.f.A, func(ctx context.Context) error {
		list, err := p.subjects().ListSubjects(ctx, subject.Filter{}, domain.Page{Limit: 200})
		if err != nil {
			return err
		}
		opened := 0
		for _, s := range list.Items {
			if s.SealedKey != "k2" {
				continue
			}
			if _, pd, err := p.subjects().FindSubject(ctx, s.ID, true); err != nil || pd.Name == "" {
				return fmt.Errorf("open %s with the new key alone: %v", s.LocalID, err)
			}
			opened++
		}
		if opened != 48 {
			return fmt.Errorf("opened %d with the new key, want 48", opened)
		}
		return nil
	})
}

// cohort makes the framework's sample cohort auditors of area a, with
// their services recorded, and returns them by service.
func (p *programme) cohort(a storetest.Area) map[uuid.UUID]string {
	p.t.Helper()
	rows, err := demo.Records("auditor_cohort_wolverhampton.csv")
	if err != nil {
		p.t.Fatal(err)
	}
	svc := storetest.Services()
	out := map[uuid.UUID]string{}
	for _, r := range rows {
		var person tenancy.Person
		err := p.owner.InScope(context.Background(), a.Scope(), func(ctx context.Context) (err error) {
			person, err = svc.CreatePerson(ctx, tenancy.Person{Email: a.Tenant.Slug + "." + r["email"], Name: r["name"]})
			if err == nil {
				_, err = svc.SetRoles(ctx, person.ID, []domain.Role{domain.RoleAuditor})
			}
			return err
		})
		if err != nil {
			p.t.Fatal(err)
		}
		p.in(a, func(ctx context.Context) error {
			_, err := storetest.Rounds(p.clock.Now).SetAuditorServices(ctx, person.ID, []string{r["service"]}, 0)
			return err
		})
		out[person.ID] = r["service"]
	}
	return out
}

func TestARoundDrawsRepeatablyAndAllocatesWithoutConflicts(t *testing.T) {
	p := newProgramme(t)
	a := p.f.A
	p.importFile(a, "ehcp_sample_wolverhampton.csv")
	services := p.cohort(a)
	rounds := storetest.Rounds(p.clock.Now)
	seed := int64(42)

	newRound := func(ctx context.Context) (round.Round, error) {
		return rounds.CreateRound(ctx, round.Round{Name: "Autumn 2026", InstrumentKey: "ehcp_quality_audit",
			InstrumentVersion: 1, Term: round.Autumn, AcademicYear: 2026,
			OpensOn: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), DueOn: time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC),
			Sampling: round.Sampling{Method: round.Stratified, StrataBy: round.ByPrimaryNeed}, SampleSize: 20})
	}
	var first, second []round.Allocation
	var r round.Round
	p.in(a, func(ctx context.Context) (err error) {
		for _, into := range []*[]round.Allocation{&first, &second} {
			if r, err = newRound(ctx); err != nil {
				return err
			}
			if r, err = rounds.DrawSample(ctx, r.ID, r.Version, &seed); err != nil {
				return err
			}
			if *into, err = rounds.ListAllocations(ctx, r.ID); err != nil {
				return err
			}
		}
		return nil
	})
	local := func(list []round.Allocation) []string {
		var out []string
		for _, x := range list {
			out = append(out, x.LocalID)
		}
		return out
	}
	if len(first) != 20 || !slices.Equal(local(first), local(second)) {
		t.Fatalf("two draws with seed 42 differ or are not 20:\n%v\n%v", local(first), local(second))
	}

	var out round.Outcome
	p.in(a, func(ctx context.Context) (err error) {
		out, err = rounds.AllocateSample(ctx, r.ID, r.Version, nil)
		return err
	})
	var list []round.Allocation
	p.in(a, func(ctx context.Context) (err error) {
		list, err = rounds.ListAllocations(ctx, r.ID)
		return err
	})
	loads := map[uuid.UUID]int{}
	for _, x := range list {
		if x.AuditorID == uuid.Nil {
			continue
		}
		for _, s := range x.Services {
			if strings.EqualFold(s, services[x.AuditorID]) {
				t.Fatalf("%s went to an auditor of %s, which contributed", x.LocalID, s)
			}
		}
		loads[x.AuditorID]++
	}
	if out.Allocated != 20 || out.Unallocated != 0 {
		t.Fatalf("allocated %+v, want all 20", out)
	}
	for id, n := range loads {
		if n != 1 {
			t.Fatalf("auditor %s has %d audits; 20 among 20 auditors is one each", id, n)
		}
	}

	// Move one audit by hand: to a conflicted auditor it is refused, to
	// a free one it moves with its reason.
	target := list[0]
	var conflicted, free uuid.UUID
	for id, svc := range services {
		if slices.ContainsFunc(target.Services, func(s string) bool { return strings.EqualFold(s, svc) }) {
			conflicted = id
		} else if id != target.AuditorID {
			free = id
		}
	}
	p.in(a, func(ctx context.Context) error {
		if conflicted != uuid.Nil {
			_, err := rounds.MoveAllocation(ctx, r.ID, target.ID, target.Version, conflicted, "cover")
			if !errorsIsInvalid(err) {
				return fmt.Errorf("moving to a conflicted auditor: got %v, want invalid", err)
			}
		}
		moved, err := rounds.MoveAllocation(ctx, r.ID, target.ID, target.Version, free, "annual leave")
		if err == nil && (moved.AuditorID != free || moved.Reason != "annual leave") {
			err = fmt.Errorf("moved to %s with %q", moved.AuditorID, moved.Reason)
		}
		return err
	})

	// A leaver's audits go to others.
	p.in(a, func(ctx context.Context) error {
		got, err := rounds.ReassignLeaver(ctx, r.ID, free, "left the service")
		if err == nil && got.Moved+got.Unallocated != 2 {
			err = fmt.Errorf("reassigned %+v, want the leaver's 2 audits", got)
		}
		return err
	})
}

func errorsIsInvalid(err error) bool { return err != nil && domainIsInvalid(err) }

func domainIsInvalid(err error) bool {
	var de *domain.Error
	return errors.As(err, &de) && de.Kind == domain.KindInvalid
}
