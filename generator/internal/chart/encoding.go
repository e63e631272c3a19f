package chart

import (
	"slices"
	"strings"
)

// The encoding channels. A mark row holds a value per channel, up to the
// last one in use, so the common ones come first.
const (
	chX = iota
	chY
	chColor
	chTheta
	chXOffset
	chText
	chRow
	chColumn
	chX2
	chY2
	chSize
	chShape
	chOpacity
	chFill
	chStroke
	chStrokeDash
	chStrokeWidth
	chFillOpacity
	chStrokeOpacity
	chYOffset
	chTheta2
	chRadius
	chRadius2
	chAngle
	chOrder
	chHref
	chURL
	chDescription
	chKey
	chLatitude
	chLongitude
	chLatitude2
	chLongitude2
	chXError
	chXError2
	chYError
	chYError2
	chFacet
	numChannels
)

var channelNames = [numChannels]string{"x", "y", "color", "theta", "xOffset", "text", "row", "column",
	"x2", "y2", "size", "shape", "opacity", "fill", "stroke", "strokeDash", "strokeWidth", "fillOpacity", "strokeOpacity",
	"yOffset", "theta2", "radius", "radius2", "angle", "order", "href", "url", "description", "key",
	"latitude", "longitude", "latitude2", "longitude2", "xError", "xError2", "yError", "yError2", "facet"}

// encodingNames are the keys an encoding may have.
var encodingNames = append(slices.Clone(channelNames[:]), "tooltip", "detail")

type encoding struct {
	ch      [numChannels]*channel
	tooltip []*channel
	detail  []*channel
	noTip   bool // tooltip: null
}

// slots lists the channels in the order of a row's values: the fixed
// channels, then the tooltips, then the details. Absent channels are nil.
func (e *encoding) slots() []*channel {
	s := make([]*channel, numChannels+len(e.tooltip)+len(e.detail))
	copy(s, e.ch[:])
	copy(s[numChannels:], e.tooltip)
	copy(s[numChannels+len(e.tooltip):], e.detail)
	return s
}

// slotsAll is slots, with the channels inside conditions after them.
func (e *encoding) slotsAll() []*channel {
	s := e.slots()
	for _, c := range e.ch {
		if c == nil {
			continue
		}
		for _, cd := range c.conds {
			if cd.ch != nil {
				s = append(s, cd.ch)
			}
		}
	}
	return s
}

func (e *encoding) all() []*channel {
	var out []*channel
	for _, c := range e.slotsAll() {
		if c != nil {
			out = append(out, c)
		}
	}
	return out
}

// channel is one channel's definition.
type channel struct {
	name       string
	at         pos
	field      string
	fieldAt    pos
	typ        string
	typAt      pos
	inferred   bool // the type was not written
	agg        string
	aggAs      string // the aggregate as written ("average" titles as Average)
	aggField   string // argmin/argmax: the field
	aggParam   float64
	bin        *binSpec
	units      []string // timeUnit
	utc        bool
	tuStep     int
	tuBinned   bool // the field holds the time units' starts already
	title      *string
	format     string
	formatAt   pos
	formatType string
	num        *d3Format
	tim        string // a d3 time format
	axisHidden bool
	axis       axisDef
	legend     legendDef
	header     headerDef
	scale      scaleDef
	sort       sortDef
	stack      string // "", zero, normalize, center, none
	datum      *node
	value      *node
	conds      []condition
	band       *float64
	impute     *node
	columns    int // facet: wrapping
	// The derived fields the data pipeline adds for bin and timeUnit: the
	// channel then reads field (the start) and fieldEnd.
	srcField string
	fieldEnd string
	// synthesized: made by this package, not written (the end of a bin or
	// time unit interval); timeEnd: the end of a time unit's interval.
	synthesized bool
	timeEnd     bool
	bandShift   float64 // a time-unit bar's shift, in intervals, from a bandPosition other than 0.5

	// Kept from before this package read all of Vega-Lite; they mirror
	// axis and scale settings that layout reads directly.
	tickCount int
	grid      *bool
	legendOff bool
	zero      *bool
	domain    *node
}

