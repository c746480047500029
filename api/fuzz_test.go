package api_test

import (
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"

	"sendqa/api"
	"sendqa/domain/identity"
	"sendqa/domain/store"
	"sendqa/domain/store/storetest"
)

// FuzzAuthenticate feeds arbitrary Authorization headers and cookies to the
// real authenticator. Whatever arrives, it must not panic, and nothing but
// a token signed with the server's key may authenticate a browser.
func FuzzAuthenticate(f *testing.F) {
	keys, err := identity.NewKeys([]byte("fuzzing key of at least thirty-two bytes!"))
	if err != nil {
		f.Fatal(err)
	}
	db := storetest.New(f).Open(f)
	auth := api.NewSessionAuthenticator(identity.Service{Store: store.Identity{}, Keys: keys,
		Settings: identity.DefaultSettings}, db)
	for _, seed := range [][2]string{
		{"", ""},
		{"Bearer sqa_abc", ""},
		{"Bearer ", ""},
		{"bearer sqa_x", ""},
		{"Basic dXNlcjpwYXNz", ""},
		{"", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."},
		{"", "a.b.c"},
		{"", "__Host-sendqa_access=x; other=y"},
		{"Bearer sqa_\x00\xff", "\"quoted\""},
	} {
		f.Add(seed[0], seed[1])
	}
	e := echo.New()
	f.Fuzz(func(t *testing.T, authorization, cookie string) {
		r := httptest.NewRequest("GET", "/api/v1/auth/me", nil)
		if authorization != "" {
			r.Header["Authorization"] = []string{authorization}
		}
		if cookie != "" {
			r.Header["Cookie"] = []string{"__Host-sendqa_access=" + cookie}
		}
		c := e.NewContext(r, httptest.NewRecorder())
		p, err := auth.Authenticate(c)
		if err == nil {
			t.Fatalf("authorization %q and cookie %q authenticated as %v", authorization, cookie, p.PersonID)
		}
	})
}
