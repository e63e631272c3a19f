package audit

import (
	"bytes"
	"io"

	"github.com/tdewolff/parse/v2"
	lexhtml "github.com/tdewolff/parse/v2/html"
	"golang.org/x/net/html"
)

// attr is one attribute of a start tag: its name in lower case and its
// value with character references decoded, as x/net/html gives them.
type attr struct{ k, v []byte }

// visitFunc receives each start tag (self-closing ones too) in document
// order; name and attrs are only valid during the call.
type visitFunc func(name []byte, attrs []attr)

// lexTags hands every start tag of page to visit. The audit only needs
// tags and attributes, and at 10,000 publications reading them with
// x/net/html's tokenizer was most of its time. tdewolff/parse's lexer, the
// one minify (and so Hugo) runs over the same pages, is several times
// faster. ok is false, and the page must be read again by tokenizeTags
// (the reference) with whatever visit gathered thrown away, when the page holds anything the
// two lexers treat differently: a NUL or carriage return, a tag or
// attribute name outside [a-z0-9:_.-], an unterminated quote, a comment
// that is not a plain <!--…-->, CDATA or another <!…> or <?…> form, inline
// SVG, MathML or XML (which the lexer swallows whole), the elements x/net
// reads as raw text and the lexer does not (noscript, noembed, noframes),
// and raw text that does not end as plainly as it began.
// TestLexTagsMatchesTokenizer and FuzzLexTags hold the two equal. Tag
// and attribute names in page are lower-cased in place, so a page read
// again must be read from another copy.
func lexTags(page []byte, visit visitFunc) (ok bool) {
	if bytes.IndexByte(page, 0) >= 0 || bytes.IndexByte(page, '\r') >= 0 {
		return false
	}
	l := lexhtml.NewLexer(parse.NewInputBytes(page))
	var name, raw []byte
	var attrs []attr
	for {
		tt, data := l.Next()
		switch tt {
		case lexhtml.ErrorToken:
			return l.Err() == io.EOF && raw == nil
		case lexhtml.StartTagToken:
			name, attrs = l.Text(), attrs[:0]
			if !plainName(name) {
				return false
			}
			switch string(name) {
			case "noscript", "noembed", "noframes":
				return false
			}
		case lexhtml.AttributeToken:
			k, v := l.AttrKey(), l.AttrVal()
			if !plainName(k) {
				return false
			}
			if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
				if len(v) < 2 || v[len(v)-1] != v[0] {
					return false
				}
				if bytes.IndexByte(v, '&') >= 0 {
					v = decodeAttr(v)
				} else {
					v = v[1 : len(v)-1]
				}
			} else if bytes.IndexByte(v, '&') >= 0 {
				v = decodeAttr(v)
			}
			attrs = append(attrs, attr{k, v})
		case lexhtml.StartTagCloseToken, lexhtml.StartTagVoidToken:
			visit(name, attrs)
			switch string(name) {
			case "script", "style", "title", "textarea", "xmp", "iframe":
				if tt == lexhtml.StartTagVoidToken {
					return false
				}
				raw = name
			case "plaintext":
				return false
			}
		case lexhtml.TextToken:
			// CDATA comes as text; so does script text, whose <!-- opens
			// states the two lexers do not share.
			if bytes.HasPrefix(data, []byte("<!")) || string(raw) == "script" && bytes.Contains(data, []byte("<!--")) {
				return false
			}
		case lexhtml.EndTagToken:
			if raw != nil {
				if !bytes.Equal(l.Text(), raw) || !bytes.HasSuffix(data, []byte(">")) {
					return false
				}
				raw = nil
			}
		case lexhtml.CommentToken:
			if !plainComment(data) {
				return false
			}
		case lexhtml.DoctypeToken:
			if !bytes.HasSuffix(data, []byte(">")) {
				return false
			}
		default: // SVG, MathML, XML, templates
			return false
		}
	}
}

// plainName: a tag or attribute name both lexers end in the same place.
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
// holds "--!", which HTML treats specially.
func plainComment(b []byte) bool {
	if len(b) < 7 || !bytes.HasPrefix(b, []byte("<!--")) || !bytes.HasSuffix(b, []byte("-->")) {
		return false
	}
	in := b[4 : len(b)-3]
	return !bytes.HasPrefix(in, []byte(">")) && !bytes.HasPrefix(in, []byte("->")) && !bytes.Contains(in, []byte("--!")) && !bytes.HasSuffix(in, []byte("-"))
}

// decodeAttr decodes a raw attribute value (with its quotes, if any) as
// x/net/html does, by letting its tokenizer read it: attribute values have
// their own rules for references without a semicolon.
func decodeAttr(raw []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(append(append([]byte("<a v="), raw...), '>')))
	z.Next()
	_, v, _ := z.TagAttr()
	return append([]byte(nil), v...)
}

// tokenizeTags reads start tags with x/net/html's tokenizer, the reference
// for lexTags. Attributes are read only for tags that may carry one the
// audit asks about: reading them allocates, and most tags carry none.
func tokenizeTags(page []byte, visit visitFunc) {
	z := html.NewTokenizer(bytes.NewReader(page))
	var attrs []attr
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		attrs = attrs[:0]
		if hasAttr && !attrsWanted(string(name), z.Raw()) {
			hasAttr = false
		}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			attrs = append(attrs, attr{k, v})
		}
		visit(name, attrs)
	}
}

// attrsWanted says whether a start tag may have an attribute scanPage
// reads: any tag an id, a link its target, a meta tag an image.
func attrsWanted(name string, raw []byte) bool {
	switch name {
	case "body", "a", "link", "script", "img", "source":
		return true
	case "meta":
		return containsFold(raw, "image") || containsFold(raw, "id")
	}
	return containsFold(raw, "id")
}

// containsFold is bytes.Contains ignoring ASCII case; sub is lower case.
func containsFold(b []byte, sub string) bool {
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
