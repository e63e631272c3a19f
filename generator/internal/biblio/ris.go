package biblio

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/itu-d/portal/generator/internal/diag"
)

var risTypes = map[string]string{
	"JOUR": "article-journal", "JFULL": "article-journal", "EJOUR": "article-journal", "ABST": "article-journal",
	"INPR": "article-journal", "MGZN": "article-magazine", "NEWS": "article-newspaper",
	"BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CLSWK": "book", "CHAP": "chapter", "ECHAP": "chapter",
	"RPRT": "report", "GOVDOC": "report", "CONF": "paper-conference", "CPAPER": "paper-conference",
	"THES": "thesis", "ELEC": "webpage", "WEB": "webpage", "BLOG": "post-weblog", "DATA": "dataset",
	"DBASE": "dataset", "AGGR": "dataset", "COMP": "software", "STAND": "standard", "PAT": "patent",
	"UNPB": "manuscript", "MANSCPT": "manuscript", "PAMP": "pamphlet",
}

var risOut = map[string]string{
	"article-journal": "JOUR", "article-magazine": "MGZN", "article-newspaper": "NEWS", "book": "BOOK",
	"chapter": "CHAP", "report": "RPRT", "paper-conference": "CPAPER", "thesis": "THES", "webpage": "ELEC",
	"post-weblog": "BLOG", "dataset": "DATA", "software": "COMP", "standard": "STAND", "patent": "PAT",
	"manuscript": "UNPB", "pamphlet": "PAMP",
}

type risTag struct {
	tag, val string
	off      int
	// more holds the lines that continue val, joined once the tag is
	// read whole (joining at each line would cost the square of its size).
	more    []string
	size    int
	tooLong bool
}

type risRecord struct {
	off  int
	tags []risTag
}

// RIS reads a RIS file. Every record starts with TY and ends with ER;
// lines without a tag continue the value before them.
func (r Reader) RIS(path string, src []byte) ([]*Item, []diag.Problem) {
	lim := r.Limits.OrDefault()
	p := &problems{path: path, lines: newLines(src)}
	src = p.validUTF8(src)
	p.lines = newLines(src)
	seen := seenKeys{}
	var items []*Item
	var cur *risRecord
	strayReported := false
	finish := func() {
		it := risItem(cur, p)
		seen.check(p, it, cur.off)
		p.checkItem(it, cur.off)
		items = append(items, it)
		cur = nil
	}
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := string(bytes.TrimRight(src[off:end], "\r"))
		lineOff := off
		off = end + 1
		if lineOff == 0 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		tag, val, ok := splitRISLine(line)
		if !ok {
			switch {
			case malformedRISTag(line):
				p.add(lineOff, fmt.Sprintf("malformed RIS tag line %q", excerpt([]byte(line))), `write "XX  - value": a two-character tag, two spaces, a hyphen and a space`, false)
			case cur != nil && len(cur.tags) > 0:
				last := &cur.tags[len(cur.tags)-1]
				if last.tooLong {
					continue
				}
				if last.size += 1 + len(line); last.size > int(lim.FieldBytes) {
					p.tooLong(lim, last.off, last.tag, last.size)
					last.tooLong, last.more = true, nil
					continue
				}
				last.more = append(last.more, line)
			case !strayReported:
				p.add(lineOff, "text outside a RIS record", `records start with "TY  - " and end with "ER  - "`, false)
				strayReported = true
			}
			continue
		}
		strayReported = false
		if len(val) > int(lim.FieldBytes) {
			p.tooLong(lim, lineOff, tag, len(val))
			val = ""
		}
		switch {
		case tag == "TY":
			if cur != nil {
				p.add(cur.off, "RIS record has no ER line before the next TY", `end each record with "ER  - "`, false)
				finish()
			}
			cur = &risRecord{off: lineOff}
			cur.tags = append(cur.tags, risTag{tag: tag, val: val, off: lineOff, size: len(val)})
		case cur == nil:
			p.add(lineOff, fmt.Sprintf("%s line outside a record: no TY line before it", tag), `start each record with "TY  - " and a type such as RPRT`, false)
		case tag == "ER":
			finish()
		default:
			cur.tags = append(cur.tags, risTag{tag: tag, val: val, off: lineOff, size: len(val)})
		}
	}
	if cur != nil {
		p.add(cur.off, "RIS record has no ER line", `end each record with "ER  - "`, false)
		finish()
	}
	return items, p.list
}

