// Type-ahead pickers (html/static/js/picker.js over Tom Select): typing part of a company's name in
// the person page's "works at" box offers it (name, code), choosing it and adding links the two;
// a user's customers are picked the same way and saved as codes; a code typed in full without a
// match is kept and the server still says when it names nothing. At both sizes, fa and en, no
// script error, no sideways scroll. Screenshots: $CRM_VAR/screenshots/picker-<desktop|phone>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, logIn, shots } from './browser.mjs';
import { BASE, createParty, login, createUser, uniqueName, sql, sqlInt, newPerson, partyId } from '../http/helpers.mjs';

let browser, jar;
const user = uniqueName('picker');
const PASSWORD = 'picker-browser-pw-1';
before(async () => {
  browser = await launch();
  createUser(user, PASSWORD, 'admin');
  jar = (await login(user, PASSWORD)).jar;
});
after(async () => { await browser?.close(); });

for (const [label, size, lang] of [['desktop', { width: 1366, height: 800 }, 'en'], ['phone', { width: 390, height: 844 }, 'fa']]) {
  test(`a link to a company is picked by typing its name (${label})`, async () => {
    sql(`UPDATE users SET lang = '${lang}' WHERE username = '${user}'`);
    const word = uniqueName('Pickco');
    const code = uniqueName('PC');
    assert.equal((await createParty(jar, { kind: 'company', code, company_name: `${word} Holding` })).status, 303);
    const company = partyId(code);
    const person = await newPerson(jar, { first_name: 'Roya', last_name: uniqueName('Picked') });

    const page = await (await browser.newContext({ viewport: size })).newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    // the refused code's page is a 422 by design; any other console error is a problem
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 422/.test(m.text())) problems.push(m.text()); });
    await logIn(page, user, PASSWORD);
    await page.goto(`${BASE}/parties/party?id=${person}`);
    const form = page.locator('#employment-form');
    const box = form.locator('.ts-control input');
    await box.click();
    await box.pressSequentially(word.slice(0, 9).toLowerCase(), { delay: 30 });
    const option = page.locator('.ts-dropdown .option', { hasText: `${word} Holding` });
    await option.waitFor();
    assert.match(await option.textContent(), new RegExp(code), 'the option shows the code');
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), 'no sideways scroll');
    await page.screenshot({ path: path.join(shots, `picker-${label}.png`), fullPage: false });
    // the keyboard chooses it
    await box.press('ArrowDown');
    await box.press('Enter');
    assert.equal(await form.locator('input[name="company_code"]').inputValue(), code, 'the field holds its code');
    await Promise.all([page.waitForURL(/saved=1/), form.locator('#employment-add').click()]);
    assert.equal(sqlInt(`SELECT COUNT(*) FROM employments WHERE person_id = ${person} AND company_id = ${company}`), 1);
    await page.locator('#jobs', { hasText: `${word} Holding` }).waitFor();

    // a code typed in full and not chosen is kept; the server says it names nothing
    const box2 = page.locator('#employment-form .ts-control input');
    await box2.click();
    await box2.pressSequentially('NOSUCH-CODE-9', { delay: 10 });
    await box2.press('Enter');
    assert.equal(await page.locator('#employment-form input[name="company_code"]').inputValue(), 'NOSUCH-CODE-9');
    await Promise.all([page.waitForURL(/employment\/add$/), page.locator('#employment-add').click()]);
    assert.equal(await page.locator('#form-error').isVisible(), true, 'a clear message');
    assert.equal(sqlInt(`SELECT COUNT(*) FROM employments WHERE person_id = ${person}`), 1, 'nothing more saved');
    assert.deepEqual(problems, []);
  });
}

test('a user\'s customers are picked by name and saved as codes', async () => {
  sql(`UPDATE users SET lang = 'en' WHERE username = '${user}'`);
  const word = uniqueName('Pcust');
  const a = await newPerson(jar, { first_name: 'Omid', last_name: word });
  const b = await newPerson(jar, { first_name: 'Nima', last_name: word });
  const [codeA, codeB] = [a, b].map((id) => sql(`SELECT code FROM parties WHERE id = ${id}`));
  const staff = uniqueName('pstaff');
  createUser(staff, 'picker-staff-pw-1', 'staff');
  const staffId = sqlInt(`SELECT id FROM users WHERE username = '${staff}'`);

  const page = await (await browser.newContext({ viewport: { width: 1366, height: 800 } })).newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await logIn(page, user, PASSWORD);
  await page.goto(`${BASE}/admin/user?id=${staffId}`);
  const box = page.locator('#customers-ts-control');
  for (const [first, code] of [['Omid', codeA], ['Nima', codeB]]) {
    await box.click();
    await box.pressSequentially(`${first.toLowerCase()} ${word.toLowerCase()}`, { delay: 10 });
    await page.locator('.ts-dropdown .option', { hasText: code }).click();
  }
  assert.equal(await page.locator('textarea[name="customers"]').inputValue(), `${codeA}\n${codeB}`);
  await Promise.all([page.waitForURL(/saved=1/), page.locator('form button[type="submit"]', { hasText: /Save/ }).first().click()]);
  assert.equal(sql(`SELECT GROUP_CONCAT(party_id ORDER BY party_id) FROM user_customers WHERE user_id = ${staffId}`),
    [a, b].sort((x, y) => x - y).join(','));
  // shown again as picked items, and kept by a save that changes nothing
  await page.goto(`${BASE}/admin/user?id=${staffId}`);
  assert.equal(await page.locator('.ts-wrapper .item').count(), 2);
  assert.deepEqual(problems, []);
});
