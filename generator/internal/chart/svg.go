package chart

import (
	"bytes"
	"math"
	"strconv"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/svg"
)

// elem is an SVG element. Attributes keep the order they were set in, so
// output is deterministic without sorting.
type elem struct {
	name  string
	attrs []attr
	text  string
	kids  []*elem
}

type attr struct{ k, v string }

func el(name string, kv ...string) *elem {
	e := &elem{name: name}
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
	if t != "" {
		e.kids = append([]*elem{{name: "title", text: t}}, e.kids...)
	}
	return e
}

// f formats a coordinate: two decimals at most, no trailing zeros, no -0.
func f(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "0"
	}
	x = math.Round(x*100) / 100
	if x == 0 {
		return "0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
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
	switch {
	case len(e.kids) == 0 && e.text == "":
		b.WriteString("/>")
	case len(e.kids) == 0:
		b.WriteByte('>')
		escape(b, e.text, false)
		b.WriteString("</")
		b.WriteString(e.name)
		b.WriteByte('>')
	default:
		b.WriteByte('>')
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

// compact serializes e without whitespace and minifies it.
func (e *elem) compact() []byte {
	var b bytes.Buffer
	e.write(&b, false, 0)
	out, err := minifier.Bytes("image/svg+xml", b.Bytes())
	if err != nil {
		return b.Bytes()
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
		p.WriteString(f(v))
	}
}
