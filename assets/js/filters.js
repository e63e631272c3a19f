// Story filters: without this script every facet option is a plain link to its
// term page. With it, options become toggle buttons that combine in place:
// AND across facets (region, country, sector, goal), OR within one facet.
(function () {
  var root = document.querySelector('[data-filters]');
  var out = document.getElementById('story-count');
  // A list split over several pages keeps its options as links.
  if (!root || !out || !document.querySelector('[data-cards]')) return;
  var cards = [].slice.call(document.querySelectorAll('[data-cards] > li'));
  var rules = new Intl.PluralRules(document.documentElement.lang);
  var forms = {};
  var samples = JSON.parse(out.getAttribute('data-plural') || '{}');
  Object.keys(samples).forEach(function (n) {
    var c = rules.select(+n);
    if (!(c in forms)) forms[c] = samples[n];
  });
  var chosen = {};
  var buttons = [];

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var ok = Object.keys(chosen).every(function (f) {
        var want = chosen[f];
        if (!want.length) return true;
        return (card.getAttribute('data-' + f) || '').split(' ').some(function (v) {
          return want.indexOf(v) >= 0;
        });
      });
      card.hidden = !ok;
      if (ok) shown++;
    });
    out.textContent = (forms[rules.select(shown)] || forms.other || '{n}').replace('{n}', shown);
    clear.hidden = !buttons.some(function (b) { return b.getAttribute('aria-pressed') === 'true'; });
  }

  root.querySelectorAll('[data-facet]').forEach(function (group) {
    var facet = group.getAttribute('data-facet');
    chosen[facet] = [];
    group.querySelectorAll('a[data-value]').forEach(function (a) {
      var b = document.createElement('button');
      var v = a.getAttribute('data-value');
      b.type = 'button';
      b.className = a.className;
      b.setAttribute('aria-pressed', 'false');
      while (a.firstChild) b.appendChild(a.firstChild);
      b.addEventListener('click', function () {
        var on = b.getAttribute('aria-pressed') !== 'true';
        var list = chosen[facet];
        b.setAttribute('aria-pressed', String(on));
        if (on) list.push(v); else list.splice(list.indexOf(v), 1);
        apply();
      });
      a.replaceWith(b);
      buttons.push(b);
    });
  });

  var clear = document.createElement('button');
  clear.type = 'button';
  clear.className = 'clear';
  clear.textContent = root.getAttribute('data-clear');
  clear.hidden = true;
  clear.addEventListener('click', function () {
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
    Object.keys(chosen).forEach(function (f) { chosen[f] = []; });
    apply();
    if (buttons[0]) buttons[0].focus();
  });
  root.appendChild(clear);
  var hint = root.querySelector('.filters-hint');
  if (hint) hint.textContent = root.getAttribute('data-hint');
})();
