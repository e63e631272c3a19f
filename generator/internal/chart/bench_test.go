package chart

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRender parses and renders every spec case, as a build does.
func BenchmarkRender(b *testing.B) {
	type input struct {
		c   specCase
		src []byte
	}
	var ins []input
	for _, c := range specCases(b) {
		src, err := os.ReadFile(c.path)
		if err != nil {
			b.Fatal(err)
		}
		ins = append(ins, input{c, src})
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, in := range ins {
			s, probs := ParseSpec(in.c.path, in.src)
			if s == nil {
				b.Fatal(probs)
			}
			c, probs := Render(s, Options{Lang: in.c.lang, LoadCSV: DirLoader(filepath.Dir(in.c.path)), Geo: testGeo{}})
			if c == nil {
				b.Fatal(probs)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "charts/s")
}
