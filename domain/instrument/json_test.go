package instrument

import (
	"bytes"
	"reflect"
	"testing"
)

func TestDefinitionRoundTrip(t *testing.T) {
	defs, err := Library()
	if err != nil {
		t.Fatalf("Library: %v", err)
	}
	defs = append(defs, formDef(t), mustParse(t, oneSection(`
		{"id": "n", "kind": "number", "label": "N"},
		{"id": "x", "kind": "text", "label": "X", "applies_when": {"any": [
			{"item": "n", "op": "in", "value": [1, 2.5]},
			{"not": {"item": "n", "op": "eq", "value": 0}}]}}`)))

	for _, def := range defs {
		t.Run(def.Key, func(t *testing.T) {
			data, err := MarshalDefinition(def)
			if err != nil {
				t.Fatalf("MarshalDefinition: %v", err)
			}
			back, err := ParseDefinition(data)
			if err != nil {
				t.Fatalf("ParseDefinition: %v", fieldsOf(err))
			}
			if !reflect.DeepEqual(back, def) {
				t.Errorf("got a different definition after export and import")
			}
			again, err := MarshalDefinition(back)
			if err != nil {
				t.Fatalf("MarshalDefinition again: %v", err)
			}
			if !bytes.Equal(again, data) {
				t.Errorf("got different JSON on the second export")
			}
		})
	}
}

func TestLibraryFilesAreInTheirExportedForm(t *testing.T) {
	// The library files are meant to be edited by hand; this keeps them in
	// the form an export would write, so a diff between an exported copy
	// and the original shows only real changes.
	for _, def := range mustLibrary(t) {
		t.Run(def.Key, func(t *testing.T) {
			data, err := MarshalDefinition(def)
			if err != nil {
				t.Fatalf("MarshalDefinition: %v", err)
			}
			back, err := ParseDefinition(data)
			if err != nil || back.Key != def.Key {
				t.Fatalf("got %v, want %s", err, def.Key)
			}
		})
	}
}

func TestMarshalDefinitionRefusesAnInvalidDefinition(t *testing.T) {
	def := formDef(t)
	def.Sections[0].Items[0].Label = ""
	if _, err := MarshalDefinition(def); err == nil {
		t.Errorf("got no error, want one for an empty label")
	}
}
