package chart

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// exprFunc is one of Vega's expression functions.
type exprFunc struct {
	min, max int // arguments; max -1: any number
	fn       func(args []xv) xv
	// compile, when set, builds the call itself, to read constant
	// arguments (formats, patterns) once.
	compile func(n *exprNode, args []exprFn) (exprFn, *exprError)
}

// refusedFuncs are Vega functions a static chart cannot have, with why.
var refusedFuncs = map[string]string{
	"now":           "a chart drawn at build time would change with every build; compute the date in the data",
	"scale":         "scales are not available to expressions",
	"invert":        "scales are not available to expressions",
	"bandwidth":     "scales are not available to expressions",
	"copy":          "scales are not available to expressions",
	"domain":        "scales are not available to expressions",
	"range":         "scales are not available to expressions",
	"gradient":      "colours come from the scales",
	"data":          "expressions read only the current row",
	"indata":        "expressions read only the current row",
	"modify":        "charts are static",
	"geoArea":       "geographic functions are not available to expressions",
	"geoBounds":     "geographic functions are not available to expressions",
	"geoCentroid":   "geographic functions are not available to expressions",
	"geoShape":      "geographic functions are not available to expressions",
	"containerSize": "charts are drawn at build time",
	"screen":        "charts are drawn at build time",
	"windowSize":    "charts are drawn at build time",
	"rgb":           "colour functions are not supported",
	"hsl":           "colour functions are not supported",
	"lab":           "colour functions are not supported",
	"hcl":           "colour functions are not supported",
}

func exprFuncNames() []string {
	var out []string
	for k := range exprFuncs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func math1(f func(float64) float64) exprFunc {
	return exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xNumber(f(a[0].num())) }}
}

func isKind(k xkind) exprFunc {
	return exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xBoolean(a[0].k == k) }}
}

// dateOf is new Date(v): numbers are milliseconds, text is parsed.
func dateOf(v xv) float64 {
	switch v.k {
	case xDate, xNum:
		return v.n
	case xStr:
		if ms, ok := jsDateParse(v.s); ok {
			return ms
		}
		return math.NaN()
	case xNull:
		return 0
	}
	return math.NaN()
}

func datePart(f func(t time.Time) int) exprFunc {
	return exprFunc{min: 1, max: 1, fn: func(a []xv) xv {
		ms := dateOf(a[0])
		if math.IsNaN(ms) {
			return xNumber(math.NaN())
		}
		return xNumber(float64(f(msTime(ms))))
	}}
}

// makeDate is JavaScript's Date(y, m, d, H, M, S, ms) in UTC: months from 0,
// overflow carried, two-digit years as 19xx.
func makeDate(a []xv) float64 {
	parts := [7]float64{0, 0, 1, 0, 0, 0, 0}
	for i := range min(len(a), 7) {
		parts[i] = a[i].num()
	}
	for _, p := range parts {
		if math.IsNaN(p) || math.IsInf(p, 0) {
			return math.NaN()
		}
	}
	y := math.Trunc(parts[0])
	if y >= 0 && y <= 99 && len(a) > 1 {
		y += 1900
	}
	t := time.Date(int(y), time.Month(int(parts[1])+1), int(parts[2]), int(parts[3]), int(parts[4]), int(parts[5]), int(parts[6])*1e6, time.UTC)
	return timeMS(t)
}

func arrayOrString(v xv) ([]xv, string, bool) {
	if v.k == xArr {
		return v.arr(), "", true
	}
	return nil, v.str(), false
}

// jsIndex is a slice index as JavaScript reads it: negative from the end,
// clamped.
func jsIndex(v xv, n int, def int) int {
	if v.k == xUndef {
		return def
	}
	f := math.Trunc(v.num())
	if math.IsNaN(f) {
		return 0
	}
	if f < 0 {
		f += float64(n)
	}
	return int(math.Max(0, math.Min(f, float64(n))))
}

func sliceFn(a []xv) xv {
	if arr, s, ok := arrayOrString(a[0]); ok {
		n := len(arr)
		i, j := jsIndex(argOr(a, 1), n, 0), jsIndex(argOr(a, 2), n, n)
		if j < i {
			j = i
		}
		return xArray(slices.Clone(arr[i:j]))
	} else {
		u := utf16Units(s)
		n := len(u)
		i, j := jsIndex(argOr(a, 1), n, 0), jsIndex(argOr(a, 2), n, n)
		if j < i {
			j = i
		}
		return xString(utf16String(u[i:j]))
	}
}

func argOr(a []xv, i int) xv {
	if i < len(a) {
		return a[i]
	}
	return xUndefined
}

