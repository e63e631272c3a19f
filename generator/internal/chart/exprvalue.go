package chart

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// xv is a value in an expression, with JavaScript's kinds and rules: a
// string plus a number concatenates, "3" < 10 compares numbers, and so on,
// because that is how Vega computes the same expression.
type xv struct {
	k   xkind
	n   float64 // xNum; xDate: milliseconds since 1970 (UTC)
	s   string  // xStr
	ref any     // xArr: []xv; xObj: *xobj; xRegex: *jsRegexp
}

type xkind uint8

const (
	xUndef xkind = iota
	xNull
	xBool
	xNum
	xStr
	xDate
	xArr
	xObj
	xRegex
)

type xobj struct {
	keys []string
	vals []xv
}

func (o *xobj) get(k string) (xv, bool) {
	for i, key := range o.keys {
		if key == k {
			return o.vals[i], true
		}
	}
	return xv{}, false
}

func (o *xobj) set(k string, v xv) {
	for i, key := range o.keys {
		if key == k {
			o.vals[i] = v
			return
		}
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
}

type jsRegexp struct {
	re     *regexp.Regexp
	source string
	flags  string
}

var (
	xUndefined = xv{}
	xNullV     = xv{k: xNull}
	xTrue      = xv{k: xBool, n: 1}
	xFalse     = xv{k: xBool}
)

func xNumber(f float64) xv { return xv{k: xNum, n: f} }
func xString(s string) xv  { return xv{k: xStr, s: s} }
func xBoolean(b bool) xv {
	if b {
		return xTrue
	}
	return xFalse
}
func xDateMS(ms float64) xv { return xv{k: xDate, n: ms} }
func xArray(a []xv) xv      { return xv{k: xArr, ref: a} }

func (v xv) arr() []xv {
	a, _ := v.ref.([]xv)
	return a
}

func (v xv) obj() *xobj {
	o, _ := v.ref.(*xobj)
	return o
}

// truthy is JavaScript's ToBoolean.
func (v xv) truthy() bool {
	switch v.k {
	case xUndef, xNull:
		return false
	case xBool:
		return v.n != 0
	case xNum:
		return v.n != 0 && !math.IsNaN(v.n)
	case xStr:
		return v.s != ""
	}
	return true
}

// num is JavaScript's ToNumber.
func (v xv) num() float64 {
	switch v.k {
	case xUndef:
		return exprNaN
	case xNull:
		return 0
	case xBool, xNum, xDate:
		return v.n
	case xStr:
		return jsParseNumber(v.s)
	case xArr:
		a := v.arr()
		switch len(a) {
		case 0:
			return 0
		case 1:
			return a[0].num()
		}
	}
	return exprNaN
}

// jsParseNumber is ToNumber of a string: blank is 0, else the whole
// (trimmed) text must be a number.
func jsParseNumber(s string) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	switch s {
	case "Infinity", "+Infinity":
		return math.Inf(1)
	case "-Infinity":
		return math.Inf(-1)
	}
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		if u, err := strconv.ParseUint(s[2:], 16, 64); err == nil {
			return float64(u)
		}
		return exprNaN
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return exprNaN
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f
		}
		return exprNaN
	}
	return f
}

// str is JavaScript's ToString.
func (v xv) str() string {
	switch v.k {
	case xUndef:
		return "undefined"
	case xNull:
		return "null"
	case xBool:
		if v.n != 0 {
			return "true"
		}
		return "false"
	case xNum:
		return jsNumber(v.n)
	case xStr:
		return v.s
	case xDate:
		return jsDateString(v.n)
	case xArr:
		a := v.arr()
		parts := make([]string, len(a))
		for i, it := range a {
			if it.k != xUndef && it.k != xNull {
				parts[i] = it.str()
			}
		}
		return strings.Join(parts, ",")
	case xRegex:
		r := v.ref.(*jsRegexp)
		return "/" + r.source + "/" + r.flags
	}
	return "[object Object]"
}

// jsDateString is Date.prototype.toString in UTC.
func jsDateString(ms float64) string {
	if math.IsNaN(ms) {
		return "Invalid Date"
	}
	t := msTime(ms)
	return t.Format("Mon Jan 02 2006 15:04:05") + " GMT+0000 (Coordinated Universal Time)"
}

