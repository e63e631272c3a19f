package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

const numFormatHint = `a d3 number format such as ",.0f", ".1%", "~s" or ".2e"`

// d3Format is a d3-format specifier, the number format language of Vega and
// Vega-Lite: [[fill]align][sign][symbol][0][width][,][.precision][~][type].
// It formats as d3 does, with the page language's decimal mark, group
// separator and percent sign (CLDR, through x/text), and the minus sign
// U+2212 that d3 writes in every language. The SI prefixes of type "s"
// become the language's short-scale words (K, M, B; "k" and "G" would read
// as kilo and giga in prose); everything else is d3's.
type d3Format struct {
	fill      string
	align     byte // 0, '<', '>', '=', '^'
	sign      byte // '-', '+', '(', ' '
	symbol    byte // 0, '#' ('$' is refused)
	zero      bool
	width     int
	comma     bool
	precision int // -1: not given
	trim      bool
	typ       byte // 0 for none
	// A tick format of type "s" writes every tick with the unit of the
	// largest (prefixOf), at a precision that tells ticks prefixStep
	// apart, as d3's formatPrefix does.
	prefixOf, prefixStep float64
}

// parseD3Format reads a specifier as d3-format's formatSpecifier does.
func parseD3Format(s string) (d3Format, error) {
	f := d3Format{fill: " ", sign: '-', precision: -1}
	bad := func(what string) (d3Format, error) {
		return d3Format{}, fmt.Errorf("number format %q: %s", s, what)
	}
	r := []rune(s)
	i := 0
	isAlign := func(c rune) bool { return c == '<' || c == '>' || c == '=' || c == '^' }
	switch {
	case len(r) >= 2 && isAlign(r[1]):
		f.fill, f.align = string(r[0]), byte(r[1])
		i = 2
	case len(r) >= 1 && isAlign(r[0]):
		f.align = byte(r[0])
		i = 1
	}
	if i < len(r) && strings.ContainsRune("+-( ", r[i]) {
		f.sign = byte(r[i])
		i++
	}
	if i < len(r) && r[i] == '$' {
		return bad("currency symbols are not supported; put the unit in the title")
	}
	if i < len(r) && r[i] == '#' {
		f.symbol = '#'
		i++
	}
	if i < len(r) && r[i] == '0' {
		f.zero = true
		i++
	}
	j := i
	for i < len(r) && r[i] >= '0' && r[i] <= '9' {
		i++
	}
	if i > j {
		w, err := strconv.Atoi(string(r[j:i]))
		if err != nil || w > 100 {
			return bad("the width must be at most 100")
		}
		f.width = w
	}
	if i < len(r) && r[i] == ',' {
		f.comma = true
		i++
	}
	if i < len(r) && r[i] == '.' {
		i++
		j := i
		for i < len(r) && r[i] >= '0' && r[i] <= '9' {
			i++
		}
		if i == j {
			return bad("a precision needs digits after the dot")
		}
		p, err := strconv.Atoi(string(r[j:i]))
		if err != nil || p > 100 {
			return bad("the precision must be at most 100")
		}
		f.precision = p
	}
	if i < len(r) && r[i] == '~' {
		f.trim = true
		i++
	}
	if i < len(r) {
		c := r[i]
		if c > 127 || !strings.ContainsRune("%bcdefgnoprsxX", c) && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return bad(fmt.Sprintf("unexpected %q", string(r[i:])))
		}
		f.typ = byte(c)
		i++
	}
	if i != len(r) {
		return bad(fmt.Sprintf("unexpected %q", string(r[i:])))
	}
	return f, nil
}

// final is the format as d3's newFormat reads the specifier: "n" is ",g",
// no type (or an unknown one) is "~g" with 12 digits by default.
func (f d3Format) final() d3Format {
	switch {
	case f.typ == 'n':
		f.comma, f.typ = true, 'g'
	case f.typ == 0 || !strings.ContainsRune("%bcdefgoprsxX", rune(f.typ)):
		if f.precision < 0 {
			f.precision = 12
		}
		f.trim, f.typ = true, 'g'
	}
	if f.zero || f.fill == "0" && f.align == '=' {
		f.zero, f.fill, f.align = true, "0", '='
	}
	return f
}

// prec is the precision, defaulted and clamped for the type as d3 does.
func (f d3Format) prec() int {
	p := f.precision
	if p < 0 {
		p = 6
	}
	if strings.IndexByte("gprs", f.typ) >= 0 {
		return max(1, min(21, p))
	}
	return max(0, min(20, p))
}

