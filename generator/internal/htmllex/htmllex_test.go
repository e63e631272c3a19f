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
	`<button type="submit"><svg class="site-search-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><circle cx="10" cy="10" r="6.5"/><path d="m15 15 6 6"/></svg><span>Search</span></button>`,
	`<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 492" role="img" aria-labelledby="c-t"><title id="c-t">Use &amp; <b></title><desc>From 2% to 93%</desc><g class="chart-plots"><text x="8" text-anchor="end">10%</text><path d="M1 2L3 4"><title>Africa, 2005: 2%</title></path></g></svg></figure><p id=after>x</p>`,
	`<SVG VIEWBOX="0 0 1 1"><LinearGradient ID=g></LinearGradient></SVG >x`, `<svg><text>5" screen</text></svg><a href=/x/>`,
	`<svg><svg></svg></svg>`, `<svg><a>`, `<svg><style>a{}</style><script>x</script></svg>`, `a<svg></svg>b<svg/>c`, `<svg></svgx></svg>`,
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
	for _, s := range seeds {
		if strings.HasPrefix(s, "<!doctype html>") || strings.HasPrefix(s, "<button") || strings.HasPrefix(s, "<figure><svg") {
			if !compare(t, s) {
				t.Errorf("a page as Hugo writes it was left to the tokenizer: %.60q", s)
			}
		}
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
