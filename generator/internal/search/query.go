package search

import (
	"encoding/json"
	"fmt"
	"html"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The query below has a twin in assets/js/search.js (search, searchAll,
// excerpt) and, for typos and other languages, assets/js/search-more.js
// (typos, others): change both together; TestQueryMatchesJS runs the same
// queries through both.

// Result is one matching page.
type Result struct {
	URL       string // the page, with #id of the best-matching section
	Title     string
	Type      string // facet value, such as story
	TypeLabel string
	Date      string
	Heading   string // of the best-matching section
	Excerpt   string // HTML: escaped text, matched words in <mark>
	Lang      string // the language of its text
	Score     int
	// The page's versions in other languages, by language: translations,
	// and pages that show its text in another language's interface.
	translations, fallbacks map[string]string
	gathers                 bool // a page that gathers others: ranked last
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

// Request is a query: its words, the facets it keeps, its order and the
// part of the results wanted.
type Request struct {
	Q string
	// Filters keep pages with one of the values of each facet named.
	Filters map[string][]string
	Sort    string // "date" for newest first; otherwise by relevance
	Offset  int
	Limit   int  // 0 for all
	Exact   bool // words only as typed: no typo correction
}

// Response is what a query finds.
type Response struct {
	Results []Result // from Offset, at most Limit
	Total   int
	Facets  Facets
	// Corrected is the query as searched when some of its words were not
	// found as typed and were taken for the nearest indexed words.
	Corrected string
	// Others are results in other languages written in the query's script,
	// after the first page, when fewer than fewResults pages match in the
	// language asked: an English word on the Spanish site finds English
	// pages. A page of the language asked, or its translation, is not
	// listed again; a result opens in the language asked when a page there
	// shows its text. Their typos are corrected when the language asked
	// finds nothing.
	Others []Result
}

// fewResults: with fewer results than this, other languages' follow.
const fewResults = 5

// Query answers r from the index written under dir in lang, reading its
// files as the browser fetches them.
func Query(dir, lang string, r Request) (Response, error) {
	return query(func(l string) (loader, *manifest, error) {
		fl := &fileLoader{dir: filepath.Join(dir, "search", l)}
		if l != lang {
			if _, err := os.Stat(filepath.Join(fl.dir, "manifest.json")); err != nil {
				return nil, nil, nil
			}
		}
		m, err := fl.manifest()
		return fl, m, err
	}, lang, r)
}

// query runs r in lang, then in other languages when it finds few pages;
// open gives a language's index, or a nil loader for one not built.
func query(open func(lang string) (loader, *manifest, error), lang string, r Request) (Response, error) {
	l, m, err := open(lang)
	if err != nil {
		return Response{}, err
	}
	p, err := search(l, m, r.Q, r.Filters, r.Sort, r.Offset, r.Limit, !r.Exact)
	if err != nil {
		return Response{}, err
	}
	out := Response{Results: p.results, Total: p.total, Facets: p.facets, Corrected: p.corrected}
	script := queryScript(r.Q)
	if r.Offset > 0 || p.words == 0 || p.total >= fewResults || script == scriptNone {
		return out, nil
	}
	shown := map[string]bool{}
	for _, x := range p.results {
		shown[pagePath(x.URL)] = true
	}
	var others []Result
	for _, o := range Langs {
		if o == lang || langScripts[o] != script {
			continue
		}
		lo, mo, err := open(o)
		if err != nil {
			return out, err
		}
		if lo == nil {
			continue
		}
		// Their typos are corrected only when this language finds nothing:
		// a word of this language is no typo of theirs.
		po, err := search(lo, mo, r.Q, r.Filters, r.Sort, 0, r.Limit, !r.Exact && p.total == 0)
		if err != nil {
			return out, err
		}
		if out.Corrected == "" && len(po.results) > 0 {
			out.Corrected = po.corrected
		}
		for _, x := range po.results {
			if label, ok := p.typeLabels[x.Type]; ok {
				x.TypeLabel = label
			}
			others = append(others, x)
		}
	}
	sort.SliceStable(others, func(i, j int) bool {
		a, b := others[i], others[j]
		if r.Sort == "date" {
			return a.Date > b.Date
		}
		if a.gathers != b.gathers {
			return b.gathers
		}
		return a.Score > b.Score
	})
	for _, x := range others {
		if r.Limit > 0 && len(out.Others) == r.Limit {
			break
		}
		if slices.ContainsFunc(slices.Collect(maps.Values(x.translations)), func(u string) bool { return shown[u] }) {
			continue
		}
		shown[pagePath(x.URL)] = true
		if u := x.fallbacks[lang]; u != "" {
			_, frag, _ := strings.Cut(x.URL, "#")
			x.URL = u
			if frag != "" {
				x.URL += "#" + frag
			}
		}
		out.Others = append(out.Others, x)
	}
	return out, nil
}

// pagePath is a result's URL without its #section.
func pagePath(u string) string {
	p, _, _ := strings.Cut(u, "#")
	return p
}

// langScripts is the script each language is written in; a query is
// searched in other languages only when they write its script.
var langScripts = map[string]int{"en": scriptLatin, "fr": scriptLatin, "es": scriptLatin, "ru": scriptCyrillic, "ar": scriptArabic, "zh": scriptOther}

// queryScript is the script of the first letter of q: Latin, Cyrillic,
// Arabic, or other for Chinese and Japanese; none for no letter or
// another script.
func queryScript(q string) int {
	for _, c := range normalize(q) {
		switch {
		case isCJK(c):
			return scriptOther
		case !unicode.IsLetter(c):
		case unicode.Is(unicode.Latin, c):
			return scriptLatin
		case unicode.Is(unicode.Cyrillic, c):
			return scriptCyrillic
		case unicode.Is(unicode.Arabic, c):
			return scriptArabic
		default:
			return scriptNone
		}
	}
	return scriptNone
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
	P    []string `json:"p"`
	S    []string `json:"s"`
	Stop []string `json:"stop"`
	T    []string `json:"t"`
	TV   string   `json:"tv"`
	V    int      `json:"v"`
	VV   string   `json:"vv"`
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
	A map[string]string `json:"a"`
	D string            `json:"d"`
	F map[string]string `json:"f"`
	S [][3]string       `json:"s"`
	T string            `json:"t"`
	U string            `json:"u"`
	Y string            `json:"y"`
}

// chunkOf is the chunk of a sorted list cut at keys that holds t.
func chunkOf(keys []string, t string) int {
	lo, hi := 0, len(keys)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if keys[mid] <= t {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// typoChunks are the vocabulary chunks to read for w, first and last of
// each part: those of the words that begin with its first p letters, and
// of those that end with its last s. p and s start at two and grow (the
// one whose words fill more chunks) while the words of either fill more
// than one and p+s is under w's length less one (a mistyped letter, or two
// swapped, is then outside one of them; at four letters, two and two).
// Each part reads at most four chunks.
func typoChunks(m *manifest, w []rune) (ranges [2][2]int) {
	r := []rune(reverse(string(w)))
	p, s := 2, 2
	for {
		ranges = [2][2]int{chunkRange(m.P, w[:min(p, len(w))]), chunkRange(m.S, r[:min(s, len(r))])}
		wp, ws := ranges[0][1]-ranges[0][0], ranges[1][1]-ranges[1][0]
		if p+s >= max(4, len(w)-1) {
			break
		}
		if wp >= ws && wp > 0 {
			p++
		} else if ws > 0 {
			s++
		} else {
			break
		}
	}
	for i := range ranges {
		ranges[i][1] = min(ranges[i][1], ranges[i][0]+3)
	}
	return ranges
}

// chunkRange is the first and last chunk, cut at keys, that hold words
// beginning with k.
func chunkRange(keys []string, k []rune) [2]int {
	return [2]int{chunkOf(keys, string(k)), chunkOf(keys, string(k)+"\uffff")}
}

// vocabEntry reads an entry of a vocabulary chunk: the word as written,
// normalized, and its term.
func vocabEntry(e string) (form, norm, term string) {
	form, rest, _ := strings.Cut(e, " ")
	norm = normalize(form)
	term = norm
	if n, err := strconv.Atoi(rest); err == nil {
		term = string([]rune(norm)[:min(n, utf8.RuneCountInString(norm))])
	} else if rest != "" {
		term = rest
	}
	return form, norm, term
}

// Weights of a term matched as typed, as the beginning of a longer one,
// and as a correction one or two edits away.
const (
	exactWeight  = 10
	prefixWeight = 7
	typoWeight   = 5 // one edit; two: typoWeight - 2
	// typoTerms is how many of the nearest words' terms a correction picks
	// from, by the number of pages they are on.
	typoTerms = 3
)

type token struct {
	t, w   string // the term, and the normalized word it is of ("" for CJK)
	prefix bool   // the last word, still being typed
	lo     string
	a, b   int // shards to read
	ms     []match
	fix    string // the correction, as pages write it
}

type match struct {
	term   string
	weight int
}

type hitScore struct {
	score, sec int
	title      bool
}

type resultPage struct {
	results    []Result
	total      int
	facets     Facets
	corrected  string
	words      int               // query terms searched
	typeLabels map[string]string // labels of the type facet's values
}

func search(l loader, m *manifest, q string, filters map[string][]string, sortBy string, offset, limit int, typos bool) (resultPage, error) {
	var out resultPage
	var toks []*token
	var words []string
	ts := analyzeWords(m.Lang, q, nil, func(w, _ string, _, _ int) { words = append(words, w) })
	lc, _ := utf8.DecodeLastRuneInString(q)
	open := q != "" && (isWord(lc) || isCJK(lc))
	wi := 0
	for i, t := range ts {
		first, _ := utf8.DecodeRuneInString(t)
		w := ""
		if !isCJK(first) && wi < len(words) {
			w, wi = words[wi], wi+1
		}
		pre := open && i == len(ts)-1 && (utf8.RuneCountInString(t) >= 3 || isCJK(first))
		if j := slices.IndexFunc(toks, func(k *token) bool { return k.t == t }); j >= 0 {
			toks[j].prefix = toks[j].prefix || pre
		} else if !slices.Contains(m.Stop, t) {
			toks = append(toks, &token{t: t, w: w, prefix: pre})
		}
	}
	out.words = len(toks)
	need := map[int]bool{}
	for _, k := range toks {
		k.lo = k.t
		if k.prefix {
			r := []rune(k.t)
			k.lo = string(r[:min(len(r), max(3, len(r)-3))])
		}
		k.a = chunkOf(m.T, k.lo)
		k.b = k.a
		if k.prefix {
			k.b = min(chunkOf(m.T, k.t+"\uffff"), k.a+3)
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
	loadShards := func() error {
		for _, i := range slices.Sorted(mapKeys(need)) {
			if shards[i] != nil {
				continue
			}
			var s map[string][]int
			if err := l.load(fmt.Sprintf("t-%d.%s.json", i, m.TV), &s); err != nil {
				return err
			}
			shards[i] = s
		}
		return nil
	}
	if err := loadShards(); err != nil {
		return out, err
	}
	postings := func(t string) []int { return shards[chunkOf(m.T, t)][t] }

	var unknown []*token
	for _, k := range toks {
		for i := k.a; i <= k.b; i++ {
			for x := range shards[i] {
				switch {
				case x == k.t:
					k.ms = append(k.ms, match{x, exactWeight})
				case k.prefix && (strings.HasPrefix(x, k.t) || strings.HasPrefix(k.t, x) && utf8.RuneCountInString(x) >= utf8.RuneCountInString(k.lo)):
					k.ms = append(k.ms, match{x, prefixWeight})
				}
			}
		}
		sort.Slice(k.ms, func(i, j int) bool { return k.ms[i].term < k.ms[j].term })
		if len(k.ms) == 0 && typos && m.VV != "" && typoEdits(k.w) > 0 {
			unknown = append(unknown, k)
		}
	}

	// Typos: a word found nowhere is compared with the vocabulary's words
	// near it, and the nearest whose term is on the most pages replaces it
	// (one with a letter that sounds alike first).
	if len(unknown) > 0 {
		files := map[*token][]string{}
		vocab := map[string][]string{}
		for _, k := range unknown {
			key, _, _ := typoKey(k.w)
			for part, r := range typoChunks(m, []rune(key)) {
				for i := r[0]; i <= r[1]; i++ {
					name := fmt.Sprintf("%c-%d.%s.json", "vw"[part], i, m.VV)
					files[k] = append(files[k], name)
					vocab[name] = nil
				}
			}
		}
		for _, name := range slices.Sorted(mapKeys(vocab)) {
			var es []string
			if err := l.load(name, &es); err != nil {
				return out, err
			}
			vocab[name] = es
		}
		type candidate struct {
			form, norm, term string
			edits, diff      int
			near             bool // one letter for another that sounds alike
		}
		picks := map[*token][]candidate{}
		for _, k := range unknown {
			key, _, _ := typoKey(k.w)
			w := []rune(key)
			// A word being typed is compared with the beginnings of words
			// once it has five letters.
			prefix := k.prefix && len(w) >= 5
			maxEdits := typoEdits(k.w)
			var cs []candidate
			seen := map[string]bool{}
			for _, name := range files[k] {
				for _, e := range vocab[name] {
					form, norm, term := vocabEntry(e)
					if seen[norm] {
						continue
					}
					seen[norm] = true
					ek, _, _ := typoKey(norm)
					r := []rune(ek)
					if d := edits(w, r, maxEdits, prefix); d <= maxEdits {
						cs = append(cs, candidate{form, norm, term, d, max(len(r)-len(w), len(w)-len(r)), soundsAlike(w, r)})
					}
				}
			}
			sort.Slice(cs, func(i, j int) bool {
				a, b := cs[i], cs[j]
				if a.edits != b.edits {
					return a.edits < b.edits
				}
				if a.near != b.near {
					return a.near
				}
				if a.diff != b.diff {
					return a.diff < b.diff
				}
				return a.norm < b.norm
			})
			var pick []candidate
			for _, c := range cs {
				if c.edits == cs[0].edits && len(pick) < typoTerms && !slices.ContainsFunc(pick, func(p candidate) bool { return p.term == c.term }) {
					pick = append(pick, c)
					need[chunkOf(m.T, c.term)] = true
				}
			}
			picks[k] = pick
		}
		if err := loadShards(); err != nil {
			return out, err
		}
		// The nearest on the most pages, a letter that sounds alike first.
		for _, k := range unknown {
			best, df, near := -1, 0, false
			for i, c := range picks[k] {
				if n := len(postings(c.term)) / 3; n > 0 && (c.near && !near || c.near == near && n > df) {
					best, df, near = i, n, c.near
				}
			}
			if best >= 0 {
				c := picks[k][best]
				k.ms = []match{{c.term, typoWeight - 2*(c.edits-1)}}
				k.fix = c.form
			}
		}
		out.corrected = correct(q, toks)
	}

	n := m.N
	best := map[int][]hitScore{}
	hit := map[string]bool{}
	for ki, k := range toks {
		for _, mt := range k.ms {
			p := postings(mt.term)
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
					bs[ki] = hitScore{sc, p[j+2] >> 1, p[j+2]&1 == 1}
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
	ti := slices.IndexFunc(fd, func(f facetColumn) bool { return f.N == "type" })
	out.typeLabels = map[string]string{}
	if ti >= 0 {
		for j, v := range fd[ti].V {
			if j < len(fd[ti].L) {
				out.typeLabels[v] = fd[ti].L[j]
			}
		}
	}
	// Pages that only gather others (the home page, lists, "about") come
	// after stories, publications and data, unless their title matches.
	gathers := func(d int) bool {
		if ti < 0 || d >= len(cols[ti]) || len(cols[ti][d]) == 0 {
			return false
		}
		if t := fd[ti].V[cols[ti][d][0]]; t != "page" && t != "list" {
			return false
		}
		return !slices.ContainsFunc(best[d], func(h hitScore) bool { return h.title })
	}
	if sortBy != "date" && len(toks) > 0 {
		sort.Slice(docs, func(i, j int) bool {
			a, b := docs[i], docs[j]
			if ga, gb := gathers(a), gathers(b); ga != gb {
				return gb
			}
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
			Excerpt: excerptHTML(excerpt(m.Lang, text, hit)), Lang: m.Lang, Score: score[d],
			translations: df.A, fallbacks: df.F, gathers: len(toks) > 0 && gathers(d)}
		if sec[0] != "" {
			r.URL += "#" + sec[0]
		}
		if label, ok := out.typeLabels[df.Y]; ok {
			r.TypeLabel = label
		}
		out.results = append(out.results, r)
	}
	return out, nil
}

// correct is q with each corrected word in its place, or "" when no word
// is corrected.
func correct(q string, toks []*token) string {
	var b strings.Builder
	fixed, start := false, -1
	for i := 0; i <= len(q); {
		c, size := utf8.DecodeRuneInString(q[i:])
		if i < len(q) && isWord(c) && !isCJK(c) {
			if start < 0 {
				start = i
			}
			i += size
			continue
		}
		if start >= 0 {
			w := q[start:i]
			norm := normalize(w)
			if j := slices.IndexFunc(toks, func(k *token) bool { return k.fix != "" && k.w == norm }); j >= 0 {
				w, fixed = fixWord(w, toks[j].fix), true
			}
			b.WriteString(w)
			start = -1
		}
		if i == len(q) {
			break
		}
		b.WriteString(q[i : i+size])
		i += size
	}
	if !fixed {
		return ""
	}
	return b.String()
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
