package biblio

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/itu-d/portal/generator/internal/config"
	"github.com/itu-d/portal/generator/internal/diag"
)

// BibTeX reads a BibTeX or BibLaTeX file as Zotero, JabRef and Google
// Scholar export it. It never fails: it returns the entries it could read
// and a problem, at path:line:col, for everything it could not. Entries
// with a broken structure (unbalanced braces, say) are left out.
func (r Reader) BibTeX(path string, src []byte) ([]*Item, []diag.Problem) {
	probs := &problems{path: path, lines: newLines(src)}
	src = probs.validUTF8(src)
	probs.lines = newLines(src)
	p := &bibParser{
		src:    src,
		probs:  probs,
		macros: map[string]string{},
		seen:   seenKeys{},
		limits: r.Limits.OrDefault(),
	}
	for i, m := range monthNames {
		p.macros[m[:3]] = monthNames[i]
	}
	p.parse()
	return p.items, p.probs.list
}

type bibParser struct {
	src    []byte
	i      int
	probs  *problems
	macros map[string]string // lowercase name -> raw value
	seen   seenKeys
	items  []*Item
	limits config.Limits
	// expanded counts the text that macros have added to values in this
	// file, against the bibliographyBytes limit.
	expanded int64
}

type rawField struct {
	name  string // lowercase
	raw   string // the value with delimiters removed, LaTeX as written
	off   int    // where the value starts
	macro string // the macro name when the value is one bare macro
}

type rawEntry struct {
	typ, key string
	off      int
	fields   []rawField
}

func (p *bibParser) parse() {
	for p.i < len(p.src) {
		at := bytes.IndexByte(p.src[p.i:], '@')
		if at < 0 {
			return
		}
		p.i += at
		start := p.i
		p.i++
		// An @ inside a word (an e-mail address in a comment) starts nothing.
		if start > 0 && isIdentByte(p.src[start-1]) {
			continue
		}
		p.skipSpace()
		typ := strings.ToLower(p.ident())
		if typ == "" {
			p.probs.errorf(start, "expected an entry type after @")
			continue
		}
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != '{' && p.src[p.i] != '(' {
			if typ == "comment" {
				p.skipLine()
				continue
			}
			p.probs.errorf(p.i, "expected { or ( after @%s", typ)
			continue
		}
		switch typ {
		case "comment":
			p.skipComment(start)
		case "preamble":
			p.preamble()
		case "string":
			p.stringDef()
		default:
			p.entry(start, typ)
		}
	}
}

func (p *bibParser) skipSpace() {
	for p.i < len(p.src) {
		switch p.src[p.i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
			p.i++
		default:
			return
		}
	}
}

func (p *bibParser) skipLine() {
	for p.i < len(p.src) && p.src[p.i] != '\n' {
		p.i++
	}
}

// isIdentByte reports whether c may appear in an entry type, field name,
// macro name or key. Bytes of UTF-8 sequences are allowed.
func isIdentByte(c byte) bool { return identBytes[c] }

var identBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c >= 0x80 || c > ' ' && c < 0x7f && !strings.ContainsRune("\"#%'(),={}@\\~", rune(c))
	}
	return t
}()

func (p *bibParser) ident() string {
	start := p.i
	for p.i < len(p.src) && isIdentByte(p.src[p.i]) {
		p.i++
	}
	return string(p.src[start:p.i])
}

// resync skips to the next line that starts with @, where parsing can
// start again after a broken entry.
func (p *bibParser) resync() {
	for p.i < len(p.src) {
		nl := bytes.IndexByte(p.src[p.i:], '\n')
		if nl < 0 {
			p.i = len(p.src)
			return
		}
		p.i += nl + 1
		j := p.i
		for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t') {
			j++
		}
		if j < len(p.src) && p.src[j] == '@' {
			p.i = j
			return
		}
	}
}

// entryStartsAt reports whether a new entry ("@type{" or "@type(") starts
// at line offset i, after optional indentation.
func (p *bibParser) entryStartsAt(i int) bool {
	for i < len(p.src) && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	if i >= len(p.src) || p.src[i] != '@' {
		return false
	}
	i++
	j := i
	for j < len(p.src) && isASCIILetter(p.src[j]) {
		j++
	}
	if j == i {
		return false
	}
	for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t') {
		j++
	}
	return j < len(p.src) && (p.src[j] == '{' || p.src[j] == '(')
}

func (p *bibParser) skipComment(start int) {
	open := p.src[p.i]
	closeCh := byte('}')
	if open == '(' {
		closeCh = ')'
	}
	depth := 0
	for ; p.i < len(p.src); p.i++ {
		switch p.src[p.i] {
		case open:
			depth++
		case closeCh:
			depth--
			if depth == 0 {
				p.i++
				return
			}
		}
	}
	p.probs.add(start, "unbalanced braces: @comment is never closed", "", false)
}

