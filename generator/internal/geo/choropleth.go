package geo

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Scale chooses the class breaks when ChoroplethOptions.Breaks is empty.
type Scale int

const (
	Quantiles Scale = iota // five classes holding about as many countries each
	Nice                   // five equal classes between round numbers
)

// ChoroplethOptions are the choices a choropleth takes; the zero value is
// an English map with quantile classes.
type ChoroplethOptions struct {
	Lang        string // BCP 47 language of the page: names, numbers, words, legend side
	Title       string // accessible name of the map (the <title>); default LegendTitle
	Desc        string // accessible description; default a summary of the data
	LegendTitle string // line above the legend ("% of individuals")
	Scale       Scale
	Breaks      []float64         // the four ascending thresholds between five classes; overrides Scale
	Years       map[string]string // alpha-2 → year of its value, shown in the country's title
	// Label writes a value as the country's title shows it ("65.0%");
	// default Format.
	Label func(code string, v float64) string
	// Format writes the numbers of the legend; default the language's
	// digits, as precise as the breaks need.
	Format func(v float64) string
	NoData string // default "no data" in Lang
	ID     string // prefix of element ids, unique within the page; default a hash of the content
}

// Ramp colours: fallbacks of --map-1 … --map-5, a sequential blue ramp
// (ColorBrewer Blues, lightest step dropped so it shows on white) whose
// lightness falls steadily, so it reads in every kind of colour blindness.
var ramp = [5]string{"#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"}

const (
	colorMuted  = "var(--map-muted, #e3e7eb)"
	colorBorder = "var(--map-border, #fff)"
	colorText   = "var(--map-text, currentColor)"
)

func classColor(i int) string { return fmt.Sprintf("var(--map-%d, %s)", i+1, ramp[i]) }

// Choropleth draws values (ISO 3166-1 alpha-2 → value) on the map, in five
// classes with a legend; countries in view without a value are hatched and
// called "no data". On a region map only the region's values are drawn.
func Choropleth(m *Map, values map[string]float64, opt ChoroplethOptions) ([]byte, error) {
	if err := checkValues(values, opt.Breaks); err != nil {
		return nil, err
	}
	return minifySVG(m.choropleth(values, opt))
}

func checkValues(values map[string]float64, breaks []float64) error {
	var problems []string
	codes := make([]string, 0, len(values))
	for c, v := range values {
		codes = append(codes, c)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			problems = append(problems, fmt.Sprintf("%s has value %v", c, v))
		}
	}
	if err := checkCodes(codes); err != nil {
		problems = append(problems, strings.TrimPrefix(err.Error(), "geo: "))
	}
	if breaks != nil && (len(breaks) != 4 || !slices.IsSorted(breaks) || slices.ContainsFunc(breaks, func(b float64) bool { return math.IsNaN(b) || math.IsInf(b, 0) })) {
		problems = append(problems, fmt.Sprintf("breaks %v are not four ascending numbers", breaks))
	}
	if problems == nil {
		return nil
	}
	slices.Sort(problems)
	return fmt.Errorf("geo: %s", strings.Join(problems, "; "))
}

