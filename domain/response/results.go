package response

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"sendqa/domain/instrument"
	"sendqa/domain/round"
)

// Rounds reads a round and its progress.
type Rounds interface {
	FindRound(ctx context.Context, id uuid.UUID) (round.Round, error)
	FindProgress(ctx context.Context, roundID uuid.UUID) (round.Progress, error)
	ListAllocations(ctx context.Context, roundID uuid.UUID) ([]round.Allocation, error)
}

// ServiceProgress counts one contributing service's audits.
type ServiceProgress struct {
	Service                                  string
	Allocated, InProgress, Submitted, Sample int
}

// OptionCount is how often one answer was given to an item.
type OptionCount struct {
	Key, Label string
	Count      int
}

// ItemResult sums the submitted answers to one scored item.
type ItemResult struct {
	ItemID, Label, SectionID string
	Answered                 int
	Mean                     float64
	Scored                   int // answers that carried a value
	Options                  []OptionCount
}

// LabelCount is how many submitted responses got one overall result.
type LabelCount struct {
	Label string
	Count int
}

// Results are a round's progress and what its submitted audits found.
type Results struct {
	Round      round.Round
	Progress   round.Progress
	ByService  []ServiceProgress
	Items      []ItemResult
	Grades     []LabelCount
	Compliance instrument.Compliance
	Statutory  instrument.Compliance
	Definition instrument.Definition
}

// RoundResults sums a round's responses. Callers must hold results read.
func (s Service) RoundResults(
	ctx context.Context, rounds Rounds, roundID uuid.UUID,
) (Results, []Record, error) {
	r, err := rounds.FindRound(ctx, roundID)
	if err != nil {
		return Results{}, nil, err
	}
	out := Results{Round: r}
	if out.Progress, err = rounds.FindProgress(ctx, roundID); err != nil {
		return Results{}, nil, err
	}
	def, err := s.Instruments.Definition(ctx, r.InstrumentKey, r.InstrumentVersion)
	if err != nil {
		return Results{}, nil, err
	}
	out.Definition = def
	sample, err := rounds.ListAllocations(ctx, roundID)
	if err != nil {
		return Results{}, nil, err
	}
	out.ByService = byService(sample)
	recs, err := s.Store.ListRoundResponses(ctx, roundID)
	if err != nil {
		return Results{}, nil, err
	}
	out.Items, out.Grades = s.sumItems(def, recs), grades(recs)
	for _, rec := range recs {
		if rec.Result != nil {
			out.Compliance = addCompliance(out.Compliance, rec.Result.Compliance)
			out.Statutory = addCompliance(out.Statutory, rec.Result.Statutory)
		}
	}
	return out, recs, nil
}

func byService(sample []round.Allocation) []ServiceProgress {
	m := map[string]*ServiceProgress{}
	for _, a := range sample {
		for _, name := range a.Services {
			p := m[name]
			if p == nil {
				p = &ServiceProgress{Service: name}
				m[name] = p
			}
			p.Sample++
			switch a.Status {
			case round.StatusAllocated:
				p.Allocated++
			case round.StatusInProgress:
				p.InProgress++
			case round.StatusSubmitted:
				p.Submitted++
			}
		}
	}
	out := make([]ServiceProgress, 0, len(m))
	for _, p := range m {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b ServiceProgress) int { return strings.Compare(a.Service, b.Service) })
	return out
}

func addCompliance(a, b instrument.Compliance) instrument.Compliance {
	return instrument.Compliance{
		OnTime:  a.OnTime + b.OnTime,
		Late:    a.Late + b.Late,
		Missing: a.Missing + b.Missing,
		Excused: a.Excused + b.Excused,
		NotDue:  a.NotDue + b.NotDue,
		Unknown: a.Unknown + b.Unknown,
	}
}

func grades(recs []Record) []LabelCount {
	var out []LabelCount
	for _, rec := range recs {
		if rec.Result == nil || !rec.Result.Overall.Scored {
			continue
		}
		label := rec.Result.Overall.Label
		if i := slices.IndexFunc(out, func(l LabelCount) bool { return l.Label == label }); i >= 0 {
			out[i].Count++
		} else {
			out = append(out, LabelCount{Label: label, Count: 1})
		}
	}
	return out
}

// sumItems counts the answers to every option item over the submitted
// responses, and averages the values scoring gave them.
func (s Service) sumItems(def instrument.Definition, recs []Record) []ItemResult {
	var out []ItemResult
	submitted := make([]instrument.Answers, 0, len(recs))
	for _, rec := range recs {
		if rec.State == Submitted {
			a, err := instrument.DecodeAnswers(def, rec.Answers)
			if err == nil {
				submitted = append(submitted, a)
			}
		}
	}
	for i := range def.Sections {
		for _, it := range def.Sections[i].Items {
			choices := it.Choices()
			if len(choices) == 0 {
				continue
			}
			res := ItemResult{ItemID: it.ID, Label: it.Label, SectionID: def.Sections[i].ID}
			for _, o := range choices {
				res.Options = append(res.Options, OptionCount{Key: o.Key, Label: o.Label})
			}
			var sum float64
			for j, a := range submitted {
				c, ok := a[it.ID].(instrument.Choice)
				if !ok {
					continue
				}
				res.Answered++
				if k := slices.IndexFunc(res.Options, func(o OptionCount) bool { return o.Key == string(c) }); k >= 0 {
					res.Options[k].Count++
				}
				if v, ok := scoredValue(recs, j, it.ID); ok {
					sum += v
					res.Scored++
				}
			}
			if res.Scored > 0 {
				res.Mean = sum / float64(res.Scored)
			}
			out = append(out, res)
		}
	}
	return out
}

