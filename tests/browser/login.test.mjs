// Headless Chromium (Debian's) driven by playwright-core: log in, see the
// Persian right-to-left start page, switch to English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, shots } from './browser.mjs';
import { BASE, createUser, uniqueName } from '../http/helpers.mjs';

let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('log in, Persian right-to-left start page, switch to English', async () => {
  // Its own user: switching the language must not change anyone else's pages.
  const name = uniqueName('browser');
  createUser(name, 'browser-password-1');
  const page = await browser.newPage();
  await page.goto(`${BASE}/home/`);
  assert.match(page.url(), /\/auth\/login\?next=%2Fhome%2F$/);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'fa');
  await page.fill('#username', name);
  await page.fill('#password', 'browser-password-1');
  await page.screenshot({ path: path.join(shots, 'login-fa.png') });
  await Promise.all([page.waitForURL(`${BASE}/home/`), page.click('#login-submit')]);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.match(await page.textContent('#welcome'), /خوش آمدید/);
  // The layout really runs right to left: the brand sits at the right edge.
  const brand = await page.locator('.brand').boundingBox();
  const width = page.viewportSize().width;
  assert.ok(brand.x > width / 2, `brand at x=${brand.x} of ${width}`);
  // The vendored Vazirmatn font is loaded from our own server.
  await page.evaluate(() => document.fonts.ready);
  assert.ok(await page.evaluate(() => document.fonts.check('16px Vazirmatn', 'سلام')));
  assert.match(await page.evaluate(() => getComputedStyle(document.body).fontFamily), /Vazirmatn/);
  await page.screenshot({ path: path.join(shots, 'home-fa.png') });

  await Promise.all([page.waitForLoadState('load'), page.click('button[name="lang"][value="en"]')]);
  await page.waitForSelector('html[dir="ltr"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('#welcome'), /Welcome,/);
  const brandEn = await page.locator('.brand').boundingBox();
  assert.ok(brandEn.x < width / 2, `brand at x=${brandEn.x}`);
  await page.screenshot({ path: path.join(shots, 'home-en.png') });
  await page.close();
});
