package chart

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

const svgNS = "http://www.w3.org/2000/svg"

// txt makes a text element whose physical side (l: left edge at x, r:
// right edge at x, m: middle) holds in both directions: under
// direction="rtl" text-anchor start means the right edge.
func (r *renderer) txt(x, y float64, side byte, s string, kv ...string) *elem {
	anchor := ""
	switch side {
	case 'm':
		anchor = "middle"
	case 'l':
		if r.rtl {
			anchor = "end"
		}
	case 'r':
		anchor = "end"
		if r.rtl {
			anchor = ""
		}
	}
	if r.rtl {
		// Latin text keeps its own order on an Arabic chart.
		s = isolateLTR(s)
	}
	e := r.el("text", "x", r.f(x), "y", r.f(y))
	if anchor != "" {
		e.set("text-anchor", anchor)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		e.set(kv[i], kv[i+1])
	}
	e.text = s
	return e
}

// lead is the side text starts on: left, or right in Arabic.
func (r *renderer) lead() byte {
	if r.rtl {
		return 'r'
	}
	return 'l'
}

// withFull gives a label shortened with an ellipsis to fit its full text
// as a tooltip (the table and the mark's own tooltip have it too).
func withFull(e *elem, full string) *elem {
	if full != "" && strings.Contains(e.text, "…") && !strings.Contains(full, "…") {
		e.title = full
	}
	return e
}

// rawAt is an axis's i-th label as written, or "".
func (p *axisPlan) rawAt(i int) string {
	if i < len(p.raw) {
		return p.raw[i]
	}
	return ""
}

// axisPlan is what an axis shows, measured before drawing.
type axisPlan struct {
	ticks  []float64 // continuous
	labels []string
	width  float64 // widest label
	every  int     // discrete: label every nth key
	lines  [][]string
	rotate bool
	height float64 // space the labels take below the plot
	hidden bool
	raw    []string // the labels as written, before fitting (gallery suite)
}

// factLabels are an axis's labels before they were fitted.
func (p axisPlan) factLabels() []string {
	if p.raw != nil {
		return p.raw
	}
	return p.labels
}

type cellPos struct {
	rowKey, colKey string
	gridR, gridC   int
	header         string
}

func (r *renderer) layout() *elem {
	plotH := r.defaultPlotHeight()
	root, h, rows := r.build(plotH)
	if r.natural {
		// A first layout measures what surrounds the plots; the second
		// makes the drawing as much wider as the plots need.
		_, cols, _ := r.grid()
		if want := r.naturalPlotWidth(); math.Abs(want-r.plotW) > 0.01 {
			r.W = math.Max(r.W+(want-r.plotW)*float64(cols), 40)
			root, h, rows = r.build(plotH)
		}
	}
	if r.opt.Height > 0 && rows > 0 {
		plotH = math.Max(60, plotH+(float64(r.opt.Height)-h)/float64(rows))
		root, _, _ = r.build(plotH)
	}
	return root
}

func (r *renderer) faceted() bool { return r.row != nil || r.col != nil }

func (r *renderer) isArc() bool {
	for _, ld := range r.layers {
		if ld.u.mark.typ == "arc" {
			return true
		}
	}
	return false
}

// isGeo says whether the plot is a map: geoshapes, or marks placed by
// longitude and latitude.
func (r *renderer) isGeo() bool {
	for _, ld := range r.layers {
		if ld.u.mark.typ == "geoshape" || ld.u.enc.ch[chLongitude] != nil || ld.u.enc.ch[chLatitude] != nil {
			return true
		}
	}
	return false
}

func (r *renderer) grid() (cells []cellPos, cols, rows int) {
	nR, nC := 1, 1
	if r.row != nil && len(r.row.keys) > 0 {
		nR = len(r.row.keys)
	}
	if r.col != nil && len(r.col.keys) > 0 {
		nC = len(r.col.keys)
	}
	cols = nC
	m := r.th.Margin
	gap := r.th.Gap.Facet
	// Columns wrap to fit the page; drawn at Vega-Lite's size they wrap
	// only as the spec's columns ask.
	wrapCols := r.row == nil && r.col != nil && (!r.natural || r.p.columns > 0)
	if wrapCols {
		if r.natural {
			cols = min(r.p.columns, nC)
		} else {
			cols = int((r.W - 2*m + gap) / (r.th.Facet.MinCellWidth + gap))
			if r.p.columns > 0 {
				cols = min(cols, r.p.columns)
			}
			cols = min(max(cols, 1), nC)
		}
	}
	i := 0
	for ri := range nR {
		for ci := range nC {
			c := cellPos{gridR: ri, gridC: ci}
			var hs []string
			if r.row != nil && ri < len(r.row.keys) {
				c.rowKey = r.row.keys[ri]
				hs = append(hs, r.facetLabel(chRow, r.row.values[ri]))
			}
			if r.col != nil && ci < len(r.col.keys) {
				c.colKey = r.col.keys[ci]
				hs = append(hs, r.facetLabel(chColumn, r.col.values[ci]))
			}
			if wrapCols {
				c.gridR, c.gridC = i/cols, i%cols
			}
			c.header = joinNonEmpty(hs, r.loc.Sep.Label)
			cells = append(cells, c)
			i++
		}
	}
	rows = cells[len(cells)-1].gridR + 1
	return cells, cols, rows
}

func joinNonEmpty(parts []string, sep string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}

func (r *renderer) facetLabel(ci int, v value) string {
	c := r.p.enc.ch[ci]
	return r.axisValue(c, v)
}

func (r *renderer) cellWidth(cols int) float64 {
	return (r.W - 2*r.th.Margin - float64(cols-1)*r.th.Gap.Facet) / float64(cols)
}

func (r *renderer) defaultPlotHeight() float64 {
	_, cols, _ := r.grid()
	cw := r.cellWidth(cols)
	switch {
	case r.isArc() && r.natural:
		return math.Max(r.p.height.px, r.s.config.continuousHeight)
	case r.isArc():
		return math.Min(cw, 2*r.th.Arc.MaxRadius)
	case r.isGeo() && r.p.height.px > 0:
		return r.p.height.px
	case r.isGeo() && r.natural:
		return r.s.config.continuousHeight
	case r.isGeo():
		// As tall as the map's extent asks, within the limits of package
		// geo's maps.
		aspect := r.th.Aspect
		if a, ok := r.geoAspect(); ok {
			aspect = math.Min(math.Max(a, 0.45), 1.1)
		}
		return math.Round((r.W - 2*r.th.Margin) * aspect)
	case r.p.height.px > 0:
		return r.p.height.px
	case r.natural:
		return r.naturalSize(r.y, chY)
	case r.y != nil && r.y.discrete:
		n := float64(len(r.y.keys))
		step := r.th.BandStep
		if r.p.height.step > 0 {
			step = r.p.height.step
		}
		if c := r.axisChannel(chY); c != nil && !c.axisHidden {
			// Labels broken over two lines need taller bands to stay apart.
			for _, ls := range r.yLabelLines(cw, 2) {
				if len(ls) > 1 {
					step = math.Max(step, 2*r.labelLineHeight()+r.th.FontSize.Label*0.75)
					break
				}
			}
		}
		return math.Max(n*step, 2*step)
	case r.faceted():
		return r.th.Facet.CellPlotHeight
	}
	return math.Min(math.Max(cw*r.th.Aspect, r.th.MinPlotHeight), r.th.MaxPlotHeight)
}

