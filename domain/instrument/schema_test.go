package instrument

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// miniSchema checks a document against the subset of JSON Schema that
// schema.json uses. It is deliberately small: enough to prove that the
// schema states the rules it claims, without a schema library.
type miniSchema struct {
	root map[string]any
}

func (m miniSchema) check(path string, doc any, schema map[string]any) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		return m.check(path, doc, m.root["$defs"].(map[string]any)[name].(map[string]any))
	}
	var errs []string
	fail := func(format string, args ...any) {
		errs = append(errs, path+": "+fmt.Sprintf(format, args...))
	}

	if typ, ok := schema["type"]; ok && !hasType(doc, typ) {
		fail("is not of type %v", typ)
		return errs
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, doc) {
		fail("is not one of %v", enum)
	}
	if s, ok := doc.(string); ok {
		if n, ok := schema["minLength"].(float64); ok && float64(len(s)) < n {
			fail("is shorter than %v", n)
		}
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(s) {
			fail("does not match %s", p)
		}
	}
	if n, ok := doc.(float64); ok {
		if lo, ok := schema["minimum"].(float64); ok && n < lo {
			fail("is below %v", lo)
		}
		if hi, ok := schema["maximum"].(float64); ok && n > hi {
			fail("is above %v", hi)
		}
	}
	if list, ok := doc.([]any); ok {
		if n, ok := schema["minItems"].(float64); ok && float64(len(list)) < n {
			fail("has fewer than %v items", n)
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, el := range list {
				errs = append(errs, m.check(fmt.Sprintf("%s[%d]", path, i), el, items)...)
			}
		}
	}
	if obj, ok := doc.(map[string]any); ok {
		errs = append(errs, m.object(path, obj, schema)...)
	}

	if all, ok := schema["allOf"].([]any); ok {
		for _, s := range all {
			errs = append(errs, m.check(path, doc, s.(map[string]any))...)
		}
	}
	if one, ok := schema["oneOf"].([]any); ok {
		matched := 0
		for _, s := range one {
			if len(m.check(path, doc, s.(map[string]any))) == 0 {
				matched++
			}
		}
		if matched != 1 {
			fail("matches %d of the oneOf schemas, want exactly 1", matched)
		}
	}
	if cond, ok := schema["if"].(map[string]any); ok && len(m.check(path, doc, cond)) == 0 {
		if then, ok := schema["then"].(map[string]any); ok {
			errs = append(errs, m.check(path, doc, then)...)
		}
	}
	return errs
}

func (m miniSchema) object(path string, obj map[string]any, schema map[string]any) []string {
	var errs []string
	if req, ok := schema["required"].([]any); ok {
		for _, r := range req {
			if _, ok := obj[r.(string)]; !ok {
				errs = append(errs, fmt.Sprintf("%s: lacks %s", path, r))
			}
		}
	}
	props, _ := schema["properties"].(map[string]any)
	for key, val := range obj {
		sub := path + "." + key
		if p, ok := props[key].(map[string]any); ok {
			errs = append(errs, m.check(sub, val, p)...)
			continue
		}
		switch extra := schema["additionalProperties"].(type) {
		case bool:
			if !extra {
				errs = append(errs, sub+": is not allowed")
			}
		case map[string]any:
			errs = append(errs, m.check(sub, val, extra)...)
		}
	}
	return errs
}

func hasType(doc any, typ any) bool {
	if list, ok := typ.([]any); ok {
		return slices.ContainsFunc(list, func(t any) bool { return hasType(doc, t) })
	}
	switch typ {
	case "object":
		_, ok := doc.(map[string]any)
		return ok
	case "array":
		_, ok := doc.([]any)
		return ok
	case "string":
		_, ok := doc.(string)
		return ok
	case "number":
		_, ok := doc.(float64)
		return ok
	case "integer":
		n, ok := doc.(float64)
		return ok && n == math.Trunc(n)
	case "boolean":
		_, ok := doc.(bool)
		return ok
	}
	return false
}

func loadSchema(t *testing.T) miniSchema {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(JSONSchema(), &root); err != nil {
		t.Fatalf("schema.json is not JSON: %v", err)
	}
	return miniSchema{root: root}
}

func TestLibraryMatchesTheSchema(t *testing.T) {
	schema := loadSchema(t)
	names, err := fs.Glob(libraryFiles, "library/*.json")
	if err != nil || len(names) != 10 {
		t.Fatalf("got %d library files (%v), want 10", len(names), err)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, _ := libraryFiles.ReadFile(name)
			var doc any
			if err := json.Unmarshal(data, &doc); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			if errs := schema.check("", doc, schema.root); len(errs) > 0 {
				t.Errorf("got %d schema errors, want none: %v", len(errs), errs)
			}
		})
	}
}

func TestSchemaRejectsBrokenDefinitions(t *testing.T) {
	schema := loadSchema(t)
	const num = `{"id": "n", "kind": "number", "label": "N"}`
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"missing label", oneSection(`{"id": "n", "kind": "number"}`), ".sections[0].items[0]: lacks label"},
		{"unknown kind", oneSection(`{"id": "n", "kind": "slider", "label": "N"}`),
			".sections[0].items[0].kind: is not one of"},
		{"unknown field", oneSection(`{"id": "n", "kind": "number", "label": "N", "colour": "red"}`),
			".sections[0].items[0].colour: is not allowed"},
		{"personal without its kind", oneSection(`{"id": "p", "kind": "personal", "label": "P"}`),
			".sections[0].items[0]: lacks personal_kind"},
		{"scale without options", oneSection(`{"id": "s", "kind": "scale", "label": "S"}`),
			".sections[0].items[0]: lacks options"},
		{"bad id", oneSection(`{"id": "Not An Id", "kind": "number", "label": "N"}`),
			".sections[0].items[0].id: does not match"},
		{"condition with two kinds of node", oneSection(num + `, {"id": "x", "kind": "text", "label": "X",
			"applies_when": {"item": "n", "op": "answered", "not": {"item": "n", "op": "answered"}}}`),
			".sections[0].items[1].applies_when: matches 0 of the oneOf schemas"},
		{"missing scoring", strings.Replace(oneSection(num), `"scoring"`, `"scorin"`, 1), ": lacks scoring"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var doc any
			if err := json.Unmarshal([]byte(tc.src), &doc); err != nil {
				t.Fatal(err)
			}
			errs := schema.check("", doc, schema.root)
			if !slices.ContainsFunc(errs, func(e string) bool { return strings.HasPrefix(e, tc.want) }) {
				t.Errorf("got %q, want an error starting %q", errs, tc.want)
			}
			// The engine must refuse the same document.
			if _, err := ParseDefinition([]byte(tc.src)); err == nil {
				t.Errorf("ParseDefinition accepted what the schema rejects")
			}
		})
	}
}

func TestJSONSchemaReturnsACopy(t *testing.T) {
	a := JSONSchema()
	a[0] = 'x'
	if JSONSchema()[0] != '{' {
		t.Errorf("changing the returned schema changed the package's copy")
	}
}
