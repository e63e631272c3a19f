package chart

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// pos is a 1-based line and column (in characters).
type pos struct{ line, col int }

type nodeKind uint8

const (
	nullNode nodeKind = iota
	boolNode
	numNode
	strNode
	mapNode
	seqNode
	dateNode // only in table cells: a date computed by a transform (milliseconds)
)

func (k nodeKind) String() string {
	return [...]string{"null", "true or false", "a number", "text", "an object", "a list", "a date"}[k]
}

// node is a decoded YAML or JSON value that remembers where it was written.
// Spec decoding works on nodes rather than on Go values so that every
// problem can point at its key or value.
type node struct {
	kind nodeKind
	b    bool // boolNode
	at   pos
	str  string  // scalars: the text as written (unquoted)
	num  float64 // numNode

	keys  []string // mapNode, in source order
	keyAt []pos
	vals  []*node
	items []*node // seqNode
}

// get returns the value of key k in a mapping, or nil.
func (n *node) get(k string) *node {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for i, key := range n.keys {
		if key == k {
			return n.vals[i]
		}
	}
	return nil
}

// keyPos returns where key k is written, or the mapping's position.
func (n *node) keyPos(k string) pos {
	for i, key := range n.keys {
		if key == k {
			return n.keyAt[i]
		}
	}
	return n.at
}

// parseNode parses one YAML document (JSON is YAML) into a node tree.
func parseNode(src []byte) (n *node, at pos, err error) {
	defer func() {
		if r := recover(); r != nil {
			n, at, err = nil, pos{1, 1}, fmt.Errorf("cannot parse: %v", r)
		}
	}()
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if looksLikeJSON(src) {
		// The YAML scanner counts a tab as less than one column; in JSON a
		// tab is only ever whitespace, so a space reads the same.
		src = bytes.ReplaceAll(src, []byte{'\t'}, []byte{' '})
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, yamlErrorPos(err), errors.New(yamlErrorMsg(err))
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		return nil, pos{1, 1}, errors.New("the file is empty")
	}
	if len(docs) > 1 {
		return nil, tokenPos(docs[1].Body.GetToken()), errors.New("a spec file holds one document; found more than one")
	}
	c := &converter{anchors: map[string]*node{}}
	n = c.convert(docs[0].Body)
	if c.err != nil {
		return nil, c.errAt, c.err
	}
	return n, pos{}, nil
}

func looksLikeJSON(src []byte) bool {
	t := bytes.TrimLeft(src, " \t\r\n\ufeff")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

func yamlErrorPos(err error) pos {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		return tokenPos(ye.GetToken())
	}
	return pos{1, 1}
}

func yamlErrorMsg(err error) string {
	var ye yaml.Error
	if errors.As(err, &ye) {
		return "syntax: " + ye.GetMessage()
	}
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return "syntax: " + msg
}

func tokenPos(t *token.Token) pos {
	if t == nil || t.Position == nil {
		return pos{1, 1}
	}
	return pos{max(t.Position.Line, 1), max(t.Position.Column, 1)}
}

type converter struct {
	anchors map[string]*node
	err     error
	errAt   pos
	depth   int
}

func (c *converter) fail(at pos, format string, args ...any) *node {
	if c.err == nil {
		c.err, c.errAt = fmt.Errorf(format, args...), at
	}
	return &node{kind: nullNode, at: at}
}

func (c *converter) convert(a ast.Node) *node {
	if a == nil {
		return &node{kind: nullNode}
	}
	c.depth++
	defer func() { c.depth-- }()
	at := tokenPos(a.GetToken())
	if c.depth > 64 {
		return c.fail(at, "the spec is nested too deeply")
	}
	switch a := a.(type) {
	case *ast.NullNode:
		return &node{kind: nullNode, at: at}
	case *ast.BoolNode:
		return &node{kind: boolNode, at: at, b: a.Value, str: a.GetToken().Value}
	case *ast.IntegerNode:
		var f float64
		switch v := a.Value.(type) {
		case int64:
			f = float64(v)
		case uint64:
			f = float64(v)
		default:
			return c.fail(at, "cannot read number %q", a.GetToken().Value)
		}
		return &node{kind: numNode, at: at, num: f, str: a.GetToken().Value}
	case *ast.FloatNode:
		return &node{kind: numNode, at: at, num: a.Value, str: a.GetToken().Value}
	case *ast.InfinityNode, *ast.NanNode:
		return c.fail(at, "%s is not a finite number", a.GetToken().Value)
	case *ast.StringNode:
		t := a.GetToken()
		if t.Type != token.DoubleQuoteType && t.Type != token.SingleQuoteType {
			// YAML plain scalars such as 1e3 arrive as strings; JSON
			// numbers must be numbers.
			if f, err := strconv.ParseFloat(a.Value, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) && isNumeral(a.Value) {
				return &node{kind: numNode, at: at, num: f, str: a.Value}
			}
		}
		return &node{kind: strNode, at: at, str: a.Value}
	case *ast.LiteralNode:
		s := ""
		if a.Value != nil {
			s = a.Value.Value
		}
		return &node{kind: strNode, at: at, str: s}
	case *ast.TagNode:
		return c.convert(a.Value)
	case *ast.AnchorNode:
		n := c.convert(a.Value)
		if a.Name != nil {
			c.anchors[a.Name.GetToken().Value] = n
		}
		return n
	case *ast.AliasNode:
		name := ""
		if a.Value != nil {
			name = a.Value.GetToken().Value
		}
		n, ok := c.anchors[name]
		if !ok {
			return c.fail(at, "alias *%s names no anchor", name)
		}
		return n
	case *ast.MappingNode:
		n := &node{kind: mapNode, at: at}
		for _, mv := range a.Values {
			c.addPair(n, mv)
		}
		if len(a.Values) > 0 && !a.IsFlowStyle {
			n.at = n.keyAt[0]
		}
		return n
	case *ast.MappingValueNode:
		n := &node{kind: mapNode, at: at}
		c.addPair(n, a)
		n.at = n.keyAt[0]
		return n
	case *ast.SequenceNode:
		n := &node{kind: seqNode, at: at}
		for _, v := range a.Values {
			n.items = append(n.items, c.convert(v))
		}
		return n
	case *ast.CommentGroupNode:
		return &node{kind: nullNode, at: at}
	}
	return c.fail(at, "YAML %s is not supported in a chart spec", a.Type())
}

func (c *converter) addPair(n *node, mv *ast.MappingValueNode) {
	if mv == nil || mv.Key == nil {
		return
	}
	kt := mv.Key.GetToken()
	kp := tokenPos(kt)
	var key string
	switch k := mv.Key.(type) {
	case *ast.StringNode:
		key = k.Value
	case *ast.MergeKeyNode:
		c.fail(kp, "YAML merge keys (<<) are not supported in a chart spec")
		return
	default:
		if kt == nil {
			c.fail(kp, "a key must be text")
			return
		}
		key = kt.Value
	}
	n.keys = append(n.keys, key)
	n.keyAt = append(n.keyAt, kp)
	n.vals = append(n.vals, c.convert(mv.Value))
}

// isNumeral reports whether s is written like a JSON number (so that YAML
// plain words such as "Infinity" or "0x1p3" stay text).
func isNumeral(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9', r == '.', r == 'e', r == 'E':
		case (r == '-' || r == '+') && (i == 0 || s[i-1] == 'e' || s[i-1] == 'E'):
		default:
			return false
		}
	}
	return true
}
