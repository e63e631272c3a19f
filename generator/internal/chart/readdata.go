package chart

import (
	"bytes"
	"fmt"
	"github.com/itu-d/portal/generator/internal/geo"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/itu-d/portal/generator/internal/diag"
)

// tableFor reads a unit's data source once per rendering.
func (r *renderer) tableFor(d *dataDef) *table {
	if t, ok := r.tables[d]; ok {
		return t
	}
	t := r.readData(d)
	r.tables[d] = t
	return t
}

// filteredKey names a table read with a view's leading filters applied:
// the data, the filters themselves (layers inherit their parent's and may
// add their own, so the first alone does not name them), the types the
// encodings give the fields they test, and whether reading stopped at the
// row limit.
type filteredKey struct {
	d     *dataDef
	preds string
	limit bool
}

func newFilteredKey(d *dataDef, lead []*pred, types map[string]string, limit bool) filteredKey {
	var b strings.Builder
	for _, p := range lead {
		fmt.Fprintf(&b, "%p", p)
		for _, fp := range p.fields(nil) {
			fmt.Fprintf(&b, ":%s", types[fp.field])
		}
		b.WriteByte(',')
	}
	return filteredKey{d, b.String(), limit}
}

// tableForFiltered is tableFor with keep applied to the records of a CSV
// file as it is read; other formats are read whole and then filtered.
func (r *renderer) tableForFiltered(k filteredKey, keep rowFilter) *table {
	d := k.d
	if t, ok := r.filtered[k]; ok {
		return t
	}
	var t *table
	switch {
	case d.seq == nil && !d.sphere && d.graticule == nil && (d.values == nil || d.values.kind == strNode) && (d.format == "csv" || d.format == "tsv" || d.format == "dsv"):
		r.csvKeep = keep
		t = r.readData(d)
		r.csvKeep = nil
	default:
		if t = r.tableFor(d); t != nil {
			t = keepRows(t, keep)
		}
	}
	if r.filtered == nil {
		r.filtered = map[filteredKey]*table{}
	}
	r.filtered[k] = t
	return t
}

func (r *renderer) readData(d *dataDef) *table {
	switch {
	case d.basemap != "":
		return r.basemapTable(d)
	case d.seq != nil:
		return sequenceTable(r.s.path, d)
	case d.sphere:
		return &table{path: r.s.path, at: d.at, fields: []string{"type"}, rows: [][]cell{{{kind: strNode, text: "Sphere", at: d.at}}}}
	case d.graticule != nil:
		return &table{path: r.s.path, at: d.at, fields: []string{"type", "graticule"}, rows: [][]cell{{{kind: strNode, text: "Graticule", at: d.at}, {kind: nullNode}}}}
	case d.values != nil:
		if d.values.kind == strNode {
			return r.parseData(r.s.path, []byte(d.values.str), d)
		}
		if d.format == "topojson" || d.values.kind == mapNode {
			return r.fromJSON(r.s.path, d.values, d)
		}
		return inlineTable(r.s.path, d.values, d.at)
	}
	if r.opt.LoadCSV == nil {
		r.specError(d.at, "", "data.url %q: no loader for data files was given", d.url)
		return nil
	}
	path, src, err := r.opt.LoadCSV(d.url)
	if err != nil {
		r.specError(d.at, "", "data.url %q: %v", d.url, err)
		return nil
	}
	if r.csvKeep != nil && len(src) > 1<<20 {
		// A large file is filtered as it is read, to keep only the rows
		// the view needs; a small one is read whole, once, and filtered.
		return r.parseData(path, src, d)
	}
	t := r.cachedData(path, src, d)
	if r.csvKeep != nil && t != nil {
		t = keepRows(t, r.csvKeep)
	}
	return t
}

// keepRows is a table's rows that pass a row filter.
func keepRows(t *table, keep rowFilter) *table {
	test := keep(t)
	out := t.withFields()
	for _, row := range t.rows {
		ok, stop := test(row)
		if stop {
			break
		}
		if ok {
			out.rows = append(out.rows, row)
		}
	}
	out.bins, out.parsed = t.bins, t.parsed
	return out
}

// dataCache keeps the tables of the data files read, by path, format and
// content, for the life of the process: a build draws each dataset's
// charts in six languages and two widths, and a batch of specs often reads
// the same file, which is parsed once. Tables are not changed once read
// (transforms make new ones), so renderings share them.
var dataCache struct {
	sync.Mutex
	m     map[dataKey]*cachedTable
	bytes int
	last  map[dataKey]lastRead // by what names a file (sum 0): the bytes last read
}

