package geo

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/itu-d/portal/generator/internal/vocab"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// internetUse reads testdata/internet-use.csv: individuals using the
// Internet (% of population), latest year to 2022 (World Bank IT.NET.USER.ZS
// from ITU, via Our World in Data, CC BY).
func internetUse(t testing.TB) (map[string]float64, map[string]string) {
	t.Helper()
	f, err := os.Open("testdata/internet-use.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	values, years := map[string]float64{}, map[string]string{}
	for _, r := range rows[1:] {
		if !Known(r[0]) {
			continue // Gibraltar and a few others have no shape
		}
		v, err := strconv.ParseFloat(r[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		values[r[0]], years[r[0]] = v, r[2]
	}
	return values, years
}

func pick(values map[string]float64, codes ...string) map[string]float64 {
	out := map[string]float64{}
	for _, c := range codes {
		if v, ok := values[c]; ok {
			out[c] = v
		}
	}
	return out
}

func percent(_ string, v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" }

// goldens are the maps kept in testdata/, in their pretty form.
func goldens(t testing.TB) map[string][]byte {
	values, years := internetUse(t)
	africa, err := Region(Members("africa"))
	if err != nil {
		t.Fatal(err)
	}
	few := pick(values, "AU", "BR", "CN", "DJ", "EG", "FR", "IN", "NE", "SG", "US", "VU", "WS", "ZA")
	africaValues := pick(values, Members("africa")...)
	delete(africaValues, "ER") // a member without data, to show the hatch
	opt := ChoroplethOptions{
		Title: "Individuals using the Internet", LegendTitle: "% of population",
		Years: years, Label: percent, ID: "t",
	}
	ar := opt
	ar.Lang, ar.Title, ar.LegendTitle, ar.Label = "ar", "الأفراد الذين يستخدمون الإنترنت", "% من السكان", nil
	loc := func(code string) []byte {
		region := Regions(code)[0]
		return locatorMap(code, region).locator(code, region, LocatorOptions{ID: "t"})
	}
	return map[string][]byte{
		"world-few.svg":      World().choropleth(few, opt),
		"world-few-ar.svg":   World().choropleth(few, ar),
		"africa.svg":         africa.choropleth(africaValues, opt),
		"locator-DJ.svg":     loc("DJ"),
		"locator-NE.svg":     loc("NE"),
		"locator-VU.svg":     loc("VU"),
		"locator-WS.svg":     loc("WS"),
		"locator-DJ-ar.svg":  locatorMap("DJ", "arab-states").locator("DJ", "arab-states", LocatorOptions{Lang: "ar", ID: "t"}),
		"world-quantile.svg": World().choropleth(values, opt),
	}
}

func TestGolden(t *testing.T) {
	for name, got := range goldens(t) {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file; if the change is right, run go test ./generator/internal/geo -update and review the diff", name)
		}
	}
}

func TestSVGIsWellFormed(t *testing.T) {
	for name, pretty := range goldens(t) {
		small, err := minifySVG(pretty)
		if err != nil {
			t.Fatalf("%s: minify: %v", name, err)
		}
		for form, b := range map[string][]byte{"pretty": pretty, "minified": small} {
			if err := parseXML(b); err != nil {
				t.Errorf("%s (%s): %v", name, form, err)
			}
			if bytes.Contains(b, []byte("NaN")) || bytes.Contains(b, []byte("Inf")) {
				t.Errorf("%s (%s): NaN or Inf in the output", name, form)
			}
		}
		if n, m := bytes.Count(pretty, []byte("<path")), bytes.Count(small, []byte("<path")); n != m {
			t.Errorf("%s: %d paths, %d after minifying", name, n, m)
		}
		if !bytes.Contains(small, []byte(`role="img"`)) || !bytes.Contains(small, []byte("<title")) {
			t.Errorf("%s: no role=img or no title after minifying", name)
		}
	}
}

func parseXML(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// TestEveryValueHasATitledPath parses the world map of all the data and
// checks each country with a value has its own path whose title gives it.
func TestEveryValueHasATitledPath(t *testing.T) {
	values, years := internetUse(t)
	out, err := Choropleth(World(), values, ChoroplethOptions{Years: years, Label: percent, Lang: "fr"})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths []struct {
			D     string `xml:"d,attr"`
			Fill  string `xml:"fill,attr"`
			Title string `xml:"title"`
		} `xml:"g>path"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	titles := map[string]int{}
	for _, p := range doc.Paths {
		if p.D == "" {
			t.Errorf("path %q has no data", p.Title)
		}
		titles[p.Title]++
	}
	for code, v := range values {
		want := fmt.Sprintf("%s: %s (%s)", countryName(code, "fr"), percent(code, v), years[code])
		if titles[want] != 1 {
			t.Errorf("%s: %d paths titled %q", code, titles[want], want)
		}
	}
	if titles["Kosovo"] != 0 {
		t.Error("land with no code has a title")
	}
	if !strings.Contains(string(out), "Érythrée: pas de données") && values["ER"] == 0 {
		t.Error(`Eritrea (no data) is not titled "pas de données"`)
	}
}

func TestNoDataIsHatchedAndInLegend(t *testing.T) {
	out := string(World().choropleth(map[string]float64{"DJ": 65}, ChoroplethOptions{ID: "x"}))
	for _, want := range []string{
		`<pattern id="x-nd"`,
		`<title>Niger: no data</title>`,
		`fill="url(#x-nd)"`,
		`>no data</text>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s", want)
		}
	}
}

func TestArabicLegendIsMirrored(t *testing.T) {
	en := World().choropleth(map[string]float64{"DJ": 65, "FR": 90}, ChoroplethOptions{ID: "x"})
	ar := World().choropleth(map[string]float64{"DJ": 65, "FR": 90}, ChoroplethOptions{ID: "x", Lang: "ar"})
	if !bytes.Contains(en, []byte(`direction="ltr"`)) || !bytes.Contains(ar, []byte(`direction="rtl"`)) {
		t.Error("legend directions are not ltr (en) and rtl (ar)")
	}
	rectX := func(b []byte) float64 {
		m := regexp.MustCompile(`<rect x="([0-9.]+)"`).FindSubmatch(b)
		if m == nil {
			t.Fatal("no swatch")
		}
		x, _ := strconv.ParseFloat(string(m[1]), 64)
		return x
	}
	if rectX(en) > chartWidth/2 || rectX(ar) < chartWidth/2 {
		t.Errorf("first swatch at x=%v (en), x=%v (ar): not mirrored", rectX(en), rectX(ar))
	}
	if small, _ := minifySVG(ar); !bytes.Contains(small, []byte(`direction="rtl"`)) {
		t.Error("minifying drops the legend's direction")
	}
	if !bytes.Contains(ar, []byte("جيبوتي")) || !bytes.Contains(ar, []byte("لا توجد بيانات")) {
		t.Error("Arabic map lacks Arabic names or words")
	}
}

func TestEqualEarth(t *testing.T) {
	// Extremes published with the projection: x = ±2.7066297 at the
	// equator's ends, y = ±1.3173627 at the poles.
	if x, y := equalEarth(180, 0); math.Abs(x-2.7066297) > 1e-6 || y != 0 {
		t.Errorf("(180, 0) -> (%v, %v)", x, y)
	}
	if x, y := equalEarth(0, 90); math.Abs(y-1.3173627) > 1e-6 || x != 0 {
		t.Errorf("(0, 90) -> (%v, %v)", x, y)
	}
	for _, p := range [][2]float64{{0, 0}, {43.15, 11.59}, {-171.76, -13.83}, {168.32, -17.73}, {-180, -56}, {179.9, 89.9}, {2.35, 48.86}} {
		x, y := equalEarth(p[0], p[1])
		lon, lat := equalEarthInverse(x, y)
		if math.Abs(lon-p[0]) > 1e-7 || math.Abs(lat-p[1]) > 1e-7 {
			t.Errorf("%v -> (%v, %v) -> (%v, %v)", p, x, y, lon, lat)
		}
	}
	// Equal area: a 1° cell has the same area at any longitude, and its
	// area shrinks with latitude as the sphere's does (cos φ).
	cell := func(lon, lat float64) float64 {
		r := orb.Ring{}
		for _, c := range [][2]float64{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}} {
			x, y := equalEarth(lon+c[0], lat+c[1])
			r = append(r, orb.Point{x, y})
		}
		return math.Abs(ringArea(r))
	}
	a0, a60 := cell(0, -0.5), cell(120, 59.5)
	if got := a60 / a0; math.Abs(got-math.Cos(60*math.Pi/180)) > 1e-3 {
		t.Errorf("area at 60° / area at 0° = %v, want 0.5", got)
	}
}

func TestAntimeridian(t *testing.T) {
	// Fiji straddles 180°: on a map centred on 0° its halves are at both
	// edges; centred on 150°E it is one island group near the middle.
	fiji := features()[codeIndex()["FJ"]].shape
	for _, p := range projectShape(fiji, 0) {
		if b := p.Bound(); b.Right()-b.Left() > 1 {
			t.Errorf("centred on 0: a polygon spans %v", b)
		}
	}
	for _, p := range projectShape(fiji, 150) {
		if b := p.Bound(); b.Left() < 0 || b.Right() > 1 {
			t.Errorf("centred on 150: polygon at %v", b)
		}
	}
	// Greenland is cut by the antimeridian of a map centred on 130°E.
	gl := projectShape(features()[codeIndex()["GL"]].shape, 130)
	if len(gl) < 2 {
		t.Errorf("Greenland centred on 130°E: %d polygons, want it cut in two", len(gl))
	}
	for _, p := range gl {
		if b := p.Bound(); b.Right()-b.Left() > 2.7 {
			t.Errorf("Greenland polygon spans the map: %v", b)
		}
	}
}

func TestRegionExtentsHoldTheirMembers(t *testing.T) {
	for _, region := range []string{"africa", "americas", "arab-states", "asia-pacific", "cis", "europe"} {
		m, err := specMap(region)
		if err != nil {
			t.Fatal(err)
		}
		view := orb.Bound{Max: orb.Point{m.width, m.height}}
		seen := map[string]bool{}
		for _, s := range m.shapes {
			seen[s.code] = true
			if m.focus[s.code] && !view.Contains(s.anchor) {
				t.Errorf("%s: %s's anchor %v is outside the view %v", region, s.code, s.anchor, view.Max)
			}
		}
		for _, c := range Members(region) {
			if !seen[c] {
				t.Errorf("%s: %s is not drawn", region, c)
			}
		}
		if r := m.height / m.width; r < 0.45 || r > 1.1 {
			t.Errorf("%s: aspect %v", region, r)
		}
	}
}

func TestRegionTable(t *testing.T) {
	counts := map[string]int{}
	for code, rs := range regionsOf() {
		if !Known(code) {
			t.Errorf("%s has no shape", code)
		}
		for _, r := range rs {
			counts[r]++
		}
	}
	// ITU's 193 Member States plus Palestine; Djibouti counts twice.
	want := map[string]int{"africa": 45, "americas": 35, "arab-states": 22, "asia-pacific": 38, "cis": 9, "europe": 46}
	for r, n := range want {
		if counts[r] != n {
			t.Errorf("%s: %d countries, want %d", r, counts[r], n)
		}
	}
	if got := Regions("DJ"); !slices.Equal(got, []string{"africa", "arab-states"}) {
		t.Errorf("Regions(DJ) = %v", got)
	}
	if Regions("TW") != nil || Regions("XK") != nil {
		t.Error("non-members have a region")
	}
}

func TestLocatorTitles(t *testing.T) {
	for _, c := range []struct {
		code string
		opt  LocatorOptions
		want string
	}{
		{"DJ", LocatorOptions{}, "Djibouti, in the Africa region"},
		{"DJ", LocatorOptions{Region: "arab-states"}, "Djibouti, in the Arab States region"},
		{"WS", LocatorOptions{Lang: "fr"}, "Samoa, dans la région Asie-Pacifique"},
		{"NE", LocatorOptions{Lang: "zh"}, "尼日尔，位于非洲区域"},
	} {
		out, err := Locator(c.code, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), ">"+c.want+"</title>") {
			t.Errorf("%s %+v: no title %q in %.200s", c.code, c.opt, c.want, out)
		}
	}
}

