// Package audit looks at a rendered site the way a crawler and a phone on a
// slow network do: every internal link, asset and #fragment must resolve,
// and every page must stay within its byte budget. It reads the published
// files only, so it checks what ships, whatever produced it.
package audit

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/itu-d/portal/generator/internal/htmllex"
	"github.com/itu-d/portal/generator/internal/par"
)

// Site is a scanned output folder.
type Site struct {
	Dir   string
	Host  string // the site's own host (from its base URL): links to it are internal
	Pages []*Page
	files map[string]bool            // every file, by URL path
	index map[string]string          // what a folder's URL path serves: its index.html (see resolve)
	ids   map[string]map[string]bool // fragment targets by URL path of the page
	gzMu  sync.Mutex
	gz    map[string]int // gzip size by URL path, computed on demand
}

// Page is one HTML file and what it refers to.
type Page struct {
	Path  string // URL path, e.g. /fr/stories/x/
	File  string // file relative to Dir
	Type  string // data-page-type of <body>
	Links []Link
	Raw   int // bytes as written
	HTML  int // bytes after gzip; -1 until weighed (see Site.htmlSize)
	// Refused: html/template wrote "ZgotmplZ" where a template gave it a
	// value unsafe in its context (a string where an attribute belongs,
	// say): the page shows the placeholder instead.
	Refused bool
}

// Link is one reference from a page.
type Link struct {
	Href string // as written
	Kind string // "a", "css", "js", "img", "font" (a preloaded font), "link", "meta"
	// Target is the URL path it resolves to ("" when external), Fragment its #part.
	Target, Fragment string
	External         bool
	// Hreflang labels a link to a page in another language (<a hreflang>).
	Hreflang string
}

// Scan reads every HTML file under dir, two at a time.
func Scan(dir, baseURL string) (*Site, error) { return ScanWith(dir, baseURL, nil) }

// PageFunc reads a page while the audit does: file is its URL path
// ("/fr/stories/x/index.html"), r its tokens, which the audit reads as
// they pass and then to the end. r is a lexer that may give up
// (htmllex.ErrGaveUp), leaving the page to be read from page itself.
type PageFunc func(file string, page []byte, r htmllex.Reader)

// ScanWith is Scan, handing each HTML page to also as it reads it (from
// several goroutines): another reader of every page lexes it once with
// the audit. The folders named in skip (slash paths under dir) are left
// out, as if they were not there.
func ScanWith(dir, baseURL string, also PageFunc, skip ...string) (*Site, error) {
	s := &Site{Dir: dir, files: map[string]bool{}, ids: map[string]map[string]bool{}, gz: map[string]int{}}
	if u, err := url.Parse(baseURL); err == nil {
		s.Host = u.Host
	}
	var htmlFiles []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			if slices.Contains(skip, filepath.ToSlash(rel)) {
				return filepath.SkipDir
			}
			return nil
		}
		rel = "/" + filepath.ToSlash(rel)
		s.files[rel] = true
		if strings.HasSuffix(rel, ".html") {
			htmlFiles = append(htmlFiles, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(htmlFiles)
	s.index = indexFiles(htmlFiles)
	// Reading and tokenizing is the work; s.files is only read meanwhile,
	// and each page's ids are merged into s.ids afterwards.
	type scanned struct {
		p   *Page
		ids map[string]bool
		err error
	}
	out := make([]scanned, len(htmlFiles))
	par.For(len(htmlFiles), func(i int) {
		p, ids, err := s.scanPage(htmlFiles[i], also)
		out[i] = scanned{p, ids, err}
	})
	for i, r := range out {
		if r.err != nil {
			return nil, r.err
		}
		s.ids[r.p.Path] = r.ids
		s.ids[htmlFiles[i]] = r.ids
		s.Pages = append(s.Pages, r.p)
	}
	return s, nil
}

func (s *Site) scanPage(file string, also PageFunc) (*Page, map[string]bool, error) {
	b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(file)))
	if err != nil {
		return nil, nil, err
	}
	var read func(htmllex.Reader)
	if also != nil {
		read = func(r htmllex.Reader) { also(file, b, r) }
	}
	p, ids := s.readPage(file, b, true, read)
	return p, ids, nil
}

// refused says whether html/template's placeholder is in a page: as
// written in URLs and text, lower-cased where minifying writes it as an
// attribute's name.
func refused(b []byte) bool {
	return bytes.Contains(b, []byte("ZgotmplZ")) || bytes.Contains(b, []byte("zgotmplz"))
}

