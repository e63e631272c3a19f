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
	"unicode/utf8"

	"github.com/itu-d/portal/generator/internal/diag"
)

// table is data as read: text and numbers that remember their position in
// the spec or the CSV file, parsed only once a field's type is known.
type table struct {
	path   string
	fields []string
	rows   [][]cell
	at     pos // the data key or data.url, for whole-table problems

	index  map[string]int     // field -> column, for wide tables
	parsed map[string]bool    // fields a filter has parsed already
	bins   map[string]binning // the bins of binned fields
}

type cell struct {
	kind nodeKind // nullNode, boolNode, numNode, strNode; dateNode (num in ms); mapNode or seqNode (obj)
	text string
	num  float64
	at   pos
	obj  *node // nested data: an object or a list
}

func (t *table) col(field string) int { return slices.Index(t.fields, field) }

// csvTable reads a CSV file with a header row. Empty cells are null.
func csvTable(path string, src []byte, scr *scratch) (*table, *diag.Problem) {
	return csvTableKeep(path, src, scr, nil)
}

// rowFilter makes, from a table's header (its fields, no rows yet), the
// test each record must pass to be kept; stop true ends the reading. A
// view's leading filters run this way, while the file is read, so a large
// file filtered to a few rows costs memory for those rows only.
type rowFilter func(header *table) func(row []cell) (keep, stop bool)

func csvTableKeep(path string, src []byte, scr *scratch, keep rowFilter) (*table, *diag.Problem) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if t, ok := fastCSV(path, src, scr, keep); ok {
		return t, nil
	}
	return readCSV(path, src, keep)
}

// readCSV reads src with encoding/csv, which words every problem.
func readCSV(path string, src []byte, keep rowFilter) (*table, *diag.Problem) {
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
	var test func([]cell) (bool, bool)
	if keep != nil {
		test = keep(t)
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
		if test != nil {
			ok, stop := test(row)
			if stop {
				break
			}
			if !ok {
				continue
			}
		}
		t.rows = append(t.rows, row)
	}
	return t, nil
}

// fastCSV reads what encoding/csv reads, the same way, for files without
// carriage returns, quoted line breaks or problems; it declines (ok false)
// the rest, which csvTable reads with encoding/csv. Cells share one string
// and come from one block, taken from scr when it is not nil, as do rows.
func fastCSV(path string, src []byte, scr *scratch, keep rowFilter) (*table, bool) {
	if bytes.IndexByte(src, '\r') >= 0 {
		return nil, false
	}
	text := string(src)
	t := &table{path: path, at: pos{1, 1}}
	var all []cell
	var buf []byte
	var test func([]cell) (bool, bool)
	ncol := -1
	line := 0
	for start := 0; start < len(text); {
		line++
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		l := text[start:end]
		start = end + 1
		if l == "" {
			continue
		}
		if ncol < 0 {
			ncol = strings.Count(l, ",") + 1
			if strings.IndexByte(l, '"') < 0 {
				for h := range strings.SplitSeq(l, ",") {
					h = strings.TrimSpace(h)
					if h == "" || t.col(h) >= 0 {
						return nil, false
					}
					t.fields = append(t.fields, h)
				}
				all = startCells(t, text, ncol, scr, keep, &test)
				continue
			}
			ncol = 0 // quoted header names: count them as read
		}
		first := len(all)
		quoted := strings.IndexByte(l, '"') >= 0
		for i := 0; ; {
			c := cell{kind: strNode, at: pos{line, i + 1}}
			if i < len(l) && l[i] == '"' {
				// A quoted field ends at a quote followed by a comma or
				// the line's end; "" is a quote.
				buf = buf[:0]
				j := i + 1
				for {
					k := strings.IndexByte(l[j:], '"')
					if k < 0 {
						return nil, false
					}
					buf = append(buf, l[j:j+k]...)
					j += k + 1
					if j < len(l) && l[j] == '"' {
						buf = append(buf, '"')
						j++
						continue
					}
					break
				}
				if j < len(l) && l[j] != ',' {
					return nil, false
				}
				c.text = string(buf)
				i = j
			} else {
				k := strings.IndexByte(l[i:], ',')
				if k < 0 {
					k = len(l) - i
				}
				c.text = l[i : i+k]
				if quoted && strings.IndexByte(c.text, '"') >= 0 {
					return nil, false
				}
				i += k
			}
			if blank(c.text) {
				c.kind = nullNode
			}
			all = append(all, c)
			if i >= len(l) {
				break
			}
			i++ // the comma
			if i == len(l) {
				all = append(all, cell{kind: nullNode, at: pos{line, i + 1}})
				break
			}
		}
		if t.fields == nil {
			for _, c := range all[first:] {
				h := strings.TrimSpace(c.text)
				if h == "" || t.col(h) >= 0 {
					return nil, false
				}
				t.fields = append(t.fields, h)
			}
			ncol = len(t.fields)
			all = startCells(t, text, ncol, scr, keep, &test)
			continue
		}
		if len(all)-first != ncol {
			return nil, false
		}
		if test != nil {
			ok, stop := test(all[first:])
			if !ok || stop {
				all = all[:first]
			}
			if stop {
				break
			}
		}
	}
	if t.fields == nil {
		return nil, false
	}
	if len(all) > 0 {
		if scr != nil {
			t.rows = scr.lines.take(len(all) / ncol)[:0]
		} else {
			t.rows = make([][]cell, 0, len(all)/ncol)
		}
	}
	for i := 0; i < len(all); i += ncol {
		t.rows = append(t.rows, all[i:i+ncol:i+ncol])
	}
	return t, true
}

