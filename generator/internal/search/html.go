package search

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// DocsFromHTML reads the pages of a built site: each .html file under
// publicDir in one of langs (all of Langs when empty), by the primary tag of
// <html lang>. It reads <main>: the first <h1> as the title, <h2> and <h3>
// with their ids as headings that start sections, the text of the rest
// (without scripts, SVG, navigation, forms or anything hidden), the facets
// of its data-facets attribute ("type=story;region=africa;sector=health,
// education;year=2013"; a date= key sets Date), and otherwise the first
// <time datetime> before any <h2> as the date. Pages without <main>, with
// robots noindex, with data-search-ignore on <main> (the search page
// itself), or named 404.html are left out. Docs come in URL order.
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
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(paths); i += workers {
				out[i].d, out[i].ok, out[i].err = docFromFile(publicDir, paths[i], keepNoIndex)
			}
		}()
	}
	wg.Wait()
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
	url := "/" + filepath.ToSlash(rel)
	if strings.HasSuffix(url, "/index.html") || url == "/index.html" {
		url = strings.TrimSuffix(url, "index.html")
	}
	d, ok, err := docFromHTML(b, url, keepNoIndex)
	return d, ok, err
}

// bodyContext is where <main> is parsed: as the child of <body> it is.
var bodyContext = &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}

// docFromHTML reads a page in two steps, as building a tree of the whole
// page was most of the cost of indexing a large site: a tokenizer reads
// what comes before <main> (the language, robots and the <title>), then
// only <main> and what follows it is parsed, as a fragment of <body>.
func docFromHTML(page []byte, url string, keepNoIndex bool) (Doc, bool, error) {
	d := Doc{URL: url}
	title := ""
	noindex := false
	start := -1
	z := html.NewTokenizer(bytes.NewReader(page))
	offset, inTitle := 0, false
scan:
	for {
		tt := z.Next()
		raw := len(z.Raw())
		switch tt {
		case html.ErrorToken:
			break scan
		case html.TextToken:
			if inTitle {
				title += string(z.Text())
			}
		case html.EndTagToken:
			inTitle = false
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.DataAtom {
			case atom.Html:
				lang, _, _ := strings.Cut(tokenAttr(tok, "lang"), "-")
				d.Lang = strings.ToLower(lang)
			case atom.Title:
				inTitle = tt == html.StartTagToken && title == ""
			case atom.Meta:
				if strings.EqualFold(tokenAttr(tok, "name"), "robots") && strings.Contains(strings.ToLower(tokenAttr(tok, "content")), "noindex") {
					noindex = true
				}
			case atom.Main:
				start = offset
				break scan
			}
		}
		offset += raw
	}
	if start < 0 || (noindex && !keepNoIndex) || !supported(d.Lang) {
		return d, false, nil
	}
	nodes, err := html.ParseFragment(bytes.NewReader(page[start:]), bodyContext)
	if err != nil {
		return d, false, err
	}
	var main *html.Node
	for _, n := range nodes {
		if n.DataAtom == atom.Main {
			main = n
			break
		}
	}
	if main == nil || skipped(main) {
		return d, false, nil
	}
	d.Facets = parseFacets(attr(main, "data-facets"))
	if dates := d.Facets["date"]; len(dates) > 0 {
		d.Date = dates[0]
		delete(d.Facets, "date")
	}

	var text strings.Builder
	cur := Section{}
	seenH2 := false
	flush := func() {
		cur.Text = clean(text.String())
		if cur.Text != "" || cur.HeadingID != "" || len(d.Body) == 0 {
			d.Body = append(d.Body, cur)
		}
		text.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			text.WriteString(n.Data)
			return
		case html.ElementNode:
		default:
			return
		}
		if skipped(n) {
			return
		}
		switch n.DataAtom {
		case atom.H1:
			if d.Title == "" {
				d.Title = clean(textOf(n))
				return
			}
		case atom.H2, atom.H3:
			seenH2 = true
			flush()
			h := clean(textOf(n))
			cur = Section{HeadingID: attr(n, "id")}
			if cur.HeadingID != "" {
				d.Headings = append(d.Headings, Heading{ID: cur.HeadingID, Text: h})
			} else {
				text.WriteString(h + " ")
			}
			return
		case atom.Time:
			if d.Date == "" && !seenH2 {
				d.Date = attr(n, "datetime")
			}
		}
		block := !inline[n.DataAtom]
		if block {
			text.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			text.WriteByte(' ')
		}
	}
	for c := main.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	flush()
	if d.Title == "" {
		d.Title = clean(title)
	}
	return d, true, nil
}

func tokenAttr(t html.Token, key string) string {
	for _, a := range t.Attr {
		if a.Namespace == "" && a.Key == key {
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
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Nav, atom.Form,
		atom.Button, atom.Select, atom.Textarea, atom.Input, atom.Iframe, atom.Math, atom.Pre:
		return true
	}
	for _, k := range []string{"hidden", "data-search-ignore", "data-pagefind-ignore"} {
		if _, ok := attrOK(n, k); ok {
			return true
		}
	}
	return n.Data == "svg" || attr(n, "aria-hidden") == "true"
}

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
