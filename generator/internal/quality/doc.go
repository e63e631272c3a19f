// Package quality holds the tests that look at the built site as its readers
// and crawlers meet it: a real browser (headless Chromium driven by chromedp)
// running axe-core's WCAG 2.2 A and AA rules on every page type, in several
// languages, widths and colour schemes, while watching for console errors,
// failed or foreign requests and Content-Security-Policy violations under the
// headers netlify.toml ships; and the Nu Html Checker over every HTML file.
// The tests leave screenshots of each page type in .shots/ for people to look at.
package quality
