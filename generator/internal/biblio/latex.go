package biblio

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// accents maps LaTeX accent commands to Unicode combining marks.
var accents = map[string]rune{
	"'": '\u0301', "`": '\u0300', "^": '\u0302', "\"": '\u0308', "~": '\u0303',
	"=": '\u0304', ".": '\u0307', "u": '\u0306', "v": '\u030C', "H": '\u030B',
	"c": '\u0327', "k": '\u0328', "r": '\u030A', "d": '\u0323', "b": '\u0331',
	"t": '\u0361', "G": '\u030F',
}

// spacingAccents is what an accent with an empty argument prints: \~{}.
var spacingAccents = map[string]string{"'": "´", "`": "`", "^": "^", "\"": "¨", "~": "~", "=": "¯", ".": "˙"}

// symbols maps LaTeX control words that stand for one character.
var symbols = map[string]string{
	"ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
	"oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
	"th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ", "ij": "ĳ", "IJ": "Ĳ",
	"textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’",
	"textquotedblleft": "“", "textquotedblright": "”", "textquotesingle": "'", "textquotedbl": "\"",
	"guillemotleft": "«", "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»",
	"flqq": "«", "frqq": "»", "ldots": "…", "dots": "…", "textellipsis": "…",
	"textregistered": "®", "texttrademark": "™", "copyright": "©", "textcopyright": "©",
	"pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€", "textyen": "¥", "textdollar": "$",
	"S": "§", "textsection": "§", "P": "¶", "textparagraph": "¶", "textdegree": "°", "degree": "°",
	"textasciitilde": "~", "textasciicircum": "^", "textasciigrave": "`", "textbackslash": "\\",
	"textbar": "|", "textbraceleft": "{", "textbraceright": "}", "textless": "<", "textgreater": ">", "textunderscore": "_", "textbullet": "•",
	"textperiodcentered": "·", "textexclamdown": "¡", "textquestiondown": "¿", "textonehalf": "½",
	"textmu": "µ", "texttimes": "×", "times": "×", "textdiv": "÷", "pm": "±", "textpm": "±",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "slash": "/", "space": " ", "quad": " ",
	"nobreakspace": "\u00a0", "enspace": "\u2002", "thinspace": "\u2009", "textnumero": "№",
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
	"xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "chi": "χ",
	"psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ",
	"Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "infty": "∞",
	"leq": "≤", "geq": "≥", "neq": "≠", "approx": "≈", "cdot": "·", "rightarrow": "→", "to": "→",
	"relax": "", "protect": "", "ignorespaces": "", "unskip": "", "break": "", "newblock": " ",
	"par": "\n\n", "bgroup": "", "egroup": "", "em": "", "it": "", "bf": "", "sc": "", "rm": "",
	"tt": "", "sf": "", "itshape": "", "bfseries": "", "scshape": "", "upshape": "", "normalfont": "",
}

// oneArg lists commands whose argument is kept as text: formatting, boxes.
var oneArg = map[string]bool{
	"emph": true, "textit": true, "textbf": true, "textsc": true, "texttt": true, "textrm": true,
	"textsf": true, "textup": true, "textmd": true, "textsl": true, "textnormal": true, "mbox": true,
	"hbox": true, "text": true, "textsuperscript": true, "textsubscript": true, "mathrm": true,
	"mathit": true, "mathbf": true, "mathsf": true, "mathtt": true, "ensuremath": true, "uline": true,
	"underline": true, "ul": true, "MakeUppercase": true, "MakeLowercase": true,
	"uppercase": true, "lowercase": true, "textcite": true, "textenglish": true, "foreignlanguage": true,
}

// decoder turns a BibTeX field value into Unicode text.
type decoder struct {
	s       string
	i       int
	protect bool     // record top-level brace groups as protected phrases
	math    bool     // inside $...$, where spaces after commands are kept
	nocase  []string // what was protected
}

// maxDepth bounds brace nesting that the decoder recurses into; deeper
// braces are dropped, so hostile input cannot exhaust the stack.
const maxDepth = 64

// decodeTeX decodes a field value with its outer delimiters removed. With
// protect, it also returns the phrases that braces protect from case
// changes: {ITU}, but not {\"o}, which is a special character.
func decodeTeX(s string, protect bool) (string, []string) {
	if !strings.ContainsAny(s, "\\{}~-`'$\n\t\r") && !strings.Contains(s, "  ") {
		return trimASCII(s), nil
	}
	d := &decoder{s: s, protect: protect}
	out := d.until(0)
	for i, p := range d.nocase {
		d.nocase[i] = collapseSpace(p)
	}
	return collapseSpace(out), d.nocase
}

