package api_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"sendqa/openapi"
)

// Routes Echo serves that the OpenAPI document does not describe, each
// with the reason.
var undocumented = map[string]string{
	"GET /metrics":    "Prometheus exposition format, not JSON",
	"GET /api/docs":   "Swagger UI, a page for people",
	"GET /api/docs/*": "Swagger UI's files",
	"* /api/*":        "the problem+json 404 for unknown API paths",
	"GET /*":          "the single-page app",
}

var echoParam = regexp.MustCompile(`:([a-z_]+)`)

func TestEveryRouteIsInTheOpenAPIDocument(t *testing.T) {
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(openapi.Document, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.0") {
		t.Fatalf("openapi.json is version %q, want 3.0.x", doc.OpenAPI)
	}
	e := newEnv(t)
	seen := map[string]bool{}
	for _, r := range e.server.Echo().Routes() {
		key := r.Method + " " + r.Path
		if r.Method == "echo_route_any" || strings.HasSuffix(r.Path, "/*") && r.Path == "/api/*" {
			key = "* " + r.Path
		}
		if _, ok := undocumented[key]; ok || seen[key] {
			continue
		}
		seen[key] = true
		path := echoParam.ReplaceAllString(r.Path, "{$1}")
		if _, ok := doc.Paths[path][strings.ToLower(r.Method)]; !ok {
			t.Errorf("%s %s is served but not in openapi/openapi.json; annotate the handler and run make openapi",
				r.Method, path)
		}
	}
}
