package chart

import (
	"math"
	"strings"
)

// visScale maps a channel other than position and colour to what a mark
// looks like: size (an area), shape, opacity, dashes, stroke width, angle.
// Vega-Lite's default ranges apply unless the spec gives its own.
type visScale struct {
	ch       int
	c        *channel
	discrete bool
	keys     []string
	values   []value
	idx      map[string]int
	lo, hi   float64 // continuous domain
	outLo    float64 // continuous range
	outHi    float64
	outs     []string // discrete range
	nums     []float64
	ticks    []float64 // for the legend
	tickFmt  d3Format
	breaks   []float64 // a quantize, quantile or threshold scale's classes (classBreaks)
}

var (
	defaultShapes = []string{"circle", "square", "cross", "diamond", "triangle-up", "triangle-down", "triangle-right", "triangle-left"}
	defaultDashes = []string{"", "4 2", "2 1", "1 1", "1 2 4 2"}
)

// buildVisScales makes the scales of the visual channels in use.
func (r *renderer) buildVisScales() {
	for _, ci := range []int{chSize, chShape, chOpacity, chFillOpacity, chStrokeOpacity, chStrokeDash, chStrokeWidth, chAngle} {
		chans := r.channelsOf(ci)
		if len(chans) == 0 {
			continue
		}
		c := chans[0]
		condField := false
		for _, cd := range c.conds {
			condField = condField || cd.ch != nil && cd.ch.field != ""
		}
		if c.field == "" && c.agg != "count" && !condField {
			continue // constants, conditional or not: no scale, no legend
		}
		if c.typ == "geojson" {
			continue // shapes to draw (geodraw.go), not values to tell apart
		}
		s := &visScale{ch: ci, c: c, discrete: c.typ != "quantitative" || ci == chShape || ci == chStrokeDash}
		if c.typ == "quantitative" && c.bin != nil {
			s.discrete = false
		}
		if s.discrete {
			s.keys, s.values = r.discreteDomain(ci, chans)
			s.idx = map[string]int{}
			for i, k := range s.keys {
				s.idx[k] = i
			}
		} else {
			classed := c.scale.typ == "quantize" || c.scale.typ == "quantile" || c.scale.typ == "threshold"
			lo, hi := math.Inf(1), math.Inf(-1)
			var all []float64 // a classed scale's values, for its breaks
			for _, ld := range r.layers {
				if ld.u.enc.ch[ci] == nil {
					continue
				}
				for _, m := range ld.rows {
					if v := m.at(ci); !v.null && !v.lit {
						lo, hi = math.Min(lo, v.n), math.Max(hi, v.n)
						if classed {
							all = append(all, v.n)
						}
					}
				}
			}
			if math.IsInf(lo, 1) {
				lo, hi = 0, 1
			}
			dataLo, dataHi := lo, hi
			zero := ci == chSize || ci == chStrokeWidth
			if c.scale.zero != nil {
				zero = *c.scale.zero
			}
			if zero {
				lo, hi = math.Min(lo, 0), math.Max(hi, 0)
			}
			if classed {
				n := 4
				if rng := c.scale.rng; rng != nil && rng.kind == seqNode && len(rng.items) > 1 {
					n = len(rng.items)
				}
				if c.scale.typ == "threshold" && c.scale.domain != nil {
					n = len(c.scale.domain.items) + 1
				}
				if c.scale.typ == "quantize" {
					lo, hi = dataLo, dataHi // the data's extent, without zero
				}
				s.breaks = classBreaks(c.scale.typ, c.scale, lo, hi, all, n)
			}
			if d := c.scale.domain; d != nil && len(d.items) == 2 && s.breaks == nil {
				lo, hi = d.items[0].num, d.items[1].num
			}
			s.lo, s.hi = lo, hi
			s.ticks = d3Ticks(lo, hi, 5)
			s.tickFmt, _ = linearTickFormat(lo, hi, 5, c.format)
		}
		r.visRange(s, c)
		r.vis[ci] = s
	}
}

