package source

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itu-d/portal/generator/internal/fuzzbound"
)

// TestShippedSVGAreInert holds every SVG the site ships to the checker, so
// the allow-list never refuses the portal's own illustrations.
func TestShippedSVGAreInert(t *testing.T) {
	files, _ := filepath.Glob("../../../content/stories/*/*.svg")
	more, _ := filepath.Glob("../../testdata/fixture/content/stories/*/*.svg")
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no SVG found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if p := checkSVG(b); p != nil {
			t.Errorf("%s:%d:%d: %s", f, p.Line, p.Col, p.Msg)
		}
	}
}

func TestActiveSVG(t *testing.T) {
	for _, bad := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`,
		`<svg xmlns="http://www.w3.org/2000/svg" ONLOAD="alert(1)"/>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><a href="https://x.example"><rect/></a></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><use href=" javascript:alert(1)"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="data:image/svg+xml,x"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.example/a.png"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><animate attributeName="href" to="javascript:alert(1)"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onclick"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x.example/#a)"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url('//x.example/a')"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://x.example/a.css);</style></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><style><![CDATA[rect{fill:url(http://x)}]]></style></svg>`,
		`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>`,
		`<?xml-stylesheet href="https://x.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>`,
		`<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml"><h:script/></svg>`,
		`<html><svg/></html>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><rect`,
		`not xml`,
		`<svg xmlns="http://www.w3.org/2000/svg"><style><g/>svg{background:url(http://x.example/a)}</style></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><style>svg{background:\75 rl(http://x.example/a)}</style></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><style>svg{background-image:image-set("http://x.example/a" 1x)}</style></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><style>@im<!-- -->port "http://x.example/a.css";</style></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><rect fill="\75rl(http://x.example/a)"/></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><style>svg{background:u/**/rl(http://x.example/a)}</style></svg>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><style>@font-face{font-family:x}</style></svg>`,
	} {
		if p := checkSVG([]byte(bad)); p == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

// FuzzCheckSVG: never a panic, a position inside the file, a linear cost,
// and nothing accepted that holds a script or a handler.
func FuzzCheckSVG(f *testing.F) {
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(#g)"/></svg>`))
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>`))
	f.Add([]byte(`<!DOCTYPE svg [<!ENTITY a "b">]><svg/>`))
	f.Fuzz(func(t *testing.T, src []byte) {
		var p *svgProblem
		fuzzbound.Check(t, fuzzbound.Bound{Fixed: 1 << 20, PerByte: 256, Time: time.Second}, len(src), func() { p = checkSVG(src) })
		if p != nil {
			if lines := bytes.Count(src, []byte("\n")) + 1; p.Line < 1 || p.Line > lines+1 {
				t.Errorf("problem outside the file: %+v", p)
			}
			return
		}
		low := strings.ToLower(string(src))
		for _, active := range []string{"<script", "<foreignobject", "<!entity"} {
			if strings.Contains(low, active) {
				t.Errorf("accepted an SVG holding %s: %q", active, src)
			}
		}
	})
}
