/* Search as you type: the phone book asks the server for its result list
 * (the same HTML the page shows) a moment after each keystroke. */
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
})();
