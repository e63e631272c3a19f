// Draws every spec of the Vega-Lite gallery suite with Vega itself and writes
// what the comparison looks at, one JSON file per spec: the data marks (by
// Vega mark type), each axis's title and tick labels, each legend's title
// and labels, and the text of text marks. bench/gallery.sh runs it; the Go
// test TestGallery (package chart) draws the same specs and compares.
//
// usage: node gallery.mjs SPECDIR OUTDIR [NAME...]
import fs from "node:fs";
import path from "node:path";
import * as vega from "vega";
import * as vl from "vega-lite";

const [specDir, outDir, ...only] = process.argv.slice(2);
const dataDir = path.resolve(specDir, "..");
const names = only.length
  ? only
  : fs.readdirSync(specDir).filter((f) => f.endsWith(".json")).sort();

// Data URLs are read from the suite's data folder; anything else (a CDN
// address) fails as it would without a network.
const loader = vega.loader({ mode: "file", baseURL: dataDir + "/" });
const base = loader.sanitize.bind(loader);
loader.sanitize = async (uri, opt) => {
  if (/^[a-z]+:\/\//i.test(uri) || uri.startsWith("//")) throw new Error("no network: " + uri);
  return base(uri, opt);
};

// Path marks draw one shape per series; the others one per item.
const pathMarks = new Set(["line", "area", "trail"]);

function text(t) {
  if (Array.isArray(t)) return t.map(String).join("\n");
  return t == null ? "" : String(t);
}

function channelOf(scale) {
  const m = /(?:^|_)(x|y)$/.exec(scale || "");
  return m ? m[1] : scale || "";
}

function facts(root) {
  const marks = {};
  const axes = new Map();
  const legends = new Map();
  const texts = [];
  const find = (mark, role, out) => {
    if (mark.role === role) out.push(mark);
    if (mark.marktype === "group") for (const it of mark.items) for (const k of it.items || []) find(k, role, out);
    return out;
  };
  const visit = (mark) => {
    switch (mark.role) {
      case "axis":
        for (const g of mark.items) {
          const labels = find(mark, "axis-label", []).flatMap((m) => m.items.map((it) => text(it.text)));
          const titles = find(mark, "axis-title", []).flatMap((m) => m.items.map((it) => text(it.text)));
          const a = { channel: channelOf(g.datum && g.datum.scale), title: titles.join(" "), labels };
          // Vega-Lite draws grid lines as an axis of their own, with no text.
          if (a.title || labels.length) axes.set(JSON.stringify(a), a);
        }
        return;
      case "legend":
        for (const g of mark.items) {
          const labels = find(mark, "legend-label", []).flatMap((m) => m.items.map((it) => text(it.text)));
          const titles = find(mark, "legend-title", []).flatMap((m) => m.items.map((it) => text(it.text)));
          const l = { title: titles.join(" "), labels };
          legends.set(JSON.stringify(l), l);
        }
        return;
      case "mark":
        // The parts of Vega-Lite's selections (an interval's brush, the
        // Voronoi cells of "nearest") answer the pointer: not data marks.
        if (/_(brush|brush_bg|voronoi)$/.test(mark.name || "")) return;
        if (mark.marktype !== "group") {
          const n = pathMarks.has(mark.marktype) ? (mark.items.length > 0 ? 1 : 0) : mark.items.length;
          marks[mark.marktype] = (marks[mark.marktype] || 0) + n;
          if (mark.marktype === "text") for (const it of mark.items) texts.push(text(it.text));
          return;
        }
    }
    if (mark.role && (mark.role.startsWith("title") || mark.role.endsWith("-title"))) return;
    if (mark.marktype === "group") for (const it of mark.items) for (const k of it.items || []) visit(k);
  };
  visit(root);
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = (m) => [...m.values()].sort((a, b) => cmp(JSON.stringify(a), JSON.stringify(b)));
  texts.sort();
  return { marks, axes: sorted(axes), legends: sorted(legends), texts };
}

// One line per key, axis, legend and text: diffs show what changed.
function format(out) {
  const lines = [];
  for (const [k, v] of Object.entries(out)) {
    if (Array.isArray(v) && v.length) lines.push(` "${k}": [\n` + v.map((x) => "  " + JSON.stringify(x)).join(",\n") + "\n ]");
    else lines.push(` "${k}": ${JSON.stringify(v)}`);
  }
  return "{\n" + lines.join(",\n") + "\n}\n";
}

fs.mkdirSync(outDir, { recursive: true });
let ok = 0;
for (const name of names) {
  const spec = JSON.parse(fs.readFileSync(path.join(specDir, name), "utf8"));
  let out;
  try {
    const warnings = [];
    const errors = [];
    const logger = vega.logger(vega.Warn);
    logger.warn = (...a) => warnings.push(a.map(String).join(" "));
    logger.error = (...a) => errors.push(a.map((x) => String((x && x.message) || x)).join(" "));
    const compiled = vl.compile(spec, { logger }).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: "none", loader, logger });
    await view.runAsync();
    const failed = warnings.find((w) => w.startsWith("Loading failed"));
    if (errors.length || failed) throw new Error(errors[0] || failed);
    out = { width: view.width(), height: view.height(), ...facts(view.scenegraph().root) };
    if (warnings.length) out.warnings = warnings;
    view.finalize();
    ok++;
  } catch (e) {
    out = { error: String(e.message || e).split("\n")[0] };
  }
  fs.writeFileSync(path.join(outDir, name), format(out));
}
console.log(`${ok} of ${names.length} specs drawn by Vega into ${outDir}`);
