package build

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Summary prints the one table a build ends with.
func (r *Result) Summary(w io.Writer) {
	langs := r.Site.Languages
	stories := map[string]int{}
	for _, s := range r.Site.Stories {
		if !s.Draft {
			stories[s.Lang]++
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
	tw.Flush()
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
