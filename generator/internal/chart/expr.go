package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The expression language of Vega (filter, calculate, conditions): a
// JavaScript subset of literals, datum fields, operators, ?:, arrays and
// objects, and calls to Vega's documented functions (exprfuncs.go). It is
// parsed here into Go closures; nothing is ever handed to a JavaScript
// engine, and there is no way to loop, define functions or reach anything
// but the row and the spec's params.
//
// Budgets keep a hostile spec cheap: an expression is at most
// maxExprLen bytes and maxExprDepth levels deep; values it builds are
// capped (maxExprItems array items, maxExprString bytes of text), and
// regular expressions are Go's, which run in linear time.

const (
	maxExprLen    = 10000
	maxExprDepth  = 64
	maxExprItems  = 100000
	maxExprString = 1 << 20
)

// exprError is a problem in an expression at a byte offset.
type exprError struct {
	off  int
	msg  string
	hint string
}

func (e *exprError) Error() string { return e.msg }

type tokKind uint8

const (
	tEOF tokKind = iota
	tNum
	tStr
	tIdent
	tPunct
	tRegex
)

type exprTok struct {
	kind tokKind
	s    string // identifier, punctuator or string value
	n    float64
	off  int
}

type lexer struct {
	src  string
	i    int
	toks []exprTok
}

var punctuators = []string{">>>=", "===", "!==", ">>>", "<<=", ">>=", "**", "==", "!=", "<=", ">=", "&&", "||", "<<", ">>", "??", "?.",
	"+", "-", "*", "/", "%", "<", ">", "!", "~", "&", "|", "^", "?", ":", "(", ")", "[", "]", "{", "}", ",", "."}

func lexExpr(src string) ([]exprTok, *exprError) {
	l := &lexer{src: src}
	for {
		for l.i < len(src) && strings.IndexByte(" \t\r\n", src[l.i]) >= 0 {
			l.i++
		}
		if l.i >= len(src) {
			l.toks = append(l.toks, exprTok{kind: tEOF, off: l.i})
			return l.toks, nil
		}
		c := src[l.i]
		start := l.i
		switch {
		case c >= '0' && c <= '9' || c == '.' && l.i+1 < len(src) && src[l.i+1] >= '0' && src[l.i+1] <= '9':
			n, err := l.number()
			if err != nil {
				return nil, err
			}
			l.toks = append(l.toks, exprTok{kind: tNum, n: n, off: start})
		case c == '"' || c == '\'':
			s, err := l.str(c)
			if err != nil {
				return nil, err
			}
			l.toks = append(l.toks, exprTok{kind: tStr, s: s, off: start})
		case c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf:
			for l.i < len(src) {
				r, size := utf8.DecodeRuneInString(src[l.i:])
				if r == '_' || r == '$' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r >= utf8.RuneSelf && r != utf8.RuneError {
					l.i += size
					continue
				}
				break
			}
			if l.i == start {
				return nil, &exprError{off: start, msg: fmt.Sprintf("unexpected %q", src[start:start+1])}
			}
			l.toks = append(l.toks, exprTok{kind: tIdent, s: src[start:l.i], off: start})
		case c == '/' && l.regexAllowed():
			re, err := l.regex()
			if err != nil {
				return nil, err
			}
			l.toks = append(l.toks, exprTok{kind: tRegex, s: re, off: start})
		default:
			found := false
			for _, p := range punctuators {
				if strings.HasPrefix(src[l.i:], p) {
					l.toks = append(l.toks, exprTok{kind: tPunct, s: p, off: start})
					l.i += len(p)
					found = true
					break
				}
			}
			if !found {
				return nil, &exprError{off: start, msg: fmt.Sprintf("unexpected %q", string([]rune(src[start:])[0]))}
			}
		}
	}
}

// regexAllowed says whether a slash starts a regular expression literal:
// where a value may begin, as in JavaScript.
func (l *lexer) regexAllowed() bool {
	if len(l.toks) == 0 {
		return true
	}
	t := l.toks[len(l.toks)-1]
	switch t.kind {
	case tNum, tStr, tIdent, tRegex:
		return false
	}
	return t.s != ")" && t.s != "]" && t.s != "}"
}

