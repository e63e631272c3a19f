package cms

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
)

// Local is the CMS's local backend: it answers Decap's proxy protocol (the
// one decap-server speaks in its file-system mode) by reading and writing
// the repository at Root, so an editor's saves land in the working tree
// where serve rebuilds them and git sees them. It serves one person on
// their own machine: it listens on loopback only (the caller's choice),
// takes JSON from its own origin only (a page elsewhere cannot post to
// it), and touches files only under the folders the CMS edits, through an
// os.Root, so no path or symbolic link leads outside them.
type Local struct {
	Root string
	// Saved, when set, is called with each file written or removed.
	Saved func(rel string)
}

// editable are the folders the CMS may read and write.
var editable = []string{"content/", "data/datasets/", "static/images/"}

// maxRequest bounds one request: an entry with its images.
const maxRequest = 64 << 20

type entryFile struct {
	Path    string  `json:"path"`
	Raw     *string `json:"raw"`
	NewPath string  `json:"newPath"`
}

type asset struct {
	Path     string `json:"path"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
}

type request struct {
	Action string `json:"action"`
	Params struct {
		Folder      string      `json:"folder"`
		Extension   string      `json:"extension"`
		Depth       int         `json:"depth"`
		Files       []entryFile `json:"files"`
		Path        string      `json:"path"`
		Paths       []string    `json:"paths"`
		MediaFolder string      `json:"mediaFolder"`
		Entry       *entryFile  `json:"entry"`
		DataFiles   []entryFile `json:"dataFiles"`
		Assets      []asset     `json:"assets"`
		Asset       *asset      `json:"asset"`
	} `json:"params"`
}

type entry struct {
	Data *string   `json:"data"`
	File entryMeta `json:"file"`
}

type entryMeta struct {
	Path string  `json:"path"`
	ID   *string `json:"id"`
}

type mediaFile struct {
	ID       string `json:"id"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
	Path     string `json:"path"`
	Name     string `json:"name"`
}

func (l *Local) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct != "application/json" {
		http.Error(w, "JSON only", http.StatusUnsupportedMediaType)
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
		http.Error(w, "requests from other sites are refused", http.StatusForbidden)
		return
	}
	var req request
	if err := json.NewDecoder(io.LimitReader(r.Body, maxRequest)).Decode(&req); err != nil {
		reply(w, http.StatusUnprocessableEntity, map[string]string{"error": "not a request: " + err.Error()})
		return
	}
	root, err := os.OpenRoot(l.Root)
	if err != nil {
		reply(w, http.StatusInternalServerError, map[string]string{"error": err.Error()})
		return
	}
	defer root.Close()
	res, err := l.do(root, &req)
	if err != nil {
		reply(w, http.StatusUnprocessableEntity, map[string]string{"error": err.Error()})
		return
	}
	reply(w, http.StatusOK, res)
}

func reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (l *Local) do(root *os.Root, req *request) (any, error) {
	p := &req.Params
	switch req.Action {
	case "info":
		return map[string]any{"repo": path.Base(l.Root), "publish_modes": []string{"simple"}, "type": "local_fs"}, nil
	case "entriesByFolder":
		files, err := list(root, p.Folder, p.Extension, p.Depth)
		if err != nil {
			return nil, err
		}
		out := []entry{}
		for _, f := range files {
			out = append(out, readEntry(root, f))
		}
		return out, nil
	case "entriesByFiles":
		out := []entry{}
		for _, f := range p.Files {
			if err := check(f.Path); err != nil {
				return nil, err
			}
			out = append(out, readEntry(root, f.Path))
		}
		return out, nil
	case "getEntry":
		if err := check(p.Path); err != nil {
			return nil, err
		}
		return readEntry(root, p.Path), nil
	case "persistEntry":
		files := p.DataFiles
		if len(files) == 0 && p.Entry != nil {
			files = []entryFile{*p.Entry}
		}
		for _, f := range files {
			if f.Raw == nil {
				return nil, fmt.Errorf("%s: no content", f.Path)
			}
			if err := l.write(root, f.Path, []byte(*f.Raw)); err != nil {
				return nil, err
			}
		}
		for _, a := range p.Assets {
			if err := l.writeAsset(root, a); err != nil {
				return nil, err
			}
		}
		for _, f := range files {
			if f.NewPath != "" && f.NewPath != f.Path {
				if err := l.move(root, f.Path, f.NewPath); err != nil {
					return nil, err
				}
			}
		}
		return map[string]string{"message": "entry persisted"}, nil
	case "getMedia":
		files, err := list(root, p.MediaFolder, "", 1)
		if err != nil {
			return nil, err
		}
		out := []mediaFile{}
		for _, f := range files {
			if m, err := readMedia(root, f); err == nil {
				out = append(out, m)
			}
		}
		return out, nil
	case "getMediaFile":
		if err := check(p.Path); err != nil {
			return nil, err
		}
		return readMedia(root, p.Path)
	case "persistMedia":
		if p.Asset == nil {
			return nil, errors.New("no asset")
		}
		if err := l.writeAsset(root, *p.Asset); err != nil {
			return nil, err
		}
		return readMedia(root, p.Asset.Path)
	case "deleteFile", "deleteFiles":
		paths := p.Paths
		if req.Action == "deleteFile" {
			paths = []string{p.Path}
		}
		for _, f := range paths {
			if err := check(f); err != nil {
				return nil, err
			}
			if err := root.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
			l.saved(f)
		}
		return map[string]string{"message": "deleted"}, nil
	case "getDeployPreview":
		return nil, nil
	}
	return nil, fmt.Errorf("unknown action %q", req.Action)
}

