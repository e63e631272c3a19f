package card

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

var cardCases = map[string]Card{
	"en": {Site: "ITU-D Knowledge Portal", Kind: "Success story", Title: "Keeping Africa's Internet traffic at home: the rise of exchange points", Text: "Kenya · 2021", URL: "example.org/stories/x/"},
	"ar": {Site: "بوابة المعارف لقطاع تنمية الاتصالات", Kind: "لمحة قُطرية", Title: "جيبوتي", Text: "أفريقيا · الدول العربية", RTL: true, Figure: "65%", FigureLabel: "جيبوتي: الأفراد الذين يستخدمون الإنترنت، 2022"},
	"zh": {Site: "国际电联电信发展部门知识门户", Kind: "出版物", Title: "2025年全球连通性报告", Text: "国际电联（2025）"},
	"ru": {Site: "Портал знаний МСЭ-D", Kind: "Диаграмма", Title: "Использование интернета по регионам МСЭ, 2025 год", SVG: []byte(sampleSVG)},
}

const sampleSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100" font-size="12" fill="var(--chart-fg, #1a1a1a)"><title>t</title><g fill="var(--chart-1, #0072b2)"><rect x="10" y="20" width="40" height="70"/><rect x="60" y="50" width="40" height="40"/></g><line x1="5" x2="195" y1="90" y2="90" stroke="#5c5c5c"/><path d="M110 80l20-30 20 10 20-40" fill="none" stroke="var(--chart-2, #e69f00)" stroke-width="2"/><text x="100" y="12" text-anchor="middle">Доля 65%</text><circle cx="180" cy="20" r="4"/></svg>`

func TestDrawIsACardInEveryScript(t *testing.T) {
	for lang, c := range cardCases {
		b, err := Draw(c)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if got := img.Bounds().Size(); got != (image.Point{Width, Height}) {
			t.Errorf("%s: %v, want %dx%d", lang, got, Width, Height)
		}
		if dir := os.Getenv("CARD_OUT"); dir != "" {
			os.WriteFile(filepath.Join(dir, "card-"+lang+".png"), b, 0o644)
		}
	}
}

func TestEveryTextHasGlyphs(t *testing.T) {
	for lang, c := range cardCases {
		for _, s := range []string{c.Site, c.Kind, c.Title, c.Text, c.FigureLabel} {
			if _, missing := segment(s); len(missing) > 0 {
				t.Errorf("%s: %q has no glyph for %q", lang, s, string(missing))
			}
		}
	}
}

func TestPNGScales(t *testing.T) {
	for _, scale := range []float64{1, 2} {
		b, err := PNG([]byte(sampleSVG), scale)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := img.Bounds().Dx(), int(200*scale); got != want {
			t.Errorf("scale %g: width %d, want %d", scale, got, want)
		}
		// The first bar is drawn in its fallback colour.
		r, g, b2, _ := img.At(int(30*scale), int(60*scale)).RGBA()
		if r>>8 > 10 || g>>8 < 100 || b2>>8 < 160 {
			t.Errorf("scale %g: bar pixel %d,%d,%d, want about #0072b2", scale, r>>8, g>>8, b2>>8)
		}
	}
}

func TestPNGRefusesWhatIsNotSVG(t *testing.T) {
	for _, in := range []string{"", "<html></html>", "<svg></svg>", "<svg viewBox='0 0 1e9 1e9'/>"} {
		if _, err := PNG([]byte(in), 1); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}
