package geo

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/simplify"
)

// countries.bin holds the boundaries as a topology, so a border shared by
// two countries is stored, and simplified, once (README.md gives source and
// licence; TestConvert writes the file):
//
//	"geo2"
//	uvarint(arcs), per arc uvarint(points) and the points, as varint deltas
//	  of longitude and latitude from the previous point (across arcs)
//	uvarint(features), per feature: code [2]byte ("--" when none),
//	  anchor (varint lon, lat), uvarint(polygons), per polygon
//	  uvarint(rings), per ring uvarint(arcs) and varint arc references
//	  (i, or ^i for arc i reversed), as in TopoJSON
//
// Coordinates are degrees times quantum, rounded.
//
//go:embed countries.bin
var countriesBin []byte

const (
	magic   = "geo2"
	quantum = 100 // 0.01° steps
)

// topology is the decoded file: arcs in degrees (each continuous: an arc
// that crosses 180° runs on past it), and features made of them.
type topology struct {
	arcs     [][]orb.Point
	features []feature
}

// feature is one country (or unnamed land).
type feature struct {
	code   string // ISO 3166-1 alpha-2, "" for land with no code
	anchor orb.Point
	polys  [][][]int        // polygons of rings of arc references
	shape  orb.MultiPolygon // the rings assembled at full detail; empty for a country too small for the source data
}

var topo = sync.OnceValue(func() *topology {
	t, err := decode(countriesBin)
	if err != nil {
		panic("geo: countries.bin: " + err.Error())
	}
	for i := range t.features {
		t.features[i].shape = t.assemble(t.features[i].polys, t.arcs)
	}
	return t
})

func features() []feature { return topo().features }

// assemble joins arcs into rings (closed), dropping rings that have
// collapsed to fewer than three points, and polygons whose outer ring has.
func (t *topology) assemble(polys [][][]int, arcs [][]orb.Point) orb.MultiPolygon {
	var mp orb.MultiPolygon
	for _, p := range polys {
		var poly orb.Polygon
		for i, refs := range p {
			var ring orb.Ring
			for _, ref := range refs {
				var a []orb.Point
				if ref >= 0 {
					a = arcs[ref]
				} else {
					a = slices.Clone(arcs[^ref])
					slices.Reverse(a)
				}
				if len(ring) > 0 {
					a = a[1:]
				}
				ring = append(ring, a...)
			}
			if len(ring) < 4 {
				if i == 0 {
					break
				}
				continue
			}
			poly = append(poly, ring)
		}
		if len(poly) > 0 {
			mp = append(mp, poly)
		}
	}
	return mp
}

// simplified returns every feature's shape with its arcs simplified to the
// tolerance (degrees); neighbours keep sharing their borders exactly.
func (t *topology) simplified(tolerance float64) []orb.MultiPolygon {
	dp := simplify.DouglasPeucker(tolerance)
	arcs := make([][]orb.Point, len(t.arcs))
	for i, a := range t.arcs {
		arcs[i] = a
		if len(a) > 2 {
			arcs[i] = dp.LineString(slices.Clone(orb.LineString(a)))
		}
	}
	out := make([]orb.MultiPolygon, len(t.features))
	for i, f := range t.features {
		out[i] = t.assemble(f.polys, arcs)
	}
	return out
}

func decode(b []byte) (*topology, error) {
	if len(b) < len(magic) || string(b[:len(magic)]) != magic {
		return nil, errors.New("bad magic")
	}
	r := &reader{b: b[len(magic):]}
	t := &topology{}
	var last [2]int64
	t.arcs = make([][]orb.Point, r.count())
	for i := range t.arcs {
		arc := make([]orb.Point, r.count())
		for j := range arc {
			last[0] += r.varint()
			last[1] += r.varint()
			arc[j] = orb.Point{float64(last[0]) / quantum, float64(last[1]) / quantum}
		}
		t.arcs[i] = unwrapArc(arc)
	}
	t.features = make([]feature, r.count())
	for i := range t.features {
		f := &t.features[i]
		if c := string(r.bytes(2)); c != "--" {
			f.code = c
		}
		f.anchor = orb.Point{float64(r.varint()) / quantum, float64(r.varint()) / quantum}
		f.polys = make([][][]int, r.count())
		for j := range f.polys {
			f.polys[j] = make([][]int, r.count())
			for k := range f.polys[j] {
				refs := make([]int, r.count())
				for l := range refs {
					refs[l] = int(r.varint())
					if a := refs[l]; a >= len(t.arcs) || ^a >= len(t.arcs) {
						return nil, fmt.Errorf("feature %d: arc %d of %d", i, a, len(t.arcs))
					}
				}
				f.polys[j][k] = refs
			}
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%d trailing bytes", len(r.b))
	}
	return t, nil
}

// unwrapArc removes jumps of more than 180° of longitude (Fiji and Russia
// cross the antimeridian), so simplifying never cuts across the map.
func unwrapArc(a []orb.Point) []orb.Point {
	for i := 1; i < len(a); i++ {
		for a[i][0]-a[i-1][0] > 180 {
			a[i][0] -= 360
		}
		for a[i][0]-a[i-1][0] < -180 {
			a[i][0] += 360
		}
	}
	return a
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a length, which cannot exceed the bytes left.
func (r *reader) count() int {
	v := r.uvarint()
	if v > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes(n int) []byte {
	if len(r.b) < n {
		r.fail()
		return make([]byte, n)
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errors.New("truncated")
	}
	r.b = nil
}
