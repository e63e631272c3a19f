package main

import (
	"flag"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var kills = flag.Int("kills", 12, "builds TestKilledBuildsLoseNothing kills at random points")

// TestKilledBuildsLoseNothing kills builds (SIGKILL, as a CI runner or the
// kernel's out-of-memory killer would) at random points, the instants
// around the exchange of the old and new site included, and holds public/
// to be, after each kill, either the old site or the new one, byte for
// byte. The next build that runs to the end cleans up whatever the killed
// ones left. Run with -kills=300 for a thorough count.
func TestKilledBuildsLoseNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the fixture site many times")
	}
	site := t.TempDir()
	root := repoRoot()
	for _, d := range []string{"layouts", "i18n", "assets", "archetypes", "static", "schemas"} {
		if err := copyDir(filepath.Join(root, d), filepath.Join(site, d)); err != nil {
			t.Fatal(err)
		}
	}
	if err := copyDir(filepath.Join(root, "generator", "testdata", "fixture"), site); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(site, "hugo.toml"), b, 0o644)
	story := filepath.Join(site, "content", "stories", "samoa", "index.md")
	original, err := os.ReadFile(story)
	if err != nil {
		t.Fatal(err)
	}
	variant := func(i int) {
		text := string(original)
		if i%2 == 1 {
			text = strings.Replace(text, "summary: ", "summary: Revised. ", 1)
		}
		if err := os.WriteFile(story, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(site, "public")
	start := func() *exec.Cmd {
		cmd := exec.Command(exe, "build")
		cmd.Dir = site
		cmd.Env = append(os.Environ(), "GENERATOR_TEST_RUN=1", "GENERATOR_TEST_PUBLISH_PAUSE=80ms")
		cmd.Stderr = new(strings.Builder)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// The two complete sites, and how long a build takes.
	var want [2]string
	var took time.Duration
	for i := range 2 {
		variant(i)
		begin := time.Now()
		cmd := start()
		if err := cmd.Wait(); err != nil {
			t.Fatalf("build %d: %v\n%s", i, err, cmd.Stderr)
		}
		took = max(took, time.Since(begin))
		if want[i], err = treeHash(public); err != nil {
			t.Fatal(err)
		}
	}
	if want[0] == want[1] {
		t.Fatal("the two variants build the same site")
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	killed, finished := 0, 0
	for i := range *kills {
		variant(i)
		cmd := start()
		time.Sleep(time.Duration(rng.Int64N(int64(took + took/5))))
		cmd.Process.Signal(syscall.SIGKILL)
		if err := cmd.Wait(); err != nil {
			killed++
		} else {
			finished++
		}
		got, err := treeHash(public)
		if err != nil {
			t.Fatalf("kill %d: public/ cannot be read: %v", i, err)
		}
		if got != want[0] && got != want[1] {
			t.Fatalf("kill %d: public/ is neither the old site nor the new one", i)
		}
	}
	t.Logf("%d builds killed, %d finished first; public/ was whole after each", killed, finished)
	variant(0)
	if err := start().Wait(); err != nil {
		t.Fatalf("last build: %v", err)
	}
	if got, _ := treeHash(public); got != want[0] {
		t.Error("the last build did not publish its site")
	}
	left, _ := filepath.Glob(filepath.Join(site, ".public.building-*"))
	if len(left) > 0 {
		t.Errorf("leftovers after a finished build: %v", left)
	}
}
