package chart

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/itu-d/portal/generator/internal/diag"
)

// Options control one rendering of a spec.
type Options struct {
	Lang    string      // page language: ar, en, es, fr, ru or zh; others fall back to English
	Width   int         // total width in CSS pixels; 0: sized as Vega-Lite sizes it (see Render)
	Height  int         // total height; 0: derived from the width and the data
	LoadCSV LoadFunc    // reads data.url (CSV, TSV, JSON, TopoJSON); nil: URLs are an error
	MaxRows int         // the most rows a view may draw after its transforms; 0: no limit
	Geo     GeoRenderer // draws geoshape layers; nil: geoshape is an error
	ID      string      // prefix for element ids; "" derives one from the spec
	Pretty  bool        // also fill Chart.Pretty
	// BarValues writes each bar's value at its end where every value fits
	// (plain bars only: one quantity by category). Off for Vega-Lite's own
	// look (the gallery suite); the site and the chart command set it.
	BarValues bool
	// Title is the chart's name as the page around it gives it (a view's
	// title, in the page's language) when the spec has no title of its
	// own: it names the drawing for screen readers, and the summary, read
	// after it, starts with what the data shows.
	Title string
	// NoTable leaves Chart.Table empty, for callers that show only the
	// drawing (the chart command).
	NoTable bool
}

// LoadFunc returns the data file a data.url names, with the path to report
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
//
// With Options.Width 0 a chart takes the size Vega-Lite gives it: each
// plot is the spec's width and height, else 300 pixels along a continuous
// axis (and for pies) and 20 per step along a discrete one (one step when
// the axis is not encoded); the drawing is that plus its axes, legend and
// titles. With a Width, the drawing is that wide and the plots share it.
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

// OnceLoader remembers what load read, by URL: for a batch that draws many
// specs reading the same files, which do not change meanwhile.
func OnceLoader(load LoadFunc) LoadFunc {
	type read struct {
		path string
		data []byte
	}
	var mu sync.Mutex
	seen := map[string]read{}
	return func(url string) (string, []byte, error) {
		mu.Lock()
		r, ok := seen[url]
		mu.Unlock()
		if ok {
			return r.path, r.data, nil
		}
		p, b, err := load(url)
		if err == nil {
			mu.Lock()
			seen[url] = read{p, b}
			mu.Unlock()
		}
		return p, b, err
	}
}

type renderer struct {
	s     *Spec
	p     *plot // the plot this renderer draws (the first, for a composition)
	opt   Options
	th    *theme
	loc   *locale
	rtl   bool
	trans map[string]string // usermeta.translations for the page's language
	probs *diag.List
	scr   *scratch
	texts strings.Builder // the block keep cuts strings from

	cellErrs   int
	tables     map[*dataDef]*table
	layers     []*layerData
	dec        map[*channel]int       // auto fraction digits per quantitative channel
	textNum    *d3Format              // the format of numbers in text marks
	filtered   map[filteredKey]*table // data read with views' leading filters
	csvKeep    rowFilter              // the filter of the CSV being read, if any
	plotHeight float64                // the height of the plot being laid out

	x, y       *posScale
	xOff, yOff *posScale
	vis        [numChannels]*visScale
	proj       *projection // maps: the plot's projection
	cell       cellPos     // the facet cell being drawn
	projFit    bool        // fitted to the plot and its data
	geoPts     [][2]float64
	geoOX      float64 // the plot's top left, where the projection's (0, 0) is
	clips      int     // clip paths made, for their ids
	geoOY      float64
	color      *colorScale
	row, col   *posScale
	W, H       float64
	id         string
	marks      int
	directSer  bool
	labelled   map[string]bool // colours a direct label names in the cell drawn
	domainLog  []domainCheck   // filled when logDomains is set (tests)
	logDomains bool
	facts      *scene     // filled for the gallery suite; nil otherwise
	textInset  [2]float64 // room kept for text labels at the plot's left and right
	natural    bool       // Options.Width was 0: plots take Vega-Lite's sizes
	plotW      float64    // the width the last layout gave each plot
	textLim    [2]float64 // where the current cell's text labels must stay
	embedded   bool       // drawn inside a composition: a group, not an SVG
	legendDone bool       // the legend is drawn by the composition around
	kids       []*renderer
}

