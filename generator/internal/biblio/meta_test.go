package biblio

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func readOne(t *testing.T, src string) *Item {
	t.Helper()
	items, probs := ReadBibTeX("t.bib", []byte(src))
	for _, p := range probs {
		if !p.Warning {
			t.Errorf("%s", p)
		}
	}
	if len(items) != 1 {
		t.Fatalf("want 1 entry, got %d", len(items))
	}
	return items[0]
}

func TestCitationHTML(t *testing.T) {
	it := readOne(t, `@online{x, author = {{AT\&T <Labs>}}, title = {Fibre \& <b>copper</b>}, booktitle = {Q\&A}, year = 2019,
	  url = {https://example.org/?a=1&b="2"}}`)
	got := FormatAPA(it, "en").HTML
	want := `AT&amp;T &lt;Labs&gt;. (2019). <i>Fibre &amp; &lt;b&gt;copper&lt;/b&gt;</i>. Q&amp;A. <a href="https://example.org/?a=1&amp;b=&#34;2&#34;">https://example.org/?a=1&amp;b=&#34;2&#34;</a>`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	it.URL = "javascript:alert(1)"
	if h := FormatChicago(it, "en").HTML; strings.Contains(h, "<a ") {
		t.Errorf("a javascript: URL became a link: %s", h)
	}
	it.DOI = "10.1/x<y>"
	if h := FormatAPA(it, "en").HTML; !strings.Contains(h, `<a href="https://doi.org/10.1/x&lt;y&gt;">`) {
		t.Errorf("DOI link: %s", h)
	}
}

func TestFallbackLanguage(t *testing.T) {
	it := readOne(t, `@report{x, author = {{ITU}}, title = {T}, institution = {ITU}}`)
	for _, lang := range []string{"de", "", "en-GB", "EN"} {
		if got := FormatAPA(it, lang).Text; got != "ITU. (n.d.). T." {
			t.Errorf("%q: %s", lang, got)
		}
	}
	// A regional variant takes its language's terms (the locale's no-break
	// space included).
	if got := FormatChicago(it, "fr-CH").Text; got != "ITU. s.\u00a0d. T. ITU." {
		t.Errorf("fr-CH: %q", got)
	}
}

const idi = `@report{itu-idi-2024,
  author = {{International Telecommunication Union}},
  title = {Measuring digital development: The {ICT} Development Index 2024},
  institution = {International Telecommunication Union},
  address = {Geneva},
  number = {D-IND-ICT_MDD-2024-3},
  date = {2024-06-28},
  isbn = {978-92-61-39191-1 978-92-61-39201-7},
  url = {https://www.itu.int/dms_pub/itu-d/opb/ind/D-IND-ICT_MDD-2024-3-PDF-E.pdf},
  langid = {english},
  keywords = {ICT Development Index, connectivity},
  abstract = {Scores economies on universal and meaningful connectivity.}
}`

const article = `@article{roller,
  author = {R{\"o}ller, Lars-Hendrik and Waverman, Leonard},
  title = {Telecommunications infrastructure and economic development},
  journal = {American Economic Review},
  volume = 91, number = 4, pages = {909--923}, year = 2001,
  issn = {0002-8282}, doi = {10.1257/aer.91.4.909}
}`

const chapter = `@incollection{ch,
  author = {Gillwald, Alison}, title = {Beyond access}, booktitle = {The digital economy in Africa},
  editor = {Ndemo, Bitange}, publisher = {Palgrave}, pages = {101--108}, year = 2017, month = mar
}`

func metaLines(m []Meta) string {
	var b strings.Builder
	for _, x := range m {
		fmt.Fprintf(&b, "%s=%s\n", x.Name, x.Content)
	}
	return b.String()
}

func TestHighwire(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{idi, `citation_title=Measuring digital development: The ICT Development Index 2024
citation_author=International Telecommunication Union
citation_publication_date=2024/06/28
citation_isbn=978-92-61-39191-1
citation_isbn=978-92-61-39201-7
citation_pdf_url=https://www.itu.int/dms_pub/itu-d/opb/ind/D-IND-ICT_MDD-2024-3-PDF-E.pdf
citation_technical_report_institution=International Telecommunication Union
citation_technical_report_number=D-IND-ICT_MDD-2024-3
citation_language=en
`},
		{article, `citation_title=Telecommunications infrastructure and economic development
citation_author=Röller, Lars-Hendrik
citation_author=Waverman, Leonard
citation_publication_date=2001
citation_doi=10.1257/aer.91.4.909
citation_issn=0002-8282
citation_journal_title=American Economic Review
citation_volume=91
citation_issue=4
citation_firstpage=909
citation_lastpage=923
`},
		{chapter, `citation_title=Beyond access
citation_author=Gillwald, Alison
citation_publication_date=2017
citation_publisher=Palgrave
citation_inbook_title=The digital economy in Africa
citation_firstpage=101
citation_lastpage=108
`},
	} {
		if got := metaLines(Highwire(readOne(t, tc.src))); got != tc.want {
			t.Errorf("got\n%s\nwant\n%s", got, tc.want)
		}
	}
}

