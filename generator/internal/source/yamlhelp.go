package source

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// yamlMistake is a YAML syntax error explained for the person who made it:
// where the mistake is (1-based line and column of the text read), what it
// is in plain words, and how to fix it.
type yamlMistake struct {
	Line, Col int
	Msg, Hint string
}

// explainYAML explains a YAML syntax error that the parser reported at
// errLine:errCol with parserMsg. The parser stops where it can no longer
// make sense of the text, which is often lines after the mistake (an
// unclosed quote swallows the next field; an unclosed list the next line),
// so the text is first read line by line for the mistakes people make:
// tabs, unclosed quotes and brackets, quotes inside quotes, a missing colon
// or space, ": " inside a value, a line indented out of step, a field
// written twice, a value starting with a character YAML reserves. The
// first such mistake is the one reported. Only when none is found is the
// parser's own message put into plain words, at its position.
//
// It runs only on text the parser rejected, reads each line once and
// never fails.
//
// Lines are numbered from first, the file line of the text's first line,
// so that messages naming another line name the file's.
func explainYAML(raw []byte, first, errLine, errCol int, parserMsg string) yamlMistake {
	m, ok := lintYAML(strings.Split(string(raw), "\n"), first-1)
	if !ok {
		m = translateYAML(errLine+first-1, errCol, parserMsg)
	}
	return m
}

// yamlKey matches the start of a "key: value" line (after indentation and
// any "- "): a plain, double- or single-quoted key followed by a colon and
// a space or the end of the line.
var yamlKey = regexp.MustCompile(`^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},:&*!|>%@` + "`" + `-][^:#]*?|-[^\s:][^:#]*?)[ \t]*:(?:[ \t]|$)`)

