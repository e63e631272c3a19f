package audit

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/itu-d/portal/generator/internal/config"
	"github.com/itu-d/portal/generator/internal/par"
)

// Weight is what a page costs a reader, in gzip bytes.
type Weight struct {
	HTML, CSS, JS, Images, Fonts int
}

// Code is HTML + CSS + JS.
func (w Weight) Code() int { return w.HTML + w.CSS + w.JS }

// Total is everything, images included.
func (w Weight) Total() int { return w.Code() + w.Images + w.Fonts }

// Weigh adds up a page as a 360 px wide phone at 2x density loads it: the
// page, its stylesheets and scripts, and of each image the srcset candidate
// such a screen picks. Lazy images count too: a reader who scrolls pays them.
func (s *Site) Weigh(p *Page) Weight {
	return s.weigh(p, s.htmlSize(p))
}

// bound is Weigh with the HTML taken at its size before compression, plus
// what gzip adds at worst (a header, and 5 bytes per 64 KiB of stored
// blocks): never less than Weigh, and free to compute.
func (s *Site) bound(p *Page) Weight {
	return s.weigh(p, p.Raw+p.Raw/8192+64)
}

func (s *Site) weigh(p *Page, html int) Weight {
	w := Weight{HTML: html}
	seen := map[string]bool{}
	add := func(target string, into *int) {
		file, ok := s.resolve(target)
		if !ok || seen[file] {
			return
		}
		seen[file] = true
		*into += s.gzipOf(file)
	}
	// srcset: the smallest candidate at least 720 px wide, else the widest.
	type set struct {
		best, widest   string
		bestW, widestW int
	}
	sets := map[string]*set{}
	for _, l := range p.Links {
		if l.External {
			continue
		}
		switch {
		case l.Kind == "css":
			add(l.Target, &w.CSS)
		case l.Kind == "js":
			add(l.Target, &w.JS)
		case l.Kind == "font":
			add(l.Target, &w.Fonts)
		case l.Kind == "img":
			if sets[l.Target] == nil {
				add(l.Target, &w.Images)
			}
		case strings.HasPrefix(l.Kind, "srcset:"):
			width, _ := strconv.Atoi(strings.TrimPrefix(l.Kind, "srcset:"))
			key := path.Dir(l.Target)
			st := sets[key]
			if st == nil {
				st = &set{}
				sets[key] = st
			}
			if width >= 720 && (st.best == "" || width < st.bestW) {
				st.best, st.bestW = l.Target, width
			}
			if width > st.widestW {
				st.widest, st.widestW = l.Target, width
			}
		}
	}
	for _, st := range sets {
		pick := st.best
		if pick == "" {
			pick = st.widest
		}
		add(pick, &w.Images)
	}
	return w
}

// TypeWeight is the heaviest page of one page type.
type TypeWeight struct {
	Type   string
	Pages  int
	Max    Weight
	MaxURL string
}

// WeightsByType returns, per page type, the heaviest page. Compressing every
// page of a large site costs more than the rest of the audit, so only the
// three largest pages of each type (by bytes before compression) are
// weighed; gzip ratios within one type differ too little for a smaller page
// to come out heavier.
func (s *Site) WeightsByType() []TypeWeight {
	byType := map[string][]*Page{}
	for _, p := range s.Pages {
		t := p.Type
		if t == "" {
			t = "other"
		}
		byType[t] = append(byType[t], p)
	}
	out := make([]TypeWeight, 0, len(byType))
	for t, pages := range byType {
		tw := TypeWeight{Type: t, Pages: len(pages)}
		bound := make(map[*Page]int, len(pages))
		for _, p := range pages {
			bound[p] = s.bound(p).Total()
		}
		sort.SliceStable(pages, func(i, j int) bool { return bound[pages[i]] > bound[pages[j]] })
		for _, p := range pages[:min(3, len(pages))] {
			if w := s.Weigh(p); w.Total() > tw.Max.Total() || tw.MaxURL == "" {
				tw.Max, tw.MaxURL = w, p.Path
			}
		}
		out = append(out, tw)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Type < out[j].Type })
	return out
}

// Budget caps what any page may weigh, in gzip bytes; zero means no cap.
type Budget = config.Budgets

// OverBudget is a page that exceeds a budget.
type OverBudget struct {
	Page       *Page
	What       string
	Got, Limit int
}

// Check lists every page over budget. A page whose size before compression
// is within every budget is within it after; only the others are
// compressed, first at gzip's fastest level, whose sizes are never
// smaller than its best's: only a page over budget at the fastest is
// compressed at the best, for the figure reported.
func (s *Site) Check(b Budget) []OverBudget {
	var out []OverBudget
	over := func(w Weight) bool {
		return (b.Code > 0 && w.Code() > b.Code) || (b.JS > 0 && w.JS > b.JS) || (b.Total > 0 && w.Total() > b.Total)
	}
	// Only the pages that might be over are weighed; compressing them is
	// the work, done in parallel and reported in page order.
	var heavy []*Page
	for _, p := range s.Pages {
		if over(s.bound(p)) {
			heavy = append(heavy, p)
		}
	}
	weights := make([]Weight, len(heavy))
	par.For(len(heavy), func(i int) {
		if w := s.weigh(heavy[i], s.fastHTMLSize(heavy[i])); !over(w) {
			weights[i] = w
			return
		}
		weights[i] = s.Weigh(heavy[i])
	})
	for i, p := range heavy {
		w := weights[i]
		for _, c := range []struct {
			what       string
			got, limit int
		}{{"HTML + CSS + JS", w.Code(), b.Code}, {"JavaScript", w.JS, b.JS}, {"total weight at 360 px", w.Total(), b.Total}} {
			if c.limit > 0 && c.got > c.limit {
				out = append(out, OverBudget{p, c.what, c.got, c.limit})
			}
		}
	}
	return out
}
