package chart

import (
	"strings"
	"sync"
	"unicode"

	"github.com/itu-d/portal/generator/internal/fonts"
)

// textWidth is the advance of s at a font size in the font pages draw
// charts with ("Portal Sans", package fonts), without kerning.
func textWidth(s string, size float64) float64 {
	small := smallWidth()
	w := 0.0
	for _, r := range s {
		if r < rune(len(small)) {
			w += small[r]
		} else {
			w += runeWidth(r)
		}
	}
	return w * size
}

// smallWidth is runeWidth of the two-byte runes and below (Latin, Greek,
// Cyrillic, Arabic), read from a table because labels measure them often.
var smallWidth = sync.OnceValue(func() *[0x800]float64 {
	var t [0x800]float64
	for r := range t {
		t[r] = runeWidth(rune(r))
	}
	return &t
})

// runeWidth is r's advance in ems in the font pages draw charts with
// (package fonts: the shipped subsets' metrics); ideographs are one em, as
// in every CJK font. What no subset has is estimated.
func runeWidth(r rune) float64 {
	switch {
	case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r):
		return 0
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef:
		return 1
	}
	if w, ok := fonts.Advance(r); ok {
		return w
	}
	switch {
	case r < 0x250:
		return 0.55
	case unicode.Is(unicode.Arabic, r):
		return 0.5
	}
	return 0.6
}

// wrap breaks s into lines no wider than width. Text without spaces (such
// as Chinese) breaks between characters.
func wrap(s string, size, width float64) []string {
	if s == "" {
		return nil
	}
	if textWidth(s, size) <= width {
		return []string{s}
	}
	var lines []string
	var cur strings.Builder
	curW := 0.0
	words := splitWords(s)
	for _, w := range words {
		ww := textWidth(w, size)
		if curW+ww > width && cur.Len() > 0 {
			lines = append(lines, strings.TrimSpace(cur.String()))
			cur.Reset()
			curW = 0
			w = strings.TrimLeft(w, " ")
			ww = textWidth(w, size)
		}
		cur.WriteString(w)
		curW += ww
	}
	if cur.Len() > 0 {
		lines = append(lines, strings.TrimSpace(cur.String()))
	}
	return lines
}

// splitWords splits after spaces and between CJK characters, keeping the
// spaces with the following word.
func splitWords(s string) []string {
	var out []string
	start := 0
	rs := []rune(s)
	for i := 1; i < len(rs); i++ {
		cjk := unicode.Is(unicode.Han, rs[i]) || unicode.Is(unicode.Han, rs[i-1])
		if rs[i] == ' ' || (rs[i-1] == '-' || rs[i-1] == '/') && rs[i] != ' ' && i > start+1 || cjk && !unicode.IsPunct(rs[i]) {
			out = append(out, string(rs[start:i]))
			start = i
		}
	}
	return append(out, string(rs[start:]))
}

// truncate shortens s to fit width, ending it with an ellipsis.
func truncate(s string, size, width float64) string {
	if textWidth(s, size) <= width {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := strings.TrimSpace(string(rs[:n])) + "…"
		if textWidth(t, size) <= width {
			return t
		}
	}
	return "…"
}

// wrapFit wraps s into lines no wider than width, shortening a line that
// holds one word too long to break.
func wrapFit(s string, size, width float64) []string {
	lines := wrap(s, size, width)
	for i, l := range lines {
		lines[i] = truncate(l, size, width)
	}
	return lines
}

// fitLabel fits a label into at most maxLines lines of width: whole on one
// line, else wrapped, else with a spelled-out name before its acronym
// dropped ("Europe India Gateway (EIG)" becomes "EIG"), else cut with an
// ellipsis. The full text stays in the mark's tooltip and the table.
func fitLabel(s string, size, width float64, maxLines int) []string {
	if textWidth(s, size) <= width || s == "" {
		return []string{s}
	}
	fits := func(t string) []string {
		if textWidth(t, size) <= width {
			return []string{t}
		}
		if maxLines < 2 {
			return nil
		}
		lines := wrap(t, size, width)
		if len(lines) > maxLines {
			return nil
		}
		for _, l := range lines {
			if textWidth(l, size) > width {
				return nil
			}
		}
		return lines
	}
	if ls := fits(s); ls != nil {
		return ls
	}
	short := abbreviate(s)
	if short != s {
		if ls := fits(short); ls != nil {
			return ls
		}
	}
	lines := wrap(short, size, width)
	if maxLines < 1 {
		maxLines = 1
	}
	if len(lines) > maxLines {
		rest := strings.Join(lines[maxLines-1:], " ")
		lines = append(lines[:maxLines-1:maxLines-1], rest+"…")
	}
	for i, l := range lines {
		lines[i] = truncate(l, size, width)
	}
	return lines
}

// abbreviate replaces a name spelled out before its acronym by the
// acronym: "Eastern Africa Submarine System (EASSy)" becomes "EASSy",
// "Middle East North Africa (MENA) Cable System" becomes "MENA Cable
// System". Text without such an acronym is returned as it is.
func abbreviate(s string) string {
	open := strings.IndexByte(s, '(')
	if open <= 0 {
		return s
	}
	end := strings.IndexByte(s[open:], ')')
	if end < 0 {
		return s
	}
	acr := s[open+1 : open+end]
	var letters []rune
	upper := 0
	for _, r := range acr {
		switch {
		case unicode.IsSpace(r):
			return s
		case unicode.IsUpper(r):
			upper++
			letters = append(letters, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			letters = append(letters, unicode.ToUpper(r))
		}
	}
	if upper < 2 {
		return s
	}
	words := strings.Fields(s[:open])
	// The longest run of words before the parenthesis whose initials start
	// the acronym, covering all but at most one of its letters (EASSy, AAE-1).
	best := 0
	for k := 1; k <= len(words); k++ {
		var ini []rune
		for _, w := range words[len(words)-k:] {
			for _, r := range w {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					ini = append(ini, unicode.ToUpper(r))
					break
				}
			}
		}
		if len(ini) > len(letters) {
			break
		}
		if string(letters[:len(ini)]) == string(ini) && len(ini) >= 2 && len(letters)-len(ini) <= 1 {
			best = k
		}
	}
	if best == 0 {
		return s
	}
	head := strings.Join(words[:len(words)-best], " ")
	tail := strings.TrimSpace(s[open+end+1:])
	return strings.TrimSpace(strings.Join([]string{head, acr, tail}, " "))
}
