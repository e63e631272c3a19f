package chart

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The data pipeline: a unit's rows go through its transforms and the
// bins and time units of its encoding, in the order Vega-Lite's dataflow
// gives them, before they become marks. Tables are rewritten, not
// changed: a spec's data is shared by its layers and drawings.

// fastPath says whether a unit's data needs no pipeline: its transforms
// are field comparisons only (read while loading), its encoding bins
// nothing and has no time unit, and its data asks for no parsing.
func fastPath(u *unit) bool {
	if u.data == nil || len(u.data.parse) > 0 || u.data.seq != nil || u.data.format == "topojson" {
		return false
	}
	for _, t := range u.transforms {
		if t.op != "filter" || !simplePred(t.filter) {
			return false
		}
	}
	for _, c := range u.enc.all() {
		if c.bin != nil || len(c.units) > 0 || len(c.conds) > 0 || strings.ContainsAny(c.field, ".[\\") {
			return false
		}
	}
	return true
}

// simplePred says whether a filter is field comparisons that the typed
// filters of load read: no expressions, params, time units or validity.
func simplePred(p *pred) bool {
	switch p.op {
	case "and", "or", "not":
		for _, k := range p.kids {
			if !simplePred(k) {
				return false
			}
		}
		return true
	case "equal", "lt", "lte", "gt", "gte", "oneOf", "range":
		if len(p.units) > 0 {
			return false
		}
		for _, l := range p.lit {
			if l.kind == mapNode || l.kind == nullNode {
				return false
			}
		}
		return true
	}
	return false
}

// fastFilters are a fast-path unit's filters, as load applies them.
func fastFilters(u *unit) []*pred {
	var out []*pred
	for _, t := range u.transforms {
		p := t.filter
		if p.op == "range" {
			p = &pred{op: "and", at: p.at, kids: []*pred{
				{op: "gte", field: p.field, at: p.at, lit: p.lit[:1]},
				{op: "lte", field: p.field, at: p.at, lit: p.lit[1:]},
			}}
		}
		out = append(out, p)
	}
	return out
}

// pipeline runs a unit's transforms and its encoding's bins and time units
// over its table.
func (r *renderer) pipeline(u *unit, t *table) *table {
	return r.pipelineFrom(u, t, 0)
}

// pipelineFrom runs a unit's transforms after the first skip, which were
// applied as the data was read.
func (r *renderer) pipelineFrom(u *unit, t *table, skip int) *table {
	t = r.parseTable(t, u.data.parse, u.data.at)
	for _, tr := range u.transforms[skip:] {
		if t == nil {
			return nil
		}
		t = r.apply(u, tr, t)
		if r.probs.Errors() > 0 {
			return nil
		}
		if r.opt.MaxRows > 0 && len(t.rows) > 100*r.opt.MaxRows+1000000 {
			r.specError(tr.at, "filter or aggregate earlier", "%s makes %d rows, more than the limit allows", tr.describe(), len(t.rows))
			return nil
		}
	}
	return r.encodingTransforms(u, t)
}

// col finds a field's column, or -1.
func (t *table) colOf(field string) int {
	if t.index == nil && len(t.fields) > 8 {
		t.index = make(map[string]int, len(t.fields))
		for i, f := range t.fields {
			t.index[f] = i
		}
	}
	if t.index != nil {
		if i, ok := t.index[field]; ok {
			return i
		}
		return -1
	}
	return slices.Index(t.fields, field)
}

// getter reads a field from rows: a column, or a path into nested data
// ("a.b", "a[0]", with "\." for a dot in a name), as Vega's field does.
func (t *table) getter(field string) func(row []cell) cell {
	if i := t.colOf(field); i >= 0 {
		return func(row []cell) cell {
			if i < len(row) {
				return row[i]
			}
			return cell{kind: nullNode}
		}
	}
	path := splitFieldPath(field)
	if len(path) > 1 {
		if i := t.colOf(path[0]); i >= 0 {
			rest := path[1:]
			return func(row []cell) cell {
				if i >= len(row) || row[i].obj == nil {
					return cell{kind: nullNode}
				}
				n := row[i].obj
				for _, k := range rest {
					switch n.kind {
					case mapNode:
						n = n.get(k)
					case seqNode:
						j, err := strconv.Atoi(k)
						if err != nil || j < 0 || j >= len(n.items) {
							n = nil
						} else {
							n = n.items[j]
						}
					default:
						n = nil
					}
					if n == nil {
						return cell{kind: nullNode}
					}
				}
				return nodeCell(n)
			}
		}
	}
	if len(path) == 1 && path[0] != field && t.colOf(path[0]) >= 0 {
		return t.getter(path[0])
	}
	return func([]cell) cell { return cell{kind: nullNode} }
}

// hasField says whether a table has a field, nested paths included.
func (t *table) hasField(field string) bool {
	if t.colOf(field) >= 0 {
		return true
	}
	if p := splitFieldPath(field); len(p) > 1 && t.colOf(p[0]) >= 0 {
		return true
	}
	if p := splitFieldPath(field); len(p) == 1 && t.colOf(p[0]) >= 0 {
		return true // a name with escapes: "a\\.b", "it\\'s"
	}
	return false
}

