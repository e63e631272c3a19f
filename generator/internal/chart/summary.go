package chart

import (
	"math"
	"slices"
	"strings"
)

// Table is the data as drawn, for a page to print in <details>: one row per
// mark of the main layer, cells formatted as on the chart.
type Table struct {
	Caption string
	Columns []Column
	Rows    [][]string
}

// Column is a table column.
type Column struct {
	Title   string
	Unit    string // from usermeta.units, or ""
	Numeric bool   // align as numbers
}

// RowsHTML is the table's rows as HTML <tr> elements, each cell's text
// escaped as html/template escapes text, a numeric column's cells of class
// "num". A chart's table shows wherever the chart does (its own page, its
// dataset's, stories, hubs) in the same words, and a template's loop over
// every cell cost more than the rest of the figure: the rows are written
// once, here.
func (t Table) RowsHTML() string {
	var b strings.Builder
	for _, row := range t.Rows {
		b.WriteString("<tr>")
		for i, cell := range row {
			if i < len(t.Columns) && t.Columns[i].Numeric {
				b.WriteString(`<td class="num">`)
			} else {
				b.WriteString("<td>")
			}
			cellEscaper.WriteString(&b, cell)
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	return b.String()
}

// cellEscaper escapes text as html/template does in an element's content.
var cellEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// Header is the title with its unit: "Users (millions)".
func (c Column) Header() string {
	if c.Unit == "" {
		return c.Title
	}
	return c.Title + " (" + c.Unit + ")"
}

// chTitle is a channel's title: set, or the one Vega-Lite makes of its
// field, aggregate, bin or time unit ("Sum of people", "date (year)").
func (r *renderer) chTitle(c *channel) string {
	if c == nil {
		return ""
	}
	if c.title != nil && *c.title != "" {
		return r.tr(*c.title)
	}
	return r.defaultTitle(c)
}

func (r *renderer) defaultTitle(c *channel) string {
	field := c.field
	if c.srcField != "" {
		field = c.srcField
	}
	field = r.tr(field)
	switch {
	case c.agg == "count":
		if t := r.s.config.countTitle; t != "" {
			return r.tr(t)
		}
		return r.loc.Aggregates["count"]
	case c.bin != nil && !c.bin.binned:
		return fill(r.loc.Phrases["binned"], "field", field)
	case len(c.units) > 0 && !c.tuBinned:
		return fill(r.loc.Phrases["timeUnit"], "field", field, "unit", strings.Join(c.units, "-"))
	case c.agg == "argmin" || c.agg == "argmax":
		return fill(r.loc.Aggregates[c.agg], "field", field, "arg", r.tr(c.aggField))
	case c.agg != "":
		t, ok := r.loc.Aggregates[c.agg]
		if !ok {
			t = r.loc.Aggregates["other"]
		}
		op := c.aggAs
		if op == "" {
			op = c.agg
		}
		return fill(t, "field", field, "Op", strings.ToUpper(op[:1])+op[1:], "op", op)
	}
	return field
}

// shownTitle is the title an axis or legend shows ("" when hidden).
func (r *renderer) shownTitle(c *channel) string {
	if c == nil || c.title != nil && *c.title == "" {
		return ""
	}
	return r.chTitle(c)
}

// guideTitle is the title of the axis or legend of a channel across the
// layers: a title set on any of them, else the default titles of their
// fields (with the second channel's, for x and x2), joined as Vega-Lite
// joins them.
func (r *renderer) guideTitle(ci int) string {
	var out []string
	second := map[int]int{chX: chX2, chY: chY2, chTheta: chTheta2, chRadius: chRadius2}
	for _, ld := range r.layers {
		for _, k := range []int{ci, second[ci]} {
			if k == 0 && ci != chX {
				continue
			}
			c := ld.u.enc.ch[k]
			if c == nil || c.synthesized || k != ci && k == 0 {
				continue
			}
			if c.title != nil {
				return r.tr(*c.title)
			}
			if c.field == "" && c.agg != "count" {
				// A field inside a condition (a selection's) names the guide.
				for _, cd := range c.conds {
					if cd.ch != nil && cd.ch.field != "" {
						c = cd.ch
						break
					}
				}
				if c.title != nil {
					return r.tr(*c.title)
				}
				if c.field == "" {
					continue
				}
			}
			if t := r.defaultTitle(c); t != "" && !slices.Contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return strings.Join(out, r.loc.Sep.List)
}

// valueText formats a value for titles, the table and the summary.
func (r *renderer) valueText(c *channel, v value) string {
	var buf [48]byte
	switch {
	case v.null:
		return "–"
	case c.typ == "quantitative" || c.typ == "temporal":
		return string(r.appendValueText(buf[:0], c, v))
	case v.date:
		spec := c.tim
		if spec == "" && len(c.units) > 0 {
			spec = timeUnitSpecifier(c.units, vlTimeUnitFormats)
		}
		if spec == "" {
			spec = r.loc.dateFmt[granDay]
		}
		return r.tr(formatTime(spec, v.n, r.loc.time))
	}
	return r.tr(v.s)
}

// appendValueText appends valueText(c, v) for a quantitative or temporal c.
func (r *renderer) appendValueText(b []byte, c *channel, v value) []byte {
	switch {
	case c.typ == "quantitative" && c.num != nil:
		return c.num.appendTo(b, &r.loc.num, r.loc, v.n)
	case c.typ == "quantitative":
		return r.loc.appendDecimal(b, v.n, 0, r.dec[c], true)
	case c.tim != "":
		return appendTime(b, c.tim, v.n*msPerDay, r.loc.time, 0)
	}
	return appendTime(b, r.loc.dateFmt[v.gran], v.n*msPerDay, r.loc.time, 0)
}

// parts splits a layer's channels into the discrete ones that name a mark
// and the measures that give its values, in reading order. With tooltips
// the tooltip list decides, as it does for the mark's native tooltip.
func (r *renderer) parts(ld *layerData, tooltips bool) (names, measures []int) {
	e := ld.u.enc
	if tooltips && len(e.tooltip) > 0 {
		for i, c := range e.tooltip {
			if c.typ == "quantitative" {
				measures = append(measures, numChannels+i)
			} else {
				names = append(names, numChannels+i)
			}
		}
		return
	}
	add := func(ci int) {
		c := e.ch[ci]
		if c == nil || c.datum != nil || c.value != nil {
			return
		}
		for _, n := range names {
			if o := e.ch[n]; o.field == c.field && o.agg == c.agg && c.field != "" {
				return
			}
		}
		if c.typ == "quantitative" {
			measures = append(measures, ci)
		} else {
			names = append(names, ci)
		}
	}
	for _, ci := range []int{chRow, chColumn, chColor, chX, chY, chXOffset, chText} {
		if ci == chText && e.ch[ci] != nil && e.ch[ci].typ == "quantitative" {
			continue
		}
		add(ci)
	}
	// Names read from the most specific: categories, then order and time
	// ("Africa, 2025").
	rank := func(typ string) int {
		switch typ {
		case "ordinal":
			return 1
		case "temporal":
			return 2
		}
		return 0
	}
	slices.SortStableFunc(names, func(a, b int) int { return rank(e.ch[a].typ) - rank(e.ch[b].typ) })
	if ld.measure >= 0 {
		measures = slices.DeleteFunc(measures, func(i int) bool { return i == ld.measure })
		measures = append([]int{ld.measure}, measures...)
	}
	if ld.measure == chColor || e.ch[chTheta] != nil {
		return
	}
	if c := e.ch[chColor]; c != nil && c.typ == "quantitative" && !slices.Contains(measures, chColor) {
		measures = append(measures, chColor)
	}
	return
}

// titleParts are what markTitle reads of a layer, the same for every row.
type titleParts struct {
	names, measures []int
	encNames        []int
	heads           []string // by slot, the title of each measure, for tooltips that name it
	buf             []byte
}

func (r *renderer) titlePartsOf(ld *layerData) *titleParts {
	tp := &titleParts{heads: make([]string, len(ld.slots))}
	tp.names, tp.measures = r.parts(ld, true)
	tp.encNames, _ = r.parts(ld, false)
	for _, i := range tp.measures {
		tp.heads[i] = r.iso(r.chTitle(ld.slots[i]))
	}
	return tp
}

// text is valueText for slot i of a row of ld, formatted once a row: a
// row's texts serve its tooltip, the summary and the table.
func (r *renderer) text(ld *layerData, m *mrow, i int) string {
	if m.texts == nil {
		m.texts = r.scr.texts.take(len(m.v))
	}
	if m.texts[i] == "" {
		c, v := ld.slots[i], m.v[i]
		if !v.null && (c.typ == "quantitative" || c.typ == "temporal") {
			var buf [48]byte
			m.texts[i] = r.keep(r.appendValueText(buf[:0], c, v))
		} else {
			m.texts[i] = r.valueText(c, v)
		}
	}
	return m.texts[i]
}

// markTitle is a mark's native tooltip ("Africa, 2025: 36%") and its name
// for the summary ("Africa, 2025"), which comes from the encoding alone:
// tooltips often add long fields (sources, notes) that a sentence does not
// need.
func (r *renderer) markTitle(ld *layerData, tp *titleParts, m *mrow) (title, label string) {
	sep := r.loc.Sep
	names, measures := tp.names, tp.measures
	join := func(b []byte, is []int) []byte {
		for k, i := range is {
			if k > 0 {
				b = append(b, sep.Label...)
			}
			b = append(b, r.iso(r.text(ld, m, i))...)
		}
		return b
	}
	b := tp.buf[:0]
	if ld.u.mark.typ == "geoshape" {
		b = append(b, m.label...)
		label = m.label
	} else {
		b = join(b, names)
	}
	head := len(b)
	ms := 0
	for _, i := range measures {
		if m.at(i).null && len(measures) > 1 {
			continue
		}
		switch {
		case ms > 0:
			b = append(b, sep.Label...)
		case head > 0:
			b = append(b, sep.Value...)
		}
		ms++
		if h := tp.heads[i]; h != "" && (len(measures) > 1 || len(names) == 0) {
			b = append(b, h...)
			if len(measures) > 1 {
				b = append(b, ' ')
			} else {
				b = append(b, sep.Value...)
			}
		}
		b = append(b, r.text(ld, m, i)...)
		if i == ld.measure && m.share >= 0 {
			b = append(append(append(b, " ("...), r.loc.percent(m.share, 0, 0)...), ')')
		}
	}
	title = r.keep(b)
	if ld.u.mark.typ != "geoshape" {
		switch {
		case slices.Equal(tp.encNames, names):
			label = title[:head]
		default:
			label = r.keep(join(b[:0], tp.encNames))
		}
		if label == "" {
			// Points placed by two numbers are named by their tooltip.
			label = title[:head]
		}
	}
	tp.buf = b
	return title, label
}

// iso isolates text with Latin letters in a right-to-left chart, so that a
// name such as "Africa-1 (2023)" keeps its order in an Arabic sentence.
func (r *renderer) iso(s string) string {
	if r.rtl {
		return isolate(s)
	}
	return s
}

// primary is the layer the summary and the table describe.
func (r *renderer) primary() *layerData {
	for _, ld := range r.layers {
		switch ld.u.mark.typ {
		case "bar", "line", "area", "point", "arc", "geoshape":
			if !isBasemap(ld) {
				return ld
			}
		}
	}
	// A point map: its places, not the land under them.
	for _, ld := range r.layers {
		if !isBasemap(ld) {
			return ld
		}
	}
	if len(r.layers) > 0 {
		return r.layers[0]
	}
	return nil
}

// kindOf names the kind of chart a layer makes: a map when it is on one.
func (r *renderer) kindOf(ld *layerData) string {
	if r.isGeo() {
		return r.loc.Kinds["geoshape"]
	}
	if k, ok := r.loc.Kinds[ld.u.mark.typ]; ok {
		return k
	}
	switch ld.u.mark.typ {
	case "circle", "square":
		return r.loc.Kinds["point"]
	case "rect", "tick", "image", "trail", "boxplot", "errorbar", "errorband":
		return r.loc.Kinds["rule"] // the language's word for a chart
	}
	return r.loc.Kinds["rule"]
}

func (r *renderer) summary() string {
	ld := r.primary()
	if ld == nil {
		return r.loc.phrase("noData")
	}
	loc := r.loc
	e := ld.u.enc
	mi := ld.measure
	if ld.u.mark.typ == "geoshape" && e.ch[chColor] != nil && e.ch[chColor].typ == "quantitative" {
		mi = chColor
	}
	if mi < 0 && ld.u.mark.typ != "geoshape" {
		return r.itemSummary(ld)
	}
	var out []string
	kind := r.kindOf(ld)
	var dims []string
	domain := -1
	for _, ci := range []int{chX, chY} {
		if c := e.ch[ci]; c != nil && ci != mi && c.typ != "quantitative" {
			domain = ci
		}
	}
	if mi == chY && e.ch[chX] != nil && e.ch[chX].typ == "quantitative" && (ld.u.mark.typ == "line" || ld.u.mark.typ == "area") {
		domain = chX
	}
	for _, ci := range []int{domain, chColor, chXOffset, chRow, chColumn} {
		if ci < 0 || ci == mi {
			continue
		}
		if c := e.ch[ci]; c != nil {
			if ci == chXOffset && e.ch[chColor] != nil && e.ch[chColor].field == c.field {
				continue
			}
			t := r.iso(r.chTitle(c))
			if t != "" && !slices.Contains(dims, t) {
				dims = append(dims, t)
			}
		}
	}
	measure := ""
	if mi >= 0 {
		measure = r.iso(r.chTitle(e.ch[mi]))
	} else if ld.u.mark.typ == "geoshape" && e.ch[chColor] != nil {
		measure = r.iso(r.chTitle(e.ch[chColor]))
	}
	switch {
	case r.named():
		// The title, read first, says what is shown: go on to what it shows.
	case measure == "":
		out = append(out, strings.TrimSuffix(strings.TrimSpace(fill(loc.Phrases["introNoDims"], "kind", kind, "measure", r.iso(r.tr(r.s.title)))), " ."))
	case len(dims) > 0:
		out = append(out, loc.phrase("intro", "kind", kind, "measure", measure, "dims", r.joinAnd(dims)))
	default:
		out = append(out, loc.phrase("introNoDims", "kind", kind, "measure", measure))
	}
	rows := slices.DeleteFunc(slices.Clone(ld.rows), func(m *mrow) bool { return mi < 0 || m.at(mi).null })
	if len(rows) == 0 || mi < 0 {
		if len(rows) == 0 {
			out = append(out, loc.phrase("noData"))
		}
		return strings.Join(out, loc.Sep.Sentence)
	}
	mc := e.ch[mi]
	vt := func(m *mrow) string { return r.text(ld, m, mi) }
	at := func(m *mrow) string {
		if m.label != "" {
			return m.label
		}
		for _, ci := range []int{chX, chY} {
			if ci != mi && e.ch[ci] != nil {
				return r.iso(r.text(ld, m, ci))
			}
		}
		return ""
	}
	lo, hi := rows[0], rows[0]
	total := 0.0
	for _, m := range rows {
		v := m.at(mi).n
		if v < lo.at(mi).n {
			lo = m
		}
		if v > hi.at(mi).n {
			hi = m
		}
		total += v
	}
	if ld.u.mark.typ == "arc" {
		pct := func(m *mrow) string {
			if total == 0 {
				return loc.percent(0, 0, 0)
			}
			return loc.percent(m.at(mi).n/total, 0, 1)
		}
		out = append(out, loc.phrase("share", "max", vt(hi), "maxAt", at(hi), "maxPct", pct(hi), "min", vt(lo), "minAt", at(lo), "minPct", pct(lo)))
		out = append(out, loc.phrase("total", "value", r.valueText(mc, numValue(total))))
		return strings.Join(out, loc.Sep.Sentence)
	}
	if lo.at(mi).n == hi.at(mi).n {
		out = append(out, loc.phrase("constant", "measure", measure, "value", vt(lo)))
	} else {
		out = append(out, loc.phrase("range", "measure", measure, "min", vt(lo), "minAt", at(lo), "max", vt(hi), "maxAt", at(hi)))
	}
	if domain < 0 || e.ch[domain].typ == "nominal" {
		return strings.Join(out, loc.Sep.Sentence)
	}
	// A sequence (time, order): latest values and trends, per series.
	dc := e.ch[domain]
	order := func(m *mrow) float64 {
		v := m.at(domain)
		if dc.typ == "ordinal" {
			if s := r.scaleOf(domain); s != nil {
				return float64(s.idx[v.key()])
			}
		}
		return v.n
	}
	type series struct {
		name string
		rows []*mrow
		rank [3]int // the facet and colour positions of its rows
	}
	// A series is named by its facet and colour values.
	seriesName := func(name []byte, m *mrow) []byte {
		parts := 0
		for _, ci := range []int{chRow, chColumn, chColor} {
			if c := e.ch[ci]; c != nil && c.typ != "quantitative" && ci != domain {
				if parts++; parts > 1 {
					name = append(name, loc.Sep.Label...)
				}
				name = append(name, r.iso(r.text(ld, m, ci))...)
			}
		}
		return name
	}
	groups := r.groupRows(rows, seriesName)
	sers := make([]*series, len(groups))
	for i, g := range groups {
		sers[i] = &series{name: string(seriesName(nil, g[0])), rows: g}
	}
	for _, s := range sers {
		slices.SortStableFunc(s.rows, func(a, b *mrow) int { return cmpLess(order(a), order(b)) })
	}
	for _, s := range sers {
		for k, ci := range []int{chRow, chColumn, chColor} {
			s.rank[k] = r.discreteIndex(ci, s.rows[0].at(ci))
		}
	}
	slices.SortStableFunc(sers, func(a, b *series) int { return slices.Compare(a.rank[:], b.rank[:]) })
	latestAt := math.Inf(-1)
	var latest *mrow
	for _, m := range rows {
		if o := order(m); o > latestAt {
			latestAt, latest = o, m
		}
	}
	when := r.text(ld, latest, domain)
	if len(sers) == 1 {
		s := sers[0]
		out = append(out, loc.phrase("latest", "at", when, "value", vt(latest)))
		if len(s.rows) >= 3 {
			first, last := s.rows[0], s.rows[len(s.rows)-1]
			out = append(out, loc.phrase("trend", "trend", loc.Phrases[r.trend(s.rows, mi, order)],
				"first", vt(first), "firstAt", r.text(ld, first, domain),
				"last", vt(last), "lastAt", r.text(ld, last, domain)))
		}
		return strings.Join(out, loc.Sep.Sentence)
	}
	var now []*mrow
	for _, m := range rows {
		if order(m) == latestAt {
			now = append(now, m)
		}
	}
	slices.SortStableFunc(now, func(a, b *mrow) int { return cmpLess(b.at(mi).n, a.at(mi).n) })
	var items []string
	for _, m := range now {
		name := ""
		for _, s := range sers {
			if slices.Contains(s.rows, m) {
				name = s.name
			}
		}
		items = append(items, name+" "+vt(m))
	}
	out = append(out, loc.phrase("latestSeries", "at", when, "list", r.capList(items)))
	// Series that went the same way are named together.
	byTrend := map[string][]string{}
	for _, s := range sers {
		if len(s.rows) >= 3 {
			t := r.trend(s.rows, mi, order)
			byTrend[t] = append(byTrend[t], s.name)
		}
	}
	for _, t := range []string{"rising", "falling", "flat"} {
		if names := byTrend[t]; len(names) > 0 {
			if n := r.th.SummaryMaxItem; n > 0 && len(names) > n {
				names = append(names[:n:n], r.more(len(names)-n))
			}
			out = append(out, loc.phrase(t+"Group", "list", r.joinAnd(names)))
		}
	}
	return strings.Join(out, loc.Sep.Sentence)
}

// named says whether the chart has a name that is read before its
// summary: its own title, or the page's (Options.Title).
func (r *renderer) named() bool { return r.s.title != "" || r.opt.Title != "" }

// discreteIndex is v's place in a discrete channel's domain, or -1.
func (r *renderer) discreteIndex(ci int, v value) int {
	var keys map[string]int
	switch ci {
	case chColor:
		if r.color != nil && r.color.discrete {
			keys = r.color.idx
		}
	case chX, chY, chXOffset, chRow, chColumn:
		var s *posScale
		switch ci {
		case chX:
			s = r.x
		case chY:
			s = r.y
		case chXOffset:
			s = r.xOff
		case chRow:
			s = r.row
		default:
			s = r.col
		}
		if s != nil && s.discrete {
			keys = s.idx
		}
	}
	if i, ok := keys[v.key()]; ok {
		return i
	}
	return -1
}

func (r *renderer) scaleOf(ci int) *posScale {
	switch ci {
	case chX:
		return r.x
	case chY:
		return r.y
	}
	return nil
}

func (r *renderer) joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], r.loc.Sep.List) + r.loc.Sep.And + items[len(items)-1]
}

func (r *renderer) capList(items []string) string {
	n := r.th.SummaryMaxItem
	if len(items) > n && n > 0 {
		rest := len(items) - n
		items = append(items[:n:n], r.more(rest))
	}
	return r.loc.list(items)
}

// more is "n more" for items left out of a list.
func (r *renderer) more(n int) string {
	if n == 1 {
		return r.loc.phrase("moreOne")
	}
	return r.loc.phrase("more", "n", r.loc.integer(n, 1))
}

// trend fits a least-squares line and calls the change over the whole span
// flat when it is small next to the values' mean size.
func (r *renderer) trend(rows []*mrow, mi int, order func(*mrow) float64) string {
	n := float64(len(rows))
	var sx, sy, sxx, sxy, sa float64
	for _, m := range rows {
		x, y := order(m), m.at(mi).n
		sx += x
		sy += y
		sxx += x * x
		sxy += x * y
		sa += math.Abs(y)
	}
	den := n*sxx - sx*sx
	if den == 0 {
		return "flat"
	}
	slope := (n*sxy - sx*sy) / den
	change := slope * (order(rows[len(rows)-1]) - order(rows[0]))
	scale := sa / n
	if scale == 0 {
		return "flat"
	}
	switch rel := change / scale; {
	case rel > r.th.FlatTrend:
		return "rising"
	case rel < -r.th.FlatTrend:
		return "falling"
	}
	return "flat"
}

// table lists the main layer's rows in chart order.
func (r *renderer) table() Table {
	t := Table{Caption: r.tr(r.s.title)}
	ld := r.primary()
	if ld == nil {
		return t
	}
	slots := ld.slots
	var cols []int
	addCol := func(i int) {
		c := slots[i]
		if c == nil || c.datum != nil || c.value != nil {
			return
		}
		for _, j := range cols {
			if slots[j].field == c.field && slots[j].agg == c.agg {
				return // a field shown twice is one column
			}
		}
		cols = append(cols, i)
	}
	names, measures := r.parts(ld, true)
	for _, i := range names {
		addCol(i)
	}
	for _, i := range measures {
		addCol(i)
	}
	for i := range slots {
		addCol(i)
	}
	geo := ld.u.mark.typ == "geoshape"
	if geo {
		// Shapes are named by the map, not by a field.
		t.Columns = append(t.Columns, Column{Title: r.loc.Kinds["geoshape"]})
	}
	for _, i := range cols {
		c := slots[i]
		title := r.chTitle(c)
		t.Columns = append(t.Columns, Column{Title: title, Unit: r.tr(r.s.units[c.field]), Numeric: c.typ == "quantitative"})
	}
	type ranked struct {
		m    *mrow
		rank []float64
	}
	rows := make([]ranked, len(ld.rows))
	ranks := make([]float64, 0, len(ld.rows)*len(cols))
	for j, m := range ld.rows {
		start := len(ranks)
		for _, i := range cols {
			v := m.at(i)
			di := -1
			if i < numChannels {
				di = r.discreteIndex(i, v)
			}
			switch {
			case di >= 0:
				ranks = append(ranks, float64(di))
			case slots[i].typ == "quantitative" || slots[i].typ == "temporal":
				ranks = append(ranks, v.n)
			}
		}
		rows[j] = ranked{m, ranks[start:len(ranks):len(ranks)]}
	}
	if !geo {
		slices.SortStableFunc(rows, func(a, b ranked) int { return slices.Compare(a.rank, b.rank) })
	}
	if len(rows) > 0 {
		t.Rows = make([][]string, 0, len(rows))
	}
	width := len(cols)
	if geo {
		width++
	}
	all := make([]string, 0, len(rows)*width)
	for _, rm := range rows {
		start := len(all)
		if geo {
			all = append(all, rm.m.label)
		}
		for _, i := range cols {
			all = append(all, r.text(ld, rm.m, i))
		}
		row := all[start:len(all):len(all)]
		if len(row) == 0 {
			row = nil
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// itemSummary describes a chart with no quantity to compare, such as a
// timeline of names against dates: how many items there are, the span of
// the date axis, and the items at each end. Without a date axis it lists
// the items.
func (r *renderer) itemSummary(ld *layerData) string {
	loc := r.loc
	e := ld.u.enc
	axis := -1
	for _, ci := range []int{chX, chY} {
		c := e.ch[ci]
		if c == nil || c.field == "" || c.typ != "temporal" {
			continue
		}
		if s := r.scaleOf(ci); s != nil && !s.discrete {
			axis = ci
			break
		}
	}
	// An item is named by its discrete position, else its text, colour or facet.
	name := -1
	for _, ci := range []int{chY, chX, chText, chColor, chRow, chColumn} {
		c := e.ch[ci]
		if ci == axis || c == nil || c.field == "" || c.typ == "quantitative" {
			continue
		}
		if s := r.scaleOf(ci); (ci == chX || ci == chY) && (s == nil || !s.discrete) {
			continue
		}
		name = ci
		break
	}
	var dims []string
	for _, ci := range []int{name, chColor, chRow, chColumn} {
		if ci < 0 || ci == axis || e.ch[ci] == nil || e.ch[ci].typ == "quantitative" {
			continue
		}
		if t := r.iso(r.chTitle(e.ch[ci])); t != "" && !slices.Contains(dims, t) {
			dims = append(dims, t)
		}
	}
	kind := r.kindOf(ld)
	var out []string
	switch {
	case r.named():
	case axis >= 0 && len(dims) > 0:
		out = append(out, loc.phrase("intro", "kind", kind, "measure", r.joinAnd(dims), "dims", r.iso(r.chTitle(e.ch[axis]))))
	case len(dims) > 0:
		out = append(out, loc.phrase("introNoDims", "kind", kind, "measure", r.joinAnd(dims)))
	case r.s.title != "":
		out = append(out, loc.phrase("introNoDims", "kind", kind, "measure", r.iso(r.tr(r.s.title))))
	}
	label := func(m *mrow) string {
		if name >= 0 {
			return r.iso(r.valueText(e.ch[name], m.at(name)))
		}
		return m.label
	}
	rows := slices.Clone(ld.rows)
	if axis >= 0 {
		rows = slices.DeleteFunc(rows, func(m *mrow) bool { return m.at(axis).null })
	}
	// Items in the order the chart shows them, then along the axis.
	if name >= 0 {
		slices.SortStableFunc(rows, func(a, b *mrow) int { return r.discreteIndex(name, a.at(name)) - r.discreteIndex(name, b.at(name)) })
	}
	if axis >= 0 {
		slices.SortStableFunc(rows, func(a, b *mrow) int { return compareValues(loc, a.at(axis), b.at(axis), "temporal") })
	}
	n := len(rows)
	count := loc.integer(n, 1)
	switch {
	case n == 0:
		out = append(out, loc.phrase("noData"))
	case axis < 0 && n == 1:
		out = append(out, loc.phrase("itemsOne", "list", label(rows[0])))
	case axis < 0:
		var items []string
		for _, m := range rows {
			items = append(items, label(m))
		}
		out = append(out, loc.phrase("items", "n", count, "list", r.capList(items)))
	case n == 1:
		out = append(out, loc.phrase("spanOne", "label", label(rows[0]), "at", r.iso(r.valueText(e.ch[axis], rows[0].at(axis)))))
	default:
		ac := e.ch[axis]
		first, last := rows[0].at(axis), rows[n-1].at(axis)
		// Every item at an end is named: two cables can share a year.
		ends := func(v value) string {
			var ls []string
			for _, m := range rows {
				if m.at(axis).n == v.n {
					if l := label(m); !slices.Contains(ls, l) {
						ls = append(ls, l)
					}
				}
			}
			if len(ls) > 3 {
				ls = append(ls[:3:3], r.more(len(ls)-3))
			}
			return r.joinAnd(ls)
		}
		if first.n == last.n {
			out = append(out, loc.phrase("spanSame", "n", count, "at", r.iso(r.valueText(ac, first)), "list", ends(first)))
			break
		}
		out = append(out, loc.phrase("span", "n", count,
			"first", r.iso(r.valueText(ac, first)), "firstLabel", ends(first),
			"last", r.iso(r.valueText(ac, last)), "lastLabel", ends(last)))
	}
	// Places sized or coloured by a number: its range, and where.
	for _, ci := range []int{chSize, chColor} {
		c := e.ch[ci]
		if c == nil || c.typ != "quantitative" || n < 2 || r.proj == nil {
			continue
		}
		lo, hi := -1, -1
		for i, m := range rows {
			if v := m.at(ci); !v.null && !math.IsNaN(v.n) {
				if lo < 0 || v.n < rows[lo].at(ci).n {
					lo = i
				}
				if hi < 0 || v.n > rows[hi].at(ci).n {
					hi = i
				}
			}
		}
		if lo >= 0 && rows[lo].at(ci).n != rows[hi].at(ci).n {
			out = append(out, loc.phrase("range", "measure", r.iso(r.chTitle(c)),
				"min", r.iso(r.valueText(c, rows[lo].at(ci))), "minAt", label(rows[lo]),
				"max", r.iso(r.valueText(c, rows[hi].at(ci))), "maxAt", label(rows[hi])))
		}
		break
	}
	return strings.Join(out, loc.Sep.Sentence)
}
