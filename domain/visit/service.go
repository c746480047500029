package visit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/actionplan"
	"sendqa/domain/audit"
	"sendqa/domain/instrument"
	"sendqa/domain/response"
	"sendqa/domain/tenancy"
)

// Store keeps visits, their people and photos, safeguarding concerns and
// young people's accounts. Every method runs in the transaction carried
// by ctx, in the current tenant.
type Store interface {
	CreateVisit(ctx context.Context, v Visit) (Visit, error)
	// FindVisit returns a visit with its people, photos and actions,
	// locked until the transaction ends when lock is set.
	FindVisit(ctx context.Context, id uuid.UUID, lock bool) (Visit, error)
	ListVisits(ctx context.Context, f Filter, p domain.Page) (domain.List[Visit], error)
	// SaveVisit writes every changeable field and the people of a visit
	// loaded at version.
	SaveVisit(ctx context.Context, v Visit, version int) (Visit, error)
	AddPhoto(ctx context.Context, p Photo) (Photo, error)
	FindPhoto(ctx context.Context, id uuid.UUID) (Photo, error)
	AddConcern(ctx context.Context, c Concern) error
	ListYoungPeople(ctx context.Context) ([]YoungPerson, error)
	IsOrganisation(ctx context.Context, id uuid.UUID) (bool, error)
}

// People creates young people's identities and memberships.
type People interface {
	CreatePerson(ctx context.Context, p tenancy.Person) (tenancy.Person, error)
	SetRoles(ctx context.Context, personID uuid.UUID, roles []domain.Role) (tenancy.Membership, error)
}

// Codes issues young people's invitation codes.
type Codes interface {
	IssueCode(ctx context.Context, personID, issuedBy uuid.UUID) (string, error)
}

// Plans finds services' local plans and adds the actions of an answer.
type Plans interface {
	ListPlans(ctx context.Context, f actionplan.PlanFilter,
		p domain.Page) (domain.List[actionplan.Plan], error)
	CreateAction(ctx context.Context, c actionplan.Caller,
		a actionplan.Action) (actionplan.Action, error)
}

// Notices records a notice to a person once per dedupe key.
type Notices interface {
	AddNotification(ctx context.Context, n response.Notification) (response.Notification, bool, error)
}

// Blobs keeps photos' bytes under generated keys.
type Blobs interface {
	Put(ctx context.Context, key, contentType string, data []byte) error
	Open(ctx context.Context, key string) (io.ReadCloser, error)
}

// Service keeps visits and young people's accounts, writing each change
// to the trail in the same transaction.
type Service struct {
	Store   Store
	People  People
	Codes   Codes
	Plans   Plans
	Notices Notices
	Blobs   Blobs
	Trail   audit.Recorder
	Now     func() time.Time
}

func (s Service) today() time.Time {
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	return instrument.DateOf(now.UTC()).Time()
}

var library = sync.OnceValues(func() (instrument.Definition, error) {
	defs, err := instrument.Library()
	if err != nil {
		return instrument.Definition{}, err
	}
	for _, d := range defs {
		if d.Key == InstrumentKey {
			return d, nil
		}
	}
	return instrument.Definition{}, fmt.Errorf("the built-in library has no %s", InstrumentKey)
})

// Definition is the site visit instrument every visit is recorded with.
func Definition() (instrument.Definition, error) { return library() }

// detailItems are the instrument's questions the visit's own details
// answer: who went, where, which service and when.
var detailItems = []string{"visitors", "place", "service", "visit_date"}

