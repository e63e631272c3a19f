package chart

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

func (r *renderer) mark(e *elem, m *mrow) *elem {
	r.marks++
	return e.titled(m.title)
}

func (r *renderer) logDomain(s *posScale, v value) {
	if s != nil && r.logDomains {
		r.domainLog = append(r.domainLog, domainCheck{s, v})
	}
}

func clamp(v, lo, hi float64) float64 {
	if lo > hi {
		lo, hi = hi, lo
	}
	return math.Min(math.Max(v, lo), hi)
}

// offsetOf is the offset channel of position channel ci (x or y) and its
// scale; -1 and nil for other channels.
func (r *renderer) offsetOf(ci int) (int, *posScale) {
	switch ci {
	case chX:
		return chXOffset, r.xOff
	case chY:
		return chYOffset, r.yOff
	}
	return -1, nil
}

// offset narrows a band (or an interval) along position channel ci to the
// row's slot among its offset channel's groups; along x they run right to
// left on right-to-left pages.
func (r *renderer) offset(ld *layerData, m *mrow, ci int, a0, a1 float64) (float64, float64) {
	oc, s := r.offsetOf(ci)
	if s == nil || ld.u.enc.ch[oc] == nil {
		return a0, a1
	}
	n := float64(max(len(s.keys), 1))
	i := float64(s.idx[m.at(oc).key()])
	sub := (a1 - a0) / n
	pad := sub * r.th.GroupPadding
	start := a0 + i*sub
	if ci == chX && r.rtl {
		start = a1 - (i+1)*sub
	}
	return start + pad/2, start + sub - pad/2
}

type pt struct{ x, y float64 }

// seriesOf splits a path mark's rows into its series: one per value of
// its colour and other grouping channels (detail, dashes, opacity), in
// legend order, each sorted along its dimension (or by the order channel).
func (r *renderer) seriesOf(ld *layerData, rows []*mrow) [][]*mrow {
	e := ld.u.enc
	groupBy := []int{chColor, chFill, chStroke, chStrokeDash, chOpacity, chStrokeWidth, chShape}
	if ld.u.mark.typ != "trail" {
		groupBy = append(groupBy, chSize)
	}
	for i := range e.detail {
		groupBy = append(groupBy, numChannels+len(e.tooltip)+i)
	}
	groupBy = slices.DeleteFunc(groupBy, func(ci int) bool { return ci < numChannels && e.ch[ci] == nil })
	out := r.groupRows(rows, func(kb []byte, m *mrow) []byte {
		for _, ci := range groupBy {
			kb = append(append(kb, m.at(ci).key()...), 0)
		}
		return kb
	})
	if r.color != nil && r.color.discrete {
		slices.SortStableFunc(out, func(a, b []*mrow) int {
			return cmp.Compare(r.color.idx[a[0].at(chColor).key()], r.color.idx[b[0].at(chColor).key()])
		})
	}
	dim := chX
	if ld.measure == chX {
		dim = chY
	}
	for _, s := range out {
		if e.ch[chOrder] != nil {
			oc := e.ch[chOrder]
			slices.SortStableFunc(s, func(a, b *mrow) int {
				c := compareValues(r.loc, a.at(chOrder), b.at(chOrder), oc.typ)
				if oc.sort.desc {
					c = -c
				}
				return c
			})
			continue
		}
		if e.ch[dim] == nil {
			continue
		}
		slices.SortStableFunc(s, func(a, b *mrow) int { return cmpLess(r.orderAlong(dim, a), r.orderAlong(dim, b)) })
	}
	return out
}

func (r *renderer) orderAlong(ci int, m *mrow) float64 {
	v := m.at(ci)
	s := r.x
	if ci == chY {
		s = r.y
	}
	if s != nil && s.discrete {
		return float64(s.idx[v.key()])
	}
	return v.n
}

func (r *renderer) xOrder(m *mrow) float64 { return r.orderAlong(chX, m) }

type directLabel struct {
	x, y  float64
	text  string
	color string
}

// hasOverlay says whether the plot draws a layer of points over ld's line.
func (r *renderer) hasOverlay(ld *layerData) bool {
	for _, o := range r.layers {
		if o.u.overlay && o.u.raw == ld.u.raw && o.u.mark.typ == "point" {
			return true
		}
	}
	return false
}

