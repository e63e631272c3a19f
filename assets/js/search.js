// Site search for /<lang>/search/: reads the index the generator writes to
// /search/<lang>/ (generator/internal/search) and fetches only what a query
// needs: the manifest, the term shards of its words, the facet table and
// the ten pages shown; for a word found nowhere, the vocabulary chunks near
// it; when few pages match, the same from the other languages written in
// the query's script. Those two are search-more.js's, which it loads when a
// query needs them. Same origin only; no eval; classes only, no styles.
//
// DOM contract (the template provides these; ids are fixed):
//   <form role="search" data-index="/search/fr/manifest.json"
//     data-langs='{"en":["/search/en/manifest.json","English","en-GB","ltr"],…}'
//     data-more="/js/search-more.min.….js" data-more-integrity="sha384-…">
//                                                  every language's index,
//                                                  name, tag and direction;
//                                                  search-more.js, for typos
//                                                  and other languages
//     <input type="search" name="q">               the query, ?q= in the URL
//     <select name="sort"> <option value="">…      optional: "" relevance,
//       <option value="date">…                     "date" newest first; ?sort=
//   <p id="search-status" role="status" data-error="Search is unavailable"
//      data-plural='{"0":"No results","1":"{n} result","2":"{n} results",…}'
//      data-fixed="Showing results for {q}">
//      the live region: "{n} results" in the plural form of the page's
//      language (one sample per category, as the story filters' data-plural),
//      then, visually hidden, what the correction and other languages add
//   <button id="search-toggle" aria-expanded="false" hidden>Filters<span>
//      </span></button>  optional: shows and hides the facets (class "open"
//      on them), with the number of filters on in its span
//   <p id="search-fix" data-exact="Search instead for {q}" hidden>  optional:
//      "Showing results for <strong>fixed</strong>. Search instead for <a
//      href="?q=typed&exact=1">typed</a>" when a word was corrected
//   <div id="search-facets" data-labels='{"type":"Type","region":"Region",…}'>
//      optional; gets <fieldset class="search-facet" data-facet="region">
//      <legend>Region</legend><ul><li><label><input type="checkbox"
//      name="region" value="africa"> Africa <span class="search-facet-count">
//      3</span></label></li>…</ul></fieldset> per facet (value labels come
//      from the index: search.Options.Labels)
//   <ol id="search-results" data-heading="2">      gets per result
//      <li class="search-result"><h2 class="search-result-title"><a href=
//      "url#section">title</a></h2><p class="search-result-meta"><span
//      class="search-result-type">Story</span> <time class="search-result-date"
//      datetime="2022-10">October 2022</time> <span class="search-result-section">
//      heading</span></p><p class="search-result-excerpt">… <mark>word</mark> …</p>
//   <button type="button" id="search-more" hidden>More results</button>  optional
//   <h2 id="search-others-h" hidden> <ol id="search-others" data-heading="3"
//      hidden>   optional: results in other languages, as above, with <span
//      class="search-result-lang" lang="en">English</span> first in the meta
//      line, and lang and dir on the title and excerpt
// Facet filters live in the URL too: ?q=x&region=africa&region=europe&type=story
// (OR within a facet, AND across), updated with history.replaceState;
// &exact=1 searches the words as typed.
(() => {
  'use strict';

  // Analysis: the twin of generator/internal/search/analyze.go.
  const MN = /\p{Mn}/u, LAT = /\p{sc=Latin}/u, CYR = /\p{sc=Cyrillic}/u, ARA = /\p{sc=Arabic}/u,
    LET = /\p{L}/u, WORD = /[\p{L}\p{N}\p{M}]/u,
    CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u,
    MAP = { 'ٱ': 'ا', 'ى': 'ي', 'ی': 'ي', 'ة': 'ه', 'ک': 'ك' };

  const norm = s => {
    let o = '', last = '';
    for (let c of s.normalize('NFKD')) {
      const k = c.codePointAt(0);
      if (k > 0xffff) last = c = ' ';
      else if (k >= 0x64b && k <= 0x65f || k == 0x670 || k == 0x640) continue;
      else if (MN.test(c)) {
        if (LAT.test(last) || k == 0x308 && last == 'е') continue;
      } else {
        c = c.toLowerCase();
        c = MAP[c] || c;
        const d = c.charCodeAt(0);
        if (d >= 0x660 && d <= 0x669) c = String.fromCharCode(d - 0x630);
        else if (d >= 0x6f0 && d <= 0x6f9) c = String.fromCharCode(d - 0x6c0);
        last = c;
      }
      o += c;
    }
    return o.normalize('NFC');
  };

  const terms = (lang, s, cb) => {
    const out = [];
    let w = '', run = [];
    const fr = () => {
      if (run.length == 1) out.push(run[0]);
      for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      run = [];
    };
    const fw = () => {
      if (w.length >= 2 && w.length <= 40) {
        const t = stem(lang, w);
        out.push(t);
        if (cb) cb(w);
      }
      w = '';
    };
    for (const c of norm(s)) {
      if (CJK.test(c)) {
        if (w) fw();
        run.push(c);
      } else if (WORD.test(c)) {
        if (run.length) fr();
        w += c;
      } else {
        if (run.length) fr();
        if (w) fw();
      }
    }
    if (run.length) fr();
    if (w) fw();
    return out;
  };

  // Normalized text is all in the Basic Multilingual Plane: one code unit a
  // character, so lengths and indexes below count characters.
  const scr = c => LAT.test(c) ? 1 : CYR.test(c) ? 2 : ARA.test(c) ? 3 : 4, stem = (lang, w) => {
    let sc = 0;
    for (const c of w) {
      if (!LET.test(c)) continue;
      const s = scr(c);
      sc = !sc ? s : sc != s ? 4 : sc;
    }
    return sc == 3 ? arabic(w) : w.length <= 2 ? w : sc == 2 ? russian(w) : sc != 1 ? w :
      lang == 'fr' ? french(w) : lang == 'es' ? spanish(w) : english(w);
  };

  const ARTS = 'وال بال كال فال لل ال'.split(' '), arabic = w => {
    if (w.length >= 4 && w[0] == 'و') w = w.slice(1);
    for (const p of ARTS) {
      if (w.length - p.length >= 2 && w.startsWith(p)) {
        w = w.slice(p.length);
        break;
      }
    }
    for (const s of 'ها ان ات ون ين يه ه ي'.split(' ')) if (w.length - s.length >= 2 && w.endsWith(s)) w = w.slice(0, -s.length);
    return w;
  };

  // Snowball, as github.com/kljensen/snowball stems it. Words arrive with
  // Latin diacritics folded, so suffixes with accents never match and are
  // left out; suffix lists are space-separated, longest first.
  class Wd {
    constructor(s, V) {
      this.s = s;
      this.r1 = vnv(s, V, 0);
      this.r2 = vnv(s, V, this.r1);
      this.rv = s.length;
    }
    fit() {
      const n = this.s.length;
      this.r1 = Math.min(this.r1, n);
      this.r2 = Math.min(this.r2, n);
      this.rv = Math.min(this.rv, n);
    }
    cut(n) {
      this.s = this.s.slice(0, this.s.length - n);
      this.fit();
    }
    rep(f, r) {
      this.s = this.s.slice(0, this.s.length - f.length) + r;
      this.fit();
    }
    first(l) {
      return l.split(' ').find(f => this.s.endsWith(f)) || '';
    }
    firstIn(st, l, e = this.s.length) {
      const s = this.s.slice(0, e);
      return l.split(' ').find(f => f.length <= e - st && s.endsWith(f)) || '';
    }
    ifIn(st, l) {
      const f = this.first(l);
      return f && this.s.length - f.length >= st ? f : '';
    }
    rmIfIn(st, l) {
      const f = this.ifIn(st, l);
      if (f) this.cut(f.length);
      return f;
    }
    rmIn(st, l) {
      const f = this.firstIn(st, l);
      if (f) this.cut(f.length);
      return f;
    }
    fits(r, n) {
      return r <= this.s.length - n;
    }
  }
  const vnv = (s, V, st) => {
    for (let j = st + 1; j < s.length; j++) if (V(s[j - 1]) && !V(s[j])) return j + 1;
    return s.length;
  };
  const vowels = v => c => c != null && v.includes(c);

  const EV = vowels('aeiouy'), EX = Object.create(null);
  'skis:ski skies:sky dying:die lying:lie tying:tie idly:idl gently:gentl ugly:ugli early:earli only:onli singly:singl'
    .split(' ').forEach(p => { p = p.split(':'); EX[p[0]] = p[1]; });
  'sky news howe atlas cosmos bias andes'.split(' ').forEach(w => { EX[w] = w; });
  'inning outing canning herring earring'.split(' ').forEach(w => { EX[w] = EX[w + 's'] = w; });
  'proceed exceed succeed'.split(' ').forEach(w => { for (const e of ['', 's', 'ed', 'ing']) EX[w + e] = w; });
  const pairs = s => s.split(' ').map(p => p.split(':'));
  const E2 = pairs('ational:ate fulness:ful iveness:ive ization:ize ousness:ous biliti:ble lessli:less tional:tion alism:al aliti:al ation:ate entli:ent fulli:ful iviti:ive ousli:ous anci:ance abli:able alli:al ator:ate enci:ence izer:ize bli:ble ogi:og li:'),
    E3 = pairs('ational:ate tional:tion alize:al icate:ic ative: iciti:ic ical:ic ful: ness:');
  const pick = (x, l) => l.find(p => x.s.endsWith(p[0])) || ['', ''];
  const endsShort = (s, i) => i == 2 ? EV(s[0]) && !EV(s[1]) :
    i >= 3 && !EV(s[i - 1]) && !'wxY'.includes(s[i - 1]) && EV(s[i - 2]) && !EV(s[i - 3]);

  const english = w => {
    if (EX[w]) return EX[w];
    let a = '';
    for (let i = 0; i < w.length; i++) a += w[i] == 'y' && (i == 0 || EV(a[i - 1])) ? 'Y' : w[i];
    const x = new Wd(a, EV), pre = ['gener', 'commun', 'arsen'].find(p => a.startsWith(p));
    if (pre) {
      x.r1 = pre.length;
      x.r2 = vnv(a, EV, x.r1);
    }
    let f = x.first('sses ied ies us ss s'), n;
    if (f == 'sses') x.rep(f, 'ss');
    else if (f == 'ies' || f == 'ied') x.rep(f, x.s.length > 4 ? 'i' : 'ie');
    else if (f == 's' && [...x.s.slice(0, -2)].some(EV)) x.cut(1);
    f = x.first('eedly ingly edly ing eed ed');
    if (f == 'eed' || f == 'eedly') {
      if (f.length <= x.s.length - x.r1) x.rep(f, 'ee');
    } else if (f && [...x.s.slice(0, -f.length)].some(EV)) {
      const o1 = x.r1, o2 = x.r2;
      x.cut(f.length);
      const g = x.first('at bl iz bb dd ff gg mm nn pp rr tt');
      if (!g && x.r1 >= x.s.length && endsShort(x.s, x.s.length)) {
        x.s += 'e';
        x.r1 = x.r2 = x.s.length;
      } else {
        if (g == 'at' || g == 'bl' || g == 'iz') x.s += 'e';
        else if (g) x.cut(1);
        n = x.s.length;
        x.r1 = Math.min(o1, n);
        x.r2 = Math.min(o2, n);
      }
    }
    n = x.s.length;
    if (n > 2 && 'yY'.includes(x.s[n - 1]) && !EV(x.s[n - 2])) x.s = x.s.slice(0, -1) + 'i';
    [f, n] = pick(x, E2);
    if (f && f.length <= x.s.length - x.r1) {
      if (f == 'li') {
        if ('cdeghkmnrt'.includes(x.s[x.s.length - 3] || '-')) x.cut(2);
      } else if (f != 'ogi' || x.s[x.s.length - 4] == 'l') x.rep(f, n);
    }
    [f, n] = pick(x, E3);
    if (f && f.length <= x.s.length - x.r1) {
      if (f != 'ative') x.rep(f, n);
      else if (x.s.length - x.r2 >= 5) x.cut(5);
    }
    f = x.first('ement ance ence able ible ment ent ant ism ate iti ous ive ize ion al er ic');
    if (f && f.length <= x.s.length - x.r2 && (f != 'ion' || 'st'.includes(x.s[x.s.length - 4] || '-'))) x.cut(f.length);
    const l = x.s.length - 1;
    if (x.r1 <= l) {
      if (x.s[l] == 'e') {
        if (x.r2 <= l || !endsShort(x.s, l)) x.cut(1);
      } else if (x.r2 <= l && x.s[l] == 'l' && x.s[l - 1] == 'l') x.cut(1);
    }
    return x.s.replace(/Y/g, 'y');
  };

  const FV = vowels('aeiouy');
  const french = w => {
    let a = '', vp = false;
    for (let i = 0; i < w.length; i++) {
      let c = w[i];
      if (!FV(c)) {
        vp = false;
        a += c;
        continue;
      }
      const vn = FV(w[i + 1]), u = c;
      if (c == 'y' && (vp || vn) || c == 'u' && (vp && vn || w[i - 1] == 'q') || c == 'i' && vp && vn) c = c.toUpperCase();
      vp = u == c;
      a += c;
    }
    const x = new Wd(a, FV);
    if (/^(par|col|tap)/.test(a) || a.length >= 3 && FV(a[0]) && FV(a[1])) x.rv = 3;
    else for (let i = 1; i < a.length; i++) if (FV(a[i])) { x.rv = i + 1; break; }
    if (french1(x) || french2a(x) || french2b(x)) {
      if (x.s.endsWith('Y')) x.s = x.s.slice(0, -1) + 'i';
    } else french4(x);
    if (x.first('enn onn ett ell eill')) x.cut(1);
    return x.s.replace(/[IUY]/g, c => c.toLowerCase());
  };
  const french1 = x => {
    const f = x.first('issements issement atrices utions usions logies emment ements atrice ations ateurs amment ution usion ments logie istes ismes iqUes euses ences ement ation ateur ances ables ment iste isme iqUe euse ence eaux ance able ives eux aux ive ifs if');
    if (!f) return false;
    const n = f.length, r1 = x.fits(x.r1, n), r2 = x.fits(x.r2, n), rv = x.fits(x.rv, n);
    if (r2) {
      if (/^logies?$/.test(f)) return x.rep(f, 'log'), true;
      if (/^u[st]ions?$/.test(f)) return x.rep(f, 'u'), true;
      if (/^ences?$/.test(f)) return x.rep(f, 'ent'), true;
      if (/^(ance|iqUe|isme|able|iste)s?$|^eux$/.test(f)) return x.cut(n), true;
    }
    if (rv) {
      if (f == 'amment') return x.rep(f, 'ant'), false;
      if (f == 'emment') return x.rep(f, 'ent'), false;
      if (f == 'ment' || f == 'ments') {
        const i = x.s.length - n - 1;
        if (i >= x.rv && FV(x.s[i])) x.cut(n);
        return false;
      }
    }
    if (f == 'eaux') return x.rep(f, 'eau'), true;
    if (f == 'aux') return r1 && (x.rep(f, 'al'), true);
    if (/^euses?$/.test(f)) return r2 ? (x.cut(n), true) : r1 && (x.rep(f, 'eux'), true);
    if (/^issements?$/.test(f)) {
      const i = x.s.length - n - 1;
      return r1 && i >= 0 && !FV(x.s[i]) && (x.cut(n), true);
    }
    if (/^at(rice|eur|ion)s?$/.test(f)) {
      if (!r2) return false;
      x.cut(n);
      if (x.s.endsWith('ic')) x.fits(x.r2, 2) ? x.cut(2) : x.rep('ic', 'iqU');
      return true;
    }
    if (/^ements?$/.test(f)) {
      if (!rv) return false;
      x.cut(n);
      if (x.rmIfIn(x.r2, 'iv')) x.rmIfIn(x.r2, 'at');
      else if (x.s.endsWith('eus')) {
        if (x.fits(x.r2, 3)) x.cut(3);
        else if (x.fits(x.r1, 3)) x.rep('eus', 'eux');
      } else if (x.first('abl iqU') && x.fits(x.r2, 3)) x.cut(3);
      return true;
    }
    if (/^(if|ive|ifs|ives)$/.test(f)) {
      if (!r2) return false;
      x.cut(n);
      if (x.rmIfIn(x.r2, 'at') && x.s.endsWith('ic')) x.fits(x.r2, 2) ? x.cut(2) : x.rep('ic', 'iqU');
      return true;
    }
    return false;
  };
  const french2a = x => {
    const f = x.firstIn(x.rv, 'issantes issaIent issions issants issante iraIent issons issiez issent issant issait issais irions issez isses iront irons iriez irent irait irais isse irez iras irai ira ies it is ir ie i'),
      i = x.s.length - f.length - 1;
    return !!f && i >= 0 && x.fits(x.rv, f.length + 1) && !FV(x.s[i]) && (x.cut(f.length), true);
  };
  const french2b = x => {
    const f = x.firstIn(x.rv, 'eraIent assions erions assiez assent eront erons eriez erait erais asses antes aIent ions erez eras erai asse ants ante iez era ant ait ais ez er as ai a');
    if (f == 'ions') return x.fits(x.r2, 4) && (x.cut(4), true);
    if (!f) return false;
    x.cut(f.length);
    if (!/^(er|era|erai|eraIent|erais|erait|eras|erez|eriez|erions|erons|eront|ez|iez)$/.test(f) && x.s.endsWith('e') && x.fits(x.rv, 1)) x.cut(1);
    return true;
  };
  const french4 = x => {
    const n = x.s.length;
    if (n >= 2 && x.s[n - 1] == 's') {
      if ('aious'.includes(x.s[n - 2])) return;
      x.cut(1);
    }
    const f = x.firstIn(x.rv, 'Ier ier ion e'), i = x.s.length - 4;
    if (f == 'ion') {
      if (x.fits(x.r2, 3) && i >= 0 && x.fits(x.rv, 4) && 'st'.includes(x.s[i])) x.cut(3);
    } else if (f == 'e') x.cut(1);
    else if (f) x.rep(f, 'i');
  };

  const SV = vowels('aeiou');
  const spanish = w => {
    const x = new Wd(w, SV), n0 = w.length;
    if (n0 >= 3) {
      if (!SV(w[1])) {
        for (let i = 2; i < n0; i++) if (SV(w[i])) { x.rv = i + 1; break; }
      } else if (SV(w[0])) {
        for (let i = 2; i < n0; i++) if (!SV(w[i])) { x.rv = i + 1; break; }
      } else x.rv = 3;
    }
    let f = x.firstIn(x.rv, 'selas selos sela selo las les los nos me se la le lo'), g, n;
    if (f) {
      g = x.firstIn(x.rv, 'iendo yendo ando ar er ir', x.s.length - f.length);
      if (g == 'yendo') {
        if (x.s.slice(0, x.s.length - f.length - g.length).includes('u')) x.cut(f.length);
      } else if (g) x.cut(f.length);
    }
    f = x.first('amientos imientos aciones amiento imiento uciones idades encias ancias amente adores adoras mente istas ismos ibles encia anzas antes ancia adora ables osos osas ivos ivas ista ismo idad icos icas ible anza ante ador able oso osa ivo iva ico ica');
    n = f.length;
    let done = false;
    if (f == 'amente') {
      if (x.fits(x.r1, n)) {
        x.cut(n);
        if (x.rmIfIn(x.r2, 'iv os ic ad') == 'iv') x.rmIfIn(x.r2, 'at');
        done = true;
      }
    } else if (f && x.fits(x.r2, n)) {
      done = true;
      if (f == 'uciones') x.rep(f, 'u');
      else if (/^encias?$/.test(f)) x.rep(f, 'ente');
      else {
        x.cut(n);
        if (/^(adoras?|adores|ador|aciones|antes?|ancias?)$/.test(f)) x.rmIfIn(x.r2, 'ic');
        else if (f == 'mente') x.rmIfIn(x.r2, 'ante able ible');
        else if (/^idad(es)?$/.test(f)) x.rmIfIn(x.r2, 'abil ic iv');
        else if (/^iv[ao]s?$/.test(f)) x.rmIfIn(x.r2, 'at');
      }
    }
    if (!done) {
      f = x.firstIn(x.rv, 'ya ye yan yen yeron yendo yo yas yes yais yamos');
      if (f && x.s[x.s.length - f.length - 1] == 'u') x.cut(f.length);
      else {
        f = x.firstIn(x.rv, 'isteis iremos ieseis ierais eremos asteis aremos ieses iesen ieron ieras ieran iendo aseis arais abais iste imos iese iera idos idas aste ases asen aron aras aran ando amos ados adas abas aban ido ida emos ase ara ado ada aba ir id es er en ed as ar an ad');
        if (f) {
          x.cut(f.length);
          if (/^(en|es|emos)$/.test(f) && x.s.endsWith('gu')) x.cut(1);
        }
      }
    }
    f = x.ifIn(x.rv, 'os a o e');
    if (f) {
      x.cut(f.length);
      if (f == 'e' && x.s.endsWith('gu')) x.cut(1);
    }
    return x.s;
  };

  const RV = vowels('аеиоуыэюя');
  const russian = w => {
    const x = new Wd(w, RV), ar = n => 'ая'.includes(x.s[x.s.length - n - 1] || '-') && x.s.length - n - 1 >= x.rv;
    for (let i = 0; i < w.length; i++) if (RV(w[i])) { x.rv = i + 1; break; }
    let f = x.firstIn(x.rv, 'ившись ывшись вшись ивши ывши вши ив ыв в');
    if (/^(в|вши|вшись)$/.test(f) && !ar(f.length)) f = '';
    if (f) x.cut(f.length);
    else {
      x.rmIn(x.rv, 'ся сь');
      if (x.rmIn(x.rv, 'ими ыми его ого ему ому ее ие ые ое ей ий ый ой ем им ым ом их ых ую юю ая яя ою ею')) {
        let g = x.firstIn(x.rv, 'ивш ывш ующ ем нн вш ющ щ');
        if (/^(ем|нн|вш|ющ|щ)$/.test(g) && !ar(g.length)) g = '';
        if (g) x.cut(g.length);
      } else {
        f = x.firstIn(x.rv, 'уйте ейте ыть ыло ыли ыла уют ует нно йте ишь ить ите ило или ила ешь ете ены ено ена ят ют ыт ым ыл ую уй ть ны но на ло ли ла ит им ил ет ен ем ей ю н л й');
        if (/^(ла|на|ете|йте|ли|й|л|ем|н|ло|но|ет|ют|ны|ть|ешь|нно)$/.test(f) && !ar(f.length)) f = '';
        if (f) x.cut(f.length);
        else x.rmIn(x.rv, 'иями ями иях иям ием ией ами ях ям ья ью ье ом ой ов ия ию ий ии ие ем ей еи ев ах ам я ю ь ы у о й и е а');
      }
    }
    x.rmIn(x.rv, 'и');
    x.rmIn(x.r2, 'ост ость');
    if (x.s.endsWith('нн')) x.cut(1);
    else if (x.rmIn(0, 'ейше ейш')) {
      if (x.s.endsWith('нн')) x.cut(1);
    } else if (x.s.endsWith('ь')) x.cut(1);
    return x.s;
  };

  // Query: the twin of generator/internal/search/query.go.
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const chunkOf = (K, t) => {
    let lo = 0, hi = K.length - 1;
    while (lo < hi) {
      const m = (lo + hi + 1) >> 1;
      if (K[m] <= t) lo = m;
      else hi = m - 1;
    }
    return lo;
  };
  // search runs q with filters F ({facet: [values]}) in one language and
  // returns one page of results, the total and the facet counts. load(name)
  // fetches one file of the index as JSON.
  const search = async (load, M, q, F, sort, offset, limit, typos) => {
    const words = [], ts = terms(M.lang, q, w => words.push(w)), cs = [...q], lc = cs[cs.length - 1] || ' ',
      open = WORD.test(lc) || CJK.test(lc), stop = new Set(M.stop || []), toks = [];
    let wi = 0;
    ts.forEach((t, i) => {
      const cjk = CJK.test(t[0]), w = !cjk && wi < words.length ? words[wi++] : '',
        pre = open && i == ts.length - 1 && (t.length >= 3 || cjk), old = toks.find(k => k.t == t);
      if (old) old.pre = old.pre || pre;
      else if (!stop.has(t)) toks.push({ t, w, pre, ms: [] });
    });
    const need = new Set(), files = {},
      shards = () => Promise.all([...need].filter(i => !files[i]).map(i => load('t-' + i + '.' + M.tv + '.json').then(j => { files[i] = j; }))),
      post = t => files[chunkOf(M.t, t)][t] || [];
    for (const k of toks) {
      k.lo = k.pre ? k.t.slice(0, Math.max(3, k.t.length - 3)) : k.t;
      k.a = chunkOf(M.t, k.lo);
      k.b = k.pre ? Math.min(chunkOf(M.t, k.t + '\uffff'), k.a + 3) : k.a;
      for (let i = k.a; i <= k.b; i++) need.add(i);
    }
    const [FD] = await Promise.all([load(M.f), shards()]), unknown = [];
    for (const k of toks) {
      for (let i = k.a; i <= k.b; i++) {
        for (const x of Object.keys(files[i])) {
          if (x == k.t) k.ms.push([x, 10]);
          else if (k.pre && (x.startsWith(k.t) || k.t.startsWith(x) && x.length >= k.lo.length)) k.ms.push([x, 7]);
        }
      }
      k.ms.sort((p, q) => p[0] < q[0] ? -1 : 1);
      if (!k.ms.length && typos && M.vv && k.w) unknown.push(k);
    }
    // Typos: a word found nowhere is corrected by search-more.js.
    const corrected = unknown.length ? await (await ext()).typos(M, load, q, toks, unknown, need, shards, post) : '';
    const N = M.n, best = new Map(), hit = new Set();
    toks.forEach((k, ki) => {
      for (const [x, w] of k.ms) {
        const P = post(x), df = P.length / 3 | 0, idf = Math.max(1, Math.round(100 * Math.log(1 + (N - df + 0.5) / (df + 0.5))));
        hit.add(x);
        for (let j = 0, d = 0; j + 2 < P.length; j += 3) {
          d += P[j];
          const sc = w * idf * P[j + 1];
          let b = best.get(d);
          if (!b) best.set(d, b = toks.map(() => [0, 0, false]));
          if (sc > b[ki][0]) b[ki] = [sc, P[j + 2] >> 1, (P[j + 2] & 1) == 1];
        }
      }
    });
    // Facets: OR within one facet, AND across; each facet counted with the
    // filters of the others.
    const col = FD.map(f => {
      const w = f.v.length >= 90 ? 2 : 1, vals = s => {
        const vs = [];
        for (let i = 0; i + w <= s.length; i += w) vs.push((w == 1 ? s.charCodeAt(i) - 35 : (s.charCodeAt(i) - 35) * 90 + s.charCodeAt(i + 1) - 35) - 1);
        return vs;
      };
      if (f.m) return f.d.split(' ').map(vals);
      return vals(f.d).map(v => v < 0 ? [] : [v]);
    });
    const sel = FD.map(f => (has(F, f.n) ? F[f.n] : []).map(v => f.v.indexOf(v)));
    const pass = (d, skip) => sel.every((s, i) => i == skip || !s.length || (col[i][d] || []).some(v => s.includes(v)));
    // Documents that match the most query terms: all of them when any does.
    let docs = [], max = 1;
    const score = new Map();
    if (!toks.length) {
      if (ts.length || sel.some(s => s.length)) for (let d = 0; d < N; d++) docs.push(d);
    } else {
      for (const [d, b] of best) {
        const c = b.filter(s => s[0] > 0).length;
        if (c > max) max = c, docs = [];
        if (c == max) docs.push(d), score.set(d, b.reduce((a, s) => a + s[0], 0));
      }
    }
    const facets = FD.map((f, i) => {
      const n = f.v.map(() => 0);
      for (const d of docs) if (pass(d, i)) for (const v of col[i][d] || []) n[v]++;
      const vs = f.v.map((v, j) => ({ value: v, label: f.l ? f.l[j] : v, count: n[j], selected: sel[i].includes(j), j }))
        .filter(v => v.count || v.selected);
      if (!f.o) vs.sort((a, b) => b.count - a.count || a.j - b.j);
      return { name: f.n, values: vs };
    });
    docs = docs.filter(d => pass(d, -1));
    const ti = FD.findIndex(f => f.n == 'type'), labels = {};
    if (ti >= 0) FD[ti].v.forEach((v, j) => { if (FD[ti].l && j < FD[ti].l.length) labels[v] = FD[ti].l[j]; });
    // Pages that only gather others (the home page, lists, "about") come
    // after stories, publications and data, unless their title matches.
    const gathers = d => {
      const c = ti < 0 ? [] : col[ti][d] || [], t = c.length ? FD[ti].v[c[0]] : '';
      return (t == 'page' || t == 'list') && !(best.get(d) || []).some(h => h[2]);
    };
    if (sort != 'date' && toks.length) docs.sort((a, b) => gathers(a) - gathers(b) || score.get(b) - score.get(a) || a - b);
    else docs.sort((a, b) => a - b);
    const results = await Promise.all(docs.slice(offset, limit ? offset + limit : undefined).map(async d => {
      const D = await load('d-' + d + '.' + M.dv + '.json'), b = best.get(d) || [], ss = new Map();
      let s = 0, top = 0;
      for (const [sc, sec] of b) if (sc > 0) ss.set(sec, (ss.get(sec) || 0) + sc);
      for (const [sec, v] of ss) if (v > top || v == top && sec < s) top = v, s = sec;
      const sec = D.s[s] || ['', '', ''], text = sec[2] || (D.s.find(x => x[2]) || ['', '', ''])[2];
      return {
        url: D.u + (sec[0] ? '#' + sec[0] : ''), title: D.t, type: D.y, typeLabel: has(labels, D.y) ? labels[D.y] : D.y,
        date: D.d || '', heading: sec[1], excerpt: excerpt(M.lang, text, hit), lang: M.lang, score: score.get(d) || 0, a: D.a, f: D.f,
        g: toks.length > 0 && gathers(d),
      };
    }));
    return { results, total: docs.length, facets, corrected, words: toks.length, labels };
  };

  // searchAll runs q in lang, then, when it finds few pages, in the other
  // languages written in the query's script (search-more.js); open(lang)
  // gives {load, M} for a language's index, or nothing for one not built.
  const searchAll = async (open, lang, q, F, sort, offset, limit, exact) => {
    const { load, M } = await open(lang), p = await search(load, M, q, F, sort, offset, limit, !exact), out = {
      results: p.results, total: p.total, facets: p.facets, corrected: p.corrected, others: [],
    };
    return offset || !p.words || p.total >= 5 ? out : (await ext()).others(open, lang, q, F, sort, limit, exact, p, out);
  };
  // ext gives search-more.js, bound to this script; the page and the
  // tests say how to load it.
  let ext;
  const core = { norm, search, chunkOf, has, scr, ARTS, LET, CJK, WORD };

  // excerpt returns about 200 characters of text around the first matched
  // word as [text, marked] pieces.
  const excerpt = (lang, text, hit) => {
    const cs = [...text], n = cs.length, mk = cs.map(() => false),
      wd = k => k < n && WORD.test(cs[k]) && !CJK.test(cs[k]);
    for (let i = 0; i < n;) {
      let j = i + 1;
      if (CJK.test(cs[i])) {
        while (j < n && CJK.test(cs[j])) j++;
        const ns = cs.slice(i, j).map(norm);
        if (j - i == 1) mk[i] = hit.has(ns[0]);
        for (let k = i; k + 1 < j; k++) if (hit.has(ns[k - i] + ns[k - i + 1])) mk[k] = mk[k + 1] = true;
      } else if (wd(i)) {
        while (wd(j)) j++;
        if (terms(lang, cs.slice(i, j).join('')).some(t => hit.has(t))) mk.fill(true, i, j);
      }
      i = j;
    }
    let p = mk.indexOf(true), s, e;
    if (p < 0) p = 0;
    s = Math.max(0, p - 60);
    while (s > 0 && s < p && wd(s - 1) && wd(s)) s++;
    while (s < p && !WORD.test(cs[s])) s++;
    e = Math.min(n, s + 200);
    while (e < n && e > s && wd(e - 1) && wd(e)) e--;
    if (e == s) e = Math.min(n, s + 200);
    while (e > s && cs[e - 1] == ' ') e--;
    const out = [];
    for (let i = s; i < e; i++) {
      const l = out[out.length - 1];
      if (l && l[1] == mk[i]) l[0] += cs[i];
      else out.push([cs[i], mk[i]]);
    }
    if (s > 0) out.unshift(['…', false]);
    if (e < n) out.push(['…', false]);
    return out;
  };

  if (typeof document == 'undefined') {
    module.exports = { norm, terms, stem, search, searchAll, excerpt, core, setMore: f => { ext = f; } };
    return;
  }

  // The page.
  const form = document.querySelector('form[data-index]'), $ = id => document.getElementById(id),
    status = $('search-status'), list = $('search-results'), box = $('search-facets'), more = $('search-more'),
    toggle = $('search-toggle'), fix = $('search-fix'), others = $('search-others'), othersH = $('search-others-h');
  if (!form || !status || !list) return;
  const input = form.elements.q, sorter = form.elements.sort, base = new URL(form.dataset.index, location.href),
    langs = JSON.parse(form.dataset.langs || '{}'), lang = document.documentElement.lang || undefined, cache = new Map(), PAGE = 10,
    el = (tag, cls, text) => {
      const e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text != null) e.textContent = text;
      return e;
    };
  // search-more.js is loaded the first time a query needs it.
  let extLoad;
  ext = () => extLoad || (extLoad = new Promise((ok, fail) => {
    const s = el('script');
    document.addEventListener('search-more', e => ok(e.detail(core)), { once: true });
    s.src = form.dataset.more;
    s.integrity = form.dataset.moreIntegrity || '';
    s.crossOrigin = 'anonymous';
    s.onerror = fail;
    document.head.append(s);
  }).catch(e => {
    extLoad = 0;
    throw e;
  }));
  const loader = b => name => {
    const u = new URL(name, b).href;
    if (!cache.has(u)) cache.set(u, fetch(u).then(r => {
      if (!r.ok) throw new Error(r.status + ' ' + u);
      return r.json();
    }));
    return cache.get(u);
  };
  let me;
  // open gives a language's index; another language's that fails is left out.
  const open = async l => {
    const b = l == me ? base : langs[l] && new URL(langs[l][0], location.href), load = b && loader(b);
    try {
      return load && { load, M: await load(b.href) };
    } catch (e) {
      if (l == me) throw e;
    }
  };
  const rules = new Intl.PluralRules(lang), forms = {}, samples = JSON.parse(status.dataset.plural || '{}');
  Object.keys(samples).forEach(n => {
    const c = rules.select(+n);
    if (!(c in forms)) forms[c] = samples[n];
  });
  const count = n => (forms[rules.select(n)] || forms.other || '{n}').replace('{n}', n.toLocaleString(lang));

  const params = new URLSearchParams(location.search), F = {};
  for (const [k, v] of params) if (!/^(q|sort|exact)$/.test(k) && v) (F[k] = F[k] || []).push(v);
  input.value = params.get('q') || '';
  if (sorter) sorter.value = params.get('sort') || '';
  let exact = params.get('exact') == '1';
  const query = (q, sort, ex) => {
    const u = new URLSearchParams();
    if (q) u.set('q', q);
    if (sort) u.set('sort', sort);
    if (ex) u.set('exact', 1);
    for (const k of Object.keys(F).sort()) for (const v of F[k]) u.append(k, v);
    return u + '' ? '?' + u : location.pathname;
  };

  const dateText = d => {
    const [y, m, day] = d.split('-').map(Number);
    if (!m) return d;
    const o = day ? { dateStyle: 'long' } : { year: 'numeric', month: 'long' };
    o.timeZone = 'UTC';
    return new Intl.DateTimeFormat(lang, o).format(new Date(Date.UTC(y, m - 1, day || 1)));
  };
  const item = (r, into) => {
    const li = el('li', 'search-result'), h = el('h' + (into.dataset.heading || 2), 'search-result-title'),
      a = el('a', '', r.title), meta = el('p', 'search-result-meta'), ex = el('p', 'search-result-excerpt'), L = langs[r.lang];
    a.href = r.url;
    h.append(a);
    meta.append(el('span', 'search-result-type', r.typeLabel));
    // A result in another language says so, and is marked as such.
    if (r.lang != me && L) {
      const n = el('span', 'search-result-lang', L[1]);
      n.lang = L[2];
      meta.prepend(n, ' ');
      for (const e of [h, ex]) e.lang = L[2], e.dir = L[3];
    }
    if (r.date) {
      const t = el('time', 'search-result-date', dateText(r.date));
      t.dateTime = r.date;
      meta.append(' ', t);
    }
    if (r.heading) meta.append(' ', el('span', 'search-result-section', r.heading));
    for (const [t, m] of r.excerpt) ex.append(m ? el('mark', '', t) : t);
    li.append(h, meta, ex);
    into.append(li);
    return li;
  };
  const active = () => Object.values(F).reduce((n, v) => n + v.length, 0);
  const drawFacets = fs => {
    if (!box) return;
    const a = document.activeElement, key = a && a.type == 'checkbox' ? a.name + '\n' + a.value : '',
      names = JSON.parse(box.dataset.labels || '{}'), n = active();
    box.textContent = '';
    for (const f of fs) {
      if (!f.values.length) continue;
      const set = el('fieldset', 'search-facet'), ul = el('ul');
      set.dataset.facet = f.name;
      set.append(el('legend', '', names[f.name] || f.name), ul);
      for (const v of f.values) {
        const li = el('li'), lab = el('label'), cb = el('input');
        cb.type = 'checkbox';
        cb.name = f.name;
        cb.value = v.value;
        cb.checked = v.selected;
        lab.append(cb, ' ' + v.label + ' ', el('span', 'search-facet-count', v.count.toLocaleString(lang)));
        li.append(lab);
        ul.append(li);
        if (f.name + '\n' + v.value == key) cb.focus();
      }
      box.append(set);
    }
    if (toggle) {
      toggle.lastChild.textContent = n ? ' (' + n.toLocaleString(lang) + ')' : '';
      toggle.hidden = !box.firstChild;
    }
  };

  let seq = 0, shown = 0, last, said = '';
  const run = async () => {
    const my = ++seq, q = input.value, sort = sorter ? sorter.value : '';
    history.replaceState(null, '', query(q, sort, exact));
    form.parentNode.classList.toggle('searching', !!q.trim());
    try {
      const M = await load0();
      me = M.lang;
      const r = await searchAll(open, me, q, F, sort, 0, PAGE, exact);
      if (my != seq) return;
      last = { M, q, sort, total: r.total };
      list.textContent = '';
      r.results.forEach(x => item(x, list));
      shown = r.results.length;
      drawFacets(r.facets);
      if (more) more.hidden = shown >= r.total;
      if (others) {
        others.textContent = '';
        r.others.forEach(x => item(x, others));
        others.hidden = othersH.hidden = !r.others.length;
      }
      const t = q.trim() || r.total ? count(r.total) : '';
      let u = '';
      if (fix) {
        fix.textContent = '';
        fix.hidden = !r.corrected;
        if (r.corrected) {
          const [a, b] = status.dataset.fixed.split('{q}'), [c, d] = fix.dataset.exact.split('{q}'), link = el('a', '', q);
          link.href = query(q, sort, 1);
          fix.append(a, el('strong', '', r.corrected), b || '', '. ', c, link, d || '');
          u += '. ' + a + r.corrected + (b || '');
        }
      }
      if (r.others.length && othersH) u += '. ' + othersH.textContent + ' (' + r.others.length.toLocaleString(lang) + ')';
      // The live region says what is shown apart from it too; it says a
      // text once, as one set again would be repeated.
      if (t + u != said) {
        said = t + u;
        status.textContent = t;
        if (u) status.append(el('span', 'visually-hidden', u));
      }
    } catch (e) {
      if (my == seq) status.textContent = said = status.dataset.error || e.message;
    }
  };
  const load0 = () => loader(base)(base.href);
  let timer;
  input.addEventListener('input', () => {
    exact = false;
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  form.addEventListener('submit', e => {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  if (sorter) sorter.addEventListener('change', run);
  if (box) box.addEventListener('change', e => {
    const cb = e.target, vs = F[cb.name] = (F[cb.name] || []).filter(v => v != cb.value);
    if (cb.checked) vs.push(cb.value);
    run();
  });
  if (toggle && box) {
    toggle.addEventListener('click', () => {
      const o = toggle.getAttribute('aria-expanded') != 'true';
      toggle.setAttribute('aria-expanded', o);
      box.classList.toggle('open', o);
    });
  }
  if (more) more.addEventListener('click', async () => {
    const my = seq, r = await search(loader(base), last.M, last.q, F, last.sort, shown, PAGE, !exact);
    if (my != seq) return;
    r.results.forEach((x, i) => {
      const li = item(x, list);
      if (!i) li.querySelector('a').focus();
    });
    shown += r.results.length;
    more.hidden = shown >= r.total;
  });
  run();
})();
