package chart

import (
	"math"
	"strings"
)

// drawLayer draws one unit's marks into a plot cell.
func (r *renderer) drawLayer(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	typ := ld.u.mark.typ
	lg := r.el("g", "class", "chart-layer chart-"+typ)
	switch typ {
	case "bar", "rect", "tick":
		r.drawRects(lg, ld, rows, px0, px1, ptop, pbot)
	case "line", "area", "trail":
		r.drawLines(lg, ld, rows, px0, px1, ptop, pbot)
	case "point", "circle", "square":
		r.drawSymbols(lg, ld, rows, px0, px1, ptop, pbot)
	case "text":
		r.drawText(lg, ld, rows, px0, px1, ptop, pbot)
	case "rule":
		r.drawRules(lg, ld, rows, px0, px1, ptop, pbot)
	case "arc":
		r.drawArcs(lg, ld, rows, px0, px1, ptop, pbot)
	case "image":
		r.drawImages(lg, ld, rows, px0, px1, ptop, pbot)
	case "geoshape":
		if ld.geo != nil {
			r.drawGeo(lg, ld, px0, ptop)
		} else {
			r.drawShapes(lg, ld, rows, px0, px1, ptop, pbot)
		}
	}
	r.add(g, lg)
}

// count records data marks of a Vega mark type for the gallery suite.
func (r *renderer) count(typ string, n int) {
	if r.facts != nil {
		r.facts.mark(typ, n)
	}
}

// posAt is where a row sits along a position channel: its band's centre
// or its value; mid when the channel is not encoded.
func (r *renderer) posAt(s *posScale, ld *layerData, m *mrow, ci int, mid float64) float64 {
	if r.proj != nil && (ci == chX || ci == chY) && ld.u.enc.ch[chLongitude] != nil {
		if x, y, _ := r.geoXY(ld, m, false); ci == chX {
			return x
		} else {
			return y
		}
	}
	c := ld.u.enc.ch[ci]
	if s == nil || c == nil {
		return mid
	}
	v := m.at(ci)
	if (v.null || math.IsNaN(v.n) && !v.lit) && !s.discrete {
		// Shown invalid values sit at zero, else at the scale's minimum.
		if math.Min(s.lo, s.hi) <= 0 && 0 <= math.Max(s.lo, s.hi) {
			return s.at(0)
		}
		return s.at(math.Min(s.lo, s.hi))
	}
	if v.lit && c.value != nil {
		return v.n // a position given in pixels
	}
	if ld.measure == ci && ld.stacked {
		return s.at(m.hi)
	}
	x := s.pos(v)
	if s.discrete {
		if ci == chX && ld.u.enc.ch[chXOffset] != nil && r.xOff != nil {
			a, b := s.span(v)
			a, b = r.offset(ld, m, chX, a, b)
			x = (a + b) / 2
		}
		return x
	}
	// A binned field or a time unit stands for an interval: marks other
	// than bars sit at its middle.
	end := chX2
	if ci == chY {
		end = chY2
	}
	if e := ld.u.enc.ch[end]; e != nil && e.synthesized && !m.at(end).null {
		// Within the interval at its bandPosition: the middle for bins,
		// for time units the start unless bandPosition says otherwise.
		b := 0.5
		if e.timeEnd {
			b = 0
			if c.band != nil {
				b = *c.band
			}
		}
		x += b * (s.at(m.at(end).n) - x)
	}
	return x
}

