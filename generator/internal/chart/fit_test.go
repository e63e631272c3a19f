package chart

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// renderSrc parses and draws a spec given as text, with data files read
// from testdata/specs.
func renderSrc(t *testing.T, src, lang string, width int) (*renderer, *Chart) {
	t.Helper()
	s, probs := ParseSpec("t.yaml", []byte(src))
	if s == nil {
		t.Fatal(probs)
	}
	r := newRenderer(s, Options{Lang: lang, Width: width, LoadCSV: DirLoader(filepath.Join("testdata", "specs")), Pretty: true})
	r.logDomains = true
	c := r.render()
	if c == nil {
		t.Fatal(r.probs.Problems())
	}
	return r, c
}

const timelineSrc = `data: {url: ../data/cables-sample.csv}
encoding:
  x: {field: rfs_year, type: temporal, title: Ready-for-service year, axis: {format: '%Y'}, scale: {domain: [1990, 2030]}}
  y: {field: cable, type: nominal, title: Cable, sort: x}
layer:
  - mark: {type: point, filled: true, size: 90}
    encoding:
      color: {field: status, type: nominal, title: Status}
  - mark: {type: text, align: left, dx: 8}
    encoding: {text: {field: rfs, type: nominal}}
`

// A chart with no quantity (dates against names) is described by its
// items, not called empty.
func TestTimelineSummary(t *testing.T) {
	want := map[string]string{
		"en": "Scatter plot of Cable and Status by Ready-for-service year. 12 items from 1994 to 2023: the earliest Aden-Djibouti (1994), the latest 2Africa and Africa-1 (2023).",
		"fr": "Nuage de points\u00a0: Cable et Status par Ready-for-service year. 12 éléments de 1994 à 2023\u00a0: le plus ancien, Aden-Djibouti (1994)\u00a0; le plus récent, 2Africa et Africa-1 (2023).",
		"ar": "مخطط انتشار: \u2068Cable\u2069 و\u2068Status\u2069 حسب \u2068Ready-for-service year\u2069. عدد العناصر: 12، من 1994 إلى 2023؛ الأقدم: \u2068Aden-Djibouti\u2069 (1994)، والأحدث: \u20682Africa\u2069 و\u2068Africa-1\u2069 (2023).",
	}
	for _, lang := range Languages() {
		r, c := renderSrc(t, timelineSrc, lang, 340)
		noData := r.loc.phrase("noData")
		if strings.Contains(c.Summary, noData) {
			t.Errorf("%s: summary says there is no data: %s", lang, c.Summary)
		}
		for _, s := range []string{"12", "1994", "2023", "Aden-Djibouti", "Africa-1", "2Africa"} {
			if !strings.Contains(c.Summary, s) {
				t.Errorf("%s: summary lacks %q: %s", lang, s, c.Summary)
			}
		}
		if w, ok := want[lang]; ok && c.Summary != w {
			t.Errorf("%s summary\n got %q\nwant %q", lang, c.Summary, w)
		}
	}
}

func TestItemSummaries(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"one dated item", "data: {values: [{n: A, d: 2001}]}\nmark: point\nencoding:\n  x: {field: d, type: temporal}\n  y: {field: n, type: nominal, title: Name}\n",
			"Scatter plot of Name by d. One item: A (2001)."},
		{"same date", "data: {values: [{n: A, d: 2001}, {n: B, d: 2001}]}\nmark: point\nencoding:\n  x: {field: d, type: temporal, title: Year}\n  y: {field: n, type: nominal, title: Name}\n",
			"Scatter plot of Name by Year. 2 items, all dated 2001: A and B."},
		{"names only", "data: {values: [{n: A, c: x}, {n: B, c: y}, {n: C, c: y}]}\nmark: text\nencoding:\n  x: {field: c, type: nominal, title: Column}\n  y: {field: n, type: nominal, title: Row}\n  text: {field: n, type: nominal}\n",
			"Chart of Row. 3 items: A, B, C."},
		{"many ends", "data: {values: [{n: A, d: 2001}, {n: B, d: 2001}, {n: C, d: 2001}, {n: D, d: 2001}, {n: E, d: 2001}, {n: F, d: 2003}]}\nmark: point\nencoding:\n  x: {field: d, type: temporal, title: Year}\n  y: {field: n, type: nominal, title: Name}\n",
			"Scatter plot of Name by Year. 6 items from 2001 to 2003: the earliest A, B, C and 2 more (2001), the latest F (2003)."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, c := renderSrc(t, tc.src, "en", 400)
			if c.Summary != tc.want {
				t.Errorf("got  %q\nwant %q", c.Summary, tc.want)
			}
		})
	}
}

