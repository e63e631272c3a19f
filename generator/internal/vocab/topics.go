package vocab

import (
	_ "embed"
	"slices"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
	"golang.org/x/text/unicode/norm"
)

// Languages are the six UN languages every vocabulary label exists in.
var Languages = []string{"en", "fr", "es", "ar", "zh", "ru"}

// Topic is one subject of the publications library, which keywords name.
type Topic struct {
	Slug   string            // its address: /publications/topic/<slug>/
	Labels map[string]string // by language, one for each of Languages
	Also   []string          // other spellings a keyword may use
}

// Label is the topic's name in lang, in English for a language the
// vocabulary does not have.
func (t Topic) Label(lang string) string {
	if l, ok := t.Labels[lang]; ok {
		return l
	}
	return t.Labels["en"]
}

//go:embed topics.yaml
var topicsYAML []byte

var (
	topics        []Topic
	topicByKey    = map[string]int{} // normalised label or spelling -> index
	topicBySlug   = map[string]int{}
	topicKeywords []string // every label and spelling, for suggestions
)

func init() {
	var raw []map[string]any
	if err := yaml.Unmarshal(topicsYAML, &raw); err != nil {
		panic("vocab: topics.yaml: " + err.Error())
	}
	for _, r := range raw {
		t := Topic{Labels: map[string]string{}}
		for k, v := range r {
			switch k {
			case "slug":
				t.Slug, _ = v.(string)
			case "also":
				list, _ := v.([]any)
				for _, a := range list {
					s, _ := a.(string)
					t.Also = append(t.Also, s)
				}
			default:
				t.Labels[k], _ = v.(string)
			}
		}
		i := len(topics)
		topics = append(topics, t)
		topicBySlug[t.Slug] = i
		var spellings []string
		for _, lang := range Languages {
			spellings = append(spellings, t.Labels[lang])
		}
		for _, s := range append(spellings, t.Also...) {
			key := topicKey(s)
			if _, dup := topicByKey[key]; !dup {
				topicByKey[key] = i
				topicKeywords = append(topicKeywords, s)
			}
		}
	}
	slices.Sort(topicKeywords)
}

// topicKey is how keywords compare: case, spacing and Unicode
// normalisation aside.
func topicKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

// Topics lists the vocabulary in its file's order.
func Topics() []Topic { return slices.Clone(topics) }

// TopicOf finds the topic a keyword names, by any of its labels in any
// language or by another spelling of it.
func TopicOf(keyword string) (Topic, bool) {
	i, ok := topicByKey[topicKey(keyword)]
	if !ok {
		return Topic{}, false
	}
	return topics[i], true
}

// TopicBySlug finds a topic by its slug.
func TopicBySlug(slug string) (Topic, bool) {
	i, ok := topicBySlug[slug]
	if !ok {
		return Topic{}, false
	}
	return topics[i], true
}

// suggested remembers SuggestTopic's answers: a library repeats its
// keywords, and each answer compares the keyword with every label.
var suggested sync.Map

// SuggestTopic returns the label or spelling closest to a keyword that
// names no topic, when it is close enough to be a likely typo, or "".
func SuggestTopic(keyword string) string {
	if s, ok := suggested.Load(keyword); ok {
		return s.(string)
	}
	s := Suggest(keyword, topicKeywords)
	suggested.Store(keyword, s)
	return s
}