// span is what a bar or rect covers along a position channel: a band (or
// its slot for an offset), the interval between the channel and its
// second channel, a stack's extent, from zero to the value, or the whole
// plot when the channel is not encoded.
func (r *renderer) span(s *posScale, ld *layerData, m *mrow, ci, ci2 int, lo, hi float64, size float64) (float64, float64) {
	c := ld.u.enc.ch[ci]
	if s == nil || c == nil {
		if c2 := ld.u.enc.ch[ci2]; c2 != nil && s != nil {
			a := s.at(m.at(ci2).n)
			return a, a
		}
		return lo, hi
	}
	v := m.at(ci)
	switch {
	case s.discrete:
		a, b := s.span(v)
		a, b = r.offset(ld, m, ci, a, b)
		if size > 0 && (size < b-a || a == b) {
			// A mark of its own size within its band, or around its
			// point on a point scale.
			mid := (a + b) / 2
			return mid - size/2, mid + size/2
		}
		return a, b
	case ld.measure == ci:
		if ld.stacked || ld.u.enc.ch[ci2] == nil {
			return s.at(m.lo), s.at(m.hi)
		}
		return s.at(v.n), s.at(m.at(ci2).n)
	case ld.u.enc.ch[ci2] != nil && !m.at(ci2).null:
		shift := c.bandShift * (m.at(ci2).n - v.n)
		a, b := s.at(v.n+shift), s.at(m.at(ci2).n+shift)
		if oc, os := r.offsetOf(ci); os != nil && ld.u.enc.ch[oc] != nil {
			// An interval (a time unit's, a bin's) shared by an offset's
			// groups, as Vega-Lite divides a band.
			a, b = ordered(a, b)
			return r.offset(ld, m, ci, a, b)
		}
		if sp := ld.u.mark.binSpacing; ld.u.mark.typ == "bar" && c.bin != nil && (sp == nil || *sp > 0) {
			gap := 1.0
			if sp != nil {
				gap = *sp
			}
			if math.Abs(b-a) > gap {
				if a < b {
					b -= gap
				} else {
					a -= gap
				}
			}
		}
		return a, b
	}
	// A continuous position without an end: a bar of the mark's size, or
	// of Vega-Lite's continuous band size.
	if size <= 0 {
		size = 5
	}
	x := s.at(v.n)
	return x - size/2, x + size/2
}

func ordered(a, b float64) (float64, float64) {
	if a > b {
		return b, a
	}
	return a, b
}

