package moderation

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/instrument"
	"sendqa/domain/response"
	"sendqa/domain/round"
)

// Service runs moderation and the feedback loop, writing every change to
// the trail.
type Service struct {
	Store       Store
	Rounds      Rounds
	Instruments Instruments
	Notices     Notices
	Jobs        Jobs
	Trail       Recorder
	Now         func() time.Time
}

func (s Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Sample says how much of a round to moderate: a share of its submitted
// responses (percent), or a number of each auditor's, and by when.
type Sample struct {
	Percent    int
	PerAuditor int
	DueOn      time.Time
}

// Drawn is the outcome of a draw: the moderations made and the responses
// drawn that no auditor could moderate without a conflict.
type Drawn struct {
	Moderations []Record
	Unmatched   []Candidate
}

func (p Sample) validate() error {
	var probs domain.Problems
	if (p.Percent > 0) == (p.PerAuditor > 0) {
		probs.Add("percent", "give either a share of responses or a number per auditor")
	}
	if p.Percent < 0 || p.Percent > 100 {
		probs.Add("percent", "give a share from 1 to 100")
	}
	if p.PerAuditor < 0 || p.PerAuditor > 50 {
		probs.Add("per_auditor", "give a number from 1 to 50")
	}
	if p.DueOn.IsZero() {
		probs.Add("due_on", "give the date the moderation is due")
	}
	return probs.Err()
}

// Draw samples a round's submitted responses not yet moderated and gives
// each to a second auditor who neither did the first audit nor works for
// a service that contributed to the subject, the least loaded first.
// Callers must hold moderations manage.
func (s Service) Draw(ctx context.Context, roundID uuid.UUID, p Sample) (Drawn, error) {
	if err := p.validate(); err != nil {
		return Drawn{}, err
	}
	if _, err := s.Rounds.FindRound(ctx, roundID, true); err != nil {
		return Drawn{}, err
	}
	candidates, err := s.Store.ListCandidates(ctx, roundID)
	if err != nil {
		return Drawn{}, err
	}
	if len(candidates) == 0 {
		return Drawn{}, domain.Conflict("the round has no submitted responses left to moderate")
	}
	auditors, err := s.Rounds.ListAuditors(ctx)
	if err != nil {
		return Drawn{}, err
	}
	loads, err := s.Store.CountByModerator(ctx)
	if err != nil {
		return Drawn{}, err
	}
	var out Drawn
	for _, c := range pick(candidates, p) {
		moderator, ok := leastLoaded(auditors, loads, c)
		if !ok {
			out.Unmatched = append(out.Unmatched, c)
			continue
		}
		loads[moderator]++
		rec := Record{ID: uuid.New(), ModeratorID: moderator, State: Allocated, Answers: []byte("{}"),
			DueOn: p.DueOn, First: First{ResponseID: c.ResponseID, RoundID: roundID, LocalID: c.LocalID}}
		if err := s.Store.CreateModeration(ctx, rec); err != nil {
			return Drawn{}, err
		}
		if err := s.tellModerator(ctx, rec); err != nil {
			return Drawn{}, err
		}
		err := s.Trail.Record(ctx, "allocate", "moderation", rec.ID, nil, map[string]any{
			"response_id": c.ResponseID.String(), "moderator_id": moderator.String(),
			"round_id": roundID.String()})
		if err != nil {
			return Drawn{}, err
		}
		out.Moderations = append(out.Moderations, rec)
	}
	return out, nil
}

// tellModerator gives the moderator a notice of their new moderation, by
// e-mail too if they want it.
func (s Service) tellModerator(ctx context.Context, r Record) error {
	return s.Notices.Tell(ctx, response.Reminder{PersonID: r.ModeratorID,
		Kind:  "moderation",
		Title: "New moderation for you: " + r.First.LocalID,
		Body: fmt.Sprintf("Audit %s again, without seeing the first audit, by %s. "+
			"It is under Moderation.", r.First.LocalID, r.DueOn.Format("2 January 2006")),
		Link:      "/moderation/" + r.ID.String(),
		DedupeKey: "moderation:" + r.ID.String()})
}

// pick draws the sample at random: the share of all candidates, rounded
// up, or up to the number per first auditor.
func pick(candidates []Candidate, p Sample) []Candidate {
	shuffled := slices.Clone(candidates)
	rand.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if p.Percent > 0 {
		n := (len(shuffled)*p.Percent + 99) / 100
		return shuffled[:n]
	}
	per := map[uuid.UUID]int{}
	var out []Candidate
	for _, c := range shuffled {
		if per[c.AuditorID] < p.PerAuditor {
			per[c.AuditorID]++
			out = append(out, c)
		}
	}
	return out
}

// leastLoaded chooses the auditor with fewest moderations who may
// moderate the candidate.
func leastLoaded(auditors []round.AuditorRecord, loads map[uuid.UUID]int, c Candidate) (uuid.UUID, bool) {
	best, found := uuid.Nil, false
	for _, a := range auditors {
		if !MayModerate(a, c) {
			continue
		}
		if !found || loads[a.PersonID] < loads[best] {
			best, found = a.PersonID, true
		}
	}
	return best, found
}

// MayModerate reports whether an auditor may moderate a response: they
// did not audit it first and have no conflict with the subject.
func MayModerate(a round.AuditorRecord, c Candidate) bool {
	if a.PersonID == c.AuditorID {
		return false
	}
	return !round.Conflicted(round.Auditor{Services: a.Services}, round.Subject{Services: c.Services})
}

// View is a moderation as its reader may see it. The first audit's
// answers, result and auditor are left out for the moderator until they
// have submitted their own.
type View struct {
	Record
	Definition  instrument.Definition
	Answers     instrument.Answers
	FirstHidden bool
}

// List lists moderations: a QA lead's every one, a moderator's their own.
// Callers must hold moderations read.
func (s Service) List(ctx context.Context, v Viewer, f Filter) ([]View, error) {
	if !v.Manage {
		f.ModeratorID = &v.PersonID
	}
	recs, err := s.Store.ListModerations(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]View, len(recs))
	for i, r := range recs {
		out[i] = View{Record: blind(v, r), FirstHidden: hidden(v, r)}
	}
	return out, nil
}

