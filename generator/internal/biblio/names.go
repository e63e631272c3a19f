package biblio

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitNames splits a BibTeX name list at each "and" outside braces.
func splitNames(raw string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; c {
		case '{':
			depth++
		case '}':
			depth--
		case 'a', 'A':
			if depth == 0 && i > 0 && isSpace(raw[i-1]) && i+3 < len(raw) && strings.EqualFold(raw[i:i+3], "and") && isSpace(raw[i+3]) {
				out = append(out, raw[start:i])
				start = i + 3
				i += 2
			}
		}
	}
	out = append(out, raw[start:])
	names := out[:0]
	for _, n := range out {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// parseName reads one BibTeX name in any of its three forms: "First von
// Last", "von Last, First" and "von Last, Jr, First". A name wholly in
// braces, {World Bank}, is an organisation.
func parseName(raw string) Name {
	raw = strings.TrimSpace(raw)
	if strings.EqualFold(raw, others) {
		return Name{Literal: others}
	}
	if wholeGroup(raw) {
		lit, _ := decodeTeX(raw[1:len(raw)-1], false)
		return Name{Literal: strings.TrimSpace(lit)}
	}
	parts := splitTopLevel(raw, ',')
	var first, von, last, jr []string
	switch len(parts) {
	case 1:
		toks := nameTokens(parts[0])
		// von starts at the first lowercase word and ends at the last
		// lowercase word before the final one; Last is never empty.
		lo, hi := -1, -1
		for i, t := range toks[:len(toks)-1] {
			if isLowerToken(t) {
				if lo < 0 {
					lo = i
				}
				hi = i
			}
		}
		if lo < 0 {
			first, last = toks[:len(toks)-1], toks[len(toks)-1:]
		} else {
			first, von, last = toks[:lo], toks[lo:hi+1], toks[hi+1:]
		}
	default:
		toks := nameTokens(parts[0])
		i := 0
		for i < len(toks)-1 && isLowerToken(toks[i]) {
			i++
		}
		// The lowercase run ends at the last lowercase word before Last.
		hi := -1
		for k := range len(toks) - 1 {
			if isLowerToken(toks[k]) {
				hi = k
			}
		}
		if hi >= 0 && i > 0 {
			von, last = toks[:hi+1], toks[hi+1:]
		} else {
			last = toks
		}
		if len(parts) == 2 {
			first = nameTokens(parts[1])
		} else {
			jr = nameTokens(parts[1])
			first = nameTokens(strings.Join(parts[2:], ","))
		}
	}
	dec := func(toks []string) string {
		s, _ := decodeTeX(strings.Join(toks, " "), false)
		return strings.TrimSpace(s)
	}
	n := Name{Given: dec(first), NonDroppingParticle: dec(von), Family: dec(last), Suffix: dec(jr)}
	if n.Family == "" {
		// A name whose last part decoded to nothing: what is left is the
		// family name.
		n.Family, n.NonDroppingParticle = n.NonDroppingParticle, ""
		if n.Family == "" {
			n.Family, n.Given = n.Given, ""
		}
	}
	return n
}

// wholeGroup reports whether s is one brace group: "{World Bank}".
func wholeGroup(s string) bool {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return false
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 && i < len(s)-1 {
				return false
			}
		case '\\':
			i++
		}
	}
	return depth == 0 && !strings.HasPrefix(s, `{\`)
}

// splitTopLevel splits s at each sep outside braces.
func splitTopLevel(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		case '\\':
			i++
		case sep:
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// nameTokens splits part of a name into words at white space and ties
// outside braces.
func nameTokens(s string) []string {
	var out []string
	depth, start := 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{':
			depth++
		case c == '}':
			depth--
		case c == '\\' && i+1 < len(s) && !isASCIILetter(s[i+1]):
			// \~ is an accent, \{ a brace character: neither separates.
			if start < 0 {
				start = i
			}
			i++
			continue
		}
		sep := depth == 0 && (isSpace(c) || c == '~')
		if sep {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// isLowerToken reports whether a name word starts in lowercase, as BibTeX
// judges it: the first letter outside braces decides, and a special
// character such as {\'e} counts as the letter it carries.
func isLowerToken(t string) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '{':
			if i+1 < len(t) && t[i+1] == '\\' {
				s, _ := decodeTeX(t[i:min(len(t), closing(t, i)+1)], false)
				for _, r := range s {
					if unicode.IsLetter(r) {
						return unicode.IsLower(r)
					}
				}
				return false
			}
			return false // a braced word is never a von part
		case c == '\\':
			s, _ := decodeTeX(t[i:], false)
			for _, r := range s {
				if unicode.IsLetter(r) {
					return unicode.IsLower(r)
				}
			}
			return false
		case c >= utf8.RuneSelf:
			r, _ := utf8.DecodeRuneInString(t[i:])
			if unicode.IsLetter(r) {
				return unicode.IsLower(r)
			}
		case isASCIILetter(c):
			return c >= 'a' && c <= 'z'
		}
	}
	return false
}

// closing returns the index of the brace that closes the one at i.
func closing(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(s) - 1
}

// encodeName writes a name for a BibTeX name list.
func encodeName(n Name) string {
	if n.IsOthers() {
		return others
	}
	if n.Literal != "" {
		e := escapeTeX(n.Literal)
		if strings.HasPrefix(e, `\`) {
			e = "{}" + e // {\#} would be a special character, not a name
		}
		return "{" + e + "}"
	}
	von := joinNonEmpty(" ", n.DroppingParticle, n.NonDroppingParticle)
	part := func(s string) string {
		e := escapeTeX(s)
		// A comma or an "and" inside a part would split the name.
		if strings.Contains(s, ",") || len(splitNames("x "+e+" x")) > 1 {
			return "{" + e + "}"
		}
		return e
	}
	fam := part(n.Family)
	// Braces keep lowercase words in the family name out of the von part.
	toks := nameTokens(fam)
	lower := isLowerToken(toks[0])
	if von != "" {
		for _, t := range toks[:len(toks)-1] {
			lower = lower || isLowerToken(t)
		}
	}
	if lower && !strings.HasPrefix(fam, "{") {
		fam = "{" + escapeTeX(n.Family) + "}"
	}
	if von != "" {
		v := part(von)
		if strings.HasPrefix(v, "{") {
			// {\relax ...} hides an "and" but still reads as lowercase.
			v = `{\relax ` + v[1:]
		}
		fam = v + " " + fam
	}
	switch {
	case n.Suffix != "":
		return fam + ", " + part(n.Suffix) + ", " + part(n.Given)
	case n.Given != "":
		return fam + ", " + part(n.Given)
	case strings.ContainsAny(fam, " \t~") || strings.HasPrefix(fam, "{"):
		// "García Márquez," keeps both words in the family name.
		return fam + ","
	}
	return fam
}
