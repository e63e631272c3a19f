package geo

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"
	"golang.org/x/text/language"
)

// TestConvert rewrites countries.bin from the world-atlas npm package:
//
//	cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
//	go test ./generator/internal/geo -run TestConvert -worldatlas /tmp/package -v
//
// It reads countries-110m.json, adds from countries-50m.json the countries
// that 1:110m leaves out (small islands and enclaves), and adds a point for
// the ITU members that neither has (see extraPoints).
var worldAtlas = flag.String("worldatlas", "", "unpacked world-atlas package to convert into countries.bin")

// extraPoints places ITU members missing from both scales (longitude, latitude
// of the capital).
var extraPoints = map[string]orb.Point{
	"TV": {179.19, -8.52}, // Tuvalu, Funafuti
}

// simplifyTolerance (degrees) drops points that no map here can show.
const simplifyTolerance = 0.01

func TestConvert(t *testing.T) {
	if *worldAtlas == "" {
		t.Skip("set -worldatlas to convert")
	}
	small, err := readTopoJSON(filepath.Join(*worldAtlas, "countries-110m.json"))
	if err != nil {
		t.Fatal(err)
	}
	medium, err := readTopoJSON(filepath.Join(*worldAtlas, "countries-50m.json"))
	if err != nil {
		t.Fatal(err)
	}
	out := &topology{}
	have := map[string]bool{}
	add := func(src *topoJSON, g topoGeometry, scale string) {
		code := ""
		if g.ID != "" {
			r, err := language.ParseRegion(g.ID)
			if err != nil || !r.IsCountry() {
				t.Fatalf("%s: id %q (%s) is no ISO 3166-1 country: %v", scale, g.ID, g.Properties.Name, err)
			}
			code = r.String()
		}
		if code == "AQ" {
			return // Antarctica: no data, and it would take a third of a world map
		}
		polys := src.polygons(g)
		raw := (&topology{}).assemble(polys, src.raw)
		f := feature{code: code, polys: out.adopt(src, polys), anchor: anchor(raw)}
		out.features = append(out.features, f)
		have[code] = true
		if testing.Verbose() {
			t.Logf("%s %3s %-2s %-28s %d polygons", scale, g.ID, code, g.Properties.Name, len(polys))
		}
	}
	for _, g := range small.Objects.Countries.Geometries {
		add(small, g, "110m")
	}
	for _, g := range medium.Objects.Countries.Geometries {
		if g.ID == "" || have[mustRegion(g.ID)] {
			continue
		}
		add(medium, g, "50m")
	}
	for code, p := range extraPoints {
		if have[code] {
			t.Errorf("%s: has a shape now; drop it from extraPoints", code)
		}
		out.features = append(out.features, feature{code: code, anchor: p})
	}
	for code := range regionsOf() {
		if !slices.ContainsFunc(out.features, func(f feature) bool { return f.code == code }) {
			t.Errorf("%s: ITU region member with no shape and no extra point", code)
		}
	}
	slices.SortStableFunc(out.features, func(a, b feature) int {
		if (a.code == "") != (b.code == "") {
			if a.code == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(a.code, b.code)
	})
	b := encode(out)
	if err := os.WriteFile("countries.bin", b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("countries.bin: %d arcs, %d features, %d bytes", len(out.arcs), len(out.features), len(b))
}

func mustRegion(id string) string {
	r, err := language.ParseRegion(id)
	if err != nil {
		panic(err)
	}
	return r.String()
}

// adopt copies the arcs the polygons use from src (simplified and on the
// stored grid) and returns the polygons renumbered.
func (t *topology) adopt(src *topoJSON, polys [][][]int) [][][]int {
	if src.index == nil {
		src.index = map[int]int{}
	}
	out := make([][][]int, len(polys))
	for i, p := range polys {
		out[i] = make([][]int, len(p))
		for j, refs := range p {
			for _, ref := range refs {
				a := ref
				if a < 0 {
					a = ^a
				}
				n, ok := src.index[a]
				if !ok {
					n = len(t.arcs)
					src.index[a] = n
					t.arcs = append(t.arcs, quantize(src.simple[a]))
				}
				if ref < 0 {
					n = ^n
				}
				out[i][j] = append(out[i][j], n)
			}
		}
	}
	return out
}

type topoJSON struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []topoGeometry `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`

	raw    [][]orb.Point // arcs in degrees
	simple [][]orb.Point // the same, simplified
	index  map[int]int   // arc here → arc in countries.bin
}

type topoGeometry struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Arcs       json.RawMessage `json:"arcs"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

func readTopoJSON(path string) (*topoJSON, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var t topoJSON
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// Arcs are delta-encoded on a quantized grid. Each is simplified on its
	// own, so borders shared by two countries stay identical in both.
	dp := simplify.DouglasPeucker(simplifyTolerance)
	for _, arc := range t.Arcs {
		var x, y float64
		ls := make([]orb.Point, len(arc))
		for i, d := range arc {
			x += d[0]
			y += d[1]
			ls[i] = orb.Point{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		ls = unwrapArc(ls)
		t.raw = append(t.raw, ls)
		t.simple = append(t.simple, dp.LineString(slices.Clone(orb.LineString(ls))))
	}
	return &t, nil
}

func (t *topoJSON) polygons(g topoGeometry) [][][]int {
	var polys [][][]int
	switch g.Type {
	case "Polygon":
		var p [][]int
		must(json.Unmarshal(g.Arcs, &p))
		polys = [][][]int{p}
	case "MultiPolygon":
		must(json.Unmarshal(g.Arcs, &polys))
	default:
		panic("unexpected geometry " + g.Type)
	}
	return polys
}

// quantize rounds to the stored grid and drops repeated points.
func quantize(a []orb.Point) []orb.Point {
	var out []orb.Point
	for _, p := range a {
		q := orb.Point{math.Round(p[0]*quantum) / quantum, math.Round(p[1]*quantum) / quantum}
		if len(out) == 0 || out[len(out)-1] != q {
			out = append(out, q)
		}
	}
	return out
}

// anchor is the centroid of the largest polygon, by area on the projection
// (where Fiji and Russia are cut at 180°).
func anchor(mp orb.MultiPolygon) orb.Point {
	var best orb.Point
	bestArea := -1.0
	for _, p := range projectShape(mp, 0) {
		c, a := planar.CentroidArea(p)
		if a > bestArea {
			bestArea = a
			lon, lat := equalEarthInverse(c[0], c[1])
			best = orb.Point{math.Round(lon*quantum) / quantum, math.Round(lat*quantum) / quantum}
		}
	}
	return best
}

func encode(t *topology) []byte {
	var b bytes.Buffer
	b.WriteString(magic)
	uv := func(v int) { b.Write(binary.AppendUvarint(nil, uint64(v))) }
	sv := func(v int64) { b.Write(binary.AppendVarint(nil, v)) }
	q := func(v float64) int64 { return int64(math.Round(v * quantum)) }
	uv(len(t.arcs))
	var last [2]int64
	for _, a := range t.arcs {
		uv(len(a))
		for _, p := range a {
			x, y := q(p[0]), q(p[1])
			sv(x - last[0])
			sv(y - last[1])
			last = [2]int64{x, y}
		}
	}
	uv(len(t.features))
	for _, f := range t.features {
		code := f.code
		if code == "" {
			code = "--"
		}
		b.WriteString(code)
		sv(q(f.anchor[0]))
		sv(q(f.anchor[1]))
		uv(len(f.polys))
		for _, p := range f.polys {
			uv(len(p))
			for _, refs := range p {
				uv(len(refs))
				for _, r := range refs {
					sv(int64(r))
				}
			}
		}
	}
	return b.Bytes()
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
