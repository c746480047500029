package instrument

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"sendqa/domain"
)

// DecodeAnswers reads answers from a JSON object keyed by item id, typing
// each value by its item's kind:
//
//	"fully"                           scale, grade, rag, yes_no, choice
//	["a", "b"]                        multi_choice
//	12.5                              number
//	"2025-03-01"                      date, personal date_of_birth
//	"text"                            text, long_text, organisation, personal
//	{"actual": "2025-03-01", "reason": "...",
//	 "exception": {"kind": "away_from_area", "from": "...", "to": "..."}}
//	                                  milestone (every field optional)
//	{"files": ["id"], "note": "..."}  evidence
//
// A null value is the same as no answer. Errors name fields such as
// "answers.date_received" and "answers.final_plan.exception.from".
func DecodeAnswers(def Definition, data []byte) (Answers, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, domain.InvalidField("answers", "must be an object of answers keyed by item id")
	}

	index := indexItems(&def)
	answers := make(Answers, len(raw))
	var p domain.Problems
	ids := make([]string, 0, len(raw))
	for id := range raw {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		path := domain.Path("answers", id)
		msg := raw[id]
		if string(msg) == "null" {
			continue
		}
		ref, ok := index[id]
		if !ok {
			p.Add(path, "is not a question in this instrument")
			continue
		}
		if v, ok := decodeValue(&p, path, ref.item, msg); ok {
			answers[id] = v
		}
	}
	return answers, p.Err()
}

func decodeValue(p *domain.Problems, path string, item *Item, msg json.RawMessage) (Value, bool) {
	switch item.Kind {
	case KindScale, KindGrade, KindRAG, KindYesNo, KindChoice:
		var s string
		if json.Unmarshal(msg, &s) != nil {
			p.Add(path, "must be the key of an option")
			return nil, false
		}
		return Choice(s), true
	case KindMultiChoice:
		var keys []string
		if json.Unmarshal(msg, &keys) != nil {
			p.Add(path, "must be a list of option keys")
			return nil, false
		}
		return Choices(keys), true
	case KindNumber:
		var n float64
		if json.Unmarshal(msg, &n) != nil {
			p.Add(path, "must be a number")
			return nil, false
		}
		return NumberValue(n), true
	case KindDate:
		return decodeDate(p, path, msg)
	case KindPersonal:
		if item.PersonalKind == PersonalDateOfBirth {
			return decodeDate(p, path, msg)
		}
		return decodeText(p, path, msg)
	case KindText, KindLongText, KindOrganisation:
		return decodeText(p, path, msg)
	case KindMilestone:
		return decodeMilestone(p, path, msg)
	case KindEvidence:
		return decodeEvidence(p, path, msg)
	}
	p.Add(path, "is worked out from other answers and cannot be given")
	return nil, false
}

func decodeText(p *domain.Problems, path string, msg json.RawMessage) (Value, bool) {
	var s string
	if json.Unmarshal(msg, &s) != nil {
		p.Add(path, "must be text")
		return nil, false
	}
	return TextValue(s), true
}

func decodeDate(p *domain.Problems, path string, msg json.RawMessage) (Value, bool) {
	d, ok := dateField(p, path, msg)
	if !ok {
		return nil, false
	}
	return DateValue(d), true
}

// dateField reads a JSON string holding a date.
func dateField(p *domain.Problems, path string, msg json.RawMessage) (Date, bool) {
	var s string
	if json.Unmarshal(msg, &s) != nil {
		p.Add(path, "%s", ErrDateFormat.Error())
		return Date{}, false
	}
	d, err := ParseDate(s)
	if err != nil {
		p.Add(path, "%s", err.Error())
		return Date{}, false
	}
	return d, true
}

// object reads a JSON object and reports any key it does not expect.
func object(
	p *domain.Problems,
	path string,
	msg json.RawMessage,
	known ...string,
) (map[string]json.RawMessage, bool) {
	var obj map[string]json.RawMessage
	if json.Unmarshal(msg, &obj) != nil || obj == nil {
		p.Add(path, "must be an object")
		return nil, false
	}
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		if !slices.Contains(known, key) {
			p.Add(domain.Path(path, key), "is not a known field")
		}
	}
	return obj, true
}

