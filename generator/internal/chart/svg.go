package chart

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/parse/v2"
)

// elem is an SVG element. Attributes keep the order they were set in, so
// output is deterministic without sorting.
type elem struct {
	name  string
	attrs []attr
	text  string
	title string // a mark's tooltip, written as its first child
	kids  []*elem
	buf   [7]attr // room for the attributes of most elements
}

type attr struct{ k, v string }

func (r *renderer) el(name string, kv ...string) *elem {
	e := &r.scr.elems.take(1)[0]
	e.name = name
	e.attrs = e.buf[:0]
	for i := 0; i+1 < len(kv); i += 2 {
		e.attrs = append(e.attrs, attr{kv[i], kv[i+1]})
	}
	return e
}

func (e *elem) set(k, v string) *elem {
	for i := range e.attrs {
		if e.attrs[i].k == k {
			e.attrs[i].v = v
			return e
		}
	}
	e.attrs = append(e.attrs, attr{k, v})
	return e
}

// add appends kids to e, leaving out nil ones. The list is taken from the
// rendering's scratch memory.
func (r *renderer) add(e *elem, kids ...*elem) {
	for _, k := range kids {
		if k == nil {
			continue
		}
		if len(e.kids) == cap(e.kids) {
			grown := r.scr.kids.take(max(2*cap(e.kids), 8))[:len(e.kids)]
			copy(grown, e.kids)
			e.kids = grown
		}
		e.kids = append(e.kids, k)
	}
}

// titled gives a mark its native tooltip.
func (e *elem) titled(t string) *elem {
	e.title = t
	return e
}

// f formats a coordinate: two decimals at most, no trailing zeros, no -0.
func f(x float64) string {
	var buf [24]byte
	return string(appendF(buf[:0], x))
}

// f is f(x) for an element of the chart.
func (r *renderer) f(x float64) string {
	var buf [24]byte
	return r.keep(appendF(buf[:0], x))
}

// keep returns b as a string cut from a block of text that the chart's
// short texts share: a chart writes hundreds of numbers and tooltips, and
// an allocation each cost more than writing them. A block is never
// written over, only replaced when full, so the strings stay valid.
func (r *renderer) keep(b []byte) string {
	if r.texts.Cap()-r.texts.Len() < len(b) {
		r.texts = strings.Builder{}
		r.texts.Grow(max(len(b), 4096))
	}
	n := r.texts.Len()
	r.texts.Write(b)
	return r.texts.String()[n:]
}

// appendF appends f(x) to b.
func appendF(b []byte, x float64) []byte {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return append(b, '0')
	}
	k := math.Round(x * 100)
	if k == 0 {
		return append(b, '0')
	}
	if math.Abs(k) >= 1e15 {
		return strconv.AppendFloat(b, k/100, 'f', -1, 64)
	}
	// k has at most 15 digits, so k/100 written out is also the shortest
	// text of the float k/100, which is what FormatFloat would give. The
	// digits are written in place, from the end.
	a := int64(math.Abs(k))
	ip, fr := a/100, a%100
	n := 1 // the integer part's digits
	for t := ip; t >= 10; t /= 10 {
		n++
	}
	if k < 0 {
		n++
	}
	if fr != 0 {
		n += 2
		if fr%10 != 0 {
			n++
		}
	}
	b = slices.Grow(b, n)
	i := len(b) + n
	b = b[:i]
	if fr != 0 {
		if fr%10 != 0 {
			i--
			b[i] = byte('0' + fr%10)
		}
		i -= 2
		b[i], b[i+1] = '.', byte('0'+fr/10)
	}
	for {
		i--
		b[i] = byte('0' + ip%10)
		ip /= 10
		if ip == 0 {
			break
		}
	}
	if k < 0 {
		b[i-1] = '-'
	}
	return b
}

