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
		{"mark typo", "x.json", fmt.Sprintf(barJSON, `"lien"`, "", ""), `"lien"`, `did you mean "line"?`},
		{"mark list", "x.json", fmt.Sprintf(barJSON, `"pie"`, "", ""), `"pie"`, "marks: arc, area, bar, boxplot"},
		{"encoding typo", "x.json", fmt.Sprintf(barJSON, `"point"`, `,
    "shap": {"field": "region", "type": "nominal"}`, ""), `"shap"`, `did you mean "shape"?`},
		{"unknown transform", "x.json", fmt.Sprintf(barJSON, `"bar"`, "", `,
  "transform": [{"calculat": "datum.value * 2", "as": "v2"}]`), `"calculat"`, `did you mean "calculate"?`},
		{"expression syntax", "x.json", fmt.Sprintf(barJSON, `"bar"`, "", `,
  "transform": [{"filter": "datum.value + * 3"}]`), `* 3`, `expression: unexpected "*"`},
		{"expression function", "x.json", fmt.Sprintf(barJSON, `"bar"`, "", `,
  "transform": [{"calculate": "uper(datum.region)", "as": "r"}]`), `uper(`, `did you mean "upper"?`},
		{"expression now", "x.json", fmt.Sprintf(barJSON, `"bar"`, "", `,
  "transform": [{"calculate": "year(now())", "as": "y"}]`), `now()`, "function now is not supported"},
		{"expression event", "x.json", fmt.Sprintf(barJSON, `"bar"`, "", `,
  "transform": [{"filter": "event.x > 3"}]`), `event.x`, "without interaction"},
		{"top-level typo", "x.yaml", "mark: bar\nencodng: {}\n", "encodng", `did you mean "encoding"?`},
		{"currency", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative, format: \"$,.0f\"}\n", `"$,.0f"`, "currency symbols are not supported"},
		{"time format", "x.yaml", "data: {values: [{a: 2020, b: 1}]}\nmark: line\nencoding:\n  x: {field: a, type: temporal, axis: {format: \"%K\"}}\n  y: {field: b, type: quantitative}\n", `"%K"`, "%K is not a d3 time directive"},
		{"time unit", "x.yaml", "data: {values: [{a: 2020, b: 1}]}\nmark: line\nencoding:\n  x: {field: a, type: temporal, timeUnit: yearmnth}\n  y: {field: b, type: quantitative}\n", "yearmnth", `time unit "yearmnth" is not known`},
		{"empty layer", "x.yaml", "data: {values: [{a: x, b: 1}]}\nlayer: []\n", "[]", "layer is empty"},
		{"duplicate key", "x.json", "{\n  \"mark\": \"bar\",\n  \"mark\": \"line\"\n}\n", "\"mark\": \"line\"", "already defined"},
		{"syntax", "x.yaml", "mark: bar\nencoding:\n  x: {field: a\n", "{field", "syntax"},
		{"subtitle at top", "x.yaml", "title: A\nsubtitle: B\nmark: bar\n", "subtitle", `"title": {"text"`},
		{"theta on bar", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n  theta: {field: b, type: quantitative}\n", "theta", "theta is only used by arc"},
		{"arc without theta", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: arc\nencoding:\n  color: {field: a, type: nominal}\n", "arc", "an arc mark needs a theta encoding"},
		{"quantitative facet", "x.yaml", "data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  row: {field: b, type: quantitative}\n", "quantitative}\n", "row cannot be quantitative"},
		{"CRLF JSON", "x.json", "{\r\n  \"data\": {\"values\": []},\r\n  \"mark\": \"boxplott\"\r\n}\r\n", "\"boxplott\"", `mark "boxplott"`},
		{"BOM YAML", "x.yaml", "\ufeffdata: {values: []}\nmark: boxplott\n", "boxplott", `mark "boxplott"`},
		{"tab-indented JSON", "x.json", "{\n\t\"data\": {\"values\": []},\n\t\"mark\":\t\"boxplott\"\n}\n", "\"boxplott\"", `mark "boxplott"`},
		{"no mark", "x.yaml", "data: {values: []}\n", "data", "the view has no mark, layer or composition"},
		{"lookup without from", "x.yaml", "data: {values: [{a: x, b: 1}]}\ntransform:\n  - lookup: a\nmark: bar\n", "lookup", `the lookup transform needs "from"`},
		{"arrow data", "x.yaml", "data: {url: flights.arrow}\nmark: bar\n", "flights.arrow", "arrow files are not supported"},
		{"facet of concat", "x.yaml", "data: {values: []}\nfacet: {field: a}\nspec: {hconcat: [{mark: bar}]}\n", "{hconcat", "the spec inside a facet must be a layer or a mark"},
		{"repeat without spec", "x.yaml", "data: {values: []}\nrepeat: [a, b]\n", "data", `a repeat needs a "spec"`},
		{"v4 selection", "x.yaml", "data: {values: []}\nselection: {}\nmark: bar\n", "selection", `"params"`},
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
		{"remote data", strings.Replace(spec("../data/internet-use-sample.csv", "value"), "../data/internet-use-sample.csv", "https://example.org/x.csv", 1), "spec.json", "", `only local files can be charted`},
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
				if strings.Contains(tc.msg, "local files") {
					needle = `"https://example.org/x.csv"`
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

func TestUnknownLanguageWarns(t *testing.T) {
	s, _ := ParseSpec("x.yaml", []byte("data: {values: [{a: x, b: 1}]}\nmark: bar\nencoding:\n  x: {field: a, type: nominal}\n  y: {field: b, type: quantitative}\n"))
	c, probs := Render(s, Options{Lang: "de"})
	if c == nil || len(probs) != 1 || !probs[0].Warning {
		t.Fatalf("want a chart and one warning, got %v", probs)
	}
}
