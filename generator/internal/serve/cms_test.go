package serve

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/itu-d/portal/generator/internal/build"
	"github.com/itu-d/portal/generator/internal/cms"
)

// TestCMSCreatesAStory opens the web editor in Chromium under the headers
// netlify.toml sets for /admin/, creates a story through the form (title,
// date, region, country, sectors, SDGs, an image with its alt text) and
// saves it through the local backend; then check passes on the file it
// wrote and build publishes it. No Content-Security-Policy violation, no
// exception, no failed request is allowed on the way.
func TestCMSCreatesAStory(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped with -short")
	}
	repo := repoRoot()
	if _, err := os.Stat(filepath.Join(repo, filepath.FromSlash(cms.BundleDir), "decap-cms.js")); err != nil {
		need(t, "the Decap CMS bundle", "cd tools/cms && npm ci")
	}
	chromium := findChromium()
	if chromium == "" {
		need(t, "Chromium", "apt-get install -y chromium")
	}
	site := fixtureSite(t)
	srv, _ := start(t, site, true)

	ctx := browser(t, chromium)
	var mu sync.Mutex
	var problems []string
	add := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		problems = append(problems, fmt.Sprintf(format, args...))
	}
	listen(ctx, add)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspWatch}); err != nil {
		t.Fatal(err)
	}
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			shot(t, ctx, "cms-failed.png")
			mu.Lock()
			for _, p := range problems {
				t.Log(p)
			}
			mu.Unlock()
			t.Fatalf("%s: %v", what, err)
		}
	}
	photo := filepath.Join(t.TempDir(), "telecentre.jpg")
	writeJPEG(t, photo)

	step("open the editor", chromedp.Navigate(srv+"admin/"), chromedp.WaitVisible(`//button[normalize-space()="Login"]`))
	step("log in (the local backend needs no account)", chromedp.Click(`//button[normalize-space()="Login"]`),
		chromedp.WaitVisible(`//*[normalize-space()="Stories"]`))
	step("start a story", chromedp.Navigate(srv+"admin/#/collections/stories/new"), chromedp.WaitVisible(`#title-field-1`))
	step("title", chromedp.SendKeys(`#title-field-1`, "Telecentres in Samoa"))
	// The date is set whole, as the date picker sets it: typed digit by digit
	// the year passes through 0002, 0020, 0202 on its way to 2024.
	step("date", chromedp.Evaluate[chromedp.Void](`(() => {
		const el = document.querySelector("#date-field-2");
		Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(el, "2024-05-12");
		el.dispatchEvent(new Event("input", {bubbles: true}));
		el.dispatchEvent(new Event("change", {bubbles: true}));
	})()`))
	step("summary", chromedp.SendKeys(`#summary-field-3`, "Community telecentres bring the Internet to villages."))
	pick := func(field, text string) {
		t.Helper()
		step(field, chromedp.Click(`#`+field), chromedp.SendKeys(`#`+field, text),
			chromedp.WaitVisible(`//div[contains(@id,"-option-")]`), chromedp.SendKeys(`#`+field, "\r"))
	}
	pick("region-field-4", "Asia and the Pacific")
	pick("country-field-5", "Samoa (WS)")
	pick("sectors-field-6", "Education")
	pick("sectors-field-6", "Gender")
	pick("sdgs-field-7", "4. Quality")
	step("choose an image", chromedp.Click(`//button[normalize-space()="Choose an image"]`),
		chromedp.WaitReady(`input[type=file]`))
	step("upload the photo", chromedp.SetUploadFiles(`input[type=file]`, []string{photo}),
		chromedp.WaitVisible(`//*[normalize-space()="telecentre.jpg"]`))
	// The media grid is drawn inside a zero-height box, which the browser
	// does not count as visible: the card is clicked where it is drawn.
	box, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => {
		const r = [...document.querySelectorAll("p")].find(p => p.textContent == "telecentre.jpg").parentElement.getBoundingClientRect();
		return [r.x + r.width / 2, r.y + r.height / 2];
	})()`))
	if err != nil || len(box) != 2 {
		shot(t, ctx, "cms-failed.png")
		t.Fatalf("the uploaded photo is not in the media library: %v", err)
	}
	// A click toggles the card's selection; the library may already hold
	// the photo as selected without showing it, so click until it is.
	for i := 0; i < 3; i++ {
		step("select the photo", chromedp.MouseClickXY(box[0], box[1]), chromedp.Sleep(300*time.Millisecond))
		if off, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("[class*=InsertButton]").disabled`)); !off {
			break
		}
	}
	step("pick the photo", chromedp.WaitEnabled(`//button[normalize-space()="Choose selected"]`),
		chromedp.Click(`//button[normalize-space()="Choose selected"]`), chromedp.WaitNotPresent(`//button[normalize-space()="Choose selected"]`))
	step("alt text", chromedp.SendKeys(field("Alt text"), "People at computers in a village telecentre"))
	// CMS_SHOTS=DIR leaves screenshots of the filled form for a person.
	if dir := os.Getenv("CMS_SHOTS"); dir != "" {
		for i, label := range []string{"Title", "Image"} {
			step("screenshot", chromedp.Evaluate[chromedp.Void](`[...document.querySelectorAll("label")].find(l => l.textContent.startsWith("`+label+`")).scrollIntoView()`),
				chromedp.Sleep(200*time.Millisecond))
			if png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100)); err == nil {
				os.WriteFile(filepath.Join(dir, fmt.Sprintf("cms-story-form-%d.png", i+1)), png, 0o644)
			}
		}
	}
	step("publish", chromedp.Click(`//span[normalize-space()="Publish"]`), chromedp.Click(`//*[normalize-space()="Publish now"]`))

	file := filepath.Join(site, "content", "stories", "telecentres-in-samoa", "index.md")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(file); err == nil {
			break
		}
		if time.Now().After(deadline) {
			shot(t, ctx, "cms-failed.png")
			t.Fatalf("the editor wrote no %s", file)
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // the image is written with the entry
	// An existing story opens with its photo, and its translation beside it.
	// A fresh load, as an editor coming back (the login is kept).
	step("open a story", chromedp.Navigate(srv+"admin/index.html#/collections/stories/entries/arta/index"),
		chromedp.WaitVisible(`//input[@value="Broadband in Arta"]`), chromedp.WaitVisible(`//img[starts-with(@src,"blob:")]`))
	step("list the stories", chromedp.Navigate(srv+"admin/?#/collections/stories"),
		chromedp.WaitVisible(`//*[contains(normalize-space(),"(index.fr.md)")]`), chromedp.WaitVisible(`//*[contains(normalize-space(),"Telecentres in Samoa")]`))
	csp, err := chromedp.Run(ctx, chromedp.Evaluate[[]string]("window.__csp || []"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range csp {
		add("CSP violation: %s", c)
	}
	mu.Lock()
	for _, p := range problems {
		t.Error(p)
	}
	mu.Unlock()

	written, _ := os.ReadFile(file)
	t.Logf("the editor wrote %s:\n%s", file, written)
	for _, want := range []string{"title: Telecentres in Samoa", "date: 2024-05-12", "region: asia-pacific", "country: WS", "- education", "- gender", "- 4", "src: telecentre.jpg", "alt: People at computers"} {
		if !strings.Contains(string(written), want) {
			t.Errorf("%s lacks %q", file, want)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(file), "telecentre.jpg")); err != nil {
		t.Errorf("the photo is not in the story's folder: %v", err)
	}
	var log strings.Builder
	if _, _, err := build.Check(build.Options{Source: site, Log: &log}); err != nil {
		t.Fatalf("check fails on what the editor wrote:\n%s", log.String())
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: site, Out: out, Log: &log}); err != nil {
		t.Fatalf("build fails on what the editor wrote:\n%s", log.String())
	}
	for _, f := range []string{"stories/telecentres-in-samoa/index.html", "stories/telecentres-in-samoa/telecentre.jpg"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("build did not publish %s", f)
		}
	}
}

