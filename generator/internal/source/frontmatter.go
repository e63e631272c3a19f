package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/pelletier/go-toml/v2"

	"github.com/itu-d/portal/generator/internal/config"
	"github.com/itu-d/portal/generator/internal/safeyaml"
)

// pos is a 1-based line and column in the file (not in the front matter).
type pos struct{ Line, Col int }

// frontMatter is a parsed front matter block: its fields as JSON-like
// values (the form the schema validates) and where each one was written.
type frontMatter struct {
	Fields   map[string]any
	Body     []byte // the Markdown after the front matter
	BodyLine int    // file line where Body starts
	start    int    // file line of the first front matter line
	limits   config.Limits
	values   map[string]pos
	keys     map[string]pos
}

// errNoFrontMatter means the file does not start with a front matter fence.
var errNoFrontMatter = errors.New("no front matter")

// syntaxError is broken YAML or TOML, at a position in the file.
type syntaxError struct {
	At        pos
	Msg, Hint string
}

func (e *syntaxError) Error() string { return e.Msg }

// parseFrontMatter splits a content file into front matter and body and
// decodes the front matter. Parsing never panics on any input; bad input
// returns errNoFrontMatter or a *syntaxError.
func parseFrontMatter(src []byte, lim config.Limits) (*frontMatter, error) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n")) // a lone CR ends a line too, in YAML and in editors
	var fence string
	switch {
	case bytes.HasPrefix(src, []byte("---\n")):
		fence = "---"
	case bytes.HasPrefix(src, []byte("+++\n")):
		fence = "+++"
	case bytes.HasPrefix(bytes.TrimLeft(src, " \t\n"), []byte("{")):
		return nil, &syntaxError{At: pos{1, 1}, Msg: "JSON front matter is not supported; use YAML between --- lines"}
	default:
		return nil, errNoFrontMatter
	}
	rest := src[len(fence)+1:]
	end := -1
	for off := 0; off <= len(rest); {
		nl := bytes.IndexByte(rest[off:], '\n')
		line := rest[off:]
		if nl >= 0 {
			line = rest[off : off+nl]
		}
		if string(bytes.TrimRight(line, " \t")) == fence {
			end = off
			break
		}
		if nl < 0 {
			break
		}
		off += nl + 1
	}
	if end < 0 {
		return nil, &syntaxError{At: pos{1, 1}, Msg: fmt.Sprintf("front matter is not closed: add a line %q after the last field", fence)}
	}
	fm := &frontMatter{start: 2, values: map[string]pos{}, keys: map[string]pos{}, limits: lim}
	raw := rest[:end]
	fm.Body = rest[end:]
	fm.BodyLine = 3 + bytes.Count(raw, []byte("\n"))
	if i := bytes.IndexByte(fm.Body, '\n'); i >= 0 {
		fm.Body = fm.Body[i+1:]
	} else {
		fm.Body = nil
	}
	var err error
	if fence == "---" {
		err = fm.decodeYAML(raw)
	} else {
		err = fm.decodeTOML(raw)
	}
	if err != nil {
		return nil, err
	}
	if fm.Fields == nil {
		fm.Fields = map[string]any{}
	}
	return fm, nil
}

func (fm *frontMatter) decodeYAML(raw []byte) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	body, v, err := safeyaml.Parse(raw, safeyaml.Limits{Depth: int(fm.limits.NestingDepth), Values: int(fm.limits.YAMLValues)})
	if err != nil {
		return fm.yamlError(raw, err)
	}
	if body != nil {
		fm.walkYAML(body, "")
	}
	if v == nil {
		return nil
	}
	norm, err := normalize(v)
	if err != nil {
		return &syntaxError{At: pos{fm.start, 1}, Msg: err.Error()}
	}
	m, ok := norm.(map[string]any)
	if !ok {
		return &syntaxError{At: pos{fm.start, 1}, Msg: "front matter must be a list of \"field: value\" lines"}
	}
	fm.Fields = m
	return nil
}

// yamlError places a YAML problem in the file: a broken limit where the
// reader stopped, a syntax error where the person made the mistake (see
// explainYAML).
func (fm *frontMatter) yamlError(raw []byte, err error) error {
	var ye *safeyaml.Error
	if !errors.As(err, &ye) {
		return &syntaxError{At: pos{fm.start, 1}, Msg: "YAML: " + firstLine(err.Error())}
	}
	at := pos{ye.Line + fm.start - 1, max(ye.Col, 1)}
	switch ye.Limit {
	case safeyaml.LimitDepth:
		msg, hint := fm.limits.Exceeded("nestingDepth", 0, "the YAML")
		return &syntaxError{At: at, Msg: msg, Hint: hint}
	case safeyaml.LimitPaths:
		return &syntaxError{At: at, Msg: "the YAML has " + ye.Msg,
			Hint: "shorten the field names or nest them less; no real front matter or data package comes near this"}
	case safeyaml.LimitValues:
		msg, hint := fm.limits.Exceeded("yamlValues", 0, "the YAML")
		return &syntaxError{At: at, Msg: msg, Hint: hint}
	}
	m := explainYAML(raw, fm.start, ye.Line, ye.Col, ye.Msg)
	return &syntaxError{At: pos{m.Line, m.Col}, Msg: m.Msg, Hint: m.Hint}
}

