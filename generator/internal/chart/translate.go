package chart

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/itu-d/portal/generator/internal/diag"
)

// tr is s in the page's language when usermeta.translations gives it, else
// s as written.
func (r *renderer) tr(s string) string {
	if t, ok := r.trans[s]; ok && s != "" {
		return t
	}
	return s
}

// checkTranslations warns about translations of texts the chart does not
// have, in any language: most often a misspelt key, which would leave the
// text untranslated without a word.
func (r *renderer) checkTranslations() {
	if len(r.s.trAt) == 0 {
		return
	}
	have := map[string]bool{r.s.title: true, r.s.subtitle: true}
	for _, u := range r.s.units {
		have[u] = true
	}
	chans := slices.Clone(r.p.enc.all())
	for _, ld := range r.layers {
		slots := ld.slots
		chans = append(chans, ld.u.enc.all()...)
		for _, m := range ld.rows {
			have[m.label] = true
			for i, c := range slots {
				if c != nil && (c.typ == "nominal" || c.typ == "ordinal") && i < len(m.v) {
					have[m.v[i].s] = true
				}
			}
		}
	}
	for _, c := range chans {
		have[c.field] = true
		if c.title != nil {
			have[*c.title] = true
		}
	}
	type miss struct {
		lang, text string
		at         pos
	}
	var out []miss
	for lang, at := range r.s.trAt {
		for text, p := range at {
			if !have[text] {
				out = append(out, miss{lang, text, p})
			}
		}
	}
	slices.SortFunc(out, func(a, b miss) int {
		return cmp.Or(cmp.Compare(a.at.line, b.at.line), cmp.Compare(a.at.col, b.at.col))
	})
	for _, m := range out {
		r.probs.Add(diag.Problem{Path: r.s.path, Line: m.at.line, Col: m.at.col, Warning: true,
			Msg:  fmt.Sprintf("usermeta.translations.%s: %q is not a text of this chart", m.lang, m.text),
			Hint: "translations replace whole texts (titles, field names, category values) as written; check the spelling"})
	}
}

// Bidirectional text. Data and spec text is often Latin on an Arabic page;
// without isolation the Unicode bidi algorithm reorders its neutral
// characters around it ("2023 Q4" shows as "Q4 2023", a trailing ellipsis
// or parenthesis lands on the wrong side).
const (
	lri = "\u2066" // left-to-right isolate
	fsi = "\u2068" // first-strong isolate
	pdi = "\u2069" // pop directional isolate
)

// firstStrong is the direction of the first letter: 'L', 'R', or 0 when
// there is none (numbers, punctuation, and marks such as the LRM that
// number formats already carry).
func firstStrong(s string) byte {
	for _, c := range s {
		switch {
		case unicode.In(c, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko):
			return 'R'
		case unicode.IsLetter(c):
			return 'L'
		}
	}
	return 0
}

// hasLTR says whether s has a left-to-right letter.
func hasLTR(s string) bool {
	for _, c := range s {
		if unicode.IsLetter(c) && !unicode.In(c, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return true
		}
	}
	return false
}

// isolateLTR wraps text that starts left to right in an LTR isolate, for
// drawing in a right-to-left chart.
func isolateLTR(s string) string {
	if firstStrong(s) != 'L' || strings.HasPrefix(s, lri) {
		return s
	}
	return lri + s + pdi
}

// isolate wraps a value that holds left-to-right letters in a first-strong
// isolate, for inserting into right-to-left sentences.
func isolate(s string) string {
	if !hasLTR(s) || strings.HasPrefix(s, fsi) {
		return s
	}
	return fsi + s + pdi
}
