package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// otherLanguages matches the configuration of every language but English.
var otherLanguages = regexp.MustCompile(`(?m)^  \[languages\.(fr|es|ar|zh|ru)\]\n(?:    .*\n)*`)

// publicationsSite lays out the site's templates with n generated
// publications in one BibTeX file, on a site in English only: the figure
// is the library's, as it was first measured; bench/portal.sh measures
// the whole portal in six languages.
func publicationsSite(tb testing.TB, n int) string {
	dir := generatedSite(tb, 0)
	cfg, _ := os.ReadFile(filepath.Join(dir, "hugo.toml"))
	cfg = otherLanguages.ReplaceAll(cfg, nil)
	os.WriteFile(filepath.Join(dir, "hugo.toml"), cfg, 0o644)
	os.MkdirAll(filepath.Join(dir, "content", "publications"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "publications", "_index.md"), []byte("---\ntitle: Publications\nsummary: All.\n---\n"), 0o644)
	adapter, err := os.ReadFile(filepath.Join(repoRoot(), "content", "publications", "_content.gotmpl"))
	if err != nil {
		tb.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "content", "publications", "_content.gotmpl"), adapter, 0o644)
	var b strings.Builder
	b.WriteString("@string{itu = {International Telecommunication Union}}\n")
	for i := range n {
		fmt.Fprintf(&b, "@report{pub-%05d,\n  author = {M{\\\"u}ller, Anna and Garc{\\'\\i}a, Jos{\\'e} and {{World Bank}}},\n  title = {Connectivity report number %d: {ITU} regions and {5G}},\n  institution = itu,\n  year = {%d},\n  month = %s,\n  number = {D-%05d},\n  keywords = {connectivity, topic-%d},\n  abstract = {A generated abstract of some length, to look like the real ones in the library.},\n  url = {https://www.itu.int/pub/D-%05d},\n}\n\n",
			i, i, 2000+i%25, []string{"jan", "apr", "jul", "oct"}[i%4], i, i%40, i)
	}
	os.MkdirAll(filepath.Join(dir, "data", "publications"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "data", "publications", "lib.bib"), []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkBuild10000Publications builds the whole site around it: 10,000
// publication pages, paginated library and facet listings, 30,000 exports,
// the search index and the audit; each phase is reported in seconds. It
// comes first: after the next benchmark's folder of 30,000 files is
// removed, the disks builds run on create files slowly for a while.
func BenchmarkBuild10000Publications(b *testing.B) {
	dir := publicationsSite(b, 10000)
	b.ResetTimer()
	for b.Loop() {
		res, err := Build(Options{Source: dir})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages["en"]), "pages")
		for _, ph := range res.Phases {
			b.ReportMetric(ph.Took.Seconds(), strings.NewReplacer(" ", "-", "(", "", ")", "").Replace(ph.Name)+"-s")
		}
	}
}

// BenchmarkDerive10000Publications reads, checks and derives a 10,000-entry
// bibliography as `serve` does: citations, metadata and every export, the
// 30,000 per-publication files included, written into .gen/static.
func BenchmarkDerive10000Publications(b *testing.B) {
	dir := publicationsSite(b, 10000)
	b.ResetTimer()
	for b.Loop() {
		site, probs, _, err := Derive(Options{Source: dir})
		if err != nil {
			b.Fatal(err, probs.Problems())
		}
		b.ReportMetric(float64(len(site.Publications)), "entries")
	}
}
