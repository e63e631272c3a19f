package build

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/itu-d/portal/generator/internal/vocab"
)

// repoRoot is the site root of this repository.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// generatedSite lays out the repository's templates with n generated
// stories, spread over regions, sectors and SDGs.
func generatedSite(tb testing.TB, n int) string {
	dir := tb.TempDir()
	root := repoRoot()
	for _, d := range []string{"layouts", "i18n", "assets", "archetypes", "static", "schemas"} {
		if _, err := os.Stat(filepath.Join(root, d)); err != nil {
			continue // folders git does not keep when empty
		}
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(root, d))); err != nil {
			tb.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "hugo.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "hugo.toml"), cfg, 0o644)
	countries := []string{"DJ", "NE", "RW", "VU", "PH", "HT", "WS", "EG", "KZ", "RO"}
	os.MkdirAll(filepath.Join(dir, "content", "stories"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("---\ntitle: Portal\nsummary: Benchmark site.\n---\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "stories", "_index.md"), []byte("---\ntitle: Stories\nsummary: All stories.\n---\n"), 0o644)
	body := strings.Repeat("A paragraph of text about connectivity, schools and clinics, long enough to look like a story. ", 40)
	for i := range n {
		slug := fmt.Sprintf("story-%04d", i)
		d := filepath.Join(dir, "content", "stories", slug)
		os.MkdirAll(d, 0o755)
		fm := fmt.Sprintf("---\ntitle: Story %d\ndate: 2020-%02d-%02d\nsummary: Summary of story %d.\nregion: %s\ncountry: %s\nsectors: [%s]\nsdgs: [%d]\n---\n## Section\n\n%s\n",
			i, i%12+1, i%28+1, i, vocab.Regions[i%len(vocab.Regions)], countries[i%len(countries)],
			vocab.Sectors[i%len(vocab.Sectors)], i%17+1, body)
		if err := os.WriteFile(filepath.Join(d, "index.md"), []byte(fm), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// BenchmarkBuild1000Stories measures the whole pipeline (check, derive,
// Hugo, publish) on a generated site of 1,000 stories.
func BenchmarkBuild1000Stories(b *testing.B) {
	dir := generatedSite(b, 1000)
	b.ResetTimer()
	for b.Loop() {
		res, err := Build(Options{Source: dir})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages["en"]), "pages")
	}
}

// BenchmarkCheck1000Stories measures `check` alone on the same site.
func BenchmarkCheck1000Stories(b *testing.B) {
	dir := generatedSite(b, 1000)
	b.ResetTimer()
	for b.Loop() {
		if _, probs, err := Check(Options{Source: dir}); err != nil {
			b.Fatal(err, probs.Problems())
		}
	}
}

func TestGeneratedSiteBuilds(t *testing.T) {
	dir := generatedSite(t, 30)
	res, err := Build(Options{Source: dir})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages["en"] < 30 {
		t.Errorf("pages = %v, want at least 30 in English", res.Pages)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "stories", "story-0029", "index.html")); err != nil {
		t.Error(err)
	}
}

// BenchmarkAuditAndSearchRead measures the audit and the search's reading
// of every page, the phase after Hugo, on an already built portal:
// ITU_PORTAL_BENCH_SITE names its source (holding hugo.toml) and
// ITU_PORTAL_BENCH_OUT its built pages, e.g. a tree of portalgen after a
// build. Skipped when they are not set.
func BenchmarkAuditAndSearchRead(b *testing.B) {
	src, out := os.Getenv("ITU_PORTAL_BENCH_SITE"), os.Getenv("ITU_PORTAL_BENCH_OUT")
	if src == "" || out == "" {
		b.Skip("set ITU_PORTAL_BENCH_SITE and ITU_PORTAL_BENCH_OUT")
	}
	site, _, err := Check(Options{Source: src})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		pd := &pageDocs{langs: site.Languages}
		scan, _, err := auditOutput(out, site.Config.BaseURL, site, site.Config.Budgets, pd.read)
		if err != nil || pd.err != nil {
			b.Fatal(err, pd.err)
		}
		b.ReportMetric(float64(len(scan.Pages)), "pages")
	}
}
