package instrument

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"sendqa/domain"
)

// State is the life-cycle state of a definition version.
type State string

// The version states. A published version is frozen: answers may rely on
// it, so a change means a new draft version.
const (
	StateDraft     State = "draft"
	StatePublished State = "published"
	StateRetired   State = "retired"
)

// CanBecome reports whether a version in state s may move to next: a draft
// may be published, and a published version retired. Nothing goes back,
// because responses already point at the frozen version.
func (s State) CanBecome(next State) bool {
	return s == StateDraft && next == StatePublished ||
		s == StatePublished && next == StateRetired
}

// Transition returns next when s may become it, and otherwise a domain
// conflict error.
func (s State) Transition(next State) (State, error) {
	if !s.CanBecome(next) {
		return s, domain.Conflict("a %s version cannot become %s", s, next)
	}
	return next, nil
}

// Editable reports whether a version in state s may still be changed.
func (s State) Editable() bool { return s == StateDraft }

// ChangeKind names how an item changed between two versions.
type ChangeKind string

// The kinds of change Diff reports.
const (
	ChangeAdded      ChangeKind = "added"
	ChangeRemoved    ChangeKind = "removed"
	ChangeRelabelled ChangeKind = "relabelled"
	ChangeMoved      ChangeKind = "moved"
	ChangeRetyped    ChangeKind = "retyped"
)

// Change is one difference between two versions, by stable item id. From
// and To hold the old and new label, section id or kind.
type Change struct {
	Item string
	Kind ChangeKind
	From string
	To   string
}

// Diff lists how the items of b differ from those of a: removed items in
// a's order, then for each item of b in order, whether it was added, moved
// to another section, retyped or relabelled.
func Diff(a, b Definition) []Change {
	old := indexItems(&a)
	cur := indexItems(&b)
	var changes []Change

	for _, it := range allItems(a) {
		if _, ok := cur[it.ID]; !ok {
			changes = append(changes, Change{Item: it.ID, Kind: ChangeRemoved, From: it.Label})
		}
	}
	for _, it := range allItems(b) {
		was, ok := old[it.ID]
		if !ok {
			changes = append(changes, Change{Item: it.ID, Kind: ChangeAdded, To: it.Label})
			continue
		}
		from, to := a.Sections[was.section].ID, b.Sections[cur[it.ID].section].ID
		if from != to {
			changes = append(changes, Change{Item: it.ID, Kind: ChangeMoved, From: from, To: to})
		}
		if was.item.Kind != it.Kind {
			changes = append(changes, Change{
				Item: it.ID, Kind: ChangeRetyped, From: string(was.item.Kind), To: string(it.Kind),
			})
		}
		if was.item.Label != it.Label {
			changes = append(changes, Change{
				Item: it.ID, Kind: ChangeRelabelled, From: was.item.Label, To: it.Label,
			})
		}
	}
	return changes
}

func allItems(d Definition) []*Item {
	var items []*Item
	for i := range d.Sections {
		for j := range d.Sections[i].Items {
			items = append(items, &d.Sections[i].Items[j])
		}
	}
	return items
}

// CheckStatutoryUnchanged reports, as a domain.Invalid error, any
// statutory milestone of base whose due date rule, cap or statutory flag
// edited changes or drops. A tenant may move its local targets but not the
// deadlines the law sets.
func CheckStatutoryUnchanged(base, edited Definition) error {
	cur := indexItems(&edited)
	var p domain.Problems
	for _, it := range allItems(base) {
		if it.Milestone == nil || !it.Milestone.Statutory {
			continue
		}
		ref, ok := cur[it.ID]
		if !ok {
			p.Add("sections", "must keep the statutory milestone %s", it.ID)
			continue
		}
		path := domain.Path("sections", ref.section, "items", position(edited, it.ID), "milestone")
		now := ref.item.Milestone
		switch {
		case now == nil || !now.Statutory:
			p.Add(path, "is statutory and cannot be made local")
		case now.Due != it.Milestone.Due || !sameCap(now.Cap, it.Milestone.Cap):
			p.Add(domain.Path(path, "due"), "is set by law and cannot be moved")
		}
	}
	return p.Err()
}

func sameCap(a, b *Due) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func position(d Definition, id string) int {
	for i := range d.Sections {
		for j := range d.Sections[i].Items {
			if d.Sections[i].Items[j].ID == id {
				return j
			}
		}
	}
	return -1
}

// Column is one column of an export: one stable item id, with the label
// and kind of the latest version that has it.
type Column struct {
	Item     string
	Label    string
	Kind     ItemKind
	Versions []int
}

// Columns gives one column per stable item id across several versions,
// given oldest first. Columns follow the first version's order; an item
// added later goes just after the item that precedes it in the version
// that added it, so a column never shifts when a later version adds or
// removes an item, and answers to any version line up under the same
// headings.
func Columns(defs ...Definition) []Column {
	var cols []Column
	at := map[string]int{}
	for _, d := range defs {
		prev := ""
		for _, it := range allItems(d) {
			if i, ok := at[it.ID]; ok {
				cols[i].Label, cols[i].Kind = it.Label, it.Kind
				cols[i].Versions = append(cols[i].Versions, d.Version)
				prev = it.ID
				continue
			}
			pos := 0
			if prev != "" {
				pos = at[prev] + 1
			}
			cols = slices.Insert(cols, pos, Column{
				Item: it.ID, Label: it.Label, Kind: it.Kind, Versions: []int{d.Version},
			})
			for i := pos; i < len(cols); i++ {
				at[cols[i].Item] = i
			}
			prev = it.ID
		}
	}
	return cols
}

// Cells lays one response's answers out under columns as text, leaving a
// cell empty where the response's version has no such item or the item
// was not answered. Choices are written as option keys joined by "; ".
func Cells(cols []Column, answers Answers) []string {
	cells := make([]string, len(cols))
	for i, c := range cols {
		if v, ok := answers[c.Item]; ok {
			cells[i] = Format(v)
		}
	}
	return cells
}

// Format writes an answer as plain text for an export cell.
func Format(v Value) string {
	switch x := v.(type) {
	case Choice:
		return string(x)
	case Choices:
		return strings.Join(x, "; ")
	case NumberValue:
		return strconv.FormatFloat(float64(x), 'f', -1, 64)
	case DateValue:
		return Date(x).String()
	case TextValue:
		return string(x)
	case MilestoneAnswer:
		s := x.Actual.String()
		if x.Exception != nil {
			s += fmt.Sprintf(" (excused: %s)", x.Exception.Kind)
		}
		return s
	case Evidence:
		return fmt.Sprintf("%d files", len(x.Files))
	}
	return ""
}
