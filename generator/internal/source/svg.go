package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// An SVG from content is published as it is and can be opened on its own,
// where no page's Content-Security-Policy protects the reader, so only
// inert SVG is accepted: the elements and attributes below, references
// only to ids in the same file, no DOCTYPE (no entities to expand), no
// scripts, event handlers, links, animation, foreignObject, or images and
// styles that load anything. A file with anything else is refused, naming
// the line and column, rather than silently changed: an editor can see
// what to remove, and the published file is the file in the repository.
var svgElements = setOf(
	"svg", "g", "defs", "title", "desc", "symbol", "use", "style",
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "textPath",
	"linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
	"filter", "feGaussianBlur", "feOffset", "feBlend", "feFlood", "feComposite", "feMerge",
	"feMergeNode", "feColorMatrix", "feDropShadow", "feMorphology",
)

var svgAttributes = setOf(
	"id", "class", "style", "transform", "role", "lang", "version", "baseProfile", "focusable",
	"aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
	"d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
	"width", "height", "viewBox", "preserveAspectRatio", "points", "pathLength",
	"fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
	"stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit",
	"opacity", "color", "display", "visibility", "overflow", "vector-effect", "shape-rendering",
	"text-rendering", "paint-order", "mix-blend-mode", "isolation", "clip-path", "clip-rule", "mask", "filter",
	"font-family", "font-size", "font-weight", "font-style", "font-variant", "text-anchor",
	"dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
	"text-decoration", "writing-mode", "direction", "unicode-bidi",
	"dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
	"offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
	"patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
	"marker-start", "marker-mid", "marker-end", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
	"filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "flood-color", "flood-opacity",
	"mode", "operator", "k1", "k2", "k3", "k4", "type", "values", "radius", "href", "space",
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
)

// svgProblem is why an SVG is not accepted, at a 1-based line and column.
type svgProblem struct {
	Line, Col int
	Msg       string
}

// checkSVG returns what makes src unsafe to publish, or nil when every
// element and attribute is on the allow-list above. It reads tokens without
// resolving namespaces, so prefixes are checked as written: svg: and xlink:
// only, declared with their standard URIs.
func checkSVG(src []byte) *svgProblem {
	d := xml.NewDecoder(bytes.NewReader(src))
	d.Strict = true
	d.Entity = map[string]string{} // only XML's own five entities
	sawSVG := false
	at := func(msg string, args ...any) *svgProblem {
		line, col := d.InputPos()
		return &svgProblem{Line: line, Col: col, Msg: fmt.Sprintf(msg, args...)}
	}
	inStyle := false
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return &svgProblem{Line: se.Line, Col: 1, Msg: "not well-formed XML: " + se.Msg}
			}
			return at("not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return at("has a <!%s>: DOCTYPE and entity declarations are not accepted", firstWord(t))
		case xml.ProcInst:
			if t.Target != "xml" {
				return at("has a processing instruction <?%s ...?>, which is not accepted", t.Target)
			}
		case xml.Comment:
			if inStyle {
				return at("<style>: comments inside a style are not accepted")
			}
		case xml.StartElement:
			name := t.Name.Local
			if inStyle {
				return at("<style>: elements inside a style are not accepted")
			}
			if t.Name.Space != "" && t.Name.Space != "svg" {
				return at("element <%s:%s> is not SVG (save the file as plain SVG)", t.Name.Space, name)
			}
			if !svgElements[name] {
				return at("element <%s> is not accepted in an image", name)
			}
			if !sawSVG && name != "svg" {
				return at("the file must start with an <svg> element, not <%s>", name)
			}
			sawSVG = true
			inStyle = name == "style"
			for _, a := range t.Attr {
				if p := checkSVGAttr(a); p != "" {
					return at("<%s %s>: %s", name, attrName(a.Name), p)
				}
			}
		case xml.EndElement:
			inStyle = false
		case xml.CharData:
			if inStyle {
				if p := unsafeCSS(string(t)); p != "" {
					return at("<style>: %s", p)
				}
			}
		}
	}
	if !sawSVG {
		return &svgProblem{Line: 1, Col: 1, Msg: "is not an SVG file (no <svg> element)"}
	}
	return nil
}

func checkSVGAttr(a xml.Attr) string {
	name, value := a.Name.Local, a.Value
	switch {
	case a.Name.Space == "" && name == "xmlns":
		if value != svgNS {
			return "the namespace must be " + svgNS
		}
		return ""
	case a.Name.Space == "xmlns":
		if value != svgNS && value != xlinkNS {
			return "only the SVG and XLink namespaces are accepted (save the file as plain SVG)"
		}
		return ""
	case strings.HasPrefix(strings.ToLower(name), "on"):
		return "event handlers are not accepted"
	case a.Name.Space == "xlink":
		if name != "href" {
			return "only xlink:href is accepted"
		}
	case a.Name.Space == "xml":
		if name != "space" && name != "lang" {
			return "only xml:space and xml:lang are accepted"
		}
		return ""
	case a.Name.Space != "":
		return "attributes in other namespaces are not accepted"
	case !svgAttributes[name] && !strings.HasPrefix(name, "data-"):
		return "this attribute is not accepted in an image"
	}
	if name == "href" {
		if !strings.HasPrefix(strings.TrimSpace(value), "#") {
			return "links may only point to an id in the same file (href=\"#id\")"
		}
		return ""
	}
	return unsafeCSS(value)
}

// unsafeCSS finds what in a style or presentation value could load or run
// something. CSS has many ways to write a URL (url(), image-set(), @import,
// escapes such as \75 rl(, comments that split a word), so beyond url(#id)
// only plain declarations are accepted: no escapes, no comments, no at-rule
// but @media.
func unsafeCSS(v string) string {
	low := strings.ToLower(v)
	switch {
	case strings.Contains(low, "javascript:"), strings.Contains(low, "vbscript:"):
		return "scripts are not accepted"
	case strings.Contains(low, `\`):
		return "escapes (\\) are not accepted in styles"
	case strings.Contains(low, "/*"):
		return "comments are not accepted in styles"
	case strings.Contains(low, "expression("):
		return "expression() is not accepted"
	case strings.Contains(low, "image-set("), strings.Contains(low, "src("), strings.Contains(low, "image("):
		return "images in styles are not accepted"
	}
	for rest := low; ; {
		i := strings.IndexByte(rest, '@')
		if i < 0 {
			break
		}
		if !strings.HasPrefix(rest[i:], "@media") {
			return "@-rules other than @media are not accepted"
		}
		rest = rest[i+1:]
	}
	for rest := low; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return ""
		}
		rest = strings.TrimLeft(rest[i+4:], " \t\n'\"")
		if !strings.HasPrefix(rest, "#") {
			return "url() may only point to an id in the same file (url(#id))"
		}
	}
}

func attrName(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

func firstWord(b []byte) string {
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}