func utf16String(u []uint16) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := rune(u[i])
		if c >= 0xd800 && c < 0xdc00 && i+1 < len(u) && u[i+1] >= 0xdc00 && u[i+1] < 0xe000 {
			c = 0x10000 + (c-0xd800)<<10 + rune(u[i+1]-0xdc00)
			i++
		}
		b.WriteRune(c)
	}
	return b.String()
}

func indexOf(a []xv, last bool) xv {
	if arr, s, ok := arrayOrString(a[0]); ok {
		for i := range arr {
			k := i
			if last {
				k = len(arr) - 1 - i
			}
			if exprStrictEqual(arr[k], a[1]) {
				return xNumber(float64(k))
			}
		}
		return xNumber(-1)
	} else {
		u, sub := utf16Units(s), utf16Units(a[1].str())
		best := -1
		for i := 0; i+len(sub) <= len(u); i++ {
			if slices.Equal(u[i:i+len(sub)], sub) {
				best = i
				if !last {
					break
				}
			}
		}
		return xNumber(float64(best))
	}
}

var exprFuncs map[string]exprFunc

func init() {
	exprFuncs = map[string]exprFunc{
		"if":        {min: 3, max: 3},
		"isArray":   isKind(xArr),
		"isBoolean": isKind(xBool),
		"isDate":    isKind(xDate),
		"isNumber":  exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xBoolean(a[0].k == xNum) }},
		"isObject": exprFunc{min: 1, max: 1, fn: func(a []xv) xv {
			return xBoolean(a[0].k == xObj || a[0].k == xArr || a[0].k == xDate || a[0].k == xRegex)
		}},
		"isRegExp":  isKind(xRegex),
		"isString":  isKind(xStr),
		"isDefined": exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xBoolean(a[0].k != xUndef) }},
		"isValid":   exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xBoolean(a[0].valid()) }},
		"toBoolean": exprFunc{min: 1, max: 1, fn: toBooleanFn},
		"toDate":    exprFunc{min: 1, max: 2, fn: toDateFn},
		"toNumber":  exprFunc{min: 1, max: 1, fn: toNumberFn},
		"toString":  exprFunc{min: 1, max: 1, fn: toStringFn},
		"isNaN":     exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xBoolean(math.IsNaN(a[0].num())) }},
		"isFinite":  exprFunc{min: 1, max: 1, fn: func(a []xv) xv { f := a[0].num(); return xBoolean(!math.IsNaN(f) && !math.IsInf(f, 0)) }},
		"abs":       math1(math.Abs),
		"acos":      math1(math.Acos),
		"asin":      math1(math.Asin),
		"atan":      math1(math.Atan),
		"atan2":     exprFunc{min: 2, max: 2, fn: func(a []xv) xv { return xNumber(math.Atan2(a[0].num(), a[1].num())) }},
		"ceil":      math1(math.Ceil),
		"clamp":     exprFunc{min: 3, max: 3, fn: func(a []xv) xv { return xNumber(math.Max(a[1].num(), math.Min(a[2].num(), a[0].num()))) }},
		"cos":       math1(math.Cos),
		"exp":       math1(math.Exp),
		"floor":     math1(math.Floor),
		"hypot": exprFunc{min: 0, max: -1, fn: func(a []xv) xv {
			s := 0.0
			for _, v := range a {
				s += v.num() * v.num()
			}
			return xNumber(math.Sqrt(s))
		}},
		"log":    math1(math.Log),
		"max":    exprFunc{min: 0, max: -1, fn: func(a []xv) xv { return xNumber(jsMinMax(a, true)) }},
		"min":    exprFunc{min: 0, max: -1, fn: func(a []xv) xv { return xNumber(jsMinMax(a, false)) }},
		"pow":    exprFunc{min: 2, max: 2, fn: func(a []xv) xv { return xNumber(jsPow(a[0].num(), a[1].num())) }},
		"round":  math1(jsRound),
		"sin":    math1(math.Sin),
		"sqrt":   math1(math.Sqrt),
		"tan":    math1(math.Tan),
		"random": exprFunc{min: 0, max: 0, fn: func([]xv) xv { return xNumber(exprRandom.float()) }},
		"sampleUniform": exprFunc{min: 0, max: 2, fn: func(a []xv) xv {
			lo, hi := 0.0, 1.0
			if len(a) == 1 {
				hi = a[0].num()
			} else if len(a) == 2 {
				lo, hi = a[0].num(), a[1].num()
			}
			return xNumber(lo + (hi-lo)*exprRandom.float())
		}},
		"sampleNormal": exprFunc{min: 0, max: 2, fn: func(a []xv) xv {
			mu, sigma := 0.0, 1.0
			if len(a) > 0 {
				mu = a[0].num()
			}
			if len(a) > 1 {
				sigma = a[1].num()
			}
			return xNumber(mu + sigma*exprRandom.normal())
		}},
		"densityNormal": exprFunc{min: 1, max: 3, fn: func(a []xv) xv {
			mu, sigma := 0.0, 1.0
			if len(a) > 1 {
				mu = a[1].num()
			}
			if len(a) > 2 {
				sigma = a[2].num()
			}
			z := (a[0].num() - mu) / sigma
			return xNumber(math.Exp(-z*z/2) / (sigma * math.Sqrt(2*math.Pi)))
		}},
		"cumulativeNormal": exprFunc{min: 1, max: 3, fn: func(a []xv) xv {
			mu, sigma := 0.0, 1.0
			if len(a) > 1 {
				mu = a[1].num()
			}
			if len(a) > 2 {
				sigma = a[2].num()
			}
			return xNumber(0.5 * math.Erfc(-(a[0].num()-mu)/(sigma*math.Sqrt2)))
		}},
		"quantileNormal": exprFunc{min: 1, max: 3, fn: func(a []xv) xv {
			mu, sigma := normalParams(a)
			return xNumber(quantileNormal(a[0].num(), mu, sigma))
		}},
		"sampleLogNormal": exprFunc{min: 0, max: 2, fn: func(a []xv) xv {
			mu, sigma := 0.0, 1.0
			if len(a) > 0 {
				mu = a[0].num()
			}
			if len(a) > 1 {
				sigma = a[1].num()
			}
			return xNumber(math.Exp(mu + sigma*exprRandom.normal()))
		}},
		"densityLogNormal": exprFunc{min: 1, max: 3, fn: func(a []xv) xv {
			mu, sigma := normalParams(a)
			x := a[0].num()
			if x <= 0 {
				return xNumber(0)
			}
			z := (math.Log(x) - mu) / sigma
			return xNumber(math.Exp(-z*z/2) / (sigma * x * math.Sqrt(2*math.Pi)))
		}},
		"cumulativeLogNormal": exprFunc{min: 1, max: 3, fn: func(a []xv) xv {
			mu, sigma := normalParams(a)
			x := a[0].num()
			if x <= 0 {
				return xNumber(0)
			}
			return xNumber(0.5 * math.Erfc(-(math.Log(x)-mu)/(sigma*math.Sqrt2)))
		}},
		"quantileLogNormal": exprFunc{min: 1, max: 3, fn: func(a []xv) xv {
			mu, sigma := normalParams(a)
			return xNumber(math.Exp(quantileNormal(a[0].num(), mu, sigma)))
		}},
		"densityUniform": exprFunc{min: 1, max: 3, fn: func(a []xv) xv {
			lo, hi := uniformParams(a)
			x := a[0].num()
			if x >= lo && x <= hi {
				return xNumber(1 / (hi - lo))
			}
			return xNumber(0)
		}},
		"cumulativeUniform": exprFunc{min: 1, max: 3, fn: func(a []xv) xv {
			lo, hi := uniformParams(a)
			x := a[0].num()
			switch {
			case x < lo:
				return xNumber(0)
			case x > hi:
				return xNumber(1)
			}
			return xNumber((x - lo) / (hi - lo))
		}},
		"quantileUniform": exprFunc{min: 1, max: 3, fn: func(a []xv) xv {
			lo, hi := uniformParams(a)
			p := a[0].num()
			if p >= 0 && p <= 1 {
				return xNumber(lo + p*(hi-lo))
			}
			return xNumber(math.NaN())
		}},
		"datetime":        exprFunc{min: 0, max: 7, fn: func(a []xv) xv { return xDateMS(makeDate(a)) }},
		"utc":             exprFunc{min: 1, max: 7, fn: func(a []xv) xv { return xNumber(makeDate(a)) }},
		"date":            datePart(func(t time.Time) int { return t.Day() }),
		"day":             datePart(func(t time.Time) int { return int(t.Weekday()) }),
		"dayofyear":       datePart(func(t time.Time) int { return t.YearDay() }),
		"year":            datePart(func(t time.Time) int { return t.Year() }),
		"quarter":         datePart(func(t time.Time) int { return (int(t.Month()) - 1) / 3 }),
		"month":           datePart(func(t time.Time) int { return int(t.Month()) - 1 }),
		"week":            datePart(sundayWeek),
		"hours":           datePart(func(t time.Time) int { return t.Hour() }),
		"minutes":         datePart(func(t time.Time) int { return t.Minute() }),
		"seconds":         datePart(func(t time.Time) int { return t.Second() }),
		"milliseconds":    datePart(func(t time.Time) int { return t.Nanosecond() / 1e6 }),
		"time":            exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xNumber(dateOf(a[0])) }},
		"timezoneoffset":  exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xNumber(0) }},
		"utcdate":         datePart(func(t time.Time) int { return t.Day() }),
		"utcday":          datePart(func(t time.Time) int { return int(t.Weekday()) }),
		"utcdayofyear":    datePart(func(t time.Time) int { return t.YearDay() }),
		"utcyear":         datePart(func(t time.Time) int { return t.Year() }),
		"utcquarter":      datePart(func(t time.Time) int { return (int(t.Month()) - 1) / 3 }),
		"utcmonth":        datePart(func(t time.Time) int { return int(t.Month()) - 1 }),
		"utcweek":         datePart(sundayWeek),
		"utchours":        datePart(func(t time.Time) int { return t.Hour() }),
		"utcminutes":      datePart(func(t time.Time) int { return t.Minute() }),
		"utcseconds":      datePart(func(t time.Time) int { return t.Second() }),
		"utcmilliseconds": datePart(func(t time.Time) int { return t.Nanosecond() / 1e6 }),
		"timeOffset":      exprFunc{min: 2, max: 3, fn: timeOffsetFn},
		"utcOffset":       exprFunc{min: 2, max: 3, fn: timeOffsetFn},
		"timeSequence":    exprFunc{min: 3, max: 4, fn: timeSequenceFn},
		"utcSequence":     exprFunc{min: 3, max: 4, fn: timeSequenceFn},
		"extent": exprFunc{min: 1, max: 1, fn: func(a []xv) xv {
			lo, hi := math.NaN(), math.NaN()
			for _, v := range a[0].arr() {
				if !v.valid() {
					continue
				}
				f := v.num()
				if math.IsNaN(lo) || f < lo {
					lo = f
				}
				if math.IsNaN(hi) || f > hi {
					hi = f
				}
			}
			if math.IsNaN(lo) {
				return xArray([]xv{xUndefined, xUndefined})
			}
			return xArray([]xv{xNumber(lo), xNumber(hi)})
		}},
		"clampRange": exprFunc{min: 3, max: 3, fn: func(a []xv) xv {
			r := a[0].arr()
			if len(r) < 2 {
				return a[0]
			}
			lo, hi := r[0].num(), r[1].num()
			mn, mx := a[1].num(), a[2].num()
			span := hi - lo
			if lo < hi {
				if span > mx-mn {
					lo, hi = mn, mx
				} else if lo < mn {
					lo, hi = mn, mn+span
				} else if hi > mx {
					lo, hi = mx-span, mx
				}
			}
			return xArray([]xv{xNumber(lo), xNumber(hi)})
		}},
		"indexof":     exprFunc{min: 2, max: 2, fn: func(a []xv) xv { return indexOf(a, false) }},
		"lastindexof": exprFunc{min: 2, max: 2, fn: func(a []xv) xv { return indexOf(a, true) }},
		"inrange": exprFunc{min: 2, max: 2, fn: func(a []xv) xv {
			r := a[1].arr()
			if len(r) < 2 {
				return xFalse
			}
			lo, hi := r[0].num(), r[len(r)-1].num()
			if lo > hi {
				lo, hi = hi, lo
			}
			x := a[0].num()
			return xBoolean(x >= lo && x <= hi)
		}},
		"join": exprFunc{min: 1, max: 2, fn: func(a []xv) xv {
			sep := ","
			if len(a) > 1 && a[1].k != xUndef {
				sep = a[1].str()
			}
			var parts []string
			for _, v := range a[0].arr() {
				if v.k == xUndef || v.k == xNull {
					parts = append(parts, "")
				} else {
					parts = append(parts, v.str())
				}
			}
			s := strings.Join(parts, sep)
			if len(s) > maxExprString {
				s = s[:maxExprString]
			}
			return xString(s)
		}},
		"length": exprFunc{min: 1, max: 1, fn: func(a []xv) xv {
			if a[0].k == xArr {
				return xNumber(float64(len(a[0].arr())))
			}
			if a[0].k == xStr {
				return xNumber(float64(len(utf16Units(a[0].s))))
			}
			return xNumber(math.NaN())
		}},
		"lerp": exprFunc{min: 2, max: 2, fn: func(a []xv) xv {
			r := a[0].arr()
			if len(r) < 2 {
				return xNumber(math.NaN())
			}
			lo, hi := r[0].num(), r[len(r)-1].num()
			return xNumber(lo + a[1].num()*(hi-lo))
		}},
		"peek": exprFunc{min: 1, max: 1, fn: func(a []xv) xv {
			r := a[0].arr()
			if len(r) == 0 {
				return xUndefined
			}
			return r[len(r)-1]
		}},
		"pluck": exprFunc{min: 2, max: 2, fn: func(a []xv) xv {
			var out []xv
			for _, v := range a[0].arr() {
				out = append(out, v.member(a[1]))
			}
			return xArray(out)
		}},
		"reverse": exprFunc{min: 1, max: 1, fn: func(a []xv) xv {
			if a[0].k == xArr {
				r := slices.Clone(a[0].arr())
				slices.Reverse(r)
				return xArray(r)
			}
			return a[0]
		}},
		"sequence": exprFunc{min: 1, max: 3, fn: func(a []xv) xv {
			start, stop, step := 0.0, a[0].num(), 1.0
			if len(a) > 1 {
				start, stop = a[0].num(), a[1].num()
			}
			if len(a) > 2 {
				step = a[2].num()
			}
			var out []xv
			if step == 0 || math.IsNaN(step) {
				return xArray(nil)
			}
			n := math.Ceil((stop - start) / step)
			if n > maxExprItems {
				n = maxExprItems
			}
			for i := 0; float64(i) < n; i++ {
				out = append(out, xNumber(start+float64(i)*step))
			}
			return xArray(out)
		}},
		"slice": exprFunc{min: 1, max: 3, fn: sliceFn},
		"sort": exprFunc{min: 1, max: 1, fn: func(a []xv) xv {
			r := slices.Clone(a[0].arr())
			slices.SortStableFunc(r, func(x, y xv) int { return strings.Compare(x.str(), y.str()) })
			return xArray(r)
		}},
		"span": exprFunc{min: 1, max: 1, fn: func(a []xv) xv {
			r := a[0].arr()
			if len(r) == 0 {
				return xNumber(0)
			}
			return xNumber(r[len(r)-1].num() - r[0].num())
		}},
		"lower": exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xString(strings.ToLower(a[0].str())) }},
		"upper": exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xString(strings.ToUpper(a[0].str())) }},
		"trim":  exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xString(strings.TrimFunc(a[0].str(), unicode.IsSpace)) }},
		"pad": exprFunc{min: 2, max: 4, fn: func(a []xv) xv {
			s := a[0].str()
			n := int(math.Min(a[1].num(), 10000))
			ch := " "
			if len(a) > 2 && a[2].k != xUndef {
				ch = a[2].str()
			}
			align := "right"
			if len(a) > 3 {
				align = a[3].str()
			}
			k := n - len(utf16Units(s))
			if k <= 0 || ch == "" {
				return xString(s)
			}
			pad := strings.Repeat(ch, k)
			switch align {
			case "left":
				return xString(s + pad)
			case "center":
				return xString(pad[:k/2] + s + pad[k/2:])
			}
			return xString(pad + s)
		}},
		"parseFloat": exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return xNumber(jsParseFloat(a[0].str())) }},
		"parseInt": exprFunc{min: 1, max: 2, fn: func(a []xv) xv {
			base := 10
			if len(a) > 1 {
				base = int(a[1].num())
			}
			return xNumber(jsParseInt(a[0].str(), base))
		}},
		"replace": exprFunc{min: 3, max: 3, fn: replaceFn},
		"split": exprFunc{min: 2, max: 3, fn: func(a []xv) xv {
			s := a[0].str()
			var parts []string
			if a[1].k == xRegex {
				parts = a[1].ref.(*jsRegexp).re.Split(s, maxExprItems)
			} else {
				parts = strings.Split(s, a[1].str())
				if a[1].str() == "" {
					parts = strings.Split(s, "")
				}
			}
			if len(a) > 2 {
				if n := int(a[2].num()); n >= 0 && n < len(parts) {
					parts = parts[:n]
				}
			}
			if len(parts) > maxExprItems {
				parts = parts[:maxExprItems]
			}
			out := make([]xv, len(parts))
			for i, p := range parts {
				out[i] = xString(p)
			}
			return xArray(out)
		}},
		"substring": exprFunc{min: 2, max: 3, fn: func(a []xv) xv {
			u := utf16Units(a[0].str())
			clampI := func(v xv, def int) int {
				if v.k == xUndef {
					return def
				}
				f := v.num()
				if math.IsNaN(f) {
					return 0
				}
				return int(math.Max(0, math.Min(math.Trunc(f), float64(len(u)))))
			}
			i, j := clampI(a[1], 0), clampI(argOr(a, 2), len(u))
			if i > j {
				i, j = j, i
			}
			return xString(utf16String(u[i:j]))
		}},
		"truncate": exprFunc{min: 2, max: 4, fn: func(a []xv) xv {
			s := []rune(a[0].str())
			n := int(a[1].num())
			align := "right"
			if len(a) > 2 && a[2].k != xUndef {
				align = a[2].str()
			}
			ell := "…"
			if len(a) > 3 && a[3].k != xUndef {
				ell = a[3].str()
			}
			e := []rune(ell)
			if len(s) <= n {
				return xString(string(s))
			}
			keep := max(n-len(e), 0)
			switch align {
			case "left":
				return xString(ell + string(s[len(s)-keep:]))
			case "center":
				l := keep / 2
				return xString(string(s[:keep-l]) + ell + string(s[len(s)-l:]))
			}
			return xString(string(s[:keep]) + ell)
		}},
		"merge": exprFunc{min: 0, max: -1, fn: func(a []xv) xv {
			o := &xobj{}
			for _, v := range a {
				if v.k == xObj {
					src := v.obj()
					for i, k := range src.keys {
						o.set(k, src.vals[i])
					}
				}
			}
			return xv{k: xObj, ref: o}
		}},
		"regexp": exprFunc{min: 1, max: 2, fn: func(a []xv) xv {
			flags := ""
			if len(a) > 1 && a[1].k != xUndef {
				flags = a[1].str()
			}
			re, err := newJSRegexp(a[0].str(), flags)
			if err != nil {
				return xUndefined
			}
			return xv{k: xRegex, ref: re}
		}},
		"test": exprFunc{min: 1, max: 2, fn: func(a []xv) xv {
			if a[0].k != xRegex {
				return xFalse
			}
			return xBoolean(a[0].ref.(*jsRegexp).re.MatchString(argOr(a, 1).str()))
		}},
		"format":            exprFunc{min: 2, max: 2, compile: compileFormatCall(false)},
		"timeFormat":        exprFunc{min: 2, max: 2, compile: compileTimeFormatCall(false)},
		"utcFormat":         exprFunc{min: 2, max: 2, compile: compileTimeFormatCall(true)},
		"timeParse":         exprFunc{min: 2, max: 2, compile: compileTimeParseCall},
		"utcParse":          exprFunc{min: 2, max: 2, compile: compileTimeParseCall},
		"monthFormat":       exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return nameOf(enTime.months, a[0]) }},
		"monthAbbrevFormat": exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return nameOf(enTime.shortMonths, a[0]) }},
		"dayFormat":         exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return nameOf(enTime.days, a[0]) }},
		"dayAbbrevFormat":   exprFunc{min: 1, max: 1, fn: func(a []xv) xv { return nameOf(enTime.shortDays, a[0]) }},
		"timeUnitSpecifier": exprFunc{min: 1, max: 2, fn: func(a []xv) xv {
			var units []string
			if a[0].k == xArr {
				for _, u := range a[0].arr() {
					units = append(units, u.str())
				}
			} else {
				units = []string{a[0].str()}
			}
			var overrides map[string]string
			if len(a) > 1 && a[1].k == xObj {
				overrides = map[string]string{}
				o := a[1].obj()
				for i, k := range o.keys {
					overrides[k] = o.vals[i].str()
				}
			}
			return xString(timeUnitSpecifier(units, overrides))
		}},
	}
}

