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

	"github.com/itu-d/portal/generator/internal/chart"
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

	declared []string // every resource path the descriptor names, read or not
}

// DataSource is where a dataset's numbers come from: the original
// publisher's work, never where a copy was found.
type DataSource struct {
	Publisher string `json:"publisher,omitempty"`
	Title     string `json:"title"`
	Edition   string `json:"edition,omitempty"`
	Date      string `json:"date,omitempty"`
	Path      string `json:"path,omitempty"`
}

// License is a dataset's licence.
type License struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Path  string `json:"path,omitempty"`
}

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
	// Chart is the parsed spec, ready to draw; nil for geoshape views,
	// which Geo describes instead.
	Chart *chart.Spec
	Geo   *GeoView
}

// GeoView is a choropleth: one value per country.
type GeoView struct {
	Resource              string
	CodeField, ValueField string
	YearField             string // optional: the year each value is from
	Filters               []Filter
	Unit, Legend          string
}

// Filter keeps the rows whose field compares true.
type Filter struct {
	Field, Op string
	Value     any
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
		if e.Name() == "topic" {
			l.probs.Add(diag.Problem{Path: dir + "/", Msg: "a dataset cannot be named topic: /data/topic/ lists the datasets of each topic",
				Hint: "rename the folder (and its name field)"})
			continue
		}
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
		} else {
			l.brokenDatasets = append(l.brokenDatasets, e.Name())
		}
	}
}

