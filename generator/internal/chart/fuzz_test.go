package chart

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseSpec feeds specs (seeded from testdata/specs) to the parser and,
// when they parse, to the renderer: neither may panic, what renders must
// be well-formed SVG, and the minified SVG must be the minifier's.
func FuzzParseSpec(f *testing.F) {
	for _, c := range specCases(f) {
		b, err := os.ReadFile(c.path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	csv, err := os.ReadFile(filepath.Join("testdata", "data", "internet-use-sample.csv"))
	if err != nil {
		f.Fatal(err)
	}
	// Every tenth gallery spec too, with the gallery's data.
	gallery, _ := filepath.Glob(filepath.Join(galleryDir, "specs", "*.json"))
	for i := 0; i < len(gallery); i += 10 {
		if b, err := os.ReadFile(gallery[i]); err == nil {
			f.Add(b)
		}
	}
	galleryData := DirLoader(galleryDir)
	load := func(url string) (string, []byte, error) {
		if p, b, err := galleryData(url); err == nil {
			return p, b, nil
		}
		return "data.csv", csv, nil
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, _ := ParseSpec("fuzz.json", src)
		if s == nil {
			return
		}
		c, _ := Render(s, Options{LoadCSV: load, Geo: testGeo{}, Width: 360, Pretty: true})
		if c == nil {
			return
		}
		if err := xmlWellFormed(c.Pretty); err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		r := newRenderer(s, Options{LoadCSV: load, Geo: testGeo{}, Width: 360})
		var root *elem
		if r.p != nil {
			root, _ = r.draw()
		} else {
			root, _ = r.drawComposition()
		}
		if root != nil {
			checkMinified(t, "fuzz", root)
		}
	})
}
