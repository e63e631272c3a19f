// Package build owns the order of a build: load and check the sources,
// derive, render with Hugo into a scratch folder, publish it atomically in
// place of the output folder, and summarise. A build that fails at any step
// leaves the previous output exactly as it was.
package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/itu-d/portal/generator/internal/audit"
	"github.com/itu-d/portal/generator/internal/derive"
	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/hugosite"
	"github.com/itu-d/portal/generator/internal/search"
	"github.com/itu-d/portal/generator/internal/source"
)

// Options configure a build; the zero value builds the site in the current
// folder into ./public.
type Options struct {
	Source  string // site root; default "."
	Out     string // output folder; default <Source>/public
	BaseURL string // default: hugo.toml's
	Drafts  bool
	NoIndex bool      // for previews: pages and headers ask crawlers to stay away
	Log     io.Writer // progress and problems; default io.Discard
	// CMSLocal, when set, is the URL of the web editor's local backend
	// (serve -cms): /admin/ then edits the files on this machine.
	CMSLocal string
	// HeapProfile, when set, is a file for a heap profile taken once the
	// audit and the search index are done, where the build holds most.
	HeapProfile string
}

// ErrContent means the sources have errors; they were written to Log.
var ErrContent = errors.New("content has errors")

// Result describes a finished build.
type Result struct {
	Site     *source.Site
	Problems *diag.List
	Pages    map[string]int // HTML pages per language
	// Countries counts country profile pages per language, and Charted
	// those that draw at least one chart.
	Countries, Charted map[string]int
	Files              int
	Audit              *audit.Site
	Weights            []audit.TypeWeight // the heaviest page of each type
	Charts             derive.Charts
	Search             search.Stats
	Duration           time.Duration
	Phases             []Phase // in the order they ran
}

// Phase is one stage of a build and how long it took.
type Phase struct {
	Name string
	Took time.Duration
}

// timed runs fn as the named phase of res.
func (res *Result) timed(name string, fn func() error) error {
	start := time.Now()
	err := fn()
	res.Phases = append(res.Phases, Phase{name, time.Since(start)})
	return err
}