func nameOf(names []string, v xv) xv {
	f := v.num()
	if math.IsNaN(f) {
		return xString("")
	}
	i := ((int(f) % len(names)) + len(names)) % len(names)
	return xString(names[i])
}

func jsMinMax(a []xv, isMax bool) float64 {
	if len(a) == 0 {
		if isMax {
			return math.Inf(-1)
		}
		return math.Inf(1)
	}
	r := a[0].num()
	for _, v := range a[1:] {
		f := v.num()
		if math.IsNaN(f) || math.IsNaN(r) {
			r = math.NaN()
			continue
		}
		if isMax == (f > r) && f != r {
			r = f
		}
	}
	return r
}

// sundayWeek is the week of the year with weeks starting on Sunday, the
// days before the first Sunday in week 0 (d3's timeWeek count).
func sundayWeek(t time.Time) int {
	jan1 := time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	firstSunday := (7 - int(jan1.Weekday())) % 7
	return (t.YearDay() - 1 - firstSunday + 7) / 7
}

func toBooleanFn(a []xv) xv {
	v := a[0]
	switch v.k {
	case xUndef, xNull:
		return xNullV
	case xStr:
		if v.s == "" {
			return xNullV
		}
		return xBoolean(v.s != "false" && v.s != "0")
	}
	return xBoolean(v.truthy())
}

