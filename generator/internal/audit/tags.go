package audit

import (
	"bytes"

	"golang.org/x/net/html"

	"github.com/itu-d/portal/generator/internal/htmllex"
)

// attr is one attribute of a start tag: its name in lower case and its
// value with character references decoded, as x/net/html gives them.
type attr struct{ k, v []byte }

// visitFunc receives each start tag (self-closing ones too) in document
// order; name and attrs are only valid during the call.
type visitFunc func(name []byte, attrs []attr)

// lexTags hands every start tag of page to visit, read with htmllex: at
// 10,000 publications reading tags with x/net/html's tokenizer was most of
// the audit's time. ok is false when the lexer gave up, and the page must
// be read again by tokenizeTags with whatever visit gathered thrown away.
func lexTags(page []byte, visit visitFunc) (ok bool) {
	z := htmllex.New(page)
	var attrs []attr
	for {
		switch z.Next() {
		case html.ErrorToken:
			return !z.GaveUp()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			attrs = attrs[:0]
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				attrs = append(attrs, attr{k, v})
			}
			visit(name, attrs)
		}
	}
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
