package search

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/itu-d/portal/generator/internal/par"
)

// Options tune an index; the zero value is the default.
type Options struct {
	// ShardBytes is the size at which a term shard is closed and the next
	// begins. A query fetches one shard per word, so smaller shards fetch
	// less but make the manifest, which lists them, longer; the default
	// grows with the square root of the index, from 1 KiB to 32 KiB
	// (about 8 KiB for 10,000 pages).
	ShardBytes int
	// VocabBytes is the size of a chunk of the vocabulary, which a query
	// reads to correct a word it does not find; the default grows with the
	// square root of the vocabulary from 1 KiB to 32 KiB, as ShardBytes.
	VocabBytes int
	// SectionChars and DocChars cap the text kept for excerpts, per section
	// and per page (default 1000 and 4000 characters). Words past them are
	// indexed but not shown.
	SectionChars, DocChars int
	// Labels names facet values in a language, for the facet list and the
	// type of each result: Labels("fr", "region", "africa") = "Afrique".
	// Without it, or where it returns "", values show as they are.
	Labels func(lang, facet, value string) string
}

func (o Options) withDefaults() Options {
	if o.SectionChars <= 0 {
		o.SectionChars = 1000
	}
	if o.DocChars <= 0 {
		o.DocChars = 4000
	}
	return o
}

// BM25 parameters, and the scale of the impact stored per posting.
const (
	bm25K1      = 1.2
	bm25B       = 0.75
	impactScale = 40
	// stopMinDocs and stopShare: in an index of at least stopMinDocs pages,
	// a term in more than stopShare of them is not stored, and queries skip
	// it; its postings would be the largest download for the least ranking.
	stopMinDocs = 1000
	stopShare   = 0.5
	// Weights of a title, heading and body occurrence.
	titleWeight, headingWeight, bodyWeight = 4, 2, 1
)

// Index is a built index, ready to write.
type Index struct{ langs []*langIndex }

type langIndex struct {
	lang                string
	docs, terms, shards int
	names               []string // file names, manifest last
	files               map[string][]byte
}

