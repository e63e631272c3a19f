package biblio

import (
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Citation is one formatted reference-list entry.
type Citation struct {
	// Text is the plain text. Where the record's own text runs in the
	// other direction from the citation's language (an English title in
	// an Arabic citation), it is isolated with U+2066..U+2069.
	Text string
	// HTML has every text escaped, titles in <i>, DOI and URL as links;
	// the record's own text carries its lang where that differs from the
	// citation's, and dir where the direction does too.
	HTML string
}

// kind says whose words a run of a citation is.
type kind uint8

const (
	words  kind = iota // the citation's language: terms, dates, punctuation
	record             // the record's: names, titles, publishers, places
	ident              // numbers, pages and links, left to right in any language
)

// builder assembles a citation as runs of text, italics and links, so the
// plain and HTML forms always say the same thing.
type builder struct {
	segs        []seg
	t           *terms
	lang        string // the citation's language
	recLang     string // the record's language, "en" when it names none
	rtl, recRTL bool
}

type seg struct {
	text, href string
	italic     bool
	kind       kind
}

func newBuilder(it *Item, lang string) *builder {
	b := &builder{segs: make([]seg, 0, 32), t: termsFor(lang), lang: baseLang(lang), recLang: baseLang(it.Language)}
	if b.recLang == "" {
		b.recLang = "en"
	}
	b.rtl, b.recRTL = isRTL(b.lang), isRTL(b.recLang)
	return b
}

// bidiControls are the embeddings, overrides and isolates a record's text
// could carry: they would upset the order of the text around them, and
// the citation isolates what needs it itself.
var bidiControls = strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "",
	"\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "")

func (b *builder) push(s string, k kind, italic bool) {
	if k != words && strings.IndexByte(s, 0xe2) >= 0 { // the first byte of each control
		s = bidiControls.Replace(s)
	}
	if s != "" {
		b.segs = append(b.segs, seg{text: s, kind: k, italic: italic})
	}
}

// add adds the citation's own words and punctuation.
func (b *builder) add(s string) { b.push(s, words, false) }

// rec adds the record's text.
func (b *builder) rec(s string) { b.push(s, record, false) }

// id adds an identifier or a number.
func (b *builder) id(s string) { b.push(s, ident, false) }

// italic adds a title (the record's text) in italics.
func (b *builder) italic(s string) { b.push(s, record, true) }

// link adds a URL; only http and https become links.
func (b *builder) link(url string) {
	if url == "" {
		return
	}
	l := strings.ToLower(url)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
		b.segs = append(b.segs, seg{text: bidiControls.Replace(url), href: url, kind: ident})
	} else {
		b.id(url)
	}
}

func (b *builder) lastRune() rune {
	for i := len(b.segs) - 1; i >= 0; i-- {
		if r, _ := utf8.DecodeLastRuneInString(b.segs[i].text); r != utf8.RuneError {
			return r
		}
	}
	return 0
}

// period ends a sentence unless it already ends with one (or ? or !).
func (b *builder) period() {
	switch b.lastRune() {
	case '.', '?', '!', 0:
	default:
		b.add(".")
	}
}

func (b *builder) space() {
	if len(b.segs) > 0 && b.lastRune() != ' ' {
		b.add(" ")
	}
}

// marks returns the HTML attributes of a run of kind k, and the
// characters that isolate it in plain text.
func (b *builder) marks(k kind) (attrs, open string) {
	switch {
	case k == record && b.recLang != b.lang:
		attrs = ` lang="` + html.EscapeString(b.recLang) + `"`
		if b.recRTL != b.rtl {
			attrs, open = attrs+dir(b.recRTL), isolate(b.recRTL)
		}
	case k == ident && b.rtl:
		attrs, open = dir(false), isolate(false)
	}
	return attrs, open
}

func dir(rtl bool) string {
	if rtl {
		return ` dir="rtl"`
	}
	return ` dir="ltr"`
}

// isolate is the Unicode isolate that opens a run in a direction (U+2069
// closes it).
func isolate(rtl bool) string {
	if rtl {
		return "\u2067"
	}
	return "\u2066"
}

