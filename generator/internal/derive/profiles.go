package derive

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
	"golang.org/x/text/message"

	"github.com/itu-d/portal/generator/internal/chart"
	"github.com/itu-d/portal/generator/internal/geo"
	"github.com/itu-d/portal/generator/internal/par"
	"github.com/itu-d/portal/generator/internal/source"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// The datasets the profiles and hubs read. A site without one of them
// (a fixture) gets profiles without what it holds.
const (
	seriesDataset   = "internet-use-by-country-series"
	wbDataset       = "internet-use-world-bank"
	ituRegionSet    = "internet-use-by-region"
	coverageDataset = "itu-mobile-coverage"
	genderDataset   = "itu-gender"
	urbanDataset    = "itu-urban-rural"
	ixpDataset      = "africa-ixps"
	cableDataset    = "djibouti-submarine-cables"
	centreDataset   = "itu-centres-of-excellence"
	officeDataset   = "itu-offices"
	latestDataset   = "internet-use-by-country"
)

//go:embed profiles.yaml
var profileWordsYAML []byte

// profileWords are the words profiles draw into charts and figures.
type profileWords struct {
	World             source.Text            `yaml:"world"`
	Year              source.Text            `yaml:"year"`
	InternetShare     source.Text            `yaml:"internetShare"`
	PopulationCovered source.Text            `yaml:"populationCovered"`
	Women             source.Text            `yaml:"women"`
	Men               source.Text            `yaml:"men"`
	Urban             source.Text            `yaml:"urban"`
	Rural             source.Text            `yaml:"rural"`
	Generations       map[string]source.Text `yaml:"generations"`
	Figures           map[string]source.Text `yaml:"figures"`
	Locator           source.Text            `yaml:"locator"`
	Stories           source.Text            `yaml:"stories"`
	StoriesOne        source.Text            `yaml:"storiesOne"`
	StoriesMany       source.Text            `yaml:"storiesMany"`
	StoryMapDesc      source.Text            `yaml:"storyMapDesc"`
	GroupYear         source.Text            `yaml:"groupYear"`
	Charts            map[string]source.Text `yaml:"charts"`
	WBRegions         map[string]source.Text `yaml:"wbRegions"`
	ITURegions        map[string]source.Text `yaml:"ituRegions"`
}

var words = sync.OnceValue(func() profileWords {
	var w profileWords
	if err := yaml.Unmarshal(profileWordsYAML, &w); err != nil {
		panic("derive: profiles.yaml: " + err.Error())
	}
	return w
})

// fill replaces {key} in s by the values given as key, value pairs.
func fill(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}

// ituRegionData names the ITU regions as the ITU datasets' group column does.
var ituRegionData = map[string]string{
	"africa": "Africa", "americas": "Americas", "arab-states": "Arab States",
	"asia-pacific": "Asia-Pacific", "cis": "CIS", "europe": "Europe",
}

// profileIndexJSON is what listings know of a country
// (site.Data.gen.profiles): its names, regions and latest Internet use.
type profileIndexJSON struct {
	Regions  []string          `json:"regions"`
	Name     map[string]string `json:"name"`
	Stories  int               `json:"stories"`
	Internet *latestJSON       `json:"internet,omitempty"`
}

// profilePageJSON is what a country's page reads in its language, from
// assets/gen/profiles/<lang>/<code>.json: one file a page, so no page
// parses the others' charts.
type profilePageJSON struct {
	Figures      []figureJSON `json:"figures"`
	Charts       []chartJSON  `json:"charts"`
	Locator      string       `json:"locator,omitempty"`
	Datasets     []string     `json:"datasets"`
	Publications []int        `json:"publications"`
	IXPs         []ixpJSON    `json:"ixps,omitempty"`
	Cables       []cableJSON  `json:"cables,omitempty"`
	Centres      []centreJSON `json:"centres,omitempty"`
	Offices      []officeJSON `json:"offices,omitempty"`
}

// profileJSON is everything derived about a country.
type profileJSON struct {
	Code    string            `json:"code"`
	Regions []string          `json:"regions"` // ITU regions, the primary first
	Name    map[string]string `json:"name"`
	// Internet is the country's latest Internet use, for the lead sentence.
	Internet *latestJSON             `json:"internet,omitempty"`
	Figures  map[string][]figureJSON `json:"figures"` // by language
	Charts   map[string][]chartJSON  `json:"charts"`  // the country's own, by language
	Locator  map[string]string       `json:"locator,omitempty"`
	Stories  int                     `json:"stories"`
	Datasets []string                `json:"datasets"`
	// Publications are positions in publications.json.
	Publications []int        `json:"publications"`
	IXPs         []ixpJSON    `json:"ixps,omitempty"`
	Cables       []cableJSON  `json:"cables,omitempty"`
	Centres      []centreJSON `json:"centres,omitempty"`
	Offices      []officeJSON `json:"offices,omitempty"`
}

type latestJSON struct {
	Year  string            `json:"year"`
	Value map[string]string `json:"value"` // formatted in each language
	World map[string]string `json:"world,omitempty"`
}