// Build analyzes docs and builds one index per language. It reports every
// doc it cannot index (no URL, an unknown language, a URL seen twice).
//
// A page whose content is in another language than its interface (Doc.
// ContentLang, or a canonical page in another language) is not indexed
// again: its original, the page it names as canonical or as its
// translation in that language, or else the page of that language at the
// same path (/fr/x/ and /x/ or /es/x/), lists it as the version to open in
// the page's language. Without an original, it is indexed under the
// language it is written in.
func Build(docs []Doc, opt Options) (*Index, error) {
	opt = opt.withDefaults()
	var errs []error
	seen := map[string]bool{}
	byURL := map[string]*Doc{}
	var valid []*Doc
	for i := range docs {
		d := &docs[i]
		switch {
		case d.URL == "":
			errs = append(errs, fmt.Errorf("search: doc %d (%q): no URL", i, d.Title))
		case !supported(d.Lang):
			errs = append(errs, fmt.Errorf("search: %s: language %q is not one of %s", d.URL, d.Lang, strings.Join(Langs, ", ")))
		case seen[d.Lang+" "+d.URL]:
			errs = append(errs, fmt.Errorf("search: %s: indexed twice in %q", d.URL, d.Lang))
		default:
			seen[d.Lang+" "+d.URL] = true
			valid = append(valid, d)
			byURL[d.URL] = d
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	// The language each doc's text is in, where it is not the doc's.
	content := map[*Doc]string{}
	for _, d := range valid {
		if d.ContentLang != "" {
			content[d] = d.ContentLang
		} else if o := byURL[d.Canonical]; d.Canonical != "" && o != nil && o.Lang != d.Lang && o.ContentLang == "" {
			content[d] = o.Lang
		}
	}
	byPath := map[string]*Doc{}
	for _, d := range valid {
		byPath[d.Lang+" "+samePath(d)] = d
	}
	fallbacks := map[*Doc]map[string]string{}
	var indexed []*Doc
	for _, d := range valid {
		if l := content[d]; l != "" {
			o := originalOf(d, l, byURL)
			if o == nil {
				o = byPath[l+" "+samePath(d)]
			}
			if o != nil && content[o] == "" {
				if fallbacks[o] == nil {
					fallbacks[o] = map[string]string{}
				}
				fallbacks[o][d.Lang] = d.URL
				continue
			}
		}
		indexed = append(indexed, d)
	}
	pages := make([]*page, len(indexed))
	par.For(len(indexed), func(i int) {
		d := indexed[i]
		p := newPage(d)
		p.fallbacks = fallbacks[d]
		for l, u := range d.Translations {
			if t := byURL[u]; t != nil && t.Lang == l && content[t] == "" {
				if p.translations == nil {
					p.translations = map[string]string{}
				}
				p.translations[l] = u
			}
		}
		pages[i] = p
	})
	byLang := map[string][]*page{}
	// Every language's facet table lists the values of all, so that a value
	// has one index everywhere and results of several languages filter and
	// count alike.
	values := map[string]map[string]bool{}
	for _, p := range pages {
		lang := p.doc.Lang
		if l := content[p.doc]; l != "" {
			lang = l
		}
		byLang[lang] = append(byLang[lang], p)
		for k, vs := range p.facets {
			if values[k] == nil {
				values[k] = map[string]bool{}
			}
			for _, v := range vs {
				values[k][v] = true
			}
		}
	}
	// A language of pages has an index, if only an empty one: a site whose
	// pages all show other languages' text still has a search page, and
	// results in other languages to give.
	ix := &Index{}
	for _, lang := range Langs {
		if slices.ContainsFunc(valid, func(d *Doc) bool { return d.Lang == lang }) || len(byLang[lang]) > 0 {
			ix.langs = append(ix.langs, buildLang(lang, byLang[lang], values, opt))
		}
	}
	return ix, nil
}

// samePath is d's URL without its language's prefix: the path its
// translations share.
func samePath(d *Doc) string {
	if p, ok := strings.CutPrefix(d.URL, "/"+d.Lang+"/"); ok {
		return "/" + p
	}
	return d.URL
}

// originalOf is the page in lang whose text d shows: its canonical page or
// its translation in lang.
func originalOf(d *Doc, lang string, byURL map[string]*Doc) *Doc {
	for _, u := range []string{d.Canonical, d.Translations[lang]} {
		if o := byURL[u]; u != "" && o != nil && o.Lang == lang {
			return o
		}
	}
	return nil
}

// page is a doc ready to index and store.
type page struct {
	url, title, typ, date string
	facets                map[string][]string
	secs                  []sec
	terms                 []termFreq
	length                int
	doc                   *Doc
	// Versions in other languages: translations that are indexed, and
	// pages that show this one's content in another interface.
	translations, fallbacks map[string]string
}

type sec struct{ id, heading, text string }

type termFreq struct {
	term                string
	title, content, sec int // title count, weighted heading and body count
}

func buildLang(lang string, pages []*page, values map[string]map[string]bool, opt Options) *langIndex {
	// Newest first: ranks break ties by recency, and sort by date is the
	// document order.
	sort.SliceStable(pages, func(i, j int) bool {
		a, b := pages[i], pages[j]
		if a.date != b.date {
			return a.date > b.date
		}
		return a.url < b.url
	})
	vocab := analyzePages(lang, pages)

	li := &langIndex{lang: lang, docs: len(pages), files: map[string][]byte{}}
	n := len(pages)
	avg := 0.0
	for _, p := range pages {
		avg += float64(p.length)
	}
	avg /= float64(max(n, 1))
	// BM25F: title occurrences count in full, heading and body ones are
	// normalized by the length of the page's text, then the sum saturates.
	// The third number of a posting is the section that holds the term
	// most, times two, plus one when the title holds it.
	type posting struct{ doc, impact, sec int }
	postings := map[string][]posting{}
	for id, p := range pages {
		norm := 1 - bm25B + bm25B*float64(p.length)/math.Max(avg, 1)
		for _, t := range p.terms {
			tf := float64(titleWeight*t.title) + float64(t.content)/norm
			imp := int(math.Round(tf * (bm25K1 + 1) / (tf + bm25K1) * impactScale))
			sec := 2 * t.sec
			if t.title > 0 {
				sec++
			}
			postings[t.term] = append(postings[t.term], posting{id, min(max(imp, 1), int((bm25K1+1)*impactScale)), sec})
		}
	}
	var stop []string
	terms := make([]string, 0, len(postings))
	for t, ps := range postings {
		if n >= stopMinDocs && float64(len(ps)) > stopShare*float64(n) {
			stop = append(stop, t)
			continue
		}
		terms = append(terms, t)
	}
	slices.Sort(stop)
	slices.Sort(terms)
	li.terms = len(terms)

	// Term shards: sorted terms cut into runs of about ShardBytes. The
	// manifest lists the shortest key that starts each one; all are named
	// with one hash of them all, so the manifest lists no hashes.
	entries := make([][]byte, len(terms))
	total := 0
	for i, t := range terms {
		e := appendString(nil, t)
		e = append(e, ':', '[')
		last := 0
		for j, p := range postings[t] {
			if j > 0 {
				e = append(e, ',')
			}
			e = strconv.AppendInt(e, int64(p.doc-last), 10)
			e = append(e, ',')
			e = strconv.AppendInt(e, int64(p.impact), 10)
			e = append(e, ',')
			e = strconv.AppendInt(e, int64(p.sec), 10)
			last = p.doc
		}
		entries[i] = append(e, ']')
		total += len(entries[i])
	}
	target := opt.ShardBytes
	if target <= 0 {
		// A query reads the manifest, about ten bytes a shard, and a
		// shard or two: the sum is least near this size.
		target = min(max(int(math.Sqrt(4.5*float64(total))), 1<<10), 32<<10)
	}
	var shards [][]byte
	var keys []string
	var buf []byte
	prev := ""
	for i, t := range terms {
		if buf == nil {
			keys = append(keys, separator(prev, t, len(shards) == 0))
			buf = []byte{'{'}
		} else {
			buf = append(buf, ',')
		}
		buf = append(buf, entries[i]...)
		prev = t
		if len(buf) >= target {
			shards = append(shards, append(buf, '}'))
			buf = nil
		}
	}
	if buf != nil || len(shards) == 0 {
		if buf == nil {
			buf = []byte{'{'}
			keys = append(keys, "")
		}
		shards = append(shards, append(buf, '}'))
	}
	li.shards = len(shards)
	tv := hashAll(shards)
	for i, sh := range shards {
		li.add(fmt.Sprintf("t-%d.%s.json", i, tv), sh)
	}

	vocabFiles, vocabKeys, vv := encodeVocabulary(vocab, func(t string) bool {
		_, ok := slices.BinarySearch(terms, t)
		return ok
	}, opt.VocabBytes)
	for i, part := range vocabFiles {
		for j, ch := range part {
			li.add(fmt.Sprintf("%c-%d.%s.json", "vw"[i], j, vv), ch)
		}
	}

	fb := encodeFacets(lang, pages, values, opt.Labels)
	facetFile := "f." + hash(fb) + ".json"
	li.add(facetFile, fb)

	// Pages: one file each, named like the shards.
	docFiles := make([][]byte, n)
	par.For(n, func(id int) { docFiles[id] = encodePage(pages[id], opt) })
	dv := hashAll(docFiles)
	for id, f := range docFiles {
		li.add(fmt.Sprintf("d-%d.%s.json", id, dv), f)
	}

	m := []byte(`{"dv":`)
	m = appendString(m, dv)
	m = append(m, `,"f":`...)
	m = appendString(m, facetFile)
	m = append(m, `,"lang":`...)
	m = appendString(m, lang)
	m = append(m, `,"n":`...)
	m = strconv.AppendInt(m, int64(n), 10)
	m = append(m, `,"p":`...)
	m = appendStrings(m, vocabKeys[0])
	m = append(m, `,"s":`...)
	m = appendStrings(m, vocabKeys[1])
	m = append(m, `,"stop":[`...)
	for i, t := range stop {
		if i > 0 {
			m = append(m, ',')
		}
		m = appendString(m, t)
	}
	m = append(m, `],"t":`...)
	m = appendStrings(m, keys)
	m = append(m, `,"tv":`...)
	m = appendString(m, tv)
	m = append(m, `,"v":2,"vv":`...)
	m = appendString(m, vv)
	m = append(m, "}\n"...)
	li.add("manifest.json", m)
	return li
}

func (li *langIndex) add(name string, b []byte) {
	li.names = append(li.names, name)
	li.files[name] = b
}

func hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:5])
}