// splitFieldPath splits "a.b[0]" into a, b, 0; "\." is a dot in a name.
func splitFieldPath(f string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c == '\\' && i+1 < len(f):
			i++
			cur.WriteByte(f[i])
		case c == '.':
			out = append(out, cur.String())
			cur.Reset()
		case c == '[':
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
			j := strings.IndexByte(f[i:], ']')
			if j < 0 {
				cur.WriteString(f[i:])
				i = len(f)
				continue
			}
			out = append(out, strings.Trim(f[i+1:i+j], `"'`))
			i += j
			if i+1 < len(f) && f[i+1] == '.' {
				i++
			}
		default:
			cur.WriteByte(c)
		}
	}
	if cur.Len() > 0 || len(out) == 0 {
		out = append(out, cur.String())
	}
	return out
}

// nodeCell is a JSON value as a cell.
func nodeCell(n *node) cell {
	switch n.kind {
	case mapNode, seqNode:
		return cell{kind: n.kind, obj: n, at: n.at}
	case boolNode:
		c := cell{kind: boolNode, text: n.str, at: n.at}
		if n.b {
			c.num = 1
		}
		return c
	}
	return cell{kind: n.kind, text: n.str, num: n.num, at: n.at}
}

// withColumns returns a copy of t's shape with more fields; rows are
// copied by the caller.
func (t *table) withFields(extra ...string) *table {
	out := &table{path: t.path, at: t.at, fields: slices.Clone(t.fields)}
	for _, f := range extra {
		if !slices.Contains(out.fields, f) {
			out.fields = append(out.fields, f)
		}
	}
	return out
}

// setter returns where a field is in rows of out, growing rows as needed.
func (t *table) set(row []cell, field string, c cell) []cell {
	i := t.colOf(field)
	for len(row) <= i {
		row = append(row, cell{kind: nullNode})
	}
	row[i] = c
	return row
}

// copyRow copies a row with room for the table's fields.
func (t *table) copyRow(row []cell) []cell {
	out := make([]cell, len(t.fields))
	copy(out, row)
	for i := len(row); i < len(out); i++ {
		out[i] = cell{kind: nullNode}
	}
	return out
}

// parseTable applies format.parse: fields read as numbers, dates, text or
// true/false, as Vega's loader reads them.
func (r *renderer) parseTable(t *table, parse map[string]string, at pos) *table {
	if t == nil || len(parse) == 0 {
		return t
	}
	out := t.withFields()
	out.rows = make([][]cell, len(t.rows))
	fields := slices.Sorted(func(yield func(string) bool) {
		for k := range parse {
			if !yield(k) {
				return
			}
		}
	})
	for i, row := range t.rows {
		out.rows[i] = out.copyRow(row)
	}
	for _, f := range fields {
		ci := out.colOf(f)
		if ci < 0 {
			continue
		}
		conv := parseFunc(parse[f])
		for _, row := range out.rows {
			row[ci] = conv(row[ci])
		}
	}
	return out
}

// parseFunc is one format.parse type as a cell conversion.
func parseFunc(typ string) func(cell) cell {
	switch {
	case typ == "number" || typ == "integer":
		return func(c cell) cell {
			switch c.kind {
			case nullNode, numNode:
				return c
			}
			v := toNumberFn([]xv{cellValue(c)})
			if v.k == xNull {
				return cell{kind: nullNode, at: c.at}
			}
			out := v.toCell(c.at)
			return out
		}
	case typ == "boolean":
		return func(c cell) cell { return toBooleanFn([]xv{cellValue(c)}).toCell(c.at) }
	case typ == "string":
		return func(c cell) cell {
			if c.kind == nullNode {
				return c
			}
			return cell{kind: strNode, text: cellValue(c).str(), at: c.at}
		}
	case typ == "date":
		return func(c cell) cell {
			switch c.kind {
			case nullNode, numNode, dateNode:
				return c
			case strNode:
				if strings.TrimSpace(c.text) == "" {
					return cell{kind: nullNode, at: c.at}
				}
				ms, ok := jsDateParse(c.text)
				if !ok {
					ms = math.NaN()
				}
				// Parsed dates are numbers, as in Vega; the text stays
				// to tell a year from a day.
				return cell{kind: numNode, num: ms, text: c.text, at: c.at}
			}
			return c
		}
	case strings.HasPrefix(typ, "date:"), strings.HasPrefix(typ, "utc:"):
		pat := strings.Trim(typ[strings.IndexByte(typ, ':')+1:], `'"`)
		return func(c cell) cell {
			if c.kind == nullNode {
				return c
			}
			ms, ok := parseTime(pat, cellValue(c).str(), enTime)
			if !ok {
				return cell{kind: nullNode, at: c.at}
			}
			return cell{kind: dateNode, num: ms, at: c.at}
		}
	}
	return func(c cell) cell { return c }
}

// exprScope makes the scope of an expression over a table's rows.
func (r *renderer) scope(t *table) *exprScope {
	return &exprScope{fields: t.fields, params: r.s.params}
}

