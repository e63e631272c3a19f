package chart

import (
	"slices"
	"strings"
)

var channelKeys = []string{"aggregate", "axis", "datum", "field", "format", "formatType", "header", "legend", "scale", "sort", "stack", "title", "type", "value"}

// encodingNames are the keys an encoding may have.
var encodingNames = append(channelNames[:], "tooltip")

func (d *decoder) encoding(n *node, top bool) encoding {
	var e encoding
	if !d.want(n, mapNode, "encoding") {
		return e
	}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		if k == "tooltip" {
			switch v.kind {
			case nullNode:
			case seqNode:
				for _, it := range v.items {
					if c := d.channel("tooltip", it, it.at); c != nil {
						e.tooltip = append(e.tooltip, c)
					}
				}
			default:
				if c := d.channel("tooltip", v, at); c != nil {
					e.tooltip = []*channel{c}
				}
			}
			continue
		}
		idx := slices.Index(channelNames[:], k)
		if idx < 0 {
			hint := ""
			switch k {
			case "detail":
				hint = `use "color" to split the data into series`
			case "x2", "y2", "yOffset", "shape", "size", "opacity", "strokeDash", "order", "radius", "fill", "stroke", "fillOpacity", "strokeWidth", "href", "description", "key", "latitude", "longitude", "angle", "strokeOpacity", "url", "facet":
				hint = "supported encodings: " + strings.Join(encodingNames, ", ")
			}
			d.unknown(at, k, "encoding channel", encodingNames, hint)
			continue
		}
		if (idx == chRow || idx == chColumn) && !top {
			d.errAt(at, "put row and column in the top-level encoding", "facets cannot be set inside a layer")
			continue
		}
		if v.kind == nullNode {
			e.cleared[idx] = true
			continue
		}
		if c := d.channel(k, v, at); c != nil {
			e.ch[idx] = c
		}
	}
	return e
}