func hashAll(files [][]byte) string {
	h := sha256.New()
	for _, f := range files {
		h.Write(f)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:5])
}

// separator returns the shortest prefix of t that sorts after prev, the
// last term of the shard before; the first shard starts at "".
func separator(prev, t string, first bool) string {
	if first {
		return ""
	}
	r := []rune(t)
	for i := 1; i < len(r); i++ {
		if p := string(r[:i]); p > prev {
			return p
		}
	}
	return t
}

func newPage(d *Doc) *page {
	p := &page{doc: d, url: strings.ToValidUTF8(d.URL, "\uFFFD"), title: clean(d.Title), date: d.Date, facets: map[string][]string{}}
	for k, vs := range d.Facets {
		var out []string
		for _, v := range vs {
			if v = clean(v); v != "" && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
		if len(out) > 0 {
			p.facets[k] = out
		}
	}
	if len(p.facets["type"]) == 0 {
		p.facets["type"] = []string{"page"}
	}
	p.typ = p.facets["type"][0]
	if len(p.facets["year"]) == 0 && len(d.Date) >= 4 {
		p.facets["year"] = []string{d.Date[:4]}
	}
	headings := map[string]string{}
	for _, h := range p.doc.Headings {
		if h.ID != "" {
			if _, ok := headings[h.ID]; !ok {
				headings[h.ID] = clean(h.Text)
			}
		}
	}
	if len(d.Body) == 0 || d.Body[0].HeadingID != "" {
		p.secs = append(p.secs, sec{})
	}
	for _, s := range d.Body {
		p.secs = append(p.secs, sec{id: s.HeadingID, heading: headings[s.HeadingID], text: clean(s.Text)})
	}
	return p
}

// analyzePages fills each page's terms, one worker (and stemmer) per core,
// and returns the words of them all for typo correction.
func analyzePages(lang string, pages []*page) *vocabulary {
	var mu sync.Mutex
	var vs []*vocabulary
	par.ForWorkers(len(pages), func() func(int) {
		st, v := newStemmer(lang), newVocabulary()
		mu.Lock()
		vs = append(vs, v)
		mu.Unlock()
		return func(i int) { pages[i].analyze(lang, st, v) }
	})
	return mergeVocabularies(vs)
}

func (p *page) analyze(lang string, st *stemmer, v *vocabulary) {
	title := map[string]int{}
	for _, t := range v.analyze(lang, p.title, st) {
		title[t]++
	}
	content := map[string]int{}
	secTF := make([]map[string]int, len(p.secs))
	add := func(s, w int, text string) {
		for _, t := range v.analyze(lang, text, st) {
			content[t] += w
			p.length += w
			if secTF[s] == nil {
				secTF[s] = map[string]int{}
			}
			secTF[s][t] += w
		}
	}
	used := map[string]bool{}
	for i, s := range p.secs {
		if s.heading != "" {
			add(i, headingWeight, s.heading)
			used[s.id] = true
		}
		add(i, bodyWeight, s.text)
	}
	for _, h := range p.doc.Headings {
		if !used[h.ID] {
			add(0, headingWeight, h.Text)
		}
	}
	// Meta text counts where the first section does, whose text stands
	// for it in an excerpt.
	add(0, bodyWeight, p.doc.Meta)
	p.terms = make([]termFreq, 0, len(content)+len(title))
	for t, n := range title {
		if _, ok := content[t]; !ok {
			p.terms = append(p.terms, termFreq{t, n, 0, 0})
		}
	}
	for t, n := range content {
		best, bestN := 0, 0
		for i, m := range secTF {
			if m[t] > bestN {
				best, bestN = i, m[t]
			}
		}
		p.terms = append(p.terms, termFreq{t, title[t], n, best})
	}
}

// encodePage writes a page's file: {"a","d","f","s":[[id,heading,text]...],"t","u","y"},
// where "a" and "f" are its translations and fallbacks by language.
func encodePage(p *page, opt Options) []byte {
	out := []byte(`{`)
	if len(p.translations) > 0 {
		out = append(out, `"a":`...)
		out = appendMap(out, p.translations)
		out = append(out, ',')
	}
	out = append(out, `"d":`...)
	out = appendString(out, p.date)
	if len(p.fallbacks) > 0 {
		out = append(out, `,"f":`...)
		out = appendMap(out, p.fallbacks)
	}
	out = append(out, `,"s":[`...)
	budget := opt.DocChars
	for i, s := range p.secs {
		if i > 0 {
			out = append(out, ',')
		}
		text := truncate(s.text, min(opt.SectionChars, budget))
		budget -= utf8.RuneCountInString(text)
		out = append(out, '[')
		out = appendString(out, s.id)
		out = append(out, ',')
		out = appendString(out, s.heading)
		out = append(out, ',')
		out = appendString(out, text)
		out = append(out, ']')
	}
	out = append(out, `],"t":`...)
	out = appendString(out, p.title)
	out = append(out, `,"u":`...)
	out = appendString(out, p.url)
	out = append(out, `,"y":`...)
	out = appendString(out, p.typ)
	return append(out, '}')
}

// truncate cuts s to at most n characters, at a space when there is one.
func truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if n == 0 {
			i = k
			break
		}
		n--
	}
	if j := strings.LastIndexByte(s[:i], ' '); j > 0 {
		i = j
	}
	return s[:i]
}

