package chart

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"github.com/itu-d/portal/generator/internal/vocab"
	"slices"
	"strings"

	"github.com/itu-d/portal/generator/internal/diag"
)

// Spec is a parsed and checked Vega-Lite spec: a tree of views whose leaves
// are plots (layers of marks that share their scales, perhaps faceted).
// Only what is supported gets this far, so rendering works from validated
// values.
type Spec struct {
	path        string
	digest      string
	title       string
	subtitle    string
	description string
	root        *view
	units       map[string]string // usermeta.units: field -> unit
	// usermeta.translations: language -> English text -> its translation
	translations map[string]map[string]string
	trAt         map[string]map[string]pos // where each translation is written
	params       map[string]xv             // the params' values, as expressions see them
	config       specConfig
}

// specConfig is what the spec's config changes that this renderer reads;
// the rest of a config is presentation, which the site theme decides.
type specConfig struct {
	countTitle       string
	continuousWidth  float64
	continuousHeight float64
	step             float64
	discreteWidth    *sizeDef
	discreteHeight   *sizeDef
	numberFormat     string
	timeFormat       string
	axisTickCount    [2]int // x, y: config.axisX/axisY tickCount
	axisTickBand     [2]string
	axisTitleOff     [2]bool          // config.axis title: null
	scaleZero        *bool            // config.scale.zero
	axisLabelsOff    [2]bool          // config.axis labels: false
	axisOff          [2]bool          // config.axis disable: true
	scaleInvalid     map[string]*node // config.scale.invalid: per channel, what invalid values show as
	markDefaults     map[string]*node // config.mark, config.bar...: keys every such mark has unless it sets them
	axisLabelExpr    [2]*node
	legendOff        bool
}

// view is a node of the layout: a plot, or a composition of views.
type view struct {
	plot    *plot
	kids    []*view
	dir     byte // composition: 'h' (hconcat), 'v' (vconcat) or 'w' (concat, wrapped in columns)
	columns int
	title   string
	at      pos
	shared  map[string]bool // resolve: channels whose scales are shared ("color"...)
}

// plot is a leaf view: layers of marks sharing their scales, repeated
// over the values of the facet channels (row, column, or facet wrapped).
type plot struct {
	layers      []*unit
	enc         encoding // the facet channels: row, column, facet
	width       sizeDef
	height      sizeDef
	title       string
	columns     int  // facet wrapping: panels per row (0: all in one row)
	wrap        bool // one facet field, its panels wrapping in columns
	projection  *node
	independent map[string]bool // resolve.scale: channels with a scale per layer or facet
}

// sizeDef is a width or height: pixels, a step per discrete value, or the
// container's size. The zero value means "not given".
type sizeDef struct {
	px          float64
	step        float64
	forPosition bool // {"step": N, "for": "position"}: the step is the position band's, not the offset's
	container   bool
}

// Path is the file the spec was read from.
func (s *Spec) Path() string { return s.path }

// Title is the chart's title, or "".
func (s *Spec) Title() string { return s.title }

// Sized says whether the spec gives its view a width in pixels, which
// Options.Width 0 keeps.
func (s *Spec) Sized() bool {
	return s.root != nil && s.root.plot != nil && s.root.plot.width.px > 0
}

// TitleIn is the chart's title in a page language, from
// usermeta.translations when the spec gives one.
func (s *Spec) TitleIn(lang string) string {
	if t, ok := s.translationsFor(lang)[s.title]; ok {
		return t
	}
	return s.title
}

// translationsFor picks the usermeta.translations of a page language: the
// exact tag ("pt-br"), else its base language ("pt").
func (s *Spec) translationsFor(lang string) map[string]string {
	if len(s.translations) == 0 {
		return nil
	}
	tag := strings.ReplaceAll(strings.ToLower(lang), "_", "-")
	if m, ok := s.translations[tag]; ok {
		return m
	}
	base, _, _ := strings.Cut(tag, "-")
	return s.translations[base]
}

// plots lists the spec's plots, in reading order.
func (s *Spec) plots() []*plot {
	var out []*plot
	var walk func(v *view)
	walk = func(v *view) {
		if v.plot != nil {
			out = append(out, v.plot)
		}
		for _, k := range v.kids {
			walk(k)
		}
	}
	if s.root != nil {
		walk(s.root)
	}
	return out
}

// unit is one mark with its data, transforms and encoding (the encodings
// of the layers around it merged in).
type unit struct {
	mark       markDef
	data       *dataDef
	transforms []*transform
	enc        encoding
	raw        *node // the unit as written, for a GeoRenderer
	rawTop     *node
	name       string
	projection *node
	facets     encoding // the plot's facet channels
	overlay    bool     // the points or line Vega-Lite adds to a line or area
}

// dataDef is where a unit's rows come from.
type dataDef struct {
	values    *node
	url       string
	format    string // csv, tsv, dsv, json, topojson; "" from the URL's extension
	delim     string // dsv
	property  string // json: the path to the array in the file
	feature   string // topojson: the object to read as features
	mesh      string // topojson: the object to read as one mesh
	parse     map[string]string
	noParse   bool // format.parse: null
	seq       *[3]float64
	seqAs     string
	sphere    bool
	graticule *node
	name      string
	basemap   string // "world" or an ITU region slug: package geo's outlines
	at        pos
}

// pred is a filter predicate: a field comparison, an expression, a param,
// or and/or/not of predicates.
type pred struct {
	op       string // and, or, not, equal, lt, lte, gt, gte, oneOf, range, valid, expr, param
	field    string
	at       pos
	lit      []*node
	kids     []*pred
	expr     string
	units    []string // a time unit the field is compared in
	tuBinned bool     // the field holds the units' starts already
	utc      bool
	param    string
	empty    bool
}

