// Bulk actions on a list: a box in the header chooses the whole page, the bar says how many rows
// are chosen, and "all N matching" is offered once the whole page is chosen (it stands for every
// row of the list, not only these). Without JavaScript the row boxes and the bar work as a form.
(function () {
  'use strict';
  const form = document.getElementById('bulk-form');
  if (!form) return;
  const page = document.getElementById('bulk-page');
  const chosen = document.getElementById('bulk-chosen');
  const all = document.getElementById('bulk-all');
  const allLabel = document.getElementById('bulk-all-label');
  const rows = Array.from(document.querySelectorAll('input[type=checkbox][form="bulk-form"][name="id"]'));

  // the user's digits, not the language's
  function digits(n) {
    const s = String(n);
    return form.dataset.digits === 'persian' ? s.replace(/[0-9]/g, (c) => String.fromCharCode(0x06F0 + +c)) : s;
  }

  function update() {
    const n = rows.filter((b) => b.checked).length;
    const whole = rows.length > 0 && n === rows.length;
    if (page) {
      page.checked = whole;
      page.indeterminate = n > 0 && !whole;
    }
    if (allLabel) allLabel.hidden = !whole;
    if (all && !whole) all.checked = false;
    if (chosen) chosen.textContent = n ? chosen.dataset.some.replace('{n}', digits(n)) : chosen.dataset.none;
    form.classList.toggle('has-chosen', n > 0);
  }

  if (page) {
    page.hidden = false;
    page.addEventListener('change', () => {
      rows.forEach((b) => { b.checked = page.checked; });
      update();
    });
  }
  rows.forEach((b) => b.addEventListener('change', update));
  update();

  // an action's own choice (the group to add to) shows beside it, the others' hide
  const action = document.getElementById('bulk-do');
  const args = Array.from(form.querySelectorAll('select.bulk-arg'));
  function showArg() {
    args.forEach((s) => {
      const mine = s.dataset.for === action.value;
      s.hidden = !mine;
      s.disabled = !mine;
    });
  }
  if (action && args.length) {
    action.addEventListener('change', showArg);
    showArg();
  }
})();
