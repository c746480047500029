package instrument

import (
	"fmt"
	"strings"
	"testing"
)

func mustLibrary(t testing.TB) map[string]Definition {
	t.Helper()
	defs, err := Library()
	if err != nil {
		t.Fatalf("Library: %v", err)
	}
	byKey := map[string]Definition{}
	for _, d := range defs {
		byKey[d.Key] = d
	}
	return byKey
}

func TestLibraryHasTheTenInstruments(t *testing.T) {
	want := []string{
		"ehcp_quality_audit", "ehcna_file_audit", "eps_advice_quality",
		"health_advice_quality", "ap_quality_standards", "sen_information_report_check",
		"hy5_site_visit", "annual_review_compliance", "practice_week_conversation", "dip_sample",
	}
	defs, err := Library()
	if err != nil {
		t.Fatalf("Library: %v", err)
	}
	if len(defs) != len(want) {
		t.Fatalf("got %d instruments, want %d", len(defs), len(want))
	}
	for i, d := range defs {
		if d.Key != want[i] {
			t.Errorf("instrument %d: got %s, want %s", i, d.Key, want[i])
		}
		if err := ValidateDefinition(d); err != nil {
			t.Errorf("%s: %v", d.Key, fieldsOf(err))
		}
	}
}

func TestLibraryShapes(t *testing.T) {
	lib := mustLibrary(t)
	count := func(key string, pred func(Item) bool) int {
		n := 0
		for _, it := range allItems(lib[key]) {
			if pred(*it) {
				n++
			}
		}
		return n
	}
	isKind := func(k ItemKind) func(Item) bool { return func(it Item) bool { return it.Kind == k } }

	tests := []struct {
		name string
		got  int
		want int
	}{
		{"EPS statements", count("eps_advice_quality", isKind(KindScale)), 19},
		{"health advice questions", count("health_advice_quality", isKind(KindYesNo)), 15},
		{"AP standards rated", count("ap_quality_standards", isKind(KindRAG)), 15},
		{"AP evidence items", count("ap_quality_standards", isKind(KindEvidence)), 16},
		{"SIR checks", count("sen_information_report_check", isKind(KindScale)), 24},
		{"EHCP graded sections and parts", count("ehcp_quality_audit", isKind(KindGrade)), 14},
		{"HY5 items without easy read", count("hy5_site_visit", func(it Item) bool {
			return it.EasyRead == ""
		}), 0},
		{"EHCNA statutory milestones", count("ehcna_file_audit", func(it Item) bool {
			return it.Milestone != nil && it.Milestone.Statutory
		}), 8},
		{"EHCNA local milestones", count("ehcna_file_audit", func(it Item) bool {
			return it.Milestone != nil && !it.Milestone.Statutory
		}), 4},
		{"annual review milestones", count("annual_review_compliance", isKind(KindMilestone)), 7},
		{"dip sample themes", len(lib["dip_sample"].Sections[0].Items[0].Options), 16},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %d, want %d", tc.got, tc.want)
			}
		})
	}
}

func TestLibraryStatutoryClocks(t *testing.T) {
	def := mustLibrary(t)["ehcna_file_audit"]
	want := map[string]string{
		"decision_to_assess":            "statutory 6 weeks from date_received",
		"advice_educational_psychology": "statutory 6 weeks from advice_requested_on",
		"decision_not_to_issue":         "statutory 16 weeks from date_received",
		"final_plan":                    "statutory 20 weeks from date_received",
		"decision_to_issue":             "local 12 weeks from date_received",
		"draft_plan":                    "local 14 weeks from date_received",
	}
	for id, w := range want {
		it := indexItems(&def)[id].item
		m := it.Milestone
		kind := "local"
		if m.Statutory {
			kind = "statutory"
		}
		got := fmt.Sprintf("%s %d %s from %s", kind, m.Due.Offset, m.Due.Unit, m.Due.From)
		if got != w {
			t.Errorf("%s: got %s, want %s", id, got, w)
		}
	}
}

// apAnswers answers every AP standard with a statement and evidence and
// rates them as the tests below describe.
func apAnswers(t testing.TB, def Definition) Answers {
	t.Helper()
	ratings := map[string]string{
		"a1": "green", "a2": "green", "a3": "amber",
		"e1": "green", "e2": "green", "e3": "green",
		"p1": "green", "p2": "amber", "p3": "green",
		"l1": "green", "l2": "green", "l3": "green",
		"o1": "amber", "o2": "green", "o3": "green",
	}
	parts := []string{`"provider": "org-ap-1"`, `"visit_date": "2025-05-12"`}
	for id, rag := range ratings {
		parts = append(parts,
			fmt.Sprintf(`"%s_statement": "How we meet it"`, id),
			fmt.Sprintf(`"%s_evidence": {"files": ["%s.pdf"]}`, id, id),
			fmt.Sprintf(`"%s_rating": "%s"`, id, rag))
	}
	return mustAnswers(t, def, "{"+strings.Join(parts, ", ")+"}")
}

