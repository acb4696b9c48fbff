/* A keyboard-friendly date picker for <input class="date"> in the user's calendar.
 * Written here because no maintained, framework-free npm package covers Jalali,
 * Hijri (Umm al-Qura) and Gregorian together. All calendar arithmetic is the
 * browser's Intl (ICU); this file only draws a month and moves a cursor.
 * The input keeps plain text the server parses: YYYY/MM/DD (Jalali, Hijri) or
 * YYYY-MM-DD (Gregorian), in the user's digits; typing it stays the first way in.
 *
 * Each input gives its calendar, digits and first weekday (data-calendar, data-digits,
 * data-week-start, data-picker-label); the words of the picker come from the data-
 * attributes of this script's own tag (layout/footer.cs, from html/lang), since the
 * CSP allows no inline script. The box is a non-modal dialog appended to <body> (so a
 * <label> around the input does not take its text into the input's name, and no
 * scrolling box clips it), placed under the input through CSSOM, which the CSP allows.
 *
 * Keys in the month grid: arrows move a day or a week (mirrored right to left),
 * Home/End the week's first and last day, PageUp/PageDown a month, Shift+PageUp/PageDown
 * a year, Enter or Space picks, Escape closes; the focus goes back to the input. Tab
 * cycles through the box's controls (previous/next year and month, month and year
 * selectors, the grid, Today, Close). Alt+ArrowDown or F4 in the input opens it. */