// readPage gathers what the audit needs of the page at file (its URL path
// under the site): its type, ids and links. fast reads it with lexTags
// where that can, handing the tokens to also first; the reference reads it
// with tokenizeTags only.
func (s *Site) readPage(file string, b []byte, fast bool, also func(htmllex.Reader)) (*Page, map[string]bool) {
	urlPath := strings.TrimSuffix(file, "index.html")
	p := &Page{Path: urlPath, File: strings.TrimPrefix(file, "/"), Raw: len(b), HTML: -1, Refused: refused(b)}
	ids := map[string]bool{}
	visit := func(name []byte, attrs []attr) {
		get := func(k string) (string, bool) {
			for _, a := range attrs {
				if string(a[0]) == k {
					return string(a[1]), true
				}
			}
			return "", false
		}
		if id, ok := get("id"); ok {
			ids[id] = true
		}
		switch string(name) {
		case "body":
			p.Type, _ = get("data-page-type")
		case "a":
			if n, ok := get("name"); ok {
				ids[n] = true
			}
			if h, ok := get("href"); ok {
				l := s.link(urlPath, h, "a")
				l.Hreflang, _ = get("hreflang")
				p.Links = append(p.Links, l)
			}
		case "link":
			kind := "link"
			if rel, _ := get("rel"); rel == "stylesheet" {
				kind = "css"
			} else if as, _ := get("as"); rel == "preload" && as == "font" {
				kind = "font"
			}
			if h, ok := get("href"); ok {
				p.Links = append(p.Links, s.link(urlPath, h, kind))
			}
		case "script":
			if h, ok := get("src"); ok {
				p.Links = append(p.Links, s.link(urlPath, h, "js"))
			}
		case "img", "source":
			if h, ok := get("src"); ok {
				p.Links = append(p.Links, s.link(urlPath, h, "img"))
			}
			if set, ok := get("srcset"); ok {
				for _, c := range parseSrcset(set) {
					l := s.link(urlPath, c.url, "srcset")
					l.Kind = "srcset:" + strconv.Itoa(c.width)
					p.Links = append(p.Links, l)
				}
			}
		case "meta":
			prop, _ := get("property")
			nm, _ := get("name")
			if prop == "og:image" || nm == "twitter:image" {
				c, _ := get("content")
				p.Links = append(p.Links, s.link(urlPath, c, "meta"))
			}
		}
	}
	if !fast || !lexTags(b, visit, also) {
		p.Type, p.Links = "", nil
		clear(ids)
		tokenizeTags(b, visit)
	}
	return p, ids
}

// link resolves href against the page's URL path.
func (s *Site) link(base, href, kind string) Link {
	l := Link{Href: href, Kind: kind}
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		l.Target = "\x00invalid"
		return l
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		l.External = true // mailto:, tel:, data:
		return l
	}
	if u.Host != "" && u.Host != s.Host {
		l.External = true
		return l
	}
	ref := u.EscapedPath()
	if dec, err := url.PathUnescape(ref); err == nil {
		ref = dec
	}
	switch {
	case ref == "":
		ref = base
	case !strings.HasPrefix(ref, "/"):
		ref = path.Join(path.Dir(base+"x"), ref)
		if strings.HasSuffix(u.Path, "/") {
			ref += "/"
		}
	}
	l.Target, l.Fragment = ref, u.Fragment
	return l
}

type candidate struct {
	url   string
	width int
}

func parseSrcset(set string) []candidate {
	var out []candidate
	for _, part := range strings.Split(set, ",") {
		f := strings.Fields(part)
		if len(f) == 0 {
			continue
		}
		c := candidate{url: f[0]}
		if len(f) > 1 && strings.HasSuffix(f[1], "w") {
			c.width, _ = strconv.Atoi(strings.TrimSuffix(f[1], "w"))
		}
		out = append(out, c)
	}
	return out
}

// resolve finds the file a URL path names, as a static host serves it:
// the file itself, else target+"index.html", else the index.html of the
// folder target names without its slash. The last two are looked up in
// s.index, made once, rather than built as strings for every link.
func (s *Site) resolve(target string) (string, bool) {
	if s.files[target] {
		return target, true
	}
	f, ok := s.index[target]
	return f, ok
}

// indexFiles maps each URL path that resolve answers with an index.html to
// it: the path before "index.html" and, unless that is taken, the folder's
// path without its slash.
func indexFiles(htmlFiles []string) map[string]string {
	m := map[string]string{}
	for _, f := range htmlFiles {
		if prefix, ok := strings.CutSuffix(f, "index.html"); ok {
			m[prefix] = f
		}
	}
	for _, f := range htmlFiles {
		if dir, ok := strings.CutSuffix(f, "/index.html"); ok {
			if _, taken := m[dir]; !taken {
				m[dir] = f
			}
		}
	}
	return m
}

