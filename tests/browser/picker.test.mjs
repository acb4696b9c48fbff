// Type-ahead pickers (html/static/js/picker.js over Tom Select): typing part of a company's name in
// the person page's "works at" box offers it (name, code), choosing it and adding links the two;
// a user's customers are picked the same way and saved as codes; a code typed in full without a
// match is kept and the server still says when it names nothing; a party's experts among more staff than
// boxes fit are typed and picked from the form's own list. At both sizes, fa and en, no
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

// More active staff than boxes fit (12): a party's experts are a list typed into, not a box per user.
test('a party\'s experts among many staff are picked by typing a name and taken off by their ×, on a phone in Persian', async () => {
  sql(`UPDATE users SET lang = 'fa' WHERE username = '${user}'`);
  const tag = uniqueName('pex').toLowerCase();
  // names told apart by a word (the tag holds digits, so a number typed would match them all)
  const words = ['Arash', 'Bahar', 'Cyrus', 'Dara', 'Elham', 'Farid', 'Golnar', 'Hamid', 'Iraj', 'Jaleh', 'Kaveh', 'Laleh', 'Mina'];
  sql(`INSERT INTO users (username, display_name, email, password_hash) VALUES
       ${words.map((w, i) => `('${tag}-${i + 1}', '${w} ${tag}', '', 'x')`).join(', ')}`);
  const uid = (i) => sqlInt(`SELECT id FROM users WHERE username = '${tag}-${i}'`);
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await logIn(page, user, PASSWORD);
  await page.goto(`${BASE}/parties/person/new`);
  assert.equal(await page.locator('input[type="checkbox"][name="expert"]').count(), 0, 'no box per user');
  const box = page.locator('#experts-ts-control');
  assert.ok(await box.isVisible(), 'a box to type into');
  // the typing box is named by the field's label
  assert.equal(await page.evaluate(() => document.getElementById('experts-ts-control').labels.length), 1);
  await box.click();
  await box.pressSequentially(`golnar ${tag}`, { delay: 20 });
  await page.locator('.ts-dropdown .option', { hasText: `Golnar ${tag}` }).waitFor();
  // the list narrows once the typing pauses (Tom Select's refresh throttle)
  await page.waitForFunction((t) => [...document.querySelectorAll('#experts-ts-dropdown .option')].filter((o) => o.textContent.includes(t)).length === 1, tag);
  assert.equal(await page.locator('#experts-ts-dropdown .option', { hasText: tag }).count(), 1, 'only what matches is offered');
  await box.press('Enter');
  await box.pressSequentially(`lale`, { delay: 20 });
  await page.locator('.ts-dropdown .option', { hasText: `Laleh ${tag}` }).click();
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= innerWidth), 'no sideways scroll');
  await page.screenshot({ path: path.join(shots, 'picker-experts-phone.png'), fullPage: false });
  const last = uniqueName('Assigned');
  await page.fill('#last_name', last);
  await Promise.all([page.waitForURL(/\/parties\/party\?id=\d+/), page.locator('#party-form button[type="submit"]').first().click()]);
  const id = sqlInt(`SELECT id FROM parties WHERE display_name LIKE '%${last}'`);
  assert.equal(sql(`SELECT GROUP_CONCAT(user_id ORDER BY user_id) FROM party_experts WHERE party_id = ${id}`), `${uid(7)},${uid(12)}`);

  // the edit form shows them as picked; one taken off by its ×, another added; saved as shown
  await page.goto(`${BASE}/parties/party/edit?id=${id}`);
  assert.equal(await page.locator('#experts-ts-control').locator('xpath=..').locator('.item').count(), 2);
  await page.locator('.ts-wrapper .item', { hasText: `Golnar ${tag}` }).locator('.remove').click();
  await page.locator('#experts-ts-control').click();
  await page.locator('#experts-ts-control').pressSequentially(`cyr`, { delay: 20 });
  await page.locator('.ts-dropdown .option', { hasText: `Cyrus ${tag}` }).click();
  await Promise.all([page.waitForURL(/\/parties\/party\?id=\d+/), page.locator('#party-form button[type="submit"]').first().click()]);
  assert.equal(sql(`SELECT GROUP_CONCAT(user_id ORDER BY user_id) FROM party_experts WHERE party_id = ${id}`), `${uid(3)},${uid(12)}`);
  assert.deepEqual(problems, []);
  sql(`UPDATE users SET is_active = 0 WHERE username LIKE '${tag}-%'`);
});
