// Package derive writes what the generator computes from the checked
// sources into the site's .gen/ folder, which hugo.toml mounts: data files
// under .gen/data (site.Data.gen) and assets under .gen/assets (assets/gen).
// It only ever sees validated values, so it has no error paths for bad
// content; its errors are I/O errors.
package derive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"

	"github.com/itu-d/portal/generator/internal/fonts"
	"github.com/itu-d/portal/generator/internal/geo"
	"github.com/itu-d/portal/generator/internal/par"
	"github.com/itu-d/portal/generator/internal/source"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// Dir is the folder, relative to the site root, that holds derived files.
const Dir = ".gen"

// Code highlighting styles for light and dark colour schemes.
const (
	LightStyle = "github"
	DarkStyle  = "github-dark"
)

// Country is what the templates need to know about a country.
type Country struct {
	Region string            `json:"region,omitempty"`
	Name   map[string]string `json:"name"`
}

// Direct is what a build writes into its output itself: files made, and
// files that Later makes (Hugo needs only their addresses). Names are
// slash paths in the output.
type Direct struct {
	Files map[string][]byte
	Later []func() (map[string][]byte, error)
	// Written and Removed, filled in by Write, name the files under .gen
	// that it wrote or removed (slash paths relative to .gen): what a
	// partial rebuild tells Hugo.
	Written, Removed []string
}

