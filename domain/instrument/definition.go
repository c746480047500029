package instrument

import "sendqa/domain"

// Definition is one version of an instrument: what it audits, who fills it
// in, its sections of items and how the answers are scored. Item ids are
// stable across versions so that answers to different versions line up.
type Definition struct {
	Key         string
	Version     int
	Title       string
	Description string
	Subject     SubjectKind
	CompletedBy []domain.Role
	Scoring     Scoring
	FollowUp    *FollowUp
	Sections    []Section
	// DerivedFrom names the instrument this one was copied from, if any.
	DerivedFrom *Origin
}

// Origin names the version an instrument was copied from: a built-in
// one when Tenant is empty, or else another tenant's shared instrument,
// Tenant being that tenant's slug.
type Origin struct {
	Tenant  string
	Key     string
	Version int
}

// SubjectKind names the kind of record an instrument audits.
type SubjectKind string

// The subjects an instrument can audit.
const (
	SubjectEHCPlan      SubjectKind = "ehc_plan"
	SubjectEHCNACase    SubjectKind = "ehcna_case"
	SubjectAdvice       SubjectKind = "advice"
	SubjectAnnualReview SubjectKind = "annual_review"
	SubjectProvider     SubjectKind = "provider"
	SubjectSetting      SubjectKind = "setting"
	SubjectService      SubjectKind = "service"
	SubjectVisit        SubjectKind = "visit"
	SubjectConversation SubjectKind = "conversation"
	SubjectTheme        SubjectKind = "theme"
)

var subjectKinds = []SubjectKind{
	SubjectEHCPlan, SubjectEHCNACase, SubjectAdvice, SubjectAnnualReview,
	SubjectProvider, SubjectSetting, SubjectService, SubjectVisit,
	SubjectConversation, SubjectTheme,
}

// SubjectKinds lists every subject kind in a fixed order, for filters and
// forms that offer them.
func SubjectKinds() []SubjectKind { return append([]SubjectKind(nil), subjectKinds...) }

// completingRoles are the tenant roles that may be named to complete an
// instrument: everyone but viewers, who only read results.
func completingRole(r domain.Role) bool { return r.Valid() && r != domain.RoleViewer }

// FollowUp says what happens after a poor result: which overall labels
// count as poor and what the service layer should then do.
type FollowUp struct {
	PoorLabels  []string
	Action      FollowUpAction
	Description string
}

// FollowUpAction is what the service layer does after a poor result.
type FollowUpAction string

// The follow-up actions the service layer knows.
const (
	// ActionNotifyContributors tells the services that contributed to the
	// audited record, as the EHCP feedback loop requires.
	ActionNotifyContributors FollowUpAction = "notify_contributors"
	// ActionFeedbackToSubject sends feedback to the audited person,
	// provider, setting or service.
	ActionFeedbackToSubject FollowUpAction = "feedback_to_subject"
	// ActionImprovementPlan proposes an action for the improvement plan.
	ActionImprovementPlan FollowUpAction = "improvement_plan"
)

var followUpActions = []FollowUpAction{
	ActionNotifyContributors, ActionFeedbackToSubject, ActionImprovementPlan,
}

// Section groups items under a heading. A section may apply only under a
// condition, and may override the instrument's default section rule.
type Section struct {
	ID          string
	Title       string
	Guidance    string
	EasyRead    string
	AppliesWhen *Condition
	Rule        *Rule
	Items       []Item
}

// Item is one question or derived value.
type Item struct {
	ID          string
	Kind        ItemKind
	Label       string
	Guidance    string
	EasyRead    string
	Required    bool
	AppliesWhen *Condition

	// Options lists the answers of a scale, choice or multi_choice item.
	Options []Option
	// Descriptors describe the fixed answers of a grade, rag or yes_no
	// item, keyed by answer: "good", "amber", "partial".
	Descriptors map[string]string
	// AllowBlue adds Blue ("exceeds") to a rag item.
	AllowBlue bool
	// AllowPartial adds Partial to a yes_no item.
	AllowPartial bool
	// AllowNotApplicable adds Not applicable to a yes_no item.
	AllowNotApplicable bool

	PersonalKind PersonalKind
	Milestone    *Milestone
	Compute      *Computation
}

// Option is one answer of a scale, choice or multi_choice item. Value is
// what the answer scores; scale options always carry one.
type Option struct {
	Key        string
	Label      string
	EasyRead   string
	Descriptor string
	// Picture names an image the interface shows beside the option, such
	// as "face_1" on the five-face scale young people use.
	Picture string
	Value   *float64
}

// ItemKind is the type of an item: what the person gives and how it scores.
type ItemKind string

// The item kinds. The table in the instruments brief says what each gives
// and how it scores.
const (
	KindScale        ItemKind = "scale"
	KindGrade        ItemKind = "grade"
	KindRAG          ItemKind = "rag"
	KindYesNo        ItemKind = "yes_no"
	KindMilestone    ItemKind = "milestone"
	KindDate         ItemKind = "date"
	KindNumber       ItemKind = "number"
	KindText         ItemKind = "text"
	KindLongText     ItemKind = "long_text"
	KindChoice       ItemKind = "choice"
	KindMultiChoice  ItemKind = "multi_choice"
	KindOrganisation ItemKind = "organisation"
	KindEvidence     ItemKind = "evidence"
	KindPersonal     ItemKind = "personal"
	KindComputed     ItemKind = "computed"
)

