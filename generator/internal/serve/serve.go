// Package serve previews the site for the people who write it: it builds
// the whole site (search index and web editor included) into a scratch
// folder, never the published output, serves it as Netlify would (with
// netlify.toml's headers), rebuilds when a source file changes and reloads
// the browser. A rebuild is partial (build.Session): Hugo re-renders what
// the changed files touch, the page reloads, and the audit and the search
// index follow. While the sources have errors, every page shows them
// instead (file, line, message, hint and the line itself) until they are
// fixed. With the web editor on, /api/v1 is its local backend (cms.Local),
// so the CMS edits the files of this repository.
package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/itu-d/portal/generator/internal/build"
	"github.com/itu-d/portal/generator/internal/cms"
	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/netlify"
)

// Options configure a server.
type Options struct {
	Source string    // site root
	CMS    bool      // serve the web editor's local backend at /api/v1
	Log    io.Writer // build messages
	// Ready, when set, is called after each build with its version (1, 2,
	// ...) and whether it succeeded.
	Ready func(version int, ok bool)
}

// watched are the site's sources: a change under them rebuilds.
var watched = []string{"content", "data", "layouts", "assets", "i18n", "static", "schemas", "archetypes", "hugo.toml"}

// Server is a running preview.
type Server struct {
	o       Options
	src     string
	out     string // where builds go: the session's folders are made next to it
	base    string // http://127.0.0.1:PORT/
	headers *netlify.Config
	sess    *build.Session

	mu       sync.Mutex
	version  int
	problems []diag.Problem // errors of the last build
	failure  string         // what the last build said when it failed without problems (Hugo's errors)
	changed  chan struct{}  // closed and replaced at each build
}

// Run builds and serves the site on ln until ctx is done, then removes its
// scratch folder.
func Run(ctx context.Context, ln net.Listener, o Options) error {
	if o.Log == nil {
		o.Log = io.Discard
	}
	src, err := filepath.Abs(o.Source)
	if err != nil {
		return err
	}
	scratch, err := os.MkdirTemp("", "portal-serve-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(scratch)
	s := &Server{o: o, src: src, out: filepath.Join(scratch, "site"), base: "http://" + ln.Addr().String() + "/", changed: make(chan struct{})}
	if s.headers, err = netlify.Load(filepath.Join(src, "netlify.toml")); err != nil {
		s.headers = &netlify.Config{}
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	s.watch(w)
	o2 := build.Options{Source: src, Out: s.out, BaseURL: s.base, Drafts: true, Log: o.Log}
	if o.CMS {
		o2.CMSLocal = s.base + "api/v1"
	}
	if s.sess, err = build.NewSession(o2); err != nil {
		return err
	}
	s.rebuild(nil)
	go s.loop(ctx, w)
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (s *Server) watch(w *fsnotify.Watcher) {
	for _, name := range watched {
		p := filepath.Join(s.src, name)
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !fi.IsDir() {
			w.Add(filepath.Dir(p))
			continue
		}
		filepath.WalkDir(p, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				w.Add(p)
			}
			return nil
		})
	}
}

// relevant reports whether a changed path is a source (not an editor's
// swap file, nor the root's other files).
func (s *Server) relevant(p string) bool {
	rel, err := filepath.Rel(s.src, p)
	if err != nil || strings.HasPrefix(filepath.Base(p), ".") || strings.HasSuffix(p, "~") {
		return false
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	for _, w := range watched {
		if first == w {
			return true
		}
	}
	return false
}

// loop rebuilds once the files have been quiet for a moment: an editor's
// save, or the CMS writing a story and its image, is one rebuild.
func (s *Server) loop(ctx context.Context, w *fsnotify.Watcher) {
	var timer <-chan time.Time
	changed := map[string]fsnotify.Op{}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					w.Add(ev.Name)
				}
			}
			if s.relevant(ev.Name) {
				changed[ev.Name] |= ev.Op
				timer = time.After(150 * time.Millisecond)
			}
		case <-w.Errors:
		case <-timer:
			timer = nil
			s.rebuild(changesOf(changed))
			clear(changed)
		}
	}
}

