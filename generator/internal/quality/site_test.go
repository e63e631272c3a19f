package quality

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/itu-d/portal/generator/internal/build"
	"github.com/itu-d/portal/generator/internal/netlify"
)

// repoRoot is the site root of this repository.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// inCI reports whether the tests run in CI, where no check may be skipped.
func inCI() bool { return os.Getenv("CI") != "" }

// need fails in CI, and skips elsewhere, when a tool is missing.
func need(t *testing.T, what, install string) {
	t.Helper()
	msg := fmt.Sprintf("%s not found; install it with: %s", what, install)
	if inCI() {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

var built struct {
	once sync.Once
	dir  string
	url  string
	err  error
}

// builtSite builds the real site once per test binary, into a temporary
// folder, and serves it on 127.0.0.1 under netlify.toml's headers and 404
// rules. Its base URL is the server's, so the pages' absolute URLs are the
// site's own host.
func builtSite(t *testing.T) (dir, base string) {
	t.Helper()
	built.once.Do(func() {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			built.err = err
			return
		}
		built.url = "http://" + ln.Addr().String() + "/"
		built.dir, err = os.MkdirTemp("", "portal-quality-")
		if err != nil {
			built.err = err
			return
		}
		var log bytes.Buffer
		out := filepath.Join(built.dir, "public")
		if _, err := build.Build(build.Options{Source: repoRoot(), Out: out, BaseURL: built.url, Log: &log}); err != nil {
			built.err = fmt.Errorf("build: %v\n%s", err, log.String())
			return
		}
		cfg, err := netlify.Load(filepath.Join(repoRoot(), "netlify.toml"))
		if err != nil {
			built.err = err
			return
		}
		go http.Serve(ln, cfg.Handler(out))
		built.dir = out
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.dir, built.url
}

// pageCase is one page to look at.
type pageCase struct {
	Type, Lang, Path string
}

// checkedLangs are the languages the browser checks visit.
var checkedLangs = []string{"en", "fr", "es", "ar", "zh", "ru"}

// pageCases lists, for each page type and language, a page the site has.
func pageCases(dir string) []pageCase {
	types := []struct{ typ, path string }{
		{"home", ""},
		{"stories-list", "stories/"},
		{"story", "stories/djibouti-arta-wireless-broadband/"},
		{"region", "regions/africa/"},
		{"regions", "regions/"},
		{"country", "countries/dj/"},
		{"sector", "sectors/health/"},
		{"sdg", "sdgs/9/"},
		{"about", "about/"},
		{"partner", "partner/"},
		{"404", "no-such-page/"},
		{"data-hub", "data/"},
		{"dataset", "data/djibouti-connectivity/"},
		{"chart", "data/djibouti-connectivity/internet-and-mobile/"},
		{"map", "data/internet-use-by-country/world-map-latest/"},
		{"publications", "publications/"},
		{"publication", "publications/itu-digital-trends-africa-2021/"},
		{"publication-facet", "publications/year/2024/"},
		{"search", "search/"},
		{"fallback-story", "stories/africa-internet-exchange-points/"},
	}
	var out []pageCase
	for _, lang := range checkedLangs {
		prefix := "/"
		if lang != "en" {
			prefix = "/" + lang + "/"
		}
		for _, ty := range types {
			p := prefix + ty.path
			file := filepath.Join(dir, filepath.FromSlash(p), "index.html")
			if ty.typ == "404" {
				file = filepath.Join(dir, filepath.FromSlash(prefix), "404.html")
			}
			if _, err := os.Stat(file); err == nil {
				out = append(out, pageCase{ty.typ, lang, p})
			}
		}
	}
	return out
}

// findTool returns the first of the names found on PATH.
func findTool(names ...string) string {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return ""
}

// summary collects what the checks did, written to .shots/summary.txt so
// CI's log can say it.
var summary struct {
	sync.Mutex
	lines []string
}

func note(format string, args ...any) {
	summary.Lock()
	defer summary.Unlock()
	summary.lines = append(summary.lines, fmt.Sprintf(format, args...))
}

func TestMain(m *testing.M) {
	code := m.Run()
	summary.Lock()
	lines := summary.lines
	summary.Unlock()
	if len(lines) > 0 {
		sort.Strings(lines)
		dir := filepath.Join(repoRoot(), ".shots")
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "summary.txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	}
	if built.dir != "" {
		os.RemoveAll(filepath.Dir(built.dir))
	}
	os.Exit(code)
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// htmlFiles lists every HTML file under dir.
func htmlFiles(t *testing.T, dir string) ([]string, int) {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, len(files)
}
