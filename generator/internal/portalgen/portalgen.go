// Package portalgen writes a generated portal for benchmarks: the
// repository's templates and configuration around synthetic stories (a
// quarter of them translated into French and Arabic, the rest shown in
// every language by fallback), publications and datasets with charts and
// maps, in the proportions of a real ITU-D portal. The same size gives the
// same bytes, so two runs measure the same site. Nothing it writes is real
// content: it exists to be built.
package portalgen

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/itu-d/portal/generator/internal/source"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// Size is how much a portal holds.
type Size struct {
	Stories, Publications, Datasets int
}

// ForPages is a size whose build makes about pages HTML pages in the six
// languages: a story is 6 pages, a publication 6 plus its share of facet
// pages, a dataset 6 for itself and 6 per view.
func ForPages(pages int) Size {
	return Size{Stories: max(1, pages/12), Publications: max(1, pages/24), Datasets: max(1, pages/600)}
}

// Write lays out a portal of size s in dir, taking the templates and
// configuration from the repository at root.
func Write(root, dir string, s Size) error {
	for _, d := range []string{"layouts", "i18n", "assets", "archetypes", "static", "schemas"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(root, d))); err != nil {
			return err
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "hugo.toml"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "hugo.toml"), cfg, 0o644); err != nil {
		return err
	}
	// Section pages, regions and content adapters, as the site has them.
	err = filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(filepath.Join(root, "content"), p)
		name := d.Name()
		keep := strings.HasPrefix(name, "_index.") || name == "_content.gotmpl"
		if !keep || strings.HasPrefix(rel, "stories"+string(filepath.Separator)) && strings.Count(rel, string(filepath.Separator)) > 1 {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// Front matter only: the bodies link to the site's real stories.
		if strings.HasPrefix(name, "_index.") {
			if end := bytes.Index(b[4:], []byte("\n---")); bytes.HasPrefix(b, []byte("---\n")) && end >= 0 {
				b = append(b[:4+end+4:4+end+4], '\n')
			}
		}
		return write(filepath.Join(dir, "content", rel), b)
	})
	if err != nil {
		return err
	}
	if err := remark(filepath.Join(dir, "content")); err != nil {
		return err
	}
	w := &writer{dir: dir}
	for i := range s.Datasets {
		w.dataset(i)
	}
	for i := range s.Stories {
		w.story(i, s.Datasets)
	}
	w.publications(s.Publications)
	return w.err
}

type writer struct {
	dir string
	err error
}

func (w *writer) file(rel string, b []byte) {
	if w.err == nil {
		w.err = write(filepath.Join(w.dir, filepath.FromSlash(rel)), b)
	}
}

