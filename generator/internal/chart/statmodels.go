package chart

import (
	"math"
	"slices"
)

// The statistical transforms, as Vega computes them: density (a Gaussian
// kernel density estimate), regression, loess, quantile, impute and
// stack. Sampling of curves follows Vega's sampleCurve, so the same data
// gives the same points.

func (r *renderer) numbersOf(t *table, rows [][]cell, field string) []float64 {
	get := t.getter(field)
	var out []float64
	for _, row := range rows {
		v := cellValue(get(row))
		if !v.valid() {
			continue
		}
		if f := v.num(); !math.IsNaN(f) {
			out = append(out, f)
		}
	}
	return out
}

// groupOut starts an output table of groupby fields and more.
func groupOut(t *table, groupby []string, more ...string) *table {
	return &table{path: t.path, at: t.at, fields: append(slices.Clone(groupby), more...)}
}

func (r *renderer) density(tr *transform, t *table) *table {
	as := []string{"value", "density"}
	if len(tr.as) == 2 {
		as = tr.as
	}
	out := groupOut(t, tr.groupby, as...)
	keys, parts := groupRows(t, tr.groupby)
	bw := numParam(tr.num["bandwidth"], 0)
	cumulative := boolParam(tr.num["cumulative"])
	counts := boolParam(tr.num["counts"])
	minsteps := int(numParam(tr.num["minsteps"], 25))
	maxsteps := int(numParam(tr.num["maxsteps"], 200))
	if s := numParam(tr.num["steps"], 0); s > 0 {
		minsteps, maxsteps = int(s), int(s)
	}
	var domain []float64
	if e := tr.num["extent"]; e != nil && len(e.items) == 2 {
		domain = []float64{e.items[0].num, e.items[1].num}
	}
	// Vega-Lite asks for a shared extent and steps unless resolve is "independent".
	if rv := tr.num["resolve"]; rv == nil || rv.str != "independent" {
		if domain == nil {
			all := r.numbersOf(t, t.rows, tr.field)
			if len(all) > 0 {
				domain = []float64{slices.Min(all), slices.Max(all)}
			}
		}
		s := numParam(tr.num["steps"], float64(maxsteps))
		minsteps, maxsteps = int(s), int(s)
	}
	for gi, rows := range parts {
		xs := r.numbersOf(t, rows, tr.field)
		if len(xs) == 0 {
			continue
		}
		h := bw
		if h <= 0 {
			h = estimateBandwidth(xs)
		}
		f := func(x float64) float64 {
			s := 0.0
			for _, d := range xs {
				z := (x - d) / h
				if cumulative {
					s += 0.5 * math.Erfc(-z/math.Sqrt2)
				} else {
					s += math.Exp(-z*z/2) / math.Sqrt(2*math.Pi)
				}
			}
			if cumulative {
				return s / float64(len(xs))
			}
			return s / (float64(len(xs)) * h)
		}
		local := domain
		if local == nil {
			local = []float64{slices.Min(xs), slices.Max(xs)}
		}
		scale := 1.0
		if counts {
			scale = float64(len(rows))
		}
		for _, p := range sampleCurve(f, local[0], local[1], minsteps, maxsteps) {
			nr := slices.Clone(keys[gi])
			nr = append(nr, xNumber(p[0]).toCell(tr.at), xNumber(p[1]*scale).toCell(tr.at))
			out.rows = append(out.rows, nr)
		}
	}
	return out
}

func numParam(n *node, def float64) float64 {
	if n != nil && n.kind == numNode {
		return n.num
	}
	return def
}

func boolParam(n *node) bool { return n != nil && n.kind == boolNode && n.b }

