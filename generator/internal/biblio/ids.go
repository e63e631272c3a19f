package biblio

import (
	"net/url"
	"regexp"
	"strings"
)

// doiSyntax is the DOI syntax as the DOI Handbook and Crossref describe
// it: the directory indicator 10, a registrant code of digits (with
// optional dot-separated sub-codes), a slash, and a suffix of printable
// characters.
var doiSyntax = regexp.MustCompile(`^10\.[0-9]{4,9}(\.[0-9]+)*/\S+$`)

// ValidDOI reports whether s (bare, "10.1234/x") is written as a DOI.
func ValidDOI(s string) bool { return doiSyntax.MatchString(s) }

// ValidISBN reports whether s is an ISBN-10 or ISBN-13 whose check digit
// is right; hyphens and spaces are ignored.
func ValidISBN(s string) bool {
	d := strings.NewReplacer("-", "", " ", "").Replace(s)
	switch len(d) {
	case 10:
		sum := 0
		for i := 0; i < 10; i++ {
			c := d[i]
			v := int(c - '0')
			if i == 9 && (c == 'X' || c == 'x') {
				v = 10
			} else if c < '0' || c > '9' {
				return false
			}
			sum += (10 - i) * v
		}
		return sum%11 == 0
	case 13:
		sum := 0
		for i := 0; i < 13; i++ {
			c := d[i]
			if c < '0' || c > '9' {
				return false
			}
			w := 1
			if i%2 == 1 {
				w = 3
			}
			sum += w * int(c-'0')
		}
		return sum%10 == 0
	}
	return false
}

// ValidISSN reports whether s is an ISSN ("1996-4390") whose check digit
// is right.
func ValidISSN(s string) bool {
	d := strings.ReplaceAll(strings.TrimSpace(s), "-", "")
	if len(d) != 8 {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		c := d[i]
		v := int(c - '0')
		if i == 7 && (c == 'X' || c == 'x') {
			v = 10
		} else if c < '0' || c > '9' {
			return false
		}
		sum += (8 - i) * v
	}
	return sum%11 == 0
}

// WebURL reports whether s is an absolute http or https URL with a host:
// the only links a record may give readers.
func WebURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && !strings.ContainsAny(s, " \t\n<>\"")
}
