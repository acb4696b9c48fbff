// The header's menu on phones: the button folds the menu in and out (Bootstrap's .collapse/.show,
// without Bootstrap's script). A file of our own, since the CSP allows no inline script.
(function () {
  'use strict';
  var button = document.getElementById('menu-toggle');
  if (!button) return;
  var menu = document.getElementById(button.getAttribute('aria-controls'));
  if (!menu) return;
  function set(open) {
    menu.classList.toggle('show', open);
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  button.addEventListener('click', function () {
    set(button.getAttribute('aria-expanded') !== 'true');
  });
  // Escape closes it again; the focus goes back to the button if it was inside the menu.
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape' || button.getAttribute('aria-expanded') !== 'true') return;
    var inside = menu.contains(document.activeElement);
    set(false);
    if (inside) button.focus();
  });
})();
