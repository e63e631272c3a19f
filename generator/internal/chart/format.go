package chart

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// numFormat is the supported subset of d3-format:
// [+][,][.precision][~][f|d|%|s].
type numFormat struct {
	plus  bool
	group bool
	prec  int // -1: the type's default
	trim  bool
	typ   byte
}

const numFormatHint = `supported number formats: [+][,][.precision][~](f|d|%|s), such as ",.0f", ".1%", "~s"`

func parseNumFormat(s string) (numFormat, error) {
	f := numFormat{prec: -1}
	i := 0
	bad := func(what string) (numFormat, error) {
		return numFormat{}, fmt.Errorf("number format %q: %s", s, what)
	}
	if len(s) >= 2 && strings.IndexByte("<>=^", s[1]) >= 0 || len(s) >= 1 && strings.IndexByte("<>=^", s[0]) >= 0 {
		return bad("fill and alignment are not supported")
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		f.plus = s[i] == '+'
		i++
	}
	if i < len(s) {
		switch s[i] {
		case '(', ' ':
			return bad(fmt.Sprintf("sign %q is not supported", s[i]))
		case '$':
			return bad("currency symbols are not supported; put the unit in the title")
		case '#':
			return bad("the # flag is not supported")
		}
	}
	if i < len(s) && s[i] >= '0' && s[i] <= '9' {
		return bad("width and zero padding are not supported")
	}
	if i < len(s) && s[i] == ',' {
		f.group = true
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j || i-j > 2 {
			return bad("precision must be one or two digits after the dot")
		}
		f.prec, _ = strconv.Atoi(s[j:i])
	}
	if i < len(s) && s[i] == '~' {
		f.trim = true
		i++
	}
	if i < len(s) {
		switch s[i] {
		case 'f', 'd', '%', 's':
			f.typ = s[i]
			i++
		default:
			return bad(fmt.Sprintf("type %q is not supported", s[i:i+1]))
		}
	}
	if i != len(s) {
		return bad(fmt.Sprintf("unexpected %q", s[i:]))
	}
	if f.prec > 20 {
		return bad("precision must be at most 20")
	}
	return f, nil
}

func (f numFormat) format(l *locale, v float64) string {
	var s string
	switch f.typ {
	case 'd':
		s = l.decimal(math.Round(v), 0, 0, f.group)
	case '%':
		p := f.precision(6)
		s = l.percent(v, f.minFrac(p), p)
	case 's':
		s = l.compact(v, max(f.precision(6), 1), f.trim, f.group)
	case 'f':
		p := f.precision(6)
		s = l.decimal(v, f.minFrac(p), p, f.group)
	default:
		p := f.precision(-1)
		if p < 0 {
			s = l.decimal(v, 0, autoDecimals(v), f.group)
		} else {
			s = l.compactSig(v, p, f.group)
		}
	}
	if f.plus && v > 0 {
		s = "+" + s
	}
	return s
}

func (f numFormat) precision(def int) int {
	if f.prec >= 0 {
		return f.prec
	}
	return def
}

func (f numFormat) minFrac(p int) int {
	if f.trim {
		return 0
	}
	return p
}

// autoDecimals is the fraction digits that show v to about six significant
// digits, without trailing zeros (the "~g" of d3 without the exponent).
func autoDecimals(v float64) int {
	a := math.Abs(v)
	if a == 0 || a >= 1e5 {
		return 0
	}
	d := 5 - int(math.Floor(math.Log10(a)))
	return min(max(d, 0), 10)
}

// pow10 is math.Pow(10, n), from a table for the exact powers.
func pow10(n int) float64 {
	if n >= 0 && n < len(pow10tab) {
		return pow10tab[n]
	}
	return math.Pow(10, float64(n))
}

var pow10tab = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

