package vocab

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/itu-d/portal/generator/internal/biblio"
)

// readI18n reads the site's interface strings of one language.
func readI18n(t *testing.T, lang string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "i18n", lang+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatalf("i18n/%s.yaml: %v", lang, err)
	}
	return m
}

// TestI18nComplete fails when a key of i18n/en.yaml is missing (or empty)
// in another language's file, so that no page falls back to English (or
// to a bare key) for want of a string.
func TestI18nComplete(t *testing.T) {
	en := readI18n(t, "en")
	for _, lang := range Languages[1:] {
		other := readI18n(t, lang)
		for key, v := range en {
			got, ok := other[key]
			switch {
			case !ok:
				t.Errorf("i18n/%s.yaml: no %q (en: %v)", lang, key, v)
			case empty(got):
				t.Errorf("i18n/%s.yaml: %q is empty", lang, key)
			}
		}
		for key := range other {
			if _, ok := en[key]; !ok {
				t.Errorf("i18n/%s.yaml: %q is not in i18n/en.yaml", lang, key)
			}
		}
	}
}

// empty reports whether a translation says nothing: an empty string, or
// plural forms without "other".
func empty(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v) == ""
	case map[string]any:
		s, _ := v["other"].(string)
		return strings.TrimSpace(s) == ""
	}
	return v == nil
}

// TestI18nVocabularies checks that the interface names every value of the
// vocabularies it shows: regions, sectors, SDGs, publication types and
// the six languages (TestI18nComplete extends this to every language).
func TestI18nVocabularies(t *testing.T) {
	en := readI18n(t, "en")
	var keys []string
	for _, r := range Regions {
		keys = append(keys, "region_"+r)
	}
	for _, s := range Sectors {
		keys = append(keys, "sector_"+s)
	}
	for n := 1; n <= 17; n++ {
		keys = append(keys, fmt.Sprintf("sdg_%d", n))
	}
	for _, typ := range biblio.Types() {
		keys = append(keys, "pubtype_"+typ)
	}
	for _, l := range Languages {
		keys = append(keys, "lang_"+l)
	}
	for _, k := range keys {
		if empty(en[k]) {
			t.Errorf("i18n/en.yaml: no %q", k)
		}
	}
}
