package biblio

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Item is one bibliographic record, modelled on a CSL-JSON item. Fields
// hold plain Unicode text: readers decode LaTeX, writers encode it again.
type Item struct {
	ID   string
	Type string // a CSL type: report, book, chapter, article-journal, ...

	// Title is the whole title as cited, subtitle included. Subtitle
	// repeats its second part when the source gave it separately
	// (BibLaTeX subtitle), so BibTeX exports can split it again.
	Title      string
	TitleShort string
	Subtitle   string

	Author []Name
	Editor []Name

	Issued   Date
	Accessed Date

	Publisher      string // publisher, or the institution of a report or thesis
	PublisherPlace string

	ContainerTitle   string // journal, book of a chapter, proceedings, website
	CollectionTitle  string // series
	CollectionNumber string // number within the series
	Number           string // report number (an ITU publication code, say)
	Genre            string // report or thesis kind: "Working paper", "PhD thesis"
	Edition          string
	Version          string
	Volume           string
	Issue            string
	Page             string // "45-67": a plain hyphen between the ends

	ISBN string // several are separated by spaces
	ISSN string
	DOI  string // bare, "10.1234/x", without a resolver
	URL  string

	Abstract string
	Language string // BCP 47: "en", "fr"
	Keywords []string
	Note     string

	// Editorial holds editors' notes (the field "editorial" in any format):
	// how the record was verified, what is left to check. No writer, page
	// or search index ever reads it.
	Editorial string

	// Extra keeps the fields this package does not model (custom fields
	// such as regions and countries, JabRef's file or owner), keyed by field
	// name, so every writer can export them again.
	Extra map[string]string

	// NoCase lists phrases that case changes must leave alone: BibTeX's
	// {ITU}, CSL-JSON's <span class="nocase">.
	NoCase []string

	Pos Pos

	// keywordPos is where each keyword is written, when the reader knows
	// (BibTeX); see KeywordPos.
	keywordPos []Pos

	// rawExtra keeps non-string CSL-JSON values of unknown variables, as
	// written, so a CSL-JSON round trip keeps them.
	rawExtra map[string]string
}

// Name is a person or, when Literal is set, an organisation.
type Name struct {
	Family              string
	Given               string
	Literal             string
	NonDroppingParticle string // "van" in "van Gogh", kept before the family name
	DroppingParticle    string
	Suffix              string
}

// others stands for BibTeX's "and others": more names than were given.
const others = "others"

// IsOthers reports whether n is the "and others" marker at the end of a
// name list.
func (n Name) IsOthers() bool { return n.Literal == others && n.Family == "" }

// IsZero reports whether n has no parts.
func (n Name) IsZero() bool { return n == Name{} }

// String renders the name in display order: "Ludwig van Beethoven".
func (n Name) String() string {
	if n.Literal != "" {
		return n.Literal
	}
	return joinNonEmpty(" ", n.Given, n.DroppingParticle, n.NonDroppingParticle, n.Family, n.Suffix)
}

// Inverted renders the name family first: "van Beethoven, Ludwig".
func (n Name) Inverted() string {
	if n.Literal != "" {
		return n.Literal
	}
	fam := joinNonEmpty(" ", n.NonDroppingParticle, n.Family)
	giv := joinNonEmpty(" ", n.Given, n.DroppingParticle)
	return joinNonEmpty(", ", fam, giv, n.Suffix)
}

// Date is a calendar date that may be known only to the year or month. The
// zero Date is "no date"; Literal holds a date that could not be read.
type Date struct {
	Year, Month, Day int
	Literal          string
}

// IsZero reports whether no date is known.
func (d Date) IsZero() bool { return d.Year == 0 && d.Literal == "" }

// ISO renders the known part of d: "2021", "2021-05", "2021-05-03".
func (d Date) ISO() string {
	switch {
	case d.Year == 0:
		return d.Literal
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Pos is where a record starts in its file.
type Pos struct {
	Path      string
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col) }

// Meta is one HTML meta element: <meta name="Name" content="Content">.
type Meta struct {
	Name, Content string
}

// KeywordPos is where the i-th keyword is written: in a BibTeX file, the
// keyword itself; otherwise the record's start.
func (it *Item) KeywordPos(i int) Pos {
	if i < len(it.keywordPos) {
		return it.keywordPos[i]
	}
	return it.Pos
}

// ISBNs splits the ISBN field into its numbers.
func (it *Item) ISBNs() []string { return strings.Fields(it.ISBN) }

// names returns the authors, or the editors when there are no authors.
func (it *Item) names() (names []Name, editors bool) {
	if len(it.Author) > 0 {
		return it.Author, false
	}
	return it.Editor, len(it.Editor) > 0
}

// mainTitle splits Subtitle off Title again, for formats that keep them
// apart. It returns Title whole when they do not fit together.
func (it *Item) mainTitle() (main, sub string) {
	if it.Subtitle == "" || !strings.HasSuffix(it.Title, it.Subtitle) {
		return it.Title, ""
	}
	m := strings.TrimSuffix(it.Title, it.Subtitle)
	switch {
	case strings.HasSuffix(m, ": "):
		m = m[:len(m)-2]
	case strings.HasSuffix(m, "? "), strings.HasSuffix(m, "! "), strings.HasSuffix(m, ". "):
		m = m[:len(m)-1]
	default:
		return it.Title, ""
	}
	if m == "" {
		return it.Title, ""
	}
	return m, it.Subtitle
}

// joinTitle joins a main title and a subtitle the way citations print them.
func joinTitle(main, sub string) string {
	if sub == "" {
		return main
	}
	if main == "" {
		return sub
	}
	if strings.HasSuffix(main, "?") || strings.HasSuffix(main, "!") || strings.HasSuffix(main, ".") {
		return main + " " + sub
	}
	return main + ": " + sub
}

func (it *Item) setExtra(k, v string) {
	if v == "" {
		return
	}
	if k == "editorial" {
		it.Editorial = v
		return
	}
	if it.Extra == nil {
		it.Extra = map[string]string{}
	}
	it.Extra[k] = v
}

func (it *Item) addNoCase(s string) {
	// Linear, since an item protects a handful of phrases; past a hundred
	// the list stops growing, which keeps hostile input from being slow.
	if s != "" && len(it.NoCase) < 100 && !slices.Contains(it.NoCase, s) {
		it.NoCase = append(it.NoCase, s)
	}
}

func joinNonEmpty(sep string, parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p)
	}
	return b.String()
}

// Types lists the CSL types that the BibTeX and RIS readers give records,
// sorted: the types a library names on its pages. (A CSL-JSON record may
// carry any CSL type.)
func Types() []string {
	seen := map[string]bool{"document": true, "webpage": true}
	for _, m := range []map[string]string{bibTypes, risTypes} {
		for _, t := range m {
			seen[t] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}
