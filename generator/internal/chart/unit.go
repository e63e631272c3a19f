package chart

import (
	"fmt"
	"slices"
	"strings"
)

// markPos is a mark's x or y written in the mark: pixels from the plot's
// start, or its far edge ("width", "height").
type markPos struct {
	px  float64
	far bool
}

// markDef is a mark and the properties it is drawn with.
type markDef struct {
	typ          string
	at           pos
	point        bool
	noPoint      bool // "point": false, written: no markers on a short line either
	filled       *bool
	innerRadius  float64
	outerRadius  float64
	radiusOffset float64
	padAngle     float64
	cornerRad    float64
	strokeDash   []float64
	size         float64
	dx, dy       float64
	align        string
	baseline     string
	interpolate  string
	orient       string // horizontal or vertical, when given
	color        string // color, fill or stroke as written (a CSS colour)
	fill         string
	stroke       string
	opacity      *float64
	fillOpacity  *float64
	strokeWidth  *float64
	shape        string
	angle        float64
	text         string   // a constant text
	textLines    []string // the constant text's lines, when written as a list
	x, y         *markPos // a fixed place: pixels, or "width"/"height" for the far edge
	thickness    float64
	width        *sizeDef // bar and rect widths: pixels or {"band": f}
	height       *sizeDef
	widthBand    float64
	heightBand   float64
	radius       float64
	theta        *float64
	theta2       *float64
	clip         bool
	tension      float64
	fontSize     float64
	lineBreak    string
	limit        float64
	extent       *node // composite marks
	invalid      string
	binSpacing   *float64
	tuBand       *float64 // timeUnitBandPosition
	url          string   // image: a constant URL
	aspect       *bool
	tooltip      *node
	line         bool
}

var markKeys = []string{"align", "angle", "aria", "ariaRole", "ariaRoleDescription", "aspect", "bandSize", "baseline", "binSpacing", "blend", "box", "clip", "color", "continuousBandSize", "cornerRadius", "cornerRadiusBottomLeft", "cornerRadiusBottomRight", "cornerRadiusEnd", "cornerRadiusTopLeft", "cornerRadiusTopRight", "cursor", "description", "dir", "discreteBandSize", "dx", "dy", "ellipsis", "extent", "fill", "fillOpacity", "filled", "font", "fontSize", "fontStyle", "fontWeight", "height", "href", "innerRadius", "interpolate", "invalid", "limit", "line", "lineBreak", "lineHeight", "median", "minBandSize", "opacity", "order", "orient", "outerRadius", "outliers", "padAngle", "point", "radius", "radius2", "radius2Offset", "radiusOffset", "rule", "shape", "size", "smooth", "stroke", "strokeCap", "strokeDash", "strokeDashOffset", "strokeJoin", "strokeMiterLimit", "strokeOffset", "strokeOpacity", "strokeWidth", "style", "tension", "text", "theta", "theta2", "theta2Offset", "thetaOffset", "thickness", "ticks", "timeUnitBandPosition", "timeUnitBandSize", "tooltip", "type", "url", "width", "x", "x2", "x2Offset", "xOffset", "y", "y2", "y2Offset", "yOffset", "zindex", "center", "borders"}

