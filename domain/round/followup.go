package round

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/audit"
)

// MaxFollowUpSubjects caps the subjects one follow-up audits again.
const MaxFollowUpSubjects = 50

// FollowUp is a re-audit or a dip sample that an action schedules: named
// subjects audited with an instrument by one auditor between two dates.
type FollowUp struct {
	ActionID          uuid.UUID
	Purpose           Purpose
	Name              string
	InstrumentKey     string
	InstrumentVersion int
	// LocalIDs are the area's own ids of the subjects to audit.
	LocalIDs  []string
	AuditorID uuid.UUID
	OpensOn   time.Time
	DueOn     time.Time
}

func (f FollowUp) validate() error {
	var p domain.Problems
	if f.Purpose != ReAudit && f.Purpose != DipSample {
		p.Add("purpose", "choose a re-audit or a dip sample")
	}
	if n := len(f.LocalIDs); n < 1 || n > MaxFollowUpSubjects {
		p.Add("subject_local_ids", "give from 1 to %d local ids of subjects to audit",
			MaxFollowUpSubjects)
	}
	if f.AuditorID == uuid.Nil {
		p.Add("auditor_id", "choose the auditor who will do the audit")
	}
	return p.Err()
}

// TermOf is the term of the school year a date falls in, and the year
// that school year starts in: September to December is autumn, January
// to April spring, May to August summer.
func TermOf(d time.Time) (Term, int) {
	switch m := d.Month(); {
	case m >= time.September:
		return Autumn, d.Year()
	case m <= time.April:
		return Spring, d.Year() - 1
	default:
		return Summer, d.Year() - 1
	}
}

// ScheduleFollowUp plans a follow-up round for an action and allocates it
// at once: the named subjects, of the kind the instrument audits, to the
// auditor, who must not work for a service that contributed to any of
// them and is told of the work. The action's existence is the caller's to
// check. Callers must hold rounds write. Returns domain.ErrInvalid with
// fields.
func (s Service) ScheduleFollowUp(ctx context.Context, f FollowUp) (Round, error) {
	if err := f.validate(); err != nil {
		return Round{}, err
	}
	term, year := TermOf(f.OpensOn)
	size := len(f.LocalIDs)
	actionID := f.ActionID
	r, err := s.CreateRound(ctx, Round{Name: f.Name, InstrumentKey: f.InstrumentKey,
		InstrumentVersion: f.InstrumentVersion, Term: term, AcademicYear: year,
		OpensOn: f.OpensOn, DueOn: f.DueOn, Sampling: Sampling{Method: Random},
		SampleSize: size, PerAuditor: size, Purpose: f.Purpose, ActionID: &actionID})
	if err != nil {
		return Round{}, err
	}
	subjects, err := s.Store.ListCandidates(ctx, r.SubjectKind)
	if err != nil {
		return Round{}, err
	}
	cohort, err := s.chooseCohort(ctx, []uuid.UUID{f.AuditorID})
	if err != nil {
		return Round{}, domain.InvalidField("auditor_id", "choose a person who is an auditor in the area")
	}
	auditor := Auditor{ID: f.AuditorID.String(), Services: cohort[0].Services}

	sample, err := followUpSample(r, subjects, f.LocalIDs, auditor)
	if err != nil {
		return Round{}, err
	}
	if err := s.Store.ReplaceSample(ctx, r.ID, sample); err != nil {
		return Round{}, err
	}
	ids := make([]uuid.UUID, len(sample))
	for i := range sample {
		sample[i].AuditorID, sample[i].Status, ids[i] = f.AuditorID, StatusAllocated, sample[i].ID
	}
	if err := s.Store.SaveAllocations(ctx, sample); err != nil {
		return Round{}, err
	}
	if err := s.notify(ctx, r.DueOn, ids); err != nil {
		return Round{}, err
	}
	err = s.Store.SaveCohort(ctx, r.ID, []CohortMember{{PersonID: f.AuditorID,
		Name: cohort[0].Name, Services: cohort[0].Services}})
	if err != nil {
		return Round{}, err
	}
	now := s.now()
	r.State, r.DrawnAt, r.AllocatedAt = Allocated, &now, &now
	if r, err = s.Store.UpdateRound(ctx, r); err != nil {
		return Round{}, err
	}
	err = s.Trail.Record(ctx, audit.ActionCreate, "follow_up", r.ID, nil, map[string]any{
		"action_id": f.ActionID.String(), "purpose": string(f.Purpose), "subjects": size,
		"auditor_id": f.AuditorID.String()})
	return r, err
}

// followUpSample matches the named subjects among the candidates, in the
// order given, refusing unknown ones, repeats and conflicts of interest.
func followUpSample(
	r Round,
	subjects []CandidateSubject,
	localIDs []string,
	auditor Auditor,
) ([]Allocation, error) {
	byLocalID := make(map[string]CandidateSubject, len(subjects))
	for _, c := range subjects {
		byLocalID[strings.ToLower(c.LocalID)] = c
	}
	var p domain.Problems
	seen := map[uuid.UUID]bool{}
	sample := make([]Allocation, 0, len(localIDs))
	for i, id := range localIDs {
		field := domain.Path("subject_local_ids", i)
		c, ok := byLocalID[strings.ToLower(strings.TrimSpace(id))]
		switch {
		case !ok:
			p.Add(field, "the area has no %s with the local id %q",
				strings.ReplaceAll(string(r.SubjectKind), "_", " "), id)
		case seen[c.ID]:
			p.Add(field, "this subject is already listed")
		case Conflicted(auditor, Subject{Services: c.Services}):
			p.Add(field, "the auditor works for a service that contributed to this subject; "+
				"choose another auditor")
		default:
			seen[c.ID] = true
			sample = append(sample, Allocation{ID: uuid.New(), RoundID: r.ID, SubjectID: c.ID,
				LocalID: c.LocalID, Services: c.Services, Position: len(sample) + 1,
				Status: StatusSampled})
		}
	}
	return sample, p.Err()
}

// FollowUpAudit is one audit of a follow-up round, with its result once
// submitted.
type FollowUpAudit struct {
	AllocationID uuid.UUID
	LocalID      string
	AuditorName  string
	Status       Status
	// Result is the overall result's label, empty until submitted.
	Result      string
	SubmittedAt *time.Time
}

// FollowUpRound is a follow-up an action scheduled, with its audits.
type FollowUpRound struct {
	Round  Round
	Audits []FollowUpAudit
}

// ListFollowUps lists the follow-ups an action scheduled, the newest
// first, each with its audits' results. Callers must hold the action's
// read right.
func (s Service) ListFollowUps(ctx context.Context, actionID uuid.UUID) ([]FollowUpRound, error) {
	return s.Store.ListFollowUps(ctx, actionID)
}
