// Accessibility (issue 12): axe-core (npm, pinned in package-lock.json, used by the tests only) on the
// login page and on every page the responsive walk reaches (tests/browser/pages.mjs: the menus, the
// sub-menus, a record page, an edit form and a new form; of the managed lists one), in Persian and in English, with a date
// picker open on a form, the experts' typed list open, and the bulk bar open with a choice on a list too; any serious or critical violation fails, named with its rule, page and
// elements. The counts by rule and impact (minor and moderate included) go to $CRM_VAR/axe-<lang>.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launch, logIn } from './browser.mjs';
import { BASE, VAR, createUser, uniqueName, sql } from '../http/helpers.mjs';
import { allPages } from './pages.mjs';

// Injected through the DevTools protocol (page.evaluate), which the page's strict CSP does not govern,
// so the CSP stays the one users get.
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FAILING = new Set(['serious', 'critical']);

let browser;
const name = uniqueName('axe');
// the English walk's own user (the language is the user's), so the two walks run side by side
const nameEn = uniqueName('axeEn');
before(async () => {
  browser = await launch();
  createUser(name, 'axe-password-1', 'admin');
  createUser(nameEn, 'axe-password-1', 'admin');
  // more staff than boxes fit, so a party's experts are the typed list (picker.js) on every form
  sql(`INSERT INTO users (username, display_name, email, password_hash)
       SELECT CONCAT('${name.toLowerCase()}-', seq), CONCAT('Staff ', seq), '', 'x' FROM seq_1_to_13`);
});
after(async () => { await browser?.close(); });

// axe's violations on the page in view, as { rule, impact, help, targets }.
async function audit(page) {
  if (!await page.evaluate(() => typeof window.axe === 'object')) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

// Runs axe on each page; returns the failing findings and a count per rule and impact.
async function walk(page, urls, lang, extra = []) {
  const failing = [];
  const counts = {};
  const note = (where, vs) => {
    for (const v of vs) {
      const key = `${v.impact} ${v.rule}`;
      counts[key] = (counts[key] || 0) + v.targets.length;
      if (FAILING.has(v.impact)) failing.push(`${lang} ${where}: ${v.impact} ${v.rule} (${v.help}): ${v.targets.slice(0, 5).join(', ')}`);
    }
  };
  for (const url of urls) {
    const res = await page.goto(url);
    assert.ok(res.status() < 400, `${url}: ${res.status()}`);
    note(url.replace(BASE, ''), await audit(page));
  }
  for (const [where, setUp] of extra) {
    await setUp(page);
    note(where, await audit(page));
  }
  fs.writeFileSync(path.join(VAR, `axe-${lang}.json`), JSON.stringify({ pages: urls.length + extra.length, counts, failing }, null, 1));
  return failing;
}

// A person's new form with the birth date's picker open.
const pickerOpen = ['/parties/person/new (date picker open)', async (page) => {
  await page.goto(`${BASE}/parties/person/new`);
  await page.click('#birth_date + .date-button');
  await page.waitForSelector('.datepicker');
}];

// A person's new form with the experts list open on what was typed.
const expertsOpen = ['/parties/person/new (experts typed into, their list open)', async (page) => {
  await page.goto(`${BASE}/parties/person/new`);
  await page.click('#experts-ts-control');
  await page.keyboard.type('Staff 1');
  await page.waitForSelector('#experts-ts-dropdown .option');
}];

// The persons list with two rows chosen and an action that takes a choice: the bulk bar with its select.
const bulkOpen = ['/parties/persons (two rows chosen, "Assign to" with its user select)', async (page) => {
  await page.goto(`${BASE}/parties/persons`);
  const boxes = page.locator('input[form="bulk-form"][name="id"]');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.selectOption('#bulk-do', 'expert_add');
  await page.waitForSelector('#bulk-arg-expert_add', { state: 'visible' });
}];

test('axe: no serious or critical violation on any page, in Persian and English', async () => {
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const failing = [];

  await page.goto(`${BASE}/auth/login`);
  failing.push(...await walk(page, [`${BASE}/auth/login`], 'login'));

  await logIn(page, name, 'axe-password-1');
  assert.equal(await page.getAttribute('html', 'lang'), 'fa');
  const all = await allPages(page);
  assert.ok(all.length >= 20, `pages found: ${all.length}`);
  // the managed lists (/parties/lists?kind=...) are one screen with other names in it: the first is
  // audited (the phone walk still sees each); eleven more pages would be a quarter of this test's time
  const urls = all.filter((u) => !/\/parties\/lists\?kind=/.test(u) || u === all.find((v) => /\/parties\/lists\?kind=/.test(v)));

  const pageEn = await (await browser.newContext()).newPage();
  pageEn.on('pageerror', (e) => errors.push(e.message));
  await logIn(pageEn, nameEn, 'axe-password-1');
  await Promise.all([pageEn.waitForLoadState('load'), pageEn.click('button[name="lang"][value="en"]')]);
  await pageEn.waitForSelector('html[lang="en"]');
  // side by side: one after the other they took 34 s of the two cores
  for (const f of await Promise.all([walk(page, urls, 'fa', [pickerOpen, expertsOpen, bulkOpen]), walk(pageEn, urls, 'en', [pickerOpen, expertsOpen, bulkOpen])]))
    failing.push(...f);

  assert.deepEqual(failing, [], 'serious or critical accessibility violations');
  assert.deepEqual(errors, []);
});
