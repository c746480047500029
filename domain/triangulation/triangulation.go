// Package triangulation keeps an area's themes and the findings recorded
// against them from every source, and lays them out as the matrix of
// themes by source that shows a theme seen in several sources at once.
package triangulation

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"sendqa/domain"
)

// Theme is something the area looks for across its sources: one of the
// framework's dip themes, or one of its own.
type Theme struct {
	ID          uuid.UUID
	Name        string
	Description string
	// Links name the instruments ("ehcp_quality_audit") and instrument
	// sections ("ehcp_quality_audit/section_e") whose ratings are findings
	// on this theme when findings are derived from audits.
	Links    []string
	Position int
	Archived bool
	Version  int
	CreatedAt,
	UpdatedAt time.Time
}

var linkShape = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}(/[a-z0-9_]{1,64})?$`)

// Validate checks a theme's own fields.
func (t Theme) Validate() error {
	var p domain.Problems
	if n := len([]rune(strings.TrimSpace(t.Name))); n < 1 || n > 200 {
		p.Add("name", "enter a name of 1 to 200 characters")
	}
	if len([]rune(t.Description)) > 2000 {
		p.Add("description", "keep the description to 2,000 characters")
	}
	for i, l := range t.Links {
		if !linkShape.MatchString(l) {
			p.Add(domain.Path("links", i), "name an instrument key, or a key and a section "+
				"id joined by a slash")
		}
	}
	return p.Err()
}

// ThemePatch changes some fields of a theme; nil fields stay.
type ThemePatch struct {
	Name        *string
	Description *string
	Links       *[]string
	Position    *int
	Archived    *bool
}

// Apply returns the theme with the patch applied.
func (t Theme) Apply(p ThemePatch) Theme {
	if p.Name != nil {
		t.Name = strings.TrimSpace(*p.Name)
	}
	if p.Description != nil {
		t.Description = strings.TrimSpace(*p.Description)
	}
	if p.Links != nil {
		t.Links = slices.Clone(*p.Links)
	}
	if p.Position != nil {
		t.Position = *p.Position
	}
	if p.Archived != nil {
		t.Archived = *p.Archived
	}
	return t
}

// Polarity says whether a finding is a strength or an area for
// development.
type Polarity string

// Polarities.
const (
	Strength    Polarity = "strength"
	Development Polarity = "development"
)

// SourceKind names the kind of source a finding came from. Kinds are
// checked by shape, so that each capability adds its own.
type SourceKind string

// Sources that sendqa runs itself: audit responses, moderations, feedback
// to services, and the AP audits, SEN information report checks and HY5!
// site visits whose capabilities record their findings under these kinds.
const (
	SourceAudit      SourceKind = "audit"
	SourceModeration SourceKind = "moderation"
	SourceFeedback   SourceKind = "feedback"
	SourceAPAudit    SourceKind = "ap_audit"
	SourceSIRCheck   SourceKind = "sir_check"
	SourceHY5Visit   SourceKind = "hy5_visit"
)

// Sources sendqa does not run, whose findings are entered or imported.
const (
	SourceComplaints       SourceKind = "complaints_compliments"
	SourceParentCarerForum SourceKind = "parent_carer_forum"
	SourceIASS             SourceKind = "iass"
	SourceSENCOSurvey      SourceKind = "senco_survey"
	SourcePracticeWeek     SourceKind = "practice_week"
	SourceLocalOffer       SourceKind = "local_offer"
)

// Source describes one kind of source, for the matrix's columns.
type Source struct {
	Kind  SourceKind
	Label string
	// Entered is true for the sources whose findings people enter or
	// import; the others' are derived from records sendqa holds.
	Entered bool
	// Voice is true for the sources that carry the voice of children,
	// young people and families.
	Voice bool
}

// Sources lists every known source in the order of the matrix's columns.
var Sources = []Source{
	{Kind: SourceAudit, Label: "Audits"},
	{Kind: SourceModeration, Label: "Moderation"},
	{Kind: SourceFeedback, Label: "Feedback to services"},
	{Kind: SourceAPAudit, Label: "AP audits"},
	{Kind: SourceSIRCheck, Label: "SEN information report checks"},
	{Kind: SourceHY5Visit, Label: "HY5! site visits", Voice: true},
	{Kind: SourceComplaints, Label: "Complaints and compliments", Entered: true, Voice: true},
	{Kind: SourceParentCarerForum, Label: "Parent carer forum", Entered: true, Voice: true},
	{Kind: SourceIASS, Label: "Information, advice and support service", Entered: true,
		Voice: true},
	{Kind: SourceSENCOSurvey, Label: "SENCO survey", Entered: true},
	{Kind: SourcePracticeWeek, Label: "Practice week", Entered: true},
	{Kind: SourceLocalOffer, Label: "Local offer feedback", Entered: true, Voice: true},
}

// SourceOf describes a kind; a kind not in Sources is described by its
// code, so findings another capability records still show.
func SourceOf(k SourceKind) Source {
	for _, s := range Sources {
		if s.Kind == k {
			return s
		}
	}
	return Source{Kind: k, Label: strings.ReplaceAll(string(k), "_", " ")}
}

var kindShape = regexp.MustCompile(`^[a-z][a-z_]{1,39}$`)

// ValidKind reports whether a kind has the shape every kind has.
func ValidKind(k SourceKind) bool { return kindShape.MatchString(string(k)) }

// Origin says how a finding came to be recorded.
type Origin string

// Origins.
const (
	Entered  Origin = "entered"
	Imported Origin = "imported"
	Derived  Origin = "derived"
)

// Finding is a strength or an area for development, on a theme, from one
// source.
type Finding struct {
	ID         uuid.UUID
	ThemeID    uuid.UUID
	ThemeName  string
	SourceKind SourceKind
	// SourceID is the record the finding came from, when sendqa holds it.
	SourceID uuid.UUID
	// SourceLabel says where in the source: "Spring 2026 EHC plan audit".
	SourceLabel string
	Polarity    Polarity
	Body        string
	FoundOn     time.Time
	Origin      Origin
	// DerivedKey keeps a derived finding once per record and rating.
	DerivedKey string
	CreatedBy  uuid.UUID
	Version    int
	CreatedAt,
	UpdatedAt time.Time
}

// Validate checks a finding's own fields.
func (f Finding) Validate() error {
	var p domain.Problems
	if f.ThemeID == uuid.Nil {
		p.Add("theme_id", "choose the theme of the finding")
	}
	if !ValidKind(f.SourceKind) {
		p.Add("source_kind", "choose the source of the finding")
	}
	if len([]rune(f.SourceLabel)) > 300 {
		p.Add("source_label", "keep where it was found to 300 characters")
	}
	if f.Polarity != Strength && f.Polarity != Development {
		p.Add("polarity", "choose strength or area for development")
	}
	if n := len([]rune(strings.TrimSpace(f.Body))); n < 1 || n > 4000 {
		p.Add("body", "enter the finding, up to 4,000 characters")
	}
	if f.FoundOn.IsZero() {
		p.Add("found_on", "enter the date of the finding")
	}
	return p.Err()
}

// FindingPatch changes some fields of a finding; nil fields stay.
type FindingPatch struct {
	ThemeID     *uuid.UUID
	SourceLabel *string
	Polarity    *Polarity
	Body        *string
	FoundOn     *time.Time
}

// Apply returns the finding with the patch applied.
func (f Finding) Apply(p FindingPatch) Finding {
	if p.ThemeID != nil {
		f.ThemeID = *p.ThemeID
	}
	if p.SourceLabel != nil {
		f.SourceLabel = strings.TrimSpace(*p.SourceLabel)
	}
	if p.Polarity != nil {
		f.Polarity = *p.Polarity
	}
	if p.Body != nil {
		f.Body = strings.TrimSpace(*p.Body)
	}
	if p.FoundOn != nil {
		f.FoundOn = *p.FoundOn
	}
	return f
}

// Period is a range of dates, both ends included. A zero end is open.
type Period struct {
	From, To time.Time
}

// Validate checks that the period runs forwards.
func (p Period) Validate() error {
	if !p.From.IsZero() && !p.To.IsZero() && p.To.Before(p.From) {
		return domain.InvalidField("to", "the end of the period must not be before its start")
	}
	return nil
}

// FindingFilter narrows a list of findings; nil fields match all.
type FindingFilter struct {
	Period     Period
	ThemeID    *uuid.UUID
	SourceKind *SourceKind
	Polarity   *Polarity
}

// Cell counts one theme's findings from one source.
type Cell struct {
	Kind         SourceKind
	Strengths    int
	Developments int
}

// Total is every finding in the cell.
func (c Cell) Total() int { return c.Strengths + c.Developments }

// Row is one theme across every source.
type Row struct {
	Theme Theme
	Cells []Cell
	// Sources is how many sources have a finding on the theme.
	Sources      int
	Strengths    int
	Developments int
}

// Triangulated reports whether at least Triangulation sources saw it.
func (r Row) Triangulated() bool { return r.Sources >= Triangulation }

// Triangulation is how many sources must see a theme for it to stand out.
const Triangulation = 3

// Matrix is themes against sources for a period.
type Matrix struct {
	Period  Period
	Sources []Source
	Rows    []Row
}

// Count is how many findings one theme has from one source with one
// polarity, as the store sums them.
type Count struct {
	ThemeID  uuid.UUID
	Kind     SourceKind
	Polarity Polarity
	N        int
}

// BuildMatrix lays counts out as rows of themes, in the themes' order,
// and columns of sources: every known source, then any other kind found
// in the counts, by code. Archived themes show only when they have
// findings in the period.
func BuildMatrix(period Period, themes []Theme, counts []Count) Matrix {
	m := Matrix{Period: period, Sources: slices.Clone(Sources)}
	known := map[SourceKind]bool{}
	for _, s := range Sources {
		known[s.Kind] = true
	}
	var extra []SourceKind
	for _, c := range counts {
		if !known[c.Kind] {
			known[c.Kind] = true
			extra = append(extra, c.Kind)
		}
	}
	slices.Sort(extra)
	for _, k := range extra {
		m.Sources = append(m.Sources, SourceOf(k))
	}
	column := map[SourceKind]int{}
	for i, s := range m.Sources {
		column[s.Kind] = i
	}
	rowOf := map[uuid.UUID]*Row{}
	rows := make([]Row, len(themes))
	for i, t := range themes {
		rows[i] = Row{Theme: t, Cells: make([]Cell, len(m.Sources))}
		for j, s := range m.Sources {
			rows[i].Cells[j].Kind = s.Kind
		}
		rowOf[t.ID] = &rows[i]
	}
	for _, c := range counts {
		r := rowOf[c.ThemeID]
		if r == nil {
			continue
		}
		cell := &r.Cells[column[c.Kind]]
		if c.Polarity == Strength {
			cell.Strengths += c.N
			r.Strengths += c.N
		} else {
			cell.Developments += c.N
			r.Developments += c.N
		}
	}
	for _, r := range rows {
		for _, c := range r.Cells {
			if c.Total() > 0 {
				r.Sources++
			}
		}
		if r.Theme.Archived && r.Strengths+r.Developments == 0 {
			continue
		}
		m.Rows = append(m.Rows, r)
	}
	return m
}
