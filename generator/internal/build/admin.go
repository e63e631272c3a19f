package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/itu-d/portal/generator/internal/cms"
	"github.com/itu-d/portal/generator/internal/source"
)

// writeAdmin adds the web editor (/admin/: Decap CMS and its configuration,
// made from the schemas and vocabularies) to the output. A site that pins
// the editor (tools/cms/package.json) but has not installed it is built
// without it, and says so; a site that does not pin it has none.
func writeAdmin(out, root string, o Options, site *source.Site) error {
	if _, err := os.Stat(filepath.Join(root, "tools", "cms", "package.json")); err != nil {
		return nil
	}
	cfg, err := cms.Config(site, cms.Options{Repo: site.Config.CMS.Repo, Branch: site.Config.CMS.Branch,
		SiteURL: baseURLOf(o, site), LocalBackend: o.CMSLocal})
	if err != nil {
		return err
	}
	files, err := cms.Files(root, cfg)
	if errors.Is(err, cms.ErrNoBundle) {
		fmt.Fprintf(o.Log, "generator: warning: the web editor (/admin/) is left out: %v\n\thint: %s\n", err, cms.Hint)
		return nil
	}
	if err != nil {
		return err
	}
	return writeFiles(out, files)
}