// build lays the chart out with a given plot height and returns the SVG,
// its height and the number of grid rows.
func (r *renderer) build(plotH float64) (*elem, float64, int) {
	th := r.th
	W, m := r.W, th.Margin
	r.plotHeight = plotH
	r.marks = 0
	r.domainLog = r.domainLog[:0]
	if r.facts != nil {
		*r.facts = scene{}
	}
	var root *elem
	chartTitle, subtitle := r.s.title, r.s.subtitle
	if r.embedded {
		// A view of a composition: a group under its own title.
		root = r.el("g", "class", "chart-view")
		chartTitle, subtitle = r.p.title, ""
	} else {
		root = r.el("svg", "xmlns", svgNS)
		title := r.tr(r.s.title)
		if title == "" {
			title = r.opt.Title
		}
		if title == "" {
			if ld := r.primary(); ld != nil {
				title = r.kindOf(ld)
			}
		}
		t := r.el("title", "id", r.id+"-title")
		t.text = title
		r.add(root, t, r.el("desc", "id", r.id+"-desc"))
	}
	leadX := m
	if r.rtl {
		leadX = W - m
	}
	y := m
	lh := th.LineHeight
	if chartTitle != "" {
		fs := th.FontSize.Title
		if r.embedded {
			fs = th.FontSize.Header
		}
		for _, line := range wrapFit(r.tr(chartTitle), fs*1.06, W-2*m) {
			r.add(root, r.txt(leadX, y+fs*0.92, r.lead(), line, "font-size", r.f(fs), "font-weight", "600", "class", "chart-title"))
			y += fs * lh
		}
	}
	if subtitle != "" {
		y += th.Gap.Title
		for _, line := range wrapFit(r.tr(subtitle), th.FontSize.Subtitle, W-2*m) {
			r.add(root, r.txt(leadX, y+th.FontSize.Subtitle*0.92, r.lead(), line, "font-size", r.f(th.FontSize.Subtitle), "fill", th.muted(), "class", "chart-subtitle"))
			y += th.FontSize.Subtitle * lh
		}
	}
	if chartTitle != "" || subtitle != "" {
		y += th.Gap.Block
	}
	cells, cols, gridRows := r.grid()
	cellW := r.cellWidth(cols)
	r.directSer = r.wantDirectLabels(cellW)
	if lg, h := r.legend(y); lg != nil {
		r.add(root, lg)
		y += h + th.Gap.Block
	}
	arc, geo := r.isArc(), r.isGeo()
	var xp, yp axisPlan
	yLabelW, dl := 0.0, 0.0
	if !arc && !geo {
		yp = r.planY(plotH, cellW)
		if !yp.hidden {
			yLabelW = yp.width + th.Gap.Tick
		}
		if r.directSer {
			dl = r.directLabelWidth()
		}
	}
	plotW := cellW - yLabelW - dl
	if !arc && !geo {
		xp = r.planX(plotW)
		// The last tick's label is centred on the plot's far end: leave it room.
		if s := r.x; s != nil && !s.discrete && !xp.hidden && len(s.ticks) > 0 && dl == 0 {
			last := s.ticks[len(s.ticks)-1]
			if s.hi-last <= (s.hi-s.lo)*0.02 {
				if over := textWidth(xp.labels[len(xp.labels)-1], th.FontSize.Label)/2 - m + 1; over > 0 {
					dl = over
					plotW -= over
					xp = r.planX(plotW)
				}
			}
		}
		// Slanted labels run from their tick towards the y axis side and
		// may pass under it, down to the drawing's edge; when the first
		// ones need more, the plot moves over (by a quarter at most).
		if xp.rotate {
			if need := r.slantRoom(xp, plotW, yLabelW); need > 0.5 {
				lead := math.Min(need, plotW/4)
				yLabelW += lead
				plotW -= lead
				xp = r.planX(plotW)
			}
		}
	}
	r.plotW = plotW
	r.textInset = [2]float64{}
	if !arc && !geo {
		// Text marks next to points need room for their labels inside the
		// chart: the scale's range is inset on the side they run over.
		cx0 := m
		if r.rtl {
			cx0 = W - m - cellW
		}
		px0, px1 := cx0+yLabelW, cx0+cellW-dl
		if r.rtl {
			px0, px1 = cx0+dl, cx0+cellW-yLabelW
		}
		r.planTextRoom(px0, px1, textLimits(px0, px1, cx0, cx0+cellW, r.rtl))
		// An inset range brings the ticks closer: thin their labels again.
		if s := r.x; s != nil && !s.discrete && !xp.hidden && r.textInset[0]+r.textInset[1] > 0 {
			xp.every = max(xp.every, labelParity(s, xp.labels, th.FontSize.Label, plotW-r.textInset[0]-r.textInset[1]))
		}
	}
	if t := r.axisTitle(chY); t != "" && !arc && !geo && !yp.hidden {
		x := leadX
		for _, line := range wrapFit(t, th.FontSize.AxisTitle, W-2*m) {
			r.add(root, r.txt(x, y+th.FontSize.AxisTitle*0.92, r.lead(), line, "font-size", r.f(th.FontSize.AxisTitle), "class", "chart-axis-title"))
			y += th.FontSize.AxisTitle * lh
		}
		y += th.Gap.AxisTitle
	}
	if !arc && !geo && r.y != nil && !r.y.discrete && !yp.hidden {
		y += th.FontSize.Label / 2 // the top tick label is centred on the plot's edge
	}
	headerH := 0.0
	if r.faceted() {
		headerH = th.FontSize.Header*lh + th.Gap.Title + th.FontSize.Label/2
	}
	cellH := headerH + plotH + xp.height
	gridTop := y
	plots := r.el("g", "class", "chart-plots")
	r.add(root, plots)
	var px0All, px1All = math.Inf(1), math.Inf(-1)
	for _, c := range cells {
		cx0 := m + float64(c.gridC)*(cellW+th.Gap.Facet)
		if r.rtl {
			cx0 = W - m - float64(c.gridC+1)*cellW - float64(c.gridC)*th.Gap.Facet
		}
		top := gridTop + float64(c.gridR)*(cellH+th.Gap.Facet)
		g := r.el("g", "class", "chart-cell")
		if c.header != "" {
			hx := cx0
			if r.rtl {
				hx = cx0 + cellW
			}
			r.add(g, withFull(r.txt(hx, top+th.FontSize.Header*0.92, r.lead(), truncate(c.header, th.FontSize.Header*1.06, cellW), "font-size", r.f(th.FontSize.Header), "font-weight", "600", "class", "chart-header"), c.header))
		}
		ptop := top + headerH
		px0, px1 := cx0+yLabelW, cx0+cellW-dl
		if r.rtl {
			px0, px1 = cx0+dl, cx0+cellW-yLabelW
		}
		px0All, px1All = math.Min(px0All, px0), math.Max(px1All, px1)
		r.textLim = textLimits(px0, px1, cx0, cx0+cellW, r.rtl)
		r.drawCell(g, c, px0, px1, ptop, ptop+plotH, xp, yp)
		if r.facts != nil && !arc && !geo {
			for _, a := range []struct {
				ci   int
				name string
				p    *axisPlan
			}{{chX, "x", &xp}, {chY, "y", &yp}} {
				if a.p.hidden {
					continue
				}
				ls := a.p.factLabels()
				if r.axisLabelsOff(a.ci) {
					ls = nil
				}
				r.facts.axis(a.name, r.axisTitle(a.ci), ls)
			}
		}
		r.add(plots, g)
	}
	y = gridTop + float64(gridRows)*cellH + float64(gridRows-1)*th.Gap.Facet
	if t := r.axisTitle(chX); t != "" && !arc && !geo && !xp.hidden {
		y += th.Gap.AxisTitle
		for _, line := range wrapFit(t, th.FontSize.AxisTitle, px1All-px0All) {
			r.add(root, r.txt((px0All+px1All)/2, y+th.FontSize.AxisTitle*0.92, 'm', line, "font-size", r.f(th.FontSize.AxisTitle), "class", "chart-axis-title"))
			y += th.FontSize.AxisTitle * lh
		}
	}
	y += m
	r.H = math.Ceil(y)
	if r.embedded {
		return root, r.H, gridRows
	}
	attrs := []attr{
		{"viewBox", "0 0 " + r.f(W) + " " + r.f(r.H)},
		{"width", r.f(W)},
		{"height", r.f(r.H)},
		{"role", "img"},
		{"aria-labelledby", r.id + "-title " + r.id + "-desc"},
		{"lang", r.loc.lang},
	}
	if r.rtl {
		attrs = append(attrs, attr{"direction", "rtl"})
	}
	attrs = append(attrs,
		attr{"font-family", th.FontFamily},
		attr{"font-size", r.f(th.FontSize.Label)},
		attr{"fill", th.fg()},
		attr{"class", "chart"})
	root.attrs = append(root.attrs, attrs...)
	return root, r.H, gridRows
}

// axisChannel is the first layer's definition of a channel, for titles
// and formats.
func (r *renderer) axisChannel(ci int) *channel {
	for _, ld := range r.layers {
		if c := ld.u.enc.ch[ci]; c != nil {
			return c
		}
	}
	return nil
}

// tickLabels formats continuous ticks.
func (r *renderer) tickLabels(s *posScale, c *channel, ticks []float64) []string {
	out := make([]string, len(ticks))
	var buf [48]byte
	for i, t := range ticks {
		b := buf[:0]
		switch {
		case s.typ == "temporal" && c.tim != "":
			b = appendTime(b, c.tim, t*msPerDay, r.loc.time, 0)
		case s.typ == "temporal" && len(c.units) > 0:
			b = appendTime(b, timeUnitSpecifier(c.units, vlTimeUnitFormats), t*msPerDay, r.loc.time, 0)
		case s.typ == "temporal":
			b = append(b, r.loc.multiFormat(t*msPerDay)...)
		case s.fn.kind == "log" && !s.logLabelled(t):
		default:
			b = s.tickFmt.appendTo(b, &r.loc.num, r.loc, t)
		}
		out[i] = r.keep(b)
	}
	return out
}

