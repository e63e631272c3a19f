package vocab

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/itu-d/portal/generator/internal/biblio"
)

var slugRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// TestTopicVocabulary checks the vocabulary file: a well-formed, unique
// slug and a label in each of the six languages for every topic, and no
// label or spelling that names two topics.
func TestTopicVocabulary(t *testing.T) {
	if len(Topics()) == 0 {
		t.Fatal("no topics")
	}
	slugs := map[string]bool{}
	names := map[string]string{}
	for _, tp := range Topics() {
		if !slugRe.MatchString(tp.Slug) {
			t.Errorf("slug %q is not lowercase words joined by hyphens", tp.Slug)
		}
		if slugs[tp.Slug] {
			t.Errorf("slug %q twice", tp.Slug)
		}
		slugs[tp.Slug] = true
		if len(tp.Labels) != len(Languages) {
			t.Errorf("%s: labels in %d languages, want the %d of %v", tp.Slug, len(tp.Labels), len(Languages), Languages)
		}
		for _, lang := range Languages {
			if strings.TrimSpace(tp.Labels[lang]) == "" {
				t.Errorf("%s: no %s label", tp.Slug, lang)
			}
		}
		for _, s := range append(labels(tp), tp.Also...) {
			if other, ok := names[topicKey(s)]; ok && other != tp.Slug {
				t.Errorf("%q names both %s and %s", s, other, tp.Slug)
			}
			names[topicKey(s)] = tp.Slug
		}
	}
}

func labels(tp Topic) []string {
	var out []string
	for _, l := range Languages {
		out = append(out, tp.Labels[l])
	}
	return out
}

func TestTopicOf(t *testing.T) {
	for _, c := range []struct{ keyword, slug string }{
		{"broadband", "broadband"}, {"  Broadband ", "broadband"}, {"ICT  regulation", "ict-regulation"},
		{"universal meaningful connectivity", "universal-and-meaningful-connectivity"},
		{"haut débit", ""}, {"large bande", "broadband"}, {"宽带", "broadband"}, {"الأمن السيبراني", "cybersecurity"},
		{"COVID-19", "covid-19"}, {"e-waste", "e-waste"}, {"broadbnd", ""},
	} {
		tp, ok := TopicOf(c.keyword)
		if ok != (c.slug != "") || tp.Slug != c.slug {
			t.Errorf("TopicOf(%q) = %q, %v; want %q", c.keyword, tp.Slug, ok, c.slug)
		}
	}
	for _, c := range []struct{ keyword, want string }{
		{"broadbnd", "broadband"}, {"cyber security", "cybersecurity"}, {"digital skils", "digital skills"},
		{"quantum computing", ""},
	} {
		if got := SuggestTopic(c.keyword); got != c.want {
			t.Errorf("SuggestTopic(%q) = %q, want %q", c.keyword, got, c.want)
		}
	}
	if tp, _ := TopicBySlug("broadband"); tp.Label("fr") != "large bande" || tp.Label("de") != "broadband" {
		t.Errorf("labels of broadband: %q, %q", tp.Label("fr"), tp.Label("de"))
	}
}

// TestLibraryKeywordsAreTopics checks that every keyword of the site's own
// bibliographies names a topic, so that every chip is translated.
func TestLibraryKeywordsAreTopics(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "data", "publications", "*.bib"))
	if len(files) == 0 {
		t.Skip("no bibliographies")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		items, _ := biblio.ReadBibTeX(f, src)
		for _, it := range items {
			for _, k := range it.Keywords {
				if _, ok := TopicOf(k); !ok {
					t.Errorf("%s: %s: keyword %q is not in topics.yaml", it.Pos, it.ID, k)
				}
			}
		}
	}
}
