package chart

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	"github.com/itu-d/portal/generator/internal/diag"
)

// Spec is a parsed and checked Vega-Lite spec. Only the supported subset
// gets this far, so rendering works from validated values.
type Spec struct {
	path        string
	digest      string
	title       string
	subtitle    string
	description string
	width       int
	height      int
	enc         encoding // top level; holds the row and column facets
	layers      []*unit
	units       map[string]string // usermeta.units: field -> unit
	// usermeta.translations: language -> English text -> its translation
	translations map[string]map[string]string
	trAt         map[string]map[string]pos // where each translation is written
}

// Path is the file the spec was read from.
func (s *Spec) Path() string { return s.path }

// Title is the chart's title, or "".
func (s *Spec) Title() string { return s.title }

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

// unit is one mark with its data, filters and encoding (the top-level ones
// merged in). A spec without "layer" has one.
type unit struct {
	mark    markDef
	data    *dataDef
	filters []*pred
	enc     encoding
	raw     *node // the layer as written, for a GeoRenderer
	rawTop  *node
}

type markDef struct {
	typ         string
	at          pos
	point       bool
	filled      *bool
	innerRadius float64
	strokeDash  []float64
	size        float64
	dx, dy      float64
	align       string
	baseline    string
	interpolate string
}

type dataDef struct {
	values *node
	url    string
	format string // csv, or the geo formats for geoshape layers
	at     pos
}

const (
	chX = iota
	chY
	chColor
	chTheta
	chXOffset
	chText
	chRow
	chColumn
	numChannels
)

var channelNames = [numChannels]string{"x", "y", "color", "theta", "xOffset", "text", "row", "column"}

type encoding struct {
	ch      [numChannels]*channel
	tooltip []*channel
	cleared [numChannels]bool // set to null in a layer: not inherited
}

type channel struct {
	name       string
	at         pos
	field      string
	fieldAt    pos
	typ        string
	typAt      pos
	agg        string
	title      *string
	format     string
	formatAt   pos
	num        *numFormat
	tim        timeFormat
	axisHidden bool
	tickCount  int
	grid       *bool
	legendOff  bool
	zero       *bool
	domain     *node
	sort       sortDef
	stack      string // "", zero, normalize, none
	datum      *node
	value      *node
}

type sortDef struct {
	set     bool
	none    bool
	desc    bool
	channel string // sort by this encoding channel's values
	field   string // sort by op(field)
	op      string
	values  []string
	at      pos
}

// pred is a filter predicate: a field comparison, or and/or/not.
type pred struct {
	op    string
	field string
	at    pos
	lit   []*node
	kids  []*pred
}

var (
	markTypes  = []string{"area", "arc", "bar", "geoshape", "line", "point", "rule", "text"}
	fieldTypes = []string{"nominal", "ordinal", "quantitative", "temporal"}
	aggregates = []string{"count", "max", "mean", "min", "sum"}
	compareOps = []string{"equal", "gt", "gte", "lt", "lte", "oneOf"}
)

// ParseSpec reads a Vega-Lite spec written in JSON or YAML and checks that
// it stays inside the supported subset. Every problem carries path:line:col.
func ParseSpec(path string, src []byte) (*Spec, []diag.Problem) {
	// Plain JSON takes a fast path. A spec with problems is read again by
	// the YAML parser, the reference for every position.
	if root, ok := parseJSON(bytes.TrimPrefix(src, []byte("\ufeff"))); ok {
		if s, probs := decodeSpec(path, src, root); len(probs) == 0 {
			return s, nil
		}
	}
	root, at, err := parseNode(src)
	if err != nil {
		d := &decoder{path: path}
		d.errAt(at, "", "%v", err)
		return nil, d.probs.Problems()
	}
	return decodeSpec(path, src, root)
}

