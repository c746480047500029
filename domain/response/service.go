package response

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/instrument"
	"sendqa/domain/mail"
	"sendqa/domain/round"
)

// Service completes audits, writing every change to the trail and
// enqueueing the notices it causes in the same transaction.
type Service struct {
	Store       Store
	Instruments Instruments
	Keys        Sealer
	Trail       Recorder
	Jobs        Jobs
	Blobs       Blobs
	// Scanner checks uploaded files for viruses; nil passes every file.
	Scanner Scanner
	// MaxFileSize caps an evidence file; zero means DefaultMaxFileSize.
	MaxFileSize int64
	// Outbox queues the e-mail of notices sent with Tell, in the caller's
	// transaction; nil keeps those notices in the app only.
	Outbox mail.Outbox
	// PublicURL is where people reach the app; links in notices' e-mail
	// start with it.
	PublicURL string
	Now       func() time.Time
}

func (s Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Inbox lists what is allocated to the viewer, soonest due first.
// Callers must hold assignments read.
func (s Service) Inbox(ctx context.Context, v Viewer) ([]Assignment, error) {
	return s.Store.ListAssignments(ctx, v.PersonID)
}

// Start opens the response to an allocation given to the viewer: a new
// draft, or the one already started (on this or another device), with
// created saying which. Callers must hold responses write. Returns
// domain.ErrNotFound for an allocation that is not the viewer's.
func (s Service) Start(ctx context.Context, v Viewer, allocationID uuid.UUID) (Response, bool, error) {
	a, err := s.Store.FindAssignment(ctx, allocationID, true)
	if err != nil {
		return Response{}, false, err
	}
	if a.AuditorID != v.PersonID {
		return Response{}, false, domain.NotFound("allocation")
	}
	if a.ResponseID != uuid.Nil {
		r, err := s.Find(ctx, v, a.ResponseID)
		return r, false, err
	}
	rec, err := s.Store.CreateResponse(ctx, Record{ID: uuid.New(), AllocationID: a.AllocationID,
		RoundID: a.RoundID, AuditorID: v.PersonID, InstrumentKey: a.InstrumentKey,
		InstrumentVersion: a.InstrumentVersion, State: Draft, Answers: []byte("{}"), SavedBy: v.PersonID})
	if err != nil {
		return Response{}, false, err
	}
	if err := s.Store.SetAllocationStatus(ctx, a.AllocationID, round.StatusInProgress); err != nil {
		return Response{}, false, err
	}
	err = s.Trail.Record(ctx, "start", "response", rec.ID, nil, map[string]any{
		"allocation_id": a.AllocationID.String(), "round_id": a.RoundID.String()})
	if err != nil {
		return Response{}, false, err
	}
	r, err := s.Find(ctx, v, rec.ID)
	return r, true, err
}

// Find returns a response the viewer may read, with its answers, leaving
// out personal ones the viewer may not see. Callers must hold responses
// read. Returns domain.ErrNotFound for another auditor's response unless
// the viewer sees all.
func (s Service) Find(ctx context.Context, v Viewer, id uuid.UUID) (Response, error) {
	rec, err := s.Store.FindResponse(ctx, id, false)
	if err != nil {
		return Response{}, err
	}
	def, err := s.definition(ctx, rec)
	if err != nil {
		return Response{}, err
	}
	return s.open(ctx, v, rec, def)
}

// open turns a record the viewer may read into a response, with def its
// instrument version's definition.
func (s Service) open(
	ctx context.Context, v Viewer, rec Record, def instrument.Definition,
) (Response, error) {
	if rec.AuditorID != v.PersonID && !v.All {
		return Response{}, errNotYours
	}
	out := Response{Record: rec, Definition: def}
	var err error
	if out.DefinitionJSON, err = s.Instruments.DefinitionJSON(ctx, rec.InstrumentKey,
		rec.InstrumentVersion); err != nil {
		return Response{}, err
	}
	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(rec.Answers, &raw); err != nil {
		return Response{}, fmt.Errorf("decode answers: %w", err)
	}
	if rec.Personal != nil {
		if v.Personal || rec.AuditorID == v.PersonID {
			if err := s.openPersonal(rec, raw); err != nil {
				return Response{}, err
			}
		} else {
			out.PersonalHidden = true
		}
	}
	merged, err := json.Marshal(raw)
	if err != nil {
		return Response{}, err
	}
	if out.Answers, err = instrument.DecodeAnswers(def, merged); err != nil {
		return Response{}, fmt.Errorf("stored answers no longer decode: %w", err)
	}
	out.Evidence, err = s.Store.ListEvidence(ctx, rec.ID)
	return out, err
}

func (s Service) openPersonal(rec Record, into map[string]json.RawMessage) error {
	plain, err := s.Keys.Open(rec.Personal, rec.PersonalKey, sealContext(rec.ID))
	if err != nil {
		return fmt.Errorf("open personal answers: %w", err)
	}
	personal := map[string]json.RawMessage{}
	if err := json.Unmarshal(plain, &personal); err != nil {
		return fmt.Errorf("decode personal answers: %w", err)
	}
	for k, v := range personal {
		into[k] = v
	}
	return nil
}

// sealContext binds sealed answers to their response, so that a copied
// ciphertext opens nowhere else.
func sealContext(id uuid.UUID) []byte { return []byte("response:" + id.String()) }

func (s Service) definition(ctx context.Context, rec Record) (instrument.Definition, error) {
	return s.Instruments.Definition(ctx, rec.InstrumentKey, rec.InstrumentVersion)
}

// lockOwn loads a response for a change by its own auditor, at version.
func (s Service) lockOwn(ctx context.Context, v Viewer, id uuid.UUID, version int) (Record, error) {
	rec, err := s.Store.FindResponse(ctx, id, true)
	if err != nil {
		return Record{}, err
	}
	if rec.AuditorID != v.PersonID {
		if v.All {
			return Record{}, domain.Forbidden("only the auditor it is allocated to can change a response")
		}
		return Record{}, errNotYours
	}
	if rec.Version != version {
		return Record{}, staleResponse(rec)
	}
	return rec, nil
}

// staleResponse names the change a writer missed, so that a second tab or
// device can say what happened rather than overwrite it.
func staleResponse(rec Record) error {
	return &domain.Error{Kind: domain.KindStale, Message: fmt.Sprintf(
		"this response was saved elsewhere (version %d, at %s UTC), perhaps in another tab or on "+
			"another device; load it again before you carry on, so that neither copy is lost",
		rec.Version, rec.UpdatedAt.UTC().Format("15:04:05 on 2 Jan 2006"))}
}

// SaveDraft saves the viewer's answers to their draft if it is still at
// version. Answers are checked for type only, so partial work saves.
// Callers must hold responses write. Returns domain.ErrStale naming the
// newer save, domain.ErrConflict for a submitted response and
// domain.ErrInvalid with fields such as "answers.date_received".
func (s Service) SaveDraft(
	ctx context.Context, v Viewer, id uuid.UUID, version int, answers []byte,
) (Response, error) {
	rec, err := s.lockOwn(ctx, v, id, version)
	if err != nil {
		return Response{}, err
	}
	if rec.State != Draft {
		return Response{}, domain.Conflict("the response is submitted; a QA lead must reopen it before it changes")
	}
	def, err := s.definition(ctx, rec)
	if err != nil {
		return Response{}, err
	}
	if _, err := s.checked(def, answers, instrument.Draft); err != nil {
		return Response{}, err
	}
	if err := s.split(def, &rec, answers); err != nil {
		return Response{}, err
	}
	rec.SavedBy = v.PersonID
	saved, err := s.Store.SaveResponse(ctx, rec, version)
	if err != nil {
		return Response{}, err
	}
	return s.open(ctx, v, saved, def)
}

// checked decodes and validates answers in mode on today's date.
func (s Service) checked(
	def instrument.Definition, answers []byte, mode instrument.Mode,
) (instrument.Answers, error) {
	decoded, err := instrument.DecodeAnswers(def, answers)
	if err != nil {
		return nil, err
	}
	return decoded, instrument.ValidateAnswers(def, decoded, mode, s.now())
}

// split stores the answers on rec, sealing personal items apart.
func (s Service) split(def instrument.Definition, rec *Record, answers []byte) error {
	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(answers, &raw); err != nil {
		return domain.InvalidField("answers", "send the answers as an object keyed by item id")
	}
	personal := map[string]json.RawMessage{}
	for i := range def.Sections {
		for _, item := range def.Sections[i].Items {
			if msg, ok := raw[item.ID]; ok && item.Kind == instrument.KindPersonal {
				personal[item.ID] = msg
				delete(raw, item.ID)
			}
		}
	}
	plain, err := json.Marshal(raw)
	if err != nil {
		return err
	}
	rec.Answers, rec.Personal, rec.PersonalKey = plain, nil, ""
	if len(personal) == 0 {
		return nil
	}
	sealedPlain, err := json.Marshal(personal)
	if err != nil {
		return err
	}
	rec.Personal, rec.PersonalKey, err = s.Keys.Seal(sealedPlain, sealContext(rec.ID))
	return err
}

// Submit checks the viewer's answers as a submission needs (every
// required item that applies, reasons for late milestones, the dates of
// any exception), scores them on today's date and keeps the result with
// the response. answers, when not empty, replace the saved ones first.
// Callers must hold responses write. Returns domain.ErrStale,
// domain.ErrConflict when already submitted and domain.ErrInvalid.
func (s Service) Submit(
	ctx context.Context, v Viewer, id uuid.UUID, version int, answers []byte,
) (Response, error) {
	rec, err := s.lockOwn(ctx, v, id, version)
	if err != nil {
		return Response{}, err
	}
	if rec.State != Draft {
		return Response{}, domain.Conflict("the response is already submitted")
	}
	def, err := s.definition(ctx, rec)
	if err != nil {
		return Response{}, err
	}
	cur, err := s.open(ctx, v, rec, def)
	if err != nil {
		return Response{}, err
	}
	if len(answers) == 0 {
		if answers, err = instrument.MarshalAnswers(cur.Answers); err != nil {
			return Response{}, err
		}
	}
	decoded, err := s.checked(cur.Definition, answers, instrument.Submit)
	if err != nil {
		return Response{}, err
	}
	now := s.now()
	result, err := instrument.Score(cur.Definition, decoded, now)
	if err != nil {
		return Response{}, err
	}
	if err := s.split(cur.Definition, &rec, answers); err != nil {
		return Response{}, err
	}
	rec.State, rec.Result, rec.AsOf, rec.SubmittedAt = Submitted, &result, instrument.DateOf(now).Time(), &now
	rec.SavedBy = v.PersonID
	saved, err := s.Store.SaveResponse(ctx, rec, version)
	if err != nil {
		return Response{}, err
	}
	if err := s.Store.SetAllocationStatus(ctx, rec.AllocationID, round.StatusSubmitted); err != nil {
		return Response{}, err
	}
	err = s.Trail.Record(ctx, "submit", "response", rec.ID, nil, map[string]any{
		"overall": result.Overall.Label, "rule_version": result.RuleVersion, "version": saved.Version})
	if err != nil {
		return Response{}, err
	}
	return s.open(ctx, v, saved, def)
}

// Reopen turns a submitted response back into a draft for its auditor,
// for the reason given, which the trail keeps, and tells the auditor.
// Callers must hold responses reopen. Returns domain.ErrStale,
// domain.ErrConflict for a draft and domain.ErrInvalid without a reason.
func (s Service) Reopen(
	ctx context.Context, v Viewer, id uuid.UUID, version int, reason string,
) (Response, error) {
	reason = strings.TrimSpace(reason)
	if n := len([]rune(reason)); n < 1 || n > 500 {
		return Response{}, domain.InvalidField("reason", "say why the response is reopened, in up to 500 characters")
	}
	rec, err := s.Store.FindResponse(ctx, id, true)
	if err != nil {
		return Response{}, err
	}
	if rec.Version != version {
		return Response{}, staleResponse(rec)
	}
	if rec.State != Submitted {
		return Response{}, domain.Conflict("only a submitted response can be reopened")
	}
	before := map[string]any{"state": string(rec.State), "overall": rec.Result.Overall.Label}
	rec.State, rec.Result, rec.SubmittedAt, rec.ReopenedReason = Draft, nil, nil, reason
	rec.SavedBy = v.PersonID
	saved, err := s.Store.SaveResponse(ctx, rec, version)
	if err != nil {
		return Response{}, err
	}
	if err := s.Store.SetAllocationStatus(ctx, rec.AllocationID, round.StatusInProgress); err != nil {
		return Response{}, err
	}
	err = s.Trail.Record(ctx, "reopen", "response", rec.ID, before,
		map[string]any{"state": string(Draft), "reason": reason})
	if err != nil {
		return Response{}, err
	}
	notice := Notice{Kind: NoticeReopened, AllocationID: rec.AllocationID, Serial: saved.Version}
	if err := s.Jobs.Notify(ctx, []Notice{notice}); err != nil {
		return Response{}, err
	}
	def, err := s.definition(ctx, saved)
	if err != nil {
		return Response{}, err
	}
	return s.open(ctx, v, saved, def)
}
