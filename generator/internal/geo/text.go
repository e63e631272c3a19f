package geo

import (
	_ "embed"
	"encoding/json"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/itu-d/portal/generator/internal/vocab"
)

// strings.json holds the few words a map says itself, in the six UN
// languages; region names match the site's i18n/ files (a test checks).
//
//go:embed strings.json
var stringsJSON []byte

type words struct {
	NoData  string `json:"noData"`
	Locator string `json:"locator"` // {country}, {region}
	Desc    string `json:"desc"`    // {n}, {min}, {max}, {missing}
	// DescSame is Desc when every country shown has the same value.
	DescSame string            `json:"descSame"` // {n}, {value}, {missing}
	Regions  map[string]string `json:"regions"`
}

var allWords = sync.OnceValue(func() map[string]words {
	var m map[string]words
	if err := json.Unmarshal(stringsJSON, &m); err != nil {
		panic("geo: strings.json: " + err.Error())
	}
	return m
})

// wordsFor returns the words of a language ("ar", "fr-CA"), English when
// there are none.
func wordsFor(lang string) words {
	b, _ := tag(lang).Base()
	if w, ok := allWords()[b.String()]; ok {
		return w
	}
	return allWords()["en"]
}

func tag(lang string) language.Tag {
	t, err := language.Parse(lang)
	if err != nil || lang == "" {
		return language.English
	}
	return t
}

// rtl reports whether the language is written right to left.
func rtl(lang string) bool {
	b, _ := tag(lang).Base()
	switch b.String() {
	case "ar", "fa", "he", "ur":
		return true
	}
	return false
}

// fill replaces {key} with values, given as key, value pairs.
func fill(pattern string, kv ...string) string {
	r := make([]string, 0, len(kv))
	for i := 0; i+1 < len(kv); i += 2 {
		r = append(r, "{"+kv[i]+"}", kv[i+1])
	}
	return strings.NewReplacer(r...).Replace(pattern)
}

// countryName is the country's name in the language ("Djibouti", "جيبوتي"),
// in English for a language CLDR has no names in (vocab.CountryName would
// panic on those, and on "").
func countryName(code, lang string) string {
	t := tag(lang)
	if display.Regions(t) == nil {
		t = language.English
	}
	return vocab.CountryName(code, t.String())
}

// numberFormat formats numbers the way the language writes them, with at
// most digits decimals.
func numberFormat(lang string, digits int) func(float64) string {
	p := message.NewPrinter(tag(lang))
	return func(v float64) string {
		return p.Sprint(number.Decimal(v, number.MaxFractionDigits(digits), number.MinFractionDigits(0)))
	}
}
