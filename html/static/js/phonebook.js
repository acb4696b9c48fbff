/* Search as you type: the phone book asks the server for its result list
 * (the same HTML the page shows) a moment after the typing pauses, once per
 * pause, not per keystroke. Arrow keys move from the box through the results'
 * names and back; Escape returns to the box. */
(function () {
  'use strict';
  var q = document.getElementById('q'), live = document.getElementById('live');
  if (!q || !live) return;
  var timer = null, asked = 0;
  q.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var mine = ++asked;
      fetch('/parties/search?partial=1&q=' + encodeURIComponent(q.value), { credentials: 'same-origin' })
        .then(function (res) { return res.ok ? res.text() : ''; })
        .then(function (html) {
          if (mine !== asked) return; /* a later keystroke already asked again */
          var doc = new DOMParser().parseFromString(html, 'text/html');
          live.replaceChildren.apply(live, Array.prototype.slice.call(doc.body.childNodes));
        });
    }, 200);
  });

  function links() {
    return Array.prototype.slice.call(live.querySelectorAll('a.result-link'));
  }
  function move(event, from) {
    var all = links(), at = all.indexOf(from), to = null;
    if (event.key === 'ArrowDown') to = at + 1 < all.length ? all[at + 1] : null;
    else if (event.key === 'ArrowUp') to = at > 0 ? all[at - 1] : q;
    else if (event.key === 'Escape' && from !== q) to = q;
    else return;
    if (!to && event.key === 'ArrowDown') return; /* past the last: stay */
    event.preventDefault();
    to.focus();
  }
  q.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') move(event, q);
  });
  live.addEventListener('keydown', function (event) {
    var a = event.target.closest ? event.target.closest('a') : null;
    if (!a) return;
    /* from a phone or email link of a row, its name link is where the walk goes on */
    var row = a.closest('li'), name = row ? row.querySelector('a.result-link') : a;
    move(event, name || a);
  });
})();