func write(p string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// countries are the places generated content is about, a few per region.
var countries = []struct{ code, region string }{
	{"DJ", "africa"}, {"NE", "africa"}, {"RW", "africa"}, {"SN", "africa"}, {"KE", "africa"},
	{"HT", "americas"}, {"NI", "americas"}, {"BR", "americas"}, {"EG", "arab-states"}, {"OM", "arab-states"},
	{"TN", "arab-states"}, {"VU", "asia-pacific"}, {"PH", "asia-pacific"}, {"WS", "asia-pacific"},
	{"LK", "asia-pacific"}, {"KG", "cis"}, {"UZ", "cis"}, {"KZ", "cis"}, {"RS", "europe"}, {"MK", "europe"},
}

var paragraph = strings.Repeat("A generated paragraph about connectivity for schools, clinics and local government, "+
	"written to the length of the portal's real stories so that templates and search read as much text. ", 4)

const heroSVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630" role="img" aria-labelledby="t"><title id="t">A generated illustration</title><rect width="1200" height="630" fill="#e8f2f4"/><circle cx="600" cy="315" r="120" fill="#2e6f8e"/></svg>`

func (w *writer) story(i, datasets int) {
	c := countries[i%len(countries)]
	slug := fmt.Sprintf("story-%05d", i)
	sectors := []string{vocab.Sectors[i%len(vocab.Sectors)], vocab.Sectors[(i/3+1)%len(vocab.Sectors)]}
	if sectors[0] == sectors[1] {
		sectors = sectors[:1]
	}
	chart := ""
	if datasets > 0 && i%5 == 0 {
		chart = fmt.Sprintf("\n{{< chart \"generated-%03d/trend\" >}}\n", i%datasets)
	}
	var body strings.Builder
	for s := range 4 {
		fmt.Fprintf(&body, "## Part %d\n\n%s\n\n%s\n\n", s+1, paragraph, paragraph)
	}
	text := func(lang, title string) []byte {
		var b bytes.Buffer
		fmt.Fprintf(&b, "---\ntitle: %q\ndate: %d-%02d-%02d\nsummary: %q\nregion: %s\ncountry: %s\nsectors: [%s]\nsdgs: [%d, 9]\nfeatured: %v\n",
			title, 2005+i%20, i%12+1, i%28+1, fmt.Sprintf("A generated %s story, number %d, about connectivity in one country.", lang, i),
			c.region, c.code, strings.Join(sectors, ", "), i%8+1, i < 6)
		fmt.Fprintf(&b, "figures:\n  - {value: \"%d\", unit: \"sites\", label: \"connected in the generated project\", source: {publisher: \"ITU\", title: \"Generated source %d\"}}\n", 10+i%90, i)
		b.WriteString("image: {src: hero.svg, alt: \"A generated illustration\"}\n")
		fmt.Fprintf(&b, "sources:\n  - {publisher: \"ITU\", title: \"Generated report %d\", date: \"%d\"}\n", i, 2005+i%20)
		if lang != "en" {
			b.WriteString("translation:\n  method: machine\n")
		}
		b.WriteString("---\n")
		b.WriteString(body.String())
		b.WriteString(chart)
		return b.Bytes()
	}
	orig := text("en", fmt.Sprintf("Generated story %d", i))
	w.file("content/stories/"+slug+"/index.md", orig)
	w.file("content/stories/"+slug+"/hero.svg", []byte(heroSVG))
	if i%4 != 0 {
		return
	}
	of, err := source.TextHash(orig)
	if err != nil {
		w.err = err
		return
	}
	for _, lang := range []string{"fr", "ar"} {
		tr := text(lang, fmt.Sprintf("Generated story %d (%s)", i, lang))
		// The translation follows its original as it is.
		tr = bytes.Replace(tr, []byte("translation:\n"), []byte("translation:\n  of: \""+of+"\"\n"), 1)
		w.file("content/stories/"+slug+"/index."+lang+".md", tr)
	}
}

// keywords are topics the library uses.
var keywords = []string{"internet use", "connectivity", "digital inclusion", "cybersecurity", "emergency telecommunications",
	"spectrum management", "e-waste", "digital skills", "broadband", "gender"}

func (w *writer) publications(n int) {
	var b strings.Builder
	b.WriteString("@string{itu = {International Telecommunication Union}}\n")
	for i := range n {
		c := countries[i%len(countries)]
		fmt.Fprintf(&b, "@report{gen-%05d,\n  author = {{International Telecommunication Union}},\n  title = {Generated report number %d on connectivity in {ITU} regions},\n"+
			"  institution = itu,\n  address = {Geneva},\n  year = {%d},\n  number = {D-GEN-%05d},\n  langid = {english},\n  keywords = {%s, %s},\n"+
			"  abstract = {A generated abstract of the length of the library's real ones, about connectivity and the people it reaches.},\n"+
			"  url = {https://www.itu.int/pub/D-GEN-%05d},\n  regions = {%s},\n  countries = {%s},\n}\n\n",
			i, i, 2000+i%25, i, keywords[i%len(keywords)], keywords[(i/7)%len(keywords)], i, c.region, c.code)
	}
	w.file("data/publications/generated.bib", []byte(b.String()))
}

func (w *writer) dataset(i int) {
	name := fmt.Sprintf("generated-%03d", i)
	var csv strings.Builder
	csv.WriteString("code,year,value\n")
	for _, c := range countries {
		for y := 2000; y <= 2023; y++ {
			fmt.Fprintf(&csv, "%s,%d,%.1f\n", c.code, y, float64((y-2000)*4+len(c.code)*i%9)+0.5)
		}
	}
	w.file("data/datasets/"+name+"/"+name+".csv", []byte(csv.String()))
	desc := fmt.Sprintf(`name: %s
title: {en: "Generated indicator %d", fr: "Indicateur généré %d", ar: "مؤشر مولد %d"}
description: {en: "A generated indicator by country and year, for benchmarks.", fr: "Un indicateur généré par pays et par année.", ar: "مؤشر مولد حسب البلد والسنة."}
topics: [internet-use]
regions: []
countries: []
sources: [{publisher: ITU, title: "Generated data %d"}]
licenses: [{name: CC-BY-4.0, title: Creative Commons Attribution 4.0}]
resources:
- name: %s
  path: %s.csv
  schema:
    fields:
    - {name: code, type: string, format: country}
    - {name: year, type: year}
    - {name: value, type: number, unit: "%%"}
views:
- name: trend
  title: {en: "Generated trend %d"}
  resources: [%s]
  specType: vega-lite
  spec:
    data: {url: %s.csv}
    transform:
    - {filter: {field: code, oneOf: [DJ, NE, RW]}}
    mark: line
    encoding:
      x: {field: year, type: temporal}
      y: {field: value, type: quantitative, title: "Value (%%)"}
      color: {field: code, type: nominal}
- name: map
  title: {en: "Generated map %d"}
  resources: [%s]
  specType: vega-lite
  spec:
    data: {url: %s.csv}
    transform:
    - {filter: {field: year, equal: 2023}}
    mark: geoshape
    encoding:
      shape: {field: code, type: nominal}
      color: {field: value, type: quantitative, title: "Value (%%)"}
`, name, i, i, i, i, name, name, i, name, name, i, name, name)
	w.file("data/datasets/"+name+"/datapackage.yaml", []byte(desc))
}

var ofLine = regexp.MustCompile(`(?m)^(\s+of:\s*)"[0-9a-f]*"`)

// remark points each copied translation at its original as copied (front
// matter only), so that none reads as outdated.
func remark(content string) error {
	return filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		parts := strings.Split(d.Name(), ".")
		if len(parts) != 3 || parts[2] != "md" {
			return nil
		}
		orig, err := os.ReadFile(filepath.Join(filepath.Dir(p), parts[0]+".md"))
		if err != nil {
			return nil
		}
		of, err := source.TextHash(orig)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(p, ofLine.ReplaceAll(b, []byte(`${1}"`+of+`"`)), 0o644)
	})
}
