package chart

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestRectTiles draws a heatmap's rects as whole bands that meet, as
// Vega-Lite tiles them (they were points of no width).
func TestRectTiles(t *testing.T) {
	src := `{"data": {"values": [{"x": "a", "y": "p", "v": 1}, {"x": "b", "y": "p", "v": 2}, {"x": "a", "y": "q", "v": 3}, {"x": "b", "y": "q", "v": 4}]},
  "mark": "rect",
  "encoding": {"x": {"field": "x", "type": "nominal"}, "y": {"field": "y", "type": "nominal"}, "color": {"field": "v", "type": "quantitative"}}}`
	_, c := renderSrc(t, src, "en", 300)
	rects := regexp.MustCompile(`<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*><title>`).FindAllStringSubmatch(string(c.SVG), -1)
	if len(rects) != 4 {
		t.Fatalf("%d rects, want 4", len(rects))
	}
	num := func(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }
	for _, r := range rects {
		if num(r[3]) < 10 || num(r[4]) < 10 {
			t.Errorf("rect %s x %s: want whole bands", r[3], r[4])
		}
	}
	// a and b of one row meet.
	if a, b := rects[0], rects[1]; num(a[1])+num(a[3]) != num(b[1]) && num(b[1])+num(b[3]) != num(a[1]) {
		t.Errorf("rects at x %s (width %s) and %s do not meet", a[1], a[3], b[1])
	}
}

// TestTickStrip draws ticks on a point scale at their own size around
// their point (they had no height).
func TestTickStrip(t *testing.T) {
	src := `{"data": {"values": [{"h": 10, "c": 4}, {"h": 20, "c": 6}, {"h": 30, "c": 8}]},
  "mark": "tick",
  "encoding": {"x": {"field": "h", "type": "quantitative"}, "y": {"field": "c", "type": "ordinal"}}}`
	_, c := renderSrc(t, src, "en", 300)
	ticks := regexp.MustCompile(`<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"`).FindAllStringSubmatch(string(c.SVG), -1)
	if len(ticks) != 3 {
		t.Fatalf("%d ticks, want 3", len(ticks))
	}
	for _, tk := range ticks {
		if tk[2] != "14" {
			t.Errorf("tick of height %s, want Vega-Lite's 14", tk[2])
		}
	}
	if ticks[0][1] == ticks[1][1] {
		t.Errorf("ticks of 4 and 6 cylinders at one height")
	}
}

// TestOffsetInTimeUnit groups bars within a time unit's interval by their
// xOffset, as within a band (they lay on one another).
func TestOffsetInTimeUnit(t *testing.T) {
	src := `{"data": {"values": [{"d": "2005-01-10", "s": "a", "p": 1}, {"d": "2005-01-10", "s": "b", "p": 2}, {"d": "2005-02-10", "s": "a", "p": 3}, {"d": "2005-02-10", "s": "b", "p": 4}]},
  "mark": "bar",
  "encoding": {"x": {"timeUnit": "binnedyearmonth", "field": "d", "type": "temporal"}, "xOffset": {"field": "s", "type": "nominal"}, "y": {"field": "p", "type": "quantitative"}}}`
	_, c := renderSrc(t, src, "en", 300)
	xs := map[string]bool{}
	for _, m := range regexp.MustCompile(`<rect x="([\d.]+)"[^>]*><title>`).FindAllStringSubmatch(string(c.SVG), -1) {
		xs[m[1]] = true
	}
	if len(xs) != 4 {
		t.Errorf("bars at %d places, want 4", len(xs))
	}
}

// TestErrorbandLook draws an error band see-through, as Vega-Lite does,
// and its borders without point markers.
func TestErrorbandLook(t *testing.T) {
	draw := func(src string) string {
		t.Helper()
		_, c := renderSrc(t, src, "en", 300)
		return string(c.SVG)
	}
	rows := `{"values": [{"x": 1, "y": 2}, {"x": 1, "y": 4}, {"x": 2, "y": 3}, {"x": 2, "y": 5}]}`
	if svg := draw(`{"data": ` + rows + `, "mark": {"type": "errorband", "extent": "stdev"}, "encoding": {"y": {"field": "y", "type": "quantitative"}}}`); !regexp.MustCompile(`<rect [^>]*opacity="\.3"`).MatchString(svg) {
		t.Errorf("1D band not see-through: %s", svg)
	}
	svg := draw(`{"data": ` + rows + `, "mark": {"type": "errorband", "borders": true}, "encoding": {"x": {"field": "x", "type": "ordinal"}, "y": {"field": "y", "type": "quantitative"}}}`)
	if regexp.MustCompile(`class="chart-points" fill="[^"]*" stroke=`).MatchString(svg) {
		t.Errorf("borders drawn with visible point markers")
	}
}

