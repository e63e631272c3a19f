package chart

import (
	"fmt"
	"slices"
	"strings"
)

// transform is one entry of a spec's "transform" list, checked.
type transform struct {
	op string // the transform's kind: its key (filter, calculate, fold, ...)
	at pos    // where its key is written
	n  *node  // as written

	filter  *pred
	expr    string // calculate
	exprAt  pos
	field   string
	fieldAt pos
	fields  []string
	as      []string
	groupby []string
	ops     []aggSpec // aggregate, joinaggregate, window
	sort    []sortField
	frame   [2]*float64
	peers   bool // window: ignorePeers
	bin     *binSpec
	units   []string // timeUnit
	utc     bool
	step    int
	from    *dataDef // lookup
	key     string
	dflt    *node
	value   string // pivot value, impute value field
	limit   int
	num     map[string]*node // the other parameters as written
}

type aggSpec struct {
	op    string
	field string
	as    string
	param float64
	at    pos
}

type sortField struct {
	field string
	desc  bool
}

// binSpec is a bin's parameters (bin: true is all defaults).
type binSpec struct {
	maxbins float64
	base    float64
	divide  []float64
	extent  []float64
	step    float64
	steps   []float64
	minstep float64
	nice    bool
	anchor  *float64
	binned  bool // the data is binned already
	at      pos
}

var transformOps = []string{"aggregate", "bin", "calculate", "density", "extent", "filter", "flatten", "fold", "impute", "joinaggregate", "loess", "lookup", "pivot", "quantile", "regression", "sample", "stack", "timeUnit", "window"}

// transforms reads a transform list; inherited are the transforms of the
// views above that apply to the same data.
func (d *decoder) transforms(n *node, inherited []*transform) []*transform {
	out := slices.Clone(inherited)
	if !d.want(n, seqNode, "transform") {
		return out
	}
	for _, t := range n.items {
		if !d.want(t, mapNode, "a transform") {
			continue
		}
		if tr := d.transform(t); tr != nil {
			out = append(out, tr)
		}
	}
	return out
}

// transformKeys are the keys each transform reads.
var transformKeys = map[string][]string{
	"filter":        {"filter"},
	"calculate":     {"calculate", "as"},
	"fold":          {"fold", "as"},
	"flatten":       {"flatten", "as"},
	"window":        {"window", "frame", "ignorePeers", "groupby", "sort"},
	"joinaggregate": {"joinaggregate", "groupby"},
	"aggregate":     {"aggregate", "groupby"},
	"bin":           {"bin", "field", "as"},
	"timeUnit":      {"timeUnit", "field", "as"},
	"lookup":        {"lookup", "from", "as", "default"},
	"pivot":         {"pivot", "value", "groupby", "limit", "op"},
	"density":       {"density", "groupby", "cumulative", "counts", "bandwidth", "extent", "minsteps", "maxsteps", "steps", "as", "resolve"},
	"regression":    {"regression", "on", "groupby", "method", "order", "extent", "params", "as"},
	"loess":         {"loess", "on", "groupby", "bandwidth", "as"},
	"impute":        {"impute", "key", "keyvals", "frame", "method", "value", "groupby"},
	"stack":         {"stack", "groupby", "offset", "sort", "as"},
	"quantile":      {"quantile", "probs", "step", "groupby", "as"},
	"sample":        {"sample"},
	"extent":        {"extent", "param"},
}

