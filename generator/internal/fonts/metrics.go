package fonts

import (
	"sync"

	"github.com/tdewolff/font"
)

// webFaces are the regular faces pages draw chart text with, parsed once.
var webFaces = sync.OnceValue(func() []*font.SFNT {
	var out []*font.SFNT
	for _, s := range Scripts {
		if !s.Web {
			continue
		}
		f, err := font.ParseSFNT(Data(s.Name, false), 0)
		if err != nil {
			panic("fonts: " + s.Name + ": " + err.Error()) // embedded files: a broken one is a build of the repository gone wrong
		}
		out = append(out, f)
	}
	return out
})

// Advance is how far r moves the pen in the regular face pages draw it
// with, in ems, from the shipped subsets' own metrics; ok is false when no
// web subset has r (Chinese, which pages draw with the reader's fonts, and
// anything outside the subsets). Arabic letters are measured in their
// isolated forms, which are as wide as or wider than their joined ones, so
// a label measured this way is never too long for its space.
func Advance(r rune) (em float64, ok bool) {
	for _, f := range webFaces() {
		if g := f.GlyphIndex(r); g != 0 {
			return float64(f.GlyphAdvance(g)) / float64(f.UnitsPerEm()), true
		}
	}
	return 0, false
}
