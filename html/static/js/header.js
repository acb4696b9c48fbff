/* The header's global search and "+ New" menu (layout/header.cs).
 * Search: a combobox over the registry's search routes (data-sources), each asked for its result
 * list as HTML (the phone book's own ?partial=1 answer) a moment after each keystroke; their links
 * become the options. Arrow keys move through them, Enter opens the chosen one (or, with none
 * chosen, submits to the full search page), Escape closes the list, then clears the box.
 * "+ New": a <details> menu, so it works without script; Escape and a click elsewhere close it. */
(function () {
  'use strict';
  var input = document.getElementById('gs-q'), list = document.getElementById('gs-list');
  if (input && list) {
    var sources = (input.getAttribute('data-sources') || '').split(/\s+/).filter(Boolean);
    var timer = null, asked = 0, active = -1;

    var options = function () { return list.querySelectorAll('[role="option"]'); };
    var open = function (show) {
      list.hidden = !show;
      input.setAttribute('aria-expanded', show ? 'true' : 'false');
      if (!show) choose(-1);
    };
    var choose = function (i) {
      var opts = options();
      active = i;
      Array.prototype.forEach.call(opts, function (o, k) { o.setAttribute('aria-selected', k === i ? 'true' : 'false'); });
      if (i >= 0 && opts[i]) {
        input.setAttribute('aria-activedescendant', opts[i].id);
        opts[i].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    };
    var go = function (o) { if (o && o.getAttribute('data-href')) window.location.assign(o.getAttribute('data-href')); };

    /* One option per record link of a source's answer: its name, then the rest of its line (code, phone). */
    var show = function (answers) {
      var n = 0;
      list.replaceChildren();
      answers.forEach(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        Array.prototype.forEach.call(doc.querySelectorAll('li'), function (li) {
          var a = li.querySelector('a[href^="/"]');
          if (!a) return;
          var o = document.createElement('li'), name = document.createElement('span'), rest = document.createElement('small');
          o.id = 'gs-opt-' + n++;
          o.setAttribute('role', 'option');
          o.setAttribute('data-href', a.getAttribute('href'));
          name.textContent = a.textContent.trim();
          a.remove();
          rest.textContent = li.textContent.replace(/\s+/g, ' ').trim();
          o.append(name, ' ', rest);
          list.append(o);
        });
      });
      if (!n) {
        var none = document.createElement('li');
        none.className = 'gs-none';
        none.textContent = input.getAttribute('data-none') || '';
        list.append(none);
      }
      open(true);
    };

    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) { asked++; open(false); return; }
      timer = setTimeout(function () {
        var mine = ++asked;
        Promise.all(sources.map(function (src) {
          return fetch(src + (src.indexOf('?') < 0 ? '?' : '&') + 'partial=1&q=' + encodeURIComponent(q), { credentials: 'same-origin' })
            .then(function (res) { return res.ok ? res.text() : ''; })
            .catch(function () { return ''; });
        })).then(function (answers) {
          if (mine === asked) show(answers); /* else a later keystroke asked again */
        });
      }, 200);
    });
    input.addEventListener('keydown', function (e) {
      var opts = options();
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (list.hidden) { if (opts.length) open(true); else return; }
        e.preventDefault();
        if (!opts.length) return;
        var step = e.key === 'ArrowDown' ? 1 : -1;
        choose(active < 0 ? (step > 0 ? 0 : opts.length - 1) : (active + step + opts.length) % opts.length);
      } else if (e.key === 'Enter' && !list.hidden && active >= 0) {
        e.preventDefault();
        go(opts[active]);
      } else if (e.key === 'Escape') {
        /* the list first, then the box; the menu (menu.js) only when both are done */
        if (!list.hidden) { e.stopPropagation(); open(false); } else if (input.value) { e.stopPropagation(); input.value = ''; }
      }
    });
    list.addEventListener('mousedown', function (e) { e.preventDefault(); }); /* keeps the focus in the box */
    list.addEventListener('click', function (e) { go(e.target.closest('[role="option"]')); });
    input.addEventListener('blur', function () { open(false); });
    input.addEventListener('focus', function () { if (input.value.trim() && options().length) open(true); });
  }

  var quick = document.getElementById('quick-new');
  if (quick) {
    document.addEventListener('keydown', function (e) {
      if (e.key !== 'Escape' || !quick.open) return;
      e.stopPropagation();
      quick.open = false;
      quick.querySelector('summary').focus();
    }, true);
    document.addEventListener('click', function (e) { if (quick.open && !quick.contains(e.target)) quick.open = false; });
  }
})();