// estimateBandwidth is Scott's rule as Vega applies it.
func estimateBandwidth(xs []float64) float64 {
	n := float64(len(xs))
	mean := 0.0
	for _, x := range xs {
		mean += x
	}
	mean /= n
	dev := 0.0
	for _, x := range xs {
		dev += (x - mean) * (x - mean)
	}
	d := 0.0
	if n > 1 {
		d = math.Sqrt(dev / (n - 1))
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	q1, q3 := quantileSorted(s, 0.25), quantileSorted(s, 0.75)
	h := (q3 - q1) / 1.34
	v := math.Min(d, h)
	if v == 0 || math.IsNaN(v) {
		v = d
	}
	if v == 0 || math.IsNaN(v) {
		v = math.Abs(q1)
	}
	if v == 0 || math.IsNaN(v) {
		v = 1
	}
	return 1.06 * v * math.Pow(n, -0.2)
}

// sampleCurve is vega-statistics' sampleCurve: points of f over [x0, x1],
// finer where it bends.
func sampleCurve(f func(float64) float64, x0, x1 float64, minSteps, maxSteps int) [][2]float64 {
	if minSteps <= 0 {
		minSteps = 25
	}
	maxSteps = max(minSteps, maxSteps)
	point := func(x float64) [2]float64 { return [2]float64{x, f(x)} }
	span := x1 - x0
	stop := span / float64(maxSteps)
	prev := [][2]float64{point(x0)}
	if minSteps == maxSteps {
		for i := 1; i < maxSteps; i++ {
			prev = append(prev, point(x0+float64(i)/float64(minSteps)*span))
		}
		return append(prev, point(x1))
	}
	next := [][2]float64{point(x1)}
	for i := minSteps - 1; i > 0; i-- {
		next = append(next, point(x0+float64(i)/float64(minSteps)*span))
	}
	p0 := prev[0]
	p1 := next[len(next)-1]
	sx := 1 / span
	ymin, ymax := p0[1], p0[1]
	for _, p := range next {
		ymin, ymax = math.Min(ymin, p[1]), math.Max(ymax, p[1])
	}
	sy := 1 / (ymax - ymin)
	const minRadians = 0.5 * math.Pi / 180
	for len(next) > 0 && len(prev) < 100000 {
		p1 = next[len(next)-1]
		pm := point((p0[0] + p1[0]) / 2)
		dx := pm[0]-p0[0] >= stop
		a0 := math.Atan2(sy*(p1[1]-p0[1]), sx*(p1[0]-p0[0]))
		a1 := math.Atan2(sy*(pm[1]-p0[1]), sx*(pm[0]-p0[0]))
		if dx && math.Abs(a0-a1) > minRadians {
			next = append(next, pm)
		} else {
			p0 = p1
			prev = append(prev, p1)
			next = next[:len(next)-1]
		}
	}
	return prev
}

func (r *renderer) regression(tr *transform, t *table) *table {
	on := ""
	if n := tr.num["on"]; n != nil {
		on = n.str
	}
	as := []string{on, tr.field}
	if len(tr.as) == 2 {
		as = tr.as
	}
	out := groupOut(t, tr.groupby, as...)
	keys, parts := groupRows(t, tr.groupby)
	method := "linear"
	if m := tr.num["method"]; m != nil && tr.op == "regression" {
		method = m.str
	}
	order := int(numParam(tr.num["order"], 3))
	var extent []float64
	if e := tr.num["extent"]; e != nil && len(e.items) == 2 {
		extent = []float64{e.items[0].num, e.items[1].num}
	}
	xget, yget := t.getter(on), t.getter(tr.field)
	for gi, rows := range parts {
		var xs, ys []float64
		for _, row := range rows {
			x, y := cellValue(xget(row)), cellValue(yget(row))
			if !x.valid() || !y.valid() {
				continue
			}
			fx, fy := x.num(), y.num()
			if math.IsNaN(fx) || math.IsNaN(fy) {
				continue
			}
			xs, ys = append(xs, fx), append(ys, fy)
		}
		if len(xs) == 0 {
			continue
		}
		var pts [][2]float64
		if tr.op == "loess" {
			pts = loess(xs, ys, numParam(tr.num["bandwidth"], 0.3))
		} else {
			dom := extent
			if dom == nil {
				dom = []float64{slices.Min(xs), slices.Max(xs)}
			}
			predict := fitRegression(method, order, xs, ys)
			if predict == nil {
				r.specError(tr.at, "linear, log, exp, pow, quad or poly", "regression method %q is not known", method)
				return nil
			}
			if method == "linear" || method == "constant" {
				pts = [][2]float64{{dom[0], predict(dom[0])}, {dom[1], predict(dom[1])}}
			} else {
				pts = sampleCurve(predict, dom[0], dom[1], 25, 200)
			}
		}
		for _, p := range pts {
			nr := slices.Clone(keys[gi])
			nr = append(nr, xNumber(p[0]).toCell(tr.at), xNumber(p[1]).toCell(tr.at))
			out.rows = append(out.rows, nr)
		}
	}
	return out
}

// fitRegression fits the model by least squares, as vega-statistics'
// regressions do.
func fitRegression(method string, order int, xs, ys []float64) func(float64) float64 {
	mean := func(v []float64) float64 {
		s := 0.0
		for _, x := range v {
			s += x
		}
		return s / float64(len(v))
	}
	linear := func(xs, ys []float64) (a, b float64) {
		ux, uy := mean(xs), mean(ys)
		var sxy, sxx float64
		for i := range xs {
			dx := xs[i] - ux
			sxy += dx * (ys[i] - uy)
			sxx += dx * dx
		}
		if math.Abs(sxx) < 1e-24 {
			return uy, 0
		}
		b = sxy / sxx
		return uy - b*ux, b
	}
	switch method {
	case "linear":
		a, b := linear(xs, ys)
		return func(x float64) float64 { return a + b*x }
	case "log":
		lx := make([]float64, len(xs))
		for i, x := range xs {
			lx[i] = math.Log(x)
		}
		a, b := linear(lx, ys)
		return func(x float64) float64 { return a + b*math.Log(x) }
	case "exp":
		// Weighted as Vega does: ln y weighted by y.
		var sy, sxy, sx2y, sylny, sxylny float64
		for i := range xs {
			x, y := xs[i], ys[i]
			if y <= 0 {
				continue
			}
			ly := math.Log(y)
			sy += y
			sxy += x * y
			sx2y += x * x * y
			sylny += y * ly
			sxylny += x * y * ly
		}
		den := sy*sx2y - sxy*sxy
		a := math.Exp((sx2y*sylny - sxy*sxylny) / den)
		b := (sy*sxylny - sxy*sylny) / den
		return func(x float64) float64 { return a * math.Exp(b*x) }
	case "pow":
		var lx, ly []float64
		for i := range xs {
			if xs[i] > 0 && ys[i] > 0 {
				lx, ly = append(lx, math.Log(xs[i])), append(ly, math.Log(ys[i]))
			}
		}
		a, b := linear(lx, ly)
		return func(x float64) float64 { return math.Exp(a) * math.Pow(x, b) }
	case "quad":
		order = 2
		fallthrough
	case "poly":
		coef := polyFit(xs, ys, order)
		return func(x float64) float64 {
			s, p := 0.0, 1.0
			for _, c := range coef {
				s += c * p
				p *= x
			}
			return s
		}
	case "constant":
		m := mean(ys)
		return func(float64) float64 { return m }
	}
	return nil
}

// polyFit solves the normal equations for a polynomial of the order.
func polyFit(xs, ys []float64, order int) []float64 {
	k := order + 1
	a := make([][]float64, k)
	for i := range a {
		a[i] = make([]float64, k+1)
	}
	for n := range xs {
		pw := make([]float64, 2*k)
		pw[0] = 1
		for i := 1; i < 2*k; i++ {
			pw[i] = pw[i-1] * xs[n]
		}
		for i := range k {
			for j := range k {
				a[i][j] += pw[i+j]
			}
			a[i][k] += pw[i] * ys[n]
		}
	}
	for c := range k {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		if a[c][c] == 0 {
			continue
		}
		for r := range k {
			if r != c {
				f := a[r][c] / a[c][c]
				for j := c; j <= k; j++ {
					a[r][j] -= f * a[c][j]
				}
			}
		}
	}
	out := make([]float64, k)
	for i := range k {
		if a[i][i] != 0 {
			out[i] = a[i][k] / a[i][i]
		}
	}
	return out
}

// loess is vega-statistics' locally weighted regression.
func loess(xs, ys []float64, bandwidth float64) [][2]float64 {
	n := len(xs)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmpLess(xs[a], xs[b]) })
	ux, uy := 0.0, 0.0
	for i := range xs {
		ux += xs[i]
		uy += ys[i]
	}
	ux /= float64(n)
	uy /= float64(n)
	xv, yv := make([]float64, n), make([]float64, n)
	for k, i := range idx {
		xv[k], yv[k] = xs[i]-ux, ys[i]-uy
	}
	bw := max(2, int(bandwidth*float64(n)))
	yhat := make([]float64, n)
	res := make([]float64, n)
	robust := make([]float64, n)
	for i := range robust {
		robust[i] = 1
	}
	const epsilon = 1e-12
	tricube := func(x float64) float64 { x = 1 - x*x*x; return x * x * x }
	for iter := 0; iter <= 2; iter++ {
		i0, i1 := 0, min(bw-1, n-1)
		for i := range n {
			dx := xv[i]
			edge := i1
			if dx-xv[i0] > xv[i1]-dx {
				edge = i0
			}
			var W, X, Y, XY, X2 float64
			den := math.Abs(xv[edge] - dx)
			if den == 0 {
				den = 1
			}
			den = 1 / den
			for k := i0; k <= i1; k++ {
				xk, yk := xv[k], yv[k]
				w := tricube(math.Abs(dx-xk)*den) * robust[k]
				xkw := xk * w
				W += w
				X += xkw
				Y += yk * w
				XY += yk * xkw
				X2 += xk * xkw
			}
			mx, my, mxy, mx2 := X/W, Y/W, XY/W, X2/W
			delta := mx2 - mx*mx
			slope := 0.0
			if math.Abs(delta) >= 1e-24 {
				slope = (mxy - mx*my) / delta
			}
			yhat[i] = my - slope*mx + slope*dx
			res[i] = math.Abs(yv[i] - yhat[i])
			// Move the window right while that brings it closer.
			if i+1 < n {
				val := xv[i+1]
				left, right := i0, i1+1
				for right < n && i+1 > left && xv[right]-val <= val-xv[left] {
					left++
					i0, i1 = left, right
					right++
				}
			}
		}
		if iter == 2 {
			break
		}
		s := slices.Clone(res)
		slices.Sort(s)
		med := quantileSorted(s, 0.5)
		if math.Abs(med) < epsilon {
			break
		}
		for i := range n {
			arg := res[i] / (6 * med)
			switch w := 1 - arg*arg; {
			case arg >= 1:
				robust[i] = epsilon
			case w > epsilon:
				robust[i] = w * w
			default:
				robust[i] = epsilon
			}
		}
	}
	var out [][2]float64
	cnt := 0
	for i := range n {
		v := xv[i] + ux
		if len(out) > 0 && out[len(out)-1][0] == v {
			cnt++
			out[len(out)-1][1] += (yhat[i] - out[len(out)-1][1]) / float64(cnt+1)
			continue
		}
		cnt = 0
		out = append(out, [2]float64{v, yhat[i]})
	}
	for i := range out {
		out[i][1] += uy
	}
	return out
}