func TestSmallCountriesGetMarkers(t *testing.T) {
	for _, code := range []string{"DJ", "WS", "VU", "TV"} {
		b := locatorMap(code, Regions(code)[0]).locator(code, Regions(code)[0], LocatorOptions{ID: "x"})
		if !bytes.Contains(b, []byte(`<circle`)) {
			t.Errorf("%s: locator has no ring", code)
		}
	}
	if b := locatorMap("NE", "africa").locator("NE", "africa", LocatorOptions{ID: "x"}); bytes.Contains(b, []byte(`<circle`)) {
		t.Error("NE: locator has a ring, but Niger is large")
	}
	out := string(World().choropleth(map[string]float64{"SG": 96, "BR": 80}, ChoroplethOptions{ID: "x"}))
	sg := regexp.MustCompile(`<path d="([^"]*)"[^>]*><title>Singapore:`).FindStringSubmatch(out)
	if sg == nil || !strings.Contains(sg[1], "a3.5 3.5") {
		t.Error("Singapore has no marker on the world map")
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{err1(Choropleth(World(), map[string]float64{"DJ": math.NaN(), "QQ": 1, "ZZ": 2}, ChoroplethOptions{})), `geo: DJ has value NaN; no shape for "QQ", "ZZ"`},
		{err1(Choropleth(World(), nil, ChoroplethOptions{Breaks: []float64{3, 2, 1, 0}})), "not four ascending numbers"},
		{err1(Render(GeoSpec{Region: "Afirca"})), `region "Afirca" is not known (did you mean "africa"?)`},
		{err1(Locator("TW", LocatorOptions{})), "TW is in no ITU region"},
		{err1(Locator("DJ", LocatorOptions{Region: "mars"})), `region "mars" is not known (one of: africa,`},
		{err1(Region([]string{"DJ", "XX"})), `no shape for "XX"`},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("error %v, want it to contain %q", c.err, c.want)
		}
	}
}

