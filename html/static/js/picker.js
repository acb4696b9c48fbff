/* Type-ahead pickers for links to another record (Tom Select, vendored from npm).
 * A field with data-lookup="<url>" asks that URL (?q=...) for matches as the user types: the
 * phone book's matching within the user's scope (GET /parties/lookup answers JSON objects with
 * code, display_name, phone, company). The field still submits codes, as typed without script:
 * - <input data-lookup>: one code; a code typed and not chosen is kept (the server says whether
 *   it names a record).
 * - <textarea data-lookup>: codes one a line (a user's customers); the picker edits the list and
 *   writes it back into the textarea, which stays the submitted field.
 * - <select multiple data-picker>: a several-links field with more rows than boxes fit (a party's
 *   experts among the staff); its options are all on the page, so the typing filters them here and
 *   the select, hidden, posts the chosen ids.
 * Texts come from the script tag: data-none ("no match"), data-create ("use %s"). */
(function () {
  'use strict';
  var me = document.currentScript;
  if (typeof window.TomSelect !== 'function' || !me) return;

  var text = function (tag, cls, value) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    el.setAttribute('dir', 'auto');
    el.textContent = value || '';
    return el;
  };

  var options = function (field, multi) {
    var url = field.getAttribute('data-lookup');
    return {
      valueField: 'code',
      labelField: 'display_name',
      searchField: [],            /* the server matched them: its order stands */
      score: function () { return function () { return 1; }; },
      maxItems: multi ? null : 1,
      create: true,               /* a code typed in full is kept as it is */
      createOnBlur: true,
      createFilter: function (typed) { return !/\s/.test(typed.trim()); }, /* codes have no spaces */
      persist: false,
      loadThrottle: 250,
      maxOptions: 20,
      shouldLoad: function (q) { return q.trim().length > 0; },
      /* a picked record ends the search: the next one is typed from an empty box */
      onItemAdd: function () { this.setTextboxValue(''); this.close(); },
      load: function (q, done) {
        fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(q), { credentials: 'same-origin' })
          .then(function (res) { return res.ok ? res.json() : []; })
          .then(function (rows) { done(Array.isArray(rows) ? rows : []); })
          .catch(function () { done(); });
      },
      render: {
        /* the name, then its code, phone and company on a line of their own, each in its own
           direction and the line in the page's */
        option: function (o) {
          var li = document.createElement('div'), sub = document.createElement('small');
          li.className = 'picker-option' + (o.is_active === '0' ? ' inactive' : '');
          li.append(text('span', 'picker-name', o.display_name || o.code));
          sub.className = 'picker-sub';
          [o.code, o.phone, o.company].filter(Boolean).forEach(function (v, i) {
            if (i) sub.append(' · ');
            sub.append(text('bdi', '', v));
          });
          if (sub.childNodes.length) li.append(sub);
          return li;
        },
        item: function (o) {
          var el = text('div', 'picker-item', o.display_name && o.display_name !== o.code ? o.display_name + ' (' + o.code + ')' : o.code);
          return el;
        },
        option_create: function (o) {
          var el = text('div', 'create', (me.getAttribute('data-create') || '%s').replace('%s', o.input));
          return el;
        },
        no_results: function () { return text('div', 'no-results', me.getAttribute('data-none') || ''); }
      }
    };
  };

  /* a field named by aria-label (no <label for>) names the picker's typing box the same way; the
     field itself, hidden and out of the tab order, leaves the accessibility tree (its label now
     names the typing box) */
  var name = function (ts, field) {
    var label = field.getAttribute('aria-label');
    if (label && !ts.control_input.hasAttribute('aria-labelledby')) ts.control_input.setAttribute('aria-label', label);
    ts.input.setAttribute('aria-hidden', 'true');
  };

  Array.prototype.forEach.call(document.querySelectorAll('input[data-lookup]'), function (input) {
    if (input.disabled || input.readOnly) return;
    var o = options(input, false), shown = input.getAttribute('data-shown');
    input.removeAttribute('dir'); /* the picker follows the page: names read in its direction */
    if (input.value && shown) o.options = [{ code: input.value, display_name: shown }];
    name(new window.TomSelect(input, o), input);
  });

  Array.prototype.forEach.call(document.querySelectorAll('select[data-picker]'), function (select) {
    if (select.disabled) return;
    var ts = new window.TomSelect(select, {
      plugins: ['remove_button'],
      maxOptions: 50,
      hideSelected: true,
      closeAfterSelect: true,
      /* a picked one ends the search: the next is typed from an empty box */
      onItemAdd: function () { this.setTextboxValue(''); this.refreshOptions(false); },
      render: {
        option: function (o) { return text('div', 'picker-option', o.text); },
        item: function (o) { return text('div', 'picker-item', o.text); },
        no_results: function () { return text('div', 'no-results', me.getAttribute('data-none') || ''); }
      }
    });
    name(ts, select);
  });

  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-lookup]'), function (area) {
    if (area.disabled || area.readOnly) return;
    var box = document.createElement('input'), id = area.id;
    box.value = area.value.split(/\r?\n/).map(function (s) { return s.trim(); }).filter(Boolean).join(',');
    /* the label names the picker now; the textarea, hidden, carries the codes */
    area.id = id + '-codes';
    box.id = id;
    area.hidden = true;
    area.parentNode.insertBefore(box, area);
    var ts = new window.TomSelect(box, options(area, true));
    name(ts, area);
    var sync = function () { area.value = ts.items.join('\n'); };
    ts.on('change', sync);
    sync();
  });
}());
