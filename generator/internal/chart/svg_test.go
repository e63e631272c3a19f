package chart

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/tdewolff/minify/v2"
)

// f must write what FormatFloat writes for the rounded coordinate.
func TestCoordinateText(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	xs := []float64{0, -0.001, 0.004, 0.005, -0.005, 0.1, 0.29, 1, -1, 99.995, 123.456, -123.456, 1e12, 1e13 + 0.25, 4e15, math.NaN(), math.Inf(1)}
	for range 100000 {
		x := (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(16)-2))
		xs = append(xs, x, math.Round(x*10)/10)
	}
	for _, x := range xs {
		want := "0"
		if r := math.Round(x*100) / 100; r != 0 && !math.IsNaN(r) && !math.IsInf(r, 0) {
			want = strconv.FormatFloat(r, 'f', -1, 64)
		}
		if got := f(x); got != want {
			t.Fatalf("f(%v) = %q, want %q", x, got, want)
		}
	}
}

// Text that plainText lets through must be what escaping writes.
func TestPlainText(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []string{"a", "Z", " ", "&", "<", ">", "\"", "'", "\n", "\t", "\x00", "\x7f", "é", "中", "😀", "\ufffe", "\uffff", "\ufffd", "\xef\xbf", "\xff", "\u2066"}
	for range 20000 {
		var s string
		for range rng.IntN(6) {
			s += alphabet[rng.IntN(len(alphabet))]
		}
		if !plainText(s) {
			continue
		}
		for _, inAttr := range []bool{false, true} {
			if b := escapeRunes(nil, s, inAttr); string(b) != s {
				t.Fatalf("plainText(%q), but escaped %q", s, b)
			}
		}
	}
}

// Minified output must be what the SVG minifier makes of the chart, byte
// for byte, so that site output does not depend on which of the two wrote
// it.
func TestMinified(t *testing.T) {
	for _, c := range specCases(t) {
		src, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		langs := []string{"en", "fr", "ar", "zh", "ru"}
		if !slices.Contains(langs, c.lang) {
			langs = append(langs, c.lang)
		}
		for _, lang := range langs {
			for _, w := range []int{200, 320, 480, 640, 1000, 1280} {
				s, probs := ParseSpec(c.path, src)
				if s == nil {
					t.Fatal(probs)
				}
				r := newRenderer(s, Options{Lang: lang, Width: w, LoadCSV: DirLoader(filepath.Dir(c.path)), Geo: testGeo{}})
				root, _ := r.draw()
				if root == nil {
					t.Fatalf("%s: %v", c.path, r.probs.Problems())
				}
				checkMinified(t, fmt.Sprintf("%s/%s/%d", c.name, lang, w), root)
			}
		}
	}
}

// checkMinified compares e.minified() with the SVG minifier's output for e
// written out whole: the same bytes but for path data, which the chart
// shortens itself (pathmin.go), drawing the same and never longer. It
// also checks that minifying the output again changes nothing but path
// data: the minifier's path shortener is not idempotent, as its relative
// coordinates are sums of rounded floats.
func checkMinified(t *testing.T, name string, e *elem) {
	t.Helper()
	var raw svgWriter
	rawOut := raw.elem(nil, e, 0)
	want, err := minifier.Bytes("image/svg+xml", bytes.Clone(rawOut))
	if err != nil {
		t.Fatal(err)
	}
	got := e.minified()
	if i := firstDiff(pathData.ReplaceAll(got, nil), pathData.ReplaceAll(want, nil)); i >= 0 {
		t.Fatalf("%s: minified output differs from the minifier's, path data aside, at byte %d:\n got %q\nwant %q", name, i, excerpt(got, i), excerpt(want, i))
	}
	for _, m := range pathData.FindAllSubmatch(rawOut, -1) {
		d := html.UnescapeString(string(m[1]))
		if _, ok := new(pathShortener).appendShortPath(nil, d); ok {
			checkNotLonger(t, d)
		}
	}
	again, err := minifier.Bytes("image/svg+xml", bytes.Clone(got)) // it rewrites path data in place
	if err != nil {
		t.Fatal(err)
	}
	got, again = pathData.ReplaceAll(got, nil), pathData.ReplaceAll(again, nil)
	if i := firstDiff(again, got); i >= 0 {
		t.Fatalf("%s: minifying the minified output changes more than path data at byte %d:\n got %q\nthen %q", name, i, excerpt(got, i), excerpt(again, i))
	}
}

var pathData = regexp.MustCompile(` d="([^"]*)"`)

// firstDiff is the index of the first byte where a and b differ, or -1.
func firstDiff(a, b []byte) int {
	if bytes.Equal(a, b) {
		return -1
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

func excerpt(b []byte, i int) []byte {
	return b[max(i-60, 0):min(i+60, len(b))]
}

// What plainNumber lets through, minify.Number must leave as it is.
func TestPlainNumber(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var xs []string
	for range 200000 {
		x := (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(22)-4))
		xs = append(xs, f(x), strconv.FormatFloat(x, 'f', -1, 64), strconv.FormatFloat(x, 'f', rng.IntN(4), 64))
	}
	digits := "0123456789."
	for range 200000 {
		b := make([]byte, 1+rng.IntN(20))
		for i := range b {
			b[i] = digits[rng.IntN(len(digits))]
		}
		xs = append(xs, string(b), "-"+string(b))
	}
	n := 0
	for _, s := range xs {
		if !plainNumber(s) {
			continue
		}
		n++
		if got := minify.Number([]byte(s), 0); string(got) != s {
			t.Fatalf("plainNumber(%q), but minify.Number gives %q", s, got)
		}
	}
	if n < 100000 {
		t.Fatalf("only %d plain numbers tried", n)
	}
}

// The writer must also match the minifier on what the test specs do not
// draw: spaces, quotes and markup in texts and attributes, numbers it
// shortens, units.
func TestMinifiedEdges(t *testing.T) {
	r := newRenderer(&Spec{}, Options{})
	values := []string{"", " ", "  a  b  ", "a\tb", "x\ny", `say "hi"`, `it's`, `"q" 'q' "q"`, "a & b < c > d",
		"0", "0.5", "-0.5", "1000", "1200", "12000", "-1000.5", "007", "+3", "1e3", "12px", "0px", "3EM", "50%", ".5", "5.",
		"é ü 中文", "\u2066x\u2069", "var(--chart-1, #0072b2)", "none"}
	for _, v := range values {
		for _, k := range []string{"x", "class", "font-family", "d", "viewBox", "stroke-width"} {
			root := r.el("g", k, v) // the root svg has attributes of the chart's own
			g := r.el("g", "id", v)
			g.text = v
			txt := r.el("text", "x", "0.5")
			txt.text = v
			p := r.el("path", "d", "M0.5 1000L2.25 -0.5Z")
			r.add(root, g, txt, p, r.el("title"))
			root.title = v
			checkMinified(t, fmt.Sprintf("%s=%q", k, v), root)
		}
	}
}
