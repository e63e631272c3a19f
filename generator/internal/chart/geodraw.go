package chart

import (
	"math"

	"github.com/itu-d/portal/generator/internal/geo"
)

// buildProjection makes a map's projection from the spec (or Vega's
// default, mercator) and gathers the points it is fitted to: its
// geoshapes' and the longitudes and latitudes of its marks.
func (r *renderer) buildProjection() {
	if !r.isGeo() || r.opt.Geo != nil && r.hasMark("geoshape") && !r.hasLonLat() {
		return
	}
	pn := r.p.projection
	typ := ""
	var parallels []float64
	if pn != nil {
		if t := pn.get("type"); t != nil {
			if t.kind == mapNode {
				if e := t.get("expr"); e != nil {
					if v, ok := r.s.params[e.str]; ok {
						typ = v.str()
					}
				}
			} else {
				typ = t.str
			}
		}
		if pp := pn.get("parallels"); pp != nil && len(pp.items) == 2 {
			parallels = []float64{pp.items[0].num, pp.items[1].num}
		}
	}
	// A map on the site's basemap takes package geo's projection: Equal
	// Earth centred on the region, unless the spec says otherwise.
	basemap := r.basemapLayer()
	var rot0 float64
	if basemap != nil {
		if typ == "" {
			typ = "equalEarth"
		}
		if b, err := geo.BasemapOf(basemap.u.data.basemap); err == nil {
			rot0 = -b.CentralMeridian
		}
	}
	p, ok := newProjection(typ, parallels)
	if ok && basemap != nil {
		p.rot[0] = rot0
	}
	if !ok {
		at := r.p.projection.at
		r.specError(at, "mercator, equalEarth, naturalEarth1, albersUsa, orthographic, ...", "projection %q is not supported", typ)
		return
	}
	r.projFit = true
	if pn != nil {
		nums := func(k string) []float64 {
			v := pn.get(k)
			if v == nil || v.kind != seqNode {
				return nil
			}
			var out []float64
			for _, it := range v.items {
				out = append(out, it.num)
			}
			return out
		}
		if rt := nums("rotate"); len(rt) >= 2 {
			copy(p.rot[:], rt)
		}
		if c := nums("center"); len(c) == 2 && p.raw != nil {
			p.setCenter(c[0], c[1])
		}
		if sc := pn.get("scale"); sc != nil && sc.kind == numNode {
			p.k = sc.num
			r.projFit = false
		}
		if t := nums("translate"); len(t) == 2 {
			p.tx, p.ty = t[0], t[1]
			r.projFit = false
		}
		if ca := pn.get("clipAngle"); ca != nil && ca.kind == numNode {
			p.clipAngle = ca.num
		}
		if rx := pn.get("reflectX"); rx != nil && rx.kind == boolNode {
			p.reflectX = rx.b
		}
		if ry := pn.get("reflectY"); ry != nil && ry.kind == boolNode {
			p.reflectY = ry.b
		}
	}
	r.proj = p
	r.geoPts = r.geoPts[:0]
	for _, ld := range r.layers {
		if ld.u.mark.typ == "geoshape" {
			for _, m := range ld.rows {
				if ld.u.data != nil && ld.u.data.basemap != "" && !basemapMember(ld, m) {
					continue // a region's map fits its members; the rest is context
				}
				r.geoPts = geoPoints(r.geometryOf(ld, m), r.geoPts)
			}
		}
		if ld.u.enc.ch[chLongitude] != nil && ld.u.enc.ch[chLatitude] != nil {
			for _, m := range ld.rows {
				r.geoPts = append(r.geoPts, [2]float64{m.at(chLongitude).n, m.at(chLatitude).n})
				if ld.u.enc.ch[chLongitude2] != nil {
					r.geoPts = append(r.geoPts, [2]float64{m.at(chLongitude2).n, m.at(chLatitude2).n})
				}
			}
		}
	}
}

func (r *renderer) hasLonLat() bool {
	for _, ld := range r.layers {
		if ld.u.enc.ch[chLongitude] != nil {
			return true
		}
	}
	return false
}

// fitProjection fits the map to a plot of w by h.
func (r *renderer) fitProjection(w, h float64) {
	if r.projFit {
		r.proj.fit(r.geoPts, w, h)
	}
}

// geometryOf is a geoshape row's GeoJSON: the record as a feature (its
// geometry), a shape channel's field, or a generator's sphere or graticule.
func (r *renderer) geometryOf(ld *layerData, m *mrow) *node {
	t := ld.tab
	if t == nil || m.rec == nil {
		return nil
	}
	if c := ld.u.enc.ch[chShape]; c != nil && c.typ == "geojson" {
		cl := t.getter(c.field)(m.rec)
		return cl.obj
	}
	if i := t.colOf("geometry"); i >= 0 && i < len(m.rec) && m.rec[i].obj != nil {
		return m.rec[i].obj
	}
	if i := t.colOf("type"); i >= 0 && i < len(m.rec) {
		switch m.rec[i].text {
		case "Sphere":
			return &node{kind: mapNode, keys: []string{"type"}, keyAt: make([]pos, 1), vals: []*node{{kind: strNode, str: "Sphere"}}}
		case "Graticule":
			step := 10.0
			if ld.u.data != nil && ld.u.data.graticule != nil {
				if s := ld.u.data.graticule.get("step"); s != nil && len(s.items) == 2 {
					step = s.items[0].num
				}
				if s := ld.u.data.graticule.get("stepMinor"); s != nil && len(s.items) == 2 {
					step = s.items[0].num
				}
			}
			return graticuleNode(step)
		}
		if j := t.colOf("coordinates"); j >= 0 && j < len(m.rec) {
			return &node{kind: mapNode, keys: []string{"type", "coordinates"}, keyAt: make([]pos, 2), vals: []*node{{kind: strNode, str: m.rec[i].text}, m.rec[j].obj}}
		}
	}
	return nil
}

