package search

import (
	"strings"

	"golang.org/x/net/html"

	"github.com/itu-d/portal/generator/internal/htmllex"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// mainSamples are pages to read both ways: the test site's, and pieces of
// <main> that take the tree builder's rules.
func mainSamples(t testing.TB) []string {
	var out []string
	err := filepath.WalkDir("testdata/site", func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && filepath.Ext(p) == ".html" {
			b, err := os.ReadFile(p)
			out = append(out, string(b))
			return err
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{
		`<h1>T</h1><p>a<p>b<ul><li>one<li>two</ul><dl><dt>k<dd>v<dt>k2<dd>v2</dl>`,
		`<h1>T <span aria-hidden=true>x</span>y</h1><h2 id=a>A<svg><path d=M0/></svg></h2>text<h3>B</h3>more`,
		`<table><caption>c<thead><tr><th>h<th>i<tbody><tr><td>1<td>2<tr><td>3</table>after`,
		`<p hidden>gone</p><div hidden>gone<p>still gone</div><nav>menu</nav><p>kept<br>line<img alt=x>end`,
		`<time datetime=2024-01-02>Jan</time><h2 id=x>X</h2><time datetime=2025>later</time>`,
		`<p>a</br>b`, `<p>a<li>b`, `<table>fostered<tr><td>x</table>`, `<div><span/>x</div>`, `<h2>a<h3>b</h3></h2>`,
		`<p>unclosed <b>bold<p>next`, `<li hidden>x<li>y`, `<main>nested</main>`, "<p>nul\x00</p>",
		`<h1>First</h1><h1>Second</h1><pre>code</pre><select><option>a<option>b</select>`,
		`<ul><li>a<ul><li>b<li>c</ul><li>d</ul><p>x<li>y`, `<p hidden>gone<div>kept</div>`, `<p hidden>gone<span>x<div>y</div></span>`,
		`<table><tr><td>a<div>b<tr><td>c</table>`, `<dl><dt>a<p>b<dd>c</dl>`,
		`<div lang=fr><h1>Titre</h1><p lang=en>x</div><p>y`, `<h1 lang=ar-EG>T</h1><ul data-search-meta><li>m<h2 id=m>M</h2><li>n</ul><p>body`,
		`<section data-search-meta><h2 id=s>S</h2><p>one<p>two</section><h2 id=t>T</h2>three<img data-search-meta alt=x>`,
		`<div data-search-meta><p data-search-meta>a<span lang=fr>b</span></div>c<div lang=zh><h1>second</h1></div>`,
	} {
		out = append(out, `<!doctype html><html lang=en><title>Page</title><body><main data-facets="type=page">`+m+`</main><footer>f</footer>`)
	}
	return out
}

// TestMainFromTokensMatchesTree: where the tokenizer reads <main>, it
// reads what the tree builder does.
func TestMainFromTokensMatchesTree(t *testing.T) {
	fast, read := 0, 0
	for _, page := range mainSamples(t) {
		want, wantOK, err := readPage([]byte(page), "/p/", true, byTree)
		if err != nil {
			t.Fatal(err)
		}
		got, gotOK, _ := readPage([]byte(page), "/p/", true, byTokenizer)
		if !reflect.DeepEqual(got, want) || gotOK != wantOK {
			t.Errorf("tokens and tree read differently:\n%.300s\ntokens %+v\ntree   %+v", page, got, want)
		}
		if _, ok := tokensOnly(page); ok {
			fast++
		}
		if wantOK && len(want.Body) > 0 {
			read++
		}
	}
	if fast < 15 || read < 20 {
		t.Errorf("only %d samples were read by the tokenizer, %d read at all", fast, read)
	}
}

// tokensOnly reads page's <main> with the tokenizer alone.
func tokensOnly(page string) (Doc, bool) {
	var d Doc
	z := html.NewTokenizer(strings.NewReader(page))
	h := readHead(z)
	if h.mainStart < 0 {
		return d, false
	}
	ok := mainFromTokens(z, &d, attrValue(h.mainAttrs, "lang"))
	return d, ok
}

func FuzzMainFromTokens(f *testing.F) {
	for _, s := range mainSamples(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		if _, ok := tokensOnly(page); !ok {
			return
		}
		want, _, err := readPage([]byte(page), "/p/", true, byTree)
		if err != nil {
			return
		}
		got, _, _ := readPage([]byte(page), "/p/", true, byTokenizer)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("tokens and tree read differently:\n%q\ntokens %+v\ntree   %+v", page, got, want)
		}
	})
}

// TestLexTokensMatchTree: pages read with the lexer read as the tree
// builder reads them, and the site's own pages take the lexer's road.
func TestLexTokensMatchTree(t *testing.T) {
	lexed := 0
	for _, page := range mainSamples(t) {
		want, wantOK, err := readPage([]byte(page), "/p/", true, byTree)
		if err != nil {
			t.Fatal(err)
		}
		got, gotOK, _ := readPage([]byte(page), "/p/", true, byLexer)
		if !reflect.DeepEqual(got, want) || gotOK != wantOK {
			t.Errorf("lexer and tree read differently:\n%.300s\nlexer %+v\ntree  %+v", page, got, want)
		}
		got, gotOK, _ = DocFromPage("/p/index.html", []byte(page), true, htmllex.New([]byte(page)))
		if !reflect.DeepEqual(got, want) || gotOK != wantOK {
			t.Errorf("a lexer handed in and the tree read differently:\n%.300s\nlexer %+v\ntree  %+v", page, got, want)
		}
		z := htmllex.New([]byte(page))
		for z.Next() != html.ErrorToken {
		}
		if !z.GaveUp() {
			lexed++
		}
	}
	if lexed < 20 {
		t.Errorf("only %d samples were read by the lexer", lexed)
	}
}

func FuzzLexTokens(f *testing.F) {
	for _, s := range mainSamples(f) {
		f.Add(s)
	}
	for _, s := range []string{
		`<!doctype html><html lang=en><main><p title="a&copy=b" id='x&amp;y'>T&amp;C &notit; &#0;</p><textarea>&lt;a&gt;</textarea><script>x&amp;</script></main>`,
		`<!doctype html><html lang=en><main><H2 ID=Up>Up</H2><a/b>x</a><!--> <h2 id=c>c</h2> --><![CDATA[ x ]]><?pi?></main>`,
		`<!doctype html><html lang=en><title>a<b>c</title><main><svg><h2>x</h2></svg><noscript><h2>n</h2></noscript><xmp><h2>x</h2></xmp>`,
		"<!DOCTYPE html><html lang=en><main><p>a\r\nb</p><script>a</scripty>b</script><p x=\"unterminated>",
		`<!doctype  html><html lang=en><main><h1>A</h1><style>p{}</style/><iframe src=x><h2>no</h2></iframe></main>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		want, wantOK, err := readPage([]byte(page), "/p/", true, byTree)
		if err != nil {
			return
		}
		got, gotOK, _ := readPage([]byte(page), "/p/", true, byLexer)
		if !reflect.DeepEqual(got, want) || gotOK != wantOK {
			t.Errorf("lexer and tree read differently:\n%q\nlexer %+v\ntree  %+v", page, got, want)
		}
		got, gotOK, _ = DocFromPage("/p/index.html", []byte(page), true, htmllex.New([]byte(page)))
		if !reflect.DeepEqual(got, want) || gotOK != wantOK {
			t.Errorf("a lexer handed in and the tree read differently:\n%q\nlexer %+v\ntree  %+v", page, got, want)
		}
	})
}

// FuzzClean holds clean to what strings.Fields, Join and ToValidUTF8 make
// of any text.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "  a  b ", "x\u00a0y\u0085z", "\xff\xfe a \xff", "\ufffd\xff", "é\u3000中\t\n", "a\x00b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
		if got := clean(s); got != want {
			t.Errorf("clean(%q) = %q, want %q", s, got, want)
		}
	})
}
