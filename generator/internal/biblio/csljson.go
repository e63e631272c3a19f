package biblio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/itu-d/portal/generator/internal/config"
	"github.com/itu-d/portal/generator/internal/diag"
)

// CSLJSON reads CSL-JSON: an array of items or a single item. Problems
// carry the position of the offending record or value.
func (rd Reader) CSLJSON(path string, src []byte) ([]*Item, []diag.Problem) {
	lim := rd.Limits.OrDefault()
	p := &problems{path: path, lines: newLines(src)}
	if off := jsonTooDeep(src, int(lim.NestingDepth)); off >= 0 {
		msg, hint := lim.Exceeded("nestingDepth", 0, "the JSON")
		p.add(off, msg, hint, false)
		return nil, p.list
	}
	r := &cslReader{p: p, src: src, seen: seenKeys{}, limits: lim}
	r.read()
	return r.items, p.list
}

type cslReader struct {
	p      *problems
	src    []byte
	seen   seenKeys
	items  []*Item
	limits config.Limits
}

func (r *cslReader) read() {
	off := skipJSONSpace(r.src, 0)
	if off < len(r.src) && bytes.HasPrefix(r.src[off:], []byte("\xef\xbb\xbf")) {
		off = skipJSONSpace(r.src, off+3)
	}
	if off >= len(r.src) {
		r.p.add(0, "empty file: expected a CSL-JSON array of items or one item", "", false)
		return
	}
	dec := json.NewDecoder(bytes.NewReader(r.src[off:]))
	dec.UseNumber()
	base := off
	fail := func(err error) {
		r.syntax(err, base, int(dec.InputOffset()))
	}
	switch r.src[off] {
	case '[':
		if _, err := dec.Token(); err != nil {
			fail(err)
			return
		}
		for dec.More() {
			start := base + skipJSONSpace(r.src[base:], int(dec.InputOffset()))
			if start < len(r.src) && r.src[start] == ',' {
				start = skipJSONSpace(r.src, start+1)
			}
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				fail(err)
				return
			}
			r.record(raw, start)
		}
		if _, err := dec.Token(); err != nil {
			fail(err)
			return
		}
	case '{':
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			fail(err)
			return
		}
		r.record(raw, off)
	default:
		r.p.add(off, fmt.Sprintf("expected a CSL-JSON array of items or one item, found %q", excerpt(r.src[off:])), "", false)
		return
	}
	if end := base + skipJSONSpace(r.src[base:], int(dec.InputOffset())); end < len(r.src) {
		r.p.add(end, "unexpected text after the end of the JSON value", "", false)
	}
}

func (r *cslReader) syntax(err error, base, at int) {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		r.p.add(base+int(se.Offset), "JSON syntax error: "+se.Error(), "", false)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		r.p.add(len(r.src), "JSON syntax error: the file ends before the JSON value does", "check for a missing ] or }", false)
	default:
		r.p.add(base+at, "JSON error: "+err.Error(), "", false)
	}
}

func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