func roundTo(v float64, frac int) float64 {
	p := pow10(frac)
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

// decimal formats v in the locale with between minFrac and maxFrac fraction
// digits.
func (l *locale) decimal(v float64, minFrac, maxFrac int, group bool) string {
	v = roundTo(v, maxFrac)
	if l.syms.ok && fastNumber(v, maxFrac) {
		var buf [48]byte
		b := strconv.AppendFloat(buf[:0], math.Abs(v), 'f', maxFrac, 64)
		return l.syms.format(b, v < 0, 0, minFrac, group, false)
	}
	opts := []number.Option{number.MinFractionDigits(minFrac), number.MaxFractionDigits(maxFrac)}
	if !group {
		opts = append(opts, number.NoSeparator())
	}
	return l.printer.Sprint(number.Decimal(v, opts...))
}

func (l *locale) percent(v float64, minFrac, maxFrac int) string {
	v = roundTo(v, maxFrac+2)
	if l.syms.ok && fastNumber(v, maxFrac+2) {
		var buf [48]byte
		b := strconv.AppendFloat(buf[:0], math.Abs(v), 'f', maxFrac+2, 64)
		return l.syms.format(b, v < 0, 2, minFrac, true, true)
	}
	return l.printer.Sprint(number.Percent(v, number.MinFractionDigits(minFrac), number.MaxFractionDigits(maxFrac)))
}

// integer formats n with at least digits digits and no grouping (years,
// months, days).
func (l *locale) integer(n, digits int) string {
	if l.syms.ok && n >= 0 && n < 1e15 && digits <= 20 {
		var buf [24]byte
		b := strconv.AppendInt(buf[:0], int64(n), 10)
		if len(b) >= digits {
			return string(b)
		}
		return strings.Repeat("0", digits-len(b)) + string(b)
	}
	return l.printer.Sprint(number.Decimal(n, number.NoSeparator(), number.MinIntegerDigits(digits)))
}

// fastNumber says whether v, rounded to frac digits, is formatted by
// numSyms rather than by x/text: finite and of a size that strconv writes
// in full.
func fastNumber(v float64, frac int) bool {
	return !math.IsNaN(v) && math.Abs(v) < 1e15 && frac >= 0 && frac <= 15
}

// numSyms are a language's number symbols, read from x/text once so that
// formatting a number takes no printer.
type numSyms struct {
	ok                 bool
	dec, group         string
	negPre             string
	pctPre, pctSuf     string
	negPctPre, negPctS string
}

// newNumSyms reads the symbols from the printer's own output. Anything
// unexpected leaves ok false, and x/text formats every number.
func newNumSyms(p *message.Printer) numSyms {
	var s numSyms
	g := p.Sprint(number.Decimal(1234.5, number.MaxFractionDigits(1)))
	i, j := strings.Index(g, "234"), strings.LastIndex(g, "5")
	if !strings.HasPrefix(g, "1") || i < 1 || j < i+3 {
		return s
	}
	s.group, s.dec = g[1:i], g[i+3:j]
	neg := p.Sprint(number.Decimal(-1, number.NoSeparator()))
	if !strings.HasSuffix(neg, "1") {
		return s
	}
	s.negPre = neg[:len(neg)-1]
	split := func(t string) (string, string, bool) {
		k := strings.Index(t, "12")
		if k < 0 || strings.Contains(t[k+2:], "12") {
			return "", "", false
		}
		return t[:k], t[k+2:], true
	}
	var ok1, ok2 bool
	s.pctPre, s.pctSuf, ok1 = split(p.Sprint(number.Percent(0.12)))
	s.negPctPre, s.negPctS, ok2 = split(p.Sprint(number.Percent(-0.12)))
	s.ok = ok1 && ok2 && s.dec != "" && s.group != ""
	return s
}

// format writes digits as strconv gives them ("1234.500") in the locale:
// the point moved right by shift places (percent), trailing fraction zeros
// trimmed down to minFrac, the integer part grouped by threes.
func (s *numSyms) format(d []byte, neg bool, shift, minFrac int, group, pct bool) string {
	intPart, frac := d, []byte(nil)
	if k := bytes.IndexByte(d, '.'); k >= 0 {
		intPart, frac = d[:k], d[k+1:]
	}
	if shift > 0 {
		n := min(shift, len(frac))
		moved := make([]byte, 0, len(intPart)+n)
		moved = append(append(moved, intPart...), frac[:n]...)
		for len(moved) > 1 && moved[0] == '0' {
			moved = moved[1:]
		}
		intPart, frac = moved, frac[n:]
	}
	for len(frac) > minFrac && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	var b strings.Builder
	b.Grow(len(intPart) + len(frac) + 16)
	switch {
	case pct && neg:
		b.WriteString(s.negPctPre)
	case pct:
		b.WriteString(s.pctPre)
	case neg:
		b.WriteString(s.negPre)
	}
	for i, c := range intPart {
		if group && i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(s.group)
		}
		b.WriteByte(c)
	}
	if len(frac) > 0 || minFrac > 0 {
		b.WriteString(s.dec)
		b.Write(frac)
		for range minFrac - len(frac) {
			b.WriteByte('0')
		}
	}
	switch {
	case pct && neg:
		b.WriteString(s.negPctS)
	case pct:
		b.WriteString(s.pctSuf)
	}
	return b.String()
}

