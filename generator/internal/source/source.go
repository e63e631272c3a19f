// Package source reads everything a person edits (content front matter and,
// as they arrive, datasets and bibliographies), checks each file against its
// JSON Schema and the vocabularies, then checks across files: duplicate
// slugs, references to items that do not exist, images and their alt text,
// translations that disagree. It reports every problem at once, each at
// path:line:col, and returns typed values only for what is valid.
package source

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/itu-d/portal/generator/internal/diag"
)

// Site is what was loaded from a site's source tree.
type Site struct {
	Root         string
	Languages    []string // the default language first
	Stories      []*Story
	Regions      []*Region
	Pages        []*Page
	Datasets     []*Dataset
	Publications []*Publication
	// Links are the links written in Markdown bodies, so a broken one is
	// reported at its line in the content file rather than in the output.
	Links []ContentLink
}

// ContentLink is one Markdown link and the page it sits on.
type ContentLink struct {
	Path    string // content file
	Line    int
	Dest    string // as written
	PageURL string // URL path of the page it renders on, e.g. /fr/stories/x/
}

// Story is one language version of a success story.
type Story struct {
	Path     string // relative to Root, slash-separated
	Lang     string
	Slug     string
	Bundle   string // folder holding the story and its images
	Title    string
	Date     string
	Region   string
	Country  string
	Sectors  []string
	SDGs     []int
	Featured bool
	Draft    bool
	Image    *Image
	Related  Related
}

// Image is a story's hero image.
type Image struct {
	Src, Alt, Credit string
}

// Related lists the items a story points to.
type Related struct {
	Stories      []string `json:"stories"`
	Publications []string `json:"publications"`
	Datasets     []string `json:"datasets"`
}

// Region is one language version of an ITU region's page.
type Region struct {
	Path, Lang, Slug, Title string
	Offices                 []Office
}

// Office is an ITU office serving a region.
type Office struct {
	Kind, City, Country, Address, Note string
}

// Page is any other content page (home, section, about, ...).
type Page struct {
	Path, Lang, Kind, Title string
}

type chartRef struct {
	path      string
	line, col int
	ref       string
}

// Config is the part of hugo.toml the checks need.
type Config struct {
	DefaultContentLanguage string
	Languages              map[string]struct{ Weight int }
}

// ReadConfig reads the languages from hugo.toml under root.
func ReadConfig(root string) (Config, []string, error) {
	var c Config
	b, err := os.ReadFile(filepath.Join(root, "hugo.toml"))
	if err != nil {
		return c, nil, err
	}
	if err := toml.Unmarshal(b, &c); err != nil {
		return c, nil, err
	}
	if c.DefaultContentLanguage == "" {
		c.DefaultContentLanguage = "en"
	}
	langs := []string{}
	for l := range c.Languages {
		langs = append(langs, l)
	}
	sort.Slice(langs, func(i, j int) bool {
		wi, wj := c.Languages[langs[i]].Weight, c.Languages[langs[j]].Weight
		if wi != wj {
			return wi < wj
		}
		return langs[i] < langs[j]
	})
	if len(langs) == 0 {
		langs = []string{c.DefaultContentLanguage}
	}
	for i, l := range langs {
		if l == c.DefaultContentLanguage {
			langs = append([]string{l}, append(langs[:i:i], langs[i+1:]...)...)
			break
		}
	}
	return c, langs, nil
}

// Options select what Load reads.
type Options struct {
	Drafts bool // include drafts in cross-file checks
}

// Load reads and checks the site under root. Problems are returned sorted;
// the Site is complete only when the list holds no errors.
func Load(root string, opts Options) (*Site, *diag.List) {
	probs := &diag.List{}
	site := &Site{Root: root}
	_, langs, err := ReadConfig(root)
	if err != nil {
		probs.Errorf("hugo.toml", 0, 0, "%v", err)
		return site, probs
	}
	site.Languages = langs
	sch, err := compileSchemas()
	if err != nil {
		probs.Errorf("schemas", 0, 0, "%v", err)
		return site, probs
	}
	l := &loader{site: site, schemas: sch, probs: probs, opts: opts}
	l.walkContent()
	l.loadDatasets()
	l.loadPublications()
	l.crossCheck()
	probs.Problems()
	return site, probs
}

type loader struct {
	site    *Site
	schemas schemaSet
	probs   *diag.List
	opts    Options
	docs    map[string]*frontMatter // by path, for positions in cross-file checks
	// chartRefs are the {{< chart "dataset/view" >}} shortcodes seen.
	chartRefs []chartRef
	// storyFolders holds every story folder seen, valid or not, so a broken
	// story does not also break every reference to it.
	storyFolders map[string]bool
}

func (l *loader) walkContent() {
	l.docs = map[string]*frontMatter{}
	l.storyFolders = map[string]bool{}
	root := filepath.Join(l.site.Root, "content")
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != root {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")) {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	for _, f := range files {
		rel, _ := filepath.Rel(l.site.Root, f)
		l.loadFile(filepath.ToSlash(rel))
	}
}

// splitLang splits "index.fr.md" into "index" and "fr".
func (l *loader) splitLang(rel string) (base, lang string, ok bool) {
	name := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(rel), ".md"), ".markdown")
	base, lang = name, l.site.Languages[0]
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		base, lang = name[:i], name[i+1:]
		for _, known := range l.site.Languages {
			if known == lang {
				return base, lang, true
			}
		}
		return base, lang, false
	}
	return base, lang, true
}
