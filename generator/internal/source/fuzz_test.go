package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/fuzzbound"
)

// loadBound is what checking a file may cost: linear in its size, whatever
// its YAML's aliases and nesting (bounded by the default limits).
var loadBound = fuzzbound.Bound{Fixed: 32 << 20, PerByte: 8192, Time: 5 * time.Second}

// FuzzFrontMatter feeds arbitrary files through front matter parsing and
// the story checks: they must never panic, and every problem they report
// must point inside the file.
func FuzzFrontMatter(f *testing.F) {
	seeds, _ := filepath.Glob("../../testdata/fixture/content/stories/*/index*.md")
	for _, s := range seeds {
		b, _ := os.ReadFile(s)
		f.Add(b)
	}
	for _, s := range []string{"", "---", "---\n---\n", "+++\n+++\n", "---\n: :\n---\n", "---\ntitle: [\n---\n",
		"---\nsdgs: [1, 99, \"x\"]\nregion: mars\n---\n", "---\n- a\n- b\n---\n", "---\n? [a]\n: b\n---\n",
		"---\na: &x [*x]\n---\n", "---\na: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n",
		"---\na: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n---\n", "+++\ndate = 2023-02-30\n+++\n",
		"---\ntitle: \"a\nb: \"c\"\n---\n", "---\na:\n\tb: c\n---\n", "---\na: [b,\nc: 'd''s' e\n f: >\n  g\n h\n---\n", "\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n"} {
		f.Add([]byte(s))
	}
	schemas, err := compileSchemas()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		os.MkdirAll(filepath.Join(dir, "content/stories/x"), 0o755)
		os.WriteFile(filepath.Join(dir, "content/stories/x/index.md"), src, 0o644)
		probs := &diag.List{}
		l := &loader{site: &Site{Root: dir, Languages: []string{"en", "fr"}}, schemas: schemas, probs: probs,
			docs: map[string]*frontMatter{}, storyFolders: map[string]bool{}}
		fuzzbound.Check(t, loadBound, len(src), func() {
			l.loadFile("content/stories/x/index.md", nil)
			l.crossCheck()
		})
		lines := strings.Count(string(src), "\n") + 1
		for _, p := range probs.Problems() {
			if p.Line < 0 || p.Line > lines+1 || p.Col < 0 {
				t.Errorf("problem outside the file (%d lines): %s", lines, p)
			}
			if p.Msg == "" {
				t.Errorf("empty message: %+v", p)
			}
		}
	})
}
