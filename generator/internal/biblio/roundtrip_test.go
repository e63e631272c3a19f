package biblio

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// caseItems reads every entry of every BibTeX and citation case file.
func caseItems(t *testing.T) []*Item {
	var items []*Item
	seen := map[string]bool{}
	for _, pattern := range []string{"testdata/bibtex/*.txt", "testdata/cite/*.txt"} {
		for _, c := range readCases(t, pattern) {
			its, _ := ReadBibTeX("case.bib", []byte(c.input))
			for _, it := range its {
				if it.Title != "" && !seen[it.ID] {
					seen[it.ID] = true
					items = append(items, it)
				}
			}
		}
	}
	src, err := os.ReadFile("../../../data/publications/itu-d.bib")
	if err != nil {
		t.Fatal(err)
	}
	its, _ := ReadBibTeX("itu-d.bib", src)
	for _, it := range its {
		if !seen[it.ID] {
			seen[it.ID] = true
			items = append(items, it)
		}
	}
	if len(items) < 80 {
		t.Fatalf("only %d items in the case files", len(items))
	}
	return items
}

// core is what every format must carry through a round trip: title,
// names, date and identifiers.
func core(it *Item) string {
	return fmt.Sprintf("id=%q title=%q author=%+v editor=%+v issued=%+v doi=%q isbn=%q issn=%q url=%q",
		it.ID, it.Title, it.Author, it.Editor, it.Issued, it.DOI, it.ISBN, it.ISSN, it.URL)
}

func withoutPos(items []*Item) []*Item {
	out := make([]*Item, len(items))
	for i, it := range items {
		c := *it
		c.Pos, c.keywordPos = Pos{}, nil
		c.Editorial = "" // never exported (TestEditorialNeverWritten)
		out[i] = &c
	}
	return out
}

func TestRoundTripBibTeX(t *testing.T) {
	items := caseItems(t)
	var buf bytes.Buffer
	if err := WriteBibTeX(&buf, items...); err != nil {
		t.Fatal(err)
	}
	back, probs := ReadBibTeX("export.bib", buf.Bytes())
	for _, p := range probs {
		if !p.Warning {
			t.Errorf("reading the export: %s", p)
		}
	}
	if len(back) != len(items) {
		t.Fatalf("wrote %d entries, read %d", len(items), len(back))
	}
	want, got := withoutPos(items), withoutPos(back)
	for i := range want {
		if !reflect.DeepEqual(want[i], got[i]) {
			t.Errorf("entry %q changed:\n got %+v\nwant %+v", want[i].ID, *got[i], *want[i])
		}
	}
	// Writing what was read back gives the same file.
	var again bytes.Buffer
	WriteBibTeX(&again, back...)
	if again.String() != buf.String() {
		t.Error("a second export differs from the first")
	}
}

func TestRoundTripCSLJSON(t *testing.T) {
	items := caseItems(t)
	var buf bytes.Buffer
	if err := WriteCSLJSON(&buf, items...); err != nil {
		t.Fatal(err)
	}
	back, probs := ReadCSLJSON("export.json", buf.Bytes())
	for _, p := range probs {
		if !p.Warning {
			t.Errorf("reading the export: %s", p)
		}
	}
	if len(back) != len(items) {
		t.Fatalf("wrote %d items, read %d", len(items), len(back))
	}
	for i, it := range items {
		// CSL-JSON has no subtitle variable, and one publisher: the rest
		// is the same item.
		want := *it
		want.Pos, want.keywordPos, want.Subtitle, want.Editorial = Pos{}, nil, "", ""
		for _, k := range []string{"publisher", "issue"} {
			if _, ok := want.Extra[k]; ok {
				want.Extra = nil
			}
		}
		got := *back[i]
		got.Pos, got.keywordPos = Pos{}, nil
		if want.Extra == nil {
			got.Extra = nil
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("item %q changed:\n got %+v\nwant %+v", it.ID, got, want)
		}
	}
}

func TestRoundTripRIS(t *testing.T) {
	items := caseItems(t)
	var buf bytes.Buffer
	if err := WriteRIS(&buf, items...); err != nil {
		t.Fatal(err)
	}
	back, probs := ReadRIS("export.ris", buf.Bytes())
	for _, p := range probs {
		if !p.Warning {
			t.Errorf("reading the export: %s", p)
		}
	}
	if len(back) != len(items) {
		t.Fatalf("wrote %d records, read %d", len(items), len(back))
	}
	for i, it := range items {
		// RIS cannot tell a lone family name ("Plato") from an organisation.
		want := *it
		want.Editorial = ""
		want.Author = slices.Clone(it.Author)
		for j, n := range want.Author {
			if n.Given == "" && n.Suffix == "" && n.Literal == "" {
				want.Author[j] = Name{Literal: joinNonEmpty(" ", n.NonDroppingParticle, n.Family)}
			}
		}
		if core(back[i]) != core(&want) {
			t.Errorf("record changed:\n got %s\nwant %s", core(back[i]), core(&want))
		}
		if !reflect.DeepEqual(back[i].Extra, it.Extra) && len(it.Extra) > 0 {
			t.Errorf("%q: extra fields changed:\n got %v\nwant %v", it.ID, back[i].Extra, it.Extra)
		}
	}
}

// TestEditorialNeverWritten: an editors' note read from any format reaches
// no export and no citation.
func TestEditorialNeverWritten(t *testing.T) {
	const secret = "Seen only on a mirror; verify"
	items, probs := ReadBibTeX("e.bib", []byte("@report{k, title = {T}, author = {{ITU}}, year = {2024}, institution = {ITU}, editorial = {"+secret+"}}"))
	if len(probs) > 0 || len(items) != 1 || items[0].Editorial != secret {
		t.Fatalf("read %v, %v", items, probs)
	}
	csl, _ := ReadCSLJSON("e.json", []byte(`[{"id": "k", "type": "report", "title": "T", "editorial": "`+secret+`"}]`))
	structured, _ := ReadCSLJSON("e.json", []byte(`[{"id": "k", "type": "report", "title": "T", "editorial": {"verify": ["`+secret+`"]}}]`))
	if len(structured) != 1 || !strings.Contains(structured[0].Editorial, secret) {
		t.Fatalf("structured editorial not read: %+v", structured)
	}
	ris, _ := ReadRIS("e.ris", []byte("TY  - RPRT\nTI  - T\nN1  - editorial: "+secret+"\nER  - \n"))
	for _, its := range [][]*Item{items, csl, ris, structured} {
		if len(its) != 1 || !strings.Contains(its[0].Editorial, secret) {
			t.Fatalf("editorial not read: %+v", its)
		}
		var b bytes.Buffer
		WriteBibTeX(&b, its...)
		WriteRIS(&b, its...)
		WriteCSLJSON(&b, its...)
		b.WriteString(FormatAPA(its[0], "en").Text + FormatChicago(its[0], "en").Text)
		for _, m := range append(Highwire(its[0]), DublinCore(its[0])...) {
			b.WriteString(m.Content)
		}
		b.WriteString(COinS(its[0]))
		fmt.Fprint(&b, JSONLD(its[0], "https://x.example/p/k/"))
		if strings.Contains(b.String(), "mirror") {
			t.Errorf("the editorial note was written out:\n%s", b.String())
		}
	}
}
