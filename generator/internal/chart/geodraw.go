package chart

// drawGeoShapes draws geoshape marks from the data's GeoJSON geometry.
func (r *renderer) drawGeoShapes(g *elem, ld *layerData, rows []*mrow, px0, px1, ptop, pbot float64) int {
	return 0
}