func (d *decoder) channel(name string, n *node, at pos) *channel {
	if n.kind == nullNode {
		return nil
	}
	if n.kind != mapNode {
		d.want(n, mapNode, "encoding "+name)
		return nil
	}
	c := &channel{name: name, at: at}
	var formatType string
	for i, k := range n.keys {
		v, kat := n.vals[i], n.keyAt[i]
		switch k {
		case "field":
			if f, ok := d.str(v, "field"); ok {
				c.field, c.fieldAt = f, v.at
			}
		case "type":
			if t, ok := d.oneOf(v, "field type", fieldTypes); ok {
				c.typ, c.typAt = t, v.at
			}
		case "aggregate":
			if v.kind == strNode && v.str == "average" {
				c.agg = "mean"
				continue
			}
			if a, ok := d.oneOf(v, "aggregate", aggregates); ok {
				c.agg = a
			}
		case "title":
			c.title = d.titleText(v, "title")
		case "format":
			if f, ok := d.str(v, "format"); ok {
				c.format, c.formatAt = f, v.at
			}
		case "formatType":
			formatType, _ = d.oneOf(v, "formatType", []string{"number", "time"})
		case "axis":
			d.axis(c, v)
		case "legend":
			d.legend(c, v)
		case "header":
			d.header(c, v)
		case "scale":
			d.scale(c, v)
		case "sort":
			d.sort(c, v)
		case "stack":
			switch {
			case v.kind == nullNode, v.kind == boolNode && !v.b:
				c.stack = "none"
			case v.kind == boolNode:
				c.stack = "zero"
			default:
				if s, ok := d.oneOf(v, "stack", []string{"normalize", "zero"}); ok {
					c.stack = s
				}
			}
		case "datum":
			if v.kind != numNode && v.kind != strNode {
				d.errAt(v.at, "", "datum must be a number or text")
				continue
			}
			c.datum = v
		case "value":
			if name != "text" {
				d.errAt(kat, `colours and sizes come from the site theme`, "a constant value is only supported for text")
				continue
			}
			c.value = v
		case "bin":
			d.errAt(kat, "bin the data before charting it", "bin is not supported")
		case "timeUnit":
			d.errAt(kat, `write dates as 2006, 2006-01 or 2006-01-02 and pick a format such as "%Y"`, "timeUnit is not supported")
		case "condition", "impute", "band", "bandPosition":
			d.errAt(kat, "", "%q is not supported", k)
		default:
			d.unknown(kat, k, "encoding key", channelKeys, "")
		}
	}
	if c.agg == "count" && c.typ == "" {
		c.typ = "quantitative"
	}
	switch {
	case c.datum != nil || c.value != nil:
		if c.field != "" {
			d.errAt(c.fieldAt, "", "%s has both a field and a constant", name)
		}
		if c.datum != nil && c.typ == "" {
			c.typ = "quantitative"
			if c.datum.kind == strNode {
				c.typ = "nominal"
			}
		}
	case c.field == "" && c.agg != "count":
		d.errAt(at, `add "field": "NAME" and "type": "quantitative" (or temporal, ordinal, nominal)`, "encoding %s has no field", name)
		return nil
	case c.typ == "":
		d.errAt(at, `add "type": "quantitative", "temporal", "ordinal" or "nominal"`, "encoding %s has no type", name)
		return nil
	}
	if c.agg != "" && c.agg != "count" && c.typ != "quantitative" {
		d.errAt(c.typAt, "", "aggregate %q needs a quantitative field", c.agg)
	}
	if c.stack != "" && c.typ != "quantitative" {
		d.errAt(at, "", "stack only applies to a quantitative channel")
	}
	if c.format != "" {
		if formatType == "time" || formatType == "" && c.typ == "temporal" {
			tf, err := parseTimeFormat(c.format)
			if err != nil {
				d.errAt(c.formatAt, timeFormatHint, "%v", err)
			}
			c.tim = tf
		} else {
			nf, err := parseNumFormat(c.format)
			if err != nil {
				d.errAt(c.formatAt, numFormatHint, "%v", err)
			}
			c.num = &nf
		}
	}
	return c
}

func (d *decoder) formatOf(c *channel, v *node) {
	if f, ok := d.str(v, "format"); ok {
		c.format, c.formatAt = f, v.at
	}
}

func (d *decoder) axis(c *channel, n *node) {
	if n.kind == nullNode {
		c.axisHidden = true
		return
	}
	if !d.want(n, mapNode, "axis") {
		return
	}
	for i, k := range n.keys {
		v := n.vals[i]
		switch k {
		case "title":
			c.title = d.titleText(v, "axis title")
		case "format":
			d.formatOf(c, v)
		case "formatType":
		case "tickCount":
			if f, ok := d.num(v, "tickCount"); ok {
				c.tickCount = max(int(f), 2)
			}
		case "grid":
			if b, ok := d.boolean(v, "axis.grid"); ok {
				c.grid = &b
			}
		case "labels", "ticks", "domain":
			if b, ok := d.boolean(v, "axis."+k); ok && !b && k == "labels" {
				c.axisHidden = true
			}
		case "labelAngle", "orient", "labelFontSize", "titleFontSize", "labelColor", "titleColor", "labelLimit", "labelOverlap", "tickSize", "titlePadding", "labelPadding", "offset":
			d.warnAt(n.keyAt[i], "labels are placed to fit the width, and the site theme decides presentation", "axis %q is ignored", k)
		default:
			d.unknown(n.keyAt[i], k, "axis key", []string{"format", "grid", "labels", "tickCount", "title"}, "")
		}
	}
}

