package search

import (
	"bytes"
	"io"
	"io/fs"
	neturl "net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/itu-d/portal/generator/internal/htmllex"
	"github.com/itu-d/portal/generator/internal/par"
)

// DocsFromHTML reads the pages of a built site: each .html file under
// publicDir in one of langs (all of Langs when empty), by the primary tag of
// <html lang>. It reads <main>: the first <h1> as the title, <h2> and <h3>
// with their ids as headings that start sections, the text of the rest
// (without scripts, SVG, navigation, forms or anything hidden), the facets
// of its data-facets attribute ("type=story;region=africa;sector=health,
// education;year=2013"; a date= key sets Date), and otherwise the first
// <time datetime> before any <h2> as the date. Text under data-search-meta
// is Meta: indexed, never an excerpt. The language of the <h1> (its lang,
// or that of an element around it) is the page's ContentLang when it is
// not the page's; <link rel=canonical> and <link rel=alternate hreflang>
// give Canonical and Translations. Pages without <main>, with
// robots noindex, with data-search-ignore on <main> (the search page
// itself), listings (type=list: they only repeat what they list), or
// named 404.html are left out. Docs come in URL order.
//
// keepNoIndex keeps pages marked robots noindex: a deploy preview marks every
// page so for crawlers, yet its search should work.
func DocsFromHTML(publicDir string, langs []string, keepNoIndex bool) ([]Doc, error) {
	if len(langs) == 0 {
		langs = Langs
	}
	var paths []string
	err := filepath.WalkDir(publicDir, func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(path, ".html") && e.Name() != "404.html" {
			paths = append(paths, path)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	// Parsing is the work: one worker per core, each page's doc in its slot.
	type parsed struct {
		d   Doc
		ok  bool
		err error
	}
	out := make([]parsed, len(paths))
	par.For(len(paths), func(i int) {
		out[i].d, out[i].ok, out[i].err = docFromFile(publicDir, paths[i], keepNoIndex)
	})
	var docs []Doc
	for _, r := range out {
		if r.err != nil {
			return nil, r.err
		}
		if r.ok && slices.Contains(langs, r.d.Lang) {
			docs = append(docs, r.d)
		}
	}
	slices.SortFunc(docs, func(a, b Doc) int { return strings.Compare(a.URL, b.URL) })
	return docs, nil
}

func docFromFile(publicDir, path string, keepNoIndex bool) (Doc, bool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Doc{}, false, err
	}
	rel, _ := filepath.Rel(publicDir, path)
	return DocFromPage("/"+filepath.ToSlash(rel), b, keepNoIndex, nil)
}

// DocFromPage reads one page of a built site as DocsFromHTML does: file is
// its path in the site ("/fr/stories/x/index.html"), r its tokens when a
// reader of every page (the build's audit) lexes it for both, nil to lex
// it here. ok is false for a page left out.
func DocFromPage(file string, page []byte, keepNoIndex bool, r htmllex.Reader) (Doc, bool, error) {
	if path.Base(file) == "404.html" {
		return Doc{}, false, nil
	}
	url := file
	if strings.HasSuffix(url, "/index.html") {
		url = strings.TrimSuffix(url, "index.html")
	}
	if r == nil {
		r = htmllex.New(page)
	}
	return readLexed(page, r, url, keepNoIndex)
}

// bodyContext is where <main> is parsed: as the child of <body> it is.
var bodyContext = &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}

// docFromHTML reads a page without building a tree of all of it, which was
// most of the cost of indexing a large site. A lexer reads what comes
// before <main> (the language, robots and the <title>), then <main> itself
// (mainFromTokens); where the fast lexer is not sure to read as x/net/html's
// tokenizer does (htmllex), the tokenizer reads the page. Where only a
// tree builder would read <main> right, it and what follows are parsed as
// a fragment of <body> (mainFromTree).
func docFromHTML(page []byte, url string, keepNoIndex bool) (Doc, bool, error) {
	return readPage(page, url, keepNoIndex, byLexer)
}

// reading is how readPage reads a page's <main>.
type reading int

const (
	byTree      reading = iota // as a tree, always
	byTokenizer                // with x/net/html's tokenizer, as a tree where it must
	byLexer                    // with htmllex.Lexer, else as byTokenizer
)

