package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// checkTextInside: every <text> of the drawing stays inside its viewBox,
// measured with the same width estimate the layout uses.
func checkTextInside(t *testing.T, svg []byte) {
	t.Helper()
	for _, p := range textOutside(t, svg) {
		t.Errorf("text outside the drawing: %s", p)
	}
}

// textOutside lists the texts that reach outside the viewBox.
func textOutside(t *testing.T, svg []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	type frame struct{ fs float64 }
	var stack []frame
	var W, H float64
	rtl := false
	var out []string
	var cur *xml.StartElement
	var content strings.Builder
	inTitle := false
	attr := func(se xml.StartElement, k string) string {
		for _, a := range se.Attr {
			if a.Name.Local == k {
				return a.Value
			}
		}
		return ""
	}
	num := func(s string) float64 {
		v, _ := strconv.ParseFloat(s, 64)
		return v
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			fs := 0.0
			if len(stack) > 0 {
				fs = stack[len(stack)-1].fs
			}
			if v := attr(tok, "font-size"); v != "" {
				fs = num(v)
			}
			if tok.Name.Local == "svg" {
				vb := strings.Fields(attr(tok, "viewBox"))
				W, H = num(vb[2]), num(vb[3])
				rtl = attr(tok, "direction") == "rtl"
			}
			stack = append(stack, frame{fs})
			if tok.Name.Local == "title" {
				inTitle = true
			}
			if tok.Name.Local == "text" {
				se := tok.Copy()
				cur = &se
				content.Reset()
			}
		case xml.CharData:
			if cur != nil && !inTitle {
				content.Write(tok)
			}
		case xml.EndElement:
			fs := stack[len(stack)-1].fs
			stack = stack[:len(stack)-1]
			if tok.Name.Local == "title" {
				inTitle = false
			}
			if tok.Name.Local != "text" || cur == nil {
				continue
			}
			s := strings.TrimSpace(content.String())
			x, y := num(attr(*cur, "x")), num(attr(*cur, "y"))
			w := textWidth(s, fs)
			var lo, hi float64
			switch a := attr(*cur, "text-anchor"); {
			case a == "middle":
				lo, hi = x-w/2, x+w/2
			case (a == "end") != rtl:
				lo, hi = x-w, x
			default:
				lo, hi = x, x+w
			}
			top, bottom := y-fs*0.8, y+fs*0.25
			if tr := attr(*cur, "transform"); strings.HasPrefix(tr, "rotate(") {
				f := strings.Fields(strings.Trim(strings.TrimPrefix(tr, "rotate("), ")"))
				ang, cx, cy := num(f[0])*math.Pi/180, num(f[1]), num(f[2])
				rot := func(px, py float64) (float64, float64) {
					dx, dy := px-cx, py-cy
					return cx + dx*math.Cos(ang) - dy*math.Sin(ang), cy + dx*math.Sin(ang) + dy*math.Cos(ang)
				}
				x0, y0 := rot(lo, y)
				x1, y1 := rot(hi, y)
				lo, hi = math.Min(x0, x1), math.Max(x0, x1)
				top, bottom = math.Min(y0, y1)-fs*0.6, math.Max(y0, y1)+fs*0.6
			}
			const tol = 0.5
			if lo < -tol || hi > W+tol || top < -tol || bottom > H+tol {
				out = append(out, strconv.Quote(s)+" spans x "+f(lo)+"–"+f(hi)+", y "+f(top)+"–"+f(bottom)+" in "+f(W)+"×"+f(H))
			}
			cur = nil
		}
	}
}
