// The date picker (html/static/js/datepicker.js, issue 12) by mouse and by keyboard, in Jalali with
// Persian digits (fa, right to left) and in Gregorian with Latin digits (en): open it, go back to a
// 1365 (1986) birth date, pick a day and find it in the input in the user's digits, read back by the
// server; Today; Escape. Typing stays the first way in: a typed date is where the picker opens.
// Screenshots: $CRM_VAR/screenshots/datepicker-<fa|en>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, logIn, shots } from './browser.mjs';
import { BASE, createUser, sql, uniqueName } from '../http/helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const FIELD = '#birth_date';
const BUTTON = '#birth_date + .date-button';
const BOX = '.datepicker';

async function userPage(lang, calendar, digits) {
  const name = uniqueName(`dp${lang}`);
  createUser(name, 'picker-password-1', 'admin');
  sql(`UPDATE users SET lang = '${lang}', calendar = '${calendar}', digits = '${digits}' WHERE username = '${name}'`);
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 800 } })).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, name, 'picker-password-1');
  await page.goto(`${BASE}/parties/person/new`);
  assert.equal(await page.getAttribute('html', 'lang'), lang);
  return { page, errors };
}

// Today in the user's calendar and digits, as the browser's ICU has it.
const todayIn = (page, calendar, digits) => page.evaluate(([cal, nu]) => {
  const p = {};
  const n = new Date();
  new Intl.DateTimeFormat(`en-u-ca-${cal}-nu-${nu}`, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(n.getFullYear(), n.getMonth(), n.getDate())).forEach((x) => { p[x.type] = x.value; });
  return cal === 'gregory' ? `${p.year}-${p.month}-${p.day}` : `${p.year}/${p.month}/${p.day}`;
}, [calendar, digits]);

const focused = (page) => page.evaluate(() => document.activeElement.id);
const selectedDay = async (page) => (await page.textContent(`${BOX} [aria-selected="true"]`)).trim();

// The hint is a format, not a date, and the field names it; there is no date-looking placeholder.
async function checkHint(page, words) {
  assert.equal(await page.getAttribute(FIELD, 'placeholder'), null);
  const hint = await page.getAttribute(FIELD, 'aria-describedby');
  assert.equal((await page.textContent(`#${hint}`)).trim(), words);
}

// Saves the person and returns the birth date its record page shows.
async function saveAndRead(page) {
  await page.fill('#first_name', 'Dara');
  await page.fill('#last_name', uniqueName('Picker'));
  await Promise.all([page.waitForNavigation(), page.click('#save')]);
  return (await page.textContent('#f-birth_date')).trim();
}

test('Jalali, Persian digits, right to left: by mouse to 1365, Today, Escape', async () => {
  const { page, errors } = await userPage('fa', 'jalali', 'persian');
  await checkHint(page, 'سال/ماه/روز');
  await page.click(BUTTON);
  await page.waitForSelector(BOX);
  assert.equal(await page.getAttribute(BOX, 'dir'), 'rtl');
  assert.equal(await page.getAttribute(BUTTON, 'aria-expanded'), 'true');
  for (const [sel, label] of [['prev-year', 'سال قبل'], ['prev-month', 'ماه قبل'], ['next-month', 'ماه بعد'], ['next-year', 'سال بعد']]) {
    assert.equal(await page.getAttribute(`${BOX} .datepicker-${sel}`, 'aria-label'), label);
  }
  assert.equal((await page.textContent(`${BOX} .datepicker-today`)).trim(), 'امروز');
  // the buttons move a month and a year
  const year = Number(await page.inputValue(`${BOX} .datepicker-year`));
  await page.click(`${BOX} .datepicker-prev-year`);
  assert.equal(Number(await page.inputValue(`${BOX} .datepicker-year`)), year - 1);
  await page.click(`${BOX} .datepicker-next-year`);
  const month = Number(await page.inputValue(`${BOX} .datepicker-month`));
  await page.click(`${BOX} .datepicker-next-month`);
  assert.equal(Number(await page.inputValue(`${BOX} .datepicker-month`)), month % 12 + 1);
  await page.click(`${BOX} .datepicker-prev-month`);
  assert.equal(Number(await page.inputValue(`${BOX} .datepicker-month`)), month);
  // 1365 in two choices: the year and the month (Shahrivar), then the day
  await page.selectOption(`${BOX} .datepicker-year`, '1365');
  await page.selectOption(`${BOX} .datepicker-month`, '6');
  const title = await page.getAttribute(`${BOX} table`, 'aria-label');
  assert.ok(title.includes('شهریور') && title.includes('۱۳۶۵'), title);
  await page.screenshot({ path: path.join(shots, 'datepicker-fa.png') });
  await page.click(`${BOX} .datepicker-day >> text="۳۱"`);
  assert.equal(await page.locator(BOX).count(), 0, 'closed once a day is picked');
  assert.equal(await page.inputValue(FIELD), '۱۳۶۵/۰۶/۳۱');
  assert.equal(await focused(page), 'birth_date', 'the focus is back on the input');
  assert.equal(await page.getAttribute(BUTTON, 'aria-expanded'), 'false');

  // Escape closes and keeps the value
  await page.click(BUTTON);
  assert.equal(await selectedDay(page), '۳۱', 'it opens on the date in the input');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator(BOX).count(), 0);
  assert.equal(await page.inputValue(FIELD), '۱۳۶۵/۰۶/۳۱');
  assert.equal(await focused(page), 'birth_date');

  // Today
  await page.click(BUTTON);
  await page.click(`${BOX} .datepicker-today`);
  assert.equal(await page.inputValue(FIELD), await todayIn(page, 'persian', 'arabext'));

  // a click elsewhere closes it; the picked date is what the server stores
  await page.click(BUTTON);
  await page.click('h1');
  assert.equal(await page.locator(BOX).count(), 0);
  await page.fill(FIELD, '');
  await page.click(BUTTON);
  await page.selectOption(`${BOX} .datepicker-year`, '1365');
  await page.selectOption(`${BOX} .datepicker-month`, '6');
  await page.click(`${BOX} .datepicker-day >> text="۳۱"`);
  assert.equal(await saveAndRead(page), '۱۳۶۵/۰۶/۳۱');
  assert.deepEqual(errors, []);
});

