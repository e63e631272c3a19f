package derive

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/itu-d/portal/generator/internal/biblio"
	"github.com/itu-d/portal/generator/internal/source"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// What a reader needs to reuse a dataset, beside its CSV files: the
// Frictionless descriptor as JSON (datapackage.json, without the editorial
// block, which never leaves the repository), one ZIP of everything with a
// README, the licence and a citation, and the citation on the page; and a
// ZIP of every dataset.

// Who the portal's datasets are cited as.
const (
	datasetAuthor    = "ITU-D Knowledge Portal"
	datasetPublisher = "International Telecommunication Union"
	allDataZip       = "data/itu-d-portal-data.zip"
)

// zipTime is every ZIP entry's time: a fixed one, so two builds of the
// same data make the same bytes (and the same file hash).
var zipTime = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// reuseJSON is what a dataset page shows of the files and citation.
type reuseJSON struct {
	Package  string            `json:"package"` // URL of datapackage.json
	Zip      string            `json:"zip"`
	ZipBytes int               `json:"zipBytes"`
	APA      map[string]string `json:"apa"` // HTML, by language
	BibTeX   string            `json:"bibtex"`
	// Temporal is the span the data cover, as schema.org's
	// temporalCoverage takes it ("2000/2023"), or "" when no column
	// holds a year or date.
	Temporal string `json:"temporal,omitempty"`
}

// reuse writes each dataset's reuse files into files and returns what the
// pages show, by dataset name. base is the site's URL.
func reuse(site *source.Site, files map[string][]byte, base string) (map[string]reuseJSON, string, error) {
	base = strings.TrimSuffix(base, "/")
	out := map[string]reuseJSON{}
	var all bytes.Buffer
	allZip := zip.NewWriter(&all)
	names := make([]string, 0, len(site.Datasets))
	byName := map[string]*source.Dataset{}
	for _, ds := range site.Datasets {
		names = append(names, ds.Name)
		byName[ds.Name] = ds
	}
	sort.Strings(names)
	var index strings.Builder
	index.WriteString("# ITU-D Knowledge Portal: all datasets\n\n")
	fmt.Fprintf(&index, "Each folder is one dataset as its page offers it (%s/data/): its CSV files, its\n", base)
	index.WriteString("Frictionless descriptor (datapackage.json), a README, its licence and a citation.\n\n")
	for _, name := range names {
		ds := byName[name]
		page := base + "/data/" + name + "/"
		pkg, err := dataPackage(ds, page, base)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", ds.Descriptor, err)
		}
		items := map[string]*biblio.Item{}
		apa := map[string]string{}
		for _, l := range site.Languages {
			// Cited with the page in the reader's language.
			langPage := page
			if l != site.Languages[0] {
				langPage = base + "/" + l + "/data/" + name + "/"
			}
			it := datasetItem(ds, l, langPage)
			items[l] = it
			apa[l] = biblio.FormatAPA(it, l).HTML
		}
		var bib, csl bytes.Buffer
		if err := biblio.WriteBibTeX(&bib, items[site.Languages[0]]); err != nil {
			return nil, "", err
		}
		if err := biblio.WriteCSLJSON(&csl, items[site.Languages[0]]); err != nil {
			return nil, "", err
		}
		entries := []zipEntry{{"datapackage.json", pkg}}
		for _, r := range ds.Resources {
			entries = append(entries, zipEntry{r.Path, downloadCSV(r)})
		}
		entries = append(entries,
			zipEntry{"README.md", []byte(datasetReadme(ds, page, biblio.FormatAPA(items[site.Languages[0]], site.Languages[0]).Text))},
			zipEntry{"LICENSE.txt", []byte(datasetLicence(ds))},
			zipEntry{"CITATION.bib", bib.Bytes()},
			zipEntry{"CITATION.json", csl.Bytes()},
		)
		z, err := zipOf(entries, "")
		if err != nil {
			return nil, "", err
		}
		dir := "data/" + name + "/"
		files["static/"+dir+"datapackage.json"] = pkg
		files["static/"+dir+name+".zip"] = z
		for _, e := range entries {
			if err := addZip(allZip, name+"/"+e.name, e.data); err != nil {
				return nil, "", err
			}
		}
		fmt.Fprintf(&index, "- `%s/`: %s\n", name, ds.Title.In("en"))
		out[name] = reuseJSON{Package: "/" + dir + "datapackage.json", Zip: "/" + dir + name + ".zip", ZipBytes: len(z),
			APA: apa, BibTeX: bib.String(), Temporal: temporalCoverage(ds)}
	}
	if len(names) == 0 {
		return out, "", nil
	}
	if err := addZip(allZip, "README.md", []byte(index.String())); err != nil {
		return nil, "", err
	}
	if err := allZip.Close(); err != nil {
		return nil, "", err
	}
	files["static/"+allDataZip] = all.Bytes()
	return out, "/" + allDataZip, nil
}