func (b *builder) citation() Citation {
	// Runs of one kind and style read as one: a name list's commas are
	// the citation's, but "Geneva: ITU" is one run of the record's.
	segs := b.segs[:0] // merged in place
	for _, s := range b.segs {
		if n := len(segs); n > 0 && s.href == "" && segs[n-1].href == "" && segs[n-1].kind == s.kind && segs[n-1].italic == s.italic {
			segs[n-1].text += s.text
			continue
		}
		segs = append(segs, s)
	}
	var t, h strings.Builder
	for _, s := range segs {
		attrs, open := b.marks(s.kind)
		if open != "" {
			t.WriteString(open + s.text + "\u2069")
		} else {
			t.WriteString(s.text)
		}
		e := html.EscapeString(s.text)
		switch {
		case s.href != "":
			h.WriteString(`<a href="` + html.EscapeString(s.href) + `"` + attrs + `>` + e + `</a>`)
		case s.italic:
			h.WriteString("<i" + attrs + ">" + e + "</i>")
		case attrs != "":
			h.WriteString("<span" + attrs + ">" + e + "</span>")
		default:
			h.WriteString(e)
		}
	}
	return Citation{Text: strings.TrimSpace(t.String()), HTML: strings.TrimSpace(h.String())}
}

func doiURL(doi string) string {
	if doi == "" {
		return ""
	}
	return "https://doi.org/" + doi
}

// italicTypes are the types whose own title is set in italics: works that
// stand alone, as opposed to parts of something else.
func italicTitle(typ string) bool {
	switch typ {
	case "article-journal", "article-magazine", "article-newspaper", "chapter", "paper-conference",
		"entry-encyclopedia", "entry-dictionary", "entry", "post", "post-weblog":
		return false
	}
	return true
}

func isPart(typ string) bool {
	return typ == "chapter" || typ == "paper-conference" || strings.HasPrefix(typ, "entry")
}

// sameOrg reports whether a publisher merely repeats the organisations
// that are the authors: "ITU", or "ITU and UNESCO" for both of them.
func sameOrg(publisher string, authors []Name) bool {
	publisher = strings.TrimSpace(publisher)
	if publisher == "" {
		return false
	}
	isAuthor := func(s string) bool {
		for _, n := range authors {
			if n.Literal != "" && strings.EqualFold(strings.TrimSpace(n.Literal), s) {
				return true
			}
		}
		return false
	}
	if isAuthor(publisher) {
		return true
	}
	var lits []string
	for _, n := range authors {
		if n.Literal == "" {
			return false
		}
		lits = append(lits, n.Literal)
	}
	for _, sep := range []string{" and ", " & ", "; ", ", ", " / "} {
		if len(lits) > 1 && strings.EqualFold(strings.Join(lits, sep), publisher) {
			return true
		}
	}
	return false
}

// list adds names joined by commas and a conjunction before the last; two
// names take a comma only after an inverted personal name. The names and
// the commas between them are one run of the record's text ("Baldé, C. P.,
// Forti, V."), the conjunction is the citation's.
func (b *builder) list(s []string, conj string, serial, twoComma bool) {
	for i, name := range s {
		switch {
		case i == 0:
		case i < len(s)-1:
			b.rec(", ")
		case len(s) == 2 && !(twoComma && serial), len(s) > 2 && !serial:
			b.add(" " + conj + " ")
		default:
			b.add(", " + conj + " ")
		}
		b.rec(name)
	}
}

// commas adds names joined by commas, one run of the record's text.
func (b *builder) commas(s []string) { b.rec(strings.Join(s, ", ")) }

// etAl adds names followed by "et al." in the citation's language.
func (b *builder) etAl(s []string, sep string) {
	b.commas(s)
	b.add(sep + b.t.EtAl)
}

// thesis adds what kind of thesis a record is: a doctoral or master's
// thesis in the citation's words, or the record's own genre.
func (b *builder) thesis(genre, phd string) {
	g := strings.ToLower(genre)
	switch {
	case strings.Contains(g, "phd") || strings.Contains(g, "doctor") || strings.Contains(g, "dissertation"):
		b.add(phd)
	case strings.Contains(g, "master"):
		b.add(b.t.Masters)
	case genre != "":
		b.rec(genre)
	default:
		b.add(b.t.Thesis)
	}
}

