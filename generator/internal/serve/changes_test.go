package serve

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/fsnotify/fsnotify"

	"github.com/itu-d/portal/generator/internal/build"
)

// TestChangesOf: what the watcher saw, as the session is told it.
func TestChangesOf(t *testing.T) {
	dir := t.TempDir()
	written := filepath.Join(dir, "a.md")   // saved in place
	renamed := filepath.Join(dir, "b.md")   // saved by a rename over it
	gone := filepath.Join(dir, "c.md")      // removed
	temporary := filepath.Join(dir, "sedX") // made and removed: sed -i
	bundle := filepath.Join(dir, "story")   // a folder made with a file in it
	os.WriteFile(written, nil, 0o644)
	os.WriteFile(renamed, nil, 0o644)
	os.MkdirAll(bundle, 0o755)
	os.WriteFile(filepath.Join(bundle, "index.md"), nil, 0o644)
	got := map[string]build.Change{}
	for _, c := range changesOf(map[string]fsnotify.Op{
		written:   fsnotify.Write,
		renamed:   fsnotify.Rename | fsnotify.Create,
		gone:      fsnotify.Remove,
		temporary: fsnotify.Create | fsnotify.Write | fsnotify.Rename,
		bundle:    fsnotify.Create,
	}) {
		got[c.Path] = c
	}
	want := map[string]build.Change{
		written:                           {Path: written},
		renamed:                           {Path: renamed, New: true},
		gone:                              {Path: gone, Removed: true},
		filepath.Join(bundle, "index.md"): {Path: filepath.Join(bundle, "index.md"), New: true},
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s: got %+v, want %+v", filepath.Base(p), got[p], w)
		}
	}
}