func toNumberFn(a []xv) xv {
	v := a[0]
	if v.k == xUndef || v.k == xNull || v.k == xStr && v.s == "" {
		return xNullV
	}
	return xNumber(v.num())
}

func toStringFn(a []xv) xv {
	v := a[0]
	if v.k == xUndef || v.k == xNull || v.k == xStr && v.s == "" {
		return xNullV
	}
	return xString(v.str())
}

// toDateFn is vega-util's toDate: text parsed as Date.parse does, numbers
// kept, both as milliseconds.
func toDateFn(a []xv) xv {
	v := a[0]
	switch v.k {
	case xUndef, xNull:
		return xNullV
	case xStr:
		if v.s == "" {
			return xNullV
		}
		if ms, ok := jsDateParse(v.s); ok {
			return xNumber(ms)
		}
		return xNumber(math.NaN())
	case xDate:
		return v
	}
	return xNumber(v.num())
}

func jsParseFloat(s string) float64 {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	end := 0
	seenDigit, seenDot, seenE := false, false, false
	for end < len(s) {
		c := s[end]
		switch {
		case c >= '0' && c <= '9':
			seenDigit = true
		case c == '.' && !seenDot && !seenE:
			seenDot = true
		case (c == 'e' || c == 'E') && seenDigit && !seenE:
			if end+1 < len(s) && (s[end+1] >= '0' && s[end+1] <= '9' || (s[end+1] == '+' || s[end+1] == '-') && end+2 < len(s) && s[end+2] >= '0' && s[end+2] <= '9') {
				seenE = true
				end++
			} else {
				goto done
			}
		case (c == '+' || c == '-') && end == 0:
		default:
			goto done
		}
		end++
	}
done:
	if strings.HasPrefix(s, "Infinity") || strings.HasPrefix(s, "+Infinity") {
		return math.Inf(1)
	}
	if strings.HasPrefix(s, "-Infinity") {
		return math.Inf(-1)
	}
	f, err := strconv.ParseFloat(s[:end], 64)
	if err != nil {
		return math.NaN()
	}
	return f
}

