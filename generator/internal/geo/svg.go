package geo

import (
	"bytes"
	"hash/fnv"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/svg"
)

// svgWriter writes SVG one element per line, indented: the pretty form that
// golden files keep. minifySVG makes the form pages get.
type svgWriter struct {
	b     bytes.Buffer
	depth int
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func (w *svgWriter) tag(name string, attrs []string, selfClose bool) {
	w.b.WriteString(strings.Repeat("  ", w.depth))
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		w.b.WriteByte(' ')
		w.b.WriteString(attrs[i])
		w.b.WriteString(`="`)
		w.b.WriteString(escaper.Replace(attrs[i+1]))
		w.b.WriteByte('"')
	}
	if selfClose {
		w.b.WriteString("/>\n")
	} else {
		w.b.WriteByte('>')
	}
}

// open starts an element whose children follow on their own lines.
func (w *svgWriter) open(name string, attrs ...string) {
	w.tag(name, attrs, false)
	w.b.WriteByte('\n')
	w.depth++
}

func (w *svgWriter) close(name string) {
	w.depth--
	w.b.WriteString(strings.Repeat("  ", w.depth) + "</" + name + ">\n")
}

// leaf writes an empty element.
func (w *svgWriter) leaf(name string, attrs ...string) { w.tag(name, attrs, true) }

// text writes an element holding text, on one line.
func (w *svgWriter) text(name, text string, attrs ...string) {
	w.tag(name, attrs, false)
	w.b.WriteString(escaper.Replace(text))
	w.b.WriteString("</" + name + ">\n")
}

// titled writes an empty element with a <title> child, on one line.
func (w *svgWriter) titled(name, title string, attrs ...string) {
	if title == "" {
		w.leaf(name, attrs...)
		return
	}
	w.tag(name, attrs, false)
	w.b.WriteString("<title>" + escaper.Replace(title) + "</title></" + name + ">\n")
}

var minifier = func() *minify.M {
	m := minify.New()
	m.Add("image/svg+xml", &svg.Minifier{})
	return m
}()

func minifySVG(b []byte) ([]byte, error) { return minifier.Bytes("image/svg+xml", b) }

// num writes a coordinate with one decimal at most ("12.3", "-4", "0.5").
func num(v float64) string { return string(appendTenths(nil, int64(math.Round(v*10)))) }

// appendTenths appends t/10 in decimal.
func appendTenths(b []byte, t int64) []byte {
	if t < 0 {
		b = append(b, '-')
		t = -t
	}
	b = strconv.AppendInt(b, t/10, 10)
	if d := t % 10; d != 0 {
		b = append(b, '.', byte('0'+d))
	}
	return b
}

// pathData draws the polygons with an absolute move and relative lines, on
// a grid of tenths, skipping points that round onto the previous one.
func pathData(mp orb.MultiPolygon) string {
	var b []byte
	var pts [][2]int64
	for _, poly := range mp {
		for _, r := range poly {
			pts = pts[:0]
			for _, p := range r {
				q := [2]int64{int64(math.Round(p[0] * 10)), int64(math.Round(p[1] * 10))}
				if len(pts) == 0 || pts[len(pts)-1] != q {
					pts = append(pts, q)
				}
			}
			if len(pts) > 1 && pts[0] == pts[len(pts)-1] {
				pts = pts[:len(pts)-1]
			}
			if len(pts) < 3 {
				continue
			}
			b = append(b, 'M')
			b = appendTenths(b, pts[0][0])
			b = append(b, ' ')
			b = appendTenths(b, pts[0][1])
			b = append(b, 'l')
			for i := 1; i < len(pts); i++ {
				dx, dy := pts[i][0]-pts[i-1][0], pts[i][1]-pts[i-1][1]
				if i > 1 && dx >= 0 {
					b = append(b, ' ')
				}
				b = appendTenths(b, dx)
				if dy >= 0 {
					b = append(b, ' ')
				}
				b = appendTenths(b, dy)
			}
			b = append(b, 'z')
		}
	}
	return string(b)
}

// circleData draws a clockwise circle as a subpath.
func circleData(c orb.Point, r float64) string {
	return "M" + num(c[0]-r) + " " + num(c[1]) +
		"a" + num(r) + " " + num(r) + " 0 1 1 " + num(2*r) + " 0" +
		"a" + num(r) + " " + num(r) + " 0 1 1 " + num(-2*r) + " 0z"
}

// idPrefix is a stable prefix for element ids, so that several maps on one
// page do not share a pattern or a title by accident.
func idPrefix(given string, parts ...string) string {
	if given != "" {
		return given
	}
	h := fnv.New32a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return "map" + strconv.FormatUint(uint64(h.Sum32()), 36)
}
