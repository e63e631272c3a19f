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

// A chart the page names (Options.Title) carries that name as its SVG
// title, and its summary starts with what the data shows, not with the
// kind of chart and its field names; grouped series are told by trend.
func TestNamedSummary(t *testing.T) {
	src := `{"data": {"values": [
	  {"y": 2000, "s": "Angola", "v": 0.1}, {"y": 2010, "s": "Angola", "v": 3}, {"y": 2020, "s": "Angola", "v": 37},
	  {"y": 2000, "s": "World", "v": 7}, {"y": 2010, "s": "World", "v": 29}, {"y": 2020, "s": "World", "v": 60}]},
	 "mark": "line", "encoding": {"x": {"field": "y", "type": "ordinal", "title": "Year"}, "y": {"field": "v", "type": "quantitative", "title": "Internet use (%)"}, "color": {"field": "s", "type": "nominal", "title": "series"}}}`
	s, probs := ParseSpec("spec.json", []byte(src))
	if s == nil {
		t.Fatal(probs)
	}
	c, probs := Render(s, Options{Lang: "en", Width: 400, Title: "Internet use in Angola and the world"})
	if c == nil {
		t.Fatal(probs)
	}
	if !strings.Contains(string(c.SVG), "-title\">Internet use in Angola and the world</title>") {
		t.Errorf("the drawing is not named by Options.Title:\n%s", c.SVG)
	}
	want := "Internet use (%): from 0.1 (Angola, 2000) to 60 (World, 2020). Latest values (2020): World 60, Angola 37. Rising overall: Angola and World."
	if c.Summary != want {
		t.Errorf("summary\n got %q\nwant %q", c.Summary, want)
	}
}
