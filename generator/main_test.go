package main

import (
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/itu-d/portal/generator/internal/hugosite"
)

func TestMain(m *testing.M) {
	// Tests that start the generator as a process of its own (to kill it)
	// run this test binary with GENERATOR_TEST_RUN=1.
	if os.Getenv("GENERATOR_TEST_RUN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"generator": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
		// hugo is plain Hugo v0.165.0, as its own binary runs it.
		"hugo": func() {
			if err := hugosite.Main(os.Args[1:]); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		},
	})
}

// TestScripts builds the fixture sites in testdata/script through the whole
// pipeline, with the repository's own templates, and checks the output and
// the messages. Run with -update to rewrite expected output in place.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"site":      cmdSite,
			"snapshot":  cmdSnapshot,
			"unchanged": cmdUnchanged,
			"samedir":   cmdSameDir,
			"jpeg":      cmdJPEG,
			"limited":   cmdLimited,
			"hostile":   cmdHostile,
		},
	})
}

// repoRoot is the site root this package lives in.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

// cmdSite lays the repository's configuration and templates into the
// script's work folder, so fixtures hold only content.
// -fixture adds a tiny valid site; -content the real content and data.
func cmdSite(ts *testscript.TestScript, neg bool, args []string) {
	dirs := []string{"layouts", "i18n", "assets", "archetypes", "static", "schemas"}
	files := []string{"hugo.toml"}
	root := repoRoot()
	for _, a := range args {
		switch a {
		case "-content": // the real site's content and data
			dirs = append(dirs, "content", "data")
		case "-fixture": // a tiny valid site: testdata/fixture
			ts.Check(copyDir(filepath.Join(root, "generator", "testdata", "fixture"), ts.MkAbs(".")))
		default:
			ts.Fatalf("site: unknown flag %s", a)
		}
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(root, f))
		ts.Check(err)
		ts.Check(os.WriteFile(ts.MkAbs(f), b, 0o644))
	}
	// Content adapters are site code that lives in content/.
	adapters, _ := filepath.Glob(filepath.Join(root, "content", "*", "_content.gotmpl"))
	adapters = append(adapters, filepath.Join(root, "content", "_content.gotmpl"))
	for _, a := range adapters {
		rel, _ := filepath.Rel(root, a)
		b, err := os.ReadFile(a)
		ts.Check(err)
		ts.Check(os.MkdirAll(filepath.Dir(ts.MkAbs(rel)), 0o755))
		ts.Check(os.WriteFile(ts.MkAbs(rel), b, 0o644))
	}
	for _, d := range dirs {
		src := filepath.Join(root, d)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		ts.Check(copyDir(src, ts.MkAbs(d)))
	}
}

func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if _, err := os.Stat(target); err == nil {
			return nil // the fixture's own file wins
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// treeHash is a digest of every file's path, mode and bytes under dir.
func treeHash(dir string, except ...*regexp.Regexp) (string, error) {
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		for _, e := range except {
			if e != nil && e.MatchString(filepath.ToSlash(rel)) {
				return nil
			}
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			lines = append(lines, fmt.Sprintf("%s/ %v", rel, info.Mode()))
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines = append(lines, fmt.Sprintf("%s %v %x", rel, info.Mode(), sha256.Sum256(b)))
		return nil
	})
	sort.Strings(lines)
	return fmt.Sprintf("%x", sha256.Sum256([]byte(strings.Join(lines, "\n")))), err
}

func cmdSnapshot(ts *testscript.TestScript, neg bool, args []string) {
	h, err := treeHash(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Setenv("SNAPSHOT_"+filepath.Base(args[0]), h)
}

// cmdUnchanged fails unless dir is byte-identical to its snapshot.
func cmdUnchanged(ts *testscript.TestScript, neg bool, args []string) {
	h, err := treeHash(ts.MkAbs(args[0]))
	ts.Check(err)
	if same := h == ts.Getenv("SNAPSHOT_"+filepath.Base(args[0])); same == neg {
		ts.Fatalf("%s changed: %v", args[0], !same)
	}
}

// cmdSameDir fails unless two folders hold the same files, byte for byte:
// samedir [-except REGEXP] A B, leaving out paths that match REGEXP.
func cmdSameDir(ts *testscript.TestScript, neg bool, args []string) {
	var except *regexp.Regexp
	if len(args) == 4 && args[0] == "-except" {
		except = regexp.MustCompile(args[1])
		args = args[2:]
	}
	a, err := treeHash(ts.MkAbs(args[0]), except)
	ts.Check(err)
	b, err := treeHash(ts.MkAbs(args[1]), except)
	ts.Check(err)
	if (a == b) == neg {
		ts.Fatalf("%s and %s: same = %v", args[0], args[1], a == b)
	}
}

// cmdJPEG writes a photo-like JPEG (a gradient with noise) of the given
// size, as an editor's camera would: jpeg FILE WIDTH HEIGHT.
func cmdJPEG(ts *testscript.TestScript, neg bool, args []string) {
	w, _ := strconv.Atoi(args[1])
	h, _ := strconv.Atoi(args[2])
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := range h {
		for x := range w {
			seed = seed*1664525 + 1013904223
			n := uint8(seed >> 27)
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120 + n, 255})
		}
	}
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	defer f.Close()
	ts.Check(jpeg.Encode(f, img, &jpeg.Options{Quality: 85}))
}
