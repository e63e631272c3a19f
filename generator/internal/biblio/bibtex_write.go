package biblio

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// WriteBibTeX writes items as BibLaTeX in UTF-8, which Zotero, JabRef and
// biber import as they are; LaTeX escapes are used only where LaTeX would
// misread a character. Field names are the ones BibTeX and BibLaTeX share
// where they can be (journal, address, year, month), so classic BibTeX
// styles still work. Output is deterministic.
func WriteBibTeX(w io.Writer, items ...*Item) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("% Encoding: UTF-8\n")
	for _, it := range items {
		bw.WriteByte('\n')
		writeBibEntry(bw, it)
	}
	return bw.Flush()
}

type bibField struct{ name, value string }

func writeBibEntry(w *bufio.Writer, it *Item) {
	typ := cslTypes[it.Type]
	if typ == "" {
		typ = "misc"
	}
	var fs []bibField
	add := func(name, value string) {
		if value != "" {
			fs = append(fs, bibField{name, value})
		}
	}
	text := func(s string) string { return encodeTeX(s, nil, false) }
	title := func(s string) string { return encodeTeX(s, it.NoCase, true) }
	names := func(ns []Name) string {
		parts := make([]string, len(ns))
		for i, n := range ns {
			parts[i] = encodeName(n)
		}
		return strings.Join(parts, " and ")
	}

	add("author", names(it.Author))
	add("editor", names(it.Editor))
	main, sub := it.mainTitle()
	add("title", title(main))
	add("subtitle", title(sub))
	add("shorttitle", title(it.TitleShort))
	switch {
	case isArticle(it.Type):
		add("journal", title(it.ContainerTitle))
	default:
		add("booktitle", title(it.ContainerTitle))
	}
	add("series", title(it.CollectionTitle))
	switch {
	case isArticle(it.Type):
		add("volume", text(it.Volume))
		add("number", text(it.Issue))
	case numberIsSeries(it.Type):
		add("number", text(it.CollectionNumber))
		add("volume", text(it.Volume))
		add("issue", text(it.Issue))
	default:
		add("number", text(it.Number))
		add("volume", text(it.Volume))
		add("issue", text(it.Issue))
	}
	if it.Page != "" {
		ends := strings.Split(it.Page, "-")
		for i, e := range ends {
			ends[i] = escapeTeX(e)
		}
		add("pages", strings.Join(ends, "--"))
	}
	add("edition", text(it.Edition))
	add("version", text(it.Version))
	add("type", text(it.Genre))
	switch it.Type {
	case "report", "thesis":
		add("institution", text(it.Publisher))
	default:
		add("publisher", text(it.Publisher))
	}
	add("address", text(it.PublisherPlace))
	d := it.Issued
	switch {
	case d.Year == 0:
		add("date", text(d.Literal))
	case d.Day != 0:
		add("date", d.ISO())
	default:
		add("year", strconv.Itoa(d.Year))
		if d.Month != 0 {
			fs = append(fs, bibField{"month", monthNames[d.Month-1][:3]})
		}
	}
	if !it.Accessed.IsZero() {
		add("urldate", it.Accessed.ISO())
	}
	add("isbn", text(it.ISBN))
	add("issn", text(it.ISSN))
	add("doi", verbatim(it.DOI))
	add("url", verbatim(it.URL))
	if id := langID(it.Language); id != "" {
		add("langid", id)
	} else {
		add("language", text(it.Language))
	}
	add("keywords", text(strings.Join(it.Keywords, ", ")))
	add("abstract", text(it.Abstract))
	add("note", text(it.Note))

	keys := make([]string, 0, len(it.Extra))
	for k := range it.Extra {
		if validFieldName(k) && !slices.ContainsFunc(fs, func(f bibField) bool { return f.name == k }) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if verbatimFields[k] {
			add(k, verbatim(it.Extra[k]))
		} else {
			add(k, text(it.Extra[k]))
		}
	}

	key := sanitizeKey(it.ID)
	fmt.Fprintf(w, "@%s{%s", typ, key)
	for _, f := range fs {
		w.WriteString(",\n  ")
		w.WriteString(f.name)
		w.WriteString(" = ")
		if f.name == "month" {
			w.WriteString(f.value)
		} else {
			w.WriteString("{" + f.value + "}")
		}
	}
	w.WriteString("\n}\n")
}

// verbatim writes a URL or DOI as it is; braces, which would unbalance the
// field, are percent-encoded.
func verbatim(s string) string {
	if !strings.ContainsAny(s, "{}\\\n\r") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '{':
			b.WriteString("%7B")
		case '}':
			b.WriteString("%7D")
		case '\n', '\r':
		case '\\':
			// A backslash that readers would take as an escape.
			if i+1 == len(s) || strings.IndexByte("%&_#$~{}\\", s[i+1]) >= 0 {
				b.WriteString("%5C")
			} else {
				b.WriteByte(c)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func validFieldName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if !isIdentByte(k[i]) {
			return false
		}
	}
	return true
}

// sanitizeKey drops what would end a key early: white space, commas,
// braces and equals signs.
func sanitizeKey(k string) string {
	k = strings.Map(func(r rune) rune {
		if r <= ' ' || r == ',' || r == '{' || r == '}' || r == '=' || r == 0x7f {
			return -1
		}
		return r
	}, k)
	if k == "" {
		return "item"
	}
	return k
}
