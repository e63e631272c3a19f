package card

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
)

// PNG rasterizes an SVG the site drew (a chart or a map) at scale times its
// size, on a white ground: the picture people paste into slides. Only what
// packages chart and geo write is drawn: shapes, paths, text and groups
// with presentation attributes; colours are var() fallbacks, the light
// theme.
func PNG(svg []byte, scale float64) ([]byte, error) {
	doc, err := parseSVG(svg)
	if err != nil {
		return nil, err
	}
	doc.fonts = takeFonts()
	defer giveFonts(doc.fonts)
	w, h := doc.width*scale, doc.height*scale
	if w < 1 || h < 1 || w*h > 40e6 {
		return nil, fmt.Errorf("svg: unusable size %gx%g", w, h)
	}
	cv := canvas.New(math.Ceil(w), math.Ceil(h))
	ctx := canvas.NewContext(cv)
	ctx.SetCoordSystem(canvas.CartesianIV)
	ctx.SetFillColor(ground)
	ctx.DrawPath(0, 0, canvas.Rectangle(math.Ceil(w), math.Ceil(h)))
	doc.draw(ctx, canvas.Identity.Scale(w/doc.vbW, h/doc.vbH).Translate(-doc.vbX, -doc.vbY))
	return encodePNG(rasterizer.Draw(cv, canvas.DPMM(1), canvas.DefaultColorSpace))
}

// drawSVGInto draws an SVG fitted into a box, keeping its aspect.
func drawSVGInto(ctx *canvas.Context, fs fontSet, svg []byte, x, y, w, h float64) {
	doc, err := parseSVG(svg)
	if err != nil {
		return
	}
	doc.fonts = fs
	s := math.Min(w/doc.vbW, h/doc.vbH)
	dx := x + (w-doc.vbW*s)/2
	dy := y + (h-doc.vbH*s)/2
	doc.draw(ctx, canvas.Identity.Translate(dx, dy).Scale(s, s).Translate(-doc.vbX, -doc.vbY))
}

// node is one element of the parsed document.
type node struct {
	name     string
	attrs    map[string]string
	text     string
	children []*node
}

type svgDoc struct {
	root               *node
	vbX, vbY, vbW, vbH float64
	width, height      float64
	ids                map[string]*node
	// boxes, when not nil, collects where each text goes instead of
	// drawing it (TextBoxes).
	boxes *[]TextBox
	fonts fontSet // texts are drawn with
}

