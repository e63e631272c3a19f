// Package search builds the site's search index from rendered pages and
// answers queries from it as assets/js/search.js does in the browser.
//
// The index is static JSON files, one folder per language, so that a query
// downloads only what it needs: the manifest, the term shards that hold its
// words, the facet table, and the pages it shows.
//
//	search/<lang>/manifest.json       {"dv","f","lang","n","stop","t","tv","v"}: the
//	                                  first key of each shard ("t"), the hash that
//	                                  names the shards ("tv") and pages ("dv"), the
//	                                  facet table ("f"), the page count ("n")
//	search/<lang>/t-<n>.<tv>.json     {"term":[doc delta, impact, section, ...]}
//	search/<lang>/f.<hash>.json       [{"n":"region","v":[values],"l":[labels],"d":codes}]
//	search/<lang>/d-<n>.<dv>.json     {"u","t","y","d","s":[[id,heading,text]...]}
//
// Files are deterministic: the same pages give the same bytes. The manifest
// keeps its name; every other name changes with its content.
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
// while it is being typed. A result links to the section that matches best.
package search

import "strings"

// Doc is one rendered page.
type Doc struct {
	URL      string // path from the site root, such as /fr/stories/x/
	Lang     string // one of Langs
	Title    string
	Headings []Heading
	Body     []Section
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

// clean collapses white space.
func clean(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}