var (
	markTypes      = []string{"arc", "area", "bar", "boxplot", "circle", "errorband", "errorbar", "geoshape", "image", "line", "point", "rect", "rule", "square", "text", "tick", "trail"}
	fieldTypes     = []string{"nominal", "ordinal", "quantitative", "temporal", "geojson"}
	compareOps     = []string{"equal", "gt", "gte", "lt", "lte", "oneOf"}
	compositeMarks = []string{"boxplot", "errorband", "errorbar"}
)

// ParseSpec reads a Vega-Lite spec written in JSON or YAML and checks that
// it stays inside what is supported. Every problem carries path:line:col.
func ParseSpec(path string, src []byte) (*Spec, []diag.Problem) {
	return parseSpec(path, src, "")
}

// ParseViewSpec reads the spec of a Data Package view. A spec that names
// no data reads the file at url, the view's resource, as a Frictionless
// view is bound to its package's resource.
func ParseViewSpec(path string, src []byte, url string) (*Spec, []diag.Problem) {
	return parseSpec(path, src, url)
}

func parseSpec(path string, src []byte, url string) (*Spec, []diag.Problem) {
	// Plain JSON takes a fast path. A spec with problems is read again by
	// the YAML parser, the reference for every position.
	if root, ok := parseJSON(bytes.TrimPrefix(src, []byte("\ufeff"))); ok {
		if s, probs := decodeSpec(path, src, root, url); !hasErrors(probs) {
			return s, probs
		}
	}
	if at, ok := flowDepthOK(src, 64); !ok {
		// Checked before the YAML parser, whose recursion the depth drives.
		d := &decoder{path: path}
		d.errAt(at, "a spec needs far fewer levels; check for a runaway [ or {", "the spec is nested more than 64 levels deep")
		return nil, d.probs.Problems()
	}
	root, at, err := parseYAMLSpec(src)
	if err != nil {
		d := &decoder{path: path}
		d.errAt(at, "", "%v", err)
		return nil, d.probs.Problems()
	}
	return decodeSpec(path, src, root, url)
}

// flowDepthOK says whether the brackets and braces of src, outside quoted
// text, nest at most max deep; if not, where the first one too deep is.
func flowDepthOK(src []byte, max int) (pos, bool) {
	depth, line, col := 0, 1, 1
	var quote byte
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line, col = line+1, 0
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
				col++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'' && (i == 0 || strings.IndexByte(" \t:[{,\n", src[i-1]) >= 0):
			quote = c // an apostrophe inside a plain word quotes nothing
		case c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\n'):
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case c == '[' || c == '{':
			depth++
			if depth > max {
				return pos{line, col}, false
			}
		case c == ']' || c == '}':
			depth--
		}
		col++
	}
	return pos{}, true
}

// parseYAMLSpec is the one place that hands a spec to the YAML parser (a
// bounded reader may take its place).
func parseYAMLSpec(src []byte) (*node, pos, error) {
	return parseNode(src)
}

func hasErrors(probs []diag.Problem) bool {
	for _, p := range probs {
		if !p.Warning {
			return true
		}
	}
	return false
}

func decodeSpec(path string, src []byte, root *node, url string) (*Spec, []diag.Problem) {
	d := &decoder{path: path}
	h := sha256.New()
	h.Write(src)
	h.Write([]byte(url)) // a bound view differs from the same text bound elsewhere
	s := &Spec{path: path, digest: hex.EncodeToString(h.Sum(nil)[:4]), params: map[string]xv{}}
	var inh inherit
	if url != "" {
		inh.data = &dataDef{url: url, at: root.at}
		d.formatOfURL(inh.data)
	}
	d.spec(s, root, inh)
	if d.probs.Errors() > 0 {
		return nil, d.probs.Problems()
	}
	return s, d.probs.Problems()
}

// inherit is what a view passes to the views inside it.
type inherit struct {
	data       *dataDef
	transforms []*transform
	enc        *node // the encodings of the layers around, merged
	width      sizeDef
	height     sizeDef
	projection *node
	mark       *node
	top        *node
}

var specKeys = []string{"$schema", "align", "autosize", "background", "bounds", "center", "columns", "concat", "config", "data", "datasets", "description", "encoding", "facet", "hconcat", "height", "layer", "mark", "name", "padding", "params", "projection", "repeat", "resolve", "spacing", "spec", "title", "transform", "usermeta", "vconcat", "view", "width"}

func (d *decoder) spec(s *Spec, n *node, inh inherit) {
	if !d.want(n, mapNode, "a chart spec") {
		return
	}
	d.datasets = map[string]*node{}
	d.params = s.params
	d.selections = map[string]*node{}
	s.config = specConfig{countTitle: "", continuousWidth: vegaContinuousSize, continuousHeight: vegaContinuousSize, step: vegaStep}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "description":
			if t, ok := d.str(v, "description"); ok {
				s.description = t
			}
		case "title":
			d.title(&s.title, &s.subtitle, v)
		case "usermeta":
			d.usermeta(s, v)
		case "config":
			d.config(&s.config, v)
		case "datasets":
			if d.want(v, mapNode, "datasets") {
				for j, name := range v.keys {
					d.datasets[name] = v.vals[j]
				}
			}
		case "params":
			d.topParams(s, v)
		case "autosize", "padding", "background":
			// Presentation: the site theme and the page decide.
		case "selection":
			d.errAt(at, `write Vega-Lite 5+ "params"`, "the selection key of Vega-Lite 4 is not supported")
		}
	}
	d.cfg = &s.config
	s.root = d.view(n, inh, true)
}

