// Command cjkchars prints the Chinese characters the CJK subset must hold:
// the 3,755 level-1 characters of GB 2312 (the common ones), and every
// character in CJK blocks that the site's own texts use (content, i18n,
// data, the generator's word lists, CLDR country names). subset.sh feeds
// its output to pyftsubset. Run it from the repository root.
package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/itu-d/portal/generator/internal/vocab"
)

func main() {
	chars := map[rune]bool{}
	add := func(s string) {
		for _, r := range s {
			if cjk(r) {
				chars[r] = true
			}
		}
	}
	// GB 2312 level 1: rows 0xB0 to 0xD7, cells 0xA1 to 0xFE.
	dec := simplifiedchinese.GBK.NewDecoder()
	for row := 0xB0; row <= 0xD7; row++ {
		for cell := 0xA1; cell <= 0xFE; cell++ {
			if s, err := dec.String(string([]byte{byte(row), byte(cell)})); err == nil {
				add(s)
			}
		}
	}
	for _, c := range vocab.Countries() {
		add(vocab.CountryName(c, "zh"))
	}
	for _, dir := range []string{"content", "i18n", "data", "generator/internal", "schemas"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".md", ".yaml", ".yml", ".json", ".csv", ".bib", ".ris", ".go", ".txt":
			default:
				return nil
			}
			if strings.Contains(p, "/testdata/") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err == nil {
				add(string(b))
			}
			return nil
		})
	}
	list := make([]rune, 0, len(chars))
	for r := range chars {
		list = append(list, r)
	}
	slices.Sort(list)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, r := range list {
		w.WriteRune(r)
	}
	fmt.Fprintln(w)
}

// cjk reports a character the CJK font draws: ideographs, CJK symbols and
// punctuation, and full-width forms.
func cjk(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}