// choropleth draws the pretty SVG.
func (m *Map) choropleth(values map[string]float64, opt ChoroplethOptions) []byte {
	w := wordsFor(opt.Lang)
	noData := opt.NoData
	if noData == "" {
		noData = w.NoData
	}
	inFocus := func(code string) bool { return code != "" && (m.focus == nil || m.focus[code]) }
	var shown []float64
	lowest, highest := "", ""
	for _, s := range m.shapes {
		if v, ok := values[s.code]; ok && inFocus(s.code) {
			shown = append(shown, v)
			if lowest == "" || v < values[lowest] {
				lowest = s.code
			}
			if highest == "" || v > values[highest] {
				highest = s.code
			}
		}
	}
	slices.Sort(shown)

	breaks, digits := opt.Breaks, decimals(opt.Breaks)
	if breaks == nil {
		breaks, digits = classBreaks(shown, opt.Scale)
	}
	breaks = slices.Compact(slices.Clone(breaks))
	format := opt.Format
	if format == nil {
		format = numberFormat(opt.Lang, digits)
	}
	label := opt.Label
	if label == nil {
		// Whole numbers (counts) are labelled as such, whatever precision
		// the legend's breaks need.
		valueFormat := format
		if opt.Format == nil && allWhole(shown) {
			valueFormat = numberFormat(opt.Lang, 0)
		}
		label = func(_ string, v float64) string { return valueFormat(v) }
	}
	colors := classColors(len(breaks) + 1)
	class := func(v float64) int {
		i := 0
		for i < len(breaks) && breaks[i] <= v {
			i++
		}
		return i
	}

	id := idPrefix(opt.ID, "choropleth", fmt.Sprint(m.width, m.height, len(m.shapes), m.focus), fmt.Sprint(sortedValues(values)), opt.Lang, opt.Title)
	hatch := "url(#" + id + "-nd)"

	// Draw order: context, then the countries in focus, then those with a
	// marker, so small countries sit on top of their neighbours.
	type item struct {
		s      shape
		fill   string
		title  string
		marker bool
		layer  int
	}
	var items []item
	missing := 0
	for _, s := range m.shapes {
		it := item{s: s}
		v, has := values[s.code]
		switch {
		case !inFocus(s.code):
			it.fill = colorMuted
			if s.code != "" {
				it.title = countryName(s.code, opt.Lang)
			}
		case has:
			it.fill = colors[class(v)]
			it.title = countryName(s.code, opt.Lang) + ": " + label(s.code, v)
			if y := opt.Years[s.code]; y != "" {
				it.title += " (" + y + ")"
			}
			it.marker = s.tiny
		default:
			missing++
			it.fill = hatch
			it.title = countryName(s.code, opt.Lang) + ": " + noData
			it.marker = s.tiny && len(regionsOf()[s.code]) > 0 // members stay visible, territories need not
		}
		switch {
		case it.marker:
			it.layer = 2
		case inFocus(s.code):
			it.layer = 1
		}
		if len(s.poly) == 0 && !it.marker {
			continue
		}
		items = append(items, it)
	}
	slices.SortStableFunc(items, func(a, b item) int {
		if a.layer != b.layer {
			return a.layer - b.layer
		}
		if (a.s.code == "") != (b.s.code == "") { // unnamed land first
			if a.s.code == "" {
				return -1
			}
			return 1
		}
		return strings.Compare(a.s.code, b.s.code)
	})

	var noDataItem legendItem
	if missing > 0 {
		noDataItem = legendItem{hatch, noData}
	}
	legend := legendItems(breaks, colors, format, shown, noDataItem)
	lay := layoutLegend(legend, opt.LegendTitle, m.width, m.height, rtl(opt.Lang))

	title, desc := opt.Title, opt.Desc
	if title == "" {
		title = opt.LegendTitle
	}
	if desc == "" && len(shown) > 0 {
		count := numberFormat(opt.Lang, 0)
		if values[lowest] == values[highest] {
			desc = fill(w.DescSame, "n", count(float64(len(shown))), "value", label(lowest, values[lowest]), "missing", count(float64(missing)))
		} else {
			desc = fill(w.Desc, "n", count(float64(len(shown))), "min", label(lowest, values[lowest]), "max", label(highest, values[highest]), "missing", count(float64(missing)))
		}
	}

	var sw svgWriter
	sw.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 "+num(m.width)+" "+num(lay.height),
		"role", "img", "aria-labelledby", labelledBy(id, title, desc), "lang", opt.Lang, "class", "geo-map")
	if title != "" {
		sw.text("title", title, "id", id+"-t")
	}
	if desc != "" {
		sw.text("desc", desc, "id", id+"-d")
	}
	writeHatch(&sw, id+"-nd")
	sw.open("g", "stroke", colorBorder, "stroke-width", "0.5", "stroke-linejoin", "round")
	for _, it := range items {
		d := pathData(it.s.poly)
		if it.marker {
			d += circleData(it.s.anchor, 3.5)
		}
		sw.titled("path", it.title, "d", d, "fill", it.fill)
	}
	sw.close("g")
	lay.write(&sw)
	sw.close("svg")
	return sw.b.Bytes()
}