func (o *Options) defaults() {
	if o.Source == "" {
		o.Source = "."
	}
	if o.Out == "" {
		o.Out = filepath.Join(o.Source, "public")
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// Check loads and checks the sources and prints every problem.
func Check(o Options) (*source.Site, *diag.List, error) {
	o.defaults()
	site, probs := source.Load(o.Source, source.Options{Drafts: o.Drafts})
	for _, p := range probs.Problems() {
		fmt.Fprintln(o.Log, p)
	}
	if probs.Errors() > 0 {
		return site, probs, ErrContent
	}
	return site, probs, nil
}

// Derive checks the sources and writes .gen/, for Hugo on its own (serve,
// plain `hugo`): everything the site needs is under .gen/.
func Derive(o Options) (*source.Site, *diag.List, derive.Charts, error) {
	return deriveInto(o, nil)
}

// deriveInto is Derive that hands the files derive.Write puts straight into
// the output to direct instead of .gen/static.
func deriveInto(o Options, direct *derive.Direct) (*source.Site, *diag.List, derive.Charts, error) {
	o.defaults()
	site, probs, err := Check(o)
	if err != nil {
		return site, probs, derive.Charts{}, err
	}
	var charts derive.Charts
	err = step(o.Log, "drawing charts", func() error {
		var err error
		charts, err = derive.Write(site, baseURLOf(o, site), direct)
		return err
	})
	return site, probs, charts, err
}

// baseURLOf is the URL the site is built for: the -base-url flag, else hugo.toml's.
func baseURLOf(o Options, site *source.Site) string {
	if o.BaseURL != "" {
		return o.BaseURL
	}
	return site.Config.BaseURL
}

// memoryLimit is the heap size past which a build collects garbage as
// often as it must to stay there, inside the 2 GB a build may use. At
// 20,000 pages Hugo's own working set nears it: at 1,400 MiB the collector
// ran so often that the build took 49-56 s, at 1,700 MiB 44-47 s, peaking
// at 1.75 GiB (92 KB a page).
const memoryLimit = 1700 << 20

// batchGC sets the collector for a build until the returned func is
// called. A build is a batch job: collecting garbage a third as often
// raises peak memory from about 1.0 to 1.3–1.6 GB at 10,000 publications
// and saves about a tenth of the CPU. The rarer collections must not carry
// a build past 2 GB: near a soft limit the collector works harder instead
// (a 1,000,000-row CSV peaked at 1.9 GB without it, 1.0 GB with it). GOGC
// and GOMEMLIMIT in the environment have the last word.
func batchGC() (restore func()) {
	gc, limit := -2, int64(-1)
	if os.Getenv("GOGC") == "" {
		gc = debug.SetGCPercent(300)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(memoryLimit)
	}
	return func() {
		if gc != -2 {
			debug.SetGCPercent(gc)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}

// begin starts a build of o: the collector set for a batch job, the
// source's lock taken, the sources checked and derived. done, when not
// nil, gives the collector and the lock back.
func begin(o Options, res *Result) (direct *derive.Direct, done func(), err error) {
	restore := batchGC()
	// One build at a time writes a source's .gen/: another (a serve, a
	// build into another folder) would change what this one's Hugo reads.
	unlock, err := lockFile(filepath.Join(o.Source, derive.Dir+lockSuffix))
	if err != nil {
		restore()
		return nil, nil, err
	}
	done = func() { unlock(); restore() }
	direct = &derive.Direct{Files: map[string][]byte{}}
	err = res.timed("check and derive", func() error {
		var err error
		res.Site, res.Problems, res.Charts, err = deriveInto(o, direct)
		return err
	})
	return direct, done, err
}

// Build runs the whole pipeline.
func Build(o Options) (*Result, error) {
	o.defaults()
	start := time.Now()
	res := &Result{}
	direct, done, err := begin(o, res)
	if done != nil {
		defer done()
	}
	if err != nil {
		return res, err
	}
	out, err := filepath.Abs(o.Out)
	if err != nil {
		return res, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return res, err
	}
	unlock, err := lockOut(out)
	if err != nil {
		return res, err
	}
	defer unlock()
	if err := removeLeftovers(out); err != nil {
		return res, err
	}
	scratch, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+buildingInfix)
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(scratch)
	src, err := filepath.Abs(o.Source)
	if err != nil {
		return res, err
	}
	// The derived files Hugo does not copy are made and written while Hugo
	// starts up, which is mostly one goroutine reading data: the other core
	// writes. Hugo only adds files to its destination, so the two never
	// collide.
	written := make(chan error, 1)
	var writing time.Duration
	go func() {
		start := time.Now()
		err := writeFiles(scratch, direct.Files)
		for _, later := range direct.Later {
			if err != nil {
				break
			}
			var files map[string][]byte
			if files, err = later(); err == nil {
				err = writeFiles(scratch, files)
			}
		}
		writing = time.Since(start)
		written <- err
	}()
	err = step(o.Log, "rendering pages with Hugo", func() error {
		return res.timed("hugo", func() error {
			return hugosite.Build(hugosite.Options{Source: src, Destination: scratch, BaseURL: o.BaseURL, Drafts: o.Drafts, NoIndex: o.NoIndex})
		})
	})
	werr := <-written
	res.Phases = append(res.Phases, Phase{"write exports (during hugo)", writing})
	if err != nil {
		return res, hugoFailed(o, src, err)
	}
	if werr != nil {
		return res, werr
	}
	if err := writeNoIndex(o, scratch); err != nil {
		return res, err
	}
	if err := checkAndIndex(o, res, scratch, src); err != nil {
		return res, err
	}
	// The external links, for `check -links -external` and for people.
	report := filepath.Join(src, derive.Dir, "reports", "external-links.txt")
	if err := os.MkdirAll(filepath.Dir(report), 0o755); err == nil {
		os.WriteFile(report, []byte(strings.Join(res.Audit.External(), "\n")+"\n"), 0o644)
	}
	// The web editor is added after the audit and the search index, which
	// are about the pages readers see.
	if err := res.timed("web editor", func() error { return writeAdmin(scratch, src, o, res.Site) }); err != nil {
		return res, err
	}
	err = res.timed("count and publish", func() error {
		var err error
		if res.Pages, res.Files, err = count(scratch, res.Site.Languages); err != nil {
			return err
		}
		if res.Countries, res.Charted, err = countCountries(scratch, res.Site.Languages); err != nil {
			return err
		}
		return publish(scratch, out)
	})
	if err != nil {
		return res, err
	}
	res.Duration = time.Since(start)
	return res, nil
}

// checkAndIndex audits the rendered site in dir and writes its search
// index there. The audit and the search index both read every page: the
// audit reads each once, and the search reads it from the audit's tokens.
// The index is written once the audit is done, so the audit sees only what
// Hugo wrote. Audit errors are printed and make ErrContent. The folders
// in skip are neither checked nor indexed.
func checkAndIndex(o Options, res *Result, dir, src string, skip ...string) error {
	base := baseURLOf(o, res.Site)
	var auditProbs *diag.List
	err := step(o.Log, "checking links and indexing for search", func() error {
		pd := &pageDocs{langs: res.Site.Languages, noindex: o.NoIndex}
		err := res.timed("audit and search reading", func() error {
			var err error
			res.Audit, auditProbs, err = auditOutput(dir, base, res.Site, res.Site.Config.Budgets, pd.read, skip...)
			if err == nil {
				res.Weights = res.Audit.WeightsByType() // reads files: before publish moves them
			}
			return errors.Join(err, pd.err)
		})
		if err != nil {
			return err
		}
		var ix *search.Index
		if err := res.timed("search index", func() error {
			var err error
			ix, err = indexSearch(pd.docs, src, res.Site.Languages)
			return err
		}); err != nil {
			return err
		}
		return res.timed("write search index", func() error {
			var err error
			res.Search, err = ix.Write(dir)
			return err
		})
	})
	if err != nil {
		return err
	}
	if o.HeapProfile != "" {
		if err := writeHeapProfile(o.HeapProfile); err != nil {
			return err
		}
	}
	res.Problems.Merge(*auditProbs)
	if auditProbs.Errors() > 0 {
		for _, p := range auditProbs.Problems() {
			fmt.Fprintln(o.Log, p)
		}
		return ErrContent
	}
	return nil
}

// writeFiles writes files (by slash path) under dir, one at a time: on the
// disks builds run on, parallel file creation in one folder is slower.
func writeFiles(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	made := map[string]bool{}
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if d := filepath.Dir(p); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// count tallies HTML pages per language from the rendered files.
func count(dir string, langs []string) (map[string]int, int, error) {
	pages := map[string]int{}
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		if !strings.HasSuffix(p, ".html") {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		lang := langs[0]
		for _, l := range langs[1:] {
			if first == l {
				lang = l
			}
		}
		pages[lang]++
		return nil
	})
	return pages, files, err
}

// step runs fn and, if it takes more than a second, says what is going on.
func step(w io.Writer, what string, fn func() error) error {
	start := time.Now()
	var mu sync.Mutex
	shown := false
	t := time.AfterFunc(time.Second, func() {
		mu.Lock()
		defer mu.Unlock()
		shown = true
		fmt.Fprintf(w, "%s…\n", what)
	})
	err := fn()
	t.Stop()
	mu.Lock()
	defer mu.Unlock()
	if shown && err == nil {
		fmt.Fprintf(w, "%s: done in %.1fs\n", what, time.Since(start).Seconds())
	}
	return err
}

// hugoFailed prints what Hugo said, with the site's paths made relative,
// and makes it ErrContent: Hugo's errors are about the sources.
func hugoFailed(o Options, src string, err error) error {
	fmt.Fprintln(o.Log, relativize(err.Error(), src))
	return ErrContent
}

// writeNoIndex, for a build that asks crawlers to stay away, writes the
// header that says so into dir: Netlify merges _headers from the
// published folder with netlify.toml's.
func writeNoIndex(o Options, dir string) error {
	if !o.NoIndex {
		return nil
	}
	return os.WriteFile(filepath.Join(dir, "_headers"), []byte("/*\n  X-Robots-Tag: noindex\n"), 0o644)
}

// relativize shortens absolute paths in Hugo's messages to site-relative ones.
func relativize(msg, root string) string {
	msg = strings.ReplaceAll(msg, root+string(filepath.Separator), "")
	return strings.ReplaceAll(msg, "\""+root+"\"", "\".\"")
}

// countCountries counts, per language, the country profile pages and those
// with a chart (a figure's drawing: class chart-wide).
func countCountries(dir string, langs []string) (map[string]int, map[string]int, error) {
	pages, charted := map[string]int{}, map[string]int{}
	for i, l := range langs {
		base := filepath.Join(dir, "countries")
		if i > 0 {
			base = filepath.Join(dir, l, "countries")
		}
		entries, err := os.ReadDir(base)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !e.IsDir() || e.Name() == "page" {
				continue
			}
			b, err := os.ReadFile(filepath.Join(base, e.Name(), "index.html"))
			if err != nil {
				continue
			}
			pages[l]++
			if strings.Contains(string(b), "chart-wide") {
				charted[l]++
			}
		}
	}
	return pages, charted, nil
}

// writeHeapProfile writes what is live now: a collection first, as
// net/http/pprof does, so that the profile shows no garbage.
func writeHeapProfile(file string) error {
	runtime.GC()
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	return pprof.Lookup("heap").WriteTo(f, 0)
}
