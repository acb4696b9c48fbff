// A user creates a person and a company, links them, and finds the person in
// the phone book by a phone number typed in Persian digits, as they type.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, logIn, shots } from './browser.mjs';
import { BASE, createUser, uniqueName } from '../http/helpers.mjs';

let browser;
const persian = (s) => s.replace(/[0-9]/g, (c) => String.fromCharCode(0x06F0 + Number(c)));

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('person and company, linked, found by a Persian-digit phone number as you type', async () => {
  const user = uniqueName('clerk');
  createUser(user, 'clerk-password-1', 'admin');
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, user, 'clerk-password-1');

  const companyCode = uniqueName('CO');
  await page.goto(`${BASE}/parties/company/new`);
  await page.fill('#code', companyCode);
  await page.fill('#display_name', 'شرکت پارس ابزار');
  await Promise.all([page.waitForNavigation(), page.click('#save')]);
  assert.match(await page.textContent('#party-name'), /پارس ابزار/);

  const tail = String(Date.now()).slice(-7);
  const mobile = `0912${tail}`;
  await page.goto(`${BASE}/parties/person/new`);
  await page.fill('#first_name', 'زهرا');
  await page.fill('#last_name', 'کریمی');
  await page.fill('#mobile', mobile);
  await page.fill('#birth_date', '1370/06/31');
  await Promise.all([page.waitForNavigation(), page.click('#save')]);
  const personUrl = page.url();
  assert.match(await page.textContent('#party-name'), /زهرا کریمی/);
  assert.equal((await page.textContent('#f-birth_date')).trim(), '1370/06/31');

  await page.selectOption('#relation-form select[name="relation"]', { index: 0 });
  await page.fill('#relation-form input[name="other_code"]', companyCode);
  await Promise.all([page.waitForNavigation(), page.click('#relation-add')]);
  assert.match(await page.textContent('#relations'), /پارس ابزار/);

  await page.goto(`${BASE}/parties/search`);
  await page.focus('#q');
  await page.keyboard.type(persian(mobile), { delay: 20 });
  const hit = page.locator('#results a', { hasText: 'زهرا کریمی' });
  await hit.waitFor({ timeout: 5000 });
  await page.screenshot({ path: path.join(shots, 'phonebook.png') });
  // the arrow keys walk from the box into the results and back
  const focused = () => page.evaluate(() => (document.activeElement.id || document.activeElement.className));
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'result-link');
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('#results a.result-link')), true);
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(), 'q');
  assert.match(await page.getAttribute('#results a.result-phone', 'href'), /^tel:\+98912\d{7}$/);
  await Promise.all([page.waitForNavigation(), hit.click()]);
  assert.equal(page.url().replace(/&saved=1$/, ''), personUrl.replace(/&saved=1$/, ''));
  // the company's page shows the tie too
  await page.click(`#relations a`);
  await page.waitForSelector('#party-name');
  assert.match(await page.textContent('#relations'), /زهرا کریمی/);
  // a logo and a file, uploaded through the record page's own forms
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f6f4b70000000049454e44ae426082', 'hex');
  await page.setInputFiles('#logo-form input[type=file]', { name: 'logo.png', mimeType: 'image/png', buffer: png });
  await Promise.all([page.waitForNavigation(), page.click('#logo-set')]);
  assert.equal(await page.$eval('#logo', (img) => img.complete && img.naturalWidth), 1, 'the logo loads through its permission check');
  await page.setInputFiles('#attachment-form input[type=file]', { name: 'قرارداد.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await page.fill('#attachment-form input[name="note"]', 'نسخهٔ امضاشده');
  await Promise.all([page.waitForNavigation(), page.click('#attachment-add')]);
  assert.match(await page.textContent('#attachments'), /قرارداد\.pdf[\s\S]*نسخهٔ امضاشده/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#attachments a')]);
  assert.equal(download.suggestedFilename(), 'قرارداد.pdf');
  await page.screenshot({ path: path.join(shots, 'company.png'), fullPage: true });
  // a related item's ✕ asks first: the first click only opens "Yes, remove", the second removes
  const remove = page.locator('#relations details.remove-item');
  assert.equal(await remove.locator('button.danger').isVisible(), false);
  await remove.locator('summary').click();
  assert.equal(await remove.locator('button.danger').isVisible(), true);
  assert.match(await page.textContent('#relations'), /زهرا کریمی/, 'nothing removed by the ✕ alone');
  await Promise.all([page.waitForNavigation(), remove.locator('button.danger').click()]);
  assert.doesNotMatch(await page.textContent('#relations'), /زهرا کریمی/);
  assert.deepEqual(errors, []);
});

test('in English, left to right: a rank with a colour made on the ranks screen colours a company in its list', async () => {
  const user = uniqueName('ranker');
  createUser(user, 'ranker-password-1', 'admin');
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, user, 'ranker-password-1');
  await Promise.all([page.waitForLoadState('load'), page.click('button[name="lang"][value="en"]')]);
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');

  await page.goto(`${BASE}/parties/lists`);
  await Promise.all([page.waitForNavigation(), page.click('#ranks-link')]);
  const rank = uniqueName('Platinum');
  await page.fill('#rank-new input[name="name"]', rank);
  await page.fill('#rank-new input[name="color"]', '#6f42c1');
  await Promise.all([page.waitForNavigation(), page.click('#rank-add')]);
  assert.match(await page.textContent('#form-notice'), /Saved/);

  const code = uniqueName('RK');
  await page.goto(`${BASE}/parties/company/new`);
  await page.fill('#code', code);
  await page.fill('#display_name', `Violet Works ${code}`);
  await page.check('#color_from_rank');
  await page.selectOption('#icon', 'diamond');
  await Promise.all([page.waitForNavigation(), page.click('#save')]);
  await page.selectOption('#ranking-form select[name="rank_id"]', { label: rank });
  await page.fill('#ranking-form input[name="start_date"]', '1403/01/01'); // the user's calendar: Jalali, in English too
  await Promise.all([page.waitForNavigation(), page.click('#ranking-add')]);
  assert.equal(await page.getAttribute('#party-name svg.swatch rect', 'fill'), '#6f42c1');
  assert.match(await page.textContent('#party-name .party-icon'), /◆/);

  await page.goto(`${BASE}/parties/companies?sort=created&dir=desc&cols=code,display_name,rank,created_at`);
  const row = page.locator('#parties tbody tr', { hasText: code });
  assert.equal(await row.locator('td.rank svg.swatch rect').getAttribute('fill'), '#6f42c1');
  assert.equal(await page.locator('th:has(> #sort-created)').getAttribute('aria-sort'), 'descending');
  await page.screenshot({ path: path.join(shots, 'companies-en.png'), fullPage: true });
  assert.deepEqual(errors, []);
});
