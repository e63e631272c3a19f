package cms

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// BundleDir is where the pinned Decap CMS bundle is installed, relative
// to the site root (tools/cms/package-lock.json pins it).
const BundleDir = "tools/cms/node_modules/decap-cms/dist"

// ErrNoBundle means the CMS bundle is not installed.
var ErrNoBundle = errors.New("the web editor's bundle is not installed")

// Hint says how to install the bundle.
const Hint = "install it with: (cd tools/cms && npm ci)"

// page loads the CMS. It has no inline script or style, so the CSP of
// /admin/ needs no hash for it; Decap reads config.yml next to it.
const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>Editor · ITU-D Knowledge Portal</title>
</head>
<body>
<noscript>The editor needs JavaScript. Without it, edit the files in the repository: see the README.</noscript>
<script src="decap-cms.js"></script>
</body>
</html>
`

// Files returns the files of /admin/ by slash path under the site's
// output: the page, config.yml and Decap's bundle (its main script, the
// chunks it loads on demand, their licences and WebAssembly), copied from
// BundleDir. It returns ErrNoBundle when the bundle is not installed.
func Files(root string, config []byte) (map[string][]byte, error) {
	dir := filepath.Join(root, filepath.FromSlash(BundleDir))
	if _, err := os.Stat(filepath.Join(dir, "decap-cms.js")); err != nil {
		return nil, ErrNoBundle
	}
	files := map[string][]byte{"admin/index.html": []byte(page), "admin/config.yml": config}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if !strings.HasSuffix(name, "decap-cms.js") && name != "decap-cms.js.LICENSE.txt" && !strings.HasSuffix(name, ".wasm") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files["admin/"+name] = b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the CMS bundle: %w", err)
	}
	return files, nil
}
