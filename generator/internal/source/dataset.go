package source

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// Text is a string in one or more languages; English is always there.
type Text map[string]string

// In returns the text in lang, or in English when it has no translation.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok {
		return s
	}
	return t["en"]
}

// Has reports whether the text exists in lang.
func (t Text) Has(lang string) bool { _, ok := t[lang]; return ok }

// Dataset is a checked Frictionless Data Package under data/datasets/.
type Dataset struct {
	Name       string
	Dir        string // relative to the site root, slash-separated
	Descriptor string // path of datapackage.yaml or .json
	Title      Text
	Desc       Text
	Notes      Text
	Topics     []string
	Regions    []string
	Countries  []string
	Sources    []DataSource
	Licenses   []License
	Resources  []*Resource
	Views      []*View
}

// DataSource is where a dataset's numbers come from.
type DataSource struct{ Title, Path string }

// License is a dataset's licence.
type License struct{ Name, Title, Path string }

// Resource is one CSV file of a dataset, read and checked.
type Resource struct {
	Name   string
	Path   string // file name within the dataset folder
	File   string // path relative to the site root
	Fields []Field
	Rows   [][]string // without the header
	Bytes  []byte     // the file as it is, for downloads
}

// Field is one column of a resource.
type Field struct {
	Name, Type, Format, Unit string
	Title, Desc              Text
	Required                 bool
	Enum                     []string
	Pattern                  *regexp.Regexp
}

// View is one chart of a dataset: a Vega-Lite spec.
type View struct {
	Name      string
	Title     Text
	Desc      Text
	Resources []string
	Spec      map[string]any // the spec as decoded
	// SpecLine and SpecCol are where the spec starts in the descriptor, and
	// Positions maps JSON pointers within the spec to where they were written.
	Positions map[string][2]int
}

// loadDatasets reads every data/datasets/<name>/datapackage.{yaml,yml,json}.
func (l *loader) loadDatasets() {
	root := filepath.Join(l.site.Root, "data", "datasets")
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		dir := "data/datasets/" + e.Name()
		var found []string
		for _, n := range []string{"datapackage.yaml", "datapackage.yml", "datapackage.json"} {
			if _, err := os.Stat(filepath.Join(l.site.Root, filepath.FromSlash(dir), n)); err == nil {
				found = append(found, n)
			}
		}
		switch len(found) {
		case 0:
			l.probs.Add(diag.Problem{Path: dir + "/", Msg: "dataset folder has no datapackage.yaml",
				Hint: "describe the dataset and its CSV files in " + dir + "/datapackage.yaml (see docs/content-model.md)"})
			continue
		case 1:
		default:
			l.probs.Add(diag.Problem{Path: dir + "/" + found[1], Line: 1, Col: 1, Msg: "a dataset has one descriptor; this folder also has " + found[0]})
			continue
		}
		if ds := l.loadDataset(e.Name(), dir, dir+"/"+found[0]); ds != nil {
			l.site.Datasets = append(l.site.Datasets, ds)
		}
	}
}