// view reads any view: a unit, layer, facet, repeat or concatenation.
func (d *decoder) view(n *node, inh inherit, top bool) *view {
	if !d.want(n, mapNode, "a view") {
		return nil
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > 16 {
		d.errAt(n.at, "", "views are nested more than 16 deep")
		return nil
	}
	for i, k := range n.keys {
		if !slices.Contains(specKeys, k) {
			hint := ""
			if k == "subtitle" {
				hint = `put it in the title: "title": {"text": "...", "subtitle": "..."}`
			}
			d.unknown(n.keyAt[i], k, "key", specKeys, hint)
		}
		if !top {
			switch k {
			case "$schema", "config", "datasets", "usermeta", "autosize", "padding", "background":
				d.errAt(n.keyAt[i], "set it on the top-level spec", "%q is only read at the top level", k)
			}
		}
	}
	// What this view gives the views inside it.
	own := inh
	if dv := n.get("data"); dv != nil {
		if dd := d.data(dv); dd != nil {
			own.data = dd
			own.transforms = nil
		}
	}
	if tv := n.get("transform"); tv != nil {
		own.transforms = d.transforms(tv, own.transforms)
	}
	if p := n.get("projection"); p != nil {
		own.projection = p
	}
	w, h := d.size(n.get("width"), "width"), d.size(n.get("height"), "height")
	var title string
	if t := n.get("title"); t != nil && !top {
		var sub string
		d.title(&title, &sub, t)
	}
	if p := n.get("params"); p != nil && !top {
		d.viewParams(p)
	}
	switch {
	case n.get("repeat") != nil:
		return d.repeat(n, own, w, h, title)
	case n.get("facet") != nil:
		return d.facet(n, own, w, h, title)
	case n.get("hconcat") != nil || n.get("vconcat") != nil || n.get("concat") != nil:
		return d.concat(n, own, title)
	}
	if w != (sizeDef{}) {
		own.width = w
	}
	if h != (sizeDef{}) {
		own.height = h
	}
	p := &plot{width: own.width, height: own.height, title: title, projection: own.projection}
	d.resolve(n.get("resolve"), nil, p)
	switch {
	case n.get("layer") != nil && n.get("mark") != nil:
		d.errAt(n.keyPos("mark"), `put the mark inside each layer`, "a spec has either a mark or a layer, not both")
		return nil
	case n.get("layer") != nil:
		d.layers(p, n, own)
	case n.get("mark") != nil:
		d.units(p, n, own)
	default:
		d.errAt(n.at, `add "mark": "bar" (or line, area, point, arc, rule, text, ...), "layer", "facet", "repeat" or "concat"`, "the view has no mark, layer or composition")
		return nil
	}
	d.facetChannels(p)
	return &view{plot: p, at: n.at}
}

// facetChannels gives the plot the row, column and facet channels of its
// units (or of the facet operator around them), and every unit the same
// ones, so that each reads its rows' facet values. A facet channel (one
// field, wrapped) is drawn as columns that wrap.
func (d *decoder) facetChannels(p *plot) {
	for _, u := range p.layers {
		for _, ci := range []int{chRow, chColumn, chFacet} {
			c := u.enc.ch[ci]
			if c == nil {
				continue
			}
			if p.enc.ch[ci] == nil {
				p.enc.ch[ci] = c
			}
			if ci == chFacet && c.columns > 0 {
				p.columns = c.columns
			}
		}
	}
	if f := p.enc.ch[chFacet]; f != nil {
		if p.enc.ch[chRow] != nil || p.enc.ch[chColumn] != nil {
			d.errAt(f.at, "use row and column, or facet alone", "facet cannot be combined with row or column")
		}
		p.enc.ch[chColumn], p.enc.ch[chFacet] = f, nil
		p.wrap = true
	}
	for _, u := range p.layers {
		u.enc.ch[chFacet] = nil
		u.enc.ch[chRow], u.enc.ch[chColumn] = p.enc.ch[chRow], p.enc.ch[chColumn]
		u.facets = p.enc
	}
}

// layers reads a layer list: nested layers are flattened, each inheriting
// the data, transforms and encoding of the layers around it.
func (d *decoder) layers(p *plot, n *node, inh inherit) {
	l := n.get("layer")
	if !d.want(l, seqNode, "layer") {
		return
	}
	if len(l.items) == 0 {
		d.errAt(l.at, "", "layer is empty")
	}
	inh.enc = mergeEncoding(inh.enc, n.get("encoding"))
	inh.top = n
	for _, it := range l.items {
		if !d.want(it, mapNode, "a layer") {
			continue
		}
		for i, k := range it.keys {
			switch k {
			case "facet", "repeat", "hconcat", "vconcat", "concat", "spec":
				d.errAt(it.keyAt[i], "compose around the layers, not inside them", "%q cannot be inside a layer", k)
			case "width", "height":
				if sz := d.size(it.vals[i], k); sz != (sizeDef{}) && p.width == (sizeDef{}) && k == "width" {
					p.width = sz
				} else if sz != (sizeDef{}) && p.height == (sizeDef{}) && k == "height" {
					p.height = sz
				}
			case "title":
				var sub string
				if p.title == "" {
					d.title(&p.title, &sub, it.vals[i])
				}
			case "params":
				d.viewParams(it.vals[i])
			case "resolve":
				d.resolve(it.vals[i], nil, p)
			default:
				if !slices.Contains(specKeys, k) {
					d.unknown(it.keyAt[i], k, "layer key", specKeys, "")
				}
			}
		}
		own := inh
		if dv := it.get("data"); dv != nil {
			if dd := d.data(dv); dd != nil {
				own.data = dd
				own.transforms = nil
			}
		}
		if tv := it.get("transform"); tv != nil {
			own.transforms = d.transforms(tv, own.transforms)
		}
		if pj := it.get("projection"); pj != nil {
			own.projection = pj
			if p.projection == nil {
				p.projection = pj
			}
		}
		switch {
		case it.get("layer") != nil:
			d.layers(p, it, own)
		case it.get("mark") != nil:
			d.units(p, it, own)
		default:
			d.errAt(it.at, "", "the layer has no mark")
		}
	}
}

// units reads a view with a mark into the plot: one unit, or the several
// a composite mark or a line with points stands for.
func (d *decoder) units(p *plot, n *node, inh inherit) {
	enc := mergeEncoding(inh.enc, n.get("encoding"))
	m := n.get("mark")
	typ := markOf(n)
	if slices.Contains(compositeMarks, typ) {
		if ln := d.composite(n, m, typ, enc); ln != nil {
			own := inh
			own.enc = nil
			if tv := ln.get("transform"); tv != nil {
				own.transforms = d.transforms(tv, own.transforms)
			}
			d.layers(p, ln, own)
		}
		return
	}
	d.unit(p, n, enc, inh, m)
}

// unit reads one mark with its encoding (already merged with the layers
// around it).
func (d *decoder) unit(p *plot, n *node, enc *node, inh inherit, mark *node) {
	u := &unit{data: inh.data, transforms: inh.transforms, raw: n, rawTop: inh.top, projection: inh.projection}
	if nm := n.get("name"); nm != nil && nm.kind == strNode {
		u.name = nm.str
	}
	d.mark(&u.mark, mark)
	if enc != nil {
		u.enc = d.encoding(enc, u.mark.typ)
	}
	// A binned or time-unit position stands for an interval: its end is a
	// second channel, which bars span to and other marks centre on.
	for _, pair := range [][2]int{{chX, chX2}, {chY, chY2}} {
		c := u.enc.ch[pair[0]]
		if c == nil || c.fieldEnd == "" || u.enc.ch[pair[1]] != nil || c.typ == "nominal" || c.typ == "ordinal" {
			continue
		}
		// Vega-Lite's timeUnitBandPosition: bars, rects and ticks span or
		// sit in the middle of a time unit's interval, other marks at its
		// start unless they set a bandPosition.
		if len(c.units) > 0 && c.band == nil && u.mark.tuBand != nil {
			c.band = u.mark.tuBand
		}
		rect := slices.Contains([]string{"bar", "rect", "tick"}, u.mark.typ)
		if len(c.units) > 0 && !rect && c.band == nil {
			continue
		}
		if len(c.units) > 0 && u.mark.typ == "tick" && c.band == nil {
			half := 0.5
			c.band = &half
		}
		if len(c.units) > 0 && c.band != nil && *c.band != 0.5 && (rect || u.mark.typ == "image") {
			// A bar off the interval's middle is the interval shifted.
			c.bandShift = *c.band - 0.5
		}
		u.enc.ch[pair[1]] = &channel{name: channelNames[pair[1]], at: c.at, field: c.fieldEnd, fieldAt: c.fieldAt, typ: c.typ, synthesized: true, timeEnd: len(c.units) > 0}
	}
	d.checkUnit(u)
	p.layers = append(p.layers, u)
}

// mergeEncoding is a layer's encoding over its parent's: the layer's
// channels win, and a channel set to null is removed.
func mergeEncoding(parent, own *node) *node {
	if parent == nil {
		return own
	}
	if own == nil {
		return parent
	}
	if own.kind != mapNode || parent.kind != mapNode {
		return own
	}
	out := &node{kind: mapNode, at: own.at}
	for i, k := range parent.keys {
		if pv := parent.vals[i]; pv.kind == mapNode && pv.get("field") == nil && pv.get("datum") == nil && pv.get("value") == nil && pv.get("condition") == nil && pv.get("aggregate") == nil {
			// Defaults for the layers' own definitions of the channel
			// (type, axis): a layer without one has no such channel.
			continue
		}
		if own.get(k) == nil {
			out.keys = append(out.keys, k)
			out.keyAt = append(out.keyAt, parent.keyAt[i])
			out.vals = append(out.vals, parent.vals[i])
		}
	}
	for i, k := range own.keys {
		v := own.vals[i]
		if v.kind == nullNode {
			continue
		}
		// A field or datum definition takes the keys it leaves out from
		// the parent's definition of the channel, as in Vega-Lite.
		if pv := parent.get(k); pv != nil && pv.kind == mapNode && v.kind == mapNode && (v.get("field") != nil || v.get("datum") != nil) {
			merged := &node{kind: mapNode, at: v.at}
			for j, pk := range pv.keys {
				if v.get(pk) == nil {
					merged.keys = append(merged.keys, pk)
					merged.keyAt = append(merged.keyAt, pv.keyAt[j])
					merged.vals = append(merged.vals, pv.vals[j])
				}
			}
			merged.keys = append(merged.keys, v.keys...)
			merged.keyAt = append(merged.keyAt, v.keyAt...)
			merged.vals = append(merged.vals, v.vals...)
			v = merged
		}
		out.keys = append(out.keys, k)
		out.keyAt = append(out.keyAt, own.keyAt[i])
		out.vals = append(out.vals, v)
	}
	return out
}

func markOf(n *node) string {
	m := n.get("mark")
	if m == nil {
		return ""
	}
	if m.kind == strNode {
		return m.str
	}
	if t := m.get("type"); t != nil {
		return t.str
	}
	return ""
}

// concat reads hconcat, vconcat or concat.
func (d *decoder) concat(n *node, inh inherit, title string) *view {
	v := &view{title: title, at: n.at}
	var list *node
	switch {
	case n.get("hconcat") != nil:
		v.dir, list = 'h', n.get("hconcat")
	case n.get("vconcat") != nil:
		v.dir, list = 'v', n.get("vconcat")
	default:
		v.dir, list = 'w', n.get("concat")
	}
	if c := n.get("columns"); c != nil {
		if f, ok := d.num(c, "columns"); ok && f >= 1 {
			v.columns = int(f)
		}
	}
	if v.dir == 'w' && v.columns == 0 {
		v.dir = 'h' // concat without columns is one row
	}
	for _, k := range []string{"mark", "layer", "encoding"} {
		if n.get(k) != nil {
			d.errAt(n.keyPos(k), "put it inside the concatenated views", "a concatenation has no %q of its own", k)
		}
	}
	if !d.want(list, seqNode, "the concatenated views") {
		return nil
	}
	v.shared = d.resolve(n.get("resolve"), map[string]bool{"color": true, "fill": true, "stroke": true, "opacity": true, "size": true, "shape": true, "strokeDash": true, "fillOpacity": true, "strokeOpacity": true, "strokeWidth": true}, nil)
	inh.width, inh.height = sizeDef{}, sizeDef{}
	for _, it := range list.items {
		if k := d.view(it, inh, false); k != nil {
			v.kids = append(v.kids, k)
		}
	}
	return v
}

// resolve reads a resolve object: which channels' scales (and guides) are
// shared or independent. For a concatenation it returns the shared
// channels (def: the default); for a plot it marks independent scales.
func (d *decoder) resolve(n *node, def map[string]bool, p *plot) map[string]bool {
	out := map[string]bool{}
	for k, v := range def {
		out[k] = v
	}
	if n == nil || !d.want(n, mapNode, "resolve") {
		return out
	}
	for i, k := range n.keys {
		v := n.vals[i]
		switch k {
		case "scale", "axis", "legend":
			if !d.want(v, mapNode, "resolve."+k) {
				continue
			}
			for j, ch := range v.keys {
				mode, ok := d.oneOf(v.vals[j], "resolve."+k+"."+ch, []string{"independent", "shared"})
				if !ok {
					continue
				}
				if k == "scale" || k == "legend" {
					out[ch] = mode == "shared"
				}
				if p != nil && k == "scale" && mode == "independent" {
					if p.independent == nil {
						p.independent = map[string]bool{}
					}
					p.independent[ch] = true
				}
			}
		default:
			d.unknown(n.keyAt[i], k, "resolve key", []string{"axis", "legend", "scale"}, "")
		}
	}
	return out
}

// size reads width or height: pixels, "container" or {"step": N}.
func (d *decoder) size(n *node, what string) sizeDef {
	if n == nil {
		return sizeDef{}
	}
	switch n.kind {
	case strNode:
		if n.str == "container" {
			return sizeDef{container: true}
		}
	case numNode:
		if n.num < 1 || n.num > 4000 {
			d.errAt(n.at, "", "%s must be between 1 and 4000", what)
			return sizeDef{}
		}
		return sizeDef{px: n.num}
	case mapNode:
		if st := n.get("step"); st != nil {
			if f, ok := d.num(st, what+".step"); ok && f > 0 && f <= 400 {
				sd := sizeDef{step: f}
				if fr := n.get("for"); fr != nil {
					v, _ := d.oneOf(fr, what+".for", []string{"offset", "position"})
					sd.forPosition = v == "position"
				}
				return sd
			}
			d.errAt(st.at, "", "%s.step must be a number between 0 and 400", what)
			return sizeDef{}
		}
	}
	d.errAt(n.at, `a number of pixels, "container" or {"step": 20}`, "%s must be a number, \"container\" or a step", what)
	return sizeDef{}
}

// repeat expands a repeat into the views it stands for: the spec copied
// for each value, with {"repeat": "row"} (or column, layer, repeat)
// replaced by the value.
func (d *decoder) repeat(n *node, inh inherit, w, h sizeDef, title string) *view {
	rv := n.get("repeat")
	spec := n.get("spec")
	if spec == nil {
		d.errAt(n.at, "", `a repeat needs a "spec" to repeat`)
		return nil
	}
	var rows, cols, layers, wrap []*node
	list := func(v *node) []*node {
		if !d.want(v, seqNode, "a repeat list") {
			return nil
		}
		for _, it := range v.items {
			if it.kind != strNode {
				d.errAt(it.at, "", "repeat values must be field names")
				return nil
			}
		}
		return v.items
	}
	switch rv.kind {
	case seqNode:
		wrap = list(rv)
	case mapNode:
		for i, k := range rv.keys {
			switch k {
			case "row":
				rows = list(rv.vals[i])
			case "column":
				cols = list(rv.vals[i])
			case "layer":
				layers = list(rv.vals[i])
			default:
				d.unknown(rv.keyAt[i], k, "repeat key", []string{"column", "layer", "row"}, "")
			}
		}
	default:
		d.errAt(rv.at, "", "repeat must be a list of fields or an object with row, column or layer")
		return nil
	}
	columns := 0
	if c := n.get("columns"); c != nil {
		if f, ok := d.num(c, "columns"); ok {
			columns = int(f)
		}
	}
	shared := d.resolve(n.get("resolve"), map[string]bool{"color": true, "fill": true, "stroke": true, "opacity": true, "size": true, "shape": true, "strokeDash": true}, nil)
	inh.width, inh.height = w, h
	// One view for given row, column and wrap values.
	one := func(vals map[string]string) *view {
		s := spec
		if len(layers) > 0 {
			// The spec is repeated as layers of one view.
			layer := &node{kind: seqNode, at: spec.at}
			for _, l := range layers {
				vals["layer"] = l.str
				layer.items = append(layer.items, substituteRepeat(spec, vals))
			}
			s = &node{kind: mapNode, at: spec.at, keys: []string{"layer"}, keyAt: []pos{spec.at}, vals: []*node{layer}}
		} else {
			s = substituteRepeat(spec, vals)
		}
		return d.view(s, inh, false)
	}
	out := &view{title: title, at: n.at, shared: shared}
	switch {
	case len(wrap) > 0:
		out.dir, out.columns = 'w', columns
		if columns == 0 {
			out.dir = 'h'
		}
		for _, f := range wrap {
			if k := one(map[string]string{"repeat": f.str}); k != nil {
				out.kids = append(out.kids, k)
			}
		}
	case len(rows) > 0 && len(cols) > 0:
		out.dir = 'v'
		for _, r := range rows {
			row := &view{dir: 'h', at: n.at}
			for _, c := range cols {
				if k := one(map[string]string{"row": r.str, "column": c.str}); k != nil {
					row.kids = append(row.kids, k)
				}
			}
			out.kids = append(out.kids, row)
		}
	case len(rows) > 0:
		out.dir = 'v'
		for _, r := range rows {
			if k := one(map[string]string{"row": r.str}); k != nil {
				out.kids = append(out.kids, k)
			}
		}
	case len(cols) > 0:
		out.dir = 'h'
		for _, c := range cols {
			if k := one(map[string]string{"column": c.str}); k != nil {
				out.kids = append(out.kids, k)
			}
		}
	case len(layers) > 0:
		v := one(map[string]string{})
		if v != nil {
			v.title = title
		}
		return v
	default:
		d.errAt(rv.at, "", "repeat lists no fields")
		return nil
	}
	return out
}

// substituteRepeat copies n with every {"repeat": KEY} replaced by the
// field name the repeat gives KEY.
func substituteRepeat(n *node, vals map[string]string) *node {
	if n == nil {
		return nil
	}
	switch n.kind {
	case mapNode:
		if len(n.keys) == 1 && n.keys[0] == "repeat" && n.vals[0].kind == strNode {
			if v, ok := vals[n.vals[0].str]; ok {
				return &node{kind: strNode, str: v, at: n.at}
			}
		}
		out := &node{kind: mapNode, at: n.at, keys: n.keys, keyAt: n.keyAt, vals: make([]*node, len(n.vals))}
		for i, v := range n.vals {
			out.vals[i] = substituteRepeat(v, vals)
		}
		return out
	case seqNode:
		out := &node{kind: seqNode, at: n.at, items: make([]*node, len(n.items))}
		for i, v := range n.items {
			out.items[i] = substituteRepeat(v, vals)
		}
		return out
	}
	return n
}

// facet reads the facet operator: its inner spec drawn once per value of
// the facet fields.
func (d *decoder) facet(n *node, inh inherit, w, h sizeDef, title string) *view {
	fv := n.get("facet")
	inner := n.get("spec")
	if inner == nil {
		d.errAt(n.at, "", `a facet needs a "spec" to repeat`)
		return nil
	}
	if !d.want(fv, mapNode, "facet") {
		return nil
	}
	if inner.get("hconcat") != nil || inner.get("vconcat") != nil || inner.get("concat") != nil || inner.get("facet") != nil || inner.get("repeat") != nil {
		d.errAt(inner.at, "facet a layer or a single mark", "the spec inside a facet must be a layer or a mark")
		return nil
	}
	inh.width, inh.height = w, h
	iv := d.view(inner, inh, false)
	if iv == nil || iv.plot == nil {
		return nil
	}
	p := iv.plot
	if p.title == "" {
		p.title = title
	}
	d.resolve(n.get("resolve"), nil, p)
	mk := func(name string, v *node) *channel {
		return d.channel(name, v, v.at)
	}
	if fv.get("row") != nil || fv.get("column") != nil {
		for i, k := range fv.keys {
			switch k {
			case "row":
				p.enc.ch[chRow] = mk("row", fv.vals[i])
			case "column":
				p.enc.ch[chColumn] = mk("column", fv.vals[i])
			default:
				d.unknown(fv.keyAt[i], k, "facet key", []string{"column", "row"}, "")
			}
		}
	} else {
		p.enc.ch[chFacet] = mk("facet", fv)
	}
	if c := n.get("columns"); c != nil {
		if f, ok := d.num(c, "columns"); ok && f >= 1 {
			p.columns = int(f)
		}
	}
	for ci := range numChannels {
		if c := p.enc.ch[ci]; c != nil {
			d.inferType(c, ci, "")
		}
	}
	d.facetChannels(p)
	return iv
}

// title reads a title: text, lines, or an object with text and subtitle.
func (d *decoder) title(title, subtitle *string, n *node) {
	switch n.kind {
	case strNode, seqNode, nullNode, numNode:
		if t := d.titleText(n, "title"); t != nil {
			*title = *t
		}
	case mapNode:
		for i, k := range n.keys {
			v := n.vals[i]
			switch k {
			case "text":
				if t := d.titleText(v, "title text"); t != nil {
					*title = *t
				}
			case "subtitle":
				if t := d.titleText(v, "subtitle"); t != nil {
					*subtitle = *t
				}
			case "anchor", "orient", "align", "fontSize", "color", "font", "fontWeight", "fontStyle", "offset", "dy", "dx", "subtitleFontSize", "subtitleColor", "subtitleFontStyle", "subtitleFontWeight", "subtitlePadding", "frame", "baseline", "limit", "lineHeight", "angle", "style", "zindex", "aria":
				// Presentation: the site theme decides.
			default:
				d.unknown(n.keyAt[i], k, "title key", []string{"subtitle", "text"}, "")
			}
		}
	default:
		d.errAt(n.at, "", "title must be text or an object with text and subtitle")
	}
}

func (d *decoder) usermeta(s *Spec, n *node) {
	if !d.want(n, mapNode, "usermeta") {
		return
	}
	if t := n.get("translations"); t != nil {
		d.translations(s, t)
	}
	u := n.get("units")
	if u == nil {
		return
	}
	if !d.want(u, mapNode, "usermeta.units") {
		return
	}
	s.units = map[string]string{}
	for i, k := range u.keys {
		if t, ok := d.str(u.vals[i], "the unit of "+k); ok {
			s.units[k] = t
		}
	}
}

// translations reads usermeta.translations: for each language, a mapping
// from a text as written in the spec or the data to its translation.
func (d *decoder) translations(s *Spec, n *node) {
	if !d.want(n, mapNode, "usermeta.translations") {
		return
	}
	s.translations = map[string]map[string]string{}
	s.trAt = map[string]map[string]pos{}
	for i, lang := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		key := strings.ToLower(lang)
		if !validLangTag(key) {
			d.errAt(at, `use a language code such as "fr" or "ar"`, "usermeta.translations: %q is not a language code", lang)
			continue
		}
		if base, _, _ := strings.Cut(strings.ReplaceAll(key, "_", "-"), "-"); !slices.Contains(langs, base) {
			d.warnAt(at, "languages: "+strings.Join(langs, ", "), "usermeta.translations: no page is drawn in %q", lang)
		}
		if v.kind == nullNode || !d.want(v, mapNode, "usermeta.translations."+lang) {
			continue
		}
		m := map[string]string{}
		where := map[string]pos{}
		for j, from := range v.keys {
			where[from] = v.keyAt[j]
			to := v.vals[j]
			if to.kind != strNode && to.kind != numNode {
				d.errAt(to.at, `write "English text": "translation"`, "the translation of %q must be text, not %s", from, to.kind)
				continue
			}
			if strings.TrimSpace(to.str) == "" {
				d.errAt(to.at, "leave the text out to keep it as written", "the translation of %q is empty", from)
				continue
			}
			m[from] = to.str
		}
		s.translations[strings.ReplaceAll(key, "_", "-")] = m
		s.trAt[strings.ReplaceAll(key, "_", "-")] = where
	}
}