// Every language has every phrase.
func TestLocalesComplete(t *testing.T) {
	en := locales()["en"]
	for _, l := range Languages() {
		loc := locales()[l]
		for k := range en.Phrases {
			if loc.Phrases[k] == "" {
				t.Errorf("locales/%s.json has no phrase %q", l, k)
			}
		}
		for k := range loc.Phrases {
			if _, ok := en.Phrases[k]; !ok {
				t.Errorf("locales/%s.json has phrase %q, which English lacks", l, k)
			}
		}
	}
}

// At narrow and wide widths, in both directions, labels beside points and
// long names on the y axis stay inside the drawing.
func TestLabelsInside(t *testing.T) {
	rangeSrc := `data:
  values:
    - {region: World, value: 74, kind: bar}
    - {region: Asia-Pacific, value: 77, kind: bar}
    - {region: Africa, value: 36, kind: bar}
    - {region: CIS / Europe / Americas (range), low: 88, high: 93, kind: range}
layer:
  - transform: [{filter: {field: kind, equal: bar}}]
    mark: bar
    encoding:
      x: {field: region, type: nominal, sort: -y}
      y: {field: value, type: quantitative, scale: {domain: [0, 100]}}
  - transform: [{filter: {field: kind, equal: range}}]
    mark: {type: text, align: left, baseline: bottom, dy: -4}
    encoding: {y: {field: high, type: quantitative}, text: {field: region, type: nominal}}
`
	for name, src := range map[string]string{"timeline": timelineSrc, "range label": rangeSrc} {
		for _, lang := range []string{"en", "ar", "fr"} {
			for _, w := range []int{300, 340, 680, 1280} {
				r, c := renderSrc(t, src, lang, w)
				if out := textOutside(t, c.Pretty); len(out) > 0 {
					t.Errorf("%s %s %d: %v", name, lang, w, out)
				}
				checkChart(t, r, c)
			}
		}
	}
	// Names are wrapped or abbreviated before they are cut.
	_, c := renderSrc(t, timelineSrc, "en", 340)
	svg := string(c.Pretty)
	for _, s := range []string{">SEACOM/Tata TGN-<", ">Eurasia<", ">EASSy<", ">DARE1<", ">Europe India Gateway<", ">(EIG)<", "</title>2021 February</text>"} {
		if !strings.Contains(svg, s) {
			t.Errorf("the 340 px timeline does not draw %q", s)
		}
	}
}