(function () {
  'use strict';
  var ICU = { jalali: 'persian', hijri: 'islamic-umalqura', gregorian: 'gregory' };
  var DAY = 86400000;
  var script = document.currentScript;
  var words = (script && script.dataset) || {};

  function word(key, fallback) { return words[key] || fallback; }

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

  function localDigits(s, digits) {
    return digits === 'persian' ? String(s).replace(/[0-9]/g, function (c) { return String.fromCharCode(0x06F0 + +c); }) : String(s);
  }

  /* The Gregorian instant of y/m/d in cal; null if no such day. Steps to the first of the month
     by estimates (a month is 1/12 of the mean year, so an estimate can land a day or two off, next
     to a month's edge: then a day at a time), then counts the days. */
  function fromParts(y, m, d, cal) {
    var year = cal === 'hijri' ? 354.367 : 365.2425;
    var t = new Date(Date.UTC(2000, 0, 1));
    for (var i = 0; ; i++) {
      if (i === 40) return null;
      var p = parts(t, cal);
      var months = (y - p.y) * 12 + (m - p.m);
      var diff = months ? Math.round(months * year / 12 + (1 - p.d)) || (months > 0 ? 1 : -1) : 1 - p.d;
      if (!diff) break;
      t = new Date(t.getTime() + diff * DAY);
    }
    var r = new Date(t.getTime() + (d - 1) * DAY);
    var q = parts(r, cal);
    return d >= 1 && q.y === y && q.m === m && q.d === d ? r : null;
  }

  /* The same day n months (12 a year in all three calendars) away, kept inside the month
     it lands in (31 Shahrivar + 1 month is 30 Mehr). */
  function addMonths(date, n, cal) {
    var c = parts(date, cal);
    var k = c.y * 12 + (c.m - 1) + n;
    var y = Math.floor(k / 12), m = k % 12 + 1;
    for (var d = c.d; d >= 28; d--) {
      var t = fromParts(y, m, d, cal);
      if (t) return t;
    }
    return fromParts(y, m, Math.min(c.d, 28), cal) || date;
  }

  function pad(n, width) { n = String(n); while (n.length < width) n = '0' + n; return n; }

  function format(date, cal, digits) {
    var p = parts(date, cal);
    var sep = cal === 'gregorian' ? '-' : '/';
    return localDigits(pad(p.y, 4) + sep + pad(p.m, 2) + sep + pad(p.d, 2), digits);
  }

  function parse(text, cal) {
    var m = /^\s*(\d{1,4})[\/.-](\d{1,2})[\/.-](\d{1,2})\s*$/.exec(latinDigits(text || ''));
    return m ? fromParts(+m[1], +m[2], +m[3], cal) : null;
  }

  function today() {
    var n = new Date();
    return new Date(Date.UTC(n.getFullYear(), n.getMonth(), n.getDate()));
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function iconButton(cls, icon, label) {
    var b = el('button', 'datepicker-nav ' + cls);
    b.type = 'button';
    b.setAttribute('aria-label', label);
    b.title = label;
    var i = el('i', 'bi ' + icon);
    i.setAttribute('aria-hidden', 'true');
    b.appendChild(i);
    return b;
  }

  var open = null; /* the one picker shown */

  function Picker(input) {
    this.input = input;
    this.cal = ICU[input.dataset.calendar] ? input.dataset.calendar : 'gregorian';
    this.digits = input.dataset.digits || 'latin';
    this.lang = document.documentElement.lang || 'en';
    this.rtl = document.documentElement.dir === 'rtl';
    this.weekStart = parseInt(input.dataset.weekStart || '6', 10);
    /* Intl's own digits follow the user's choice, not the language's. */
    this.locale = this.lang + '-u-ca-' + ICU[this.cal] + '-nu-' + (this.digits === 'persian' ? 'arabext' : 'latn');
    this.box = null;
    var self = this;
    var button = el('button', 'date-button');
    button.type = 'button';
    button.setAttribute('aria-label', input.dataset.pickerLabel || word('open', 'Pick a date'));
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
    var icon = el('i', 'bi bi-calendar3');
    icon.setAttribute('aria-hidden', 'true');
    button.appendChild(icon);
    if (input.disabled) button.disabled = true;
    input.insertAdjacentElement('afterend', button);
    this.button = button;
    button.addEventListener('click', function () { if (self.box) self.close(true); else self.open(); });
    input.addEventListener('keydown', function (e) {
      if ((e.key === 'ArrowDown' && e.altKey) || e.key === 'F4') { e.preventDefault(); self.open(); }
    });
  }

  Picker.prototype.open = function () {
    if (open && open !== this) open.close(false);
    open = this;
    this.cursor = parse(this.input.value, this.cal) || today();
    if (!this.box) {
      var box = this.box = el('div', 'datepicker');
      box.setAttribute('role', 'dialog');
      box.setAttribute('aria-modal', 'false');
      box.setAttribute('aria-label', word('title', 'Choose a date'));
      box.dir = this.rtl ? 'rtl' : 'ltr';
      box.lang = this.lang;
      box.addEventListener('keydown', this.onKey.bind(this));
      this.build();
      document.body.appendChild(box);
      this.onOutside = this.onOutside || this.outside.bind(this);
      this.onResize = this.onResize || this.place.bind(this);
      document.addEventListener('mousedown', this.onOutside, true);
      window.addEventListener('resize', this.onResize);
      this.button.setAttribute('aria-expanded', 'true');
    }
    this.draw(true);
    this.place();
  };

  Picker.prototype.close = function (focusInput) {
    if (this.box) {
      this.box.remove();
      this.box = null;
      document.removeEventListener('mousedown', this.onOutside, true);
      window.removeEventListener('resize', this.onResize);
      this.button.setAttribute('aria-expanded', 'false');
    }
    if (open === this) open = null;
    if (focusInput) this.input.focus();
  };

  Picker.prototype.outside = function (e) {
    if (this.box && !this.box.contains(e.target) && e.target !== this.button && !this.button.contains(e.target)) this.close(false);
  };

  /* Under the input, its start edge on the input's, kept inside the window. */
  Picker.prototype.place = function () {
    if (!this.box) return;
    var r = this.input.getBoundingClientRect();
    var b = this.button.getBoundingClientRect();
    /* below the format hint too, which sits under the field */
    var under = (this.input.closest('.datefield, label') || this.input).getBoundingClientRect();
    var w = this.box.offsetWidth;
    var start = this.rtl ? Math.max(r.right, b.right) - w : Math.min(r.left, b.left);
    var left = Math.max(4, Math.min(start, document.documentElement.clientWidth - w - 4));
    this.box.style.left = Math.round(left + window.scrollX) + 'px';
    this.box.style.top = Math.round(Math.max(r.bottom, b.bottom, under.bottom) + window.scrollY + 4) + 'px';
  };

  Picker.prototype.choose = function (date) {
    this.input.value = format(date, this.cal, this.digits);
    this.input.dispatchEvent(new Event('input', { bubbles: true }));
    this.input.dispatchEvent(new Event('change', { bubbles: true }));
    this.close(true);
  };

  /* The box's fixed parts: the navigation row, the grid, the Today and Close buttons. */
  Picker.prototype.build = function () {
    var self = this, box = this.box, rtl = this.rtl;
    var head = el('div', 'datepicker-head');
    /* Previous points to the reading direction's start: right in Persian. */
    var back = rtl ? 'right' : 'left', fwd = rtl ? 'left' : 'right';
    this.prevYear = iconButton('datepicker-prev-year', 'bi-chevron-double-' + back, word('prevYear', 'Previous year'));
    this.prevMonth = iconButton('datepicker-prev-month', 'bi-chevron-' + back, word('prevMonth', 'Previous month'));
    this.nextMonth = iconButton('datepicker-next-month', 'bi-chevron-' + fwd, word('nextMonth', 'Next month'));
    this.nextYear = iconButton('datepicker-next-year', 'bi-chevron-double-' + fwd, word('nextYear', 'Next year'));
    this.month = el('select', 'datepicker-month');
    this.month.setAttribute('aria-label', word('month', 'Month'));
    this.year = el('select', 'datepicker-year');
    this.year.setAttribute('aria-label', word('year', 'Year'));
    this.prevYear.addEventListener('click', function () { self.move(-12); });
    this.prevMonth.addEventListener('click', function () { self.move(-1); });
    this.nextMonth.addEventListener('click', function () { self.move(1); });
    this.nextYear.addEventListener('click', function () { self.move(12); });
    this.month.addEventListener('change', function () { self.jump(null, +self.month.value); });
    this.year.addEventListener('change', function () { self.jump(+self.year.value, null); });
    [this.prevYear, this.prevMonth, this.month, this.year, this.nextMonth, this.nextYear].forEach(function (x) { head.appendChild(x); });
    box.appendChild(head);
    this.grid = el('table', 'datepicker-grid');
    this.grid.setAttribute('role', 'grid');
    this.grid.id = 'datepicker-grid-' + (++Picker.count);
    box.appendChild(this.grid);
    this.status = el('div', 'visually-hidden');
    this.status.setAttribute('aria-live', 'polite');
    box.appendChild(this.status);
    var foot = el('div', 'datepicker-foot');
    var todayButton = el('button', 'btn btn-sm btn-outline-primary datepicker-today', word('today', 'Today'));
    todayButton.type = 'button';
    todayButton.addEventListener('click', function () { self.choose(today()); });
    var closeButton = el('button', 'btn btn-sm btn-outline-secondary datepicker-close', word('close', 'Close'));
    closeButton.type = 'button';
    closeButton.addEventListener('click', function () { self.close(true); });
    foot.appendChild(todayButton);
    foot.appendChild(closeButton);
    box.appendChild(foot);
  };
  Picker.count = 0;

  /* n months away (12: a year), the focus kept where it was. */
  Picker.prototype.move = function (n) {
    this.cursor = addMonths(this.cursor, n, this.cal);
    this.draw(false);
  };

  /* To a year or a month chosen in the selectors, the day kept inside that month. */
  Picker.prototype.jump = function (y, m) {
    var c = parts(this.cursor, this.cal);
    var n = ((y === null ? c.y : y) - c.y) * 12 + ((m === null ? c.m : m) - c.m);
    this.move(n);
  };

  /* The month of the cursor: the selectors, the weekday row and the days. */
  Picker.prototype.draw = function (focusDay) {
    var self = this, cal = this.cal, c = parts(this.cursor, cal);
    var first = new Date(this.cursor.getTime() - (c.d - 1) * DAY);
    var title = new Intl.DateTimeFormat(this.locale, { timeZone: 'UTC', year: 'numeric', month: 'long' }).format(first);
    var monthName = new Intl.DateTimeFormat(this.locale, { timeZone: 'UTC', month: 'long' });

    this.month.textContent = '';
    for (var m = 1; m <= 12; m++) {
      var day1 = fromParts(c.y, m, 1, cal);
      var o = el('option', null, day1 ? monthName.format(day1) : localDigits(m, this.digits));
      o.value = String(m);
      if (m === c.m) o.selected = true;
      this.month.appendChild(o);
    }
    /* A century and a half back (birth dates) and a few decades ahead, and the cursor's year whatever it is. */
    var now = parts(today(), cal).y;
    var lo = Math.min(now - 130, c.y), hi = Math.max(now + 30, c.y);
    if (+this.year.dataset.lo !== lo || +this.year.dataset.hi !== hi) {
      this.year.textContent = '';
      for (var y = hi; y >= lo; y--) {
        var yo = el('option', null, localDigits(y, this.digits));
        yo.value = String(y);
        this.year.appendChild(yo);
      }
      this.year.dataset.lo = String(lo);
      this.year.dataset.hi = String(hi);
    }
    this.year.value = String(c.y);

    var grid = this.grid;
    grid.textContent = '';
    grid.setAttribute('aria-label', title);
    /* one letter a day where the letters tell the days apart (Persian, English); else the short
       names (Turkish narrow ones are P S Ç P C C P) */
    var wdShort = new Intl.DateTimeFormat(this.lang, { timeZone: 'UTC', weekday: 'narrow' });
    var narrow = {};
    for (var k = 0; k < 7; k++) narrow[wdShort.format(new Date(Date.UTC(2023, 0, 1 + k)))] = true;
    if (Object.keys(narrow).length < 7) wdShort = new Intl.DateTimeFormat(this.lang, { timeZone: 'UTC', weekday: 'short' });
    var wdLong = new Intl.DateTimeFormat(this.lang, { timeZone: 'UTC', weekday: 'long' });
    var full = new Intl.DateTimeFormat(this.locale, { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
    var thead = grid.createTHead(), hr = thead.insertRow();
    for (var i = 0; i < 7; i++) {
      var th = el('th');
      th.scope = 'col';
      var dow = new Date(Date.UTC(2023, 0, 1 + (this.weekStart + i) % 7)); /* 2023-01-01 was a Sunday */
      var abbr = el('abbr', null, wdShort.format(dow));
      abbr.title = wdLong.format(dow);
      th.appendChild(abbr);
      hr.appendChild(th);
    }
    var body = grid.createTBody();
    var row = body.insertRow();
    var offset = (first.getUTCDay() - this.weekStart + 7) % 7;
    for (i = 0; i < offset; i++) row.insertCell();
    var now0 = today().getTime();
    for (var d = first; parts(d, cal).m === c.m; d = new Date(d.getTime() + DAY)) {
      if (row.cells.length === 7) row = body.insertRow();
      var cell = row.insertCell();
      var b = el('button', 'datepicker-day', localDigits(parts(d, cal).d, this.digits));
      b.type = 'button';
      b.dataset.time = String(d.getTime());
      b.setAttribute('aria-label', full.format(d));
      var at = d.getTime() === this.cursor.getTime();
      b.tabIndex = at ? 0 : -1;
      cell.setAttribute('role', 'gridcell');
      if (at) cell.setAttribute('aria-selected', 'true');
      if (d.getTime() === now0) { b.setAttribute('aria-current', 'date'); b.classList.add('today'); }
      b.addEventListener('click', function () { self.choose(new Date(+this.dataset.time)); });
      cell.appendChild(b);
    }
    while (row.cells.length < 7) row.insertCell();
    this.status.textContent = title;
    if (focusDay) this.dayButton().focus();
  };

  Picker.prototype.dayButton = function () { return this.grid.querySelector('button[tabindex="0"]'); };

  Picker.prototype.onKey = function (e) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close(true);
      return;
    }
    if (e.key === 'Tab') { /* the focus stays in the box while it is open */
      var all = Array.prototype.filter.call(this.box.querySelectorAll('button, select'), function (x) { return x.tabIndex >= 0; });
      var i = all.indexOf(document.activeElement);
      var next = all[(i + (e.shiftKey ? all.length - 1 : 1)) % all.length];
      if (i >= 0 && next) { e.preventDefault(); next.focus(); }
      return;
    }
    if (!e.target.classList.contains('datepicker-day')) return; /* the selectors and buttons keep their own keys */
    var back = this.rtl ? 1 : -1;
    var step = { ArrowLeft: back, ArrowRight: -back, ArrowUp: -7, ArrowDown: 7 }[e.key];
    var col = (new Date(this.cursor).getUTCDay() - this.weekStart + 7) % 7;
    if (step) {
      this.cursor = new Date(this.cursor.getTime() + step * DAY);
    } else if (e.key === 'Home') {
      this.cursor = new Date(this.cursor.getTime() - col * DAY);
    } else if (e.key === 'End') {
      this.cursor = new Date(this.cursor.getTime() + (6 - col) * DAY);
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      this.cursor = addMonths(this.cursor, (e.key === 'PageUp' ? -1 : 1) * (e.shiftKey ? 12 : 1), this.cal);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.choose(this.cursor);
      return;
    } else {
      return;
    }
    e.preventDefault();
    this.draw(true);
  };

  document.querySelectorAll('input.date').forEach(function (input) { new Picker(input); });
})();