// edition adds an edition: "2nd ed." in the citation's words, "Rev." as
// the record gives it followed by the term.
func (b *builder) edition(s string) {
	if e, ok := b.t.edition(s); ok {
		b.add(e)
		return
	}
	b.rec(s)
	b.add(" " + b.t.Edition)
}

// parens adds parts, each a function that adds its runs, in parentheses
// and separated by commas; nothing when no part adds anything.
func (b *builder) parens(parts []func()) {
	if len(parts) == 0 {
		return
	}
	b.add(" (")
	for i, p := range parts {
		if i > 0 {
			b.add(", ")
		}
		p()
	}
	b.add(")")
}

// FormatAPA formats an item as an APA 7 reference-list entry with the
// terms of lang (English for a language without a CSL locale here).
func FormatAPA(it *Item, lang string) Citation {
	b := newBuilder(it, lang)
	t := b.t
	names, editors := it.names()
	title := func() {
		if italicTitle(it.Type) {
			b.italic(it.Title)
		} else {
			b.rec(it.Title)
		}
		var paren []func()
		if !isPart(it.Type) {
			if it.Edition != "" {
				paren = append(paren, func() { b.edition(it.Edition) })
			}
			if it.Volume != "" && !isArticle(it.Type) {
				paren = append(paren, func() { b.add(t.Vol + " "); b.id(it.Volume) })
			}
		}
		switch {
		case it.Type == "report" && it.Number != "":
			if it.Genre != "" {
				paren = append(paren, func() { b.rec(it.Genre); b.add(" " + capitalizeFirst(t.No) + " "); b.id(it.Number) })
			} else {
				paren = append(paren, func() { b.add(t.Report + " " + capitalizeFirst(t.No) + " "); b.id(it.Number) })
			}
		case it.Number != "" && !isArticle(it.Type):
			paren = append(paren, func() { b.add(capitalizeFirst(t.No) + " "); b.id(it.Number) })
		}
		if it.Version != "" {
			paren = append(paren, func() { b.add(t.Version + " "); b.id(it.Version) })
		}
		b.parens(paren)
		switch {
		case it.Type == "dataset":
			b.add(" [" + t.Dataset + "]")
		case it.Type == "thesis":
			b.add(" [")
			b.thesis(it.Genre, t.PhD)
			if it.Publisher != "" {
				b.add(", ")
				b.rec(it.Publisher)
			}
			b.add("]")
		case it.Type == "report" && it.Genre != "" && it.Number == "":
			b.add(" [")
			b.rec(it.Genre)
			b.add("]")
		}
		b.period()
	}
	date := func() {
		b.add("(")
		b.apaDate(it)
		b.add(").")
	}
	if len(names) > 0 {
		b.apaNames(names)
		if editors {
			if len(names) == 1 {
				b.add(" (" + capitalizeFirst(t.Ed) + ")")
			} else {
				b.add(" (" + capitalizeFirst(t.Eds) + ")")
			}
		}
		b.period()
		b.space()
		date()
		b.space()
		title()
	} else {
		title()
		b.space()
		date()
	}

	switch {
	case isArticle(it.Type):
		if it.ContainerTitle != "" {
			b.space()
			b.italic(it.ContainerTitle)
			if it.Volume != "" {
				b.add(", ")
				b.push(it.Volume, ident, true)
			}
			if it.Issue != "" {
				if it.Volume == "" {
					b.add(", ")
				}
				b.add("(")
				b.id(it.Issue)
				b.add(")")
			}
			if it.Page != "" {
				b.add(", ")
				b.id(dashPages(it.Page))
			}
			b.period()
		}
	case isPart(it.Type):
		b.space()
		b.add(t.In + " ")
		if len(it.Editor) > 0 && len(it.Author) > 0 {
			b.apaEditors(it.Editor)
			if len(it.Editor) == 1 {
				b.add(" (" + capitalizeFirst(t.Ed) + "), ")
			} else {
				b.add(" (" + capitalizeFirst(t.Eds) + "), ")
			}
		}
		b.italic(it.ContainerTitle)
		var paren []func()
		if it.Edition != "" {
			paren = append(paren, func() { b.edition(it.Edition) })
		}
		if it.Volume != "" {
			paren = append(paren, func() { b.add(t.Vol + " "); b.id(it.Volume) })
		}
		if it.Page != "" {
			pp := t.PP
			if !strings.Contains(it.Page, "-") {
				pp = t.P
			}
			paren = append(paren, func() { b.add(pp + " "); b.id(dashPages(it.Page)) })
		}
		b.parens(paren)
		b.period()
		if it.Publisher != "" && !sameOrg(it.Publisher, it.Author) {
			b.space()
			b.rec(it.Publisher)
			b.period()
		}
	case it.Type == "thesis":
	default:
		source := it.Publisher
		if it.Type == "webpage" || strings.HasPrefix(it.Type, "post") {
			source = firstNonEmpty(it.ContainerTitle, it.Publisher)
		}
		if source != "" && !sameOrg(source, names) {
			b.space()
			b.rec(source)
			b.period()
		}
	}

	if it.DOI != "" {
		b.space()
		b.link(doiURL(it.DOI))
	} else if it.URL != "" {
		b.space()
		if it.Issued.IsZero() && it.Accessed.Year != 0 && it.Accessed.Month != 0 {
			b.add(t.Retrieved + " " + t.date(it.Accessed, withYear|withMonth|withDay) + ", " + t.From + " ")
		}
		b.link(it.URL)
	}
	return b.citation()
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// dashPages writes a page range with an en dash.
func dashPages(p string) string { return strings.ReplaceAll(p, "-", "–") }

// apaDate adds the date of an APA reference: the year, or the full date
// for web pages, posts and news.
func (b *builder) apaDate(it *Item) {
	d := it.Issued
	switch {
	case d.Year == 0 && d.Literal != "":
		b.rec(d.Literal)
		return
	case d.Year == 0:
		b.add(b.t.ND)
		return
	}
	switch it.Type {
	case "webpage", "post", "post-weblog", "article-magazine", "article-newspaper", "broadcast", "speech", "interview":
		if d.Month != 0 {
			b.add(strconv.Itoa(d.Year) + ", " + b.t.date(d, withMonth|withDay))
			return
		}
	}
	b.add(strconv.Itoa(d.Year))
}

// fullDate is a date in running text: "May 3, 2021", "May 2021", "2021".
func (t *terms) fullDate(d Date) string {
	if d.Year == 0 {
		return d.Literal
	}
	return t.date(d, withYear|withMonth|withDay)
}

// initials turns given names into APA initials: "Jean-Paul Charles" is
// "J.-P. C."; lowercase particles stay whole.
func initials(given string) string {
	var out []string
	for _, w := range strings.Fields(strings.ReplaceAll(given, ".", ". ")) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			out = append(out, w)
			continue
		}
		parts := strings.Split(w, "-")
		for i, p := range parts {
			p = strings.TrimSuffix(p, ".")
			if r, _ := utf8.DecodeRuneInString(p); r != utf8.RuneError {
				parts[i] = string(r) + "."
			}
		}
		out = append(out, strings.Join(parts, "-"))
	}
	return strings.Join(out, " ")
}

