package biblio

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/itu-d/portal/generator/internal/diag"
)

// lines turns byte offsets into 1-based line and column numbers, counting
// columns in characters as editors do.
type lines struct {
	src   []byte
	start []int // offset of each line's first byte

	// The last position asked for: positions come mostly in file order,
	// so columns on a long line are counted from there, not from its start.
	lastOff, lastLine, lastCol int
}

func newLines(src []byte) *lines {
	l := &lines{src: src, start: []int{0}}
	for i, c := range src {
		if c == '\n' {
			l.start = append(l.start, i+1)
		}
	}
	return l
}

func (l *lines) pos(off int) (line, col int) {
	off = max(0, min(off, len(l.src)))
	i := sort.Search(len(l.start), func(i int) bool { return l.start[i] > off }) - 1
	if l.lastLine == i+1 && off >= l.lastOff {
		col = l.lastCol + utf8.RuneCount(l.src[l.lastOff:off])
	} else {
		col = utf8.RuneCount(l.src[l.start[i]:off]) + 1
	}
	l.lastOff, l.lastLine, l.lastCol = off, i+1, col
	return i + 1, col
}

// problems collects what a reader finds in one file.
type problems struct {
	path  string
	lines *lines
	list  []diag.Problem
}

func (p *problems) at(off int) (int, int) { return p.lines.pos(off) }

// maxProblems caps what one file reports: past it, a file is not worth
// reading problem by problem.
const maxProblems = 500

func (p *problems) errorf(off int, format string, args ...any) {
	p.add(off, fmt.Sprintf(format, args...), "", false)
}

func (p *problems) add(off int, msg, hint string, warning bool) {
	switch {
	case len(p.list) > maxProblems:
		return
	case len(p.list) == maxProblems:
		msg, hint, warning = "too many problems; the rest of this file is not reported", "", false
	}
	line, col := p.at(off)
	p.list = append(p.list, diag.Problem{Path: p.path, Line: line, Col: col, Msg: msg, Hint: hint, Warning: warning})
}

func (p *problems) posOf(off int) Pos {
	line, col := p.at(off)
	return Pos{Path: p.path, Line: line, Col: col}
}

// validUTF8 reports a file that is not UTF-8 (saved as Latin-1, say) at
// its first bad byte, and returns it with each bad byte replaced by U+FFFD,
// which leaves every line and column where it was.
func (p *problems) validUTF8(src []byte) []byte {
	if utf8.Valid(src) {
		return src
	}
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		off += size
	}
	p.add(off, "the file is not valid UTF-8", "save it as UTF-8 (in JabRef: File > Properties > Encoding)", false)
	var b bytes.Buffer
	for len(src) > 0 {
		r, size := utf8.DecodeRune(src)
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.Write(src[:size])
		}
		src = src[size:]
	}
	return b.Bytes()
}

// checkItem reports what every record needs whatever its format: a title
// (an error) and a date (a warning, since "n.d." is a valid citation).
func (p *problems) checkItem(it *Item, off int) {
	if it.Title == "" {
		p.add(off, fmt.Sprintf("%s has no title", describe(it)), "", false)
	}
	if it.Issued.IsZero() {
		p.add(off, fmt.Sprintf("%s has no year or date", describe(it)), "citations will say \"n.d.\"; add a year if the work has one", true)
	}
}

func describe(it *Item) string {
	if it.ID == "" {
		return "record"
	}
	return fmt.Sprintf("entry %q", it.ID)
}

// seenKeys reports keys used twice in one file, naming both places.
type seenKeys map[string]Pos

func (s seenKeys) check(p *problems, it *Item, off int) {
	if it.ID == "" {
		return
	}
	if first, ok := s[it.ID]; ok {
		p.add(off, fmt.Sprintf("duplicate key %q; first used at %s", it.ID, first), "give each entry its own key", false)
		return
	}
	s[it.ID] = it.Pos
}

// CheckDuplicates reports keys that more than one item uses, typically
// across bibliography files, at each later use and naming the first.
func CheckDuplicates(items []*Item) []diag.Problem {
	first := map[string]*Item{}
	var out []diag.Problem
	for _, it := range items {
		if it == nil || it.ID == "" {
			continue
		}
		f, ok := first[it.ID]
		if !ok {
			first[it.ID] = it
			continue
		}
		out = append(out, diag.Problem{
			Path: it.Pos.Path, Line: it.Pos.Line, Col: it.Pos.Col,
			Msg:  fmt.Sprintf("duplicate key %q; also used at %s", it.ID, f.Pos),
			Hint: "keys must be unique across all bibliography files",
		})
	}
	return out
}