// Broken is a reference that does not resolve.
type Broken struct {
	Page *Page
	Link Link
	Why  string
}

// BrokenLinks lists internal links, assets and fragments that do not resolve.
func (s *Site) BrokenLinks() []Broken {
	var out []Broken
	for _, p := range s.Pages {
		for _, l := range p.Links {
			if l.External {
				continue
			}
			file, ok := s.resolve(l.Target)
			if !ok {
				out = append(out, Broken{p, l, "does not resolve"})
				continue
			}
			if l.Fragment != "" && strings.HasSuffix(file, ".html") {
				if ids := s.ids[file]; !ids[l.Fragment] {
					out = append(out, Broken{p, l, "points to #" + l.Fragment + ", which the page does not have"})
				}
			}
		}
	}
	return out
}

// External lists the distinct external http(s) links, sorted.
func (s *Site) External() []string {
	seen := map[string]bool{}
	for _, p := range s.Pages {
		for _, l := range p.Links {
			if l.External && strings.HasPrefix(l.Href, "http") {
				seen[l.Href] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for h := range seen {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}

// gzipSize is the size of b after gzip at its best compression.
func gzipSize(b []byte) int { return compressedSize(&bestWriters, b) }

// gzipFastSize is the size of b after gzip at its fastest (level 1), in
// half the time of the best (level 9) and never smaller: on the 20,000
// pages of a generated portal, level 9 was smaller for every page, by up
// to 14%.
func gzipFastSize(b []byte) int { return compressedSize(&fastWriters, b) }

func compressedSize(pool *sync.Pool, b []byte) int {
	var n byteCount
	w := pool.Get().(*gzip.Writer)
	defer pool.Put(w)
	w.Reset(&n)
	w.Write(b)
	w.Close()
	return int(n)
}

// A compressor's state is about a megabyte to make: they are pooled.
var bestWriters, fastWriters = gzipPool(gzip.BestCompression), gzipPool(gzip.BestSpeed)

func gzipPool(level int) sync.Pool {
	return sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, level)
		return w
	}}
}

// byteCount is a writer that only counts.
type byteCount int

func (c *byteCount) Write(p []byte) (int, error) {
	*c += byteCount(len(p))
	return len(p), nil
}

func (s *Site) gzipOf(urlPath string) int {
	s.gzMu.Lock()
	n, ok := s.gz[urlPath]
	s.gzMu.Unlock()
	if ok {
		return n
	}
	if b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(urlPath))); err == nil {
		n = gzipSize(b)
	}
	s.gzMu.Lock()
	s.gz[urlPath] = n
	s.gzMu.Unlock()
	return n
}

// fastHTMLSize is a page's HTML after gzip at level 1 (see gzipFastSize):
// an upper bound of htmlSize, not kept.
func (s *Site) fastHTMLSize(p *Page) int {
	b, err := os.ReadFile(filepath.Join(s.Dir, filepath.FromSlash(p.File)))
	if err != nil {
		return 0
	}
	return gzipFastSize(b)
}

// htmlSize is a page's HTML after gzip, compressed once on first use.
func (s *Site) htmlSize(p *Page) int {
	if p.HTML < 0 {
		p.HTML = s.gzipOf("/" + p.File)
	}
	return p.HTML
}

// CrossLanguage lists the links of a page that lead into another
// language's site without saying so (an <a> with no hreflang): every
// language site is whole, so the interface of one language links to pages
// of another only in the language switcher and in labelled alternates.
// langs are the site's languages, the default language (served at the
// root) first; a URL path's language is its first segment, or the default.
func (s *Site) CrossLanguage(langs []string) []Broken {
	langOf := func(p string) string {
		first, _, _ := strings.Cut(strings.TrimPrefix(p, "/"), "/")
		for _, l := range langs[1:] {
			if first == l {
				return l
			}
		}
		return langs[0]
	}
	var out []Broken
	for _, p := range s.Pages {
		from := langOf(p.Path)
		for _, l := range p.Links {
			if l.External || l.Kind != "a" || l.Hreflang != "" {
				continue
			}
			file, ok := s.resolve(l.Target)
			if !ok || !strings.HasSuffix(file, ".html") {
				continue // a download or a broken link, reported as such
			}
			if to := langOf(l.Target); to != from {
				out = append(out, Broken{p, l, "leads into the " + to + " site without hreflang"})
			}
		}
	}
	return out
}