func (l *loader) loadDataset(name, dir, rel string) *Dataset {
	src, err := os.ReadFile(filepath.Join(l.site.Root, filepath.FromSlash(rel)))
	if err != nil {
		l.probs.Errorf(rel, 0, 0, "%v", err)
		return nil
	}
	fm := &frontMatter{start: 1, values: map[string]pos{}, keys: map[string]pos{}}
	if err := fm.decodeYAML(src); err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			l.probs.Add(diag.Problem{Path: rel, Line: se.At.Line, Col: se.At.Col, Msg: se.Msg})
		} else {
			l.probs.Errorf(rel, 1, 1, "%v", err)
		}
		return nil
	}
	if fm.Fields == nil {
		l.probs.Errorf(rel, 1, 1, "the descriptor is empty")
		return nil
	}
	before := l.probs.Errors()
	validate(l.schemas["datapackage"], rel, fm, l.probs)
	var f struct {
		Name               string
		Title, Description any
		Notes              any
		Topics, Regions    []string
		Countries          []string
		Sources            []DataSource
		Licenses           []License
		Resources          []struct {
			Name, Path string
			Schema     struct {
				Fields []struct {
					Name, Type, Format, Unit string
					Title, Description       any
					Constraints              struct {
						Required bool
						Enum     []any
						Pattern  string
					}
				}
			}
		}
		Views []struct {
			Name               string
			Title, Description any
			Resources          []string
			Spec               map[string]any
		}
	}
	decodeInto(fm.Fields, &f)
	for i, c := range f.Countries {
		l.checkCountry(rel, fm, fmt.Sprintf("/countries/%d", i), c)
	}
	if l.probs.Errors() > before {
		return nil
	}
	if f.Name != name {
		l.errorAt(rel, fm, "/name", "the name must match the folder: data/datasets/"+f.Name+"/", "dataset name %q differs from its folder %q", f.Name, name)
	}
	ds := &Dataset{Name: name, Dir: dir, Descriptor: rel, Title: toText(f.Title), Desc: toText(f.Description),
		Notes: toText(f.Notes), Topics: f.Topics, Regions: f.Regions, Countries: f.Countries, Sources: f.Sources, Licenses: f.Licenses}
	seen := map[string]int{}
	for i, r := range f.Resources {
		if j, dup := seen[r.Name]; dup {
			l.errorAt(rel, fm, fmt.Sprintf("/resources/%d/name", i), "", "resource %q is already declared as resources[%d]", r.Name, j)
			continue
		}
		seen[r.Name] = i
		res := &Resource{Name: r.Name, Path: r.Path, File: dir + "/" + r.Path}
		for _, fd := range r.Schema.Fields {
			fl := Field{Name: fd.Name, Type: fd.Type, Format: fd.Format, Unit: fd.Unit, Title: toText(fd.Title),
				Desc: toText(fd.Description), Required: fd.Constraints.Required}
			for _, e := range fd.Constraints.Enum {
				fl.Enum = append(fl.Enum, fmt.Sprint(e))
			}
			if p := fd.Constraints.Pattern; p != "" {
				re, err := regexp.Compile("^(?:" + p + ")$")
				if err != nil {
					l.errorAt(rel, fm, fmt.Sprintf("/resources/%d/schema", i), "", "field %q: pattern %q is not a valid regular expression: %v", fd.Name, p, err)
					return nil
				}
				fl.Pattern = re
			}
			res.Fields = append(res.Fields, fl)
		}
		if l.readCSV(rel, fm, fmt.Sprintf("/resources/%d/path", i), res) {
			ds.Resources = append(ds.Resources, res)
		}
	}
	viewSeen := map[string]bool{}
	for i, v := range f.Views {
		ptr := fmt.Sprintf("/views/%d", i)
		if viewSeen[v.Name] {
			l.errorAt(rel, fm, ptr+"/name", "", "view %q is already declared", v.Name)
			continue
		}
		viewSeen[v.Name] = true
		for j, r := range v.Resources {
			if _, ok := seen[r]; !ok {
				l.errorAt(rel, fm, fmt.Sprintf("%s/resources/%d", ptr, j), "", "view names resource %q, which the dataset does not declare", r)
			}
		}
		view := &View{Name: v.Name, Title: toText(v.Title), Desc: toText(v.Description), Resources: v.Resources, Spec: v.Spec,
			Positions: map[string][2]int{}}
		for p, at := range fm.values {
			if rest, ok := strings.CutPrefix(p, ptr+"/spec"); ok {
				view.Positions[rest] = [2]int{at.Line, at.Col}
			}
		}
		for p, at := range fm.keys {
			if rest, ok := strings.CutPrefix(p, ptr+"/spec"); ok {
				view.Positions["key:"+rest] = [2]int{at.Line, at.Col}
			}
		}
		ds.Views = append(ds.Views, view)
	}
	return ds
}

// toText reads a text field: a string (English) or a language map.
func toText(v any) Text {
	switch v := v.(type) {
	case string:
		return Text{"en": v}
	case map[string]any:
		t := Text{}
		for k, s := range v {
			if str, ok := s.(string); ok {
				t[k] = str
			}
		}
		return t
	}
	return nil
}

