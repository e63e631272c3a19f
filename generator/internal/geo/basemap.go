package geo

import "sync"

// Basemap is the land of the world, or of an ITU region and around it, in
// longitude and latitude, for a chart to project with its own marks (the
// places of a point map): a Vega-Lite spec names it as its data,
// {"name": "world"} or {"name": "africa"}.
type Basemap struct {
	// CentralMeridian is the longitude the maps of package geo centre
	// this view on: 0 for the world, the middle of a region's countries.
	CentralMeridian float64
	Countries       []BaseCountry
}

// BaseCountry is one country, or land without a code, simplified for a
// map about 640 units wide.
type BaseCountry struct {
	Code   string // ISO 3166-1 alpha-2; "" for land without one
	Member bool   // in the region (every country, for the world)
	// Polygons are rings of [longitude, latitude] points, the outer ring
	// first; a country too small for the boundaries has none.
	Polygons [][][][2]float64
	Anchor   [2]float64 // a point inside the country's largest part
}

var basemaps sync.Map // region slug ("" for the world) → *Basemap

// BasemapOf returns the world's basemap (region "world" or "") or an ITU
// region's, built once.
func BasemapOf(region string) (*Basemap, error) {
	if region == "world" {
		region = ""
	}
	if b, ok := basemaps.Load(region); ok {
		return b.(*Basemap), nil
	}
	if region != "" {
		if err := checkRegion(region); err != nil {
			return nil, err
		}
	}
	b := &Basemap{}
	var members map[string]bool
	if region != "" {
		members = map[string]bool{}
		var anchors []float64
		for _, c := range Members(region) {
			if i, ok := codeIndex()[c]; ok {
				members[c] = true
				anchors = append(anchors, features()[i].anchor[0])
			}
		}
		b.CentralMeridian = centralMeridian(anchors)
	}
	// The simplification of a choropleth: detailChart viewBox units on a
	// map 640 wide, across the world's 360 degrees or a region's 90 or so.
	span := 360.0
	if region != "" {
		span = 90
	}
	simple := topo().simplified(detailChart * span / chartWidth)
	for i, f := range features() {
		c := BaseCountry{Code: f.code, Member: members == nil || members[f.code], Anchor: [2]float64(f.anchor)}
		for _, poly := range simple[i] {
			var rings [][][2]float64
			for _, r := range poly {
				ring := make([][2]float64, len(r))
				for j, p := range r {
					ring[j] = [2]float64(p)
				}
				rings = append(rings, ring)
			}
			c.Polygons = append(c.Polygons, rings)
		}
		b.Countries = append(b.Countries, c)
	}
	v, _ := basemaps.LoadOrStore(region, b)
	return v.(*Basemap), nil
}

// CountryName is a country's name in the language, from CLDR (English
// for a language it has no names in).
func CountryName(code, lang string) string { return countryName(code, lang) }