// drawLines draws lines, areas and trails: a path per series, and a
// titled marker per point (invisible on long or filled series), so that
// every value has its tooltip.
func (r *renderer) drawLines(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	th := r.th
	mk := ld.u.mark
	area := mk.typ == "area"
	horizontal := ld.measure == chX
	overlay := r.hasOverlay(ld)
	var labels []directLabel
	points := 0
	if len(ld.gaps) > 0 {
		rows = append(slices.Clip(rows), r.cellRows(ld, ld.gaps)...)
	}
	series := r.seriesOf(ld, rows)
	for _, s := range series {
		col := r.markFill(ld, s[0])
		if !area && ld.u.enc.ch[chStroke] != nil {
			col = r.markStrokeColour(ld, s[0], col)
		}
		top := make([]pt, len(s))
		base := make([]pt, len(s))
		for i, m := range s {
			x := r.posAt(r.x, ld, m, chX, (px0+px1)/2)
			y := r.posAt(r.y, ld, m, chY, (ptop+pbot)/2)
			bx, by := x, y
			switch {
			case horizontal && ld.stacked:
				x, bx = r.x.at(m.hi), r.x.at(m.lo)
			case horizontal && ld.u.enc.ch[chX2] != nil:
				bx = r.x.at(m.at(chX2).n)
			case horizontal:
				bx = r.x.at(math.Max(r.x.lo, math.Min(0, r.x.hi)))
			case ld.stacked && r.y != nil:
				y, by = r.y.at(m.hi), r.y.at(m.lo)
			case ld.u.enc.ch[chY2] != nil && r.y != nil:
				by = r.y.at(m.at(chY2).n)
			case r.y != nil && !r.y.discrete:
				by = r.y.at(math.Max(r.y.lo, math.Min(0, r.y.hi)))
			default:
				by = pbot
			}
			top[i] = pt{clamp(x, px0, px1), clamp(y, ptop, pbot)}
			base[i] = pt{clamp(bx, px0, px1), clamp(by, ptop, pbot)}
			if !ld.showInvalid && !defined(ld, m) {
				top[i].x = math.NaN() // a gap: the path breaks here
				continue
			}
			r.logDomain(r.x, m.at(chX))
			r.logDomain(r.y, value{n: m.hi})
		}
		interp := mk.interpolate
		runs := definedRuns(top)
		sg := r.el("g", "class", "chart-series", "aria-hidden", "true")
		if area {
			var d string
			for _, run := range runs {
				bottom := make([]pt, 0, run[1]-run[0])
				for i := run[1] - 1; i >= run[0]; i-- {
					bottom = append(bottom, base[i])
				}
				d += curve(top[run[0]:run[1]], interp, true) + strings.Replace(curve(bottom, interp, true), "M", "L", 1) + "Z"
			}
			a := r.el("path", "d", d, "fill", col)
			if !ld.stacked && mk.opacity == nil && ld.u.enc.ch[chOpacity] == nil {
				a.set("fill-opacity", "0.3")
			}
			r.markStyle(a, ld, s[0], col, true)
			r.add(sg, a)
			if !ld.stacked && !mk.line {
				r.add(sg, r.el("path", "d", runsCurve(top, runs, interp), "fill", "none", "stroke", col, "stroke-width", r.f(th.Line.Width), "stroke-linejoin", "round"))
			}
		} else {
			w := th.Line.Width
			if mk.strokeWidth != nil {
				w = *mk.strokeWidth
			}
			if c := ld.u.enc.ch[chStrokeWidth]; c != nil {
				w = r.sizeOf(s[0].at(chStrokeWidth), w)
			}
			if mk.typ == "trail" {
				w = math.Max(w, math.Sqrt(r.sizeOf(s[0].at(chSize), w*w)))
			}
			p := r.el("path", "d", runsCurve(top, runs, interp), "fill", "none", "stroke", col, "stroke-width", r.f(w), "stroke-linejoin", "round", "stroke-linecap", "round")
			if len(mk.strokeDash) > 0 {
				p.set("stroke-dasharray", dash(mk.strokeDash))
			}
			r.markStyle(p, ld, s[0], col, false)
			p.set("fill", "none")
			r.add(sg, p)
		}
		r.add(g, sg)
		if area && mk.line {
			r.add(sg, r.el("path", "d", runsCurve(top, runs, interp), "fill", "none", "stroke", col, "stroke-width", r.f(th.Line.Width), "stroke-linejoin", "round"))
		}
		// Each point is its own element with its own title; on long or
		// filled series they are invisible but still show their tooltip.
		if !overlay {
			visible := mk.point || !mk.noPoint && !area && len(s) <= th.Line.MarkerMaxPoints && mk.typ == "line"
			pg := r.el("g", "class", "chart-points", "fill", col)
			if visible {
				pg.set("stroke", th.bg()).set("stroke-width", "1")
				// Markers as faint as their line.
				if op := r.markOpacity(ld, s[0]); op < 1 {
					pg.set("opacity", r.f(op))
				}
			} else {
				pg.set("fill-opacity", "0")
			}
			rad := r.f(th.Line.Marker)
			for i, m := range s {
				if math.IsNaN(top[i].x) || math.IsNaN(top[i].y) {
					continue
				}
				r.add(pg, r.mark(r.el("circle", "cx", r.f(top[i].x), "cy", r.f(top[i].y), "r", rad), m))
				points++
			}
			r.add(g, pg)
		}
		// A colour is named once, at its one series: not at each series a
		// detail channel splits it into, nor again in another layer.
		if r.directSer && ld.u.enc.ch[chColor] != nil && len(ld.u.enc.detail) == 0 && len(s) > 0 && !horizontal && !r.labelled[s[len(s)-1].at(chColor).key()] {
			last := s[len(s)-1]
			if r.labelled == nil {
				r.labelled = map[string]bool{}
			}
			r.labelled[last.at(chColor).key()] = true
			y := top[len(s)-1].y
			if area && ld.stacked {
				y = (r.y.at(last.lo) + r.y.at(last.hi)) / 2
			}
			labels = append(labels, directLabel{top[len(s)-1].x, y, r.valueText(r.color.c, last.at(chColor)), col})
		}
	}
	if len(labels) > 0 {
		r.add(g, r.directLabels(labels, ptop, pbot))
	}
	r.count(mk.typ, len(series))
	if mk.point {
		r.count("symbol", points) // Vega-Lite draws the points as a layer of their own
	}
	if area && mk.line {
		r.count("line", len(series))
	}
}

