package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	_ "golang.org/x/image/webp"

	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// kindOf tells a content file's type from where it sits.
func kindOf(rel string) (kind, slug string) {
	parts := strings.Split(strings.TrimPrefix(rel, "content/"), "/")
	name := parts[len(parts)-1]
	isIndex := strings.HasPrefix(name, "index.")
	isList := strings.HasPrefix(name, "_index.")
	switch {
	case len(parts) == 1 && isList:
		return "home", ""
	case parts[0] == "stories" && len(parts) == 2 && isList:
		return "page", ""
	case parts[0] == "stories" && len(parts) == 3 && isIndex:
		return "story", parts[1]
	case parts[0] == "stories" && len(parts) == 2:
		return "loose-story", strings.SplitN(name, ".", 2)[0]
	case parts[0] == "stories":
		return "resource", ""
	case parts[0] == "region" && len(parts) == 3 && isList:
		return "region", parts[1]
	}
	return "page", ""
}

func (l *loader) loadFile(rel string) {
	kind, slug := kindOf(rel)
	if kind == "story" {
		l.storyFolders[slug] = true
	}
	switch kind {
	case "resource":
		return
	case "loose-story":
		l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: "a story must be a folder with an index.md",
			Hint: fmt.Sprintf("move it to content/stories/%s/index.md and put its images next to it", slug)})
		return
	}
	src, err := os.ReadFile(filepath.Join(l.site.Root, rel))
	if err != nil {
		l.probs.Errorf(rel, 0, 0, "%v", err)
		return
	}
	_, lang, ok := l.splitLang(rel)
	if !ok {
		l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: fmt.Sprintf("language %q is not one of the site's languages", lang),
			Hint: "name translations index.LANG.md with LANG one of " + strings.Join(l.site.Languages, ", ")})
		return
	}
	fm, err := parseFrontMatter(src)
	var se *syntaxError
	switch {
	case errors.Is(err, errNoFrontMatter):
		l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: "no front matter",
			Hint: "start the file with a line ---, then the fields (title: ..., summary: ...), then another line ---"})
		return
	case errors.As(err, &se):
		l.probs.Add(diag.Problem{Path: rel, Line: se.At.Line, Col: se.At.Col, Msg: se.Msg})
		return
	case err != nil:
		l.probs.Errorf(rel, 1, 1, "%v", err)
		return
	}
	l.docs[rel] = fm
	schemaName := kind
	validate(l.schemas[schemaName], rel, fm, l.probs)
	l.checkDates(rel, fm)
	if fm.Fields["draft"] == true && !l.opts.Drafts {
		return
	}
	l.checkBody(rel, lang, kind, slug, fm)
	switch kind {
	case "story":
		l.addStory(rel, lang, slug, fm)
	case "region":
		l.addRegion(rel, lang, slug, fm)
	default:
		title, _ := fm.Fields["title"].(string)
		l.site.Pages = append(l.site.Pages, &Page{Path: rel, Lang: lang, Kind: kind, Title: title})
	}
}

// decodeInto fills a typed value from front matter fields of the right
// types only; the schema has reported the rest.
func decodeInto(fields map[string]any, v any) {
	b, err := json.Marshal(fields)
	if err != nil {
		return
	}
	json.Unmarshal(b, v)
}

func (l *loader) addStory(rel, lang, slug string, fm *frontMatter) {
	var f struct {
		Title, Date, Region, Country, Slug string
		Sectors                            []string
		SDGs                               []int `json:"sdgs"`
		Featured, Draft                    bool
		Image                              *Image
		Related                            Related
	}
	decodeInto(fm.Fields, &f)
	if f.Slug != "" {
		slug = f.Slug
	}
	s := &Story{Path: rel, Lang: lang, Slug: slug, Bundle: path.Dir(rel), Title: f.Title, Date: f.Date,
		Region: f.Region, Country: f.Country, Sectors: f.Sectors, SDGs: f.SDGs, Featured: f.Featured,
		Draft: f.Draft, Image: f.Image, Related: f.Related}
	l.checkCountry(rel, fm, "/country", f.Country)
	if s.Image != nil && s.Image.Src != "" {
		l.checkImageFile(rel, fm, "/image/src", path.Join(s.Bundle, s.Image.Src))
	}
	l.site.Stories = append(l.site.Stories, s)
}