// validLangTag accepts BCP 47 shaped tags: "fr", "ar", "pt-br", "zh-hans".
func validLangTag(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 || len(parts[0]) < 2 || len(parts[0]) > 3 || strings.ContainsAny(parts[0], "0123456789") {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 8 {
			return false
		}
		for _, r := range p {
			if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
				return false
			}
		}
	}
	return true
}

// config reads what a config changes in what a chart shows; the rest is
// presentation.
func (d *decoder) config(c *specConfig, n *node) {
	if !d.want(n, mapNode, "config") {
		return
	}
	numAt := func(parent *node, k string) (float64, bool) {
		if v := parent.get(k); v != nil && v.kind == numNode {
			return v.num, true
		}
		return 0, false
	}
	if v := n.get("countTitle"); v != nil {
		c.countTitle, _ = d.str(v, "config.countTitle")
	}
	if sc := n.get("scale"); sc != nil && sc.kind == mapNode {
		if z := sc.get("zero"); z != nil && z.kind == boolNode {
			c.scaleZero = &z.b
		}
		if iv := sc.get("invalid"); iv != nil && iv.kind == mapNode {
			c.scaleInvalid = map[string]*node{}
			for j, ch := range iv.keys {
				c.scaleInvalid[ch] = iv.vals[j]
			}
		}
	}
	// Mark defaults: config.mark for every mark, config.bar and the like
	// for one type. Only keys a mark may have are kept.
	for i, k := range n.keys {
		if k != "mark" && !slices.Contains(markTypes, k) || n.vals[i].kind != mapNode {
			continue
		}
		v := n.vals[i]
		kept := &node{kind: mapNode, at: v.at}
		for j, mk := range v.keys {
			if mk != "type" && slices.Contains(markKeys, mk) {
				kept.keys = append(kept.keys, mk)
				kept.keyAt = append(kept.keyAt, v.keyAt[j])
				kept.vals = append(kept.vals, v.vals[j])
			}
		}
		if c.markDefaults == nil {
			c.markDefaults = map[string]*node{}
		}
		c.markDefaults[k] = kept
	}
	if v := n.get("numberFormat"); v != nil && n.get("numberFormatType") == nil {
		// With a custom numberFormatType the format is that function's
		// argument, which guides do not use.
		c.numberFormat, _ = d.str(v, "config.numberFormat")
	}
	if v := n.get("timeFormat"); v != nil {
		c.timeFormat, _ = d.str(v, "config.timeFormat")
	}
	if vw := n.get("view"); vw != nil && vw.kind == mapNode {
		if f, ok := numAt(vw, "continuousWidth"); ok {
			c.continuousWidth = f
		}
		if f, ok := numAt(vw, "continuousHeight"); ok {
			c.continuousHeight = f
		}
		if f, ok := numAt(vw, "step"); ok {
			c.step = f
		}
		for _, k := range []string{"discreteWidth", "discreteHeight"} {
			if v := vw.get(k); v != nil {
				sz := d.size(v, "config.view."+k)
				if k == "discreteWidth" {
					c.discreteWidth = &sz
				} else {
					c.discreteHeight = &sz
				}
			}
		}
	}
	for i, k := range []string{"axisX", "axisY", "axis", "axis"} {
		a := n.get(k)
		if a == nil || a.kind != mapNode {
			continue
		}
		i %= 2 // "axis" fills what axisX and axisY leave
		if f, ok := numAt(a, "tickCount"); ok && c.axisTickCount[i] == 0 {
			c.axisTickCount[i] = int(f)
		}
		if v := a.get("title"); v != nil && v.kind == nullNode {
			c.axisTitleOff[i] = true
		}
		if v := a.get("labels"); v != nil && v.kind == boolNode && !v.b {
			c.axisLabelsOff[i] = true
		}
		if v := a.get("disable"); v != nil && v.kind == boolNode && v.b {
			c.axisOff[i] = true
		}
		if v := a.get("tickBand"); v != nil && v.kind == strNode && c.axisTickBand[i] == "" {
			c.axisTickBand[i] = v.str
		}
		if v := a.get("labelExpr"); v != nil && v.kind == strNode && c.axisLabelExpr[i] == nil {
			if _, err := parseExpr(v.str); err != nil {
				d.exprErr(v, err)
			} else {
				c.axisLabelExpr[i] = v
			}
		}
	}
	if l := n.get("legend"); l != nil && l.kind == mapNode {
		if dis := l.get("disable"); dis != nil && dis.kind == boolNode {
			c.legendOff = dis.b
		}
	}
}

