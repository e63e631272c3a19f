package source

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/itu-d/portal/generator/internal/biblio"
	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// Publication is a checked bibliography entry and where it came from.
type Publication struct {
	*biblio.Item
	File      string // data/publications/<file>
	Regions   []string
	Countries []string
}

// loadPublications reads every BibTeX, RIS and CSL-JSON file under
// data/publications/, as Zotero or JabRef export them.
func (l *loader) loadPublications() {
	dir := filepath.Join(l.site.Root, "data", "publications")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	var all []*biblio.Item
	file := map[*biblio.Item]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		rel := "data/publications/" + name
		r := biblio.Reader{Limits: l.limits()}
		read := map[string]func(string, []byte) ([]*biblio.Item, []diag.Problem){
			".bib": r.BibTeX, ".ris": r.RIS, ".json": r.CSLJSON,
		}[strings.ToLower(filepath.Ext(name))]
		if read == nil {
			if !l.symlinks[rel] {
				l.probs.Add(diag.Problem{Path: rel, Msg: "not a bibliography: publications are .bib (BibTeX), .ris or .json (CSL-JSON) files"})
			}
			continue
		}
		src, ok := l.readLimited(rel, "bibliographyBytes", l.limits().BibliographyBytes)
		if !ok {
			continue
		}
		items, probs := read(rel, src)
		for _, p := range probs {
			l.probs.Add(p)
		}
		for _, it := range items {
			file[it] = rel
		}
		all = append(all, items...)
	}
	for _, p := range biblio.CheckDuplicates(all) {
		l.probs.Add(p)
	}
	seen := map[string]bool{}
	for _, it := range all {
		if seen[it.ID] {
			continue // reported as a duplicate
		}
		seen[it.ID] = true
		if msg := keyProblem(it.ID); msg != "" {
			l.probs.Add(diag.Problem{Path: it.Pos.Path, Line: it.Pos.Line, Col: it.Pos.Col, Msg: msg,
				Hint: "a key becomes the page's address /publications/<key>/: letters, digits and - _ : . only"})
			continue
		}
		if !l.checkIdentifiers(it) {
			continue
		}
		l.checkRecord(it)
		p := &Publication{Item: it, File: file[it]}
		for _, r := range splitList(it.Extra["regions"]) {
			if !vocab.IsRegion(r) {
				msg := fmt.Sprintf("%s: region %q is not known", it.ID, r)
				if s := vocab.Suggest(r, vocab.Regions); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				l.probs.Add(diag.Problem{Path: it.Pos.Path, Line: it.Pos.Line, Col: it.Pos.Col, Msg: msg, Hint: "one of: " + strings.Join(vocab.Regions, ", ")})
				continue
			}
			p.Regions = append(p.Regions, r)
		}
		for _, c := range splitList(it.Extra["countries"]) {
			if !vocab.Country(c) {
				l.probs.Add(diag.Problem{Path: it.Pos.Path, Line: it.Pos.Line, Col: it.Pos.Col,
					Msg: fmt.Sprintf("%s: country %q is not an ISO 3166-1 alpha-2 code", it.ID, c)})
				continue
			}
			p.Countries = append(p.Countries, c)
		}
		l.checkTopics(p)
		l.site.Publications = append(l.site.Publications, p)
	}
	// Newest first, then by title: the library's order.
	sort.SliceStable(l.site.Publications, func(i, j int) bool {
		a, b := l.site.Publications[i], l.site.Publications[j]
		if a.Issued.ISO() != b.Issued.ISO() {
			return a.Issued.ISO() > b.Issued.ISO()
		}
		return a.Title < b.Title
	})
}

// libraryPaths are the folders of /publications/ that the library itself uses.
var libraryPaths = []string{"type", "year", "topic", "region", "language", "page"}

// keyProblem says why a citation key cannot be a page address, or "".
func keyProblem(key string) string {
	if slices.Contains(libraryPaths, strings.ToLower(key)) {
		return fmt.Sprintf("key %q is taken by the library's own pages (/publications/%s/)", key, strings.ToLower(key))
	}
	for i, r := range key {
		if i == 0 && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return fmt.Sprintf("key %q must start with a letter or digit", key)
		}
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_:.", r)) {
			return fmt.Sprintf("key %q has %q, which cannot be part of a page address", key, r)
		}
	}
	return ""
}

func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
}

// checkIdentifiers reports links and identifiers a record gives readers
// that are not what they claim to be: a URL that is not a web address (a
// javascript: link, say), a DOI that is not written as one, an ISBN or
// ISSN whose check digit is wrong.
func (l *loader) checkIdentifiers(it *biblio.Item) bool {
	ok := true
	bad := func(msg, hint string) {
		l.probs.Add(diag.Problem{Path: it.Pos.Path, Line: it.Pos.Line, Col: it.Pos.Col, Msg: it.ID + ": " + msg, Hint: hint})
		ok = false
	}
	for _, f := range []struct{ name, value string }{{"url", it.URL}, {"pdf", it.Extra["pdf"]}} {
		if f.value != "" && !biblio.WebURL(f.value) {
			bad(fmt.Sprintf("%s %q is not a web address", f.name, f.value), "links in records start with https:// or http://")
		}
	}
	if it.DOI != "" && !biblio.ValidDOI(it.DOI) {
		bad(fmt.Sprintf("doi %q is not a DOI", it.DOI), "a DOI reads 10.<digits>/<suffix>, e.g. 10.1234/abc-2024; leave the field out when the work has none")
	}
	for _, isbn := range it.ISBNs() {
		if !biblio.ValidISBN(isbn) {
			bad(fmt.Sprintf("isbn %q is not a valid ISBN (its check digit does not match)", isbn), "copy the ISBN from the work itself; ISBN-10 and ISBN-13 are accepted, with or without hyphens")
		}
	}
	for _, issn := range strings.Fields(it.ISSN) {
		if !biblio.ValidISSN(issn) {
			bad(fmt.Sprintf("issn %q is not a valid ISSN (its check digit does not match)", issn), "an ISSN reads NNNN-NNNC, e.g. 1996-4390")
		}
	}
	return ok
}