func readPage(page []byte, url string, keepNoIndex bool, how reading) (Doc, bool, error) {
	if how == byLexer {
		return readLexed(page, htmllex.New(page), url, keepNoIndex)
	}
	return readPageWith(page, html.NewTokenizer(bytes.NewReader(page)), url, keepNoIndex, how == byTokenizer)
}

// readLexed reads page from r, an htmllex lexer's tokens, and again with
// the tokenizer if the lexer gives up before the doc is read.
func readLexed(page []byte, r htmllex.Reader, url string, keepNoIndex bool) (Doc, bool, error) {
	d, ok, err := readPageWith(page, r, url, keepNoIndex, true)
	if r.Err() != htmllex.ErrGaveUp {
		return d, ok, err
	}
	return readPage(page, url, keepNoIndex, byTokenizer)
}

// attrsRead says whether z has read every tag's attributes already (an
// htmllex lexer, or a reader around one), so that TagAttr allocates
// nothing and the tokenizer's raw-bytes prefilter can be skipped.
func attrsRead(z htmllex.Reader) bool {
	_, ok := z.(interface{ Attrs() [][2][]byte })
	return ok
}

// readPageWith reads page with z; tokens false reads <main> as a tree. A
// htmllex.Lexer that gives up leaves a doc to be thrown away.
func readPageWith(page []byte, z htmllex.Reader, url string, keepNoIndex, tokens bool) (Doc, bool, error) {
	d := Doc{URL: url}
	h := readHead(z)
	if z.Err() == htmllex.ErrGaveUp {
		return d, false, nil
	}
	d.Lang = h.lang
	if h.mainStart < 0 || (h.noindex && !keepNoIndex) || !supported(d.Lang) {
		return d, false, nil
	}
	if h.canonical != url {
		d.Canonical = h.canonical
	}
	for l, u := range h.alternates {
		if l != d.Lang && supported(l) {
			if d.Translations == nil {
				d.Translations = map[string]string{}
			}
			d.Translations[l] = u
		}
	}
	main := &html.Node{Type: html.ElementNode, Data: "main", DataAtom: atom.Main, Attr: h.mainAttrs}
	if skipped(main) {
		return d, false, nil
	}
	d.Facets = parseFacets(attr(main, "data-facets"))
	if t := d.Facets["type"]; len(t) > 0 && t[0] == "list" {
		return d, false, nil // read no further: a site has many, and they only repeat what they list
	}
	if dates := d.Facets["date"]; len(dates) > 0 {
		d.Date = dates[0]
		delete(d.Facets, "date")
	}
	if !tokens || !h.standards || !mainFromTokens(z, &d, attrValue(h.mainAttrs, "lang")) {
		if z.Err() == htmllex.ErrGaveUp {
			return d, false, nil
		}
		ok, err := mainFromTree(page[h.mainStart:], &d)
		if !ok || err != nil {
			return d, false, err
		}
	}
	if d.Title == "" {
		d.Title = clean(h.title)
	}
	if l := primaryLang(d.ContentLang); l != d.Lang && supported(l) {
		d.ContentLang = l
	} else {
		d.ContentLang = ""
	}
	return d, true, nil
}

// primaryLang is the primary subtag of a language tag, in lower case.
func primaryLang(tag string) string {
	l, _, _ := strings.Cut(tag, "-")
	return strings.ToLower(l)
}

// sitePath is the path of a link's href from the site root: the page's
// own links are absolute (https://host/fr/x/) or root-relative.
func sitePath(href string) string {
	u, err := neturl.Parse(strings.TrimSpace(href))
	if err != nil || u.Path == "" {
		return ""
	}
	return u.Path
}

// pageHead is what a page says before its <main>.
type pageHead struct {
	lang, title string            // lang is the primary tag of <html lang>, lower case
	canonical   string            // the path of <link rel=canonical>
	alternates  map[string]string // paths of <link rel=alternate hreflang>, by primary tag
	noindex     bool              // robots noindex
	standards   bool              // <!doctype html>: no quirks mode
	mainStart   int               // the offset of <main>, or -1
	mainAttrs   []html.Attribute
}