// numSymbols are what a language writes in numbers.
type numSymbols struct {
	dec, group     string
	pctPre, pctSuf string
	minus          string
}

var d3Symbols = numSymbols{dec: ".", group: ",", pctSuf: "%", minus: "\u2212"}

func (f d3Format) format(sy *numSymbols, l *locale, x float64) string {
	var b []byte
	return string(f.appendTo(b, sy, l, x))
}

func (f d3Format) appendTo(out []byte, sy *numSymbols, l *locale, x float64) []byte {
	f = f.final()
	prefix, suffix := "", ""
	if f.symbol == '#' {
		switch f.typ {
		case 'b', 'o', 'x', 'X':
			prefix = "0" + strings.ToLower(string(f.typ))
		}
	}
	if f.typ == '%' || f.typ == 'p' {
		suffix = sy.pctSuf
		prefix = sy.pctPre + prefix
	}
	var value string
	neg := false
	if f.typ == 'c' {
		suffix = jsNumber(x) + suffix
	} else {
		neg = x < 0 || 1/x < 0
		if math.IsNaN(x) {
			value = "NaN"
			neg = false
		} else {
			var unit string
			value, unit = f.formatType(math.Abs(x), l)
			if f.trim {
				value = trimZeros(value)
			}
			suffix = unit + suffix
		}
		if neg && f.sign != '+' && isZeroText(value) {
			neg = false
		}
		s := ""
		switch {
		case neg && f.sign == '(':
			s = "("
		case neg:
			s = sy.minus
		case f.sign == '+' || f.sign == ' ':
			s = string(f.sign)
		}
		prefix = s + prefix
		if neg && f.sign == '(' {
			suffix += ")"
		}
		// The decimal point and what follows move into the suffix, so
		// that grouping and padding see the integer digits only.
		if strings.IndexByte("defgprs%", f.typ) >= 0 {
			for i := 0; i < len(value); i++ {
				if c := value[i]; c < '0' || c > '9' {
					if c == '.' {
						suffix = sy.dec + value[i+1:] + suffix
					} else {
						suffix = value[i:] + suffix
					}
					value = value[:i]
					break
				}
			}
		}
	}
	if f.comma && !f.zero {
		value = groupDigits(value, sy.group, -1)
	}
	n := runeLen(prefix) + runeLen(value) + runeLen(suffix)
	pad := ""
	if n < f.width {
		pad = strings.Repeat(f.fill, f.width-n)
	}
	if f.comma && f.zero {
		w := -1
		if pad != "" {
			w = f.width - runeLen(suffix) - runeLen(prefix)
		}
		value = groupDigits(pad+value, sy.group, w)
		pad = ""
	}
	switch f.align {
	case '<':
		out = append(append(append(append(out, prefix...), value...), suffix...), pad...)
	case '=':
		out = append(append(append(append(out, prefix...), pad...), value...), suffix...)
	case '^':
		k := len([]rune(pad)) / 2
		pr := []rune(pad)
		out = append(append(append(append(append(out, string(pr[:k])...), prefix...), value...), suffix...), string(pr[k:])...)
	default:
		out = append(append(append(append(out, pad...), prefix...), value...), suffix...)
	}
	return out
}

func runeLen(s string) int { return len([]rune(s)) }

func isZeroText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '1' && c <= '9' {
			return false
		}
		if c == 'e' || c == 'E' {
			break
		}
	}
	return true
}

// formatType formats |x| by the type; "s" also returns its unit word.
func (f d3Format) formatType(x float64, l *locale) (string, string) {
	p := f.prec()
	switch f.typ {
	case '%':
		return jsFixed(x*100, p), ""
	case 'b':
		return strconv.FormatInt(int64(math.Round(x)), 2), ""
	case 'o':
		return strconv.FormatInt(int64(math.Round(x)), 8), ""
	case 'x':
		return strconv.FormatInt(int64(math.Round(x)), 16), ""
	case 'X':
		return strings.ToUpper(strconv.FormatInt(int64(math.Round(x)), 16)), ""
	case 'd':
		x = jsRound(x)
		if math.IsInf(x, 0) {
			return "∞", "" // d3 writes big integers with toLocaleString, which writes ∞
		}
		if x >= 1e21 {
			return strconv.FormatFloat(x, 'f', 0, 64), ""
		}
		return jsNumber(x), ""
	case 'e':
		return jsExponential(x, p), ""
	case 'f':
		return jsFixed(x, p), ""
	case 'g':
		return jsPrecision(x, p), ""
	case 'p':
		return formatRounded(x*100, p), ""
	case 'r':
		return formatRounded(x, p), ""
	case 's':
		if f.prefixOf > 0 {
			e, word := prefixUnit(f.prefixOf, l)
			p := max(0, e-exponent(f.prefixStep))
			if word != "" && l != nil && strings.HasPrefix(l.CompactPattern, "{n} ") {
				word = "\u00a0" + word
			}
			return jsFixed(x/pow10(e), p), word
		}
		return formatShortScale(x, p, l)
	}
	return jsNumber(x), ""
}