// An svgWriter serializes an element tree, either pretty (one element per
// line, for golden files and review) or minified.
//
// Minified output is what tdewolff/minify's SVG minifier makes of the
// chart written out in full, byte for byte, but written directly: running
// the minifier over a whole chart cost about as much as drawing it. Only
// what the minifier changes in a chart is done here, with its own
// primitives (TestMinified checks the result against the minifier):
//
//   - whitespace between elements goes, and in text and attribute values
//     runs of spaces become one space and the ends are trimmed;
//   - an attribute that is one number, with or without a unit, and the
//     numbers of viewBox are shortened by minify.Number (0.5 becomes .5,
//     1000 becomes 1e3);
//   - path data is shortened by the minifier itself (see minPaths);
//   - a quote in an attribute is written as &#34;, or the value is put in
//     single quotes if it has more double quotes than single ones.
//
// The rest of what the minifier does does not apply: colours are always
// var(--chart-*, #fallback), and the chart writes no comments, default
// attributes or namespaced names.
type svgWriter struct {
	indent bool
	min    bool

	out     []byte       // kept between charts
	val     []byte       // an attribute value being minified
	doc     []byte       // the path data the chart's own shortener leaves to minPaths
	paths   bytes.Buffer // minPaths' output, read by nextPath
	pathsOK bool

	paintIn  string // the last colour written, and how (nil: none yet)
	paintOut []byte

	short   pathShortener
	shorts  []byte   // the path data the chart's shortener wrote, one after another
	shortAt [][2]int // where each path is in shorts; {-1, -1} for one left to the minifier
	next    int      // the path nextPath writes next
}

var svgWriters = sync.Pool{New: func() any { return new(svgWriter) }}

func (e *elem) pretty() []byte {
	w := svgWriter{indent: true}
	return append(w.elem(nil, e, 0), '\n')
}

// minified serializes e as the SVG minifier would.
func (e *elem) minified() []byte {
	w := svgWriters.Get().(*svgWriter)
	defer svgWriters.Put(w)
	w.min, w.indent = true, false
	w.minPaths(e)
	w.out = w.elem(w.out[:0], e, 0)
	return bytes.Clone(w.out)
}

func (w *svgWriter) elem(b []byte, e *elem, depth int) []byte {
	b = append(b, '<')
	b = append(b, e.name...)
	for _, a := range e.attrs {
		b = w.attr(b, a)
	}
	hasKids := len(e.kids) > 0 || e.title != ""
	if !hasKids {
		// An element whose text is empty, or whitespace that minifying
		// drops, is written as an empty-element tag.
		n := len(b)
		if e.text != "" {
			b = w.text(append(b, '>'), e.text)
		}
		if len(b) <= n+1 {
			return append(b[:n], "/>"...)
		}
		return end(b, e)
	}
	b = append(b, '>')
	if e.title != "" {
		// As elem writes a <title> of this text, without making one.
		b = w.newline(b, depth+1)
		n := len(b)
		b = w.text(append(b, "<title>"...), e.title)
		if len(b) == n+len("<title>") {
			b = append(b[:n], "<title/>"...)
		} else {
			b = append(b, "</title>"...)
		}
	}
	for _, k := range e.kids {
		b = w.newline(b, depth+1)
		b = w.elem(b, k, depth+1)
	}
	if e.text != "" {
		b = w.text(b, e.text)
	} else {
		b = w.newline(b, depth)
	}
	return end(b, e)
}

func end(b []byte, e *elem) []byte {
	b = append(b, "</"...)
	b = append(b, e.name...)
	return append(b, '>')
}

func (w *svgWriter) newline(b []byte, depth int) []byte {
	if w.indent {
		b = append(b, '\n')
		for range depth {
			b = append(b, "  "...)
		}
	}
	return b
}

