package cms

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml"

	"github.com/itu-d/portal/generator/internal/source"
	"github.com/itu-d/portal/generator/internal/vocab"
	"github.com/itu-d/portal/schemas"
)

// Options shape the configuration.
type Options struct {
	Repo    string // GitHub owner/name the editorial workflow opens pull requests on
	Branch  string // the branch pull requests merge into
	SiteURL string // the published site, for "view live" links
	// LocalBackend, when set, is the URL of a local backend (see Local):
	// the CMS then reads and writes the repository on this machine.
	LocalBackend string
}

type obj = yaml.MapSlice

func kv(k string, v any) yaml.MapItem { return yaml.MapItem{Key: k, Value: v} }

// Config returns Decap CMS's config.yml for the site: its collections and
// every field of every form come from schemas/*.json, and every list of
// choices from the schemas' enums and the vocabularies, so the form asks
// for exactly what `check` accepts.
func Config(site *source.Site, o Options) ([]byte, error) {
	g := &gen{labels: readLabels(site.Root), schemas: map[string]*node{}, shared: map[string][]any{}}
	for _, name := range []string{"story", "page", "home", "region", "datapackage"} {
		b, err := schemas.FS.ReadFile(name + ".json")
		if err != nil {
			return nil, err
		}
		n, err := parseSchema(b)
		if err != nil {
			return nil, fmt.Errorf("schemas/%s.json: %w", name, err)
		}
		g.schemas[name] = n
	}
	backend := obj{kv("name", "github"), kv("repo", o.Repo), kv("branch", o.Branch), kv("squash_merges", true)}
	cfg := obj{
		kv("backend", backend),
		// Each change is a pull request: Netlify builds its deploy preview,
		// and merging it publishes.
		kv("publish_mode", "editorial_workflow"),
	}
	if o.LocalBackend != "" {
		cfg = append(cfg, kv("local_backend", obj{kv("url", o.LocalBackend)}))
	}
	if o.SiteURL != "" {
		cfg = append(cfg, kv("site_url", o.SiteURL), kv("display_url", o.SiteURL))
	}
	cfg = append(cfg,
		kv("locale", "en"),
		// Images belong to their story (each collection below overrides
		// this); this folder only backs the shared media library.
		kv("media_folder", "static/images"),
		kv("public_folder", "/images"),
		kv("slug", obj{kv("encoding", "ascii"), kv("clean_accents", true), kv("sanitize_replacement", "-")}),
		// The preview that counts is the site itself: serve locally, the
		// deploy preview on a pull request.
		kv("editor", obj{kv("preview", false)}),
		kv("collections", g.collections(site)),
	)
	b, err := yaml.MarshalWithOptions(cfg, yaml.UseLiteralStyleIfMultiline(true))
	if err != nil {
		return nil, err
	}
	return g.expand(b)
}

// share stands for v, a list repeated across the configuration (every
// page's fields, every country list), with a placeholder that expand
// writes once under an anchor and then as aliases: the file is about a
// tenth of its size written out.
func (g *gen) share(name string, v []any) string {
	if _, ok := g.shared[name]; !ok {
		g.shared[name] = v
		g.order = append(g.order, name)
	}
	return "@@" + name + "@@"
}

func (g *gen) expand(b []byte) ([]byte, error) {
	text := string(b)
	// A shared block may hold another's placeholder: a second pass writes
	// those as aliases.
	for range 2 {
		for _, name := range g.order {
			block, err := yaml.MarshalWithOptions(g.shared[name], yaml.UseLiteralStyleIfMultiline(true))
			if err != nil {
				return nil, err
			}
			marker := regexp.MustCompile(`(?m)^( *)([A-Za-z_]+): ["']?@@` + regexp.QuoteMeta(name) + `@@["']?$`)
			first := !strings.Contains(text, ": &"+name+"\n")
			text = marker.ReplaceAllStringFunc(text, func(line string) string {
				m := marker.FindStringSubmatch(line)
				if !first {
					return m[1] + m[2] + ": *" + name
				}
				first = false
				indent := m[1] + "  "
				lines := strings.Split(strings.TrimRight(string(block), "\n"), "\n")
				for i, l := range lines {
					lines[i] = indent + l
				}
				return m[1] + m[2] + ": &" + name + "\n" + strings.Join(lines, "\n")
			})
		}
	}
	if strings.Contains(text, "@@") {
		return nil, fmt.Errorf("the CMS configuration has a placeholder left")
	}
	return []byte(text), nil
}

