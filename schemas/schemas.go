// Package schemas holds the JSON Schema of each content type. The generator
// validates front matter against them; the site publishes them at /schemas/
// so editors get completion and checking as they type.
package schemas

import "embed"

// FS holds one <type>.json per content type: story, region, page, home.
//
//go:embed *.json
var FS embed.FS