// lastRead is where the bytes of a file last read start, and their hash.
type lastRead struct {
	at  *byte
	sum uint64
}

type dataKey struct {
	path, format, property, feature, mesh, delim string
	size                                         int
	sum                                          uint64
}

type cachedTable struct {
	t     *table
	probs []diag.Problem
}

var dataSeed = maphash.MakeSeed()

// dataCacheBytes bounds the files the cache holds, by their size.
const dataCacheBytes = 256 << 20

func (r *renderer) cachedData(path string, src []byte, d *dataDef) *table {
	k := dataKey{path, d.format, d.property, d.feature, d.mesh, d.delim, len(src), 0}
	id := k
	dataCache.Lock()
	if last, ok := dataCache.last[id]; ok && len(src) > 0 && last.at == &src[0] {
		// The very bytes read last time (a loader that keeps what it
		// read): no need to hash them again. Loaders do not change bytes
		// they have returned.
		k.sum = last.sum
	} else {
		dataCache.Unlock()
		k.sum = maphash.Bytes(dataSeed, src)
		dataCache.Lock()
		if len(src) > 0 {
			if dataCache.last == nil {
				dataCache.last = map[dataKey]lastRead{}
			}
			dataCache.last[id] = lastRead{&src[0], k.sum}
		}
	}
	c, ok := dataCache.m[k]
	dataCache.Unlock()
	if ok {
		for _, p := range c.probs {
			r.probs.Add(p)
		}
		return c.t
	}
	// Read whole (the cache holds the file, not a view of it), and
	// without the rendering's scratch memory, which is reused.
	saved, keep, errs := r.scr, r.csvKeep, len(r.probs.Problems())
	r.scr, r.csvKeep = nil, nil
	t := r.parseData(path, src, d)
	r.scr, r.csvKeep = saved, keep
	if t != nil {
		t.colOf("") // the field index, built now: lookups only read it after
	}
	c = &cachedTable{t: t, probs: slices.Clone(r.probs.Problems()[errs:])}
	dataCache.Lock()
	if dataCache.m == nil || dataCache.bytes+len(src) > dataCacheBytes {
		dataCache.m, dataCache.bytes, dataCache.last = map[dataKey]*cachedTable{}, 0, nil
	}
	dataCache.m[k] = c
	dataCache.bytes += len(src)
	dataCache.Unlock()
	return t
}

// parseData reads a data file in its format.
func (r *renderer) parseData(path string, src []byte, d *dataDef) *table {
	switch d.format {
	case "csv", "tsv", "dsv":
		delim := byte(',')
		switch {
		case d.format == "tsv":
			delim = '\t'
		case d.delim != "":
			delim = d.delim[0]
		}
		var t *table
		var p *diag.Problem
		if delim == ',' {
			t, p = csvTableKeep(path, src, r.scr, r.csvKeep)
		} else {
			t, p = dsvTable(path, src, delim)
		}
		if p != nil {
			r.probs.Add(*p)
		}
		return t
	}
	n, at, msg := parseJSONData(src)
	if msg != "" {
		r.probs.Add(diag.Problem{Path: path, Line: at.line, Col: at.col, Msg: "JSON: " + msg})
		return nil
	}
	return r.fromJSON(path, n, d)
}

// fromJSON makes a table of a JSON value: an array of records (or of
// values, read as {"data": value}), found at format.property, or the
// features of a TopoJSON object.
func (r *renderer) fromJSON(path string, n *node, d *dataDef) *table {
	if d.format == "topojson" {
		t, err := topoTable(path, n, d)
		if err != nil {
			r.probs.Add(diag.Problem{Path: path, Line: n.at.line, Col: n.at.col, Msg: "TopoJSON: " + err.Error()})
			return nil
		}
		return t
	}
	if d.property != "" {
		for _, k := range splitFieldPath(d.property) {
			next := n.get(k)
			if next == nil {
				r.probs.Add(diag.Problem{Path: path, Line: n.at.line, Col: n.at.col, Msg: fmt.Sprintf("JSON: no property %q (data.format.property %q)", k, d.property)})
				return nil
			}
			n = next
		}
	}
	if n.kind == mapNode && n.get("type") != nil && n.get("type").str == "FeatureCollection" {
		if f := n.get("features"); f != nil {
			n = f
		}
	}
	if n.kind != seqNode {
		if n.kind == mapNode {
			n = &node{kind: seqNode, at: n.at, items: []*node{n}}
		} else {
			r.probs.Add(diag.Problem{Path: path, Line: n.at.line, Col: n.at.col, Msg: "JSON: the data must be a list of records"})
			return nil
		}
	}
	return inlineTable(path, n, n.at)
}

