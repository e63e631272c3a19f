package build

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/itu-d/portal/generator/internal/derive"
	"github.com/itu-d/portal/generator/internal/hugosite"
	"github.com/itu-d/portal/generator/internal/source"
)

// A Session builds one site again and again into one folder, for serve.
// Its first build is whole. After that, the sources are checked again and
// Hugo re-renders what the changed files touch (hugosite.Session): how
// much that is depends on what the templates read, as Hugo tracks it, and
// on Hugo's memory cache: it keeps 100,000 entries, and when more than 200
// left it since the last build Hugo re-renders every page ("mass
// eviction" in hugolib), as it does from a few thousand pages up. A
// change a partial rebuild does not follow (a file removed, a derived file
// gone, any but content and static files: see followed) makes the next
// build whole again.
//
// Keeping Hugo from mass eviction (social cards read as files, not
// resources; nav, feed links and trails kept on site.Store; the evicted
// entries forgotten) was measured and left out: an edit then re-renders a
// tenth of the pages and the rebuild ends sooner, but the edited page
// shows later (at 5,000 pages 6 s, not 3 s), because Hugo first works out
// which pages depend on the change, and every rebuild counts the home page
// and the edited page's section as changed in each language: it restores
// their dates to those of their files (none) and aggregates them again.
//
// A whole build renders into a new folder next to o.Out, which becomes
// the session's folder (Dir) only once it is built; a partial one writes
// the current folder in place, so a failed one may leave it half made,
// which serve covers with its error page until the sources are fixed. The
// audit and the search index read every page, so they run apart (Audit),
// after the edited page can be shown.
type Session struct {
	o      Options
	src    string
	hugo   *hugosite.Session
	dir    atomic.Pointer[string] // the folder of the last whole build
	direct map[string][]byte      // the files last written straight into it
	// pending are the changes of builds that failed before Hugo saw
	// them: a file fixed later must not hide another edited meanwhile.
	pending []Change
}

// followed says whether a partial rebuild follows a change: a file under
// static/, or under content/ except a picture changed in place. Anything
// else (a template, a translation, a data or schema file, an asset, a
// page bundle's picture replaced, hugo.toml) makes the build whole:
// templates keep what they made from those on the pages they made it for
// (story/card-once.html keeps each story's card, its picture included),
// which only a new Hugo site forgets.
func followed(src string, c Change) bool {
	rel, err := filepath.Rel(src, c.Path)
	if err != nil {
		return false
	}
	rel = filepath.ToSlash(rel)
	switch {
	case strings.HasPrefix(rel, "static/"):
		return true
	case strings.HasPrefix(rel, "content/"):
		return c.New || !source.IsImage(rel)
	}
	return false
}

// Change is a source file written, made or removed since the last build.
type Change struct {
	Path         string // absolute
	New, Removed bool
}

// NewSession prepares a session for o; its folders are made next to o.Out.
func NewSession(o Options) (*Session, error) {
	o.defaults()
	src, err := filepath.Abs(o.Source)
	if err != nil {
		return nil, err
	}
	if o.Out, err = filepath.Abs(o.Out); err != nil {
		return nil, err
	}
	o.Source = src
	return &Session{o: o, src: src}, nil
}

