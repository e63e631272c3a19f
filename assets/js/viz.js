// Charts and maps you can explore, and a country picker you can type into.
// Without this script every value is in the chart's table, each mark's
// <title> shows on hover, and the picker is a list of links; with it:
//  - hovering a mark, or moving through the marks with the arrow keys once
//    the chart has focus, shows the mark's value beside it and announces it;
//  - the country picker gets a box that filters its list as you type.
(function () {
  'use strict';
  var ACTIVE = 'is-active';

  function marks(svg) {
    var out = [];
    svg.querySelectorAll('title').forEach(function (t) {
      var el = t.parentNode;
      if (el !== svg && el.tagName.toLowerCase() !== 'svg') out.push(el);
    });
    return out;
  }

  function enhance(fig) {
    var all = fig.querySelectorAll('svg');
    if (!all.length) return;
    var tip = document.createElement('p');
    tip.className = 'chart-tip';
    tip.setAttribute('aria-live', 'polite');
    tip.hidden = true;
    fig.appendChild(tip);
    all.forEach(function (svg) {
      var list = marks(svg);
      if (!list.length) return;
      var at = -1;
      function show(i, el) {
        if (at >= 0 && list[at]) list[at].classList.remove(ACTIVE);
        at = i;
        var m = list[i];
        m.classList.add(ACTIVE);
        tip.textContent = m.querySelector('title').textContent;
        tip.hidden = false;
        var fr = fig.getBoundingClientRect();
        var r = (el || m).getBoundingClientRect();
        tip.style.insetInlineStart = '';
        tip.style.left = Math.max(0, Math.min(r.left - fr.left + r.width / 2, fr.width - 160)) + 'px';
        tip.style.top = (r.top - fr.top - 8) + 'px';
      }
      function hide() {
        if (at >= 0 && list[at]) list[at].classList.remove(ACTIVE);
        tip.hidden = true;
      }
      svg.setAttribute('tabindex', '0');
      svg.addEventListener('keydown', function (e) {
        var k = e.key, next = at;
        if (k === 'ArrowRight' || k === 'ArrowDown') next = at + 1;
        else if (k === 'ArrowLeft' || k === 'ArrowUp') next = at - 1;
        else if (k === 'Home') next = 0;
        else if (k === 'End') next = list.length - 1;
        else if (k === 'Escape') { hide(); return; }
        else return;
        e.preventDefault();
        if (document.documentElement.dir === 'rtl' && (k === 'ArrowRight' || k === 'ArrowLeft')) next = 2 * at - next;
        show((next + list.length) % list.length);
      });
      svg.addEventListener('blur', hide);
      svg.addEventListener('mouseleave', hide);
      list.forEach(function (m, i) {
        m.addEventListener('mouseenter', function () { show(i, m); });
      });
    });
  }

  document.querySelectorAll('figure.chart, figure.locator').forEach(enhance);

  document.querySelectorAll('[data-picker]').forEach(function (box) {
    var input = document.createElement('input');
    input.type = 'search';
    input.className = 'picker-filter';
    input.setAttribute('aria-label', box.getAttribute('data-filter-label') || '');
    input.placeholder = box.getAttribute('data-filter-label') || '';
    var hint = box.querySelector('p');
    (hint || box.firstElementChild).after(input);
    var fold = function (s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); };
    input.addEventListener('input', function () {
      var q = fold(input.value.trim());
      box.querySelectorAll('.picker-list').forEach(function (ul) {
        var shown = 0;
        ul.querySelectorAll('li').forEach(function (li) {
          var hit = !q || fold(li.textContent).indexOf(q) >= 0;
          li.hidden = !hit;
          if (hit) shown++;
        });
        ul.hidden = !shown;
        var h = ul.previousElementSibling;
        if (h && h.tagName === 'H3') h.hidden = !shown;
      });
    });
  });
})();
