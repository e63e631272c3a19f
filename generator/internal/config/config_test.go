package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShippedLimitsAreTheDefaults keeps hugo.toml's documented table of
// limits and the defaults in code the same, so the file tells the truth.
func TestShippedLimitsAreTheDefaults(t *testing.T) {
	s, err := Read(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if s.Limits != DefaultLimits() {
		t.Errorf("hugo.toml's [params.limits] = %+v, defaults %+v", s.Limits, DefaultLimits())
	}
	b, _ := os.ReadFile(filepath.Join("..", "..", "..", File))
	for _, l := range limits {
		if !strings.Contains(string(b), "    "+l.name+" = ") {
			t.Errorf("hugo.toml does not document %s", l.name)
		}
	}
	if got := s.Languages; len(got) != 6 || got[0] != "en" {
		t.Errorf("languages = %v", got)
	}
}

func TestBadLimits(t *testing.T) {
	for _, src := range []string{
		"[params.limits]\ncsvRow = 5\n",
		"[params.limits]\ncsvRows = -1\n",
		"[params.limits]\ncsvRows = \"many\"\n",
	} {
		_, err := Parse([]byte(src))
		if e, ok := err.(*Error); !ok || e.Msg == "" {
			t.Errorf("%q: err = %v", src, err)
		}
	}
	msg, hint := DefaultLimits().Exceeded("csvRows", 1_000_001, "the file")
	if msg != "the file has 1,000,001 rows, over the limit of 1,000,000 (csvRows)" || !strings.Contains(hint, "[params.limits]") {
		t.Errorf("Exceeded = %q, %q", msg, hint)
	}
}
