package cms

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLocalStaysInItsFolders: the local backend writes only under the
// folders the editor edits, refuses requests from other sites and
// requests that are not JSON, and never follows a path out of the
// repository.
func TestLocalStaysInItsFolders(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content", "stories"), 0o755)
	outside := t.TempDir()
	os.Symlink(outside, filepath.Join(root, "content", "stories", "link"))
	l := &Local{Root: root}
	post := func(body, ctype, origin string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", "http://127.0.0.1:1313/api/v1", strings.NewReader(body))
		r.Header.Set("Content-Type", ctype)
		if origin != "" {
			r.Header.Set("Origin", origin)
		}
		w := httptest.NewRecorder()
		l.ServeHTTP(w, r)
		return w
	}
	write := func(path string) string {
		return `{"action":"persistEntry","params":{"entry":{"path":"` + path + `","raw":"x"},"assets":[]}}`
	}
	if w := post(write("content/stories/a/index.md"), "application/json", "http://127.0.0.1:1313"); w.Code != http.StatusOK {
		t.Errorf("a story: %d %s", w.Code, w.Body)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "stories", "a", "index.md")); err != nil {
		t.Errorf("the story was not written: %v", err)
	}
	for _, p := range []string{"../x.md", "generator/main.go", "/etc/passwd", "content/../hugo.toml", "content/stories/link/x.md"} {
		if w := post(write(p), "application/json", ""); w.Code == http.StatusOK {
			t.Errorf("%s: written", p)
		}
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("a file was written through a symbolic link out of the repository")
	}
	if w := post(write("content/stories/b/index.md"), "text/plain", ""); w.Code == http.StatusOK {
		t.Errorf("a text/plain request (which any site can send) was obeyed")
	}
	if w := post(write("content/stories/c/index.md"), "application/json", "https://example.org"); w.Code == http.StatusOK {
		t.Errorf("a request from another site was obeyed")
	}
	if w := post(`{"action":"info"}`, "application/json", ""); !strings.Contains(w.Body.String(), `"publish_modes":["simple"]`) {
		t.Errorf("info: %s", w.Body)
	}
}
