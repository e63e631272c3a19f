// Renders the same Vega-Lite specs with Vega itself (vega-lite compiles, a
// headless vega.View draws SVG), batch in one process, and prints charts/s.
import fs from "node:fs";
import path from "node:path";
import * as vega from "vega";
import * as vl from "vega-lite";

const files = fs.readFileSync(0, "utf8").trim().split("\n").filter(Boolean);
const seconds = Number(process.env.SECONDS_BUDGET || 10);
// Each spec is parsed from its text in every round, as the Go side parses
// its bytes (chart.ParseSpec).
const specs = files.map((f) => ({ f, text: fs.readFileSync(f, "utf8") }));

// Each data file is read once, as the Go side does (chart.OnceLoader).
const dataFiles = new Map();
function onceLoader(baseURL) {
  const loader = vega.loader({ mode: "file", baseURL });
  const load = loader.load.bind(loader);
  loader.load = (uri, options) => {
    const key = baseURL + "\0" + uri;
    if (!dataFiles.has(key)) dataFiles.set(key, load(uri, options));
    return dataFiles.get(key);
  };
  return loader;
}

async function renderAll() {
  for (const { f, text } of specs) {
    const loader = onceLoader(path.dirname(f) + "/");
    const compiled = vl.compile(JSON.parse(text)).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: "none", loader });
    await view.toSVG();
    view.finalize();
  }
}

await renderAll(); // warm up
let n = 0;
const start = process.hrtime.bigint();
while (Number(process.hrtime.bigint() - start) / 1e9 < seconds) {
  await renderAll();
  n += specs.length;
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ charts: n, seconds: elapsed, perSecond: n / elapsed }));
