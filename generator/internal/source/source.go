// Package source reads everything a person edits (content front matter and,
// as they arrive, datasets and bibliographies), checks each file against its
// JSON Schema and the vocabularies, then checks across files: duplicate
// slugs, references to items that do not exist, images and their alt text,
// translations that disagree. It reports every problem at once, each at
// path:line:col, and returns typed values only for what is valid.
package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/itu-d/portal/generator/internal/config"
	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/par"
)

// Site is what was loaded from a site's source tree.
type Site struct {
	Root         string
	Config       *config.Site
	Languages    []string // the default language first
	Stories      []*Story
	Regions      []*Region
	Pages        []*Page
	Content      []*Content // every content file with its translations
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

// Options select what Load reads.
type Options struct {
	Drafts bool         // include drafts in cross-file checks
	Config *config.Site // the site's hugo.toml; nil: read it from root
}

// Load reads and checks the site under root. Problems are returned sorted;
// the Site is complete only when the list holds no errors.
func Load(root string, opts Options) (*Site, *diag.List) {
	probs := &diag.List{}
	site := &Site{Root: root, Config: opts.Config}
	if site.Config == nil {
		var err error
		if site.Config, err = config.Read(root); err != nil {
			var ce *config.Error
			if errors.As(err, &ce) {
				probs.Add(diag.Problem{Path: config.File, Line: ce.Line, Col: ce.Col, Msg: ce.Msg, Hint: ce.Hint})
			} else {
				probs.Errorf(config.File, 0, 0, "%v", err)
			}
			return site, probs
		}
	}
	site.Languages = site.Config.Languages
	sch, err := compileSchemas()
	if err != nil {
		probs.Errorf("schemas", 0, 0, "%v", err)
		return site, probs
	}
	l := &loader{site: site, schemas: sch, probs: probs, opts: opts, symlinks: map[string]bool{}, content: map[string]*Content{}}
	l.checkTree()
	l.checkData()
	l.checkI18n()
	l.walkContent()
	site.Content = l.checkTranslations()
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
	// brokenDatasets holds the datasets whose own problems were reported,
	// so that stories naming them or their charts are not blamed as well.
	brokenDatasets []string
	// contentFiles holds every content file's path, to find a translation's
	// original.
	contentFiles map[string]bool
	// content groups content files with their translations, by key.
	content map[string]*Content
	// symlinks are the links checkTree refused, so that readers do not
	// report them again.
	symlinks map[string]bool
	// checkedSVG are the SVG files of content/ already checked.
	checkedSVG map[string]bool
}

func (l *loader) walkContent() {
	l.docs = map[string]*frontMatter{}
	l.storyFolders = map[string]bool{}
	l.contentFiles = map[string]bool{}
	l.checkedSVG = map[string]bool{}
	root := filepath.Join(l.site.Root, "content")
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || d.Type()&os.ModeSymlink != 0 {
			return nil
		}
		rel := l.rel(p)
		ext := filepath.Ext(p)
		switch low := strings.ToLower(ext); {
		case ext == ".md" || ext == ".markdown" || d.Name() == "_content.gotmpl":
			if ext != ".gotmpl" {
				files = append(files, rel)
				l.contentFiles[rel] = true
			}
		case low == ".md" || low == ".markdown":
			l.probs.Add(diag.Problem{Path: rel, Msg: fmt.Sprintf("write the extension in lower case: %s", low),
				Hint: "Hugo reads " + ext + " as a language code, not as Markdown"})
		case otherContentFormats[low]:
			l.probs.Add(diag.Problem{Path: rel, Msg: fmt.Sprintf("%s files are not read as content, but Hugo would publish this one as a page", ext),
				Hint: "write content in Markdown, as a .md file"})
		case low == ".svg":
			// Every SVG in a folder is published, named by a page or not,
			// so every one must be inert.
			if b, ok := l.readLimited(rel, "imageBytes", l.limits().ImageBytes); ok {
				if pr := checkSVG(b); pr != nil {
					l.probs.Add(diag.Problem{Path: rel, Line: pr.Line, Col: pr.Col, Msg: "SVG image " + pr.Msg,
						Hint: "images are published as they are, so only plain drawing (shapes, paths, text, gradients) is accepted; remove it or export a plain SVG"})
				}
				l.checkedSVG[rel] = true
			}
		case !contentFileTypes[low]:
			l.probs.Add(diag.Problem{Path: rel, Msg: fmt.Sprintf("%s files are not published from content/", ext),
				Hint: "a content folder holds Markdown (.md) and images (.jpg, .png, .webp, .gif, .svg) or PDF documents; anything else could run in a reader's browser"})
		}
		return nil
	})
	sort.Strings(files)
	pre := l.parseAll(files)
	for i, f := range files {
		l.loadFile(f, pre[i])
	}
}

// parsed is a content file's front matter, read and parsed ahead.
type parsed struct {
	fm  *frontMatter
	err error
}

// parseAll reads and parses the front matter of the content files on
// every core: the YAML parser is most of what checking content costs. A
// file that cannot be read plainly (readChecked) or is not UTF-8 gets nil,
// and loadFile reads it again to say what is wrong, in file order.
func (l *loader) parseAll(files []string) []*parsed {
	out := make([]*parsed, len(files))
	lim := l.limits()
	par.For(len(files), func(i int) {
		src, ok, _ := l.readChecked(files[i], "contentBytes", lim.ContentBytes)
		if !ok || !utf8.Valid(src) {
			return
		}
		fm, err := parseFrontMatter(src, lim)
		out[i] = &parsed{fm, err}
	})
	return out
}

// contentFileTypes are the files a content folder may hold beside
// Markdown: Hugo publishes every file of a page's folder, so anything a
// browser would run (.js, .html, .xhtml, .xml, .svgz) is refused.
var contentFileTypes = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".webp": true, ".gif": true, ".svg": true, ".pdf": true}

// otherContentFormats are the file types Hugo renders as pages besides
// Markdown. Only Markdown is checked, so the others are refused: an HTML
// file would be published with whatever it holds.
var otherContentFormats = map[string]bool{
	".html": true, ".htm": true, ".org": true, ".adoc": true, ".asciidoc": true, ".ad": true,
	".pdc": true, ".pandoc": true, ".rst": true, ".ipynb": true,
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

// limits are the site's input limits, or the defaults when the loader was
// made without a configuration (as the fuzzers make it).
func (l *loader) limits() config.Limits {
	if l.site.Config == nil {
		return config.DefaultLimits()
	}
	return l.site.Config.Limits
}
