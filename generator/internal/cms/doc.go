// Package cms owns the web editor at /admin/, for the people who publish
// without a terminal: Decap CMS, configured from the content model itself.
//
// Config writes Decap's config.yml from schemas/*.json (every field, what is
// required, each field's description as its hint, patterns, lengths) and
// from the vocabularies (ITU regions, sectors and SDGs with the site's own
// names for them in i18n/en.yaml, the ISO 3166-1 countries with their CLDR
// names from package vocab, the dataset topics): the form asks for what
// `check` accepts, and a test holds the two together. Stories are a folder
// collection whose images go into the story's own folder (a Hugo page
// bundle); pages, regions and the home page are listed file by file, with
// their translations (index.LANG.md, side by side); datasets' descriptive
// metadata is a form, their CSV files and charts are not. The GitHub
// backend uses the editorial workflow: each saved story is a pull request,
// which Netlify builds as a deploy preview.
//
// Files copies the pinned Decap bundle (tools/cms/package-lock.json) into
// the output: no CDN. Local answers the CMS's local-backend protocol (as
// decap-server does in its file-system mode) so that `serve -cms` edits the
// repository on the editor's own machine, and the browser test runs the
// whole flow without a network.
//
// Why Decap CMS and not Sveltia CMS: Decap's local backend is an HTTP
// protocol, which headless Chromium can drive in CI and any browser can use
// on an editor's machine; Sveltia's local mode asks for a folder through
// Chromium's file-system picker, which automation cannot answer. Decap's
// editorial workflow (pull requests with deploy previews) is its
// longest-standing feature; Sveltia's arrived in 2026. The price is a
// larger bundle (about 6 MB, loaded only on /admin/) and a looser
// Content-Security-Policy there ('unsafe-eval' for the JSON Schema checks
// Decap compiles at run time, inline styles), confined to /admin/ by
// netlify.toml.
//
// Known gaps: Decap cannot require a field only once its optional group is
// used (image.alt once image.src is set, translation.method once a
// translation block exists); the form leaves them optional with a hint and
// check enforces them. New translations are made by copying index.md to
// index.LANG.md (see the README); the form then edits them.
// Publications (BibTeX, RIS, CSL-JSON files exported from Zotero) are not
// edited in the browser.
package cms
