package vocab

import "testing"

func TestCountry(t *testing.T) {
	for code, want := range map[string]bool{"DJ": true, "FR": true, "SS": true, "YU": false, "AC": false, "XK": false, "EU": false, "ZZ": false, "dj": false, "QO": false, "UK": false, "AA": false, "419": false} {
		if got := Country(code); got != want {
			t.Errorf("Country(%q) = %v, want %v", code, got, want)
		}
	}
	if n := len(Countries()); n != 249 {
		t.Errorf("len(Countries()) = %d, want 249", n)
	}
}

func TestCountryName(t *testing.T) {
	for _, c := range []struct{ code, lang, want string }{
		{"DJ", "en", "Djibouti"}, {"DJ", "ar", "جيبوتي"}, {"NE", "fr", "Niger"}, {"VU", "ru", "Вануату"},
	} {
		if got := CountryName(c.code, c.lang); got != c.want {
			t.Errorf("CountryName(%s, %s) = %q, want %q", c.code, c.lang, got, c.want)
		}
	}
	if got := CountryName("DJ", ""); got != "Djibouti" && got != "DJ" {
		t.Errorf("CountryName with no language = %q", got)
	}
	if got := CountryByName("djibouti"); got != "DJ" {
		t.Errorf("CountryByName = %q", got)
	}
}

func TestSuggest(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		{"Afirca", "africa"}, {"arab states", "arab-states"}, {"asia pacific", "asia-pacific"}, {"helth", "health"},
		{"Africa", "africa"}, {"mars", ""}, {"educaton", "education"},
	} {
		opts := append(append([]string{}, Regions...), Sectors...)
		if got := Suggest(c.word, opts); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}
