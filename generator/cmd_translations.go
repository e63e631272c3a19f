package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/itu-d/portal/generator/internal/source"
)

func cmdTranslations(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("translations", "translations [-source DIR] [-json] [-mark FILE...]", `
Translations prints, for each language, the content that is missing (an
original with no translation in it) and the translations that are outdated
(their original's text changed after they were made), then the totals.

With -mark, it records in each translation FILE named (index.fr.md, ...)
that it follows its original as the original is now: run it after
translating or updating a translation. It writes translation.of and leaves
the rest of the file as it was.`, stderr)
	src := fs.String("source", ".", "site root (the folder holding hugo.toml)")
	asJSON := fs.Bool("json", false, "print the status as JSON, for machines")
	mark := fs.Bool("mark", false, "record that each FILE follows its original as it is now")
	if err := parse(fs, args, -1); err != nil {
		return err
	}
	if *mark != (fs.NArg() > 0) {
		fmt.Fprintln(stderr, "generator translations: -mark takes the translation files to mark, and files are only taken with -mark")
		return errUsage
	}
	site, probs := source.Load(*src, source.Options{})
	if probs.Errors() > 0 {
		for _, p := range probs.Problems() {
			if !p.Warning {
				fmt.Fprintln(stderr, p)
			}
		}
		fmt.Fprintf(stderr, "generator: %d error(s); fix them first (go run ./generator check)\n", probs.Errors())
		return errReported
	}
	if *mark {
		return markTranslations(site, fs.Args(), stdout)
	}
	status := site.TranslationStatus()
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"content": len(site.Content), "languages": status})
	}
	for _, ls := range status {
		for _, p := range ls.Outdated {
			fmt.Fprintf(stdout, "%s\toutdated\t%s\n", ls.Lang, p)
		}
		for _, p := range ls.Missing {
			fmt.Fprintf(stdout, "%s\tmissing\t%s\n", ls.Lang, p)
		}
	}
	fmt.Fprintf(stdout, "\n%d pieces of content in %s\n", len(site.Content), site.Config.Labels[site.Languages[0]])
	fmt.Fprintf(stdout, "%-4s %10s %9s %8s  %s\n", "", "translated", "outdated", "missing", "methods")
	for _, ls := range status {
		var methods []string
		for _, m := range append(source.Methods, "") {
			if n := ls.Methods[m]; n > 0 {
				if m == "" {
					m = "not said"
				}
				methods = append(methods, fmt.Sprintf("%d %s", n, m))
			}
		}
		fmt.Fprintf(stdout, "%-4s %10d %9d %8d  %s\n", ls.Lang, len(ls.Translated), len(ls.Outdated), len(ls.Missing), strings.Join(methods, ", "))
	}
	return nil
}

// markTranslations writes translation.of into each file: the version of
// its original's text as it is now.
func markTranslations(site *source.Site, files []string, stdout io.Writer) error {
	byPath := map[string]string{}
	for _, c := range site.Content {
		for _, t := range c.Translations {
			byPath[t.Path] = c.Text
		}
	}
	var errs []error
	for _, f := range files {
		rel := filepath.ToSlash(filepath.Clean(f))
		if abs, err := filepath.Abs(f); err == nil {
			if root, err := filepath.Abs(site.Root); err == nil {
				if r, err := filepath.Rel(root, abs); err == nil {
					rel = filepath.ToSlash(r)
				}
			}
		}
		text, ok := byPath[rel]
		if !ok {
			errs = append(errs, fmt.Errorf("%s is not a translation (index.LANG.md next to its index.md)", f))
			continue
		}
		full := filepath.Join(site.Root, filepath.FromSlash(rel))
		b, err := os.ReadFile(full)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out, err := setTranslationOf(b, text)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f, err))
			continue
		}
		if err := os.WriteFile(full, out, 0o644); err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(stdout, "%s: follows its original as of %s\n", rel, text)
	}
	return errors.Join(errs...)
}