// drawRects draws bars, rects and ticks.
func (r *renderer) drawRects(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	th := r.th
	mk := ld.u.mark
	e := ld.u.enc
	vertical := ld.measure != chX // bars grow along y unless x is the measure
	if mk.orient == "horizontal" {
		vertical = false
	}
	if mk.orient == "vertical" {
		vertical = true
	}
	var bars []bar
	for _, m := range rows {
		var x0, x1, y0, y1 float64
		switch mk.typ {
		case "tick":
			// A thin rect across the band of the other channel.
			tick := 14.0
			if mk.size > 0 {
				tick = mk.size
			}
			thick := 1.0
			if mk.thickness > 0 {
				thick = mk.thickness
			}
			xc := e.ch[chX]
			interval := xc != nil && r.x != nil && !r.x.discrete && (len(xc.units) > 0 || xc.bin != nil)
			if e.ch[chY] != nil && r.y != nil && !r.y.discrete && (xc == nil || r.x == nil || r.x.discrete || interval) {
				// A horizontal tick at y.
				y := r.posAt(r.y, ld, m, chY, (ptop+pbot)/2)
				x0, x1 = r.span(r.x, ld, m, chX, chX2, px0, px1, tick)
				if v := m.at(chX); interval && !v.null {
					// Across three quarters of its time unit or bin, as
					// Vega-Lite sizes a tick in a band.
					a, b := x0, x1
					if e.ch[chX2] == nil || m.at(chX2).null {
						end := v.n
						if len(xc.units) > 0 {
							end = timeUnitEnd(xc.units, xc.tuStep, v.n*msPerDay) / msPerDay
						} else if bn, ok := r.binsOf(xc); ok {
							end = v.n + bn.step
						}
						a, b = r.x.at(v.n), r.x.at(end)
					}
					mid, half := (a+b)/2, math.Abs(b-a)*3/8
					x0, x1 = mid-half, mid+half
				}
				if r.x == nil || e.ch[chX] == nil {
					mid := (px0 + px1) / 2
					x0, x1 = mid-tick/2, mid+tick/2
				}
				y0, y1 = y-thick/2, y+thick/2
			} else {
				x := r.posAt(r.x, ld, m, chX, (px0+px1)/2)
				y0, y1 = r.span(r.y, ld, m, chY, chY2, ptop, pbot, tick)
				if r.y == nil || e.ch[chY] == nil {
					mid := (ptop + pbot) / 2
					y0, y1 = mid-tick/2, mid+tick/2
				}
				x0, x1 = x-thick/2, x+thick/2
			}
		default:
			size := mk.size
			if mk.width != nil && mk.width.px > 0 {
				size = mk.width.px
			}
			x0, x1 = r.span(r.x, ld, m, chX, chX2, px0, px1, barSize(mk, size, r.x, true))
			hs := mk.size
			if mk.height != nil && mk.height.px > 0 {
				hs = mk.height.px
			}
			y0, y1 = r.span(r.y, ld, m, chY, chY2, ptop, pbot, barSize(mk, hs, r.y, false))
			if mk.typ == "bar" && !vertical && r.x != nil && e.ch[chX] != nil && !r.x.discrete && e.ch[chX2] == nil && ld.measure != chX {
				// A horizontal bar from zero.
				x0, x1 = r.x.at(math.Max(r.x.lo, math.Min(0, r.x.hi))), r.x.at(m.at(chX).n)
			}
		}
		x0, x1 = ordered(clamp(x0, px0, px1), clamp(x1, px0, px1))
		y0, y1 = ordered(clamp(y0, ptop, pbot), clamp(y1, ptop, pbot))
		fill := r.markFill(ld, m)
		el := r.el("rect", "x", r.f(x0), "y", r.f(y0), "width", r.f(x1-x0), "height", r.f(y1-y0), "fill", fill)
		if ld.stacked && e.ch[chColor] != nil {
			el.set("stroke", th.bg()).set("stroke-width", "0.75")
		}
		r.markStyle(el, ld, m, fill, true)
		r.add(g, r.mark(el, m))
		r.logPositions(ld, m)
		if mk.typ == "bar" {
			bars = append(bars, bar{m, x0, x1, y0, y1})
		}
	}
	r.count("rect", len(rows))
	if r.opt.BarValues {
		r.barValues(g, ld, bars, vertical, px0, px1, ptop, pbot)
	}
}

// bar is a drawn bar, for its value label.
type bar struct {
	m              *mrow
	x0, x1, y0, y1 float64
}

// maxValueLabels is the most bars labelled with their values: more would
// crowd the plot, and the table and tooltips hold every value.
const maxValueLabels = 40