// TestTickOverTimeUnit draws a tick at a quantity across its time unit,
// as Vega-Lite does (it was a vertical tick of no height).
func TestTickOverTimeUnit(t *testing.T) {
	src := `{"data": {"values": [{"d": "2004-06-01", "p": 2}, {"d": "2005-06-01", "p": 3}, {"d": "2006-06-01", "p": 3.5}]},
  "mark": "tick",
  "encoding": {"x": {"timeUnit": "year", "field": "d", "type": "temporal"}, "y": {"aggregate": "sum", "field": "p", "type": "quantitative"}}}`
	_, c := renderSrc(t, src, "en", 300)
	ticks := regexp.MustCompile(`<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="([\d.]+)"`).FindAllStringSubmatch(string(c.SVG), -1)
	if len(ticks) != 3 {
		t.Fatalf("%d ticks, want 3", len(ticks))
	}
	for _, tk := range ticks {
		w, _ := strconv.ParseFloat(tk[1], 64)
		if h, _ := strconv.ParseFloat(tk[2], 64); w < 20 || h > 1 {
			t.Errorf("tick %s wide, %s high: want a horizontal tick across most of its year", tk[1], tk[2])
		}
	}
}

// TestReversedScale runs a quantity sorted descending (or scale.reverse)
// the other way, as a population pyramid's left half needs.
func TestReversedScale(t *testing.T) {
	for _, enc := range []string{`"sort": "descending"`, `"scale": {"reverse": true}`} {
		src := `{"data": {"values": [{"a": "x", "v": 1}, {"a": "y", "v": 4}]},
  "mark": "bar",
  "encoding": {"y": {"field": "a", "type": "nominal"}, "x": {"field": "v", "type": "quantitative", ` + enc + `}}}`
		_, c := renderSrc(t, src, "en", 300)
		bars := regexp.MustCompile(`<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"`).FindAllStringSubmatch(string(c.SVG), -1)
		if len(bars) != 2 {
			t.Fatalf("%s: %d bars", enc, len(bars))
		}
		// Both bars end at the right edge: zero is on the right.
		end := func(b []string) float64 {
			x, _ := strconv.ParseFloat(b[1], 64)
			w, _ := strconv.ParseFloat(b[2], 64)
			return x + w
		}
		if e0, e1 := end(bars[0]), end(bars[1]); math.Abs(e0-e1) > 0.05 {
			t.Errorf("%s: bars end at %.2f and %.2f; want both at zero, on the right", enc, e0, e1)
		}
	}
}

// TestStepFor sizes a grouped chart by its offset bands' step, or by the
// position bands' with "for": "position", as Vega-Lite does.
func TestStepFor(t *testing.T) {
	width := func(size string) float64 {
		t.Helper()
		src := `{"data": {"values": [{"c": "A", "g": "x", "v": 1}, {"c": "A", "g": "y", "v": 2}, {"c": "B", "g": "x", "v": 3}, {"c": "B", "g": "y", "v": 4}]},
  ` + size + `"mark": "bar",
  "encoding": {"x": {"field": "c"}, "xOffset": {"field": "g"}, "y": {"field": "v", "type": "quantitative"}}}`
		_, c := renderSrc(t, src, "en", 0)
		return float64(c.Width)
	}
	offset, position := width(`"width": {"step": 40}, `), width(`"width": {"step": 40, "for": "position"}, `)
	if offset-position < 60 {
		t.Errorf("step for offsets gives %v px, for positions %v: want about 80 more for the offsets", offset, position)
	}
}

// TestSortList orders a discrete axis by a sort list: values the list
// leaves out follow in the data's order, and a day time unit sorts by day
// names, as Vega-Lite reads them.
func TestSortList(t *testing.T) {
	r, _ := renderSrc(t, `{"data": {"values": [{"a": "A"}, {"a": "B"}, {"a": "Z"}, {"a": "X"}]}, "mark": "point",
  "encoding": {"x": {"field": "a", "type": "ordinal", "sort": ["B", "A"]}}}`, "en", 300)
	if got := strings.Join(r.x.keys, "|"); got != "B|A|Z|X" {
		t.Errorf("keys %s, want B|A|Z|X", got)
	}
	r, _ = renderSrc(t, `{"data": {"values": [{"d": "2020-01-02"}, {"d": "2020-01-05"}, {"d": "2020-01-06"}]}, "mark": "point",
  "encoding": {"y": {"field": "d", "type": "ordinal", "timeUnit": "day", "sort": ["Monday", "tue", "wed", "thu", "fri", "sat", "SUN"]}}}`, "en", 300)
	var days []string
	for _, v := range r.y.values {
		names, i := unitNameIndex(r.channelsOf(chY)[0], v)
		days = append(days, names[i])
	}
	if got := strings.Join(days, "|"); got != "monday|thursday|sunday" {
		t.Errorf("days %s, want monday|thursday|sunday", got)
	}
}