func (p *bibParser) preamble() {
	closeCh := closer(p.src[p.i])
	p.i++
	if _, _, ok := p.value("@preamble"); !ok {
		p.resync()
		return
	}
	p.skipSpace()
	if p.i >= len(p.src) || p.src[p.i] != closeCh {
		p.probs.errorf(p.i, "expected %c to end @preamble", closeCh)
		p.resync()
		return
	}
	p.i++
}

func (p *bibParser) stringDef() {
	closeCh := closer(p.src[p.i])
	p.i++
	p.skipSpace()
	nameOff := p.i
	name := strings.ToLower(p.ident())
	if name == "" {
		p.probs.errorf(nameOff, "expected a macro name in @string")
		p.resync()
		return
	}
	p.skipSpace()
	if p.i >= len(p.src) || p.src[p.i] != '=' {
		p.probs.errorf(p.i, "expected = after @string macro name %q", name)
		p.resync()
		return
	}
	p.i++
	raw, _, ok := p.value("@string " + name)
	if !ok {
		p.resync()
		return
	}
	p.skipSpace()
	if p.i >= len(p.src) || p.src[p.i] != closeCh {
		p.probs.errorf(p.i, "expected %c to end @string", closeCh)
		p.resync()
		return
	}
	p.i++
	p.macros[name] = raw
}

func closer(open byte) byte {
	if open == '(' {
		return ')'
	}
	return '}'
}

// entry reads one entry from its opening delimiter.
func (p *bibParser) entry(start int, typ string) {
	closeCh := closer(p.src[p.i])
	p.i++
	p.skipSpace()
	keyOff := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c == ',' || c == closeCh || c == '=' || c == '{' || c == '}' || c <= ' ' || c == 0x7f {
			break
		}
		p.i++
	}
	e := &rawEntry{typ: typ, key: string(p.src[keyOff:p.i]), off: start}
	p.skipSpace()
	if e.key == "" || p.i < len(p.src) && p.src[p.i] == '=' {
		p.probs.add(keyOff, fmt.Sprintf("@%s entry has no key", typ), "write the key right after the brace: @report{itu-2024, ...", false)
		p.resync()
		return
	}
	if p.i >= len(p.src) {
		p.probs.add(start, fmt.Sprintf("unbalanced braces: entry %q is never closed", e.key), "", false)
		return
	}
	switch p.src[p.i] {
	case closeCh:
		p.i++
		p.finish(e)
		return
	case ',':
		p.i++
	default:
		p.probs.errorf(p.i, "expected a comma after key %q", e.key)
		p.resync()
		return
	}
	seen := map[string]bool{}
	for {
		p.skipSpace()
		if p.i >= len(p.src) {
			p.probs.add(start, fmt.Sprintf("unbalanced braces: entry %q is never closed", e.key), "", false)
			return
		}
		if p.src[p.i] == closeCh {
			p.i++
			p.finish(e)
			return
		}
		if p.src[p.i] == ',' {
			p.i++
			continue
		}
		nameOff := p.i
		name := strings.ToLower(p.ident())
		if name == "" {
			p.probs.errorf(nameOff, "expected a field name in entry %q, found %q", e.key, excerpt(p.src[nameOff:]))
			p.resync()
			return
		}
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != '=' {
			p.probs.errorf(p.i, "expected = after field name %q in entry %q", name, e.key)
			p.resync()
			return
		}
		p.i++
		p.skipSpace()
		valOff := p.i
		raw, macro, ok := p.value(name + " of entry " + strconv.Quote(e.key))
		if !ok {
			p.resync()
			return
		}
		if seen[name] {
			p.probs.add(nameOff, fmt.Sprintf("field %q repeated in entry %q; the first value is kept", name, e.key), "", true)
		} else {
			seen[name] = true
			e.fields = append(e.fields, rawField{name: name, raw: raw, off: valOff, macro: macro})
		}
		p.skipSpace()
		if p.i >= len(p.src) {
			continue
		}
		switch c := p.src[p.i]; {
		case c == ',':
			p.i++
		case c == closeCh:
		case isIdentByte(c) && p.fieldFollows():
			p.probs.add(p.i, fmt.Sprintf("missing comma between fields %q and the next one in entry %q", name, e.key), "end each field with a comma", false)
		case c == '@':
			// The value ran into the next entry: one of its braces was
			// never closed, so a later } ended it.
			p.probs.add(valOff, fmt.Sprintf("unbalanced braces: field %q of entry %q opens more braces than it closes", name, e.key),
				"it ran on to the next entry; check the braces in this field", false)
			return
		default:
			p.probs.errorf(p.i, "expected a comma or %c after field %q in entry %q, found %q", closeCh, name, e.key, excerpt(p.src[p.i:]))
			p.resync()
			return
		}
	}
}