// condition is one branch of a channel's condition: a test or a param,
// giving a constant or a field.
type condition struct {
	test  string
	param string
	empty bool
	value *node
	ch    *channel
	at    pos
}

type axisDef struct {
	set       bool
	labels    *bool
	orient    string
	values    *node
	labelExpr string
	labelAt   pos
	tickBand  string
	interval  string // tickCount as a time interval
	minStep   float64
	titleSet  bool
}

type legendDef struct {
	values         *node
	typ            string
	labelExpr      string
	direction      string
	orient         string
	gradientLength float64
}

type headerDef struct {
	labels    *bool
	labelExpr string
}

type scaleDef struct {
	set          bool
	disabled     bool // scale: null
	typ          string
	domain       *node
	domainMid    *float64
	domainMin    *node
	domainMax    *node
	unaggregated bool
	rng          *node
	rangeMin     *float64
	rangeMax     *float64
	scheme       string
	zero         *bool
	nice         *node
	reverse      bool
	padding      *float64
	paddingIn    *float64
	paddingOut   *float64
	exponent     float64
	base         float64
	constant     float64
	clamp        bool
	at           pos
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

var channelKeys = []string{"aggregate", "axis", "band", "bandPosition", "bin", "condition", "datum", "field", "format", "formatType", "header", "impute", "legend", "scale", "sort", "spacing", "stack", "timeUnit", "title", "type", "value", "align", "center", "columns", "labelAngle"}

func (d *decoder) encoding(n *node, mark string) encoding {
	var e encoding
	if !d.want(n, mapNode, "encoding") {
		return e
	}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		if k == "tooltip" || k == "detail" {
			var list []*channel
			switch v.kind {
			case nullNode:
				if k == "tooltip" {
					e.noTip = true
				}
			case seqNode:
				for _, it := range v.items {
					if c := d.channel(k, it, it.at); c != nil {
						list = append(list, c)
					}
				}
			default:
				if c := d.channel(k, v, at); c != nil {
					list = []*channel{c}
				}
			}
			for _, c := range list {
				d.inferType(c, -1, mark)
			}
			if k == "tooltip" {
				e.tooltip = list
			} else {
				e.detail = list
			}
			continue
		}
		idx := slices.Index(channelNames[:], k)
		if idx < 0 {
			d.unknown(at, k, "encoding channel", encodingNames, "")
			continue
		}
		if v.kind == nullNode {
			continue
		}
		if k == "order" && v.kind == seqNode {
			// Several order fields: the first decides, as it does most.
			if len(v.items) == 0 {
				continue
			}
			v = v.items[0]
		}
		if c := d.channel(k, v, at); c != nil {
			d.inferType(c, idx, mark)
			e.ch[idx] = c
		}
	}
	// Secondary channels take the type of their primary.
	for _, pair := range [][2]int{{chX2, chX}, {chY2, chY}, {chTheta2, chTheta}, {chRadius2, chRadius}, {chLatitude2, chLatitude}, {chLongitude2, chLongitude}, {chXError, chX}, {chXError2, chX}, {chYError, chY}, {chYError2, chY}} {
		if c, main := e.ch[pair[0]], e.ch[pair[1]]; c != nil && main != nil && c.inferred {
			c.typ = main.typ
		}
	}
	return e
}

