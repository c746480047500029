package visit

import (
	"context"
	"sort"

	"github.com/google/uuid"

	"sendqa/domain"
)

// Theme is one of the instrument's rated questions across visits.
type Theme struct {
	Item  string
	Label string
	Mean  float64
	Count int
}

// ServiceSummary is the visits to one service (or to places that are not
// one of the area's services, with a nil id).
type ServiceSummary struct {
	OrganisationID uuid.UUID
	Name           string
	Visits         int
	MeanOverall    float64
	Themes         []Theme
}

// MonthSummary is the visits of one calendar month.
type MonthSummary struct {
	Month       string // 2026-11
	Visits      int
	MeanOverall float64
}

// Overview is the visits page of officers and managers: visits by
// service, the rated themes, and the overall rating over time.
type Overview struct {
	Visits   int
	Services []ServiceSummary
	Themes   []Theme
	Months   []MonthSummary
}

// maxOverviewVisits bounds the visits an overview reads.
const maxOverviewVisits = 5000

// Overview summarises the sent visits the viewer may see, leaving out
// drafts and visits with a safeguarding concern. Officers, managers, QA
// leads and viewers (visits overview).
func (s Service) Overview(ctx context.Context, v Viewer) (Overview, error) {
	f := Filter{States: []State{Submitted, Approved, Answered}, NoSafeguarding: true}
	if !v.Review {
		f.States = []State{Approved, Answered}
		if v.Answer && !v.AllServices {
			f.LeadID = &v.PersonID
		}
	}
	var visits []Visit
	page := domain.Page{Limit: domain.MaxPageLimit}
	for len(visits) < maxOverviewVisits {
		list, err := s.Store.ListVisits(ctx, f, page)
		if err != nil {
			return Overview{}, err
		}
		visits = append(visits, list.Items...)
		if list.NextCursor == "" {
			break
		}
		page.Cursor = list.NextCursor
	}
	return Summarise(visits)
}

type mean struct {
	sum float64
	n   int
}

func (m *mean) add(v float64) { m.sum, m.n = m.sum+v, m.n+1 }

func (m mean) value() float64 {
	if m.n == 0 {
		return 0
	}
	return m.sum / float64(m.n)
}

// Summarise works out an overview from visits.
func Summarise(visits []Visit) (Overview, error) {
	def, err := Definition()
	if err != nil {
		return Overview{}, err
	}
	var themeItems []Theme
	for _, sec := range def.Sections {
		for _, it := range sec.Items {
			if it.Kind == "scale" && it.ID != "overall_rating" {
				themeItems = append(themeItems, Theme{Item: it.ID, Label: it.Label})
			}
		}
	}
	type acc struct {
		summary ServiceSummary
		overall mean
		themes  map[string]*mean
	}
	services := map[uuid.UUID]*acc{}
	months := map[string]*mean{}
	monthVisits := map[string]int{}
	themes := map[string]*mean{}
	for _, t := range themeItems {
		themes[t.Item] = &mean{}
	}
	for _, v := range visits {
		a := services[v.OrganisationID]
		if a == nil {
			name := v.OrganisationName
			if v.OrganisationID == uuid.Nil {
				name = "Other places"
			}
			a = &acc{summary: ServiceSummary{OrganisationID: v.OrganisationID, Name: name},
				themes: map[string]*mean{}}
			services[v.OrganisationID] = a
		}
		a.summary.Visits++
		month := v.VisitDate.Format("2006-01")
		monthVisits[month]++
		if months[month] == nil {
			months[month] = &mean{}
		}
		if r, ok := v.Ratings["overall_rating"]; ok {
			a.overall.add(r)
			months[month].add(r)
		}
		for _, t := range themeItems {
			r, ok := v.Ratings[t.Item]
			if !ok || v.HiddenItem(t.Item) {
				continue
			}
			if a.themes[t.Item] == nil {
				a.themes[t.Item] = &mean{}
			}
			a.themes[t.Item].add(r)
			themes[t.Item].add(r)
		}
	}
	out := Overview{Visits: len(visits)}
	for _, a := range services {
		a.summary.MeanOverall = a.overall.value()
		for _, t := range themeItems {
			if m := a.themes[t.Item]; m != nil {
				a.summary.Themes = append(a.summary.Themes,
					Theme{Item: t.Item, Label: t.Label, Mean: m.value(), Count: m.n})
			}
		}
		out.Services = append(out.Services, a.summary)
	}
	sort.Slice(out.Services, func(i, j int) bool {
		if out.Services[i].Visits != out.Services[j].Visits {
			return out.Services[i].Visits > out.Services[j].Visits
		}
		return out.Services[i].Name < out.Services[j].Name
	})
	for _, t := range themeItems {
		m := themes[t.Item]
		out.Themes = append(out.Themes, Theme{Item: t.Item, Label: t.Label, Mean: m.value(), Count: m.n})
	}
	for month, m := range months {
		out.Months = append(out.Months, MonthSummary{Month: month, Visits: monthVisits[month],
			MeanOverall: m.value()})
	}
	sort.Slice(out.Months, func(i, j int) bool { return out.Months[i].Month < out.Months[j].Month })
	return out, nil
}
