package chart

import (
	"strings"
	"testing"
)

// Plain bars carry their values at their ends, formatted as the axis
// formats them; bars that share a category (stacked by colour) carry none,
// and neither does a chart drawn without Options.BarValues.
func TestBarValues(t *testing.T) {
	data := `"data": {"values": [{"r": "Africa", "v": 38, "s": "a"}, {"r": "World", "v": 74.5, "s": "b"}, {"r": "Europe", "v": 91, "s": "a"}]}`
	tests := []struct {
		name, enc string
		lang      string
		opt       bool
		want      []string
	}{
		{"vertical", `"x": {"field": "r", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}`, "en", true, []string{">38<", ">74.5<", ">91<"}},
		{"horizontal", `"y": {"field": "r", "type": "nominal"}, "x": {"field": "v", "type": "quantitative"}`, "en", true, []string{">38<", ">74.5<", ">91<"}},
		{"french decimals", `"x": {"field": "r", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}`, "fr", true, []string{">74,5<"}},
		{"arabic", `"y": {"field": "r", "type": "nominal"}, "x": {"field": "v", "type": "quantitative"}`, "ar", true, []string{"chart-values"}},
		{"stacked by colour", `"x": {"field": "r", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}, "color": {"field": "s", "type": "nominal"}`, "en", true, nil},
		{"off", `"x": {"field": "r", "type": "nominal"}, "y": {"field": "v", "type": "quantitative"}`, "en", false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, probs := ParseSpec("spec.json", []byte(`{`+data+`, "mark": "bar", "encoding": {`+tc.enc+`}}`))
			if s == nil {
				t.Fatal(probs)
			}
			c, probs := Render(s, Options{Lang: tc.lang, Width: 400, BarValues: tc.opt})
			if c == nil {
				t.Fatal(probs)
			}
			svg := string(c.SVG)
			if has := strings.Contains(svg, "chart-values"); has != (tc.want != nil) {
				t.Fatalf("value labels written: %v, want %v\n%s", has, tc.want != nil, svg)
			}
			for _, w := range tc.want {
				if !strings.Contains(svg, w) {
					t.Errorf("no %s in\n%s", w, svg)
				}
			}
		})
	}
}
