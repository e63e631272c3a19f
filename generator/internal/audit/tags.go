package audit

import (
	"bytes"

	"golang.org/x/net/html"

	"github.com/itu-d/portal/generator/internal/htmllex"
)

// attr is one attribute of a start tag: its name in lower case and its
// value with character references decoded, as x/net/html gives them.
type attr = [2][]byte

// visitFunc receives each start tag (self-closing ones too) in document
// order; name and attrs are only valid during the call.
type visitFunc func(name []byte, attrs []attr)

// tee is a page's tokens from htmllex, each start tag handed to visit as
// it passes: the audit reads the page through it, and so may another
// reader (the search index) that lexes the same page. At 10,000
// publications reading tags with x/net/html's tokenizer was most of the
// audit's time.
type tee struct {
	*htmllex.Lexer
	visit visitFunc
}

func (t tee) Next() html.TokenType {
	tt := t.Lexer.Next()
	if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
		name, _ := t.TagName()
		t.visit(name, t.Attrs())
	}
	return tt
}

// lexTags hands every start tag of page to visit, as they pass through
// the reader also is handed first (when not nil), then through the rest.
// ok is false when the lexer gave up, and the page must be read again by
// tokenizeTags with whatever visit gathered thrown away.
func lexTags(page []byte, visit visitFunc, also func(r htmllex.Reader)) (ok bool) {
	t := tee{htmllex.New(page), visit}
	if also != nil {
		also(t)
	}
	for t.Next() != html.ErrorToken {
	}
	return !t.GaveUp()
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
		return htmllex.ContainsFold(raw, "image") || htmllex.ContainsFold(raw, "id")
	}
	return htmllex.ContainsFold(raw, "id")
}
