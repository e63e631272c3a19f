package chart

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/itu-d/portal/generator/internal/diag"
)

// Options control one rendering of a spec.
type Options struct {
	Lang    string      // page language: ar, en, es, fr, ru or zh; others fall back to English
	Width   int         // total width in CSS pixels; 0: the spec's width, then the theme's
	Height  int         // total height; 0: derived from the width and the data
	LoadCSV LoadFunc    // reads data.url; nil: URLs are an error
	Geo     GeoRenderer // draws geoshape layers; nil: geoshape is an error
	ID      string      // prefix for element ids; "" derives one from the spec
	Pretty  bool        // also fill Chart.Pretty
}

// LoadFunc returns the CSV file a data.url names, with the path to report
// problems at.
type LoadFunc func(url string) (path string, data []byte, err error)

// Chart is a rendered chart.
type Chart struct {
	SVG     []byte // minified, to inline in a page
	Pretty  []byte // one element per line, for golden files and review; only with Options.Pretty
	Summary string // the text summary, also in the SVG's <desc>
	Table   Table  // the data as drawn, for a <details> table
	Rows    int    // data marks drawn (each has its own <title>)
	Width   int
	Height  int
}

// Render draws a parsed spec. Problems with data (unknown URLs, missing
// fields, cells that do not parse) carry the position of the cause.
func Render(s *Spec, opt Options) (*Chart, []diag.Problem) {
	r := newRenderer(s, opt)
	c := r.render()
	r.scr.reset()
	scratches.Put(r.scr)
	if r.probs.Errors() > 0 {
		return nil, r.probs.Problems()
	}
	return c, r.probs.Problems()
}

// RenderFile parses and renders one spec file. A nil load reads data.url
// relative to the spec's folder.
func RenderFile(path, lang string, load LoadFunc) (*Chart, []diag.Problem) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, []diag.Problem{{Path: filepath.ToSlash(path), Msg: err.Error()}}
	}
	s, probs := ParseSpec(filepath.ToSlash(path), src)
	if s == nil {
		return nil, probs
	}
	if load == nil {
		load = DirLoader(filepath.Dir(path))
	}
	c, more := Render(s, Options{Lang: lang, LoadCSV: load})
	return c, append(probs, more...)
}

// DirLoader reads data URLs as file paths relative to dir ("../" is fine:
// specs often sit beside content while data lives elsewhere). It refuses
// URLs with a scheme: a build reads no network.
func DirLoader(dir string) LoadFunc {
	return func(url string) (string, []byte, error) {
		if strings.Contains(url, "://") || strings.HasPrefix(url, "//") {
			return "", nil, fmt.Errorf("only local files can be charted, not %q", url)
		}
		p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(url, "/")))
		b, err := os.ReadFile(p)
		if err != nil {
			if os.IsNotExist(err) {
				return "", nil, fmt.Errorf("no such file %s", filepath.ToSlash(p))
			}
			return "", nil, err
		}
		return filepath.ToSlash(p), b, nil
	}
}

type renderer struct {
	s     *Spec
	opt   Options
	th    *theme
	loc   *locale
	rtl   bool
	trans map[string]string // usermeta.translations for the page's language
	probs diag.List
	scr   *scratch
	texts strings.Builder // the block keep cuts strings from

	cellErrs int
	tables   map[*dataDef]*table
	layers   []*layerData
	dec      map[*channel]int // auto fraction digits per quantitative channel

	x, y       *posScale
	xOff       *posScale
	color      *colorScale
	row, col   *posScale
	W, H       float64
	id         string
	marks      int
	directSer  bool
	domainLog  []domainCheck // filled when logDomains is set (tests)
	logDomains bool
	facts      *scene     // filled for the gallery suite; nil otherwise
	textInset  [2]float64 // room kept for text labels at the plot's left and right
	textLim    [2]float64 // where the current cell's text labels must stay
}

// domainCheck records a value and the scale it was placed on (for tests).
type domainCheck struct {
	s *posScale
	v value
}

// layerData is one unit's rows, read, filtered, aggregated and stacked.
type layerData struct {
	u         *unit
	slots     []*channel // u.enc.slots()
	tab       *table
	rows      []*mrow
	measure   int // the quantitative channel bars and areas grow along; -1 when none
	stacked   bool
	normalize bool
	geo       []GeoShape
}

// mrow is one mark: a value per channel slot (see encoding.slots), up to
// the last slot in use.
type mrow struct {
	v      []value
	texts  []string // valueText of v, filled in by renderer.text
	lo, hi float64  // the extent along the measure channel
	share  float64  // of its stack, for pies and normalized stacks; -1 when none
	title  string
	label  string // discrete parts joined, for the summary
}