// fieldFollows reports whether "name =" starts at p.i.
func (p *bibParser) fieldFollows() bool {
	j := p.i
	for j < len(p.src) && isIdentByte(p.src[j]) {
		j++
	}
	for j < len(p.src) && isSpace(p.src[j]) {
		j++
	}
	return j < len(p.src) && p.src[j] == '='
}

func excerpt(b []byte) string {
	s := string(b[:min(len(b), 20)])
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// value reads a field value: braced, quoted, a number or a macro, joined
// with #. It reports problems itself and returns ok=false when the entry
// cannot be read further.
func (p *bibParser) value(what string) (raw, macro string, ok bool) {
	var b strings.Builder
	start := p.i
	parts := 0
	for {
		p.skipSpace()
		if p.i >= len(p.src) {
			p.probs.errorf(p.i, "expected a value, found the end of the file")
			return "", "", false
		}
		parts++
		macro = ""
		switch c := p.src[p.i]; {
		case c == '{' || c == '"':
			s, ok := p.delimited()
			if !ok {
				return "", "", false
			}
			b.WriteString(s)
		case c >= '0' && c <= '9':
			start := p.i
			for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
				p.i++
			}
			b.Write(p.src[start:p.i])
		case isIdentByte(c):
			off := p.i
			name := p.ident()
			v, found := p.macros[strings.ToLower(name)]
			if !found {
				p.probs.add(off, fmt.Sprintf("unknown @string macro %q", name),
					fmt.Sprintf("define it first with @string{%s = {...}}, or write the value in braces: {%s}", name, name), false)
			}
			macro = strings.ToLower(name)
			if p.expanded += int64(len(v)); p.expanded > p.limits.BibliographyBytes {
				msg, hint := p.limits.Exceeded("bibliographyBytes", 0, "the text @string macros expand to in this file")
				p.probs.add(off, msg, hint, false)
				p.i = len(p.src) // past a limit, the rest of the file is not read
				return "", "", false
			}
			b.WriteString(v)
		default:
			p.probs.errorf(p.i, "expected a value (in braces, in quotes, a number or a macro), found %q", excerpt(p.src[p.i:]))
			return "", "", false
		}
		if b.Len() > int(p.limits.FieldBytes) {
			p.probs.tooLong(p.limits, start, what, b.Len())
			p.i = len(p.src) // past a limit, the rest of the file is not read
			return "", "", false
		}
		p.skipSpace()
		if p.i < len(p.src) && p.src[p.i] == '#' {
			p.i++
			continue
		}
		if parts > 1 {
			macro = ""
		}
		return b.String(), macro, true
	}
}

// delimited reads a {braced} or "quoted" value, delimiters removed.
func (p *bibParser) delimited() (string, bool) {
	start := p.i
	quoted := p.src[p.i] == '"'
	p.i++
	depth := 0
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == '\\':
			p.i += 2
			continue
		case c == '{':
			depth++
		case c == '}':
			if depth == 0 {
				if !quoted {
					p.i++
					return string(p.src[start+1 : p.i-1]), true
				}
				p.probs.add(p.i, "unbalanced braces: } without a matching { in a quoted value", "or the quoted value is missing its closing \"", false)
				return "", false
			}
			depth--
		case c == '"' && quoted && depth == 0:
			p.i++
			return string(p.src[start+1 : p.i-1]), true
		case c == '\n' && p.entryStartsAt(p.i+1):
			// A new entry inside a value: a brace was never closed.
			p.unclosed(start, quoted)
			p.i++
			return "", false
		}
		p.i++
	}
	p.unclosed(start, quoted)
	return "", false
}

func (p *bibParser) unclosed(start int, quoted bool) {
	if quoted {
		p.probs.add(start, "unbalanced braces or quotes: this quoted value is never closed", "check for a missing } or \" before the next entry", false)
		return
	}
	p.probs.add(start, "unbalanced braces: this { is never closed", "check for a missing } before the next entry", false)
}

// finish turns a complete entry into an item and checks what follows it:
// text like ", year = 2020" after the end means a } closed it too early.
func (p *bibParser) finish(e *rawEntry) {
	j := p.i
	for j < len(p.src) && (p.src[j] == ' ' || p.src[j] == '\t' || p.src[j] == '\r') {
		j++
	}
	if j < len(p.src) && (p.src[j] == '}' || p.src[j] == ',') {
		p.probs.add(j, fmt.Sprintf("unbalanced braces: entry %q already ended, but %q follows", e.key, excerpt(p.src[j:])),
			"remove the extra } inside the entry", false)
	}
	it := p.item(e)
	p.seen.check(p.probs, it, e.off)
	p.probs.checkItem(it, e.off)
	p.items = append(p.items, it)
}