// figureJSON is one key figure as _partials/figures.html shows it.
type figureJSON struct {
	Value  string        `json:"value"`
	Label  string        `json:"label"`
	Source figureSrcJSON `json:"source"`
}

type figureSrcJSON struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// chartJSON is a chart drawn for a profile or hub, in one language.
type chartJSON struct {
	ID       string              `json:"id"`
	Title    string              `json:"title"`
	Dataset  string              `json:"dataset"` // where its numbers come from
	Sources  []source.DataSource `json:"sources"`
	Licenses []source.License    `json:"licenses"`
	renderJSON
}

type ixpJSON struct {
	Name string `json:"name"`
	City string `json:"city"`
	URL  string `json:"url,omitempty"`
}

type cableJSON struct {
	Name   string `json:"name"`
	Year   string `json:"year"`
	Length string `json:"length"`
	URL    string `json:"url,omitempty"`
}

type centreJSON struct {
	Name      string `json:"name"`
	Programme string `json:"programme"`
	Period    string `json:"period"`
	URL       string `json:"url,omitempty"`
}

type officeJSON struct {
	Kind string `json:"kind"`
	City string `json:"city"`
	URL  string `json:"url,omitempty"`
}

// hubsJSON is what the home and region pages read (site.Data.gen.hubs).
type hubsJSON struct {
	Regions map[string]regionHubJSON `json:"regions"`
	Home    homeHubJSON              `json:"home"`
	Topics  map[string]topicHubJSON  `json:"topics"`
}

type regionHubJSON struct {
	Members []string                `json:"members"`
	Map     map[string]chartJSON    `json:"map,omitempty"`
	Charts  map[string][]chartJSON  `json:"charts"`
	Figures map[string][]figureJSON `json:"figures"`
}

type homeHubJSON struct {
	StoryMap map[string]chartJSON `json:"storyMap,omitempty"`
	// Countries with stories, most stories first.
	Countries []storyCountJSON `json:"countries"`
}

type storyCountJSON struct {
	Code    string `json:"code"`
	Stories int    `json:"stories"`
}

// table is a resource's rows with its columns by name.
type table struct {
	ds   *source.Dataset
	rows [][]string
	col  map[string]int
}

func (t table) get(row []string, field string) string {
	if i, ok := t.col[field]; ok && i < len(row) {
		return row[i]
	}
	return ""
}

func findTable(site *source.Site, dataset, resource string) (table, bool) {
	for _, ds := range site.Datasets {
		if ds.Name != dataset {
			continue
		}
		for _, r := range ds.Resources {
			if resource != "" && r.Name != resource {
				continue
			}
			t := table{ds: ds, rows: r.Rows, col: map[string]int{}}
			for i, f := range r.Fields {
				t.col[f.Name] = i
			}
			return t, true
		}
	}
	return table{}, false
}

// percent writes a share as the language writes numbers: whole numbers
// from 10, one decimal below.
func percent(lang string, v float64) string {
	p := message.NewPrinter(numberTag(lang))
	s := p.Sprintf("%.0f", v)
	if v < 10 {
		s = p.Sprintf("%.1f", v)
	}
	switch lang {
	case "fr", "es", "ru":
		return s + "\u00a0%"
	}
	return s + "%"
}

type point struct {
	year  int
	value float64
}