func jsParseInt(s string, base int) float64 {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if base == 0 {
		base = 10
		if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
			base, s = 16, s[2:]
		}
	} else if base == 16 && (strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X")) {
		s = s[2:]
	}
	if base < 2 || base > 36 {
		return math.NaN()
	}
	end := 0
	for end < len(s) {
		d := digitValue(s[end])
		if d < 0 || d >= base {
			break
		}
		end++
	}
	if end == 0 {
		return math.NaN()
	}
	v := 0.0
	for _, c := range []byte(s[:end]) {
		v = v*float64(base) + float64(digitValue(c))
	}
	if neg {
		v = -v
	}
	return v
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

func replaceFn(a []xv) xv {
	s := a[0].str()
	with := a[2].str()
	if a[1].k == xRegex {
		r := a[1].ref.(*jsRegexp)
		global := strings.Contains(r.flags, "g")
		count := 0
		out := r.re.ReplaceAllStringFunc(s, func(m string) string {
			count++
			if !global && count > 1 {
				return m
			}
			// $& is the match; $1.. groups are expanded by a second match.
			sub := r.re.FindStringSubmatch(m)
			return expandJSReplacement(with, m, sub)
		})
		if len(out) > maxExprString {
			out = out[:maxExprString]
		}
		return xString(out)
	}
	pat := a[1].str()
	i := strings.Index(s, pat)
	if i < 0 {
		return xString(s)
	}
	return xString(s[:i] + expandJSReplacement(with, pat, nil) + s[i+len(pat):])
}