func (l *loader) loadDataset(name, dir, rel string) *Dataset {
	src, ok := l.readLimited(rel, "contentBytes", l.limits().ContentBytes)
	if !ok {
		return nil
	}
	fm := &frontMatter{start: 1, values: map[string]pos{}, keys: map[string]pos{}, limits: l.limits()}
	if err := fm.decodeYAML(src); err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			l.probs.Add(diag.Problem{Path: rel, Line: se.At.Line, Col: se.At.Col, Msg: se.Msg, Hint: se.Hint})
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
	l.checkPublicURLs(rel, fm)
	var f struct {
		Name               string
		Title, Description any
		Notes              any
		Topics, Regions    []string
		Countries          []string
		Sources            []DataSource
		Licenses           []License
		Resources          []resourceDesc
		Views              []struct {
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
	// A problem in the descriptor does not stop the checks of its CSVs and
	// views: every problem of a dataset is reported at once, and the
	// dataset is left out at the end.
	if f.Name != name {
		l.errorAt(rel, fm, "/name", "the name must match the folder: data/datasets/"+f.Name+"/", "dataset name %q differs from its folder %q", f.Name, name)
	}
	for lang, note := range toText(f.Notes) {
		p := fm.position("/notes/" + lang)
		l.checkNote(rel, p.Line, p.Col, "notes ("+lang+")", note)
	}
	ds := &Dataset{Name: name, Dir: dir, Descriptor: rel, Title: toText(f.Title), Desc: toText(f.Description),
		Notes: toText(f.Notes), Topics: f.Topics, Regions: f.Regions, Countries: f.Countries, Sources: f.Sources, Licenses: f.Licenses}
	seen := map[string]int{}
	unread := map[string]bool{} // resource paths whose problems are reported
	for i, r := range f.Resources {
		if j, dup := seen[r.Name]; dup {
			l.errorAt(rel, fm, fmt.Sprintf("/resources/%d/name", i), "", "resource %q is already declared as resources[%d]", r.Name, j)
			continue
		}
		seen[r.Name] = i
		if r.Path == "" || r.Name == "" {
			continue // reported by the schema
		}
		ds.declared = append(ds.declared, r.Path)
		res := &Resource{Name: r.Name, Path: r.Path, File: dir + "/" + r.Path}
		if !insideDir(r.Path) || strings.Contains(r.Path, "/") {
			l.errorAt(rel, fm, fmt.Sprintf("/resources/%d/path", i), "name a CSV file in the dataset's own folder, e.g. "+name+".csv",
				"resource path %q is not a file of this dataset's folder", r.Path)
			unread[r.Path] = true
			continue
		}
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
		} else {
			unread[r.Path] = true
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
		view := &View{Name: v.Name, Title: toText(v.Title), Desc: toText(v.Description), Resources: v.Resources, Spec: v.Spec}
		url := ""
		if _, has := v.Spec["data"]; !has && v.Spec != nil {
			if url = boundResource(v.Resources, f.Resources); url != "" {
				// Bound as if written: the page, its download and its map
				// read the spec's data.
				v.Spec["data"] = map[string]any{"url": url}
			}
		}
		if v.Spec["mark"] == "geoshape" {
			view.Geo = l.geoView(rel, fm, ptr+"/spec", v.Spec, ds)
			if view.Geo == nil {
				continue
			}
		} else {
			text, dLine, dCol := specSource(src, fm.keyPosition(ptr+"/spec"))
			report := func(probs []diag.Problem) (bad bool) {
				for _, p := range probs {
					if p.Path == rel && p.Line > 0 {
						p.Line += dLine
						if p.Col > 0 {
							p.Col += dCol
						}
					}
					l.probs.Add(p)
					bad = bad || !p.Warning
				}
				return bad
			}
			sp, probs := chart.ParseViewSpec(rel, text, url)
			if report(probs) || readsAny(v.Spec, unread) {
				continue // a file already reported would only be reported again
			}
			// A trial drawing finds fields the data lacks and cells that do
			// not parse as the spec reads them; it costs about a millisecond.
			if _, probs := chart.Render(sp, chart.Options{Lang: "en", LoadCSV: ds.Loader()}); report(probs) {
				continue
			}
			view.Chart = sp
		}
		ds.Views = append(ds.Views, view)
	}
	if l.probs.Errors() > before {
		return nil
	}
	return ds
}

// readsAny reports whether a spec, at any depth of layers and compositions,
// reads one of the files.
func readsAny(spec any, files map[string]bool) bool {
	if len(files) == 0 {
		return false
	}
	switch v := spec.(type) {
	case map[string]any:
		if d, ok := v["data"].(map[string]any); ok {
			if u, ok := d["url"].(string); ok && files[u] {
				return true
			}
		}
		for _, x := range v {
			if readsAny(x, files) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if readsAny(x, files) {
				return true
			}
		}
	}
	return false
}

// resourceDesc is a resource as its descriptor writes it.
type resourceDesc struct {
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

// boundResource is the file a view with no data of its own reads, as a
// Frictionless view is bound to its package: the resource its
// "resources" names when it names one, else the package's only resource;
// "" leaves the spec to name its data, layer by layer.
func boundResource(names []string, declared []resourceDesc) string {
	if len(names) > 1 || (len(names) == 0 && len(declared) != 1) {
		return ""
	}
	want := declared[0].Name
	if len(names) == 1 {
		want = names[0]
	}
	for _, r := range declared {
		if r.Name == want {
			return r.Path
		}
	}
	return "" // an unknown name is reported with the view's resources
}

// Loader serves the dataset's CSV files to the chart renderer by file name.
func (d *Dataset) Loader() chart.LoadFunc {
	return func(url string) (string, []byte, error) {
		for _, r := range d.Resources {
			if r.Path == url {
				return r.File, r.Bytes, nil
			}
		}
		return "", nil, fmt.Errorf("not a file of dataset %s (it has %s)", d.Name, strings.Join(d.declared, ", "))
	}
}

// specSource cuts the text of a view's spec out of its descriptor and
// dedents it, so the chart parser reports positions that map back to the
// descriptor by adding the returned line and column offsets.
func specSource(src []byte, key pos) (text []byte, dLine, dCol int) {
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	if key.Line < 1 || key.Line > len(lines) {
		return nil, 0, 0
	}
	head := lines[key.Line-1]
	keyIndent := key.Col - 1
	// Flow style on the key's line: spec: {mark: bar, ...}
	if i := strings.Index(head, ":"); i >= 0 && strings.TrimSpace(head[i+1:]) != "" {
		rest := head[i+1:]
		lead := len(rest) - len(strings.TrimLeft(rest, " \t"))
		out := []string{strings.Repeat(" ", 0) + strings.TrimLeft(rest, " \t")}
		for _, l := range lines[key.Line:] {
			if strings.TrimSpace(l) != "" && indentOf(l) <= keyIndent {
				break
			}
			out = append(out, l)
		}
		// Only the first line is shifted; continuation lines keep their columns,
		// which flow style allows.
		return []byte(strings.Join(out, "\n")), key.Line - 1, i + 1 + lead
	}
	var body []string
	for _, l := range lines[key.Line:] {
		if strings.TrimSpace(l) != "" && indentOf(l) <= keyIndent && !strings.HasPrefix(strings.TrimSpace(l), "#") {
			break
		}
		body = append(body, l)
	}
	for len(body) > 0 && strings.TrimSpace(body[len(body)-1]) == "" {
		body = body[:len(body)-1]
	}
	dedent := -1
	for _, l := range body {
		if strings.TrimSpace(l) != "" && (dedent < 0 || indentOf(l) < dedent) {
			dedent = indentOf(l)
		}
	}
	for i, l := range body {
		if len(l) >= dedent && dedent > 0 {
			body[i] = l[dedent:]
		}
	}
	return []byte(strings.Join(body, "\n") + "\n"), key.Line, max(dedent, 0)
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " \t")) }

// geoView reads a choropleth view: mark geoshape, encoding.shape naming the
// column of ISO 3166-1 alpha-2 codes and encoding.color the value.
func (l *loader) geoView(rel string, fm *frontMatter, ptr string, spec map[string]any, ds *Dataset) *GeoView {
	enc, _ := spec["encoding"].(map[string]any)
	field := func(ch string) string {
		m, _ := enc[ch].(map[string]any)
		s, _ := m["field"].(string)
		return s
	}
	g := &GeoView{CodeField: field("shape"), ValueField: field("color")}
	if c, ok := enc["color"].(map[string]any); ok {
		g.Legend, _ = c["title"].(string)
	}
	url := ""
	if d, ok := spec["data"].(map[string]any); ok {
		url, _ = d["url"].(string)
	}
	var res *Resource
	for _, r := range ds.Resources {
		if r.Path == url {
			res = r
		}
	}
	ok := true
	if res == nil {
		l.errorAt(rel, fm, ptr+"/data/url", "a geoshape view draws one CSV of its dataset", "data.url %q is not a resource of this dataset", url)
		return nil
	}
	g.Resource = res.Name
	fields := map[string]Field{}
	var names []string
	for _, f := range res.Fields {
		fields[f.Name] = f
		names = append(names, f.Name)
	}
	for _, c := range []struct{ ch, name string }{{"shape", g.CodeField}, {"color", g.ValueField}} {
		if c.name == "" {
			l.errorAt(rel, fm, ptr+"/encoding", "a map needs encoding.shape (the ISO country code column) and encoding.color (the value)", "geoshape view has no %s field", c.ch)
			ok = false
			continue
		}
		if _, known := fields[c.name]; !known {
			msg := fmt.Sprintf("field %q is not a column of %s", c.name, res.Path)
			if s := vocab.Suggest(c.name, names); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			l.errorAt(rel, fm, ptr+"/encoding/"+c.ch+"/field", "columns: "+strings.Join(names, ", "), "%s", msg)
			ok = false
		}
	}
	if !ok {
		return nil
	}
	g.Unit = fields[g.ValueField].Unit
	if u, ok := spec["usermeta"].(map[string]any); ok {
		if units, ok := u["units"].(map[string]any); ok {
			if s, ok := units[g.ValueField].(string); ok {
				g.Unit = s
			}
		}
	}
	for _, f := range res.Fields {
		if f.Type == "year" {
			g.YearField = f.Name
		}
	}
	// Codes must be ISO; the CSV check reports them when the field says
	// format: country, so check here for the map's own column.
	ci := -1
	for i, f := range res.Fields {
		if f.Name == g.CodeField {
			ci = i
		}
	}
	for i, row := range res.Rows {
		if code := row[ci]; code != "" && !vocab.Country(code) {
			l.probs.Add(diag.Problem{Path: res.File, Line: i + 2, Msg: fmt.Sprintf("%q in column %q is not an ISO 3166-1 alpha-2 country code", code, g.CodeField)})
			ok = false
		}
	}
	trs, _ := spec["transform"].([]any)
	g.Filters = ViewFilters(spec)
	if len(g.Filters) != len(trs) {
		l.errorAt(rel, fm, ptr+"/transform", "write {filter: {field: year, gte: 2015}}", "a map supports only filter transforms on one field")
		ok = false
	}
	if !ok {
		return nil
	}
	return g
}

// ViewFilters reads the filter transforms of a spec that compare one field
// ({filter: {field, equal | lt | lte | gt | gte | oneOf}}); others are skipped.
func ViewFilters(spec map[string]any) []Filter {
	var out []Filter
	trs, _ := spec["transform"].([]any)
	for _, t := range trs {
		tm, _ := t.(map[string]any)
		fl, _ := tm["filter"].(map[string]any)
		f := Filter{}
		f.Field, _ = fl["field"].(string)
		for _, op := range []string{"equal", "lt", "lte", "gt", "gte", "oneOf"} {
			if v, has := fl[op]; has {
				f.Op, f.Value = op, v
			}
		}
		if f.Field != "" && f.Op != "" {
			out = append(out, f)
		}
	}
	return out
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
	if _, err := os.Lstat(filepath.Join(l.site.Root, filepath.FromSlash(file))); err != nil {
		l.errorAt(rel, fm, ptr, "put the CSV file next to the descriptor", "resource file %q does not exist", res.Path)
		return false
	}
	b, ok := l.readLimited(file, "csvBytes", l.limits().CSVBytes)
	if !ok {
		return false
	}
	res.Bytes = b
	if line, col := invalidUTF8(b); line > 0 {
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
	ok = true
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
	maxRows := l.limits().CSVRows
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if int64(len(res.Rows)) >= maxRows {
			line, _ := r.FieldPos(0)
			msg, hint := l.limits().Exceeded("csvRows", 0, "the file")
			l.probs.Add(diag.Problem{Path: file, Line: line, Col: 1, Msg: msg, Hint: hint})
			return false
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

// tableSchemaNumber says whether v is a number as Table Schema writes one:
// decimal digits with an optional sign, point and exponent, or NaN, INF
// and -INF in any case. strconv.ParseFloat also reads hexadecimal
// floats, "infinity" and underscores, which other readers of the CSV do
// not.
func tableSchemaNumber(v string) bool {
	if notFinite(v) {
		return true
	}
	i := 0
	if i < len(v) && (v[i] == '+' || v[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(v) && v[i] >= '0' && v[i] <= '9'; i++ {
		digits++
	}
	if i < len(v) && v[i] == '.' {
		for i++; i < len(v) && v[i] >= '0' && v[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(v) && (v[i] == 'e' || v[i] == 'E') {
		i++
		if i < len(v) && (v[i] == '+' || v[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(v) && v[i] >= '0' && v[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(v)
}

// notFinite says whether v is Table Schema's NaN, INF or -INF.
func notFinite(v string) bool {
	switch strings.ToUpper(v) {
	case "NAN", "INF", "-INF", "+INF":
		return true
	}
	return false
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
		if notFinite(v) {
			// Table Schema allows them; no chart can draw them.
			return fmt.Sprintf("%q in column %q is not a value a chart can draw: leave the cell empty where there is no value", v, f.Name)
		}
		if !tableSchemaNumber(v) {
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
