package moderation

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"sendqa/domain"
	"sendqa/domain/instrument"
)

// Comparison sets the two audits side by side.
type Comparison struct {
	Record
	Definition instrument.Definition
	Items      []ItemComparison
	// Disagreements counts the items answered differently.
	Disagreements int
}

// ItemComparison is one item's two answers, as JSON, and whether they
// differ.
type ItemComparison struct {
	SectionID    string
	SectionTitle string
	ItemID       string
	Label        string
	Kind         instrument.ItemKind
	First        json.RawMessage
	Second       json.RawMessage
	Differs      bool
}

// Compare sets the first audit beside the moderator's, once the moderator
// has submitted. Callers must hold moderations read; the moderator and QA
// leads may compare. Returns domain.ErrConflict before the moderator has
// submitted, so that nothing reveals the first audit too soon.
func (s Service) Compare(ctx context.Context, v Viewer, id uuid.UUID) (Comparison, error) {
	r, err := s.Store.FindModeration(ctx, id, false)
	if err != nil {
		return Comparison{}, err
	}
	if !v.Manage && r.ModeratorID != v.PersonID {
		return Comparison{}, errNotYours
	}
	if !r.State.Done() {
		return Comparison{}, domain.Conflict("the audits can be compared once the moderator has submitted")
	}
	def, err := s.definition(ctx, r)
	if err != nil {
		return Comparison{}, err
	}
	first, second := map[string]json.RawMessage{}, map[string]json.RawMessage{}
	if err := json.Unmarshal(r.First.Answers, &first); err != nil {
		return Comparison{}, fmt.Errorf("decode first answers: %w", err)
	}
	if err := json.Unmarshal(r.Answers, &second); err != nil {
		return Comparison{}, fmt.Errorf("decode moderator's answers: %w", err)
	}
	out := Comparison{Record: r, Definition: def}
	for _, sec := range def.Sections {
		for _, it := range sec.Items {
			if it.Kind == instrument.KindComputed {
				continue
			}
			c := ItemComparison{SectionID: sec.ID, SectionTitle: sec.Title, ItemID: it.ID, Label: it.Label,
				Kind: it.Kind, First: first[it.ID], Second: second[it.ID]}
			c.Differs = judged(it.Kind) && !sameAnswer(c.First, c.Second)
			if c.Differs {
				out.Disagreements++
			}
			out.Items = append(out.Items, c)
		}
	}
	return out, nil
}

// judged says whether an item's answers are a judgement two auditors
// should agree on, rather than free text that is bound to differ.
func judged(k instrument.ItemKind) bool {
	return !slices.Contains([]instrument.ItemKind{instrument.KindText, instrument.KindLongText,
		instrument.KindEvidence}, k)
}

func sameAnswer(a, b json.RawMessage) bool {
	norm := func(m json.RawMessage) string {
		var v any
		if len(m) == 0 || json.Unmarshal(m, &v) != nil || v == nil {
			return ""
		}
		out, _ := json.Marshal(v)
		return string(out)
	}
	return bytes.Equal([]byte(norm(a)), []byte(norm(b)))
}

// Agree records the result the two auditors agreed, with the note of their
// discussion, and queues the feedback rule for the response in the same
// transaction. The QA lead or the moderator records it; the two audits
// stay as they were. Callers must hold moderations write.
func (s Service) Agree(ctx context.Context, v Viewer, id uuid.UUID, version int,
	label, discussion string) (Record, error) {
	label, discussion = strings.TrimSpace(label), strings.TrimSpace(discussion)
	r, err := s.Store.FindModeration(ctx, id, true)
	if err != nil {
		return Record{}, err
	}
	if !v.Manage && r.ModeratorID != v.PersonID {
		return Record{}, errNotYours
	}
	if r.Version != version {
		return Record{}, domain.Stale("the moderation")
	}
	if r.State != Submitted {
		return Record{}, domain.Conflict("an agreed result needs the moderator's submitted audit, " +
			"and is recorded once")
	}
	def, err := s.definition(ctx, r)
	if err != nil {
		return Record{}, err
	}
	if err := checkAgreed(def, label, discussion); err != nil {
		return Record{}, err
	}
	now := s.now()
	r.State, r.AgreedLabel, r.Discussion, r.AgreedBy, r.AgreedAt = Agreed, label, discussion, v.PersonID, &now
	saved, err := s.Store.SaveModeration(ctx, r, version)
	if err != nil {
		return Record{}, err
	}
	err = s.Trail.Record(ctx, "agree", "moderation", r.ID, map[string]any{"state": string(Submitted)},
		map[string]any{"agreed_label": label, "first": labelOf(r.First.Result), "second": labelOf(r.Result)})
	if err != nil {
		return Record{}, err
	}
	if s.Jobs == nil {
		return Record{}, fmt.Errorf("feedback jobs are not configured")
	}
	return saved, s.Jobs.FeedbackDue(ctx, []uuid.UUID{r.First.ResponseID})
}

func checkAgreed(def instrument.Definition, label, discussion string) error {
	var probs domain.Problems
	labels := OverallLabels(def)
	if !slices.Contains(labels, label) {
		probs.Add("agreed_label", "choose one of the instrument's results: %s", strings.Join(labels, ", "))
	}
	if n := len([]rune(discussion)); n < 1 || n > 4000 {
		probs.Add("discussion", "note what the auditors discussed, in up to 4,000 characters")
	}
	return probs.Err()
}

// OverallLabels lists the results the instrument's overall rule can give.
func OverallLabels(def instrument.Definition) []string {
	var out []string
	for _, t := range def.Scoring.Overall.Thresholds {
		out = append(out, t.Label)
	}
	for _, c := range def.Scoring.Overall.Clauses {
		if !slices.Contains(out, c.Label) {
			out = append(out, c.Label)
		}
	}
	return out
}

func labelOf(r *instrument.Result) string {
	if r == nil {
		return ""
	}
	return r.Overall.Label
}
