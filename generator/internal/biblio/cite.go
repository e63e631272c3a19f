package biblio

import (
	_ "embed"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Citation is one formatted reference-list entry.
type Citation struct {
	Text string // plain text
	HTML string // every text escaped; titles in <i>, DOI and URL as links
}

//go:embed terms.json
var termsJSON []byte

type terms struct {
	And, Amp, EtAl, ND        string
	SerialComma               bool // "A, B, and C"; in English also "Smith, J., & Doe, J."
	Months                    [12]string
	APADate, APAMonth         string
	ChicagoDate, ChicagoMonth string
	APA                       struct{ Ed, Eds, In, ReportNo, No, Version, Dataset, Edition, Vol, P, PP, Retrieved, PhD, Masters, Thesis string }
	Chicago                   struct{ EditedBy, EditedByCap, Ed, Eds, In, ReportNo, Version, Accessed, Edition, Vol, PhD, Masters, Thesis string }
}

var allTerms = func() map[string]*terms {
	m := map[string]*terms{}
	if err := json.Unmarshal(termsJSON, &m); err != nil {
		panic("biblio: terms.json: " + err.Error())
	}
	return m
}()

// termsFor returns the terms for a language ("fr", "fr-CH"), falling back
// to English for languages terms.json does not have yet.
func termsFor(lang string) *terms {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	if t, ok := allTerms[base]; ok {
		return t
	}
	return allTerms["en"]
}

func (t *terms) date(pattern string, d Date) string {
	s := strings.ReplaceAll(pattern, "{y}", strconv.Itoa(d.Year))
	s = strings.ReplaceAll(s, "{m}", t.Months[d.Month-1])
	return strings.ReplaceAll(s, "{d}", strconv.Itoa(d.Day))
}

// builder assembles a citation as runs of text, italics and links, so the
// plain and HTML forms always say the same thing.
type builder struct {
	segs []seg
}

type seg struct {
	text, href string
	italic     bool
}

func (b *builder) add(s string) {
	if s != "" {
		b.segs = append(b.segs, seg{text: s})
	}
}

func (b *builder) italic(s string) {
	if s != "" {
		b.segs = append(b.segs, seg{text: s, italic: true})
	}
}

// link adds a URL; only http and https become links.
func (b *builder) link(url string) {
	if url == "" {
		return
	}
	l := strings.ToLower(url)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") {
		b.segs = append(b.segs, seg{text: url, href: url})
	} else {
		b.add(url)
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

func (b *builder) citation() Citation {
	var t, h strings.Builder
	for _, s := range b.segs {
		t.WriteString(s.text)
		e := html.EscapeString(s.text)
		switch {
		case s.href != "":
			h.WriteString(`<a href="` + html.EscapeString(s.href) + `">` + e + `</a>`)
		case s.italic:
			h.WriteString("<i>" + e + "</i>")
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

// joinList joins names with commas and a conjunction before the last;
// two names take a comma only after an inverted personal name.
func joinList(s []string, conj string, serial, twoComma bool) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	case 2:
		if twoComma && serial {
			return s[0] + ", " + conj + " " + s[1]
		}
		return s[0] + " " + conj + " " + s[1]
	}
	sep := " "
	if serial {
		sep = ", "
	}
	return strings.Join(s[:len(s)-1], ", ") + sep + conj + " " + s[len(s)-1]
}

func thesisKind(genre string, phd, masters, thesis string) string {
	g := strings.ToLower(genre)
	switch {
	case strings.Contains(g, "phd") || strings.Contains(g, "doctor") || strings.Contains(g, "dissertation"):
		return phd
	case strings.Contains(g, "master"):
		return masters
	case genre != "":
		return genre
	}
	return thesis
}

// FormatAPA formats an item as an APA 7 reference-list entry, with terms
// in lang where terms.json has them (English otherwise).
func FormatAPA(it *Item, lang string) Citation {
	t := termsFor(lang)
	var b builder
	names, editors := it.names()
	title := func() {
		if italicTitle(it.Type) {
			b.italic(it.Title)
		} else {
			b.add(it.Title)
		}
		var paren []string
		if !isPart(it.Type) {
			if it.Edition != "" {
				paren = append(paren, edition(it.Edition)+" "+t.APA.Edition)
			}
			if it.Volume != "" && !isArticle(it.Type) {
				paren = append(paren, t.APA.Vol+" "+it.Volume)
			}
		}
		switch {
		case it.Type == "report" && it.Number != "":
			if it.Genre != "" {
				paren = append(paren, it.Genre+" "+t.APA.No+" "+it.Number)
			} else {
				paren = append(paren, t.APA.ReportNo+" "+it.Number)
			}
		case it.Number != "" && !isArticle(it.Type):
			paren = append(paren, t.APA.No+" "+it.Number)
		}
		if it.Version != "" {
			paren = append(paren, t.APA.Version+" "+it.Version)
		}
		if len(paren) > 0 {
			b.add(" (" + strings.Join(paren, ", ") + ")")
		}
		switch {
		case it.Type == "dataset":
			b.add(" [" + t.APA.Dataset + "]")
		case it.Type == "thesis":
			b.add(" [" + joinNonEmpty(", ", thesisKind(it.Genre, t.APA.PhD, t.APA.Masters, t.APA.Thesis), it.Publisher) + "]")
		case it.Type == "report" && it.Genre != "" && it.Number == "":
			b.add(" [" + it.Genre + "]")
		}
		b.period()
	}
	date := func() {
		b.add("(" + apaDate(it, t) + ").")
	}
	if len(names) > 0 {
		b.add(apaNames(names, t))
		if editors {
			if len(names) == 1 {
				b.add(" (" + t.APA.Ed + ")")
			} else {
				b.add(" (" + t.APA.Eds + ")")
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
				b.italic(it.Volume)
			}
			if it.Issue != "" {
				if it.Volume == "" {
					b.add(", ")
				}
				b.add("(" + it.Issue + ")")
			}
			if it.Page != "" {
				b.add(", " + dashPages(it.Page))
			}
			b.period()
		}
	case isPart(it.Type):
		b.space()
		b.add(t.APA.In + " ")
		if len(it.Editor) > 0 && len(it.Author) > 0 {
			b.add(apaEditors(it.Editor, t) + " (")
			if len(it.Editor) == 1 {
				b.add(t.APA.Ed + "), ")
			} else {
				b.add(t.APA.Eds + "), ")
			}
		}
		b.italic(it.ContainerTitle)
		var paren []string
		if it.Edition != "" {
			paren = append(paren, edition(it.Edition)+" "+t.APA.Edition)
		}
		if it.Volume != "" {
			paren = append(paren, t.APA.Vol+" "+it.Volume)
		}
		if it.Page != "" {
			pp := t.APA.PP
			if !strings.Contains(it.Page, "-") {
				pp = t.APA.P
			}
			paren = append(paren, pp+" "+dashPages(it.Page))
		}
		if len(paren) > 0 {
			b.add(" (" + strings.Join(paren, ", ") + ")")
		}
		b.period()
		if it.Publisher != "" && !sameOrg(it.Publisher, it.Author) {
			b.space()
			b.add(it.Publisher)
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
			b.add(source)
			b.period()
		}
	}

	if it.DOI != "" {
		b.space()
		b.link(doiURL(it.DOI))
	} else if it.URL != "" {
		b.space()
		if it.Issued.IsZero() && it.Accessed.Year != 0 && it.Accessed.Month != 0 {
			b.add(strings.Replace(t.APA.Retrieved, "{date}", chicagoDate(it.Accessed, t), 1) + " ")
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

// edition turns "2" into "2nd"; other values ("Rev.") stay as they are.
func edition(s string) string {
	n, err := strconv.Atoi(s)
	if err != nil {
		return s
	}
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return s + suffix
}

// dashPages writes a page range with an en dash.
func dashPages(p string) string { return strings.ReplaceAll(p, "-", "–") }

// apaDate is the date in an APA reference: the year, or the full date for
// web pages, posts and news.
func apaDate(it *Item, t *terms) string {
	d := it.Issued
	switch {
	case d.Year == 0 && d.Literal != "":
		return d.Literal
	case d.Year == 0:
		return t.ND
	}
	switch it.Type {
	case "webpage", "post", "post-weblog", "article-magazine", "article-newspaper", "broadcast", "speech", "interview":
		if d.Month != 0 && d.Day != 0 {
			return t.date(t.APADate, d)
		}
		if d.Month != 0 {
			return t.date(t.APAMonth, d)
		}
	}
	return strconv.Itoa(d.Year)
}

// chicagoDate is a full date in running text: "May 3, 2021".
func chicagoDate(d Date, t *terms) string {
	switch {
	case d.Year == 0:
		return d.Literal
	case d.Month == 0:
		return strconv.Itoa(d.Year)
	case d.Day == 0:
		return t.date(t.ChicagoMonth, d)
	}
	return t.date(t.ChicagoDate, d)
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

func apaNames(ns []Name, t *terms) string {
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
		return strings.Join(s, ", ") + ", " + t.EtAl
	case len(s) <= 20:
		return joinList(s, t.Amp, t.SerialComma, ns[0].Literal == "")
	}
	return strings.Join(s[:19], ", ") + ", . . . " + s[len(s)-1]
}

// apaEditors writes editors of a book in "In ..." position: initials first.
func apaEditors(ns []Name, t *terms) string {
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
		return strings.Join(s, ", ") + ", " + t.EtAl
	}
	return joinList(s, t.Amp, t.SerialComma, false)
}

// FormatChicago formats an item as a Chicago (17th edition) author-date
// reference-list entry. English titles are set in headline-style title
// case, leaving protected phrases alone.
func FormatChicago(it *Item, lang string) Citation {
	t := termsFor(lang)
	var b builder
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
		if r, _ := utf8.DecodeLastRuneInString(ti); r == '?' || r == '!' {
			b.add("“" + ti + "”")
		} else {
			b.add("“" + ti + ".”")
		}
	}
	year := func() {
		switch {
		case it.Issued.Year != 0:
			b.add(strconv.Itoa(it.Issued.Year) + ".")
		case it.Issued.Literal != "":
			b.add(it.Issued.Literal)
			b.period()
		default:
			b.add(t.ND)
		}
	}
	if len(names) > 0 {
		b.add(chicagoNames(names, t))
		if editors {
			b.add(", ")
			if len(names) == 1 {
				b.add(t.Chicago.Ed)
			} else {
				b.add(t.Chicago.Eds)
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
	sentence := func(s string) {
		if s != "" {
			b.space()
			b.add(s)
			b.period()
		}
	}
	place := func() {
		sentence(joinNonEmpty(": ", it.PublisherPlace, it.Publisher))
	}

	switch {
	case isArticle(it.Type):
		if it.ContainerTitle != "" {
			b.space()
			b.italic(tc(it.ContainerTitle))
			if it.Volume != "" {
				b.add(" " + it.Volume)
			}
			if it.Issue != "" {
				if it.Volume != "" {
					b.add(" (" + it.Issue + ")")
				} else {
					b.add(", no. " + it.Issue)
				}
			}
			if it.Page != "" {
				if it.Volume != "" || it.Issue != "" {
					b.add(": ")
				} else {
					b.add(", ")
				}
				b.add(chicagoPages(it.Page))
			}
			b.period()
		}
	case isPart(it.Type):
		b.space()
		b.add(t.Chicago.In + " ")
		b.italic(tc(it.ContainerTitle))
		if len(it.Editor) > 0 && len(it.Author) > 0 {
			b.add(", " + t.Chicago.EditedBy + " " + chicagoPlainNames(it.Editor, t))
		}
		if it.Page != "" {
			b.add(", " + chicagoPages(it.Page))
		}
		b.period()
		place()
	case it.Type == "thesis":
		sentence(joinNonEmpty(", ", thesisKind(it.Genre, t.Chicago.PhD, t.Chicago.Masters, t.Chicago.Thesis), it.Publisher))
	case it.Type == "webpage" || strings.HasPrefix(it.Type, "post"):
		sentence(firstNonEmpty(it.ContainerTitle, it.Publisher))
		if it.Issued.Month != 0 {
			sentence(chicagoDate(it.Issued, t))
		}
	default:
		if editors := it.Editor; len(editors) > 0 && len(it.Author) > 0 {
			sentence(t.Chicago.EditedByCap + " " + chicagoPlainNames(editors, t))
		}
		if it.Edition != "" {
			sentence(edition(it.Edition) + " " + t.Chicago.Edition)
		}
		if it.Volume != "" {
			sentence(t.Chicago.Vol + " " + it.Volume)
		}
		// A series that the title already names ("Facts and Figures 2025"
		// in "Facts and Figures") is not repeated.
		if !strings.HasPrefix(strings.ToLower(it.Title), strings.ToLower(it.CollectionTitle)) {
			sentence(joinNonEmpty(" ", tc(it.CollectionTitle), it.CollectionNumber))
		}
		if it.Number != "" {
			if it.Genre != "" {
				sentence(it.Genre + " " + it.Number)
			} else {
				sentence(t.Chicago.ReportNo + " " + it.Number)
			}
		} else if it.Genre != "" && it.Type != "dataset" {
			sentence(it.Genre)
		}
		if it.Version != "" {
			sentence(t.Chicago.Version + " " + it.Version)
		}
		place()
	}
	if it.Issued.IsZero() && it.Accessed.Year != 0 {
		sentence(t.Chicago.Accessed + " " + chicagoDate(it.Accessed, t))
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

func chicagoNames(ns []Name, t *terms) string {
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
		return strings.Join(s, ", ") + ", " + t.EtAl
	}
	return joinList(s, t.And, t.SerialComma, ns[0].Literal == "")
}

// chicagoPlainNames writes editors in reading order: "A, B, and C".
func chicagoPlainNames(ns []Name, t *terms) string {
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
		return strings.Join(s, ", ") + " " + t.EtAl
	}
	return joinList(s, t.And, t.SerialComma, false)
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
