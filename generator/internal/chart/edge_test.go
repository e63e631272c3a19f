package chart

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// Small specs at the edges: no rows, one row, negatives, equal values,
// nulls, many categories. Each must render and keep the properties.
func TestEdges(t *testing.T) {
	tests := []struct{ name, src string }{
		{"no rows", "data: {values: [{a: x, b: 1}]}\ntransform: [{filter: {field: b, gt: 5}}]\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n"},
		{"one point", "data: {values: [{a: 2020, b: 3}]}\nmark: line\nencoding:\n  x: {field: a, type: temporal}\n  y: {field: b, type: quantitative}\n"},
		{"negatives", "data: {values: [{a: x, b: -3}, {a: y, b: 2}, {a: z, b: -0.5}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n"},
		{"stacked negatives", "data: {values: [{a: x, c: p, b: -3}, {a: x, c: q, b: 2}, {a: y, c: p, b: 1}, {a: y, c: q, b: -1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n  color: {field: c, type: nominal}\n"},
		{"all equal", "data: {values: [{a: 2001, b: 5}, {a: 2002, b: 5}, {a: 2003, b: 5}]}\nmark: area\nencoding:\n  x: {field: a, type: temporal}\n  y: {field: b, type: quantitative, scale: {zero: false}}\n"},
		{"nulls", "data: {values: [{a: 2001, b: 5}, {a: 2002, b: null}, {a: 2003}, {a: 2004, b: 7}]}\nmark: line\nencoding:\n  x: {field: a, type: temporal}\n  y: {field: b, type: quantitative}\n"},
		{"count", "data: {values: [{a: x}, {a: x}, {a: y}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {aggregate: count}\n"},
		{"many colours", "data: {values: [" + manyRows(12) + "]}\nmark: point\nencoding:\n  x: {field: i, type: quantitative}\n  y: {field: i, type: quantitative}\n  color: {field: c, type: nominal}\n"},
		{"domain", "data: {values: [{a: 1, b: 5}, {a: 2, b: 15}]}\nmark: point\nencoding:\n  x: {field: a, type: quantitative}\n  y: {field: b, type: quantitative, scale: {domain: [0, 20]}}\n"},
		{"row and column", "data: {values: [{r: p, c: u, a: x, b: 1}, {r: q, c: v, a: y, b: 2}]}\nmark: bar\nencoding:\n  row: {field: r, type: nominal}\n  column: {field: c, type: nominal}\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n"},
		{"days", "data: {values: [{d: '2024-01-01', v: 1}, {d: '2024-01-09', v: 3}, {d: '2024-02-20', v: 2}]}\nmark: line\nencoding:\n  x: {field: d, type: temporal}\n  y: {field: v, type: quantitative}\n"},
		{"quantitative colour", "data: {values: [{a: 1, b: 2, c: 0.1}, {a: 2, b: 3, c: 0.9}, {a: 3, b: 1, c: 0.5}]}\nmark: {type: point, filled: true}\nencoding:\n  x: {field: a, type: quantitative}\n  y: {field: b, type: quantitative}\n  color: {field: c, type: quantitative}\n"},
		{"step", "data: {values: [{a: 1, b: 2}, {a: 2, b: 3}, {a: 3, b: 1}]}\nmark: {type: line, interpolate: step}\nencoding:\n  x: {field: a, type: quantitative}\n  y: {field: b, type: quantitative}\n"},
		{"sort list", "data: {values: [{a: low, b: 1}, {a: high, b: 3}, {a: mid, b: 2}]}\nmark: bar\nencoding:\n  x: {field: a, type: ordinal, sort: [low, mid, high]}\n  y: {field: b, type: quantitative}\n"},
		{"pie one slice", "data: {values: [{a: x, b: 1}]}\nmark: arc\nencoding:\n  theta: {field: b, type: quantitative}\n  color: {field: a, type: nominal}\n"},
		{"long labels", "data: {values: [{a: International Telecommunication Union Development Sector, b: 1}, {a: Another very long category name indeed, b: 2}, {a: Short, b: 3}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n"},
	}
	for _, tc := range tests {
		for _, lang := range []string{"en", "ar", "zh"} {
			for _, w := range []int{320, 900} {
				t.Run(tc.name+"/"+lang, func(t *testing.T) {
					s, probs := ParseSpec("edge.yaml", []byte(tc.src))
					if s == nil {
						t.Fatal(probs)
					}
					r := newRenderer(s, Options{Lang: lang, Width: w, Pretty: true})
					r.logDomains = true
					c := r.render()
					if c == nil {
						t.Fatal(r.probs.Problems())
					}
					checkChart(t, r, c)
				})
			}
		}
	}
}

func manyRows(n int) string {
	var rows []string
	for i := range n {
		rows = append(rows, "{i: "+itoa(i)+", c: c"+itoa(i)+"}")
	}
	return strings.Join(rows, ", ")
}

func TestHeightOption(t *testing.T) {
	for _, h := range []int{260, 500} {
		c := renderCaseHeight(t, h)
		if d := c.Height - h; d < -2 || d > 2 {
			t.Errorf("height %d, want about %d", c.Height, h)
		}
	}
}

func renderCaseHeight(t *testing.T, h int) *Chart {
	s, probs := ParseSpec("h.yaml", []byte("data: {values: [{a: x, b: 1}, {a: y, b: 2}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n"))
	if s == nil {
		t.Fatal(probs)
	}
	c, probs := Render(s, Options{Width: 400, Height: h})
	if c == nil {
		t.Fatal(probs)
	}
	return c
}

func itoa(i int) string { return strconv.Itoa(i) }

func (s *posScale) contains(v value) bool {
	if s.discrete {
		_, ok := s.idx[v.key()]
		return ok
	}
	const eps = 1e-9
	return v.n >= s.lo-eps*math.Max(1, math.Abs(s.lo)) && v.n <= s.hi+eps*math.Max(1, math.Abs(s.hi))
}
