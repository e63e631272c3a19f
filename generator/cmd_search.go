package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/itu-d/portal/generator/internal/search"
)

// filterFlags collects repeated -filter key=value flags.
type filterFlags map[string][]string

func (f filterFlags) String() string { return "" }

func (f filterFlags) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	if !ok || k == "" || v == "" {
		return fmt.Errorf("want key=value, e.g. region=africa")
	}
	f[k] = append(f[k], v)
	return nil
}

func cmdSearch(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("search", `search [-lang CODE] [-filter key=value]... [-sort date] [-n N] [-exact] "query"`, `
Search runs a query over the index of the last build (public/search/), with
the same analysis, typo correction and ranking as the site's search page,
and prints one result per line: path, type, date, title. Filters are
facets: type, region, country, sector, sdg, year; several values of one
facet widen the search, different facets narrow it.

A word found nowhere is taken for the nearest word of the pages (one edit
away, two for words of eight letters or more), and the query searched is
printed on stderr ("showing results for ..."); -exact searches the words as
typed. When few pages match in the language, pages of the other languages
written in the same script follow, after a line on stderr.`, stderr)
	lang := fs.String("lang", "en", "language of the index: "+strings.Join(search.Langs, ", "))
	out := fs.String("out", "public", "the built site")
	sort := fs.String("sort", "", `"date" for newest first (default: relevance)`)
	n := fs.Int("n", 10, "results to print")
	exact := fs.Bool("exact", false, "search the words as typed, without typo correction")
	filters := filterFlags{}
	fs.Var(filters, "filter", "a facet to keep, key=value (repeatable)")
	if err := parse(fs, args, 1); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	r, err := search.Query(filepath.Clean(*out), *lang, search.Request{Q: fs.Arg(0), Filters: filters, Sort: *sort, Limit: *n, Exact: *exact})
	if err != nil {
		return fmt.Errorf("%v (build the site first: go run ./generator build)", err)
	}
	if r.Corrected != "" {
		fmt.Fprintf(stderr, "showing results for %q (-exact for the words as typed)\n", r.Corrected)
	}
	for _, x := range r.Results {
		fmt.Fprintln(stdout, x)
	}
	if len(r.Results) == 0 {
		fmt.Fprintln(stderr, "no results")
	}
	if len(r.Others) > 0 {
		fmt.Fprintln(stderr, "in other languages:")
	}
	for _, x := range r.Others {
		fmt.Fprintln(stdout, x)
	}
	return nil
}