// readHead reads a page with z up to its <main> start tag, where it
// leaves z.
func readHead(z htmllex.Reader) pageHead {
	h := pageHead{mainStart: -1}
	offset, inTitle := 0, false
	for {
		tt := z.Next()
		raw := len(z.Raw())
		switch tt {
		case html.ErrorToken:
			return h
		case html.TextToken:
			if inTitle {
				h.title += string(z.Text())
			}
		case html.EndTagToken:
			inTitle = false
		case html.DoctypeToken:
			h.standards = strings.EqualFold(string(z.Text()), "html")
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			var attrs []html.Attribute
			// Reading attributes allocates: only those asked about are read.
			wanted := a == atom.Html || a == atom.Main || a == atom.Meta && htmllex.ContainsFold(z.Raw(), "robots") ||
				a == atom.Link && (htmllex.ContainsFold(z.Raw(), "hreflang") || htmllex.ContainsFold(z.Raw(), "canonical"))
			for hasAttr && wanted {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
			}
			switch a {
			case atom.Html:
				h.lang = primaryLang(attrValue(attrs, "lang"))
			case atom.Link:
				switch rel := strings.ToLower(attrValue(attrs, "rel")); {
				case rel == "canonical" && h.canonical == "":
					h.canonical = sitePath(attrValue(attrs, "href"))
				case rel == "alternate" && attrValue(attrs, "hreflang") != "":
					if l, p := primaryLang(attrValue(attrs, "hreflang")), sitePath(attrValue(attrs, "href")); p != "" && l != "x" {
						if h.alternates == nil {
							h.alternates = map[string]string{}
						}
						if _, seen := h.alternates[l]; !seen {
							h.alternates[l] = p
						}
					}
				}
			case atom.Title:
				inTitle = tt == html.StartTagToken && h.title == ""
			case atom.Meta:
				if strings.EqualFold(attrValue(attrs, "name"), "robots") && strings.Contains(strings.ToLower(attrValue(attrs, "content")), "noindex") {
					h.noindex = true
				}
			case atom.Main:
				h.mainStart = offset
				h.mainAttrs = attrs
				return h
			}
		}
		offset += raw
	}
}

// sections collects a page's text into sections as <main> is read: the
// text before the first h2 or h3, then the text under each.
type sections struct {
	d          *Doc
	text, meta strings.Builder
	cur        Section
	seenH2     bool
}

// out is where text goes: the section's, or the page's meta text.
func (s *sections) out(meta bool) *strings.Builder {
	if meta {
		return &s.meta
	}
	return &s.text
}

// finish ends the last section and keeps the meta text.
func (s *sections) finish() {
	s.flush()
	s.d.Meta = clean(s.meta.String())
}

func (s *sections) flush() {
	s.cur.Text = clean(s.text.String())
	if s.cur.Text != "" || s.cur.HeadingID != "" || len(s.d.Body) == 0 {
		s.d.Body = append(s.d.Body, s.cur)
	}
	s.text.Reset()
}

// heading starts the section of an h2 or h3 with text h.
func (s *sections) heading(id, h string) {
	s.seenH2 = true
	s.flush()
	s.cur = Section{HeadingID: id}
	if id != "" {
		s.d.Headings = append(s.d.Headings, Heading{ID: id, Text: h})
	} else {
		s.text.WriteString(h + " ")
	}
}

// time notes a <time datetime> as the page's date if it comes first,
// before any h2.
func (s *sections) time(datetime string) {
	if s.d.Date == "" && !s.seenH2 {
		s.d.Date = datetime
	}
}

