package instrument

import _ "embed"

//go:embed schema.json
var schema []byte

// JSONSchema returns the JSON Schema (draft 2020-12) of the definition
// format, for editors and for other programs that write definitions. It
// states the shape; ValidateDefinition also checks what a schema cannot,
// such as unique ids and references between items.
func JSONSchema() []byte {
	return append([]byte(nil), schema...)
}
