package chart

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

func (r *renderer) drawLayer(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	lg := r.el("g", "class", "chart-layer chart-"+ld.u.mark.typ)
	switch ld.u.mark.typ {
	case "bar":
		r.drawBars(lg, ld, rows, ptop, pbot, px0, px1)
	case "line", "area":
		r.drawLines(lg, ld, rows, px0, px1, ptop, pbot)
	case "point":
		r.drawPoints(lg, ld, rows)
	case "text":
		r.drawText(lg, ld, rows, px0, px1, ptop, pbot)
	case "rule":
		r.drawRules(lg, ld, rows, px0, px1, ptop, pbot)
	case "arc":
		r.drawArcs(lg, ld, rows, px0, px1, ptop, pbot)
	case "geoshape":
		r.drawGeo(lg, ld, px0, ptop)
	}
	r.add(g, lg)
	if r.facts != nil {
		switch t := ld.u.mark.typ; t {
		case "line", "area":
			r.facts.mark(t, len(r.seriesOf(ld, rows)))
			if ld.u.mark.point {
				r.facts.mark("symbol", len(rows))
			}
		case "bar":
			r.facts.mark("rect", len(rows))
		case "point":
			r.facts.mark("symbol", len(rows))
		case "geoshape":
			r.facts.mark("shape", len(ld.geo))
		default:
			r.facts.mark(t, len(rows))
		}
	}
}

// mark counts e as a data mark and gives it the row's title.
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

func (r *renderer) drawBars(g *elem, ld *layerData, rows []*mrow, ptop, pbot, px0, px1 float64) {
	th := r.th
	vertical := ld.measure == chY
	for _, m := range rows {
		var x0, x1, y0, y1 float64
		if vertical {
			x0, x1 = r.x.span(m.v[chX])
			x0, x1 = r.offset(ld, m, x0, x1)
			y0 = clamp(r.y.at(m.lo), ptop, pbot)
			y1 = clamp(r.y.at(m.hi), ptop, pbot)
			r.logDomain(r.x, m.v[chX])
			r.logDomain(r.y, value{n: m.hi})
		} else {
			y0, y1 = r.y.span(m.v[chY])
			x0 = clamp(r.x.at(m.lo), px0, px1)
			x1 = clamp(r.x.at(m.hi), px0, px1)
			r.logDomain(r.y, m.v[chY])
			r.logDomain(r.x, value{n: m.hi})
		}
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		if y0 > y1 {
			y0, y1 = y1, y0
		}
		e := r.el("rect", "x", r.f(x0), "y", r.f(y0), "width", r.f(x1-x0), "height", r.f(y1-y0), "fill", r.fill(m.at(chColor)))
		if ld.stacked && ld.u.enc.ch[chColor] != nil {
			e.set("stroke", th.bg()).set("stroke-width", "0.75")
		}
		r.add(g, r.mark(e, m))
	}
}

// offset narrows a band to the bar's slot for xOffset (grouped bars); in
// Arabic the slots run right to left like the axis.
func (r *renderer) offset(ld *layerData, m *mrow, x0, x1 float64) (float64, float64) {
	if ld.u.enc.ch[chXOffset] == nil || r.xOff == nil {
		return x0, x1
	}
	n := float64(max(len(r.xOff.keys), 1))
	i := float64(r.xOff.idx[m.at(chXOffset).key()])
	sub := (x1 - x0) / n
	pad := sub * r.th.GroupPadding
	s := x0 + i*sub
	if r.rtl {
		s = x1 - (i+1)*sub
	}
	return s + pad/2, s + sub - pad/2
}

type pt struct{ x, y float64 }

// seriesOf splits rows by colour, in legend order, each sorted along x.
func (r *renderer) seriesOf(ld *layerData, rows []*mrow) [][]*mrow {
	var out [][]*mrow
	index := map[string]int{}
	for _, m := range rows {
		k := m.at(chColor).key()
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], m)
	}
	if r.color != nil && r.color.discrete {
		slices.SortStableFunc(out, func(a, b []*mrow) int {
			return cmp.Compare(r.color.idx[a[0].at(chColor).key()], r.color.idx[b[0].at(chColor).key()])
		})
	}
	for _, s := range out {
		slices.SortStableFunc(s, func(a, b *mrow) int { return cmpLess(r.xOrder(a), r.xOrder(b)) })
	}
	return out
}

func (r *renderer) xOrder(m *mrow) float64 {
	v := m.at(chX)
	if r.x != nil && r.x.discrete {
		return float64(r.x.idx[v.key()])
	}
	return v.n
}

type directLabel struct {
	x, y  float64
	text  string
	color string
}