type gen struct {
	labels  map[string]string // interface strings of the default language (i18n/en.yaml)
	schemas map[string]*node
	shared  map[string][]any // see share
	order   []string
}

func (g *gen) collections(site *source.Site) []any {
	story := g.schemas["story"]
	cols := []any{obj{
		kv("name", "stories"),
		kv("label", "Stories"),
		kv("label_singular", "Story"),
		kv("description", "Success stories, one folder each. Translations sit beside the original as index.LANG.md and are listed here too."),
		kv("folder", "content/stories"),
		kv("path", "{{slug}}/index"),
		kv("create", true),
		kv("extension", "md"),
		kv("format", "yaml-frontmatter"),
		// Images go into the story's own folder (a Hugo page bundle).
		kv("media_folder", ""),
		kv("public_folder", ""),
		kv("summary", "{{title}} ({{filename}}.{{extension}})"),
		kv("sortable_fields", []string{"date", "title"}),
		kv("fields", append(g.fields(story, story, ""), body())),
	}}
	files := map[string][]any{}
	for _, c := range site.Content {
		kind := c.Kind
		if kind == "story" {
			continue
		}
		paths := []string{c.Original}
		for _, lang := range site.Languages {
			if t := c.Translations[lang]; t != nil {
				paths = append(paths, t.Path)
			}
		}
		schema := g.schemas[kind]
		if schema == nil {
			schema = g.schemas["page"]
			kind = "page"
		}
		for _, p := range paths {
			files[kind] = append(files[kind], obj{
				kv("name", strings.NewReplacer("/", "-", ".", "-").Replace(strings.TrimPrefix(p, "content/"))),
				kv("label", strings.TrimPrefix(p, "content/")),
				kv("file", p),
				kv("fields", g.share(kind+"_fields", append(g.fields(schema, schema, ""), body()))),
			})
		}
	}
	for _, k := range []struct{ kind, name, label, desc string }{
		{"page", "pages", "Pages", "About, Partner with ITU-D and the other plain pages, with their translations."},
		{"region", "regions", "Regions", "The page of each ITU region."},
		{"home", "home", "Home page", "The home page's text and key figures."},
	} {
		if len(files[k.kind]) == 0 {
			continue
		}
		cols = append(cols, obj{kv("name", k.name), kv("label", k.label), kv("description", k.desc),
			kv("extension", "md"), kv("format", "yaml-frontmatter"), kv("files", files[k.kind])})
	}
	dp := g.schemas["datapackage"]
	var meta []any
	for _, f := range g.fields(dp, dp, "") {
		// Resources and views describe the CSV files and the charts: they
		// are edited with the data, not in a form.
		if n := f.(obj)[0].Value; n != "resources" && n != "views" {
			meta = append(meta, f)
		}
	}
	cols = append(cols, obj{
		kv("name", "datasets"),
		kv("label", "Datasets"),
		kv("description", "What each dataset is, where it comes from and its licence. Its CSV files and charts are edited in the repository."),
		kv("folder", "data/datasets"),
		kv("path", "{{slug}}/datapackage"),
		kv("create", false),
		kv("delete", false),
		kv("extension", "yaml"),
		kv("format", "yaml"),
		kv("identifier_field", "name"),
		kv("summary", "{{name}}"),
		kv("fields", meta),
	})
	return cols
}

func body() obj {
	return obj{kv("name", "body"), kv("label", "Text"), kv("widget", "markdown"), kv("required", false),
		kv("hint", "The story itself, in Markdown. Images in the text need alt text: ![what it shows](file.jpg).")}
}

// fields returns the form fields of an object schema: required fields first,
// in the order the schema lists them, then the others, then the fields
// Hugo itself reads, which editors seldom set.
func (g *gen) fields(root, n *node, at string) []any {
	n = n.resolve(root)
	var first, rest, last []any
	for _, p := range n.Properties {
		f := g.field(root, p.Name, p.node, n.requires(p.Name), at)
		switch {
		case n.requires(p.Name):
			first = append(first, f)
		case at == "" && hugoFields[p.Name]:
			last = append(last, f)
		default:
			rest = append(rest, f)
		}
	}
	return append(append(first, rest...), last...)
}

