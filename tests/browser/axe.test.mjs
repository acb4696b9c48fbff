// Accessibility (issue 12): axe-core (npm, pinned in package-lock.json, used by the tests only) on the
// login page and on every page the responsive walk reaches (tests/browser/pages.mjs: the menus, the
// sub-menus, a record page, an edit form and a new form), in Persian and in English, with a date
// picker open on a form and the bulk bar open with a choice on a list too; any serious or critical violation fails, named with its rule, page and
// elements. The counts by rule and impact (minor and moderate included) go to $CRM_VAR/axe-<lang>.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { launch, logIn } from './browser.mjs';
import { BASE, VAR, createUser, uniqueName } from '../http/helpers.mjs';
import { allPages } from './pages.mjs';

// Injected through the DevTools protocol (page.evaluate), which the page's strict CSP does not govern,
// so the CSP stays the one users get.
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FAILING = new Set(['serious', 'critical']);

let browser;
const name = uniqueName('axe');
before(async () => {
  browser = await launch();
  createUser(name, 'axe-password-1', 'admin');
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
  const urls = await allPages(page);
  assert.ok(urls.length >= 20, `pages found: ${urls.length}`);
  failing.push(...await walk(page, urls, 'fa', [pickerOpen, bulkOpen]));

  await page.goto(`${BASE}/home/`);
  await Promise.all([page.waitForLoadState('load'), page.click('button[name="lang"][value="en"]')]);
  await page.waitForSelector('html[lang="en"]');
  failing.push(...await walk(page, urls, 'en', [pickerOpen, bulkOpen]));

  assert.deepEqual(failing, [], 'serious or critical accessibility violations');
  assert.deepEqual(errors, []);
});
