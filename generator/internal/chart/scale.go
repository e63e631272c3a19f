package chart

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/itu-d/portal/generator/internal/diag"
)

// posScale maps a channel's values to positions along x or y.
type posScale struct {
	ch          int    // the channel, for its axis
	typ         string // the field type
	discrete    bool
	band        bool     // bars: bands; otherwise points
	keys        []string // discrete domain, in order
	values      []value  // the value for each key
	idx         map[string]int
	lo, hi      float64 // continuous domain
	ticks       []float64
	step        float64 // tick step (linear) or days (time)
	gran        int     // temporal: finest granularity in the data
	tickGran    int     // temporal: granularity of the ticks
	a, b        float64 // range: lo (or the first key) maps to a
	bstep       float64 // discrete: distance between keys
	bw          float64 // discrete: band width
	start       float64 // discrete: position of the first band's leading edge
	fmt         formatter
	tickFmt     d3Format    // labels of continuous ticks
	pct         bool        // normalized stack
	niceTime    bool        // a time domain made nice
	niceCount   int         // the tick count the domain is made nice for; 0 means 10
	binnedData  bool        // bins given by binned data's step, not computed
	nice        bool        // a linear domain made nice (for ten ticks)
	padPx       float64     // pixels the domain is widened by at each end
	bins        *binning    // a binned axis: ticks at the bins' edges
	dom         *[2]float64 // the data domain before nicing
	isFixed     bool        // a domain was set: keep its ends
	fn          scaleFn     // a log, pow or symlog scale's transform; zero for linear
	tiled       bool        // bands of rects only: no padding between them
	reversed    bool        // scale.reverse, or a continuous field sorted descending: the range runs the other way
	logLabelMax float64     // log scale: the highest multiple of a power that keeps its label
}

// scaleFn is the transform of a continuous scale that is not linear, as
// d3-scale applies it: positions are linear in fn(x).
type scaleFn struct {
	kind     string  // "log", "pow" (sqrt is pow 0.5), "symlog"; "" for linear
	base     float64 // log
	exp      float64 // pow
	constant float64 // symlog
}

func (f scaleFn) apply(x float64) float64 {
	switch f.kind {
	case "log":
		return math.Log(x) / math.Log(f.base)
	case "pow":
		if x < 0 {
			return -math.Pow(-x, f.exp)
		}
		return math.Pow(x, f.exp)
	case "symlog":
		if x < 0 {
			return -math.Log1p(-x / f.constant)
		}
		return math.Log1p(x / f.constant)
	}
	return x
}

// frac is where x falls between lo and hi, 0 to 1, in the transform's
// terms. On a log scale a value that is not positive, which has no place,
// falls at lo, where Vega-Lite starts a bar (or an arc) on such a scale.
func (f scaleFn) frac(lo, hi, x float64) float64 {
	if f.kind == "" {
		return (x - lo) / (hi - lo)
	}
	if f.kind == "log" && x <= 0 {
		return 0
	}
	a, b := f.apply(lo), f.apply(hi)
	return (f.apply(x) - a) / (b - a)
}

// positionFn is the transform a position channel's scale type asks for.
func positionFn(chans []*channel) scaleFn {
	for _, c := range chans {
		sd := c.scale
		switch sd.typ {
		case "log":
			return scaleFn{kind: "log", base: cmp.Or(sd.base, 10)}
		case "pow":
			return scaleFn{kind: "pow", exp: cmp.Or(sd.exponent, 1)}
		case "sqrt":
			return scaleFn{kind: "pow", exp: 0.5}
		case "symlog":
			return scaleFn{kind: "symlog", constant: cmp.Or(sd.constant, 1)}
		}
	}
	return scaleFn{}
}

func (s *posScale) setRange(a, b, padInner, padOuter float64) {
	if s.reversed {
		a, b = b, a
	}
	s.a, s.b = a, b
	if s.tiled {
		padInner, padOuter = 0, 0
	}
	if !s.discrete {
		return
	}
	n := float64(max(len(s.keys), 1))
	span := b - a
	if s.band {
		s.bstep = span / (n - padInner + 2*padOuter)
		s.bw = s.bstep * (1 - padInner)
		s.start = a + s.bstep*padOuter
	} else {
		s.bstep = span / n
		s.bw = 0
		s.start = a + s.bstep/2
	}
}

