// The header on every page (issue 12): the global search as you type, by keyboard (arrow down,
// Enter opens the record; Escape closes the list), and "+ New" by keyboard, at 1366×800 in English
// and at 390×844 in Persian inside the folded menu; the start page's panels filled by their modules.
// Screenshots: $CRM_VAR/screenshots/header-<desktop|phone>-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, logIn, shots } from './browser.mjs';
import { BASE, createUser, uniqueName, sql, login, get, csrfOf, postMultipart, newPerson } from '../http/helpers.mjs';

let browser;
const user = uniqueName('header');
const PASSWORD = 'header-password-1';
before(async () => {
  browser = await launch();
  createUser(user, PASSWORD, 'admin');
});
after(async () => { await browser?.close(); });

async function open(size, lang) {
  sql(`UPDATE users SET lang = '${lang}' WHERE username = '${user}'`);
  const page = await (await browser.newContext({ viewport: size })).newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // CSP refusals are console errors; a failed load is named by its response (the browser's own favicon.ico aside)
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`${r.status()} ${r.url()}`); });
  await logIn(page, user, PASSWORD);
  return { page, problems };
}
// At 390 px the search and "+ New" sit in the folded menu: open it first.
async function unfold(page) {
  if (await page.locator('#menu-toggle').isVisible()) {
    await page.click('#menu-toggle');
    await page.locator('#gs-q').waitFor({ state: 'visible' });
  }
}
const fits = (page) => page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth);

for (const [label, size, lang] of [['desktop', { width: 1366, height: 800 }, 'en'], ['phone', { width: 390, height: 844 }, 'fa']]) {
  test(`global search at ${size.width} px (${lang}): type, arrow down, Enter opens the record; Escape closes`, async () => {
    const name = uniqueName('Gsearch');
    const id = await newPerson((await login(user, PASSWORD)).jar, { last_name: name });
    const { page, problems } = await open(size, lang);
    await page.goto(`${BASE}/parties/persons`); // any page: the header is on all
    await unfold(page);
    await page.focus('#gs-q');
    await page.keyboard.type(name.slice(0, 12), { delay: 15 });
    const option = page.locator('#gs-list [role="option"]', { hasText: name });
    await option.waitFor({ timeout: 5000 });
    assert.equal(await page.getAttribute('#gs-q', 'aria-expanded'), 'true');
    assert.ok(await fits(page), 'the open list does not widen the page');
    await page.screenshot({ path: path.join(shots, `header-${label}-search.png`) });

    // arrow down to the option of that person, then Enter
    const index = await page.$$eval('#gs-list [role="option"]', (os, n) => os.findIndex((o) => o.textContent.includes(n)), name);
    for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
    const chosen = await page.getAttribute('#gs-q', 'aria-activedescendant');
    assert.equal(await page.getAttribute(`#${chosen}`, 'aria-selected'), 'true');
    assert.match(await page.textContent(`#${chosen}`), new RegExp(name));
    await Promise.all([page.waitForURL(/\/parties\/party\?id=\d+/), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).searchParams.get('id'), String(id));

    // Escape closes the list (and at 390 leaves the menu open); Escape again empties the box
    await unfold(page);
    await page.focus('#gs-q');
    await page.keyboard.type(name.slice(0, 12), { delay: 15 });
    await option.waitFor({ timeout: 5000 });
    await page.keyboard.press('Escape');
    assert.ok(await page.locator('#gs-list').isHidden());
    assert.equal(await page.getAttribute('#gs-q', 'aria-expanded'), 'false');
    if (label === 'phone') assert.equal(await page.getAttribute('#menu-toggle', 'aria-expanded'), 'true');
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#gs-q'), '');
    assert.deepEqual(problems, []);
  });

  test(`"+ New" at ${size.width} px (${lang}): reached and used by keyboard`, async () => {
    const { page, problems } = await open(size, lang);
    await page.goto(`${BASE}/home/`);
    await unfold(page);
    // Tab from the search box reaches the button; Enter opens it, Escape closes it onto the button
    await page.focus('#gs-q');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quick-new-button');
    await page.keyboard.press('Enter');
    await page.locator('#quick-person').waitFor({ state: 'visible' });
    assert.ok(await page.locator('#quick-company').isVisible());
    assert.ok(await fits(page));
    await page.screenshot({ path: path.join(shots, `header-${label}-new.png`) });
    await page.keyboard.press('Escape');
    assert.ok(await page.locator('#quick-person').isHidden());
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quick-new-button');
    // open again, Tab to "Company", Enter: the new-company form
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'quick-company');
    await Promise.all([page.waitForURL(/\/parties\/company\/new$/), page.keyboard.press('Enter')]);
    assert.deepEqual(problems, []);
  });
}

test('start page: counts and lists shown, the imports panel filled by the parties module once there is one', async () => {
  const { page, problems } = await open({ width: 1366, height: 800 }, 'en');
  await page.goto(`${BASE}/home/`);
  assert.ok(await page.locator('#count-persons').isVisible());
  assert.ok(await page.locator('#panel-imports').isHidden(), 'no imports: no panel');
  const jar = (await login(user, PASSWORD)).jar;
  const file = `${uniqueName('start')}.csv`;
  const up = await get('/parties/import', { jar });
  const res = await postMultipart('/parties/import/upload', { csrf_token: csrfOf(up.text), kind: 'person', encoding: 'auto' },
    [{ field: 'file', name: file, data: 'last_name\nStart\n', type: 'text/csv' }], jar);
  assert.equal(res.status, 303);
  await page.reload();
  await page.locator('#panel-imports #recent-imports').waitFor({ state: 'visible', timeout: 5000 });
  assert.match(await page.textContent('#panel-imports'), new RegExp(file.replace('.', '\\.')));
  await page.screenshot({ path: path.join(shots, 'header-desktop-start.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.ok(await fits(page), 'the start page fits a phone');
  await page.screenshot({ path: path.join(shots, 'header-phone-start.png'), fullPage: true });
  assert.deepEqual(problems, []);
});
