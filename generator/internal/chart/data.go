package chart

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/itu-d/portal/generator/internal/diag"
)

// table is data as read: text and numbers that remember their position in
// the spec or the CSV file, parsed only once a field's type is known.
type table struct {
	path   string
	fields []string
	rows   [][]cell
	at     pos // the data key or data.url, for whole-table problems
}

type cell struct {
	kind nodeKind // nullNode, boolNode, numNode or strNode
	text string
	num  float64
	at   pos
}

func (t *table) col(field string) int { return slices.Index(t.fields, field) }

func inlineTable(path string, n *node, at pos) *table {
	t := &table{path: path, at: at}
	for _, it := range n.items {
		if it.kind != mapNode {
			continue
		}
		for _, k := range it.keys {
			if t.col(k) < 0 {
				t.fields = append(t.fields, k)
			}
		}
	}
	for _, it := range n.items {
		if it.kind != mapNode {
			continue
		}
		row := make([]cell, len(t.fields))
		for i := range row {
			row[i] = cell{kind: nullNode, at: it.at}
		}
		for i, k := range it.keys {
			v := it.vals[i]
			c := cell{kind: v.kind, text: v.str, num: v.num, at: v.at}
			if v.kind == mapNode || v.kind == seqNode {
				c.kind = nullNode
			}
			row[t.col(k)] = c
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// csvTable reads a CSV file with a header row. Empty cells are null.
func csvTable(path string, src []byte) (*table, *diag.Problem) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(src))
	r.FieldsPerRecord = 0
	t := &table{path: path, at: pos{1, 1}}
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &diag.Problem{Path: path, Line: 1, Col: 1, Msg: "the CSV file is empty"}
		}
		return nil, csvProblem(path, err)
	}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			line, col := r.FieldPos(i)
			return nil, &diag.Problem{Path: path, Line: line, Col: col, Msg: fmt.Sprintf("column %d has no name", i+1)}
		}
		if t.col(h) >= 0 {
			line, col := r.FieldPos(i)
			return nil, &diag.Problem{Path: path, Line: line, Col: col, Msg: fmt.Sprintf("column %q appears twice", h)}
		}
		t.fields = append(t.fields, h)
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvProblem(path, err)
		}
		row := make([]cell, len(rec))
		for i, s := range rec {
			line, col := r.FieldPos(i)
			c := cell{kind: strNode, text: s, at: pos{line, col}}
			if strings.TrimSpace(s) == "" {
				c.kind = nullNode
			}
			row[i] = c
		}
		t.rows = append(t.rows, row)
	}
	return t, nil
}

func csvProblem(path string, err error) *diag.Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &diag.Problem{Path: path, Line: pe.Line, Col: pe.Column, Msg: "CSV: " + pe.Err.Error()}
	}
	return &diag.Problem{Path: path, Line: 1, Col: 1, Msg: "CSV: " + err.Error()}
}

// Temporal granularity: what the data says, and so how to show it.
const (
	granYear = iota
	granMonth
	granDay
)

// value is one cell read as its channel's type.
type value struct {
	null bool
	s    string  // text; for numbers and dates a canonical key
	n    float64 // number; for dates, days since 1970-01-01
	gran int
}

func (v value) key() string { return v.s }

func numValue(f float64) value {
	return value{n: f, s: strconv.FormatFloat(f, 'g', -1, 64)}
}

func dayTime(days float64) time.Time {
	return time.Unix(int64(math.Round(days*86400)), 0).UTC()
}

func timeDays(t time.Time) float64 { return float64(t.Unix()) / 86400 }

// parseValue reads a cell as a field type.
func parseValue(c cell, typ string) (value, error) {
	if c.kind == nullNode {
		return value{null: true}, nil
	}
	switch typ {
	case "quantitative":
		switch c.kind {
		case numNode:
			return numValue(c.num), nil
		case strNode:
			s := strings.TrimSpace(c.text)
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || !isNumeral(s) {
				return value{}, fmt.Errorf("cannot read %q as a number", c.text)
			}
			return numValue(f), nil
		}
		return value{}, fmt.Errorf("cannot read %s as a number", c.text)
	case "temporal":
		s := strings.TrimSpace(c.text)
		if c.kind == numNode && c.num == math.Trunc(c.num) {
			s = strconv.Itoa(int(c.num))
		}
		if d, gran, ok := parseDate(s); ok {
			return value{s: s, n: d, gran: gran}, nil
		}
		return value{}, fmt.Errorf("cannot read %q as a date (write 2006, 2006-01 or 2006-01-02)", c.text)
	}
	if c.kind == boolNode {
		return value{s: strconv.FormatBool(c.num != 0 || c.text == "true")}, nil
	}
	return value{s: c.text, n: c.num}, nil
}

