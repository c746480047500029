package instrument

import (
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"sendqa/domain"
)

// Answers holds the answers to one response, keyed by item id.
type Answers map[string]Value

// Value is one typed answer. Which type an item takes follows its kind:
//
//	scale, grade, rag, yes_no, choice   Choice (the option key)
//	multi_choice                        Choices
//	number                              NumberValue
//	date, personal date_of_birth        DateValue
//	text, long_text, organisation,
//	other personal items                TextValue
//	milestone                           MilestoneAnswer
//	evidence                            Evidence
//
// Computed items are never answered.
type Value interface{ isValue() }

// Choice is the key of the option chosen.
type Choice string

// Choices are the keys of the options chosen, in the order given.
type Choices []string

// NumberValue is a number answer.
type NumberValue float64

// DateValue is a date answer.
type DateValue Date

// TextValue is a free-text answer, an organisation id or a personal
// identifier other than a date of birth.
type TextValue string

// MilestoneAnswer records when a step actually happened, why it was late
// when it was, and any legal exception that excuses the delay.
type MilestoneAnswer struct {
	Actual    Date
	Reason    string
	Exception *Exception
}

// Evidence lists uploaded files by their ids, with an optional note.
type Evidence struct {
	Files []string
	Note  string
}

func (Choice) isValue()          {}
func (Choices) isValue()         {}
func (NumberValue) isValue()     {}
func (DateValue) isValue()       {}
func (TextValue) isValue()       {}
func (MilestoneAnswer) isValue() {}
func (Evidence) isValue()        {}

// Mode says how strictly ValidateAnswers checks.
type Mode int

const (
	// Draft checks only that each answer has the right type and a
	// possible value, so that partial work can be saved.
	Draft Mode = iota
	// Submit also requires every required item that applies, a reason
	// for each late or missing milestone and the dates of any exception,
	// and refuses answers to items that do not apply.
	Submit
)

// Limits on the size of text answers, so that one response cannot hold a
// novel in a field meant for a line.
const (
	maxTextLen     = 500
	maxLongTextLen = 20000
	maxFiles       = 50
)

// ValidateAnswers checks answers against a definition. asOf is the audit
// date: computed items such as age at audit, and the conditions that read
// them, are worked out on it. Errors are domain.Invalid with fields such as
// "answers.date_received" and "answers.decision_to_assess.reason".
func ValidateAnswers(def Definition, answers Answers, mode Mode, asOf time.Time) error {
	s := newSheet(&def, answers, DateOf(asOf))
	var p domain.Problems

	ids := make([]string, 0, len(answers))
	for id := range answers {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		s.checkType(&p, id, answers[id])
	}
	if mode == Draft || p.Len() > 0 {
		return p.Err()
	}

	for i := range def.Sections {
		for j := range def.Sections[i].Items {
			s.checkSubmitted(&p, &def.Sections[i].Items[j])
		}
	}
	return p.Err()
}

// checkType records a problem when v is not a possible answer to item id.
// Paths are built only when there is a problem to report, because Score
// runs this check on every answer.
func (s *sheet) checkType(p *domain.Problems, id string, v Value) {
	path := func() string { return domain.Path("answers", id) }
	ref, ok := s.index[id]
	if !ok {
		p.Add(path(), "is not a question in this instrument")
		return
	}

	item := ref.item
	switch item.Kind {
	case KindComputed:
		p.Add(path(), "is worked out from other answers and cannot be given")
	case KindScale, KindGrade, KindRAG, KindYesNo, KindChoice:
		key, ok := v.(Choice)
		if !ok {
			p.Add(path(), "must be one of the options")
		} else if !hasOption(item, string(key)) {
			p.Add(path(), "must be one of: %s", strings.Join(optionKeys(item), ", "))
		}
	case KindMultiChoice:
		keys, ok := v.(Choices)
		if !ok {
			p.Add(path(), "must be a list of options")
			return
		}
		for i, key := range keys {
			if !hasOption(item, key) {
				p.Add(domain.Path(path(), i), "must be one of: %s",
					strings.Join(optionKeys(item), ", "))
			} else if slices.Contains(keys[:i], key) {
				p.Add(domain.Path(path(), i), "is chosen twice")
			}
		}
	case KindNumber:
		n, ok := v.(NumberValue)
		if !ok || math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
			p.Add(path(), "must be a number")
		}
	case KindDate:
		if _, ok := v.(DateValue); !ok {
			p.Add(path(), "must be a date")
		}
	case KindText, KindLongText, KindOrganisation:
		checkText(p, path, v, item.Kind == KindLongText)
	case KindPersonal:
		checkPersonal(p, path, item, v)
	case KindMilestone:
		m, ok := v.(MilestoneAnswer)
		if !ok {
			p.Add(path(), "must give the actual date, and a reason when it was late")
			return
		}
		checkMilestoneAnswer(p, path, item, m)
	case KindEvidence:
		checkEvidence(p, path, v)
	}
}

