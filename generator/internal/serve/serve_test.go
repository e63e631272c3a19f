package serve

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/itu-d/portal/generator/internal/build"
)

// TestServeLeavesPublicAlone: public/ is byte for byte the same before and
// after serve has run and rebuilt after edits, broken and fixed.
func TestServeLeavesPublicAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site several times")
	}
	site := fixtureSite(t)
	var log strings.Builder
	if _, err := build.Build(build.Options{Source: site, Log: &log}); err != nil {
		t.Fatalf("build: %v\n%s", err, log.String())
	}
	public := filepath.Join(site, "public")
	before := tree(t, public)

	s := startServer(t, site)
	story := filepath.Join(site, "content", "stories", "arta", "index.md")
	orig, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	s.edit(t, story, strings.Replace(string(orig), "title: Broadband in Arta", "title: Broadband in Arta, Djibouti", 1), true)
	if body := s.get(t, "stories/arta/", 200); !strings.Contains(body, "Broadband in Arta, Djibouti") {
		t.Errorf("the page does not show the edit")
	}
	s.edit(t, story, strings.Replace(string(orig), "title: Broadband in Arta", `title: "Broadband in Arta`, 1), false)
	s.edit(t, story, string(orig), true)

	if after := tree(t, public); after != before {
		t.Errorf("public/ changed while serve ran")
	}
}

// TestServeShowsErrors: while a file is broken every page shows the
// problem (file, line, message, hint, the line itself) instead of the
// last good page, and the site comes back once it is fixed. Search works
// in serve as in a build.
func TestServeShowsErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site several times")
	}
	site := fixtureSite(t)
	s := startServer(t, site)

	home := s.get(t, "", 200)
	if !strings.Contains(home, `<script src="/_serve/reload.js" defer></script></body>`) {
		t.Errorf("the page does not load the reload script")
	}
	// Search: the index the generator builds after Hugo is served too.
	if m := s.get(t, "search/en/manifest.json", 200); !strings.Contains(m, "{") {
		t.Errorf("search manifest: %q", m)
	}
	s.get(t, "_serve/reload.js", 200)
	s.get(t, "admin/config.yml", 200)

	story := filepath.Join(site, "content", "stories", "arta", "index.md")
	orig, _ := os.ReadFile(story)
	s.edit(t, story, strings.Replace(string(orig), "title: Broadband in Arta", `title: "Broadband in Arta`, 1), false)
	for _, page := range []string{"", "stories/arta/", "fr/"} {
		body := s.get(t, page, 500)
		for _, want := range []string{
			"content/stories/arta/index.md:2:8",
			"the quote &#34; opened here is never closed",
			"Hint: end the text with",
			`<span class="ln">2</span>title: <mark>&#34;Broadband in Arta</mark>`,
			`<script src="/_serve/reload.js" defer></script>`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("/%s: the overlay lacks %q:\n%s", page, want, body)
			}
		}
	}
	if s.shots != "" {
		screenshot(t, s.url+"stories/arta/", filepath.Join(s.shots, "serve-error-overlay.png"))
	}
	s.edit(t, story, string(orig), true)
	if body := s.get(t, "stories/arta/", 200); strings.Contains(body, "never closed") {
		t.Errorf("the overlay stays after the fix")
	}
}

type testServer struct {
	url    string
	builds <-chan bool // each rebuild's success
	shots  string      // CMS_SHOTS: where to leave screenshots for a person
}

func startServer(t *testing.T, site string) *testServer {
	t.Helper()
	url, builds := start(t, site, false)
	return &testServer{url: url, builds: builds, shots: os.Getenv("CMS_SHOTS")}
}

// edit writes a file and waits for the rebuild it causes.
func (s *testServer) edit(t *testing.T, file, text string, wantOK bool) {
	t.Helper()
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case ok := <-s.builds:
		if ok != wantOK {
			t.Fatalf("after editing %s the build succeeded: %v, want %v", file, ok, wantOK)
		}
	case <-time.After(time.Minute):
		t.Fatalf("no rebuild after editing %s", file)
	}
}

func (s *testServer) get(t *testing.T, path string, status int) string {
	t.Helper()
	resp, err := http.Get(s.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Errorf("GET /%s: %d, want %d", path, resp.StatusCode, status)
	}
	return string(b)
}

// tree hashes every file under dir with its path.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, fmt.Sprintf("%x %s", sha256.Sum256(b), rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