// formatShortScale is d3's "s" with the language's short-scale words in
// place of SI prefixes: thousands, millions, billions and trillions take a
// word; smaller and larger numbers are written out.
func formatShortScale(x float64, p int, l *locale) (string, string) {
	if x == 0 || l == nil || len(l.Compact) == 0 {
		return formatRounded(x, p), ""
	}
	// Round first: 999,950 at three digits is 1.00M, not 1,000K.
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'e', p-1, 64), 64)
	var unit *compactUnit
	for i := range l.Compact {
		if r >= pow10(l.Compact[i].Exp)*(1-1e-12) {
			unit = &l.Compact[i]
		}
	}
	if unit == nil {
		return formatRounded(x, p), ""
	}
	v := formatRounded(x/pow10(unit.Exp), p)
	word := unit.Suffix
	if strings.HasPrefix(l.CompactPattern, "{n} ") {
		word = "\u00a0" + word
	}
	return v, word
}

// groupDigits inserts sep every three digits from the right; with width
// >= 0 the result is cut to that many characters from the right, as d3's
// formatGroup does for zero-padded numbers.
func groupDigits(v, sep string, width int) string {
	if len(v) <= 3 && width < 0 {
		return v
	}
	var parts []string
	total := 0
	i := len(v)
	for i > 0 {
		j := max(i-3, 0)
		if width >= 0 && total+3 > width {
			j = max(i-max(width-total, 1), 0)
		}
		parts = append(parts, v[j:i])
		total += i - j + runeLen(sep)
		i = j
		if width >= 0 && total > width {
			break
		}
	}
	for a, b := 0, len(parts)-1; a < b; a, b = a+1, b-1 {
		parts[a], parts[b] = parts[b], parts[a]
	}
	return strings.Join(parts, sep)
}

// trimZeros drops insignificant trailing zeros, as d3's formatTrim.
func trimZeros(s string) string {
	i0, i1 := -1, 0
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.':
			i0, i1 = i, i
		case c == '0':
			if i0 == 0 {
				i0 = i
			}
			i1 = i
		case c >= '1' && c <= '9':
			if i0 > 0 {
				i0 = 0
			}
		default:
			if i0 > 0 {
				return s[:i0] + s[i1+1:]
			}
			return s
		}
	}
	if i0 > 0 {
		return s[:i0] + s[i1+1:]
	}
	return s
}

// jsRound is JavaScript's Math.round: halves go up.
func jsRound(x float64) float64 { return math.Floor(x + 0.5) }