// hugoFields are front matter fields Hugo reads for itself.
var hugoFields = map[string]bool{"draft": true, "weight": true, "aliases": true, "slug": true, "publishDate": true,
	"expiryDate": true, "keywords": true, "translationKey": true, "linkTitle": true, "description": true}

var datePattern = regexp.MustCompile(`^\^\\d\{4\}-\\d\{2\}-\\d\{2\}`)

func (g *gen) field(root *node, name string, raw *node, required bool, at string) obj {
	n := raw.resolve(root)
	where := strings.TrimPrefix(at+"."+name, ".")
	f := obj{kv("name", name), kv("label", g.label(name)), kv("required", required)}
	if n.Description != "" {
		f = append(f, kv("hint", n.Description))
	}
	switch {
	case name == "country" && n.typeIs("string"):
		return append(f, kv("widget", "select"), kv("options", g.share("countries", countryOptions())))
	case name == "countries" && n.typeIs("array"):
		f = append(f, kv("widget", "select"), kv("multiple", true), kv("options", g.share("countries", countryOptions())))
		return withMin(f, n)
	case name == "sdgs" && n.Items != nil:
		var opts []any
		for i := 1; i <= 17; i++ {
			opts = append(opts, obj{kv("label", fmt.Sprintf("%d. %s", i, g.labels[fmt.Sprintf("sdg_%d", i)])), kv("value", i)})
		}
		f = append(f, kv("widget", "select"), kv("multiple", true), kv("options", opts))
		return withMin(f, n)
	case len(n.Enum) > 0:
		return append(f, kv("widget", "select"), kv("options", g.options(name, n.Enum)))
	case n.typeIs("array") && n.Items != nil && len(n.Items.resolve(root).Enum) > 0:
		f = append(f, kv("widget", "select"), kv("multiple", true), kv("options", g.options(name, n.Items.resolve(root).Enum)))
		return withMin(f, n)
	case n.typeIs("string") && datePattern.MatchString(n.Pattern):
		return append(f, kv("widget", "datetime"), kv("format", "YYYY-MM-DD"), kv("date_format", "YYYY-MM-DD"),
			kv("time_format", false), kv("picker_utc", true))
	case where == "image.src":
		return append(f, kv("widget", "image"), kv("choose_url", false),
			kv("pattern", []string{n.Pattern, "a JPEG, PNG, WebP or SVG file, its extension in small letters (.jpg, not .JPG)"}))
	case len(n.OneOf) > 0 && isText(n):
		// Text in each language; English is the one required.
		var langs []any
		for _, l := range []string{"en", "fr", "es", "ar", "zh", "ru"} {
			langs = append(langs, obj{kv("name", l), kv("label", languageName(l)), kv("widget", "text"), kv("required", l == "en")})
		}
		return append(f, kv("widget", "object"), kv("collapsed", !required), kv("fields", langs))
	case n.typeIs("object") && len(n.Properties) > 0:
		// Optional groups stay folded, but for the photo, which most stories have.
		fields := g.fields(root, n, where)
		if !required {
			fields = optionalGroup(fields, g.label(name))
		}
		return append(f, kv("widget", "object"), kv("collapsed", !required && where != "image"), kv("fields", fields))
	case n.typeIs("array") && n.Items != nil && n.Items.resolve(root).typeIs("object"):
		item := n.Items.resolve(root)
		f = append(f, kv("widget", "list"), kv("collapsed", true), kv("fields", g.fields(root, item, where)))
		return withMin(f, n)
	case n.typeIs("array"):
		return withMin(append(f, kv("widget", "list")), n)
	case n.typeIs("boolean"):
		return append(f, kv("widget", "boolean"), kv("default", false))
	case n.typeIs("integer"):
		f = append(f, kv("widget", "number"), kv("value_type", "int"))
		if n.Minimum != nil {
			f = append(f, kv("min", *n.Minimum))
		}
		if n.Maximum != nil {
			f = append(f, kv("max", *n.Maximum))
		}
		return f
	}
	widget := "string"
	if n.MaxLength != nil && *n.MaxLength > 200 || name == "summary" || name == "description" || name == "notes" || name == "address" {
		widget = "text"
	}
	f = append(f, kv("widget", widget))
	if n.Pattern != "" {
		f = append(f, kv("pattern", []string{n.Pattern, patternMessage(n)}))
	} else if n.MaxLength != nil {
		f = append(f, kv("pattern", []string{fmt.Sprintf(`^[\s\S]{0,%d}$`, *n.MaxLength), fmt.Sprintf("at most %d characters", *n.MaxLength)}))
	}
	return f
}

