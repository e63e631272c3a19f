package quality

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// searchCases are queries readers type, each with a page written in that
// language that must come in the first three results.
var searchCases = []struct{ lang, q, want string }{
	{"en", "wireless broadband", "/stories/djibouti-arta-wireless-broadband/"},
	{"en", "cybersecurity index", "/publications/itu-gci-2024/"},
	{"fr", "haut débit sans fil", "/fr/stories/djibouti-arta-wireless-broadband/"},
	{"ar", "النطاق العريض اللاسلكي", "/ar/stories/djibouti-arta-wireless-broadband/"},
	{"zh", "无线宽带网络", "/zh/stories/djibouti-arta-wireless-broadband/"},
}

// results waits for the search page to show results and returns their links.
func results(ctx context.Context) ([]string, error) {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
			`[...document.querySelectorAll("#search-results .search-result-title a")].map(a => new URL(a.href).pathname)`))
		if err != nil {
			return nil, err
		}
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-status").textContent`))
		if len(hrefs) > 0 || status != "" {
			return hrefs, nil
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
		if c.want != "" && !exists(dir+c.want+"index.html") {
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
			found = found || h == c.want
		}
		if !found {
			t.Errorf("%s %q: %s is not in the first three results %v", c.lang, c.q, c.want, top)
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
