package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
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
	case parts[0] == "stories" && len(parts) == 3:
		return "bundle-extra", parts[1]
	case parts[0] == "stories":
		return "nested-story", parts[len(parts)-2]
	case parts[0] == "region" && len(parts) == 3 && isList:
		return "region", parts[1]
	}
	return "page", ""
}

// loadFile checks one content file and adds it to the site; pre, when not
// nil, is its front matter already parsed (parseAll).
func (l *loader) loadFile(rel string, pre *parsed) {
	kind, slug := kindOf(rel)
	if kind == "story" {
		l.storyFolders[slug] = true
	}
	switch kind {
	case "loose-story":
		l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: "a story must be a folder with an index.md",
			Hint: fmt.Sprintf("move it to content/stories/%s/index.md and put its images next to it", slug)})
		return
	case "bundle-extra":
		l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: "a story folder holds index.md, its translations (index.fr.md, ...) and images; this file is not read",
			Hint: fmt.Sprintf("make it a story of its own (content/stories/<slug>/index.md), or move it out of content/stories/%s/", slug)})
		return
	case "nested-story":
		l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: "a story folder cannot hold another folder; this file is not read as a story",
			Hint: fmt.Sprintf("stories are content/stories/<slug>/index.md: move it to content/stories/%s/", slug)})
		return
	}
	var src []byte
	if pre == nil {
		var ok bool
		if src, ok = l.readLimited(rel, "contentBytes", l.limits().ContentBytes); !ok {
			return
		}
		if line, col := invalidUTF8(src); line > 0 {
			l.probs.Add(diag.Problem{Path: rel, Line: line, Col: col, Msg: "the file is not UTF-8 text",
				Hint: "save it with the UTF-8 encoding (most editors offer it under Save As)"})
			return
		}
	}
	base, lang, ok := l.splitLang(rel)
	if !ok {
		l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: fmt.Sprintf("language %q is not one of the site's languages", lang),
			Hint: "name translations index.LANG.md with LANG one of " + strings.Join(l.site.Languages, ", ")})
		return
	}
	if lang != l.site.Languages[0] {
		orig := path.Join(path.Dir(rel), base+".md")
		if !l.contentFiles[orig] && !l.contentFiles[path.Join(path.Dir(rel), base+".markdown")] {
			l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: fmt.Sprintf("translation without an original: %s does not exist", orig),
				Hint: fmt.Sprintf("the original, in %s, is %s; translations sit next to it as %s.LANG.md", l.langLabel(l.site.Languages[0]), path.Base(orig), base)})
			return
		}
	}
	var fm *frontMatter
	var err error
	if pre != nil {
		fm, err = pre.fm, pre.err
	} else {
		fm, err = parseFrontMatter(src, l.limits())
	}
	var se *syntaxError
	switch {
	case errors.Is(err, errNoFrontMatter):
		l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: "no front matter",
			Hint: "start the file with a line ---, then the fields (title: ..., summary: ...), then another line ---"})
		return
	case errors.As(err, &se):
		l.probs.Add(diag.Problem{Path: rel, Line: se.At.Line, Col: se.At.Col, Msg: se.Msg, Hint: se.Hint})
		return
	case err != nil:
		l.probs.Errorf(rel, 1, 1, "%v", err)
		return
	}
	l.docs[rel] = fm
	schemaName := kind
	validate(l.schemas[schemaName], rel, fm, l.probs)
	l.checkPublicURLs(rel, fm)
	l.checkDates(rel, fm)
	if fm.Fields["draft"] == true && !l.opts.Drafts {
		return
	}
	l.addContent(rel, base, lang, kind, fm)
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

// checkImageFile checks that an image a page names exists, is inside its
// folder, and is safe and affordable to publish: an SVG must be inert (see
// checkSVG); a raster image must decode, within the imageBytes and
// imagePixels limits, which are checked from its header before Hugo ever
// decodes its pixels to resize it.
func (l *loader) checkImageFile(rel string, fm *frontMatter, ptr, file string) {
	l.checkImageAt(rel, fm.position(ptr), file)
}