// profilesAndHubs derives every country profile and the region and home
// hubs. pubIndex is each publication's position in publications.json.
func profilesAndHubs(site *source.Site, pubIndex map[string]int) (map[string]profileJSON, hubsJSON, error) {
	w := words()
	langs := site.Languages
	members := map[string]bool{}
	for _, r := range vocab.Regions {
		for _, c := range geo.Members(r) {
			members[c] = true
		}
	}
	codes := slices.Sorted(maps.Keys(members))

	// Series: each country's, each World Bank region's and the world's.
	series := map[string][]point{}
	if t, ok := findTable(site, seriesDataset, seriesDataset); ok {
		for _, row := range t.rows {
			y, e1 := strconv.Atoi(t.get(row, "year"))
			v, e2 := strconv.ParseFloat(t.get(row, "value"), 64)
			if e1 == nil && e2 == nil {
				series[t.get(row, "code")] = append(series[t.get(row, "code")], point{y, v})
			}
		}
	}
	wbOf := map[string]string{}
	if t, ok := findTable(site, seriesDataset, "world-bank-regions"); ok {
		for _, row := range t.rows {
			wbOf[t.get(row, "code")] = t.get(row, "wb_region")
		}
	}
	wbSeries := map[string][]point{}
	wbTable, haveWB := findTable(site, wbDataset, "")
	if haveWB {
		for _, row := range wbTable.rows {
			y, e1 := strconv.Atoi(wbTable.get(row, "year"))
			v, e2 := strconv.ParseFloat(wbTable.get(row, "value"), 64)
			if e1 == nil && e2 == nil {
				wbSeries[wbTable.get(row, "region")] = append(wbSeries[wbTable.get(row, "region")], point{y, v})
			}
		}
	}

	// What each country is linked to.
	stories := map[string]map[string]bool{}
	storyCount := map[string]int{}
	for _, s := range site.Stories {
		if s.Draft || s.Country == "" {
			continue
		}
		if stories[s.Country] == nil {
			stories[s.Country] = map[string]bool{}
		}
		stories[s.Country][s.Slug] = true
	}
	for c, set := range stories {
		storyCount[c] = len(set)
	}
	datasets := countryDatasets(site)
	pubs := map[string][]int{}
	for _, p := range site.Publications {
		for _, c := range p.Countries {
			if i, ok := pubIndex[p.ID]; ok {
				pubs[c] = append(pubs[c], i)
			}
		}
	}
	for c := range pubs {
		slices.Sort(pubs[c])
	}
	ixps, cables, centres, offices := countryLists(site)

	// Regional charts and figures, shared by the region's page and its
	// countries' pages.
	hubs := hubsJSON{Regions: map[string]regionHubJSON{}}
	regional := regionalFigures(site, langs)
	for _, r := range vocab.Regions {
		h := regionHubJSON{Members: geo.Members(r), Charts: map[string][]chartJSON{}, Figures: map[string][]figureJSON{}}
		for _, l := range langs {
			h.Figures[l] = regional(r, l)
		}
		hubs.Regions[r] = h
	}
	var mu sync.Mutex
	var firstErr error
	setErr := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	type job struct{ region, lang string }
	var jobs []job
	for _, r := range vocab.Regions {
		for _, l := range langs {
			jobs = append(jobs, job{r, l})
		}
	}
	regionCharts := make([][]chartJSON, len(jobs))
	regionMaps := make([]chartJSON, len(jobs))
	latest := latestByCountry(site)
	par.For(len(jobs), func(i int) {
		j := jobs[i]
		cs, err := regionalCharts(site, j.region, j.lang)
		if err != nil {
			setErr(fmt.Errorf("region %s (%s): %w", j.region, j.lang, err))
			return
		}
		regionCharts[i] = cs
		if len(latest.values) > 0 {
			m, err := regionMap(site, j.region, j.lang, latest)
			if err != nil {
				setErr(fmt.Errorf("region %s map (%s): %w", j.region, j.lang, err))
				return
			}
			regionMaps[i] = m
		}
	})
	if firstErr != nil {
		return nil, hubs, firstErr
	}
	for i, j := range jobs {
		h := hubs.Regions[j.region]
		h.Charts[j.lang] = regionCharts[i]
		if regionMaps[i].Wide != "" {
			if h.Map == nil {
				h.Map = map[string]chartJSON{}
			}
			h.Map[j.lang] = regionMaps[i]
		}
		hubs.Regions[j.region] = h
	}

	// The home page: the stories on a world map.
	hubs.Home = homeHub(storyCount)
	if len(storyCount) > 0 {
		hubs.Home.StoryMap = map[string]chartJSON{}
		for _, l := range langs {
			m, err := storyMap(storyCount, l)
			m.ID = "story-map"
			if err != nil {
				return nil, hubs, fmt.Errorf("story map (%s): %w", l, err)
			}
			hubs.Home.StoryMap[l] = m
		}
	}

	// A country has a profile when the site has something on it: a value
	// in the series, a story, a dataset or a publication.
	kept := codes[:0:0]
	for _, c := range codes {
		if len(series[c]) > 0 || storyCount[c] > 0 || len(datasets[c]) > 0 || len(pubs[c]) > 0 {
			kept = append(kept, c)
		}
	}
	codes = kept
	out := make([]profileJSON, len(codes))
	par.For(len(codes), func(i int) {
		code := codes[i]
		p := profileJSON{
			Code: code, Regions: geo.Regions(code), Name: map[string]string{},
			Figures: map[string][]figureJSON{}, Charts: map[string][]chartJSON{},
			Stories: storyCount[code], Datasets: nonNil(datasets[code]), Publications: pubs[code],
			IXPs: ixps[code], Cables: cables[code], Centres: centres[code], Offices: offices[code],
		}
		if p.Publications == nil {
			p.Publications = []int{}
		}
		for _, l := range langs {
			p.Name[l] = vocab.CountryName(code, l)
		}
		s := series[code]
		if len(s) > 0 {
			last := s[len(s)-1]
			p.Internet = &latestJSON{Year: strconv.Itoa(last.year), Value: map[string]string{}}
			worldAt, okWorld := valueAt(wbSeries["World"], last.year)
			if okWorld {
				p.Internet.World = map[string]string{}
			}
			for _, l := range langs {
				p.Internet.Value[l] = percent(l, last.value)
				if okWorld {
					p.Internet.World[l] = percent(l, worldAt)
				}
			}
		}
		if geo.Known(code) && len(p.Regions) > 0 {
			// Drawn once: the languages differ only in the map's name and
			// lang attribute, set here (a locator has no other words).
			title := func(l string) string {
				return fill(w.Locator.In(l), "country", vocab.CountryName(code, l), "region", w.ITURegions[p.Regions[0]].In(l))
			}
			svg, err := geo.Locator(code, geo.LocatorOptions{Region: p.Regions[0], Lang: langs[0], Title: title(langs[0])})
			if err != nil {
				setErr(fmt.Errorf("%s: locator: %w", code, err))
				return
			}
			p.Locator = map[string]string{}
			for _, l := range langs {
				p.Locator[l] = relabel(string(svg), langs[0], l, title(langs[0]), title(l))
			}
		}
		for _, l := range langs {
			p.Figures[l] = countryFigures(site, code, l, s, p, regional)
			if len(s) > 0 {
				c, err := internetChart(site, code, l, s, wbOf[code], wbSeries)
				if err != nil {
					setErr(fmt.Errorf("%s (%s): %w", code, l, err))
					return
				}
				p.Charts[l] = append(p.Charts[l], c)
			}
			if p.Charts[l] == nil {
				p.Charts[l] = []chartJSON{}
			}
		}
		out[i] = p
	})
	if firstErr != nil {
		return nil, hubs, firstErr
	}
	profiles := make(map[string]profileJSON, len(out))
	for _, p := range out {
		profiles[p.Code] = p
	}
	_ = w
	return profiles, hubs, nil
}