test('Jalali, Persian digits, right to left: by keyboard only', async () => {
  const { page, errors } = await userPage('fa', 'jalali', 'persian');
  await page.focus(FIELD);
  await page.keyboard.type('1404/07/10'); // typed in Latin digits: still a date
  await page.keyboard.press('F4');
  await page.waitForSelector(BOX);
  assert.equal(await selectedDay(page), '۱۰');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.datepicker') !== null), true, 'the focus is in the picker');
  for (let i = 0; i < 1404 - 1365; i++) await page.keyboard.press('Shift+PageUp'); // a year each
  assert.equal(await page.inputValue(`${BOX} .datepicker-year`), '1365');
  await page.keyboard.press('PageUp'); // a month: Shahrivar
  assert.equal(await page.inputValue(`${BOX} .datepicker-month`), '6');
  await page.keyboard.press('ArrowLeft'); // right to left: the next day is to the left
  assert.equal(await selectedDay(page), '۱۱');
  await page.keyboard.press('ArrowRight');
  assert.equal(await selectedDay(page), '۱۰');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown'); // three weeks later
  assert.equal(await selectedDay(page), '۳۱');
  await page.keyboard.press('PageDown'); // Mehr has 30 days: the 31st becomes the 30th
  assert.equal(await page.inputValue(`${BOX} .datepicker-month`), '7');
  assert.equal(await selectedDay(page), '۳۰');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await selectedDay(page), '۳۱');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(BOX).count(), 0);
  assert.equal(await page.inputValue(FIELD), '۱۳۶۵/۰۶/۳۱');
  assert.equal(await focused(page), 'birth_date');

  // Escape by keyboard, then Today reached by Tab
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForSelector(BOX);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator(BOX).count(), 0);
  assert.equal(await page.inputValue(FIELD), '۱۳۶۵/۰۶/۳۱');
  assert.equal(await focused(page), 'birth_date');
  await page.keyboard.press('F4');
  await page.keyboard.press('Tab'); // from the grid to Today
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('datepicker-today')), true);
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue(FIELD), await todayIn(page, 'persian', 'arabext'));
  assert.equal(await focused(page), 'birth_date');
  assert.deepEqual(errors, []);
});

test('Gregorian, Latin digits, left to right: by mouse and by keyboard', async () => {
  const { page, errors } = await userPage('en', 'gregorian', 'latin');
  await checkHint(page, 'YYYY-MM-DD');
  await page.click(BUTTON);
  await page.waitForSelector(BOX);
  assert.equal(await page.getAttribute(BOX, 'dir'), 'ltr');
  assert.equal(await page.getAttribute(`${BOX} .datepicker-prev-year`, 'aria-label'), 'Previous year');
  assert.equal(await page.getAttribute(`${BOX} .datepicker-month`, 'aria-label'), 'Month');
  await page.selectOption(`${BOX} .datepicker-year`, '1986');
  await page.selectOption(`${BOX} .datepicker-month`, '9');
  assert.match(await page.getAttribute(`${BOX} table`, 'aria-label'), /September 1986/);
  await page.screenshot({ path: path.join(shots, 'datepicker-en.png') });
  await page.click(`${BOX} .datepicker-day >> text="22"`);
  assert.equal(await page.inputValue(FIELD), '1986-09-22');
  assert.equal(await focused(page), 'birth_date');

  // keyboard: from a typed date, a leap day kept inside February, a year back, left to right
  await page.fill(FIELD, '2024-03-31');
  await page.focus(FIELD);
  await page.keyboard.press('F4');
  await page.waitForSelector(BOX);
  await page.keyboard.press('PageUp');
  assert.equal(await selectedDay(page), '29');
  await page.keyboard.press('Shift+PageUp');
  assert.equal(await page.inputValue(`${BOX} .datepicker-year`), '2023');
  assert.equal(await selectedDay(page), '28');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.inputValue(`${BOX} .datepicker-month`), '3');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue(FIELD), '2023-03-01');
  assert.equal(await focused(page), 'birth_date');
  await page.keyboard.press('F4');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator(BOX).count(), 0);
  assert.equal(await page.inputValue(FIELD), '2023-03-01');
  await page.click(BUTTON);
  await page.click(`${BOX} .datepicker-today`);
  assert.equal(await page.inputValue(FIELD), await todayIn(page, 'gregory', 'latn'));

  // back to 1986 by keyboard, and the server reads it
  await page.fill(FIELD, '1986-10-22');
  await page.focus(FIELD);
  await page.keyboard.press('F4');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue(FIELD), '1986-09-22');
  assert.equal(await saveAndRead(page), '1986-09-22');
  assert.deepEqual(errors, []);
});
