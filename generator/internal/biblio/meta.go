package biblio

import (
	"fmt"
	"net/url"
	"strings"
)

// Highwire returns the citation_* meta tags Google Scholar reads, in the
// order its inclusion guidelines list them: title, one author each (an
// organisation as its name), the publication date (YYYY/MM/DD, or the year
// alone), identifiers, the PDF, then what kind of work it is.
func Highwire(it *Item) []Meta {
	var m []Meta
	add := func(name, content string) {
		if content != "" {
			m = append(m, Meta{"citation_" + name, content})
		}
	}
	add("title", it.Title)
	for _, n := range it.Author {
		if !n.IsOthers() {
			add("author", metaName(n))
		}
	}
	if d := it.Issued; d.Year != 0 {
		if d.Day != 0 {
			add("publication_date", fmt.Sprintf("%04d/%02d/%02d", d.Year, d.Month, d.Day))
		} else {
			add("publication_date", fmt.Sprintf("%04d", d.Year))
		}
	}
	add("doi", it.DOI)
	for _, s := range it.ISBNs() {
		add("isbn", s)
	}
	for _, s := range strings.Fields(it.ISSN) {
		add("issn", s)
	}
	switch pdf := it.Extra["pdf"]; {
	case WebURL(pdf):
		add("pdf_url", pdf)
	case isPDF(it.URL):
		add("pdf_url", it.URL)
	}
	switch {
	case it.Type == "report":
		add("technical_report_institution", it.Publisher)
		add("technical_report_number", it.Number)
	case it.Type == "thesis":
		add("dissertation_institution", it.Publisher)
	default:
		add("publisher", it.Publisher)
	}
	add("language", it.Language)
	switch {
	case isArticle(it.Type):
		add("journal_title", it.ContainerTitle)
		add("volume", it.Volume)
		add("issue", it.Issue)
		first, last, _ := strings.Cut(it.Page, "-")
		add("firstpage", first)
		add("lastpage", last)
	case it.Type == "paper-conference":
		add("conference_title", it.ContainerTitle)
		first, last, _ := strings.Cut(it.Page, "-")
		add("firstpage", first)
		add("lastpage", last)
	case it.Type == "chapter":
		add("inbook_title", it.ContainerTitle)
		first, last, _ := strings.Cut(it.Page, "-")
		add("firstpage", first)
		add("lastpage", last)
	}
	return m
}

// metaName writes a name for citation_author and DC.creator: a person
// "Family, Given", an organisation as its name. Zotero splits one tag at
// its first comma into two authors when both sides hold a space (sites
// that put every author in one tag), so an organisation with a comma in
// its name ("International Telecommunication Union, Regional Office for
// Africa") is written with a dash instead, and a person whose family and
// given names both hold a space ("van der Berg, Anna Maria") in natural
// order, which Google Scholar reads as well.
func metaName(n Name) string {
	if n.Literal != "" {
		return strings.ReplaceAll(n.Literal, ", ", " – ")
	}
	inv := n.Inverted()
	if fam, giv, ok := strings.Cut(inv, ", "); ok && strings.Contains(fam, " ") && strings.Contains(giv, " ") {
		return joinNonEmpty(" ", n.Given, n.DroppingParticle, n.NonDroppingParticle, n.Family, n.Suffix)
	}
	return inv
}

func isPDF(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "http" || p.Scheme == "https") && strings.HasSuffix(strings.ToLower(p.Path), ".pdf")
}