func (w *svgWriter) text(b []byte, s string) []byte {
	if plainText(s) && (!w.min || s[0] != ' ' && s[len(s)-1] != ' ' && !strings.Contains(s, "  ")) {
		return append(b, s...) // nothing to escape or squeeze
	}
	n := len(b)
	b = escapeRunes(b, s, false)
	if w.min {
		b = b[:n+squeeze(b[n:])]
	}
	return b
}

func (w *svgWriter) attr(b []byte, a attr) []byte {
	colour := isColourAttr(a.k)
	b = append(b, ' ')
	b = append(b, a.k...)
	b = append(b, '=')
	if colour && w.min {
		// A chart repeats a few colours on many marks: the last one is
		// written once.
		if w.paintOut == nil || a.v != w.paintIn {
			w.paintOut = w.value(w.paintOut[:0], a, true)
			w.paintIn = a.v
		}
		return append(b, w.paintOut...)
	}
	return w.value(b, a, colour)
}

// value appends attribute a's value, quoted.
func (w *svgWriter) value(b []byte, a attr, colour bool) []byte {
	if colour && !safePaint(a.v) {
		// Colours can come from the data (scale: null) or the spec: none
		// may reach outside the drawing (url(...)) or out of its attribute.
		a.v = "currentColor"
	}
	if !w.min {
		b = append(b, '"')
		b = appendEscaped(b, a.v, true)
		return append(b, '"')
	}
	if a.k == "d" {
		return w.nextPath(b, a.v)
	}
	if colour && a.v != "" {
		// Colours as the minifier shortens them: names to shorter hex,
		// hex to shorter names or three digits (url() never gets here).
		if a.v[0] == '#' {
			if name, ok := css.ShortenColorHex[a.v]; ok {
				a.v = string(name)
			} else if v := a.v; len(v) == 7 && v[1] == v[2] && v[3] == v[4] && v[5] == v[6] {
				a.v = string([]byte{'#', v[1], v[3], v[5]})
			}
		} else if letters(a.v) {
			if hex, ok := css.ShortenColorName[css.ToHash([]byte(a.v))]; ok {
				a.v = string(hex)
			}
		}
	}
	if a.k != "viewBox" {
		// Most values: numbers the minifier leaves as they are, or text
		// without escapes, quotes or spaces to change.
		switch {
		case plainNumber(a.v):
			return append(append(append(b, '"'), a.v...), '"')
		case !plainAttr(a.v):
		case maybeNumber(a.v):
			w.val = append(w.val[:0], a.v...)
			return append(append(append(b, '"'), minDimension(w.val)...), '"')
		default:
			return append(append(append(b, '"'), a.v...), '"')
		}
	}
	// v is the value as the minifier reads it: entities other than quotes
	// stay, so quotes are left to quoteAttr.
	w.val = appendEscaped(w.val[:0], a.v, false)
	v := minDimension(w.val[:squeeze(w.val)])
	if a.k == "viewBox" {
		v = minNumbers(v)
	}
	return quoteAttr(b, v)
}

// plainAttr says whether minifying leaves s as it is, apart from numbers:
// printable ASCII without markup characters or quotes, and spaces only
// single and between words.
func plainAttr(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !attrByte[c] {
			if c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return false
			}
		}
	}
	return true
}

// attrByte marks the bytes that plainAttr lets through anywhere.
var attrByte = func() (t [256]bool) {
	for c := '!'; c <= '~'; c++ {
		t[c] = !strings.ContainsRune(`&<>"'`, c)
	}
	return t
}()

// maybeNumber says whether s could be a number to minDimension.
func maybeNumber(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '.' || s[0] == '-' || s[0] == '+')
}

// plainNumber says whether s is a decimal that minify.Number leaves as it
// is: digits with at most one point, not starting with 0 or a point and
// not ending with 0 or a point, after an optional minus. Most coordinates
// are; the others (0.5, 1000) go through minDimension.
func plainNumber(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 || s[0]-'1' > 8 || s[len(s)-1] == '0' || s[len(s)-1] == '.' {
		return false
	}
	point := false
	for i := 1; i < len(s); i++ {
		if c := s[i]; c-'0' > 9 {
			if c != '.' || point {
				return false
			}
			point = true
		}
	}
	return true
}

