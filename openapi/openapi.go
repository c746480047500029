// Package openapi holds the generated description of sendqa's API:
// swagger.json and swagger.yaml as swag writes them from the handlers'
// annotations, and openapi.json, their OpenAPI 3.0 conversion, which the
// server publishes. `make openapi` regenerates them; never edit them.
package openapi

import _ "embed"

// Document is the OpenAPI 3.0 document.
//
//go:embed openapi.json
var Document []byte