// mainFromTree reads <main> and what follows it, parsed as a fragment.
func mainFromTree(frag []byte, d *Doc) (bool, error) {
	nodes, err := html.ParseFragment(bytes.NewReader(frag), bodyContext)
	if err != nil {
		return false, err
	}
	var main *html.Node
	for _, n := range nodes {
		if n.DataAtom == atom.Main {
			main = n
			break
		}
	}
	if main == nil {
		return false, nil
	}
	s := &sections{d: d}
	var walk func(n *html.Node, meta bool, lang string)
	walk = func(n *html.Node, meta bool, lang string) {
		switch n.Type {
		case html.TextNode:
			s.out(meta).WriteString(n.Data)
			return
		case html.ElementNode:
		default:
			return
		}
		if skipped(n) {
			return
		}
		if _, ok := attrOK(n, "data-search-meta"); ok {
			meta = true
		}
		if l, ok := attrOK(n, "lang"); ok {
			lang = l
		}
		switch n.DataAtom {
		case atom.H1:
			if d.Title == "" {
				d.Title = clean(textOf(n))
				d.ContentLang = lang
				return
			}
		case atom.H2, atom.H3:
			if !meta {
				s.heading(attr(n, "id"), clean(textOf(n)))
				return
			}
		case atom.Time:
			s.time(attr(n, "datetime"))
		}
		block := !inline[n.DataAtom]
		if block {
			s.out(meta).WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, meta, lang)
		}
		if block {
			s.out(meta).WriteByte(' ')
		}
	}
	for c := main.FirstChild; c != nil; c = c.NextSibling {
		walk(c, false, attr(main, "lang"))
	}
	s.finish()
	return true, nil
}