// startCells makes room for the cells of a CSV file once its header is
// read: for every line when all are kept (the block never grows), else as
// the kept rows need it.
func startCells(t *table, text string, ncol int, scr *scratch, keep rowFilter, test *func([]cell) (bool, bool)) []cell {
	n := ncol * (strings.Count(text, "\n") + 1)
	if keep != nil {
		*test = keep(t)
		if n > 1<<16 {
			// A large file: room for the kept rows only.
			return make([]cell, 0, 64*ncol)
		}
	}
	if scr != nil {
		return scr.cells.take(n)[:0]
	}
	return make([]cell, 0, n)
}

// blank says whether s is empty or white space, as strings.TrimSpace sees it.
func blank(s string) bool {
	return s == "" || (s[0] <= ' ' || s[0] >= utf8.RuneSelf) && strings.TrimSpace(s) == ""
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
	s    string  // text; for numbers and dates a canonical key
	n    float64 // number; for dates, days since 1970-01-01
	null bool
	gran int8 // dates: granYear, granMonth or granDay
	lit  bool // a constant of the spec (a colour, a size), not data to scale
	date bool // a date read as a category: n is its time in milliseconds
}

func (v value) key() string {
	if v.null {
		return "\x00null"
	}
	return v.s
}

func numValue(f float64) value {
	return value{n: f, s: strconv.FormatFloat(f, 'g', -1, 64)}
}

// shortFloat is strconv.ParseFloat(s) for s that shortestNumeral accepts.
// Its at most 15 digits and the power of ten below them are exact floats,
// so one division rounds as ParseFloat does, at a fraction of its cost.
func shortFloat(s string) float64 {
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	var m int64
	frac := -1
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			frac = 0
			continue
		}
		m = m*10 + int64(s[i]-'0')
		if frac >= 0 {
			frac++
		}
	}
	f := float64(m)
	if frac > 0 {
		f /= pow10(frac)
	}
	if neg {
		f = -f
	}
	return f
}