// jsNumber is JavaScript's String(x).
func jsNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	case x == 0:
		return "0"
	}
	a := math.Abs(x)
	if a >= 1e21 || a < 1e-6 {
		s := strconv.FormatFloat(x, 'e', -1, 64)
		m, e, _ := strings.Cut(s, "e")
		if e[0] == '+' {
			e = e[1:]
			return m + "e+" + strings.TrimLeft(e, "0")
		}
		return m + "e-" + strings.TrimLeft(e[1:], "0")
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// exactTie says whether x >= 0 lies exactly halfway between two numbers of
// frac fraction digits; JavaScript's toFixed rounds those up where Go
// rounds to even.
func exactTie(x float64, frac int) bool {
	if frac > 20 {
		return false
	}
	// Most numbers are nowhere near a tie: only those within a hair of
	// one need their exact decimal expansion.
	if y := math.Abs(x) * pow10(frac); y < 1<<52 {
		if f := y - math.Floor(y); math.Abs(f-0.5) > 1e-6 {
			return false
		}
	}
	s := strconv.FormatFloat(x, 'f', frac+30, 64)
	dot := strings.IndexByte(s, '.')
	if dot < 0 {
		return false
	}
	tail := s[dot+1+frac:]
	return tail[0] == '5' && strings.Trim(tail[1:], "0") == ""
}

// jsFixed is JavaScript's x.toFixed(p) for x >= 0.
func jsFixed(x float64, p int) string {
	if x >= 1e21 {
		return jsNumber(x)
	}
	if x >= 0 && !math.Signbit(x) && p <= 9 {
		// Most numbers: x·10^p in a float is within 2.2e-7 of the exact
		// product below 1e9, so one far from a tie rounds as the exact
		// decimal expansion does, without strconv.
		if y := x * pow10tab[p]; y < 1e9 {
			n := math.Floor(y)
			if f := y - n; math.Abs(f-0.5) > 1e-6 {
				if f > 0.5 {
					n++
				}
				return fixedDigits(int64(n), p)
			}
		}
	}
	return jsFixedExact(x, p)
}

// jsFixedExact is jsFixed from the exact decimal expansion of x.
func jsFixedExact(x float64, p int) string {
	if exactTie(x, p) {
		return strconv.FormatFloat(x+math.Pow(10, -float64(p))/2, 'f', p, 64)
	}
	return strconv.FormatFloat(x, 'f', p, 64)
}

// fixedDigits writes n/10^p with exactly p decimals.
func fixedDigits(n int64, p int) string {
	var buf [32]byte
	i := len(buf)
	for k := 0; k < p; k++ {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	if p > 0 {
		i--
		buf[i] = '.'
	}
	for {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return string(buf[i:])
}

// digitsOf returns x >= 0 rounded to p significant digits (ties up, as
// JavaScript does) and the decimal exponent of its first digit.
func digitsOf(x float64, p int) (string, int) {
	if x == 0 {
		return strings.Repeat("0", p), 0
	}
	s := strconv.FormatFloat(x, 'e', p+30, 64)
	m, es, _ := strings.Cut(s, "e")
	exp, _ := strconv.Atoi(es)
	digits := strings.Replace(m, ".", "", 1)
	head, tail := digits[:p], digits[p:]
	// At least half way up, ties included: JavaScript rounds those up.
	if tail[0] < '5' {
		return head, exp
	}
	b := []byte(head)
	i := len(b) - 1
	for ; i >= 0; i-- {
		if b[i] == '9' {
			b[i] = '0'
			continue
		}
		b[i]++
		break
	}
	if i < 0 {
		b = append([]byte{'1'}, b[:len(b)-1]...)
		exp++
	}
	return string(b), exp
}

// jsExponential is x.toExponential(p) for x >= 0.
func jsExponential(x float64, p int) string {
	d, e := digitsOf(x, p+1)
	m := d[:1]
	if p > 0 {
		m += "." + d[1:]
	}
	if e < 0 {
		return m + "e-" + strconv.Itoa(-e)
	}
	return m + "e+" + strconv.Itoa(e)
}

// jsPrecision is x.toPrecision(p) for x >= 0.
func jsPrecision(x float64, p int) string {
	d, e := digitsOf(x, p)
	if x == 0 {
		e = 0
	}
	if e < -6 || e >= p {
		m := d[:1]
		if p > 1 {
			m += "." + d[1:]
		}
		if e < 0 {
			return m + "e-" + strconv.Itoa(-e)
		}
		return m + "e+" + strconv.Itoa(e)
	}
	if e >= 0 {
		if e+1 >= len(d) {
			return d
		}
		return d[:e+1] + "." + d[e+1:]
	}
	return "0." + strings.Repeat("0", -e-1) + d
}

// formatRounded is d3's formatRounded: p significant digits, never an
// exponent.
func formatRounded(x float64, p int) string {
	if x == 0 {
		if p <= 1 {
			return "0"
		}
		return "0." + strings.Repeat("0", p-1)
	}
	d, e := digitsOf(x, p)
	switch {
	case e < 0:
		return "0." + strings.Repeat("0", -e-1) + d
	case len(d) > e+1:
		return d[:e+1] + "." + d[e+1:]
	default:
		return d + strings.Repeat("0", e-len(d)+1)
	}
}

// prefixUnit is the unit a fixed-prefix "s" format writes numbers up to v
// in: the language's largest short-scale word not above v (thousand,
// million...), d3's SI prefix below one, else none.
func prefixUnit(v float64, l *locale) (int, string) {
	ex := exponent(v)
	if ex < 0 {
		e := max(-24, int(math.Floor(float64(ex)/3))*3)
		return e, []string{"y", "z", "a", "f", "p", "n", "\u00b5", "m"}[8+e/3]
	}
	if l == nil || len(l.Compact) == 0 {
		e := min(24, ex/3*3)
		return e, []string{"", "k", "M", "G", "T", "P", "E", "Z", "Y"}[e/3]
	}
	e, word := 0, ""
	for _, u := range l.Compact {
		if u.Exp <= ex {
			e, word = u.Exp, u.Suffix
		}
	}
	return e, word
}
