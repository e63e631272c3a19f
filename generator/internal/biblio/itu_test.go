package biblio

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestITUBibliography reads the portal's own bibliography: it must have no
// problems at all, and its custom fields must use the vocabularies.
func TestITUBibliography(t *testing.T) {
	const path = "../../../data/publications/itu-d.bib"
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	items, probs := ReadBibTeX(path, src)
	for _, p := range probs {
		t.Errorf("%s", p)
	}
	for _, p := range CheckDuplicates(items) {
		t.Errorf("%s", p)
	}
	if len(items) != 30 {
		t.Errorf("%d entries, want the 30 publications of publications.csv", len(items))
	}
	regions := []string{"africa", "americas", "arab-states", "asia-pacific", "cis", "europe"}
	country := regexp.MustCompile(`^[A-Z]{2}$`)
	for _, it := range items {
		if len(it.Author) == 0 || it.Publisher == "" || it.Issued.Year == 0 || it.Language != "en" || len(it.Keywords) == 0 || it.Abstract == "" {
			t.Errorf("%s: %s lacks an author, institution, year, langid, keywords or abstract", it.Pos, it.ID)
		}
		if it.URL == "" && !strings.Contains(it.Note, "URL") && !strings.Contains(it.Note, "page") {
			t.Errorf("%s: %s has no url and no note saying why", it.Pos, it.ID)
		}
		for _, r := range splitKeywords(it.Extra["regions"]) {
			if !slices.Contains(regions, r) {
				t.Errorf("%s: %s: region %q is not an ITU region slug", it.Pos, it.ID, r)
			}
		}
		for _, c := range splitKeywords(it.Extra["countries"]) {
			if !country.MatchString(c) {
				t.Errorf("%s: %s: country %q is not an ISO alpha-2 code", it.Pos, it.ID, c)
			}
		}
		if it.DOI != "" {
			t.Errorf("%s: %s has a DOI, but none was found for these publications", it.Pos, it.ID)
		}
		for _, c := range []Citation{FormatAPA(it, "en"), FormatChicago(it, "en")} {
			if !strings.Contains(strings.ToLower(c.Text), strings.ToLower(it.Title[:20])) {
				t.Errorf("%s: citation lacks the title: %s", it.ID, c.Text)
			}
		}
	}
}