// checkImageAt is checkImageFile for an image named at a position in rel.
func (l *loader) checkImageAt(rel string, at pos, file string) {
	errorAt := func(hint, format string, args ...any) {
		l.probs.Add(diag.Problem{Path: rel, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf(format, args...), Hint: hint})
	}
	if !insideDir(strings.TrimPrefix(file, path.Dir(rel)+"/")) || !strings.HasPrefix(file, path.Dir(rel)+"/") {
		errorAt("name a file in the story's own folder, e.g. hero.jpg", "image %q is outside the story's folder", path.Base(file))
		return
	}
	full := filepath.Join(l.site.Root, filepath.FromSlash(file))
	fi, err := os.Lstat(full)
	if err != nil {
		dir := path.Dir(file)
		var have []string
		entries, _ := os.ReadDir(filepath.Join(l.site.Root, filepath.FromSlash(dir)))
		for _, e := range entries {
			if IsImage(e.Name()) {
				have = append(have, e.Name())
			}
		}
		msg := fmt.Sprintf("image %q is not in %s/", path.Base(file), dir)
		if s := suggestFile(path.Base(file), have); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		hint := "put the image file in the story's folder"
		if len(have) > 0 {
			hint = "images in the folder: " + strings.Join(have, ", ")
		}
		errorAt(hint, "%s", msg)
		return
	}
	if !fi.Mode().IsRegular() {
		errorAt("copy the image into the story's folder", "image %q is not a regular file (a symbolic link?)", path.Base(file))
		return
	}
	b, ok := l.readLimited(file, "imageBytes", l.limits().ImageBytes)
	if !ok {
		return
	}
	if strings.HasSuffix(strings.ToLower(file), ".svg") {
		if p := checkSVG(b); p != nil && !l.checkedSVG[file] {
			l.probs.Add(diag.Problem{Path: file, Line: p.Line, Col: p.Col, Msg: "SVG image " + p.Msg,
				Hint: "images are published as they are, so only plain drawing (shapes, paths, text, gradients) is accepted; remove it or export a plain SVG"})
		}
		return
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		errorAt("save it again as JPEG, PNG or WebP", "image %q cannot be read: %v", path.Base(file), err)
		return
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > l.limits().ImagePixels {
		msg, hint := l.limits().Exceeded("imagePixels", px, fmt.Sprintf("image %q (%d × %d)", path.Base(file), cfg.Width, cfg.Height))
		errorAt("resize it to at most 4000 pixels wide; "+hint, "%s", msg)
	}
}

// suggestFile suggests a file the name may have meant: the same name in
// another case first (telecentre.JPG for telecentre.jpg), else a close one.
func suggestFile(name string, have []string) string {
	for _, h := range have {
		if strings.EqualFold(h, name) {
			return h
		}
	}
	return vocab.Suggest(name, have)
}

// IsImage says whether a content file is a picture, by its name.
func IsImage(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".webp", ".svg", ".gif":
		return true
	}
	return false
}

var markdown = goldmark.New()

// chartArgs reads the inside of {{< chart "dataset/view" >}}.
var chartArgs = regexp.MustCompile(`^\s*chart\s+"([^"]*)"\s*$`)