// inferType gives a channel without a type the one Vega-Lite infers.
func (d *decoder) inferType(c *channel, ci int, mark string) {
	if c.typ != "" {
		return
	}
	c.inferred = true
	if c.datum != nil {
		switch {
		case c.datum.kind == numNode:
			c.typ = "quantitative"
		case isDateTime(c.datum):
			c.typ = "temporal"
		default:
			c.typ = "nominal"
		}
		return
	}
	if c.field == "" && c.agg == "" && c.value == nil && len(c.conds) == 0 {
		return
	}
	switch ci {
	case chLatitude, chLongitude, chLatitude2, chLongitude2:
		c.typ = "quantitative"
		return
	case chRow, chColumn, chFacet, chShape, chStrokeDash:
		c.typ = "nominal"
		return
	case chOrder:
		c.typ = "ordinal"
		return
	}
	switch {
	case len(c.sort.values) > 0:
		c.typ = "ordinal"
	case len(c.units) > 0:
		c.typ = "temporal"
	case c.bin != nil || c.agg != "" && c.agg != "argmin" && c.agg != "argmax":
		c.typ = "quantitative"
	case c.scale.typ != "":
		switch c.scale.typ {
		case "linear", "log", "pow", "sqrt", "symlog", "quantize", "quantile", "threshold", "bin-ordinal":
			c.typ = "quantitative"
		case "time", "utc":
			c.typ = "temporal"
		default:
			c.typ = "nominal"
		}
	default:
		c.typ = "nominal"
	}
	if mark == "geoshape" && c.field == "" {
		c.typ = ""
	}
}

func (d *decoder) channel(name string, n *node, at pos) *channel {
	if n.kind == nullNode {
		return nil
	}
	if n.kind != mapNode {
		d.want(n, mapNode, "encoding "+name)
		return nil
	}
	c := &channel{name: name, at: at}
	for i, k := range n.keys {
		v, kat := n.vals[i], n.keyAt[i]
		switch k {
		case "field":
			switch v.kind {
			case strNode:
				c.field, c.fieldAt = v.str, v.at
			case mapNode:
				if v.get("repeat") != nil {
					d.errAt(v.at, "put the channel inside a repeat's spec", "a repeat field is only read inside a repeat")
					continue
				}
				d.errAt(v.at, "", "field must be a name")
			default:
				d.errAt(v.at, "", "field must be a name")
			}
		case "type":
			if t, ok := d.oneOf(v, "field type", fieldTypes); ok {
				c.typ, c.typAt = t, v.at
			}
		case "aggregate":
			d.aggregate(c, v)
		case "bin":
			c.bin = d.binSpec(v)
		case "timeUnit":
			c.units, c.utc, c.tuStep = d.timeUnit(v)
			c.tuBinned = binnedTimeUnit(v)
		case "title":
			c.title = d.titleText(v, "title")
		case "format":
			switch v.kind {
			case strNode:
				c.format, c.formatAt = v.str, v.at
			case mapNode:
				// A multi-format object for time axes: its year format decides.
				if y := v.get("year"); y != nil && y.kind == strNode {
					c.format, c.formatAt = y.str, y.at
				}
			}
		case "formatType":
			c.formatType, _ = d.oneOf(v, "formatType", []string{"number", "time", "utc"})
		case "axis":
			d.axis(c, v)
		case "legend":
			d.legend(c, v)
		case "header":
			d.header(c, v)
		case "scale":
			d.scale(c, v)
		case "sort":
			d.sort(c, v)
		case "stack":
			switch {
			case v.kind == nullNode, v.kind == boolNode && !v.b:
				c.stack = "none"
			case v.kind == boolNode:
				c.stack = "zero"
			default:
				if s, ok := d.oneOf(v, "stack", []string{"center", "normalize", "zero"}); ok {
					c.stack = s
				}
			}
		case "datum":
			switch {
			case v.kind == numNode || v.kind == strNode || v.kind == boolNode || isDateTime(v):
				c.datum = v
			case v.kind == mapNode && v.get("expr") != nil:
				if f, ok := d.exprNumber(v.get("expr")); ok {
					c.datum = &node{kind: numNode, num: f, str: jsNumber(f), at: v.at}
				}
			default:
				d.errAt(v.at, "", "datum must be a number, text or a date")
			}
		case "value":
			if v.kind == mapNode && v.get("expr") != nil {
				if f, ok := d.exprNumber(v.get("expr")); ok {
					v = &node{kind: numNode, num: f, str: jsNumber(f), at: v.at}
				}
			}
			c.value = v
		case "condition":
			d.condition(c, v)
		case "band", "bandPosition":
			if f, ok := d.num(v, k); ok {
				c.band = &f
			}
		case "impute":
			c.impute = v
		case "columns":
			if f, ok := d.num(v, "columns"); ok && f >= 1 {
				c.columns = int(f)
			}
		case "spacing", "align", "center", "labelAngle":
		default:
			d.unknown(kat, k, "encoding key", channelKeys, "")
		}
	}
	switch {
	case c.datum != nil || c.value != nil:
		if c.field != "" {
			d.errAt(c.fieldAt, "", "%s has both a field and a constant", name)
		}
	case c.field == "" && c.agg != "count" && len(c.conds) == 0:
		if name == "tooltip" || name == "detail" || name == "text" && n.get("condition") != nil {
			return c
		}
		if name == "order" && len(n.keys) == 1 && n.get("sort") != nil {
			return nil // a stack's order by its own (default) sort
		}
		d.errAt(at, `add "field": "NAME" (and a "type": quantitative, temporal, ordinal or nominal)`, "encoding %s has no field", name)
		return nil
	}
	if c.format != "" {
		switch {
		case c.formatType == "time" || c.formatType == "utc" || c.formatType == "" && (c.typ == "temporal" || len(c.units) > 0):
			if err := checkTimeFormat(c.format); err != nil {
				d.errAt(c.formatAt, timeFormatHint, "%v", err)
			}
			c.tim = c.format
		default:
			nf, err := parseD3Format(c.format)
			if err != nil {
				d.errAt(c.formatAt, numFormatHint, "%v", err)
			}
			c.num = &nf
		}
	}
	// layout reads these directly.
	c.zero = c.scale.zero
	c.domain = c.scale.domain
	// A bin or time unit makes a field of its own in the data pipeline;
	// the channel reads that.
	if c.field != "" && (c.bin != nil && !c.bin.binned || len(c.units) > 0) {
		c.srcField = c.field
		c.field = derivedFieldName(c)
		c.fieldEnd = c.field + "_end"
	}
	return c
}

