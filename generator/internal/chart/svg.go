package chart

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/svg"
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

func el(name string, kv ...string) *elem {
	e := &elem{name: name}
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

func (e *elem) add(kids ...*elem) *elem {
	for _, k := range kids {
		if k != nil {
			e.kids = append(e.kids, k)
		}
	}
	return e
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
	// text of the float k/100, which is what FormatFloat would give.
	var buf [24]byte
	i := len(buf)
	a := int64(math.Abs(k))
	if fr := a % 100; fr != 0 {
		if fr%10 != 0 {
			i--
			buf[i] = byte('0' + fr%10)
		}
		i -= 2
		buf[i], buf[i+1] = '.', byte('0'+fr/10)
	}
	a /= 100
	for {
		i--
		buf[i] = byte('0' + a%10)
		a /= 10
		if a == 0 {
			break
		}
	}
	if k < 0 {
		i--
		buf[i] = '-'
	}
	return append(b, buf[i:]...)
}

// write serializes e; with indent it puts one element per line.
func (e *elem) write(b *bytes.Buffer, indent bool, depth int) {
	if indent {
		for range depth {
			b.WriteString("  ")
		}
	}
	b.WriteByte('<')
	b.WriteString(e.name)
	for _, a := range e.attrs {
		b.WriteByte(' ')
		b.WriteString(a.k)
		b.WriteString(`="`)
		escape(b, a.v, true)
		b.WriteByte('"')
	}
	hasKids := len(e.kids) > 0 || e.title != ""
	switch {
	case !hasKids && e.text == "":
		b.WriteString("/>")
	case !hasKids:
		b.WriteByte('>')
		escape(b, e.text, false)
		b.WriteString("</")
		b.WriteString(e.name)
		b.WriteByte('>')
	default:
		b.WriteByte('>')
		if e.title != "" {
			if indent {
				b.WriteByte('\n')
			}
			t := elem{name: "title", text: e.title}
			t.write(b, indent, depth+1)
		}
		for _, k := range e.kids {
			if indent {
				b.WriteByte('\n')
			}
			k.write(b, indent, depth+1)
		}
		if e.text != "" {
			escape(b, e.text, false)
		} else if indent {
			b.WriteByte('\n')
			for range depth {
				b.WriteString("  ")
			}
		}
		b.WriteString("</")
		b.WriteString(e.name)
		b.WriteByte('>')
	}
}

func escape(b *bytes.Buffer, s string, inAttr bool) {
	if plainText(s) {
		b.WriteString(s)
		return
	}
	escapeRunes(b, s, inAttr)
}

func escapeRunes(b *bytes.Buffer, s string, inAttr bool) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			if inAttr {
				b.WriteString("&quot;")
			} else {
				b.WriteRune(r)
			}
		case '\n':
			b.WriteString("&#10;")
		case '\t', '\r':
			b.WriteByte(' ')
		default:
			if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
				continue // not allowed in XML
			}
			b.WriteRune(r)
		}
	}
}

// plainText says whether escape writes s as it is: valid UTF-8 without
// markup characters, control characters or the noncharacters U+FFFE and
// U+FFFF.
func plainText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' {
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

func (e *elem) pretty() []byte {
	var b bytes.Buffer
	e.write(&b, true, 0)
	b.WriteByte('\n')
	return b.Bytes()
}

var minifier = func() *minify.M {
	m := minify.New()
	m.Add("image/svg+xml", &svg.Minifier{})
	return m
}()

// writeBufs hold the unminified text between charts.
var writeBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// compact serializes e without whitespace and minifies it.
func (e *elem) compact() []byte {
	b := writeBufs.Get().(*bytes.Buffer)
	defer writeBufs.Put(b)
	b.Reset()
	e.write(b, false, 0)
	out, err := minifier.Bytes("image/svg+xml", b.Bytes())
	if err != nil {
		return bytes.Clone(b.Bytes())
	}
	return out
}

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