// Write replaces root/.gen with what the site derives. Writing is skipped
// for files whose content is unchanged, so `serve` reloads only what moved;
// files no longer derived are removed.
//
// direct, when not nil, receives the files a build writes straight into
// its output folder rather than through Hugo's static copy: each
// publication's own three records, tens of thousands in a large library,
// and the library's listings, made while Hugo runs.
func Write(site *source.Site, baseURL string, direct *Direct) (Charts, error) {
	dir := filepath.Join(site.Root, Dir)
	files := map[string][]byte{}
	// Pictures are named by what they show: one not there before is new.
	pictures := listed(dir, cardsDir, chartsDir)
	pubs, facets, topics, err := publications(site, files, direct, baseURL)
	if err != nil {
		return Charts{}, err
	}
	if files["data/publication_topics.json"], err = marshal(topics); err != nil {
		return Charts{}, err
	}
	// Compact: at 10,000 publications the indented file would be twice the
	// size for Hugo to read.
	if files["data/publications.json"], err = marshalList(pubs); err != nil {
		return Charts{}, err
	}
	if files["data/publication_facets.json"], err = marshal(facets); err != nil {
		return Charts{}, err
	}
	// Key to position in publications.json: a page finds its record with
	// two index calls instead of a scan of the library.
	index := make(map[string]int, len(pubs))
	for i, p := range pubs {
		index[p.Key] = i
	}
	if files["data/publication_index.json"], err = marshalCompact(index); err != nil {
		return Charts{}, err
	}
	var pngs []chartPNG
	ds, charts, err := datasets(site, files, baseURL, &pngs)
	if err != nil {
		return charts, err
	}
	keepPNGs, err := chartPNGs(site.Root, pngs)
	if err != nil {
		return charts, err
	}
	relatedPublications(site, ds, index, 8)
	reused, allData, err := reuse(site, files, baseURL)
	if err != nil {
		return charts, err
	}
	for name, r := range reused {
		d := ds[name]
		d.Reuse = &r
		ds[name] = d
	}
	if files["data/downloads.json"], err = marshal(map[string]any{"all": allData, "bytes": len(files["static/"+strings.TrimPrefix(allData, "/")])}); err != nil {
		return charts, err
	}
	if files["data/datasets.json"], err = marshal(ds); err != nil {
		return charts, err
	}
	profiles, hubs, err := profilesAndHubs(site, index)
	if err != nil {
		return charts, err
	}
	index2 := map[string]profileIndexJSON{}
	for code, p := range profiles {
		index2[code] = profileIndexJSON{Regions: p.Regions, Name: p.Name, Stories: p.Stories, Internet: p.Internet}
		for _, l := range site.Languages {
			page := profilePageJSON{Figures: p.Figures[l], Charts: p.Charts[l], Locator: p.Locator[l], Datasets: p.Datasets,
				Publications: p.Publications, IXPs: p.IXPs, Cables: p.Cables, Centres: p.Centres, Offices: p.Offices}
			if page.Figures == nil {
				page.Figures = []figureJSON{}
			}
			name := "assets/profiles/" + l + "/" + strings.ToLower(code) + ".json"
			if files[name], err = marshalCompact(page); err != nil {
				return charts, err
			}
		}
	}
	if files["data/profiles.json"], err = marshal(index2); err != nil {
		return charts, err
	}
	hubs.Topics = topicHubs(ds, pubs, 8)
	if files["data/hubs.json"], err = marshalCompact(hubs); err != nil {
		return charts, err
	}
	cardMap, keepCards, _, err := cards(site, baseURL, ds, pubs, profiles)
	if err != nil {
		return charts, err
	}
	// One small file per page, not one map for the site: Hugo re-renders
	// every page that reads site data when any data file changes, but only
	// the readers of an asset when it does, so an edit in serve redraws
	// the pages of the edited story and its lists, not the whole site.
	for url, card := range cardMap {
		files["assets/cards"+url+"card.txt"] = []byte(card)
	}
	loc, err := locators(site)
	if err != nil {
		return charts, err
	}
	if files["data/locators.json"], err = marshal(loc); err != nil {
		return charts, err
	}
	if files["data/translations.json"], err = marshal(translations(site)); err != nil {
		return charts, err
	}
	if files["data/translation_status.json"], err = marshal(site.TranslationStatus()); err != nil {
		return charts, err
	}
	countries, err := countriesJSON(site)
	if err != nil {
		return charts, err
	}
	files["data/countries.json"] = countries
	// The shipped font subsets and their @font-face rules (package fonts).
	webFonts, fontCSS := fonts.Web()
	for _, f := range webFonts {
		files["static"+f.Path] = f.Data
	}
	files["assets/fonts.css"] = []byte(fontCSS)
	// The regular subsets a page with charts preloads, by language: its
	// charts were measured with them.
	preload := map[string][]string{}
	for _, l := range site.Languages {
		for _, sc := range fonts.ScriptsOf(l) {
			for _, f := range webFonts {
				if strings.HasPrefix(f.Path, "/fonts/"+sc+"-regular.") {
					preload[l] = append(preload[l], f.Path)
				}
			}
		}
	}
	if files["data/fonts.json"], err = marshal(preload); err != nil {
		return charts, err
	}
	chroma, err := chromaCSS()
	if err != nil {
		return charts, err
	}
	files["assets/chroma.css"] = chroma
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, b) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return charts, err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return charts, err
		}
		if direct != nil {
			direct.Written = append(direct.Written, name)
		}
	}
	keep := make(map[string]bool, len(files)+len(keepCards))
	for name := range files {
		keep[name] = true
	}
	for _, name := range append(keepCards, keepPNGs...) {
		keep[name] = true
		if direct != nil && !pictures[name] {
			direct.Written = append(direct.Written, name)
		}
	}
	removed, err := prune(dir, keep)
	if direct != nil {
		direct.Removed = removed
	}
	return charts, err
}

// listed names the files in the given folders of dir, as slash paths
// relative to dir.
func listed(dir string, folders ...string) map[string]bool {
	names := map[string]bool{}
	for _, f := range folders {
		entries, _ := os.ReadDir(filepath.Join(dir, filepath.FromSlash(f)))
		for _, e := range entries {
			names[f+"/"+e.Name()] = true
		}
	}
	return names
}

