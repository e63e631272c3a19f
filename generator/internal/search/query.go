package search

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// The query below has a twin in assets/js/search.js (search, excerpt):
// change both together; TestQueryMatchesJS runs the same queries through
// both.

// Result is one matching page.
type Result struct {
	URL       string // the page, with #id of the best-matching section
	Title     string
	Type      string // facet value, such as story
	TypeLabel string
	Date      string
	Heading   string // of the best-matching section
	Excerpt   string // HTML: escaped text, matched words in <mark>
	Score     int
}

// String is the result as one line for a terminal: URL, type, date and
// title, separated by tabs.
func (r Result) String() string {
	return strings.Join([]string{r.URL, r.Type, r.Date, r.Title}, "\t")
}

// Facets are the facet counts of a query, in display order.
type Facets []Facet

// Facet lists the values of one facet among the matching pages: counted
// with the filters of the other facets, so that values of the same facet
// stay offered (OR within a facet, AND across).
type Facet struct {
	Name   string
	Values []FacetValue
}

// FacetValue is one value, with its count and whether it is filtered on.
type FacetValue struct {
	Value, Label string
	Count        int
	Selected     bool
}

// Query answers q from the index written under dir, reading its files as
// the browser fetches them. filters keep pages with one of the values of
// each facet named; sort is "date" or anything else for relevance; limit
// caps the results (0 for all).
func Query(dir, lang, q string, filters map[string][]string, sort string, limit int) ([]Result, Facets, error) {
	l := &fileLoader{dir: filepath.Join(dir, "search", lang)}
	m, err := l.manifest()
	if err != nil {
		return nil, nil, err
	}
	p, err := search(l, m, q, filters, sort, 0, limit)
	return p.results, p.facets, err
}

// loader reads one file of an index, as fetch does in the browser.
type loader interface {
	load(name string, v any) error
}

type fileLoader struct {
	dir   string
	bytes int // read so far
	files []string
}

func (l *fileLoader) load(name string, v any) error {
	b, err := os.ReadFile(filepath.Join(l.dir, name))
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	l.bytes += len(b)
	l.files = append(l.files, name)
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("search: %s: %w", filepath.Join(l.dir, name), err)
	}
	return nil
}

func (l *fileLoader) manifest() (*manifest, error) {
	var m manifest
	if err := l.load("manifest.json", &m); err != nil {
		return nil, err
	}
	return &m, nil
}

type manifest struct {
	DV   string   `json:"dv"`
	F    string   `json:"f"`
	Lang string   `json:"lang"`
	N    int      `json:"n"`
	Stop []string `json:"stop"`
	T    []string `json:"t"`
	TV   string   `json:"tv"`
	V    int      `json:"v"`
}

type facetColumn struct {
	D string   `json:"d"`
	L []string `json:"l"`
	M int      `json:"m"`
	N string   `json:"n"`
	O int      `json:"o"`
	V []string `json:"v"`
}

type docFile struct {
	D string      `json:"d"`
	S [][3]string `json:"s"`
	T string      `json:"t"`
	U string      `json:"u"`
	Y string      `json:"y"`
}

