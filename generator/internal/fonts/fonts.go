// Package fonts holds the typefaces the site ships and draws with: subsets
// of Noto Sans (Latin and Cyrillic), Noto Sans Arabic and, for pictures
// only, Noto Sans CJK SC (README.md: sources, ranges, licence). Pages load
// the Latin, Cyrillic and Arabic subsets as one family by unicode-range,
// so chart labels are measured with the metrics of the font that draws
// them; the card package rasterizes with all four.
//
//go:generate sh subset.sh
package fonts

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"strings"
)

//go:embed *.woff2
var files embed.FS

// Family is the CSS name the site gives the shipped subsets.
const Family = "Portal Sans"

// Script is one subset of the family.
type Script struct {
	Name string // latin, cyrillic, arabic, cjk
	// Ranges is the CSS unicode-range the subset covers (what browsers use
	// to download only the subsets a page's text needs).
	Ranges string
	// Web: whether pages load it. The CJK subset, a megabyte, is for
	// pictures only: pages draw Chinese with the reader's own fonts, and
	// charts measure it as one em per character, which CJK fonts agree on.
	Web   bool
	Bold  bool // whether a bold weight ships
	Cover func(rune) bool
}

// Scripts lists the subsets in the order text falls back through them.
var Scripts = []Script{
	{Name: "latin", Web: true, Bold: true, Cover: latin,
		Ranges: "U+0020-007E,U+00A0-017F,U+0192,U+0218-021B,U+02BB-02BC,U+02C6-02DD,U+2009-200B,U+2010-2027,U+202F-2030,U+2032-2033,U+2039-203A,U+2044,U+20AC,U+20BD,U+2122,U+2190-2193,U+2212,U+2264-2265,U+FFFD"},
	{Name: "cyrillic", Web: true, Bold: true, Cover: cyrillic,
		Ranges: "U+0400-045F,U+0490-0491,U+04D8-04D9,U+04E8-04E9,U+2116"},
	{Name: "arabic", Web: true, Bold: true, Cover: arabic,
		Ranges: "U+0600-06FF,U+200C-200F,U+2066-2069"},
	{Name: "cjk", Cover: cjk, Ranges: "U+3000-303F,U+3400-9FFF,U+F900-FAFF,U+FF00-FFEF"},
}

// Data returns a subset's WOFF2 file; bold falls back to regular where no
// bold weight ships.
func Data(script string, bold bool) []byte {
	weight := "regular"
	if bold {
		weight = "bold"
	}
	b, err := files.ReadFile(fmt.Sprintf("sans-%s-%s.woff2", script, weight))
	if err != nil && bold {
		return Data(script, false)
	}
	if err != nil {
		panic("fonts: no subset " + script)
	}
	return b
}

// WebFile is one font file a page may load.
type WebFile struct {
	Path string // URL path: /fonts/<script>-<weight>.<hash>.woff2
	Data []byte
}

// Web returns the files pages load and the @font-face rules naming them.
// File names carry a hash of their content, so they can be cached for
// ever.
func Web() ([]WebFile, string) {
	var out []WebFile
	var css strings.Builder
	for _, s := range Scripts {
		if !s.Web {
			continue
		}
		for _, bold := range []bool{false, true} {
			if bold && !s.Bold {
				continue
			}
			b := Data(s.Name, bold)
			sum := sha256.Sum256(b)
			weight, css400 := "regular", 400
			if bold {
				weight, css400 = "bold", 700
			}
			path := fmt.Sprintf("/fonts/%s-%s.%s.woff2", s.Name, weight, hex.EncodeToString(sum[:4]))
			out = append(out, WebFile{Path: path, Data: b})
			// swap: text shows at once in a fallback and takes the
			// shipped face when it arrives (charts are measured for it).
			fmt.Fprintf(&css, "@font-face{font-family:%q;font-style:normal;font-weight:%d;font-display:swap;src:url(%s) format(\"woff2\");unicode-range:%s}\n",
				Family, css400, path, s.Ranges)
		}
	}
	return out, css.String()
}

func latin(r rune) bool {
	return r < 0x0250 || (r >= 0x02B0 && r <= 0x02FF) || (r >= 0x2000 && r <= 0x206F) || (r >= 0x20A0 && r <= 0x20CF) ||
		r == 0x2122 || (r >= 0x2190 && r <= 0x2193) || r == 0x2212 || r == 0x2264 || r == 0x2265 || r == 0xFFFD
}

func cyrillic(r rune) bool { return (r >= 0x0400 && r <= 0x052F) || r == 0x2116 }

func arabic(r rune) bool {
	return (r >= 0x0600 && r <= 0x06FF) || (r >= 0x0750 && r <= 0x077F) || (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFF)
}

func cjk(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0x3400 && r <= 0x9FFF) || (r >= 0xF900 && r <= 0xFAFF) || (r >= 0xFF00 && r <= 0xFFEF)
}

// ScriptOf names the subset that draws r: the first whose block holds it,
// else "" (spaces, digits and punctuation shared by every script take the
// latin subset's glyphs).
func ScriptOf(r rune) string {
	for _, s := range Scripts[1:] {
		if s.Cover(r) {
			return s.Name
		}
	}
	if latin(r) {
		return "latin"
	}
	return ""
}

// ScriptsOf names the subsets a page in lang needs for its words: Latin
// for every language (digits, names, units), and the language's own.
func ScriptsOf(lang string) []string {
	switch lang {
	case "ru":
		return []string{"latin", "cyrillic"}
	case "ar":
		return []string{"latin", "arabic"}
	}
	return []string{"latin"}
}