// hidden says whether the first audit is kept from the viewer: from the
// moderator until they have submitted.
func hidden(v Viewer, r Record) bool { return !v.Manage && !r.State.Done() }

// blind removes what would reveal the first audit to the viewer.
func blind(v Viewer, r Record) Record {
	if hidden(v, r) {
		r.First.AuditorID, r.First.AuditorName = uuid.Nil, ""
		r.First.Answers, r.First.Result = nil, nil
	}
	return r
}

// Find returns a moderation the viewer may read. Callers must hold
// moderations read. Another moderator's moderation is not found.
func (s Service) Find(ctx context.Context, v Viewer, id uuid.UUID) (View, error) {
	r, err := s.Store.FindModeration(ctx, id, false)
	if err != nil {
		return View{}, err
	}
	if !v.Manage && r.ModeratorID != v.PersonID {
		return View{}, errNotYours
	}
	def, err := s.definition(ctx, r)
	if err != nil {
		return View{}, err
	}
	answers, err := instrument.DecodeAnswers(def, r.Answers)
	if err != nil {
		return View{}, fmt.Errorf("stored answers no longer decode: %w", err)
	}
	return View{Record: blind(v, r), Definition: def, Answers: answers, FirstHidden: hidden(v, r)}, nil
}

// definition is the instrument version the first audit answered, without
// its personal items: a moderator judges the record, not who the child is.
func (s Service) definition(ctx context.Context, r Record) (instrument.Definition, error) {
	ver, err := s.Instruments.FindVersion(ctx, r.First.InstrumentKey, r.First.InstrumentVersion)
	if err != nil {
		return instrument.Definition{}, err
	}
	def := ver.Definition
	sections := make([]instrument.Section, 0, len(def.Sections))
	for _, sec := range def.Sections {
		sec.Items = slices.DeleteFunc(slices.Clone(sec.Items), func(it instrument.Item) bool {
			return it.Kind == instrument.KindPersonal
		})
		sections = append(sections, sec)
	}
	def.Sections = sections
	return def, nil
}

// lockOwn loads the viewer's own moderation for a change at version.
func (s Service) lockOwn(ctx context.Context, v Viewer, id uuid.UUID, version int) (Record, error) {
	r, err := s.Store.FindModeration(ctx, id, true)
	if err != nil {
		return Record{}, err
	}
	if r.ModeratorID != v.PersonID {
		if v.Manage {
			return Record{}, domain.Forbidden("only the moderator it is given to can answer a moderation")
		}
		return Record{}, errNotYours
	}
	if r.Version != version {
		return Record{}, domain.Stale("the moderation")
	}
	if r.State.Done() {
		return Record{}, domain.Conflict("the moderation is submitted; its answers can no longer change")
	}
	return r, nil
}

// Save keeps the moderator's draft answers, checked for type only.
// Callers must hold moderations write.
func (s Service) Save(ctx context.Context, v Viewer, id uuid.UUID, version int,
	answers []byte) (View, error) {
	r, err := s.lockOwn(ctx, v, id, version)
	if err != nil {
		return View{}, err
	}
	def, err := s.definition(ctx, r)
	if err != nil {
		return View{}, err
	}
	if _, err := s.checked(def, answers, instrument.Draft); err != nil {
		return View{}, err
	}
	r.Answers, r.State, r.SavedBy = answers, Draft, v.PersonID
	if _, err := s.Store.SaveModeration(ctx, r, version); err != nil {
		return View{}, err
	}
	return s.Find(ctx, v, id)
}

func (s Service) checked(def instrument.Definition, answers []byte,
	mode instrument.Mode) (instrument.Answers, error) {
	if len(strings.TrimSpace(string(answers))) == 0 {
		return nil, domain.InvalidField("answers", "send the answers as an object keyed by item id")
	}
	decoded, err := instrument.DecodeAnswers(def, answers)
	if err != nil {
		return nil, err
	}
	return decoded, instrument.ValidateAnswers(def, decoded, mode, s.now())
}

// Submit checks the moderator's answers as a submission needs, scores
// them and keeps the result; after this both audits may be compared.
// Callers must hold moderations write.
func (s Service) Submit(ctx context.Context, v Viewer, id uuid.UUID, version int,
	answers []byte) (View, error) {
	r, err := s.lockOwn(ctx, v, id, version)
	if err != nil {
		return View{}, err
	}
	def, err := s.definition(ctx, r)
	if err != nil {
		return View{}, err
	}
	if len(answers) == 0 {
		answers = r.Answers
	}
	decoded, err := s.checked(def, answers, instrument.Submit)
	if err != nil {
		return View{}, err
	}
	now := s.now()
	result, err := instrument.Score(def, decoded, now)
	if err != nil {
		return View{}, err
	}
	r.Answers, r.State, r.Result, r.SubmittedAt, r.SavedBy = answers, Submitted, &result, &now, v.PersonID
	saved, err := s.Store.SaveModeration(ctx, r, version)
	if err != nil {
		return View{}, err
	}
	err = s.Trail.Record(ctx, "submit", "moderation", r.ID, nil, map[string]any{
		"overall": result.Overall.Label, "version": saved.Version})
	if err != nil {
		return View{}, err
	}
	return s.Find(ctx, v, id)
}
