package schedule

// Framework is the framework's own QA schedule (its section 10), the
// starting point of an area's schedule. Audits are allocated in October,
// March and June; moderation follows each round a month later; termly
// activities fall due at the end of each term.
func Framework() []Activity {
	return []Activity{
		{What: "Quality of EHCP audits", Who: "SEND Advanced Practitioner and the auditor cohort; " +
			"each auditor completes 2 audits", Frequency: ThreeTimesAYear, Months: []int{10, 3, 6},
			DueDay: 28, Outcome: "Findings reported to the CYP Performance Meeting and the SEND and " +
				"Inclusion Partnership Board with all triangulation information. The improvement plan " +
				"is reviewed and updated, local action plans are updated, and a practice newsletter " +
				"is sent with findings and next steps."},
		{What: "Moderation sessions", Who: "Auditor cohort", Frequency: ThreeTimesAYear,
			Months: []int{11, 4, 7}, DueDay: 14,
			Outcome: "Feedback from the sessions is reported in the Practice Week reports."},
		{What: "EHCNA process audit", Who: "SEND Advanced Practitioner with representatives from " +
			"SENSTART, Social Care, EPS and Health", Frequency: ThreeTimesAYear,
			Months: []int{10, 3, 6}, DueDay: 28, Outcome: "Findings shared with SENSTART. Actions " +
				"fed into local action plans and the improvement plan; findings triangulated into " +
				"the practice report."},
		{What: "SEND Practice Week", Who: "SEND Advanced Practitioner, managers and team leaders",
			Frequency: Annual, Months: []int{3}, DueDay: 28, Outcome: "Findings reported to the CYP " +
				"Performance Meeting and the Partnership Board through the practice report; actions " +
				"fed into local action plans and the improvement plan."},
		{What: "Audit of health advice", Who: "Designated Clinical Officer", Frequency: Monthly,
			Months: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, DueDay: 28,
			Outcome: "Feedback to practitioners; actions fed into local action plans; feedback to " +
				"the SEND Advanced Practitioner for triangulation."},
		{What: "EPS advice audits", Who: "Senior Educational Psychologist", Frequency: Termly,
			Months: []int{12, 4, 7}, DueDay: 14, Outcome: "Feedback to practitioners; actions fed " +
				"into local action plans; feedback to the SEND Advanced Practitioner for triangulation."},
		{What: "Wider service triangulation", Who: "SEND Advanced Practitioner", Frequency: Termly,
			Months: []int{12, 4, 7}, DueDay: 21, Outcome: "Feedback from other SEND services " +
				"(Connexions, Local Offer, Social Care, Health, School Improvement, SNEYS, " +
				"commissioning) to identify themes, triangulated with the improvement plan and " +
				"report; actions recorded in local action plans."},
		{What: "CYP survey", Who: "Participation team", Frequency: Annual, Months: []int{6},
			DueDay: 28, Outcome: "Feedback from children and young people, triangulated with " +
				"other QA activity and fed back to HY5!."},
		{What: "SEND information report audits", Who: "School Improvement", Frequency: Annual,
			Months: []int{11}, DueDay: 28, Outcome: "Feedback to schools and the SEND School " +
				"Improvement Advisor; actions fed into local action plans; feedback to the SEND " +
				"Advanced Practitioner for triangulation."},
	}
}
