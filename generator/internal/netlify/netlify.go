// Package netlify reads the headers and redirects of netlify.toml and
// serves a published folder under them, as Netlify's CDN would, so the tests
// check the very Content-Security-Policy and 404 rules that ship.
// It implements the subset the site uses: header rules with a trailing
// splat, and 404 rewrites from a path prefix.
package netlify

import (
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Config is the part of netlify.toml that shapes responses.
type Config struct {
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
	Redirects []struct {
		From   string `toml:"from"`
		To     string `toml:"to"`
		Status int    `toml:"status"`
	} `toml:"redirects"`
}

// Load reads netlify.toml.
func Load(file string) (*Config, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := toml.Unmarshal(b, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// match reports whether a URL path matches a Netlify path pattern, where *
// stands for any run of characters.
func match(pattern, p string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == p
	}
	prefix, rest, _ := strings.Cut(pattern, "*")
	if !strings.HasPrefix(p, prefix) {
		return false
	}
	return rest == "" || strings.HasSuffix(p, strings.TrimPrefix(rest, "*"))
}

// Handler serves dir with the configuration's headers and 404 rules, and
// compresses text as Netlify's CDN does.
func (c *Config) Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return gzipText(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := path.Clean("/" + r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
			p += "/" // a folder's page: /admin/ matches "/admin/*", as on Netlify
		}
		for _, h := range c.Headers {
			if match(h.For, p) {
				keys := make([]string, 0, len(h.Values))
				for k := range h.Values {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				for _, k := range keys {
					w.Header().Set(k, h.Values[k])
				}
			}
		}
		if !exists(dir, p) {
			for _, rd := range c.Redirects {
				if rd.Status == 404 && match(rd.From, p) && exists(dir, rd.To) {
					b, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rd.To)))
					w.Header().Set("Content-Type", "text/html; charset=utf-8")
					w.WriteHeader(http.StatusNotFound)
					w.Write(b)
					return
				}
			}
		}
		files.ServeHTTP(w, r)
	}))
}

// compressible are the types Netlify serves compressed.
var compressible = map[string]bool{".html": true, ".css": true, ".js": true, ".svg": true, ".xml": true, ".json": true, ".txt": true, ".bib": true, ".ris": true, ".csv": true}

// gzipText compresses responses for text files when the client accepts it.
func gzipText(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext := path.Ext(r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") {
			ext = ".html"
		}
		if !compressible[ext] || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		h.ServeHTTP(&gzipWriter{ResponseWriter: w, w: gz}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	w io.Writer
}

func (g *gzipWriter) WriteHeader(code int) {
	g.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	g.Header().Del("Content-Length")
	return g.w.Write(b)
}

func exists(dir, p string) bool {
	f := filepath.Join(dir, filepath.FromSlash(p))
	fi, err := os.Stat(f)
	if err != nil {
		return false
	}
	if fi.IsDir() {
		_, err = os.Stat(filepath.Join(f, "index.html"))
		return err == nil
	}
	return true
}
