package derive

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// bibtexLexer is chroma's BibTeX lexer without its regular expressions:
// the same states and rules, written out by hand, for the ASCII-structured
// records the biblio writers produce. At 10,000 publications chroma's
// regexp2 engine was half of deriving the library. Whenever the input
// leaves what the port is sure to treat as chroma does (a character with
// no rule, a non-ASCII byte outside a string or comment, a carriage
// return, invalid UTF-8), it hands the whole text to chroma's own lexer, so the tokens are
// always chroma's. TestBibTeXLexerMatchesChroma and FuzzBibTeXLexer hold
// the two to the same output.
func bibtexTokens(text string) ([]chroma.Token, error) {
	if toks, ok := lexBibTeX(text); ok {
		return toks, nil
	}
	it, err := lexers.Get("bibtex").Tokenise(nil, text)
	if err != nil {
		return nil, err
	}
	return it.Tokens(), nil
}

// coalesce joins runs of tokens of one type in place, as chroma.Coalesce
// does for a lexer: a string of six pieces becomes one span, not six.
func coalesce(toks []chroma.Token) []chroma.Token {
	out := toks[:0]
	for _, t := range toks {
		if t.Value == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Type == t.Type && len(out[n-1].Value) < 8192 {
			out[n-1].Value += t.Value
			continue
		}
		out = append(out, t)
	}
	return out
}

// The states of chroma's lexers/embedded/bibtex.xml.
type bibState uint8

const (
	bRoot bibState = iota
	bOpeningBrace
	bClosingBrace
	bCommandBody
	bFields
	bField
	bEquals
	bValue
	bQuoted
	bBraced
)