// mainFromTokens reads the rest of <main> from z, just past its start tag,
// as mainFromTree would, keeping a stack of open elements to know where each
// ends. It gives up, leaving d as it was, on anything whose reading needs
// the tree builder's rules: an end tag that does not close the element
// open, an implied end tag other than the common ones (a <p>, <li>, <dt>,
// <dd>, <option> or table part closed by what follows or by its parent),
// a heading in a heading, text or elements in a table outside its cells,
// an element outside ordinary content (plainStart), markup that would end
// SVG or that only a tree builder reads in it, or a NUL byte. Pages
// without <!doctype html> (quirks mode) are read as a tree. On the site's
// own pages it gives up on none but a few SVG maps; TestMainFromTokens*
// and FuzzMainFromTokens hold it to the tree's reading.
func mainFromTokens(z htmllex.Reader, d *Doc, mainLang string) bool {
	out := *d
	s := &sections{d: &out}
	var open []atom.Atom   // below <main>
	skipUntil := len(open) // while skipping, the depth at which it ends
	skipping := false
	foreignAt := -1          // the depth of the outermost open <svg> or <math>
	var head strings.Builder // the text of the heading being read
	headAt, headID := -1, "" // its depth, when one is read
	isH1 := false
	metaAt := -1 // the depth of the outermost open data-search-meta element
	type langAt struct {
		depth int
		lang  string
	}
	langs := []langAt{{-1, mainLang}} // the open elements' lang attributes
	// close pops the elements above depth n, as their end tags would.
	close := func(n int) {
		for len(open) > n {
			a := open[len(open)-1]
			open = open[:len(open)-1]
			if len(open) <= foreignAt {
				foreignAt = -1
			}
			if l := langs[len(langs)-1]; l.depth >= len(open) {
				langs = langs[:len(langs)-1]
			}
			inMeta := metaAt >= 0 && len(open) >= metaAt
			if len(open) == metaAt {
				metaAt = -1
			}
			if skipping && len(open) == skipUntil {
				skipping = false
				continue
			}
			if skipping {
				continue
			}
			if headAt >= 0 && len(open) == headAt {
				h := clean(head.String())
				head.Reset()
				headAt = -1
				if isH1 {
					out.Title = h
				} else {
					s.heading(headID, h)
				}
				continue
			}
			if !inline[a] && headAt < 0 {
				s.out(inMeta).WriteByte(' ')
			}
		}
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return false
			}
			close(0)
			s.finish()
			*d = out
			return true
		case html.TextToken:
			t := z.Text()
			if bytes.IndexByte(t, 0) >= 0 {
				return false
			}
			if foreignAt >= 0 && bytes.IndexByte(t, '<') >= 0 {
				return false // raw text to the tokenizer, markup in SVG
			}
			if skipping {
				continue
			}
			if n := len(open); n > 0 && tablePart[open[n-1]] && len(bytes.Trim(t, " \t\n\f\r")) > 0 {
				return false // foster-parented by a tree builder
			}
			if headAt >= 0 {
				head.Write(t)
			} else {
				s.out(metaAt >= 0).Write(t)
			}
		case html.CommentToken:
			if foreignAt >= 0 {
				return false // perhaps CDATA, which only a tree builder reads in SVG
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if foreignAt >= 0 {
				// In SVG and MathML an end tag closes the nearest open
				// element of its name.
				i := len(open) - 1
				for i > foreignAt && open[i] != a {
					i--
				}
				if open[i] != a {
					return false
				}
				close(i)
				continue
			}
			if a == atom.Main && !skipping {
				for _, o := range open {
					switch o {
					case atom.Table, atom.Td, atom.Th, atom.Caption, atom.Template, atom.Object, atom.Marquee, atom.Applet:
						return false // <main> is out of scope: a tree builder ignores </main>
					}
				}
				close(0)
				s.finish()
				*d = out
				return true
			}
			if voidElement[a] {
				return false // </br> is a <br> to a tree builder
			}
			// The element it closes, past those whose end tags may be left out.
			i := len(open) - 1
			for i >= 0 && open[i] != a && optionalEnd[open[i]] {
				i--
			}
			if i < 0 || open[i] != a {
				return false
			}
			if i < len(open)-1 && !impliedByParentEnd(open[i+1:], a) {
				return false
			}
			close(i)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if foreignAt >= 0 {
				if breakout[a] || (rawText[a] && a != atom.Title) {
					return false // a tree builder leaves SVG, or reads markup
				}
				if tt == html.StartTagToken {
					open = append(open, a)
				}
				continue
			}
			if !plainStart(a, open) {
				return false
			}
			// Implied end tags: the start tag closes the open elements whose
			// end tags were left out and that it ends (a cell, then its row).
			for n := len(open); n > 0 && optionalEnd[open[n-1]] && closesOpen(open[n-1], a); n = len(open) {
				close(n - 1)
			}
			if endsDeeper(open, a) {
				return false
			}
			void := voidElement[a] || (tt == html.SelfClosingTagToken && (a == atom.Svg || a == atom.Math))
			if tt == html.SelfClosingTagToken && !void {
				return false // the tree builder ignores the slash
			}
			if skipping {
				if !void {
					open = append(open, a)
					if a == atom.Svg || a == atom.Math {
						foreignAt = len(open) - 1
					}
				}
				continue
			}
			var id, datetime, lang string
			skip, meta, hasLang := skippedByName(a), false, false
			if hasAttr && !attrsRead(z) && !askedAbout(z.Raw()) {
				hasAttr = false // reading attributes allocates with the tokenizer (not the lexer)
			}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "id":
					id = string(v)
				case "datetime":
					datetime = string(v)
				case "lang":
					lang, hasLang = string(v), true
				case "data-search-meta":
					meta = true
				case "hidden", "data-search-ignore", "data-pagefind-ignore":
					skip = true
				case "aria-hidden":
					skip = skip || string(v) == "true"
				}
			}
			if skip {
				if void {
					continue
				}
				skipUntil = len(open)
				skipping = true
				open = append(open, a)
				if a == atom.Svg || a == atom.Math {
					foreignAt = len(open) - 1
				}
				continue
			}
			if headAt >= 0 {
				if a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6 {
					return false
				}
				if !void {
					open = append(open, a)
				}
				continue
			}
			if hasLang && !void {
				langs = append(langs, langAt{len(open), lang})
			}
			inMeta := metaAt >= 0 || meta
			switch {
			case a == atom.H1 && out.Title == "", (a == atom.H2 || a == atom.H3) && !inMeta:
				if void {
					return false
				}
				isH1, headID, headAt = a == atom.H1, id, len(open)
				if isH1 {
					out.ContentLang = langs[len(langs)-1].lang
				}
				open = append(open, a)
				continue
			case a == atom.Time:
				s.time(datetime)
			}
			if meta && metaAt < 0 && !void {
				metaAt = len(open)
			}
			if !inline[a] {
				s.out(inMeta).WriteByte(' ')
			}
			if void {
				if !inline[a] {
					s.out(inMeta).WriteByte(' ')
				}
				continue
			}
			open = append(open, a)
		}
	}
}

