package visit

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
)

func TestSummariseGroupsVisitsByServiceThemeAndMonth(t *testing.T) {
	library := uuid.New()
	visits := []Visit{
		{OrganisationID: library, OrganisationName: "Library", VisitDate: day(2026, 10, 3),
			Ratings: map[string]float64{"overall_rating": 4, "welcoming": 5, "staff_listened": 2}},
		{OrganisationID: library, OrganisationName: "Library", VisitDate: day(2026, 11, 9),
			Ratings: map[string]float64{"overall_rating": 2, "welcoming": 3, "staff_listened": 4},
			Hidden:  []Hidden{{Item: "staff_listened", Reason: "names a person"}}},
		{VisitDate: day(2026, 11, 20), Place: "Bus station",
			Ratings: map[string]float64{"overall_rating": 5}},
	}
	o, err := Summarise(visits)
	if err != nil {
		t.Fatal(err)
	}
	if o.Visits != 3 || len(o.Services) != 2 {
		t.Fatalf("got %d visits in %d services, want 3 in 2", o.Visits, len(o.Services))
	}
	lib := o.Services[0]
	if lib.Name != "Library" || lib.Visits != 2 || lib.MeanOverall != 3 {
		t.Errorf("got %+v, want the library's two visits rated 3 overall", lib)
	}
	if o.Services[1].Name != "Other places" {
		t.Errorf("a visit to no service is under %q, want Other places", o.Services[1].Name)
	}
	themes := map[string]Theme{}
	for _, th := range o.Themes {
		themes[th.Item] = th
	}
	if got := themes["welcoming"]; got.Mean != 4 || got.Count != 2 {
		t.Errorf("welcoming: got %+v, want mean 4 of 2", got)
	}
	if got := themes["staff_listened"]; got.Mean != 2 || got.Count != 1 {
		t.Errorf("a hidden rating counted: got %+v, want only the visible one", got)
	}
	if len(o.Months) != 2 || o.Months[0].Month != "2026-10" || o.Months[1].MeanOverall != 3.5 {
		t.Errorf("months: got %+v, want October then November at 3.5", o.Months)
	}
}

func TestFirstNameOnly(t *testing.T) {
	for name, ok := range map[string]bool{
		"Amir": true, "Mary Jane": true, "": false, "amir@example.org": false,
		"Amir Khan Smith": false, "Amir 2": false,
	} {
		var p domain.Problems
		CheckFirstName(&p, "first_name", name)
		if got := p.Len() == 0; got != ok {
			t.Errorf("%q: accepted %v, want %v", name, got, ok)
		}
	}
}

func TestDetailsRefuseAFutureDay(t *testing.T) {
	today := day(2026, 12, 4)
	err := Details{Place: "Library", VisitDate: today.AddDate(0, 0, 1)}.Validate(today)
	if err == nil {
		t.Fatal("a visit tomorrow was accepted")
	}
	if err := (Details{Place: "Library", VisitDate: today}).Validate(today); err != nil {
		t.Fatalf("a visit today was refused: %v", err)
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
