package sir_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"

	"sendqa/domain/demo"
	"sendqa/domain/instrument"
	"sendqa/domain/sir"
)

func date(t *testing.T, s string) instrument.Date {
	t.Helper()
	d, err := instrument.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// register is the Wolverhampton sample register as settings.
func register(t *testing.T) []sir.Setting {
	t.Helper()
	data, err := demo.File("settings_wolverhampton.csv")
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := sir.ParseRegister(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(parsed.Rejected) > 0 {
		t.Fatalf("the sample register has rejected rows: %+v", parsed.Rejected)
	}
	out := make([]sir.Setting, len(parsed.Rows))
	for i, r := range parsed.Rows {
		out[i] = sir.Setting{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(r.URN)), URN: r.URN,
			Name: r.Name, Phase: r.Phase}
	}
	return out
}

func urns(picks []sirPick) []string {
	out := make([]string, len(picks))
	for i, p := range picks {
		out[i] = p.urn
	}
	return out
}

type sirPick struct{ urn, stratum string }

func draw(settings []sir.Setting, size int, byPhase bool, seed int64) []sirPick {
	picks, _ := sir.Draw(settings, size, byPhase, seed)
	out := make([]sirPick, len(picks))
	for i, p := range picks {
		out[i] = sirPick{urn: p.Candidate.LocalID, stratum: p.Stratum}
	}
	return out
}

func TestTheSampleIsReproducibleFromItsSeed(t *testing.T) {
	settings := register(t)

	first := draw(settings, 10, false, 20261204)
	if len(first) != 10 {
		t.Fatalf("drew %d settings, want 10", len(first))
	}
	reversed := slices.Clone(settings)
	slices.Reverse(reversed)
	if again := draw(reversed, 10, false, 20261204); !slices.Equal(urns(again), urns(first)) {
		t.Errorf("the same seed over the register in another order drew %v, want %v",
			urns(again), urns(first))
	}
	if other := draw(settings, 10, false, 20261205); slices.Equal(urns(other), urns(first)) {
		t.Errorf("another seed drew the very same sample %v", urns(other))
	}
	seen := map[string]bool{}
	for _, u := range urns(first) {
		if seen[u] {
			t.Errorf("setting %s was drawn twice", u)
		}
		seen[u] = true
	}
}

func TestASampleByPhaseGivesEachPhaseItsShare(t *testing.T) {
	settings := register(t)
	picks, strata := sir.Draw(settings, 12, true, 7)
	if len(picks) != 12 {
		t.Fatalf("drew %d, want 12", len(picks))
	}
	phaseOf := map[string]string{}
	for _, s := range settings {
		phaseOf[s.URN] = s.Phase
	}
	drawn := map[string]int{}
	for _, p := range picks {
		if got := phaseOf[p.Candidate.LocalID]; got != p.Stratum {
			t.Errorf("setting %s is %s but was drawn for %s", p.Candidate.LocalID, got, p.Stratum)
		}
		drawn[p.Stratum]++
	}
	// 60 settings in six phases of 8 to 12: each phase gets two, give or
	// take one from rounding.
	if len(strata) != 6 {
		t.Fatalf("got %d strata, want the six phases", len(strata))
	}
	for _, s := range strata {
		if s.Drawn < 1 || s.Drawn > 3 || drawn[s.Value] != s.Drawn {
			t.Errorf("phase %s: %d drawn of %d (recorded %d)", s.Value, drawn[s.Value],
				s.Population, s.Drawn)
		}
	}
	again, _ := sir.Draw(settings, 12, true, 7)
	for i := range picks {
		if again[i].Candidate.LocalID != picks[i].Candidate.LocalID {
			t.Fatalf("the stratified draw with seed 7 changed at %d", i)
		}
	}
}

func TestTheTwelveMonthRuleAtItsBoundaries(t *testing.T) {
	for _, tc := range []struct {
		updated, checked string
		stale            bool
	}{
		{"2025-11-04", "2026-11-04", false}, // exactly twelve months
		{"2025-11-03", "2026-11-04", true},  // a day more
		{"2025-11-05", "2026-11-04", false}, // a day less
		{"2026-11-04", "2026-11-04", false}, // updated on the day
		{"2023-02-28", "2024-02-29", false}, // a leap day: twelve months back is 28 February
		{"2023-02-27", "2024-02-29", true},
		{"2024-02-29", "2025-02-28", false}, // updated on a leap day, checked a year on
		{"2024-02-28", "2025-02-28", false},
		{"2024-02-27", "2025-02-28", true},
		{"2025-03-31", "2026-03-31", false},
		{"2025-03-30", "2026-03-31", true},
	} {
		t.Run(tc.updated+" checked "+tc.checked, func(t *testing.T) {
			got := sir.OverTwelveMonths(date(t, tc.updated), date(t, tc.checked))
			if got != tc.stale {
				t.Errorf("over twelve months: got %v, want %v", got, tc.stale)
			}
			c := sir.Check{LastUpdated: date(t, tc.updated), CheckedOn: date(t, tc.checked)}
			if c.Stale() != tc.stale {
				t.Errorf("check flagged stale: got %v, want %v", c.Stale(), tc.stale)
			}
		})
	}
	if (sir.Check{CheckedOn: date(t, "2026-11-04")}).Stale() {
		t.Error("a check without a last-updated date was flagged")
	}
}

func checklist(t *testing.T) []sir.Item {
	t.Helper()
	items, err := sir.BuiltInChecklist()
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func TestTheChecklistIsTheBuiltInChecksRequiredItems(t *testing.T) {
	items := checklist(t)
	if len(items) != 24 {
		t.Fatalf("got %d items, want 24 (19 of Schedule 1, 4 of section 69, language)", len(items))
	}
	for _, id := range []string{"kinds_of_sen", "senco_contact", "local_offer",
		"accessibility_plan", "language_accessible"} {
		if !slices.ContainsFunc(items, func(it sir.Item) bool { return it.ID == id }) {
			t.Errorf("the checklist has no %s", id)
		}
	}
}

// ratedCheck rates every item Met except those given.
func ratedCheck(items []sir.Item, others map[string]sir.Rating) sir.Check {
	yes := true
	c := sir.Check{Setting: sir.Setting{Name: "Oak Lane Secondary", URN: "470723"},
		ReportURL: "https://oak-lane-secondary.example.sch.uk/send-information-report",
		Published: &yes, Ratings: map[string]sir.Assessment{}}
	for _, it := range items {
		r := sir.Met
		if o, ok := others[it.ID]; ok {
			r = o
		}
		c.Ratings[it.ID] = sir.Assessment{Rating: r, Comment: "About " + it.ID}
	}
	return c
}

func TestTheLetterListsExactlyTheItemsNotMet(t *testing.T) {
	items := checklist(t)
	c := ratedCheck(items, map[string]sir.Rating{
		"senco_contact": sir.NotMet, "accessibility_plan": sir.NotMet,
		"complaints": sir.PartiallyMet,
	})
	c.CheckedOn, c.LastUpdated = date(t, "2026-11-04"), date(t, "2025-06-30")

	f := sir.Compose(c, items, date(t, "2026-11-05"))
	ids := func(list []sir.Finding) []string {
		var out []string
		for _, x := range list {
			out = append(out, x.ItemID)
		}
		return out
	}
	if got := ids(f.NotMet); !slices.Equal(got, []string{"senco_contact", "accessibility_plan"}) {
		t.Errorf("not met: got %v, want senco_contact and accessibility_plan", got)
	}
	if got := ids(f.Partly); !slices.Equal(got, []string{"complaints"}) {
		t.Errorf("partially met: got %v, want complaints", got)
	}
	if len(f.Met) != len(items)-3 {
		t.Errorf("met: got %d items, want %d", len(f.Met), len(items)-3)
	}
	if !f.Stale {
		t.Error("a report updated sixteen months before the check is not flagged")
	}
	if f.RespondBy != date(t, "2026-12-17") {
		t.Errorf("respond by %s, want six weeks on, 2026-12-17", f.RespondBy)
	}

	pdf, err := sir.RenderLetter(f, sir.LetterHead{AreaName: "Wolverhampton",
		Officer: "Sam Officer", Date: date(t, "2026-11-05").Time()})
	if err != nil {
		t.Fatal(err)
	}
	text := PDFText(pdf)
	notMet := between(text, "Not met (2)", "Partially met (1)")
	partly := between(text, "Partially met (1)", "Met (21)")
	met := between(text, "Met (21)", "What to do")
	for _, it := range items {
		inNotMet := strings.Contains(notMet, it.Label)
		if want := it.ID == "senco_contact" || it.ID == "accessibility_plan"; inNotMet != want {
			t.Errorf("%s in the letter's Not met list: got %v, want %v", it.ID, inNotMet, want)
		}
		if strings.Contains(partly, it.Label) != (it.ID == "complaints") {
			t.Errorf("%s in the Partially met list: got %v", it.ID, !(it.ID == "complaints"))
		}
		if strings.Contains(met, it.Label) == (c.Ratings[it.ID].Rating != sir.Met) {
			t.Errorf("%s in the Met list wrongly", it.ID)
		}
	}
	for _, want := range []string{"Oak Lane Secondary", "URN 470723", "About senco_contact",
		"more than twelve months", "17 December 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter's text lacks %q:\n%s", want, text)
		}
	}
}

