package chart

import (
	"fmt"
	"slices"
	"strings"
)

// Composite marks (boxplot, errorbar, errorband) are written out as the
// layers of primitive marks and the transforms Vega-Lite's normalizer
// makes of them, then read like any layer. The spec's own nodes are reused
// where they can be, so problems still point into the spec.

// nb builds spec nodes at one position.
type nb struct{ at pos }

func (b nb) s(v string) *node  { return &node{kind: strNode, str: v, at: b.at} }
func (b nb) n(v float64) *node { return &node{kind: numNode, num: v, str: jsNumber(v), at: b.at} }
func (b nb) t(v bool) *node    { return &node{kind: boolNode, b: v, str: fmt.Sprint(v), at: b.at} }
func (b nb) list(items ...*node) *node {
	return &node{kind: seqNode, items: items, at: b.at}
}

// obj makes a mapping of key, value pairs; nil values are left out.
func (b nb) obj(kv ...any) *node {
	o := &node{kind: mapNode, at: b.at}
	for i := 0; i+1 < len(kv); i += 2 {
		v, _ := kv[i+1].(*node)
		if v == nil {
			continue
		}
		o.keys = append(o.keys, kv[i].(string))
		o.keyAt = append(o.keyAt, b.at)
		o.vals = append(o.vals, v)
	}
	return o
}

// with copies a mapping with keys set (nil: removed).
func with(n *node, kv ...any) *node {
	o := &node{kind: mapNode, at: n.at}
	set := map[string]bool{}
	for i := 0; i+1 < len(kv); i += 2 {
		set[kv[i].(string)] = true
	}
	for i, k := range n.keys {
		if !set[k] {
			o.keys = append(o.keys, k)
			o.keyAt = append(o.keyAt, n.keyAt[i])
			o.vals = append(o.vals, n.vals[i])
		}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if v, _ := kv[i+1].(*node); v != nil {
			o.keys = append(o.keys, kv[i].(string))
			o.keyAt = append(o.keyAt, n.at)
			o.vals = append(o.vals, v)
		}
	}
	return o
}

func without(n *node, keys ...string) *node {
	if n == nil {
		return &node{kind: mapNode}
	}
	kv := make([]any, 0, 2*len(keys))
	for _, k := range keys {
		kv = append(kv, k, nil)
	}
	return with(n, kv...)
}

// defType is a channel definition's type, written or inferred as
// Vega-Lite infers it.
func defType(def *node, ch string) string {
	if def == nil || def.kind != mapNode {
		return ""
	}
	if t := def.get("type"); t != nil {
		return t.str
	}
	switch ch {
	case "latitude", "longitude":
		return "quantitative"
	case "row", "column", "facet", "shape", "strokeDash":
		return "nominal"
	case "order":
		return "ordinal"
	}
	if def.get("datum") != nil {
		if def.get("datum").kind == numNode {
			return "quantitative"
		}
		return "nominal"
	}
	if s := def.get("sort"); s != nil && s.kind == seqNode {
		return "ordinal"
	}
	if def.get("timeUnit") != nil {
		return "temporal"
	}
	if b := def.get("bin"); b != nil && !(b.kind == boolNode && !b.b) {
		return "quantitative"
	}
	if a := def.get("aggregate"); a != nil && a.kind == strNode && a.str != "argmin" && a.str != "argmax" {
		return "quantitative"
	}
	return "nominal"
}

// continuousDef says whether a channel is continuous: quantitative or
// temporal, and not binned.
func continuousDef(def *node, ch string) bool {
	if def == nil || def.kind != mapNode {
		return false
	}
	t := defType(def, ch)
	if t == "temporal" {
		return true
	}
	if t != "quantitative" {
		return false
	}
	b := def.get("bin")
	return b == nil || b.kind == boolNode && !b.b
}

func defField(def *node) string {
	if def == nil {
		return ""
	}
	if f := def.get("field"); f != nil {
		return f.str
	}
	return ""
}