func decodeMilestone(p *domain.Problems, path string, msg json.RawMessage) (Value, bool) {
	before := p.Len()
	obj, ok := object(p, path, msg, "actual", "reason", "exception")
	if !ok {
		return nil, false
	}

	var m MilestoneAnswer
	if raw, ok := obj["actual"]; ok && string(raw) != "null" {
		m.Actual, _ = dateField(p, domain.Path(path, "actual"), raw)
	}
	if raw, ok := obj["reason"]; ok && json.Unmarshal(raw, &m.Reason) != nil {
		p.Add(domain.Path(path, "reason"), "must be text")
	}
	if raw, ok := obj["exception"]; ok && string(raw) != "null" {
		m.Exception = decodeException(p, domain.Path(path, "exception"), raw)
	}
	return m, p.Len() == before
}

func decodeException(p *domain.Problems, path string, msg json.RawMessage) *Exception {
	obj, ok := object(p, path, msg, "kind", "from", "to")
	if !ok {
		return nil
	}
	e := &Exception{}
	var kind string
	if raw, ok := obj["kind"]; !ok || json.Unmarshal(raw, &kind) != nil {
		p.Add(domain.Path(path, "kind"), "choose the exception that applies")
	}
	e.Kind = ExceptionKind(kind)
	if raw, ok := obj["from"]; ok {
		e.From, _ = dateField(p, domain.Path(path, "from"), raw)
	}
	if raw, ok := obj["to"]; ok {
		e.To, _ = dateField(p, domain.Path(path, "to"), raw)
	}
	return e
}

func decodeEvidence(p *domain.Problems, path string, msg json.RawMessage) (Value, bool) {
	before := p.Len()
	obj, ok := object(p, path, msg, "files", "note")
	if !ok {
		return nil, false
	}
	var ev Evidence
	if raw, ok := obj["files"]; ok && json.Unmarshal(raw, &ev.Files) != nil {
		p.Add(domain.Path(path, "files"), "must be a list of file ids")
	}
	if raw, ok := obj["note"]; ok && json.Unmarshal(raw, &ev.Note) != nil {
		p.Add(domain.Path(path, "note"), "must be text")
	}
	return ev, p.Len() == before
}

// MarshalAnswers writes answers in the JSON shape DecodeAnswers reads.
func MarshalAnswers(answers Answers) ([]byte, error) {
	out := make(map[string]any, len(answers))
	for id, v := range answers {
		w, err := answerToWire(v)
		if err != nil {
			return nil, fmt.Errorf("marshal answer %q: %w", id, err)
		}
		out[id] = w
	}
	data, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("marshal answers: %w", err)
	}
	return data, nil
}

func answerToWire(v Value) (any, error) {
	switch x := v.(type) {
	case Choice:
		return string(x), nil
	case Choices:
		return []string(x), nil
	case NumberValue:
		return float64(x), nil
	case DateValue:
		return Date(x).String(), nil
	case TextValue:
		return string(x), nil
	case MilestoneAnswer:
		m := map[string]any{}
		if !x.Actual.IsZero() {
			m["actual"] = x.Actual.String()
		}
		if x.Reason != "" {
			m["reason"] = x.Reason
		}
		if e := x.Exception; e != nil {
			ex := map[string]string{"kind": string(e.Kind)}
			if !e.From.IsZero() {
				ex["from"] = e.From.String()
			}
			if !e.To.IsZero() {
				ex["to"] = e.To.String()
			}
			m["exception"] = ex
		}
		return m, nil
	case Evidence:
		m := map[string]any{"files": x.Files}
		if x.Note != "" {
			m["note"] = x.Note
		}
		return m, nil
	}
	return nil, fmt.Errorf("unknown answer type %T", v)
}