// yamlGlued matches a field whose colon has no space after it.
var yamlGlued = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_.-]*):(\S.*)$`)

// level is an open block mapping: the column its keys start at, and the
// keys written so far with their lines.
type yamlLevel struct {
	indent int
	keys   map[string]int
}

// lintYAML reads lines (numbered from 1+off) for the usual mistakes.
func lintYAML(lines []string, off int) (yamlMistake, bool) {
	found := func(line, col int, hint, format string, args ...any) (yamlMistake, bool) {
		return yamlMistake{Line: line, Col: max(col, 1), Msg: fmt.Sprintf(format, args...), Hint: hint}, true
	}
	var levels []yamlLevel
	scalarIndent := -1 // indentation of the last field when its value was plain text
	parentIndent := -1 // indentation of the last field when it opened a nested block
	blockIndent := -1  // inside a | or > block: the indentation of its field
	blockText := -1    // and of its first line of text
	blockLine := 0     // the line of its field
	for i := 0; i < len(lines); i++ {
		n := i + 1 + off
		line := strings.TrimRight(lines[i], " \r")
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" {
			continue
		}
		lead := line[:len(line)-len(trimmed)]
		if t := strings.IndexByte(lead, '\t'); t >= 0 {
			if blockIndent < 0 || t <= blockIndent {
				return found(n, t+1, "replace the tab with spaces: two for each level, as on the lines around it",
					"this line is indented with a tab; only spaces can indent fields")
			}
		}
		indent := len(lead)
		if blockIndent >= 0 {
			if indent > blockIndent {
				if blockText < 0 {
					blockText = indent
				} else if indent < blockText {
					return found(n, indent+1, fmt.Sprintf("indent every line of the text by the same %d spaces as its first line", blockText),
						"this line of the text that starts on line %d is indented less than its first line", blockLine)
				}
				continue
			}
			blockIndent = -1
		}
		if strings.HasPrefix(trimmed, "#") {
			continue
		}
		// A continuation line of plain text written over several lines.
		if scalarIndent >= 0 && indent > scalarIndent && !yamlKey.MatchString(trimmed) && !strings.HasPrefix(trimmed, "- ") {
			continue
		}
		// "- " entries: the entry's own fields start after the dash.
		content, col := trimmed, indent
		dashes := 0
		for content == "-" || strings.HasPrefix(content, "- ") {
			rest := strings.TrimLeft(content[1:], " ")
			col += len(content) - len(rest)
			content = rest
			dashes++
		}
		sibling := -1 // the innermost level left, whose fields this line may have meant to join
		for len(levels) > 0 && levels[len(levels)-1].indent > col {
			sibling = levels[len(levels)-1].indent
			levels = levels[:len(levels)-1]
		}
		if content == "" {
			scalarIndent, parentIndent = -1, col
			continue
		}
		key := yamlKey.FindStringSubmatch(content)
		if key == nil {
			if dashes > 0 {
				// A list entry's value: check it as a value.
				if m, ok := lintValue(lines, &i, n, col, content, "", col); ok {
					return m, true
				}
				scalarIndent, parentIndent = -1, -1
				continue
			}
			if g := yamlGlued.FindStringSubmatch(content); g != nil && !strings.Contains(g[2], "//") {
				return found(n, col+len(g[1])+2, fmt.Sprintf("write %s: %s", g[1], g[2]),
					"a space is missing after the colon of %q", g[1])
			}
			word, rest, _ := strings.Cut(content, " ")
			hint := "write the field's name, a colon and a space, then its value"
			if rest != "" && isFieldName(word) {
				hint = fmt.Sprintf("write %s: %s", word, strings.TrimSpace(rest))
			}
			return found(n, col+1, hint, "%q is not a \"field: value\" line: the colon after the field's name is missing", clip(content))
		}
		name := unquoteKey(strings.TrimSpace(key[1]))
		// Indentation: a field must line up with the fields of its level.
		switch {
		case scalarIndent >= 0 && col > scalarIndent && dashes == 0:
			return found(n, col+1, fmt.Sprintf("start %q in the same column as the field above it, or put the text of that field in quotes", name),
				"%q is indented more than the field above it, which already has a value", name)
		case len(levels) > 0 && levels[len(levels)-1].indent < col && parentIndent < 0 && dashes == 0:
			hint := fmt.Sprintf("indent it by %d spaces, as the fields of its level", levels[len(levels)-1].indent)
			if sibling >= 0 {
				hint = fmt.Sprintf("indent it by %d spaces, as the field above it, or by %d, as the fields it is nested in", sibling, levels[len(levels)-1].indent)
			}
			return found(n, col+1, hint, "%q is indented by %d space%s, out of step with the fields around it", name, col, plural(col, "", "s"))
		}
		if len(levels) == 0 || levels[len(levels)-1].indent < col || dashes > 0 {
			levels = append(levels, yamlLevel{indent: col, keys: map[string]int{}})
		}
		top := &levels[len(levels)-1]
		if first, ok := top.keys[name]; ok {
			return found(n, col+1, "keep one of them (the page would show only the last)", "%q is written twice (first on line %d)", name, first)
		}
		top.keys[name] = n
		value := strings.TrimLeft(content[len(key[0]):], " \t")
		valueCol := col + len(content) - len(value)
		scalarIndent, parentIndent = -1, -1
		switch {
		case value == "" || strings.HasPrefix(value, "#"):
			parentIndent = col
			continue
		case isBlockIndicator(value):
			blockIndent, blockText, blockLine = col, -1, n
			continue
		}
		if m, ok := lintValue(lines, &i, n, col, value, name, valueCol); ok {
			return m, true
		}
		if i+1+off == n && plainStart(value) {
			scalarIndent = col
		}
	}
	return yamlMistake{}, false
}

// lintValue checks the value written after a field (or after "- ") at
// line n, column valueCol (0-based). A value that goes on over more lines
// (quoted text, a [ ] list) advances *i to its last line.
func lintValue(lines []string, i *int, n, indent int, value, name string, valueCol int) (yamlMistake, bool) {
	found := func(line, col int, hint, format string, args ...any) (yamlMistake, bool) {
		return yamlMistake{Line: line, Col: max(col, 1), Msg: fmt.Sprintf(format, args...), Hint: hint}, true
	}
	field := "the value"
	if name != "" {
		field = strconv.Quote(name)
	}
	switch c := value[0]; c {
	case '"', '\'':
		end, ok := closeQuote(value, c)
		if ok {
			if after := strings.TrimLeft(value[end+1:], " \t"); after != "" && after[0] != '#' {
				return quoteEndsEarly(n, valueCol+end+1, c, value[:end+1], after, name)
			}
			return yamlMistake{}, false
		}
		// Quoted text may go on over several lines, but not over another field.
		for j := *i + 1; j < len(lines); j++ {
			next := lines[j]
			t := strings.TrimLeft(next, " ")
			if ind := len(next) - len(t); ind <= indent && yamlKey.MatchString(t) {
				return unclosedQuote(n, valueCol+1, c, name, value)
			}
			if e, ok := closeQuoteFrom(next, c); ok {
				if after := strings.TrimLeft(next[e+1:], " \t"); after != "" && after[0] != '#' {
					return unclosedQuote(n, valueCol+1, c, name, value)
				}
				*i = j
				return yamlMistake{}, false
			}
		}
		return unclosedQuote(n, valueCol+1, c, name, value)
	case '[', '{':
		closer := map[byte]byte{'[': ']', '{': '}'}[c]
		depth, end := flowDepth(value)
		if depth == 0 {
			if after := strings.TrimLeft(value[end+1:], " \t"); after != "" && after[0] != '#' {
				return found(n, valueCol+end+2, fmt.Sprintf("put the whole value in quotes, or remove the text after %c", closer),
					"text follows the closing %c of %s", closer, field)
			}
			return yamlMistake{}, false
		}
		for j := *i + 1; j < len(lines); j++ {
			t := strings.TrimLeft(lines[j], " ")
			if ind := len(lines[j]) - len(t); ind <= indent && yamlKey.MatchString(t) {
				break
			}
			d, _ := flowDepth(t)
			if depth += d; depth <= 0 {
				*i = j
				return yamlMistake{}, false
			}
		}
		what := "list"
		if c == '{' {
			what = "group"
		}
		return found(n, valueCol+1, fmt.Sprintf("close it with %c, e.g. %s", closer, flowExample(name, c)),
			"the %s opened with %c in %s is not closed", what, c, field)
	case '@', '`':
		return found(n, valueCol+1, quoteHint(name, value), "a value cannot start with %c", c)
	case '*':
		// *text* (emphasis in Markdown) is read as a reference to an anchor.
		if strings.ContainsAny(value, " *") {
			return found(n, valueCol+1, quoteHint(name, value),
				"a value starting with * is read as a reference to another value, not as text")
		}
	case '|', '>':
		return found(n, valueCol+1, quoteHint(name, value),
			"a value starting with %c starts a block of text on the lines below it", c)
	case '-':
		if strings.HasPrefix(value, "- ") {
			return found(n, valueCol+1, fmt.Sprintf("put each entry of a list on a line of its own, indented under %s, or put the text in quotes", field),
				"a list cannot start on the same line as its field")
		}
	}
	if k := strings.Index(value, ": "); k >= 0 && !strings.Contains(value[:k], " #") {
		return found(n, valueCol+k+1, quoteHint(name, value),
			"%s contains \": \", which YAML reads as the start of another field", field)
	}
	return yamlMistake{}, false
}