func checkText(p *domain.Problems, path func() string, v Value, long bool) {
	text, ok := v.(TextValue)
	if !ok {
		p.Add(path(), "must be text")
		return
	}
	limit := maxTextLen
	if long {
		limit = maxLongTextLen
	}
	if !utf8.ValidString(string(text)) {
		p.Add(path(), "must be readable text")
	} else if utf8.RuneCountInString(string(text)) > limit {
		p.Add(path(), "must be %d characters or fewer", limit)
	}
}

func checkPersonal(p *domain.Problems, path func() string, item *Item, v Value) {
	if item.PersonalKind == PersonalDateOfBirth {
		d, ok := v.(DateValue)
		if !ok {
			p.Add(path(), "must be a date of birth")
		} else if d.Year < 1900 {
			p.Add(path(), "must be a real date of birth")
		}
		return
	}

	checkText(p, path, v, false)
	if text, ok := v.(TextValue); ok && item.PersonalKind == PersonalNHSNumber {
		if _, err := ParseNHSNumber(string(text)); err != nil {
			p.Add(path(), "%s", err.Error())
		}
	}
}

func checkEvidence(p *domain.Problems, path func() string, v Value) {
	ev, ok := v.(Evidence)
	if !ok {
		p.Add(path(), "must list uploaded files")
		return
	}
	if len(ev.Files) > maxFiles {
		p.Add(domain.Path(path(), "files"), "must be %d files or fewer", maxFiles)
	}
	for i, f := range ev.Files {
		if strings.TrimSpace(f) == "" || len(f) > 200 {
			p.Add(domain.Path(path(), "files", i), "must be the id of an uploaded file")
		}
	}
	if utf8.RuneCountInString(ev.Note) > maxLongTextLen {
		p.Add(domain.Path(path(), "note"), "must be %d characters or fewer", maxLongTextLen)
	}
}

// checkSubmitted applies the rules that only hold for a finished response.
func (s *sheet) checkSubmitted(p *domain.Problems, item *Item) {
	path := domain.Path("answers", item.ID)
	v, given := s.answers[item.ID]
	if !s.applies(item.ID) {
		if given {
			p.Add(path, "remove this answer: the question does not apply")
		}
		return
	}
	if item.Kind == KindMilestone {
		s.checkMilestoneSubmitted(p, path, item, v)
		return
	}
	if item.Required && (!given || !answered(v)) {
		p.Add(path, "%s", requiredMessage(item))
	}
}

// checkMilestoneSubmitted requires a reason for a step that is late or has
// not happened by its due date. A required step that is not yet due needs
// no answer.
func (s *sheet) checkMilestoneSubmitted(p *domain.Problems, path string, item *Item, v Value) {
	m, _ := v.(MilestoneAnswer)
	due, ok := s.due(item)
	if !ok {
		if item.Required && !answered(m) {
			p.Add(path, "%s", requiredMessage(item))
		}
		return
	}

	switch Judge(item.Milestone, due, m, s.asOf) {
	case StatusLate:
		if strings.TrimSpace(m.Reason) == "" {
			p.Add(domain.Path(path, "reason"), "give the reason it was later than %s", due)
		}
	case StatusMissing:
		if strings.TrimSpace(m.Reason) == "" {
			p.Add(domain.Path(path, "reason"), "give the reason it has not happened by %s", due)
		}
	}
}

func requiredMessage(item *Item) string {
	switch item.Kind {
	case KindScale, KindGrade, KindRAG, KindYesNo, KindChoice, KindMultiChoice:
		return "select an answer"
	case KindDate:
		return "enter a date"
	case KindMilestone:
		return "enter the date it happened"
	case KindEvidence:
		return "upload at least one file"
	case KindOrganisation:
		return "choose an organisation"
	}
	return "enter an answer"
}

// answered reports whether a value says anything at all.
func answered(v Value) bool {
	switch x := v.(type) {
	case Choice:
		return x != ""
	case Choices:
		return len(x) > 0
	case NumberValue:
		return true
	case DateValue:
		return !Date(x).IsZero()
	case TextValue:
		return strings.TrimSpace(string(x)) != ""
	case MilestoneAnswer:
		return !x.Actual.IsZero() || x.Exception != nil || strings.TrimSpace(x.Reason) != ""
	case Evidence:
		return len(x.Files) > 0
	}
	return false
}

func optionKeys(item *Item) []string {
	var keys []string
	for _, o := range item.Choices() {
		keys = append(keys, o.Key)
	}
	return keys
}

// fits reports whether v has the Go type that item's kind takes, so that
// evaluation can ignore a mistyped answer rather than misread it.
func fits(item *Item, v Value) bool {
	switch v.(type) {
	case Choice:
		return item.Kind.hasOptions() && item.Kind != KindMultiChoice
	case Choices:
		return item.Kind == KindMultiChoice
	case NumberValue:
		return item.Kind == KindNumber
	case DateValue:
		return item.Kind == KindDate || item.Kind == KindPersonal &&
			item.PersonalKind == PersonalDateOfBirth
	case TextValue:
		return item.givesText()
	case MilestoneAnswer:
		return item.Kind == KindMilestone
	case Evidence:
		return item.Kind == KindEvidence
	}
	return false
}
