package quality

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/itu-d/portal/generator/internal/search"
)

// searchCases are queries readers type, each with pages written in that
// language (comma-separated) of which one must come in the first three
// results.
var searchCases = []struct{ lang, q, want string }{
	{"en", "wireless broadband", "/stories/djibouti-arta-wireless-broadband/"},
	// The four editions are as relevant; the 2020 one names cybersecurity
	// twice.
	{"en", "cybersecurity index", "/publications/itu-gci-2024/,/publications/itu-gci-2020/,/publications/itu-gci-2018/,/publications/itu-gci-2017/"},
	{"fr", "haut débit sans fil", "/fr/stories/djibouti-arta-wireless-broadband/"},
	{"ar", "النطاق العريض اللاسلكي", "/ar/stories/djibouti-arta-wireless-broadband/"},
	{"zh", "无线宽带网络", "/zh/stories/djibouti-arta-wireless-broadband/"},
}

// results waits for the search page to show results and returns their links:
// the status and the links are read at once, as the page sets them together.
func results(ctx context.Context) ([]string, error) {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
			Done  bool
			Hrefs []string
		}](`({done: document.getElementById("search-status").textContent != "",
  hrefs: [...document.querySelectorAll("#search-results .search-result-title a")].map(a => new URL(a.href).pathname)})`))
		if err != nil {
			return nil, err
		}
		if shown.Done {
			return shown.Hrefs, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, fmt.Errorf("no results shown within 10 s")
}