func parseSVG(b []byte) (*svgDoc, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	var stack []*node
	var root *node
	ids := map[string]*node{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local, attrs: map[string]string{}}
			for _, a := range t.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			if id := n.attrs["id"]; id != "" {
				ids[id] = n
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil || root.name != "svg" {
		return nil, fmt.Errorf("svg: no svg element")
	}
	d := &svgDoc{root: root, ids: ids}
	if vb := numbers(root.attrs["viewBox"]); len(vb) == 4 {
		d.vbX, d.vbY, d.vbW, d.vbH = vb[0], vb[1], vb[2], vb[3]
	}
	d.width, d.height = num(root.attrs["width"]), num(root.attrs["height"])
	if d.vbW == 0 || d.vbH == 0 {
		d.vbW, d.vbH = d.width, d.height
	}
	if d.width == 0 || d.height == 0 {
		d.width, d.height = d.vbW, d.vbH
	}
	if d.vbW == 0 || d.vbH == 0 {
		return nil, fmt.Errorf("svg: no size")
	}
	return d, nil
}

// paint is the inherited presentation state.
type paint struct {
	fill, stroke          string
	fillOpacity, strokeOp float64
	opacity               float64
	strokeWidth           float64
	fontSize              float64
	fontWeight            string
	anchor                string
	direction             string
	cap, join             string
	dash                  []float64
}

func (d *svgDoc) draw(ctx *canvas.Context, m canvas.Matrix) {
	st := paint{fill: "#000", stroke: "none", fillOpacity: 1, strokeOp: 1, opacity: 1, strokeWidth: 1, fontSize: 12, anchor: "start"}
	d.walk(ctx, d.root, m, st)
}

func (d *svgDoc) walk(ctx *canvas.Context, n *node, m canvas.Matrix, st paint) {
	switch n.name {
	case "title", "desc", "defs", "pattern", "clipPath", "mask", "style", "script", "metadata", "linearGradient", "radialGradient":
		return
	}
	if n.attrs["display"] == "none" || n.attrs["visibility"] == "hidden" {
		return
	}
	st = d.inherit(st, n.attrs)
	if t := n.attrs["transform"]; t != "" {
		m = m.Mul(transform(t))
	}
	if n.name == "svg" && n != d.root {
		// A nested drawing: its viewport at x, y, its viewBox fitted in.
		w, h := num(n.attrs["width"]), num(n.attrs["height"])
		m = m.Translate(num(n.attrs["x"]), num(n.attrs["y"]))
		if vb := numbers(n.attrs["viewBox"]); len(vb) == 4 && vb[2] > 0 && vb[3] > 0 && w > 0 && h > 0 {
			s := math.Min(w/vb[2], h/vb[3])
			m = m.Scale(s, s).Translate(-vb[0], -vb[1])
		}
	}
	switch n.name {
	case "svg", "g", "a":
		for _, c := range n.children {
			d.walk(ctx, c, m, st)
		}
	case "path":
		if p, err := canvas.ParseSVGPath(n.attrs["d"]); err == nil {
			d.shape(ctx, p, m, st)
		}
	case "rect":
		w, h := num(n.attrs["width"]), num(n.attrs["height"])
		if w > 0 && h > 0 {
			r := math.Max(num(n.attrs["rx"]), num(n.attrs["ry"]))
			var p *canvas.Path
			if r > 0 {
				p = canvas.RoundedRectangle(w, h, math.Min(r, math.Min(w, h)/2))
			} else {
				p = canvas.Rectangle(w, h)
			}
			d.shape(ctx, p.Translate(num(n.attrs["x"]), num(n.attrs["y"])), m, st)
		}
	case "circle":
		if r := num(n.attrs["r"]); r > 0 {
			d.shape(ctx, canvas.Circle(r).Translate(num(n.attrs["cx"]), num(n.attrs["cy"])), m, st)
		}
	case "ellipse":
		rx, ry := num(n.attrs["rx"]), num(n.attrs["ry"])
		if rx > 0 && ry > 0 {
			d.shape(ctx, canvas.Ellipse(rx, ry).Translate(num(n.attrs["cx"]), num(n.attrs["cy"])), m, st)
		}
	case "line":
		p := &canvas.Path{}
		p.MoveTo(num(n.attrs["x1"]), num(n.attrs["y1"]))
		p.LineTo(num(n.attrs["x2"]), num(n.attrs["y2"]))
		st.fill = "none"
		d.shape(ctx, p, m, st)
	case "polyline", "polygon":
		pts := numbers(n.attrs["points"])
		if len(pts) >= 4 {
			p := &canvas.Path{}
			p.MoveTo(pts[0], pts[1])
			for i := 2; i+1 < len(pts); i += 2 {
				p.LineTo(pts[i], pts[i+1])
			}
			if n.name == "polygon" {
				p.Close()
			}
			d.shape(ctx, p, m, st)
		}
	case "text":
		d.text(ctx, n, m, st)
	}
}

func (d *svgDoc) inherit(st paint, a map[string]string) paint {
	if v, ok := a["fill"]; ok {
		st.fill = v
	}
	if v, ok := a["stroke"]; ok {
		st.stroke = v
	}
	if v, ok := a["fill-opacity"]; ok {
		st.fillOpacity = num(v)
	}
	if v, ok := a["stroke-opacity"]; ok {
		st.strokeOp = num(v)
	}
	if v, ok := a["opacity"]; ok {
		st.opacity *= num(v)
	}
	if v, ok := a["stroke-width"]; ok {
		st.strokeWidth = num(v)
	}
	if v, ok := a["font-size"]; ok {
		st.fontSize = num(v)
	}
	if v, ok := a["font-weight"]; ok {
		st.fontWeight = v
	}
	if v, ok := a["text-anchor"]; ok {
		st.anchor = v
	}
	if v, ok := a["direction"]; ok {
		st.direction = v
	}
	if v, ok := a["stroke-linecap"]; ok {
		st.cap = v
	}
	if v, ok := a["stroke-linejoin"]; ok {
		st.join = v
	}
	if v, ok := a["stroke-dasharray"]; ok {
		st.dash = numbers(v)
	}
	return st
}

// colour resolves a paint value: a colour, var(--x, fallback), a pattern
// (its first filled rectangle's colour) or none.
func (d *svgDoc) colour(v string, opacity float64) (color.RGBA, bool) {
	v = strings.TrimSpace(v)
	for strings.HasPrefix(v, "var(") {
		inner := strings.TrimSuffix(strings.TrimPrefix(v, "var("), ")")
		_, fb, ok := strings.Cut(inner, ",")
		if !ok {
			return color.RGBA{}, false
		}
		v = strings.TrimSpace(fb)
	}
	if strings.HasPrefix(v, "url(#") {
		id := strings.TrimSuffix(strings.TrimPrefix(v, "url(#"), ")")
		if p := d.ids[id]; p != nil {
			for _, c := range p.children {
				if c.name == "rect" {
					return d.colour(c.attrs["fill"], opacity)
				}
			}
		}
		return color.RGBA{}, false
	}
	if v == "currentColor" {
		v = "#1a1a1a"
	}
	c, ok := parseColor(v)
	if !ok {
		return c, false
	}
	a := float64(c.A) / 255 * opacity
	return color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a), uint8(float64(c.B) * a), uint8(255 * a)}, true
}

