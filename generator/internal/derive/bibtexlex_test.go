package derive

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/itu-d/portal/generator/internal/biblio"
)

// chromaTokens is what chroma's own BibTeX lexer makes of text.
func chromaTokens(t testing.TB, text string) []chroma.Token {
	it, err := lexers.Get("bibtex").Tokenise(nil, text)
	if err != nil {
		t.Fatal(err)
	}
	return it.Tokens()
}

// bibtexSamples are the library's bibliographies, the reader's case files,
// and the BibTeX the writer makes of every record in them.
func bibtexSamples(t testing.TB) []string {
	files, _ := filepath.Glob("../../../data/publications/*.bib")
	cases, _ := filepath.Glob("../biblio/testdata/bibtex/*.txt")
	var out []string
	for _, p := range append(files, cases...) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(src))
		items, _ := biblio.ReadBibTeX(p, src)
		for _, it := range items {
			var b bytes.Buffer
			if err := biblio.WriteBibTeX(&b, it); err != nil {
				t.Fatal(err)
			}
			out = append(out, b.String())
		}
	}
	if len(files) == 0 || len(cases) == 0 {
		t.Fatal("no BibTeX samples found")
	}
	return out
}

func TestBibTeXLexerMatchesChroma(t *testing.T) {
	fast := 0
	for _, text := range bibtexSamples(t) {
		toks, ok := lexBibTeX(text)
		if !ok {
			continue
		}
		fast++
		if want := chromaTokens(t, text); !reflect.DeepEqual(toks, want) {
			t.Errorf("tokens differ from chroma's for\n%s\ngot  %v\nwant %v", text, toks, want)
		}
	}
	t.Logf("%d samples lexed without chroma's lexer", fast)
}

// TestBibTeXLexerTakesWrittenRecords: what the writer makes, the port
// lexes itself; falling back would quietly cost the speed it is for.
func TestBibTeXLexerTakesWrittenRecords(t *testing.T) {
	for _, text := range bibtexSamples(t) {
		items, _ := biblio.ReadBibTeX("x.bib", []byte(text))
		for _, it := range items {
			var b bytes.Buffer
			biblio.WriteBibTeX(&b, it)
			if _, ok := lexBibTeX(b.String()); !ok {
				t.Errorf("fell back to chroma's lexer for\n%s", b.String())
			}
		}
	}
}

func FuzzBibTeXLexer(f *testing.F) {
	for _, s := range bibtexSamples(f) {
		f.Add(s)
	}
	for _, s := range []string{"@string{a = \"x{y}\" # b}", "@preamble{\"p\"}", "@COMMENT{x}", "@misc(k, a = 12)", "x\n@\n", "@a{b,c=d", "@a{ü}", "@a{b, c = 1\u00a0}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks, ok := lexBibTeX(text)
		if !ok {
			return
		}
		if want := chromaTokens(t, text); !reflect.DeepEqual(toks, want) {
			t.Errorf("tokens differ from chroma's for %q\ngot  %v\nwant %v", text, toks, want)
		}
	})
}
