// Runs each query of a query file through both engines in headless Chromium
// and prints what each fetched, how long it took and whether an expected
// page was in its top three. Run by bench/search.sh, which serves the site;
// needs Node 20 with --experimental-websocket (or Node 22).
//   node --experimental-websocket browser.mjs SITE PORT QUERIES OURS.json PAGEFIND-STATS
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [site, port, queryFile, oursFile, pfStats] = process.argv.slice(2);
const base = `http://127.0.0.1:${port}`;
const htmlLang = { en: 'en-GB' };
const queries = readFileSync(queryFile, 'utf8').split('\n').filter(l => l && !l.startsWith('#'))
  .map(l => { const [lang, q, expect] = l.split('\t'); return { lang, q, expect: expect.split(',') }; });
const ours = JSON.parse(readFileSync(oursFile, 'utf8'));
const [pfMs, pfBytes, pfFiles] = pfStats.split(',').map(Number);

// One test page per engine and language: the real search.js UI reading
// ?q=, and Pagefind's JavaScript API loading the data of ten results.
mkdirSync(join(site, 'bench'), { recursive: true });
// The other languages' indexes, for results in them when few are found.
const langs = JSON.stringify(Object.fromEntries(['en', 'fr', 'es', 'ar', 'zh', 'ru'].map(l => [l, [`/search/${l}/manifest.json`, l, htmlLang[l] || l, l == 'ar' ? 'rtl' : 'ltr']])));
for (const lang of new Set(queries.map(q => q.lang))) {
  const hl = htmlLang[lang] || lang;
  writeFileSync(join(site, 'bench', `ours-${lang}.html`), `<!doctype html><html lang="${hl}"><head><meta charset="utf-8"><title>ours</title></head><body>
<form role="search" data-index="/search/${lang}/manifest.json" data-langs='${langs}' data-more="/bench/search-more.js"><input type="search" name="q"><select name="sort"><option value="">relevance</option><option value="date">date</option></select></form>
<p id="search-status" role="status" data-plural='{"1":"{n} result","2":"{n} results"}'></p>
<div id="search-facets"></div><ol id="search-results"></ol><button type="button" id="search-more" hidden>More</button>
<h2 id="search-others-h" hidden>Other languages</h2><ol id="search-others" hidden></ol>
<script src="/bench/search.js"></script></body></html>`);
  writeFileSync(join(site, 'bench', `pagefind-${lang}.html`), `<!doctype html><html lang="${hl}"><head><meta charset="utf-8"><title>pagefind</title></head><body>
<script type="module">
const q = new URLSearchParams(location.search).get('q');
const pf = await import('/pagefind/pagefind.js');
await pf.init();
const s = await pf.search(q);
const data = await Promise.all(s.results.slice(0, 10).map(r => r.data()));
window.__top = data.slice(0, 3).map(d => d.url);
</script></body></html>`);
}
const done = {
  ours: `document.getElementById('search-status').textContent ? [...document.querySelectorAll('#search-results a, #search-others a')].slice(0, 3).map(a => a.getAttribute('href')) : null`,
  pagefind: `window.__top || null`,
};

// A small Chrome DevTools Protocol client.
const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
const dport = 9300 + Math.floor(Math.random() * 600);
const chrome = spawn('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`,
  `--remote-debugging-port=${dport}`, 'about:blank'], { stdio: 'ignore' });
const sleep = ms => new Promise(r => setTimeout(r, ms));
let target;
for (let i = 0; i < 100 && !target; i++) {
  await sleep(100);
  try { target = (await (await fetch(`http://127.0.0.1:${dport}/json/list`)).json()).find(t => t.type == 'page'); } catch { }
}
if (!target) throw new Error('Chromium did not start');
const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
let seq = 0;
const pending = new Map(), handlers = [];
ws.onmessage = e => {
  const m = JSON.parse(e.data);
  if (m.id && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); } else handlers.forEach(h => h(m));
};
const send = (method, params = {}, sessionId) => new Promise((ok, fail) => {
  const id = ++seq;
  pending.set(id, m => m.error ? fail(new Error(method + ': ' + m.error.message)) : ok(m.result));
  ws.send(JSON.stringify({ id, method, params, sessionId }));
});
await send('Network.enable');
await send('Network.setCacheDisabled', { cacheDisabled: true });
await send('Page.enable');
// Pagefind searches in a Web Worker: count its requests too.
await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
handlers.push(async m => {
  if (m.method != 'Target.attachedToTarget') return;
  const sid = m.params.sessionId;
  await send('Network.enable', {}, sid);
  await send('Network.setCacheDisabled', { cacheDisabled: true }, sid);
  await send('Runtime.runIfWaitingForDebugger', {}, sid);
});