// defined says whether a path mark's point has its positions: a point
// without one breaks the line, as Vega's "defined" does.
func defined(ld *layerData, m *mrow) bool {
	for _, ci := range []int{chX, chY} {
		c := ld.u.enc.ch[ci]
		if c == nil || c.field == "" && c.agg != "count" {
			continue
		}
		if v := m.at(ci); (v.null || math.IsNaN(v.n)) && (c.typ == "quantitative" && (c.bin == nil || c.bin.binned) || c.typ == "temporal" && len(c.units) == 0) {
			return false
		}
	}
	return true
}

// definedRuns are the stretches of points between gaps (NaN x).
func definedRuns(ps []pt) [][2]int {
	var out [][2]int
	start := -1
	for i, p := range ps {
		switch {
		case math.IsNaN(p.x) && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		case !math.IsNaN(p.x) && start < 0:
			start = i
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(ps)})
	}
	return out
}

func runsCurve(ps []pt, runs [][2]int, interp string) string {
	var d string
	for _, run := range runs {
		d += curve(ps[run[0]:run[1]], interp, true)
	}
	return d
}

// directLabels writes series names at line ends, nudged apart vertically.
func (r *renderer) directLabels(ls []directLabel, ptop, pbot float64) *elem {
	th := r.th
	fs := th.FontSize.Label
	sp := fs * 1.2
	slices.SortStableFunc(ls, func(a, b directLabel) int { return cmpLess(a.y, b.y) })
	for i := 1; i < len(ls); i++ {
		ls[i].y = math.Max(ls[i].y, ls[i-1].y+sp)
	}
	for i := len(ls) - 1; i >= 0; i-- {
		limit := pbot
		if i < len(ls)-1 {
			limit = ls[i+1].y - sp
		}
		ls[i].y = math.Min(ls[i].y, limit)
	}
	if len(ls) > 0 && ls[0].y < ptop {
		d := ptop - ls[0].y
		for i := range ls {
			ls[i].y += d
		}
	}
	g := r.el("g", "class", "chart-direct-labels", "aria-hidden", "true")
	dir := 1.0
	if r.rtl {
		dir = -1
	}
	for _, l := range ls {
		x0 := l.x + dir*th.Gap.DirectLabel
		r.add(g, r.el("line", "x1", r.f(x0), "x2", r.f(x0+dir*8), "y1", r.f(l.y), "y2", r.f(l.y), "stroke", l.color, "stroke-width", "3", "stroke-linecap", "round"))
		r.add(g, r.txt(x0+dir*(8+th.Gap.DirectLabel), l.y+fs*0.35, r.lead(), l.text))
	}
	return g
}