// squeeze collapses runs of spaces in p to one space and trims them from
// both ends, as the minifier does to text and attribute values, and
// returns the new length. After escaping, a space is the only whitespace.
func squeeze(p []byte) int {
	n := 0
	for i, c := range p {
		if c == ' ' && (n == 0 || p[n-1] == ' ' || i == len(p)-1) {
			continue
		}
		p[n] = c
		n++
	}
	if n > 0 && p[n-1] == ' ' {
		n--
	}
	return n
}

// minDimension shortens a value that is one number with an optional unit,
// as the minifier does: the number by minify.Number, the unit lower-cased,
// px and the unit of a zero dropped.
func minDimension(v []byte) []byte {
	n, m := parse.Dimension(v)
	if n == 0 || n+m != len(v) {
		return v
	}
	unit := v[n:]
	num := minify.Number(v[:n], 0)
	if len(num) == 1 && num[0] == '0' {
		return num
	}
	switch {
	case m == 2 && unit[0] == 'p' && unit[1] == 'x':
		return num
	case m > 1:
		parse.ToLower(unit)
	}
	return append(num, unit...)
}

// minNumbers shortens each of the space-separated numbers in v.
func minNumbers(v []byte) []byte {
	out := v[:0]
	for i, f := range bytes.Split(v, []byte{' '}) {
		if i > 0 {
			out = append(out, ' ')
		}
		out = append(out, minDimension(f)...)
	}
	return out
}

// quoteAttr appends v in the quotes the minifier chooses.
func quoteAttr(b, v []byte) []byte {
	q, esc := byte('"'), "&#34;"
	if bytes.Count(v, []byte{'"'}) > bytes.Count(v, []byte{'\''}) {
		q, esc = '\'', "&#39;"
	}
	b = append(b, q)
	for len(v) > 0 {
		i := bytes.IndexByte(v, q)
		if i < 0 {
			b = append(b, v...)
			break
		}
		b = append(append(b, v[:i]...), esc...)
		v = v[i+1:]
	}
	return append(b, q)
}

// minPaths shortens the path data of e and its descendants, in the order
// elem writes them, for nextPath. Data on the grid of hundredths, which
// is all the chart writes, goes through the chart's own shortener
// (pathmin.go). Anything else goes through the minifier. Its shortener,
// svg.PathData, rounds the numbers it recomputes to a precision that only
// Minifier.Minify can set, so that data goes through Minify as one
// document of bare paths.
func (w *svgWriter) minPaths(e *elem) {
	const head, tail = `<path d=`, `/>`
	w.doc = w.doc[:0]
	w.shorts, w.shortAt, w.next = w.shorts[:0], w.shortAt[:0], 0
	var add func(e *elem)
	add = func(e *elem) {
		for _, a := range e.attrs {
			if a.k != "d" {
				continue
			}
			start := len(w.shorts)
			var ok bool
			if w.shorts, ok = w.short.appendShortPath(w.shorts, a.v); ok {
				w.shortAt = append(w.shortAt, [2]int{start, len(w.shorts)})
				continue
			}
			w.shortAt = append(w.shortAt, [2]int{-1, -1})
			w.doc = append(w.doc, head...)
			if plainAttr(a.v) {
				w.doc = append(append(append(w.doc, '"'), a.v...), '"')
			} else {
				w.val = appendEscaped(w.val[:0], a.v, false)
				w.doc = quoteAttr(w.doc, w.val[:squeeze(w.val)])
			}
			w.doc = append(w.doc, tail...)
		}
		for _, k := range e.kids {
			add(k)
		}
	}
	add(e)
	w.paths.Reset()
	w.pathsOK = len(w.doc) == 0 || (&svg.Minifier{}).Minify(minifier, &w.paths, bytes.NewBuffer(w.doc), nil) == nil
}