type zipEntry struct {
	name string
	data []byte
}

func zipOf(entries []zipEntry, prefix string) ([]byte, error) {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, e := range entries {
		if err := addZip(w, prefix+e.name, e.data); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func addZip(w *zip.Writer, name string, data []byte) error {
	f, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: zipTime})
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}

// dataPackage is the dataset's descriptor as the Frictionless Data Package
// specification (v1 and v2) reads it: texts in English, the language every
// dataset has, and only public fields.
func dataPackage(ds *source.Dataset, page, base string) ([]byte, error) {
	type field struct {
		Name        string         `json:"name"`
		Type        string         `json:"type"`
		Title       string         `json:"title,omitempty"`
		Description string         `json:"description,omitempty"`
		Unit        string         `json:"unit,omitempty"`
		Constraints map[string]any `json:"constraints,omitempty"`
	}
	type resource struct {
		Name      string `json:"name"`
		Path      string `json:"path"`
		Profile   string `json:"profile"`
		Format    string `json:"format"`
		Mediatype string `json:"mediatype"`
		Encoding  string `json:"encoding"`
		Bytes     int    `json:"bytes"`
		Hash      string `json:"hash"`
		Schema    struct {
			Fields []field `json:"fields"`
		} `json:"schema"`
	}
	type named struct {
		Name  string `json:"name,omitempty"`
		Title string `json:"title,omitempty"`
		Path  string `json:"path,omitempty"`
		Role  string `json:"role,omitempty"`
	}
	pkg := struct {
		Schema       string     `json:"$schema"`
		Profile      string     `json:"profile"`
		Name         string     `json:"name"`
		ID           string     `json:"id"`
		Title        string     `json:"title"`
		Description  string     `json:"description"`
		Homepage     string     `json:"homepage"`
		Keywords     []string   `json:"keywords,omitempty"`
		Licenses     []named    `json:"licenses"`
		Sources      []named    `json:"sources"`
		Contributors []named    `json:"contributors"`
		Resources    []resource `json:"resources"`
	}{
		Schema: "https://datapackage.org/profiles/2.0/datapackage.json", Profile: "tabular-data-package",
		Name: ds.Name, ID: page, Title: ds.Title.In("en"), Description: ds.Desc.In("en"), Homepage: page,
		Contributors: []named{{Title: datasetAuthor, Path: base + "/", Role: "publisher"}},
	}
	for _, t := range ds.Topics {
		if tp, ok := vocab.TopicBySlug(t); ok {
			pkg.Keywords = append(pkg.Keywords, tp.Label("en"))
		} else {
			pkg.Keywords = append(pkg.Keywords, t)
		}
	}
	for _, l := range ds.Licenses {
		pkg.Licenses = append(pkg.Licenses, named{Name: l.Name, Title: l.Title, Path: l.Path})
	}
	for _, s := range ds.Sources {
		pkg.Sources = append(pkg.Sources, named{Title: sourceTitle(s), Path: s.Path})
	}
	for _, r := range ds.Resources {
		csv := downloadCSV(r)
		sum := sha256.Sum256(csv)
		res := resource{Name: r.Name, Path: r.Path, Profile: "tabular-data-resource", Format: "csv", Mediatype: "text/csv",
			Encoding: "utf-8", Bytes: len(csv), Hash: "sha256:" + hex.EncodeToString(sum[:])}
		for _, f := range r.Fields {
			fj := field{Name: f.Name, Type: f.Type, Title: f.Title.In("en"), Description: f.Desc.In("en"), Unit: f.Unit}
			c := map[string]any{}
			if f.Required {
				c["required"] = true
			}
			if len(f.Enum) > 0 {
				c["enum"] = f.Enum
			}
			switch {
			case f.Pattern != nil:
				c["pattern"] = f.Pattern.String()
			case f.Format == "country":
				// Table Schema has no country format: the pattern says it.
				c["pattern"] = "^[A-Z]{2}$"
			}
			if len(c) > 0 {
				fj.Constraints = c
			}
			res.Schema.Fields = append(res.Schema.Fields, fj)
		}
		pkg.Resources = append(pkg.Resources, res)
	}
	b, err := json.MarshalIndent(pkg, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// sourceTitle writes a source in one line: publisher, title, edition, date.
func sourceTitle(s source.DataSource) string {
	var parts []string
	for _, p := range []string{s.Publisher, s.Title, s.Edition, s.Date} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// datasetItem is the dataset as a citable record, in a language.
func datasetItem(ds *source.Dataset, lang, page string) *biblio.Item {
	return &biblio.Item{ID: ds.Name, Type: "dataset", Title: ds.Title.In(lang), Author: []biblio.Name{{Literal: datasetAuthor}},
		Publisher: datasetPublisher, URL: page, Language: langOf(ds, lang)}
}

func langOf(ds *source.Dataset, lang string) string {
	if ds.Title.Has(lang) {
		return lang
	}
	return "en"
}

func datasetReadme(ds *source.Dataset, page, citation string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", ds.Title.In("en"), ds.Desc.In("en"))
	if n := ds.Notes.In("en"); n != "" {
		fmt.Fprintf(&b, "## Notes\n\n%s\n\n", n)
	}
	fmt.Fprintf(&b, "The dataset's page, in six languages: %s\n\n## Files\n\n", page)
	b.WriteString("- `datapackage.json`: the Frictionless Data Package descriptor (columns, types, units, sources, licence)\n")
	for _, r := range ds.Resources {
		var cols []string
		for _, f := range r.Fields {
			c := "`" + f.Name + "`"
			if f.Unit != "" {
				c += " (" + f.Unit + ")"
			}
			cols = append(cols, c)
		}
		fmt.Fprintf(&b, "- `%s`: %d rows; columns %s\n", r.Path, len(r.Rows), strings.Join(cols, ", "))
	}
	b.WriteString("- `LICENSE.txt`, `CITATION.bib`, `CITATION.json` (CSL-JSON)\n\n## Sources\n\n")
	for _, s := range ds.Sources {
		if s.Path != "" {
			fmt.Fprintf(&b, "- %s: %s\n", sourceTitle(s), s.Path)
		} else {
			fmt.Fprintf(&b, "- %s\n", sourceTitle(s))
		}
	}
	fmt.Fprintf(&b, "\n## Licence\n\n%s\n## Citation (APA)\n\n%s\n", datasetLicence(ds), citation)
	return b.String()
}

func datasetLicence(ds *source.Dataset) string {
	var b strings.Builder
	for _, l := range ds.Licenses {
		name := l.Title
		if name == "" {
			name = l.Name
		}
		fmt.Fprintf(&b, "The data are licensed under %s (%s)", name, l.Name)
		if l.Path != "" {
			fmt.Fprintf(&b, ": %s", l.Path)
		}
		b.WriteString(".\n")
	}
	b.WriteString("Give credit to the sources listed in README.md and to the ITU-D Knowledge Portal.\n")
	return b.String()
}

// temporalCoverage is the span of the dataset's year and date columns.
func temporalCoverage(ds *source.Dataset) string {
	lo, hi := "", ""
	for _, r := range ds.Resources {
		for i, f := range r.Fields {
			if f.Type != "year" && f.Type != "date" {
				continue
			}
			for _, row := range r.Rows {
				if i >= len(row) || len(row[i]) < 4 {
					continue
				}
				y := row[i][:4]
				if y < "1000" || y > "2999" {
					continue
				}
				if lo == "" || y < lo {
					lo = y
				}
				if y > hi {
					hi = y
				}
			}
		}
	}
	if lo == "" || lo == hi {
		return lo
	}
	return lo + "/" + hi
}