// aggregate reads an aggregate: an op, or {"argmin": field}/{"argmax": field}.
func (d *decoder) aggregate(c *channel, v *node) {
	if v.kind == mapNode {
		for i, k := range v.keys {
			switch k {
			case "argmin", "argmax":
				c.agg = k
				c.aggField, _ = d.str(v.vals[i], k)
			case "exponential", "exponentialb":
				c.agg = k
				c.aggParam, _ = d.num(v.vals[i], k)
			default:
				d.unknown(v.keyAt[i], k, "aggregate key", []string{"argmax", "argmin", "exponential"}, "")
			}
		}
		c.aggAs = c.agg
		return
	}
	if a, ok := d.oneOf(v, "aggregate", aggregateOps); ok {
		c.aggAs = a
		c.agg = a
		if a == "average" {
			c.agg = "mean"
		}
	}
}

func (d *decoder) condition(c *channel, n *node) {
	items := []*node{n}
	if n.kind == seqNode {
		items = n.items
	}
	for _, it := range items {
		if !d.want(it, mapNode, "a condition") {
			continue
		}
		cd := condition{at: it.at, empty: true}
		var rest []string
		for i, k := range it.keys {
			v := it.vals[i]
			switch k {
			case "test":
				if v.kind == strNode {
					if _, err := parseExpr(v.str); err != nil {
						d.exprErr(v, err)
					}
					cd.test = v.str
				} else if p := d.pred(v); p != nil {
					cd.test = predExpr(p)
				}
			case "param":
				cd.param, _ = d.str(v, "param")
			case "empty":
				cd.empty, _ = d.boolean(v, "empty")
			case "value":
				if v.kind == mapNode && v.get("expr") != nil {
					if f, ok := d.exprNumber(v.get("expr")); ok {
						v = &node{kind: numNode, num: f, str: jsNumber(f), at: v.at}
					}
				}
				cd.value = v
			default:
				rest = append(rest, k)
			}
		}
		if len(rest) > 0 {
			// A field definition inside the condition.
			sub := &node{kind: mapNode, at: it.at}
			for i, k := range it.keys {
				if slices.Contains(rest, k) {
					sub.keys = append(sub.keys, k)
					sub.keyAt = append(sub.keyAt, it.keyAt[i])
					sub.vals = append(sub.vals, it.vals[i])
				}
			}
			cd.ch = d.channel(c.name, sub, it.at)
			if cd.ch != nil {
				d.inferType(cd.ch, slices.Index(channelNames[:], c.name), "")
			}
		}
		if cd.test == "" && cd.param == "" {
			d.errAt(it.at, "", `a condition needs "test" or "param"`)
			continue
		}
		c.conds = append(c.conds, cd)
	}
}

