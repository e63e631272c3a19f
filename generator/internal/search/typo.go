package search

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Typo tolerance: a query word that no indexed term matches is compared
// with the words of the pages (the vocabulary, written in chunks the query
// fetches as it does the term shards) and replaced by the nearest one.
// These functions have twins in assets/js/search-more.js (typoKey,
// typoEdits, fixWord, edits, alike).

// typoKey is what typo correction compares of a normalized word: the
// word itself, or for Arabic the word after its article (ال, وال, بال, كال,
// فال, لل), which says nothing of the word it is on; and how many bytes
// of w come before the key. ok is false for a word that cannot be
// corrected or be a correction: under three letters, or not all letters of
// one script among Latin, Cyrillic and Arabic (no digits: 2023 is no typo
// of 2024; and no Chinese, whose bigrams are not words).
func typoKey(w string) (key string, at int, ok bool) {
	script, n := scriptNone, 0
	for _, c := range w {
		n++
		s := scriptOther
		switch {
		case !unicode.IsLetter(c):
		case unicode.Is(unicode.Latin, c):
			s = scriptLatin
		case unicode.Is(unicode.Cyrillic, c):
			s = scriptCyrillic
		case unicode.Is(unicode.Arabic, c):
			s = scriptArabic
		}
		if s == scriptOther || script != scriptNone && s != script {
			return "", 0, false
		}
		script = s
	}
	if n < 3 || n > maxTermRunes {
		return "", 0, false
	}
	if script == scriptArabic {
		for _, p := range arabicArticles {
			if n-utf8.RuneCountInString(p) >= 2 && strings.HasPrefix(w, p) {
				return w[len(p):], len(p), true
			}
		}
	}
	return w, 0, true
}

// typoEdits is how many edits a query word may be from the word it is
// taken for: none under four letters (of its key), where most edits make
// another word; one up to seven; two from eight.
func typoEdits(w string) int {
	k, _, ok := typoKey(w)
	switch n := utf8.RuneCountInString(k); {
	case !ok || n < 4:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// fixWord is how a correction shows: form, a word as pages write it, for
// typed, a word of the query. An Arabic word keeps the article typed (or
// none), and a word typed in lower case is shown so.
func fixWord(typed, form string) string {
	if ta, fa := articleBytes(typed), articleBytes(form); ta >= 0 && fa >= 0 {
		form = typed[:ta] + form[fa:]
	}
	if strings.ToLower(typed) == typed {
		form = strings.ToLower(form)
	}
	return form
}

// articleBytes is how many bytes of a word as written its article takes,
// or -1 when normalizing changed them.
func articleBytes(w string) int {
	n := normalize(w)
	_, at, _ := typoKey(n)
	if at > 0 && !strings.HasPrefix(w, n[:at]) {
		return -1
	}
	return at
}

// alike are pairs of letters that sound alike, which one is often typed
// for the other: Arabic emphatics and their plain letters, Russian vowels
// and signs, and s/z, c/k and i/y in Latin.
var alike = strings.Fields("سص تط دض ذز زظ ذظ ضظ ثس قك حه еэ иы шщ ьъ ий sz ck iy")

// soundsAlike reports whether b is a with one letter replaced by one that
// sounds alike.
func soundsAlike(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	at := -1
	for i := range a {
		if a[i] != b[i] {
			if at >= 0 {
				return false
			}
			at = i
		}
	}
	return at >= 0 && (slices.Contains(alike, string([]rune{a[at], b[at]})) || slices.Contains(alike, string([]rune{b[at], a[at]})))
}

// edits is the optimal string alignment distance between a and b (an
// insertion, a deletion, a substitution or a swap of two neighbours is
// one edit), or k+1 when it is more than k. With prefix, b may go on
// past a's end: the distance to the nearest prefix of b, for a word still
// being typed.
func edits(a, b []rune, k int, prefix bool) int {
	n, m := len(a), len(b)
	if n-m > k || !prefix && m-n > k {
		return k + 1
	}
	// Three rows of the table: the one before last, the last, this one.
	pp, p, c := make([]int, m+1), make([]int, m+1), make([]int, m+1)
	for j := range p {
		p[j] = j
	}
	for i := 1; i <= n; i++ {
		c[0] = i
		low := c[0]
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(p[j]+1, c[j-1]+1, p[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, pp[j-2]+1)
			}
			c[j] = v
			low = min(low, v)
		}
		if low > k {
			return k + 1
		}
		pp, p, c = p, c, pp
	}
	d := p[m]
	if prefix {
		for _, v := range p[max(0, n-k):] {
			d = min(d, v)
		}
	}
	return min(d, k+1)
}

// vocabulary collects the words of pages that typo correction may offer,
// by normalized word: its term and how often each written form occurs,
// so that a correction shows a word as pages write it (débit, not debit;
// مدرسة, not مدرسه). A nil word is one that cannot be a correction.
type vocabulary struct {
	words map[string]*vocabWord
	norms map[string]string // normalized forms of non-ASCII words seen
}

func newVocabulary() *vocabulary {
	return &vocabulary{words: map[string]*vocabWord{}, norms: map[string]string{}}
}

type vocabWord struct {
	term  string
	form  string         // the first form seen, while it is the only one
	n     int            // its count
	forms map[string]int // all forms, once there are two
}

// add counts form, normalized norm, whose term is term.
func (v *vocabulary) add(form, norm, term string) {
	w, ok := v.words[norm]
	if !ok {
		if _, _, ok := typoKey(norm); ok {
			w = &vocabWord{term: term, form: form}
		}
		v.words[norm] = w
	}
	switch {
	case w == nil:
	case w.forms == nil && w.form == form:
		w.n++
	case w.forms == nil:
		w.forms = map[string]int{w.form: w.n, form: 1}
	default:
		w.forms[form]++
	}
}

// best is the most frequent form; of equals, one in lower case, then the
// first in byte order.
func (w *vocabWord) best() string {
	if w.forms == nil {
		return w.form
	}
	best, n := "", 0
	for f, c := range w.forms {
		if c > n || c == n && formBefore(f, best) {
			best, n = f, c
		}
	}
	return best
}

func formBefore(a, b string) bool {
	la, lb := strings.ToLower(a) == a, strings.ToLower(b) == b
	if la != lb {
		return la
	}
	return a < b
}

// analyze analyzes s as the package's analyze does, adding its words to v
// on the way. Where s is ASCII, a word is where analysis found it;
// elsewhere normalizing may move or merge characters, and s is read again
// word by word as written.
func (v *vocabulary) analyze(lang, s string, st *stemmer) []string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii {
		return analyzeWords(lang, s, st, func(w, term string, start, end int) { v.add(s[start:end], w, term) })
	}
	start := -1
	for i, c := range s + " " {
		if isWord(c) && !isCJK(c) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			form := s[start:i]
			norm, ok := v.norms[form]
			if !ok {
				norm = normalize(form)
				v.norms[form] = norm
			}
			term := ""
			if w, seen := v.words[norm]; seen && w != nil {
				term = w.term
			} else if !seen {
				term = st.stem(lang, norm)
			}
			v.add(form, norm, term)
			start = -1
		}
	}
	return analyze(lang, s, st)
}

