package cms

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/itu-d/portal/generator/internal/source"
	"github.com/itu-d/portal/generator/internal/vocab"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

type field struct {
	Name     string
	Required bool
	Widget   string
	Multiple bool
	Options  []struct{ Value any }
	Fields   []field
}

type collection struct {
	Name   string
	Folder string
	Fields []field
	Files  []struct {
		File   string
		Fields []field
	}
}

func load(t *testing.T) (*source.Site, []collection) {
	t.Helper()
	root := repoRoot()
	site, probs := source.Load(root, source.Options{})
	if probs.Errors() > 0 {
		t.Fatalf("the site has errors: %v", probs.Problems()[0])
	}
	b, err := Config(site, Options{Repo: "itu-d/portal", Branch: "main"})
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("CMS_CONFIG_OUT") != "" {
		os.WriteFile(os.Getenv("CMS_CONFIG_OUT"), b, 0o644)
	}
	var cfg struct{ Collections []collection }
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	return site, cfg.Collections
}

func find(fs []field, name string) *field {
	for i := range fs {
		if fs[i].Name == name {
			return &fs[i]
		}
	}
	return nil
}

func values(f *field) []string {
	var out []string
	for _, o := range f.Options {
		out = append(out, fmt.Sprint(o.Value))
	}
	return out
}

// TestStoryFormMatchesCheck: the story form asks for what check requires,
// offers exactly the vocabularies check accepts, and has every field the
// schema has.
func TestStoryFormMatchesCheck(t *testing.T) {
	_, cols := load(t)
	var stories *collection
	for i := range cols {
		if cols[i].Name == "stories" {
			stories = &cols[i]
		}
	}
	if stories == nil || stories.Folder != "content/stories" {
		t.Fatalf("no stories collection: %+v", cols)
	}
	for _, name := range []string{"title", "date", "summary", "region", "country", "sectors", "sdgs"} {
		if f := find(stories.Fields, name); f == nil || !f.Required {
			t.Errorf("%s: not a required field of the form", name)
		}
	}
	for _, name := range []string{"status", "image", "figures", "translation", "editorial", "body"} {
		if f := find(stories.Fields, name); f == nil || f.Required {
			t.Errorf("%s: missing or required", name)
		}
	}
	if got := values(find(stories.Fields, "region")); !slices.Equal(got, vocab.Regions) {
		t.Errorf("regions %v, vocab %v", got, vocab.Regions)
	}
	if got := values(find(stories.Fields, "sectors")); !slices.Equal(got, vocab.Sectors) {
		t.Errorf("sectors %v, vocab %v", got, vocab.Sectors)
	}
	countries := values(find(stories.Fields, "country"))
	slices.Sort(countries)
	if !slices.Equal(countries, vocab.Countries()) {
		t.Errorf("%d countries offered, vocab has %d", len(countries), len(vocab.Countries()))
	}
	if n := len(find(stories.Fields, "sdgs").Options); n != 17 {
		t.Errorf("%d SDGs offered", n)
	}
	// An optional group's required fields are optional in the form (Decap
	// would require them of a story without a photo); check requires them.
	img := find(stories.Fields, "image")
	if src := find(img.Fields, "src"); src == nil || src.Widget != "image" || src.Required {
		t.Errorf("image.src: %+v", src)
	}
	if alt := find(img.Fields, "alt"); alt == nil || alt.Required {
		t.Errorf("image.alt: %+v", alt)
	}
	tr := find(stories.Fields, "translation")
	if m := find(tr.Fields, "method"); m == nil || !slices.Equal(values(m), source.Methods) {
		t.Errorf("translation.method: %+v", m)
	}
}

// TestEveryPageIsEditable: each page, region and home file, translations
// included, has a form.
func TestEveryPageIsEditable(t *testing.T) {
	site, cols := load(t)
	files := map[string]bool{}
	for _, c := range cols {
		for _, f := range c.Files {
			files[f.File] = true
		}
	}
	for _, c := range site.Content {
		if c.Kind == "story" {
			continue
		}
		if !files[c.Original] {
			t.Errorf("%s has no form", c.Original)
		}
		for _, tr := range c.Translations {
			if !files[tr.Path] {
				t.Errorf("%s has no form", tr.Path)
			}
		}
	}
}

var update = flag.Bool("update", false, "rewrite frontmatter.json from the schemas")

// TestFrontMatterFile: frontmatter.json, which VS Code's Front Matter CMS
// reads, is the one made from the schemas (go test -run TestFrontMatterFile
// -update rewrites it after a schema changes).
func TestFrontMatterFile(t *testing.T) {
	root := repoRoot()
	want, err := FrontMatterConfig(root)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, FrontMatterFile)
	if *update {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := os.ReadFile(file)
	if string(got) != string(want) {
		t.Errorf("%s is not what the schemas make; rewrite it with: go test ./generator/internal/cms -run TestFrontMatterFile -update", FrontMatterFile)
	}
	var cfg map[string]any
	if err := json.Unmarshal(got, &cfg); err != nil {
		t.Fatalf("%s: %v", FrontMatterFile, err)
	}
}
