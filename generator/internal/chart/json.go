package chart

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// parseJSON reads a spec written as plain JSON into the node tree the YAML
// parser would build, positions included, at a fraction of its cost. It
// declines (ok false) anything it is not sure to read the same way: syntax
// errors, duplicate keys, unusual escapes, deep nesting; ParseSpec then
// hands the source to the YAML parser, which reports problems as before.
func parseJSON(src []byte) (n *node, ok bool) {
	p := &jsonParser{src: src, line: 1, markCol: 1}
	p.space()
	if p.i >= len(src) || src[p.i] != '{' {
		return nil, false
	}
	p.text = string(src)
	// Every key comes before a colon, and so does every value but the
	// outermost and the elements of arrays; counting braces and brackets
	// as well makes room for most specs in one block without doubling it.
	colons := bytes.Count(src, []byte(":"))
	values := colons + bytes.Count(src, []byte("{")) + bytes.Count(src, []byte("["))
	p.slab = make([]node, values)
	p.keySlab, p.keyAtSlab, p.valSlab = make([]string, colons), make([]pos, colons), make([]*node, values)
	p.keys, p.keyAt, p.vals = make([]string, 0, 16), make([]pos, 0, 16), make([]*node, 0, 16) // the open entries of most specs
	n = p.value(0)
	if p.bad {
		return nil, false
	}
	p.space()
	if p.i != len(src) {
		return nil, false
	}
	return n, true
}

type jsonParser struct {
	src  []byte
	text string // src, which strings without escapes share
	i    int
	bad  bool

	// data files: any JSON is read, and the first problem is kept with
	// its position, as no YAML parser reads them again.
	data  bool
	err   string
	errAt pos

	line    int
	markOff int // an offset on the current line whose column is known
	markCol int

	slab []node

	// Entries of the open objects and arrays, copied out at their end so
	// that each gets slices of its exact size, cut from the slabs.
	keys      []string
	keyAt     []pos
	vals      []*node
	keySlab   []string
	keyAtSlab []pos
	valSlab   []*node
}

// take cuts k entries off the front of a slab, or allocates them when the
// slab is used up.
func take[T any](slab *[]T, k int) []T {
	if len(*slab) < k {
		return make([]T, k)
	}
	s := (*slab)[:k:k]
	*slab = (*slab)[k:]
	return s
}

// at is the position of offset i, which never lies before the last one
// asked for: columns count characters, a tab as one (parseNode turns tabs
// into spaces for the YAML parser too).
func (p *jsonParser) at(i int) pos {
	p.markCol += utf8.RuneCount(p.src[p.markOff:i])
	p.markOff = i
	return pos{p.line, p.markCol}
}

func (p *jsonParser) newNode(kind nodeKind, at pos) *node {
	if len(p.slab) == 0 {
		p.slab = make([]node, 16)
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	n.kind, n.at = kind, at
	return n
}

func (p *jsonParser) space() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t':
			p.i++
		case '\r':
			if !p.data {
				return
			}
			p.i++
		case '\n':
			p.i++
			p.line++
			p.markOff, p.markCol = p.i, 1
		default:
			return
		}
	}
}

// fail marks the input bad, keeping the first problem for data files.
func (p *jsonParser) fail(msg string) {
	if p.data && p.err == "" {
		p.err, p.errAt = msg, p.at(min(p.i, len(p.src)))
	}
	p.bad = true
}

func (p *jsonParser) value(depth int) *node {
	if p.data && depth > 64 {
		p.fail("the data is nested more than 64 levels deep")
		return nil
	}
	if !p.data && depth > 48 || p.i >= len(p.src) {
		p.fail("unexpected end of the file")
		return nil
	}
	at := p.at(p.i)
	switch c := p.src[p.i]; {
	case c == '{':
		return p.object(at, depth)
	case c == '[':
		return p.array(at, depth)
	case c == '"':
		s, ok := p.str()
		if !ok {
			p.fail("bad string")
			return nil
		}
		n := p.newNode(strNode, at)
		n.str = s
		return n
	case c == '-' || c >= '0' && c <= '9':
		return p.number(at)
	case p.word("true"):
		n := p.newNode(boolNode, at)
		n.b, n.str = true, "true"
		return n
	case p.word("false"):
		n := p.newNode(boolNode, at)
		n.str = "false"
		return n
	case p.word("null"):
		return p.newNode(nullNode, at)
	}
	p.fail(fmt.Sprintf("unexpected %q", string(rune(p.src[p.i]))))
	return nil
}

