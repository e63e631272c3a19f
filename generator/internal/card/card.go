// Package card draws the site's pictures in Go at build time: the
// 1200×630 social card of a page (og:image) in the page's language and
// script, and PNG renderings of the charts and maps the site draws as SVG.
// Text is shaped with HarfBuzz (Arabic joined and right to left) in the
// fonts the site ships (package fonts), through tdewolff/canvas.
package card

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/png"
	"math"
	"slices"
	"strings"

	"github.com/tdewolff/canvas"
	"github.com/tdewolff/canvas/renderers/rasterizer"
)

// Size of a social card, the size Open Graph and Twitter's large summary
// card both show without cropping.
const (
	Width  = 1200
	Height = 630
)

// Card is what a social card says.
type Card struct {
	Site  string // the site's name in the page's language
	Kind  string // what the page is: "Success story", "Chart"...
	Title string
	Text  string // a line under the title: a summary, a country and year
	URL   string // the page's address as shown (host and path)
	RTL   bool   // the page's language is written right to left
	// Figure is a key number shown large beside the text, with its label.
	Figure, FigureLabel string
	// SVG is a chart or map drawn beside the text; Photo a picture that
	// fills that side. At most one is used, the SVG first.
	SVG   []byte
	Photo image.Image
}

var (
	brand  = canvas.Paint{Color: color.RGBA{0x00, 0x5a, 0x9c, 0xff}}
	ink    = canvas.Paint{Color: color.RGBA{0x1a, 0x1a, 0x1a, 0xff}}
	muted  = canvas.Paint{Color: color.RGBA{0x4a, 0x55, 0x60, 0xff}}
	accent = canvas.Paint{Color: color.RGBA{0xb3, 0x4a, 0x00, 0xff}}
	white  = canvas.Paint{Color: color.RGBA{0xff, 0xff, 0xff, 0xff}}
	ground = color.RGBA{0xff, 0xff, 0xff, 0xff}
	panel  = color.RGBA{0xf1, 0xf4, 0xf8, 0xff}
)

const margin = 64

// Draw returns the card as a PNG.
func Draw(c Card) ([]byte, error) {
	fs := takeFonts()
	defer giveFonts(fs)
	cv := canvas.New(Width, Height)
	ctx := canvas.NewContext(cv)
	ctx.SetCoordSystem(canvas.CartesianIV)
	ctx.SetFillColor(ground)
	ctx.DrawPath(0, 0, canvas.Rectangle(Width, Height))

	// The brand band with the site's name.
	ctx.SetFillColor(brand.Color)
	ctx.DrawPath(0, 0, canvas.Rectangle(Width, 80))
	start, end := canvas.Left, canvas.Right
	if c.RTL {
		start, end = canvas.Right, canvas.Left
	}
	name := richText(c.Site, style{fonts: fs, size: 30, bold: true, color: white}, Width-2*margin, start, 0)
	ctx.DrawText(margin, 22, name)

	// The picture side: a chart, a map or a photo, opposite the text's start.
	textW := float64(Width - 2*margin)
	side := 0.0
	hasPicture := len(c.SVG) > 0 || c.Photo != nil || c.Figure != ""
	if hasPicture {
		side = 470
		textW -= side + 40
		x := float64(Width - margin - int(side))
		if c.RTL {
			x = margin
		}
		top, h := 120.0, 400.0
		ctx.SetFillColor(panel)
		ctx.DrawPath(x, top, canvas.RoundedRectangle(side, h, 12))
		switch {
		case len(c.SVG) > 0:
			drawSVGInto(ctx, fs, c.SVG, x+16, top+16, side-32, h-32)
		case c.Photo != nil:
			drawPhoto(ctx, c.Photo, x, top, side, h)
		default:
			fig := richText(c.Figure, style{fonts: fs, size: 96, bold: true, color: brand}, side-48, canvas.Center, 0)
			_, fh := fig.Size()
			label := richText(c.FigureLabel, style{fonts: fs, size: 28, color: ink}, side-48, canvas.Center, 0.1)
			_, lh := label.Size()
			y := top + (h-fh-lh-16)/2
			ctx.DrawText(x+24, y, fig)
			ctx.DrawText(x+24, y+fh+16, label)
		}
	}
	tx := float64(margin)
	if c.RTL && hasPicture {
		tx = Width - margin - textW
	}

	y := 124.0
	if c.Kind != "" {
		k := richText(c.Kind, style{fonts: fs, size: 28, bold: true, color: accent}, textW, start, 0)
		ctx.DrawText(tx, y, k)
		_, h := k.Size()
		y += h + 18
	}
	// The title takes the largest size at which it fits in three lines.
	room := 560 - y - 60
	var title *canvas.Text
	for _, size := range []float64{60, 54, 48, 42, 38} {
		title = richText(c.Title, style{fonts: fs, size: size, bold: true, color: ink}, textW, start, 0.05)
		if _, h := title.Size(); h <= room && title.Lines() <= 4 {
			break
		}
	}
	_, th := title.Size()
	if th > room {
		title = fitLines(c.Title, style{fonts: fs, size: 38, bold: true, color: ink}, textW, start, room)
		_, th = title.Size()
	}
	ctx.DrawText(tx, y, title)
	y += th + 20
	if c.Text != "" && y < 500 {
		sub := fitLines(c.Text, style{fonts: fs, size: 28, color: muted}, textW, start, 560-y)
		ctx.DrawText(tx, y, sub)
	}
	if c.URL != "" {
		u := richText(c.URL, style{fonts: fs, size: 24, color: muted}, Width-2*margin, start, 0)
		ctx.DrawText(margin, 574, u)
	}
	_ = end
	return encodePNG(rasterizer.Draw(cv, canvas.DPMM(1), canvas.DefaultColorSpace))
}