func labelledBy(id, title, desc string) string {
	var ids []string
	if title != "" {
		ids = append(ids, id+"-t")
	}
	if desc != "" {
		ids = append(ids, id+"-d")
	}
	return strings.Join(ids, " ")
}

// writeHatch defines the no-data pattern: light ground, diagonal lines, both
// themable, so it shows on light and dark pages.
func writeHatch(sw *svgWriter, id string) {
	sw.open("defs")
	sw.open("pattern", "id", id, "width", "6", "height", "6", "patternUnits", "userSpaceOnUse", "patternTransform", "rotate(45)")
	sw.leaf("rect", "width", "6", "height", "6", "fill", "var(--map-nodata, #f1f3f5)")
	sw.leaf("path", "d", "M1.5 0v6", "stroke", "var(--map-hatch, #8a949e)", "stroke-width", "1.5")
	sw.close("pattern")
	sw.close("defs")
}

func sortedValues(values map[string]float64) []string {
	out := make([]string, 0, len(values))
	for c, v := range values {
		out = append(out, c+"="+strconv.FormatFloat(v, 'g', -1, 64))
	}
	slices.Sort(out)
	return out
}

// classColors spreads n classes over the five ramp colours.
func classColors(n int) []string {
	if n == 1 {
		return []string{classColor(2)}
	}
	out := make([]string, n)
	for i := range out {
		out[i] = classColor(int(math.Round(float64(i) * 4 / float64(n-1))))
	}
	return out
}

// classBreaks computes four thresholds from the sorted values, rounded to
// a step that suits their range, and the decimals that step needs.
func classBreaks(sorted []float64, scale Scale) ([]float64, int) {
	if len(sorted) == 0 {
		return nil, 0
	}
	lo, hi := sorted[0], sorted[len(sorted)-1]
	if lo == hi {
		return nil, decimals([]float64{lo})
	}
	if scale == Nice {
		step := niceStep((hi - lo) / 5)
		for {
			start := math.Floor(lo/step) * step
			if start+5*step >= hi {
				out := make([]float64, 4)
				for i := range out {
					out[i] = roundTo(start+float64(i+1)*step, step)
				}
				return out, stepDecimals(step)
			}
			step = niceStep(step * 1.01)
		}
	}
	step := math.Pow(10, math.Floor(math.Log10((hi-lo)/20)))
	out := make([]float64, 4)
	for i := range out {
		out[i] = roundTo(quantile(sorted, float64(i+1)/5), step)
	}
	return out, decimals(out)
}

// quantile interpolates between the closest ranks (Hyndman & Fan type 7).
func quantile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	i := int(math.Floor(h))
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}

// niceStep is the smallest 1, 2, 2.5 or 5 times a power of ten ≥ v.
func niceStep(v float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*p >= v*(1-1e-9) {
			return f * p
		}
	}
	return 10 * p
}

func roundTo(v, step float64) float64 {
	r := math.Round(v/step) * step
	d := stepDecimals(step)
	r, _ = strconv.ParseFloat(strconv.FormatFloat(r, 'f', d, 64), 64) // no 0.30000000000000004
	return r
}

func stepDecimals(step float64) int {
	for d := 0; d < 6; d++ {
		if s := step * math.Pow(10, float64(d)); math.Abs(s-math.Round(s)) < 1e-9 {
			return d
		}
	}
	return 6
}

// decimals is how many decimals the numbers need, three at most.
func decimals(vs []float64) int {
	d := 0
	for _, v := range vs {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			d = max(d, len(s)-i-1)
		}
	}
	return min(d, 3)
}

type legendItem struct{ fill, label string }

