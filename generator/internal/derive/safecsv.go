package derive

import (
	"bytes"
	"encoding/csv"

	"github.com/itu-d/portal/generator/internal/source"
)

// CSV files readers download open in spreadsheets, which run a cell that
// begins with =, +, -, @, a tab or a carriage return as a formula. The
// data keeps such text as written (pages, charts and tables show it), but
// in a download a text cell that begins so is prefixed with an apostrophe,
// as OWASP recommends against CSV injection, so that a spreadsheet shows it
// as text. Numbers and other typed columns are never changed: "-5" in a
// number column is a number.

// formulaStart reports whether a spreadsheet would read s as a formula.
func formulaStart(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// textColumns marks the columns of a resource that hold text.
func textColumns(r *source.Resource) []bool {
	text := make([]bool, len(r.Fields))
	for i, f := range r.Fields {
		text[i] = f.Type == "string" || f.Type == ""
	}
	return text
}

// downloadCSV is the file readers download for a resource: the file as it
// is, or written anew with its formula-like text cells neutralized.
func downloadCSV(r *source.Resource) []byte {
	text := textColumns(r)
	for _, row := range r.Rows {
		for i, v := range row {
			if text[i] && formulaStart(v) {
				header := make([]string, len(r.Fields))
				for j, f := range r.Fields {
					header[j] = f.Name
				}
				return writeCSV(header, r.Rows, text)
			}
		}
	}
	return r.Bytes
}

// writeCSV writes a header and rows, neutralizing formula-like cells of
// the text columns.
func writeCSV(header []string, rows [][]string, text []bool) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(neutralize(header, nil))
	cells := make([]string, len(header))
	for _, row := range rows {
		copy(cells, row)
		w.Write(neutralize(cells, text))
	}
	w.Flush()
	return b.Bytes()
}

// neutralize prefixes formula-like cells with an apostrophe, in place; a
// nil text means every cell is text.
func neutralize(cells []string, text []bool) []string {
	for i, v := range cells {
		if (text == nil || i < len(text) && text[i]) && formulaStart(v) {
			cells[i] = "'" + v
		}
	}
	return cells
}