func unclosedQuote(n, col int, q byte, name, value string) (yamlMistake, bool) {
	text := strings.TrimRight(value[1:], " ")
	hint := fmt.Sprintf("end the text with %c on the same line, or remove the opening quote", q)
	if name != "" && text != "" {
		hint = fmt.Sprintf("end the text with %c on the same line (%s: %c%s%c), or remove the opening quote", q, name, q, clip(text), q)
	}
	return yamlMistake{Line: n, Col: col, Msg: fmt.Sprintf("the quote %c opened here is never closed", q), Hint: hint}, true
}

func quoteEndsEarly(n, col int, q byte, quoted, after, name string) (yamlMistake, bool) {
	text := quoted[1:len(quoted)-1] + string(q) + strings.TrimSuffix(after, string(q))
	prefix := ""
	if name != "" {
		prefix = name + ": "
	}
	if q == '\'' {
		return yamlMistake{Line: n, Col: col, Msg: "the text in single quotes ends early, at the apostrophe before " + clip(after),
			Hint: fmt.Sprintf("inside single quotes write an apostrophe twice (it''s), or put the whole text in double quotes: %s%s", prefix, doubleQuoted(clip(text)))}, true
	}
	return yamlMistake{Line: n, Col: col, Msg: "the text in double quotes ends early, at the quote mark before " + clip(after),
		Hint: fmt.Sprintf("inside double quotes write a quote mark as \\\", or put the whole text in single quotes: %s'%s'", prefix, strings.ReplaceAll(clip(text), "'", "''"))}, true
}

// closeQuote returns the index in s (which starts with q) of the quote
// that closes it on the same line.
func closeQuote(s string, q byte) (int, bool) {
	e, ok := closeQuoteFrom(s[1:], q)
	return e + 1, ok
}

// closeQuoteFrom finds the first closing quote q in s, as YAML reads it
// inside quoted text: \" escapes in double quotes, ” in single quotes.
func closeQuoteFrom(s string, q byte) (int, bool) {
	for k := 0; k < len(s); k++ {
		switch {
		case q == '"' && s[k] == '\\':
			k++
		case s[k] == q && q == '\'' && k+1 < len(s) && s[k+1] == '\'':
			k++
		case s[k] == q:
			return k, true
		}
	}
	return 0, false
}