func jsonKind(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 {
		return "nothing"
	}
	switch v[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// record reads one item; start is its offset in the file.
func (r *cslReader) record(raw json.RawMessage, start int) {
	if raw[0] != '{' {
		r.p.add(start, fmt.Sprintf("each item must be a JSON object, not %s", jsonKind(raw)), "", false)
		return
	}
	it := &Item{Pos: r.p.posOf(start)}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	dec.Token()
	for dec.More() {
		tok, _ := dec.Token()
		key, _ := tok.(string)
		keyEnd := int(dec.InputOffset())
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return
		}
		at := skipJSONSpace(raw, keyEnd)
		if at < len(raw) && raw[at] == ':' {
			at = skipJSONSpace(raw, at+1)
		}
		if len(v) > int(r.limits.FieldBytes) {
			r.p.tooLong(r.limits, start+at, strconv.Quote(key), len(v))
			continue
		}
		r.field(it, key, v, start+at)
	}
	if it.ID == "" {
		r.p.add(start, "item has no \"id\"", "CSL-JSON items need a unique id", false)
	}
	if it.Type == "" {
		r.p.add(start, fmt.Sprintf("%s has no \"type\"", describe(it)), "use a CSL type such as report, book or article-journal", false)
		it.Type = "document"
	}
	r.seen.check(r.p, it, start)
	r.p.checkItem(it, start)
	r.items = append(r.items, it)
}

// cslStrings maps CSL variables to the item fields that hold them.
func cslStrings(it *Item) map[string]*string {
	return map[string]*string{
		"title-short": &it.TitleShort, "container-title": &it.ContainerTitle,
		"collection-title": &it.CollectionTitle, "collection-number": &it.CollectionNumber,
		"number": &it.Number, "genre": &it.Genre, "edition": &it.Edition, "version": &it.Version,
		"volume": &it.Volume, "issue": &it.Issue, "page": &it.Page, "publisher": &it.Publisher,
		"publisher-place": &it.PublisherPlace, "ISBN": &it.ISBN, "ISSN": &it.ISSN, "DOI": &it.DOI,
		"URL": &it.URL, "abstract": &it.Abstract, "language": &it.Language, "note": &it.Note,
	}
}

// cslKnown lists the variables that have a field of their own.
var cslKnown = cslStrings(&Item{})

// titleVars are the variables that may carry <span class="nocase">.
var titleVars = map[string]bool{"title": true, "title-short": true, "container-title": true, "collection-title": true}

func (r *cslReader) field(it *Item, key string, v json.RawMessage, at int) {
	str := func() (string, bool) {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return collapseSpace(s), true
		}
		var n json.Number
		if json.Unmarshal(v, &n) == nil && key != "type" && !titleVars[key] {
			return n.String(), true
		}
		r.p.add(at, fmt.Sprintf("%q must be a string, not %s", key, jsonKind(v)), "", false)
		return "", false
	}
	switch key {
	case "editorial":
		// Editors' notes, whatever their shape, are kept whole and never
		// written out (a structured note would otherwise be kept raw among
		// the unknown variables, which the export writes back).
		var text string
		if json.Unmarshal(v, &text) != nil {
			text = string(v)
		}
		it.Editorial = text
	case "id":
		it.ID, _ = str()
	case "type":
		it.Type, _ = str()
	case "title":
		if s, ok := str(); ok {
			it.Title = collapseSpace(r.nocase(it, s))
		}
	case "author", "editor":
		names, ok := r.names(key, v, at)
		if ok && key == "author" {
			it.Author = names
		} else if ok {
			it.Editor = names
		}
	case "issued", "accessed":
		d := r.date(key, v, at)
		if key == "issued" {
			it.Issued = d
		} else {
			it.Accessed = d
		}
	case "keyword":
		var list []string
		if json.Unmarshal(v, &list) == nil {
			it.Keywords = list
		} else if s, ok := str(); ok {
			it.Keywords = splitKeywords(s)
		}
	default:
		if p := cslStrings(it)[key]; p != nil {
			s, ok := str()
			if !ok {
				return
			}
			switch key {
			case "DOI":
				s = bareDOI(s)
			case "page":
				s = normPages(s)
			case "language":
				s = normLanguage(s)
			}
			if titleVars[key] {
				s = collapseSpace(r.nocase(it, s))
			}
			*p = s
			return
		}
		var s string
		if json.Unmarshal(v, &s) == nil {
			it.setExtra(key, s)
			return
		}
		var b bytes.Buffer
		json.Compact(&b, v)
		if it.rawExtra == nil {
			it.rawExtra = map[string]string{}
		}
		it.rawExtra[key] = b.String()
	}
}

const nocaseOpen, nocaseClose = `<span class="nocase">`, `</span>`

// nocase removes <span class="nocase"> markup, nested or not, remembering
// what it marked.
func (r *cslReader) nocase(it *Item, s string) string {
	if !strings.Contains(s, nocaseOpen) {
		return s
	}
	var b strings.Builder
	depth, start := 0, 0
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, nocaseOpen):
			if depth == 0 {
				start = b.Len()
			}
			depth++
			s = s[len(nocaseOpen):]
		case depth > 0 && strings.HasPrefix(s, nocaseClose):
			depth--
			if depth == 0 {
				it.addNoCase(collapseSpace(b.String()[start:]))
			}
			s = s[len(nocaseClose):]
		default:
			b.WriteByte(s[0])
			s = s[1:]
		}
	}
	if depth > 0 {
		it.addNoCase(collapseSpace(b.String()[start:]))
	}
	return b.String()
}

