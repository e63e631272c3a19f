package chart

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestPolar draws arcs at their radius channel's scale, labels at their
// arc's middle angle and radius, and a discrete theta as equal slices.
func TestPolar(t *testing.T) {
	draw := func(src string) string {
		t.Helper()
		_, c := renderSrc(t, src, "en", 300)
		return string(c.SVG)
	}
	arcRadii := func(svg string) map[string]bool {
		out := map[string]bool{}
		for _, m := range regexp.MustCompile(`<path d="M[^"]*?[Aa]([\d.]+)`).FindAllStringSubmatch(svg, -1) {
			out[m[1]] = true
		}
		return out
	}
	textAt := regexp.MustCompile(`<text x="([\d.]+)" y="([\d.]+)"[^>]*>(?:<title>[^<]*</title>)?(\w+)<`)

	// A radial chart: radius by value (sqrt), labels 10 px beyond.
	radial := draw(`{"data": {"values": [{"v": 1}, {"v": 4}, {"v": 9}]},
  "layer": [{"mark": "arc"}, {"mark": {"type": "text", "radiusOffset": 10}, "encoding": {"text": {"field": "v", "type": "quantitative"}}}],
  "encoding": {"theta": {"field": "v", "type": "quantitative", "stack": true},
    "radius": {"field": "v", "scale": {"type": "sqrt", "zero": true}},
    "color": {"field": "v", "type": "nominal", "legend": null}}}`)
	if n := len(arcRadii(radial)); n != 3 {
		t.Errorf("radial chart: %d arc radii, want 3 (one per value)", n)
	}
	labels := textAt.FindAllStringSubmatch(radial, -1)
	if len(labels) != 3 {
		t.Fatalf("radial chart: %d labels, want 3", len(labels))
	}
	if labels[0][1] == labels[1][1] && labels[1][1] == labels[2][1] {
		t.Errorf("radial chart: labels all at one place: %v", labels)
	}

	// A pie with labels at radius 90 around the centre of the plot.
	pie := draw(`{"data": {"values": [{"c": "a", "v": 1}, {"c": "b", "v": 1}, {"c": "c", "v": 2}]},
  "encoding": {"theta": {"field": "v", "type": "quantitative", "stack": true}, "color": {"field": "c", "type": "nominal", "legend": null}},
  "layer": [{"mark": {"type": "arc", "outerRadius": 80}}, {"mark": {"type": "text", "radius": 90}, "encoding": {"text": {"field": "c", "type": "nominal"}}}]}`)
	if r := arcRadii(pie); !r["80"] || len(r) != 1 {
		t.Errorf("pie: arc radii %v, want the mark's outerRadius 80", r)
	}
	pl := textAt.FindAllStringSubmatch(pie, -1)
	if len(pl) != 3 {
		t.Fatalf("pie: %d labels, want 3", len(pl))
	}
	// a spans the first quarter, b the second, c the second half: a's
	// label is up and to the right of c's, which is left of the centre.
	ax, _ := strconv.ParseFloat(pl[0][1], 64)
	ay, _ := strconv.ParseFloat(pl[0][2], 64)
	bx, _ := strconv.ParseFloat(pl[1][1], 64)
	by, _ := strconv.ParseFloat(pl[1][2], 64)
	ccx, _ := strconv.ParseFloat(pl[2][1], 64)
	if !(ax > ccx && bx > ccx && ay < by) {
		t.Errorf("pie labels not around their arcs: %v", pl)
	}
	if d := math.Hypot(ax-bx, ay-by); math.Abs(d-90*math.Sqrt2) > 2 {
		t.Errorf("pie: labels of a and b %.1f px apart, want about %.1f (radius 90, a quarter turn apart)", d, 90*math.Sqrt2)
	}

	// A discrete theta: equal slices, radius by value.
	rose := draw(`{"data": {"values": [{"d": "N", "v": 1}, {"d": "E", "v": 2}, {"d": "S", "v": 3}, {"d": "W", "v": 4}]},
  "mark": "arc",
  "encoding": {"theta": {"field": "d", "type": "ordinal"}, "radius": {"field": "v", "type": "quantitative"}}}`)
	if n := len(arcRadii(rose)); n != 4 {
		t.Errorf("rose: %d arc radii, want 4", n)
	}
}

// TestBinnedTheta draws a binned theta as a radial histogram: one arc per
// bin, each the bin's share of the circle.
func TestBinnedTheta(t *testing.T) {
	src := `{"data": {"values": [{"v": 1.2}, {"v": 1.5}, {"v": 2.5}, {"v": 3.1}, {"v": 3.9}, {"v": 3.2}]},
  "mark": "arc",
  "encoding": {"theta": {"bin": true, "field": "v"}, "radius": {"aggregate": "count", "scale": {"type": "sqrt"}}}}`
	_, c := renderSrc(t, src, "en", 300)
	if n := strings.Count(string(c.SVG), "<path d="); n < 3 {
		t.Errorf("%d arcs, want one per bin (at least 3)", n)
	}
}

// TestYOffset groups horizontal bars by yOffset, as xOffset groups
// vertical ones: each group's bars in their own slots.
func TestYOffset(t *testing.T) {
	src := `{"data": {"values": [{"c": "A", "g": "x", "v": 1}, {"c": "A", "g": "y", "v": 2}, {"c": "B", "g": "x", "v": 3}, {"c": "B", "g": "y", "v": 4}]},
  "mark": "bar",
  "encoding": {"y": {"field": "c", "type": "nominal"}, "yOffset": {"field": "g"}, "x": {"field": "v", "type": "quantitative"}, "color": {"field": "g"}}}`
	_, c := renderSrc(t, src, "en", 300)
	ys := map[string]bool{}
	for _, m := range regexp.MustCompile(`<rect x="[\d.]+" y="([\d.]+)"[^>]*><title>`).FindAllStringSubmatch(string(c.SVG), -1) {
		ys[m[1]] = true
	}
	if len(ys) != 4 {
		t.Errorf("bars at %d heights, want 4 (two groups of two)", len(ys))
	}
}