func (m *mrow) at(i int) value {
	if i < len(m.v) {
		return m.v[i]
	}
	return value{null: true}
}

func (m *mrow) set(i int, v value) {
	m.v[i] = v
	if m.texts != nil {
		m.texts[i] = ""
	}
}

// slots lists the channels in the order of a row's values: the fixed
// channels, then the tooltips. Absent channels are nil.
func (e *encoding) slots() []*channel {
	s := make([]*channel, numChannels+len(e.tooltip))
	copy(s, e.ch[:])
	copy(s[numChannels:], e.tooltip)
	return s
}

func (e *encoding) all() []*channel {
	var out []*channel
	for _, c := range e.slots() {
		if c != nil {
			out = append(out, c)
		}
	}
	return out
}

func newRenderer(s *Spec, opt Options) *renderer {
	r := &renderer{s: s, opt: opt, th: defaultTheme, tables: map[*dataDef]*table{}, dec: map[*channel]int{}, scr: scratches.Get().(*scratch)}
	loc, ok := getLocale(opt.Lang)
	if !ok {
		r.probs.Add(diag.Problem{Path: s.path, Warning: true, Msg: fmt.Sprintf("no chart phrases for language %q; using English", opt.Lang), Hint: "languages: " + strings.Join(Languages(), ", ")})
	}
	r.loc = loc
	r.rtl = loc.rtl()
	r.trans = s.translationsFor(opt.Lang)
	r.W = float64(opt.Width)
	if r.W == 0 {
		r.W = float64(s.width)
	}
	if r.W == 0 {
		r.W = float64(r.th.Width)
	}
	r.W = math.Max(r.W, 200)
	r.id = opt.ID
	if r.id == "" {
		// Unique on a page that shows one spec in several languages or widths.
		sum := sha256.Sum256([]byte(s.digest + "\x00" + loc.lang + "\x00" + strconv.Itoa(int(r.W))))
		r.id = "chart-" + hex.EncodeToString(sum[:5])
	}
	return r
}