// word consumes w when it stands alone at the current offset.
func (p *jsonParser) word(w string) bool {
	end := p.i + len(w)
	if end > len(p.src) || string(p.src[p.i:end]) != w || !p.plainEnd(end) {
		return false
	}
	p.i = end
	return true
}

// plainEnd says whether an unquoted scalar may end at i. The YAML parser
// misplaces one followed by blanks at the end of a line, so those are left
// to it.
func (p *jsonParser) plainEnd(i int) bool {
	if i == len(p.src) {
		return true
	}
	if p.data {
		switch p.src[i] {
		case ',', '}', ']', '\n', ' ', '\t', '\r':
			return true
		}
		return false
	}
	switch p.src[i] {
	case ',', '}', ']', '\n':
		return true
	case ' ', '\t':
		for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t') {
			i++
		}
		return i == len(p.src) || p.src[i] != '\n'
	}
	return false
}

func (p *jsonParser) object(at pos, depth int) *node {
	n := p.newNode(mapNode, at)
	p.i++
	p.space()
	if p.i < len(p.src) && p.src[p.i] == '}' {
		p.i++
		return n
	}
	base, vbase := len(p.keys), len(p.vals)
	defer func() {
		if k := len(p.keys) - base; k > 0 {
			n.keys = take(&p.keySlab, k)
			n.keyAt = take(&p.keyAtSlab, k)
			n.vals = take(&p.valSlab, k)
			copy(n.keys, p.keys[base:])
			copy(n.keyAt, p.keyAt[base:])
			copy(n.vals, p.vals[vbase:])
		}
		p.keys, p.keyAt, p.vals = p.keys[:base], p.keyAt[:base], p.vals[:vbase]
	}()
	for !p.bad {
		if p.i >= len(p.src) || p.src[p.i] != '"' {
			p.fail("expected a key in quotes")
			break
		}
		kat := p.at(p.i)
		k, ok := p.str()
		if !ok || k == "<<" && !p.data {
			p.fail("bad key")
			break
		}
		dup := -1
		for j, seen := range p.keys[base:] {
			if seen == k {
				dup = j
			}
		}
		if dup >= 0 && !p.data {
			p.bad = true // the YAML parser reports it
			return n
		}
		p.space()
		if p.i >= len(p.src) || p.src[p.i] != ':' {
			p.fail("expected a colon")
			break
		}
		p.i++
		p.space()
		v := p.value(depth + 1)
		if p.bad {
			break
		}
		if dup >= 0 {
			// In data, a repeated key takes the last value, as JSON.parse does.
			p.vals[vbase+dup] = v
		} else {
			p.keys = append(p.keys, k)
			p.keyAt = append(p.keyAt, kat)
			p.vals = append(p.vals, v)
		}
		if !p.more('}') {
			return n
		}
	}
	return n
}

func (p *jsonParser) array(at pos, depth int) *node {
	n := p.newNode(seqNode, at)
	p.i++
	p.space()
	if p.i < len(p.src) && p.src[p.i] == ']' {
		p.i++
		return n
	}
	base := len(p.vals)
	defer func() {
		if k := len(p.vals) - base; k > 0 {
			n.items = take(&p.valSlab, k)
			copy(n.items, p.vals[base:])
		}
		p.vals = p.vals[:base]
	}()
	for !p.bad {
		v := p.value(depth + 1)
		if p.bad {
			break
		}
		p.vals = append(p.vals, v)
		if !p.more(']') {
			return n
		}
	}
	return n
}

// more reads what follows a member or item: a comma (true: more follow) or
// close (false: done). Anything else marks the input bad (false).
func (p *jsonParser) more(close byte) bool {
	p.space()
	if p.i < len(p.src) && p.src[p.i] == ',' {
		p.i++
		p.space()
		return true
	}
	if p.i < len(p.src) && p.src[p.i] == close {
		p.i++
		return false
	}
	p.fail(fmt.Sprintf("expected %q or a comma", string(close)))
	return false
}

