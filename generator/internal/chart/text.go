package chart

import (
	"strings"
	"unicode"
)

// textWidth estimates the advance of s at a font size. Charts are drawn
// before any font is known, so this errs on the wide side of common
// system fonts.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w * size
}

func runeWidth(r rune) float64 {
	switch {
	case r == '\u200e' || r == '\u200f' || r == '\u061c' || unicode.Is(unicode.Mn, r):
		return 0
	case r == ' ' || r == '\u00a0' || r == '\u202f':
		return 0.28
	case strings.ContainsRune("il.,:;'!|()[]", r):
		return 0.3
	case strings.ContainsRune("fjrt-", r):
		return 0.38
	case r >= '0' && r <= '9':
		return 0.58
	case r == 'm' || r == 'w' || r == 'M' || r == 'W' || r == '%':
		return 0.86
	case r >= 'A' && r <= 'Z':
		return 0.66
	case r < 0x250:
		return 0.55
	case unicode.Is(unicode.Arabic, r):
		return 0.5
	case unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef:
		return 1
	case unicode.Is(unicode.Cyrillic, r):
		return 0.6
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
		if rs[i] == ' ' || rs[i-1] == '-' || cjk && !unicode.IsPunct(rs[i]) {
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