func dash(ds []float64) string {
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = f(d)
	}
	return strings.Join(parts, " ")
}

// curve is path data through points: straight, monotone cubic
// (Fritsch–Carlson, never overshooting the data) or stepped at midpoints.
func curve(ps []pt, interp string, move bool) string {
	var p path
	if len(ps) == 0 {
		return ""
	}
	p.move(ps[0].x, ps[0].y)
	switch {
	case interp == "step":
		for i := 1; i < len(ps); i++ {
			mx := (ps[i-1].x + ps[i].x) / 2
			p.line(mx, ps[i-1].y)
			p.line(mx, ps[i].y)
			p.line(ps[i].x, ps[i].y)
		}
	case interp == "monotone" && len(ps) > 2:
		n := len(ps)
		d := make([]float64, n-1)
		for i := range n - 1 {
			dx := ps[i+1].x - ps[i].x
			if dx == 0 {
				d[i] = 0
			} else {
				d[i] = (ps[i+1].y - ps[i].y) / dx
			}
		}
		t := make([]float64, n)
		t[0], t[n-1] = d[0], d[n-2]
		for i := 1; i < n-1; i++ {
			if d[i-1]*d[i] <= 0 {
				t[i] = 0
			} else {
				t[i] = 2 / (1/d[i-1] + 1/d[i])
			}
		}
		for i := range n - 1 {
			dx := (ps[i+1].x - ps[i].x) / 3
			p.cmd('C', ps[i].x+dx, ps[i].y+t[i]*dx, ps[i+1].x-dx, ps[i+1].y-t[i+1]*dx, ps[i+1].x, ps[i+1].y)
		}
	default:
		for _, q := range ps[1:] {
			p.line(q.x, q.y)
		}
	}
	return p.String()
}

// textPlace is where a text mark's label goes: the point it labels, its
// offset, the side of the label at x and the label itself.
type textPlace struct {
	anchor, dx float64
	y          float64
	side       byte // l: left edge at x, r: right edge, m: middle
	text       string
	lines      []string // a text of several lines (a mark's list), text joining them
	w          float64
	hasX       bool
}

func (p textPlace) x() float64 { return p.anchor + p.dx }

// extent is the label's left and right edge.
func (p textPlace) extent() (float64, float64) {
	x := p.x()
	switch p.side {
	case 'l':
		return x, x + p.w
	case 'r':
		return x - p.w, x
	}
	return x - p.w/2, x + p.w/2
}

