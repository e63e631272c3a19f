package derive

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dlclark/regexp2/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/itu-d/portal/generator/internal/source"
)

// realSite is the repository's own site, loaded once for the tests that
// check what derive makes of the shipped data.
var realSite = sync.OnceValues(func() (*source.Site, error) {
	site, probs := source.Load(filepath.Join("..", "..", ".."), source.Options{})
	if probs.Errors() > 0 {
		return nil, os.ErrInvalid
	}
	return site, nil
})

func loadRealSite(t *testing.T) *source.Site {
	t.Helper()
	if testing.Short() {
		t.Skip("reads the whole site")
	}
	site, err := realSite()
	if err != nil {
		t.Fatal("the repository's site does not load")
	}
	return site
}

// TestDataPackagesAreFrictionless: every shipped dataset's datapackage.json
// validates against the Frictionless Data Package profiles, v1 and v2
// (testdata/frictionless, from frictionlessdata/specs, public domain), and
// never carries the editorial block.
func TestDataPackagesAreFrictionless(t *testing.T) {
	site := loadRealSite(t)
	files := map[string][]byte{}
	got, all, err := reuse(site, files, "https://example.org/")
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	// The profiles' patterns are ECMAScript (lookahead): Go's regexp
	// cannot read them.
	c.UseRegexpEngine(func(s string) (jsonschema.Regexp, error) {
		re, err := regexp2.Compile(s, regexp2.ECMAScript)
		if err != nil {
			return nil, err
		}
		return ecmaRegexp{re}, nil
	})
	var schemas []*jsonschema.Schema
	for _, v := range []string{"1.0", "2.0"} {
		b, err := os.ReadFile(filepath.Join("testdata", "frictionless", "datapackage-"+v+".json"))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		url := "https://datapackage.org/profiles/" + v + "/datapackage.json"
		if err := c.AddResource(url, doc); err != nil {
			t.Fatal(err)
		}
		s, err := c.Compile(url)
		if err != nil {
			t.Fatal(err)
		}
		schemas = append(schemas, s)
	}
	if len(got) != len(site.Datasets) || all == "" {
		t.Fatalf("%d reuse records for %d datasets, all-data ZIP %q", len(got), len(site.Datasets), all)
	}
	for _, ds := range site.Datasets {
		b := files["static/data/"+ds.Name+"/datapackage.json"]
		if strings.Contains(string(b), "editorial") {
			t.Errorf("%s: datapackage.json carries the editorial block", ds.Name)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", ds.Name, err)
		}
		for i, s := range schemas {
			if err := s.Validate(doc); err != nil {
				t.Errorf("%s: Data Package v%d: %v", ds.Name, i+1, err)
			}
		}
		// The ZIP holds the descriptor, every CSV, the README, licence and citations.
		z, err := zip.NewReader(bytes.NewReader(files["static/data/"+ds.Name+"/"+ds.Name+".zip"]), int64(len(files["static/data/"+ds.Name+"/"+ds.Name+".zip"])))
		if err != nil {
			t.Fatalf("%s: %v", ds.Name, err)
		}
		names := map[string]bool{}
		for _, f := range z.File {
			names[f.Name] = true
		}
		want := []string{"datapackage.json", "README.md", "LICENSE.txt", "CITATION.bib", "CITATION.json"}
		for _, r := range ds.Resources {
			want = append(want, r.Path)
		}
		for _, w := range want {
			if !names[w] {
				t.Errorf("%s: ZIP lacks %s", ds.Name, w)
			}
		}
		var csl []map[string]any
		if err := json.Unmarshal(readZip(t, z, "CITATION.json"), &csl); err != nil || len(csl) != 1 || csl[0]["type"] != "dataset" {
			t.Errorf("%s: CITATION.json is not one CSL-JSON dataset: %v %v", ds.Name, err, csl)
		}
		r := got[ds.Name]
		if !strings.Contains(r.APA["en"], "[Data set]") {
			t.Errorf("%s: APA citation %q does not say it is a data set", ds.Name, r.APA["en"])
		}
		if !strings.HasPrefix(r.BibTeX, "% Encoding: UTF-8\n\n@dataset{"+ds.Name) {
			t.Errorf("%s: BibTeX %q", ds.Name, r.BibTeX)
		}
	}
	if got := got["internet-use-by-country-series"].Temporal; got != "1960/2023" {
		t.Errorf("temporal coverage of the series: %q, want 1960/2023", got)
	}
}

func readZip(t *testing.T, z *zip.Reader, name string) []byte {
	t.Helper()
	f, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	b.ReadFrom(f)
	return b.Bytes()
}

type ecmaRegexp struct{ re *regexp2.Regexp }

func (r ecmaRegexp) MatchString(s string) bool {
	ok, err := r.re.MatchString(s)
	return ok && err == nil
}

func (r ecmaRegexp) String() string { return r.re.String() }

// TestChartFileSaysWhatItIs: a downloaded chart carries its title, source,
// licence, span and permalink, and its drawing in a viewport under them.
func TestChartFileSaysWhatItIs(t *testing.T) {
	drawing := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 680 300" width="680" height="300" role="img"><rect width="10" height="10"/></svg>`
	f := string(chartFile(drawing, chartMeta{Title: "Internet use, 2025", Lang: "en", Permalink: "https://example.org/data/x/v/", Span: "2000/2023",
		Sources: []source.DataSource{{Publisher: "ITU", Title: "Facts and Figures 2025"}}, Licenses: []source.License{{Name: "CC-BY-4.0", Title: "Creative Commons Attribution 4.0"}},
		SourceWord: "Source", LicenceWord: "Licence", DataWord: "Data"}))
	for _, want := range []string{"<title>Internet use, 2025</title>", "Source: ITU, Facts and Figures 2025.", "Licence: Creative Commons Attribution 4.0.",
		"Data: 2000–2023.", ">https://example.org/data/x/v/</text>", "<dc:rights>CC-BY-4.0</dc:rights>", `<svg x="0" y="`, `role="img"`} {
		if !strings.Contains(f, want) {
			t.Errorf("chart file lacks %q:\n%s", want, f)
		}
	}
	i := strings.Index(f, `<svg x="0"`)
	if tag := f[i : i+strings.Index(f[i:], ">")]; strings.Count(tag, "width=") != 1 {
		t.Errorf("the drawing keeps its own size: %s", tag)
	}
}
