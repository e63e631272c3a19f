package derive

import (
	_ "embed"
	"sort"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"

	"github.com/itu-d/portal/generator/internal/source"
)

//go:embed hubs.yaml
var hubsYAML []byte

type topicHubConfig struct {
	Views  []string       `yaml:"views"`
	Topics []string       `yaml:"topics"`
	Note   source.Text    `yaml:"note"`
	Source *figureSrcJSON `yaml:"source"`
}

var hubConfig = sync.OnceValue(func() map[string]topicHubConfig {
	var c struct {
		Sectors map[string]topicHubConfig `yaml:"sectors"`
		SDGs    map[string]topicHubConfig `yaml:"sdgs"`
	}
	if err := yaml.Unmarshal(hubsYAML, &c); err != nil {
		panic("derive: hubs.yaml: " + err.Error())
	}
	out := map[string]topicHubConfig{}
	for k, v := range c.Sectors {
		out["sectors/"+k] = v
	}
	for k, v := range c.SDGs {
		out["sdgs/"+k] = v
	}
	return out
})

// topicHubJSON is what a sector's or goal's page shows beside its stories
// (site.Data.gen.hubs.topics, keyed "sectors/health", "sdgs/9").
type topicHubJSON struct {
	Views        []viewRefJSON     `json:"views"`
	Publications []int             `json:"publications"`   // positions in publications.json, newest first
	More         string            `json:"more,omitempty"` // the first of its library topics with publications
	Note         map[string]string `json:"note,omitempty"`
	Source       *figureSrcJSON    `json:"source,omitempty"`
}

type viewRefJSON struct {
	Dataset string `json:"dataset"`
	View    string `json:"view"`
}

// topicHubs gives each sector and goal the charts that measure it (those
// whose dataset and view exist) and the newest publications on its topics.
func topicHubs(ds map[string]datasetJSON, pubs []pubJSON, limit int) map[string]topicHubJSON {
	byTopic := map[string][]int{}
	for i, p := range pubs {
		for _, t := range p.Topics {
			byTopic[t] = append(byTopic[t], i)
		}
	}
	out := map[string]topicHubJSON{}
	for key, c := range hubConfig() {
		h := topicHubJSON{Views: []viewRefJSON{}, Publications: []int{}, Note: c.Note, Source: c.Source}
		for _, v := range c.Views {
			name, view, _ := strings.Cut(v, "/")
			d, ok := ds[name]
			if !ok {
				continue
			}
			for _, vj := range d.Views {
				if vj.Name == view {
					h.Views = append(h.Views, viewRefJSON{name, view})
				}
			}
		}
		seen := map[int]bool{}
		for _, t := range c.Topics {
			if h.More == "" && len(byTopic[t]) > 0 {
				h.More = t
			}
			for _, i := range byTopic[t] {
				if !seen[i] {
					seen[i] = true
					h.Publications = append(h.Publications, i)
				}
			}
		}
		sort.Ints(h.Publications)
		if len(h.Publications) > limit {
			h.Publications = h.Publications[:limit]
		}
		out[key] = h
	}
	return out
}
