package chart

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
)

// exprEnv is what a compiled expression reads: the current row.
type exprEnv struct {
	row    []cell
	fields []string // the row's fields, for datum[name] with a computed name
}

type exprFn func(env *exprEnv) xv

// exprScope is what an expression may name when it is compiled: the fields
// of the rows it will see and the values of the spec's params (and of
// width and height).
type exprScope struct {
	fields []string
	params map[string]xv
}

func (sc *exprScope) field(name string) int {
	return slices.Index(sc.fields, name)
}

// compileExpr parses and compiles an expression for rows with the
// scope's fields.
func compileExpr(src string, sc *exprScope) (exprFn, *exprError) {
	n, err := parseExpr(src)
	if err != nil {
		return nil, err
	}
	return compileNode(n, sc)
}

var exprConstants = map[string]float64{
	"NaN": math.NaN(), "E": math.E, "LN2": math.Ln2, "LN10": math.Ln10, "LOG2E": math.Log2E, "LOG10E": math.Log10E,
	"PI": math.Pi, "SQRT1_2": math.Sqrt2 / 2, "SQRT2": math.Sqrt2, "MIN_VALUE": 5e-324, "MAX_VALUE": math.MaxFloat64,
	"Infinity": math.Inf(1),
}

func compileNode(n *exprNode, sc *exprScope) (exprFn, *exprError) {
	switch n.op {
	case "num":
		v := xNumber(n.num)
		return func(*exprEnv) xv { return v }, nil
	case "str":
		v := xString(n.str)
		return func(*exprEnv) xv { return v }, nil
	case "bool":
		v := xBoolean(n.str == "true")
		return func(*exprEnv) xv { return v }, nil
	case "null":
		return func(*exprEnv) xv { return xNullV }, nil
	case "undefined":
		return func(*exprEnv) xv { return xUndefined }, nil
	case "regex":
		re, err := jsRegexLiteral(n.str)
		if err != nil {
			return nil, &exprError{off: n.off, msg: err.Error()}
		}
		v := xv{k: xRegex, ref: re}
		return func(*exprEnv) xv { return v }, nil
	case "id":
		return compileIdent(n, sc)
	case "member":
		return compileMember(n, sc)
	case "call":
		return compileCall(n, sc)
	case "unary":
		x, err := compileNode(n.kids[0], sc)
		if err != nil {
			return nil, err
		}
		switch n.str {
		case "!":
			return func(e *exprEnv) xv { return xBoolean(!x(e).truthy()) }, nil
		case "-":
			return func(e *exprEnv) xv { return xNumber(-x(e).num()) }, nil
		case "+":
			return func(e *exprEnv) xv { return xNumber(x(e).num()) }, nil
		case "~":
			return func(e *exprEnv) xv { return xNumber(float64(^toInt32(x(e).num()))) }, nil
		case "typeof":
			return func(e *exprEnv) xv { return xString(x(e).typeOf()) }, nil
		}
	case "binary":
		a, err := compileNode(n.kids[0], sc)
		if err != nil {
			return nil, err
		}
		b, err := compileNode(n.kids[1], sc)
		if err != nil {
			return nil, err
		}
		return binaryOp(n, a, b)
	case "logical":
		a, err := compileNode(n.kids[0], sc)
		if err != nil {
			return nil, err
		}
		b, err := compileNode(n.kids[1], sc)
		if err != nil {
			return nil, err
		}
		switch n.str {
		case "&&":
			return func(e *exprEnv) xv {
				if v := a(e); !v.truthy() {
					return v
				}
				return b(e)
			}, nil
		case "||":
			return func(e *exprEnv) xv {
				if v := a(e); v.truthy() {
					return v
				}
				return b(e)
			}, nil
		default: // ??
			return func(e *exprEnv) xv {
				if v := a(e); v.k != xUndef && v.k != xNull {
					return v
				}
				return b(e)
			}, nil
		}
	case "cond":
		t, err := compileNode(n.kids[0], sc)
		if err != nil {
			return nil, err
		}
		a, err := compileNode(n.kids[1], sc)
		if err != nil {
			return nil, err
		}
		b, err := compileNode(n.kids[2], sc)
		if err != nil {
			return nil, err
		}
		return func(e *exprEnv) xv {
			if t(e).truthy() {
				return a(e)
			}
			return b(e)
		}, nil
	case "array":
		items, err := compileAll(n.kids, sc)
		if err != nil {
			return nil, err
		}
		return func(e *exprEnv) xv {
			out := make([]xv, len(items))
			for i, f := range items {
				out[i] = f(e)
			}
			return xArray(out)
		}, nil
	case "object":
		vals, err := compileAll(n.kids, sc)
		if err != nil {
			return nil, err
		}
		keys := n.keys
		return func(e *exprEnv) xv {
			o := &xobj{}
			for i, f := range vals {
				o.set(keys[i], f(e))
			}
			return xv{k: xObj, ref: o}
		}, nil
	}
	return nil, &exprError{off: n.off, msg: fmt.Sprintf("unsupported expression %q", n.op)}
}