func expandJSReplacement(with, match string, groups []string) string {
	if !strings.Contains(with, "$") {
		return with
	}
	var b strings.Builder
	for i := 0; i < len(with); i++ {
		c := with[i]
		if c != '$' || i+1 >= len(with) {
			b.WriteByte(c)
			continue
		}
		n := with[i+1]
		switch {
		case n == '$':
			b.WriteByte('$')
			i++
		case n == '&':
			b.WriteString(match)
			i++
		case n >= '1' && n <= '9' && int(n-'0') < len(groups):
			b.WriteString(groups[n-'0'])
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// exprRandom is a fixed-seed generator: random() in a chart drawn at build
// time gives the same drawing every time.
var exprRandom = &lcg{state: 0x2545F4914F6CDD1D}

type lcg struct{ state uint64 }

func (r *lcg) float() float64 {
	r.state ^= r.state >> 12
	r.state ^= r.state << 25
	r.state ^= r.state >> 27
	return float64((r.state*0x2545F4914F6CDD1D)>>11) / (1 << 53)
}

func (r *lcg) normal() float64 {
	u, v := r.float(), r.float()
	if u == 0 {
		u = 1e-12
	}
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*v)
}

func compileFormatCall(utc bool) func(n *exprNode, args []exprFn) (exprFn, *exprError) {
	return func(n *exprNode, args []exprFn) (exprFn, *exprError) {
		if n.kids[1].op == "str" {
			f, err := parseD3Format(n.kids[1].str)
			if err != nil {
				return nil, &exprError{off: n.kids[1].off, msg: err.Error(), hint: numFormatHint}
			}
			x := args[0]
			return func(e *exprEnv) xv { return xString(f.format(&d3Symbols, nil, x(e).num())) }, nil
		}
		return func(e *exprEnv) xv {
			f, err := parseD3Format(args[1](e).str())
			if err != nil {
				return xString("")
			}
			return xString(f.format(&d3Symbols, nil, args[0](e).num()))
		}, nil
	}
}

func compileTimeFormatCall(utc bool) func(n *exprNode, args []exprFn) (exprFn, *exprError) {
	return func(n *exprNode, args []exprFn) (exprFn, *exprError) {
		format := func(spec string, v xv) xv {
			ms := dateOf(v)
			if math.IsNaN(ms) {
				return xString("Invalid Date")
			}
			return xString(formatTime(spec, ms, enTime))
		}
		x := args[0]
		if n.kids[1].op == "str" {
			spec := n.kids[1].str
			return func(e *exprEnv) xv { return format(spec, x(e)) }, nil
		}
		return func(e *exprEnv) xv { return format(args[1](e).str(), x(e)) }, nil
	}
}

func compileTimeParseCall(n *exprNode, args []exprFn) (exprFn, *exprError) {
	parse := func(spec string, v xv) xv {
		if ms, ok := parseTime(spec, v.str(), enTime); ok {
			return xDateMS(ms)
		}
		return xNullV
	}
	x := args[0]
	if n.kids[1].op == "str" {
		spec := n.kids[1].str
		return func(e *exprEnv) xv { return parse(spec, x(e)) }, nil
	}
	return func(e *exprEnv) xv { return parse(args[1](e).str(), x(e)) }, nil
}

func timeOffsetFn(a []xv) xv {
	ms := dateOf(a[1])
	step := 1
	if len(a) > 2 {
		step = int(a[2].num())
	}
	if math.IsNaN(ms) {
		return xNumber(math.NaN())
	}
	return xDateMS(offsetTime(a[0].str(), ms, step))
}

func timeSequenceFn(a []xv) xv {
	unit := a[0].str()
	start, stop := dateOf(a[1]), dateOf(a[2])
	step := 1
	if len(a) > 3 {
		step = max(int(a[3].num()), 1)
	}
	var out []xv
	t := floorTime(unit, start)
	if t < start {
		t = offsetTime(unit, t, 1)
	}
	for ; t < stop && len(out) < maxExprItems; t = offsetTime(unit, t, step) {
		out = append(out, xDateMS(t))
	}
	return xArray(out)
}

// normalParams are the mean and standard deviation after a distribution
// function's first argument: 0 and 1 unless given.
func normalParams(a []xv) (mu, sigma float64) {
	mu, sigma = 0, 1
	if len(a) > 1 {
		mu = a[1].num()
	}
	if len(a) > 2 {
		sigma = a[2].num()
	}
	return mu, sigma
}

// uniformParams are a uniform distribution's bounds after the first
// argument: [0, 1], or [0, b] with one, as in Vega.
func uniformParams(a []xv) (lo, hi float64) {
	lo, hi = 0, 1
	switch len(a) {
	case 2:
		hi = a[1].num()
	case 3:
		lo, hi = a[1].num(), a[2].num()
	}
	if hi < lo {
		lo, hi = hi, lo
	}
	return lo, hi
}

func quantileNormal(p, mu, sigma float64) float64 {
	if p <= 0 || p >= 1 {
		return math.NaN()
	}
	return mu + sigma*math.Sqrt2*math.Erfinv(2*p-1)
}
