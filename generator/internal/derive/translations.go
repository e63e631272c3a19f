package derive

import "github.com/itu-d/portal/generator/internal/source"

// translationJSON is what templates read of a piece of content's
// translations (site.Data.gen.translations, by key: the content path
// without language and extension, "stories/x/index"): the languages its
// text is written in, and for each translation how it was made and
// whether its original changed since.
type translationJSON struct {
	Original string            `json:"original"` // the original's language
	Langs    []string          `json:"langs"`
	Updated  string            `json:"updated,omitempty"` // the original's last change, as it says
	Method   map[string]string `json:"method,omitempty"`
	Outdated []string          `json:"outdated,omitempty"`
}

func translations(site *source.Site) map[string]translationJSON {
	out := make(map[string]translationJSON, len(site.Content))
	for _, c := range site.Content {
		t := translationJSON{Original: site.Languages[0], Langs: c.Langs, Updated: c.Updated, Method: map[string]string{}}
		for lang, tr := range c.Translations {
			t.Method[lang] = tr.Method
			if tr.Outdated {
				t.Outdated = append(t.Outdated, lang)
			}
		}
		out[c.Key] = t
	}
	return out
}
