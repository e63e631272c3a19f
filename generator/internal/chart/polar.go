package chart

import (
	"cmp"
	"math"
	"slices"
)

// polar is the geometry of arc charts (and text placed on them) in a plot:
// the angle each row spans, from its stacked theta or, for a discrete
// theta, an equal share per category, and its radius, from the radius
// channel's scale, else the mark's radius, else the whole plot's.
type polar struct {
	cx, cy, R float64
	dir       float64 // 1, or -1 on right-to-left pages: angles run the other way
	radius    *radiusScale
}

// radiusScale is a radius channel's scale, shared by the layers.
type radiusScale struct {
	fn       scaleFn
	lo, hi   float64 // domain
	min, max float64 // range, in pixels
}

func (s *radiusScale) at(x float64) float64 {
	if s.hi == s.lo {
		return s.max
	}
	return s.min + s.fn.frac(s.lo, s.hi, x)*(s.max-s.min)
}

func (r *renderer) polarIn(px0, px1, ptop, pbot float64) *polar {
	p := &polar{cx: (px0 + px1) / 2, cy: (ptop + pbot) / 2, dir: 1}
	p.R = math.Max(math.Min(px1-px0, pbot-ptop)/2-2, 10)
	if r.rtl {
		p.dir = -1
	}
	var chans []*channel
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, ld := range r.layers {
		c := ld.u.enc.ch[chRadius]
		if c == nil || c.typ != "quantitative" {
			continue
		}
		chans = append(chans, c)
		for _, m := range ld.rows {
			if v := m.at(chRadius); !v.null && !math.IsNaN(v.n) && !math.IsInf(v.n, 0) {
				lo, hi = math.Min(lo, v.n), math.Max(hi, v.n)
			}
		}
	}
	if len(chans) == 0 || math.IsInf(lo, 1) {
		return p
	}
	rs := &radiusScale{fn: positionFn(chans), lo: lo, hi: hi, max: p.R}
	c := chans[0]
	if (c.scale.zero == nil || *c.scale.zero) && rs.fn.kind != "log" {
		rs.lo, rs.hi = math.Min(rs.lo, 0), math.Max(rs.hi, 0)
	}
	if c.scale.rangeMin != nil {
		rs.min = *c.scale.rangeMin
	}
	if c.scale.rangeMax != nil {
		rs.max = *c.scale.rangeMax
	}
	p.radius = rs
	return p
}

// point is where angle a (clockwise from twelve o'clock) at radius rad is.
func (p *polar) point(a, rad float64) (float64, float64) {
	return p.cx + p.dir*rad*math.Sin(a), p.cy - rad*math.Cos(a)
}

// angles gives the angles each row of a layer spans; false when the layer
// has no theta to place its rows by.
func (r *renderer) angles(ld *layerData, rows []*mrow) (func(m *mrow) (a0, a1 float64), bool) {
	c := ld.u.enc.ch[chTheta]
	if c == nil {
		return nil, false
	}
	if c.typ != "quantitative" {
		var chans []*channel
		for _, l := range r.layers {
			if tc := l.u.enc.ch[chTheta]; tc != nil {
				chans = append(chans, tc)
			}
		}
		keys, _ := r.discreteDomain(chTheta, chans)
		if len(keys) == 0 {
			return nil, false
		}
		idx := make(map[string]int, len(keys))
		for i, k := range keys {
			idx[k] = i
		}
		step := 2 * math.Pi / float64(len(keys))
		return func(m *mrow) (float64, float64) {
			i, ok := idx[m.at(chTheta).key()]
			if !ok {
				return 0, 0
			}
			return float64(i) * step, float64(i+1) * step
		}, true
	}
	if b, ok := r.binsOf(c); ok && c.bin != nil && b.stop > b.start && b.step > 0 {
		// Binned: each bin's share of the binned extent.
		span := b.stop - b.start
		return func(m *mrow) (float64, float64) {
			v := m.at(chTheta)
			if v.null {
				return 0, 0
			}
			return (v.n - b.start) / span * 2 * math.Pi, (v.n + b.step - b.start) / span * 2 * math.Pi
		}, true
	}
	total := 0.0
	for _, m := range rows {
		total = math.Max(total, m.hi)
	}
	if total <= 0 {
		return nil, false
	}
	return func(m *mrow) (float64, float64) {
		return m.lo / total * 2 * math.Pi, m.hi / total * 2 * math.Pi
	}, true
}

// outer is the outer radius of a row's arc.
func (p *polar) outer(ld *layerData, m *mrow) float64 {
	if p.radius != nil && ld.u.enc.ch[chRadius] != nil {
		if v := m.at(chRadius); !v.null {
			return p.radius.at(v.n)
		}
		return 0
	}
	return cmp.Or(ld.u.mark.outerRadius, ld.u.mark.radius, p.R)
}

// textRadius is how far from the centre a text mark on an arc chart sits:
// at its radius channel's or mark's radius, plus its radiusOffset.
func (p *polar) textRadius(ld *layerData, m *mrow) float64 {
	rad := ld.u.mark.radius
	if p.radius != nil && ld.u.enc.ch[chRadius] != nil {
		if v := m.at(chRadius); !v.null {
			rad = p.radius.at(v.n)
		}
	}
	return rad + ld.u.mark.radiusOffset
}

// sortedByStart is rows in the order their arcs start, for quantitative
// theta; discrete theta keeps the rows' order.
func sortedByStart(ld *layerData, rows []*mrow) []*mrow {
	if c := ld.u.enc.ch[chTheta]; c == nil || c.typ != "quantitative" {
		return rows
	}
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b *mrow) int { return cmp.Compare(a.lo, b.lo) })
	return rows
}