func (r *renderer) compile(src string, at pos, t *table) exprFn {
	f, err := compileExpr(src, r.scope(t))
	if err != nil {
		r.specError(at, err.hint, "expression: %s", err.msg)
		return nil
	}
	return f
}

// apply runs one transform.
func (r *renderer) apply(u *unit, tr *transform, t *table) *table {
	switch tr.op {
	case "filter":
		t = r.parseForFilter(t, tr.filter)
		keep := r.predicate(tr.filter, t)
		if keep == nil {
			return nil
		}
		out := t.withFields()
		env := &exprEnv{fields: t.fields}
		for _, row := range t.rows {
			env.row = row
			if keep(env) {
				out.rows = append(out.rows, row)
			}
		}
		return out
	case "calculate":
		f := r.compile(tr.expr, tr.exprAt, t)
		if f == nil || len(tr.as) == 0 {
			return nil
		}
		out := t.withFields(tr.as[0])
		ci := out.colOf(tr.as[0])
		env := &exprEnv{fields: t.fields}
		out.rows = make([][]cell, len(t.rows))
		for i, row := range t.rows {
			env.row = row
			nr := out.copyRow(row)
			nr[ci] = f(env).toCell(tr.at)
			out.rows[i] = nr
		}
		return out
	case "fold":
		return r.fold(tr, t)
	case "flatten":
		return r.flatten(tr, t)
	case "aggregate":
		return r.aggregateTable(tr, t)
	case "joinaggregate":
		return r.joinAggregate(tr, t)
	case "window":
		return r.window(tr, t)
	case "bin":
		return r.binTable(t, tr.field, tr.as[0], tr.as[1], tr.bin, 10, tr.at)
	case "timeUnit":
		as := tr.as
		if len(as) == 0 {
			as = []string{timeUnitName(tr.units, tr.utc) + "_" + tr.field}
		}
		return r.timeUnitTable(t, tr.field, as[0], tr.units, tr.step, false, tr.at)
	case "lookup":
		return r.lookup(tr, t)
	case "pivot":
		return r.pivot(tr, t)
	case "impute":
		return r.imputeTable(tr, t)
	case "stack":
		return r.stackTable(tr, t)
	case "density":
		return r.density(tr, t)
	case "regression", "loess":
		return r.regression(tr, t)
	case "quantile":
		return r.quantile(tr, t)
	case "sample":
		n := int(tr.n.get("sample").num)
		if n < len(t.rows) {
			// Vega samples at random; a build draws the same rows every time.
			out := t.withFields()
			step := float64(len(t.rows)) / float64(max(n, 1))
			for i := range n {
				out.rows = append(out.rows, t.rows[int(float64(i)*step)])
			}
			return out
		}
		return t
	case "extent":
		r.extentParam(tr, t)
		return t
	}
	r.specError(tr.at, "", "transform %q is not supported", tr.op)
	return nil
}

// parseForFilter reads the fields a filter compares as its values' kind,
// as Vega-Lite parses them before the filter.
func (r *renderer) parseForFilter(t *table, p *pred) *table {
	parse := map[string]string{}
	var walk func(p *pred)
	walk = func(p *pred) {
		for _, k := range p.kids {
			walk(k)
		}
		if p.field == "" || len(p.lit) == 0 && len(p.units) == 0 {
			return
		}
		if len(p.units) > 0 {
			parse[p.field] = "date"
			return
		}
		if l := p.lit[0]; l != nil {
			switch {
			case isDateTime(l):
				parse[p.field] = "date"
			case l.kind == numNode && l.num != 0:
				parse[p.field] = "number"
			case l.kind == strNode && l.str != "":
				parse[p.field] = "string"
			}
		}
	}
	walk(p)
	for f := range parse {
		if t.colOf(f) < 0 || t.parsed[f] {
			delete(parse, f)
		}
	}
	if len(parse) == 0 {
		return t
	}
	out := r.parseTable(t, parse, t.at)
	out.parsed = map[string]bool{}
	for f, ok := range t.parsed {
		out.parsed[f] = ok
	}
	for f := range parse {
		out.parsed[f] = true
	}
	return out
}

func jsDateParsable(s string) bool {
	_, ok := jsDateParse(s)
	return ok
}

