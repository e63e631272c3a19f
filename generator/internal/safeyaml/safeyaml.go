// Package safeyaml reads YAML that people write (front matter, data package
// descriptors, view specs) within limits, so that a dozen hostile lines
// cannot exhaust a build's memory or time.
//
// It reads with goccy/go-yaml, the parser Hugo reads the same files with, so
// the generator and Hugo agree on what a file says. goccy has no limits of
// its own, and two of its costs grow faster than its input: it expands
// aliases while decoding (a "billion laughs" document of a few lines expands
// to billions of values), and its parser gives every node a path string
// ("$.a.b[3].c") that repeats every ancestor's key, so deep nesting or long
// keys over many nodes cost memory quadratic in the document. This package
// checks both before they are paid: nesting depth and the size of those
// paths on the token stream, which the lexer makes in linear time, before
// the parser runs; the number of values once aliases are expanded on the
// syntax tree, before anything is decoded.
package safeyaml

import (
	"errors"
	"fmt"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Limits bound one document.
type Limits struct {
	Depth  int // levels of nesting; 0: 32
	Values int // values once aliases are expanded; 0: 100,000
}

func (l Limits) orDefault() Limits {
	if l.Depth <= 0 {
		l.Depth = 32
	}
	if l.Values <= 0 {
		l.Values = 100_000
	}
	return l
}

// Limit names a broken limit: "depth" or "values".
type Limit string

// The limits an Error can name. LimitPaths is the parser's own bound (see
// pathBudget), not one a site sets.
const (
	LimitDepth  Limit = "depth"
	LimitValues Limit = "values"
	LimitPaths  Limit = "paths"
)

// Error is a problem at a 1-based line and column of the text read.
type Error struct {
	Line, Col int
	Msg       string
	Limit     Limit // the limit broken, or "" for a syntax error
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// pathBudget caps the bytes of node paths the parser would build, an
// internal safety margin far above any real file (a 100 KB descriptor
// makes about 1 MB) and far below what would strain a build.
const pathBudget = 256 << 20

// Parse reads src and returns its first document's body (nil when the
// document is empty) and its value, decoded as Hugo would (maps as
// yaml.MapSlice to keep their order). Problems are *Error values.
func Parse(src []byte, lim Limits) (ast.Node, any, error) {
	lim = lim.orDefault()
	if err := scan(src, lim); err != nil {
		return nil, nil, err
	}
	file, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, nil, syntaxError(err)
	}
	if len(file.Docs) == 0 || file.Docs[0].Body == nil {
		return nil, nil, nil
	}
	body := file.Docs[0].Body
	c := counter{limit: lim, anchors: map[string]size{}}
	c.count(body, 1)
	if c.err != nil {
		return nil, nil, c.err
	}
	var v any
	if err := yaml.NodeToValue(body, &v, yaml.UseOrderedMap()); err != nil {
		return nil, nil, syntaxError(err)
	}
	return body, v, nil
}

// syntaxError positions a goccy error.
func syntaxError(err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return &Error{Line: max(p.Line, 1), Col: max(p.Column, 1), Msg: ye.GetMessage()}
	}
	return &Error{Line: 1, Col: 1, Msg: firstLine(err.Error())}
}

func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}

