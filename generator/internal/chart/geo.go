package chart

import "github.com/itu-d/portal/generator/internal/diag"

// GeoRenderer draws the shapes of a geoshape layer. Package geo implements
// it; chart does not know about projections or boundaries. Chart colours
// each shape from the colour encoding and adds the titles, legend, summary
// and table, so maps are as accessible as the other marks.
type GeoRenderer interface {
	Shapes(req GeoRequest) ([]GeoShape, []diag.Problem)
}

// GeoRequest is one geoshape layer to draw into a box.
type GeoRequest struct {
	Path          string         // the spec file; data URLs are relative to it
	Layer         map[string]any // the layer as written: data, transform (lookup), projection, encoding
	ColorField    string         // the field whose value GeoShape.Value carries, or ""
	Width, Height float64        // the box, in SVG user units, with (0, 0) at its top left
	Lang          string
}

// GeoShape is one feature, projected.
type GeoShape struct {
	D     string // SVG path data
	Label string // the feature's name, for its title and the data table
	Value string // the colour field's value as written; "" when there is none
}

// toAny turns a node into plain Go values for a GeoRenderer.
func (n *node) toAny() any {
	switch n.kind {
	case boolNode:
		return n.b
	case numNode:
		return n.num
	case strNode:
		return n.str
	case seqNode:
		out := make([]any, len(n.items))
		for i, it := range n.items {
			out[i] = it.toAny()
		}
		return out
	case mapNode:
		out := make(map[string]any, len(n.keys))
		for i, k := range n.keys {
			out[k] = n.vals[i].toAny()
		}
		return out
	}
	return nil
}
