package safeyaml

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"

	"github.com/itu-d/portal/generator/internal/fuzzbound"
)

func bomb(levels int) string {
	var b strings.Builder
	b.WriteString("title: x\n")
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	prev := "a"
	for i := 0; i < levels; i++ {
		name := string(rune('b' + i))
		b.WriteString(name + ": &" + name + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	return b.String()
}

func deepBlock(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	return b.String()
}

func longKeys(keyLen, depth, leaves int) string {
	var b strings.Builder
	key := strings.Repeat("k", keyLen)
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat(" ", i) + key + ":\n")
	}
	for i := 0; i < leaves; i++ {
		b.WriteString(strings.Repeat(" ", depth) + "x" + strings.Repeat("y", i%7) + string(rune('a'+i%26)) + ": 1\n")
	}
	return b.String()
}

// anchoredKeys nests long keys each behind an anchor, so that the key is
// not the first token of its line.
func anchoredKeys(keyLen, depth, leaves int) string {
	var b strings.Builder
	key := strings.Repeat("k", keyLen)
	for i := 0; i < depth; i++ {
		fmt.Fprintf(&b, "%s&a%d %s%d:\n", strings.Repeat(" ", i), i, key, i)
	}
	for i := 0; i < leaves; i++ {
		fmt.Fprintf(&b, "%sx%d: 1\n", strings.Repeat(" ", depth), i)
	}
	return b.String()
}

// seqAtKeyColumn nests long keys through block sequences written at their
// key's own column ("key:" then "- key2:").
func seqAtKeyColumn(keyLen, depth, leaves int) string {
	var b strings.Builder
	key := strings.Repeat("k", keyLen)
	fmt.Fprintf(&b, "%s0:\n", key)
	for i := 1; i < depth; i++ {
		fmt.Fprintf(&b, "%s- %s%d:\n", strings.Repeat(" ", 2*(i-1)), key, i)
	}
	for i := 0; i < leaves; i++ {
		fmt.Fprintf(&b, "%s- x%d\n", strings.Repeat(" ", 2*(depth-1)), i)
	}
	return b.String()
}

// aliasKeys uses a large alias as a key, again and again: goccy writes
// each out as text.
func aliasKeys(n int) string {
	var b strings.Builder
	b.WriteString("a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c]\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "k%d:\n  *d : 1\n", i)
	}
	return b.String()
}

// TestLimits reads hostile documents within a small memory bound: each is
// refused with the limit it breaks, at a position in the text.
func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		limit     Limit
		line      int
	}{
		{"alias bomb", bomb(9), LimitValues, 7},
		{"small alias bomb", bomb(5), LimitValues, 0},
		{"merge key bomb", "a: &a {x: 1, y: 2}\nb: &b {<<: *a, c: *a, d: *a, e: *a}\nc: &c {f: *b, g: *b, h: *b, i: *b, j: *b}\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\n", LimitValues, 0},
		{"deep flow", "a: " + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + "\n", LimitDepth, 1},
		{"deep flow maps", "a: " + strings.Repeat("{b: ", 5000) + "1" + strings.Repeat("}", 5000) + "\n", LimitDepth, 1},
		{"deep block", deepBlock(3000), LimitDepth, 33},
		{"deep sequence", strings.Repeat("- ", 5000) + "x\n", LimitDepth, 1},
		{"deep through aliases", "a: &a [[[[[[[[[[1]]]]]]]]]]\nb: &b [[[[[[[[[[*a]]]]]]]]]]\nc: &c [[[[[[[[[[*b]]]]]]]]]]\nd: [[[[[[[[[[*c]]]]]]]]]]\n", LimitDepth, 0},
		{"long keys over many nodes", longKeys(60000, 20, 20000), LimitPaths, 0},
		{"anchored long keys", anchoredKeys(8000, 28, 8000), LimitPaths, 0},
		{"sequences at their keys' column", seqAtKeyColumn(8000, 15, 8000), LimitPaths, 0},
		{"alias as a key", aliasKeys(1000), LimitValues, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, _, err := Parse([]byte(tc.src), Limits{})
			runtime.ReadMemStats(&after)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			if e.Limit != tc.limit {
				t.Errorf("limit = %q (%s), want %q", e.Limit, e.Msg, tc.limit)
			}
			if tc.line > 0 && e.Line != tc.line {
				t.Errorf("line = %d, want %d (%s)", e.Line, tc.line, e.Msg)
			}
			// The lexer costs a few hundred bytes per input byte; anything
			// quadratic or exponential is orders of magnitude past this.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(400*len(tc.src)+(16<<20)) {
				t.Errorf("allocated %d MB for %d bytes", alloc>>20, len(tc.src))
			}
		})
	}
}

