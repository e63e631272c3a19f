package source

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/vocab"
	"github.com/itu-d/portal/schemas"
)

// schemaSet holds the compiled schema of each content type.
type schemaSet map[string]*jsonschema.Schema

func compileSchemas() (schemaSet, error) {
	c := jsonschema.NewCompiler()
	names, err := fs.Glob(schemas.FS, "*.json")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b, err := schemas.FS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("schemas/%s: %w", n, err)
		}
		if err := c.AddResource(n, doc); err != nil {
			return nil, err
		}
	}
	set := schemaSet{}
	for _, n := range names {
		s, err := c.Compile(n)
		if err != nil {
			return nil, fmt.Errorf("schemas/%s: %w", n, err)
		}
		set[strings.TrimSuffix(n, ".json")] = s
	}
	return set, nil
}

// validate checks front matter against the schema of its content type and
// reports each failure at the position of the value it concerns.
func validate(sch *jsonschema.Schema, path string, fm *frontMatter, out *diag.List) {
	err := sch.Validate(any(fm.Fields))
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		if err != nil {
			out.Errorf(path, 1, 1, "%v", err)
		}
		return
	}
	var leaves []*jsonschema.ValidationError
	var collect func(e *jsonschema.ValidationError)
	collect = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			leaves = append(leaves, e)
		}
		for _, c := range e.Causes {
			collect(c)
		}
	}
	collect(ve)
	seen := map[string]bool{}
	for _, e := range leaves {
		for _, p := range describe(sch, path, fm, e) {
			if k := p.String(); !seen[k] {
				seen[k] = true
				out.Add(p)
			}
		}
	}
}

func describe(root *jsonschema.Schema, path string, fm *frontMatter, e *jsonschema.ValidationError) []diag.Problem {
	ptr := ""
	for _, s := range e.InstanceLocation {
		ptr += "/" + escapePointer(s)
	}
	label := fieldLabel(e.InstanceLocation)
	at := fm.position(ptr)
	problem := func(at pos, hint, format string, args ...any) diag.Problem {
		return diag.Problem{Path: path, Line: at.Line, Col: at.Col, Msg: fmt.Sprintf(format, args...), Hint: hint}
	}
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		var ps []diag.Problem
		for _, m := range k.Missing {
			hint := ""
			if s := lookup(root, ptr+"/"+escapePointer(m)); s != nil {
				hint = s.Description
			}
			where := fm.keyPosition(ptr)
			if ptr == "" {
				where = pos{1, 1}
			}
			name := m
			if ptr != "" {
				name = label + "." + m
			}
			ps = append(ps, problem(where, hint, "missing required field %q", name))
		}
		return ps
	case *kind.AdditionalProperties:
		var known []string
		if s := lookup(root, ptr); s != nil {
			for p := range s.Properties {
				known = append(known, p)
			}
		}
		sort.Strings(known)
		var ps []diag.Problem
		for _, p := range k.Properties {
			hint := "known fields: " + strings.Join(known, ", ")
			msg := fmt.Sprintf("unknown field %q", p)
			if s := vocab.Suggest(p, known); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
				hint = ""
			}
			ps = append(ps, diag.Problem{Path: path, Line: fm.keyPosition(ptr + "/" + escapePointer(p)).Line,
				Col: fm.keyPosition(ptr + "/" + escapePointer(p)).Col, Msg: msg, Hint: hint})
		}
		return ps
	case *kind.Type:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = typeWord(w)
		}
		return []diag.Problem{problem(at, example(root, ptr), "%s must be %s, not %s", label, strings.Join(want, " or "), typeWord(k.Got))}
	case *kind.Enum:
		got := fmt.Sprint(k.Got)
		var opts []string
		for _, w := range k.Want {
			opts = append(opts, fmt.Sprint(w))
		}
		msg := fmt.Sprintf("%s %q is not known", singular(e.InstanceLocation), got)
		if s := vocab.Suggest(got, opts); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return []diag.Problem{problem(at, "one of: "+strings.Join(opts, ", "), "%s", msg)}
	case *kind.Minimum:
		return []diag.Problem{problem(at, rangeHint(label), "%s is %s; it must be at least %s", label, ratString(k.Got), ratString(k.Want))}
	case *kind.Maximum:
		return []diag.Problem{problem(at, rangeHint(label), "%s is %s; it must be at most %s", label, ratString(k.Got), ratString(k.Want))}
	case *kind.Pattern:
		hint := ""
		if s := lookup(root, ptr); s != nil {
			hint = s.Description
		}
		if msg, h := explainPattern(label, k.Got, k.Want); msg != "" {
			return []diag.Problem{problem(at, h, "%s", msg)}
		}
		return []diag.Problem{problem(at, hint, "%s %q is not written the expected way", label, k.Got)}
	case *kind.MinItems:
		return []diag.Problem{problem(at, example(root, ptr), "%s must list at least %d entr%s", label, k.Want, plural(k.Want, "y", "ies"))}
	case *kind.MinLength:
		return []diag.Problem{problem(at, "", "%s is empty", label)}
	case *kind.MaxLength:
		return []diag.Problem{problem(at, "", "%s is %d characters long; keep it to %d", label, k.Got, k.Want)}
	case *kind.UniqueItems:
		return []diag.Problem{problem(at, "", "%s lists the same entry twice (entries %d and %d)", label, k.Duplicates[0]+1, k.Duplicates[1]+1)}
	}
	return []diag.Problem{problem(at, "", "%s: %s", label, e.ErrorKind.LocalizedString(nil))}
}

// lookup finds the schema that applies at an instance pointer.
func lookup(s *jsonschema.Schema, ptr string) *jsonschema.Schema {
	for _, seg := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		for s != nil && s.Ref != nil {
			s = s.Ref
		}
		if s == nil || seg == "" {
			break
		}
		if _, err := strconv.Atoi(seg); err == nil && s.Items2020 != nil {
			s = s.Items2020
			continue
		}
		s = s.Properties[pointerUnescaper.Replace(seg)]
	}
	for s != nil && s.Ref != nil && s.Description == "" {
		s = s.Ref
	}
	return s
}

func example(root *jsonschema.Schema, ptr string) string {
	if s := lookup(root, ptr); s != nil && s.Description != "" {
		return s.Description
	}
	return ""
}

// fieldLabel writes an instance location the way a person reads front
// matter: figures[0].source.url.
func fieldLabel(loc []string) string {
	var b strings.Builder
	for _, s := range loc {
		if _, err := strconv.Atoi(s); err == nil {
			fmt.Fprintf(&b, "[%s]", s)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s)
	}
	if b.Len() == 0 {
		return "front matter"
	}
	return b.String()
}

// singular names one entry of a list field: sectors[1] -> "sector".
func singular(loc []string) string {
	for i := len(loc) - 1; i >= 0; i-- {
		if _, err := strconv.Atoi(loc[i]); err == nil {
			continue
		}
		name := loc[i]
		if i < len(loc)-1 {
			name = strings.TrimSuffix(name, "s")
		}
		return name
	}
	return "value"
}

func typeWord(t string) string {
	switch t {
	case "string":
		return "text"
	case "array":
		return "a list"
	case "object":
		return "a group of fields"
	case "integer":
		return "a whole number"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	case "null":
		return "empty"
	}
	return t
}

func rangeHint(label string) string {
	if strings.HasPrefix(label, "sdgs") {
		return "the Sustainable Development Goals are numbered 1 to 17"
	}
	return ""
}

func ratString(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	return r.FloatString(2)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