// pos is the centre of a key's band, or where a number falls.
func (s *posScale) pos(v value) float64 {
	if s.discrete {
		i, ok := s.idx[v.key()]
		if !ok {
			return s.a
		}
		return s.start + float64(i)*s.bstep + s.bw/2
	}
	return s.at(v.n)
}

func (s *posScale) at(x float64) float64 {
	if s.hi == s.lo {
		return (s.a + s.b) / 2
	}
	return s.a + s.frac(x)*(s.b-s.a)
}

// frac is where x falls along the domain, 0 at lo and 1 at hi.
func (s *posScale) frac(x float64) float64 { return s.fn.frac(s.lo, s.hi, x) }

// span returns a key's band as physical start and end (start <= end).
func (s *posScale) span(v value) (float64, float64) {
	c := s.pos(v)
	half := math.Abs(s.bw) / 2
	return c - half, c + half
}

// niceStep returns a 1-2-5 step near span/n, choosing as d3 does: the
// multiplier nearest on a log scale.
func niceStep(span float64, n int) float64 {
	if span <= 0 || n < 1 {
		return 1
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	r := raw / mag
	m := 1.0
	switch {
	case r >= math.Sqrt(50):
		m = 10
	case r >= math.Sqrt(10):
		m = 5
	case r >= math.Sqrt(2):
		m = 2
	}
	return m * mag
}

// niceLinear widens [lo, hi] to whole steps and returns the ticks.
func niceLinear(lo, hi float64, n int) (nlo, nhi, step float64, ticks []float64) {
	if lo == hi {
		if lo == 0 {
			hi = 1
		} else {
			d := math.Abs(lo) * 0.1
			lo, hi = lo-d, hi+d
		}
	}
	step = niceStep(hi-lo, n)
	// A second pass: widening can change the span enough to change the step.
	for range 2 {
		nlo = math.Floor(lo/step+1e-9) * step
		nhi = math.Ceil(hi/step-1e-9) * step
		if s := niceStep(nhi-nlo, n); s != step {
			step = math.Max(s, step)
			continue
		}
		break
	}
	nlo = math.Floor(lo/step+1e-9) * step
	nhi = math.Ceil(hi/step-1e-9) * step
	for i := 0; ; i++ {
		t := nlo + float64(i)*step
		if t > nhi+step*1e-6 || i > 200 {
			break
		}
		ticks = append(ticks, cleanFloat(t, step))
	}
	return cleanFloat(nlo, step), cleanFloat(nhi, step), step, ticks
}

// cleanFloat removes accumulated float error from a multiple of step.
func cleanFloat(x, step float64) float64 {
	d := stepDecimals(step)
	r := roundTo(x, d+1)
	if r == 0 {
		return 0
	}
	return r
}

// stepDecimals is how many fraction digits tell ticks step apart.
func stepDecimals(step float64) int {
	if step <= 0 {
		return 0
	}
	return max(0, -int(math.Floor(math.Log10(step)+1e-9)))
}

// timeTicks returns calendar ticks (in days) inside [lo, hi] for about n
// ticks, never finer than the data's granularity.
func timeTicks(lo, hi float64, n, gran int) (ticks []float64, tickGran int) {
	type interval struct {
		gran   int
		months int // for month and year ticks
		days   int
	}
	cands := []interval{
		{granDay, 0, 1}, {granDay, 0, 2}, {granDay, 0, 7}, {granDay, 0, 14},
		{granMonth, 1, 0}, {granMonth, 2, 0}, {granMonth, 3, 0}, {granMonth, 6, 0},
		{granYear, 12, 0}, {granYear, 24, 0}, {granYear, 60, 0}, {granYear, 120, 0},
		{granYear, 240, 0}, {granYear, 600, 0}, {granYear, 1200, 0}, {granYear, 2400, 0}, {granYear, 6000, 0},
	}
	span := hi - lo
	var pick interval
	found := false
	for _, c := range cands {
		if c.gran > gran {
			continue
		}
		approx := float64(c.days)
		if c.months > 0 {
			approx = float64(c.months) * 365.25 / 12
		}
		if span/approx <= float64(max(n, 1))*1.01 {
			pick, found = c, true
			break
		}
	}
	if !found {
		pick = cands[len(cands)-1]
	}
	t0, t1 := dayTime(lo), dayTime(hi)
	var t time.Time
	if pick.months > 0 {
		m := int(t0.Month()) - 1
		y := t0.Year()
		total := y*12 + m
		total = (total + pick.months - 1) / pick.months * pick.months
		t = time.Date(total/12, time.Month(total%12+1), 1, 0, 0, 0, 0, time.UTC)
		if t.Before(t0) {
			t = t.AddDate(0, pick.months, 0)
		}
		for !t.After(t1) && len(ticks) < 500 {
			ticks = append(ticks, timeDays(t))
			t = t.AddDate(0, pick.months, 0)
		}
	} else {
		t = time.Date(t0.Year(), t0.Month(), t0.Day(), 0, 0, 0, 0, time.UTC)
		if t.Before(t0) {
			t = t.AddDate(0, 0, 1)
		}
		if pick.days == 7 || pick.days == 14 {
			for t.Weekday() != time.Monday {
				t = t.AddDate(0, 0, 1)
			}
		}
		for !t.After(t1) && len(ticks) < 500 {
			ticks = append(ticks, timeDays(t))
			t = t.AddDate(0, 0, pick.days)
		}
	}
	return ticks, pick.gran
}

// isDiscrete says whether a channel is laid out in bands or points.
func (r *renderer) isDiscrete(ci int, c *channel) bool {
	if c.typ == "temporal" && !r.natural {
		// On the site, bars on dates without a time unit stand in bands,
		// one per date, where Vega-Lite draws them five pixels wide on a
		// time axis (as natural sizing, the gallery's, still does).
		for _, ld := range r.layers {
			if c := ld.u.enc.ch[ci]; ld.u.mark.typ == "bar" && c != nil && c.typ == "temporal" && len(c.units) == 0 && ld.u.enc.ch[map[int]int{chX: chX2, chY: chY2}[ci]] == nil {
				return true
			}
		}
	}
	return c.typ == "nominal" || c.typ == "ordinal"
}

func (r *renderer) buildScales() {
	r.x = r.posScaleFor(chX)
	r.y = r.posScaleFor(chY)
	r.xOff = r.posScaleFor(chXOffset)
	r.yOff = r.posScaleFor(chYOffset)
	r.row = r.posScaleFor(chRow)
	r.col = r.posScaleFor(chColumn)
}

// channelsOf lists a channel's definitions across layers.
func (r *renderer) channelsOf(ci int) []*channel {
	var out []*channel
	for _, ld := range r.layers {
		if c := ld.u.enc.ch[ci]; c != nil && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func (r *renderer) posScaleFor(ci int) *posScale {
	chans := r.channelsOf(ci)
	if len(chans) == 0 {
		return nil
	}
	first := chans[0]
	for _, c := range chans[1:] {
		if c.typ != first.typ && (c.typ == "quantitative" || first.typ == "quantitative") {
			r.specError(c.typAt, "layers share their scales", "%s is %s here but %s in another layer", channelNames[ci], c.typ, first.typ)
			return nil
		}
	}
	s := &posScale{ch: ci, typ: first.typ, discrete: r.isDiscrete(ci, first)}
	rects, others := false, false
	for _, ld := range r.layers {
		if ld.u.enc.ch[ci] == nil {
			continue
		}
		switch ld.u.mark.typ {
		case "bar":
			s.band, others = true, true
		case "rect":
			s.band, rects = true, true
		default:
			others = true
		}
	}
	// Rects tile their bands, as Vega-Lite's heatmaps do: no padding.
	s.tiled = rects && !others
	if ci == chXOffset || ci == chYOffset || ci == chRow || ci == chColumn {
		s.band = true
	}
	if s.discrete {
		s.keys, s.values = r.discreteDomain(ci, chans)
		s.idx = map[string]int{}
		for i, k := range s.keys {
			s.idx[k] = i
		}
		for _, v := range s.values {
			s.gran = max(s.gran, int(v.gran))
		}
		return s
	}
	s.fn = positionFn(chans)
	for _, c := range chans {
		s.reversed = s.reversed || c.scale.reverse || c.sort.desc
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	see := func(x float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) || s.fn.kind == "log" && x <= 0 {
			return
		}
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	normalize := false
	var bins []binning
	for _, ld := range r.layers {
		c := ld.u.enc.ch[ci]
		if c == nil {
			continue
		}
		if c.bin != nil && !c.bin.binned && ld.tab != nil {
			if b, ok := ld.tab.bins[c.field]; ok {
				bins = append(bins, b)
				see(b.start)
				see(b.stop)
				continue
			}
		}
		second := map[int]int{chX: chX2, chY: chY2}[ci]
		hasSecond := ld.u.enc.ch[second] != nil
		for _, m := range ld.domainRows() {
			if ld.measure == ci && math.IsNaN(m.lo) {
				if v := m.at(ci); !v.null {
					see(v.n) // a row only the domain sees
				}
			} else if ld.measure == ci {
				see(m.lo)
				see(m.hi)
			} else {
				shift := 0.0
				if hasSecond && c.bandShift != 0 && !m.at(ci).null && !m.at(second).null {
					shift = c.bandShift * (m.at(second).n - m.at(ci).n)
				}
				if v := m.at(ci); !v.null {
					see(v.n + shift)
				}
				if hasSecond && !m.at(second).null {
					see(m.at(second).n + shift)
				}
			}
			s.gran = max(s.gran, int(m.at(ci).gran))
		}
		if ld.normalize && ld.measure == ci {
			normalize = true
		}
	}
	if len(bins) > 0 {
		// A binned axis: the bins' extent, ticks at their edges.
		b := bins[0]
		s.bins = &b
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
		if s.fn.kind == "log" {
			lo, hi = 1, 10
		}
	}
	if s.bins == nil {
		for _, c := range chans {
			if c.bin != nil && c.bin.binned && c.bin.step > 0 {
				// Binned data with a step: ticks at the bins' edges from
				// the domain's start, as Vega's scale bins give them.
				s.bins = &binning{start: lo, stop: hi, step: c.bin.step}
				s.binnedData = true
				break
			}
		}
	}
	s.nice = s.typ == "quantitative" && s.bins == nil && (ci == chX || ci == chY)
	s.niceTime = false
	if s.typ == "quantitative" && r.zeroFor(ci, chans) {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	if normalize {
		s.pct = true
		lo, hi = 0, 1
	}
	for _, c := range chans {
		if c.scale.domainMin != nil {
			if v, err := literalValue(c.scale.domainMin, s.typ); err == nil {
				lo = v.n
				s.nice = false
			}
		}
		if c.scale.domainMax != nil {
			if v, err := literalValue(c.scale.domainMax, s.typ); err == nil {
				hi = v.n
				s.nice = false
			}
		}
		if c.scale.nice != nil && c.scale.nice.kind == boolNode {
			s.nice = c.scale.nice.b
		}
		if c.scale.nice != nil && c.scale.nice.kind == numNode && c.scale.nice.num >= 1 {
			s.nice, s.niceCount = true, int(c.scale.nice.num)
		}
		if c.domain == nil {
			continue
		}
		if len(c.domain.items) != 2 {
			r.specError(c.domain.at, "", "a %s scale domain needs two values, the lowest and the highest", s.typ)
			continue
		}
		var ends [2]float64
		for i, it := range c.domain.items {
			v, err := literalValue(it, s.typ)
			if err != nil {
				r.specError(it.at, "", "scale domain: %v", err)
				return nil
			}
			ends[i] = v.n
		}
		lo, hi = ends[0], ends[1]
		s.isFixed = true // ticks go inside, no widening
		s.nice = false
	}
	if s.fn.kind == "log" && (lo <= 0 || hi <= 0) {
		r.specError(first.scale.at, `start the domain above zero, or use the scale type "symlog", which has a place for zero`, "a log scale's domain must be above zero")
		return nil
	}
	s.padPx = r.paddingFor(ci, chans)
	if lo == hi && s.typ == "temporal" {
		lo, hi = lo-183, hi+183
	}
	s.lo, s.hi = lo, hi
	return s
}

// zeroFor is Vega-Lite's zero for a continuous position scale: set by
// the spec, else true unless the axis is a bar's, line's or area's
// dimension, or a binned or ranged one; layers that do not say agree with
// any layer that must.
func (r *renderer) zeroFor(ci int, chans []*channel) bool {
	for _, c := range chans {
		if c.zero != nil {
			return *c.zero
		}
		if d := c.domain; d != nil && len(d.items) == 2 {
			return d.items[0].kind == numNode && d.items[0].num <= 0 && d.items[1].kind == numNode && d.items[1].num >= 0
		}
	}
	// The first layer with the channel decides, as Vega-Lite merges
	// layers' implicit scale properties.
	for _, ld := range r.layers {
		c := ld.u.enc.ch[ci]
		if c == nil {
			continue
		}
		if c.bin != nil || c.scale.typ == "log" {
			return false
		}
		typ := ld.u.mark.typ
		o := orient(ld.u)
		if (typ == "bar" || typ == "area" || typ == "line" || typ == "trail") && (o == "horizontal" && ci == chY || o == "vertical" && ci == chX) {
			return false
		}
		if (typ == "bar" || typ == "area") && ld.u.enc.ch[map[int]int{chX: chX2, chY: chY2}[ci]] == nil {
			return true
		}
		if z := r.s.config.scaleZero; z != nil {
			return *z
		}
		return true
	}
	return false
}

// paddingFor is Vega-Lite's padding of a continuous position scale, in
// pixels: a bar's continuous band size along its dimension.
func (r *renderer) paddingFor(ci int, chans []*channel) float64 {
	for _, c := range chans {
		if c.scale.padding != nil {
			return *c.scale.padding
		}
	}
	for _, ld := range r.layers {
		c := ld.u.enc.ch[ci]
		if c == nil || ld.u.mark.typ != "bar" || c.bin != nil || len(c.units) > 0 {
			continue
		}
		o := orient(ld.u)
		if o == "vertical" && ci == chX || o == "horizontal" && ci == chY {
			return 5
		}
	}
	return 0
}

// discreteDomain orders the keys of a discrete channel: by the channel's
// sort, else ascending (text in the language's order).
func (r *renderer) discreteDomain(ci int, chans []*channel) ([]string, []value) {
	var keys []string
	vals := map[string]value{}
	typ := chans[0].typ
	for _, ld := range r.layers {
		if ld.u.enc.ch[ci] == nil {
			continue
		}
		// A discrete x with x2 spans the values of both, as in Vega-Lite.
		second := -1
		if c2 := map[int]int{chX: chX2, chY: chY2}[ci]; (ci == chX || ci == chY) && ld.u.enc.ch[c2] != nil && ld.u.enc.ch[c2].field != "" {
			second = c2
		}
		for _, m := range ld.domainRows() {
			for _, k := range [2]int{ci, second} {
				if k < 0 {
					continue
				}
				v := m.at(k)
				if v.lit {
					continue
				}
				if _, ok := vals[v.key()]; !ok {
					keys = append(keys, v.key())
					vals[v.key()] = v
				}
			}
		}
	}
	var sd sortDef
	var sc *channel
	for _, c := range chans {
		if c.sort.set {
			sd, sc = c.sort, c
			break
		}
	}
	// Text sorts as written, not as translated, as Vega-Lite does: the
	// order, and so the colours, are the same in every language.
	asc := func(a, b string) int { return compareValues(r.loc, vals[a], vals[b], typ) }
	datums := true
	for _, c := range chans {
		datums = datums && c.datum != nil
	}
	switch {
	case sd.none, datums && !sd.set:
		// Constants (datum) keep the order the layers give them.
	case len(sd.values) > 0:
		rank := map[string]int{}
		for i, v := range sd.values {
			if _, ok := rank[v]; !ok {
				rank[v] = i
			}
		}
		rankOf := func(k string) (int, bool) {
			if r, ok := rank[k]; ok {
				return r, true
			}
			// A day or month time unit sorts by names ("mon", "Monday"),
			// as Vega-Lite reads them, whatever their case.
			if names, at := unitNameIndex(sc, vals[k]); at >= 0 {
				for i, v := range sd.values {
					if nameIndex(names, v) == at {
						return i, true
					}
				}
			}
			return 0, false
		}
		slices.SortStableFunc(keys, func(a, b string) int {
			ra, oka := rankOf(a)
			rb, okb := rankOf(b)
			switch {
			case oka && okb:
				return ra - rb
			case oka:
				return -1
			case okb:
				return 1
			}
			return 0 // values the list leaves out follow, in the data's order, as in Vega-Lite
		})
	case sd.channel != "" || sd.field != "":
		by := r.sortTotals(ci, sc, sd)
		if by == nil {
			break
		}
		slices.SortStableFunc(keys, func(a, b string) int {
			c := 0
			switch {
			case by[a] < by[b]:
				c = -1
			case by[a] > by[b]:
				c = 1
			}
			if sd.desc {
				c = -c
			}
			if c == 0 {
				return asc(a, b)
			}
			return c
		})
	default:
		slices.SortStableFunc(keys, func(a, b string) int {
			c := asc(a, b)
			if sd.desc {
				return -c
			}
			return c
		})
	}
	out := make([]value, len(keys))
	for i, k := range keys {
		out[i] = vals[k]
	}
	return keys, out
}

// sortTotals computes, per key of channel ci, the value it is sorted by:
// as Vega-Lite does, an aggregate over the layer's data before the
// encoding aggregates it. A sort by a channel uses that channel's field
// and aggregate (min when it has none, sum for a stacked measure); a sort
// by a field its op (min by default).
func (r *renderer) sortTotals(ci int, sc *channel, sd sortDef) map[string]float64 {
	groups := map[string]*aggInput{}
	found := false
	for _, ld := range r.layers {
		if ld.u.enc.ch[ci] != sc || ld.tab == nil {
			continue
		}
		field, op := sd.field, sd.op
		if sd.channel != "" {
			slot := slices.Index(channelNames[:], sd.channel)
			if slot < 0 || ld.u.enc.ch[slot] == nil {
				continue
			}
			by := ld.u.enc.ch[slot]
			field = by.field
			if by.srcField != "" && by.bin == nil && len(by.units) == 0 {
				field = by.srcField
			}
			switch {
			case by.agg == "count":
				op, field = "count", ""
			case by.agg != "" && by.agg != "argmin" && by.agg != "argmax":
				op = by.agg
			case ld.stacked && ld.measure == slot:
				op = "sum"
			default:
				op = "min"
			}
		}
		if op == "" {
			op = "min"
			if ld.stacked && ld.measure >= 0 && ld.u.enc.ch[ld.measure] != nil && ld.u.enc.ch[ld.measure].field == field {
				op = "sum"
			}
		}
		if op == "average" {
			op = "mean"
		}
		if field != "" && field != "*" && !ld.tab.hasField(field) {
			continue
		}
		found = true
		keyGet := ld.tab.getter(sc.field)
		var valGet func([]cell) cell
		if field != "" && field != "*" {
			valGet = ld.tab.getter(field)
		}
	rows:
		for _, row := range ld.tab.rows {
			for _, f := range ld.fevals {
				if !f.match(r, ld.tab, row) {
					continue rows
				}
			}
			kv, err := parseValue(keyGet(row), sc.typ)
			if err != nil {
				continue
			}
			k := kv.key()
			g := groups[k]
			if g == nil {
				g = &aggInput{}
				groups[k] = g
			}
			if valGet == nil {
				g.vals = append(g.vals, xNumber(1))
			} else {
				g.vals = append(g.vals, cellValue(valGet(row)))
			}
		}
		out := map[string]float64{}
		for k, g := range groups {
			if v, ok := aggValue(op, g); ok {
				out[k] = v.num()
			} else {
				out[k] = math.NaN()
			}
		}
		return out
	}
	if !found {
		what := sd.channel
		if what == "" {
			what = sd.field
		}
		r.specError(sd.at, "sort by a field of the data or a channel that this layer encodes", "cannot sort %s by %q", channelNames[ci], what)
	}
	return nil
}

// colorScale maps the colour channel (or fill, or stroke) to colours:
// nominal and ordinal values to palette slots, numbers and dates to a
// one-hue ramp; quantize, quantile and threshold scales to classes.
type colorScale struct {
	c        *channel
	ch       int // the channel: color, fill or stroke
	discrete bool
	keys     []string
	values   []value
	idx      map[string]int
	breaks   []float64 // classed scales: boundaries, len(classes)+1
	lo, hi   float64   // continuous: the domain
	ticks    []float64 // continuous: the legend's values
	tickFmt  d3Format
	typ      string   // the Vega scale type: ordinal, linear, quantize, ...
	colours  []string // the spec's range, when it gives colours
	fmt      formatter
}

// colorChannels are the definitions of the first colour channel in use.
func (r *renderer) colorChannels() (int, []*channel) {
	for _, ci := range []int{chColor, chFill, chStroke} {
		var out []*channel
		for _, c := range r.channelsOf(ci) {
			if c.scale.disabled {
				continue // the data are the colours: no scale, no legend
			}
			if c.field != "" || c.agg == "count" || c.datum != nil {
				out = append(out, c)
			}
			for _, cd := range c.conds {
				if cd.ch != nil && cd.ch.field != "" {
					out = append(out, cd.ch)
				}
			}
		}
		if len(out) > 0 {
			return ci, out
		}
	}
	return 0, nil
}

// unitNameIndex places a day or month time unit's value among the names
// that sort lists and DateTimes use (dayNames, monthNames); -1 for other
// fields.
func unitNameIndex(c *channel, v value) ([]string, int) {
	if c == nil || len(c.units) != 1 || v.null {
		return nil, -1
	}
	ms := v.n // a date read as ordinal keeps milliseconds
	if c.typ == "temporal" {
		ms = v.n * msPerDay // a temporal field counts days
	} else if !v.date {
		return nil, -1
	}
	t := time.UnixMilli(int64(ms)).UTC()
	switch strings.TrimPrefix(c.units[0], "utc") {
	case "day":
		return dayNames, int(t.Weekday())
	case "month":
		return monthNames, int(t.Month()) - 1
	}
	return nil, -1
}

// classBreaks are the bounds of a discretizing scale's n classes, as
// Vega's quantize (equal steps over the domain), quantile (the data's
// quantiles) and threshold (the domain's values; open ends) scales make
// them: breaks[0] and the last are the domain's ends.
func classBreaks(typ string, sc scaleDef, lo, hi float64, all []float64, n int) []float64 {
	var breaks []float64
	switch typ {
	case "quantize":
		if nc := sc.nice; nc != nil && (nc.kind == boolNode && nc.b || nc.kind == numNode) {
			lo, hi = niceDomain(lo, hi, n)
		}
		breaks = []float64{lo}
		for i := 1; i < n; i++ {
			breaks = append(breaks, lo+(hi-lo)*float64(i)/float64(n))
		}
		breaks = append(breaks, hi)
	case "quantile":
		all = slices.Clone(all)
		slices.Sort(all)
		breaks = []float64{lo}
		for i := 1; i < n; i++ {
			breaks = append(breaks, quantileSorted(all, float64(i)/float64(n)))
		}
		breaks = append(breaks, hi)
	case "threshold":
		breaks = []float64{math.Inf(-1)}
		if d := sc.domain; d != nil {
			for _, it := range d.items {
				breaks = append(breaks, it.num)
			}
		}
		breaks = append(breaks, math.Inf(1))
	}
	return breaks
}

// classOf is the class of x among breaks.
func classOf(breaks []float64, x float64) int {
	for i := 1; i < len(breaks)-1; i++ {
		if x < breaks[i] {
			return i - 1
		}
	}
	return max(len(breaks)-2, 0)
}

func (r *renderer) buildColor() {
	ci, chans := r.colorChannels()
	if len(chans) == 0 {
		return
	}
	c := chans[0]
	cs := &colorScale{c: c, ch: ci, discrete: c.typ != "quantitative" && c.typ != "temporal", typ: c.scale.typ}
	if c.bin != nil {
		cs.discrete, cs.typ = true, "bin-ordinal"
	}
	if rng := c.scale.rng; rng != nil && rng.kind == seqNode {
		for _, it := range rng.items {
			if it.kind == strNode {
				cs.colours = append(cs.colours, it.str)
			}
		}
	}
	if cs.discrete {
		cs.keys, cs.values = r.colorDomain(ci, c, chans)
		cs.idx = map[string]int{}
		for i, k := range cs.keys {
			cs.idx[k] = i
		}
		if len(cs.keys) > len(r.th.Colors.Series) && len(cs.colours) == 0 && c.scale.scheme == "" && !c.legendOff {
			r.probs.Add(diag.Problem{Path: r.s.path, Line: c.at.line, Col: c.at.col, Warning: true,
				Msg:  fmt.Sprintf("%d colours are needed but the palette has %d; colours repeat", len(cs.keys), len(r.th.Colors.Series)),
				Hint: "use row or column facets, or filter the data"})
		}
		r.color = cs
		return
	}
	var all []float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, ld := range r.layers {
		for _, k := range []int{chColor, chFill, chStroke} {
			if ld.u.enc.ch[k] == nil || k != ci && !(ld.u.enc.ch[k].field == c.field) {
				continue
			}
			for _, m := range ld.rows {
				if v := m.at(k); !v.null && !v.lit {
					lo, hi = math.Min(lo, v.n), math.Max(hi, v.n)
					all = append(all, v.n)
				}
			}
		}
	}
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	// Zero and nice are for continuous colour scales: a quantize scale
	// divides the data's own extent, as Vega-Lite's does.
	if c.scale.zero != nil && *c.scale.zero && cs.typ != "quantize" {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	if d := c.scale.domain; d != nil && len(d.items) >= 2 {
		if v, err := literalValue(d.items[0], c.typ); err == nil {
			lo = v.n
		}
		if v, err := literalValue(d.items[len(d.items)-1], c.typ); err == nil {
			hi = v.n
		}
	}
	if dm := c.scale.domainMin; dm != nil && dm.kind == numNode {
		lo = dm.num
	}
	if dm := c.scale.domainMax; dm != nil && dm.kind == numNode {
		hi = dm.num
	}
	cs.lo, cs.hi = lo, hi
	switch cs.typ {
	case "quantize", "quantile", "threshold":
		cs.breaks = classBreaks(cs.typ, c.scale, lo, hi, all, max(len(cs.colours), 4))
	default:
		if c.typ == "temporal" {
			cs.ticks = timeTicksMS(lo*msPerDay, hi*msPerDay, 5)
			for i := range cs.ticks {
				cs.ticks[i] /= msPerDay
			}
		} else {
			cs.ticks = d3Ticks(lo, hi, 5)
			if len(cs.ticks) < 3 && lo != hi {
				cs.ticks = []float64{lo, hi}
			}
			cs.tickFmt, _ = linearTickFormat(lo, hi, 5, c.format)
		}
	}
	cs.fmt = formatter{decimal: 2, group: true}
	r.color = cs
}

// colorDomain is a discrete colour scale's domain: the spec's, or the
// data's values in order.
func (r *renderer) colorDomain(ci int, c *channel, chans []*channel) ([]string, []value) {
	if d := c.scale.domain; d != nil && d.kind == seqNode {
		var keys []string
		var vals []value
		for _, it := range d.items {
			v, err := literalValue(it, c.typ)
			if err != nil {
				continue
			}
			keys, vals = append(keys, v.key()), append(vals, v)
		}
		return keys, vals
	}
	return r.discreteDomain(ci, chans)
}

// fill is the colour of a mark with colour value v.
func (r *renderer) fill(v value) string {
	cs := r.color
	if v.lit {
		return v.s
	}
	if cs == nil || v.null {
		return r.th.series(0)
	}
	if cs.discrete {
		i := cs.idx[v.key()]
		if len(cs.colours) > 0 {
			return cs.colours[i%len(cs.colours)]
		}
		if cs.typ == "bin-ordinal" {
			// An order reads as a ramp, light to dark.
			return r.ramp(float64(i+1) / float64(max(len(cs.keys), 1)))
		}
		return r.th.series(i)
	}
	if len(cs.breaks) > 0 {
		k := cs.class(v.n)
		if len(cs.colours) > 0 {
			return cs.colours[min(k, len(cs.colours)-1)]
		}
		return r.ramp(float64(k+1) / float64(len(cs.breaks)-1))
	}
	t := 1.0
	if cs.hi != cs.lo {
		t = (v.n - cs.lo) / (cs.hi - cs.lo)
	}
	t = math.Max(0, math.Min(1, t))
	if len(cs.colours) >= 2 {
		pct := math.Round(t * 100)
		return "color-mix(in srgb, " + cs.colours[len(cs.colours)-1] + " " + strconv.Itoa(int(pct)) + "%, " + cs.colours[0] + ")"
	}
	return r.ramp(0.15 + 0.85*t)
}

// ramp is the theme's first colour mixed into the background: t near 0
// is light, 1 the full colour.
func (r *renderer) ramp(t float64) string {
	pct := int(math.Round(math.Max(0, math.Min(1, t)) * 100))
	if pct >= 100 {
		return r.th.series(0)
	}
	return "color-mix(in srgb, " + r.th.series(0) + " " + strconv.Itoa(pct) + "%, " + r.th.bg() + ")"
}

func (cs *colorScale) class(x float64) int { return classOf(cs.breaks, x) }

// domainRows are the rows a layer's scales span: its marks, and the gaps
// of its lines (whose other values still count).
func (ld *layerData) domainRows() []*mrow {
	if len(ld.gaps) == 0 || !ld.gapsInDomain {
		return ld.rows
	}
	return append(slices.Clip(ld.rows), ld.gaps...)
}
