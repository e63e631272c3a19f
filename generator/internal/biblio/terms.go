package biblio

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// terms are the words and date patterns of one language as APA and
// Chicago use them, looked up once from the language's locales. Field
// comments name the CSL term (name, form) each comes from.
type terms struct {
	lang string
	rtl  bool
	c    chain

	And, Amp, EtAl, ND string // and; and (symbol); et-al; no date (short)
	// SerialComma puts a comma before the conjunction of three or more
	// names ("A, B, and C"; in APA also "A, & B"). It is English usage,
	// which no CSL locale records.
	SerialComma bool

	In                 string // in, capitalised
	Ed, Eds            string // editor (short)
	EditedBy           string // editor (verb)
	Report             string // report, capitalised
	No                 string // number (short)
	Version            string // version, capitalised
	Dataset            string // dataset, capitalised
	Edition            string // edition (short)
	editionGender      string // of edition, for its ordinal
	Vol                string // volume (short), capitalised
	Issue              string // issue (short)
	P, PP              string // page (short)
	Retrieved, From    string // retrieved, capitalised; from
	Accessed           string // accessed, capitalised
	Thesis             string // thesis, capitalised
	PhD, PhDShort      string // thesis-doctoral (ours): APA's long, Chicago's short
	Masters            string // thesis-masters (ours)
	OpenQ, CloseQ      string // open-quote, close-quote
	PunctuationInQuote bool   // style-options punctuation-in-quote

	months, monthsShort, monthsGenitive [12]string // month-01 ... month-12
	textDate                            []cslDatePart
}

func newTerms(lang string, c chain) *terms {
	capTerm := func(name, form string) string { return capitalizeFirst(c.term(name, form, false)) }
	t := &terms{
		lang: lang, rtl: isRTL(lang), c: c,
		And: c.term("and", "long", false), Amp: c.term("and", "symbol", false),
		EtAl: c.term("et-al", "long", false), ND: c.term("no date", "short", false),
		SerialComma: lang == "en",
		In:          capTerm("in", "long"),
		Ed:          c.term("editor", "short", false), Eds: c.term("editor", "short", true),
		EditedBy: c.term("editor", "verb", false),
		Report:   capTerm("report", "long"), No: c.term("number", "short", false),
		Version: capTerm("version", "long"), Dataset: capTerm("dataset", "long"),
		Edition: c.term("edition", "short", false),
		Vol:     capTerm("volume", "short"), Issue: c.term("issue", "short", false),
		P: c.term("page", "short", false), PP: c.term("page", "short", true),
		Retrieved: capTerm("retrieved", "long"), From: c.term("from", "long", false),
		Accessed: capTerm("accessed", "long"),
		Thesis:   capTerm("thesis", "long"),
		PhD:      c.term("thesis-doctoral", "long", false), PhDShort: c.term("thesis-doctoral", "short", false),
		Masters: c.term("thesis-masters", "long", false),
		OpenQ:   c.term("open-quote", "long", false), CloseQ: c.term("close-quote", "long", false),
	}
	if v, ok := c.lookup("edition", "short"); ok {
		t.editionGender = v.gender
	}
	if v, ok := c.lookup("edition", "long"); ok && t.editionGender == "" {
		t.editionGender = v.gender
	}
	for _, l := range c {
		if l.quotePunct != "" {
			t.PunctuationInQuote = l.quotePunct == "true"
			break
		}
	}
	for _, l := range c {
		if l.textDate != nil {
			t.textDate = l.textDate
			break
		}
	}
	for m := range 12 {
		name := fmt.Sprintf("month-%02d", m+1)
		t.months[m] = c.term(name, "long", false)
		t.monthsShort[m] = c.term(name, "short", false)
		t.monthsGenitive[m] = t.months[m]
		for _, l := range c {
			if v, ok := l.terms[termKey{name, "genitive", ""}]; ok {
				t.monthsGenitive[m] = v.single
				break
			}
		}
	}
	return t
}

// termsFor returns the terms of a language ("fr", "fr-CH"), English for a
// language without a CSL locale here.
func termsFor(lang string) *terms {
	if t, ok := citationTerms[baseLang(lang)]; ok {
		return t
	}
	return citationTerms["en"]
}

// isRTL reports whether a language is written right to left.
func isRTL(lang string) bool {
	switch baseLang(lang) {
	case "ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug":
		return true
	}
	return false
}

// edition writes an edition: "2" is the ordinal and the term ("2nd ed.",
// "2ᵉ éd.", "2-е изд."); any other value ("Rev.") is the record's own.
func (t *terms) edition(s string) (string, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return s, false
	}
	return t.c.ordinal(n, t.editionGender) + " " + t.Edition, true
}

// Date parts a date is written with.
const (
	withYear = 1 << iota
	withMonth
	withDay
)

// date writes the parts of d that parts asks for (and d has) in the
// locale's text date form: "May 3, 2021", "3 mai 2021", "2021年5月3日",
// or without the year "May 3", "3 de mayo". An affix that joined a part to
// one left out is dropped when it is punctuation or space (", ", " de ");
// one that starts with a letter is the part's own unit ("月") and stays.
func (t *terms) date(d Date, parts int) string {
	include := func(p cslDatePart) bool {
		switch p.Name {
		case "year":
			return parts&withYear != 0 && d.Year != 0
		case "month":
			return parts&withMonth != 0 && d.Month >= 1 && d.Month <= 12
		case "day":
			return parts&withDay != 0 && d.Day != 0 && d.Month != 0
		}
		return false
	}
	first, last := -1, -1
	dayBeforeMonth, seenDay := false, false
	for i, p := range t.textDate {
		if p.Name == "day" && include(p) {
			seenDay = true
		}
		if p.Name == "month" {
			dayBeforeMonth = seenDay
		}
		if include(p) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return d.Literal
	}
	var b strings.Builder
	for i := first; i <= last; i++ {
		p := t.textDate[i]
		if !include(p) {
			continue
		}
		prefix, suffix := p.Prefix, p.Suffix
		if i == first && i > 0 && separatorAffix(prefix) {
			prefix = ""
		}
		if i == last && i < len(t.textDate)-1 && separatorAffix(suffix) {
			suffix = ""
		}
		b.WriteString(prefix)
		switch p.Name {
		case "year":
			b.WriteString(strconv.Itoa(d.Year))
		case "month":
			b.WriteString(t.month(d.Month, p.Form, dayBeforeMonth))
		case "day":
			switch p.Form {
			case "numeric-leading-zeros":
				fmt.Fprintf(&b, "%02d", d.Day)
			case "ordinal":
				b.WriteString(t.c.ordinal(d.Day, ""))
			default:
				b.WriteString(strconv.Itoa(d.Day))
			}
		}
		b.WriteString(suffix)
	}
	return b.String()
}

// month writes a month in a date part's form; after a day, in the
// genitive where the language needs one ("3 мая").
func (t *terms) month(m int, form string, afterDay bool) string {
	switch form {
	case "numeric":
		return strconv.Itoa(m)
	case "numeric-leading-zeros":
		return fmt.Sprintf("%02d", m)
	case "short":
		return t.monthsShort[m-1]
	}
	if afterDay {
		return t.monthsGenitive[m-1]
	}
	return t.months[m-1]
}

func separatorAffix(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && (unicode.IsSpace(r) || unicode.IsPunct(r))
}