// prune removes derived files that are no longer derived (a deleted view),
// leaving the reports folder alone, and names them.
func prune(dir string, keep map[string]bool) ([]string, error) {
	var removed []string
	var dirs []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if !keep[rel] && !strings.HasPrefix(rel, "reports/") {
			removed = append(removed, rel)
			return os.Remove(p)
		}
		return nil
	})
	// Folders left empty go too, deepest first; os.Remove leaves the others.
	for i := len(dirs) - 1; i > 0; i-- {
		os.Remove(dirs[i])
	}
	return removed, err
}

// countriesJSON names every ISO country in each site language and gives
// the ITU region of those the stories place in one.
func countriesJSON(site *source.Site) ([]byte, error) {
	regionOf := map[string]string{}
	for _, s := range site.Stories {
		if s.Lang == site.Languages[0] || regionOf[s.Country] == "" {
			regionOf[s.Country] = s.Region
		}
	}
	out := map[string]Country{}
	for _, code := range vocab.Countries() {
		names := map[string]string{}
		for _, l := range site.Languages {
			names[l] = vocab.CountryName(code, l)
		}
		out[code] = Country{Region: regionOf[code], Name: names}
	}
	return marshal(out)
}

// locators draws, for each story's country, a small map of it within its
// ITU region, in each language the story is written in. Keys: "DJ-africa".
func locators(site *source.Site) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, s := range site.Stories {
		if s.Country == "" || s.Region == "" {
			continue
		}
		key := s.Country + "-" + s.Region
		if out[key] == nil {
			out[key] = map[string]string{}
		}
		if _, done := out[key][s.Lang]; done {
			continue
		}
		svg, err := geo.Locator(s.Country, geo.LocatorOptions{Region: s.Region, Lang: s.Lang})
		if err != nil {
			return nil, fmt.Errorf("%s: locator map: %w", s.Path, err)
		}
		out[key][s.Lang] = string(svg)
	}
	return out, nil
}

// marshal writes JSON with sorted keys, one entry per line, so derived
// files diff well and two builds are byte-identical.
func marshal(v any) ([]byte, error) {
	return encode(v, " ")
}

func marshalCompact(v any) ([]byte, error) {
	return encode(v, "")
}

// marshalList is marshalCompact for a slice, its items encoded on every
// core: the same bytes, in a fraction of the time for a large library.
func marshalList[T any](items []T) ([]byte, error) {
	if items == nil {
		return marshalCompact(items) // null
	}
	parts := make([][]byte, len(items))
	errs := make([]error, len(items))
	par.For(len(items), func(i int) {
		b, err := encode(items[i], "")
		parts[i], errs[i] = bytes.TrimSuffix(b, []byte("\n")), err
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	n := 3
	for _, p := range parts {
		n += len(p) + 1
	}
	out := make([]byte, 0, n)
	out = append(out, '[')
	for i, p := range parts {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, p...)
	}
	return append(out, ']', '\n'), nil
}

func encode(v any, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// chromaCSS is the highlighting stylesheet: the light style, and the dark
// one inside a prefers-color-scheme query.
func chromaCSS() ([]byte, error) {
	f := html.New(html.WithClasses(true))
	var light, dark bytes.Buffer
	if err := f.WriteCSS(&light, styles.Get(LightStyle)); err != nil {
		return nil, err
	}
	if err := f.WriteCSS(&dark, styles.Get(DarkStyle)); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "/* Generated from chroma styles %s and %s. */\n", LightStyle, DarkStyle)
	b.Write(light.Bytes())
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	// Token classes the dark style leaves out would keep the light style's
	// colours (dark grey punctuation on a dark ground): they take the text
	// colour instead. Same specificity as the style's rules, which follow.
	b.WriteString(".chroma [class] { color: inherit; }\n")
	b.Write(dark.Bytes())
	b.WriteString("}\n")
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	var min bytes.Buffer
	if err := m.Minify("text/css", &min, &b); err != nil {
		return nil, err
	}
	return min.Bytes(), nil
}
