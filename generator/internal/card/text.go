package card

import (
	"unicode"

	"github.com/tdewolff/canvas"

	"github.com/itu-d/portal/generator/internal/fonts"
)

// mmPerPx: canvas works in millimetres and points; pictures are drawn at
// one pixel per millimetre, so a size in pixels is given in points as
// px / ptInMM.
const ptInMM = 25.4 / 72

// fontSet is the shipped subsets loaded for drawing, one family each.
// Drawing text writes to a font's caches (go-text keeps the glyphs it
// looked up), so a set is used by one drawing at a time: each entry point
// takes one from the free list and gives it back when done.
type fontSet map[string]*canvas.FontFamily

func loadFonts() fontSet {
	out := fontSet{}
	for _, s := range fonts.Scripts {
		f := canvas.NewFontFamily("portal-" + s.Name)
		if err := f.LoadFont(fonts.Data(s.Name, false), 0, canvas.FontRegular); err != nil {
			panic("card: font " + s.Name + ": " + err.Error())
		}
		if s.Bold {
			if err := f.LoadFont(fonts.Data(s.Name, true), 0, canvas.FontBold); err != nil {
				panic("card: font " + s.Name + " bold: " + err.Error())
			}
		}
		out[s.Name] = f
	}
	return out
}

// freeFonts holds the sets not in use: as many as drawings ran at once,
// up to its size (a sync.Pool would drop them at every collection, and a
// set takes milliseconds to load).
var freeFonts = make(chan fontSet, 16)

func takeFonts() fontSet {
	select {
	case fs := <-freeFonts:
		return fs
	default:
		return loadFonts()
	}
}

func giveFonts(fs fontSet) {
	select {
	case freeFonts <- fs:
	default:
	}
}

// style is how a piece of text is drawn, and with which set of fonts.
type style struct {
	fonts fontSet
	size  float64 // pixels
	bold  bool
	color canvas.Paint
}

func (st style) face(script string) *canvas.FontFace {
	fs := canvas.FontRegular
	if st.bold {
		fs = canvas.FontBold
	}
	return st.fonts[script].Face(st.size/ptInMM, st.color, fs)
}

// segment splits s into runs each drawn by one subset. Characters every
// script shares (spaces, digits, punctuation) are drawn by the latin
// subset, which holds them; a character no subset holds is reported.
func segment(s string) (runs []run, missing []rune) {
	cur := run{}
	for _, r := range s {
		sc := fonts.ScriptOf(r)
		if sc == "" {
			if !unicode.IsControl(r) && !unicode.Is(unicode.Mn, r) {
				missing = append(missing, r)
			}
			sc = "latin"
		}
		if sc != cur.script && cur.text != "" {
			runs = append(runs, cur)
			cur = run{}
		}
		cur.script = sc
		cur.text += string(r)
	}
	if cur.text != "" {
		runs = append(runs, cur)
	}
	return runs, missing
}

type run struct{ script, text string }

// richText lays s out in a box width pixels wide (0: one line), aligned
// start or end for its direction.
func richText(s string, st style, width float64, align canvas.TextAlign, lineStretch float64) *canvas.Text {
	runs, _ := segment(s)
	if len(runs) == 0 {
		runs = []run{{"latin", ""}}
	}
	rt := canvas.NewRichText(st.face(runs[0].script))
	for _, r := range runs {
		rt.WriteFace(st.face(r.script), r.text)
	}
	return rt.ToText(width, 0, align, canvas.Top, &canvas.TextOptions{LineStretch: lineStretch})
}

// textWidth is the advance of s on one line, in pixels.
func textWidth(s string, st style) float64 {
	w, _ := richText(s, st, 0, canvas.Left, 0).Size()
	return w
}

// TextWidth is the advance of s on one line at size pixels, in the fonts
// the site ships: what a browser that loaded them draws.
func TextWidth(s string, size float64, bold bool) float64 {
	fs := takeFonts()
	defer giveFonts(fs)
	return textWidth(s, style{fonts: fs, size: size, bold: bold, color: canvas.Paint{Color: canvas.Black}})
}

// Wrap breaks s into lines no wider than width at size pixels: at spaces,
// or between any two characters of a script written without them
// (Chinese). A word longer than the line stays whole.
func Wrap(s string, size float64, bold bool, width float64) []string {
	st := style{fonts: takeFonts(), size: size, bold: bold, color: canvas.Paint{Color: canvas.Black}}
	defer giveFonts(st.fonts)
	var words []string
	cur := ""
	for _, r := range s {
		switch {
		case r == ' ':
			if cur != "" {
				words = append(words, cur)
			}
			cur = ""
		case fonts.ScriptOf(r) == "cjk":
			if cur != "" {
				words = append(words, cur)
			}
			words = append(words, string(r))
			cur = ""
		default:
			cur += string(r)
		}
	}
	if cur != "" {
		words = append(words, cur)
	}
	var lines []string
	line := ""
	for _, w := range words {
		sep := " "
		if line == "" || fonts.ScriptOf([]rune(w)[0]) == "cjk" {
			sep = ""
		}
		if line != "" {
			if last := []rune(line); fonts.ScriptOf(last[len(last)-1]) == "cjk" {
				sep = ""
			}
		}
		try := line + sep + w
		if line != "" && textWidth(try, st) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
