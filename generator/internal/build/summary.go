package build

import (
	"strings"

	"fmt"
	"github.com/itu-d/portal/generator/internal/vocab"
	"io"
	"text/tabwriter"
)

// Summary prints the one table a build ends with.
func (r *Result) Summary(w io.Writer) {
	langs := r.Site.Languages
	// Every story shows in every language; "translated" counts those whose
	// text is written in it, originals included.
	stories, translated, content, outdated := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	slugs := map[string]bool{}
	for _, s := range r.Site.Stories {
		if !s.Draft {
			slugs[s.Slug] = true
			translated[s.Lang]++
		}
	}
	for _, l := range langs {
		stories[l] = len(slugs)
	}
	for _, c := range r.Site.Content {
		for _, l := range c.Langs {
			content[l]++
		}
		for l, t := range c.Translations {
			if t.Outdated {
				outdated[l]++
			}
		}
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, l := range langs {
		fmt.Fprintf(tw, "%s\t", l)
	}
	fmt.Fprintln(tw, "total\t")
	row := func(name string, m map[string]int) {
		fmt.Fprintf(tw, "%s\t", name)
		total := 0
		for _, l := range langs {
			fmt.Fprintf(tw, "%d\t", m[l])
			total += m[l]
		}
		fmt.Fprintf(tw, "%d\t\n", total)
	}
	row("Pages", r.Pages)
	row("Stories", stories)
	row("  in the language", translated)
	if len(r.Countries) > 0 {
		row("Country pages", r.Countries)
		row("  with a chart", r.Charted)
	}
	row("Content translated", content)
	row("  outdated", outdated)
	tw.Flush()
	r.coverage(w)
	if r.Audit != nil {
		fmt.Fprintln(w)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "Heaviest page per type (KB gzip)\tpages\tHTML\tCSS\tJS\timages\tfonts\ttotal\t")
		for _, t := range r.Weights {
			m := t.Max
			fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t\n", t.Type, t.Pages,
				k(m.HTML), k(m.CSS), k(m.JS), k(m.Images), k(m.Fonts), k(m.Total()))
		}
		tw.Flush()
	}
	docs := 0
	for _, l := range r.Search.Langs {
		docs += l.Docs
	}
	fmt.Fprintf(w, "Search: %d pages indexed in %d languages, %d files, %.1f KB\n", docs, len(r.Search.Langs), r.Search.Files, float64(r.Search.Bytes)/1024)
	fmt.Fprintf(w, "Publications %d · Datasets %d · Charts %d (%d drawings) · Files %d · Warnings %d · Time %dms\n",
		len(r.Site.Publications), r.Charts.Datasets, r.Charts.Views, r.Charts.Drawings, r.Files, r.Problems.Warnings(), r.Duration.Milliseconds())
}

func k(n int) float64 { return float64(n) / 1024 }

// coverage prints what the site covers: stories by ITU region and by
// sector, and publications by the kind of identifier that makes them
// citable.
func (r *Result) coverage(w io.Writer) {
	regions, sectors := map[string]int{}, map[string]int{}
	for _, s := range r.Site.Stories {
		if s.Draft || s.Lang != r.Site.Languages[0] {
			continue
		}
		regions[s.Region]++
		for _, sec := range s.Sectors {
			sectors[sec]++
		}
	}
	counts := func(names []string, m map[string]int) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = fmt.Sprintf("%s %d", n, m[n])
		}
		return strings.Join(parts, " · ")
	}
	fmt.Fprintf(w, "Stories by region: %s\n", counts(vocab.Regions, regions))
	fmt.Fprintf(w, "Stories by sector: %s\n", counts(vocab.Sectors, sectors))
	ids := map[string]int{}
	for _, p := range r.Site.Publications {
		none := true
		for _, id := range []struct {
			kind string
			has  bool
		}{{"URL", p.URL != ""}, {"DOI", p.DOI != ""}, {"ISBN", p.ISBN != ""}, {"ISSN", p.ISSN != ""}, {"ITU code", p.Number != ""}, {"PDF", p.Extra["pdf"] != ""}} {
			if id.has {
				ids[id.kind]++
				none = false
			}
		}
		if none {
			ids["none"]++
		}
	}
	fmt.Fprintf(w, "Publications by identifier: %s\n", counts([]string{"URL", "DOI", "ISBN", "ISSN", "ITU code", "PDF", "none"}, ids))
}
