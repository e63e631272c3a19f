// Package hugosite is the only package that imports Hugo. It builds a site
// with hugolib, configured as Hugo's command line configures it (the same
// configuration loading, file systems and static copy), so a generator
// build and a plain `hugo` build of the same tree (after the generator has
// written .gen/) make the same files. Main runs the command line itself.
package hugosite

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/bep/logg"
	"github.com/fsnotify/fsnotify"
	"github.com/gohugoio/hugo/cache/dynacache"
	"github.com/gohugoio/hugo/commands"
	"github.com/gohugoio/hugo/common/herrors"
	"github.com/gohugoio/hugo/common/hmaps"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

// Options for one build.
type Options struct {
	Source      string // the site root (holds hugo.toml)
	Destination string
	BaseURL     string // empty: hugo.toml's
	Drafts      bool
	Environment string // "production" unless set
	NoIndex     bool   // sets site.Params.noindex: pages ask crawlers not to index them
}

// Main runs the hugo command line exactly as the hugo binary does.
func Main(args []string) error {
	return unwrap(commands.Execute(args))
}

// Build renders the site once, as `hugo` does, through the same
// configuration as a Session, and closes it.
func Build(o Options) error {
	s, err := open(o, false)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Build(nil)
}

// NewContent creates a content file from its archetype, as `hugo new
// content` does. Extra environment (HUGO_*) reaches the archetype through
// os.Getenv.
func NewContent(source, path string) error {
	return unwrap(commands.Execute([]string{"new", "content", "--source", source, path}))
}

// unwrap flattens Hugo's error chain into one error per line.
func unwrap(err error) error {
	if err == nil {
		return nil
	}
	var lines []string
	for _, e := range herrors.Errors(err) {
		lines = append(lines, strings.TrimSpace(e.Error()))
	}
	return errors.New(strings.Join(lines, "\n"))
}

// A Session is one Hugo site kept in memory between builds, as `hugo
// --watch` keeps it: after the first full build, Build re-renders only
// what the changed files touch (Hugo's own dependency tracking), which is
// what makes an edit in `serve` quick on a large site. Hugo's command line
// cannot do this in-process, so a session drives hugolib directly and
// copies the static files itself, as the command line does.
type Session struct {
	o     Options
	h     *hugolib.HugoSites
	built bool
}

// Open reads the site's configuration for o and makes its Hugo sites;
// nothing is rendered until Build.
func Open(o Options) (*Session, error) { return open(o, true) }

// open is Open; without watch, the session builds once.
func open(o Options, watch bool) (*Session, error) {
	env := o.Environment
	if env == "" {
		env = "production"
	}
	cfg := config.New()
	cfg.Set("workingDir", o.Source)
	cfg.Set("environment", env)
	cfg.Set("internal", hmaps.Params{"running": false, "watch": watch})
	if o.Destination != "" {
		cfg.Set("publishDir", o.Destination)
	}
	if o.BaseURL != "" {
		cfg.Set("baseURL", o.BaseURL)
	}
	if o.Drafts {
		cfg.Set("buildDrafts", true)
	}
	environ := os.Environ()
	if o.NoIndex {
		environ = append(environ, "HUGO_PARAMS_NOINDEX=true")
	}
	logger := loggers.New(loggers.Options{Level: logg.LevelError, StdOut: io.Discard, StdErr: io.Discard})
	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Flags: cfg, Fs: hugofs.Os, Environment: env, Environ: environ, Logger: logger,
	})
	if err != nil {
		return nil, unwrap(err)
	}
	cfg.Set("publishDir", configs.Base.PublishDir)
	cfg.Set("publishDirStatic", configs.Base.PublishDir)
	cfg.Set("publishDirDynamic", configs.Base.PublishDir)
	fs := hugofs.NewFromSourceAndDestination(hugofs.Os, hugofs.Os, cfg)
	h, err := hugolib.NewHugoSites(deps.DepsCfg{Configs: configs, Fs: fs, LogLevel: logg.LevelError, StdOut: io.Discard, StdErr: io.Discard})
	if err != nil {
		return nil, unwrap(err)
	}
	return &Session{o: o, h: h}, nil
}

// Change is a source file (derived ones included) written since the last
// build, by absolute path; New when it did not exist then.
type Change struct {
	Path string
	New  bool
}

// Build renders the site: all of it the first time, then what the changes
// touch. A changed static file is copied. Removed files and configuration
// changes are beyond a session: open a new one.
func (s *Session) Build(changed []Change) error {
	if !s.built {
		// As Hugo's command line does, the static files are copied while
		// the pages render: Hugo's start (reading content, assembling the
		// page tree) leaves a core free, and the two write different files.
		copied := make(chan error, 1)
		go func() { copied <- s.copyStatic(nil) }()
		err := unwrap(s.h.Build(hugolib.BuildCfg{NoBuildLock: true}))
		if cerr := <-copied; err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		s.built = true
		return nil
	}
	var events []fsnotify.Event
	var static []string
	for _, c := range changed {
		if s.h.BaseFs.SourceFilesystems.IsStatic(c.Path) {
			static = append(static, c.Path)
			continue
		}
		op := fsnotify.Write
		if c.New {
			op = fsnotify.Create
		}
		events = append(events, fsnotify.Event{Name: c.Path, Op: op})
	}
	if len(events) > 0 {
		if err := unwrap(s.h.Build(hugolib.BuildCfg{NoBuildLock: true}, events...)); err != nil {
			return err
		}
	}
	if len(static) > 0 {
		return s.copyStatic(static)
	}
	return nil
}

// Close stops what the session runs in the background (its caches'
// cleaner) and empties its caches (rendered content, among others), so
// that what it holds can be collected.
func (s *Session) Close() error {
	if c := s.h.Deps.MemCache; c != nil {
		c.ClearMatching(func(string, dynacache.PartitionManager) bool { return true }, func(k, v any) bool { return true })
	}
	return s.h.Close()
}

// copyStatic copies the named static files (absolute source paths), or
// with none named every file of the static mounts, into the destination.
// The mounts are walked through Hugo's file system, which decides which
// mount a path comes from; each file is then copied from its real path, as
// walking and reading through the mounts' overlay stats every folder again
// for every file (2.4 s of CPU for 17,000 files).
func (s *Session) copyStatic(only []string) error {
	src := s.h.BaseFs.SourceFilesystems.StaticFs("")
	dst := s.h.Configs.Base.PublishDir
	made := map[string]bool{}
	// copyOne copies the file the mounts serve at rel (fi, from Hugo's file
	// system, names it), from its real path where fi gives one.
	copyOne := func(rel string, fi os.FileInfo) error {
		out := filepath.Join(dst, rel)
		if dir := filepath.Dir(out); !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			made[dir] = true
		}
		if m, ok := fi.(hugofs.FileMetaInfo); ok && m.Meta().Filename != "" {
			return copyFile(m.Meta().Filename, out)
		}
		b, err := afero.ReadFile(src, rel)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	}
	if only != nil {
		for _, p := range only {
			rel := s.h.BaseFs.SourceFilesystems.MakeStaticPathRelative(p)
			if rel == "" {
				continue
			}
			// The file the mounts serve there, which may be another
			// mount's than the one changed.
			fi, err := src.Stat(rel)
			if err != nil {
				return err
			}
			if err := copyOne(rel, fi); err != nil {
				return err
			}
		}
		return nil
	}
	return afero.Walk(src, string(filepath.Separator), func(rel string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		return copyOne(rel, fi)
	})
}

// copyFile copies the file from to to, in the kernel where it can
// (io.Copy between files uses copy_file_range).
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
