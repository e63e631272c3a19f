// Copy buttons for citations: without this script the citations are plain
// text to select; with it each gets a button that copies it and says so.
(function () {
  var box = document.querySelector('.citations');
  if (!box || !navigator.clipboard) return;
  var status = box.querySelector('[data-copy-status]');
  box.querySelectorAll('.citation').forEach(function (c) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'copy';
    b.textContent = box.getAttribute('data-copy-label');
    b.setAttribute('aria-describedby', c.id);
    b.addEventListener('click', function () {
      navigator.clipboard.writeText(c.textContent.trim()).then(function () {
        status.textContent = box.getAttribute('data-copied');
      });
    });
    c.after(b);
  });
})();