// attrValue is the value of the first attribute named key.
func attrValue(attrs []html.Attribute, key string) string {
	for _, a := range attrs {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Dfn: true, atom.Em: true, atom.I: true, atom.Kbd: true,
	atom.Mark: true, atom.Q: true, atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true,
	atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true, atom.Var: true,
	atom.Wbr: true,
}

// skipped reports elements whose text is not the page's content.
func skipped(n *html.Node) bool {
	if skippedByName(n.DataAtom) {
		return true
	}
	for _, k := range []string{"hidden", "data-search-ignore", "data-pagefind-ignore"} {
		if _, ok := attrOK(n, k); ok {
			return true
		}
	}
	return n.Data == "svg" || attr(n, "aria-hidden") == "true"
}

func skippedByName(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Nav, atom.Form,
		atom.Button, atom.Select, atom.Textarea, atom.Input, atom.Iframe, atom.Math, atom.Pre:
		return true
	}
	return false
}

// voidElement: elements without content or end tag.
var voidElement = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true,
}

// optionalEnd: elements whose end tag HTML lets a minifier leave out,
// inside a page's <main>.
var optionalEnd = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Option: true, atom.Optgroup: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true,
	atom.Caption: true, atom.Colgroup: true, atom.Rt: true, atom.Rp: true,
}

// closesP are the start tags that end an open <p>.
var closesP = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Details: true,
	atom.Div: true, atom.Dl: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Menu: true,
	atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true,
	atom.Ul: true, atom.Search: true, atom.Main: true,
}

// closesOpen says whether a start tag of next ends an open element whose
// end tag was left out: a sibling after a sibling, a block after a
// paragraph, a table part after a cell, row or caption.
func closesOpen(open, next atom.Atom) bool {
	switch open {
	case atom.P:
		return closesP[next] || next == atom.Li || next == atom.Dt || next == atom.Dd
	case atom.Li:
		return next == atom.Li
	case atom.Dt, atom.Dd:
		return next == atom.Dt || next == atom.Dd
	case atom.Option:
		return next == atom.Option || next == atom.Optgroup
	case atom.Optgroup:
		return next == atom.Optgroup
	case atom.Td, atom.Th:
		return next == atom.Td || next == atom.Th || next == atom.Tr || next == atom.Tbody || next == atom.Thead || next == atom.Tfoot
	case atom.Tr:
		return next == atom.Tr || next == atom.Tbody || next == atom.Thead || next == atom.Tfoot
	case atom.Thead, atom.Tbody, atom.Tfoot:
		return next == atom.Tbody || next == atom.Thead || next == atom.Tfoot
	case atom.Caption:
		switch next {
		case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
			return true
		}
	}
	return false
}

// scopeEnd: elements past which a start tag does not look for an element
// to close (roughly HTML's scopes; closer is safer, as it only means the
// tree builder reads the page).
var scopeEnd = map[atom.Atom]bool{
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Table: true, atom.Button: true, atom.Td: true,
	atom.Th: true, atom.Caption: true, atom.Template: true, atom.Select: true,
}

// endsDeeper says whether next would end an element below the top of the
// stack, which a tree builder does by closing what is above it too.
func endsDeeper(open []atom.Atom, next atom.Atom) bool {
	for i := len(open) - 1; i >= 0; i-- {
		if optionalEnd[open[i]] && closesOpen(open[i], next) {
			return true
		}
		if scopeEnd[open[i]] {
			return false
		}
	}
	return false
}

// impliedByParentEnd says whether the end tag of parent closes the open
// elements above it, as a tree builder would: a <p> in any element, items
// in their list, cells in their row and rows in their table.
func impliedByParentEnd(closed []atom.Atom, parent atom.Atom) bool {
	for _, a := range closed {
		if !optionalEnd[a] {
			return false
		}
		if scopeEnd[a] && !tablePart[parent] {
			return false // a cell or caption stays open past other end tags
		}
	}
	return true
}

// tablePart: the parts of a table that close its cells, and in which a
// tree builder moves text and other elements out of the table.
var tablePart = map[atom.Atom]bool{
	atom.Table: true, atom.Thead: true, atom.Tbody: true, atom.Tfoot: true, atom.Tr: true,
}

