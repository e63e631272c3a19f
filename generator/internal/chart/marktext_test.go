package chart

import (
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
			s, probs := ParseSpec("text.json", []byte(src))
			if s == nil {
				t.Fatal(probs)
			}
			c, probs := Render(s, Options{Lang: "en", Width: 600, NoTable: true})
			if c == nil {
				t.Fatal(probs)
			}
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