func TestLibraryScoresRealisticAnswers(t *testing.T) {
	lib := mustLibrary(t)
	ehcp := `"plan_reference": "WV-1234", "plan_issued_on": "2025-05-01", "plan_status": "new",
		"contributing_services": ["educational_psychology", "health", "social_care"],
		"no_conflict": "yes", "a_grade": "outstanding", "b_grade": "good", "c_grade": "good",
		"d_grade": "requires_improvement", "e_grade": "requires_improvement", "f_grade": "good",
		"g_grade": "good", "h1_grade": "good", "h2_grade": "requires_improvement",
		"i_grade": "outstanding", "j_grade": "good", "k_grade": "good",
		"golden_thread_grade": "requires_improvement"`
	eps := func(dob string, adulthood string) string {
		return `{"child_name": "A Child", "date_of_birth": "` + dob + `", "psychologist": "EP One",
			"auditor_name": "Senior EP", "formulation": "fully", "child_views": "partially",
			"parent_views": "fully", "context": "fully", "strengths": "fully",
			"needs_summary": "fully", "cognition_learning": "fully", "semh": "partially",
			"communication": "fully", "physical_sensory": "not_included",
			"outcomes_smart": "partially", "outcomes_needs": "fully",
			"outcomes_aspirations": "fully", ` + adulthood + ` "provision_matched": "fully",
			"provision_evidence": "fully", "provision_strengths": "fully", "boundaries": "fully",
			"language": "fully"}`
	}

	tests := []struct {
		name     string
		key      string
		answers  string
		asOf     string
		overall  string // "value label", or "unscored"
		sections map[string]string
		computed map[string]float64
		poor     bool
		check    func(t *testing.T, r Result)
	}{
		{
			// Sections: A 4, B 3, C 3, D 2, E 2, F 3, G 3, H (3+2)/2 = 2.5, I 4, J 3,
			// K 3, golden thread 2, adulthood 1: 35.5 / 13 = 2.7308, good.
			name: "EHCP in Year 10", key: "ehcp_quality_audit",
			answers: `{"nc_year": 10, "preparation_for_adulthood_grade": "inadequate", ` + ehcp + `}`,
			asOf:    "2025-06-01", overall: "2.730769 good",
			sections: map[string]string{"section_h": "2.5 good", "preparation_for_adulthood": "1 inadequate",
				"plan_details": "unscored"},
		},
		{
			// Year 8: no adulthood section, 34.5 / 12 = 2.875, good.
			name: "EHCP in Year 8", key: "ehcp_quality_audit",
			answers: `{"nc_year": 8, ` + ehcp + `}`,
			asOf:    "2025-06-01", overall: "2.875 good",
			sections: map[string]string{"preparation_for_adulthood": "unscored"},
		},
		{
			name: "EHCP requiring improvement notifies contributors", key: "ehcp_quality_audit",
			answers: `{"nc_year": 8, ` + strings.NewReplacer(`"outstanding"`, `"requires_improvement"`,
				`"good"`, `"requires_improvement"`).Replace(ehcp) + `}`,
			asOf: "2025-06-01", overall: "2 requires_improvement", poor: true,
		},
		{
			// Statutory: decision to assess and EP advice on time, health advice
			// excused (missed appointment), final plan late: 2 / 3.
			name: "EHCNA with a late final plan", key: "ehcna_file_audit",
			answers: `{"child_name": "A Child", "local_id": "WV-77", "date_of_birth": "2016-04-02",
				"nc_year": 4, "requestor": "parent_carer", "date_received": "2025-01-06",
				"allocated_officer": "Officer One", "school_setting": "org-school-9",
				"acknowledged": {"actual": "2025-01-10"},
				"decision_to_assess": {"actual": "2025-02-14"}, "assessment_decision": "assess",
				"advice_requested_on": "2025-02-17",
				"advice_from": ["educational_psychology", "health"],
				"advice_educational_psychology": {"actual": "2025-03-28"},
				"advice_health": {"actual": "2025-04-11", "reason": "Appointment missed",
					"exception": {"kind": "missed_appointment", "from": "2025-03-10", "to": "2025-03-10"}},
				"issue_decision": "issue",
				"decision_to_issue": {"actual": "2025-04-04", "reason": "Panel moved"},
				"draft_plan": {"actual": "2025-04-14"}, "comment_period": "yes",
				"consultation_responses": {"actual": "2025-05-02", "reason": "School slow to reply"},
				"final_plan": {"actual": "2025-06-02", "reason": "Awaiting consultation response"}}`,
			asOf: "2025-07-01", overall: "0.666667 not_compliant", poor: true,
			// All milestones: on time 4 (acknowledged, assess, EP, draft), late 3.
			sections: map[string]string{"timeline": "0.571429 not_compliant"},
			computed: map[string]float64{"weeks_since_request": 25},
			check: func(t *testing.T, r Result) {
				want := Compliance{OnTime: 2, Late: 1, Excused: 1}
				if r.Statutory != want {
					t.Errorf("statutory: got %+v, want %+v", r.Statutory, want)
				}
			},
		},
		{
			// 14 fully (2), 4 partially (1), 1 not included: 32 / 19 = 1.684, good.
			name: "EPS advice at 14", key: "eps_advice_quality",
			answers: eps("2011-03-10", `"outcomes_adulthood": "partially",`),
			asOf:    "2025-06-01", overall: "1.684211 good",
			computed: map[string]float64{"age_at_audit": 14},
		},
		{
			// At 13 the adulthood statement does not apply: 31 / 18 = 1.722.
			name: "EPS advice at 13", key: "eps_advice_quality",
			answers: eps("2011-06-02", ""),
			asOf:    "2025-06-01", overall: "1.722222 good",
			computed: map[string]float64{"age_at_audit": 13},
		},
		{
			// Six yes, four partial, two no, two not applicable: 8 / 12, requires improvement.
			name: "health advice", key: "health_advice_quality",
			answers: `{"nhs_number": "943 476 5919", "team": "org-camhs",
				"returned_within_6_weeks": "yes", "demographics_complete": "yes",
				"language_clear": "yes", "jargon_free": "partial",
				"diagnosis_explained": "not_applicable", "impact_explained": "not_applicable",
				"strengths_clear": "yes", "priorities_clear": "partial",
				"education_needs_detailed": "yes", "other_needs_detailed": "no",
				"within_expertise": "yes", "separate_outcomes": "no", "outcomes_smart": "partial",
				"provision_clear": "partial", "clear_to_colleague": "yes"}`,
			asOf: "2025-06-01", overall: "0.666667 requires_improvement", poor: true,
			sections: map[string]string{"details": "1 kpi_met", "quality": "0.666667 requires_improvement"},
		},
		{
			// Twelve green, three amber, no red: green overall.
			name: "AP standards", key: "ap_quality_standards",
			asOf: "2025-06-01", overall: "3 green",
			sections: map[string]string{"assessment": "2 amber", "engagement": "3 green",
				"attainment": "2 amber", "environment": "3 green", "opportunities": "2 amber",
				"provider_details": "unscored"},
		},
		{
			// Schedule 1: 14 met, 4 partly, 1 not: 32 / 19. Section 69: 5 / 4.
			// Language: 2. Mean of the three: 1.6447, partially met.
			name: "SEN information report", key: "sen_information_report_check",
			answers: `{"setting": "org-school-3", "setting_type": "mainstream_school",
				"report_url": "https://school.example.org/sen", "published": "yes",
				"last_updated": "2024-09-01", "updated_within_12_months": "yes",
				"kinds_of_sen": "met", "identification": "met", "evaluating_provision": "partially_met",
				"reviewing_progress": "met", "teaching_approach": "met", "adaptations": "met",
				"additional_support": "partially_met", "inclusion_in_activities": "met",
				"emotional_social": "met", "senco_contact": "met", "staff_expertise": "partially_met",
				"equipment": "met", "consulting_parents": "met", "consulting_young_people": "not_met",
				"complaints": "met", "other_bodies": "partially_met",
				"parent_support_services": "met", "transitions": "met", "local_offer": "met",
				"disabled_admissions": "met", "less_favourable_treatment": "met",
				"access_facilities": "partially_met", "accessibility_plan": "not_met",
				"language_accessible": "met"}`,
			asOf: "2025-06-01", overall: "1.644737 partially_met", poor: true,
			sections: map[string]string{"schedule_1": "1.684211 partially_met",
				"disability": "1.25 partially_met", "accessibility": "2 met"},
		},
		{
			name: "HY5! visit", key: "hy5_site_visit",
			answers: `{"visitors": "Three HY5! members", "place": "Youth centre",
				"visit_date": "2025-05-20", "welcoming": "face_5", "getting_around": "face_3",
				"staff_listened": "face_4", "information_clear": "face_2",
				"what_was_good": "Friendly staff", "could_be_better": "Signs were hard to read",
				"overall_rating": "face_4"}`,
			asOf: "2025-06-01", overall: "4 good",
			sections: map[string]string{"your_views": "3.5 okay", "your_words": "unscored"},
		},
		{
			// Meeting, invitations and decision on time; report and final plan
			// late (the 12-week cap sets the final plan's due date); the
			// phase-transfer step is not yet due: 3 / 5.
			name: "annual review", key: "annual_review_compliance",
			answers: `{"local_id": "WV-88", "nc_year": 6, "previous_review": "2024-03-01",
				"meeting_held": {"actual": "2025-02-20"}, "invitations_sent": {"actual": "2025-02-03"},
				"report_circulated": {"actual": "2025-03-10", "reason": "School sent it late"},
				"la_decision": {"actual": "2025-03-20"}, "review_decision": "amend",
				"changes_sent_with_decision": "yes", "amendment_notice": "2025-03-27",
				"final_amended_plan": {"actual": "2025-05-20", "reason": "Awaiting health advice"},
				"phase_transfer": "yes", "transfer_type": "school_phase", "transfer_year": 2026,
				"amended_by_15_february": {}, "views_captured": "yes"}`,
			asOf: "2025-06-01", overall: "0.6 not_compliant", poor: true,
			sections: map[string]string{"review_steps": "0.6 not_compliant", "phase_transfer": "unscored"},
			check: func(t *testing.T, r Result) {
				for _, m := range r.Milestones {
					if m.Item == "final_amended_plan" && m.Due.String() != "2025-05-15" {
						t.Errorf("final plan due: got %s, want 2025-05-15", m.Due)
					}
					if m.Item == "amended_by_15_february" &&
						(m.Due.String() != "2026-02-15" || m.Status != StatusNotDue) {
						t.Errorf("transfer: got %s %s, want 2026-02-15 not_due", m.Due, m.Status)
					}
				}
			},
		},
		{
			name: "Practice Week conversation", key: "practice_week_conversation",
			answers: `{"service": "org-sls", "conversation_date": "2025-03-12",
				"difference_made": "Fewer exclusions", "voice": "Pupil panels",
				"working_together": "Health referrals stall", "improve_next": "Shared records",
				"service_question_1": "How quickly do you see new referrals?",
				"service_answer_1": "Within four weeks", "themes": ["timeliness", "voice_of_child"]}`,
			asOf: "2025-06-01", overall: "unscored",
		},
		{
			// Three areas for development among five findings.
			name: "dip sample", key: "dip_sample",
			answers: `{"theme": "transitions", "cases_sampled": 6,
				"finding_1_type": "strength", "finding_1": "Plans name the receiving school early",
				"finding_2_type": "area_for_development", "finding_2": "Post-16 options discussed late",
				"finding_3_type": "area_for_development", "finding_3": "Health not invited",
				"finding_4_type": "area_for_development", "finding_4": "Transport decided late",
				"finding_5_type": "strength", "finding_5": "Young people's views recorded"}`,
			asOf: "2025-06-01", overall: "0 mostly_areas_for_development", poor: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			def, ok := lib[tc.key]
			if !ok {
				t.Fatalf("no instrument %s", tc.key)
			}
			var answers Answers
			if tc.answers == "" {
				answers = apAnswers(t, def)
			} else {
				answers = mustAnswers(t, def, tc.answers)
			}
			if err := ValidateAnswers(def, answers, Submit, on(t, tc.asOf)); err != nil {
				t.Fatalf("ValidateAnswers: %v", fieldsOf(err))
			}

			r, err := Score(def, answers, on(t, tc.asOf))
			if err != nil {
				t.Fatalf("Score: %v", err)
			}
			if got := describe(r.Overall); got != tc.overall {
				t.Errorf("overall: got %s, want %s", got, tc.overall)
			}
			for _, s := range r.Sections {
				if want, ok := tc.sections[s.ID]; ok && describe(s.Outcome) != want {
					t.Errorf("section %s: got %s, want %s", s.ID, describe(s.Outcome), want)
				}
			}
			for id, want := range tc.computed {
				if got := r.Computed[id]; got != want {
					t.Errorf("computed %s: got %v, want %v", id, got, want)
				}
			}
			if r.Poor != tc.poor {
				t.Errorf("poor: got %v, want %v", r.Poor, tc.poor)
			}
			if r.RuleVersion == "" || r.RuleVersion != def.Scoring.RuleVersion {
				t.Errorf("rule version: got %q, want %q", r.RuleVersion, def.Scoring.RuleVersion)
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

// describe writes an outcome as "value label" rounded to six places, or
// "unscored".
func describe(o Outcome) string {
	if !o.Scored {
		return "unscored"
	}
	return strings.TrimSpace(fmt.Sprintf("%s %s",
		strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.6f", o.Value), "0"), "."), o.Label))
}
