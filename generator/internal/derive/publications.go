package derive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/itu-d/portal/generator/internal/biblio"
	"github.com/itu-d/portal/generator/internal/par"
	"github.com/itu-d/portal/generator/internal/source"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// pubJSON is what templates read about a publication (site.Data.gen.publications).
type pubJSON struct {
	Key       string     `json:"key"`
	Page      string     `json:"page"` // path of its page, without language prefix
	Type      string     `json:"type"`
	Title     string     `json:"title"`
	Subtitle  string     `json:"subtitle,omitempty"`
	Authors   []nameJSON `json:"authors"`
	Editors   []nameJSON `json:"editors,omitempty"`
	Date      string     `json:"date,omitempty"`
	PageDate  string     `json:"pageDate"` // Date filled out to a day; 1970-01-01 when unknown
	Year      string     `json:"year"`
	Series    string     `json:"series,omitempty"`
	SeriesNo  string     `json:"seriesNumber,omitempty"`
	Number    string     `json:"number,omitempty"`
	Genre     string     `json:"genre,omitempty"`
	Publisher string     `json:"publisher,omitempty"`
	Place     string     `json:"place,omitempty"`
	Container string     `json:"container,omitempty"`
	Volume    string     `json:"volume,omitempty"`
	Issue     string     `json:"issue,omitempty"`
	Pages     string     `json:"pages,omitempty"`
	ISBN      []string   `json:"isbn,omitempty"`
	ISSN      string     `json:"issn,omitempty"`
	DOI       string     `json:"doi,omitempty"`
	URL       string     `json:"url,omitempty"`
	PDF       bool       `json:"pdf,omitempty"`
	Language  string     `json:"language,omitempty"`
	Abstract  string     `json:"abstract,omitempty"`
	// Topics are slugs of publication_topics.json, which names them in
	// every language.
	Topics []string `json:"topics"`
	// For list items, which print them as they are: topic slugs joined by
	// spaces (data-topics) and author names joined by "; ".
	TopicSlugs string `json:"topicSlugs"`
	Byline     string `json:"byline"`
	// For the page's <main data-facets>: region, country and year, as the
	// search index reads them ("region=africa;country=dj,ke;year=2020").
	SearchFacets string   `json:"searchFacets,omitempty"`
	Regions      []string `json:"regions"`
	Countries    []string `json:"countries"`
	Note         string   `json:"note,omitempty"`
	// Cite holds the citations in each language of the site, with that
	// language's terms.
	Cite map[string]citeJSON `json:"cite"`
	// Meta is the Highwire Press and Dublin Core tags for the page's head,
	// JSONLD its schema.org record: written here, escaped, so a page of a
	// large library prints two strings instead of building them.
	Meta       string            `json:"meta"`
	JSONLD     string            `json:"jsonld"`
	COinS      string            `json:"coins"`
	BibTeXHTML string            `json:"bibtexHTML"`
	Exports    map[string]string `json:"exports"` // URLs of its three records
	// Stories are the content paths of the stories that list this
	// publication as related, for site.GetPage in each language.
	Stories []string `json:"stories"`
}

type nameJSON struct {
	Name string `json:"name"`
	Org  bool   `json:"org,omitempty"`
}

// citeJSON is a publication's citations in one language, as HTML.
type citeJSON struct {
	APA     string `json:"apa"`
	Chicago string `json:"chicago"`
}

// topicJSON names a topic in each language of the site. A keyword outside
// the vocabulary (check warns) is named as written in every language.
type topicJSON struct {
	Names map[string]string `json:"names"`
}

// facetJSON is one value of a library facet and its exports.
type facetJSON struct {
	Value   string            `json:"value"`
	Name    string            `json:"name"`
	Count   int               `json:"count"`
	Exports map[string]string `json:"exports"`
	// Items are the positions of its publications in publications.json,
	// so a facet page lists them without scanning the whole library.
	Items []int `json:"items"`
}

// listing is a list of publications exported whole at base (a slash path
// without extension), one file per format.
type listing struct {
	base    string
	entries []biblio.Entry
}

// urls are the listing's files by format.
func (l listing) urls() map[string]string {
	urls := map[string]string{}
	for _, f := range biblio.Formats {
		urls[f] = "/" + l.base + "." + f
	}
	return urls
}

// write puts the listing's files into files, each name after prefix.
func (l listing) write(files map[string][]byte, prefix string) error {
	for _, f := range biblio.Formats {
		var b bytes.Buffer
		if err := biblio.WriteEntries(&b, f, l.entries...); err != nil {
			return err
		}
		files[prefix+l.base+"."+f] = b.Bytes()
	}
	return nil
}

var topicSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slug(s string) string {
	return strings.Trim(topicSlug.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// topicOf is the topic a keyword names, with its name in each language:
// the vocabulary's, or for a keyword outside it, the keyword as written
// under its slug.
func topicOf(keyword string, langs []string) (string, topicJSON) {
	t := topicJSON{Names: map[string]string{}}
	tp, ok := vocab.TopicOf(keyword)
	for _, l := range langs {
		if ok {
			t.Names[l] = tp.Label(l)
		} else {
			t.Names[l] = keyword
		}
	}
	if !ok {
		return slug(keyword), t
	}
	return tp.Slug, t
}

// publicationRecord is everything about one publication that does not
// depend on the rest of the library.
func publicationRecord(p *source.Publication, langs []string, storiesOf map[string][]string, baseURL string, formatter *chromahtml.Formatter) (pubJSON, biblio.Entry, map[string][]byte, error) {
	it := p.Item
	page := "/publications/" + it.ID + "/"
	pj := pubJSON{Key: it.ID, Page: page, Type: it.Type, Title: it.Title, Subtitle: it.Subtitle, Date: it.Issued.ISO(),
		Series: it.CollectionTitle, SeriesNo: it.CollectionNumber, Number: it.Number, Genre: it.Genre, Publisher: it.Publisher,
		Place: it.PublisherPlace, Container: it.ContainerTitle, Volume: it.Volume, Issue: it.Issue, Pages: it.Page,
		ISBN: it.ISBNs(), ISSN: it.ISSN, DOI: it.DOI, URL: it.URL, PDF: strings.HasSuffix(strings.ToLower(it.URL), ".pdf"),
		Language: it.Language, Abstract: it.Abstract, Regions: nonNil(p.Regions), Countries: nonNil(p.Countries), Note: it.Note,
		Cite: make(map[string]citeJSON, len(langs)), Meta: metaTags(it), COinS: biblio.COinS(it),
		Topics: []string{}, Stories: nonNil(storiesOf[it.ID]), Exports: map[string]string{}}
	for _, l := range langs {
		pj.Cite[l] = citeJSON{APA: biblio.FormatAPA(it, l).HTML, Chicago: biblio.FormatChicago(it, l).HTML}
	}
	if it.Issued.Year != 0 {
		pj.Year = strconv.Itoa(it.Issued.Year)
	}
	pj.PageDate = pageDate(pj.Date)
	var facets []string
	if len(p.Regions) > 0 {
		facets = append(facets, "region="+strings.Join(p.Regions, ","))
	}
	if len(p.Countries) > 0 {
		facets = append(facets, "country="+strings.ToLower(strings.Join(p.Countries, ",")))
	}
	if pj.Year != "" {
		facets = append(facets, "year="+pj.Year)
	}
	pj.SearchFacets = strings.Join(facets, ";")
	ld := biblio.JSONLD(it, strings.TrimSuffix(baseURL, "/")+page)
	ld["@context"] = "https://schema.org"
	jsonld, err := json.Marshal(ld) // escapes <, > and &: safe inside <script>
	if err != nil {
		return pj, biblio.Entry{}, nil, err
	}
	pj.JSONLD = string(jsonld)
	var names []string
	for _, a := range it.Author {
		pj.Authors = append(pj.Authors, nameJSON{Name: a.String(), Org: a.Family == "" && a.Literal != ""})
		names = append(names, a.String())
	}
	pj.Byline = strings.Join(names, "; ")
	for _, e := range it.Editor {
		pj.Editors = append(pj.Editors, nameJSON{Name: e.String(), Org: e.Family == "" && e.Literal != ""})
	}
	entry := biblio.NewEntry(it)
	files := map[string][]byte{}
	for _, f := range biblio.Formats {
		var b bytes.Buffer
		if err := biblio.WriteEntries(&b, f, entry); err != nil {
			return pj, entry, nil, err
		}
		name := "publications/" + it.ID + "/" + it.ID + "." + f
		files[name] = b.Bytes()
		pj.Exports[f] = "/" + name
	}
	if tokens, err := bibtexTokens(string(files["publications/"+it.ID+"/"+it.ID+".bib"])); err == nil {
		var h bytes.Buffer
		h.WriteString(`<pre class="chroma"><code>`)
		if formatter.Format(&h, styles.Get(LightStyle), chroma.Literator(coalesce(tokens)...)) == nil {
			h.WriteString("</code></pre>")
			pj.BibTeXHTML = h.String()
		}
	}
	return pj, entry, files, nil
}

// pageDate fills a year or year-month out to a whole date for the page.
func pageDate(iso string) string {
	switch len(iso) {
	case 0:
		return "1970-01-01"
	case 4:
		return iso + "-01-01"
	case 7:
		return iso + "-01"
	}
	return iso
}

// metaTags writes a publication's Highwire Press tags (what Google Scholar
// and Zotero read) and its Dublin Core tags, one per line.
func metaTags(it *biblio.Item) string {
	var b strings.Builder
	tag := func(m biblio.Meta) {
		fmt.Fprintf(&b, "<meta name=\"%s\" content=\"%s\">\n", html.EscapeString(m.Name), html.EscapeString(m.Content))
	}
	for _, m := range biblio.Highwire(it) {
		tag(m)
	}
	b.WriteString("<link rel=\"schema.DC\" href=\"http://purl.org/dc/elements/1.1/\">\n")
	for _, m := range biblio.DublinCore(it) {
		tag(m)
	}
	return b.String()
}

// publications writes each publication's exports and citations, the whole
// library and every facet listing in BibTeX, RIS and CSL-JSON. Each
// publication's own records go into direct's files, by path in the site,
// and the listings are left to it to make later, when it is not nil; both
// go into files under static/ when it is.
func publications(site *source.Site, files map[string][]byte, direct *Direct, baseURL string) ([]pubJSON, map[string][]facetJSON, map[string]topicJSON, error) {
	var out []pubJSON
	positions := map[string]map[string][]int{"type": {}, "year": {}, "topic": {}, "region": {}, "language": {}}
	storiesOf := map[string][]string{}
	for _, s := range site.Stories {
		page := strings.TrimPrefix(s.Bundle, "content")
		for _, key := range s.Related.Publications {
			if !slices.Contains(storiesOf[key], page) {
				storiesOf[key] = append(storiesOf[key], page)
			}
		}
	}
	names := map[string]map[string]string{"type": {}, "year": {}, "topic": {}, "region": {}, "language": {}}
	recs := make([]pubJSON, len(site.Publications))
	entries := make([]biblio.Entry, len(site.Publications))
	own := make([]map[string][]byte, len(site.Publications))
	errs := make([]error, len(site.Publications))
	// Citations, metadata, exports and highlighting are per record and most
	// of the work: one worker per core.
	par.ForWorkers(len(site.Publications), func() func(int) {
		// Without chroma's per-line wrappers, which only line numbers and
		// highlighted lines need: the record is a sixth of a page lighter.
		formatter := chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))
		return func(i int) {
			recs[i], entries[i], own[i], errs[i] = publicationRecord(site.Publications[i], site.Languages, storiesOf, baseURL, formatter)
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, nil, err
	}
	topics := map[string]topicJSON{}
	for _, m := range own {
		for name, b := range m {
			if direct != nil {
				direct.Files[name] = b
			} else {
				files["static/"+name] = b
			}
		}
	}
	for i, p := range site.Publications {
		it := p.Item
		pj := recs[i]
		add := func(facet, value, name string) {
			if value == "" {
				return
			}
			if n := len(positions[facet][value]); n > 0 && positions[facet][value][n-1] == len(out) {
				return // a keyword given twice
			}
			positions[facet][value] = append(positions[facet][value], len(out))
			names[facet][value] = name
		}
		add("type", it.Type, it.Type)
		add("year", pj.Year, pj.Year)
		add("language", it.Language, it.Language)
		for _, k := range it.Keywords {
			s, t := topicOf(k, site.Languages)
			if s == "" || slices.Contains(pj.Topics, s) {
				continue // two spellings of one topic
			}
			if _, seen := topics[s]; !seen {
				topics[s] = t
			}
			pj.Topics = append(pj.Topics, s)
			add("topic", s, topics[s].Names[site.Languages[0]])
		}
		for _, r := range p.Regions {
			add("region", r, r)
		}
		pj.TopicSlugs = strings.Join(pj.Topics, " ")
		out = append(out, pj)
	}
	if len(out) == 0 {
		return out, nil, topics, nil
	}
	facetOut := map[string][]facetJSON{}
	lib := listing{"publications/library", entries}
	listings := []listing{lib}
	everything := make([]int, len(out))
	for i := range everything {
		everything[i] = i
	}
	facetOut["library"] = []facetJSON{{Value: "all", Count: len(out), Exports: lib.urls(), Items: everything}}
	for facet, values := range positions {
		keys := make([]string, 0, len(values))
		for v := range values {
			keys = append(keys, v)
		}
		sort.Strings(keys)
		if facet == "year" {
			sort.Sort(sort.Reverse(sort.StringSlice(keys)))
		}
		for _, v := range keys {
			listed := make([]biblio.Entry, len(values[v]))
			for i, pos := range values[v] {
				listed[i] = entries[pos]
			}
			l := listing{"publications/" + facet + "/" + v, listed}
			listings = append(listings, l)
			facetOut[facet] = append(facetOut[facet], facetJSON{Value: v, Name: names[facet][v], Count: len(values[v]), Exports: l.urls(), Items: values[v]})
		}
	}
	writeAll := func(files map[string][]byte, prefix string) error {
		for _, l := range listings {
			if err := l.write(files, prefix); err != nil {
				return err
			}
		}
		return nil
	}
	if direct == nil {
		if err := writeAll(files, "static/"); err != nil {
			return nil, nil, nil, err
		}
		return out, facetOut, topics, nil
	}
	direct.Later = append(direct.Later, func() (map[string][]byte, error) {
		made := map[string][]byte{}
		return made, writeAll(made, "")
	})
	return out, facetOut, topics, nil
}
