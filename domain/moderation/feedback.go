package moderation

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/instrument"
	"sendqa/domain/response"
)

// DefaultPoorLabels are the results that send feedback when the
// instrument sets no rule of its own.
var DefaultPoorLabels = []string{"requires_improvement", "inadequate"}

// poorLabels is the instrument's feedback rule.
func poorLabels(def instrument.Definition) []string {
	if def.FollowUp != nil && len(def.FollowUp.PoorLabels) > 0 {
		return def.FollowUp.PoorLabels
	}
	return DefaultPoorLabels
}

// Release queues the feedback rule for every submitted response of a
// round; each run decides whether its result is settled (agreed, or
// unmoderated past its deadline) and poor. A response already queued or
// already fed back sends nothing more. Callers must hold feedback write
// and see all feedback.
func (s Service) Release(ctx context.Context, roundID uuid.UUID) (int, error) {
	if _, err := s.Rounds.FindRound(ctx, roundID, false); err != nil {
		return 0, err
	}
	ids, err := s.Store.ListSubmittedResponses(ctx, roundID)
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	if s.Jobs == nil {
		return 0, fmt.Errorf("feedback jobs are not configured")
	}
	if err := s.Jobs.FeedbackDue(ctx, ids); err != nil {
		return 0, err
	}
	return len(ids), s.Trail.Record(ctx, "release_feedback", "round", roundID, nil,
		map[string]any{"responses": len(ids)})
}

// SweepFeedback queues the feedback rule for the current tenant's
// responses whose result has settled since the rule last looked (agreed,
// or left unmoderated past its deadline) and reports how many it queued.
// The job workers run it daily, so that results nobody released still
// reach the services; a response the rule has ruled on is not queued
// again.
func (s Service) SweepFeedback(ctx context.Context) (int, error) {
	ids, err := s.Store.ListSettledUnruled(ctx, instrument.DateOf(s.now()).Time())
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	if s.Jobs == nil {
		return 0, fmt.Errorf("feedback jobs are not configured")
	}
	if err := s.Jobs.FeedbackDue(ctx, ids); err != nil {
		return 0, fmt.Errorf("queue feedback: %w", err)
	}
	return len(ids), nil
}

// settled returns the result the feedback rule reads: the agreed result
// of a moderated response, or the first result of one whose moderation
// (or, unmoderated, whose round) is past its deadline; ok is false while
// the result may still change.
func settled(src Source, today time.Time) (label string, moderation *uuid.UUID, ok bool) {
	if m := src.Moderation; m != nil {
		if m.State == Agreed {
			return m.AgreedLabel, &m.ID, true
		}
		if today.After(m.DueOn) {
			return labelOf(src.First.Result), &m.ID, src.First.Result != nil
		}
		return "", nil, false
	}
	if today.After(src.RoundDueOn) {
		return labelOf(src.First.Result), nil, src.First.Result != nil
	}
	return "", nil, false
}

// PrepareFeedback runs the feedback rule for one response in the job's
// tenant: when its settled result is poor, each contributing service gets
// the findings once, and the manager leading its local plan a notice,
// however often the job runs. It reports how many services were newly
// sent feedback.
func (s Service) PrepareFeedback(ctx context.Context, responseID uuid.UUID) (int, error) {
	src, err := s.Store.FindSource(ctx, responseID)
	if domain.IsNotFound(err) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	label, moderationID, ok := settled(src, instrument.DateOf(s.now()).Time())
	if !ok {
		return 0, nil
	}
	ver, err := s.Instruments.FindVersion(ctx, src.First.InstrumentKey, src.First.InstrumentVersion)
	if err != nil {
		return 0, err
	}
	poor := slices.Contains(poorLabels(ver.Definition), label)
	if err := s.Store.RecordRuling(ctx, responseID, label, poor); err != nil {
		return 0, err
	}
	if !poor {
		return 0, nil
	}
	matches, err := s.Store.MatchServices(ctx, src.First.Services)
	if err != nil {
		return 0, err
	}
	findings := findingsOf(ver.Definition, src.First.Result)
	sent := 0
	for _, m := range matches {
		f, created, err := s.Store.AddFeedback(ctx, Feedback{ID: uuid.New(), ResponseID: responseID,
			ModerationID: moderationID, RoundID: src.First.RoundID, Service: m.Name,
			OrganisationID: m.OrganisationID, Overall: label, Findings: findings, State: FeedbackSent})
		if err != nil {
			return 0, err
		}
		if !created {
			continue
		}
		sent++
		if err := s.tellLead(ctx, f, m, src.First); err != nil {
			return 0, err
		}
		err = s.Trail.Record(ctx, "send", "feedback", f.ID, nil, map[string]any{
			"response_id": responseID.String(), "service": m.Name, "overall": label})
		if err != nil {
			return 0, err
		}
	}
	return sent, nil
}

