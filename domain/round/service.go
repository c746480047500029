package round

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
	"sendqa/domain/catalogue"
	"sendqa/domain/instrument"
)

// CandidateSubject is a subject a round may draw, as the store reads it.
type CandidateSubject struct {
	ID          uuid.UUID
	LocalID     string
	PrimaryNeed string
	SettingType string
	KeyStage    string
	Services    []string
}

// AuditorRecord is a member holding the auditor role, with the services
// they work for.
type AuditorRecord struct {
	PersonID uuid.UUID
	Name     string
	Email    string
	Services []string
	Version  int // zero until services are first recorded
}

// Store keeps rounds, their samples and allocations, and auditors'
// services. Every method runs in the transaction carried by ctx.
type Store interface {
	CreateRound(ctx context.Context, r Round) (Round, error)
	// FindRound returns a round; lock holds it until the transaction ends.
	FindRound(ctx context.Context, id uuid.UUID, lock bool) (Round, error)
	// ListRounds lists rounds, newest school year and newest first.
	ListRounds(ctx context.Context, p domain.Page) (domain.List[Round], error)
	// UpdateRound saves a round's draw and state.
	UpdateRound(ctx context.Context, r Round) (Round, error)
	ListCandidates(ctx context.Context, kind instrument.SubjectKind) ([]CandidateSubject, error)
	// ReplaceSample removes a round's sample and stores a new one.
	ReplaceSample(ctx context.Context, roundID uuid.UUID, sample []Allocation) error
	// ListAllocations lists a round's sample by position.
	ListAllocations(ctx context.Context, roundID uuid.UUID) ([]Allocation, error)
	FindAllocation(ctx context.Context, roundID, id uuid.UUID) (Allocation, error)
	// SaveAllocation saves an allocation's auditor, status and reason if
	// it is still at version, and returns domain.ErrStale if not.
	SaveAllocation(ctx context.Context, a Allocation, version int) (Allocation, error)
	SaveAllocations(ctx context.Context, list []Allocation) error
	SaveCohort(ctx context.Context, roundID uuid.UUID, cohort []CohortMember) error
	ListCohort(ctx context.Context, roundID uuid.UUID) ([]CohortMember, error)
	ListAuditors(ctx context.Context) ([]AuditorRecord, error)
	// SaveAuditorServices records an auditor's services if the record is
	// still at version (zero for none yet).
	SaveAuditorServices(ctx context.Context, a AuditorRecord, version int) (AuditorRecord, error)
	// ListFollowUps lists the rounds an action scheduled, newest first,
	// with their audits and results.
	ListFollowUps(ctx context.Context, actionID uuid.UUID) ([]FollowUpRound, error)
}

// Instruments finds the instrument version a round uses.
type Instruments interface {
	FindVersion(ctx context.Context, ref string, number int) (catalogue.Version, error)
}

// Notifier enqueues, in the caller's transaction, the notices that giving
// auditors work causes: allocated now, due soon and overdue later.
type Notifier interface {
	Allocated(ctx context.Context, due time.Time, allocationIDs []uuid.UUID) error
}

// Service runs rounds, writing every change to the trail in the same
// transaction.
type Service struct {
	Store       Store
	Instruments Instruments
	Trail       audit.Recorder
	// Notices tells auditors of their new work; nil tells no one.
	Notices Notifier
	Now     func() time.Time
}

func (s Service) notify(ctx context.Context, due time.Time, ids []uuid.UUID) error {
	if s.Notices == nil || len(ids) == 0 {
		return nil
	}
	return s.Notices.Allocated(ctx, due, ids)
}

