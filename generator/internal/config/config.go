// Package config reads the site's hugo.toml once, into the typed values the
// generator's packages share: the languages in their order, the base URL,
// the page budgets and the input limits. Hugo reads the same file for
// itself; this package reads only what the generator needs.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/pelletier/go-toml/v2"
)

// File is the configuration file under the site root.
const File = "hugo.toml"

// Site is what the generator knows of the site's configuration.
type Site struct {
	BaseURL   string
	Title     string
	Languages []string          // the default language first, then by weight
	Labels    map[string]string // language name as the language writes it
	Budgets   Budgets
	Limits    Limits
	// PublicationsPerPage splits the library and its facet pages.
	PublicationsPerPage int
	// CMS is where the web editor (/admin/) proposes changes.
	CMS CMS
}

// CMS is [params.cms] in hugo.toml: the GitHub repository and branch the
// web editor opens pull requests on.
type CMS struct {
	Repo   string `toml:"repo"`
	Branch string `toml:"branch"`
}

// Budgets cap what any one page may cost a reader, in bytes after gzip;
// zero means no cap. [params.budgets] in hugo.toml.
type Budgets struct {
	Code  int `toml:"code"`  // HTML + CSS + JS
	JS    int `toml:"js"`    // JavaScript
	Total int `toml:"total"` // everything, images included, as a 360 px phone loads it
}

// file mirrors the parts of hugo.toml read here.
type file struct {
	BaseURL                string `toml:"baseURL"`
	Title                  string `toml:"title"`
	DefaultContentLanguage string `toml:"defaultContentLanguage"`
	Languages              map[string]struct {
		Weight int    `toml:"weight"`
		Label  string `toml:"label"`
	} `toml:"languages"`
	Params struct {
		Budgets             Budgets        `toml:"budgets"`
		Limits              map[string]any `toml:"limits"`
		PublicationsPerPage int            `toml:"publicationsPerPage"`
		CMS                 CMS            `toml:"cms"`
	} `toml:"params"`
}

// Error is a problem in hugo.toml, at a line and column when known.
type Error struct {
	Line, Col int
	Msg, Hint string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", File, e.Line, e.Col, e.Msg)
	}
	return File + ": " + e.Msg
}

// Read reads root/hugo.toml. Problems in the file are *Error values.
func Read(root string) (*Site, error) {
	b, err := os.ReadFile(filepath.Join(root, File))
	if err != nil {
		return nil, err
	}
	return Parse(b)
}

// Parse reads the text of a hugo.toml.
func Parse(src []byte) (*Site, error) {
	var f file
	if err := toml.Unmarshal(src, &f); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return nil, &Error{Line: row, Col: col, Msg: de.Error()}
		}
		return nil, &Error{Msg: err.Error()}
	}
	s := &Site{BaseURL: f.BaseURL, Title: f.Title, Budgets: f.Params.Budgets, Labels: map[string]string{},
		PublicationsPerPage: f.Params.PublicationsPerPage, CMS: f.Params.CMS}
	if s.CMS.Branch == "" {
		s.CMS.Branch = "main"
	}
	if s.PublicationsPerPage <= 0 {
		s.PublicationsPerPage = 100
	}
	def := f.DefaultContentLanguage
	if def == "" {
		def = "en"
	}
	for l, v := range f.Languages {
		s.Languages = append(s.Languages, l)
		s.Labels[l] = v.Label
	}
	sort.Slice(s.Languages, func(i, j int) bool {
		wi, wj := f.Languages[s.Languages[i]].Weight, f.Languages[s.Languages[j]].Weight
		if wi != wj {
			return wi < wj
		}
		return s.Languages[i] < s.Languages[j]
	})
	if len(s.Languages) == 0 {
		s.Languages = []string{def}
	}
	for i, l := range s.Languages {
		if l == def {
			s.Languages = append([]string{l}, append(s.Languages[:i:i], s.Languages[i+1:]...)...)
			break
		}
	}
	for _, l := range s.Languages {
		if s.Labels[l] == "" {
			s.Labels[l] = l
		}
	}
	var err error
	if s.Limits, err = readLimits(f.Params.Limits); err != nil {
		return nil, err
	}
	return s, nil
}

// Default is the configuration of a site whose hugo.toml sets nothing.
func Default() *Site {
	s, _ := Parse(nil)
	return s
}