func (r *renderer) quantile(tr *transform, t *table) *table {
	as := []string{"prob", "value"}
	if len(tr.as) == 2 {
		as = tr.as
	}
	var probs []float64
	if p := tr.num["probs"]; p != nil && p.kind == seqNode {
		for _, it := range p.items {
			probs = append(probs, it.num)
		}
	} else {
		step := numParam(tr.num["step"], 0.01)
		for v := step / 2; v < 1-1e-14; v += step {
			probs = append(probs, v)
		}
	}
	out := groupOut(t, tr.groupby, as...)
	keys, parts := groupRows(t, tr.groupby)
	for gi, rows := range parts {
		xs := r.numbersOf(t, rows, tr.field)
		slices.Sort(xs)
		for _, p := range probs {
			nr := slices.Clone(keys[gi])
			nr = append(nr, xNumber(p).toCell(tr.at), xNumber(quantileSorted(xs, p)).toCell(tr.at))
			out.rows = append(out.rows, nr)
		}
	}
	return out
}

// imputeTable adds, for each group, a row for every key value the group
// lacks, with the field given a value or a statistic of the group.
func (r *renderer) imputeTable(tr *transform, t *table) *table {
	key := ""
	if k := tr.num["key"]; k != nil {
		key = k.str
	}
	if key == "" {
		r.specError(tr.at, "", `impute needs a "key"`)
		return nil
	}
	keyGet := t.getter(key)
	var keyvals []cell
	seen := map[string]bool{}
	if kv := tr.num["keyvals"]; kv != nil && kv.kind == seqNode {
		for _, it := range kv.items {
			c := nodeCell(it)
			if !seen[groupKey(c)] {
				seen[groupKey(c)] = true
				keyvals = append(keyvals, c)
			}
		}
	} else {
		for _, row := range t.rows {
			c := keyGet(row)
			if !seen[groupKey(c)] {
				seen[groupKey(c)] = true
				keyvals = append(keyvals, c)
			}
		}
	}
	method := "value"
	if m := tr.num["method"]; m != nil {
		method = m.str
	}
	value := cell{kind: nullNode}
	if v := tr.num["value"]; v != nil {
		value = nodeCell(v)
	}
	out := t.withFields()
	out.rows = slices.Clone(t.rows)
	keys, parts := groupRows(t, tr.groupby)
	for gi, rows := range parts {
		have := map[string]bool{}
		for _, row := range rows {
			have[groupKey(keyGet(row))] = true
		}
		fill := value
		if method != "value" {
			fill = r.aggValueCell(t, rows, aggSpec{op: method, field: tr.field}, tr.at)
		}
		for _, kv := range keyvals {
			if have[groupKey(kv)] {
				continue
			}
			nr := out.copyRow(nil)
			for i, g := range tr.groupby {
				nr = out.set(nr, g, keys[gi][i])
			}
			nr = out.set(nr, key, kv)
			nr = out.set(nr, tr.field, fill)
			out.rows = append(out.rows, nr)
		}
	}
	return out
}

