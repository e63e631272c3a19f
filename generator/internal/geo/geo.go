// Package geo draws maps as static, accessible SVG at build time: world and
// regional choropleths, and locator maps that show where one country is.
//
// Boundaries are Natural Earth's 1:110m countries (with its 1:50m shapes for
// the small countries 1:110m leaves out), embedded in countries.bin, drawn
// on the Equal Earth projection. Colours come only from CSS custom
// properties (--map-1 … --map-5, --map-muted, --map-accent, …) with light
// fallbacks, so the page themes the map.
package geo

//go:generate bash ../../../bench/geo-convert/convert.sh

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/planar"
)

// A Map is a projected, fitted set of country shapes, ready to draw. It is
// immutable: build it once and draw several choropleths from it.
type Map struct {
	width, height float64 // viewBox of the map area
	shapes        []shape
	focus         map[string]bool // nil: every country is in focus
}

// shape is one country in viewBox coordinates (y down).
type shape struct {
	code   string
	poly   orb.MultiPolygon // clipped to the view; may be empty
	anchor orb.Point
	tiny   bool // too small to see: draw a marker at anchor too
}

const (
	chartWidth  = 640 // viewBox width of choropleths
	tinyChart   = 4.5 // shapes smaller than this (viewBox units) get a marker
	detailChart = 0.3 // simplification tolerance (viewBox units)
)

// World returns the map of the whole world (without Antarctica), centred on
// the Greenwich meridian.
func World() *Map { return worldMap() }

var worldMap = sync.OnceValue(func() *Map { return newMap(nil, chartWidth, 0, tinyChart, detailChart) })

// Region returns a map fitted to the given countries (ISO 3166-1 alpha-2),
// with a margin; the countries around them are drawn muted, for context.
func Region(countries []string) (*Map, error) {
	if len(countries) == 0 {
		return nil, fmt.Errorf("geo: region map with no countries")
	}
	if err := checkCodes(countries); err != nil {
		return nil, err
	}
	return newMap(countries, chartWidth, 0, tinyChart, detailChart), nil
}

// checkCodes reports the codes that have no shape, all at once.
func checkCodes(codes []string) error {
	var bad []string
	for _, c := range codes {
		if !Known(c) {
			bad = append(bad, fmt.Sprintf("%q", c))
		}
	}
	if bad == nil {
		return nil
	}
	slices.Sort(bad)
	return fmt.Errorf("geo: no shape for %s", strings.Join(slices.Compact(bad), ", "))
}

// Known reports whether code is a country the maps can draw.
func Known(code string) bool {
	_, ok := codeIndex()[code]
	return ok && code != ""
}

var codeIndex = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	for i, f := range features() {
		if f.code != "" {
			m[f.code] = i
		}
	}
	return m
})

// projected is a feature on the projection (unit sphere, y up).
type projected struct {
	code   string
	poly   orb.MultiPolygon
	anchor orb.Point
}

var projectedCache sync.Map // central meridian → []projected

func projectAll(lon0 float64) []projected {
	if v, ok := projectedCache.Load(lon0); ok {
		return v.([]projected)
	}
	fs := features()
	ps := make([]projected, len(fs))
	for i, f := range fs {
		ps[i] = projected{code: f.code, poly: projectShape(f.shape, lon0), anchor: projectPoint(f.anchor, lon0)}
	}
	v, _ := projectedCache.LoadOrStore(lon0, ps)
	return v.([]projected)
}

