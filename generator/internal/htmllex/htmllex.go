// Package htmllex reads HTML pages into the tokens x/net/html's tokenizer
// gives, with tdewolff/parse's lexer: the one minify (and so Hugo) runs over
// the same pages, several times faster than the tokenizer. It does not try
// to read every page: wherever the two could read a page differently it
// gives up, and the caller reads that page with the tokenizer. On pages as
// Hugo writes them it gives up only on MathML. The search
// index and the audit both read every page of a built site, which at
// 10,000 publications was most of their time; no library reads
// x/net-compatible tokens at the lexer's speed, hence this package.
package htmllex

import (
	"bytes"
	"errors"
	"io"

	"github.com/tdewolff/parse/v2"
	lexhtml "github.com/tdewolff/parse/v2/html"
	"golang.org/x/net/html"
)

// Reader is what both x/net/html's *Tokenizer and a *Lexer give.
type Reader interface {
	Next() html.TokenType
	Err() error
	Text() []byte
	TagName() (name []byte, hasAttr bool)
	TagAttr() (key, val []byte, moreAttr bool)
	Raw() []byte
}

// ErrGaveUp is a Lexer's Err when it met something it may read differently
// from the tokenizer, which must read the page instead.
var ErrGaveUp = errors.New("htmllex: the lexer leaves this page to the tokenizer")

// Lexer gives the tokens x/net/html's tokenizer would. Where the two could
// differ it gives up (Err is ErrGaveUp), and the page must be read again
// with the tokenizer: a NUL or carriage return anywhere, a tag or
// attribute name outside [a-z0-9:_.-], an unterminated quote, a comment
// that is not a plain <!--…-->, CDATA and other <!…> or <?…> forms, a
// doctype other than <!doctype html>, MathML, XML and SVG inside SVG
// (which the lexer swallows whole), noscript, noembed, noframes and
// plaintext (raw text to one and not the other), </> (which the tokenizer
// drops), and raw text that does not end as plainly as it began. FuzzLexerMatchesTokenizer
// holds the two to the same tokens.
type Lexer struct {
	l        *lexhtml.Lexer
	in       *parse.Input // the lexer's input, which knows where a token ends
	page     []byte       // the lexer's copy: it lower-cases names in place
	name     []byte
	attrs    [][2][]byte
	nextAttr int
	raw      []byte // the bytes since the previous token ended
	text     []byte
	unescape bool   // text has references still to decode
	rawTag   []byte // the open element whose content is raw text
	end      int    // where the previous token ended
	err      error

	// An inline <svg> element, which the lexer hands over whole, is read
	// again by a lexer of its own (l and in meanwhile); the page's lexer
	// (outer) goes on after it.
	outer   *lexhtml.Lexer
	outerIn *parse.Input
	svgTag  bool // the svg lexer's first tag is still to come
}

// New reads page, which it leaves as it is.
func New(page []byte) *Lexer {
	z := &Lexer{page: bytes.Clone(page)}
	if bytes.IndexByte(page, 0) >= 0 || bytes.IndexByte(page, '\r') >= 0 {
		z.err = ErrGaveUp
	}
	z.in = parse.NewInputBytes(z.page)
	z.l = lexhtml.NewLexer(z.in)
	return z
}

// Err is io.EOF at the end, ErrGaveUp when the lexer gave up.
func (z *Lexer) Err() error { return z.err }

// Text is the current text, comment or doctype, character references
// decoded where the tokenizer decodes them.
func (z *Lexer) Text() []byte {
	if z.unescape {
		z.text, z.unescape = []byte(html.UnescapeString(string(z.text))), false
	}
	return z.text
}

// Raw is the bytes of the current token, with any the lexer skipped
// before it: summed, they are the offset in the page.
func (z *Lexer) Raw() []byte { return z.raw }

// GaveUp says whether the page must be read with the tokenizer instead.
func (z *Lexer) GaveUp() bool { return z.err == ErrGaveUp }

