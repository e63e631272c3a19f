package chart

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The tick and nice algorithms of d3-array and d3-scale, which Vega uses:
// the same domain and count give the same ticks.

var (
	e10 = math.Sqrt(50)
	e5  = math.Sqrt(10)
	e2  = math.Sqrt(2)
)

// tickSpec is d3's tickSpec: integer bounds i1..i2 and an increment inc,
// negative for a step of 1/-inc (steps below one are kept as integers to
// avoid float error).
func tickSpec(start, stop, count float64) (i1, i2, inc float64) {
	step := (stop - start) / math.Max(0, count)
	power := math.Floor(math.Log10(step))
	e := step / math.Pow(10, power)
	factor := 1.0
	switch {
	case e >= e10:
		factor = 10
	case e >= e5:
		factor = 5
	case e >= e2:
		factor = 2
	}
	if power < 0 {
		inc = math.Pow(10, -power) / factor
		i1, i2 = math.Round(start*inc), math.Round(stop*inc)
		if i1/inc < start {
			i1++
		}
		if i2/inc > stop {
			i2--
		}
		inc = -inc
	} else {
		inc = math.Pow(10, power) * factor
		i1, i2 = math.Round(start/inc), math.Round(stop/inc)
		if i1*inc < start {
			i1++
		}
		if i2*inc > stop {
			i2--
		}
	}
	if i2 < i1 && 0.5 <= count && count < 2 {
		return tickSpec(start, stop, count*2)
	}
	return
}

// d3Ticks is d3.ticks(start, stop, count).
func d3Ticks(start, stop float64, count int) []float64 {
	if count <= 0 || math.IsNaN(start) || math.IsNaN(stop) || math.IsInf(start, 0) || math.IsInf(stop, 0) {
		return nil
	}
	if start == stop {
		return []float64{start}
	}
	reverse := stop < start
	if reverse {
		start, stop = stop, start
	}
	i1, i2, inc := tickSpec(start, stop, float64(count))
	if !(i2 >= i1) || i2-i1 > 10000 {
		return nil
	}
	n := int(i2 - i1 + 1)
	ticks := make([]float64, n)
	for i := range n {
		k := i
		if reverse {
			k = n - 1 - i
		}
		if inc < 0 {
			ticks[i] = (i1 + float64(k)) / -inc
		} else {
			ticks[i] = (i1 + float64(k)) * inc
		}
	}
	return ticks
}

// tickIncrement is d3.tickIncrement.
func tickIncrement(start, stop float64, count int) float64 {
	_, _, inc := tickSpec(start, stop, float64(count))
	return inc
}

// tickStep is d3.tickStep.
func tickStep(start, stop float64, count int) float64 {
	reverse := stop < start
	var inc float64
	if reverse {
		inc = tickIncrement(stop, start, count)
	} else {
		inc = tickIncrement(start, stop, count)
	}
	s := inc
	if inc < 0 {
		s = 1 / -inc
	}
	if reverse {
		return -s
	}
	return s
}

// niceDomain is d3's linear scale.nice(count): the domain widened to
// whole steps of its ticks.
func niceDomain(lo, hi float64, count int) (float64, float64) {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return lo, hi
	}
	rev := hi < lo
	start, stop := lo, hi
	if rev {
		start, stop = hi, lo
	}
	prestep := math.NaN()
	for range 10 {
		step := tickIncrement(start, stop, count)
		if step == prestep {
			break
		}
		switch {
		case step > 0:
			start = math.Floor(start/step) * step
			stop = math.Ceil(stop/step) * step
		case step < 0:
			start = math.Ceil(start*step) / step
			stop = math.Floor(stop*step) / step
		default:
			if rev {
				return stop, start
			}
			return start, stop
		}
		prestep = step
	}
	if rev {
		return stop, start
	}
	return start, stop
}

// linearTickFormat is d3-scale's tickFormat for a linear scale: the
// specifier (default ",f") with a precision that tells the ticks apart
// when it gives none.
func linearTickFormat(lo, hi float64, count int, spec string) (d3Format, error) {
	if spec == "" {
		spec = ",f"
	}
	f, err := parseD3Format(spec)
	if err != nil {
		return f, err
	}
	if f.precision >= 0 {
		return f, nil
	}
	step := tickStep(lo, hi, count)
	switch f.typ {
	case 's':
		f.prefixOf = math.Max(math.Abs(lo), math.Abs(hi))
		f.prefixStep = step
		f.precision = precisionPrefix(step, f.prefixOf)
	case 0, 'e', 'g', 'p', 'r':
		if p := precisionRound(step, math.Max(math.Abs(lo), math.Abs(hi))); p >= 0 {
			f.precision = p
			if f.typ == 'e' {
				f.precision--
			}
		}
	case 'f', '%':
		p := precisionFixed(step)
		if f.typ == '%' {
			p -= 2
		}
		f.precision = max(p, 0)
	}
	return f, nil
}

// exponent is d3-format's exponent: the power of ten of x's first digit.
func exponent(x float64) int {
	x = math.Abs(x)
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	s := strconv.FormatFloat(x, 'e', -1, 64)
	e, _ := strconv.Atoi(s[strings.IndexByte(s, 'e')+1:])
	return e
}

func precisionFixed(step float64) int { return max(0, -exponent(math.Abs(step))) }

func precisionRound(step, max_ float64) int {
	step = math.Abs(step)
	max_ = math.Abs(max_) - step
	return max(0, exponent(max_)-exponent(step)) + 1
}

func precisionPrefix(step, value float64) int {
	e := max(-8, min(8, int(math.Floor(float64(exponent(value))/3)))) * 3
	return max(0, e-exponent(math.Abs(step)))
}

