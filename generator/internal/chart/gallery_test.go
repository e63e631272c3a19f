package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/itu-d/portal/generator/internal/diag"
)

// The gallery suite draws every spec of Vega-Lite's example gallery
// (testdata/gallery/specs, from the vega/vega-lite repository) and compares
// what it shows with what Vega-Lite and Vega draw in Node
// (testdata/gallery/vega, written by bench/gallery.sh): the data marks, the
// axes' titles and tick labels, the legends' titles and labels, and the
// text of text marks. Each spec passes, differs or is refused (with the
// first problem ParseSpec or Render reports). testdata/gallery/status.txt
// holds the last outcome of each and REPORT.md the counts per family; the
// test fails when a spec that passed no longer does, and -update rewrites
// both.

const galleryDir = "testdata/gallery"

type galleryOutcome struct {
	name   string
	static bool // no params or selections: nothing interactive
	status string
	reason string
}

func TestGallery(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(galleryDir, "specs", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no gallery specs: %v", err)
	}
	var out []galleryOutcome
	if only := os.Getenv("GALLERY_ONLY"); only != "" {
		files = []string{filepath.Join(galleryDir, "specs", only)}
	}
	for _, f := range files {
		out = append(out, runGallerySpec(t, f))
	}
	if os.Getenv("GALLERY_ONLY") != "" {
		t.Logf("%s: %s %s", out[0].name, out[0].status, out[0].reason)
		return
	}
	statusPath := filepath.Join(galleryDir, "status.txt")
	if *update {
		writeGalleryStatus(t, statusPath, out)
		writeGalleryReport(t, filepath.Join(galleryDir, "REPORT.md"), out)
	}
	before := readGalleryStatus(t, statusPath)
	better := 0
	for _, o := range out {
		was, ok := before[o.name]
		switch {
		case ok && was == "pass" && o.status != "pass":
			t.Errorf("%s passed and now %s: %s", o.name, o.status, o.reason)
		case o.status == "pass" && was != "pass":
			better++
		}
	}
	if better > 0 {
		t.Logf("%d more specs pass than status.txt records; run go test -run TestGallery -update", better)
	}
	static, pass := 0, 0
	for _, o := range out {
		if o.static {
			static++
			if o.status == "pass" {
				pass++
			}
		}
	}
	t.Logf("static specs passing: %d of %d (%.1f%%)", pass, static, 100*float64(pass)/float64(static))
}

func runGallerySpec(t *testing.T, path string) (o galleryOutcome) {
	name := filepath.Base(path)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	o = galleryOutcome{name: name, static: !bytes.Contains(src, []byte(`"params"`)) && !bytes.Contains(src, []byte(`"selection"`))}
	var want scene
	var vega struct {
		Error string `json:"error"`
	}
	wb, err := os.ReadFile(filepath.Join(galleryDir, "vega", name))
	if err != nil {
		t.Fatalf("%v (run bench/gallery.sh)", err)
	}
	if err := json.Unmarshal(wb, &want); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	json.Unmarshal(wb, &vega)
	defer func() {
		if os.Getenv("GALLERY_PANIC") != "" {
			return
		}
		if p := recover(); p != nil {
			o.status, o.reason = "refused", fmt.Sprintf("panic: %v", p)
			t.Errorf("%s: panic: %v", name, p)
		}
	}()
	s, probs := ParseSpec(filepath.ToSlash(path), src)
	if s == nil {
		o.status, o.reason = "refused", firstError(probs)
		return o
	}
	r := newRenderer(s, Options{Lang: "en", LoadCSV: DirLoader(galleryDir)})
	r.facts = &scene{}
	c := r.render()
	if dir := os.Getenv("GALLERY_SVG"); dir != "" && c != nil {
		os.WriteFile(filepath.Join(dir, strings.TrimSuffix(name, ".json")+".svg"), c.SVG, 0o644)
	}
	r.scr.reset()
	scratches.Put(r.scr)
	if c == nil || r.probs.Errors() > 0 {
		o.status, o.reason = "refused", firstError(r.probs.Problems())
		return o
	}
	if vega.Error != "" {
		o.status, o.reason = "differs", "Vega fails: "+vega.Error
		return o
	}
	got := r.facts
	got.normalize()
	want.normalize()
	if d := sceneDiff(got, &want); d != "" {
		o.status, o.reason = "differs", d
		return o
	}
	o.status = "pass"
	return o
}

func firstError(probs []diag.Problem) string {
	for _, p := range probs {
		if !p.Warning {
			s := p.Msg
			if p.Line > 0 {
				s = fmt.Sprintf("%d:%d: %s", p.Line, p.Col, s)
			}
			return s
		}
	}
	return "no drawing and no problem reported"
}

// sceneDiff describes the first difference between two scenes, or "".
func sceneDiff(got, want *scene) string {
	if !maps.Equal(got.Marks, want.Marks) {
		return fmt.Sprintf("marks %v, Vega %v", got.Marks, want.Marks)
	}
	axisKey := func(a sceneAxis) string { return a.Channel + " " + a.Title + " " + strings.Join(a.Labels, "|") }
	legendKey := func(l sceneLegend) string { return l.Title + " " + strings.Join(l.Labels, "|") }
	if d := setDiff("axis", mapKeys(got.Axes, axisKey), mapKeys(want.Axes, axisKey)); d != "" {
		return d
	}
	if d := setDiff("legend", mapKeys(got.Legends, legendKey), mapKeys(want.Legends, legendKey)); d != "" {
		return d
	}
	if !slices.Equal(got.Texts, want.Texts) {
		return fmt.Sprintf("texts %s, Vega %s", short(got.Texts), short(want.Texts))
	}
	return ""
}

func mapKeys[T any](xs []T, key func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = key(x)
	}
	slices.Sort(out)
	return out
}