type cslName struct {
	Family              *string `json:"family"`
	Given               *string `json:"given"`
	Literal             *string `json:"literal"`
	NonDroppingParticle *string `json:"non-dropping-particle"`
	DroppingParticle    *string `json:"dropping-particle"`
	Suffix              *string `json:"suffix"`
}

func (r *cslReader) names(key string, v json.RawMessage, at int) ([]Name, bool) {
	var list []json.RawMessage
	if json.Unmarshal(v, &list) != nil {
		r.p.add(at, fmt.Sprintf("%q must be an array of names, not %s", key, jsonKind(v)), `write [{"family": "...", "given": "..."}] or [{"literal": "..."}]`, false)
		return nil, false
	}
	var out []Name
	for _, raw := range list {
		var n cslName
		if json.Unmarshal(raw, &n) != nil {
			r.p.add(at, fmt.Sprintf("each %s must be an object with string parts, not %s", key, jsonKind(raw)), "", false)
			return nil, false
		}
		s := func(p *string) string {
			if p == nil {
				return ""
			}
			return collapseSpace(*p)
		}
		name := Name{Family: s(n.Family), Given: s(n.Given), Literal: s(n.Literal),
			NonDroppingParticle: s(n.NonDroppingParticle), DroppingParticle: s(n.DroppingParticle), Suffix: s(n.Suffix)}
		if !name.IsZero() {
			out = append(out, name)
		}
	}
	return out, true
}

func (r *cslReader) date(key string, v json.RawMessage, at int) Date {
	var s string
	if json.Unmarshal(v, &s) == nil {
		if d, ok := parseISODate(s); ok {
			return d
		}
		return Date{Literal: s}
	}
	var d struct {
		DateParts [][]json.RawMessage `json:"date-parts"`
		Raw       string              `json:"raw"`
		Literal   string              `json:"literal"`
	}
	if json.Unmarshal(v, &d) != nil {
		r.p.add(at, fmt.Sprintf("%q must be a date object such as {\"date-parts\": [[2021, 5]]}, not %s", key, jsonKind(v)), "", false)
		return Date{}
	}
	if len(d.DateParts) > 0 && len(d.DateParts[0]) > 0 {
		var n [3]int
		for i, part := range d.DateParts[0][:min(3, len(d.DateParts[0]))] {
			var num json.Number
			var str string
			switch {
			case json.Unmarshal(part, &num) == nil:
			case json.Unmarshal(part, &str) == nil:
				num = json.Number(strings.TrimSpace(str))
			}
			x, err := strconv.Atoi(num.String())
			if err != nil {
				r.p.add(at, fmt.Sprintf("%q has a date part that is not a number: %s", key, part), "", false)
				return Date{}
			}
			n[i] = x
		}
		out := Date{Year: n[0], Month: n[1], Day: n[2]}
		if out.Year <= 0 || out.Month < 0 || out.Month > 12 || out.Day < 0 || out.Day > 31 {
			r.p.add(at, fmt.Sprintf("%q is not a valid date", key), "", false)
			return Date{}
		}
		if out.Month == 0 {
			out.Day = 0
		}
		return out
	}
	if d.Raw != "" {
		if pd, ok := parseISODate(d.Raw); ok {
			return pd
		}
		return Date{Literal: d.Raw}
	}
	return Date{Literal: d.Literal}
}

