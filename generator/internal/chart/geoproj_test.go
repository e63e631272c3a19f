package chart

import (
	"strings"
	"testing"
)

// TestAlbersUsa places points as d3's geoAlbersUsa does: the lower 48,
// Alaska and Hawaii each in their box, and points in none of them (Puerto
// Rico, Guam) off the map, so that they do not shrink a fitted map.
func TestAlbersUsa(t *testing.T) {
	p, ok := newProjection("albersUsa", nil)
	if !ok {
		t.Fatal("no albersUsa")
	}
	p.k, p.tx, p.ty = 1000, 500, 300
	for _, tc := range []struct {
		name     string
		lon, lat float64
		on       bool
	}{
		{"Kansas", -98, 38.5, true},
		{"Juneau", -134.4, 58.3, true},
		{"Honolulu", -157.9, 21.3, true},
		{"San Juan", -66.1, 18.5, false},
		{"Guam", 144.8, 13.4, false},
	} {
		x, y, ok := p.point(tc.lon, tc.lat)
		if ok != tc.on {
			t.Errorf("%s: on the map %v, want %v (at %.0f, %.0f)", tc.name, ok, tc.on, x, y)
		}
	}
}

// TestGraticuleLines draws a graticule as lines, not as filled shapes.
func TestGraticuleLines(t *testing.T) {
	src := `{"width": 200, "height": 200, "projection": {"type": "orthographic"}, "data": {"graticule": true}, "mark": "geoshape"}`
	_, c := renderSrc(t, src, "en", 0)
	svg := string(c.SVG)
	if !strings.Contains(svg, `fill="none"`) || strings.Contains(svg, `fill="var(--chart-grid`) {
		t.Errorf("graticule filled: %.300s", svg[strings.Index(svg, "<path"):])
	}
}