func setDiff(what string, got, want []string) string {
	for _, g := range got {
		if !slices.Contains(want, g) {
			return fmt.Sprintf("%s %s, Vega has %s", what, shorten(g), short(want))
		}
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			return fmt.Sprintf("no %s %s", what, shorten(w))
		}
	}
	return ""
}

func short(xs []string) string {
	if len(xs) > 6 {
		return fmt.Sprintf("%q... (%d)", xs[:6], len(xs))
	}
	return fmt.Sprintf("%q", xs)
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 160 {
		return string(r[:160]) + "…"
	}
	return s
}

func family(name string) string {
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".vl")
	if i := strings.IndexAny(name, "_-"); i > 0 {
		return name[:i]
	}
	return name
}

func writeGalleryStatus(t *testing.T, path string, out []galleryOutcome) {
	var b strings.Builder
	b.WriteString("# spec\tkind\toutcome\treason (go test ./generator/internal/chart -run TestGallery -update)\n")
	for _, o := range out {
		kind := "static"
		if !o.static {
			kind = "params"
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", o.name, kind, o.status, strings.ReplaceAll(o.reason, "\n", " "))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readGalleryStatus(t testing.TB, path string) map[string]string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Logf("%v: run go test -run TestGallery -update", err)
		return nil
	}
	m := map[string]string{}
	for line := range strings.SplitSeq(string(b), "\n") {
		f := strings.Split(line, "\t")
		if len(f) >= 3 && !strings.HasPrefix(line, "#") {
			m[f[0]] = f[2]
		}
	}
	return m
}

func writeGalleryReport(t *testing.T, path string, out []galleryOutcome) {
	type counts struct{ pass, differs, refused, params, paramsPass int }
	fams := map[string]*counts{}
	var total counts
	for _, o := range out {
		c := fams[family(o.name)]
		if c == nil {
			c = &counts{}
			fams[family(o.name)] = c
		}
		for _, x := range []*counts{c, &total} {
			if !o.static {
				x.params++
				if o.status == "pass" {
					x.paramsPass++
				}
				continue
			}
			switch o.status {
			case "pass":
				x.pass++
			case "differs":
				x.differs++
			default:
				x.refused++
			}
		}
	}
	var b strings.Builder
	static := total.pass + total.differs + total.refused
	fmt.Fprintf(&b, "# Vega-Lite gallery suite\n\nWritten by `go test ./generator/internal/chart -run TestGallery -update`.\n\n")
	fmt.Fprintf(&b, "Static specs (no params or selections): **%d of %d pass** (%.1f%%), %d differ, %d are refused.\n", total.pass, static, 100*float64(total.pass)/float64(max(static, 1)), total.differs, total.refused)
	fmt.Fprintf(&b, "Specs with params (drawn in their initial state): %d of %d pass.\n\n", total.paramsPass, total.params)
	b.WriteString("| family | static | pass | differs | refused | with params | pass |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for _, f := range slices.Sorted(maps.Keys(fams)) {
		c := fams[f]
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d |\n", f, c.pass+c.differs+c.refused, c.pass, c.differs, c.refused, c.params, c.paramsPass)
	}
	fmt.Fprintf(&b, "| **all** | %d | %d | %d | %d | %d | %d |\n", static, total.pass, total.differs, total.refused, total.params, total.paramsPass)
	b.WriteString("\n## Static specs refused\n\n")
	for _, o := range out {
		if o.static && o.status == "refused" {
			fmt.Fprintf(&b, "- `%s`: %s\n", o.name, o.reason)
		}
	}
	b.WriteString("\n## Static specs that differ\n\n")
	for _, o := range out {
		if o.static && o.status == "differs" {
			fmt.Fprintf(&b, "- `%s`: %s\n", o.name, o.reason)
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkGallery draws the gallery specs that pass the suite, as the
// chart command and bench/charts-e2e.sh do, for profiles.
func BenchmarkGallery(b *testing.B) {
	before := readGalleryStatus(b, filepath.Join(galleryDir, "status.txt"))
	type in struct {
		path string
		src  []byte
	}
	var ins []in
	for name, st := range before {
		if st != "pass" {
			continue
		}
		p := filepath.Join(galleryDir, "specs", name)
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if !bytes.Contains(src, []byte(`"params"`)) && !bytes.Contains(src, []byte(`"selection"`)) {
			ins = append(ins, in{p, src})
		}
	}
	slices.SortFunc(ins, func(a, b in) int { return strings.Compare(a.path, b.path) })
	load := DirLoader(galleryDir)
	n := 0
	for b.Loop() {
		for _, s := range ins {
			sp, _ := ParseSpec(s.path, s.src)
			if sp == nil {
				continue
			}
			Render(sp, Options{Lang: "en", LoadCSV: load})
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "charts/s")
}

// Renderings share the tables of the data files they read: drawing specs
// that read the same files at once must not race (go test -race).
func TestSharedDataConcurrently(t *testing.T) {
	names := []string{"bar_aggregate.vl.json", "histogram.vl.json", "point_2d.vl.json", "trellis_barley.vl.json", "layer_line_co2_concentration.vl.json", "geo_choropleth.vl.json", "line_color.vl.json", "rect_heatmap.vl.json"}
	load := DirLoader(galleryDir)
	var wg sync.WaitGroup
	for range 4 {
		for _, name := range names {
			wg.Add(1)
			go func() {
				defer wg.Done()
				src, err := os.ReadFile(filepath.Join(galleryDir, "specs", name))
				if err != nil {
					t.Error(err)
					return
				}
				if s, _ := ParseSpec(name, src); s != nil {
					Render(s, Options{Lang: "fr", LoadCSV: load})
				}
			}()
		}
	}
	wg.Wait()
}
