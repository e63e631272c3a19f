package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
	"golang.org/x/text/unicode/norm"
)

// The analysis below has a twin in assets/js/search.js (norm, terms, stem):
// change both together; TestAnalyzeMatchesJS runs the case files through
// both.

// Langs are the languages an index can be built for.
var Langs = []string{"en", "fr", "es", "ar", "zh", "ru"}

func supported(lang string) bool {
	for _, l := range Langs {
		if l == lang {
			return true
		}
	}
	return false
}

const maxTermRunes = 40

// normalize folds s for matching: compatibility forms (NFKD), lower case,
// no diacritics on Latin letters (télécentres = telecentres), ё = е, and
// Arabic without tashkeel or tatweel, with one alef, ي for ى, ه for ة,
// و for ؤ and ي for ئ, and ASCII digits. Characters outside the Basic
// Multilingual Plane become spaces.
func normalize(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	var last rune
	for _, c := range norm.NFKD.String(s) {
		switch {
		case c > 0xFFFF:
			c = ' '
			last = c
		case c >= 0x64B && c <= 0x65F || c == 0x670 || c == 0x640:
			continue
		case unicode.Is(unicode.Mn, c):
			if unicode.Is(unicode.Latin, last) || c == 0x308 && last == 'е' {
				continue
			}
		default:
			c = unicode.ToLower(c)
			switch {
			case c == 'ٱ':
				c = 'ا'
			case c == 'ى' || c == 'ی':
				c = 'ي'
			case c == 'ة':
				c = 'ه'
			case c == 'ک':
				c = 'ك'
			case c >= 0x660 && c <= 0x669:
				c -= 0x660 - '0'
			case c >= 0x6F0 && c <= 0x6F9:
				c -= 0x6F0 - '0'
			}
			last = c
		}
		b.WriteRune(c)
	}
	return norm.NFC.String(b.String())
}

// isCJK reports whether c is written without spaces between words; runs of
// such characters are indexed as overlapping bigrams.
func isCJK(c rune) bool {
	return c >= 0x1100 && unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func isWord(c rune) bool {
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return unicode.In(c, unicode.L, unicode.N, unicode.M)
}

// analyze returns the terms of s in order: stemmed words of two runes or
// more, and bigrams of CJK runs (the character itself for a run of one).
func analyze(lang, s string, st *stemmer) []string {
	return analyzeWords(lang, s, st, nil)
}

// analyzeWords is analyze that also calls onWord, when not nil, with each
// normalized word, its term, and where the word is in normalized s, in
// order.
func analyzeWords(lang, s string, st *stemmer, onWord func(w, term string, start, end int)) []string {
	var out []string
	s = normalize(s)
	word, run := -1, -1 // byte offsets of the current word or CJK run
	var cjk []rune
	flushRun := func() {
		if len(cjk) == 1 {
			out = append(out, string(cjk))
		}
		for i := 0; i+1 < len(cjk); i++ {
			out = append(out, string(cjk[i:i+2]))
		}
		cjk, run = cjk[:0], -1
	}
	flushWord := func(end int) {
		w := s[word:end]
		if n := utf8.RuneCountInString(w); n >= 2 && n <= maxTermRunes {
			t := st.stem(lang, w)
			out = append(out, t)
			if onWord != nil {
				onWord(w, t, word, end)
			}
		}
		word = -1
	}
	for i, c := range s {
		switch {
		case isCJK(c):
			if word >= 0 {
				flushWord(i)
			}
			if run < 0 {
				run = i
			}
			cjk = append(cjk, c)
		case isWord(c):
			if run >= 0 {
				flushRun()
			}
			if word < 0 {
				word = i
			}
		default:
			if run >= 0 {
				flushRun()
			}
			if word >= 0 {
				flushWord(i)
			}
		}
	}
	if run >= 0 {
		flushRun()
	}
	if word >= 0 {
		flushWord(len(s))
	}
	return out
}

// stemmer stems the words of one language with a cache; one per goroutine.
type stemmer struct {
	lang  string
	cache map[string]string
}

func newStemmer(lang string) *stemmer { return &stemmer{lang, map[string]string{}} }

func (st *stemmer) stem(lang, w string) string {
	if st == nil || st.lang != lang {
		return stemWord(lang, w)
	}
	if s, ok := st.cache[w]; ok {
		return s
	}
	s := stemWord(lang, w)
	st.cache[w] = s
	return s
}

const (
	scriptNone = iota
	scriptLatin
	scriptCyrillic
	scriptArabic
	scriptOther
)

// stemWord stems a normalized word by its script: Latin words with the
// Snowball stemmer of the page's language (English on Arabic, Chinese and
// Russian pages), Cyrillic words with Snowball's Russian, Arabic words with
// a light stemmer. Words that mix scripts are kept as they are.
func stemWord(lang, w string) string {
	script, n := scriptNone, 0
	for _, c := range w {
		n++
		if !unicode.IsLetter(c) {
			continue
		}
		s := scriptOther
		switch {
		case unicode.Is(unicode.Latin, c):
			s = scriptLatin
		case unicode.Is(unicode.Cyrillic, c):
			s = scriptCyrillic
		case unicode.Is(unicode.Arabic, c):
			s = scriptArabic
		}
		if script == scriptNone {
			script = s
		} else if script != s {
			script = scriptOther
		}
	}
	switch {
	case script == scriptArabic:
		return stemArabic(w)
	case n <= 2:
		return w
	case script == scriptCyrillic:
		return russian.Stem(w, true)
	case script != scriptLatin:
		return w
	case lang == "fr":
		return french.Stem(w, true)
	case lang == "es":
		return spanish.Stem(w, true)
	}
	return english.Stem(w, true)
}

var (
	arabicArticles = []string{"وال", "بال", "كال", "فال", "لل", "ال"}
	arabicSuffixes = []string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}
)

// stemArabic is Larkey's Light10 on normalized text (so ية and ة appear as
// يه and ه): و ("and") when three letters remain, then one article (ال,
// وال, بال, كال, فال, لل), then each suffix in turn, each only when two
// letters remain. The one-letter prefixes ب ك ف ل go only with ال: alone
// they begin too many roots (بلد, كتب, فكر, لغة).
func stemArabic(w string) string {
	n := utf8.RuneCountInString(w)
	if n >= 4 && strings.HasPrefix(w, "و") {
		w, n = w[len("و"):], n-1
	}
	for _, p := range arabicArticles {
		if k := utf8.RuneCountInString(p); n-k >= 2 && strings.HasPrefix(w, p) {
			w, n = w[len(p):], n-k
			break
		}
	}
	for _, s := range arabicSuffixes {
		if k := utf8.RuneCountInString(s); n-k >= 2 && strings.HasSuffix(w, s) {
			w, n = w[:len(w)-len(s)], n-k
		}
	}
	return w
}
