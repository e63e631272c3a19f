package chart

import (
	"testing"
)

// The fuzzers below check the budgets of the readers of user input: each
// must take memory in proportion to what it reads (plus the fixed caps
// of an expression's values), whatever the input. Allocation stands for
// time: none of them loops without allocating as it goes.

// allocBound is what reading n bytes may allocate: perByte for each byte
// and a fixed allowance.
func allocBound(n, perByte int, fixed uint64) uint64 {
	return uint64(n)*uint64(perByte) + fixed
}

func FuzzExprBudget(f *testing.F) {
	for _, s := range []string{
		"datum.a + 1",
		"format(datum.a, ',.2f') + ' ' + upper(datum.b)",
		"sequence(0, 1e9)",
		"pad('', 1e9)",
		"join(sequence(0, 100000), 'xxxxxxxxxx')",
		"replace(datum.b, /(a+)+$/, 'x')",
		"test(/^(a|aa)*$/, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab')",
		"[[[[[[[[[[1]]]]]]]]]]",
		"timeFormat(datetime(2020, 1, 1), '%Y %B %d')",
		"if(datum.a > 1, 'big', 'small')",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var fn exprFn
		var err *exprError
		n := allocated(func() {
			fn, err = compileExpr(src, &exprScope{fields: []string{"a", "b"}, params: map[string]xv{}})
		})
		if max := allocBound(len(src), 400, 64<<10); n > max {
			t.Fatalf("compiling %d bytes allocated %d bytes; the bound is %d", len(src), n, max)
		}
		if err != nil || fn == nil {
			return
		}
		env := &exprEnv{fields: []string{"a", "b"}, row: []cell{{kind: numNode, num: 3, text: "3"}, {kind: strNode, text: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaab"}}}
		n = allocated(func() { fn(env) })
		// Values are capped: maxExprItems items, maxExprString bytes of
		// text; an expression is short, so it builds a few at most.
		if max := allocBound(len(src), 64<<10, 64<<20); n > max {
			t.Fatalf("evaluating %q allocated %d bytes; the bound is %d", src, n, max)
		}
	})
}

func FuzzDataReadersBudget(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,2\n3,4\n",
		"a,b\r\n\"x\"\"y\",2\r\n",
		",,,,,,,,,,,,,,,,,,,,,\n,,,,,,,,,,,,,,,,,,,,,\n",
		`[{"a": 1, "b": [1, 2, {"c": null}]}]`,
		`{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"a": 1}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}`,
		`{"type": "Topology", "arcs": [[[0, 0], [1, 1], [2, 2], [3, 3]]], "objects": {"o": {"type": "GeometryCollection", "geometries": [{"type": "LineString", "arcs": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}]}}}`,
		"a\tb\n1\t2\n",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, format := range []string{"csv", "tsv", "json", "topojson"} {
			s := &Spec{path: "fuzz.json", params: map[string]xv{}}
			r := newRenderer(s, Options{Lang: "en", Width: 640})
			d := &dataDef{format: format, url: "fuzz", feature: "o"}
			if format == "topojson" {
				d.mesh = ""
			}
			n := allocated(func() { r.parseData("fuzz", src, d) })
			// A cell or a JSON node costs some dozens of bytes and takes at
			// least a byte of input; a TopoJSON arc point a few times more.
			if max := allocBound(len(src), 1200, 256<<10); n > max {
				t.Fatalf("reading %d bytes as %s allocated %d bytes; the bound is %d", len(src), format, n, max)
			}
		}
	})
}
