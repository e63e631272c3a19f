// The Vega side of bench/charts-e2e.sh: what `generator chart -o DIR SPEC...`
// does, with Vega-Lite and Vega in Node: read each spec, compile it, draw it
// as SVG (data read from files next to the spec) and write DIR/name.svg.
import fs from "node:fs";
import path from "node:path";
import * as vega from "vega";
import * as vl from "vega-lite";

const [out, ...files] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
for (const f of files) {
  const spec = JSON.parse(fs.readFileSync(f, "utf8"));
  const loader = vega.loader({ mode: "file", baseURL: path.dirname(f) + "/" });
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none", loader });
  const svg = await view.toSVG();
  view.finalize();
  fs.writeFileSync(path.join(out, path.basename(f).replace(/\.json$/, ".svg")), svg);
}