func valueAt(s []point, year int) (float64, bool) {
	for _, p := range s {
		if p.year == year {
			return p.value, true
		}
	}
	return 0, false
}

// countryDatasets lists, for each country, the datasets about it: those
// that name it, and those with a row for it in a column of country codes.
func countryDatasets(site *source.Site) map[string][]string {
	sets := map[string]map[string]bool{}
	add := func(c, ds string) {
		if sets[c] == nil {
			sets[c] = map[string]bool{}
		}
		sets[c][ds] = true
	}
	for _, ds := range site.Datasets {
		for _, c := range ds.Countries {
			add(c, ds.Name)
		}
		for _, r := range ds.Resources {
			for i, f := range r.Fields {
				isCode := f.Format == "country" || (f.Name == "code" && f.Pattern != nil && f.Pattern.String() == "^[A-Z]{2}$")
				if !isCode {
					continue
				}
				for _, row := range r.Rows {
					if i < len(row) && row[i] != "" {
						add(row[i], ds.Name)
					}
				}
			}
		}
	}
	out := map[string][]string{}
	for c, set := range sets {
		out[c] = slices.Sorted(maps.Keys(set))
	}
	return out
}

// countryLists are the things the datasets place in a country: Internet
// exchange points, submarine cables, ITU centres and offices.
func countryLists(site *source.Site) (map[string][]ixpJSON, map[string][]cableJSON, map[string][]centreJSON, map[string][]officeJSON) {
	ixps := map[string][]ixpJSON{}
	if t, ok := findTable(site, ixpDataset, "africa-ixp-locations"); ok {
		for _, row := range t.rows {
			c := t.get(row, "code")
			ixps[c] = append(ixps[c], ixpJSON{Name: t.get(row, "exchange"), City: t.get(row, "city"), URL: t.get(row, "source")})
		}
	}
	cables := map[string][]cableJSON{}
	if t, ok := findTable(site, cableDataset, "djibouti-submarine-cables"); ok {
		for _, c := range t.ds.Countries {
			for _, row := range t.rows {
				cables[c] = append(cables[c], cableJSON{Name: t.get(row, "cable"), Year: t.get(row, "rfs_year"), Length: t.get(row, "length_km"), URL: t.get(row, "source")})
			}
		}
	}
	centres := map[string][]centreJSON{}
	if t, ok := findTable(site, centreDataset, "named-centres"); ok {
		for _, row := range t.rows {
			c := t.get(row, "code")
			centres[c] = append(centres[c], centreJSON{Name: t.get(row, "institution"), Programme: t.get(row, "programme"), Period: t.get(row, "period"), URL: t.get(row, "source")})
		}
	}
	offices := map[string][]officeJSON{}
	if t, ok := findTable(site, officeDataset, ""); ok {
		for _, row := range t.rows {
			c := t.get(row, "code")
			offices[c] = append(offices[c], officeJSON{Kind: t.get(row, "kind"), City: t.get(row, "city"), URL: t.get(row, "source")})
		}
	}
	return ixps, cables, centres, offices
}

