package instrument

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"sendqa/domain"
)

func TestStateTransitions(t *testing.T) {
	states := []State{StateDraft, StatePublished, StateRetired}
	allowed := map[[2]State]bool{
		{StateDraft, StatePublished}:   true,
		{StatePublished, StateRetired}: true,
	}
	for _, from := range states {
		for _, to := range states {
			t.Run(string(from)+" to "+string(to), func(t *testing.T) {
				want := allowed[[2]State{from, to}]
				if got := from.CanBecome(to); got != want {
					t.Errorf("CanBecome: got %v, want %v", got, want)
				}
				next, err := from.Transition(to)
				if want && (err != nil || next != to) {
					t.Errorf("Transition: got %s %v, want %s", next, err, to)
				}
				if !want && !errors.Is(err, domain.ErrConflict) {
					t.Errorf("Transition: got %v, want a conflict", err)
				}
			})
		}
	}
	if !StateDraft.Editable() || StatePublished.Editable() || StateRetired.Editable() {
		t.Errorf("only a draft should be editable")
	}
}

// threeVersions returns versions 1 to 3 of an instrument: version 2 adds
// "support", version 3 removes "notes" and relabels "views" and moves
// "score" to a new section.
func threeVersions(t *testing.T) []Definition {
	t.Helper()
	v1 := mustParse(t, defWith(`[{"id": "main", "title": "Main", "items": [
		{"id": "views", "kind": "text", "label": "Views"},
		{"id": "notes", "kind": "long_text", "label": "Notes"},
		{"id": "score", "kind": "grade", "label": "Score"}]}]`, ""))
	v2 := mustParse(t, defWith(`[{"id": "main", "title": "Main", "items": [
		{"id": "views", "kind": "text", "label": "Views"},
		{"id": "support", "kind": "yes_no", "label": "Support"},
		{"id": "notes", "kind": "long_text", "label": "Notes"},
		{"id": "score", "kind": "grade", "label": "Score"}]}]`, ""))
	v3 := mustParse(t, defWith(`[{"id": "main", "title": "Main", "items": [
		{"id": "views", "kind": "text", "label": "Child's views"},
		{"id": "support", "kind": "yes_no", "label": "Support"}]},
		{"id": "overall", "title": "Overall", "items": [
		{"id": "score", "kind": "grade", "label": "Score"}]}]`, ""))
	v2.Version, v3.Version = 2, 3
	return []Definition{v1, v2, v3}
}

func TestDiff(t *testing.T) {
	v := threeVersions(t)
	tests := []struct {
		name string
		a, b Definition
		want []Change
	}{
		{"no change", v[0], v[0], nil},
		{"an item added", v[0], v[1], []Change{{Item: "support", Kind: ChangeAdded, To: "Support"}}},
		{"removed, moved and relabelled", v[1], v[2], []Change{
			{Item: "notes", Kind: ChangeRemoved, From: "Notes"},
			{Item: "views", Kind: ChangeRelabelled, From: "Views", To: "Child's views"},
			{Item: "score", Kind: ChangeMoved, From: "main", To: "overall"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Diff(tc.a, tc.b); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}

	retyped := mustParse(t, defWith(`[{"id": "main", "title": "Main", "items": [
		{"id": "views", "kind": "long_text", "label": "Views"}]}]`, ""))
	got := Diff(v[0], retyped)
	if !slices.Contains(got, Change{Item: "views", Kind: ChangeRetyped, From: "text", To: "long_text"}) {
		t.Errorf("got %+v, want views retyped", got)
	}
}

func TestColumnsLineUpAnswersAcrossThreeVersions(t *testing.T) {
	v := threeVersions(t)
	cols := Columns(v...)

	var ids, labels []string
	for _, c := range cols {
		ids = append(ids, c.Item)
		labels = append(labels, c.Label)
	}
	if want := []string{"views", "support", "notes", "score"}; !slices.Equal(ids, want) {
		t.Fatalf("columns: got %v, want %v", ids, want)
	}
	if want := []string{"Child's views", "Support", "Notes", "Score"}; !slices.Equal(labels, want) {
		t.Errorf("labels: got %v, want %v (the latest label of each)", labels, want)
	}
	if want := []int{1, 2}; !slices.Equal(cols[2].Versions, want) {
		t.Errorf("notes versions: got %v, want %v", cols[2].Versions, want)
	}

	rows := []struct {
		version int
		answers string
		want    []string
	}{
		{1, `{"views": "v1 views", "notes": "v1 notes", "score": "good"}`,
			[]string{"v1 views", "", "v1 notes", "good"}},
		{2, `{"views": "v2 views", "support": "yes", "notes": "v2 notes", "score": "inadequate"}`,
			[]string{"v2 views", "yes", "v2 notes", "inadequate"}},
		{3, `{"views": "v3 views", "support": "no", "score": "outstanding"}`,
			[]string{"v3 views", "no", "", "outstanding"}},
	}
	for _, row := range rows {
		def := v[row.version-1]
		got := Cells(cols, mustAnswers(t, def, row.answers))
		if !slices.Equal(got, row.want) {
			t.Errorf("version %d: got %q, want %q", row.version, got, row.want)
		}
	}

	// Giving the versions again, or only the later ones first, must not
	// shift a column that already exists.
	if again := Columns(append(v, v...)...); !reflect.DeepEqual(ids, columnIDs(again)) {
		t.Errorf("repeated versions: got %v, want %v", columnIDs(again), ids)
	}
}

func TestColumnsPlaceAnItemAddedAtTheStart(t *testing.T) {
	v1 := mustParse(t, oneSection(`{"id": "b", "kind": "text", "label": "B"}`))
	v2 := mustParse(t, oneSection(`{"id": "a", "kind": "text", "label": "A"},
		{"id": "b", "kind": "text", "label": "B"}, {"id": "c", "kind": "text", "label": "C"}`))
	if got := strings.Join(columnIDs(Columns(v1, v2)), " "); got != "a b c" {
		t.Errorf("got %s, want a b c", got)
	}
}

func columnIDs(cols []Column) []string {
	var ids []string
	for _, c := range cols {
		ids = append(ids, c.Item)
	}
	return ids
}

func TestCheckStatutoryUnchanged(t *testing.T) {
	base := mustLibrary(t)["ehcna_file_audit"]
	edit := func(f func(d *Definition)) Definition {
		d, err := ParseDefinition(mustMarshal(t, base))
		if err != nil {
			t.Fatal(err)
		}
		f(&d)
		return d
	}
	item := func(d *Definition, id string) *Item { return indexItems(d)[id].item }

	tests := []struct {
		name string
		def  Definition
		want []string
	}{
		{"unchanged", base, nil},
		{"a local target moved", edit(func(d *Definition) {
			item(d, "draft_plan").Milestone.Due.Offset = 13
		}), nil},
		{"a statutory deadline moved", edit(func(d *Definition) {
			item(d, "final_plan").Milestone.Due.Offset = 22
		}), []string{"sections[1].items[18].milestone.due"}},
		{"a statutory deadline made local", edit(func(d *Definition) {
			item(d, "decision_to_assess").Milestone.Statutory = false
		}), []string{"sections[1].items[1].milestone"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckStatutoryUnchanged(base, tc.def)
			if got := fieldNames(err); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func mustMarshal(t *testing.T, d Definition) []byte {
	t.Helper()
	data, err := MarshalDefinition(d)
	if err != nil {
		t.Fatalf("MarshalDefinition: %v", err)
	}
	return data
}