func TestDublinCore(t *testing.T) {
	got := metaLines(DublinCore(readOne(t, idi)))
	want := `DC.title=Measuring digital development: The ICT Development Index 2024
DC.creator=International Telecommunication Union
DC.date=2024-06-28
DC.publisher=International Telecommunication Union
DC.type=Text
DC.identifier=urn:isbn:978-92-61-39191-1
DC.identifier=urn:isbn:978-92-61-39201-7
DC.identifier=https://www.itu.int/dms_pub/itu-d/opb/ind/D-IND-ICT_MDD-2024-3-PDF-E.pdf
DC.language=en
DC.subject=ICT Development Index
DC.subject=connectivity
DC.description=Scores economies on universal and meaningful connectivity.
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCOinS(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{article, "ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal&rft_id=info%3Adoi%2F10.1257%2Faer.91.4.909" +
			"&rft.genre=article&rft.atitle=Telecommunications+infrastructure+and+economic+development&rft.jtitle=American+Economic+Review" +
			"&rft.volume=91&rft.issue=4&rft.spage=909&rft.epage=923&rft.pages=909-923&rft.date=2001&rft.aulast=R%C3%B6ller" +
			"&rft.aufirst=Lars-Hendrik&rft.au=R%C3%B6ller%2C+Lars-Hendrik&rft.au=Waverman%2C+Leonard&rft.issn=0002-8282"},
		{idi, "ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook&rft_id=https%3A%2F%2Fwww.itu.int%2Fdms_pub%2Fitu-d%2Fopb%2Find%2FD-IND-ICT_MDD-2024-3-PDF-E.pdf" +
			"&rft.genre=report&rft.btitle=Measuring+digital+development%3A+The+ICT+Development+Index+2024&rft.pub=International+Telecommunication+Union" +
			"&rft.place=Geneva&rft.date=2024-06-28&rft.aucorp=International+Telecommunication+Union&rft.isbn=978-92-61-39191-1&rft.isbn=978-92-61-39201-7&rft.language=en"},
	} {
		if got := COinS(readOne(t, tc.src)); got != tc.want {
			t.Errorf("got\n%s\nwant\n%s", got, tc.want)
		}
	}
}

func TestJSONLD(t *testing.T) {
	b, err := json.MarshalIndent(JSONLD(readOne(t, idi), "https://itu.example/publications/idi-2024/"), "", " ")
	if err != nil {
		t.Fatal(err)
	}
	want := `{
 "@context": "https://schema.org",
 "@id": "https://itu.example/publications/idi-2024/",
 "@type": "Report",
 "abstract": "Scores economies on universal and meaningful connectivity.",
 "author": [
  {
   "@type": "Organization",
   "name": "International Telecommunication Union"
  }
 ],
 "datePublished": "2024-06-28",
 "inLanguage": "en",
 "isbn": [
  "978-92-61-39191-1",
  "978-92-61-39201-7"
 ],
 "keywords": "ICT Development Index, connectivity",
 "name": "Measuring digital development: The ICT Development Index 2024",
 "publisher": {
  "@type": "Organization",
  "name": "International Telecommunication Union"
 },
 "reportNumber": "D-IND-ICT_MDD-2024-3",
 "sameAs": "https://www.itu.int/dms_pub/itu-d/opb/ind/D-IND-ICT_MDD-2024-3-PDF-E.pdf",
 "url": "https://itu.example/publications/idi-2024/"
}`
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
	m := JSONLD(readOne(t, article), "")
	if m["@type"] != "ScholarlyArticle" || m["identifier"] == nil || m["author"].([]any)[0].(map[string]any)["@type"] != "Person" {
		t.Errorf("article: %v", m)
	}
}

// zoteroAuthors reads citation_author tags as Zotero's Embedded Metadata
// translator does (addHighwireMetadata): each tag is split at semicolons,
// and a tag with none is split at its commas when the text on both sides
// of the first has a space ("Family, Given" is one person; "Org Name, Org
// Unit" becomes two).
func zoteroAuthors(meta []Meta) []string {
	var authors []string
	for _, m := range meta {
		if m.Name != "citation_author" {
			continue
		}
		parts := strings.Split(m.Content, ";")
		if len(parts) == 1 {
			byComma := strings.Split(parts[0], ",")
			if len(byComma) > 1 && strings.Contains(strings.TrimSpace(byComma[0]), " ") && strings.Contains(strings.TrimSpace(byComma[1]), " ") {
				parts = byComma
			}
		}
		for _, p := range parts {
			authors = append(authors, strings.TrimSpace(p))
		}
	}
	return authors
}

func TestCorporateAuthorWithComma(t *testing.T) {
	it := &Item{ID: "k", Type: "report", Title: "Connect Africa",
		Author: []Name{{Literal: "International Telecommunication Union, Regional Office for Africa"}}}
	got := zoteroAuthors(Highwire(it))
	if len(got) != 1 || !strings.Contains(got[0], "Regional Office for Africa") {
		t.Errorf("Zotero reads the authors as %q, want one organisation", got)
	}
	it.Author = []Name{{Family: "Sanou", Given: "Brahima"}, {Family: "Van der Berg", Given: "Anna Maria"}}
	if got := zoteroAuthors(Highwire(it)); len(got) != 2 || got[0] != "Sanou, Brahima" || got[1] != "Anna Maria Van der Berg" {
		t.Errorf("people: %q", got)
	}
}

func TestPDFLink(t *testing.T) {
	it := &Item{ID: "k", Type: "report", Title: "T", URL: "https://www.itu.int/pub/x",
		Extra: map[string]string{"pdf": "https://www.itu.int/dms_pub/x.pdf"}}
	var pdf string
	for _, m := range Highwire(it) {
		if m.Name == "citation_pdf_url" {
			pdf = m.Content
		}
	}
	if pdf != "https://www.itu.int/dms_pub/x.pdf" {
		t.Errorf("citation_pdf_url = %q", pdf)
	}
}
