package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"

	"github.com/itu-d/portal/generator/internal/htmllex"
	"github.com/itu-d/portal/generator/internal/search"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// pageDocs collects the search docs of the pages the audit reads, in the
// site's languages (see search.DocFromPage).
type pageDocs struct {
	langs   []string
	noindex bool
	mu      sync.Mutex
	docs    []search.Doc
	err     error
}

func (pd *pageDocs) read(file string, page []byte, r htmllex.Reader) {
	d, ok, err := search.DocFromPage(file, page, pd.noindex, r)
	if err == nil && (!ok || !slices.Contains(pd.langs, d.Lang)) {
		return
	}
	pd.mu.Lock()
	defer pd.mu.Unlock()
	if err != nil {
		pd.err = errors.Join(pd.err, err)
		return
	}
	pd.docs = append(pd.docs, d)
}

// indexSearch builds the search index of the rendered pages' docs (those
// with a type: search.DocFromPage already left listings out), for the
// output's search/<lang>/, with facet values named in each language from
// the i18n files of the site at root and CLDR.
func indexSearch(docs []search.Doc, root string, langs []string) (*search.Index, error) {
	slices.SortFunc(docs, func(a, b search.Doc) int { return strings.Compare(a.URL, b.URL) })
	kept := docs[:0]
	for _, d := range docs {
		if len(d.Facets["type"]) > 0 {
			kept = append(kept, d)
		}
	}
	texts := map[string]map[string]string{}
	for _, l := range langs {
		m := map[string]string{}
		if b, err := os.ReadFile(filepath.Join(root, "i18n", l+".yaml")); err == nil {
			var raw map[string]any
			if yaml.Unmarshal(b, &raw) == nil {
				for k, v := range raw {
					if s, ok := v.(string); ok {
						m[k] = s
					}
				}
			}
		}
		texts[l] = m
	}
	labels := func(lang, facet, value string) string {
		key := map[string]string{"type": "search_type_", "region": "region_", "sector": "sector_", "sdg": "sdg_"}[facet]
		switch {
		case facet == "country":
			return vocab.CountryName(strings.ToUpper(value), lang)
		case facet == "sdg":
			if s := texts[lang]["sdg_"+value]; s != "" {
				return fmt.Sprintf("%s. %s", value, s)
			}
		case key != "":
			if s := texts[lang][key+value]; s != "" {
				return s
			}
		}
		return value
	}
	return search.Build(kept, search.Options{Labels: labels})
}