// scoredValue is the value scoring gave an item in the j-th submitted
// response.
func scoredValue(recs []Record, j int, item string) (float64, bool) {
	n := -1
	for _, rec := range recs {
		if rec.State == Submitted {
			n++
			if n == j {
				v, ok := rec.Result.Items[item]
				return v, ok
			}
		}
	}
	return 0, false
}

// Pseudonym stands in for a subject's local id for readers who may not
// see children's data: stable within an export, meaningless outside it.
func Pseudonym(roundID, allocationID uuid.UUID) string {
	sum := sha256.Sum256([]byte(roundID.String() + "/" + allocationID.String()))
	return "S-" + strings.ToUpper(hex.EncodeToString(sum[:5]))
}

// ExportTable lays a round's responses out as rows for a spreadsheet: one
// row per sampled subject, one column per item. Without personal, the
// local id and every personal answer are replaced by a pseudonym or left
// out. Every cell is text or a number; NeutraliseFormula is left to the
// writer.
func (s Service) ExportTable(res Results, sample []round.Allocation, recs []Record, personal bool) [][]any {
	def := res.Definition
	header := []any{"subject", "auditor", "contributing_services", "status", "overall_result", "overall_value",
		"milestones_on_time", "milestones_late", "milestones_missing", "milestones_excused"}
	var items []instrument.Item
	for i := range def.Sections {
		for _, it := range def.Sections[i].Items {
			if it.Kind == instrument.KindComputed {
				continue
			}
			items = append(items, it)
			header = append(header, it.ID)
		}
	}
	rows := [][]any{header}
	byAlloc := map[uuid.UUID]Record{}
	for _, r := range recs {
		byAlloc[r.AllocationID] = r
	}
	for _, a := range sample {
		subject := a.LocalID
		if !personal {
			subject = Pseudonym(res.Round.ID, a.ID)
		}
		row := []any{subject, a.AuditorName, strings.Join(a.Services, "; "), string(a.Status)}
		rec, ok := byAlloc[a.ID]
		if ok && rec.Result != nil {
			c := rec.Result.Compliance
			overall := rec.Result.Overall
			row = append(row, overall.Label, overall.Value, c.OnTime, c.Late, c.Missing, c.Excused)
		} else {
			row = append(row, "", "", "", "", "", "")
		}
		answers := instrument.Answers{}
		if ok {
			answers = s.answersOf(def, rec, personal)
		}
		for _, it := range items {
			row = append(row, exportCell(it, answers[it.ID], ok && rec.Personal != nil, personal))
		}
		rows = append(rows, row)
	}
	return rows
}

// answersOf decodes a response's answers, with its personal ones when
// personal is set. A response that no longer decodes exports empty.
func (s Service) answersOf(def instrument.Definition, rec Record, personal bool) instrument.Answers {
	raw := map[string]json.RawMessage{}
	if json.Unmarshal(rec.Answers, &raw) != nil {
		return instrument.Answers{}
	}
	if personal && rec.Personal != nil && s.openPersonal(rec, raw) != nil {
		return instrument.Answers{}
	}
	merged, _ := json.Marshal(raw)
	out, err := instrument.DecodeAnswers(def, merged)
	if err != nil {
		return instrument.Answers{}
	}
	return out
}

// exportCell writes one answer as a cell. A personal answer shows only to
// a reader allowed to see it; to others the cell says one was withheld.
func exportCell(it instrument.Item, v instrument.Value, hasPersonal, personal bool) any {
	if it.Kind == instrument.KindPersonal && !personal {
		if hasPersonal {
			return "[withheld]"
		}
		return ""
	}
	switch x := v.(type) {
	case nil:
		return ""
	case instrument.NumberValue:
		return float64(x)
	case instrument.Choice:
		return string(x)
	case instrument.Choices:
		return strings.Join(x, "; ")
	case instrument.DateValue:
		return instrument.Date(x).String()
	case instrument.TextValue:
		return string(x)
	case instrument.MilestoneAnswer:
		out := x.Actual.String()
		if x.Reason != "" {
			out += " (late: " + x.Reason + ")"
		}
		if x.Exception != nil {
			out += fmt.Sprintf(" [exception %s %s to %s]", x.Exception.Kind, x.Exception.From, x.Exception.To)
		}
		return out
	case instrument.Evidence:
		return strconv.Itoa(len(x.Files)) + " file(s)"
	}
	return ""
}

// NeutraliseFormula stops a spreadsheet from running a cell as a formula:
// text that starts with =, +, -, @, a tab or a carriage return gets a
// leading apostrophe, as OWASP advises for CSV injection.
func NeutraliseFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// RecordExport keeps in the trail that a round's results left the
// system, and whether with children's data.
func (s Service) RecordExport(
	ctx context.Context, roundID uuid.UUID, format string, rows int, personal bool,
) error {
	return s.Trail.Record(ctx, "export", "round_results", roundID, nil,
		map[string]any{"format": format, "rows": rows, "personal": personal})
}
