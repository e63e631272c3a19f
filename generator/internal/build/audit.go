package build

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/itu-d/portal/generator/internal/audit"
	"github.com/itu-d/portal/generator/internal/derive"
	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/source"
)

// auditOutput checks the rendered site: links, fragments and assets that do
// not resolve, and pages over budget. A broken link written in Markdown is
// reported at its line in the content file; one from a template, at the page.
// Each page is also handed to also, when not nil, and the folders in skip
// are left out (see audit.ScanWith).
func auditOutput(dir, baseURL string, site *source.Site, budget audit.Budget, also audit.PageFunc, skip ...string) (*audit.Site, *diag.List, error) {
	probs := &diag.List{}
	scan, err := audit.ScanWith(dir, baseURL, also, skip...)
	if err != nil {
		return nil, probs, err
	}
	written := contentLinks(site)
	seen := map[string]bool{}
	for _, b := range scan.BrokenLinks() {
		if cl, ok := written[linkKey{b.Page.Path, b.Link.Href}]; ok {
			p := diag.Problem{Path: cl.Path, Line: cl.Line, Msg: fmt.Sprintf("link to %s %s", cl.Dest, b.Why),
				Hint: "link to a page by its path on the site, e.g. /stories/<slug>/ or /fr/stories/<slug>/"}
			if !seen[p.String()] { // a fallback page repeats its original's links
				seen[p.String()] = true
				probs.Add(p)
			}
			continue
		}
		probs.Add(diag.Problem{Path: "page " + b.Page.Path, Msg: fmt.Sprintf("%s link to %s %s (from a template)", b.Link.Kind, b.Link.Href, b.Why)})
	}
	for _, pg := range scan.Pages {
		if pg.Refused {
			probs.Add(diag.Problem{Path: "page " + pg.Path, Msg: "a template wrote a value html/template refused in its context (ZgotmplZ in the page)",
				Hint: "pass attributes as safeHTMLAttr and URLs as safeURL only when they are known to be safe"})
		}
	}
	for _, b := range scan.CrossLanguage(site.Languages) {
		probs.Add(diag.Problem{Path: "page " + b.Page.Path, Msg: fmt.Sprintf("%s link to %s %s (from a template)", b.Link.Kind, b.Link.Href, b.Why),
			Hint: "link to the page in the reader's language, or label the link with hreflang"})
	}
	for _, o := range scan.Check(budget) {
		probs.Add(diag.Problem{Path: "page " + o.Page.Path, Msg: fmt.Sprintf("%s is %s gzip, over the budget of %s", o.What, kb(o.Got), kb(o.Limit)),
			Hint: "budgets are set in hugo.toml under [params.budgets]"})
	}
	return scan, probs, nil
}

type linkKey struct{ page, dest string }

// contentLinks maps each link as a page shows it to the Markdown link it
// came from. A link to a path on the site is shown in the reader's
// language (layouts/_markup/render-link.html), and an original's links
// show on every page where it stands in for a missing translation.
func contentLinks(site *source.Site) map[linkKey]source.ContentLink {
	langOf := func(url string) string {
		first, _, _ := strings.Cut(strings.TrimPrefix(url, "/"), "/")
		if slices.Contains(site.Languages[1:], first) {
			return first
		}
		return ""
	}
	written := map[linkKey]source.ContentLink{}
	shown := func(url, lang string, l source.ContentLink) {
		written[linkKey{url, l.Dest}] = l
		if lang != "" && strings.HasPrefix(l.Dest, "/") {
			written[linkKey{url, "/" + lang + l.Dest}] = l
		}
	}
	// Originals first, wherever they stand in for a translation; then each
	// file on its own page, which wins where a translation exists.
	for _, l := range site.Links {
		if langOf(l.PageURL) == "" {
			for _, other := range site.Languages[1:] {
				shown("/"+other+l.PageURL, other, l)
			}
		}
	}
	for _, l := range site.Links {
		shown(l.PageURL, langOf(l.PageURL), l)
	}
	return written
}

func kb(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }

// CheckLinks checks the links of an already built site (o.Out) and, with
// external, fetches every link to another site.
func CheckLinks(o Options, external bool, stdout io.Writer) error {
	o.defaults()
	site, _, err := Check(o)
	if err != nil {
		return err
	}
	base := site.Config.BaseURL
	if o.BaseURL != "" {
		base = o.BaseURL
	}
	scan, probs, err := auditOutput(o.Out, base, site, audit.Budget{}, nil)
	if err != nil {
		return err
	}
	if external {
		for _, p := range fetchAll(scan.External()) {
			probs.Add(p)
		}
	} else {
		fmt.Fprintf(stdout, "%d external links, listed in %s/reports/external-links.txt, not fetched (use -external)\n", len(scan.External()), derive.Dir)
	}
	for _, p := range probs.Problems() {
		fmt.Fprintln(o.Log, p)
	}
	if probs.Errors() > 0 {
		return ErrContent
	}
	fmt.Fprintf(stdout, "ok: %d pages, every internal link resolves\n", len(scan.Pages))
	return nil
}

// fetchAll asks each external URL for its headers, four at a time.
func fetchAll(urls []string) []diag.Problem {
	client := &http.Client{Timeout: 15 * time.Second}
	var mu sync.Mutex
	var out []diag.Problem
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			resp, err := client.Head(u)
			if err == nil && resp.StatusCode == http.StatusMethodNotAllowed {
				resp.Body.Close()
				resp, err = client.Get(u)
			}
			msg := ""
			switch {
			case err != nil:
				msg = err.Error()
			case resp.StatusCode >= 400:
				msg = resp.Status
			}
			if resp != nil {
				resp.Body.Close()
			}
			if msg != "" {
				mu.Lock()
				out = append(out, diag.Problem{Path: u, Warning: true, Msg: "external link fails: " + msg})
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out
}