// inlineTable makes a table of a list of records: fields in the order they
// first appear, nested objects and lists kept for paths and flatten. A
// list of plain values is read as records {"data": value}, as Vega does.
func inlineTable(path string, n *node, at pos) *table {
	t := &table{path: path, at: at}
	plain := false
	for _, it := range n.items {
		if it.kind != mapNode {
			plain = true
			continue
		}
		for _, k := range it.keys {
			if t.colOf(k) < 0 {
				t.fields = append(t.fields, k)
				t.index = nil
			}
		}
	}
	if plain && t.colOf("data") < 0 {
		t.fields = append(t.fields, "data")
		t.index = nil
	}
	cells := make([]cell, len(n.items)*len(t.fields))
	for ri, it := range n.items {
		row := cells[ri*len(t.fields) : (ri+1)*len(t.fields) : (ri+1)*len(t.fields)]
		for i := range row {
			row[i] = cell{kind: nullNode, at: it.at}
		}
		if it.kind != mapNode {
			row[t.colOf("data")] = nodeCell(it)
		} else {
			for i, k := range it.keys {
				row[t.colOf(k)] = nodeCell(it.vals[i])
			}
		}
		t.rows = append(t.rows, row)
	}
	return t
}

// dsvTable reads delimited text other than CSV (TSV and the like) with the
// same quoting rules.
func dsvTable(path string, src []byte, delim byte) (*table, *diag.Problem) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	t := &table{path: path, at: pos{1, 1}}
	for li, l := range lines {
		if l == "" {
			continue
		}
		var fields []cell
		col := 1
		for _, f := range splitDelimited(l, delim) {
			c := cell{kind: strNode, text: f, at: pos{li + 1, col}}
			if blank(f) {
				c.kind = nullNode
			}
			fields = append(fields, c)
			col += len([]rune(f)) + 1
		}
		if t.fields == nil {
			for _, f := range fields {
				name := strings.TrimSpace(f.text)
				if name == "" {
					return nil, &diag.Problem{Path: path, Line: li + 1, Col: f.at.col, Msg: "a column has no name"}
				}
				t.fields = append(t.fields, name)
			}
			continue
		}
		t.rows = append(t.rows, fields)
	}
	if t.fields == nil {
		return nil, &diag.Problem{Path: path, Line: 1, Col: 1, Msg: "the file is empty"}
	}
	return t, nil
}

func splitDelimited(l string, delim byte) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case quoted && c == '"' && i+1 < len(l) && l[i+1] == '"':
			cur.WriteByte('"')
			i++
		case c == '"' && (quoted || cur.Len() == 0):
			quoted = !quoted
		case c == delim && !quoted:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, cur.String())
}

// sequenceTable is a sequence generator's rows.
func sequenceTable(path string, d *dataDef) *table {
	t := &table{path: path, at: d.at, fields: []string{d.seqAs}}
	start, stop, step := d.seq[0], d.seq[1], d.seq[2]
	n := int(math.Ceil((stop - start) / step))
	for i := 0; i < n && i <= 100000; i++ {
		v := start + float64(i)*step
		t.rows = append(t.rows, []cell{xNumber(v).toCell(d.at)})
	}
	return t
}