// CreateYoungPerson gives a young person an account in the current
// tenant: a person with a first name and no e-mail, the young person role
// and an invitation code, returned once. Participation officers and
// administrators (young_people write). Returns domain.ErrInvalid.
func (s Service) CreateYoungPerson(
	ctx context.Context, officer uuid.UUID, firstName string,
) (YoungPerson, string, error) {
	var p domain.Problems
	CheckFirstName(&p, "first_name", firstName)
	if err := p.Err(); err != nil {
		return YoungPerson{}, "", err
	}
	person, err := s.People.CreatePerson(ctx, tenancy.Person{Name: strings.TrimSpace(firstName)})
	if err != nil {
		return YoungPerson{}, "", fmt.Errorf("create young person: %w", err)
	}
	if _, err := s.People.SetRoles(ctx, person.ID, []domain.Role{domain.RoleYoungPerson}); err != nil {
		return YoungPerson{}, "", fmt.Errorf("give young person role: %w", err)
	}
	code, err := s.Codes.IssueCode(ctx, person.ID, officer)
	if err != nil {
		return YoungPerson{}, "", err
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "young_person", person.ID, nil,
		map[string]any{"first_name": person.Name}); err != nil {
		return YoungPerson{}, "", fmt.Errorf("record young person: %w", err)
	}
	return YoungPerson{ID: person.ID, FirstName: person.Name, CodeIssuedAt: s.today()}, code, nil
}

// ListYoungPeople lists the area's young people by first name. Anyone who
// reads young people; officers also see how each signs in (full).
func (s Service) ListYoungPeople(ctx context.Context, full bool) ([]YoungPerson, error) {
	list, err := s.Store.ListYoungPeople(ctx)
	if err != nil || full {
		return list, err
	}
	for i := range list {
		list[i] = YoungPerson{ID: list[i].ID, FirstName: list[i].FirstName}
	}
	return list, nil
}

// ResetCode issues a young person a new invitation code, for one who has
// forgotten their passphrase or lost their code: the old code stops
// working, their passphrase is cleared and their sessions end.
// Participation officers and administrators. Returns domain.ErrNotFound
// for anyone not a young person of the area.
func (s Service) ResetCode(ctx context.Context, officer, personID uuid.UUID) (string, error) {
	list, err := s.Store.ListYoungPeople(ctx)
	if err != nil {
		return "", fmt.Errorf("list young people: %w", err)
	}
	if !slices.ContainsFunc(list, func(y YoungPerson) bool { return y.ID == personID }) {
		return "", domain.NotFound("young person")
	}
	code, err := s.Codes.IssueCode(ctx, personID, officer)
	if err != nil {
		return "", err
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "young_person", personID, nil,
		map[string]any{"code": "reissued"}); err != nil {
		return "", fmt.Errorf("record new code: %w", err)
	}
	return code, nil
}

// checkDetails validates a visit's details and resolves who went, the
// recorder first.
func (s Service) checkDetails(ctx context.Context, v Viewer, d Details) ([]Person, error) {
	if err := d.Validate(s.today()); err != nil {
		return nil, err
	}
	if d.OrganisationID != uuid.Nil {
		ok, err := s.Store.IsOrganisation(ctx, d.OrganisationID)
		if err != nil {
			return nil, fmt.Errorf("check organisation: %w", err)
		}
		if !ok {
			return nil, domain.InvalidField("organisation_id", "choose one of the services listed")
		}
	}
	young, err := s.Store.ListYoungPeople(ctx)
	if err != nil {
		return nil, fmt.Errorf("list young people: %w", err)
	}
	names := map[uuid.UUID]string{}
	for _, y := range young {
		names[y.ID] = y.FirstName
	}
	recorder, ok := names[v.PersonID]
	if !ok {
		return nil, domain.Forbidden("only young people record visits")
	}
	people := []Person{{ID: v.PersonID, FirstName: recorder}}
	for i, id := range d.People {
		name, ok := names[id]
		if !ok {
			return nil, domain.InvalidField(domain.Path("people", i), "choose young people from the list")
		}
		if id != v.PersonID && !slices.ContainsFunc(people, func(p Person) bool { return p.ID == id }) {
			people = append(people, Person{ID: id, FirstName: name})
		}
	}
	return people, nil
}

