package quality

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium with the flags that work on these
// machines and returns a context for new tabs.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := findTool("chromium", "chromium-browser", "google-chrome")
	if exe == "" {
		need(t, "Chromium", "apt-get install -y chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(cancelCtx)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// axeSource is axe-core's script, pinned in tools/package.json.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(), "tools", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		need(t, "axe-core", "cd tools && npm ci")
	}
	return string(b)
}

// axeRun runs the WCAG 2.0, 2.1 and 2.2 A and AA rules and axe's best
// practices, and returns the violations only.
const axeRun = `axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]},
  resultTypes: ["violations"]
}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + ": " + (n.failureSummary || "").split("\n").slice(1, 2).join(""))})))`

type violation struct {
	ID, Impact, Help string
	Nodes            []string
}

// cspWatch records Content-Security-Policy violations from the first byte
// of each document; scripts added this way are not subject to the policy.
const cspWatch = `window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline")));`

// visit loads one page in a fresh tab at a width and colour scheme and
// returns every problem seen: axe violations, console errors, exceptions,
// failed or foreign requests, CSP violations.
func visit(parent context.Context, axe, base string, pc pageCase, width int64, scheme string, shot string) ([]string, int, error) {
	ctx, cancel := chromedp.NewContext(parent)
	defer cancel()
	ctx, stop := context.WithTimeout(ctx, 60*time.Second)
	defer stop()
	var mu sync.Mutex
	var problems []string
	add := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	// The tab must exist before subscribing.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1")); err != nil {
		return nil, 0, err
	}
	own, _ := url.Parse(base)
	listen, endListen := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { endListen(); wg.Wait() }()
	watch := func(f func()) { wg.Add(1); go func() { defer wg.Done(); f() }() }
	watch(func() {
		for ev, err := range chromedp.Events(listen, cdpruntime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type == cdpruntime.ConsoleAPICalledTypeError || ev.Type == cdpruntime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`))
				}
				add("console error: %s", strings.Join(parts, " "))
			}
		}
	})
	watch(func() {
		for ev, err := range chromedp.Events(listen, cdpruntime.ExceptionThrown) {
			if err != nil {
				return
			}
			add("exception: %s", ev.ExceptionDetails.Text)
		}
	})
	watch(func() {
		for ev, err := range chromedp.Events(listen, cdplog.EntryAdded) {
			if err != nil {
				return
			}
			if ev.Entry.Level == cdplog.EntryLevelError && !strings.Contains(ev.Entry.URL, "/no-such-page/") {
				add("browser log: %s %s", ev.Entry.Text, ev.Entry.URL)
			}
		}
	})
	watch(func() {
		for ev, err := range chromedp.Events(listen, network.RequestWillBeSent) {
			if err != nil {
				return
			}
			u, err := url.Parse(ev.Request.URL)
			if err == nil && u.Scheme != "data" && u.Host != own.Host {
				add("request to a foreign host: %s", ev.Request.URL)
			}
		}
	})
	watch(func() {
		for ev, err := range chromedp.Events(listen, network.LoadingFailed) {
			if err != nil {
				return
			}
			add("request failed: %s %s", ev.ErrorText, ev.BlockedReason)
		}
	})
	watch(func() {
		for ev, err := range chromedp.Events(listen, network.ResponseReceived) {
			if err != nil {
				return
			}
			if ev.Response.Status >= 400 && !(pc.Type == "404" && ev.Type == network.ResourceTypeDocument) {
				add("HTTP %d for %s", ev.Response.Status, ev.Response.URL)
			}
		}
	})
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch})
	if err == nil {
		_, err = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
	}
	if err == nil {
		err = chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(strings.TrimSuffix(base, "/")+pc.Path+query(pc)))
	}
	if err != nil {
		return nil, 0, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
		return nil, 0, fmt.Errorf("injecting axe: %w", err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, 0, fmt.Errorf("running axe: %w", err)
	}
	for _, v := range vs {
		add("axe %s (%s): %s\n\t\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t\t"))
	}
	csp, err := chromedp.Run(ctx, chromedp.Evaluate[[]string]("window.__csp || []"))
	if err != nil {
		return nil, 0, err
	}
	for _, c := range csp {
		add("CSP violation: %s", c)
	}
	if shot != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			return nil, 0, err
		}
		os.MkdirAll(filepath.Dir(shot), 0o755)
		if err := os.WriteFile(shot, png, 0o644); err != nil {
			return nil, 0, err
		}
	}
	// Let late events (a deferred script's errors) arrive.
	time.Sleep(50 * time.Millisecond)
	endListen()
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	return problems, 1, nil
}

// query gives the search page a query, so its results and facets are checked
// too: a word each language's pages use.
func query(pc pageCase) string {
	if pc.Type != "search" {
		return ""
	}
	q := map[string]string{"en": "broadband", "fr": "Djibouti", "ar": "جيبوتي", "zh": "门户"}[pc.Lang]
	return "?q=" + url.QueryEscape(q)
}

// TestBrowser visits every page type in en, fr, ar and zh at 360 and 1280 px,
// light and dark, and fails on any accessibility violation or browser
// problem, naming the page. It leaves screenshots of en and ar in .shots/.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser checks skipped with -short")
	}
	axe := axeSource(t)
	dir, base := builtSite(t)
	ctx := browser(t)
	cases := pageCases(dir)
	if len(cases) < 30 {
		t.Fatalf("only %d pages to check: %v", len(cases), cases)
	}
	shots := filepath.Join(repoRoot(), ".shots")
	type job struct {
		pc     pageCase
		width  int64
		scheme string
	}
	// English and Arabic (the two directions) see every page type at both
	// widths in both schemes; the other languages share the templates, so
	// each sees every type once, narrow and light or wide and dark in turn,
	// and Spanish and Russian see the key types in all four.
	key := map[string]bool{"home": true, "stories-list": true, "story": true, "fallback-story": true, "search": true,
		"publication": true, "dataset": true, "chart": true, "region": true}
	var jobs []job
	for i, pc := range cases {
		for _, width := range []int64{360, 1280} {
			for _, scheme := range []string{"light", "dark"} {
				all := pc.Lang == "en" || pc.Lang == "ar" || (pc.Lang == "es" || pc.Lang == "ru") && key[pc.Type]
				turn := (width == 360) == (scheme == "light") && (width == 360) == (i%2 == 0)
				if all || turn {
					jobs = append(jobs, job{pc, width, scheme})
				}
			}
		}
	}
	// Two tabs at a time: these machines have two cores.
	var mu sync.Mutex
	runs := 0
	start := time.Now()
	next := make(chan job)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				shot := ""
				if j.pc.Lang == "en" || j.pc.Lang == "ar" {
					shot = filepath.Join(shots, fmt.Sprintf("%s-%s-%d-%s.png", j.pc.Type, j.pc.Lang, j.width, j.scheme))
				}
				problems, n, err := visit(ctx, axe, base, j.pc, j.width, j.scheme, shot)
				mu.Lock()
				if err != nil {
					t.Errorf("page %s (%s, %d px, %s): %v", j.pc.Path, j.pc.Type, j.width, j.scheme, err)
				}
				runs += n
				for _, p := range problems {
					t.Errorf("page %s (%s, %d px, %s): %s", j.pc.Path, j.pc.Type, j.width, j.scheme, p)
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	types := map[string]bool{}
	for _, pc := range cases {
		types[pc.Type] = true
	}
	note("browser: %d pages (%d page types in %s), %d visits (360/1280 px × light/dark for en, ar and the key types of es and ru), each checked by axe (WCAG 2.2 A/AA and best practices) and for console errors, failed or foreign requests and CSP violations, %.0fs",
		len(cases), len(types), strings.Join(checkedLangs, ", "), runs, time.Since(start).Seconds())
}