func parseDate(s string) (days float64, gran int, ok bool) {
	for g, layout := range []string{"2006", "2006-01", "2006-01-02"} {
		if len(s) != len(layout) {
			continue
		}
		t, err := time.Parse(layout, s)
		if err == nil {
			return timeDays(t), g, true
		}
	}
	return 0, 0, false
}

// literalValue reads a filter literal in the field's type.
func literalValue(n *node, typ string) (value, error) {
	c := cell{kind: n.kind, text: n.str, num: n.num, at: n.at}
	if typ == "" {
		typ = "nominal"
		if n.kind == numNode {
			typ = "quantitative"
		}
	}
	return parseValue(c, typ)
}

// compare orders two values of one type; nominal text by the language.
func compareValues(l *locale, a, b value, typ string) int {
	switch typ {
	case "quantitative", "temporal":
		switch {
		case a.n < b.n:
			return -1
		case a.n > b.n:
			return 1
		}
		return 0
	}
	fa, ea := strconv.ParseFloat(a.s, 64)
	fb, eb := strconv.ParseFloat(b.s, 64)
	if ea == nil && eb == nil {
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	}
	return l.compare(a.s, b.s)
}

// match evaluates a filter on one record.
func (p *pred) match(r *renderer, t *table, row []cell, types map[string]string) bool {
	switch p.op {
	case "and":
		for _, k := range p.kids {
			if !k.match(r, t, row, types) {
				return false
			}
		}
		return true
	case "or":
		for _, k := range p.kids {
			if k.match(r, t, row, types) {
				return true
			}
		}
		return false
	case "not":
		return !p.kids[0].match(r, t, row, types)
	}
	ci := t.col(p.field)
	if ci < 0 || ci >= len(row) {
		return false
	}
	typ := types[p.field]
	if typ == "" && len(p.lit) > 0 && p.lit[0].kind == numNode {
		typ = "quantitative"
	}
	if typ == "" {
		typ = "nominal"
	}
	v, err := parseValue(row[ci], typ)
	if err != nil {
		r.cellError(t, row[ci], err)
		return false
	}
	if v.null {
		return false
	}
	for _, lit := range p.lit {
		lv, err := literalValue(lit, typ)
		if err != nil {
			r.specError(lit.at, "", "filter on %q: %v", p.field, err)
			return false
		}
		c := compareValues(r.loc, v, lv, typ)
		switch p.op {
		case "equal", "oneOf":
			if c == 0 {
				return true
			}
		case "lt":
			return c < 0
		case "lte":
			return c <= 0
		case "gt":
			return c > 0
		case "gte":
			return c >= 0
		}
	}
	return false
}

func (p *pred) fields(out []*pred) []*pred {
	if p.field != "" && len(p.kids) == 0 {
		return append(out, p)
	}
	for _, k := range p.kids {
		out = k.fields(out)
	}
	return out
}

// aggregateRows groups rows by their non-aggregated channels and computes
// each aggregated channel over the group.
func aggregateRows(rows []*mrow, enc *encoding) []*mrow {
	aggs := false
	for _, c := range enc.all() {
		if c.agg != "" {
			aggs = true
		}
	}
	if !aggs {
		return rows
	}
	type group struct {
		first *mrow
		vals  [][]float64 // per aggregated channel slot
		n     int
	}
	slots := enc.slots()
	var order []string
	groups := map[string]*group{}
	for _, r := range rows {
		var kb strings.Builder
		for i, c := range slots {
			if c != nil && c.agg == "" {
				kb.WriteString(r.at(i).s)
				kb.WriteByte(0)
			}
		}
		k := kb.String()
		g := groups[k]
		if g == nil {
			g = &group{first: r, vals: make([][]float64, len(slots))}
			groups[k] = g
			order = append(order, k)
		}
		g.n++
		for i, c := range slots {
			if c != nil && c.agg != "" && c.agg != "count" && !r.at(i).null {
				g.vals[i] = append(g.vals[i], r.at(i).n)
			}
		}
	}
	out := make([]*mrow, 0, len(order))
	for _, k := range order {
		g := groups[k]
		nr := g.first.clone()
		for i, c := range slots {
			if c == nil || c.agg == "" {
				continue
			}
			if c.agg == "count" {
				nr.set(i, numValue(float64(g.n)))
				continue
			}
			v, ok := aggregate(c.agg, g.vals[i])
			if !ok {
				nr.set(i, value{null: true})
				continue
			}
			nr.set(i, numValue(v))
		}
		out = append(out, nr)
	}
	return out
}

func aggregate(op string, xs []float64) (float64, bool) {
	if len(xs) == 0 {
		return 0, op == "sum"
	}
	switch op {
	case "sum", "mean":
		s := 0.0
		for _, x := range xs {
			s += x
		}
		if op == "mean" {
			s /= float64(len(xs))
		}
		return s, true
	case "min":
		return slices.Min(xs), true
	case "max":
		return slices.Max(xs), true
	case "count":
		return float64(len(xs)), true
	}
	return 0, false
}