func TestALetterOfAFullyMetReportAsksNothing(t *testing.T) {
	items := checklist(t)
	c := ratedCheck(items, nil)
	c.CheckedOn, c.LastUpdated = date(t, "2026-11-04"), date(t, "2026-09-01")
	f := sir.Compose(c, items, date(t, "2026-11-05"))
	if len(f.NotMet) != 0 || len(f.Partly) != 0 || len(f.ToDo()) != 0 || f.Stale {
		t.Errorf("a fully met, current report: got %d not met, %d partly, to do %v",
			len(f.NotMet), len(f.Partly), f.ToDo())
	}
}

func TestTheSummaryCountsEachItemAndPhase(t *testing.T) {
	items := checklist(t)
	a := ratedCheck(items, map[string]sir.Rating{"local_offer": sir.NotMet})
	a.Setting.Phase, a.State = "Primary", sir.Completed
	a.CheckedOn, a.LastUpdated = date(t, "2026-11-04"), date(t, "2024-11-04")
	b := ratedCheck(items, map[string]sir.Rating{"local_offer": sir.PartiallyMet,
		"complaints": sir.NotMet})
	b.Setting.Phase, b.State = "Secondary", sir.Completed
	open := sir.Check{Setting: sir.Setting{Phase: "Primary"}, State: sir.Allocated}

	s := sir.Summarise([]sir.Check{a, b, open}, items)
	if s.Sampled != 3 || s.Completed != 2 || s.Stale != 1 {
		t.Errorf("sampled %d, completed %d, stale %d; want 3, 2, 1", s.Sampled, s.Completed, s.Stale)
	}
	if len(s.Gaps) != 2 || s.Gaps[0].Item.ID != "local_offer" || s.Gaps[1].Item.ID != "complaints" {
		t.Errorf("gaps: got %+v", s.Gaps)
	}
	for _, is := range s.Items {
		if is.Item.ID == "local_offer" && (is.Met != 0 || is.Partly != 1 || is.NotMet != 1) {
			t.Errorf("local offer: got %+v", is)
		}
		if is.Item.ID == "kinds_of_sen" && is.CompliancePercent != 100 {
			t.Errorf("kinds of SEN: %d%%, want 100%%", is.CompliancePercent)
		}
	}
	if len(s.Phases) != 2 || s.Phases[0].Phase != "Primary" || s.Phases[0].Checks != 1 {
		t.Fatalf("phases: got %+v", s.Phases)
	}
	if want := (23*100 + 12) / 24; s.Phases[0].CompliancePercent != want {
		t.Errorf("primary compliance %d%%, want %d%%", s.Phases[0].CompliancePercent, want)
	}
}