// optionalGroup makes the fields of an optional group optional in the
// form: Decap checks a group's required fields even when the group is left
// empty, and cannot require a field only once its group is used. The hint
// says it, and check (run by serve and by every deploy preview) holds it.
func optionalGroup(fields []any, group string) []any {
	out := make([]any, len(fields))
	for i, f := range fields {
		o := append(obj(nil), f.(obj)...)
		for j, item := range o {
			switch {
			case item.Key == "required" && item.Value == true:
				o[j].Value = false
				o = append(o, kv("hint", fmt.Sprintf("Required when %s is filled in.", strings.ToLower(group))))
			}
		}
		out[i] = mergeHints(o)
	}
	return out
}

// mergeHints joins a field's hints into one.
func mergeHints(o obj) obj {
	var hints []string
	var out obj
	for _, item := range o {
		if item.Key == "hint" {
			hints = append(hints, item.Value.(string))
			continue
		}
		out = append(out, item)
	}
	if len(hints) > 0 {
		out = append(out, kv("hint", strings.Join(hints, " ")))
	}
	return out
}

func withMin(f obj, n *node) obj {
	if n.MinItems != nil && *n.MinItems > 0 {
		f = append(f, kv("min", *n.MinItems))
	}
	return f
}

func isText(n *node) bool {
	for _, o := range n.OneOf {
		if o.typeIs("object") && len(o.Required) == 1 && o.Required[0] == "en" {
			return true
		}
	}
	return false
}

func patternMessage(n *node) string {
	switch n.Pattern {
	case "^https?://":
		return "a web address starting with https://"
	case "^[a-z0-9]+(-[a-z0-9]+)*$":
		return "lower-case letters and digits joined by hyphens"
	}
	if n.Description != "" {
		return n.Description
	}
	return "not written the expected way"
}

// options labels the values of an enum with the site's own words for them
// (i18n/en.yaml: region_africa, sector_health, topic_mobile) where it has
// them.
func (g *gen) options(field string, values []any) []any {
	prefix := map[string]string{"region": "region_", "regions": "region_", "sectors": "sector_", "topics": "topic_"}[field]
	var out []any
	for _, v := range values {
		s := fmt.Sprint(v)
		label := g.labels[prefix+s]
		if prefix == "" || label == "" {
			label = sentence(s)
		}
		out = append(out, obj{kv("label", label), kv("value", s)})
	}
	return out
}

func countryOptions() []any {
	var out []any
	codes := vocab.Countries()
	slices.SortFunc(codes, func(a, b string) int {
		return strings.Compare(vocab.CountryName(a, "en"), vocab.CountryName(b, "en"))
	})
	for _, c := range codes {
		out = append(out, obj{kv("label", vocab.CountryName(c, "en")+" ("+c+")"), kv("value", c)})
	}
	return out
}

func languageName(code string) string {
	return map[string]string{"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "zh": "Chinese", "ru": "Russian"}[code]
}

// label turns a field name into words: datePrecision → "Date precision".
func (g *gen) label(name string) string {
	if l, ok := map[string]string{"sdgs": "SDGs", "src": "Image file", "alt": "Alt text (what the image shows)",
		"url": "Web address", "of": "Version of the original", "datePrecision": "Date precision"}[name]; ok {
		return l
	}
	var b strings.Builder
	for i, r := range name {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte(' ')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return sentence(b.String())
}

func sentence(s string) string {
	s = strings.ReplaceAll(s, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// readLabels reads the default language's interface strings; the labels
// are a convenience, so a missing file leaves the plain values.
func readLabels(root string) map[string]string {
	out := map[string]string{}
	b, err := os.ReadFile(filepath.Join(root, "i18n", "en.yaml"))
	if err != nil {
		return out
	}
	var m map[string]any
	if yaml.Unmarshal(b, &m) != nil {
		return out
	}
	for k, v := range m {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return out
}