// regionalFigures returns a function giving a region's key figures in a
// language: its Internet use and 5G coverage, as ITU last published them.
func regionalFigures(site *source.Site, langs []string) func(region, lang string) []figureJSON {
	w := words()
	type fig struct {
		year, value, url, edition string
		low, high                 string
	}
	internet := map[string]fig{}
	if t, ok := findTable(site, ituRegionSet, ""); ok {
		for _, row := range t.rows {
			if t.get(row, "source_type") != "ITU (primary)" {
				continue
			}
			groups := []string{t.get(row, "region")}
			if g := groups[0]; strings.HasSuffix(g, "(range)") {
				groups = strings.Split(strings.TrimSpace(strings.TrimSuffix(g, "(range)")), " / ")
			}
			f := fig{year: t.get(row, "year"), value: t.get(row, "value"), url: t.get(row, "source"), edition: t.get(row, "edition"),
				low: t.get(row, "value_low"), high: t.get(row, "value_high")}
			for _, g := range groups {
				g = strings.TrimSpace(g)
				if old, ok := internet[g]; !ok || f.year > old.year || (f.year == old.year && f.edition > old.edition) {
					internet[g] = f
				}
			}
		}
	}
	coverage := map[string]fig{}
	if t, ok := findTable(site, coverageDataset, ""); ok {
		for _, row := range t.rows {
			if t.get(row, "generation") != "5G" || t.get(row, "source_type") != "ITU (primary)" {
				continue
			}
			g := t.get(row, "group")
			f := fig{year: t.get(row, "year"), value: t.get(row, "value"), url: t.get(row, "source"), edition: t.get(row, "edition")}
			if old, ok := coverage[g]; !ok || f.year > old.year {
				coverage[g] = f
			}
		}
	}
	format := func(lang string, f fig) string {
		if f.value == "" && f.low != "" && f.high != "" {
			lo, _ := strconv.ParseFloat(f.low, 64)
			hi, _ := strconv.ParseFloat(f.high, 64)
			return strings.TrimSuffix(strings.TrimSuffix(percent(lang, lo), "%"), "\u00a0") + "–" + percent(lang, hi)
		}
		v, _ := strconv.ParseFloat(f.value, 64)
		return percent(lang, v)
	}
	return func(region, lang string) []figureJSON {
		name := w.ITURegions[region].In(lang)
		var out []figureJSON
		if f, ok := internet[ituRegionData[region]]; ok && (f.value != "" || f.low != "") {
			out = append(out, figureJSON{Value: format(lang, f), Label: fill(w.Figures["internetRegion"].In(lang), "region", name, "year", f.year),
				Source: figureSrcJSON{Name: "ITU, " + f.edition, URL: f.url}})
		}
		if f, ok := internet["World"]; ok && f.value != "" {
			out = append(out, figureJSON{Value: format(lang, f), Label: fill(w.Figures["internetWorld"].In(lang), "year", f.year),
				Source: figureSrcJSON{Name: "ITU, " + f.edition, URL: f.url}})
		}
		if f, ok := coverage[ituRegionData[region]]; ok {
			out = append(out, figureJSON{Value: format(lang, f), Label: fill(w.Figures["coverage5G"].In(lang), "region", name, "year", f.year),
				Source: figureSrcJSON{Name: "ITU, " + f.edition, URL: f.url}})
		}
		return out
	}
}

// countryFigures are a country's key figures in a language: its own
// numbers first, then its region's.
func countryFigures(site *source.Site, code, lang string, s []point, p profileJSON, regional func(string, string) []figureJSON) []figureJSON {
	w := words()
	name := vocab.CountryName(code, lang)
	var out []figureJSON
	if len(s) > 0 {
		last := s[len(s)-1]
		src := figureSrcJSON{Name: "World Bank (IT.NET.USER.ZS, from ITU data), via Our World in Data"}
		if t, ok := findTable(site, seriesDataset, seriesDataset); ok && len(t.ds.Sources) > 0 {
			src.URL = t.ds.Sources[0].Path
		}
		out = append(out, figureJSON{Value: percent(lang, last.value), Label: fill(w.Figures["internet"].In(lang), "country", name, "year", strconv.Itoa(last.year)), Source: src})
	}
	if n := len(p.IXPs); n > 0 {
		out = append(out, figureJSON{Value: message.NewPrinter(numberTag(lang)).Sprint(n), Label: fill(w.Figures["ixps"].In(lang), "country", name),
			Source: figureSrcJSON{Name: "TeleGeography, Internet Exchange Map", URL: "https://www.internetexchangemap.com/"}})
	}
	if n := len(p.Cables); n > 0 {
		out = append(out, figureJSON{Value: message.NewPrinter(numberTag(lang)).Sprint(n), Label: fill(w.Figures["cables"].In(lang), "country", name),
			Source: figureSrcJSON{Name: "TeleGeography, Submarine Cable Map", URL: "https://www.submarinecablemap.com/"}})
	}
	if len(p.Regions) > 0 {
		out = append(out, regional(p.Regions[0], lang)...)
	}
	return out
}

// drawSpec draws a Vega-Lite spec built here, for phones and wide screens.
func drawSpec(spec map[string]any, lang, id, title string) (renderJSON, error) {
	b, err := json.Marshal(spec)
	if err != nil {
		return renderJSON{}, err
	}
	s, probs := chart.ParseSpec(id+".json", b)
	if s == nil {
		return renderJSON{}, fmt.Errorf("%v", probs)
	}
	return drawBoth(s, chart.Options{Lang: lang, BarValues: true, Title: title}, id)
}

func datasetMeta(site *source.Site, name string) ([]source.DataSource, []source.License) {
	for _, ds := range site.Datasets {
		if ds.Name == name {
			return ds.Sources, ds.Licenses
		}
	}
	return nil, nil
}