// mergeVocabularies adds the counts of several vocabularies into one.
func mergeVocabularies(vs []*vocabulary) *vocabulary {
	if len(vs) == 0 {
		return newVocabulary()
	}
	out := vs[0]
	for _, v := range vs[1:] {
		for norm, w := range v.words {
			o, ok := out.words[norm]
			if !ok || o == nil || w == nil {
				out.words[norm] = w
				continue
			}
			if o.forms == nil {
				o.forms = map[string]int{o.form: o.n}
			}
			if w.forms == nil {
				o.forms[w.form] += w.n
			}
			for f, c := range w.forms {
				o.forms[f] += c
			}
		}
	}
	return out
}

// encodeVocabulary writes the vocabulary of an index twice: sorted by
// typoKey ("v" chunks) and by typoKey read backwards ("w" chunks), each cut
// into chunks whose first keys it returns. A word mistyped after its first
// letters is near words of the same beginning; one mistyped at its start,
// near words of the same ending: a query reads one chunk or two of each.
// An entry is the word as most pages write it, then, unless its term is
// the normalized word, a space and the term, or the length of the term
// when that begins the normalized word. Words whose term is not indexed
// (stop terms) are left out.
func encodeVocabulary(v *vocabulary, indexed func(term string) bool, target int) (files [2][][]byte, keys [2][]string, hash string) {
	entries := map[string][]byte{}
	total := 0
	for norm, w := range v.words {
		if w == nil || !indexed(w.term) {
			continue
		}
		e := w.best()
		if t := w.term; t != norm {
			if strings.HasPrefix(norm, t) {
				e += " " + strconv.Itoa(utf8.RuneCountInString(t))
			} else {
				e += " " + t
			}
		}
		entries[norm] = appendString(nil, e)
		total += len(entries[norm]) + 1
	}
	if target <= 0 {
		target = min(max(int(math.Sqrt(16*float64(total))), 1<<10), 32<<10)
	}
	// Both parts are sorted by key (and then by word, as Arabic words of
	// one key differ in their articles), and a chunk never ends between
	// words of one key.
	type word struct{ key, norm string }
	var sorted [2][]word
	for norm := range entries {
		k, _, _ := typoKey(norm)
		sorted[0] = append(sorted[0], word{k, norm})
		sorted[1] = append(sorted[1], word{reverse(k), norm})
	}
	var all [][]byte
	for i, ws := range sorted {
		slices.SortFunc(ws, func(a, b word) int {
			if c := strings.Compare(a.key, b.key); c != 0 {
				return c
			}
			return strings.Compare(a.norm, b.norm)
		})
		var buf []byte
		prev := ""
		for j, w := range ws {
			if buf == nil {
				keys[i] = append(keys[i], separator(prev, w.key, len(files[i]) == 0))
				buf = []byte{'['}
			} else {
				buf = append(buf, ',')
			}
			buf = append(buf, entries[w.norm]...)
			prev = w.key
			if len(buf) >= target && (j == len(ws)-1 || ws[j+1].key != w.key) {
				files[i] = append(files[i], append(buf, ']'))
				buf = nil
			}
		}
		if buf != nil || len(files[i]) == 0 {
			if buf == nil {
				buf = []byte{'['}
				keys[i] = append(keys[i], "")
			}
			files[i] = append(files[i], append(buf, ']'))
		}
		all = append(all, files[i]...)
	}
	return files, keys, hashAll(all)
}

// reverse is s with its runes in reverse order.
func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}
