package chart

import (
	"bytes"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

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
	var buf [48]byte
	return string(l.appendDecimal(buf[:0], v, minFrac, maxFrac, group))
}

func (l *locale) appendDecimal(b []byte, v float64, minFrac, maxFrac int, group bool) []byte {
	v = roundTo(v, maxFrac)
	if l.syms.ok && fastNumber(v, maxFrac) {
		var buf [48]byte
		d := appendFixed(buf[:0], math.Abs(v), maxFrac)
		return l.syms.appendTo(b, d, v < 0, 0, minFrac, group, false)
	}
	opts := []number.Option{number.MinFractionDigits(minFrac), number.MaxFractionDigits(maxFrac)}
	if !group {
		opts = append(opts, number.NoSeparator())
	}
	return append(b, l.printer.Sprint(number.Decimal(v, opts...))...)
}

func (l *locale) percent(v float64, minFrac, maxFrac int) string {
	var buf [48]byte
	return string(l.appendPercent(buf[:0], v, minFrac, maxFrac))
}

func (l *locale) appendPercent(b []byte, v float64, minFrac, maxFrac int) []byte {
	v = roundTo(v, maxFrac+2)
	if l.syms.ok && fastNumber(v, maxFrac+2) {
		var buf [48]byte
		d := appendFixed(buf[:0], math.Abs(v), maxFrac+2)
		return l.syms.appendTo(b, d, v < 0, 2, minFrac, true, true)
	}
	return append(b, l.printer.Sprint(number.Percent(v, number.MinFractionDigits(minFrac), number.MaxFractionDigits(maxFrac)))...)
}

// integer formats n with at least digits digits and no grouping (years,
// months, days).
func (l *locale) integer(n, digits int) string {
	var buf [24]byte
	return string(l.appendInteger(buf[:0], n, digits))
}

func (l *locale) appendInteger(b []byte, n, digits int) []byte {
	if l.syms.ok && n >= 0 && n < 1e15 && digits <= 20 {
		var buf [24]byte
		d := strconv.AppendInt(buf[:0], int64(n), 10)
		for range digits - len(d) {
			b = append(b, '0')
		}
		return append(b, d...)
	}
	return append(b, l.printer.Sprint(number.Decimal(n, number.NoSeparator(), number.MinIntegerDigits(digits)))...)
}

// appendFixed appends v >= 0, already rounded to frac fraction digits, as
// strconv.AppendFloat(b, v, 'f', frac, 64) does. A number of up to 15
// digits is written from its digits as an integer: the float nearest to
// k/10^frac prints as k's digits, and this is quicker than the general
// algorithm.
func appendFixed(b []byte, v float64, frac int) []byte {
	k := math.Round(v * pow10(frac))
	if !(k < 1e15) || frac > 15 {
		return strconv.AppendFloat(b, v, 'f', frac, 64)
	}
	var digits [24]byte
	d := strconv.AppendInt(digits[:0], int64(k), 10)
	if len(d) <= frac { // 0.0ddd
		b = append(b, '0', '.')
		for range frac - len(d) {
			b = append(b, '0')
		}
		return append(b, d...)
	}
	b = append(b, d[:len(d)-frac]...)
	if frac > 0 {
		b = append(append(b, '.'), d[len(d)-frac:]...)
	}
	return b
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

// appendTo appends digits as strconv gives them ("1234.500") in the
// locale: the point moved right by shift places (percent), trailing
// fraction zeros trimmed down to minFrac, the integer part grouped by
// threes.
func (s *numSyms) appendTo(b, d []byte, neg bool, shift, minFrac int, group, pct bool) []byte {
	intPart, frac := d, []byte(nil)
	if k := bytes.IndexByte(d, '.'); k >= 0 {
		intPart, frac = d[:k], d[k+1:]
	}
	if shift > 0 {
		n := min(shift, len(frac))
		var room [48]byte
		moved := append(append(room[:0], intPart...), frac[:n]...)
		for len(moved) > 1 && moved[0] == '0' {
			moved = moved[1:]
		}
		intPart, frac = moved, frac[n:]
	}
	for len(frac) > minFrac && frac[len(frac)-1] == '0' {
		frac = frac[:len(frac)-1]
	}
	switch {
	case pct && neg:
		b = append(b, s.negPctPre...)
	case pct:
		b = append(b, s.pctPre...)
	case neg:
		b = append(b, s.negPre...)
	}
	for i, c := range intPart {
		if group && i > 0 && (len(intPart)-i)%3 == 0 {
			b = append(b, s.group...)
		}
		b = append(b, c)
	}
	if len(frac) > 0 || minFrac > 0 {
		b = append(b, s.dec...)
		b = append(b, frac...)
		for range minFrac - len(frac) {
			b = append(b, '0')
		}
	}
	switch {
	case pct && neg:
		b = append(b, s.negPctS...)
	case pct:
		b = append(b, s.pctSuf...)
	}
	return b
}

// compactSig rounds v to sig significant digits and formats it without a
// suffix.
func (l *locale) compactSig(v float64, sig int, group bool) string {
	var buf [48]byte
	return string(l.appendCompactSig(buf[:0], v, sig, group))
}

func (l *locale) appendCompactSig(b []byte, v float64, sig int, group bool) []byte {
	if v == 0 {
		return l.appendDecimal(b, 0, 0, 0, group)
	}
	d := max(sig-1-int(math.Floor(math.Log10(math.Abs(v)))), 0)
	return l.appendDecimal(b, v, 0, d, group)
}

// compact writes v with the language's short-scale word ("1.5M", "1,5 M",
// "150万") and sig significant digits. This stands in for d3's SI prefixes,
// which readers do not expect in prose ("G" for billions).
func (l *locale) compact(v float64, sig int, trim, group bool) string {
	var buf [48]byte
	return string(l.appendCompact(buf[:0], v, sig, trim, group))
}

func (l *locale) appendCompact(b []byte, v float64, sig int, trim, group bool) []byte {
	a := math.Abs(v)
	var unit *compactUnit
	for i := range l.Compact {
		if a >= pow10(l.Compact[i].Exp)*(1-1e-12) {
			unit = &l.Compact[i]
		}
	}
	scaled := v
	if unit != nil {
		scaled = v / pow10(unit.Exp)
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
	if unit == nil {
		return l.appendDecimal(b, scaled, minFrac, d, group)
	}
	return append(b, fill(l.CompactPattern, "n", l.decimal(scaled, minFrac, d, group), "s", unit.Suffix)...)
}

// formatter turns numbers into text: a d3 format, or fixed decimals.
type formatter struct {
	num     *d3Format
	decimal int // fraction digits when num is nil
	group   bool
	compact bool
	pct     bool
}

func (f formatter) number(l *locale, v float64) string {
	switch {
	case f.num != nil:
		return f.num.format(&l.num, l, v)
	case f.pct:
		return l.percent(v, f.decimal, f.decimal)
	case f.compact:
		return l.compact(v, 3, true, true)
	}
	return l.decimal(v, 0, f.decimal, f.group)
}