// plainStart says whether a start tag of a, with open elements open, is
// one a tree builder just opens: an element of ordinary content, and the
// parts of a table inside a table. Others (<html>, <body>, <a> in <a>,
// <image>, custom elements, ...) it treats in ways of its own.
func plainStart(a atom.Atom, open []atom.Atom) bool {
	top := atom.Atom(0)
	if len(open) > 0 {
		top = open[len(open)-1]
	}
	switch a {
	case atom.Tr:
		return tablePart[top]
	case atom.Td, atom.Th:
		return top == atom.Tr
	case atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption:
		return top == atom.Table
	case atom.A:
		return !slices.Contains(open, atom.A)
	}
	if tablePart[top] && a != atom.Table {
		return false // anything else in a table is moved out of it
	}
	return plainElement[a]
}

// askedAbout says whether a raw start tag may hold an attribute that
// mainFromTokens reads.
func askedAbout(raw []byte) bool {
	for _, k := range [...]string{"id", "hidden", "datetime", "ignore", "lang", "meta"} {
		if htmllex.ContainsFold(raw, k) {
			return true
		}
	}
	return false
}

// breakout: the start tags that end SVG or MathML content, to a tree
// builder.
var breakout = map[atom.Atom]bool{
	atom.B: true, atom.Big: true, atom.Blockquote: true, atom.Body: true, atom.Br: true, atom.Center: true,
	atom.Code: true, atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Em: true,
	atom.Embed: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Head: true, atom.Hr: true, atom.I: true, atom.Img: true, atom.Li: true,
	atom.Listing: true, atom.Menu: true, atom.Meta: true, atom.Nobr: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Ruby: true, atom.S: true, atom.Small: true, atom.Span: true, atom.Strong: true,
	atom.Strike: true, atom.Sub: true, atom.Sup: true, atom.Table: true, atom.Tt: true, atom.U: true,
	atom.Ul: true, atom.Var: true, atom.Font: true,
}

// rawText: elements whose content the tokenizer reads as text; in SVG a
// tree builder reads it as markup.
var rawText = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Textarea: true, atom.Title: true, atom.Xmp: true,
	atom.Iframe: true, atom.Noembed: true, atom.Noframes: true, atom.Noscript: true, atom.Plaintext: true,
}

// plainElement: the elements of ordinary content.
var plainElement = func() map[atom.Atom]bool {
	m := map[atom.Atom]bool{}
	for _, a := range []atom.Atom{
		atom.A, atom.Abbr, atom.Address, atom.Article, atom.Aside, atom.Audio, atom.B, atom.Bdi, atom.Bdo,
		atom.Blockquote, atom.Br, atom.Button, atom.Cite, atom.Code, atom.Data, atom.Dd, atom.Del,
		atom.Details, atom.Dfn, atom.Div, atom.Dl, atom.Dt, atom.Em, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hr, atom.I, atom.Iframe, atom.Img, atom.Input, atom.Ins, atom.Kbd, atom.Label, atom.Li,
		atom.Mark, atom.Math, atom.Meter, atom.Nav, atom.Noscript, atom.Ol, atom.Output, atom.P,
		atom.Picture, atom.Pre, atom.Progress, atom.Q, atom.S, atom.Samp, atom.Script, atom.Section,
		atom.Select, atom.Small, atom.Source, atom.Span, atom.Strong, atom.Style, atom.Sub,
		atom.Summary, atom.Sup, atom.Svg, atom.Table, atom.Template, atom.Textarea, atom.Time, atom.U,
		atom.Ul, atom.Var, atom.Video, atom.Wbr, atom.Option, atom.Optgroup,
	} {
		m[a] = true
	}
	return m
}()

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode && skipped(n) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// parseFacets reads "type=story;region=africa;sector=health,education".
func parseFacets(s string) map[string][]string {
	out := map[string][]string{}
	for _, part := range strings.Split(s, ";") {
		k, v, ok := strings.Cut(part, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			continue
		}
		for _, x := range strings.Split(v, ",") {
			if x = strings.TrimSpace(x); x != "" {
				out[k] = append(out[k], x)
			}
		}
	}
	return out
}