// explicitTicks puts an axis's own values in place of the ticks Vega
// would choose, keeping those inside the domain, as Vega does.
func (r *renderer) explicitTicks(s *posScale, c *channel) {
	vals := c.axis.values
	if vals == nil || vals.kind != seqNode {
		return
	}
	lo, hi := min(s.lo, s.hi), max(s.lo, s.hi)
	eps := (hi - lo) * 1e-9
	s.ticks = s.ticks[:0:0]
	for _, n := range vals.items {
		var t float64
		switch {
		case s.typ == "temporal" && isDateTime(n):
			ms, err := dateTimeMS(n)
			if err != nil {
				continue
			}
			t = ms / msPerDay
		case s.typ == "temporal" && n.kind == strNode:
			ms, ok := jsDateParse(n.str)
			if !ok {
				continue
			}
			t = ms / msPerDay
		case n.kind == numNode && s.typ == "temporal":
			t = n.num / msPerDay
		case n.kind == numNode:
			t = n.num
		default:
			continue
		}
		if t >= lo-eps && t <= hi+eps {
			s.ticks = append(s.ticks, t)
		}
	}
	slices.Sort(s.ticks)
	if s.typ != "temporal" {
		f, err := linearTickFormat(s.lo, s.hi, max(len(vals.items), 1), r.axisFormat(s))
		if err != nil {
			f, _ = linearTickFormat(s.lo, s.hi, max(len(vals.items), 1), "")
		}
		s.tickFmt = f
	}
}

// discreteLabels are a discrete axis's labels: its values written, then
// rewritten by the axis's labelExpr.
func (r *renderer) discreteLabels(c *channel, s *posScale) []string {
	out := make([]string, len(s.values))
	b, binned := r.binsOf(c)
	binned = binned && c.bin != nil && !c.bin.binned && b.step > 0
	for i, v := range s.values {
		out[i] = r.axisValue(c, v)
		if binned && !v.null {
			// A discrete binned axis names each bin's range, as
			// Vega-Lite's bin format does.
			out[i] = r.textNumber(v.n) + " \u2013 " + r.textNumber(v.n+b.step)
		}
	}
	src, at := r.axisLabelExpr(c, s.ch)
	if src == "" {
		return out
	}
	vals := make([]xv, len(s.values))
	for i, v := range s.values {
		vals[i] = valueXV(v)
	}
	return r.labelExpr(src, at, out, vals)
}

// axisTitle is an axis's title: none when the config's axes have a null
// title and the axis does not set its own.
func (r *renderer) axisTitle(ci int) string {
	if r.s.config.axisTitleOff[ci-chX] {
		if c := r.axisChannel(ci); c == nil || !c.axis.titleSet && c.title == nil {
			return ""
		}
	}
	return r.guideTitle(ci)
}

// axisLabelExpr is the labelExpr of an axis, else of the config's axes.
func (r *renderer) axisLabelExpr(c *channel, ci int) (string, pos) {
	if c.axis.labelExpr != "" {
		return c.axis.labelExpr, c.axis.labelAt
	}
	if ci == chX || ci == chY {
		if n := r.s.config.axisLabelExpr[ci-chX]; n != nil {
			return n.str, n.at
		}
	}
	return "", pos{}
}

// tickBandExtent says whether a discrete axis's ticks mark the bands'
// edges, which adds one tick without a label at the end, as in Vega.
func (r *renderer) tickBandExtent(c *channel, ci int) bool {
	if c.axis.tickBand != "" {
		return c.axis.tickBand == "extent"
	}
	return (ci == chX || ci == chY) && r.s.config.axisTickBand[ci-chX] == "extent"
}

// relabel applies an axis's labelExpr to its continuous ticks.
func (r *renderer) relabel(c *channel, s *posScale, labels []string, ticks []float64) []string {
	src, at := r.axisLabelExpr(c, s.ch)
	if src == "" {
		return labels
	}
	vals := make([]xv, len(ticks))
	for i, t := range ticks {
		if s.typ == "temporal" {
			vals[i] = xDateMS(t * msPerDay)
		} else {
			vals[i] = xNumber(t)
		}
	}
	return r.labelExpr(src, at, labels, vals)
}

// labelExpr rewrites guide labels with a Vega expression that sees each
// as datum.value, datum.label and datum.index; a list it returns is a
// label on several lines.
func (r *renderer) labelExpr(src string, at pos, labels []string, vals []xv) []string {
	t := &table{fields: []string{"value", "label", "index"}}
	f := r.compile(src, at, t)
	if f == nil {
		return labels
	}
	out := make([]string, len(labels))
	env := &exprEnv{fields: t.fields}
	row := make([]cell, 3)
	for i, l := range labels {
		row[0] = vals[i].toCell(at)
		row[1] = cell{kind: strNode, text: l}
		row[2] = cell{kind: numNode, num: float64(i), text: strconv.Itoa(i)}
		env.row = row
		v := f(env)
		if v.k == xArr {
			var parts []string
			for _, e := range v.arr() {
				parts = append(parts, e.str())
			}
			out[i] = strings.Join(parts, "\n")
			continue
		}
		if !v.valid() && v.k != xNum {
			out[i] = ""
			continue
		}
		out[i] = v.str()
	}
	return out
}

// valueXV is a discrete domain value as an expression sees it.
func valueXV(v value) xv {
	switch {
	case v.null:
		return xNullV
	case v.date:
		return xDateMS(v.n)
	case v.s != "" && shortestNumeral(v.s) && numValue(v.n).s == v.s:
		return xNumber(v.n)
	}
	return xString(v.s)
}

// ticksFor computes a continuous scale's ticks for about n of them, as
// Vega does: the domain made nice for ten ticks (unless it was set), then
// d3's ticks for n, labelled with d3's tick format for them.
func (r *renderer) ticksFor(s *posScale, n int, lo, hi float64, fixed bool, length float64) {
	if s.fn.kind == "log" {
		r.logTicks(s, n, lo, hi, fixed)
		return
	}
	if s.padPx > 0 && lo != hi && length > 2*s.padPx && s.fn.kind == "" {
		// Vega's padding: the domain widened so that the data keep that
		// many pixels from the ends.
		frac := length / (length - 2*s.padPx)
		mid := (lo + hi) / 2
		lo, hi = mid+(lo-mid)*frac, mid+(hi-mid)*frac
	}
	if s.typ == "temporal" {
		n = r.minStepCount(s, n, lo, hi)
		s.lo, s.hi = lo, hi
		if s.niceTime && !fixed {
			a, b := niceTime(lo*msPerDay, hi*msPerDay, 10)
			s.lo, s.hi = a/msPerDay, b/msPerDay
		}
		ms := timeTicksMS(s.lo*msPerDay, s.hi*msPerDay, n)
		s.ticks = s.ticks[:0]
		for _, t := range ms {
			s.ticks = append(s.ticks, t/msPerDay)
		}
		return
	}
	if s.nice && !fixed {
		lo, hi = niceDomain(lo, hi, cmp.Or(s.niceCount, 10))
	}
	s.lo, s.hi = lo, hi
	if s.bins != nil {
		// Ticks at the bins' edges, every other one dropped while there
		// are more than the count; labels as d3 formats the span.
		if !s.binnedData {
			n = max(int(math.Ceil(length/10)), 1) // Vega-Lite's count for binned fields
		}
		var edges []float64
		b := s.bins
		for v := b.start; v <= b.stop+b.step*1e-9; v += b.step {
			edges = append(edges, math.Round(v/b.step*1e9)/1e9*b.step)
		}
		n = max(n, len(edges))
		for len(edges) > n && len(edges) >= 3 {
			var kept []float64
			for i, e := range edges {
				if i%2 == 0 {
					kept = append(kept, e)
				}
			}
			edges = kept
		}
		s.ticks = edges
		s.step = b.step
		f, err := linearTickFormat(lo, hi, n, r.axisFormat(s))
		if err != nil {
			f, _ = linearTickFormat(lo, hi, n, "")
		}
		s.tickFmt = f
		return
	}
	n = r.minStepCount(s, n, lo, hi)
	s.ticks = d3Ticks(lo, hi, n)
	s.step = tickStep(lo, hi, n)
	spec := r.axisFormat(s)
	f, err := linearTickFormat(lo, hi, n, spec)
	if err != nil {
		f, _ = linearTickFormat(lo, hi, n, "")
	}
	s.tickFmt = f
}