// barValues writes each bar's value beyond its end when every label fits
// across its bar and beside its end, else none (some bars labelled and
// others not would read as missing data). Only plain bars: one quantity
// measured against categories, not stacked or grouped by colour.
func (r *renderer) barValues(g *elem, ld *layerData, bars []bar, vertical bool, px0, px1, ptop, pbot float64) {
	e := ld.u.enc
	if len(bars) == 0 || len(bars) > maxValueLabels || ld.normalize || ld.center || e.ch[chXOffset] != nil || e.ch[chYOffset] != nil {
		return
	}
	cat := e.ch[chX]
	if !vertical {
		cat = e.ch[chY]
	}
	if cat == nil || len(e.detail) > 0 {
		return
	}
	for _, ci := range []int{chColor, chFill, chOpacity} {
		if c := e.ch[ci]; c != nil && c.field != "" && c.field != cat.field {
			return // stacked or grouped: several bars share a category
		}
	}
	mi, mi2, s, other := chY, chY2, r.y, r.x
	if !vertical {
		mi, mi2, s, other = chX, chX2, r.x, r.y
	}
	c := e.ch[mi]
	if c2 := e.ch[mi2]; c2 != nil && !c2.synthesized {
		return // ranged bars
	}
	if c == nil || c.typ != "quantitative" || s == nil || s.discrete || other == nil || !other.discrete {
		return
	}
	fs := r.th.FontSize.Label
	zero := s.at(math.Max(s.lo, math.Min(0, s.hi)))
	type label struct {
		x, y   float64
		side   byte
		text   string
		inside bool // on the bar, in the background's colour
	}
	// Text on a bar is legible in the background's colour only on the
	// theme's own bar colour.
	inside := e.ch[chColor] == nil && e.ch[chFill] == nil && ld.u.mark.color == "" && ld.u.mark.fill == ""
	labels := make([]label, 0, len(bars))
	for _, b := range bars {
		v := b.m.at(mi)
		if v.null || math.IsNaN(v.n) {
			continue
		}
		t := r.valueText(c, v)
		w := textWidth(t, fs)
		if vertical {
			if w > b.x1-b.x0-2 {
				return
			}
			x := (b.x0 + b.x1) / 2
			if math.Abs(b.y0-zero) >= math.Abs(b.y1-zero) { // grows up
				switch {
				case b.y0-fs-3 >= ptop:
					labels = append(labels, label{x, b.y0 - 4, 'm', t, false})
				case inside && b.y1-b.y0 >= fs+6:
					// No room above the plot's top: inside the bar's end.
					labels = append(labels, label{x, b.y0 + fs + 1, 'm', t, true})
				default:
					return
				}
			} else {
				if b.y1+fs+3 > pbot+fs { // below the plot's floor lie the axis labels
					return
				}
				labels = append(labels, label{x, b.y1 + fs + 1, 'm', t, false})
			}
			continue
		}
		if fs > b.y1-b.y0+2 {
			return
		}
		y := (b.y0+b.y1)/2 + fs*0.35
		if math.Abs(b.x1-zero) >= math.Abs(b.x0-zero) { // grows right
			if b.x1+4+w > px1 {
				return
			}
			labels = append(labels, label{b.x1 + 4, y, 'l', t, false})
		} else {
			if b.x0-4-w < px0 {
				return
			}
			labels = append(labels, label{b.x0 - 4, y, 'r', t, false})
		}
	}
	vg := r.el("g", "class", "chart-values", "aria-hidden", "true", "fill", r.th.fg(), "font-size", r.f(fs))
	for _, l := range labels {
		t := r.txt(l.x, l.y, l.side, l.text)
		if l.inside {
			t.set("fill", r.th.bg())
		}
		r.add(vg, t)
	}
	r.add(g, vg)
}

// barSize is the thickness a bar or rect takes across a continuous scale,
// or 0 to fill its band.
func barSize(mk markDef, size float64, s *posScale, horiz bool) float64 {
	if s != nil && s.discrete {
		if horiz && mk.widthBand > 0 {
			return -1 // handled as a share of the band below
		}
		return size
	}
	return size
}

// drawSymbols draws points, circles and squares.
func (r *renderer) drawSymbols(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	th := r.th
	mk := ld.u.mark
	filled := mk.typ != "point"
	if mk.filled != nil {
		filled = *mk.filled
	}
	shape := mk.shape
	if shape == "" {
		shape = "circle"
		if mk.typ == "square" {
			shape = "square"
		}
	}
	defArea := math.Pi * th.Point.Radius * th.Point.Radius
	if mk.size > 0 {
		defArea = mk.size
	}
	for _, m := range rows {
		x := r.posAt(r.x, ld, m, chX, (px0+px1)/2)
		y := r.posAt(r.y, ld, m, chY, (ptop+pbot)/2)
		area := defArea
		if c := ld.u.enc.ch[chSize]; c != nil {
			area = r.sizeOf(m.at(chSize), defArea)
		}
		sh := shape
		if c := ld.u.enc.ch[chShape]; c != nil {
			sh = r.shapeOf(m.at(chShape))
		}
		col := r.markFill(ld, m)
		el := r.symbol(sh, x, y, area, m.at(chAngle).n)
		if filled {
			el.set("fill", col).set("stroke", th.bg()).set("stroke-width", "0.75")
		} else {
			el.set("fill", th.bg()).set("fill-opacity", "0.6").set("stroke", r.markStrokeColour(ld, m, col)).set("stroke-width", "1.75")
		}
		r.markStyle(el, ld, m, col, filled)
		r.add(g, r.mark(el, m))
		r.logPositions(ld, m)
	}
	r.count("symbol", len(rows))
}