func compileAll(ns []*exprNode, sc *exprScope) ([]exprFn, *exprError) {
	out := make([]exprFn, len(ns))
	for i, k := range ns {
		f, err := compileNode(k, sc)
		if err != nil {
			return nil, err
		}
		out[i] = f
	}
	return out, nil
}

func compileIdent(n *exprNode, sc *exprScope) (exprFn, *exprError) {
	switch n.str {
	case "datum":
		return func(e *exprEnv) xv { return rowObject(e) }, nil
	case "event", "item", "parent", "window", "document", "globalThis", "self":
		return nil, &exprError{off: n.off, msg: fmt.Sprintf("%q is not available: charts are drawn once, without interaction", n.str)}
	}
	if v, ok := sc.params[n.str]; ok {
		return func(*exprEnv) xv { return v }, nil
	}
	if c, ok := exprConstants[n.str]; ok {
		v := xNumber(c)
		return func(*exprEnv) xv { return v }, nil
	}
	hint := "read fields as datum.NAME or datum['NAME']"
	if _, ok := exprFuncs[n.str]; ok {
		hint = fmt.Sprintf("%s is a function: call it, as %s(...)", n.str, n.str)
	}
	return nil, &exprError{off: n.off, msg: fmt.Sprintf("unknown name %q", n.str), hint: hint}
}

// rowObject is the whole datum as an object.
func rowObject(e *exprEnv) xv {
	o := &xobj{}
	for i, f := range e.fields {
		if i < len(e.row) {
			o.set(f, cellValue(e.row[i]))
		}
	}
	return xv{k: xObj, ref: o}
}

func compileMember(n *exprNode, sc *exprScope) (exprFn, *exprError) {
	obj := n.kids[0]
	if obj.op == "id" && obj.str == "datum" {
		name, literal := n.str, !n.index
		if n.index && n.kids[1].op == "str" {
			name, literal = n.kids[1].str, true
		}
		if n.index && n.kids[1].op == "num" {
			name, literal = jsNumber(n.kids[1].num), true
		}
		if literal {
			i := sc.field(name)
			if i < 0 {
				return func(*exprEnv) xv { return xUndefined }, nil
			}
			return func(e *exprEnv) xv {
				if i < len(e.row) {
					return cellValue(e.row[i])
				}
				return xUndefined
			}, nil
		}
		key, err := compileNode(n.kids[1], sc)
		if err != nil {
			return nil, err
		}
		return func(e *exprEnv) xv {
			k := key(e).str()
			for i, f := range e.fields {
				if f == k && i < len(e.row) {
					return cellValue(e.row[i])
				}
			}
			return xUndefined
		}, nil
	}
	o, err := compileNode(obj, sc)
	if err != nil {
		return nil, err
	}
	if !n.index {
		key := xString(n.str)
		return func(e *exprEnv) xv { return o(e).member(key) }, nil
	}
	k, err := compileNode(n.kids[1], sc)
	if err != nil {
		return nil, err
	}
	return func(e *exprEnv) xv { return o(e).member(k(e)) }, nil
}

func binaryOp(n *exprNode, a, b exprFn) (exprFn, *exprError) {
	num := func(f func(x, y float64) float64) exprFn {
		return func(e *exprEnv) xv { return xNumber(f(a(e).num(), b(e).num())) }
	}
	cmp := func(ok func(c int) bool) exprFn {
		return func(e *exprEnv) xv {
			c, defined := exprCompare(a(e), b(e))
			return xBoolean(defined && ok(c))
		}
	}
	switch n.str {
	case "+":
		return func(e *exprEnv) xv { return exprAdd(a(e), b(e)) }, nil
	case "-":
		return num(func(x, y float64) float64 { return x - y }), nil
	case "*":
		return num(func(x, y float64) float64 { return x * y }), nil
	case "/":
		return num(func(x, y float64) float64 { return x / y }), nil
	case "%":
		return num(math.Mod), nil
	case "**":
		return num(jsPow), nil
	case "<":
		return cmp(func(c int) bool { return c < 0 }), nil
	case ">":
		return cmp(func(c int) bool { return c > 0 }), nil
	case "<=":
		return cmp(func(c int) bool { return c <= 0 }), nil
	case ">=":
		return cmp(func(c int) bool { return c >= 0 }), nil
	case "==":
		return func(e *exprEnv) xv { return xBoolean(exprLooseEqual(a(e), b(e))) }, nil
	case "!=":
		return func(e *exprEnv) xv { return xBoolean(!exprLooseEqual(a(e), b(e))) }, nil
	case "===":
		return func(e *exprEnv) xv { return xBoolean(exprStrictEqual(a(e), b(e))) }, nil
	case "!==":
		return func(e *exprEnv) xv { return xBoolean(!exprStrictEqual(a(e), b(e))) }, nil
	case "&":
		return num(func(x, y float64) float64 { return float64(toInt32(x) & toInt32(y)) }), nil
	case "|":
		return num(func(x, y float64) float64 { return float64(toInt32(x) | toInt32(y)) }), nil
	case "^":
		return num(func(x, y float64) float64 { return float64(toInt32(x) ^ toInt32(y)) }), nil
	case "<<":
		return num(func(x, y float64) float64 { return float64(toInt32(x) << (uint32(toInt32(y)) & 31)) }), nil
	case ">>":
		return num(func(x, y float64) float64 { return float64(toInt32(x) >> (uint32(toInt32(y)) & 31)) }), nil
	case ">>>":
		return num(func(x, y float64) float64 { return float64(uint32(toInt32(x)) >> (uint32(toInt32(y)) & 31)) }), nil
	case "in":
		return func(e *exprEnv) xv {
			o := b(e)
			if o.k == xObj {
				_, ok := o.obj().get(a(e).str())
				return xBoolean(ok)
			}
			return xFalse
		}, nil
	}
	return nil, &exprError{off: n.off, msg: fmt.Sprintf("operator %q is not supported", n.str)}
}

