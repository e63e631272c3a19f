package geo

import (
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
}

var regionMaps sync.Map // region slug → *Map

// Render draws the spec as a quantile choropleth (minified SVG).
func Render(spec GeoSpec) ([]byte, error) {
	m, err := specMap(spec.Region)
	if err != nil {
		return nil, err
	}
	return Choropleth(m, spec.Values, ChoroplethOptions{Lang: spec.Lang, Title: spec.Title, Years: spec.Years, Label: spec.Label})
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