func (z *Lexer) giveUp() html.TokenType {
	z.err = ErrGaveUp
	return html.ErrorToken
}

// TagName is the current tag's name in lower case, and whether it has
// attributes.
func (z *Lexer) TagName() ([]byte, bool) { return z.name, len(z.attrs) > 0 }

// Attrs are all the current tag's attributes (name, value), whatever
// TagAttr has handed out; they are valid until Next.
func (z *Lexer) Attrs() [][2][]byte { return z.attrs }

// TagAttr is the current tag's next attribute, its value decoded.
func (z *Lexer) TagAttr() (key, val []byte, moreAttr bool) {
	if z.nextAttr >= len(z.attrs) {
		return nil, nil, false
	}
	a := z.attrs[z.nextAttr]
	z.nextAttr++
	return a[0], a[1], z.nextAttr < len(z.attrs)
}

// token is the current token, which ends where the lexer stands.
func (z *Lexer) token(tt html.TokenType) html.TokenType {
	end := z.in.Offset()
	z.raw = z.in.Bytes()[z.end:end]
	z.end = end
	return tt
}

// Next reads the next token.
func (z *Lexer) Next() html.TokenType {
	if z.err != nil {
		return html.ErrorToken
	}
	z.text, z.unescape, z.name, z.attrs, z.nextAttr = nil, false, nil, z.attrs[:0], 0
next:
	for {
		tt, data := z.l.Next()
		switch tt {
		case lexhtml.ErrorToken:
			if z.l.Err() != io.EOF || z.rawTag != nil {
				return z.giveUp()
			}
			if z.outer != nil {
				z.endSVG()
				continue
			}
			z.err = io.EOF
			z.raw = nil
			return html.ErrorToken
		case lexhtml.StartTagToken:
			z.name = z.l.Text()
			if z.svgTag {
				// The lexer is past the name: it may read "svg" again.
				z.svgTag = false
				z.name[2] = 'g'
				z.in.Bytes()[3] = 'g'
			}
			if !plainName(z.name) {
				return z.giveUp()
			}
			switch string(z.name) {
			case "noscript", "noembed", "noframes", "plaintext":
				return z.giveUp()
			}
		case lexhtml.AttributeToken:
			k, v := z.l.AttrKey(), z.l.AttrVal()
			if !plainName(k) {
				return z.giveUp()
			}
			quoted := len(v) > 0 && (v[0] == '"' || v[0] == '\'')
			if quoted && (len(v) < 2 || v[len(v)-1] != v[0]) {
				return z.giveUp()
			}
			switch {
			case bytes.IndexByte(v, '&') >= 0:
				v = decodeAttr(v)
			case quoted:
				v = v[1 : len(v)-1]
			}
			for _, a := range z.attrs {
				if bytes.Equal(a[0], k) {
					continue next // the tokenizer keeps the first of the same name
				}
			}
			z.attrs = append(z.attrs, [2][]byte{k, v})
		case lexhtml.StartTagCloseToken, lexhtml.StartTagVoidToken:
			switch string(z.name) {
			case "script", "style", "title", "textarea", "xmp", "iframe":
				if tt == lexhtml.StartTagVoidToken {
					return z.giveUp()
				}
				z.rawTag = z.name
			}
			if tt == lexhtml.StartTagVoidToken {
				return z.token(html.SelfClosingTagToken)
			}
			return z.token(html.StartTagToken)
		case lexhtml.TextToken:
			if bytes.HasPrefix(data, []byte("<!")) || z.rawTag == nil && bytes.Contains(data, []byte("</>")) ||
				string(z.rawTag) == "script" && bytes.Contains(data, []byte("<!--")) {
				return z.giveUp() // CDATA; </>, which the tokenizer drops; script text in states the two do not share
			}
			z.text = data
			z.unescape = bytes.IndexByte(data, '&') >= 0 && (z.rawTag == nil || string(z.rawTag) == "title" || string(z.rawTag) == "textarea")
			return z.token(html.TextToken)
		case lexhtml.EndTagToken:
			name := z.l.Text()
			if i := bytes.IndexAny(name, " \t\n\f/"); i >= 0 {
				name = name[:i]
			}
			if !plainName(name) || !bytes.HasSuffix(data, []byte(">")) {
				return z.giveUp()
			}
			if z.rawTag != nil {
				if !bytes.Equal(name, z.rawTag) {
					return z.giveUp()
				}
				z.rawTag = nil
			}
			z.name = name
			return z.token(html.EndTagToken)
		case lexhtml.CommentToken:
			if !plainComment(data) {
				return z.giveUp()
			}
			z.text = data[4 : len(data)-3]
			return z.token(html.CommentToken)
		case lexhtml.DoctypeToken:
			if !bytes.HasSuffix(data, []byte(">")) || !bytes.EqualFold(data, []byte("<!doctype html>")) {
				return z.giveUp()
			}
			z.text = data[len("<!doctype ") : len(data)-1] // "html" as written
			return z.token(html.DoctypeToken)
		case lexhtml.SVGToken:
			if z.outer != nil || !z.readSVG(data) {
				return z.giveUp() // an svg inside an svg; one that does not end plainly
			}
		default: // MathML, XML, templates
			return z.giveUp()
		}
	}
}