func (l *loader) addRegion(rel, lang, slug string, fm *frontMatter) {
	if !vocab.IsRegion(slug) {
		msg := fmt.Sprintf("region folder %q is not an ITU region", slug)
		if s := vocab.Suggest(slug, vocab.Regions); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: msg, Hint: "one of: " + strings.Join(vocab.Regions, ", ")})
	}
	var f struct {
		Title   string
		Offices []Office
	}
	decodeInto(fm.Fields, &f)
	for i, o := range f.Offices {
		l.checkCountry(rel, fm, fmt.Sprintf("/offices/%d/country", i), o.Country)
	}
	l.site.Regions = append(l.site.Regions, &Region{Path: rel, Lang: lang, Slug: slug, Title: f.Title, Offices: f.Offices})
}

func (l *loader) errorAt(rel string, fm *frontMatter, ptr, hint, format string, args ...any) {
	p := fm.position(ptr)
	l.probs.Add(diag.Problem{Path: rel, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func (l *loader) checkCountry(rel string, fm *frontMatter, ptr, code string) {
	if code == "" || vocab.Country(code) {
		return
	}
	msg := fmt.Sprintf("country %q is not an ISO 3166-1 alpha-2 code", code)
	switch up := strings.ToUpper(code); {
	case vocab.Country(up):
		msg += fmt.Sprintf(" (did you mean %q?)", up)
	case vocab.CountryByName(code) != "":
		msg += fmt.Sprintf(" (did you mean %q?)", vocab.CountryByName(code))
	}
	l.errorAt(rel, fm, ptr, "two capital letters, e.g. DJ for Djibouti, NE for Niger", "%s", msg)
}

var dateFields = []string{"date", "lastmod", "publishDate", "expiryDate"}

// checkDates catches dates the schema's pattern lets through but the
// calendar does not (2023-02-30).
func (l *loader) checkDates(rel string, fm *frontMatter) {
	for _, f := range dateFields {
		s, ok := fm.Fields[f].(string)
		if !ok || !datePattern(s) {
			continue
		}
		if _, err := parseDate(s); err != nil {
			l.errorAt(rel, fm, "/"+f, "write dates as YYYY-MM-DD, e.g. 2013-12-19", "%s %q is not a real calendar date", f, s)
		}
	}
}

func datePattern(s string) bool {
	return len(s) >= 10 && s[4] == '-' && s[7] == '-'
}

func parseDate(s string) (time.Time, error) {
	var err error
	for _, layout := range []string{"2006-01-02", time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04"} {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

// checkImageFile checks that an image a page names exists and decodes.
func (l *loader) checkImageFile(rel string, fm *frontMatter, ptr, file string) {
	full := filepath.Join(l.site.Root, filepath.FromSlash(file))
	f, err := os.Open(full)
	if err != nil {
		dir := path.Dir(file)
		var have []string
		entries, _ := os.ReadDir(filepath.Join(l.site.Root, filepath.FromSlash(dir)))
		for _, e := range entries {
			if isImage(e.Name()) {
				have = append(have, e.Name())
			}
		}
		msg := fmt.Sprintf("image %q is not in %s/", path.Base(file), dir)
		if s := vocab.Suggest(path.Base(file), have); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		hint := "put the image file in the story's folder"
		if len(have) > 0 {
			hint = "images in the folder: " + strings.Join(have, ", ")
		}
		l.errorAt(rel, fm, ptr, hint, "%s", msg)
		return
	}
	defer f.Close()
	if strings.HasSuffix(strings.ToLower(file), ".svg") {
		head := make([]byte, 512)
		n, _ := f.Read(head)
		if !bytes.Contains(head[:n], []byte("<svg")) && !bytes.Contains(head[:n], []byte("<?xml")) {
			l.errorAt(rel, fm, ptr, "", "image %q is not an SVG file", path.Base(file))
		}
		return
	}
	if _, _, err := image.DecodeConfig(f); err != nil {
		l.errorAt(rel, fm, ptr, "save it again as JPEG, PNG or WebP", "image %q cannot be read: %v", path.Base(file), err)
	}
}

func isImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".webp", ".svg", ".gif":
		return true
	}
	return false
}

var markdown = goldmark.New()

// chartShortcode finds {{< chart "dataset/view" >}} in a body.
var chartShortcode = regexp.MustCompile(`\{\{<\s*chart\s+"([^"]*)"\s*>\}\}`)

// checkBody finds images without alt text or without a file, and raw HTML
// (which the site drops), in the Markdown body.
func (l *loader) checkBody(rel, lang, kind, slug string, fm *frontMatter) {
	if s, ok := fm.Fields["slug"].(string); ok && s != "" {
		slug = s
	}
	pageURL := l.pageURL(rel, lang, kind, slug)
	body := fm.Body
	for _, m := range chartShortcode.FindAllSubmatchIndex(body, -1) {
		line := fm.BodyLine + bytes.Count(body[:m[0]], []byte("\n"))
		col := m[2] - bytes.LastIndexByte(body[:m[2]], '\n')
		l.chartRefs = append(l.chartRefs, chartRef{rel, line, col, string(body[m[2]:m[3]])})
	}
	src := fm.Body
	doc := markdown.Parser().Parse(text.NewReader(src))
	lineOf := func(n ast.Node) int {
		for ; n != nil; n = n.Parent() {
			if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
				return fm.BodyLine + bytes.Count(src[:n.Lines().At(0).Start], []byte("\n"))
			}
		}
		return fm.BodyLine
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			dest := string(n.Destination)
			var alt bytes.Buffer
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					alt.Write(t.Segment.Value(src))
				}
			}
			line := lineOf(n)
			if strings.TrimSpace(alt.String()) == "" {
				l.probs.Add(diag.Problem{Path: rel, Line: line, Col: 1, Msg: fmt.Sprintf("image %q has no alt text", dest),
					Hint: "write what the image shows between the brackets: ![A base station on a hill](" + dest + ")"})
			}
			if dest != "" && !strings.Contains(dest, ":") && !strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "#") {
				file := path.Join(path.Dir(rel), dest)
				if _, err := os.Stat(filepath.Join(l.site.Root, filepath.FromSlash(file))); err != nil {
					l.probs.Add(diag.Problem{Path: rel, Line: line, Col: 1, Msg: fmt.Sprintf("image %q is not in %s/", dest, path.Dir(rel))})
				}
			}
		case *ast.Link:
			dest := string(n.Destination)
			if scheme, _, ok := strings.Cut(strings.ToLower(strings.TrimSpace(dest)), ":"); ok && (scheme == "javascript" || scheme == "vbscript" || scheme == "data") {
				l.probs.Add(diag.Problem{Path: rel, Line: lineOf(n), Col: 1, Msg: fmt.Sprintf("link to %s: is not allowed", scheme),
					Hint: "link to a page of the site (/stories/...) or a web address (https://...)"})
				return ast.WalkContinue, nil
			}
			l.site.Links = append(l.site.Links, ContentLink{Path: rel, Line: lineOf(n), Dest: dest, PageURL: pageURL})
		case *ast.AutoLink:
			l.site.Links = append(l.site.Links, ContentLink{Path: rel, Line: lineOf(n), Dest: string(n.URL(src)), PageURL: pageURL})
		case *ast.HTMLBlock, *ast.RawHTML:
			l.probs.Add(diag.Problem{Path: rel, Line: lineOf(n), Col: 1, Warning: true,
				Msg: "raw HTML is left out of the page", Hint: "write it in Markdown instead"})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// pageURL is the URL path a content file renders to, by the site's rules:
// sections and bundles by folder, regions under /regions/, other languages
// under /LANG/.
func (l *loader) pageURL(rel, lang, kind, slug string) string {
	prefix := "/"
	if lang != l.site.Languages[0] {
		prefix = "/" + lang + "/"
	}
	switch kind {
	case "home":
		return prefix
	case "story":
		return prefix + "stories/" + slug + "/"
	case "region":
		return prefix + "regions/" + slug + "/"
	}
	p := strings.TrimPrefix(rel, "content/")
	dir, file := path.Split(p)
	name := strings.SplitN(file, ".", 2)[0]
	if name == "index" || name == "_index" {
		if dir == "region/" {
			return prefix + "regions/"
		}
		return prefix + dir
	}
	if slug != "" {
		name = slug
	}
	return prefix + dir + name + "/"
}

// crossCheck checks what no single file can tell: duplicate slugs,
// references to items that do not exist, translations that disagree.
func (l *loader) crossCheck() {
	type key struct{ lang, slug string }
	seen := map[key]*Story{}
	bySlug := map[string]*Story{} // default-language version, else the first seen
	var slugs []string
	for _, s := range l.site.Stories {
		if s.Draft && !l.opts.Drafts {
			continue
		}
		k := key{s.Lang, s.Slug}
		if prev, ok := seen[k]; ok {
			l.errorAt(s.Path, l.docs[s.Path], "/slug", "give one of them another folder name or slug",
				"story slug %q is already used by %s", s.Slug, prev.Path)
			continue
		}
		seen[k] = s
		if prev, ok := bySlug[s.Slug]; !ok || (s.Lang == l.site.Languages[0] && prev.Lang != s.Lang) {
			if !ok {
				slugs = append(slugs, s.Slug)
			}
			bySlug[s.Slug] = s
		}
	}
	var pubKeys []string
	for _, p := range l.site.Publications {
		pubKeys = append(pubKeys, p.ID)
	}
	var datasetNames []string
	for _, d := range l.site.Datasets {
		datasetNames = append(datasetNames, d.Name)
	}
	views := map[string]bool{}
	var viewNames []string
	for _, d := range l.site.Datasets {
		for _, v := range d.Views {
			views[d.Name+"/"+v.Name] = true
			viewNames = append(viewNames, d.Name+"/"+v.Name)
		}
	}
	for _, c := range l.chartRefs {
		if views[c.ref] {
			continue
		}
		msg := fmt.Sprintf("chart %q does not exist", c.ref)
		if sg := vocab.Suggest(c.ref, viewNames); sg != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", sg)
		}
		l.probs.Add(diag.Problem{Path: c.path, Line: c.line, Col: c.col, Msg: msg,
			Hint: "name a dataset and one of its views: {{< chart \"djibouti-connectivity/internet-and-mobile\" >}}"})
	}
	for _, s := range l.site.Stories {
		fm := l.docs[s.Path]
		if base := bySlug[s.Slug]; base != nil && base != s && base.Bundle == s.Bundle {
			for _, f := range []struct {
				name, a, b string
				valid      func(string) bool
			}{{"region", s.Region, base.Region, vocab.IsRegion}, {"country", s.Country, base.Country, vocab.Country}} {
				if f.valid(f.a) && f.valid(f.b) && f.a != f.b {
					l.errorAt(s.Path, fm, "/"+f.name, "translations describe the same story; change one of them",
						"%s %q differs from %q in %s", f.name, f.a, f.b, base.Path)
				}
			}
		}
		for i, r := range s.Related.Stories {
			if _, ok := bySlug[r]; (ok || l.storyFolders[r]) && r != s.Slug {
				continue
			}
			msg := fmt.Sprintf("related story %q does not exist", r)
			if r == s.Slug {
				msg = "a story cannot be related to itself"
			} else if sg := vocab.Suggest(r, slugs); sg != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sg)
			}
			l.errorAt(s.Path, fm, fmt.Sprintf("/related/stories/%d", i), "use the story's folder name under content/stories/", "%s", msg)
		}
		l.checkRefs(s, fm, "publications", s.Related.Publications, pubKeys)
		l.checkRefs(s, fm, "datasets", s.Related.Datasets, datasetNames)
	}
}

// checkRefs reports references to publications or datasets that the site
// does not have.
func (l *loader) checkRefs(s *Story, fm *frontMatter, what string, refs, known []string) {
	for i, r := range refs {
		if slices.Contains(known, r) {
			continue
		}
		msg := fmt.Sprintf("related %s %q does not exist", strings.TrimSuffix(what, "s"), r)
		if sg := vocab.Suggest(r, known); sg != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", sg)
		}
		hint := ""
		if len(known) == 0 {
			hint = fmt.Sprintf("the site has no %s yet", what)
		}
		l.errorAt(s.Path, fm, fmt.Sprintf("/related/%s/%d", what, i), hint, "%s", msg)
	}
}