// predicate compiles a filter for a table's rows.
func (r *renderer) predicate(p *pred, t *table) func(*exprEnv) bool {
	switch p.op {
	case "and", "or":
		var kids []func(*exprEnv) bool
		for _, k := range p.kids {
			f := r.predicate(k, t)
			if f == nil {
				return nil
			}
			kids = append(kids, f)
		}
		if p.op == "and" {
			return func(e *exprEnv) bool {
				for _, k := range kids {
					if !k(e) {
						return false
					}
				}
				return true
			}
		}
		return func(e *exprEnv) bool {
			for _, k := range kids {
				if k(e) {
					return true
				}
			}
			return false
		}
	case "not":
		k := r.predicate(p.kids[0], t)
		if k == nil {
			return nil
		}
		return func(e *exprEnv) bool { return !k(e) }
	case "expr":
		f := r.compile(p.expr, p.at, t)
		if f == nil {
			return nil
		}
		return func(e *exprEnv) bool { return f(e).truthy() }
	case "param":
		empty := p.empty
		return func(*exprEnv) bool { return empty }
	}
	get := t.getter(p.field)
	val := func(e *exprEnv) xv {
		v := cellValue(get(e.row))
		if len(p.units) > 0 && v.valid() {
			if p.tuBinned {
				return xNumber(dateOf(v))
			}
			return xNumber(timeUnitFloor(p.units, 1, dateOf(v)))
		}
		return v
	}
	lits := make([]xv, len(p.lit))
	for i, l := range p.lit {
		switch {
		case isDateTime(l):
			ms, err := dateTimeMS(l)
			if err != nil {
				r.specError(l.at, "", "filter: %v", err)
				return nil
			}
			if len(p.units) > 0 {
				ms = timeUnitFloor(p.units, 1, ms)
			}
			lits[i] = xNumber(ms)
		case l.kind == nullNode:
			lits[i] = xNullV
		case len(p.units) == 1 && !p.utc && (l.kind == numNode && l.num < 10000 || l.kind == strNode && !jsDateParsable(l.str)):
			// Vega-Lite reads a bare number or name under a single time
			// unit as that unit: {"timeUnit": "year", "equal": 2006}.
			dt := &node{kind: mapNode, keys: []string{p.units[0]}, vals: []*node{l}, at: l.at}
			ms, err := dateTimeMS(dt)
			if err != nil {
				r.specError(l.at, "", "filter: %v", err)
				return nil
			}
			lits[i] = xNumber(timeUnitFloor(p.units, 1, ms))
		default:
			lits[i] = nodeValue(l)
			if len(p.units) > 0 && l.kind == strNode {
				if ms, ok := jsDateParse(l.str); ok {
					lits[i] = xNumber(timeUnitFloor(p.units, 1, ms))
				}
			}
		}
	}
	cmpOK := func(a, b xv, ok func(int) bool) bool {
		c, def := exprCompare(a, b)
		return def && ok(c)
	}
	switch p.op {
	case "equal":
		return func(e *exprEnv) bool { return exprStrictEqual(val(e), lits[0]) || looseDateEqual(val(e), lits[0]) }
	case "lt":
		return func(e *exprEnv) bool { return cmpOK(val(e), lits[0], func(c int) bool { return c < 0 }) }
	case "lte":
		return func(e *exprEnv) bool { return cmpOK(val(e), lits[0], func(c int) bool { return c <= 0 }) }
	case "gt":
		return func(e *exprEnv) bool { return cmpOK(val(e), lits[0], func(c int) bool { return c > 0 }) }
	case "gte":
		return func(e *exprEnv) bool { return cmpOK(val(e), lits[0], func(c int) bool { return c >= 0 }) }
	case "oneOf":
		return func(e *exprEnv) bool {
			v := val(e)
			for _, l := range lits {
				if exprStrictEqual(v, l) || looseDateEqual(v, l) {
					return true
				}
			}
			return false
		}
	case "range":
		return func(e *exprEnv) bool {
			v := val(e)
			if lits[0].k != xNull && !cmpOK(v, lits[0], func(c int) bool { return c >= 0 }) {
				return false
			}
			return lits[1].k == xNull || cmpOK(v, lits[1], func(c int) bool { return c <= 0 })
		}
	case "valid", "invalid":
		want := p.op == "valid"
		return func(e *exprEnv) bool {
			v := val(e)
			ok := v.k != xNull && v.k != xUndef && !math.IsNaN(v.num())
			return ok == want
		}
	}
	r.specError(p.at, "", "filter %q is not supported", p.op)
	return nil
}

// looseDateEqual compares a date with a number as Vega-Lite's generated
// time(...) === time(...) does.
func looseDateEqual(a, b xv) bool {
	if (a.k == xDate || b.k == xDate) && (a.k == xNum || a.k == xDate) && (b.k == xNum || b.k == xDate) {
		return a.n == b.n
	}
	return false
}

func (r *renderer) fold(tr *transform, t *table) *table {
	key, val := "key", "value"
	if len(tr.as) > 0 {
		key = tr.as[0]
	}
	if len(tr.as) > 1 {
		val = tr.as[1]
	}
	out := t.withFields(key, val)
	ki, vi := out.colOf(key), out.colOf(val)
	gets := make([]func([]cell) cell, len(tr.fields))
	for i, f := range tr.fields {
		gets[i] = t.getter(f)
	}
	for _, row := range t.rows {
		for i, f := range tr.fields {
			nr := out.copyRow(row)
			nr[ki] = cell{kind: strNode, text: f, at: tr.at}
			nr[vi] = gets[i](row)
			out.rows = append(out.rows, nr)
		}
	}
	return out
}