func TestFitLabel(t *testing.T) {
	tests := []struct {
		s     string
		width float64
		lines int
		want  []string
	}{
		{"Short", 100, 2, []string{"Short"}},
		{"Europe India Gateway (EIG)", 110, 2, []string{"Europe India", "Gateway (EIG)"}},
		{"Europe India Gateway (EIG)", 110, 1, []string{"EIG"}},
		{"Eastern Africa Submarine System (EASSy)", 110, 2, []string{"EASSy"}},
		{"Middle East North Africa (MENA) Cable System/Gulf Bridge International", 200, 2, []string{"MENA Cable System/Gulf Bridge", "International"}},
		{"An extremely long name without any acronym at all", 100, 2, []string{"An extremely", "long name with…"}},
		{"SEACOM/Tata TGN-Eurasia", 100, 2, []string{"SEACOM/Tata", "TGN-Eurasia"}},
	}
	for _, tc := range tests {
		got := fitLabel(tc.s, 12, tc.width, tc.lines)
		if !slices.Equal(got, tc.want) {
			t.Errorf("fitLabel(%q, %v, %d) = %q, want %q", tc.s, tc.width, tc.lines, got, tc.want)
		}
		for _, l := range got {
			if textWidth(l, 12) > tc.width {
				t.Errorf("fitLabel(%q): %q is wider than %v", tc.s, l, tc.width)
			}
		}
	}
	for s, want := range map[string]string{
		"Asia Africa Europe-1 (AAE-1)":               "AAE-1",
		"Djibouti Africa Regional Express 1 (DARE1)": "DARE1",
		"Least developed countries (LDCs)":           "LDCs",
		"ITU highlights report (2021)":               "ITU highlights report (2021)",
		"Planned (June 2021 snapshot)":               "Planned (June 2021 snapshot)",
		"Internet users (% of population)":           "Internet users (% of population)",
		"Small island (SIDS) developing":             "Small island (SIDS) developing",
	} {
		if got := abbreviate(s); got != want {
			t.Errorf("abbreviate(%q) = %q, want %q", s, got, want)
		}
	}
}

// Latin text on an Arabic chart keeps its order: "2023 Q4" is isolated,
// numbers are left alone.
func TestRTLIsolation(t *testing.T) {
	_, c := renderSrc(t, timelineSrc, "ar", 680)
	svg := string(c.Pretty)
	for _, s := range []string{">\u20662023 Q4\u2069<", ">\u2066Aden-Djibouti\u2069<", ">2020<"} {
		if !strings.Contains(svg, s) {
			t.Errorf("the Arabic timeline does not draw %q", s)
		}
	}
	_, c = renderSrc(t, timelineSrc, "en", 680)
	if strings.ContainsAny(string(c.Pretty)+c.Summary, "\u2066\u2068\u2069") {
		t.Error("an English chart has bidi isolates")
	}
}

const translatedSrc = `title: {text: Internet use, subtitle: Share of people online}
data:
  values:
    - {region: Africa, year: 2024, value: 38, note: x}
    - {region: Africa, year: 2025, value: 36, note: x}
    - {region: Arab States, year: 2024, value: 69, note: y}
    - {region: Arab States, year: 2025, value: 70, note: y}
mark: bar
encoding:
  x: {field: region, type: nominal, title: Region}
  xOffset: {field: year, type: nominal}
  y: {field: value, type: quantitative, title: Individuals using the Internet (%)}
  color: {field: year, type: nominal, title: Year}
  tooltip:
    - {field: region, type: nominal, title: Region}
    - {field: year, type: nominal, title: Year}
    - {field: value, type: quantitative, title: Internet use (%)}
usermeta:
  units: {value: '%'}
  translations:
    fr:
      Internet use: Utilisation d'Internet
      Share of people online: Part des personnes en ligne
      Region: Région
      Year: Année
      Individuals using the Internet (%): Personnes utilisant Internet (%)
      Internet use (%): Utilisation d'Internet (%)
      Africa: Afrique
      Arab States: États arabes
    ar:
      Internet use: استخدام الإنترنت
      Region: المنطقة
      Africa: أفريقيا
      Arab States: الدول العربية
`