// WriteCSLJSON writes items as a CSL-JSON array: one key per line in a
// fixed order, names and dates kept on one line, unknown fields after the
// known ones in sorted order.
func WriteCSLJSON(w io.Writer, items ...*Item) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("[")
	for i, it := range items {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n  {")
		writeCSLItem(bw, it)
		bw.WriteString("\n  }")
	}
	if len(items) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// jsonString quotes s as JSON, leaving non-ASCII text (and &, <, >) as it
// is so the export stays readable.
func jsonString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b.WriteByte('\\')
				b.WriteByte(c)
			case c == '\n':
				b.WriteString(`\n`)
			case c == '\r':
				b.WriteString(`\r`)
			case c == '\t':
				b.WriteString(`\t`)
			case c < 0x20 || c == 0x7f:
				fmt.Fprintf(&b, `\u%04x`, c)
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\ufffd`)
		case r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	b.WriteByte('"')
	return b.String()
}

func writeCSLItem(w *bufio.Writer, it *Item) {
	first := true
	kv := func(k, raw string) {
		if !first {
			w.WriteString(",")
		}
		first = false
		w.WriteString("\n    " + jsonString(k) + ": " + raw)
	}
	str := func(k, v string) {
		if v != "" {
			kv(k, jsonString(v))
		}
	}
	marked := func(s string) string { return markNoCase(s, it.NoCase) }
	names := func(k string, ns []Name) {
		if len(ns) == 0 {
			return
		}
		var b strings.Builder
		b.WriteString("[")
		for i, n := range ns {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString("\n      {")
			parts := [][2]string{{"family", n.Family}, {"given", n.Given}, {"literal", n.Literal},
				{"non-dropping-particle", n.NonDroppingParticle}, {"dropping-particle", n.DroppingParticle}, {"suffix", n.Suffix}}
			sep := ""
			for _, p := range parts {
				if p[1] != "" {
					b.WriteString(sep + jsonString(p[0]) + ": " + jsonString(p[1]))
					sep = ", "
				}
			}
			b.WriteString("}")
		}
		b.WriteString("\n    ]")
		kv(k, b.String())
	}
	date := func(k string, d Date) {
		switch {
		case d.Year != 0:
			parts := []string{strconv.Itoa(d.Year)}
			if d.Month != 0 {
				parts = append(parts, strconv.Itoa(d.Month))
				if d.Day != 0 {
					parts = append(parts, strconv.Itoa(d.Day))
				}
			}
			kv(k, `{"date-parts": [[`+strings.Join(parts, ", ")+`]]}`)
		case d.Literal != "":
			kv(k, `{"literal": `+jsonString(d.Literal)+`}`)
		}
	}

	str("id", it.ID)
	str("type", it.Type)
	str("title", marked(it.Title))
	str("title-short", marked(it.TitleShort))
	names("author", it.Author)
	names("editor", it.Editor)
	date("issued", it.Issued)
	date("accessed", it.Accessed)
	str("container-title", marked(it.ContainerTitle))
	str("collection-title", marked(it.CollectionTitle))
	str("collection-number", it.CollectionNumber)
	str("number", it.Number)
	str("genre", it.Genre)
	str("edition", it.Edition)
	str("version", it.Version)
	str("volume", it.Volume)
	str("issue", it.Issue)
	str("page", it.Page)
	str("publisher", it.Publisher)
	str("publisher-place", it.PublisherPlace)
	str("ISBN", it.ISBN)
	str("ISSN", it.ISSN)
	str("DOI", it.DOI)
	str("URL", it.URL)
	str("language", it.Language)
	str("keyword", strings.Join(it.Keywords, ", "))
	str("abstract", it.Abstract)
	str("note", it.Note)

	var keys []string
	for k := range it.Extra {
		keys = append(keys, k)
	}
	for k := range it.rawExtra {
		if _, dup := it.Extra[k]; !dup {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if _, clash := cslKnown[k]; clash || k == "id" || k == "type" || k == "title" || k == "author" ||
			k == "editor" || k == "issued" || k == "accessed" || k == "keyword" {
			continue
		}
		if v, ok := it.Extra[k]; ok {
			kv(k, jsonString(v))
		} else {
			kv(k, it.rawExtra[k])
		}
	}
}

// markNoCase wraps the protected phrases of s in CSL's nocase spans.
func markNoCase(s string, nocase []string) string {
	if len(nocase) == 0 || s == "" {
		return s
	}
	var b strings.Builder
	for _, sp := range protectedSpans(s, nocase) {
		if sp.protected {
			b.WriteString(nocaseOpen + sp.text + nocaseClose)
		} else {
			b.WriteString(sp.text)
		}
	}
	return b.String()
}