let urls = new Map();
handlers.push(m => { if (m.method == 'Network.responseReceived') urls.set(m.params.requestId, m.params.response.url); });

const kind = path => /wasm/.test(path) ? 'wasm' : /\.m?js$/.test(path) ? 'js' : 'data';
async function run(engine, q) {
  urls = new Map();
  const page = `${base}/bench/${engine}-${q.lang}.html?q=${encodeURIComponent(q.q)}`, t0 = Date.now();
  await send('Page.navigate', { url: page });
  let top = null;
  for (let i = 0; i < 300 && !top; i++) {
    await sleep(20);
    const r = await send('Runtime.evaluate', { expression: done[engine], returnByValue: true });
    top = r.result.value;
  }
  const ms = Date.now() - t0;
  await sleep(300);
  const got = { js: 0, wasm: 0, data: 0, gz: 0, files: 0, ms, top: top || [] };
  for (const u of urls.values()) {
    const path = decodeURIComponent(new URL(u).pathname);
    if (u.startsWith(page.split('?')[0]) || path.endsWith('.html') || path.endsWith('/favicon.ico')) continue;
    const b = readFileSync(join(site, path));
    got[kind(path)] += b.length;
    got.gz += /\.pf_|pagefind$/.test(path) ? b.length : gzipSync(b, { level: 6 }).length;
    got.files++;
  }
  got.hit = got.top.slice(0, 3).some(t => q.expect.includes(t.replace(/#.*/, '').replace(/index\.html$/, '')));
  return got;
}

const kB = n => (n / 1000).toFixed(1).padStart(6);
const rows = [];
for (const q of queries) rows.push({ q, ours: await run('ours', q), pagefind: await run('pagefind', q) });
ws.close();
chrome.kill();
await sleep(300);
rmSync(profile, { recursive: true, force: true });

console.log(`Index build on ${ours.Pages} pages (${queries.length} queries below)`);
console.log(`  ours:     ${(ours.ReadMs + ours.BuildMs).toFixed(0)} ms (read HTML ${ours.ReadMs.toFixed(0)} ms, build+write ${ours.BuildMs.toFixed(0)} ms), ${ours.Files} files, ${kB(ours.Bytes).trim()} kB`);
console.log(`  pagefind: ${pfMs} ms (whole CLI run), ${pfFiles} files, ${kB(pfBytes).trim()} kB`);
console.log('\nPer query, cold cache, in Chromium: kB fetched (engine JS+wasm / index data / gzip estimate of all), files, ms to results, top-3 hit');
console.log('lang query'.padEnd(34) + '| ours: code  data  gzip  n    ms hit | pagefind: code  data  gzip  n    ms hit');
const sum = { ours: { code: 0, data: 0, gz: 0, ms: 0, hit: 0 }, pagefind: { code: 0, data: 0, gz: 0, ms: 0, hit: 0 } };
for (const r of rows) {
  let line = `${r.q.lang} ${r.q.q}`.padEnd(34);
  for (const e of ['ours', 'pagefind']) {
    const g = r[e], s = sum[e];
    s.code += g.js + g.wasm; s.data += g.data; s.gz += g.gz; s.ms += g.ms; s.hit += g.hit ? 1 : 0;
    line += `| ${e == 'ours' ? '     ' : '         '}${kB(g.js + g.wasm)}${kB(g.data)}${kB(g.gz)} ${String(g.files).padStart(2)} ${String(g.ms).padStart(5)} ${g.hit ? 'yes' : ' no'} `;
  }
  console.log(line);
}
const n = rows.length;
let line = 'mean (hits: total)'.padEnd(34);
for (const e of ['ours', 'pagefind']) {
  const s = sum[e];
  line += `| ${e == 'ours' ? '     ' : '         '}${kB(s.code / n)}${kB(s.data / n)}${kB(s.gz / n)}    ${String(Math.round(s.ms / n)).padStart(5)} ${String(s.hit).padStart(3)} `;
}
console.log(line);
console.log(`ours / pagefind, gzip per query: ${(sum.ours.gz / sum.pagefind.gz).toFixed(2)}`);
for (const r of rows) if (!r.ours.hit || !r.pagefind.hit) console.log(`  ${r.q.lang} ${r.q.q}: ours ${JSON.stringify(r.ours.top)}, pagefind ${JSON.stringify(r.pagefind.top)}`);