func apaName(n Name) string {
	if n.Literal != "" {
		return n.Literal
	}
	fam := joinNonEmpty(" ", n.NonDroppingParticle, n.Family)
	giv := joinNonEmpty(" ", initials(n.Given), n.DroppingParticle)
	return joinNonEmpty(", ", fam, giv, n.Suffix)
}

func (b *builder) apaNames(ns []Name) {
	etAl := len(ns) > 1 && ns[len(ns)-1].IsOthers()
	if etAl {
		ns = ns[:len(ns)-1]
	}
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = apaName(n)
	}
	switch {
	case etAl:
		b.etAl(s, ", ")
	case len(s) <= 20:
		b.list(s, b.t.Amp, b.t.SerialComma, ns[0].Literal == "")
	default:
		b.commas(s[:19])
		b.add(", . . . ")
		b.rec(s[len(s)-1])
	}
}

// apaEditors adds the editors of a book in "In ..." position: initials
// first.
func (b *builder) apaEditors(ns []Name) {
	s := make([]string, 0, len(ns))
	etAl := false
	for _, n := range ns {
		switch {
		case n.IsOthers():
			etAl = true
		case n.Literal != "":
			s = append(s, n.Literal)
		default:
			s = append(s, joinNonEmpty(" ", initials(n.Given), n.DroppingParticle, n.NonDroppingParticle, n.Family)+suffix(n.Suffix))
		}
	}
	if etAl {
		b.etAl(s, ", ")
		return
	}
	b.list(s, b.t.Amp, b.t.SerialComma, false)
}