// checkBody finds images without alt text or without a file, and raw HTML
// (which the site drops), in the Markdown body.
func (l *loader) checkBody(rel, lang, kind, slug string, fm *frontMatter) {
	if s, ok := fm.Fields["slug"].(string); ok && s != "" {
		slug = s
	}
	pageURL := l.pageURL(rel, lang, kind, slug)
	l.checkShortcodes(rel, fm)
	src := fm.Body
	doc := markdown.Parser().Parse(text.NewReader(src))
	// lineOf is the line an inline node starts on: that of its first text,
	// or, for an autolink, where its URL first appears in its block; else
	// the line its block starts on.
	lineOf := func(n ast.Node) int {
		start := -1
		for c := n; c != nil && start < 0; c = c.FirstChild() {
			if t, ok := c.(*ast.Text); ok {
				start = t.Segment.Start
			}
		}
		for b := n; b != nil; b = b.Parent() {
			if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
				from := b.Lines().At(0).Start
				if a, ok := n.(*ast.AutoLink); ok && start < 0 {
					if i := bytes.Index(src[from:], a.URL(src)); i >= 0 {
						start = from + i
					}
				}
				if start < 0 {
					start = from
				}
				break
			}
		}
		if start < 0 {
			return fm.BodyLine
		}
		return fm.BodyLine + bytes.Count(src[:start], []byte("\n"))
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
			switch scheme := linkScheme(dest); {
			case scheme != "":
				l.probs.Add(diag.Problem{Path: rel, Line: line, Col: 1, Msg: fmt.Sprintf("image %q is not a file of the site", dest),
					Hint: "put the image in the story's folder and name it: ![...](photo.jpg); images from other sites would track readers"})
			case dest != "" && !strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "#"):
				file := path.Join(path.Dir(rel), dest)
				if !insideDir(dest) {
					l.probs.Add(diag.Problem{Path: rel, Line: line, Col: 1, Msg: fmt.Sprintf("image %q is outside the page's folder", dest),
						Hint: "put the image next to the page's index.md"})
				} else if _, err := os.Lstat(filepath.Join(l.site.Root, filepath.FromSlash(file))); err != nil {
					l.probs.Add(diag.Problem{Path: rel, Line: line, Col: 1, Msg: fmt.Sprintf("image %q is not in %s/", dest, path.Dir(rel))})
				} else {
					l.checkImageAt(rel, pos{line, 1}, file)
				}
			}
		case *ast.Link:
			dest := string(n.Destination)
			if l.unsafeLink(rel, lineOf(n), dest) {
				return ast.WalkContinue, nil
			}
			l.site.Links = append(l.site.Links, ContentLink{Path: rel, Line: lineOf(n), Dest: dest, PageURL: pageURL})
		case *ast.AutoLink:
			dest := string(n.URL(src))
			if l.unsafeLink(rel, lineOf(n), dest) {
				return ast.WalkContinue, nil
			}
			l.site.Links = append(l.site.Links, ContentLink{Path: rel, Line: lineOf(n), Dest: dest, PageURL: pageURL})
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
	// A broken dataset exists: its own problems are reported.
	datasetNames = append(datasetNames, l.brokenDatasets...)
	views := map[string]bool{}
	var viewNames []string
	for _, d := range l.site.Datasets {
		for _, v := range d.Views {
			views[d.Name+"/"+v.Name] = true
			viewNames = append(viewNames, d.Name+"/"+v.Name)
		}
	}
	for _, c := range l.chartRefs {
		if name, _, _ := strings.Cut(c.ref, "/"); views[c.ref] || slices.Contains(l.brokenDatasets, name) {
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

// langLabel is a language's name as the language writes it.
func (l *loader) langLabel(lang string) string {
	if l.site.Config != nil && l.site.Config.Labels[lang] != "" {
		return l.site.Config.Labels[lang]
	}
	return lang
}

// linkScheme returns the scheme a browser would read from a link's
// destination, lower-cased ("https", "javascript"), or "" for a relative
// link. It reads the destination as a browser does: entities decoded, tabs,
// newlines and other control characters removed, leading spaces ignored,
// so "&#106;avascript:" and "java\tscript:" are both javascript:.
func linkScheme(dest string) string {
	d := html.UnescapeString(dest)
	d = strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, d)
	i := strings.IndexByte(d, ':')
	if i <= 0 {
		return ""
	}
	for j, r := range d[:i] {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (j == 0 || !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return ""
		}
	}
	return strings.ToLower(d[:i])
}

// unsafeLink reports a link to a scheme that runs code or carries a
// document of its own; the page would otherwise publish it as #ZgotmplZ.
func (l *loader) unsafeLink(rel string, line int, dest string) bool {
	switch scheme := linkScheme(dest); scheme {
	case "javascript", "vbscript", "data", "file":
		l.probs.Add(diag.Problem{Path: rel, Line: line, Col: 1, Msg: fmt.Sprintf("link to %s: is not allowed", scheme),
			Hint: "link to a page of the site (/stories/...) or a web address (https://...)"})
		return true
	}
	return false
}

// checkShortcodes reads every {{< ... >}} and {{% ... %}} in a body, as
// Hugo would (inside code blocks too), before Hugo does: the site has one
// shortcode, chart, and a misspelt or empty one would otherwise stop Hugo
// with a message that names no file. {{</* ... */>}} is Hugo's way of
// writing a shortcode as text, and is left alone.
func (l *loader) checkShortcodes(rel string, fm *frontMatter) {
	body := fm.Body
	at := func(off int) (int, int) {
		line := fm.BodyLine + bytes.Count(body[:off], []byte("\n"))
		return line, off - bytes.LastIndexByte(body[:off], '\n')
	}
	for off := 0; ; {
		i := bytes.Index(body[off:], []byte("{{"))
		if i < 0 {
			return
		}
		start := off + i
		off = start + 2
		if off >= len(body) || body[off] != '<' && body[off] != '%' {
			continue
		}
		delim, closer := body[off], body[off]
		if delim == '<' {
			closer = '>'
		}
		inner := body[off+1:]
		if bytes.HasPrefix(bytes.TrimLeft(inner, " "), []byte("/*")) {
			continue
		}
		line, col := at(start)
		end := bytes.Index(inner, []byte{closer, '}', '}'})
		if end < 0 {
			l.probs.Add(diag.Problem{Path: rel, Line: line, Col: col, Msg: fmt.Sprintf("shortcode is not closed: add %c}} after it", closer),
				Hint: `charts are written {{< chart "dataset/view" >}}`})
			return
		}
		args := string(inner[:end])
		off += 1 + end + 3
		name := strings.Fields(args)
		switch {
		case delim == '<' && chartArgs.MatchString(args):
			m := chartArgs.FindStringSubmatchIndex(args)
			_, c := at(start + 3 + m[2])
			l.chartRefs = append(l.chartRefs, chartRef{rel, line, c, args[m[2]:m[3]]})
		case len(name) > 0 && name[0] == "chart":
			l.probs.Add(diag.Problem{Path: rel, Line: line, Col: col, Msg: "chart shortcode needs the chart's name, in double quotes",
				Hint: `write {{< chart "dataset/view" >}}, e.g. {{< chart "djibouti-connectivity/internet-and-mobile" >}}`})
		default:
			shown := "{{" + string(delim) + args + string(closer) + "}}"
			if len(shown) > 60 {
				shown = shown[:57] + "..."
			}
			l.probs.Add(diag.Problem{Path: rel, Line: line, Col: col, Msg: fmt.Sprintf("%s is not a shortcode of this site", shown),
				Hint: `the site's one shortcode draws a chart: {{< chart "dataset/view" >}}; to show the braces as text, write {{</* ... */>}}`})
		}
	}
}
