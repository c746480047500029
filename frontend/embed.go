// Package frontend serves the single-page app built from this folder.
//
// `npm run build` writes the app to dist/, which the Go binary embeds. A
// clean checkout has only dist/.placeholder, so the package still
// compiles; the handler then answers with a page saying how to build the
// app.
package frontend

import (
	"bytes"
	"embed"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed all:dist
var dist embed.FS

// Headers sent with every response of the handler. The policy allows no
// inline script or style: the build emits none, and GOV.UK Frontend's own
// inline snippet is replaced by code in main.tsx.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; " +
	"style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; " +
	"form-action 'self'"

const (
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheNoStore   = "no-store"
	// Unhashed files (favicon.svg) may change with any release.
	cacheRevalidate = "no-cache"
)

// Handler serves the embedded build of the app.
//
// Mount it as the router's fallback for GET and HEAD after every API and
// operations route, so that it sees only paths no route matched. It
// answers 404 for anything under /api/ rather than the app's page, but
// the API's own 404 (problem+json) should be served before it is reached.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only on an invalid name, and "dist" is valid.
		return notBuiltHandler{}
	}

	return NewHandler(sub)
}

// NewHandler serves the app from fsys, which holds the contents of dist/:
// index.html at its root and hashed files under assets/.
//
//   - /assets/<file>: the file, cached for a year (names change with
//     content); 404 when missing, never the app's page.
//   - other paths with a file extension: the file, revalidated; 404 when
//     missing.
//   - any other path: index.html, never cached, for the app's router.
func NewHandler(fsys fs.FS) http.Handler {
	index, err := fs.ReadFile(fsys, "index.html")
	if err != nil {
		return notBuiltHandler{}
	}

	return &handler{fsys: fsys, index: index}
}

type handler struct {
	fsys  fs.FS
	index []byte
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)

		return
	}

	urlPath := path.Clean("/" + r.URL.Path)
	if isAPIPath(urlPath) {
		http.NotFound(w, r)

		return
	}

	name := strings.TrimPrefix(urlPath, "/")
	switch {
	case name == "assets" || strings.HasPrefix(name, "assets/"):
		h.serveFile(w, r, name, cacheImmutable)
	case path.Ext(name) != "":
		h.serveFile(w, r, name, cacheRevalidate)
	default:
		w.Header().Set("Cache-Control", cacheNoStore)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(h.index))
	}
}

// serveFile writes one file of the build, or 404 when it is missing, is a
// folder, or is hidden (the build's own .vite/ and .placeholder).
func (h *handler) serveFile(
	w http.ResponseWriter,
	r *http.Request,
	name string,
	cacheControl string,
) {
	if hidden(name) {
		http.NotFound(w, r)

		return
	}

	f, err := h.fsys.Open(name)
	if err != nil {
		http.NotFound(w, r)

		return
	}
	defer f.Close()

	info, err := f.Stat()
	if err != nil || info.IsDir() {
		http.NotFound(w, r)

		return
	}

	content, ok := f.(io.ReadSeeker)
	if !ok {
		data, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "Internal server error", http.StatusInternalServerError)

			return
		}
		content = bytes.NewReader(data)
	}

	w.Header().Set("Cache-Control", cacheControl)
	http.ServeContent(w, r, name, info.ModTime(), content)
}

// isAPIPath reports whether a cleaned path belongs to the API, whose
// unknown routes must never get the app's page with a 200.
func isAPIPath(urlPath string) bool {
	return urlPath == "/api" || strings.HasPrefix(urlPath, "/api/")
}

func hidden(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}

	return false
}

func setSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
}

// notBuiltHandler answers while dist/ holds no build, as on a clean
// checkout compiled without `make run` or `npm run build`.
type notBuiltHandler struct{}

const notBuiltPage = `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>sendqa: the app is not built</title></head>
<body>
<h1>The sendqa app has not been built</h1>
<p>This binary was compiled without the single-page app. Run <code>make run</code>,
which builds the app and the binary together, or <code>npm run build</code> in
<code>frontend/</code> before <code>go build</code>.</p>
<p>The API under <code>/api/v1</code> works without it.</p>
</body>
</html>
`

func (notBuiltHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	if isAPIPath(path.Clean("/" + r.URL.Path)) {
		http.NotFound(w, r)

		return
	}
	w.Header().Set("Cache-Control", cacheNoStore)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		io.WriteString(w, notBuiltPage)
	}
}