// TestSearchInBrowser runs queries in en, fr, ar and zh (one without spaces)
// on /<lang>/search/?q=… in Chromium and checks the expected page is in the
// first three; then searches by keyboard alone, from the header box to a result.
func TestSearchInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser checks skipped with -short")
	}
	dir, base := builtSite(t)
	ctx := browser(t)
	base = strings.TrimSuffix(base, "/")
	ran := 0
	for _, c := range searchCases {
		wants := strings.Split(c.want, ",")
		if c.want != "" && !slices.ContainsFunc(wants, func(w string) bool { return exists(dir + w + "index.html") }) {
			t.Errorf("the page %s the query %q should find is not in the site", c.want, c.q)
			continue
		}
		prefix := "/"
		if c.lang != "en" {
			prefix = "/" + c.lang + "/"
		}
		tab, cancel := chromedp.NewContext(ctx)
		if err := chromedp.Do(tab, chromedp.Navigate(base+prefix+"search/?q="+url.QueryEscape(c.q))); err != nil {
			cancel()
			t.Fatal(err)
		}
		hrefs, err := results(tab)
		status, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("search-status").textContent`))
		cancel()
		if err != nil {
			t.Errorf("%s %q: %v", c.lang, c.q, err)
			continue
		}
		ran++
		if c.want == "" {
			continue
		}
		top := hrefs[:min(3, len(hrefs))]
		found := false
		for _, h := range top {
			found = found || slices.Contains(wants, h)
		}
		if !found {
			t.Errorf("%s %q: %s is not in the first three results %v (%s)", c.lang, c.q, c.want, top, status)
		}
	}

	// Keyboard only: Tab to the header search box, type, Enter, Tab to the
	// first result, Enter: the story opens.
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if err := chromedp.Do(tab, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	focusOn := func(id string, max int) bool {
		for range max {
			if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Tab)); err != nil {
				return false
			}
			if got, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.activeElement.id || document.activeElement.closest("[id]")?.id || ""`)); got == id {
				return true
			}
		}
		return false
	}
	if !focusOn("site-search-q", 40) {
		t.Fatal("keyboard: Tab never reaches the header search box")
	}
	if err := chromedp.Do(tab, chromedp.KeyEvent("wireless broadband"), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if _, err := results(tab); err != nil {
		t.Fatalf("keyboard: %v", err)
	}
	reached := false
	for range 60 {
		chromedp.Do(tab, chromedp.KeyEvent(kb.Tab))
		if cls, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.activeElement.closest(".search-result-title") ? "result" : ""`)); cls == "result" {
			reached = true
			break
		}
	}
	if !reached {
		t.Fatal("keyboard: Tab never reaches a search result")
	}
	chromedp.Do(tab, chromedp.KeyEvent(kb.Enter))
	time.Sleep(700 * time.Millisecond)
	path, _ := chromedp.Run(tab, chromedp.Evaluate[string](`location.pathname`))
	if !strings.HasPrefix(path, "/stories/") && !strings.HasPrefix(path, "/publications/") {
		t.Errorf("keyboard: Enter on the first result opened %q", path)
	}
	note("search: %d queries in en, fr, ar, zh run in Chromium from /<lang>/search/?q=…, expected pages in the top three; keyboard-only search from the header box to a result", ran)
}

// openSearch opens the search page of lang with q in a new tab at width by
// height and waits for its status; close the tab with the returned func.
func openSearch(t *testing.T, ctx context.Context, base, lang, q string, width, height int64) (context.Context, func()) {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	prefix := "/"
	if lang != "en" {
		prefix = "/" + lang + "/"
	}
	err := chromedp.Do(tab, chromedp.EmulateViewport(width, height),
		chromedp.Navigate(strings.TrimSuffix(base, "/")+prefix+"search/?q="+url.QueryEscape(q)))
	if err == nil {
		_, err = results(tab)
	}
	if err != nil {
		cancel()
		t.Fatalf("%s %q: %v", lang, q, err)
	}
	return tab, cancel
}

// TestSearchOnAPhone: at 360 by 640 px the count and the first result of
// "broadband" are on the first screen, the facets folded into a Filters
// button that opens them, counts the filters on and keeps them in the URL.
func TestSearchOnAPhone(t *testing.T) {
	if testing.Short() {
		t.Skip("browser checks skipped with -short")
	}
	_, base := builtSite(t)
	ctx := browser(t)
	tab, cancel := openSearch(t, ctx, base, "en", "broadband", 360, 640)
	defer cancel()
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(tab, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	top := eval(`String(Math.round(document.querySelector("#search-results li").getBoundingClientRect().top + scrollY))`)
	status := eval(`String(Math.round(document.getElementById("search-status").getBoundingClientRect().bottom + scrollY))`)
	if n, _ := strconv.Atoi(top); n == 0 || n >= 640 {
		t.Errorf("the first result of broadband starts at %s px, below the first 640", top)
	}
	if n, _ := strconv.Atoi(status); n > 640 {
		t.Errorf("the result count ends at %s px, below the first 640", status)
	}
	if got := eval(`getComputedStyle(document.getElementById("search-facets")).display + " " + document.getElementById("search-toggle").getAttribute("aria-expanded")`); got != "none false" {
		t.Errorf("facets before the Filters button is pressed: %s", got)
	}
	eval(`document.getElementById("search-toggle").click(), ""`)
	if got := eval(`getComputedStyle(document.getElementById("search-facets")).display + " " + document.getElementById("search-toggle").getAttribute("aria-expanded")`); got == "none true" || !strings.HasSuffix(got, "true") {
		t.Errorf("facets after the Filters button is pressed: %s", got)
	}
	eval(`document.querySelector("#search-facets input[value=story]").click(), ""`)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(eval(`document.getElementById("search-toggle").textContent`), "(1)") {
		time.Sleep(100 * time.Millisecond)
	}
	if got := eval(`location.search + " " + document.getElementById("search-toggle").textContent`); !strings.Contains(got, "type=story") || !strings.Contains(got, "(1)") {
		t.Errorf("after choosing stories: %s", got)
	}
	note("search on a phone: at 360×640 px the first result of \"broadband\" starts at %s px; the facets fold into a Filters button that counts the filters on", top)
	phoneSearchShots(t, ctx, base)
}

// phoneSearchShots leaves in .shots/ the first screen of a search on a
// phone, its filters folded and open, in English, Arabic and Chinese.
func phoneSearchShots(t *testing.T, ctx context.Context, base string) {
	for _, c := range []struct{ lang, q string }{{"en", "broadband"}, {"ar", "النطاق العريض"}, {"zh", "宽带"}} {
		tab, cancel := openSearch(t, ctx, base, c.lang, c.q, 360, 640)
		// Nothing of the page lies beyond the phone's width: the search box
		// and its button shrink to fit.
		if over, err := chromedp.Run(tab, chromedp.Evaluate[string](`[...document.querySelectorAll(".search-page *")].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > innerWidth + 1) }).map(e => e.tagName + (e.id ? "#" + e.id : "")).join(" ")`)); err != nil || over != "" {
			t.Errorf("%s: at 360 px these stand out of the screen: %q %v", c.lang, over, err)
		}
		for _, state := range []string{"filters-folded", "filters-open"} {
			if state == "filters-open" {
				if _, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById("search-toggle").click(), ""`)); err != nil {
					t.Errorf("%s: %v", c.lang, err)
				}
			}
			png, err := chromedp.Run(tab, chromedp.CaptureScreenshot())
			if err != nil {
				t.Errorf("%s: %v", c.lang, err)
				continue
			}
			dir := filepath.Join(repoRoot(), ".shots")
			os.MkdirAll(dir, 0o755)
			os.WriteFile(filepath.Join(dir, fmt.Sprintf("search-phone-%s-%s.png", c.lang, state)), png, 0o644)
		}
		cancel()
	}
}

