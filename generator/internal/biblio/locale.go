package biblio

import (
	"embed"
	"encoding/xml"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The citation terms of each language are the Citation Style Language
// project's own locale files (locales/, CC BY-SA 3.0), read with the CSL
// 1.0.2 locale schema, and a short table of our own (overrides.xml) for
// the words APA and Chicago need that a locale lacks or leaves in English.

//go:embed locales/locales-*.xml
var localeFiles embed.FS

//go:embed overrides.xml
var overridesXML []byte

// localeFile names the vendored locale of each language we cite in. APA
// and Chicago are American styles: their English is en-US.
var localeFile = map[string]string{
	"en": "locales-en-US.xml", "fr": "locales-fr-FR.xml", "es": "locales-es-ES.xml",
	"ar": "locales-ar.xml", "ru": "locales-ru-RU.xml", "zh": "locales-zh-CN.xml",
}

// cslLocale is a <locale> element: a locale file, or one block of
// overrides.xml.
type cslLocale struct {
	Lang         string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	StyleOptions *struct {
		PunctuationInQuote string `xml:"punctuation-in-quote,attr"`
	} `xml:"style-options"`
	Dates []struct {
		Form  string        `xml:"form,attr"`
		Parts []cslDatePart `xml:"date-part"`
	} `xml:"date"`
	Terms []cslTerm `xml:"terms>term"`
}

type cslDatePart struct {
	Name   string `xml:"name,attr"`
	Form   string `xml:"form,attr"`
	Prefix string `xml:"prefix,attr"`
	Suffix string `xml:"suffix,attr"`
}

type cslTerm struct {
	Name       string  `xml:"name,attr"`
	Form       string  `xml:"form,attr"`
	Gender     string  `xml:"gender,attr"`
	GenderForm string  `xml:"gender-form,attr"`
	Match      string  `xml:"match,attr"`
	Text       string  `xml:",chardata"`
	Single     *string `xml:"single"`
	Multiple   *string `xml:"multiple"`
}

type termKey struct{ name, form, genderForm string }

type termValue struct {
	single, multiple string
	gender           string // of the noun, for its ordinals
	match            string // of an ordinal term
}

// locale is one parsed <locale>: its terms, text date and options.
type locale struct {
	lang       string
	terms      map[termKey]termValue
	ordinals   bool // it defines ordinal terms, which then replace every fallback's
	textDate   []cslDatePart
	quotePunct string // punctuation-in-quote: "true", "false", or "" when not given
}

func parseLocale(src []byte) (*locale, error) {
	var x cslLocale
	if err := xml.Unmarshal(src, &x); err != nil {
		return nil, err
	}
	return newLocale(x), nil
}

func newLocale(x cslLocale) *locale {
	l := &locale{lang: x.Lang, terms: map[termKey]termValue{}}
	if x.StyleOptions != nil {
		l.quotePunct = x.StyleOptions.PunctuationInQuote
	}
	for _, d := range x.Dates {
		if d.Form == "text" {
			l.textDate = d.Parts
		}
	}
	for _, t := range x.Terms {
		form := t.Form
		if form == "" {
			form = "long"
		}
		v := termValue{gender: t.Gender, match: t.Match}
		if t.Single != nil || t.Multiple != nil {
			v.single, v.multiple = deref(t.Single), deref(t.Multiple)
		} else {
			v.single = trimXMLSpace(t.Text)
			v.multiple = v.single
		}
		l.terms[termKey{t.Name, form, t.GenderForm}] = v
		if t.Name == "ordinal" || strings.HasPrefix(t.Name, "ordinal-") {
			l.ordinals = true
		}
	}
	return l
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return trimXMLSpace(*s)
}

// trimXMLSpace trims the layout around a term's text, but not a no-break
// space, which is part of the term ("«\u00a0").
func trimXMLSpace(s string) string { return strings.Trim(s, " \t\r\n") }

// chain is a language's locales, most specific first: our overrides, the
// CSL locale, then (as CSL falls back) our English overrides and en-US.
type chain []*locale

// formFallback is CSL's order of forms: a missing verb-short is the verb,
// a missing short the long form, a missing symbol the short form.
var formFallback = map[string][]string{
	"long": {"long"}, "short": {"short", "long"}, "verb": {"verb", "long"},
	"verb-short": {"verb-short", "verb", "long"}, "symbol": {"symbol", "short", "long"},
}

// lookup finds a term: each locale of the chain in turn, and in each the
// forms in CSL's fallback order.
func (c chain) lookup(name, form string) (termValue, bool) {
	// A symbol is the same in every language ("&"): a locale's long "and"
	// is not one.
	if form == "symbol" {
		for _, l := range c {
			if v, ok := l.terms[termKey{name, form, ""}]; ok {
				return v, true
			}
		}
	}
	for _, l := range c {
		for _, f := range formFallback[form] {
			if v, ok := l.terms[termKey{name, f, ""}]; ok {
				return v, true
			}
		}
	}
	return termValue{}, false
}

// term is a term's singular (or, with plural, its plural) in form.
func (c chain) term(name, form string, plural bool) string {
	v, _ := c.lookup(name, form)
	if plural {
		return v.multiple
	}
	return v.single
}

// ordinal writes n with the ordinal suffix of a noun of gender: CSL's
// rules, in which ordinal-10 to ordinal-99 match the last two digits,
// ordinal-00 to ordinal-09 the last digit (unless their match attribute
// says otherwise), and "ordinal" everything else. The ordinal terms come
// from the first locale of the chain that defines any.
func (c chain) ordinal(n int, gender string) string {
	var l *locale
	for _, x := range c {
		if x.ordinals {
			l = x
			break
		}
	}
	if l == nil {
		return strconv.Itoa(n)
	}
	get := func(name string) (termValue, bool) {
		if v, ok := l.terms[termKey{name, "long", gender}]; ok && gender != "" {
			return v, true
		}
		v, ok := l.terms[termKey{name, "long", ""}]
		return v, ok
	}
	matches := func(name string, digits int) (string, bool) {
		v, ok := get(name)
		if !ok {
			return "", false
		}
		want, _ := strconv.Atoi(strings.TrimPrefix(name, "ordinal-"))
		match := v.match
		if match == "" {
			match = map[int]string{1: "last-digit", 2: "last-two-digits"}[digits]
		}
		switch match {
		case "whole-number":
			return v.single, n == want
		case "last-two-digits":
			return v.single, n%100 == want
		}
		return v.single, n%10 == want
	}
	if s, ok := matches(fmt.Sprintf("ordinal-%02d", n%100), 2); ok && n%100 >= 10 {
		return strconv.Itoa(n) + s
	}
	if s, ok := matches(fmt.Sprintf("ordinal-%02d", n%10), 1); ok {
		return strconv.Itoa(n) + s
	}
	v, _ := get("ordinal")
	return strconv.Itoa(n) + v.single
}

// capitalizeFirst is CSL's text-case="capitalize-first": the first letter
// becomes a capital if it is a lowercase one.
func capitalizeFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// citationTerms are the terms of each language of localeFile.
var citationTerms = map[string]*terms{}

func init() {
	var over struct {
		Locales []cslLocale `xml:"locale"`
	}
	if err := xml.Unmarshal(overridesXML, &over); err != nil {
		panic("biblio: overrides.xml: " + err.Error())
	}
	overrides := map[string]*locale{}
	for _, x := range over.Locales {
		overrides[x.Lang] = newLocale(x)
	}
	read := func(lang string) *locale {
		src, err := localeFiles.ReadFile("locales/" + localeFile[lang])
		if err != nil {
			panic("biblio: " + err.Error())
		}
		l, err := parseLocale(src)
		if err != nil {
			panic("biblio: " + localeFile[lang] + ": " + err.Error())
		}
		return l
	}
	withOverrides := func(lang string, l *locale) chain {
		if o := overrides[lang]; o != nil {
			return chain{o, l}
		}
		return chain{l}
	}
	english := withOverrides("en", read("en"))
	for lang := range localeFile {
		c := english
		if lang != "en" {
			c = append(withOverrides(lang, read(lang)), english...)
		}
		citationTerms[lang] = newTerms(lang, c)
	}
}

func baseLang(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	return base
}

// CitationLanguages are the languages whose citation terms come from a
// CSL locale, sorted; citations in any other language use English terms.
func CitationLanguages() []string {
	return slices.Sorted(maps.Keys(localeFile))
}