// Build builds the site, whole when changes is nil or holds what a partial
// rebuild cannot follow.
func (s *Session) Build(changes []Change) (*Result, error) {
	o := s.o
	start := time.Now()
	res := &Result{}
	full := s.hugo == nil || changes == nil
	if !full {
		changes = append(s.pending, changes...)
		s.pending = changes
	}
	direct, done, err := begin(o, res)
	if done != nil {
		defer done()
	}
	if err != nil {
		return res, err
	}
	for _, c := range changes {
		if c.Removed || !followed(s.src, c) {
			full = true
		}
	}
	// A picture no longer drawn (a story's card before its title changed)
	// goes from the folder too; other derived files gone (a dataset's
	// view) need a whole build.
	var gone []string
	for _, name := range direct.Removed {
		if rel, ok := strings.CutPrefix(name, "static/"); ok {
			gone = append(gone, rel)
		} else {
			full = true
		}
	}
	out := s.Dir()
	if full {
		s.drop()
		if err := os.MkdirAll(filepath.Dir(o.Out), 0o755); err != nil {
			return res, err
		}
		if out, err = os.MkdirTemp(filepath.Dir(o.Out), filepath.Base(o.Out)+"-"); err != nil {
			return res, err
		}
		// Until it is built, the new folder is this build's alone.
		defer func() {
			if out != s.Dir() {
				os.RemoveAll(out)
			}
		}()
		hs, err := hugosite.Open(hugosite.Options{Source: s.src, Destination: out, BaseURL: o.BaseURL, Drafts: o.Drafts, NoIndex: o.NoIndex})
		if err != nil {
			return res, hugoFailed(o, s.src, err)
		}
		s.hugo = hs
	}
	var hc []hugosite.Change
	if !full {
		for _, c := range changes {
			hc = append(hc, hugosite.Change{Path: c.Path, New: c.New})
		}
		for _, w := range direct.Written {
			hc = append(hc, hugosite.Change{Path: filepath.Join(s.src, derive.Dir, filepath.FromSlash(w))})
		}
	}
	err = res.timed("hugo", func() error { return s.hugo.Build(hc) })
	if err != nil {
		// What Hugo holds after a failed build is not worth trusting.
		s.drop()
		return res, hugoFailed(o, s.src, err)
	}
	s.pending = nil
	if err := res.timed("write exports", func() error { return s.writeDirect(out, direct) }); err != nil {
		s.drop()
		return res, err
	}
	if !full {
		for _, rel := range gone {
			if err := os.Remove(filepath.Join(out, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return res, err
			}
		}
	}
	if full {
		if err := writeNoIndex(o, out); err != nil {
			s.drop()
			return res, err
		}
		if err := writeAdmin(out, s.src, o, res.Site); err != nil {
			s.drop()
			return res, err
		}
		if old := s.Dir(); old != "" {
			defer os.RemoveAll(old)
		}
		s.dir.Store(&out)
	}
	res.Duration = time.Since(start)
	return res, nil
}

// drop lets go of the Hugo site and of what it last wrote: the next
// build is whole.
func (s *Session) drop() {
	if s.hugo != nil {
		s.hugo.Close()
		s.hugo = nil
	}
	s.direct = nil
}

// Close lets go of what the session holds.
func (s *Session) Close() { s.drop() }

// Dir is the folder of the last good build ("" before the first).
func (s *Session) Dir() string {
	if p := s.dir.Load(); p != nil {
		return *p
	}
	return ""
}

// writeDirect writes into out the files a build puts straight into its
// output, those that changed since the last build.
func (s *Session) writeDirect(out string, direct *derive.Direct) error {
	files := direct.Files
	for _, later := range direct.Later {
		more, err := later()
		if err != nil {
			return err
		}
		for name, b := range more {
			files[name] = b
		}
	}
	changed := map[string][]byte{}
	for name, b := range files {
		if old, ok := s.direct[name]; !ok || !bytes.Equal(old, b) {
			changed[name] = b
		}
	}
	s.direct = files
	return writeFiles(out, changed)
}

// Audit checks the pages of the last build and writes its search index,
// as Build does after Hugo; res is what that build returned. The web
// editor, which a session writes with the pages, is not a page readers
// see: it is left out, as Build adds it after its audit.
func (s *Session) Audit(res *Result) error {
	defer batchGC()()
	return checkAndIndex(s.o, res, s.Dir(), s.src, "admin")
}

// SetLog sends the messages of the builds that follow to w.
func (s *Session) SetLog(w io.Writer) { s.o.Log = w }