// stackTable is the stack transform: per group, each row's start and end
// along the field, from zero, centred or normalized.
func (r *renderer) stackTable(tr *transform, t *table) *table {
	as := []string{tr.field + "_start", tr.field + "_end"}
	if len(tr.as) == 2 {
		as = tr.as
	}
	offset := "zero"
	if o := tr.num["offset"]; o != nil {
		offset = o.str
	}
	out := t.withFields(as...)
	get := t.getter(tr.field)
	_, parts := groupRows(t, tr.groupby)
	cmpf := r.sorter(t, tr.sort)
	// The widest stack, for centring.
	maxSum := 0.0
	sums := make([]float64, len(parts))
	for gi, rows := range parts {
		for _, row := range rows {
			sums[gi] += math.Abs(cellValue(get(row)).num0())
		}
		maxSum = math.Max(maxSum, sums[gi])
	}
	s0, s1 := out.colOf(as[0]), out.colOf(as[1])
	for gi, rows := range parts {
		rows = slices.Clone(rows)
		if cmpf != nil {
			slices.SortStableFunc(rows, cmpf)
		}
		pos, neg := 0.0, 0.0
		last := 0.0
		switch offset {
		case "center":
			last = (maxSum - sums[gi]) / 2
		}
		for _, row := range rows {
			v := cellValue(get(row)).num0()
			nr := out.copyRow(row)
			var a, b float64
			switch offset {
			case "normalize":
				scale := 0.0
				if sums[gi] != 0 {
					scale = 1 / sums[gi]
				}
				a = last
				last += scale * math.Abs(v)
				b = last
			case "center":
				a = last
				last += math.Abs(v)
				b = last
			default:
				if v < 0 {
					a = neg
					neg += v
					b = neg
				} else {
					a = pos
					pos += v
					b = pos
				}
			}
			nr[s0], nr[s1] = xNumber(a).toCell(tr.at), xNumber(b).toCell(tr.at)
			out.rows = append(out.rows, nr)
		}
	}
	return out
}

// num0 is +v || 0.
func (v xv) num0() float64 {
	f := v.num()
	if math.IsNaN(f) {
		return 0
	}
	return f
}
