package biblio

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestITUBibliography reads the portal's own library: no problems at all,
// custom fields from the vocabularies, and every record either linked to a
// page seen on the publisher's site or identified otherwise (ISBN, ISSN,
// DOI, ITU publication code), or saying to editors why not.
func TestITUBibliography(t *testing.T) {
	files, _ := filepath.Glob("../../../data/publications/*.bib")
	var items []*Item
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		its, probs := ReadBibTeX(path, src)
		for _, p := range probs {
			t.Errorf("%s", p)
		}
		items = append(items, its...)
	}
	for _, p := range CheckDuplicates(items) {
		t.Errorf("%s", p)
	}
	if len(items) < 30 {
		t.Errorf("%d entries, want at least the 30 publications of publications.csv", len(items))
	}
	regions := []string{"africa", "americas", "arab-states", "asia-pacific", "cis", "europe"}
	country := regexp.MustCompile(`^[A-Z]{2}$`)
	for _, it := range items {
		if len(it.Author) == 0 || it.Publisher == "" || it.Issued.Year == 0 || it.Language == "" || len(it.Keywords) == 0 || it.Abstract == "" {
			t.Errorf("%s: %s lacks an author, institution, year, langid, keywords or abstract", it.Pos, it.ID)
		}
		if it.URL == "" && it.ISBN == "" && it.ISSN == "" && it.DOI == "" && it.Number == "" && it.Editorial == "" {
			t.Errorf("%s: %s has no link or identifier, and no editorial note saying why", it.Pos, it.ID)
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
		for _, c := range []Citation{FormatAPA(it, "en"), FormatChicago(it, "en")} {
			if !strings.Contains(strings.ToLower(c.Text), strings.ToLower(it.Title[:min(20, len(it.Title))])) {
				t.Errorf("%s: citation lacks the title: %s", it.ID, c.Text)
			}
		}
	}
}