// composite writes a composite mark out as a layer spec.
func (d *decoder) composite(n, m *node, typ string, enc *node) *node {
	b := nb{at: n.at}
	if m != nil {
		b.at = m.at
	}
	if enc == nil {
		d.errAt(b.at, "", "a %s needs an encoding", typ)
		return nil
	}
	markDef := m
	if markDef.kind != mapNode {
		markDef = b.obj("type", b.s(typ))
	}
	x, y := enc.get("x"), enc.get("y")
	orient := ""
	if o := markDef.get("orient"); o != nil {
		orient = o.str
	}
	if orient == "" {
		xc, yc := continuousDef(x, "x"), continuousDef(y, "y")
		aggIs := func(def *node) bool {
			a := def.get("aggregate")
			return a != nil && a.str == typ
		}
		switch {
		case xc && yc:
			switch {
			case !aggIs(x) && aggIs(y):
				orient = "vertical"
			case !aggIs(y) && aggIs(x):
				orient = "horizontal"
			case defType(y, "y") == "temporal" && defType(x, "x") != "temporal":
				orient = "horizontal"
			default:
				orient = "vertical"
			}
		case xc:
			orient = "horizontal"
		case yc:
			orient = "vertical"
		default:
			d.errAt(b.at, "make x or y quantitative", "a %s needs a continuous axis", typ)
			return nil
		}
	}
	axis := "y"
	if orient == "horizontal" {
		axis = "x"
	}
	cdef := enc.get(axis)
	if cdef == nil || defField(cdef) == "" {
		d.errAt(b.at, "", "the %s's continuous axis %s needs a field", typ, axis)
		return nil
	}
	cdef = without(cdef, "aggregate")
	field := defField(cdef)
	ctype := defType(cdef, axis)
	title := cdef.get("title")
	if title == nil {
		title = b.s(field)
	}
	// The rest of the encoding: grouped by, binned and time-united as
	// Vega-Lite's extractTransformsFromEncoding does.
	rest := without(enc, axis, axis+"2", axis+"Error", axis+"Error2")
	var pre []*node // bin and timeUnit transforms
	var groupby []*node
	var aggs []*node
	shared := &node{kind: mapNode, at: enc.at}
	for i, ch := range rest.keys {
		def := rest.vals[i]
		if ch == "tooltip" && (def.kind == seqNode || def.kind == mapNode && defField(def) != "" && def.get("aggregate") == nil) {
			// A raw field is gone once the composite mark aggregates: the
			// parts keep their own tooltips.
			continue
		}
		if def.kind != mapNode || defField(def) == "" {
			shared = with(shared, ch, def)
			continue
		}
		f := defField(def)
		nd := def
		switch {
		case def.get("aggregate") != nil:
			as := def.get("aggregate").str + "_" + f
			aggs = append(aggs, b.obj("op", def.get("aggregate"), "field", b.s(f), "as", b.s(as)))
			nd = with(def, "aggregate", nil, "field", b.s(as), "title", orNode(def.get("title"), b.s(def.get("aggregate").str+"("+f+")")))
		case def.get("timeUnit") != nil:
			tu := def.get("timeUnit")
			as := tu.str + "_" + f
			pre = append(pre, b.obj("timeUnit", tu, "field", b.s(f), "as", b.s(as)))
			groupby = append(groupby, b.s(as))
			units, _, _ := splitTimeUnit(tu.str)
			nd = with(def, "timeUnit", nil, "field", b.s(as), "title", orNode(def.get("title"), b.s(f+" ("+strings.Join(units, "-")+")")))
			if defType(def, ch) != "temporal" {
				nd = with(nd, "type", b.s(defType(def, ch)))
			} else {
				nd = with(nd, "type", b.s("temporal"))
			}
		case def.get("bin") != nil && !(def.get("bin").kind == boolNode && !def.get("bin").b):
			as := "bin_" + f
			pre = append(pre, b.obj("bin", def.get("bin"), "field", b.s(f), "as", b.s(as)))
			groupby = append(groupby, b.s(as), b.s(as+"_end"))
			nd = with(def, "bin", b.s("binned"), "field", b.s(as), "type", b.s("quantitative"), "title", orNode(def.get("title"), b.s(f+" (binned)")))
			if ch == "x" || ch == "y" {
				shared = with(shared, ch+"2", b.obj("field", b.s(as+"_end")))
			}
		default:
			groupby = append(groupby, b.s(f))
		}
		shared = with(shared, ch, nd)
	}
	// The continuous axis of each part.
	part := func(mark *node, pos, end string, sharedEnc *node) *node {
		cd := with(without(cdef, "field", "title"), "field", b.s(pos+"_"+field), "type", b.s(ctype), "title", title)
		e := with(sharedEnc, axis, cd)
		if end != "" {
			e = with(e, axis+"2", b.obj("field", b.s(end+"_"+field)))
		}
		return b.obj("mark", mark, "encoding", e)
	}
	mk := func(t string, kv ...any) *node {
		base := []any{"type", b.s(t)}
		for _, k := range []string{"color", "opacity", "clip"} {
			if v := markDef.get(k); v != nil {
				base = append(base, k, v)
			}
		}
		return b.obj(append(base, kv...)...)
	}
	sizeOf := func() *node {
		if s := markDef.get("size"); s != nil {
			return s
		}
		return nil
	}
	ticksOrient := "horizontal"
	if orient == "horizontal" {
		ticksOrient = "vertical"
	}
	groupList := b.list(groupby...)
	switch typ {
	case "boxplot":
		extent := 1.5
		minmax := false
		if e := markDef.get("extent"); e != nil {
			switch {
			case e.kind == numNode:
				extent = e.num
			case e.kind == strNode && e.str == "min-max":
				minmax = true
			default:
				d.errAt(e.at, `a number (Tukey's k) or "min-max"`, "boxplot extent must be a number or \"min-max\"")
			}
		}
		size := sizeOf()
		if size == nil {
			size = b.n(14)
		}
		noSizeColor := without(shared, "size", "color")
		whiskers := []*node{
			part(mk("rule"), "lower_whisker", "lower_box", noSizeColor),
			part(mk("rule"), "upper_box", "upper_whisker", noSizeColor),
		}
		if t := markDef.get("ticks"); t != nil && !(t.kind == boolNode && !t.b) {
			whiskers = append(whiskers,
				part(mk("tick", "orient", b.s(ticksOrient)), "lower_whisker", "", noSizeColor),
				part(mk("tick", "orient", b.s(ticksOrient)), "upper_whisker", "", noSizeColor))
		}
		medianColor := b.s("white")
		if mc := markDef.get("median"); mc != nil && mc.kind == mapNode && mc.get("color") != nil {
			medianColor = mc.get("color")
		}
		boxes := []*node{
			part(mk("bar", "size", size, "orient", b.s(orient)), "lower_box", "upper_box", shared),
			part(mk("tick", "size", size, "orient", b.s(ticksOrient), "color", medianColor), "mid_box", "", without(shared, "color")),
		}
		if mc := markDef.get("median"); mc != nil && mc.kind == boolNode && !mc.b {
			boxes = boxes[:1]
		}
		q := func(op, as string) *node {
			return b.obj("op", b.s(op), "field", b.s(field), "as", b.s(as+"_"+field))
		}
		if minmax {
			agg := append([]*node{q("q1", "lower_box"), q("q3", "upper_box"), q("median", "mid_box"), q("min", "lower_whisker"), q("max", "upper_whisker")}, aggs...)
			tr := append(slices.Clone(pre), b.obj("aggregate", b.list(agg...), "groupby", groupList))
			return b.obj("transform", b.list(tr...), "layer", b.list(append(whiskers, boxes...)...))
		}
		fe := "datum[" + jsQuote(field) + "]"
		lb, ub := "datum["+jsQuote("lower_box_"+field)+"]", "datum["+jsQuote("upper_box_"+field)+"]"
		iqr := "(" + ub + " - " + lb + ")"
		k := jsNumber(extent)
		lowerW, upperW := lb+" - "+k+" * "+iqr, ub+" + "+k+" * "+iqr
		join := b.obj("joinaggregate", b.list(q("q1", "lower_box"), q("q3", "upper_box")), "groupby", groupList)
		whiskerAgg := append([]*node{
			b.obj("op", b.s("min"), "field", b.s(field), "as", b.s("lower_whisker_"+field)),
			b.obj("op", b.s("max"), "field", b.s(field), "as", b.s("upper_whisker_"+field)),
			b.obj("op", b.s("min"), "field", b.s("lower_box_"+field), "as", b.s("lower_box_"+field)),
			b.obj("op", b.s("max"), "field", b.s("upper_box_"+field), "as", b.s("upper_box_"+field)),
		}, aggs...)
		filtered := b.obj("transform", b.list(
			b.obj("filter", b.s("("+lowerW+" <= "+fe+") && ("+fe+" <= "+upperW+")")),
			b.obj("aggregate", b.list(whiskerAgg...), "groupby", groupList),
		), "layer", b.list(whiskers...))
		outlierEnc := with(without(shared, "tooltip"), axis, with(without(cdef, "title"), "title", title, "type", b.s(ctype)))
		if c := shared.get("color"); c != nil {
			outlierEnc = with(outlierEnc, "color", c)
		}
		var outlierLayers []*node
		if o := markDef.get("outliers"); o == nil || !(o.kind == boolNode && !o.b) {
			outlierLayers = append(outlierLayers, b.obj(
				"transform", b.list(b.obj("filter", b.s("("+fe+" < "+lowerW+") || ("+fe+" > "+upperW+")"))),
				"mark", b.obj("type", b.s("point")),
				"encoding", outlierEnc))
		}
		boxAgg := append([]*node{q("q1", "lower_box"), q("q3", "upper_box"), q("median", "mid_box"), q("min", "min"), q("max", "max")}, aggs...)
		return b.obj("layer", b.list(
			b.obj("transform", b.list(append(slices.Clone(pre), join)...), "layer", b.list(append(outlierLayers, filtered)...)),
			b.obj("transform", b.list(append(slices.Clone(pre), b.obj("aggregate", b.list(boxAgg...), "groupby", groupList))...), "layer", b.list(boxes...)),
		))
	}
	// errorbar and errorband.
	var tr []*node
	tr = append(tr, pre...)
	c2, cErr, cErr2 := enc.get(axis+"2"), enc.get(axis+"Error"), enc.get(axis+"Error2")
	if c2 != nil && c2.kind == mapNode && c2.get("field") != nil {
		// Aggregated upper and lower bounds.
		if len(aggs) > 0 {
			tr = append(tr, b.obj("aggregate", b.list(aggs...), "groupby", b.list()))
		}
		tr = append(tr,
			b.obj("calculate", b.s("datum["+jsQuote(defField(c2))+"]"), "as", b.s("upper_"+field)),
			b.obj("calculate", b.s("datum["+jsQuote(field)+"]"), "as", b.s("lower_"+field)))
	} else if cErr != nil && defField(cErr) != "" {
		if len(aggs) > 0 {
			tr = append(tr, b.obj("aggregate", b.list(aggs...), "groupby", b.list()))
		}
		fe, ee := "datum["+jsQuote(field)+"]", "datum["+jsQuote(defField(cErr))+"]"
		tr = append(tr, b.obj("calculate", b.s(fe+" + "+ee), "as", b.s("upper_"+field)))
		if cErr2 != nil && defField(cErr2) != "" {
			tr = append(tr, b.obj("calculate", b.s(fe+" + datum["+jsQuote(defField(cErr2))+"]"), "as", b.s("lower_"+field)))
		} else {
			tr = append(tr, b.obj("calculate", b.s(fe+" - "+ee), "as", b.s("lower_"+field)))
		}
	} else {
		center, extent := "", ""
		if c := markDef.get("center"); c != nil {
			center = c.str
		}
		if e := markDef.get("extent"); e != nil {
			extent = e.str
		}
		if center == "" {
			center = "mean"
			if extent == "iqr" {
				center = "median"
			}
		}
		if extent == "" {
			extent = "stderr"
			if center == "median" {
				extent = "iqr"
			}
		}
		var agg []*node
		switch extent {
		case "stderr", "stdev":
			agg = []*node{
				b.obj("op", b.s(extent), "field", b.s(field), "as", b.s("extent_"+field)),
				b.obj("op", b.s(center), "field", b.s(field), "as", b.s("center_"+field)),
			}
			tr = append(tr, b.obj("aggregate", b.list(append(aggs, agg...)...), "groupby", groupList),
				b.obj("calculate", b.s("datum["+jsQuote("center_"+field)+"] + datum["+jsQuote("extent_"+field)+"]"), "as", b.s("upper_"+field)),
				b.obj("calculate", b.s("datum["+jsQuote("center_"+field)+"] - datum["+jsQuote("extent_"+field)+"]"), "as", b.s("lower_"+field)))
		case "ci", "iqr":
			lo, hi, mid := "ci0", "ci1", "mean"
			if extent == "iqr" {
				lo, hi, mid = "q1", "q3", "median"
			}
			agg = []*node{
				b.obj("op", b.s(lo), "field", b.s(field), "as", b.s("lower_"+field)),
				b.obj("op", b.s(hi), "field", b.s(field), "as", b.s("upper_"+field)),
				b.obj("op", b.s(mid), "field", b.s(field), "as", b.s("center_"+field)),
			}
			tr = append(tr, b.obj("aggregate", b.list(append(aggs, agg...)...), "groupby", groupList))
		default:
			d.errAt(markDef.get("extent").at, `stderr, stdev, ci or iqr`, "%s extent %q is not known", typ, extent)
			return nil
		}
	}
	sharedNoSize := without(shared, "size")
	var layers []*node
	if typ == "errorbar" {
		tick := mk("tick", "orient", b.s(ticksOrient))
		if t := markDef.get("thickness"); t != nil {
			tick = with(tick, "thickness", t)
		}
		if s := sizeOf(); s != nil {
			tick = with(tick, "size", s)
		}
		if t := markDef.get("ticks"); t != nil && !(t.kind == boolNode && !t.b) {
			layers = append(layers, part(tick, "lower", "", sharedNoSize), part(tick, "upper", "", sharedNoSize))
		}
		rule := mk("rule")
		if t := markDef.get("thickness"); t != nil {
			rule = with(rule, "size", t)
		}
		layers = append(layers, part(rule, "lower", "upper", sharedNoSize))
	} else {
		is2D := x != nil && y != nil
		band, border := "rect", "rule"
		if is2D {
			band, border = "area", "line"
		}
		bandMark := mk(band)
		if markDef.get("opacity") == nil {
			// Vega-Lite's errorband: a band you see the marks through.
			bandMark = with(bandMark, "opacity", b.n(0.3))
		}
		if ip := markDef.get("interpolate"); ip != nil && is2D {
			bandMark = with(bandMark, "interpolate", ip)
		}
		layers = append(layers, part(bandMark, "lower", "upper", sharedNoSize))
		if bd := markDef.get("borders"); bd != nil && !(bd.kind == boolNode && !bd.b) {
			bm := mk(border)
			if ip := markDef.get("interpolate"); ip != nil && is2D {
				bm = with(bm, "interpolate", ip)
			}
			if is2D {
				bm = with(bm, "point", b.t(false)) // borders, not data to point at
			}
			layers = append(layers, part(bm, "lower", "", sharedNoSize), part(bm, "upper", "", sharedNoSize))
		}
	}
	return b.obj("transform", b.list(tr...), "layer", b.list(layers...))
}

func orNode(a, b *node) *node {
	if a != nil {
		return a
	}
	return b
}