func (l *lexer) regex() (string, *exprError) {
	start := l.i
	l.i++
	inClass := false
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == '\\':
			l.i += 2
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '/' && !inClass:
			l.i++
			for l.i < len(l.src) && strings.IndexByte("gimsuy", l.src[l.i]) >= 0 {
				l.i++
			}
			return l.src[start:l.i], nil
		case c == '\n':
			return "", &exprError{off: start, msg: "unterminated regular expression"}
		}
		l.i++
	}
	return "", &exprError{off: start, msg: "unterminated regular expression"}
}

func (l *lexer) number() (float64, *exprError) {
	start := l.i
	src := l.src
	if src[l.i] == '0' && l.i+1 < len(src) && (src[l.i+1] == 'x' || src[l.i+1] == 'X') {
		l.i += 2
		for l.i < len(src) && strings.IndexByte("0123456789abcdefABCDEF", src[l.i]) >= 0 {
			l.i++
		}
		v, err := strconv.ParseUint(src[start+2:l.i], 16, 64)
		if err != nil {
			return 0, &exprError{off: start, msg: fmt.Sprintf("bad number %q", src[start:l.i])}
		}
		return float64(v), nil
	}
	for l.i < len(src) && (src[l.i] >= '0' && src[l.i] <= '9' || src[l.i] == '.') {
		l.i++
	}
	if l.i < len(src) && (src[l.i] == 'e' || src[l.i] == 'E') {
		l.i++
		if l.i < len(src) && (src[l.i] == '+' || src[l.i] == '-') {
			l.i++
		}
		for l.i < len(src) && src[l.i] >= '0' && src[l.i] <= '9' {
			l.i++
		}
	}
	v, err := strconv.ParseFloat(src[start:l.i], 64)
	if err != nil {
		return 0, &exprError{off: start, msg: fmt.Sprintf("bad number %q", src[start:l.i])}
	}
	return v, nil
}

func (l *lexer) str(q byte) (string, *exprError) {
	start := l.i
	l.i++
	var b strings.Builder
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == q:
			l.i++
			return b.String(), nil
		case c == '\\':
			l.i++
			if l.i >= len(l.src) {
				break
			}
			e := l.src[l.i]
			l.i++
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'v':
				b.WriteByte('\v')
			case '0':
				b.WriteByte(0)
			case 'u':
				if l.i+4 <= len(l.src) {
					if v, err := strconv.ParseUint(l.src[l.i:l.i+4], 16, 32); err == nil {
						b.WriteRune(rune(v))
						l.i += 4
						continue
					}
				}
				return "", &exprError{off: l.i - 2, msg: "bad \\u escape"}
			case 'x':
				if l.i+2 <= len(l.src) {
					if v, err := strconv.ParseUint(l.src[l.i:l.i+2], 16, 8); err == nil {
						b.WriteRune(rune(v))
						l.i += 2
						continue
					}
				}
				return "", &exprError{off: l.i - 2, msg: "bad \\x escape"}
			default:
				b.WriteByte(e)
			}
		case c == '\n':
			return "", &exprError{off: start, msg: "unterminated string"}
		default:
			b.WriteByte(c)
			l.i++
		}
	}
	return "", &exprError{off: start, msg: "unterminated string"}
}

// exprNode is a parsed expression.
type exprNode struct {
	op    string // "num", "str", "regex", "id", "member", "call", "unary", "binary", "logical", "cond", "array", "object"
	off   int
	num   float64
	str   string // literal text, identifier, operator, member name, function name
	kids  []*exprNode
	keys  []string // object literal keys
	index bool     // member: a[expr] rather than a.name
}

type exprParser struct {
	toks  []exprTok
	i     int
	depth int
	src   string
}