func decodeSpec(path string, src []byte, root *node) (*Spec, []diag.Problem) {
	d := &decoder{path: path}
	sum := sha256.Sum256(src)
	s := &Spec{path: path, digest: hex.EncodeToString(sum[:4])}
	d.spec(s, root)
	if d.probs.Errors() > 0 {
		return nil, d.probs.Problems()
	}
	return s, d.probs.Problems()
}

type decoder struct {
	path  string
	probs diag.List
}

func (d *decoder) errAt(at pos, hint, format string, args ...any) {
	d.probs.Add(diag.Problem{Path: d.path, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func (d *decoder) warnAt(at pos, hint, format string, args ...any) {
	d.probs.Add(diag.Problem{Path: d.path, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...), Hint: hint, Warning: true})
}

// unknown reports key k of a mapping as not supported in context.
func (d *decoder) unknown(at pos, k, context string, allowed []string, hint string) {
	if hint == "" {
		hint = "supported here: " + strings.Join(allowed, ", ")
		if s := suggest(k, allowed); s != "" {
			hint = fmt.Sprintf("did you mean %q? %s", s, hint)
		}
	}
	d.errAt(at, hint, "%s %q is not supported", context, k)
}

func (d *decoder) want(n *node, kind nodeKind, what string) bool {
	if n.kind != kind {
		d.errAt(n.at, "", "%s must be %s, not %s", what, kind, n.kind)
		return false
	}
	return true
}

func (d *decoder) str(n *node, what string) (string, bool) {
	if !d.want(n, strNode, what) {
		return "", false
	}
	return n.str, true
}

func (d *decoder) num(n *node, what string) (float64, bool) {
	if !d.want(n, numNode, what) {
		return 0, false
	}
	return n.num, true
}

func (d *decoder) boolean(n *node, what string) (bool, bool) {
	if !d.want(n, boolNode, what) {
		return false, false
	}
	return n.b, true
}

func (d *decoder) oneOf(n *node, what string, allowed []string) (string, bool) {
	s, ok := d.str(n, what)
	if !ok {
		return "", false
	}
	if !slices.Contains(allowed, s) {
		hint := "supported: " + strings.Join(allowed, ", ")
		if g := suggest(s, allowed); g != "" {
			hint = fmt.Sprintf("did you mean %q? %s", g, hint)
		}
		d.errAt(n.at, hint, "%s %q is not supported", what, s)
		return "", false
	}
	return s, true
}

// titleText reads a title: text, a list of lines, or null (no title).
func (d *decoder) titleText(n *node, what string) *string {
	switch n.kind {
	case nullNode:
		s := ""
		return &s
	case strNode:
		return &n.str
	case seqNode:
		var lines []string
		for _, it := range n.items {
			if s, ok := d.str(it, what+" line"); ok {
				lines = append(lines, s)
			}
		}
		s := strings.Join(lines, " ")
		return &s
	case numNode:
		return &n.str
	}
	d.errAt(n.at, "", "%s must be text", what)
	return nil
}

var topKeys = []string{"$schema", "data", "description", "encoding", "height", "layer", "mark", "name", "title", "transform", "usermeta", "width"}

func (d *decoder) spec(s *Spec, n *node) {
	if !d.want(n, mapNode, "a chart spec") {
		return
	}
	var data *dataDef
	var filters []*pred
	var mark *node
	var layer *node
	var enc *node
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "$schema", "name":
		case "description":
			if t, ok := d.str(v, "description"); ok {
				s.description = t
			}
		case "title":
			d.title(s, v)
		case "width", "height":
			if v.kind == strNode && v.str == "container" {
				continue
			}
			f, ok := d.num(v, k)
			if !ok {
				continue
			}
			if f < 100 || f > 4000 {
				d.errAt(v.at, "", "%s must be between 100 and 4000", k)
				continue
			}
			if k == "width" {
				s.width = int(f)
			} else {
				s.height = int(f)
			}
		case "data":
			data = d.data(v, hasGeo(n))
		case "transform":
			filters = d.transforms(v, nil, hasGeo(n))
		case "mark":
			mark = v
		case "layer":
			layer = v
		case "encoding":
			enc = v
		case "usermeta":
			d.usermeta(s, v)
		case "config", "autosize", "padding", "background":
			d.warnAt(at, "the site theme decides presentation", "%q is ignored", k)
		case "facet", "spec":
			d.unknown(at, k, "key", topKeys, `for small multiples use "row" or "column" in the encoding`)
		case "hconcat", "vconcat", "concat", "repeat":
			d.unknown(at, k, "key", topKeys, "write one spec per chart")
		case "params", "selection":
			d.unknown(at, k, "key", topKeys, "charts are static: interaction is not supported")
		case "projection":
			if !hasGeo(n) {
				d.errAt(at, "", "projection is only used by geoshape marks")
			}
		case "subtitle":
			d.unknown(at, k, "key", topKeys, `put it in the title: "title": {"text": "...", "subtitle": "..."}`)
		case "resolve":
			d.unknown(at, k, "key", topKeys, "layers always share their scales")
		default:
			d.unknown(at, k, "key", topKeys, "")
		}
	}
	if enc != nil {
		s.enc = d.encoding(enc, true)
	}
	switch {
	case mark != nil && layer != nil:
		d.errAt(n.keyPos("mark"), `put the mark inside each layer`, "a spec has either a mark or a layer, not both")
	case mark != nil:
		u := &unit{data: data, filters: filters, raw: n}
		d.mark(&u.mark, mark)
		u.enc = s.enc
		s.layers = append(s.layers, u)
	case layer != nil:
		if !d.want(layer, seqNode, "layer") {
			return
		}
		if len(layer.items) == 0 {
			d.errAt(layer.at, "", "layer is empty")
		}
		for _, l := range layer.items {
			if u := d.layer(s, l, data, filters); u != nil {
				u.rawTop = n
				s.layers = append(s.layers, u)
			}
		}
	default:
		d.errAt(n.at, `add "mark": "bar" (or line, area, point, arc, rule, text, geoshape)`, "the spec has no mark and no layer")
	}
	for _, u := range s.layers {
		d.checkUnit(s, u)
	}
}