func msTime(ms float64) time.Time {
	sec := math.Floor(ms / 1000)
	return time.Unix(int64(sec), int64((ms-sec*1000)*1e6)).UTC()
}

func timeMS(t time.Time) float64 {
	return float64(t.Unix())*1000 + float64(t.Nanosecond()/1e6)
}

// primitive is ToPrimitive: dates and objects become numbers (hint
// number) or text.
func (v xv) primitive(hintNumber bool) xv {
	switch v.k {
	case xDate:
		if hintNumber {
			return xNumber(v.n)
		}
		return xString(v.str())
	case xArr, xObj, xRegex:
		return xString(v.str())
	}
	return v
}

func exprAdd(a, b xv) xv {
	a, b = a.primitive(false), b.primitive(false)
	if a.k == xStr || b.k == xStr {
		s := a.str() + b.str()
		if len(s) > maxExprString {
			s = s[:maxExprString]
		}
		return xString(s)
	}
	return xNumber(a.num() + b.num())
}

// compare is JavaScript's abstract relational comparison: ok false when
// the answer is undefined (NaN), which makes every comparison false.
func exprCompare(a, b xv) (c int, ok bool) {
	a, b = a.primitive(true), b.primitive(true)
	if a.k == xStr && b.k == xStr {
		return jsStringCompare(a.s, b.s), true
	}
	x, y := a.num(), b.num()
	switch {
	case math.IsNaN(x) || math.IsNaN(y):
		return 0, false
	case x < y:
		return -1, true
	case x > y:
		return 1, true
	}
	return 0, true
}

// jsStringCompare orders strings by UTF-16 code units, as JavaScript does.
func jsStringCompare(a, b string) int {
	if a == b {
		return 0
	}
	ra, rb := []rune(a), []rune(b)
	for i := 0; i < len(ra) && i < len(rb); i++ {
		x, y := utf16Key(ra[i]), utf16Key(rb[i])
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(ra) < len(rb):
		return -1
	case len(ra) > len(rb):
		return 1
	}
	return 0
}

// utf16Key makes code points above the BMP sort as their surrogates do.
func utf16Key(r rune) rune {
	if r >= 0x10000 {
		return 0xd800 + (r-0x10000)>>10
	}
	return r
}

func exprStrictEqual(a, b xv) bool {
	if a.k != b.k {
		return false
	}
	switch a.k {
	case xUndef, xNull:
		return true
	case xBool, xNum:
		return a.n == b.n
	case xStr:
		return a.s == b.s
	case xDate, xArr, xObj, xRegex:
		return sameRef(a, b)
	}
	return false
}

// sameRef is object identity: two dates made apart are different objects,
// as in JavaScript.
func sameRef(a, b xv) bool {
	switch a.k {
	case xDate:
		return false
	case xArr:
		x, y := a.arr(), b.arr()
		return len(x) > 0 && len(y) > 0 && &x[0] == &y[0] && len(x) == len(y)
	}
	return a.ref == b.ref && a.ref != nil
}

// exprLooseEqual is JavaScript's ==.
func exprLooseEqual(a, b xv) bool {
	if a.k == b.k {
		return exprStrictEqual(a, b)
	}
	nullish := func(v xv) bool { return v.k == xUndef || v.k == xNull }
	if nullish(a) || nullish(b) {
		return nullish(a) && nullish(b)
	}
	isObj := func(v xv) bool { return v.k == xDate || v.k == xArr || v.k == xObj || v.k == xRegex }
	if isObj(a) {
		a = a.primitive(false)
	}
	if isObj(b) {
		b = b.primitive(false)
	}
	if a.k == xStr && b.k == xStr {
		return a.s == b.s
	}
	return a.num() == b.num()
}

// typeOf is JavaScript's typeof.
func (v xv) typeOf() string {
	switch v.k {
	case xUndef:
		return "undefined"
	case xBool:
		return "boolean"
	case xNum:
		return "number"
	case xStr:
		return "string"
	}
	return "object"
}

// valid is Vega's isValid: neither null, undefined nor NaN.
func (v xv) valid() bool {
	return v.k != xUndef && v.k != xNull && !(v.k == xNum && math.IsNaN(v.n))
}

