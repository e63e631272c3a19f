package serve

import (
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// need fails in CI, and skips elsewhere, when a tool is missing.
func need(t *testing.T, what, install string) {
	t.Helper()
	msg := fmt.Sprintf("%s not found; install it with: %s", what, install)
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// fixtureSite lays the small fixture site (generator/testdata/fixture)
// with the repository's templates and configuration in a temporary folder,
// the CMS bundle linked in, and returns its root.
func fixtureSite(t *testing.T) string {
	t.Helper()
	repo := repoRoot()
	dst := t.TempDir()
	copyDir(t, filepath.Join(repo, "generator", "testdata", "fixture"), dst)
	for _, d := range []string{"layouts", "i18n", "assets", "archetypes", "static", "schemas"} {
		copyDir(t, filepath.Join(repo, d), filepath.Join(dst, d))
	}
	for _, f := range []string{"hugo.toml", "netlify.toml"} {
		b, err := os.ReadFile(filepath.Join(repo, f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dst, f), b, 0o644)
	}
	if err := os.MkdirAll(filepath.Join(dst, "tools", "cms"), 0o755); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(repo, "tools", "cms", "package.json")); err == nil {
		os.WriteFile(filepath.Join(dst, "tools", "cms", "package.json"), b, 0o644)
	}
	os.Symlink(filepath.Join(repo, "tools", "cms", "node_modules"), filepath.Join(dst, "tools", "cms", "node_modules"))
	return dst
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// writeJPEG writes a small photo-like JPEG.
func writeJPEG(t *testing.T, file string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 800, 450))
	for y := 0; y < 450; y++ {
		for x := 0; x < 800; x++ {
			img.Set(x, y, color.RGBA{uint8(40 + x/8), uint8(90 + y/6), 160, 255})
		}
	}
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
}
