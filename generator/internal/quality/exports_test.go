package quality

import (
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// cslItem is what citation-js makes of an export.
type cslItem struct {
	Title  string `json:"title"`
	Author []struct {
		Family, Given, Literal string
	} `json:"author"`
	Issued struct {
		DateParts [][]any `json:"date-parts"`
	} `json:"issued"`
	DOI    string `json:"DOI"`
	ISBN   string `json:"ISBN"`
	Number string `json:"number"`
	Type   string `json:"type"`
}

var (
	metaTag = regexp.MustCompile(`<meta name="?(citation_[a-z_]+)"? content="([^"]*)"`)
	tags    = regexp.MustCompile(`<[^>]+>`)
)

// TestExportsAgree reads every publication's three exports with citation-js,
// as reference managers do, and checks that each agrees with the page's
// Google Scholar tags: title, authors in order, year, DOI and ISBN.
func TestExportsAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("citation-js check skipped with -short")
	}
	if findTool("node") == "" {
		need(t, "Node.js (for citation-js)", "apt-get install -y nodejs")
	}
	script := filepath.Join(repoRoot(), "tools", "cite-parse.js")
	if !exists(filepath.Join(repoRoot(), "tools", "node_modules", "@citation-js", "core")) {
		need(t, "citation-js", "cd tools && npm ci")
	}
	dir, _ := builtSite(t)
	pages, _ := filepath.Glob(filepath.Join(dir, "publications", "*", "index.html"))
	type page struct {
		key  string
		meta map[string][]string
	}
	var pubs []page
	var files []string
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		meta := map[string][]string{}
		for _, m := range metaTag.FindAllStringSubmatch(string(b), -1) {
			meta[m[1]] = append(meta[m[1]], html.UnescapeString(m[2]))
		}
		if len(meta["citation_title"]) == 0 {
			continue // a facet page
		}
		key := filepath.Base(filepath.Dir(p))
		pubs = append(pubs, page{key, meta})
		for _, ext := range []string{"bib", "ris", "json"} {
			files = append(files, filepath.Join(filepath.Dir(p), key+"."+ext))
		}
	}
	if len(pubs) == 0 {
		t.Fatal("no publication pages")
	}
	out, err := exec.Command("node", append([]string{script}, files...)...).Output()
	if err != nil {
		t.Fatalf("citation-js: %v", err)
	}
	var parsed map[string]json.RawMessage
	if err := json.Unmarshal(out, &parsed); err != nil {
		t.Fatal(err)
	}
	checks := 0
	for _, p := range pubs {
		for _, ext := range []string{"bib", "ris", "json"} {
			file := filepath.Join(dir, "publications", p.key, p.key+"."+ext)
			var items []cslItem
			if err := json.Unmarshal(parsed[file], &items); err != nil || len(items) != 1 {
				t.Errorf("publication %s: citation-js could not read the .%s export: %s", p.key, ext, parsed[file])
				continue
			}
			it := items[0]
			checks++
			if got, want := clean(it.Title), p.meta["citation_title"][0]; got != want {
				t.Errorf("publication %s .%s: title %q, page says %q", p.key, ext, got, want)
			}
			var authors []string
			for _, a := range it.Author {
				switch {
				case a.Literal != "":
					authors = append(authors, a.Literal)
				case a.Given == "":
					authors = append(authors, a.Family)
				default:
					authors = append(authors, a.Family+", "+a.Given)
				}
			}
			// The page's tags write an organisation's commas as dashes, so that
			// Zotero does not split it in two; the exports keep the commas
			// (RIS marks such an organisation with a final comma, EndNote's
			// way, which citation-js reads as a family and a given name).
			if got, want := strings.Join(authors, " | "), strings.ReplaceAll(strings.Join(p.meta["citation_author"], " | "), " – ", ", "); got != want {
				t.Errorf("publication %s .%s: authors %q, page says %q", p.key, ext, got, want)
			}
			year := ""
			if len(it.Issued.DateParts) > 0 && len(it.Issued.DateParts[0]) > 0 {
				year = fmt.Sprint(it.Issued.DateParts[0][0])
			}
			if want := strings.SplitN(first(p.meta["citation_publication_date"]), "/", 2)[0]; year != want {
				t.Errorf("publication %s .%s: year %q, page says %q", p.key, ext, year, want)
			}
			if want := first(p.meta["citation_doi"]); !strings.EqualFold(it.DOI, want) {
				t.Errorf("publication %s .%s: DOI %q, page says %q", p.key, ext, it.DOI, want)
			}
			if want := first(p.meta["citation_technical_report_number"]); want != "" && it.Number != want {
				t.Errorf("publication %s .%s: report number %q, page says %q", p.key, ext, it.Number, want)
			}
			// RIS has no ISBN tag for reports (SN is the report number there);
			// the ISBN travels in a note that our own reader reads back.
			if want := p.meta["citation_isbn"]; len(want) > 0 && !(ext == "ris" && it.Type == "report") {
				got := strings.Fields(strings.NewReplacer(",", " ", ";", " ").Replace(it.ISBN))
				sort.Strings(got)
				sort.Strings(want)
				if strings.Join(got, " ") != strings.Join(want, " ") {
					t.Errorf("publication %s .%s: ISBN %q, page says %q", p.key, ext, it.ISBN, want)
				}
			}
		}
	}
	note("exports: %d publications × 3 formats read by citation-js, %d agree with their pages", len(pubs), checks)
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func clean(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(s, ""))), " ")
}