// logTicks are a log scale's domain, made nice to whole powers of its
// base, and ticks, as d3-scale's log scale gives them; labelled as Vega
// labels them, with d3's test for which of a decade's ticks keep a label
// (the rest are drawn without one).
func (r *renderer) logTicks(s *posScale, n int, lo, hi float64, fixed bool) {
	base := s.fn.base
	logb := func(x float64) float64 { return math.Log(x) / math.Log(base) }
	pow := func(x float64) float64 {
		if base == 10 {
			p, _ := strconv.ParseFloat("1e"+strconv.Itoa(int(x)), 64) // exact, as d3's pow10
			return p
		}
		return math.Pow(base, x)
	}
	if s.nice && !fixed && lo > 0 && hi > 0 {
		lo, hi = pow(math.Floor(logb(lo))), pow(math.Ceil(logb(hi)))
	}
	s.lo, s.hi = lo, hi
	s.ticks = s.ticks[:0]
	u, v := math.Min(lo, hi), math.Max(lo, hi)
	i, j := logb(u), logb(v)
	if u > 0 && base == math.Trunc(base) && j-i < float64(n) {
		for e := math.Floor(i); e <= math.Ceil(j); e++ {
			for k := 1.0; k < base; k++ {
				t := k * pow(e)
				if e < 0 {
					t = k / pow(-e)
				}
				if t < u {
					continue
				}
				if t > v {
					break
				}
				s.ticks = append(s.ticks, t)
			}
		}
		if len(s.ticks)*2 < n {
			s.ticks = d3Ticks(u, v, n)
		}
	} else if u > 0 {
		for _, e := range d3Ticks(i, j, int(math.Min(j-i, float64(n)))) {
			s.ticks = append(s.ticks, pow(e))
		}
	}
	if hi < lo {
		slices.Reverse(s.ticks)
	}
	spec := r.axisFormat(s)
	if spec == "" {
		spec = ",.12~"
	}
	f, err := parseD3Format(spec)
	if err != nil {
		f, _ = parseD3Format(",.12~")
	}
	s.tickFmt = f
	s.logLabelMax = math.Max(1, base*float64(n)/float64(max(len(s.ticks), 1)))
}

// logLabelled is d3's test for a log scale's tick to keep its label.
func (s *posScale) logLabelled(t float64) bool {
	logb := math.Log(s.fn.base)
	i := t / math.Pow(s.fn.base, math.Round(math.Log(t)/logb))
	if i*s.fn.base < s.fn.base-0.5 {
		i *= s.fn.base
	}
	return i <= s.logLabelMax
}

// axisFormat is the number format an axis's labels use: its own, else
// the spec's config numberFormat, else a percentage for normalized stacks.
func (r *renderer) axisFormat(s *posScale) string {
	if c := r.axisChannel(s.ch); c != nil && c.format != "" {
		return c.format
	}
	if s.pct {
		return ".0%"
	}
	return r.s.config.numberFormat
}

// tickCountFor is how many ticks an axis along a plot side this long aims
// at: its axis's tickCount, else one per 40 pixels, as Vega-Lite sets it.
func (r *renderer) tickCountFor(ci int, length float64) int {
	c := r.axisChannel(ci)
	if c != nil && c.tickCount > 0 {
		return c.tickCount
	}
	if k := r.s.config.axisTickCount[map[int]int{chX: 0, chY: 1}[ci]]; k > 0 {
		return k
	}
	if c != nil && len(c.units) == 1 {
		switch c.units[0] {
		case "month", "hours", "day", "quarter":
			return 10 // Vega-Lite leaves these to Vega's default
		}
	}
	if c != nil && c.scale.typ == "log" {
		return 10
	}
	return max(int(math.Ceil(length/r.th.TickSpacing)), 1)
}

// minStepCount lowers a tick count so that ticks are at least the axis's
// tickMinStep apart (a time unit's interval, for time units), as Vega does.
func (r *renderer) minStepCount(s *posScale, n int, lo, hi float64) int {
	c := r.axisChannel(s.ch)
	if c == nil {
		return n
	}
	minstep := c.axis.minStep
	if minstep == 0 && s.typ != "temporal" && r.axisFormat(s) == "d" {
		minstep = 1 // Vega-Lite's default for integer labels
	}
	if s.typ == "temporal" && len(c.units) > 0 && minstep == 0 {
		u := c.units[len(c.units)-1]
		step := max(c.tuStep, 1)
		minstep = (offsetTime(u, 978307200000, step) - 978307200000) / msPerDay // from 2001-01-01
	}
	if minstep <= 0 || lo >= hi {
		return n
	}
	n = min(n, int(math.Floor((hi-lo)/minstep))+1)
	if s.typ != "temporal" && s.bins == nil {
		for n > 1 && tickStep(lo, hi, n) < minstep {
			n--
		}
	}
	return max(n, 1)
}

func (r *renderer) planY(plotH, cellW float64) axisPlan {
	return r.withoutLabels(chY, r.planYAxis(plotH, cellW))
}

func (r *renderer) planYAxis(plotH, cellW float64) axisPlan {
	s := r.y
	var p axisPlan
	c := r.axisChannel(chY)
	if s == nil || c == nil || c.axisHidden || r.s.config.axisOff[1] {
		p.hidden = true
		if s != nil && !s.discrete {
			r.ticksFor(s, 2, s.lo0(), s.hi0(), s.fixed(), 0)
		}
		return p
	}
	fs := r.th.FontSize.Label
	if s.discrete {
		p.lines = r.yLabelLines(cellW, r.yLabelMaxLines(plotH))
		for _, ls := range p.lines {
			p.labels = append(p.labels, strings.Join(ls, " "))
			for _, l := range ls {
				p.width = math.Max(p.width, textWidth(l, fs))
			}
		}
		p.raw = r.discreteLabels(c, r.y)
		if r.tickBandExtent(c, chY) {
			p.raw = append(p.raw, "")
		}
		return p
	}
	r.ticksFor(s, r.tickCountFor(chY, plotH), s.lo0(), s.hi0(), s.fixed(), plotH)
	r.explicitTicks(s, c)
	p.ticks = s.ticks
	p.labels = r.relabel(c, s, r.tickLabels(s, c, s.ticks), s.ticks)
	for _, l := range p.labels {
		p.width = math.Max(p.width, textWidth(l, fs))
	}
	return p
}

// The data domain before nicing is kept apart so layout can run twice.
// yLabelLines fits the labels of a discrete y axis into a share of the
// cell's width, on up to maxLines lines each.
func (r *renderer) yLabelLines(cellW float64, maxLines int) [][]string {
	c := r.axisChannel(chY)
	limit := cellW * r.th.MaxLabelShare
	var out [][]string
	for _, l := range r.discreteLabels(c, r.y) {
		out = append(out, fitLabel(l, r.th.FontSize.Label, limit, maxLines))
	}
	return out
}

// yLabelMaxLines is how many lines a discrete y label may take in a band
// of a plot this high: two when the band leaves room, else one.
func (r *renderer) yLabelMaxLines(plotH float64) int {
	n := float64(max(len(r.y.keys), 1))
	if plotH/n >= 2*r.labelLineHeight()+6 {
		return 2
	}
	return 1
}

// labelLineHeight is the line spacing of a label broken over lines.
func (r *renderer) labelLineHeight() float64 { return r.th.FontSize.Label * 1.15 }

func (s *posScale) lo0() float64 {
	if s.dom == nil {
		s.dom = &[2]float64{s.lo, s.hi}
	}
	return s.dom[0]
}

func (s *posScale) hi0() float64 {
	if s.dom == nil {
		s.dom = &[2]float64{s.lo, s.hi}
	}
	return s.dom[1]
}

func (s *posScale) fixed() bool { return s.isFixed }

// axisValue labels a discrete axis, legend or facet value; a missing
// value reads "null", as in Vega.
func (r *renderer) axisValue(c *channel, v value) string {
	if v.null {
		return "null"
	}
	return r.valueText(c, v)
}

func (r *renderer) planX(plotW float64) axisPlan {
	return r.withoutLabels(chX, r.planXAxis(plotW))
}