func (d *svgDoc) shape(ctx *canvas.Context, p *canvas.Path, m canvas.Matrix, st paint) {
	p = p.Transform(m)
	if c, ok := d.colour(st.fill, st.fillOpacity*st.opacity); ok {
		ctx.Push()
		ctx.SetFillColor(c)
		ctx.SetStrokeColor(canvas.Transparent)
		ctx.DrawPath(0, 0, p)
		ctx.Pop()
	}
	if c, ok := d.colour(st.stroke, st.strokeOp*st.opacity); ok && st.strokeWidth > 0 {
		ctx.Push()
		ctx.SetFillColor(canvas.Transparent)
		ctx.SetStrokeColor(c)
		ctx.SetStrokeWidth(st.strokeWidth * scaleOf(m))
		switch st.cap {
		case "round":
			ctx.SetStrokeCapper(canvas.RoundCap)
		case "square":
			ctx.SetStrokeCapper(canvas.SquareCap)
		default:
			ctx.SetStrokeCapper(canvas.ButtCap)
		}
		switch st.join {
		case "round":
			ctx.SetStrokeJoiner(canvas.RoundJoin)
		case "bevel":
			ctx.SetStrokeJoiner(canvas.BevelJoin)
		default:
			ctx.SetStrokeJoiner(canvas.MiterJoin)
		}
		if len(st.dash) > 0 {
			ds := make([]float64, len(st.dash))
			for i, v := range st.dash {
				ds[i] = v * scaleOf(m)
			}
			ctx.SetDashes(0, ds...)
		}
		ctx.DrawPath(0, 0, p)
		ctx.Pop()
	}
}