// scan walks the token stream and fails on nesting deeper than the limit
// or on paths the parser could not afford. It follows the block structure
// as the parser will: a line's indentation (the column of its first token,
// anchors and tags included) places its key or entry among the open
// levels; a sequence written at its key's own column ("key:" then "- x")
// is a level below that key; what follows "- " on the same line is a level
// below the entry; flow brackets nest too. Each key and entry adds its
// path (its parent's path and its own segment) to the cost.
func scan(src []byte, lim Limits) error {
	type level struct {
		col       int  // column of the level's keys or entries; -1 for flow
		seq       bool // a block sequence's entries, not a mapping's keys
		base, cur int  // path bytes of the level's parent and of its current node
	}
	stack := []level{{col: -2, base: 1, cur: 1}} // "$"
	var paths int64
	tokens := lexer.Tokenize(string(src))
	lastLine, lineCol := 0, 0
	flow := 0
	for i, tk := range tokens {
		if tk.Type == token.CommentType {
			continue
		}
		at := &Error{Line: tk.Position.Line, Col: tk.Position.Column}
		if tk.Type == token.InvalidType {
			at.Msg = tk.Error
			if at.Msg == "" {
				at.Msg = fmt.Sprintf("%q cannot start a value here", tk.Origin)
			}
			return at
		}
		// The column a key or entry of this line stands at: its line's
		// first token, or the token just after "- " on the same line.
		if tk.Position.Line != lastLine {
			lastLine, lineCol = tk.Position.Line, tk.Position.Column
		} else if p := tk.Prev; p != nil && p.Type == token.SequenceEntryType && p.Position.Line == tk.Position.Line {
			lineCol = tk.Position.Column
		}
		isKey := i+1 < len(tokens) && tokens[i+1].Type == token.MappingValueType && tk.Type != token.MappingValueType
		entry := tk.Type == token.SequenceEntryType
		seg := 0
		switch {
		case entry:
			seg = 8 // "[12345]"
		case isKey:
			seg = len(tk.Value) + 3 // ".'key'"
		case tk.Type == token.MappingKeyType:
			seg = 8
		}
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			top := stack[len(stack)-1]
			stack = append(stack, level{col: -1, base: top.cur, cur: top.cur})
			flow++
		case token.SequenceEndType, token.MappingEndType:
			if flow > 0 && len(stack) > 1 {
				stack = stack[:len(stack)-1]
				flow--
			}
		}
		if seg > 0 {
			if flow == 0 {
				c := lineCol
				for len(stack) > 1 && stack[len(stack)-1].col > c {
					stack = stack[:len(stack)-1]
				}
				// A key at a sequence's column ends the sequence.
				if top := stack[len(stack)-1]; !entry && top.seq && top.col == c && len(stack) > 1 {
					stack = stack[:len(stack)-1]
				}
				top := stack[len(stack)-1]
				switch {
				case top.col < c, entry && !top.seq:
					stack = append(stack, level{col: c, seq: entry, base: top.cur})
				case !entry && top.seq:
					stack = append(stack, level{col: c, base: top.cur})
				}
				if entry {
					// What follows "- " on this line sits below the entry.
					lineCol = c + 1
				}
			}
			top := &stack[len(stack)-1]
			top.cur = top.base + seg
			paths += 2 * int64(top.cur) // the key's node and its value's
		} else if flow > 0 && tk.Type != token.SequenceStartType && tk.Type != token.MappingStartType {
			paths += int64(stack[len(stack)-1].base + 8)
		}
		if len(stack)-1 > lim.Depth {
			at.Msg = fmt.Sprintf("nesting is deeper than %d levels", lim.Depth)
			at.Limit = LimitDepth
			return at
		}
		if paths > pathBudget {
			at.Msg = "too many long field names nested too deeply to be read"
			at.Limit = LimitPaths
			return at
		}
	}
	return nil
}

// size is what a node expands to: its values, and its depth below itself.
type size struct{ values, depth int }

// counter counts the values and depth of a document with its aliases
// expanded, stopping at the first limit broken. An anchor's size is counted
// once and reused by each alias, so counting costs the document's own size.
type counter struct {
	limit   Limits
	anchors map[string]size
	err     error
}

func (c *counter) count(n ast.Node, depth int) size {
	if c.err != nil || n == nil {
		return size{}
	}
	s := size{values: 1, depth: 1}
	add := func(child size) {
		s.values = satAdd(s.values, child.values)
		s.depth = max(s.depth, child.depth+1)
	}
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, v := range n.Values {
			add(c.count(v, depth+1))
		}
	case *ast.MappingValueNode:
		// A key counts as what it expands to: an alias used as a key is
		// written out whole, as text, once per key.
		key := c.count(n.Key, depth)
		s = c.count(n.Value, depth)
		s.values = satAdd(s.values, key.values)
	case *ast.SequenceNode:
		for _, v := range n.Values {
			add(c.count(v, depth+1))
		}
	case *ast.AnchorNode:
		s = c.count(n.Value, depth)
		if name := anchorName(n.Name); name != "" {
			c.anchors[name] = s
		}
	case *ast.AliasNode:
		s = c.anchors[anchorName(n.Value)]
	case *ast.TagNode:
		s = c.count(n.Value, depth)
	case *ast.MappingKeyNode:
		s = c.count(n.Value, depth)
	}
	fail := func(msg string, l Limit) {
		if c.err != nil {
			return // the innermost node over the limit says where
		}
		e := &Error{Line: 1, Col: 1, Msg: msg, Limit: l}
		if tk := n.GetToken(); tk != nil {
			e.Line, e.Col = max(tk.Position.Line, 1), max(tk.Position.Column, 1)
		}
		c.err = e
	}
	switch {
	case depth+s.depth-1 > c.limit.Depth:
		fail(fmt.Sprintf("nesting is deeper than %d levels once aliases are expanded", c.limit.Depth), LimitDepth)
	case s.values > c.limit.Values:
		fail(fmt.Sprintf("more than %d values once aliases are expanded", c.limit.Values), LimitValues)
	}
	return s
}

func anchorName(n ast.Node) string {
	if n == nil {
		return ""
	}
	return n.GetToken().Value
}

// satAdd adds without overflowing.
func satAdd(a, b int) int {
	if a > 1<<40 || b > 1<<40 {
		return 1 << 41
	}
	return a + b
}
