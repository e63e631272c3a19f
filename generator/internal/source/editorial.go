package source

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/itu-d/portal/generator/internal/biblio"
	"github.com/itu-d/portal/generator/internal/diag"
)

// editorial.json lists what a public source or note must not be: hosts
// where copies of documents are found (mirrors, content farms, personal
// repositories) and phrases that make a note read like an editor's to-do.
// Both belong in a file's editorial fields, which no output ever shows.
//
//go:embed editorial.json
var editorialJSON []byte

var editorialRules = func() (r struct {
	Hosts []struct {
		Host, Kind, Reason string
	}
	RepositoryHosts  []string
	RepositoryOwners []string
	Phrases          []string
	todo             *regexp.Regexp
}) {
	if err := json.Unmarshal(editorialJSON, &r); err != nil {
		panic("source: editorial.json: " + err.Error())
	}
	quoted := make([]string, len(r.Phrases))
	for i, p := range r.Phrases {
		quoted[i] = regexp.QuoteMeta(p)
	}
	r.todo = regexp.MustCompile(`(?i)\b(?:` + strings.Join(quoted, "|") + `)\b`)
	return r
}()

// weakSource says why a URL is not a source to show readers (a mirror, a
// content farm, a personal repository), or "".
func weakSource(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	for _, h := range editorialRules.Hosts {
		if host == h.Host || strings.HasSuffix(host, "."+h.Host) {
			return fmt.Sprintf("%s is a %s (%s)", h.Host, h.Kind, h.Reason)
		}
	}
	for _, h := range editorialRules.RepositoryHosts {
		if host != h {
			continue
		}
		owner, _, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
		for _, o := range editorialRules.RepositoryOwners {
			if strings.EqualFold(owner, o) {
				return ""
			}
		}
		return fmt.Sprintf("%s/%s is a personal repository, not the publisher's release", h, owner)
	}
	return ""
}

// todoPhrase returns the first phrase of text that reads like an editor's
// to-do, or "".
func todoPhrase(text string) string {
	return editorialRules.todo.FindString(text)
}

const weakSourceHint = "name the original publisher's work (publisher, title, edition, date, and its own URL); record where the copy was found under editorial.provenance"

// checkPublicURLs warns on every web address a file shows readers (its
// fields but the editorial ones) that points at a mirror, a content farm
// or a personal repository.
func (l *loader) checkPublicURLs(rel string, fm *frontMatter) {
	var walk func(ptr string, v any)
	walk = func(ptr string, v any) {
		switch v := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(v))
			for k := range v {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				if ptr == "" && k == "editorial" {
					continue
				}
				walk(ptr+"/"+escapePointer(k), v[k])
			}
		case []any:
			for i, x := range v {
				walk(fmt.Sprintf("%s/%d", ptr, i), x)
			}
		case string:
			if strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
				if why := weakSource(v); why != "" {
					p := fm.position(ptr)
					l.probs.Add(diag.Problem{Path: rel, Line: p.Line, Col: p.Col, Warning: true,
						Msg: "a public source links a copy: " + why, Hint: weakSourceHint})
				}
			}
		}
	}
	walk("", fm.Fields)
}

// checkNotes warns on public notes (a dataset's notes, a record's note)
// that read like an editor's to-do.
func (l *loader) checkNote(rel string, line, col int, field, text string) {
	if p := todoPhrase(text); p != "" {
		l.probs.Add(diag.Problem{Path: rel, Line: line, Col: col, Warning: true,
			Msg:  fmt.Sprintf("the public %s reads like an editor's to-do (%q)", field, p),
			Hint: "readers see it: move what is left to check to the editorial field (editorial.verify, or editorial = {...} in a record)"})
	}
}

// checkRecord warns on a publication's public links and note.
func (l *loader) checkRecord(it *biblio.Item) {
	for _, u := range []string{it.URL, it.Extra["pdf"]} {
		if why := weakSource(u); why != "" {
			l.probs.Add(diag.Problem{Path: it.Pos.Path, Line: it.Pos.Line, Col: it.Pos.Col, Warning: true,
				Msg: it.ID + ": a public link points at a copy: " + why, Hint: weakSourceHint})
		}
	}
	l.checkNote(it.Pos.Path, it.Pos.Line, it.Pos.Col, "note of "+it.ID, it.Note)
}
