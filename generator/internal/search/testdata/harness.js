// Runs assets/js/search.js in Node for the Go tests: reads a job from
// stdin and prints what the browser code returns for it, as JSON.
//   {"js": path, "more": path of search-more.js, "terms": [[lang, text], ...],
//    "queries": [{root, lang, q, filters, sort, offset, limit, exact}, ...],
//    "edits": [[a, b, k, prefix], ...]}
// root holds search/<lang>/ for each language built.
const fs = require('fs'), path = require('path');
const job = JSON.parse(fs.readFileSync(0, 'utf8'));
const s = require(path.resolve(job.js)), more = require(path.resolve(job.more))(s.core);
// As the page does, but from the file.
s.setMore(async () => more);
const esc = t => t.replace(/[&<>'"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&#34;' })[c]);
const result = x => ({
  url: x.url, title: x.title, type: x.type, typeLabel: x.typeLabel, date: x.date, heading: x.heading, lang: x.lang, score: x.score,
  excerpt: x.excerpt.map(([t, m]) => m ? '<mark>' + esc(t) + '</mark>' : esc(t)).join(''),
});
(async () => {
  const out = {
    terms: (job.terms || []).map(([lang, text]) => s.terms(lang, text)), queries: [],
    edits: (job.edits || []).map(([a, b, k, pre]) => more.edits(a, b, k, pre)),
  };
  for (const q of job.queries || []) {
    const open = async lang => {
      const dir = path.join(q.root, 'search', lang);
      if (!fs.existsSync(path.join(dir, 'manifest.json'))) return null;
      const load = async name => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      return { load, M: await load('manifest.json') };
    };
    const r = await s.searchAll(open, q.lang, q.q, q.filters || {}, q.sort || '', q.offset || 0, q.limit || 0, !!q.exact);
    out.queries.push({
      total: r.total, corrected: r.corrected, results: r.results.map(result), others: r.others.map(result),
      facets: r.facets.map(f => ({ name: f.name, values: f.values.map(v => ({ value: v.value, label: v.label, count: v.count, selected: v.selected })) })),
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e.stack); process.exit(1); });