// changesOf says what happened to each path in the end. Editors often
// save by renaming a new file over the old one: a path that was renamed
// or removed but exists again was written, and one made and removed again
// (sed -i's temporary file) never was.
func changesOf(ops map[string]fsnotify.Op) []build.Change {
	out := make([]build.Change, 0, len(ops))
	for p, op := range ops {
		c := build.Change{Path: p, New: op.Has(fsnotify.Create)}
		fi, err := os.Stat(p)
		switch {
		case err != nil && op.Has(fsnotify.Create):
			continue
		case err != nil:
			c.Removed = true
		case fi.IsDir():
			if !op.Has(fsnotify.Create) {
				continue
			}
			// A folder made with files in it (a story's page bundle):
			// the watcher saw the folder, not its files.
			filepath.WalkDir(p, func(f string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					out = append(out, build.Change{Path: f, New: true})
				}
				return nil
			})
			continue
		}
		out = append(out, c)
	}
	return out
}

// rebuild builds the site into the scratch folder, whole when changes is
// nil, and records what is wrong, if anything. The browser reloads as soon
// as Hugo has written the pages; the audit and the search index follow,
// and reload it again only if they find a problem.
func (s *Server) rebuild(changes []build.Change) {
	var log bytes.Buffer
	s.sess.SetLog(io.MultiWriter(s.o.Log, &log))
	start := time.Now()
	res, err := s.sess.Build(changes)
	shown := s.record(res, err, &log)
	if err == nil {
		fmt.Fprintf(s.o.Log, "serve: built in %s, serving %s\n", time.Since(start).Round(time.Millisecond), s.base)
		if err = s.sess.Audit(res); err != nil {
			shown = s.record(res, err, &log)
		} else {
			fmt.Fprintf(s.o.Log, "serve: links checked and search indexed in %s\n", time.Since(start).Round(time.Millisecond))
		}
	}
	if s.o.Ready != nil {
		s.o.Ready(shown, err == nil)
	}
}

// record keeps what a build says is wrong, or that nothing is, and tells
// the pages to reload; it returns the version they now show.
func (s *Server) record(res *build.Result, err error, log *bytes.Buffer) int {
	var problems []diag.Problem
	failure := ""
	if err != nil {
		if res != nil && res.Problems != nil {
			for _, p := range res.Problems.Problems() {
				if !p.Warning {
					problems = append(problems, p)
				}
			}
		}
		if len(problems) == 0 {
			failure = strings.TrimSpace(log.String())
			if !errors.Is(err, build.ErrContent) {
				failure = strings.TrimSpace(failure + "\n" + err.Error())
			}
		}
		fmt.Fprintf(s.o.Log, "serve: the site has errors; the browser shows them until they are fixed\n")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.version++
	s.problems, s.failure = problems, failure
	close(s.changed)
	s.changed = make(chan struct{})
	return s.version
}

// Handler serves the scratch build, the overlay, the reload script and,
// with the editor on, its local backend.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/_serve/events", s.events)
	mux.HandleFunc("/_serve/reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		io.WriteString(w, reloadJS)
	})
	mux.HandleFunc("/_serve/overlay.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		io.WriteString(w, overlayCSS)
	})
	if s.o.CMS {
		mux.Handle("/api/v1", &cms.Local{Root: s.src})
	}
	mux.HandleFunc("/", s.page)
	return mux
}

// events tells the page, as server-sent events, the version of the build:
// the page reloads when it changes.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	for {
		s.mu.Lock()
		v, ch := s.version, s.changed
		s.mu.Unlock()
		fmt.Fprintf(w, "data: %d\n\n", v)
		fl.Flush()
		select {
		case <-r.Context().Done():
			return
		case <-ch:
		case <-time.After(30 * time.Second): // keeps proxies from closing an idle stream
		}
	}
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	problems, failure := s.problems, s.failure
	s.mu.Unlock()
	isPage := strings.HasSuffix(r.URL.Path, "/") || strings.HasSuffix(r.URL.Path, ".html")
	if isPage && !strings.HasPrefix(r.URL.Path, "/admin/") && (len(problems) > 0 || failure != "") {
		s.overlay(w, problems, failure)
		return
	}
	r.Header.Del("Accept-Encoding") // the page is rewritten below
	dir := s.sess.Dir()
	if dir == "" {
		dir = s.out // no build yet: a folder that does not exist
	}
	h := s.headers.Handler(dir)
	if !isPage || strings.HasPrefix(r.URL.Path, "/admin/") {
		h.ServeHTTP(w, r)
		return
	}
	rec := &capture{header: http.Header{}}
	h.ServeHTTP(rec, r)
	body := rec.body.Bytes()
	if strings.HasPrefix(rec.header.Get("Content-Type"), "text/html") {
		body = bytes.Replace(body, []byte("</body>"), []byte(`<script src="/_serve/reload.js" defer></script></body>`), 1)
		rec.header.Del("Content-Length")
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(rec.status())
	w.Write(body)
}