func (d *decoder) transform(n *node) *transform {
	var op string
	for _, k := range n.keys {
		if slices.Contains(transformOps, k) {
			op = k
			break
		}
	}
	if op == "" {
		if len(n.keys) == 0 {
			d.errAt(n.at, "", "empty transform")
			return nil
		}
		d.unknown(n.keyAt[0], n.keys[0], "transform", transformOps, "")
		return nil
	}
	t := &transform{op: op, at: n.keyPos(op), n: n, num: map[string]*node{}}
	allowed := transformKeys[op]
	for i, k := range n.keys {
		if !slices.Contains(allowed, k) {
			d.unknown(n.keyAt[i], k, op+" transform key", allowed, "")
		}
	}
	strs := func(k string) []string {
		v := n.get(k)
		if v == nil {
			return nil
		}
		if v.kind == strNode {
			return []string{v.str}
		}
		if !d.want(v, seqNode, k) {
			return nil
		}
		var out []string
		for _, it := range v.items {
			if s, ok := d.str(it, k+" entry"); ok {
				out = append(out, s)
			}
		}
		return out
	}
	str := func(k string) string {
		if v := n.get(k); v != nil {
			s, _ := d.str(v, k)
			return s
		}
		return ""
	}
	need := func(k string) *node {
		v := n.get(k)
		if v == nil {
			d.errAt(t.at, "", "the %s transform needs %q", op, k)
		}
		return v
	}
	t.groupby = strs("groupby")
	for _, k := range n.keys {
		switch k {
		case "bandwidth", "extent", "minsteps", "maxsteps", "steps", "cumulative", "counts", "order", "params", "method", "offset", "probs", "step", "keyvals", "frame", "value", "limit", "on", "key", "default", "resolve", "param", "ignorePeers", "op":
			t.num[k] = n.get(k)
		}
	}
	v := n.get(op)
	switch op {
	case "filter":
		t.filter = d.pred(v)
		if t.filter == nil {
			return nil
		}
	case "calculate":
		if s, ok := d.str(v, "calculate"); ok {
			t.expr, t.exprAt = s, v.at
			d.checkExpr(v)
		}
		t.as = strs("as")
		if len(t.as) != 1 {
			d.errAt(t.at, `add "as": "NAME"`, "calculate needs one field name in \"as\"")
		}
	case "fold", "flatten":
		t.fields = strs(op)
		t.as = strs("as")
		if op == "fold" && len(t.as) == 0 {
			t.as = []string{"key", "value"}
		}
	case "window", "joinaggregate", "aggregate":
		t.ops = d.aggSpecs(v, op)
		if s := n.get("sort"); s != nil {
			t.sort = d.sortFields(s)
		}
		if f := n.get("frame"); f != nil && d.want(f, seqNode, "frame") && len(f.items) == 2 {
			for i, it := range f.items {
				if it.kind == numNode {
					x := it.num
					t.frame[i] = &x
				}
			}
		} else if op == "window" {
			zero := 0.0
			t.frame = [2]*float64{nil, &zero}
		}
		if p := n.get("ignorePeers"); p != nil {
			t.peers, _ = d.boolean(p, "ignorePeers")
		}
	case "bin":
		t.bin = d.binSpec(v)
		t.field = str("field")
		t.as = strs("as")
		if t.field == "" {
			need("field")
		}
		if len(t.as) == 1 {
			t.as = append(t.as, t.as[0]+"_end")
		}
	case "timeUnit":
		t.units, t.utc, t.step = d.timeUnit(v)
		t.field = str("field")
		t.as = strs("as")
		if t.field == "" {
			need("field")
		}
	case "lookup":
		t.field = str("lookup")
		if f := need("from"); f != nil && d.want(f, mapNode, "from") {
			for i, k := range f.keys {
				fv := f.vals[i]
				switch k {
				case "data":
					t.from = d.data(fv)
				case "key":
					t.key, _ = d.str(fv, "from.key")
				case "fields":
					if d.want(fv, seqNode, "from.fields") {
						for _, it := range fv.items {
							if s, ok := d.str(it, "from.fields entry"); ok {
								t.fields = append(t.fields, s)
							}
						}
					}
				case "param":
					d.errAt(f.keyAt[i], "join with data instead", "lookup from a param is not supported: charts are static")
				default:
					d.unknown(f.keyAt[i], k, "lookup from key", []string{"data", "fields", "key"}, "")
				}
			}
			if t.from == nil && f.get("param") == nil {
				d.errAt(f.at, "", `lookup "from" needs "data"`)
			}
			if t.key == "" {
				d.errAt(f.at, "", `lookup "from" needs "key"`)
			}
		}
		t.as = strs("as")
		if len(t.fields) == 0 && len(t.as) == 0 {
			d.errAt(t.at, `list "fields" in "from", or name the joined record with "as"`, "lookup copies nothing")
		}
		t.dflt = n.get("default")
	case "pivot":
		t.field = str("pivot")
		t.value = str("value")
		if t.value == "" {
			need("value")
		}
		if l := n.get("limit"); l != nil {
			if f, ok := d.num(l, "limit"); ok {
				t.limit = int(f)
			}
		}
	case "density", "loess", "quantile", "impute", "stack", "extent":
		t.field, t.fieldAt = v.str, v.at
		d.want(v, strNode, op)
		t.as = strs("as")
		if op == "stack" {
			if s := n.get("sort"); s != nil {
				t.sort = d.sortFields(s)
			}
		}
	case "regression":
		t.field, t.fieldAt = v.str, v.at
		d.want(v, strNode, op)
		t.as = strs("as")
	case "sample":
		d.want(v, numNode, "sample")
	}
	return t
}

