package chart

import (
	"strings"
	"testing"
)

// Layers that share their parent's leading filters and add filters of
// their own each see their own rows: the rows read for one layer are not
// handed to a sibling whose filters differ.
func TestLayersKeepTheirOwnFilters(t *testing.T) {
	csv := "region,kind,value\nAfrica,estimate,38\nWorld,estimate,74\nEurope / CIS,range,93\n"
	load := func(string) (string, []byte, error) { return "d.csv", []byte(csv), nil }
	src := `{"data": {"url": "d.csv"},
 "transform": [{"filter": {"field": "value", "gt": 0}}],
 "layer": [
  {"transform": [{"filter": {"field": "kind", "equal": "estimate"}}], "mark": "bar",
   "encoding": {"x": {"field": "region", "type": "nominal"}, "y": {"field": "value", "type": "quantitative"}}},
  {"transform": [{"filter": {"field": "kind", "equal": "range"}}], "mark": "text",
   "encoding": {"y": {"field": "value", "type": "quantitative"}, "text": {"field": "region", "type": "nominal"}}}
 ]}`
	s, probs := ParseSpec("spec.json", []byte(src))
	if s == nil {
		t.Fatal(probs)
	}
	c, probs := Render(s, Options{Lang: "en", Width: 400, LoadCSV: load})
	if c == nil {
		t.Fatal(probs)
	}
	svg := string(c.SVG)
	if !strings.Contains(svg, "Europe / CIS") {
		t.Errorf("the text layer lost its row:\n%s", svg)
	}
	if !strings.Contains(svg, "Africa") || !strings.Contains(svg, "World") {
		t.Errorf("the bar layer lost its rows:\n%s", svg)
	}
}