func (s Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// CreateRound plans a round on an instrument's published version. Callers
// must hold rounds write. Returns domain.ErrInvalid with fields.
func (s Service) CreateRound(ctx context.Context, r Round) (Round, error) {
	if r.PerAuditor == 0 {
		r.PerAuditor = 2
	}
	if err := r.Validate(); err != nil {
		return Round{}, err
	}
	v, err := s.Instruments.FindVersion(ctx, r.InstrumentKey, r.InstrumentVersion)
	if domain.IsNotFound(err) {
		return Round{}, domain.InvalidField("instrument_version",
			"choose a version of an instrument the area can use")
	}
	if err != nil {
		return Round{}, err
	}
	if v.State != instrument.StatePublished {
		return Round{}, domain.InvalidField("instrument_version", "choose a published version")
	}
	r.ID, r.State, r.SubjectKind = uuid.New(), Planned, v.Definition.Subject
	if r.Purpose == "" {
		r.Purpose = Programme
	}
	r.CreatedBy = domain.ActorFrom(ctx).PersonID
	out, err := s.Store.CreateRound(ctx, r)
	if err != nil {
		return Round{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionCreate, "round", out.ID, nil, map[string]any{
		"name": out.Name, "instrument": out.InstrumentKey, "version": out.InstrumentVersion,
		"term": string(out.Term), "academic_year": out.AcademicYear})
	return out, err
}

// ListRounds returns a page of rounds. Callers must hold rounds read.
func (s Service) ListRounds(ctx context.Context, p domain.Page) (domain.List[Round], error) {
	return s.Store.ListRounds(ctx, p.Normalised())
}

// FindRound returns a round. Returns domain.ErrNotFound.
func (s Service) FindRound(ctx context.Context, id uuid.UUID) (Round, error) {
	return s.Store.FindRound(ctx, id, false)
}

// lockRound loads a round for a change if it is still at version.
func (s Service) lockRound(ctx context.Context, id uuid.UUID, version int) (Round, error) {
	r, err := s.Store.FindRound(ctx, id, true)
	if err != nil {
		return Round{}, err
	}
	if r.Version != version {
		return Round{}, domain.Stale("the round")
	}
	return r, nil
}

// DrawSample draws the round's sample from the area's subjects of its
// instrument's kind, with the given seed or a new random one, which it
// records so the draw can be repeated. The size is the round's sample
// size or, when it has none, the number of auditors times the number
// each takes. A round may be drawn again until it is allocated. Callers
// must hold rounds write. Returns domain.ErrStale, domain.ErrConflict once
// allocated, and domain.ErrInvalid when there is nothing to draw.
func (s Service) DrawSample(ctx context.Context, id uuid.UUID, version int, seed *int64) (Round, error) {
	r, err := s.lockRound(ctx, id, version)
	if err != nil {
		return Round{}, err
	}
	if r.State == Allocated {
		return Round{}, domain.Conflict("the round is allocated; its sample can no longer be drawn again")
	}
	size := r.SampleSize
	if size == 0 {
		auditors, err := s.Store.ListAuditors(ctx)
		if err != nil {
			return Round{}, err
		}
		size = len(auditors) * r.PerAuditor
		if size == 0 {
			return Round{}, domain.InvalidField("sample_size",
				"the area has no auditors yet; add auditors or set the round's sample size")
		}
	}
	subjects, err := s.Store.ListCandidates(ctx, r.SubjectKind)
	if err != nil {
		return Round{}, err
	}
	if len(subjects) == 0 {
		return Round{}, domain.InvalidField("subjects",
			fmt.Sprintf("the area has no subjects of kind %s to draw from; import them first", r.SubjectKind))
	}
	if seed == nil {
		seed = newSeed()
	}
	picks, strata := Draw(candidates(subjects), r.Sampling, size, *seed)
	sample := make([]Allocation, len(picks))
	for i, p := range picks {
		sample[i] = Allocation{ID: uuid.New(), RoundID: r.ID, SubjectID: uuid.MustParse(p.Candidate.ID),
			LocalID: p.Candidate.LocalID, Stratum: p.Stratum, Position: i + 1, Status: StatusSampled}
	}
	if err := s.Store.ReplaceSample(ctx, r.ID, sample); err != nil {
		return Round{}, err
	}
	now := s.now()
	r.Seed, r.Strata, r.State, r.DrawnAt = seed, strata, Drawn, &now
	out, err := s.Store.UpdateRound(ctx, r)
	if err != nil {
		return Round{}, err
	}
	err = s.Trail.Record(ctx, "draw", "round", r.ID, nil, map[string]any{
		"seed": *seed, "size": len(sample), "population": len(subjects),
		"method": string(r.Sampling.Method), "strata_by": string(r.Sampling.StrataBy)})
	return out, err
}

func candidates(subjects []CandidateSubject) []Candidate {
	out := make([]Candidate, len(subjects))
	for i, s := range subjects {
		out[i] = Candidate{ID: s.ID.String(), LocalID: s.LocalID, Strata: map[StrataBy]string{
			ByPrimaryNeed: s.PrimaryNeed, BySettingType: s.SettingType, ByKeyStage: s.KeyStage}}
	}
	return out
}

// newSeed is a random seed that fits in a JSON number exactly.
func newSeed() *int64 {
	var b [8]byte
	_, _ = rand.Read(b[:])
	v := int64(binary.BigEndian.Uint64(b[:]) >> 11)
	return &v
}

// Outcome is what an automatic allocation did.
type Outcome struct {
	Round       Round
	Allocated   int
	Unallocated int
}

// AllocateSample gives the drawn sample to the cohort: the listed auditors
// or, when none are listed, every member holding the auditor role. No
// auditor gets a subject their service contributed to, and loads differ by
// at most one whenever that is possible; a subject no one can take stays
// unallocated for a person to place. Callers must hold rounds write.
// Returns domain.ErrStale, domain.ErrConflict unless the round is drawn,
// and domain.ErrInvalid for a listed person who is not an auditor.
func (s Service) AllocateSample(
	ctx context.Context,
	id uuid.UUID,
	version int,
	auditorIDs []uuid.UUID,
) (Outcome, error) {
	r, err := s.lockRound(ctx, id, version)
	if err != nil {
		return Outcome{}, err
	}
	if r.State != Drawn {
		return Outcome{}, domain.Conflict("only a drawn round can be allocated")
	}
	cohort, err := s.chooseCohort(ctx, auditorIDs)
	if err != nil {
		return Outcome{}, err
	}
	sample, err := s.Store.ListAllocations(ctx, r.ID)
	if err != nil {
		return Outcome{}, err
	}
	auditors := make([]Auditor, len(cohort))
	for i, a := range cohort {
		auditors[i] = Auditor{ID: a.PersonID.String(), Services: a.Services}
	}
	subjects := make([]Subject, len(sample))
	for i, a := range sample {
		subjects[i] = Subject{ID: a.ID.String(), Services: a.Services}
	}
	got := Allocate(auditors, subjects, *r.Seed)

	out := Outcome{}
	var given []uuid.UUID
	for i := range sample {
		if who, ok := got.AuditorOf[sample[i].ID.String()]; ok {
			sample[i].AuditorID, sample[i].Status = uuid.MustParse(who), StatusAllocated
			given = append(given, sample[i].ID)
			out.Allocated++
		} else {
			out.Unallocated++
		}
	}
	if err := s.Store.SaveAllocations(ctx, sample); err != nil {
		return Outcome{}, err
	}
	if err := s.notify(ctx, r.DueOn, given); err != nil {
		return Outcome{}, err
	}
	members := make([]CohortMember, len(cohort))
	for i, a := range cohort {
		members[i] = CohortMember{PersonID: a.PersonID, Name: a.Name, Services: a.Services}
	}
	if err := s.Store.SaveCohort(ctx, r.ID, members); err != nil {
		return Outcome{}, err
	}
	now := s.now()
	r.State, r.AllocatedAt = Allocated, &now
	if out.Round, err = s.Store.UpdateRound(ctx, r); err != nil {
		return Outcome{}, err
	}
	err = s.Trail.Record(ctx, "allocate", "round", r.ID, nil, map[string]any{
		"auditors": len(cohort), "allocated": out.Allocated, "unallocated": out.Unallocated})
	return out, err
}

// chooseCohort returns the listed auditors, or all of them.
func (s Service) chooseCohort(ctx context.Context, ids []uuid.UUID) ([]AuditorRecord, error) {
	all, err := s.Store.ListAuditors(ctx)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		if len(all) == 0 {
			return nil, domain.InvalidField("auditor_ids", "the area has no auditors to allocate to")
		}
		return all, nil
	}
	var out []AuditorRecord
	var p domain.Problems
	for i, id := range ids {
		j := slices.IndexFunc(all, func(a AuditorRecord) bool { return a.PersonID == id })
		if j < 0 {
			p.Add(domain.Path("auditor_ids", i), "this person is not an auditor in the area")
			continue
		}
		if !slices.ContainsFunc(out, func(a AuditorRecord) bool { return a.PersonID == id }) {
			out = append(out, all[j])
		}
	}
	return out, p.Err()
}

// MoveAllocation gives one sampled subject to another auditor, for the
// reason given, which the trail keeps. The auditor must hold the auditor
// role and must not work for a service that contributed to the subject.
// Callers must hold rounds write. Returns domain.ErrNotFound,
// domain.ErrStale, domain.ErrConflict for a submitted audit and
// domain.ErrInvalid with fields.
func (s Service) MoveAllocation(
	ctx context.Context,
	roundID, id uuid.UUID,
	version int,
	auditorID uuid.UUID,
	reason string,
) (Allocation, error) {
	reason = strings.TrimSpace(reason)
	if n := len([]rune(reason)); n < 1 || n > 500 {
		return Allocation{}, domain.InvalidField("reason", "say why the audit moves, in up to 500 characters")
	}
	r, err := s.Store.FindRound(ctx, roundID, true)
	if err != nil {
		return Allocation{}, err
	}
	a, err := s.Store.FindAllocation(ctx, r.ID, id)
	if err != nil {
		return Allocation{}, err
	}
	if a.Version != version {
		return Allocation{}, domain.Stale("the allocation")
	}
	if a.Status == StatusSubmitted {
		return Allocation{}, domain.Conflict("the audit is submitted; it can no longer move")
	}
	auditors, err := s.Store.ListAuditors(ctx)
	if err != nil {
		return Allocation{}, err
	}
	j := slices.IndexFunc(auditors, func(x AuditorRecord) bool { return x.PersonID == auditorID })
	if j < 0 {
		return Allocation{}, domain.InvalidField("auditor_id", "choose a person who is an auditor in the area")
	}
	to := auditors[j]
	if Conflicted(Auditor{Services: to.Services}, Subject{Services: a.Services}) {
		return Allocation{}, domain.InvalidField("auditor_id", fmt.Sprintf(
			"%s works for a service that contributed to %s; choose someone else", to.Name, a.LocalID))
	}
	before := map[string]any{"auditor_id": nullID(a.AuditorID)}
	a.AuditorID, a.Reason = to.PersonID, reason
	if a.Status == StatusSampled {
		a.Status = StatusAllocated
	}
	out, err := s.Store.SaveAllocation(ctx, a, version)
	if err != nil {
		return Allocation{}, err
	}
	if err := s.notify(ctx, r.DueOn, []uuid.UUID{a.ID}); err != nil {
		return Allocation{}, err
	}
	if err := s.joinCohort(ctx, r.ID, to); err != nil {
		return Allocation{}, err
	}
	err = s.Trail.Record(ctx, "move", "allocation", a.ID, before, map[string]any{
		"auditor_id": to.PersonID.String(), "reason": reason, "round_id": r.ID.String()})
	return out, err
}

func nullID(id uuid.UUID) any {
	if id == uuid.Nil {
		return nil
	}
	return id.String()
}

// joinCohort adds an auditor given work by hand to the round's cohort.
func (s Service) joinCohort(ctx context.Context, roundID uuid.UUID, a AuditorRecord) error {
	cohort, err := s.Store.ListCohort(ctx, roundID)
	if err != nil {
		return err
	}
	active := func(m CohortMember) bool { return m.PersonID == a.PersonID && m.LeftAt == nil }
	if slices.ContainsFunc(cohort, active) {
		return nil
	}
	return s.Store.SaveCohort(ctx, roundID, []CohortMember{{PersonID: a.PersonID, Name: a.Name,
		Services: a.Services}})
}

// Reassignment is what handing on a leaver's audits did.
type Reassignment struct {
	Moved       int
	Unallocated int
}

// ReassignLeaver hands every unsubmitted audit of an auditor who left to
// the rest of the round's cohort, each to the least-loaded auditor without
// a conflict, and marks the leaver as gone from the round. An audit no
// one can take goes back to unallocated. Callers must hold rounds write.
// Returns domain.ErrNotFound and domain.ErrInvalid.
func (s Service) ReassignLeaver(
	ctx context.Context,
	roundID, leaverID uuid.UUID,
	reason string,
) (Reassignment, error) {
	reason = strings.TrimSpace(reason)
	if n := len([]rune(reason)); n < 1 || n > 500 {
		return Reassignment{}, domain.InvalidField("reason", "say why the audits move, in up to 500 characters")
	}
	r, err := s.Store.FindRound(ctx, roundID, true)
	if err != nil {
		return Reassignment{}, err
	}
	cohort, err := s.Store.ListCohort(ctx, r.ID)
	if err != nil {
		return Reassignment{}, err
	}
	if !slices.ContainsFunc(cohort, func(m CohortMember) bool { return m.PersonID == leaverID }) {
		return Reassignment{}, domain.InvalidField("auditor_id", "this person is not in the round's cohort")
	}
	sample, err := s.Store.ListAllocations(ctx, r.ID)
	if err != nil {
		return Reassignment{}, err
	}
	loads := map[uuid.UUID]int{}
	for _, a := range sample {
		loads[a.AuditorID]++
	}
	var stayers []CohortMember
	for _, m := range cohort {
		if m.PersonID != leaverID && m.LeftAt == nil {
			stayers = append(stayers, m)
		}
	}
	var out Reassignment
	var moved []Allocation
	for _, a := range sample {
		if a.AuditorID != leaverID || a.Status == StatusSubmitted {
			continue
		}
		to := leastLoaded(stayers, loads, a)
		a.Reason = reason
		if to == nil {
			a.AuditorID, a.Status = uuid.Nil, StatusSampled
			out.Unallocated++
		} else {
			a.AuditorID, a.Status = to.PersonID, StatusAllocated
			loads[to.PersonID]++
			out.Moved++
		}
		moved = append(moved, a)
	}
	if err := s.Store.SaveAllocations(ctx, moved); err != nil {
		return Reassignment{}, err
	}
	now := s.now()
	for i := range cohort {
		if cohort[i].PersonID == leaverID {
			cohort[i].LeftAt = &now
			if err := s.Store.SaveCohort(ctx, r.ID, cohort[i:i+1]); err != nil {
				return Reassignment{}, err
			}
		}
	}
	err = s.Trail.Record(ctx, "reassign", "round", r.ID, nil, map[string]any{
		"from": leaverID.String(), "moved": out.Moved, "unallocated": out.Unallocated, "reason": reason})
	return out, err
}

// leastLoaded picks the cohort member with the fewest audits who may take
// the allocation, ties going to the earlier name.
func leastLoaded(cohort []CohortMember, loads map[uuid.UUID]int, a Allocation) *CohortMember {
	var best *CohortMember
	for i := range cohort {
		m := &cohort[i]
		if Conflicted(Auditor{Services: m.Services}, Subject{Services: a.Services}) {
			continue
		}
		if best == nil || loads[m.PersonID] < loads[best.PersonID] ||
			loads[m.PersonID] == loads[best.PersonID] && m.Name < best.Name {
			best = m
		}
	}
	return best
}

// ListAllocations returns a round's sample with each subject's auditor.
// Callers must hold rounds read. Returns domain.ErrNotFound.
func (s Service) ListAllocations(ctx context.Context, roundID uuid.UUID) ([]Allocation, error) {
	if _, err := s.Store.FindRound(ctx, roundID, false); err != nil {
		return nil, err
	}
	return s.Store.ListAllocations(ctx, roundID)
}

// FindProgress counts a round's audits by status and auditor. Callers
// must hold rounds read. Returns domain.ErrNotFound.
func (s Service) FindProgress(ctx context.Context, roundID uuid.UUID) (Progress, error) {
	sample, err := s.ListAllocations(ctx, roundID)
	if err != nil {
		return Progress{}, err
	}
	cohort, err := s.Store.ListCohort(ctx, roundID)
	if err != nil {
		return Progress{}, err
	}
	p := Progress{Sampled: len(sample)}
	byAuditor := map[uuid.UUID]*AuditorLoad{}
	for _, m := range cohort {
		p.ByAuditor = append(p.ByAuditor, AuditorLoad{PersonID: m.PersonID, Name: m.Name,
			Services: m.Services, Left: m.LeftAt != nil})
	}
	for i := range p.ByAuditor {
		byAuditor[p.ByAuditor[i].PersonID] = &p.ByAuditor[i]
	}
	for _, a := range sample {
		switch a.Status {
		case StatusSampled:
			p.Unallocated++
		case StatusAllocated:
			p.Allocated++
		case StatusInProgress:
			p.InProgress++
		case StatusSubmitted:
			p.Submitted++
		}
		if l := byAuditor[a.AuditorID]; l != nil {
			l.Allocated++
			if a.Status == StatusSubmitted {
				l.Submitted++
			}
		}
	}
	return p, nil
}

// ListAuditors returns the area's auditors with their services. Callers
// must hold auditors read.
func (s Service) ListAuditors(ctx context.Context) ([]AuditorRecord, error) {
	return s.Store.ListAuditors(ctx)
}

// SetAuditorServices records the services an auditor works for, which
// decide their conflicts of interest, if the record is still at version
// (zero before the first). Callers must hold auditors write. Returns
// domain.ErrNotFound for a person who is not an auditor, domain.ErrStale
// and domain.ErrInvalid.
func (s Service) SetAuditorServices(
	ctx context.Context,
	personID uuid.UUID,
	services []string,
	version int,
) (AuditorRecord, error) {
	var p domain.Problems
	var clean []string
	for i, name := range services {
		name = strings.TrimSpace(name)
		if n := len([]rune(name)); n < 1 || n > 200 {
			p.Add(domain.Path("services", i), "enter a service name of 1 to 200 characters")
			continue
		}
		if !slices.ContainsFunc(clean, func(c string) bool { return strings.EqualFold(c, name) }) {
			clean = append(clean, name)
		}
	}
	if err := p.Err(); err != nil {
		return AuditorRecord{}, err
	}
	auditors, err := s.Store.ListAuditors(ctx)
	if err != nil {
		return AuditorRecord{}, err
	}
	j := slices.IndexFunc(auditors, func(a AuditorRecord) bool { return a.PersonID == personID })
	if j < 0 {
		return AuditorRecord{}, domain.NotFound("auditor")
	}
	a := auditors[j]
	if a.Version != version {
		return AuditorRecord{}, domain.Stale("the auditor's services")
	}
	before := a.Services
	a.Services = clean
	out, err := s.Store.SaveAuditorServices(ctx, a, version)
	if err != nil {
		return AuditorRecord{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionUpdate, "auditor_services", personID,
		map[string]any{"services": before}, map[string]any{"services": clean})
	return out, err
}
