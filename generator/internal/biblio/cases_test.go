package biblio

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected part of the case files")

const (
	caseSep = "//- - - - - - - - -//"
	caseEnd = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

// testCase is one case of a case file, in the goldmark style: a header
// line, the input, a separator, the expected output and an end line.
type testCase struct {
	file, header  string
	input, expect string
}

func readCases(t testing.TB, pattern string) []testCase {
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no case files match %s", pattern)
	}
	var out []testCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, block := range strings.Split(string(b), caseEnd+"\n") {
			if strings.TrimSpace(block) == "" {
				continue
			}
			parts := strings.Split(block, caseSep+"\n")
			if len(parts) != 3 {
				t.Fatalf("%s: case %q: want header, input and expected parts", f, firstLine(block))
			}
			out = append(out, testCase{file: f, header: strings.TrimSpace(parts[0]), input: parts[1], expect: parts[2]})
		}
	}
	return out
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

// runCases checks each case's output, or with -update rewrites the files
// with the output as the new expectation.
func runCases(t *testing.T, pattern string, run func(t *testing.T, c testCase) string) {
	cases := readCases(t, pattern)
	got := map[string]*bytes.Buffer{}
	for _, c := range cases {
		t.Run(filepath.Base(c.file)+"/"+c.header, func(t *testing.T) {
			out := run(t, c)
			if *update {
				b := got[c.file]
				if b == nil {
					b = &bytes.Buffer{}
					got[c.file] = b
				}
				fmt.Fprintf(b, "%s\n%s\n%s%s\n%s\n%s\n", c.header, caseSep, c.input, caseSep, out, caseEnd)
				return
			}
			if strings.TrimSpace(out) != strings.TrimSpace(c.expect) {
				t.Errorf("%s: %s\n--- got\n%s\n--- want\n%s", c.file, c.header, out, c.expect)
			}
		})
	}
	for f, b := range got {
		if err := os.WriteFile(f, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBibTeXCases decodes each case's BibTeX and compares the CSL-JSON
// export and the problems found with the expected text.
func TestBibTeXCases(t *testing.T) {
	runCases(t, "testdata/bibtex/*.txt", func(t *testing.T, c testCase) string {
		items, probs := ReadBibTeX("case.bib", []byte(c.input))
		var b strings.Builder
		WriteCSLJSON(&b, items...)
		for _, p := range probs {
			b.WriteString(p.String() + "\n")
		}
		return strings.TrimSpace(b.String())
	})
}

var langRe = regexp.MustCompile(`\blang=([a-z-]+)`)

// TestCiteCases formats each case's entry in APA and Chicago. Expected
// lines mark italics with *asterisks*; links show their text.
func TestCiteCases(t *testing.T) {
	runCases(t, "testdata/cite/*.txt", func(t *testing.T, c testCase) string {
		items, probs := ReadBibTeX("case.bib", []byte(c.input))
		for _, p := range probs {
			if !p.Warning {
				t.Errorf("input: %s", p)
			}
		}
		if len(items) != 1 {
			t.Fatalf("want one entry, got %d", len(items))
		}
		lang := "en"
		if m := langRe.FindStringSubmatch(c.header); m != nil {
			lang = m[1]
		}
		apa, chi := FormatAPA(items[0], lang), FormatChicago(items[0], lang)
		for _, ct := range []Citation{apa, chi} {
			plain := strings.NewReplacer("*", "", "⟨", "", "⟩", "").Replace(markup(ct.HTML))
			if text := isolates.Replace(ct.Text); plain != text {
				t.Errorf("HTML and text disagree:\n%s\n%s", plain, text)
			}
		}
		return markup(apa.HTML) + "\n" + markup(chi.HTML)
	})
}

var isolates = strings.NewReplacer("\u2066", "", "\u2067", "", "\u2069", "")

// markedRe matches an element of citation HTML: a run of italics, a link,
// or a run in another language or direction.
var markedRe = regexp.MustCompile(`<(i|a|span)((?: [a-z]+="[^"]*")*)>([^<]*)</(?:i|a|span)>`)

// markup turns citation HTML into the case files' notation: *italics*,
// links as their text, and ⟨a run in the record's language⟩ (or, in a
// right-to-left citation, any run isolated left to right).
func markup(h string) string {
	h = markedRe.ReplaceAllStringFunc(h, func(m string) string {
		sub := markedRe.FindStringSubmatch(m)
		tag, attrs, text := sub[1], sub[2], sub[3]
		if strings.Contains(attrs, " lang=") || strings.Contains(attrs, " dir=") {
			text = "⟨" + text + "⟩"
		}
		if tag == "i" {
			text = "*" + text + "*"
		}
		return text
	})
	return html.UnescapeString(h)
}