// jsPow is Math.pow, where 1 ** NaN is NaN (Go says 1).
func jsPow(x, y float64) float64 {
	if math.IsNaN(y) {
		return math.NaN()
	}
	if (x == 1 || x == -1) && math.IsInf(y, 0) {
		return math.NaN()
	}
	return math.Pow(x, y)
}

// toInt32 is JavaScript's ToInt32.
func toInt32(f float64) int32 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return int32(uint32(int64(math.Trunc(math.Mod(f, 4294967296)))))
}

// jsRegexLiteral reads /source/flags.
func jsRegexLiteral(lit string) (*jsRegexp, error) {
	i := strings.LastIndexByte(lit, '/')
	return newJSRegexp(lit[1:i], lit[i+1:])
}

// newJSRegexp compiles a JavaScript regular expression with Go's RE2
// engine (linear time); constructs RE2 lacks, such as backreferences and
// lookaround, are refused.
func newJSRegexp(source, flags string) (*jsRegexp, error) {
	if len(source) > 1000 {
		return nil, fmt.Errorf("regular expression is longer than 1000 bytes")
	}
	prefix := ""
	for _, f := range flags {
		switch f {
		case 'i':
			prefix += "i"
		case 'm':
			prefix += "m"
		case 's':
			prefix += "s"
		case 'g', 'u', 'y':
		default:
			return nil, fmt.Errorf("regular expression flag %q is not supported", f)
		}
	}
	src := source
	if prefix != "" {
		src = "(?" + prefix + ")" + src
	}
	re, err := regexp.Compile(src)
	if err != nil {
		return nil, fmt.Errorf("regular expression /%s/: %v", source, err)
	}
	return &jsRegexp{re: re, source: source, flags: flags}, nil
}

func compileCall(n *exprNode, sc *exprScope) (exprFn, *exprError) {
	f, ok := exprFuncs[n.str]
	if !ok {
		hint := ""
		if g := suggest(n.str, exprFuncNames()); g != "" {
			hint = fmt.Sprintf("did you mean %q?", g)
		}
		if why, ok := refusedFuncs[n.str]; ok {
			return nil, &exprError{off: n.off, msg: fmt.Sprintf("function %s is not supported: %s", n.str, why)}
		}
		return nil, &exprError{off: n.off, msg: fmt.Sprintf("unknown function %s", n.str), hint: hint}
	}
	if f.max >= 0 && len(n.kids) > f.max && len(n.kids) >= f.min && f.compile == nil && n.str != "if" {
		// JavaScript ignores extra arguments (round(x, 2) is round(x)),
		// and so does Vega: they are still read, for their mistakes.
		if _, err := compileAll(n.kids[f.max:], sc); err != nil {
			return nil, err
		}
		cp := *n
		cp.kids = n.kids[:f.max]
		n = &cp
	}
	if len(n.kids) < f.min || f.max >= 0 && len(n.kids) > f.max {
		want := fmt.Sprintf("%d", f.min)
		switch {
		case f.max < 0:
			want = fmt.Sprintf("at least %d", f.min)
		case f.max != f.min:
			want = fmt.Sprintf("%d to %d", f.min, f.max)
		}
		return nil, &exprError{off: n.off, msg: fmt.Sprintf("%s takes %s arguments, not %d", n.str, want, len(n.kids))}
	}
	args, err := compileAll(n.kids, sc)
	if err != nil {
		return nil, err
	}
	if n.str == "if" {
		return func(e *exprEnv) xv {
			if args[0](e).truthy() {
				return args[1](e)
			}
			return args[2](e)
		}, nil
	}
	if f.compile != nil {
		// Constant arguments (formats, patterns) are read once.
		return f.compile(n, args)
	}
	call := f.fn
	return func(e *exprEnv) xv {
		var buf [4]xv
		vs := buf[:0]
		for _, a := range args {
			vs = append(vs, a(e))
		}
		return call(vs)
	}, nil
}
