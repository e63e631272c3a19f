package chart

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// bigCSV is a CSV of n rows: 200 countries, years and values.
func bigCSV(n int) []byte {
	var b bytes.Buffer
	b.Grow(n * 24)
	b.WriteString("country,year,value\n")
	for i := range n {
		fmt.Fprintf(&b, "C%03d,%d,%d\n", i%200, 1960+i/200%60, i%997)
	}
	return b.Bytes()
}

// allocated is the memory f allocates, in bytes.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a) // TotalAlloc only grows: no collection needed
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

func renderBig(t *testing.T, spec string, src []byte, maxRows int) (*Chart, []string) {
	t.Helper()
	s, probs := ParseSpec("big.json", []byte(spec))
	if s == nil {
		t.Fatal(probs)
	}
	load := func(string) (string, []byte, error) { return "big.csv", src, nil }
	c, probs := Render(s, Options{Lang: "en", Width: 640, LoadCSV: load, MaxRows: maxRows})
	var msgs []string
	for _, p := range probs {
		msgs = append(msgs, p.String())
	}
	return c, msgs
}

// A million-row file filtered to one country costs memory for the file
// and the rows kept, not for a million rows of cells.
func TestLeadingFilterReadsLargeCSVCheaply(t *testing.T) {
	if testing.Short() {
		t.Skip("a million rows")
	}
	src := bigCSV(1_000_000)
	spec := `{"data": {"url": "big.csv"},
		"transform": [{"filter": {"field": "country", "equal": "C007"}}],
		"mark": "line",
		"encoding": {"x": {"field": "year", "type": "ordinal"}, "y": {"field": "value", "aggregate": "mean", "type": "quantitative"}}}`
	var c *Chart
	var msgs []string
	n := allocated(func() { c, msgs = renderBig(t, spec, src, 10_000) })
	if c == nil {
		t.Fatal(msgs)
	}
	// The source is copied once into a string; rows of cells for a
	// million records would take over 100 MB.
	if limit := uint64(4 * len(src)); n > limit {
		t.Errorf("allocated %d MB for a %d MB file filtered to 5,000 rows; want at most %d MB", n>>20, len(src)>>20, limit>>20)
	}
}

// A view that would draw more rows than Options.MaxRows is refused at its
// data, without reading the rest of the file.
func TestMaxRowsStopsEarly(t *testing.T) {
	if testing.Short() {
		t.Skip("a million rows")
	}
	src := bigCSV(1_000_000)
	spec := `{"data": {"url": "big.csv"},
  "mark": "point",
  "encoding": {"x": {"field": "year", "type": "quantitative"}, "y": {"field": "value", "type": "quantitative"}}}`
	var c *Chart
	var msgs []string
	n := allocated(func() { c, msgs = renderBig(t, spec, src, 1000) })
	if c != nil {
		t.Fatal("drawn past the limit")
	}
	want := "big.json:1:18: view draws more than 1000 rows (limit viewRows in [params.limits] of hugo.toml)"
	if len(msgs) == 0 || !strings.HasPrefix(msgs[0], want) {
		t.Errorf("problems %q, want one starting %q", msgs, want)
	}
	if limit := uint64(3 * len(src)); n > limit {
		t.Errorf("allocated %d MB refusing a %d MB file; want at most %d MB", n>>20, len(src)>>20, limit>>20)
	}
}

// Specs nested too deeply are refused before any parser recurses.
func TestSpecNestingLimit(t *testing.T) {
	for _, src := range []string{
		`{"mark": "bar", "data": {"values": ` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}}`,
		"mark: bar\ndata:\n  values: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n",
	} {
		s, probs := ParseSpec("deep.json", []byte(src))
		if s != nil || len(probs) == 0 || !strings.Contains(probs[0].Msg, "nested more than 64 levels") {
			t.Errorf("%.40s...: got %v, want the nesting refused", src, probs)
		}
	}
}

// Colours from the data or the spec never reach outside the drawing.
func TestSafePaint(t *testing.T) {
	for v, want := range map[string]bool{
		"red": true, "#0072b2": true, "rgb(1, 2, 3)": true, "var(--chart-1, #0072b2)": true,
		"color-mix(in srgb, var(--chart-1, #0072b2) 18%, var(--chart-bg, #ffffff))": true,
		"url(https://example.org/x.svg#a)":                                          false, "URL(#a)": false, `red" onload="x`: false, "red;": false,
	} {
		if got := safePaint(v); got != want {
			t.Errorf("safePaint(%q) = %v, want %v", v, got, want)
		}
	}
}