// topParams reads the spec's params: their values are what expressions
// and conditions see; a chart drawn once shows them in their initial
// state.
func (d *decoder) topParams(s *Spec, n *node) {
	d.viewParams(n)
}

func (d *decoder) viewParams(n *node) {
	if !d.want(n, seqNode, "params") {
		return
	}
	for _, p := range n.items {
		if !d.want(p, mapNode, "a param") {
			continue
		}
		name := p.get("name")
		if name == nil || name.kind != strNode {
			d.errAt(p.at, "", `a param needs a "name"`)
			continue
		}
		if p.get("select") != nil {
			d.selections[name.str] = p
			continue
		}
		if v := p.get("value"); v != nil {
			d.params[name.str] = nodeValue(v)
			continue
		}
		if e := p.get("expr"); e != nil && e.kind == strNode {
			f, err := compileExpr(e.str, &exprScope{params: d.params})
			if err != nil {
				d.exprErr(e, err)
				continue
			}
			d.params[name.str] = f(&exprEnv{})
			continue
		}
		d.params[name.str] = xNullV
	}
}

// data reads a data source: inline values, a URL, a named dataset, or a
// generator.
func (d *decoder) data(n *node) *dataDef {
	if n.kind == nullNode {
		return nil
	}
	if !d.want(n, mapNode, "data") {
		return nil
	}
	dd := &dataDef{at: n.at}
	keys := []string{"format", "graticule", "name", "sequence", "sphere", "url", "values"}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "values":
			switch v.kind {
			case seqNode, mapNode:
				dd.values = v
			case strNode:
				dd.values = v // text in a format (csv, json)
			default:
				d.errAt(v.at, "", "data.values must be a list")
			}
		case "url":
			if t, ok := d.str(v, "data.url"); ok {
				dd.url, dd.at = t, v.at
			}
		case "format":
			d.dataFormat(dd, v)
		case "name":
			if t, ok := d.str(v, "data.name"); ok {
				dd.name = t
			}
		case "sequence":
			if d.want(v, mapNode, "data.sequence") {
				seq := [3]float64{0, 0, 1}
				for j, sk := range v.keys {
					if sk == "as" {
						dd.seqAs, _ = d.str(v.vals[j], "sequence.as")
						continue
					}
					f, ok := d.num(v.vals[j], "sequence."+sk)
					if !ok {
						continue
					}
					switch sk {
					case "start":
						seq[0] = f
					case "stop":
						seq[1] = f
					case "step":
						seq[2] = f
					default:
						d.unknown(v.keyAt[j], sk, "sequence key", []string{"as", "start", "step", "stop"}, "")
					}
				}
				if seq[2] == 0 || (seq[1]-seq[0])/seq[2] > 100000 {
					d.errAt(v.at, "", "a sequence gives at most 100,000 values")
					continue
				}
				dd.seq = &seq
				if dd.seqAs == "" {
					dd.seqAs = "data"
				}
			}
		case "sphere":
			dd.sphere = true
		case "graticule":
			dd.graticule = v
		default:
			d.unknown(at, k, "data key", keys, "")
		}
	}
	if dd.name != "" && dd.values == nil && dd.url == "" {
		if ds, ok := d.datasets[dd.name]; ok {
			dd.values = ds
		} else if dd.name == "world" || vocab.IsRegion(dd.name) {
			// The site's own land outlines: the world, or an ITU region
			// (package geo), as a host gives named data to Vega-Lite.
			dd.basemap = dd.name
			return dd
		}
	}
	if dd.values == nil && dd.url == "" && dd.seq == nil && !dd.sphere && dd.graticule == nil {
		if dd.name != "" {
			d.errAt(n.at, `add the data under "datasets" at the top of the spec, or give "values" or "url"; the site's basemaps are "world", `+strings.Join(vocab.Regions, ", "), "no dataset is named %q", dd.name)
			return nil
		}
		d.errAt(n.at, "", `data needs "values" or "url"`)
		return nil
	}
	if dd.values != nil && dd.url != "" {
		d.errAt(n.keyPos("url"), "", `data has both "values" and "url"; keep one`)
	}
	d.formatOfURL(dd)
	return dd
}