func err1[T any](_ T, err error) error { return err }

func TestSingleClassLegend(t *testing.T) {
	out := string(World().choropleth(map[string]float64{"DJ": 7, "FR": 7}, ChoroplethOptions{ID: "x"}))
	if !strings.Contains(out, `<rect x="8" y="305.9" width="26" height="16" fill="var(--map-3, #6baed6)"`) || !strings.Contains(out, ">7</text>") {
		t.Error("equal values: no single class in the legend")
	}
}

func TestClassBreaks(t *testing.T) {
	for _, c := range []struct {
		values []float64
		scale  Scale
		want   []float64
		digits int
	}{
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, Quantiles, []float64{3, 5, 7, 9}, 0},
		{[]float64{0.5, 12.3, 40, 65, 98.7}, Nice, []float64{20, 40, 60, 80}, 0},
		{[]float64{0.11, 0.2, 0.35, 0.4, 0.52}, Nice, []float64{0.2, 0.3, 0.4, 0.5}, 1},
		{[]float64{7, 7, 7}, Quantiles, nil, 0},
		{nil, Quantiles, nil, 0},
	} {
		got, digits := classBreaks(c.values, c.scale)
		if !slices.Equal(got, c.want) || digits != c.digits {
			t.Errorf("classBreaks(%v, %v) = %v, %d; want %v, %d", c.values, c.scale, got, digits, c.want, c.digits)
		}
	}
}