// parseExpr parses a Vega expression.
func parseExpr(src string) (*exprNode, *exprError) {
	if len(src) > maxExprLen {
		return nil, &exprError{msg: fmt.Sprintf("the expression is %d bytes long; the limit is %d", len(src), maxExprLen), hint: "compute long formulas in the data instead"}
	}
	toks, err := lexExpr(src)
	if err != nil {
		return nil, err
	}
	p := &exprParser{toks: toks, src: src}
	n, err := p.expression()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, &exprError{off: t.off, msg: fmt.Sprintf("unexpected %s", p.describe(t))}
	}
	return n, nil
}

func (p *exprParser) peek() exprTok { return p.toks[p.i] }

func (p *exprParser) next() exprTok {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

func (p *exprParser) describe(t exprTok) string {
	switch t.kind {
	case tEOF:
		return "end of expression"
	case tNum:
		return "number"
	case tStr:
		return fmt.Sprintf("string %q", t.s)
	}
	return fmt.Sprintf("%q", t.s)
}

func (p *exprParser) isPunct(s string) bool {
	t := p.peek()
	return t.kind == tPunct && t.s == s
}

func (p *exprParser) expect(s string) *exprError {
	if !p.isPunct(s) {
		t := p.peek()
		return &exprError{off: t.off, msg: fmt.Sprintf("expected %q, found %s", s, p.describe(t))}
	}
	p.i++
	return nil
}

func (p *exprParser) enter() *exprError {
	p.depth++
	if p.depth > maxExprDepth {
		return &exprError{off: p.peek().off, msg: fmt.Sprintf("the expression is nested more than %d levels deep", maxExprDepth)}
	}
	return nil
}

func (p *exprParser) expression() (*exprNode, *exprError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	test, err := p.binary(0)
	if err != nil {
		return nil, err
	}
	if !p.isPunct("?") {
		return test, nil
	}
	off := p.next().off
	a, err := p.expression()
	if err != nil {
		return nil, err
	}
	if err := p.expect(":"); err != nil {
		return nil, err
	}
	b, err := p.expression()
	if err != nil {
		return nil, err
	}
	return &exprNode{op: "cond", off: off, kids: []*exprNode{test, a, b}}, nil
}

var binaryPrec = map[string]int{
	"??": 1, "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5,
	"==": 6, "!=": 6, "===": 6, "!==": 6,
	"<": 7, ">": 7, "<=": 7, ">=": 7, "in": 7,
	"<<": 8, ">>": 8, ">>>": 8,
	"+": 9, "-": 9, "*": 10, "/": 10, "%": 10, "**": 11,
}

func (p *exprParser) binary(minPrec int) (*exprNode, *exprError) {
	left, err := p.unary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t.kind != tPunct {
			return left, nil
		}
		prec, ok := binaryPrec[t.s]
		if !ok || prec <= minPrec {
			return left, nil
		}
		p.next()
		next := prec
		if t.s == "**" {
			next = prec - 1 // right-associative
		}
		right, err := p.binary(next)
		if err != nil {
			return nil, err
		}
		op := "binary"
		if t.s == "&&" || t.s == "||" || t.s == "??" {
			op = "logical"
		}
		left = &exprNode{op: op, off: t.off, str: t.s, kids: []*exprNode{left, right}}
	}
}

func (p *exprParser) unary() (*exprNode, *exprError) {
	t := p.peek()
	if t.kind == tPunct && (t.s == "!" || t.s == "-" || t.s == "+" || t.s == "~") {
		if err := p.enter(); err != nil {
			return nil, err
		}
		defer func() { p.depth-- }()
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &exprNode{op: "unary", off: t.off, str: t.s, kids: []*exprNode{x}}, nil
	}
	if t.kind == tIdent && t.s == "typeof" {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &exprNode{op: "unary", off: t.off, str: "typeof", kids: []*exprNode{x}}, nil
	}
	return p.postfix()
}