// setTranslationOf sets translation.of in a file's YAML front matter to
// text, editing the text in place so that comments, order and layout stay,
// then reads the result back and refuses it unless translation.of is the
// new value and every other field is as it was.
func setTranslationOf(src []byte, text string) ([]byte, error) {
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	if !bytes.HasPrefix(src, []byte("---"+nl)) {
		return nil, errors.New("translation.of can be set in YAML front matter (between --- lines) only")
	}
	start := len("---" + nl)
	end := bytes.Index(src[start:], []byte(nl+"---"))
	if end < 0 {
		return nil, errors.New("the front matter is not closed")
	}
	fm := string(src[start : start+end])
	lines := strings.SplitAfter(fm, "\n")
	value := `"` + text + `"`
	file, err := parser.ParseBytes([]byte(fm), 0)
	if err != nil || len(file.Docs) == 0 {
		return nil, fmt.Errorf("the front matter does not read as YAML: %v", err)
	}
	root, ok := file.Docs[0].Body.(*ast.MappingNode)
	if !ok {
		return nil, errors.New("the front matter is not a list of fields")
	}
	var tr *ast.MappingValueNode
	for _, v := range root.Values {
		if v.Key.GetToken().Value == "translation" {
			tr = v
		}
	}
	switch {
	case tr == nil:
		fm = strings.TrimRight(fm, "\r\n") + nl + "translation:" + nl + "  of: " + value
	default:
		m, ok := tr.Value.(*ast.MappingNode)
		if !ok {
			return nil, errors.New("translation is not a group of fields; write translation: {method: machine}")
		}
		var of *ast.MappingValueNode
		for _, v := range m.Values {
			if v.Key.GetToken().Value == "of" {
				of = v
			}
		}
		switch {
		case of != nil:
			// Replace what follows "of:" on its line, up to a comment, a
			// comma or a closing brace.
			k := of.Key.GetToken().Position
			line := lines[k.Line-1]
			col := byteCol(line, k.Column) + len("of")
			rest := line[col:]
			colon := strings.IndexByte(rest, ':')
			if colon < 0 {
				return nil, errors.New("translation.of is written in a way that cannot be edited; set it by hand")
			}
			from := col + colon + 1
			to := from + scalarEnd(line[from:])
			lines[k.Line-1] = line[:from] + " " + value + line[to:]
			fm = strings.Join(lines, "")
		case m.IsFlowStyle:
			k := tr.Key.GetToken().Position
			line := lines[k.Line-1]
			brace := strings.IndexByte(line, '{')
			if brace < 0 {
				return nil, errors.New("translation is written in a way that cannot be edited; set translation.of by hand")
			}
			sep := ", "
			if strings.TrimSpace(line[brace+1:]) == "" || strings.HasPrefix(strings.TrimSpace(line[brace+1:]), "}") {
				sep = ""
			}
			lines[k.Line-1] = line[:brace+1] + "of: " + value + sep + line[brace+1:]
			fm = strings.Join(lines, "")
		default:
			k := tr.Key.GetToken().Position
			indent := "  "
			if len(m.Values) > 0 {
				indent = strings.Repeat(" ", m.Values[0].Key.GetToken().Position.Column-1)
			}
			lines = append(lines[:k.Line], append([]string{indent + "of: " + value + nl}, lines[k.Line:]...)...)
			fm = strings.Join(lines, "")
		}
	}
	out := append(append(append([]byte{}, src[:start]...), fm...), src[start+end:]...)
	if err := sameButOf(src[start:start+end], []byte(fm), text); err != nil {
		return nil, fmt.Errorf("could not set translation.of safely (%v); set it by hand to %s", err, value)
	}
	return out, nil
}

// byteCol turns a 1-based column in characters into a byte offset in line.
func byteCol(line string, col int) int {
	n := 0
	for i := range line {
		if n == col-1 {
			return i
		}
		n++
	}
	return len(line)
}

// scalarEnd is the length of the YAML scalar at the start of s (after
// spaces): a quoted string, or plain text up to a comment, a comma, a
// closing brace or the end of the line.
func scalarEnd(s string) int {
	i := len(s) - len(strings.TrimLeft(s, " \t"))
	if i < len(s) && (s[i] == '"' || s[i] == '\'') {
		if j := strings.IndexByte(s[i+1:], s[i]); j >= 0 {
			return i + 1 + j + 1
		}
		return len(strings.TrimRight(s, "\r\n"))
	}
	end := len(strings.TrimRight(s, "\r\n"))
	for j := i; j < end; j++ {
		if s[j] == ',' || s[j] == '}' || s[j] == '#' && (s[j-1] == ' ' || s[j-1] == '\t') {
			end = j
			break
		}
	}
	return len(strings.TrimRight(s[:end], " \t"))
}

// sameButOf reads two front matters and reports any difference between
// them but translation.of, which the second must hold as text.
func sameButOf(before, after []byte, text string) error {
	var a, b map[string]any
	if err := yaml.Unmarshal(before, &a); err != nil {
		return err
	}
	if err := yaml.Unmarshal(after, &b); err != nil {
		return fmt.Errorf("the result does not read as YAML: %v", err)
	}
	tb, _ := b["translation"].(map[string]any)
	if tb == nil || tb["of"] != text {
		return errors.New("translation.of did not come out as written")
	}
	delete(tb, "of")
	if ta, ok := a["translation"].(map[string]any); ok {
		delete(ta, "of")
		if len(ta) == 0 && len(tb) == 0 {
			a["translation"], b["translation"] = nil, nil
		}
	} else if len(tb) == 0 {
		delete(b, "translation")
	}
	if !reflect.DeepEqual(a, b) {
		return errors.New("another field would have changed")
	}
	return nil
}
