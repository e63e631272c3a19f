package geo

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var gallery = flag.String("gallery", "", "write page.html, showing the maps with light and dark themes, into this folder")

// galleryCSS defines the map's custom properties as a site would, for both
// themes.
const galleryCSS = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1f24;
  --map-1: #c6dbef; --map-2: #9ecae1; --map-3: #6baed6; --map-4: #3182bd; --map-5: #08519c;
  --map-nodata: #f1f3f5; --map-hatch: #8a949e; --map-muted: #e3e7eb; --map-region: #b9c3cd;
  --map-border: #fff; --map-accent: #d55e00; --map-swatch-border: #8a949e; }
@media (prefers-color-scheme: dark) { :root { --bg: #0f1419; --fg: #e6e9ed;
  --map-1: #274a6b; --map-2: #2f6a9a; --map-3: #4a8fc4; --map-4: #86bde6; --map-5: #cfe6f8;
  --map-nodata: #161d25; --map-hatch: #7d8a97; --map-muted: #252e38; --map-region: #465461;
  --map-border: #0f1419; --map-accent: #ff9a4d; --map-swatch-border: #6b7785; } }
body { margin: 0 auto; padding: 1rem; max-width: 60rem; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, "Noto Sans", "Noto Sans Arabic", sans-serif; }
figure { margin: 0 0 2rem; } figcaption { font-weight: 600; }
svg.geo-map { display: block; width: 100%; height: auto; }
.locators { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }
`

func TestGallery(t *testing.T) {
	if *gallery == "" {
		t.Skip("set -gallery to write the page")
	}
	values, years := internetUse(t)
	opt := ChoroplethOptions{Title: "Individuals using the Internet", LegendTitle: "% of population", Years: years, Label: percent}
	var b strings.Builder
	fig := func(caption string, svg []byte, err error, attrs string) {
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "<figure%s><figcaption>%s</figcaption>\n%s\n</figure>\n", attrs, caption, svg)
	}
	svg, err := Choropleth(World(), values, opt)
	fig("World, quantiles", svg, err, "")
	few := pick(values, "AU", "BR", "CN", "DJ", "EG", "FR", "IN", "NE", "SG", "US", "VU", "WS", "ZA")
	svg, err = Choropleth(World(), few, ChoroplethOptions{Title: "A few countries", Years: years, Label: percent, Scale: Nice})
	fig("World, a few countries, nice breaks", svg, err, "")
	africa, _ := specMap("africa")
	svg, err = Choropleth(africa, values, opt)
	fig("Africa", svg, err, "")
	ar := opt
	ar.Lang, ar.Title, ar.LegendTitle, ar.Label = "ar", "الأفراد الذين يستخدمون الإنترنت", "% من السكان", nil
	arab, _ := specMap("arab-states")
	svg, err = Choropleth(arab, values, ar)
	fig("الدول العربية", svg, err, ` dir="rtl" lang="ar"`)
	for _, r := range []string{"americas", "asia-pacific", "cis", "europe"} {
		m, _ := specMap(r)
		svg, err = Choropleth(m, values, opt)
		fig(r, svg, err, "")
	}
	b.WriteString(`<div class="locators">`)
	for _, c := range []struct{ code, region string }{{"DJ", ""}, {"WS", ""}, {"VU", ""}, {"NE", ""}, {"DJ", "arab-states"}, {"TV", ""}} {
		svg, err := Locator(c.code, LocatorOptions{Region: c.region})
		fig(c.code+" "+c.region, svg, err, "")
	}
	b.WriteString("</div>")
	page := "<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport content=\"width=device-width\"><title>geo</title><style>" +
		galleryCSS + "</style><body>\n" + b.String() + "</body></html>\n"
	if err := os.WriteFile(filepath.Join(*gallery, "page.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
}
