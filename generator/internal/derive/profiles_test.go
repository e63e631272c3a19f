package derive

import (
	"strings"
	"testing"

	"github.com/itu-d/portal/generator/internal/vocab"
)

// TestProfilesCoverMemberStates: the shipped data give a profile to more
// than 190 countries, each with a chart of its own or of its region in
// every language, and Djibouti its cables and exchange point.
func TestProfilesCoverMemberStates(t *testing.T) {
	site := loadRealSite(t)
	profiles, hubs, err := profilesAndHubs(site, map[string]int{})
	if err != nil {
		t.Fatal(err)
	}
	if len(profiles) < 190 {
		t.Fatalf("%d profiles, want 190 or more", len(profiles))
	}
	for code, p := range profiles {
		for _, l := range site.Languages {
			own := len(p.Charts[l])
			region := 0
			if len(p.Regions) > 0 {
				region = len(hubs.Regions[p.Regions[0]].Charts[l])
			}
			if own+region == 0 {
				t.Errorf("%s (%s): no chart", code, l)
			}
			if p.Name[l] == "" {
				t.Errorf("%s (%s): no name", code, l)
			}
		}
	}
	dj := profiles["DJ"]
	if len(dj.Cables) != 12 || len(dj.IXPs) != 1 || dj.Internet == nil || dj.Internet.Year != "2022" {
		t.Errorf("Djibouti: %d cables, %d IXPs, Internet %+v", len(dj.Cables), len(dj.IXPs), dj.Internet)
	}
	if !strings.Contains(dj.Locator["ar"], `lang="ar"`) || !strings.Contains(dj.Locator["ar"], vocab.CountryName("DJ", "ar")) {
		t.Error("Djibouti's Arabic locator is not in Arabic")
	}
	// A country the World Bank regions leave out still gets its chart.
	if af := profiles["AF"]; len(af.Charts["en"]) != 1 || strings.Contains(af.Charts["en"][0].Title, "region") {
		t.Errorf("Afghanistan: %d charts, %q", len(af.Charts["en"]), af.Charts["en"][0].Title)
	}
	if len(hubs.Home.StoryMap) != len(site.Languages) || len(hubs.Home.Countries) == 0 {
		t.Error("no story map on the home page")
	}
	for _, r := range vocab.Regions {
		if len(hubs.Regions[r].Map) != len(site.Languages) {
			t.Errorf("region %s: no map", r)
		}
	}
}

// TestProfileWordsMatchI18n: the region names profiles draw are the site's.
func TestProfileWordsMatchI18n(t *testing.T) {
	site := loadRealSite(t)
	texts := i18nTexts(site)
	for _, r := range vocab.Regions {
		for _, l := range site.Languages {
			if got, want := words().ITURegions[r].In(l), texts[l]["region_"+r]; got != want {
				t.Errorf("%s in %s: profiles.yaml %q, i18n %q", r, l, got, want)
			}
		}
	}
	for key, text := range words().Charts {
		for _, l := range site.Languages {
			if text[l] == "" {
				t.Errorf("charts.%s has no %s", key, l)
			}
		}
	}
}
