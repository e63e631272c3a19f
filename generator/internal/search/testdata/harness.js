// Runs assets/js/search.js in Node for the Go tests: reads a job from
// stdin and prints what the browser code returns for it, as JSON.
//   {"js": path, "terms": [[lang, text], ...], "queries": [{dir, q, filters, sort, offset, limit}, ...]}
const fs = require('fs'), path = require('path');
const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const s = require(path.resolve(job.js));
const esc = t => t.replace(/[&<>'"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&#34;' })[c]);
(async () => {
  const out = { terms: (job.terms || []).map(([lang, text]) => s.terms(lang, text)), queries: [] };
  for (const q of job.queries || []) {
    const load = async name => JSON.parse(fs.readFileSync(path.join(q.dir, name), 'utf8'));
    const M = await load('manifest.json');
    const r = await s.search(load, M, q.q, q.filters || {}, q.sort || '', q.offset || 0, q.limit || 10);
    out.queries.push({
      total: r.total,
      results: r.results.map(x => ({
        url: x.url, title: x.title, type: x.type, typeLabel: x.typeLabel, date: x.date, heading: x.heading, score: x.score,
        excerpt: x.excerpt.map(([t, m]) => m ? '<mark>' + esc(t) + '</mark>' : esc(t)).join(''),
      })),
      facets: r.facets.map(f => ({ name: f.name, values: f.values.map(v => ({ value: v.value, label: v.label, count: v.count, selected: v.selected })) })),
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e.stack); process.exit(1); });