// shortestNumeral says whether s is what numValue writes for the number it
// reads as, so that the text can serve as its key: a plain decimal without
// needless zeros, 1e-4 <= |x| < 1e6 or zero, at most 15 digits (all of
// which survive the round trip through a float).
func shortestNumeral(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	intStart := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	intLen := i - intStart
	if intLen == 0 || intLen > 6 || intLen > 1 && s[intStart] == '0' {
		return false
	}
	if i == len(s) {
		return s != "-0"
	}
	if s[i] != '.' {
		return false
	}
	i++
	fracStart := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	frac := s[fracStart:i]
	if i != len(s) || frac == "" || frac[len(frac)-1] == '0' {
		return false
	}
	digits := intLen + len(frac)
	if s[intStart] == '0' {
		// 0.000123: the leading zeros are no digits, and more than three
		// of them make an exponent.
		z := 0
		for z < len(frac) && frac[z] == '0' {
			z++
		}
		if z > 3 {
			return false
		}
		digits = len(frac) - z
	}
	return digits <= 15
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
			if shortestNumeral(c.text) {
				return value{n: c.num, s: c.text}, nil
			}
			return numValue(c.num), nil
		case strNode:
			s := strings.TrimSpace(c.text)
			if shortestNumeral(s) {
				return value{n: shortFloat(s), s: s}, nil
			}
			f, err := strconv.ParseFloat(s, 64)
			if err != nil || !isNumeral(s) {
				return value{}, fmt.Errorf("cannot read %q as a number", c.text)
			}
			if shortestNumeral(s) {
				return value{n: f, s: s}, nil
			}
			return numValue(f), nil
		case dateNode:
			return numValue(c.num), nil
		case boolNode:
			if c.num != 0 || c.text == "true" {
				return numValue(1), nil
			}
			return numValue(0), nil
		}
		return value{}, fmt.Errorf("cannot read %s as a number", c.text)
	case "temporal":
		return temporalValue(c)
	}
	switch c.kind {
	case boolNode:
		return value{s: strconv.FormatBool(c.num != 0 || c.text == "true")}, nil
	case numNode:
		if c.text != "" && !isNumeral(strings.TrimSpace(c.text)) {
			return value{s: c.text, n: c.num}, nil // a parsed date keeps its text
		}
		if shortestNumeral(c.text) {
			return value{s: c.text, n: c.num}, nil
		}
		return numValue(c.num), nil
	case dateNode:
		// A date as a category (a time unit on an ordinal axis): ordered
		// and keyed by its time, labelled by its unit's format.
		return value{s: jsNumber(c.num), n: c.num, date: true}, nil
	case mapNode, seqNode:
		return value{s: cellValue(c).str()}, nil
	}
	return value{s: c.text, n: c.num}, nil
}

// temporalValue reads a cell as a date. Text is read as JavaScript reads
// dates ("2020", "2020-03-01", "Mar 1 2020"), keeping how precisely it is
// written (a year, a month, a day) for formatting. Numbers are
// milliseconds since 1970, as in Vega-Lite, except whole numbers below
// 10000, which are years ({year: 2020} in a YAML spec means 2020, not
// two seconds after 1970).
func temporalValue(c cell) (value, error) {
	switch c.kind {
	case dateNode:
		return dateValue(c.num, granDay), nil
	case numNode:
		if c.text != "" && !isNumeral(strings.TrimSpace(c.text)) {
			// A date parsed by format.parse: its text tells its precision.
			if d, gran, ok := parseDate(strings.TrimSpace(c.text)); ok {
				return value{s: strings.TrimSpace(c.text), n: d, gran: int8(gran)}, nil
			}
			if math.IsNaN(c.num) {
				return value{null: true}, nil
			}
			return dateValue(c.num, granDay), nil
		}
		if c.num == math.Trunc(c.num) && math.Abs(c.num) < 10000 {
			s := strconv.Itoa(int(c.num))
			if d, gran, ok := parseDate(s); ok {
				return value{s: s, n: d, gran: int8(gran)}, nil
			}
		}
		return dateValue(c.num, granDay), nil
	}
	s := strings.TrimSpace(c.text)
	if d, gran, ok := parseDate(s); ok {
		return value{s: s, n: d, gran: int8(gran)}, nil
	}
	if ms, ok := jsDateParse(s); ok {
		return dateValue(ms, granDay), nil
	}
	return value{}, fmt.Errorf("cannot read %q as a date (write 2006, 2006-01, 2006-01-02 or a date JavaScript reads)", c.text)
}

// dateValue is a date of milliseconds since 1970.
func dateValue(ms float64, gran int) value {
	return value{s: jsNumber(ms), n: ms / msPerDay, gran: int8(gran)}
}