func TestRender(t *testing.T) {
	values, years := internetUse(t)
	out, err := Render(GeoSpec{Values: values, Years: years, Region: "arab-states", Lang: "en", Title: "Internet use", Label: percent})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{"<title>Djibouti: 65.0% (2022)</title>", ">Internet use</title>", "<desc"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s", want)
		}
	}
	if strings.Contains(s, "<title>Niger: 16.9%") {
		t.Error("a country outside the region is drawn with its value")
	}
}

// TestStringsMatchSiteI18n keeps the region names in strings.json equal to
// the site's own (i18n/*.yaml, region_<slug>).
func TestStringsMatchSiteI18n(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "i18n")
	for lang, w := range allWords() {
		b, err := os.ReadFile(filepath.Join(dir, lang+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		for slug, name := range w.Regions {
			want := fmt.Sprintf("region_%s: %q", slug, name)
			if !strings.Contains(string(b), want) {
				t.Errorf("%s: i18n has no line %s", lang, want)
			}
		}
	}
}

func BenchmarkChoroplethWorld(b *testing.B) {
	values, years := internetUse(b)
	m := World()
	opt := ChoroplethOptions{Years: years, Label: percent, Title: "Internet use"}
	out, err := Choropleth(m, values, opt)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Choropleth(m, values, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// TestConcurrentUse draws from many goroutines, as a build does (run with
// -race).
func TestConcurrentUse(t *testing.T) {
	values, _ := internetUse(t)
	done := make(chan error)
	for i := range 12 {
		go func() {
			var err error
			if i%2 == 0 {
				_, err = Render(GeoSpec{Values: values, Region: vocab.Regions[i%6]})
			} else {
				_, err = Locator(Members(vocab.Regions[i%6])[0], LocatorOptions{})
			}
			done <- err
		}()
	}
	for range 12 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// A map's legend title is the spec's, in the page's language by the spec's
// usermeta.translations, as package chart translates its texts.
func TestRenderTranslatesLegendTitle(t *testing.T) {
	spec := map[string]any{"usermeta": map[string]any{"translations": map[string]any{
		"fr": map[string]any{"Individuals using the Internet (%)": "Personnes utilisant l'Internet (%)"},
		"AR": map[string]any{"Individuals using the Internet (%)": "الأفراد الذين يستخدمون الإنترنت (%)"},
	}}}
	tr := Translations(spec)
	for lang, want := range map[string]string{
		"fr":    "Personnes utilisant l'Internet (%)",
		"fr-CA": "Personnes utilisant l'Internet (%)",
		"ar":    "الأفراد الذين يستخدمون الإنترنت (%)",
		"es":    "Individuals using the Internet (%)",
	} {
		svg, err := Render(GeoSpec{Values: map[string]float64{"FR": 80, "DJ": 60}, Lang: lang, LegendTitle: "Individuals using the Internet (%)", Translations: tr})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(svg), want) {
			t.Errorf("%s: the legend title is not %q", lang, want)
		}
	}
}

// Counts are summarised as whole numbers, and a map whose countries all
// share one value says so instead of "from 1.0 to 1.0"; every language
// has the sentence.
func TestDescOfCounts(t *testing.T) {
	for lang, w := range allWords() {
		if !strings.Contains(w.DescSame, "{value}") || !strings.Contains(w.DescSame, "{n}") {
			t.Errorf("%s: descSame %q lacks {n} or {value}", lang, w.DescSame)
		}
	}
	svg, err := Choropleth(World(), map[string]float64{"KE": 1, "DJ": 1, "SN": 1}, ChoroplethOptions{Title: "Offices", ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "3 countries and territories with data, each at 1;") {
		t.Errorf("desc of equal counts:\n%.600s", svg)
	}
	svg, err = Choropleth(World(), map[string]float64{"KE": 1, "DJ": 2, "ZA": 7}, ChoroplethOptions{Title: "Exchanges", ID: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(svg), "with data, from 1 to 7;") {
		t.Errorf("desc of counts:\n%.600s", svg)
	}
}