// text draws a text element and its tspans as one line each.
func (d *svgDoc) text(ctx *canvas.Context, n *node, m canvas.Matrix, st paint) {
	type piece struct {
		s    string
		x, y float64
		st   paint
	}
	x, y := num(n.attrs["x"]), num(n.attrs["y"])+num(n.attrs["dy"])
	var pieces []piece
	if s := strings.TrimSpace(n.text); s != "" {
		pieces = append(pieces, piece{s, x, y, st})
	}
	for _, c := range n.children {
		if c.name != "tspan" {
			continue
		}
		cst := d.inherit(st, c.attrs)
		if v, ok := c.attrs["x"]; ok {
			x = num(v)
		}
		if v, ok := c.attrs["y"]; ok {
			y = num(v)
		}
		y += num(c.attrs["dy"])
		if s := strings.TrimSpace(c.text); s != "" {
			pieces = append(pieces, piece{s, x, y, cst})
		}
	}
	for _, p := range pieces {
		c, ok := d.colour(p.st.fill, p.st.fillOpacity*p.st.opacity)
		if !ok {
			continue
		}
		bold := p.st.fontWeight == "bold" || num(p.st.fontWeight) >= 600
		ts := style{fonts: d.fonts, size: p.st.fontSize, bold: bold, color: canvas.Paint{Color: c}}
		t := richText(p.s, ts, 0, canvas.Left, 0)
		w, _ := t.Size()
		anchor := p.st.anchor
		if p.st.direction == "rtl" {
			// In right-to-left text, start and end swap sides.
			switch anchor {
			case "start", "":
				anchor = "end"
			case "end":
				anchor = "start"
			}
		}
		dx := 0.0
		switch anchor {
		case "middle":
			dx = -w / 2
		case "end":
			dx = -w
		}
		// The baseline is at y; the laid-out text's top is an ascent above.
		asc := ascent(ts, p.s)
		if d.boxes != nil {
			// The glyphs' extent: an ascent above the baseline, a descent
			// below (not the line's spacing).
			desc := descent(ts, p.s)
			*d.boxes = append(*d.boxes, textBox(p.s, m, p.x+dx, p.y-asc, w, asc, desc, p.st.fontSize, n))
			continue
		}
		ctx.Push()
		ctx.ComposeView(m)
		ctx.DrawText(p.x+dx, p.y-asc, t)
		ctx.Pop()
	}
}

// ascent is how far the first line's baseline lies below the top of the
// laid-out text.
func ascent(st style, s string) float64 {
	runs, _ := segment(s)
	sc := "latin"
	if len(runs) > 0 {
		sc = runs[0].script
	}
	return st.face(sc).Metrics().Ascent
}

// descent is how far the glyphs reach below the baseline.
func descent(st style, s string) float64 {
	runs, _ := segment(s)
	sc := "latin"
	if len(runs) > 0 {
		sc = runs[0].script
	}
	return st.face(sc).Metrics().Descent
}

func scaleOf(m canvas.Matrix) float64 {
	return math.Sqrt(math.Abs(m.Det()))
}

func num(s string) float64 {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "px"))
	v, _ := strconv.ParseFloat(s, 64)
	return v
}

func numbers(s string) []float64 {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	out := make([]float64, 0, len(f))
	for _, x := range f {
		if v, err := strconv.ParseFloat(x, 64); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// transform reads an SVG transform list.
func transform(s string) canvas.Matrix {
	m := canvas.Identity
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		open := strings.IndexByte(s, '(')
		close := strings.IndexByte(s, ')')
		if open < 0 || close < open {
			break
		}
		name := strings.TrimSpace(s[:open])
		a := numbers(s[open+1 : close])
		s = strings.TrimLeft(s[close+1:], ", ")
		at := func(i int) float64 {
			if i < len(a) {
				return a[i]
			}
			return 0
		}
		switch name {
		case "translate":
			m = m.Translate(at(0), at(1))
		case "scale":
			sy := at(0)
			if len(a) > 1 {
				sy = a[1]
			}
			m = m.Scale(at(0), sy)
		case "rotate":
			if len(a) >= 3 {
				m = m.RotateAbout(at(0), at(1), at(2))
			} else {
				m = m.Rotate(at(0))
			}
		case "matrix":
			if len(a) == 6 {
				m = m.Mul(canvas.Matrix{{a[0], a[2], a[4]}, {a[1], a[3], a[5]}})
			}
		}
	}
	return m
}

func parseColor(v string) (color.RGBA, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" || v == "none" || v == "transparent" {
		return color.RGBA{}, false
	}
	if strings.HasPrefix(v, "#") {
		h := v[1:]
		if len(h) == 3 || len(h) == 4 {
			var e []byte
			for i := range len(h) {
				e = append(e, h[i], h[i])
			}
			h = string(e)
		}
		if len(h) == 6 {
			h += "ff"
		}
		if len(h) != 8 {
			return color.RGBA{}, false
		}
		x, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			return color.RGBA{}, false
		}
		return color.RGBA{uint8(x >> 24), uint8(x >> 16), uint8(x >> 8), uint8(x)}, true
	}
	if strings.HasPrefix(v, "rgb") {
		open, close := strings.IndexByte(v, '('), strings.IndexByte(v, ')')
		if open < 0 || close < open {
			return color.RGBA{}, false
		}
		n := numbers(strings.ReplaceAll(v[open+1:close], "/", " "))
		if len(n) < 3 {
			return color.RGBA{}, false
		}
		a := 1.0
		if len(n) > 3 {
			a = n[3]
		}
		return color.RGBA{uint8(n[0]), uint8(n[1]), uint8(n[2]), uint8(255 * a)}, true
	}
	if c, ok := named[v]; ok {
		return c, true
	}
	return color.RGBA{}, false
}

