package biblio

import (
	"github.com/itu-d/portal/generator/internal/config"
	"github.com/itu-d/portal/generator/internal/diag"
)

// Reader reads bibliographies within the site's limits: a field's text
// (fieldBytes), all the text one file's @string macros expand to
// (bibliographyBytes, so that a chain of macros that doubles at each line
// stops there) and the nesting of a CSL-JSON file (nestingDepth). The zero
// Reader reads within the default limits; the package's Read functions use
// it.
type Reader struct {
	Limits config.Limits
}

// ReadBibTeX reads a BibTeX or BibLaTeX file within the default limits.
func ReadBibTeX(path string, src []byte) ([]*Item, []diag.Problem) {
	return Reader{}.BibTeX(path, src)
}

// ReadRIS reads a RIS file within the default limits.
func ReadRIS(path string, src []byte) ([]*Item, []diag.Problem) {
	return Reader{}.RIS(path, src)
}

// ReadCSLJSON reads a CSL-JSON file within the default limits.
func ReadCSLJSON(path string, src []byte) ([]*Item, []diag.Problem) {
	return Reader{}.CSLJSON(path, src)
}

// tooLong reports a field over the fieldBytes limit at off.
func (p *problems) tooLong(lim config.Limits, off int, field string, n int) {
	msg, hint := lim.Exceeded("fieldBytes", int64(n), "field "+field)
	p.add(off, msg, hint, false)
}

// jsonTooDeep returns the offset of the first bracket of src that opens
// more than depth levels of JSON nesting, or -1, reading strings as JSON
// does so that brackets inside them do not count.
func jsonTooDeep(src []byte, depth int) int {
	level := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			if level++; level > depth {
				return i
			}
		case ']', '}':
			level--
		}
	}
	return -1
}