// symbol draws one of Vega's symbol shapes of an area in square pixels.
func (r *renderer) symbol(shape string, x, y, area, angle float64) *elem {
	if area < 0 {
		area = 0
	}
	if shape == "circle" && angle == 0 {
		return r.el("circle", "cx", r.f(x), "cy", r.f(y), "r", r.f(math.Sqrt(area/math.Pi)))
	}
	s := math.Sqrt(area)
	var pts [][2]float64
	switch shape {
	case "square":
		h := s / 2
		pts = [][2]float64{{-h, -h}, {h, -h}, {h, h}, {-h, h}}
	case "diamond":
		h := s / 2 * math.Sqrt2 * 0.9
		pts = [][2]float64{{0, -h}, {h, 0}, {0, h}, {-h, 0}}
	case "triangle-up", "triangle":
		h := s * 0.62
		pts = [][2]float64{{0, -h}, {h, h * 0.6}, {-h, h * 0.6}}
	case "triangle-down":
		h := s * 0.62
		pts = [][2]float64{{0, h}, {h, -h * 0.6}, {-h, -h * 0.6}}
	case "triangle-left":
		h := s * 0.62
		pts = [][2]float64{{-h, 0}, {h * 0.6, -h}, {h * 0.6, h}}
	case "triangle-right", "arrow", "wedge":
		h := s * 0.62
		pts = [][2]float64{{h, 0}, {-h * 0.6, -h}, {-h * 0.6, h}}
	case "cross":
		a, b := s*0.5, s*0.17
		pts = [][2]float64{{-b, -a}, {b, -a}, {b, -b}, {a, -b}, {a, b}, {b, b}, {b, a}, {-b, a}, {-b, b}, {-a, b}, {-a, -b}, {-b, -b}}
	case "stroke":
		h := s / 2
		pts = [][2]float64{{-h, 0}, {h, 0}}
	default:
		if strings.ContainsAny(shape, "MmLl") {
			// An SVG path of a unit symbol, scaled to the area.
			el := r.el("path", "d", shape)
			el.set("transform", "translate("+r.f(x)+" "+r.f(y)+") scale("+r.f(s/2)+")")
			return el
		}
		return r.el("circle", "cx", r.f(x), "cy", r.f(y), "r", r.f(math.Sqrt(area/math.Pi)))
	}
	var p path
	sin, cos := math.Sincos(angle * math.Pi / 180)
	for i, q := range pts {
		qx, qy := x+q[0]*cos-q[1]*sin, y+q[0]*sin+q[1]*cos
		if i == 0 {
			p.move(qx, qy)
		} else {
			p.line(qx, qy)
		}
	}
	if shape != "stroke" {
		p.close()
	}
	return r.el("path", "d", p.String())
}

