/* The start page's panels (conf/modules, panel=<name>:<path>): each frame asks its module's route
 * for its HTML fragment and shows it; a fragment with nothing in it, or a failed answer, leaves
 * the frame hidden. A file of our own, since the CSP allows no inline script. */
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('[data-panel]'), function (panel) {
    var body = panel.querySelector('.panel-body');
    if (!body) return;
    fetch(panel.getAttribute('data-panel'), { credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.text() : ''; })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        if (!doc.body.textContent.trim()) return;
        body.replaceChildren.apply(body, Array.prototype.slice.call(doc.body.childNodes));
        panel.hidden = false;
      })
      .catch(function () { /* a panel that cannot load is simply not shown */ });
  });
})();