func (d *decoder) legend(c *channel, n *node) {
	if n.kind == nullNode {
		c.legendOff = true
		return
	}
	if !d.want(n, mapNode, "legend") {
		return
	}
	for i, k := range n.keys {
		v := n.vals[i]
		switch k {
		case "title":
			c.title = d.titleText(v, "legend title")
		case "format":
			d.formatOf(c, v)
		case "formatType":
		case "orient", "direction", "columns", "symbolType", "labelFontSize", "titleFontSize", "offset":
			d.warnAt(n.keyAt[i], "the legend is placed to fit the width", "legend %q is ignored", k)
		default:
			d.unknown(n.keyAt[i], k, "legend key", []string{"format", "title"}, "")
		}
	}
}

func (d *decoder) header(c *channel, n *node) {
	if c.name != "row" && c.name != "column" {
		d.errAt(n.at, "", "header is only for row and column")
		return
	}
	if n.kind == nullNode {
		return
	}
	if !d.want(n, mapNode, "header") {
		return
	}
	for i, k := range n.keys {
		switch k {
		case "title":
			c.title = d.titleText(n.vals[i], "header title")
		case "format":
			d.formatOf(c, n.vals[i])
		default:
			d.unknown(n.keyAt[i], k, "header key", []string{"format", "title"}, "")
		}
	}
}

func (d *decoder) scale(c *channel, n *node) {
	if n.kind == nullNode {
		return
	}
	if !d.want(n, mapNode, "scale") {
		return
	}
	for i, k := range n.keys {
		v, at := n.vals[i], n.keyAt[i]
		switch k {
		case "zero":
			if b, ok := d.boolean(v, "scale.zero"); ok {
				c.zero = &b
			}
		case "nice":
		case "domain":
			if d.want(v, seqNode, "scale.domain") {
				c.domain = v
			}
		case "type":
			d.oneOf(v, "scale type", []string{"linear", "band", "point", "time", "utc", "ordinal"})
		case "scheme", "range", "interpolate":
			d.errAt(at, "colours come from the site theme (var(--chart-1) and on)", "scale %q is not supported", k)
		default:
			d.unknown(at, k, "scale key", []string{"domain", "nice", "type", "zero"}, "")
		}
	}
}

func (d *decoder) sort(c *channel, n *node) {
	s := sortDef{set: true, at: n.at}
	switch n.kind {
	case nullNode:
		s.none = true
	case strNode:
		v := n.str
		switch {
		case v == "ascending":
		case v == "descending":
			s.desc = true
		default:
			if strings.HasPrefix(v, "-") {
				s.desc, v = true, v[1:]
			}
			if !slices.Contains([]string{"x", "y", "color", "theta", "text"}, v) {
				d.errAt(n.at, `use "ascending", "descending", a channel such as "-y", an object {"field", "op", "order"} or a list of values`, "sort %q is not supported", n.str)
				return
			}
			s.channel = v
		}
	case seqNode:
		for _, it := range n.items {
			if it.kind != strNode && it.kind != numNode {
				d.errAt(it.at, "", "sort values must be text or numbers")
				return
			}
			s.values = append(s.values, it.str)
		}
	case mapNode:
		for i, k := range n.keys {
			v := n.vals[i]
			switch k {
			case "field":
				s.field, _ = d.str(v, "sort field")
			case "op":
				if v.kind == strNode && v.str == "average" {
					s.op = "mean"
				} else {
					s.op, _ = d.oneOf(v, "sort op", aggregates)
				}
			case "order":
				if o, ok := d.oneOf(v, "sort order", []string{"ascending", "descending"}); ok {
					s.desc = o == "descending"
				}
			case "encoding":
				s.channel, _ = d.str(v, "sort encoding")
			default:
				d.unknown(n.keyAt[i], k, "sort key", []string{"encoding", "field", "op", "order"}, "")
			}
		}
		if s.op == "" && s.field != "" {
			s.op = "sum"
		}
		if s.op == "count" && s.field == "" {
			s.field = "*"
		}
	default:
		d.errAt(n.at, "", "sort must be text, a list or an object")
		return
	}
	c.sort = s
}
