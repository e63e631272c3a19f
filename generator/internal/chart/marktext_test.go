package chart

import (
	"strconv"
	"strings"
	"testing"
)

// TestMarkText draws a text mark's own text, one tspan a line for a list,
// at the place its mark gives ("width" is the plot's far edge).
func TestMarkText(t *testing.T) {
	for _, tc := range []struct {
		name, mark string
		want, not  []string
	}{
		{"constant", `{"type": "text", "text": "hazardous"}`, []string{">hazardous</text>"}, []string{"–"}},
		{"lines", `{"type": "text", "text": ["Polestar", "More Valuable"]}`, []string{`Polestar</tspan><tspan x=`, `dy="13.2">More Valuable</tspan>`}, nil},
		{"far edge", `{"type": "text", "text": "edge", "align": "right", "x": "width"}`, []string{`<text x="592" y="17.85" text-anchor="end"`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := `{"data": {"values": [{}]}, "encoding": {"y": {"datum": 300}},
  "layer": [{"mark": "rule"}, {"mark": ` + tc.mark + `}]}`
			_, c := renderSrc(t, src, "en", 600)
			svg := string(c.SVG)
			for _, w := range tc.want {
				if !strings.Contains(svg, w) {
					t.Errorf("no %s in\n%s", w, svg)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(svg, n) {
					t.Errorf("%s in the drawing", n)
				}
			}
		})
	}
}

// TestDirectLabelOnce names each colour once, at the series of a layer
// without detail, and draws the markers of a faint line as faint.
func TestDirectLabelOnce(t *testing.T) {
	var rows []string
	for _, loc := range []string{"North", "South"} {
		for y := 2020; y <= 2022; y++ {
			for m := 1; m <= 3; m++ {
				rows = append(rows, `{"loc": "`+loc+`", "year": "`+strconv.Itoa(y)+`", "m": `+strconv.Itoa(m)+`, "v": `+strconv.Itoa(y-2000+m)+`}`)
			}
		}
	}
	src := `{"data": {"values": [` + strings.Join(rows, ",") + `]},
  "layer": [
    {"mark": "line", "encoding": {"x": {"field": "m", "type": "ordinal"}, "y": {"field": "v", "type": "quantitative"}, "detail": {"field": "year"}, "color": {"field": "loc"}, "opacity": {"value": 0.2}}},
    {"mark": "line", "encoding": {"x": {"field": "m", "type": "ordinal"}, "y": {"aggregate": "mean", "field": "v", "type": "quantitative"}, "color": {"field": "loc"}}}
  ]}`
	_, c := renderSrc(t, src, "en", 600)
	svg := string(c.SVG)
	i := strings.Index(svg, `class="chart-direct-labels"`)
	if i < 0 {
		t.Fatal("no direct labels")
	}
	labels := svg[i:]
	for _, loc := range []string{"North", "South"} {
		if n := strings.Count(labels, ">"+loc+"<"); n != 1 {
			t.Errorf("%s labelled %d times, want once", loc, n)
		}
	}
	if !strings.Contains(svg, `class="chart-points" fill="var(--chart-1, #0072b2)" stroke="var(--chart-bg, #ffffff)" stroke-width="1" opacity=".2"`) {
		t.Error("markers of the faint lines not faint")
	}
}