// flowDepth returns how many [ or { the line leaves open (negative when
// it closes more than it opens) and, when everything it opened is closed,
// the index of the last closing bracket.
func flowDepth(s string) (depth, end int) {
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case '"', '\'':
			e, ok := closeQuoteFrom(s[k+1:], s[k])
			if !ok {
				return depth, 0
			}
			k += e + 1
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return 0, k
			}
		case '#':
			if k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
				return depth, 0
			}
		}
	}
	return depth, 0
}

// translateYAML puts the parser's own message into plain words, for
// mistakes the line reading above does not recognise.
func translateYAML(line, col int, msg string) yamlMistake {
	m := yamlMistake{Line: max(line, 1), Col: max(col, 1)}
	switch {
	case strings.Contains(msg, "could not find end character of double-quoted"):
		m.Msg, m.Hint = "the quote \" opened here is never closed", "end the text with \" on the same line, or remove the opening quote"
	case strings.Contains(msg, "could not find end character of single-quoted"):
		m.Msg, m.Hint = "the quote ' opened here is never closed", "end the text with ' on the same line, or remove the opening quote"
	case strings.Contains(msg, "cannot start any token") && strings.Contains(msg, "\t"):
		m.Msg, m.Hint = "a tab is used here; only spaces can indent fields", "replace the tab with spaces"
	case strings.Contains(msg, "mapping value is not allowed"), strings.Contains(msg, "could not find expected ':'"):
		m.Msg, m.Hint = "a value contains \": \", which YAML reads as the start of another field", "a value containing \": \" must be in quotes"
	case strings.Contains(msg, "non-map value"):
		m.Msg, m.Hint = "this line is not a \"field: value\" line", "write the field's name, a colon and a space, then its value"
	case strings.Contains(msg, "already defined"):
		m.Msg, m.Hint = "a field is written twice", "keep one of them"
		if k := strings.Index(msg, "mapping key "); k >= 0 {
			name, _, _ := strings.Cut(msg[k+len("mapping key "):], " already")
			m.Msg = fmt.Sprintf("%s is written twice", name)
		}
	case strings.Contains(msg, "',' or ']'"):
		m.Msg, m.Hint = "a list opened with [ is not closed", "close the list with ] on the line where it starts"
	case strings.Contains(msg, "',' or '}'"):
		m.Msg, m.Hint = "a group opened with { is not closed", "close it with }, or put the text in quotes"
	case strings.Contains(msg, "reserved character"), strings.Contains(msg, "could not find alias"), strings.Contains(msg, "tag"):
		m.Msg, m.Hint = "this value starts with a character YAML reserves", "put the value in quotes"
	case strings.Contains(msg, "not allowed in this context"):
		m.Msg, m.Hint = "this text cannot be read here", "check the quotes and colons on this line and the line above it; text with quotes or \": \" inside goes in quotes"
	default:
		m.Msg = "the fields cannot be read here"
		m.Hint = "the YAML reader says: " + msg
	}
	return m
}

var blockIndicator = regexp.MustCompile(`^[|>][-+0-9]*\s*$`)

func isBlockIndicator(v string) bool {
	v, _, _ = strings.Cut(v, " #")
	return blockIndicator.MatchString(v)
}

// plainStart reports whether a value is unquoted text (which may continue
// on the lines below it, indented).
func plainStart(v string) bool {
	return v != "" && !strings.ContainsRune("\"'[{|>&*!", rune(v[0]))
}

var fieldName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

func isFieldName(s string) bool { return fieldName.MatchString(s) }

func unquoteKey(k string) string {
	if len(k) >= 2 && (k[0] == '"' || k[0] == '\'') && k[len(k)-1] == k[0] {
		return k[1 : len(k)-1]
	}
	return k
}

func quoteHint(name, value string) string {
	if name == "" {
		return "put the text in quotes: " + doubleQuoted(clip(value))
	}
	return fmt.Sprintf("put the text in quotes: %s: %s", name, doubleQuoted(clip(value)))
}

// doubleQuoted writes s as YAML double-quoted text.
func doubleQuoted(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func flowExample(name string, c byte) string {
	v := "[health, education]"
	if c == '{' {
		v = "{name: ITU, url: \"https://www.itu.int/\"}"
	}
	if name == "" {
		return v
	}
	return name + ": " + v
}

// clip shortens text quoted back in a message.
func clip(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 48 {
		return string(r[:45]) + "..."
	}
	return s
}
