package search

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// langSite indexes a story in English, its French translation, Spanish and
// Russian pages showing its English text (fallbacks), a Spanish story, and
// two more English pages, one of them "about".
func langSite(t *testing.T) string {
	t.Helper()
	story := map[string][]string{"type": {"story"}, "region": {"africa"}}
	docs := []Doc{
		{URL: "/stories/arta/", Lang: "en", Title: "Wireless broadband in Arta", Date: "2013-12", Facets: story,
			Body:         []Section{{Text: "A WiMax network for the schools of Arta, in Djibouti."}},
			Meta:         "Goals: quality education",
			Translations: map[string]string{"fr": "/fr/stories/arta/", "es": "/es/stories/arta/"}},
		{URL: "/fr/stories/arta/", Lang: "fr", Title: "Le haut débit sans fil à Arta", Date: "2013-12", Facets: story,
			Body:         []Section{{Text: "Un réseau WiMax pour les écoles d'Arta, à Djibouti."}},
			Translations: map[string]string{"en": "/stories/arta/", "es": "/es/stories/arta/"}},
		{URL: "/es/stories/arta/", Lang: "es", ContentLang: "en", Canonical: "/stories/arta/", Title: "Wireless broadband in Arta", Date: "2013-12", Facets: story,
			Body: []Section{{Text: "Esta historia aún no está disponible en español. A WiMax network for the schools of Arta, in Djibouti."}}},
		// Another, known only by its canonical link.
		{URL: "/ru/stories/arta/", Lang: "ru", Canonical: "/stories/arta/", Title: "Wireless broadband in Arta", Date: "2013-12", Facets: story,
			Body: []Section{{Text: "A WiMax network for the schools of Arta, in Djibouti."}}},
		{URL: "/ru/", Lang: "ru", Title: "Портал знаний", Body: []Section{{Text: "Истории успеха и данные."}}},
		// A record in Spanish, on the Spanish site and, as it is, on the
		// English one: no link says which is which, their paths do.
		{URL: "/es/publications/informe/", Lang: "es", Title: "Informe sobre la banda ancha", Facets: map[string][]string{"type": {"publication"}},
			Body: []Section{{Text: "La banda ancha en las Américas."}}},
		{URL: "/publications/informe/", Lang: "en", ContentLang: "es", Title: "Informe sobre la banda ancha", Facets: map[string][]string{"type": {"publication"}},
			Body: []Section{{Text: "La banda ancha en las Américas."}}},
		{URL: "/es/stories/escuelas/", Lang: "es", Title: "Escuelas conectadas", Date: "2020", Facets: story,
			Body: []Section{{Text: "La banda ancha llega a las escuelas rurales de Kenia."}}},
		{URL: "/about/", Lang: "en", Title: "About the portal", Facets: map[string][]string{"type": {"page"}},
			Body: []Section{{Text: "Wireless broadband, broadband and more broadband: the stories of ITU, told by its broadband programmes."}}},
		{URL: "/stories/satellites/", Lang: "en", Title: "Satellite phones", Date: "2015", Facets: story,
			Body: []Section{{Text: "Broadband by satellite reached the islands."}}},
	}
	ix, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := ix.Write(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestOtherLanguagesFollow: an English word on the Spanish site finds the
// English pages, after the Spanish ones and marked with their language,
// opening the Spanish page that shows a story's English text; a Spanish
// word finds Spanish pages first; a page already listed, or its
// translation, is not listed again.
func TestOtherLanguagesFollow(t *testing.T) {
	dir := langSite(t)
	r, err := Query(dir, "es", Request{Q: "broadband", Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Results) != 0 || len(r.Others) < 2 || r.Others[0].URL != "/es/stories/arta/" || r.Others[0].Lang != "en" || r.Others[len(r.Others)-1].URL != "/about/" {
		t.Errorf("es broadband: %q, then %q", urls(r.Results), urls(r.Others))
	}
	// A word mistyped that this language does not hold is corrected in
	// the others.
	r, _ = Query(dir, "es", Request{Q: "wirelss", Limit: 10})
	if len(r.Results) != 0 || len(r.Others) == 0 || r.Others[0].URL != "/es/stories/arta/" || r.Corrected != "wireless" {
		t.Errorf("es wirelss: %q, then %q, showing results for %q", urls(r.Results), urls(r.Others), r.Corrected)
	}
	r, _ = Query(dir, "es", Request{Q: "escuelas", Limit: 10})
	if got := urls(r.Results); !slices.Equal(got, []string{"/es/stories/escuelas/"}) || len(r.Others) != 0 || r.Results[0].Lang != "es" {
		t.Errorf("es escuelas: %q, then %q", got, urls(r.Others))
	}
	r, _ = Query(dir, "fr", Request{Q: "wimax", Limit: 10})
	if got := urls(r.Results); !slices.Equal(got, []string{"/fr/stories/arta/"}) || slices.Contains(urls(r.Others), "/stories/arta/") {
		t.Errorf("fr wimax: %q, then %q", got, urls(r.Others))
	}
	r, _ = Query(dir, "es", Request{Q: "wimax", Limit: 10})
	if len(r.Results) != 0 || len(r.Others) != 1 {
		t.Errorf("es wimax: one of the story and its translation, got %q", urls(r.Others))
	}
	// Not in other languages: a query in another script, with enough
	// results, or past the first page.
	for _, req := range []Request{{Q: "宽带"}, {Q: "broadband", Offset: 1}} {
		if r, _ := Query(dir, "es", req); len(r.Others) != 0 {
			t.Errorf("es %+v: others %q", req, urls(r.Others))
		}
	}
}

// TestFallbackIndexedOnce: a page showing another's text is indexed under
// that page, which names it; its language's index does not hold the text.
func TestFallbackIndexedOnce(t *testing.T) {
	dir := langSite(t)
	for _, lang := range []string{"es", "ru"} {
		if r, _ := Query(dir, lang, Request{Q: "wireless", Exact: true}); len(r.Results) != 0 {
			t.Errorf("the %s index holds the English text: %q", lang, urls(r.Results))
		}
	}
	if r, _ := Query(dir, "es", Request{Q: "américas", Exact: true}); !slices.Equal(urls(r.Results), []string{"/es/publications/informe/"}) {
		t.Errorf("the Spanish record: %q", urls(r.Results))
	}
	if r, _ := Query(dir, "en", Request{Q: "américas", Exact: true}); len(r.Results) != 0 || !slices.Equal(urls(r.Others), []string{"/publications/informe/"}) {
		t.Errorf("the Spanish record on the English site: %q, then %q", urls(r.Results), urls(r.Others))
	}
	var l fileLoader
	l.dir = filepath.Join(dir, "search", "en")
	m, err := l.manifest()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for id := range m.N {
		var d docFile
		if err := l.load(fmt.Sprintf("d-%d.%s.json", id, m.DV), &d); err != nil {
			t.Fatal(err)
		}
		if d.U == "/stories/arta/" {
			found = true
			if d.F["es"] != "/es/stories/arta/" || d.F["ru"] != "/ru/stories/arta/" || d.A["fr"] != "/fr/stories/arta/" || d.A["es"] != "" {
				t.Errorf("/stories/arta/: translations %v, fallbacks %v", d.A, d.F)
			}
		}
	}
	if !found {
		t.Error("/stories/arta/ is not indexed")
	}
	// A language whose pages all show other languages' text has an index,
	// empty, from which other languages' results follow, opening its own
	// pages.
	ix, _ := Build([]Doc{
		{URL: "/stories/arta/", Lang: "en", Title: "Wireless broadband in Arta"},
		{URL: "/zh/stories/arta/", Lang: "zh", Canonical: "/stories/arta/", Title: "Wireless broadband in Arta"},
	}, Options{})
	d := t.TempDir()
	ix.Write(d)
	r, err := Query(d, "zh", Request{Q: "broadband", Limit: 10})
	if err != nil || len(r.Results) != 0 || !slices.Equal(urls(r.Others), []string{"/zh/stories/arta/"}) {
		t.Errorf("zh broadband, with only a fallback: %v %q %q", err, urls(r.Results), urls(r.Others))
	}
	// Without its original, such a page is indexed in its text's language.
	ix, _ = Build([]Doc{{URL: "/es/x/", Lang: "es", ContentLang: "en", Title: "Orphan", Canonical: "/x/"}}, Options{})
	d = t.TempDir()
	ix.Write(d)
	if _, err := os.Stat(filepath.Join(d, "search", "en", "manifest.json")); err != nil {
		t.Error("a page without its original is not indexed in its text's language")
	}
}

// TestGatheringPagesComeLast: "about" and the like come after stories
// unless their title matches; meta text is found but not shown.
func TestGatheringPagesComeLast(t *testing.T) {
	dir := langSite(t)
	r, _ := Query(dir, "en", Request{Q: "broadband", Limit: 10})
	if got := urls(r.Results); len(got) != 3 || got[2] != "/about/" {
		t.Errorf("broadband: %q, want /about/ last", got)
	}
	r, _ = Query(dir, "en", Request{Q: "portal", Limit: 10})
	if got := urls(r.Results); len(got) != 1 || got[0] != "/about/" {
		t.Errorf("portal: %q", got)
	}
	r, _ = Query(dir, "en", Request{Q: "quality education", Limit: 10})
	if len(r.Results) != 1 || strings.Contains(r.Results[0].Excerpt, "quality") || !strings.Contains(r.Results[0].Excerpt, "WiMax") {
		t.Errorf("quality education: %+v", r.Results)
	}
}