// until decodes up to the '}' that closes the current group (consuming it)
// or the end of the string.
func (d *decoder) until(depth int) string {
	var b strings.Builder
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch c {
		case '}':
			d.i++
			if depth > 0 {
				return b.String()
			}
		case '{':
			d.i++
			special := d.i < len(d.s) && d.s[d.i] == '\\'
			if depth >= maxDepth {
				continue
			}
			text := d.until(depth + 1)
			if depth == 0 && d.protect && !special && strings.TrimSpace(text) != "" {
				d.nocase = append(d.nocase, strings.TrimSpace(text))
			}
			b.WriteString(text)
		case '\\':
			d.command(&b, depth)
		case '~':
			d.i++
			b.WriteString("\u00a0")
		case '-':
			n := 0
			for d.i < len(d.s) && d.s[d.i] == '-' && n < 3 {
				d.i++
				n++
			}
			b.WriteString([...]string{"", "-", "–", "—"}[n])
		case '`', '\'':
			d.i++
			if d.i < len(d.s) && d.s[d.i] == c {
				d.i++
				b.WriteString(map[byte]string{'`': "“", '\'': "”"}[c])
			} else if c == '`' {
				b.WriteString("‘")
			} else {
				b.WriteByte(c)
			}
		case '$':
			d.i++
			d.math = !d.math
		default:
			b.WriteByte(c)
			d.i++
		}
	}
	return b.String()
}

// command decodes the control sequence at d.i (a backslash).
func (d *decoder) command(b *strings.Builder, depth int) {
	d.i++
	if d.i >= len(d.s) {
		return
	}
	c := d.s[d.i]
	if !isASCIILetter(c) {
		d.i++
		name := string(c)
		if mark, ok := accents[name]; ok {
			b.WriteString(d.accent(name, mark, depth))
			return
		}
		switch c {
		case ' ', '\n', '\t', '\\':
			b.WriteByte(' ')
		case ',':
			b.WriteString("\u2009")
		case '-', '/', '@':
		default:
			if c >= utf8.RuneSelf {
				d.i--
			} else {
				b.WriteByte(c)
			}
		}
		return
	}
	start := d.i
	for d.i < len(d.s) && isASCIILetter(d.s[d.i]) {
		d.i++
	}
	name := d.s[start:d.i]
	for !d.math && d.i < len(d.s) && (d.s[d.i] == ' ' || d.s[d.i] == '\t' || d.s[d.i] == '\n' || d.s[d.i] == '\r') {
		d.i++
	}
	if mark, ok := accents[name]; ok {
		b.WriteString(d.accent(name, mark, depth))
		return
	}
	if sym, ok := symbols[name]; ok {
		b.WriteString(sym)
		// \ss{} and \o{}: an empty group only ends the control word.
		if strings.HasPrefix(d.s[d.i:], "{}") {
			d.i += 2
		}
		return
	}
	switch {
	case oneArg[name]:
		if name == "foreignlanguage" {
			d.arg(depth)
		}
		b.WriteString(d.arg(depth))
	case name == "url" || name == "path":
		b.WriteString(d.verbatimArg())
	case name == "href":
		d.verbatimArg()
		b.WriteString(d.arg(depth))
	case name == "enquote" || name == "mkbibquote" || name == "textquote":
		b.WriteString("“" + d.arg(depth) + "”")
	case name == "NoCaseChange" || name == "nocase":
		a := d.arg(depth)
		if depth == 0 && d.protect && strings.TrimSpace(a) != "" {
			d.nocase = append(d.nocase, strings.TrimSpace(a))
		}
		b.WriteString(a)
	case name == "noopsort" || name == "sortname" || name == "hyphenation" || name == "index":
		d.arg(depth)
	default:
		// An unknown command: drop it, keep what its arguments say.
		for d.i < len(d.s) && d.s[d.i] == '{' {
			b.WriteString(d.arg(depth))
		}
	}
}

// arg reads one argument: a brace group, a control sequence or a character.
func (d *decoder) arg(depth int) string {
	for d.i < len(d.s) && (d.s[d.i] == ' ' || d.s[d.i] == '\t' || d.s[d.i] == '\n') {
		d.i++
	}
	if d.i >= len(d.s) {
		return ""
	}
	switch d.s[d.i] {
	case '{':
		d.i++
		if depth >= maxDepth {
			return ""
		}
		return d.until(depth + 1)
	case '}':
		return ""
	case '\\':
		if depth >= maxDepth {
			d.i++
			return ""
		}
		var b strings.Builder
		d.command(&b, depth+1)
		return b.String()
	}
	_, size := utf8.DecodeRuneInString(d.s[d.i:])
	d.i += size
	return d.s[d.i-size : d.i]
}

func (d *decoder) verbatimArg() string {
	if d.i >= len(d.s) || d.s[d.i] != '{' {
		return ""
	}
	depth := 0
	start := d.i + 1
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				d.i++
				return unescapeVerbatim(d.s[start : d.i-1])
			}
		}
		d.i++
	}
	return unescapeVerbatim(d.s[start:])
}