// readSVG goes on with the lexer of an svg element that the page's lexer
// handed over whole: to it, the element is HTML like any other, as it is
// to the tokenizer. Its own lexer would hand it over whole again, so the
// element's name reaches it as "sv_", of the same length, and leaves it as
// "svg". An element the page's lexer cut anywhere but after a plain end
// tag is left to the tokenizer.
func (z *Lexer) readSVG(data []byte) bool {
	end := bytes.LastIndexByte(data, '<')
	if len(data) < 4 || end < 0 || !bytes.HasPrefix(data[end:], []byte("</svg")) || data[len(data)-1] != '>' {
		return false
	}
	if z.end+len(data) != z.in.Offset() {
		return false // bytes between the previous token and the element
	}
	own := bytes.Clone(data)
	own[3] = '_'
	z.outer, z.outerIn = z.l, z.in
	z.in = parse.NewInputBytes(own)
	z.l = lexhtml.NewLexer(z.in)
	z.end, z.svgTag = 0, true
	return true
}

// endSVG returns to the page's lexer after an svg element.
func (z *Lexer) endSVG() {
	z.l, z.in = z.outer, z.outerIn
	z.outer, z.outerIn = nil, nil
	z.end = z.in.Offset()
}

// plainName: a tag or attribute name both readers end in the same place.
func plainName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == ':' || c == '.') {
			return false
		}
	}
	return true
}

// plainComment: <!--text--> where text neither starts with > or -> nor
// holds "--!" or ends in "-", which HTML reads in ways of its own.
func plainComment(b []byte) bool {
	if len(b) < 7 || !bytes.HasPrefix(b, []byte("<!--")) || !bytes.HasSuffix(b, []byte("-->")) {
		return false
	}
	in := b[4 : len(b)-3]
	return !bytes.HasPrefix(in, []byte(">")) && !bytes.HasPrefix(in, []byte("->")) && !bytes.Contains(in, []byte("--!")) && !bytes.HasSuffix(in, []byte("-"))
}

// decodeAttr decodes a raw attribute value (with its quotes, if any) as
// the tokenizer does, by letting it read one: attribute values have their
// own rules for references without a semicolon.
func decodeAttr(raw []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(append(append([]byte("<a v="), raw...), '>')))
	z.Next()
	_, v, _ := z.TagAttr()
	return append([]byte(nil), v...)
}

// ContainsFold is bytes.Contains ignoring ASCII case; sub is lower case.
// Readers of x/net/html's tokenizer use it on a tag's raw bytes to skip
// reading attributes (which allocates) that cannot be there.
func ContainsFold(b []byte, sub string) bool {
	for i := 0; i+len(sub) <= len(b); i++ {
		j := 0
		for j < len(sub) && b[i+j]|0x20 == sub[j] {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}