func TestTranslations(t *testing.T) {
	_, fr := renderSrc(t, translatedSrc, "fr", 680)
	svg := string(fr.Pretty)
	for _, s := range []string{
		">Utilisation d'Internet</text>",           // title
		">Part des personnes en ligne</text>",      // subtitle
		">Région</text>",                           // x axis title
		">Personnes utilisant Internet (%)</text>", // y axis title
		">Année</text>",                            // legend title
		">Afrique</text>", ">États arabes</text>",  // category labels
		"<title>Afrique, 2024\u00a0: 38</title>", // a mark's tooltip names
		`-title">Utilisation d'Internet</title>`, // the SVG's title
	} {
		if !strings.Contains(svg, s) {
			t.Errorf("French chart lacks %q", s)
		}
	}
	if strings.Contains(svg, ">Africa<") || strings.Contains(svg, "Region") {
		t.Error("French chart still shows English")
	}
	if !strings.Contains(fr.Summary, "Personnes utilisant Internet (%)") || strings.Contains(fr.Summary, "Region") || !strings.Contains(fr.Summary, "Afrique") {
		t.Errorf("French summary is not translated: %s", fr.Summary)
	}
	if fr.Table.Caption != "Utilisation d'Internet" {
		t.Errorf("table caption %q", fr.Table.Caption)
	}
	var heads []string
	for _, c := range fr.Table.Columns {
		heads = append(heads, c.Header())
	}
	if want := []string{"Région", "Année", "Utilisation d'Internet (%) (%)"}; !slices.Equal(heads, want) {
		t.Errorf("table headers %q, want %q", heads, want)
	}
	if fr.Table.Rows[0][0] != "Afrique" {
		t.Errorf("table cell %q, want Afrique", fr.Table.Rows[0][0])
	}
	// Arabic: what is translated is used, the rest stays as written.
	_, ar := renderSrc(t, translatedSrc, "ar", 680)
	svg = string(ar.Pretty)
	for _, s := range []string{">استخدام الإنترنت</text>", ">المنطقة</text>", ">أفريقيا</text>", ">\u2066Share of people online\u2069</text>"} {
		if !strings.Contains(svg, s) {
			t.Errorf("Arabic chart lacks %q", s)
		}
	}
	// English and languages without translations are drawn as written.
	for _, lang := range []string{"en", "es"} {
		_, c := renderSrc(t, translatedSrc, lang, 680)
		if !strings.Contains(string(c.Pretty), ">Africa</text>") || !strings.Contains(string(c.Pretty), ">Internet use</text>") {
			t.Errorf("%s chart is not as written", lang)
		}
	}
	// A regional tag uses its base language.
	s, _ := ParseSpec("t.yaml", []byte(translatedSrc))
	if got := s.TitleIn("fr-CA"); got != "Utilisation d'Internet" {
		t.Errorf("TitleIn(fr-CA) = %q", got)
	}
	if got := s.TitleIn("en"); got != "Internet use" {
		t.Errorf("TitleIn(en) = %q", got)
	}
}

// Translations are ordinary usermeta: a JSON spec is still Vega-Lite.
func TestTranslationsJSON(t *testing.T) {
	src := map[string]any{
		"data":     map[string]any{"values": []any{map[string]any{"a": "Yes", "b": 1}}},
		"mark":     "bar",
		"encoding": map[string]any{"x": map[string]any{"field": "a", "type": "nominal"}, "y": map[string]any{"field": "b", "type": "quantitative"}},
		"usermeta": map[string]any{"translations": map[string]any{"fr": map[string]any{"Yes": "Oui", "b": "Nombre"}}},
	}
	b, _ := json.Marshal(src)
	s, probs := ParseSpec("t.json", b)
	if s == nil || len(probs) > 0 {
		t.Fatal(probs)
	}
	c, _ := Render(s, Options{Lang: "fr", Width: 400, Pretty: true})
	if !strings.Contains(string(c.Pretty), ">Oui</text>") || !strings.Contains(string(c.Pretty), ">Nombre</text>") {
		t.Error("JSON translations not applied")
	}
}

func TestTranslationWarnings(t *testing.T) {
	s, probs := ParseSpec("t.yaml", []byte("data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\nusermeta:\n  translations:\n    de: {x: y}\n"))
	if s == nil || len(probs) != 1 || !probs[0].Warning || probs[0].Line != 8 || !strings.Contains(probs[0].Msg, `no page is drawn in "de"`) {
		t.Fatalf("want one warning at 8:5, got %v", probs)
	}
}

