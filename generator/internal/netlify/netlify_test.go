package netlify

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{{"/*", "/x/", true}, {"/css/*", "/css/a.css", true}, {"/css/*", "/js/a.js", false},
		{"/publications/*.ris", "/publications/x/x.ris", true}, {"/publications/*.ris", "/publications/x/x.bib", false}, {"/a", "/a", true}} {
		if got := match(c.pattern, c.path); got != c.want {
			t.Errorf("match(%q, %q) = %v", c.pattern, c.path, got)
		}
	}
}

func TestHandler(t *testing.T) {
	c, err := Load("../../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "fr"), 0o755)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("home"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("not found"), 0o644)
	os.WriteFile(filepath.Join(dir, "fr", "404.html"), []byte("introuvable"), 0o644)
	h := c.Handler(dir)
	for _, tc := range []struct {
		path string
		code int
		body string
	}{{"/", 200, "home"}, {"/nope/", 404, "not found"}, {"/fr/nope/", 404, "introuvable"}} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tc.path, nil))
		if rec.Code != tc.code || !strings.Contains(rec.Body.String(), tc.body) {
			t.Errorf("%s: %d %q", tc.path, rec.Code, rec.Body.String())
		}
		if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: CSP %q", tc.path, csp)
		}
	}
}

// TestAdminPolicy: the web editor's folder gets its own policy, which
// replaces the site's; every other page keeps the site's.
func TestAdminPolicy(t *testing.T) {
	c, err := Load("../../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "admin"), 0o755)
	os.WriteFile(filepath.Join(dir, "admin", "index.html"), []byte("<!doctype html>"), 0o644)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html>"), 0o644)
	for path, want := range map[string]string{"/admin/": "'unsafe-eval'", "/": "script-src 'self';"} {
		rec := httptest.NewRecorder()
		c.Handler(dir).ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := rec.Header().Get("Content-Security-Policy"); !strings.Contains(got, want) {
			t.Errorf("%s: Content-Security-Policy %q lacks %q", path, got, want)
		}
	}
}