// cellValue is a data cell as an expression sees it.
func cellValue(c cell) xv {
	switch c.kind {
	case nullNode:
		return xNullV
	case boolNode:
		return xBoolean(c.num != 0 || c.text == "true")
	case numNode:
		return xNumber(c.num)
	case strNode:
		return xString(c.text)
	case dateNode:
		return xDateMS(c.num)
	case mapNode, seqNode:
		if c.obj != nil {
			return nodeValue(c.obj)
		}
	}
	return xUndefined
}

// nodeValue is a JSON value as an expression sees it.
func nodeValue(n *node) xv {
	switch n.kind {
	case nullNode:
		return xNullV
	case boolNode:
		return xBoolean(n.b)
	case numNode:
		return xNumber(n.num)
	case strNode:
		return xString(n.str)
	case seqNode:
		a := make([]xv, len(n.items))
		for i, it := range n.items {
			a[i] = nodeValue(it)
		}
		return xArray(a)
	case mapNode:
		o := &xobj{keys: n.keys, vals: make([]xv, len(n.vals))}
		for i, it := range n.vals {
			o.vals[i] = nodeValue(it)
		}
		return xv{k: xObj, ref: o}
	}
	return xUndefined
}

// toCell stores a computed value in a table, at the position of what
// computed it.
func (v xv) toCell(at pos) cell {
	switch v.k {
	case xUndef, xNull:
		return cell{kind: nullNode, at: at}
	case xBool:
		if v.n != 0 {
			return cell{kind: boolNode, text: "true", num: 1, at: at}
		}
		return cell{kind: boolNode, text: "false", at: at}
	case xNum:
		if math.IsNaN(v.n) {
			return cell{kind: numNode, num: v.n, text: "NaN", at: at}
		}
		return cell{kind: numNode, num: v.n, text: jsNumber(v.n), at: at}
	case xStr:
		return cell{kind: strNode, text: v.s, at: at}
	case xDate:
		return cell{kind: dateNode, num: v.n, at: at}
	case xArr, xObj:
		return cell{kind: v.nodeKind(), obj: v.toNode(at), at: at}
	}
	return cell{kind: strNode, text: v.str(), at: at}
}

func (v xv) nodeKind() nodeKind {
	if v.k == xArr {
		return seqNode
	}
	return mapNode
}

// toNode turns a value into a JSON node (nested data kept in a table).
func (v xv) toNode(at pos) *node {
	switch v.k {
	case xUndef, xNull:
		return &node{kind: nullNode, at: at}
	case xBool:
		return &node{kind: boolNode, b: v.n != 0, str: v.str(), at: at}
	case xNum:
		return &node{kind: numNode, num: v.n, str: jsNumber(v.n), at: at}
	case xDate:
		return &node{kind: numNode, num: v.n, str: jsNumber(v.n), at: at}
	case xArr:
		n := &node{kind: seqNode, at: at}
		for _, it := range v.arr() {
			n.items = append(n.items, it.toNode(at))
		}
		return n
	case xObj:
		o := v.obj()
		n := &node{kind: mapNode, at: at}
		for i, k := range o.keys {
			n.keys = append(n.keys, k)
			n.keyAt = append(n.keyAt, at)
			n.vals = append(n.vals, o.vals[i].toNode(at))
		}
		return n
	}
	return &node{kind: strNode, str: v.str(), at: at}
}

// member reads v[key] as JavaScript does for the values data holds.
func (v xv) member(key xv) xv {
	switch v.k {
	case xObj:
		if r, ok := v.obj().get(key.str()); ok {
			return r
		}
	case xArr:
		a := v.arr()
		if key.k == xStr && key.s == "length" {
			return xNumber(float64(len(a)))
		}
		if i := key.num(); i >= 0 && i == math.Trunc(i) && int(i) < len(a) {
			return a[int(i)]
		}
	case xStr:
		if key.k == xStr && key.s == "length" {
			return xNumber(float64(len(utf16Units(v.s))))
		}
		if i := key.num(); i >= 0 && i == math.Trunc(i) {
			u := utf16Units(v.s)
			if int(i) < len(u) {
				return xString(string(rune(u[int(i)])))
			}
		}
	}
	return xUndefined
}

// utf16Units is s as JavaScript sees it: indexes and lengths count UTF-16
// code units.
func utf16Units(s string) []uint16 {
	out := make([]uint16, 0, len(s))
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xd800+(r>>10)), uint16(0xdc00+(r&0x3ff)))
			continue
		}
		out = append(out, uint16(r))
	}
	return out
}
