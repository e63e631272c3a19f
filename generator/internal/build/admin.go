package build

import (
	"errors"
	"fmt"

	"github.com/itu-d/portal/generator/internal/cms"
	"github.com/itu-d/portal/generator/internal/source"
)

// writeAdmin adds the web editor (/admin/: Decap CMS and its configuration,
// made from the schemas and vocabularies) to the output. Without the
// bundle installed the site is built without it, and says so.
func writeAdmin(out, root string, o Options, site *source.Site) error {
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
