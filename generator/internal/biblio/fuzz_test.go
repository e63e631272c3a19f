package biblio

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/fuzzbound"
)

// checkPositions fails when a problem or an item points outside src.
func checkPositions(t *testing.T, path string, src []byte, items []*Item, probs []diag.Problem) {
	lines := bytes.Count(src, []byte("\n")) + 1
	for _, p := range probs {
		if p.Path != path || p.Line < 1 || p.Line > lines || p.Col < 1 || p.Msg == "" {
			t.Errorf("problem outside the input (%d lines): %+v", lines, p)
		}
	}
	for _, it := range items {
		if it.Pos.Path != path || it.Pos.Line < 1 || it.Pos.Line > lines || it.Pos.Col < 1 {
			t.Errorf("item %q outside the input (%d lines): %v", it.ID, lines, it.Pos)
		}
		for i := range it.Keywords {
			if p := it.KeywordPos(i); p.Path != path || p.Line < it.Pos.Line || p.Line > lines || p.Col < 1 {
				t.Errorf("keyword %q of %q outside its record (%d lines): %v", it.Keywords[i], it.ID, lines, p)
			}
		}
	}
}

// exportable reports whether a problem would also be found in a correct
// export of what was read: a duplicate key or a missing title.
func exportable(p diag.Problem) bool {
	return p.Warning || strings.Contains(p.Msg, "duplicate key") || strings.Contains(p.Msg, "has no title") ||
		strings.Contains(p.Msg, "has no \"id\"") || strings.Contains(p.Msg, "has no \"type\"")
}

func seedCases(f *testing.F) []string {
	var seeds []string
	for _, pattern := range []string{"testdata/bibtex/*.txt", "testdata/cite/*.txt"} {
		for _, c := range readCases(f, pattern) {
			seeds = append(seeds, c.input)
		}
	}
	return seeds
}

// readBound is what reading a bibliography may cost: linear in its size
// (macros, nesting and fields are bounded by the default limits).
var readBound = fuzzbound.Bound{Fixed: 4 << 20, PerByte: 4096, Time: 2 * time.Second}

func FuzzReadBibTeX(f *testing.F) {
	for _, s := range seedCases(f) {
		f.Add([]byte(s))
	}
	for _, s := range []string{"", "@", "@{", "@book{", "@book{k,", "@book{k, title = {", "@string{x = y}", "@book{k, a = x # }",
		"{{{{", "}}}}", "@comment{", "@book{k, title = \"\\", "@book{k, author = { and and }, title = {\\'}}", "@book(k, t = {)}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var items []*Item
		var probs []diag.Problem
		fuzzbound.Check(t, readBound, len(src), func() { items, probs = ReadBibTeX("f.bib", src) })
		checkPositions(t, "f.bib", src, items, probs)
		// What was read must survive an export.
		var buf bytes.Buffer
		WriteBibTeX(&buf, items...)
		back, probs := ReadBibTeX("e.bib", buf.Bytes())
		for _, p := range probs {
			if !exportable(p) {
				t.Fatalf("export of %q does not read back: %s\n%s", src, p, buf.String())
			}
		}
		if len(back) != len(items) {
			t.Fatalf("exported %d entries, read %d back:\n%s", len(items), len(back), buf.String())
		}
		for i, it := range withoutPos(items) {
			got := withoutPos(back[i : i+1])[0]
			if it.Type == "document" && got.Type == "webpage" {
				got.Type = it.Type // @misc with a URL and no publisher reads as a web page
			}
			// Braces and escaping backslashes in URLs are percent-encoded.
			if got.URL == verbatim(it.URL) && got.DOI == verbatim(it.DOI) {
				got.URL, got.DOI = it.URL, it.DOI
			}
			// The same characters must be protected, in whatever phrases.
			if reflect.DeepEqual(protectedRanges(got.Title, got.NoCase), protectedRanges(it.Title, it.NoCase)) {
				got.NoCase = it.NoCase
			}
			if !reflect.DeepEqual(got, it) {
				t.Fatalf("entry changed in an export:\n got %#v\nwant %#v\n%s", *got, *it, buf.String())
			}
		}
		for _, it := range items {
			FormatAPA(it, "en")
			FormatChicago(it, "fr")
			// Isolated runs must stay balanced whatever the record holds.
			if c := FormatAPA(it, "ar"); strings.Count(c.Text, "\u2069") != strings.Count(c.Text, "\u2066")+strings.Count(c.Text, "\u2067") {
				t.Fatalf("unbalanced isolates: %q", c.Text)
			}
		}
	})
}

func FuzzReadRIS(f *testing.F) {
	for _, s := range seedCases(f) {
		items, _ := ReadBibTeX("s.bib", []byte(s))
		var buf bytes.Buffer
		WriteRIS(&buf, items...)
		f.Add(buf.Bytes())
	}
	for _, s := range []string{"", "TY  - ", "TY  - JOUR\nER  - ", "ER  - \n", "TI - x\n", "TY  - BOOK\nAU  - ,,\nPY  - ///\n", "\ufeffTY  - RPRT\r\nSP  - -\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var items []*Item
		var probs []diag.Problem
		fuzzbound.Check(t, readBound, len(src), func() { items, probs = ReadRIS("f.ris", src) })
		checkPositions(t, "f.ris", src, items, probs)
		var buf bytes.Buffer
		WriteRIS(&buf, items...)
		back, probs := ReadRIS("e.ris", buf.Bytes())
		for _, p := range probs {
			if !exportable(p) {
				t.Fatalf("export does not read back: %s\n%s", p, buf.String())
			}
		}
		if len(back) != len(items) {
			t.Fatalf("exported %d records, read %d back", len(items), len(back))
		}
		for i, it := range items {
			if core(back[i]) != core(it) {
				t.Fatalf("record changed in an export:\n got %s\nwant %s\n%s", core(back[i]), core(it), buf.String())
			}
		}
	})
}

func FuzzReadCSLJSON(f *testing.F) {
	for _, s := range seedCases(f) {
		items, _ := ReadBibTeX("s.bib", []byte(s))
		var buf bytes.Buffer
		WriteCSLJSON(&buf, items...)
		f.Add(buf.Bytes())
	}
	for _, s := range []string{"", "[", "{}", "[1]", `[{"id": 1, "type": "book", "title": 2}]`, `{"author": {}}`,
		`[{"issued": {"date-parts": [["x"]]}}]`, `[{"issued": "2020-13"}] x`, "\xef\xbb\xbf[]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var items []*Item
		var probs []diag.Problem
		fuzzbound.Check(t, readBound, len(src), func() { items, probs = ReadCSLJSON("f.json", src) })
		checkPositions(t, "f.json", src, items, probs)
		var buf bytes.Buffer
		WriteCSLJSON(&buf, items...)
		back, probs := ReadCSLJSON("e.json", buf.Bytes())
		for _, p := range probs {
			if !exportable(p) {
				t.Fatalf("export does not read back: %s\n%s", p, buf.String())
			}
		}
		if len(back) != len(items) {
			t.Fatalf("exported %d items, read %d back", len(items), len(back))
		}
		for i, it := range items {
			if core(back[i]) != core(it) {
				t.Fatalf("item changed in an export:\n got %s\nwant %s\n%s", core(back[i]), core(it), buf.String())
			}
		}
	})
}