// hasGeo says whether a spec draws a map (its own mark or a layer's).
func hasGeo(n *node) bool {
	if markOf(n) == "geoshape" {
		return true
	}
	if l := n.get("layer"); l != nil {
		for _, it := range l.items {
			if markOf(it) == "geoshape" {
				return true
			}
		}
	}
	return false
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

var layerKeys = []string{"data", "description", "encoding", "mark", "name", "projection", "transform"}

func (d *decoder) layer(s *Spec, n *node, data *dataDef, filters []*pred) *unit {
	if !d.want(n, mapNode, "a layer") {
		return nil
	}
	u := &unit{data: data, filters: filters, raw: n}
	var mark *node
	enc := s.enc
	enc.cleared = [numChannels]bool{}
	if n.get("data") != nil {
		// The parent's transforms work on the parent's data.
		u.filters = nil
	}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "name", "description":
		case "data":
			u.data = d.data(v, markOf(n) == "geoshape")
		case "transform":
			u.filters = d.transforms(v, u.filters, markOf(n) == "geoshape")
		case "mark":
			mark = v
		case "encoding":
			own := d.encoding(v, false)
			for c := range own.ch {
				if own.ch[c] != nil {
					enc.ch[c] = own.ch[c]
				}
				if own.cleared[c] {
					enc.ch[c] = nil
				}
			}
			if own.tooltip != nil {
				enc.tooltip = own.tooltip
			}
		case "projection":
			if markOf(n) != "geoshape" {
				d.errAt(at, "", "projection is only used by geoshape marks")
			}
		case "layer":
			d.errAt(at, "", "layers cannot be nested")
		case "width", "height", "title":
			d.errAt(at, "set it on the whole spec", "%q is not supported inside a layer", k)
		default:
			d.unknown(at, k, "layer key", layerKeys, "")
		}
	}
	if mark == nil {
		d.errAt(n.at, "", "the layer has no mark")
		return nil
	}
	d.mark(&u.mark, mark)
	u.enc = enc
	return u
}

