package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// corpus generates n English pages: Zipf-distributed words from a 30,000
// word vocabulary, a title, three to six sections of 40 to 120 words under
// headings, and the site's facets.
func corpus(n int) ([]Doc, []string) {
	r := rand.New(rand.NewPCG(1, 2))
	syll := strings.Fields("ba ca da fa ga la ma na pa ra sa ta va be ce de fe ge le me ne pe re se te ve bi ci di fi gi li mi ni pi ri si ti vi bo co do fo go lo mo no po ro so to vo bu cu du fu gu lu mu nu pu ru su tu vu con ter ing tion ment ness")
	vocab := strings.Fields("the of and to in for on with by from as at is are was this that which their broadband internet mobile network connectivity school health digital access rural data policy development telecommunication emergency satellite regulation spectrum infrastructure women youth skills cybersecurity affordability coverage")
	seen := map[string]bool{}
	for len(vocab) < 30000 {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	zipf := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	words := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(ws, " ")
	}
	types := []string{"story", "story", "story", "publication", "publication", "publication", "dataset", "chart", "chart", "page"}
	regions := []string{"africa", "americas", "arab-states", "asia-pacific", "cis", "europe"}
	sectors := []string{"health", "education", "agriculture", "emergency", "infrastructure", "gender", "youth", "finance", "environment", "cybersecurity"}
	docs := make([]Doc, n)
	for i := range docs {
		year := 2000 + r.IntN(26)
		d := Doc{
			URL:   fmt.Sprintf("/%ss/page-%d/", types[i%len(types)], i),
			Lang:  "en",
			Title: words(5 + r.IntN(6)),
			Date:  fmt.Sprintf("%d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28)),
			Facets: map[string][]string{
				"type":   {types[r.IntN(len(types))]},
				"region": {regions[r.IntN(len(regions))]},
				"year":   {fmt.Sprint(year)},
			},
		}
		if t := d.Facets["type"][0]; t == "story" || t == "dataset" {
			d.Facets["country"] = []string{fmt.Sprintf("%c%c", 'a'+r.IntN(14), 'a'+r.IntN(14))}
		}
		for range 1 + r.IntN(3) {
			d.Facets["sector"] = append(d.Facets["sector"], sectors[r.IntN(len(sectors))])
			d.Facets["sdg"] = append(d.Facets["sdg"], fmt.Sprint(1+r.IntN(17)))
		}
		d.Body = append(d.Body, Section{Text: words(40 + r.IntN(40))})
		for s := range 2 + r.IntN(4) {
			id := fmt.Sprintf("s%d", s)
			d.Headings = append(d.Headings, Heading{ID: id, Text: words(2 + r.IntN(3))})
			d.Body = append(d.Body, Section{HeadingID: id, Text: words(40 + r.IntN(80))})
		}
		docs[i] = d
	}
	// Typical queries: a common word, a rarer one, two and three words,
	// a word being typed, and words mistyped (two letters swapped, one
	// left out).
	swap := func(w string) string { return w[:2] + w[3:4] + w[2:3] + w[4:] }
	queries := []string{vocab[20], vocab[300], vocab[25] + " " + vocab[400], vocab[21] + " " + vocab[33] + " " + vocab[1500], vocab[27] + " " + vocab[800][:3], vocab[5000],
		swap(vocab[300]) + " ", vocab[31] + " " + vocab[2000][:3] + vocab[2000][4:] + " "}
	return docs, queries
}

type fetched struct{ raw, gz, warm, files int }

// queryBytes runs q against the index under dir as the search page does
// (typo correction and other languages included) and returns what it read:
// the manifests, the facet tables, the shards, the vocabulary chunks and
// the pages shown, raw and gzipped (as a host serves them), and raw without
// the manifest and facet table of lang, which a browser has cached after
// the first query.
func queryBytes(tb testing.TB, dir, lang, q string) fetched {
	var ls []*fileLoader
	_, err := query(func(l string) (loader, *manifest, error) {
		fl := &fileLoader{dir: filepath.Join(dir, "search", l)}
		if _, err := os.Stat(filepath.Join(fl.dir, "manifest.json")); err != nil {
			return nil, nil, nil
		}
		ls = append(ls, fl)
		m, err := fl.manifest()
		return fl, m, err
	}, lang, Request{Q: q, Limit: 10})
	if err != nil {
		tb.Fatal(err)
	}
	var f fetched
	for i, l := range ls {
		f.raw += l.bytes
		f.files += len(l.files)
		var m manifest
		if i == 0 {
			(&fileLoader{dir: l.dir}).load("manifest.json", &m)
		}
		for _, name := range l.files {
			b, _ := os.ReadFile(filepath.Join(l.dir, name))
			if i > 0 || name != "manifest.json" && name != m.F {
				f.warm += len(b)
			}
			var buf bytes.Buffer
			w := gzip.NewWriter(&buf)
			w.Write(b)
			w.Close()
			f.gz += buf.Len()
		}
	}
	return f
}

// BenchmarkBuild10000 builds and writes the index of 10,000 generated pages
// in one language, and reports the bytes typical queries read. It fails
// when a build takes over 5 s, or a query over 100 kB: gzipped for a first
// query, raw for the next ones.
func BenchmarkBuild10000(b *testing.B) {
	docs, queries := corpus(10000)
	dir := b.TempDir()
	var st Stats
	var worst time.Duration
	for b.Loop() {
		t0 := time.Now()
		ix, err := Build(docs, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if st, err = ix.Write(dir); err != nil {
			b.Fatal(err)
		}
		worst = max(worst, time.Since(t0))
	}
	b.StopTimer()
	var sum fetched
	for _, q := range queries {
		f := queryBytes(b, dir, "en", q)
		b.Logf("%-24q %2d files, first %6d bytes (%5d gzipped), next %6d", q, f.files, f.raw, f.gz, f.warm)
		sum.raw += f.raw
		sum.gz += f.gz
		sum.warm += f.warm
		if f.gz > 100_000 || f.warm > 100_000 {
			b.Errorf("%q reads %d bytes gzipped, then %d raw: over 100 kB", q, f.gz, f.warm)
		}
	}
	ls := st.Langs[0]
	b.Logf("index: %d pages, %d terms, %d shards, %d files, %.1f MB; manifest %d bytes, facets %d; slowest build %v",
		ls.Docs, ls.Terms, ls.Shards, ls.Files, float64(ls.Bytes)/1e6, fileSize(b, dir, "manifest.json"), facetSize(b, dir), worst.Round(time.Millisecond))
	n := float64(len(queries)) * 1000
	b.ReportMetric(float64(sum.raw)/n, "first-kB")
	b.ReportMetric(float64(sum.gz)/n, "first-gz-kB")
	b.ReportMetric(float64(sum.warm)/n, "next-kB")
	b.ReportMetric(float64(st.Bytes)/1e6, "index-MB")
	if worst > 5*time.Second {
		b.Errorf("build took %v, over 5 s", worst)
	}
}

func facetSize(tb testing.TB, dir string) int64 {
	l := &fileLoader{dir: filepath.Join(dir, "search", "en")}
	m, err := l.manifest()
	if err != nil {
		tb.Fatal(err)
	}
	return fileSize(tb, dir, m.F)
}

func fileSize(tb testing.TB, dir, name string) int64 {
	fi, err := os.Stat(filepath.Join(dir, "search", "en", name))
	if err != nil {
		tb.Fatal(err)
	}
	return fi.Size()
}
