package triangulation_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain/triangulation"
)

func TestTheMatrixCountsEachSourceApartAndKeepsOtherCapabilitiesKinds(t *testing.T) {
	health := triangulation.Theme{ID: uuid.New(), Name: "Quality of health advice"}
	old := triangulation.Theme{ID: uuid.New(), Name: "Retired", Archived: true}
	m := triangulation.BuildMatrix(triangulation.Period{},
		[]triangulation.Theme{health, old}, []triangulation.Count{
			{ThemeID: health.ID, Kind: "audit", Polarity: triangulation.Strength, N: 2},
			{ThemeID: health.ID, Kind: "audit", Polarity: triangulation.Development, N: 1},
			{ThemeID: health.ID, Kind: "ap_audit", Polarity: triangulation.Development, N: 1},
			{ThemeID: health.ID, Kind: "youth_forum", Polarity: triangulation.Strength, N: 1},
		})
	if len(m.Rows) != 1 {
		t.Fatalf("got %d rows, want the archived theme without findings left out", len(m.Rows))
	}
	r := m.Rows[0]
	if r.Sources != 3 || !r.Triangulated() || r.Strengths != 3 || r.Developments != 2 {
		t.Errorf("row: got %d sources, %d strengths, %d developments", r.Sources, r.Strengths,
			r.Developments)
	}
	last := m.Sources[len(m.Sources)-1]
	if last.Kind != "youth_forum" || len(m.Sources) != len(triangulation.Sources)+1 {
		t.Errorf("an unknown kind gets a column of its own: got %v", last)
	}
	for _, k := range []triangulation.SourceKind{"ap_audit", "sir_check", "hy5_visit"} {
		if triangulation.SourceOf(k).Label == string(k) {
			t.Errorf("%s is not among the known sources", k)
		}
	}
}

func TestDerivingTurnsRatedSectionsIntoFindingsOnLinkedThemes(t *testing.T) {
	health := triangulation.Theme{ID: uuid.New(), Name: "Health",
		Links: []string{"ehcp_quality_audit/section_c", "health_advice_quality"}}
	rated := []triangulation.Rated{
		{Kind: "audit", ID: uuid.New(), Instrument: "ehcp_quality_audit", On: time.Now(),
			Overall: "good", Sections: []triangulation.RatedSection{
				{ID: "section_c", Title: "Section C", Label: "inadequate"},
				{ID: "section_e", Title: "Section E", Label: "inadequate"}}},
		{Kind: "audit", ID: uuid.New(), Instrument: "health_advice_quality", Title: "Health",
			On: time.Now(), Overall: "good"},
		{Kind: "audit", ID: uuid.New(), Instrument: "hy5_site_visit", Overall: "okay"},
	}
	got := triangulation.Derive([]triangulation.Theme{health}, rated)
	if len(got) != 2 {
		t.Fatalf("got %d findings, want section C and the health audit's overall result", len(got))
	}
	if got[0].Polarity != triangulation.Development || got[0].Body != "Section C rated inadequate" {
		t.Errorf("first: got %s %q", got[0].Polarity, got[0].Body)
	}
	if got[1].Polarity != triangulation.Strength || got[0].DerivedKey == got[1].DerivedKey {
		t.Errorf("second: got %s, key %q", got[1].Polarity, got[1].DerivedKey)
	}
	again := triangulation.Derive([]triangulation.Theme{health}, rated)
	if again[0].DerivedKey != got[0].DerivedKey {
		t.Error("deriving again gave another key, so it would record the finding twice")
	}
}

func TestAnImportNamesEveryBadRow(t *testing.T) {
	themes := []triangulation.Theme{{ID: uuid.New(), Name: "Short breaks"}}
	_, err := triangulation.ParseImport([]byte("theme,source,polarity\nShort breaks,iass,strength\n"),
		themes)
	if err == nil {
		t.Fatal("a header without finding and date was accepted")
	}
	list, err := triangulation.ParseImport([]byte("\xef\xbb\xbftheme,source,polarity,finding,date\n"+
		"short breaks,Parent carer forum,Area for development,Waits are long,03/02/2026\n"), themes)
	if err != nil {
		t.Fatal(err)
	}
	f := list[0]
	if f.SourceKind != triangulation.SourceParentCarerForum ||
		f.Polarity != triangulation.Development ||
		f.FoundOn.Format(time.DateOnly) != "2026-02-03" || f.Origin != triangulation.Imported {
		t.Errorf("got %+v", f)
	}
}