func (d *decoder) accent(name string, mark rune, depth int) string {
	a := d.arg(depth)
	if a == "" {
		return spacingAccents[name]
	}
	r, size := utf8.DecodeRuneInString(a)
	switch r {
	case 'ı':
		r = 'i'
	case 'ȷ':
		r = 'j'
	}
	return norm.NFC.String(string(r)+string(mark)) + a[size:]
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// unescapeVerbatim reads a verbatim field (url, doi): it drops \url{...}
// and the backslashes some exporters put before URL characters.
func unescapeVerbatim(s string) string {
	s = trimASCII(s)
	if strings.ContainsAny(s, "\n\r") {
		// A URL wrapped across lines: join the pieces.
		parts := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
		for i, p := range parts {
			parts[i] = trimASCII(p)
		}
		s = strings.Join(parts, "")
	}
	if strings.HasPrefix(s, `\url{`) && strings.HasSuffix(s, "}") {
		s = s[5 : len(s)-1]
	}
	if !strings.ContainsAny(s, "\\{}") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && strings.IndexByte("%&_#$~{}", s[i+1]) >= 0 {
			continue
		}
		if c == '{' || c == '}' {
			if i > 0 && s[i-1] == '\\' {
				b.WriteByte(c)
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// trimASCII trims ASCII white space only: a no-break space (~) stays.
func trimASCII(s string) string { return strings.Trim(s, " \t\n\r") }

// collapseSpace trims s and turns each run of white space into one space,
// or into a blank line where the run held one (a paragraph break).
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\n\t\r") && !strings.Contains(s, "  ") {
		return trimASCII(s)
	}
	var b strings.Builder
	space, newlines := false, 0
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			space = true
			if r == '\n' {
				newlines++
			}
			continue
		}
		if space && b.Len() > 0 {
			if newlines >= 2 {
				b.WriteString("\n\n")
			} else {
				b.WriteByte(' ')
			}
		}
		space, newlines = false, 0
		b.WriteRune(r)
	}
	return b.String()
}

// encodeTeX writes text for a BibTeX field: UTF-8 stays as it is (Zotero,
// JabRef and biber read it), and only what LaTeX would misread is escaped.
// With protect, each phrase in nocase is wrapped in braces.
func encodeTeX(s string, nocase []string, protect bool) string {
	if !protect || len(nocase) == 0 {
		return escapeTeX(s)
	}
	var b strings.Builder
	for _, sp := range protectedSpans(s, nocase) {
		if sp.protected {
			e := escapeTeX(sp.text)
			if strings.HasPrefix(e, `\`) {
				e = "{}" + e // {\#...} would be a special character
			}
			b.WriteString("{" + e + "}")
		} else {
			b.WriteString(escapeTeX(sp.text))
		}
	}
	return b.String()
}

func escapeTeX(s string) string {
	if !strings.ContainsAny(s, "&%$#_{}\\~^\u00a0-`'\n") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '&', '%', '$', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '{':
			b.WriteString(`\textbraceleft{}`)
		case '}':
			b.WriteString(`\textbraceright{}`)
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '\u00a0':
			b.WriteByte('~')
		case '`':
			b.WriteString(`\textasciigrave{}`)
		case '-', '\'':
			// "--" and "''" are ligatures to LaTeX; keep the characters apart.
			b.WriteRune(r)
			if i+1 < len(rs) && rs[i+1] == r {
				b.WriteString("{}")
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

type span struct {
	text      string
	protected bool
}

// protectedSpans cuts s into runs inside and outside the protected phrases,
// which are matched as whole words.
func protectedSpans(s string, nocase []string) []span {
	marked := make([]bool, len(s))
	any := false
	for _, p := range nocase {
		if p == "" {
			continue
		}
		// Whole words first; a phrase protected inside a word ({G}oogle)
		// is marked wherever it occurs.
		for _, whole := range []bool{true, false} {
			found := false
			for from := 0; from < len(s); {
				i := strings.Index(s[from:], p)
				if i < 0 {
					break
				}
				i += from
				j := i + len(p)
				if !whole || wordEdge(s, i) && wordEdge(s, j) {
					for k := i; k < j; k++ {
						marked[k] = true
					}
					found, any = true, true
				}
				from = j
			}
			if found {
				break
			}
		}
	}
	if !any {
		return []span{{text: s}}
	}
	var out []span
	start := 0
	for i := 1; i <= len(s); i++ {
		if i == len(s) || marked[i] != marked[start] {
			out = append(out, span{text: s[start:i], protected: marked[start]})
			start = i
		}
	}
	return out
}

// wordEdge reports whether offset i of s is not inside a word.
func wordEdge(s string, i int) bool {
	if i <= 0 || i >= len(s) {
		return true
	}
	a, _ := utf8.DecodeLastRuneInString(s[:i])
	b, _ := utf8.DecodeRuneInString(s[i:])
	return !(isWordRune(a) && isWordRune(b))
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
