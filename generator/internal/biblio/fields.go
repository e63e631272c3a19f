package biblio

import (
	"strconv"
	"strings"
)

var monthNames = [12]string{"january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december"}

// parseMonth reads "5", "05", "May", "may." or "Mai" (a few languages).
func parseMonth(s string) int {
	s = strings.ToLower(strings.Trim(strings.TrimSpace(s), "."))
	if n, err := strconv.Atoi(s); err == nil {
		if n >= 1 && n <= 12 {
			return n
		}
		return 0
	}
	if len(s) < 3 {
		return 0
	}
	for i, m := range monthNames {
		if strings.HasPrefix(m, s) {
			return i + 1
		}
	}
	for i, m := range monthsOther {
		for _, name := range strings.Fields(m) {
			if s == name {
				return i + 1
			}
		}
	}
	return 0
}

// monthsOther holds month names in French, Spanish and German.
var monthsOther = [12]string{"janvier enero januar", "février fevrier febrero februar", "mars marzo märz", "avril abril",
	"mai mayo", "juin junio juni", "juillet julio juli", "août aout agosto", "septembre septiembre",
	"octobre octubre oktober", "novembre noviembre", "décembre decembre diciembre dezember"}

// parseISODate reads the dates of BibLaTeX's date field, RIS's DA and PY,
// and CSL-JSON's raw: "2021", "2021-05", "2021-05-03", "2021/05/03/",
// ranges ("2020/2021", keeping the start) and uncertain dates ("2021?").
func parseISODate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, "?~%")
	if s == "" {
		return Date{}, false
	}
	if i := strings.Index(s, "T"); i > 0 {
		s = s[:i]
	}
	sep := "-"
	if strings.Contains(s, "/") {
		if strings.Contains(s, "-") || isRange(s) {
			s, _, _ = strings.Cut(s, "/") // a range: keep its start
		} else {
			sep = "/" // RIS: 2021/05/03/other
		}
	}
	parts := strings.Split(s, sep)
	if sep == "/" && len(parts) > 3 {
		parts = parts[:3]
	}
	if len(parts) > 3 {
		return Date{}, false
	}
	var n [3]int
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" && i > 0 {
			break
		}
		v, err := strconv.Atoi(p)
		// A month or day written as 0 is no date ("2021-0"): read as a
		// year, it would not read back the same from an export.
		if err != nil || v < 0 || i == 0 && len(p) != 4 || i > 0 && (len(p) > 2 || v == 0) {
			return Date{}, false
		}
		n[i] = v
	}
	d := Date{Year: n[0], Month: n[1], Day: n[2]}
	if d.Year < 1 || d.Year > 9999 || d.Month > 12 || d.Day > 31 || d.Month == 0 && d.Day != 0 {
		return Date{}, false
	}
	return d, true
}

// isRange tells a year range "2020/2021" from a date "2021/05".
func isRange(s string) bool {
	a, b, ok := strings.Cut(s, "/")
	return ok && len(a) == 4 && len(b) == 4
}

// parseYear reads a year field: "2021", "{2021}", "2021a".
func parseYear(s string) (int, bool) {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == 0 || end > 4 || end < len(s) && end < 3 {
		return 0, false
	}
	y, _ := strconv.Atoi(s[:end])
	rest := strings.TrimSpace(s[end:])
	if len(rest) > 1 {
		return 0, false
	}
	return y, y > 0
}

// languages maps the babel/polyglossia names that BibLaTeX's langid uses
// to BCP 47 tags, and back.
var languages = map[string]string{
	"english": "en", "american": "en-US", "british": "en-GB", "french": "fr", "spanish": "es",
	"arabic": "ar", "russian": "ru", "chinese": "zh", "german": "de", "ngerman": "de",
	"portuguese": "pt", "brazilian": "pt-BR", "italian": "it", "dutch": "nl", "japanese": "ja",
	"korean": "ko", "swahili": "sw", "turkish": "tr", "polish": "pl", "swedish": "sv",
	"greek": "el", "hindi": "hi", "indonesian": "id", "vietnamese": "vi", "persian": "fa",
}

// normLanguage turns "english", "English" or "en" into "en".
func normLanguage(s string) string {
	s = strings.TrimSpace(s)
	if tag, ok := languages[strings.ToLower(s)]; ok {
		return tag
	}
	return s
}

// langID is the BibLaTeX langid for a BCP 47 tag, or "".
func langID(tag string) string {
	for name, t := range languages {
		if t == tag && name != "ngerman" {
			return name
		}
	}
	return ""
}

// isEnglish reports whether a language tag (or none) is English, so that
// English title case may be applied.
func isEnglish(tag string) bool {
	return tag == "" || tag == "en" || strings.HasPrefix(strings.ToLower(tag), "en-") || strings.EqualFold(tag, "english")
}

// splitKeywords splits a keyword list at commas or semicolons.
func splitKeywords(s string) []string {
	sep := ","
	if strings.Contains(s, ";") {
		sep = ";"
	}
	var out []string
	for _, k := range strings.Split(s, sep) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// bareDOI strips a resolver or "doi:" from a DOI.
func bareDOI(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:", "doi.org/"} {
		if strings.HasPrefix(s, p) {
			return strings.TrimSpace(s[len(p):])
		}
	}
	return s
}

// isISSN tells an ISSN (1234-567X) from an ISBN by its shape.
func isISSN(s string) bool {
	d := strings.ReplaceAll(strings.TrimSpace(s), "-", "")
	if len(d) != 8 {
		return false
	}
	for i, c := range d {
		if !(c >= '0' && c <= '9' || i == 7 && (c == 'X' || c == 'x')) {
			return false
		}
	}
	return true
}

// normPages writes a page range with a plain hyphen: "45-67".
func normPages(s string) string { return strings.TrimSpace(pageDashes.Replace(s)) }

var pageDashes = strings.NewReplacer("–", "-", "—", "-", "--", "-", " - ", "-")

// isArticle reports whether t is a periodical article, whose number is
// its issue.
func isArticle(t string) bool {
	return t == "article-journal" || t == "article-magazine" || t == "article-newspaper" || t == "article"
}

// numberIsSeries reports whether a BibTeX number field means the number in
// a series for type t.
func numberIsSeries(t string) bool {
	return t == "book" || t == "chapter" || t == "paper-conference"
}
