// Bulk actions in the browser, at 1366×800 in English and 390×844 in Persian: the header's box
// chooses the page, the bar counts the chosen rows in the user's digits, "all N matching" appears
// only once the whole page is chosen, the page never scrolls sideways, and applying changes the rows.
// Screenshots: $CRM_VAR/screenshots/bulk-<desktop|phone>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, logIn, shots } from './browser.mjs';
import { BASE, createUser, uniqueName, sql, sqlInt } from '../http/helpers.mjs';

let browser;
const user = uniqueName('bulkb');
const PASSWORD = 'bulk-browser-pw-1';
before(async () => {
  browser = await launch();
  createUser(user, PASSWORD, 'admin');
});
after(async () => { await browser?.close(); });

for (const [label, size, lang, digits] of [['desktop', { width: 1366, height: 800 }, 'en', 'latin'],
  ['phone', { width: 390, height: 844 }, 'fa', 'persian']]) {
  test(`bulk bar on the persons list (${label})`, async () => {
    sql(`UPDATE users SET lang = '${lang}', digits = '${digits}' WHERE username = '${user}'`);
    const page = await (await browser.newContext({ viewport: size })).newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await logIn(page, user, PASSWORD);
    await page.goto(`${BASE}/parties/persons`);
    const boxes = page.locator('input[form="bulk-form"][name="id"]');
    const n = await boxes.count();
    assert.ok(n >= 2, 'the demo data fills a page');
    assert.equal(await page.locator('#bulk-all-label').isVisible(), false, '"all matching" waits for the whole page');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const two = digits === 'persian' ? '۲' : '2';
    assert.match(await page.locator('#bulk-chosen').textContent(), new RegExp(`^${two}\\s`));
    await page.locator('#bulk-page').check();
    assert.equal(await page.locator('input[form="bulk-form"][name="id"]:checked').count(), n);
    assert.equal(await page.locator('#bulk-all-label').isVisible(), true);
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), 'no sideways scroll');
    await page.screenshot({ path: path.join(shots, `bulk-${label}.png`), fullPage: false });
    // back to two rows: star them
    await page.locator('#bulk-page').uncheck();
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    const ids = [await boxes.nth(0).getAttribute('value'), await boxes.nth(1).getAttribute('value')];
    const me = sqlInt(`SELECT id FROM users WHERE username = '${user}'`);
    sql(`DELETE FROM party_stars WHERE user_id = ${me}`);
    await page.selectOption('#bulk-do', 'star');
    await Promise.all([page.waitForURL(/bulk=star/), page.click('#bulk-go')]);
    assert.equal(await page.locator('#bulk-changed').isVisible(), true);
    assert.equal(sqlInt(`SELECT COUNT(*) FROM party_stars WHERE user_id = ${me} AND party_id IN (${ids.join(',')})`), 2);
    assert.deepEqual(problems, []);
  });
}
