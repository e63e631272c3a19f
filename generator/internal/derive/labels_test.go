package derive

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/itu-d/portal/generator/internal/card"
)

// TestNoCutLabel: in every chart and map the site ships (every dataset
// view, profile and hub chart, in every language, for phones and wide
// screens), each label measured with the shipped fonts lies inside the
// drawing, and no two labels are drawn over each other.
func TestNoCutLabel(t *testing.T) {
	site := loadRealSite(t)
	files := map[string][]byte{}
	var pngs []chartPNG
	ds, _, err := datasets(site, files, "https://example.org/", &pngs)
	if err != nil {
		t.Fatal(err)
	}
	type drawing struct{ name, svg string }
	var all []drawing
	add := func(name string, r renderJSON) {
		if r.Narrow != "" {
			all = append(all, drawing{name + " (narrow)", r.Narrow})
		}
		all = append(all, drawing{name, r.Wide})
	}
	for name, d := range ds {
		for _, v := range d.Views {
			for lang, r := range v.Render {
				add(fmt.Sprintf("%s/%s (%s)", name, v.Name, lang), r)
			}
		}
	}
	profiles, hubs, err := profilesAndHubs(site, map[string]int{})
	if err != nil {
		t.Fatal(err)
	}
	for code, p := range profiles {
		for lang, cs := range p.Charts {
			for _, c := range cs {
				add(fmt.Sprintf("%s %s (%s)", code, c.ID, lang), c.renderJSON)
			}
		}
	}
	for r, h := range hubs.Regions {
		for lang, cs := range h.Charts {
			for _, c := range cs {
				add(fmt.Sprintf("%s %s (%s)", r, c.ID, lang), c.renderJSON)
			}
		}
		for lang, m := range h.Map {
			add(fmt.Sprintf("%s map (%s)", r, lang), m.renderJSON)
		}
	}
	for lang, m := range hubs.Home.StoryMap {
		add(fmt.Sprintf("story map (%s)", lang), m.renderJSON)
	}
	cut, overlap := 0, 0
	for _, d := range all {
		boxes, vb, err := card.TextBoxes([]byte(d.svg))
		if err != nil {
			t.Errorf("%s: %v", d.name, err)
			continue
		}
		for i, b := range boxes {
			if b.X0 < vb[0]-0.5 || b.X1 > vb[0]+vb[2]+0.5 || b.Y0 < vb[1]-0.5 || b.Y1 > vb[1]+vb[3]+0.5 {
				cut++
				if cut <= 40 {
					t.Errorf("%s: %q is cut: it spans x %.1f–%.1f, y %.1f–%.1f in a %.0f×%.0f drawing", d.name, b.Text, b.X0, b.X1, b.Y0, b.Y1, vb[2], vb[3])
				}
			}
			if strings.HasSuffix(b.Text, "…") && !b.Titled {
				t.Errorf("%s: %q is shortened without its full text in a title", d.name, b.Text)
			}
			for _, o := range boxes[i+1:] {
				if b.Rotated || o.Rotated {
					continue
				}
				// Boxes span the fonts' whole ascent and descent, more than
				// the ink of most glyphs: two labels collide when they share
				// columns and their baselines are closer than most of an em.
				dx := min(b.X1, o.X1) - max(b.X0, o.X0)
				dy := min(b.Y1, o.Y1) - max(b.Y0, o.Y0)
				if dx > 1 && dy > 0 && math.Abs(b.BaselineY-o.BaselineY) < 0.8*min(b.Size, o.Size) {
					overlap++
					if overlap <= 400 {
						t.Errorf("%s: %q and %q are drawn over each other", d.name, b.Text, o.Text)
					}
				}
			}
		}
	}
	t.Logf("%d drawings checked; %d labels cut, %d pairs overlapping", len(all), cut, overlap)
}