// FormatChicago formats an item as a Chicago (17th edition) author-date
// reference-list entry with the terms of lang. English titles are set in
// headline-style title case, leaving protected phrases alone.
func FormatChicago(it *Item, lang string) Citation {
	b := newBuilder(it, lang)
	t := b.t
	tc := func(s string) string {
		if isEnglish(it.Language) {
			return titleCase(s, it.NoCase)
		}
		return s
	}
	names, editors := it.names()
	title := func() {
		if italicTitle(it.Type) && it.Type != "thesis" && it.Type != "webpage" {
			b.italic(tc(it.Title))
			b.period()
			return
		}
		ti := tc(it.Title)
		b.add(t.OpenQ)
		b.rec(ti)
		switch r, _ := utf8.DecodeLastRuneInString(ti); {
		case r == '?' || r == '!':
			b.add(t.CloseQ)
		case t.PunctuationInQuote:
			b.add("." + t.CloseQ)
		default:
			b.add(t.CloseQ + ".")
		}
	}
	year := func() {
		switch {
		case it.Issued.Year != 0:
			b.add(strconv.Itoa(it.Issued.Year) + ".")
		case it.Issued.Literal != "":
			b.rec(it.Issued.Literal)
			b.period()
		default:
			b.add(t.ND) // "n.d.", "s. f.", but "不详"
			b.period()
		}
	}
	if len(names) > 0 {
		b.chicagoNames(names)
		if editors {
			b.add(", ")
			if len(names) == 1 {
				b.add(t.Ed)
			} else {
				b.add(t.Eds)
			}
		}
		b.period()
		b.space()
		year()
		b.space()
		title()
	} else {
		title()
		b.space()
		year()
	}
	// sentence adds what add does, then a full stop.
	sentence := func(add func()) {
		n := len(b.segs)
		b.space()
		m := len(b.segs)
		if add(); len(b.segs) == m {
			b.segs = b.segs[:n]
			return
		}
		b.period()
	}
	place := func() {
		if s := joinNonEmpty(": ", it.PublisherPlace, it.Publisher); s != "" {
			sentence(func() { b.rec(s) })
		}
	}

	switch {
	case isArticle(it.Type):
		if it.ContainerTitle != "" {
			b.space()
			b.italic(tc(it.ContainerTitle))
			if it.Volume != "" {
				b.add(" ")
				b.id(it.Volume)
			}
			if it.Issue != "" {
				if it.Volume != "" {
					b.add(" (")
					b.id(it.Issue)
					b.add(")")
				} else {
					b.add(", " + t.Issue + " ")
					b.id(it.Issue)
				}
			}
			if it.Page != "" {
				if it.Volume != "" || it.Issue != "" {
					b.add(": ")
				} else {
					b.add(", ")
				}
				b.id(chicagoPages(it.Page))
			}
			b.period()
		}
	case isPart(it.Type):
		b.space()
		b.add(t.In + " ")
		b.italic(tc(it.ContainerTitle))
		if len(it.Editor) > 0 && len(it.Author) > 0 {
			b.add(", " + t.EditedBy + " ")
			b.chicagoPlainNames(it.Editor)
		}
		if it.Page != "" {
			b.add(", ")
			b.id(chicagoPages(it.Page))
		}
		b.period()
		place()
	case it.Type == "thesis":
		sentence(func() {
			b.thesis(it.Genre, t.PhDShort)
			if it.Publisher != "" {
				b.add(", ")
				b.rec(it.Publisher)
			}
		})
	case it.Type == "webpage" || strings.HasPrefix(it.Type, "post"):
		if s := firstNonEmpty(it.ContainerTitle, it.Publisher); s != "" {
			sentence(func() { b.rec(s) })
		}
		if it.Issued.Month != 0 {
			// A sentence of its own: "Septiembre de 2022."
			sentence(func() { b.add(capitalizeFirst(t.fullDate(it.Issued))) })
		}
	default:
		if editors := it.Editor; len(editors) > 0 && len(it.Author) > 0 {
			sentence(func() { b.add(capitalizeFirst(t.EditedBy) + " "); b.chicagoPlainNames(editors) })
		}
		if it.Edition != "" {
			sentence(func() { b.edition(it.Edition) })
		}
		if it.Volume != "" {
			sentence(func() { b.add(t.Vol + " "); b.id(it.Volume) })
		}
		// A series that the title already names ("Facts and Figures 2025"
		// in "Facts and Figures") is not repeated.
		if it.CollectionTitle != "" && !strings.HasPrefix(strings.ToLower(it.Title), strings.ToLower(it.CollectionTitle)) {
			sentence(func() { b.rec(joinNonEmpty(" ", tc(it.CollectionTitle), it.CollectionNumber)) })
		}
		if it.Number != "" {
			if it.Genre != "" {
				sentence(func() { b.rec(it.Genre); b.add(" "); b.id(it.Number) })
			} else {
				sentence(func() { b.add(t.Report + " " + t.No + " "); b.id(it.Number) })
			}
		} else if it.Genre != "" && it.Type != "dataset" {
			sentence(func() { b.rec(it.Genre) })
		}
		if it.Version != "" {
			sentence(func() { b.add(t.Version + " "); b.id(it.Version) })
		}
		place()
	}
	if it.Issued.IsZero() && it.Accessed.Year != 0 {
		sentence(func() { b.add(t.Accessed + " " + t.fullDate(it.Accessed)) })
	}
	switch {
	case it.DOI != "":
		b.space()
		b.link(doiURL(it.DOI))
		b.add(".")
	case it.URL != "":
		b.space()
		b.link(it.URL)
		b.add(".")
	}
	return b.citation()
}

