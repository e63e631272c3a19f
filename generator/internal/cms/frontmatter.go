package cms

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/itu-d/portal/schemas"
)

// FrontMatterFile is where VS Code's Front Matter CMS extension reads its
// configuration, at the site root.
const FrontMatterFile = "frontmatter.json"

// FrontMatterConfig returns frontmatter.json for the Front Matter CMS
// extension of VS Code: a content type per schema (story, page, region),
// made from the same schemas and vocabularies as the web editor's forms,
// and the content folders that hold each type. (VS Code's YAML extension
// cannot read front matter in Markdown; Front Matter CMS can, with its own
// form of field definitions rather than JSON Schema.) root is the site
// root, for the interface strings that label choices.
//
// Front Matter CMS writes a choice as text, never as a number, so sdgs (a
// list of integers) is left out of its form: it is edited in the text.
func FrontMatterConfig(root string) ([]byte, error) {
	g := &gen{labels: readLabels(root), schemas: map[string]*node{}}
	fm := &fmGen{gen: g, groups: map[string]any{}}
	var types []any
	for _, ct := range []struct{ name, schema string }{{"story", "story"}, {"page", "page"}, {"region", "region"}} {
		b, err := schemas.FS.ReadFile(ct.schema + ".json")
		if err != nil {
			return nil, err
		}
		n, err := parseSchema(b)
		if err != nil {
			return nil, err
		}
		types = append(types, obj{kv("name", ct.name), kv("pageBundle", ct.name == "story"), kv("previewPath", nil),
			kv("fields", fm.fields(n, n, true))})
	}
	var groups []any
	for _, id := range fm.order {
		groups = append(groups, fm.groups[id])
	}
	cfg := obj{
		kv("$schema", "https://frontmatter.codes/frontmatter.schema.json"),
		kv("frontMatter.framework.id", "hugo"),
		kv("frontMatter.content.publicFolder", "static"),
		kv("frontMatter.taxonomy.dateFormat", "yyyy-MM-dd"),
		kv("frontMatter.content.pageFolders", []any{
			obj{kv("title", "Stories"), kv("path", "[[workspace]]/content/stories"), kv("contentTypes", []string{"story"})},
			obj{kv("title", "Regions"), kv("path", "[[workspace]]/content/region"), kv("contentTypes", []string{"region"})},
			obj{kv("title", "Pages"), kv("path", "[[workspace]]/content"), kv("contentTypes", []string{"page"})},
		}),
		kv("frontMatter.taxonomy.contentTypes", types),
		kv("frontMatter.taxonomy.fieldGroups", groups),
	}
	b, err := json.MarshalIndent(mapSliceJSON(cfg), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

type fmGen struct {
	*gen
	groups map[string]any // field groups, for lists of objects
	order  []string
}

// fields orders the fields as the web editor does: required, optional, then
// those Hugo reads for itself (top level only).
func (fm *fmGen) fields(root, n *node, top bool) []any {
	n = n.resolve(root)
	var first, rest, last []any
	for _, p := range n.Properties {
		f := fm.field(root, p.Name, p.node, n.requires(p.Name))
		switch {
		case f == nil:
		case n.requires(p.Name):
			first = append(first, f)
		case top && hugoFields[p.Name]:
			last = append(last, f)
		default:
			rest = append(rest, f)
		}
	}
	return append(append(first, rest...), last...)
}

func (fm *fmGen) field(root *node, name string, raw *node, required bool) obj {
	n := raw.resolve(root)
	f := obj{kv("title", fm.label(name)), kv("name", name)}
	if required {
		f = append(f, kv("required", true))
	}
	if n.Description != "" {
		f = append(f, kv("description", n.Description))
	}
	choices := func(values []any) []any {
		var out []any
		for _, o := range fm.options(name, values) {
			out = append(out, obj{kv("id", o.(obj)[1].Value), kv("title", o.(obj)[0].Value)})
		}
		return out
	}
	switch {
	case name == "sdgs":
		return nil
	case name == "country" && n.typeIs("string"):
		var out []any
		for _, o := range countryOptions() {
			out = append(out, obj{kv("id", o.(obj)[1].Value), kv("title", o.(obj)[0].Value)})
		}
		return append(f, kv("type", "choice"), kv("choices", out))
	case len(n.Enum) > 0:
		return append(f, kv("type", "choice"), kv("choices", choices(n.Enum)))
	case n.typeIs("array") && n.Items != nil && len(n.Items.resolve(root).Enum) > 0:
		return append(f, kv("type", "choice"), kv("multiple", true), kv("choices", choices(n.Items.resolve(root).Enum)))
	case n.typeIs("string") && datePattern.MatchString(n.Pattern):
		return append(f, kv("type", "datetime"), kv("dateFormat", "yyyy-MM-dd"))
	case name == "src":
		return append(f, kv("type", "image"))
	case n.typeIs("object") && len(n.Properties) > 0:
		return append(f, kv("type", "fields"), kv("fields", fm.fields(root, n, false)))
	case n.typeIs("array") && n.Items != nil && n.Items.resolve(root).typeIs("object"):
		id := name
		if _, ok := fm.groups[id]; !ok {
			fm.groups[id] = obj{kv("id", id), kv("fields", fm.fields(root, n.Items.resolve(root), false))}
			fm.order = append(fm.order, id)
		}
		return append(f, kv("type", "block"), kv("fieldGroup", []string{id}))
	case n.typeIs("array"):
		return append(f, kv("type", "list"))
	case n.typeIs("boolean"):
		return append(f, kv("type", "boolean"))
	case n.typeIs("integer"):
		return append(f, kv("type", "number"))
	}
	return append(f, kv("type", "string"), kv("single", name != "summary" && name != "description" && name != "notes"))
}

// mapSliceJSON turns ordered maps into JSON objects that keep their order.
func mapSliceJSON(v any) any {
	switch v := v.(type) {
	case obj:
		return orderedJSON(v)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = mapSliceJSON(x)
		}
		return out
	}
	return v
}

type orderedJSON obj

func (o orderedJSON) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, item := range o {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, strconv.Quote(fmt.Sprint(item.Key))...)
		b = append(b, ':')
		v, err := json.Marshal(mapSliceJSON(item.Value))
		if err != nil {
			return nil, err
		}
		b = append(b, v...)
	}
	return append(b, '}'), nil
}
