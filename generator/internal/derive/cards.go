package derive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg" // story photos
	_ "image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "golang.org/x/image/webp"

	"github.com/goccy/go-yaml"

	"github.com/itu-d/portal/generator/internal/card"
	"github.com/itu-d/portal/generator/internal/par"
	"github.com/itu-d/portal/generator/internal/source"
	"github.com/itu-d/portal/generator/internal/vocab"
)

// cardVersion changes when the cards' design does, so every card is drawn
// again; otherwise a card is drawn only when what it shows changes.
const cardVersion = "card-1"

// cardsDir holds the drawn cards, named by a hash of what they show: a
// build draws only the cards it has not drawn before, and a page's card
// address changes when its picture does (no stale previews).
const cardsDir = "static/cards"

// pageCard is one page's card and where the page is.
type pageCard struct {
	page string // the page's path, as Hugo's RelPermalink gives it
	spec card.Card
	// photo is a story's hero image file, read only when the card is drawn.
	photo string
}

// Cards counts the social cards of a build.
type Cards struct{ Pages, Drawn, Reused int }

// cards draws (or finds already drawn) the social card of every story,
// chart, dataset, country and publication page in every language, and
// returns the map from page path to card address that head.html reads, and
// the card files to keep in .gen.
func cards(site *source.Site, baseURL string, ds map[string]datasetJSON, pubs []pubJSON, profiles map[string]profileJSON) (map[string]string, []string, Cards, error) {
	dir := filepath.Join(site.Root, Dir, filepath.FromSlash(cardsDir))
	texts := i18nTexts(site)
	host := baseURL
	if u, err := url.Parse(baseURL); err == nil && u.Host != "" {
		host = u.Host + strings.TrimSuffix(u.Path, "/")
	}
	var list []pageCard
	for _, lang := range site.Languages {
		prefix := ""
		if lang != site.Languages[0] {
			prefix = "/" + lang
		}
		t := texts[lang]
		base := card.Card{Site: t["site_title"], RTL: lang == "ar"}
		add := func(path string, c card.Card, photo string) {
			c.Site, c.RTL = base.Site, base.RTL
			c.URL = host + prefix + path
			list = append(list, pageCard{page: prefix + path, spec: c, photo: photo})
		}
		// Stories: the text of the page's language, else the original's.
		stories := map[string]*source.Story{}
		for _, s := range site.Stories {
			if s.Draft {
				continue
			}
			if cur, ok := stories[s.Slug]; !ok || s.Lang == lang || (cur.Lang != lang && s.Lang == site.Languages[0]) {
				stories[s.Slug] = s
			}
		}
		for slug, s := range stories {
			c := card.Card{Kind: t["card_story"], Title: s.Title, Text: storyLine(s, lang)}
			photo := ""
			if s.Image != nil {
				photo = filepath.Join(site.Root, filepath.FromSlash(s.Bundle), filepath.FromSlash(s.Image.Src))
			}
			add("/stories/"+slug+"/", c, photo)
		}
		for name, d := range ds {
			title := d.Title.In(lang)
			c := card.Card{Kind: t["card_dataset"], Title: title, Text: firstSentence(d.Description.In(lang))}
			if len(d.Views) > 0 {
				c.SVG = []byte(d.Views[0].Render[lang].Wide)
			}
			add("/data/"+name+"/", c, "")
			for _, v := range d.Views {
				kind := t["card_chart"]
				if v.Kind == "map" {
					kind = t["card_map"]
				}
				add("/data/"+name+"/"+v.Name+"/", card.Card{Kind: kind, Title: v.Title.In(lang), Text: title, SVG: []byte(v.Render[lang].Wide)}, "")
			}
		}
		for code, p := range profiles {
			c := card.Card{Kind: t["profile_kind"], Title: p.Name[lang]}
			var regions []string
			for _, r := range p.Regions {
				regions = append(regions, t["region_"+r])
			}
			c.Text = strings.Join(regions, " · ")
			if p.Internet != nil {
				c.Figure = p.Internet.Value[lang]
				if figs := p.Figures[lang]; len(figs) > 0 {
					c.FigureLabel = figs[0].Label
				}
			} else if p.Locator[lang] != "" {
				c.SVG = []byte(p.Locator[lang])
			}
			add("/countries/"+strings.ToLower(code)+"/", c, "")
		}
		for _, p := range pubs {
			line := p.Byline
			if p.Year != "" {
				line = strings.TrimSpace(line + " (" + p.Year + ")")
			}
			add(p.Page, card.Card{Kind: t["card_publication"], Title: p.Title, Text: line}, "")
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, Cards{}, err
	}
	shared := sharedCache()
	out := make(map[string]string, len(list))
	names := make([]string, len(list))
	drawn := make([]bool, len(list))
	errs := make([]error, len(list))
	par.For(len(list), func(i int) {
		pc := list[i]
		var photo []byte
		if pc.photo != "" {
			photo, _ = os.ReadFile(pc.photo)
		}
		name := cardHash(pc.spec, photo) + ".png"
		names[i] = name
		drawn[i], errs[i] = picture(dir, shared, name, func() ([]byte, error) {
			c := pc.spec
			if len(photo) > 0 {
				if strings.HasSuffix(strings.ToLower(pc.photo), ".svg") {
					c.SVG = photo
				} else if img, _, err := image.Decode(bytes.NewReader(photo)); err == nil {
					c.Photo = img
				}
			}
			b, err := card.Draw(c)
			if err != nil {
				return nil, fmt.Errorf("card of %s: %w", pc.page, err)
			}
			return b, nil
		})
	})
	var n Cards
	keep := make([]string, 0, len(list))
	for i, pc := range list {
		if errs[i] != nil {
			return nil, nil, n, errs[i]
		}
		out[pc.page] = "/cards/" + names[i]
		keep = append(keep, cardsDir+"/"+names[i])
		n.Pages++
		if drawn[i] {
			n.Drawn++
		} else {
			n.Reused++
		}
	}
	return out, keep, n, nil
}

// cardHash names a card by everything it shows.
func cardHash(c card.Card, photo []byte) string {
	h := sha256.New()
	c.Photo = nil
	b, _ := json.Marshal(c)
	h.Write([]byte(cardVersion))
	h.Write(b)
	h.Write(photo)
	return hex.EncodeToString(h.Sum(nil))[:20]
}

// storyLine is the line under a story's title: its country and date.
func storyLine(s *source.Story, lang string) string {
	var parts []string
	if s.Country != "" {
		parts = append(parts, vocab.CountryName(s.Country, lang))
	}
	if len(s.Date) >= 4 {
		parts = append(parts, s.Date[:4])
	}
	return strings.Join(parts, " · ")
}

// firstSentence shortens a description to its first sentence.
func firstSentence(s string) string {
	for _, sep := range []string{". ", "。", "؛ ", "; "} {
		if i := strings.Index(s, sep); i > 0 {
			return s[:i+len(strings.TrimSpace(sep))]
		}
	}
	return s
}

// i18nTexts reads the site's interface strings (i18n/LANG.yaml) that are
// plain strings.
func i18nTexts(site *source.Site) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, l := range site.Languages {
		m := map[string]string{}
		if b, err := os.ReadFile(filepath.Join(site.Root, "i18n", l+".yaml")); err == nil {
			var raw map[string]any
			if yaml.Unmarshal(b, &raw) == nil {
				for k, v := range raw {
					if s, ok := v.(string); ok {
						m[k] = s
					}
				}
			}
		}
		out[l] = m
	}
	return out
}

