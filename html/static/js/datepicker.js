/* A keyboard-friendly date picker for <input class="date"> in the user's calendar.
 * Written here because no maintained, framework-free npm package covers Jalali,
 * Hijri (Umm al-Qura) and Gregorian together. All calendar arithmetic is the
 * browser's Intl (ICU); this file only draws a month and moves a cursor.
 * The input keeps plain text the server parses: YYYY/MM/DD (Jalali, Hijri) or
 * YYYY-MM-DD (Gregorian), in the user's digits. */
(function () {
  'use strict';
  var ICU = { jalali: 'persian', hijri: 'islamic-umalqura', gregorian: 'gregory' };
  var DAY = 86400000;

  function parts(date, cal) {
    var p = {};
    new Intl.DateTimeFormat('en-u-ca-' + ICU[cal] + '-nu-latn',
      { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(date).forEach(function (x) { if (x.type !== 'literal') p[x.type] = parseInt(x.value, 10); });
    return { y: p.year, m: p.month, d: p.day };
  }

  function latinDigits(s) {
    return s.replace(/[\u06F0-\u06F9]/g, function (c) { return String(c.charCodeAt(0) - 0x06F0); })
      .replace(/[\u0660-\u0669]/g, function (c) { return String(c.charCodeAt(0) - 0x0660); });
  }

  /* The Gregorian instant of y/m/d in cal, found by stepping toward it. */
  function fromParts(y, m, d, cal) {
    var year = cal === 'hijri' ? 354.367 : 365.2425;
    var guess = new Date(Date.UTC(2000, 0, 1));
    for (var i = 0; i < 12; i++) {
      var p = parts(guess, cal);
      var diff = Math.round((y - p.y) * year + (m - p.m) * year / 12 + (d - p.d));
      if (!diff) return (p.y === y && p.m === m && p.d === d) ? guess : null;
      guess = new Date(guess.getTime() + diff * DAY);
    }
    return null;
  }

  function pad(n, width) { n = String(n); while (n.length < width) n = '0' + n; return n; }

  function format(date, cal, digits) {
    var p = parts(date, cal);
    var sep = cal === 'gregorian' ? '-' : '/';
    var s = pad(p.y, 4) + sep + pad(p.m, 2) + sep + pad(p.d, 2);
    return digits === 'persian' ? s.replace(/[0-9]/g, function (c) { return String.fromCharCode(0x06F0 + +c); }) : s;
  }

  function parse(text, cal) {
    var m = /^\s*(\d{1,4})[\/.-](\d{1,2})[\/.-](\d{1,2})\s*$/.exec(latinDigits(text || ''));
    return m ? fromParts(+m[1], +m[2], +m[3], cal) : null;
  }

  function today() {
    var n = new Date();
    return new Date(Date.UTC(n.getFullYear(), n.getMonth(), n.getDate()));
  }

  function Picker(input) {
    this.input = input;
    this.cal = input.dataset.calendar || 'gregorian';
    this.digits = input.dataset.digits || 'latin';
    this.lang = document.documentElement.lang || 'en';
    this.weekStart = parseInt(input.dataset.weekStart || '6', 10);
    this.box = null;
    var self = this;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'date-button';
    button.setAttribute('aria-label', input.dataset.pickerLabel || 'calendar');
    button.textContent = '▾';
    input.insertAdjacentElement('afterend', button);
    button.addEventListener('click', function () { self.open(); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && e.altKey || e.key === 'F4') { e.preventDefault(); self.open(); }
    });
  }

  Picker.prototype.open = function () {
    this.cursor = parse(this.input.value, this.cal) || today();
    if (!this.box) {
      this.box = document.createElement('div');
      this.box.className = 'datepicker';
      this.box.setAttribute('role', 'dialog');
      this.box.setAttribute('aria-modal', 'false');
      this.box.addEventListener('keydown', this.onKey.bind(this));
      this.input.parentNode.appendChild(this.box);
    }
    this.draw();
  };

  Picker.prototype.close = function (focusInput) {
    if (this.box) { this.box.remove(); this.box = null; }
    if (focusInput) this.input.focus();
  };

  Picker.prototype.choose = function (date) {
    this.input.value = format(date, this.cal, this.digits);
    this.input.dispatchEvent(new Event('change', { bubbles: true }));
    this.close(true);
  };

  Picker.prototype.draw = function () {
    var self = this, cal = this.cal, c = parts(this.cursor, cal);
    var first = new Date(this.cursor.getTime() - (c.d - 1) * DAY);
    var title = new Intl.DateTimeFormat(this.lang + '-u-ca-' + ICU[cal],
      { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(first);
    var wd = new Intl.DateTimeFormat(this.lang, { timeZone: 'UTC', weekday: 'narrow' });
    var box = this.box;
    box.textContent = '';
    box.setAttribute('aria-label', title);
    var head = document.createElement('div');
    head.className = 'datepicker-title';
    head.textContent = title;
    box.appendChild(head);
    var grid = document.createElement('table');
    grid.setAttribute('role', 'grid');
    var hr = grid.insertRow();
    for (var i = 0; i < 7; i++) {
      var th = document.createElement('th');
      var dow = (this.weekStart + i) % 7;
      th.textContent = wd.format(new Date(Date.UTC(2023, 0, 1 + dow))); /* 2023-01-01 was a Sunday */
      hr.appendChild(th);
    }
    var row = grid.insertRow();
    var offset = (first.getUTCDay() - this.weekStart + 7) % 7;
    for (i = 0; i < offset; i++) row.insertCell();
    for (var d = first; parts(d, cal).m === c.m; d = new Date(d.getTime() + DAY)) {
      if (row.cells.length === 7) row = grid.insertRow();
      var cell = row.insertCell();
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = format(d, cal, this.digits).split(/[\/-]/)[2];
      b.dataset.time = String(d.getTime());
      b.tabIndex = d.getTime() === this.cursor.getTime() ? 0 : -1;
      if (d.getTime() === this.cursor.getTime()) b.setAttribute('aria-selected', 'true');
      b.addEventListener('click', function () { self.choose(new Date(+this.dataset.time)); });
      cell.appendChild(b);
    }
    box.appendChild(grid);
    var current = box.querySelector('button[tabindex="0"]');
    if (current) current.focus();
  };

  Picker.prototype.onKey = function (e) {
    var rtl = getComputedStyle(this.box).direction === 'rtl';
    var step = { ArrowLeft: rtl ? 1 : -1, ArrowRight: rtl ? -1 : 1, ArrowUp: -7, ArrowDown: 7 }[e.key];
    if (step) {
      this.cursor = new Date(this.cursor.getTime() + step * DAY);
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      this.cursor = new Date(this.cursor.getTime() + (e.key === 'PageUp' ? -30 : 30) * DAY);
    } else if (e.key === 'Enter' || e.key === ' ') {
      this.choose(this.cursor);
    } else if (e.key === 'Escape') {
      this.close(true);
    } else {
      return;
    }
    e.preventDefault();
    if (this.box) this.draw();
  };

  document.querySelectorAll('input.date').forEach(function (input) { new Picker(input); });
})();