func (m *manifest) shardOf(t string) int {
	lo, hi := 0, len(m.T)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if m.T[mid] <= t {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

type token struct {
	t      string
	prefix bool
	lo     string
	a, b   int // shards to read
}

type hitScore struct{ score, sec int }

type resultPage struct {
	results []Result
	total   int
	facets  Facets
}

func search(l loader, m *manifest, q string, filters map[string][]string, sortBy string, offset, limit int) (resultPage, error) {
	var out resultPage
	ts := analyze(m.Lang, q, nil)
	lc, _ := utf8.DecodeLastRuneInString(q)
	open := q != "" && (isWord(lc) || isCJK(lc))
	var toks []*token
	for i, t := range ts {
		first, _ := utf8.DecodeRuneInString(t)
		pre := open && i == len(ts)-1 && (utf8.RuneCountInString(t) >= 3 || isCJK(first))
		if j := slices.IndexFunc(toks, func(k *token) bool { return k.t == t }); j >= 0 {
			toks[j].prefix = toks[j].prefix || pre
		} else if !slices.Contains(m.Stop, t) {
			toks = append(toks, &token{t: t, prefix: pre})
		}
	}
	need := map[int]bool{}
	for _, k := range toks {
		k.lo = k.t
		if k.prefix {
			r := []rune(k.t)
			k.lo = string(r[:min(len(r), max(3, len(r)-3))])
		}
		k.a = m.shardOf(k.lo)
		k.b = k.a
		if k.prefix {
			k.b = min(m.shardOf(k.t+"\uffff"), k.a+3)
		}
		for i := k.a; i <= k.b; i++ {
			need[i] = true
		}
	}
	var fd []facetColumn
	if err := l.load(m.F, &fd); err != nil {
		return out, err
	}
	shards := map[int]map[string][]int{}
	for _, i := range slices.Sorted(mapKeys(need)) {
		var s map[string][]int
		if err := l.load(fmt.Sprintf("t-%d.%s.json", i, m.TV), &s); err != nil {
			return out, err
		}
		shards[i] = s
	}

	n := m.N
	best := map[int][]hitScore{}
	hit := map[string]bool{}
	for ki, k := range toks {
		type match struct {
			term   string
			weight int
		}
		var ms []match
		for i := k.a; i <= k.b; i++ {
			for x := range shards[i] {
				switch {
				case x == k.t:
					ms = append(ms, match{x, 10})
				case k.prefix && (strings.HasPrefix(x, k.t) || strings.HasPrefix(k.t, x) && utf8.RuneCountInString(x) >= utf8.RuneCountInString(k.lo)):
					ms = append(ms, match{x, 7})
				}
			}
		}
		sort.Slice(ms, func(i, j int) bool { return ms[i].term < ms[j].term })
		for _, mt := range ms {
			p := shards[m.shardOf(mt.term)][mt.term]
			df := float64(len(p) / 3)
			idf := max(1, int(math.Round(100*math.Log(1+(float64(n)-df+0.5)/(df+0.5)))))
			hit[mt.term] = true
			d := 0
			for j := 0; j+2 < len(p); j += 3 {
				d += p[j]
				sc := mt.weight * idf * p[j+1]
				bs := best[d]
				if bs == nil {
					bs = make([]hitScore, len(toks))
					best[d] = bs
				}
				if sc > bs[ki].score {
					bs[ki] = hitScore{sc, p[j+2]}
				}
			}
		}
	}

	// Facets: decode the columns and the selected value indexes.
	cols := make([][][]int, len(fd))
	sel := make([][]int, len(fd))
	filtered := false
	for i, f := range fd {
		w := 1
		if len(f.V) >= 90 {
			w = 2
		}
		code := func(s string, j int) int {
			v := int(s[j]) - 35
			if w == 2 {
				v = v*90 + int(s[j+1]) - 35
			}
			return v - 1
		}
		if f.M == 1 {
			for _, s := range strings.Split(f.D, " ") {
				var vs []int
				for j := 0; j+w <= len(s); j += w {
					vs = append(vs, code(s, j))
				}
				cols[i] = append(cols[i], vs)
			}
		} else {
			for j := 0; j+w <= len(f.D); j += w {
				if v := code(f.D, j); v >= 0 {
					cols[i] = append(cols[i], []int{v})
				} else {
					cols[i] = append(cols[i], nil)
				}
			}
		}
		for _, v := range filters[f.N] {
			sel[i] = append(sel[i], slices.Index(f.V, v))
		}
		filtered = filtered || len(sel[i]) > 0
	}
	pass := func(d, skip int) bool {
		for i, s := range sel {
			if i == skip || len(s) == 0 {
				continue
			}
			if d >= len(cols[i]) || !slices.ContainsFunc(cols[i][d], func(v int) bool { return slices.Contains(s, v) }) {
				return false
			}
		}
		return true
	}

	// Documents that match the most query terms: all of them when any does.
	var docs []int
	score := map[int]int{}
	if len(toks) == 0 {
		if len(ts) > 0 || filtered {
			for d := range n {
				docs = append(docs, d)
			}
		}
	} else {
		most := 1
		for _, d := range slices.Sorted(mapKeys(best)) {
			c, sum := 0, 0
			for _, h := range best[d] {
				if h.score > 0 {
					c++
				}
				sum += h.score
			}
			if c > most {
				most, docs = c, nil
			}
			if c == most {
				docs = append(docs, d)
				score[d] = sum
			}
		}
	}

	for i, f := range fd {
		counts := make([]int, len(f.V))
		for _, d := range docs {
			if d < len(cols[i]) && pass(d, i) {
				for _, v := range cols[i][d] {
					if v >= 0 && v < len(counts) {
						counts[v]++
					}
				}
			}
		}
		var vs []FacetValue
		for j, v := range f.V {
			selected := slices.Contains(sel[i], j)
			if counts[j] == 0 && !selected {
				continue
			}
			label := v
			if j < len(f.L) {
				label = f.L[j]
			}
			vs = append(vs, FacetValue{Value: v, Label: label, Count: counts[j], Selected: selected})
		}
		if f.O == 0 {
			sort.SliceStable(vs, func(a, b int) bool { return vs[a].Count > vs[b].Count })
		}
		out.facets = append(out.facets, Facet{Name: f.N, Values: vs})
	}

	kept := docs[:0]
	for _, d := range docs {
		if pass(d, -1) {
			kept = append(kept, d)
		}
	}
	docs = kept
	if sortBy != "date" && len(toks) > 0 {
		sort.Slice(docs, func(i, j int) bool {
			a, b := docs[i], docs[j]
			if score[a] != score[b] {
				return score[a] > score[b]
			}
			return a < b
		})
	} else {
		slices.Sort(docs)
	}
	out.total = len(docs)
	end := len(docs)
	if limit > 0 {
		end = min(end, offset+limit)
	}
	var typeCol *facetColumn
	for i := range fd {
		if fd[i].N == "type" {
			typeCol = &fd[i]
		}
	}
	for _, d := range docs[min(offset, end):end] {
		var df docFile
		if err := l.load(fmt.Sprintf("d-%d.%s.json", d, m.DV), &df); err != nil {
			return out, err
		}
		secScore := map[int]int{}
		for _, h := range best[d] {
			if h.score > 0 {
				secScore[h.sec] += h.score
			}
		}
		s, top := 0, 0
		for _, sec := range slices.Sorted(mapKeys(secScore)) {
			if secScore[sec] > top {
				s, top = sec, secScore[sec]
			}
		}
		var sec [3]string
		if s < len(df.S) {
			sec = df.S[s]
		}
		text := sec[2]
		if text == "" {
			for _, x := range df.S {
				if x[2] != "" {
					text = x[2]
					break
				}
			}
		}
		r := Result{URL: df.U, Title: df.T, Type: df.Y, TypeLabel: df.Y, Date: df.D, Heading: sec[1],
			Excerpt: excerptHTML(excerpt(m.Lang, text, hit)), Score: score[d]}
		if sec[0] != "" {
			r.URL += "#" + sec[0]
		}
		if typeCol != nil {
			if i := slices.Index(typeCol.V, df.Y); i >= 0 && i < len(typeCol.L) {
				r.TypeLabel = typeCol.L[i]
			}
		}
		out.results = append(out.results, r)
	}
	return out, nil
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

type piece struct {
	text   string
	marked bool
}

// excerpt returns about 200 characters of text around the first matched
// word, as pieces marked or not.
func excerpt(lang, text string, hit map[string]bool) []piece {
	cs := []rune(text)
	n := len(cs)
	mk := make([]bool, n)
	wd := func(k int) bool { return k < n && isWord(cs[k]) && !isCJK(cs[k]) }
	for i := 0; i < n; {
		j := i + 1
		switch {
		case isCJK(cs[i]):
			for j < n && isCJK(cs[j]) {
				j++
			}
			ns := make([]string, j-i)
			for k := range ns {
				ns[k] = normalize(string(cs[i+k]))
			}
			if j-i == 1 {
				mk[i] = hit[ns[0]]
			}
			for k := i; k+1 < j; k++ {
				if hit[ns[k-i]+ns[k-i+1]] {
					mk[k], mk[k+1] = true, true
				}
			}
		case wd(i):
			for wd(j) {
				j++
			}
			for _, t := range analyze(lang, string(cs[i:j]), nil) {
				if hit[t] {
					for k := i; k < j; k++ {
						mk[k] = true
					}
					break
				}
			}
		}
		i = j
	}
	p := slices.Index(mk, true)
	if p < 0 {
		p = 0
	}
	s := max(0, p-60)
	for s > 0 && s < p && wd(s-1) && wd(s) {
		s++
	}
	for s < p && !isWord(cs[s]) {
		s++
	}
	e := min(n, s+200)
	for e < n && e > s && wd(e-1) && wd(e) {
		e--
	}
	if e == s {
		e = min(n, s+200)
	}
	for e > s && cs[e-1] == ' ' {
		e--
	}
	var out []piece
	for i := s; i < e; i++ {
		if k := len(out) - 1; k >= 0 && out[k].marked == mk[i] {
			out[k].text += string(cs[i])
		} else {
			out = append(out, piece{string(cs[i]), mk[i]})
		}
	}
	if s > 0 {
		out = append([]piece{{"…", false}}, out...)
	}
	if e < n {
		out = append(out, piece{"…", false})
	}
	return out
}

func excerptHTML(ps []piece) string {
	var b strings.Builder
	for _, p := range ps {
		if p.marked {
			b.WriteString("<mark>" + html.EscapeString(p.text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(p.text))
		}
	}
	return b.String()
}
