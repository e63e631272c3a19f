// Package diag owns the problems found in content and data files: where each
// one is (path:line:col, compiler style, so editors and CI make them
// clickable), what is wrong, and a hint where one helps.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong in one file.
type Problem struct {
	Path    string // slash-separated, relative to the site root
	Line    int    // 1-based; 0 when the whole file is meant
	Col     int    // 1-based; 0 when unknown
	Msg     string
	Hint    string
	Warning bool
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(p.Hint)
	}
	return b.String()
}

// List collects problems; the zero value is ready to use.
type List struct {
	items []Problem
	seen  map[Problem]bool
}

// Add records a problem, once: the same problem found again at the same
// place (each layer of a chart reading one missing file, say) tells the
// reader nothing more.
func (l *List) Add(p Problem) {
	if l.seen[p] {
		return
	}
	if l.seen == nil {
		l.seen = map[Problem]bool{}
	}
	l.seen[p] = true
	l.items = append(l.items, p)
}

// Errorf records an error at path:line:col.
func (l *List) Errorf(path string, line, col int, format string, args ...any) {
	l.Add(Problem{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Merge appends all of o's problems.
func (l *List) Merge(o List) {
	for _, p := range o.items {
		l.Add(p)
	}
}

// Problems returns the problems sorted by file and position.
func (l *List) Problems() []Problem {
	sort.SliceStable(l.items, func(i, j int) bool {
		a, b := l.items[i], l.items[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return l.items
}

// Errors counts the problems that are not warnings.
func (l *List) Errors() int {
	n := 0
	for _, p := range l.items {
		if !p.Warning {
			n++
		}
	}
	return n
}

// Warnings counts the warnings.
func (l *List) Warnings() int { return len(l.items) - l.Errors() }
