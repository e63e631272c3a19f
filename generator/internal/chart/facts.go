package chart

import (
	"encoding/json"
	"slices"
	"strings"
)

// scene is what a drawing shows, in the terms the gallery suite compares
// with Vega: data marks counted by Vega's mark type (a line, area or trail
// counts once per series, as it is one shape), each axis's title and tick
// labels, each legend's title and labels, and the text of text marks. A
// renderer fills one only when asked (tests), so drawing pays nothing for it.
type scene struct {
	Marks   map[string]int `json:"marks"`
	Axes    []sceneAxis    `json:"axes"`
	Legends []sceneLegend  `json:"legends"`
	Texts   []string       `json:"texts"`
}

type sceneAxis struct {
	Channel string   `json:"channel"`
	Title   string   `json:"title"`
	Labels  []string `json:"labels"`
}

type sceneLegend struct {
	Title  string   `json:"title"`
	Labels []string `json:"labels"`
}

func (s *scene) mark(typ string, n int) {
	if s == nil {
		return
	}
	if s.Marks == nil {
		s.Marks = map[string]int{}
	}
	s.Marks[typ] += n
}

func (s *scene) axis(channel, title string, labels []string) {
	if s == nil || title == "" && len(labels) == 0 {
		return
	}
	a := sceneAxis{channel, title, slices.Clone(labels)}
	if a.Labels == nil {
		a.Labels = []string{}
	}
	for _, b := range s.Axes {
		if b.Channel == a.Channel && b.Title == a.Title && slices.Equal(b.Labels, a.Labels) {
			return
		}
	}
	s.Axes = append(s.Axes, a)
}

func (s *scene) legend(title string, labels []string) {
	if s == nil {
		return
	}
	l := sceneLegend{title, slices.Clone(labels)}
	if l.Labels == nil {
		l.Labels = []string{}
	}
	for _, b := range s.Legends {
		if b.Title == l.Title && slices.Equal(b.Labels, l.Labels) {
			return
		}
	}
	s.Legends = append(s.Legends, l)
}

func (s *scene) text(t string) {
	if s != nil {
		s.Texts = append(s.Texts, t)
	}
}

// normalize sorts the lists as the Vega side writes them.
func (s *scene) normalize() {
	key := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	slices.SortFunc(s.Axes, func(a, b sceneAxis) int { return strings.Compare(key(a), key(b)) })
	slices.SortFunc(s.Legends, func(a, b sceneLegend) int { return strings.Compare(key(a), key(b)) })
	slices.Sort(s.Texts)
	for k, n := range s.Marks {
		if n == 0 {
			delete(s.Marks, k)
		}
	}
}

// merge adds another scene's marks, axes, legends and texts.
func (s *scene) merge(o *scene) {
	for k, n := range o.Marks {
		s.mark(k, n)
	}
	for _, a := range o.Axes {
		s.axis(a.Channel, a.Title, a.Labels)
	}
	for _, l := range o.Legends {
		s.legend(l.Title, l.Labels)
	}
	s.Texts = append(s.Texts, o.Texts...)
}