// drawRules draws rules: across the plot at x or y, or between x and x2
// (y and y2).
func (r *renderer) drawRules(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	th := r.th
	e := ld.u.enc
	mk := ld.u.mark
	for _, m := range rows {
		var x0, x1, y0, y1 float64
		hasX, hasY := e.ch[chX] != nil && r.x != nil, e.ch[chY] != nil && r.y != nil
		switch {
		case r.proj != nil && e.ch[chLongitude] != nil:
			x0, y0, _ = r.geoXY(ld, m, false)
			x1, y1 = x0, y0
			if e.ch[chLongitude2] != nil {
				x1, y1, _ = r.geoXY(ld, m, true)
			}
		case hasX && hasY && e.ch[chY2] != nil:
			x0 = r.posAt(r.x, ld, m, chX, (px0+px1)/2)
			x1 = x0
			y0, y1 = r.y.pos(m.at(chY)), r.y.at(m.at(chY2).n)
			if r.y.discrete {
				y1 = r.y.pos(m.at(chY2))
			}
		case hasX && hasY && e.ch[chX2] != nil:
			y0 = r.posAt(r.y, ld, m, chY, (ptop+pbot)/2)
			y1 = y0
			x0, x1 = r.x.pos(m.at(chX)), r.x.at(m.at(chX2).n)
			if r.x.discrete {
				x1 = r.x.pos(m.at(chX2))
			}
		case hasX && e.ch[chX2] != nil:
			x0, x1 = r.x.pos(m.at(chX)), r.x.at(m.at(chX2).n)
			y0 = (ptop + pbot) / 2
			y1 = y0
		case hasY && e.ch[chY2] != nil:
			y0, y1 = r.y.pos(m.at(chY)), r.y.at(m.at(chY2).n)
			x0 = (px0 + px1) / 2
			x1 = x0
		case hasY && !hasX:
			y := r.posAt(r.y, ld, m, chY, (ptop+pbot)/2)
			x0, x1, y0, y1 = px0, px1, y, y
		case hasX && !hasY:
			x := r.posAt(r.x, ld, m, chX, (px0+px1)/2)
			x0, x1, y0, y1 = x, x, ptop, pbot
		case hasX && hasY:
			// x and y without ends: a rule from the measure's zero.
			x0 = r.posAt(r.x, ld, m, chX, (px0+px1)/2)
			y0 = r.posAt(r.y, ld, m, chY, (ptop+pbot)/2)
			x1, y1 = x0, y0
			if !r.y.discrete {
				y1 = r.y.at(math.Max(r.y.lo, math.Min(0, r.y.hi)))
			} else if !r.x.discrete {
				x1 = r.x.at(math.Max(r.x.lo, math.Min(0, r.x.hi)))
			}
		default:
			continue
		}
		el := r.el("line", "x1", r.f(x0), "x2", r.f(x1), "y1", r.f(y0), "y2", r.f(y1))
		col := th.fg()
		if e.ch[chColor] != nil || mk.color != "" || mk.stroke != "" {
			col = r.markFill(ld, m)
		}
		if mk.stroke != "" && mk.stroke != "none" {
			col = mk.stroke
		}
		w := th.Rule.Width
		if mk.strokeWidth != nil {
			w = *mk.strokeWidth
		}
		if c := e.ch[chStrokeWidth]; c != nil {
			w = r.sizeOf(m.at(chStrokeWidth), w)
		}
		if c := e.ch[chSize]; c != nil {
			w = math.Sqrt(r.sizeOf(m.at(chSize), w*w))
		}
		el.set("stroke", col).set("stroke-width", r.f(w))
		if len(mk.strokeDash) > 0 {
			el.set("stroke-dasharray", dash(mk.strokeDash))
		}
		r.markStyle(el, ld, m, col, false)
		r.add(g, r.mark(el, m))
	}
	r.count("rule", len(rows))
}

// drawImages draws image marks as links to their pictures (the files are
// the page's to serve), each with its title.
func (r *renderer) drawImages(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	mk := ld.u.mark
	w, h := 50.0, 50.0
	if mk.width != nil && mk.width.px > 0 {
		w = mk.width.px
	}
	if mk.height != nil && mk.height.px > 0 {
		h = mk.height.px
	}
	for _, m := range rows {
		x := r.posAt(r.x, ld, m, chX, (px0+px1)/2)
		y := r.posAt(r.y, ld, m, chY, (ptop+pbot)/2)
		url := mk.url
		if ld.u.enc.ch[chURL] != nil {
			url = m.at(chURL).s
		}
		el := r.el("image", "x", r.f(x-w/2), "y", r.f(y-h/2), "width", r.f(w), "height", r.f(h), "href", url)
		r.add(g, r.mark(el, m))
	}
	r.count("image", len(rows))
}

