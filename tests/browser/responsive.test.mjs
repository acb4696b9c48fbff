// One design on phones and desktops (issue 12): at 390×844, in Persian and English, every page the
// menus and sub-menus reach, and a record page, an edit form and a new-record form of persons,
// companies and users, fits the screen (no page scrolls sideways); the header folds into a menu
// behind a button that the keyboard reaches. At 1366×800 the header stays one row. A screenshot of
// each page lands in $CRM_VAR/screenshots/ (phone-<lang>-<page>.png, desktop-<lang>-<page>.png).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, logIn, shots } from './browser.mjs';
import { BASE, createUser, uniqueName } from '../http/helpers.mjs';
import { allPages, recordPages, slug } from './pages.mjs';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 800 };

let browser;
const name = uniqueName('walker');
// the English walk's own user: the language is the user's, and the two walks run side by side
const nameEn = uniqueName('walkerEn');
before(async () => {
  browser = await launch();
  createUser(name, 'walker-password-1', 'admin');
  createUser(nameEn, 'walker-password-1', 'admin');
});
after(async () => { await browser?.close(); });

// Visits each page and returns those wider than the screen, with the widest element that sticks out.
async function walk(page, urls, prefix) {
  const wide = [];
  for (const url of urls) {
    const res = await page.goto(url);
    assert.ok(res.status() < 400, `${url}: ${res.status()}`);
    const m = await page.evaluate(() => {
      const se = document.scrollingElement;
      const out = { scroll: se.scrollWidth, inner: innerWidth, culprit: '' };
      if (out.scroll > out.inner) {
        let worst = 0;
        // what sits in a box that scrolls or clips by itself cannot widen the page
        const clipped = (el) => {
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true;
          return false;
        };
        for (const el of document.body.querySelectorAll('*')) {
          if (clipped(el)) continue;
          const r = el.getBoundingClientRect();
          const over = Math.max(r.right - innerWidth, -r.left);
          if (over > worst && getComputedStyle(el).position !== 'fixed') {
            worst = over;
            out.culprit = `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (+${Math.round(over)}px)`;
          }
        }
      }
      return out;
    });
    await page.screenshot({ path: path.join(shots, `${prefix}-${slug(url)}.png`), fullPage: true });
    if (m.scroll > m.inner) wide.push(`${url}: ${m.scroll}px > ${m.inner}px, ${m.culprit}`);
  }
  return wide;
}

test('phones: every page fits 390 px in Persian and English; the header is a menu behind a button', async () => {
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, name, 'walker-password-1');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');

  // The menu is folded; the keyboard reaches the skip link, then the menu button, and opens it.
  const toggle = page.locator('#menu-toggle');
  assert.ok(await toggle.isVisible(), 'a menu button on phones');
  assert.ok(!(await page.locator('#topnav').isVisible()), 'the menu starts folded');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link');
  assert.ok(await page.locator('#skip-link').isVisible(), 'the skip link shows when it has the focus');
  for (let i = 0; i < 5 && await page.evaluate(() => document.activeElement.id) !== 'menu-toggle'; i++) await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'menu-toggle', 'the menu button is reachable by Tab');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await page.locator('#topnav').isVisible());
  assert.ok(await page.locator('#topnav nav.menu a').first().isVisible());
  await page.screenshot({ path: path.join(shots, 'phone-fa-menu-open.png'), fullPage: true });
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');

  const urls = await allPages(page);
  assert.ok(urls.length >= 20, `pages found: ${urls.length}`);

  // English through the language buttons in the opened menu, as the other user, whose walk runs
  // beside the Persian one (two cores: the walks took 25 s one after the other)
  const pageEn = await (await browser.newContext({ viewport: PHONE })).newPage();
  pageEn.on('pageerror', (e) => errors.push(e.message));
  await logIn(pageEn, nameEn, 'walker-password-1');
  await pageEn.locator('#menu-toggle').click();
  await Promise.all([pageEn.waitForLoadState('load'), pageEn.click('button[name="lang"][value="en"]')]);
  await pageEn.waitForSelector('html[dir="ltr"]');
  const [wideFa, wideEn] = await Promise.all([walk(page, urls, 'phone-fa'), walk(pageEn, urls, 'phone-en')]);
  assert.deepEqual([...wideFa, ...wideEn], [], 'pages wider than the phone');
  assert.deepEqual(errors, []);
});

test('desktops: the header is one row, and a screenshot of each main screen', async () => {
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  await logIn(page, name, 'walker-password-1');
  const main = ['/home/', '/parties/persons', '/parties/companies', '/parties/groups', '/parties/lists', '/parties/search',
    '/parties/import', '/admin/users', '/admin/roles', '/admin/audit', '/auth/preferences'];
  const records = [
    ...await recordPages(page, '/parties/persons', '#parties tbody a[href*="/parties/party?id="]', '#edit', '#new-party'),
    ...await recordPages(page, '/admin/users', '#users tbody a[href*="/admin/user?id="]', null, null),
  ];
  for (const lang of ['fa', 'en']) {
    await page.goto(`${BASE}/home/`);
    if (await page.getAttribute('html', 'lang') !== lang) {
      await Promise.all([page.waitForLoadState('load'), page.click(`button[name="lang"][value="${lang}"]`)]);
      await page.waitForSelector(`html[lang="${lang}"]`);
    }
    assert.ok(!(await page.locator('#menu-toggle').isVisible()), 'no menu button on a desktop');
    const header = await page.locator('header.topbar').boundingBox();
    assert.ok(header.height < 70, `the header is one row: ${header.height}px`);
    const wide = await walk(page, [...main.map((p) => `${BASE}${p}`), ...records], `desktop-${lang}`);
    assert.deepEqual(wide, [], 'pages wider than the desktop');
  }
});