// predExpr writes a predicate object as an expression, for conditions.
func predExpr(p *pred) string {
	f := func(field string) string { return "datum[" + jsQuote(field) + "]" }
	lit := func(n *node) string {
		switch n.kind {
		case strNode:
			return jsQuote(n.str)
		case numNode:
			return n.str
		case boolNode:
			if n.b {
				return "true"
			}
			return "false"
		}
		if ms, err := dateTimeMS(n); err == nil {
			return jsNumber(ms)
		}
		return "null"
	}
	switch p.op {
	case "and", "or":
		var parts []string
		for _, k := range p.kids {
			parts = append(parts, "("+predExpr(k)+")")
		}
		if len(parts) == 0 {
			return "true"
		}
		sep := " && "
		if p.op == "or" {
			sep = " || "
		}
		return strings.Join(parts, sep)
	case "not":
		return "!(" + predExpr(p.kids[0]) + ")"
	case "expr":
		return p.expr
	case "param":
		if p.empty {
			return "true"
		}
		return "false"
	case "equal":
		return f(p.field) + "===" + lit(p.lit[0])
	case "lt":
		return f(p.field) + "<" + lit(p.lit[0])
	case "lte":
		return f(p.field) + "<=" + lit(p.lit[0])
	case "gt":
		return f(p.field) + ">" + lit(p.lit[0])
	case "gte":
		return f(p.field) + ">=" + lit(p.lit[0])
	case "oneOf":
		var vs []string
		for _, l := range p.lit {
			vs = append(vs, lit(l))
		}
		return "indexof([" + strings.Join(vs, ",") + "], " + f(p.field) + ") !== -1"
	case "range":
		return "inrange(" + f(p.field) + ", [" + lit(p.lit[0]) + "," + lit(p.lit[1]) + "])"
	case "valid":
		return f(p.field) + "!==null && !isNaN(" + f(p.field) + ")"
	case "invalid":
		return f(p.field) + "===null || isNaN(" + f(p.field) + ")"
	}
	return "true"
}

func jsQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (d *decoder) axis(c *channel, n *node) {
	c.axis.set = true
	if n.kind == nullNode {
		c.axisHidden = true
		return
	}
	if !d.want(n, mapNode, "axis") {
		return
	}
	for i, k := range n.keys {
		v := n.vals[i]
		switch k {
		case "title":
			c.title = d.titleText(v, "axis title")
			c.axis.titleSet = true
		case "format":
			if v.kind == strNode {
				c.format, c.formatAt = v.str, v.at
			}
		case "formatType":
			c.formatType, _ = d.oneOf(v, "formatType", []string{"number", "time", "utc"})
		case "tickCount":
			switch v.kind {
			case numNode:
				c.tickCount = max(int(v.num), 1)
			case strNode:
				c.axis.interval = v.str
			case mapNode:
				if iv := v.get("interval"); iv != nil {
					c.axis.interval = iv.str
				}
			}
		case "tickMinStep":
			c.axis.minStep, _ = d.num(v, "tickMinStep")
		case "grid":
			if b, ok := d.boolean(v, "axis.grid"); ok {
				c.grid = &b
			}
		case "labels":
			if b, ok := d.boolean(v, "axis.labels"); ok {
				c.axis.labels = &b
			}
		case "values":
			c.axis.values = v
		case "labelExpr":
			if s, ok := d.str(v, "labelExpr"); ok {
				if _, err := parseExpr(s); err != nil {
					d.exprErr(v, err)
				}
				c.axis.labelExpr, c.axis.labelAt = s, v.at
			}
		case "orient":
			c.axis.orient, _ = d.oneOf(v, "axis.orient", []string{"bottom", "left", "right", "top"})
		case "tickBand":
			c.axis.tickBand, _ = d.oneOf(v, "axis.tickBand", []string{"center", "extent"})
		default:
			// Presentation: angles, sizes, colours, offsets.
		}
	}
}