func TestTheRegisterImportRejectsBadRowsOneByOne(t *testing.T) {
	csv := "urn,name,phase,type,sir_url,senco_email,notes\n" +
		"470723,Oak Lane Secondary,Secondary,Academy,https://oak.example.sch.uk/sir,senco@oak.example.sch.uk,x\n" +
		"12,Short URN,Primary,Maintained,,,\n" +
		"470723,Again,Secondary,Academy,,,\n" +
		"555555,,Primary,Maintained,ftp://nope,not-an-email,\n" +
		"666666,Odd Phase,Infant,Maintained,,,\n"
	p, err := sir.ParseRegister([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Rows) != 1 || p.Rows[0].URN != "470723" {
		t.Errorf("kept %+v, want the first row only", p.Rows)
	}
	if !slices.Equal(p.Ignored, []string{"notes"}) {
		t.Errorf("ignored %v, want notes", p.Ignored)
	}
	got := map[int][]string{}
	for _, r := range p.Rejected {
		for _, pr := range r.Problems {
			got[r.Line] = append(got[r.Line], pr.Field)
		}
	}
	want := map[int][]string{3: {"urn"}, 4: {"urn"}, 5: {"name", "sir_url", "senco_email"},
		6: {"phase"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rejected fields by line: got %v, want %v", got, want)
	}
	if _, err := sir.ParseRegister([]byte("name,phase\nA,Primary\n")); err == nil {
		t.Error("a header without urn was accepted")
	}
}

// FuzzParseRegister checks that any file is either refused whole or split
// into kept and rejected rows without a panic, kept rows having a URN of
// six or seven digits that no other kept row has.
func FuzzParseRegister(f *testing.F) {
	data, err := demo.File("settings_wolverhampton.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("urn,name\n\"12\"\"3,A\n123456,\"x\n"))
	f.Add([]byte("\xef\xbb\xbfURN,Name,senco_email\n1234567,=cmd(),a@b.c\n1234567,Again,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := sir.ParseRegister(data)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, r := range p.Rows {
			if len(r.URN) < 6 || len(r.URN) > 7 || seen[r.URN] || r.Name == "" {
				t.Fatalf("kept a row with URN %q and name %q", r.URN, r.Name)
			}
			seen[r.URN] = true
		}
		for _, r := range p.Rejected {
			if len(r.Problems) == 0 {
				t.Fatalf("line %d rejected without a reason", r.Line)
			}
		}
	})
}