// visRange sets the scale's range: the spec's, else Vega-Lite's default.
func (r *renderer) visRange(s *visScale, c *channel) {
	switch s.ch {
	case chSize:
		// By the marks that take their size from the scale.
		s.outLo, s.outHi = 9, 361
		for _, ld := range r.layers {
			if ld.u.enc.ch[chSize] == nil {
				continue
			}
			switch ld.u.mark.typ {
			case "bar", "tick":
				s.outLo, s.outHi = 2, 20
			case "text":
				s.outLo, s.outHi = 8, 40
			}
		}
	case chOpacity, chFillOpacity, chStrokeOpacity:
		s.outLo, s.outHi = 0.3, 0.8
	case chStrokeWidth:
		s.outLo, s.outHi = 1, 4
	case chAngle:
		s.outLo, s.outHi = 0, 360
	case chShape:
		s.outs = defaultShapes
	case chStrokeDash:
		s.outs = defaultDashes
	}
	if rng := c.scale.rng; rng != nil && rng.kind == seqNode && len(rng.items) > 0 {
		if s.discrete || len(s.breaks) > 0 {
			s.outs, s.nums = nil, nil
			for _, it := range rng.items {
				switch it.kind {
				case numNode:
					s.nums = append(s.nums, it.num)
				case seqNode:
					var parts []string
					for _, p := range it.items {
						parts = append(parts, jsNumber(p.num))
					}
					s.outs = append(s.outs, strings.Join(parts, " "))
				default:
					s.outs = append(s.outs, it.str)
				}
			}
		} else if len(rng.items) >= 2 {
			s.outLo, s.outHi = rng.items[0].num, rng.items[len(rng.items)-1].num
		}
	}
	if c.scale.rangeMin != nil {
		s.outLo = *c.scale.rangeMin
	}
	if c.scale.rangeMax != nil {
		s.outHi = *c.scale.rangeMax
	}
}

// num maps a value to a number of the range.
func (s *visScale) num(v value) float64 {
	if s.discrete {
		i := s.idx[v.key()]
		if len(s.nums) > 0 {
			return s.nums[i%len(s.nums)]
		}
		n := len(s.keys)
		if n <= 1 {
			return s.outHi
		}
		return s.outLo + (s.outHi-s.outLo)*float64(i)/float64(n-1)
	}
	if len(s.breaks) > 0 {
		// A class's value: the range's own values, else even steps.
		k := classOf(s.breaks, v.n)
		if n := len(s.breaks) - 1; len(s.nums) > 0 {
			return s.nums[min(k, len(s.nums)-1)]
		} else if n > 1 {
			return s.outLo + (s.outHi-s.outLo)*float64(k)/float64(n-1)
		}
		return s.outHi
	}
	if s.hi == s.lo {
		return s.outHi
	}
	t := (v.n - s.lo) / (s.hi - s.lo)
	return s.outLo + (s.outHi-s.outLo)*t
}

func (s *visScale) str(v value) string {
	if len(s.outs) == 0 {
		return ""
	}
	return s.outs[s.idx[v.key()]%len(s.outs)]
}

func (r *renderer) sizeOf(v value, def float64) float64 {
	if v.lit {
		return v.n
	}
	if v.null {
		return def
	}
	if s := r.vis[chSize]; s != nil {
		return s.num(v)
	}
	if s := r.vis[chStrokeWidth]; s != nil {
		return s.num(v)
	}
	return def
}

func (r *renderer) shapeOf(v value) string {
	if v.lit {
		return v.s
	}
	if s := r.vis[chShape]; s != nil && !v.null {
		return s.str(v)
	}
	return "circle"
}

func (r *renderer) opacityOf(v value) float64 {
	if v.lit {
		return v.n
	}
	if s := r.vis[chOpacity]; s != nil && !v.null {
		return s.num(v)
	}
	return 1
}

func (r *renderer) dashOf(v value) string {
	if v.lit {
		return v.s
	}
	if s := r.vis[chStrokeDash]; s != nil && !v.null {
		return s.str(v)
	}
	return ""
}
