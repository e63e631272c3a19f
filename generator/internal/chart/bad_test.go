package chart

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/itu-d/portal/generator/internal/diag"
)

// posOf returns the 1-based line and column (in characters) of the first
// occurrence of needle in src, an independent check of parser positions.
func posOf(t *testing.T, src, needle string) string {
	t.Helper()
	i := strings.Index(src, needle)
	if i < 0 {
		t.Fatalf("%q not in source", needle)
	}
	line := strings.Count(src[:i], "\n") + 1
	col := utf8.RuneCountInString(src[strings.LastIndexByte(src[:i], '\n')+1:i]) + 1
	return fmt.Sprintf("%d:%d", line, col)
}

func problemAt(probs []diag.Problem, path, at, msg string) bool {
	for _, p := range probs {
		if p.Warning {
			continue
		}
		if fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col) == path+":"+at && strings.Contains(p.Msg+" "+p.Hint, msg) {
			return true
		}
	}
	return false
}

const barJSON = `{
  "data": {"values": [{"region": "Africa", "value": 1}]},
	"mark": %s,
  "encoding": {
    "x": {"field": "region", "type": "nominal"},
    "y": {"field": "value", "type": "quantitative"}%s
  }%s
}`

func TestBadSpecs(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		src    string
		needle string // where the problem is
		msg    string // in the message or hint
	}{
		{"mark boxplot", "x.json", fmt.Sprintf(barJSON, `"boxplot"`, "", ""), `"boxplot"`, `mark "boxplot" is not supported`},
		{"mark hint", "x.json", fmt.Sprintf(barJSON, `"boxplot"`, "", ""), `"boxplot"`, "supported marks: area, arc, bar, geoshape, line, point, rule, text"},
		{"mark typo", "x.json", fmt.Sprintf(barJSON, `"lien"`, "", ""), `"lien"`, `did you mean "line"?`},
		{"circle", "x.json", fmt.Sprintf(barJSON, `{"type": "circle"}`, "", ""), `"circle"`, `use "point"`},
		{"encoding shape", "x.json", fmt.Sprintf(barJSON, `"point"`, `,
    "shape": {"field": "region", "type": "nominal"}`, ""), `"shape"`, `encoding channel "shape" is not supported`},
		{"encoding detail", "x.json", fmt.Sprintf(barJSON, `"line"`, `,
    "detail": {"field": "region", "type": "nominal"}`, ""), `"detail"`, `use "color" to split`},
		{"unknown transform", "x.json", fmt.Sprintf(barJSON, `"bar"`, "", `,
  "transform": [{"calculate": "datum.value * 2", "as": "v2"}]`), `"calculate"`, `transform "calculate" is not supported`},
		{"filter expression", "x.json", fmt.Sprintf(barJSON, `"bar"`, "", `,
  "transform": [{"filter": "datum.value > 3"}]`), `"datum.value > 3"`, `{"field": "value", "gt": 3}`},
		{"top-level typo", "x.yaml", "mark: bar\nencodng: {}\n", "encodng", `did you mean "encoding"?`},
		{"number format", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative, axis: {format: \".2x\"}}\n", `".2x"`, `type "x" is not supported`},
		{"currency", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative, format: \"$,.0f\"}\n", `"$,.0f"`, "currency symbols are not supported"},
		{"time format", "x.yaml", "data: {values: [{a: 2020, b: 1}]}\nmark: line\nencoding:\n  x: {field: a, type: temporal, axis: {format: \"%Q\"}}\n  y: {field: b, type: quantitative}\n", `"%Q"`, "%Q is not supported"},
		{"no type", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a}\n  y: {field: b, type: quantitative}\n", "x:", "encoding x has no type"},
		{"median", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative, aggregate: median}\n", "median", `aggregate "median" is not supported`},
		{"stack center", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative, stack: center}\n", "center", `stack "center" is not supported`},
		{"timeUnit", "x.yaml", "data: {values: [{a: 2020, b: 1}]}\nmark: line\nencoding:\n  x: {field: a, type: temporal, timeUnit: year}\n  y: {field: b, type: quantitative}\n", "timeUnit", "timeUnit is not supported"},
		{"nested layer", "x.yaml", "data: {values: [{a: x, b: 1}]}\nlayer:\n  - layer: []\n    mark: bar\n", "layer: []", "layers cannot be nested"},
		{"two quantitative bars", "x.yaml", "data: {values: [{a: 1, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: quantitative}\n  y: {field: b, type: quantitative}\n", "bar", "one quantitative axis"},
		{"duplicate key", "x.json", "{\n  \"mark\": \"bar\",\n  \"mark\": \"line\"\n}\n", "\"mark\": \"line\"", "already defined"},
		{"syntax", "x.yaml", "mark: bar\nencoding:\n  x: {field: a\n", "{field", "syntax"},
		{"nested value", "x.yaml", "data:\n  values:\n    - {a: {b: 1}}\nmark: point\n", "{b: 1}", "flatten the data"},
		{"mark colour", "x.yaml", "mark: {type: bar, color: red}\n", "color", "colours come from the site theme"},
		{"subtitle at top", "x.yaml", "title: A\nsubtitle: B\nmark: bar\n", "subtitle", `"title": {"text"`},
		{"facet operator", "x.yaml", "facet: {row: {field: a}}\nspec: {mark: bar}\n", "facet", `"row" or "column" in the encoding`},
		{"theta on bar", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n  theta: {field: b, type: quantitative}\n", "theta", "theta is only used by arc marks"},
		{"arc without theta", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: arc\nencoding:\n  color: {field: a, type: nominal}\n", "arc", "an arc mark needs a theta encoding"},
		{"facet in layer", "x.yaml", "data: {values: [{a: x, b: 1}]}\nlayer:\n  - mark: bar\n    encoding:\n      row: {field: a, type: nominal}\n", "row", "facets cannot be set inside a layer"},
		{"CRLF JSON", "x.json", "{\r\n  \"data\": {\"values\": []},\r\n  \"mark\": \"boxplot\"\r\n}\r\n", "\"boxplot\"", `mark "boxplot"`},
		{"BOM YAML", "x.yaml", "\ufeffdata: {values: []}\nmark: boxplot\n", "boxplot", `mark "boxplot"`},
		{"tab-indented JSON", "x.json", "{\n\t\"data\": {\"values\": []},\n\t\"mark\":\t\"boxplot\"\n}\n", "\"boxplot\"", `mark "boxplot"`},
		{"no mark", "x.yaml", "data: {values: []}\n", "data", "no mark and no layer"},
		{"lookup outside maps", "x.yaml", "data: {values: [{a: x, b: 1}]}\ntransform:\n  - lookup: a\nmark: bar\n", "lookup", "only supported for geoshape"},
		{"translation not text", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nusermeta:\n  translations:\n    fr: {Year: [Année]}\n", "[Année]", `the translation of "Year" must be text`},
		{"empty translation", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nusermeta:\n  translations:\n    fr: {Year: ''}\n", "''", `the translation of "Year" is empty`},
		{"translations not by language", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nusermeta:\n  translations: [fr]\n", "[fr]", "usermeta.translations must be an object"},
		{"translation language", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nusermeta:\n  translations:\n    French: {Year: Année}\n", "French", `"French" is not a language code`},
		{"filter op twice", "x.yaml", "data: {values: [{a: x, b: 1}]}\ntransform:\n  - filter: {field: b, gt: 0, lt: 3}\nmark: bar\n", "lt: 3", `{"and": [...]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, probs := ParseSpec(tc.file, []byte(tc.src))
			if s != nil {
				t.Fatalf("parsed; want an error")
			}
			at := posOf(t, tc.src, tc.needle)
			if !problemAt(probs, tc.file, at, tc.msg) {
				t.Errorf("want %s:%s: ...%s...\ngot:", tc.file, at, tc.msg)
				for _, p := range probs {
					t.Log(p.String())
				}
			}
		})
	}
}

// TestBadData checks problems found while rendering: they point into the
// spec or into the CSV file.
func TestBadData(t *testing.T) {
	spec := func(url, field string) string {
		return fmt.Sprintf(`{
  "data": {"url": %q},
  "mark": "line",
  "encoding": {
    "x": {"field": "year", "type": "temporal"},
    "y": {"field": %q, "type": "quantitative"}
  }
}`, url, field)
	}
	dir := filepath.Join("testdata", "specs")
	load := DirLoader(dir)
	tests := []struct {
		name, src, path, at, msg string
	}{
		{"missing field", spec("../data/internet-use-sample.csv", "valeu"), "spec.json", "", `field "valeu" is not in ../data/internet-use-sample.csv`},
		{"missing field hint", spec("../data/internet-use-sample.csv", "valeu"), "spec.json", "", `did you mean "value"?`},
		{"unknown url", spec("../data/nope.csv", "value"), "spec.json", "", `data.url "../data/nope.csv": no such file`},
		{"bad number", spec("../data/bad-cell.csv", "value"), "testdata/data/bad-cell.csv", "3:13", `cannot read "n/a" as a number (field "value" is quantitative)`},
		{"bad date", spec("../data/bad-cell.csv", "value"), "testdata/data/bad-cell.csv", "4:8", `cannot read "20x2" as a date`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, probs := ParseSpec("spec.json", []byte(tc.src))
			if s == nil {
				t.Fatal(probs)
			}
			c, probs := Render(s, Options{LoadCSV: load})
			if c != nil {
				t.Fatal("rendered; want an error")
			}
			at := tc.at
			if at == "" {
				needle := `"valeu"`
				if strings.Contains(tc.msg, "url") {
					needle = `"../data/nope.csv"`
				}
				at = posOf(t, tc.src, needle)
			}
			if !problemAt(probs, tc.path, at, tc.msg) {
				t.Errorf("want %s:%s: ...%s...\ngot:", tc.path, at, tc.msg)
				for _, p := range probs {
					t.Log(p.String())
				}
			}
		})
	}
}

func TestGeoshapeNeedsRenderer(t *testing.T) {
	src := "data: {url: world.topojson, format: {type: topojson, feature: countries}}\nmark: geoshape\n"
	s, probs := ParseSpec("map.yaml", []byte(src))
	if s == nil {
		t.Fatal(probs)
	}
	_, probs = Render(s, Options{})
	if !problemAt(probs, "map.yaml", "2:7", "geoshape needs a map renderer") {
		t.Errorf("got %v", probs)
	}
}

func TestUnknownLanguageWarns(t *testing.T) {
	s, _ := ParseSpec("x.yaml", []byte("data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n"))
	c, probs := Render(s, Options{Lang: "de"})
	if c == nil || len(probs) != 1 || !probs[0].Warning {
		t.Fatalf("want a chart and one warning, got %v", probs)
	}
}
