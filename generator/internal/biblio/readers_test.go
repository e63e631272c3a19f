package biblio

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/itu-d/portal/generator/internal/diag"
)

func problemLines(probs []diag.Problem) []string {
	l := &diag.List{}
	for _, p := range probs {
		l.Add(p)
	}
	var out []string
	for _, p := range l.Problems() {
		s, _, _ := strings.Cut(p.String(), "\n")
		out = append(out, s)
	}
	return out
}

func TestReadRISProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"a good record", "TY  - RPRT\nTI  - A\nPY  - 2020\nER  - \n", nil},
		{"no TY, a bad tag line, no ER", "TI  - orphan\nTY  - BOOK\nTI - bad\nTI  - Good\nPY  - 2020\nTY  - JOUR\nTI  - no end\nPY  - 2021/05/03/\n", []string{
			"x.ris:1:1: TI line outside a record: no TY line before it",
			"x.ris:2:1: RIS record has no ER line before the next TY",
			"x.ris:3:1: malformed RIS tag line \"TI - bad\"",
			"x.ris:6:1: RIS record has no ER line",
		}},
		{"text outside records, a bad date", "junk line\nmore junk\nTY  - JOUR\nT1  - x\nPY  - 20x\nER  -\n", []string{
			"x.ris:1:1: text outside a RIS record",
			"x.ris:3:1: warning: record has no year or date",
			"x.ris:5:1: warning: PY \"20x\" is not a date",
		}},
		{"duplicate IDs, no title", "TY  - BOOK\nID  - a\nPY  - 2020\nER  - \nTY  - BOOK\nID  - a\nTI  - T\nPY  - 2020\nER  - \n", []string{
			"x.ris:1:1: entry \"a\" has no title",
			"x.ris:5:1: duplicate key \"a\"; first used at x.ris:1:1",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := ReadRIS("x.ris", []byte(tc.src))
			if got := problemLines(probs); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestReadRISFields(t *testing.T) {
	src := "\ufeffTY  - CHAP\r\nID  - c1\r\nTI  - A chapter that\r\n  continues here\r\nAU  - van Dijk, Jan\r\nAU  - King, Martin, Jr.\r\nAU  - World Bank\r\n" +
		"A2  - Doe, Jane\r\nT2  - The book\r\nPY  - 2021///\r\nDA  - 2021/05/03/\r\nSP  - 10\r\nEP  - 20\r\nSN  - 978-92-61-39191-1; 1996-4390\r\n" +
		"DO  - https://doi.org/10.1/x\r\nUR  - https://a.org\r\nUR  - https://b.org\r\nKW  - one\r\nKW  - two\r\nLA  - English\r\nC1  - custom\r\nN1  - regions: africa\r\nN1  - A real note\r\nER  - \r\n"
	items, probs := ReadRIS("x.ris", []byte(src))
	if len(probs) > 0 || len(items) != 1 {
		t.Fatalf("%d items, problems %v", len(items), probs)
	}
	it := items[0]
	want := &Item{ID: "c1", Type: "chapter", Title: "A chapter that continues here",
		Author: []Name{{Family: "Dijk", NonDroppingParticle: "van", Given: "Jan"}, {Family: "King", Given: "Martin", Suffix: "Jr."}, {Literal: "World Bank"}},
		Editor: []Name{{Family: "Doe", Given: "Jane"}}, ContainerTitle: "The book", Issued: Date{2021, 5, 3, ""}, Page: "10-20",
		ISBN: "978-92-61-39191-1", ISSN: "1996-4390", DOI: "10.1/x", URL: "https://a.org", Keywords: []string{"one", "two"}, Language: "en",
		Note: "A real note", Extra: map[string]string{"C1": "custom", "UR": "https://b.org", "regions": "africa"}, Pos: Pos{"x.ris", 1, 1}}
	if !reflect.DeepEqual(it, want) {
		t.Errorf("got\n%+v\nwant\n%+v", *it, *want)
	}
}

func TestReadCSLJSONProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"a good item", `[{"id": "a", "type": "book", "title": "T", "issued": {"date-parts": [[2020]]}}]`, nil},
		{"wrong types, duplicate id", "[\n  {\"id\": \"a\", \"type\": \"book\", \"title\": 5, \"author\": {\"family\": \"x\"}, \"issued\": {\"date-parts\": [[2020]]}},\n" +
			"  {\"id\": \"a\", \"type\": \"book\", \"title\": \"T\", \"issued\": {\"date-parts\": [[\"2021\", \"x\"]]}}\n]", []string{
			"x.json:2:3: entry \"a\" has no title",
			"x.json:2:40: \"title\" must be a string, not a number",
			"x.json:2:53: \"author\" must be an array of names, not an object",
			"x.json:3:3: duplicate key \"a\"; first used at x.json:2:3",
			"x.json:3:3: warning: entry \"a\" has no year or date",
			"x.json:3:55: \"issued\" has a date part that is not a number: \"x\"",
		}},
		{"a missing comma", "[\n  {\"id\": \"a\", \"type\": \"book\", \"title\": \"T\", \"issued\": \"2020\"}\n  {\"id\": \"b\"}\n]", []string{
			"x.json:3:3: JSON syntax error: expected comma after array element",
		}},
		{"the file ends early", "[\n  {\"id\": \"a\"", []string{
			"x.json:2:13: JSON syntax error: the file ends before the JSON value does",
		}},
		{"not an item", "[1, \"s\"]", []string{
			"x.json:1:2: each item must be a JSON object, not a number",
			"x.json:1:5: each item must be a JSON object, not a string",
		}},
		{"neither array nor object", "42", []string{
			"x.json:1:1: expected a CSL-JSON array of items or one item, found \"42\"",
		}},
		{"no id, no type, text after the end", "{\"title\": \"T\", \"issued\": {\"raw\": \"2020-05\"}} x", []string{
			"x.json:1:1: item has no \"id\"",
			"x.json:1:1: record has no \"type\"",
			"x.json:1:46: unexpected text after the end of the JSON value",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, probs := ReadCSLJSON("x.json", []byte(tc.src))
			if got := problemLines(probs); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestReadCSLJSONFields(t *testing.T) {
	src := `{"id": "one", "type": "webpage", "title": "The <span class=\"nocase\">ITU</span> page", "issued": "2021-05-03",
	  "accessed": {"date-parts": [["2024", "2", "1"]]}, "volume": 3, "page": "1–5", "DOI": "doi:10.1/X",
	  "keyword": ["a", "b"], "language": "French", "custom": [1, 2], "regions": "africa"}`
	items, probs := ReadCSLJSON("x.json", []byte(src))
	if len(probs) > 0 || len(items) != 1 {
		t.Fatalf("%d items, problems %v", len(items), probs)
	}
	want := &Item{ID: "one", Type: "webpage", Title: "The ITU page", NoCase: []string{"ITU"}, Issued: Date{2021, 5, 3, ""},
		Accessed: Date{2024, 2, 1, ""}, Volume: "3", Page: "1-5", DOI: "10.1/X", Keywords: []string{"a", "b"}, Language: "fr",
		Extra: map[string]string{"regions": "africa"}, rawExtra: map[string]string{"custom": "[1,2]"}, Pos: Pos{"x.json", 1, 1}}
	if !reflect.DeepEqual(items[0], want) {
		t.Errorf("got\n%+v\nwant\n%+v", *items[0], *want)
	}
	var b strings.Builder
	WriteCSLJSON(&b, items...)
	for _, s := range []string{`"title": "The <span class=\"nocase\">ITU</span> page"`, `"custom": [1,2]`, `"regions": "africa"`, `"issued": {"date-parts": [[2021, 5, 3]]}`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("export lacks %s:\n%s", s, b.String())
		}
	}
}

func TestCheckDuplicates(t *testing.T) {
	a, _ := ReadBibTeX("a.bib", []byte("@book{x, title = {A}, year = 2020}\n@book{y, title = {B}, year = 2020}"))
	b, _ := ReadRIS("b.ris", []byte("\nTY  - BOOK\nID  - y\nTI  - B\nPY  - 2020\nER  - \n"))
	got := problemLines(CheckDuplicates(append(a, b...)))
	want := []string{`b.ris:2:1: duplicate key "y"; also used at a.bib:2:1`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestKeywordPositions checks that each BibTeX keyword is found where it is
// written, so a problem with one can point at it.
func TestKeywordPositions(t *testing.T) {
	src := "@string{m = {a}}\n@report{r,\n  title = {T},\n  keywords = {broadband,\n    digital skills, {\\'e}-waste},\n}\n@report{s, title = {T}, keywords = m # {, b}}\n"
	items, _ := ReadBibTeX("k.bib", []byte(src))
	if len(items) != 2 {
		t.Fatalf("read %d items", len(items))
	}
	var got []string
	for i, k := range items[0].Keywords {
		p := items[0].KeywordPos(i)
		got = append(got, fmt.Sprintf("%s@%d:%d", k, p.Line, p.Col))
	}
	if want := []string{"broadband@4:15", "digital skills@5:5", "é-waste@5:21"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// A value made of pieces points at its record.
	if p := items[1].KeywordPos(0); p != items[1].Pos {
		t.Errorf("joined value: %v, want the record's %v", p, items[1].Pos)
	}
}