// nextPath appends d, quoted, as minPaths shortened it.
func (w *svgWriter) nextPath(b []byte, d string) []byte {
	const head, tail = `<path d=`, `/>`
	k := w.next
	w.next++
	if k < len(w.shortAt) && w.shortAt[k][0] >= 0 {
		return append(append(append(b, '"'), w.shorts[w.shortAt[k][0]:w.shortAt[k][1]]...), '"')
	}
	p := w.paths.Bytes()
	if !w.pathsOK || !bytes.HasPrefix(p, []byte(head)) || len(p) < len(head)+len(tail)+2 {
		// Not expected: the minifier reads any well-formed document.
		w.val = appendEscaped(w.val[:0], d, false)
		return quoteAttr(b, w.val[:squeeze(w.val)])
	}
	q := p[len(head)]
	end := len(head) + 1 + bytes.IndexByte(p[len(head)+1:], q) + 1
	w.paths.Next(end + len(tail))
	return append(b, p[len(head):end]...)
}

// appendEscaped appends s with markup characters escaped; quotes only in
// attributes. Tabs and carriage returns become spaces, newlines a
// character reference, and characters XML does not allow are dropped.
func appendEscaped(b []byte, s string, inAttr bool) []byte {
	if plainText(s) {
		return append(b, s...)
	}
	return escapeRunes(b, s, inAttr)
}

func escapeRunes(b []byte, s string, inAttr bool) []byte {
	for _, r := range s {
		switch r {
		case '&':
			b = append(b, "&amp;"...)
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '"':
			if inAttr {
				b = append(b, "&quot;"...)
			} else {
				b = append(b, '"')
			}
		case '\n':
			b = append(b, "&#10;"...)
		case '\t', '\r':
			b = append(b, ' ')
		default:
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
				continue // not allowed in XML
			}
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// plainText says whether appendEscaped writes s as it is: valid UTF-8
// without markup characters, control characters or the noncharacters
// U+FFFE and U+FFFF.
func plainText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if !textByte[c] {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
}

// textByte marks the ASCII bytes that plainText lets through.
var textByte = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = !strings.ContainsRune(`&<>"`, c)
	}
	return t
}()

// minifier is the SVG minifier that minPaths runs and tests compare with.
var minifier = func() *minify.M {
	m := minify.New()
	m.Add("image/svg+xml", &svg.Minifier{})
	return m
}()

// path builds SVG path data.
type path struct{ strings.Builder }

func (p *path) move(x, y float64) { p.cmd('M', x, y) }
func (p *path) line(x, y float64) { p.cmd('L', x, y) }
func (p *path) close()            { p.WriteByte('Z') }

func (p *path) cmd(c byte, xy ...float64) {
	p.WriteByte(c)
	for i, v := range xy {
		if i > 0 {
			p.WriteByte(' ')
		}
		var buf [24]byte
		p.Write(appendF(buf[:0], v))
	}
}

// isColourAttr says whether an attribute holds a colour (the ones whose
// colours the SVG minifier shortens).
func isColourAttr(k string) bool {
	switch k {
	case "fill", "stroke", "color", "stop-color", "flood-color", "lighting-color":
		return true
	}
	return false
}

// letters says whether s is only ASCII letters, as colour names are.
func letters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// safePaint says whether a paint is a colour as the chart writes them:
// names, #hex, rgb() and hsl() forms, and the theme's var() and
// color-mix() expressions; never url(), which could fetch a resource.
func safePaint(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == ' ', c == ',', c == '#', c == '.', c == '%', c == ')':
		case c == '(':
			if i >= 3 && v[i-3]|0x20 == 'u' && v[i-2]|0x20 == 'r' && v[i-1]|0x20 == 'l' {
				return false // url(...): a resource
			}
		default:
			return false
		}
	}
	return true
}
