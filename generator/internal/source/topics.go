package source

import (
	"fmt"

	"github.com/itu-d/portal/generator/internal/diag"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// checkTopics warns about each keyword of a publication that names no
// topic of the vocabulary: it would show untranslated, as written, on the
// library's pages in every language.
func (l *loader) checkTopics(p *Publication) {
	for i, k := range p.Keywords {
		if _, ok := vocab.TopicOf(k); ok {
			continue
		}
		msg := fmt.Sprintf("%s: keyword %q is not a topic of the library", p.ID, k)
		if s := vocab.SuggestTopic(k); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		pos := p.KeywordPos(i)
		l.probs.Add(diag.Problem{Path: pos.Path, Line: pos.Line, Col: pos.Col, Msg: msg, Warning: true,
			Hint: "topics and their names in the six languages are in generator/internal/vocab/topics.yaml: use one, or add it there"})
	}
}
