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
	fs := newFlagSet("search", `search [-lang CODE] [-filter key=value]... [-sort date] [-n N] "query"`, `
Search runs a query over the index of the last build (public/search/), with
the same analysis and ranking as the site's search page, and prints one
result per line: path, type, date, title. Filters are facets: type, region,
country, sector, sdg, year; several values of one facet widen the search,
different facets narrow it.`, stderr)
	lang := fs.String("lang", "en", "language of the index: "+strings.Join(search.Langs, ", "))
	out := fs.String("out", "public", "the built site")
	sort := fs.String("sort", "", `"date" for newest first (default: relevance)`)
	n := fs.Int("n", 10, "results to print")
	filters := filterFlags{}
	fs.Var(filters, "filter", "a facet to keep, key=value (repeatable)")
	if err := parse(fs, args, 1); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	results, _, err := search.Query(filepath.Clean(*out), *lang, fs.Arg(0), filters, *sort, *n)
	if err != nil {
		return fmt.Errorf("%v (build the site first: go run ./generator build)", err)
	}
	for _, r := range results {
		fmt.Fprintln(stdout, r)
	}
	if len(results) == 0 {
		fmt.Fprintln(stderr, "no results")
	}
	return nil
}
