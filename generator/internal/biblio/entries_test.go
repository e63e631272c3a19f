package biblio

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteEntriesMatchesWriters: joining entries gives the writers' bytes,
// for no item, one, and every case file's items together.
func TestWriteEntriesMatchesWriters(t *testing.T) {
	var all []*Item
	paths, _ := filepath.Glob("../../../data/publications/*.bib")
	cases, _ := filepath.Glob("testdata/bibtex/*.txt")
	for _, p := range append(paths, cases...) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		items, _ := ReadBibTeX(p, src)
		all = append(all, items...)
	}
	if len(all) < 30 {
		t.Fatalf("only %d items to test with", len(all))
	}
	writers := map[string]func(*bytes.Buffer, ...*Item) error{
		"bib":  func(b *bytes.Buffer, it ...*Item) error { return WriteBibTeX(b, it...) },
		"ris":  func(b *bytes.Buffer, it ...*Item) error { return WriteRIS(b, it...) },
		"json": func(b *bytes.Buffer, it ...*Item) error { return WriteCSLJSON(b, it...) },
	}
	for _, items := range [][]*Item{nil, all[:1], all} {
		entries := make([]Entry, len(items))
		for i, it := range items {
			entries[i] = NewEntry(it)
		}
		for _, f := range Formats {
			var want, got bytes.Buffer
			if err := writers[f](&want, items...); err != nil {
				t.Fatal(err)
			}
			if err := WriteEntries(&got, f, entries...); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s of %d items: joined entries differ from the writer's output", f, len(items))
			}
		}
	}
}
