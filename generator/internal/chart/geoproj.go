package chart

import (
	"math"
	"strconv"
)

// Map projections as d3-geo defines them (Vega's projections), and the
// projection of GeoJSON into SVG paths. A projection is fitted to the
// plot and its data unless the spec gives its scale and translation.

const rad = math.Pi / 180

// rawProj projects longitude and latitude in radians to the unit plane
// (y up).
type rawProj func(l, p float64) (x, y float64)

// projection is a d3 projection: a raw projection, rotated, scaled and
// translated, its y axis pointing down.
type projection struct {
	typ       string
	raw       rawProj
	k         float64 // scale
	tx, ty    float64 // translate
	cx, cy    float64 // the centre, projected (unscaled)
	rot       [3]float64
	clipAngle float64 // degrees; 0: none
	reflectX  bool
	reflectY  bool
	usa       bool // albersUsa: three conic projections in one
}

// projections names the raw projections and their d3 default scale.
func rawProjection(typ string, parallels []float64) (rawProj, float64, bool) {
	switch typ {
	case "mercator":
		return func(l, p float64) (float64, float64) {
			return l, math.Log(math.Tan((math.Pi/2 + p) / 2))
		}, 961 / (2 * math.Pi), true
	case "equirectangular":
		return func(l, p float64) (float64, float64) { return l, p }, 152.63, true
	case "equalEarth":
		const a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
		m := math.Sqrt(3) / 2
		return func(l, p float64) (float64, float64) {
			t := math.Asin(m * math.Sin(p))
			t2 := t * t
			t6 := t2 * t2 * t2
			return l * math.Cos(t) / (m * (a1 + 3*a2*t2 + t6*(7*a3+9*a4*t2))), t * (a1 + a2*t2 + t6*(a3+a4*t2))
		}, 177.158, true
	case "naturalEarth1":
		return func(l, p float64) (float64, float64) {
			p2 := p * p
			p4 := p2 * p2
			return l * (0.8707 - 0.131979*p2 + p4*(-0.013791+p4*(0.003971*p2-0.001529*p4))),
				p * (1.007226 + p2*(0.015085+p4*(-0.044475+0.028874*p2-0.005916*p4)))
		}, 175.295, true
	case "orthographic":
		return func(l, p float64) (float64, float64) {
			return math.Cos(p) * math.Sin(l), math.Sin(p)
		}, 249.5, true
	case "azimuthalEqualArea", "azimuthalEquidistant", "stereographic", "gnomonic":
		return func(l, p float64) (float64, float64) {
			cl, cp := math.Cos(l), math.Cos(p)
			c := cl * cp
			var k float64
			switch typ {
			case "azimuthalEqualArea":
				k = math.Sqrt(2 / (1 + c))
			case "azimuthalEquidistant":
				cc := math.Acos(math.Max(-1, math.Min(1, c)))
				k = 1.0
				if cc != 0 {
					k = cc / math.Sin(cc)
				}
			case "stereographic":
				k = 1 / (1 + c)
			default:
				k = 1 / c
			}
			return k * cp * math.Sin(l), k * math.Sin(p)
		}, 120, true
	case "transverseMercator":
		return func(l, p float64) (float64, float64) {
			return math.Log(math.Tan((math.Pi/2 + p) / 2)), -l
		}, 159.155, true
	case "conicEqualArea", "albers":
		y0, y1 := 29.5*rad, 45.5*rad
		if len(parallels) == 2 {
			y0, y1 = parallels[0]*rad, parallels[1]*rad
		}
		return conicEqualArea(y0, y1), 155.424, true
	case "conicConformal":
		y0, y1 := 30*rad, 30*rad
		if len(parallels) == 2 {
			y0, y1 = parallels[0]*rad, parallels[1]*rad
		}
		cy0 := math.Cos(y0)
		tany := func(y float64) float64 { return math.Tan((math.Pi/2 + y) / 2) }
		n := math.Sin(y0)
		if y0 != y1 {
			n = math.Log(cy0/math.Cos(y1)) / math.Log(tany(y1)/tany(y0))
		}
		f := cy0 * math.Pow(tany(y0), n) / n
		return func(l, p float64) (float64, float64) {
			if f > 0 && p < -math.Pi/2+1e-6 {
				p = -math.Pi/2 + 1e-6
			} else if f < 0 && p > math.Pi/2-1e-6 {
				p = math.Pi/2 - 1e-6
			}
			r := f / math.Pow(tany(p), n)
			return r * math.Sin(n*l), f - r*math.Cos(n*l)
		}, 109.5, true
	case "conicEquidistant":
		y0, y1 := 30*rad, 30*rad
		if len(parallels) == 2 {
			y0, y1 = parallels[0]*rad, parallels[1]*rad
		}
		cy0 := math.Cos(y0)
		n := math.Sin(y0)
		if y0 != y1 {
			n = (cy0 - math.Cos(y1)) / (y1 - y0)
		}
		g := cy0/n + y0
		return func(l, p float64) (float64, float64) {
			gy := g - p
			return gy * math.Sin(n*l), g - gy*math.Cos(n*l)
		}, 131.154, true
	case "identity":
		return func(l, p float64) (float64, float64) { return l / rad, p / rad }, 1, true
	}
	return nil, 0, false
}