func parseDate(s string) (days float64, gran int, ok bool) {
	if days, g, ok := quickDate(s); ok {
		return days, g, true
	}
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

// quickDate reads the valid dates that time.Parse reads with the layouts
// of parseDate, without its generality, as days since 1970-01-01; others
// are left to time.Parse.
func quickDate(s string) (days float64, gran int, ok bool) {
	num := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return -1
			}
			n = n*10 + int(s[i]-'0')
		}
		return n
	}
	y, m, d := -1, 1, 1
	switch len(s) {
	case 4:
		y = num(s)
	case 7:
		if s[4] == '-' {
			y, m, gran = num(s[:4]), num(s[5:]), granMonth
		}
	case 10:
		if s[4] == '-' && s[7] == '-' {
			y, m, d, gran = num(s[:4]), num(s[5:7]), num(s[8:]), granDay
		}
	}
	if y < 0 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, 0, false
	}
	return float64(civilDays(y, m, d)), gran, true
}

// civilDays counts the days from 1970-01-01 to y-m-d in the proleptic
// Gregorian calendar, as time.Date and Unix do, by Howard Hinnant's
// days_from_civil for years from 0.
func civilDays(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := (y+400)/400 - 1 // y >= -1
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// literalValue reads a filter literal in the field's type.
func literalValue(n *node, typ string) (value, error) {
	c := cell{kind: n.kind, text: n.str, num: n.num, at: n.at}
	if isDateTime(n) {
		ms, err := dateTimeMS(n)
		if err != nil {
			return value{}, err
		}
		c = cell{kind: dateNode, num: ms, at: n.at}
	}
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
	switch {
	case a.null && b.null:
		return 0
	case a.null:
		return -1 // missing values sort first, as in Vega
	case b.null:
		return 1
	}
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
	if a.s == b.s {
		return 0
	}
	if a.date && b.date {
		return cmpLess(a.n, b.n)
	}
	fa, ea := parseFloatText(a.s)
	fb, eb := parseFloatText(b.s)
	if ea && eb {
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

// cmpLess compares a and b as < orders them, a NaN equal to anything, so
// that slices.SortStableFunc keeps the order sort.SliceStable gave with <.
func cmpLess(a, b float64) int {
	switch {
	case a < b:
		return -1
	case b < a:
		return 1
	}
	return 0
}

// parseFloatText is strconv.ParseFloat without the error value, which
// costs an allocation for every word that is not a number.
func parseFloatText(s string) (float64, bool) {
	if s == "" || !strings.ContainsRune("+-.0123456789iInN", rune(s[0])) {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// filterEval is a filter made ready for one table: its column, the type
// it compares in and its literals found and read once, not per record.
type filterEval struct {
	p    *pred
	col  int
	typ  string
	lits []value
	errs []error
	// The literals read as numbers, for nominal fields that hold them,
	// and whether each is written as numValue writes it.
	nums         []float64
	isNum, canon []bool
	kids         []*filterEval
}

func newFilterEval(p *pred, t *table, types map[string]string) *filterEval {
	fe := &filterEval{p: p}
	switch p.op {
	case "and", "or", "not":
		for _, k := range p.kids {
			fe.kids = append(fe.kids, newFilterEval(k, t, types))
		}
		return fe
	}
	fe.col = t.col(p.field)
	fe.typ = types[p.field]
	if fe.typ == "" && len(p.lit) > 0 && p.lit[0].kind == numNode {
		fe.typ = "quantitative"
	}
	if fe.typ == "" {
		fe.typ = "nominal"
	}
	fe.lits = make([]value, len(p.lit))
	fe.errs = make([]error, len(p.lit))
	fe.nums = make([]float64, len(p.lit))
	fe.isNum = make([]bool, len(p.lit))
	fe.canon = make([]bool, len(p.lit))
	for i, lit := range p.lit {
		fe.lits[i], fe.errs[i] = literalValue(lit, fe.typ)
		fe.nums[i], fe.isNum[i] = parseFloatText(fe.lits[i].s)
		fe.canon[i] = fe.isNum[i] && shortestNumeral(fe.lits[i].s)
	}
	return fe
}

// same says whether v equals literal i: compareValues(v, lit, typ) == 0
// without the collator, which never finds two different texts equal. The
// literal was read as a number once, not for every record.
func (fe *filterEval) same(v value, i int) bool {
	lv := fe.lits[i]
	switch fe.typ {
	case "quantitative", "temporal":
		return !(v.n < lv.n) && !(v.n > lv.n)
	}
	if v.s == lv.s {
		return true
	}
	if !fe.isNum[i] || fe.canon[i] && shortestNumeral(v.s) {
		return false // two shortest numerals differ as numbers when they differ as text
	}
	f, ok := parseFloatText(v.s)
	return ok && !(f < fe.nums[i]) && !(f > fe.nums[i])
}

// match evaluates the filter on one record.
func (fe *filterEval) match(r *renderer, t *table, row []cell) bool {
	p := fe.p
	switch p.op {
	case "and":
		for _, k := range fe.kids {
			if !k.match(r, t, row) {
				return false
			}
		}
		return true
	case "or":
		for _, k := range fe.kids {
			if k.match(r, t, row) {
				return true
			}
		}
		return false
	case "not":
		return !fe.kids[0].match(r, t, row)
	}
	ci, typ := fe.col, fe.typ
	if ci < 0 || ci >= len(row) {
		return false
	}
	v, err := parseValue(row[ci], typ)
	if err != nil {
		r.cellError(t, row[ci], err)
		return false
	}
	if v.null {
		return false
	}
	for i, lv := range fe.lits {
		if err := fe.errs[i]; err != nil {
			r.specError(p.lit[i].at, "", "filter on %q: %v", p.field, err)
			return false
		}
		if p.op == "equal" || p.op == "oneOf" {
			if fe.same(v, i) {
				return true
			}
			continue
		}
		c := compareValues(r.loc, v, lv, typ)
		switch p.op {
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
// each aggregated channel over the group, as Vega's aggregate transform
// does. The first row of a group becomes the group's row. argmin and
// argmax read the field they compare from argSlots (slot -> slot).
func (r *renderer) aggregateRows(rows []*mrow, slots []*channel, argSlots map[int]int) []*mrow {
	// The slots computed per group, and the slots rows are grouped by.
	var by, aggs []int
	for i, c := range slots {
		if c != nil && c.agg != "" {
			aggs = append(aggs, i)
		}
	}
	if len(aggs) == 0 {
		return rows
	}
	isArg := map[int]bool{}
	for _, j := range argSlots {
		isArg[j] = true
	}
	for i, c := range slots {
		if c != nil && c.agg == "" && !isArg[i] {
			by = append(by, i)
		}
	}
	groups := r.groupRows(rows, func(kb []byte, row *mrow) []byte {
		for _, i := range by {
			kb = append(append(kb, row.at(i).key()...), 0)
		}
		return kb
	})
	out := make([]*mrow, len(groups))
	in := &aggInput{}
	// Only aggregated slots are computed, before the first row changes.
	vals := make([]value, len(slots))
	for gi, g := range groups {
		nr := g[0]
		for _, i := range aggs {
			c := slots[i]
			switch c.agg {
			case "count":
				vals[i] = numValue(float64(len(g)))
				continue
			case "argmin", "argmax":
				j, ok := argSlots[i]
				if !ok {
					vals[i] = value{null: true}
					continue
				}
				best := -1
				for k, row := range g {
					v := row.at(j)
					if v.null {
						continue
					}
					if best < 0 || c.agg == "argmin" && v.n < g[best].at(j).n || c.agg == "argmax" && v.n > g[best].at(j).n {
						best = k
					}
				}
				vals[i] = value{null: true}
				if best >= 0 {
					vals[i] = g[best].at(i)
				}
				continue
			}
			in.vals = in.vals[:0]
			in.param = c.aggParam
			for _, row := range g {
				v := row.at(i)
				switch {
				case v.null:
					in.vals = append(in.vals, xNullV)
				case c.agg == "distinct" || c.agg == "valid" || c.agg == "missing":
					in.vals = append(in.vals, xString(v.key()))
				default:
					in.vals = append(in.vals, xNumber(v.n))
				}
			}
			res, ok := aggValue(c.agg, in)
			if !ok {
				vals[i] = value{null: true}
				continue
			}
			f := res.num()
			if c.typ == "temporal" && (c.agg == "min" || c.agg == "max" || c.agg == "median" || c.agg == "mean") {
				vals[i] = value{n: f, s: jsNumber(f * msPerDay), gran: granDay}
				continue
			}
			vals[i] = numValue(f)
		}
		for _, i := range aggs {
			nr.set(i, vals[i])
		}
		out[gi] = nr
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