// internetChart draws a country's Internet use against its World Bank
// region's and the world's, from the same World Bank series.
func internetChart(site *source.Site, code, lang string, s []point, wbRegion string, wb map[string][]point) (chartJSON, error) {
	w := words()
	name := vocab.CountryName(code, lang)
	var values []map[string]any
	order := []string{name}
	add := func(label string, pts []point) {
		for _, p := range pts {
			if p.year < 2000 {
				continue
			}
			values = append(values, map[string]any{"year": strconv.Itoa(p.year), "value": p.value, "series": label})
		}
	}
	add(name, s)
	title := fill(w.Charts["internetNoRegion"].In(lang), "country", name)
	if rs, ok := wb[wbRegion]; ok && wbRegion != "" {
		label := w.WBRegions[wbRegion].In(lang)
		if label == "" {
			label = wbRegion
		}
		add(label, rs)
		order = append(order, label)
		title = fill(w.Charts["internet"].In(lang), "country", name)
	}
	if ws, ok := wb["World"]; ok {
		add(w.World.In(lang), ws)
		order = append(order, w.World.In(lang))
	}
	id := "profile-internet-" + strings.ToLower(code)
	spec := map[string]any{
		"data": map[string]any{"values": values},
		"mark": map[string]any{"type": "line", "point": true},
		"encoding": map[string]any{
			"x":     map[string]any{"field": "year", "type": "temporal", "title": w.Year.In(lang), "axis": map[string]any{"format": "%Y"}},
			"y":     map[string]any{"field": "value", "type": "quantitative", "title": w.InternetShare.In(lang), "scale": map[string]any{"domain": []any{0, 100}}},
			"color": map[string]any{"field": "series", "type": "nominal", "title": nil, "sort": order},
		},
		"usermeta": map[string]any{"units": map[string]any{"value": "%"}},
	}
	r, err := drawSpec(spec, lang, id, title)
	if err != nil {
		return chartJSON{}, err
	}
	srcs, lics := datasetMeta(site, seriesDataset)
	return chartJSON{ID: id, Title: title, Dataset: seriesDataset, Sources: srcs, Licenses: lics, renderJSON: r}, nil
}

// regionalCharts draws what the ITU datasets say about a region against
// the world: mobile coverage, and Internet use by sex and by area where
// the data has them.
func regionalCharts(site *source.Site, region, lang string) ([]chartJSON, error) {
	w := words()
	group := ituRegionData[region]
	rname := w.ITURegions[region].In(lang)
	var out []chartJSON
	grouped := func(kind, dataset, resource, catField string, cats []string, catLabel func(string) string, yTitle string) error {
		t, ok := findTable(site, dataset, resource)
		if !ok {
			return nil
		}
		// For the region and the world: the latest year with every category.
		var values []map[string]any
		var xOrder []string
		for _, g := range []string{group, "World"} {
			byYear := map[string]map[string]float64{}
			for _, row := range t.rows {
				if t.get(row, "group") != g || t.get(row, "source_type") != "ITU (primary)" {
					continue
				}
				y := t.get(row, "year")
				v, err := strconv.ParseFloat(t.get(row, "value"), 64)
				if err != nil {
					continue
				}
				if byYear[y] == nil {
					byYear[y] = map[string]float64{}
				}
				byYear[y][t.get(row, catField)] = v
			}
			best := ""
			for y, m := range byYear {
				full := true
				for _, c := range cats {
					if _, ok := m[c]; !ok {
						full = false
					}
				}
				if full && y > best {
					best = y
				}
			}
			if best == "" {
				if g == group {
					return nil // the region has no data: no chart
				}
				continue
			}
			gname := rname
			if g == "World" {
				gname = w.World.In(lang)
			}
			x := fill(w.GroupYear.In(lang), "group", gname, "year", best)
			xOrder = append(xOrder, x)
			for _, c := range cats {
				values = append(values, map[string]any{"group": x, "category": catLabel(c), "value": byYear[best][c]})
			}
		}
		var catOrder []string
		for _, c := range cats {
			catOrder = append(catOrder, catLabel(c))
		}
		id := "region-" + kind + "-" + region
		spec := map[string]any{
			"data": map[string]any{"values": values},
			"mark": "bar",
			"encoding": map[string]any{
				"x":       map[string]any{"field": "group", "type": "nominal", "title": nil, "sort": xOrder},
				"xOffset": map[string]any{"field": "category", "type": "nominal", "sort": catOrder},
				"y":       map[string]any{"field": "value", "type": "quantitative", "title": yTitle, "scale": map[string]any{"domain": []any{0, 100}}},
				"color":   map[string]any{"field": "category", "type": "nominal", "title": nil, "sort": catOrder},
			},
			"usermeta": map[string]any{"units": map[string]any{"value": "%"}},
		}
		r, err := drawSpec(spec, lang, id, fill(w.Charts[kind].In(lang), "region", rname))
		if err != nil {
			return err
		}
		srcs, lics := datasetMeta(site, dataset)
		out = append(out, chartJSON{ID: id, Title: fill(w.Charts[kind].In(lang), "region", rname), Dataset: dataset, Sources: srcs, Licenses: lics, renderJSON: r})
		return nil
	}
	if err := coverageChart(site, region, lang, &out); err != nil {
		return nil, err
	}
	if err := grouped("gender", genderDataset, "itu-gender-internet-use", "sex", []string{"Women", "Men"},
		func(c string) string {
			if c == "Women" {
				return w.Women.In(lang)
			}
			return w.Men.In(lang)
		}, w.InternetShare.In(lang)); err != nil {
		return nil, err
	}
	if err := grouped("urbanRural", urbanDataset, "itu-urban-rural-internet-use", "area", []string{"Urban", "Rural"},
		func(c string) string {
			if c == "Urban" {
				return w.Urban.In(lang)
			}
			return w.Rural.In(lang)
		}, w.InternetShare.In(lang)); err != nil {
		return nil, err
	}
	return out, nil
}