// topoTable reads a TopoJSON object's features (format.feature) or its
// mesh (format.mesh) as GeoJSON features: type, id, properties, geometry.
func topoTable(path string, n *node, d *dataDef) (*table, error) {
	if n.kind != mapNode || n.get("type") == nil || n.get("type").str != "Topology" {
		return nil, fmt.Errorf("not a TopoJSON topology")
	}
	topo, err := decodeTopology(n)
	if err != nil {
		return nil, err
	}
	objs := n.get("objects")
	name := d.feature
	if name == "" {
		name = d.mesh
	}
	obj := objs.get(name)
	if obj == nil {
		var have []string
		if objs != nil {
			have = objs.keys
		}
		return nil, fmt.Errorf("no object %q (it has %s)", name, strings.Join(have, ", "))
	}
	t := &table{path: path, at: n.at, fields: []string{"type", "id", "properties", "geometry"}}
	if d.mesh != "" {
		g := topo.mesh(obj)
		if topo.over {
			return nil, fmt.Errorf("the geometries use the arcs far more often than a topology's shared borders do")
		}
		t.rows = append(t.rows, []cell{{kind: strNode, text: "Feature", at: obj.at}, {kind: nullNode}, {kind: nullNode}, {kind: mapNode, obj: g, at: obj.at}})
		return t, nil
	}
	geoms := []*node{obj}
	if obj.get("type") != nil && obj.get("type").str == "GeometryCollection" {
		geoms = itemsOf(obj.get("geometries"))
	}
	for _, g := range geoms {
		row := []cell{{kind: strNode, text: "Feature", at: g.at}, {kind: nullNode, at: g.at}, {kind: nullNode, at: g.at}, {kind: nullNode, at: g.at}}
		if id := g.get("id"); id != nil {
			row[1] = nodeCell(id)
		}
		if p := g.get("properties"); p != nil {
			row[2] = nodeCell(p)
		} else {
			row[2] = cell{kind: mapNode, obj: &node{kind: mapNode, at: g.at}, at: g.at}
		}
		if geo := topo.geometry(g); geo != nil {
			row[3] = cell{kind: mapNode, obj: geo, at: g.at}
		}
		if topo.over {
			return nil, fmt.Errorf("the geometries use the arcs far more often than a topology's shared borders do")
		}
		t.rows = append(t.rows, row)
	}
	return t, nil
}

// topology holds a TopoJSON topology's decoded arcs.
type topology struct {
	arcs [][][2]float64
	// budget is how many more points the geometries may take from the
	// arcs: a few times the arcs' own, as shared borders need, so that a
	// small file cannot repeat a long arc into a huge drawing.
	budget int
	over   bool
}

func decodeTopology(n *node) (*topology, error) {
	var scale, translate [2]float64
	quantized := false
	if tr := n.get("transform"); tr != nil {
		s, t := tr.get("scale"), tr.get("translate")
		if s == nil || t == nil || len(s.items) != 2 || len(t.items) != 2 {
			return nil, fmt.Errorf("bad transform")
		}
		scale = [2]float64{s.items[0].num, s.items[1].num}
		translate = [2]float64{t.items[0].num, t.items[1].num}
		quantized = true
	}
	arcs := n.get("arcs")
	if arcs == nil || arcs.kind != seqNode {
		return nil, fmt.Errorf("no arcs")
	}
	t := &topology{arcs: make([][][2]float64, len(arcs.items))}
	for i, a := range arcs.items {
		var x, y float64
		pts := make([][2]float64, 0, len(a.items))
		for _, p := range a.items {
			if len(p.items) < 2 {
				return nil, fmt.Errorf("bad arc point")
			}
			px, py := p.items[0].num, p.items[1].num
			if quantized {
				x += px
				y += py
				pts = append(pts, [2]float64{x*scale[0] + translate[0], y*scale[1] + translate[1]})
			} else {
				pts = append(pts, [2]float64{px, py})
			}
		}
		t.arcs[i] = pts
		t.budget += 4 * len(pts)
	}
	t.budget += 10000
	return t, nil
}

// arc returns arc i, reversed for a negative (one's complement) index.
func (t *topology) arc(i int) [][2]float64 {
	rev := i < 0
	if rev {
		i = ^i
	}
	if i >= len(t.arcs) {
		return nil
	}
	a := t.arcs[i]
	if !rev {
		return a
	}
	out := make([][2]float64, len(a))
	for j := range a {
		out[j] = a[len(a)-1-j]
	}
	return out
}

// line joins arcs into one line, dropping each joint's repeated point.
func (t *topology) line(arcs *node) [][2]float64 {
	var out [][2]float64
	for k, a := range itemsOf(arcs) {
		if a.kind != numNode || math.IsNaN(a.num) || math.Abs(a.num) > 1<<31 {
			continue
		}
		pts := t.arc(int(a.num))
		if t.budget -= len(pts) + 1; t.budget < 0 {
			t.over = true
			return nil
		}
		if k > 0 && len(pts) > 0 {
			pts = pts[1:]
		}
		out = append(out, pts...)
	}
	return out
}

func coordsNode(pts [][2]float64) *node {
	n := &node{kind: seqNode, items: make([]*node, len(pts))}
	for i, p := range pts {
		n.items[i] = &node{kind: seqNode, items: []*node{{kind: numNode, num: p[0]}, {kind: numNode, num: p[1]}}}
	}
	return n
}

