package chart

import (
	"math"
	"slices"
)

// Aggregate operations as Vega computes them (vega-transforms'
// AggregateOps): count counts records; the others take the valid values
// (not null, undefined or NaN), read as numbers.
var aggregateOps = []string{"argmax", "argmin", "average", "ci0", "ci1", "count", "distinct", "exponential", "exponentialb", "max", "mean", "median", "min", "missing", "product", "q1", "q3", "stderr", "stdev", "stdevp", "sum", "valid", "values", "variance", "variancep"}

// aggInput is one group's values of a field: all records' values.
type aggInput struct {
	vals  []xv
	rows  [][]cell // the records, for argmin, argmax and values
	param float64  // exponential's rate
}

// aggValue computes op over a group. ok false is undefined (no value).
func aggValue(op string, in *aggInput) (xv, bool) {
	switch op {
	case "count":
		return xNumber(float64(len(in.vals))), true
	case "missing":
		n := 0
		for _, v := range in.vals {
			if v.k == xUndef || v.k == xNull || v.k == xStr && v.s == "" {
				n++
			}
		}
		return xNumber(float64(n)), true
	case "distinct":
		seen := map[string]bool{}
		for _, v := range in.vals {
			seen[v.typeOf()+"\x00"+v.str()] = true
		}
		return xNumber(float64(len(seen))), true
	case "values":
		out := make([]xv, 0, len(in.vals))
		for _, v := range in.vals {
			out = append(out, v)
		}
		return xArray(out), true
	}
	var nums []float64
	var idx []int
	for i, v := range in.vals {
		if v.k == xUndef || v.k == xNull || v.k == xStr && v.s == "" {
			continue
		}
		f := v.num()
		if math.IsNaN(f) {
			continue
		}
		nums = append(nums, f)
		idx = append(idx, i)
	}
	n := float64(len(nums))
	switch op {
	case "valid":
		return xNumber(n), true
	case "sum":
		s := 0.0
		for _, x := range nums {
			s += x
		}
		return xNumber(s), len(nums) > 0
	case "product":
		p := 1.0
		for _, x := range nums {
			p *= x
		}
		return xNumber(p), len(nums) > 0
	}
	if len(nums) == 0 {
		return xv{}, false
	}
	mean, dev := 0.0, 0.0
	for i, x := range nums {
		d := x - mean
		mean += d / float64(i+1)
		dev += d * (x - mean)
	}
	switch op {
	case "mean", "average":
		return xNumber(mean), true
	case "variance":
		return xNumber(math.Max(0, dev) / (n - 1)), n > 1
	case "variancep":
		return xNumber(math.Max(0, dev) / n), true
	case "stdev":
		return xNumber(math.Sqrt(math.Max(0, dev) / (n - 1))), n > 1
	case "stdevp":
		return xNumber(math.Sqrt(math.Max(0, dev) / n)), true
	case "stderr":
		return xNumber(math.Sqrt(math.Max(0, dev) / (n * (n - 1)))), n > 1
	case "min", "max", "argmin", "argmax":
		best := 0
		for i := range nums {
			if (op == "min" || op == "argmin") && nums[i] < nums[best] || (op == "max" || op == "argmax") && nums[i] > nums[best] {
				best = i
			}
		}
		if op == "min" || op == "max" {
			// The value as it was: a date stays a date.
			v := in.vals[idx[best]]
			if v.k == xStr {
				return xNumber(nums[best]), true
			}
			return v, true
		}
		if in.rows == nil {
			return xv{}, false
		}
		return rowXV(in.rows[idx[best]]), true
	case "median", "q1", "q3":
		p := map[string]float64{"median": 0.5, "q1": 0.25, "q3": 0.75}[op]
		s := slices.Clone(nums)
		slices.Sort(s)
		return xNumber(quantileSorted(s, p)), true
	case "ci0", "ci1":
		lo, hi := bootstrapCI(nums, 1000, 0.05)
		if op == "ci0" {
			return xNumber(lo), true
		}
		return xNumber(hi), true
	case "exponential", "exponentialb":
		r := in.param
		e := 0.0
		for _, x := range nums {
			e = r*e + x
		}
		if op == "exponentialb" {
			return xNumber(e * (1 - r)), true
		}
		return xNumber(e * (1 - r) / (1 - math.Pow(r, n))), true
	}
	return xv{}, false
}

// rowXV is a record as an object, for argmin and argmax; its fields are
// filled in by the caller that knows their names.
func rowXV(row []cell) xv {
	return xv{k: xObj, ref: &xobj{vals: cellsXV(row)}}
}

func cellsXV(row []cell) []xv {
	out := make([]xv, len(row))
	for i, c := range row {
		out[i] = cellValue(c)
	}
	return out
}

// quantileSorted is d3.quantileSorted (the R-7 method).
func quantileSorted(s []float64, p float64) float64 {
	n := len(s)
	if n == 0 {
		return math.NaN()
	}
	if p <= 0 || n < 2 {
		return s[0]
	}
	if p >= 1 {
		return s[n-1]
	}
	i := float64(n-1) * p
	i0 := int(math.Floor(i))
	return s[i0] + (s[i0+1]-s[i0])*(i-float64(i0))
}

// bootstrapCI is Vega's bootstrap confidence interval of the mean, with a
// fixed random sequence so that a chart draws the same every time.
func bootstrapCI(xs []float64, samples int, alpha float64) (float64, float64) {
	n := len(xs)
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	rnd := &lcg{state: 0x9E3779B97F4A7C15}
	means := make([]float64, samples)
	for i := range means {
		s := 0.0
		for range n {
			s += xs[int(rnd.float()*float64(n))]
		}
		means[i] = s / float64(n)
	}
	slices.Sort(means)
	return quantileSorted(means, alpha/2), quantileSorted(means, 1-alpha/2)
}