// markFill is a mark's colour: from its colour channels, else the mark's
// own colour, else the theme's first.
func (r *renderer) markFill(ld *layerData, m *mrow) string {
	e := ld.u.enc
	mk := ld.u.mark
	for _, ci := range []int{chFill, chColor} {
		if e.ch[ci] != nil {
			v := m.at(ci)
			if v.lit {
				return v.s
			}
			if v.null && e.ch[ci].value == nil && len(e.ch[ci].conds) == 0 {
				break
			}
			return r.fill(v)
		}
	}
	switch {
	case mk.fill != "" && mk.fill != "none":
		return mk.fill
	case mk.color != "":
		return mk.color
	}
	return r.th.series(0)
}

func (r *renderer) markStrokeColour(ld *layerData, m *mrow, def string) string {
	e := ld.u.enc
	if c := e.ch[chStroke]; c != nil {
		v := m.at(chStroke)
		if v.lit {
			return v.s
		}
		return r.fill(v)
	}
	if s := ld.u.mark.stroke; s != "" {
		return s
	}
	return def
}

// markOpacity is a row's opacity: its opacity channel's, else its mark's,
// else 1.
func (r *renderer) markOpacity(ld *layerData, m *mrow) float64 {
	if ld.u.enc.ch[chOpacity] != nil {
		return r.opacityOf(m.at(chOpacity))
	}
	if op := ld.u.mark.opacity; op != nil {
		return *op
	}
	return 1
}

// markStyle sets what the other channels and mark properties give an
// element: opacity, stroke and its dashes.
func (r *renderer) markStyle(el *elem, ld *layerData, m *mrow, fill string, filled bool) {
	e := ld.u.enc
	mk := ld.u.mark
	op := r.markOpacity(ld, m)
	if c := e.ch[chFillOpacity]; c != nil {
		el.set("fill-opacity", r.f(r.opacityOf(m.at(chFillOpacity))))
	} else if mk.fillOpacity != nil {
		el.set("fill-opacity", r.f(*mk.fillOpacity))
	}
	if op < 1 {
		el.set("opacity", r.f(op))
	}
	if e.ch[chStroke] != nil || mk.stroke != "" && mk.stroke != "none" {
		el.set("stroke", r.markStrokeColour(ld, m, fill))
		w := 1.0
		if mk.strokeWidth != nil {
			w = *mk.strokeWidth
		}
		el.set("stroke-width", r.f(w))
	}
	if c := e.ch[chStrokeDash]; c != nil && el.name != "text" {
		if d := r.dashOf(m.at(chStrokeDash)); d != "" {
			el.set("stroke-dasharray", d)
		}
	}
}

// drawShapes draws geoshape marks from the data's own geometry.
func (r *renderer) drawShapes(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	n := r.drawGeoShapes(g, ld, rows, px0, px1, ptop, pbot)
	r.count("shape", n)
}

// logPositions records where a row was placed (for tests): the measure at
// its stacked end.
func (r *renderer) logPositions(ld *layerData, m *mrow) {
	if !r.logDomains {
		return
	}
	for _, p := range []struct {
		s  *posScale
		ci int
	}{{r.x, chX}, {r.y, chY}} {
		if p.s == nil || ld.u.enc.ch[p.ci] == nil {
			continue
		}
		if ld.measure == p.ci {
			r.logDomain(p.s, value{n: m.hi})
		} else {
			r.logDomain(p.s, m.at(p.ci))
		}
	}
}