func (d *decoder) mark(m *markDef, n *node) {
	if n == nil {
		return
	}
	typeNode := n
	if n.kind == mapNode {
		typeNode = n.get("type")
		if typeNode == nil {
			d.errAt(n.at, "", `the mark needs a "type"`)
			return
		}
	}
	m.at = typeNode.at
	t, ok := d.str(typeNode, "mark")
	if !ok {
		return
	}
	if !slices.Contains(markTypes, t) {
		hint := "marks: " + strings.Join(markTypes, ", ")
		if g := suggest(t, markTypes); g != "" {
			hint = fmt.Sprintf("did you mean %q? %s", g, hint)
		}
		d.errAt(typeNode.at, hint, "mark %q is not supported", t)
		return
	}
	m.typ = t
	m.clip = false
	if d.cfg != nil && d.cfg.markDefaults != nil {
		// The config's defaults come first, so the mark's own keys win.
		merged := &node{kind: mapNode, at: n.at}
		for _, src := range []*node{d.cfg.markDefaults["mark"], d.cfg.markDefaults[t], n} {
			if src == nil || src.kind != mapNode {
				continue
			}
			merged.keys = append(merged.keys, src.keys...)
			merged.keyAt = append(merged.keyAt, src.keyAt...)
			merged.vals = append(merged.vals, src.vals...)
		}
		n = merged
	}
	if n.kind != mapNode {
		return
	}
	numP := func(v *node, what string) *float64 {
		if v.kind == mapNode && v.get("expr") != nil {
			if f, ok := d.exprNumber(v.get("expr")); ok {
				return &f
			}
			return nil
		}
		if f, ok := d.num(v, what); ok {
			return &f
		}
		return nil
	}
	num := func(v *node, what string) float64 {
		if p := numP(v, what); p != nil {
			return *p
		}
		return 0
	}
	colour := func(v *node, what string) string {
		switch v.kind {
		case strNode:
			return v.str
		case nullNode, boolNode:
			return "none"
		case mapNode:
			if v.get("gradient") != nil {
				// A gradient fill is drawn in its first stop's colour.
				if st := v.get("stops"); st != nil && len(st.items) > 0 {
					if c := st.items[len(st.items)-1].get("color"); c != nil {
						return c.str
					}
				}
				return ""
			}
			if e := v.get("expr"); e != nil {
				return ""
			}
		}
		d.errAt(v.at, "", "%s must be a colour", what)
		return ""
	}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "type":
		case "point":
			switch v.kind {
			case mapNode:
				m.point = true
			case strNode:
				m.point = v.str == "transparent"
			default:
				m.point, _ = d.boolean(v, "mark.point")
				m.noPoint = v.kind == boolNode && !v.b
			}
		case "line":
			if v.kind == mapNode {
				m.line = true
			} else {
				m.line, _ = d.boolean(v, "mark.line")
			}
		case "filled":
			if b, ok := d.boolean(v, "mark.filled"); ok {
				m.filled = &b
			}
		case "innerRadius":
			m.innerRadius = num(v, "mark.innerRadius")
		case "outerRadius":
			m.outerRadius = num(v, "mark.outerRadius")
		case "radius":
			m.radius = num(v, "mark.radius")
		case "radiusOffset":
			m.radiusOffset = num(v, "mark.radiusOffset")
		case "padAngle":
			m.padAngle = num(v, "mark.padAngle")
		case "theta":
			m.theta = numP(v, "mark.theta")
		case "theta2":
			m.theta2 = numP(v, "mark.theta2")
		case "cornerRadius", "cornerRadiusEnd":
			m.cornerRad = num(v, "mark."+k)
		case "size":
			if f := num(v, "mark.size"); f > 0 {
				m.size = f
			}
		case "thickness":
			m.thickness = num(v, "mark.thickness")
		case "dx":
			m.dx = num(v, "mark.dx")
		case "dy":
			m.dy = num(v, "mark.dy")
		case "angle":
			m.angle = num(v, "mark.angle")
		case "fontSize":
			m.fontSize = num(v, "mark.fontSize")
		case "limit":
			m.limit = num(v, "mark.limit")
		case "tension":
			m.tension = num(v, "mark.tension")
		case "align":
			if v.kind == strNode {
				m.align, _ = d.oneOf(v, "mark.align", []string{"center", "left", "right"})
			}
		case "baseline":
			if v.kind == strNode {
				m.baseline, _ = d.oneOf(v, "mark.baseline", []string{"alphabetic", "bottom", "line-bottom", "line-top", "middle", "top"})
			}
		case "interpolate":
			m.interpolate, _ = d.oneOf(v, "interpolate", []string{"basis", "basis-open", "basis-closed", "bundle", "cardinal", "cardinal-open", "cardinal-closed", "catmull-rom", "linear", "linear-closed", "monotone", "natural", "step", "step-before", "step-after"})
		case "orient":
			m.orient, _ = d.oneOf(v, "mark.orient", []string{"horizontal", "vertical"})
		case "strokeDash":
			if d.want(v, seqNode, "strokeDash") {
				for _, it := range v.items {
					if f, ok := d.num(it, "strokeDash length"); ok {
						m.strokeDash = append(m.strokeDash, f)
					}
				}
			}
		case "color":
			m.color = colour(v, "mark.color")
		case "fill":
			m.fill = colour(v, "mark.fill")
		case "stroke":
			m.stroke = colour(v, "mark.stroke")
		case "opacity":
			m.opacity = numP(v, "mark.opacity")
		case "fillOpacity":
			m.fillOpacity = numP(v, "mark.fillOpacity")
		case "strokeWidth":
			m.strokeWidth = numP(v, "mark.strokeWidth")
		case "shape":
			if v.kind == strNode {
				m.shape = v.str
			}
		case "text":
			if t := d.titleText(v, "mark.text"); t != nil {
				m.text = *t
			}
			if v.kind == seqNode {
				m.textLines = nil
				for _, it := range v.items {
					if it.kind == strNode || it.kind == numNode {
						m.textLines = append(m.textLines, it.str)
					}
				}
			}
		case "x", "y":
			mp := &markPos{}
			switch {
			case v.kind == strNode && (k == "x" && v.str == "width" || k == "y" && v.str == "height"):
				mp.far = true
			case v.kind == numNode:
				mp.px = v.num
			default:
				mp = nil // an expression or signal: placed by its encoding, if any
			}
			if k == "x" {
				m.x = mp
			} else {
				m.y = mp
			}
		case "lineBreak":
			m.lineBreak, _ = d.str(v, "mark.lineBreak")
		case "width", "height":
			sz := &sizeDef{}
			switch v.kind {
			case numNode:
				sz.px = v.num
			case mapNode:
				if b := v.get("band"); b != nil {
					f, _ := d.num(b, "mark."+k+".band")
					if k == "width" {
						m.widthBand = f
					} else {
						m.heightBand = f
					}
					continue
				}
				if e := v.get("expr"); e != nil {
					if f, ok := d.exprNumber(e); ok {
						sz.px = f
						break
					}
				}
				d.errAt(v.at, "", "mark.%s must be a number or {\"band\": f}", k)
				continue
			default:
				d.errAt(v.at, "", "mark.%s must be a number", k)
				continue
			}
			if k == "width" {
				m.width = sz
			} else {
				m.height = sz
			}
		case "clip":
			m.clip, _ = d.boolean(v, "mark.clip")
		case "extent":
			m.extent = v
		case "invalid":
			if v.kind == nullNode {
				m.invalid = "show"
			} else {
				m.invalid, _ = d.oneOf(v, "mark.invalid", []string{"break-paths-filter-domains", "break-paths-show-domains", "break-paths-show-path-domains", "filter", "show"})
			}
		case "timeUnitBandPosition":
			m.tuBand = numP(v, "mark.timeUnitBandPosition")
		case "binSpacing":
			m.binSpacing = numP(v, "mark.binSpacing")
		case "url":
			m.url, _ = d.str(v, "mark.url")
		case "aspect":
			if b, ok := d.boolean(v, "mark.aspect"); ok {
				m.aspect = &b
			}
		case "tooltip":
			m.tooltip = v
		default:
			if !slices.Contains(markKeys, k) {
				d.unknown(at, k, "mark property", markKeys, "")
			}
		}
	}
}

