package search

import (
	"bytes"
	"compress/gzip"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/js"
)

var update = flag.Bool("update", false, "rewrite the expected terms of testdata/analyze/*.txt")

type analyzeCase struct{ lang, input, want string }

// readAnalyzeCases reads testdata/analyze/<lang>.txt: "input => terms" a
// line; mixed.txt is analyzed as English.
func readAnalyzeCases(t testing.TB) []analyzeCase {
	files, _ := filepath.Glob(filepath.Join("testdata", "analyze", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no case files")
	}
	var out []analyzeCase
	for _, f := range files {
		lang := strings.TrimSuffix(filepath.Base(f), ".txt")
		if lang == "mixed" {
			lang = "en"
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(b), "\n") {
			i := strings.LastIndex(l, "=>")
			if strings.HasPrefix(l, "#") || i < 0 {
				continue
			}
			out = append(out, analyzeCase{lang, strings.TrimSpace(l[:i]), strings.TrimSpace(l[i+2:])})
		}
	}
	return out
}

func TestAnalyzeCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "analyze", "*.txt"))
	for _, f := range files {
		lang := strings.TrimSuffix(filepath.Base(f), ".txt")
		if lang == "mixed" {
			lang = "en"
		}
		b, _ := os.ReadFile(f)
		lines := strings.Split(string(b), "\n")
		for n, l := range lines {
			i := strings.LastIndex(l, "=>")
			if strings.HasPrefix(l, "#") || i < 0 {
				continue
			}
			input := strings.TrimSpace(l[:i])
			got := strings.Join(analyze(lang, input, nil), " ")
			if *update {
				lines[n] = strings.TrimRight(input+" => "+got, " ")
			} else if want := strings.TrimSpace(l[i+2:]); got != want {
				t.Errorf("%s:%d: %q\n got: %s\nwant: %s", f, n+1, input, got, want)
			}
		}
		if *update {
			os.WriteFile(f, []byte(strings.Join(lines, "\n")), 0o644)
		}
	}
}

// TestAnalyzeMatchesJS runs the case files and samples of the Snowball
// vocabularies through analyze and its twin in search.js.
func TestAnalyzeMatchesJS(t *testing.T) {
	var inputs [][2]string
	for _, c := range readAnalyzeCases(t) {
		inputs = append(inputs, [2]string{c.lang, c.input})
	}
	for _, lang := range []string{"en", "fr", "es", "ru"} {
		for _, w := range readWords(t, filepath.Join("testdata", "stem", lang+".txt")) {
			inputs = append(inputs, [2]string{lang, w})
			inputs = append(inputs, [2]string{lang, strings.ToUpper(w)})
		}
	}
	compareTerms(t, inputs)
}

func FuzzAnalyze(f *testing.F) {
	for _, c := range readAnalyzeCases(f) {
		f.Add(c.lang, c.input)
	}
	f.Fuzz(func(t *testing.T, lang, s string) {
		if !supported(lang) {
			lang = "en"
		}
		for _, term := range analyze(lang, s, nil) {
			n := utf8.RuneCountInString(term)
			if term == "" || !utf8.ValidString(term) || n > maxTermRunes {
				t.Fatalf("%q: bad term %q", s, term)
			}
			for _, c := range term {
				if c > 0xFFFF || !isWord(c) {
					t.Fatalf("%q: term %q has %U", s, term, c)
				}
			}
		}
		excerpt(lang, s, map[string]bool{"a": true})
	})
}

// TestScriptSize keeps search.js, minified as Hugo minifies it and
// gzipped, within 9 KiB, of the 10 KiB a page may load (hugo.toml's
// [params.budgets] js; it is the search page's only script), and
// search-more.js, which it loads for typos and other languages, within
// 2.5 KiB.
func TestScriptSize(t *testing.T) {
	for _, c := range []struct {
		path  string
		limit int
	}{{scriptPath, 9 << 10}, {morePath, 5 << 9}} {
		src, err := os.ReadFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		min, gz := minified(t, src)
		name := filepath.Base(c.path)
		t.Logf("%s: %d bytes, %d minified, %d gzipped", name, len(src), len(min), gz)
		if gz > c.limit {
			t.Errorf("%s is %d bytes minified and gzipped, over %d", name, gz, c.limit)
		}
		for _, bad := range []string{"eval(", "new Function", ".style", "innerHTML", "http://", "https://"} {
			if bytes.Contains(src, []byte(bad)) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
}

// minified is src minified as Hugo minifies it, and its size gzipped.
func minified(t testing.TB, src []byte) ([]byte, int) {
	m := minify.New()
	m.AddFunc("text/javascript", js.Minify)
	min, err := m.Bytes("text/javascript", src)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(min)
	w.Close()
	return min, gz.Len()
}