func (p *exprParser) postfix() (*exprNode, *exprError) {
	n, err := p.primary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		if t.kind != tPunct {
			return n, nil
		}
		switch t.s {
		case ".", "?.":
			p.next()
			name := p.next()
			if name.kind != tIdent {
				return nil, &exprError{off: name.off, msg: fmt.Sprintf("expected a property name after %q, found %s", t.s, p.describe(name))}
			}
			n = &exprNode{op: "member", off: t.off, str: name.s, kids: []*exprNode{n}}
		case "[":
			p.next()
			if err := p.enter(); err != nil {
				return nil, err
			}
			idx, err := p.expression()
			p.depth--
			if err != nil {
				return nil, err
			}
			if err := p.expect("]"); err != nil {
				return nil, err
			}
			n = &exprNode{op: "member", off: t.off, index: true, kids: []*exprNode{n, idx}}
		case "(":
			if n.op != "id" {
				return nil, &exprError{off: t.off, msg: "only Vega's functions can be called", hint: "such as format(datum.x, '.1f') or toNumber(datum.y)"}
			}
			p.next()
			args, err := p.list(")")
			if err != nil {
				return nil, err
			}
			n = &exprNode{op: "call", off: n.off, str: n.str, kids: args}
		default:
			return n, nil
		}
	}
}

func (p *exprParser) list(close string) ([]*exprNode, *exprError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	var out []*exprNode
	for !p.isPunct(close) {
		x, err := p.expression()
		if err != nil {
			return nil, err
		}
		out = append(out, x)
		if !p.isPunct(",") {
			break
		}
		p.next()
	}
	return out, p.expect(close)
}

func (p *exprParser) primary() (*exprNode, *exprError) {
	t := p.next()
	switch t.kind {
	case tNum:
		return &exprNode{op: "num", off: t.off, num: t.n}, nil
	case tStr:
		return &exprNode{op: "str", off: t.off, str: t.s}, nil
	case tRegex:
		return &exprNode{op: "regex", off: t.off, str: t.s}, nil
	case tIdent:
		switch t.s {
		case "true", "false":
			return &exprNode{op: "bool", off: t.off, str: t.s}, nil
		case "null":
			return &exprNode{op: "null", off: t.off}, nil
		case "undefined":
			return &exprNode{op: "undefined", off: t.off}, nil
		case "this", "new", "function", "var", "let", "const", "return", "eval", "constructor", "__proto__", "prototype":
			return nil, &exprError{off: t.off, msg: fmt.Sprintf("%q is not allowed in an expression", t.s)}
		}
		return &exprNode{op: "id", off: t.off, str: t.s}, nil
	case tPunct:
		switch t.s {
		case "(":
			x, err := p.expression()
			if err != nil {
				return nil, err
			}
			return x, p.expect(")")
		case "[":
			items, err := p.list("]")
			if err != nil {
				return nil, err
			}
			return &exprNode{op: "array", off: t.off, kids: items}, nil
		case "{":
			if err := p.enter(); err != nil {
				return nil, err
			}
			defer func() { p.depth-- }()
			n := &exprNode{op: "object", off: t.off}
			for !p.isPunct("}") {
				k := p.next()
				if k.kind != tIdent && k.kind != tStr && k.kind != tNum {
					return nil, &exprError{off: k.off, msg: fmt.Sprintf("expected a property name, found %s", p.describe(k))}
				}
				key := k.s
				if k.kind == tNum {
					key = jsNumber(k.n)
				}
				if err := p.expect(":"); err != nil {
					return nil, err
				}
				v, err := p.expression()
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key)
				n.kids = append(n.kids, v)
				if !p.isPunct(",") {
					break
				}
				p.next()
			}
			return n, p.expect("}")
		}
	}
	return nil, &exprError{off: t.off, msg: fmt.Sprintf("unexpected %s", p.describe(t))}
}

// fields lists the datum fields an expression reads directly
// (datum.name or datum["name"] with a literal).
func (n *exprNode) fields(out []string) []string {
	if n == nil {
		return out
	}
	if n.op == "member" && len(n.kids) > 0 && n.kids[0].op == "id" && n.kids[0].str == "datum" {
		switch {
		case !n.index:
			return append(out, n.str)
		case len(n.kids) == 2 && n.kids[1].op == "str":
			return append(out, n.kids[1].str)
		}
	}
	for _, k := range n.kids {
		out = k.fields(out)
	}
	return out
}

// exprNaN is what arithmetic on non-numbers gives.
var exprNaN = math.NaN()