// TestSameAsGoccy holds the values read to be exactly what goccy's own
// Unmarshal (as Hugo calls it) makes of every YAML file of the site.
func TestSameAsGoccy(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	var files []string
	for _, glob := range []string{"content/*.md", "content/*/*.md", "content/*/*/*.md", "data/datasets/*/datapackage.yaml", "i18n/*.yaml"} {
		m, _ := filepath.Glob(filepath.Join(root, glob))
		files = append(files, m...)
	}
	if len(files) < 20 {
		t.Fatalf("found only %d files", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, ".md") {
			parts := bytes.SplitN(src, []byte("---\n"), 3)
			if len(parts) < 3 {
				continue
			}
			src = parts[1]
		}
		_, got, err := Parse(src, Limits{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		var want any
		if err := yaml.UnmarshalWithOptions(src, &want, yaml.UseOrderedMap()); err != nil {
			t.Fatalf("%s: goccy: %v", f, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: values differ from goccy's", f)
		}
	}
}

func TestOrdinary(t *testing.T) {
	src := "title: \"Arta\"\nanchors: &x {a: 1}\nuse: *x\nlist:\n- a\n- b: [1, 2]\n  c: |\n    block\n    text\n"
	body, v, err := Parse([]byte(src), Limits{})
	if err != nil || body == nil || v == nil {
		t.Fatalf("Parse = %v, %v, %v", body, v, err)
	}
	if _, _, err := Parse(nil, Limits{}); err != nil {
		t.Errorf("empty document: %v", err)
	}
	_, _, err = Parse([]byte("title: Broadband: in Arta\n"), Limits{})
	var e *Error
	if !errors.As(err, &e) || e.Line != 1 || e.Limit != "" {
		t.Errorf("syntax error = %#v", err)
	}
}

// FuzzParse reads arbitrary YAML: never a panic, every problem inside the
// text, and never more than a linear cost, whatever its aliases and nesting.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "a: 1", "a: &a [1,2]\nb: *a\n", bomb(3), "a: [[[[[[[[[]]]]]]]]]", "- - - - x", "? a\n: b", "a: |\n  x\n  y\n",
		"a: {<<: *b}", "&a a: 1", "x: !!binary aGk=", "a: 'x\n", "\t- x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var err error
		var body ast.Node
		fuzzbound.Check(t, fuzzbound.Bound{Fixed: 16 << 20, PerByte: 4096, Time: 2 * time.Second}, len(src), func() {
			body, _, err = Parse(src, Limits{Depth: 16, Values: 5000})
		})
		// The parser's paths of what scan let through stay within a
		// linear bound: scan's estimate is never too low.
		if err == nil && body != nil {
			var paths int
			ast.Walk(pathSum(func(n ast.Node) { paths += len(n.GetPath()) }), body)
			if paths > 64*len(src)+4096 {
				t.Errorf("%d bytes of paths for %d bytes of YAML", paths, len(src))
			}
		}
		var e *Error
		if err != nil && errors.As(err, &e) {
			// Lines end at \n, \r\n or a lone \r, as YAML and editors read them.
			lines := bytes.Count(bytes.ReplaceAll(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n")), []byte("\n")) + 1
			if e.Line < 1 || e.Line > lines+1 || e.Col < 1 {
				t.Errorf("problem outside the text (%d lines): %v", lines, e)
			}
		}
	})
}

// pathSum is an ast.Visitor calling f on every node.
type pathSum func(ast.Node)

func (f pathSum) Visit(n ast.Node) ast.Visitor {
	f(n)
	return f
}
