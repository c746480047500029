package frontend

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

const wantCSP = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

func builtFS() fstest.MapFS {
	return fstest.MapFS{
		"index.html":             {Data: []byte("<!doctype html><title>sendqa</title>")},
		"favicon.svg":            {Data: []byte("<svg></svg>")},
		"assets/index-abc123.js": {Data: []byte("console.log(1)")},
		"assets/index-abc123.css": {
			Data: []byte("body{margin:0}"),
		},
		".placeholder":        {Data: []byte("keep")},
		".vite/manifest.json": {Data: []byte("{}")},
	}
}

func get(t *testing.T, h http.Handler, method, target string) *http.Response {
	t.Helper()

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))

	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()

	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}

	return string(data)
}

func TestHandlerServesTheAppAndItsAssets(t *testing.T) {
	h := NewHandler(builtFS())

	tests := []struct {
		name         string
		target       string
		wantStatus   int
		wantCache    string
		wantType     string
		wantBodyPart string
	}{
		{"home page", "/", 200, "no-store", "text/html; charset=utf-8", "<title>sendqa"},
		{"client route", "/t/wolverhampton", 200, "no-store", "text/html; charset=utf-8", "<title>sendqa"},
		{"client route with query", "/sign-in?next=%2Ft%2Fdudley", 200, "no-store", "text/html", "<title>sendqa"},
		{"index.html by name", "/index.html", 200, "no-cache", "text/html", "<title>sendqa"},
		{"hashed script", "/assets/index-abc123.js", 200, "public, max-age=31536000, immutable", "text/javascript", "console.log"},
		{"hashed styles", "/assets/index-abc123.css", 200, "public, max-age=31536000, immutable", "text/css", "margin:0"},
		{"unhashed file", "/favicon.svg", 200, "no-cache", "image/svg+xml", "<svg>"},
		{"missing asset", "/assets/gone-000.js", 404, "", "", ""},
		{"assets folder", "/assets", 404, "", "", ""},
		{"missing file with extension", "/robots.txt", 404, "", "", ""},
		{"hidden placeholder", "/.placeholder", 404, "", "", ""},
		{"build manifest", "/.vite/manifest.json", 404, "", "", ""},
		{"api route", "/api/v1/nothing", 404, "", "", ""},
		{"api root", "/api", 404, "", "", ""},
		{"api reached by dot segments", "/x/../api/v1/auth/me", 404, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := get(t, h, http.MethodGet, tt.target)
			text := body(t, res)

			if res.StatusCode != tt.wantStatus {
				t.Fatalf("status: got %d, want %d", res.StatusCode, tt.wantStatus)
			}
			if tt.wantStatus != 200 {
				if strings.Contains(text, "<title>sendqa") {
					t.Errorf("got the app's page for a %d", tt.wantStatus)
				}

				return
			}
			if got := res.Header.Get("Cache-Control"); got != tt.wantCache {
				t.Errorf("Cache-Control: got %q, want %q", got, tt.wantCache)
			}
			if got := res.Header.Get("Content-Type"); !strings.HasPrefix(got, tt.wantType) {
				t.Errorf("Content-Type: got %q, want prefix %q", got, tt.wantType)
			}
			if !strings.Contains(text, tt.wantBodyPart) {
				t.Errorf("body: got %q, want it to contain %q", text, tt.wantBodyPart)
			}
		})
	}
}

func TestHandlerSetsSecurityHeadersOnEveryResponse(t *testing.T) {
	handlers := map[string]http.Handler{
		"built":     NewHandler(builtFS()),
		"not built": NewHandler(fstest.MapFS{".placeholder": {Data: []byte("x")}}),
	}
	for name, h := range handlers {
		for _, target := range []string{"/", "/assets/index-abc123.js", "/missing.js", "/api/v1/x"} {
			t.Run(name+" "+target, func(t *testing.T) {
				res := get(t, h, http.MethodGet, target)

				want := map[string]string{
					"Content-Security-Policy": wantCSP,
					"X-Content-Type-Options":  "nosniff",
					"Referrer-Policy":         "no-referrer",
				}
				for header, value := range want {
					if got := res.Header.Get(header); got != value {
						t.Errorf("%s: got %q, want %q", header, got, value)
					}
				}
			})
		}
	}
}

func TestHandlerRefusesUnsafeMethods(t *testing.T) {
	h := NewHandler(builtFS())

	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		t.Run(method, func(t *testing.T) {
			res := get(t, h, method, "/sign-in")

			if res.StatusCode != http.StatusMethodNotAllowed {
				t.Fatalf("status: got %d, want 405", res.StatusCode)
			}
			if got := res.Header.Get("Allow"); got != "GET, HEAD" {
				t.Errorf("Allow: got %q, want %q", got, "GET, HEAD")
			}
		})
	}
}

func TestHandlerAnswersHeadWithoutABody(t *testing.T) {
	res := get(t, NewHandler(builtFS()), http.MethodHead, "/t/dudley")

	if res.StatusCode != http.StatusOK {
		t.Fatalf("status: got %d, want 200", res.StatusCode)
	}
	if text := body(t, res); text != "" {
		t.Errorf("body: got %q, want none", text)
	}
}

func TestHandlerWithoutABuildSaysHowToBuild(t *testing.T) {
	h := NewHandler(fstest.MapFS{".placeholder": {Data: []byte("x")}})

	res := get(t, h, http.MethodGet, "/t/wolverhampton")
	text := body(t, res)

	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status: got %d, want 503", res.StatusCode)
	}
	if got := res.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control: got %q, want no-store", got)
	}
	if !strings.Contains(text, "make run") {
		t.Errorf("body: got %q, want it to mention make run", text)
	}
	if strings.Contains(text, "<script") || strings.Contains(text, "<style") {
		t.Errorf("body has inline script or style, which the policy blocks")
	}

	api := get(t, h, http.MethodGet, "/api/v1/auth/me")
	if api.StatusCode != http.StatusNotFound {
		t.Errorf("api status: got %d, want 404", api.StatusCode)
	}
}

func TestHandlerServesTheEmbeddedBuild(t *testing.T) {
	// Whether or not the app was built before `go test`, the embedded
	// handler answers the home page with the security headers.
	res := get(t, Handler(), http.MethodGet, "/")

	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("status: got %d, want 200 (built) or 503 (not built)", res.StatusCode)
	}
	if got := res.Header.Get("Content-Security-Policy"); got != wantCSP {
		t.Errorf("Content-Security-Policy: got %q, want %q", got, wantCSP)
	}
}