func (r *renderer) flatten(tr *transform, t *table) *table {
	as := tr.as
	if len(as) < len(tr.fields) {
		as = append(slices.Clone(as), tr.fields[len(as):]...)
	}
	out := t.withFields(as...)
	gets := make([]func([]cell) cell, len(tr.fields))
	for i, f := range tr.fields {
		gets[i] = t.getter(f)
	}
	for _, row := range t.rows {
		n := 0
		lists := make([]*node, len(tr.fields))
		for i := range tr.fields {
			c := gets[i](row)
			if c.kind == seqNode && c.obj != nil {
				lists[i] = c.obj
				n = max(n, len(c.obj.items))
			}
		}
		for j := range n {
			nr := out.copyRow(row)
			for i := range tr.fields {
				c := cell{kind: nullNode}
				if lists[i] != nil && j < len(lists[i].items) {
					c = nodeCell(lists[i].items[j])
				}
				nr[out.colOf(as[i])] = c
			}
			out.rows = append(out.rows, nr)
			if len(out.rows) > maxPipelineRows {
				r.specError(tr.at, "", "flatten makes more than %d rows", maxPipelineRows)
				return nil
			}
		}
	}
	return out
}

// maxPipelineRows bounds what a transform may make from its input.
const maxPipelineRows = 2000000

// groups partitions rows by the groupby fields, in order of appearance.
func groupRows(t *table, groupby []string) (keys [][]cell, parts [][][]cell) {
	gets := make([]func([]cell) cell, len(groupby))
	for i, g := range groupby {
		gets[i] = t.getter(g)
	}
	index := map[string]int{}
	var kb []byte
	for _, row := range t.rows {
		kb = kb[:0]
		vals := make([]cell, len(groupby))
		for i, g := range gets {
			c := g(row)
			vals[i] = c
			kb = append(kb, groupKey(c)...)
			kb = append(kb, 0)
		}
		gi, ok := index[string(kb)]
		if !ok {
			gi = len(parts)
			index[string(kb)] = gi
			keys = append(keys, vals)
			parts = append(parts, nil)
		}
		parts[gi] = append(parts[gi], row)
	}
	return keys, parts
}

// groupKey is a cell's identity for grouping and joins: its text as
// JavaScript writes it, as Vega's group keys are (1 and "1" are one key).
func groupKey(c cell) string {
	switch c.kind {
	case nullNode:
		return "null"
	case numNode, dateNode:
		return jsNumber(c.num)
	case boolNode:
		if c.num != 0 || c.text == "true" {
			return "true"
		}
		return "false"
	case mapNode, seqNode:
		return cellValue(c).str()
	}
	return c.text
}

func (r *renderer) aggInputs(t *table, rows [][]cell, a aggSpec) *aggInput {
	in := &aggInput{param: a.param}
	get := func([]cell) cell { return cell{kind: numNode, num: 1} }
	if a.field != "" && a.field != "*" {
		get = t.getter(a.field)
	}
	in.vals = make([]xv, len(rows))
	for i, row := range rows {
		in.vals[i] = cellValue(get(row))
	}
	in.rows = rows
	return in
}

// aggValueCell computes an aggregate op as a cell; argmin and argmax give
// the whole record as an object.
func (r *renderer) aggValueCell(t *table, rows [][]cell, a aggSpec, at pos) cell {
	in := r.aggInputs(t, rows, a)
	v, ok := aggValue(a.op, in)
	if !ok {
		return cell{kind: nullNode, at: at}
	}
	if a.op == "argmin" || a.op == "argmax" {
		o := v.obj()
		o.keys = t.fields
		return v.toCell(at)
	}
	return v.toCell(at)
}

func (r *renderer) aggregateTable(tr *transform, t *table) *table {
	keys, parts := groupRows(t, tr.groupby)
	if len(tr.groupby) == 0 && len(parts) == 0 {
		keys, parts = [][]cell{{}}, [][][]cell{nil}
	}
	fields := slices.Clone(tr.groupby)
	for _, a := range tr.ops {
		fields = append(fields, a.as)
	}
	out := &table{path: t.path, at: t.at, fields: fields}
	for gi, rows := range parts {
		nr := make([]cell, 0, len(fields))
		nr = append(nr, keys[gi]...)
		for _, a := range tr.ops {
			nr = append(nr, r.aggValueCell(t, rows, a, tr.at))
		}
		out.rows = append(out.rows, nr)
	}
	return out
}

func (r *renderer) joinAggregate(tr *transform, t *table) *table {
	var as []string
	for _, a := range tr.ops {
		as = append(as, a.as)
	}
	out := t.withFields(as...)
	_, parts := groupRows(t, tr.groupby)
	for _, rows := range parts {
		vals := make([]cell, len(tr.ops))
		for i, a := range tr.ops {
			vals[i] = r.aggValueCell(t, rows, a, tr.at)
		}
		for _, row := range rows {
			nr := out.copyRow(row)
			for i, a := range tr.ops {
				nr[out.colOf(a.as)] = vals[i]
			}
			out.rows = append(out.rows, nr)
		}
	}
	return out
}