// coverageChart draws, for each mobile generation the region has a figure
// for, its latest coverage against the world's in the same year.
func coverageChart(site *source.Site, region, lang string, out *[]chartJSON) error {
	w := words()
	t, ok := findTable(site, coverageDataset, "")
	if !ok {
		return nil
	}
	group := ituRegionData[region]
	rname := w.ITURegions[region].In(lang)
	type key struct{ group, gen, year string }
	vals := map[key]float64{}
	latest := map[string]string{} // generation → the region's latest year
	for _, row := range t.rows {
		if t.get(row, "source_type") != "ITU (primary)" {
			continue
		}
		v, err := strconv.ParseFloat(t.get(row, "value"), 64)
		if err != nil {
			continue
		}
		k := key{t.get(row, "group"), t.get(row, "generation"), t.get(row, "year")}
		vals[k] = v
		if k.group == group && k.year > latest[k.gen] {
			latest[k.gen] = k.year
		}
	}
	gens := slices.Sorted(maps.Keys(latest))
	if len(gens) == 0 {
		return nil
	}
	var values []map[string]any
	var xOrder []string
	for _, g := range gens {
		y := latest[g]
		gl := w.Generations[g].In(lang)
		if gl == "" {
			gl = g
		}
		x := fill(w.GroupYear.In(lang), "group", gl, "year", y)
		xOrder = append(xOrder, x)
		values = append(values, map[string]any{"generation": x, "area": rname, "value": vals[key{group, g, y}]})
		if v, ok := vals[key{"World", g, y}]; ok {
			values = append(values, map[string]any{"generation": x, "area": w.World.In(lang), "value": v})
		}
	}
	order := []string{rname, w.World.In(lang)}
	id := "region-coverage-" + region
	spec := map[string]any{
		"data": map[string]any{"values": values},
		"mark": "bar",
		"encoding": map[string]any{
			"x":       map[string]any{"field": "generation", "type": "nominal", "title": nil, "sort": xOrder},
			"xOffset": map[string]any{"field": "area", "type": "nominal", "sort": order},
			"y":       map[string]any{"field": "value", "type": "quantitative", "title": w.PopulationCovered.In(lang), "scale": map[string]any{"domain": []any{0, 100}}},
			"color":   map[string]any{"field": "area", "type": "nominal", "title": nil, "sort": order},
		},
		"usermeta": map[string]any{"units": map[string]any{"value": "%"}},
	}
	r, err := drawSpec(spec, lang, id, fill(w.Charts["coverage"].In(lang), "region", rname))
	if err != nil {
		return err
	}
	srcs, lics := datasetMeta(site, coverageDataset)
	*out = append(*out, chartJSON{ID: id, Title: fill(w.Charts["coverage"].In(lang), "region", rname), Dataset: coverageDataset, Sources: srcs, Licenses: lics, renderJSON: r})
	return nil
}

// latestValues is each country's latest Internet use from 2015 on, as the
// latest-year dataset's map shows it.
type latestValues struct {
	values map[string]float64
	years  map[string]string
}

func latestByCountry(site *source.Site) latestValues {
	lv := latestValues{values: map[string]float64{}, years: map[string]string{}}
	t, ok := findTable(site, latestDataset, "")
	if !ok {
		return lv
	}
	for _, row := range t.rows {
		y := t.get(row, "year")
		if y < "2015" {
			continue
		}
		v, err := strconv.ParseFloat(t.get(row, "value"), 64)
		if err != nil {
			continue
		}
		c := t.get(row, "code")
		if geo.Known(c) {
			lv.values[c], lv.years[c] = v, y
		}
	}
	return lv
}

// regionMap draws a region's countries' latest Internet use.
func regionMap(site *source.Site, region, lang string, lv latestValues) (chartJSON, error) {
	w := words()
	vals := map[string]float64{}
	for _, c := range geo.Members(region) {
		if v, ok := lv.values[c]; ok {
			vals[c] = v
		}
	}
	title := fill(w.Charts["regionMap"].In(lang), "region", w.ITURegions[region].In(lang))
	svg, err := geo.Render(geo.GeoSpec{Values: vals, Years: lv.years, Region: region, Lang: lang, Title: title,
		Label: func(_ string, v float64) string { return percentOne(lang, v) }})
	if err != nil {
		return chartJSON{}, err
	}
	r := renderJSON{Wide: string(svg)}
	if m := descRE.FindSubmatch(svg); m != nil {
		r.Summary = html.UnescapeString(string(m[1]))
	}
	r.Table = tableOf(mapTable(title, lang, vals, lv.years, func(v float64) string { return percentOne(lang, v) }))
	srcs, lics := datasetMeta(site, latestDataset)
	return chartJSON{ID: "region-map-" + region, Title: title, Dataset: latestDataset, Sources: srcs, Licenses: lics, renderJSON: r}, nil
}