// tellLead gives the service's manager a notice of the feedback, by
// e-mail too if they want it. A service without a local plan lead is
// told through the feedback list that QA leads read.
func (s Service) tellLead(ctx context.Context, f Feedback, m ServiceMatch, first First) error {
	if m.LeadID == nil {
		return nil
	}
	return s.Notices.Tell(ctx, response.Reminder{PersonID: *m.LeadID, Kind: "feedback",
		Title: "Feedback for " + m.Name + " on " + first.LocalID,
		Body: fmt.Sprintf("The audit of %s in %s was rated %s. Read the findings, then "+
			"record your response and remedial actions.", first.LocalID, first.RoundName,
			humanLabel(f.Overall)),
		Link:      "/feedback/" + f.ID.String(),
		DedupeKey: "feedback:" + f.ID.String()})
}

func humanLabel(label string) string {
	s := strings.ReplaceAll(label, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// findingsOf lists the sections the first audit rated poorly.
func findingsOf(def instrument.Definition, r *instrument.Result) []Finding {
	if r == nil {
		return []Finding{}
	}
	poor := poorLabels(def)
	titles := map[string]string{}
	for _, sec := range def.Sections {
		titles[sec.ID] = sec.Title
	}
	out := []Finding{}
	for _, sec := range r.Sections {
		if sec.Applies && sec.Outcome.Scored && slices.Contains(poor, sec.Outcome.Label) {
			out = append(out, Finding{Section: sec.ID, Title: titles[sec.ID], Label: sec.Outcome.Label})
		}
	}
	return out
}

// FeedbackViewer is who reads feedback: All for QA leads and
// administrators, otherwise only feedback to the services whose local
// plan the person leads.
type FeedbackViewer struct {
	PersonID uuid.UUID
	All      bool
}

// ListFeedback lists the feedback the viewer may read, newest first.
// Callers must hold feedback read.
func (s Service) ListFeedback(ctx context.Context, v FeedbackViewer, f FeedbackFilter) ([]Feedback, error) {
	if !v.All {
		f.LeadID = &v.PersonID
	}
	return s.Store.ListFeedback(ctx, f)
}

// FindFeedback returns feedback the viewer may read; other services'
// feedback is not found.
func (s Service) FindFeedback(ctx context.Context, v FeedbackViewer, id uuid.UUID) (Feedback, error) {
	f, err := s.Store.FindFeedback(ctx, id, false)
	if err != nil {
		return Feedback{}, err
	}
	if !v.All && (f.LeadID == nil || *f.LeadID != v.PersonID) {
		return Feedback{}, domain.NotFound("feedback")
	}
	return f, nil
}

// Reply records the service's response to its feedback, which may be
// written again while it stands. Callers must hold feedback write.
func (s Service) Reply(ctx context.Context, v FeedbackViewer, id uuid.UUID, version int,
	reply string) (Feedback, error) {
	reply = strings.TrimSpace(reply)
	if n := len([]rune(reply)); n < 1 || n > 4000 {
		return Feedback{}, domain.InvalidField("reply", "write the service's response, in up to 4,000 characters")
	}
	f, err := s.Store.FindFeedback(ctx, id, true)
	if err != nil {
		return Feedback{}, err
	}
	if !v.All && (f.LeadID == nil || *f.LeadID != v.PersonID) {
		return Feedback{}, domain.NotFound("feedback")
	}
	if f.Version != version {
		return Feedback{}, domain.Stale("the feedback")
	}
	before := map[string]any{"state": string(f.State), "reply": f.Reply}
	now := s.now()
	f.Reply, f.State, f.RepliedBy, f.RepliedAt = reply, FeedbackAnswered, &v.PersonID, &now
	saved, err := s.Store.SaveFeedback(ctx, f, version)
	if err != nil {
		return Feedback{}, err
	}
	return saved, s.Trail.Record(ctx, "reply", "feedback", f.ID, before,
		map[string]any{"state": string(f.State), "reply": reply})
}
