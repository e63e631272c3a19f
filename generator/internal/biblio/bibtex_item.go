package biblio

import (
	"bytes"
	"fmt"
	"strings"
)

// bibTypes maps BibTeX and BibLaTeX entry types to CSL types. @misc is
// decided per entry (see cslType).
var bibTypes = map[string]string{
	"article": "article-journal", "book": "book", "mvbook": "book", "collection": "book",
	"mvcollection": "book", "proceedings": "book", "mvproceedings": "book", "reference": "book",
	"mvreference": "book", "manual": "book", "booklet": "pamphlet",
	"inbook": "chapter", "incollection": "chapter", "inreference": "chapter", "bookinbook": "chapter",
	"suppbook": "chapter", "suppcollection": "chapter",
	"inproceedings": "paper-conference", "conference": "paper-conference",
	"report": "report", "techreport": "report",
	"thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis",
	"online": "webpage", "www": "webpage", "electronic": "webpage",
	"dataset": "dataset", "data": "dataset", "software": "software", "patent": "patent",
	"standard": "standard", "unpublished": "manuscript", "periodical": "periodical",
}

// cslTypes maps CSL types back to the BibLaTeX entry types we write.
var cslTypes = map[string]string{
	"article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
	"book": "book", "chapter": "incollection", "paper-conference": "inproceedings",
	"report": "report", "thesis": "thesis", "webpage": "online", "post": "online",
	"post-weblog": "online", "dataset": "dataset", "software": "software", "patent": "patent",
	"standard": "standard", "manuscript": "unpublished", "pamphlet": "booklet", "periodical": "periodical",
}

// verbatimFields are read as written, apart from the URL escapes some
// exporters add.
var verbatimFields = map[string]bool{
	"url": true, "doi": true, "eprint": true, "file": true, "pdf": true, "urlraw": true,
	"verba": true, "verbb": true, "verbc": true, "bdsk-url-1": true, "bdsk-url-2": true,
}

func cslType(typ string, has func(string) bool) string {
	if t, ok := bibTypes[typ]; ok {
		return t
	}
	if typ == "misc" && (has("url") || has("howpublished")) && !has("publisher") && !has("institution") && !has("organization") {
		return "webpage"
	}
	return "document"
}

// item turns a raw entry into an Item, reporting unreadable dates.
func (p *bibParser) item(e *rawEntry) *Item {
	fields := make(map[string]*rawField, len(e.fields))
	for i := range e.fields {
		fields[e.fields[i].name] = &e.fields[i]
	}
	has := func(n string) bool { return fields[n] != nil }
	it := &Item{ID: e.key, Type: cslType(e.typ, has), Pos: p.probs.posOf(e.off)}
	text := func(f *rawField) string {
		s, _ := decodeTeX(f.raw, false)
		return s
	}
	title := func(f *rawField) string {
		s, nc := decodeTeX(f.raw, true)
		for _, n := range nc {
			it.addNoCase(n)
		}
		return s
	}
	var main, sub, number, issue, publisher, institution, organization string
	for i := range e.fields {
		f := &e.fields[i]
		switch f.name {
		case "title":
			main = title(f)
		case "subtitle":
			sub = title(f)
		case "shorttitle":
			it.TitleShort = title(f)
		case "booktitle", "journal", "journaltitle":
			if it.ContainerTitle == "" {
				it.ContainerTitle = title(f)
			} else {
				it.setExtra(f.name, title(f))
			}
		case "series":
			it.CollectionTitle = title(f)
		case "maintitle":
			// The multi-volume work a book belongs to, or the book that
			// holds a chapter.
			switch {
			case it.Type == "chapter" && !has("booktitle"):
				it.ContainerTitle = title(f)
			case !has("series"):
				it.CollectionTitle = title(f)
			default:
				it.setExtra(f.name, title(f))
			}
		case "author":
			it.Author = parseNames(f.raw)
		case "editor":
			it.Editor = parseNames(f.raw)
		case "year", "month", "day", "date", "urldate":
		case "publisher":
			publisher = text(f)
		case "institution", "school":
			institution = text(f)
		case "organization":
			organization = text(f)
		case "address", "location":
			it.PublisherPlace = text(f)
		case "number":
			number = text(f)
		case "issue":
			issue = text(f)
		case "volume":
			it.Volume = text(f)
		case "pages":
			it.Page = normPages(text(f))
		case "edition":
			it.Edition = text(f)
		case "version":
			it.Version = text(f)
		case "type":
			it.Genre = text(f)
		case "note":
			it.Note = text(f)
		case "abstract":
			it.Abstract = text(f)
		case "isbn":
			it.ISBN = text(f)
		case "issn":
			it.ISSN = text(f)
		case "doi":
			it.DOI = bareDOI(unescapeVerbatim(f.raw))
		case "url":
			it.URL = unescapeVerbatim(f.raw)
		case "langid", "language":
			if it.Language == "" || f.name == "langid" {
				it.Language = normLanguage(text(f))
			}
		case "keywords":
			it.Keywords = splitKeywords(text(f))
			it.keywordPos = p.keywordPositions(f, it.Keywords)
		case "howpublished":
			// Google Scholar and older styles put the URL here.
			s := unescapeVerbatim(f.raw)
			if !isHTTP(s) {
				s = text(f)
			}
			if isHTTP(s) && it.URL == "" && !has("url") {
				it.URL = s
			} else {
				it.setExtra(f.name, text(f))
			}
		default:
			if verbatimFields[f.name] {
				it.setExtra(f.name, unescapeVerbatim(f.raw))
			} else {
				it.setExtra(f.name, text(f))
			}
		}
	}
	it.Title, it.Subtitle = joinTitle(main, sub), sub
	if main == "" {
		it.Subtitle = ""
	}

	switch e.typ {
	case "phdthesis":
		if it.Genre == "" {
			it.Genre = "PhD thesis"
		}
	case "mastersthesis":
		if it.Genre == "" {
			it.Genre = "Master's thesis"
		}
	}

	// Who published it: a report's institution, a thesis's school, or the
	// publisher; the others are kept as they were.
	keep := func(k, v string) {
		if v != "" {
			it.setExtra(k, v)
		}
	}
	switch {
	case (it.Type == "report" || it.Type == "thesis") && institution != "":
		it.Publisher = institution
		keep("publisher", publisher)
		keep("organization", organization)
	case publisher != "":
		it.Publisher = publisher
		keep("institution", institution)
		keep("organization", organization)
	case institution != "":
		it.Publisher = institution
		keep("organization", organization)
	default:
		it.Publisher = organization
	}

	switch {
	case isArticle(it.Type):
		it.Issue = number
		if number == "" {
			it.Issue = issue
		} else if issue != "" {
			it.setExtra("issue", issue)
		}
	case numberIsSeries(it.Type):
		it.CollectionNumber = number
	default:
		it.Number = number
	}
	if !isArticle(it.Type) && issue != "" {
		it.Issue = issue
	}

	it.Issued = p.date(fields, "date", "year", "month", "day")
	it.Accessed = p.date(fields, "urldate", "", "", "")
	return it
}

