package derive

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/itu-d/portal/generator/internal/card"
	"github.com/itu-d/portal/generator/internal/par"
	"github.com/itu-d/portal/generator/internal/source"
)

// A chart as people take it away: an SVG file that says what it is (its
// title above, and under it the source, licence, the years its data cover
// and its permalink, also as Dublin Core metadata), and that file as PNG at
// one and two times its size, for slides and documents.

// chartsDir holds the PNGs, named by a hash of the file they render.
const chartsDir = "static/charts"

// chartMeta is what a chart file says beside the drawing.
type chartMeta struct {
	Title, Lang, Permalink, Span string
	Sources                      []source.DataSource
	Licenses                     []source.License
	RTL                          bool
	// Words: "Source", "Licence", "Data" in the chart's language.
	SourceWord, LicenceWord, DataWord string
}

var svgSize = regexp.MustCompile(`^<svg[^>]*?\sviewBox="([^"]+)"`)

// chartFile wraps a drawing into a file of its own with its title, source,
// licence, span and permalink.
func chartFile(drawing string, m chartMeta) []byte {
	vb := []float64{0, 0, 680, 400}
	if g := svgSize.FindStringSubmatch(drawing); g != nil {
		if f := strings.Fields(strings.ReplaceAll(g[1], ",", " ")); len(f) == 4 {
			for i := range f {
				vb[i], _ = strconv.ParseFloat(f[i], 64)
			}
		}
	}
	w, h := vb[2], vb[3]
	if w < 200 {
		h, w = h*680/w, 680
	}
	const pad, titleSize, titleLine, footSize, footLine = 12.0, 17.0, 22.0, 11.0, 15.0
	var srcs []string
	for _, s := range m.Sources {
		srcs = append(srcs, sourceTitle(s))
	}
	var lics []string
	for _, l := range m.Licenses {
		name := l.Title
		if name == "" {
			name = l.Name
		}
		lics = append(lics, name)
	}
	foot := m.SourceWord + ": " + strings.Join(srcs, "; ") + ". " + m.LicenceWord + ": " + strings.Join(lics, "; ") + "."
	if m.Span != "" {
		foot += " " + m.DataWord + ": " + strings.ReplaceAll(m.Span, "/", "–") + "."
	}
	titleLines := card.Wrap(m.Title, titleSize, true, w-2*pad)
	footLines := append(card.Wrap(foot, footSize, false, w-2*pad), m.Permalink)
	top := pad + float64(len(titleLines))*titleLine + 6
	total := top + h + 8 + float64(len(footLines))*footLine + pad
	x, anchor, dir := pad, "start", "ltr"
	if m.RTL {
		x, dir = w-pad, "rtl"
	}
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" lang="%s" font-family="%s">`,
		num(w), num(total), num(w), num(total), esc(m.Lang), "Portal Sans, system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, Noto Sans Arabic, Noto Sans CJK SC, sans-serif")
	fmt.Fprintf(&b, `<title>%s</title><desc>%s %s</desc>`, esc(m.Title), esc(foot), esc(m.Permalink))
	b.WriteString(`<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">`)
	fmt.Fprintf(&b, `<rdf:Description rdf:about="%s"><dc:title>%s</dc:title><dc:identifier>%s</dc:identifier><dc:language>%s</dc:language>`,
		esc(m.Permalink), esc(m.Title), esc(m.Permalink), esc(m.Lang))
	for _, s := range srcs {
		fmt.Fprintf(&b, `<dc:source>%s</dc:source>`, esc(s))
	}
	for _, l := range m.Licenses {
		r := l.Path
		if r == "" {
			r = l.Name
		}
		fmt.Fprintf(&b, `<dc:rights>%s</dc:rights>`, esc(r))
	}
	if m.Span != "" {
		fmt.Fprintf(&b, `<dc:coverage>%s</dc:coverage>`, esc(m.Span))
	}
	b.WriteString(`<dc:publisher>ITU-D Knowledge Portal</dc:publisher></rdf:Description></rdf:RDF></metadata>`)
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#fff"/>`, num(w), num(total))
	fmt.Fprintf(&b, `<g direction="%s" text-anchor="%s">`, dir, anchor)
	for i, l := range titleLines {
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s" font-weight="bold" fill="#1a1a1a">%s</text>`, num(x), num(pad+titleSize+float64(i)*titleLine), num(titleSize), esc(l))
	}
	// The drawing as it is, a nested viewport placed under the title (its
	// own size gives way to the viewport's; its xmlns is harmless).
	if end := strings.IndexByte(drawing, '>'); strings.HasPrefix(drawing, "<svg") && end > 0 {
		tag := sizeAttr.ReplaceAllString(drawing[:end], "")
		b.WriteString(strings.Replace(tag, "<svg", fmt.Sprintf(`<svg x="0" y="%s" width="%s" height="%s"`, num(top), num(w), num(h)), 1))
		b.WriteString(drawing[end:])
	}
	for i, l := range footLines {
		attrs := ""
		if m.RTL && i == len(footLines)-1 {
			// The permalink reads left to right, at the lines' start edge.
			attrs = ` direction="ltr" text-anchor="end"`
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="%s" fill="#4a5560"%s>%s</text>`, num(x), num(top+h+8+footSize+float64(i)*footLine), num(footSize), attrs, esc(l))
	}
	b.WriteString(`</g></svg>`)
	return []byte(b.String())
}

var sizeAttr = regexp.MustCompile(`\s(?:width|height|x|y)="[^"]*"`)

func num(v float64) string { return strconv.FormatFloat(float64(int64(v*10+0.5))/10, 'f', -1, 64) }

// chartPNG is one chart file to render as PNG.
type chartPNG struct {
	file []byte
	name string // content hash: <hash>.png and <hash>@2x.png
}

// chartPNGs renders every chart file at 1x and 2x, drawing only those not
// drawn before; it returns the file names to keep.
func chartPNGs(root string, jobs []chartPNG) ([]string, error) {
	dir := filepath.Join(root, Dir, filepath.FromSlash(chartsDir))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	shared := sharedCache()
	errs := make([]error, len(jobs))
	par.For(len(jobs), func(i int) {
		j := jobs[i]
		for _, scale := range []float64{1, 2} {
			name := j.name + ".png"
			if scale == 2 {
				name = j.name + "@2x.png"
			}
			if _, err := picture(dir, shared, name, func() ([]byte, error) { return card.PNG(j.file, scale) }); err != nil {
				errs[i] = fmt.Errorf("chart PNG: %w", err)
				return
			}
		}
	})
	var keep []string
	for i, j := range jobs {
		if errs[i] != nil {
			return nil, errs[i]
		}
		keep = append(keep, chartsDir+"/"+j.name+".png", chartsDir+"/"+j.name+"@2x.png")
	}
	return keep, nil
}

func pictureName(b []byte) string {
	sum := sha256.Sum256(append([]byte(cardVersion), b...))
	return hex.EncodeToString(sum[:])[:20]
}
