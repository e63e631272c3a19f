package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/itu-d/portal/generator/internal/config"
	"github.com/itu-d/portal/generator/internal/diag"
)

// Content is one piece of content and the languages it is written in: an
// original (index.md, in the site's default language) and its translations
// (index.fr.md, ...). Every language site shows it; where a language has
// no translation, the original stands in, labelled.
type Content struct {
	Key      string // path under content/ without language and extension: stories/x/index
	Original string // the original's file, relative to the root
	Kind     string // story, page, region, home
	Langs    []string
	// Text is the hash of the original's text as it is now (see textHash).
	Text string
	// Updated is the original's last change as it says (lastmod, else date).
	Updated string
	// Translations by language.
	Translations map[string]*Translation
}

// Translation is what a translation file records of itself.
type Translation struct {
	Path   string
	Lang   string
	Of     string // the original's text hash it was made from (translation.of)
	Method string // official, reviewed or machine (translation.method)
	By     string
	Date   string
	// Outdated: the original's text changed after the translation was made.
	Outdated bool
}

// Methods are the ways a translation can be made, as translation.method
// names them, most trusted first.
var Methods = []string{"official", "reviewed", "machine"}

// textHash is the version of a content file's text: a hash of what a
// translation carries over (title, summary, description, the words of key
// figures, the image's text and the body), so that editing the text of an
// original makes its translations outdated while changing a region, a date
// or how a source is cited does not.
func textHash(fm *frontMatter) string {
	text := map[string]any{}
	for _, k := range []string{"title", "linkTitle", "summary", "description", "partners"} {
		if v, ok := fm.Fields[k]; ok {
			text[k] = v
		}
	}
	// A figure's words, not its source: sources are cited as published.
	if figs, ok := fm.Fields["figures"].([]any); ok {
		var words []any
		for _, f := range figs {
			if m, ok := f.(map[string]any); ok {
				words = append(words, map[string]any{"value": m["value"], "unit": m["unit"], "label": m["label"]})
			}
		}
		text["figures"] = words
	}
	if img, ok := fm.Fields["image"].(map[string]any); ok {
		text["image"] = map[string]any{"alt": img["alt"], "credit": img["credit"]}
	}
	b, _ := json.Marshal(text) // map keys sorted: the same text, the same bytes
	h := sha256.New()
	h.Write(b)
	h.Write([]byte{0})
	h.Write(bytes.TrimSpace(fm.Body))
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// contentKey is the key shared by an original and its translations.
func contentKey(rel, base string) string {
	return path.Join(path.Dir(strings.TrimPrefix(rel, "content/")), base)
}

// addContent records a parsed content file for the translation status.
func (l *loader) addContent(rel, base, lang, kind string, fm *frontMatter) {
	key := contentKey(rel, base)
	if l.content == nil {
		l.content = map[string]*Content{}
	}
	c := l.content[key]
	if c == nil {
		c = &Content{Key: key, Kind: kind, Translations: map[string]*Translation{}}
		l.content[key] = c
	}
	if slices.Contains(c.Langs, lang) {
		first := c.Original
		if t := c.Translations[lang]; t != nil {
			first = t.Path
		}
		l.probs.Add(diag.Problem{Path: rel, Line: 1, Col: 1, Msg: fmt.Sprintf("%s is already written in %s, in %s", path.Base(key), l.langLabel(lang), first),
			Hint: "keep one file per language: remove or rename one of them"})
		return
	}
	c.Langs = append(c.Langs, lang)
	if lang == l.site.Languages[0] {
		c.Original = rel
		c.Text = textHash(fm)
		c.Updated, _ = fm.Fields["lastmod"].(string)
		if c.Updated == "" {
			c.Updated, _ = fm.Fields["date"].(string)
		}
		if _, ok := fm.Fields["translation"]; ok {
			l.errorAt(rel, fm, "/translation", "translation: belongs in a translation file (index.LANG.md); remove it here",
				"the original, in %s, is not a translation", l.langLabel(lang))
		}
		return
	}
	t := &Translation{Path: rel, Lang: lang}
	var f struct {
		Translation struct{ Of, Method, By, Date string }
	}
	decodeInto(fm.Fields, &f)
	t.Of, t.Method, t.By, t.Date = f.Translation.Of, f.Translation.Method, f.Translation.By, f.Translation.Date
	c.Translations[lang] = t
}

// checkTranslations compares each translation with its original, once
// every file is read, and returns the site's content in key order.
func (l *loader) checkTranslations() []*Content {
	keys := make([]string, 0, len(l.content))
	for k := range l.content {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*Content, 0, len(keys))
	for _, k := range keys {
		c := l.content[k]
		order := map[string]int{}
		for i, lang := range l.site.Languages {
			order[lang] = i
		}
		sort.Slice(c.Langs, func(i, j int) bool { return order[c.Langs[i]] < order[c.Langs[j]] })
		if c.Original == "" {
			continue // an orphan, reported where it was read
		}
		for _, lang := range c.Langs[1:] {
			t := c.Translations[lang]
			fm := l.docs[t.Path]
			mark := fmt.Sprintf("then run: go run ./generator translations -mark %s", t.Path)
			switch {
			case t.Method == "" && fm.Fields["translation"] == nil:
				l.probs.Add(diag.Problem{Path: t.Path, Line: 1, Col: 1, Warning: true,
					Msg:  "the translation does not say how it was made",
					Hint: "add translation: {method: machine} (or reviewed, or official), " + mark})
			case t.Of == "":
				p := fm.keyPosition("/translation")
				l.probs.Add(diag.Problem{Path: t.Path, Line: p.Line, Col: p.Col, Warning: true,
					Msg:  fmt.Sprintf("the translation does not record which version of %s it follows", path.Base(c.Original)),
					Hint: "if it matches the original as it is now, " + strings.TrimPrefix(mark, "then ")})
			case t.Of != c.Text:
				t.Outdated = true
				p := fm.position("/translation/of")
				l.probs.Add(diag.Problem{Path: t.Path, Line: p.Line, Col: p.Col, Warning: true,
					Msg:  fmt.Sprintf("the translation is outdated: %s has changed since it was translated", path.Base(c.Original)),
					Hint: "update the translation to match the original, " + mark})
			}
		}
		out = append(out, c)
	}
	return out
}

// LangStatus is where one language stands: what is translated, what is
// outdated, what is missing.
type LangStatus struct {
	Lang       string         `json:"lang"`
	Translated []string       `json:"translated"` // translation files
	Outdated   []string       `json:"outdated"`   // translation files whose original changed
	Missing    []string       `json:"missing"`    // originals with no translation in this language
	Methods    map[string]int `json:"methods"`    // translated files by method ("" when not said)
}

// TranslationStatus is each language's status but the default language's,
// in the site's order of languages.
func (s *Site) TranslationStatus() []LangStatus {
	var out []LangStatus
	for _, lang := range s.Languages[1:] {
		ls := LangStatus{Lang: lang, Translated: []string{}, Outdated: []string{}, Missing: []string{}, Methods: map[string]int{}}
		for _, c := range s.Content {
			t, ok := c.Translations[lang]
			if !ok {
				ls.Missing = append(ls.Missing, c.Original)
				continue
			}
			ls.Translated = append(ls.Translated, t.Path)
			ls.Methods[t.Method]++
			if t.Outdated {
				ls.Outdated = append(ls.Outdated, t.Path)
			}
		}
		out = append(out, ls)
	}
	return out
}

// TextHash returns the version of a content file's text, as a translation
// records it in translation.of; src is the whole file.
func TextHash(src []byte) (string, error) {
	fm, err := parseFrontMatter(src, config.DefaultLimits())
	if err != nil {
		return "", err
	}
	return textHash(fm), nil
}