// picture makes sure dir/name exists: already there, else linked from the
// shared cache, else drawn (and then shared). Pictures are named by a hash
// of what they show, so one found is the one wanted. It reports whether it
// drew.
func picture(dir, shared, name string, draw func() ([]byte, error)) (bool, error) {
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err == nil {
		if shared != "" {
			linkOrCopy(p, filepath.Join(shared, name))
		}
		return false, nil
	}
	if shared != "" && linkOrCopy(filepath.Join(shared, name), p) == nil {
		return false, nil
	}
	b, err := draw()
	if err != nil {
		return false, err
	}
	// Written under a temporary name and renamed, so a killed build never
	// leaves half a picture for the next one to keep.
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return false, err
	}
	if err := os.Rename(tmp, p); err != nil {
		return false, err
	}
	if shared != "" {
		// The shared cache is a convenience: failing to fill it costs the
		// next build in another folder a redraw, nothing more.
		linkOrCopy(p, filepath.Join(shared, name))
	}
	return true, nil
}

// sharedCache is a folder of pictures shared by every copy of the site on
// the machine (worktrees, test runs), which a picture's content hash makes
// safe to share: $ITU_PORTAL_CACHE, else the user's cache folder. "off"
// turns it off.
func sharedCache() string {
	dir := os.Getenv("ITU_PORTAL_CACHE")
	if dir == "off" {
		return ""
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "itu-d-portal")
	}
	dir = filepath.Join(dir, cardVersion)
	if os.MkdirAll(dir, 0o755) != nil {
		return ""
	}
	return dir
}

// linkOrCopy puts the file src at dst: a hard link when both are on one
// file system, else a copy under a temporary name, renamed.
func linkOrCopy(src, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	tmp := dst + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}