// field is the input a label names.
func field(label string) string {
	return fmt.Sprintf(`//*[@id=//label[starts-with(normalize-space(), %q)]/@for]`, label)
}

// cspWatch records Content-Security-Policy violations from the first byte
// of each document.
const cspWatch = `window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline")));`

// listen reports exceptions, console errors and the browser's own errors
// (a CSP refusal, a failed load).
func listen(ctx context.Context, add func(string, ...any)) {
	go func() {
		for ev, err := range chromedp.Events(ctx, cdpruntime.ExceptionThrown) {
			if err != nil {
				return
			}
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			add("exception: %s", msg)
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, cdpruntime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type == cdpruntime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				add("console error: %s", strings.Join(parts, " "))
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, cdplog.EntryAdded) {
			if err != nil {
				return
			}
			if ev.Entry.Level == cdplog.EntryLevelError {
				add("browser error: %s %s", ev.Entry.Text, ev.Entry.URL)
			}
		}
	}()
}

func browser(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.WindowSize(1280, 900),
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
	ctx, stop := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(stop)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int]("1")); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return ctx
}

// shot keeps a screenshot of the page for a person to look at when a step fails.
func shot(t *testing.T, ctx context.Context, name string) {
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return
	}
	dir := filepath.Join(repoRoot(), ".shots")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, name), png, 0o644)
	if html, err := chromedp.Run(ctx, chromedp.OuterHTML("body")); err == nil {
		os.WriteFile(filepath.Join(dir, strings.TrimSuffix(name, ".png")+".html"), []byte(html), 0o644)
	}
	t.Logf("screenshot: .shots/%s", name)
}

func findChromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// start serves site (with the editor's local backend when cms is set)
// until the test ends. It returns its URL once the first build is done,
// and a channel that says whether each later build succeeded.
func start(t *testing.T, site string, withCMS bool) (string, <-chan bool) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	ready := make(chan bool, 16)
	go func() {
		done <- Run(ctx, ln, Options{Source: site, CMS: withCMS, Log: testLog{t}, Ready: func(_ int, ok bool) { ready <- ok }})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("the first build failed")
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("no build within two minutes")
	}
	return "http://" + ln.Addr().String() + "/", ready
}

// screenshot saves a page as a person sees it, at 1280 by 900.
func screenshot(t *testing.T, url, file string) {
	t.Helper()
	chromium := findChromium()
	if chromium == "" {
		return
	}
	ctx := browser(t, chromium)
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Sleep(500*time.Millisecond)); err != nil {
		t.Logf("screenshot of %s: %v", url, err)
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot of %s: %v", url, err)
		return
	}
	os.WriteFile(file, png, 0o644)
}

type testLog struct{ t *testing.T }

func (l testLog) Write(b []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}