// ItemKinds lists every item kind in a fixed order.
var ItemKinds = []ItemKind{
	KindScale, KindGrade, KindRAG, KindYesNo, KindMilestone, KindDate,
	KindNumber, KindText, KindLongText, KindChoice, KindMultiChoice,
	KindOrganisation, KindEvidence, KindPersonal, KindComputed,
}

// PersonalKind says which identifier of a child a personal item holds.
type PersonalKind string

// The identifiers a personal item can hold.
const (
	PersonalName        PersonalKind = "name"
	PersonalDateOfBirth PersonalKind = "date_of_birth"
	PersonalNHSNumber   PersonalKind = "nhs_number"
	PersonalLocalID     PersonalKind = "local_id"
)

var personalKinds = []PersonalKind{
	PersonalName, PersonalDateOfBirth, PersonalNHSNumber, PersonalLocalID,
}

// IsPersonal reports whether the item holds a child's personal data, which
// only roles allowed to see it may read and which is never scored.
func (it Item) IsPersonal() bool { return it.Kind == KindPersonal }

// PersonalItems lists the ids of the items that hold a child's personal
// data, in order, so that the service layer can hide them from roles that
// may not see them and encrypt them at rest.
func (d Definition) PersonalItems() []string {
	var ids []string
	for i := range d.Sections {
		for _, it := range d.Sections[i].Items {
			if it.IsPersonal() {
				ids = append(ids, it.ID)
			}
		}
	}
	return ids
}

// WithoutPersonal returns a copy of answers without the answers to personal
// items, for roles that may not see a child's identifiers. Score the full
// answers first: values derived from personal items, such as an age at
// audit, are worked out from them.
func WithoutPersonal(def Definition, answers Answers) Answers {
	out := make(Answers, len(answers))
	for id, v := range answers {
		out[id] = v
	}
	for _, id := range def.PersonalItems() {
		delete(out, id)
	}
	return out
}

// IsScored reports whether answers to the item can carry a value.
func (it Item) IsScored() bool {
	switch it.Kind {
	case KindScale, KindGrade, KindRAG, KindYesNo, KindChoice, KindMultiChoice:
		return true
	}
	return false
}

// hasOptions reports whether the item's answer is one or more option keys.
func (k ItemKind) hasOptions() bool {
	switch k {
	case KindScale, KindGrade, KindRAG, KindYesNo, KindChoice, KindMultiChoice:
		return true
	}
	return false
}

// givesDate reports whether an answer to the item yields a calendar date
// that milestones, computed items and conditions can use.
func (it Item) givesDate() bool {
	switch it.Kind {
	case KindDate, KindMilestone:
		return true
	case KindPersonal:
		return it.PersonalKind == PersonalDateOfBirth
	}
	return false
}

// givesNumber reports whether the item's value is a plain number.
func (it Item) givesNumber() bool {
	return it.Kind == KindNumber || it.Kind == KindComputed
}

// givesText reports whether the item's value is free text.
func (it Item) givesText() bool {
	switch it.Kind {
	case KindText, KindLongText, KindOrganisation:
		return true
	case KindPersonal:
		return it.PersonalKind != PersonalDateOfBirth
	}
	return false
}

func value(v float64) *float64 { return &v }

// Choices returns the answers an option item offers, with their values:
// the item's own options for scale, choice and multi_choice, and the fixed
// answers of grade (4..1), rag (1..3, Blue 4) and yes_no (1, 0.5, 0, with
// Not applicable carrying no value so that it leaves the item out).
func (it Item) Choices() []Option {
	switch it.Kind {
	case KindGrade:
		return it.describe([]Option{
			{Key: "outstanding", Label: "Outstanding", Value: value(4)},
			{Key: "good", Label: "Good", Value: value(3)},
			{Key: "requires_improvement", Label: "Requires improvement", Value: value(2)},
			{Key: "inadequate", Label: "Inadequate", Value: value(1)},
		})
	case KindRAG:
		opts := []Option{
			{Key: "red", Label: "Red", Value: value(1)},
			{Key: "amber", Label: "Amber", Value: value(2)},
			{Key: "green", Label: "Green", Value: value(3)},
		}
		if it.AllowBlue {
			opts = append(opts, Option{Key: "blue", Label: "Blue", Value: value(4)})
		}
		return it.describe(opts)
	case KindYesNo:
		opts := []Option{{Key: "yes", Label: "Yes", Value: value(1)}}
		if it.AllowPartial {
			opts = append(opts, Option{Key: "partial", Label: "Partial", Value: value(0.5)})
		}
		opts = append(opts, Option{Key: "no", Label: "No", Value: value(0)})
		if it.AllowNotApplicable {
			opts = append(opts, Option{Key: "not_applicable", Label: "Not applicable"})
		}
		return it.describe(opts)
	}
	return it.Options
}

func (it Item) describe(opts []Option) []Option {
	for i := range opts {
		opts[i].Descriptor = it.Descriptors[opts[i].Key]
	}
	return opts
}

// hasOption reports whether key is one of the item's answers, without
// building the option list.
func hasOption(item *Item, key string) bool {
	switch item.Kind {
	case KindGrade, KindRAG:
		_, ok := optionValue(item, key)
		return ok
	case KindYesNo:
		_, ok := optionValue(item, key)
		return ok || key == "not_applicable" && item.AllowNotApplicable
	}
	for i := range item.Options {
		if item.Options[i].Key == key {
			return true
		}
	}
	return false
}

// choice finds an option of the item by key.
func (it Item) choice(key string) (Option, bool) {
	for _, o := range it.Choices() {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}
