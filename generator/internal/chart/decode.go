package chart

import (
	"fmt"
	"slices"
	"strings"

	"github.com/itu-d/portal/generator/internal/diag"
)

type decoder struct {
	path       string
	probs      diag.List
	datasets   map[string]*node // the spec's named datasets
	params     map[string]xv    // the params' values
	selections map[string]*node // the params that select
	cfg        *specConfig
	depth      int // of views, for a bound on nesting
}

func (d *decoder) errAt(at pos, hint, format string, args ...any) {
	d.probs.Add(diag.Problem{Path: d.path, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func (d *decoder) warnAt(at pos, hint, format string, args ...any) {
	d.probs.Add(diag.Problem{Path: d.path, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...), Hint: hint, Warning: true})
}

// unknown reports key k of a mapping as not supported in context.
func (d *decoder) unknown(at pos, k, context string, allowed []string, hint string) {
	if hint == "" {
		hint = "supported here: " + strings.Join(allowed, ", ")
		if s := suggest(k, allowed); s != "" {
			hint = fmt.Sprintf("did you mean %q? %s", s, hint)
		}
	}
	d.errAt(at, hint, "%s %q is not supported", context, k)
}

func (d *decoder) want(n *node, kind nodeKind, what string) bool {
	if n.kind != kind {
		d.errAt(n.at, "", "%s must be %s, not %s", what, kind, n.kind)
		return false
	}
	return true
}

func (d *decoder) str(n *node, what string) (string, bool) {
	if !d.want(n, strNode, what) {
		return "", false
	}
	return n.str, true
}

func (d *decoder) num(n *node, what string) (float64, bool) {
	if !d.want(n, numNode, what) {
		return 0, false
	}
	return n.num, true
}

func (d *decoder) boolean(n *node, what string) (bool, bool) {
	if !d.want(n, boolNode, what) {
		return false, false
	}
	return n.b, true
}

func (d *decoder) oneOf(n *node, what string, allowed []string) (string, bool) {
	s, ok := d.str(n, what)
	if !ok {
		return "", false
	}
	if !slices.Contains(allowed, s) {
		hint := "supported: " + strings.Join(allowed, ", ")
		if g := suggest(s, allowed); g != "" {
			hint = fmt.Sprintf("did you mean %q? %s", g, hint)
		}
		d.errAt(n.at, hint, "%s %q is not supported", what, s)
		return "", false
	}
	return s, true
}

// titleText reads a title: text, a list of lines, or null (no title).
func (d *decoder) titleText(n *node, what string) *string {
	switch n.kind {
	case nullNode:
		s := ""
		return &s
	case strNode:
		return &n.str
	case seqNode:
		var lines []string
		for _, it := range n.items {
			if s, ok := d.str(it, what+" line"); ok {
				lines = append(lines, s)
			}
		}
		s := strings.Join(lines, " ")
		return &s
	case numNode:
		return &n.str
	}
	d.errAt(n.at, "", "%s must be text", what)
	return nil
}

// suggest returns the allowed word nearest to w, if it is near.
func suggest(w string, allowed []string) string {
	best, bestD := "", 3
	lw := strings.ToLower(w)
	for _, a := range allowed {
		if dd := editDistance(lw, strings.ToLower(a)); dd < bestD {
			best, bestD = a, dd
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