func (r *renderer) specError(at pos, hint, format string, args ...any) {
	r.probs.Add(diag.Problem{Path: r.s.path, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// cellError reports a data cell that does not read as its type; after ten
// the rest are counted in one line.
func (r *renderer) cellError(t *table, c cell, err error) {
	r.cellErrs++
	switch {
	case r.cellErrs <= 10:
		r.probs.Add(diag.Problem{Path: t.path, Line: c.at.line, Col: c.at.col, Msg: err.Error()})
	case r.cellErrs == 11:
		r.probs.Add(diag.Problem{Path: t.path, Line: c.at.line, Col: c.at.col, Msg: "more cells do not read as their field's type; only the first ten are listed"})
	}
}

func (r *renderer) render() *Chart {
	root, summary := r.draw()
	if root == nil {
		return nil
	}
	c := &Chart{
		SVG:     root.minified(),
		Summary: summary,
		Table:   r.table(),
		Rows:    r.marks,
		Width:   int(math.Round(r.W)),
		Height:  int(math.Round(r.H)),
	}
	if r.opt.Pretty {
		c.Pretty = root.pretty()
	}
	return c
}

// draw builds the chart's elements and its summary; nil on errors.
func (r *renderer) draw() (*elem, string) {
	for _, u := range r.s.layers {
		r.load(u)
	}
	if r.probs.Errors() > 0 {
		return nil, ""
	}
	r.decimals()
	r.buildColor()
	for _, ld := range r.layers {
		r.stack(ld)
	}
	r.buildScales()
	if r.probs.Errors() > 0 {
		return nil, ""
	}
	for _, ld := range r.layers {
		tp := r.titlePartsOf(ld)
		for _, m := range ld.rows {
			m.title, m.label = r.markTitle(ld, tp, m)
		}
	}
	root := r.layout()
	if r.probs.Errors() > 0 {
		return nil, ""
	}
	r.checkTranslations()
	summary := r.summary()
	root.kids[1].text = summary
	return root, summary
}

func (r *renderer) tableFor(d *dataDef) *table {
	if t, ok := r.tables[d]; ok {
		return t
	}
	var t *table
	if d.values != nil {
		t = inlineTable(r.s.path, d.values, d.at)
	} else {
		if r.opt.LoadCSV == nil {
			r.specError(d.at, "", "data.url %q: no loader for data files was given", d.url)
			r.tables[d] = nil
			return nil
		}
		path, src, err := r.opt.LoadCSV(d.url)
		if err != nil {
			r.specError(d.at, "", "data.url %q: %v", d.url, err)
			r.tables[d] = nil
			return nil
		}
		var p *diag.Problem
		t, p = csvTable(path, src, r.scr)
		if p != nil {
			r.probs.Add(*p)
		}
	}
	r.tables[d] = t
	return t
}

// load reads a unit's data and turns each record into a mark row.
func (r *renderer) load(u *unit) {
	ld := &layerData{u: u, slots: u.enc.slots(), measure: -1}
	if u.mark.typ == "geoshape" {
		r.loadGeo(ld)
		r.layers = append(r.layers, ld)
		return
	}
	t := r.tableFor(u.data)
	if t == nil {
		return
	}
	ld.tab = t
	slots := ld.slots
	types := map[string]string{}
	ok := true
	known := func(field string, at pos) bool {
		if t.col(field) >= 0 {
			return true
		}
		hint := "the data has: " + strings.Join(t.fields, ", ")
		if g := suggest(field, t.fields); g != "" {
			hint = fmt.Sprintf("did you mean %q? %s", g, hint)
		}
		where := "the data"
		if u.data.url != "" {
			where = u.data.url
		}
		r.specError(at, hint, "field %q is not in %s", field, where)
		return false
	}
	for _, c := range slots {
		if c == nil || c.field == "" {
			continue
		}
		if !known(c.field, c.fieldAt) {
			ok = false
			continue
		}
		if _, seen := types[c.field]; !seen {
			types[c.field] = c.typ
		}
	}
	for _, p := range u.filters {
		for _, fp := range p.fields(nil) {
			if !known(fp.field, fp.at) {
				ok = false
			}
		}
	}
	if !ok {
		return
	}
	cols := make([]int, len(slots))
	consts := make([]value, len(slots))
	for i, c := range slots {
		cols[i] = -1
		if c == nil {
			continue
		}
		switch {
		case c.field != "":
			cols[i] = t.col(c.field)
		case c.datum != nil:
			v, err := literalValue(c.datum, c.typ)
			if err != nil {
				r.specError(c.datum.at, "", "datum: %v", err)
				return
			}
			consts[i] = v
		case c.value != nil:
			consts[i] = value{s: c.value.str, n: c.value.num}
		default:
			consts[i] = value{null: true}
		}
	}
	filters := make([]*filterEval, len(u.filters))
	for i, p := range u.filters {
		filters[i] = newFilterEval(p, t, types)
	}
	// A row holds the values up to the last channel in use: mrow.at reads
	// the rest as null, and code that indexes v itself does so for
	// channels in use, or x and y.
	width := 2
	for i, c := range slots {
		if c != nil {
			width = max(width, i+1)
		}
	}
	ld.rows = make([]*mrow, 0, len(t.rows))
	for _, rec := range t.rows {
		keep := true
		for _, p := range filters {
			if !p.match(r, t, rec) {
				keep = false
				break
			}
		}
		if !keep {
			continue
		}
		m := &r.scr.rows.take(1)[0]
		m.v = r.scr.vals.take(width)
		valid := true
		for i, c := range slots[:width] {
			if c == nil {
				m.v[i] = value{null: true}
				continue
			}
			if cols[i] < 0 {
				m.v[i] = consts[i]
				continue
			}
			var cl cell
			if cols[i] < len(rec) {
				cl = rec[cols[i]]
			} else {
				cl = cell{kind: nullNode}
			}
			v, err := parseValue(cl, c.typ)
			if err != nil {
				r.cellError(t, cl, fmt.Errorf("%v (field %q is %s)", err, c.field, c.typ))
				valid = false
				continue
			}
			m.v[i] = v
		}
		if valid {
			ld.rows = append(ld.rows, m)
		}
	}
	ld.rows = aggregateRows(ld.rows, ld.slots)
	// Marks need their positions; a missing one drops the row, as in Vega-Lite.
	ld.rows = slices.DeleteFunc(ld.rows, func(m *mrow) bool {
		for _, ci := range []int{chX, chY, chTheta} {
			if u.enc.ch[ci] != nil && m.v[ci].null {
				return true
			}
		}
		return false
	})
	r.layers = append(r.layers, ld)
}

func (r *renderer) loadGeo(ld *layerData) {
	u := ld.u
	if r.opt.Geo == nil {
		r.specError(u.mark.at, "maps are drawn by the geo package; render them through the site build", "geoshape needs a map renderer, and none was given")
		return
	}
	layer := map[string]any{}
	for _, n := range []*node{u.rawTop, u.raw} {
		if n == nil {
			continue
		}
		for i, k := range n.keys {
			switch k {
			case "data", "transform", "projection", "encoding", "mark":
				layer[k] = n.vals[i].toAny()
			}
		}
	}
	req := GeoRequest{Path: r.s.path, Layer: layer, Lang: r.loc.lang}
	if c := u.enc.ch[chColor]; c != nil {
		req.ColorField = c.field
	}
	req.Width = r.W - 2*r.th.Margin
	req.Height = math.Round(req.Width * r.th.Aspect)
	shapes, probs := r.opt.Geo.Shapes(req)
	for _, p := range probs {
		r.probs.Add(p)
	}
	ld.geo = shapes
	slots := ld.slots
	for _, sh := range shapes {
		m := &mrow{v: make([]value, len(slots)), label: sh.Label}
		for i := range m.v {
			m.v[i] = value{null: true}
		}
		if c := u.enc.ch[chColor]; c != nil && sh.Value != "" {
			v, err := parseValue(cell{kind: strNode, text: sh.Value}, c.typ)
			if err != nil {
				r.specError(c.fieldAt, "", "map value for %q: %v", sh.Label, err)
				continue
			}
			m.v[chColor] = v
		}
		ld.rows = append(ld.rows, m)
	}
}

// decimals finds, per quantitative channel, how many fraction digits its
// data needs (at most three), for tooltips and the table.
func (r *renderer) decimals() {
	for _, ld := range r.layers {
		for i, c := range ld.slots {
			if c == nil || c.typ != "quantitative" {
				continue
			}
			d := r.dec[c]
			for _, m := range ld.rows {
				v := m.at(i)
				if v.null {
					continue
				}
				for d < 3 && math.Abs(v.n*pow10(d)-math.Round(v.n*pow10(d))) > 1e-6 {
					d++
				}
			}
			r.dec[c] = d
		}
	}
}

// measureOf is the channel a layer's marks grow along.
func measureOf(u *unit) int {
	e := u.enc
	q := func(c int) bool { return e.ch[c] != nil && e.ch[c].typ == "quantitative" }
	switch u.mark.typ {
	case "arc":
		return chTheta
	case "bar":
		if q(chX) && !q(chY) {
			return chX
		}
		if q(chY) {
			return chY
		}
	case "rule":
		if e.ch[chY] != nil {
			return chY
		}
		return chX
	default:
		if q(chY) {
			return chY
		}
		if q(chX) {
			return chX
		}
	}
	return -1
}

// stack computes each row's extent along the measure: stacked for bars,
// areas and arcs (unless stack is null), from zero for unstacked bars.
func (r *renderer) stack(ld *layerData) {
	u := ld.u
	ld.measure = measureOf(u)
	if ld.measure < 0 || u.mark.typ == "geoshape" {
		return
	}
	mc := u.enc.ch[ld.measure]
	mode := mc.stack
	stackable := u.mark.typ == "bar" || u.mark.typ == "area" || u.mark.typ == "arc"
	if mode == "" {
		mode = "none"
		if stackable {
			mode = "zero"
		}
	}
	if !stackable {
		mode = "none"
	}
	for _, m := range ld.rows {
		v := m.v[ld.measure].n
		m.lo, m.hi, m.share = v, v, -1
		if u.mark.typ == "bar" || u.mark.typ == "area" {
			m.lo = 0
		}
	}
	if mode == "none" {
		return
	}
	ld.stacked = true
	ld.normalize = mode == "normalize"
	other := chX
	if ld.measure == chX {
		other = chY
	}
	// Rows stack with the rows of the same facet and position.
	var groups [][]*mrow
	index := map[string]int{}
	var kb []byte
	for _, m := range ld.rows {
		kb = append(append(append(kb[:0], m.at(chRow).s...), 0), m.at(chColumn).s...)
		if u.mark.typ != "arc" {
			kb = append(append(append(append(kb, 0), m.at(other).s...), 0), m.at(chXOffset).s...)
		}
		gi, ok := index[string(kb)]
		if !ok {
			gi = len(groups)
			index[string(kb)] = gi
			groups = append(groups, nil)
		}
		groups[gi] = append(groups[gi], m)
	}
	for _, g := range groups {
		if r.color != nil && r.color.discrete && u.enc.ch[chColor] != nil {
			slices.SortStableFunc(g, func(a, b *mrow) int {
				return cmp.Compare(r.color.idx[a.at(chColor).key()], r.color.idx[b.at(chColor).key()])
			})
		}
		total := 0.0
		for _, m := range g {
			total += math.Abs(m.v[ld.measure].n)
		}
		if ld.normalize || u.mark.typ == "arc" {
			for _, m := range g {
				m.share = 0
				if total > 0 {
					m.share = math.Abs(m.v[ld.measure].n) / total
				}
			}
		}
		pos, neg := 0.0, 0.0
		for _, m := range g {
			v := m.v[ld.measure].n
			if ld.normalize {
				if total > 0 {
					v /= total
				} else {
					v = 0
				}
			}
			if v >= 0 {
				m.lo, m.hi = pos, pos+v
				pos += v
			} else {
				m.lo, m.hi = neg, neg+v
				neg += v
			}
		}
	}
}