// capture records a response to rewrite it.
type capture struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (c *capture) Header() http.Header         { return c.header }
func (c *capture) Write(b []byte) (int, error) { return c.body.Write(b) }
func (c *capture) WriteHeader(code int)        { c.code = code }
func (c *capture) status() int {
	if c.code == 0 {
		return http.StatusOK
	}
	return c.code
}

type shownProblem struct {
	Where, Msg, Hint string
	Line             string // the line of the file, when there is one
	LineNo, Col      int
}

// overlay shows what is wrong in place of every page.
func (s *Server) overlay(w http.ResponseWriter, problems []diag.Problem, failure string) {
	var shown []shownProblem
	for _, p := range problems {
		sp := shownProblem{Where: p.Path, Msg: p.Msg, Hint: p.Hint}
		if p.Line > 0 {
			sp.Where = fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
			if b, err := os.ReadFile(filepath.Join(s.src, filepath.FromSlash(p.Path))); err == nil {
				if lines := strings.Split(string(b), "\n"); p.Line <= len(lines) {
					sp.Line, sp.LineNo, sp.Col = strings.TrimRight(lines[p.Line-1], "\r"), p.Line, p.Col
				}
			}
		}
		shown = append(shown, sp)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'")
	w.WriteHeader(http.StatusInternalServerError)
	overlayPage.Execute(w, struct {
		Problems []shownProblem
		Failure  string
	}{shown, failure})
}

var overlayPage = template.Must(template.New("overlay").Funcs(template.FuncMap{
	"before": func(s string, col int) string { return cut(s, col-1, true) },
	"after":  func(s string, col int) string { return cut(s, col-1, false) },
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site has errors</title>
<link rel="stylesheet" href="/_serve/overlay.css">
</head>
<body>
<main>
<h1>The site has {{if .Problems}}{{len .Problems}} error{{if gt (len .Problems) 1}}s{{end}}{{else}}an error{{end}}</h1>
<p>Fix {{if gt (len .Problems) 1}}them{{else}}it{{end}} and save: this page reloads by itself.</p>
{{range .Problems}}<section>
<h2><code>{{.Where}}</code></h2>
<p class="msg">{{.Msg}}</p>
{{if .Line}}<pre><code><span class="ln">{{.LineNo}}</span>{{before .Line .Col}}<mark>{{after .Line .Col}}</mark></code></pre>{{end}}
{{if .Hint}}<p class="hint">Hint: {{.Hint}}</p>{{end}}
</section>
{{end}}{{if .Failure}}<pre class="failure">{{.Failure}}</pre>{{end}}
</main>
<script src="/_serve/reload.js" defer></script>
</body>
</html>
`))

// cut splits s at a byte column, never inside a character.
func cut(s string, at int, before bool) string {
	at = max(0, min(at, len(s)))
	for at > 0 && at < len(s) && s[at]&0xC0 == 0x80 {
		at--
	}
	if before {
		return s[:at]
	}
	return s[at:]
}

// reloadJS reloads the page when a new build is served. It is a file, not
// an inline script, so the site's Content-Security-Policy holds in serve.
const reloadJS = `(function () {
  var seen = null;
  var es = new EventSource("/_serve/events");
  es.onmessage = function (e) {
    if (seen !== null && e.data !== seen) { location.reload(); }
    seen = e.data;
  };
})();
`

const overlayCSS = `body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #fff5f5; color: #1a1a1a; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
h1 { color: #b00020; font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1rem; margin: 0 0 .25rem; overflow-wrap: anywhere; }
section { background: #fff; border-left: .35rem solid #b00020; padding: .75rem 1rem; margin: 1rem 0; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
.msg { font-weight: 600; margin: .25rem 0; }
.hint { color: #333; margin: .25rem 0; }
pre { background: #f4f4f4; padding: .5rem; overflow-x: auto; margin: .5rem 0; }
mark { background: #ffd6d6; color: inherit; }
.ln { color: #666; padding-right: 1ch; margin-right: 1ch; border-right: 1px solid #ccc; user-select: none; }
@media (prefers-color-scheme: dark) {
  body { background: #1e1414; color: #eee; }
  section { background: #2a2222; }
  h1 { color: #ff8a8a; }
  section { border-color: #ff8a8a; }
  .hint { color: #ddd; }
  pre { background: #111; }
  mark { background: #6b2a2a; }
}
`