// splitRISLine reads "TI  - value" (and "ER  -" without a value).
func splitRISLine(line string) (tag, val string, ok bool) {
	if len(line) < 5 || !isRISTag(line[:2]) || line[2:5] != "  -" {
		return "", "", false
	}
	if len(line) == 5 {
		return line[:2], "", true
	}
	if line[5] != ' ' {
		return "", "", false
	}
	return line[:2], collapseSpace(line[6:]), true
}

func isRISTag(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && (s[1] >= 'A' && s[1] <= 'Z' || s[1] >= '0' && s[1] <= '9')
}

// malformedRISTag spots lines meant as tags but not written as RIS wants:
// "TI - x", "TI  -x", "TI  x".
func malformedRISTag(line string) bool {
	if len(line) < 3 || !isRISTag(line[:2]) {
		return false
	}
	rest := line[2:]
	trimmed := strings.TrimLeft(rest, " ")
	return strings.HasPrefix(trimmed, "-") || strings.HasPrefix(rest, "  ")
}

func risItem(rec *risRecord, p *problems) *Item {
	for i := range rec.tags {
		if t := &rec.tags[i]; len(t.more) > 0 {
			t.val = collapseSpace(t.val + " " + strings.Join(t.more, " "))
			t.more = nil
		}
	}
	it := &Item{Pos: p.posOf(rec.off)}
	it.Type = risTypes[strings.ToUpper(rec.tags[0].val)]
	if it.Type == "" {
		it.Type = "document"
		if rec.tags[0].val == "" {
			p.add(rec.off, "TY line has no type", "use a RIS type such as RPRT, BOOK or JOUR", false)
		}
	}
	var sp, ep, bt, ja string
	var extras []string
	for _, t := range rec.tags[1:] {
		v := t.val
		switch t.tag {
		case "ID":
			it.ID = v
		case "AU", "A1":
			if n := parseRISName(v); !n.IsZero() {
				it.Author = append(it.Author, n)
			}
		case "A2", "ED":
			if n := parseRISName(v); !n.IsZero() {
				it.Editor = append(it.Editor, n)
			}
		case "TI", "T1", "CT":
			if it.Title == "" {
				it.Title = v
			}
		case "ST":
			it.TitleShort = v
		case "T2", "JO", "JF":
			if it.ContainerTitle == "" {
				it.ContainerTitle = v
			}
		case "BT":
			bt = v
		case "JA", "J2":
			ja = v
		case "T3":
			it.CollectionTitle = v
		case "PY", "Y1", "DA":
			d, ok := parseISODate(v)
			switch {
			case !ok:
				p.add(t.off, fmt.Sprintf("%s %q is not a date", t.tag, v), "write YYYY or YYYY/MM/DD", true)
			case it.Issued.IsZero() || d.Year == it.Issued.Year && d.Month != 0 && it.Issued.Month == 0:
				it.Issued = d
			}
		case "Y2":
			if d, ok := parseISODate(v); ok {
				it.Accessed = d
			}
		case "PB":
			it.Publisher = v
		case "CY":
			it.PublisherPlace = v
		case "SN":
			// In a report SN is the report number (so Zotero and citation-js
			// read it); older exports put an ISBN there, which still reads as one.
			if it.Type == "report" && !isISBNLike(v) {
				it.Number = joinNonEmpty(" ", it.Number, v)
				continue
			}
			for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || unicode.IsSpace(r) }) {
				if isISSN(s) {
					it.ISSN = joinNonEmpty(" ", it.ISSN, s)
				} else if strings.IndexFunc(s, unicode.IsDigit) >= 0 {
					it.ISBN = joinNonEmpty(" ", it.ISBN, s)
				}
			}
		case "DO":
			it.DOI = bareDOI(v)
		case "UR":
			if it.URL == "" {
				it.URL = v
			} else {
				extras = append(extras, t.tag, v)
			}
		case "AB", "N2":
			if it.Abstract == "" {
				it.Abstract = v
			}
		case "N1":
			if k, val, ok := extraNote(v); ok {
				switch k {
				case "collection-number":
					it.CollectionNumber = val
				case "version":
					it.Version = val
				case "isbn":
					it.ISBN = joinNonEmpty(" ", it.ISBN, val)
				case "issn":
					it.ISSN = joinNonEmpty(" ", it.ISSN, val)
				case "issued":
					it.Issued = Date{Literal: val}
				default:
					it.setExtra(k, val)
				}
			} else {
				it.Note = joinNonEmpty("\n\n", it.Note, v)
			}
		case "LA":
			it.Language = normLanguage(v)
		case "KW":
			it.Keywords = append(it.Keywords, splitKeywords(v)...)
		case "VL":
			it.Volume = v
		case "IS":
			it.Issue = v
		case "SP":
			sp = v
		case "EP":
			ep = v
		case "ET":
			it.Edition = v
		case "M1":
			it.Number = v
		case "M3":
			it.Genre = v
		default:
			extras = append(extras, t.tag, v)
		}
	}
	if it.Title == "" && bt != "" {
		it.Title = bt
	} else if it.ContainerTitle == "" {
		it.ContainerTitle = bt
	}
	if it.ContainerTitle == "" {
		it.ContainerTitle = ja
	}
	it.Page = normPages(joinNonEmpty("-", sp, ep))
	for i := 0; i < len(extras); i += 2 {
		if old, ok := it.Extra[extras[i]]; ok {
			it.setExtra(extras[i], old+"; "+extras[i+1])
		} else {
			it.setExtra(extras[i], extras[i+1])
		}
	}
	return it
}