// readCSV reads and checks one resource against its Table Schema; every
// problem is reported at its line and column in the CSV.
func (l *loader) readCSV(rel string, fm *frontMatter, ptr string, res *Resource) bool {
	file := res.File
	b, err := os.ReadFile(filepath.Join(l.site.Root, filepath.FromSlash(file)))
	if err != nil {
		l.errorAt(rel, fm, ptr, "put the CSV file next to the descriptor", "resource file %q does not exist", res.Path)
		return false
	}
	res.Bytes = b
	if !utf8.Valid(b) {
		line, col := 1, 1
		for i := 0; i < len(b); {
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
			i += size
		}
		l.probs.Add(diag.Problem{Path: file, Line: line, Col: col, Msg: "the file is not UTF-8 text",
			Hint: "save it as CSV UTF-8 (in Excel: Save As, CSV UTF-8)"})
		return false
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(b)) == 0 {
		l.probs.Add(diag.Problem{Path: file, Line: 1, Col: 1, Msg: "the file is empty", Hint: "a CSV starts with a header row naming its columns"})
		return false
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		l.csvError(file, err)
		return false
	}
	ok := true
	declared := map[string]int{}
	for i, f := range res.Fields {
		declared[f.Name] = i
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if _, known := declared[h]; !known {
			_, c := r.FieldPos(i)
			var names []string
			for _, f := range res.Fields {
				names = append(names, f.Name)
			}
			msg := fmt.Sprintf("column %q is not declared in %s", h, path.Base(rel))
			if s := vocab.Suggest(h, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			l.probs.Add(diag.Problem{Path: file, Line: 1, Col: c, Msg: msg, Hint: "declare it under resources[].schema.fields, or remove the column"})
			ok = false
			continue
		}
		col[h] = i
	}
	for _, f := range res.Fields {
		if _, present := col[f.Name]; !present {
			l.probs.Add(diag.Problem{Path: file, Line: 1, Col: 1, Msg: fmt.Sprintf("column %q declared in %s is missing from the header", f.Name, path.Base(rel))})
			ok = false
		}
	}
	if !ok {
		return false
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			l.csvError(file, err)
			return false
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			l.probs.Add(diag.Problem{Path: file, Line: line, Col: 1, Msg: fmt.Sprintf("row has %d cells; the header has %d", len(rec), len(header)),
				Hint: "a cell containing a comma must be in double quotes"})
			ok = false
			continue
		}
		for _, f := range res.Fields {
			i := col[f.Name]
			if msg := checkCell(f, strings.TrimSpace(rec[i])); msg != "" {
				ln, c := r.FieldPos(i)
				hint := ""
				if f.Format == "country" {
					hint = "two capital letters, e.g. DJ for Djibouti"
				}
				l.probs.Add(diag.Problem{Path: file, Line: ln, Col: c, Msg: msg, Hint: hint})
				ok = false
			}
		}
		row := make([]string, len(res.Fields))
		for j, f := range res.Fields {
			row[j] = strings.TrimSpace(rec[col[f.Name]])
		}
		res.Rows = append(res.Rows, row)
	}
	if len(res.Rows) == 0 && ok {
		l.probs.Add(diag.Problem{Path: file, Line: 2, Col: 1, Msg: "the file has a header but no rows"})
		return false
	}
	return ok
}

func (l *loader) csvError(file string, err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		l.probs.Add(diag.Problem{Path: file, Line: pe.Line, Col: pe.Column, Msg: "CSV: " + pe.Err.Error(),
			Hint: "quote cells that contain commas or quotes, and double quotes inside them (\"\")"})
		return
	}
	l.probs.Errorf(file, 1, 1, "CSV: %v", err)
}

// checkCell returns what is wrong with one cell, or "".
func checkCell(f Field, v string) string {
	if v == "" {
		if f.Required {
			return fmt.Sprintf("column %q needs a value in every row", f.Name)
		}
		return ""
	}
	bad := func(what string) string { return fmt.Sprintf("%q in column %q is not %s", v, f.Name, what) }
	switch f.Type {
	case "number":
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return bad("a number (write 1234.5, without thousands separators)")
		}
	case "integer":
		if _, err := strconv.Atoi(v); err != nil {
			return bad("a whole number")
		}
	case "year":
		if n, err := strconv.Atoi(v); err != nil || len(v) != 4 || n < 1000 {
			return bad("a year (four digits)")
		}
	case "date":
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return bad("a date written YYYY-MM-DD")
		}
	case "boolean":
		if v != "true" && v != "false" {
			return bad("true or false")
		}
	}
	if len(f.Enum) > 0 {
		found := false
		for _, e := range f.Enum {
			found = found || e == v
		}
		if !found {
			msg := fmt.Sprintf("%q in column %q is not one of: %s", v, f.Name, strings.Join(f.Enum, ", "))
			if s := vocab.Suggest(v, f.Enum); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return msg
		}
	}
	if f.Pattern != nil && !f.Pattern.MatchString(v) {
		return fmt.Sprintf("%q in column %q does not match the pattern %s", v, f.Name, strings.TrimSuffix(strings.TrimPrefix(f.Pattern.String(), "^(?:"), ")$"))
	}
	if f.Format == "country" && !vocab.Country(v) {
		msg := fmt.Sprintf("%q in column %q is not an ISO 3166-1 alpha-2 country code", v, f.Name)
		if up := strings.ToUpper(v); vocab.Country(up) {
			msg += fmt.Sprintf(" (did you mean %q?)", up)
		} else if c := vocab.CountryByName(v); c != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", c)
		}
		return msg
	}
	return ""
}