func (d *decoder) title(s *Spec, n *node) {
	switch n.kind {
	case strNode, seqNode, nullNode:
		if t := d.titleText(n, "title"); t != nil {
			s.title = *t
		}
	case mapNode:
		for i, k := range n.keys {
			v := n.vals[i]
			switch k {
			case "text":
				if t := d.titleText(v, "title text"); t != nil {
					s.title = *t
				}
			case "subtitle":
				if t := d.titleText(v, "subtitle"); t != nil {
					s.subtitle = *t
				}
			case "anchor", "orient", "align", "fontSize", "color", "font", "fontWeight", "offset", "dy", "dx", "subtitleFontSize", "subtitleColor", "frame", "baseline":
				d.warnAt(n.keyAt[i], "the site theme decides presentation", "title %q is ignored", k)
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

func (d *decoder) data(n *node, geo bool) *dataDef {
	if !d.want(n, mapNode, "data") {
		return nil
	}
	dd := &dataDef{at: n.at, format: "csv"}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "values":
			if d.want(v, seqNode, "data.values") {
				dd.values = v
				for _, it := range v.items {
					if !d.want(it, mapNode, "each data value") {
						break
					}
					for j, val := range it.vals {
						if val.kind == mapNode || val.kind == seqNode {
							d.errAt(val.at, "flatten the data: one field, one scalar", "field %q holds %s; a data value must be text, a number, true/false or null", it.keys[j], val.kind)
						}
					}
				}
			}
		case "url":
			if t, ok := d.str(v, "data.url"); ok {
				dd.url, dd.at = t, v.at
			}
		case "format":
			d.dataFormat(dd, v, geo)
		case "name":
			d.errAt(at, `use "values" or "url"`, "named data sources are not supported")
		case "sequence", "sphere", "graticule":
			d.unknown(at, k, "data key", []string{"format", "url", "values"}, "")
		default:
			d.unknown(at, k, "data key", []string{"format", "url", "values"}, "")
		}
	}
	if dd.values == nil && dd.url == "" {
		d.errAt(n.at, "", `data needs "values" or "url"`)
		return nil
	}
	if dd.values != nil && dd.url != "" {
		d.errAt(n.keyPos("url"), "", `data has both "values" and "url"; keep one`)
	}
	if !geo && dd.url != "" && dd.format == "csv" && !strings.HasSuffix(strings.ToLower(dd.url), ".csv") {
		d.errAt(dd.at, `point at a .csv file, or put the data in "values"`, "data.url %q is not a CSV file", dd.url)
	}
	return dd
}

func (d *decoder) dataFormat(dd *dataDef, n *node, geo bool) {
	if !d.want(n, mapNode, "data.format") {
		return
	}
	allowed := []string{"csv"}
	if geo {
		allowed = []string{"csv", "json", "topojson"}
	}
	for i, k := range n.keys {
		switch k {
		case "type":
			if t, ok := d.oneOf(n.vals[i], "data format", allowed); ok {
				dd.format = t
			}
		case "feature", "mesh", "property":
			if !geo {
				d.errAt(n.keyAt[i], "", "data.format.%s is only used by geoshape marks", k)
			}
		case "parse":
			d.errAt(n.keyAt[i], "each encoding's type decides how its field is read", "data.format.parse is not supported")
		default:
			d.unknown(n.keyAt[i], k, "data.format key", []string{"type"}, "")
		}
	}
}

func (d *decoder) transforms(n *node, inherited []*pred, geo bool) []*pred {
	out := slices.Clone(inherited)
	if !d.want(n, seqNode, "transform") {
		return out
	}
	for _, t := range n.items {
		if !d.want(t, mapNode, "a transform") {
			continue
		}
		if len(t.keys) == 0 {
			d.errAt(t.at, "", "empty transform")
			continue
		}
		switch k := t.keys[0]; k {
		case "filter":
			if len(t.keys) > 1 {
				d.errAt(t.keyAt[1], "", "unexpected %q in a filter transform", t.keys[1])
			}
			if p := d.pred(t.vals[0]); p != nil {
				out = append(out, p)
			}
		case "lookup", "from", "as":
			if geo {
				continue // joins belong to maps; the GeoRenderer reads them
			}
			d.errAt(t.keyAt[0], "lookup joins are only supported for geoshape maps", "transform %q is not supported", k)
		default:
			d.errAt(t.keyAt[0], `supported transforms: filter (with field predicates); aggregate in the encoding instead, e.g. "aggregate": "sum"`, "transform %q is not supported", k)
		}
	}
	return out
}

func (d *decoder) pred(n *node) *pred {
	switch n.kind {
	case strNode:
		hint := `write the predicate as an object, such as {"field": "year", "gte": 2010}`
		if f, op, lit, ok := parseExprPredicate(n.str); ok {
			hint = fmt.Sprintf(`write {"field": %q, %q: %s}`, f, op, lit)
		}
		d.errAt(n.at, hint, "filter expressions are not supported")
		return nil
	case mapNode:
	default:
		d.errAt(n.at, "", "a filter must be an object such as {\"field\": \"year\", \"gte\": 2010}")
		return nil
	}
	if v := n.get("and"); v != nil || n.get("or") != nil {
		op := "and"
		if v == nil {
			op, v = "or", n.get("or")
		}
		p := &pred{op: op, at: n.at}
		if d.want(v, seqNode, op) {
			for _, it := range v.items {
				if k := d.pred(it); k != nil {
					p.kids = append(p.kids, k)
				}
			}
		}
		return p
	}
	if v := n.get("not"); v != nil {
		k := d.pred(v)
		if k == nil {
			return nil
		}
		return &pred{op: "not", at: n.at, kids: []*pred{k}}
	}
	p := &pred{at: n.at}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "field":
			if f, ok := d.str(v, "filter field"); ok {
				p.field, p.at = f, v.at
			}
		case "equal", "lt", "lte", "gt", "gte":
			if p.op != "" {
				d.errAt(at, `combine comparisons with {"and": [...]}`, "a filter compares once; found %q and %q", p.op, k)
				continue
			}
			if v.kind != strNode && v.kind != numNode && v.kind != boolNode {
				d.errAt(v.at, "", "filter %s needs text or a number", k)
				continue
			}
			p.op, p.lit = k, []*node{v}
		case "oneOf", "in":
			if p.op != "" {
				d.errAt(at, `combine comparisons with {"and": [...]}`, "a filter compares once; found %q and %q", p.op, k)
				continue
			}
			if d.want(v, seqNode, "filter oneOf") {
				p.op, p.lit = "oneOf", v.items
			}
		case "range":
			if d.want(v, seqNode, "filter range") && len(v.items) == 2 {
				p.op = "and"
				p.kids = []*pred{{op: "gte", field: p.field, at: p.at, lit: v.items[:1]}, {op: "lte", field: p.field, at: p.at, lit: v.items[1:]}}
			} else {
				d.errAt(v.at, "", "filter range needs two values")
			}
		case "timeUnit":
			d.errAt(at, "compare the date text directly, such as {\"field\": \"date\", \"gte\": \"2020-01\"}", "timeUnit is not supported")
		default:
			d.unknown(at, k, "filter", append([]string{"and", "field", "not", "or", "range"}, compareOps...), "")
		}
	}
	if p.field == "" {
		d.errAt(n.at, "", `a filter needs "field"`)
		return nil
	}
	if p.op == "" {
		d.errAt(n.at, "", "the filter on %q compares nothing; add equal, lt, lte, gt, gte or oneOf", p.field)
		return nil
	}
	for _, k := range p.kids {
		k.field = p.field
	}
	return p
}