func (d *decoder) legend(c *channel, n *node) {
	if n.kind == nullNode {
		c.legendOff = true
		return
	}
	if !d.want(n, mapNode, "legend") {
		return
	}
	for i, k := range n.keys {
		v := n.vals[i]
		switch k {
		case "title":
			c.title = d.titleText(v, "legend title")
		case "format":
			if v.kind == strNode {
				c.format, c.formatAt = v.str, v.at
			}
		case "formatType":
			c.formatType, _ = d.oneOf(v, "formatType", []string{"number", "time", "utc"})
		case "values":
			c.legend.values = v
		case "type":
			c.legend.typ, _ = d.oneOf(v, "legend.type", []string{"gradient", "symbol"})
		case "labelExpr":
			if s, ok := d.str(v, "labelExpr"); ok {
				c.legend.labelExpr = s
			}
		case "direction":
			c.legend.direction, _ = d.str(v, "legend.direction")
		case "orient":
			c.legend.orient, _ = d.str(v, "legend.orient")
		case "gradientLength":
			c.legend.gradientLength, _ = d.num(v, "legend.gradientLength")
		case "disable":
			if b, ok := d.boolean(v, "legend.disable"); ok && b {
				c.legendOff = true
			}
		}
	}
}

func (d *decoder) header(c *channel, n *node) {
	if n.kind == nullNode {
		f := false
		c.header.labels = &f
		return
	}
	if !d.want(n, mapNode, "header") {
		return
	}
	for i, k := range n.keys {
		v := n.vals[i]
		switch k {
		case "title":
			c.title = d.titleText(v, "header title")
		case "format", "labelFormat":
			if v.kind == strNode {
				c.format, c.formatAt = v.str, v.at
			}
		case "formatType":
			c.formatType, _ = d.oneOf(v, "formatType", []string{"number", "time", "utc"})
		case "labels":
			if b, ok := d.boolean(v, "header.labels"); ok {
				c.header.labels = &b
			}
		case "labelExpr":
			c.header.labelExpr, _ = d.str(v, "labelExpr")
		}
	}
}

var scaleTypes = []string{"band", "bin-ordinal", "identity", "linear", "log", "ordinal", "point", "pow", "quantile", "quantize", "sqrt", "symlog", "threshold", "time", "utc"}