// checkExpr parses and compiles an expression, so that an unknown
// function or name is found where it is written.
func (d *decoder) checkExpr(v *node) {
	if _, err := compileExpr(v.str, &exprScope{params: d.params}); err != nil {
		d.exprErr(v, err)
	}
}

// exprErr reports an expression problem where it is written: at its
// offset when the string sits on one line without escapes.
func (d *decoder) exprErr(v *node, err *exprError) {
	at := v.at
	if !strings.Contains(v.str, "\n") && at.line > 0 {
		at.col += 1 + len([]rune(v.str[:min(err.off, len(v.str))]))
	}
	d.errAt(at, err.hint, "expression: %s", err.msg)
}

func (d *decoder) aggSpecs(n *node, op string) []aggSpec {
	var out []aggSpec
	if !d.want(n, seqNode, op) {
		return nil
	}
	ops := aggregateOps
	if op == "window" {
		ops = append(slices.Clone(aggregateOps), windowOps...)
	}
	for _, it := range n.items {
		if !d.want(it, mapNode, op+" entry") {
			continue
		}
		a := aggSpec{at: it.at}
		for i, k := range it.keys {
			v := it.vals[i]
			switch k {
			case "op":
				a.op, _ = d.oneOf(v, op+" op", ops)
			case "field":
				a.field, _ = d.str(v, "field")
			case "as":
				a.as, _ = d.str(v, "as")
			case "param":
				a.param, _ = d.num(v, "param")
			default:
				d.unknown(it.keyAt[i], k, op+" key", []string{"as", "field", "op", "param"}, "")
			}
		}
		if a.as == "" {
			a.as = a.op
			if a.field != "" {
				a.as += "_" + a.field
			}
		}
		out = append(out, a)
	}
	return out
}

var windowOps = []string{"row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value", "nth_value", "prev_value", "next_value"}

func (d *decoder) sortFields(n *node) []sortField {
	var out []sortField
	items := []*node{n}
	if n.kind == seqNode {
		items = n.items
	}
	for _, it := range items {
		if !d.want(it, mapNode, "a sort field") {
			continue
		}
		var s sortField
		if f := it.get("field"); f != nil {
			s.field, _ = d.str(f, "sort field")
		}
		if o := it.get("order"); o != nil {
			if o.kind == nullNode {
				continue
			}
			ord, _ := d.oneOf(o, "sort order", []string{"ascending", "descending"})
			s.desc = ord == "descending"
		}
		out = append(out, s)
	}
	return out
}