// compactSig rounds v to sig significant digits and formats it without a
// suffix.
func (l *locale) compactSig(v float64, sig int, group bool) string {
	if v == 0 {
		return l.decimal(0, 0, 0, group)
	}
	d := max(sig-1-int(math.Floor(math.Log10(math.Abs(v)))), 0)
	return l.decimal(v, 0, d, group)
}

// compact writes v with the language's short-scale word ("1.5M", "1,5 M",
// "150万") and sig significant digits. This stands in for d3's SI prefixes,
// which readers do not expect in prose ("G" for billions).
func (l *locale) compact(v float64, sig int, trim, group bool) string {
	a := math.Abs(v)
	var unit *compactUnit
	for i := range l.Compact {
		if a >= math.Pow(10, float64(l.Compact[i].Exp))*(1-1e-12) {
			unit = &l.Compact[i]
		}
	}
	scaled := v
	if unit != nil {
		scaled = v / math.Pow(10, float64(unit.Exp))
	}
	d := 0
	if scaled != 0 {
		d = max(sig-1-int(math.Floor(math.Log10(math.Abs(scaled)))), 0)
	}
	// Rounding can carry into the next unit (999.9K -> 1,000K); keep it.
	minFrac := d
	if trim {
		minFrac = 0
	}
	n := l.decimal(scaled, minFrac, d, group)
	if unit == nil {
		return n
	}
	return fill(l.CompactPattern, "n", n, "s", unit.Suffix)
}

// timeFormat is the supported subset of d3-time-format.
type timeFormat []timePart

type timePart struct {
	lit  string
	verb byte // 0 for a literal
	pad  bool
}

const timeFormatHint = "supported time formats use %Y %y %m %d %e %b %B and %% (with %-m, %-d for no padding), such as \"%Y\" or \"%b %Y\""

func parseTimeFormat(s string) (timeFormat, error) {
	var f timeFormat
	lit := strings.Builder{}
	flush := func() {
		if lit.Len() > 0 {
			f = append(f, timePart{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			lit.WriteByte(s[i])
			continue
		}
		i++
		pad := true
		if i < len(s) && (s[i] == '-' || s[i] == '_' || s[i] == '0') {
			pad = s[i] == '0'
			i++
		}
		if i >= len(s) {
			return nil, fmt.Errorf("time format %q ends with %%", s)
		}
		switch s[i] {
		case 'Y', 'y', 'm', 'd', 'e', 'b', 'B':
			flush()
			f = append(f, timePart{verb: s[i], pad: pad && s[i] != 'e'})
		case '%':
			lit.WriteByte('%')
		default:
			return nil, fmt.Errorf("time format %q: %%%c is not supported", s, s[i])
		}
	}
	flush()
	return f, nil
}

func (f timeFormat) format(l *locale, t time.Time) string {
	year, month, day := t.Date()
	if len(f) == 1 && f[0].verb == 'Y' {
		return l.integer(year, 1)
	}
	var b strings.Builder
	for _, p := range f {
		switch p.verb {
		case 0:
			b.WriteString(p.lit)
		case 'Y':
			b.WriteString(l.integer(year, 1))
		case 'y':
			b.WriteString(l.integer(year%100, 2))
		case 'm':
			b.WriteString(l.integer(int(month), padDigits(p.pad)))
		case 'd', 'e':
			b.WriteString(l.integer(day, padDigits(p.pad)))
		case 'b':
			b.WriteString(l.MonthsShort[month-1])
		case 'B':
			b.WriteString(l.Months[month-1])
		}
	}
	return b.String()
}

func padDigits(pad bool) int {
	if pad {
		return 2
	}
	return 1
}

// formatter turns numbers into text: a d3 format, or fixed decimals.
type formatter struct {
	num     *numFormat
	decimal int // fraction digits when num is nil
	group   bool
	compact bool
	pct     bool
}

func (f formatter) number(l *locale, v float64) string {
	switch {
	case f.num != nil:
		return f.num.format(l, v)
	case f.pct:
		return l.percent(v, f.decimal, f.decimal)
	case f.compact:
		return l.compact(v, 3, true, true)
	}
	return l.decimal(v, 0, f.decimal, f.group)
}