// chicagoName writes the first name of a list inverted ("Gogh, Vincent
// van"), the others in reading order.
func chicagoName(n Name, inverted bool) string {
	if n.Literal != "" {
		return n.Literal
	}
	if inverted {
		return joinNonEmpty(", ", n.Family, joinNonEmpty(" ", n.Given, n.DroppingParticle, n.NonDroppingParticle), n.Suffix)
	}
	return joinNonEmpty(" ", n.Given, n.DroppingParticle, n.NonDroppingParticle, n.Family, n.Suffix)
}

func (b *builder) chicagoNames(ns []Name) {
	etAl := len(ns) > 1 && ns[len(ns)-1].IsOthers()
	if etAl {
		ns = ns[:len(ns)-1]
	}
	if len(ns) > 10 {
		ns, etAl = ns[:7], true
	}
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = chicagoName(n, i == 0)
	}
	if etAl {
		b.etAl(s, ", ")
		return
	}
	b.list(s, b.t.And, b.t.SerialComma, ns[0].Literal == "")
}

// chicagoPlainNames adds editors in reading order: "A, B, and C".
func (b *builder) chicagoPlainNames(ns []Name) {
	var s []string
	etAl := false
	for _, n := range ns {
		if n.IsOthers() {
			etAl = true
			continue
		}
		s = append(s, chicagoName(n, false))
	}
	if etAl {
		b.etAl(s, " ")
		return
	}
	b.list(s, b.t.And, b.t.SerialComma, false)
}

