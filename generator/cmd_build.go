package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime/pprof"
	"strings"

	"github.com/itu-d/portal/generator/internal/build"
)

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", "build [-source DIR] [-out DIR] [-base-url URL] [-drafts] [-noindex] [-phases] [-cpuprofile FILE] [-memprofile FILE]", `
Build checks every content and data file, derives charts and data into .gen/,
renders the site with Hugo and replaces the output folder only when all of
that succeeded. Problems are printed as path:line:col: message.`, stderr)
	var o build.Options
	fs.StringVar(&o.Source, "source", ".", "site root (the folder holding hugo.toml)")
	fs.StringVar(&o.Out, "out", "", "output folder (default SOURCE/public)")
	fs.StringVar(&o.BaseURL, "base-url", "", "absolute URL the site is served from (default: hugo.toml's baseURL)")
	fs.BoolVar(&o.Drafts, "drafts", false, "include drafts (for deploy previews)")
	fs.BoolVar(&o.NoIndex, "noindex", false, "ask crawlers not to index the site (for deploy previews)")
	phases := fs.Bool("phases", false, "also print how long each phase of the build took")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof reads it)")
	fs.StringVar(&o.HeapProfile, "memprofile", "", "write a heap profile to `file` once pages are checked and indexed, where the build holds most")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	stop, err := startCPUProfile(*cpuprofile)
	if err != nil {
		return err
	}
	defer stop()
	if err := checkBaseURL(fs, o.BaseURL); err != nil {
		return err
	}
	o.Log = stderr
	res, err := build.Build(o)
	if err != nil {
		if errors.Is(err, build.ErrContent) {
			if res.Problems != nil && res.Problems.Errors() > 0 {
				fmt.Fprintf(stderr, "generator: %d error(s); public/ was left as it was\n", res.Problems.Errors())
			} else {
				fmt.Fprintln(stderr, "generator: the site did not render; public/ was left as it was")
			}
			return errReported
		}
		return err
	}
	res.Summary(stdout)
	if *phases {
		for _, ph := range res.Phases {
			fmt.Fprintf(stdout, "phase\t%s\t%.2fs\n", ph.Name, ph.Took.Seconds())
		}
	}
	return nil
}

func cmdCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", "check [-source DIR] [-drafts] [-links [-external]]", `
Check loads and checks every content and data file without rendering the
site: the same messages as build, in a fraction of the time. With -links it
checks the links of the last build instead; -external also fetches the
links to other sites (it needs the network, so tests never use it).`, stderr)
	var o build.Options
	fs.StringVar(&o.Source, "source", ".", "site root (the folder holding hugo.toml)")
	fs.BoolVar(&o.Drafts, "drafts", false, "check drafts as published pages")
	links := fs.Bool("links", false, "also check every internal link, asset and #fragment in the last build (OUT)")
	external := fs.Bool("external", false, "with -links: also fetch every external link and report those that fail")
	fs.StringVar(&o.Out, "out", "", "the built site -links reads (default SOURCE/public)")
	if err := parse(fs, args, 0); err != nil {
		return err
	}
	o.Log = stderr
	if *links {
		err := build.CheckLinks(o, *external, stdout)
		if errors.Is(err, build.ErrContent) {
			return errReported
		}
		return err
	}
	site, probs, err := build.Check(o)
	if err != nil {
		if errors.Is(err, build.ErrContent) {
			fmt.Fprintf(stderr, "generator: %d error(s)\n", probs.Errors())
			return errReported
		}
		return err
	}
	// Counted as build counts them: each story once, however many
	// languages it is written in.
	kinds, translations := map[string]int{}, 0
	for _, c := range site.Content {
		kinds[c.Kind]++
		translations += len(c.Translations)
	}
	fmt.Fprintf(stdout, "ok: %d stories, %d regions, %d other pages (%d translations), %d publications, %d datasets checked; %d warning(s)\n",
		kinds["story"], kinds["region"], len(site.Content)-kinds["story"]-kinds["region"], translations,
		len(site.Publications), len(site.Datasets), probs.Warnings())
	return nil
}

// checkBaseURL refuses a -base-url that is not an absolute http(s) URL
// (Netlify's $URL unset, say): every link of the site would be wrong, and
// the audit would report each of them instead of the one mistake.
func checkBaseURL(fs *flag.FlagSet, s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.RawQuery == "" && u.Fragment == "" && !strings.ContainsAny(s, " \t\n\"<>") {
		return nil
	}
	fmt.Fprintf(fs.Output(), "generator %s: -base-url %q is not an absolute http or https URL, such as https://itu-d-portal.netlify.app/\n", fs.Name(), s)
	return errUsage
}

// startCPUProfile writes a CPU profile to file until stop is called; with
// no file it does nothing.
func startCPUProfile(file string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