// typoCases are mistyped queries, each with a page the query spelt right
// finds in its first three.
var typoCases = []struct{ lang, q, want, fixed string }{
	{"en", "brodband", "/publications/broadband-commission-state-of-broadband-2024/", "broadband"},
	{"en", "hurricaine", "/stories/nicaragua-hurricane-julia/", "hurricane"},
	{"en", "Djibuti", "/stories/djibouti-arta-wireless-broadband/", "Djibouti"},
	{"fr", "villages inteligents", "/fr/stories/niger-smart-villages-pilot/", "villages intelligents"},
	{"ar", "النطاق العريص", "/ar/stories/djibouti-arta-wireless-broadband/", "النطاق العريض"},
}

// TestSearchForgivesTypos runs mistyped queries in the browser and in Go
// over the real site: the page the right spelling finds is in the first
// three, and the page says what it searched, with a link to the words as
// typed.
func TestSearchForgivesTypos(t *testing.T) {
	dir, base := builtSite(t)
	for _, c := range typoCases {
		r, err := search.Query(dir, c.lang, search.Request{Q: c.q, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		var top []string
		for _, x := range r.Results {
			top = append(top, strings.SplitN(x.URL, "#", 2)[0])
		}
		if !slices.Contains(top, c.want) || r.Corrected != c.fixed {
			t.Errorf("Go %s %q: %v, showing results for %q", c.lang, c.q, top, r.Corrected)
		}
	}
	if testing.Short() {
		return
	}
	ctx := browser(t)
	for _, c := range typoCases {
		tab, cancel := openSearch(t, ctx, base, c.lang, c.q, 1280, 900)
		hrefs, _ := results(tab)
		fix, _ := chromedp.Run(tab, chromedp.Evaluate[string](`(f => f.hidden ? "" : f.querySelector("strong").textContent + " | " + f.querySelector("a").getAttribute("href"))(document.getElementById("search-fix"))`))
		cancel()
		if !slices.Contains(hrefs[:min(3, len(hrefs))], c.want) || !strings.HasPrefix(fix, c.fixed+" | ") || !strings.Contains(fix, "exact=1") {
			t.Errorf("browser %s %q: %v, fix %q", c.lang, c.q, hrefs, fix)
		}
	}
	note("search typos: %d mistyped queries in en, fr, ar find the pages their spelling finds, in Go and in Chromium", len(typoCases))
}

// TestSearchOtherLanguages: an English word on the Spanish site finds the
// English pages, marked as English; the search page's form and the
// header's are landmarks of distinct names.
func TestSearchOtherLanguages(t *testing.T) {
	if testing.Short() {
		t.Skip("browser checks skipped with -short")
	}
	_, base := builtSite(t)
	ctx := browser(t)
	tab, cancel := openSearch(t, ctx, base, "es", "broadband", 1280, 900)
	got, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-others li")].slice(0, 3).map(li =>
		new URL(li.querySelector("a").href).pathname + " " + li.querySelector(".search-result-lang").lang + " " + li.querySelector("h3").lang)`))
	cancel()
	if err != nil || len(got) == 0 || !strings.HasSuffix(got[0], " en-GB en-GB") {
		t.Errorf("es broadband, other languages: %v %v", got, err)
	}
	axe := axeSource(t)
	for _, p := range []string{"/search/?q=broadband", "/", "/ar/search/?q=x"} {
		tab, cancel := chromedp.NewContext(ctx)
		err := chromedp.Do(tab, chromedp.Navigate(strings.TrimSuffix(base, "/")+p))
		var vs []violation
		if err == nil {
			_, err = chromedp.Run(tab, chromedp.Evaluate[bool](axe+";true"))
		}
		if err == nil {
			vs, err = chromedp.Run(tab, chromedp.Evaluate[[]violation](`axe.run(document, {runOnly: {type: "rule", values: ["landmark-unique"]}, resultTypes: ["violations"]})
  .then(r => r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" "))})))`, chromedp.EvalAwaitPromise))
		}
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			t.Errorf("%s: axe %s: %s %v", p, v.ID, v.Help, v.Nodes)
		}
	}
	note("search in other languages: \"broadband\" on /es/search/ lists English pages, marked English; axe landmark-unique passes on the search page and the home page")
}