// chicagoPages abbreviates a page range as the Chicago Manual (9.64)
// does: 71–72, 100–104, 101–8, 321–28, 498–532, 1087–89, 1496–1504.
func chicagoPages(p string) string {
	a, z, ok := strings.Cut(p, "-")
	first, err1 := strconv.Atoi(a)
	last, err2 := strconv.Atoi(z)
	if !ok || err1 != nil || err2 != nil || last <= first || len(a) != len(z) || first < 100 || first%100 == 0 {
		return dashPages(p)
	}
	keep := 2 // 110 through 199 in each hundred: two digits or more
	if first%100 < 10 {
		keep = 1 // 101 through 109: only the changed part
	}
	n := len(z)
	for keep < n && a[:n-keep] != z[:n-keep] {
		keep++
	}
	if n == 4 && keep >= 3 {
		keep = n // four digits, three of them changed: all digits
	}
	return a + "–" + z[n-keep:]
}

// stopWords stay lowercase in English title case unless they start the
// title or a subtitle, or end it.
var stopWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "but": true, "by": true, "down": true,
	"for": true, "from": true, "in": true, "into": true, "nor": true, "of": true, "on": true, "onto": true,
	"or": true, "over": true, "so": true, "the": true, "till": true, "to": true, "up": true, "via": true,
	"with": true, "yet": true, "vs": true, "per": true,
}

// titleCase applies headline-style capitalisation as CSL does for English:
// lowercase words get a capital, stop words are lowercased except first,
// last and after a colon, and words with capitals or in a protected phrase
// keep their case.
func titleCase(s string, nocase []string) string {
	if s == "" {
		return s
	}
	protected := make([]bool, len(s))
	for _, sp := range protectedRanges(s, nocase) {
		for k := sp[0]; k < sp[1]; k++ {
			protected[k] = true
		}
	}
	type word struct{ start, end int }
	var words []word
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				words = append(words, word{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, word{start, len(s)})
	}
	var b strings.Builder
	prev := 0
	afterColon := true
	for wi, w := range words {
		b.WriteString(s[prev:w.start])
		prev = w.end
		text := s[w.start:w.end]
		first, last := afterColon, wi == len(words)-1
		afterColon = strings.HasSuffix(text, ":") || strings.HasSuffix(text, "?") || strings.HasSuffix(text, "!") ||
			text == "–" || text == "—" // "Measuring Digital Development – The ICT Development Index"
		if protected[w.start] {
			b.WriteString(text)
			continue
		}
		core := strings.TrimFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		lower := strings.ToLower(core)
		switch {
		case stopWords[lower] && !first && !last:
			if core == lower || isCapitalised(core) {
				b.WriteString(strings.Replace(text, core, lower, 1))
			} else {
				b.WriteString(text)
			}
		case core != "" && core == lower:
			b.WriteString(capitalise(text))
		case firstPart(core) != "" && firstPart(core) == strings.ToLower(firstPart(core)):
			// "telecommunications/ICT": the lowercase word before the
			// slash still takes a capital.
			b.WriteString(capitalise(text))
		default:
			b.WriteString(text)
		}
	}
	b.WriteString(s[prev:])
	return b.String()
}

// firstPart is a compound word up to its first slash or hyphen.
func firstPart(w string) string {
	if i := strings.IndexAny(w, "/-"); i > 0 {
		return w[:i]
	}
	return ""
}

// isCapitalised reports whether w is "The": one capital, then lowercase.
func isCapitalised(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && strings.ToLower(w[size:]) == w[size:]
}

// capitalise uppercases the first letter of a word, after any leading
// punctuation: "(draft" becomes "(Draft".
func capitalise(w string) string {
	for i, r := range w {
		if unicode.IsLetter(r) {
			return w[:i] + string(unicode.ToUpper(r)) + w[i+utf8.RuneLen(r):]
		}
		if unicode.IsDigit(r) {
			return w
		}
	}
	return w
}

// protectedRanges returns the byte ranges of s that protected phrases
// cover.
func protectedRanges(s string, nocase []string) [][2]int {
	var out [][2]int
	off := 0
	for _, sp := range protectedSpans(s, nocase) {
		if sp.protected {
			out = append(out, [2]int{off, off + len(sp.text)})
		}
		off += len(sp.text)
	}
	return out
}