// Time ticks as d3-scale's time scale makes them: the interval (seconds
// to years, in d3's steps) whose length is nearest the span over count,
// then every date of it in the domain.

const (
	durSecond = 1000.0
	durMinute = 60 * durSecond
	durHour   = 60 * durMinute
	durDay    = 24 * durHour
	durWeek   = 7 * durDay
	durMonth  = 30 * durDay
	durYear   = 365 * durDay
)

var tickIntervals = []struct {
	unit string
	step int
	dur  float64
}{
	{"second", 1, durSecond}, {"second", 5, 5 * durSecond}, {"second", 15, 15 * durSecond}, {"second", 30, 30 * durSecond},
	{"minute", 1, durMinute}, {"minute", 5, 5 * durMinute}, {"minute", 15, 15 * durMinute}, {"minute", 30, 30 * durMinute},
	{"hour", 1, durHour}, {"hour", 3, 3 * durHour}, {"hour", 6, 6 * durHour}, {"hour", 12, 12 * durHour},
	{"day", 1, durDay}, {"day", 2, 2 * durDay},
	{"week", 1, durWeek},
	{"month", 1, durMonth}, {"month", 3, 3 * durMonth},
	{"year", 1, durYear},
}

// timeInterval is a d3 time interval with a step: floor, and offset.
type timeInterval struct {
	unit string
	step int
}

// tickTimeInterval is d3's tickInterval.
func tickTimeInterval(start, stop float64, count int) timeInterval {
	target := math.Abs(stop-start) / float64(count)
	i := 0
	for i < len(tickIntervals) && tickIntervals[i].dur <= target {
		i++
	}
	switch {
	case i == len(tickIntervals):
		k := tickStep(start/durYear, stop/durYear, count)
		return timeInterval{"year", max(int(math.Floor(k)), 1)}
	case i == 0:
		k := math.Max(tickStep(start, stop, count), 1)
		return timeInterval{"millisecond", int(k)}
	}
	t := tickIntervals[i]
	if target/tickIntervals[i-1].dur < t.dur/target {
		t = tickIntervals[i-1]
	}
	return timeInterval{t.unit, t.step}
}

// fieldOf is the number d3's every() steps through for a unit.
func fieldOf(unit string, t time.Time, ms float64) int {
	switch unit {
	case "millisecond":
		return int(ms)
	case "second":
		return t.Second()
	case "minute":
		return t.Minute()
	case "hour":
		return t.Hour()
	case "day":
		return t.Day() - 1
	case "month":
		return int(t.Month()) - 1
	case "year":
		return t.Year()
	}
	return 0
}

// rangeOf is interval.range(start, stop): the interval's dates from the
// first at or after start, before stop.
func (iv timeInterval) rangeOf(start, stop float64) []float64 {
	var out []float64
	if iv.unit == "millisecond" {
		k := float64(max(iv.step, 1))
		for v := math.Ceil(start/k) * k; v < stop && len(out) < 10000; v += k {
			out = append(out, v)
		}
		return out
	}
	if iv.unit == "year" {
		y := msTime(start).Year()
		y = int(math.Floor(float64(y)/float64(iv.step))) * iv.step
		v := timeMS(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
		if v < start {
			y += iv.step
		}
		for ; len(out) < 10000; y += iv.step {
			v := timeMS(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
			if v >= stop {
				break
			}
			out = append(out, v)
		}
		return out
	}
	v := floorTime(iv.unit, start)
	if v < start {
		v = offsetTime(iv.unit, v, 1)
	}
	for ; v < stop && len(out) < 10000; v = offsetTime(iv.unit, v, 1) {
		if iv.step > 1 && iv.unit != "week" && fieldOf(iv.unit, msTime(v), v)%iv.step != 0 {
			continue
		}
		out = append(out, v)
	}
	return out
}

// timeTicksMS is d3's time scale ticks(count) over [start, stop] in ms.
func timeTicksMS(start, stop float64, count int) []float64 {
	if count <= 0 || math.IsNaN(start) || math.IsNaN(stop) {
		return nil
	}
	rev := stop < start
	if rev {
		start, stop = stop, start
	}
	iv := tickTimeInterval(start, stop, count)
	out := iv.rangeOf(start, stop+1)
	if rev {
		slices.Reverse(out)
	}
	return out
}

// niceTime widens a time domain to the interval d3's nice() picks for it.
func niceTime(start, stop float64, count int) (float64, float64) {
	iv := tickTimeInterval(start, stop, count)
	if iv.unit == "millisecond" {
		k := float64(iv.step)
		return math.Floor(start/k) * k, math.Ceil(stop/k) * k
	}
	lo := iv.floor(start)
	hi := iv.floor(stop)
	if hi < stop {
		hi = iv.next(hi)
	}
	return lo, hi
}

func (iv timeInterval) floor(ms float64) float64 {
	if iv.unit == "year" {
		y := msTime(ms).Year()
		y = int(math.Floor(float64(y)/float64(iv.step))) * iv.step
		return timeMS(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	v := floorTime(iv.unit, ms)
	for iv.step > 1 && iv.unit != "week" && fieldOf(iv.unit, msTime(v), v)%iv.step != 0 {
		v = offsetTime(iv.unit, v, -1)
	}
	return v
}

func (iv timeInterval) next(ms float64) float64 {
	if iv.unit == "year" {
		return offsetTime("year", ms, iv.step)
	}
	v := offsetTime(iv.unit, ms, 1)
	for iv.step > 1 && iv.unit != "week" && fieldOf(iv.unit, msTime(v), v)%iv.step != 0 {
		v = offsetTime(iv.unit, v, 1)
	}
	return v
}