// legendItems lists the classes ("< 20", "20–40", …, "≥ 80") and no data;
// values that make a single class are shown as their range.
func allWhole(vs []float64) bool {
	for _, v := range vs {
		if v != math.Trunc(v) {
			return false
		}
	}
	return true
}

func legendItems(breaks []float64, colors []string, format func(float64) string, shown []float64, noData legendItem) []legendItem {
	var items []legendItem
	switch {
	case len(breaks) > 0:
		items = append(items, legendItem{colors[0], "< " + format(breaks[0])})
		for i := 1; i < len(breaks); i++ {
			items = append(items, legendItem{colors[i], format(breaks[i-1]) + "–" + format(breaks[i])})
		}
		items = append(items, legendItem{colors[len(breaks)], "≥ " + format(breaks[len(breaks)-1])})
	case len(shown) > 0:
		lo, hi := format(shown[0]), format(shown[len(shown)-1])
		if lo != hi {
			lo += "–" + hi
		}
		items = append(items, legendItem{colors[0], lo})
	}
	if noData.label != "" {
		items = append(items, noData)
	}
	return items
}

// Legend geometry, in viewBox units. The font is 3% of the map's width:
// about 10 px on a 360 px phone, 20 px in a 700 px column.
const (
	legendFont   = 19
	legendPad    = 8
	swatchW      = 26
	swatchH      = 16
	swatchGap    = 6
	itemGap      = 18
	legendRow    = 28
	legendTopGap = 10
)

type legendLayout struct {
	height    float64
	title     string
	titleX    float64
	titleY    float64
	direction string
	rows      []placed
}

type placed struct {
	item         legendItem
	rectX, rectY float64
	textX, textY float64
}

// layoutLegend flows the legend items in rows under the map, from the left,
// or from the right for right-to-left languages.
func layoutLegend(items []legendItem, title string, width, mapHeight float64, rightToLeft bool) legendLayout {
	l := legendLayout{title: title, direction: "ltr"}
	if len(items) == 0 && title == "" {
		l.height = mapHeight
		return l
	}
	mirror := func(x float64) float64 {
		if rightToLeft {
			return width - x
		}
		return x
	}
	if rightToLeft {
		l.direction = "rtl" // text-anchor start is then the right end
	}
	y := mapHeight + legendTopGap
	if title != "" {
		l.titleX, l.titleY = mirror(legendPad), y+legendFont
		y += legendRow
	}
	x := float64(legendPad)
	for _, it := range items {
		w := swatchW + swatchGap + textWidth(it.label, legendFont)
		if x > legendPad && x+w > width-legendPad {
			x = legendPad
			y += legendRow
		}
		p := placed{item: it, rectY: y + 3, textY: y + 3 + swatchH - 2}
		if rightToLeft {
			p.rectX = width - x - swatchW
			p.textX = width - x - swatchW - swatchGap
		} else {
			p.rectX = x
			p.textX = x + swatchW + swatchGap
		}
		l.rows = append(l.rows, p)
		x += w + itemGap
	}
	l.height = math.Ceil(y + legendRow + legendPad)
	return l
}

func (l legendLayout) write(sw *svgWriter) {
	if l.title == "" && len(l.rows) == 0 {
		return
	}
	sw.open("g", "font-size", strconv.Itoa(legendFont), "fill", colorText, "direction", l.direction)
	if l.title != "" {
		sw.text("text", l.title, "x", num(l.titleX), "y", num(l.titleY), "font-weight", "bold")
	}
	for _, p := range l.rows {
		sw.leaf("rect", "x", num(p.rectX), "y", num(p.rectY), "width", strconv.Itoa(swatchW), "height", strconv.Itoa(swatchH),
			"fill", p.item.fill, "stroke", "var(--map-swatch-border, #8a949e)", "stroke-width", "0.5")
		sw.text("text", p.item.label, "x", num(p.textX), "y", num(p.textY))
	}
	sw.close("g")
}

// textWidth estimates how wide a label is: wide scripts take a full em.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			w += 1
		case r == ' ':
			w += 0.3
		default:
			w += 0.58
		}
	}
	return w * size
}
