package geo

import (
	"strings"
	"sync"
)

// GeoSpec is what a chart's geoshape mark asks for: values by country, on
// the world or on one ITU region.
type GeoSpec struct {
	Values map[string]float64 // ISO 3166-1 alpha-2 → value
	Years  map[string]string  // alpha-2 → year of the value, for titles
	Region string             // ITU region slug; "" for the world
	Lang   string             // BCP 47 language of the page
	Title  string             // accessible name of the map
	// Label writes a value as the country's title shows it ("65.0%");
	// default the language's digits.
	Label func(code string, v float64) string
	// LegendTitle heads the legend: the colour channel's title, as the
	// spec writes it; Translations (the spec's usermeta.translations, see
	// Translations) give it in Lang, as package chart gives its texts.
	LegendTitle  string
	Translations map[string]map[string]string
}

// Translations reads a spec's usermeta.translations: for each language,
// texts as the spec writes them and their translations.
func Translations(spec map[string]any) map[string]map[string]string {
	u, _ := spec["usermeta"].(map[string]any)
	t, _ := u["translations"].(map[string]any)
	if len(t) == 0 {
		return nil
	}
	out := map[string]map[string]string{}
	for lang, v := range t {
		m, _ := v.(map[string]any)
		tr := map[string]string{}
		for k, s := range m {
			if s, ok := s.(string); ok {
				tr[k] = s
			}
		}
		out[strings.ToLower(lang)] = tr
	}
	return out
}

// Translate gives text in lang by a spec's translations, as package chart
// does: from the language's own entries (fr-CA) if it has any, else its
// base language's (fr); the text as written when they do not have it.
func Translate(tr map[string]map[string]string, lang, text string) string {
	if text == "" || len(tr) == 0 {
		return text
	}
	tag := strings.ReplaceAll(strings.ToLower(lang), "_", "-")
	m, ok := tr[tag]
	if !ok {
		base, _, _ := strings.Cut(tag, "-")
		m = tr[base]
	}
	if s, ok := m[text]; ok {
		return s
	}
	return text
}

var regionMaps sync.Map // region slug → *Map

// Render draws the spec as a quantile choropleth (minified SVG).
func Render(spec GeoSpec) ([]byte, error) {
	m, err := specMap(spec.Region)
	if err != nil {
		return nil, err
	}
	return Choropleth(m, spec.Values, ChoroplethOptions{Lang: spec.Lang, Title: spec.Title, Years: spec.Years, Label: spec.Label,
		LegendTitle: Translate(spec.Translations, spec.Lang, spec.LegendTitle)})
}

// specMap returns the world or a region's map, built once.
func specMap(region string) (*Map, error) {
	if region == "" {
		return World(), nil
	}
	if err := checkRegion(region); err != nil {
		return nil, err
	}
	if m, ok := regionMaps.Load(region); ok {
		return m.(*Map), nil
	}
	m, _ := regionMaps.LoadOrStore(region, newMap(Members(region), chartWidth, 0, tinyChart, detailChart))
	return m.(*Map), nil
}