var named = map[string]color.RGBA{
	"black": {0, 0, 0, 255}, "white": {255, 255, 255, 255}, "gray": {128, 128, 128, 255}, "grey": {128, 128, 128, 255},
	"red": {255, 0, 0, 255}, "green": {0, 128, 0, 255}, "blue": {0, 0, 255, 255}, "orange": {255, 165, 0, 255},
	"steelblue": {70, 130, 180, 255}, "lightgray": {211, 211, 211, 255}, "lightgrey": {211, 211, 211, 255},
}

var _ image.Image // image is used by PNG's callers through encodePNG

// TextBox is where a text of a drawing lies, in the drawing's viewBox
// units, measured with the fonts the site ships.
type TextBox struct {
	Text                 string
	X0, Y0, X1, Y1       float64
	Size                 float64
	Titled               bool    // the text or its parent has a <title> (the full text of a shortened label)
	BaselineX, BaselineY float64 // the start of the baseline
	Rotated              bool
	parent               *node
}

// TextBoxes measures every text of an SVG the site drew, and returns them
// with the viewBox (x, y, width, height): what a test needs to tell a
// label cut at the drawing's edge, or two labels drawn over each other.
func TextBoxes(svg []byte) ([]TextBox, [4]float64, error) {
	doc, err := parseSVG(svg)
	if err != nil {
		return nil, [4]float64{}, err
	}
	var boxes []TextBox
	doc.boxes = &boxes
	doc.fonts = takeFonts()
	defer giveFonts(doc.fonts)
	// Texts are only measured, so any context does.
	cv := canvas.New(1, 1)
	doc.draw(canvas.NewContext(cv), canvas.Identity)
	return boxes, [4]float64{doc.vbX, doc.vbY, doc.vbW, doc.vbH}, nil
}

func textBox(s string, m canvas.Matrix, x, y, w, asc, desc, size float64, n *node) TextBox {
	h := asc + desc
	pts := []canvas.Point{m.Dot(canvas.Point{X: x, Y: y}), m.Dot(canvas.Point{X: x + w, Y: y}), m.Dot(canvas.Point{X: x, Y: y + h}), m.Dot(canvas.Point{X: x + w, Y: y + h})}
	b := TextBox{Text: s, X0: pts[0].X, X1: pts[0].X, Y0: pts[0].Y, Y1: pts[0].Y, Size: size, Rotated: math.Abs(m[0][1]) > 1e-9 || math.Abs(m[1][0]) > 1e-9}
	for _, p := range pts[1:] {
		b.X0, b.X1 = math.Min(b.X0, p.X), math.Max(b.X1, p.X)
		b.Y0, b.Y1 = math.Min(b.Y0, p.Y), math.Max(b.Y1, p.Y)
	}
	for _, c := range n.children {
		if c.name == "title" {
			b.Titled = true
		}
	}
	base := m.Dot(canvas.Point{X: x, Y: y + asc})
	b.BaselineX, b.BaselineY = base.X, base.Y
	b.parent = n
	return b
}
