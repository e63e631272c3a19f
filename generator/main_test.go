package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"generator": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
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
func treeHash(dir string) (string, error) {
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
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
