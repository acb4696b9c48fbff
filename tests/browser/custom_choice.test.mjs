// Custom choice fields as a user meets them, at 390×844 and 1366×800: the field's own list on
// Managed lists, the person form with a select and a box per entry, the record page naming the
// choices, and the list's filter by the choice; nothing wider than the phone's screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, logIn, shots } from './browser.mjs';
import { BASE, get, postForm, csrfOf, sql, sqlInt, login, createUser, uniqueName } from '../http/helpers.mjs';

let browser, field = {}, entries = {};
const user = uniqueName('chooser');
const tag = uniqueName('B');

before(async () => {
  browser = await launch();
  createUser(user, 'chooser-password-1', 'admin');
  const { jar } = await login(user, 'chooser-password-1');
  for (const [key, type, en] of [['size', 'choice', 'Size'], ['tags', 'multichoice', 'Interests']]) {
    const page = await get('/admin/field/new', { jar });
    const res = await postForm('/admin/field/create', { csrf_token: csrfOf(page.text), entity: 'persons', type, sort: 30,
      ...(type === 'choice' ? { searchable: 1 } : {}), label_fa: `${en} ${tag} فا`, label_en: `${en} ${tag}`, label_tr: `${en} ${tag} tr` }, jar);
    assert.equal(res.status, 303, (res.text.match(/id="[a-z_]+-error">[^<]*/g) || []).join(' '));
    field[key] = sqlInt(`SELECT id FROM custom_fields WHERE label_en = '${en} ${tag}'`);
  }
  for (let i = 0; i < 100 && sqlInt(`SELECT COUNT(*) FROM custom_fields WHERE id IN (${field.size}, ${field.tags}) AND state = 'ready'`) < 2; i++)
    await new Promise((r) => setTimeout(r, 100));
  for (const [key, code, en, fa] of [['size', 'small', 'Small', 'کوچک'], ['size', 'large', 'Large', 'بزرگ'],
    ['tags', 'golf', 'Golf', 'گلف'], ['tags', 'chess', 'Chess', 'شطرنج'], ['tags', 'books', 'Books', 'کتاب']]) {
    const page = await get(`/parties/lists?kind=cf_${field[key]}`, { jar });
    const res = await postForm('/parties/list/save', { csrf_token: csrfOf(page.text), kind: `cf_${field[key]}`, code,
      name_fa: fa, name_en: en, name_tr: en, sort: 10 }, jar);
    assert.equal(res.status, 303, (res.text.match(/id="[a-z_]+-error">[^<]*/g) || []).join(' '));
    entries[code] = sqlInt(`SELECT id FROM lookups WHERE kind = 'cf_${field[key]}' AND code = '${code}'`);
  }
});
after(async () => { await browser?.close(); });

const fits = (page) => page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth);

for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1366, height: 800 }]]) {
  test(`choice fields: their list, the form, the record page and the filter (${device})`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await logIn(page, user, 'chooser-password-1');
    // the field's list among the managed lists, named by the field
    await page.goto(`${BASE}/parties/lists?kind=cf_${field.size}`);
    assert.match(await page.locator('#list-kinds [aria-current="page"]').innerText(), new RegExp(`Size ${tag}`));
    assert.ok(await fits(page), 'the list fits the screen');
    await page.screenshot({ path: path.join(shots, `${device}-choice-list.png`), fullPage: true });
    // the form: pick one size and two interests, save
    await page.goto(`${BASE}/parties/person/new`);
    const code = uniqueName('BC');
    await page.fill('#code', code);
    await page.fill('#last_name', `Chooser ${tag}`);
    await page.selectOption(`#cf_${field.size}`, String(entries.large));
    await page.check(`input[name="cf_${field.tags}"][value="${entries.golf}"]`);
    await page.check(`input[name="cf_${field.tags}"][value="${entries.books}"]`);
    assert.ok(await fits(page), 'the form fits the screen');
    await page.screenshot({ path: path.join(shots, `${device}-choice-form.png`), fullPage: true });
    await Promise.all([page.waitForNavigation(), page.click('#save')]);
    const id = sqlInt(`SELECT id FROM parties WHERE code = '${code}'`);
    assert.ok(id > 0, 'saved');
    assert.equal(sqlInt(`SELECT cf_${field.size} FROM parties WHERE id = ${id}`), entries.large);
    assert.equal(sqlInt(`SELECT COUNT(*) FROM cfv_${field.tags} WHERE record_id = ${id}`), 2);
    // the record page names them
    await page.goto(`${BASE}/parties/party?id=${id}`);
    assert.equal(await page.locator(`#f-cf_${field.size}`).innerText(), 'بزرگ');
    const tags = await page.locator(`#f-cf_${field.tags}`).innerText();
    assert.ok(tags.includes('گلف') && tags.includes('کتاب') && !tags.includes('شطرنج'), tags);
    assert.ok(await fits(page), 'the record fits the screen');
    await page.screenshot({ path: path.join(shots, `${device}-choice-record.png`), fullPage: true });
    // the list filtered by the choice, from its select
    await page.goto(`${BASE}/parties/persons?cols=code,display_name,cf_${field.size},cf_${field.tags}`);
    await page.selectOption(`#filter-cf_${field.size}`, String(entries.large));
    await Promise.all([page.waitForNavigation(), page.locator(`#filter-cf_${field.size}`).evaluate((el) => el.form.requestSubmit())]);
    assert.ok(page.url().includes(`cf_${field.size}=${entries.large}`));
    assert.ok(await page.locator(`a[href$="party?id=${id}"]`).count() > 0, 'the filter finds the person');
    assert.ok(await fits(page), 'the filtered list fits the screen');
    await page.screenshot({ path: path.join(shots, `${device}-choice-filter.png`), fullPage: true });
    await context.close();
  });
}
