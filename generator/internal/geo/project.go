package geo

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
)

// Equal Earth (Šavrič, Patterson & Jenny 2018, "The Equal Earth map
// projection", IJGIS 33(3), doi:10.1080/13658816.2018.1504949), on the unit
// sphere: x in ±2.7066, y in ±1.3174.
const (
	eeA1 = 1.340264
	eeA2 = -0.081106
	eeA3 = 0.000893
	eeA4 = 0.003796
	eeM  = 0.8660254037844386 // √3/2
)

// equalEarth projects longitude and latitude in degrees (longitude relative
// to the central meridian).
func equalEarth(lon, lat float64) (x, y float64) {
	λ, φ := lon*math.Pi/180, lat*math.Pi/180
	θ := math.Asin(eeM * math.Sin(φ))
	θ2 := θ * θ
	θ6 := θ2 * θ2 * θ2
	x = λ * math.Cos(θ) / (eeM * (eeA1 + 3*eeA2*θ2 + θ6*(7*eeA3+9*eeA4*θ2)))
	y = θ * (eeA1 + eeA2*θ2 + θ6*(eeA3+eeA4*θ2))
	return x, y
}

// equalEarthInverse undoes equalEarth by Newton's method on θ.
func equalEarthInverse(x, y float64) (lon, lat float64) {
	θ := y
	for range 12 {
		θ2 := θ * θ
		θ6 := θ2 * θ2 * θ2
		f := θ*(eeA1+eeA2*θ2+θ6*(eeA3+eeA4*θ2)) - y
		d := eeA1 + 3*eeA2*θ2 + θ6*(7*eeA3+9*eeA4*θ2)
		δ := f / d
		θ -= δ
		if math.Abs(δ) < 1e-12 {
			break
		}
	}
	θ2 := θ * θ
	θ6 := θ2 * θ2 * θ2
	λ := eeM * x * (eeA1 + 3*eeA2*θ2 + θ6*(7*eeA3+9*eeA4*θ2)) / math.Cos(θ)
	φ := math.Asin(math.Sin(θ) / eeM)
	return λ * 180 / math.Pi, φ * 180 / math.Pi
}

// wrap brings a longitude into [-180, 180].
func wrap(lon float64) float64 {
	for lon > 180 {
		lon -= 360
	}
	for lon < -180 {
		lon += 360
	}
	return lon
}

// projectShape projects a shape on the Equal Earth projection centred on
// lon0 (y up). Polygons that cross the antimeridian of lon0 are cut there,
// so both halves are drawn at the edges of the world rather than as a band
// across it.
func projectShape(shape orb.MultiPolygon, lon0 float64) orb.MultiPolygon {
	var out orb.MultiPolygon
	world := orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}
	for _, poly := range shape {
		p := make(orb.Polygon, len(poly))
		for i, ring := range poly {
			p[i] = unwrapRing(ring, lon0)
		}
		// Holes follow their outer ring's side of the seam.
		for i := 1; i < len(p); i++ {
			if d := p[i][0][0] - p[0][0][0]; d > 180 {
				shiftRing(p[i], -360)
			} else if d < -180 {
				shiftRing(p[i], 360)
			}
		}
		pb := p.Bound()
		if pb.Min[0] >= -180 && pb.Max[0] <= 180 {
			out = append(out, projectPolygon(p))
			continue
		}
		for _, k := range []float64{-360, 0, 360} {
			q := clonePolygon(p)
			for _, r := range q {
				shiftRing(r, k)
			}
			if c := clip.Polygon(world, q); len(c) > 0 && len(c[0]) >= 4 {
				out = append(out, projectPolygon(c))
			}
		}
	}
	return out
}

// unwrapRing returns the ring's longitudes relative to lon0, without jumps
// of more than 180° between neighbours (so it may leave [-180, 180]).
func unwrapRing(ring orb.Ring, lon0 float64) orb.Ring {
	out := make(orb.Ring, len(ring))
	for i, p := range ring {
		x := p[0]
		if lon0 != 0 {
			x = wrap(x - lon0)
		}
		if i > 0 {
			prev := out[i-1][0]
			for x-prev > 180 {
				x -= 360
			}
			for x-prev < -180 {
				x += 360
			}
		}
		out[i] = orb.Point{x, p[1]}
	}
	return out
}

func shiftRing(r orb.Ring, dx float64) {
	for i := range r {
		r[i][0] += dx
	}
}

func clonePolygon(p orb.Polygon) orb.Polygon {
	q := make(orb.Polygon, len(p))
	for i, r := range p {
		q[i] = append(orb.Ring(nil), r...)
	}
	return q
}

func projectPolygon(p orb.Polygon) orb.Polygon {
	q := make(orb.Polygon, len(p))
	for i, r := range p {
		pr := make(orb.Ring, len(r))
		for j, pt := range r {
			x, y := equalEarth(pt[0], pt[1])
			pr[j] = orb.Point{x, y}
		}
		q[i] = pr
	}
	return q
}

// projectPoint projects one point on the projection centred on lon0.
func projectPoint(p orb.Point, lon0 float64) orb.Point {
	x, y := equalEarth(wrap(p[0]-lon0), p[1])
	return orb.Point{x, y}
}