// parseRISName reads "Family, Given, Suffix". A name without a comma, or
// ending with one (EndNote's mark for "World Bank, Research Department,"),
// is an organisation. Leading lowercase words of the family name ("van
// der") are its particle.
func parseRISName(s string) Name {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, others) {
		return Name{Literal: others}
	}
	if strings.HasSuffix(s, ",") {
		return Name{Literal: strings.TrimSpace(strings.TrimSuffix(s, ","))}
	}
	parts := strings.Split(s, ",")
	if len(parts) == 1 {
		return Name{Literal: s}
	}
	n := Name{Given: strings.TrimSpace(parts[1])}
	if len(parts) > 2 {
		n.Suffix = strings.TrimSpace(strings.Join(parts[2:], ","))
	}
	words := strings.Fields(parts[0])
	i := 0
	for i < len(words)-1 && startsLower(words[i]) {
		i++
	}
	n.NonDroppingParticle = strings.Join(words[:i], " ")
	n.Family = strings.Join(words[i:], " ")
	return n
}

func startsLower(w string) bool {
	for _, r := range w {
		return unicode.IsLower(r)
	}
	return false
}

// extraNote reads the "key: value" notes that WriteRIS uses for fields RIS
// has no tag for (custom fields such as regions).
func extraNote(v string) (string, string, bool) {
	k, val, ok := strings.Cut(v, ": ")
	if !ok || k == "" || !(k[0] >= 'a' && k[0] <= 'z') {
		return "", "", false
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return "", "", false
		}
	}
	return k, val, true
}

var lineBreaks = strings.NewReplacer("\r", " ", "\n", " ")

// WriteRIS writes items as RIS, one tag a line, records ending with ER.
// Fields RIS has no tag for are written as "N1  - key: value" notes, which
// ReadRIS reads back.
func WriteRIS(w io.Writer, items ...*Item) error {
	bw := bufio.NewWriter(w)
	for _, it := range items {
		writeRISItem(bw, it)
	}
	return bw.Flush()
}

