package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestPublicIndex indexes a built site for bench/search.sh:
//
//	SEARCH_PUBLIC=site [SEARCH_QUERIES=queries.tsv] [SEARCH_REPORT=out.json] go test -run TestPublicIndex
//
// It writes the index into the site, search.js and search-more.js minified
// as Hugo minifies them to site/bench/, and a report: build time and size, and per
// query (lang, query, expected paths a line) the bytes read and top three.
func TestPublicIndex(t *testing.T) {
	dir := os.Getenv("SEARCH_PUBLIC")
	if dir == "" {
		t.Skip("set SEARCH_PUBLIC to a built site to index it (bench/search.sh)")
	}
	t0 := time.Now()
	docs, err := DocsFromHTML(dir, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	// Lists are left out, as the build leaves them out: they only repeat
	// what they list.
	docs = slices.DeleteFunc(docs, func(d Doc) bool { return len(d.Facets["type"]) > 0 && d.Facets["type"][0] == "list" })
	t1 := time.Now()
	ix, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := ix.Write(dir)
	if err != nil {
		t.Fatal(err)
	}
	t2 := time.Now()
	type query struct {
		Lang, Q      string
		Expect, Top  []string
		Bytes, Gzip  int
		Files, Total int
	}
	report := struct {
		Pages           int
		ReadMs, BuildMs float64
		Files           int
		Bytes           int64
		Langs           []LangStats
		Queries         []query
	}{len(docs), ms(t1.Sub(t0)), ms(t2.Sub(t1)), st.Files, st.Bytes, st.Langs, nil}
	if path := os.Getenv("SEARCH_QUERIES"); path != "" {
		for _, line := range readWords(t, path) {
			f := strings.Split(line, "\t")
			if len(f) < 3 {
				t.Fatalf("%s: %q: want lang, query and expected paths, tab-separated", path, line)
			}
			q := query{Lang: f[0], Q: f[1], Expect: strings.Split(f[2], ",")}
			r, err := Query(dir, q.Lang, Request{Q: q.Q, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range append(r.Results, r.Others...)[:min(3, len(r.Results)+len(r.Others))] {
				q.Top = append(q.Top, r.URL)
			}
			b := queryBytes(t, dir, q.Lang, q.Q)
			q.Bytes, q.Gzip, q.Files = b.raw, b.gz, b.files
			report.Queries = append(report.Queries, q)
		}
	}
	os.MkdirAll(filepath.Join(dir, "bench"), 0o755)
	for _, path := range []string{scriptPath, morePath} {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		min, _ := minified(t, src)
		if err := os.WriteFile(filepath.Join(dir, "bench", filepath.Base(path)), min, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := json.MarshalIndent(report, "", "  ")
	if path := os.Getenv("SEARCH_REPORT"); path != "" {
		os.WriteFile(path, b, 0o644)
	}
	t.Logf("%d pages read in %.0f ms, indexed and written in %.0f ms: %d files, %d bytes", len(docs), report.ReadMs, report.BuildMs, st.Files, st.Bytes)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