// check refuses a path outside the folders the CMS edits.
func check(p string) error {
	clean := path.Clean(p)
	if p == "" || clean != p || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.HasPrefix(clean, "../") {
		return fmt.Errorf("%q is not a path in the repository", p)
	}
	for _, dir := range editable {
		if strings.HasPrefix(clean+"/", dir) {
			return nil
		}
	}
	return fmt.Errorf("%q is outside the folders the editor may change (%s)", p, strings.Join(editable, ", "))
}

// list returns the files under folder, depth levels deep, whose names end
// in extension, as slash paths from the root.
func list(root *os.Root, folder, ext string, depth int) ([]string, error) {
	folder = strings.TrimSuffix(folder, "/")
	if err := check(folder); err != nil {
		return nil, err
	}
	var out []string
	var walk func(dir string, depth int)
	walk = func(dir string, depth int) {
		if depth <= 0 {
			return
		}
		f, err := root.Open(dir)
		if err != nil {
			return
		}
		ents, _ := f.ReadDir(-1)
		f.Close()
		for _, e := range ents {
			p := dir + "/" + e.Name()
			switch {
			case e.IsDir():
				walk(p, depth-1)
			case e.Type().IsRegular() && strings.HasSuffix(e.Name(), ext):
				out = append(out, p)
			}
		}
	}
	walk(folder, max(depth, 1))
	return out, nil
}

func readEntry(root *os.Root, p string) entry {
	b, err := root.ReadFile(p)
	if err != nil {
		return entry{File: entryMeta{Path: p}}
	}
	s, id := string(b), hash(b)
	return entry{Data: &s, File: entryMeta{Path: p, ID: &id}}
}

func readMedia(root *os.Root, p string) (mediaFile, error) {
	b, err := root.ReadFile(p)
	if err != nil {
		return mediaFile{}, err
	}
	return mediaFile{ID: hash(b), Content: base64.StdEncoding.EncodeToString(b), Encoding: "base64", Path: p, Name: path.Base(p)}, nil
}

func hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func (l *Local) write(root *os.Root, p string, b []byte) error {
	if err := check(p); err != nil {
		return err
	}
	if err := root.MkdirAll(path.Dir(p), 0o755); err != nil {
		return err
	}
	if err := root.WriteFile(p, b, 0o644); err != nil {
		return err
	}
	l.saved(p)
	return nil
}

func (l *Local) writeAsset(root *os.Root, a asset) error {
	var b []byte
	switch a.Encoding {
	case "base64":
		var err error
		if b, err = base64.StdEncoding.DecodeString(a.Content); err != nil {
			return fmt.Errorf("%s: %w", a.Path, err)
		}
	case "", "utf8", "utf-8":
		b = []byte(a.Content)
	default:
		return fmt.Errorf("%s: unknown encoding %q", a.Path, a.Encoding)
	}
	return l.write(root, a.Path, b)
}

// move renames an entry (a story whose title, and so folder, changed)
// with the files beside it, as decap-server does.
func (l *Local) move(root *os.Root, from, to string) error {
	if err := check(from); err != nil {
		return err
	}
	if err := check(to); err != nil {
		return err
	}
	if err := root.MkdirAll(path.Dir(to), 0o755); err != nil {
		return err
	}
	if err := root.Rename(from, to); err != nil {
		return err
	}
	l.saved(from)
	l.saved(to)
	return nil
}

func (l *Local) saved(p string) {
	if l.Saved != nil {
		l.Saved(p)
	}
}
