package chart

import (
	"bytes"
	htmltemplate "html/template"
	"testing"
)

// RowsHTML writes what a template looping over the cells wrote: the same
// escaping as html/template's for text, numeric cells classed.
func TestRowsHTMLAsTemplate(t *testing.T) {
	tab := Table{
		Columns: []Column{{Title: "Country"}, {Title: "Change", Numeric: true}},
		Rows:    [][]string{{`Côte d'Ivoire <"CI"> & co`, "+5\u00a0%"}, {"a\x00b", "1"}, {"extra", "2", "cell"}},
	}
	tmpl := htmltemplate.Must(htmltemplate.New("t").Parse(
		`{{ $cols := .Columns }}{{ range .Rows }}<tr>{{ range $i, $c := . }}<td{{ if and (lt $i (len $cols)) (index $cols $i).Numeric }} class="num"{{ end }}>{{ $c }}</td>{{ end }}</tr>{{ end }}`))
	var want bytes.Buffer
	if err := tmpl.Execute(&want, tab); err != nil {
		t.Fatal(err)
	}
	if got := tab.RowsHTML(); got != want.String() {
		t.Errorf("RowsHTML:\n got %s\nwant %s", got, want.String())
	}
}
