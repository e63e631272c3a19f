package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/itu-d/portal/generator/internal/hugosite"
)

// newKinds maps what `new` creates to where it goes under content/.
var newKinds = map[string]string{
	"story":       "stories/%s",
	"page":        "%s.md",
	"publication": "publications/%s.md",
	"dataset":     "data/%s.md",
}

func cmdNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new", `new [-source DIR] story|page|publication|dataset "Title"`, `
New creates a content file from its archetype (archetypes/), with every
required field present, in the right place:

  story        content/stories/<slug>/index.md (a folder for its images)
  page         content/<slug>.md
  publication  content/publications/<slug>.md
  dataset      content/data/<slug>.md

The slug is made from the title. Fill in the fields, then run check.`, stderr)
	src := fs.String("source", ".", "site root (the folder holding hugo.toml)")
	if err := parse(fs, args, 2); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return errUsage
	}
	kind, title := fs.Arg(0), strings.TrimSpace(fs.Arg(1))
	layout, ok := newKinds[kind]
	if !ok || title == "" {
		fmt.Fprintf(stderr, "generator new: want a kind (story, page, publication, dataset) and a title, got %q %q\n", kind, title)
		return errUsage
	}
	slug := slugify(title)
	rel := fmt.Sprintf(layout, slug)
	dest := filepath.Join(*src, "content", filepath.FromSlash(rel))
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("%s already exists", filepath.ToSlash(filepath.Join("content", rel)))
	}
	os.Setenv("HUGO_NEW_TITLE", title)
	abs, _ := filepath.Abs(*src)
	if err := hugosite.NewContent(abs, rel); err != nil {
		return err
	}
	made := filepath.ToSlash(filepath.Join("content", rel))
	if kind == "story" {
		made += "/index.md"
	}
	fmt.Fprintf(stdout, "created %s\n", made)
	return nil
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slugify makes a URL segment from a title: lower case ASCII words joined
// by hyphens, accents dropped.
func slugify(title string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(title)) {
		if r < 0x300 || r > 0x36f {
			b.WriteRune(r)
		}
	}
	s := strings.Trim(nonSlug.ReplaceAllString(b.String(), "-"), "-")
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	if s == "" {
		s = "untitled"
	}
	return s
}
