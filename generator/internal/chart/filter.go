package chart

import (
	"fmt"
	"math"
	"slices"
)

var predKeys = []string{"and", "equal", "field", "gt", "gte", "in", "lt", "lte", "not", "oneOf", "or", "param", "range", "timeUnit", "valid", "empty"}

// pred reads a filter: an expression, a field predicate, a param, or
// and/or/not of filters.
func (d *decoder) pred(n *node) *pred {
	switch n.kind {
	case strNode:
		if _, err := compileExpr(n.str, &exprScope{params: d.params}); err != nil {
			d.exprErr(n, err)
			return nil
		}
		return &pred{op: "expr", expr: n.str, at: n.at}
	case boolNode:
		if n.b {
			return &pred{op: "expr", expr: "true", at: n.at}
		}
		return &pred{op: "expr", expr: "false", at: n.at}
	case mapNode:
	default:
		d.errAt(n.at, "", `a filter must be an expression or an object such as {"field": "year", "gte": 2010}`)
		return nil
	}
	for _, op := range []string{"and", "or"} {
		if v := n.get(op); v != nil {
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
	}
	if v := n.get("not"); v != nil {
		k := d.pred(v)
		if k == nil {
			return nil
		}
		return &pred{op: "not", at: n.at, kids: []*pred{k}}
	}
	if v := n.get("param"); v != nil {
		p := &pred{op: "param", at: n.at, empty: true}
		p.param, _ = d.str(v, "param")
		if e := n.get("empty"); e != nil {
			p.empty, _ = d.boolean(e, "empty")
		}
		return p
	}
	p := &pred{at: n.at}
	set := func(at pos, op string) bool {
		if p.op != "" {
			d.errAt(at, `combine comparisons with {"and": [...]}`, "a filter compares once; found %q and %q", p.op, op)
			return false
		}
		p.op = op
		return true
	}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "field":
			if f, ok := d.str(v, "filter field"); ok {
				p.field, p.at = f, v.at
			}
		case "equal", "lt", "lte", "gt", "gte":
			if !set(at, k) {
				continue
			}
			if v.kind == mapNode && v.get("expr") != nil {
				if f, ok := d.exprNumber(v.get("expr")); ok {
					v = &node{kind: numNode, num: f, str: jsNumber(f), at: v.at}
				}
			}
			if v.kind != strNode && v.kind != numNode && v.kind != boolNode && !isDateTime(v) {
				d.errAt(v.at, "", "filter %s needs text, a number or a date", k)
				continue
			}
			p.lit = []*node{v}
		case "oneOf", "in":
			if set(at, "oneOf") && d.want(v, seqNode, "filter oneOf") {
				p.lit = v.items
			}
		case "range":
			if !set(at, "range") {
				continue
			}
			if d.want(v, seqNode, "filter range") && len(v.items) == 2 {
				p.lit = v.items
			} else if v.kind == seqNode {
				d.errAt(v.at, "", "filter range needs two values")
			}
		case "valid":
			if b, ok := d.boolean(v, "valid"); ok && set(at, "valid") {
				if !b {
					p.op = "invalid"
				}
			}
		case "timeUnit":
			p.units, p.utc, _ = d.timeUnit(v)
			p.tuBinned = binnedTimeUnit(v)
		case "empty":
		default:
			d.unknown(at, k, "filter", predKeys, "")
		}
	}
	if p.field == "" {
		d.errAt(n.at, "", `a filter needs "field"`)
		return nil
	}
	if p.op == "" {
		d.errAt(n.at, "", "the filter on %q compares nothing; add equal, lt, lte, gt, gte, oneOf, range or valid", p.field)
		return nil
	}
	return p
}

// isDateTime says whether n is a Vega-Lite DateTime object.
func isDateTime(n *node) bool {
	if n.kind != mapNode || len(n.keys) == 0 {
		return false
	}
	for _, k := range n.keys {
		if !slices.Contains([]string{"year", "quarter", "month", "date", "day", "hours", "minutes", "seconds", "milliseconds", "utc"}, k) {
			return false
		}
	}
	return true
}

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
var dayNames = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// nameIndex is the index in names (lower case) of the name s writes in
// full or from its first three letters on, in any case; -1 for none.
func nameIndex(names []string, s string) int {
	s = toLowerASCII(s)
	for i, n := range names {
		if len(s) >= 3 && len(s) <= len(n) && n[:len(s)] == s {
			return i
		}
	}
	return -1
}

// dateTimeMS reads a DateTime object as Vega-Lite does: months are 1 to 12
// (or names), days of the week are names or 0 to 6.
func dateTimeMS(n *node) (float64, error) {
	parts := []xv{xNumber(2012), xNumber(0), xNumber(1), xNumber(0), xNumber(0), xNumber(0), xNumber(0)}
	hasYear := false
	for i, k := range n.keys {
		v := n.vals[i]
		val := func() (float64, error) {
			if v.kind == numNode {
				return v.num, nil
			}
			return 0, fmt.Errorf("%s must be a number", k)
		}
		switch k {
		case "year":
			f, err := val()
			if err != nil {
				return 0, err
			}
			parts[0], hasYear = xNumber(f), true
		case "quarter":
			f, err := val()
			if err != nil {
				return 0, err
			}
			parts[1] = xNumber((f - 1) * 3)
		case "month":
			if v.kind == strNode {
				idx := nameIndex(monthNames, v.str)
				if idx < 0 {
					return 0, fmt.Errorf("month %q is not a month", v.str)
				}
				parts[1] = xNumber(float64(idx))
				continue
			}
			f, err := val()
			if err != nil {
				return 0, err
			}
			parts[1] = xNumber(f - 1)
		case "date":
			f, err := val()
			if err != nil {
				return 0, err
			}
			parts[2] = xNumber(f)
		case "day":
			dow := 0.0
			if v.kind == strNode {
				dow = float64(nameIndex(dayNames, v.str))
				if dow < 0 {
					return 0, fmt.Errorf("day %q is not a day of the week", v.str)
				}
			} else if f, err := val(); err == nil {
				dow = f
			}
			// A day of the week is its date in the first week of 2012,
			// which starts on a Sunday.
			parts[2] = xNumber(1 + dow)
		case "hours", "minutes", "seconds", "milliseconds":
			f, err := val()
			if err != nil {
				return 0, err
			}
			parts[map[string]int{"hours": 3, "minutes": 4, "seconds": 5, "milliseconds": 6}[k]] = xNumber(f)
		}
	}
	_ = hasYear
	ms := makeDate(parts)
	if math.IsNaN(ms) {
		return 0, fmt.Errorf("not a date")
	}
	return ms, nil
}

func toLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
