package derive

import (
	"fmt"
	"html"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/itu-d/portal/generator/internal/chart"
	"github.com/itu-d/portal/generator/internal/geo"
	"github.com/itu-d/portal/generator/internal/par"
	"github.com/itu-d/portal/generator/internal/source"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// Chart widths: one drawing for phones, one for wider screens; CSS shows one.
const (
	narrowWidth = 340
	wideWidth   = 680
)

// datasetJSON is what templates read about a dataset (site.Data.gen.datasets).
type datasetJSON struct {
	Name        string              `json:"name"`
	Title       source.Text         `json:"title"`
	Description source.Text         `json:"description"`
	Notes       source.Text         `json:"notes,omitempty"`
	Topics      []string            `json:"topics"`
	Regions     []string            `json:"regions"`
	Countries   []string            `json:"countries"`
	Sources     []source.DataSource `json:"sources"`
	Licenses    []source.License    `json:"licenses"`
	Langs       []string            `json:"langs"`
	Resources   []resourceJSON      `json:"resources"`
	Views       []viewJSON          `json:"views"`
	// Reuse: the descriptor, the ZIP and the citation (reuse.go).
	Reuse *reuseJSON `json:"reuse,omitempty"`
	// Publications about the same regions or countries: positions in
	// publications.json, newest first as the library lists them.
	Publications []int `json:"publications,omitempty"`
}

type resourceJSON struct {
	Name   string      `json:"name"`
	URL    string      `json:"url"`
	Bytes  int         `json:"bytes"`
	Rows   int         `json:"rows"`
	Fields []fieldJSON `json:"fields"`
}

type fieldJSON struct {
	Name  string      `json:"name"`
	Type  string      `json:"type"`
	Unit  string      `json:"unit,omitempty"`
	Title source.Text `json:"title,omitempty"`
	Desc  source.Text `json:"description,omitempty"`
}

type viewJSON struct {
	Name        string                `json:"name"`
	Title       source.Text           `json:"title"`
	Description source.Text           `json:"description,omitempty"`
	Kind        string                `json:"kind"`
	CSV         string                `json:"csv"`
	Rows        int                   `json:"rows"`
	Render      map[string]renderJSON `json:"render"`
}

type renderJSON struct {
	Narrow  string    `json:"narrow,omitempty"`
	Wide    string    `json:"wide"`
	SVG     string    `json:"svg"` // URL of the standalone file
	Summary string    `json:"summary"`
	Table   tableJSON `json:"table"`
	// The standalone file as PNG, at its size and twice it, and the name
	// a download takes (without extension).
	PNG      string `json:"png,omitempty"`
	PNG2x    string `json:"png2x,omitempty"`
	Download string `json:"download,omitempty"`
}

// tableJSON is a chart's data table as a page prints it: the columns, for
// its head, and the rows already as HTML (chart.Table.RowsHTML).
type tableJSON struct {
	Columns []chart.Column
	Rows    string `json:"rows,omitempty"`
}

func tableOf(t chart.Table) tableJSON {
	return tableJSON{Columns: t.Columns, Rows: t.RowsHTML()}
}

// Charts counts what datasets derive.
type Charts struct{ Datasets, Views, Drawings int }

// datasets draws every view of every dataset in each language the dataset
// is written in, and lays out the files readers download.
func datasets(site *source.Site, files map[string][]byte, baseURL string, pngs *[]chartPNG) (map[string]datasetJSON, Charts, error) {
	out := map[string]datasetJSON{}
	var n Charts
	texts := i18nTexts(site)
	baseURL = strings.TrimSuffix(baseURL, "/")
	var draws []viewDrawing
	for _, ds := range site.Datasets {
		n.Datasets++
		dj := datasetJSON{Name: ds.Name, Title: ds.Title, Description: ds.Desc, Notes: ds.Notes, Topics: nonNil(ds.Topics),
			Regions: nonNil(ds.Regions), Countries: nonNil(ds.Countries), Sources: ds.Sources, Licenses: ds.Licenses}
		for _, l := range site.Languages {
			if ds.Title.Has(l) {
				dj.Langs = append(dj.Langs, l)
			}
		}
		base := "data/" + ds.Name + "/"
		for _, r := range ds.Resources {
			files["static/"+base+r.Path] = downloadCSV(r)
			rj := resourceJSON{Name: r.Name, URL: "/" + base + r.Path, Bytes: len(r.Bytes), Rows: len(r.Rows)}
			for _, f := range r.Fields {
				rj.Fields = append(rj.Fields, fieldJSON{Name: f.Name, Type: f.Type, Unit: f.Unit, Title: f.Title, Desc: f.Desc})
			}
			dj.Resources = append(dj.Resources, rj)
		}
		for _, v := range ds.Views {
			n.Views++
			vj := viewJSON{Name: v.Name, Title: v.Title, Description: v.Desc, Render: map[string]renderJSON{}, Kind: "map"}
			if v.Geo == nil {
				vj.Kind = markOf(v.Spec)
			}
			rows, header, text := viewRows(ds, v)
			vj.Rows = len(rows)
			vj.CSV = "/" + base + v.Name + ".csv"
			files["static/"+base+v.Name+".csv"] = writeCSV(header, rows, text)
			// Every language draws the chart in its own interface (numbers,
			// dates, axes, summary); texts the spec does not translate stay
			// as written.
			for _, lang := range site.Languages {
				draws = append(draws, viewDrawing{ds: ds, v: v, lang: lang, base: base, rows: rows, header: header, render: vj.Render})
			}
			dj.Views = append(dj.Views, vj)
		}
		out[ds.Name] = dj
	}
	// The drawings are most of the work, and independent: made on every
	// core, then added in order.
	par.For(len(draws), func(i int) {
		d := &draws[i]
		if d.v.Geo != nil {
			d.r, d.err = drawMap(d.ds, d.v, d.lang, d.rows, d.header)
		} else {
			d.r, d.err = drawChart(d.ds, d.v, d.lang)
		}
		if d.err != nil {
			return
		}
		prefix := ""
		if d.lang != site.Languages[0] {
			prefix = "/" + d.lang
		}
		t := texts[d.lang]
		d.file = chartFile(d.r.Wide, chartMeta{Title: d.v.Title.In(d.lang), Lang: d.lang, RTL: d.lang == "ar",
			Permalink: baseURL + prefix + "/" + d.base + d.v.Name + "/", Span: temporalCoverage(d.ds),
			Sources: d.ds.Sources, Licenses: d.ds.Licenses,
			SourceWord: t["chart_source"], LicenceWord: t["chart_license"], DataWord: t["chart_data_span"]})
		d.pic = pictureName(d.file)
	})
	for _, d := range draws {
		if d.err != nil {
			return nil, n, fmt.Errorf("%s: view %s (%s): %w", d.ds.Descriptor, d.v.Name, d.lang, d.err)
		}
		n.Drawings++
		file := d.base + d.v.Name + "." + d.lang + ".svg"
		files["static/"+file] = d.file
		*pngs = append(*pngs, chartPNG{file: d.file, name: d.pic})
		r := d.r
		r.SVG = "/" + file
		r.PNG, r.PNG2x, r.Download = "/charts/"+d.pic+".png", "/charts/"+d.pic+"@2x.png", d.v.Name+"."+d.lang
		d.render[d.lang] = r
	}
	return out, n, nil
}

// viewDrawing is one view drawn in one language, and what became of it.
type viewDrawing struct {
	ds     *source.Dataset
	v      *source.View
	lang   string
	base   string // the dataset's folder, data/<name>/
	rows   [][]string
	header []string
	render map[string]renderJSON // the view's drawings, by language
	r      renderJSON
	file   []byte // the chart file (SVG with title and sources)
	pic    string
	err    error
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func markOf(spec map[string]any) string {
	switch m := spec["mark"].(type) {
	case string:
		return m
	case map[string]any:
		if t, ok := m["type"].(string); ok {
			return t
		}
	}
	if _, ok := spec["layer"]; ok {
		return "layer"
	}
	return "chart"
}

func drawChart(ds *source.Dataset, v *source.View, lang string) (renderJSON, error) {
	return drawBoth(v.Chart, chart.Options{Lang: lang, LoadCSV: ds.Loader(), BarValues: true, Title: v.Title.In(lang)}, "")
}

// drawBoth draws a spec for phones and for wide screens: the summary and
// table come from the wide drawing. idPrefix, when set, makes each
// drawing's element ids (idPrefix-width).
func drawBoth(s *chart.Spec, opt chart.Options, idPrefix string) (renderJSON, error) {
	var r renderJSON
	for _, w := range []int{narrowWidth, wideWidth} {
		opt.Width = w
		if idPrefix != "" {
			opt.ID = fmt.Sprintf("%s-%d", idPrefix, w)
		}
		c, probs := chart.Render(s, opt)
		if c == nil {
			return r, fmt.Errorf("%v", probs)
		}
		if w == narrowWidth {
			r.Narrow = string(c.SVG)
			continue
		}
		r.Wide, r.Summary, r.Table = string(c.SVG), c.Summary, tableOf(c.Table)
	}
	return r, nil
}

// viewRows are the rows of the view's CSV that its filters keep, for the
// "this view's data" download.
func viewRows(ds *source.Dataset, v *source.View) ([][]string, []string, []bool) {
	url := ""
	if d, ok := v.Spec["data"].(map[string]any); ok {
		url, _ = d["url"].(string)
	}
	if url == "" {
		if layers, ok := v.Spec["layer"].([]any); ok && len(layers) > 0 {
			if l, ok := layers[0].(map[string]any); ok {
				if d, ok := l["data"].(map[string]any); ok {
					url, _ = d["url"].(string)
				}
			}
		}
	}
	for _, r := range ds.Resources {
		if r.Path != url {
			continue
		}
		var header []string
		idx := map[string]int{}
		for i, f := range r.Fields {
			header = append(header, f.Name)
			idx[f.Name] = i
		}
		filters := source.ViewFilters(v.Spec)
		var rows [][]string
		for _, row := range r.Rows {
			if keep(row, idx, filters) {
				rows = append(rows, row)
			}
		}
		return rows, header, textColumns(r)
	}
	return nil, nil, nil
}

func keep(row []string, idx map[string]int, filters []source.Filter) bool {
	for _, f := range filters {
		i, ok := idx[f.Field]
		if !ok {
			continue
		}
		cell := row[i]
		num, numErr := strconv.ParseFloat(cell, 64)
		cmp := func(v any) (float64, bool) {
			x, err := strconv.ParseFloat(fmt.Sprint(v), 64)
			return x, err == nil && numErr == nil
		}
		switch f.Op {
		case "equal":
			if x, ok := cmp(f.Value); ok {
				if num != x {
					return false
				}
			} else if cell != fmt.Sprint(f.Value) {
				return false
			}
		case "oneOf":
			list, _ := f.Value.([]any)
			found := false
			for _, v := range list {
				found = found || fmt.Sprint(v) == cell
			}
			if !found {
				return false
			}
		default:
			x, ok := cmp(f.Value)
			if !ok {
				return false
			}
			if (f.Op == "lt" && !(num < x)) || (f.Op == "lte" && !(num <= x)) || (f.Op == "gt" && !(num > x)) || (f.Op == "gte" && !(num >= x)) {
				return false
			}
		}
	}
	return true
}

// numberTag is the language numbers are written in: Western digits in
// Arabic, as UN Arabic documents and the charts use them.
func numberTag(lang string) language.Tag {
	if lang == "ar" {
		return language.MustParse("ar-u-nu-latn")
	}
	return language.Make(lang)
}

var descRE = regexp.MustCompile(`(?s)<desc[^>]*>(.*?)</desc>`)

// drawMap draws a choropleth through package geo, with a summary and a
// table of every country's value in the page's language.
func drawMap(ds *source.Dataset, v *source.View, lang string, rows [][]string, header []string) (renderJSON, error) {
	g := v.Geo
	idx := map[string]int{}
	for i, h := range header {
		idx[h] = i
	}
	values, years := map[string]float64{}, map[string]string{}
	for _, row := range rows {
		x, err := strconv.ParseFloat(row[idx[g.ValueField]], 64)
		if err != nil {
			continue
		}
		code := row[idx[g.CodeField]]
		values[code] = x
		if g.YearField != "" {
			years[code] = row[idx[g.YearField]]
		}
	}
	p := message.NewPrinter(numberTag(lang))
	// Counts (offices, exchanges) are written as whole numbers.
	verb := "%.0f"
	for _, x := range values {
		if x != math.Trunc(x) {
			verb = "%.1f"
			break
		}
	}
	label := func(code string, x float64) string {
		s := p.Sprintf(verb, x)
		if g.Unit == "%" {
			return s + "%"
		}
		if g.Unit != "" {
			return s + " " + g.Unit
		}
		return s
	}
	// Territories too small for the boundaries (Gibraltar) stay in the table.
	drawn := map[string]float64{}
	for c, x := range values {
		if geo.Known(c) {
			drawn[c] = x
		}
	}
	tr := geo.Translations(v.Spec)
	svg, err := geo.Render(geo.GeoSpec{Values: drawn, Years: years, Lang: lang, Title: v.Title.In(lang), Label: label, LegendTitle: g.Legend, Translations: tr})
	if err != nil {
		return renderJSON{}, err
	}
	r := renderJSON{Wide: string(svg)}
	if m := descRE.FindSubmatch(svg); m != nil {
		r.Summary = html.UnescapeString(string(m[1]))
	}
	codes := make([]string, 0, len(values))
	for c := range values {
		codes = append(codes, c)
	}
	names := map[string]string{}
	for _, c := range codes {
		names[c] = vocab.CountryName(c, lang)
	}
	sort.Slice(codes, func(i, j int) bool { return names[codes[i]] < names[codes[j]] })
	valueTitle := g.Legend
	if valueTitle == "" {
		valueTitle = g.ValueField
	}
	valueTitle = geo.Translate(tr, lang, valueTitle)
	t := chart.Table{Caption: v.Title.In(lang), Columns: []chart.Column{{Title: countryWord.In(lang)}, {Title: valueTitle, Numeric: true}}}
	if g.YearField != "" {
		t.Columns = append(t.Columns, chart.Column{Title: yearWord.In(lang), Numeric: true})
	}
	for _, c := range codes {
		row := []string{names[c], label(c, values[c])}
		if g.YearField != "" {
			row = append(row, years[c])
		}
		t.Rows = append(t.Rows, row)
	}
	r.Table = tableOf(t)
	return r, nil
}

var (
	countryWord = source.Text{"en": "Country", "fr": "Pays", "es": "País", "ar": "البلد", "zh": "国家", "ru": "Страна"}
	yearWord    = source.Text{"en": "Year", "fr": "Année", "es": "Año", "ar": "السنة", "zh": "年份", "ru": "Год"}
)

// relatedPublications finds, for each dataset, the publications that name
// one of its regions or countries (at most limit), so no page scans the
// library.
func relatedPublications(site *source.Site, ds map[string]datasetJSON, index map[string]int, limit int) {
	for name, d := range ds {
		want := map[string]bool{}
		for _, r := range d.Regions {
			want["r:"+r] = true
		}
		for _, c := range d.Countries {
			want["c:"+c] = true
		}
		if len(want) == 0 {
			continue
		}
		var hits []int
		for _, p := range site.Publications {
			hit := false
			for _, r := range p.Regions {
				hit = hit || want["r:"+r]
			}
			for _, c := range p.Countries {
				hit = hit || want["c:"+c]
			}
			if i, ok := index[p.ID]; hit && ok {
				hits = append(hits, i)
			}
		}
		sort.Ints(hits)
		if len(hits) > limit {
			hits = hits[:limit]
		}
		d.Publications = hits
		ds[name] = d
	}
}
