// Package instrument holds sendqa's audit instruments: the typed definition
// of a form (sections, items, conditions, milestones and scoring rules), the
// answers an auditor gives to it, and the deterministic engine that checks
// those answers and scores them.
//
// An instrument is data, never code. Definitions travel as JSON (see
// ParseDefinition and JSONSchema); the domain types here carry no tags, and
// the wire structs that do live in json.go. Validation errors are
// domain.Invalid errors whose field is a path into the JSON, such as
// "sections[2].items[0].label" or "answers.date_received.reason".
package instrument
