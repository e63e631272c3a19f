// Package chartbench benchmarks the chart renderer on the same Vega-Lite specs
// that bench/charts.sh gives Vega itself, batch-rendered in one process.
package chartbench

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/itu-d/portal/generator/internal/chart"
)

// specs are the JSON spec cases of package chart that draw without a map.
func specs(tb testing.TB) []string {
	all, err := filepath.Glob("../chart/testdata/specs/*.json")
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, p := range all {
		b, _ := os.ReadFile(p)
		if !strings.Contains(string(b), "geoshape") && json.Valid(b) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		tb.Fatal("no specs")
	}
	return out
}

func BenchmarkBatch(b *testing.B) {
	type in struct {
		path string
		src  []byte
	}
	var ins []in
	for _, p := range specs(b) {
		src, _ := os.ReadFile(p)
		ins = append(ins, in{p, src})
	}
	// As the site build collects garbage (internal/build): a third as
	// often. GOGC in the environment has the last word.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(300))
	}
	// Each data file is read once, as the build holds a dataset's files
	// in memory; bench/charts/vega.mjs does the same for Vega.
	load := chart.OnceLoader(chart.DirLoader(filepath.Dir(ins[0].path)))
	n := 0
	for b.Loop() {
		for _, s := range ins {
			draw(b, s.path, s.src, load)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "charts/s")
}

// draw parses and draws one spec: the SVG alone, as Vega's toSVG makes it
// and the chart command writes it (the HTML data table a page adds is not
// Vega's work).
func draw(b *testing.B, path string, src []byte, load chart.LoadFunc) {
	sp, probs := chart.ParseSpec(path, src)
	if sp == nil {
		b.Fatal(probs)
	}
	if c, probs := chart.Render(sp, chart.Options{Lang: "en", Width: 640, LoadCSV: load, NoTable: true}); c == nil {
		b.Fatal(probs)
	}
}

// TestListSpecs prints the specs, for the Vega side of bench/charts.sh.
func TestListSpecs(t *testing.T) {
	if os.Getenv("LIST_SPECS") == "" {
		t.Skip("used by bench/charts.sh")
	}
	for _, p := range specs(t) {
		abs, _ := filepath.Abs(p)
		os.Stdout.WriteString(abs + "\n")
	}
}

// BenchmarkSpec draws each spec alone, to see which kinds of chart cost
// most (bench/charts.sh compares the batch).
func BenchmarkSpec(b *testing.B) {
	for _, p := range specs(b) {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		load := chart.OnceLoader(chart.DirLoader(filepath.Dir(p)))
		b.Run(filepath.Base(p), func(b *testing.B) {
			for b.Loop() {
				draw(b, p, src, load)
			}
		})
	}
}