func (d *decoder) scale(c *channel, n *node) {
	s := &c.scale
	s.set, s.at = true, n.at
	if n.kind == nullNode {
		s.disabled = true
		return
	}
	if !d.want(n, mapNode, "scale") {
		return
	}
	numP := func(v *node, what string) *float64 {
		if f, ok := d.num(v, what); ok {
			return &f
		}
		return nil
	}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "type":
			s.typ, _ = d.oneOf(v, "scale type", scaleTypes)
		case "domain":
			switch {
			case v.kind == seqNode:
				s.domain = v
			case v.kind == strNode && v.str == "unaggregated":
				s.unaggregated = true
			case v.kind == mapNode && v.get("param") != nil:
				// A domain from a selection: the data's, in the static state.
			case v.kind == mapNode && v.get("expr") != nil:
				d.errAt(v.at, "", "a scale domain from an expression is not supported")
			case v.kind == nullNode:
			default:
				d.errAt(v.at, "", "scale domain must be a list of values")
			}
		case "domainMid":
			s.domainMid = numP(v, "domainMid")
		case "domainMin":
			s.domainMin = v
		case "domainMax":
			s.domainMax = v
		case "range":
			s.rng = v
		case "rangeMin":
			s.rangeMin = numP(v, "rangeMin")
		case "rangeMax":
			s.rangeMax = numP(v, "rangeMax")
		case "scheme":
			switch v.kind {
			case strNode:
				s.scheme = v.str
			case mapNode:
				if nm := v.get("name"); nm != nil {
					s.scheme = nm.str
				}
			}
		case "zero":
			if b, ok := d.boolean(v, "scale.zero"); ok {
				s.zero = &b
			}
		case "nice":
			s.nice = v
		case "reverse":
			s.reverse, _ = d.boolean(v, "scale.reverse")
		case "padding":
			s.padding = numP(v, "scale.padding")
		case "paddingInner":
			s.paddingIn = numP(v, "scale.paddingInner")
		case "paddingOuter":
			s.paddingOut = numP(v, "scale.paddingOuter")
		case "exponent":
			s.exponent, _ = d.num(v, "scale.exponent")
		case "base":
			s.base, _ = d.num(v, "scale.base")
		case "constant":
			s.constant, _ = d.num(v, "scale.constant")
		case "clamp":
			s.clamp, _ = d.boolean(v, "scale.clamp")
		case "round", "interpolate", "align":
		default:
			d.unknown(at, k, "scale key", []string{"base", "clamp", "constant", "domain", "domainMax", "domainMid", "domainMin", "exponent", "interpolate", "nice", "padding", "paddingInner", "paddingOuter", "range", "rangeMax", "rangeMin", "reverse", "round", "scheme", "type", "zero"}, "")
		}
	}
}

func (d *decoder) sort(c *channel, n *node) {
	s := sortDef{set: true, at: n.at}
	switch n.kind {
	case nullNode:
		s.none = true
	case strNode:
		v := n.str
		switch {
		case v == "ascending":
		case v == "descending":
			s.desc = true
		default:
			if strings.HasPrefix(v, "-") {
				s.desc, v = true, v[1:]
			}
			if !slices.Contains(channelNames[:], v) {
				d.errAt(n.at, `use "ascending", "descending", a channel such as "-y", an object {"field", "op", "order"} or a list of values`, "sort %q is not supported", n.str)
				return
			}
			s.channel = v
		}
	case seqNode:
		for _, it := range n.items {
			switch {
			case it.kind == strNode || it.kind == numNode || it.kind == boolNode:
				s.values = append(s.values, it.str)
			case isDateTime(it):
				ms, err := dateTimeMS(it)
				if err != nil {
					d.errAt(it.at, "", "sort value: %v", err)
					return
				}
				s.values = append(s.values, jsNumber(ms))
			default:
				d.errAt(it.at, "", "sort values must be text or numbers")
				return
			}
		}
	case mapNode:
		for i, k := range n.keys {
			v := n.vals[i]
			switch k {
			case "field":
				s.field, _ = d.str(v, "sort field")
			case "op":
				if a, ok := d.oneOf(v, "sort op", aggregateOps); ok {
					s.op = a
					if a == "average" {
						s.op = "mean"
					}
				}
			case "order":
				if v.kind == nullNode {
					s.none = true
					continue
				}
				if o, ok := d.oneOf(v, "sort order", []string{"ascending", "descending"}); ok {
					s.desc = o == "descending"
				}
			case "encoding":
				s.channel, _ = d.str(v, "sort encoding")
			default:
				d.unknown(n.keyAt[i], k, "sort key", []string{"encoding", "field", "op", "order"}, "")
			}
		}
		if s.op == "" && s.field != "" {
			s.op = "sum"
		}
		if s.op == "count" && s.field == "" {
			s.field = "*"
		}
	default:
		d.errAt(n.at, "", "sort must be text, a list or an object")
		return
	}
	c.sort = s
}
