package source

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/fuzzbound"
)

// FuzzDataset feeds arbitrary descriptors and CSV files through the dataset
// reader and its checks: never a panic, and every problem inside its file.
func FuzzDataset(f *testing.F) {
	descriptors, _ := filepath.Glob("../../../data/datasets/*/datapackage.yaml")
	for i, d := range descriptors {
		b, _ := os.ReadFile(d)
		csvs, _ := filepath.Glob(filepath.Join(filepath.Dir(d), "*.csv"))
		var c []byte
		if len(csvs) > 0 {
			c, _ = os.ReadFile(csvs[0])
		}
		if i < 3 {
			f.Add(b, c)
		}
	}
	f.Add([]byte("name: x\ntitle: X\ndescription: d\nsources: [{title: s}]\nlicenses: [{name: l}]\nresources: [{name: x, path: x.csv, schema: {fields: [{name: a, type: number}]}}]\n"), []byte("a\n1\nx\n\"\n"))
	f.Add([]byte("{"), []byte(""))
	schemas, err := compileSchemas()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, descriptor, data []byte) {
		dir := t.TempDir()
		ds := filepath.Join(dir, "data", "datasets", "x")
		os.MkdirAll(ds, 0o755)
		os.WriteFile(filepath.Join(ds, "datapackage.yaml"), descriptor, 0o644)
		os.WriteFile(filepath.Join(ds, "x.csv"), data, 0o644)
		probs := &diag.List{}
		l := &loader{site: &Site{Root: dir, Languages: []string{"en", "fr"}}, schemas: schemas, probs: probs,
			docs: map[string]*frontMatter{}, storyFolders: map[string]bool{}}
		fuzzbound.Check(t, loadBound, len(descriptor)+len(data), l.loadDatasets)
		for _, p := range probs.Problems() {
			if p.Line < 0 || p.Col < 0 || p.Msg == "" {
				t.Errorf("bad problem: %+v", p)
			}
		}
	})
}