// CreateVisit starts a young person's visit as a draft, seen only by the
// young people who went. Young people (visits write). Returns
// domain.ErrInvalid or domain.ErrForbidden.
func (s Service) CreateVisit(
	ctx context.Context, v Viewer, d Details, answers []byte,
) (Visit, error) {
	people, err := s.checkDetails(ctx, v, d)
	if err != nil {
		return Visit{}, err
	}
	if len(answers) == 0 {
		answers = []byte("{}")
	}
	if _, err := s.decode(answers, instrument.Draft); err != nil {
		return Visit{}, err
	}
	created, err := s.Store.CreateVisit(ctx, Visit{ID: uuid.New(), OrganisationID: d.OrganisationID,
		Place: strings.TrimSpace(d.Place), VisitDate: d.VisitDate, State: Draft, People: people,
		Answers: answers, CreatedBy: v.PersonID})
	if err != nil {
		return Visit{}, fmt.Errorf("create visit: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "visit", created.ID, nil,
		created.fields()); err != nil {
		return Visit{}, fmt.Errorf("record visit: %w", err)
	}
	return created, nil
}

// decode reads a visit's answers, leaving out the items its details
// answer, and validates them in mode.
func (s Service) decode(answers []byte, mode instrument.Mode) (instrument.Answers, error) {
	def, err := Definition()
	if err != nil {
		return nil, err
	}
	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(answers, &raw); err != nil {
		return nil, domain.InvalidField("answers", "send the answers as an object keyed by question")
	}
	for _, id := range append(slices.Clone(detailItems), "photos") {
		delete(raw, id)
	}
	plain, _ := json.Marshal(raw)
	decoded, err := instrument.DecodeAnswers(def, plain)
	if err != nil {
		return nil, err
	}
	if mode == instrument.Draft {
		return decoded, instrument.ValidateAnswers(def, decoded, mode, s.today())
	}
	return decoded, nil
}

// withDetails answers the instrument's detail questions from the visit.
func withDetails(v Visit, a instrument.Answers) instrument.Answers {
	names := make([]string, len(v.People))
	for i, p := range v.People {
		names[i] = p.FirstName
	}
	a["visitors"] = instrument.TextValue(strings.Join(names, ", "))
	a["place"] = instrument.TextValue(v.Place)
	a["visit_date"] = instrument.DateValue(instrument.DateOf(v.VisitDate))
	if v.OrganisationID != uuid.Nil {
		a["service"] = instrument.TextValue(v.OrganisationID.String())
	}
	return a
}

// FindVisit returns a visit as the viewer may see it. Young people see
// the visits they went on; participation officers every visit sent;
// service managers and QA leads approved visits without a safeguarding
// concern, with the parts the officer hid left out. Returns
// domain.ErrNotFound for a visit the viewer may not see.
func (s Service) FindVisit(ctx context.Context, v Viewer, id uuid.UUID) (Visit, error) {
	vis, err := s.Store.FindVisit(ctx, id, false)
	if err != nil {
		return Visit{}, err
	}
	ok, err := s.visible(ctx, v, vis)
	if err != nil {
		return Visit{}, err
	}
	if !ok {
		return Visit{}, domain.NotFound("visit")
	}
	return s.redact(v, vis), nil
}

// visible reports whether the viewer may see the visit at all.
func (s Service) visible(ctx context.Context, v Viewer, vis Visit) (bool, error) {
	if vis.Includes(v.PersonID) {
		return true, nil
	}
	if vis.State == Draft {
		return false, nil
	}
	if v.Review {
		return true, nil
	}
	if vis.Safeguarding || vis.State == Submitted || !v.Answer {
		return false, nil
	}
	if v.AllServices {
		return true, nil
	}
	return s.leads(ctx, v.PersonID, vis.OrganisationID)
}

// leads reports whether the person leads the service's local plan.
func (s Service) leads(ctx context.Context, personID, orgID uuid.UUID) (bool, error) {
	plan, err := s.localPlan(ctx, orgID)
	if err != nil || plan == nil {
		return false, err
	}
	return plan.LeadID == personID, nil
}

func (s Service) localPlan(ctx context.Context, orgID uuid.UUID) (*actionplan.Plan, error) {
	if orgID == uuid.Nil {
		return nil, nil
	}
	local := actionplan.Local
	list, err := s.Plans.ListPlans(ctx, actionplan.PlanFilter{Kind: &local, OrganisationID: &orgID},
		domain.Page{Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("find local plan: %w", err)
	}
	if len(list.Items) == 0 {
		return nil, nil
	}
	return &list.Items[0], nil
}

// redact leaves out what the viewer may not read: for the service, the
// parts and photos the officer hid, and the officer's own note; for young
// people, the officer's note.
func (s Service) redact(v Viewer, vis Visit) Visit {
	if v.Review {
		return vis
	}
	vis.ReviewNote = ""
	if vis.Includes(v.PersonID) {
		return vis
	}
	raw := map[string]json.RawMessage{}
	if json.Unmarshal(vis.Answers, &raw) == nil {
		for _, h := range vis.Hidden {
			delete(raw, h.Item)
		}
		vis.Answers, _ = json.Marshal(raw)
	}
	vis.Photos = slices.DeleteFunc(vis.Photos, func(p Photo) bool { return p.Hidden })
	vis.Hidden = nil
	return vis
}

// ListVisits returns a page of the visits the viewer may see, newest visit
// first, each as FindVisit would show it.
func (s Service) ListVisits(
	ctx context.Context, v Viewer, p domain.Page,
) (domain.List[Visit], error) {
	f := Filter{}
	switch {
	case v.Review:
		// Every visit sent; drafts only of the officer's own, which the
		// database keeps to the people who went.
	case v.Answer:
		f.States, f.NoSafeguarding = []State{Approved, Answered}, true
		if !v.AllServices {
			f.LeadID = &v.PersonID
		}
	default:
		f.ParticipantID = &v.PersonID
	}
	list, err := s.Store.ListVisits(ctx, f, p.Normalised())
	if err != nil {
		return domain.List[Visit]{}, err
	}
	for i := range list.Items {
		list.Items[i] = s.redact(v, list.Items[i])
	}
	return list, nil
}

// lockOwnDraft loads a draft of a visit the viewer went on, at version.
func (s Service) lockOwnDraft(
	ctx context.Context, v Viewer, id uuid.UUID, version int,
) (Visit, error) {
	vis, err := s.Store.FindVisit(ctx, id, true)
	if err != nil {
		return Visit{}, err
	}
	if !vis.Includes(v.PersonID) {
		return Visit{}, domain.NotFound("visit")
	}
	if vis.State != Draft {
		return Visit{}, domain.Conflict(
			"the visit has been sent; ask your participation officer to change it")
	}
	if vis.Version != version {
		return Visit{}, domain.Stale("the visit")
	}
	return vis, nil
}

// SaveDraft changes a draft's details and answers; nil details and empty
// answers stay as they are. Young people who went. Returns
// domain.ErrNotFound, domain.ErrStale, domain.ErrConflict once sent and
// domain.ErrInvalid.
func (s Service) SaveDraft(ctx context.Context, v Viewer, id uuid.UUID, version int,
	d *Details, answers []byte) (Visit, error) {
	vis, err := s.lockOwnDraft(ctx, v, id, version)
	if err != nil {
		return Visit{}, err
	}
	if err := s.apply(ctx, v, &vis, d, answers); err != nil {
		return Visit{}, err
	}
	saved, err := s.Store.SaveVisit(ctx, vis, version)
	if err != nil {
		return Visit{}, fmt.Errorf("save visit: %w", err)
	}
	return saved, nil
}

func (s Service) apply(
	ctx context.Context, v Viewer, vis *Visit, d *Details, answers []byte,
) error {
	if d != nil {
		people, err := s.checkDetails(ctx, v, *d)
		if err != nil {
			return err
		}
		vis.OrganisationID, vis.Place, vis.VisitDate = d.OrganisationID, strings.TrimSpace(d.Place),
			d.VisitDate
		vis.People = people
	}
	if len(answers) > 0 {
		if _, err := s.decode(answers, instrument.Draft); err != nil {
			return err
		}
		vis.Answers = answers
	}
	return nil
}

// Submit sends a draft to the participation officer, checking every
// required question is answered and scoring it. Details and answers, when
// given, replace the saved ones first. Young people who went. Returns
// domain.ErrNotFound, domain.ErrStale, domain.ErrConflict once sent and
// domain.ErrInvalid.
func (s Service) Submit(ctx context.Context, v Viewer, id uuid.UUID, version int,
	d *Details, answers []byte) (Visit, error) {
	vis, err := s.lockOwnDraft(ctx, v, id, version)
	if err != nil {
		return Visit{}, err
	}
	if err := s.apply(ctx, v, &vis, d, answers); err != nil {
		return Visit{}, err
	}
	if err := s.score(&vis); err != nil {
		return Visit{}, err
	}
	now := s.now()
	vis.State, vis.SubmittedAt = Submitted, &now
	saved, err := s.Store.SaveVisit(ctx, vis, version)
	if err != nil {
		return Visit{}, fmt.Errorf("submit visit: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "visit", saved.ID,
		map[string]any{"state": string(Draft)}, saved.fields()); err != nil {
		return Visit{}, fmt.Errorf("record submission: %w", err)
	}
	return saved, nil
}

func (s Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// score validates the visit's answers as a submission and keeps its
// overall label and ratings.
func (s Service) score(vis *Visit) error {
	def, err := Definition()
	if err != nil {
		return err
	}
	decoded, err := s.decode(vis.Answers, instrument.Submit)
	if err != nil {
		return err
	}
	full := withDetails(*vis, decoded)
	if err := instrument.ValidateAnswers(def, full, instrument.Submit, s.today()); err != nil {
		return err
	}
	result, err := instrument.Score(def, full, s.today())
	if err != nil {
		return fmt.Errorf("score visit: %w", err)
	}
	vis.OverallLabel, vis.Ratings = result.Overall.Label, result.Items
	return nil
}

// AddPhoto adds a photo to a draft the viewer went on, stripped of its
// metadata (CleanPhoto) and stored under a generated key. Young people who
// went. Returns domain.ErrNotFound, domain.ErrConflict once sent,
// KindTooLarge, KindUnsupported and domain.ErrInvalid.
func (s Service) AddPhoto(
	ctx context.Context, v Viewer, visitID uuid.UUID, body io.Reader,
) (Photo, error) {
	vis, err := s.Store.FindVisit(ctx, visitID, true)
	if err != nil {
		return Photo{}, err
	}
	if !vis.Includes(v.PersonID) {
		return Photo{}, domain.NotFound("visit")
	}
	if vis.State != Draft {
		return Photo{}, domain.Conflict("the visit has been sent; photos can no longer be added")
	}
	if len(vis.Photos) >= 10 {
		return Photo{}, domain.InvalidField("file", "a visit can have up to 10 photos")
	}
	clean, kind, err := CleanPhoto(body)
	if err != nil {
		return Photo{}, err
	}
	p := Photo{ID: uuid.New(), VisitID: visitID, ContentType: kind, Size: int64(len(clean)),
		UploadedBy: v.PersonID}
	p.BlobKey = "visits/" + domain.ScopeFrom(ctx).TenantID.String() + "/" + p.ID.String()
	if err := s.Blobs.Put(ctx, p.BlobKey, kind, clean); err != nil {
		return Photo{}, fmt.Errorf("store photo: %w", err)
	}
	saved, err := s.Store.AddPhoto(ctx, p)
	if err != nil {
		return Photo{}, fmt.Errorf("record photo: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionCreate, "visit_photo", saved.ID, nil,
		map[string]any{"visit_id": visitID.String(), "size": saved.Size}); err != nil {
		return Photo{}, fmt.Errorf("record photo: %w", err)
	}
	return saved, nil
}

// OpenPhoto returns a photo the viewer may see with its bytes. Returns
// domain.ErrNotFound for a photo of a visit they may not see or one the
// officer hid from them.
func (s Service) OpenPhoto(ctx context.Context, v Viewer, id uuid.UUID) (Photo, io.ReadCloser, error) {
	p, err := s.Store.FindPhoto(ctx, id)
	if err != nil {
		return Photo{}, nil, err
	}
	vis, err := s.FindVisit(ctx, v, p.VisitID)
	if err != nil {
		return Photo{}, nil, err
	}
	if !slices.ContainsFunc(vis.Photos, func(q Photo) bool { return q.ID == id }) {
		return Photo{}, nil, domain.NotFound("photo")
	}
	r, err := s.Blobs.Open(ctx, p.BlobKey)
	if err != nil {
		return Photo{}, nil, fmt.Errorf("open photo: %w", err)
	}
	return p, r, nil
}

// ReviewVisit records the participation officer's review of a submitted
// visit: edited answers, parts and photos hidden from the service with a
// reason, a note, and approval, which sends the visit to the service and
// tells the manager who leads its local plan. Participation officers
// (visits review). Returns domain.ErrNotFound, domain.ErrStale,
// domain.ErrConflict when the visit is not waiting for review and
// domain.ErrInvalid.
func (s Service) ReviewVisit(ctx context.Context, v Viewer, id uuid.UUID, version int,
	r Review) (Visit, error) {
	vis, err := s.lockReviewable(ctx, v, id, version)
	if err != nil {
		return Visit{}, err
	}
	before := vis.fields()
	if len(r.Answers) > 0 {
		vis.Answers = r.Answers
		if err := s.score(&vis); err != nil {
			return Visit{}, err
		}
	}
	if err := s.hide(&vis, r); err != nil {
		return Visit{}, err
	}
	if len([]rune(r.Note)) > 4000 {
		return Visit{}, domain.InvalidField("note", "keep the note to 4,000 characters")
	}
	vis.ReviewNote = strings.TrimSpace(r.Note)
	if r.Approve {
		if vis.Safeguarding {
			return Visit{}, domain.Conflict("a visit with a safeguarding concern is not sent to the service")
		}
		now := s.now()
		vis.State, vis.ApprovedBy, vis.ApprovedAt = Approved, v.PersonID, &now
	}
	saved, err := s.Store.SaveVisit(ctx, vis, version)
	if err != nil {
		return Visit{}, fmt.Errorf("save review: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "visit", saved.ID, before,
		saved.fields()); err != nil {
		return Visit{}, fmt.Errorf("record review: %w", err)
	}
	if r.Approve {
		if err := s.tellManager(ctx, saved); err != nil {
			return Visit{}, err
		}
	}
	return s.Store.FindVisit(ctx, id, false)
}

func (s Service) lockReviewable(ctx context.Context, v Viewer, id uuid.UUID, version int) (Visit, error) {
	if !v.Review {
		return Visit{}, domain.Forbidden("only a participation officer reviews visits")
	}
	vis, err := s.Store.FindVisit(ctx, id, true)
	if err != nil {
		return Visit{}, err
	}
	if vis.State == Draft {
		return Visit{}, domain.NotFound("visit")
	}
	if vis.State != Submitted {
		return Visit{}, domain.Conflict("the visit has already been approved")
	}
	if vis.Version != version {
		return Visit{}, domain.Stale("the visit")
	}
	return vis, nil
}

func (s Service) hide(vis *Visit, r Review) error {
	def, err := Definition()
	if err != nil {
		return err
	}
	var items []string
	for _, sec := range def.Sections {
		for _, it := range sec.Items {
			items = append(items, it.ID)
		}
	}
	if err := ValidateHidden(r.Hidden, items); err != nil {
		return err
	}
	vis.Hidden = vis.Hidden[:0]
	for _, h := range r.Hidden {
		vis.Hidden = append(vis.Hidden, Hidden{Item: h.Item, Reason: strings.TrimSpace(h.Reason)})
	}
	for i := range vis.Photos {
		vis.Photos[i].Hidden = slices.Contains(r.HiddenPhotos, vis.Photos[i].ID)
	}
	return nil
}

func (s Service) tellManager(ctx context.Context, vis Visit) error {
	plan, err := s.localPlan(ctx, vis.OrganisationID)
	if err != nil || plan == nil || plan.LeadID == uuid.Nil {
		return err
	}
	_, _, err = s.Notices.AddNotification(ctx, response.Notification{ID: uuid.New(),
		PersonID: plan.LeadID, Kind: "visit_approved",
		Title: "Young people visited " + vis.Place,
		Body: "HY5! young people visited " + vis.Place + " on " + vis.VisitDate.Format("2 January 2006") +
			". Read what they said under Site visits and answer them: you said, we did.",
		DedupeKey: "visit_approved:" + vis.ID.String()})
	if err != nil {
		return fmt.Errorf("tell manager: %w", err)
	}
	return nil
}

// RaiseConcern records a safeguarding concern from a submitted or
// approved visit, for the council's safeguarding route, and hides the
// visit from everyone but participation officers from then on; the
// visit's version is not needed, the concern always wins. Participation
// officers (visits review). Returns domain.ErrNotFound and
// domain.ErrInvalid.
func (s Service) RaiseConcern(ctx context.Context, v Viewer, id uuid.UUID, note string) (Visit, error) {
	if !v.Review {
		return Visit{}, domain.Forbidden("only a participation officer raises a concern from a visit")
	}
	note = strings.TrimSpace(note)
	if note == "" || len([]rune(note)) > 4000 {
		return Visit{}, domain.InvalidField("note", "say what worried you, up to 4,000 characters")
	}
	vis, err := s.Store.FindVisit(ctx, id, true)
	if err != nil {
		return Visit{}, err
	}
	if vis.State == Draft {
		return Visit{}, domain.NotFound("visit")
	}
	c := Concern{ID: uuid.New(), VisitID: id, Note: note, RaisedBy: v.PersonID}
	if err := s.Store.AddConcern(ctx, c); err != nil {
		return Visit{}, fmt.Errorf("record concern: %w", err)
	}
	before := vis.fields()
	vis.Safeguarding = true
	saved, err := s.Store.SaveVisit(ctx, vis, vis.Version)
	if err != nil {
		return Visit{}, fmt.Errorf("hide visit: %w", err)
	}
	// The trail holds that a concern was raised, never what it says.
	if err := s.Trail.Record(ctx, audit.ActionCreate, "safeguarding_concern", c.ID, nil,
		map[string]any{"visit_id": id.String()}); err != nil {
		return Visit{}, fmt.Errorf("record concern: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "visit", id, before, saved.fields()); err != nil {
		return Visit{}, fmt.Errorf("record concern: %w", err)
	}
	return saved, nil
}

// AnswerVisit records the service's answer to an approved visit, adds its
// actions to the service's local plan (owned by the one answering, linked
// to the visit) and tells each young person who went. The manager who
// leads the service's local plan, or a QA lead (visits answer). Returns
// domain.ErrNotFound, domain.ErrStale, domain.ErrConflict when already
// answered or when actions are given and the service has no local plan,
// and domain.ErrInvalid.
func (s Service) AnswerVisit(ctx context.Context, v Viewer, id uuid.UUID, version int,
	r Reply) (Visit, error) {
	if err := r.Validate(); err != nil {
		return Visit{}, err
	}
	vis, err := s.Store.FindVisit(ctx, id, true)
	if err != nil {
		return Visit{}, err
	}
	ok, err := s.visible(ctx, Viewer{PersonID: v.PersonID, Answer: v.Answer,
		AllServices: v.AllServices}, vis)
	if err != nil {
		return Visit{}, err
	}
	if !ok || vis.Includes(v.PersonID) {
		return Visit{}, domain.NotFound("visit")
	}
	if vis.State != Approved {
		return Visit{}, domain.Conflict("the visit has already been answered")
	}
	if vis.Version != version {
		return Visit{}, domain.Stale("the visit")
	}
	if err := s.addActions(ctx, v, vis, r.Actions); err != nil {
		return Visit{}, err
	}
	before := vis.fields()
	now := s.now()
	vis.State, vis.Answer, vis.AnsweredBy, vis.AnsweredAt = Answered, strings.TrimSpace(r.Answer),
		v.PersonID, &now
	saved, err := s.Store.SaveVisit(ctx, vis, version)
	if err != nil {
		return Visit{}, fmt.Errorf("save answer: %w", err)
	}
	if err := s.Trail.Record(ctx, audit.ActionUpdate, "visit", id, before, saved.fields()); err != nil {
		return Visit{}, fmt.Errorf("record answer: %w", err)
	}
	for _, p := range saved.People {
		_, _, err := s.Notices.AddNotification(ctx, response.Notification{ID: uuid.New(),
			PersonID: p.ID, Kind: "visit_answered",
			Title: "You said, we did: " + saved.Place,
			Body: "The service answered your visit to " + saved.Place +
				". Open My visits to read what they did.",
			DedupeKey: "visit_answered:" + id.String() + ":" + p.ID.String()})
		if err != nil {
			return Visit{}, fmt.Errorf("tell young person: %w", err)
		}
	}
	return s.FindVisit(ctx, v, id)
}

func (s Service) addActions(ctx context.Context, v Viewer, vis Visit, actions []NewAction) error {
	if len(actions) == 0 {
		return nil
	}
	plan, err := s.localPlan(ctx, vis.OrganisationID)
	if err != nil {
		return err
	}
	if plan == nil {
		return domain.Conflict("the service has no local plan to add actions to; ask the QA lead to set one up")
	}
	for i, a := range actions {
		_, err := s.Plans.CreateAction(ctx, actionplan.Caller{PersonID: v.PersonID,
			ManageAll: v.AllServices}, actionplan.Action{PlanID: plan.ID,
			Title: strings.TrimSpace(a.Title), OwnerID: v.PersonID, DueOn: a.DueOn,
			Status: actionplan.NotStarted, RAG: actionplan.Green,
			Description: "From the HY5! visit to " + vis.Place + ": you said, we did.",
			Source:      &actionplan.Source{Kind: actionplan.SourceVisit, ID: vis.ID}})
		if err != nil {
			return prefixFields(fmt.Errorf("add action: %w", err), domain.Path("actions", i))
		}
	}
	return nil
}

// prefixFields moves the field paths of an invalid action under its place
// in the request.
func prefixFields(err error, prefix string) error {
	var de *domain.Error
	if !errors.As(err, &de) || de.Kind != domain.KindInvalid {
		return err
	}
	out := make([]domain.FieldError, len(de.Fields))
	for i, f := range de.Fields {
		out[i] = domain.FieldError{Field: prefix + "." + f.Field, Message: f.Message}
	}
	return domain.Invalid(out)
}

func (v Visit) fields() map[string]any {
	people := make([]string, len(v.People))
	for i, p := range v.People {
		people[i] = p.ID.String()
	}
	out := map[string]any{"state": string(v.State), "place": v.Place,
		"visit_date": v.VisitDate.Format(time.DateOnly), "people": people,
		"safeguarding": v.Safeguarding, "hidden": len(v.Hidden)}
	if v.OrganisationID != uuid.Nil {
		out["organisation_id"] = v.OrganisationID.String()
	}
	return out
}
