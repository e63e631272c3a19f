package chart

import (
	"math"
	"strconv"
	"strings"
)

// Compositions: hconcat, vconcat, concat and repeat. Each plot is drawn by
// a renderer of its own, with its own scales and axes, as a group; the
// composition places the groups, draws one legend for the channels the
// views share (colour, by default) and gives the whole its title,
// summary and table.

// child makes the renderer of one plot of a composition.
func (r *renderer) child(p *plot, i int) *renderer {
	k := &renderer{s: r.s, p: p, opt: r.opt, th: r.th, loc: r.loc, rtl: r.rtl, trans: r.trans, probs: r.probs,
		scr: r.scr, tables: r.tables, dec: map[*channel]int{}, natural: r.natural, embedded: true,
		id: r.id + "-" + strconv.Itoa(i)}
	if r.facts != nil {
		k.facts = &scene{}
	}
	return k
}

// drawComposition draws a spec whose root is a composition.
func (r *renderer) drawComposition() (*elem, string) {
	var kids []*renderer
	plotKids := map[*plot]*renderer{}
	for i, p := range r.s.plots() {
		k := r.child(p, i)
		kids = append(kids, k)
		plotKids[p] = k
		for _, u := range p.layers {
			k.load(u)
		}
	}
	r.kids = kids
	if r.probs.Errors() > 0 || len(kids) == 0 {
		return nil, ""
	}
	// The colour scale is shared unless resolved otherwise: one domain
	// over all views, one legend.
	shared := r.s.root.shared == nil || r.s.root.shared["color"]
	var all []*layerData
	for _, k := range kids {
		k.decimals()
		all = append(all, k.layers...)
	}
	var legendKid *renderer
	var sharedVis [numChannels]*visScale
	if shared {
		merged := &renderer{s: r.s, opt: r.opt, th: r.th, loc: r.loc, probs: r.probs, layers: all}
		merged.buildColor()
		merged.buildVisScales()
		anyVis := false
		for _, s := range merged.vis {
			anyVis = anyVis || s != nil
		}
		for _, k := range kids {
			k.color = merged.color
			if merged.color != nil || anyVis {
				k.legendDone = true
			}
		}
		if merged.color != nil || anyVis {
			legendKid = kids[0]
			for _, k := range kids {
				if k.hasColorChannel() {
					legendKid = k
					break
				}
			}
		}
		sharedVis = merged.vis
	}
	for _, k := range kids {
		if !shared {
			k.buildColor()
			k.buildVisScales()
		} else {
			k.vis = sharedVis
		}
		for _, ld := range k.layers {
			k.stack(ld)
		}
		k.buildScales()
		k.buildProjection()
	}
	if r.probs.Errors() > 0 {
		return nil, ""
	}
	for _, k := range kids {
		for _, ld := range k.layers {
			tp := k.titlePartsOf(ld)
			for _, m := range ld.rows {
				m.title, m.label = k.markTitle(ld, tp, m)
			}
		}
	}
	th := r.th
	m := th.Margin
	W := r.W
	root := r.el("svg", "xmlns", svgNS)
	title := r.tr(r.s.title)
	t := r.el("title", "id", r.id+"-title")
	t.text = title
	if title == "" {
		t.text = r.loc.Kinds["chart"]
		if t.text == "" {
			t.text = "Chart"
		}
	}
	r.add(root, t, r.el("desc", "id", r.id+"-desc"))
	// The views first: their sizes decide the drawing's width.
	body, bw, bh := r.arrange(r.s.root, plotKids, W)
	if r.natural {
		W = bw
		r.W = W
	}
	y := m
	leadX := m
	if r.rtl {
		leadX = W - m
	}
	lh := th.LineHeight
	if r.s.title != "" {
		for _, line := range wrapFit(r.tr(r.s.title), th.FontSize.Title*1.06, W-2*m) {
			r.add(root, r.txt(leadX, y+th.FontSize.Title*0.92, r.lead(), line, "font-size", r.f(th.FontSize.Title), "font-weight", "600", "class", "chart-title"))
			y += th.FontSize.Title * lh
		}
	}
	if r.s.subtitle != "" {
		y += th.Gap.Title
		for _, line := range wrapFit(r.tr(r.s.subtitle), th.FontSize.Subtitle, W-2*m) {
			r.add(root, r.txt(leadX, y+th.FontSize.Subtitle*0.92, r.lead(), line, "font-size", r.f(th.FontSize.Subtitle), "fill", th.muted(), "class", "chart-subtitle"))
			y += th.FontSize.Subtitle * lh
		}
	}
	if r.s.title != "" || r.s.subtitle != "" {
		y += th.Gap.Block
	}
	if legendKid != nil {
		legendKid.legendDone = false
		saved := legendKid.W
		legendKid.W = W
		// A composition's legend has no height of its own to follow:
		// Vega's default gradient length applies.
		legendKid.plotHeight = 200
		if lg, h := legendKid.legend(y); lg != nil {
			r.add(root, lg)
			y += h + th.Gap.Block
		}
		legendKid.W = saved
		if legendKid.facts != nil && r.facts != nil {
			r.facts.Legends = append(r.facts.Legends, legendKid.facts.Legends...)
		}
	}
	body.set("transform", "translate(0 "+r.f(y-m)+")")
	r.add(root, body)
	r.H = math.Ceil(y - m + bh)
	r.marks = 0
	for _, k := range kids {
		r.marks += k.marks
		if r.facts != nil && k.facts != nil {
			r.facts.merge(k.facts)
		}
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
	attrs = append(attrs, attr{"font-family", th.FontFamily}, attr{"font-size", r.f(th.FontSize.Label)}, attr{"fill", th.fg()}, attr{"class", "chart"})
	root.attrs = append(root.attrs, attrs...)
	r.checkTranslations()
	var parts []string
	for _, k := range kids {
		s := k.summary()
		if k.p.title != "" {
			s = r.tr(k.p.title) + r.loc.Sep.Value + s
		}
		parts = append(parts, s)
	}
	summary := strings.Join(parts, r.loc.Sep.Sentence)
	root.kids[1].text = summary
	return root, summary
}

func (r *renderer) hasColorChannel() bool {
	for _, ld := range r.layers {
		if ld.u.enc.ch[chColor] != nil {
			return true
		}
	}
	return false
}

// arrange lays out a view in the width given (ignored when sized
// naturally): a plot is drawn by its renderer; a composition places its
// views in a row, a column or a grid. It returns the group and its size.
func (r *renderer) arrange(v *view, kids map[*plot]*renderer, width float64) (*elem, float64, float64) {
	th := r.th
	gap := th.Gap.Facet
	if v.plot != nil {
		k := kids[v.plot]
		if !r.natural {
			k.W = math.Max(width, 120)
		}
		g := k.layout()
		return g, k.W, k.H
	}
	cols := len(v.kids)
	switch v.dir {
	case 'v':
		cols = 1
	case 'w':
		cols = max(min(v.columns, len(v.kids)), 1)
	}
	cellW := width
	if !r.natural {
		cellW = (width - float64(cols-1)*gap) / float64(cols)
	}
	type placed struct {
		g    *elem
		w, h float64
	}
	var ps []placed
	for _, k := range v.kids {
		g, w, h := r.arrange(k, kids, cellW)
		ps = append(ps, placed{g, w, h})
	}
	// Column widths and row heights of the grid.
	rows := (len(ps) + cols - 1) / cols
	colW := make([]float64, cols)
	rowH := make([]float64, rows)
	for i, p := range ps {
		colW[i%cols] = math.Max(colW[i%cols], p.w)
		rowH[i/cols] = math.Max(rowH[i/cols], p.h)
	}
	total := 0.0
	for i, w := range colW {
		total += w
		if i > 0 {
			total += gap
		}
	}
	g := r.el("g", "class", "chart-concat")
	y := 0.0
	if v.title != "" {
		fs := th.FontSize.Header
		x, side := th.Margin, r.lead()
		if r.rtl {
			x = total - th.Margin
		}
		r.add(g, r.txt(x, fs*0.92+th.Margin, side, r.tr(v.title), "font-size", r.f(fs), "font-weight", "600", "class", "chart-title"))
		y += fs*th.LineHeight + th.Margin
	}
	top := y
	for i, p := range ps {
		c, row := i%cols, i/cols
		x := 0.0
		for j := range c {
			x += colW[j] + gap
		}
		if r.rtl {
			// Mirrored: the first view on the right.
			x = total - x - colW[c]
		}
		yy := top
		for j := range row {
			yy += rowH[j] + gap
		}
		p.g.set("transform", "translate("+r.f(x)+" "+r.f(yy)+")")
		r.add(g, p.g)
	}
	h := top
	for j, rh := range rowH {
		h += rh
		if j > 0 {
			h += gap
		}
	}
	return g, total, h
}

// mainTable is the data table of the chart: its plot's, or the first
// view's of a composition.
func (r *renderer) mainTable() Table {
	if r.p != nil {
		return r.table()
	}
	if len(r.kids) > 0 {
		t := r.kids[0].table()
		if r.s.title != "" {
			t.Caption = r.tr(r.s.title)
		}
		return t
	}
	return Table{}
}
