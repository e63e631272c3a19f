package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/itu-d/portal/generator/internal/diag"
)

// treeRoots are the folders of a site whose files reach the built site.
// No file in them may be a symbolic link: Hugo follows some links and not
// others (a linked image silently vanishes from a page), and a link can
// point anywhere on the build machine, whose files would then be published.
// Copy the file into the repository instead.
var treeRoots = []string{"content", "data", "static", "assets", "layouts", "i18n", "archetypes"}

// checkTree reports every symbolic link and every file that is not a
// regular file or folder (a named pipe, a device) under the tree roots.
func (l *loader) checkTree() {
	for _, top := range treeRoots {
		root := filepath.Join(l.site.Root, top)
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p != root {
					l.probs.Errorf(l.rel(p), 0, 0, "cannot be read: %v", err)
				}
				return nil
			}
			if p == root && d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			switch t := d.Type(); {
			case t&fs.ModeSymlink != 0:
				target, _ := os.Readlink(p)
				l.probs.Add(diag.Problem{Path: l.rel(p), Msg: fmt.Sprintf("is a symbolic link (to %s); links are not published", target),
					Hint: "copy the file or folder here instead: a link could publish files from outside the repository"})
				l.symlinks[l.rel(p)] = true
				if d.IsDir() {
					return filepath.SkipDir
				}
			case !t.IsRegular() && !t.IsDir():
				l.probs.Add(diag.Problem{Path: l.rel(p), Msg: "is not a regular file"})
			}
			return nil
		})
	}
}

// rel is the slash path of p relative to the site root.
func (l *loader) rel(p string) string {
	r, err := filepath.Rel(l.site.Root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// readLimited reads the file rel (slash path under the root) when it is a
// regular file of at most max bytes (the limit named limit); otherwise it
// reports why not and returns false.
func (l *loader) readLimited(rel, limit string, max int64) ([]byte, bool) {
	b, ok, prob := l.readChecked(rel, limit, max)
	if prob != nil {
		l.probs.Add(*prob)
	}
	return b, ok
}

// readChecked is readLimited without the reporting: what is wrong comes
// back as a problem (none for a symbolic link, which the walk reported),
// so that files can be read on every core and reported in order. It never
// reads more than max+1 bytes, so a file that grows while it is read
// cannot exceed the limit either.
func (l *loader) readChecked(rel, limit string, max int64) ([]byte, bool, *diag.Problem) {
	full := filepath.Join(l.site.Root, filepath.FromSlash(rel))
	fi, err := os.Lstat(full)
	if err != nil {
		return nil, false, &diag.Problem{Path: rel, Msg: err.Error()}
	}
	if !fi.Mode().IsRegular() {
		if fi.Mode()&fs.ModeSymlink == 0 && !l.symlinks[rel] {
			return nil, false, &diag.Problem{Path: rel, Msg: "is not a regular file"}
		}
		return nil, false, nil
	}
	if fi.Size() > max {
		msg, hint := l.limits().Exceeded(limit, fi.Size(), "the file")
		return nil, false, &diag.Problem{Path: rel, Line: 1, Col: 1, Msg: msg, Hint: hint}
	}
	f, err := os.Open(full)
	if err != nil {
		return nil, false, &diag.Problem{Path: rel, Msg: err.Error()}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, false, &diag.Problem{Path: rel, Msg: err.Error()}
	}
	if int64(len(b)) > max {
		msg, hint := l.limits().Exceeded(limit, 0, "the file")
		return nil, false, &diag.Problem{Path: rel, Line: 1, Col: 1, Msg: msg, Hint: hint}
	}
	return b, true, nil
}

// invalidUTF8 returns the 1-based line and column (in characters) of the
// first byte of b that is not UTF-8, or 0, 0.
func invalidUTF8(b []byte) (line, col int) {
	if utf8.Valid(b) {
		return 0, 0
	}
	line, col = 1, 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// insideDir reports whether the slash path name, relative to dir, stays in
// dir once cleaned ("../x" and "/x" do not).
func insideDir(name string) bool {
	c := path.Clean(name)
	return c != ".." && !strings.HasPrefix(c, "../") && !path.IsAbs(c) && !strings.Contains(name, "\\")
}

// checkData refuses files under data/ outside datasets/ and publications/:
// Hugo would read each into memory as site data, with no limits of ours.
func (l *loader) checkData() {
	entries, err := os.ReadDir(filepath.Join(l.site.Root, "data"))
	if err != nil {
		return
	}
	for _, e := range entries {
		if n := e.Name(); n != "datasets" && n != "publications" && !strings.HasPrefix(n, ".") && !l.symlinks["data/"+n] {
			l.probs.Add(diag.Problem{Path: "data/" + n, Msg: "data/ holds datasets/ and publications/ only; this is not read",
				Hint: "a dataset is data/datasets/<name>/ with a datapackage.yaml; a bibliography goes in data/publications/"})
		}
	}
}

// checkI18n reads the interface translations within the same limits as
// content: translators edit them, and Hugo reads them with no limits.
func (l *loader) checkI18n() {
	entries, err := os.ReadDir(filepath.Join(l.site.Root, "i18n"))
	if err != nil {
		return
	}
	for _, e := range entries {
		rel := "i18n/" + e.Name()
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") || l.symlinks[rel] {
			continue
		}
		if ext := filepath.Ext(e.Name()); ext != ".yaml" && ext != ".yml" {
			l.probs.Add(diag.Problem{Path: rel, Msg: "interface translations are YAML files: i18n/LANG.yaml"})
			continue
		}
		src, ok := l.readLimited(rel, "contentBytes", l.limits().ContentBytes)
		if !ok {
			continue
		}
		fm := &frontMatter{start: 1, values: map[string]pos{}, keys: map[string]pos{}, limits: l.limits()}
		if err := fm.decodeYAML(src); err != nil {
			var se *syntaxError
			if errors.As(err, &se) {
				l.probs.Add(diag.Problem{Path: rel, Line: se.At.Line, Col: se.At.Col, Msg: se.Msg, Hint: se.Hint})
			} else {
				l.probs.Errorf(rel, 1, 1, "%v", err)
			}
		}
	}
}