// newMap projects and fits the map. With focus nil it shows the world;
// otherwise the focus countries fill the view. A height of 0 follows the
// shape of the extent (within limits); tiny is the size below which a
// country gets a marker, and detail the tolerance of simplification, both
// in viewBox units.
func newMap(focus []string, width, height, tiny, detail float64) *Map {
	m := &Map{width: width}
	lon0 := 0.0
	if focus != nil {
		m.focus = map[string]bool{}
		var anchors []float64
		for _, c := range focus {
			m.focus[c] = true
			anchors = append(anchors, features()[codeIndex()[c]].anchor[0])
		}
		lon0 = centralMeridian(anchors)
	}
	ps := projectAll(lon0)

	var ext orb.Bound
	first := true
	grow := func(b orb.Bound) {
		if first {
			ext, first = b, false
		} else {
			ext = ext.Union(b)
		}
	}
	for _, p := range ps {
		switch {
		case focus == nil && len(p.poly) > 0:
			grow(p.poly.Bound())
		case m.focus[p.code]:
			grow(mainBound(p))
		}
	}
	margin := 0.01
	if focus != nil {
		margin = 0.06
	}
	ext = ext.Pad(margin * math.Max(ext.Right()-ext.Left(), ext.Top()-ext.Bottom()))
	ext = fitAspect(ext, width, height)
	s := width / (ext.Right() - ext.Left())
	m.height = round1((ext.Top() - ext.Bottom()) * s)

	toView := func(p orb.Point) orb.Point { return orb.Point{(p[0] - ext.Left()) * s, (ext.Top() - p[1]) * s} }
	view := orb.Bound{Max: orb.Point{m.width, m.height}}
	cut := ext.Pad(0.02 * (ext.Right() - ext.Left()))
	degree, _ := equalEarth(1, 0)
	simple := topo().simplified(detail / (s * degree))
	for i, p := range ps {
		sh := shape{code: p.code, anchor: toView(p.anchor)}
		for _, poly := range clip.MultiPolygon(cut, projectShape(simple[i], lon0)) {
			q := make(orb.Polygon, 0, len(poly))
			for i, r := range poly {
				vr := make(orb.Ring, len(r))
				for j, pt := range r {
					vr[j] = toView(pt)
				}
				// Outer rings clockwise on screen, holes anticlockwise, so
				// markers (drawn clockwise) add to the fill under "nonzero".
				if (i == 0) != (ringArea(vr) > 0) {
					slices.Reverse(vr)
				}
				q = append(q, vr)
			}
			sh.poly = append(sh.poly, q)
		}
		b := sh.poly.Bound()
		sh.tiny = len(sh.poly) == 0 || math.Max(b.Right()-b.Left(), b.Top()-b.Bottom()) < tiny
		if len(sh.poly) == 0 && !view.Contains(sh.anchor) {
			continue
		}
		m.shapes = append(m.shapes, sh)
	}
	return m
}

// ringArea is the signed area in screen coordinates: positive clockwise.
func ringArea(r orb.Ring) float64 {
	var a float64
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a / 2
}

// mainBound is the extent of a country's main part: its largest polygon and
// the polygons near it, so France means Europe, not French Guiana too.
func mainBound(p projected) orb.Bound {
	if len(p.poly) == 0 {
		return orb.Bound{Min: p.anchor, Max: p.anchor}
	}
	largest, best := 0, -1.0
	for i, poly := range p.poly {
		if a := planar.Area(poly); a > best {
			largest, best = i, a
		}
	}
	b := p.poly[largest].Bound()
	near := b.Pad(0.08) // about 500 km
	for _, poly := range p.poly {
		if pb := poly.Bound(); near.Intersects(pb) {
			b = b.Union(pb)
		}
	}
	return b
}

// centralMeridian centres the map on the countries: the middle of the
// shortest arc of longitude that holds all their anchors, rounded to a degree.
func centralMeridian(lons []float64) float64 {
	if len(lons) == 0 {
		return 0
	}
	ls := slices.Clone(lons)
	slices.Sort(ls)
	gap, at := ls[0]+360-ls[len(ls)-1], len(ls)-1 // the gap across the antimeridian
	for i := 0; i+1 < len(ls); i++ {
		if g := ls[i+1] - ls[i]; g > gap {
			gap, at = g, i
		}
	}
	start := ls[(at+1)%len(ls)] // the arc runs east from here, for 360 - gap degrees
	return math.Round(wrap(start + (360-gap)/2))
}

// fitAspect widens the shorter side of b to the width:height ratio, or,
// with height 0, keeps the ratio between 0.45 and 1.1.
func fitAspect(b orb.Bound, width, height float64) orb.Bound {
	w, h := b.Right()-b.Left(), b.Top()-b.Bottom()
	lo, hi := 0.45, 1.1
	if height > 0 {
		lo, hi = height/width, height/width
	}
	switch r := h / w; {
	case r < lo:
		d := (w*lo - h) / 2
		b.Min[1] -= d
		b.Max[1] += d
	case r > hi:
		d := (h/hi - w) / 2
		b.Min[0] -= d
		b.Max[0] += d
	}
	return b
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