// fitLines lays s out and, when it needs more height than room, shortens
// it word by word and ends it with an ellipsis.
func fitLines(s string, st style, width float64, align canvas.TextAlign, room float64) *canvas.Text {
	t := richText(s, st, width, align, 0.1)
	if _, h := t.Size(); h <= room {
		return t
	}
	words := strings.Fields(s)
	lo, hi := 0, len(words)
	// The longest prefix of words that fits with an ellipsis.
	for lo < hi {
		mid := (lo + hi + 1) / 2
		t := richText(strings.Join(words[:mid], " ")+"…", st, width, align, 0.1)
		if _, h := t.Size(); h <= room {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return richText(strings.Join(words[:lo], " ")+"…", st, width, align, 0.1)
}

// drawPhoto fills the box with the photo, cropped to the box's aspect.
func drawPhoto(ctx *canvas.Context, img image.Image, x, y, w, h float64) {
	b := img.Bounds()
	iw, ih := float64(b.Dx()), float64(b.Dy())
	scale := math.Max(w/iw, h/ih)
	cw, ch := w/scale, h/scale
	crop := image.Rect(b.Min.X+int((iw-cw)/2), b.Min.Y+int((ih-ch)/2), b.Min.X+int((iw+cw)/2), b.Min.Y+int((ih+ch)/2))
	if sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		img = sub.SubImage(crop)
	}
	ctx.DrawImage(x, y+h, img, canvas.DPMM(1/scale))
}

// encodePNG writes a picture as small as PNG makes it.
func encodePNG(img image.Image) ([]byte, error) {
	if rgba, ok := img.(*image.RGBA); ok {
		img = paletted(rgba)
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// paletted maps a picture to the 256 colours it uses most, nearest colour
// for the rest: flat drawings and anti-aliased text lose nothing visible,
// and the PNG shrinks to a third.
func paletted(img *image.RGBA) *image.Paletted {
	// Pixels are compared and counted as one word each: a drawing of
	// 1200×630 has three quarters of a million of them.
	word := func(i int) uint32 { return binary.LittleEndian.Uint32(img.Pix[i : i+4]) }
	rgba := func(w uint32) color.RGBA { return color.RGBA{uint8(w), uint8(w >> 8), uint8(w >> 16), uint8(w >> 24)} }
	counts := map[uint32]int{}
	pix := img.Pix
	// Runs of one colour are the rule in a drawing: count them at once.
	var last uint32
	run := 0
	for i := 0; i+3 < len(pix); i += 4 {
		c := word(i)
		if c == last && run > 0 {
			run++
			continue
		}
		if run > 0 {
			counts[last] += run
		}
		last, run = c, 1
	}
	if run > 0 {
		counts[last] += run
	}
	type cc struct {
		c color.RGBA
		n int
	}
	list := make([]cc, 0, len(counts))
	for c, n := range counts {
		list = append(list, cc{rgba(c), n})
	}
	slices.SortFunc(list, func(a, b cc) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return cmpRGBA(a.c, b.c)
	})
	if len(list) > 256 {
		list = list[:256]
	}
	pal := make(color.Palette, len(list))
	for i, x := range list {
		pal[i] = x.c
	}
	out := image.NewPaletted(img.Bounds(), pal)
	cache := map[uint32]uint8{}
	for i, x := range list {
		cache[uint32(x.c.R)|uint32(x.c.G)<<8|uint32(x.c.B)<<16|uint32(x.c.A)<<24] = uint8(i)
	}
	b := img.Bounds()
	var prev uint32
	var prevIdx uint8
	have := false
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.PixOffset(b.Min.X, y)
		dst := out.Pix[out.PixOffset(b.Min.X, y):]
		for x := 0; x < b.Dx(); x++ {
			c := word(row + 4*x)
			if !have || c != prev {
				idx, ok := cache[c]
				if !ok {
					idx = uint8(pal.Index(rgba(c)))
					cache[c] = idx
				}
				prev, prevIdx, have = c, idx, true
			}
			dst[x] = prevIdx
		}
	}
	return out
}

func cmpRGBA(a, b color.RGBA) int {
	return int(uint32(a.R)<<24|uint32(a.G)<<16|uint32(a.B)<<8|uint32(a.A)) - int(uint32(b.R)<<24|uint32(b.G)<<16|uint32(b.B)<<8|uint32(b.A))
}