func (r *renderer) textPlace(ld *layerData, m *mrow, px0, px1, ptop, pbot float64) textPlace {
	mk := ld.u.mark
	fs := r.th.FontSize.MarkText
	p := textPlace{anchor: (px0 + px1) / 2, y: (ptop + pbot) / 2, side: 'm', dx: mk.dx}
	if r.x != nil && ld.u.enc.ch[chX] != nil {
		p.hasX = true
		p.anchor = r.x.pos(m.v[chX])
		if ld.measure == chX {
			p.anchor = r.x.at(m.hi)
		}
	}
	if r.y != nil && ld.u.enc.ch[chY] != nil {
		p.y = r.y.pos(m.v[chY])
		if ld.measure == chY {
			p.y = r.y.at(m.hi)
		}
	}
	if mp := mk.x; mp != nil && ld.u.enc.ch[chX] == nil {
		p.hasX = true
		p.anchor = px0 + mp.px
		if mp.far {
			p.anchor = px1
		}
		if r.rtl {
			p.anchor = px0 + px1 - p.anchor
		}
	}
	if mp := mk.y; mp != nil && ld.u.enc.ch[chY] == nil {
		p.y = ptop + mp.px
		if mp.far {
			p.y = pbot
		}
	}
	if x, y, ok := r.geoXY(ld, m, false); ok {
		// A place on a map: the map is not mirrored, its labels are.
		p.hasX, p.anchor, p.y = true, x, y
	}
	switch mk.align {
	case "left":
		p.side = 'l'
	case "right":
		p.side = 'r'
	}
	if r.rtl {
		// Mirrored: a label after its point in reading order.
		p.dx = -p.dx
		switch p.side {
		case 'l':
			p.side = 'r'
		case 'r':
			p.side = 'l'
		}
	}
	switch mk.baseline {
	case "", "middle":
		p.y += fs * 0.35
	case "top":
		p.y += fs * 0.8
	case "bottom":
		p.y -= fs * 0.25 // the descenders end at y
	}
	p.y += mk.dy
	if tc, v := ld.u.enc.ch[chText], m.at(chText); tc != nil && tc.typ == "quantitative" && tc.num == nil && !v.null && !v.lit {
		p.text = r.textNumber(v.n)
		if b, ok := r.binsOf(tc); ok && tc.bin != nil && !tc.bin.binned {
			p.text += " \u2013 " + r.textNumber(v.n+b.step)
		}
	} else if tc == nil && len(mk.textLines) > 1 {
		// Lines, as Vega draws a list, each set in a tspan by drawText.
		for _, l := range mk.textLines {
			l = r.tr(l)
			p.lines = append(p.lines, l)
			p.w = math.Max(p.w, textWidth(l, fs))
		}
		p.text = strings.Join(p.lines, "\n")
		p.y -= float64(len(p.lines)-1) * r.markLineHeight(fs) / 2
		return p
	} else if tc == nil && mk.text != "" {
		p.text = r.tr(mk.text)
	} else {
		p.text = r.valueText(ld.u.enc.ch[chText], m.at(chText))
	}
	p.w = textWidth(p.text, fs)
	return p
}

// setXRange sets the x scale's range for a plot from px0 to px1, inset for
// point markers and for the room text labels need.
func (r *renderer) setXRange(px0, px1 float64) {
	if r.x == nil {
		return
	}
	th := r.th
	inset := 0.0
	if !r.x.discrete && r.hasMark("line", "area", "point") {
		inset = th.Line.Marker + 2
	}
	lo, hi := px0+inset+r.textInset[0], px1-inset-r.textInset[1]
	if r.rtl {
		r.x.setRange(hi, lo, th.BandPadding, th.BandPadding/2)
	} else {
		r.x.setRange(lo, hi, th.BandPadding, th.BandPadding/2)
	}
}

// textLimits is where text labels of a cell must stay: inside the cell,
// and off the y axis labels.
func textLimits(px0, px1, cx0, cx1 float64, rtl bool) [2]float64 {
	if rtl {
		return [2]float64{cx0, px1}
	}
	return [2]float64{px0, cx1}
}

// planTextRoom insets the x range so that text labels placed along x fit
// between lim[0] and lim[1], giving up at most 45% of the plot; labels that
// still do not fit are moved or shortened when drawn.
func (r *renderer) planTextRoom(px0, px1 float64, lim [2]float64) {
	if r.x == nil {
		return
	}
	var lds []*layerData
	for _, ld := range r.layers {
		if ld.u.mark.typ == "text" && ld.u.enc.ch[chX] != nil {
			lds = append(lds, ld)
		}
	}
	if len(lds) == 0 {
		return
	}
	maxRoom := 0.45 * (px1 - px0)
	for range 8 {
		r.setXRange(px0, px1)
		a, b := px0+r.textInset[0], px1-r.textInset[1]
		if b-a <= 1 {
			break
		}
		needL, needR := 0.0, 0.0
		for _, ld := range lds {
			for _, m := range ld.rows {
				p := r.textPlace(ld, m, px0, px1, 0, 1)
				if p.w > (lim[1]-lim[0])*0.8 {
					continue // shortened when drawn
				}
				lo, hi := p.extent()
				g := clamp((p.anchor-a)/(b-a), 0, 1)
				if over := lim[0] - lo; over > 0.25 && 1-g > 0.05 {
					needL = math.Max(needL, over/(1-g))
				}
				if over := hi - lim[1]; over > 0.25 && g > 0.05 {
					needR = math.Max(needR, over/g)
				}
			}
		}
		if needL == 0 && needR == 0 {
			break
		}
		l, rr := r.textInset[0]+needL, r.textInset[1]+needR
		if l+rr > maxRoom {
			k := maxRoom / (l + rr)
			r.textInset = [2]float64{l * k, rr * k}
			break
		}
		r.textInset = [2]float64{l, rr}
	}
	r.setXRange(px0, px1)
}