// axisLabelsOff says whether an axis has "labels": false, its own or
// the config's.
func (r *renderer) axisLabelsOff(ci int) bool {
	c := r.axisChannel(ci)
	if c == nil {
		return false
	}
	if c.axis.labels != nil {
		return !*c.axis.labels
	}
	return r.s.config.axisLabelsOff[ci-chX]
}

// withoutLabels blanks an axis's labels when it sets "labels": false;
// its ticks and grid stay.
func (r *renderer) withoutLabels(ci int, p axisPlan) axisPlan {
	if p.hidden || !r.axisLabelsOff(ci) {
		return p
	}
	p.labels = make([]string, len(p.labels))
	for i := range p.lines {
		p.lines[i] = []string{""}
	}
	p.width, p.rotate = 0, false
	p.height = r.th.Gap.Tick
	return p
}

func (r *renderer) planXAxis(plotW float64) axisPlan {
	s := r.x
	var p axisPlan
	c := r.axisChannel(chX)
	if s == nil || c == nil || c.axisHidden || r.s.config.axisOff[0] {
		p.hidden = true
		if s != nil && !s.discrete {
			r.ticksFor(s, 2, s.lo0(), s.hi0(), s.fixed(), 0)
		}
		return p
	}
	th := r.th
	fs := th.FontSize.Label
	lineH := fs * th.LineHeight
	if !s.discrete {
		r.ticksFor(s, r.tickCountFor(chX, plotW), s.lo0(), s.hi0(), s.fixed(), plotW)
		r.explicitTicks(s, c)
		p.labels = r.relabel(c, s, r.tickLabels(s, c, s.ticks), s.ticks)
		p.width = 0
		for _, l := range p.labels {
			p.width = math.Max(p.width, textWidth(l, fs))
		}
		p.every = labelParity(s, p.labels, fs, plotW)
		p.ticks = s.ticks
		p.height = th.Gap.Tick + lineH
		return p
	}
	n := max(len(s.keys), 1)
	step := plotW / float64(n)
	if s.band {
		step = plotW / (float64(n) - th.BandPadding + th.BandPadding)
	}
	for _, l := range r.discreteLabels(c, s) {
		p.labels = append(p.labels, l)
		p.raw = append(p.raw, l)
		p.width = math.Max(p.width, textWidth(l, fs))
	}
	if r.tickBandExtent(c, chX) {
		p.raw = append(p.raw, "")
	}
	p.every = 1
	p.height = th.Gap.Tick + lineH
	if p.width+6 <= step {
		return p
	}
	if s.typ != "nominal" {
		p.every = int(math.Ceil((p.width + 10) / step))
		return p
	}
	fits := true
	for _, l := range p.labels {
		lines := wrapWithin(l, fs, step-4, step-2)
		if lines == nil {
			lines = wrapWithin(abbreviate(l), fs, step-4, step-2)
		}
		if lines == nil {
			fits = false
			break
		}
		p.lines = append(p.lines, lines)
	}
	if fits {
		maxLines := 1
		for _, ls := range p.lines {
			maxLines = max(maxLines, len(ls))
		}
		p.height = th.Gap.Tick + float64(maxLines)*lineH
		return p
	}
	p.lines = nil
	p.rotate = true
	limit := r.W * th.MaxLabelShare
	p.width = 0
	for i, l := range p.labels {
		if textWidth(l, fs) > limit {
			l = abbreviate(l)
		}
		p.labels[i] = truncate(l, fs, limit)
		p.width = math.Max(p.width, textWidth(p.labels[i], fs))
	}
	if step < fs*1.1 {
		p.every = int(math.Ceil(fs * 1.1 / step))
	}
	p.height = th.Gap.Tick + p.width*math.Sqrt2/2 + fs
	return p
}

// slantRoom is how much more room the slanted x labels need beside the
// plot: each reaches label width/√2 from its tick.
func (r *renderer) slantRoom(xp axisPlan, plotW, yLabelW float64) float64 {
	fs := r.th.FontSize.Label
	n := float64(max(len(xp.labels), 1))
	step := plotW / n
	need := 0.0
	for i, l := range xp.labels {
		if xp.every > 1 && i%xp.every != 0 {
			continue
		}
		have := yLabelW + r.th.Margin/2 + step*(float64(i)+0.5)
		need = math.Max(need, textWidth(l, fs)/math.Sqrt2+fs*0.6-have)
	}
	return need
}

// wrapWithin wraps a label into at most two lines of wrapWidth, or returns
// nil when a line would still be wider than max.
func wrapWithin(l string, fs, wrapWidth, max float64) []string {
	lines := wrap(l, fs, wrapWidth)
	if len(lines) > 2 {
		return nil
	}
	for _, ln := range lines {
		if textWidth(ln, fs) > max {
			return nil
		}
	}
	return lines
}

// drawCell draws one plot: grid and axes, then the marks of every layer.
func (r *renderer) drawCell(g *elem, c cellPos, px0, px1, ptop, pbot float64, xp, yp axisPlan) {
	th := r.th
	r.setXRange(px0, px1)
	if r.y != nil {
		if r.y.discrete {
			r.y.setRange(ptop, pbot, th.BandPadding, th.BandPadding/2)
		} else {
			r.y.setRange(pbot, ptop, 0, 0)
		}
	}
	if r.proj != nil {
		r.fitProjection(px1-px0, pbot-ptop)
		r.geoOX, r.geoOY = px0, ptop
	}
	if !r.isArc() && !r.isGeo() {
		axes := r.el("g", "class", "chart-axes", "aria-hidden", "true", "fill", th.muted())
		r.drawYAxis(axes, px0, px1, ptop, pbot, yp)
		r.drawXAxis(axes, px0, px1, ptop, pbot, xp)
		r.add(g, axes)
	}
	marks := r.el("g", "class", "chart-marks")
	if r.proj != nil && r.basemapLayer() != nil {
		// A region's basemap runs past the plot: the land around the
		// region is cut at the plot's edge.
		r.clips++
		id := r.id + "-clip" + strconv.Itoa(r.clips)
		cp := r.el("clipPath", "id", id)
		r.add(cp, r.el("rect", "x", r.f(px0), "y", r.f(ptop), "width", r.f(px1-px0), "height", r.f(pbot-ptop)))
		r.add(g, cp)
		marks.set("clip-path", "url(#"+id+")")
	}
	r.cell = c
	clear(r.labelled)
	for _, ld := range r.layers {
		rows := ld.rows
		if r.faceted() && ld.geo == nil {
			rows = nil
			for _, m := range ld.rows {
				if (r.row == nil || m.at(chRow).key() == c.rowKey || ld.u.enc.ch[chRow] == nil) &&
					(r.col == nil || m.at(chColumn).key() == c.colKey || ld.u.enc.ch[chColumn] == nil) {
					rows = append(rows, m)
				}
			}
		}
		r.drawLayer(marks, ld, rows, px0, px1, ptop, pbot)
	}
	r.add(g, marks)
}

// cellRows are the rows of the cell being drawn.
func (r *renderer) cellRows(ld *layerData, rows []*mrow) []*mrow {
	if !r.faceted() {
		return rows
	}
	var out []*mrow
	for _, m := range rows {
		if (r.row == nil || m.at(chRow).key() == r.cell.rowKey || ld.u.enc.ch[chRow] == nil) &&
			(r.col == nil || m.at(chColumn).key() == r.cell.colKey || ld.u.enc.ch[chColumn] == nil) {
			out = append(out, m)
		}
	}
	return out
}

func (r *renderer) hasMark(types ...string) bool {
	for _, ld := range r.layers {
		if slices.Contains(types, ld.u.mark.typ) {
			return true
		}
	}
	return false
}

func (r *renderer) drawYAxis(g *elem, px0, px1, ptop, pbot float64, yp axisPlan) {
	th := r.th
	s := r.y
	fs := th.FontSize.Label
	lx, side := px0-th.Gap.Tick, byte('r')
	if r.rtl {
		lx, side = px1+th.Gap.Tick, 'l'
	}
	if s == nil {
		return
	}
	c := r.axisChannel(chY)
	if s.discrete {
		if yp.hidden {
			return
		}
		lh := r.labelLineHeight()
		for i, v := range s.values {
			if i >= len(yp.lines) {
				continue
			}
			ls := yp.lines[i]
			y0 := s.pos(v) + fs*0.35 - float64(len(ls)-1)*lh/2
			for j, l := range ls {
				r.add(g, withFull(r.txt(lx, y0+float64(j)*lh, side, l), yp.rawAt(i)))
			}
		}
		return
	}
	grid := c == nil || c.grid == nil || *c.grid
	for i, t := range s.ticks {
		yy := s.at(t)
		if grid {
			r.add(g, r.el("line", "x1", r.f(px0), "x2", r.f(px1), "y1", r.f(yy), "y2", r.f(yy), "stroke", th.grid()))
		}
		if !yp.hidden && i < len(yp.labels) {
			r.add(g, r.txt(lx, yy+fs*0.35, side, yp.labels[i]))
		}
	}
	base := s.lo
	if s.typ == "quantitative" && s.lo <= 0 && s.hi >= 0 {
		base = 0
	}
	yy := s.at(base)
	r.add(g, r.el("line", "x1", r.f(px0), "x2", r.f(px1), "y1", r.f(yy), "y2", r.f(yy), "stroke", th.muted()))
}