func conicEqualArea(y0, y1 float64) rawProj {
	sy0 := math.Sin(y0)
	n := (sy0 + math.Sin(y1)) / 2
	if math.Abs(n) < 1e-6 {
		c := math.Cos(y0)
		return func(l, p float64) (float64, float64) { return l * c, math.Sin(p) / c }
	}
	c := 1 + sy0*(2*n-sy0)
	r0 := math.Sqrt(c) / n
	return func(l, p float64) (float64, float64) {
		r := math.Sqrt(math.Max(0, c-2*n*math.Sin(p))) / n
		l *= n
		return r * math.Sin(l), r0 - r*math.Cos(l)
	}
}

// newProjection makes a projection of a type with its d3 defaults.
func newProjection(typ string, parallels []float64) (*projection, bool) {
	if typ == "" {
		typ = "mercator"
	}
	p := &projection{typ: typ, tx: 480, ty: 250}
	if typ == "albersUsa" {
		p.usa, p.k = true, 1070
		return p, true
	}
	raw, k, ok := rawProjection(typ, parallels)
	if !ok {
		return nil, false
	}
	p.raw, p.k = raw, k
	switch typ {
	case "albers":
		p.rot = [3]float64{96, 0, 0}
		p.setCenter(-0.6, 38.7)
	case "orthographic":
		p.clipAngle = 90 + 1e-6
	case "stereographic":
		p.clipAngle = 142
	case "gnomonic":
		p.clipAngle = 60
	case "azimuthalEqualArea", "azimuthalEquidistant":
		p.clipAngle = 180 - 1e-3
	}
	return p, true
}

func (p *projection) setCenter(lon, lat float64) {
	p.cx, p.cy = p.raw(lon*rad, lat*rad)
}

// rotate turns a point by the projection's rotation (d3's rotateRadians).
func (p *projection) rotate(l, ph float64) (float64, float64) {
	dl, dp, dg := p.rot[0]*rad, p.rot[1]*rad, p.rot[2]*rad
	l += dl
	if l > math.Pi {
		l -= 2 * math.Pi
	} else if l < -math.Pi {
		l += 2 * math.Pi
	}
	if dp == 0 && dg == 0 {
		return l, ph
	}
	cl, sl := math.Cos(l), math.Sin(l)
	cp, sp := math.Cos(ph), math.Sin(ph)
	x, y, z := cl*cp, sl*cp, sp
	cdp, sdp := math.Cos(dp), math.Sin(dp)
	cdg, sdg := math.Cos(dg), math.Sin(dg)
	k := z*cdp + x*sdp
	return math.Atan2(y*cdg-k*sdg, x*cdp-z*sdp), math.Asin(math.Max(-1, math.Min(1, k*cdg+y*sdg)))
}

// point projects longitude and latitude in degrees; ok is false for a
// point the projection clips away (the far side of a globe).
func (p *projection) point(lon, lat float64) (float64, float64, bool) {
	if p.usa {
		return p.usaPoint(lon, lat)
	}
	l, ph := p.rotate(lon*rad, lat*rad)
	ok := true
	if p.clipAngle > 0 {
		// The angle from the projection's centre.
		if c := math.Cos(l) * math.Cos(ph); c < math.Cos(p.clipAngle*rad) {
			ok = false
		}
	}
	x, y := p.raw(l, ph)
	if p.reflectX {
		x = -x
	}
	if p.reflectY {
		y = -y
	}
	return p.tx + p.k*(x-p.cx), p.ty - p.k*(y-p.cy), ok && !math.IsNaN(x) && !math.IsInf(x, 0) && !math.IsInf(y, 0)
}