// parseExprPredicate recognises "datum.x > 3" so the error can show the
// object form.
func parseExprPredicate(s string) (field, op, lit string, ok bool) {
	s = strings.TrimSpace(s)
	f, rest, found := strings.Cut(s, "datum.")
	if !found || strings.TrimSpace(f) != "" {
		return
	}
	for _, o := range []struct{ sym, op string }{{"===", "equal"}, {"==", "equal"}, {">=", "gte"}, {"<=", "lte"}, {">", "gt"}, {"<", "lt"}} {
		if i := strings.Index(rest, o.sym); i > 0 {
			field = strings.TrimSpace(rest[:i])
			lit = strings.TrimSpace(rest[i+len(o.sym):])
			if field == "" || lit == "" || strings.ContainsAny(field, " ()&|!") || strings.ContainsAny(lit, "&|") {
				return "", "", "", false
			}
			if lit[0] == '\'' && len(lit) >= 2 && lit[len(lit)-1] == '\'' {
				lit = `"` + lit[1:len(lit)-1] + `"`
			}
			return field, o.op, lit, true
		}
	}
	return
}

var markKeys = []string{"align", "baseline", "dx", "dy", "filled", "innerRadius", "interpolate", "point", "size", "strokeDash", "tooltip", "type"}

func (d *decoder) mark(m *markDef, n *node) {
	typeNode := n
	if n.kind == mapNode {
		typeNode = n.get("type")
		if typeNode == nil {
			d.errAt(n.at, "", `the mark needs a "type"`)
			return
		}
	}
	m.at = typeNode.at
	t, ok := d.str(typeNode, "mark")
	if !ok {
		return
	}
	if !slices.Contains(markTypes, t) {
		hint := "supported marks: " + strings.Join(markTypes, ", ")
		switch t {
		case "circle", "square", "tick":
			hint = `use "point"; ` + hint
		case "rect":
			hint = `heatmaps are not supported; ` + hint
		default:
			if g := suggest(t, markTypes); g != "" {
				hint = fmt.Sprintf("did you mean %q? %s", g, hint)
			}
		}
		d.errAt(typeNode.at, hint, "mark %q is not supported", t)
		return
	}
	m.typ = t
	if n.kind != mapNode {
		return
	}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "type", "tooltip", "clip":
		case "point":
			if v.kind == mapNode {
				m.point = true
			} else if b, ok := d.boolean(v, "mark.point"); ok {
				m.point = b
			}
		case "filled":
			if b, ok := d.boolean(v, "mark.filled"); ok {
				m.filled = &b
			}
		case "innerRadius":
			if f, ok := d.num(v, "mark.innerRadius"); ok {
				if f < 0 {
					d.errAt(v.at, "", "innerRadius must not be negative")
				}
				m.innerRadius = f
			}
		case "size":
			if f, ok := d.num(v, "mark.size"); ok && f > 0 {
				m.size = f
			}
		case "dx", "dy":
			if f, ok := d.num(v, "mark."+k); ok {
				if k == "dx" {
					m.dx = f
				} else {
					m.dy = f
				}
			}
		case "align":
			m.align, _ = d.oneOf(v, "mark.align", []string{"center", "left", "right"})
		case "baseline":
			m.baseline, _ = d.oneOf(v, "mark.baseline", []string{"alphabetic", "bottom", "middle", "top"})
		case "interpolate":
			m.interpolate, _ = d.oneOf(v, "interpolate", []string{"linear", "monotone", "step"})
		case "strokeDash":
			if d.want(v, seqNode, "strokeDash") {
				for _, it := range v.items {
					if f, ok := d.num(it, "strokeDash length"); ok {
						m.strokeDash = append(m.strokeDash, f)
					}
				}
			}
		case "color", "fill", "stroke":
			d.errAt(at, `colours come from the site theme; to colour by data use "color" in the encoding`, "mark %s is not supported", k)
		case "opacity", "fillOpacity", "strokeWidth", "cornerRadius", "cornerRadiusEnd", "font", "fontSize", "fontWeight", "shape", "orient", "thickness", "binSpacing":
			d.warnAt(at, "the site theme decides presentation", "mark %q is ignored", k)
		default:
			d.unknown(at, k, "mark property", markKeys, "")
		}
	}
}

