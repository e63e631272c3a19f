package geo

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// LocatorOptions are the choices a locator map takes.
type LocatorOptions struct {
	// Region is the ITU region whose extent frames the map (a country may be
	// in two: Djibouti is in africa and arab-states); default the country's
	// primary region.
	Region string
	Lang   string // BCP 47 language of the page
	Title  string // the alt text; default "Djibouti, in the Africa region" in Lang
	ID     string // prefix of element ids; default derived from the content
}

const (
	locatorWidth  = 320
	locatorHeight = 200
	tinyLocator   = 10  // countries smaller than this get a ring around them
	detailLocator = 0.8 // simplification tolerance
)

var locatorMaps sync.Map // region → *Map

// Locator draws a small map of a country's ITU region with the country
// highlighted (--map-accent), the region's other members in --map-region and
// the rest muted. Countries too small to see get a ring.
func Locator(country string, opt LocatorOptions) ([]byte, error) {
	if !Known(country) {
		return nil, fmt.Errorf("geo: no shape for %q", country)
	}
	region := opt.Region
	if region == "" {
		rs := Regions(country)
		if len(rs) == 0 {
			return nil, fmt.Errorf("geo: %s is in no ITU region; set LocatorOptions.Region", country)
		}
		region = rs[0]
	}
	if err := checkRegion(region); err != nil {
		return nil, err
	}
	return minifySVG(locatorMap(country, region).locator(country, region, opt))
}

func locatorMap(country, region string) *Map {
	members := Members(region)
	if !slices.Contains(members, country) {
		return newMap(append(members, country), locatorWidth, locatorHeight, tinyLocator, detailLocator)
	}
	if m, ok := locatorMaps.Load(region); ok {
		return m.(*Map)
	}
	m, _ := locatorMaps.LoadOrStore(region, newMap(members, locatorWidth, locatorHeight, tinyLocator, detailLocator))
	return m.(*Map)
}

func (m *Map) locator(country, region string, opt LocatorOptions) []byte {
	w := wordsFor(opt.Lang)
	title := opt.Title
	if title == "" {
		title = fill(w.Locator, "country", countryName(country, opt.Lang), "region", w.Regions[region])
	}
	id := idPrefix(opt.ID, "locator", country, region, opt.Lang, title)

	var sw svgWriter
	sw.open("svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", "0 0 "+num(m.width)+" "+num(m.height),
		"role", "img", "aria-labelledby", id+"-t", "lang", opt.Lang, "class", "geo-map geo-locator")
	sw.text("title", title, "id", id+"-t")
	sw.open("g", "stroke", colorBorder, "stroke-width", "0.4", "stroke-linejoin", "round")
	// The context is two paths, the region and the rest: no one points at
	// a country here but the one highlighted.
	var target *shape
	var members, rest strings.Builder
	for i, s := range m.shapes {
		switch {
		case s.code == country:
			target = &m.shapes[i]
		case m.focus[s.code]:
			members.WriteString(pathData(s.poly))
		default:
			rest.WriteString(pathData(s.poly))
		}
	}
	sw.leaf("path", "d", rest.String(), "fill", colorMuted)
	sw.leaf("path", "d", members.String(), "fill", "var(--map-region, #b9c3cd)")
	sw.close("g")
	if target != nil {
		accent := "var(--map-accent, #d55e00)"
		d := pathData(target.poly)
		if target.tiny {
			d += circleData(target.anchor, 2.5)
		}
		sw.leaf("path", "d", d, "fill", accent, "stroke", accent, "stroke-width", "0.5", "stroke-linejoin", "round")
		if target.tiny {
			sw.leaf("circle", "cx", num(target.anchor[0]), "cy", num(target.anchor[1]), "r", "8",
				"fill", "none", "stroke", accent, "stroke-width", "1.5")
		}
	}
	sw.close("svg")
	return sw.b.Bytes()
}
