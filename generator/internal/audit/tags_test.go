package audit

import (
	"bytes"
	"fmt"
	"testing"

	"golang.org/x/net/html"

	"github.com/itu-d/portal/generator/internal/htmllex"
)

// tagSeeds are pages and fragments where the two readers could part ways.
var tagSeeds = []string{
	`<!doctype html><html lang=en><head><meta charset=utf-8><title>A <b> title</title><link rel=canonical href=https://example.org/a/><link rel=stylesheet href=/css/site.css><meta property="og:image" content="/img/a.png"><meta name=twitter:image content=/img/b.png><script type=application/ld+json>{"a":"</p>"}</script><script src=/js/copy.js defer></script></head><body data-page-type=publication><a class=skip-link href=#main>Skip</a><main id=main><h2 id=cite>Cite</h2><p><a href="/x/?a=1&amp;b=2#cite">x</a> <a href=../y/>y</a> <a name=old>old</a><img src=/i.png srcset="/i-400.png 400w, /i-800.png 800w" alt=""></p><span class=Z3988 title="ctx_ver=Z39.88-2004&amp;rft.au=M%C3%BCller"></span></main></body></html>`,
	`<a href="?a=1&copy=2">x</a><a href='?a=1&copy;=2'>y</a><a href=?x&amp=1>z</a>`,
	`<A HREF="/Up/" ID=Top>x</A><IMG SRC=/a.png>`,
	`<a href=x/>x</a><a href= >y</a><a href="">z</a><a id=a id=b>`,
	`<a/href=/x/>`, `<a href=/x/ / id=y>`, `<a x/ y href=/z/>`,
	`<!--> <a href=/hidden/> -->`, `<!---> <a href=/h/> -->`, `<!-- a --!> <a href=/after/>`, `<!-- unterminated <a href=/x/>`,
	`<![CDATA[ <a href=/c/> ]]>`, `<?xml version="1.0"?><a href=/q/>`, `</1 x><a href=/e/>`, `</><a href=/f/>`,
	`<noscript><a href=/ns/></noscript>`, `<textarea><a href=/t/></textarea><a href=/u/>`, `<title><a href=/t/></TITLE ><a href=/v/>`,
	`<script>if (a<b) {}</script><a href=/s/>`, `<script><!--<script></script><a href=/s2/></script>-->`, `<script>x</scripty><a href=/s3/></script>`,
	`<style>a{}</style/><a href=/st/>`, `<script/><a href=/sv/></script>`, `<xmp><a href=/x/></xmp>`, `<plaintext><a href=/p/>`,
	`<svg><a href=/in-svg/ id=g></a><text>5" screen</text></svg><a href=/after-svg/>`, `<math><a href=/m/></math>`,
	"<a href=\"/x\r\ny\">", "<a href=/\x00/>", `<a href="/unterminated`, `<a href=/x/ data-é=1>`,
	`<iframe src=/frame/><a href=/in/></iframe>`, `<img srcset="/a.png 1x, /b.png 2x">`,
}

func readBoth(data []byte) (fast, ref string) {
	s := &Site{Host: "example.org"}
	show := func(p *Page, ids map[string]bool) string {
		return fmt.Sprintf("%q %#v %v", p.Type, p.Links, ids)
	}
	// Another reader takes a few tokens first, as the search index does:
	// the audit must see the same.
	takeSome := func(r htmllex.Reader) {
		for i := 0; i < len(data)%7 && r.Next() != html.ErrorToken; i++ {
		}
	}
	p, ids := s.readPage("/a/b/index.html", bytes.Clone(data), true, takeSome)
	fast = show(p, ids)
	p, ids = s.readPage("/a/b/index.html", bytes.Clone(data), false, nil)
	return fast, show(p, ids)
}

func TestLexTagsMatchesTokenizer(t *testing.T) {
	fastRead := 0
	for _, page := range tagSeeds {
		fast, ref := readBoth([]byte(page))
		if fast != ref {
			t.Errorf("%q:\nfast %s\nref  %s", page, fast, ref)
		}
		if lexTags([]byte(page), func([]byte, []attr) {}, nil) {
			fastRead++
		}
	}
	// The first seed is a page as Hugo writes them: it must take the fast road.
	if !lexTags([]byte(tagSeeds[0]), func([]byte, []attr) {}, nil) {
		t.Error("a plain page fell back to the tokenizer")
	}
	t.Logf("%d of %d seeds read by the lexer", fastRead, len(tagSeeds))
}

func FuzzLexTags(f *testing.F) {
	for _, s := range tagSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if fast, ref := readBoth(data); fast != ref {
			t.Errorf("%q:\nfast %s\nref  %s", data, fast, ref)
		}
	})
}

// A value html/template refused shows as its placeholder: in a URL as
// written, as an attribute's name lower-cased by minifying.
func TestRefusedValue(t *testing.T) {
	s := &Site{}
	for page, want := range map[string]bool{
		`<ul class=figure-list zgotmplz><li>x</ul>`: true,
		`<a href="#ZgotmplZ">x</a>`:                 true,
		`<ul class=figure-list><li>x</ul>`:          false,
	} {
		if p, _ := s.readPage("/a/index.html", []byte(page), true, nil); p.Refused != want {
			t.Errorf("%s: Refused = %v, want %v", page, p.Refused, want)
		}
	}
}

// resolve answers as a static host does: the file, else target+"index.html",
// else the index.html of the folder target names without its slash.
func TestResolve(t *testing.T) {
	html := []string{"/index.html", "/a/index.html", "/a/b/index.html", "/a/bindex.html", "/c/page.html", "/d/index.html"}
	s := &Site{files: map[string]bool{"/x.css": true}, index: indexFiles(html)}
	for _, f := range html {
		s.files[f] = true
	}
	for target, want := range map[string]string{
		"/": "/index.html", "/a/": "/a/index.html", "/a": "/a/index.html", "/a/b/": "/a/b/index.html",
		"/a/b": "/a/bindex.html", "/c/page.html": "/c/page.html", "/c/": "", "/c": "", "/x.css": "/x.css",
		"/d": "/d/index.html", "/d//": "", "/e/": "", "": "/index.html",
	} {
		got, ok := s.resolve(target)
		if got != want || ok != (want != "") {
			t.Errorf("resolve(%q) = %q, %v; want %q", target, got, ok, want)
		}
	}
}