func writeRISItem(w *bufio.Writer, it *Item) {
	line := func(tag, v string) {
		v = collapseSpace(lineBreaks.Replace(v))
		if v != "" {
			w.WriteString(tag + "  - " + v + "\r\n")
		}
	}
	ty := risOut[it.Type]
	if ty == "" {
		ty = "GEN"
	}
	line("TY", ty)
	line("ID", it.ID)
	line("TI", it.Title)
	line("ST", it.TitleShort)
	for _, n := range it.Author {
		line("AU", risName(n))
	}
	for _, n := range it.Editor {
		line("A2", risName(n))
	}
	if d := it.Issued; d.Year != 0 {
		line("PY", fmt.Sprintf("%04d", d.Year))
		if d.Month != 0 {
			line("DA", strings.ReplaceAll(d.ISO(), "-", "/"))
		}
	} else if d.Literal != "" {
		line("N1", "issued: "+d.Literal)
	}
	if !it.Accessed.IsZero() {
		line("Y2", strings.ReplaceAll(it.Accessed.ISO(), "-", "/"))
	}
	line("T2", it.ContainerTitle)
	line("T3", it.CollectionTitle)
	line("VL", it.Volume)
	line("IS", it.Issue)
	if sp, ep, ok := strings.Cut(it.Page, "-"); ok {
		line("SP", sp)
		line("EP", ep)
	} else {
		line("SP", it.Page)
	}
	line("ET", it.Edition)
	// Zotero and citation-js read a report's SN as its report number, and a
	// report has no ISBN tag: its ISBNs and ISSN go into notes that ReadRIS
	// reads back.
	report := ty == "RPRT"
	if report {
		line("SN", it.Number)
	} else {
		line("M1", it.Number)
	}
	line("M3", it.Genre)
	line("PB", it.Publisher)
	line("CY", it.PublisherPlace)
	if report {
		if it.ISBN != "" {
			line("N1", "isbn: "+strings.Join(it.ISBNs(), " "))
		}
		if it.ISSN != "" {
			line("N1", "issn: "+it.ISSN)
		}
	} else {
		for _, s := range it.ISBNs() {
			line("SN", s)
		}
		for _, s := range strings.Fields(it.ISSN) {
			line("SN", s)
		}
	}
	line("DO", it.DOI)
	line("UR", it.URL)
	line("LA", it.Language)
	for _, k := range it.Keywords {
		line("KW", k)
	}
	line("AB", it.Abstract)
	line("N1", it.Note)
	keys := make([]string, 0, len(it.Extra))
	for k := range it.Extra {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch {
		case isRISTag(k):
			for _, v := range strings.Split(it.Extra[k], "; ") {
				line(k, v)
			}
		case validExtraKey(k):
			line("N1", k+": "+it.Extra[k])
		}
	}
	if it.CollectionNumber != "" {
		line("N1", "collection-number: "+it.CollectionNumber)
	}
	if it.Version != "" {
		line("N1", "version: "+it.Version)
	}
	w.WriteString("ER  - \r\n\r\n")
}

func suffix(s string) string {
	if s == "" {
		return ""
	}
	return ", " + s
}

func validExtraKey(k string) bool {
	_, _, ok := extraNote(k + ": x")
	return ok
}

func risName(n Name) string {
	if n.IsOthers() {
		return others
	}
	if n.Literal != "" {
		if strings.Contains(n.Literal, ",") {
			return n.Literal + "," // EndNote's mark for an organisation
		}
		return n.Literal
	}
	fam := joinNonEmpty(" ", n.NonDroppingParticle, n.Family)
	giv := joinNonEmpty(" ", n.Given, n.DroppingParticle)
	if giv == "" && n.Suffix == "" {
		return fam // RIS cannot tell a lone family name from an organisation
	}
	return fam + ", " + giv + suffix(n.Suffix)
}

// isISBNLike reports whether an SN value reads as one or more ISBNs or an
// ISSN (digits, hyphens and X only, 8 to 13 digits each) rather than a report
// number such as D-IND-ICT_MDD-2024-1.
func isISBNLike(v string) bool {
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == ',' || unicode.IsSpace(r) }) {
		digits := 0
		for _, r := range f {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case r == '-' || r == 'X' || r == 'x':
			default:
				return false
			}
		}
		if digits < 7 || digits > 13 {
			return false
		}
	}
	return true
}