// usaPart is one of geoAlbersUsa's projections: its rotation, its
// conic equal-area projection and the place its centre projects to, its
// scale and offset in units of the whole's scale, and its box (d3's clip
// extent: x0, y0, x1, y1 in those units, from the translation).
type usaPart struct {
	rot, sk, dx, dy float64
	box             [4]float64
	raw             rawProj
	cx, cy          float64
}

// usaParts are the lower 48 states, Alaska and Hawaii, made once: a map
// projects every point of every shape through them.
var usaParts = func() [3]usaPart {
	part := func(rot, clon, clat, p0, p1, sk, dx, dy float64, box [4]float64) usaPart {
		u := usaPart{rot: rot, sk: sk, dx: dx, dy: dy, box: box, raw: conicEqualArea(p0*rad, p1*rad)}
		u.cx, u.cy = u.raw(clon*rad, clat*rad)
		return u
	}
	return [3]usaPart{
		part(96, -0.6, 38.7, 29.5, 45.5, 1, 0, 0, [4]float64{-0.455, -0.238, 0.455, 0.238}),
		part(154, -2, 58.5, 55, 65, 0.35, -0.307, 0.201, [4]float64{-0.425, 0.120, -0.214, 0.234}),
		part(157, -3, 19.9, 8, 18, 1, -0.205, 0.212, [4]float64{-0.214, 0.166, -0.115, 0.234}),
	}
}()

// usaPoint is d3's geoAlbersUsa: the lower 48 states, Alaska and Hawaii
// each on a conic equal-area projection of their own, tried in that order;
// a point lands on the first whose box (d3's clip extents) holds it, and
// a point in none of them (Puerto Rico, Guam) is not on the map.
func (p *projection) usaPoint(lon, lat float64) (float64, float64, bool) {
	k := p.k
	const eps = 1e-6
	for _, pt := range &usaParts {
		l := (lon + pt.rot) * rad
		if l > math.Pi {
			l -= 2 * math.Pi
		}
		x, y := pt.raw(l, lat*rad)
		s := k * pt.sk
		X, Y := pt.dx*k+s*(x-pt.cx), pt.dy*k-s*(y-pt.cy)
		e := 0.0
		if pt.sk != 1 || pt.dx != 0 {
			e = eps * k
		}
		if X >= pt.box[0]*k+e && X <= pt.box[2]*k-e && Y >= pt.box[1]*k+e && Y <= pt.box[3]*k-e {
			return p.tx + X, p.ty + Y, true
		}
	}
	return 0, 0, false
}

