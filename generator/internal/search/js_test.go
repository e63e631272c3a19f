package search

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scriptPath is the browser twin of this package, and morePath the part
// of it loaded for typos and other languages.
var (
	scriptPath = filepath.Join("..", "..", "..", "assets", "js", "search.js")
	morePath   = filepath.Join("..", "..", "..", "assets", "js", "search-more.js")
)

type jsQuery struct {
	Root    string              `json:"root"`
	Lang    string              `json:"lang"`
	Q       string              `json:"q"`
	Filters map[string][]string `json:"filters,omitempty"`
	Sort    string              `json:"sort,omitempty"`
	Offset  int                 `json:"offset,omitempty"`
	Limit   int                 `json:"limit,omitempty"`
	Exact   bool                `json:"exact,omitempty"`
}

type jsHit struct {
	URL       string `json:"url"`
	Title     string `json:"title"`
	Type      string `json:"type"`
	TypeLabel string `json:"typeLabel"`
	Date      string `json:"date"`
	Heading   string `json:"heading"`
	Lang      string `json:"lang"`
	Score     int    `json:"score"`
	Excerpt   string `json:"excerpt"`
}

type jsResult struct {
	Total     int     `json:"total"`
	Corrected string  `json:"corrected"`
	Results   []jsHit `json:"results"`
	Others    []jsHit `json:"others"`
	Facets    []struct {
		Name   string `json:"name"`
		Values []struct {
			Value    string `json:"value"`
			Label    string `json:"label"`
			Count    int    `json:"count"`
			Selected bool   `json:"selected"`
		} `json:"values"`
	} `json:"facets"`
}

// jsEdits is a call of edits: two words, the most edits, prefix or not.
type jsEdits struct {
	A, B   string
	K      int
	Prefix bool
}

func (e jsEdits) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{e.A, e.B, e.K, e.Prefix})
}

type jsOutput struct {
	Terms   [][]string `json:"terms"`
	Queries []jsResult `json:"queries"`
	Edits   []int      `json:"edits"`
}

// runJS runs search.js in Node through testdata/harness.js.
func runJS(t *testing.T, terms [][2]string, queries []jsQuery, edits ...jsEdits) jsOutput {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed (apt-get install -y nodejs): the JavaScript twin of the analysis is not checked")
	}
	job, err := json.Marshal(map[string]any{"js": scriptPath, "more": morePath, "terms": terms, "queries": queries, "edits": edits})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "harness.js"))
	cmd.Stdin = bytes.NewReader(job)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var res jsOutput
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	return res
}

// readWords reads a word list, one a line, without # comments.
func readWords(t testing.TB, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func compareTerms(t *testing.T, inputs [][2]string) {
	t.Helper()
	got := runJS(t, inputs, nil).Terms
	bad := 0
	for i, in := range inputs {
		want := analyze(in[0], in[1], nil)
		if strings.Join(want, " ") != strings.Join(got[i], " ") {
			if bad++; bad <= 20 {
				t.Errorf("%s %q: Go %q, JS %q", in[0], in[1], want, got[i])
			}
		}
	}
	if bad > 20 {
		t.Errorf("... %d differences in all", bad)
	}
}