func (r *renderer) drawXAxis(g *elem, px0, px1, ptop, pbot float64, xp axisPlan) {
	th := r.th
	s := r.x
	if s == nil {
		return
	}
	fs := th.FontSize.Label
	c := r.axisChannel(chX)
	ly := pbot + th.Gap.Tick + fs*0.85
	if s.discrete {
		if xp.hidden {
			return
		}
		if r.y == nil || r.y.discrete {
			r.add(g, r.el("line", "x1", r.f(px0), "x2", r.f(px1), "y1", r.f(pbot), "y2", r.f(pbot), "stroke", th.muted()))
		}
		for i, v := range s.values {
			if i >= len(xp.labels) || xp.every > 1 && i%xp.every != 0 {
				continue
			}
			x := s.pos(v)
			switch {
			case xp.rotate:
				// Slanted away from the y axis: down-left, or down-right in Arabic.
				side, angle := byte('r'), "-45"
				room := x
				if r.rtl {
					side, angle = 'l', "45"
					room = r.W - x
				}
				// The slant runs towards the edge: keep the label inside.
				l := truncate(xp.labels[i], fs, (room-th.Margin/2)/math.Sqrt2*2-fs*0.6)
				t := withFull(r.txt(x, pbot+th.Gap.Tick+fs*0.5, side, l), xp.rawAt(i))
				t.set("transform", "rotate("+angle+" "+r.f(x)+" "+r.f(pbot+th.Gap.Tick+fs*0.5)+")")
				r.add(g, t)
			case xp.lines != nil:
				for j, ln := range xp.lines[i] {
					r.add(g, withFull(r.txt(x, ly+float64(j)*fs*th.LineHeight, 'm', ln), xp.rawAt(i)))
				}
			default:
				r.add(g, withFull(r.txt(x, ly, 'm', xp.labels[i]), xp.rawAt(i)))
			}
		}
		return
	}
	grid := s.typ == "quantitative" && (c == nil || c.grid == nil || *c.grid)
	for i, t := range s.ticks {
		xx := s.at(t)
		if grid {
			r.add(g, r.el("line", "x1", r.f(xx), "x2", r.f(xx), "y1", r.f(ptop), "y2", r.f(pbot), "stroke", th.grid()))
		} else {
			r.add(g, r.el("line", "x1", r.f(xx), "x2", r.f(xx), "y1", r.f(pbot), "y2", r.f(pbot+th.Gap.Tick-1), "stroke", th.muted()))
		}
		if !xp.hidden && i < len(xp.labels) && (xp.every <= 1 || i%xp.every == 0) {
			w := textWidth(xp.labels[i], fs)
			lx := math.Min(math.Max(xx, th.Margin+w/2), r.W-th.Margin-w/2)
			r.add(g, r.txt(lx, ly, 'm', xp.labels[i]))
		}
	}
	if s.typ == "quantitative" && s.lo <= 0 && s.hi >= 0 && (r.y == nil || r.y.discrete) {
		xx := s.at(0)
		r.add(g, r.el("line", "x1", r.f(xx), "x2", r.f(xx), "y1", r.f(ptop), "y2", r.f(pbot), "stroke", th.muted()))
	}
}

// classLabel is a discretizing scale's class in a legend: its range as
// Vega labels it, from "< a" to "≥ z", and a value inside it.
type classLabel struct {
	label string
	x     float64
}

func (r *renderer) classLabels(typ string, breaks []float64, format string) []classLabel {
	th := breaks[1 : len(breaks)-1]
	d := math.Inf(1)
	for i := 1; i < len(th); i++ {
		d = math.Min(d, th[i]-th[i-1])
	}
	if len(th) == 1 {
		d = th[0]
	}
	f, _ := linearTickFormat(0, d, 30, format)
	if typ == "quantize" {
		// Vega formats a quantize scale's bounds as the ticks of its
		// domain, one per class.
		f, _ = linearTickFormat(breaks[0], breaks[len(breaks)-1], len(breaks)-1, format)
	}
	fmtv := func(x float64) string { return f.format(&r.loc.num, r.loc, x) }
	vals := append([]float64{math.Inf(-1)}, th...)
	out := make([]classLabel, 0, len(vals))
	for i, v := range vals {
		hi := math.Inf(1)
		if i+1 < len(vals) {
			hi = vals[i+1]
		}
		var l string
		switch {
		case math.IsInf(v, -1):
			l = "< " + fmtv(hi)
		case math.IsInf(hi, 1):
			l = "\u2265 " + fmtv(v)
		default:
			l = fmtv(v) + " \u2013 " + fmtv(hi)
		}
		x := v
		if math.IsInf(x, -1) {
			x = hi - 1e-9
		}
		out = append(out, classLabel{l, x})
	}
	return out
}

// legendItem is one colour in the legend.
type legendItem struct {
	fill    string
	label   string
	fact    string  // the label as Vega writes it, for the gallery suite
	symbol  string  // a shape legend's symbol
	area    float64 // a size legend's symbol area
	opacity float64
	dash    string
}

// legendItems are the colour legend's entries, as Vega makes them: the
// domain's values for discrete scales (with each slice's share on pies),
// bins and classes as ranges, and for continuous scales swatches at the
// scale's ticks.
func (r *renderer) legendItems() []legendItem {
	cs := r.color
	var items []legendItem
	switch {
	case cs.typ == "bin-ordinal":
		b, ok := r.binsOf(cs.c)
		if !ok {
			break
		}
		var bounds []float64
		for v := b.start; v <= b.stop+b.step*1e-9; v += b.step {
			bounds = append(bounds, v)
		}
		f, _ := linearTickFormat(b.start, b.stop, 5, cs.c.format)
		for i := 0; i+1 < len(bounds); i++ {
			l := f.format(&r.loc.num, r.loc, bounds[i]) + " \u2013 " + f.format(&r.loc.num, r.loc, bounds[i+1])
			items = append(items, legendItem{fill: r.fill(value{n: bounds[i], s: jsNumber(bounds[i])}), label: l, fact: l})
		}
		return items
	case cs.discrete:
		shares := r.arcShares()
		for i, v := range cs.values {
			l := r.axisValue(cs.c, v)
			fact := l
			if s, ok := shares[cs.keys[i]]; ok {
				l += " (" + s + ")"
			}
			items = append(items, legendItem{fill: r.fill(v), label: l, fact: fact})
		}
		return items
	case len(cs.breaks) > 0:
		for _, cl := range r.classLabels(cs.typ, cs.breaks, cs.c.format) {
			items = append(items, legendItem{fill: r.fill(value{n: cl.x}), label: cl.label, fact: cl.label})
		}
		return items
	}
	// Vega labels a gradient about every 100 pixels of its length, which
	// Vega-Lite sets to the plot's height within 64 to 200, and labels its
	// ends when that gives fewer than three.
	glen := math.Min(math.Max(r.plotHeight, 64), 200)
	switch lg := cs.c.legend; {
	case lg.gradientLength > 0:
		glen = lg.gradientLength
	case lg.direction == "horizontal" && (lg.orient == "top" || lg.orient == "bottom"):
		glen = math.Min(math.Max(r.plotW, 100), 200)
	case lg.direction == "horizontal":
		glen = 100
	}
	n := max(2, 2*int(math.Floor(glen/100)))
	if !r.natural && cs.c.legend.gradientLength == 0 {
		// The site's legends are rows of swatches, not a gradient beside
		// the plot: about five of them read best.
		n = 5
	}
	if cs.c.typ == "temporal" {
		cs.ticks = timeTicksMS(cs.lo*msPerDay, cs.hi*msPerDay, n)
		for i := range cs.ticks {
			cs.ticks[i] /= msPerDay
		}
		if len(cs.ticks) < 3 && cs.lo != cs.hi {
			cs.ticks = []float64{cs.lo, cs.hi}
		}
	} else if len(cs.breaks) == 0 {
		cs.ticks = d3Ticks(cs.lo, cs.hi, n)
		if len(cs.ticks) < 3 && cs.lo != cs.hi {
			cs.ticks = []float64{cs.lo, cs.hi}
		}
		cs.tickFmt, _ = linearTickFormat(cs.lo, cs.hi, n, cs.c.format)
	}
	for _, t := range cs.ticks {
		var l string
		if cs.c.typ == "temporal" {
			switch {
			case cs.c.tim != "":
				l = formatTime(cs.c.tim, t*msPerDay, r.loc.time)
			case len(cs.c.units) > 0:
				l = formatTime(timeUnitSpecifier(cs.c.units, vlTimeUnitFormats), t*msPerDay, r.loc.time)
			default:
				l = r.loc.multiFormat(t * msPerDay)
			}
		} else {
			l = cs.tickFmt.format(&r.loc.num, r.loc, t)
		}
		items = append(items, legendItem{fill: r.fill(value{n: t}), label: l, fact: l})
	}
	return items
}