// DublinCore returns DC.* meta tags, the fallback Google Scholar and
// repositories read when Highwire tags are missing.
func DublinCore(it *Item) []Meta {
	var m []Meta
	add := func(name, content string) {
		if content != "" {
			m = append(m, Meta{"DC." + name, content})
		}
	}
	add("title", it.Title)
	for _, n := range it.Author {
		if !n.IsOthers() {
			add("creator", metaName(n))
		}
	}
	for _, n := range it.Editor {
		if !n.IsOthers() {
			add("contributor", n.Inverted())
		}
	}
	if it.Issued.Year != 0 {
		add("date", it.Issued.ISO())
	}
	add("publisher", it.Publisher)
	if it.Type == "dataset" {
		add("type", "Dataset")
	} else {
		add("type", "Text")
	}
	if it.DOI != "" {
		add("identifier", doiURL(it.DOI))
	}
	for _, s := range it.ISBNs() {
		add("identifier", "urn:isbn:"+s)
	}
	for _, s := range strings.Fields(it.ISSN) {
		add("identifier", "urn:issn:"+s)
	}
	add("identifier", it.URL)
	add("language", it.Language)
	for _, k := range it.Keywords {
		add("subject", k)
	}
	add("description", it.Abstract)
	add("relation.ispartof", firstNonEmpty(it.ContainerTitle, it.CollectionTitle))
	return m
}

// COinS returns the title attribute of a <span class="Z3988"> (an OpenURL
// ContextObject), which Zotero and other reference managers pick up from
// a page. The caller escapes it as an attribute, as for any text.
func COinS(it *Item) string {
	v := url.Values{}
	var keys []string
	add := func(k, val string) {
		if val == "" {
			return
		}
		if _, ok := v[k]; !ok {
			keys = append(keys, k)
		}
		v.Add(k, val)
	}
	add("ctx_ver", "Z39.88-2004")
	format, genre, titleKey := "book", "book", "btitle"
	switch {
	case isArticle(it.Type):
		format, genre, titleKey = "journal", "article", "atitle"
	case it.Type == "chapter":
		genre, titleKey = "bookitem", "atitle"
	case it.Type == "paper-conference":
		genre, titleKey = "proceeding", "atitle"
	case it.Type == "report":
		genre = "report"
	case it.Type == "book":
	default:
		format, genre, titleKey = "dc", "", "title"
	}
	add("rft_val_fmt", "info:ofi/fmt:kev:mtx:"+format)
	if it.DOI != "" {
		add("rft_id", "info:doi/"+it.DOI)
	}
	if it.URL != "" {
		add("rft_id", it.URL)
	}
	add("rft.genre", genre)
	add("rft."+titleKey, it.Title)
	switch format {
	case "journal":
		add("rft.jtitle", it.ContainerTitle)
		add("rft.volume", it.Volume)
		add("rft.issue", it.Issue)
	case "book":
		if titleKey == "atitle" {
			add("rft.btitle", it.ContainerTitle)
		}
		add("rft.series", it.CollectionTitle)
		add("rft.pub", it.Publisher)
		add("rft.place", it.PublisherPlace)
		add("rft.edition", it.Edition)
	case "dc":
		add("rft.type", it.Type)
		add("rft.publisher", it.Publisher)
	}
	if format != "dc" && it.Page != "" {
		first, last, _ := strings.Cut(it.Page, "-")
		add("rft.spage", first)
		add("rft.epage", last)
		add("rft.pages", it.Page)
	}
	if it.Issued.Year != 0 {
		add("rft.date", it.Issued.ISO())
	}
	for i, n := range it.Author {
		switch {
		case n.IsOthers():
		case format == "dc":
			add("rft.creator", n.Inverted())
		case n.Literal != "":
			if i == 0 {
				add("rft.aucorp", n.Literal)
			} else {
				add("rft.au", n.Literal)
			}
		default:
			if i == 0 {
				add("rft.aulast", joinNonEmpty(" ", n.NonDroppingParticle, n.Family))
				add("rft.aufirst", n.Given)
			}
			add("rft.au", n.Inverted())
		}
	}
	for _, s := range it.ISBNs() {
		add("rft.isbn", s)
	}
	for _, s := range strings.Fields(it.ISSN) {
		add("rft.issn", s)
	}
	add("rft.language", it.Language)
	var b strings.Builder
	for _, k := range keys {
		for _, val := range v[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(val))
		}
	}
	return b.String()
}