// exprNumber evaluates a constant expression ({"expr": "..."}) with the
// params' values.
func (d *decoder) exprNumber(e *node) (float64, bool) {
	if e.kind != strNode {
		d.errAt(e.at, "", "expr must be text")
		return 0, false
	}
	f, err := compileExpr(e.str, &exprScope{params: d.params})
	if err != nil {
		d.exprErr(e, err)
		return 0, false
	}
	return f(&exprEnv{}).num(), true
}

// checkUnit checks that a mark has the channels it needs.
func (d *decoder) checkUnit(u *unit) {
	m := u.mark.typ
	if m == "" {
		return
	}
	e := u.enc
	has := func(c int) bool { return e.ch[c] != nil }
	at := u.mark.at
	if u.data == nil {
		d.errAt(at, `add "data": {"url": "file.csv"} or {"values": [...]}`, "the %s mark has no data", m)
	}
	switch m {
	case "arc":
		if !has(chTheta) && !has(chRadius) && u.mark.theta == nil {
			d.errAt(at, `add "theta": {"field": "value", "type": "quantitative"}`, "an arc mark needs a theta encoding")
		}
	case "text":
		if !has(chText) && u.mark.text == "" {
			d.errAt(at, `add "text": {"field": "NAME"}, or a constant "text" in the mark`, "a text mark needs a text encoding")
		}
	case "geoshape":
		if has(chX) || has(chY) {
			d.errAt(at, "", "a geoshape mark takes no x or y")
		}
	case "image":
		if !has(chURL) && u.mark.url == "" {
			d.errAt(at, `add "url": {"field": "NAME"}`, "an image mark needs a url")
		}
	}
	if m != "arc" && (has(chTheta) || has(chRadius)) && m != "text" {
		c := e.ch[chTheta]
		if c == nil {
			c = e.ch[chRadius]
		}
		d.errAt(c.at, "", "%s is only used by arc (and text) marks", c.name)
	}
	for _, ci := range []int{chRow, chColumn, chFacet, chXOffset, chYOffset} {
		if c := e.ch[ci]; c != nil && c.typ == "quantitative" && c.bin == nil {
			d.errAt(c.typAt, "use nominal, ordinal or temporal", "%s cannot be quantitative", c.name)
		}
	}
}