func percentOne(lang string, v float64) string {
	s := message.NewPrinter(numberTag(lang)).Sprintf("%.1f", v)
	switch lang {
	case "fr", "es", "ru":
		return s + "\u00a0%"
	}
	return s + "%"
}

// mapTable is a map's data as a table: country, value and year, by name.
func mapTable(caption, lang string, vals map[string]float64, years map[string]string, label func(float64) string) chart.Table {
	codes := slices.Collect(maps.Keys(vals))
	names := map[string]string{}
	for _, c := range codes {
		names[c] = vocab.CountryName(c, lang)
	}
	sort.Slice(codes, func(i, j int) bool { return names[codes[i]] < names[codes[j]] })
	t := chart.Table{Caption: caption, Columns: []chart.Column{{Title: countryWord.In(lang)}, {Title: words().Stories.In(lang), Numeric: true}}}
	if years != nil {
		t.Columns[1].Title = words().InternetShare.In(lang)
		t.Columns = append(t.Columns, chart.Column{Title: yearWord.In(lang), Numeric: true})
	}
	for _, c := range codes {
		row := []string{names[c], label(vals[c])}
		if years != nil {
			row = append(row, years[c])
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func homeHub(count map[string]int) homeHubJSON {
	h := homeHubJSON{Countries: []storyCountJSON{}}
	for c, n := range count {
		h.Countries = append(h.Countries, storyCountJSON{c, n})
	}
	sort.Slice(h.Countries, func(i, j int) bool {
		a, b := h.Countries[i], h.Countries[j]
		if a.Stories != b.Stories {
			return a.Stories > b.Stories
		}
		return a.Code < b.Code
	})
	return h
}

// storyMap draws the world with each country shaded by its number of
// stories.
func storyMap(count map[string]int, lang string) (chartJSON, error) {
	w := words()
	vals := map[string]float64{}
	for c, n := range count {
		if geo.Known(c) {
			vals[c] = float64(n)
		}
	}
	p := message.NewPrinter(numberTag(lang))
	label := func(_ string, v float64) string {
		n := int(v)
		if n == 1 {
			return fill(w.StoriesOne.In(lang), "n", p.Sprint(n))
		}
		return fill(w.StoriesMany.In(lang), "n", p.Sprint(n))
	}
	title := w.Charts["storyMap"].In(lang)
	desc := fill(w.StoryMapDesc.In(lang), "n", p.Sprint(len(vals)))
	svg, err := geo.Choropleth(geo.World(), vals, geo.ChoroplethOptions{Lang: lang, Title: title, Desc: desc, LegendTitle: w.Stories.In(lang),
		Breaks: []float64{2, 3, 5, 10}, Label: label, Format: func(v float64) string { return p.Sprint(int(v)) }})
	if err != nil {
		return chartJSON{}, err
	}
	svg = storyMapSVG(svg, []string{p.Sprint(1), p.Sprint(2), p.Sprint(3) + "–" + p.Sprint(4), p.Sprint(5) + "–" + p.Sprint(9), "≥ " + p.Sprint(10)})
	r := renderJSON{Wide: string(svg)}
	if m := descRE.FindSubmatch(svg); m != nil {
		r.Summary = html.UnescapeString(string(m[1]))
	}
	r.Table = tableOf(mapTable(title, lang, vals, nil, func(v float64) string { return p.Sprint(int(v)) }))
	return chartJSON{Title: title, renderJSON: r}, nil
}

// relabel moves an SVG drawn in one language to another: its lang
// attribute and its name.
func relabel(svg, from, to, oldTitle, newTitle string) string {
	if from == to {
		return svg
	}
	svg = strings.Replace(svg, ` lang="`+from+`"`, ` lang="`+to+`"`, 1)
	return strings.Replace(svg, ">"+html.EscapeString(oldTitle)+"</title>", ">"+html.EscapeString(newTitle)+"</title>", 1)
}

var (
	noDataFill   = regexp.MustCompile(`fill="url\(#[^)]*-nd\)"><title>([^<:]*)(?::|：)[^<]*</title>`)
	noDataLegend = regexp.MustCompile(`<rect[^>]*fill="url\(#[^)]*-nd\)"[^>]*/><text[^>]*>[^<]*</text>`)
	legendLabel  = regexp.MustCompile(`(<rect[^>]*var\(--map-\d[^>]*/><text[^>]*>)([^<]*)(</text>)`)
)

// storyMapSVG turns a choropleth of story counts into a map of where
// stories are: a country without one is plain land, not "no data", and the
// classes are named by the counts they hold. Package geo has no option for
// either yet; this rewrites its output.
func storyMapSVG(svg []byte, classes []string) []byte {
	svg = noDataFill.ReplaceAll(svg, []byte(`fill="var(--map-muted, #e3e7eb)"><title>$1</title>`))
	svg = noDataLegend.ReplaceAll(svg, nil)
	i := 0
	return legendLabel.ReplaceAllFunc(svg, func(m []byte) []byte {
		parts := legendLabel.FindSubmatch(m)
		if i >= len(classes) {
			return m
		}
		out := append(append(append([]byte{}, parts[1]...), html.EscapeString(classes[i])...), parts[3]...)
		i++
		return out
	})
}
