// Package hugosite is the only package that imports Hugo. It runs Hugo's own
// command line in-process, so a generator build and a plain `hugo` build of
// the same tree (after the generator has written .gen/) are the same build.
package hugosite

import (
	"errors"
	"os"
	"strings"

	"github.com/gohugoio/hugo/commands"
	"github.com/gohugoio/hugo/common/herrors"
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

func (o Options) args() []string {
	env := o.Environment
	if env == "" {
		env = "production"
	}
	args := []string{"--source", o.Source, "--environment", env, "--noBuildLock"}
	if o.Destination != "" {
		args = append(args, "--destination", o.Destination)
	}
	if o.BaseURL != "" {
		args = append(args, "--baseURL", o.BaseURL)
	}
	if o.Drafts {
		args = append(args, "--buildDrafts")
	}
	return args
}

// Main runs the hugo command line exactly as the hugo binary does.
func Main(args []string) error {
	return unwrap(commands.Execute(args))
}

// Build renders the site once.
func Build(o Options) error {
	if o.NoIndex {
		os.Setenv("HUGO_PARAMS_NOINDEX", "true")
		defer os.Unsetenv("HUGO_PARAMS_NOINDEX")
	}
	return unwrap(commands.Execute(append(o.args(), "--quiet")))
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