func (r *renderer) drawText(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	th := r.th
	fs := th.FontSize.MarkText
	lim := r.textLim
	if lim[1] <= lim[0] {
		lim = [2]float64{px0, px1}
	}
	// On an arc chart, text with a theta sits at the middle angle of its
	// row's arc, at its radius.
	var pol *polar
	var span func(*mrow) (float64, float64)
	if f, ok := r.angles(ld, rows); ok {
		pol, span = r.polarIn(px0, px1, ptop, pbot), f
	}
	for _, m := range rows {
		if r.x != nil && ld.u.enc.ch[chX] != nil {
			r.logDomain(r.x, m.v[chX])
		}
		if r.y != nil && ld.u.enc.ch[chY] != nil {
			r.logDomain(r.y, m.v[chY])
		}
		p := r.textPlace(ld, m, px0, px1, ptop, pbot)
		if r.facts != nil {
			r.facts.text(p.text)
		}
		if pol != nil {
			a0, a1 := span(m)
			x, y := pol.point((a0+a1)/2, pol.textRadius(ld, m))
			p.anchor, p.dx, p.side, p.y = x, 0, 'm', y+fs*0.35
		}
		p = r.placeText(p, lim, fs)
		// Never above the drawing.
		y := math.Max(p.y, fs*0.8)
		var t *elem
		if len(p.lines) > 1 {
			t = r.txt(p.x(), y, p.side, "", "font-size", r.f(fs))
			for i, l := range p.lines {
				if r.rtl {
					l = isolateLTR(l)
				}
				ts := r.el("tspan", "x", r.f(p.x()))
				if i > 0 {
					ts.set("dy", r.f(r.markLineHeight(fs)))
				}
				ts.text = l
				r.add(t, ts)
			}
		} else {
			t = r.txt(p.x(), y, p.side, p.text, "font-size", r.f(fs))
		}
		if ld.u.enc.ch[chColor] != nil || ld.u.enc.ch[chFill] != nil || ld.u.mark.color != "" || ld.u.mark.fill != "" {
			t.set("fill", r.markFill(ld, m))
		}
		if ld.u.enc.ch[chOpacity] != nil || ld.u.mark.opacity != nil {
			r.markStyle(t, ld, m, "", true)
		}
		r.add(g, r.mark(t, m))
	}
	r.count("text", len(rows))
}

// markLineHeight is the distance between the lines of a text mark.
func (r *renderer) markLineHeight(fs float64) float64 { return fs * 1.2 }