func geomNode(typ string, coords *node) *node {
	return &node{kind: mapNode, keys: []string{"type", "coordinates"}, keyAt: make([]pos, 2), vals: []*node{{kind: strNode, str: typ}, coords}}
}

// itemsOf is a list's items; nothing for anything else.
func itemsOf(n *node) []*node {
	if n == nil || n.kind != seqNode {
		return nil
	}
	return n.items
}

// geometry converts a TopoJSON geometry to GeoJSON.
func (t *topology) geometry(g *node) *node {
	typ := g.get("type")
	if typ == nil {
		return nil
	}
	arcs := g.get("arcs")
	switch typ.str {
	case "Point", "MultiPoint":
		return geomNode(typ.str, g.get("coordinates"))
	case "LineString":
		return geomNode("LineString", coordsNode(t.line(arcs)))
	case "MultiLineString", "Polygon":
		out := &node{kind: seqNode}
		for _, l := range itemsOf(arcs) {
			out.items = append(out.items, coordsNode(t.line(l)))
		}
		return geomNode(typ.str, out)
	case "MultiPolygon":
		out := &node{kind: seqNode}
		for _, poly := range itemsOf(arcs) {
			p := &node{kind: seqNode}
			for _, l := range itemsOf(poly) {
				p.items = append(p.items, coordsNode(t.line(l)))
			}
			out.items = append(out.items, p)
		}
		return geomNode("MultiPolygon", out)
	case "GeometryCollection":
		out := &node{kind: seqNode}
		for _, k := range itemsOf(g.get("geometries")) {
			if gn := t.geometry(k); gn != nil {
				out.items = append(out.items, gn)
			}
		}
		return &node{kind: mapNode, keys: []string{"type", "geometries"}, keyAt: make([]pos, 2), vals: []*node{{kind: strNode, str: "GeometryCollection"}, out}}
	}
	return nil
}

// mesh is topojson.mesh: every arc of the object once, as one
// MultiLineString (shared borders drawn once).
func (t *topology) mesh(obj *node) *node {
	seen := map[int]bool{}
	var walk func(n *node)
	walk = func(n *node) {
		if n == nil {
			return
		}
		switch n.kind {
		case numNode:
			i := int(n.num)
			if i < 0 {
				i = ^i
			}
			seen[i] = true
		case seqNode:
			for _, it := range n.items {
				walk(it)
			}
		case mapNode:
			walk(n.get("arcs"))
			walk(n.get("geometries"))
		}
	}
	walk(obj)
	out := &node{kind: seqNode}
	for i := range t.arcs {
		if seen[i] {
			out.items = append(out.items, coordsNode(t.arcs[i]))
		}
	}
	return geomNode("MultiLineString", out)
}

// basemapTable is a basemap of package geo as GeoJSON features: id (the
// country code), properties (name, in the page's language; code; member:
// in the region) and geometry.
func (r *renderer) basemapTable(d *dataDef) *table {
	b, err := geo.BasemapOf(d.basemap)
	if err != nil {
		r.specError(d.at, "", "%v", err)
		return nil
	}
	t := &table{path: r.s.path, at: d.at, fields: []string{"type", "id", "properties", "geometry"}}
	num := func(f float64) *node { return &node{kind: numNode, num: f} }
	for _, c := range b.Countries {
		if len(c.Polygons) == 0 {
			continue
		}
		polys := &node{kind: seqNode}
		for _, poly := range c.Polygons {
			rings := &node{kind: seqNode}
			for _, ring := range poly {
				pts := &node{kind: seqNode, items: make([]*node, len(ring))}
				for i, p := range ring {
					pts.items[i] = &node{kind: seqNode, items: []*node{num(p[0]), num(p[1])}}
				}
				rings.items = append(rings.items, pts)
			}
			polys.items = append(polys.items, rings)
		}
		name := ""
		if c.Code != "" {
			name = geo.CountryName(c.Code, r.loc.lang)
		}
		props := &node{kind: mapNode, keys: []string{"name", "code", "member"}, keyAt: make([]pos, 3),
			vals: []*node{{kind: strNode, str: name}, {kind: strNode, str: c.Code}, {kind: boolNode, b: c.Member}}}
		t.rows = append(t.rows, []cell{
			{kind: strNode, text: "Feature", at: d.at},
			{kind: strNode, text: c.Code, at: d.at},
			{kind: mapNode, obj: props, at: d.at},
			{kind: mapNode, obj: geomNode("MultiPolygon", polys), at: d.at},
		})
	}
	return t
}