// checkUnit checks that a mark has the channels it needs and no others.
func (d *decoder) checkUnit(s *Spec, u *unit) {
	if u.mark.typ == "" {
		return
	}
	e := u.enc
	has := func(c int) bool { return e.ch[c] != nil }
	at := u.mark.at
	m := u.mark.typ
	if u.data == nil {
		d.errAt(at, `add "data": {"url": "file.csv"} or {"values": [...]}`, "the %s mark has no data", m)
	}
	switch m {
	case "bar", "line", "area", "point":
		if !has(chX) || !has(chY) {
			d.errAt(at, "", "a %s mark needs both x and y encodings", m)
			return
		}
	case "arc":
		if !has(chTheta) {
			d.errAt(at, `add "theta": {"field": "value", "type": "quantitative"}`, "an arc mark needs a theta encoding")
			return
		}
	case "text":
		if !has(chText) {
			d.errAt(at, "", "a text mark needs a text encoding")
			return
		}
	case "rule":
		if has(chX) == has(chY) {
			d.errAt(at, "", "a rule needs exactly one of x or y (a vertical or horizontal line)")
			return
		}
	case "geoshape":
		if has(chX) || has(chY) {
			d.errAt(at, "", "a geoshape mark takes no x or y")
		}
		if has(chRow) || has(chColumn) {
			d.errAt(at, "", "maps cannot be faceted")
		}
	}
	if m != "arc" && has(chTheta) {
		d.errAt(e.ch[chTheta].at, "", "theta is only used by arc marks")
	}
	if m == "arc" && (has(chX) || has(chY)) {
		d.errAt(at, "", "an arc mark takes no x or y")
	}
	if has(chXOffset) && m != "bar" {
		d.errAt(e.ch[chXOffset].at, "", "xOffset is only used by bar marks")
	}
	if c := e.ch[chTheta]; c != nil && c.typ != "quantitative" {
		d.errAt(c.typAt, "", "theta must be quantitative")
	}
	for _, ci := range []int{chRow, chColumn, chXOffset} {
		if c := e.ch[ci]; c != nil && c.typ == "quantitative" {
			d.errAt(c.typAt, "use nominal, ordinal or temporal", "%s cannot be quantitative", c.name)
		}
	}
	if m == "line" || m == "area" {
		if c := e.ch[chY]; c != nil && c.typ != "quantitative" && c.datum == nil {
			d.errAt(c.typAt, "", "a %s mark needs a quantitative y", m)
		}
	}
	if m == "bar" && has(chX) && has(chY) {
		xq := e.ch[chX].typ == "quantitative"
		yq := e.ch[chY].typ == "quantitative"
		if xq == yq {
			d.errAt(at, "", "a bar mark needs one quantitative axis and one nominal, ordinal or temporal axis")
		}
	}
	for _, c := range e.ch {
		if c != nil && (c.name == "x" || c.name == "y") && c.datum != nil && m != "rule" && m != "text" {
			d.errAt(c.datum.at, "", "datum is only supported for rule and text marks")
		}
	}
}

// suggest returns the allowed word nearest to w, if it is near.
func suggest(w string, allowed []string) string {
	best, bestD := "", 3
	lw := strings.ToLower(w)
	for _, a := range allowed {
		if dd := editDistance(lw, strings.ToLower(a)); dd < bestD {
			best, bestD = a, dd
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
