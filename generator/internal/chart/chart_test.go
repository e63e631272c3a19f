package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/itu-d/portal/generator/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// specCase is one file under testdata/specs; NAME.LANG.ext renders in LANG.
type specCase struct {
	name, path, lang string
}

func specCases(t testing.TB) []specCase {
	t.Helper()
	var out []specCase
	for _, pat := range []string{"*.json", "*.yaml"} {
		files, err := filepath.Glob(filepath.Join("testdata", "specs", pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range files {
			base := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
			lang := "en"
			if i := strings.LastIndexByte(base, '.'); i >= 0 && slices.Contains(langs, base[i+1:]) {
				lang = base[i+1:]
			}
			out = append(out, specCase{name: base, path: p, lang: lang})
		}
	}
	slices.SortFunc(out, func(a, b specCase) int { return strings.Compare(a.name, b.name) })
	return out
}

func renderCase(t testing.TB, c specCase, width int) *Chart {
	t.Helper()
	r := renderCaseRenderer(t, c, width)
	return r.chart
}

type rendered struct {
	chart *Chart
	r     *renderer
}

func renderCaseRenderer(t testing.TB, c specCase, width int) rendered {
	t.Helper()
	src, err := os.ReadFile(c.path)
	if err != nil {
		t.Fatal(err)
	}
	s, probs := ParseSpec(filepath.ToSlash(c.path), src)
	if s == nil {
		t.Fatalf("%s: %v", c.path, probs)
	}
	opt := Options{Lang: c.lang, Width: width, LoadCSV: DirLoader(filepath.Dir(c.path)), Geo: testGeo{}, Pretty: true}
	r := newRenderer(s, opt)
	r.logDomains = true
	ch := r.render()
	if r.probs.Errors() > 0 || ch == nil {
		t.Fatalf("%s: %v", c.path, r.probs.Problems())
	}
	return rendered{ch, r}
}

// testGeo stands in for package geo: one square per region.
type testGeo struct{}

func (testGeo) Shapes(req GeoRequest) ([]GeoShape, []diag.Problem) {
	regions := []struct{ name, value string }{{"Africa", "0.38"}, {"Americas", "0.9"}, {"Arab States", "0.72"}, {"Asia-Pacific", "0.7"}, {"CIS", "0.92"}, {"Europe", ""}}
	var out []GeoShape
	w := req.Width / 3
	h := req.Height / 2
	for i, r := range regions {
		x, y := float64(i%3)*w, float64(i/3)*h
		d := fmt.Sprintf("M%s %sH%sV%sH%sZ", f(x+4), f(y+4), f(x+w-4), f(y+h-4), f(x+4))
		out = append(out, GeoShape{D: d, Label: r.name, Value: r.value})
	}
	return out, nil
}

var goldenWidths = []int{640, 320}

func goldenName(c specCase, width int) string {
	if width == 640 {
		return c.name + ".svg"
	}
	return fmt.Sprintf("%s.w%d.svg", c.name, width)
}

func TestGolden(t *testing.T) {
	for _, c := range specCases(t) {
		for _, w := range goldenWidths {
			t.Run(fmt.Sprintf("%s/%d", c.name, w), func(t *testing.T) {
				ch := renderCase(t, c, w)
				p := filepath.Join("testdata", "golden", goldenName(c, w))
				if *update {
					if err := os.WriteFile(p, ch.Pretty, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(p)
				if err != nil {
					t.Fatalf("%v (run go test -update)", err)
				}
				if !bytes.Equal(ch.Pretty, want) {
					t.Errorf("%s differs from the rendering; run go test ./generator/internal/chart -update and review the diff", p)
				}
			})
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, c := range specCases(t) {
		a := renderCase(t, c, 500)
		b := renderCase(t, c, 500)
		if !bytes.Equal(a.SVG, b.SVG) || !bytes.Equal(a.Pretty, b.Pretty) || a.Summary != b.Summary {
			t.Errorf("%s: two renderings differ", c.name)
		}
	}
}

// TestProperties checks what must hold for every spec at several widths.
func TestProperties(t *testing.T) {
	for _, c := range specCases(t) {
		for _, w := range []int{320, 480, 1280} {
			t.Run(fmt.Sprintf("%s/%d", c.name, w), func(t *testing.T) {
				rc := renderCaseRenderer(t, c, w)
				checkChart(t, rc.r, rc.chart)
				if rc.chart.Width != w {
					t.Errorf("width %d, want %d", rc.chart.Width, w)
				}
				if len(rc.chart.Table.Rows) == 0 || len(rc.chart.Table.Columns) == 0 {
					t.Error("empty table")
				}
			})
		}
	}
}

// checkChart checks what must hold for any rendering.
func checkChart(t *testing.T, r *renderer, ch *Chart) {
	t.Helper()
	for _, out := range [][]byte{ch.SVG, ch.Pretty} {
		s := string(out)
		for _, bad := range []string{"NaN", "Inf"} {
			if strings.Contains(s, bad) {
				t.Errorf("SVG contains %s", bad)
			}
		}
		if err := xmlWellFormed(out); err != nil {
			t.Errorf("SVG does not parse: %v", err)
		}
	}
	titled, err := countTitledMarks(ch.Pretty)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, ld := range r.layers {
		if !isBasemap(ld) { // land under a point map is not data
			want += len(ld.rows)
		}
	}
	if titled != want || ch.Rows != want {
		t.Errorf("%d rows, %d titled marks, Chart.Rows %d", want, titled, ch.Rows)
	}
	for _, dc := range r.domainLog {
		if !dc.s.contains(dc.v) {
			t.Errorf("value %v (%q) outside the scale domain [%v, %v] %v", dc.v.n, dc.v.s, dc.s.lo, dc.s.hi, dc.s.keys)
			break
		}
	}
	if !strings.Contains(string(ch.Pretty), `role="img"`) || !strings.Contains(string(ch.Pretty), `aria-labelledby="`) {
		t.Error("no role=img and aria-labelledby")
	}
	if ch.Summary == "" {
		t.Error("empty summary")
	}
	checkSummaryExtremes(t, r, ch.Summary)
	for i, row := range ch.Table.Rows {
		if len(row) != len(ch.Table.Columns) {
			t.Fatalf("table row %d has %d cells for %d columns", i, len(row), len(ch.Table.Columns))
		}
	}
	checkColours(t, ch.Pretty)
	checkTextInside(t, ch.Pretty)
}

// checkSummaryExtremes: the summary names the measure's lowest and highest
// values as the chart formats them.
func checkSummaryExtremes(t *testing.T, r *renderer, summary string) {
	t.Helper()
	ld := r.primary()
	mi := ld.measure
	if ld.u.mark.typ == "geoshape" {
		mi = chColor
	}
	if mi < 0 {
		return
	}
	c := ld.u.enc.ch[mi]
	var lo, hi *mrow
	for _, m := range ld.rows {
		if m.at(mi).null {
			continue
		}
		if lo == nil || m.at(mi).n < lo.at(mi).n {
			lo = m
		}
		if hi == nil || m.at(mi).n > hi.at(mi).n {
			hi = m
		}
	}
	if lo == nil {
		return
	}
	for _, m := range []*mrow{lo, hi} {
		if s := r.valueText(c, m.at(mi)); !strings.Contains(summary, s) {
			t.Errorf("summary does not name %q:\n%s", s, summary)
		}
	}
}

// checkColours: every colour is a theme custom property with a fallback.
func checkColours(t *testing.T, svg []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range se.Attr {
			if a.Name.Local != "fill" && a.Name.Local != "stroke" {
				continue
			}
			v := a.Value
			if v == "none" {
				continue
			}
			if !strings.HasPrefix(v, "var(--chart-") && !strings.HasPrefix(v, "color-mix(in srgb, var(--chart-") || !strings.Contains(v, ", #") {
				t.Errorf("<%s %s=%q>: colours must be var(--chart-*, #fallback)", se.Name.Local, a.Name.Local, v)
				return
			}
		}
	}
}

func xmlWellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// countTitledMarks counts the elements inside chart-marks groups that carry
// their own <title>.
func countTitledMarks(b []byte) (int, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	depth, marksDepth, n := 0, -1, 0
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			for _, a := range tok.Attr {
				if a.Name.Local == "class" && a.Value == "chart-marks" && marksDepth < 0 {
					marksDepth = depth
				}
			}
			if tok.Name.Local == "title" && marksDepth >= 0 && len(stack) > 0 && stack[len(stack)-1] != "g" {
				n++
			}
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			if depth == marksDepth {
				marksDepth = -1
			}
			depth--
			stack = stack[:len(stack)-1]
		}
	}
}

// TestConcurrent renders the specs from several goroutines, as a build
// does, and expects the bytes of a sequential rendering.
func TestConcurrent(t *testing.T) {
	cases := specCases(t)
	want := make([][]byte, len(cases))
	for i, c := range cases {
		want[i] = renderCase(t, c, 400).SVG
	}
	errs := make(chan string, len(cases)*4)
	done := make(chan struct{})
	for g := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range cases {
				c := cases[(i+g)%len(cases)]
				src, err := os.ReadFile(c.path)
				if err != nil {
					errs <- err.Error()
					continue
				}
				s, _ := ParseSpec(filepath.ToSlash(c.path), src)
				ch, _ := Render(s, Options{Lang: c.lang, Width: 400, LoadCSV: DirLoader(filepath.Dir(c.path)), Geo: testGeo{}})
				if ch == nil || !bytes.Equal(ch.SVG, want[(i+g)%len(cases)]) {
					errs <- c.name
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
	close(errs)
	for name := range errs {
		t.Errorf("%s: concurrent rendering failed or differs", name)
	}
}
