package hugosite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSessionRebuild: a session renders the whole site once, then only
// what an edited page touches, and copies a changed static file.
func TestSessionRebuild(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	write(t, src, map[string]string{
		"hugo.toml":          "baseURL = 'https://example.org/'\ndisableKinds = ['taxonomy', 'term', 'rss', 'sitemap']\n",
		"content/a.md":       "---\ntitle: First A\n---\nBody A.\n",
		"content/b.md":       "---\ntitle: B\n---\nBody B.\n",
		"layouts/page.html":  "<h1>{{ .Title }}</h1>{{ .Content }}",
		"layouts/home.html":  "{{ range site.RegularPages }}<li>{{ .Title }}</li>{{ end }}",
		"static/files/x.txt": "one",
	})
	s, err := Open(Options{Source: src, Destination: out})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Build(nil); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "a/index.html")); !strings.Contains(got, "First A") {
		t.Fatalf("a: %q", got)
	}
	if got := read(t, filepath.Join(out, "files/x.txt")); got != "one" {
		t.Fatalf("static: %q", got)
	}
	bBefore, err := os.Stat(filepath.Join(out, "b/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, src, map[string]string{"content/a.md": "---\ntitle: Second A\n---\nBody A.\n", "static/files/x.txt": "two"})
	if err := s.Build([]Change{{Path: filepath.Join(src, "content/a.md")}, {Path: filepath.Join(src, "static/files/x.txt")}}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "a/index.html")); !strings.Contains(got, "Second A") {
		t.Errorf("a after the edit: %q", got)
	}
	if got := read(t, filepath.Join(out, "index.html")); !strings.Contains(got, "Second A") {
		t.Errorf("home after the edit: %q", got)
	}
	if got := read(t, filepath.Join(out, "files/x.txt")); got != "two" {
		t.Errorf("static after the edit: %q", got)
	}
	bAfter, err := os.Stat(filepath.Join(out, "b/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bAfter.ModTime().Equal(bBefore.ModTime()) {
		t.Errorf("b was rendered again, though the edit does not touch it")
	}
	// A new page is listed on the home page.
	write(t, src, map[string]string{"content/c.md": "---\ntitle: New C\n---\nBody C.\n"})
	if err := s.Build([]Change{{Path: filepath.Join(src, "content/c.md"), New: true}}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "c/index.html")); !strings.Contains(got, "New C") {
		t.Errorf("new page: %q", got)
	}
	if got := read(t, filepath.Join(out, "index.html")); !strings.Contains(got, "New C") {
		t.Errorf("home after the new page: %q", got)
	}
}