// Facet table: per facet its values in display order ("v"), optional
// labels ("l"), whether that order is fixed ("o", for years and goals), and
// "d", the values of each page in page order as codes: 1 + the index of a
// value, one character from '#' (35) on, or two when a facet has 90 values
// or more. When no page has two values of a facet, each page has exactly
// one code, 0 for none; otherwise ("m") pages are separated by spaces.
func encodeFacets(lang string, pages []*page, values map[string]map[string]bool, labels func(lang, facet, value string) string) []byte {
	multi := map[string]bool{}
	for _, p := range pages {
		for k, vs := range p.facets {
			multi[k] = multi[k] || len(vs) > 1
		}
	}
	names := make([]string, 0, len(values))
	for k := range values {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		ri, rj := facetRank(names[i]), facetRank(names[j])
		if ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
	out := []byte{'['}
	for fi, name := range names {
		vs := make([]string, 0, len(values[name]))
		for v := range values[name] {
			vs = append(vs, v)
		}
		sortValues(name, vs)
		idx := make(map[string]int, len(vs))
		for i, v := range vs {
			idx[v] = i + 1
		}
		if fi > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"d":"`...)
		wide := len(vs) >= 90
		code := func(k int) {
			if wide {
				out = appendCode(out, k/90)
				k %= 90
			}
			out = appendCode(out, k)
		}
		for i, p := range pages {
			if multi[name] && i > 0 {
				out = append(out, ' ')
			}
			if !multi[name] && len(p.facets[name]) == 0 {
				code(0)
			}
			for _, v := range p.facets[name] {
				code(idx[v])
			}
		}
		out = append(out, '"')
		var ls []string
		if labels != nil {
			named := false
			for _, v := range vs {
				l := labels(lang, name, v)
				if l == "" {
					l = v
				}
				named = named || l != v
				ls = append(ls, l)
			}
			if !named {
				ls = nil
			}
		}
		if ls != nil {
			out = append(out, `,"l":`...)
			out = appendStrings(out, ls)
		}
		if multi[name] {
			out = append(out, `,"m":1`...)
		}
		out = append(out, `,"n":`...)
		out = appendString(out, name)
		if name == "year" || name == "sdg" {
			out = append(out, `,"o":1`...)
		}
		out = append(out, `,"v":`...)
		out = appendStrings(out, vs)
		out = append(out, '}')
	}
	return append(out, ']')
}

// appendCode appends k (0 to 89) as one character from '#'; the JSON escape
// of '\\' (at 57) is the one two-byte case.
func appendCode(b []byte, k int) []byte {
	c := byte(35 + k)
	if c == '\\' {
		return append(b, '\\', '\\')
	}
	return append(b, c)
}

// sortValues orders years newest first, goals by number, others by value.
func sortValues(facet string, vs []string) {
	switch facet {
	case "year":
		sort.Sort(sort.Reverse(sort.StringSlice(vs)))
	case "sdg":
		sort.Slice(vs, func(i, j int) bool {
			a, ea := strconv.Atoi(vs[i])
			b, eb := strconv.Atoi(vs[j])
			if ea == nil && eb == nil && a != b {
				return a < b
			}
			return vs[i] < vs[j]
		})
	default:
		sort.Strings(vs)
	}
}

// appendMap appends m as a JSON object, keys sorted.
func appendMap(b []byte, m map[string]string) []byte {
	b = append(b, '{')
	for i, k := range slices.Sorted(mapKeys(m)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendString(b, m[k])
	}
	return append(b, '}')
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendString appends s as a JSON string, escaping only what JSON needs.
func appendString(b []byte, s string) []byte {
	const hexd = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexd[c>>4], hexd[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