// Categories keep their order, and so their colours, in every language:
// sorting uses the data as written.
func TestTranslatedOrder(t *testing.T) {
	src := "data: {values: [{s: Men, v: 2}, {s: Women, v: 3}]}\nmark: bar\nencoding:\n  x: {field: s, type: nominal}\n  y: {field: v, type: quantitative}\n  color: {field: s, type: nominal}\nusermeta: {translations: {fr: {Men: Hommes, Women: Femmes}}}\n"
	_, c := renderSrc(t, src, "fr", 400)
	svg := string(c.Pretty)
	h, f := strings.Index(svg, ">Hommes</text>"), strings.Index(svg, ">Femmes</text>")
	if h < 0 || f < 0 || h > f {
		t.Errorf("want Hommes before Femmes in the legend:\n%s", svg)
	}
}

// A legend item wider than the chart is broken over two lines.
func TestLegendWraps(t *testing.T) {
	src := "data: {values: [{s: ITU global and regional ICT estimates for the year 2018 and before, v: 2}, {s: B, v: 3}]}\nmark: point\nencoding:\n  x: {field: v, type: quantitative}\n  y: {field: v, type: quantitative}\n  color: {field: s, type: nominal}\n"
	for _, lang := range []string{"en", "ar"} {
		r, c := renderSrc(t, src, lang, 300)
		checkChart(t, r, c)
		svg := string(c.Pretty)
		if !strings.Contains(svg, "ICT estimates for the year") || strings.Contains(svg, "…") {
			t.Errorf("%s: the long legend item is not wrapped whole:\n%s", lang, svg)
		}
	}
}

func TestMore(t *testing.T) {
	r := newRenderer(&Spec{}, Options{Lang: "fr"})
	if got := r.more(1); got != "1 autre" {
		t.Errorf("more(1) = %q", got)
	}
	if got := r.more(3); got != "3 autres" {
		t.Errorf("more(3) = %q", got)
	}
}

// A translation of a text the chart does not have (a misspelt key) is
// reported where it is written.
func TestUnusedTranslation(t *testing.T) {
	src := "data: {values: [{a: Africa, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal, title: Region}\n  y: {field: b, type: quantitative}\nusermeta:\n  translations:\n    fr: {Region: Région, Africa: Afrique, b: Valeur, Afirca: Afrique}\n"
	s, probs := ParseSpec("t.yaml", []byte(src))
	if s == nil || len(probs) > 0 {
		t.Fatal(probs)
	}
	_, probs = Render(s, Options{Lang: "en", Width: 400})
	if len(probs) != 1 || !probs[0].Warning || fmt.Sprintf("%d:%d", probs[0].Line, probs[0].Col) != posOf(t, src, "Afirca") || !strings.Contains(probs[0].Msg, `"Afirca" is not a text of this chart`) {
		t.Errorf("want one warning at %s, got %v", posOf(t, src, "Afirca"), probs)
	}
}

// FuzzFitLabel: fitting never panics, keeps to its line count, and every
// line fits (a lone ellipsis is the least it can draw).
func FuzzFitLabel(f *testing.F) {
	for _, s := range []string{"Europe India Gateway (EIG)", "A (BC", "(XY)", "x (AB) (CD)", "الدول الجزرية الصغيرة النامية", "中华人民共和国国家统计局", "-/-/ ( )"} {
		f.Add(s, 80.0)
	}
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if width < 12 || width > 2000 {
			return
		}
		_ = abbreviate(s)
		lines := fitLabel(s, 12, width, 2)
		if len(lines) > 2 {
			t.Fatalf("%q: %d lines", s, len(lines))
		}
		for _, l := range lines {
			if textWidth(l, 12) > width && l != "…" {
				t.Fatalf("%q: line %q wider than %v", s, l, width)
			}
		}
	})
}
