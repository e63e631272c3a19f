package chart

// compositeUnit is one primitive mark a composite mark stands for.
type compositeUnit struct {
	node *node // the view: data, transform, encoding
	enc  *node
	mark *node
}

// composite expands boxplot, errorbar and errorband into the primitive
// marks Vega-Lite draws for them.
func (d *decoder) composite(n, m *node, typ string, enc *node) []compositeUnit {
	d.errAt(n.keyPos("mark"), "", "mark %q is not supported yet", typ)
	return nil
}
