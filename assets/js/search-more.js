// Typo correction and results in other languages for search.js, which
// loads this script when a query needs them (a word found nowhere, few
// pages found): the twins of typo.go and of query in query.go. It gives
// search.js a function of search.js's own (core) that returns them.
((f) => typeof module == 'object' ? module.exports = f : document.dispatchEvent(new CustomEvent('search-more', { detail: f })))(core => {
  'use strict';
  const { norm, search, chunkOf, has, scr, ARTS, LET, CJK, WORD } = core;

  // Typos: the twin of typo.go.
  const typoKey = w => {
    let sc = 0, n = w.length;
    for (const c of w) {
      const s = LET.test(c) ? scr(c) : 4;
      if (s == 4 || sc && s != sc) return ['', 0, false];
      sc = s;
    }
    if (n < 3 || n > 40) return ['', 0, false];
    const p = sc == 3 && ARTS.find(p => n - p.length >= 2 && w.startsWith(p));
    return p ? [w.slice(p.length), p.length, true] : [w, 0, true];
  };
  const typoEdits = w => {
    const [k, , ok] = typoKey(w), n = k.length;
    return !ok || n < 4 ? 0 : n < 8 ? 1 : 2;
  };
  const artLen = w => {
    const n = norm(w), a = typoKey(n)[1];
    return a && !w.startsWith(n.slice(0, a)) ? -1 : a;
  };
  const fixWord = (typed, form) => {
    const ta = artLen(typed), fa = artLen(form);
    if (ta >= 0 && fa >= 0) form = typed.slice(0, ta) + form.slice(fa);
    return typed.toLowerCase() == typed ? form.toLowerCase() : form;
  };
  const edits = (a, b, k, pre) => {
    const n = a.length, m = b.length;
    if (n - m > k || !pre && m - n > k) return k + 1;
    let pp = [], p = [...Array(m + 1).keys()], c = [], d;
    for (let i = 1; i <= n; i++) {
      let low = c[0] = i;
      for (let j = 1; j <= m; j++) {
        let v = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] != b[j - 1]));
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.min(v, pp[j - 2] + 1);
        low = Math.min(low, c[j] = v);
      }
      if (low > k) return k + 1;
      [pp, p, c] = [p, c, pp];
    }
    d = p[m];
    if (pre) for (let j = Math.max(0, n - k); j <= m; j++) d = Math.min(d, p[j]);
    return Math.min(d, k + 1);
  };
  const rev = w => [...w].reverse().join(''), ALIKE = 'سص تط دض ذز زظ ذظ ضظ ثس قك حه еэ иы шщ ьъ ий sz ck iy'.split(' ');
  const alike = (a, b) => {
    let at = -1;
    if (a.length != b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] != b[i]) {
      if (at >= 0) return false;
      at = i;
    }
    return at >= 0 && (ALIKE.includes(a[at] + b[at]) || ALIKE.includes(b[at] + a[at]));
  };

  const crange = (K, k) => [chunkOf(K, k), chunkOf(K, k + '\uffff')];
  const typoChunks = (M, w) => {
    const r = rev(w);
    let p = 2, s = 2, R;
    for (;;) {
      R = [crange(M.p, w.slice(0, p)), crange(M.s, r.slice(0, s))];
      const wp = R[0][1] - R[0][0], ws = R[1][1] - R[1][0];
      if (p + s >= Math.max(4, w.length - 1)) break;
      if (wp >= ws && wp > 0) p++;
      else if (ws > 0) s++;
      else break;
    }
    return R.map(([a, b]) => [a, Math.min(b, a + 3)]);
  };
  const ventry = e => {
    const i = e.indexOf(' '), form = i < 0 ? e : e.slice(0, i), rest = i < 0 ? '' : e.slice(i + 1), nm = norm(form);
    return [form, nm, /^\d+$/.test(rest) ? nm.slice(0, +rest) : rest || nm];
  };
  const isW = c => WORD.test(c) && !CJK.test(c);
  // correct is q with each corrected word in its place.
  const correct = (q, toks) => {
    let o = '', w = '', fixed = false;
    const fw = () => {
      const nw = norm(w), k = toks.find(k => k.fix && k.w == nw);
      if (k) w = fixWord(w, k.fix), fixed = true;
      o += w;
      w = '';
    };
    for (const c of q) {
      if (isW(c)) w += c;
      else {
        if (w) fw();
        o += c;
      }
    }
    if (w) fw();
    return fixed ? o : '';
  };

  // typos corrects the words of a query found nowhere in M (unknown, of
  // toks): it reads the vocabulary chunks near each, then the shards of
  // the nearest words (adding to need, then shards()), sets their matches
  // and returns the query as corrected.
  const typos = async (M, load, q, toks, unknown, need, shards, post) => {
    unknown = unknown.filter(k => typoEdits(k.w));
    if (!unknown.length) return '';
    // A word found nowhere is compared with the vocabulary's words near it,
    // and the nearest whose term is on the most pages replaces it.
    const vocab = {};
    for (const k of unknown) {
      k.files = [];
      k.key = typoKey(k.w)[0];
      typoChunks(M, k.key).forEach(([a, b], part) => {
        for (let i = a; i <= b; i++) k.files.push('vw'[part] + '-' + i + '.' + M.vv + '.json');
      });
    }
    await Promise.all([...new Set(unknown.flatMap(k => k.files))].map(n => load(n).then(j => { vocab[n] = j; })));
    for (const k of unknown) {
      // A word being typed is compared with the beginnings of words once
      // it has five letters.
      const max = typoEdits(k.w), seen = new Set(), cs = [], w = k.key, pre = k.pre && w.length >= 5;
      for (const n of k.files) {
        for (const e of vocab[n]) {
          const [form, nm, term] = ventry(e), ek = typoKey(nm)[0];
          if (seen.has(nm)) continue;
          seen.add(nm);
          const d = edits(w, ek, max, pre);
          if (d <= max) cs.push({ form, nm, term, d, diff: Math.abs(ek.length - w.length), near: alike(w, ek) });
        }
      }
      cs.sort((a, b) => a.d - b.d || b.near - a.near || a.diff - b.diff || (a.nm < b.nm ? -1 : 1));
      k.picks = [];
      for (const c of cs) {
        if (c.d == cs[0].d && k.picks.length < 3 && !k.picks.some(p => p.term == c.term)) {
          k.picks.push(c);
          need.add(chunkOf(M.t, c.term));
        }
      }
    }
    await shards();
    for (const k of unknown) {
      // The nearest on the most pages, a letter that sounds alike first.
      let best, df = 0, near = false;
      for (const c of k.picks) {
        const n = post(c.term).length / 3 | 0;
        if (n && (c.near && !near || c.near == near && n > df)) best = c, df = n, near = c.near;
      }
      if (best) {
        k.ms = [[best.term, 5 - 2 * (best.d - 1)]];
        k.fix = best.form;
      }
    }
    return correct(q, toks);
  };

  // others adds to out, the results p of q in lang, the results of the
  // other languages written in the query's script, and what they
  // corrected; open(lang) gives {load, M} for a language's index, or
  // nothing for one not built.
  const SCRIPT = { en: 1, fr: 1, es: 1, ar: 3, zh: 4, ru: 2 };
  const others = async (open, lang, q, F, sort, limit, exact, p, out) => {
    let sc = 0;
    for (const c of norm(q)) {
      if (CJK.test(c)) sc = 4;
      else if (LET.test(c)) sc = scr(c) % 4;
      else continue;
      break;
    }
    const shown = new Set(p.results.map(x => x.url.split('#')[0])), all = [];
    for (const o of Object.keys(SCRIPT)) {
      if (!sc || o == lang || SCRIPT[o] != sc) continue;
      const ix = await open(o);
      if (!ix) continue;
      // Their typos are corrected only when this language finds nothing.
      const po = await search(ix.load, ix.M, q, F, sort, 0, limit, !exact && !p.total);
      if (!out.corrected && po.results.length) out.corrected = po.corrected;
      for (const x of po.results) {
        if (has(p.labels, x.type)) x.typeLabel = p.labels[x.type];
        all.push(x);
      }
    }
    all.sort((a, b) => sort == 'date' ? (a.date < b.date) - (a.date > b.date) : a.g - b.g || b.score - a.score);
    for (const x of all) {
      if (limit && out.others.length == limit) break;
      if (Object.values(x.a || {}).some(u => shown.has(u))) continue;
      shown.add(x.url.split('#')[0]);
      const u = (x.f || {})[lang], h = x.url.indexOf('#');
      if (u) x.url = u + (h < 0 ? '' : x.url.slice(h));
      out.others.push(x);
    }
    return out;
  };

  return { typos, others, edits, typoEdits, fixWord };
});
