package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTyposFindWhatTheSpellingFinds: a word mistyped by one edit (a letter
// wrong, added or left out) or by two letters swapped finds the pages the
// word spelt right finds, in English, French, Spanish, Russian and Arabic,
// and says what it searched.
func TestTyposFindWhatTheSpellingFinds(t *testing.T) {
	dir := writeFixture(t)
	for _, c := range []struct{ lang, typo, right, fixed string }{
		{"en", "hurricaine", "hurricane", "hurricane"}, // a letter added
		{"en", "hurrciane", "hurricane", "hurricane"},  // two swapped
		{"en", "hurrcane", "hurricane", "hurricane"},   // one left out
		{"en", "Djibuti", "Djibouti", "Djibouti"},      // a capital kept
		{"en", "connectivty", "connectivity", "connectivity"},
		{"en", "hurricane juila", "hurricane julia", "hurricane julia"}, // one word of two
		{"en", "shcools ", "schools", "schools "},
		{"fr", "telecenters", "télécentres", "télécentres"}, // shown as pages write it
		{"fr", "villages inteligents", "villages intelligents", "villages intelligents"},
		{"fr", "ecloes", "écoles", "écoles"},
		{"fr", "snaté", "santé", "santé"},
		{"es", "esculeas", "escuelas", "escuelas"},
		{"es", "educacoin", "educación", "educación"},
		{"es", "nños", "niños", "niños"},
		{"ru", "интрнету", "интернету", "интернету"},
		{"ru", "селських", "сельских", "сельских"},
		{"ru", "пдключены", "подключены", "подключены"},
		{"ar", "الاتصلات", "الاتصالات", "الاتصالات"},
		{"ar", "الرفيية", "الريفية", "الريفية"},
		{"ar", "الانترنيت", "الإنترنت", "الإنترنت"},
		{"ar", "المزاعرين", "للمزارعين", "المزارعين"}, // the article typed, not the page's
	} {
		right, err := Query(dir, c.lang, Request{Q: c.right, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		typo, err := Query(dir, c.lang, Request{Q: c.typo, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(right.Results) == 0 || !slices.Equal(pages(typo.Results), pages(right.Results)) || typo.Corrected != c.fixed {
			t.Errorf("%s %q: %q, showing results for %q; %q finds %q", c.lang, c.typo, urls(typo.Results), typo.Corrected, c.right, urls(right.Results))
		}
		// Exact: as typed, a word mistyped finds nothing.
		if exact, _ := Query(dir, c.lang, Request{Q: c.typo, Limit: 10, Exact: true}); exact.Corrected != "" || !strings.Contains(strings.TrimSpace(c.typo), " ") && len(exact.Results) > 0 {
			t.Errorf("%s %q, exact: %q, showing results for %q", c.lang, c.typo, urls(exact.Results), exact.Corrected)
		}
	}
}

// pages are the results' pages, without their sections.
func pages(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, pagePath(r.URL))
	}
	return out
}

// TestTyposLeaveWordsFoundAlone: a query whose words are found gives what
// it gave without typo correction, so exact matches keep their ranks; and
// a word found nowhere near is not corrected.
func TestTyposLeaveWordsFoundAlone(t *testing.T) {
	dir := writeFixture(t)
	for _, c := range []struct{ lang, q string }{
		{"en", "hurricane"}, {"en", "schools"}, {"en", "broadband africa"}, {"en", "connectivi"}, {"en", "internet"},
		{"fr", "santé"}, {"fr", "haut débit"}, {"es", "escuelas"}, {"ru", "сети"}, {"ar", "الإنترنت"}, {"zh", "宽带"},
		{"en", "zzzzzz"}, {"en", "2013"}, {"en", "2014"}, {"zh", "宽网"},
	} {
		typos, _ := Query(dir, c.lang, Request{Q: c.q, Limit: 10})
		exact, _ := Query(dir, c.lang, Request{Q: c.q, Limit: 10, Exact: true})
		if typos.Corrected != "" || !slices.Equal(urls(typos.Results), urls(exact.Results)) {
			t.Errorf("%s %q: %q (showing results for %q), without typos %q", c.lang, c.q, urls(typos.Results), typos.Corrected, urls(exact.Results))
		}
	}
}

func TestTypoEdits(t *testing.T) {
	for w, want := range map[string]int{
		"the": 0, "band": 1, "julia": 1, "djibuti": 1, "hurricane": 2, "connectivity": 2,
		"2024": 0, "g20x": 0, "宽带": 0, "schoolβ": 0, "école": 1, "сеть": 1, "широкополосный": 2,
		"الاتصالات": 1, // seven letters after its article
		"الكون":     0, // three
		"للمزارعين": 1,
	} {
		if got := typoEdits(normalize(w)); got != want {
			t.Errorf("typoEdits(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestFixWord(t *testing.T) {
	for _, c := range []struct{ typed, form, want string }{
		{"hurricaine", "Hurricane", "hurricane"},
		{"Djibuti", "Djibouti", "Djibouti"},
		{"DJIBUTI", "Djibouti", "Djibouti"},
		{"debit", "débit", "débit"},
		{"المزاعرين", "للمزارعين", "المزارعين"},
		{"مزاعرين", "للمزارعين", "مزارعين"},
		{"والمدرسه", "مدرسة", "والمدرسة"},
	} {
		if got := fixWord(c.typed, c.form); got != c.want {
			t.Errorf("fixWord(%q, %q) = %q, want %q", c.typed, c.form, got, c.want)
		}
	}
}

// TestEditsMatchesJS checks edits against cases and its twin in search.js.
func TestEditsMatchesJS(t *testing.T) {
	cases := []struct {
		a, b   string
		k      int
		prefix bool
		want   int
	}{
		{"hurricane", "hurricane", 2, false, 0},
		{"hurrcane", "hurricane", 2, false, 1},
		{"hurrciane", "hurricane", 2, false, 1},
		{"hurricaine", "hurricane", 2, false, 1},
		{"huricane", "hurricane", 2, false, 1},
		{"huricain", "hurricane", 3, false, 3},
		{"hruricaine", "hurricane", 1, false, 2},
		{"ca", "abc", 3, false, 3}, // a swap, then an insertion is not one edit less
		{"", "abc", 1, false, 2},
		{"abc", "", 5, false, 3},
		{"brodb", "broadband", 1, true, 1},
		{"brodb", "broadband", 1, false, 2},
		{"broadband", "broad", 2, true, 3}, // past the end of a word being typed
		{"telecenters", "telecentres", 1, false, 1},
		{"المزاعرين", "المزارعين", 1, false, 1},
		{"сельских", "селських", 1, false, 1},
	}
	var calls []jsEdits
	for _, c := range cases {
		got := edits([]rune(c.a), []rune(c.b), c.k, c.prefix)
		if got != c.want {
			t.Errorf("edits(%q, %q, %d, %v) = %d, want %d", c.a, c.b, c.k, c.prefix, got, c.want)
		}
		calls = append(calls, jsEdits{c.a, c.b, c.k, c.prefix})
	}
	// And every pair of a few words, both ways.
	words := strings.Fields("ab ba abc acb bca cab abcd abdc badc dcba école ecole сеть сеьт الاتصال اتصال")
	for _, a := range words {
		for _, b := range words {
			for k := range 3 {
				calls = append(calls, jsEdits{a, b, k, false}, jsEdits{a, b, k, true})
			}
		}
	}
	js := runJS(t, nil, nil, calls...).Edits
	for i, c := range calls {
		if want := edits([]rune(c.A), []rune(c.B), c.K, c.Prefix); js[i] != want {
			t.Errorf("edits(%q, %q, %d, %v): Go %d, JS %d", c.A, c.B, c.K, c.Prefix, want, js[i])
		}
	}
}

// osa is the optimal string alignment distance, computed in full: the
// reference for edits.
func osa(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// FuzzEdits holds edits, with its early stops, to the full table; and
// typo correction to words it can show.
func FuzzEdits(f *testing.F) {
	for _, s := range [][2]string{{"hurrciane", "hurricane"}, {"brodb", "broadband"}, {"ca", "abc"}, {"المزاعرين", "للمزارعين"}, {"", "x"}} {
		f.Add(s[0], s[1], 2)
	}
	f.Fuzz(func(t *testing.T, a, b string, k int) {
		k = min(max(k, 0), 3)
		ra, rb := []rune(a), []rune(b)
		if len(ra) > 30 || len(rb) > 30 {
			return
		}
		if got, want := edits(ra, rb, k, false), min(osa(ra, rb), k+1); got != want {
			t.Errorf("edits(%q, %q, %d) = %d, want %d", a, b, k, got, want)
		}
		want := k + 1
		for j := 0; j <= len(rb); j++ {
			want = min(want, osa(ra, rb[:j]))
		}
		if got := edits(ra, rb, k, true); got != want {
			t.Errorf("edits(%q, %q, %d, prefix) = %d, want %d", a, b, k, got, want)
		}
		if w := fixWord(a, b); !utf8.ValidString(w) && utf8.ValidString(a) && utf8.ValidString(b) {
			t.Errorf("fixWord(%q, %q) = %q", a, b, w)
		}
	})
}

// TestTypoPrefersLettersThatSoundAlike: of two words one edit away, the
// one with a letter that sounds alike wins over the one on more pages.
func TestTypoPrefersLettersThatSoundAlike(t *testing.T) {
	var docs []Doc
	for i, w := range []string{"mase", "mate", "mate", "mate"} {
		docs = append(docs, Doc{URL: fmt.Sprintf("/p%d/", i), Lang: "en", Title: "Page", Body: []Section{{Text: "the word " + w}}})
	}
	ix, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ix.Write(dir)
	if r, _ := Query(dir, "en", Request{Q: "maze "}); r.Corrected != "mase " || !slices.Equal(urls(r.Results), []string{"/p0/"}) {
		t.Errorf("maze: %q, showing results for %q", urls(r.Results), r.Corrected)
	}
	if r, _ := Query(dir, "en", Request{Q: "mave "}); r.Corrected != "mate " {
		t.Errorf("mave: %q, showing results for %q", urls(r.Results), r.Corrected)
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{{"مدرصة", "مدرسة", true}, {"مدرصة", "مدرجة", false}, {"maze", "mase", true}, {"maze", "mate", false}, {"шырь", "шырь", false}, {"ab", "abc", false}} {
		if got := soundsAlike([]rune(c.a), []rune(c.b)); got != c.want {
			t.Errorf("soundsAlike(%q, %q) = %v", c.a, c.b, got)
		}
	}
}