// compareCells orders cells as Vega's ascending comparator does: numbers
// and dates by value, text by text, nulls first.
func compareCells(a, b cell) int {
	av, bv := cellValue(a), cellValue(b)
	an, bn := !av.valid(), !bv.valid()
	switch {
	case an && bn:
		return 0
	case an:
		return -1
	case bn:
		return 1
	}
	if av.k == xStr && bv.k == xStr {
		return jsStringCompare(av.s, bv.s)
	}
	x, y := av.num(), bv.num()
	if math.IsNaN(x) || math.IsNaN(y) {
		return jsStringCompare(av.str(), bv.str())
	}
	return cmp.Compare(x, y)
}

func (r *renderer) sorter(t *table, sort []sortField) func(a, b []cell) int {
	if len(sort) == 0 {
		return nil
	}
	gets := make([]func([]cell) cell, len(sort))
	for i, s := range sort {
		gets[i] = t.getter(s.field)
	}
	return func(a, b []cell) int {
		for i, s := range sort {
			c := compareCells(gets[i](a), gets[i](b))
			if s.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return 0
	}
}

func (r *renderer) window(tr *transform, t *table) *table {
	var as []string
	for _, a := range tr.ops {
		as = append(as, a.as)
	}
	out := t.withFields(as...)
	cmpf := r.sorter(t, tr.sort)
	_, parts := groupRows(t, tr.groupby)
	for _, rows := range parts {
		rows = slices.Clone(rows)
		if cmpf != nil {
			slices.SortStableFunc(rows, cmpf)
		}
		n := len(rows)
		results := make([][]cell, n)
		for i := range results {
			results[i] = out.copyRow(rows[i])
		}
		peers := func(i, j int) bool { return cmpf == nil || cmpf(rows[i], rows[j]) == 0 }
		for k, a := range tr.ops {
			ci := out.colOf(a.as)
			get := func([]cell) cell { return cell{kind: nullNode} }
			if a.field != "" {
				get = t.getter(a.field)
			}
			rank, drank := 1, 1
			for i := range n {
				// The frame, widened to peers when sorted without ignorePeers.
				i0, i1 := 0, n
				if tr.frame[0] != nil {
					i0 = max(0, min(n, i+int(*tr.frame[0])))
				}
				if tr.frame[1] != nil {
					i1 = max(0, min(n, i+int(*tr.frame[1])+1))
				}
				if cmpf != nil && !tr.peers {
					for i0 > 0 && i0 < n && peers(i0, i0-1) {
						i0--
					}
					for i1 > 0 && i1 < n && peers(i1-1, i1) {
						i1++
					}
				}
				var v cell
				switch a.op {
				case "row_number":
					v = xNumber(float64(i + 1)).toCell(tr.at)
				case "rank":
					if i > 0 && !peers(i-1, i) {
						rank = i + 1
					}
					v = xNumber(float64(rank)).toCell(tr.at)
				case "dense_rank":
					if i > 0 && !peers(i-1, i) {
						drank++
					}
					v = xNumber(float64(drank)).toCell(tr.at)
				case "percent_rank":
					if i > 0 && !peers(i-1, i) {
						rank = i + 1
					}
					v = xNumber(float64(rank-1) / float64(n-1)).toCell(tr.at)
				case "cume_dist", "ntile":
					j := i
					for j+1 < n && peers(j, j+1) {
						j++
					}
					c := float64(j+1) / float64(n)
					if a.op == "ntile" {
						c = math.Ceil(a.param * c)
					}
					v = xNumber(c).toCell(tr.at)
				case "lag", "lead":
					off := int(a.param)
					if off == 0 {
						off = 1
					}
					if a.op == "lag" {
						off = -off
					}
					if j := i + off; j >= 0 && j < n {
						v = get(rows[j])
					} else {
						v = cell{kind: nullNode}
					}
				case "first_value":
					v = cell{kind: nullNode}
					if i0 < i1 {
						v = get(rows[i0])
					}
				case "last_value":
					v = cell{kind: nullNode}
					if i0 < i1 {
						v = get(rows[i1-1])
					}
				case "nth_value":
					v = cell{kind: nullNode}
					if j := i0 + int(a.param) - 1; j < i1 && j >= i0 {
						v = get(rows[j])
					}
				case "prev_value", "next_value":
					v = cell{kind: nullNode}
				default:
					v = r.aggValueCell(t, rows[i0:i1], a, tr.at)
				}
				results[i][ci] = v
			}
			_ = k
		}
		out.rows = append(out.rows, results...)
	}
	return out
}

// binTable bins a field as Vega's bin transform does, into as (the start)
// and asEnd.
func (r *renderer) binTable(t *table, field, as, asEnd string, b *binSpec, maxbins float64, at pos) *table {
	get := t.getter(field)
	out := t.withFields(as, asEnd)
	out.rows = make([][]cell, len(t.rows))
	if b.binned {
		for i, row := range t.rows {
			nr := out.copyRow(row)
			nr[out.colOf(as)] = get(row)
			out.rows[i] = nr
		}
		return out
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	if len(b.extent) == 2 {
		lo, hi = b.extent[0], b.extent[1]
	} else {
		for _, row := range t.rows {
			v := cellValue(get(row))
			if !v.valid() {
				continue
			}
			f := v.num()
			if math.IsNaN(f) {
				continue
			}
			lo, hi = math.Min(lo, f), math.Max(hi, f)
		}
	}
	if math.IsInf(lo, 1) {
		for i, row := range t.rows {
			out.rows[i] = out.copyRow(row)
		}
		return out
	}
	mb := b.maxbins
	if mb == 0 {
		mb = maxbins
	}
	bs := vegaBins(lo, hi, mb, b)
	ai, ei := out.colOf(as), out.colOf(asEnd)
	for i, row := range t.rows {
		nr := out.copyRow(row)
		v := cellValue(get(row))
		if !v.valid() || math.IsNaN(v.num()) {
			nr[ai], nr[ei] = cell{kind: nullNode, at: at}, cell{kind: nullNode, at: at}
		} else {
			x := bs.bin(v.num())
			nr[ai] = xNumber(x).toCell(at)
			nr[ei] = xNumber(bs.start + bs.step*(1+(x-bs.start)/bs.step)).toCell(at)
		}
		out.rows[i] = nr
	}
	if out.bins == nil {
		out.bins = map[string]binning{}
	}
	for k, v := range t.bins {
		out.bins[k] = v
	}
	out.bins[as] = bs
	return out
}

// binning is a bin transform's result: its start, stop and step.
type binning struct{ start, stop, step float64 }

func (b binning) bin(v float64) float64 {
	switch {
	case v < b.start:
		return math.Inf(-1)
	case v > b.stop:
		return math.Inf(1)
	}
	v = math.Max(b.start, math.Min(v, b.stop-b.step))
	return b.start + b.step*math.Floor(1e-14+(v-b.start)/b.step)
}

// vegaBins is vega-statistics' bin with Vega's anchor.
func vegaBins(lo, hi, maxbins float64, b *binSpec) binning {
	base := b.base
	if base == 0 {
		base = 10
	}
	logb := math.Log(base)
	div := b.divide
	if len(div) == 0 {
		div = []float64{5, 2}
	}
	span := hi - lo
	if span == 0 {
		span = math.Abs(lo)
	}
	if span == 0 {
		span = 1
	}
	var step float64
	switch {
	case b.step > 0:
		step = b.step
	case len(b.steps) > 0:
		v := span / maxbins
		i := 0
		for i < len(b.steps) && b.steps[i] < v {
			i++
		}
		step = b.steps[max(0, i-1)]
	default:
		level := math.Ceil(math.Log(maxbins) / logb)
		minstep := b.minstep
		step = math.Max(minstep, math.Pow(base, math.Round(math.Log(span)/logb)-level))
		for math.Ceil(span/step) > maxbins {
			step *= base
		}
		for _, d := range div {
			v := step / d
			if v >= minstep && span/v <= maxbins {
				step = v
			}
		}
	}
	v := math.Log(step)
	precision := 0
	if v < 0 {
		precision = int(-v/logb) + 1
	}
	eps := math.Pow(base, float64(-precision-1))
	min, max := lo, hi
	if b.nice {
		v := math.Floor(min/step+eps) * step
		if min < v {
			min = v - step
		} else {
			min = v
		}
		max = math.Ceil(max/step) * step
	}
	if max == min {
		max = min + step
	}
	start := min
	stop := start + math.Ceil((max-start)/step)*step
	if b.anchor != nil {
		a := *b.anchor
		d := a - (start + step*math.Floor((a-start)/step))
		start += d
		stop += d
	}
	return binning{start: start, stop: stop, step: step}
}

// timeUnitEnd is the end of the time unit interval that starts at ms.
func timeUnitEnd(units []string, step int, ms float64) float64 {
	return offsetTime(units[len(units)-1], ms, max(step, 1))
}

// timeUnitTable adds a field with dates floored to time units.
func (r *renderer) timeUnitTable(t *table, field, as string, units []string, step int, binned bool, at pos) *table {
	get := t.getter(field)
	out := t.withFields(as, as+"_end")
	ai, ei := out.colOf(as), out.colOf(as+"_end")
	out.rows = make([][]cell, len(t.rows))
	for i, row := range t.rows {
		nr := out.copyRow(row)
		v := cellValue(get(row))
		if !v.valid() {
			nr[ai], nr[ei] = cell{kind: nullNode, at: at}, cell{kind: nullNode, at: at}
		} else {
			ms := dateOf(v)
			if !binned {
				ms = timeUnitFloor(units, step, ms)
			}
			nr[ai] = cell{kind: dateNode, num: ms, at: at}
			nr[ei] = cell{kind: dateNode, num: timeUnitEnd(units, step, ms), at: at}
		}
		out.rows[i] = nr
	}
	return out
}

func (r *renderer) lookup(tr *transform, t *table) *table {
	if tr.from == nil {
		return nil
	}
	src := r.tableFor(tr.from)
	if src == nil {
		return nil
	}
	src = r.parseTable(src, tr.from.parse, tr.from.at)
	keyGet := src.getter(tr.key)
	index := map[string][]cell{}
	for _, row := range src.rows {
		k := groupKey(keyGet(row))
		if _, ok := index[k]; !ok {
			index[k] = row
		}
	}
	get := t.getter(tr.field)
	var dflt cell
	if tr.dflt != nil {
		dflt = nodeCell(tr.dflt)
	} else {
		dflt = cell{kind: nullNode}
	}
	if len(tr.fields) == 0 {
		// The whole record, under "as".
		out := t.withFields(tr.as[0])
		ci := out.colOf(tr.as[0])
		for _, row := range t.rows {
			nr := out.copyRow(row)
			if m, ok := index[groupKey(get(row))]; ok {
				nr[ci] = rowXV(m).withKeys(src.fields).toCell(tr.at)
			} else {
				nr[ci] = dflt
			}
			out.rows = append(out.rows, nr)
		}
		return out
	}
	as := tr.as
	if len(as) < len(tr.fields) {
		as = append(slices.Clone(as), tr.fields[len(as):]...)
	}
	out := t.withFields(as...)
	fgets := make([]func([]cell) cell, len(tr.fields))
	for i, f := range tr.fields {
		fgets[i] = src.getter(f)
	}
	for _, row := range t.rows {
		nr := out.copyRow(row)
		m, ok := index[groupKey(get(row))]
		for i := range tr.fields {
			c := dflt
			if ok {
				c = fgets[i](m)
			}
			nr[out.colOf(as[i])] = c
		}
		out.rows = append(out.rows, nr)
	}
	return out
}

// withKeys names an argmin/argmax or lookup record's values.
func (v xv) withKeys(keys []string) xv {
	if o := v.obj(); o != nil {
		o.keys = keys
	}
	return v
}

func (r *renderer) pivot(tr *transform, t *table) *table {
	pget := t.getter(tr.field)
	// The pivoted columns, sorted by their names as Vega does.
	seen := map[string]bool{}
	var cols []string
	for _, row := range t.rows {
		c := pget(row)
		if c.kind == nullNode {
			continue
		}
		name := cellValue(c).str()
		if !seen[name] {
			seen[name] = true
			cols = append(cols, name)
		}
	}
	slices.SortFunc(cols, func(a, b string) int { return jsStringCompare(a, b) })
	if tr.limit > 0 && len(cols) > tr.limit {
		cols = cols[:tr.limit]
	}
	op := "sum"
	if o := tr.num["op"]; o != nil && o.kind == strNode {
		op = o.str
	}
	keys, parts := groupRows(t, tr.groupby)
	out := &table{path: t.path, at: t.at, fields: append(slices.Clone(tr.groupby), cols...)}
	for gi, rows := range parts {
		nr := slices.Clone(keys[gi])
		for _, col := range cols {
			var sub [][]cell
			for _, row := range rows {
				if cellValue(pget(row)).str() == col {
					sub = append(sub, row)
				}
			}
			if len(sub) == 0 && op != "count" {
				nr = append(nr, cell{kind: nullNode})
				continue
			}
			nr = append(nr, r.aggValueCell(t, sub, aggSpec{op: op, field: tr.value}, tr.at))
		}
		out.rows = append(out.rows, nr)
	}
	return out
}

func (r *renderer) extentParam(tr *transform, t *table) {
	p := tr.num["param"]
	if p == nil || p.kind != strNode {
		return
	}
	get := t.getter(tr.field)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, row := range t.rows {
		v := cellValue(get(row))
		if v.valid() {
			f := v.num()
			lo, hi = math.Min(lo, f), math.Max(hi, f)
		}
	}
	r.s.params[p.str] = xArray([]xv{xNumber(lo), xNumber(hi)})
}

// encodingTransforms derives the fields the encoding's bins and time units
// read.
func (r *renderer) encodingTransforms(u *unit, t *table) *table {
	done := map[string]bool{}
	for i, c := range u.enc.slotsAll() {
		if c == nil || c.srcField == "" || done[c.field] {
			continue
		}
		if !t.hasField(c.srcField) {
			continue // reported when the channel is read
		}
		done[c.field] = true
		switch {
		case c.bin != nil:
			mb := 10.0
			if i < numChannels {
				mb = autoMaxBins(i)
			}
			t = r.binTable(t, c.srcField, c.field, c.fieldEnd, c.bin, mb, c.fieldAt)
		case len(c.units) > 0:
			t = r.timeUnitTable(t, c.srcField, c.field, c.units, c.tuStep, c.tuBinned, c.fieldAt)
		}
	}
	return t
}

// autoMaxBins is Vega-Lite's default number of bins for a channel.
func autoMaxBins(ci int) float64 {
	switch ci {
	case chRow, chColumn, chFacet, chSize, chColor, chFill, chStroke, chStrokeWidth, chOpacity, chFillOpacity, chStrokeOpacity, chShape:
		return 6
	case chStrokeDash:
		return 4
	}
	return 10
}

// derivedFieldName is the field Vega-Lite gives a binned or time-unit
// field.
func derivedFieldName(c *channel) string {
	switch {
	case c.bin != nil && c.bin.binned:
		return c.field
	case c.bin != nil:
		return fmt.Sprintf("bin_maxbins_%s_%s", jsNumber(c.bin.maxbins), c.field)
	case len(c.units) > 0:
		return timeUnitName(c.units, c.utc) + "_" + c.field
	}
	return c.field
}
