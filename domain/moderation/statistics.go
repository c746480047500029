package moderation

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"

	"sendqa/domain/agreement"
	"sendqa/domain/instrument"
)

// Report is the agreement between first audits and their moderations.
type Report struct {
	Pairs         int
	ByItem        []agreement.Group
	BySection     []agreement.Group
	ByRound       []agreement.Group
	ByAuditorPair []agreement.Group
	Trend         []agreement.Group
	// Labels names each item ("section/item") and section key.
	Labels map[string]string
}

// RAG is the scale of red, amber and green items, best first.
var RAG = agreement.Scale{Name: "rag", Categories: []string{"blue", "green", "amber", "red"}}

// scaleOf is the ordered scale of an item's answers, or false for items
// that are not rated on a scale.
func scaleOf(it instrument.Item) (agreement.Scale, bool) {
	switch it.Kind {
	case instrument.KindGrade:
		return agreement.Grades, true
	case instrument.KindYesNo:
		return agreement.YesNo, true
	case instrument.KindRAG:
		return RAG, true
	case instrument.KindScale, instrument.KindChoice:
		keys := make([]string, len(it.Options))
		for i, o := range it.Options {
			keys[i] = o.Key
		}
		if slices.Equal(keys, agreement.Inclusion.Categories) {
			return agreement.Inclusion, true
		}
		return agreement.Scale{Name: "options:" + strings.Join(keys, ","), Categories: keys}, len(keys) > 1
	}
	return agreement.Scale{}, false
}

// Agreement works out the agreement statistics of every submitted
// moderation, or one round's. Callers must hold agreement read.
func (s Service) Agreement(ctx context.Context, roundID *uuid.UUID) (Report, error) {
	recs, err := s.Store.ListCompared(ctx, roundID)
	if err != nil {
		return Report{}, err
	}
	out := Report{Labels: map[string]string{}}
	var pairs []agreement.Pair
	var rounds []string
	defs := map[string]instrument.Definition{}
	for _, r := range recs {
		key := fmt.Sprintf("%s@%d", r.First.InstrumentKey, r.First.InstrumentVersion)
		def, ok := defs[key]
		if !ok {
			if def, err = s.definition(ctx, r); err != nil {
				return Report{}, err
			}
			defs[key] = def
		}
		ps, err := pairsOf(def, r, out.Labels)
		if err != nil {
			return Report{}, err
		}
		pairs = append(pairs, ps...)
		if !slices.Contains(rounds, r.First.RoundName) {
			rounds = append(rounds, r.First.RoundName)
		}
		out.Pairs++
	}
	if out.ByItem, err = agreement.ByItem(pairs); err != nil {
		return Report{}, err
	}
	if out.BySection, err = agreement.BySection(pairs); err != nil {
		return Report{}, err
	}
	if out.ByRound, err = agreement.ByRound(pairs); err != nil {
		return Report{}, err
	}
	if out.ByAuditorPair, err = agreement.ByAuditorPair(pairs); err != nil {
		return Report{}, err
	}
	out.Trend, err = agreement.Trend(pairs, rounds)
	return out, err
}

// pairsOf turns one moderation into a pair per rated item.
func pairsOf(def instrument.Definition, r Record, labels map[string]string) ([]agreement.Pair, error) {
	first, second := map[string]json.RawMessage{}, map[string]json.RawMessage{}
	if err := json.Unmarshal(r.First.Answers, &first); err != nil {
		return nil, fmt.Errorf("decode first answers: %w", err)
	}
	if err := json.Unmarshal(r.Answers, &second); err != nil {
		return nil, fmt.Errorf("decode moderator's answers: %w", err)
	}
	var out []agreement.Pair
	for _, sec := range def.Sections {
		labels[sec.ID] = sec.Title
		for _, it := range sec.Items {
			scale, ok := scaleOf(it)
			if !ok {
				continue
			}
			labels[sec.ID+"/"+it.ID] = it.Label
			out = append(out, agreement.Pair{Round: r.First.RoundName, Section: sec.ID, Item: it.ID,
				Scale: scale, First: r.First.AuditorName, Second: r.ModeratorName,
				FirstAnswer: choiceOf(first[it.ID]), SecondAnswer: choiceOf(second[it.ID])})
		}
	}
	return out, nil
}

// choiceOf reads an option key; anything else is left out as no answer.
func choiceOf(m json.RawMessage) string {
	var s string
	if len(m) == 0 || json.Unmarshal(m, &s) != nil {
		return ""
	}
	return s
}