func isHTTP(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func parseNames(raw string) []Name {
	parts := splitNames(raw)
	var names []Name
	for _, s := range parts {
		if n := parseName(s); !n.IsZero() {
			names = append(names, n)
		}
	}
	return names
}

// date reads a BibLaTeX date field, or else year, month and day fields,
// warning about values it cannot read.
func (p *bibParser) date(fields map[string]*rawField, dateF, yearF, monthF, dayF string) Date {
	if f := fields[dateF]; f != nil {
		s, _ := decodeTeX(f.raw, false)
		s = strings.ReplaceAll(s, "–", "/")
		if d, ok := parseISODate(s); ok {
			return d
		}
		p.probs.add(f.off, fmt.Sprintf("%s %q is not a date", dateF, s), "write YYYY, YYYY-MM or YYYY-MM-DD", true)
		return Date{Literal: s}
	}
	if yearF == "" || fields[yearF] == nil {
		return Date{}
	}
	f := fields[yearF]
	s, _ := decodeTeX(f.raw, false)
	y, ok := parseYear(s)
	if !ok {
		p.probs.add(f.off, fmt.Sprintf("year %q is not a year", s), "write four digits, such as 2024", true)
		return Date{Literal: s}
	}
	d := Date{Year: y}
	if f := fields[monthF]; f != nil {
		m := parseMonth(f.raw)
		if m == 0 {
			ms, _ := decodeTeX(f.raw, false)
			m = parseMonth(ms)
		}
		if m == 0 {
			p.probs.add(f.off, fmt.Sprintf("month %q is not a month", f.raw), "write a macro such as may, or a number from 1 to 12", true)
			return d
		}
		d.Month = m
		if f := fields[dayF]; f != nil {
			s, _ := decodeTeX(f.raw, false)
			if dd, ok := parseYear(s); ok && dd <= 31 {
				d.Day = dd
			}
		}
	}
	return d
}

// keywordPositions finds where each keyword of a keywords field is
// written, for problems that name one. It gives up (nil) when the value is
// not one delimited string as written, or when braces or macros make the
// written pieces differ from the keywords read.
func (p *bibParser) keywordPositions(f *rawField, keywords []string) []Pos {
	start := f.off + 1
	if f.off >= len(p.src) || (p.src[f.off] != '{' && p.src[f.off] != '"') || !bytes.HasPrefix(p.src[start:], []byte(f.raw)) {
		return nil
	}
	sep := ","
	if strings.Contains(f.raw, ";") {
		sep = ";"
	}
	var out []Pos
	off := 0
	for _, piece := range strings.Split(f.raw, sep) {
		lead := len(piece) - len(strings.TrimLeft(piece, " \t\r\n"))
		if k, _ := decodeTeX(piece, false); strings.TrimSpace(k) != "" {
			if len(out) == len(keywords) || strings.TrimSpace(k) != keywords[len(out)] {
				return nil
			}
			out = append(out, p.probs.posOf(start+off+lead))
		}
		off += len(piece) + len(sep)
	}
	if len(out) != len(keywords) {
		return nil
	}
	return out
}
