package build

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureSite lays out generator/testdata/fixture with the repository's
// templates and configuration in a temporary folder.
func fixtureSite(t *testing.T) string {
	t.Helper()
	root := repoRoot()
	dir := t.TempDir()
	copyTree(t, filepath.Join(root, "generator", "testdata", "fixture"), dir)
	for _, d := range []string{"layouts", "i18n", "assets", "archetypes", "static", "schemas"} {
		if _, err := os.Stat(filepath.Join(root, d)); err == nil {
			copyTree(t, filepath.Join(root, d), filepath.Join(dir, d))
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "hugo.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
}

// hashes maps each file under dir to a hash of its content.
func hashes(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSessionMatchesBuild: after edits (a story's title, a new story), what
// a session's partial rebuilds leave in its folder is byte for byte what
// a whole build of the same sources makes.
func TestSessionMatchesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site three times")
	}
	site := fixtureSite(t)
	var log strings.Builder
	o := Options{Source: site, Out: filepath.Join(t.TempDir(), "served"), BaseURL: "http://127.0.0.1:1313/", Drafts: true, Log: &log}
	s, err := NewSession(o)
	if err != nil {
		t.Fatal(err)
	}
	build := func(changes []Change) {
		t.Helper()
		res, err := s.Build(changes)
		if err == nil {
			err = s.Audit(res)
		}
		if err != nil {
			t.Fatalf("session build: %v\n%s", err, log.String())
		}
	}
	build(nil)
	first := s.hugo

	story := filepath.Join(site, "content", "stories", "arta", "index.md")
	orig, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(orig), "title: Broadband in Arta", "title: Broadband in Arta, Djibouti", 1)
	if edited == string(orig) {
		t.Fatal("the fixture story's title has changed: update the test")
	}
	os.WriteFile(story, []byte(edited), 0o644)
	build([]Change{{Path: story}})
	if b, _ := os.ReadFile(filepath.Join(s.Dir(), "stories", "arta", "index.html")); !strings.Contains(string(b), "Broadband in Arta, Djibouti") {
		t.Fatalf("the story does not show the edit")
	}

	// A new story, in a folder of its own, as the web editor makes one.
	newStory := filepath.Join(site, "content", "stories", "arta-2", "index.md")
	os.MkdirAll(filepath.Dir(newStory), 0o755)
	hero, _ := os.ReadFile(filepath.Join(filepath.Dir(story), "hero.svg"))
	os.WriteFile(filepath.Join(filepath.Dir(newStory), "hero.svg"), hero, 0o644)
	os.WriteFile(newStory, []byte(strings.Replace(edited, "title: Broadband in Arta, Djibouti", "title: Arta, a year on", 1)), 0o644)
	build([]Change{{Path: newStory, New: true}, {Path: filepath.Join(filepath.Dir(newStory), "hero.svg"), New: true}})

	// An edit made while another file is broken shows once that is fixed.
	samoa := filepath.Join(site, "content", "stories", "samoa", "index.md")
	samoaText, _ := os.ReadFile(samoa)
	os.WriteFile(samoa, []byte(strings.Replace(string(samoaText), "title: Telecentres in Samoa", "title: Telecentres across Samoa", 1)), 0o644)
	os.WriteFile(story, []byte(strings.Replace(edited, "title: Broadband in Arta, Djibouti", `title: "Broadband in Arta`, 1)), 0o644)
	if _, err := s.Build([]Change{{Path: samoa}, {Path: story}}); err == nil {
		t.Fatal("a build with a broken story succeeded")
	}
	os.WriteFile(story, []byte(edited), 0o644)
	build([]Change{{Path: story}})
	if b, _ := os.ReadFile(filepath.Join(s.Dir(), "stories", "samoa", "index.html")); !strings.Contains(string(b), "Telecentres across Samoa") {
		t.Errorf("the edit made while another file was broken does not show")
	}

	if s.hugo != first {
		t.Fatal("the edits were built whole, not by Hugo's partial rebuild")
	}

	whole := o
	whole.Out = filepath.Join(t.TempDir(), "whole")
	if _, err := Build(whole); err != nil {
		t.Fatalf("build: %v\n%s", err, log.String())
	}
	got, want := hashes(t, s.Dir()), hashes(t, whole.Out)
	var diff []string
	for name, h := range want {
		if g, ok := got[name]; !ok {
			diff = append(diff, "missing "+name)
		} else if g != h {
			diff = append(diff, "differs "+name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diff = append(diff, "extra "+name)
		}
	}
	if len(diff) > 0 {
		if len(diff) > 20 {
			diff = append(diff[:20], "...")
		}
		t.Errorf("the session's folder is not what a whole build makes (%d of %d files):\n%s", len(diff), len(want), strings.Join(diff, "\n"))
	}
}

// TestFollowed: which changes a partial rebuild follows, and which make
// the build whole.
func TestFollowed(t *testing.T) {
	src := filepath.FromSlash("/site")
	for _, c := range []struct {
		path string
		new  bool
		want bool
	}{
		{"content/stories/arta/index.md", false, true},
		{"content/data/internet-use/data.csv", false, true},
		{"static/favicon.svg", false, true},
		{"content/stories/arta/hero.jpg", true, true},   // a new story's picture
		{"content/stories/arta/hero.jpg", false, false}, // replaced: kept cards show it
		{"layouts/_partials/story/card.html", false, false},
		{"i18n/fr.yaml", false, false},
		{"data/countries.yaml", false, false},
		{"assets/css/main.css", false, false},
		{"hugo.toml", false, false},
	} {
		if got := followed(src, Change{Path: filepath.Join(src, filepath.FromSlash(c.path)), New: c.new}); got != c.want {
			t.Errorf("followed(%s, new %v) = %v, want %v", c.path, c.new, got, c.want)
		}
	}
}
