// Package search builds the site's search index from rendered pages and
// answers queries from it as assets/js/search.js does in the browser (with
// assets/js/search-more.js, which it loads for typos and other languages).
//
// The index is static JSON files, one folder per language, so that a query
// downloads only what it needs: the manifest, the term shards that hold its
// words, the facet table, the pages it shows, and for a word it does not
// find, the vocabulary chunks near it.
//
//	search/<lang>/manifest.json       {"dv","f","lang","n","p","s","stop","t","tv","v","vv"}:
//	                                  the first key of each term shard ("t") and
//	                                  vocabulary chunk ("p" by word, "s" by word
//	                                  read backwards), the hashes that name the
//	                                  shards ("tv"), pages ("dv") and chunks
//	                                  ("vv"), the facet table ("f"), the page
//	                                  count ("n")
//	search/<lang>/t-<n>.<tv>.json     {"term":[doc delta, impact, 2*section+title, ...]}
//	search/<lang>/v-<n>.<vv>.json     ["word as written[ term or its length]", ...]
//	search/<lang>/w-<n>.<vv>.json     the same words, by their ends
//	search/<lang>/f.<hash>.json       [{"n":"region","v":[values],"l":[labels],"d":codes}]
//	search/<lang>/d-<n>.<dv>.json     {"a","d","f","s":[[id,heading,text]...],"t","u","y"}
//
// Files are deterministic: the same pages give the same bytes. The manifest
// keeps its name; every other name changes with its content. Every
// language's facet table lists the values of all languages, in one order.
//
// Analysis (analyze.go) folds case, Latin diacritics and Arabic spelling
// variants, stems with Snowball (English, French, Spanish, Russian) or a
// light Arabic stemmer, and splits Chinese and Japanese into character
// bigrams. The same code exists in JavaScript; TestAnalyzeMatchesJS and
// TestQueryMatchesJS run both.
//
// Ranking is BM25F (titles weighted 4, headings 2) stored per posting as an
// "impact", so that a query needs no page lengths; pages that match the
// most query words come first, and the last word also matches as a prefix
// while it is being typed. Pages that gather others (the home page, "about",
// lists) come after stories, publications and data unless their title
// matches. A result links to the section that matches best, and its excerpt
// is the page's own text: text marked data-search-meta (facet lists,
// citations, data tables) is indexed but never shown, and data-search-ignore
// (related stories, sources of key figures) is not read.
//
// Typos (typo.go): a word no term matches is compared with the words of
// the pages (one edit away, a swap of two letters counting as one, two for
// words of eight letters or more; Arabic words without their article; not
// Chinese bigrams, nor words with digits), and the nearest on the most
// pages replaces it, ranked below words matched as typed; Response.Corrected
// says what was searched.
//
// Languages: a page whose text is in another language than its interface
// (a fallback) is indexed once, under its original, which links to it.
// When a query finds few pages in the reader's language, pages of the
// other languages written in its script follow (Response.Others), opening
// the reader's-language page that shows their text when there is one.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Doc is one rendered page.
type Doc struct {
	URL      string // path from the site root, such as /fr/stories/x/
	Lang     string // one of Langs
	Title    string
	Headings []Heading
	Body     []Section
	// Meta is text that is indexed but never shown as an excerpt, because
	// it is about the page rather than of it: facet lists, citations,
	// data tables (data-search-meta in the page).
	Meta string
	// ContentLang is the language of the page's content where it is not
	// Lang: a page built in one language's interface around text in
	// another (an untranslated story, a record in its own language). Build
	// indexes such a page's text once, under its original.
	ContentLang string
	// Canonical is the page's canonical path when it is another page's;
	// Translations are its versions in other languages, by language, as
	// <link rel=alternate hreflang> gives them. Both are paths from the
	// site root.
	Canonical    string
	Translations map[string]string
	// Facets holds type (story, publication, dataset, chart, page), region,
	// country, sector, sdg and year, or any other facet; a missing type is
	// "page" and a missing year is taken from Date.
	Facets map[string][]string
	Date   string // YYYY, YYYY-MM or YYYY-MM-DD
}

// Heading is an h2 or h3 of a page; ID is its fragment.
type Heading struct{ ID, Text string }

// Section is the text under a heading, or before the first one when
// HeadingID is empty.
type Section struct{ HeadingID, Text string }

// facetOrder is the order facets are listed in; others follow by name.
var facetOrder = []string{"type", "region", "country", "sector", "sdg", "year"}

func facetRank(name string) int {
	for i, f := range facetOrder {
		if f == name {
			return i
		}
	}
	return len(facetOrder)
}

// clean collapses white space (as unicode.IsSpace defines it) into single
// spaces and trims it, and makes each run of invalid UTF-8 one U+FFFD: what
// strings.Fields, Join and ToValidUTF8 do together, in one pass and one
// string, for the text of every section of every page.
func clean(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space, invalid := false, false
	for i := 0; i < len(s); {
		r, n, isSpace := rune(s[i]), 1, false
		if r < utf8.RuneSelf {
			isSpace = asciiSpace[r]
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		i += n
		if r == utf8.RuneError && n == 1 {
			if invalid {
				continue // one U+FFFD for a run of invalid bytes
			}
			invalid = true
		} else {
			invalid = false
		}
		if isSpace {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