// domainCheck records a value and the scale it was placed on (for tests).
type domainCheck struct {
	s *posScale
	v value
}

// layerData is one unit's rows, read, filtered, aggregated and stacked.
type layerData struct {
	fevals       []*filterEval // the fast path's filters, which tab's rows have not been through
	gapsInDomain bool          // the scales' domains include the rows a path breaks at
	showInvalid  bool          // invalid values are drawn (mark.invalid "show"), not dropped or broken at
	u            *unit
	slots        []*channel // u.enc.slots()
	tab          *table
	rows         []*mrow
	measure      int // the quantitative channel bars and areas grow along; -1 when none
	stacked      bool
	normalize    bool
	center       bool
	gaps         []*mrow // path marks: rows without a position, where lines break
	geo          []GeoShape
}

// mrow is one mark: a value per channel slot (see encoding.slots), up to
// the last slot in use.
type mrow struct {
	rec    []cell // the record it was read from (geoshapes read their geometry)
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

func newRenderer(s *Spec, opt Options) *renderer {
	r := &renderer{s: s, opt: opt, th: defaultTheme, tables: map[*dataDef]*table{}, dec: map[*channel]int{}, scr: scratches.Get().(*scratch), probs: &diag.List{}}
	if s.root != nil && s.root.plot != nil {
		r.p = s.root.plot
	}
	loc, ok := getLocale(opt.Lang)
	if !ok {
		r.probs.Add(diag.Problem{Path: s.path, Warning: true, Msg: fmt.Sprintf("no chart phrases for language %q; using English", opt.Lang), Hint: "languages: " + strings.Join(Languages(), ", ")})
	}
	r.loc = loc
	r.rtl = loc.rtl()
	r.trans = s.translationsFor(opt.Lang)
	r.W = float64(opt.Width)
	if r.W == 0 {
		// Sized as Vega-Lite sizes a view, then widened by what is
		// around the plot (layout).
		r.natural = true
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
	var root *elem
	var summary string
	if r.p != nil {
		root, summary = r.draw()
	} else {
		root, summary = r.drawComposition()
	}
	if root == nil {
		return nil
	}
	c := &Chart{
		SVG:     root.minified(),
		Summary: summary,
		Rows:    r.marks,
		Width:   int(math.Round(r.W)),
		Height:  int(math.Round(r.H)),
	}
	if !r.opt.NoTable {
		c.Table = r.mainTable()
	}
	if r.opt.Pretty {
		c.Pretty = root.pretty()
	}
	return c
}

// draw builds the chart's elements and its summary; nil on errors.
func (r *renderer) draw() (*elem, string) {
	for _, u := range r.p.layers {
		r.load(u)
	}
	if r.probs.Errors() > 0 {
		return nil, ""
	}
	r.decimals()
	r.buildColor()
	r.buildVisScales()
	for _, ld := range r.layers {
		r.stack(ld)
	}
	r.buildScales()
	r.buildProjection()
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

// load reads a unit's data and turns each record into a mark row.
func (r *renderer) load(u *unit) {
	ld := &layerData{u: u, slots: u.enc.slots(), measure: -1}
	if u.mark.typ == "geoshape" && r.opt.Geo != nil && (u.data == nil || u.data.basemap == "") {
		r.loadGeo(ld)
		r.layers = append(r.layers, ld)
		return
	}
	if u.data == nil {
		return
	}
	// Field types, as the encodings give them, for the typed filters.
	types := map[string]string{}
	for _, c := range ld.slots {
		if c != nil && c.field != "" {
			if _, seen := types[c.field]; !seen {
				types[c.field] = c.typ
			}
		}
	}
	fast := fastPath(u)
	var filters []*pred
	var t *table
	lead := leadingFilters(u)
	limit := fast && !hasAggregate(ld.slots) && r.opt.MaxRows > 0
	prefiltered := (len(lead) > 0 || limit) && len(u.data.parse) == 0
	if prefiltered {
		t = r.tableForFiltered(newFilteredKey(u.data, lead, types, limit), r.rowKeeper(lead, types, limit))
	} else {
		t = r.tableFor(u.data)
	}
	if t == nil {
		return
	}
	if fast {
		filters = fastFilters(u)
	} else {
		skip := 0
		if prefiltered {
			skip = len(lead)
		}
		t = r.pipelineFrom(u, t, skip)
		if t == nil {
			return
		}
	}
	ld.tab = t
	slots := ld.slots
	// argmin and argmax compare another field: it is read into a slot of
	// its own, after the others.
	argSlots := map[int]int{}
	for i, c := range ld.slots {
		if c != nil && (c.agg == "argmin" || c.agg == "argmax") && c.aggField != "" {
			if len(slots) == len(ld.slots) {
				slots = slices.Clone(ld.slots)
			}
			typ := "quantitative"
			for _, o := range ld.slots {
				if o != nil && o.field == c.aggField && o.typ == "temporal" {
					typ = "temporal" // compared as dates, as Vega-Lite parses them
				}
			}
			slots = append(slots, &channel{name: c.agg, field: c.aggField, fieldAt: c.fieldAt, typ: typ})
			argSlots[i] = len(slots) - 1
		}
	}
	ok := true
	known := func(field string, at pos) bool {
		if t.hasField(field) {
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
		name := c.field
		if c.srcField != "" {
			name = c.srcField
			if t.hasField(c.field) {
				name = c.field
			}
		}
		if !known(name, c.fieldAt) {
			ok = false
			continue
		}
	}
	for _, p := range filters {
		if prefiltered {
			break // checked against the file's header as it was read
		}
		for _, fp := range p.fields(nil) {
			if !known(fp.field, fp.at) {
				ok = false
			}
		}
	}
	if !ok {
		return
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
	reads := make([]func([]cell) cell, width)
	consts := make([]value, width)
	conds := make([][]condEval, width)
	for i, c := range slots[:width] {
		if c == nil {
			continue
		}
		if len(c.conds) > 0 {
			conds[i] = r.conditions(c, t)
			if conds[i] == nil {
				return
			}
		}
		switch {
		case c.field != "":
			reads[i] = t.getter(c.field)
		case c.datum != nil:
			v, err := literalValue(c.datum, c.typ)
			if err != nil {
				r.specError(c.datum.at, "", "datum: %v", err)
				return
			}
			consts[i] = v
		case c.value != nil:
			consts[i] = litValue(c.value)
		case c.agg == "count":
			reads[i] = func([]cell) cell { return cell{kind: numNode, num: 1, text: "1"} }
		default:
			consts[i] = value{null: true}
		}
	}
	var fevals []*filterEval
	if !prefiltered {
		for _, p := range filters {
			fevals = append(fevals, newFilterEval(p, t, types))
		}
	}
	ld.fevals = fevals
	env := &exprEnv{fields: t.fields}
	ld.rows = make([]*mrow, 0, len(t.rows))
	for _, rec := range t.rows {
		keep := true
		for _, p := range fevals {
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
		m.rec = rec
		valid := true
		env.row = rec
		for i, c := range slots[:width] {
			if c == nil {
				m.v[i] = value{null: true}
				continue
			}
			read, cc := reads[i], c
			if conds[i] != nil {
				if v, lit, ch, ok := pickCondition(conds[i], env); ok {
					if ch == nil {
						m.v[i] = v
						_ = lit
						continue
					}
					read, cc = ch.read, ch.c
				}
			}
			if read == nil {
				m.v[i] = consts[i]
				continue
			}
			cl := read(rec)
			typ := cc.typ
			if cc.agg == "distinct" || cc.agg == "valid" || cc.agg == "missing" {
				typ = "nominal" // counts of values of any kind
			}
			v, err := parseValue(cl, typ)
			if cc.scale.disabled && err == nil && !v.null {
				// scale: null: the value is what is drawn (a colour, a size).
				v.lit = true
			}
			if err != nil {
				r.cellError(t, cl, fmt.Errorf("%v (field %q is %s)", err, cc.field, cc.typ))
				valid = false
				continue
			}
			m.v[i] = v
		}
		if valid {
			ld.rows = append(ld.rows, m)
		}
		if r.opt.MaxRows > 0 && len(ld.rows) > 100*r.opt.MaxRows && !hasAggregate(ld.slots) {
			break // more than the limit allows either way; reported below
		}
	}
	ld.rows = r.aggregateRows(ld.rows, slots, argSlots)
	// Invalid values (null, NaN) on a continuous scale, as Vega-Lite's
	// mark.invalid says: "filter" drops the row; the default for lines,
	// areas and trails breaks the path there (other marks filter); "show"
	// (or null) keeps the row, drawn at zero or the scale's minimum, as
	// does a channel config.scale.invalid gives a value to.
	path := u.mark.typ == "line" || u.mark.typ == "area" || u.mark.typ == "trail"
	mode := u.mark.invalid
	if mode == "" || mode == "break-paths-show-path-domains" {
		mode = "break-paths-show-domains"
	}
	// Marks other than paths drop invalid rows in the break-paths modes;
	// with break-paths-show-domains (written out) the scales still see them.
	keepInDomain := !path && u.mark.invalid == "break-paths-show-domains"
	if !path && strings.HasPrefix(mode, "break-paths") {
		mode = "filter"
	}
	var invalid []int
	for ci := range numChannels {
		c := u.enc.ch[ci]
		if c == nil || c.field == "" || c.agg == "count" || mode == "show" {
			continue
		}
		switch ci {
		case chText, chHref, chURL, chDescription, chKey, chOrder, chRow, chColumn, chFacet:
			continue
		}
		continuous := c.typ == "quantitative" && (c.bin == nil || c.bin.binned) || c.typ == "temporal" && !r.isDiscrete(ci, c)
		if ci == chX || ci == chY || ci == chTheta || ci == chRadius {
			continuous = (c.typ == "quantitative" || c.typ == "temporal") && !r.isDiscrete(ci, c)
		}
		if !continuous || c.scale.disabled || r.s.config.scaleInvalid[channelNames[ci]] != nil {
			continue
		}
		if mode != "filter" && path {
			continue // x and y break the path, below
		}
		invalid = append(invalid, ci)
	}
	breaks := path && strings.HasPrefix(mode, "break-paths")
	ld.gapsInDomain = mode == "break-paths-show-domains" || keepInDomain
	ld.showInvalid = mode == "show"
	ld.rows = slices.DeleteFunc(ld.rows, func(m *mrow) bool {
		for _, ci := range invalid {
			if v := m.at(ci); v.null || math.IsNaN(v.n) && !v.lit {
				if keepInDomain {
					m.lo, m.hi = math.NaN(), math.NaN()
					ld.gaps = append(ld.gaps, m) // for the domains only
				}
				return true
			}
		}
		if breaks && !defined(ld, m) {
			// Not a mark, but where its line breaks.
			m.lo, m.hi = math.NaN(), math.NaN()
			ld.gaps = append(ld.gaps, m)
			return true
		}
		return false
	})
	if r.opt.MaxRows > 0 && len(ld.rows) > r.opt.MaxRows {
		at := u.data.at
		r.specError(at, "filter or aggregate the data in the spec's transform, or raise the limit", "view draws more than %d rows (limit viewRows in [params.limits] of hugo.toml)", r.opt.MaxRows)
		return
	}
	r.layers = append(r.layers, ld)
}

// leadingFilters are the filters at the head of a unit's transforms that
// the typed filters read: they can run while the data is read.
func leadingFilters(u *unit) []*pred {
	var out []*pred
	for _, t := range u.transforms {
		if t.op != "filter" || !simplePred(t.filter) {
			break
		}
		out = append(out, t.filter)
	}
	return out
}

// rowKeeper is the row filter of a view's leading filters. When every row
// kept is a mark (limit), reading stops one row past Options.MaxRows: the
// view is refused then, and the rest of the file need not be read.
func (r *renderer) rowKeeper(preds []*pred, types map[string]string, limit bool) rowFilter {
	return func(header *table) func([]cell) (bool, bool) {
		for _, p := range preds {
			for _, fp := range p.fields(nil) {
				if !header.hasField(fp.field) {
					hint := "the data has: " + strings.Join(header.fields, ", ")
					if g := suggest(fp.field, header.fields); g != "" {
						hint = fmt.Sprintf("did you mean %q? %s", g, hint)
					}
					r.specError(fp.at, hint, "field %q is not in the data", fp.field)
					return func([]cell) (bool, bool) { return false, true }
				}
			}
		}
		evals := make([]*filterEval, len(preds))
		for i, p := range preds {
			if p.op == "range" {
				p = &pred{op: "and", at: p.at, kids: []*pred{
					{op: "gte", field: p.field, at: p.at, lit: p.lit[:1]},
					{op: "lte", field: p.field, at: p.at, lit: p.lit[1:]},
				}}
			}
			evals[i] = newFilterEval(p, header, types)
		}
		kept := 0
		return func(row []cell) (bool, bool) {
			if limit && r.opt.MaxRows > 0 && kept > r.opt.MaxRows {
				return false, true
			}
			for _, e := range evals {
				if !e.match(r, header, row) {
					return false, false
				}
			}
			kept++
			return true, false
		}
	}
}

func hasAggregate(slots []*channel) bool {
	for _, c := range slots {
		if c != nil && c.agg != "" {
			return true
		}
	}
	return false
}

// condEval is one branch of a channel's condition, ready for a table.
type condEval struct {
	test func(*exprEnv) bool
	v    value
	ch   *condChannel
}

type condChannel struct {
	c    *channel
	read func([]cell) cell
}

func (r *renderer) conditions(c *channel, t *table) []condEval {
	var out []condEval
	for _, cd := range c.conds {
		ce := condEval{}
		switch {
		case cd.param != "":
			pass := cd.empty
			ce.test = func(*exprEnv) bool { return pass }
		default:
			f := r.compile(cd.test, cd.at, t)
			if f == nil {
				return nil
			}
			ce.test = func(e *exprEnv) bool { return f(e).truthy() }
		}
		switch {
		case cd.ch != nil:
			if cd.ch.field == "" {
				ce.v = value{null: true}
				break
			}
			if !t.hasField(cd.ch.field) {
				r.specError(cd.ch.fieldAt, "", "field %q is not in the data", cd.ch.field)
				return nil
			}
			ce.ch = &condChannel{c: cd.ch, read: t.getter(cd.ch.field)}
		case cd.value != nil:
			ce.v = litValue(cd.value)
		default:
			ce.v = value{null: true}
		}
		out = append(out, ce)
	}
	return out
}

// pickCondition gives the first branch whose test holds: its constant, or
// the channel to read; ok false when none holds.
func pickCondition(cs []condEval, env *exprEnv) (value, bool, *condChannel, bool) {
	for _, ce := range cs {
		if ce.test(env) {
			return ce.v, ce.ch == nil, ce.ch, true
		}
	}
	return value{}, false, nil, false
}

// litValue is a constant written in the spec (a colour, a size, a text).
func litValue(n *node) value {
	switch n.kind {
	case nullNode:
		return value{null: true}
	case numNode:
		return value{s: n.str, n: n.num, lit: true}
	}
	return value{s: n.str, lit: true}
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

// measureOf is the channel a layer's marks grow along: y for marks
// oriented vertically, x for horizontal ones, theta for arcs; -1 when
// there is none (points, rects).
func measureOf(u *unit) int {
	switch u.mark.typ {
	case "arc":
		if u.enc.ch[chTheta] != nil {
			return chTheta
		}
		return -1
	case "text":
		// Labels on an arc chart stack along theta as its arcs do.
		if c := u.enc.ch[chTheta]; c != nil && c.typ == "quantitative" && u.enc.ch[chX] == nil && u.enc.ch[chY] == nil {
			return chTheta
		}
	case "point", "circle", "square", "rect", "image", "geoshape":
		return -1
	case "rule":
		// A rule across the plot measures where it stands.
		x, y := u.enc.ch[chX], u.enc.ch[chY]
		if x != nil && y == nil && u.enc.ch[chY2] == nil {
			return chX
		}
		if y != nil && x == nil && u.enc.ch[chX2] == nil {
			return chY
		}
	}
	m := -1
	switch orient(u) {
	case "vertical":
		m = chY
		if u.mark.typ == "tick" {
			m = chX
		}
	case "horizontal":
		m = chX
		if u.mark.typ == "tick" {
			m = chY
		}
	}
	// Marks grow along a quantity only.
	if m < 0 || u.enc.ch[m] == nil || u.enc.ch[m].typ != "quantitative" {
		return -1
	}
	return m
}

func isUnbinnedQ(c *channel) bool {
	return c != nil && (c.field != "" || c.agg == "count" || c.datum != nil) && c.typ == "quantitative" && (c.bin == nil || c.bin.binned && false)
}

func isBinned(c *channel) bool { return c != nil && c.bin != nil && c.bin.binned }

// orient is Vega-Lite's orientation of a mark: vertical (bars grow up,
// lines run along x), horizontal, or "" when it has none.
func orient(u *unit) string {
	e := u.enc
	x, y, x2, y2 := e.ch[chX], e.ch[chY], e.ch[chX2], e.ch[chY2]
	if x2 != nil && x2.synthesized {
		x2 = nil
	}
	if y2 != nil && y2.synthesized {
		y2 = nil
	}
	spec := u.mark.orient
	mark := u.mark.typ
	switch mark {
	case "text", "bar":
		if x != nil && (isBinned(x) || x.bin != nil && e.ch[chX2] != nil || y != nil && y.agg != "" && x.agg == "") {
			return "vertical"
		}
		if y != nil && (isBinned(y) || y.bin != nil && e.ch[chY2] != nil || x != nil && x.agg != "" && y.agg == "") {
			return "horizontal"
		}
		if y2 != nil || x2 != nil {
			if spec != "" {
				return spec
			}
			if x2 == nil {
				if x != nil && x.typ == "quantitative" && x.bin == nil && isBinned(y) {
					return "horizontal"
				}
				return "vertical"
			}
			if y2 == nil {
				if y != nil && y.typ == "quantitative" && y.bin == nil && isBinned(x) {
					return "vertical"
				}
				return "horizontal"
			}
		}
		fallthrough
	case "rule":
		if x2 != nil && !isBinned(x) && y2 != nil && !isBinned(y) {
			return ""
		}
		fallthrough
	case "area":
		switch {
		case y2 != nil:
			if isBinned(y) {
				return "horizontal"
			}
			return "vertical"
		case x2 != nil:
			if isBinned(x) {
				return "vertical"
			}
			return "horizontal"
		case mark == "rule":
			if x != nil && y == nil {
				return "vertical"
			} else if y != nil && x == nil {
				return "horizontal"
			}
		}
		fallthrough
	case "line", "tick", "trail":
		xm, ym := isUnbinnedQ(x), isUnbinnedQ(y)
		switch {
		case spec != "":
			return spec
		case xm && !ym:
			if mark != "tick" {
				return "horizontal"
			}
			return "vertical"
		case !xm && ym:
			if mark != "tick" {
				return "vertical"
			}
			return "horizontal"
		case xm && ym:
			return "vertical"
		}
		xt := x != nil && x.typ == "temporal"
		yt := y != nil && y.typ == "temporal"
		if xt && !yt {
			return "vertical"
		} else if !xt && yt {
			return "horizontal"
		}
		return ""
	}
	return "vertical"
}

// stackMode is Vega-Lite's stack for a layer: the offset (zero, center,
// normalize) or "" when its marks do not stack.
func stackMode(u *unit, measure int) string {
	switch u.mark.typ {
	case "arc", "bar", "area", "rule", "point", "circle", "square", "line", "text", "tick":
	default:
		return ""
	}
	if measure < 0 {
		return ""
	}
	mc := u.enc.ch[measure]
	if mc == nil || mc.typ != "quantitative" || mc.bin != nil {
		return ""
	}
	offset := mc.stack
	if offset == "" && (u.mark.typ == "bar" || u.mark.typ == "area" || u.mark.typ == "arc") {
		offset = "zero"
	}
	if offset == "" || offset == "none" {
		return ""
	}
	// Stack by the fields of the channels other than position.
	dim := map[int]int{chX: chY, chY: chX, chTheta: chRadius}[measure]
	var dimField string
	if d := u.enc.ch[dim]; d != nil {
		dimField = d.field
	}
	stackBy := 0
	aggregated := false
	for _, c := range u.enc.slots() {
		if c != nil && c.agg != "" {
			aggregated = true
		}
	}
	for ci, c := range u.enc.slots() {
		if c == nil || c.field == "" || c.agg != "" || ci < numChannels && (isPosition(ci) || ci == chRow || ci == chColumn || ci == chFacet) {
			continue
		}
		if ci >= numChannels && ci < numChannels+len(u.enc.tooltip) {
			continue // tooltips do not stack
		}
		if c.field != dimField {
			stackBy++
		}
	}
	if aggregated && stackBy == 0 {
		return ""
	}
	second := map[int]int{chX: chX2, chY: chY2, chTheta: chTheta2}[measure]
	if c2 := u.enc.ch[second]; c2 != nil && !c2.synthesized {
		return ""
	}
	return offset
}

func isPosition(ci int) bool {
	switch ci {
	case chX, chY, chX2, chY2, chXOffset, chYOffset, chTheta, chTheta2, chRadius, chRadius2, chLatitude, chLongitude, chLatitude2, chLongitude2, chXError, chXError2, chYError, chYError2:
		return true
	}
	return false
}

// stack computes each row's extent along the measure: stacked for bars,
// areas and arcs (unless stack is null), from zero for unstacked bars.
func (r *renderer) stack(ld *layerData) {
	u := ld.u
	ld.measure = measureOf(u)
	if ld.measure < 0 || u.mark.typ == "geoshape" {
		return
	}
	mode := stackMode(u, ld.measure)
	second := map[int]int{chX: chX2, chY: chY2, chTheta: chTheta2}[ld.measure]
	ranged := u.enc.ch[second] != nil
	for _, m := range ld.rows {
		v := m.at(ld.measure).n
		m.lo, m.hi, m.share = v, v, -1
		switch {
		case ranged && !m.at(second).null:
			m.lo = m.at(second).n
		case u.mark.typ == "bar" || u.mark.typ == "area":
			m.lo = 0
		}
	}
	if mode == "" {
		return
	}
	ld.stacked = true
	ld.normalize = mode == "normalize"
	ld.center = mode == "center"
	other, otherOff := chX, chXOffset
	if ld.measure == chX {
		other, otherOff = chY, chYOffset
	}
	// Rows stack with the rows of the same facet and position.
	groups := r.groupRows(ld.rows, func(kb []byte, m *mrow) []byte {
		kb = append(append(append(kb, m.at(chRow).s...), 0), m.at(chColumn).s...)
		if u.mark.typ != "arc" {
			kb = append(append(append(append(kb, 0), m.at(other).s...), 0), m.at(otherOff).s...)
		}
		return kb
	})
	maxTotal := 0.0
	if ld.center {
		for _, g := range groups {
			t := 0.0
			for _, m := range g {
				t += math.Abs(m.at(ld.measure).n)
			}
			maxTotal = math.Max(maxTotal, t)
		}
	}
	for _, g := range groups {
		if oc := u.enc.ch[chOrder]; oc != nil && oc.field != "" {
			// The order channel decides, from the baseline up.
			slices.SortStableFunc(g, func(a, b *mrow) int {
				c := compareValues(r.loc, a.at(chOrder), b.at(chOrder), oc.typ)
				if oc.sort.desc {
					c = -c
				}
				return c
			})
		} else if cc := u.enc.ch[chColor]; r.color != nil && r.color.discrete && cc != nil {
			if ld.measure == chTheta {
				// Slices (and their labels) clockwise in the legend's order.
				slices.SortStableFunc(g, func(a, b *mrow) int {
					return r.color.idx[a.at(chColor).key()] - r.color.idx[b.at(chColor).key()]
				})
			} else {
				// Bars and areas: by the colour field's values, descending
				// from the baseline, as Vega-Lite stacks them, whatever
				// order the legend has.
				slices.SortStableFunc(g, func(a, b *mrow) int {
					return -compareValues(r.loc, a.at(chColor), b.at(chColor), cc.typ)
				})
			}
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
		if ld.center {
			pos = (maxTotal - total) / 2
		}
		for _, m := range g {
			v := m.v[ld.measure].n
			if ld.center {
				v = math.Abs(v)
			}
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

// groupRows groups rows by the key that key appends, in the order groups
// first appear; the groups share one block.
func (r *renderer) groupRows(rows []*mrow, key func(kb []byte, m *mrow) []byte) [][]*mrow {
	of := make([]int, len(rows))
	var sizes []int
	index := map[string]int{}
	var kb []byte
	for i, m := range rows {
		kb = key(kb[:0], m)
		gi, ok := index[string(kb)]
		if !ok {
			gi = len(sizes)
			index[r.keep(kb)] = gi
			sizes = append(sizes, 0)
		}
		of[i] = gi
		sizes[gi]++
	}
	groups := make([][]*mrow, len(sizes))
	block := make([]*mrow, len(rows))
	for gi, n := range sizes {
		groups[gi], block = block[:0:n], block[n:]
	}
	for i, m := range rows {
		groups[of[i]] = append(groups[of[i]], m)
	}
	return groups
}