func (r *renderer) drawLines(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	th := r.th
	area := ld.u.mark.typ == "area"
	var labels []directLabel
	for _, s := range r.seriesOf(ld, rows) {
		col := r.fill(s[0].at(chColor))
		top := make([]pt, len(s))
		for i, m := range s {
			top[i] = pt{r.x.pos(m.v[chX]), clamp(r.y.at(m.hi), ptop, pbot)}
			r.logDomain(r.x, m.v[chX])
			r.logDomain(r.y, value{n: m.hi})
		}
		interp := ld.u.mark.interpolate
		sg := r.el("g", "class", "chart-series", "aria-hidden", "true")
		if area {
			bottom := make([]pt, len(s))
			for i, m := range s {
				bottom[len(s)-1-i] = pt{top[i].x, clamp(r.y.at(m.lo), ptop, pbot)}
			}
			d := curve(top, interp, true) + strings.Replace(curve(bottom, interp, true), "M", "L", 1) + "Z"
			a := r.el("path", "d", d, "fill", col)
			if !ld.stacked {
				a.set("fill-opacity", "0.3")
			}
			r.add(sg, a)
			if !ld.stacked {
				r.add(sg, r.el("path", "d", curve(top, interp, true), "fill", "none", "stroke", col, "stroke-width", r.f(th.Line.Width), "stroke-linejoin", "round"))
			}
		} else {
			p := r.el("path", "d", curve(top, interp, true), "fill", "none", "stroke", col, "stroke-width", r.f(th.Line.Width), "stroke-linejoin", "round", "stroke-linecap", "round")
			if len(ld.u.mark.strokeDash) > 0 {
				p.set("stroke-dasharray", dash(ld.u.mark.strokeDash))
			}
			r.add(sg, p)
		}
		r.add(g, sg)
		// Each point is its own element with its own title; on long or
		// filled series they are invisible but still show their tooltip.
		visible := ld.u.mark.point || !area && len(s) <= th.Line.MarkerMaxPoints
		pg := r.el("g", "class", "chart-points", "fill", col)
		if visible {
			pg.set("stroke", th.bg()).set("stroke-width", "1")
		} else {
			pg.set("fill-opacity", "0")
		}
		rad := r.f(th.Line.Marker)
		for i, m := range s {
			r.add(pg, r.mark(r.el("circle", "cx", r.f(top[i].x), "cy", r.f(top[i].y), "r", rad), m))
		}
		r.add(g, pg)
		if r.directSer && ld.u.enc.ch[chColor] != nil && len(s) > 0 {
			last := s[len(s)-1]
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

func (r *renderer) drawPoints(g *elem, ld *layerData, rows []*mrow) {
	th := r.th
	rad := th.Point.Radius
	if ld.u.mark.size > 0 {
		rad = math.Sqrt(ld.u.mark.size / math.Pi)
	}
	filled := ld.u.mark.filled != nil && *ld.u.mark.filled
	radText := r.f(rad)
	for _, m := range rows {
		x, y := r.x.pos(m.v[chX]), r.y.pos(m.v[chY])
		r.logDomain(r.x, m.v[chX])
		r.logDomain(r.y, m.v[chY])
		col := r.fill(m.at(chColor))
		c := r.el("circle", "cx", r.f(x), "cy", r.f(y), "r", radText)
		if filled {
			c.set("fill", col).set("stroke", th.bg()).set("stroke-width", "0.75")
		} else {
			c.set("fill", th.bg()).set("fill-opacity", "0.6").set("stroke", col).set("stroke-width", "1.75")
		}
		r.add(g, r.mark(c, m))
	}
}

// textPlace is where a text mark's label goes: the point it labels, its
// offset, the side of the label at x and the label itself.
type textPlace struct {
	anchor, dx float64
	y          float64
	side       byte // l: left edge at x, r: right edge, m: middle
	text       string
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
	p.text = r.valueText(ld.u.enc.ch[chText], m.at(chText))
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
	for _, m := range rows {
		if r.x != nil && ld.u.enc.ch[chX] != nil {
			r.logDomain(r.x, m.v[chX])
		}
		if r.y != nil && ld.u.enc.ch[chY] != nil {
			r.logDomain(r.y, m.v[chY])
		}
		p := r.textPlace(ld, m, px0, px1, ptop, pbot)
		r.facts.text(p.text)
		p = r.placeText(p, lim, fs)
		// Never above the drawing.
		y := math.Max(p.y, fs*0.8)
		t := r.txt(p.x(), y, p.side, p.text, "font-size", r.f(fs))
		if c := ld.u.enc.ch[chColor]; c != nil {
			t.set("fill", r.fill(m.at(chColor)))
		}
		r.add(g, r.mark(t, m))
	}
}

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

func (r *renderer) drawRules(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	th := r.th
	for _, m := range rows {
		var e *elem
		if ld.u.enc.ch[chY] != nil {
			y := r.y.pos(m.v[chY])
			r.logDomain(r.y, m.v[chY])
			e = r.el("line", "x1", r.f(px0), "x2", r.f(px1), "y1", r.f(y), "y2", r.f(y))
		} else {
			x := r.x.pos(m.v[chX])
			r.logDomain(r.x, m.v[chX])
			e = r.el("line", "x1", r.f(x), "x2", r.f(x), "y1", r.f(ptop), "y2", r.f(pbot))
		}
		col := th.fg()
		if ld.u.enc.ch[chColor] != nil {
			col = r.fill(m.at(chColor))
		}
		e.set("stroke", col).set("stroke-width", r.f(th.Rule.Width))
		if len(ld.u.mark.strokeDash) > 0 {
			e.set("stroke-dasharray", dash(ld.u.mark.strokeDash))
		}
		r.add(g, r.mark(e, m))
	}
}

func (r *renderer) drawArcs(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) {
	th := r.th
	cx, cy := (px0+px1)/2, (ptop+pbot)/2
	R := math.Max(math.Min(px1-px0, pbot-ptop)/2-2, 10)
	inner := math.Min(ld.u.mark.innerRadius, R-8)
	total := 0.0
	for _, m := range rows {
		total = math.Max(total, m.hi)
	}
	if total <= 0 {
		return
	}
	dir := 1.0
	sweep := "1"
	if r.rtl {
		dir, sweep = -1, "0"
	}
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b *mrow) int { return cmp.Compare(a.lo, b.lo) })
	at := func(a, rad float64) (float64, float64) {
		return cx + dir*rad*math.Sin(a), cy - rad*math.Cos(a)
	}
	for _, m := range rows {
		a0, a1 := m.lo/total*2*math.Pi, m.hi/total*2*math.Pi
		if a1-a0 <= 0 {
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