// isLineGeometry reports whether a GeoJSON value is lines, which have no
// inside to fill.
func isLineGeometry(n *node) bool {
	if n == nil || n.kind != mapNode {
		return false
	}
	t := n.get("type")
	if t != nil && t.str == "Feature" {
		return isLineGeometry(n.get("geometry"))
	}
	return t != nil && (t.str == "LineString" || t.str == "MultiLineString")
}

// drawGeoShapes draws geoshape marks from their GeoJSON.
func (r *renderer) drawGeoShapes(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) int {
	if r.proj == nil {
		return 0
	}
	th := r.th
	mk := ld.u.mark
	n := 0
	basemap := isBasemap(ld)
	box := [4]float64{px0 - 2, ptop - 2, px1 + 2, pbot + 2}
	if basemap {
		g.set("aria-hidden", "true")
	}
	for _, m := range rows {
		var d string
		geom := r.geometryOf(ld, m)
		if basemap {
			d = r.proj.clippedPath(r, geom, r.geoOX, r.geoOY, &box)
			if d == "" {
				continue // land wholly outside the plot
			}
		} else {
			d = r.proj.path(r, geom, r.geoOX, r.geoOY)
		}
		n++
		fill := r.markFill(ld, m)
		if ld.u.enc.ch[chColor] == nil && ld.u.enc.ch[chFill] == nil && mk.color == "" && mk.fill == "" {
			fill = th.grid()
			if basemap && !basemapMember(ld, m) {
				// Land outside the region, lighter than the region's.
				fill = "color-mix(in srgb, " + th.grid() + " 45%, " + th.bg() + ")"
			}
		}
		line := isLineGeometry(geom)
		if mk.filled != nil && !*mk.filled || mk.fill == "none" {
			fill = "none"
		}
		stroke := th.bg()
		if line {
			// Lines (a graticule, routes) have no inside: drawn in the
			// mark's colour.
			stroke, fill = fill, "none"
			if ld.u.enc.ch[chColor] == nil && mk.color == "" {
				stroke = th.series(0)
			}
		}
		el := r.el("path", "d", d, "fill", fill, "stroke", stroke, "stroke-width", "0.5")
		if mk.stroke != "" {
			el.set("stroke", mk.stroke)
		}
		r.markStyle(el, ld, m, fill, true)
		if fill == "none" && mk.stroke == "" && !line {
			el.set("stroke", th.muted())
		}
		if basemap {
			r.add(g, el) // land under the marks: no title, not a data mark
			continue
		}
		r.add(g, r.mark(el, m))
	}
	return n
}

// geoXY places a row by its longitude and latitude (or the second pair).
func (r *renderer) geoXY(ld *layerData, m *mrow, second bool) (float64, float64, bool) {
	lon, lat := chLongitude, chLatitude
	if second {
		lon, lat = chLongitude2, chLatitude2
	}
	if r.proj == nil || ld.u.enc.ch[lon] == nil || ld.u.enc.ch[lat] == nil {
		return 0, 0, false
	}
	x, y, ok := r.proj.point(m.at(lon).n, m.at(lat).n)
	if math.IsNaN(x) || math.IsNaN(y) {
		return 0, 0, false
	}
	return x + r.geoOX, y + r.geoOY, ok
}

// basemapLayer is the layer that draws one of the site's basemaps, if any.
func (r *renderer) basemapLayer() *layerData {
	for _, ld := range r.layers {
		if ld.u.mark.typ == "geoshape" && ld.u.data != nil && ld.u.data.basemap != "" {
			return ld
		}
	}
	return nil
}

// isBasemap says whether a layer draws a basemap: land for the marks over
// it, not data, so it has no titles, table rows or summary.
func isBasemap(ld *layerData) bool {
	return ld.u.mark.typ == "geoshape" && ld.u.data != nil && ld.u.data.basemap != "" &&
		ld.u.enc.ch[chColor] == nil && ld.u.enc.ch[chFill] == nil && len(ld.u.enc.tooltip) == 0
}

// basemapMember says whether a basemap row is in the region the map shows.
func basemapMember(ld *layerData, m *mrow) bool {
	if ld.tab == nil || m.rec == nil {
		return true
	}
	if i := ld.tab.colOf("properties"); i >= 0 && i < len(m.rec) && m.rec[i].obj != nil {
		if v := m.rec[i].obj.get("member"); v != nil && v.kind == boolNode {
			return v.b
		}
	}
	return true
}

// geoAspect is the height over the width of what the projection is
// fitted to, when it is fitted.
func (r *renderer) geoAspect() (float64, bool) {
	if r.proj == nil || !r.projFit || len(r.geoPts) == 0 {
		return 0, false
	}
	p := *r.proj
	p.k, p.tx, p.ty = 150, 0, 0
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range r.geoPts {
		x, y, ok := p.point(q[0], q[1])
		if !ok || math.IsNaN(x) || math.IsNaN(y) {
			continue
		}
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	if x1 <= x0 || y1 <= y0 {
		return 0, false
	}
	return (y1 - y0) / (x1 - x0), true
}
