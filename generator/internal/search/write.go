package search

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sync"
)

// Stats describe a written index.
type Stats struct {
	Langs []LangStats
	Files int
	Bytes int64
}

// LangStats describe the index of one language.
type LangStats struct {
	Lang                string
	Docs, Terms, Shards int
	Files               int
	Bytes               int64
}

// ours matches the files Write makes, so that it can remove stale ones.
var ours = regexp.MustCompile(`^(manifest\.json|[tdvw]-\d+\.[0-9a-f]+\.json|f\.[0-9a-f]+\.json)$`)

// Write writes the index under dir/search/<lang>/, replacing the files of a
// previous index there and leaving any other file alone.
func (ix *Index) Write(dir string) (Stats, error) {
	var st Stats
	for _, li := range ix.langs {
		d := filepath.Join(dir, "search", li.lang)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return st, err
		}
		old, err := os.ReadDir(d)
		if err != nil {
			return st, err
		}
		for _, e := range old {
			if _, keep := li.files[e.Name()]; !keep && e.Type().IsRegular() && ours.MatchString(e.Name()) {
				if err := os.Remove(filepath.Join(d, e.Name())); err != nil {
					return st, err
				}
			}
		}
		ls := LangStats{Lang: li.lang, Docs: li.docs, Terms: li.terms, Shards: li.shards, Files: len(li.names)}
		for _, b := range li.files {
			ls.Bytes += int64(len(b))
		}
		if err := writeFiles(d, li.names, li.files); err != nil {
			return st, err
		}
		st.Langs = append(st.Langs, ls)
		st.Files += ls.Files
		st.Bytes += ls.Bytes
	}
	return st, nil
}

// writeFiles writes files with a few goroutines: a large index has one file
// per page, and opening files is most of the time spent writing.
func writeFiles(dir string, names []string, files map[string][]byte) error {
	next := make(chan string)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for name := range next {
				if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
					select {
					case errs <- fmt.Errorf("search: %w", err):
					default:
					}
				}
			}
		}()
	}
	// The manifest, which names the others, goes last.
	for _, name := range names[:len(names)-1] {
		next <- name
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
	}
	last := names[len(names)-1]
	if err := os.WriteFile(filepath.Join(dir, last), files[last], 0o644); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	return nil
}
