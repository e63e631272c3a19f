package biblio

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestTermsComplete checks that every word the two styles use exists in
// every citation language, and that no language but English uses an
// English word where the locale merely left a placeholder: words the same
// as English must be listed here as what the language really writes.
func TestTermsComplete(t *testing.T) {
	sameAsEnglish := map[string]string{
		"es": "Amp Ed Eds Edition Vol P PP",
		"fr": "Amp EtAl In Version Vol P",
		"ar": "Amp", "ru": "Amp", "zh": "Amp",
	}
	en := reflect.ValueOf(*termsFor("en"))
	for _, lang := range CitationLanguages() {
		v := reflect.ValueOf(*termsFor(lang))
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Type.Kind() != reflect.String {
				continue
			}
			s := v.Field(i).String()
			if s == "" {
				t.Errorf("%s: no %s", lang, f.Name)
			}
			if lang != "en" && strings.EqualFold(s, en.Field(i).String()) && !strings.Contains(" "+sameAsEnglish[lang]+" ", " "+f.Name+" ") {
				t.Errorf("%s: %s is the English %q (a placeholder in the locale? add an override)", lang, f.Name, s)
			}
		}
		tm := termsFor(lang)
		for m := range 12 {
			if tm.months[m] == "" || tm.monthsGenitive[m] == "" {
				t.Errorf("%s: month %d has no name", lang, m+1)
			}
		}
		if len(tm.textDate) != 3 {
			t.Errorf("%s: the text date has %d parts", lang, len(tm.textDate))
		}
	}
}

func TestOrdinals(t *testing.T) {
	for _, c := range []struct {
		lang, gender string
		n            int
		want         string
	}{
		{"en", "", 1, "1st"}, {"en", "", 2, "2nd"}, {"en", "", 3, "3rd"}, {"en", "", 4, "4th"},
		{"en", "", 11, "11th"}, {"en", "", 12, "12th"}, {"en", "", 13, "13th"}, {"en", "", 21, "21st"},
		{"en", "", 102, "102nd"}, {"en", "", 111, "111th"},
		{"fr", "feminine", 1, "1ʳᵉ"}, {"fr", "masculine", 1, "1ᵉʳ"}, {"fr", "", 1, "1ᵉ"}, {"fr", "feminine", 21, "21ᵉ"},
		{"es", "", 2, "2.ª"}, {"ru", "", 2, "2-е"}, {"ru", "masculine", 3, "3-й"},
		{"ar", "feminine", 2, "2"}, {"zh", "", 2, "2"},
	} {
		if got := termsFor(c.lang).c.ordinal(c.n, c.gender); got != c.want {
			t.Errorf("%s %s %d: got %q, want %q", c.lang, c.gender, c.n, got, c.want)
		}
	}
	for lang, want := range map[string]string{"en": "2nd ed.", "fr": "2ᵉ éd.", "es": "2.ª ed.", "ar": "2 ط", "ru": "2-е изд.", "zh": "2 版"} {
		if got, _ := termsFor(lang).edition("2"); got != want {
			t.Errorf("%s edition 2: got %q, want %q", lang, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	d := Date{Year: 2021, Month: 5, Day: 3}
	for lang, want := range map[string][3]string{
		"en": {"May 3, 2021", "May 2021", "May 3"},
		"fr": {"3 mai 2021", "mai 2021", "3 mai"},
		"es": {"3 de mayo de 2021", "mayo de 2021", "3 de mayo"},
		"ar": {"3 مايو، 2021", "مايو، 2021", "3 مايو"},
		"ru": {"3 мая 2021 г.", "май 2021 г.", "3 мая"},
		"zh": {"2021年5月3日", "2021年5月", "5月3日"},
	} {
		tm := termsFor(lang)
		got := [3]string{
			tm.date(d, withYear|withMonth|withDay),
			tm.date(Date{Year: 2021, Month: 5}, withYear|withMonth|withDay),
			tm.date(d, withMonth|withDay),
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", lang, got, want)
		}
	}
	if got := termsFor("fr").fullDate(Date{Literal: "printemps 2020"}); got != "printemps 2020" {
		t.Errorf("literal date: %q", got)
	}
}

// TestArabicCitationHTML checks the markup that makes an Arabic citation of
// an English record read right to left: the record's runs in English,
// isolated left to right, and identifiers and links isolated too.
func TestArabicCitationHTML(t *testing.T) {
	it := readOne(t, `@report{r, author = {{International Telecommunication Union}}, title = {Measuring digital development},
	  institution = {ITU}, number = {D-IND-1}, year = 2024, url = {https://www.itu.int/pub/D-IND-1}}`)
	c := FormatAPA(it, "ar")
	want := `<span lang="en" dir="ltr">International Telecommunication Union</span>. (2024). ` +
		`<i lang="en" dir="ltr">Measuring digital development</i> (تقرير رقم <span dir="ltr">D-IND-1</span>). ` +
		`<span lang="en" dir="ltr">ITU</span>. <a href="https://www.itu.int/pub/D-IND-1" dir="ltr">https://www.itu.int/pub/D-IND-1</a>`
	if c.HTML != want {
		t.Errorf("HTML\n got %s\nwant %s", c.HTML, want)
	}
	wantText := "\u2066International Telecommunication Union\u2069. (2024). \u2066Measuring digital development\u2069 (تقرير رقم \u2066D-IND-1\u2069). \u2066ITU\u2069. \u2066https://www.itu.int/pub/D-IND-1\u2069"
	if c.Text != wantText {
		t.Errorf("Text\n got %q\nwant %q", c.Text, wantText)
	}
	// The English citation of the same record needs no marks at all.
	if h := FormatAPA(it, "en").HTML; strings.Contains(h, "lang=") || strings.Contains(h, "dir=") {
		t.Errorf("English citation marked: %s", h)
	}
	// A record's own bidirectional controls cannot reorder the citation.
	it.Title = "Measuring\u202e digital"
	if c := FormatChicago(it, "ar"); strings.Contains(c.Text, "\u202e") {
		t.Errorf("an override character survived: %q", c.Text)
	}
}

// TestVendoredLocales checks that locales/README.md names every vendored
// file and the commit they came from, and that each file is the locale of
// its language.
func TestVendoredLocales(t *testing.T) {
	readme, err := os.ReadFile("locales/README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`commit [0-9a-f]{40}`).Match(readme) {
		t.Error("locales/README.md does not name the commit the files come from")
	}
	entries, err := localeFiles.ReadDir("locales")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(localeFile) {
		t.Errorf("%d locale files vendored, %d used", len(entries), len(localeFile))
	}
	for lang, name := range localeFile {
		if !strings.Contains(string(readme), name) {
			t.Errorf("locales/README.md does not name %s", name)
		}
		src, err := localeFiles.ReadFile("locales/" + name)
		if err != nil {
			t.Fatal(err)
		}
		l, err := parseLocale(src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if baseLang(l.lang) != lang {
			t.Errorf("%s is the locale of %q, not %q", name, l.lang, lang)
		}
	}
}