// binsOf finds the bins of a binned channel's field in the layers' data.
func (r *renderer) binsOf(c *channel) (binning, bool) {
	for _, ld := range r.layers {
		if ld.tab != nil {
			if b, ok := ld.tab.bins[c.field]; ok {
				return b, true
			}
		}
	}
	return binning{}, false
}

// legend draws the colour key under the title as a wrapping row of items.
// Line charts with few series label their lines instead.
// legendBlock is one legend: a title and its entries. A colour legend
// and a shape or size legend of the same field are one block, as Vega-Lite
// merges them.
type legendBlock struct {
	title string
	field string
	items []legendItem
	shape string // how colour swatches are drawn: line, point or rect
}

// legendBlocks are the chart's legends: colour first, then size, shape,
// opacity, stroke width and dashes.
func (r *renderer) legendBlocks() []*legendBlock {
	var out []*legendBlock
	if cs := r.color; cs != nil && !cs.c.legendOff && !r.s.config.legendOff {
		out = append(out, &legendBlock{title: r.legendTitle(cs.ch, cs.c), field: cs.c.field, items: r.legendItems(), shape: r.legendShape()})
	}
	for _, ci := range []int{chSize, chShape, chOpacity, chFillOpacity, chStrokeOpacity, chStrokeWidth, chStrokeDash} {
		vs := r.vis[ci]
		if vs == nil || vs.c.legendOff || r.s.config.legendOff {
			continue
		}
		b := &legendBlock{title: r.legendTitle(ci, vs.c), field: vs.c.field, items: r.visLegendItems(vs), shape: "point"}
		merged := false
		for oi, o := range out {
			if o.field == b.field && o.field != "" && oi == 0 && r.color != nil && !r.color.discrete && len(r.color.breaks) == 0 && !vs.discrete {
				// A colour ramp and a size (or other) scale of one field
				// are one legend of symbols, at the other scale's ticks,
				// as Vega-Lite merges them.
				for k := range b.items {
					b.items[k].fill = r.fill(value{n: vs.ticks[k+len(vs.ticks)-len(b.items)]})
				}
				out[0] = b
				merged = true
				break
			}
			if o.field == b.field && o.field != "" && len(o.items) == len(b.items) {
				for k := range o.items {
					o.items[k].merge(b.items[k])
				}
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, b)
		}
	}
	return out
}

// legendTitle is a legend's title: its channel's in this view, else (for
// a legend a composition shares) that of the channel c the scale is of.
func (r *renderer) legendTitle(ci int, c *channel) string {
	for _, ld := range r.layers {
		if ld.u.enc.ch[ci] != nil {
			return r.guideTitle(ci)
		}
	}
	if c.title != nil {
		return r.tr(*c.title)
	}
	return r.defaultTitle(c)
}

// visLegendItems are the entries of a size, shape, opacity or dash
// legend: the domain's values, or ticks of a continuous scale (without a
// first one of size zero, as Vega leaves it out).
func (r *renderer) visLegendItems(vs *visScale) []legendItem {
	var items []legendItem
	fill := r.th.muted()
	if r.color == nil && r.hasMark("point", "circle", "square", "line", "rule", "bar", "rect", "tick", "text", "area") {
		fill = r.th.series(0)
	}
	mk := func(v value, label string) legendItem {
		it := legendItem{fill: fill, label: label, fact: label, symbol: "circle"}
		switch vs.ch {
		case chSize:
			it.area = vs.num(v)
		case chShape:
			it.symbol = vs.str(v)
		case chOpacity, chFillOpacity, chStrokeOpacity:
			it.opacity = vs.num(v)
		case chStrokeWidth:
			it.area = vs.num(v) * vs.num(v) * 4
		case chStrokeDash:
			it.dash = vs.str(v)
			it.symbol = "stroke"
		}
		return it
	}
	if vs.discrete {
		for _, v := range vs.values {
			items = append(items, mk(v, r.axisValue(vs.c, v)))
		}
		return items
	}
	if len(vs.breaks) > 0 {
		for _, cl := range r.classLabels(vs.c.scale.typ, vs.breaks, vs.c.format) {
			items = append(items, mk(value{n: cl.x}, cl.label))
		}
		return items
	}
	if b, ok := r.binsOf(vs.c); ok && vs.c.bin != nil && !vs.c.bin.binned && b.step > 0 {
		// A binned field: an entry per bin, labelled with its range.
		f, _ := linearTickFormat(b.start, b.stop, 5, vs.c.format)
		for x := b.start; x < b.stop-b.step*1e-9; x += b.step {
			l := f.format(&r.loc.num, r.loc, x) + " \u2013 " + f.format(&r.loc.num, r.loc, x+b.step)
			items = append(items, mk(value{n: x}, l))
		}
		return items
	}
	for i, t := range vs.ticks {
		v := value{n: t}
		if i == 0 && vs.ch == chSize && vs.num(v) == 0 {
			continue
		}
		items = append(items, mk(v, vs.tickFmt.format(&r.loc.num, r.loc, t)))
	}
	return items
}

// merge gives an entry what another legend's entry of the same value adds.
func (it *legendItem) merge(o legendItem) {
	if o.symbol != "" && o.symbol != "circle" {
		it.symbol = o.symbol
	}
	if o.area > 0 {
		it.area = o.area
	}
	if o.opacity > 0 {
		it.opacity = o.opacity
	}
	if o.dash != "" {
		it.dash = o.dash
	}
}