// lexBibTeX tokenises text as chroma's BibTeX lexer does; ok is false where
// it cannot be sure of that.
func lexBibTeX(text string) (toks []chroma.Token, ok bool) {
	if !utf8.ValidString(text) || strings.IndexByte(text, '\r') >= 0 {
		// chroma lexes runes, an invalid byte becoming U+FFFD, and first
		// turns CR LF and CR into LF
		return nil, false
	}
	stack := []bibState{bRoot}
	push := func(s ...bibState) { stack = append(stack, s...) }
	pop := func() { stack = stack[:len(stack)-1] }
	emit := func(t chroma.TokenType, v string) { toks = append(toks, chroma.Token{Type: t, Value: v}) }
	pos := 0
	for pos < len(text) && len(stack) > 0 {
		c := text[pos]
		st := stack[len(stack)-1]
		// The string states take any byte but their delimiters, and a
		// comment line any byte once it has begun; where a rule starts,
		// every other state needs ASCII, as Unicode spaces, letters and
		// digits would need regexp2's classes.
		if c >= 0x80 && st != bQuoted && st != bBraced {
			return nil, false
		}
		// "include whitespace" comes first in every state that has it.
		if st != bQuoted && st != bBraced && isSpace(c) {
			end := pos
			for end < len(text) && isSpace(text[end]) {
				end++
			}
			if end < len(text) && text[end] >= 0x80 {
				return nil, false // \s+ would go on over a Unicode space
			}
			emit(chroma.Text, text[pos:end])
			pos = end
			continue
		}
		switch st {
		case bRoot:
			switch {
			case hasPrefixFold(text[pos:], "@comment"):
				emit(chroma.Comment, text[pos:pos+8])
				pos += 8
			case hasPrefixFold(text[pos:], "@preamble"):
				emit(chroma.NameClass, text[pos:pos+9])
				pos += 9
				push(bClosingBrace, bValue, bOpeningBrace)
			case hasPrefixFold(text[pos:], "@string"):
				emit(chroma.NameClass, text[pos:pos+7])
				pos += 7
				push(bClosingBrace, bField, bOpeningBrace)
			case c == '@' && pos+1 < len(text) && isIdentStart(text[pos+1]):
				end := identEnd(text, pos+1)
				if end < 0 {
					return nil, false
				}
				emit(chroma.NameClass, text[pos:end])
				pos = end
				push(bClosingBrace, bCommandBody, bOpeningBrace)
			default:
				end := pos
				for end < len(text) && text[end] != '\n' {
					end++
				}
				emit(chroma.Comment, text[pos:end])
				pos = end
			}
		case bOpeningBrace, bClosingBrace:
			want := "{("
			if st == bClosingBrace {
				want = "})"
			}
			if c != want[0] && c != want[1] {
				return nil, false
			}
			emit(chroma.Punctuation, text[pos:pos+1])
			pos++
			pop()
		case bCommandBody:
			end := pos
			for end < len(text) && !isSpace(text[end]) && text[end] != ',' && text[end] != '}' {
				if text[end] >= 0x80 {
					return nil, false
				}
				end++
			}
			if end == pos {
				return nil, false
			}
			emit(chroma.NameLabel, text[pos:end])
			pos = end
			pop()
			push(bFields)
		case bFields:
			if c == ',' {
				emit(chroma.Punctuation, ",")
				pos++
				push(bField)
			} else {
				pop()
			}
		case bField:
			if !isIdentStart(c) {
				pop()
				continue
			}
			end := identEnd(text, pos)
			if end < 0 {
				return nil, false
			}
			emit(chroma.NameAttribute, text[pos:end])
			pos = end
			push(bValue, bEquals)
		case bEquals:
			if c != '=' {
				return nil, false
			}
			emit(chroma.Punctuation, "=")
			pos++
			pop()
		case bValue:
			switch {
			case isIdentStart(c):
				end := identEnd(text, pos)
				if end < 0 {
					return nil, false
				}
				emit(chroma.NameVariable, text[pos:end])
				pos = end
			case c == '"':
				emit(chroma.LiteralString, `"`)
				pos++
				push(bQuoted)
			case c == '{':
				emit(chroma.LiteralString, "{")
				pos++
				push(bBraced)
			case isDigit(c):
				end := pos
				for end < len(text) && isDigit(text[end]) {
					end++
				}
				if end < len(text) && text[end] >= 0x80 {
					return nil, false // [\d]+ would take Unicode digits too
				}
				emit(chroma.LiteralNumber, text[pos:end])
				pos = end
			case c == '#':
				emit(chroma.Punctuation, "#")
				pos++
			default:
				pop()
			}
		case bQuoted, bBraced:
			closer := byte('}')
			if st == bQuoted {
				closer = '"'
			}
			switch c {
			case '{':
				emit(chroma.LiteralString, "{")
				pos++
				push(bBraced)
			case closer:
				emit(chroma.LiteralString, text[pos:pos+1])
				pos++
				pop()
			default:
				end := pos
				for end < len(text) && text[end] != '{' && text[end] != closer {
					end++
				}
				emit(chroma.LiteralString, text[pos:end])
				pos = end
			}
		}
	}
	return toks, true
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isIdentStart is the lexer's [a-z_@!$&*+\-./:;<>?\[\\\]^`|~], matched
// without regard to case.
func isIdentStart(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z' || c < 0x80 && identPunct[c]
}

// identEnd is where an identifier starting at i ends: the rest is
// [\w@!$&*+\-./:;<>?\[\\\]^`|~]*. It is -1 when a non-ASCII byte follows,
// which \w might take.
func identEnd(text string, i int) int {
	i++
	for i < len(text) {
		c := text[i]
		switch {
		case c >= 0x80:
			return -1
		case 'a' <= c|0x20 && c|0x20 <= 'z', isDigit(c), identPunct[c]:
			i++
		default:
			return i
		}
	}
	return i
}

var identPunct = func() (t [128]bool) {
	for _, c := range "_@!$&*+-./:;<>?[\\]^`|~" {
		t[c] = true
	}
	return
}()

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; prefix is lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
