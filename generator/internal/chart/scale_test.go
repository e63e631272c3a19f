package chart

import (
	"strings"
	"testing"
)

// TestLogScale draws a log axis as Vega does (ticks at each multiple of a
// power, labels on some) and refuses a log domain that reaches zero.
func TestLogScale(t *testing.T) {
	const src = `{
  "data": {"values": [{"x": 1, "y": 1}, {"x": 2, "y": 40}, {"x": 3, "y": 0}, {"x": 4, "y": 2000}]},
  "mark": "point",
  "encoding": {
    "x": {"field": "x", "type": "quantitative"},
    "y": {"field": "y", "type": "quantitative", "scale": {"type": "log"%s}}
  }
}`
	_, c := renderSrc(t, strings.Replace(src, "%s", "", 1), "en", 0)
	svg := string(c.SVG)
	if strings.Contains(svg, "NaN") {
		t.Error("NaN in the drawing")
	}
	// Domain 1 to 10,000 made nice: 37 ticks, labelled at 1 and 2 of each
	// decade (d3's filter keeps multiples up to 10*10/37).
	for _, want := range []string{">1<", ">2<", ">10<", ">20<", ">100<", ">1,000<", ">2,000<", ">10,000<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("no label %s", want)
		}
	}
	for _, not := range []string{">3<", ">30<", ">5,000<"} {
		if strings.Contains(svg, not) {
			t.Errorf("label %s, which d3 leaves blank", not)
		}
	}

	bad := strings.Replace(src, "%s", `, "domain": [0, 100]`, 1)
	s, probs := ParseSpec("log.json", []byte(bad))
	if s == nil {
		t.Fatal(probs)
	}
	if c, probs := Render(s, Options{Lang: "en"}); c != nil || !problemAt(probs, "log.json", posOf(t, bad, `{"type": "log"`), "a log scale's domain must be above zero") {
		t.Errorf("drawn, or not refused at the scale: %v", probs)
	}
}