func (fm *frontMatter) walkYAML(n ast.Node, ptr string) {
	switch n := n.(type) {
	case *ast.MappingNode:
		fm.record(ptr, n)
		for _, mv := range n.Values {
			fm.walkYAML(mv, ptr)
		}
		return
	case *ast.MappingValueNode:
		key := n.Key.GetToken()
		if key == nil {
			return
		}
		child := ptr + "/" + escapePointer(key.Value)
		fm.keys[child] = fm.at(key.Position.Line, key.Position.Column)
		if n.Value != nil {
			fm.walkYAML(n.Value, child)
		}
		if _, ok := fm.values[ptr]; !ok {
			fm.values[ptr] = fm.keys[child]
		}
		return
	case *ast.SequenceNode:
		fm.record(ptr, n)
		for i, v := range n.Values {
			if v != nil {
				fm.walkYAML(v, ptr+"/"+strconv.Itoa(i))
			}
		}
		return
	case *ast.TagNode:
		fm.record(ptr, n)
		if n.Value != nil {
			fm.walkYAML(n.Value, ptr)
		}
		return
	case *ast.AnchorNode:
		if n.Value != nil {
			fm.walkYAML(n.Value, ptr)
		}
		return
	}
	fm.record(ptr, n)
}

func (fm *frontMatter) record(ptr string, n ast.Node) {
	if _, ok := fm.values[ptr]; ok {
		return
	}
	if t := n.GetToken(); t != nil {
		fm.values[ptr] = fm.at(t.Position.Line, t.Position.Column)
	}
}

func (fm *frontMatter) at(line, col int) pos {
	return pos{line + fm.start - 1, max(col, 1)}
}

func (fm *frontMatter) decodeTOML(raw []byte) error {
	var v map[string]any
	if err := toml.Unmarshal(raw, &v); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return &syntaxError{At: pos{row + fm.start - 1, max(col, 1)}, Msg: "TOML: " + strings.TrimPrefix(de.Error(), "toml: ")}
		}
		return &syntaxError{At: pos{fm.start, 1}, Msg: "TOML: " + firstLine(err.Error())}
	}
	norm, err := normalize(v)
	if err != nil {
		return &syntaxError{At: pos{fm.start, 1}, Msg: err.Error()}
	}
	fm.Fields, _ = norm.(map[string]any)
	// TOML positions: top-level keys by line; nested values fall back to them.
	for i, line := range strings.Split(string(raw), "\n") {
		if m := tomlKeyLine.FindStringSubmatchIndex(line); m != nil {
			k := line[m[2]:m[3]]
			p := "/" + escapePointer(k)
			if _, seen := fm.keys[p]; !seen {
				fm.keys[p] = pos{i + fm.start, m[2] + 1}
				fm.values[p] = fm.keys[p]
			}
		}
	}
	return nil
}

// tomlKeyLine finds a top-level key at the start of a TOML line.
var tomlKeyLine = regexp.MustCompile(`^\s*"?([A-Za-z0-9_-]+)"?\s*=`)

// normalize turns decoded YAML/TOML into the JSON value space the schema
// validator expects: map[string]any, []any, string, float64/json.Number,
// bool, nil. Dates become YYYY-MM-DD (or RFC 3339 when they carry a time).
func normalize(v any) (any, error) {
	switch v := v.(type) {
	case yaml.MapSlice:
		m := make(map[string]any, len(v))
		for _, item := range v {
			k, ok := item.Key.(string)
			if !ok {
				return nil, fmt.Errorf("field name %v must be text", item.Key)
			}
			nv, err := normalize(item.Value)
			if err != nil {
				return nil, err
			}
			m[k] = nv
		}
		return m, nil
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			nv, err := normalize(x)
			if err != nil {
				return nil, err
			}
			m[k] = nv
		}
		return m, nil
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			ks, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("field name %v must be text", k)
			}
			nv, err := normalize(x)
			if err != nil {
				return nil, err
			}
			m[ks] = nv
		}
		return m, nil
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			nv, err := normalize(x)
			if err != nil {
				return nil, err
			}
			out[i] = nv
		}
		return out, nil
	case time.Time:
		if v.Hour() == 0 && v.Minute() == 0 && v.Second() == 0 && v.Nanosecond() == 0 {
			return v.Format("2006-01-02"), nil
		}
		return v.Format(time.RFC3339), nil
	case toml.LocalDate:
		return v.String(), nil
	case toml.LocalDateTime:
		return v.String(), nil
	case int:
		return json.Number(strconv.Itoa(v)), nil
	case int64:
		return json.Number(strconv.FormatInt(v, 10)), nil
	case uint64:
		return json.Number(strconv.FormatUint(v, 10)), nil
	case float64:
		return json.Number(strconv.FormatFloat(v, 'g', -1, 64)), nil
	case string, bool, nil:
		return v, nil
	default:
		return fmt.Sprint(v), nil
	}
}

// pointerEscaper and pointerUnescaper write and read a JSON pointer's
// reference token (RFC 6901). Made once: a replacer builds its tables on
// first use, and every field of every content file is escaped.
var (
	pointerEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

func escapePointer(s string) string {
	return pointerEscaper.Replace(s)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// position returns where the value at a JSON pointer was written, falling
// back to its nearest written parent, then to the first front matter line.
func (fm *frontMatter) position(ptr string) pos {
	for {
		if p, ok := fm.values[ptr]; ok {
			return p
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return pos{max(fm.start-1, 1), 1}
		}
		ptr = ptr[:i]
	}
}

// keyPosition returns where the field name at ptr was written.
func (fm *frontMatter) keyPosition(ptr string) pos {
	if p, ok := fm.keys[ptr]; ok {
		return p
	}
	return fm.position(ptr)
}
