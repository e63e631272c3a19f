package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func fixture(t testing.TB) []Doc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []Doc
	if err := json.Unmarshal(b, &docs); err != nil {
		t.Fatal(err)
	}
	return docs
}

var fixtureLabels = func(lang, facet, value string) string {
	if lang == "fr" && facet == "type" && value == "story" {
		return "Récit"
	}
	if facet == "region" && value == "africa" {
		return map[string]string{"en": "Africa", "fr": "Afrique", "ar": "أفريقيا"}[lang]
	}
	return ""
}

// writeFixture builds the fixture index into a temporary site folder.
func writeFixture(t testing.TB) string {
	t.Helper()
	ix, err := Build(fixture(t), Options{Labels: fixtureLabels, ShardBytes: 256})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := ix.Write(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// find runs a query without typo correction as Query did before it had
// any: the results and facets of the language asked.
func find(dir, lang, q string, filters map[string][]string, sort string, limit int) ([]Result, Facets, error) {
	r, err := Query(dir, lang, Request{Q: q, Filters: filters, Sort: sort, Limit: limit, Exact: true})
	return r.Results, r.Facets, err
}

func urls(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

func TestQueryFindsHeldOutPages(t *testing.T) {
	dir := writeFixture(t)
	for _, c := range []struct {
		lang, q string
		first   string // URL of the first result, with its #heading
		total   int    // -1: any
	}{
		{"en", "hurricane julia", "/stories/nicaragua-hurricane-julia/#hurricane-julia", 1},
		{"en", "Hurricanes", "/stories/nicaragua-hurricane-julia/#hurricane-julia", 1},
		{"en", "connected schools", "/stories/giga-school-connectivity/#mapping", 2},
		{"en", "broadband djibouti", "/stories/djibouti-arta-wireless-broadband/", 1},
		{"en", "clinics", "/stories/djibouti-arta-wireless-broadband/#schools-and-clinics", 1},
		{"en", "satellite term", "/stories/nicaragua-hurricane-julia/", 1},                 // as you type
		{"en", "connectivi", "/stories/giga-school-connectivity/", -1},                     // prefix of a longer word than its stem
		{"en", "hurricane zzzz", "/stories/nicaragua-hurricane-julia/#hurricane-julia", 1}, // most terms matched
		{"fr", "télécentres", "/fr/stories/niger-smart-villages-pilot/#les-telecentres", 1},
		{"fr", "telecentre", "/fr/stories/niger-smart-villages-pilot/#les-telecentres", 1},
		{"fr", "TÉLÉCENTRE", "/fr/stories/niger-smart-villages-pilot/#les-telecentres", 1},
		{"fr", "haut debit", "/fr/stories/djibouti-arta-wireless-broadband/", 1},
		{"fr", "éducation", "/fr/stories/djibouti-arta-wireless-broadband/", 1},
		{"ar", "الاتصالات", "/ar/stories/niger-smart-villages-pilot/", 2},  // "about" after stories
		{"ar", "الاتّصالات", "/ar/stories/niger-smart-villages-pilot/", 2}, // with a shadda
		{"ar", "الانترنت", "/ar/data/internet-use/", 2},                    // أ إ آ written as ا
		{"ar", "المراكز", "/ar/stories/niger-smart-villages-pilot/#المراكز", 1},
		{"zh", "宽带网络", "/zh/stories/rural-broadband/", 1},
		{"zh", "网络建设", "/zh/stories/rural-broadband/", 1},
		{"zh", "宽", "/zh/stories/rural-broadband/", 2}, // one character, as you type
		{"es", "conectadas", "/es/stories/conectividad-escolar/", 1},
		{"es", "Educacion", "/es/stories/conectividad-escolar/", 1},
		{"ru", "широкополосного доступа", "/ru/stories/broadband/", 1},
		{"ru", "ещё", "/ru/stories/broadband/", 1},
		{"ru", "еще", "/ru/stories/broadband/", 1},
	} {
		rs, _, err := find(dir, c.lang, c.q, nil, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) == 0 || rs[0].URL != c.first || c.total >= 0 && len(rs) != c.total {
			t.Errorf("%s %q: got %q, want %s first of %d", c.lang, c.q, urls(rs), c.first, c.total)
		}
	}
	if rs, _, _ := find(dir, "en", "telecentres", nil, "", 10); len(rs) != 1 || !strings.Contains(rs[0].Excerpt, "<mark>Telecentres</mark>") {
		t.Errorf("telecentres: %+v", rs)
	}
	for _, q := range []string{"", "   ", "zzzz", "!!"} {
		if rs, _, _ := find(dir, "en", q, nil, "", 10); len(rs) != 0 {
			t.Errorf("%q: got %q, want nothing", q, urls(rs))
		}
	}
}

func TestExcerptMarksAndEscapes(t *testing.T) {
	dir := writeFixture(t)
	rs, _, err := find(dir, "en", "national ministries", nil, "", 1)
	if err != nil || len(rs) != 1 {
		t.Fatal(rs, err)
	}
	want := "…surveys where available, otherwise estimates &lt;from&gt; <mark>national</mark> regulators &amp; <mark>ministries</mark>."
	if rs[0].Excerpt != want || rs[0].Heading != "Method" || rs[0].URL != "/data/internet-use-by-region/#method" {
		t.Errorf("got %+v\nwant excerpt %s", rs[0], want)
	}
	rs, _, _ = find(dir, "zh", "宽带网络", nil, "", 1)
	if want := "国际电联支持农村地区的<mark>宽带网络</mark>建设，让学校和诊所接入互联网。"; rs[0].Excerpt != want {
		t.Errorf("zh excerpt %s, want %s", rs[0].Excerpt, want)
	}
	rs, _, _ = find(dir, "fr", "telecentres", nil, "", 1)
	if want := "Deux <mark>télécentres</mark> offrent"; !strings.HasPrefix(rs[0].Excerpt, want) || rs[0].TypeLabel != "Récit" {
		t.Errorf("fr result %+v", rs[0])
	}
}

func facetString(fs Facets) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.Name + ":")
		for _, v := range f.Values {
			fmt.Fprintf(&b, " %s=%d", v.Label, v.Count)
			if v.Selected {
				b.WriteString("*")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestFacetsAndFilters(t *testing.T) {
	dir := writeFixture(t)
	rs, fs, err := find(dir, "en", "schools", nil, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 {
		t.Fatalf("schools: %q", urls(rs))
	}
	want := `type: story=2
region: Africa=2 asia-pacific=1
country: dj=1 ke=1 rw=1
sector: education=2 health=1 infrastructure=1
sdg: 3=1 4=2 9=2
year: 2021=1 2013=1
`
	if got := facetString(fs); got != want {
		t.Errorf("facets:\n%s\nwant:\n%s", got, want)
	}
	// OR within a facet, AND across; a facet's own filter leaves its other
	// values counted.
	rs, fs, _ = find(dir, "en", "schools", map[string][]string{"country": {"dj", "rw"}, "sector": {"health"}}, "", 10)
	if got := urls(rs); !slices.Equal(got, []string{"/stories/djibouti-arta-wireless-broadband/#schools-and-clinics"}) {
		t.Errorf("filtered: %q", got)
	}
	want = `type: story=1
region: Africa=1
country: dj=1* rw=0*
sector: education=2 health=1* infrastructure=1
sdg: 3=1 4=1 9=1
year: 2013=1
`
	if got := facetString(fs); got != want {
		t.Errorf("facets:\n%s\nwant:\n%s", got, want)
	}
	// No query: browse by facet, newest first.
	rs, _, _ = find(dir, "en", "", map[string][]string{"region": {"africa"}}, "", 10)
	if got, want := urls(rs), []string{"/data/internet-use-by-region/", "/stories/giga-school-connectivity/", "/stories/djibouti-arta-wireless-broadband/"}; !slices.Equal(got, want) {
		t.Errorf("browse: %q, want %q", got, want)
	}
	// Sort by date.
	rs, _, _ = find(dir, "en", "internet", nil, "date", 10)
	var dates []string
	for _, r := range rs {
		dates = append(dates, r.Date)
	}
	if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) || len(dates) < 3 {
		t.Errorf("sort by date: %q", dates)
	}
	// An unknown facet is ignored; an unknown value matches nothing.
	if rs, _, _ := find(dir, "en", "schools", map[string][]string{"utm_source": {"x"}}, "", 10); len(rs) != 2 {
		t.Errorf("unknown facet: %q", urls(rs))
	}
	if rs, _, _ := find(dir, "en", "schools", map[string][]string{"region": {"mars"}}, "", 10); len(rs) != 0 {
		t.Errorf("unknown value: %q", urls(rs))
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	docs := fixture(t)
	write := func(docs []Doc) map[string][]byte {
		ix, err := Build(docs, Options{Labels: fixtureLabels, ShardBytes: 256})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if _, err := ix.Write(dir); err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				files[p[len(dir):]], _ = os.ReadFile(p)
			}
			return err
		})
		return files
	}
	a := write(docs)
	slices.Reverse(docs)
	b := write(docs)
	if len(a) != len(b) || len(a) < 20 {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Errorf("%s differs between builds", name)
		}
		if strings.HasSuffix(name, ".json") && !json.Valid(x) {
			t.Errorf("%s is not JSON", name)
		}
	}
}

func TestWriteReplacesStaleFiles(t *testing.T) {
	dir := t.TempDir()
	docs := fixture(t)
	ix, _ := Build(docs, Options{})
	if _, err := ix.Write(dir); err != nil {
		t.Fatal(err)
	}
	keep := filepath.Join(dir, "search", "en", "README")
	os.WriteFile(keep, []byte("x"), 0o644)
	docs[0].Title = "Changed"
	ix, _ = Build(docs, Options{})
	st, err := ix.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range Langs {
		es, _ := os.ReadDir(filepath.Join(dir, "search", l))
		n += len(es)
	}
	if n != st.Files+1 {
		t.Errorf("%d files on disk, %d written", n, st.Files)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Error("Write removed a file that is not its own")
	}
}

func TestBuildReportsBadDocs(t *testing.T) {
	_, err := Build([]Doc{{URL: "/a/", Lang: "en"}, {URL: "/a/", Lang: "en"}, {Lang: "en", Title: "No URL"}, {URL: "/b/", Lang: "de"}}, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`/a/: indexed twice in "en"`, `doc 2 ("No URL"): no URL`, `/b/: language "de" is not one of`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// TestQueryMatchesJS runs the same queries through Query and search.js:
// results, facets, corrections and other languages' results.
func TestQueryMatchesJS(t *testing.T) {
	dir := writeFixture(t)
	var qs []jsQuery
	add := func(lang, q string, f map[string][]string, sort string, offset, limit int) {
		qs = append(qs, jsQuery{Root: dir, Lang: lang, Q: q, Filters: f, Sort: sort, Offset: offset, Limit: limit})
	}
	for _, q := range []string{"hurricane julia", "schools", "connectivi", "satellite term", "internet", "broadband africa", "itu", "national ministries", "zzz", "",
		"hurricane juila", "huricane", "connectivty", "satelite ", "Djibuti", "portal", "télécentres"} {
		add("en", q, nil, "", 0, 10)
	}
	add("en", "schools", map[string][]string{"country": {"dj", "rw"}, "sector": {"health"}}, "", 0, 10)
	add("en", "", map[string][]string{"region": {"africa"}}, "", 0, 10)
	add("en", "internet", nil, "date", 0, 10)
	add("en", "internet", nil, "", 1, 2)
	add("en", "shcools", nil, "", 0, 0)
	qs = append(qs, jsQuery{Root: dir, Lang: "en", Q: "shcools", Limit: 10, Exact: true})
	for _, q := range []string{"télécentres", "haut débit", "éduc", "l'UIT", "telecenters", "educaiton", "broadband"} {
		add("fr", q, nil, "", 0, 10)
	}
	for _, q := range []string{"الاتصالات", "الإنترنت", "المراكز الصحية", "ال", "الاتصلات", "المركز", "المراكز السحية"} {
		add("ar", q, nil, "", 0, 10)
	}
	for _, q := range []string{"宽带网络", "宽", "互联网 学校"} {
		add("zh", q, nil, "", 0, 10)
	}
	for _, q := range []string{"educación en línea", "eduacción", "schools", "broadband", "brodband", "hurricane juila"} {
		add("es", q, nil, "", 0, 10)
	}
	for _, q := range []string{"широкополосного", "широкополоснго", "доступа"} {
		add("ru", q, nil, "", 0, 10)
	}
	js := runJS(t, nil, qs).Queries
	hits := func(rs []Result) []jsHit {
		out := []jsHit{}
		for _, r := range rs {
			out = append(out, jsHit{r.URL, r.Title, r.Type, r.TypeLabel, r.Date, r.Heading, r.Lang, r.Score, r.Excerpt})
		}
		return out
	}
	for i, q := range qs {
		r, err := Query(q.Root, q.Lang, Request{Q: q.Q, Filters: q.Filters, Sort: q.Sort, Offset: q.Offset, Limit: q.Limit, Exact: q.Exact})
		if err != nil {
			t.Fatal(err)
		}
		if js[i].Results == nil {
			js[i].Results = []jsHit{}
		}
		if js[i].Others == nil {
			js[i].Others = []jsHit{}
		}
		gb, _ := json.MarshalIndent([]any{r.Total, r.Corrected, hits(r.Results), hits(r.Others)}, "", " ")
		jb, _ := json.MarshalIndent([]any{js[i].Total, js[i].Corrected, js[i].Results, js[i].Others}, "", " ")
		if !bytes.Equal(gb, jb) {
			t.Errorf("%s %q: Go\n%s\nJS\n%s", q.Lang, q.Q, gb, jb)
		}
		var gf strings.Builder
		for _, f := range r.Facets {
			for _, v := range f.Values {
				fmt.Fprintf(&gf, "%s=%s(%s):%d:%v ", f.Name, v.Value, v.Label, v.Count, v.Selected)
			}
		}
		var jf strings.Builder
		for _, f := range js[i].Facets {
			for _, v := range f.Values {
				fmt.Fprintf(&jf, "%s=%s(%s):%d:%v ", f.Name, v.Value, v.Label, v.Count, v.Selected)
			}
		}
		if gf.String() != jf.String() {
			t.Errorf("%s %q facets: Go %s\nJS %s", q.Lang, q.Q, gf.String(), jf.String())
		}
	}
}

func TestDocsFromHTML(t *testing.T) {
	docs, err := DocsFromHTML(filepath.Join("testdata", "site"), nil, false)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.MarshalIndent(docs, "", "  ")
	want := `[
  {
    "URL": "/",
    "Lang": "en",
    "Title": "ITU-D Knowledge Portal",
    "Headings": null,
    "Body": [
      {
        "HeadingID": "",
        "Text": "Success stories, data and research."
      }
    ],
    "Meta": "",
    "ContentLang": "",
    "Canonical": "",
    "Translations": null,
    "Facets": {
      "type": [
        "page"
      ]
    },
    "Date": ""
  },
  {
    "URL": "/es/stories/arta/",
    "Lang": "es",
    "Title": "Wireless broadband in Arta",
    "Headings": null,
    "Body": [
      {
        "HeadingID": "",
        "Text": "Esta historia aún no está disponible en español. A WiMax network for the health centre and schools."
      }
    ],
    "Meta": "",
    "ContentLang": "en",
    "Canonical": "/stories/arta/",
    "Translations": null,
    "Facets": {
      "region": [
        "africa"
      ],
      "type": [
        "story"
      ],
      "year": [
        "2013"
      ]
    },
    "Date": ""
  },
  {
    "URL": "/fr/stories/arta/",
    "Lang": "fr",
    "Title": "Arta",
    "Headings": [
      {
        "ID": "intro",
        "Text": "Sans titre h1"
      }
    ],
    "Body": [
      {
        "HeadingID": "",
        "Text": ""
      },
      {
        "HeadingID": "intro",
        "Text": "Le haut débit à Arta."
      }
    ],
    "Meta": "",
    "ContentLang": "",
    "Canonical": "",
    "Translations": null,
    "Facets": {
      "region": [
        "africa"
      ],
      "type": [
        "story"
      ]
    },
    "Date": "2013-12-19"
  },
  {
    "URL": "/stories/arta/",
    "Lang": "en",
    "Title": "Wireless broadband in Arta",
    "Headings": [
      {
        "ID": "the-network",
        "Text": "The network"
      }
    ],
    "Body": [
      {
        "HeadingID": "",
        "Text": "A WiMax network for the health centre and schools."
      },
      {
        "HeadingID": "the-network",
        "Text": "Base stations connect the town."
      },
      {
        "HeadingID": "",
        "Text": "Numbers Two schools. BibTeX record"
      }
    ],
    "Meta": "Country: Djibouti December 2013 Goals Quality education",
    "ContentLang": "",
    "Canonical": "",
    "Translations": {
      "fr": "/fr/stories/arta/"
    },
    "Facets": {
      "country": [
        "dj"
      ],
      "region": [
        "africa"
      ],
      "sdg": [
        "3",
        "4"
      ],
      "sector": [
        "health",
        "education"
      ],
      "type": [
        "story"
      ],
      "year": [
        "2013"
      ]
    },
    "Date": "2013-12"
  }
]`
	if string(got) != want {
		t.Errorf("got\n%s", got)
	}
	fr, _ := DocsFromHTML(filepath.Join("testdata", "site"), []string{"fr"}, false)
	if len(fr) != 1 || fr[0].Lang != "fr" {
		t.Errorf("fr only: %+v", fr)
	}
}