// fit sets scale and translation so that the points fill width by height
// (d3's fitSize, from bounds at scale 150).
func (p *projection) fit(pts [][2]float64, w, h float64) {
	if len(pts) == 0 {
		p.k, p.tx, p.ty = p.k*math.Min(w, h)/500, w/2, h/2
		return
	}
	p.k, p.tx, p.ty = 150, 0, 0
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range pts {
		x, y, ok := p.point(q[0], q[1])
		if !ok || math.IsNaN(x) || math.IsNaN(y) {
			continue
		}
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	if math.IsInf(x0, 1) || x1 == x0 && y1 == y0 {
		p.k, p.tx, p.ty = 150, w/2, h/2
		return
	}
	k := math.Min(w/math.Max(x1-x0, 1e-9), h/math.Max(y1-y0, 1e-9))
	if x1 == x0 {
		k = h / (y1 - y0)
	}
	if y1 == y0 {
		k = w / (x1 - x0)
	}
	p.tx = (w - k*(x1+x0)) / 2
	p.ty = (h - k*(y1+y0)) / 2
	p.k = 150 * k
}

// geoPoints lists the coordinates of a GeoJSON value (sampled where a
// projection would curve them, for fitting).
func geoPoints(n *node, out [][2]float64) [][2]float64 {
	if n == nil {
		return out
	}
	switch n.kind {
	case seqNode:
		if len(n.items) >= 2 && n.items[0].kind == numNode && n.items[1].kind == numNode {
			return append(out, [2]float64{n.items[0].num, n.items[1].num})
		}
		for _, it := range n.items {
			out = geoPoints(it, out)
		}
	case mapNode:
		switch t := n.get("type"); {
		case t != nil && t.str == "Sphere":
			for lat := -90.0; lat <= 90; lat += 10 {
				for lon := -180.0; lon <= 180; lon += 10 {
					out = append(out, [2]float64{lon, lat})
				}
			}
			return out
		}
		if g := n.get("geometry"); g != nil {
			return geoPoints(g, out)
		}
		if c := n.get("coordinates"); c != nil {
			return geoPoints(c, out)
		}
		if gs := n.get("geometries"); gs != nil {
			return geoPoints(gs, out)
		}
		if fs := n.get("features"); fs != nil {
			return geoPoints(fs, out)
		}
	}
	return out
}

// path writes a GeoJSON geometry as SVG path data: polygons as closed
// rings, lines as lines, points as small circles; breaks where a line
// leaves the visible side or jumps across the map.
func (p *projection) path(r *renderer, g *node, ox, oy float64) string {
	return p.clippedPath(r, g, ox, oy, nil)
}

// clippedPath is path with closed rings cut to a box (x0, y0, x1, y1),
// for the land around a basemap's region. Either way points that fall
// within a third of a pixel of the last one drawn are left out: they
// change nothing on screen and would only make the drawing longer.
func (p *projection) clippedPath(r *renderer, g *node, ox, oy float64, box *[4]float64) string {
	var b []byte
	var pts [][2]float64
	near := 0.33
	if box != nil {
		near = 0.75
	}
	flush := func(closed bool) {
		if box != nil && closed {
			pts = clipRing(pts, *box)
		}
		start := len(b)
		var lx, ly float64
		for i, q := range pts {
			if i > 0 && i < len(pts)-1 && math.Abs(q[0]-lx) < near && math.Abs(q[1]-ly) < near {
				continue
			}
			if i == 0 {
				b = append(b, 'M')
			} else {
				b = append(b, 'L')
			}
			if box != nil {
				// Land for context: a tenth of a pixel is enough.
				q[0], q[1] = math.Round(q[0]*10)/10, math.Round(q[1]*10)/10
			}
			b = appendF(b, q[0])
			b = append(b, ' ')
			b = appendF(b, q[1])
			lx, ly = q[0], q[1]
		}
		if closed && len(b) > start {
			b = append(b, 'Z')
		}
		pts = pts[:0]
	}
	var line func(coords *node, closed bool)
	line = func(coords *node, closed bool) {
		if coords == nil {
			return
		}
		var px float64
		have := false
		for _, c := range coords.items {
			if len(c.items) < 2 {
				continue
			}
			x, y, ok := p.point(c.items[0].num, c.items[1].num)
			if !ok {
				if have {
					flush(false)
				}
				have = false
				continue
			}
			x, y = x+ox, y+oy
			// A jump of more than half the map's width is a line across
			// the antimeridian: start again.
			if have && math.Abs(x-px) > p.k*math.Pi*0.9 && !p.usa {
				flush(false)
			}
			pts = append(pts, [2]float64{x, y})
			px, have = x, true
		}
		if len(pts) > 0 {
			flush(closed)
		}
	}
	var geom func(g *node)
	geom = func(g *node) {
		if g == nil || g.kind != mapNode {
			return
		}
		t := g.get("type")
		if t == nil {
			return
		}
		c := g.get("coordinates")
		switch t.str {
		case "Feature":
			geom(g.get("geometry"))
		case "FeatureCollection":
			if fs := g.get("features"); fs != nil {
				for _, f := range fs.items {
					geom(f)
				}
			}
		case "GeometryCollection":
			if gs := g.get("geometries"); gs != nil {
				for _, k := range gs.items {
					geom(k)
				}
			}
		case "Point":
			if c != nil && len(c.items) >= 2 {
				if x, y, ok := p.point(c.items[0].num, c.items[1].num); ok {
					b = append(b, circlePath(x+ox, y+oy, 4.5)...)
				}
			}
		case "MultiPoint":
			if c != nil {
				for _, q := range c.items {
					if len(q.items) >= 2 {
						if x, y, ok := p.point(q.items[0].num, q.items[1].num); ok {
							b = append(b, circlePath(x+ox, y+oy, 4.5)...)
						}
					}
				}
			}
		case "LineString":
			line(c, false)
		case "MultiLineString":
			if c != nil {
				for _, l := range c.items {
					line(l, false)
				}
			}
		case "Polygon":
			if c != nil {
				for _, ring := range c.items {
					line(ring, true)
				}
			}
		case "MultiPolygon":
			if c != nil {
				for _, poly := range c.items {
					for _, ring := range poly.items {
						line(ring, true)
					}
				}
			}
		case "Sphere":
			b = append(b, p.spherePath(ox, oy)...)
		}
	}
	geom(g)
	return string(b)
}

// spherePath outlines the globe: the projected edge of the world.
func (p *projection) spherePath(ox, oy float64) string {
	if p.clipAngle > 0 && p.clipAngle <= 91 {
		return circlePath(p.tx+ox-p.k*p.cx, p.ty+oy+p.k*p.cy, p.k)
	}
	var b []byte
	first := true
	edge := func(lon, lat float64) {
		x, y, ok := p.point(lon, lat)
		if !ok {
			return
		}
		if first {
			b = append(b, 'M')
			first = false
		} else {
			b = append(b, 'L')
		}
		b = appendF(b, x+ox)
		b = append(b, ' ')
		b = appendF(b, y+oy)
	}
	l0 := -p.rot[0]
	for lat := -90.0; lat <= 90; lat += 5 {
		edge(l0+179.999, lat)
	}
	for lat := 90.0; lat >= -90; lat -= 5 {
		edge(l0-179.999, lat)
	}
	return string(append(b, 'Z'))
}

func circlePath(x, y, r float64) string {
	f := func(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }
	return "M" + f(x-r) + " " + f(y) + "A" + f(r) + " " + f(r) + " 0 1 1 " + f(x+r) + " " + f(y) + "A" + f(r) + " " + f(r) + " 0 1 1 " + f(x-r) + " " + f(y) + "Z"
}

// graticule is d3's geoGraticule10: meridians and parallels every 10°.
func graticuleNode(step float64) *node {
	if step <= 0 {
		step = 10
	}
	lines := &node{kind: seqNode}
	pt := func(lon, lat float64) *node {
		return &node{kind: seqNode, items: []*node{{kind: numNode, num: lon}, {kind: numNode, num: lat}}}
	}
	for lon := -180.0; lon < 180; lon += step {
		l := &node{kind: seqNode}
		for lat := -80.0; lat <= 80; lat += 2.5 {
			l.items = append(l.items, pt(lon, lat))
		}
		lines.items = append(lines.items, l)
	}
	for lat := -80.0; lat <= 80; lat += step {
		l := &node{kind: seqNode}
		for lon := -180.0; lon <= 180; lon += 2.5 {
			l.items = append(l.items, pt(lon, lat))
		}
		lines.items = append(lines.items, l)
	}
	return geomNode("MultiLineString", lines)
}

// clipRing cuts a closed ring to a box (Sutherland and Hodgman): what is
// left is the ring's part inside, along the box's edges where it leaves.
func clipRing(pts [][2]float64, box [4]float64) [][2]float64 {
	if len(pts) < 3 {
		return pts
	}
	inside := func(q [2]float64, e int) bool {
		switch e {
		case 0:
			return q[0] >= box[0]
		case 1:
			return q[1] >= box[1]
		case 2:
			return q[0] <= box[2]
		}
		return q[1] <= box[3]
	}
	cross := func(a, b [2]float64, e int) [2]float64 {
		var t float64
		switch e {
		case 0:
			t = (box[0] - a[0]) / (b[0] - a[0])
		case 1:
			t = (box[1] - a[1]) / (b[1] - a[1])
		case 2:
			t = (box[2] - a[0]) / (b[0] - a[0])
		default:
			t = (box[3] - a[1]) / (b[1] - a[1])
		}
		return [2]float64{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
	}
	out := pts
	for e := range 4 {
		in := out
		out = nil
		for i, cur := range in {
			prev := in[(i+len(in)-1)%len(in)]
			switch ci, pi := inside(cur, e), inside(prev, e); {
			case ci && pi:
				out = append(out, cur)
			case ci:
				out = append(out, cross(prev, cur, e), cur)
			case pi:
				out = append(out, cross(prev, cur, e))
			}
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}