// binSpec reads bin: true, or an object of parameters.
func (d *decoder) binSpec(n *node) *binSpec {
	b := &binSpec{base: 10, divide: []float64{5, 2}, nice: true, at: n.at}
	switch n.kind {
	case boolNode:
		if !n.b {
			return nil
		}
		return b
	case strNode:
		if n.str == "binned" {
			b.binned = true
			return b
		}
	case nullNode:
		return nil
	case mapNode:
		for i, k := range n.keys {
			v := n.vals[i]
			nums := func() []float64 {
				var out []float64
				if d.want(v, seqNode, "bin."+k) {
					for _, it := range v.items {
						if f, ok := d.num(it, "bin."+k+" entry"); ok {
							out = append(out, f)
						}
					}
				}
				return out
			}
			switch k {
			case "maxbins":
				b.maxbins, _ = d.num(v, "maxbins")
			case "base":
				b.base, _ = d.num(v, "base")
			case "divide":
				b.divide = nums()
			case "extent":
				if v.kind == mapNode {
					d.errAt(v.at, "give the extent as two numbers", "a bin extent from a param is not supported: charts are static")
					continue
				}
				b.extent = nums()
			case "step":
				b.step, _ = d.num(v, "step")
			case "steps":
				b.steps = nums()
			case "minstep":
				b.minstep, _ = d.num(v, "minstep")
			case "nice":
				b.nice, _ = d.boolean(v, "nice")
			case "anchor":
				if f, ok := d.num(v, "anchor"); ok {
					b.anchor = &f
				}
			case "binned":
				b.binned, _ = d.boolean(v, "binned")
			default:
				d.unknown(n.keyAt[i], k, "bin key", []string{"anchor", "base", "binned", "divide", "extent", "maxbins", "minstep", "nice", "step", "steps"}, "")
			}
		}
		return b
	}
	d.errAt(n.at, "", "bin must be true, \"binned\" or an object")
	return nil
}

// timeUnit reads a time unit: "yearmonth", "utcmonth", or an object with
// unit, step and utc.
func (d *decoder) timeUnit(n *node) (units []string, utc bool, step int) {
	step = 1
	s := n.str
	if n.kind == mapNode {
		for i, k := range n.keys {
			v := n.vals[i]
			switch k {
			case "unit":
				s, _ = d.str(v, "timeUnit.unit")
			case "step":
				if f, ok := d.num(v, "timeUnit.step"); ok && f >= 1 {
					step = int(f)
				}
			case "utc":
				utc, _ = d.boolean(v, "timeUnit.utc")
			case "binned":
			case "maxbins":
				d.errAt(n.keyAt[i], "", "timeUnit.%s is not supported", k)
			default:
				d.unknown(n.keyAt[i], k, "timeUnit key", []string{"step", "unit", "utc"}, "")
			}
		}
	} else if !d.want(n, strNode, "timeUnit") {
		return nil, false, 1
	}
	u, isUTC, ok := splitTimeUnit(s)
	if !ok {
		d.errAt(n.at, `such as "year", "yearmonth", "month", "date" or "hoursminutes"`, "time unit %q is not known", s)
		return nil, false, 1
	}
	return u, utc || isUTC, step
}

// binnedTimeUnit says whether a timeUnit is "binned": the field holds
// the units' starts already, so nothing is computed.
func binnedTimeUnit(n *node) bool {
	if n.kind == mapNode {
		if b := n.get("binned"); b != nil && b.kind == boolNode {
			return b.b
		}
		n = n.get("unit")
		if n == nil {
			return false
		}
	}
	return strings.Contains(n.str, "binned")
}

// timeUnitName is a time unit written back, for field names and titles.
func timeUnitName(units []string, utc bool) string {
	s := strings.Join(units, "")
	if utc {
		return "utc" + s
	}
	return s
}

// describe is a transform's kind for messages.
func (t *transform) describe() string { return fmt.Sprintf("the %s transform", t.op) }
