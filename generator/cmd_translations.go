package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

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

var (
	ofLine           = regexp.MustCompile(`(?m)^(\s+of:\s*)("[0-9a-f]*"|'[0-9a-f]*'|[0-9a-f]*)\s*$`)
	flowTranslation  = regexp.MustCompile(`(?m)^translation:\s*\{`)
	blockTranslation = regexp.MustCompile(`(?m)^translation:\s*$\n(\s+)`)
)

// setTranslationOf sets translation.of in a file's YAML front matter to
// text, editing the text in place so that comments and layout stay.
func setTranslationOf(src []byte, text string) ([]byte, error) {
	if !strings.HasPrefix(string(src), "---\n") && !strings.HasPrefix(string(src), "---\r\n") {
		return nil, errors.New("translation.of can be set in YAML front matter (between --- lines) only")
	}
	end := strings.Index(string(src[4:]), "\n---")
	if end < 0 {
		return nil, errors.New("the front matter is not closed")
	}
	fm, rest := string(src[:4+end]), string(src[4+end:])
	value := `"` + text + `"`
	switch {
	case flowTranslation.MatchString(fm):
		if loc := regexp.MustCompile(`(translation:\s*\{[^}\n]*?)\bof:\s*("[0-9a-f]*"|'[0-9a-f]*'|[0-9a-f]*)`).FindStringSubmatchIndex(fm); loc != nil {
			fm = fm[:loc[4]] + value + fm[loc[5]:]
		} else {
			fm = flowTranslation.ReplaceAllString(fm, "translation: {of: "+value+", ")
			fm = strings.Replace(fm, ", }", "}", 1)
		}
	case blockTranslation.MatchString(fm):
		block := fm[blockTranslation.FindStringIndex(fm)[0]:]
		if loc := ofLine.FindStringSubmatchIndex(block); loc != nil && !strings.Contains(block[:loc[0]], "\n---") {
			start := len(fm) - len(block)
			fm = fm[:start+loc[4]] + value + fm[start+loc[5]:]
		} else {
			m := blockTranslation.FindStringSubmatch(fm)
			fm = blockTranslation.ReplaceAllLiteralString(fm, "translation:\n"+m[1]+"of: "+value+"\n"+m[1])
		}
	default:
		fm += "\ntranslation:\n  of: " + value
	}
	return []byte(fm + rest), nil
}