// formatOfURL reads the format of data that does not say it from the
// extension of its URL, as Vega-Lite does.
func (d *decoder) formatOfURL(dd *dataDef) {
	if dd.format == "" && dd.url != "" {
		switch ext := strings.ToLower(urlExt(dd.url)); ext {
		case "csv", "tsv", "json", "topojson":
			dd.format = ext
		case "arrow", "parquet":
			d.errAt(dd.at, "convert it to CSV or JSON", "%s files are not supported", ext)
		default:
			dd.format = "json"
		}
	}
	if dd.format == "" {
		dd.format = "json"
	}
}

func urlExt(u string) string {
	u, _, _ = strings.Cut(u, "?")
	i := strings.LastIndexByte(u, '.')
	if i < 0 || strings.ContainsRune(u[i:], '/') {
		return ""
	}
	return u[i+1:]
}

func (d *decoder) dataFormat(dd *dataDef, n *node) {
	if !d.want(n, mapNode, "data.format") {
		return
	}
	keys := []string{"delimiter", "feature", "mesh", "parse", "property", "type"}
	for i, k := range n.keys {
		v := n.vals[i]
		switch k {
		case "type":
			if t, ok := d.oneOf(v, "data format", []string{"csv", "dsv", "json", "topojson", "tsv"}); ok {
				dd.format = t
			}
		case "delimiter":
			if t, ok := d.str(v, "delimiter"); ok {
				if len([]rune(t)) != 1 {
					d.errAt(v.at, "", "the delimiter must be one character")
				}
				dd.delim = t
			}
		case "property":
			dd.property, _ = d.str(v, "data.format.property")
		case "feature":
			dd.feature, _ = d.str(v, "data.format.feature")
		case "mesh":
			dd.mesh, _ = d.str(v, "data.format.mesh")
		case "parse":
			if v.kind == nullNode {
				dd.noParse = true
				continue
			}
			if !d.want(v, mapNode, "data.format.parse") {
				continue
			}
			dd.parse = map[string]string{}
			for j, f := range v.keys {
				t, ok := d.str(v.vals[j], "the parse of "+f)
				if !ok {
					continue
				}
				switch {
				case t == "number", t == "boolean", t == "date", t == "string", t == "integer":
				case strings.HasPrefix(t, "date:"), strings.HasPrefix(t, "utc:"):
					pat := strings.Trim(t[strings.IndexByte(t, ':')+1:], `'"`)
					if err := checkTimeFormat(pat); err != nil {
						d.errAt(v.vals[j].at, timeFormatHint, "%v", err)
					}
				default:
					d.errAt(v.vals[j].at, `number, boolean, date, string, or date:'%d %b %Y'`, "parse type %q is not known", t)
					continue
				}
				dd.parse[f] = t
			}
		default:
			d.unknown(n.keyAt[i], k, "data.format key", keys, "")
		}
	}
}