// legend draws the legends under the title as a wrapping row of entries.
// Line charts with few series label their lines instead.
func (r *renderer) legend(top float64) (*elem, float64) {
	if r.legendDone {
		return nil, 0
	}
	blocks := r.legendBlocks()
	if r.directSer && len(blocks) > 0 && r.color != nil && blocks[0].field == r.color.c.field {
		// The series are named at the ends of their lines: the legend's
		// entries are there.
		if r.facts != nil {
			var ls []string
			for _, v := range r.color.values {
				ls = append(ls, r.valueText(r.color.c, v))
			}
			r.facts.legend(blocks[0].title, ls)
		}
		blocks = blocks[1:]
	}
	if len(blocks) == 0 {
		return nil, 0
	}
	if r.facts != nil {
		for _, b := range blocks {
			var ls []string
			for _, it := range b.items {
				ls = append(ls, it.fact)
			}
			r.facts.legend(b.title, ls)
		}
	}
	th := r.th
	fs := th.FontSize.Legend
	sw := th.Swatch
	rowH := fs * 1.6
	lineH := fs * 1.2
	W, m := r.W, th.Margin
	g := r.el("g", "class", "chart-legend", "aria-hidden", "true", "font-size", r.f(fs))
	// Entries flow in rows across the width; an item wider than a row is
	// broken over two lines, then shortened (the table has it whole).
	type entry struct {
		item   *legendItem // nil: the legend's title
		shape  string
		lines  []string
		full   string // the title as written
		w      float64
		x      float64
		row    int
		maxLen float64
		gap    bool // starts a new legend
	}
	var es []*entry
	lim := W - 2*m - sw - th.Gap.Swatch
	for bi, b := range blocks {
		first := len(es)
		if t := b.title; t != "" {
			t = truncate(t, fs*1.06, W-2*m)
			es = append(es, &entry{lines: []string{t}, full: b.title, w: textWidth(t, fs*1.06)})
		}
		for i := range b.items {
			e := &entry{item: &b.items[i], shape: b.shape, lines: fitLabel(b.items[i].label, fs, lim, 2)}
			for _, l := range e.lines {
				e.maxLen = math.Max(e.maxLen, textWidth(l, fs))
			}
			e.w = sw + th.Gap.Swatch + e.maxLen
			es = append(es, e)
		}
		if bi > 0 && len(es) > first {
			es[first].gap = true
		}
	}
	o, row := 0.0, 0
	var rowLines []int
	for _, e := range es {
		if e.gap && o > 0 {
			o += th.Gap.LegendItem
		}
		if o > 0 && o+e.w > W-2*m {
			o, row = 0, row+1
		}
		e.x, e.row = o, row
		o += e.w + th.Gap.LegendItem
		if row >= len(rowLines) {
			rowLines = append(rowLines, 1)
		}
		rowLines[row] = max(rowLines[row], len(e.lines))
	}
	rowTop := make([]float64, len(rowLines)+1)
	rowTop[0] = top
	for i, n := range rowLines {
		rowTop[i+1] = rowTop[i] + rowH + float64(n-1)*lineH
	}
	phys := func(off, w float64) float64 {
		if r.rtl {
			return W - m - off - w
		}
		return m + off
	}
	for _, e := range es {
		y := rowTop[e.row]
		if e.item == nil {
			r.add(g, withFull(r.txt(phys(e.x, e.w)+boolF(r.rtl, e.w), y+fs*0.95, r.lead(), e.lines[0], "font-weight", "600"), e.full))
			continue
		}
		it := e.item
		sx := phys(e.x, sw)
		cy := y + fs*0.6
		var sym *elem
		switch {
		case it.symbol != "" && it.symbol != "circle" || it.area > 0:
			area := it.area
			if area <= 0 {
				area = sw * sw * 0.6
			}
			if it.symbol == "stroke" {
				sym = r.el("line", "x1", r.f(sx-2), "x2", r.f(sx+sw+2), "y1", r.f(cy), "y2", r.f(cy), "stroke", it.fill, "stroke-width", "2")
				if it.dash != "" {
					sym.set("stroke-dasharray", it.dash)
				}
			} else {
				sym = r.symbol(orStr(it.symbol, "circle"), sx+sw/2, cy, math.Min(area, 4*sw*sw), 0)
				sym.set("fill", it.fill)
			}
		case e.shape == "line":
			sym = r.el("line", "x1", r.f(sx-2), "x2", r.f(sx+sw+2), "y1", r.f(cy), "y2", r.f(cy), "stroke", it.fill, "stroke-width", "3", "stroke-linecap", "round")
		case e.shape == "point":
			sym = r.el("circle", "cx", r.f(sx+sw/2), "cy", r.f(cy), "r", r.f(sw/2), "fill", it.fill)
		default:
			sym = r.el("rect", "x", r.f(sx), "y", r.f(cy-sw/2), "width", r.f(sw), "height", r.f(sw), "fill", it.fill)
		}
		if it.opacity > 0 && it.opacity < 1 {
			sym.set("opacity", r.f(it.opacity))
		}
		r.add(g, sym)
		tx := phys(e.x+sw+th.Gap.Swatch, e.maxLen)
		if r.rtl {
			tx += e.maxLen
		}
		for j, l := range e.lines {
			r.add(g, withFull(r.txt(tx, y+fs*0.95+float64(j)*lineH, r.lead(), l), it.label))
		}
	}
	return g, rowTop[len(rowLines)] - top
}

func orStr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func boolF(b bool, v float64) float64 {
	if b {
		return v
	}
	return 0
}

func (r *renderer) colorBreak(x float64) string {
	cs := r.color
	if cs.c.num != nil {
		return cs.c.num.format(&r.loc.num, r.loc, x)
	}
	return cs.fmt.number(r.loc, x)
}

// seqFill is the colour of class i of the ramp, spread over the theme's
// steps when there are fewer classes.
func (r *renderer) seqFill(i int) string {
	k := len(r.color.breaks) - 1
	n := len(r.th.Sequential)
	if k <= 1 {
		return r.th.sequential(n - 1)
	}
	return r.th.sequential(int(math.Round(float64(i) * float64(n-1) / float64(k-1))))
}

func (r *renderer) legendShape() string {
	for _, ld := range r.layers {
		if ld.u.enc.ch[chColor] == nil {
			continue
		}
		switch ld.u.mark.typ {
		case "line":
			return "line"
		case "point":
			return "point"
		}
		return "rect"
	}
	return "rect"
}

// arcShares gives each slice's share for the legend of a pie.
func (r *renderer) arcShares() map[string]string {
	out := map[string]string{}
	for _, ld := range r.layers {
		if ld.u.mark.typ != "arc" || ld.u.enc.ch[chColor] == nil || r.faceted() {
			continue
		}
		total := 0.0
		sums := map[string]float64{}
		for _, m := range ld.rows {
			total += m.v[chTheta].n
			sums[m.at(chColor).key()] += m.v[chTheta].n
		}
		if total <= 0 {
			return out
		}
		for k, v := range sums {
			out[k] = r.loc.percent(v/total, 0, 0)
		}
		return out
	}
	return out
}

// wantDirectLabels says whether series get labels at their line ends
// instead of a legend: few series, lines or areas over a continuous or
// point x, and labels that leave room for the plot.
func (r *renderer) wantDirectLabels(cellW float64) bool {
	cs := r.color
	if cs == nil || !cs.discrete || cs.c.legendOff || len(cs.keys) > r.th.DirectLabels.MaxSeries {
		return false
	}
	if r.x == nil || r.x.band || r.y == nil || r.y.discrete {
		return false
	}
	one := false // a layer with one series per colour, to label
	for _, ld := range r.layers {
		if ld.u.enc.ch[chColor] == nil {
			continue
		}
		switch ld.u.mark.typ {
		case "line", "area":
		default:
			return false
		}
		one = one || len(ld.u.enc.detail) == 0
	}
	return one && r.directLabelWidth() <= cellW*r.th.DirectLabels.MaxShare
}

func (r *renderer) directLabelWidth() float64 {
	w := 0.0
	for _, v := range r.color.values {
		w = math.Max(w, textWidth(r.valueText(r.color.c, v), r.th.FontSize.Label))
	}
	return w + r.th.Gap.DirectLabel*2 + 10
}

// labelParity is how many ticks apart x labels must be for none to
// overlap: 1, 2, 4... As Vega's "parity" strategy does, every other label
// is dropped until the rest fit; the ticks and grid lines stay.
func labelParity(s *posScale, labels []string, fs, plotW float64) int {
	if len(labels) < 2 || s.hi == s.lo {
		return 1
	}
	at := func(i int) float64 { return s.frac(s.ticks[i]) * plotW }
	for every := 1; every < len(labels); every *= 2 {
		ok := true
		for i := every; i < len(labels) && i < len(s.ticks); i += every {
			gap := math.Abs(at(i) - at(i-every))
			if gap < (textWidth(labels[i], fs)+textWidth(labels[i-every], fs))/2+4 {
				ok = false
				break
			}
		}
		if ok {
			return every
		}
	}
	return len(labels)
}

// Vega-Lite's default view sizes.
const (
	vegaContinuousSize = 300
	vegaStep           = 20
)

// naturalPlotWidth is a plot's width as Vega-Lite sizes it.
func (r *renderer) naturalPlotWidth() float64 {
	if r.p.width.px > 0 {
		return r.p.width.px
	}
	if r.isArc() || r.isGeo() {
		return vegaContinuousSize
	}
	return r.naturalSize(r.x, chX)
}

// naturalSize is the length Vega-Lite gives a plot along a position
// channel: 300 when continuous, 20 per step when discrete, one step when
// the channel is not encoded.
func (r *renderer) naturalSize(s *posScale, ci int) float64 {
	switch {
	case s == nil:
		return r.stepFor(ci)
	case s.discrete:
		// With an offset channel, Vega-Lite's step is each offset band's.
		per := 1
		sz := r.p.width
		if ci == chY {
			sz = r.p.height
		}
		if _, off := r.offsetOf(ci); off != nil && off.discrete && !sz.forPosition {
			per = max(len(off.keys), 1)
		}
		return r.stepFor(ci) * float64(max(len(s.keys), 1)*per)
	}
	if ci == chY {
		return r.s.config.continuousHeight
	}
	return r.s.config.continuousWidth
}

// stepFor is the width of a discrete band along a position channel: the
// view's {"step": N}, else the config's view step (20 by default).
func (r *renderer) stepFor(ci int) float64 {
	if ci == chX && r.p.width.step > 0 {
		return r.p.width.step
	}
	if ci == chY && r.p.height.step > 0 {
		return r.p.height.step
	}
	return r.s.config.step
}
