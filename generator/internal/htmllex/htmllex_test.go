package htmllex

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// seeds are pages as Hugo writes them and the corners where the lexer and
// the tokenizer part ways.
var seeds = []string{
	`<!doctype html><html lang=en dir=ltr><head><meta charset=utf-8><title>A &amp; B</title><link rel=canonical href=https://example.org/a/><script type=application/ld+json>{"a":"b"}</script><script src=/js/copy.js defer></script></head><body data-page-type=publication><a class=skip-link href=#main>Skip</a><main id=main tabindex=-1 data-facets="type=publication;year=2017"><h2 id=cite>Cite</h2><p class=citation>M&uuml;ller, A. <i>T</i> <a href="/x/?a=1&amp;b=2#c">x</a><br><img src=/i.png alt=""></p><span class=Z3988 title="ctx_ver=Z39.88-2004&amp;rft.au=M%C3%BCller"></span><details><summary>BibTeX</summary><pre class=chroma><code><span class=nc>@report</span></code></pre></details></main><footer><p>f</p></footer></body></html>`,
	`<a href="?a=1&copy=2">x</a><a href='?a=1&copy;=2'>y</a><a href=?x&amp=1>z</a><p>T&amp;C &notit; &#0;</p>`,
	`<A HREF="/Up/" ID=Top>x</A><IMG SRC=/a.png><a href=x/>x</a><a href= >y</a><a id=a id=b>`,
	`<a/href=/x/>`, `<a href=/x/ / id=y>`, `<a x/ y href=/z/>`, `<!--> x -->`, `<!---> x -->`, `<!-- a --!> b`, `<!-- open`,
	`<![CDATA[ x ]]>`, `<?xml?>`, `</1 x>`, `</>`, `<noscript><a></a></noscript>`, `<textarea><a>&amp;</textarea>`, `<title><a></TITLE >`,
	`<script>if (a<b) {}</script>`, `<script><!--<script></script>--></script>`, `<script>x</scripty></script>`, `<style>a{}</style/>`,
	`<script/>x</script>`, `<xmp><a></xmp>`, `<plaintext><a>`, `<svg><a></a></svg>`, `<math></math>`, "<p>a\r\nb", "<p>\x00",
	`<a href="/unterminated`, `<a data-é=1>`, `<iframe src=x><a></iframe>`, `<!DOCTYPE html>`, `<!doctype  html>`, `<p>a < b</p>`, `<p>a</p x y>`,
}

// tokens lists what a reader gives, adjacent texts joined, with the offset
// at which each token ends: how readers of both kinds are compared.
func tokens(z Reader) []string {
	var out []string
	var text strings.Builder
	offset := 0
	for {
		tt := z.Next()
		offset += len(z.Raw())
		if tt == html.TextToken {
			text.Write(z.Text())
			continue
		}
		if text.Len() > 0 {
			out = append(out, fmt.Sprintf("text %q", text.String()))
			text.Reset()
		}
		switch tt {
		case html.ErrorToken:
			return append(out, "end")
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, more := z.TagName()
			t := fmt.Sprintf("%v %s", tt, name)
			for more && tt != html.EndTagToken {
				var k, v []byte
				k, v, more = z.TagAttr()
				t += fmt.Sprintf(" %s=%q", k, v)
			}
			out = append(out, fmt.Sprintf("%s @%d", t, offset))
		default:
			out = append(out, fmt.Sprintf("%v %q @%d", tt, z.Text(), offset))
		}
	}
}

func compare(t *testing.T, page string) (lexed bool) {
	z := New([]byte(page))
	got := tokens(z)
	if z.GaveUp() {
		return false
	}
	want := tokens(html.NewTokenizer(strings.NewReader(page)))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%q:\nlexer     %q\ntokenizer %q", page, got, want)
	}
	return true
}

func TestLexerMatchesTokenizer(t *testing.T) {
	lexed := 0
	for _, s := range seeds {
		if compare(t, s) {
			lexed++
		}
	}
	if !compare(t, seeds[0]) {
		t.Error("a page as Hugo writes it was left to the tokenizer")
	}
	t.Logf("%d of %d seeds lexed", lexed, len(seeds))
}

func TestLexerLeavesPageAsItIs(t *testing.T) {
	page := []byte(`<A HREF=/X/>`)
	z := New(page)
	for z.Next() != html.ErrorToken {
	}
	if !bytes.Equal(page, []byte(`<A HREF=/X/>`)) {
		t.Errorf("page changed to %q", page)
	}
}

func FuzzLexerMatchesTokenizer(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) { compare(t, page) })
}