// str reads a string at p.i. Escapes are limited to those that read the
// same in YAML's double-quoted style.
func (p *jsonParser) str() (string, bool) {
	start := p.i + 1
	i := start
	plain, ascii := true, true
	for ; i < len(p.src); i++ {
		c := p.src[i]
		if c == '"' {
			break
		}
		if c < 0x20 || c == 0x7f && !p.data {
			return "", false
		}
		if c == '\\' {
			plain = false
			i++
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if i >= len(p.src) {
		return "", false
	}
	raw := p.src[start:i]
	p.i = i + 1
	if !ascii && !utf8.Valid(raw) {
		return "", false
	}
	if plain {
		return p.text[start:i], true
	}
	out := make([]byte, 0, len(raw))
	for j := 0; j < len(raw); j++ {
		c := raw[j]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		j++
		if j >= len(raw) {
			return "", false
		}
		switch raw[j] {
		case '"', '\\', '/':
			out = append(out, raw[j])
		case 'n':
			out = append(out, '\n')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'u':
			if j+4 >= len(raw) {
				return "", false
			}
			v, err := strconv.ParseUint(string(raw[j+1:j+5]), 16, 32)
			if err != nil || !p.data && (v >= 0xd800 && v < 0xe000 || v == 0) {
				return "", false
			}
			j += 4
			if v >= 0xd800 && v < 0xdc00 && j+6 < len(raw) && raw[j+1] == '\\' && raw[j+2] == 'u' {
				if lo, err := strconv.ParseUint(string(raw[j+3:j+7]), 16, 32); err == nil && lo >= 0xdc00 && lo < 0xe000 {
					v = 0x10000 + (v-0xd800)<<10 + (lo - 0xdc00)
					j += 6
				}
			}
			out = utf8.AppendRune(out, rune(v))
		default:
			return "", false
		}
	}
	return string(out), true
}

// number reads a JSON number; integers read as the YAML parser reads them
// (so "-0" is 0).
func (p *jsonParser) number(at pos) *node {
	start := p.i
	i := p.i
	if p.src[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(p.src) && p.src[i] >= '0' && p.src[i] <= '9' {
			i++
		}
		return i - j
	}
	intStart := i
	if digits() == 0 || p.src[intStart] == '0' && i-intStart > 1 {
		p.fail("bad number")
		return nil
	}
	isInt := true
	if i < len(p.src) && p.src[i] == '.' {
		i++
		isInt = false
		if digits() == 0 {
			p.bad = true
			return nil
		}
	}
	if i < len(p.src) && (p.src[i] == 'e' || p.src[i] == 'E') {
		i++
		isInt = false
		if i < len(p.src) && (p.src[i] == '+' || p.src[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.bad = true
			return nil
		}
	}
	if !p.plainEnd(i) {
		p.fail("bad number")
		return nil
	}
	text := p.text[start:i]
	p.i = i
	var f float64
	if isInt {
		v, err := strconv.ParseInt(text, 10, 64)
		switch {
		case err == nil:
			f = float64(v)
		case p.data:
			f, _ = strconv.ParseFloat(text, 64)
		default:
			p.bad = true // beyond int64: left to the YAML parser
			return nil
		}
	} else {
		v, err := strconv.ParseFloat(text, 64)
		if err != nil {
			p.bad = true
			return nil
		}
		f = v
	}
	n := p.newNode(numNode, at)
	n.num, n.str = f, text
	return n
}

// parseJSONData reads a JSON data file (any JSON value at the top) into
// nodes with positions; memory grows with the file, depth is bounded.
func parseJSONData(src []byte) (n *node, at pos, msg string) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	p := &jsonParser{src: src, line: 1, markCol: 1, data: true}
	p.text = string(src)
	colons := bytes.Count(src, []byte(":"))
	values := colons + bytes.Count(src, []byte("{")) + bytes.Count(src, []byte("[")) + bytes.Count(src, []byte(","))
	p.slab = make([]node, values+1)
	p.keySlab, p.keyAtSlab, p.valSlab = make([]string, colons), make([]pos, colons), make([]*node, values+1)
	p.space()
	if p.i >= len(src) {
		return nil, pos{1, 1}, "the file is empty"
	}
	n = p.value(0)
	if !p.bad {
		p.space()
		if p.i != len(src) {
			p.fail("unexpected text after the data")
		}
	}
	if p.bad {
		if p.err == "" {
			p.err, p.errAt = "cannot read the JSON", p.at(min(p.i, len(src)))
		}
		return nil, p.errAt, p.err
	}
	return n, pos{}, ""
}