// JSONLD returns a schema.org description of the item for a
// <script type="application/ld+json"> on pageURL, the page about it.
func JSONLD(it *Item, pageURL string) map[string]any {
	typ := "CreativeWork"
	switch {
	case it.Type == "report":
		typ = "Report"
	case it.Type == "book":
		typ = "Book"
	case it.Type == "chapter":
		typ = "Chapter"
	case it.Type == "dataset":
		typ = "Dataset"
	case it.Type == "thesis":
		typ = "Thesis"
	case it.Type == "webpage":
		typ = "WebPage"
	case isArticle(it.Type) || it.Type == "paper-conference":
		typ = "ScholarlyArticle"
	}
	m := map[string]any{
		"@context": "https://schema.org",
		"@type":    typ,
		"name":     it.Title,
	}
	set := func(k string, v any) {
		if s, ok := v.(string); ok && s == "" {
			return
		}
		m[k] = v
	}
	set("url", pageURL)
	if pageURL != "" {
		m["@id"] = pageURL
	}
	person := func(n Name) map[string]any {
		if n.Literal != "" {
			return map[string]any{"@type": "Organization", "name": n.Literal}
		}
		p := map[string]any{"@type": "Person", "name": n.String(), "familyName": joinNonEmpty(" ", n.NonDroppingParticle, n.Family)}
		if n.Given != "" {
			p["givenName"] = n.Given
		}
		return p
	}
	people := func(ns []Name) []any {
		var out []any
		for _, n := range ns {
			if !n.IsOthers() {
				out = append(out, person(n))
			}
		}
		return out
	}
	if a := people(it.Author); len(a) > 0 {
		m["author"] = a
	}
	if e := people(it.Editor); len(e) > 0 {
		m["editor"] = e
	}
	if it.Issued.Year != 0 {
		m["datePublished"] = it.Issued.ISO()
	}
	if it.Publisher != "" {
		m["publisher"] = map[string]any{"@type": "Organization", "name": it.Publisher}
	}
	if isbns := it.ISBNs(); len(isbns) == 1 {
		m["isbn"] = isbns[0]
	} else if len(isbns) > 1 {
		m["isbn"] = isbns
	}
	if it.ISSN != "" {
		m["issn"] = it.ISSN
	}
	var ids []any
	if it.DOI != "" {
		ids = append(ids, map[string]any{"@type": "PropertyValue", "propertyID": "DOI", "value": it.DOI, "url": doiURL(it.DOI)})
	}
	if it.Number != "" {
		if typ == "Report" {
			m["reportNumber"] = it.Number
		} else {
			ids = append(ids, it.Number)
		}
	}
	if len(ids) > 0 {
		m["identifier"] = ids
	}
	if it.URL != "" && it.URL != pageURL {
		m["sameAs"] = it.URL
	}
	set("inLanguage", it.Language)
	set("abstract", it.Abstract)
	if len(it.Keywords) > 0 {
		m["keywords"] = strings.Join(it.Keywords, ", ")
	}
	set("version", it.Version)
	set("bookEdition", map[bool]string{true: it.Edition}[typ == "Book"])
	switch {
	case typ == "Chapter" && it.ContainerTitle != "":
		m["isPartOf"] = map[string]any{"@type": "Book", "name": it.ContainerTitle}
	case typ == "ScholarlyArticle" && it.ContainerTitle != "":
		m["isPartOf"] = map[string]any{"@type": "Periodical", "name": it.ContainerTitle}
	case it.CollectionTitle != "":
		m["isPartOf"] = map[string]any{"@type": "CreativeWorkSeries", "name": it.CollectionTitle}
	}
	if it.Page != "" {
		first, last, ok := strings.Cut(it.Page, "-")
		m["pageStart"] = first
		if ok {
			m["pageEnd"] = last
		}
	}
	return m
}
