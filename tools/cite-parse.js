// Reads bibliographic exports with citation-js, as reference managers do, and
// prints each as CSL-JSON: the Go tests compare them with the pages.
// Usage: node cite-parse.js FILE...   (.bib, .ris or .json)
const fs = require("fs");
const { Cite } = require("@citation-js/core");
require("@citation-js/plugin-bibtex");
require("@citation-js/plugin-ris");
require("@citation-js/plugin-csl");

const out = {};
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  const forceType = file.endsWith(".bib") ? "@biblatex/text" : file.endsWith(".ris") ? "@ris/file" : "@csl/list+object";
  const input = file.endsWith(".json") ? JSON.parse(text) : text;
  try {
    out[file] = new Cite(input, { forceType }).data;
  } catch (e) {
    out[file] = { error: String(e) };
  }
}
process.stdout.write(JSON.stringify(out));
