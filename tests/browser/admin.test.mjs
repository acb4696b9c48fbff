// An admin makes a view-only role and a user with it through the screens; that
// user sees the module read-only, in Jalali dates with Persian digits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, logIn, shots } from './browser.mjs';
import { BASE, createUser, sql, uniqueName } from '../http/helpers.mjs';

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


test('view-only role, new user in Jalali with Persian digits, read-only module', async () => {
  const adminName = uniqueName('boss');
  createUser(adminName, 'boss-password-1', 'admin');
  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, adminName, 'boss-password-1');

  const roleName = uniqueName('auditor');
  await admin.goto(`${BASE}/admin/role/new`);
  await admin.fill('#name', roleName);
  await admin.selectOption('select[name="p_admin_view"]', 'all');
  await admin.selectOption('select[name="p_home_view"]', 'all');
  await Promise.all([admin.waitForNavigation(), admin.click('#save')]);
  assert.match(await admin.textContent('#form-notice'), /\S/);

  const userName = uniqueName('reader');
  await admin.goto(`${BASE}/admin/user/new`);
  await admin.fill('#username', userName);
  await admin.fill('#display_name', 'مریم رضایی');
  await admin.selectOption('#calendar', 'jalali');
  await admin.selectOption('#digits', 'persian');
  await admin.check(`#roles label:has-text("${roleName}") input`);
  await Promise.all([admin.waitForNavigation(), admin.click('#save')]);
  const temp = (await admin.textContent('#temp-password')).trim();
  assert.match(temp, /^[A-Za-z0-9]{16}$/);

  const reader = await (await browser.newContext()).newPage();
  await logIn(reader, userName, temp);
  assert.match(reader.url(), /\/auth\/password$/, 'a new user must choose a password first');
  await reader.fill('#current', temp);
  await reader.fill('#new', 'my-own-password-1');
  await reader.fill('#confirm', 'my-own-password-1');
  await Promise.all([reader.waitForNavigation(), reader.click('#password-submit')]);

  await reader.goto(`${BASE}/admin/users`);
  assert.equal(await reader.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await reader.locator('#new-user').count(), 0, 'no "new user" for a view-only role');
  const row = reader.locator('#users tr', { hasText: userName });
  const lastLogin = (await row.locator('.col-last_login_at').textContent()).trim();
  assert.match(lastLogin, /^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}$/, `Jalali with Persian digits: ${lastLogin}`);
  await reader.screenshot({ path: path.join(shots, 'admin-users-readonly.png'), fullPage: true });

  await row.locator('a').click();
  await reader.waitForSelector('#user-form');
  assert.equal(await reader.locator('#save').count(), 0);
  assert.ok(await reader.locator('#display_name').isDisabled());
  assert.match((await reader.textContent('#last_login_at')).trim(), /^[۰-۹]{4}\/[۰-۹]{2}\/[۰-۹]{2}/);
  assert.equal(await reader.locator('#history').count(), 1);
  await reader.screenshot({ path: path.join(shots, 'admin-user-readonly.png'), fullPage: true });

  // Keyboard only: the role matrix can be worked without a mouse.
  await admin.goto(`${BASE}/admin/role/new`);
  await admin.focus('#name');
  await admin.keyboard.type('kb-role');
  await admin.focus('select[name="p_home_view"]');
  await admin.keyboard.press('ArrowDown');
  assert.notEqual(await admin.inputValue('select[name="p_home_view"]'), 'none');
});

test('the date picker works with the keyboard, in Jalali with Persian digits', async () => {
  const name = uniqueName('picker');
  createUser(name, 'picker-password-1', 'admin');
  sql(`UPDATE users SET calendar = 'jalali', digits = 'persian' WHERE username = '${name}'`);
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, name, 'picker-password-1');
  await page.goto(`${BASE}/admin/audit`);
  await page.fill('#filter-from', '۱۴۰۳/۱۲/۲۹');
  await page.focus('#filter-from');
  await page.keyboard.press('F4');
  await page.waitForSelector('.datepicker [aria-selected="true"]');
  assert.equal((await page.textContent('.datepicker [aria-selected="true"]')).trim(), '۲۹');
  await page.keyboard.press('ArrowDown'); // a week later: 1404/01/06 (1403 is a leap year: 30 Esfand exists)
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue('#filter-from'), '۱۴۰۴/۰۱/۰۶');
  await page.screenshot({ path: path.join(shots, 'datepicker.png') });
  await Promise.all([page.waitForNavigation(), page.click('#audit-filter button[type="submit"]')]);
  assert.doesNotMatch(await page.content(), /id="form-error"/, 'the server reads the picked date');
  assert.deepEqual(errors, []);
});