// placeText keeps a label between lim[0] and lim[1]: shortened when it is
// wider, else turned to the other side of its point, else moved in.
func (r *renderer) placeText(p textPlace, lim [2]float64, fs float64) textPlace {
	if room := lim[1] - lim[0]; p.w > room {
		p.text = truncate(p.text, fs, room)
		p.w = textWidth(p.text, fs)
	}
	inside := func(q textPlace) bool {
		lo, hi := q.extent()
		return lo >= lim[0]-0.5 && hi <= lim[1]+0.5
	}
	if inside(p) {
		return p
	}
	if p.hasX && p.side != 'm' {
		q := p
		q.dx = -p.dx
		q.side = map[byte]byte{'l': 'r', 'r': 'l'}[p.side]
		if inside(q) {
			return q
		}
	}
	lo, _ := p.extent()
	lo = clamp(lo, lim[0], lim[1]-p.w)
	p.anchor, p.dx, p.side = lo, 0, 'l'
	return p
}
func (r *renderer) drawArcs(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	th := r.th
	pol := r.polarIn(px0, px1, ptop, pbot)
	span, ok := r.angles(ld, rows)
	if !ok {
		return
	}
	cx, cy := pol.cx, pol.cy
	inner0 := math.Min(ld.u.mark.innerRadius, pol.R-8)
	sweep := "1"
	if r.rtl {
		sweep = "0"
	}
	rows = sortedByStart(ld, rows)
	at := pol.point
	for _, m := range rows {
		a0, a1 := span(m)
		R, inner := pol.outer(ld, m), inner0
		if R < inner {
			R, inner = inner, R
		}
		if a1-a0 <= 0 || R <= 0 {
			continue
		}
		var p path
		if a1-a0 >= 2*math.Pi-1e-6 {
			// a full circle: two half arcs
			a1 = a0 + math.Pi
			x0, y0 := at(a0, R)
			x1, y1 := at(a1, R)
			p.move(x0, y0)
			p.WriteString("A" + r.f(R) + " " + r.f(R) + " 0 1 " + sweep + " " + r.f(x1) + " " + r.f(y1))
			p.WriteString("A" + r.f(R) + " " + r.f(R) + " 0 1 " + sweep + " " + r.f(x0) + " " + r.f(y0))
			p.close()
			if inner > 0 {
				xi0, yi0 := at(a0, inner)
				xi1, yi1 := at(a1, inner)
				p.move(xi0, yi0)
				p.WriteString("A" + r.f(inner) + " " + r.f(inner) + " 0 1 " + sweep + " " + r.f(xi1) + " " + r.f(yi1))
				p.WriteString("A" + r.f(inner) + " " + r.f(inner) + " 0 1 " + sweep + " " + r.f(xi0) + " " + r.f(yi0))
				p.close()
			}
		} else {
			large := "0"
			if a1-a0 > math.Pi {
				large = "1"
			}
			x0, y0 := at(a0, R)
			x1, y1 := at(a1, R)
			if inner > 0 {
				p.move(x0, y0)
				p.WriteString("A" + r.f(R) + " " + r.f(R) + " 0 " + large + " " + sweep + " " + r.f(x1) + " " + r.f(y1))
				xi1, yi1 := at(a1, inner)
				xi0, yi0 := at(a0, inner)
				p.line(xi1, yi1)
				back := "0"
				if sweep == "0" {
					back = "1"
				}
				p.WriteString("A" + r.f(inner) + " " + r.f(inner) + " 0 " + large + " " + back + " " + r.f(xi0) + " " + r.f(yi0))
			} else {
				p.move(cx, cy)
				p.line(x0, y0)
				p.WriteString("A" + r.f(R) + " " + r.f(R) + " 0 " + large + " " + sweep + " " + r.f(x1) + " " + r.f(y1))
			}
			p.close()
		}
		e := r.el("path", "d", p.String(), "fill", r.fill(m.at(chColor)), "stroke", th.bg(), "stroke-width", "1")
		if inner > 0 {
			e.set("fill-rule", "evenodd")
		}
		r.add(g, r.mark(e, m))
	}
	r.count("arc", len(rows))
}

func (r *renderer) drawGeo(g *elem, ld *layerData, px0, ptop float64) {
	th := r.th
	g.set("transform", "translate("+r.f(px0)+" "+r.f(ptop)+")")
	for i, sh := range ld.geo {
		if i >= len(ld.rows) {
			break
		}
		m := ld.rows[i]
		fill := th.grid()
		if ld.u.enc.ch[chColor] == nil || !m.at(chColor).null {
			fill = r.fill(m.at(chColor))
		}
		e := r.el("path", "d", sh.D, "fill", fill, "stroke", th.bg(), "stroke-width", "0.5")
		r.add(g, r.mark(e, m))
	}
}

// textNumber writes a number as Vega-Lite writes them in text marks and
// bin labels: with the config's numberFormat, else d3's default (no
// grouping, up to twelve significant digits).
func (r *renderer) textNumber(x float64) string {
	if r.textNum == nil {
		f, err := parseD3Format(r.s.config.numberFormat)
		if err != nil {
			f, _ = parseD3Format("")
		}
		r.textNum = &f
	}
	return r.textNum.format(&r.loc.num, r.loc, x)
}
